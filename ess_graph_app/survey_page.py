"""Enquête, the coordinator's side: open a partnership survey campaign, send its personal
links, follow who answered and which ties both sides declare, then bring the answers
into the network (and undo that).

Only in meeting mode, and with the facilitator's rights when a password is configured:
the page shows answers. The figures come from `ess_graph.survey.follow`, whose module
docstring defines each one (the page says the definition beside every number), cached
per workspace state (`data.survey_figures`); every change goes through `ess_graph.survey`
(campaigns, links, matches, apply) or `ess_graph.workspace.edits.undo_last`.
"""

from __future__ import annotations

import re
from datetime import date
from urllib.parse import urlsplit

import altair as alt
import pandas as pd
import streamlit as st

from ess_graph.i18n import t
from ess_graph.schema import FAMILIES, TABLES, kind_label, normalise_label
from ess_graph.search import NameIndex
from ess_graph.survey import campaigns, follow
from ess_graph.survey.apply import apply_campaign
from ess_graph.viz.style import value_label
from ess_graph.workspace import edits, journal
from ess_graph.workspace.store import WorkspaceError
from ess_graph_app import data, editing, state, survey_form
from ess_graph_app.ui import (
    by_name,
    demo_banner,
    fmt_int,
    fmt_num,
    fmt_pct,
    labels,
    lang,
    md,
    require_network,
    structure_search,
    style,
    tr,
)

COMMAND = "ess-graph app --workspace rencontre.sqlite"
CSV_MIME = "text/csv"
#: Tables of the data contract: the changes `edits.undo_last` can revert.
DATA_TABLES = tuple(table.name for table in TABLES)

style()
st.title(tr("page.survey"))
editing.meeting_mode_or_stop("survey.read_only", COMMAND)
net, key = require_network()
demo_banner(net)
code = lang()
editing.show_flash()
editing.unlocked_or_stop("survey.locked")

ws = editing.open_workspace()
who = editing.who()
origin = editing.origin()


def done(kind: str, text: str) -> None:
    editing.done(ws, kind, text)


def failed(exc: WorkspaceError) -> None:
    st.error(editing.error_text(exc, code))


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """A CSV file for a spreadsheet or a mail merge: UTF-8 with a byte-order mark (Excel
    reads the accents), no cell that a spreadsheet would run as a formula."""
    from ess_graph.io.write import inert_text_frame

    return inert_text_frame(frame).to_csv(index=False).encode("utf-8-sig")


# Who, and which campaign ----------------------------------------------------------------
listed = campaigns.list_campaigns(ws)
pending = st.session_state.pop(state.SVC_PICK, None)
if pending is not None:
    st.session_state[state.W_SVC_CAMPAIGN] = pending
if state.W_WHO not in st.session_state:
    st.session_state[state.W_WHO] = who
c1, c2 = st.columns([1.3, 2.7], vertical_alignment="bottom")
c1.text_input(
    tr("meet.who"),
    key=state.W_WHO,
    on_change=editing.remember_who,
    placeholder=tr("meet.who_placeholder"),
    max_chars=80,
)
status_of = dict(zip(listed["name"], listed["open"], strict=True))
chosen = None
if len(listed):
    chosen = c2.selectbox(
        tr("survey.campaign"),
        list(listed["name"])[::-1],  # the newest first
        format_func=lambda n, c=code: (
            f"{n} ({t('app.survey.open' if status_of.get(n) else 'app.survey.closed', c)})"
        ),
        key=state.W_SVC_CAMPAIGN,
    )
if not who:
    st.info(tr("meet.who_first"))


# A new campaign ---------------------------------------------------------------------------
def resolve_list(text: str) -> tuple[list[str], list[str]]:
    """Structures typed one per line (or separated by commas): an id, or a name as
    written (case and accents aside). Returns (ids, what matched nothing)."""
    structures = net.structures
    ids = set(structures["id"])
    by_folded: dict[str, list[str]] = {}
    for sid, name in zip(structures["id"], structures["name"], strict=True):
        by_folded.setdefault(normalise_label(str(name)), []).append(sid)
    found, unknown = [], []
    for item in (x.strip() for x in re.split(r"[\n;,]", text)):
        if not item:
            continue
        if item in ids:
            found.append(item)
        elif len(by_folded.get(normalise_label(item), [])) == 1:
            found.append(by_folded[normalise_label(item)][0])
        else:
            unknown.append(item)
    return found, unknown


