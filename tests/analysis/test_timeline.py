"""Tests of ess_graph.analysis.timeline (issue 13: the network over time). Expected values
are hand computations on a made-up network whose answer is known (drawn below)."""

from __future__ import annotations

import math

import networkx as nx
import pandas as pd
import pytest

from ess_graph.analysis.timeline import (
    EFFECT_COLUMNS,
    TIMELINE_COLUMNS,
    pole_creation_effects,
    timeline,
)


@pytest.fixture()
def three_pays():
    """Three territories of four structures (two culture, two sport); a pôle created in
    A in 2005, none in B or C.

    Cross-sector ties inside each territory (window 2: before 2003–2004, after 2006–2007):
      A: a1–a2 2003 | a1–a4 2006, a3–a2 2006, a3–a4 2007
      B: b1–b2 2004 | b3–b4 2007
      C: —          | c1–c2 2006
    Ties that must not count in the rates: a1–a3 2006 and a2–a4 2005 (same sector; 2005
    is the creation year anyway), a1–b2 2006 (two territories), c3–c4 (no year), b1–b4
    2001 (before the window).
    """
    G = nx.Graph(
        poles={"pa": {"name": "Pôle A", "territory": "A", "status": "created", "created": 2005}}
    )
    for t in "abc":
        for i in (1, 2, 3, 4):
            G.add_node(f"{t}{i}", territory=t.upper(), sector="culture" if i % 2 else "sport")
    dated = [
        ("a1", "a2", 2003), ("a1", "a4", 2006), ("a3", "a2", 2006), ("a3", "a4", 2007),
        ("b1", "b2", 2004), ("b3", "b4", 2007), ("c1", "c2", 2006),
        ("a1", "a3", 2006), ("a2", "a4", 2005), ("a1", "b2", 2006), ("b1", "b4", 2001),
    ]  # fmt: skip
    for u, v, year in dated:
        G.add_edge(u, v, since=year)
    G.add_edge("c3", "c4")
    return G


def test_before_after_and_difference_by_hand(three_pays):
    # A: before 1 tie / (4 structures x 2 years) = 12.5 per 100 per year; after 3 / 8 =
    # 37.5; change +25. Control B and C pooled (8 structures): before 1 / 16 = 6.25,
    # after 2 / 16 = 12.5, change +6.25. Difference 25 - 6.25 = 18.75.
    # Placebos: B against C: (0) - (12.5) = -12.5; C against B: 12.5 - 0 = 12.5. Neither
    # is as far from 0 as 18.75: p = 1 / 3.
    df = pole_creation_effects(three_pays, window=2)
    assert tuple(df.columns) == EFFECT_COLUMNS
    (row,) = df.itertuples(index=False)
    assert (row.pole, row.territory, row.created) == ("pa", "A", 2005)
    assert (row.years_before, row.years_after) == ("2003–2004", "2006–2007")
    assert (row.formed_before, row.formed_after, row.structures) == (1, 3, 4)
    assert (row.rate_before, row.rate_after, row.change) == pytest.approx((12.5, 37.5, 25.0))
    assert row.control_territories == "B|C"
    assert (row.control_rate_before, row.control_rate_after) == pytest.approx((6.25, 12.5))
    assert row.control_change == pytest.approx(6.25)
    assert row.difference == pytest.approx(18.75)
    assert (row.placebo_low, row.placebo_high) == pytest.approx((-12.5, 12.5))
    assert row.p_value == pytest.approx(1 / 3)


def test_a_territory_whose_pole_came_within_the_window_is_no_control(three_pays):
    G = three_pays.copy()
    G.graph["poles"] = dict(G.graph["poles"])
    G.graph["poles"]["pc"] = {
        "name": "Pôle C",
        "territory": "C",
        "status": "created",
        "created": 2007,
    }
    by_pole = pole_creation_effects(G, window=2).set_index("pole")
    assert by_pole.loc["pa", "control_territories"] == "B"  # C's pôle came in 2007
    # one control only: no placebo to compare with
    assert math.isnan(by_pole.loc["pa", "p_value"])
    # C (created 2007): its window after (2008–2009) lies beyond the last dated tie (2007):
    # no data is not "no tie formed", so its figures are unknown
    assert pd.isna(by_pole.loc["pc", "formed_before"]) and pd.isna(
        by_pole.loc["pc", "formed_after"]
    )
    for column in ("rate_before", "rate_after", "difference", "p_value"):
        assert math.isnan(by_pole.loc["pc", column]), column
    assert by_pole.loc["pc", "control_territories"] == ""


