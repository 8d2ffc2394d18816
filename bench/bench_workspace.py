"""Does the workspace lose nothing with many editors at once, and after a kill -9?

Three experiments on a real workspace file, each in separate processes (spawn):

- **concurrency**: ``processes`` editors start together (a barrier) and each adds
  ``edits`` distinct links through `ess_graph.workspace.edits.add_link` (validation
  included). Reported: wall time, edits per second, BEGIN retries after the busy
  timeout, longest wait for the write lock, errors raised to any editor (must be 0),
  and whether every link is in the table and in the journal.
- **kill during import**: a child starts importing the demo network and is killed with
  SIGKILL once it has written ``kill_after`` rows inside the transaction.
- **kill during edits**: a child adds links one by one and tells the parent after each
  commit; it is killed either inside a transaction (after the row and its journal entry
  are written, before COMMIT) or at a random moment.

After each kill the workspace is reopened: ``PRAGMA integrity_check`` must say ok, every
acknowledged change must be there, and no change of the killed transaction.

Usage::

    .venv/bin/python bench/bench_workspace.py                  # 10 x 200, 10 random kills
    .venv/bin/python bench/bench_workspace.py --processes 4 --edits 20 --kills 3 \\
        --out bench/results/workspace.md

The functions are imported by tests/workspace/test_reliability.py.
"""

from __future__ import annotations

import argparse
import datetime as dt
import multiprocessing as mp
import os
import platform
import random
import signal
import sys
import time
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "data" / "demo"
DEFAULT_OUT = Path(__file__).resolve().parent / "results" / "workspace.md"

if str(Path(__file__).resolve().parent) not in sys.path:  # spawn children import us
    sys.path.insert(0, str(Path(__file__).resolve().parent))
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


# Set-up ---------------------------------------------------------------------------------


def structure_ids(n: int) -> list[str]:
    return [f"e{i:03d}" for i in range(n)]


def pairs_needed(total: int) -> int:
    """The fewest structures whose distinct pairs number at least `total`."""
    n = 2
    while n * (n - 1) // 2 < total:
        n += 1
    return n


def make_workspace(path: Path, n_structures: int) -> None:
    """A workspace with `n_structures` structures (culture, brest) and no link."""
    from ess_graph.validate import validate_rows
    from ess_graph.workspace.merge import commit_import, plan_network
    from ess_graph.workspace.store import Workspace

    rows = [
        {
            "id": sid,
            "name": f"Structure {sid}",
            "family": "association",
            "sector": "culture",
            "territory": "brest",
        }
        for sid in structure_ids(n_structures)
    ]
    texts = {
        "structures": (["id", "name", "family", "sector", "territory"], rows),
        "poles": (["id", "name", "territory", "status"], []),
        "partners": (["id", "name", "kind"], []),
        "links": (["source", "target", "kind"], []),
    }
    with Workspace.create(path) as ws:
        commit_import(ws, plan_network(ws, validate_rows(texts), source="bench"), who="setup")


def _pairs(n_structures: int) -> list[tuple[str, str]]:
    return list(combinations(structure_ids(n_structures), 2))


# Concurrency ----------------------------------------------------------------------------


def _editor(path: str, index: int, edits: int, n_structures: int, barrier, conn) -> None:
    from ess_graph.workspace.edits import add_link
    from ess_graph.workspace.store import Workspace

    pairs = _pairs(n_structures)
    ws = Workspace(path)
    errors: list[str] = []
    barrier.wait()
    start = time.perf_counter()
    for k in range(edits):
        u, v = pairs[index * edits + k]
        try:
            add_link(ws, u, v, "cooperation", who=f"editor-{index}", origin=f"bench-{index}")
        except Exception as exc:  # every error raised to an editor is counted
            errors.append(f"{type(exc).__name__}: {exc}")
    conn.send(
        {
            "index": index,
            "errors": errors,
            "retries": ws.busy_retries,
            "lock_wait_max": ws.lock_wait_max,
            "lock_wait_total": ws.lock_wait_total,
            "seconds": time.perf_counter() - start,
        }
    )
    conn.close()
    ws.close()


