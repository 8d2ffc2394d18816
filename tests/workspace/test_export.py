"""Exports are atomic (a failure part-way leaves the last good export intact) and read back."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

sys.path.insert(
    0, str(Path(__file__).parents[1])
)  # tests/hostile.py, whatever pytest's import mode
from hostile import BIG_CELLS, HOSTILE, expected_back, hostile_network

from ess_graph.cli import main
from ess_graph.io import write as write_module
from ess_graph.io.read import read_network
from ess_graph.io.write import write_network
from ess_graph.workspace.edits import add_link
from ess_graph.workspace.export import export_workspace
from ess_graph.workspace.merge import commit_import, plan_import
from ess_graph.workspace.store import Workspace


def _snapshot_folder(folder):
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_failed_csv_export_leaves_the_last_good_folder(tiny_ws, tmp_path, monkeypatch):
    out = tmp_path / "export"
    export_workspace(tiny_ws, out)
    good = _snapshot_folder(out)
    add_link(tiny_ws, "c", "d", "pooling", who="Anne")  # the next export would differ
    real = write_module._csv_text
    calls = []

    def fail_on_fourth_table(frame, **kwargs):
        calls.append(1)
        if len(calls) == 4:  # structures, poles, partners written; links fails
            raise OSError("disk full")
        return real(frame, **kwargs)

    monkeypatch.setattr(write_module, "_csv_text", fail_on_fourth_table)
    with pytest.raises(OSError, match="disk full"):
        export_workspace(tiny_ws, out)
    assert _snapshot_folder(out) == good  # no table replaced, no temporary file left
    monkeypatch.setattr(write_module, "_csv_text", real)
    export_workspace(tiny_ws, out)
    assert b"c,d,pooling" in (out / "links.csv").read_bytes()


def test_failed_xlsx_export_mid_write_leaves_the_last_good_workbook(tiny_ws, tmp_path, monkeypatch):
    out = tmp_path / "export.xlsx"
    export_workspace(tiny_ws, out, format="xlsx")
    good = out.read_bytes()
    add_link(tiny_ws, "c", "d", "pooling", who="Anne")

    def fsync_fails(fd):  # the bytes are in the temporary file, the flush to disk fails
        raise OSError("I/O error")

    monkeypatch.setattr(write_module.os, "fsync", fsync_fails)
    with pytest.raises(OSError, match="I/O error"):
        export_workspace(tiny_ws, out, format="xlsx")
    assert out.read_bytes() == good
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []
    assert os.path.exists(out)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_formula_like_note_typed_in_the_room_is_inert_and_reads_back(tiny_ws, tmp_path, fmt):
    note = '=HYPERLINK("http://x","y")'
    add_link(tiny_ws, "c", "d", "pooling", note=note, who="Anne")
    out = tmp_path / ("export.xlsx" if fmt == "xlsx" else "export")
    result = export_workspace(tiny_ws, out, format=fmt)
    assert not result.characters_replaced
    back = read_network(result.path)
    assert back.problems == []
    notes = back.links.set_index(["source", "target"])["note"]
    assert notes[("c", "d")] == note  # the formula text itself, no apostrophe
    if fmt == "csv":
        assert "'=HYPERLINK" in (out / "links.csv").read_text(encoding="utf-8")
    else:
        sheet = openpyxl.load_workbook(out)["links"]
        cell = next(c for row in sheet.iter_rows() for c in row if c.value == note)
        assert cell.data_type == "s" and cell.quotePrefix is True


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_hostile_names_survive_import_then_export(tmp_path, fmt):
    # The hostile network as a person would bring it: written to files (forbidden
    # characters already U+FFFD), imported into a workspace, exported, read back.
    texts = {k: v for k, v in HOSTILE.items() if k != "surrogate"}
    source = write_network(hostile_network(texts), tmp_path / "source")
    with Workspace.create(tmp_path / "w.sqlite") as ws:
        commit_import(ws, plan_import(ws, source), who="Import")
        out = tmp_path / ("export.xlsx" if fmt == "xlsx" else "export")
        result = export_workspace(ws, out, format=fmt, personal_data=True)
    back = read_network(result.path)
    assert back.problems == []
    names = dict(zip(back.structures["id"], back.structures["name"], strict=True))
    expected = [expected_back(t, fmt) for t in texts.values()]
    assert [names[f"s{i:02d}"] for i in range(len(texts))] == expected
    assert back.links["note"].tolist() == expected
    assert result.characters_replaced.characters == 0  # replaced when first written
    assert result.characters_replaced.cells_cut == (BIG_CELLS if fmt == "xlsx" else 0)


def test_apostrophes_typed_in_the_room_read_back_as_the_room_saw_them(tiny_ws, tmp_path):
    # The reader removes the ' of '=x (a spreadsheet's mark of inert text) wherever it is
    # typed; ''=x is kept as typed. An export gives back what the workspace holds.
    add_link(tiny_ws, "c", "d", "pooling", note="''=x", who="Anne")
    add_link(tiny_ws, "a", "d", "pooling", note="'=y", who="Anne")
    held = tiny_ws.network().links.set_index(["source", "target"])["note"]
    assert (held[("c", "d")], held[("a", "d")]) == ("''=x", "=y")
    for out in (tmp_path / "export", tmp_path / "export.xlsx"):
        export_workspace(tiny_ws, out, format="xlsx" if out.suffix else "csv")
        back = read_network(out).links.set_index(["source", "target"])["note"]
        assert (back[("c", "d")], back[("a", "d")]) == ("''=x", "=y"), out.name
    text = (tmp_path / "export" / "links.csv").read_text(encoding="utf-8")
    assert ",''=x" in text and ",'=y" in text


def test_cli_export_says_what_it_replaced_and_cut(tiny_ws, tmp_path, monkeypatch):
    # A long note typed in the room: a workbook cell holds 32,767 characters.
    add_link(tiny_ws, "c", "d", "pooling", note="x" * 40_000, who="Anne")
    out = tmp_path / "export.xlsx"
    args = ["workspace", "--file", str(tiny_ws.path), "--lang", "en", "export"]
    result = CliRunner().invoke(main, [*args, "--out", str(out), "--format", "xlsx"])
    assert result.exit_code == 0, result.output
    assert "1 cell(s) cut to 32,767 characters" in result.stderr
    assert "replaced by U+FFFD" not in result.stderr
    # No reader keeps a control character; a network built by code may hold some.
    texts = {k: v for k, v in HOSTILE.items() if k in ("c0", "escape", "nonchars", "rtl")}
    monkeypatch.setattr(Workspace, "network", lambda self: hostile_network(texts))
    result = CliRunner().invoke(main, [*args, "--out", str(out), "--format", "xlsx"])
    assert result.exit_code == 0, result.output
    # By hand: 29 in each copy of c0 (name, extra column, note, a sector's name: 4), 3 in
    # each of escape (name, extra column, note, the pôle's name: 4), 2 in each of
    # nonchars (name, extra column, note, the partner's name: 4), 1 in the name of the
    # extra column "remarque\x01": 137 in 13 cells.
    assert "137 character(s) an XML file cannot hold" in result.stderr
    assert "in 13 cell(s)" in result.stderr
