"""Where are a meeting's saved views and presentations kept, and how is a change undone?

In meeting mode the facilitator's saved views (`ess_graph.views.SavedView`) and
presentations live in the workspace file, beside the network:

- ``saved_views``: ``id`` (from the first name; never changes), ``name`` (unique, case and
  accents aside), ``view`` (the view's other fields as JSON, `ess_graph.views.view_to_dict`),
  ``version`` (1 when saved, +1 at every change), ``saved_at``, ``saved_by``;
- ``presentations``: ``id``, ``name`` (unique), ``views`` (the ids of its views, in order,
  as JSON), ``version``, ``saved_at``, ``saved_by``.

Every save, rename, reorder and removal goes through the workspace's one writer path
(`Workspace.transaction`) and writes one journal line (tables ``saved_views`` and
``presentations``; the journal's ``before``/``after`` hold the view's fields as text, so
the journal page reads « territories: brest → brest, morlaix »). Removing a view also
takes it out of the presentations that showed it, in the same transaction. `undo_last`
reverts a person's latest change of views or presentations, as `edits.undo_last` does for
the network (whose undo leaves these tables alone).

The tables are created by the first save. They add to the file and change nothing that
was there, so the format version stays the same (`store.FORMAT_VERSION`): an older
ess_graph opening the file reads and edits the network as before and never sees the views.

Ids are not checked against the network here (a view may be prepared before a structure is
added); whoever opens a view checks it (`ess_graph.views.check_view`).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from dataclasses import replace as _with
from typing import Any

from ess_graph import schema
from ess_graph.i18n import DEFAULT_LANG, register, t
from ess_graph.views import (
    NAME_MAX,
    PARAM_KEYS,
    Presentation,
    SavedView,
    ViewsDocument,
    clean_text,
    name_key,
    view_from_dict,
    view_from_params,
    view_to_dict,
    view_to_params,
    views_to_json,
)
from ess_graph.workspace.store import StoredRow, Transaction, Workspace, WorkspaceError

__all__ = [
    "PRESENTATION_TABLE",
    "VIEW_TABLE",
    "ImportResult",
    "StoredPresentation",
    "StoredView",
    "ViewsError",
    "delete_presentation",
    "delete_view",
    "export_views",
    "find_view",
    "has_views",
    "import_views",
    "list_presentations",
    "list_views",
    "rename_presentation",
    "rename_view",
    "save_presentation",
    "save_view",
    "undo_last",
]

VIEW_TABLE = "saved_views"
PRESENTATION_TABLE = "presentations"
_TABLES = (VIEW_TABLE, PRESENTATION_TABLE)

_SQL = (
    f"""CREATE TABLE IF NOT EXISTS {VIEW_TABLE} (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        view TEXT NOT NULL,
        version INTEGER NOT NULL,
        saved_at TEXT NOT NULL,
        saved_by TEXT NOT NULL
    )""",
    f"""CREATE TABLE IF NOT EXISTS {PRESENTATION_TABLE} (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        views TEXT NOT NULL,
        version INTEGER NOT NULL,
        saved_at TEXT NOT NULL,
        saved_by TEXT NOT NULL
    )""",
)

register(
    {
        "views.err.exists": {
            "fr": "une vue nommée « {name} » existe déjà",
            "en": "a view named '{name}' already exists",
        },
        "views.err.presentation_exists": {
            "fr": "une présentation nommée « {name} » existe déjà",
            "en": "a presentation named '{name}' already exists",
        },
        "views.err.not_found": {
            "fr": "aucune vue « {name} » dans cet espace de travail",
            "en": "no view '{name}' in this workspace",
        },
        "views.err.presentation_not_found": {
            "fr": "aucune présentation « {name} » dans cet espace de travail",
            "en": "no presentation '{name}' in this workspace",
        },
        "views.err.changed": {
            "fr": "« {name} » a été modifié par {who} entre-temps (version {expected} lue, version {current} maintenant) : relisez puis refaites votre modification",
            "en": "'{name}' was changed by {who} meanwhile (you read version {expected}, it is now version {current}): read it again, then redo your change",
        },
        "views.err.changed_since": {
            "fr": "« {name} » a été modifié par {who} depuis : rien n'a été annulé",
            "en": "'{name}' was changed by {who} since: nothing was undone",
        },
        "views.err.removed": {
            "fr": "« {name} » a été supprimé entre-temps",
            "en": "'{name}' was removed meanwhile",
        },
        "views.err.empty_name": {
            "fr": "donnez un nom à la vue",
            "en": "give the view a name",
        },
        "views.err.empty_presentation_name": {
            "fr": "donnez un nom à la présentation",
            "en": "give the presentation a name",
        },
        "views.err.unknown_views": {
            "fr": "vues inconnues dans la présentation : {names}",
            "en": "unknown views in the presentation: {names}",
        },
        "views.err.nothing_to_undo": {
            "fr": "aucune modification de vue ou de présentation à annuler pour {who}",
            "en": "no change of a view or presentation to undo for {who}",
        },
        "views.err.someone": {"fr": "quelqu'un", "en": "someone"},
        "views.cli.imported": {
            "fr": "vues : {added} ajoutée(s), {replaced} remplacée(s), {unchanged} inchangée(s) ; présentations enregistrées : {presentations}",
            "en": "views: {added} added, {replaced} replaced, {unchanged} unchanged; presentations saved: {presentations}",
        },
        "workspace.of.saved_views": {"fr": "de la vue", "en": "view"},
        "workspace.of.presentations": {"fr": "de la présentation", "en": "presentation"},
    }
)


class ViewsError(WorkspaceError):
    """A change of views or presentations that cannot be made; `message(lang)` says why."""

    def message(self, lang: str = DEFAULT_LANG) -> str:
        params = dict(self.params)
        if not params.get("who"):
            params["who"] = t("views.err.someone", lang)
        return t(f"views.err.{self.code}", lang, **params)


@dataclass(frozen=True)
class StoredView:
    """A saved view as stored: its id, version and who saved it when."""

    id: str
    view: SavedView
    version: int
    saved_at: str
    saved_by: str

    @property
    def name(self) -> str:
        return self.view.name


@dataclass(frozen=True)
class StoredPresentation:
    """A presentation as stored; `presentation.views` are the views' current names."""

    id: str
    presentation: Presentation
    view_ids: tuple[str, ...]
    version: int
    saved_at: str
    saved_by: str

    @property
    def name(self) -> str:
        return self.presentation.name


