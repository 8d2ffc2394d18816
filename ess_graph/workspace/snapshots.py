"""What did the network look like at a named moment, and what changed since?

A snapshot ("Rencontre régionale 2009") is an immutable copy of every table, stored in the
workspace file (compressed JSON of the cells, with the journal position it was taken
at; SQL triggers refuse to change or delete it). `snapshot_network` reads one back through
the reader, and `workspace_diff` compares two snapshots, or a snapshot and ``now``, with
`ess_graph.analysis.changes.network_diff`: ties gained and lost, structures joined, left
or moved, counted per pôle and per sector.
"""

from __future__ import annotations

import json
import os
import sqlite3
import zlib

import pandas as pd

from ess_graph.analysis.changes import network_diff
from ess_graph.i18n import DEFAULT_LANG, register, t
from ess_graph.network import Network
from ess_graph.safe_text import terminal_text
from ess_graph.validate import validate_rows
from ess_graph.workspace.store import Workspace, WorkspaceError, workspace_path

__all__ = [
    "NOW",
    "create_snapshot",
    "find_snapshot",
    "format_diff",
    "list_snapshots",
    "snapshot_network",
    "workspace_diff",
]

#: The name that means "the workspace as it is now" in `snapshot_network` and diffs.
NOW = "now"

register(
    {
        "workspace.snapshot_exists": {
            "fr": "un instantané s'appelle déjà « {name} » (les instantanés ne se remplacent pas)",
            "en": "a snapshot named '{name}' already exists (snapshots are never replaced)",
        },
        "workspace.snapshot_missing": {
            "fr": "aucun instantané ne s'appelle « {name} » ; instantanés : {names}",
            "en": "no snapshot is named '{name}'; snapshots: {names}",
        },
        "workspace.snapshot_bad_name": {
            "fr": "nom d'instantané invalide : « {name} »",
            "en": "invalid snapshot name: '{name}'",
        },
        "workspace.snapshot_created": {
            "fr": "instantané « {name} » : {structures} structures, {links} liens (journal n° {seq})",
            "en": "snapshot '{name}': {structures} structures, {links} links (journal #{seq})",
        },
        "workspace.diff_head": {
            "fr": "De « {a} » à « {b} » : {gained} lien(s) gagné(s), {lost} perdu(s) ; {joined} structure(s) arrivée(s), {left} partie(s), {moved} déplacée(s)",
            "en": "From '{a}' to '{b}': {gained} tie(s) gained, {lost} lost; {joined} structure(s) joined, {left} left, {moved} moved",
        },
        "workspace.diff_by_pole": {"fr": "Par pôle", "en": "By pôle"},
        "workspace.diff_by_sector": {"fr": "Par secteur", "en": "By sector"},
        "workspace.diff_gained": {"fr": "Liens gagnés", "en": "Ties gained"},
        "workspace.diff_lost": {"fr": "Liens perdus", "en": "Ties lost"},
        "workspace.diff_joined": {"fr": "Structures arrivées", "en": "Structures joined"},
        "workspace.diff_left": {"fr": "Structures parties", "en": "Structures left"},
    }
)


def _names(conn: sqlite3.Connection) -> list[str]:
    return [r[0] for r in conn.execute("SELECT name FROM snapshots ORDER BY at, name")]


def create_snapshot(ws: Workspace, name: str, *, who: str) -> dict[str, object]:
    """Store an immutable copy of every table under `name`; returns its summary
    (``name, at, who, journal_seq, structures, links``)."""
    name = (name or "").strip()
    if not name or name.lower() == NOW:
        raise WorkspaceError("snapshot_bad_name", name=name)
    with ws.transaction(who=who, origin="snapshot") as tx:
        if tx.conn.execute("SELECT 1 FROM snapshots WHERE name = ?", [name]).fetchone():
            raise WorkspaceError("snapshot_exists", name=name)
        texts = ws.texts(tx.conn)
        seq = int(tx.conn.execute("SELECT COALESCE(MAX(seq), 0) FROM journal").fetchone()[0])
        payload = {
            "tables": {k: {"columns": c, "rows": r} for k, (c, r) in texts.items()},
            "fictional_text": ws.meta("fictional_text", tx.conn),
        }
        data = zlib.compress(json.dumps(payload, ensure_ascii=False).encode("utf-8"), 6)
        tx.conn.execute(
            "INSERT INTO snapshots (name, at, who, journal_seq, data) VALUES (?, ?, ?, ?, ?)",
            [name, tx.at, who, seq, data],
        )
    return {
        "name": name,
        "at": tx.at,
        "who": who,
        "journal_seq": seq,
        "structures": len(texts["structures"][1]),
        "links": len(texts["links"][1]),
    }


