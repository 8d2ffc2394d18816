"""Bringing the hand campaign (survey_fixtures.HAND) into the network, and undoing it.

Before: a–b cooperation and c–e cooperation, confirmed, source « convention ».
Wanted from the answers (test_follow.py lists the ties):

    {a, b} reciprocated, kinds cooperation (both) + pooling (b)  -> cooperation is there,
           confirmed: unchanged; pooling: a new confirmed link a → b (since 2008, from b)
    a → c pooling, one-sided                                      -> declared a → c
    b → d subcontracting, one-sided (d's draft does not count)    -> declared b → d
    c → e cooperation, one-sided, but c–e is confirmed already    -> unchanged
    e → a sponsorship, one-sided                                  -> declared e → a
    needs / offers of a, b, c, e                                  -> 4 structures updated
"""

from __future__ import annotations

import pytest
from survey_fixtures import HAND, answer_by_hand, outside, partner

from ess_graph.survey import campaigns as sc
from ess_graph.survey.apply import apply_campaign
from ess_graph.workspace.edits import set_link_status, undo_last
from ess_graph.workspace.store import WorkspaceError

NAME = "Enquête 2027"


def links_of(ws) -> dict[tuple[str, str, str], dict[str, str]]:
    return {
        (r.values["source"], r.values["target"], r.values["kind"]): r.values
        for r in ws.rows("links")
    }


def rows_of(ws, table):
    return sorted((r.key, r.version, r.values) for r in ws.rows(table))


@pytest.fixture
def hand(six_ws):
    tokens = answer_by_hand(six_ws, NAME)
    return six_ws, tokens


def test_apply_counted_by_hand(hand):
    ws, _ = hand
    before = links_of(ws)
    result = apply_campaign(ws, NAME, who="coord")
    assert (
        result.confirmed_added,
        result.declared_added,
        result.confirmed_from_declared,
        result.declared_removed,
        result.structures_updated,
        result.unchanged_links,
    ) == (1, 3, 0, 0, 4, 2)
    links = links_of(ws)
    assert set(links) - set(before) == {
        ("a", "b", "pooling"),
        ("a", "c", "pooling"),
        ("b", "d", "subcontracting"),
        ("e", "a", "sponsorship"),
    }
    pooling = links[("a", "b", "pooling")]
    assert (pooling["status"], pooling["source_of_information"]) == ("confirmed", NAME)
    assert (pooling["since"], pooling["frequency"], pooling["value"], pooling["trust"]) == (
        "2008",
        "weekly",
        "4",
        "",
    )
    for key in [("a", "c", "pooling"), ("b", "d", "subcontracting"), ("e", "a", "sponsorship")]:
        # a one-sided tie: a declared link from the declarer, sourced to the campaign
        assert (links[key]["status"], links[key]["source_of_information"]) == ("declared", NAME)
    assert links[("a", "c", "pooling")]["since"] == "2015"
    assert links[("a", "c", "pooling")]["value"] == "2"
    assert ws.get("structures", "a").values["needs"] == "vehicle"
    assert ws.get("structures", "b").values["offers"] == "premises|vehicle"  # RESOURCES order
    assert ws.get("structures", "f").values.get("needs", "") == ""
    assert [p for p in ws.network().problems if p.is_error] == []


def test_an_existing_confirmed_link_is_never_duplicated_nor_downgraded(hand):
    ws, _ = hand
    before = {r.key: r for r in ws.rows("links")}
    apply_campaign(ws, NAME, who="coord")
    after = {r.key: r for r in ws.rows("links")}
    for key, row in before.items():  # a–b and c–e cooperation: untouched
        assert after[key] == row
    pairs = [
        (frozenset((r.values["source"], r.values["target"])), r.values["kind"])
        for r in after.values()
    ]
    assert pairs.count((frozenset("ab"), "cooperation")) == 1
    assert pairs.count((frozenset("ce"), "cooperation")) == 1


def test_a_second_apply_changes_nothing(hand):
    ws, _ = hand
    apply_campaign(ws, NAME, who="coord")
    links, structures = rows_of(ws, "links"), rows_of(ws, "structures")
    journal = ws.connection.execute("SELECT COUNT(*) FROM journal").fetchone()[0]
    again = apply_campaign(ws, NAME, who="coord")
    assert again.changes == 0 and again.unchanged_links == 6
    assert rows_of(ws, "links") == links and rows_of(ws, "structures") == structures
    assert ws.connection.execute("SELECT COUNT(*) FROM journal").fetchone()[0] == journal


