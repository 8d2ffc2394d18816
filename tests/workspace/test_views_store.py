"""Saved views and presentations in the workspace: saved, renamed, reordered, removed,
each journaled once, undone, and a file without them (or of format 1) still opens."""

from __future__ import annotations

import json
import sqlite3

import pytest

from ess_graph.views import Presentation, SavedView, views_from_json, views_to_json
from ess_graph.workspace import views as wv
from ess_graph.workspace.journal import journal_entries, journal_frame
from ess_graph.workspace.store import FORMAT_VERSION, Workspace, WorkspaceError

BREST = SavedView("Pôle de Brest", title="Brest", territories=("brest",), color_by="family")
REGION = SavedView("Région", scale="pole")
SPORT = SavedView("Sport", sectors=("sport",), years=(2005, 2008))


def _entries(ws, table=None):
    return journal_entries(ws, newest_first=False, table=table)


def test_a_workspace_without_views_lists_none(tiny_ws):
    assert not wv.has_views(tiny_ws)
    assert wv.list_views(tiny_ws) == [] and wv.list_presentations(tiny_ws) == []
    assert wv.find_view(tiny_ws, "x") is None
    assert json.loads(wv.export_views(tiny_ws))["views"] == []


def test_save_list_and_journal_one_line(tiny_ws):
    before = len(_entries(tiny_ws))
    stored = wv.save_view(tiny_ws, BREST, who="Anne", origin="app:1")
    assert (stored.id, stored.version, stored.saved_by) == ("pole_de_brest", 1, "Anne")
    assert [s.view for s in wv.list_views(tiny_ws)] == [BREST]
    new = _entries(tiny_ws)[before:]
    assert [(e.action, e.table, e.key, e.who, e.origin) for e in new] == [
        ("add", "saved_views", "pole_de_brest", "Anne", "app:1")
    ]
    # The journal holds the fields as text, as the view's link writes them.
    assert new[0].after["territories"] == "brest"
    assert new[0].after["color_by"] == "family"
    summary = journal_frame(tiny_ws, lang="fr", limit=1)["summary"].iloc[0]
    assert summary == "ajout de la vue Pôle de Brest"


def test_names_are_unique_case_and_accents_aside(tiny_ws):
    wv.save_view(tiny_ws, BREST, who="Anne")
    with pytest.raises(wv.ViewsError) as caught:
        wv.save_view(tiny_ws, SavedView("pole de brest"), who="Bob")
    assert caught.value.message("fr") == "une vue nommée « Pôle de Brest » existe déjà"
    assert wv.find_view(tiny_ws, "POLE DE BREST").view == BREST


def test_replace_checks_the_version_read(tiny_ws):
    wv.save_view(tiny_ws, BREST, who="Anne")
    changed = SavedView(BREST.name, territories=("brest", "morlaix"))
    stored = wv.save_view(tiny_ws, changed, who="Bob", replace=True, version=1)
    assert stored.version == 2
    with pytest.raises(wv.ViewsError) as caught:
        wv.save_view(tiny_ws, BREST, who="Anne", replace=True, version=1)
    assert caught.value.code == "changed"
    assert "Bob" in caught.value.message("en")
    entry = _entries(tiny_ws, "saved_views")[-1]
    assert (entry.action, entry.before["territories"], entry.after["territories"]) == (
        "change",
        "brest",
        "brest,morlaix",
    )
    # Saving the same view again writes nothing.
    n = len(_entries(tiny_ws))
    assert wv.save_view(tiny_ws, changed, who="Bob", replace=True).version == 2
    assert len(_entries(tiny_ws)) == n


def test_hostile_names_are_cleaned_or_refused(tiny_ws):
    with pytest.raises(wv.ViewsError) as caught:
        wv.save_view(tiny_ws, SavedView(" \n\x1b "), who="Anne")
    assert caught.value.code == "empty_name"
    stored = wv.save_view(tiny_ws, SavedView("<b>Brest</b>\nnord"), who="Anne")
    assert stored.name == "<b>Brest</b> nord"  # markup kept as text (escaped where shown)
    with pytest.raises(WorkspaceError):
        wv.save_view(tiny_ws, REGION, who="  ")


