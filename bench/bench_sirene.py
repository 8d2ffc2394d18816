"""How long does `ess-graph import sirene` take on files of SIRENE's real size?

Issue 14 asks that the whole StockEtablissement (~40 million rows) be filtered to
Brittany's ESS establishments in at most 60 s and 2 GB of memory for Parquet, and for a
measured figure for CSV. This script generates a StockEtablissement of ``--rows`` rows
and a StockUniteLegale of 0.7 × that many units (INSEE's files hold ~28 and ~40 million)
in INSEE's exact schema (every column of tests/sirene/sirene_fixtures.py, most of them
empty as many are in the real files), then times `ess_graph.sirene.import_sirene` on the
four départements of Brittany in a fresh process (its peak resident memory is that
process's ``ru_maxrss``), for Parquet and for CSV.

What the generated files hold (seeded): units with siren 100000000 + i, 6 % flagged ESS
(`economieSocialeSolidaireUniteLegale` = O, legal category 9220, else 5499 or empty);
establishments of random units, siret = siren + a 5-digit nic; a commune drawn from
34,000 codes of which 1,200 are Breton (real codes of data/reference/communes_bretagne.csv,
~3.5 % of the rows, about Brittany's share of French establishments); 45 % closed (F);
a NAF code, a size bracket, Lambert-93 coordinates for half of them. Baseline: nothing
else computes this; the figure is the command's own time (read both files, filter, map
codes, validate; writing the folder is not included).

Usage::

    .venv/bin/python bench/bench_sirene.py --rows 40000000 --out bench/results/sirene.md
    .venv/bin/python bench/bench_sirene.py --rows 1000000 --formats parquet   # quick look
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "sirene"))
BATCH = 1_000_000
SEED = 2009


def _communes(rng: np.random.Generator) -> np.ndarray:
    with open(ROOT / "data" / "reference" / "communes_bretagne.csv", encoding="utf-8") as fh:
        breton = sorted({r["code"] for r in csv.DictReader(fh) if r["type"] == "commune-actuelle"})
    breton = breton[:1200]
    elsewhere = [
        f"{d:02d}{c:03d}" for d in (1, 13, 31, 33, 44, 59, 69, 75, 92, 93) for c in range(1, 3281)
    ]
    return np.array(breton + elsewhere[: 34_000 - len(breton)])


def generate(folder: Path, rows: int) -> dict[str, Path]:
    """Write StockUniteLegale and StockEtablissement (Parquet and CSV) in ``folder``."""
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.csv as pacsv
    import pyarrow.parquet as pq
    import sirene_fixtures as F

    rng = np.random.default_rng(SEED)
    n_units = int(rows * 0.7)
    communes = _communes(rng)
    breton = np.zeros(len(communes), dtype=bool)
    breton[:1200] = True
    weights = np.where(breton, 0.035 / 1200, 0.965 / (len(communes) - 1200))
    paths = {}

    def text(values) -> pa.Array:
        return pa.array(values, type=pa.string())

    def digits(values: np.ndarray, width: int) -> pa.Array:
        return pc.utf8_lpad(pc.cast(pa.array(values), pa.string()), width, "0")

    def write(name: str, header: list[str], batches) -> None:
        schema = pa.schema([(c, pa.string()) for c in header])
        pq_path, csv_path = folder / f"{name}.parquet", folder / f"{name}.csv"
        with pq.ParquetWriter(pq_path, schema) as pw, pacsv.CSVWriter(csv_path, schema) as cw:
            for columns in batches:
                length = len(next(iter(columns.values())))
                empty = pa.nulls(length, pa.string()).fill_null("")
                table = pa.table([columns.get(c, empty) for c in header], schema=schema)
                pw.write_table(table)
                cw.write_table(table)
        paths[f"{name}.parquet"], paths[f"{name}.csv"] = pq_path, csv_path

    def unit_batches():
        for start in range(0, n_units, BATCH):
            size = min(BATCH, n_units - start)
            ess = rng.random(size) < 0.06
            yield {
                "siren": digits(np.arange(start, start + size) + 100_000_000, 9),
                "economieSocialeSolidaireUniteLegale": text(np.where(ess, "O", "N")),
                "categorieJuridiqueUniteLegale": text(np.where(ess, "9220", "5499")),
                "denominationUniteLegale": text(
                    np.char.add("UNITE ", np.arange(start, start + size).astype(str))
                ),
                "activitePrincipaleUniteLegale": text(np.full(size, "94.99Z")),
                "etatAdministratifUniteLegale": text(np.full(size, "A")),
            }

    def site_batches():
        nafs = np.array(["88.10A", "94.99Z", "85.59A", "93.12Z", "47.11B", "86.21Z", "87.30A"])
        brackets = np.array(["NN", "00", "01", "02", "03", "11", "12", "21", ""])
        for start in range(0, rows, BATCH):
            size = min(BATCH, rows - start)
            siren = rng.integers(0, n_units, size) + 100_000_000
            nic = rng.integers(10, 99_999, size)
            has_xy = rng.random(size) < 0.5
            x = np.where(has_xy, rng.uniform(100_000, 1_200_000, size).round(1), np.nan)
            y = np.where(has_xy, rng.uniform(6_100_000, 7_100_000, size).round(1), np.nan)
            siren_text = digits(siren, 9)
            yield {
                "siren": siren_text,
                "nic": digits(nic, 5),
                "siret": pc.binary_join_element_wise(siren_text, digits(nic, 5), ""),
                "codeCommuneEtablissement": text(
                    communes[rng.choice(len(communes), size, p=weights)]
                ),
                "etatAdministratifEtablissement": text(np.where(rng.random(size) < 0.45, "F", "A")),
                "activitePrincipaleEtablissement": text(nafs[rng.integers(0, len(nafs), size)]),
                "trancheEffectifsEtablissement": text(
                    brackets[rng.integers(0, len(brackets), size)]
                ),
                "caractereEmployeurEtablissement": text(np.where(rng.random(size) < 0.4, "O", "N")),
                "etablissementSiege": text(np.where(rng.random(size) < 0.6, "true", "false")),
                "coordonneeLambertAbscisseEtablissement": pc.fill_null(
                    pc.cast(pa.array(x, from_pandas=True), pa.string()), ""
                ),
                "coordonneeLambertOrdonneeEtablissement": pc.fill_null(
                    pc.cast(pa.array(y, from_pandas=True), pa.string()), ""
                ),
                "dateDernierTraitementEtablissement": text(np.full(size, "2026-11-30T08:00:00")),
            }

    write("StockUniteLegale", F.UNIT_HEADER, unit_batches())
    write("StockEtablissement", F.ESTABLISHMENT_HEADER, site_batches())
    return paths


_CHILD = """
import json, resource, sys, time
from ess_graph.sirene import import_sirene
t0 = time.perf_counter()
r = import_sirene(sys.argv[1], sys.argv[2])
wall = time.perf_counter() - t0
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 / 1024
print(json.dumps({"seconds": wall, "peak_gib": peak, "structures": r.counts["structures"],
                  "in_area": r.counts["in_area"], "ess_units": r.counts["ess_units"]}))
