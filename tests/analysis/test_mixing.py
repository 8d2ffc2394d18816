"""Tests of ess_graph.analysis.mixing.

Expected values come from hand computations on the ``seven`` graph drawn in conftest.py,
from networkx (mixing counts, assortativity) and from exact enumeration of every
relabelling (permutation test). Hand facts used throughout (``seven``, m = 6 ties):

    degrees      s1 2, s2 2, s3 3, s4 2, s5 2, s6 1, s7 0
    sector       culture {s1, s2, s3, s7}: D = 2+2+3+0 = 7
                 sport {s4, s5}:           D = 2+2     = 4
                 insertion {s6}:           D = 1
    sector ties  culture-culture: s1-s2, s1-s3, s2-s3 = 3; culture-sport: s3-s4 = 1;
                 sport-sport: s4-s5 = 1; insertion-sport: s5-s6 = 1; others 0.
"""

from __future__ import annotations

import copy
import itertools
import math
import random

import networkx as nx
import numpy as np
import pandas as pd
import pytest

from ess_graph.analysis import mixing
from ess_graph.analysis.mixing import (
    ALL_GROUPS,
    assortativity,
    ei_indices,
    mixing_matrix,
    mixing_table,
    structure_diversity,
)

ATTRIBUTES = ("sector", "family", "territory", "pole")


def random_labelled_graph(n: int, p: float, seed: int, *, blanks: float = 0.1) -> nx.Graph:
    """G(n, p) with random sector/family/territory/pole labels, some left "" (no group)."""
    rng = random.Random(seed)
    G = nx.gnp_random_graph(n, p, seed=seed)
    G = nx.relabel_nodes(G, {i: f"s{i:03d}" for i in G})
    values = {
        "sector": ["culture", "sport", "insertion", "social"],
        "family": ["association", "cooperative", "mutuelle"],
        "territory": ["T1", "T2", "T3"],
        "pole": ["P1", "P2"],
    }
    for v in G:
        for attr, choices in values.items():
            G.nodes[v][attr] = "" if rng.random() < blanks else rng.choice(choices)
        G.nodes[v]["name"] = v
    return G


def snapshot(G: nx.Graph):
    return (
        copy.deepcopy(dict(G.graph)),
        sorted((n, sorted(d.items())) for n, d in G.nodes(data=True)),
        sorted((min(u, v), max(u, v), sorted(d.items())) for u, v, d in G.edges(data=True)),
    )


# Mixing table and matrix --------------------------------------------------------------
def test_mixing_table_by_hand(seven):
    # expected = D_a·D_b/(2m) (a != b), D_a²/(4m) (a = b); 2m = 12, 4m = 24.
    # culture-culture 49/24, culture-insertion 7/12, culture-sport 28/12,
    # insertion-insertion 1/24, insertion-sport 4/12, sport-sport 16/24.
    table = mixing_table(seven)
    assert list(table.columns) == ["group_a", "group_b", "observed", "expected", "ratio"]
    rows = {(a, b): (o, e, r) for a, b, o, e, r in table.itertuples(index=False)}
    hand = {
        ("culture", "culture"): (3, 49 / 24),
        ("culture", "insertion"): (0, 7 / 12),
        ("culture", "sport"): (1, 28 / 12),
        ("insertion", "insertion"): (0, 1 / 24),
        ("insertion", "sport"): (1, 4 / 12),
        ("sport", "sport"): (1, 16 / 24),
    }
    assert list(rows) == list(hand)  # sorted, a <= b, diagonal included
    for pair, (obs, exp) in hand.items():
        assert rows[pair][0] == obs
        assert rows[pair][1] == pytest.approx(exp)
        assert rows[pair][2] == pytest.approx(obs / exp)
    # ratio culture-culture = 3/(49/24) = 72/49; culture-sport = 1/(28/12) = 3/7
    assert rows[("culture", "culture")][2] == pytest.approx(72 / 49)
    assert rows[("culture", "sport")][2] == pytest.approx(3 / 7)
    # When every structure has a sector, the expected counts add up to m.
    assert table["expected"].sum() == pytest.approx(6)


