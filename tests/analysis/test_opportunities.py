"""Tests of ess_graph.analysis.opportunities (question 5: partnerships to explore next).

Expected values come from hand computations on `fixtures_h5.tiny_network` (drawn in the
fixtures module) and from networkx's `resource_allocation_index` / `adamic_adar_index`
as an independent oracle for the sparse path.
"""

from __future__ import annotations

import copy
import math

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from fixtures_h5 import random_network, tiny_network

from ess_graph import i18n
from ess_graph.analysis import opportunities as opp
from ess_graph.analysis.opportunities import opportunities, pair_scores, territory_coords
from ess_graph.network import cooperation_graph, typed_graph


@pytest.fixture(scope="module")
def tiny():
    net = tiny_network()
    return net, cooperation_graph(net), typed_graph(net)


def reduced(T: nx.Graph) -> nx.Graph:
    """The typed graph without territory and sector nodes (built here with networkx)."""
    return T.subgraph(n for n, d in T.nodes(data=True) if d["type"] not in {"territory", "sector"})


def pairs_of(df: pd.DataFrame) -> list[tuple[str, str]]:
    return [tuple(sorted(p)) for p in zip(df["source"], df["target"], strict=True)]


# ----------------------------------------------------------------------------------------
# Proximity: hand values and the networkx oracle
# ----------------------------------------------------------------------------------------
# Untied pairs with a shared neighbour (degrees in the docstring of fixtures_h5):
#   s1–s3 share P1 (degree 3): RA = 1/3, AA = 1/ln 3
#   s1–s4 share X  (degree 2): RA = 1/2, AA = 1/ln 2
#   s2–s3 share P1 (degree 3): RA = 1/3, AA = 1/ln 3
#   s2–s4 share P2 (degree 2): RA = 1/2, AA = 1/ln 2
#   s3–s4 share s5 (degree 2): RA = 1/2, AA = 1/ln 2
# s1–s5, s2–s5 share nothing; s1–s2, s3–s5, s4–s5 are tied.
HAND_RA = {
    ("s1", "s3"): 1 / 3,
    ("s1", "s4"): 1 / 2,
    ("s2", "s3"): 1 / 3,
    ("s2", "s4"): 1 / 2,
    ("s3", "s4"): 1 / 2,
}
HAND_AA = {
    ("s1", "s3"): 1 / math.log(3),
    ("s1", "s4"): 1 / math.log(2),
    ("s2", "s3"): 1 / math.log(3),
    ("s2", "s4"): 1 / math.log(2),
    ("s3", "s4"): 1 / math.log(2),
}


@pytest.mark.parametrize(
    ("proximity", "hand", "oracle"),
    [
        ("resource_allocation", HAND_RA, nx.resource_allocation_index),
        ("adamic_adar", HAND_AA, nx.adamic_adar_index),
    ],
)
def test_proximity_by_hand_and_networkx(tiny, proximity, hand, oracle):
    _, G, T = tiny
    df = opportunities(G, T, k=50, proximity=proximity, gap_pairs=[])
    got = dict(zip(pairs_of(df), df["proximity"], strict=True))
    assert got.keys() == hand.keys()
    for pair, value in hand.items():
        assert got[pair] == pytest.approx(value)
    expected = {(u, v): p for u, v, p in oracle(reduced(T), list(hand))}
    for pair, value in expected.items():
        assert got[pair] == pytest.approx(value)


def test_territory_and_sector_nodes_do_not_count(tiny):
    _, G, T = tiny
    # In the full typed graph s1 and s3 also share sector:culture and territory:brest,
    # which networkx counts; the opportunities proximity must not.
    full = next(iter(nx.resource_allocation_index(T, [("s1", "s3")])))[2]
    assert full > 1 / 3 + 0.1
    df = opportunities(G, T, structure="s1", k=50, gap_pairs=[])
    row = df[df["target"] == "s3"].iloc[0]
    assert row["proximity"] == pytest.approx(1 / 3)


