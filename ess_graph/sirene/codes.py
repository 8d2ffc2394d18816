"""What a SIRENE code becomes: family, sector, employees, département, coordinates.

The three tables are shipped in ``data/reference`` (``ess_graph.data.reference_dir``) with
their sources in ``SIRENE.md`` there: legal category → family
(``sirene_categories_juridiques.csv``), NAF division → sector (``sirene_secteurs.csv``),
size bracket → employees (``sirene_tranches_effectifs.csv``). Coordinates go from
Lambert-93 (EPSG:2154, the SIRENE stock files' system in metropolitan France) to WGS84
longitude/latitude with pyproj.
"""

from __future__ import annotations

import csv
import math
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from ess_graph.data import reference_dir

#: Family of an ESS unit whose legal category is a company form not listed (5xxx, 6xxx).
COMPANY = "societe_commerciale_ess"
#: Family of an ESS unit whose legal category is neither listed nor a company form.
FALLBACK = "association"
#: How a structure's family was found (the ``family_rule`` column of an import).
FAMILY_RULES: tuple[str, ...] = ("categorie", "societe_ess", "a_verifier")


def _rows(name: str) -> list[dict[str, str]]:
    with open(reference_dir() / name, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@lru_cache(maxsize=1)
def legal_categories() -> dict[str, tuple[str, str]]:
    """Code → (label, family) of the listed legal categories."""
    return {
        r["code"]: (r["libelle"], r["family"]) for r in _rows("sirene_categories_juridiques.csv")
    }


def family_of(category: str) -> tuple[str, str]:
    """(family, rule) of an ESS unit of legal category ``category`` (module docstring).

    >>> family_of("9220"), family_of("5458"), family_of("5710"), family_of("9900")
    (('association', 'categorie'), ('cooperative', 'categorie'), ('societe_commerciale_ess', 'societe_ess'), ('association', 'a_verifier'))
    """
    known = legal_categories().get(category)
    if known is not None:
        return known[1], "categorie"
    if category[:1] in ("5", "6"):
        return COMPANY, "societe_ess"
    return FALLBACK, "a_verifier"


@dataclass(frozen=True)
class Sector:
    id: str
    name: str


@lru_cache(maxsize=1)
def sectors() -> tuple[Sector, ...]:
    """The sectors of the observatories' grid, in the table's order."""
    return tuple(Sector(r["id"], r["name"]) for r in _rows("sirene_secteurs.csv"))


@lru_cache(maxsize=1)
def _division_sector() -> dict[str, str]:
    out: dict[str, str] = {}
    for r in _rows("sirene_secteurs.csv"):
        for span in r["divisions_naf"].split():
            low, _, high = span.partition("-")
            for d in range(int(low), int(high or low) + 1):
                out[f"{d:02d}"] = r["id"]
    return out


def sector_of(naf: str) -> str:
    """The sector id of a NAF rév. 2 code (``"88.10A"``, ``"8810A"``), by its division;
    "" for a code without one.

    >>> sector_of("88.10A"), sector_of("87.30A"), sector_of("94.99Z"), sector_of("")
    ('action_sociale_sans_hebergement', 'action_sociale_hebergement', 'autres_services', '')
    """
    division = naf.strip()[:2]
    return _division_sector().get(division, "") if division.isdigit() else ""


@lru_cache(maxsize=1)
def size_brackets() -> dict[str, tuple[str, float]]:
    """Bracket code → (label, middle)."""
    return {
        r["code"]: (r["libelle"], float(r["milieu"]))
        for r in _rows("sirene_tranches_effectifs.csv")
    }


def employees_of(bracket: str) -> int | None:
    """Employees of a size bracket: its middle rounded half up; None when unknown.

    >>> [employees_of(b) for b in ("NN", "00", "01", "02", "11", "53", "", "xx")]
    [0, 0, 2, 4, 15, 10000, None, None]
    """
    known = size_brackets().get(bracket)
    return None if known is None else math.floor(known[1] + 0.5)


@lru_cache(maxsize=1)
def departements() -> dict[str, str]:
    """Code → name of every département of France (``departements.csv``)."""
    return {r["code"]: r["nom"] for r in _rows("departements.csv")}


def departement_of(commune: str) -> str:
    """The département of an INSEE commune code: 2 characters (``29019`` → ``29``,
    ``2A004`` → ``2A``), 3 overseas (``97411`` → ``974``).

    >>> departement_of("29019"), departement_of("2A004"), departement_of("97411")
    ('29', '2A', '974')
    """
    return commune[:3] if commune.startswith("97") else commune[:2]


@lru_cache(maxsize=1)
def _lambert93() -> object:
    from pyproj import Transformer

    return Transformer.from_crs("EPSG:2154", "EPSG:4326", always_xy=True)


#: Lambert-93 covers metropolitan France: coordinates outside these bounds (metres; the
#: EPSG:2154 area of use with a margin) are not converted (overseas establishments carry
#: coordinates in their own local system).
LAMBERT93_BOUNDS = (-400_000.0, 5_900_000.0, 1_400_000.0, 7_300_000.0)


def lambert93_to_wgs84(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(longitude, latitude) in degrees of Lambert-93 points; NaN where a point is missing
    or outside metropolitan France.

    >>> lon, lat = lambert93_to_wgs84(np.array([700000.0]), np.array([6600000.0]))
    >>> round(float(lon[0]), 9), round(float(lat[0]), 9)  # the projection's origin
    (3.0, 46.5)
    """
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    x0, y0, x1, y1 = LAMBERT93_BOUNDS
    inside = (x >= x0) & (x <= x1) & (y >= y0) & (y <= y1)
    lon = np.full(x.shape, np.nan)
    lat = np.full(x.shape, np.nan)
    if inside.any():
        lon[inside], lat[inside] = _lambert93().transform(x[inside], y[inside])  # type: ignore[attr-defined]
    return lon, lat
