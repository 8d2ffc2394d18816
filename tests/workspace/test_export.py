"""Exports are atomic (a failure part-way leaves the last good export intact) and read back."""

from __future__ import annotations

import os

import openpyxl
import pytest
from click.testing import CliRunner
from hostile import BIG_CELLS, HOSTILE, expected_back, hostile_network, replaced

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
def test_a_note_xml_cannot_hold_is_replaced_and_counted(tiny_ws, tmp_path, fmt):
    # A note typed in the room: formula-like, with ESC, U+FFFE and U+FFFF in it. (One
    # control character only: today's reader calls a short table with more "binary".)
    note = '=HYPERLINK("http://x","y") escape\x1b[2J nonchars\ufffe\uffff'
    add_link(tiny_ws, "c", "d", "pooling", note=note, who="Anne")
    out = tmp_path / ("export.xlsx" if fmt == "xlsx" else "export")
    result = export_workspace(tiny_ws, out, format=fmt)
    assert result.characters_replaced.to_dict()["by_character"] == {
        "U+001B": 1,
        "U+FFFE": 1,
        "U+FFFF": 1,
    }
    back = read_network(result.path)
    assert back.problems == []
    notes = back.links.set_index(["source", "target"])["note"]
    assert notes[("c", "d")] == replaced(note)  # the formula text itself, no apostrophe
    if fmt == "csv":
        assert "'=HYPERLINK" in (out / "links.csv").read_text(encoding="utf-8")
    else:
        sheet = openpyxl.load_workbook(out)["links"]
        cell = next(c for row in sheet.iter_rows() for c in row if c.value == replaced(note))
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


def test_text_starting_with_an_apostrophe_keeps_it_through_the_workspace(tiny_ws, tmp_path):
    # The reader removes the ' that the writers put before formula-like text; text typed
    # with its own apostrophe must keep it, in the workspace and through an export.
    add_link(tiny_ws, "c", "d", "pooling", note="'=x", who="Anne")
    notes = tiny_ws.network().links.set_index(["source", "target"])["note"]
    assert notes[("c", "d")] == "'=x"
    export_workspace(tiny_ws, tmp_path / "export")
    assert "''=x" in (tmp_path / "export" / "links.csv").read_text(encoding="utf-8")
    back = read_network(tmp_path / "export").links.set_index(["source", "target"])["note"]
    assert back[("c", "d")] == "'=x"


def test_cli_export_says_what_it_replaced(tiny_ws, tmp_path):
    add_link(tiny_ws, "c", "d", "pooling", note="a\ufffe\uffffb", who="Anne")
    out = tmp_path / "export.xlsx"
    args = ["workspace", "--file", str(tiny_ws.path), "--lang", "en", "export"]
    result = CliRunner().invoke(main, [*args, "--out", str(out), "--format", "xlsx"])
    assert result.exit_code == 0, result.output
    assert "2 character(s) an XML file cannot hold" in result.stderr
    assert "in 1 cell(s)" in result.stderr
    assert "cut to 32,767" not in result.stderr
