"""Smoke test of bench/bench_image.py on a tiny network."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench" / "bench_image.py"


@pytest.mark.benchmark
def test_bench_image_writes_a_markdown_table(tmp_path):
    spec = importlib.util.spec_from_file_location("bench_image", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    out = tmp_path / "image.md"
    assert module.main(["--sizes", "60", "--out", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    rows = [line for line in text.splitlines() if line.startswith("| 60 |")]
    assert len(rows) == 3  # structures, one territory, pôles
    assert "| structures | 60 |" in rows[0]
    assert "Machine:" in text and "matplotlib" in text
