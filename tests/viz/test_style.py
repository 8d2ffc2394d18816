"""Colours, sizes, tooltips and legend of ess_graph.viz.style on hand-made graphs."""

from __future__ import annotations

import re

import networkx as nx
import pandas as pd
import pytest

from ess_graph.viz.style import (
    BASE_COLOURS,
    MISSING_COLOUR,
    SIZE_MAX,
    SIZE_MIN,
    legend,
    node_styles,
    palette,
    scale_sizes,
)

# Okabe & Ito (2008), "Color Universal Design", the published hex values of the
# orange, sky blue, bluish green, yellow, blue, vermillion and reddish purple.
OKABE_ITO = {"#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7"}

HEX = re.compile(r"^#[0-9A-F]{6}$")


def star() -> nx.Graph:
    """A hub "h" (culture, pôle p1) with three leaves; leaf "c" is in sport, no pôle."""
    G = nx.Graph(
        sector_names={"cult": "Culture", "sport": "Sport"},
        territory_names={"rennes": "Rennes"},
        poles={"p1": {"name": "Réso solidaire", "territory": "rennes", "status": "created"}},
    )
    for n, sector, pole in [
        ("h", "cult", "p1"),
        ("a", "cult", "p1"),
        ("b", "cult", "p1"),
        ("c", "sport", ""),
    ]:
        G.add_node(
            n,
            name=f"Structure {n.upper()}",
            family="association" if n != "c" else "cooperative",
            sector=sector,
            territory="rennes",
            pole=pole,
        )
    G.add_edges_from([("h", "a"), ("h", "b"), ("h", "c")])
    return G


def test_palette_starts_with_okabe_ito_and_is_deterministic():
    values = ["sport", "culture", "emploi"]
    first = palette(values)
    assert first == palette(list(reversed(values))) == palette([*values, "sport"])
    assert list(first) == ["culture", "emploi", "sport"]  # sorted
    assert set(first.values()) <= OKABE_ITO
    assert len(set(first.values())) == 3


def test_palette_many_values_are_distinct_hex_and_missing_is_grey():
    values = [f"v{i:02d}" for i in range(40)] + [""]
    colours = palette(values)
    assert colours[""] == MISSING_COLOUR
    named = [colours[v] for v in values if v]
    assert len(set(named)) == 40
    assert all(HEX.match(c) for c in colours.values())
    assert named[: len(BASE_COLOURS)] == list(BASE_COLOURS)


def test_scale_sizes_by_square_root_by_hand():
    # sqrt scaling into [8, 40]: v=0 -> 8; v=1 -> 8 + 32*sqrt(1/4) = 24; v=4 -> 40;
    # v=2.25 -> 8 + 32*sqrt(2.25/4) = 8 + 32*0.75 = 32
    assert scale_sizes([0, 1, 4, 2.25]) == [8.0, 24.0, 40.0, 32.0]
    assert scale_sizes([float("nan"), 0, 1]) == [SIZE_MIN, SIZE_MIN, SIZE_MAX]


def test_node_styles_colour_and_size_on_a_star():
    G = star()
    before = nx.node_link_data(G, edges="links")
    styles = node_styles(G, color_by="sector", size_by="degree")
    assert nx.node_link_data(G, edges="links") == before  # G untouched
    assert list(styles.columns) == ["id", "label", "color", "size", "title"]
    assert list(styles["id"]) == list(G.nodes)
    row = styles.set_index("id")
    # degrees: h=3, leaves=1 -> hub at the top of the range, leaves at the bottom
    assert row.loc["h", "size"] == SIZE_MAX
    assert row.loc["a", "size"] == SIZE_MIN
    # sector vocabulary sorted: cult, sport -> the first two palette colours
    assert row.loc["h", "color"] == BASE_COLOURS[0]
    assert row.loc["c", "color"] == BASE_COLOURS[1]


def test_tooltip_is_plain_text_lines_in_french_and_english():
    G = star()
    fr = node_styles(G).set_index("id").loc["c", "title"].split("\n")
    assert fr == [
        "Structure C",
        "Famille : Coopérative",
        "Secteur : Sport",
        "Territoire : Rennes",
        "Pôle : aucun",
        "Degré (nombre de partenaires) : 1",
    ]
    en = node_styles(G, lang="en").set_index("id").loc["h", "title"].split("\n")
    assert en[1:5] == [
        "Family: Association",
        "Sector: Culture",
        "Territory: Rennes",
        "Pôle: Réso solidaire",
    ]
    assert en[-1] == "Degree (number of partners): 3"


