"""The reference tables vendored under data/reference (Brittany's communes and EPCIs, from
Etalab's @etalab/decoupage-administratif 6.0.0): complete, consistent, and said where from.
Expected values: INSEE's Code officiel géographique and the law (sources in each test)."""

from __future__ import annotations

import csv

from ess_graph.data import reference_dir


def _rows(name: str) -> list[dict[str, str]]:
    with open(reference_dir() / name, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_every_current_commune_of_the_four_departements():
    communes = _rows("communes_bretagne.csv")
    current = [c for c in communes if c["type"] == "commune-actuelle"]
    by_dep: dict[str, int] = {}
    for c in current:
        by_dep[c["departement"]] = by_dep.get(c["departement"], 0) + 1
        assert c["code"][:2] == c["departement"] and len(c["code"]) == 5
        assert c["commune_actuelle"] == c["code"]
    # INSEE, Code officiel géographique 2024: 344 communes in Côtes-d'Armor, 277 in
    # Finistère, 332 in Ille-et-Vilaine, 249 in Morbihan (1,202 in Brittany)
    assert by_dep == {"22": 344, "29": 277, "35": 332, "56": 249}
    # INSEE's legal populations: Brittany has about 3.4 million inhabitants
    assert 3_300_000 < sum(int(c["population"]) for c in current) < 3_500_000
    # a commune nouvelle and the « commune déléguée » of its chief town share a code: a
    # code is one current commune at most, and (code, type) is unique
    assert len({c["code"] for c in current}) == len(current)
    assert len({(c["code"], c["type"]) for c in communes}) == len(communes)


def test_former_communes_point_to_a_current_one():
    communes = _rows("communes_bretagne.csv")
    current = {c["code"] for c in communes if c["type"] == "commune-actuelle"}
    former = [c for c in communes if c["type"] != "commune-actuelle"]
    assert former  # mergers since 2016 kept « communes déléguées »
    assert all(c["commune_actuelle"] in current for c in former)


def test_every_commune_is_in_an_epci_but_three_islands():
    communes = _rows("communes_bretagne.csv")
    epcis = {e["epci"]: e for e in _rows("epci_bretagne.csv")}
    without = sorted(
        c["nom"] for c in communes if c["type"] == "commune-actuelle" and not c["epci"]
    )
    # CGCT art. L5210-1-1: a single-commune island may stay outside any EPCI
    assert without == ["Ouessant", "Île-de-Bréhat", "Île-de-Sein"]
    counted: dict[str, int] = {}
    for c in communes:
        if c["epci"]:
            assert c["epci"] in epcis and c["epci_nom"] == epcis[c["epci"]]["nom"]
            if c["type"] == "commune-actuelle":
                counted[c["epci"]] = counted.get(c["epci"], 0) + 1
    assert counted == {k: int(e["communes_bretagne"]) for k, e in epcis.items()}
    # Redon Agglomération and Cap Atlantique reach over into Loire-Atlantique
    straddling = sorted(e["nom"] for e in epcis.values() if e["communes_bretagne"] != e["communes"])
    assert len(straddling) == 2 and any("Redon" in n for n in straddling)


def test_the_template_lists_every_epci_with_an_empty_territory():
    template = _rows("epci_territoire_modele.csv")
    assert [t["epci"] for t in template] == [e["epci"] for e in _rows("epci_bretagne.csv")]
    assert all(t["territory"] == "" for t in template)
    source = (reference_dir() / "SOURCE.md").read_text(encoding="utf-8")
    assert "@etalab/decoupage-administratif" in source and "6.0.0" in source and "MIT" in source


def test_the_departements_of_france_with_their_names():
    """What a SIRENE import names a territory by when no mapping to the pays is given."""
    with open(reference_dir() / "departements.csv", encoding="utf-8", newline="") as fh:
        rows = {r["code"]: r for r in csv.DictReader(fh)}
    assert rows["29"]["nom"] == "Finistère" and rows["22"]["nom"] == "Côtes-d'Armor"
    assert {r["region"] for code, r in rows.items() if code in ("22", "29", "35", "56")} == {"53"}
    assert {"2A", "2B", "971", "972", "973", "974", "976"} <= set(rows)
    assert "20" not in rows  # Corsica is two départements since 1976
    assert len(rows) >= 101
