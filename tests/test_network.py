"""The cooperation graph and the typed graph built from clean tables (hand-made example)."""

from __future__ import annotations

import pandas as pd

from ess_graph.network import (
    SECTOR_PREFIX,
    TERRITORY_PREFIX,
    Network,
    cooperation_graph,
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
