"""Smoke test of bench/bench_survey_form.py: the demo's survey form measured once in
chromium, on the survey-only server and on the ordinary app."""

from __future__ import annotations

import re

import pytest
from app_fixtures import browser_bench

SECONDS = r"\d+\.\d\d"


def cells(line: str) -> list[str]:
    return [c.strip() for c in line.strip().strip("|").split("|")]


@pytest.mark.benchmark
@pytest.mark.browser
@pytest.mark.slow
def test_bench_survey_form_writes_its_table(tmp_path):
    module = browser_bench("bench_survey_form")
    out = tmp_path / "survey_form.md"
    assert module.main(["--visits", "1", "--out", str(out)]) == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    apps = [cells(line) for line in lines if re.match(r"\| (survey-only|ordinary app) \|", line)]
    # the goal's table (one row per app), then where the time goes (two rows per app)
    rows, parts = apps[:2], apps[2:]
    assert [r[0] for r in rows] == ["survey-only", "ordinary app"], apps
    for row in rows:
        # first visit, new browser, new tab: seconds, each measured; then how many of the
        # one new-browser visit were under 2 s; the load before and after
        assert all(re.fullmatch(SECONDS, c) for c in row[1:4]), row
        assert re.fullmatch(r"[01] of 1", row[4]), row
        assert re.fullmatch(r"\d+\.\d–\d+\.\d", row[5]), row
    # where the time goes: four measured figures for each app and kind of visit
    assert [(p[0], p[1]) for p in parts] == [
        ("survey-only", "new browser"),
        ("survey-only", "new tab"),
        ("ordinary app", "new browser"),
        ("ordinary app", "new tab"),
    ]
    assert all(re.fullmatch(SECONDS, c) for p in parts for c in p[2:]), parts
    text = "\n".join(lines)
    assert "Machine:" in text and "Date:" in text and "one-line Streamlit page" in text
