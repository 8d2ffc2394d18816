"""Tests of ess_graph.analysis.gaps.

Expected values are worked out by hand on the ``seven`` and ``two_cliques`` graphs drawn
in conftest.py, or come from a plain networkx loop over each territory's subgraph.
"""

from __future__ import annotations

import copy
import math
import random
from itertools import combinations

import networkx as nx
import pandas as pd
import pytest

from ess_graph import i18n
from ess_graph.analysis.gaps import (
    GAP_COLUMNS,
    GAP_TYPES,
    absent_sectors,
    disconnected_members,
    gaps,
    isolates,
    sector_pair_gaps,
    structures_without_cross_sector_tie,
)


def pairs_dict(frame: pd.DataFrame) -> dict[tuple[str, str, str], tuple]:
    return {
        (r.scope, r.sector_a, r.sector_b): (
            r.structures_a,
            r.structures_b,
            r.observed,
            r.expected,
            r.ratio,
            r.gap,
        )
        for r in frame.itertuples(index=False)
    }


def assert_pairs(got: dict, hand: dict) -> None:
    """Same pairs, same figures, and in the order of how telling they are: per scope, the
    most ties that did not happen (expected − observed) first, then the largest pair of
    sectors, then the sectors' ids (issue 13)."""

    def telling(key):
        na, nb, obs, exp = hand[key][:4]
        return (key[0], -round(exp - obs, 12), -na * nb, key[1], key[2])

    assert list(got) == sorted(hand, key=telling)
    for key, (sa, sb, obs, exp, ratio, gap) in hand.items():
        g = got[key]
        assert g[:3] == (sa, sb, obs), key
        assert g[3] == pytest.approx(exp), key
        assert g[4] == pytest.approx(ratio, nan_ok=True), key
        assert g[5] == gap, key


# Sector pairs -------------------------------------------------------------------------
def test_sector_pairs_by_territory_by_hand(seven):
    # With the default min_structures = 2 no territory has two sectors of 2+ structures
    # (T1: culture 3, sport 1; T2: one structure per sector).
    assert sector_pair_gaps(seven).empty
    # min_structures = 1, every pair:
    # T1 = {s1, s2, s3, s4}, ties inside: s1-s2, s1-s3, s2-s3, s3-s4 (m_H = 4); degrees
    #   inside: s1 2, s2 2, s3 3, s4 1 -> D_culture = 7, D_sport = 1;
    #   culture-sport: observed 1 (s3-s4), expected 7·1/8 = 0.875, ratio 8/7.
    # T2 = {s5, s6, s7}, tie inside: s5-s6 (m_H = 1; s4-s5 leaves T2); degrees inside
    #   s5 1, s6 1, s7 0 -> D_culture = 0, D_insertion = 1, D_sport = 1;
    #   culture-insertion, culture-sport: observed 0, expected 0 -> "none", ratio NaN;
    #   insertion-sport: observed 1, expected 1·1/2 = 0.5, ratio 2.
    got = pairs_dict(sector_pair_gaps(seven, min_structures=1, all_pairs=True))
    hand = {
        ("T1", "culture", "sport"): (3, 1, 1, 0.875, 8 / 7, ""),
        ("T2", "culture", "insertion"): (1, 1, 0, 0.0, math.nan, "none"),
        ("T2", "culture", "sport"): (1, 1, 0, 0.0, math.nan, "none"),
        ("T2", "insertion", "sport"): (1, 1, 1, 0.5, 2.0, ""),
    }
    assert_pairs(got, hand)
    only_gaps = pairs_dict(sector_pair_gaps(seven, min_structures=1))
    assert list(only_gaps) == [("T2", "culture", "insertion"), ("T2", "culture", "sport")]


