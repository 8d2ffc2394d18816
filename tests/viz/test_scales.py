"""Filters, neighbourhoods and aggregated scales of ess_graph.viz.scales on tiny graphs."""

from __future__ import annotations

import networkx as nx
import pytest

from ess_graph.viz.scales import (
    NO_POLE,
    ego_graph,
    filter_graph,
    pole_graph,
    sector_graph,
    territory_graph,
)


def network() -> nx.Graph:
    """Six structures, two pôles, one structure without pôle.

    a, b, c: pôle p1 (Rennes), sectors culture, culture, sport
    d, e:    pôle p2 (Brest), sectors sport, emploi
    f:       no pôle (Brest), sector emploi
    Ties (kinds, since):
      a-b cooperation 2009   (internal p1, culture-culture)
      b-c pooling 2012       (internal p1, culture-sport)
      a-d funding|pooling 2015  (p1-p2, culture-sport)
      c-d cooperation (no year) (p1-p2, sport-sport)
      d-e governance 2010    (internal p2, sport-emploi)
      e-f cooperation 2020   (p2-no pôle, emploi-emploi)
    """
    G = nx.Graph(
        poles={
            "p1": {"name": "Réso solidaire", "territory": "rennes", "status": "created"},
            "p2": {"name": "ADESS Brest", "territory": "brest", "status": "created"},
            "p3": {"name": "Pôle vide", "territory": "vannes", "status": "launching"},
        },
        sector_names={"culture": "Culture", "sport": "Sport", "emploi": "Emploi"},
        territory_names={"rennes": "Rennes", "brest": "Brest", "vannes": "Vannes"},
    )
    rows = [
        ("a", "culture", "rennes", "p1", "association"),
        ("b", "culture", "rennes", "p1", "cooperative"),
        ("c", "sport", "rennes", "p1", "association"),
        ("d", "sport", "brest", "p2", "mutuelle"),
        ("e", "emploi", "brest", "p2", "association"),
        ("f", "emploi", "brest", "", "fondation"),
    ]
    for n, sector, terr, pole, family in rows:
        G.add_node(n, name=n.upper(), sector=sector, territory=terr, pole=pole, family=family)
    G.add_edge("a", "b", kinds=("cooperation",), since=2009, weight=1.0)
    G.add_edge("b", "c", kinds=("pooling",), since=2012, weight=2.0)
    G.add_edge("a", "d", kinds=("funding", "pooling"), since=2015, weight=3.0)
    G.add_edge("c", "d", kinds=("cooperation",), weight=1.0)
    G.add_edge("d", "e", kinds=("governance",), since=2010, weight=1.0)
    G.add_edge("e", "f", kinds=("cooperation",), since=2020, weight=1.0)
    return G


def edges(H: nx.Graph) -> set[frozenset]:
    return {frozenset(e) for e in H.edges}


def test_filter_by_node_attributes_keeps_isolates_and_metadata():
    G = network()
    before = nx.node_link_data(G, edges="links")
    H = filter_graph(G, territories=["brest"])
    assert nx.node_link_data(G, edges="links") == before
    assert set(H) == {"d", "e", "f"}
    assert edges(H) == {frozenset("de"), frozenset("ef")}
    assert H.graph["poles"] == G.graph["poles"]
    assert H.nodes["d"] == G.nodes["d"]
    # sport structures: c and d, joined by one tie
    S = filter_graph(G, sectors={"sport"})
    assert set(S) == {"c", "d"} and edges(S) == {frozenset("cd")}
    # "" selects the structures without a pôle
    assert set(filter_graph(G, poles=[""])) == {"f"}
    assert set(filter_graph(G, poles=["p1", ""], families=["association"])) == {"a", "c"}


def test_empty_selection_means_no_filter():
    G = network()
    H = filter_graph(G, territories=[], sectors=None, link_kinds=())
    assert set(H) == set(G) and edges(H) == edges(G)


