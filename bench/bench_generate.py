"""How long does it take to generate and write a demo network of 2,500 to 250,000 structures?

Each size runs in its own Python process, so that the peak memory (maximum resident set
size) is that of one size only. For each size: time of `ess_graph.demo.generate_network`,
time of `ess_graph.io.write.write_network` as CSV (and as XLSX up to ``--xlsx-max``
structures), number of links, size on disk and peak memory.

Usage::

    .venv/bin/python bench/bench_generate.py                  # 2,500 / 25,000 / 250,000
    .venv/bin/python bench/bench_generate.py --sizes 250 2500 --out bench/results/generate.md
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from ess_graph.platform_info import machine

DEFAULT_SIZES = (2_500, 25_000, 250_000)
DEFAULT_OUT = Path(__file__).resolve().parent / "results" / "generate.md"


def measure_one(n: int, seed: int, xlsx_max: int) -> dict[str, float | int | None]:
    """Generate and write one network in this process; returns the measures."""
    from ess_graph.demo import generate_network
    from ess_graph.io.write import write_network

    t0, c0 = time.perf_counter(), time.process_time()
    net = generate_network(n, seed=seed)
    t_generate = time.perf_counter() - t0
    cpu_generate = time.process_time() - c0
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "csv"
        t0, c0 = time.perf_counter(), time.process_time()
        write_network(net, folder, format="csv")
        t_csv = time.perf_counter() - t0
        cpu_csv = time.process_time() - c0
        csv_bytes = sum(p.stat().st_size for p in folder.iterdir())
        t_xlsx = None
        if n <= xlsx_max:
            t0 = time.perf_counter()
            write_network(net, Path(tmp) / "net.xlsx", format="xlsx")
            t_xlsx = time.perf_counter() - t0
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    return {
        "structures": n,
        "links": len(net.links),
        "generate_s": t_generate,
        "generate_cpu_s": cpu_generate,
        "write_csv_s": t_csv,
        "write_csv_cpu_s": cpu_csv,
        "write_xlsx_s": t_xlsx,
        "csv_mb": csv_bytes / 1e6,
        "peak_mb": peak_kib / 1024,
    }


def run(sizes: list[int], seed: int, xlsx_max: int) -> list[dict]:
    rows = []
    for n in sizes:
        cmd = [sys.executable, __file__, "--one", str(n), "--seed", str(seed)]
        cmd += ["--xlsx-max", str(xlsx_max)]
        done = subprocess.run(cmd, capture_output=True, text=True, check=True)
        row = json.loads(done.stdout.strip().splitlines()[-1])
        rows.append(row)
        print(_line(row), flush=True)
    return rows


def _fmt(value: float | None, digits: int = 2) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def _line(row: dict) -> str:
    return (
        f"| {row['structures']:,} | {row['links']:,} | {_fmt(row['generate_s'])} | "
        f"{_fmt(row['generate_cpu_s'])} | {_fmt(row['write_csv_s'])} | "
        f"{_fmt(row['write_csv_cpu_s'])} | {_fmt(row['write_xlsx_s'])} | {_fmt(row['csv_mb'], 1)} | "
        f"{_fmt(row['peak_mb'], 0)} |"
    )


def report(rows: list[dict], seed: int) -> str:
    header = (
        "| structures | links | generate (s) | generate CPU (s) | write CSV (s) "
        "| write CSV CPU (s) | write XLSX (s) | CSV (MB) | peak memory (MB) |\n"
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    )
    return "\n".join(
        [
            "# Generating and writing demo networks",
            "",
            f"- date: {dt.datetime.now(dt.UTC).strftime('%Y-%m-%d %H:%M UTC')}",
            f"- machine: {machine('numpy', 'pandas')}",
            "- load average (1, 5, 15 min) at the end: "
            + ", ".join(f"{x:.1f}" for x in os.getloadavg())
            + " (the machine is shared: wall times grow with the load, CPU times less so)",
            f"- command: `python bench/bench_generate.py --seed {seed}`; each size in its own "
            "process; peak memory is the process's maximum resident set size (generation "
            "and writing together).",
            "",
            header,
            *(_line(r) for r in rows),
            "",
        ]
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(DEFAULT_SIZES))
    parser.add_argument("--seed", type=int, default=2009)
    parser.add_argument("--xlsx-max", type=int, default=2_500, help="largest size written as XLSX")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="markdown file to write")
    parser.add_argument("--no-write", action="store_true", help="print only")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one is not None:
        print(json.dumps(measure_one(args.one, args.seed, args.xlsx_max)))
        return 0
    rows = run(args.sizes, args.seed, args.xlsx_max)
    text = report(rows, args.seed)
    if not args.no_write:
        from ess_graph.io.write import atomic_write_text

        atomic_write_text(args.out, text)
        print(f"written: {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
