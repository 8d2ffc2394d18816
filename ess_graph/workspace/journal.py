"""Who changed what, when, and from where? The workspace's journal, as entries or a table.

The journal is append-only (SQL triggers refuse UPDATE and DELETE, see
`ess_graph.workspace.store`); this module only reads it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import pandas as pd

from ess_graph.i18n import DEFAULT_LANG, register, t
from ess_graph.workspace.store import Workspace

__all__ = ["JOURNAL_COLUMNS", "JournalEntry", "describe", "journal_entries", "journal_frame"]

JOURNAL_COLUMNS: tuple[str, ...] = (
    "seq",
    "at",
    "who",
    "origin",
    "action",
    "table",
    "key",
    "version",
    "undoes",
    "summary",
)

register(
    {
        "workspace.action.add": {"fr": "ajout", "en": "added"},
        "workspace.action.change": {"fr": "modification", "en": "changed"},
        "workspace.action.remove": {"fr": "suppression", "en": "removed"},
        "workspace.undo_of": {"fr": "annule n° {seq}", "en": "undoes #{seq}"},
        "workspace.journal_empty": {"fr": "journal vide", "en": "empty journal"},
    }
)


@dataclass(frozen=True)
class JournalEntry:
    """One change: `before`/`after` are the row's cells (None for an addition/removal)."""

    seq: int
    batch: str
    at: str
    who: str
    origin: str
    action: str
    table: str
    key: str
    before: dict[str, str] | None
    after: dict[str, str] | None
    version: int | None
    undoes: int | None


def journal_entries(
    ws: Workspace,
    *,
    limit: int | None = None,
    who: str | None = None,
    table: str | None = None,
    key: str | None = None,
    after_seq: int | None = None,
    newest_first: bool = True,
) -> list[JournalEntry]:
    """Journal entries, newest first by default, filtered by who / table / key."""
    where, params = [], []
    for column, value in (("who", who), ("tbl", table), ("key", key)):
        if value is not None:
            where.append(f"{column} = ?")
            params.append(value)
    if after_seq is not None:
        where.append("seq > ?")
        params.append(after_seq)
    sql = "SELECT seq, batch, at, who, origin, action, tbl, key, before, after, version, undoes FROM journal"
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY seq " + ("DESC" if newest_first else "ASC")
    if limit is not None:
        sql += " LIMIT ?"
        params.append(int(limit))
    out = []
    for r in ws.connection.execute(sql, params):
        out.append(
            JournalEntry(
                seq=r[0],
                batch=r[1],
                at=r[2],
                who=r[3],
                origin=r[4],
                action=r[5],
                table=r[6],
                key=r[7],
                before=None if r[8] is None else json.loads(r[8]),
                after=None if r[9] is None else json.loads(r[9]),
                version=r[10],
                undoes=r[11],
            )
        )
    return out


def last_seq(ws: Workspace) -> int:
    """The number of the latest journal entry (0 for an empty journal)."""
    found = ws.connection.execute("SELECT MAX(seq) FROM journal").fetchone()[0]
    return int(found or 0)


def _label(entry: JournalEntry) -> str:
    if entry.table == "links":
        parts = json.loads(entry.key)
        return f"{parts[0]} – {parts[1]} ({parts[2]})"
    return entry.key


def describe(entry: JournalEntry, lang: str = DEFAULT_LANG) -> str:
    """One line saying what an entry did, e.g. ``changed links a – b (pooling): status
    proposed → confirmed``."""
    head = f"{t(f'workspace.action.{entry.action}', lang)} {entry.table} {_label(entry)}"
    if entry.action == "change" and entry.before is not None and entry.after is not None:
        diffs = [
            f"{c}: {entry.before.get(c, '')} → {entry.after.get(c, '')}"
            for c in entry.after
            if entry.before.get(c, "") != entry.after.get(c, "")
        ]
        head += ": " + "; ".join(diffs)
    if entry.undoes is not None:
        head += f" [{t('workspace.undo_of', lang, seq=entry.undoes)}]"
    return head


def journal_frame(ws: Workspace, *, lang: str = DEFAULT_LANG, **filters: Any) -> pd.DataFrame:
    """The journal as a table for the journal page or ``ess-graph workspace log``.

    Returns
    -------
    DataFrame with columns ``seq`` (entry number), ``at`` (UTC ISO time), ``who``,
    ``origin`` (import file, session id or ``cli``), ``action`` (add, change, remove),
    ``table``, ``key`` (id, or link key), ``version`` (row version after the change;
    empty for a removal), ``undoes`` (entry reverted by this one, or empty) and
    ``summary`` (`describe` in `lang`); newest first. `filters` are those of
    `journal_entries`.
    """
    entries = journal_entries(ws, **filters)
    rows = [
        (
            e.seq,
            e.at,
            e.who,
            e.origin,
            e.action,
            e.table,
            e.key,
            e.version,
            e.undoes,
            describe(e, lang),
        )
        for e in entries
    ]
    frame = pd.DataFrame(rows, columns=list(JOURNAL_COLUMNS))
    for c in ("version", "undoes"):
        frame[c] = frame[c].astype("Int64")
    return frame
