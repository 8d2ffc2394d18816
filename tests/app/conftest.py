"""Fixtures for the app tests (network folders come from `app_fixtures`)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))  # works whatever pytest's import mode
from app_fixtures import ROOT, write_network

#: The ``__main__`` module of the pytest process, as it started.
_MAIN = sys.modules.get("__main__")


@pytest.fixture(autouse=True)
def _real_main():
    """Put back the process's own ``__main__`` after each app test.

    Streamlit's script runner (AppTest runs in this process) installs the page script it
    ran as ``__main__``; a process started later with multiprocessing's spawn (the
    workspace and survey concurrency tests) first runs ``__main__``'s file again, and a
    page script cannot run outside the app: the children died and the parent waited for
    their answers (a whole-suite run hung on it). AppTest runs only under tests/app, so
    this is the one place to put it back (a tests/conftest.py clashes with the other
    conftest.py files under ``--doctest-modules``: the whole suite failed to collect).
    """
    yield
    if _MAIN is not None and sys.modules.get("__main__") is not _MAIN:
        sys.modules["__main__"] = _MAIN


@pytest.fixture
def small_network(tmp_path: Path) -> Path:
    folder = tmp_path / "net"
    write_network(folder)
    return folder


@pytest.fixture
def app_env(small_network: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run the app from the repository root on the small network."""
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("ESS_GRAPH_DATA", str(small_network))
    # read-only exploration unless a test asks for meeting mode (`meeting_env`)
    for name in ("ESS_GRAPH_WORKSPACE", "ESS_GRAPH_FACILITATOR_PASSWORD", "ESS_GRAPH_CONFIG"):
        monkeypatch.delenv(name, raising=False)
    return small_network


@pytest.fixture
def meeting_env(app_env: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Meeting mode on a workspace file of this test only (created by the app from the
    small network on its first run). Returns the workspace file."""
    path = tmp_path / "rencontre.sqlite"
    monkeypatch.setenv("ESS_GRAPH_WORKSPACE", str(path))
    return path


@pytest.fixture
def survey_env(app_env: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Meeting mode on a workspace holding the small network and one open campaign whose
    links are issued (`app_fixtures.survey_workspace`). Returns (workspace file,
    {structure id: token})."""
    from app_fixtures import survey_workspace

    path = tmp_path / "enquete.sqlite"
    tokens = survey_workspace(app_env, path)
    monkeypatch.setenv("ESS_GRAPH_WORKSPACE", str(path))
    return path, tokens


@pytest.fixture
def media(monkeypatch) -> dict[str, tuple[bytes, str]]:
    """Files streamlit stores for download buttons during AppTest runs: file id ->
    (bytes, mime type). AppTest's media storage lives for one run only."""
    from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
    from streamlit.testing.v1 import app_test

    files: dict[str, tuple[bytes, str]] = {}

    class Recording(MemoryMediaFileStorage):
        def load_and_get_id(self, path_or_data, mimetype, kind, filename=None):
            file_id = super().load_and_get_id(path_or_data, mimetype, kind, filename)
            data = path_or_data if isinstance(path_or_data, bytes) else b""
            files[file_id] = (data, mimetype)
            return file_id

    monkeypatch.setattr(app_test, "MemoryMediaFileStorage", Recording)
    return files


@pytest.fixture(scope="module")
def browser():
    """Debian's chromium driven by Playwright, one per test module (skipped without it)."""
    from app_fixtures import CHROMIUM_ARGS, chromium_path

    exe = chromium_path()
    if exe is None:
        pytest.skip(
            "no chromium at /usr/bin/chromium (Debian package 'chromium'); .ci/run installs it"
        )
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS)
        yield b
        b.close()
