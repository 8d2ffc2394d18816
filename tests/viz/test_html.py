"""The HTML page of ess_graph.viz.html: complete data, no external resource, nothing runs."""

from __future__ import annotations

import json
import re

import networkx as nx
import pandas as pd
import pytest

from ess_graph.viz.html import network_html, territory_areas
from ess_graph.viz.layout import compute_layout
from ess_graph.viz.style import node_styles

IMG = '<img src=x onerror="window.__pwned=1">'
SCRIPT = "</script><script>window.__pwned=2</script>"
COMMENT = "<!--"


def payload_graph() -> nx.Graph:
    """Names, ids, sectors and pôle names carrying HTML/script payloads."""
    G = nx.Graph(
        sector_names={"c": SCRIPT},
        territory_names={"rennes": "Rennes"},
        poles={"p": {"name": IMG, "territory": "rennes", "status": "created"}},
    )
    G.add_node(IMG, name=SCRIPT, family="association", sector="c", territory="rennes", pole="p")
    G.add_node("b", name=IMG + " href", family="mutuelle", sector="c", territory="rennes", pole="")
    G.add_node(SCRIPT, name=COMMENT + " x", family="fondation", sector="c", territory="", pole="")
    G.add_edge(IMG, "b", weight=2.0, links=2, kinds=("cooperation", "pooling"), since=2010)
    G.add_edge("b", SCRIPT, weight=1.0, links=1, kinds=("funding",))
    return G


def render(G: nx.Graph, **kwargs) -> str:
    return network_html(G, compute_layout(G), node_styles(G), **kwargs)


def dataset(html: str, which: str) -> list[dict]:
    """The JSON array passed to `new vis.DataSet(...)` for nodes (0) or edges (1)."""
    starts = [m.end() for m in re.finditer(r"new vis\.DataSet\(", html)]
    assert len(starts) == 2
    start = starts[0 if which == "nodes" else 1]
    end = html.index(");\n", start)
    return json.loads(html[start:end])


def drawn_names(html: str) -> list[dict]:
    """The names the page draws itself (``var labels = [...]``), in priority order."""
    start = html.index("var labels = ") + len("var labels = ")
    end = html.index(";\n", start)
    return json.loads(html[start:end])


def test_every_node_and_edge_reaches_the_page_with_its_position():
    G = nx.les_miserables_graph()
    pos = compute_layout(G)
    html = network_html(G, pos, node_styles(G, color_by="family", size_by="degree"))
    nodes = dataset(html, "nodes")
    edges = dataset(html, "edges")
    assert len(nodes) == G.number_of_nodes() == 77
    assert len(edges) == G.number_of_edges() == 254
    by_id = {n["id"]: n for n in nodes}
    assert (by_id["Valjean"]["x"], by_id["Valjean"]["y"]) == pos["Valjean"]
    assert {frozenset((e["from"], e["to"])) for e in edges} == {frozenset(e) for e in G.edges}


def test_no_external_resource_and_a_csp_that_forbids_the_network():
    html = render(payload_graph())
    assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", html, re.I)
    assert "<link" not in html
    assert "cdn.jsdelivr.net" not in html and "bootstrap" not in html.lower()
    csp = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', html)
    assert csp is not None
    assert "default-src 'none'" in csp.group(1)
    assert "connect-src" not in csp.group(1)  # falls back to 'none'
    assert html.index("Content-Security-Policy") < html.index("<script")


def test_payloads_appear_only_escaped():
    html = render(payload_graph(), heading=IMG + SCRIPT)
    assert IMG not in html
    assert SCRIPT not in html
    assert "<img" not in html
    assert "window.__pwned" in html  # the text is there, as data
    # the page has exactly the template's two script elements: no data closed one
    assert html.count("</script>") == 2
    assert COMMENT + " x" not in html
    # the heading is text
    assert "&lt;img src=x onerror=&#34;window.__pwned=1&#34;&gt;" in html
    # ids, labels and titles survive the round trip exactly
    nodes = {n["id"]: n for n in dataset(html, "nodes")}
    assert set(nodes) == {IMG, "b", SCRIPT}
    assert nodes[IMG]["title"].split("\n")[0] == SCRIPT
    assert "label" not in nodes[SCRIPT]  # names are drawn by the page, as canvas text
    assert {n["id"]: n["text"] for n in drawn_names(html)}[SCRIPT] == COMMENT + " x"