def new_campaign() -> None:
    c1, c2 = st.columns([2, 1])
    name = c1.text_input(
        tr("survey.name"), key=state.W_SVC_NAME, max_chars=120, placeholder=tr("survey.name_ph")
    )
    closes = c2.date_input(
        tr("survey.closes"),
        value=None,
        min_value=date.today(),
        format="DD/MM/YYYY" if code == "fr" else "YYYY-MM-DD",
        key=state.W_SVC_CLOSES,
    )
    scope = st.radio(
        tr("survey.scope"),
        ["territory", "pole", "list", "all"],
        format_func=labels("survey.scope"),
        horizontal=True,
        key=state.W_SVC_SCOPE,
    )
    chosen_ids: dict[str, list[str]] = {"territories": [], "poles": [], "structures": []}
    unknown: list[str] = []
    if scope == "territory":
        chosen_ids["territories"] = st.multiselect(
            tr("attr.territory"),
            key=state.W_SVC_TERRITORIES,
            placeholder=tr("reply.choose"),
            **by_name(net.territory_names()),
        )
    elif scope == "pole":
        chosen_ids["poles"] = st.multiselect(
            tr("attr.pole"),
            key=state.W_SVC_POLES,
            placeholder=tr("reply.choose"),
            **by_name(net.pole_names()),
        )
    elif scope == "list":
        text = st.text_area(
            tr("survey.list"), key=state.W_SVC_LIST, height=110, help=tr("survey.list_help")
        )
        chosen_ids["structures"], unknown = resolve_list(text or "")
        if unknown:
            st.error(tr("survey.list_unknown", items=md(", ".join(unknown))))
    neighbours = st.checkbox(
        tr("survey.neighbours"),
        key=state.W_SVC_NEIGHBOURS,
        disabled=scope == "all",
        help=tr("survey.neighbours_help", km=int(campaigns.NEIGHBOUR_KM)),
    )
    if st.button(
        tr("survey.open_button"),
        key=state.W_SVC_OPEN,
        type="primary",
        disabled=not who or bool(unknown),
    ):
        try:
            made = campaigns.open_campaign(
                ws,
                name,
                who=who,
                everyone=scope == "all",
                neighbours=neighbours and scope != "all",
                closes=closes,
                origin=origin,
                **chosen_ids,
            )
        except WorkspaceError as exc:
            failed(exc)
        else:
            st.session_state[state.SVC_PICK] = made.name
            n = len(campaigns.invited(ws, made))
            done("success", tr("survey.opened", name=md(made.name), n=fmt_int(n)))


if chosen is None:
    st.subheader(tr("survey.tab.new"))
    st.caption(tr("survey.intro"))
    new_campaign()
    ws.close()
    st.stop()


# The chosen campaign's figures --------------------------------------------------------------
campaign = campaigns.find_campaign(ws, chosen)
matched = tuple(sorted(campaigns.matches(ws, campaign).items()))
figures = data.survey_figures(editing.stamp(ws), chosen, matched, date.today().isoformat(), code)
summary = figures["summary"]
names = figures["names"]
is_open = bool(summary["open"])

if is_open:
    state_text = (
        tr("survey.open_until", day=survey_form.day_text(campaign.closes, code))
        if campaign.closes
        else tr("survey.open_no_date")
    )
else:
    when = campaign.closed_at or campaign.closes
    state_text = tr("survey.closed_on", day=survey_form.day_text(when, code))
issued = int(listed.loc[listed["name"] == chosen, "links_issued"].iloc[0])
st.caption(
    f"{state_text} · {tr('survey.issued', n=fmt_int(issued), of=fmt_int(summary['invited']))}"
)

m = st.columns(5)
m[0].metric(tr("survey.m.invited"), fmt_int(summary["invited"]), help=tr("survey.def.invited"))
m[1].metric(tr("survey.m.answered"), fmt_int(summary["answered"]), help=tr("survey.def.answered"))
m[2].metric(tr("survey.m.rate"), fmt_pct(summary["response_rate"]), help=tr("survey.def.rate"))
m[3].metric(tr("survey.m.drafts"), fmt_int(summary["drafts"]), help=tr("survey.def.drafts"))
m[4].metric(
    tr("survey.m.reciprocity"),
    fmt_pct(summary["reciprocity_rate"]),
    help=tr("survey.def.reciprocity"),
)