def test_resubmissions_withdraw_and_confirm_then_undo_reverts_each_apply(hand):
    ws, tokens = hand
    original_links, original_structures = rows_of(ws, "links"), rows_of(ws, "structures")
    apply_campaign(ws, NAME, who="coord")
    after_first = rows_of(ws, "links"), rows_of(ws, "structures")
    # e withdraws a; d submits, naming b back (subcontracting) and a new kind (cooperation)
    e_answer = dict(HAND["e"][1], partners=[outside("Atelier Vélo", "Brest", ["cooperation"])])
    sc.save_answer(ws, tokens["e"], e_answer, submit=True)
    sc.save_answer(
        ws,
        tokens["d"],
        {"partners": [partner("b", ["subcontracting", "cooperation"])]},
        submit=True,
    )
    result = apply_campaign(ws, NAME, who="coord")
    # e → a sponsorship removed; b → d subcontracting now confirmed (the same link);
    # b–d cooperation added confirmed
    assert (
        result.declared_removed,
        result.confirmed_from_declared,
        result.confirmed_added,
        result.declared_added,
        result.structures_updated,
    ) == (1, 1, 1, 0, 0)
    links = links_of(ws)
    assert ("e", "a", "sponsorship") not in links
    assert links[("b", "d", "subcontracting")]["status"] == "confirmed"
    assert ("b", "d", "cooperation") in links or ("d", "b", "cooperation") in links
    # undo: the second apply, then the first; the answers are not undone
    undone = undo_last(ws, who="coord")
    assert len(undone.reverted) == 3  # one removal put back, one status, one addition
    assert _values(rows_of(ws, "links")) == _values(after_first[0])
    assert _values(rows_of(ws, "structures")) == _values(after_first[1])
    undo_last(ws, who="coord")
    assert _values(rows_of(ws, "links")) == _values(original_links)
    assert _values(rows_of(ws, "structures")) == _values(original_structures)
    assert len(sc.answers(ws, sc.find_campaign(ws, NAME), submitted_only=True)) == 5
    with pytest.raises(WorkspaceError) as err:
        undo_last(ws, who="coord")
    assert err.value.code == "nothing_to_undo"


def _values(rows):
    """Keys and values, versions aside (an undo writes new versions)."""
    return sorted((key, values) for key, _version, values in rows)


def test_undo_after_one_apply_gives_back_the_network_exactly(hand):
    ws, _ = hand
    links, structures = rows_of(ws, "links"), rows_of(ws, "structures")
    apply_campaign(ws, NAME, who="coord")
    undone = undo_last(ws, who="coord")
    assert len(undone.reverted) == 8  # 4 links added, 4 structures changed
    assert _values(rows_of(ws, "links")) == _values(links)
    assert _values(rows_of(ws, "structures")) == _values(structures)


def test_a_declared_link_the_coordinator_confirmed_stays_when_withdrawn(hand):
    ws, tokens = hand
    apply_campaign(ws, NAME, who="coord")
    row = next(r for r in ws.rows("links") if r.values["kind"] == "sponsorship")
    set_link_status(ws, row.key, "confirmed", version=row.version, who="coord")
    e_answer = dict(HAND["e"][1], partners=[])
    sc.save_answer(ws, tokens["e"], e_answer, submit=True)
    result = apply_campaign(ws, NAME, who="coord")
    assert result.declared_removed == 0
    assert ws.get("links", row.key).values["status"] == "confirmed"


def test_a_matched_outside_partner_becomes_declared_links(hand):
    ws, _ = hand
    sc.match_partner(ws, NAME, "Ti Récup", "Morlaix", "f", who="coord")
    apply_campaign(ws, NAME, who="coord")
    links = links_of(ws)
    assert links[("a", "f", "pooling")]["status"] == "declared"
    assert links[("e", "f", "pooling")]["status"] == "declared"


def test_apply_of_an_unknown_campaign_is_refused(hand):
    ws, _ = hand
    with pytest.raises(sc.SurveyError) as err:
        apply_campaign(ws, "Enquête 1999", who="coord")
    assert err.value.code == "campaign_not_found"


def test_a_declared_link_beside_a_proposed_one_of_the_same_kind_reads_in_the_journal(hand):
    """a → c pooling is proposed already: the declared link is a second link of the same
    source, target and kind (key with an occurrence number), which the journal names."""
    from ess_graph.workspace.edits import add_link
    from ess_graph.workspace.journal import journal_frame

    ws, _ = hand
    add_link(ws, "a", "c", "pooling", status="proposed", who="Anne")
    apply_campaign(ws, NAME, who="coord")
    keys = [
        r.key
        for r in ws.rows("links")
        if r.values["kind"] == "pooling" and r.values["target"] == "c"
    ]
    assert keys == ['["a","c","pooling"]', '["a","c","pooling",1]']
    log = journal_frame(ws, lang="en")
    assert log["summary"].str.contains("Alpha (a) – Gamma (c)", regex=False).sum() == 2