@pytest.mark.parametrize("proximity", ["resource_allocation", "adamic_adar"])
def test_all_pairs_match_networkx_on_a_random_network(proximity):
    net = random_network(60, seed=7)
    G, T = cooperation_graph(net), typed_graph(net)
    R = reduced(T)
    oracle = (
        nx.resource_allocation_index if proximity == "resource_allocation" else nx.adamic_adar_index
    )
    untied = [
        (u, v) for i, u in enumerate(sorted(G)) for v in sorted(G)[i + 1 :] if not G.has_edge(u, v)
    ]
    expected = {(u, v): p for u, v, p in oracle(R, untied) if p > 0}
    scores = pair_scores(G, T, proximity=proximity, gap_pairs=[])
    got = {(u, v): p for u, v, p in zip(scores["u"], scores["v"], scores["proximity"], strict=True)}
    assert got.keys() == expected.keys()
    for pair, value in expected.items():
        assert got[pair] == pytest.approx(value)


# ----------------------------------------------------------------------------------------
# The two rankings
# ----------------------------------------------------------------------------------------
def test_the_probable_ranking_is_resource_allocation_order_on_the_proximity_graph():
    # Oracle: networkx's resource allocation on the typed graph without territory and
    # sector nodes, untied pairs, best first, ties by the two ids.
    net = random_network(60, seed=7)
    G, T = cooperation_graph(net), typed_graph(net)
    R = reduced(T)
    ids = sorted(G)
    untied = [(u, v) for i, u in enumerate(ids) for v in ids[i + 1 :] if not G.has_edge(u, v)]
    expected = sorted(
        ((round(p, 12), u, v) for u, v, p in nx.resource_allocation_index(R, untied) if p > 0),
        key=lambda x: (-x[0], x[1], x[2]),
    )[:30]
    df = opportunities(G, T, k=30, ranking="probable", territory_coords=territory_coords(net))
    assert set(df["ranking"]) == {"probable"}
    assert pairs_of(df) == [(u, v) for _, u, v in expected]
    assert df["score"].tolist() == pytest.approx([p / (p + 0.5) for p, _, _ in expected])
    # the probable ranking is the strategic score with its three weights at 0
    zero = opportunities(
        G,
        T,
        k=30,
        territory_coords=territory_coords(net),
        fit_weight=0,
        gap_weight=0,
        match_weight=0,
    )
    assert pairs_of(zero) == pairs_of(df)


def test_the_strategic_ranking_is_the_default_and_says_so(tiny):
    net, G, T = tiny
    df = opportunities(G, T, k=50, territory_coords=territory_coords(net), gap_pairs=[])
    assert set(df["ranking"]) == {"strategic"}
    assert list(df.columns) == list(opp.COLUMNS)
    with pytest.raises(ValueError, match="ranking must be one of"):
        opportunities(G, T, ranking="likely")


# ----------------------------------------------------------------------------------------
# Score and fit, by hand
# ----------------------------------------------------------------------------------------
# p = RA / (RA + 1/2); fit = 0.5 * sector part + 0.5 * place part;
# score = p * (1 + fit) + 0.1 * gap. Brest–Morlaix is about 53 km (> 40 km: far).
#   s2–s3: p = (1/3)/(5/6) = 0.4, insertion/culture 0.5, same pays 1 -> fit 0.75,
#          score 0.4 * 1.75 = 0.7
#   s1–s4, s2–s4, s3–s4: p = 0.5, different sectors 0.5, far 0 -> fit 0.25, score 0.625
#   s1–s3: p = 0.4, same sector 0, same pays 1 -> fit 0.5, score 0.6
def test_scores_and_order_by_hand(tiny):
    net, G, T = tiny
    df = opportunities(G, T, k=50, territory_coords=territory_coords(net), gap_pairs=[])
    assert pairs_of(df) == [("s2", "s3"), ("s1", "s4"), ("s2", "s4"), ("s3", "s4"), ("s1", "s3")]
    assert df["score"].tolist() == pytest.approx([0.7, 0.625, 0.625, 0.625, 0.6])
    assert df["fit"].tolist() == pytest.approx([0.75, 0.25, 0.25, 0.25, 0.5])
    assert df["rank"].tolist() == [1, 2, 3, 4, 5]