tabs = st.tabs(
    [
        tr("survey.tab.rates"),
        tr("survey.tab.late", n=fmt_int(len(figures["late"]))),
        tr("survey.tab.links"),
        tr("survey.tab.ties", n=fmt_int(summary["declared_ties"])),
        tr("survey.tab.outside", n=fmt_int(summary["unmatched"])),
        tr("survey.tab.needs"),
        tr("survey.tab.close"),
    ]
)

# Response rates ---------------------------------------------------------------------------
GROUP_NAMES = {
    "sector": net.sector_names(),
    "territory": net.territory_names(),
}


def group_label(group: str, value: str) -> str:
    if group == "family":
        return value_label(data.cooperation(key, net), "family", value, code)
    if not value:
        return tr("survey.none")
    return str(GROUP_NAMES.get(group, {}).get(value, value))


with tabs[0]:
    group = st.radio(
        tr("survey.by"),
        ["sector", "family", "territory"],
        format_func=labels("attr"),
        horizontal=True,
        key=state.W_SVC_RATE_GROUP,
        label_visibility="collapsed",  # the choices say it: the bars stay above the fold
    )
    rates = figures["rates"]
    rows = rates[rates["group"] == group].copy()
    rows["label"] = [group_label(group, v) for v in rows["value"]]
    rows["shown"] = [
        f"{fmt_pct(r)} ({fmt_int(a)}/{fmt_int(i)})"
        for r, a, i in zip(rows["rate"], rows["answered"], rows["invited"], strict=True)
    ]
    rows = rows.sort_values(["rate", "label"], ascending=[False, True])
    overall = float(summary["response_rate"]) if summary["invited"] else 0.0
    bars = alt.Chart(rows).encode(
        y=alt.Y("label:N", sort=None, title=None, axis=alt.Axis(labelLimit=300)),
        x=alt.X(
            "rate:Q",
            title=tr("survey.m.rate"),
            scale=alt.Scale(domain=[0, 1]),
            axis=alt.Axis(format="%", tickCount=5),
        ),
    )
    chart = (
        bars.mark_bar(color="#9ecae1")
        # written from the axis, dark on the light bar: readable whatever its length
        + bars.mark_text(align="left", dx=6, fontSize=14, color="#1b2631").encode(
            x=alt.datum(0), text="shown:N"
        )
        + alt.Chart(pd.DataFrame({"x": [overall]}))
        .mark_rule(strokeDash=[6, 4], color="#c0392b", strokeWidth=2)
        .encode(x="x:Q")
    )
    c1, c2 = st.columns([1.3, 1])
    c1.altair_chart(
        chart.properties(height=max(140, 34 * len(rows) + 50)).configure_axis(
            labelFontSize=14, titleFontSize=14
        ),
        width="stretch",
        key="w_svc_rates_chart",
    )
    c2.dataframe(
        pd.DataFrame(
            {
                tr(f"attr.{group}"): rows["label"],
                tr("survey.m.invited"): rows["invited"],
                tr("survey.m.answered"): rows["answered"],
                tr("survey.col.rate"): [fmt_pct(r) for r in rows["rate"]],
            }
        ),
        hide_index=True,
        width="stretch",
        key="w_svc_rates",
    )
    st.caption(
        tr("survey.def.rate_groups")
        + " "
        + tr("survey.rates_help", rate=fmt_pct(summary["response_rate"]))
    )

# Who has not answered ----------------------------------------------------------------------
with tabs[1]:
    late = figures["late"]
    st.caption(tr("survey.def.late"))
    if late.empty:
        st.success(tr("survey.all_answered"))
    else:
        shown = late.rename(
            columns={
                "structure": tr("survey.col.id"),
                "name": tr("meet.col.name"),
                "draft": tr("survey.col.draft"),
            }
        )
        c1, c2 = st.columns(2)
        c1.download_button(
            tr("survey.late_download"),
            csv_bytes(late),
            file_name=f"relance_{campaign.id}.csv",
            mime=CSV_MIME,
            key=state.W_SVC_LATE_DL,
            on_click="ignore",
        )
        if c2.button(
            tr("survey.reissue_late"),
            key=state.W_SVC_REISSUE_LATE,
            disabled=not (who and is_open),
            help=tr("survey.reissue_late_help"),
        ):
            base = st.session_state.get(state.W_SVC_BASE_URL) or campaigns.DEFAULT_BASE_URL
            try:
                made = campaigns.issue_links(ws, chosen, base_url=base, not_answered=True, who=who)
            except WorkspaceError as exc:
                failed(exc)
            else:
                st.session_state[state.SVC_LINKS] = (chosen, csv_bytes(made), len(made))
                done("success", tr("survey.links_made", n=fmt_int(len(made))))
        st.dataframe(shown, hide_index=True, width="stretch", key="w_svc_late")


