"""Exports are atomic: a failure part-way leaves the last good export intact."""

from __future__ import annotations

import os

import pytest

from ess_graph.io import write as write_module
from ess_graph.workspace.edits import add_link
from ess_graph.workspace.export import export_workspace


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
