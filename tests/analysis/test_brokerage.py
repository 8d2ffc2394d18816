"""Tests of ess_graph.analysis.brokerage against hand computations, published values
(Borgatti 1997 / UCINET) and networkx as an independent oracle."""

from __future__ import annotations

import math
import sys
from pathlib import Path

import networkx as nx
import numpy as np
import pytest

from ess_graph.analysis.brokerage import COLUMNS, brokerage_roles, structure_centrality

sys.path.insert(0, str(Path(__file__).parent))  # works whatever pytest's import mode
from fixtures_h4 import RANDOM_GRAPHS, random_graph, reference_brokerage

TOL = 1e-9


def _close(a: float, b: float) -> bool:
    if math.isnan(a) or math.isnan(b):
        return math.isnan(a) and math.isnan(b)
    return abs(a - b) <= TOL


def borgatti_graph() -> nx.Graph:
    # Borgatti (1997), "Structural holes: unpacking Burt's redundancy measures",
    # Connections 20(1): ego networks whose values were checked with UCINET.
    return nx.Graph(
        [
            ("A", "B"),
            ("A", "F"),
            ("A", "G"),
            ("A", "E"),
            ("E", "G"),
            ("F", "G"),
            ("B", "G"),
            ("B", "D"),
            ("D", "G"),
            ("G", "C"),
        ]
    )


def test_columns_and_order():
    G = random_graph(20, 0.2, 7)
    df = structure_centrality(G)
    assert tuple(df.columns) == COLUMNS
    assert df["id"].tolist() == list(G)
    assert df["articulation_point"].dtype == bool


def test_borgatti_published_values():
    # Published (UCINET): effective size A = 2.50, G = 4.67, C = 1; constraint
    # G = 0.400, A = 0.595, C = 1.
    # By hand for A: 4 neighbours (B, E, F, G), 3 ties among them (B-G, E-G, F-G),
    # effective size = 4 - 2*3/4 = 2.5.
    df = structure_centrality(borgatti_graph()).set_index("id")
    assert df.loc["A", "effective_size"] == pytest.approx(2.5, abs=1e-12)
    assert df.loc["G", "effective_size"] == pytest.approx(4.67, abs=1e-2)
    assert df.loc["C", "effective_size"] == pytest.approx(1.0, abs=1e-12)
    assert df.loc["G", "constraint"] == pytest.approx(0.400, abs=1e-3)
    assert df.loc["A", "constraint"] == pytest.approx(0.595, abs=1e-3)
    assert df.loc["C", "constraint"] == pytest.approx(1.0, abs=1e-12)


def test_isolates_have_nan_burt_measures_and_zero_roles():
    G = nx.Graph([("a", "b")])
    G.add_node("z", sector="x")
    nx.set_node_attributes(G, "x", "sector")
    df = structure_centrality(G).set_index("id")
    assert math.isnan(df.loc["z", "constraint"])
    assert math.isnan(df.loc["z", "effective_size"])
    assert df.loc["z", "degree"] == 0
    assert df.loc["z", "betweenness"] == 0.0
    assert df.loc["z", "brokerage_liaison"] == 0.0
    # a pair: each has one neighbour, constraint (1 + 0)^2 = 1, effective size 1
    assert df.loc["a", "constraint"] == 1.0
    assert df.loc["a", "effective_size"] == 1.0


def test_path_by_hand():
    # a - b - c - d, sectors x, y, x, z.
    # betweenness: b lies on a-c and a-d (2 of the 3 pairs without b): 2 / C(3,2) = 2/3.
    # roles of b: pair {a, c} open, a and c both x, b is y -> consultant.
    # roles of c: pair {b, d} open, groups y, z, c is x -> liaison.
    G = nx.path_graph(["a", "b", "c", "d"])
    nx.set_node_attributes(G, {"a": "x", "b": "y", "c": "x", "d": "z"}, "sector")
    df = structure_centrality(G).set_index("id")
    assert df.loc["b", "betweenness"] == pytest.approx(2 / 3)
    assert df.loc["b"][
        [f"brokerage_{r}" for r in ("coordinator", "consultant", "representative", "liaison")]
    ].tolist() == [0, 1, 0, 0]
    assert df.loc["c"][
        [f"brokerage_{r}" for r in ("coordinator", "consultant", "representative", "liaison")]
    ].tolist() == [0, 0, 0, 1]
    assert df["articulation_point"].tolist() == [False, True, True, False]


