"""Fixtures for the app tests (network folders come from `app_fixtures`)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))  # works whatever pytest's import mode
from app_fixtures import ROOT, write_network


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
    return small_network
