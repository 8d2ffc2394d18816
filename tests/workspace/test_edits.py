"""Edits: validation as an import, conflicts by row version, undo of one's own changes."""

from __future__ import annotations

import pytest

from ess_graph.network import cooperation_graph
from ess_graph.workspace.edits import (
    ValidationError,
    add_link,
    add_row,
    edit_row,
    remove_row,
    set_link_status,
    undo_last,
)
from ess_graph.workspace.journal import journal_entries, journal_frame
from ess_graph.workspace.store import ConflictError, Workspace, WorkspaceError, link_key


def _journal_size(ws: Workspace) -> int:
    return ws.connection.execute("SELECT COUNT(*) FROM journal").fetchone()[0]


def test_add_link_is_stored_canonical_and_journaled(tiny_ws):
    r = add_link(tiny_ws, "c", "d", "Mutualisation", since=2010, who="Anne", origin="sess-1")
    assert r.row.key == link_key("c", "d", "pooling")
    assert r.row.values["kind"] == "pooling"  # French label -> canonical, as the reader does
    assert r.row.values["since"] == "2010"
    assert r.row.values["weight"] == "1"  # the schema default
    last = journal_entries(tiny_ws, limit=1)[0]
    assert (last.who, last.origin, last.action, last.table) == ("Anne", "sess-1", "add", "links")
    assert last.before is None and last.after["target"] == "d"


def test_same_three_twice_gets_an_occurrence_number(tiny_ws):
    first = add_link(tiny_ws, "c", "d", "pooling", since=2010, who="Anne")
    second = add_link(tiny_ws, "c", "d", "pooling", since=2012, who="Anne")
    assert first.row.key == '["c","d","pooling"]'
    assert second.row.key == '["c","d","pooling",1]'


@pytest.mark.parametrize(
    ("source", "target", "kind", "since", "column"),
    [
        ("c", "zz", "pooling", None, "target"),  # unknown endpoint
        ("c", "c", "pooling", None, "target"),  # self link
        ("c", "d", "friendship", None, "kind"),  # not a link kind
        ("c", "d", "pooling", "20x0", "since"),  # not a year
    ],
)
def test_invalid_link_is_refused_with_the_readers_reason(
    tiny_ws, source, target, kind, since, column
):
    before = _journal_size(tiny_ws)
    links_before = tiny_ws.count("links")
    with pytest.raises(ValidationError) as exc:
        add_link(tiny_ws, source, target, kind, since=since, who="Anne")
    assert [p.column for p in exc.value.problems] == [column]
    assert exc.value.message("fr").startswith("modification refusée")
    assert tiny_ws.count("links") == links_before
    assert _journal_size(tiny_ws) == before


def test_add_structure_checks_family_and_shared_id_namespace(tiny_ws):
    base = {"name": "Epsilon", "family": "Coopérative", "sector": "Sport", "territory": "Brest"}
    r = add_row(tiny_ws, "structures", {"id": "e", **base}, who="Anne")
    # family alias and sector/territory names resolved to ids, as on import
    assert (r.row.values["family"], r.row.values["sector"], r.row.values["territory"]) == (
        "cooperative",
        "sport",
        "brest",
    )
    with pytest.raises(ValidationError):
        add_row(tiny_ws, "structures", {"id": "g", **base, "family": "club"}, who="Anne")
    with pytest.raises(WorkspaceError) as taken:
        add_row(tiny_ws, "structures", {"id": "p", **base}, who="Anne")  # p is a pôle
    assert taken.value.code == "id_taken"
    with pytest.raises(ConflictError):
        add_row(tiny_ws, "structures", {"id": "e", **base}, who="Bob")


def test_unknown_pole_is_a_warning_and_dropped_as_on_import(tiny_ws):
    r = add_row(
        tiny_ws,
        "structures",
        {
            "id": "e",
            "name": "E",
            "family": "association",
            "sector": "sport",
            "territory": "brest",
            "pole": "nowhere",
        },
        who="Anne",
    )
    assert r.row.values["pole"] == ""
    assert [p.code for p in r.warnings] == ["pole_unknown"]


