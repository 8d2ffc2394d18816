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
import datetime as dt
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from ess_graph.cli import app_command
from ess_graph.platform_info import machine

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
CHROMIUM = "/usr/bin/chromium"
# the browser tests' waiting helpers: a run is over when Streamlit has finished it
sys.path.insert(0, str(ROOT / "tests" / "app"))
from app_fixtures import CHROMIUM_ARGS as ARGS  # noqa: E402
from app_fixtures import act, app_page, current, graph_frame, settle, visit  # noqa: E402


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_healthy(url: str, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"the app did not answer at {url}")


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
    context = browser.new_context(viewport={"width": 1280, "height": 720})
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
    page = app_page(browser, viewport={"width": 1280, "height": 720})
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


def title_shown(page, url: str, timeout: float) -> float:
    """Seconds from the request of `url` to its first ``<h1>``, on the browser's clock."""
    page.goto(url, wait_until="commit")
    start = page.evaluate("performance.timeOrigin")
    shown = page.wait_for_function(
        "() => document.querySelector('h1') ? Date.now() : null",
        polling="raf",
        timeout=timeout * 1000,
    ).json_value()
    return (shown - start) / 1000


def streamlit_floor(browser, tmp: str, visits: int, timeout: float) -> dict[str, list[float]]:
    """Seconds from the request to the title of a one-line Streamlit page, in a new browser
    and in a new tab of a browser that opened it before: what any Streamlit page costs on
    this machine."""
    script = Path(tmp) / "hello.py"
    script.write_text('import streamlit as st\nst.title("Bonjour")\n', encoding="utf-8")
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    # the same command line as the app's (ess-graph app), on the one-line page
    proc = subprocess.Popen(
        app_command(script, port),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    out: dict[str, list[float]] = {"new browser": [], "new tab": []}
    try:
        wait_healthy(url)
        for _ in range(visits):
            context = browser.new_context(viewport={"width": 1280, "height": 720})
            out["new browser"].append(title_shown(context.new_page(), url, timeout))
            context.close()
        context = browser.new_context(viewport={"width": 1280, "height": 720})
        title_shown(context.new_page(), url, timeout)  # the browser has seen the app once
        for _ in range(visits):
            page = context.new_page()
            out["new tab"].append(title_shown(page, url, timeout))
            page.close()
        context.close()
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    return out


def spread(values: list[float]) -> str:
    """Median and range of a few timings: "1.84 (1.70–2.02)"."""
    values = sorted(v for v in values if v == v)
    if not values:
        return "—"
    if len(values) == 1:
        return f"{values[0]:.2f}"
    return f"{statistics.median(values):.2f} ({values[0]:.2f}–{values[-1]:.2f})"


def measure(browser, url: str, visits: int, timeout: float) -> dict:
    """Every timing of one running app (see the module's docstring)."""
    first = new_browser(browser, url, timeout)  # the server computes and caches
    cold = [new_browser(browser, url, timeout) for _ in range(visits)]
    context = browser.new_context(viewport={"width": 1280, "height": 720})
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
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
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
            port = free_port()
            url = f"http://127.0.0.1:{port}"
            proc = subprocess.Popen(
                [str(BIN / "ess-graph"), "app", path, "--port", str(port)],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                cwd=ROOT,
            )
            try:
                wait_healthy(url)
                row = {"structures": n, **measure(browser, url, args.visits, args.timeout)}
            finally:
                proc.terminate()
                proc.wait(timeout=30)
            row["load"] = os.getloadavg()[0]
            print(row, flush=True)
            rows.append(row)
        browser.close()

    lines = [
        "# The Réseau page in a real browser (`bench/bench_app.py`)",
        "",
        f"Date: {dt.datetime.now(dt.UTC).strftime('%Y-%m-%d %H:%M UTC')}  ",
        f"Machine: {machine('streamlit')}; headless Debian chromium, software rendering, 1280×720  ",
        f"Command: `.venv/bin/python bench/bench_app.py --sizes {args.sizes} "
        f"--visits {args.visits}`",
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
    lines += [
        "",
        "For comparison, a one-line Streamlit page (`st.title`) started with the same",
        "command line shows its title after "
        f"{spread(floor['new browser'])} s in a new browser and {spread(floor['new tab'])} s",
        "in a new tab: Streamlit's own cost of starting a session, paid by every page.",
    ]
    text = "\n".join(lines) + "\n"
    print(text)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
