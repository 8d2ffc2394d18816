"""The cooperation graph and the typed graph built from clean tables (hand-made example)."""

from __future__ import annotations

import pandas as pd
import pytest

from ess_graph.network import (
    SECTOR_PREFIX,
    TERRITORY_PREFIX,
    Network,
    cooperation_graph,
    counted_links,
    declaration_graph,
    ties_frame,
    typed_graph,
)


def _net() -> Network:
    structures = pd.DataFrame(
        {
            "id": ["s1", "s2", "s3", "001"],
            "name": ["Un", "Deux", "Trois", "Zéro-zéro-un"],
            "family": ["association", "cooperative", "association", "mutuelle"],
            "sector": ["culture", "insertion", "culture", "sport"],
            "territory": ["brest", "brest", "morlaix", "morlaix"],
            "pole": ["p1", "p1", "", ""],
        }
    )
    poles = pd.DataFrame(
        {"id": ["p1"], "name": ["Pôle"], "territory": ["brest"], "status": ["created"]}
    )
    partners = pd.DataFrame({"id": ["r"], "name": ["Région"], "kind": ["region"]})
    links = pd.DataFrame(
        {
            "source": ["s1", "s2", "s1", "s2", "r", "s1", "s3"],
            "target": ["s2", "s1", "s2", "s3", "s1", "p1", "001"],
            "kind": [
                "cooperation",
                "pooling",
                "cooperation",
                "subcontracting",
                "funding",
                "membership",
                "cooperation",
            ],
            "since": pd.array([2004, 2006, 2008, None, 2005, 2003, 2009], dtype="Int64"),
            "weight": [1.0, 2.0, 1.0, 0.5, 1.0, 1.0, 1.0],
            "status": ["confirmed"] * 6 + ["proposed"],
        }
    )
    empty_t = pd.DataFrame(columns=["id", "name", "department", "lat", "lon"])
    empty_s = pd.DataFrame(columns=["id", "name"])
    return Network(structures, poles, partners, links, empty_t, empty_s)


def test_one_tie_per_pair_whatever_the_direction():
    G = cooperation_graph(_net())
    # Hand count: s1-s2 has three links (two cooperation, one pooling, typed both ways):
    # weight 1 + 2 + 1 = 4, kinds {cooperation, pooling}, earliest year 2004.
    assert G.edges["s1", "s2"] == {
        "weight": 4.0,
        "links": 3,
        "kinds": ("cooperation", "pooling"),
        "since": 2004,
    }
    # s2-s3: one link without a year -> no "since".
    assert G.edges["s2", "s3"] == {"weight": 0.5, "links": 1, "kinds": ("subcontracting",)}
    # Funding and membership links do not join two structures: no tie.
    assert G.number_of_edges() == 2
    assert set(G) == {"s1", "s2", "s3", "001"}  # the isolate 001 is a node, id kept as text
    assert G.nodes["001"]["name"] == "Zéro-zéro-un"
    assert G.graph["poles"]["p1"]["territory"] == "brest"


def test_proposed_links_only_when_asked():
    net = _net()
    assert not cooperation_graph(net).has_edge("s3", "001")
    assert cooperation_graph(net, include_proposed=True).has_edge("s3", "001")
    assert len(ties_frame(net, include_proposed=True)) == 3


def test_typed_graph_holds_every_kind_of_node_and_derived_edges():
    T = typed_graph(_net())
    types = {n: d["type"] for n, d in T.nodes(data=True)}
    assert types["s1"] == "structure" and types["p1"] == "pole" and types["r"] == "partner"
    assert types[TERRITORY_PREFIX + "brest"] == "territory"
    assert types[SECTOR_PREFIX + "culture"] == "sector"
    assert T.edges["r", "s1"]["kinds"] == ("funding",)
    # s1's pôle column and its membership link say the same thing once.
    assert T.edges["s1", "p1"]["kinds"] == ("membership",)
    assert T.edges["s1", "p1"]["weight"] == 1.0
    assert T.edges["s2", "p1"]["kinds"] == ("membership",)  # from the pôle column alone
    assert T.edges["p1", TERRITORY_PREFIX + "brest"]["kinds"] == ("located_in",)
    assert T.edges["s1", "s2"]["weight"] == 4.0


