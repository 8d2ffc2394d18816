"""ess_graph.viz.map: territory points and inter-territory arcs, checked by hand.

(Kept under tests/app/ because the map module belongs to the app's owner; it is pure and
imports no streamlit.)
"""

from __future__ import annotations

import math
import sys
from pathlib import Path

import networkx as nx
import pandas as pd

sys.path.insert(0, str(Path(__file__).parent))  # works whatever pytest's import mode
from app_fixtures import PAYS, write_network

from ess_graph.io.read import read_network
from ess_graph.network import cooperation_graph
from ess_graph.viz.map import PAYS_2009, territory_arcs, territory_points


def test_the_21_pays_of_domain_md():
    assert len(PAYS_2009) == 21
    names = {p[0] for p in PAYS_2009}
    assert {"Brest", "Rennes", "Redon et Vilaine", "Vitré Porte de Bretagne"} <= names
    for _, _, _, lat, lon in PAYS_2009:  # Brittany's bounding box
        assert 47.2 < lat < 48.95 and -5.2 < lon < -1.0


def test_points_count_structures_and_pick_the_most_advanced_pole(tmp_path):
    folder = tmp_path / "net"
    write_network(folder, n=40, ties=60)
    net = read_network(folder)
    G = cooperation_graph(net)
    points = territory_points(net, G).set_index("territory")
    # structure i is in PAYS[i % 6]: Brest gets i = 0, 6, ..., 36 -> 7; Saint-Malo 5, 11,
    # ..., 35 -> 6
    assert points.loc["brest", "structures"] == 7
    assert points.loc["saint-malo", "structures"] == 6
    assert points["structures"].sum() == 40
    assert points.loc["brest", "pole_status"] == "created"
    assert points.loc["morlaix", "pole_status"] == "prefiguration"
    assert points.loc["lorient", "pole_status"] == ""
    # no coordinates in the file: the 2009 table places them (Brest 48.390, -4.486)
    assert points.loc["brest", "located_by"] == "pays_2009"
    assert math.isclose(points.loc["brest", "lat"], 48.390)
    assert len(points) == len(PAYS)


def test_arcs_sum_ties_between_two_territories_only():
    # a, b in Brest; c in Rennes; d without territory. Ties: a-b (inside Brest, not an
    # arc), a-c and b-c (2 ties Brest-Rennes, weights 1 + 2), c-d (no territory: left out)
    G = nx.Graph()
    G.add_nodes_from([("a", {"territory": "brest"}), ("b", {"territory": "brest"})])
    G.add_nodes_from([("c", {"territory": "rennes"}), ("d", {"territory": ""})])
    G.add_edge("a", "b", weight=1.0)
    G.add_edge("a", "c", weight=1.0)
    G.add_edge("b", "c", weight=2.0)
    G.add_edge("c", "d", weight=1.0)
    points = pd.DataFrame(
        {
            "territory": ["brest", "rennes", "nowhere"],
            "name": ["Brest", "Rennes", "?"],
            "lat": [48.39, 48.117, float("nan")],
            "lon": [-4.486, -1.678, float("nan")],
        }
    )
    arcs = territory_arcs(G, points)
    assert arcs[["source", "target", "ties", "weight"]].values.tolist() == [
        ["brest", "rennes", 2, 3.0]
    ]


def test_a_territory_without_position_is_not_drawn():
    G = nx.Graph()
    G.add_nodes_from([("a", {"territory": "brest"}), ("b", {"territory": "nowhere"})])
    G.add_edge("a", "b")
    points = pd.DataFrame(
        {
            "territory": ["brest", "nowhere"],
            "name": ["Brest", "Nowhere"],
            "lat": [48.39, float("nan")],
            "lon": [-4.486, float("nan")],
        }
    )
    assert territory_arcs(G, points).empty