def concurrent_edits(path: Path, processes: int = 10, edits: int = 200) -> dict:
    """Run the concurrency experiment on a new workspace at `path`."""
    from ess_graph.workspace.store import Workspace

    n = pairs_needed(processes * edits)
    make_workspace(path, n)
    ctx = mp.get_context("spawn")
    barrier = ctx.Barrier(processes + 1)
    pipes = [ctx.Pipe(duplex=False) for _ in range(processes)]
    procs = [
        ctx.Process(target=_editor, args=(str(path), i, edits, n, barrier, pipes[i][1]))
        for i in range(processes)
    ]
    for p in procs:
        p.start()
    barrier.wait()  # every editor has imported everything and opened the workspace
    start = time.perf_counter()
    reports = [pipes[i][0].recv() for i in range(processes)]
    wall = time.perf_counter() - start
    for p in procs:
        p.join()
    with Workspace(path) as ws:
        links = ws.count("links")
        journal = ws.connection.execute(
            "SELECT COUNT(*) FROM journal WHERE origin LIKE 'bench-%' AND tbl = 'links' "
            "AND action = 'add'"
        ).fetchone()[0]
        per_editor = dict(
            ws.connection.execute(
                "SELECT who, COUNT(*) FROM journal WHERE origin LIKE 'bench-%' GROUP BY who"
            ).fetchall()
        )
        integrity = ws.integrity_check()
    errors = [e for r in reports for e in r["errors"]]
    return {
        "processes": processes,
        "edits": edits,
        "expected": processes * edits,
        "links": links,
        "journal": journal,
        "per_editor": per_editor,
        "errors": errors,
        "retries": sum(r["retries"] for r in reports),
        "lock_wait_max": max(r["lock_wait_max"] for r in reports),
        "seconds": wall,
        "integrity": integrity,
        "exit_codes": [p.exitcode for p in procs],
    }


# Kill -9 ----------------------------------------------------------------------------------


def _importer(path: str, kill_after: int, ready) -> None:
    from ess_graph.workspace.merge import commit_import, plan_import
    from ess_graph.workspace.store import Workspace

    ws = Workspace(path)
    plan = plan_import(ws, DEMO)

    def hook(n: int) -> None:
        if n == kill_after:
            ready.set()  # inside the transaction, rows written, not committed
            time.sleep(120)

    ws.progress_hook = hook
    commit_import(ws, plan, who="killed-importer")


def _state(path: Path) -> dict:
    from ess_graph.workspace.store import Workspace

    with Workspace(path) as ws:
        texts = ws.texts()
        journal = ws.connection.execute("SELECT COUNT(*), MAX(seq) FROM journal").fetchone()
        return {
            "texts": texts,
            "journal": tuple(journal),
            "integrity": ws.integrity_check(),
            "versions": {
                t: sorted((r.key, r.version) for r in ws.rows(t)) for t in ("structures", "links")
            },
        }


def kill_during_import(path: Path, kill_after: int = 500) -> dict:
    """Kill an importer inside its transaction; compare the state before and after."""
    from ess_graph.workspace.edits import add_link
    from ess_graph.workspace.store import Workspace

    make_workspace(path, 5)
    with Workspace(path) as ws:  # a committed change the kill must not lose
        add_link(ws, "e000", "e001", "pooling", who="before-kill")
    before = _state(path)
    ctx = mp.get_context("spawn")
    ready = ctx.Event()
    child = ctx.Process(target=_importer, args=(str(path), kill_after, ready))
    child.start()
    inside = ready.wait(timeout=300)
    os.kill(child.pid, signal.SIGKILL)
    child.join()
    after = _state(path)
    return {
        "inside_transaction": inside,
        "exit_code": child.exitcode,
        "integrity": after["integrity"],
        "unchanged": after["texts"] == before["texts"] and after["journal"] == before["journal"],
        "journal": after["journal"],
    }


def _edit_pair(k: int) -> tuple[str, str]:
    return _pairs(40)[k]


def _edit_loop(path: str, edits: int, hang_at: int | None, conn, ready) -> None:
    from ess_graph.workspace.edits import add_link
    from ess_graph.workspace.store import Workspace

    ws = Workspace(path)
    current = {"k": -1}

    def hook(n: int) -> None:
        if current["k"] == hang_at:
            ready.set()  # the row and its journal entry are written, COMMIT is not
            time.sleep(120)

    ws.progress_hook = hook
    ready_once = False
    for k in range(edits):
        current["k"] = k
        u, v = _edit_pair(k)
        add_link(ws, u, v, "cooperation", who="killed-editor", origin="kill-test")
        conn.send(k)  # acknowledged: committed
        if hang_at is None and not ready_once:
            ready.set()
            ready_once = True