@dataclass(frozen=True)
class ImportResult:
    """What `import_views` did: names added, replaced and left as they were."""

    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    presentations_added: list[str] = field(default_factory=list)
    presentations_replaced: list[str] = field(default_factory=list)


# Tables ---------------------------------------------------------------------------------------


def has_views(ws: Workspace, conn: sqlite3.Connection | None = None) -> bool:
    """Does the workspace file hold the views tables (a view was ever saved)?"""
    conn = conn or ws.connection
    found = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [VIEW_TABLE]
    ).fetchone()
    return found is not None


def _ensure_tables(tx: Transaction) -> None:
    if not has_views(tx.workspace, tx.conn):
        for statement in _SQL:
            tx.conn.execute(statement)


def _clean_name(name: str, code: str) -> str:
    text = clean_text(str(name), NAME_MAX)[0]
    if not text:
        raise ViewsError(code)
    return text


def _new_id(conn: sqlite3.Connection, table: str, name: str) -> str:
    base = (schema.normalise_label(name) or "vue")[:40].strip("_") or "vue"
    taken = {r[0] for r in conn.execute(f"SELECT id FROM {table}")}
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}_{n}", n + 1
    return candidate


# Journal values: a view's fields as text, as its link writes them ------------------------------


def _texts(view: SavedView) -> dict[str, str]:
    """Every field of `view` as the text its query parameter holds ("" at the default)."""
    params = view_to_params(view)
    return {name: params.get(key, "") for name, key in PARAM_KEYS.items()} | {"name": view.name}


def _from_texts(values: Mapping[str, str]) -> SavedView:
    view, _ = view_from_params(
        {PARAM_KEYS[k]: v for k, v in values.items() if v and k in PARAM_KEYS}
    )
    return _with(view, name=values.get("name", view.name))


def _view_row(stored: StoredView) -> StoredRow:
    return StoredRow(VIEW_TABLE, stored.id, stored.version, _texts(stored.view))


def _presentation_row(
    key: str, name: str, view_ids: Sequence[str], version: int, names: Mapping[str, str]
) -> StoredRow:
    return StoredRow(
        PRESENTATION_TABLE,
        key,
        version,
        {
            "name": name,
            # The views by name (what a reader of the journal understands), and by id (what
            # an undo puts back, whatever they are called by then).
            "views": ", ".join(names.get(i, i) for i in view_ids),
            "view_ids": json.dumps(list(view_ids), ensure_ascii=False),
        },
    )


