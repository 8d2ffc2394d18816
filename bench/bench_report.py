"""How long does one territorial diagnostic report take to generate?

Issue 6 asks for under 3 s on the demo (250 structures). For each size, the network is
the demo folder (250, read with `read_network`) or a generated demo network
(`ess_graph.demo.generate_network`, seed 2009); the report is written for the territory
with the most structures, ``repeat`` times. Three steps are timed apart: computing the
content (`ess_graph.report.report_content`), laying it out as the HTML page
(`render_html`) and as the Word document (`render_docx`). Printed: wall time (median
and best) and CPU time of content + page (what `territorial_report` does), and the
median wall time of each step; the network read time is not included. The machine may
be shared: CPU time is the steadier figure.

Usage::

    .venv/bin/python bench/bench_report.py                      # 250 / 2,500 / 25,000
    .venv/bin/python bench/bench_report.py --sizes 250 --repeat 5 --out bench/results/report.md
"""

from __future__ import annotations

import argparse
import datetime as dt
import platform
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "data" / "demo"
DEFAULT_SIZES = (250, 2_500, 25_000)
DEFAULT_OUT = Path(__file__).resolve().parent / "results" / "report.md"
TARGET_S = 3.0


def _network(n: int):
    from ess_graph.io.read import read_network

    if n == 250 and DEMO.is_dir():
        return read_network(DEMO), "data/demo"
    from ess_graph.demo import generate_network

    return generate_network(n, seed=2009), f"generate_network({n}, seed=2009)"


def run(sizes=DEFAULT_SIZES, repeat: int = 3) -> list[dict]:
    """Measure the report on each size; one dict of measures per size."""
    from ess_graph.report import render_docx, render_html, report_content

    rows = []
    for n in sizes:
        net, origin = _network(n)
        counts = net.structures["territory"].value_counts()
        territory = str(counts.index[0])
        walls, cpus, contents, pages, documents = [], [], [], [], []
        html, document = "", b""
        for _ in range(repeat):
            t0, c0 = time.perf_counter(), time.process_time()
            content = report_content(net, territory=territory)
            t1 = time.perf_counter()
            html = render_html(content)
            t2, c2 = time.perf_counter(), time.process_time()
            document = render_docx(content)
            documents.append(time.perf_counter() - t2)
            contents.append(t1 - t0)
            pages.append(t2 - t1)
            walls.append(t2 - t0)
            cpus.append(c2 - c0)
        rows.append(
            {
                "structures": len(net.structures),
                "links": len(net.links),
                "network": origin,
                "territory": territory,
                "scope_structures": int(counts.iloc[0]),
                "seconds": statistics.median(walls),
                "best_seconds": min(walls),
                "cpu_seconds": statistics.median(cpus),
                "html_kib": len(html.encode("utf-8")) / 1024,
                "content_seconds": statistics.median(contents),
                "html_seconds": statistics.median(pages),
                "docx_seconds": statistics.median(documents),
                "docx_kib": len(document) / 1024,
                "repeat": repeat,
            }
        )
        print(
            f"{rows[-1]['structures']:>7} structures, {territory} ({counts.iloc[0]}): "
            f"median {rows[-1]['seconds']:.2f} s, best {rows[-1]['best_seconds']:.2f} s, "
            f"cpu {rows[-1]['cpu_seconds']:.2f} s, {rows[-1]['html_kib']:.0f} KiB; "
            f"DOCX {rows[-1]['docx_seconds']:.2f} s, {rows[-1]['docx_kib']:.0f} KiB",
            file=sys.stderr,
        )
    return rows


def markdown(rows: list[dict]) -> str:
    """The measures as a markdown section (for docs/PERFORMANCE.md)."""
    lines = [
        "## Territorial report (`ess_graph.report`: content, HTML page, Word document)",
        "",
        f"Measured {dt.date.today().isoformat()} on {platform.machine()}, Python "
        f"{platform.python_version()}; target: under {TARGET_S:.0f} s on the demo for the "
        "page (content + HTML, what `territorial_report` does). Report on the territory "
        "with the most structures; network read time excluded. The DOCX reuses the "
        "content: its column is the layout alone (python-docx, charts drawn by matplotlib).",
        "",
        "| structures | links | network | territory (structures) | page median s | best s "
        "| CPU s | content s | HTML s | HTML KiB | DOCX s | DOCX KiB | under target |",
        "|---:|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for r in rows:
        lines.append(
            f"| {r['structures']:,} | {r['links']:,} | {r['network']} | {r['territory']} "
            f"({r['scope_structures']:,}) | {r['seconds']:.2f} | {r['best_seconds']:.2f} "
            f"| {r['cpu_seconds']:.2f} | {r['content_seconds']:.2f} "
            f"| {r['html_seconds']:.3f} | {r['html_kib']:.0f} | {r['docx_seconds']:.2f} "
            f"| {r['docx_kib']:.0f} | {'yes' if r['seconds'] < TARGET_S else 'no'} |"
        )
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(DEFAULT_SIZES))
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out", type=Path, default=None, help="Markdown file to write.")
    args = parser.parse_args(argv)
    rows = run(args.sizes, args.repeat)
    text = markdown(rows)
    print(text)
    if args.out is not None:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
