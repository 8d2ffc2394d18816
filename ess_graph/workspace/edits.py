"""How does one person add, change or remove a link or a structure during a meeting,
without breaking the network or someone else's change?

Every function here validates the edited row with the one validator
(`ess_graph.validate.validate_rows`: the row and the rows it refers to make a tiny
network, and the problems of the edited row decide; no file is written and read back),
then writes the clean row through the one writer path (`Workspace.transaction`), which
journals it. An invalid edit raises
`ValidationError` with the reader's problems and writes nothing; an edit based on a
version of a row that is no longer current raises `ConflictError` carrying the current
row. Warnings (e.g. a pôle that does not exist, dropped as on import) are returned with
the result.

Validation is done before taking the write lock and repeated inside it only when the
rows it depended on changed meanwhile, so a slow check never holds other editors up.

Undo (`undo_last`) reverts the latest batch of changes made by one person (not yet
undone), by appending the inverse changes to the journal; it refuses with a
`ConflictError` when someone changed one of those rows since.
"""

from __future__ import annotations

import json
import sqlite3
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from ess_graph import schema
from ess_graph.i18n import DEFAULT_LANG, register, t
from ess_graph.problems import Problem, format_problems
from ess_graph.tables import cell_text, frame_rows
from ess_graph.validate import VALUE_IGNORED, validate_rows
from ess_graph.workspace.store import (
    ConflictError,
    StoredRow,
    Transaction,
    Workspace,
    WorkspaceError,
    link_key,
    row_key,
)

__all__ = [
    "EditResult",
    "ValidationError",
    "add_link",
    "add_row",
    "edit_row",
    "remove_row",
    "rows_frame",
    "set_link_status",
    "undo_last",
]

register(
    {
        "workspace.invalid": {
            "fr": "modification refusée :\n{problems}",
            "en": "change refused:\n{problems}",
        },
        "workspace.id_immutable": {
            "fr": "l'identifiant d'une ligne ne se modifie pas ({old} → {new}) : supprimez-la puis ajoutez-en une nouvelle",
            "en": "a row's id cannot be changed ({old} → {new}): remove it and add a new one",
        },
        "workspace.id_taken": {
            "fr": "l'identifiant « {id} » est déjà utilisé dans {table}",
            "en": "id '{id}' is already used in {table}",
        },
        "workspace.in_use": {
            "fr": "{table} « {row} » est encore utilisé par {count} ligne(s) de {by} ; retirez-les d'abord",
            "en": "{table} '{row}' is still used by {count} row(s) of {by}; remove them first",
        },
        "workspace.nothing_to_undo": {
            "fr": "rien à annuler pour {who}",
            "en": "nothing to undo for {who}",
        },
        "workspace.who_missing": {
            "fr": "indiquez votre nom (qui fait la modification)",
            "en": "give your name (who makes the change)",
        },
        "workspace.unknown_table": {
            "fr": "table inconnue : {table}",
            "en": "unknown table: {table}",
        },
    }
)

Texts = dict[str, tuple[list[str], list[dict[str, str]]]]

_LINE = 2  # the edited row is the only row of its table: spreadsheet line 2


