"""Small network folders for the app tests, and how the browser tests wait for the app.

`write_network` writes a fictional network whose size and content the tests know exactly
(the expected counts below come from how it is built, not from the app). With
``evil=True`` every name and id that reaches the screen holds an HTML/script payload.

The waiting rule of every test that drives the app in chromium (tests/app/test_browser.py,
bench/bench_app.py and its smoke test):

- open pages with `app_page` (it installs `RUN_TRACKER`) and `visit`;
- do every action that makes Streamlit rerun (a click on a widget, Enter in a field, a
  file chosen, a page link) through `act(page, action)`: it returns once the rerun that
  the action asked for has finished; `settle(page)` waits for whatever was asked so far;
- read and click only through `current(locator)`, so that the copy of an element that
  Streamlit keeps on screen (``data-stale``) during a rerun can never match;
- find a graph with `graph_frame` / `redrawn_graph`;
- never wait for a fixed time (``wait_for_timeout``, ``time.sleep``): wait for a condition.

Waiting for ``data-test-script-state="notRunning"`` alone is not enough: the page says
so before the server has started the run an action asked for, and between a run cut short
by ``st.rerun`` and the next (see `RUN_TRACKER`).
"""

from __future__ import annotations

import csv
import os
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # app.py imports ess_graph_app from the repository root
    sys.path.insert(0, str(ROOT))

PAYS = ["Brest", "Morlaix", "Rennes", "Lorient", "Vannes", "Saint-Malo"]
SECTORS = ["culture", "sport", "emploi_insertion", "sanitaire_social", "education_populaire"]
FAMILIES = ["association", "cooperative", "mutuelle", "fondation"]
KINDS = ["cooperation", "pooling", "subcontracting", "sponsorship"]

#: What the browser tests look for: a script that ran leaves this mark on `window.top`
#: or on its own window.
XSS_MARK = "__essXss"
XSS_PAYLOADS = (
    f'<img src=x onerror="window.top.{XSS_MARK}=1;window.{XSS_MARK}=1">',
    f"</script><script>window.top.{XSS_MARK}=2;window.{XSS_MARK}=2</script>",
    f'<svg onload="window.top.{XSS_MARK}=3">',
    '"><b>bold</b>',
)