def test_mixing_matrix_by_hand(seven):
    observed = mixing_matrix(seven)
    hand = pd.DataFrame(
        [[3, 0, 1], [0, 0, 1], [1, 1, 1]],
        index=pd.Index(["culture", "insertion", "sport"], name="sector"),
        columns=["culture", "insertion", "sport"],
    )
    pd.testing.assert_frame_equal(observed, hand, check_dtype=False, check_column_type=False)
    expected = mixing_matrix(seven, value="expected")
    assert expected.loc["culture", "sport"] == pytest.approx(28 / 12)
    assert expected.loc["sport", "culture"] == pytest.approx(28 / 12)
    assert expected.loc["sport", "sport"] == pytest.approx(16 / 24)
    ratio = mixing_matrix(seven, value="ratio")
    assert ratio.loc["insertion", "sport"] == pytest.approx(3.0)  # 1 / (4/12)
    assert ratio.loc["culture", "insertion"] == 0.0


def test_mixing_matrix_rejects_unknown_value(seven):
    with pytest.raises(ValueError, match="value"):
        mixing_matrix(seven, value="density")


def test_mixing_counts_match_networkx_on_random_graphs():
    # networkx counts each tie from both ends: cross-group cells hold the tie count, the
    # diagonal twice the count. Ungrouped structures ("") are a group of their own there,
    # so compare on the grouped rows and columns.
    for seed in range(4):
        G = random_labelled_graph(60, 0.08, seed)
        for attr in ATTRIBUTES:
            ours = mixing_matrix(G, attribute=attr)
            groups = list(ours.index)
            mapping = {g: i for i, g in enumerate([*groups, ""])}
            theirs = nx.attribute_mixing_matrix(G, attr, mapping=mapping, normalized=False)
            theirs = theirs[: len(groups), : len(groups)].copy()
            theirs[np.diag_indices(len(groups))] /= 2
            np.testing.assert_array_equal(ours.to_numpy(), theirs)


def test_expected_is_a_configuration_model_average():
    # Independent check of D_a·D_b/(2m): average the mixing counts over many
    # configuration-model graphs with the same degree sequence (networkx generator,
    # multigraph kept: the formula counts stub pairings, self-loops and multi-ties too).
    G = random_labelled_graph(40, 0.15, 7, blanks=0.0)
    nodes = list(G)
    degrees = [G.degree(v) for v in nodes]
    sectors = [G.nodes[v]["sector"] for v in nodes]
    table = mixing_table(G).set_index(["group_a", "group_b"])
    totals = dict.fromkeys(table.index, 0.0)
    runs = 300
    for seed in range(runs):
        M = nx.configuration_model(degrees, seed=seed)
        for u, v in M.edges():
            a, b = sorted((sectors[u], sectors[v]))
            totals[(a, b)] += 1
    for pair, total in totals.items():
        assert total / runs == pytest.approx(table.at[pair, "expected"], rel=0.1, abs=0.3)


def test_empty_graph_gives_empty_frames():
    G = nx.Graph()
    assert mixing_table(G).empty
    assert list(mixing_table(G).columns) == mixing.MIXING_COLUMNS
    assert mixing_matrix(G).shape == (0, 0)
    assert ei_indices(G, attributes=["sector"], n_permutations=10)["group"].tolist() == [ALL_GROUPS]


def test_no_ties_gives_nan_ratio():
    G = nx.Graph()
    G.add_nodes_from(["a", "b"], sector="culture")
    table = mixing_table(G)
    assert table["observed"].tolist() == [0]
    assert table["expected"].tolist() == [0.0]
    assert math.isnan(table["ratio"].iloc[0])


# E-I index ----------------------------------------------------------------------------
def ei_rows(frame: pd.DataFrame, attribute: str) -> dict[str, tuple]:
    sub = frame[frame["attribute"] == attribute]
    return {
        g: (mem, i, e, ei)
        for g, mem, i, e, ei in sub[
            ["group", "members", "internal_ties", "external_ties", "ei_index"]
        ].itertuples(index=False)
    }