class ValidationError(WorkspaceError):
    """The edit breaks the data contract; `problems` are the reader's, for the row."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("invalid", problems=format_problems(problems, "en"))

    def message(self, lang: str = DEFAULT_LANG) -> str:
        return t("workspace.invalid", lang, problems=format_problems(self.problems, lang))


@dataclass(frozen=True)
class EditResult:
    """What an edit did.

    row: the row as stored now (None after a removal); changed: False when the edit
    changed nothing (nothing was written); removed: rows removed (the row itself and,
    with ``cascade``, its links); warnings: the reader's warnings on the row.
    """

    row: StoredRow | None
    changed: bool = True
    removed: list[StoredRow] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


def _check_who(who: str) -> str:
    who = (who or "").strip()
    if not who:
        raise WorkspaceError("who_missing")
    return who


def _check_table(table: str) -> schema.Table:
    if table not in schema.TABLES_BY_NAME:
        raise WorkspaceError("unknown_table", table=table)
    return schema.TABLES_BY_NAME[table]


def _texts(values: Mapping[str, Any]) -> dict[str, str]:
    return {str(k): cell_text(v) for k, v in values.items()}


def rows_frame(ws: Workspace, table: str) -> pd.DataFrame:
    """The rows of `table` for a table editor (``st.data_editor``), in the order added.

    Returns
    -------
    DataFrame with columns ``row_key`` and ``row_version`` (pass them back to
    `edit_row` / `remove_row`), then every column of the table as text (schema columns
    first, then extra columns; "" when empty).
    """
    _check_table(table)
    with ws.reading() as conn:
        columns = ws.columns(table, conn)
        rows = ws.rows(table, conn)
    data = {
        "row_key": [r.key for r in rows],
        "row_version": pd.Series([r.version for r in rows], dtype="int64"),
    }
    for c in columns:
        data[c] = [r.values.get(c, "") for r in rows]
    return pd.DataFrame(data, columns=["row_key", "row_version", *columns])


# Validation ------------------------------------------------------------------------------


def _ref(value: str) -> str:
    """An id as the validator compares it (trimmed, NFC), to find the row it names."""
    return unicodedata.normalize("NFC", value.strip())


def _context(ws: Workspace, conn: sqlite3.Connection, table: str, values: dict[str, str]) -> Texts:
    """The tiny network that decides whether `values` is a valid row of `table`."""
    # Optional tables are left out unless the row refers to them (each table read costs
    # a few milliseconds of pandas, and a link never refers to a territory).
    needed = [
        tb
        for tb in schema.TABLES
        if not tb.optional_table or table in ("structures", "poles", tb.name)
    ]
    texts: Texts = {tb.name: (list(tb.names), []) for tb in needed}
    names = list(schema.TABLES_BY_NAME[table].names)
    texts[table] = (names + [c for c in values if c not in names], [values])

    def add(other: str, key: str) -> None:
        row = ws._get(conn, other, key)
        if row is not None:
            texts[other][1].append({c: row.values.get(c, "") for c in texts[other][0]})

    if table == "links":
        ends = dict.fromkeys([_ref(values.get("source", "")), _ref(values.get("target", ""))])
        for end in ends:
            for node_table in schema.NODE_TABLES:
                add(node_table, end)
    if table in ("structures", "poles"):
        for ref in ("territories", "sectors") if table == "structures" else ("territories",):
            cols = texts[ref][0]
            texts[ref] = (
                cols,
                [{c: r.values.get(c, "") for c in cols} for r in ws.rows(ref, conn)],
            )
    if table == "structures" and _ref(values.get("pole", "")):
        add("poles", _ref(values["pole"]))
    # Context tables without a row are left out too (validated without requiring every
    # table): the edited row is checked against what it refers to.
    return {name: content for name, content in texts.items() if name == table or content[1]}


def _check(
    table: str, values: dict[str, str], context: Texts
) -> tuple[dict[str, str], list[Problem]]:
    """The clean row and its warnings; `ValidationError` on any error."""
    net = validate_rows(context, require_tables=False)
    problems = [p for p in net.problems if p.file == table and p.line == _LINE]
    # A value the validator would drop from a file is refused here: the editor can fix it.
    errors = [p for p in problems if p.is_error or p.code in VALUE_IGNORED]
    frame = getattr(net, table)
    if errors or len(frame) != 1:
        raise ValidationError(errors or problems)
    columns = context[table][0]
    return frame_rows(frame, columns)[0], [p for p in problems if not p.is_error]


def _validated(
    ws: Workspace, table: str, values: dict[str, str]
) -> tuple[Texts, dict[str, str], list[Problem]]:
    with ws.reading() as conn:
        context = _context(ws, conn, table, values)
    clean, warnings = _check(table, values, context)
    return context, clean, warnings


def _revalidate(
    tx: Transaction,
    table: str,
    values: dict[str, str],
    seen: Texts,
    clean: dict[str, str],
    warnings: list[Problem],
) -> tuple[dict[str, str], list[Problem]]:
    """Inside the write lock: check again only if the rows the check read have changed."""
    now = _context(tx.workspace, tx.conn, table, values)
    if now == seen:
        return clean, warnings
    return _check(table, values, now)


def _id_free(tx: Transaction, table: str, key: str) -> None:
    """Structures, pôles and partners share one id namespace."""
    if table not in schema.NODE_TABLES:
        return
    for other in schema.NODE_TABLES:
        if other == table:
            continue
        if tx.get(other, key) is not None:
            raise WorkspaceError("id_taken", id=key, table=other)


def _next_link_key(tx: Transaction, values: Mapping[str, str]) -> str:
    found = tx.conn.execute(
        'SELECT key FROM links WHERE "source" = ? AND "target" = ? AND "kind" = ?',
        [values["source"], values["target"], values["kind"]],
    ).fetchall()
    taken = set()
    for (key,) in found:
        parts = json.loads(key)
        taken.add(parts[3] if len(parts) > 3 else 0)
    n = 0
    while n in taken:
        n += 1
    return link_key(values["source"], values["target"], values["kind"], n)


# Adding ------------------------------------------------------------------------------------


def add_row(
    ws: Workspace, table: str, values: Mapping[str, Any], *, who: str, origin: str = "api"
) -> EditResult:
    """Add one row to `table` (any table of the data contract).

    `values` maps column names to cells (text or numbers; extra columns allowed). The row
    is checked as an import would check it; French labels are stored canonical
    (« Mutualisation » -> ``pooling``).

    Raises
    ------
    ValidationError
        The row is invalid (nothing is written).
    ConflictError
        A row with this id (link: same source, target and kind is allowed) exists.
    WorkspaceError
        The id is taken by another kind of node, or `who` is empty.
    """
    _check_table(table)
    who = _check_who(who)
    values = _texts(values)
    context, clean, warnings = _validated(ws, table, values)
    with ws.transaction(who=who, origin=origin) as tx:
        clean, warnings = _revalidate(tx, table, values, context, clean, warnings)
        key = _next_link_key(tx, clean) if table == "links" else row_key(table, clean)
        _id_free(tx, table, key)
        tx.register_columns(table, list(clean))
        row = tx.insert(table, clean, key=key)
    return EditResult(row=row, warnings=warnings)


def add_link(
    ws: Workspace,
    source: str,
    target: str,
    kind: str,
    *,
    who: str,
    since: int | str | None = None,
    weight: float | str | None = None,
    status: str = "confirmed",
    source_of_information: str = "",
    note: str = "",
    extra: Mapping[str, Any] | None = None,
    origin: str = "api",
) -> EditResult:
    """Add a link (``status="proposed"`` for a partnership idea raised in the room,
    ``"declared"`` for a link that `source` alone names).

    >>> import tempfile, pathlib
    >>> ws = Workspace.create(pathlib.Path(tempfile.mkdtemp()) / "w.sqlite")
    >>> for sid in ("a", "b"):
    ...     _ = add_row(ws, "structures", {"id": sid, "name": sid.upper(),
    ...         "family": "association", "sector": "culture", "territory": "brest"}, who="Ana")
    >>> r = add_link(ws, "a", "b", "Mutualisation", who="Ana", status="proposed")
    >>> r.row.key, r.row.values["kind"], r.row.values["status"], r.row.version
    ('["a","b","pooling"]', 'pooling', 'proposed', 1)
    >>> ws.close()
    """
    values: dict[str, Any] = {
        "source": source,
        "target": target,
        "kind": kind,
        "since": "" if since is None else since,
        "weight": "" if weight is None else weight,
        "status": status,
        "source_of_information": source_of_information,
        "note": note,
        **(extra or {}),
    }
    return add_row(ws, "links", values, who=who, origin=origin)


# Changing -----------------------------------------------------------------------------------


def edit_row(
    ws: Workspace,
    table: str,
    key: str,
    changes: Mapping[str, Any],
    *,
    version: int,
    who: str,
    origin: str = "api",
) -> EditResult:
    """Change some cells of one row, if it is still at `version` (the version you read).

    The id of a structure, pôle, partner, territory or sector cannot change. Changing a
    link's source, target or kind gives it a new key (the result's ``row.key``).

    Raises
    ------
    ConflictError
        The row changed (or was removed) since `version` was read: ``exc.current`` holds
        the row as it is now. Nothing is written.
    ValidationError
        The changed row is invalid.
    """
    _check_table(table)
    who = _check_who(who)
    current = ws.get(table, key)
    if current is None or current.version != version:
        raise ConflictError(table, key, version, current, ws.last_author(table, key))
    values = {**current.values, **_texts(changes)}
    if table != "links" and values.get("id", "").strip() != current.values.get("id", ""):
        raise WorkspaceError("id_immutable", old=current.values.get("id", ""), new=values["id"])
    context, clean, warnings = _validated(ws, table, values)
    same_columns = {c: current.values.get(c, "") for c in clean}
    if clean == same_columns:
        return EditResult(row=current, changed=False, warnings=warnings)
    with ws.transaction(who=who, origin=origin) as tx:
        clean, warnings = _revalidate(tx, table, values, context, clean, warnings)
        tx.register_columns(table, list(clean))
        moved = table == "links" and any(
            clean[c] != current.values.get(c, "") for c in ("source", "target", "kind")
        )
        if moved:
            tx.delete(table, key, version=version)
            row = tx.insert(table, clean, key=_next_link_key(tx, clean))
        else:
            row = tx.update(table, key, {**current.values, **clean}, version=version)
    return EditResult(row=row, warnings=warnings)


def set_link_status(
    ws: Workspace, key: str, status: str, *, version: int, who: str, origin: str = "api"
) -> EditResult:
    """Set a link's status (an `edit_row` of it): ``confirmed``, ``proposed`` (an idea) or
    ``declared`` (named by one side only). A coordinator who checked a declared link with
    both structures confirms it: ``set_link_status(ws, key, "confirmed", ...)``."""
    return edit_row(ws, "links", key, {"status": status}, version=version, who=who, origin=origin)


# Removing -----------------------------------------------------------------------------------


def _users(tx: Transaction, table: str, key: str) -> dict[str, list[StoredRow]]:
    """Rows that refer to row `key` of `table`, by table."""
    ws = tx.workspace
    out: dict[str, list[StoredRow]] = {}
    if table in schema.NODE_TABLES:
        links = ws.find("links", "source", key, tx.conn) + [
            r for r in ws.find("links", "target", key, tx.conn) if r.values["source"] != key
        ]
        if links:
            out["links"] = links
    if table == "poles":
        members = ws.find("structures", "pole", key, tx.conn)
        if members:
            out["structures"] = members
    if table in ("territories", "sectors"):
        column = "territory" if table == "territories" else "sector"
        for user in ("structures", "poles") if table == "territories" else ("structures",):
            rows = ws.find(user, column, key, tx.conn)
            if rows:
                out[user] = rows
    return out


def _remove(tx: Transaction, table: str, key: str, version: int, cascade: bool) -> list[StoredRow]:
    removed = []
    users = _users(tx, table, key)
    for by, rows in users.items():
        allowed = (by == "links" and table in schema.NODE_TABLES) or (
            by == "structures" and table == "poles"
        )
        if not (cascade and allowed):
            raise WorkspaceError("in_use", table=table, row=key, count=len(rows), by=by)
    for by, rows in users.items():
        for r in rows:
            if by == "links":
                removed.append(tx.delete("links", r.key, version=r.version))
            else:  # a pôle's members keep existing, without a pôle
                tx.update(by, r.key, {**r.values, "pole": ""}, version=r.version)
    removed.insert(0, tx.delete(table, key, version=version))
    return removed


def remove_row(
    ws: Workspace,
    table: str,
    key: str,
    *,
    version: int,
    who: str,
    origin: str = "api",
    cascade: bool = False,
) -> EditResult:
    """Remove one row, if it is still at `version`.

    A structure, pôle or partner that links still use (a pôle that structures belong to;
    a territory or sector in use) is refused with ``WorkspaceError("in_use")``, unless
    ``cascade=True``: its links are removed too, and a pôle's members lose their pôle, in
    the same transaction (territories and sectors in use are always refused).
    """
    _check_table(table)
    who = _check_who(who)
    with ws.transaction(who=who, origin=origin) as tx:
        current = tx.get(table, key)
        if current is None or current.version != version:
            raise ConflictError(table, key, version, current, ws.last_author(table, key, tx.conn))
        removed = _remove(tx, table, key, version, cascade)
    return EditResult(row=None, removed=removed)


# Undo ---------------------------------------------------------------------------------------


_UNDO_ROW_CHECKS = 20  # above this many changes, validate the whole result once
_UNDO_PHASE = {"add": 0, "change": 1, "remove": 2}
_DEPENDENCY = {
    "links": 0,
    "structures": 1,
    "poles": 2,
    "partners": 2,
    "territories": 3,
    "sectors": 3,
}
_UNDO_RANK = {
    "add": _DEPENDENCY,  # removing: links first
    "change": dict.fromkeys(_DEPENDENCY, 0),
    "remove": {k: 3 - v for k, v in _DEPENDENCY.items()},  # putting back: links last
}


def _untouched_since(tx: Transaction, table: str, key: str, seq: int, who: str) -> bool:
    """Has nobody but `who`, through changes since undone (or undos), touched the row
    after journal entry `seq`?"""
    found = tx.conn.execute(
        "SELECT COUNT(*) FROM journal j WHERE tbl = ? AND key = ? AND seq > ? AND NOT ("
        "who = ? AND (undoes IS NOT NULL OR EXISTS (SELECT 1 FROM journal u WHERE u.undoes = j.seq)))",
        [table, key, seq, who],
    ).fetchone()[0]
    return found == 0


@dataclass(frozen=True)
class UndoResult:
    """The journal batch that was reverted and the rows it touched (table, key)."""

    batch: str
    reverted: list[tuple[str, str]]


def undo_last(ws: Workspace, *, who: str, origin: str = "undo") -> UndoResult:
    """Revert the latest batch of changes made by `who` that is not undone yet.

    Only `who`'s own changes are considered: someone else's later changes are left
    alone. Calling it again reverts the batch before, and so on.

    Raises
    ------
    WorkspaceError
        ``nothing_to_undo`` when `who` has no change left to revert; ``in_use`` when
        reverting an addition would orphan rows added since.
    ConflictError
        Someone changed one of the rows since (``exc.current`` is the row now).
    ValidationError
        Putting a removed row back would be invalid now (e.g. its structure is gone).
    """
    who = _check_who(who)
    with ws.transaction(who=who, origin=origin) as tx:
        found = tx.conn.execute(
            "SELECT batch FROM journal j WHERE who = ? AND undoes IS NULL "
            # survey answers and campaigns are not undone here (their own tables)
            f"AND tbl IN ({', '.join(repr(tb.name) for tb in schema.TABLES)}) "
            "AND NOT EXISTS (SELECT 1 FROM journal u WHERE u.undoes = j.seq) "
            "ORDER BY seq DESC LIMIT 1",
            [who],
        ).fetchone()
        if found is None:
            raise WorkspaceError("nothing_to_undo", who=who)
        batch = found[0]
        entries = tx.conn.execute(
            "SELECT seq, action, tbl, key, before, after, version FROM journal "
            "WHERE batch = ? ORDER BY seq DESC",
            [batch],
        ).fetchall()
        # Inverse order, and dependencies first: links go before the nodes they join,
        # nodes come back before the links that join them.
        entries.sort(key=lambda e: (_UNDO_PHASE[e[1]], _UNDO_RANK[e[1]][e[2]], -e[0]))
        per_row = len(entries) <= _UNDO_ROW_CHECKS
        reverted = []
        for seq, action, table, key, before, _after, version in entries:
            tx.undoes[f"{table}\x1f{key}"] = seq
            current = tx.get(table, key)
            if action in ("add", "change") and (
                current is None or not _untouched_since(tx, table, key, seq, who)
            ):
                raise ConflictError(
                    table, key, version, current, ws.last_author(table, key, tx.conn)
                )
            if action == "add":
                _remove(tx, table, key, current.version, cascade=False)
            elif action == "change":
                restored = json.loads(before)
                if per_row:
                    _check(table, restored, _context(ws, tx.conn, table, restored))
                tx.update(table, key, restored, version=current.version)
            else:  # remove: put the row back
                if current is not None:
                    raise ConflictError(
                        table, key, None, current, ws.last_author(table, key, tx.conn)
                    )
                restored = json.loads(before)
                if per_row:
                    _check(table, restored, _context(ws, tx.conn, table, restored))
                _id_free(tx, table, key)
                tx.insert(table, restored, key=key)
            reverted.append((table, key))
        if not per_row:  # a big batch (an import): check the result once, as an import
            errors = [p for p in ws.network(tx.conn).problems if p.is_error]
            if errors:
                raise ValidationError(errors)
    return UndoResult(batch=batch, reverted=reverted)
