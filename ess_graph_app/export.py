"""Exporter: the metrics tables, the graph for Gephi and other tools, the current view.

Files are built by the library (`ess_graph.metrics`, `ess_graph.io.graph_formats`,
`ess_graph.io.write`) from results cached by content hash.
"""

from __future__ import annotations

from functools import partial

import streamlit as st

from ess_graph_app import data, state
from ess_graph_app.ui import labels, lang, page_start, tr
from ess_graph_app.view_image import exporter_buttons

net, key = page_start("page.export")
base = "reseau" if lang() == "fr" else "network"

st.subheader(tr("exp.metrics"))
st.markdown(tr("exp.metrics_help"))
# Files are built when a button is clicked (callables), not on every visit of the page.
code = lang()
c1, c2 = st.columns(2)
c1.download_button(
    tr("exp.metrics_xlsx"),
    lambda: data.metrics_files(key, net, code)[0],
    file_name=f"{base}_metrics.xlsx",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    key=state.W_EXP_XLSX,
    on_click="ignore",
)
c2.download_button(
    tr("exp.metrics_csv"),
    lambda: data.metrics_files(key, net, code)[1],
    file_name=f"{base}_metrics_csv.zip",
    mime="application/zip",
    key=state.W_EXP_CSV,
    on_click="ignore",
)

st.subheader(tr("exp.graph"))
which = st.radio(
    tr("exp.graph_which"),
    ["cooperation", "typed"],
    format_func=labels("exp.graph_which"),
    horizontal=True,
    key=state.W_EXP_GRAPH,
)
st.markdown(tr(f"exp.graph_help.{which}"))
cols = st.columns(3)
for col, fmt, mime, widget in zip(
    cols,
    ("gexf", "graphml", "json"),
    ("application/xml", "application/xml", "application/json"),
    (state.W_EXP_GEXF, state.W_EXP_GRAPHML, state.W_EXP_JSON),
    strict=True,
):
    col.download_button(
        tr(f"exp.graph_{fmt}"),
        partial(data.graph_file, key, net, fmt, code, which),
        file_name=f"{base}_{which}.{fmt}",
        mime=mime,
        key=widget,
        on_click="ignore",
    )

st.subheader(tr("exp.view"))
view = st.session_state.get(state.VIEW_HTML)
if view:
    st.markdown(tr("exp.view_help"))
    st.download_button(
        tr("exp.view_button"),
        view.encode("utf-8"),
        file_name=st.session_state.get(state.VIEW_NAME, f"{base}.html"),
        mime="text/html",
        key=state.W_EXP_HTML,
        on_click="ignore",
    )
    # The same view as PNG, SVG and PDF, once the Réseau page has offered it as an image.
    exporter_buttons(intro=tr("img.export_help"))
else:
    st.info(tr("exp.view_none"))
