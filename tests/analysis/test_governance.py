"""Tests of ess_graph.analysis.governance on a hand-made network (figures by hand)."""

from __future__ import annotations

import math
import sys
from pathlib import Path

import networkx as nx
import pytest

from ess_graph.analysis.governance import COLUMNS, governance_flags, pole_governance
from ess_graph.network import cooperation_graph, typed_graph

sys.path.insert(0, str(Path(__file__).parent))  # works whatever pytest's import mode
from fixtures_h4 import governance_network


@pytest.fixture
def graphs():
    net = governance_network()
    return cooperation_graph(net), typed_graph(net)


def test_figures_by_hand(graphs):
    G, T = graphs
    df = pole_governance(G, T).set_index("pole")
    assert tuple(df.reset_index().columns) == COLUMNS
    assert df.index.tolist() == ["p1", "p2", "p3"]
    p1 = df.loc["p1"]
    assert (p1["name"], p1["territory"], p1["status"]) == ("ADESS Brest", "brest", "created")
    assert p1["members"] == 5
    assert p1["internal_ties"] == 6  # a-b, a-c, a-d, a-e, b-c, d-e (a-x, a-f are external)
    # internal degrees a 4, b 2, c 2, d 2, e 2 -> top 3 = a, b, c (ties broken by id);
    # held: a-b, a-c, a-d, a-e, b-c = 5 of 6 (d-e is not held)
    assert p1["top3_share"] == pytest.approx(5 / 6)
    # Freeman: sum(4 - d_i) = 0 + 2 + 2 + 2 + 2 = 8, over (5 - 1)(5 - 2) = 12
    assert p1["degree_centralisation"] == pytest.approx(8 / 12)
    # funding pairs: R-p1, R-a (two links, one pair), R-b, D-a -> R 3, D 1 of 4;
    # HHI = (3/4)^2 + (1/4)^2 = 10/16. R-f (no pôle) and R-y (representation) excluded.
    assert p1["funders"] == 2
    assert p1["funding_links"] == 4
    assert p1["funding_hhi"] == pytest.approx(10 / 16)

    p2 = df.loc["p2"]
    assert p2["members"] == 2 and p2["internal_ties"] == 0
    assert math.isnan(p2["top3_share"])
    assert math.isnan(p2["degree_centralisation"])  # n < 3
    assert (p2["funders"], p2["funding_links"], p2["funding_hhi"]) == (1, 1, 1.0)

    p3 = df.loc["p3"]
    assert p3["members"] == 0 and p3["funders"] == 0 and p3["funding_links"] == 0
    assert math.isnan(p3["funding_hhi"])


def test_without_typed_graph_funding_is_nan(graphs):
    G, _ = graphs
    df = pole_governance(G)
    assert df[["funders", "funding_links", "funding_hhi"]].isna().all().all()


def test_centralisation_of_classic_shapes():
    # Freeman (1979): a star has centralisation 1, a complete graph and a cycle 0,
    # a path of 4: degrees 1,2,2,1 -> (1 + 0 + 0 + 1) / (3 * 2) = 1/3.
    shapes = {
        "star": nx.star_graph(5),
        "complete": nx.complete_graph(5),
        "cycle": nx.cycle_graph(6),
        "path": nx.path_graph(4),
    }
    G = nx.Graph()
    G.graph["poles"] = {}
    for name, H in shapes.items():
        H = nx.relabel_nodes(H, {v: f"{name}{v}" for v in H})
        G.add_nodes_from(H, pole=name)
        G.add_edges_from(H.edges())
        G.graph["poles"][name] = {"name": name, "territory": "", "status": "created"}
    df = pole_governance(G).set_index("pole")["degree_centralisation"]
    assert df["star"] == pytest.approx(1.0)
    assert df["complete"] == pytest.approx(0.0)
    assert df["cycle"] == pytest.approx(0.0)
    assert df["path"] == pytest.approx(1 / 3)


def test_top3_share_spread_pole():
    # A cycle of 8 members: every member has 2 internal ties; top 3 = c0, c1, c2 (by
    # id) hold c7-c0, c0-c1, c1-c2, c2-c3 = 4 of 8 ties.
    H = nx.relabel_nodes(nx.cycle_graph(8), {i: f"c{i}" for i in range(8)})
    nx.set_node_attributes(H, "p", "pole")
    H.graph["poles"] = {"p": {"name": "P", "territory": "", "status": "created"}}
    assert pole_governance(H).loc[0, "top3_share"] == pytest.approx(0.5)


def test_does_not_mutate(graphs):
    G, T = graphs
    before = [nx.to_dict_of_dicts(X) for X in (G, T)], dict(G.nodes(data=True))
    pole_governance(G, T)
    assert ([nx.to_dict_of_dicts(X) for X in (G, T)], dict(G.nodes(data=True))) == before


def test_flags_in_both_languages(graphs):
    G, T = graphs
    df = pole_governance(G, T)
    fr = governance_flags(df).set_index("pole")
    en = governance_flags(df, "en").set_index("pole")
    assert fr.loc["p1", "held_by_few"]
    assert fr.loc["p1", "reasons"] == "top3_share|degree_centralisation|funding_hhi"
    assert "83 %" in fr.loc["p1", "message"] and "seuil 50 %" in fr.loc["p1", "message"]
    assert "0,67" in fr.loc["p1", "message"] and "0,62" in fr.loc["p1", "message"]
    assert "83%" in en.loc["p1", "message"] and "threshold" in en.loc["p1", "message"]
    # p2: only the HHI is known (1.0 > 0.5)
    assert en.loc["p2", "reasons"] == "funding_hhi"
    # p3: nothing known
    assert not en.loc["p3", "held_by_few"]
    assert en.loc["p3", "message"] == "Too few internal ties and no known funding to judge."


def test_flags_thresholds_are_options(graphs):
    G, T = graphs
    df = pole_governance(G, T)
    flags = governance_flags(
        df, "en", thresholds={"top3_share": 0.9, "degree_centralisation": 0.9, "funding_hhi": 1.0}
    ).set_index("pole")
    assert not flags.loc["p1", "held_by_few"]
    assert "No concentration above the thresholds" in flags.loc["p1", "message"]
    assert "top-3 share > 90%" in flags.loc["p1", "message"]
