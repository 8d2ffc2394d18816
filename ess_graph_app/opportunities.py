"""Opportunités: who could cooperate next, and why, for a structure, a pôle or a territory.

The ranking and its reasons come from `ess_graph.analysis.opportunities`; this page picks
the focus, shows the list, highlights one suggestion on a small graph and offers the list
as a file.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ess_graph.io.write import frames_to_xlsx_bytes
from ess_graph_app import data, state
from ess_graph_app.ui import (
    by_name,
    file_slug,
    graph_frame,
    labels,
    lang,
    md,
    page_start,
    report_button,
    rows_digest,
    structure_search,
    table,
    tr,
    trn,
)

net, key = page_start("page.opportunities")
st.markdown(tr("opp.intro"))
G = data.cooperation(key, net)
ranking = st.radio(
    tr("opp.ranking"),
    ["strategic", "probable"],
    format_func=labels("opp.ranking"),
    horizontal=True,
    key=state.W_OPP_RANKING,
)
st.caption(tr(f"opp.ranking_help.{ranking}"))

c1, c2, c3 = st.columns([1.3, 2, 1])
kind = c1.radio(
    tr("opp.focus"),
    ["structure", "pole", "territory", "all"],
    format_func=labels("scope"),
    key=state.W_OPP_SCOPE,
)
focus: str | None = None
focus_name = tr("scope.all_name")
if kind == "structure":
    names = dict(G.nodes(data="name", default=""))
    with c2:
        focus = structure_search(
            data.name_index(key, net),
            names,
            key=f"{state.W_OPP_VALUE}_structure",
            label=tr("opp.pick_structure"),
        )
    focus_name = md(names.get(focus) or focus or "")
elif kind in ("pole", "territory"):
    names = net.pole_names() if kind == "pole" else net.territory_names()
    pick = by_name(names)
    options = pick["options"]
    busy = data.scope_counts(key, net)[kind]
    focus = c2.selectbox(
        tr(f"attr.{kind}"),
        options,
        index=max(range(len(options)), key=lambda i: (busy.get(options[i], 0), -i))
        if options
        else None,
        format_func=pick["format_func"],
        key=f"{state.W_OPP_VALUE}_{kind}",
    )
    focus_name = md(names.get(focus, focus or ""))
k = c3.select_slider(tr("opp.k"), [5, 10, 20, 50, 100], value=20, key=state.W_OPP_K)

if kind != "all" and focus is None:
    st.info(tr("opp.pick_first"))
    st.stop()

report_button(net, key, kind, focus, scope_name=focus_name, widget_key=state.W_OPP_REPORT)
ranked = data.opportunities(key, net, None if kind == "all" else kind, focus, k, lang(), ranking)
st.subheader(trn("opp.title", len(ranked), focus=focus_name))
if ranked.empty:
    st.info(tr("opp.none"))
    st.stop()

shown = pd.DataFrame(
    {
        tr("col.rank"): ranked["rank"],
        tr("col.structure"): ranked["source_name"],
        tr("col.partner_suggested"): ranked["target_name"],
        tr("col.reasons"): ranked["reasons"],
        tr("col.score"): ranked["score"],
        tr("col.common"): ranked["common_partners"],
    }
)
if kind == "structure":  # the same structure on every row: the title names it
    shown = shown.drop(columns=[tr("col.structure")])
# A selection is a row number: keyed by the rows it numbers, the table starts unticked
# whenever another scope, ranking or number of suggestions gives other rows.
event = table(
    shown,
    key=f"{state.W_OPP_TABLE}_{rows_digest(ranked[['source', 'target']])}",
    numbers={tr("col.rank"): ",d", tr("col.score"): ".2f", tr("col.common"): ",d"},
    explain=(tr("col.reasons"),),
    max_rows=8,
    on_select="rerun",
    selection_mode="single-row",
)
st.caption(tr("opp.help"))

st.download_button(
    tr("opp.download"),
    frames_to_xlsx_bytes(
        {"opportunites" if lang() == "fr" else "opportunities": ranked.drop(columns=["reasons"])}
    ),
    file_name=("opportunites" if lang() == "fr" else "opportunities")
    + f"_{file_slug(focus_name)}.xlsx",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    key=state.W_OPP_DL,
    on_click="ignore",
)

# Highlight the suggestion picked, and only a picked one, on the graph ----------------------
picked = [r for r in (event.selection.rows if event is not None else []) if r < len(ranked)]
if not picked:
    st.info(tr("opp.pick_row"))
    st.stop()
row = ranked.iloc[picked[0]]
st.subheader(tr("opp.highlight", a=md(row["source_name"]), b=md(row["target_name"])))
st.markdown(tr("opp.highlight_help"))
graph_frame(
    data.suggestion_view(key, net, row["source"], row["target"], 420, lang()),
    height=420,
    title=tr("net.frame_title"),
)