# Personal links -----------------------------------------------------------------------------
def default_base_url() -> str:
    """Where respondents reach this app: the address this page was opened at."""
    try:
        parts = urlsplit(st.context.url or "")
    except Exception:  # no browser (a test): the app's default address
        return campaigns.DEFAULT_BASE_URL
    if parts.scheme in ("http", "https") and parts.netloc:
        return f"{parts.scheme}://{parts.netloc}/"
    return campaigns.DEFAULT_BASE_URL


with tabs[2]:
    if not editing.password_needed():  # where links are sent: say who else can see
        st.warning(tr("survey.no_password"))
    st.caption(tr("survey.links_help"))
    if state.W_SVC_BASE_URL not in st.session_state:
        st.session_state[state.W_SVC_BASE_URL] = default_base_url()
    base_url = st.text_input(
        tr("survey.base_url"), key=state.W_SVC_BASE_URL, help=tr("survey.base_url_help")
    )
    if st.button(
        tr("survey.issue"), key=state.W_SVC_ISSUE, type="primary", disabled=not (who and is_open)
    ):
        try:
            made = campaigns.issue_links(ws, chosen, base_url=base_url, who=who)
        except WorkspaceError as exc:
            failed(exc)
        else:
            if made.empty:  # every invited structure has its link already
                done("info", tr("survey.none_to_issue"))
            st.session_state[state.SVC_LINKS] = (chosen, csv_bytes(made), len(made))
            done("success", tr("survey.links_made", n=fmt_int(len(made))))
    held = st.session_state.get(state.SVC_LINKS)
    if held is not None and held[0] == chosen:
        st.warning(tr("survey.shown_once", n=fmt_int(held[2])))
        st.download_button(
            tr("survey.links_download"),
            held[1],
            file_name=f"liens_{campaign.id}.csv",
            mime=CSV_MIME,
            key=state.W_SVC_LINKS_DL,
            on_click="ignore",
            type="primary",
        )
    st.markdown("##### " + tr("survey.reissue_one"))
    invited_names = {sid: names.get(sid, sid) for sid in figures["invited"]}
    one = structure_search(
        NameIndex(invited_names),
        invited_names,
        key=state.W_SVC_REISSUE_ONE,
        label=tr("survey.reissue_one_label"),
    )
    if st.button(
        tr("survey.reissue_one_go"),
        key=state.W_SVC_REISSUE_ONE_GO,
        disabled=one is None or not (who and is_open),
    ):
        try:
            made = campaigns.issue_links(
                ws, chosen, base_url=base_url, structures=[one], reissue=True, who=who
            )
        except WorkspaceError as exc:
            failed(exc)
        else:
            st.session_state[state.SVC_LINKS] = (chosen, csv_bytes(made), len(made))
            done("success", tr("survey.links_made", n=fmt_int(len(made))))

# Declared ties ----------------------------------------------------------------------------------
with tabs[3]:
    # the counts are the choices of what to show, each with its definition under it
    counts = {"all": summary["declared_ties"], **{s: summary[s] for s in follow.TIE_STATUSES}}
    show = st.radio(
        tr("survey.tie_status"),
        list(counts),
        format_func=lambda s, c=code: f"{t(f'app.survey.tie.{s}', c)} ({fmt_int(counts[s])})",
        captions=[tr("survey.def.ties")] + [tr(f"survey.def.{s}") for s in follow.TIE_STATUSES],
        horizontal=True,
        key=state.W_SVC_TIE_STATUS,
    )
    st.caption(tr("survey.def.ties_all"))
    ties = figures["ties"]
    if ties.empty:
        st.info(tr("survey.no_ties"))
    else:
        wanted = list(follow.TIE_STATUSES) if show == "all" else [show]
        rows = ties[ties["status"].isin(wanted)]
        st.dataframe(
            pd.DataFrame(
                {
                    tr("survey.col.a"): rows["u_name"],
                    tr("survey.col.b"): rows["v_name"],
                    tr("survey.col.status"): [labels("survey.tie")(s) for s in rows["status"]],
                    tr("survey.col.declared_by"): [
                        ", ".join(names.get(x, x) for x in by.split("|") if x)
                        for by in rows["declared_by"]
                    ],
                    tr("net.kind"): [
                        ", ".join(kind_label(k, code) for k in kinds.split("|") if k)
                        for kinds in rows["kinds"]
                    ],
                }
            ),
            hide_index=True,
            width="stretch",
            key="w_svc_ties",
        )

