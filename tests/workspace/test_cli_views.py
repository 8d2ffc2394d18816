"""`ess-graph workspace views list|export|import`: thin commands over the saved views of a
workspace (hostile situations: tests/test_cli_failures.py)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from ws_fixtures import ROOT

from ess_graph.cli import main, workspace_views
from ess_graph.views import Presentation, SavedView, views_from_json, views_to_json
from ess_graph.workspace import views as wv
from ess_graph.workspace.journal import journal_entries
from ess_graph.workspace.store import Workspace


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture
def ws_file(tiny_ws) -> Path:
    wv.save_view(
        tiny_ws, SavedView("Brest", title="Pays de Brest", territories=("brest",)), who="A"
    )
    wv.save_view(tiny_ws, SavedView("Pôles", scale="pole"), who="A")
    wv.save_presentation(tiny_ws, Presentation("P", ("Pôles", "Brest")), who="A")
    return tiny_ws.path


def test_every_views_command_has_help_with_an_example_and_is_documented():
    doc = (ROOT / "docs" / "WORKSPACE.md").read_text(encoding="utf-8")
    for name, command in workspace_views.commands.items():
        assert command.help and "Example" in command.help, name
        assert re.search(rf"ess-graph workspace (--file \S+ )?views {name}\b", doc), name


def test_list(ws_file):
    result = run("workspace", "--file", ws_file, "views", "list")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "view\tBrest\treseau?vue=Brest&titre=Pays+de+Brest&territoire=brest\tPays de Brest",
        "view\tPôles\treseau?vue=P%C3%B4les&echelle=pole\t",
        "presentation\tP\tPôles, Brest",
    ]


def test_export_then_import_elsewhere(ws_file, tmp_path, tiny_dir):
    from ess_graph.workspace.merge import commit_import, plan_import

    out = tmp_path / "vues.json"
    assert run("workspace", "--file", ws_file, "views", "export", "--out", out).exit_code == 0
    exported = views_from_json(out.read_bytes())
    assert [v.name for v in exported.views] == ["Brest", "Pôles"]
    other = tmp_path / "other.sqlite"
    with Workspace.create(other) as ws:  # the same network: every id known
        commit_import(ws, plan_import(ws, tiny_dir), who="Import")
    result = run("workspace", "--file", other, "views", "import", out, "--by", "Zoé")
    assert result.exit_code == 0, result.output
    assert "vues : 2 ajoutée(s), 0 remplacée(s), 0 inchangée(s)" in result.output
    with Workspace(other) as ws:
        assert [s.view for s in wv.list_views(ws)] == list(exported.views)
        mine = journal_entries(ws, table="saved_views") + journal_entries(ws, table="presentations")
        assert {(e.who, e.origin) for e in mine} == {("Zoé", f"import:{out}")}


def test_import_keeps_what_is_valid_and_says_the_rest(tiny_ws, tmp_path):
    path = tmp_path / "vues.json"
    doc = json.loads(views_to_json([SavedView("Bonne", territories=("brest", "atlantide"))]))
    doc["views"].append({"title": "sans nom"})
    path.write_text(json.dumps(doc), encoding="utf-8")
    result = CliRunner().invoke(
        main,
        ["workspace", "--file", str(tiny_ws.path), "--lang", "en", "views", "import", str(path)],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        f"{path}: view 'Bonne', field territories: unknown territory 'atlantide' (ignored)",
        f"{path}: view '#2': a view needs a name: view left out",
    ]
    assert "views: 1 added" in result.stdout
    assert wv.find_view(tiny_ws, "Bonne").view.territories == ("brest",)


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"\x00\x01binary", "pas un fichier JSON lisible"),
        (b'{"format": "other"}', "pas un fichier de vues"),
        (b'{"format": "ess_graph.views", "version": 9}', "plus récente"),
    ],
)
def test_a_file_that_holds_no_view_is_one_line_exit_2(tiny_ws, tmp_path, content, words):
    path = tmp_path / "x.json"
    path.write_bytes(content)
    result = run("workspace", "--file", tiny_ws.path, "views", "import", path)
    assert result.exit_code == 2
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"{path} : ") and words in line
    assert wv.list_views(tiny_ws) == []


def test_a_missing_file_or_a_pipe_is_one_line(tiny_ws, tmp_path):
    import os

    missing = tmp_path / "nope.json"
    result = run("workspace", "--file", tiny_ws.path, "views", "import", missing)
    assert result.exit_code == 2 and str(missing) in result.stderr
    assert len(result.stderr.splitlines()) == 1
    pipe = tmp_path / "pipe.json"
    os.mkfifo(pipe)
    result = run("workspace", "--file", tiny_ws.path, "views", "import", pipe)
    assert result.exit_code == 2 and "pas un fichier ordinaire" in result.stderr
