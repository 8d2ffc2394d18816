"""Benchmark of the app's Réseau page in a real browser (headless Debian chromium).

Question: how long after the request does a visitor see a settled graph on the Réseau
page (issue 4: the demo within 2 s, 2,500 structures within 3 s, 25,000 drawn within 10 s
or the pôle and sector views with an honest message)?

For each network the script starts `ess-graph app PATH` on a free local port, then opens
the Réseau page in a new browser context (a new session: nothing cached in the browser)
several times, and times from `page.goto` to the moment the graph frame reports
`document.body.dataset.graphReady == "1"` (set by the page after vis-network's first
drawing). The first visit also pays for the server's analysis and layout, which are
cached by content hash for the following visits. Results go to stdout and, with --out, to
a markdown file.

Usage::

    .venv/bin/python bench/bench_app.py --sizes 250,2500,25000 --out bench/results/app.md
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from ess_graph.cli import app_command

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


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


def ready_frame(page, timeout: float):
    """The frame whose graph has drawn, polled until `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for frame in page.frames:
            try:
                if frame.evaluate("() => document.body && document.body.dataset.graphReady") == "1":
                    return frame
            except Exception:  # a frame navigating or detached: look again
                continue
        page.wait_for_timeout(25)
    return None


def visit(browser, url: str, timeout: float) -> dict:
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    page = context.new_page()
    t0 = time.perf_counter()
    page.goto(url + "/reseau")
    frame = ready_frame(page, timeout)
    seconds = time.perf_counter() - t0
    info = frame.evaluate("() => window.__essGraph || {}") if frame else {}
    # the notice saying why a large network is not drawn structure by structure
    notices = page.locator(
        "[data-testid='stAlert'], [data-testid='stCaptionContainer']"
    ).all_inner_texts()
    scale_message = [m for m in notices if "au plus" in m or "at most" in m]
    context.close()
    return {
        "seconds": seconds if frame else float("nan"),
        "nodes": info.get("nodes"),
        "edges": info.get("edges"),
        "messages": " / ".join(m.replace("\n", " ") for m in scale_message)[:160],
    }


def _new_ready_frame(page, timeout: float):
    """A graph frame that has drawn and is not the one marked old by the caller."""
    deadline = time.monotonic() + timeout
    test = "() => document.body && document.body.dataset.graphReady === '1' && !window.__old"
    while time.monotonic() < deadline:
        for frame in page.frames:
            try:
                if frame.evaluate(test):
                    return frame
            except Exception:  # a frame navigating or detached: look again
                continue
        page.wait_for_timeout(20)
    return None


def colour_changes(browser, url: str, timeout: float) -> list[float]:
    """Seconds from picking another colour in the sidebar to the redrawn graph (same tab,
    a session already open: what a meeting does)."""
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    page.goto(url + "/reseau")
    frame = ready_frame(page, timeout)
    out = []
    for option in ("Famille", "Territoire", "Pôle", "Secteur"):
        if frame is None:
            break
        frame.evaluate("() => { window.__old = 1 }")
        box = page.locator("[data-testid='stSidebar']").get_by_label("Couleur").first
        if not box.is_enabled():  # the pôle view of a large network has fixed colours
            break
        box.scroll_into_view_if_needed()
        box.click()
        t0 = time.perf_counter()
        page.get_by_role("option", name=option, exact=True).click()
        frame = _new_ready_frame(page, timeout)
        out.append(time.perf_counter() - t0 if frame else float("nan"))
    page.close()
    return out


def streamlit_floor(browser, tmp: str, visits: int, timeout: float) -> list[float]:
    """Seconds from the request to the title of a one-line Streamlit page (new browser
    context each visit): what any Streamlit page costs on this machine."""
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
    out = []
    try:
        wait_healthy(url)
        for _ in range(visits):
            context = browser.new_context(viewport={"width": 1280, "height": 720})
            page = context.new_page()
            t0 = time.perf_counter()
            page.goto(url)
            page.wait_for_selector("h1", timeout=timeout * 1000)
            out.append(time.perf_counter() - t0)
            context.close()
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="250,2500,25000")
    parser.add_argument("--visits", type=int, default=3)
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
                visits = [visit(browser, url, args.timeout) for _ in range(args.visits)]
                changes = colour_changes(browser, url, args.timeout)
            finally:
                proc.terminate()
                proc.wait(timeout=30)
            row = {
                "structures": n,
                "visits": visits,
                "changes": changes,
                "load": os.getloadavg()[0],
            }
            print(row, flush=True)
            rows.append(row)
        browser.close()

    lines = [
        "# The Réseau page in a real browser (`bench/bench_app.py`)",
        "",
        f"Date: {dt.datetime.now(dt.UTC).strftime('%Y-%m-%d %H:%M UTC')}  ",
        f"Machine: {platform.system()} {platform.release()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}; headless Debian chromium, software rendering, 1280×720",
        "",
        "Seconds from the request of `/reseau` (new browser context each visit) to the graph",
        "frame's `graphReady` marker. Visit 1 includes the server's first analysis and layout;",
        "later visits reuse them (cached by content hash). *Colour change*: seconds from picking",
        "another colour (family, territory, pôle, sector) in the sidebar of an open page to the",
        "redrawn graph.",
        "",
        "| structures | visit 1 s | later visits s | colour change s | nodes drawn | edges drawn "
        "| message shown | load (1 min) |",
        "|---:|---:|---:|---:|---:|---:|---|---:|",
    ]
    for r in rows:
        v = r["visits"]
        later = ", ".join(f"{x['seconds']:.2f}" for x in v[1:])
        changes = ", ".join(f"{x:.2f}" for x in r["changes"]) or "—"
        lines.append(
            f"| {r['structures']:,} | {v[0]['seconds']:.2f} | {later} | {changes} | {v[0]['nodes']} | "
            f"{v[0]['edges']} | {v[0]['messages'] or '—'} | {r['load']:.1f} |"
        )
    lines += [
        "",
        "For comparison, a one-line Streamlit page (`st.title`) on the same machine shows its",
        "title after " + ", ".join(f"{x:.2f}" for x in floor) + " s (new browser context each"
        " visit): Streamlit's own cost of starting a session, paid by every page.",
    ]
    text = "\n".join(lines) + "\n"
    print(text)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
