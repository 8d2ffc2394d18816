"""How long does the view take to draw as a PNG, SVG or PDF (`ess_graph.viz.image`)?

For each size — the shipped demo (250 structures) and demo networks made by
``ess_graph.demo.generate_network(n, seed=2009)`` — three views, as the Réseau page draws
them: the whole network at the structure scale, its first territory (filtered), and the
pôle graph. Each view is drawn in the three formats at 1920×1080 with its legend and a
caption; the layout and the styles are computed beforehand (the app caches them), so the
times are those of `view_image` alone: wall clock and CPU, median of ``--repeat`` runs,
and the file's size. The machine is shared: compare wall clock with CPU time.

Usage::

    .venv/bin/python bench/bench_image.py                       # 250 and 2,500
    .venv/bin/python bench/bench_image.py --sizes 250 2500 5000 --repeat 3 \\
        --out bench/results/image.md
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import matplotlib  # noqa: E402
import networkx as nx  # noqa: E402

from ess_graph.data import demo_dir  # noqa: E402
from ess_graph.io.read import read_network  # noqa: E402
from ess_graph.network import cooperation_graph  # noqa: E402
from ess_graph.viz.image import FORMATS, view_image  # noqa: E402
from ess_graph.viz.layout import compute_layout  # noqa: E402
from ess_graph.viz.scales import filter_graph, pole_graph  # noqa: E402
from ess_graph.viz.style import declared_in, legend, node_styles  # noqa: E402

DEFAULT_SIZES = (250, 2_500)
DEFAULT_OUT = Path(__file__).resolve().parent / "results" / "image.md"
SEED = 2009


def network_graph(n: int) -> nx.Graph:
    """The demo's cooperation graph at 250, a generated network otherwise."""
    if n == 250:
        return cooperation_graph(read_network(str(demo_dir())))
    from ess_graph.demo import generate_network

    return cooperation_graph(generate_network(n, seed=SEED))


def views(G: nx.Graph) -> list[tuple[str, nx.Graph, dict, str, str]]:
    """(name, drawn graph, positions, colour, size) of the three views."""
    positions = compute_layout(G)
    first = sorted({str(t) for _, t in G.nodes(data="territory") if t})[0]
    P = pole_graph(G)
    return [
        ("structures", G, positions, "sector", "degree"),
        (
            f"territory {first}",
            filter_graph(G, territories=(first,)),
            positions,
            "sector",
            "degree",
        ),
        ("pôles", P, compute_layout(P), "territory", "structures"),
    ]


def measure(G: nx.Graph, positions: dict, color: str, size: str, repeat: int) -> dict[str, Any]:
    styles = node_styles(G, color_by=color, size_by=size)
    leg = legend(G, color_by=color, size_by=size)
    caption = f"Source : bench · {G.number_of_nodes()} structures, {G.number_of_edges()} liens"
    row: dict[str, Any] = {"nodes": G.number_of_nodes(), "edges": G.number_of_edges()}
    for fmt in FORMATS:
        walls, cpus = [], []
        for _ in range(repeat):
            w0, c0 = time.perf_counter(), time.process_time()
            data = view_image(
                G,
                positions,
                styles,
                fmt=fmt,
                legend=leg,
                caption=caption,
                declared_edges=declared_in(G),
            )
            walls.append(time.perf_counter() - w0)
            cpus.append(time.process_time() - c0)
        row[fmt] = (statistics.median(walls), statistics.median(cpus), len(data) / 1e6)
    return row


def _load() -> float:
    return os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")


def machine() -> str:
    cpu = platform.processor() or ""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return (
        f"{platform.system()} {platform.release()}, {cpu}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, matplotlib {matplotlib.__version__}, "
        f"load average {_load():.1f} at start"
    )


def to_markdown(rows: list[dict[str, Any]], repeat: int, started: str) -> str:
    lines = [
        "# The view as an image (bench/bench_image.py)",
        "",
        f"- Date: {started}",
        f"- Machine: {machine()}",
        f"- 1920×1080, legend and caption; median of {repeat} run(s) of `view_image` alone"
        " (layout and styles computed beforehand, as the app caches them). 250 = the shipped"
        f" demo; other sizes `generate_network(n, seed={SEED})`.",
        "",
        "| structures | view | nodes | edges | PNG s (cpu) | PNG MB | SVG s (cpu) | SVG MB "
        "| PDF s (cpu) | PDF MB |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        cells = [f"{r['size']:,}", r["view"], f"{r['nodes']:,}", f"{r['edges']:,}"]
        for fmt in FORMATS:
            wall, cpu, mb = r[fmt]
            cells += [f"{wall:.2f} ({cpu:.2f})", f"{mb:.2f}"]
        lines.append("| " + " | ".join(cells) + " |")
    lines += [
        "",
        f"Load average at the end: {_load():.1f} on {os.cpu_count()} cores.",
        "",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(DEFAULT_SIZES))
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--out", type=Path, default=None, help="markdown file to write")
    args = parser.parse_args(argv)
    started = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    rows = []
    for n in args.sizes:
        G = network_graph(n)
        for name, H, positions, color, size in views(G):
            row = measure(H, positions, color, size, args.repeat)
            row.update(size=n, view=name)
            rows.append(row)
            print(
                f"{n:>6} {name:<22} "
                + "  ".join(f"{fmt} {row[fmt][0]:.2f}s {row[fmt][2]:.2f}MB" for fmt in FORMATS),
                flush=True,
            )
    text = to_markdown(rows, args.repeat, started)
    out = args.out or DEFAULT_OUT
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    print(f"written: {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