def test_sector_pairs_by_pole_by_hand(seven):
    # P1 = {s1, s2, s4}: tie inside s1-s2 (m_H = 1), D_culture = 2, D_sport = 0:
    #   culture-sport observed 0, expected 0 -> "none".
    # P2 = {s5, s6}: tie s5-s6, D_insertion = D_sport = 1: expected 1/2, ratio 2.
    got = pairs_dict(sector_pair_gaps(seven, by="pole", min_structures=1, all_pairs=True))
    hand = {
        ("P1", "culture", "sport"): (2, 1, 0, 0.0, math.nan, "none"),
        ("P2", "insertion", "sport"): (1, 1, 1, 0.5, 2.0, ""),
    }
    assert_pairs(got, hand)


def test_weak_pair_by_hand(two_cliques):
    # Two K4 joined by a1-b1: m = 13, D_culture = 4+3+3+3 = 13 = D_sport;
    # expected culture-sport = 13·13/26 = 6.5, observed 1, ratio 2/13 ≈ 0.154 < 0.25.
    for by, scope in (("territory", "T"), ("pole", "P")):
        got = pairs_dict(sector_pair_gaps(two_cliques, by=by))
        assert_pairs(got, {(scope, "culture", "sport"): (4, 4, 1, 6.5, 2 / 13, "weak")})
    # Below a threshold of 0.1 the pair is no gap any more.
    assert sector_pair_gaps(two_cliques, ratio_threshold=0.1).empty
    kept = sector_pair_gaps(two_cliques, ratio_threshold=0.1, all_pairs=True)
    assert kept["gap"].tolist() == [""]


def test_sector_pairs_match_a_networkx_loop():
    # Oracle: for each territory, the induced subgraph from networkx, its degrees and
    # tie counts, pair by pair.
    rng = random.Random(3)
    G = nx.gnp_random_graph(90, 0.06, seed=3)
    for v in G:
        G.nodes[v].update(
            sector=rng.choice(["culture", "sport", "insertion", "social", ""]),
            territory=rng.choice(["T1", "T2", "T3", ""]),
            pole="",
            name=str(v),
            family="association",
        )
    ours = pairs_dict(sector_pair_gaps(G, all_pairs=True, ratio_threshold=0.5))
    hand = {}
    for scope in ["T1", "T2", "T3"]:
        H = G.subgraph(v for v in G if G.nodes[v]["territory"] == scope)
        members: dict[str, list] = {}
        for v in H:
            if H.nodes[v]["sector"]:
                members.setdefault(H.nodes[v]["sector"], []).append(v)
        eligible = sorted(s for s, vs in members.items() if len(vs) >= 2)
        m = H.number_of_edges()
        for a, b in combinations(eligible, 2):
            observed = sum(
                {H.nodes[u]["sector"], H.nodes[v]["sector"]} == {a, b} for u, v in H.edges()
            )
            d_a = sum(H.degree(v) for v in members[a])
            d_b = sum(H.degree(v) for v in members[b])
            expected = d_a * d_b / (2 * m) if m else 0.0
            ratio = observed / expected if expected else math.nan
            gap = "none" if observed == 0 else ("weak" if ratio < 0.5 else "")
            hand[(scope, a, b)] = (len(members[a]), len(members[b]), observed, expected, ratio, gap)
    assert len(hand) > 10
    assert_pairs(ours, hand)


def test_sector_pairs_rejects_unknown_scope(seven):
    with pytest.raises(ValueError, match="by"):
        sector_pair_gaps(seven, by="department")


# Pôles and structures -----------------------------------------------------------------
def test_absent_sectors_by_hand(seven):
    # P1 (T1): T1 has culture (s1, s2, s3) and sport (s4); members s1, s2, s4 cover both.
    # P2 (T2): T2 has culture (s7), insertion (s6), sport (s5); members s5, s6 -> culture
    # is missing, with 1 structure in T2. P3 (T3): no structure in T3.
    frame = absent_sectors(seven)
    assert list(frame.columns) == ["pole", "territory", "sector", "structures_in_territory"]
    assert frame.to_dict("records") == [
        {"pole": "P2", "territory": "T2", "sector": "culture", "structures_in_territory": 1}
    ]
    assert absent_sectors(seven, min_structures=2).empty