def kill_during_edits(
    path: Path, edits: int = 60, hang_at: int | None = 30, delay: float = 0.0
) -> dict:
    """Kill an editor inside an edit (``hang_at``) or after `delay` s of editing."""
    from ess_graph.workspace.store import Workspace, link_key

    make_workspace(path, 40)
    ctx = mp.get_context("spawn")
    receive, send = ctx.Pipe(duplex=False)
    ready = ctx.Event()
    child = ctx.Process(target=_edit_loop, args=(str(path), edits, hang_at, send, ready))
    child.start()
    send.close()
    ready.wait(timeout=300)
    if delay:
        time.sleep(delay)
    os.kill(child.pid, signal.SIGKILL)
    child.join()
    acknowledged = []
    while True:
        try:
            acknowledged.append(receive.recv())
        except EOFError:
            break
    with Workspace(path) as ws:
        integrity = ws.integrity_check()
        present = {r.key for r in ws.rows("links")}
        journal_keys = [
            k
            for (k,) in ws.connection.execute(
                "SELECT key FROM journal WHERE origin = 'kill-test' ORDER BY seq"
            )
        ]
    keys = [link_key(*_edit_pair(k), "cooperation") for k in range(edits)]
    acked = {keys[k] for k in acknowledged}
    return {
        "integrity": integrity,
        "acknowledged": len(acked),
        "present": len(present),
        "all_acknowledged_present": acked <= present,
        # a row without its journal entry (or the reverse) would be a partial change
        "journal_matches_table": sorted(journal_keys) == sorted(present)
        and len(journal_keys) == len(set(journal_keys)),
        # killed inside edit `hang_at`: that edit must be absent
        "killed_edit_absent": hang_at is None or keys[hang_at] not in present,
        "exit_code": child.exitcode,
    }


# Report -----------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    import tempfile

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--processes", type=int, default=10)
    parser.add_argument("--edits", type=int, default=200)
    parser.add_argument("--kills", type=int, default=10, help="random-time kills of an editor")
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args(argv)
    lines = [
        "# Workspace reliability",
        "",
        f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC, Python {platform.python_version()}, "
        f"{os.cpu_count()} CPU, load average {os.getloadavg()[0]:.1f} at start, "
        f"SQLite {__import__('sqlite3').sqlite_version}",
        "",
    ]
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        c = concurrent_edits(tmp / "concurrency.sqlite", args.processes, args.edits)
        lines += [
            f"## {c['processes']} processes x {c['edits']} edits (add_link, validation included)",
            "",
            "| links expected | in table | in journal | errors | BEGIN retries | longest lock wait | wall time | edits/s | integrity |",
            "|---|---|---|---|---|---|---|---|---|",
            f"| {c['expected']} | {c['links']} | {c['journal']} | {len(c['errors'])} | "
            f"{c['retries']} | {c['lock_wait_max']:.3f} s | {c['seconds']:.1f} s | "
            f"{c['expected'] / c['seconds']:.0f} | {c['integrity']} |",
            "",
        ]
        print("\n".join(lines[-6:]), flush=True)
        imp = kill_during_import(tmp / "import.sqlite")
        edit = kill_during_edits(tmp / "edit.sqlite")
        rows = [
            ("import (SIGKILL after 500 rows written)", imp["integrity"], imp["unchanged"], ""),
            (
                "edit (SIGKILL before COMMIT of edit 31)",
                edit["integrity"],
                edit["all_acknowledged_present"]
                and edit["killed_edit_absent"]
                and edit["journal_matches_table"],
                f"{edit['acknowledged']} acknowledged, {edit['present']} present",
            ),
        ]
        rng = random.Random(2009)
        for i in range(args.kills):
            delay = rng.uniform(0.05, 1.5)
            r = kill_during_edits(tmp / f"random{i}.sqlite", edits=400, hang_at=None, delay=delay)
            rows.append(
                (
                    f"edits, SIGKILL at random after {delay:.2f} s",
                    r["integrity"],
                    r["all_acknowledged_present"] and r["journal_matches_table"],
                    f"{r['acknowledged']} acknowledged, {r['present']} present",
                )
            )
        lines += [
            "## kill -9",
            "",
            "| run | integrity_check | every committed change, no partial one | detail |",
            "|---|---|---|---|",
            *(f"| {a} | {b} | {'yes' if c_ else 'NO'} | {d} |" for a, b, c_, d in rows),
            "",
        ]
    text = "\n".join(lines)
    print(text)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
