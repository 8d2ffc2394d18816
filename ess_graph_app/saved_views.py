"""Saved views in the app: the Réseau page's widgets as a `SavedView` and back, the link
that opens a view, where views are kept, and the panel that saves, opens, renames and
deletes them.

A view lives in the workspace in meeting mode (`ess_graph.workspace.views`, journaled;
saving needs the facilitator's unlock like any edit), otherwise in this browser tab's
session, downloadable and uploadable as a small JSON file (`ess_graph.views`). Whatever
comes in (a link, a file, a stored view) is checked against the network shown
(`ess_graph.views.check_view`) before it reaches a widget: an id the network does not
know is dropped with a message, never an exception.

Widget values can only be set before the widgets are created in a run: `to_state` is
called from a callback (a button's ``on_click``) or, for a link, by the Réseau page
before its controls (`apply_query_params`).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urljoin

import streamlit as st

from ess_graph.network import Network
from ess_graph.views import (
    COMMENT_MAX,
    NAME_MAX,
    PARAM_KEYS,
    TITLE_MAX,
    Presentation,
    SavedView,
    ViewProblem,
    check_view,
    clean_text,
    is_view_url,
    name_key,
    view_from_params,
    view_to_params,
    views_from_json,
    views_to_json,
)
from ess_graph.workspace import views as wv
from ess_graph.workspace.store import WorkspaceError
from ess_graph_app import data, editing, state
from ess_graph_app.ui import file_slug, lang, md, tr

#: The Réseau page's address (its ``url_path`` in the router).
NETWORK_PATH = "reseau"
#: Problems of a link or a file shown one by one; the rest are counted.
SHOWN_PROBLEMS = 5


# The Réseau page's widgets <-> a view ---------------------------------------------------------


def to_state(view: SavedView, net: Network, key: str) -> list[ViewProblem]:
    """Set the Réseau page's widgets to show `view` (checked against `net` first: unknown
    ids are dropped); returns what was dropped. Call it before the widgets are created in
    a run (a callback, or the Réseau page before its controls)."""
    view, problems = check_view(view, net, where="url")
    ss = st.session_state
    ss[state.W_SCALE] = view.scale
    ss[state.W_TERRITORY] = list(view.territories)
    ss[state.W_POLE] = list(view.poles)
    ss[state.W_SECTOR] = list(view.sectors)
    ss[state.W_FAMILY] = list(view.families)
    ss[state.W_KIND] = list(view.kinds)
    ss[state.W_COLOR] = view.color_by
    ss[state.W_SIZE] = view.size_by
    # The search box finds a structure by its id first (`search.NameIndex.find`).
    ss[state.W_SEARCH] = view.focus or ""
    ss[state.W_DEPTH] = int(view.depth)
    span = data.year_range(key, net)
    if span is not None and span[0] < span[1]:
        low, high = int(span[0]), int(span[1])
        if view.years is not None:
            low, high = max(low, view.years[0]), min(high, view.years[1])
            if low > high:  # outside the slider: all years
                low, high = int(span[0]), int(span[1])
        ss[state.W_YEAR] = (low, high)
    ss[state.OPENED_VIEW] = view  # its name, title and comment, while nothing changes
    return problems


def with_opened(view: SavedView) -> SavedView:
    """`view` (what the widgets show) with the name, title and comment of the view opened
    last (a link, the panel), as long as the widgets still show that view."""
    opened = st.session_state.get(state.OPENED_VIEW)
    if not isinstance(opened, SavedView):
        return view
    bare = replace(opened, name="", title="", comment="")
    if replace(view, name="", title="", comment="") != bare:
        return view
    return replace(view, name=opened.name, title=opened.title, comment=opened.comment)


def share_url(view: SavedView) -> str:
    """The link that opens `view`, relative to the app's address: ``reseau?vue=…``.

    >>> share_url(SavedView("Brest", territories=("brest",)))
    'reseau?vue=Brest&territoire=brest'
    """
    params = view_to_params(view)
    return NETWORK_PATH + ("?" + urlencode(params) if params else "")


def absolute_url(view: SavedView) -> str:
    """`share_url` joined to the address this browser uses for the app (when known)."""
    here = getattr(st.context, "url", None)
    return urljoin(here, share_url(view)) if here else share_url(view)


def problem_lines(problems: list[ViewProblem]) -> list[str]:
    """Problems as lines for the screen (markdown-escaped), the first few then a count."""
    code = lang()
    lines = [md(p.message(code)) for p in problems[:SHOWN_PROBLEMS]]
    if len(problems) > SHOWN_PROBLEMS:
        lines.append(tr("views.more_problems", n=len(problems) - SHOWN_PROBLEMS))
    return lines


def apply_query_params(net: Network, key: str) -> None:
    """Open the view a link describes (``reseau?vue=…&territoire=…``), once: the view's
    parameters are then taken out of the address, so the widgets are free and a reload
    does not undo what the visitor changed. Called by the Réseau page before its
    controls; says what was opened and what was dropped in a toast."""
    params = {k: st.query_params.get_all(k) for k in st.query_params}
    if not is_view_url(params):
        return
    view, problems = view_from_params(params, net)
    problems += to_state(view, net, key)
    for name in params:
        if name in PARAM_KEYS.values():
            del st.query_params[name]
    shown = view.title or view.name or tr("views.url_unnamed")
    st.toast(tr("views.url_opened", name=md(shown)))
    for line in problem_lines(problems):
        st.toast(line)


# Where views are kept ------------------------------------------------------------------------


@dataclass(frozen=True)
class Kept:
    """A saved view or presentation as listed: `version` is the workspace's (None in a
    session)."""

    item: Any  # SavedView or Presentation
    version: int | None = None

    @property
    def name(self) -> str:
        return self.item.name


def in_workspace() -> bool:
    """Are views kept in the workspace (meeting mode, not left for an upload)?"""
    return editing.meeting_mode() and not st.session_state.get(state.DETACHED)


def may_save() -> bool:
    """May this session change saved views? Outside meeting mode always (the session's
    own views); in meeting mode once unlocked, like every edit."""
    return not in_workspace() or editing.can_edit()


def kept_views() -> list[Kept]:
    """The saved views, in the order saved."""
    if in_workspace():
        with editing.open_workspace() as ws:
            return [Kept(s.view, s.version) for s in wv.list_views(ws)]
    return [Kept(v) for v in st.session_state.get(state.SAVED_VIEWS, [])]


def kept_presentations() -> list[Kept]:
    if in_workspace():
        with editing.open_workspace() as ws:
            return [Kept(s.presentation, s.version) for s in wv.list_presentations(ws)]
    return [Kept(p) for p in st.session_state.get(state.SAVED_PRESENTATIONS, [])]


def find(items: list[Kept], name: str) -> Kept | None:
    wanted = name_key(name)
    return next((k for k in items if name_key(k.name) == wanted), None)


def _session_put(store_key: str, item: Any, old_name: str | None = None) -> bool:
    """Put `item` in the session's list (replacing `old_name`, or its own name); True
    when it replaced one."""
    items = list(st.session_state.get(store_key, []))
    wanted = name_key(old_name if old_name is not None else item.name)
    for i, existing in enumerate(items):
        if name_key(existing.name) == wanted:
            items[i] = item
            st.session_state[store_key] = items
            return True
    items.append(item)
    st.session_state[store_key] = items
    return False


def save(view: SavedView) -> bool:
    """Save `view` under its name (replacing a view of that name); True if it replaced
    one. Raises `WorkspaceError` in meeting mode when refused."""
    if in_workspace():
        current = find(kept_views(), view.name)
        with editing.open_workspace() as ws:
            wv.save_view(
                ws,
                view,
                who=editing.who(),
                origin=editing.origin(),
                replace=True,
                version=None if current is None else current.version,
            )
        return current is not None
    return _session_put(state.SAVED_VIEWS, view)


def rename(kept: Kept, new_name: str) -> str:
    if in_workspace():
        with editing.open_workspace() as ws:
            stored = wv.rename_view(
                ws,
                kept.name,
                new_name,
                version=kept.version or 0,
                who=editing.who(),
                origin=editing.origin(),
            )
        return stored.name
    new_name = clean_text(new_name, NAME_MAX)[0]
    if not new_name:
        raise wv.ViewsError("empty_name")
    views = st.session_state.get(state.SAVED_VIEWS, [])
    clash = find([Kept(v) for v in views], new_name)
    if clash is not None and name_key(clash.name) != name_key(kept.name):
        raise wv.ViewsError("exists", name=clash.name)
    _session_put(state.SAVED_VIEWS, replace(kept.item, name=new_name), old_name=kept.name)
    # The session's presentations name their views: they follow.
    st.session_state[state.SAVED_PRESENTATIONS] = [
        Presentation(p.name, tuple(new_name if v == kept.name else v for v in p.views))
        for p in st.session_state.get(state.SAVED_PRESENTATIONS, [])
    ]
    return new_name


def delete(kept: Kept) -> list[str]:
    """Delete a view; returns the presentations it was taken out of."""
    if in_workspace():
        with editing.open_workspace() as ws:
            return wv.delete_view(
                ws, kept.name, version=kept.version or 0, who=editing.who(), origin=editing.origin()
            )
    st.session_state[state.SAVED_VIEWS] = [
        v for v in st.session_state.get(state.SAVED_VIEWS, []) if v.name != kept.name
    ]
    changed, kept_p = [], []
    for p in st.session_state.get(state.SAVED_PRESENTATIONS, []):
        if kept.name in p.views:
            changed.append(p.name)
            p = Presentation(p.name, tuple(v for v in p.views if v != kept.name))
        kept_p.append(p)
    st.session_state[state.SAVED_PRESENTATIONS] = kept_p
    return changed


def save_presentation(presentation: Presentation) -> None:
    if in_workspace():
        current = find(kept_presentations(), presentation.name)
        with editing.open_workspace() as ws:
            wv.save_presentation(
                ws,
                presentation,
                who=editing.who(),
                origin=editing.origin(),
                replace=True,
                version=None if current is None else current.version,
            )
        return
    _session_put(state.SAVED_PRESENTATIONS, presentation)


def delete_presentation(kept: Kept) -> None:
    if in_workspace():
        with editing.open_workspace() as ws:
            wv.delete_presentation(
                ws, kept.name, version=kept.version or 0, who=editing.who(), origin=editing.origin()
            )
        return
    st.session_state[state.SAVED_PRESENTATIONS] = [
        p for p in st.session_state.get(state.SAVED_PRESENTATIONS, []) if p.name != kept.name
    ]


def views_file() -> bytes:
    """Every saved view and presentation as a views file."""
    views = [k.item for k in kept_views()]
    presentations = [k.item for k in kept_presentations()]
    return views_to_json(views, presentations).encode("utf-8")


def load_file(name: str, content: bytes, net: Network) -> tuple[int, int, list[ViewProblem]]:
    """Read a views file and keep what it holds (a view or presentation of the same name
    is replaced): (views kept, presentations kept, problems)."""
    document = views_from_json(content, where=name, net=net)
    if in_workspace():
        if document.views or document.presentations:
            with editing.open_workspace() as ws:
                wv.import_views(ws, document, who=editing.who(), origin=editing.origin())
    else:
        for view in document.views:
            _session_put(state.SAVED_VIEWS, view)
        for presentation in document.presentations:
            _session_put(state.SAVED_PRESENTATIONS, presentation)
    return len(document.views), len(document.presentations), list(document.problems)


# Messages said once ------------------------------------------------------------------------


def flash(kind: str, text: str) -> None:
    st.session_state.setdefault(state.VIEWS_FLASH, []).append((kind, text))


def show_flash(where: Any = st) -> None:
    for kind, text in st.session_state.pop(state.VIEWS_FLASH, []):
        getattr(where, kind)(text)


def _refused(exc: WorkspaceError) -> None:
    flash("error", md(exc.message(lang())))


# The panel -----------------------------------------------------------------------------------


def _who_known() -> bool:
    if not in_workspace() or editing.who():
        return True
    flash("warning", tr("views.who_missing"))
    return False


def _on_save(view: SavedView) -> None:
    ss = st.session_state
    name = str(ss.get(state.W_VW_NAME) or "")
    named = replace(
        view,
        # One clean line each, as the library keeps them (`views.clean_text`).
        name=clean_text(name, NAME_MAX)[0],
        title=clean_text(str(ss.get(state.W_VW_TITLE) or ""), TITLE_MAX)[0],
        comment=clean_text(str(ss.get(state.W_VW_COMMENT) or ""), COMMENT_MAX)[0],
    )
    if not named.name:
        flash("warning", tr("views.name_missing"))
        return
    if not _who_known():
        return
    try:
        replaced = save(named)
    except WorkspaceError as exc:
        _refused(exc)
        return
    saved = find(kept_views(), named.name)
    shown = saved.name if saved is not None else named.name
    flash("success", tr("views.replaced" if replaced else "views.saved", name=md(shown)))
    for widget in (state.W_VW_NAME, state.W_VW_TITLE, state.W_VW_COMMENT):
        ss[widget] = ""
    ss[state.W_VW_PICK] = shown


def _picked() -> Kept | None:
    name = st.session_state.get(state.W_VW_PICK)
    return None if name is None else find(kept_views(), str(name))


def _on_open(net: Network, key: str) -> None:
    kept = _picked()
    if kept is None:
        return
    problems = to_state(kept.item, net, key)
    flash("success", tr("views.opened", name=md(kept.name)))
    for line in problem_lines(problems):
        flash("warning", line)


def _on_rename() -> None:
    kept = _picked()
    new_name = str(st.session_state.get(state.W_VW_RENAME_TO) or "")
    if kept is None or not _who_known():
        return
    try:
        shown = rename(kept, new_name)
    except WorkspaceError as exc:
        _refused(exc)
        return
    st.session_state[state.W_VW_PICK] = shown
    st.session_state[state.W_VW_RENAME_TO] = ""
    flash("success", tr("views.renamed", name=md(shown)))


def _on_delete() -> None:
    kept = _picked()
    if kept is None or not _who_known():
        return
    try:
        changed = delete(kept)
    except WorkspaceError as exc:
        _refused(exc)
        return
    st.session_state.pop(state.W_VW_PICK, None)
    if changed:
        text = tr("views.deleted_from", name=md(kept.name), presentations=md(", ".join(changed)))
    else:
        text = tr("views.deleted", name=md(kept.name))
    flash("success", text)


def _on_undo() -> None:
    if not _who_known():
        return
    try:
        with editing.open_workspace() as ws:
            wv.undo_last(ws, who=editing.who(), origin=editing.origin())
    except WorkspaceError as exc:
        _refused(exc)
        return
    flash("success", tr("views.undone"))


def _on_upload(net: Network) -> None:
    upload = st.session_state.get(state.W_VW_UPLOAD)
    if upload is None or not _who_known():
        return
    try:
        n, p, problems = load_file(upload.name, upload.getvalue(), net)
    except WorkspaceError as exc:
        _refused(exc)
        return
    errors = [x for x in problems if x.is_error and not x.view]
    if not errors:
        flash("success", tr("views.loaded", file=md(upload.name), n=n, p=p))
    for line in problem_lines(problems):
        flash("error" if errors else "warning", line)


def remember_who() -> None:
    """Callback of the panel's name field (also on the Présentation page): the name is
    kept across pages, as the Rencontre page's."""
    st.session_state[state.WHO] = str(st.session_state.get(state.W_VW_WHO) or "").strip()


