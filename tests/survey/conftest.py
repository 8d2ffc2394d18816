"""Fixtures of the survey tests: the six-structure workspace (survey_fixtures.SIX)."""

from __future__ import annotations

from pathlib import Path

import pytest
from survey_fixtures import make_workspace


@pytest.fixture
def six_ws(tmp_path: Path):
    ws = make_workspace(tmp_path / "six.sqlite")
    yield ws
    ws.close()
