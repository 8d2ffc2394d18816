"""Smoke test of bench/bench_presentation.py: a presentation of the demo's saved views
stepped through once in chromium."""

from __future__ import annotations

import re

import pytest
from app_fixtures import browser_bench


@pytest.mark.benchmark
@pytest.mark.browser
@pytest.mark.slow
def test_bench_presentation_writes_its_table(tmp_path):
    module = browser_bench("bench_presentation")
    out = tmp_path / "presentation.md"
    assert module.main(["--rounds", "1", "--out", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    rows = {
        cells[0]: cells
        for line in text.splitlines()
        if line.startswith("| ") and not line.startswith("| steps")
        for cells in [[c.strip() for c in line.strip("|").split("|")]]
    }
    steps = len(module.VIEWS) - 1  # one round: every view forward, then back
    assert rows["first forward"][1] == str(steps) and rows["back"][1] == str(steps)
    assert re.match(r"\d+\.\d\d", rows["back"][2]), rows["back"]
    assert "Machine:" in text
