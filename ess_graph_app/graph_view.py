"""One view of the network on screen: the Réseau page's controls, the graph frame, its
legend and counts, and presentation mode (the graph filling a 1280×720 projector).

The Réseau page and the Présentation page draw views through `draw`, so a saved view
looks the same wherever it is played. A view is an `ess_graph.views.SavedView`.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from ess_graph.network import Network
from ess_graph.schema import FAMILIES
from ess_graph.views import COLOR_BY, FILTER_KINDS, SCALES, SIZE_MEASURES, SavedView
from ess_graph.viz.html import legend_panel, title_line
from ess_graph.viz.style import measure_label, value_label
from ess_graph_app import data, state
from ess_graph_app.ui import (
    by_name,
    fmt_int,
    graph_frame,
    labels,
    lang,
    structure_search,
    tr,
    trn,
)

#: The graph's height on the Réseau page: under the title and the banner of a 1280×720
#: projector, with the browser's own bar.
GRAPH_HEIGHT = 540
#: In presentation mode: the whole screen but one line of title and the buttons.
PRESENT_HEIGHT = 610

#: Presentation mode: no sidebar, no streamlit header or toolbar, no top padding; the
#: graph and its legend fill the screen.
PRESENT_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"],
[data-testid="stSidebarNav"], [data-testid="stMainMenu"] { display: none !important; }
.block-container { padding-top: 0.6rem !important; padding-bottom: 0 !important;
  padding-left: 1.2rem !important; padding-right: 1.2rem !important; max-width: 100% !important; }
.ess-present-title { font-size: 1.55rem; font-weight: 700; line-height: 1.25; margin: 0;
  white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.ess-present-note { font-size: 1.05rem; color: #444; white-space: nowrap; overflow: hidden;
  text-overflow: ellipsis; margin: 0; }
</style>
"""


def presenting() -> bool:
    """Whether this session shows the Réseau page in presentation mode."""
    return bool(st.session_state.get(state.PRESENTING))


def controls(net: Network, key: str) -> SavedView:
    """The Réseau page's controls, in the sidebar; returns the view they describe."""
    G = data.cooperation(key, net)
    code = lang()
    side = st.sidebar
    large = G.number_of_nodes() > data.MAX_DRAWN
    names = dict(G.nodes(data="name", default=""))
    # Search first: "where is X?" is the question a meeting asks most, and the box stays
    # above the fold of a 720-pixel projector.
    with side:
        focus = structure_search(
            data.name_index(key, net), names, key=state.W_SEARCH, label=tr("net.search")
        )
    depth = 1  # the neighbourhood's depth: asked once a structure is found
    if focus is not None:
        depth = side.radio(tr("net.depth"), [1, 2], horizontal=True, key=state.W_DEPTH)
    scale = side.radio(
        tr("net.scale"),
        list(SCALES),
        index=1 if large else 0,  # a very large network opens on its pôles
        format_func=labels("net.scale"),
        horizontal=True,
        key=state.W_SCALE,
    )
    structure_scale = scale == "structure"
    color_by = side.selectbox(
        tr("net.color"),
        list(COLOR_BY),
        format_func=labels("attr"),
        key=state.W_COLOR,
        disabled=not structure_scale,
    )
    size_by = side.selectbox(
        tr("net.size"),
        list(SIZE_MEASURES),
        format_func=lambda m, c=code: measure_label(m, c),
        key=state.W_SIZE,
        disabled=not structure_scale,
    )
    side.toggle(tr("net.physics"), value=False, key=state.W_PHYSICS)
    with side.expander(tr("net.filters"), expanded=False):
        territories = st.multiselect(
            tr("attr.territory"),
            **by_name(net.territory_names()),
            key=state.W_TERRITORY,
            placeholder=tr("net.all"),
            select_all=False,
        )
        poles = st.multiselect(
            tr("attr.pole"),
            **by_name(net.pole_names()),
            key=state.W_POLE,
            placeholder=tr("net.all"),
            select_all=False,
        )
        sectors = st.multiselect(
            tr("attr.sector"),
            **by_name(net.sector_names()),
            key=state.W_SECTOR,
            placeholder=tr("net.all"),
            select_all=False,
        )
        families = st.multiselect(
            tr("attr.family"),
            list(FAMILIES),
            format_func=lambda f, c=code: value_label(G, "family", f, c),
            key=state.W_FAMILY,
            placeholder=tr("net.all"),
            select_all=False,
        )
        kinds = st.multiselect(
            tr("net.kind"),
            list(FILTER_KINDS),
            format_func=labels("kind"),
            key=state.W_KIND,
            placeholder=tr("net.all"),
            select_all=False,
        )
        span = data.year_range(key, net)
        years = None
        if span and span[0] < span[1]:
            chosen = st.slider(
                tr("net.years"),
                span[0],
                span[1],
                value=span,
                key=state.W_YEAR,
                step=1,
                help=tr("net.years_help"),
            )
            years = None if tuple(chosen) == tuple(span) else (int(chosen[0]), int(chosen[1]))
    return SavedView(
        "",
        scale=scale,
        territories=tuple(territories),
        poles=tuple(poles),
        sectors=tuple(sectors),
        families=tuple(families),
        kinds=tuple(kinds),
        years=years,
        color_by=color_by,
        size_by=size_by,
        focus=focus,
        depth=int(depth),
    )