def test_graphs_do_not_change_the_tables():
    net = _net()
    before = {k: v.copy() for k, v in net.tables().items()}
    cooperation_graph(net)
    typed_graph(net)
    for name, frame in net.tables().items():
        pd.testing.assert_frame_equal(frame, before[name])


def test_content_hash_changes_with_content():
    a, b = _net(), _net()
    assert a.content_hash() == b.content_hash()
    b.links.loc[0, "weight"] = 3.0
    assert a.content_hash() != b.content_hash()


def test_territory_coordinates_reach_the_graph():
    net = _net()
    net.territories = pd.DataFrame(
        {
            "id": ["brest", "morlaix"],
            "name": ["Brest", "Morlaix"],
            "lat": [48.39, float("nan")],
            "lon": [-4.486, -3.8],
        }
    )
    G = cooperation_graph(net)
    assert G.graph["territory_coords"] == {"brest": (48.39, -4.486)}  # morlaix lacks a latitude


# Declared links (one side of a partnership survey) and the rule `ties` ------------------


def _survey_net() -> Network:
    """a-b confirmed; a -> c and c -> a declared (kinds differ: reciprocated); b -> d
    declared by b only; d -> e proposed. a needs a vehicle, b offers one."""
    structures = pd.DataFrame(
        {
            "id": ["a", "b", "c", "d", "e"],
            "name": ["A", "B", "C", "D", "E"],
            "family": ["association"] * 5,
            "sector": ["culture"] * 5,
            "territory": ["brest"] * 5,
            "pole": [""] * 5,
            "needs": ["premises|vehicle", "", "", "", ""],
            "offers": ["", "vehicle", "", "", ""],
        }
    )
    links = pd.DataFrame(
        {
            "source": ["a", "a", "c", "b", "d"],
            "target": ["b", "c", "a", "d", "e"],
            "kind": ["cooperation", "pooling", "cooperation", "pooling", "cooperation"],
            "since": pd.array([2009, 2010, 2012, None, None], dtype="Int64"),
            "weight": [1.0, 1.0, 2.0, 1.0, 1.0],
            "status": ["confirmed", "declared", "declared", "declared", "proposed"],
        }
    )
    empty = pd.DataFrame(columns=["id", "name"])
    poles = pd.DataFrame(columns=["id", "name", "territory", "status"])
    partners = pd.DataFrame(columns=["id", "name", "kind"])
    return Network(structures, poles, partners, links, empty, empty)


def _pairs(G) -> set[frozenset]:
    return {frozenset(e) for e in G.edges()}


def test_declared_links_count_only_under_the_union_or_reciprocated_rule():
    net = _survey_net()
    # Hand count: confirmed: a-b; union: + a-c (two links) + b-d; reciprocated: + a-c.
    ab, ac, bd = frozenset("ab"), frozenset("ac"), frozenset("bd")
    assert _pairs(cooperation_graph(net)) == {ab}
    assert _pairs(cooperation_graph(net, ties="union")) == {ab, ac, bd}
    assert _pairs(cooperation_graph(net, ties="reciprocated")) == {ab, ac}
    both = cooperation_graph(net, ties="reciprocated")
    # a -> c (pooling, weight 1, 2010) and c -> a (cooperation, weight 2, 2012): one tie
    assert both.edges["a", "c"] == {
        "weight": 3.0,
        "links": 2,
        "kinds": ("cooperation", "pooling"),
        "since": 2010,
    }
    # proposed links keep their own switch
    assert frozenset("de") in _pairs(cooperation_graph(net, include_proposed=True, ties="union"))
    assert len(ties_frame(net, ties="union")) == 3


