"""Réseau: the interactive graph, filtered, coloured, sized, searched, at three scales.

Filtering, aggregation, layout, styles and the HTML come from ``ess_graph.viz``; the
positions are computed once per network and scale (cached), so nothing moves when a
filter changes. The graph is shown in a sandboxed frame (`ui.graph_frame`).
"""

from __future__ import annotations

import html
import re

import pandas as pd
import streamlit as st

from ess_graph.schema import FAMILIES, LINK_KINDS
from ess_graph.viz.html import SUGGESTION_COLOUR
from ess_graph.viz.style import DECLARED_COLOUR, measure_label, value_label
from ess_graph_app import data, state
from ess_graph_app.ui import (
    by_name,
    fmt_int,
    graph_frame,
    labels,
    lang,
    md,
    page_start,
    structure_search,
    tr,
)

GRAPH_HEIGHT = 520  # fits a 1280×720 projector under the title and the banner

net, key = page_start("page.network")
G = data.cooperation(key, net)
code = lang()

# Controls (in the sidebar: the graph keeps the page's height) ---------------------------
side = st.sidebar
large = G.number_of_nodes() > data.MAX_DRAWN
names = dict(G.nodes(data="name", default=""))
# Search first: "where is X?" is the question a meeting asks most, and the box stays above
# the fold of a 720-pixel projector.
with side:
    focus = structure_search(
        data.name_index(key, net), names, key=state.W_SEARCH, label=tr("net.search")
    )
depth = 1  # the neighbourhood's depth: asked once a structure is found
if focus is not None:
    depth = side.radio(tr("net.depth"), [1, 2], horizontal=True, key=state.W_DEPTH)
scale = side.radio(
    tr("net.scale"),
    ["structure", "pole", "sector"],
    index=1 if large else 0,  # a very large network opens on its pôles
    format_func=labels("net.scale"),
    horizontal=True,
    key=state.W_SCALE,
)
structure_scale = scale == "structure"
color_by = side.selectbox(
    tr("net.color"),
    ["sector", "family", "territory", "pole", "community"],
    format_func=labels("attr"),
    key=state.W_COLOR,
    disabled=not structure_scale,
)
size_by = side.selectbox(
    tr("net.size"),
    list(data.SIZE_MEASURES),
    format_func=lambda m, c=code: measure_label(m, c),
    key=state.W_SIZE,
    disabled=not structure_scale,
)
physics = side.toggle(tr("net.physics"), value=False, key=state.W_PHYSICS)

with side.expander(tr("net.filters"), expanded=False):
    territory_names = net.territory_names()
    territories = st.multiselect(
        tr("attr.territory"),
        **by_name(territory_names),
        key=state.W_TERRITORY,
        placeholder=tr("net.all"),
    )
    pole_names = net.pole_names()
    poles = st.multiselect(
        tr("attr.pole"),
        **by_name(pole_names),
        key=state.W_POLE,
        placeholder=tr("net.all"),
    )
    sector_names = net.sector_names()
    sectors = st.multiselect(
        tr("attr.sector"),
        **by_name(sector_names),
        key=state.W_SECTOR,
        placeholder=tr("net.all"),
    )
    families = st.multiselect(
        tr("attr.family"),
        list(FAMILIES),
        format_func=lambda f, c=code: value_label(G, "family", f, c),
        key=state.W_FAMILY,
        placeholder=tr("net.all"),
    )
    kinds = st.multiselect(
        tr("net.kind"),
        [k for k in LINK_KINDS if k not in ("membership", "governance", "funding")],
        format_func=labels("kind"),
        key=state.W_KIND,
        placeholder=tr("net.all"),
    )
    span = data.year_range(key, net)
    years = None
    if span and span[0] < span[1]:
        chosen = st.slider(tr("net.years"), span[0], span[1], value=span, key=state.W_YEAR, step=1)
        years = None if tuple(chosen) == tuple(span) else tuple(chosen)

