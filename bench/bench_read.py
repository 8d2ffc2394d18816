"""How fast does `ess_graph.io.read.read_network` read and validate large CSV networks,
and how much memory does it need?

Writes synthetic networks as French Excel saves them (`;` separators, decimal commas in
coordinates and weights, UTF-8) of growing size, reads each one in a fresh subprocess, and
records the wall time of `read_network` and the peak resident memory of that process
(``VmHWM``, or ``ru_maxrss`` where /proc is missing), next to the memory the process held just after its imports.

Usage::

    .venv/bin/python bench/bench_read.py                 # sizes up to 25,000 structures
    .venv/bin/python bench/bench_read.py --max 250000    # up to 250,000 + 1,000,000 links
    .venv/bin/python bench/bench_read.py --sizes 250:1000 --out bench/results/read.md

By default the networks come from a small numpy generator in this file (link counts are
exactly the ones the issue names); ``--generator demo`` uses the library's demo generator
(`ess_graph.demo.generate_network`, about 4 links per structure) instead.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

from ess_graph.platform_info import machine

#: (structures, links) sizes named by issue 2.
DEFAULT_SIZES: tuple[tuple[int, int], ...] = (
    (250, 1_000),
    (2_500, 10_000),
    (25_000, 100_000),
    (250_000, 1_000_000),
)

FAMILIES = ("Association", "Coopérative", "mutuelle", "fondation", "societe_commerciale_ess")
SECTORS = (
    "action sociale",
    "culture",
    "sport",
    "enseignement",
    "emploi et insertion",
    "agriculture",
    "commerce",
    "santé",
    "finance",
    "environnement",
    "hébergement",
    "autres services",
)
LINK_KINDS = ("cooperation", "pooling", "subcontracting", "Mutualisation", "sponsorship")
N_TERRITORIES = 21


def _french(x: np.ndarray, decimals: int) -> np.ndarray:
    """Numbers written with a decimal comma, as French Excel does."""
    return np.char.replace(np.char.mod(f"%.{decimals}f", x), ".", ",")


def write_synthetic(folder: Path, n_structures: int, n_links: int, seed: int = 0) -> None:
    """A valid network of the given size, CSV files with `;` and decimal commas."""
    rng = np.random.default_rng(seed)
    folder.mkdir(parents=True, exist_ok=True)
    territories = pd.DataFrame(
        {
            "id": [f"T{i:02d}" for i in range(N_TERRITORIES)],
            "name": [f"Pays {i}" for i in range(N_TERRITORIES)],
            "department": rng.choice(["22", "29", "35", "56"], N_TERRITORIES),
            "lat": _french(rng.uniform(47.3, 48.9, N_TERRITORIES), 3),
            "lon": _french(rng.uniform(-4.8, -1.0, N_TERRITORIES), 3),
        }
    )
    poles = pd.DataFrame(
        {
            "id": [f"P{i:02d}" for i in range(N_TERRITORIES)],
            "name": [f"Pôle {i}" for i in range(N_TERRITORIES)],
            "territory": territories["id"],
            "status": rng.choice(["launching", "prefiguration", "créé"], N_TERRITORIES),
        }
    )
    n_partners = 60
    partners = pd.DataFrame(
        {
            "id": [f"X{i:03d}" for i in range(n_partners)],
            "name": [f"Partenaire {i}" for i in range(n_partners)],
            "kind": rng.choice(["region", "departement", "Conseil général", "banque"], n_partners),
        }
    )
    terr = rng.integers(0, N_TERRITORIES, n_structures)
    ids = np.char.add("S", np.arange(n_structures).astype(str))
    structures = pd.DataFrame(
        {
            "id": ids,
            "name": np.char.add("Structure ", np.arange(n_structures).astype(str)),
            "family": rng.choice(FAMILIES, n_structures),
            "sector": rng.choice(SECTORS, n_structures),
            "territory": territories["id"].to_numpy()[terr],
            "pole": np.where(rng.random(n_structures) < 0.6, poles["id"].to_numpy()[terr], ""),
            "commune": "",
            "lat": _french(rng.uniform(47.3, 48.9, n_structures), 4),
            "lon": _french(rng.uniform(-4.8, -1.0, n_structures), 4),
            "employees": rng.integers(0, 300, n_structures).astype(str),
            "founded": rng.integers(1900, 2024, n_structures).astype(str),
        }
    )
    src = rng.integers(0, n_structures, n_links)
    offset = rng.integers(1, max(n_structures, 2), n_links)
    tgt = (src + offset) % n_structures  # never a self link
    links = pd.DataFrame(
        {
            "source": ids[src],
            "target": ids[tgt],
            "kind": rng.choice(LINK_KINDS, n_links),
            "since": rng.integers(1990, 2024, n_links).astype(str),
            "weight": _french(rng.choice([1.0, 1.5, 2.0, 3.0], n_links), 1),
            "source_of_information": rng.choice(["enquête", "convention", ""], n_links),
        }
    )
    for name, frame in {
        "territories": territories,
        "poles": poles,
        "partners": partners,
        "structures": structures,
        "links": links,
    }.items():
        frame.to_csv(folder / f"{name}.csv", sep=";", index=False)


def write_demo(folder: Path, n_structures: int, seed: int = 2009) -> None:
    """The library's fictional network of `n_structures`, as French Excel CSV files."""
    from ess_graph.demo import generate_network

    net = generate_network(n_structures, seed=seed)
    folder.mkdir(parents=True, exist_ok=True)
    for name, frame in net.tables().items():
        frame.to_csv(folder / f"{name}.csv", sep=";", decimal=",", index=False)


