"""The one line a person reads for a failure: path, reason, language."""

from __future__ import annotations

import errno
import sqlite3

import pytest

from ess_graph.failures import failure_message, is_internal, one_line, unreadable_message
from ess_graph.io.read import NetworkPathError, read_network
from ess_graph.problems import Problem
from ess_graph.workspace.store import WorkspaceError

REASONS = {
    errno.EACCES: ("permission refusée", "permission denied"),
    errno.EPERM: ("permission refusée", "permission denied"),
    errno.ENOSPC: ("plus de place sur le disque", "no space left on the disk"),
    errno.EROFS: ("lecture seule", "read-only file system"),
    errno.EISDIR: ("c'est un dossier", "it is a folder"),
    errno.ENOTDIR: ("est un fichier, pas un dossier", "is a file, not a folder"),
    errno.EEXIST: ("un fichier est là où un dossier est attendu", "a file is where a folder"),
}


@pytest.mark.parametrize("code", list(REASONS), ids=errno.errorcode.get)
def test_each_file_system_failure_is_said_in_both_languages(code):
    exc = OSError(code, "strerror in English", "/data/out")
    fr, en = REASONS[code]
    written = failure_message(exc, "fr", action="write")
    assert written.startswith("écriture impossible : /data/out (") and fr in written
    assert fr in failure_message(exc, "fr")
    assert en in failure_message(exc, "en")
    assert "/data/out" in failure_message(exc, "en")


def test_an_unlisted_errno_keeps_the_system_text():
    exc = OSError(errno.ELOOP, "Too many levels of symbolic links", "/a/b")
    assert failure_message(exc, "en", action="read") == (
        "cannot read /a/b: Too many levels of symbolic links"
    )


def test_a_failure_without_a_path_names_the_path_the_command_was_writing():
    exc = OSError(errno.ENOSPC, "No space left on device")
    assert failure_message(exc, "en", path="out/m", action="write") == (
        "cannot write out/m: no space left on the disk"
    )
    assert failure_message(exc, "en") == "error: no space left on the disk"


def test_a_staged_file_is_named_as_the_file_asked_for_relative_as_typed(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    staged = tmp_path / "out" / ".structures.csv.ab12_xyz.tmp"
    exc = PermissionError(errno.EACCES, "Permission denied", str(staged))
    assert failure_message(exc, "en", path="out", action="write") == (
        "cannot write out/structures.csv: permission denied"
    )


def test_a_failure_on_a_parent_names_what_was_asked_and_where_it_failed():
    exc = NotADirectoryError(errno.ENOTDIR, "Not a directory", "/data/notes.txt")
    line = failure_message(exc, "fr", path="/data/notes.txt/sub/out", action="write")
    assert line == (
        "écriture impossible : /data/notes.txt/sub/out (/data/notes.txt : un élément du "
        "chemin est un fichier, pas un dossier)"
    )


def test_domain_errors_say_their_own_message():
    problem = Problem("x", 0, "", "path_missing", "error", {"path": "x"})
    assert failure_message(NetworkPathError(problem), "en") == "path not found: x"
    assert "w.sqlite" in failure_message(WorkspaceError("not_found", path="w.sqlite"), "fr")
    assert not is_internal(WorkspaceError("not_found", path="w.sqlite"))


def test_sqlite_unicode_and_memory_failures_name_the_path():
    full = sqlite3.OperationalError("database or disk is full")
    full.sqlite_errorcode = 13
    assert "plus de place" in failure_message(full, "fr", path="w.sqlite")
    other = sqlite3.OperationalError("no such column: x")
    other.sqlite_errorcode = 1
    assert failure_message(other, "en", path="w.sqlite") == (
        "w.sqlite: SQLite error (no such column: x)"
    )
    bad = UnicodeDecodeError("utf-8", b"\xff", 0, 1, "invalid start byte")
    assert failure_message(bad, "en", path="a.csv").startswith("a.csv: unreadable text")
    assert failure_message(MemoryError(), "en", path="big.xlsx") == (
        "not enough memory to process big.xlsx"
    )
    assert not any(is_internal(e) for e in (full, bad, MemoryError(), OSError()))


def test_anything_else_is_an_internal_error_to_report():
    exc = KeyError("structures")
    assert is_internal(exc)
    assert failure_message(exc, "fr") == (
        "erreur interne : KeyError: 'structures' ; signalez-la (ESS_GRAPH_DEBUG=1 affiche le détail)"
    )
    assert failure_message(ValueError(), "en").startswith("internal error: ValueError;")


def test_the_line_is_one_line_whatever_the_text_holds():
    exc = OSError(errno.EACCES, "Permission denied", "evil\nname\x1b[2J\u2028.csv")
    line = failure_message(exc, "en")
    assert "\n" not in line and "\x1b" not in line and "\u2028" not in line
    assert "evil\\nname\\x1b[2J\\u2028.csv" in line
    assert one_line("  ok  ") == "ok"


def test_nothing_readable_is_one_line_with_the_first_causes(tmp_path):
    # The reader's own problems for a folder without tables and a damaged workbook.
    empty = tmp_path / "vide"
    empty.mkdir()
    problems = read_network(empty).problems
    line = unreadable_message(problems, 0, str(empty), "fr")
    assert line.startswith(f"rien n'a pu être lu dans {empty} : ")
    assert line.count("« structures » manquant") == 1 and line.endswith("(+1)")  # 4 tables
    damaged = tmp_path / "reseau.xlsx"
    damaged.write_bytes(b"PK\x03\x04 not a zip")
    net = read_network(damaged)
    assert unreadable_message(net.problems, 0, str(damaged), "en").startswith(
        f"nothing could be read from {damaged}: reseau: "
    )


def _missing(table: str) -> Problem:
    return Problem(table, 0, "", "table_missing", "error", {"table": table, "found": "—"})


def test_rows_read_or_row_errors_are_not_unreadable():
    assert unreadable_message([_missing("links")], 3, "net", "fr") is None
    row_error = Problem("structures", 2, "id", "value_missing")
    assert unreadable_message([row_error], 0, "net", "fr") is None  # validate's answer
    assert unreadable_message([], 0, "net", "fr") is None
