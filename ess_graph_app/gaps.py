"""Lacunes: what is missing in one territory or pôle, as lists a coordinator can act on.

The gaps come from `ess_graph.analysis.gaps.gaps`; this page groups them by kind, says
each in a sentence and offers them as a workbook.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ess_graph.analysis.gaps import GAP_TYPES
from ess_graph.io.write import frames_to_xlsx_bytes
from ess_graph.viz.style import value_label
from ess_graph_app import data, state
from ess_graph_app.ui import (
    file_slug,
    fmt_int,
    lang,
    page_start,
    report_button,
    scope_picker,
    tr,
)
from ess_graph_app.ui import table as ui_table

net, key = page_start("page.gaps")
st.markdown(tr("gaps.intro"))
scope_type, scope, scope_name = scope_picker(
    net,
    scope_key=state.W_GAP_SCOPE,
    value_key=state.W_GAP_VALUE,
    allow_all=False,
    counts=data.scope_counts(key, net),
)
report_button(net, key, scope_type, scope, scope_name=scope_name, widget_key=state.W_GAP_REPORT)
G = data.cooperation(key, net)
table = data.gaps(key, net, scope_type, scope, lang())

if data.scoped(key, net, scope_type, scope).number_of_nodes() == 0:
    st.info(tr("gaps.empty_scope", scope=scope_name))
    st.stop()
if table.empty:
    st.success(tr("gaps.none", scope=scope_name))
    st.stop()

counts = table["gap_type"].value_counts()
cols = st.columns(3)
for i, (kind, label) in enumerate(
    [
        ("pairs", tr("gaps.fig.pairs")),
        ("structures", tr("gaps.fig.structures")),
        ("absent", tr("gaps.fig.absent")),
    ]
):
    if kind == "pairs":
        n = int(counts.get("sector_pair_none", 0) + counts.get("sector_pair_weak", 0))
    elif kind == "structures":
        n = int(
            counts.get("no_cross_sector_tie", 0)
            + counts.get("isolate", 0)
            + counts.get("member_without_member_tie", 0)
        )
    else:
        n = int(counts.get("sector_absent_from_pole", 0))
    cols[i].metric(label, fmt_int(n))

names = dict(G.nodes(data="name", default=""))


def sector(s: str) -> str:
    return value_label(G, "sector", s, lang()) if s else ""


for gap_type in GAP_TYPES:
    rows = table[table["gap_type"] == gap_type]
    if rows.empty:
        continue
    st.subheader(tr(f"gaps.type.{gap_type}", n=fmt_int(len(rows))))
    st.caption(tr(f"gaps.help.{gap_type}"))
    if gap_type.startswith("sector_pair"):
        shown = pd.DataFrame(
            {
                tr("col.sector_a"): [sector(s) for s in rows["sector_a"]],
                tr("col.sector_b"): [sector(s) for s in rows["sector_b"]],
                tr("col.observed"): rows["observed"].astype(int),
                tr("col.expected"): rows["expected"],
                tr("col.missing"): rows["missing"],  # the rows come most telling first
                tr("col.detail"): rows["detail"],
            }
        )
    elif gap_type == "sector_absent_from_pole":
        shown = pd.DataFrame(
            {
                tr("col.sector"): [sector(s) for s in rows["sector_a"]],
                tr("col.detail"): rows["detail"],
            }
        )
    else:
        shown = pd.DataFrame(
            {
                tr("col.structure"): [str(names.get(s, s)) for s in rows["structure"]],
                tr("col.sector"): [
                    sector(str(G.nodes[s].get("sector", ""))) if s in G else ""
                    for s in rows["structure"]
                ],
                tr("col.detail"): rows["detail"],
            }
        )
    # Every sentence whole (wrapped rows), every row on the page (no inner scrolling).
    ui_table(
        shown,
        key=f"w_gaps_{gap_type}",
        numbers={tr("col.observed"): ",d", tr("col.expected"): ",.1f", tr("col.missing"): ",.1f"},
        explain=(tr("col.detail"),),
        height="content",
    )

st.download_button(
    tr("gaps.download"),
    frames_to_xlsx_bytes({"lacunes" if lang() == "fr" else "gaps": table}),
    file_name=("lacunes" if lang() == "fr" else "gaps") + f"_{file_slug(scope_name)}.xlsx",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    key="w_gaps_download",
    on_click="ignore",
)