def test_neighbouring_territories(tiny):
    net, G, T = tiny
    # With near_km = 60 Brest and Morlaix are neighbours: place 0.5, fit 0.5 for the
    # s4 pairs, score 0.5 * 1.5 = 0.75, now above s2–s3 (0.7).
    df = opportunities(G, T, k=50, territory_coords=territory_coords(net), gap_pairs=[], near_km=60)
    assert pairs_of(df)[:4] == [("s1", "s4"), ("s2", "s4"), ("s3", "s4"), ("s2", "s3")]
    assert df["score"].tolist()[:4] == pytest.approx([0.75, 0.75, 0.75, 0.7])
    assert "pays voisins (53 km)" in df["reasons_fr"].iloc[0]
    # Without coordinates "different pays" says no distance.
    df = opportunities(G, T, k=50, gap_pairs=[], lang="en")
    assert "different pays" in df["reasons"].iloc[1]


def test_gap_bonus_and_gap_only_pair(tiny):
    _, G, T = tiny
    gaps = [("brest", "culture", "insertion", "none")]
    df = opportunities(G, T, k=50, gap_pairs=gaps)
    got = {p: (s, f) for p, s, f in zip(pairs_of(df), df["score"], df["fit"], strict=True)}
    # s2–s3 now fills the gap: sector part 1, fit 1, score 0.4 * 2 + 0.1 = 0.9.
    assert got["s2", "s3"] == pytest.approx((0.9, 1.0))
    # s1–s5 share nothing but fill the gap in their pays: score 0.1 * 1, fit 1.
    assert got["s1", "s5"] == pytest.approx((0.1, 1.0))
    row = df[(df["source"] == "s1") & (df["target"] == "s5")].iloc[0]
    assert row["proximity"] == 0 and row["common_partners"] == 0
    assert "aucun lien culture–insertion dans le pays de Brest" in row["reasons_fr"]
    assert "no culture–insertion tie in Brest" in row["reasons_en"]
    # A "weak" gap counts 1/2: sector part 0.75, fit 0.875, score 0.4 * 1.875 + 0.05 = 0.8.
    df = opportunities(G, T, k=50, gap_pairs=[("brest", "insertion", "culture", "weak")])
    got = dict(zip(pairs_of(df), df["score"], strict=True))
    assert got["s2", "s3"] == pytest.approx(0.8)
    assert got["s1", "s5"] == pytest.approx(0.05)


def test_gap_pairs_as_a_frame_and_from_the_gaps_module(tiny):
    _, G, T = tiny
    frame = pd.DataFrame(
        {"scope": ["brest"], "sector_a": ["culture"], "sector_b": ["insertion"], "gap": ["none"]}
    )
    a = opportunities(G, T, k=50, gap_pairs=frame)
    b = opportunities(G, T, k=50, gap_pairs=[("brest", "culture", "insertion")])
    pd.testing.assert_frame_equal(a, b)
    from ess_graph.analysis.gaps import sector_pair_gaps

    explicit = opportunities(G, T, k=50, gap_pairs=sector_pair_gaps(G, by="territory"))
    pd.testing.assert_frame_equal(opportunities(G, T, k=50), explicit)


# ----------------------------------------------------------------------------------------
# Rules every ranking must keep
# ----------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def rand():
    net = random_network(120, seed=3)
    return net, cooperation_graph(net), typed_graph(net)


def test_tied_pairs_are_never_suggested(rand):
    net, G, T = rand
    for kwargs in ({}, {"per_structure": True}, {"pole": "pole_t1"}, {"structure": "s0005"}):
        df = opportunities(G, T, k=40, territory_coords=territory_coords(net), **kwargs)
        assert len(df)
        assert not any(G.has_edge(u, v) for u, v in zip(df["source"], df["target"], strict=True))
        assert (df["source"] != df["target"]).all()
        assert len(set(pairs_of(df))) == len(df) or kwargs.get("per_structure")