_CHILD = """
import json, resource, sys, time

def peak_kib():
    # VmHWM is reset by exec; ru_maxrss may carry the parent's peak over a fork.
    try:
        for line in open("/proc/self/status"):
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

from ess_graph.io.read import read_network
import pandas, numpy  # imported before the baseline is taken
base = peak_kib()
def cpu():
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime
c0 = cpu()
t0 = time.perf_counter()
net = read_network(sys.argv[1])
seconds = time.perf_counter() - t0
cpu_seconds = cpu() - c0
peak = peak_kib()
print(json.dumps({
    "seconds": seconds, "cpu_seconds": cpu_seconds, "baseline_kib": base, "peak_kib": peak,
    "structures": len(net.structures), "links": len(net.links),
    "errors": sum(p.severity == "error" for p in net.problems),
    "warnings": sum(p.severity == "warning" for p in net.problems),
}))
"""


def measure(folder: Path) -> dict:
    """Read `folder` in a fresh interpreter; time and peak memory of that process."""
    result = subprocess.run(
        [sys.executable, "-c", _CHILD, str(folder)],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def run(
    sizes: list[tuple[int, int]],
    out: Path | None,
    workdir: Path,
    repeat: int = 3,
    generator: str = "synthetic",
) -> str:
    rows = []
    for n_structures, n_links in sizes:
        folder = workdir / f"net_{n_structures}_{n_links}"
        t0 = time.perf_counter()
        if generator == "demo":
            write_demo(folder, n_structures)
        else:
            write_synthetic(folder, n_structures, n_links)
        written = time.perf_counter() - t0
        size_mb = sum(f.stat().st_size for f in folder.iterdir()) / 1e6
        runs = [measure(folder) for _ in range(max(repeat, 1))]
        m = min(runs, key=lambda r: r["seconds"])
        m["peak_kib"] = max(r["peak_kib"] for r in runs)
        m["baseline_kib"] = min(r["baseline_kib"] for r in runs)
        if generator == "demo":
            n_links = m["links"]  # as generated (all valid)
        row = (
            f"| {n_structures:,} | {n_links:,} | {size_mb:.1f} | {m['seconds']:.2f} | "
            f"{m['cpu_seconds']:.2f} | "
            f"{m['peak_kib'] / 1024:.0f} | {(m['peak_kib'] - m['baseline_kib']) / 1024:.0f} | "
            f"{m['structures']:,} / {m['links']:,} | {m['errors']} / {m['warnings']} |"
        )
        print(row, f"(written in {written:.1f} s)", flush=True)
        rows.append(row)
    text = "\n".join(
        [
            "# Reading and validating CSV networks (`read_network`)",
            "",
            f"Date: {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC  ",
            f"Machine: {machine('pandas', 'numpy')}  ",
            "Command: `.venv/bin/python bench/bench_read.py " + " ".join(sys.argv[1:]) + "`",
            "",
            (
                "Networks of `ess_graph.demo.generate_network` (links as generated)"
                if generator == "demo"
                else "Synthetic networks of this script (French labels for some families and kinds)"
            ),
            "written as French Excel saves them (`;`, decimal commas), read in a",
            f"fresh process, best wall time of {max(repeat, 1)} runs (the machine is shared, so",
            "wall times vary with its load; *CPU s* is user + system time of that run, all",
            "threads, which varies less). *Peak*",
            "is the reading process's maximum resident memory; *added* is the peak minus the",
            "memory held after importing pandas and ess_graph.",
            "",
            "| structures | links | CSV MB | seconds | CPU s | peak MiB | added MiB | kept (structures / links) | errors / warnings |",
            "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
            *rows,
            "",
        ]
    )
    if out is not None:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8")
    return text


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--max",
        type=int,
        default=25_000,
        help="largest number of structures among the default sizes (default 25000)",
    )
    parser.add_argument(
        "--sizes",
        nargs="*",
        help="explicit sizes as STRUCTURES:LINKS (overrides --max)",
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=Path(__file__).parent / "results" / "read.md",
        help="markdown file to write (default bench/results/read.md)",
    )
    parser.add_argument(
        "--generator",
        choices=["synthetic", "demo"],
        default="synthetic",
        help="synthetic: this script's writer (exact link counts); demo: ess_graph.demo",
    )
    parser.add_argument("--repeat", type=int, default=3, help="runs per size (best time)")
    parser.add_argument("--workdir", type=Path, help="where to write the networks (temp dir)")
    args = parser.parse_args(argv)
    if args.sizes:
        sizes = [tuple(int(x) for x in s.split(":")) for s in args.sizes]
    else:
        sizes = [s for s in DEFAULT_SIZES if s[0] <= args.max]
    if args.workdir:
        print(run(sizes, args.out, args.workdir, args.repeat, args.generator))
    else:
        with tempfile.TemporaryDirectory() as tmp:
            print(run(sizes, args.out, Path(tmp), args.repeat, args.generator))


if __name__ == "__main__":
    main()
