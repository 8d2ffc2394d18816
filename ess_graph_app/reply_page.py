"""Enquête, the respondent's side: one structure answers the partnership survey through
its personal link (``?enquete=TOKEN``).

The router shows this page alone when the link's parameter is there: no navigation, no
sidebar, no figure of the network, nothing of another structure. What it shows comes
from `ess_graph.survey.campaigns.form_view` (the structure's own name, the campaign, the
names of the roster, its own answer); what it saves goes through
`ess_graph.survey.campaigns.save_answer` (checked by the one validator, journaled). A link
that opens nothing (malformed, unknown, replaced, expired, closed, no workspace) gets
one message, the same whatever the reason. The widgets' state and the Answer are
converted in `ess_graph_app.survey_form`.
"""

from __future__ import annotations

import sqlite3
import zlib

import streamlit as st

from ess_graph.i18n import LANGS
from ess_graph.schema import kind_label
from ess_graph.search import MATCH_LIMIT, NameIndex
from ess_graph.survey import campaigns
from ess_graph.survey.model import (
    FREQUENCIES,
    FUNCTIONS,
    RESOURCES,
    SCALE,
    SURVEY_LINK_KINDS,
    PartnerEntry,
    frequency_label,
    function_label,
    resource_label,
)
from ess_graph.workspace.store import Workspace, WorkspaceError
from ess_graph_app import editing, state, survey_form
from ess_graph_app.ui import (
    LANG_NAMES,
    by_name,
    labels,
    lang,
    md,
    structure_search,
    style,
    tr,
)

# A form, not a dashboard: one readable column on a laptop, the whole width on a phone
# (every st.pills wraps: a row of choices would scroll sideways and hide some on a phone).
FORM_CSS = """
<style>
.block-container { max-width: 940px; padding-top: 2.2rem; }
h1 { font-size: 1.9rem !important; }
h2 { font-size: 1.45rem !important; padding-top: 1.2rem !important; }
.st-key-sv_header [data-testid="stMarkdownContainer"] p { font-size: 1.05rem; }
[class*="st-key-sv_card_"] h4 { font-size: 1.15rem; padding: 0 0 0.1rem 0; }
</style>
"""


def flash(where: str, kind: str, text: str) -> None:
    """A message shown once, at `where` ("find" or "save"), after the callback's rerun."""
    st.session_state.setdefault(state.SV_FLASH, []).append((where, kind, text))


def show_flash(where: str) -> None:
    kept = []
    for item in st.session_state.get(state.SV_FLASH, []):
        if item[0] == where:
            getattr(st, item[1])(item[2])
            if where == "save":  # also in a corner of the screen, wherever it is scrolled
                st.toast(item[2], duration="long")
        else:
            kept.append(item)
    st.session_state[state.SV_FLASH] = kept


def show_problems(uid: int | None, *columns: str) -> None:
    """The last save's messages about these fields, right under them."""
    code = lang()
    for p in survey_form.problems_at(st.session_state, uid, columns):
        (st.error if p.is_error else st.warning)(md(survey_form.problem_text(p, code)))


# Callbacks: they run before the page is drawn, so every widget shows their result -------
def add_structure(sid: str | None, name: str) -> None:
    if sid is None:
        return
    if survey_form.find_partner(st.session_state, structure=sid) is not None:
        flash("find", "info", tr("reply.already", name=md(name)))
        return
    survey_form.add_partner(st.session_state, PartnerEntry(structure=sid))
    st.session_state[state.W_SV_SEARCH] = ""
    flash("find", "success", tr("reply.added", name=md(name)))


def remove(uid: int) -> None:
    survey_form.remove_partner(st.session_state, uid)


def add_free() -> None:
    name = " ".join(str(st.session_state.get(state.W_SV_FREE_NAME) or "").split())
    commune = " ".join(str(st.session_state.get(state.W_SV_FREE_COMMUNE) or "").split())
    if not name:
        flash("find", "warning", tr("reply.free_needs_name"))
        return
    if survey_form.find_partner(st.session_state, name=name, commune=commune) is not None:
        flash("find", "info", tr("reply.already", name=md(name)))
        return
    survey_form.add_partner(st.session_state, PartnerEntry(name=name, commune=commune))
    st.session_state[state.W_SV_FREE_NAME] = ""
    st.session_state[state.W_SV_FREE_COMMUNE] = ""
    flash("find", "success", tr("reply.added", name=md(name)))