def test_tooltip_keeps_markup_in_names_as_text():
    G = star()
    payload = '<img src=x onerror="alert(1)"> & <b>'
    G.nodes["a"]["name"] = payload
    title = node_styles(G).set_index("id").loc["a", "title"]
    # the name is kept exactly; nothing is added or interpreted (escaping is html.py's job)
    assert title.split("\n")[0] == payload
    assert "<br" not in title


def test_size_by_metric_column_and_metric_line_in_tooltip():
    G = nx.path_graph(["a", "b", "c"])
    # betweenness of a path a-b-c (networkx oracle): b = 1, a = c = 0
    bc = nx.betweenness_centrality(G, normalized=False)
    metrics = pd.DataFrame({"id": list(bc), "betweenness": list(bc.values())})
    styles = node_styles(G, size_by="betweenness", metrics=metrics).set_index("id")
    assert styles.loc["b", "size"] == SIZE_MAX
    assert styles.loc["a", "size"] == SIZE_MIN
    assert styles.loc["b", "title"].split("\n")[-1] == "Intermédiarité : 1"


def test_degree_is_counted_on_the_drawn_graph_not_taken_from_metrics():
    G = nx.path_graph(["a", "b", "c"])
    # a metrics table computed on a bigger network says "a" has the highest degree
    metrics = pd.DataFrame({"id": ["a", "b", "c"], "degree": [9, 1, 1]})
    styles = node_styles(G, size_by="degree", metrics=metrics).set_index("id")
    assert styles.loc["b", "size"] == SIZE_MAX  # degree 2 in G
    assert styles.loc["a", "size"] == SIZE_MIN


def test_colour_by_community_from_metrics_sorted_as_numbers():
    G = nx.Graph()
    G.add_nodes_from(["a", "b", "c"])
    metrics = pd.DataFrame({"community": [10, 2, 2]}, index=["a", "b", "c"])
    styles = node_styles(G, color_by="community", size_by=None, metrics=metrics).set_index("id")
    # communities 2 then 10 (numeric order, not "10" < "2")
    assert styles.loc["b", "color"] == BASE_COLOURS[0]
    assert styles.loc["a", "color"] == BASE_COLOURS[1]
    assert set(styles["size"]) == {14.0}


def test_colours_stay_the_same_in_a_filtered_view():
    G = star()
    full = node_styles(G, color_by="sector").set_index("id")
    only_sport = G.subgraph(["c"]).copy()
    part = node_styles(only_sport, color_by="sector").set_index("id")
    assert part.loc["c", "color"] == full.loc["c", "color"]


def test_unknown_color_by_is_refused():
    with pytest.raises(ValueError, match="color_by"):
        node_styles(star(), color_by="colour")


def test_legend_lists_present_values_with_the_node_colours():
    G = star()
    styles = node_styles(G, color_by="pole").set_index("id")
    leg = legend(G, color_by="pole", size_by="degree")
    assert leg["colors"] == {
        "Réso solidaire": styles.loc["h", "color"],
        "aucun": MISSING_COLOUR,
    }
    assert leg["color_title"] == "Couleur : Pôle"
    assert "de 1 à 3" in leg["size"]
    assert legend(G, color_by="family", size_by=None, lang="en")["size"] == (
        "Size: the same for every structure"
    )


def test_legend_caps_long_lists():
    G = nx.Graph()
    G.add_nodes_from((f"n{i}", {"territory": f"t{i:02d}"}) for i in range(35))
    leg = legend(G, color_by="territory", size_by=None, max_entries=30)
    assert len(leg["colors"]) == 30
    assert leg["more"] == "… et 5 autres"


def test_legend_says_what_declared_links_are_under_the_rule():
    from ess_graph.viz.style import declared_in, declared_legend

    G = nx.Graph(ties="union", declared_pairs=(("a", "b"), ("a", "z")))
    G.add_nodes_from(["a", "b"], family="association")
    assert declared_in(G) == [("a", "b")]  # z is not drawn
    leg = legend(G, color_by="family", size_by=None, lang="en")
    assert leg["declared"] == declared_legend("union", "en")
    assert "counted: rule 'union'" in leg["declared"]
    assert "non compté" in declared_legend("confirmed", "fr")
    G.graph["declared_pairs"] = ()
    assert legend(G, color_by="family", size_by=None)["declared"] == ""
    with pytest.raises(ValueError, match="reciprocated"):
        declared_legend("mutual")
