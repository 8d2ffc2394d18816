"""Smoke test of bench/bench_read.py at a tiny size, and the demo-size speed target."""

from __future__ import annotations

import importlib.util
import time
from pathlib import Path

import pytest

from ess_graph.io.read import read_network

BENCH = Path(__file__).resolve().parents[2] / "bench" / "bench_read.py"


def _bench_module():
    spec = importlib.util.spec_from_file_location("bench_read", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.benchmark
def test_bench_script_writes_a_markdown_table(tmp_path):
    bench = _bench_module()
    out = tmp_path / "read.md"
    text = bench.run([(40, 120)], out, tmp_path, repeat=1)
    assert out.read_text(encoding="utf-8") == text
    # the synthetic network is valid: every row kept, no problem
    assert "| 40 | 120 |" in text
    assert "| 40 / 120 | 0 / 0 |" in text


@pytest.mark.benchmark
def test_demo_size_network_reads_well_under_a_second(tmp_path):
    # issue 2: "Read and validate the demo in well under a second" (about 250 structures)
    bench = _bench_module()
    bench.write_synthetic(tmp_path, 250, 1_000)
    read_network(tmp_path)  # warm imports
    # CPU time of this process (all threads): unlike wall time, it does not grow when
    # other jobs share the machine
    t0 = time.process_time()
    net = read_network(tmp_path)
    seconds = time.process_time() - t0
    assert net.problems == []
    assert (len(net.structures), len(net.links)) == (250, 1_000)
    assert seconds < 0.5, seconds