def test_options_straight_edges_and_physics_switch():
    G = nx.path_graph(["a", "b", "c"])
    off = render(G)
    on = render(G, physics=True)
    opts_off = json.loads(re.search(r"var options = (\{.*?\});\n", off).group(1))
    opts_on = json.loads(re.search(r"var options = (\{.*?\});\n", on).group(1))
    assert opts_off["physics"] == {"enabled": False}
    assert opts_off["edges"]["smooth"] is False
    assert opts_on["physics"]["enabled"] is True
    assert opts_on["physics"]["stabilization"]["iterations"] <= 150
    assert opts_on["edges"]["smooth"] is False
    assert opts_off["layout"]["improvedLayout"] is False


def test_highlight_nodes_existing_ties_and_suggested_pairs():
    G = nx.Graph([("a", "b"), ("b", "c")])
    G.add_node("d")
    html = network_html(
        G,
        compute_layout(G),
        node_styles(G, color_by="sector"),
        highlight=["a", "d"],
        highlight_edges=[("b", "a"), ("a", "d")],
    )
    nodes = {n["id"]: n for n in dataset(html, "nodes")}
    edges = dataset(html, "edges")
    assert nodes["a"]["borderWidth"] == 4 and nodes["a"]["color"]["border"] == "#000000"
    assert "rgba(" in nodes["c"]["color"]["background"]  # faded
    tie = next(e for e in edges if {e["from"], e["to"]} == {"a", "b"})
    assert tie["color"]["color"] == "#000000" and tie["width"] >= 4
    other = next(e for e in edges if {e["from"], e["to"]} == {"b", "c"})
    assert other["color"]["opacity"] < 1
    suggestion = [e for e in edges if {e["from"], e["to"]} == {"a", "d"}]
    assert len(suggestion) == 1 and suggestion[0]["dashes"] is True
    assert len(edges) == G.number_of_edges() + 1


def test_dashed_pairs_fade_nothing_and_restyle_existing_ties():
    # a-b is a tie (a proposed link that counts); a-d is no tie (an idea not counted).
    G = nx.Graph([("a", "b"), ("b", "c")])
    G.add_node("d")
    html = network_html(
        G, compute_layout(G), node_styles(G), dashed_edges=[("b", "a"), ("a", "d"), ("d", "a")]
    )
    nodes = {n["id"]: n for n in dataset(html, "nodes")}
    edges = dataset(html, "edges")
    assert all(isinstance(n["color"], str) for n in nodes.values())  # nothing faded
    tie = next(e for e in edges if {e["from"], e["to"]} == {"a", "b"})
    assert tie["dashes"] is True
    idea = [e for e in edges if {e["from"], e["to"]} == {"a", "d"}]
    assert len(idea) == 1 and idea[0]["dashes"] is True  # given twice, drawn once
    plain = next(e for e in edges if {e["from"], e["to"]} == {"b", "c"})
    assert "dashes" not in plain and "color" not in plain
    assert len(edges) == G.number_of_edges() + 1


def test_highlighting_a_node_alone_fades_nothing():
    G = nx.Graph([("a", "b"), ("b", "c")])
    html = network_html(G, compute_layout(G), node_styles(G), highlight=["b"])
    nodes = {n["id"]: n for n in dataset(html, "nodes")}
    assert nodes["b"]["borderWidth"] == 4
    assert isinstance(nodes["a"]["color"], str)  # plain colour, not faded
    assert all("color" not in e for e in dataset(html, "edges"))


def test_edge_width_by_weight_and_edge_tooltip_text():
    G = nx.Graph()
    G.add_node("a", name="Alpha")
    G.add_node("b", name="Beta")
    G.add_node("c", name="Gamma")
    G.add_edge("a", "b", weight=1.0, links=1, kinds=("pooling",), since=2011)
    G.add_edge("b", "c", weight=9.0, links=3, kinds=("cooperation", "funding"))
    edges = {frozenset((e["from"], e["to"])): e for e in dataset(render(G), "edges")}
    # square-root scaling of weights 1..9 into widths 1..6
    assert edges[frozenset("ab")].get("width", 1.0) == 1.0  # 1 is vis-network's default
    assert edges[frozenset("bc")]["width"] == 6.0
    assert edges[frozenset("ab")]["title"].split("\n") == [
        "Alpha — Beta",
        "Liens déclarés : 1 (mutualisation)",
        "Depuis : 2011",
        "Poids : 1",
    ]
    flat = {
        frozenset((e["from"], e["to"])): e for e in dataset(render(G, edge_width_by=None), "edges")
    }
    assert {e.get("width", 1.0) for e in flat.values()} == {1.0}


