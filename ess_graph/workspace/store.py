"""Where does a meeting's network live while several people edit it, and how is nothing lost?

A workspace is one SQLite file holding the tables of the data contract
(`ess_graph.schema.TABLES`) and an append-only journal of every change. This module owns
the connection, the SQL schema, the pragmas and the **one writer path**
(`Workspace.transaction`): every change to a table goes through a `Transaction`, which
writes the row and its journal entry in the same ``BEGIN IMMEDIATE`` transaction.

Storage
-------
- one SQL table per schema table, with one TEXT column per schema column, an ``extra``
  column (JSON object: the extra columns of the row, as text), a ``key`` (the id; for a
  link, ``["source","target","kind"]`` as JSON, with an occurrence number appended when
  the same three repeat) and a ``version`` (1 when added, +1 at every change). Cells are
  held as the text a CSV file would hold (``2009``, ``48.39``, ``""`` when empty), so
  that reading them back goes through the one validator (`ess_graph.validate`).
- ``journal``: ``seq, batch, at (UTC ISO), who, origin, action (add|change|remove), tbl,
  key, before, after (JSON rows), version, undoes``. Triggers refuse UPDATE and DELETE:
  the journal is append-only; an undo appends the inverse changes.
- ``meta``: format version, extra column names of each table (in order), demo notice.
- ``snapshots`` (`ess_graph.workspace.snapshots`): named immutable copies.

Settings (why: docs/RELIABILITY.md)
-----------------------------------
``journal_mode=WAL`` (readers never block the writer and the writer never blocks
readers), ``synchronous=FULL`` (a change reported as saved survives a power cut: in WAL
mode ``NORMAL`` may lose the last transactions), ``busy_timeout`` of 30 s, and every
write in ``BEGIN IMMEDIATE`` (takes the write lock before reading, so two read-then-write
transactions never deadlock and the busy handler applies), with a retry when ``BEGIN``
itself still reports SQLITE_BUSY.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import sqlite3
import time
import uuid
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ess_graph import __version__, schema
from ess_graph.i18n import DEFAULT_LANG, register, t
from ess_graph.tables import cell_text

__all__ = [
    "DEFAULT_FILE",
    "WORKSPACE_ENV",
    "ConflictError",
    "StoredRow",
    "Transaction",
    "Workspace",
    "WorkspaceError",
    "link_key",
    "sqlite_failure",
    "workspace_path",
]

#: Environment variable naming the workspace file when ``--file`` is not given.
WORKSPACE_ENV = "ESS_GRAPH_WORKSPACE"
#: The workspace file used when neither ``--file`` nor the environment names one.
DEFAULT_FILE = "ess_graph_workspace.sqlite"
#: The layout of the file. A file whose ``meta.format_version`` is higher was written by a
#: newer ess_graph: it is refused, never written to (an older program would corrupt it).
#: Format 2 adds the survey tables (`ess_graph.survey.campaigns`) and the ``declared`` link
#: status; a format-1 file is read as it is and becomes format 2 when a survey is opened.
FORMAT_VERSION = "2"
BUSY_TIMEOUT_S = 30.0
#: How many times ``BEGIN IMMEDIATE`` is tried again after SQLITE_BUSY (each try itself
#: waits up to the busy timeout).
BEGIN_RETRIES = 20

_SQLITE_BUSY = 5
_SQLITE_LOCKED = 6
#: SQLite primary result codes (the low byte of the extended code) that are the file
#: system's or the file's fault, and the `WorkspaceError` code a user reads for each.
_SQLITE_FAILURES = {
    8: "read_only",  # SQLITE_READONLY, incl. READONLY_DIRECTORY (no -wal/-shm possible)
    10: "disk_error",  # SQLITE_IOERR
    11: "damaged",  # SQLITE_CORRUPT
    13: "disk_full",  # SQLITE_FULL
    14: "cannot_open",  # SQLITE_CANTOPEN
    26: "not_a_workspace",  # SQLITE_NOTADB
}
_ROW_COLUMNS = ("rid", "key", "version", "extra")

register(
    {
        "workspace.not_found": {
            "fr": "espace de travail introuvable : {path} (créez-le avec « ess-graph workspace init »)",
            "en": "workspace not found: {path} (create it with 'ess-graph workspace init')",
        },
        "workspace.not_a_workspace": {
            "fr": "{path} n'est pas un espace de travail ess_graph",
            "en": "{path} is not an ess_graph workspace",
        },
        "workspace.is_a_folder": {
            "fr": "{path} est un dossier : un fichier d'espace de travail (.sqlite) est attendu",
            "en": "{path} is a folder: a workspace file (.sqlite) is expected",
        },
        "workspace.newer_version": {
            "fr": "{path} a été écrit par une version plus récente d'ess_graph ({theirs}) ; celle-ci ({ours}) ne sait pas le lire : mettez ess_graph à jour (le fichier n'a pas été modifié)",
            "en": "{path} was written by a newer ess_graph ({theirs}); this one ({ours}) cannot read it: update ess_graph (the file was not changed)",
        },
        "workspace.read_only": {
            "fr": "l'espace de travail {path} est en lecture seule (le fichier ou son dossier est protégé en écriture) : rien n'a été enregistré",
            "en": "the workspace {path} is read-only (the file or its folder is write-protected): nothing was saved",
        },
        "workspace.disk_full": {
            "fr": "plus de place sur le disque pour l'espace de travail {path} : rien n'a été enregistré",
            "en": "no space left on the disk for the workspace {path}: nothing was saved",
        },
        "workspace.disk_error": {
            "fr": "erreur du disque sur l'espace de travail {path} ({reason}) : rien n'a été enregistré",
            "en": "disk error on the workspace {path} ({reason}): nothing was saved",
        },
        "workspace.damaged": {
            "fr": "l'espace de travail {path} est endommagé ({reason})",
            "en": "the workspace {path} is damaged ({reason})",
        },
        "workspace.cannot_open": {
            "fr": "impossible d'ouvrir l'espace de travail {path} (fichier illisible, ou dossier protégé en écriture)",
            "en": "cannot open the workspace {path} (unreadable file, or write-protected folder)",
        },
        "workspace.cannot_create": {
            "fr": "impossible de créer l'espace de travail {path} (dossier protégé en écriture ?)",
            "en": "cannot create the workspace {path} (write-protected folder?)",
        },
        "workspace.exists": {
            "fr": "l'espace de travail existe déjà : {path}",
            "en": "the workspace already exists: {path}",
        },
        "workspace.conflict_changed": {
            "fr": "conflit : {table} « {row} » a été modifié par {who} pendant votre saisie (version {expected} lue, version {current} maintenant). Valeur actuelle : {value}. Relisez-la puis refaites votre modification.",
            "en": "conflict: {table} '{row}' was changed by {who} while you were editing (you read version {expected}, it is now version {current}). Current value: {value}. Read it again, then redo your change.",
        },
        "workspace.conflict_removed": {
            "fr": "conflit : {table} « {row} » a été supprimé pendant votre saisie.",
            "en": "conflict: {table} '{row}' was removed while you were editing.",
        },
        "workspace.conflict_exists": {
            "fr": "conflit : {table} « {row} » existe déjà (ajouté par {who}). Valeur actuelle : {value}.",
            "en": "conflict: {table} '{row}' already exists (added by {who}). Current value: {value}.",
        },
        "workspace.someone": {"fr": "quelqu'un", "en": "someone"},
        "workspace.busy": {
            "fr": "l'espace de travail est occupé depuis trop longtemps ; réessayez",
            "en": "the workspace has been busy for too long; try again",
        },
    }
)


class WorkspaceError(Exception):
    """A workspace problem a user can act on; `message(lang)` says what to do."""

    def __init__(self, code: str, **params: Any) -> None:
        self.code = code
        self.params = params
        super().__init__(self.message("en"))

    def message(self, lang: str = DEFAULT_LANG) -> str:
        return t(f"workspace.{self.code}", lang, **self.params)


class ConflictError(WorkspaceError):
    """An edit was based on a version of a row that is no longer the current one.

    Attributes
    ----------
    table, key : str
        The row.
    expected : int or None
        The version the editor read (None when the editor was adding the row).
    current : StoredRow or None
        The row as it is now (None when it was removed).
    who : str
        Who made the current version ("" when unknown).
    """

    def __init__(
        self,
        table: str,
        key: str,
        expected: int | None,
        current: StoredRow | None,
        who: str = "",
    ) -> None:
        self.table = table
        self.key = key
        self.expected = expected
        self.current = current
        self.who = who
        if current is None:
            code = "conflict_removed"
        elif expected is None:
            code = "conflict_exists"
        else:
            code = "conflict_changed"
        value = "" if current is None else _short(current.values)
        super().__init__(
            code,
            table=table,
            row=key,
            expected=expected,
            current=None if current is None else current.version,
            value=value,
            who=who,
        )

    def message(self, lang: str = DEFAULT_LANG) -> str:
        params = dict(self.params)
        if not params.get("who"):
            params["who"] = t("workspace.someone", lang)
        return t(f"workspace.{self.code}", lang, **params)


def _short(values: Mapping[str, str]) -> str:
    return ", ".join(f"{k}={v}" for k, v in values.items() if v != "")


def sqlite_failure(exc: sqlite3.Error, path: str | os.PathLike[str]) -> WorkspaceError | None:
    """The `WorkspaceError` a user reads for an SQLite error that is the disk's or the
    file's fault (read-only, full, damaged...), or None for any other error.

    >>> err = sqlite3.OperationalError("database or disk is full")
    >>> err.sqlite_errorcode = 13
    >>> sqlite_failure(err, "w.sqlite").code
    'disk_full'
    """
    code = getattr(exc, "sqlite_errorcode", None)
    name = None if code is None else _SQLITE_FAILURES.get(code & 0xFF)
    if name is None:
        return None
    return WorkspaceError(name, path=str(path), reason=str(exc))


def _version_number(text: str) -> float:
    try:
        return float(int(text))
    except ValueError:
        return float("inf")  # not a version we wrote: treat as newer, never write to it


def workspace_path(file: str | os.PathLike[str] | None = None) -> Path:
    """The workspace file: `file` if given, else ``$ESS_GRAPH_WORKSPACE``, else
    ``./ess_graph_workspace.sqlite``.

    >>> workspace_path("w.sqlite").name
    'w.sqlite'
    """
    if file:
        return Path(file)
    env = os.environ.get(WORKSPACE_ENV)
    if env:
        return Path(env)
    return Path(DEFAULT_FILE)


def now_utc() -> str:
    """The current time, UTC, ISO 8601 with microseconds (sorts as text)."""
    return datetime.now(UTC).isoformat(timespec="microseconds")


def link_key(source: str, target: str, kind: str, occurrence: int = 0) -> str:
    """The key of a link: its source, target and kind (and occurrence number when the
    same three appear more than once), as compact JSON.

    >>> link_key("s1", "s2", "pooling")
    '["s1","s2","pooling"]'
    >>> link_key("s1", "s2", "pooling", 1)
    '["s1","s2","pooling",1]'
    """
    parts: list[Any] = [source, target, kind]
    if occurrence:
        parts.append(occurrence)
    return json.dumps(parts, ensure_ascii=False, separators=(",", ":"))


def row_key(table: str, values: Mapping[str, str], occurrence: int = 0) -> str:
    """The key of a row of `table`: its id, or `link_key` for a link."""
    if table == "links":
        return link_key(
            values.get("source", ""), values.get("target", ""), values.get("kind", ""), occurrence
        )
    return values.get("id", "")


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


@dataclass(frozen=True)
class StoredRow:
    """One row as stored: its key, version and values (every column as text, the schema
    columns first, then the extra columns of the row)."""

    table: str
    key: str
    version: int
    values: dict[str, str]

    def as_dict(self) -> dict[str, Any]:
        return {"table": self.table, "key": self.key, "version": self.version, **self.values}


@dataclass
class Transaction:
    """The only object that changes a table. Every change writes one journal entry.

    Obtained from `Workspace.transaction`; valid until the ``with`` block ends.
    """

    conn: sqlite3.Connection
    workspace: Workspace
    batch: str
    who: str
    origin: str
    at: str
    undoes: dict[str, int] = field(default_factory=dict)
    changes: int = 0

    # Reading inside the transaction sees the latest committed state (we hold the lock).
    def get(self, table: str, key: str) -> StoredRow | None:
        return self.workspace._get(self.conn, table, key)

    def insert(self, table: str, values: Mapping[str, str], *, key: str | None = None) -> StoredRow:
        """Add a row; `ConflictError` when the key exists. Returns the stored row."""
        key = key if key is not None else row_key(table, values)
        current = self.get(table, key)
        if current is not None:
            raise ConflictError(
                table, key, None, current, self.workspace.last_author(table, key, self.conn)
            )
        row = self.workspace._split(table, values)
        cols = [*schema.TABLES_BY_NAME[table].names]
        self.conn.execute(
            f"INSERT INTO {_q(table)} (key, version, extra, {', '.join(map(_q, cols))}) "
            f"VALUES (?, 1, ?, {', '.join('?' for _ in cols)})",
            [key, json.dumps(row.extra, ensure_ascii=False), *(row.main[c] for c in cols)],
        )
        stored = StoredRow(table, key, 1, row.merged())
        self.log("add", table, key, None, stored)
        return stored

    def update(self, table: str, key: str, values: Mapping[str, str], *, version: int) -> StoredRow:
        """Replace a row's values if its version is still `version`; else `ConflictError`."""
        current = self.get(table, key)
        if current is None or current.version != version:
            raise ConflictError(
                table, key, version, current, self.workspace.last_author(table, key, self.conn)
            )
        row = self.workspace._split(table, values)
        cols = [*schema.TABLES_BY_NAME[table].names]
        new_version = version + 1
        self.conn.execute(
            f"UPDATE {_q(table)} SET version = ?, extra = ?, "
            f"{', '.join(f'{_q(c)} = ?' for c in cols)} WHERE key = ?",
            [
                new_version,
                json.dumps(row.extra, ensure_ascii=False),
                *(row.main[c] for c in cols),
                key,
            ],
        )
        stored = StoredRow(table, key, new_version, row.merged())
        self.log("change", table, key, current, stored)
        return stored

    def delete(self, table: str, key: str, *, version: int) -> StoredRow:
        """Remove a row if its version is still `version`; else `ConflictError`."""
        current = self.get(table, key)
        if current is None or current.version != version:
            raise ConflictError(
                table, key, version, current, self.workspace.last_author(table, key, self.conn)
            )
        self.conn.execute(f"DELETE FROM {_q(table)} WHERE key = ?", [key])
        self.log("remove", table, key, current, None)
        return current

    def log(
        self,
        action: str,
        table: str,
        key: str,
        before: StoredRow | None,
        after: StoredRow | None,
    ) -> None:
        """Write the journal entry of a change made in this transaction (`insert`,
        `update` and `delete` call it; the survey calls it for its own tables)."""
        self.conn.execute(
            "INSERT INTO journal (batch, at, who, origin, action, tbl, key, before, after, "
            "version, undoes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                self.batch,
                self.at,
                self.who,
                self.origin,
                action,
                table,
                key,
                None if before is None else json.dumps(before.values, ensure_ascii=False),
                None if after is None else json.dumps(after.values, ensure_ascii=False),
                None if after is None else after.version,
                self.undoes.get(f"{table}\x1f{key}"),
            ],
        )
        self.changes += 1
        hook = self.workspace.progress_hook
        if hook is not None:
            hook(self.changes)

    def register_columns(self, table: str, names: Sequence[str]) -> None:
        """Remember extra column names of `table` (order of first appearance)."""
        self.workspace._register_columns(self.conn, table, names)

    def set_meta(self, key: str, value: str) -> None:
        self.conn.execute(
            "INSERT INTO meta (key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            [key, value],
        )


