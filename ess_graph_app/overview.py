"""Vue d'ensemble: what the app is for, the key figures of the network and a map of its
territories."""

from __future__ import annotations

import html

import pandas as pd
import pydeck as pdk
import streamlit as st

from ess_graph.schema import POLE_STATUSES
from ess_graph.viz.map import MAP_HEIGHT_PX, STATUS_COLORS, map_points, place_labels
from ess_graph_app import data, state
from ess_graph_app.ui import fmt_int, fmt_pct, lang, page_start, table, tr, trn

ASCII = "".join(chr(c) for c in range(32, 127))

net, key = page_start("page.overview")
st.markdown(
    tr(
        "overview.intro",
        network=tr("page.network"),
        gaps=tr("page.gaps"),
        data=tr("page.data"),
    )
)
fig = data.key_figures(key, net)

c1, c2, c3, c4, c5 = st.columns(5)
c1.metric(tr("fig.structures"), fmt_int(fig["structures"]))
c2.metric(tr("fig.ties"), fmt_int(fig["ties"]), help=trn("fig.ties_help", fig["links"]))
c3.metric(tr("fig.poles"), fmt_int(fig["poles"]))
c4.metric(tr("fig.cross_sector"), fmt_pct(fig["cross_sector_share"]), help=tr("fig.cross_help"))
c5.metric(tr("fig.isolates"), fmt_int(fig["isolates"]), help=tr("fig.isolates_help"))

by_status = fig["poles_by_status"]
parts = [
    trn(f"status.{s}.count", by_status.get(s, 0))
    for s in reversed(POLE_STATUSES)
    if by_status.get(s, 0)
]
st.markdown("#### " + tr("fig.poles_by_status") + " " + (" · ".join(parts) if parts else "–"))
st.caption(
    tr(
        "fig.more",
        partners=trn("fig.n_partners", fig["partners"]),
        territories=trn("fig.n_territories", fig["territories"]),
        sectors=trn("fig.n_sectors", fig["sectors"]),
    )
)

# The map ------------------------------------------------------------------------------
points, arcs = data.map_tables(key, net)
placed = map_points(points)
t1, t2, t4, t3 = st.columns([4, 3, 2, 2], vertical_alignment="center")
t1.markdown("**" + tr("map.title") + "**")
show_arcs = t2.toggle(tr("map.show_arcs"), value=True, key=state.W_MAP_ARCS)
show_structures = t4.toggle(tr("map.show_structures"), value=False, key=state.W_MAP_STRUCTURES)
if t3.button(tr("map.reset"), key=state.W_MAP_RESET):
    # a view of another id: streamlit's chart then starts again from the fitted view
    st.session_state[state.MAP_ROUND] = st.session_state.get(state.MAP_ROUND, 0) + 1

status_label = {s: tr(f"status.{s}") for s in POLE_STATUSES} | {"": tr("status.none")}
# The legend in one line above the map, which then has the page's whole width.
dots = "".join(
    f'<span class="dot" style="background:rgb({r},{g},{b})"></span>'
    f'{html.escape(status_label[s])}<span style="display:inline-block;width:1.1em"></span>'
    for s, (r, g, b) in (
        (s, STATUS_COLORS[s]) for s in ["created", "prefiguration", "launching", ""]
    )
)
st.html(
    f'<div class="ess-legend"><b>{html.escape(tr("map.legend"))}</b>'
    f'<span style="display:inline-block;width:1.1em"></span>{dots}</div>'
)
placed["color"] = [list(STATUS_COLORS.get(s, STATUS_COLORS[""])) for s in placed["pole_status"]]
placed["status_text"] = [status_label.get(s, s) for s in placed["pole_status"]]
placed["tip"] = [
    tr(
        "map.tip_point",
        name=name,
        structures=trn("map.n_structures", n),
        poles=poles or "–",
        status=status,
    )
    for name, n, poles, status in zip(
        placed["name"], placed["structures"], placed["poles"], placed["status_text"], strict=True
    )
]
# Labels placed in Python (the view fitted to the points, no two labels overlapping, none
# out of the frame): deck.gl draws each at its own anchor and offset.
view, placed = place_labels(placed, height=MAP_HEIGHT_PX)
# pydeck turns every string prop into an expression ("pixels" becomes the undefined
# variable `pixels`): literal strings go through pdk.types.String, units keep their
# defaults (metres for radii, pixels for line widths).
# Each structure at its own coordinates (a roster imported from SIRENE carries them).
dots = pd.DataFrame(
    {
        "lon": pd.to_numeric(net.structures["lon"], errors="coerce"),
        "lat": pd.to_numeric(net.structures["lat"], errors="coerce"),
        "tip": [
            tr("map.tip_structure", name=n, commune=c or "–")
            for n, c in zip(net.structures["name"], net.structures["commune"], strict=True)
        ],
    }
).dropna(subset=["lon", "lat"])
layers = []
if show_arcs and len(arcs):
    arcs = arcs.copy()
    top = max(1, int(arcs["ties"].max()))
    arcs["line_px"] = [1.5 + 8 * n / top for n in arcs["ties"]]
    arcs["tip"] = [
        trn("map.tip_arc", n, a=a, b=b)
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
        get_radius="radius_px",
        radius_units=pdk.types.String("pixels"),
        stroked=True,
        get_line_color=[255, 255, 255],
        line_width_min_pixels=1.5,
        pickable=True,
    ),
    *(
        [
            pdk.Layer(
                "ScatterplotLayer",
                data=dots,
                get_position=["lon", "lat"],
                get_fill_color=[31, 95, 153, 200],
                get_radius=3,
                radius_units=pdk.types.String("pixels"),
                stroked=True,
                get_line_color=[255, 255, 255],
                line_width_min_pixels=0.5,
                pickable=True,
            )
        ]
        if show_structures
        else []
    ),
    pdk.Layer(
        "TextLayer",
        data=placed,
        get_position=["lon", "lat"],
        get_text="label",
        get_size=15,
        get_color=[20, 20, 20],
        get_text_anchor="anchor",
        get_alignment_baseline="baseline",
        get_pixel_offset="offset",
        # deck.gl draws only the characters of its atlas: give it every one the labels use.
        character_set=pdk.types.String("".join(sorted(set("".join(placed["label"])) | set(ASCII)))),
        font_weight=600,
        # the font whose widths place the labels (ess_graph.viz.text.ARIAL_BOLD_15)
        font_family=pdk.types.String("Arial, 'Liberation Sans', Helvetica, sans-serif"),
        outline_width=3,
        outline_color=[255, 255, 255],
        font_settings={"sdf": True},
    ),
]
deck = pdk.Deck(
    layers=layers,
    initial_view_state=pdk.ViewState(**view),
    # The wheel scrolls the page, never zooms the map: drag pans, double-click and pinch
    # zoom, the button above recentres.
    views=[
        pdk.View(
            type="MapView",
            id=f"map-{st.session_state.get(state.MAP_ROUND, 0)}",
            controller={
                "scrollZoom": False,
                "dragPan": True,
                "doubleClickZoom": True,
                "touchZoom": True,
                "dragRotate": False,
                "touchRotate": False,
                "keyboard": False,
            },
        )
    ],
    map_provider=None,
    tooltip={"text": "{tip}"},
)
st.pydeck_chart(deck, height=MAP_HEIGHT_PX, key=state.W_MAP_CHART)
notes = [tr("map.legend_size")] + ([tr("map.legend_arcs")] if show_arcs else [])
if show_structures:
    notes.append(tr("map.legend_structures", n=fmt_int(len(dots))))
