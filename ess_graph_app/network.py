"""Réseau: the interactive graph, filtered, coloured, sized, searched, at three scales;
full screen for the projector; a click on a structure opens its card.

The controls and the drawing are `ess_graph_app.graph_view` (the Présentation page draws
saved views the same way); the card and the link drawn by two clicks are
`ess_graph_app.card`. The positions are computed once per network and scale (cached), so
nothing moves when a filter changes; each view is fitted to what it shows.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ess_graph.viz.style import value_label
from ess_graph_app import card, data, editing, graph_view, saved_views, state
from ess_graph_app.ui import (
    fmt_int,
    labels,
    lang,
    md,
    require_network,
    style,
    table,
    ties_caption,
    tr,
)
from ess_graph_app.view_image import image_buttons


def since_text(year: object) -> str | None:
    """A tie's year as written (« 2009 », never « 2009.0 »), None when unknown."""
    try:
        return str(int(year))  # type: ignore[arg-type]
    except (TypeError, ValueError, OverflowError):
        return None


def start_presenting() -> None:
    st.session_state[state.PRESENTING] = True


def stop_presenting() -> None:
    st.session_state[state.PRESENTING] = False


style()
presenting = graph_view.presenting()
if not presenting:
    st.title(tr("page.network"))
net, key = require_network()
G = data.cooperation(key, net)
code = lang()
# A view's link (reseau?vue=…&territoire=…): its widgets are set before they are
# created, once (the parameters then leave the address).
saved_views.apply_query_params(net, key)
# in the sidebar (hidden while presenting); a view opened from a link keeps its title
view = saved_views.with_opened(graph_view.controls(net, key))
saved_views.save_panel(net, key, view)  # save this view, open a saved one
st.sidebar.button(
    tr("net.present"),
    key=state.W_PRESENT,
    on_click=start_presenting,
    help=tr("net.present_help"),
    width="stretch",
)

if presenting:
    head, leave = st.columns([6, 1.3], vertical_alignment="center")
    with head:
        graph_view.present_header(graph_view.view_title(net, key, view), view.comment, net)
    leave.button(tr("net.present_exit"), key=state.W_PRESENT_EXIT, on_click=stop_presenting)
else:
    if net.is_demo:  # one line: the graph keeps the height of a 1280×720 screen
        st.warning(tr("banner.demo_short"))
    ties_caption(net, key)
    editing.show_flash()  # e.g. "Lien ajouté" after a link drawn by two clicks
    card.link_banner(net, key)
    large = G.number_of_nodes() > data.MAX_DRAWN
    if large and view.scale != "structure":
        # Say why a very large network opens on its pôles rather than on its structures.
        st.caption(
            tr(
                "net.large_opens_on_poles",
                n=fmt_int(G.number_of_nodes()),
                max=fmt_int(data.MAX_DRAWN),
            )
        )

shown = graph_view.draw(
    net,
    key,
    view,
    height=graph_view.PRESENT_HEIGHT if presenting else graph_view.GRAPH_HEIGHT,
    frame_key=state.W_NET_GRAPH,
    clickable=view.scale == "structure",  # a card is a structure's
)
if shown["html"] is not None:
    st.session_state[state.VIEW_HTML] = shown["html"]
    st.session_state[state.VIEW_NAME] = (
        "reseau" if code == "fr" else "network"
    ) + f"_{view.scale}.html"
card.on_click(net, key, shown["clicked"])
if presenting:
    st.stop()

# The view as an image for slides and papers (the buttons sent when their panel is open,
# the image drawn when a button is pressed)
image_buttons(shown, title=graph_view.view_title(net, key, view), panel=state.W_IMG_PANEL)

focus = view.focus
if focus is not None and not shown["focused"]:
    st.warning(tr("net.focus_filtered"))
st.caption(tr("net.help") + (" " + tr("net.click_help") if view.scale == "structure" else ""))

# The searched structure's partners, as a list to act on --------------------------------
if focus is not None and focus in G:
    names = dict(G.nodes(data="name", default=""))
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
                tr("col.since"): since_text(tie.get("since")),
            }
        )
    st.subheader(tr("net.partners_of", name=md(names.get(focus) or focus), n=len(rows)))
    if rows:
        frame = pd.DataFrame(rows).sort_values(tr("col.partner"), key=lambda s: s.str.casefold())
        table(frame, key=state.W_NET_PARTNERS, max_rows=12)