def test_rename_keeps_the_presentations(tiny_ws):
    wv.save_view(tiny_ws, BREST, who="Anne")
    wv.save_view(tiny_ws, REGION, who="Anne")
    wv.save_presentation(tiny_ws, Presentation("Rencontre", [REGION.name, BREST.name]), who="Anne")
    n = len(_entries(tiny_ws))
    renamed = wv.rename_view(tiny_ws, BREST.name, "Brest 2009", version=1, who="Anne")
    assert (renamed.id, renamed.name, renamed.version) == ("pole_de_brest", "Brest 2009", 2)
    assert len(_entries(tiny_ws)) == n + 1
    (p,) = wv.list_presentations(tiny_ws)
    assert p.presentation == Presentation("Rencontre", ("Région", "Brest 2009"))
    with pytest.raises(wv.ViewsError) as caught:
        wv.rename_view(tiny_ws, "Brest 2009", "région", version=2, who="Anne")
    assert caught.value.code == "exists"
    with pytest.raises(wv.ViewsError) as caught:
        wv.rename_view(tiny_ws, "nowhere", "x", version=1, who="Anne")
    assert caught.value.code == "not_found"


def test_reorder_is_one_journal_line(tiny_ws):
    for view in (BREST, REGION, SPORT):
        wv.save_view(tiny_ws, view, who="Anne")
    names = [BREST.name, REGION.name, SPORT.name]
    wv.save_presentation(tiny_ws, Presentation("P", names), who="Anne")
    n = len(_entries(tiny_ws))
    stored = wv.save_presentation(
        tiny_ws, Presentation("P", names[::-1]), who="Anne", replace=True, version=1
    )
    assert stored.presentation.views == tuple(names[::-1])
    (entry,) = _entries(tiny_ws)[n:]
    assert (entry.action, entry.table) == ("change", "presentations")
    assert entry.before["views"] == "Pôle de Brest, Région, Sport"
    assert entry.after["views"] == "Sport, Région, Pôle de Brest"
    with pytest.raises(wv.ViewsError) as caught:
        wv.save_presentation(tiny_ws, Presentation("P2", ["Sport", "Atlantide"]), who="Anne")
    assert caught.value.code == "unknown_views"


def test_delete_a_view_takes_it_out_of_presentations_in_one_batch(tiny_ws):
    for view in (BREST, REGION):
        wv.save_view(tiny_ws, view, who="Anne")
    wv.save_presentation(tiny_ws, Presentation("P", [BREST.name, REGION.name]), who="Anne")
    n = len(_entries(tiny_ws))
    assert wv.delete_view(tiny_ws, BREST.name, version=1, who="Bob") == ["P"]
    new = _entries(tiny_ws)[n:]
    assert [(e.action, e.table) for e in new] == [
        ("change", "presentations"),
        ("remove", "saved_views"),
    ]
    assert len({e.batch for e in new}) == 1
    assert [v.name for v in wv.list_views(tiny_ws)] == ["Région"]
    assert wv.list_presentations(tiny_ws)[0].presentation.views == ("Région",)
    with pytest.raises(wv.ViewsError) as caught:
        wv.delete_view(tiny_ws, REGION.name, version=7, who="Bob")
    assert caught.value.code == "changed"


def test_undo_puts_a_removed_view_back_in_its_presentations(tiny_ws):
    for view in (BREST, REGION):
        wv.save_view(tiny_ws, view, who="Anne")
    wv.save_presentation(tiny_ws, Presentation("P", [BREST.name, REGION.name]), who="Anne")
    wv.delete_view(tiny_ws, BREST.name, version=1, who="Anne")
    result = wv.undo_last(tiny_ws, who="Anne")
    assert sorted(result.reverted) == [("presentations", "p"), ("saved_views", "pole_de_brest")]
    assert [s.view for s in wv.list_views(tiny_ws)] == [REGION, BREST]
    assert wv.list_presentations(tiny_ws)[0].presentation.views == (BREST.name, REGION.name)
    undo_entries = [e for e in _entries(tiny_ws) if e.undoes is not None]
    assert len(undo_entries) == 2
    # Further back: the presentation's creation, then the views' saves.
    wv.undo_last(tiny_ws, who="Anne")
    assert wv.list_presentations(tiny_ws) == []
    wv.undo_last(tiny_ws, who="Anne")
    wv.undo_last(tiny_ws, who="Anne")
    assert wv.list_views(tiny_ws) == []
    with pytest.raises(wv.ViewsError) as caught:
        wv.undo_last(tiny_ws, who="Anne")
    assert caught.value.code == "nothing_to_undo"


