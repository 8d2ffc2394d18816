"""Write Brittany's communes and intercommunalities (EPCI) from Etalab's open data.

Source: the npm package ``@etalab/decoupage-administratif`` (MIT licence, Etalab), a
pinned version whose tarball is checked against its published sha512 integrity before
anything is read from it. Writes, under ``data/reference/`` (installed as
``ess_graph.data.reference``):

- ``communes_bretagne.csv``: every commune of the four départements of Brittany (22, 29,
  35, 56), current communes first-class and the former ones a merger kept as « communes
  déléguées » or « associées » (SIRENE may still carry their codes): ``code`` (INSEE),
  ``nom``, ``departement``, ``type`` (``commune-actuelle``, ``commune-deleguee``,
  ``commune-associee``; a commune nouvelle and the déléguée of its chief town share a
  code, so (code, type) is the key), ``commune_actuelle`` (the current commune it belongs to: itself
  for a current commune), ``epci`` (SIREN of its intercommunality, "" for the three
  island communes outside any: Île-de-Bréhat, Île-de-Sein, Ouessant), ``epci_nom``,
  ``population`` (municipal population of a current commune), ``codes_postaux``
  (joined by ``|``);
- ``epci_bretagne.csv``: every EPCI with at least one commune in Brittany: ``epci``,
  ``nom``, ``type`` (CA, CC, CU, METRO), ``communes_bretagne`` (its communes in
  Brittany), ``communes`` (all its communes), ``population`` (municipal population);
- ``epci_territoire_modele.csv``: the same EPCIs with an empty ``territory`` column, the
  template a coordinator fills to say which pays (territory id of the network) each EPCI
  belongs to;
- ``departements.csv``: every département of France (``code``, ``nom``, ``region``): the
  territory a SIRENE import gives a structure when no mapping to the pays is given;
- ``SOURCE.md``: package, version, tarball, integrity, licence, the date it was written.

Nothing is fetched when ess_graph runs: only this script uses the network (``npm pack``),
and only when run by hand::

    .venv/bin/python scripts/vendor_communes.py                 # npm pack, then write
    .venv/bin/python scripts/vendor_communes.py --tarball FILE  # from a tarball at hand
"""

from __future__ import annotations

import argparse
import base64
import csv
import datetime as dt
import hashlib
import json
import subprocess
import tarfile
import tempfile
from pathlib import Path

PACKAGE = "@etalab/decoupage-administratif"
VERSION = "6.0.0"
TARBALL = (
    "https://registry.npmjs.org/@etalab/decoupage-administratif/-/decoupage-administratif-6.0.0.tgz"
)
INTEGRITY = "sha512-XavYsFlbcM/prKr8hNHPKER94IHw/dsxNM4nxjWMYk6PLFACpEedvn/7wK8Baozm0dCYhWWcf+7bcWpA5pmCaQ=="
DEPARTEMENTS = ("22", "29", "35", "56")
OUT = Path(__file__).resolve().parent.parent / "data" / "reference"


def fetch(folder: Path) -> Path:
    """``npm pack`` the pinned version into `folder`; the tarball's path."""
    subprocess.run(
        ["npm", "pack", f"{PACKAGE}@{VERSION}", "--silent"],
        cwd=folder,
        check=True,
        capture_output=True,
    )
    (tarball,) = folder.glob("*.tgz")
    return tarball


def check(tarball: Path) -> None:
    digest = base64.b64encode(hashlib.sha512(tarball.read_bytes()).digest()).decode()
    if f"sha512-{digest}" != INTEGRITY:
        raise SystemExit(f"{tarball}: integrity {digest!r} is not the published {INTEGRITY!r}")


def read(tarball: Path, name: str) -> list[dict]:
    with tarfile.open(tarball) as archive:
        member = archive.extractfile(f"package/data/{name}")
        if member is None:
            raise SystemExit(f"{tarball}: no package/data/{name}")
        return json.load(member)


