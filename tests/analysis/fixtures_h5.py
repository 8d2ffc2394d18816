"""Small hand-made networks for the opportunities and evaluation tests (engineer H5's own
fixtures; tests/analysis/conftest.py belongs to others).

`tiny_network` is drawn here so the expected values in the tests can be checked by hand::

    pôle X (members s1, s4)        partner P1 funds s1, s2, s3      partner P2 funds s2, s4
    ties (structure links): s1–s2 (cooperation), s3–s5 (pooling), s4–s5 (cooperation)

    structure  sector      territory
    s1         culture     brest
    s2         insertion   brest
    s3         culture     brest
    s4         sport       morlaix
    s5         insertion   brest

In the typed graph without territory and sector nodes the degrees are
P1 = 3, P2 = 2, X = 2, s1 = 3 (P1, X, s2), s2 = 3 (P1, P2, s1), s3 = 2 (P1, s5),
s4 = 3 (P2, X, s5), s5 = 2 (s3, s4).
"""

from __future__ import annotations

import random

import pandas as pd

from ess_graph.network import Network

BREST = (48.390, -4.486)
MORLAIX = (48.578, -3.828)


def _links(rows: list[tuple]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["source", "target", "kind", "since", "weight"])
    frame["since"] = frame["since"].astype(float)
    frame["status"] = "confirmed"
    frame["source_of_information"] = ""
    frame["note"] = ""
    return frame


def make_network(structures: list[tuple], poles, partners, links, territories=()) -> Network:
    """A Network from plain tuples: structures (id, name, sector, territory, pole)."""
    s = pd.DataFrame(structures, columns=["id", "name", "sector", "territory", "pole"])
    s["family"] = "association"
    p = pd.DataFrame(list(poles), columns=["id", "name", "territory", "status"])
    q = pd.DataFrame(list(partners), columns=["id", "name", "kind"])
    terr = pd.DataFrame(list(territories), columns=["id", "name", "department", "lat", "lon"])
    sectors = pd.DataFrame(columns=["id", "name"])
    return Network(
        structures=s,
        poles=p,
        partners=q,
        links=_links(list(links)),
        territories=terr,
        sectors=sectors,
    )


def tiny_network() -> Network:
    return make_network(
        [
            ("s1", "Culture Un", "culture", "brest", "X"),
            ("s2", "Insertion Deux", "insertion", "brest", ""),
            ("s3", "Culture Trois", "culture", "brest", ""),
            ("s4", "Sport Quatre", "sport", "morlaix", "X"),
            ("s5", "Insertion Cinq", "insertion", "brest", ""),
        ],
        [("X", "Pôle X", "brest", "created")],
        [("P1", "Conseil régional", "region"), ("P2", "Ville de Morlaix", "commune")],
        [
            ("s1", "s2", "cooperation", 2005, 1.0),
            ("s3", "s5", "pooling", 2008, 1.0),
            ("s4", "s5", "cooperation", 2009, 2.0),
            ("P1", "s1", "funding", 2001, 1.0),
            ("P1", "s2", "funding", 2001, 1.0),
            ("P1", "s3", "funding", 2001, 1.0),
            ("P2", "s2", "funding", 2002, 1.0),
            ("P2", "s4", "funding", 2002, 1.0),
        ],
        [
            ("brest", "Brest", "29", *BREST),
            ("morlaix", "Morlaix", "29", *MORLAIX),
        ],
    )


def random_network(n: int, seed: int, *, territories: int = 4, sectors: int = 5) -> Network:
    """A seeded random network: structures in territories and sectors, one pôle per
    territory (most structures members), a few funders, ties more likely inside a
    territory, each link dated between 2000 and 2012."""
    rng = random.Random(seed)
    terr_ids = [f"t{k}" for k in range(territories)]
    structures = []
    for i in range(n):
        terr = rng.choice(terr_ids)
        pole = f"pole_{terr}" if rng.random() < 0.7 else ""
        structures.append(
            (f"s{i:04d}", f"Structure {i}", f"sec{rng.randrange(sectors)}", terr, pole)
        )
    poles = [(f"pole_{x}", f"Pôle {x}", x, "created") for x in terr_ids]
    partners = [(f"P{k}", f"Partenaire {k}", "autre") for k in range(6)]
    links = []
    for _ in range(2 * n):
        a, b = rng.sample(structures, 2)
        if a[3] != b[3] and rng.random() < 0.7:
            continue
        links.append((a[0], b[0], "cooperation", rng.randint(2000, 2012), 1.0))
    for sid, *_ in structures:
        for k in rng.sample(range(6), rng.randint(0, 2)):
            links.append((f"P{k}", sid, "funding", rng.randint(2000, 2012), 1.0))
    coords = [(x, x.upper(), "", 48.0 + 0.3 * k, -4.0 + 0.4 * k) for k, x in enumerate(terr_ids)]
    return make_network(structures, poles, partners, links, coords)