def save(token: str, submit: bool) -> None:
    """Save the form as a draft or submit it; say how it went under the buttons and put
    each refused value's message next to its field."""
    ss = st.session_state
    answer = survey_form.collect(ss)
    uids = survey_form.partners(ss)
    code = lang()
    try:
        with Workspace(editing.workspace_file()) as ws:
            result = campaigns.save_answer(ws, token, answer, submit=submit)
    except campaigns.SurveyError as exc:
        if exc.code == "link_unusable":  # closed meanwhile: the same words as any link
            flash("save", "error", tr("reply.unusable"))
            return
        ss[state.SV_PROBLEMS] = survey_form.place_problems(exc.problems, uids)
        errors = sum(1 for p in exc.problems if p.is_error)
        flash("save", "error", tr("reply.refused", n=errors))
        return
    except (WorkspaceError, sqlite3.Error) as exc:
        reason = exc.message(code) if isinstance(exc, WorkspaceError) else str(exc)
        flash("save", "error", tr("reply.not_saved", reason=md(reason)))
        return
    ss[state.SV_PROBLEMS] = survey_form.place_problems(result.problems, uids)
    moment = survey_form.when(result.saved_at, code)
    errors = sum(1 for p in result.problems if p.is_error)
    if submit:
        flash("save", "success", tr("reply.submitted", when=moment))
    elif errors:
        flash("save", "warning", tr("reply.saved_draft_problems", when=moment, n=errors))
    else:
        flash("save", "success", tr("reply.saved_draft", when=moment))


# The page ----------------------------------------------------------------------------------
style()
st.html(FORM_CSS)
st.radio(
    tr("lang.label"),
    LANGS,
    format_func=LANG_NAMES.__getitem__,
    horizontal=True,
    key=state.W_LANG,
    label_visibility="collapsed",
)
code = lang()
st.title(tr("page.reply"))

token = survey_form.respondent_token() or ""
path = editing.workspace_file()
view = None
demo = False
try:
    if path is not None and path.is_file():
        with Workspace(path) as ws:
            view = campaigns.form_view(ws, token)
            demo = ws.meta("fictional_text") is not None
except (WorkspaceError, sqlite3.Error):
    st.warning(tr("reply.unavailable"))
    st.stop()
if view is None:
    # The same words whatever the reason: a wrong link learns nothing.
    st.warning(tr("reply.unusable"))
    st.stop()

ss = st.session_state
if ss.get(state.SV_FORM) != (view.campaign_name, view.structure):
    survey_form.seed(ss, view.answer)  # the stored draft or answer, once per session
    ss[state.SV_FORM] = (view.campaign_name, view.structure)

roster = view.roster
names = {sid: row.get("name") or sid for sid, row in roster.items()}

with st.container(key="sv_header"):
    if demo:
        st.warning(tr("banner.demo"))
    st.markdown(tr("reply.for", structure=md(view.structure_name)))
    closes = (
        tr("reply.closes", day=survey_form.day_text(view.closes, code))
        if view.closes
        else tr("reply.no_close")
    )
    st.markdown(f"{tr('reply.campaign', campaign=md(view.campaign_name))}  \n{closes}")
    st.caption(tr("reply.use"))
    if view.status:
        st.info(tr(f"reply.status.{view.status}", when=survey_form.when(view.saved_at, code)))


def label_of(sid: str) -> str:
    """A roster structure as the respondent recognises it: name, then where it is."""
    row = roster.get(sid, {})
    where = row.get("commune") or ""
    return f"{names.get(sid, sid)} · {where}" if where else str(names.get(sid, sid))


# Partners: find one, then the list ------------------------------------------------------------
st.header(tr("reply.partners"), divider="gray")
st.caption(tr("reply.partners_help"))
show_problems(None, "partners")
mode = st.radio(
    tr("reply.mode"),
    ["search", "browse", "free"],
    format_func=labels("reply.mode"),
    horizontal=True,
    key=state.W_SV_MODE,
)
with st.container(border=True, key="sv_find"):
    if mode == "search":
        # Typed letters, never a list of every name: `structure_search` sends the best few.
        shown_as = {sid: label_of(sid) for sid in roster}
        picked = structure_search(
            NameIndex(names), shown_as, key=state.W_SV_SEARCH, label=tr("reply.search")
        )
        st.button(
            tr("reply.add"),
            key=state.W_SV_ADD,
            type="primary",
            disabled=picked is None,
            on_click=add_structure,
            args=(picked, names.get(picked, "")),
        )
    elif mode == "browse":
        in_sector: dict[str, list[str]] = {}
        for sid, row in roster.items():
            in_sector.setdefault(row.get("sector") or "", []).append(sid)
        sector_names = {
            s: tr("reply.sector_option", name=view.sectors.get(s) or s or "–", n=len(ids))
            for s, ids in in_sector.items()
        }
        sector = st.selectbox(
            tr("reply.sector"), index=None, key=state.W_SV_SECTOR, **by_name(sector_names)
        )
        picked = None
        if sector is not None:
            ids = by_name({sid: names[sid] for sid in in_sector[sector]})["options"]
            if len(ids) > MATCH_LIMIT:
                st.caption(tr("reply.browse_many", n=len(ids), k=MATCH_LIMIT))
            # a new sector gives a new list (a new key)
            digest = zlib.crc32(str(sector).encode("utf-8"))
            picked = st.selectbox(
                tr("reply.browse_pick"),
                ids[:MATCH_LIMIT],
                index=None,
                format_func=label_of,
                key=f"{state.W_SV_BROWSE}_{digest:08x}",
            )
        st.button(
            tr("reply.add"),
            key=state.W_SV_BROWSE_ADD,
            type="primary",
            disabled=picked is None,
            on_click=add_structure,
            args=(picked, names.get(picked, "")),
        )
    else:
        c1, c2 = st.columns([3, 2])
        c1.text_input(tr("reply.free_name"), key=state.W_SV_FREE_NAME, max_chars=200)
        c2.text_input(tr("reply.free_commune"), key=state.W_SV_FREE_COMMUNE, max_chars=100)
        st.button(tr("reply.free_add"), key=state.W_SV_FREE_ADD, type="primary", on_click=add_free)
    show_flash("find")

