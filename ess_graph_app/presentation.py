"""Présentation: an ordered list of saved views, prepared before the meeting and played
full screen in the room, one view after the other (buttons, or the arrow keys).

The views are those saved on the Réseau page (`ess_graph_app.saved_views`: in the workspace
in meeting mode, in this tab otherwise); each is drawn by `graph_view.draw`, as the Réseau
page draws it, after its ids are checked against the network shown. Playing hides the
sidebar and the header; the view's title and comment and the demo's notice take one line
each, the graph and its legend the rest of a 1280×720 screen.
"""

from __future__ import annotations

import streamlit as st

from ess_graph.network import Network
from ess_graph.views import NAME_MAX, Presentation, check_view, clean_text, name_key
from ess_graph.workspace.store import WorkspaceError
from ess_graph_app import editing, graph_view, saved_views, state
from ess_graph_app.ui import demo_banner, lang, md, require_network, style, tr

# The arrow keys' listener: trusted code of ours, run in the app page by streamlit
# (``st.components.v2``). It sends one word back, "next", "previous" or "stop", and
# nothing else. A click in the graph gives the keyboard to the graph's sandboxed frame,
# whose keys this page never sees: the focus is taken back to an invisible element here.
_KEYS_JS = """
export default function (component) {
  const { parentElement, setTriggerValue } = component;
  let sink = parentElement.querySelector("button.ess-keys");
  if (!sink) {
    sink = document.createElement("button");
    sink.className = "ess-keys";
    sink.tabIndex = -1;
    sink.setAttribute("aria-hidden", "true");
    sink.style.cssText = "position:absolute;width:1px;height:1px;opacity:0;border:0;padding:0;";
    parentElement.appendChild(sink);
  }
  const steps = {
    ArrowRight: "next", PageDown: "next", ArrowLeft: "previous", PageUp: "previous",
    Escape: "stop",
  };
  const onKey = (event) => {
    const step = steps[event.key];
    if (!step || event.repeat || event.altKey || event.ctrlKey || event.metaKey) { return; }
    const target = event.target;
    if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) {
      return;
    }
    event.preventDefault();
    setTriggerValue("step", step);
  };
  const onBlur = () => setTimeout(() => {
    const active = document.activeElement;
    if (active && active.tagName === "IFRAME") { sink.focus({ preventScroll: true }); }
  }, 0);
  window.addEventListener("keydown", onKey);
  window.addEventListener("blur", onBlur);
  return () => {
    window.removeEventListener("keydown", onKey);
    window.removeEventListener("blur", onBlur);
  };
}
"""

_keys = st.components.v2.component("ess_graph.presentation_keys", js=_KEYS_JS)
#: The listener draws nothing: out of the layout, so the buttons beside it stay aligned.
_PLAY_CSS = (
    f"<style>.st-key-{state.W_PR_KEYS} {{ position: absolute; width: 1px; height: 1px; "
    "overflow: hidden; }</style>"
)


def _draft() -> tuple[str, list[str]]:
    name, views = st.session_state.get(state.PR_DRAFT, ("", []))
    return str(name), list(views)


def _set_draft(name: str, views: list[str]) -> None:
    st.session_state[state.PR_DRAFT] = (name, views)


def _on_pick() -> None:
    """Another presentation chosen: build from it (or from nothing)."""
    picked = st.session_state.get(state.W_PR_PICK) or ""
    found = saved_views.find(saved_views.kept_presentations(), picked) if picked else None
    views = list(found.item.views) if found is not None else []
    _set_draft(found.name if found is not None else "", views)
    st.session_state[state.W_PR_NAME] = found.name if found is not None else ""


def _on_row(action: str, position: int) -> None:
    name, views = _draft()
    if not 0 <= position < len(views):
        return
    if action == "remove":
        views.pop(position)
    else:
        other = position + (-1 if action == "up" else 1)
        if 0 <= other < len(views):
            views[position], views[other] = views[other], views[position]
    _set_draft(name, views)


def _on_add() -> None:
    name, views = _draft()
    added = st.session_state.get(state.W_PR_ADD_VIEW)
    if added:
        views.append(str(added))
        _set_draft(name, views)


