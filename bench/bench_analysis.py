"""Benchmark of the analysis engine: plain networkx side by side with ess_graph's paths.

Question: how much faster are the compiled/sparse analysis functions than the plain
networkx calls they replace, and how do they scale to 25,000 and 250,000 structures?

1. At the baseline size (2,500 structures) one process times, on the same network, the
   plain networkx calls (exact betweenness, constraint, effective size, Louvain,
   attribute assortativity and mixing matrices, Adamic–Adar and resource allocation over
   every 2-hop pair not yet tied) and ess_graph's functions (brokerage, communities,
   governance, and the mixing and opportunities modules when present), and prints both
   totals and their ratio.
2. Each larger size runs in its own subprocess that builds the network and times
   ess_graph's functions; peak memory is the child's maximum resident set size
   (``resource.getrusage(RUSAGE_CHILDREN).ru_maxrss`` read by the parent after the child
   ends, sizes in increasing order; the child's own figure is printed as a check).

Usage::

    .venv/bin/python bench/bench_analysis.py                       # 2,500 / 25,000 / 250,000
    .venv/bin/python bench/bench_analysis.py --sizes 25000 --baseline 2500 \
        --out bench/results/analysis.md

Networks come from ``ess_graph.demo.generate_network(n, seed=...)`` when it exists, else
from a stand-in generator below (21 territories, one pôle each, 12 sectors, about 4 links
per structure, 70 % of them inside the territory, partners funding pôles and structures).
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import json
import math
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from ess_graph.network import Network, cooperation_graph, typed_graph  # noqa: E402
from ess_graph.platform_info import machine  # noqa: E402

SEED = 2009
LINKS_PER_STRUCTURE = 4
SECTORS = (
    "action_sociale",
    "insertion",
    "culture",
    "sport",
    "education_populaire",
    "developpement_durable",
    "sante",
    "finance",
    "commerce",
    "agriculture",
    "hebergement",
    "services",
)
FAMILIES = ("association", "cooperative", "mutuelle", "fondation", "societe_commerciale_ess")


# Networks -------------------------------------------------------------------------------
def standin_network(n: int, seed: int = SEED) -> Network:
    """A synthetic network with the shape of the ESS data, built with numpy."""
    rng = np.random.default_rng(seed)
    territories = [f"t{i:02d}" for i in range(1, 22)]
    t_weights = rng.dirichlet(np.full(len(territories), 3.0))
    s_weights = rng.dirichlet(np.full(len(SECTORS), 2.0))
    ids = np.array([f"s{i:07d}" for i in range(n)], dtype=object)
    terr_idx = rng.choice(len(territories), size=n, p=t_weights)
    sector = np.array(SECTORS, dtype=object)[rng.choice(len(SECTORS), size=n, p=s_weights)]
    in_pole = rng.random(n) < 0.6
    pole = np.where(in_pole, np.array([f"pole_{territories[t]}" for t in terr_idx]), "")
    structures = pd.DataFrame(
        {
            "id": ids,
            "name": [f"Structure {i}" for i in range(n)],
            "family": np.array(FAMILIES, dtype=object)[rng.integers(0, len(FAMILIES), n)],
            "sector": sector,
            "territory": np.array(territories, dtype=object)[terr_idx],
            "pole": pole,
        }
    )
    poles = pd.DataFrame(
        {
            "id": [f"pole_{t}" for t in territories],
            "name": [f"Pôle ESS {t}" for t in territories],
            "territory": territories,
            "status": rng.choice(["launching", "prefiguration", "created"], len(territories)),
        }
    )
    n_partners = max(5, n // 500)
    partners = pd.DataFrame(
        {
            "id": [f"partner{i:04d}" for i in range(n_partners)],
            "name": [f"Partenaire {i}" for i in range(n_partners)],
            "kind": rng.choice(["region", "departement", "commune", "banque"], n_partners),
        }
    )
    # Ties: a source, then a target in the same territory (70 %) or anywhere.
    m = LINKS_PER_STRUCTURE * n
    src = rng.integers(0, n, m)
    order = np.argsort(terr_idx, kind="stable")
    counts = np.bincount(terr_idx, minlength=len(territories))
    starts = np.concatenate([[0], np.cumsum(counts)[:-1]])
    t_src = terr_idx[src]
    local = order[starts[t_src] + (rng.random(m) * counts[t_src]).astype(np.int64)]
    anywhere = rng.integers(0, n, m)
    dst = np.where(rng.random(m) < 0.7, local, anywhere)
    keep = src != dst
    src, dst = src[keep], dst[keep]
    kinds = rng.choice(["cooperation", "pooling", "subcontracting", "sponsorship"], len(src))
    links = [
        pd.DataFrame(
            {
                "source": ids[src],
                "target": ids[dst],
                "kind": kinds,
                "since": rng.integers(2005, 2025, len(src)).astype(float),
                "weight": rng.integers(1, 4, len(src)).astype(float),
            }
        )
    ]
    # Funding: every pôle by 1 to 3 partners, 10 % of structures by one partner (skewed).
    partner_p = rng.dirichlet(np.full(n_partners, 0.5))
    funded = rng.choice(n, size=n // 10, replace=False)
    pole_src = rng.choice(n_partners, size=len(poles) * 2, p=partner_p)
    links.append(
        pd.DataFrame(
            {
                "source": np.concatenate(
                    [
                        partners["id"].to_numpy()[pole_src],
                        partners["id"].to_numpy()[rng.choice(n_partners, len(funded), p=partner_p)],
                    ]
                ),
                "target": np.concatenate([np.repeat(poles["id"].to_numpy(), 2), ids[funded]]),
                "kind": "funding",
                "since": 2015.0,
                "weight": 1.0,
            }
        )
    )
    link_frame = pd.concat(links, ignore_index=True)
    link_frame["status"] = "confirmed"
    empty = pd.DataFrame({"id": pd.Series(dtype=str), "name": pd.Series(dtype=str)})
    return Network(structures, poles, partners, link_frame, empty, empty.copy(), source="standin")


def make_network(n: int, seed: int = SEED) -> tuple[Network, str]:
    """The demo generator of ess_graph when it exists, else the stand-in."""
    try:
        demo = importlib.import_module("ess_graph.demo")
        generate = demo.generate_network
    except (ImportError, AttributeError):
        return standin_network(n, seed), "bench stand-in generator"
    return generate(n, seed=seed), "ess_graph.demo.generate_network"


# Timing ---------------------------------------------------------------------------------
def timed(label: str, fn: Callable[[], Any], results: dict[str, float]) -> Any:
    start = time.perf_counter()
    value = fn()
    results[label] = time.perf_counter() - start
    print(f"  {label:<48s} {results[label]:9.3f} s", flush=True)
    return value


def _optional(module: str) -> Any:
    try:
        return importlib.import_module(module)
    except ImportError:
        return None


def fast_steps(G: nx.Graph, T: nx.Graph) -> list[tuple[str, Callable[[], Any]]]:
    """ess_graph's functions, in the order `ess-graph metrics` would call them."""
    from ess_graph.analysis.brokerage import structure_centrality
    from ess_graph.analysis.communities import communities, partition_summary
    from ess_graph.analysis.governance import pole_governance

    steps: list[tuple[str, Callable[[], Any]]] = [
        ("brokerage.structure_centrality", lambda: structure_centrality(G)),
        (
            "communities.communities + partition_summary",
            lambda: partition_summary(G, partition=communities(G)),
        ),
        ("governance.pole_governance", lambda: pole_governance(G, T)),
    ]
    mixing = _optional("ess_graph.analysis.mixing")
    if mixing is not None:
        steps += [
            ("mixing.mixing_table", lambda: mixing.mixing_table(G)),
            ("mixing.ei_indices (1000 permutations)", lambda: mixing.ei_indices(G)),
            ("mixing.assortativity", lambda: mixing.assortativity(G)),
            ("mixing.structure_diversity", lambda: mixing.structure_diversity(G)),
        ]
    opportunities = _optional("ess_graph.analysis.opportunities")
    if opportunities is not None:
        steps.append(
            ("opportunities.opportunities (all pairs)", lambda: opportunities.opportunities(G, T))
        )
    return steps


