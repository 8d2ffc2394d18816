"""What will an import change in the workspace, and how is it applied all at once?

An import is read and validated by `ess_graph.io.read` (rows with errors are left out,
as `ess-graph validate` says), then merged **by id** (links: by source, target and kind,
numbered when those repeat in a file): `plan_import` lists the rows it will add, those
it will change (with before and after) and counts those it leaves alone; nothing is
written. `commit_import` then applies the plan in one transaction: all of it or none,
refused with `ConflictError` when a planned row changed meanwhile.

Columns of a row that the file does not have are kept as they are in the workspace
(except schema columns, which the reader always fills: an empty link ``status`` means
``confirmed``). The merged network is checked once more by the reader before the commit.
"""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass, field

import pandas as pd

from ess_graph import schema
from ess_graph.i18n import DEFAULT_LANG, register, t
from ess_graph.io.read import read_network
from ess_graph.network import Network
from ess_graph.problems import Problem
from ess_graph.tables import network_rows
from ess_graph.workspace.edits import ValidationError
from ess_graph.workspace.store import StoredRow, Workspace, WorkspaceError, row_key

__all__ = ["ImportPlan", "PlannedRow", "commit_import", "plan_import", "plan_network"]

register(
    {
        "workspace.plan": {
            "fr": "{source} : {added} ligne(s) à ajouter, {changed} à modifier, {unchanged} inchangée(s)",
            "en": "{source}: {added} row(s) to add, {changed} to change, {unchanged} left alone",
        },
        "workspace.plan_table": {
            "fr": "  {table} : +{added} ajout(s), ~{changed} modification(s), ={unchanged} inchangée(s)",
            "en": "  {table}: +{added} added, ~{changed} changed, ={unchanged} unchanged",
        },
        "workspace.plan_refused": {
            "fr": "  refusé : {table} « {row} » (l'identifiant est déjà celui d'une ligne de {other})",
            "en": "  refused: {table} '{row}' (the id already belongs to a row of {other})",
        },
        "workspace.imported": {
            "fr": "import enregistré : {added} ajout(s), {changed} modification(s)",
            "en": "import saved: {added} added, {changed} changed",
        },
        "workspace.confirm_import": {
            "fr": "Enregistrer cet import ?",
            "en": "Save this import?",
        },
        "workspace.nothing_to_import": {
            "fr": "rien à importer : l'espace de travail a déjà ces lignes",
            "en": "nothing to import: the workspace already holds these rows",
        },
    }
)


@dataclass(frozen=True)
class PlannedRow:
    """A row the import adds (``before`` is None) or changes (``before`` is the row now)."""

    table: str
    key: str
    values: dict[str, str]
    before: StoredRow | None = None

    def changed_columns(self) -> list[str]:
        if self.before is None:
            return list(self.values)
        return [c for c in self.values if self.values[c] != self.before.values.get(c, "")]


@dataclass
class ImportPlan:
    """What an import will do. Build it with `plan_import`; apply it with `commit_import`."""

    source: str
    problems: list[Problem]
    adds: list[PlannedRow] = field(default_factory=list)
    changes: list[PlannedRow] = field(default_factory=list)
    unchanged: Counter = field(default_factory=Counter)
    refused: list[tuple[str, str, str]] = field(default_factory=list)
    columns: dict[str, list[str]] = field(default_factory=dict)
    fictional: str | None = None

    @property
    def is_empty(self) -> bool:
        return not self.adds and not self.changes

    def counts(self) -> pd.DataFrame:
        """Columns ``table, added, changed, unchanged``, one row per table of the schema."""
        added = Counter(r.table for r in self.adds)
        changed = Counter(r.table for r in self.changes)
        return pd.DataFrame(
            [
                (tb.name, added[tb.name], changed[tb.name], self.unchanged[tb.name])
                for tb in schema.TABLES
            ],
            columns=["table", "added", "changed", "unchanged"],
        )

    def summary(self, lang: str = DEFAULT_LANG, *, details: int = 20) -> str:
        """Lines a person reads before confirming: totals, per table, first changes."""
        counts = self.counts()
        lines = [
            t(
                "workspace.plan",
                lang,
                source=self.source,
                added=int(counts["added"].sum()),
                changed=int(counts["changed"].sum()),
                unchanged=int(counts["unchanged"].sum()),
            )
        ]
        for row in counts.itertuples(index=False):
            if row.added or row.changed or row.unchanged:
                lines.append(
                    t(
                        "workspace.plan_table",
                        lang,
                        table=row.table,
                        added=row.added,
                        changed=row.changed,
                        unchanged=row.unchanged,
                    )
                )
        for table, key, other in self.refused:
            lines.append(t("workspace.plan_refused", lang, table=table, row=key, other=other))
        for planned in self.changes[:details]:
            cols = planned.changed_columns()
            before = planned.before.values if planned.before else {}
            what = "; ".join(f"{c}: {before.get(c, '')} → {planned.values[c]}" for c in cols)
            lines.append(f"  ~ {planned.table} {planned.key}: {what}")
        if len(self.changes) > details:
            lines.append(f"  ~ … (+{len(self.changes) - details})")
        return "\n".join(lines)