def test_ei_by_hand(seven):
    frame = ei_indices(seven, n_permutations=0)
    assert list(frame.columns) == mixing.EI_COLUMNS
    # sector: culture I = 3 (s1-s2, s1-s3, s2-s3), E = 1 (s3-s4): (1-3)/4 = -0.5
    #         sport I = 1 (s4-s5), E = 2 (s3-s4, s5-s6): 1/3; insertion I = 0, E = 1: 1
    #         whole network: I = 4, E = 2 (s3-s4, s5-s6): (2-4)/6 = -1/3
    # family: association {s1, s2, s4, s7} I = 1 (s1-s2), E = 4 (s1-s3, s2-s3, s3-s4,
    #         s4-s5): 3/5; cooperative {s3, s5} I = 0, E = 5: 1; mutuelle {s6} I = 0,
    #         E = 1: 1; whole I = 1, E = 5: 4/6
    # territory: T1 {s1..s4} I = 4, E = 1 (s4-s5): -3/5; T2 {s5, s6, s7} I = 1, E = 1: 0;
    #         whole I = 5, E = 1: -4/6
    # pole (s3, s7 in no pôle): P1 {s1, s2, s4} I = 1 (s1-s2), E = 4 (s1-s3, s2-s3,
    #         s3-s4, s4-s5): 3/5; P2 {s5, s6} I = 1, E = 1 (s4-s5): 0; whole: ties with
    #         both ends in a pôle: s1-s2 (I), s4-s5 (E), s5-s6 (I): (1-2)/3 = -1/3;
    #         P3 has no member, so it is no group.
    hand = {
        "sector": {
            "culture": (4, 3, 1, -0.5),
            "insertion": (1, 0, 1, 1.0),
            "sport": (2, 1, 2, 1 / 3),
            ALL_GROUPS: (7, 4, 2, -1 / 3),
        },
        "family": {
            "association": (4, 1, 4, 0.6),
            "cooperative": (2, 0, 5, 1.0),
            "mutuelle": (1, 0, 1, 1.0),
            ALL_GROUPS: (7, 1, 5, 4 / 6),
        },
        "territory": {
            "T1": (4, 4, 1, -0.6),
            "T2": (3, 1, 1, 0.0),
            ALL_GROUPS: (7, 5, 1, -4 / 6),
        },
        "pole": {
            "P1": (3, 1, 4, 0.6),
            "P2": (2, 1, 1, 0.0),
            ALL_GROUPS: (5, 2, 1, -1 / 3),
        },
    }
    for attribute, groups in hand.items():
        got = ei_rows(frame, attribute)
        assert list(got) == list(groups)  # groups sorted, whole network last
        for group, (members, internal, external, ei) in groups.items():
            assert got[group][:3] == (members, internal, external), (attribute, group)
            assert got[group][3] == pytest.approx(ei), (attribute, group)
    assert frame["ei_p_value"].isna().all()  # no permutation asked


def test_ei_expected_configuration_by_hand(seven):
    # I* = D²/(4m), E* = D - 2·I*, 4m = 24.
    # culture D = 7: I* = 49/24, E* = 7 - 49/12 = 70/24 -> (70-49)/119 = 21/119
    # sport D = 4: I* = 16/24, E* = 64/24 -> 48/80 = 0.6
    # insertion D = 1: I* = 1/24, E* = 22/24 -> 21/23
    # whole: I* = (49+16+1)/24 = 66/24, E* = ((7+4+1)² - 66)/24 = 78/24 -> 12/144
    # territory T1 D = 9: I* = 81/24, E* = 9 - 81/12 = 54/24 -> -27/135 = -0.2
    #           T2 D = 3: I* = 9/24,  E* = 3 - 9/12 = 54/24 -> 45/63
    frame = ei_indices(seven, attributes=["sector", "territory"], n_permutations=0)
    keys = zip(frame["attribute"], frame["group"], strict=True)
    got = dict(zip(keys, frame["ei_expected"], strict=True))
    assert got[("sector", "culture")] == pytest.approx(21 / 119)
    assert got[("sector", "sport")] == pytest.approx(0.6)
    assert got[("sector", "insertion")] == pytest.approx(21 / 23)
    assert got[("sector", ALL_GROUPS)] == pytest.approx(1 / 12)
    assert got[("territory", "T1")] == pytest.approx(-0.2)
    assert got[("territory", "T2")] == pytest.approx(45 / 63)


def test_ei_counts_match_a_plain_loop_on_random_graphs():
    # Oracle: the definition, one tie at a time, in plain Python.
    for seed in range(3):
        G = random_labelled_graph(50, 0.1, seed)
        frame = ei_indices(G, n_permutations=0)
        for attribute in ATTRIBUTES:
            groups = sorted({d[attribute] for _, d in G.nodes(data=True)} - {""})
            got = ei_rows(frame, attribute)
            for g in groups:
                internal = external = 0
                for u, v in G.edges():
                    inside = (G.nodes[u][attribute] == g) + (G.nodes[v][attribute] == g)
                    internal += inside == 2
                    external += inside == 1
                assert got[g][1:3] == (internal, external)
            same = diff = 0
            for u, v in G.edges():
                a, b = G.nodes[u][attribute], G.nodes[v][attribute]
                if a and b:
                    same += a == b
                    diff += a != b
            assert got[ALL_GROUPS][1:3] == (same, diff)