# Partners named outside the roster ----------------------------------------------------------------
with tabs[4]:
    st.caption(tr("survey.def.outside"))
    outside = figures["outside"]
    if outside.empty:
        st.info(tr("survey.no_outside"))
    else:
        st.dataframe(
            pd.DataFrame(
                {
                    tr("meet.col.name"): outside["name"],
                    tr("survey.col.commune"): outside["commune"],
                    tr("survey.col.named_by"): [
                        ", ".join(names.get(x, x) for x in by.split("|") if x)
                        for by in outside["named_by"]
                    ],
                    tr("survey.col.times"): outside["times"],
                    tr("survey.col.matched"): [names.get(m, m) for m in outside["matched_to"]],
                }
            ),
            hide_index=True,
            width="stretch",
            key="w_svc_outside",
        )

        def outside_label(i: int) -> str:
            r = outside.loc[i]
            where = f" ({r['commune']})" if r["commune"] else ""
            return f"{r['name']}{where}"

        c1, c2 = st.columns(2)
        pick = c1.selectbox(
            tr("survey.match_pick"),
            list(outside.index),
            format_func=outside_label,
            key=state.W_SVC_OUTSIDE_PICK,
        )
        row = outside.loc[pick]
        with c2:
            target = structure_search(
                data.name_index(key, net),
                data.node_names(key, net),
                key=state.W_SVC_MATCH,
                label=tr("survey.match_search"),
            )
        c1, c2 = st.columns(2)
        if c1.button(
            tr("survey.match_go"),
            key=state.W_SVC_MATCH_GO,
            type="primary",
            disabled=target is None or not who,
        ):
            try:
                campaigns.match_partner(ws, chosen, row["name"], row["commune"], target, who=who)
            except WorkspaceError as exc:
                failed(exc)
            else:
                done(
                    "success",
                    tr(
                        "survey.matched", a=md(outside_label(pick)), b=md(names.get(target, target))
                    ),
                )
        if row["matched_to"] and c2.button(
            tr("survey.unmatch"), key=state.W_SVC_UNMATCH, disabled=not who
        ):
            try:
                campaigns.match_partner(ws, chosen, row["name"], row["commune"], None, who=who)
            except WorkspaceError as exc:
                failed(exc)
            else:
                done("success", tr("survey.unmatched", a=md(outside_label(pick))))
        st.caption(tr("survey.add_structure_hint"))
        if not row["matched_to"]:
            with st.expander(tr("survey.new_title", name=row["name"])):
                with st.form(state.W_SVC_NEW_FORM, border=False):
                    c1, c2 = st.columns([1, 2])
                    new_id = c1.text_input(tr("meet.id"), key=state.W_SVC_NEW_ID, max_chars=60)
                    family = c2.selectbox(
                        tr("attr.family"),
                        FAMILIES,
                        format_func=lambda f: group_label("family", f),
                        key=state.W_SVC_NEW_FAMILY,
                    )
                    c1, c2 = st.columns(2)
                    sector = c1.selectbox(
                        tr("attr.sector"),
                        index=None,
                        **by_name(net.sector_names()),
                        key=state.W_SVC_NEW_SECTOR,
                    )
                    territory = c2.selectbox(
                        tr("attr.territory"),
                        index=None,
                        **by_name(net.territory_names()),
                        key=state.W_SVC_NEW_TERRITORY,
                    )
                    add_new = st.form_submit_button(
                        tr("survey.new_go"), key=state.W_SVC_NEW_GO, disabled=not who
                    )
                if add_new:
                    values = {
                        "id": new_id.strip(),
                        "family": family,
                        "sector": sector or "",
                        "territory": territory or "",
                    }
                    try:
                        sid = campaigns.add_partner_structure(
                            ws, chosen, row["name"], row["commune"], values, who=who, origin=origin
                        )
                    except WorkspaceError as exc:
                        failed(exc)
                    else:
                        done("success", tr("survey.new_added", name=md(row["name"]), id=md(sid)))