def _write(folder: Path, name: str, header: list[str], rows: list[list[object]]) -> None:
    with open(folder / f"{name}.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(header)
        w.writerows(rows)


def write_network(
    folder: Path, *, n: int = 40, ties: int = 60, seed: int = 7, evil: bool = False
) -> dict[str, int]:
    """Write structures/poles/partners/links/territories CSVs; return what was written.

    Structures are ``s000``...; structure i is in territory ``PAYS[i % 6]`` and sector
    ``SECTORS[i % 5]``; pôles exist for the first three pays (statuses created,
    prefiguration, launching). Links are `ties` distinct random pairs (seeded), so the
    cooperation graph has exactly `ties` ties and `n` structures.
    """
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    payloads = XSS_PAYLOADS if evil else ("",)

    def ident(i: int) -> str:
        return f"s{i:03d}" + (payloads[i % len(payloads)] if evil and i % 3 == 0 else "")

    def name(i: int) -> str:
        extra = payloads[i % len(payloads)] if evil else ""
        return f"Structure {i}{extra}"

    _write(
        folder,
        "territories",
        ["id", "name", "department"],
        [[p.lower(), p, ""] for p in PAYS],
    )
    statuses = ["created", "prefiguration", "launching"]
    poles = [
        [
            f"p_{p.lower()}",
            f"Pôle {p}" + (payloads[k % len(payloads)] if evil else ""),
            p.lower(),
            statuses[k],
        ]
        for k, p in enumerate(PAYS[:3])
    ]
    _write(folder, "poles", ["id", "name", "territory", "status"], poles)
    _write(folder, "partners", ["id", "name", "kind"], [["cr", "Conseil régional", "region"]])
    structures = []
    for i in range(n):
        terr = PAYS[i % len(PAYS)]
        pole = f"p_{terr.lower()}" if PAYS.index(terr) < 3 else ""
        structures.append(
            [ident(i), name(i), FAMILIES[i % 4], SECTORS[i % 5], terr.lower(), pole, 2000 + i % 15]
        )
    _write(
        folder,
        "structures",
        ["id", "name", "family", "sector", "territory", "pole", "founded"],
        structures,
    )
    pairs: set[tuple[int, int]] = set()
    while len(pairs) < ties:
        a, b = rng.sample(range(n), 2)
        pairs.add((min(a, b), max(a, b)))
    links = [
        [ident(a), ident(b), KINDS[(a + b) % 4], 2005 + (a * b) % 15, 1] for a, b in sorted(pairs)
    ]
    links.append(["cr", ident(0), "funding", 2010, 1])
    _write(folder, "links", ["source", "target", "kind", "since", "weight"], links)
    return {"structures": n, "ties": ties, "poles": 3}


TIMEOUT = 60


def start(lang: str | None = None):
    """A fresh AppTest session of the whole app (app.py), run once."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
    if lang:
        at.session_state["w_lang"] = lang
    return at.run()


def metric(at, label: str) -> str:
    """The value of the st.metric whose label is `label`."""
    for m in at.metric:
        if m.label == label:
            return m.value
    raise AssertionError(f"no metric {label!r} in {[m.label for m in at.metric]}")


def chromium_path() -> str | None:
    path = "/usr/bin/chromium"
    return path if os.path.exists(path) else None


def browser_bench(name: str):
    """The benchmark script ``bench/<name>.py`` loaded as a module, for its smoke test;
    skips the test when Debian's chromium or Playwright is missing."""
    import importlib.util

    import pytest

    if chromium_path() is None:
        pytest.skip("no chromium at /usr/bin/chromium (Debian package 'chromium')")
    pytest.importorskip("playwright.sync_api")
    spec = importlib.util.spec_from_file_location(name, ROOT / "bench" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# The app in a real browser: waiting for Streamlit's reruns ---------------------------------
#
# Every widget action sends a "rerun" request over the websocket and returns at once; the
# server's run starts later (a round trip, long on a loaded machine). While it runs, the
# page keeps the previous run's elements on screen, marked ``data-stale="true"``, next to
# the new ones: a locator can then match two elements, or the old one. And between a run
# that ends with ``st.rerun()`` and the next, the page briefly says "notRunning" with old
# and new elements unmarked. So the attribute ``data-test-script-state`` alone cannot say
# that *our* rerun is over. `RUN_TRACKER` (an init script) reads Streamlit's own messages
# instead: it counts the full-app rerun requests the page sends and the runs the server
# starts and finishes after them. `settle` waits until every request sent so far has had
# a run that started after it and finished (not one cut short by ``st.rerun``), the page
# says notRunning and shows no stale element, and React has rendered everything.

#: Debian's chromium, as the browser tests launch it (never a downloaded browser).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

#: Installed in every app page (`app_page`): ``window.__essRuns`` follows the runs (and
#: says when, on the browser's clock, the last full-app run started and the last run
#: finished: ``startedAt``, ``finishedAt``, ms since the epoch, for bench_survey_form.py).
#: Protobuf field numbers are Streamlit's (BackMsg.rerun_script = 11, ClientState.fragment_id
#: = 5; ForwardMsg.metadata = 2, new_session = 4, script_finished = 6 whose value 2 is
#: FINISHED_EARLY_FOR_RERUN; ForwardMsgMetadata.run = 6, RunIdentity.fragment_ids = 2);
#: `test_run_tracker_field_numbers` checks them against the installed streamlit.
RUN_TRACKER = r"""
(() => {
  if (window !== window.top || window.__essRuns) return;
  const runs = { asked: 0, answered: 0, started: 0, running: false, log: [] };
  window.__essRuns = runs;
  // Top-level fields of a protobuf message: [[number, wireType, value | [start, end]]].
  function fields(b, start, end) {
    const out = [];
    let i = start;
    const varint = () => {
      let v = 0, s = 1, c;
      do { c = b[i++]; v += (c & 0x7f) * s; s *= 128; } while (c & 0x80 && i < end);
      return v;
    };
    while (i < end) {
      const tag = varint(), no = Math.floor(tag / 8), wt = tag & 7;
      if (wt === 0) out.push([no, 0, varint()]);
      else if (wt === 2) { const n = varint(); out.push([no, 2, [i, i + n]]); i += n; }
      else if (wt === 1) i += 8;
      else if (wt === 5) i += 4;
      else break;
    }
    return out;
  }
  const field = (fs, no) => fs.find((f) => f[0] === no);
  const bytes = (d) =>
    d instanceof ArrayBuffer ? new Uint8Array(d)
      : ArrayBuffer.isView(d) ? new Uint8Array(d.buffer, d.byteOffset, d.byteLength) : null;
  const note = (what) => { runs.log.push(what); if (runs.log.length > 40) runs.log.shift(); };
  function sent(data) {
    const b = bytes(data);
    if (!b) return;
    const rerun = field(fields(b, 0, b.length), 11);
    if (!rerun) return;
    const fragment = field(fields(b, rerun[2][0], rerun[2][1]), 5);
    if (fragment && fragment[2][1] > fragment[2][0]) return;  // a fragment's own rerun
    runs.asked += 1;
    note("asked " + runs.asked);
  }
  function received(event) {
    const b = bytes(event.data);
    if (!b) return;
    const fs = fields(b, 0, b.length);
    if (field(fs, 4)) {  // new_session: a run starts
      const meta = field(fs, 2);
      const run = meta && field(fields(b, meta[2][0], meta[2][1]), 6);
      const fragments = run && field(fields(b, run[2][0], run[2][1]), 2);
      runs.running = true;
      if (!fragments) {  // a full-app run answers what was asked
        runs.started = runs.asked;
        runs.startedAt = Date.now();
      }
      note(fragments ? "fragment run" : "run for " + runs.started);
    }
    const finished = field(fs, 6);
    if (finished && finished[1] === 0) {
      if (finished[2] !== 2) {  // not cut short by st.rerun: nothing else follows
        runs.running = false;
        runs.answered = runs.started;
        runs.finishedAt = Date.now();
      }
      note("finished " + finished[2]);
    }
  }
  const send = WebSocket.prototype.send;
  WebSocket.prototype.send = function (data) {
    try { sent(data); } catch (e) { /* never break the app */ }
    return send.call(this, data);
  };
  const Base = window.WebSocket;
  window.WebSocket = class extends Base {
    constructor(...args) {
      super(...args);
      this.addEventListener("message", (e) => { try { received(e); } catch (x) { /* idem */ } });
    }
  };
})();
"""

#: True once the page has finished every run asked so far (see `RUN_TRACKER`).
SETTLED = """() => {
  const runs = window.__essRuns;
  const app = document.querySelector('[data-testid=stApp]');
  if (!runs || !app || runs.asked === 0 || runs.running || runs.answered < runs.asked) return false;
  if (app.dataset.testConnectionState !== 'CONNECTED') return false;
  if (app.dataset.testScriptState !== 'notRunning') return false;
  if (document.querySelector('[data-stale=true], [data-testid=stSkeleton]')) return false;
  // React has rendered every update it was given (its root's pending work is empty)
  const root = document.getElementById('root');
  const key = root && Object.keys(root).find((k) => k.startsWith('__reactContainer$'));
  const fiberRoot = key && root[key] && root[key].stateNode;
  return !(fiberRoot && fiberRoot.pendingLanes);
}"""

#: Elements of the current run only: not inside an element container marked stale.
NOT_STALE = ":not([data-stale=true]):not([data-stale=true] *)"

#: Seconds a browser test waits for one condition (a loaded 2-core machine is slow).
BROWSER_TIMEOUT = 90


def app_page(target, **kwargs):
    """A new page of `target` (a Playwright browser or context) that follows the runs
    (`RUN_TRACKER`), whose waits last `BROWSER_TIMEOUT` unless told otherwise."""
    page = target.new_page(**kwargs)
    page.set_default_timeout(BROWSER_TIMEOUT * 1000)
    page.add_init_script(RUN_TRACKER)
    return page


def _wait(page, condition: str, arg, timeout: float, what: str) -> None:
    """Wait until the JavaScript `condition(arg)` holds; on timeout, say what the run
    tracker saw (the last messages, the page's run state)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        page.wait_for_function(condition, arg=arg, timeout=timeout * 1000)
    except PlaywrightTimeout as exc:
        state = page.evaluate(
            "() => [window.__essRuns, document.querySelector('[data-testid=stApp]')"
            "?.dataset.testScriptState]"
        )
        raise AssertionError(f"{what} within {timeout} s: {state}") from exc


def settle(page, *, timeout: float = BROWSER_TIMEOUT) -> None:
    """Wait until every rerun the page asked for has finished (see `RUN_TRACKER`)."""
    _wait(page, SETTLED, None, timeout, "the app did not settle")


def act(page, action, *, timeout: float = BROWSER_TIMEOUT):
    """Do `action()` (a click, Enter in a field, a file chosen, a page link) on a settled
    page and wait until the rerun it asks for has finished. Returns what `action` returns.

    For actions that make Streamlit rerun (one that does not would wait in vain: a
    click on a form's own widgets, a download button with ``on_click="ignore"``).
    """
    settle(page, timeout=timeout)
    asked = page.evaluate("() => window.__essRuns.asked")
    result = action()
    condition = f"asked => window.__essRuns.asked > asked && ({SETTLED})()"
    _wait(page, condition, asked, timeout, "no rerun asked for and finished")
    return result


def visit(page, url: str, *, timeout: float = BROWSER_TIMEOUT) -> None:
    """Open `url` (a new Streamlit session) and wait until its first run has finished."""
    page.goto(url)
    settle(page, timeout=timeout)


def current(locator):
    """`locator` narrowed to elements of the current run: a stale copy that Streamlit keeps
    on screen during a rerun can never match (nor make a strict locator match twice).

    Streamlit marks stale elements only while a run is under way: between a run cut short
    by ``st.rerun`` and the next, old and new copies are briefly both unmarked. Hence act
    first (it waits for the whole chain of runs), then read through `current`.
    """
    return locator.and_(locator.page.locator(NOT_STALE))


#: In the graph's inner frame: vis-network has drawn (set by the page, ess_graph.viz.html).
GRAPH_READY = "() => document.body && document.body.dataset.graphReady === '1'"
#: The same, in a frame that was not on the page before an action (see `redrawn_graph`).
GRAPH_REDRAWN = f"() => !window.__essOld && ({GRAPH_READY})() && window.__essGraph"


def graph_frame(page, *, ready: str = GRAPH_READY, timeout: float = BROWSER_TIMEOUT):
    """The sandboxed frame of the current run's graph, once `ready` holds in it.

    The graph is the first current ``iframe[data-ess-graph]`` of the page
    (``ess_graph_app.ui.graph_frame``). A rerun can replace it while this waits (the
    frame is detached): it is then looked up again. The frame is scrolled into view:
    chromium pauses animation frames in off-screen cross-origin frames, and vis-network
    draws on one.
    """
    import time

    from playwright.sync_api import Error as PlaywrightError

    deadline = time.monotonic() + timeout
    error = None
    while (left := deadline - time.monotonic()) > 0:
        inner = current(page.locator("iframe[data-ess-graph]")).first
        try:
            inner.scroll_into_view_if_needed(timeout=left * 1000)
            frame = inner.element_handle(timeout=left * 1000).content_frame()
            if frame is not None:
                frame.wait_for_function(ready, timeout=left * 1000)
                return frame
        except PlaywrightError as exc:  # detached by a rerun, or out of time: look again
            error = exc
    raise AssertionError(f"no graph frame where {ready} within {timeout} s") from error


def redrawn_graph(page, action, *, timeout: float = BROWSER_TIMEOUT) -> dict:
    """`act(page, action)`, then the ``window.__essGraph`` of a graph frame drawn after it.

    Every frame on the page is marked first, so the graph still on screen from before the
    action is never taken for the new one.
    """
    settle(page, timeout=timeout)
    for frame in page.frames:
        try:
            frame.evaluate("() => { window.__essOld = 1 }")
        except Exception:  # a frame navigating away: it will not be the new graph
            continue
    act(page, action, timeout=timeout)
    frame = graph_frame(page, ready=GRAPH_REDRAWN, timeout=timeout)
    return frame.evaluate("() => window.__essGraph")


# The partnership survey ------------------------------------------------------------------
#: The campaign `survey_workspace` opens, and its scope: structures i with i % 6 in (0, 1)
#: (pays Brest and Morlaix in `write_network`), i.e. 14 of the 40.
SURVEY_NAME = "Enquête partenariats 2027"
SURVEY_TERRITORIES = ("brest", "morlaix")


def survey_invited(n: int = 40) -> list[str]:
    """The structures `survey_workspace` invites, by construction of `write_network`."""
    return [f"s{i:03d}" for i in range(n) if PAYS[i % len(PAYS)].lower() in SURVEY_TERRITORIES]


def survey_workspace(network: Path, path: Path, *, closes: str = "2099-12-31") -> dict[str, str]:
    """A workspace file at `path` holding the network folder `network` and one open
    campaign (`SURVEY_NAME`, pays Brest and Morlaix) whose links are issued.

    Returns ``{structure id: token}`` (the tokens of the personal links).
    """
    from ess_graph.survey import campaigns
    from ess_graph.workspace.merge import commit_import, plan_import
    from ess_graph.workspace.store import Workspace

    with Workspace.create(path) as ws:
        commit_import(ws, plan_import(ws, network), who="test")
        campaigns.open_campaign(
            ws, SURVEY_NAME, who="coord", territories=SURVEY_TERRITORIES, closes=closes
        )
        links = campaigns.issue_links(ws, SURVEY_NAME, who="coord")
    return {
        sid: url.split(f"{campaigns.TOKEN_PARAMETER}=", 1)[1]
        for sid, url in zip(links["structure"], links["url"], strict=True)
    }


def downloaded(at, key: str, media: dict) -> tuple[bytes, str]:
    """What the download button `key` offers: (bytes, mime type), from `media` (the
    conftest fixture recording the files of AppTest's runs)."""
    button = next(d for d in at.get("download_button") if d.key == key)
    file_id = button.proto.url.rsplit("/", 1)[-1].split(".")[0]
    return media[file_id]


def tick_first_row(page) -> None:
    """Tick the first row of the page's first table (a grid drawn on a canvas: the box is
    in the column at its left, in the middle of the first row), scrolled into view first
    (a click outside the viewport reaches nothing), and wait for the rerun it asks for."""
    table = current(page.locator("[data-testid=stDataFrame]")).first
    canvas = table.locator("canvas").first
    canvas.scroll_into_view_if_needed()
    box = canvas.bounding_box()
    assert box is not None
    rows = int(canvas.locator("table").get_attribute("aria-rowcount")) - 1
    row_h = (box["height"] - 35) / min(rows, 8)
    act(page, lambda: page.mouse.click(box["x"] + 16, box["y"] + 35 + row_h / 2))