def test_second_editor_of_the_same_link_gets_a_conflict_with_the_current_value(tiny_ws):
    key = link_key("a", "b", "cooperation")
    # Both editors read version 1.
    anne_read = tiny_ws.get("links", key)
    bob_read = tiny_ws.get("links", key)
    assert anne_read.version == bob_read.version == 1
    edit_row(tiny_ws, "links", key, {"weight": 3}, version=anne_read.version, who="Anne")
    with pytest.raises(ConflictError) as exc:
        edit_row(tiny_ws, "links", key, {"weight": 5}, version=bob_read.version, who="Bob")
    conflict = exc.value
    assert conflict.current.version == 2
    assert conflict.current.values["weight"] == "3"  # Anne's value, not overwritten
    assert conflict.who == "Anne"
    assert "weight=3" in conflict.message("en") and "Anne" in conflict.message("en")
    assert "conflit" in conflict.message("fr")
    assert tiny_ws.get("links", key).values["weight"] == "3"


def test_editing_a_removed_row_is_a_conflict(tiny_ws):
    key = link_key("a", "b", "cooperation")
    remove_row(tiny_ws, "links", key, version=1, who="Anne")
    with pytest.raises(ConflictError) as exc:
        set_link_status(tiny_ws, key, "proposed", version=1, who="Bob")
    assert exc.value.current is None
    assert exc.value.code == "conflict_removed"


def test_conflict_between_two_processes_connections(tiny_ws):
    # Two connections on the same file stand for two app sessions.
    other = Workspace(tiny_ws.path)
    try:
        key = link_key("b", "c", "pooling")
        read_by_other = other.get("links", key)
        set_link_status(tiny_ws, key, "proposed", version=1, who="Anne")
        with pytest.raises(ConflictError):
            edit_row(other, "links", key, {"since": 2001}, version=read_by_other.version, who="Bob")
    finally:
        other.close()


def test_changing_the_id_is_refused(tiny_ws):
    with pytest.raises(WorkspaceError) as exc:
        edit_row(tiny_ws, "structures", "d", {"id": "dd"}, version=1, who="Anne")
    assert exc.value.code == "id_immutable"


def test_unchanged_edit_writes_nothing(tiny_ws):
    before = _journal_size(tiny_ws)
    r = edit_row(tiny_ws, "structures", "d", {"name": "Delta"}, version=1, who="Anne")
    assert r.changed is False and r.row.version == 1
    assert _journal_size(tiny_ws) == before


def test_moving_a_link_gives_it_a_new_key(tiny_ws):
    key = link_key("a", "b", "cooperation")
    r = edit_row(tiny_ws, "links", key, {"target": "d"}, version=1, who="Anne")
    assert r.row.key == link_key("a", "d", "cooperation")
    assert tiny_ws.get("links", key) is None


def test_removing_a_structure_with_links_needs_cascade(tiny_ws):
    with pytest.raises(WorkspaceError) as exc:
        remove_row(tiny_ws, "structures", "b", version=1, who="Anne")
    assert exc.value.code == "in_use"
    assert tiny_ws.get("structures", "b") is not None
    r = remove_row(tiny_ws, "structures", "b", version=1, who="Anne", cascade=True)
    # b has two links in the tiny network: a-b and b-c
    assert sorted(x.key for x in r.removed) == sorted(
        ["b", link_key("a", "b", "cooperation"), link_key("b", "c", "pooling")]
    )
    assert tiny_ws.network().problems == []


def test_removing_a_pole_with_members_cascades_to_no_pole(tiny_ws):
    with pytest.raises(WorkspaceError):
        remove_row(tiny_ws, "poles", "p", version=1, who="Anne")
    remove_row(tiny_ws, "poles", "p", version=1, who="Anne", cascade=True)
    assert tiny_ws.get("structures", "a").values["pole"] == ""
    assert tiny_ws.get("links", link_key("a", "p", "membership")) is None