def test_reasons_name_the_actual_common_partners(rand):
    _, G, T = rand
    R = reduced(T)
    df = opportunities(G, T, k=40, lang="fr")
    for u, v, count, reasons in zip(
        df["source"], df["target"], df["common_partners"], df["reasons"], strict=True
    ):
        common = set(nx.common_neighbors(R, u, v))
        assert count == len(common)
        first = reasons.split(" ; ")[0]
        if not common:
            assert first == "aucun partenaire en commun"
            continue
        head, names = first.split(" : ", 1)
        assert head == (f"{count} partenaires en commun" if count > 1 else "1 partenaire en commun")
        listed = [x for x in names.split(", ") if x != "…"]
        assert len(listed) == min(3, count)
        assert set(listed) <= {R.nodes[w]["name"] for w in common}
        assert names.endswith(", …") == (count > 3)


def test_reasons_in_both_languages(tiny):
    _, G, T = tiny
    fr = opportunities(G, T, k=50, gap_pairs=[])
    en = opportunities(G, T, k=50, gap_pairs=[], lang="en")
    assert (fr["reasons"] == fr["reasons_fr"]).all()
    assert (en["reasons"] == en["reasons_en"]).all()
    assert (fr["reasons_en"] == en["reasons_en"]).all()
    assert fr["reasons_fr"].iloc[0] == (
        "1 partenaire en commun : Conseil régional ; secteurs différents : insertion et "
        "culture ; même pays"
    )
    registered = i18n.keys()
    ours = [k for k in registered if k.startswith("opportunities.")]
    assert len(ours) >= 10
    for key in ours:
        assert i18n.t(key, "fr") != i18n.t(key, "en") or key.endswith("territory")


def test_focus_filters(tiny):
    _, G, T = tiny
    everything = opportunities(G, T, k=50, gap_pairs=[])
    by_pair = dict(zip(pairs_of(everything), everything["score"], strict=True))
    one = opportunities(G, T, structure="s3", k=50, gap_pairs=[])
    assert set(one["source"]) == {"s3"}
    assert set(one["target"]) == {"s1", "s2", "s4"}
    pole = opportunities(G, T, pole="X", k=50, gap_pairs=[])  # members s1 and s4
    assert set(pole["source"]) <= {"s1", "s4"}
    assert set(pairs_of(pole)) == {p for p in by_pair if {"s1", "s4"} & set(p)}
    terr = opportunities(G, T, territory="morlaix", k=50, gap_pairs=[])
    assert set(terr["source"]) == {"s4"}
    assert set(pairs_of(terr)) == {("s1", "s4"), ("s2", "s4"), ("s3", "s4")}
    for frame in (one, pole, terr):
        for pair, score in zip(pairs_of(frame), frame["score"], strict=True):
            assert score == pytest.approx(by_pair[pair])
    with pytest.raises(ValueError, match="unknown structure"):
        opportunities(G, T, structure="nope")
    with pytest.raises(ValueError, match="unknown pôle"):
        opportunities(G, T, pole="nope")
    with pytest.raises(ValueError, match="unknown territory"):
        opportunities(G, T, territory="nope")


def test_top_k_is_the_head_of_the_full_ranking(rand):
    net, G, T = rand
    coords = territory_coords(net)
    full = pair_scores(G, T, territory_coords=coords)
    full = full.sort_values(["score", "u", "v"], ascending=[False, True, True])
    top = opportunities(G, T, k=25, territory_coords=coords)
    assert pairs_of(top) == list(zip(full["u"].head(25), full["v"].head(25), strict=True))
    assert top["score"].to_numpy() == pytest.approx(full["score"].head(25).to_numpy())


def test_per_structure(rand):
    net, G, T = rand
    coords = territory_coords(net)
    df = opportunities(G, T, k=3, per_structure=True, territory="t2", territory_coords=coords)
    assert df.groupby("source").size().max() <= 3
    for source, group in df.groupby("source", sort=False):
        assert group["rank"].tolist() == list(range(1, len(group) + 1))
        alone = opportunities(G, T, structure=source, k=3, territory_coords=coords)
        assert group["target"].tolist() == alone["target"].tolist()


def test_chunking_gives_the_same_answer(rand, monkeypatch):
    _, G, T = rand
    expected = opportunities(G, T, k=30)
    monkeypatch.setattr(opp, "CHUNK_NNZ", 50)
    pd.testing.assert_frame_equal(opportunities(G, T, k=30), expected)