def save_panel(net: Network, key: str, view: SavedView) -> None:
    """The saved views' panel (in the Réseau page's sidebar): save the current view under
    a name, with a title and a comment; its link; open, rename or delete a saved view;
    download or load the views as a file.

    `view` is what the page's widgets show (`graph_view.controls`). The panel's widgets are
    sent to the browser only while it is open (the Réseau page is drawn on every visit;
    the panel is opened to save or share)."""
    box = st.sidebar.expander(tr("views.panel"), key=state.W_VW_PANEL, on_change="rerun")
    if not box.open:
        return
    with box:
        show_flash()
        editable = may_save()
        if not editable:
            st.caption(tr("views.locked"))
        else:
            if in_workspace() and not editing.who():
                st.text_input(tr("views.who"), key=state.W_VW_WHO, on_change=remember_who)
            st.text_input(tr("views.name"), key=state.W_VW_NAME, max_chars=80)
            st.text_input(tr("views.title"), key=state.W_VW_TITLE, max_chars=120)
            st.text_input(tr("views.comment"), key=state.W_VW_COMMENT, max_chars=280)
            st.button(
                tr("views.save"),
                key=state.W_VW_SAVE,
                on_click=_on_save,
                args=(view,),
                help=tr("views.save_help"),
                width="stretch",
            )
        st.caption(tr("views.link"), help=tr("views.link_help"))
        st.code(absolute_url(view), language=None, wrap_lines=True)
        kept = kept_views()
        if not kept:
            st.caption(tr("views.none"))
        else:
            names = [k.name for k in kept]
            if st.session_state.get(state.W_VW_PICK) not in names:
                st.session_state.pop(state.W_VW_PICK, None)
            st.selectbox(tr("views.pick"), names, key=state.W_VW_PICK)
            picked = _picked()
            st.button(
                tr("views.open"),
                key=state.W_VW_OPEN,
                on_click=_on_open,
                args=(net, key),
                type="primary",
                width="stretch",
            )
            if picked is not None:
                st.code(absolute_url(picked.item), language=None, wrap_lines=True)
            if editable:
                st.text_input(tr("views.rename_to"), key=state.W_VW_RENAME_TO, max_chars=80)
                left, right = st.columns(2)
                left.button(tr("views.rename"), key=state.W_VW_RENAME, on_click=_on_rename)
                right.button(tr("views.delete"), key=state.W_VW_DELETE, on_click=_on_delete)
        if editable and in_workspace():
            st.button(tr("views.undo"), key=state.W_VW_UNDO, on_click=_on_undo)
        if not in_workspace():
            st.caption(tr("views.session_only"))
        st.download_button(
            tr("views.download"),
            data=views_file(),
            file_name=f"vues_{file_slug(Path(net.source).name or 'reseau')}.json",
            mime="application/json",
            key=state.W_VW_DOWNLOAD,
            width="stretch",
        )
        if editable:
            st.file_uploader(
                tr("views.upload"),
                type=["json"],
                key=state.W_VW_UPLOAD,
                on_change=_on_upload,
                args=(net,),
            )
