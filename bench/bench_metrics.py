"""Benchmark of `ess-graph metrics` as a whole process, and of its plain-networkx equivalent.

Question: does the researchers' command meet issue 3's targets, measured as whole
processes (start-up, reading, every table, writing)?

- 2,500 structures: `ess-graph metrics` at least 8x faster than a process that reads the
  same network and computes the same metrics with plain networkx calls (exact
  betweenness, constraint, effective size, Louvain, assortativity and mixing, Adamic–Adar
  and resource allocation over every 2-hop pair not yet tied; the calls are those of
  `bench/bench_analysis.py`'s `networkx_steps`). Both run side by side in one run.
- 25,000 structures in <= 30 s and <= 2 GB peak memory.
- 250,000 structures with about 1,000,000 links in <= 10 min and <= 8 GB.

Networks are written by `ess-graph demo --structures N --seed 2009`. Each measured command
runs in its own child process; its peak memory is that child's maximum resident set size.

Usage::

    .venv/bin/python bench/bench_metrics.py                       # 2,500 / 25,000 / 250,000
    .venv/bin/python bench/bench_metrics.py --sizes 2500 --out bench/results/metrics.md
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from ess_graph.platform_info import machine

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
SEED = 2009

_MEASURE = """
import json, resource, subprocess, sys, time
t0 = time.perf_counter()
proc = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
seconds = time.perf_counter() - t0
peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"rc": proc.returncode, "seconds": seconds, "peak_mib": peak_kib / 1024,
                  "stderr": proc.stderr.decode(errors="replace")[-2000:]}))
"""


def measure(cmd: list[str], timeout: float) -> dict:
    """Run `cmd` in a child process; its wall time and peak resident memory."""
    out = subprocess.run(
        [sys.executable, "-c", _MEASURE, *cmd],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=True,
    )
    return json.loads(out.stdout)


def networkx_baseline(path: str) -> None:
    """Child process: read the network and compute the metrics with plain networkx."""
    sys.path.insert(0, str(ROOT / "bench"))
    from bench_analysis import networkx_steps

    from ess_graph.io.read import read_network
    from ess_graph.network import cooperation_graph, typed_graph

    net = read_network(path)
    G, T = cooperation_graph(net), typed_graph(net)
    for _name, step in networkx_steps(G, T):
        step()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="2500,25000,250000")
    parser.add_argument(
        "--baseline", type=int, default=2500, help="size of the side-by-side run (0: none)"
    )
    parser.add_argument("--out", type=Path, default=None, help="markdown file to write")
    parser.add_argument("--timeout", type=float, default=1200)
    parser.add_argument("--networkx-baseline", dest="nx_path", default=None, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.nx_path:
        networkx_baseline(args.nx_path)
        return 0

    sizes = [int(s) for s in args.sizes.split(",") if s]
    ess = str(BIN / "ess-graph")
    rows = []
    side = None
    with tempfile.TemporaryDirectory() as tmp:
        for n in sorted(set(sizes) | ({args.baseline} if args.baseline else set())):
            net_dir = Path(tmp) / f"net{n}"
            subprocess.run(
                [ess, "demo", "--structures", str(n), "--seed", str(SEED), "--out", str(net_dir)],
                check=True,
                stdout=subprocess.DEVNULL,
            )
            links = sum(1 for _ in (net_dir / "links.csv").open(encoding="utf-8")) - 1
            ours = measure(
                [ess, "metrics", str(net_dir), "--out", str(Path(tmp) / f"out{n}")], args.timeout
            )
            if ours["rc"] != 0:
                print(ours["stderr"], file=sys.stderr)
                raise SystemExit(f"ess-graph metrics failed at {n}")
            meta = json.loads((Path(tmp) / f"out{n}" / "metadata.json").read_text(encoding="utf-8"))
            row = {
                "structures": n,
                "links": links,
                "seconds": ours["seconds"],
                "peak_mib": ours["peak_mib"],
                "inside_seconds": meta["run_seconds"],
                "betweenness": meta["betweenness"]["method"],
            }
            print(json.dumps(row), flush=True)
            if n in sizes:
                rows.append(row)
            if n == args.baseline:
                base = measure(
                    [sys.executable, __file__, "--networkx-baseline", str(net_dir)], args.timeout
                )
                side = {"structures": n, "ess_graph": ours, "networkx": base}
                print(
                    f"side by side at {n}: ess-graph metrics {ours['seconds']:.2f} s, "
                    f"plain networkx {base['seconds']:.2f} s, "
                    f"ratio {base['seconds'] / ours['seconds']:.1f}x",
                    flush=True,
                )

    lines = [
        "# `ess-graph metrics` as a whole process",
        "",
        f"Date: {dt.datetime.now(dt.UTC).strftime('%Y-%m-%d %H:%M UTC')}  ",
        f"Machine: {machine('networkx', 'igraph', 'pandas')}  ",
        f"Command: `.venv/bin/python bench/bench_metrics.py --sizes {args.sizes} --baseline {args.baseline}`",
        "",
        "Networks from `ess-graph demo --structures N --seed 2009`; each command in its own",
        "process; *seconds* is the whole process (start-up, read, compute, write), *inside*",
        "the compute time recorded in metadata.json; *peak* the child's maximum resident memory.",
        "",
    ]
    if side:
        e, x = side["ess_graph"], side["networkx"]
        lines += [
            f"Side by side at {side['structures']:,} structures (target: at least 8x):",
            "",
            "| process | seconds | peak MiB |",
            "|---|---:|---:|",
            f"| `ess-graph metrics` (every table) | {e['seconds']:.2f} | {e['peak_mib']:.0f} |",
            f"| plain networkx (the same metrics) | {x['seconds']:.2f} | {x['peak_mib']:.0f} |",
            f"| **ratio** | **{x['seconds'] / e['seconds']:.1f}x** | |",
            "",
        ]
    lines += [
        "| structures | links | seconds | inside (s) | peak MiB | betweenness |",
        "|---:|---:|---:|---:|---:|---|",
    ]
    for r in rows:
        lines.append(
            f"| {r['structures']:,} | {r['links']:,} | {r['seconds']:.1f} | {r['inside_seconds']:.1f} "
            f"| {r['peak_mib']:.0f} | {r['betweenness']} |"
        )
    text = "\n".join(lines) + "\n"
    print(text)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