def _on_save() -> None:
    _, views = _draft()
    name = clean_text(str(st.session_state.get(state.W_PR_NAME) or ""), NAME_MAX)[0]
    if not name:
        saved_views.flash("warning", tr("pr.name_missing"))
        return
    if saved_views.in_workspace() and not editing.who():
        saved_views.flash("warning", tr("views.who_missing"))
        return
    try:
        saved_views.save_presentation(Presentation(name, tuple(views)))
    except WorkspaceError as exc:
        saved_views.flash("error", md(exc.message(lang())))
        return
    found = saved_views.find(saved_views.kept_presentations(), name)
    shown = found.name if found is not None else name
    st.session_state[state.W_PR_PICK] = shown
    _set_draft(shown, views)
    saved_views.flash("success", tr("pr.saved", name=md(shown)))


def _on_delete() -> None:
    picked = st.session_state.get(state.W_PR_PICK) or ""
    found = saved_views.find(saved_views.kept_presentations(), picked) if picked else None
    if found is None:
        return
    if saved_views.in_workspace() and not editing.who():
        saved_views.flash("warning", tr("views.who_missing"))
        return
    try:
        saved_views.delete_presentation(found)
    except WorkspaceError as exc:
        saved_views.flash("error", md(exc.message(lang())))
        return
    st.session_state[state.W_PR_PICK] = ""
    _set_draft("", [])
    st.session_state[state.W_PR_NAME] = ""
    saved_views.flash("success", tr("pr.deleted", name=md(found.name)))


def _on_play() -> None:
    name, views = _draft()
    if views:
        st.session_state[state.PR_PLAYING] = (name, tuple(views))
        st.session_state[state.PR_POSITION] = 0


def _on_step(step: int) -> None:
    playing = st.session_state.get(state.PR_PLAYING)
    if playing:
        position = int(st.session_state.get(state.PR_POSITION, 0)) + step
        st.session_state[state.PR_POSITION] = max(0, min(position, len(playing[1]) - 1))


def _on_key() -> None:
    """A key pressed while playing: a step, or leave (Escape)."""
    pressed = st.session_state.get(state.W_PR_KEYS) or {}
    step = pressed.get("step") if hasattr(pressed, "get") else None
    if step == "stop":
        _on_stop()
    elif step in ("next", "previous"):
        _on_step(1 if step == "next" else -1)


def _on_stop() -> None:
    st.session_state[state.PR_PLAYING] = None


def build(names: list[str]) -> None:
    """Choose a presentation or start one, put views in order, save, play."""
    presentations = saved_views.kept_presentations()
    options = ["", *(p.name for p in presentations)]
    if st.session_state.get(state.W_PR_PICK) not in options:
        st.session_state[state.W_PR_PICK] = options[1] if len(options) > 1 else ""
        _on_pick()
    if state.PR_DRAFT not in st.session_state:
        _on_pick()
    st.selectbox(
        tr("pr.pick"),
        options,
        format_func=lambda n: n or tr("pr.new"),
        key=state.W_PR_PICK,
        on_change=_on_pick,
    )
    editable = saved_views.may_save()
    st.text_input(tr("pr.name"), key=state.W_PR_NAME, max_chars=80)
    _, views = _draft()
    known = {name_key(n) for n in names}
    st.markdown(f"**{tr('pr.views')}**")
    if not views:
        st.caption(tr("pr.empty"))
    for i, view_name in enumerate(views):
        row = st.columns([0.5, 6, 0.8, 0.8, 0.8], vertical_alignment="center")
        row[0].markdown(f"{i + 1}.")
        shown = md(view_name)
        if name_key(view_name) not in known:
            shown = f"~~{shown}~~ — {tr('pr.view_missing', name=md(view_name))}"
        row[1].markdown(shown)
        for col, action, label, help_key, disabled in (
            (row[2], "up", "↑", "pr.up", i == 0),
            (row[3], "down", "↓", "pr.down", i == len(views) - 1),
            (row[4], "remove", "×", "pr.remove", False),
        ):
            col.button(
                label,
                key=f"{state.W_PR_ROW}_{action}_{i}",
                help=tr(help_key),
                on_click=_on_row,
                args=(action, i),
                disabled=disabled,
            )
    if st.session_state.get(state.W_PR_ADD_VIEW) not in names or (
        st.session_state.get(state.W_PR_ADD_VIEW) in views
    ):
        # The next view not shown yet: « Ajouter » clicked again adds them in order.
        st.session_state[state.W_PR_ADD_VIEW] = next((n for n in names if n not in views), names[0])
    add_col, add_button = st.columns([6, 1.4], vertical_alignment="bottom")
    add_col.selectbox(tr("pr.add_view"), names, key=state.W_PR_ADD_VIEW)
    add_button.button(tr("pr.add"), key=state.W_PR_ADD, on_click=_on_add, width="stretch")
    if editable and saved_views.in_workspace() and not editing.who():
        st.text_input(tr("views.who"), key=state.W_VW_WHO, on_change=saved_views.remember_who)
    play, save, delete = st.columns(3)
    play.button(
        tr("pr.play"),
        key=state.W_PR_PLAY,
        on_click=_on_play,
        type="primary",
        disabled=not views,
        help=tr("pr.keys_help"),
        width="stretch",
    )
    if editable:
        save.button(tr("pr.save"), key=state.W_PR_SAVE, on_click=_on_save, width="stretch")
        if st.session_state.get(state.W_PR_PICK):
            delete.button(
                tr("pr.delete"), key=state.W_PR_DELETE, on_click=_on_delete, width="stretch"
            )
    else:
        st.caption(tr("views.locked"))


