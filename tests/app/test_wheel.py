"""Installs anywhere: the wheel, installed outside the checkout, runs the app on its demo.

The wheel is built offline from a copy of the sources (``pip wheel --no-deps
--no-build-isolation --no-index``: an isolated build would download setuptools) and
installed with ``--no-deps`` into a fresh virtual environment, which then gets the project
environment's site-packages as a path for the dependencies only (a ``.pth`` file written
after the install, so pip never sees the checkout's editable install). Every command runs
from an empty temporary folder, never from the checkout.
"""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))  # works whatever pytest's import mode
from app_fixtures import CHROMIUM_ARGS, ROOT, app_page, chromium_path, graph_frame
from test_browser import free_port, open_page, wait_healthy

pytestmark = pytest.mark.slow

#: What the build reads: pyproject.toml names the readme and the licence file.
SOURCES = ["pyproject.toml", "README.md", "LICENSE", "ess_graph", "ess_graph_app", "data"]


def run(cmd: list[str], cwd: Path, **kw) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(c) for c in cmd],
        cwd=cwd,
        env=kw.pop("env", None) or clean_env(),
        capture_output=True,
        text=True,
        timeout=kw.pop("timeout", 300),
        check=False,
        **kw,
    )


def clean_env() -> dict[str, str]:
    """The environment of this process without anything that points at the checkout."""
    env = dict(os.environ, PIP_DISABLE_PIP_VERSION_CHECK="1")
    for name in ("PYTHONPATH", "VIRTUAL_ENV", "ESS_GRAPH_DATA", "ESS_GRAPH_WORKSPACE"):
        env.pop(name, None)
    return env


def checkout_files() -> list[str]:
    """The files the wheel must hold, named as installed (data/ becomes ess_graph/data/)."""
    names = []
    for top in ("ess_graph", "ess_graph_app"):
        names += [p.relative_to(ROOT).as_posix() for p in (ROOT / top).rglob("*.py")]
    data = ROOT / "data"
    names += [
        "ess_graph/data/" + p.relative_to(data).as_posix()
        for p in data.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    ]
    return sorted(names)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    src = tmp_path_factory.mktemp("src")
    for name in SOURCES:
        if (ROOT / name).is_dir():
            ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
            shutil.copytree(ROOT / name, src / name, ignore=ignore)
        else:
            shutil.copy2(ROOT / name, src / name)
    dist = tmp_path_factory.mktemp("dist")
    pip_wheel = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation"]
    built = run([*pip_wheel, "--no-index", "--wheel-dir", dist, src], cwd=dist)
    assert built.returncode == 0, built.stdout + built.stderr
    (found,) = dist.glob("ess_graph-*.whl")
    return found


@pytest.fixture(scope="module")
def venv(wheel, tmp_path_factory) -> Path:
    """A fresh virtual environment with the wheel installed; its bin/ folder."""
    where = tmp_path_factory.mktemp("venv")
    made = run([sys.executable, "-m", "venv", "--without-pip", where / "env"], cwd=where)
    assert made.returncode == 0, made.stderr
    python = where / "env" / "bin" / "python"
    pip_install = [sys.executable, "-m", "pip", "--python", python, "install"]
    installed = run([*pip_install, "--no-deps", "--no-index", wheel], cwd=where)
    assert installed.returncode == 0, installed.stdout + installed.stderr
    purelib = run([python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"], where)
    deps = sysconfig.get_path("purelib")  # this (project) environment's site-packages
    (Path(purelib.stdout.strip()) / "ess_graph_test_deps.pth").write_text(deps + "\n")
    return where / "env" / "bin"


@pytest.fixture()
def cwd(tmp_path) -> Path:
    """An empty folder to run from: nothing of the checkout is importable from it."""
    return tmp_path


def test_the_wheel_holds_the_library_the_app_the_demo_and_the_templates(wheel):
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
    missing = [name for name in checkout_files() if name not in names]
    assert missing == [], f"not in the wheel (pyproject.toml [tool.setuptools]): {missing}"
    # what the app and `ess-graph app` need, named once more in case the checkout lost it
    assert {
        "ess_graph_app/app.py",
        "ess_graph_app/network.py",
        "ess_graph/data/demo/structures.csv",
        "ess_graph/data/demo/FICTIONAL.md",
        "ess_graph/data/templates/template.xlsx",
        "ess_graph/data/templates/links.csv",
        "ess_graph/data/reference/communes_bretagne.csv",
        "ess_graph/data/reference/SOURCE.md",
    } <= names
    # never the tests, the benchmarks or the top-level app.py of the checkout
    assert not [n for n in names if n.startswith(("tests/", "bench/", "app.py"))]


def test_the_installed_package_does_not_come_from_the_checkout(venv, cwd):
    code = (
        "import ess_graph, ess_graph_app, ess_graph.data as d\n"
        "from ess_graph.cli import _app_script\n"
        "for p in (ess_graph.__file__, ess_graph_app.__file__, d.demo_dir(), _app_script()):\n"
        "    print(p)\n"
    )
    result = run([venv / "python", "-c", code], cwd)
    assert result.returncode == 0, result.stderr
    paths = [Path(line) for line in result.stdout.splitlines()]
    assert len(paths) == 4
    env_root = venv.parent.resolve()
    for path in paths:
        assert env_root in path.resolve().parents, path
        assert ROOT not in path.resolve().parents, path


def test_the_installed_command_validates_the_shipped_demo(venv, cwd):
    where = run([venv / "ess-graph", "where", "demo"], cwd)
    assert where.returncode == 0, where.stderr
    demo = Path(where.stdout.strip())
    assert venv.parent.resolve() in demo.resolve().parents
    result = run([venv / "ess-graph", "validate", demo, "--lang", "en"], cwd)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.browser
def test_the_installed_app_draws_the_demo_graph(venv, cwd):
    exe = chromium_path()
    if exe is None:
        pytest.skip("no chromium at /usr/bin/chromium (Debian package 'chromium')")
    sync_api = pytest.importorskip("playwright.sync_api")
    demo = Path(run([venv / "ess-graph", "where", "demo"], cwd).stdout.strip())
    with open(demo / "structures.csv", encoding="utf-8") as fh:
        structures = sum(1 for _ in csv.DictReader(fh))
    port = free_port()
    log = open(cwd / "app.log", "w")  # noqa: SIM115
    # no PATH: the app opens the demo shipped in the wheel
    proc = subprocess.Popen(
        [str(venv / "ess-graph"), "app", "--port", str(port)],
        cwd=cwd,
        env=clean_env(),
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://localhost:{port}"
    try:
        wait_healthy(url, proc)
        with sync_api.sync_playwright() as p:
            browser = p.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS)
            page = app_page(browser, viewport={"width": 1280, "height": 720})
            open_page(page, url, "reseau")
            frame = graph_frame(page)
            assert frame.evaluate("() => window.__essGraph.nodes") == structures
            browser.close()
    finally:
        proc.terminate()  # ess-graph app stops streamlit with it
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()
    started = (cwd / "app.log").read_text(encoding="utf-8")
    assert f"http://localhost:{port}" in started and str(demo) in started, started
