"""Meeting mode: is the app backed by a workspace file, may this visitor edit it, and how
an edit made in the app reaches the workspace.

Without ``$ESS_GRAPH_WORKSPACE`` (``ess-graph app --workspace FILE`` sets it) the app is
read-only exploration. With it, every session shows the workspace's network
(``Workspace.network()``, re-read when the journal moves) and edits go through
``ess_graph.workspace.edits``: the same checks as an import, row versions against silent
overwrites, one journal entry per change. No SQL here; no streamlit under ``ess_graph/``.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from ess_graph.i18n import t
from ess_graph.workspace import access, edits, journal, merge
from ess_graph.workspace.store import Workspace, WorkspaceError
from ess_graph_app import state
from ess_graph_app.words import md, tr

WORKSPACE_ENV = "ESS_GRAPH_WORKSPACE"
#: Who the journal names for the import that fills a new workspace.
APP_WHO = "ess-graph app"
#: Columns of ``edits.rows_frame`` that are bookkeeping, not data.
BOOKKEEPING = ("row_key", "row_version")

_prepare_lock = threading.Lock()


class OpenProblem:
    """Why the workspace file could not be opened, said like the reader's problems
    (``message(lang)``), for the page that shows load errors."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def message(self, lang: str) -> str:
        return t("app.meet.not_a_workspace", lang, path=str(self.path))


def workspace_file() -> Path | None:
    """The workspace file of meeting mode, or None (read-only exploration)."""
    value = os.environ.get(WORKSPACE_ENV, "").strip()
    return Path(value).resolve() if value else None


def meeting_mode() -> bool:
    return workspace_file() is not None


def prepare(path: Path, start: Path) -> None:
    """Create the workspace file if it does not exist, with the network at `start`
    imported into it (one journal batch, by ``APP_WHO``). An existing file is left as is.

    Raises the reader's or the workspace's error when `start` cannot be imported.
    """
    if path.is_file():
        return
    with _prepare_lock:  # two first sessions at once: one creates and imports
        if path.is_file():
            return
        tmp = path.with_name(path.name + ".creating")
        if tmp.exists():
            tmp.unlink()
        with Workspace.create(tmp) as ws:
            plan = merge.plan_import(ws, start)
            merge.commit_import(ws, plan, who=APP_WHO)
        # Moved in place only once filled: another process never opens a half-made file.
        # (Closing checkpoints the WAL; a side file left over moves with its database.)
        for suffix in ("-wal", "-shm"):
            side = tmp.with_name(tmp.name + suffix)
            if side.exists():
                os.replace(side, path.with_name(path.name + suffix))
        os.replace(tmp, path)


def open_workspace() -> Workspace:
    """The workspace, opened for this script run (one SQLite connection per thread)."""
    path = workspace_file()
    if path is None:
        raise RuntimeError("not in meeting mode")
    return Workspace(path)


def stamp(ws: Workspace) -> tuple[str, int, str]:
    """Changes with every write: a cache key for what is read from the workspace."""
    return str(ws.path), journal.last_seq(ws), ws.meta("created_at") or ""


#: Seconds between two checks of whether someone else wrote (`follow_workspace`).
REFRESH_S = 4


def moved_since(seen: Any) -> bool:
    """Has the workspace been written since this session drew `seen` (`stamp`)?"""
    path = workspace_file()
    if path is None or seen is None or not path.is_file():
        return False
    try:
        with Workspace(path) as ws:
            return stamp(ws) != tuple(seen)
    except Exception:  # a check that fails just waits for the next one
        return False


@st.fragment(run_every=REFRESH_S)
def follow_workspace() -> None:
    """Every few seconds: when someone else changed the workspace (another laptop in
    the room), re-run the whole app, so a projected graph shows the new links without
    anyone touching it. Draws nothing."""
    if moved_since(st.session_state.get(state.SEEN_STAMP)):
        st.rerun(scope="app")


# Who may edit ------------------------------------------------------------------------------
def password_needed() -> bool:
    return access.facilitator_password_configured()


def can_edit() -> bool:
    """Meeting mode, and no password configured or this session gave it."""
    if not meeting_mode():
        return False
    return not password_needed() or bool(st.session_state.get(state.UNLOCKED))


def check_password() -> None:
    """Callback of the sidebar password field: unlock on the right password, then forget
    the typed text (only the session flag ``unlocked`` stays)."""
    given = st.session_state.get(state.W_PASSWORD) or ""
    st.session_state[state.W_PASSWORD] = ""
    if not given:
        return
    if access.check_facilitator_password(given):
        st.session_state[state.UNLOCKED] = True
        st.session_state.pop(state.PW_FLASH, None)
    else:
        st.session_state[state.UNLOCKED] = False
        st.session_state[state.PW_FLASH] = "wrong"


def lock() -> None:
    st.session_state[state.UNLOCKED] = False


def who() -> str:
    return str(st.session_state.get(state.WHO) or "").strip()


def remember_who() -> None:
    """Callback of the name field: keep the name across pages (widget state is not)."""
    st.session_state[state.WHO] = str(st.session_state.get(state.W_WHO) or "").strip()