def exact_null(G: nx.Graph, attribute: str) -> list[float]:
    """Network E-I over every distinct relabelling of the grouped structures."""
    grouped = [v for v in G if G.nodes[v][attribute]]
    labels = [G.nodes[v][attribute] for v in grouped]
    values = []
    for perm in set(itertools.permutations(labels)):
        lab = dict(zip(grouped, perm, strict=True))
        same = diff = 0
        for u, v in G.edges():
            if u in lab and v in lab:
                same += lab[u] == lab[v]
                diff += lab[u] != lab[v]
        values.append((diff - same) / (diff + same))
    return values


def test_permutation_null_matches_exact_enumeration(seven):
    # Sector labels of the 7 structures (culture x4, sport x2, insertion x1): 105
    # distinct relabellings. The mean of the permuted E-I and the two-sided p-value
    # must approach the exact values computed over all of them.
    null = np.array(exact_null(seven, "sector"))
    observed = -1 / 3
    exact_mean = null.mean()
    tol = 1e-12
    exact_p = min(1.0, 2 * min((null >= observed - tol).mean(), (null <= observed + tol).mean()))
    frame = ei_indices(
        seven, attributes=["sector"], n_permutations=20_000, seed=3, expected="permutation"
    )
    whole = frame[frame["group"] == ALL_GROUPS].iloc[0]
    assert whole["ei_index"] == pytest.approx(observed)
    assert whole["ei_expected"] == pytest.approx(exact_mean, abs=0.01)
    assert whole["ei_p_value"] == pytest.approx(exact_p, abs=0.02)


def test_permutation_test_is_seeded_and_chunk_free(seven):
    G = random_labelled_graph(80, 0.06, 11)
    a = ei_indices(G, n_permutations=200, seed=5)
    b = ei_indices(G, n_permutations=200, seed=5)
    pd.testing.assert_frame_equal(a, b)
    for chunk in (1, 7, 64):
        c = ei_indices(G, n_permutations=200, seed=5, _chunk=chunk)
        pd.testing.assert_frame_equal(a, c)
    # An attribute's result does not depend on the other attributes asked for.
    alone = ei_indices(G, attributes=["pole"], n_permutations=200, seed=5)
    pd.testing.assert_frame_equal(
        alone.reset_index(drop=True),
        a[a["attribute"] == "pole"].reset_index(drop=True),
    )
    other = ei_indices(G, n_permutations=200, seed=6)
    assert not other["ei_p_value"].equals(a["ei_p_value"])


def test_permutation_p_value_small_for_planted_homophily():
    # Two groups of 30; ties 15 times likelier inside a group than across.
    G = nx.stochastic_block_model([30, 30], [[0.3, 0.02], [0.02, 0.3]], seed=4)
    for v in G:
        G.nodes[v]["sector"] = "culture" if G.nodes[v]["block"] == 0 else "sport"
    frame = ei_indices(G, attributes=["sector"], n_permutations=500, seed=1)
    # With 500 relabellings the smallest possible two-sided p is 2/501.
    assert (frame["ei_p_value"] <= 2 / 501 + 1e-12).all()
    assert (frame["ei_index"] < frame["ei_expected"]).all()
    assert (frame["ei_index"] < -0.5).all()


def test_permutation_p_values_spread_out_under_random_labelling():
    # Labels drawn at random, independently of the ties: p-values of the whole-network
    # E-I should look uniform. 40 graphs: expect ~2 below 0.05, allow at most 8 (a
    # binomial(40, 0.05) exceeds 8 with probability < 1e-3), and a mean p near 0.5.
    p_values = []
    for seed in range(40):
        G = random_labelled_graph(40, 0.12, 100 + seed, blanks=0.0)
        frame = ei_indices(G, attributes=["sector"], n_permutations=199, seed=seed)
        p_values.append(frame.loc[frame["group"] == ALL_GROUPS, "ei_p_value"].iloc[0])
    p_values = np.array(p_values)
    assert (p_values < 0.05).sum() <= 8
    assert 0.3 < p_values.mean() < 0.7
    assert (p_values >= 2 / 200 - 1e-12).all()  # the +1 correction: never 0


def test_ei_rejects_bad_options(seven):
    with pytest.raises(ValueError):
        ei_indices(seven, expected="exact")
    with pytest.raises(ValueError):
        ei_indices(seven, n_permutations=-1)