def shown_view(net: Network, key: str, view: SavedView, *, height: int) -> dict[str, Any]:
    """What `draw` shows for `view`: `data.view`'s dict (cached)."""
    return data.view(
        key,
        net,
        scale=view.scale,
        filters=view.filters,
        focus=view.focus,
        depth=int(view.depth),
        color_by=view.color_by,
        size_by=view.size_by,
        physics=bool(st.session_state.get(state.W_PHYSICS, False)),
        height=height,
        lang=lang(),
    )


def legend_html(net: Network, key: str, shown: dict[str, Any], scale: str) -> str:
    """The counts, then the legend of `shown` (colours, sizes, names, line styles), as
    escaped HTML for ``st.html`` (`ess_graph.viz.html.legend_panel`)."""
    leg = shown["legend"] or {}
    lines = {}
    if leg.get("declared"):  # links declared by one side only: dotted arrows
        lines["declared"] = leg["declared"]
    if scale == "structure" and data.proposed_pairs(key, net):
        # proposed links are drawn dashed, counted in the figures or not
        lines["proposed"] = tr(
            "net.proposed_counted" if data.include_proposed(key) else "net.proposed"
        )
    counts = [
        (fmt_int(shown["structures"]), trn("net.count_structures", shown["structures"])),
        (fmt_int(shown["ties"]), trn("net.count_ties", shown["ties"])),
    ]
    return legend_panel(leg, counts=counts, lines=lines)


def draw(
    net: Network,
    key: str,
    view: SavedView,
    *,
    height: int = GRAPH_HEIGHT,
    frame_key: str,
    clickable: bool = True,
) -> dict[str, Any]:
    """Draw `view`: the graph (fitted to what it shows) and, beside it, its counts and
    legend. Returns `data.view`'s dict plus ``clicked``: the structure clicked in the
    graph during this run (an id of the drawn graph), or None."""
    shown = shown_view(net, key, view, height=height)
    clicked = None
    graph_col, legend_col = st.columns([4.4, 1])
    with graph_col:
        if shown["nodes"] == 0:
            st.info(tr("net.empty"))
        elif shown["html"] is None:
            st.info(tr("net.too_many", n=fmt_int(shown["structures"]), max=fmt_int(data.MAX_DRAWN)))
        else:
            clicked = graph_frame(
                shown["html"],
                height=height,
                title=tr("net.frame_title"),
                key=frame_key,
                node_ids=shown["ids"] if clickable else (),
            )
    with legend_col:  # one element: the counts, then the legend
        st.html(legend_html(net, key, shown, view.scale))
    return {**shown, "clicked": clicked}


def view_title(net: Network, key: str, view: SavedView) -> str:
    """A title for `view` when it has none: the page's name, then what it is filtered to
    (« Réseau — Pays de Brest, Pays de Morlaix »), or the structure in focus."""
    if view.title:
        return view.title
    G = data.cooperation(key, net)
    if view.focus is not None and view.focus in G:
        return tr("net.present_focus", name=str(G.nodes[view.focus].get("name") or view.focus))
    code = lang()
    parts = [value_label(G, "territory", t, code) for t in view.territories]
    parts += [value_label(G, "pole", p, code) for p in view.poles]
    parts += [value_label(G, "sector", s, code) for s in view.sectors]
    title = tr("page.network")
    if parts:
        title += " — " + ", ".join(parts[:4]) + (" …" if len(parts) > 4 else "")
    return title


def present_header(title: str, note: str, net: Network) -> None:
    """Presentation mode's one line: the view's title and comment, the demo's notice."""
    st.html(PRESENT_CSS)
    line = " · ".join(x for x in (note, tr("banner.demo_short") if net.is_demo else "") if x)
    st.html(title_line(title, line))
