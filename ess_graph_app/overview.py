"""Vue d'ensemble: the key figures of the network and a map of its territories."""

from __future__ import annotations

import math

import pandas as pd
import pydeck as pdk
import streamlit as st

from ess_graph.schema import POLE_STATUSES
from ess_graph.viz.map import BRITTANY_CENTER, STATUS_COLORS
from ess_graph_app import data, state
from ess_graph_app.ui import fmt_int, fmt_pct, page_start, tr

ASCII = "".join(chr(c) for c in range(32, 127))

net, key = page_start("page.overview")
fig = data.key_figures(key, net)

c1, c2, c3, c4, c5 = st.columns(5)
c1.metric(tr("fig.structures"), fmt_int(fig["structures"]))
c2.metric(tr("fig.ties"), fmt_int(fig["ties"]), help=tr("fig.ties_help", links=fig["links"]))
c3.metric(tr("fig.poles"), fmt_int(fig["poles"]))
c4.metric(tr("fig.cross_sector"), fmt_pct(fig["cross_sector_share"]), help=tr("fig.cross_help"))
c5.metric(tr("fig.isolates"), fmt_int(fig["isolates"]), help=tr("fig.isolates_help"))

by_status = fig["poles_by_status"]
parts = [
    tr(f"status.{s}.count", n=by_status.get(s, 0))
    for s in reversed(POLE_STATUSES)
    if by_status.get(s, 0)
]
st.markdown("#### " + tr("fig.poles_by_status") + " " + (" · ".join(parts) if parts else "–"))
st.caption(
    tr(
        "fig.more",
        partners=fmt_int(fig["partners"]),
        territories=fmt_int(fig["territories"]),
        sectors=fmt_int(fig["sectors"]),
    )
)

# The map ------------------------------------------------------------------------------
points, arcs = data.map_tables(key, net)
placed = points.dropna(subset=["lat", "lon"]).copy()
map_col, legend_col = st.columns([5, 1])
with map_col:
    t1, t2 = st.columns([3, 2])
    t1.markdown("**" + tr("map.title") + "**")
    show_arcs = t2.toggle(tr("map.show_arcs"), value=True, key=state.W_MAP_ARCS)

status_label = {s: tr(f"status.{s}") for s in POLE_STATUSES} | {"": tr("status.none")}
placed["color"] = [list(STATUS_COLORS.get(s, STATUS_COLORS[""])) for s in placed["pole_status"]]
most = max(1, int(placed["structures"].max())) if len(placed) else 1
placed["disc_px"] = [6 + 16 * math.sqrt(n / most) for n in placed["structures"]]
placed["status_text"] = [status_label.get(s, s) for s in placed["pole_status"]]
placed["label"] = [
    f"{name} ({n})" if n else name
    for name, n in zip(placed["name"], placed["structures"], strict=True)
]
placed["tip"] = [
    tr("map.tip_point", name=name, n=n, poles=poles or "–", status=status)
    for name, n, poles, status in zip(
        placed["name"], placed["structures"], placed["poles"], placed["status_text"], strict=True
    )
]
# pydeck turns every string prop into an expression ("pixels" becomes the undefined
# variable `pixels`): literal strings go through pdk.types.String, units keep their
# defaults (metres for radii, pixels for line widths).
layers = []
if show_arcs and len(arcs):
    arcs = arcs.copy()
    top = max(1, int(arcs["ties"].max()))
    arcs["line_px"] = [1.5 + 8 * n / top for n in arcs["ties"]]
    arcs["tip"] = [
        tr("map.tip_arc", a=a, b=b, n=n)
        for a, b, n in zip(arcs["source_name"], arcs["target_name"], arcs["ties"], strict=True)
    ]
    layers.append(
        pdk.Layer(
            "LineLayer",
            data=arcs,
            get_source_position=["source_lon", "source_lat"],
            get_target_position=["target_lon", "target_lat"],
            get_color=[90, 90, 90, 110],
            get_width="line_px",
            pickable=True,
        )
    )
layers += [
    pdk.Layer(
        "ScatterplotLayer",
        data=placed,
        get_position=["lon", "lat"],
        get_fill_color="color",
        get_radius="disc_px",
        radius_units=pdk.types.String("pixels"),
        stroked=True,
        get_line_color=[255, 255, 255],
        line_width_min_pixels=1.5,
        pickable=True,
    ),
    pdk.Layer(
        "TextLayer",
        data=placed,
        get_position=["lon", "lat"],
        get_text="label",
        get_size=15,
        get_color=[20, 20, 20],
        get_pixel_offset=[0, -22],
        # deck.gl draws only the characters of its atlas: give it every one the labels use.
        character_set=pdk.types.String("".join(sorted(set("".join(placed["label"])) | set(ASCII)))),
        font_weight=600,
        font_family=pdk.types.String("Source Sans Pro, Arial, sans-serif"),
        outline_width=3,
        outline_color=[255, 255, 255],
        font_settings={"sdf": True},
    ),
]
deck = pdk.Deck(
    layers=layers,
    initial_view_state=pdk.ViewState(
        latitude=BRITTANY_CENTER[0], longitude=BRITTANY_CENTER[1], zoom=6.95
    ),
    map_provider=None,
    tooltip={"text": "{tip}"},
)
with map_col:
    st.pydeck_chart(deck, height=470, key="w_map_chart")
with legend_col:
    st.markdown("**" + tr("map.legend") + "**")
    for s in ["created", "prefiguration", "launching", ""]:
        r, g, b = STATUS_COLORS[s]
        st.html(
            f'<div class="ess-legend"><span class="dot" style="background:rgb({r},{g},{b})">'
            f"</span>{status_label[s]}</div>"
        )
    st.caption(tr("map.legend_size"))
    if show_arcs:
        st.caption(tr("map.legend_arcs"))
    unplaced = points[points["lat"].isna() | points["lon"].isna()]
    if len(unplaced):
        st.caption(tr("map.unplaced", n=len(unplaced)))

with st.expander(tr("map.table")):
    table = points.assign(pole_status=[status_label.get(s, s) for s in points["pole_status"]])
    table = table[["name", "structures", "poles", "pole_status"]]
    table.columns = [tr("col.territory"), tr("col.structures"), tr("col.poles"), tr("col.status")]
    st.dataframe(table, hide_index=True, width="stretch", key="w_map_table")
    if len(arcs):
        ties = pd.DataFrame(
            {
                tr("col.territory_a"): arcs["source_name"],
                tr("col.territory_b"): arcs["target_name"],
                tr("col.ties"): arcs["ties"],
            }
        )
        st.dataframe(ties, hide_index=True, width="stretch", key="w_map_ties")