# Reading ---------------------------------------------------------------------------------------


def _stored_view(row: Sequence[Any]) -> StoredView:
    view_id, name, data, version, saved_at, saved_by = row
    try:
        fields = json.loads(data)
    except ValueError:
        fields = {}
    if not isinstance(fields, dict):
        fields = {}
    view, _ = view_from_dict({**fields, "name": name})
    if view is None:  # a name emptied by hand in the file: still listed, under its id
        view = SavedView(view_id)
    return StoredView(view_id, view, int(version), saved_at, saved_by)


def _views(conn: sqlite3.Connection) -> list[StoredView]:
    return [
        _stored_view(r)
        for r in conn.execute(
            f"SELECT id, name, view, version, saved_at, saved_by FROM {VIEW_TABLE} ORDER BY rowid"
        )
    ]


def list_views(ws: Workspace, conn: sqlite3.Connection | None = None) -> list[StoredView]:
    """Every saved view, in the order saved (none when no view was ever saved)."""
    conn = conn or ws.connection
    if not has_views(ws, conn):
        return []
    return _views(conn)


def find_view(
    ws: Workspace, name: str, conn: sqlite3.Connection | None = None
) -> StoredView | None:
    """The saved view of this name (case and accents aside), or None."""
    wanted = name_key(clean_text(str(name), NAME_MAX)[0])
    for stored in list_views(ws, conn):
        if name_key(stored.name) == wanted:
            return stored
    return None


def _presentations(conn: sqlite3.Connection) -> list[StoredPresentation]:
    names = {r[0]: r[1] for r in conn.execute(f"SELECT id, name FROM {VIEW_TABLE}")}
    out = []
    for pid, name, views, version, saved_at, saved_by in conn.execute(
        f"SELECT id, name, views, version, saved_at, saved_by FROM {PRESENTATION_TABLE} "
        "ORDER BY rowid"
    ):
        try:
            ids = [str(i) for i in json.loads(views)]
        except (ValueError, TypeError):
            ids = []
        ids = [i for i in ids if i in names]
        out.append(
            StoredPresentation(
                pid,
                Presentation(name, tuple(names[i] for i in ids)),
                tuple(ids),
                int(version),
                saved_at,
                saved_by,
            )
        )
    return out


def list_presentations(
    ws: Workspace, conn: sqlite3.Connection | None = None
) -> list[StoredPresentation]:
    """Every presentation, in the order saved, its views by their current names."""
    conn = conn or ws.connection
    if not has_views(ws, conn):
        return []
    return _presentations(conn)


def find_presentation(
    ws: Workspace, name: str, conn: sqlite3.Connection | None = None
) -> StoredPresentation | None:
    wanted = name_key(clean_text(str(name), NAME_MAX)[0])
    for stored in list_presentations(ws, conn):
        if name_key(stored.name) == wanted:
            return stored
    return None


# Writing views -----------------------------------------------------------------------------------


def _check_version(ws: Workspace, conn, table: str, key: str, name: str, version: int) -> None:
    found = conn.execute(f"SELECT version FROM {table} WHERE id = ?", [key]).fetchone()
    if found is None:
        raise ViewsError("removed", name=name)
    if int(found[0]) != version:
        raise ViewsError(
            "changed",
            name=name,
            expected=version,
            current=int(found[0]),
            who=ws.last_author(table, key, conn),
        )


def _write_view(
    tx: Transaction, view: SavedView, *, version: int | None, replace_existing: bool
) -> tuple[StoredView, str]:
    """Add or replace one view inside `tx`; returns it and "add", "change" or "same"."""
    current = find_view(tx.workspace, view.name, tx.conn)
    if current is None:
        key = _new_id(tx.conn, VIEW_TABLE, view.name)
        stored = StoredView(key, view, 1, tx.at, tx.who)
        tx.conn.execute(
            f"INSERT INTO {VIEW_TABLE} (id, name, view, version, saved_at, saved_by) "
            "VALUES (?, ?, ?, 1, ?, ?)",
            [key, view.name, _json(view), tx.at, tx.who],
        )
        tx.log("add", VIEW_TABLE, key, None, _view_row(stored))
        return stored, "add"
    if not replace_existing:
        raise ViewsError("exists", name=current.name)
    if version is not None:
        _check_version(tx.workspace, tx.conn, VIEW_TABLE, current.id, current.name, version)
    if current.view == view:
        return current, "same"
    stored = StoredView(current.id, view, current.version + 1, tx.at, tx.who)
    _update_view(tx, current, stored)
    return stored, "change"