def test_undo_reverts_ones_own_last_change_not_someone_elses(tiny_ws):
    anne = add_link(tiny_ws, "c", "d", "pooling", who="Anne")
    bob = add_link(tiny_ws, "a", "d", "cooperation", who="Bob")
    # Bob's change is the latest in the journal; Anne's undo must leave it alone.
    result = undo_last(tiny_ws, who="Anne")
    assert result.reverted == [("links", anne.row.key)]
    assert tiny_ws.get("links", anne.row.key) is None
    assert tiny_ws.get("links", bob.row.key) is not None
    last = journal_entries(tiny_ws, limit=1)[0]
    assert last.action == "remove" and last.who == "Anne" and last.undoes is not None
    # Anne's earlier change is the import's? No: the import was made by "Import".
    with pytest.raises(WorkspaceError) as nothing:
        undo_last(tiny_ws, who="Anne")
    assert nothing.value.code == "nothing_to_undo"


def test_undo_goes_back_one_batch_at_a_time_and_restores_values(tiny_ws):
    key = link_key("a", "b", "cooperation")
    edit_row(tiny_ws, "links", key, {"weight": 2}, version=1, who="Anne")
    edit_row(tiny_ws, "links", key, {"weight": 4}, version=2, who="Anne")
    undo_last(tiny_ws, who="Anne")
    assert tiny_ws.get("links", key).values["weight"] == "2"
    undo_last(tiny_ws, who="Anne")
    assert tiny_ws.get("links", key).values["weight"] == "1"
    # versions keep growing: 1 -> 2 -> 3 -> (undo) 4 -> (undo) 5
    assert tiny_ws.get("links", key).version == 5


def test_undo_after_someone_else_changed_the_row_is_a_conflict(tiny_ws):
    key = link_key("a", "b", "cooperation")
    edit_row(tiny_ws, "links", key, {"weight": 2}, version=1, who="Anne")
    edit_row(tiny_ws, "links", key, {"weight": 7}, version=2, who="Bob")
    with pytest.raises(ConflictError) as exc:
        undo_last(tiny_ws, who="Anne")
    assert exc.value.current.values["weight"] == "7"
    assert tiny_ws.get("links", key).values["weight"] == "7"


def test_undo_of_a_removal_puts_the_row_back(tiny_ws):
    remove_row(tiny_ws, "structures", "b", version=1, who="Anne", cascade=True)
    undo_last(tiny_ws, who="Anne")
    assert tiny_ws.get("structures", "b").values["name"] == "Beta"
    assert tiny_ws.get("links", link_key("b", "c", "pooling")) is not None
    assert tiny_ws.network().problems == []


def test_undo_of_a_whole_import(tmp_path, tiny_dir):
    from ess_graph.workspace.merge import commit_import, plan_import

    with Workspace.create(tmp_path / "u.sqlite") as ws:
        commit_import(ws, plan_import(ws, tiny_dir), who="Anne")
        undo_last(ws, who="Anne")
        assert all(ws.count(t) == 0 for t in ("structures", "links", "sectors"))


def test_proposed_links_are_left_out_of_the_cooperation_graph_unless_asked(tiny_ws):
    add_link(tiny_ws, "c", "d", "cooperation", status="proposed", who="Anne")
    add_link(tiny_ws, "a", "c", "Coopération", status="Proposé", who="Anne")
    net = tiny_ws.network()
    # confirmed ties of the tiny network: a-b, b-c (links to p and f are not ties)
    assert sorted(cooperation_graph(net).edges()) == [("a", "b"), ("b", "c")]
    with_ideas = cooperation_graph(net, include_proposed=True)
    assert sorted(tuple(sorted(e)) for e in with_ideas.edges()) == [
        ("a", "b"),
        ("a", "c"),
        ("b", "c"),
        ("c", "d"),
    ]


def test_confirming_a_proposed_link(tiny_ws):
    r = add_link(tiny_ws, "c", "d", "cooperation", status="proposed", who="Anne")
    set_link_status(tiny_ws, r.row.key, "confirmed", version=r.row.version, who="Bob")
    assert ("c", "d") in cooperation_graph(tiny_ws.network()).edges()


def test_journal_frame_says_who_changed_what(tiny_ws):
    key = link_key("a", "b", "cooperation")
    set_link_status(tiny_ws, key, "proposed", version=1, who="Anne")
    frame = journal_frame(tiny_ws, limit=1, lang="en")
    assert frame.columns.tolist() == [
        "seq",
        "at",
        "who",
        "origin",
        "action",
        "table",
        "key",
        "version",
        "undoes",
        "summary",
    ]
    row = frame.iloc[0]
    assert (row["who"], row["action"], row["version"]) == ("Anne", "change", 2)
    # names from the tiny network (write_tiny: a is Alpha, b is Beta), the kind in words
    assert row["summary"] == (
        "changed link Alpha (a) – Beta (b) (cooperation): status: confirmed → proposed"
    )