def test_ties_rules_agree_with_networkx_symmetrisation():
    # Oracle: networkx turns the declared links (a DiGraph) undirected, keeping every pair
    # (union) or the pairs named both ways (to_undirected(reciprocal=True)).
    import networkx as nx

    net = _survey_net()
    links = net.links
    D = nx.DiGraph()
    declared = links[links["status"] == "declared"]
    D.add_edges_from(zip(declared["source"], declared["target"], strict=True))
    confirmed = {
        frozenset(p)
        for p in zip(net.confirmed_links()["source"], net.confirmed_links()["target"], strict=True)
    }
    union = confirmed | {frozenset(e) for e in D.to_undirected().edges()}
    mutual = confirmed | {frozenset(e) for e in D.to_undirected(reciprocal=True).edges()}
    assert _pairs(cooperation_graph(net, ties="union")) == union
    assert _pairs(cooperation_graph(net, ties="reciprocated")) == mutual
    assert _pairs(cooperation_graph(net, ties="confirmed")) == confirmed


def test_confirmed_links_leave_out_proposed_and_declared_ones():
    net = _survey_net()
    assert net.confirmed_links()["status"].tolist() == ["confirmed"]
    assert counted_links(net, ties="reciprocated")["source"].tolist() == ["a", "a", "c"]


def test_a_bad_rule_is_a_value_error_naming_the_three():
    net = _survey_net()
    for build in (cooperation_graph, typed_graph, ties_frame, counted_links):
        with pytest.raises(ValueError, match="'confirmed', 'union' or 'reciprocated'"):
            build(net, ties="mutual")


def test_typed_graph_follows_the_rule():
    net = _survey_net()
    assert not typed_graph(net).has_edge("b", "d")
    assert typed_graph(net, ties="union").has_edge("b", "d")
    assert not typed_graph(net, ties="reciprocated").has_edge("b", "d")


def test_cooperation_graph_records_the_rule_and_the_declared_pairs():
    net = _survey_net()
    G = cooperation_graph(net, ties="reciprocated")
    assert G.graph["ties"] == "reciprocated"
    # every declared link between structures, as (who declared, whom), tied or not
    assert G.graph["declared_pairs"] == (("a", "c"), ("b", "d"), ("c", "a"))
    # a declared link that a confirmed link backs is a confirmed tie, not listed
    net.links.loc[len(net.links)] = ["b", "a", "pooling", pd.NA, 1.0, "declared"]
    assert cooperation_graph(net).graph["declared_pairs"] == (("a", "c"), ("b", "d"), ("c", "a"))


def test_needs_and_offers_are_sorted_tuples_on_the_nodes():
    G = cooperation_graph(_survey_net())
    assert G.nodes["a"]["needs"] == ("premises", "vehicle")
    assert G.nodes["b"]["offers"] == ("vehicle",)
    assert G.nodes["e"]["needs"] == () and G.nodes["e"]["offers"] == ()
    # a network without the survey columns: empty tuples
    H = cooperation_graph(_net())
    assert all(d["needs"] == () and d["offers"] == () for _, d in H.nodes(data=True))


def test_declaration_graph_keeps_the_direction_and_doubles_confirmed_links():
    D = declaration_graph(_survey_net())
    # Hand count: a-b confirmed gives a->b and b->a; declared a->c, c->a, b->d; the
    # proposed d->e is left out.
    assert sorted(D.edges()) == [("a", "b"), ("a", "c"), ("b", "a"), ("b", "d"), ("c", "a")]
    assert D.edges["a", "b"]["confirmed"] and not D.edges["b", "d"]["confirmed"]
    assert D.edges["c", "a"]["kinds"] == ("cooperation",)
    assert list(D) == ["a", "b", "c", "d", "e"]
    assert all(answered is None for _, answered in D.nodes(data="answered"))


def test_an_empty_or_missing_status_is_the_default_confirmed():
    # tables built by code may leave the status empty: the schema's default, confirmed
    net = _survey_net()
    net.links["status"] = ["", None, "declared", "declared", "proposed"]
    assert net.confirmed_links()["target"].tolist() == ["b", "c"]
    assert _pairs(cooperation_graph(net)) == {frozenset("ab"), frozenset("ac")}
