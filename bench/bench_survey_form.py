"""Benchmark of the respondent's survey form in a real browser (headless Debian chromium).

Question: does a structure's form open in under 2 s in a new browser on the demo (the
survey issue)?

The script builds a workspace from the demo (250 structures), opens a campaign over every
structure and issues their personal links (``?enquete=TOKEN``), then starts the app on
that workspace twice, each time on a free local port: ``ess-graph app --workspace FILE
--survey-only`` (the server respondents reach, docs/SURVEY.md), then the ordinary
``ess-graph app --workspace FILE`` (meeting mode: a link opens the same form there). On
each it opens personal links, every visit a different structure's link (a new token, a
new Streamlit session):

- *first visit*: the server's first session, in a new browser (it pays the server's first
  import of the form's modules);
- *new browser*: a new browser context each visit (empty HTTP cache: the browser fetches
  and compiles Streamlit's 2.5 MB of JavaScript again), what a respondent who never
  opened the app sees: the issue's case;
- *new tab*: a new tab of a browser that has opened a form before (Streamlit's static
  files cached, `immutable`).

**The form is ready** at the first animation frame at which all of these hold in the
page (`FORM_READY`, checked on every frame with ``polling="raf"``):

1. the app's script run is over (`app_fixtures.SETTLED`, the browser tests' rule): the
   page asked for a run, the server started it after the request and finished it (not
   cut short by ``st.rerun``), the app says ``CONNECTED`` and ``notRunning`` (no running
   indicator), no stale element nor skeleton is on screen and React has rendered every
   update it received;
2. an ``<h1>`` of the main block reads « Enquête partenariats » (the form's title);
3. the partner search field, the text input labelled « Nom du partenaire », is enabled;

each element laid out (a non-empty box, not ``visibility: hidden``: Playwright's
"visible"; the field may lie below the fold of a 720-pixel window) and not inside an
element Streamlit marks stale. The time is read on the browser's clock, from the
navigation's start (``performance.timeOrigin`` of the page) to that frame's
``Date.now()``. Each visit then checks that the form is that structure's (« Questionnaire
de NAME »).

Where the time goes, from the run tracker's marks (``window.__essRuns.startedAt`` and
``finishedAt``: when the page received the server's "run started" and "run finished"
messages): *until the run starts* (fetching and starting Streamlit's JavaScript, opening
the websocket, the server creating the session), *the run* (the server's script run, as
the page sees its messages: an upper bound of the server's time, since a busy page reads
its messages late) and *after the run* (the browser rendering what is left).

For comparison, a one-line Streamlit page started with the same command line: what any
Streamlit page costs here (`browser_bench.streamlit_floor`). Results go to stdout and,
with --out, to a markdown file.

Usage::

    .venv/bin/python bench/bench_survey_form.py --visits 8 --out bench/results/survey_form.md
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

# bench/: the shared helpers; tests/app: the browser tests' waits
HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent / "tests" / "app")]
from app_fixtures import SETTLED, app_page  # noqa: E402
from browser_bench import (  # noqa: E402
    ess_graph_app,
    floor_sentence,
    free_port,
    launch,
    new_context,
    preamble,
    publish,
    serve,
    spread,
    streamlit_floor,
)

import ess_graph.app_strings  # noqa: E402, F401  (registers the app.* strings)
from ess_graph.data import demo_dir  # noqa: E402
from ess_graph.i18n import t  # noqa: E402
from ess_graph.survey.campaigns import issue_links, open_campaign  # noqa: E402
from ess_graph.workspace.merge import commit_import, plan_import  # noqa: E402
from ess_graph.workspace.store import Workspace  # noqa: E402

CAMPAIGN = "Enquête partenariats (banc d'essai)"
TARGET_S = 2.0
#: The two servers measured: (name in the table, `ess-graph app` options after the file).
APPS = [("survey-only", ["--survey-only"]), ("ordinary app", [])]

TITLE = t("app.page.reply", "fr")
SEARCH = t("app.reply.search", "fr")

#: ``Date.now()`` at the first frame where the form is ready (see the module's docstring),
#: else null. Its argument: ``[title, search field's label]``.
FORM_READY = f"""([title, search]) => {{
  if (!({SETTLED})()) return null;
  const main = document.querySelector('[data-testid=stMainBlockContainer]');
  if (!main) return null;
  const shown = (e) => !e.closest('[data-stale=true]') && e.getClientRects().length > 0
    && getComputedStyle(e).visibility !== 'hidden';
  const heading = [...main.querySelectorAll('h1')]
    .some((h) => shown(h) && h.innerText.trim() === title);
  const field = [...main.querySelectorAll('input')]
    .some((i) => shown(i) && !i.disabled && i.getAttribute('aria-label') === search);
  return heading && field ? Date.now() : null;
}}"""


def survey_workspace(path: Path) -> None:
    """The demo in a new workspace file at `path`, with a campaign over every structure."""
    with Workspace.create(path) as ws:
        commit_import(ws, plan_import(ws, demo_dir()), who="bench")
        open_campaign(ws, CAMPAIGN, who="bench", everyone=True)


def personal_links(path: Path, port: int, count: int, skip: int) -> list[tuple[str, str]]:
    """(url, structure's name) of `count` structures' personal links to the app on `port`,
    the structures after the first `skip` (each server gets structures of its own)."""
    with Workspace(path) as ws:
        with ws.reading() as conn:
            ids = sorted(r.values["id"] for r in ws.rows("structures", conn))
        chosen = ids[skip : skip + count]
        if len(chosen) < count:
            raise SystemExit(f"{count} visits asked, {len(ids) - skip} structures left")
        links = issue_links(
            ws, CAMPAIGN, base_url=f"http://localhost:{port}/", structures=chosen, who="bench"
        )
    return list(zip(links["url"], links["name"], strict=True))


def open_form(context, url: str, name: str, timeout: float) -> dict[str, float]:
    """Open the personal link `url` in a new tab of `context`; seconds from the navigation
    to the ready form, and where they went (see the module's docstring)."""
    page = app_page(context)
    page.goto(url, wait_until="commit")
    start = page.evaluate("performance.timeOrigin")
    ready = page.wait_for_function(
        FORM_READY, arg=[TITLE, SEARCH], polling="raf", timeout=timeout * 1000
    ).json_value()
    runs = page.evaluate("() => window.__essRuns")
    text = page.locator("[data-testid=stMainBlockContainer]").inner_text()
    page.close()
    if f"Questionnaire de {name}" not in " ".join(text.split()):
        raise AssertionError(f"{url} did not open the form of {name!r}: {text[:300]!r}")
    started, finished = runs["startedAt"], runs["finishedAt"]  # the run FORM_READY saw end
    return {
        "seconds": (ready - start) / 1000,
        "until run": (started - start) / 1000,
        "run": (finished - started) / 1000,
        "after run": (ready - finished) / 1000,
    }


def measure(browser, links: Iterator[tuple[str, str]], visits: int, timeout: float) -> dict:
    """Every timing of one running app, each visit on a link of its own from `links`."""
    context = new_context(browser)
    first = open_form(context, *next(links), timeout)  # the server's first session
    context.close()
    cold = []
    for _ in range(visits):
        context = new_context(browser)
        cold.append(open_form(context, *next(links), timeout))
        context.close()
    context = new_context(browser)
    open_form(context, *next(links), timeout)  # the browser has seen the app once
    warm = [open_form(context, *next(links), timeout) for _ in range(visits)]
    context.close()
    return {"first": first, "cold": cold, "warm": warm}


def median_of(visits: list[dict[str, float]], part: str) -> str:
    return f"{statistics.median(v[part] for v in visits):.2f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--visits", type=int, default=8)
    parser.add_argument("--timeout", type=float, default=120)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    per_app = 2 * args.visits + 2  # first, new browser, the warm-up tab, new tab
    rows = []
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        path = Path(tmp) / "enquete.sqlite"
        survey_workspace(path)
        browser = launch(pw)
        floor = streamlit_floor(browser, tmp, args.visits, args.timeout)
        print({"streamlit_floor": floor}, flush=True)
        for k, (app, options) in enumerate(APPS):
            port = free_port()
            links = iter(personal_links(path, port, per_app, skip=k * per_app))
            load = os.getloadavg()[0]
            with serve(ess_graph_app("--workspace", str(path), *options), port=port):
                row = {"app": app, **measure(browser, links, args.visits, args.timeout)}
            row["load"] = (load, os.getloadavg()[0])
            print(row, flush=True)
            rows.append(row)
        browser.close()

    lines = [
        *preamble(
            "The survey form in a real browser (`bench/bench_survey_form.py`)",
            f".venv/bin/python bench/bench_survey_form.py --visits {args.visits}",
        ),
        "",
        "Seconds from the navigation to a personal link (`?enquete=TOKEN`) to the form",
        "ready (the title « Enquête partenariats » and the partner search field shown, the",
        "app's script run over: no running indicator), on the browser's clock, median",
        f"(range) of {args.visits} visits; the demo workspace (250 structures), a campaign",
        "over all of them. Every visit opens a different structure's link: a new",
        "Streamlit session. *Survey-only*: `ess-graph app --workspace FILE --survey-only`;",
        "*ordinary app*: `ess-graph app --workspace FILE`. *First visit*: the server's",
        "first session, in a new browser. *New browser*: a new browser context each visit",
        "(empty HTTP cache). *New tab*: a new tab of a browser that opened a form before",
        "(Streamlit's files cached). *Load*: the machine's 1-minute load average before",
        "and after the app's visits.",
        "",
        f"| app | first visit | new browser | new tab | new browser under {TARGET_S:g} s "
        "| load (1 min) |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        cold = [v["seconds"] for v in r["cold"]]
        under = sum(1 for v in cold if v < TARGET_S)
        lines.append(
            f"| {r['app']} | {r['first']['seconds']:.2f} | {spread(cold)} "
            f"| {spread([v['seconds'] for v in r['warm']])} | {under} of {len(cold)} "
            f"| {r['load'][0]:.1f}–{r['load'][1]:.1f} |"
        )
    lines += [
        "",
        "Where the time goes, median seconds of the same visits: *until the run starts*",
        "(the page's JavaScript fetched and started, the websocket opened, the session",
        'created), *the run* (from the server\'s "run started" to its "run finished"',
        "message, as the page receives them: the server's script run, or more when the",
        "page is busy), *after the run* (the browser rendering what is left).",
        "",
        "| app | visits | until the run starts | the run | after the run | form ready |",
        "|---|---|---:|---:|---:|---:|",
    ]
    for r in rows:
        for label, visits in (("new browser", r["cold"]), ("new tab", r["warm"])):
            parts = " | ".join(
                median_of(visits, p) for p in ("until run", "run", "after run", "seconds")
            )
            lines.append(f"| {r['app']} | {label} | {parts} |")
    publish([*lines, "", *floor_sentence(floor)], args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