def test_star_roles_by_hand():
    # Star centred on h (sector x); leaves l1, l2 (x), l3, l4 (y), l5 (z); l1-l2 tied.
    # Pairs of leaves: C(5,2) = 10, minus the closed pair {l1, l2} = 9 open 2-paths:
    #   coordinator (x,x): {l1,l2} is closed -> 0
    #   consultant (same other group): {l3,l4} -> 1
    #   representative (one of them x): {l1,l3},{l1,l4},{l1,l5},{l2,l3},{l2,l4},{l2,l5} -> 6
    #   liaison (y and z): {l3,l5},{l4,l5} -> 2
    G = nx.star_graph(["h", "l1", "l2", "l3", "l4", "l5"])
    G.add_edge("l1", "l2")
    nx.set_node_attributes(
        G, {"h": "x", "l1": "x", "l2": "x", "l3": "y", "l4": "y", "l5": "z"}, "sector"
    )
    roles = brokerage_roles(G).set_index("id")
    assert roles.loc["h"].tolist() == [0, 1, 6, 2]
    # l1: neighbours h and l2, tied to each other -> no open 2-path
    assert roles.loc["l1"].tolist() == [0, 0, 0, 0]


def test_unknown_group_gives_nan_and_is_skipped():
    # a - v - b - ... v is x, a has no sector: the only pair {a, c} of v is skipped.
    G = nx.Graph([("a", "v"), ("v", "c")])
    nx.set_node_attributes(G, {"a": "", "v": "x", "c": "x"}, "sector")
    roles = brokerage_roles(G).set_index("id")
    assert roles.loc["v"].tolist() == [0, 0, 0, 0]
    assert roles.loc["a"].isna().all()


@pytest.mark.parametrize(("n", "p", "seed"), RANDOM_GRAPHS)
@pytest.mark.parametrize("burt_weight", [None, "weight"])
def test_fast_paths_match_networkx(n, p, seed, burt_weight):
    G = random_graph(n, p, seed)
    before = nx.to_dict_of_dicts(G), dict(G.nodes(data=True))
    df = structure_centrality(G, burt_weight=burt_weight).set_index("id")
    assert (nx.to_dict_of_dicts(G), dict(G.nodes(data=True))) == before  # not mutated
    btw = nx.betweenness_centrality(G)
    constraint = nx.constraint(G, nodes=list(G), weight=burt_weight)
    # nodes=list(G) forces networkx's definitional (pure Python) path: its scipy path
    # for weighted effective size normalises by the wrong maxima in networkx 3.6.
    effective = nx.effective_size(G, nodes=list(G), weight=burt_weight)
    ref_roles = reference_brokerage(G)
    for v in G:
        assert _close(df.loc[v, "betweenness"], btw[v]), v
        assert _close(df.loc[v, "constraint"], constraint[v]), v
        assert _close(df.loc[v, "effective_size"], effective[v]), v
        assert df.loc[v, "degree"] == G.degree(v)
        assert df.loc[v, "weighted_degree"] == pytest.approx(G.degree(v, weight="weight"))
        for role, value in ref_roles[v].items():
            assert _close(df.loc[v, f"brokerage_{role}"], value), (v, role)
    assert set(df.index[df["articulation_point"]]) == set(nx.articulation_points(G))
    assert df.attrs["betweenness_method"] == "exact"


@pytest.mark.parametrize(("n", "p", "seed"), RANDOM_GRAPHS[:4])
def test_sampled_betweenness_matches_networkx_pivots(n, p, seed):
    # The pivots are drawn over the nodes in id order, whatever the order of G: the
    # oracle is networkx on the same graph with its nodes added in id order (random_graph
    # adds its isolates "iso0", "iso1" last, so G's own order is not that one).
    G = random_graph(n, p, seed)
    df = structure_centrality(G, exact_up_to=10, k=7, seed=seed).set_index("id")
    in_id_order = nx.Graph()
    in_id_order.add_nodes_from(sorted(G))
    in_id_order.add_edges_from(G.edges())
    expected = nx.betweenness_centrality(in_id_order, k=7, seed=seed)
    for v in G:
        assert _close(df.loc[v, "betweenness"], expected[v]), v
    assert df.attrs["betweenness_method"] == "sampled"
    assert df.attrs["betweenness_k"] == 7
    assert df.attrs["betweenness_seed"] == seed
    again = structure_centrality(G, exact_up_to=10, k=7, seed=seed)
    np.testing.assert_array_equal(again["betweenness"].to_numpy(), df["betweenness"].to_numpy())