def test_filter_by_link_kind_any_kind_of_the_tie():
    G = network()
    H = filter_graph(G, link_kinds=["pooling"])
    assert set(H) == set(G)  # structures stay
    assert edges(H) == {frozenset("bc"), frozenset("ad")}


def test_year_filter_keeps_ties_started_within_the_range_inclusive():
    G = network()
    # since: a-b 2009, b-c 2012, a-d 2015, d-e 2010, e-f 2020, c-d undated (kept by default)
    H = filter_graph(G, years=(2010, 2015))
    assert edges(H) == {frozenset("bc"), frozenset("ad"), frozenset("de"), frozenset("cd")}
    H = filter_graph(G, years=(2015, 2010), keep_undated=False)  # bounds in any order
    assert edges(H) == {frozenset("bc"), frozenset("ad"), frozenset("de")}


def test_ego_graph_depths():
    G = network()
    assert set(ego_graph(G, "a", depth=1)) == {"a", "b", "d"}
    two = ego_graph(G, "a", depth=2)
    assert set(two) == {"a", "b", "c", "d", "e"}
    assert two.graph["sector_names"] == G.graph["sector_names"]
    with pytest.raises(ValueError, match="not a structure"):
        ego_graph(G, "zz")


def test_pole_graph_counts_by_hand():
    G = network()
    P = pole_graph(G)
    assert set(P) == {"p1", "p2", NO_POLE}
    assert P.graph["scale"] == "pole"
    assert P.nodes["p1"]["members"] == 3 and P.nodes["p1"]["structures"] == 3
    assert P.nodes["p1"]["internal_ties"] == 2  # a-b, b-c
    assert P.nodes["p2"]["internal_ties"] == 1  # d-e
    assert P.nodes["p1"]["name"] == "Réso solidaire"
    assert P.nodes["p1"]["territory"] == "rennes"
    assert P.nodes[NO_POLE]["name"] == "Sans pôle" and P.nodes[NO_POLE]["pole"] == ""
    assert P.edges["p1", "p2"]["ties"] == 2  # a-d, c-d
    assert P.edges["p1", "p2"]["weight"] == 2.0
    assert P.edges["p1", "p2"]["strength"] == 4.0  # weights 3 + 1
    assert P.edges["p2", NO_POLE]["ties"] == 1  # e-f
    # every tie is counted once: inside a pôle or between two
    total = sum(d["internal_ties"] for _, d in P.nodes(data=True)) + sum(
        d["ties"] for *_, d in P.edges(data=True)
    )
    assert total == G.number_of_edges()
    assert "p3" in pole_graph(G, include_empty=True)
    assert pole_graph(G, lang="en").nodes[NO_POLE]["name"] == "No pôle"


def test_sector_graph_matches_networkx_quotient_graph():
    G = network()
    S = sector_graph(G)
    blocks = {}
    for n, d in G.nodes(data=True):
        blocks.setdefault(d["sector"], set()).add(n)
    H = nx.Graph(G.edges)  # unweighted copy: quotient weights are then tie counts
    H.add_nodes_from(G)
    Q = nx.quotient_graph(H, list(blocks.values()), relabel=False)
    sector_of = {frozenset(b): s for s, b in blocks.items()}
    expected = {
        frozenset((sector_of[u], sector_of[v])): d["weight"] for u, v, d in Q.edges(data=True)
    }
    assert {frozenset((u, v)): d["weight"] for u, v, d in S.edges(data=True)} == expected
    for block, data in Q.nodes(data=True):
        s = sector_of[block]
        assert S.nodes[s]["internal_ties"] == data["nedges"]
        assert S.nodes[s]["structures"] == data["nnodes"]
    assert S.nodes["culture"]["name"] == "Culture"


def test_territory_graph():
    T = territory_graph(network())
    assert set(T) == {"rennes", "brest"}
    assert T.edges["rennes", "brest"]["ties"] == 2
    assert T.nodes["brest"]["internal_ties"] == 2  # d-e, e-f
    assert T.nodes["brest"]["territory"] == "brest"
    assert T.nodes["brest"]["name"] == "Brest"