def test_undo_of_a_rename_and_someone_elses_change(tiny_ws):
    wv.save_view(tiny_ws, BREST, who="Anne")
    wv.rename_view(tiny_ws, BREST.name, "Brest", version=1, who="Anne")
    wv.undo_last(tiny_ws, who="Anne")
    assert wv.list_views(tiny_ws)[0].view == BREST
    wv.rename_view(tiny_ws, BREST.name, "Brest", version=3, who="Anne")
    wv.save_view(tiny_ws, SavedView("Brest", scale="sector"), who="Bob", replace=True)
    with pytest.raises(wv.ViewsError) as caught:
        wv.undo_last(tiny_ws, who="Anne")
    assert caught.value.code == "changed_since"
    assert "Bob" in caught.value.message("fr")
    assert wv.list_views(tiny_ws)[0].view.scale == "sector"  # nothing undone


def test_the_networks_undo_leaves_views_alone(tiny_ws):
    from ess_graph.workspace.edits import undo_last

    wv.save_view(tiny_ws, BREST, who="Anne")
    with pytest.raises(WorkspaceError) as caught:
        undo_last(tiny_ws, who="Anne")
    assert caught.value.code == "nothing_to_undo"
    assert len(wv.list_views(tiny_ws)) == 1


def test_export_import_round_trip(tiny_ws, tmp_path):
    for view in (BREST, REGION):
        wv.save_view(tiny_ws, view, who="Anne")
    wv.save_presentation(tiny_ws, Presentation("P", [REGION.name, BREST.name]), who="Anne")
    text = wv.export_views(tiny_ws)
    other = Workspace.create(tmp_path / "other.sqlite")
    wv.save_view(other, SavedView("Région", scale="sector"), who="Zoé")
    result = wv.import_views(other, views_from_json(text), who="Anne", origin="import:v.json")
    assert (result.added, result.replaced, result.presentations_added) == (
        ["Pôle de Brest"],
        ["Région"],
        ["P"],
    )
    exported = views_from_json(wv.export_views(other))
    assert exported.views == (REGION, BREST)  # Région kept its place, replaced
    assert exported.presentations == views_from_json(text).presentations
    batches = {e.batch for e in _entries(other) if e.origin == "import:v.json"}
    assert len(batches) == 1  # one transaction, undone at once
    again = wv.import_views(other, views_from_json(text), who="Anne")
    assert again.unchanged == ["Pôle de Brest", "Région"] and again.replaced == []
    other.close()


def test_a_damaged_row_still_lists(tiny_ws):
    wv.save_view(tiny_ws, BREST, who="Anne")
    # A hand-edited file: the view's JSON replaced by garbage (the journal is not touched).
    tiny_ws.connection.execute("UPDATE saved_views SET view = '{not json'")
    (stored,) = wv.list_views(tiny_ws)
    assert stored.view == SavedView(BREST.name)


def test_format_stays_and_a_format_1_file_gets_views(tmp_path):
    path = tmp_path / "old.sqlite"
    Workspace.create(path).close()
    conn = sqlite3.connect(path)
    conn.execute("UPDATE meta SET value = '1' WHERE key = 'format_version'")
    conn.commit()
    conn.close()
    with Workspace(path) as ws:
        wv.save_view(ws, REGION, who="Anne")
        assert ws.meta("format_version") == "1"  # nothing an older ess_graph cannot read
    with Workspace(path) as ws:
        assert [s.view for s in wv.list_views(ws)] == [REGION]
        assert ws.integrity_check() == "ok"
    assert FORMAT_VERSION == "2"


def test_two_editors_renaming_at_once(tiny_ws):
    wv.save_view(tiny_ws, BREST, who="Anne")
    other = Workspace(tiny_ws.path)
    read = wv.find_view(tiny_ws, BREST.name).version
    wv.rename_view(other, BREST.name, "Brest A", version=read, who="Bob")
    with pytest.raises(wv.ViewsError) as caught:
        wv.rename_view(tiny_ws, BREST.name, "Brest B", version=read, who="Anne")
    assert caught.value.code == "not_found"  # the name Anne read is gone
    with pytest.raises(wv.ViewsError) as caught:
        wv.rename_view(tiny_ws, "Brest A", "Brest B", version=read, who="Anne")
    assert caught.value.code == "changed"
    other.close()


def test_views_to_json_is_what_export_writes(tiny_ws):
    wv.save_view(tiny_ws, SPORT, who="Anne")
    assert wv.export_views(tiny_ws) == views_to_json([SPORT])
