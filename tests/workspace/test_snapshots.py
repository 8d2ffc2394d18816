"""Snapshots are immutable; diffs count ties gained and lost per pôle and sector."""

from __future__ import annotations

import sqlite3

import pytest

from ess_graph.workspace.edits import add_link, add_row, remove_row
from ess_graph.workspace.snapshots import (
    create_snapshot,
    format_diff,
    list_snapshots,
    snapshot_network,
    workspace_diff,
)
from ess_graph.workspace.store import WorkspaceError, link_key


def test_snapshot_is_a_copy_that_later_edits_do_not_touch(tiny_ws):
    info = create_snapshot(tiny_ws, "Rencontre régionale 2009", who="Anne")
    assert (info["structures"], info["links"]) == (4, 4)
    add_link(tiny_ws, "c", "d", "pooling", who="Bob")
    snap = snapshot_network(tiny_ws, "Rencontre régionale 2009")
    assert len(snap.links) == 4 and len(tiny_ws.network().links) == 5
    assert snap.problems == []
    assert list_snapshots(tiny_ws)["name"].tolist() == ["Rencontre régionale 2009"]


def test_snapshots_cannot_be_replaced_changed_or_deleted(tiny_ws):
    create_snapshot(tiny_ws, "s1", who="Anne")
    with pytest.raises(WorkspaceError) as exc:
        create_snapshot(tiny_ws, "s1", who="Bob")
    assert exc.value.code == "snapshot_exists"
    with pytest.raises(sqlite3.IntegrityError, match="immutable"):
        tiny_ws.connection.execute("DELETE FROM snapshots")
    with pytest.raises(sqlite3.IntegrityError, match="immutable"):
        tiny_ws.connection.execute("UPDATE snapshots SET name = 'x'")
    with pytest.raises(WorkspaceError):
        create_snapshot(tiny_ws, "now", who="Anne")


def test_unknown_snapshot_lists_the_known_ones(tiny_ws):
    create_snapshot(tiny_ws, "avant", who="Anne")
    with pytest.raises(WorkspaceError) as exc:
        snapshot_network(tiny_ws, "apres")
    assert "avant" in exc.value.message("en")


def test_diff_between_a_snapshot_and_now_by_hand(tiny_ws):
    create_snapshot(tiny_ws, "avant", who="Anne")
    # Changes: a new structure e (sport, morlaix, pôle p) tied to d; the a-b tie is lost.
    add_row(
        tiny_ws,
        "structures",
        {
            "id": "e",
            "name": "Epsilon",
            "family": "association",
            "sector": "sport",
            "territory": "morlaix",
            "pole": "p",
        },
        who="Anne",
    )
    add_link(tiny_ws, "d", "e", "pooling", who="Anne")
    remove_row(tiny_ws, "links", link_key("a", "b", "cooperation"), version=1, who="Bob")
    diff = workspace_diff(tiny_ws, "avant", "now")
    assert diff["ties_gained"][["u", "v"]].values.tolist() == [["d", "e"]]
    assert diff["ties_lost"][["u", "v"]].values.tolist() == [["a", "b"]]
    assert diff["structures_joined"]["id"].tolist() == ["e"]
    assert diff["structures_left"].empty
    # Per pôle, by hand: lost a-b has a in p; gained d-e has e in p; e joined p.
    assert diff["by_pole"].values.tolist() == [["p", 1, 1, 1, 0]]
    # Per sector: a-b is culture-culture (lost 1); d-e is sport-sport (gained 1, e joined)
    assert diff["by_sector"].values.tolist() == [["culture", 0, 1, 0, 0], ["sport", 1, 0, 1, 0]]
    text = format_diff(diff, "avant", "now", "en")
    assert text.startswith("From 'avant' to 'now': 1 tie(s) gained, 1 lost; 1 structure(s) joined")
    # reversed: what was gained is lost
    back = workspace_diff(tiny_ws, "now", "avant")
    assert back["ties_lost"][["u", "v"]].values.tolist() == [["d", "e"]]
    assert back["structures_left"]["id"].tolist() == ["e"]


def test_diff_ignores_proposed_links_unless_asked(tiny_ws):
    create_snapshot(tiny_ws, "avant", who="Anne")
    add_link(tiny_ws, "c", "d", "cooperation", status="proposed", who="Anne")
    assert workspace_diff(tiny_ws, "avant")["ties_gained"].empty
    with_ideas = workspace_diff(tiny_ws, "avant", include_proposed=True)
    assert with_ideas["ties_gained"][["u", "v"]].values.tolist() == [["c", "d"]]


def test_diff_counts_declared_links_under_the_ties_rule(tiny_ws):
    create_snapshot(tiny_ws, "avant", who="Anne")
    add_link(tiny_ws, "c", "d", "pooling", status="declared", who="Anne")
    assert workspace_diff(tiny_ws, "avant")["ties_gained"].empty
    assert workspace_diff(tiny_ws, "avant", ties="reciprocated")["ties_gained"].empty
    union = workspace_diff(tiny_ws, "avant", ties="union")
    assert union["ties_gained"][["u", "v"]].values.tolist() == [["c", "d"]]


def test_find_snapshot_for_commands_that_take_a_snapshot_or_a_path(tiny_ws, tmp_path):
    from ess_graph.workspace.snapshots import find_snapshot

    create_snapshot(tiny_ws, "avant", who="Anne")
    found = find_snapshot("avant", tiny_ws.path)
    assert found is not None and len(found.structures) == 4
    assert find_snapshot("data/demo", tiny_ws.path) is None  # not a snapshot: a path
    assert find_snapshot("avant", tmp_path / "no_workspace.sqlite") is None
