"""Benchmark of the mixing and gap analyses (ess_graph.analysis.mixing and .gaps).

Question: how long do the mixing table, the E-I indices with their permutation test,
the assortativity, the per-structure diversity and the gap table take as the network
grows, and how does the vectorised permutation test compare with the plain networkx way
(relabel, recount with ``nx.attribute_mixing_matrix``, repeat)?

For each size, a synthetic cooperation graph is built with numpy (21 territories with
one pôle each, 12 sectors, 5 families, about 4 ties per structure (mean degree 8), 70 % inside
the territory, 40 % of structures in their territory's pôle) and each function is timed
(best of ``--repeat`` runs, wall clock and process CPU time: the machine is shared).
The networkx reference (``nx.attribute_mixing_matrix`` + ``attribute_assortativity_
coefficient`` per attribute, and the permutation test as ``--nx-permutations`` relabel-
and-recount rounds, extrapolated to 1,000) runs at the sizes up to ``--nx-max``.

Usage::

    .venv/bin/python bench/bench_mixing.py                     # 2,500 and 25,000
    .venv/bin/python bench/bench_mixing.py --sizes 2500 25000 250000 \
        --out bench/results/mixing.md
"""

from __future__ import annotations

import argparse
import datetime as dt
import platform
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx
import numpy as np

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from ess_graph.analysis import gaps, mixing  # noqa: E402

SEED = 2009
TIES_PER_STRUCTURE = 4  # ties (not tie ends) per structure: 25,000 -> ~100,000 ties
ATTRIBUTES = ("sector", "family", "territory", "pole")


def synthetic_graph(n: int, seed: int = SEED) -> nx.Graph:
    """A cooperation graph shaped like the ESS data (see the module docstring)."""
    rng = np.random.default_rng(seed)
    territory = rng.integers(0, 21, n)
    sector = rng.integers(0, 12, n)
    family = rng.choice(5, n, p=[0.7, 0.15, 0.07, 0.03, 0.05])
    member = rng.random(n) < 0.4
    m = TIES_PER_STRUCTURE * n
    u = rng.integers(0, n, m)
    local = rng.random(m) < 0.7
    by_territory = [np.flatnonzero(territory == t) for t in range(21)]
    v = rng.integers(0, n, m)
    for t in range(21):
        pick = np.flatnonzero(local & (territory[u] == t))
        if len(by_territory[t]):
            v[pick] = rng.choice(by_territory[t], len(pick))
    G = nx.Graph(
        poles={
            f"p{t:02d}": {"name": f"Pôle {t}", "territory": f"t{t:02d}", "status": "created"}
            for t in range(21)
        },
        territory_names={f"t{t:02d}": f"Pays {t}" for t in range(21)},
        sector_names={f"s{s:02d}": f"Secteur {s}" for s in range(12)},
        is_demo=True,
    )
    G.add_nodes_from(
        (
            f"x{i:06d}",
            {
                "name": f"Structure {i}",
                "family": f"f{family[i]}",
                "sector": f"s{sector[i]:02d}",
                "territory": f"t{territory[i]:02d}",
                "pole": f"p{territory[i]:02d}" if member[i] else "",
            },
        )
        for i in range(n)
    )
    G.add_edges_from((f"x{a:06d}", f"x{b:06d}") for a, b in zip(u, v, strict=True) if a != b)
    return G


def timed(fn: Callable[[], Any], repeat: int) -> tuple[float, float]:
    """Best wall time and best process CPU time over ``repeat`` runs."""
    best_wall = best_cpu = float("inf")
    for _ in range(repeat):
        w0, c0 = time.perf_counter(), time.process_time()
        fn()
        best_wall = min(best_wall, time.perf_counter() - w0)
        best_cpu = min(best_cpu, time.process_time() - c0)
    return best_wall, best_cpu


def networkx_permutation_round(G: nx.Graph, attribute: str, rng: random.Random) -> None:
    """One relabel-and-recount round the plain networkx way."""
    nodes = [v for v in G if G.nodes[v][attribute]]
    labels = [G.nodes[v][attribute] for v in nodes]
    rng.shuffle(labels)
    H = G.subgraph(nodes).copy()
    nx.set_node_attributes(H, dict(zip(nodes, labels, strict=True)), attribute)
    nx.attribute_mixing_matrix(H, attribute, normalized=False)


def run(sizes: list[int], repeat: int, nx_max: int, nx_permutations: int) -> list[dict]:
    rows = []
    for n in sizes:
        rows += run_size(n, repeat, nx_max, nx_permutations)
    return rows