def _json(view: SavedView) -> str:
    data = view_to_dict(view)
    del data["name"]  # the name has its own column
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


def _update_view(tx: Transaction, before: StoredView, after: StoredView) -> None:
    tx.conn.execute(
        f"UPDATE {VIEW_TABLE} SET name = ?, view = ?, version = ?, saved_at = ?, saved_by = ? "
        "WHERE id = ?",
        [after.name, _json(after.view), after.version, tx.at, tx.who, after.id],
    )
    tx.log("change", VIEW_TABLE, after.id, _view_row(before), _view_row(after))


def save_view(
    ws: Workspace,
    view: SavedView,
    *,
    who: str,
    origin: str = "api",
    replace: bool = False,
    version: int | None = None,
) -> StoredView:
    """Save `view` under its name.

    A new name adds the view. An existing name (case and accents aside) raises
    ``ViewsError("exists")`` unless `replace`; then the view is replaced, if it is still
    at `version` (the version read; None: whatever it is now).

    >>> import tempfile, pathlib
    >>> ws = Workspace.create(pathlib.Path(tempfile.mkdtemp()) / "w.sqlite")
    >>> save_view(ws, SavedView("Pôle de Brest", territories=("brest",)), who="Anne").id
    'pole_de_brest'
    >>> [v.view.territories for v in list_views(ws)]
    [('brest',)]
    >>> ws.close()
    """
    who = _who(who)
    name = _clean_name(view.name, "empty_name")
    view = view if view.name == name else _with(view, name=name)
    with ws.transaction(who=who, origin=origin) as tx:
        _ensure_tables(tx)
        stored, _ = _write_view(tx, view, version=version, replace_existing=replace)
    return stored


def _who(who: str) -> str:
    who = (who or "").strip()
    if not who:
        raise WorkspaceError("who_missing")
    return who


def _current_view(tx: Transaction, name: str) -> StoredView:
    current = find_view(tx.workspace, name, tx.conn) if has_views(tx.workspace, tx.conn) else None
    if current is None:
        raise ViewsError("not_found", name=clean_text(str(name), NAME_MAX)[0])
    return current


def rename_view(
    ws: Workspace, name: str, new_name: str, *, version: int, who: str, origin: str = "api"
) -> StoredView:
    """Rename a saved view (its presentations follow: they hold its id)."""
    who = _who(who)
    new_name = _clean_name(new_name, "empty_name")
    with ws.transaction(who=who, origin=origin) as tx:
        current = _current_view(tx, name)
        _check_version(ws, tx.conn, VIEW_TABLE, current.id, current.name, version)
        other = find_view(ws, new_name, tx.conn)
        if other is not None and other.id != current.id:
            raise ViewsError("exists", name=other.name)
        if new_name == current.name:
            return current
        stored = StoredView(
            current.id, _with(current.view, name=new_name), current.version + 1, tx.at, who
        )
        _update_view(tx, current, stored)
    return stored


def delete_view(
    ws: Workspace, name: str, *, version: int, who: str, origin: str = "api"
) -> list[str]:
    """Remove a saved view, and take it out of the presentations that show it (same
    transaction, one journal line each). Returns the names of those presentations."""
    who = _who(who)
    with ws.transaction(who=who, origin=origin) as tx:
        current = _current_view(tx, name)
        _check_version(ws, tx.conn, VIEW_TABLE, current.id, current.name, version)
        names = _view_names(tx.conn)
        changed = []
        for p in _presentations(tx.conn):
            if current.id in p.view_ids:
                kept = [i for i in p.view_ids if i != current.id]
                _update_presentation(tx, p, p.name, kept, names)
                changed.append(p.name)
        tx.conn.execute(f"DELETE FROM {VIEW_TABLE} WHERE id = ?", [current.id])
        tx.log("remove", VIEW_TABLE, current.id, _view_row(current), None)
    return changed


def _view_names(conn: sqlite3.Connection) -> dict[str, str]:
    return {r[0]: r[1] for r in conn.execute(f"SELECT id, name FROM {VIEW_TABLE}")}


# Writing presentations ---------------------------------------------------------------------------