"""


def measure(units: Path, sites: Path) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", _CHILD, str(units), str(sites)],
        check=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=40_000_000)
    parser.add_argument("--formats", nargs="+", default=["parquet", "csv"])
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--keep", type=Path, default=None, help="Generate the files there.")
    parser.add_argument(
        "--files", type=Path, default=None, help="Reuse files a former run generated there."
    )
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(dir=args.keep) as tmp:
        folder = args.files or Path(tmp)
        t0 = time.perf_counter()
        if args.files is None:
            paths = generate(folder, args.rows)
        else:
            paths = {p.name: p for p in folder.iterdir() if p.name.startswith("Stock")}
        generated = time.perf_counter() - t0
        sizes = {name: p.stat().st_size / 2**30 for name, p in paths.items()}
        print(
            f"generated in {generated:.0f} s: "
            + ", ".join(f"{k} {v:.2f} GiB" for k, v in sizes.items()),
            file=sys.stderr,
        )
        rows = []
        for fmt in args.formats:
            result = measure(paths[f"StockUniteLegale.{fmt}"], paths[f"StockEtablissement.{fmt}"])
            result |= {
                "format": fmt,
                "units_gib": sizes[f"StockUniteLegale.{fmt}"],
                "sites_gib": sizes[f"StockEtablissement.{fmt}"],
            }
            print(json.dumps(result), file=sys.stderr)
            rows.append(result)
    lines = [
        "## SIRENE import (`ess-graph import sirene`, `bench/bench_sirene.py`)",
        "",
        f"Measured {dt.date.today().isoformat()} on {platform.machine()}, Python "
        f"{platform.python_version()}: StockEtablissement of {args.rows:,} rows and "
        f"StockUniteLegale of {int(args.rows * 0.7):,} rows generated in INSEE's schema "
        "(the script's docstring says how), filtered to Brittany's four départements in a "
        "fresh process; target for Parquet: at most 60 s and 2 GB.",
        "",
        "| format | units file GiB | establishments file GiB | ESS units | in the area | "
        "kept | wall s | peak GiB |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(
            f"| {r['format']} | {r['units_gib']:.2f} | {r['sites_gib']:.2f} | "
            f"{r['ess_units']:,} | {r['in_area']:,} | {r['structures']:,} | "
            f"{r['seconds']:.1f} | {r['peak_gib']:.2f} |"
        )
    text = "\n".join(lines) + "\n"
    print(text)
    if args.out is not None:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