def proximity_graph(T: nx.Graph) -> nx.Graph:
    """The typed graph without territory and sector nodes (what opportunities scores on)."""
    keep = [v for v, kind in T.nodes(data="type") if kind not in ("territory", "sector")]
    return T.subgraph(keep).copy()


def two_hop_pairs(H: nx.Graph) -> list[tuple[Any, Any]]:
    """Every pair of nodes at distance exactly 2, once (plain Python, as a user would)."""
    pairs = set()
    for w in H:
        nbrs = list(H[w])
        for i, u in enumerate(nbrs):
            for v in nbrs[i + 1 :]:
                if not H.has_edge(u, v):
                    pairs.add((u, v) if str(u) < str(v) else (v, u))
    return list(pairs)


def networkx_steps(G: nx.Graph, T: nx.Graph) -> list[tuple[str, Callable[[], Any]]]:
    H = proximity_graph(T)
    attributes = ("sector", "family", "territory")

    def link_prediction() -> int:
        pairs = two_hop_pairs(H)
        aa = list(nx.adamic_adar_index(H, pairs))
        ra = list(nx.resource_allocation_index(H, pairs))
        return len(aa) + len(ra)

    return [
        ("nx.betweenness_centrality (exact)", lambda: nx.betweenness_centrality(G)),
        ("nx.constraint", lambda: nx.constraint(G)),
        ("nx.effective_size", lambda: nx.effective_size(G)),
        (
            "nx.community.louvain_communities",
            lambda: nx.community.louvain_communities(G, seed=SEED),
        ),
        (
            "nx.attribute_assortativity_coefficient x3",
            lambda: [nx.attribute_assortativity_coefficient(G, a) for a in attributes],
        ),
        ("nx.attribute_mixing_matrix (sector)", lambda: nx.attribute_mixing_matrix(G, "sector")),
        ("nx.adamic_adar + resource_allocation (2-hop)", link_prediction),
    ]


