"""Smoke test of bench/bench_app.py: the demo's Réseau page measured once in chromium."""

from __future__ import annotations

import re

import pytest
from app_fixtures import ROOT, browser_bench


@pytest.mark.benchmark
@pytest.mark.browser
@pytest.mark.slow
def test_bench_app_writes_its_table(tmp_path):
    module = browser_bench("bench_app")
    out = tmp_path / "app.md"
    assert module.main(["--sizes", "250", "--visits", "1", "--out", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    row = next(line for line in text.splitlines() if line.startswith("| 250 |"))
    cells = [c.strip() for c in row.strip("|").split("|")]
    # first visit, new browser, new tab, from another page: seconds, each measured
    assert all(re.fullmatch(r"\d+\.\d\d", c) for c in cells[1:5]), cells
    assert len(cells[5].split("(")) == 2  # four colour changes: median (range)
    with open(ROOT / "data" / "demo" / "structures.csv", encoding="utf-8") as fh:
        assert int(cells[6]) == sum(1 for _ in fh) - 1  # every demo structure drawn
    assert "Machine:" in text and "one-line Streamlit page" in text
