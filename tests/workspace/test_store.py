"""The workspace file: settings, the append-only journal, where the file is."""

from __future__ import annotations

import sqlite3

import pytest

from ess_graph.workspace import store
from ess_graph.workspace.store import Workspace, WorkspaceError, workspace_path


def test_settings_are_wal_full_and_busy_timeout(tmp_path):
    with Workspace.create(tmp_path / "w.sqlite") as ws:
        conn = ws.connection
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        # SQLite numbers synchronous levels OFF=0, NORMAL=1, FULL=2, EXTRA=3
        assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2
        assert conn.execute("PRAGMA busy_timeout").fetchone()[0] == 30_000
        assert ws.integrity_check() == "ok"


def test_wal_mode_persists_in_the_file(tmp_path):
    Workspace.create(tmp_path / "w.sqlite").close()
    conn = sqlite3.connect(tmp_path / "w.sqlite")
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.close()


def test_journal_refuses_update_and_delete(tiny_ws):
    conn = tiny_ws.connection
    assert conn.execute("SELECT COUNT(*) FROM journal").fetchone()[0] > 0
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        conn.execute("UPDATE journal SET who = 'Mallory'")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        conn.execute("DELETE FROM journal")


def test_every_row_has_one_add_entry_after_an_import(tiny_ws):
    # tiny network: 4 structures, 1 pôle, 1 partner, 4 links, 2 territories, 2 sectors = 14
    conn = tiny_ws.connection
    assert conn.execute("SELECT COUNT(*) FROM journal WHERE action = 'add'").fetchone()[0] == 14
    entry = conn.execute(
        "SELECT who, origin, at, after FROM journal WHERE tbl = 'structures' AND key = 'a'"
    ).fetchone()
    assert entry[0] == "Import"
    assert entry[1].startswith("import:")
    assert entry[2].endswith("+00:00")  # UTC
    assert '"contact_email": "alice@example.org"' in entry[3]  # extra columns are kept


def test_extra_columns_are_stored(tiny_ws):
    row = tiny_ws.get("structures", "a")
    assert row.version == 1
    assert row.values["contact_email"] == "alice@example.org"
    assert tiny_ws.extra_columns("structures") == ["contact_email"]


def test_path_from_option_then_environment_then_default(monkeypatch):
    monkeypatch.setenv(store.WORKSPACE_ENV, "/tmp/from_env.sqlite")
    assert str(workspace_path("given.sqlite")) == "given.sqlite"
    assert str(workspace_path(None)) == "/tmp/from_env.sqlite"
    monkeypatch.delenv(store.WORKSPACE_ENV)
    assert str(workspace_path(None)) == "ess_graph_workspace.sqlite"


def test_missing_file_and_foreign_file_are_clear_errors(tmp_path):
    with pytest.raises(WorkspaceError) as missing:
        Workspace(tmp_path / "nope.sqlite")
    assert missing.value.code == "not_found"
    assert "ess-graph workspace init" in missing.value.message("en")
    other = tmp_path / "other.sqlite"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.close()
    with pytest.raises(WorkspaceError) as foreign:
        Workspace(other)
    assert foreign.value.code == "not_a_workspace"
    with pytest.raises(WorkspaceError):
        Workspace.create(other)


def test_failed_transaction_writes_nothing(tiny_ws):
    before = tiny_ws.connection.execute("SELECT COUNT(*) FROM journal").fetchone()[0]
    row = tiny_ws.get("structures", "d")
    with pytest.raises(RuntimeError), tiny_ws.transaction(who="X", origin="test") as tx:
        tx.update("structures", "d", {**row.values, "name": "Changed"}, version=row.version)
        raise RuntimeError("fails after the write")
    assert tiny_ws.get("structures", "d").values["name"] == "Delta"
    assert tiny_ws.connection.execute("SELECT COUNT(*) FROM journal").fetchone()[0] == before


def test_why_begin_immediate_a_deferred_read_then_write_fails_at_once(tmp_path):
    # The failure BEGIN IMMEDIATE avoids (SQLite docs, "wal.html", BUSY_SNAPSHOT): a
    # deferred transaction that has read, then tries to write after another connection
    # committed, gets "database is locked" at once, whatever the busy timeout.
    import time

    Workspace.create(tmp_path / "w.sqlite").close()
    first = sqlite3.connect(tmp_path / "w.sqlite", timeout=5, isolation_level=None)
    second = sqlite3.connect(tmp_path / "w.sqlite", timeout=5, isolation_level=None)
    first.execute("BEGIN")
    first.execute("SELECT COUNT(*) FROM meta").fetchone()
    second.execute("BEGIN IMMEDIATE")
    second.execute("INSERT INTO meta VALUES ('a', '1')")
    second.execute("COMMIT")
    start = time.perf_counter()
    with pytest.raises(sqlite3.OperationalError, match="locked"):
        first.execute("INSERT INTO meta VALUES ('b', '2')")
    assert time.perf_counter() - start < 4  # no waiting helps: the snapshot is stale
    first.execute("ROLLBACK")
    first.close()
    second.close()


def test_writer_path_waits_for_the_lock_instead_of_failing(tmp_path):
    # One transaction holds the write lock for 0.5 s; a second writer started meanwhile
    # waits (busy timeout) and then succeeds: no error reaches the caller.
    import threading
    import time

    Workspace.create(tmp_path / "w.sqlite").close()
    holding = threading.Event()
    results = []

    def hold():
        with Workspace(tmp_path / "w.sqlite") as ws, ws.transaction(who="A", origin="t") as tx:
            tx.set_meta("holder", "A")
            holding.set()
            time.sleep(0.5)

    def write():
        holding.wait()
        with Workspace(tmp_path / "w.sqlite") as ws:
            with ws.transaction(who="B", origin="t") as tx:
                tx.set_meta("writer", "B")
            results.append(ws.lock_wait_max)

    threads = [threading.Thread(target=hold), threading.Thread(target=write)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert len(results) == 1 and results[0] > 0.2  # it waited for the holder
    with Workspace(tmp_path / "w.sqlite") as ws:
        assert ws.meta("holder") == "A" and ws.meta("writer") == "B"


def test_a_text_file_named_sqlite_is_a_clear_error(tmp_path):
    text = tmp_path / "notes.sqlite"
    text.write_text("Compte rendu de la rencontre régionale\n" * 20, encoding="utf-8")
    with pytest.raises(WorkspaceError) as not_db:
        Workspace(text)
    assert not_db.value.code == "not_a_workspace"