@dataclass
class _SplitRow:
    main: dict[str, str]
    extra: dict[str, str]

    def merged(self) -> dict[str, str]:
        return {**self.main, **self.extra}


class Workspace:
    """An open workspace file. One per thread (SQLite connections are not shared);
    opening one is cheap.

    Use `Workspace.create(path)` for a new file and `Workspace(path)` to open one; both
    are context managers that close the connection.
    """

    def __init__(self, path: str | os.PathLike[str], *, timeout: float = BUSY_TIMEOUT_S) -> None:
        self.path = Path(path)
        if self.path.is_dir():
            raise WorkspaceError("is_a_folder", path=str(self.path))
        if not self.path.is_file():
            raise WorkspaceError("not_found", path=str(self.path))
        try:
            self._conn = self._connect(self.path, timeout)
        except sqlite3.DatabaseError as exc:  # e.g. "file is not a database" at the first PRAGMA
            raise self._open_failure(exc) from None
        self.timeout = timeout
        #: Called with the number of changes written so far in the current transaction
        #: (tests use it to kill a process in the middle of one).
        self.progress_hook: Callable[[int], None] | None = None
        #: Busy retries of BEGIN IMMEDIATE since opening, and the time spent waiting for
        #: the write lock (total and longest), in seconds (docs/RELIABILITY.md).
        self.busy_retries = 0
        self.lock_wait_total = 0.0
        self.lock_wait_max = 0.0
        try:
            self._check_format()
            if self._conn.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
                self._conn.execute("PRAGMA journal_mode=WAL")
        except sqlite3.DatabaseError as exc:
            self._conn.close()
            raise self._open_failure(exc) from None
        except BaseException:
            self._conn.close()
            raise

    def _open_failure(self, exc: sqlite3.Error) -> WorkspaceError:
        # "no such table: meta" (an SQLite file of another program) and anything not
        # listed in _SQLITE_FAILURES: the file is not ours.
        return sqlite_failure(exc, self.path) or WorkspaceError(
            "not_a_workspace", path=str(self.path)
        )

    def _check_format(self) -> None:
        """Refuse a file that is not a workspace, or one written by a newer ess_graph,
        before anything is written to it (the WAL pragma writes)."""
        try:
            rows = dict(
                self._conn.execute(
                    "SELECT key, value FROM meta WHERE key IN ('format_version', 'ess_graph_version')"
                ).fetchall()
            )
        except sqlite3.OperationalError as exc:
            if sqlite_failure(exc, self.path) is not None:
                raise
            rows = {}
        found = rows.get("format_version")
        if found is None:
            raise WorkspaceError("not_a_workspace", path=str(self.path))
        if _version_number(str(found)) > int(FORMAT_VERSION):
            written_by = rows.get("ess_graph_version")
            theirs = f"format {found}" + (f", ess_graph {written_by}" if written_by else "")
            raise WorkspaceError(
                "newer_version",
                path=str(self.path),
                version=str(found),
                theirs=theirs,
                ours=f"ess_graph {__version__}, format {FORMAT_VERSION}",
            )

    # Opening ------------------------------------------------------------------------
    @staticmethod
    def _connect(path: Path, timeout: float) -> sqlite3.Connection:
        # isolation_level=None: no implicit BEGIN; we issue BEGIN IMMEDIATE ourselves.
        conn = sqlite3.connect(str(path), timeout=timeout, isolation_level=None)
        conn.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
        conn.execute("PRAGMA synchronous = FULL")
        return conn

    @classmethod
    def create(cls, path: str | os.PathLike[str], *, timeout: float = BUSY_TIMEOUT_S) -> Workspace:
        """Create a new, empty workspace file; `WorkspaceError` if one exists there."""
        p = Path(path)
        if p.is_dir():
            raise WorkspaceError("is_a_folder", path=str(p))
        if p.exists():
            raise WorkspaceError("exists", path=str(p))
        p.parent.mkdir(parents=True, exist_ok=True)
        try:
            conn = cls._connect(p, timeout)
            try:
                conn.execute("PRAGMA journal_mode=WAL")
                conn.execute("BEGIN IMMEDIATE")
                for statement in _schema_sql():
                    conn.execute(statement)
                conn.execute(
                    "INSERT INTO meta (key, value) VALUES ('format_version', ?), "
                    "('ess_graph_version', ?), ('created_at', ?)",
                    [FORMAT_VERSION, __version__, now_utc()],
                )
                conn.execute("COMMIT")
            finally:
                conn.close()
        except BaseException as exc:
            # A half-made file would later read as "not a workspace" and block `init`.
            for leftover in (p, *(p.with_name(p.name + s) for s in ("-wal", "-shm", "-journal"))):
                with contextlib.suppress(OSError):
                    leftover.unlink()
            if isinstance(exc, sqlite3.Error):
                failure = sqlite_failure(exc, p)
                if failure is not None and failure.code in ("read_only", "cannot_open"):
                    failure = WorkspaceError("cannot_create", path=str(p))
                if failure is not None:
                    raise failure from None
            raise
        return cls(p, timeout=timeout)

    @classmethod
    def open_or_create(cls, path: str | os.PathLike[str]) -> Workspace:
        p = Path(path)
        if p.exists():
            return cls(p)
        try:
            return cls.create(p)
        except WorkspaceError:  # created meanwhile by another process
            return cls(p)

    @property
    def connection(self) -> sqlite3.Connection:
        """The connection, for reading (never write through it: use `transaction`)."""
        return self._conn

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # The one writer path ---------------------------------------------------------------
    def _begin_immediate(self) -> None:
        delay = 0.01
        start = time.perf_counter()
        for attempt in range(BEGIN_RETRIES + 1):
            try:
                self._conn.execute("BEGIN IMMEDIATE")
                waited = time.perf_counter() - start
                self.lock_wait_total += waited
                self.lock_wait_max = max(self.lock_wait_max, waited)
                return
            except sqlite3.OperationalError as exc:
                code = getattr(exc, "sqlite_errorcode", None)
                busy = code in (_SQLITE_BUSY, _SQLITE_LOCKED) or "locked" in str(exc)
                if not busy or attempt == BEGIN_RETRIES:
                    if busy:
                        raise WorkspaceError("busy") from exc
                    raise
                self.busy_retries += 1
                time.sleep(delay * (1 + random.random()))
                delay = min(delay * 2, 1.0)

    @contextlib.contextmanager
    def transaction(
        self, *, who: str, origin: str, undoes: Mapping[str, int] | None = None
    ) -> Iterator[Transaction]:
        """Open a write transaction: ``with ws.transaction(who=..., origin=...) as tx:``.

        Everything written through `tx` is committed together when the block ends, or
        not at all if it raises (the exception is passed on). All entries share one
        ``batch`` id and one timestamp.
        """
        try:
            self._begin_immediate()
        except sqlite3.Error as exc:
            failure = sqlite_failure(exc, self.path)
            if failure is None:
                raise
            raise failure from exc
        tx = Transaction(
            conn=self._conn,
            workspace=self,
            batch=uuid.uuid4().hex,
            who=who,
            origin=origin,
            at=now_utc(),
            undoes=dict(undoes or {}),
        )
        try:
            yield tx
            self._conn.execute("COMMIT")
        except BaseException as exc:
            if self._conn.in_transaction:  # the block failed, or COMMIT itself did
                with contextlib.suppress(sqlite3.Error):  # SQLite may have rolled back
                    self._conn.execute("ROLLBACK")
            failure = sqlite_failure(exc, self.path) if isinstance(exc, sqlite3.Error) else None
            if failure is None:
                raise
            raise failure from exc

    @contextlib.contextmanager
    def reading(self) -> Iterator[sqlite3.Connection]:
        """A read transaction: every query inside sees one consistent state (WAL snapshot)."""
        try:
            self._conn.execute("BEGIN")
            try:
                yield self._conn
            finally:
                if self._conn.in_transaction:
                    self._conn.execute("COMMIT")
        except sqlite3.Error as exc:
            failure = sqlite_failure(exc, self.path)
            if failure is None:
                raise
            raise failure from exc

    # Reading --------------------------------------------------------------------------
    def extra_columns(self, table: str, conn: sqlite3.Connection | None = None) -> list[str]:
        """Extra column names of `table`, in the order they were first seen."""
        conn = conn or self._conn
        found = conn.execute(
            "SELECT value FROM meta WHERE key = ?", [f"columns.{table}"]
        ).fetchone()
        return json.loads(found[0]) if found else []

    def columns(self, table: str, conn: sqlite3.Connection | None = None) -> list[str]:
        """All columns of `table`: the schema's, then the extra ones."""
        return [*schema.TABLES_BY_NAME[table].names, *self.extra_columns(table, conn)]

    def _register_columns(self, conn: sqlite3.Connection, table: str, names: Sequence[str]) -> None:
        known = self.extra_columns(table, conn)
        base = set(schema.TABLES_BY_NAME[table].names)
        new = [n for n in names if n not in base and n not in known]
        if new:
            conn.execute(
                "INSERT INTO meta (key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                [f"columns.{table}", json.dumps([*known, *new], ensure_ascii=False)],
            )

    def meta(self, key: str, conn: sqlite3.Connection | None = None) -> str | None:
        conn = conn or self._conn
        found = conn.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
        return None if found is None else found[0]

    def _split(self, table: str, values: Mapping[str, Any]) -> _SplitRow:
        names = schema.TABLES_BY_NAME[table].names
        main = {n: cell_text(values.get(n, "")) for n in names}
        extra = {k: cell_text(v) for k, v in values.items() if k not in names}
        return _SplitRow(main, extra)

    def _row(self, table: str, record: Sequence[Any], names: Sequence[str]) -> StoredRow:
        # record: key, version, extra, then the schema columns
        key, version, extra = record[0], record[1], record[2]
        values = dict(zip(names, (v if v is not None else "" for v in record[3:]), strict=True))
        values.update(json.loads(extra) if extra else {})
        return StoredRow(table, key, int(version), values)

    def _select(self, table: str) -> tuple[str, tuple[str, ...]]:
        names = schema.TABLES_BY_NAME[table].names
        return (
            f"SELECT key, version, extra, {', '.join(map(_q, names))} FROM {_q(table)}",
            names,
        )

    def _get(self, conn: sqlite3.Connection, table: str, key: str) -> StoredRow | None:
        sql, names = self._select(table)
        found = conn.execute(sql + " WHERE key = ?", [key]).fetchone()
        return None if found is None else self._row(table, found, names)

    def get(self, table: str, key: str) -> StoredRow | None:
        """The row of `table` with this key, or None."""
        return self._get(self._conn, table, key)

    def rows(self, table: str, conn: sqlite3.Connection | None = None) -> list[StoredRow]:
        """Every row of `table`, in the order they were added."""
        conn = conn or self._conn
        sql, names = self._select(table)
        return [self._row(table, r, names) for r in conn.execute(sql + " ORDER BY rid")]

    def find(
        self, table: str, column: str, value: str, conn: sqlite3.Connection | None = None
    ) -> list[StoredRow]:
        """Rows of `table` whose schema `column` equals `value`."""
        conn = conn or self._conn
        if column not in schema.TABLES_BY_NAME[table].names:
            raise ValueError(f"{column!r} is not a column of {table}")
        sql, names = self._select(table)
        return [
            self._row(table, r, names)
            for r in conn.execute(sql + f" WHERE {_q(column)} = ? ORDER BY rid", [value])
        ]

    def count(self, table: str, conn: sqlite3.Connection | None = None) -> int:
        conn = conn or self._conn
        return int(conn.execute(f"SELECT COUNT(*) FROM {_q(table)}").fetchone()[0])

    def last_author(self, table: str, key: str, conn: sqlite3.Connection | None = None) -> str:
        """Who wrote the latest journal entry of this row ("" when none)."""
        conn = conn or self._conn
        found = conn.execute(
            "SELECT who FROM journal WHERE tbl = ? AND key = ? ORDER BY seq DESC LIMIT 1",
            [table, key],
        ).fetchone()
        return "" if found is None else found[0]

    def texts(
        self, conn: sqlite3.Connection | None = None
    ) -> dict[str, tuple[list[str], list[dict[str, str]]]]:
        """Every table as (columns, rows of text), read in one consistent state."""
        if conn is not None:
            return {
                tb.name: (self.columns(tb.name, conn), [r.values for r in self.rows(tb.name, conn)])
                for tb in schema.TABLES
            }
        with self.reading() as c:
            return self.texts(c)

    def network(self, conn: sqlite3.Connection | None = None):
        """The workspace's network, through the one validator (`ess_graph.validate`: same
        clean tables, dtypes and checks as a file); ``net.problems`` should be empty."""
        from ess_graph.validate import validate_rows

        if conn is None:
            with self.reading() as c:
                return self.network(c)
        return validate_rows(
            self.texts(conn),
            fictional=self.meta("fictional_text", conn),
            source=str(self.path),
        )

    def integrity_check(self) -> str:
        """``PRAGMA integrity_check``: "ok" for a sound file."""
        return str(self._conn.execute("PRAGMA integrity_check").fetchone()[0])


