"""Smoke test of bench/bench_render.py on a tiny network (Python side only)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench" / "bench_render.py"


@pytest.mark.benchmark
def test_bench_render_writes_a_markdown_table(tmp_path):
    spec = importlib.util.spec_from_file_location("bench_render", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    out = tmp_path / "render.md"
    assert module.main(["--sizes", "60", "--no-browser", "--out", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    rows = [line for line in text.splitlines() if line.startswith("| structures")]
    assert len(rows) == 1 and "| 60 |" in rows[0]
    assert any(line.startswith("| pôles") for line in text.splitlines())
    assert "Machine:" in text