def test_structure_lists_by_hand(seven):
    # s1 and s2 are tied only to culture structures; s3..s6 each have a cross-sector
    # tie; s7 is an isolate. In P1 = {s1, s2, s4}, s4 has no tie to s1 or s2; in
    # P2 = {s5, s6} the two are tied.
    no_cross = structures_without_cross_sector_tie(seven)
    assert list(no_cross.columns) == ["id", "name", "sector", "territory", "pole", "degree"]
    assert no_cross[["id", "degree"]].values.tolist() == [["s1", 2], ["s2", 2]]
    alone = isolates(seven)
    assert alone.to_dict("records") == [
        {
            "id": "s7",
            "name": "Structure s7",
            "sector": "culture",
            "territory": "T2",
            "pole": "",
            "degree": 0,
        }
    ]
    members = disconnected_members(seven)
    assert list(members.columns) == ["pole", "id", "name", "sector", "degree"]
    assert members.values.tolist() == [["P1", "s4", "Structure s4", "sport", 2]]


def test_single_member_pole_is_not_a_disconnected_member():
    G = nx.Graph([("a", "b")])
    G.add_node("a", pole="P", sector="culture", name="A")
    G.add_node("b", pole="", sector="culture", name="B")
    assert disconnected_members(G).empty


def test_structure_without_sector_is_not_listed_for_cross_sector_ties():
    G = nx.Graph([("a", "b")])
    G.add_node("a", sector="", name="A")
    G.add_node("b", sector="culture", name="B")
    # a's sector is unknown: left out; b's only partner has no known sector: listed.
    assert structures_without_cross_sector_tie(G)["id"].tolist() == ["b"]


# The combined table -------------------------------------------------------------------
def test_gaps_whole_network_by_hand(seven):
    frame = gaps(seven)
    assert list(frame.columns) == GAP_COLUMNS
    rows = frame[["scope_type", "scope", "gap_type", "sector_a", "structure"]].values.tolist()
    assert rows == [
        ["pole", "P1", "member_without_member_tie", "sport", "s4"],
        ["pole", "P2", "sector_absent_from_pole", "culture", ""],
        ["territory", "T1", "no_cross_sector_tie", "culture", "s1"],
        ["territory", "T1", "no_cross_sector_tie", "culture", "s2"],
        ["territory", "T2", "isolate", "culture", "s7"],
    ]
    assert frame["observed"].isna().all() and frame["expected"].isna().all()
    details = dict(zip(frame["structure"] + frame["gap_type"], frame["detail"], strict=True))
    assert details["s7isolate"] == (
        "Structure s7 (Culture) n'a aucun lien de coopération avec une autre structure."
    )
    assert details["sector_absent_from_pole"] == (
        "Le secteur Culture compte 1 structure dans le territoire Pays T2 "
        "mais aucune parmi les membres du pôle Pôle Deux."
    )
    english = gaps(seven, lang="en")
    assert english["detail"].iloc[0] == (
        "Structure s4 is a member of the pôle Pôle Un with no tie to another of its "
        "members (2 ties outside)."
    )