# Assortativity ------------------------------------------------------------------------
def test_assortativity_by_hand_and_networkx(seven):
    # Sector, tie ends over 12: e_cc = 6/12, e_cs = e_sc = 1/12, e_is = e_si = 1/12,
    # e_ss = 2/12; a = (7, 1, 4)/12; Σa² = 66/144; trace = 96/144;
    # r = (96 - 66) / (144 - 66) = 30/78.
    frame = assortativity(seven)
    got = dict(zip(frame["attribute"], frame["assortativity"], strict=True))
    assert got["sector"] == pytest.approx(30 / 78)
    for attribute in ("sector", "family", "territory"):
        oracle = nx.attribute_assortativity_coefficient(seven, attribute)
        assert got[attribute] == pytest.approx(oracle)


def test_assortativity_matches_networkx_on_grouped_subgraph():
    for seed in range(4):
        G = random_labelled_graph(70, 0.07, seed)
        frame = assortativity(G, attributes=ATTRIBUTES)
        for attribute, value in zip(frame["attribute"], frame["assortativity"], strict=True):
            H = G.subgraph(v for v in G if G.nodes[v][attribute])
            oracle = nx.attribute_assortativity_coefficient(H, attribute)
            assert value == pytest.approx(oracle), (seed, attribute)


def test_assortativity_undefined_cases():
    G = nx.Graph([("a", "b")])
    G.nodes["a"]["sector"] = G.nodes["b"]["sector"] = "culture"  # one group: 0/0
    H = nx.Graph()
    H.add_node("a", sector="culture")  # no tie
    assert math.isnan(assortativity(G, attributes=["sector"])["assortativity"].iloc[0])
    assert math.isnan(assortativity(H, attributes=["sector"])["assortativity"].iloc[0])


# Per structure ------------------------------------------------------------------------
def test_structure_diversity_by_hand(seven):
    # s1: partners s2, s3 (culture)          -> 0 cross, share 0,   Blau 0
    # s3: partners s1, s2 (culture), s4 (sport) -> 1, 1/3, 1 - (4/9 + 1/9) = 4/9
    # s4: partners s3 (culture), s5 (sport)  -> 1, 1/2, 1/2
    # s5: partners s4 (sport), s6 (insertion) -> 1, 1/2, 1/2
    # s6: partner s5 (sport)                 -> 1, 1,   0
    # s7: isolate                            -> 0, NaN, NaN
    frame = structure_diversity(seven).set_index("id")
    assert list(frame.columns) == ["cross_sector_ties", "cross_sector_share", "sector_diversity"]
    hand = {
        "s1": (0, 0.0, 0.0),
        "s2": (0, 0.0, 0.0),
        "s3": (1, 1 / 3, 4 / 9),
        "s4": (1, 0.5, 0.5),
        "s5": (1, 0.5, 0.5),
        "s6": (1, 1.0, 0.0),
        "s7": (0, math.nan, math.nan),
    }
    assert list(frame.index) == list(hand)
    for sid, (cross, share, blau) in hand.items():
        assert frame.at[sid, "cross_sector_ties"] == cross
        assert frame.at[sid, "cross_sector_share"] == pytest.approx(share, nan_ok=True)
        assert frame.at[sid, "sector_diversity"] == pytest.approx(blau, nan_ok=True)


def test_structure_diversity_unknown_sectors():
    # x has no sector: its cross-sector figures are undefined; y's partner x does not
    # count as another sector, nor in y's Blau index (y's only known partner is z).
    G = nx.Graph([("x", "y"), ("y", "z")])
    nx.set_node_attributes(G, {"x": "", "y": "culture", "z": "sport"}, "sector")
    frame = structure_diversity(G).set_index("id")
    assert frame.at["x", "cross_sector_ties"] is pd.NA
    assert math.isnan(frame.at["x", "cross_sector_share"])
    assert frame.at["x", "sector_diversity"] == 0.0  # its one partner is culture
    assert frame.at["y", "cross_sector_ties"] == 1
    assert frame.at["y", "cross_sector_share"] == 0.5  # 1 of its 2 ties
    assert frame.at["y", "sector_diversity"] == 0.0


# Whole-module properties --------------------------------------------------------------
def test_functions_do_not_mutate_the_graph(seven):
    before = snapshot(seven)
    mixing_table(seven)
    mixing_matrix(seven, value="ratio")
    ei_indices(seven, n_permutations=20)
    assortativity(seven)
    structure_diversity(seven)
    assert snapshot(seven) == before