def list_snapshots(ws: Workspace) -> pd.DataFrame:
    """Columns ``name, at, who, journal_seq``, oldest first."""
    rows = ws.connection.execute(
        "SELECT name, at, who, journal_seq FROM snapshots ORDER BY at, name"
    ).fetchall()
    return pd.DataFrame(rows, columns=["name", "at", "who", "journal_seq"])


def snapshot_network(ws: Workspace, name: str) -> Network:
    """The network of snapshot `name` (``"now"``: the workspace as it is)."""
    if name == NOW:
        return ws.network()
    found = ws.connection.execute("SELECT data FROM snapshots WHERE name = ?", [name]).fetchone()
    if found is None:
        raise WorkspaceError(
            "snapshot_missing", name=name, names=", ".join(_names(ws.connection)) or "-"
        )
    payload = json.loads(zlib.decompress(found[0]).decode("utf-8"))
    texts = {k: (v["columns"], v["rows"]) for k, v in payload["tables"].items()}
    net = validate_rows(texts, fictional=payload.get("fictional_text"))
    net.source = f"{ws.path}#{name}"
    return net


def workspace_diff(
    ws: Workspace,
    a: str,
    b: str = NOW,
    *,
    include_proposed: bool = False,
    ties: str = "confirmed",
) -> dict[str, pd.DataFrame]:
    """`network_diff` from snapshot `a` to snapshot `b` (either may be ``"now"``), the
    proposed and declared links counted as `network_diff` says."""
    return network_diff(
        snapshot_network(ws, a),
        snapshot_network(ws, b),
        include_proposed=include_proposed,
        ties=ties,
    )


def _printable(frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` with `terminal_text` applied to its text cells."""
    return frame.map(lambda v: terminal_text(v) if isinstance(v, str) else v)


def format_diff(diff: dict[str, pd.DataFrame], a: str, b: str, lang: str = DEFAULT_LANG) -> str:
    """The diff as text: a headline, then the counts per pôle and per sector, then the
    ties gained and lost and the structures joined and left. Text from the data shows its
    control characters escaped (`ess_graph.safe_text.terminal_text`): the lines are for
    a terminal."""
    diff = {key: _printable(frame) for key, frame in diff.items()}
    a, b = terminal_text(a), terminal_text(b)
    lines = [
        t(
            "workspace.diff_head",
            lang,
            a=a,
            b=b,
            gained=len(diff["ties_gained"]),
            lost=len(diff["ties_lost"]),
            joined=len(diff["structures_joined"]),
            left=len(diff["structures_left"]),
            moved=len(diff["structures_moved"]),
        )
    ]
    for key, title in (
        ("by_pole", "workspace.diff_by_pole"),
        ("by_sector", "workspace.diff_by_sector"),
    ):
        frame = diff[key]
        if len(frame):
            lines += ["", t(title, lang), frame.to_string(index=False)]
    for key, title in (
        ("ties_gained", "workspace.diff_gained"),
        ("ties_lost", "workspace.diff_lost"),
    ):
        frame = diff[key]
        if len(frame):
            lines += ["", t(title, lang)]
            lines += [
                f"  {r.u_name} ({r.u}) – {r.v_name} ({r.v}): {r.kinds}" for r in frame.itertuples()
            ]
    for key, title in (
        ("structures_joined", "workspace.diff_joined"),
        ("structures_left", "workspace.diff_left"),
    ):
        frame = diff[key]
        if len(frame):
            lines += ["", t(title, lang)]
            lines += [
                f"  {r.id} {r.name} ({r.pole or '-'}, {r.sector})" for r in frame.itertuples()
            ]
    return "\n".join(lines)


def find_snapshot(name: str, file: str | os.PathLike[str] | None = None) -> Network | None:
    """The network of snapshot `name` in the configured workspace, or None.

    None when there is no workspace file (`ess_graph.workspace.store.workspace_path`) or
    it has no snapshot of that name: a command that accepts "a snapshot or a path" (e.g.
    ``ess-graph report --compare``) then reads `name` as a path.
    """
    path = workspace_path(file)
    if not path.is_file():
        return None
    try:
        with Workspace(path) as ws:
            found = ws.connection.execute("SELECT 1 FROM snapshots WHERE name = ?", [name])
            if found.fetchone() is None:
                return None
            return snapshot_network(ws, name)
    except WorkspaceError:
        return None