def test_timeline_by_hand(three_pays):
    df = timeline(three_pays)
    assert tuple(df.columns) == TIMELINE_COLUMNS
    region = df[df["scope_type"] == "region"].set_index("year")
    assert list(region.index) == list(range(2001, 2008))
    # 2006: a1–a4, a3–a2, c1–c2 (cross), a1–a3 (same), a1–b2 (cross, two territories)
    assert region.loc[2006, "ties_formed"] == 5
    assert region.loc[2006, "cross_sector_formed"] == 4
    # up to 2006: every dated tie but a3–a4 and b3–b4 (2007): 9 ties, of which a1–a3 and
    # a2–a4 join one sector (b1–b4 is culture–sport): 7 cross-sector of 9
    assert region.loc[2006, "ties"] == 9
    assert region.loc[2006, "cross_sector_share"] == pytest.approx(7 / 9)
    assert region.loc[2006, "ei_sector"] == pytest.approx((7 - 2) / 9)
    assert region.loc[2006, "density"] == pytest.approx(9 / (12 * 11 / 2))
    assert region.loc[2006, "undated_ties"] == 1
    # isolates in 2006: c3 and c4 (their tie has no year), b3 (b3–b4 is 2007)
    assert region.loc[2006, "isolates"] == 3
    a = df[(df["scope_type"] == "territory") & (df["scope"] == "A")].set_index("year")
    # A's own network: a1–a2 2003, a2–a4 2005, a1–a4 a3–a2 a1–a3 2006, a3–a4 2007
    assert a.loc[2005, "ties"] == 2 and a.loc[2007, "ties"] == 6
    assert a.loc[2007, "cross_sector_ties"] == 4
    assert a.loc[2004, "isolates"] == 2


def test_no_dated_tie_gives_an_empty_timeline():
    G = nx.Graph()
    G.add_edge("a", "b")
    assert timeline(G).empty
    assert pole_creation_effects(G).empty


def test_the_mean_over_poles_and_its_placebo_band(three_pays):
    # Two pôles created in 2005, in A and in B (hand figures as above). A placebo needs two
    # control territories, so D is added: four structures, no tie. Controls of A and of
    # B: C and D.
    G = three_pays.copy()
    G.graph["poles"] = {
        "pa": {"territory": "A", "created": 2005},
        "pb": {"territory": "B", "created": 2005},
    }
    for i in (1, 2, 3, 4):
        G.add_node(f"d{i}", territory="D", sector="culture" if i % 2 else "sport")
    df = pole_creation_effects(G, window=2, n_draws=2000, seed=1).set_index("pole")
    # A: change +25; controls C, D pooled: before 0, after 1 / 16 -> 6.25; diff 18.75.
    # B: change 0 (12.5 -> 12.5); diff -6.25. Mean 6.25.
    assert df.loc["pa", "difference"] == pytest.approx(18.75)
    assert df.loc["pb", "difference"] == pytest.approx(-6.25)
    everything = df.loc["__all__"]
    assert everything["difference"] == pytest.approx(6.25)
    # Placebos of each pôle: C against D: 12.5 - 0 = 12.5; D against C: 0 - 12.5 = -12.5;
    # the mean of one per pôle is -12.5, 0 or 12.5 (1/4, 1/2, 1/4): the band is [-12.5, 12.5]
    assert (everything["placebo_low"], everything["placebo_high"]) == pytest.approx((-12.5, 12.5))
    # |mean placebo| >= 6.25 about half the time
    assert 0.4 < everything["p_value"] < 0.6


def test_timeline_matches_a_plain_networkx_replay():
    # Oracle: for each year, the subgraph of the ties dated that year or before, counted
    # with networkx, on a generated network (600 structures, years 1995-2009).
    from ess_graph.demo import generate_network
    from ess_graph.network import cooperation_graph

    G = cooperation_graph(generate_network(600, seed=5))
    df = timeline(G)
    for scope in ("", "brest"):
        members = [n for n in G if not scope or G.nodes[n]["territory"] == scope]
        H = G.subgraph(members)
        rows = df[df["scope"] == scope].set_index("year")
        for year in (1999, 2004, 2009):
            upto = [
                (u, v)
                for u, v, d in H.edges(data=True)
                if d.get("since") is not None and d["since"] <= year
            ]
            sectors = [(H.nodes[u]["sector"], H.nodes[v]["sector"]) for u, v in upto]
            cross = sum(1 for a, b in sectors if a and b and a != b)
            known = sum(1 for a, b in sectors if a and b)
            F = nx.Graph(upto)
            F.add_nodes_from(members)
            row = rows.loc[year]
            assert row["ties"] == len(upto)
            assert row["ties_formed"] == sum(1 for u, v in upto if H.edges[u, v]["since"] == year)
            assert row["cross_sector_ties"] == cross and row["sector_known_ties"] == known
            assert row["isolates"] == sum(1 for n in F if F.degree(n) == 0)
            assert row["density"] == pytest.approx(nx.density(F))


def test_a_pole_created_without_a_year_is_no_control(three_pays):
    # B's pôle is created, its year unknown: B is no territory "without a pôle"
    G = three_pays.copy()
    G.graph["poles"] = {
        **G.graph["poles"],
        "pb": {"name": "Pôle B", "territory": "B", "status": "created", "created": None},
    }
    (row,) = pole_creation_effects(G, window=2).itertuples(index=False)
    assert row.control_territories == "C"
    # C alone: before 0, after 1 / (4 x 2) = 12.5; A's change 25 -> difference 12.5
    assert row.difference == pytest.approx(12.5)