def test_deterministic_and_independent_of_insertion_order(rand):
    _, G, T = rand
    a = opportunities(G, T, k=30)
    pd.testing.assert_frame_equal(a, opportunities(G, T, k=30))
    G2, T2 = nx.Graph(), nx.Graph()
    G2.graph.update(G.graph)
    T2.graph.update(T.graph)
    G2.add_nodes_from(reversed(list(G.nodes(data=True))))
    G2.add_edges_from(reversed(list(G.edges(data=True))))
    T2.add_nodes_from(reversed(list(T.nodes(data=True))))
    T2.add_edges_from((v, u, d) for u, v, d in reversed(list(T.edges(data=True))))
    pd.testing.assert_frame_equal(a, opportunities(G2, T2, k=30))


def test_inputs_are_not_mutated(rand):
    net, G, T = rand
    before = (
        nx.node_link_data(G, edges="edges"),
        nx.node_link_data(T, edges="edges"),
        dict(G.graph),
    )
    opportunities(G, T, k=10, territory_coords=territory_coords(net), per_structure=True)
    pair_scores(G, T)
    assert nx.node_link_data(G, edges="edges") == before[0]
    assert nx.node_link_data(T, edges="edges") == before[1]
    assert dict(G.graph) == before[2]


def test_columns_and_bad_options(tiny):
    _, G, T = tiny
    df = opportunities(G, T, gap_pairs=[])
    assert tuple(df.columns) == opp.COLUMNS
    assert df["rank"].dtype == np.int64 and df["common_partners"].dtype == np.int64
    with pytest.raises(ValueError, match="proximity"):
        opportunities(G, T, proximity="jaccard")
    with pytest.raises(ValueError, match="lang"):
        opportunities(G, T, lang="de")
    with pytest.raises(ValueError, match="k must"):
        opportunities(G, T, k=0)


def test_empty_graphs():
    G, T = nx.Graph(), nx.Graph()
    df = opportunities(G, T)
    assert len(df) == 0 and tuple(df.columns) == opp.COLUMNS
    G.add_node("a", sector="x", territory="t")
    T.add_node("a", type="structure")
    assert len(opportunities(G, T)) == 0


def test_french_place_names():
    assert opp._in_place("Brest", "fr") == "le pays de Brest"
    assert opp._in_place("Auray", "fr") == "le pays d'Auray"
    assert opp._in_place("Vallons de Vilaine", "fr") == "le pays des Vallons de Vilaine"
    assert opp._in_place("Centre-Ouest Bretagne", "fr") == "le pays du Centre-Ouest Bretagne"
    assert opp._in_place("Pays de Morlaix", "fr") == "le pays de Morlaix"
    assert opp._in_place("Auray", "en") == "Auray"


@pytest.mark.benchmark
def test_bench_script_smoke(tmp_path):
    pytest.importorskip("ess_graph.demo")
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / "bench" / "bench_opportunities.py"
    spec = importlib.util.spec_from_file_location("bench_opportunities", path)
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    result = bench.child(120, networkx_max=120, repeat=1)
    assert set(result["times"]) >= {"one structure (k=20)", "networkx RA, all 2-hop pairs + top 20"}
    text = bench.markdown([result])
    assert "| all, resource allocation (k=20) |" in text


def test_weights(tiny):
    _, G, T = tiny
    gaps = [("brest", "culture", "insertion", "none")]
    # fit_weight = gap_weight = 0: score = p alone, and the gap-only pair s1–s5 (p = 0)
    # is no longer suggested. p: s1–s4, s2–s4, s3–s4 = 0.5; s1–s3, s2–s3 = 0.4.
    df = opportunities(G, T, k=50, gap_pairs=gaps, fit_weight=0, gap_weight=0)
    assert pairs_of(df) == [("s1", "s4"), ("s2", "s4"), ("s3", "s4"), ("s1", "s3"), ("s2", "s3")]
    assert df["score"].tolist() == pytest.approx([0.5, 0.5, 0.5, 0.4, 0.4])
    # fit_weight = 2: s2–s3 (fit 1 with the gap) scores 0.4 * 3 + 0.1 = 1.3.
    df = opportunities(G, T, k=50, gap_pairs=gaps, fit_weight=2)
    assert df.iloc[0][["source", "target"]].tolist() == ["s2", "s3"]
    assert df["score"].iloc[0] == pytest.approx(1.3)
    with pytest.raises(ValueError, match="weight"):
        opportunities(G, T, fit_weight=-1)