def run_size(n: int, repeat: int, nx_max: int, nx_permutations: int) -> list[dict]:
    rows = []
    G = synthetic_graph(n)
    m = G.number_of_edges()
    cases: list[tuple[str, Callable[[], Any]]] = [
        ("mixing_table (sector)", lambda: mixing.mixing_table(G)),
        ("mixing_matrix ratio (sector)", lambda: mixing.mixing_matrix(G, value="ratio")),
        (
            "ei_indices, 4 attributes, 0 permutations",
            lambda: mixing.ei_indices(G, n_permutations=0),
        ),
        ("ei_indices, 4 attributes, 1,000 permutations", lambda: mixing.ei_indices(G)),
        (
            "ei_indices, sector only, 1,000 permutations",
            lambda: mixing.ei_indices(G, attributes=["sector"]),
        ),
        ("assortativity, 3 attributes", lambda: mixing.assortativity(G)),
        ("structure_diversity", lambda: mixing.structure_diversity(G)),
        ("gaps (whole table)", lambda: gaps.gaps(G)),
    ]
    for name, fn in cases:
        wall, cpu = timed(fn, repeat)
        rows.append({"n": n, "m": m, "what": f"ess_graph {name}", "wall": wall, "cpu": cpu})
        print(f"n={n:>7,} m={m:>8,}  {name:<48} {wall:8.3f} s  (cpu {cpu:.3f} s)", flush=True)
    if n <= nx_max:

        def reference() -> None:
            for attribute in ATTRIBUTES:
                nx.attribute_mixing_matrix(G, attribute, normalized=False)
            for attribute in ("sector", "family", "territory"):
                nx.attribute_assortativity_coefficient(G, attribute)

        wall, cpu = timed(reference, repeat)
        rows.append(
            {
                "n": n,
                "m": m,
                "what": "networkx mixing matrices + assortativity",
                "wall": wall,
                "cpu": cpu,
            }
        )
        print(f"n={n:>7,} networkx mixing + assortativity {wall:8.3f} s (cpu {cpu:.3f} s)")
        rng = random.Random(SEED)

        def permutations() -> None:
            for attribute in ATTRIBUTES:
                for _ in range(nx_permutations):
                    networkx_permutation_round(G, attribute, rng)

        wall, cpu = timed(permutations, 1)
        scale = 1000 / nx_permutations
        rows.append(
            {
                "n": n,
                "m": m,
                "what": f"networkx permutation test, 4 attributes ({nx_permutations} "
                "rounds each, extrapolated to 1,000)",
                "wall": wall * scale,
                "cpu": cpu * scale,
            }
        )
        print(
            f"n={n:>7,} networkx permutation test x1000 (extrapolated) "
            f"{wall * scale:8.1f} s (cpu {cpu * scale:.1f} s)"
        )
    return rows


def markdown(rows: list[dict], command: str) -> str:
    import numpy as _np
    import pandas as _pd

    lines = [
        "# Mixing and gaps (`ess_graph.analysis.mixing`, `ess_graph.analysis.gaps`)",
        "",
        f"Date: {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC  ",
        f"Machine: {platform.system()} {platform.release()}, {platform.processor() or platform.machine()}; "
        f"Python {platform.python_version()}, networkx {nx.__version__}, numpy {_np.__version__}, "
        f"pandas {_pd.__version__}  ",
        f"Command: `{command}`",
        "",
        "Synthetic cooperation graphs (numpy, seed 2009; see the script's docstring). Best of",
        "the runs, wall clock and process CPU time (the machine is shared by other jobs, so",
        "CPU time is the steadier figure). networkx rows are the plain way, for comparison.",
        "",
        "| structures | ties | what | wall s | CPU s |",
        "|---:|---:|---|---:|---:|",
    ]
    for r in rows:
        lines.append(
            f"| {r['n']:,} | {r['m']:,} | {r['what']} | {r['wall']:.3f} | {r['cpu']:.3f} |"
        )
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[2500, 25000])
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument(
        "--nx-max",
        type=int,
        default=25000,
        help="largest size at which the networkx reference runs",
    )
    parser.add_argument("--nx-permutations", type=int, default=5)
    parser.add_argument("--out", type=Path, help="write a markdown table there")
    args = parser.parse_args(argv)
    rows = run(args.sizes, args.repeat, args.nx_max, args.nx_permutations)
    if args.out:
        command = ".venv/bin/python bench/bench_mixing.py " + " ".join(argv or sys.argv[1:])
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(markdown(rows, command.strip()), encoding="utf-8")
        print(f"written: {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