def _keys(table: str, rows: list[dict[str, str]]) -> list[str]:
    if table != "links":
        return [row_key(table, r) for r in rows]
    seen: Counter = Counter()
    keys = []
    for r in rows:
        triple = (r["source"], r["target"], r["kind"])
        keys.append(row_key(table, r, seen[triple]))
        seen[triple] += 1
    return keys


def plan_network(ws: Workspace, net: Network, *, source: str = "") -> ImportPlan:
    """The plan of merging an already-read network (e.g. uploaded files) into `ws`."""
    plan = ImportPlan(
        source=source or net.source,
        problems=list(net.problems),
        fictional=net.meta.get("fictional_text") if net.is_demo else None,
    )
    texts = network_rows(net)
    with ws.reading() as conn:
        stored = {tb.name: {r.key: r for r in ws.rows(tb.name, conn)} for tb in schema.TABLES}
    node_owner = {key: name for name in schema.NODE_TABLES for key in stored[name]}
    for table in schema.TABLES:
        columns, rows = texts[table.name]
        plan.columns[table.name] = [c for c in columns if c not in table.names]
        for key, values in zip(_keys(table.name, rows), rows, strict=True):
            if table.name in schema.NODE_TABLES:
                owner = node_owner.get(key)
                if owner is not None and owner != table.name:
                    plan.refused.append((table.name, key, owner))
                    continue
            current = stored[table.name].get(key)
            if current is None:
                plan.adds.append(PlannedRow(table.name, key, values))
            elif any(values[c] != current.values.get(c, "") for c in values):
                merged = {**current.values, **values}
                plan.changes.append(PlannedRow(table.name, key, merged, current))
            else:
                plan.unchanged[table.name] += 1
    return plan


def plan_import(ws: Workspace, path: str | os.PathLike[str]) -> ImportPlan:
    """Read `path` (folder of CSV files or .xlsx) and plan its merge into `ws`.

    Raises `ess_graph.io.read.NetworkPathError` for a path that cannot be read at all.
    """
    return plan_network(ws, read_network(path), source=str(path))


def commit_import(ws: Workspace, plan: ImportPlan, *, who: str, origin: str | None = None) -> int:
    """Apply `plan` in one transaction; returns the number of rows written.

    Raises
    ------
    ConflictError
        A row the plan adds now exists, or a row it changes has another version: the
        workspace changed since the plan was made. Nothing is written; plan again.
    ValidationError
        The merged network would have errors (nothing is written).
    """
    who = (who or "").strip()
    if not who:
        raise WorkspaceError("who_missing")
    origin = origin or f"import:{plan.source}"
    with ws.transaction(who=who, origin=origin) as tx:
        for table, extra in plan.columns.items():
            tx.register_columns(table, extra)
        if plan.fictional is not None and ws.meta("fictional_text", tx.conn) is None:
            tx.set_meta("fictional_text", plan.fictional)
        for planned in plan.adds:
            tx.insert(planned.table, planned.values, key=planned.key)
        for planned in plan.changes:
            version = planned.before.version if planned.before is not None else 0
            tx.update(planned.table, planned.key, planned.values, version=version)
        merged = ws.network(tx.conn)
        errors = [p for p in merged.problems if p.is_error]
        if errors:
            raise ValidationError(errors)
        written = tx.changes
    return written