def test_who_is_required(tiny_ws):
    with pytest.raises(WorkspaceError) as exc:
        add_link(tiny_ws, "c", "d", "pooling", who="  ")
    assert exc.value.code == "who_missing"


def test_rows_frame_gives_keys_versions_and_every_column(tiny_ws):
    from ess_graph.workspace.edits import rows_frame

    edit_row(tiny_ws, "structures", "b", {"name": "Beta 2"}, version=1, who="Anne")
    frame = rows_frame(tiny_ws, "structures")
    assert frame.columns.tolist()[:4] == ["row_key", "row_version", "id", "name"]
    assert frame.columns.tolist()[-1] == "contact_email"
    assert frame["row_key"].tolist() == ["a", "b", "c", "d"]  # order of the import
    assert frame["row_version"].tolist() == [1, 2, 1, 1]
    assert frame.loc[1, "name"] == "Beta 2"


def test_journal_names_a_removed_structure_and_its_links(tiny_ws):
    """After b (Beta) is removed with its links, the journal still says "Beta": the name
    comes from the removed row; a is still there and named from its current row."""
    remove_row(tiny_ws, "structures", "b", version=1, who="Anne", cascade=True)
    fr = journal_frame(tiny_ws, lang="fr", who="Anne")
    removed = fr[fr["table"] == "structures"]["summary"].tolist()
    assert removed == ["suppression de la structure Beta (b)"]
    links = fr[fr["table"] == "links"]["summary"].tolist()
    assert links and all(s.startswith("suppression du lien ") for s in links)
    assert any("Alpha (a) – Beta (b)" in s or "Beta (b) – Alpha (a)" in s for s in links)


def test_journal_names_territories_from_their_own_rows(tiny_ws):
    fr = journal_frame(tiny_ws, lang="fr")
    added = fr[fr["table"] == "territories"]["summary"].tolist()
    # the tiny network's territory "brest" is named Brest
    assert "ajout du territoire Brest (brest)" in added


def test_a_note_with_control_characters_is_stored_clean_and_every_view_keeps_the_link(tiny_ws):
    # issue 10: such a link used to be accepted raw, and from then on every view of the
    # workspace (written to CSV and read back) showed 0 links
    before = len(tiny_ws.network().links)
    r = add_link(
        tiny_ws, "c", "d", "pooling", who="Anne", note="copié d'un PDF\x0c\x1b[2J\x00 fin\ud800"
    )
    assert r.row.values["note"] == "copié d'un PDF[2J fin"
    assert [(p.code, p.severity) for p in r.warnings] == [("control_characters", "warning")]
    net = tiny_ws.network()
    assert net.problems == []
    assert len(net.links) == before + 1


def test_a_decomposed_accent_names_the_same_structure(tiny_ws):
    import unicodedata

    add_row(
        tiny_ws,
        "structures",
        {
            "id": "café",
            "name": "Café",
            "family": "association",
            "sector": "culture",
            "territory": "brest",
        },
        who="Anne",
    )
    r = add_link(tiny_ws, unicodedata.normalize("NFD", "café"), "c", "pooling", who="Anne")
    assert r.row.values["source"] == "café"


def test_a_declared_link_is_confirmed_by_setting_its_status(tiny_ws):
    # a survey answer names d as c's partner: declared, no tie until confirmed
    r = add_link(tiny_ws, "c", "d", "pooling", status="déclaré", who="Anne")
    assert r.row.values["status"] == "declared"
    net = tiny_ws.network()
    assert not cooperation_graph(net).has_edge("c", "d")
    assert cooperation_graph(net, ties="union").has_edge("c", "d")
    done = set_link_status(tiny_ws, r.row.key, "confirmed", version=1, who="Anne")
    assert done.row.values["status"] == "confirmed"
    assert cooperation_graph(tiny_ws.network()).has_edge("c", "d")