def test_very_large_graphs_get_no_edge_tooltips(monkeypatch):
    import ess_graph.viz.html as html_module

    G = nx.path_graph(["a", "b", "c"])
    monkeypatch.setattr(html_module, "MAX_EDGE_TITLES", 1)
    edges = dataset(render(G), "edges")
    assert len(edges) == 2 and all("title" not in e for e in edges)
    assert all("title" in n for n in dataset(render(G), "nodes"))


def test_focus_integer_ids_and_missing_positions():
    G = nx.path_graph(4)  # integer ids
    html = network_html(G, {0: (0.0, 0.0), 1: (60.0, 0.0)}, pd.DataFrame(), focus=2)
    nodes = {n["id"]: n for n in dataset(html, "nodes")}
    assert set(nodes) == {"0", "1", "2", "3"}
    assert all(isinstance(n["x"], float) for n in nodes.values())
    assert nodes["2"]["y"] > 0  # placed under the given nodes
    assert re.search(r'var focus = "2";', html)
    assert re.search(r"var focus = null;", network_html(G, compute_layout(G), pd.DataFrame()))


def test_ids_equal_as_text_stay_two_nodes():
    G = nx.Graph()
    G.add_edge(1, "1")
    nodes = dataset(network_html(G, {1: (0, 0), "1": (50, 0)}, pd.DataFrame()), "nodes")
    assert len({n["id"] for n in nodes}) == 2
    edge = dataset(network_html(G, {1: (0, 0), "1": (50, 0)}, pd.DataFrame()), "edges")[0]
    assert {edge["from"], edge["to"]} == {n["id"] for n in nodes}


def test_the_graph_is_not_modified():
    G = payload_graph()
    before = nx.node_link_data(G, edges="links")
    render(G, highlight=["b"], highlight_edges=[("b", IMG)], focus="b")
    assert nx.node_link_data(G, edges="links") == before


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_page_language(lang):
    html = render(nx.path_graph(["a", "b"]), lang=lang)
    assert f'<html lang="{lang}">' in html


def two_towns() -> nx.Graph:
    G = nx.Graph(territory_names={"t1": IMG, "t2": "Brest"})
    for n, terr in [("a", "t1"), ("b", "t1"), ("c", "t2"), ("d", "t2")]:
        G.add_node(n, territory=terr, name=n)
    return G


def test_territory_names_above_compact_groups_by_hand():
    G = two_towns()
    # t1 around x=0 (a, b), t2 around x=1000 (c, d); spreads 10 and 20 against ~500
    pos = {"a": (-10.0, 0.0), "b": (10.0, 0.0), "c": (1000.0, -20.0), "d": (1000.0, 20.0)}
    assert territory_areas(G, pos) == [
        {"name": IMG, "x": 0.0, "top": 0.0},
        {"name": "Brest", "x": 1000.0, "top": -20.0},
    ]
    html = network_html(G, pos, pd.DataFrame())
    assert IMG not in html  # the name travels as escaped JSON, drawn as canvas text
    areas = json.loads(re.search(r"var areas = (\[.*?\]);\n", html).group(1))
    assert [a["name"] for a in areas] == [IMG, "Brest"]
    assert "var areas = [];" in network_html(G, pos, pd.DataFrame(), territory_labels=False)


def test_no_territory_names_when_territories_are_mixed_or_aggregated():
    G = two_towns()
    mixed = {"a": (0.0, 0.0), "c": (10.0, 0.0), "b": (1000.0, 0.0), "d": (1010.0, 0.0)}
    assert territory_areas(G, mixed) == []
    G.graph["scale"] = "pole"
    apart = {"a": (0.0, 0.0), "b": (1.0, 0.0), "c": (1000.0, 0.0), "d": (1001.0, 0.0)}
    assert territory_areas(G, apart) == []


