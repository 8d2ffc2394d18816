"""Tests of ess_graph.analysis.communities: determinism, numbering, modularity against
networkx, NMI against a hand computation."""

from __future__ import annotations

import math
import sys
from pathlib import Path

import networkx as nx
import pytest

from ess_graph.analysis.communities import (
    communities,
    modularity,
    normalized_mutual_information,
    partition_summary,
    pole_blocks,
)

sys.path.insert(0, str(Path(__file__).parent))  # works whatever pytest's import mode
from fixtures_h4 import RANDOM_GRAPHS, random_graph


def planted(seed: int = 1) -> nx.Graph:
    # 4 blocks of 15 nodes, dense inside (p = 0.6), sparse across (p = 0.01)
    G = nx.planted_partition_graph(4, 15, 0.6, 0.01, seed=seed)
    nx.set_node_attributes(G, {v: f"p{v // 15}" for v in G}, "pole")
    return G


@pytest.mark.parametrize("method", ["igraph", "networkx"])
def test_two_runs_agree(method):
    G = random_graph(80, 0.05, 3)
    a = communities(G, seed=7, method=method)
    b = communities(G, seed=7, method=method)
    assert a.equals(b)
    assert a["id"].tolist() == list(G)


def test_igraph_seed_does_not_leak():
    # Running Louvain must not change what the global `random` module draws next.
    import random

    random.seed(1)
    expected = random.random()
    random.seed(1)
    communities(random_graph(30, 0.1, 1), seed=5)
    assert random.random() == expected


def test_planted_blocks_are_found():
    # An independent check: the planted partition is recovered exactly (NMI 1).
    G = planted()
    df = communities(G)
    summary = partition_summary(G, partition=df).iloc[0]
    assert summary["communities"] == 4
    assert summary["nmi_poles_communities"] == pytest.approx(1.0)
    assert summary["modularity_communities"] == pytest.approx(summary["modularity_poles"])


def test_numbering_by_size_and_isolates_alone():
    # a triangle, a path of 4, two isolates: the path is community 0, the triangle 1,
    # each isolate its own community, numbered by their id.
    G = nx.Graph([("t1", "t2"), ("t2", "t3"), ("t1", "t3"), ("a", "b"), ("b", "c"), ("c", "d")])
    G.add_nodes_from(["z", "y"])
    labels = dict(communities(G).itertuples(index=False, name=None))
    assert {labels[v] for v in "abcd"} == {0}
    assert {labels[v] for v in ("t1", "t2", "t3")} == {1}
    assert labels["y"] == 2 and labels["z"] == 3


def sorted_copy(G: nx.Graph) -> nx.Graph:
    """G rebuilt with its nodes added in id order and its ties in (u, v) order."""
    H = nx.Graph()
    H.add_nodes_from(sorted(G.nodes(data=True), key=lambda item: item[0]))
    ties = sorted((min(u, v), max(u, v)) for u, v in G.edges())
    H.add_edges_from((u, v, G.edges[u, v]) for u, v in ties)
    return H


def test_networkx_method_is_networkx_louvain():
    # The oracle: networkx's Louvain on the same graph built in id order (the order
    # `communities` runs on, whatever the order of G).
    G = random_graph(50, 0.08, 2)
    df = communities(G, method="networkx", seed=4)
    blocks = nx.community.louvain_communities(sorted_copy(G), weight=None, seed=4)
    found = {frozenset(df.loc[df["community"] == c, "id"]) for c in df["community"].unique()}
    assert found == {frozenset(b) for b in blocks}


@pytest.mark.parametrize(("n", "p", "seed"), RANDOM_GRAPHS)
@pytest.mark.parametrize("weight", [None, "weight"])
def test_modularity_matches_networkx(n, p, seed, weight):
    G = random_graph(n, p, seed)
    df = communities(G, weight=weight)
    labels = df["community"].tolist()
    blocks = [set(df.loc[df["community"] == c, "id"]) for c in set(labels)]
    summary = partition_summary(G, weight=weight, partition=df).iloc[0]
    if G.number_of_edges() == 0:
        assert math.isnan(modularity(G, labels))
        return
    assert modularity(G, labels, weight=weight) == pytest.approx(
        nx.community.modularity(G, blocks, weight=weight), abs=1e-9
    )
    assert summary["modularity_poles"] == pytest.approx(
        nx.community.modularity(G, pole_blocks(G), weight=weight), abs=1e-9
    )
    assert summary["modularity_communities"] == pytest.approx(
        nx.community.modularity(G, blocks, weight=weight), abs=1e-9
    )


def test_nmi_by_hand():
    # A = 000111, B = 001122. H(A) = ln 2, H(B) = ln 3.
    # Joint cells (0,0):2, (0,1):1, (1,1):1, (1,2):2; I = 2 * (1/3) ln((1/3)/(1/2 * 1/3))
    # + 2 * (1/6) ln((1/6)/(1/2 * 1/6 * 2)) = (2/3) ln 2 + 0.
    # NMI = (2/3 ln 2) / ((ln 2 + ln 3) / 2) = 4 ln 2 / (3 ln 6).
    expected = 4 * math.log(2) / (3 * math.log(6))
    assert normalized_mutual_information([0, 0, 0, 1, 1, 1], [0, 0, 1, 1, 2, 2]) == (
        pytest.approx(expected, abs=1e-12)
    )
    # symmetric, label names do not matter
    assert normalized_mutual_information(list("aabbcc"), list("xxxyyy")) == pytest.approx(
        expected, abs=1e-12
    )
    assert math.isnan(normalized_mutual_information([], []))


@pytest.mark.parametrize("missing", ["", None, float("nan")])
def test_structures_without_pole(missing):
    # 1-2-3 triangle in pôle p, 4-5 tie with no pôle, 3-4 tie.
    # Pôle blocks: {1,2,3}, {4}, {5}. m = 5, degrees 2,2,3,2,1.
    # Q = [3/5 - (7/10)^2] + [0 - (2/10)^2] + [0 - (1/10)^2] = 0.6 - 0.49 - 0.04 - 0.01 = 0.06
    G = nx.Graph([(1, 2), (2, 3), (1, 3), (3, 4), (4, 5)])
    nx.set_node_attributes(G, {1: "p", 2: "p", 3: "p", 4: missing, 5: missing}, "pole")
    summary = partition_summary(G).iloc[0]
    assert summary["modularity_poles"] == pytest.approx(0.06, abs=1e-12)
    # NMI only over 1, 2, 3: one pôle; they form one community -> both entropies 0 -> 1
    labels = communities(G).set_index("id")["community"]
    if labels[1] == labels[2] == labels[3]:
        assert summary["nmi_poles_communities"] == 1.0


def test_does_not_mutate():
    G = random_graph(30, 0.1, 9)
    before = nx.to_dict_of_dicts(G), dict(G.nodes(data=True)), dict(G.graph)
    partition_summary(G)
    assert (nx.to_dict_of_dicts(G), dict(G.nodes(data=True)), dict(G.graph)) == before


def test_unknown_method():
    with pytest.raises(ValueError, match="unknown method"):
        communities(nx.Graph(), method="leiden")
