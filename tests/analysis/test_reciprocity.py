"""Reciprocity of survey declarations: hand-counted examples, networkx as the oracle."""

from __future__ import annotations

import math
import random

import networkx as nx
import pytest

from ess_graph.analysis.reciprocity import (
    STRUCTURE_COLUMNS,
    SUMMARY_COLUMNS,
    declarations_by_structure,
    reciprocity_summary,
)


def _survey() -> nx.DiGraph:
    """a <-> b; a -> c (c did not answer); b -> d and e -> f (d, f answered); a -> e
    (whether e answered is unknown)."""
    D = nx.DiGraph()
    answered = {"a": True, "b": True, "c": False, "d": True, "e": None, "f": True}
    for n, value in answered.items():
        D.add_node(n, name=n.upper(), answered=value)
    D.add_edges_from([("a", "b"), ("b", "a"), ("a", "c"), ("b", "d"), ("e", "f"), ("a", "e")])
    return D


def test_summary_counts_ties_and_splits_one_sided_ones_by_the_other_side():
    row = reciprocity_summary(_survey()).iloc[0]
    assert list(row.index) == list(SUMMARY_COLUMNS)
    # Hand count: 6 declarations; pairs ab, ac, bd, ef, ae = 5 ties, ab reciprocated;
    # one-sided: ac (c did not answer), bd and ef (d and f answered), ae (e unknown).
    assert row.structures == 6 and row.answered == 4
    assert row.declarations == 6
    assert row.declared_ties == 5
    assert row.reciprocated_ties == 1
    assert row.one_sided_ties == 4
    assert row.one_sided_other_answered == 2
    assert row.one_sided_other_not_answered == 1
    assert row.one_sided_other_unknown == 1
    assert row.reciprocity_rate == pytest.approx(1 / 5)
    # unknown answers: the rate among ties both sides could declare is not given
    assert math.isnan(row.reciprocity_rate_both_answered)
    assert row.edge_reciprocity == pytest.approx(nx.overall_reciprocity(_survey()))  # 2/6


def test_rate_among_ties_both_sides_could_declare():
    D = _survey()
    D.remove_edge("a", "e")
    row = reciprocity_summary(D).iloc[0]
    # ab reciprocated; bd and ef one-sided with an answering other side: 1 / 3
    assert row.reciprocity_rate_both_answered == pytest.approx(1 / 3)


def test_edge_rate_is_networkx_and_is_2r_over_1_plus_r_of_the_tie_rate():
    rng = random.Random(3)
    D = nx.DiGraph()
    D.add_nodes_from(range(30))
    D.add_edges_from((u, v) for u in range(30) for v in range(30) if u != v and rng.random() < 0.1)
    row = reciprocity_summary(D).iloc[0]
    r = row.reciprocity_rate
    assert row.edge_reciprocity == pytest.approx(nx.overall_reciprocity(D))
    assert row.edge_reciprocity == pytest.approx(2 * r / (1 + r))
    assert row.edge_reciprocity > r  # the edge rate counts each returned tie twice
    # oracle for the tie count: the undirected graph of the declarations
    assert row.declared_ties == nx.Graph(D).number_of_edges()
    assert row.reciprocated_ties == D.to_undirected(reciprocal=True).number_of_edges()


def test_empty_declarations_give_nan_rates():
    D = nx.DiGraph()
    D.add_node("a", answered=None)
    row = reciprocity_summary(D).iloc[0]
    assert row.declarations == 0 and row.declared_ties == 0
    assert math.isnan(row.reciprocity_rate) and math.isnan(row.edge_reciprocity)


def test_by_structure_counts_and_networkx_node_reciprocity():
    D = _survey()
    frame = declarations_by_structure(D)
    assert list(frame.columns) == list(STRUCTURE_COLUMNS)
    assert frame["id"].tolist() == ["a", "b", "c", "d", "e", "f"]
    a = frame.set_index("id").loc["a"]
    # a named b, c, e; was named by b; b both ways
    assert (a.out_declarations, a.in_declarations, a.reciprocated) == (3, 1, 1)
    assert (a.one_sided_out, a.one_sided_in) == (2, 0)
    assert frame.set_index("id").loc["e", "answered"] is None
    for row in frame.itertuples():
        total = row.out_declarations + row.in_declarations
        if total:
            assert 2 * row.reciprocated / total == pytest.approx(nx.reciprocity(D, row.id))


def test_an_undirected_graph_is_refused():
    with pytest.raises(ValueError, match="directed"):
        reciprocity_summary(nx.Graph([("a", "b")]))
