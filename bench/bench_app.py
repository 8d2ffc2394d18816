"""Benchmark of the app's Réseau page in a real browser (headless Debian chromium).

Question: how long after the request does a visitor see a settled graph on the Réseau
page (issue 4: the demo within 2 s, 2,500 structures within 3 s, 25,000 drawn within 10 s
or the pôle and sector views with an honest message)?

For each network the script starts `ess-graph app PATH` on a free local port and opens the
Réseau page in three ways, each a new Streamlit session:

- *new browser*: a new browser context each visit (empty HTTP cache: the browser fetches
  and compiles Streamlit's 2.5 MB of JavaScript again), what a machine that never opened
  the app sees;
- *new tab*: a new tab of a browser that has opened the app before (Streamlit's static
  files are cached, `immutable`), what a coordinator or the projector machine sees when
  opening the app again;
- *from another page*: a click on "Réseau" in the sidebar of an open session on the
  Vue d'ensemble page (the app's first page), once that page has finished (its map
  drawn), the usual way to get there.

Times are read from the browser's own clock: from the navigation's start
(`performance.timeOrigin` of the app page) or the click, to `window.__essGraph.readyAt`,
which the graph frame sets right after vis-network's first drawing. The script waits for
that mark in the graph's frame and for Streamlit's run to finish (the browser tests'
helpers, ``tests/app/app_fixtures.py``), which does not change the measured time. The
first visit also pays
for the server's analysis and layout, cached by content hash for the following visits.
Results go to stdout and, with --out, to a markdown file.

Usage::

    .venv/bin/python bench/bench_app.py --sizes 250,2500,25000 --out bench/results/app.md
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

# bench/: the shared helpers; tests/app: the browser tests' waits (a run is over when
# Streamlit has finished it)
HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent / "tests" / "app")]
from app_fixtures import act, app_page, current, graph_frame, settle, visit  # noqa: E402
from browser_bench import (  # noqa: E402
    BIN,
    ROOT,
    VIEWPORT,
    ess_graph_app,
    floor_sentence,
    launch,
    new_context,
    preamble,
    publish,
    serve,
    spread,
    streamlit_floor,
)


def graph_ready(page, timeout: float, *, after: float = 0) -> dict | None:
    """`window.__essGraph` of the page's graph once drawn (its `readyAt`, ms since the
    epoch, later than `after`), or None if no graph is drawn within `timeout` s."""
    ready = f"() => window.__essGraph && window.__essGraph.readyAt > {after}"
    try:
        return graph_frame(page, ready=ready, timeout=timeout).evaluate("window.__essGraph")
    except AssertionError:
        return None


def open_reseau(context, url: str, timeout: float) -> dict:
    """Open /reseau in a new tab of `context`; seconds from the request to the graph."""
    page = app_page(context)
    page.goto(url + "/reseau", wait_until="commit")
    start = page.evaluate("performance.timeOrigin")
    info = graph_ready(page, timeout)
    settle(page, timeout=timeout)
    # the notice saying why a large network is not drawn structure by structure
    notices = current(
        page.locator("[data-testid='stAlert'], [data-testid='stCaptionContainer']")
    ).all_inner_texts()
    scale_message = [m for m in notices if "au plus" in m or "at most" in m]
    page.close()
    return {
        "seconds": (info["readyAt"] - start) / 1000 if info else float("nan"),
        "nodes": info.get("nodes") if info else None,
        "edges": info.get("edges") if info else None,
        "messages": " / ".join(m.replace("\n", " ") for m in scale_message)[:160],
    }


def new_browser(browser, url: str, timeout: float) -> dict:
    context = new_context(browser)
    try:
        return open_reseau(context, url, timeout)
    finally:
        context.close()


def from_another_page(context, url: str, timeout: float) -> float:
    """Seconds from a click on "Réseau" in the sidebar of the Vue d'ensemble page to the
    drawn graph (an open session, as a meeting moves between pages)."""
    page = app_page(context)
    visit(page, url + "/", timeout=timeout)
    # the first page has finished (its map drawn): a visitor reads it, then clicks
    current(page.locator("[data-testid='stDeckGlJsonChart'] canvas")).first.wait_for(
        timeout=timeout * 1000
    )
    link = page.locator("[data-testid='stSidebarNav']").get_by_text("Réseau", exact=True)
    start = 0.0

    def click() -> None:
        nonlocal start
        start = page.evaluate("Date.now()")
        link.click()

    act(page, click, timeout=timeout)
    info = graph_ready(page, timeout, after=start)
    page.close()
    return (info["readyAt"] - start) / 1000 if info else float("nan")


def colour_changes(browser, url: str, timeout: float) -> list[float]:
    """Seconds from picking another colour in the sidebar to the redrawn graph (same tab,
    a session already open: what a meeting does)."""
    page = app_page(browser, viewport=VIEWPORT)
    visit(page, url + "/reseau", timeout=timeout)
    info = graph_ready(page, timeout)
    out = []
    for option in ("Famille", "Territoire", "Pôle", "Secteur"):
        if info is None:
            break
        box = current(page.locator("[data-testid='stSidebar']").get_by_label("Couleur")).first
        if not box.is_enabled():  # the pôle view of a large network has fixed colours
            break
        box.scroll_into_view_if_needed()
        box.click()  # opens the list: no rerun yet
        start = 0.0

        def choose(option: str = option) -> None:
            nonlocal start
            start = page.evaluate("Date.now()")
            page.get_by_role("option", name=option, exact=True).click()

        act(page, choose, timeout=timeout)
        info = graph_ready(page, timeout, after=start)
        out.append((info["readyAt"] - start) / 1000 if info else float("nan"))
    page.close()
    return out


def measure(browser, url: str, visits: int, timeout: float) -> dict:
    """Every timing of one running app (see the module's docstring)."""
    first = new_browser(browser, url, timeout)  # the server computes and caches
    cold = [new_browser(browser, url, timeout) for _ in range(visits)]
    context = new_context(browser)
    open_reseau(context, url, timeout)  # the browser has seen the app once
    warm = [open_reseau(context, url, timeout) for _ in range(visits)]
    switch = [from_another_page(context, url, timeout) for _ in range(visits)]
    context.close()
    return {
        "first": first,
        "cold": [v["seconds"] for v in cold],
        "warm": [v["seconds"] for v in warm],
        "switch": switch,
        "changes": colour_changes(browser, url, timeout),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="250,2500,25000")
    parser.add_argument("--visits", type=int, default=6)
    parser.add_argument("--timeout", type=float, default=120)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    rows = []
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        browser = launch(pw)
        floor = streamlit_floor(browser, tmp, args.visits, args.timeout)
        print({"streamlit_floor": floor}, flush=True)
        for n in [int(s) for s in args.sizes.split(",") if s]:
            if n == 250:
                path = str(ROOT / "data" / "demo")
            else:
                path = str(Path(tmp) / f"net{n}")
                subprocess.run(
                    [str(BIN / "ess-graph"), "demo", "--structures", str(n), "--out", path],
                    check=True,
                    stdout=subprocess.DEVNULL,
                )
            with serve(ess_graph_app(path)) as url:
                row = {"structures": n, **measure(browser, url, args.visits, args.timeout)}
            row["load"] = os.getloadavg()[0]
            print(row, flush=True)
            rows.append(row)
        browser.close()

    lines = [
        *preamble(
            "The Réseau page in a real browser (`bench/bench_app.py`)",
            f".venv/bin/python bench/bench_app.py --sizes {args.sizes} --visits {args.visits}",
        ),
        "",
        "Seconds from the request of `/reseau` to the drawn graph, on the browser's clock,",
        f"median (range) of {args.visits} visits, each a new Streamlit session. *First visit*:",
        "the server's first analysis and layout (then cached by content hash). *New browser*:",
        "a new browser context each visit (empty HTTP cache). *New tab*: a new tab of a",
        "browser that opened the app before (Streamlit's files cached). *From another page*:",
        "a click on « Réseau » in the sidebar of an open session on the first page.",
        "*Colour change*: from picking another colour (family, territory, pôle, sector) in",
        "the sidebar of an open page to the redrawn graph.",
        "",
        "| structures | first visit | new browser | new tab | from another page "
        "| colour change | nodes drawn | edges drawn | message shown | load (1 min) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|",
    ]
    for r in rows:
        first = r["first"]
        lines.append(
            f"| {r['structures']:,} | {first['seconds']:.2f} | {spread(r['cold'])} "
            f"| {spread(r['warm'])} | {spread(r['switch'])} | {spread(r['changes'])} "
            f"| {first['nodes']} | {first['edges']} | {first['messages'] or '—'} "
            f"| {r['load']:.1f} |"
        )
    publish([*lines, "", *floor_sentence(floor)], args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
