"""Fixtures for the workspace tests: the tiny network and the demo, imported."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from ws_fixtures import DEMO, write_tiny

from ess_graph.workspace.merge import commit_import, plan_import
from ess_graph.workspace.store import Workspace


@pytest.fixture
def tiny_dir(tmp_path: Path) -> Path:
    return write_tiny(tmp_path / "tiny")


@pytest.fixture
def tiny_ws(tmp_path: Path, tiny_dir: Path):
    ws = Workspace.create(tmp_path / "w.sqlite")
    commit_import(ws, plan_import(ws, tiny_dir), who="Import")
    yield ws
    ws.close()


@pytest.fixture(scope="session")
def demo_ws_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("demo_ws") / "demo.sqlite"
    with Workspace.create(path) as ws:
        commit_import(ws, plan_import(ws, DEMO), who="Import")
    return path


@pytest.fixture
def demo_ws(demo_ws_file: Path, tmp_path: Path):
    copy = tmp_path / "demo.sqlite"
    shutil.copy(demo_ws_file, copy)
    ws = Workspace(copy)
    yield ws
    ws.close()