unplaced = points[points["lat"].isna() | points["lon"].isna()]
if len(unplaced):
    notes.append(trn("map.unplaced", len(unplaced)))
st.caption(" ".join([*notes, tr("map.help")]))

with st.expander(tr("map.table")):
    shown = points.assign(pole_status=[status_label.get(s, s) for s in points["pole_status"]])
    shown = shown[["name", "structures", "poles", "pole_status"]]
    shown.columns = [tr("col.territory"), tr("col.structures"), tr("col.poles"), tr("col.status")]
    table(shown, key="w_map_table", numbers={tr("col.structures"): ",d"})
    if len(arcs):
        ties = pd.DataFrame(
            {
                tr("col.territory_a"): arcs["source_name"],
                tr("col.territory_b"): arcs["target_name"],
                tr("col.ties"): arcs["ties"],
            }
        )
        table(ties, key="w_map_ties", numbers={tr("col.ties"): ",d"})

# The observatory's table: structures and employees by sector or family -----------------
with st.expander(tr("ess_figures.title"), key=state.W_ESS_PANEL, on_change="rerun") as panel:
    if panel.open:
        from ess_graph.analysis.employment import ess_in_figures
        from ess_graph.i18n import t
        from ess_graph.report import strings as _report_words  # noqa: F401  (family names)

        names = net.territory_names()
        w1, w2 = st.columns([3, 2])
        where = w1.selectbox(
            tr("ess_figures.where"),
            [None, *sorted(names, key=lambda x: str(names[x]))],
            format_func=lambda x: tr("ess_figures.region") if x is None else str(names[x]),
            key=state.W_ESS_WHERE,
        )
        by = w2.radio(
            tr("ess_figures.by"),
            ["sector", "family"],
            format_func=lambda x: tr(f"ess_figures.by.{x}"),
            horizontal=True,
            key=state.W_ESS_BY,
        )
        figures = ess_in_figures(net.structures, by=by, territory=where)
        sectors = net.sector_names()
        label = (
            (lambda g: str(sectors.get(g, g)))
            if by == "sector"
            else (lambda g: t(f"report.family.{g}", lang()))
        )
        shown = pd.DataFrame(
            {
                tr(f"col.group.{by}"): [label(g) for g in figures["group"]],
                tr("col.structures"): figures["structures"],
                tr("col.employees"): figures["employees"],
                tr("col.employees_share"): 100 * figures["employees_share"],
                tr("col.region_employees_share"): 100 * figures["region_employees_share"],
            }
        )
        table(
            shown,
            key="w_ess_table",
            numbers={
                tr("col.structures"): ",d",
                tr("col.employees"): ",d",
                tr("col.employees_share"): ".0f",
                tr("col.region_employees_share"): ".0f",
            },
        )
        st.caption(tr("ess_figures.help", unknown=fmt_int(int(figures["employees_unknown"].sum()))))
