"""The follow-up figures on the hand campaign (survey_fixtures.HAND), counted by hand.

Declarations of the submitted answers (d's draft does not count, f did not answer):

    a → b, a → c, b → a, b → d, c → e, e → a          (6 declarations)
    a → « Ti Récup », e → « ti recup » (one partner), e → « Atelier Vélo »

Declared ties (unordered pairs with at least one declaration):

    {a, b}  a → b and b → a                 reciprocated
    {a, c}  a → c; c answered               one-sided, other answered
    {a, e}  e → a; a answered               one-sided, other answered
    {c, e}  c → e; e answered               one-sided, other answered
    {b, d}  b → d; d did not submit         one-sided, other silent

R = 1 reciprocated, S = 4 one-sided: reciprocity rate R / (R + S) = 1/5; the arc-based
rate of networkx is 2R / (2R + S) = 2/6.
"""

from __future__ import annotations

import math

import networkx as nx
import pandas as pd
import pytest
from survey_fixtures import answer_by_hand, make_workspace, open_six, partner

from ess_graph.survey import campaigns as sc
from ess_graph.survey import follow as sf
from ess_graph.workspace.store import WorkspaceError


@pytest.fixture
def hand(six_ws):
    answer_by_hand(six_ws)
    return six_ws


def data(ws):
    return sf.campaign_data(ws, "Enquête 2027")


def test_summary_counted_by_hand(hand):
    s = sf.summary(data(hand))
    assert {k: v for k, v in s.items() if k not in ("response_rate", "reciprocity_rate")} == {
        "invited": 6,
        "answered": 4,  # a, b, c, e
        "drafts": 1,  # d
        "declarations": 6,
        "declared_ties": 5,
        "reciprocated": 1,
        "one_sided_other_answered": 3,
        "one_sided_other_silent": 1,
        "outside_roster": 2,  # Ti Récup (named twice), Atelier Vélo
        "unmatched": 2,
        "closes": "",
        "open": True,
    }
    assert s["response_rate"] == pytest.approx(4 / 6)
    assert s["reciprocity_rate"] == pytest.approx(1 / 5)


def test_tie_table_counted_by_hand(hand):
    ties = sf.tie_table(data(hand))
    assert ties[["u", "v", "status", "declared_by", "silent", "kinds"]].values.tolist() == [
        ["a", "b", "reciprocated", "a|b", "", "cooperation|pooling"],
        ["a", "c", "one_sided_other_answered", "a", "c", "pooling"],
        ["a", "e", "one_sided_other_answered", "e", "a", "sponsorship"],
        ["c", "e", "one_sided_other_answered", "c", "e", "cooperation"],
        ["b", "d", "one_sided_other_silent", "b", "d", "subcontracting"],
    ]
    assert ties.loc[0, ["u_name", "v_name"]].tolist() == ["Alpha", "Beta"]


def test_reciprocity_rate_against_networkx_overall_reciprocity(hand):
    """networkx counts arcs: with R reciprocated and S one-sided ties it gives
    2R / (2R + S); ours counts ties, R / (R + S). Checked on the graph networkx reads."""
    d = data(hand)
    D = sf.declaration_graph(d)
    s = sf.summary(d)
    r, one_sided = s["reciprocated"], s["declared_ties"] - s["reciprocated"]
    assert nx.overall_reciprocity(D) == pytest.approx(2 * r / (2 * r + one_sided)) == 2 / 6
    assert s["reciprocity_rate"] == pytest.approx(r / (r + one_sided))
    # and the ties are networkx's undirected view of the declarations
    assert D.to_undirected().number_of_edges() == s["declared_ties"]
    mutual = sum(1 for u, v in D.edges() if u < v and D.has_edge(v, u))
    assert mutual == s["reciprocated"]


def test_response_rates_by_group_counted_by_hand(hand):
    rates = sf.response_rates(data(hand))
    assert rates[["group", "value", "invited", "answered"]].values.tolist() == [
        ["all", "", 6, 4],
        ["sector", "culture", 3, 3],  # a, b, e
        ["sector", "sport", 3, 1],  # c of c, d, f
        ["family", "association", 4, 3],  # a, c, e of a, c, e, f
        ["family", "cooperative", 1, 1],
        ["family", "mutuelle", 1, 0],
        ["territory", "brest", 3, 3],
        ["territory", "morlaix", 3, 1],
    ]
    assert rates["rate"].tolist() == pytest.approx([4 / 6, 1, 1 / 3, 3 / 4, 1, 0, 1, 1 / 3])


def test_non_respondents_with_contacts_and_drafts(hand):
    left = sf.non_respondents(data(hand))
    assert left.values.tolist() == [["d", "Delta", "02 98 00 00 00", True], ["f", "Phi", "", False]]
    assert left.columns.tolist() == ["structure", "name", "contact_email", "draft"]


def test_outside_roster_groups_names_typed_otherwise(hand):
    out = sf.outside_roster(data(hand))
    assert out.values.tolist() == [
        ["Ti Récup", "Morlaix", "a|e", 2, ""],
        ["Atelier Vélo", "Brest", "e", 1, ""],
    ]