def _update_presentation(
    tx: Transaction,
    current: StoredPresentation,
    name: str,
    view_ids: Sequence[str],
    names: Mapping[str, str],
) -> StoredPresentation:
    version = current.version + 1
    tx.conn.execute(
        f"UPDATE {PRESENTATION_TABLE} SET name = ?, views = ?, version = ?, saved_at = ?, "
        "saved_by = ? WHERE id = ?",
        [name, json.dumps(list(view_ids)), version, tx.at, tx.who, current.id],
    )
    tx.log(
        "change",
        PRESENTATION_TABLE,
        current.id,
        _presentation_row(current.id, current.name, current.view_ids, current.version, names),
        _presentation_row(current.id, name, view_ids, version, names),
    )
    return StoredPresentation(
        current.id,
        Presentation(name, tuple(names[i] for i in view_ids)),
        tuple(view_ids),
        version,
        tx.at,
        tx.who,
    )


def _write_presentation(
    tx: Transaction, presentation: Presentation, *, version: int | None, replace_existing: bool
) -> tuple[StoredPresentation, str]:
    names = _view_names(tx.conn)
    by_folded = {name_key(n): i for i, n in names.items()}
    unknown = [v for v in presentation.views if name_key(v) not in by_folded]
    if unknown:
        raise ViewsError("unknown_views", names=", ".join(unknown))
    view_ids = [by_folded[name_key(v)] for v in presentation.views]
    current = find_presentation(tx.workspace, presentation.name, tx.conn)
    if current is None:
        key = _new_id(tx.conn, PRESENTATION_TABLE, presentation.name)
        tx.conn.execute(
            f"INSERT INTO {PRESENTATION_TABLE} (id, name, views, version, saved_at, saved_by) "
            "VALUES (?, ?, ?, 1, ?, ?)",
            [key, presentation.name, json.dumps(view_ids), tx.at, tx.who],
        )
        row = _presentation_row(key, presentation.name, view_ids, 1, names)
        tx.log("add", PRESENTATION_TABLE, key, None, row)
        stored = StoredPresentation(
            key,
            Presentation(presentation.name, tuple(names[i] for i in view_ids)),
            tuple(view_ids),
            1,
            tx.at,
            tx.who,
        )
        return stored, "add"
    if not replace_existing:
        raise ViewsError("presentation_exists", name=current.name)
    if version is not None:
        _check_version(tx.workspace, tx.conn, PRESENTATION_TABLE, current.id, current.name, version)
    if list(current.view_ids) == view_ids and current.name == presentation.name:
        return current, "same"
    return _update_presentation(tx, current, presentation.name, view_ids, names), "change"


def save_presentation(
    ws: Workspace,
    presentation: Presentation,
    *,
    who: str,
    origin: str = "api",
    replace: bool = False,
    version: int | None = None,
) -> StoredPresentation:
    """Save a presentation (its views named as saved; reordering is saving it again
    with ``replace=True`` and the `version` read).

    Raises
    ------
    ViewsError
        ``presentation_exists`` (without `replace`), ``unknown_views``, ``changed`` /
        ``removed`` (someone changed it since `version`), ``empty_presentation_name``.
    """
    who = _who(who)
    name = _clean_name(presentation.name, "empty_presentation_name")
    presentation = Presentation(name, presentation.views)
    with ws.transaction(who=who, origin=origin) as tx:
        _ensure_tables(tx)
        stored, _ = _write_presentation(tx, presentation, version=version, replace_existing=replace)
    return stored


def _current_presentation(tx: Transaction, name: str) -> StoredPresentation:
    current = (
        find_presentation(tx.workspace, name, tx.conn) if has_views(tx.workspace, tx.conn) else None
    )
    if current is None:
        raise ViewsError("presentation_not_found", name=clean_text(str(name), NAME_MAX)[0])
    return current


def rename_presentation(
    ws: Workspace, name: str, new_name: str, *, version: int, who: str, origin: str = "api"
) -> StoredPresentation:
    who = _who(who)
    new_name = _clean_name(new_name, "empty_presentation_name")
    with ws.transaction(who=who, origin=origin) as tx:
        current = _current_presentation(tx, name)
        _check_version(ws, tx.conn, PRESENTATION_TABLE, current.id, current.name, version)
        other = find_presentation(ws, new_name, tx.conn)
        if other is not None and other.id != current.id:
            raise ViewsError("presentation_exists", name=other.name)
        if new_name == current.name:
            return current
        return _update_presentation(tx, current, new_name, current.view_ids, _view_names(tx.conn))


