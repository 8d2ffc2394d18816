"""Does a generic CSV dialect detector beat ess_graph's own header-and-separator search?

Issue 10 asked to consider a well-kept dialect detector (clevercsv) instead of
hand-written sniffing, and to measure. This script builds a corpus of structures tables
as people save them (4 separators x 3 headers, English and French x no title / a title /
a title holding a separator x 2, 8 and 40 rows, with names holding separators and
quotes, quoted as spreadsheets do) and counts, for each detector, the files whose
separator is right and whose header row is right.

ess_graph (`ess_graph.io.csv_source`) looks for the line that names the table's columns
under each candidate separator, so it finds the separator and the header row together.
clevercsv (MIT) is run when it is installed (it is not a dependency of ess_graph:
``pip install clevercsv`` in a scratch environment); it finds a dialect but knows nothing
of a title line above the header.

Usage::

    .venv/bin/python bench/bench_sniff.py
"""

from __future__ import annotations

import random
import time

from ess_graph import schema
from ess_graph.io.csv_source import _find_header
from ess_graph.io.text import split_lines

NAMES = (
    "Ti Récup",
    "Atelier vélo; mobilités",
    'Le "Grand" Chantier',
    "Crêperie, coopérative",
    "Épicerie solidaire",
    "ESAT de l'Élorn",
)
HEADERS = (
    ["id", "name", "family", "sector", "territory"],
    ["Identifiant", "Nom", "Famille", "Secteur", "Pays", "Commune"],
    ["id", "nom", "statut juridique", "secteur", "territoire", "salariés", "création"],
)
TITLES = (None, "Réseau ESS du pays de Brest — mise à jour 2009", "Annuaire; version 3")


def corpus(seed: int = 2009) -> list[tuple[str, str, str, int]]:
    """(label, text, separator, index of the header line)."""
    rng = random.Random(seed)
    out = []
    for sep in (";", ",", "\t", "|"):
        for header in HEADERS:
            for title in TITLES:
                for n in (2, 8, 40):
                    rows = []
                    for i in range(n):
                        cells = [
                            f"s{i}",
                            rng.choice(NAMES),
                            rng.choice(["Association", "Coopérative", "mutuelle"]),
                            rng.choice(["culture", "sport", "insertion, emploi"]),
                            rng.choice(["Brest", "Morlaix"]),
                            "12",
                            "1987",
                        ][: len(header)]
                        rows.append(
                            sep.join(
                                '"' + c.replace('"', '""') + '"' if sep in c or '"' in c else c
                                for c in cells
                            )
                        )
                    lines = ([title] if title else []) + [sep.join(header), *rows]
                    label = f"{sep!r} {header[1]} title={title is not None} rows={n}"
                    out.append((label, "\n".join(lines) + "\n", sep, 1 if title else 0))
    return out


def ours(text: str) -> tuple[str, int]:
    sep, index, _ = _find_header(split_lines(text), schema.STRUCTURES)
    return sep, index


def clever(text: str) -> tuple[str | None, int]:
    import clevercsv

    try:
        dialect = clevercsv.Sniffer().sniff(text)
    except Exception:  # clevercsv raises on some inputs
        return None, 0
    return (dialect.delimiter if dialect else None), 0  # no notion of a title line


def main() -> None:
    cases = corpus()
    detectors = {"ess_graph": ours}
    try:
        import clevercsv  # noqa: F401

        detectors["clevercsv"] = clever
    except ImportError:
        print("clevercsv is not installed: only ess_graph is measured")
    print("| detector | files | separator right | separator and header row right | seconds |")
    print("|---|---:|---:|---:|---:|")
    for name, detect in detectors.items():
        start = time.perf_counter()
        sep_ok = both_ok = 0
        for _, text, sep, header in cases:
            got_sep, got_header = detect(text)
            sep_ok += got_sep == sep
            both_ok += got_sep == sep and got_header == header
        seconds = time.perf_counter() - start
        print(f"| {name} | {len(cases)} | {sep_ok} | {both_ok} | {seconds:.2f} |")


if __name__ == "__main__":
    main()
