"""Who changed what, when, and from where? The workspace's journal, as entries or a table.

The journal is append-only (SQL triggers refuse UPDATE and DELETE, see
`ess_graph.workspace.store`); this module only reads it.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo
from typing import Any

import pandas as pd

from ess_graph.i18n import DEFAULT_LANG, has, register, t
from ess_graph.schema import NODE_TABLES, kind_label, status_label
from ess_graph.workspace.store import Workspace

__all__ = [
    "JOURNAL_COLUMNS",
    "JournalEntry",
    "describe",
    "entry_names",
    "journal_entries",
    "journal_frame",
    "local_time",
    "origin_label",
    "zone_label",
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
        # --- the journal in words: columns, values and origins (issue 12) ---
        # "statut : proposé → confirmé", French typography: a space before the colon
        "workspace.changed_cell": {
            "fr": "{column} : {before} → {after}",
            "en": "{column}: {before} → {after}",
        },
        "workspace.changes_sep": {"fr": " : ", "en": ": "},
        "workspace.column.name": {"fr": "nom", "en": "name"},
        "workspace.column.family": {"fr": "famille", "en": "family"},
        "workspace.column.sector": {"fr": "secteur", "en": "sector"},
        "workspace.column.territory": {"fr": "territoire", "en": "territory"},
        "workspace.column.pole": {"fr": "pôle", "en": "pôle"},
        "workspace.column.status": {"fr": "statut", "en": "status"},
        "workspace.column.since": {"fr": "depuis", "en": "since"},
        "workspace.column.weight": {"fr": "poids", "en": "weight"},
        "workspace.column.note": {"fr": "note", "en": "note"},
        "workspace.column.kind": {"fr": "type", "en": "kind"},
        "workspace.column.commune": {"fr": "commune", "en": "commune"},
        "workspace.column.department": {"fr": "département", "en": "department"},
        "workspace.column.employees": {"fr": "salariés", "en": "employees"},
        "workspace.column.founded": {"fr": "création", "en": "founded"},
        "workspace.column.source_of_information": {
            "fr": "source de l'information",
            "en": "source of information",
        },
        "workspace.origin.app": {"fr": "application, session {id}", "en": "app, session {id}"},
        "workspace.origin.app_named": {
            "fr": "application, session « {name} »",
            "en": "app, session '{name}'",
        },
        "workspace.origin.app_mine": {
            "fr": "application, cette session",
            "en": "app, this session",
        },
        "workspace.origin.cli": {"fr": "ligne de commande", "en": "command line"},
        "workspace.origin.api": {"fr": "programme Python", "en": "Python program"},
        "workspace.origin.undo": {"fr": "annulation", "en": "undo"},
        "workspace.origin.snapshot": {"fr": "instantané", "en": "snapshot"},
        "workspace.origin.import": {"fr": "import de « {file} »", "en": "import of '{file}'"},
        "workspace.origin.survey": {"fr": "réponse à l'enquête", "en": "survey answer"},
        "workspace.origin.survey-apply": {
            "fr": "intégration de l'enquête",
            "en": "survey brought into the network",
        },
        "workspace.origin.survey-links": {
            "fr": "liens personnels de l'enquête",
            "en": "survey's personal links",
        },
        "workspace.origin.survey-match": {
            "fr": "enquête : partenaire rapproché",
            "en": "survey: partner matched",
        },
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


def _column_words(column: str, lang: str) -> str:
    """A column of the data contract in words; another column (a file's own) as named."""
    key = f"workspace.column.{column}"
    return t(key, lang) if has(key) else column


def _cell_words(table: str, column: str, value: Any, lang: str) -> str:
    """A cell as the journal says it: a link's status in words, an empty cell as « – »,
    anything else as stored."""
    if value is None or str(value) == "":
        return "–"
    if table == "links" and column == "status":
        return status_label(str(value), lang)
    return str(value)


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

    A change names the columns and a link's status in words:

    >>> c = JournalEntry(2, "c", "2026-11-26T10:05:00", "Anne", "cli", "change", "links",
    ...                  '["a", "b", "pooling"]', {"status": "proposed", "note": ""},
    ...                  {"status": "confirmed", "note": "camion"}, 2, None)
    >>> describe(c, "fr")
    'modification du lien a – b (mutualisation) : statut : proposé → confirmé; note : – → camion'
    >>> describe(c, "en")
    'changed link a – b (pooling): status: proposed → confirmed; note: – → camion'
    """
    label = _label(entry, lang, names or {})
    head = f"{t(f'workspace.action.{entry.action}', lang)} {t(f'workspace.of.{entry.table}', lang)}"
    head += f" {label}"
    if entry.action == "change" and entry.before is not None and entry.after is not None:
        diffs = [
            t(
                "workspace.changed_cell",
                lang,
                column=_column_words(c, lang),
                before=_cell_words(entry.table, c, entry.before.get(c, ""), lang),
                after=_cell_words(entry.table, c, entry.after.get(c, ""), lang),
            )
            for c in entry.after
            if entry.before.get(c, "") != entry.after.get(c, "")
        ]
        head += t("workspace.changes_sep", lang) + "; ".join(diffs)
    if entry.undoes is not None:
        head += f" [{t('workspace.undo_of', lang, seq=entry.undoes)}]"
    return head


def origin_label(
    origin: str, lang: str = DEFAULT_LANG, *, name: str | None = None, mine: bool = False
) -> str:
    """Where a change came from (the journal's ``origin``), in words.

    An app session (``app:<session id>``) is said as the session of `name` (the name typed
    in it) when given, as « this session » when `mine`, else by the first four characters
    of its id; an import by its file's name, without the folders.

    >>> origin_label("app:38f05f0a"), origin_label("app:38f05f0a", "en", name="Anne")
    ('application, session 38f0', "app, session 'Anne'")
    >>> origin_label("app:38f05f0a", mine=True), origin_label("cli")
    ('application, cette session', 'ligne de commande')
    >>> origin_label("import:/home/anne/reseau.xlsx"), origin_label("survey:3", "en")
    ('import de « reseau.xlsx »', 'survey answer')
    >>> origin_label("something else")
    'something else'
    """
    head, _, rest = origin.partition(":")
    if head == "app" and rest:
        if mine:
            return t("workspace.origin.app_mine", lang)
        if name:
            return t("workspace.origin.app_named", lang, name=name)
        return t("workspace.origin.app", lang, id=rest[:4])
    if head == "import" and rest:
        file = rest.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1] or rest
        return t("workspace.origin.import", lang, file=file)
    if head == "survey" and rest:
        return t("workspace.origin.survey", lang)
    key = f"workspace.origin.{origin}"
    return t(key, lang) if has(key) else origin


def local_time(at: str, tz: tzinfo | None = None) -> datetime:
    """A journal time (ISO, UTC) as a wall-clock time without zone in `tz`; None: the
    machine's local zone (the system's, e.g. ``TZ`` or ``/etc/localtime``), with its
    summer time on the day of `at`.

    >>> from datetime import timedelta, timezone
    >>> paris_winter = timezone(timedelta(hours=1))
    >>> local_time("2026-12-02T10:24:35.725965+00:00", paris_winter)
    datetime.datetime(2026, 12, 2, 11, 24, 35)
    """
    when = datetime.fromisoformat(at)
    if when.tzinfo is None:  # written by an older version: UTC all the same
        when = when.replace(tzinfo=UTC)
    return when.astimezone(tz).replace(tzinfo=None, microsecond=0)


def zone_label(when: datetime | None = None, tz: tzinfo | None = None) -> str:
    """The time zone `local_time` uses, said once above a column of times: its name and
    its offset from UTC at `when` (default: now), e.g. ``CET, UTC+01:00``; ``UTC``
    alone when that is the zone.

    >>> from datetime import timedelta, timezone
    >>> noon = datetime(2026, 12, 2, 12, tzinfo=UTC)
    >>> zone_label(noon, timezone(timedelta(hours=1), "CET"))
    'CET, UTC+01:00'
    >>> zone_label(noon, timezone(timedelta(hours=-3, minutes=-30)))
    'UTC-03:30'
    >>> zone_label(noon, UTC)
    'UTC'
    """
    here = (when or datetime.now(UTC)).astimezone(tz)
    offset = here.utcoffset()
    name = here.tzname() or ""
    if not offset:
        return "UTC"
    seconds = int(offset.total_seconds())
    sign = "+" if seconds >= 0 else "-"
    hours, minutes = divmod(abs(seconds) // 60, 60)
    text = f"UTC{sign}{hours:02d}:{minutes:02d}"
    # a zone without a name gets "+01" as its tzname: the offset says it already
    return text if not name or name[0] in "+-" or name.startswith("UTC") else f"{name}, {text}"


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