def delete_presentation(
    ws: Workspace, name: str, *, version: int, who: str, origin: str = "api"
) -> None:
    """Remove a presentation (its views stay)."""
    who = _who(who)
    with ws.transaction(who=who, origin=origin) as tx:
        current = _current_presentation(tx, name)
        _check_version(ws, tx.conn, PRESENTATION_TABLE, current.id, current.name, version)
        tx.conn.execute(f"DELETE FROM {PRESENTATION_TABLE} WHERE id = ?", [current.id])
        tx.log(
            "remove",
            PRESENTATION_TABLE,
            current.id,
            _presentation_row(
                current.id,
                current.name,
                current.view_ids,
                current.version,
                _view_names(tx.conn),
            ),
            None,
        )


# A file in, a file out ----------------------------------------------------------------------------


def export_views(ws: Workspace) -> str:
    """The workspace's views and presentations as a views file (`views_to_json`)."""
    with ws.reading() as conn:
        views = [s.view for s in list_views(ws, conn)]
        presentations = [s.presentation for s in list_presentations(ws, conn)]
    return views_to_json(views, presentations)


def import_views(
    ws: Workspace, document: ViewsDocument, *, who: str, origin: str = "api"
) -> ImportResult:
    """Save every view and presentation of a views file (read with
    `ess_graph.views.views_from_json`), in one transaction: a view or presentation of the
    same name is replaced (unchanged when identical). The document's problems are the
    caller's to show: only what was kept is saved."""
    who = _who(who)
    result = ImportResult()
    if not document.views and not document.presentations:
        return result
    with ws.transaction(who=who, origin=origin) as tx:
        _ensure_tables(tx)
        for view in document.views:
            stored, done = _write_view(tx, view, version=None, replace_existing=True)
            {"add": result.added, "change": result.replaced, "same": result.unchanged}[done].append(
                stored.name
            )
        for presentation in document.presentations:
            stored_p, done = _write_presentation(
                tx, presentation, version=None, replace_existing=True
            )
            if done == "add":
                result.presentations_added.append(stored_p.name)
            elif done == "change":
                result.presentations_replaced.append(stored_p.name)
    return result


# Undo ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class UndoResult:
    """The journal batch reverted and the rows it touched (table, id)."""

    batch: str
    reverted: list[tuple[str, str]]


def undo_last(ws: Workspace, *, who: str, origin: str = "undo") -> UndoResult:
    """Revert `who`'s latest change of views or presentations not undone yet.

    Raises
    ------
    ViewsError
        ``nothing_to_undo``; ``changed`` / ``removed`` when someone else changed the row
        since; ``exists`` when a removed view's name was taken since.
    """
    who = _who(who)
    with ws.transaction(who=who, origin=origin) as tx:
        if not has_views(ws, tx.conn):
            raise ViewsError("nothing_to_undo", who=who)
        found = tx.conn.execute(
            "SELECT batch FROM journal j WHERE who = ? AND undoes IS NULL "
            f"AND tbl IN ({', '.join(repr(n) for n in _TABLES)}) "
            "AND NOT EXISTS (SELECT 1 FROM journal u WHERE u.undoes = j.seq) "
            "ORDER BY seq DESC LIMIT 1",
            [who],
        ).fetchone()
        if found is None:
            raise ViewsError("nothing_to_undo", who=who)
        batch = found[0]
        entries = tx.conn.execute(
            "SELECT seq, action, tbl, key, before, after FROM journal "
            "WHERE batch = ? ORDER BY seq DESC",
            [batch],
        ).fetchall()
        # Views come back before the presentations that list them.
        entries.sort(key=lambda e: (e[2] == PRESENTATION_TABLE, -e[0]))
        reverted = []
        for seq, action, table, key, before, after in entries:
            tx.undoes[f"{table}\x1f{key}"] = seq
            before_values = None if before is None else json.loads(before)
            after_values = None if after is None else json.loads(after)
            label = (after_values or before_values or {}).get("name", key)
            if action in ("add", "change"):
                _untouched_since(tx, table, key, seq, label)
            if table == VIEW_TABLE:
                _undo_view(tx, action, key, before_values, label)
            else:
                _undo_presentation(tx, action, key, before_values, label)
            reverted.append((table, key))
    return UndoResult(batch=batch, reverted=reverted)


