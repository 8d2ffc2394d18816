"""What the benchmarks that drive the app in chromium share (`bench_app.py`,
`bench_survey_form.py`): a free port, the app started and stopped, Debian's chromium and
its new browser contexts, what a one-line Streamlit page costs on this machine, the
header of a results table and how a few timings are summarised.

Times are read on the browser's clock (``performance.timeOrigin``, ``Date.now()``); the
waits are the browser tests' (``tests/app/app_fixtures.py``): conditions, never a fixed
pause.
"""

from __future__ import annotations

import datetime as dt
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from ess_graph.cli import app_command
from ess_graph.platform_info import machine

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
CHROMIUM = "/usr/bin/chromium"
#: The window of every measured page: a laptop, or the projector machine.
VIEWPORT = {"width": 1280, "height": 720}

# the browser tests' waiting helpers: a run is over when Streamlit has finished it
if str(ROOT / "tests" / "app") not in sys.path:
    sys.path.insert(0, str(ROOT / "tests" / "app"))
from app_fixtures import CHROMIUM_ARGS  # noqa: E402


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
            time.sleep(0.2)  # spaces the health polls; the condition is checked again
    raise SystemExit(f"the app did not answer at {url}")


def ess_graph_app(*args: str) -> Callable[[int], list[str]]:
    """The command line ``ess-graph app ARGS --port PORT``, for `serve`."""
    return lambda port: [str(BIN / "ess-graph"), "app", *args, "--port", str(port)]


@contextmanager
def serve(command: Callable[[int], Sequence[str]], *, port: int | None = None) -> Iterator[str]:
    """Run ``command(port)`` until the block ends, on `port` or else a free one; yield the
    app's URL once it answers.

    The process imports ess_graph and ess_graph_app from this checkout (``PYTHONPATH``):
    an editable install may point at another one.
    """
    port = port or free_port()
    url = f"http://127.0.0.1:{port}"
    path = os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH", "")) if p)
    proc = subprocess.Popen(
        list(command(port)),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        cwd=ROOT,
        env=dict(os.environ, PYTHONPATH=path),
    )
    try:
        wait_healthy(url)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def launch(pw):
    """Debian's chromium, headless, as the browser tests launch it."""
    return pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


def new_context(browser):
    """A new browser context: an empty HTTP cache, as on a machine that never opened the
    app."""
    return browser.new_context(viewport=VIEWPORT)


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
    out: dict[str, list[float]] = {"new browser": [], "new tab": []}
    # the same command line as the app's (ess-graph app), on the one-line page
    with serve(lambda port: app_command(script, port)) as url:
        for _ in range(visits):
            context = new_context(browser)
            out["new browser"].append(title_shown(context.new_page(), url, timeout))
            context.close()
        context = new_context(browser)
        title_shown(context.new_page(), url, timeout)  # the browser has seen the app once
        for _ in range(visits):
            page = context.new_page()
            out["new tab"].append(title_shown(page, url, timeout))
            page.close()
        context.close()
    return out


def spread(values: list[float]) -> str:
    """Median and range of a few timings: "1.84 (1.70–2.02)".

    >>> spread([2.02, 1.7, 1.84]), spread([1.5]), spread([float("nan")])
    ('1.84 (1.70–2.02)', '1.50', '—')
    """
    values = sorted(v for v in values if v == v)
    if not values:
        return "—"
    if len(values) == 1:
        return f"{values[0]:.2f}"
    return f"{statistics.median(values):.2f} ({values[0]:.2f}–{values[-1]:.2f})"


def preamble(title: str, command: str) -> list[str]:
    """The first lines of a results table: title, date, machine, command."""
    return [
        f"# {title}",
        "",
        f"Date: {dt.datetime.now(dt.UTC).strftime('%Y-%m-%d %H:%M UTC')}  ",
        f"Machine: {machine('streamlit')}; headless Debian chromium, software rendering, "
        f"{VIEWPORT['width']}×{VIEWPORT['height']}  ",
        f"Command: `{command}`",
    ]


def floor_sentence(floor: dict[str, list[float]]) -> list[str]:
    """The lines that compare a page with `streamlit_floor`'s one-line page."""
    return [
        "For comparison, a one-line Streamlit page (`st.title`) started with the same",
        "command line shows its title after "
        f"{spread(floor['new browser'])} s in a new browser and {spread(floor['new tab'])} s",
        "in a new tab: Streamlit's own cost of starting a session, paid by every page.",
    ]


def publish(lines: list[str], out: Path | None) -> None:
    """Print a results table and write it to `out` when given."""
    text = "\n".join(lines) + "\n"
    print(text)
    if out:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8")