def test_gaps_filtered_by_pole_and_territory(seven):
    # P1: its members s1, s2 have no cross-sector tie; s4 has no tie to another member.
    p1 = gaps(seven, scope_type="pole", scope="P1")
    assert p1[["scope_type", "scope", "gap_type", "structure"]].values.tolist() == [
        ["pole", "P1", "no_cross_sector_tie", "s1"],
        ["pole", "P1", "no_cross_sector_tie", "s2"],
        ["pole", "P1", "member_without_member_tie", "s4"],
    ]
    # T2: the pôle located there (P2) misses culture; s7 lives in T2 and is isolated.
    t2 = gaps(seven, scope_type="territory", scope="T2")
    assert t2[["scope_type", "scope", "gap_type", "structure"]].values.tolist() == [
        ["pole", "P2", "sector_absent_from_pole", ""],
        ["territory", "T2", "isolate", "s7"],
    ]
    # With min_structures = 1 the two "none" pairs of T2 appear (expected 0 each).
    t2_all = gaps(seven, scope_type="territory", scope="T2", min_structures=1)
    pairs = t2_all[t2_all["gap_type"] == "sector_pair_none"]
    assert pairs[["sector_a", "sector_b", "observed", "expected"]].values.tolist() == [
        ["culture", "insertion", 0.0, 0.0],
        ["culture", "sport", 0.0, 0.0],
    ]
    # s7 (culture) has no tie inside T2, hence 0 expected: the sentence says so.
    assert pairs["detail"].iloc[0] == (
        "Aucun lien entre Culture (1 structure) et Insertion (1 structure) dans le "
        "territoire Pays T2 ; l'un des deux secteurs n'y a aucun lien local."
    )
    # Every territory, territory rows only.
    only_territories = gaps(seven, scope_type="territory")
    assert set(only_territories["scope_type"]) == {"territory"}
    assert only_territories["structure"].tolist() == ["s1", "s2", "s7"]


def test_gaps_weak_pair_detail(two_cliques):
    # Two K4: the pair is weak in territory T and in pôle P (6.5 expected, ratio 2/13);
    # a2..a4 and b2..b4 have no cross-sector tie (a1-b1 is the only one).
    frame = gaps(two_cliques)
    weak = frame[frame["gap_type"] == "sector_pair_weak"]
    assert weak[["scope_type", "scope", "observed", "expected"]].values.tolist() == [
        ["pole", "P", 1.0, 6.5],
        ["territory", "T", 1.0, 6.5],
    ]
    assert weak["detail"].iloc[1] == (
        "Seulement 1 lien entre Culture (4 structures) et Sport (4 structures) dans le "
        "territoire Pays T ; si les structures coopéraient sans regarder le secteur, on en "
        "compterait environ 6,5."
    )
    assert weak["missing"].tolist() == [5.5, 5.5]
    english = gaps(two_cliques, lang="en", scope_type="territory", scope="T")
    assert english["detail"].iloc[0] == (
        "Only 1 tie between Culture (4 structures) and Sport (4 structures) in the "
        "territory Pays T; if the structures cooperated without regard to sector, there "
        "would be about 6.5."
    )
    no_cross = frame[frame["gap_type"] == "no_cross_sector_tie"]["structure"].tolist()
    assert no_cross == ["a2", "a3", "a4", "b2", "b3", "b4"]


def test_none_pair_with_expected_ties(two_cliques):
    # Without the bridge a1-b1: two K4, m = 12, D_culture = D_sport = 12, expected
    # culture-sport = 12·12/24 = 6, observed 0.
    G = two_cliques.copy()
    G.remove_edge("a1", "b1")
    frame = gaps(G, scope_type="territory", scope="T")
    none = frame[frame["gap_type"] == "sector_pair_none"]
    assert none[["observed", "expected"]].values.tolist() == [[0.0, 6.0]]
    assert none["detail"].iloc[0] == (
        "Aucun lien entre Culture (4 structures) et Sport (4 structures) dans le territoire "
        "Pays T ; si les structures coopéraient sans regarder le secteur, on compterait "
        "environ 6 liens."
    )


def test_gap_sentences_agree_with_their_counts(seven):
    # Without s1-s2, s3-s4 and s4-s5: s1 keeps one tie (to s3, culture like it) and none
    # to the other members of P1 (s2, s4); s4 has no tie at all. French: 0 and 1 singular.
    G = seven.copy()
    G.remove_edges_from([("s1", "s2"), ("s3", "s4"), ("s4", "s5")])
    frame = gaps(G, scope_type="pole", scope="P1")
    details = dict(zip(frame["structure"] + " " + frame["gap_type"], frame["detail"], strict=True))
    assert details["s1 no_cross_sector_tie"] == (
        "Structure s1 (Culture) a 1 lien, avec une structure de son propre secteur."
    )
    assert details["s1 member_without_member_tie"].endswith("(1 lien en dehors).")
    assert details["s4 member_without_member_tie"].endswith("(0 lien en dehors).")
    english = gaps(G, scope_type="pole", scope="P1", lang="en")
    details = dict(
        zip(english["structure"] + " " + english["gap_type"], english["detail"], strict=True)
    )
    assert details["s1 no_cross_sector_tie"] == (
        "Structure s1 (Culture) has 1 tie, with a structure of its own sector."
    )
    assert details["s4 member_without_member_tie"].endswith("(0 ties outside).")