uids = survey_form.partners(ss)
if not uids:
    st.info(tr("reply.none_yet"))
for uid in uids:
    info = survey_form.partner_info(ss, uid)
    pk = survey_form.partner_key
    with st.container(border=True, key=f"sv_card_{uid}"):
        if info["structure"]:
            row = roster.get(info["structure"], {})
            st.markdown(f"#### {md(names.get(info['structure'], info['structure']))}")
            where = [
                view.sectors.get(row.get("sector", ""), row.get("sector", "")),
                row.get("commune", ""),
            ]
        else:
            st.markdown(f"#### {md(info['name'])}")
            where = [tr("reply.outside"), info["commune"]]
        st.caption(md(" · ".join(w for w in where if w)))
        show_problems(uid, "structure", "name", "commune")
        st.pills(
            tr("reply.kinds"),
            SURVEY_LINK_KINDS,
            selection_mode="multi",
            format_func=lambda k, c=code: kind_label(k, c),
            key=pk(uid, "kinds"),
            wrap=True,
        )
        show_problems(uid, "kinds")
        # One field per row: a refused year is said right under it, on a phone too.
        st.text_input(
            tr("reply.since"),
            key=pk(uid, "since"),
            max_chars=20,
            placeholder=tr("reply.since_placeholder"),
            width=220,
        )
        show_problems(uid, "since")
        st.pills(
            tr("reply.frequency"),
            FREQUENCIES,
            format_func=lambda f, c=code: frequency_label(f, c),
            key=pk(uid, "frequency"),
            wrap=True,
        )
        show_problems(uid, "frequency")
        c1, c2 = st.columns(2)
        with c1:
            st.pills(
                tr("reply.value"),
                SCALE,
                format_func=labels("reply.value"),
                key=pk(uid, "value"),
                wrap=True,
            )
        with c2:
            st.pills(
                tr("reply.trust"),
                SCALE,
                format_func=labels("reply.trust"),
                key=pk(uid, "trust"),
                wrap=True,
            )
        show_problems(uid, "value", "trust")
        st.button(
            tr("reply.remove"),
            key=pk(uid, "remove"),
            on_click=remove,
            args=(uid,),
        )

# Pooling: needs and offers -------------------------------------------------------------------
st.header(tr("reply.pooling"), divider="gray")
st.caption(tr("reply.pooling_help"))
c1, c2 = st.columns(2)
for column, part in ((c1, "needs"), (c2, "offers")):
    with column:
        st.multiselect(
            tr(f"reply.{part}"),
            RESOURCES,
            format_func=lambda r, c=code: resource_label(r, c),
            placeholder=tr("reply.choose"),
            key=state.W_SV_NEEDS if part == "needs" else state.W_SV_OFFERS,
        )
        show_problems(None, part)
        st.text_area(
            tr(f"reply.{part}_text"),
            key=state.W_SV_NEEDS_TEXT if part == "needs" else state.W_SV_OFFERS_TEXT,
            max_chars=2000,
            height=90,
        )
        show_problems(None, f"{part}_text")

# The pôle's functions -----------------------------------------------------------------------
st.header(tr("reply.functions"), divider="gray")
st.caption(tr("reply.functions_help"))
for function in FUNCTIONS:
    st.pills(
        function_label(function, code)[:1].upper() + function_label(function, code)[1:],
        SCALE,
        format_func=labels("reply.fn"),
        key=survey_form.function_key(function),
        wrap=True,
    )
    show_problems(None, f"functions.{function}")

st.text_area(tr("reply.comment"), key=state.W_SV_COMMENT, max_chars=2000, height=90)
show_problems(None, "comment")

# Save or send ---------------------------------------------------------------------------------
st.divider()
c1, c2 = st.columns(2)
c1.button(
    tr("reply.save_draft"),
    key=state.W_SV_DRAFT,
    on_click=save,
    args=(token, False),
    width="stretch",
)
c2.button(
    tr("reply.submit"),
    key=state.W_SV_SUBMIT,
    type="primary",
    on_click=save,
    args=(token, True),
    width="stretch",
)
show_flash("save")  # right under the buttons, where the eyes are
st.caption(tr("reply.buttons_help"))