# Needs, offers and the pôle's functions ------------------------------------------------------------
with tabs[5]:
    # one above the other: the functions' names are long and their figures must show
    needs = figures["needs"]
    st.markdown("##### " + tr("survey.needs_title"))
    if needs.empty:
        st.info(tr("survey.no_needs"))
    else:
        totals = needs.groupby(["resource", "label"], sort=False)[["needs", "offers"]].sum()
        st.dataframe(
            totals.reset_index()
            .drop(columns="resource")
            .rename(
                columns={
                    "label": tr("survey.col.resource"),
                    "needs": tr("survey.col.needs"),
                    "offers": tr("survey.col.offers"),
                }
            ),
            hide_index=True,
            width="stretch",
            key="w_svc_needs",
        )
    st.caption(tr("survey.def.needs"))
    st.markdown("##### " + tr("survey.functions_title"))
    fn = figures["functions"]
    st.dataframe(
        pd.DataFrame(
            {
                tr("survey.col.function"): [s[:1].upper() + s[1:] for s in fn["label"]],
                tr("survey.col.ratings"): fn["ratings"],
                tr("survey.col.mean"): [fmt_num(x, ".1f") for x in fn["mean"]],
                tr("survey.col.useful"): [fmt_pct(x) for x in fn["useful_share"]],
            }
        ),
        hide_index=True,
        width="stretch",
        key="w_svc_functions",
    )
    st.caption(tr("survey.def.functions"))


# Close, and bring the answers into the network ---------------------------------------------------
def undoable(applied) -> bool:
    """Is the integration `applied` still `who`'s last change of the network (what
    `edits.undo_last` would revert)?"""
    for entry in journal.journal_entries(ws, who=who, limit=200):
        if entry.table in DATA_TABLES:
            return entry.batch == applied.batch
    return False


with tabs[6]:
    c1, c2 = st.columns(2)
    with c1:
        st.markdown("##### " + tr("survey.close_title"))
        if is_open:
            st.caption(tr("survey.close_help"))
            sure = st.checkbox(tr("survey.close_sure"), key=state.W_SVC_CLOSE_SURE)
            if st.button(tr("survey.close"), key=state.W_SVC_CLOSE, disabled=not (sure and who)):
                try:
                    campaigns.close_campaign(ws, chosen, who=who, origin=origin)
                except WorkspaceError as exc:
                    failed(exc)
                else:
                    done("success", tr("survey.closed_now", name=md(chosen)))
        else:
            st.info(state_text)
    with c2:
        st.markdown("##### " + tr("survey.apply_title"))
        st.caption(tr("survey.apply_help"))
        if st.button(
            tr("survey.apply"),
            key=state.W_SVC_APPLY,
            type="primary",
            disabled=not who or not summary["answered"],
        ):
            try:
                result = apply_campaign(ws, chosen, who=who, origin=origin)
            except WorkspaceError as exc:
                failed(exc)
            else:
                st.session_state[state.SVC_APPLIED] = (chosen, who, result)
                done("success", tr("survey.applied", n=fmt_int(result.changes)))
        held = st.session_state.get(state.SVC_APPLIED)
        if held is not None and held[0] == chosen:
            result = held[2]
            parts = (
                "confirmed_added",
                "declared_added",
                "confirmed_from_declared",
                "declared_removed",
                "structures_updated",
                "unchanged_links",
            )
            st.dataframe(
                pd.DataFrame(
                    {
                        tr("survey.col.change"): [tr(f"survey.apply.{p}") for p in parts],
                        tr("survey.col.count"): [getattr(result, p) for p in parts],
                    }
                ),
                hide_index=True,
                width="stretch",
                key="w_svc_applied",
            )
            can_undo = held[1] == who and result.changes and undoable(result)
            if can_undo and st.button(tr("survey.undo"), key=state.W_SVC_UNDO):
                try:
                    undone = edits.undo_last(ws, who=who, origin=origin)
                except WorkspaceError as exc:
                    failed(exc)
                else:
                    st.session_state.pop(state.SVC_APPLIED, None)
                    done("success", tr("survey.undone", n=fmt_int(len(undone.reverted))))

# Another campaign: below the tabs, folded (a projector shows the campaign under way).
with st.expander(tr("survey.tab.new")):
    st.caption(tr("survey.intro"))
    new_campaign()

ws.close()