# Runs -----------------------------------------------------------------------------------
def build(n: int) -> tuple[nx.Graph, nx.Graph, dict[str, float], str]:
    build_times: dict[str, float] = {}
    net, origin = timed("generate network", lambda: make_network(n), build_times)
    G = timed("cooperation_graph", lambda: cooperation_graph(net), build_times)
    T = timed("typed_graph", lambda: typed_graph(net), build_times)
    return G, T, build_times, origin


def side_by_side(n: int) -> dict[str, Any]:
    print(f"\n== side by side at {n:,} structures", flush=True)
    load = os.getloadavg()[0]
    G, T, build_times, origin = build(n)
    print(f"  ({G.number_of_nodes():,} structures, {G.number_of_edges():,} ties)")
    print(" networkx:")
    nx_times: dict[str, float] = {}
    for label, fn in networkx_steps(G, T):
        timed(label, fn, nx_times)
    print(" ess_graph:")
    fast_times: dict[str, float] = {}
    for label, fn in fast_steps(G, T):
        timed(label, fn, fast_times)
    nx_total, fast_total = sum(nx_times.values()), sum(fast_times.values())
    ratio = nx_total / fast_total if fast_total else math.inf
    print(
        f" networkx total {nx_total:.2f} s, ess_graph total {fast_total:.2f} s, ratio {ratio:.1f}x"
    )
    return {
        "n": n,
        "structures": G.number_of_nodes(),
        "ties": G.number_of_edges(),
        "origin": origin,
        "build": build_times,
        "networkx": nx_times,
        "ess_graph": fast_times,
        "ratio": ratio,
        "load_at_start": load,
    }


def child(n: int) -> dict[str, Any]:
    """One scale run (inside its own process)."""
    print(f"\n== ess_graph at {n:,} structures (subprocess {os.getpid()})", flush=True)
    load = os.getloadavg()[0]
    start = time.perf_counter()
    G, T, build_times, origin = build(n)
    times: dict[str, float] = {}
    for label, fn in fast_steps(G, T):
        timed(label, fn, times)
    return {
        "n": n,
        "structures": G.number_of_nodes(),
        "ties": G.number_of_edges(),
        "origin": origin,
        "build": build_times,
        "ess_graph": times,
        "analysis_total": sum(times.values()),
        "wall_total": time.perf_counter() - start,
        "self_maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "cpu_seconds": time.process_time(),
        "load_at_start": load,
    }


def run_child(n: int, timeout: float) -> dict[str, Any] | None:
    """Run one size in a fresh process, echo its progress, read its peak memory."""
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", str(n)]
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, bufsize=1
    )
    timer = threading.Timer(timeout, proc.kill)
    timer.start()
    result_line = ""
    try:
        for line in proc.stdout or ():
            if line.startswith("@@RESULT@@"):
                result_line = line[len("@@RESULT@@") :]
            else:
                print(line, end="", flush=True)
        stderr = proc.stderr.read() if proc.stderr else ""
        proc.wait()
    finally:
        timer.cancel()
    elapsed = time.perf_counter() - start
    if proc.returncode != 0 or not result_line:
        if elapsed >= timeout:
            print(f"  {n:,}: stopped after {timeout:.0f} s", flush=True)
            return {"n": n, "timeout": timeout}
        print(stderr[-3000:])
        return {"n": n, "error": stderr.strip().splitlines()[-1] if stderr.strip() else "failed"}
    result = json.loads(result_line)
    result["process_seconds"] = elapsed
    result["children_maxrss_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(
        f"  process {result['process_seconds']:.1f} s (CPU {result['cpu_seconds']:.1f} s), peak memory "
        f"{result['children_maxrss_mb']:.0f} MB (child's own: {result['self_maxrss_mb']:.0f} MB)",
        flush=True,
    )
    return result