def test_matching_an_outside_partner_makes_its_declarations_count(hand):
    # the coordinator types it otherwise again: the folded name and commune match
    sc.match_partner(hand, "Enquête 2027", "TI RÉCUP", "morlaix", "f", who="coord")
    d = data(hand)
    s = sf.summary(d)
    # a → f and e → f join: 8 declarations; {a, f} and {e, f} are one-sided, f silent
    assert (s["declarations"], s["declared_ties"], s["one_sided_other_silent"]) == (8, 7, 3)
    assert (s["outside_roster"], s["unmatched"]) == (2, 1)
    assert s["reciprocity_rate"] == pytest.approx(1 / 7)
    assert sf.outside_roster(d).loc[0, "matched_to"] == "f"
    ties = sf.tie_table(d).set_index(["u", "v"])
    assert ties.loc[("a", "f"), "status"] == "one_sided_other_silent"
    sc.match_partner(hand, "Enquête 2027", "Ti Récup", "Morlaix", None, who="coord")
    assert sf.summary(data(hand))["declared_ties"] == 5
    with pytest.raises(sc.SurveyError) as err:
        sc.match_partner(hand, "Enquête 2027", "Ti Récup", "Morlaix", "zz", who="coord")
    assert err.value.code == "not_in_roster"


def test_an_outside_partner_added_as_a_structure_is_matched(hand):
    sid = sc.add_partner_structure(
        hand,
        "Enquête 2027",
        "Ti Récup",
        "Morlaix",
        {"id": "ti_recup", "family": "association", "sector": "culture", "territory": "brest"},
        who="coord",
    )
    assert sid == "ti_recup" and hand.get("structures", sid).values["commune"] == "Morlaix"
    s = sf.summary(data(hand))
    # as matching it to f above: a → ti_recup and e → ti_recup join (7 ties, 1 unmatched)
    assert (s["declared_ties"], s["unmatched"]) == (7, 1)
    # an id taken: refused, nothing added, nothing matched
    with pytest.raises(WorkspaceError):
        sc.add_partner_structure(
            hand, "Enquête 2027", "Autre", "", {"id": "a", "family": "association"}, who="coord"
        )
    assert sf.summary(data(hand))["unmatched"] == 1


def test_needs_and_offers_by_resource_and_sector(hand):
    table = sf.needs_and_offers(data(hand))
    assert table[["resource", "sector", "needs", "offers"]].values.tolist() == [
        ["premises", "culture", 0, 1],  # b offers
        ["premises", "sport", 1, 0],  # c needs
        ["vehicle", "culture", 1, 1],  # a needs, b offers
        ["skills", "culture", 0, 1],  # e offers
    ]
    assert table["label"].tolist()[:1] == ["locaux"]


def test_function_ratings_by_hand(hand):
    table = sf.function_ratings(data(hand), lang="en")
    # visibility: a 2, e 4 -> mean 3, useful (3 or 4) 1 of 2
    # strategy: a 4, b 3, c 1 -> mean 8/3, useful 2 of 3
    assert table["function"].tolist() == [
        "visibility",
        "strategy",
        "new_activities",
        "partnership_projects",
        "representation",
    ]
    assert table["ratings"].tolist() == [2, 3, 0, 0, 0]
    assert table["mean"].tolist()[:2] == pytest.approx([3.0, 8 / 3])
    assert table["useful_share"].tolist()[:2] == pytest.approx([0.5, 2 / 3])
    assert all(math.isnan(x) for x in table["mean"].tolist()[2:])


def test_restricted_to_the_pays_de_brest_by_hand(hand):
    # Brest: a, b, c, all invited, all submitted (d's draft and f are in Morlaix).
    brest = sf.restrict(data(hand), ["a", "b", "c"])
    s = sf.summary(brest)
    assert (s["invited"], s["answered"], s["drafts"]) == (3, 3, 0)
    assert s["response_rate"] == 1
    # strategy: a 4, b 3, c 1 -> mean 8/3; visibility: a 2 only (e is in Morlaix) -> 2.
    # Over the whole campaign visibility comes first (mean 3): the scope changes the order.
    ratings = sf.function_ratings(brest)
    assert ratings["function"].tolist()[:2] == ["strategy", "visibility"]
    assert ratings["ratings"].tolist()[:2] == [3, 1]
    assert ratings["mean"].tolist()[:2] == pytest.approx([8 / 3, 2.0])
    # Morlaix: d, e, f invited, e alone submitted.
    morlaix = sf.summary(sf.restrict(data(hand), ["d", "e", "f"]))
    assert (morlaix["invited"], morlaix["answered"], morlaix["drafts"]) == (3, 1, 1)
    # A structure never invited adds nothing.
    assert sf.summary(sf.restrict(data(hand), ["zz"]))["invited"] == 0


def test_a_campaign_without_answers_has_empty_figures(six_ws):
    open_six(six_ws)
    d = data(six_ws)
    s = sf.summary(d)
    assert (s["answered"], s["declared_ties"], s["response_rate"]) == (0, 0, 0)
    assert math.isnan(s["reciprocity_rate"])
    assert sf.tie_table(d).empty and sf.outside_roster(d).empty
    assert sf.needs_and_offers(d).empty
    assert len(sf.non_respondents(d)) == 6


def test_a_structure_removed_since_the_opening_stays_invited(tmp_path):
    from ess_graph.workspace.edits import remove_row

    ws = make_workspace(tmp_path / "w.sqlite", links=[])
    tokens = open_six(ws)
    sc.save_answer(ws, tokens["a"], {"partners": [partner("b")]}, submit=True)
    row = ws.get("structures", "f")
    remove_row(ws, "structures", "f", version=row.version, who="coord")
    d = data(ws)
    assert sf.summary(d)["invited"] == 6
    assert sf.non_respondents(d)["structure"].tolist() == ["b", "c", "d", "e", "f"]
    rates = sf.response_rates(d)
    assert rates.loc[rates["group"] == "sector", "invited"].sum() == 6
    assert isinstance(sf.tie_table(d), pd.DataFrame)