def test_graph_from_tables_gives_the_same_figures(seven, seven_from_tables):
    # Through Network + cooperation_graph: the double link s1-s2 is one tie, and the
    # membership link to P1 is no tie between structures.
    assert seven_from_tables.number_of_edges() == 6
    pd.testing.assert_frame_equal(mixing_table(seven), mixing_table(seven_from_tables))
    pd.testing.assert_frame_equal(
        ei_indices(seven, n_permutations=50), ei_indices(seven_from_tables, n_permutations=50)
    )


@pytest.mark.benchmark
def test_bench_script_runs_at_a_tiny_size(tmp_path):
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / "bench" / "bench_mixing.py"
    spec = importlib.util.spec_from_file_location("bench_mixing", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    out = tmp_path / "mixing.md"
    assert (
        module.main(
            ["--sizes", "200", "--repeat", "1", "--nx-permutations", "2", "--out", str(out)]
        )
        == 0
    )
    text = out.read_text(encoding="utf-8")
    assert "| 200 |" in text and "ei_indices" in text and "networkx permutation test" in text


def test_permutation_p_values_do_not_depend_on_node_insertion_order():
    # A subgraph's node order follows Python's string hash, which changes per process;
    # the same graph built in another order must give the same seeded p-values.
    G = nx.gnm_random_graph(40, 80, seed=3)
    G = nx.relabel_nodes(G, {i: f"s{i:02d}" for i in G})
    for i, n in enumerate(sorted(G)):
        G.nodes[n]["sector"] = "abc"[i % 3]
    H = nx.Graph()
    H.add_nodes_from(reversed(list(G.nodes(data=True))))
    H.add_edges_from(reversed(list(G.edges())))
    a = ei_indices(G, attributes=("sector",), n_permutations=200, seed=11)
    b = ei_indices(H, attributes=("sector",), n_permutations=200, seed=11)
    pd.testing.assert_frame_equal(a, b)


def test_the_codebooks_relabelling_replays_the_p_values():
    """docs/METRICS.md says how each relabelling is drawn; replaying those words with
    plain numpy and networkx gives the p-values and permutation means of `ei_indices`
    exactly (the issue: replayed as formerly worded, they differed by up to 0.054)."""
    rng_graph = random.Random(4)
    G = nx.gnm_random_graph(40, 90, seed=4)
    G = nx.relabel_nodes(G, {i: f"s{i:02d}" for i in G})
    for node in G:
        # a few structures without a sector (they stay without one)
        G.nodes[node]["sector"] = "" if rng_graph.random() < 0.15 else rng_graph.choice("abcd")
    n_perm, seed = 200, 11
    ours = ei_indices(
        G, attributes=["sector"], n_permutations=n_perm, seed=seed, expected="permutation"
    ).set_index("group")

    nodes = sorted(G)  # the graph's node order: ids sorted
    group_of = {v: G.nodes[v]["sector"] for v in nodes}
    grouped = [i for i, v in enumerate(nodes) if group_of[v]]
    groups = sorted({g for g in group_of.values() if g})

    def ei_of(labels: dict[str, str]) -> dict[str, float]:
        out = {}
        for g in groups:
            internal = sum(1 for u, v in G.edges() if labels[u] == g and labels[v] == g)
            # exactly one end in g, the other in another group or in none (the codebook)
            external = sum(1 for u, v in G.edges() if (labels[u] == g) != (labels[v] == g))
            out[g] = (
                (external - internal) / (external + internal) if external + internal else math.nan
            )
        return out

    rng = np.random.default_rng(seed)
    replayed = {g: [] for g in groups}
    for _ in range(n_perm):
        order = rng.permuted(np.arange(len(nodes)))
        in_order = [i for i in order if group_of[nodes[i]]]  # o_1, ..., o_m
        labels = dict(group_of)
        for g_j, o_j in zip(grouped, in_order, strict=True):
            labels[nodes[g_j]] = group_of[nodes[o_j]]
        for g, value in ei_of(labels).items():
            replayed[g].append(value)
    observed = ei_of(group_of)
    for g in groups:
        values = np.array([x for x in replayed[g] if x == x])
        high = (1 + (values >= observed[g] - 1e-12).sum()) / (len(values) + 1)
        low = (1 + (values <= observed[g] + 1e-12).sum()) / (len(values) + 1)
        assert ours.loc[g, "ei_p_value"] == pytest.approx(
            min(1.0, 2 * min(low, high)), abs=1e-12
        ), g
        assert ours.loc[g, "ei_expected"] == pytest.approx(values.mean(), abs=1e-12), g