def play(net: Network, key: str) -> None:
    """One view of the presentation being played, full screen."""
    name, names = st.session_state[state.PR_PLAYING]
    head, where, prev, nxt, leave = st.columns([6, 0.7, 1.2, 1.2, 1], vertical_alignment="center")
    count = len(names)
    position = max(0, min(int(st.session_state.get(state.PR_POSITION, 0)), count - 1))
    st.session_state[state.PR_POSITION] = position
    views = {name_key(k.name): k.item for k in saved_views.kept_views()}
    view = views.get(name_key(names[position]))
    where.markdown(f"**{tr('pr.position', i=position + 1, n=count)}**")
    prev.button(
        tr("pr.prev"),
        key=state.W_PR_PREV,
        on_click=_on_step,
        args=(-1,),
        disabled=position == 0,
        width="stretch",
    )
    nxt.button(
        tr("pr.next"),
        key=state.W_PR_NEXT,
        on_click=_on_step,
        args=(1,),
        disabled=position == count - 1,
        width="stretch",
    )
    leave.button(tr("pr.stop"), key=state.W_PR_STOP, on_click=_on_stop, width="stretch")
    with leave:
        _keys(key=state.W_PR_KEYS, data={}, on_step_change=_on_key)
    if view is None:
        with head:
            st.html(_PLAY_CSS)
            graph_view.present_header(names[position], "", net)
        st.warning(tr("pr.view_missing", name=md(names[position])))
        return
    view, problems = check_view(view, net, where=name)
    with head:
        st.html(_PLAY_CSS)
        graph_view.present_header(graph_view.view_title(net, key, view), view.comment, net)
    graph_view.draw(
        net,
        key,
        view,
        height=graph_view.PRESENT_HEIGHT,
        frame_key=state.W_PR_GRAPH,
        clickable=False,  # the room steps with the keys; a card would hide the graph
    )
    if problems:
        text = "; ".join(p.message(lang()) for p in problems)
        st.caption(tr("pr.view_adjusted", problems=md(text)))
    # The neighbours' drawings, computed while the room looks at this one (the graph is
    # already on screen): the next step reads them from the cache. A key pressed
    # meanwhile cuts this short, nothing else.
    for other in (position + 1, position - 1):
        near = views.get(name_key(names[other])) if 0 <= other < count else None
        if near is not None:
            near, _ = check_view(near, net, where=name)
            graph_view.shown_view(net, key, near, height=graph_view.PRESENT_HEIGHT)


style()
net, key = require_network()
if st.session_state.get(state.PR_PLAYING):
    play(net, key)
    st.stop()

st.title(tr("page.presentation"))
demo_banner(net)
st.caption(tr("pr.intro"))
saved_views.show_flash()
view_names = [k.name for k in saved_views.kept_views()]
if not view_names:
    st.info(tr("pr.no_views"))
    st.stop()
build(view_names)