def test_weights_pruning_is_exact(rand, monkeypatch):
    net, G, T = rand
    coords = territory_coords(net)
    for fw, gw in ((0.0, 0.0), (3.0, 0.5)):
        full = pair_scores(G, T, territory_coords=coords, fit_weight=fw, gap_weight=gw)
        monkeypatch.setattr(opp, "CHUNK_NNZ", 200)  # many chunks: the bounds are used
        top = opportunities(G, T, k=15, territory_coords=coords, fit_weight=fw, gap_weight=gw)
        monkeypatch.undo()
        assert pairs_of(top) == list(zip(full["u"].head(15), full["v"].head(15), strict=True))


# ----------------------------------------------------------------------------------------
# Needs and offers (partnership survey), declared pairs
# ----------------------------------------------------------------------------------------
def with_survey(net, *, declared=()):
    """tiny_network with needs and offers: s3 needs a vehicle, s4 offers one; s1 needs
    premises, s5 offers some; s5 needs a vehicle too (but s4–s5 is a tie). `declared`:
    links (source, target) added with the status ``declared``."""
    net = copy.deepcopy(net)
    net.structures["needs"] = ["premises", "", "vehicle", "", "vehicle"]
    net.structures["offers"] = ["", "", "", "vehicle", "premises"]
    if declared:
        extra = net.links.iloc[: len(declared)].copy()
        extra["source"] = [a for a, _ in declared]
        extra["target"] = [b for _, b in declared]
        extra["kind"] = "pooling"
        extra["status"] = "declared"
        net.links = pd.concat([net.links, extra], ignore_index=True)
    return net


# With the survey (gap_pairs=[], coordinates), by hand from the scores above:
#   s3–s4: 0.625 + MATCH_WEIGHT (s3 needs a vehicle, s4 offers one) = 0.825, now first;
#   s1–s5 share nothing (p = 0), culture/insertion 0.5, same pays 1 -> fit 0.75, score
#          0 + 0.2 = 0.2: reachable only through the match, last;
#   the others keep their scores (s2–s3 0.7, s1–s4 0.625, s2–s4 0.625, s1–s3 0.6).
def test_resource_match_bonus_by_hand(tiny):
    net = with_survey(tiny[0])
    G, T = cooperation_graph(net), typed_graph(net)
    df = opportunities(G, T, k=50, territory_coords=territory_coords(net), gap_pairs=[])
    assert opp.MATCH_WEIGHT == 0.2
    assert pairs_of(df) == [
        ("s3", "s4"),
        ("s2", "s3"),
        ("s1", "s4"),
        ("s2", "s4"),
        ("s1", "s3"),
        ("s1", "s5"),
    ]
    assert df["score"].tolist() == pytest.approx([0.825, 0.7, 0.625, 0.625, 0.6, 0.2])
    assert df["matched_resources"].tolist() == ["vehicle", "", "", "", "", "premises"]
    first = df.iloc[0]
    assert "Culture Trois cherche un véhicule ; Sport Quatre en propose un" in first.reasons_fr
    assert "Culture Trois is looking for a vehicle ; Sport Quatre offers one" in first.reasons_en
    last = df.iloc[-1]
    assert last.proximity == 0 and last.common_partners == 0 and last.fit == pytest.approx(0.75)
    assert "Culture Un cherche des locaux ; Insertion Cinq en propose" in last.reasons_fr


def test_a_match_only_pair_is_found_for_one_structure_and_in_a_short_list(tiny):
    net = with_survey(tiny[0])
    G, T = cooperation_graph(net), typed_graph(net)
    coords = territory_coords(net)
    mine = opportunities(G, T, structure="s1", k=10, territory_coords=coords, gap_pairs=[])
    # s1: s1–s4 0.625, s1–s3 0.6, s1–s5 0.2 (the match); s1–s2 is a tie
    assert mine["target"].tolist() == ["s4", "s3", "s5"]
    assert mine["score"].tolist() == pytest.approx([0.625, 0.6, 0.2])
    top = opportunities(G, T, k=1, territory_coords=coords, gap_pairs=[])
    assert pairs_of(top) == [("s3", "s4")]