def _schema_sql() -> list[str]:
    out = [
        "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
        """CREATE TABLE journal (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            batch TEXT NOT NULL,
            at TEXT NOT NULL,
            who TEXT NOT NULL,
            origin TEXT NOT NULL,
            action TEXT NOT NULL CHECK (action IN ('add', 'change', 'remove')),
            tbl TEXT NOT NULL,
            key TEXT NOT NULL,
            before TEXT,
            after TEXT,
            version INTEGER,
            undoes INTEGER REFERENCES journal(seq)
        )""",
        "CREATE INDEX journal_row ON journal (tbl, key, seq)",
        "CREATE INDEX journal_who ON journal (who, seq)",
        "CREATE INDEX journal_undoes ON journal (undoes)",
        "CREATE INDEX journal_batch ON journal (batch)",
        """CREATE TRIGGER journal_no_update BEFORE UPDATE ON journal
           BEGIN SELECT RAISE(ABORT, 'the journal is append-only'); END""",
        """CREATE TRIGGER journal_no_delete BEFORE DELETE ON journal
           BEGIN SELECT RAISE(ABORT, 'the journal is append-only'); END""",
        """CREATE TABLE snapshots (
            name TEXT PRIMARY KEY,
            at TEXT NOT NULL,
            who TEXT NOT NULL,
            journal_seq INTEGER NOT NULL,
            data BLOB NOT NULL
        )""",
        """CREATE TRIGGER snapshots_no_update BEFORE UPDATE ON snapshots
           BEGIN SELECT RAISE(ABORT, 'snapshots are immutable'); END""",
        """CREATE TRIGGER snapshots_no_delete BEFORE DELETE ON snapshots
           BEGIN SELECT RAISE(ABORT, 'snapshots are immutable'); END""",
    ]
    for table in schema.TABLES:
        cols = ", ".join(f"{_q(c)} TEXT NOT NULL DEFAULT ''" for c in table.names)
        out.append(
            f"CREATE TABLE {_q(table.name)} (rid INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, "
            f"version INTEGER NOT NULL, extra TEXT NOT NULL DEFAULT '{{}}', {cols})"
        )
        if table.name == "links":
            out.append('CREATE INDEX links_source ON links ("source")')
            out.append('CREATE INDEX links_target ON links ("target")')
        if table.name == "structures":
            out.append('CREATE INDEX structures_pole ON structures ("pole")')
    return out