def test_gaps_rejects_bad_scope(seven):
    with pytest.raises(ValueError):
        gaps(seven, scope_type="department")
    with pytest.raises(ValueError):
        gaps(seven, scope="T1")


def test_every_gap_type_has_texts_in_both_languages():
    for gap_type in GAP_TYPES:
        key = f"gaps.{gap_type}"
        if not i18n.has(key):  # a sentence that holds a count: singular and plural
            key += ".many"
            assert i18n.has(key.replace(".many", ".one"))
        assert i18n.has(key)
        assert i18n.t(key, "fr") != i18n.t(key, "en")


def test_empty_graph_gives_empty_tables():
    G = nx.Graph()
    assert gaps(G).empty
    assert list(gaps(G).columns) == GAP_COLUMNS
    assert sector_pair_gaps(G).empty
    assert absent_sectors(G).empty
    assert isolates(G).empty


def test_functions_do_not_mutate_the_graph(seven):
    before = (
        copy.deepcopy(dict(seven.graph)),
        sorted((n, sorted(d.items())) for n, d in seven.nodes(data=True)),
        sorted((u, v, sorted(d.items())) for u, v, d in seven.edges(data=True)),
    )
    gaps(seven)
    gaps(seven, scope_type="pole", scope="P2", min_structures=1)
    after = (
        copy.deepcopy(dict(seven.graph)),
        sorted((n, sorted(d.items())) for n, d in seven.nodes(data=True)),
        sorted((u, v, sorted(d.items())) for u, v, d in seven.edges(data=True)),
    )
    assert after == before


def test_graph_from_tables_gives_the_same_gaps(seven, seven_from_tables):
    # Through Network + cooperation_graph the names of sectors and territories are the
    # ids themselves (no sectors/territories tables), so compare all but the sentences.
    cols = [c for c in GAP_COLUMNS if c != "detail"]
    pd.testing.assert_frame_equal(
        gaps(seven, min_structures=1)[cols], gaps(seven_from_tables, min_structures=1)[cols]
    )


def test_gaps_put_the_most_telling_sector_pairs_first():
    # The demo network: within every scope and gap type, the sector pairs come with the
    # most ties that did not happen first, then the largest pair of sectors (issue 13).
    from pathlib import Path

    from ess_graph.io.read import read_network
    from ess_graph.network import cooperation_graph

    net = read_network(str(Path(__file__).resolve().parents[2] / "data" / "demo"))
    G = cooperation_graph(net[0] if isinstance(net, tuple) else net)
    frame = gaps(G)
    pairs = frame[frame["gap_type"].str.startswith("sector_pair")]
    assert len(pairs) > 20
    pd.testing.assert_series_equal(
        pairs["missing"], pairs["expected"] - pairs["observed"], check_names=False
    )
    sizes = {
        (r.scope, r.sector_a, r.sector_b): r.structures_a * r.structures_b
        for kind in ("territory", "pole")
        for r in sector_pair_gaps(G, by=kind).itertuples()
    }
    for _, group in pairs.groupby(["scope_type", "scope", "gap_type"], sort=False):
        keys = [
            (-round(m, 12), -sizes[(s, a, b)])
            for m, s, a, b in zip(
                group["missing"], group["scope"], group["sector_a"], group["sector_b"], strict=True
            )
        ]
        assert keys == sorted(keys)
    assert frame.loc[frame["gap_type"] != "sector_pair_none", "detail"].str.len().gt(0).all()