CLI = "import sys; from ess_graph.cli import main; sys.exit(main())"
# Runs its arguments as a child and prints that child's time and peak memory, so each
# measured process has a parent of its own and RUSAGE_CHILDREN is exactly its peak.
WRAPPER = (
    "import json, resource, subprocess, sys, time\n"
    "t = time.perf_counter()\n"
    "r = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
    "u = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
    "print(json.dumps({'rc': r.returncode, 'seconds': time.perf_counter() - t,\n"
    "    'cpu_seconds': u.ru_utime + u.ru_stime, 'maxrss_mb': u.ru_maxrss / 1024,\n"
    "    'stderr': r.stderr[-2000:]}))\n"
)


def has_metrics_cli() -> bool:
    cli = _optional("ess_graph.cli")
    return cli is not None and "metrics" in getattr(getattr(cli, "main", None), "commands", {})


def run_cli(n: int, workdir: Path, timeout: float) -> dict[str, Any]:
    """`ess-graph demo` then, timed as a whole process, `ess-graph metrics` on it."""
    demo_dir = workdir / f"demo_{n}"
    out_dir = workdir / f"metrics_{n}"
    subprocess.run(
        [
            sys.executable,
            "-c",
            CLI,
            "demo",
            "--structures",
            str(n),
            "--seed",
            str(SEED),
            "--out",
            str(demo_dir),
        ],
        check=True,
        capture_output=True,
        timeout=timeout,
    )
    load = os.getloadavg()[0]
    cmd = [
        sys.executable,
        "-c",
        WRAPPER,
        sys.executable,
        "-c",
        CLI,
        "metrics",
        str(demo_dir),
        "--out",
        str(out_dir),
    ]
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=True)
    except subprocess.TimeoutExpired:
        return {"n": n, "timeout": timeout}
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    result["n"] = n
    result["load_at_start"] = load
    status = "ok" if result["rc"] == 0 else f"exit {result['rc']}"
    print(
        f"  ess-graph metrics at {n:,}: {result['seconds']:.1f} s "
        f"(CPU {result['cpu_seconds']:.1f} s), peak memory {result['maxrss_mb']:.0f} MB, {status}",
        flush=True,
    )
    return result