filters = (
    tuple(territories) or None,
    tuple(poles) or None,
    tuple(sectors) or None,
    tuple(families) or None,
    tuple(kinds) or None,
    years,
)
shown = data.view(
    key,
    net,
    scale=scale,
    filters=filters,
    focus=focus,
    depth=int(depth),
    color_by=color_by,
    size_by=size_by,
    physics=bool(physics),
    height=GRAPH_HEIGHT,
    lang=code,
)
if shown["html"] is not None:
    st.session_state[state.VIEW_HTML] = shown["html"]
    st.session_state[state.VIEW_NAME] = ("reseau" if code == "fr" else "network") + f"_{scale}.html"

# Graph and legend -----------------------------------------------------------------------
graph_col, legend_col = st.columns([3.3, 1])
with graph_col:
    if large and not structure_scale:
        # Say why a very large network opens on its pôles rather than on its structures.
        st.caption(
            tr(
                "net.large_opens_on_poles",
                n=fmt_int(G.number_of_nodes()),
                max=fmt_int(data.MAX_DRAWN),
            )
        )
    if shown["nodes"] == 0:
        st.info(tr("net.empty"))
    elif shown["html"] is None:
        st.info(tr("net.too_many", n=fmt_int(shown["structures"]), max=fmt_int(data.MAX_DRAWN)))
    else:
        graph_frame(shown["html"], height=GRAPH_HEIGHT, title=tr("net.frame_title"))
with legend_col:  # one element: the counts, then the legend
    counts = (
        '<div class="ess-count">'
        + tr("net.counts", n=fmt_int(shown["structures"]), m=fmt_int(shown["ties"]))
        + "</div>"
    )
    leg = shown["legend"] or {"colors": {}, "more": "", "color_title": "", "size": ""}
    hex_colour = re.compile(r"^#[0-9A-Fa-f]{6}$")
    items = "".join(
        f'<div><span class="dot" style="background:{colour}"></span>{html.escape(label)}</div>'
        for label, colour in leg["colors"].items()
        if hex_colour.match(colour)
    )
    more = f"<div>{html.escape(leg['more'])}</div>" if leg["more"] else ""
    ideas = ""
    if leg.get("declared"):
        # links declared by one side only: dotted arrows, counted or not under the rule
        ideas += (
            '<div style="margin-top:0.6em"><span style="display:inline-block;width:2.2em;'
            f"border-top:3px dotted {DECLARED_COLOUR};vertical-align:0.3em;"
            f'margin-right:0.1em"></span>&#9656; {html.escape(leg["declared"])}</div>'
        )
    if scale == "structure" and data.proposed_pairs(key, net):
        # proposed links are drawn dashed, counted in the figures or not
        counted = data.include_proposed(key)
        text = tr("net.proposed_counted" if counted else "net.proposed")
        line = f"3px dashed {SUGGESTION_COLOUR}"
        ideas += (
            '<div style="margin-top:0.6em"><span style="display:inline-block;width:2.2em;'
            f"border-top:{line};vertical-align:0.3em;"
            f'margin-right:0.4em"></span>{html.escape(text)}</div>'
        )
    st.html(
        counts + f'<div class="ess-legend"><b>{html.escape(leg["color_title"])}</b>{items}{more}'
        f'<div style="margin-top:0.6em">{html.escape(leg["size"])}</div>{ideas}</div>'
    )
if focus is not None and not shown["focused"]:
    st.warning(tr("net.focus_filtered"))
st.caption(tr("net.help"))

# The searched structure's partners, as a list to act on --------------------------------
if focus is not None and focus in G:
    rows = []
    for partner in G.neighbors(focus):
        d = G.nodes[partner]
        tie = G.edges[focus, partner]
        rows.append(
            {
                tr("col.partner"): str(d.get("name") or partner),
                tr("col.sector"): value_label(G, "sector", str(d.get("sector", "")), code),
                tr("col.territory"): value_label(G, "territory", str(d.get("territory", "")), code),
                tr("net.kind"): ", ".join(labels("kind")(k) for k in tie.get("kinds", ())),
                tr("col.since"): tie.get("since"),
            }
        )
    st.subheader(tr("net.partners_of", name=md(names.get(focus) or focus), n=len(rows)))
    if rows:
        table = pd.DataFrame(rows).sort_values(tr("col.partner"), key=lambda s: s.str.casefold())
        st.dataframe(table, hide_index=True, width="stretch", key="w_net_partners")
