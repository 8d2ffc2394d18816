"""Stopping `ess-graph app` with SIGTERM stops the streamlit server it started."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as r:
            return r.status == 200
    except OSError:
        return False


@pytest.mark.slow
def test_sigterm_leaves_no_streamlit_behind():
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    ess = Path(sys.executable).parent / "ess-graph"
    env = {k: v for k, v in os.environ.items() if not k.startswith("ESS_GRAPH_")}
    proc = subprocess.Popen(
        [str(ess), "app", str(ROOT / "data" / "demo"), "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 90
        while not _healthy(url):
            assert proc.poll() is None, "ess-graph app stopped before serving"
            assert time.monotonic() < deadline, "the app never answered"
            time.sleep(0.2)
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=30)
        deadline = time.monotonic() + 30
        while _healthy(url):  # the server must go away with its parent
            assert time.monotonic() < deadline, "streamlit still serving after SIGTERM"
            time.sleep(0.2)
    finally:
        if proc.poll() is None:
            proc.kill()