def test_without_match_weight_the_ranking_is_the_one_without_survey(tiny):
    net = with_survey(tiny[0])
    G, T = cooperation_graph(net), typed_graph(net)
    kwargs = {"k": 50, "territory_coords": territory_coords(net), "gap_pairs": []}
    plain = opportunities(*tiny[1:], **kwargs)
    df = opportunities(G, T, match_weight=0, **kwargs)
    # the match-only pair s1–s5 scores 0 and is not suggested; the others as before
    pd.testing.assert_frame_equal(
        df[["source", "target", "score"]], plain[["source", "target", "score"]]
    )
    assert (
        "cherche un véhicule" in df.set_index(["source", "target"]).loc[("s3", "s4"), "reasons_fr"]
    )
    with pytest.raises(ValueError, match="match_weight"):
        opportunities(G, T, match_weight=-1)


@pytest.mark.parametrize("rule", ["confirmed", "union", "reciprocated"])
def test_a_declared_pair_is_never_suggested_whatever_the_rule(tiny, rule):
    # s3 declared s4 (one side only): a link to confirm, not a partnership to suggest,
    # even with the best score; s2 -> s3 and s3 -> s2 (both ways) too.
    net = with_survey(tiny[0], declared=[("s3", "s4"), ("s2", "s3"), ("s3", "s2")])
    G, T = cooperation_graph(net, ties=rule), typed_graph(net, ties=rule)
    df = opportunities(G, T, k=50, territory_coords=territory_coords(net), gap_pairs=[])
    assert ("s3", "s4") not in pairs_of(df) and ("s2", "s3") not in pairs_of(df)
    scored = set(zip(*(pair_scores(G, T, gap_pairs=[])[c] for c in ("u", "v")), strict=True))
    assert not {("s3", "s4"), ("s2", "s3")} & scored


def test_match_pruning_is_exact_on_a_random_survey(rand, monkeypatch):
    net, _, _ = rand
    net = copy.deepcopy(net)
    rng = np.random.default_rng(5)
    codes = list(opp.RESOURCES)
    pick = lambda: "|".join(sorted(set(rng.choice(codes, rng.integers(0, 3)))))  # noqa: E731
    net.structures["needs"] = [
        pick() if rng.random() < 0.3 else "" for _ in range(len(net.structures))
    ]
    net.structures["offers"] = [
        pick() if rng.random() < 0.3 else "" for _ in range(len(net.structures))
    ]
    G, T = cooperation_graph(net), typed_graph(net)
    coords = territory_coords(net)
    full = pair_scores(G, T, territory_coords=coords)
    full = full.sort_values(["score", "u", "v"], ascending=[False, True, True])
    monkeypatch.setattr(opp, "CHUNK_NNZ", 200)  # many chunks: the bounds are used
    for k in (5, 40, 400):
        top = opportunities(G, T, k=k, territory_coords=coords)
        assert pairs_of(top) == list(zip(full["u"].head(k), full["v"].head(k), strict=True))
        assert top["score"].to_numpy() == pytest.approx(full["score"].head(k).to_numpy())
    # per structure: the same as one structure at a time
    df = opportunities(G, T, k=3, per_structure=True, territory="t1", territory_coords=coords)
    for source, group in df.groupby("source", sort=False):
        alone = opportunities(G, T, structure=source, k=3, territory_coords=coords)
        assert group["target"].tolist() == alone["target"].tolist()


def test_resource_matches_table(tiny):
    net = with_survey(tiny[0], declared=[("s3", "s4")])
    G = cooperation_graph(net)
    table = opp.resource_matches(G, lang="en")
    assert tuple(table.columns) == opp.MATCH_COLUMNS
    assert table[["needing", "offering", "resource", "tied", "declared"]].values.tolist() == [
        ["s1", "s5", "premises", False, False],
        ["s3", "s4", "vehicle", False, True],
        ["s5", "s4", "vehicle", True, False],  # s4–s5 is a tie: never a suggestion
    ]
    assert table["resource_label"].tolist() == ["premises", "vehicle", "vehicle"]
    assert opp.resource_matches(tiny[1]).empty  # no survey columns, no match