def _untouched_since(tx: Transaction, table: str, key: str, seq: int, label: str) -> None:
    """The row exists and nobody but `tx.who`, through changes since undone (or undos),
    touched it after journal entry `seq` (as `edits.undo_last` checks)."""
    found = tx.conn.execute(f"SELECT version FROM {table} WHERE id = ?", [key]).fetchone()
    if found is None:
        raise ViewsError("removed", name=label)
    other = tx.conn.execute(
        "SELECT who FROM journal j WHERE tbl = ? AND key = ? AND seq > ? AND NOT ("
        "who = ? AND (undoes IS NOT NULL OR EXISTS (SELECT 1 FROM journal u WHERE u.undoes = j.seq))) "
        "ORDER BY seq DESC LIMIT 1",
        [table, key, seq, tx.who],
    ).fetchone()
    if other is not None:
        raise ViewsError("changed_since", name=label, who=other[0])


def _undo_view(
    tx: Transaction, action: str, key: str, before: Mapping[str, str] | None, label: str
) -> None:
    row = tx.conn.execute(
        f"SELECT id, name, view, version, saved_at, saved_by FROM {VIEW_TABLE} WHERE id = ?",
        [key],
    ).fetchone()
    current = None if row is None else _stored_view(row)
    if current is None and action != "remove":
        raise ViewsError("removed", name=label)
    if action == "add":
        names = _view_names(tx.conn)
        for p in _presentations(tx.conn):
            if key in p.view_ids:  # added to a presentation since: taken out again
                _update_presentation(tx, p, p.name, [i for i in p.view_ids if i != key], names)
        tx.conn.execute(f"DELETE FROM {VIEW_TABLE} WHERE id = ?", [key])
        tx.log("remove", VIEW_TABLE, key, _view_row(current), None)
        return
    restored = _from_texts(before or {})
    other = find_view(tx.workspace, restored.name, tx.conn)
    if other is not None and other.id != key:
        raise ViewsError("exists", name=other.name)
    if action == "change":
        _update_view(tx, current, StoredView(key, restored, current.version + 1, tx.at, tx.who))
        return
    if current is not None:
        raise ViewsError("exists", name=current.name)
    stored = StoredView(key, restored, 1, tx.at, tx.who)
    tx.conn.execute(
        f"INSERT INTO {VIEW_TABLE} (id, name, view, version, saved_at, saved_by) "
        "VALUES (?, ?, ?, 1, ?, ?)",
        [key, restored.name, _json(restored), tx.at, tx.who],
    )
    tx.log("add", VIEW_TABLE, key, None, _view_row(stored))


def _undo_presentation(
    tx: Transaction, action: str, key: str, before: Mapping[str, str] | None, label: str
) -> None:
    names = _view_names(tx.conn)
    current = next((p for p in _presentations(tx.conn) if p.id == key), None)
    if current is None and action != "remove":
        raise ViewsError("presentation_not_found", name=label)
    if action == "add":
        tx.conn.execute(f"DELETE FROM {PRESENTATION_TABLE} WHERE id = ?", [key])
        tx.log(
            "remove",
            PRESENTATION_TABLE,
            key,
            _presentation_row(key, current.name, current.view_ids, current.version, names),
            None,
        )
        return
    before = before or {}
    name = before.get("name", label)
    try:
        ids = [str(i) for i in json.loads(before.get("view_ids", "[]"))]
    except ValueError:
        ids = []
    ids = [i for i in ids if i in names]  # a view removed since stays removed
    other = find_presentation(tx.workspace, name, tx.conn)
    if other is not None and other.id != key:
        raise ViewsError("presentation_exists", name=other.name)
    if action == "change":
        _update_presentation(tx, current, name, ids, names)
        return
    if current is not None:
        raise ViewsError("presentation_exists", name=current.name)
    tx.conn.execute(
        f"INSERT INTO {PRESENTATION_TABLE} (id, name, views, version, saved_at, saved_by) "
        "VALUES (?, ?, ?, 1, ?, ?)",
        [key, name, json.dumps(ids), tx.at, tx.who],
    )
    tx.log("add", PRESENTATION_TABLE, key, None, _presentation_row(key, name, ids, 1, names))


def views_of(presentation: StoredPresentation, views: Iterable[StoredView]) -> list[SavedView]:
    """The presentation's views, in its order."""
    by_id = {v.id: v.view for v in views}
    return [by_id[i] for i in presentation.view_ids if i in by_id]