# Report ---------------------------------------------------------------------------------
def report(
    baseline: dict[str, Any] | None,
    scale: list[dict[str, Any]],
    cli_runs: list[dict[str, Any]] | None = None,
) -> str:
    now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        "# Analysis benchmark (`bench/bench_analysis.py`)",
        "",
        f"Run {now} on {machine('networkx', 'igraph', 'scipy', 'numpy', 'pandas')}. Load average at the end: "
        + ", ".join(f"{x:.1f}" for x in os.getloadavg())
        + ".",
        "",
    ]
    if baseline:
        lines += [
            f"## networkx vs ess_graph at {baseline['structures']:,} structures "
            f"({baseline['ties']:,} ties; network from {baseline['origin']})",
            "",
            "Same network, same process, one after the other (1-minute load average "
            f"of the machine at the start: {baseline['load_at_start']:.1f} on "
            f"{os.cpu_count()} cores).",
            "",
            "| plain networkx | s | ess_graph | s |",
            "|---|---:|---|---:|",
        ]
        left = list(baseline["networkx"].items())
        right = list(baseline["ess_graph"].items())
        for i in range(max(len(left), len(right))):
            a = left[i] if i < len(left) else ("", None)
            b = right[i] if i < len(right) else ("", None)
            fa = f"{a[1]:.3f}" if a[1] is not None else ""
            fb = f"{b[1]:.3f}" if b[1] is not None else ""
            lines.append(f"| {a[0]} | {fa} | {b[0]} | {fb} |")
        nx_total = sum(baseline["networkx"].values())
        fast_total = sum(baseline["ess_graph"].values())
        lines += [
            f"| **total** | **{nx_total:.2f}** | **total** | **{fast_total:.2f}** |",
            "",
            f"**Ratio networkx / ess_graph: {baseline['ratio']:.1f}x** (target: at least 8x).",
            "",
            "Graph building (not in either total): "
            + ", ".join(f"{k} {v:.2f} s" for k, v in baseline["build"].items())
            + ".",
            "",
        ]
    if scale:
        lines += [
            "## ess_graph at scale (one subprocess per size)",
            "",
            "Peak memory is the child process's maximum resident set size "
            "(`getrusage(RUSAGE_CHILDREN).ru_maxrss`), network generation and graph "
            "building included. Wall-clock times depend on the other processes sharing the "
            "machine (see the load average above); the process CPU time (user + system) "
            "is the steadier figure. Targets: 25,000 structures in 30 s and 2 GB; 250,000 "
            "structures with 1,000,000 links in 10 min and 8 GB.",
            "",
            "| structures | ties | build s | analysis s | whole process s | process CPU s "
            "| peak MB | load at start |",
            "|---:|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for r in scale:
            if "error" in r or "timeout" in r:
                why = r.get("error") or f"stopped after {r['timeout']:.0f} s"
                lines.append(f"| {r['n']:,} | | | | {why} | | | |")
                continue
            lines.append(
                f"| {r['structures']:,} | {r['ties']:,} | {sum(r['build'].values()):.1f} | "
                f"{r['analysis_total']:.1f} | {r['process_seconds']:.1f} | "
                f"{r['cpu_seconds']:.1f} | {r['children_maxrss_mb']:.0f} | "
                f"{r['load_at_start']:.1f} |"
            )
        lines += ["", "Per step (seconds):", ""]
        steps = list(dict.fromkeys(k for r in scale if "ess_graph" in r for k in r["ess_graph"]))
        ok = [r for r in scale if "ess_graph" in r]
        lines.append("| step | " + " | ".join(f"{r['structures']:,}" for r in ok) + " |")
        lines.append("|---|" + "---:|" * len(ok))
        for step in steps:
            cells = [f"{r['ess_graph'].get(step, float('nan')):.2f}" for r in ok]
            lines.append(f"| {step} | " + " | ".join(cells) + " |")
        lines.append("")
    if cli_runs:
        lines += [
            "## Whole process: `ess-graph metrics` on `ess-graph demo` networks",
            "",
            "The command as a user runs it (Python start-up, reading the CSV files, "
            "validation, both graphs, every table, writing the files), each run in a "
            "process of its own; peak memory is that process's maximum resident set size.",
            "",
            "| structures | wall s | CPU s | peak MB | exit | load at start |",
            "|---:|---:|---:|---:|---|---:|",
        ]
        for r in cli_runs:
            if "timeout" in r:
                lines.append(f"| {r['n']:,} | stopped after {r['timeout']:.0f} s | | | | |")
                continue
            lines.append(
                f"| {r['n']:,} | {r['seconds']:.1f} | {r['cpu_seconds']:.1f} | "
                f"{r['maxrss_mb']:.0f} | {r['rc']} | {r['load_at_start']:.1f} |"
            )
        same = [r for r in cli_runs if baseline and r["n"] == baseline["n"] and "seconds" in r]
        if same:
            nx_total = sum(baseline["networkx"].values())
            lines += [
                "",
                f"At {baseline['n']:,} structures: plain networkx calls {nx_total:.1f} s "
                f"(graph building not counted) vs the whole `ess-graph metrics` process "
                f"{same[0]['seconds']:.1f} s: **{nx_total / same[0]['seconds']:.1f}x** "
                "(target: at least 8x). Wall-clock, measured minutes apart on a shared "
                "machine: compare with the CPU column and the load average.",
            ]
        lines.append("")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--baseline", type=int, default=2500, help="side-by-side size (0: skip)")
    parser.add_argument(
        "--sizes", type=int, nargs="*", default=[25_000, 250_000], help="scale sizes"
    )
    parser.add_argument("--timeout", type=float, default=900.0, help="per scale run, seconds")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "analysis.md")
    parser.add_argument(
        "--cli-sizes",
        type=int,
        nargs="*",
        default=None,
        help="sizes at which to time the whole `ess-graph metrics` process "
        "(default: the baseline size and 25,000; none without the CLI)",
    )
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        result = child(args.child)
        print("@@RESULT@@" + json.dumps(result), flush=True)
        return 0
    baseline = side_by_side(args.baseline) if args.baseline else None
    scale = [r for n in sorted(args.sizes) if (r := run_child(n, args.timeout))]
    cli_sizes = args.cli_sizes
    if cli_sizes is None:
        cli_sizes = [n for n in (args.baseline, 25_000) if n]
    cli_runs: list[dict[str, Any]] = []
    if cli_sizes and has_metrics_cli():
        print("\n== whole process: ess-graph metrics", flush=True)
        with tempfile.TemporaryDirectory(prefix="ess_bench_") as tmp:
            cli_runs = [run_cli(n, Path(tmp), args.timeout) for n in sorted(cli_sizes)]
    text = report(baseline, scale, cli_runs)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        tmp = args.out.with_suffix(".tmp")
        tmp.write_text(text + "\n", encoding="utf-8")
        tmp.replace(args.out)
        print(f"\nwrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
