"""Run every benchmark and gather their tables into docs/PERFORMANCE.md (`make bench`).

Each script writes its own markdown table under `bench/results/`; this one runs them in
turn (about 20 minutes on the project's 2-core machine: the 250,000-structure runs take
most of it), then replaces the part of docs/PERFORMANCE.md below its marker comment with
those tables. The targets table above the marker is kept by hand: read the new figures
and update it.

Usage::

    .venv/bin/python bench/run_all.py            # run everything, then gather
    .venv/bin/python bench/run_all.py --gather   # only gather the existing tables
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
DOC = ROOT / "docs" / "PERFORMANCE.md"
MARKER = "<!-- Below: the tables of bench/results/, gathered by bench/run_all.py. -->"

#: (script, arguments, table written) in the order of docs/PERFORMANCE.md.
RUNS: list[tuple[str, list[str], str]] = [
    ("bench_read.py", ["--max", "250000"], "read.md"),
    ("bench_generate.py", [], "generate.md"),
    ("bench_metrics.py", ["--sizes", "2500,25000,250000"], "metrics.md"),
    ("bench_analysis.py", [], "analysis.md"),
    ("bench_mixing.py", ["--sizes", "2500", "25000"], "mixing.md"),
    ("bench_opportunities.py", [], "opportunities.md"),
    ("bench_render.py", ["--repeat", "3"], "render.md"),
    ("bench_image.py", ["--sizes", "250", "2500", "5000", "--repeat", "3"], "image.md"),
    ("bench_app.py", ["--sizes", "250,2500,25000", "--visits", "8"], "app.md"),
    ("bench_report.py", [], "report.md"),
    ("bench_sirene.py", ["--rows", "40000000"], "sirene.md"),
    ("bench_workspace.py", [], "workspace.md"),
    ("bench_survey.py", [], "survey.md"),
    ("bench_survey_form.py", ["--visits", "8"], "survey_form.md"),
]


def gather() -> None:
    """Rewrite the part of docs/PERFORMANCE.md below MARKER from bench/results/."""
    text = DOC.read_text(encoding="utf-8")
    head = text.split(MARKER)[0].rstrip() + "\n\n" + MARKER + "\n"
    parts = [head]
    for script, _args, table in RUNS:
        path = RESULTS / table
        if not path.is_file():
            parts.append(f"\n## {script}\n\nNo result yet: run `bench/{script}`.\n")
            continue
        body = path.read_text(encoding="utf-8").strip()
        # the page's own sections are level 2: a table's title becomes level 2, its parts 3
        level = min(len(m.group(1)) for m in re.finditer(r"^(#+) ", body, flags=re.M))
        body = re.sub(
            r"^(#+) ",
            lambda m, top=level: "#" * (len(m.group(1)) - top + 2) + " ",
            body,
            flags=re.M,
        )
        first, _, rest = body.partition("\n")
        parts.append(
            f"\n{first}\n\n_Script `bench/{script}`, table `bench/results/{table}`._\n{rest}\n"
        )
    DOC.write_text("".join(parts), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gather", action="store_true", help="only gather existing tables")
    args = parser.parse_args(argv)
    if not args.gather:
        RESULTS.mkdir(parents=True, exist_ok=True)
        for script, extra, table in RUNS:
            cmd = [
                sys.executable,
                str(ROOT / "bench" / script),
                *extra,
                "--out",
                str(RESULTS / table),
            ]
            print("$", " ".join(cmd), flush=True)
            subprocess.run(cmd, check=True, cwd=ROOT)
    gather()
    print(f"gathered into {DOC.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
