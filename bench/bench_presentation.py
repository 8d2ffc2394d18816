"""Benchmark of the Présentation page in a real browser (headless Debian chromium).

Question: when the facilitator presses → (or ←) while a presentation of saved views plays
on the projector, how long until the next view's graph is drawn (issue 12: within 1 s on
the demo)?

The script makes a workspace holding the demo and a presentation of `VIEWS` (the whole
region, a pays, a sector, the pôles, a structure's neighbourhood: each scale and filter a
meeting uses), starts ``ess-graph app demo --workspace W`` on a free port, opens
``/presentation`` in a new browser, plays, then goes through every view with → and back
with ←, `--rounds` times. Each step is timed on the browser's clock, from the key press to
``window.__essGraph.readyAt`` of the new graph's frame (set right after vis-network's first
drawing); of that, the time spent in the graph's frame itself (``sinceStartMs``: the
document parsed, vis-network laid out and drawn) is reported too. The first round's
forward steps are the ones where the server computes a view it never drew (the page
computes the neighbours of the view shown while it is on screen); the following rounds
read every view from the cache. The waits are the browser tests'
(``tests/app/app_fixtures.py``): conditions, never a fixed pause.

Usage::

    .venv/bin/python bench/bench_presentation.py --rounds 3 --out bench/results/presentation.md
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent / "tests" / "app")]
from app_fixtures import app_page, graph_frame, redrawn_graph, visit  # noqa: E402
from browser_bench import (  # noqa: E402
    ROOT,
    ess_graph_app,
    launch,
    new_context,
    preamble,
    publish,
    serve,
    spread,
)

from ess_graph.views import Presentation, SavedView  # noqa: E402

#: The presentation played: one view of each kind a meeting shows.
VIEWS = (
    SavedView("Région", title="Toute la région", color_by="family"),
    SavedView("Brest", title="Pays de Brest", territories=("brest",)),
    SavedView("Culture", sectors=("culture",), color_by="territory", size_by="betweenness"),
    SavedView("Pôles", scale="pole"),
    SavedView("Voisinage", focus="s0001", depth=2),
)


def prepare(path: Path, demo: Path) -> None:
    """A workspace holding `demo`, `VIEWS` and a presentation of them."""
    from ess_graph.workspace import views as wv
    from ess_graph.workspace.merge import commit_import, plan_import
    from ess_graph.workspace.store import Workspace

    with Workspace.create(path) as ws:
        commit_import(ws, plan_import(ws, demo), who="bench")
        for view in VIEWS:
            wv.save_view(ws, view, who="bench")
        wv.save_presentation(ws, Presentation("Bench", tuple(v.name for v in VIEWS)), who="bench")


def step(page, key: str) -> dict:
    """Press `key`; the seconds until the next graph is drawn, and in its frame."""
    pressed = page.evaluate("() => Date.now()")
    shown = redrawn_graph(page, lambda: page.keyboard.press(key))
    return {
        "seconds": (shown["readyAt"] - pressed) / 1000,
        "frame": shown["sinceStartMs"] / 1000,
        "nodes": shown["nodes"],
    }


def measure(browser, url: str, rounds: int) -> dict[str, list[dict]]:
    context = new_context(browser)
    page = app_page(context)
    visit(page, f"{url}/presentation")
    play = page.get_by_role("button", name="Lancer en plein écran")
    redrawn_graph(page, play.click)
    graph_frame(page)
    out: dict[str, list[dict]] = {"first forward": [], "forward": [], "back": []}
    for r in range(rounds):
        for _ in VIEWS[1:]:
            out["first forward" if r == 0 else "forward"].append(step(page, "ArrowRight"))
        for _ in VIEWS[1:]:
            out["back"].append(step(page, "ArrowLeft"))
    context.close()
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    demo = ROOT / "data" / "demo"
    with open(demo / "structures.csv", encoding="utf-8") as fh:
        structures = sum(1 for _ in fh) - 1
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        workspace = Path(tmp) / "bench.sqlite"
        prepare(workspace, demo)
        browser = launch(pw)
        with serve(ess_graph_app(str(demo), "--workspace", str(workspace))) as url:
            found = measure(browser, url, args.rounds)
        load = os.getloadavg()[0]
        browser.close()
    print(found, flush=True)
    lines = [
        *preamble(
            "Présentation: the next view after a key press (`bench/bench_presentation.py`)",
            f".venv/bin/python bench/bench_presentation.py --rounds {args.rounds}",
        ),
        "",
        f"The demo ({structures} structures), a presentation of {len(VIEWS)} saved views: "
        + ", ".join(f"{v.name} ({v.scale})" for v in VIEWS)
        + ". Seconds from the key press to the next graph drawn, on the browser's clock,",
        "median (range); *in the frame*: of that, the graph's own frame (document parsed,",
        "vis-network drawn). *First forward*: the first time each view is shown (the server",
        "computed it while the previous one was on screen). Load: the 1-minute load average",
        "at the end.",
        "",
        "| steps | count | key → graph drawn | in the frame | load (1 min) |",
        "|---|---:|---:|---:|---:|",
    ]
    for name, steps in found.items():
        if steps:
            lines.append(
                f"| {name} | {len(steps)} | {spread([s['seconds'] for s in steps])} "
                f"| {spread([s['frame'] for s in steps])} | {load:.1f} |"
            )
    publish(lines, args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