def test_resource_counts_by_sector(tiny):
    # with_survey: needs s1 premises (culture), s3 vehicle (culture), s5 vehicle
    # (insertion); offers s4 vehicle (sport), s5 premises (insertion).
    G = cooperation_graph(with_survey(tiny[0]))
    table = opp.resource_counts(G, lang="en")
    assert tuple(table.columns) == opp.RESOURCE_COUNT_COLUMNS
    assert table[["resource", "sector", "needs", "offers"]].values.tolist() == [
        ["premises", "culture", 1, 0],  # s1
        ["premises", "insertion", 0, 1],  # s5
        ["vehicle", "culture", 1, 0],  # s3
        ["vehicle", "insertion", 1, 0],  # s5
        ["vehicle", "sport", 0, 1],  # s4
    ]
    assert table["resource_label"].tolist()[:1] == ["premises"]
    # Brest only (s4 is in Morlaix): its offer of a vehicle goes; unknown ids are ignored.
    brest = opp.resource_counts(G, structures=["s1", "s2", "s3", "s5", "nobody"])
    assert brest[["resource", "sector", "needs", "offers"]].values.tolist() == [
        ["premises", "culture", 1, 0],
        ["premises", "insertion", 0, 1],
        ["vehicle", "culture", 1, 0],
        ["vehicle", "insertion", 1, 0],
    ]
    assert brest["resource_label"].tolist()[0] == "locaux"
    assert opp.resource_counts(tiny[1]).empty  # no survey columns


def test_sector_names_keep_their_case_in_the_reasons():
    # Zachary's karate club, its two factions written as sectors « Mr. Hi » and
    # « Officer » (tests/data/real/karate): the reasons name them as written.
    from pathlib import Path

    from ess_graph.io.read import read_network

    net = read_network(str(Path(__file__).resolve().parents[1] / "data" / "real" / "karate"))
    net = net[0] if isinstance(net, tuple) else net
    G, T = cooperation_graph(net), typed_graph(net)
    df = opportunities(G, T, k=100, lang="en")
    text = " ".join(df["reasons_en"]) + " ".join(df["reasons_fr"])
    assert "Mr. Hi" in text and "mr. Hi" not in text
    assert (
        "different sectors: Mr. Hi and Officer" in text
        or "different sectors: Officer and Mr. Hi" in text
    )


@pytest.mark.parametrize("focus", [{}, {"territory": "t1"}, {"structure": "s0003"}])
def test_both_rankings_in_one_pass_are_the_two_calls(focus):
    # Oracle: `opportunities` called once per ranking with the same arguments.
    net = random_network(80, seed=3)
    G, T = cooperation_graph(net), typed_graph(net)
    coords = territory_coords(net)
    both = opp.opportunities_in_rankings(G, T, k=15, territory_coords=coords, **focus)
    separate = pd.concat(
        [
            opportunities(G, T, k=15, territory_coords=coords, ranking=r, **focus)
            for r in ("probable", "strategic")
        ],
        ignore_index=True,
    )
    pd.testing.assert_frame_equal(both, separate)
    with pytest.raises(ValueError, match="ranking must be one of"):
        opp.opportunities_in_rankings(G, T, rankings=("likely",))


@pytest.mark.parametrize("proximity", ["resource_allocation", "adamic_adar"])
def test_pairs_sharing_nothing_keep_their_zero_proximity(proximity):
    # Review finding: a gap-only pair is in no sparse product; the last structure by id
    # with no neighbour made the exact-tie keys read past the end (IndexError).
    G = nx.Graph()
    for n in "abcde":
        G.add_node(n, sector="x" if n in "ab" else "y", territory="t1")
    G.add_edges_from([("a", "b"), ("b", "c")])
    scores = pair_scores(G, G, gap_pairs=[("t1", "x", "y", "none")], proximity=proximity)
    by_pair = dict(
        zip(zip(scores["u"], scores["v"], strict=True), scores["proximity"], strict=True)
    )
    assert by_pair[("a", "e")] == 0.0 and by_pair[("b", "e")] == 0.0
    assert by_pair[("a", "c")] > 0  # they share b
