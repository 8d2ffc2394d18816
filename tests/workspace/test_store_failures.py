"""A workspace file the disk or another program made unusable is refused with a clear
`WorkspaceError` naming it, and nothing is written to it.

How each situation is made (tests run as root here, where file modes stop nothing):
- read-only file: the connection is opened with SQLite's ``mode=ro`` URI (what SQLite
  itself does when it cannot open the file for writing); the real 0444 file and 0555
  folder are run as an unprivileged user in tests/test_cli_failures.py;
- full disk: ``PRAGMA max_page_count`` set to the file's size, so that SQLite itself
  reports SQLITE_FULL ("database or disk is full") at the first page it needs.
"""

from __future__ import annotations

import hashlib
import sqlite3

import pytest

from ess_graph.workspace.edits import add_link
from ess_graph.workspace.snapshots import create_snapshot
from ess_graph.workspace.store import (
    FORMAT_VERSION,
    Workspace,
    WorkspaceError,
    sqlite_failure,
)

_real_connect = Workspace._connect


def _read_only_connect(path, timeout):
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=timeout, isolation_level=None)


def _full_disk_connect(path, timeout):
    conn = _real_connect(path, timeout)
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {max(pages, 1)}")
    return conn


def _digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _state(path) -> tuple[int, int, int]:
    with Workspace(path) as ws:
        journal = ws.connection.execute("SELECT COUNT(*) FROM journal").fetchone()[0]
        assert ws.integrity_check() == "ok"
        return ws.count("links"), ws.count("structures"), journal


def _set_format_version(path, value: str) -> None:
    conn = sqlite3.connect(path)
    conn.execute("UPDATE meta SET value = ? WHERE key = 'format_version'", [value])
    conn.commit()
    conn.close()


@pytest.mark.parametrize("version", ["3", "10", "3.0-beta"])
def test_a_newer_workspace_is_refused_with_both_versions_and_left_untouched(tiny_ws, version):
    path = tiny_ws.path
    tiny_ws.close()
    _set_format_version(path, version)
    before = _digest(path)
    with pytest.raises(WorkspaceError) as refused:
        Workspace(path)
    assert refused.value.code == "newer_version"
    for lang in ("fr", "en"):
        text = refused.value.message(lang)
        assert str(path) in text and f"format {version}" in text
        assert f"format {FORMAT_VERSION}" in text
    assert "plus récente" in refused.value.message("fr")
    assert "newer" in refused.value.message("en")
    assert _digest(path) == before


def test_the_version_that_wrote_a_workspace_is_named(tiny_ws):
    # Files made from now on remember the ess_graph version that created them.
    assert tiny_ws.meta("ess_graph_version")
    path = tiny_ws.path
    tiny_ws.close()
    conn = sqlite3.connect(path)
    conn.execute("UPDATE meta SET value = '99.0' WHERE key = 'ess_graph_version'")
    conn.commit()
    conn.close()
    _set_format_version(path, "3")
    with pytest.raises(WorkspaceError) as refused:
        Workspace(path)
    assert "ess_graph 99.0" in refused.value.message("en")


@pytest.mark.parametrize("version", ["0", "1"])
def test_an_older_or_equal_format_opens(tiny_ws, version):
    # "1": every workspace written before the survey tables (format 2) existed
    path = tiny_ws.path
    tiny_ws.close()
    _set_format_version(path, version)
    with Workspace(path) as ws:
        assert ws.count("structures") == 4


@pytest.mark.parametrize(
    "content",
    [b"", b"id,name\ns1,A\n", bytes(range(256)) * 8],
    ids=["empty", "csv", "binary"],
)
def test_a_file_that_is_no_workspace_is_said_so_and_left_untouched(tmp_path, content):
    path = tmp_path / "w.sqlite"
    path.write_bytes(content)
    with pytest.raises(WorkspaceError) as refused:
        Workspace(path)
    assert refused.value.code == "not_a_workspace"
    assert path.read_bytes() == content


def test_an_sqlite_file_of_another_program_is_no_workspace(tmp_path):
    path = tmp_path / "other.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    with pytest.raises(WorkspaceError) as refused:
        Workspace(path)
    assert refused.value.code == "not_a_workspace"


def test_a_folder_is_not_a_workspace_file(tmp_path):
    with pytest.raises(WorkspaceError) as opened:
        Workspace(tmp_path)
    assert opened.value.code == "is_a_folder"
    with pytest.raises(WorkspaceError) as created:
        Workspace.create(tmp_path)
    assert created.value.code == "is_a_folder"


def test_writing_to_a_read_only_workspace_is_refused_and_reading_works(tiny_ws, monkeypatch):
    path = tiny_ws.path
    tiny_ws.close()
    before = _state(path)
    monkeypatch.setattr(Workspace, "_connect", staticmethod(_read_only_connect))
    with Workspace(path) as ws:
        assert ws.count("structures") == 4  # reading is fine
        with pytest.raises(WorkspaceError) as refused:
            add_link(ws, "a", "d", "pooling", who="Anne")
        assert refused.value.code == "read_only"
        assert str(path) in refused.value.message("fr")
        with pytest.raises(WorkspaceError) as snap:
            create_snapshot(ws, "avant", who="Anne")
        assert snap.value.code == "read_only"
    monkeypatch.undo()
    assert _state(path) == before


def test_a_full_disk_during_an_edit_keeps_the_workspace_as_it_was(tiny_ws, monkeypatch):
    path = tiny_ws.path
    tiny_ws.close()
    before = _state(path)
    monkeypatch.setattr(Workspace, "_connect", staticmethod(_full_disk_connect))
    with (
        Workspace(path) as ws,
        pytest.raises(WorkspaceError) as full,
        ws.transaction(who="Anne", origin="test") as tx,
    ):
        for i in range(500):  # more than the free pages of the file
            tx.set_meta(f"filler{i}", "x" * 200)
    assert full.value.code == "disk_full"
    assert "plus de place" in full.value.message("fr")
    monkeypatch.undo()
    assert _state(path) == before


def test_a_full_disk_while_creating_leaves_no_half_made_file(tmp_path, monkeypatch):
    path = tmp_path / "new.sqlite"
    monkeypatch.setattr(Workspace, "_connect", staticmethod(_full_disk_connect))
    with pytest.raises(WorkspaceError) as full:
        Workspace.create(path)
    assert full.value.code == "disk_full"
    assert sorted(p.name for p in tmp_path.iterdir()) == []
    monkeypatch.undo()
    Workspace.create(path).close()  # `init` again works


def test_only_the_disk_and_file_failures_are_translated():
    busy = sqlite3.OperationalError("database is locked")
    busy.sqlite_errorcode = 5
    assert sqlite_failure(busy, "w.sqlite") is None
    read_only_dir = sqlite3.OperationalError("attempt to write a readonly database")
    read_only_dir.sqlite_errorcode = 1544  # SQLITE_READONLY_DIRECTORY
    assert sqlite_failure(read_only_dir, "w.sqlite").code == "read_only"
    assert sqlite_failure(sqlite3.OperationalError("no code"), "w.sqlite") is None
