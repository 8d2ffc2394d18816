"""Fixtures for every test."""

from __future__ import annotations

import sys

import pytest

#: The ``__main__`` module of the pytest process, as it started.
_MAIN = sys.modules.get("__main__")


@pytest.fixture(autouse=True)
def _real_main():
    """Put back the process's own ``__main__`` after each test.

    Streamlit's script runner (AppTest runs in this process) installs the page script it
    ran as ``__main__``; a process started later with multiprocessing's spawn (the
    workspace and survey concurrency tests) first runs ``__main__``'s file again, and a
    page script cannot run outside the app: the children died and the parent waited for
    their answers (a whole-suite run hung on it). Any order of tests must give the same
    result.
    """
    yield
    if _MAIN is not None and sys.modules.get("__main__") is not _MAIN:
        sys.modules["__main__"] = _MAIN