def test_declared_links_are_dotted_arrows_counted_or_not():
    # a-b: a tie declared by a only (counted under the rule: a tie of G); b-c and c-b: a
    # tie declared both ways; a-d: declared by d, not a tie (left out by the rule).
    from ess_graph.viz.style import DECLARED_EDGE, DECLARED_UNCOUNTED_OPACITY

    G = nx.Graph([("a", "b"), ("b", "c"), ("c", "e")])
    G.add_node("d", name="Delta")
    declared = [("a", "b"), ("b", "c"), ("c", "b"), ("d", "a")]
    edges = dataset(
        network_html(G, compute_layout(G), node_styles(G), declared_edges=declared), "edges"
    )
    by_pair = {frozenset((e["from"], e["to"])): e for e in edges}
    ab = by_pair[frozenset("ab")]
    assert ab["dashes"] == DECLARED_EDGE["dashes"]
    # the arrow points at the partner a named
    assert ab["arrows"] == ("to" if (ab["from"], ab["to"]) == ("a", "b") else "from")
    assert "Déclaré par a seul·e" in ab["title"]
    assert sorted(by_pair[frozenset("bc")]["arrows"].split(", ")) == ["from", "to"]
    ad = by_pair[frozenset("ad")]
    assert ad["color"]["opacity"] == DECLARED_UNCOUNTED_OPACITY
    assert "Delta" in ad["title"] and "Non compté" in ad["title"]
    plain = by_pair[frozenset("ce")]
    assert "dashes" not in plain and "arrows" not in plain
    assert len(edges) == G.number_of_edges() + 1  # only a-d is added


def test_names_are_tried_focus_first_then_highlighted_then_biggest_dots():
    # Hand-made: five structures with sizes 10..50, "c" searched, "e" highlighted.
    G = nx.path_graph(["a", "b", "c", "d", "e"])
    styles = pd.DataFrame(
        {
            "id": list("abcde"),
            "label": ["Alpha", "Bravo", "Charlie", "Delta", "Echo"],
            "color": ["#000000"] * 5,
            "size": [10.0, 50.0, 20.0, 40.0, 30.0],
            "title": list("abcde"),
        }
    )
    pos = {n: (40.0 * i, 0.0) for i, n in enumerate("abcde")}
    names = drawn_names(network_html(G, pos, styles, focus="c", highlight=["c", "e"]))
    assert [n["id"] for n in names] == ["c", "e", "b", "d", "a"]
    assert [n["strong"] for n in names] == [True, True, False, False, False]
    names = drawn_names(network_html(G, pos, styles))
    assert [n["id"] for n in names] == ["b", "d", "e", "c", "a"]  # by size, biggest first


def test_at_most_max_labels_names_are_sent():
    from ess_graph.viz.html import MAX_LABELS

    G = nx.empty_graph(MAX_LABELS + 5)
    pos = {n: (float(n), 0.0) for n in G}
    assert len(drawn_names(network_html(G, pos, pd.DataFrame()))) == MAX_LABELS


def test_the_legend_is_text_and_shown_only_when_the_page_stands_alone():
    G = nx.Graph([("a", "b")])
    legend = {
        "color_title": "Couleur : <b>Secteur</b>",
        "colors": {"<script>alert(1)</script>": "#112233", "Culture": "red;x:url(y)"},
        "more": "",
        "size": "Taille : degré",
        "names": "Noms : les plus gros points",
    }
    page = network_html(G, {"a": (0, 0), "b": (50, 0)}, pd.DataFrame(), legend=legend)
    box = page[page.index('<div id="ess-legend"') : page.index("</div>\n</div>")]
    assert "hidden" in box.split(">", 1)[0]  # revealed by the page itself when alone
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in box and "<script>alert" not in box
    assert "&lt;b&gt;Secteur&lt;/b&gt;" in box
    assert "#112233" in box and "url(y)" not in box  # a colour that is not #RRGGBB is left out
    assert "Taille : degré" in box and "Noms : les plus gros points" in box
    assert "window.self === window.top" in page
    # without a legend, no box
    assert 'id="ess-legend"' not in network_html(G, {"a": (0, 0), "b": (50, 0)}, pd.DataFrame())