def origin() -> str:
    """Where a change comes from, for the journal: this app session."""
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    ctx = get_script_run_ctx()
    sid = ctx.session_id if ctx is not None else "test"
    return f"app:{sid[:8]}"


def flash(kind: str, text: str) -> None:
    """A message shown on the next run (after ``st.rerun``)."""
    st.session_state.setdefault(state.MEET_FLASH, []).append((kind, text))


def show_flash() -> None:
    for kind, text in st.session_state.pop(state.MEET_FLASH, []):
        getattr(st, kind)(text)


def done(ws: Workspace, kind: str, text: str) -> None:
    """Show `text` after the rerun that re-reads the workspace everywhere."""
    flash(kind, text)
    ws.close()
    st.rerun()


def explain_meeting_mode(read_only: str, command: str | None = None) -> None:
    """What meeting mode is and how to start it, for a page that needs it, shown outside
    meeting mode (such a page is hidden from the navigation then, but its address still
    opens it). `read_only` is the page's own sentence (a key of the app's translation
    table); `command` the command line shown (default: the app's example)."""
    st.info(tr(read_only))
    st.markdown(tr("meet.about"))
    st.markdown(tr("meet.how"))
    st.code(command or tr("meet.command"), language="bash")
    st.caption(tr("meet.how_after"))


def meeting_mode_or_stop(read_only: str, command: str | None = None) -> None:
    """The gate of a page that edits the workspace: stops the page with the right words
    when the app is not in meeting mode (`explain_meeting_mode`) or when this session left
    the workspace. Then call `unlocked_or_stop` (after what a locked page still shows)."""
    if not meeting_mode():
        explain_meeting_mode(read_only, command)
        st.stop()
    if st.session_state.get(state.DETACHED):
        st.warning(tr("meet.detached"))
        st.stop()


def unlocked_or_stop(locked: str) -> None:
    """Stop the page with the `locked` words unless this session may edit."""
    if not can_edit():
        if st.session_state.get(state.PW_FLASH) == "wrong":
            st.error(tr("sidebar.password_wrong"))
        st.warning(tr(locked))
        st.stop()


def error_text(exc: WorkspaceError, lang: str) -> str:
    """A refused edit, said for the screen (markdown, the user's values escaped): the
    reader's problems one per line for an invalid row; the conflict (who, current value)
    or the reason otherwise."""
    if isinstance(exc, edits.ValidationError):
        lines = [t("app.meet.refused", lang)]
        lines += [f"- {md(p.message(lang))}" for p in exc.problems]
        return "\n".join(lines)
    return md(exc.message(lang))


# Table edits -------------------------------------------------------------------------------
def _clean(values: Mapping[str, Any]) -> dict[str, Any]:
    out = {}
    for c, v in values.items():
        if c in BOOKKEEPING or c.startswith("_"):
            continue
        out[c] = "" if v is None or (isinstance(v, float) and v != v) else v
    return out


def pending(editor_state: Any) -> bool:
    """Does a table editor's state hold changes not saved yet?"""
    if not isinstance(editor_state, Mapping):
        return False
    return any(editor_state.get(k) for k in ("edited_rows", "added_rows", "deleted_rows"))


def apply_changes(
    ws: Workspace,
    table: str,
    base: pd.DataFrame,
    changes: Mapping[str, Any],
    *,
    who: str,
    origin: str,
    lang: str,
    cascade: bool = False,
) -> list[tuple[str, str]]:
    """Apply a table editor's changes, row by row, each against the version shown.

    `base` is the ``edits.rows_frame`` the editor was drawn from; `changes` is the
    editor's state (``edited_rows`` {position: {column: value}}, ``added_rows``,
    ``deleted_rows`` [position]). Each row is its own transaction: a refused row (invalid,
    or changed by someone else since it was shown: ``ConflictError`` with the current
    value) is reported and written not at all; the others are saved.

    Returns
    -------
    list of (kind, message): kind is ``"success"`` or ``"error"`` (streamlit's names).
    """
    out: list[tuple[str, str]] = []
    done = 0

    def attempt(action, *args, **kwargs) -> None:
        nonlocal done
        try:
            result = action(ws, table, *args, who=who, origin=origin, **kwargs)
        except WorkspaceError as exc:
            out.append(("error", error_text(exc, lang)))
            return
        if getattr(result, "changed", True):
            done += 1

    for pos, cells in sorted((changes.get("edited_rows") or {}).items(), key=lambda x: int(x[0])):
        row = base.iloc[int(pos)]
        attempt(
            edits.edit_row,
            str(row["row_key"]),
            _clean(cells),
            version=int(row["row_version"]),
        )
    for pos in sorted(int(p) for p in changes.get("deleted_rows") or []):
        row = base.iloc[pos]
        attempt(
            edits.remove_row,
            str(row["row_key"]),
            version=int(row["row_version"]),
            cascade=cascade,
        )
    for values in changes.get("added_rows") or []:
        values = _clean(values)
        if any(str(v).strip() for v in values.values()):
            attempt(edits.add_row, values)
    if done:
        out.insert(0, ("success", str(done)))
    return out