def test_burt_weight_uses_tie_weights():
    # Borgatti graph with weights: networkx's documented UCINET values, constraint
    # G = 0.299, A = 0.795; effective size G = 5.47, A = 2.47.
    G = borgatti_graph()
    weights = {
        ("A", "B"): 2,
        ("A", "F"): 3,
        ("A", "G"): 5,
        ("A", "E"): 2,
        ("E", "G"): 8,
        ("F", "G"): 3,
        ("B", "G"): 4,
        ("B", "D"): 1,
        ("D", "G"): 3,
        ("G", "C"): 10,
    }
    nx.set_edge_attributes(G, weights, "weight")
    df = structure_centrality(G, burt_weight="weight").set_index("id")
    assert df.loc["G", "constraint"] == pytest.approx(0.299, abs=1e-3)
    assert df.loc["A", "constraint"] == pytest.approx(0.795, abs=1e-3)
    assert df.loc["G", "effective_size"] == pytest.approx(5.47, abs=1e-2)
    assert df.loc["A", "effective_size"] == pytest.approx(2.47, abs=1e-2)


def test_empty_and_tiny_graphs():
    assert structure_centrality(nx.Graph()).empty
    df = structure_centrality(nx.Graph([("a", "b")]))
    assert df["betweenness"].tolist() == [0.0, 0.0]


@pytest.mark.benchmark
def test_bench_script_smoke(tmp_path):
    # Tiny sizes: the script runs end to end, times both sides and writes its report.
    import importlib.util

    path = Path(__file__).resolve().parents[2] / "bench" / "bench_analysis.py"
    spec = importlib.util.spec_from_file_location("bench_analysis_h4", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    out = tmp_path / "analysis.md"
    args = ["--baseline", "120", "--sizes", "200", "--cli-sizes", "120", "--out", str(out)]
    assert module.main(args) == 0
    text = out.read_text(encoding="utf-8")
    assert "Ratio networkx / ess_graph" in text
    assert "nx.betweenness_centrality (exact)" in text
    assert "brokerage.structure_centrality" in text
    assert "| 200 |" in text  # the scale run's row
    if module.has_metrics_cli():
        assert "Whole process: `ess-graph metrics`" in text
        assert "| 120 |" in text and "| 0 |" in text  # the command ran and exited 0


def test_every_structure_its_own_group_all_liaison():
    # With a distinct group per structure, every open 2-path is a liaison, so the
    # liaison count is C(deg, 2) minus the triangles through v (networkx as oracle).
    G = random_graph(60, 0.1, 8)
    roles = brokerage_roles(G, attribute="name").set_index("id")
    triangles = nx.triangles(G)
    for v in G:
        d = G.degree(v)
        assert roles.loc[v].tolist() == [0, 0, 0, d * (d - 1) / 2 - triangles[v]]


def test_graph_arrays_edge_cases():
    from ess_graph.analysis._fast import graph_arrays

    # tuple node ids (grid), a self-loop (dropped), a non-numeric and a missing weight
    # (both count 1), an int weight
    G = nx.Graph()
    G.add_edge((0, 0), (0, 1), weight="lots")
    G.add_edge((0, 1), (1, 1))
    G.add_edge((1, 1), (1, 1), weight=5)
    G.add_edge((1, 1), (0, 0), weight=3)
    arr = graph_arrays(G)
    ties = list(zip(arr.src.tolist(), arr.dst.tolist(), arr.weight.tolist(), strict=True))
    assert arr.nodes == [(0, 0), (0, 1), (1, 1)]
    assert ties == [(0, 1, 1.0), (0, 2, 3.0), (1, 2, 1.0)]  # sorted by their ends
    with pytest.raises(nx.NetworkXNotImplemented):
        graph_arrays(nx.DiGraph([(1, 2)]))


def test_groups_need_not_be_text():
    # Integer groups work like text ones; None and NaN are "no group".
    # Path a - v - b with a, b in group 1 and v in group 2: v is a consultant.
    G = nx.path_graph(["a", "v", "b", "c"])
    nx.set_node_attributes(G, {"a": 1, "v": 2, "b": 1, "c": float("nan")}, "sector")
    roles = brokerage_roles(G).set_index("id")
    assert roles.loc["v"].tolist() == [0, 1, 0, 0]
    assert roles.loc["b"].tolist() == [0, 0, 0, 0]  # its pair {v, c} has an end without group
    assert roles.loc["c"].isna().all()
