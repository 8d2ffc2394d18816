"""Who changed what, when, and from where? The workspace's journal, as entries or a table.

The journal is append-only (SQL triggers refuse UPDATE and DELETE, see
`ess_graph.workspace.store`); this module only reads it.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from ess_graph.i18n import DEFAULT_LANG, register, t
from ess_graph.schema import NODE_TABLES, kind_label
from ess_graph.workspace.store import Workspace

__all__ = [
    "JOURNAL_COLUMNS",
    "JournalEntry",
    "describe",
    "entry_names",
    "journal_entries",
    "journal_frame",
]

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
        # "ajout du lien ...", "added link ...": the table as the object of the action
        "workspace.of.structures": {"fr": "de la structure", "en": "structure"},
        "workspace.of.poles": {"fr": "du pôle", "en": "pôle"},
        "workspace.of.partners": {"fr": "du partenaire", "en": "partner"},
        "workspace.of.links": {"fr": "du lien", "en": "link"},
        "workspace.of.territories": {"fr": "du territoire", "en": "territory"},
        "workspace.of.sectors": {"fr": "du secteur", "en": "sector"},
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


def _label(entry: JournalEntry, lang: str, names: Mapping[str, str]) -> str:
    if entry.table in ("saved_views", "presentations"):  # ess_graph.workspace.views: by name
        return (entry.after or entry.before or {}).get("name") or entry.key
    if entry.table in ("territories", "sectors"):  # not node ids: their own rows name them
        own = (entry.after or entry.before or {}).get("name")
        names = {entry.key: own} if own else {}

    def named(key: str) -> str:
        name = names.get(key)
        return f"{name} ({key})" if name and name != key else key

    if entry.table == "links":
        source, target, kind = json.loads(entry.key)[:3]  # [.., occurrence] when repeated
        return f"{named(source)} – {named(target)} ({kind_label(kind, lang)})"
    if entry.table == "survey_answers":  # key: [campaign, structure]
        campaign, structure = json.loads(entry.key)
        status = (entry.after or {}).get("status", "")
        return f"{named(structure)} ({campaign}{', ' + status if status else ''})"
    return named(entry.key)


def describe(
    entry: JournalEntry, lang: str = DEFAULT_LANG, names: Mapping[str, str] | None = None
) -> str:
    """One line saying what an entry did, e.g. ``changed link Alpha (a) – Beta (b)
    (pooling): status: proposed → confirmed``.

    `names` maps ids of structures, pôles and partners to their names (`entry_names`);
    without it, ids are shown alone.

    >>> e = JournalEntry(1, "b", "2026-11-26T10:00:00", "Anne", "cli", "add", "links",
    ...                  '["a", "b", "pooling"]', None, {"status": "confirmed"}, 1, None)
    >>> describe(e, "fr", {"a": "Alpha", "b": "Beta"})
    'ajout du lien Alpha (a) – Beta (b) (mutualisation)'
    >>> describe(e, "en")
    'added link a – b (pooling)'
    """
    label = _label(entry, lang, names or {})
    head = f"{t(f'workspace.action.{entry.action}', lang)} {t(f'workspace.of.{entry.table}', lang)}"
    head += f" {label}"
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


def entry_names(ws: Workspace, entries: Sequence[JournalEntry]) -> dict[str, str]:
    """Names of the structures, pôles and partners these entries touch: as they are now,
    or as they were when removed. Only those rows are read, so a journal page of a large
    workspace stays quick."""
    names: dict[str, str] = {}
    wanted: set[str] = set()
    for e in entries:
        if e.table == "links":
            wanted.update(json.loads(e.key)[:2])
        elif e.table == "survey_answers":
            wanted.add(json.loads(e.key)[1])
        elif e.table in NODE_TABLES:
            wanted.add(e.key)
            for row in (e.after, e.before):
                if row and row.get("name"):
                    names.setdefault(e.key, row["name"])
    with ws.reading():  # one consistent state for every lookup
        for key in wanted:
            for table in NODE_TABLES:
                row = ws.get(table, key)
                if row is not None and row.values.get("name"):
                    names[key] = row.values["name"]  # the current name wins
                    break
    return names


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
    names = entry_names(ws, entries)
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
            describe(e, lang, names),
        )
        for e in entries
    ]
    frame = pd.DataFrame(rows, columns=list(JOURNAL_COLUMNS))
    for c in ("version", "undoes"):
        frame[c] = frame[c].astype("Int64")
    return frame