def write(tarball: Path, out: Path = OUT) -> list[Path]:
    check(tarball)
    communes = [c for c in read(tarball, "communes.json") if c.get("departement") in DEPARTEMENTS]
    epcis = read(tarball, "epci.json")
    epci_of = {m["code"]: e for e in epcis for m in e["membres"]}
    order = {"commune-actuelle": 0, "commune-deleguee": 1, "commune-associee": 2}
    communes.sort(key=lambda c: (order.get(c["type"], 3), c["code"]))
    out.mkdir(parents=True, exist_ok=True)
    written = []
    path = out / "communes_bretagne.csv"
    with open(path, "w", newline="", encoding="utf-8") as fh:
        rows = csv.writer(fh, lineterminator="\n")
        rows.writerow(
            ["code", "nom", "departement", "type", "commune_actuelle", "epci", "epci_nom",
             "population", "codes_postaux"]
        )  # fmt: skip
        for c in communes:
            current = c["code"] if c["type"] == "commune-actuelle" else c.get("chefLieu", "")
            epci = epci_of.get(current)
            rows.writerow(
                [
                    c["code"],
                    c["nom"],
                    c["departement"],
                    c["type"],
                    current,
                    epci["code"] if epci else "",
                    epci["nom"] if epci else "",
                    c.get("population", "") if c["type"] == "commune-actuelle" else "",
                    "|".join(c.get("codesPostaux", [])),
                ]
            )
    written.append(path)
    here = {c["code"] for c in communes if c["type"] == "commune-actuelle"}
    mine = sorted(
        (e for e in epcis if any(m["code"] in here for m in e["membres"])), key=lambda e: e["code"]
    )
    path = out / "epci_bretagne.csv"
    with open(path, "w", newline="", encoding="utf-8") as fh:
        rows = csv.writer(fh, lineterminator="\n")
        rows.writerow(["epci", "nom", "type", "communes_bretagne", "communes", "population"])
        for e in mine:
            inside = sum(1 for m in e["membres"] if m["code"] in here)
            rows.writerow(
                [
                    e["code"],
                    e["nom"],
                    e["type"],
                    inside,
                    len(e["membres"]),
                    e.get("populationMunicipale", ""),
                ]
            )
    written.append(path)
    path = out / "epci_territoire_modele.csv"
    with open(path, "w", newline="", encoding="utf-8") as fh:
        rows = csv.writer(fh, lineterminator="\n")
        rows.writerow(["epci", "nom", "territory"])
        for e in mine:
            rows.writerow([e["code"], e["nom"], ""])
    written.append(path)
    path = out / "departements.csv"
    with open(path, "w", newline="", encoding="utf-8") as fh:
        rows = csv.writer(fh, lineterminator="\n")
        rows.writerow(["code", "nom", "region"])
        for d in sorted(read(tarball, "departements.json"), key=lambda d: d["code"]):
            rows.writerow([d["code"], d["nom"], d.get("region", "")])
    written.append(path)
    path = out / "SOURCE.md"
    path.write_text(
        f"""# Communes and intercommunalities of Brittany

Written by `scripts/vendor_communes.py` on {dt.date.today().isoformat()} from the npm package
`{PACKAGE}` version {VERSION} (Etalab; MIT licence, © 2018-2019 Etalab; the data come from
INSEE's Code officiel géographique and the DGCL's BANATIC):

- tarball: {TARBALL}
- integrity: `{INTEGRITY}` (checked before reading)
- files read: `package/data/communes.json`, `package/data/epci.json`,
  `package/data/departements.json`

Files: `communes_bretagne.csv` (the communes of départements 22, 29, 35 and 56, current and
former « déléguées » / « associées », with their intercommunality), `epci_bretagne.csv`
(every EPCI with a commune in Brittany), `epci_territoire_modele.csv` (those EPCIs with
an empty `territory` column to fill: which pays of the network each belongs to) and
`departements.csv` (every département of France, with its region). Three
island communes belong to no EPCI (the law allows it of a single-commune island):
Île-de-Bréhat, Île-de-Sein, Ouessant. Regenerate with
`.venv/bin/python scripts/vendor_communes.py`; nothing is fetched when ess_graph runs.
""",
        encoding="utf-8",
    )
    written.append(path)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tarball", type=Path, help="a tarball of the pinned version at hand")
    args = parser.parse_args()
    if args.tarball is not None:
        for path in write(args.tarball):
            print(path)
        return
    with tempfile.TemporaryDirectory() as tmp:
        for path in write(fetch(Path(tmp))):
            print(path)


if __name__ == "__main__":
    main()
