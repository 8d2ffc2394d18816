"""From SIRENE's rows to a network: one structure per active establishment of an ESS unit.

`import_sirene` reads the two stock files (`ess_graph.sirene.read`), turns each kept
establishment into a row of the structures table (`ess_graph.sirene.codes` for family,
sector, employees and coordinates), places it in a territory (a user's table from EPCI
or commune to territory, else its département) and validates the rows through the same
path as every other source (`ess_graph.validate.validate_rows`). What each column becomes:
docs/OPEN_DATA.md.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ess_graph.data import reference_dir
from ess_graph.i18n import register
from ess_graph.network import Network
from ess_graph.problems import Problem
from ess_graph.sirene import codes
from ess_graph.sirene.read import SireneFileError, ess_units, establishments
from ess_graph.validate import validate_rows

#: Columns an import adds to the structures table (after the schema's), in this order.
EXTRA_COLUMNS: tuple[str, ...] = (
    "siret",
    "siren",
    "siege",
    "categorie_juridique",
    "family_rule",
    "naf",
    "tranche_effectifs",
    "rna",
    "etat",
    "source",
    "sirene_date",
    "objet",
)

#: Columns an import into a workspace writes on a structure it already holds: what SIRENE
#: knows. Its family, sector, territory and pôle stay as the coordinators set them.
SIRENE_OWNED: tuple[str, ...] = (
    "name",
    "commune",
    "lat",
    "lon",
    "employees",
    *(c for c in EXTRA_COLUMNS if c != "objet"),  # the RNA's, when given
)

register(
    {
        "sirene.summary": {
            "fr": "{structures} établissements de l'ESS (environ {employees} salariés) écrits dans {out} ; données SIRENE à jour au {as_of}.",
            "en": "{structures} ESS establishments (about {employees} employees) written to {out}; SIRENE data as of {as_of}.",
        },
        "sirene.nothing": {
            "fr": "Aucun établissement actif d'une unité de l'ESS dans la zone : rien n'est écrit.",
            "en": "No active establishment of an ESS unit in the area: nothing written.",
        },
        "sirene.counts": {
            "fr": "Lu : {units} unités légales, dont {ess} de l'ESS ; {sites} établissements, dont {in_area} d'une unité de l'ESS dans la zone ({closed} fermés laissés de côté{employers}).",
            "en": "Read: {units} legal units, {ess} of them ESS; {sites} establishments, {in_area} of them of an ESS unit in the area ({closed} closed left out{employers}).",
        },
        "sirene.not_employer": {
            "fr": ", {n} sans salarié laissés de côté",
            "en": ", {n} without employees left out",
        },
        "sirene.fallback": {
            "fr": "Territoire = département pour {deps} : pour les pays, donnez --territoires FICHIER (epci ou commune → territory ; modèle : epci_territoire_modele.csv dans « ess-graph where reference »).",
            "en": "Territory = département for {deps}: for the pays, give --territoires FILE (epci or commune → territory; template: epci_territoire_modele.csv in 'ess-graph where reference').",
        },
        "sirene.companies.one": {
            "fr": "{n} société commerciale de l'ESS (SA, SAS, SARL…) : une SCOP ou une SCIC sous forme de SAS serait comptée ainsi (SIRENE ne la distingue pas) ; corrigez sa famille au besoin.",
            "en": "{n} ESS commercial company (SA, SAS, SARL…): a SCOP or SCIC held as an SAS would be counted so (SIRENE does not tell it apart); correct its family where needed.",
        },
        "sirene.companies.many": {
            "fr": "{n} sociétés commerciales de l'ESS (SA, SAS, SARL…) : une SCOP ou une SCIC sous forme de SAS serait comptée ainsi (SIRENE ne la distingue pas) ; corrigez sa famille au besoin.",
            "en": "{n} ESS commercial companies (SA, SAS, SARL…): a SCOP or SCIC held as an SAS would be counted so (SIRENE does not tell it apart); correct its family where needed.",
        },
        "sirene.to_check.one": {
            "fr": "{n} structure d'une catégorie juridique non répertoriée a reçu la famille « association » par défaut : vérifiez-la (family_rule = a_verifier).",
            "en": "{n} structure of an unlisted legal category got the family 'association' by default: check it (family_rule = a_verifier).",
        },
        "sirene.to_check.many": {
            "fr": "{n} structures d'une catégorie juridique non répertoriée ont reçu la famille « association » par défaut : vérifiez-les (family_rule = a_verifier).",
            "en": "{n} structures of an unlisted legal category got the family 'association' by default: check them (family_rule = a_verifier).",
        },
        "sirene.rna": {
            "fr": "RNA : {read} associations lues, {in_area} actives dans la zone ; {added} sans SIRET ajoutées (secteur « Autres activités » à préciser), {merged} déjà dans SIRENE complétées de leur objet.",
            "en": "RNA: {read} associations read, {in_area} active in the area; {added} without a SIRET added (sector 'Other activities' to set), {merged} already in SIRENE given their object.",
        },
        "problem.rna_bad_id": {
            "fr": "numéro RNA « {value} » : W suivi de 9 caractères attendu ; association ignorée.",
            "en": "RNA number '{value}': W and 9 characters expected; association left out.",
        },
        "sirene.error.mapping_columns": {
            "fr": "{file} : il faut une colonne « territory » et une colonne « epci » ou « commune » (modèle : epci_territoire_modele.csv, « ess-graph where reference »).",
            "en": "{file}: a 'territory' column and an 'epci' or 'commune' column are needed (template: epci_territoire_modele.csv, 'ess-graph where reference').",
        },
    }
)


@dataclass
class SireneImport:
    """A network built from SIRENE, with what the import kept, left out and assumed."""

    network: Network
    #: Rows read, ESS units, establishments in the area, closed, kept, by family rule...
    counts: dict[str, Any] = field(default_factory=dict)
    #: Rows left out for a malformed identifier (file, line, column).
    problems: list[Problem] = field(default_factory=list)
    #: The latest `dateDernierTraitementEtablissement` of the rows kept ("" when absent):
    #: the data are as of that date.
    as_of: str = ""
    #: Départements whose structures got their département as territory (no mapping).
    departement_fallback: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Mapping:
    by_commune: dict[str, str]
    by_epci: dict[str, str]
    names: dict[str, str]


def read_mapping(path: str | os.PathLike[str]) -> _Mapping:
    """A table from EPCI (SIREN of the intercommunality) or commune (INSEE code) to the
    territory id of the network, as the template ``epci_territoire_modele.csv`` (filled);
    an optional ``territory_name`` column names the territories. Rows with an empty
    territory are ignored."""
    path = Path(path)
    if not path.is_file():
        raise SireneFileError("missing", file=str(path))
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, sep=None, engine="python")
    except (ValueError, UnicodeDecodeError, pd.errors.ParserError) as exc:
        raise SireneFileError("format", file=path.name, detail=str(exc).splitlines()[0]) from None
    frame.columns = [str(c).strip().lower() for c in frame.columns]
    if "territory" not in frame or not ({"epci", "commune"} & set(frame.columns)):
        raise SireneFileError("mapping_columns", file=path.name)
    frame = frame[frame["territory"].str.strip() != ""]
    by_commune: dict[str, str] = {}
    by_epci: dict[str, str] = {}
    for key, target in (("commune", by_commune), ("epci", by_epci)):
        if key in frame:
            rows = frame[frame[key].str.strip() != ""]
            target.update(zip(rows[key].str.strip(), rows["territory"].str.strip(), strict=True))
    names = {}
    if "territory_name" in frame:
        names = {
            str(a).strip(): str(b).strip()
            for a, b in zip(frame["territory"], frame["territory_name"], strict=True)
            if str(b).strip()
        }
    return _Mapping(by_commune, by_epci, names)


def _communes() -> pd.DataFrame:
    with open(reference_dir() / "communes_bretagne.csv", encoding="utf-8", newline="") as fh:
        return pd.DataFrame(list(csv.DictReader(fh)))


class _Places:
    """Where a commune code lies: its current commune, its name, its territory (the
    user's table by commune or EPCI, else the département), and the territories used."""

    def __init__(self, table: _Mapping | None) -> None:
        places = _communes()
        self.table = table
        self.current = dict(zip(places["code"], places["commune_actuelle"], strict=True))
        # a déléguée's row carries its current commune's EPCI
        self.epci_of = dict(zip(places["code"], places["epci"], strict=True))
        actual = places[places["type"] == "commune-actuelle"]
        self.commune_name = dict(zip(actual["code"], actual["nom"], strict=True))
        self.dep_names = codes.departements()
        self.territories: dict[str, dict[str, str]] = {}
        self.fallback: Counter[str] = Counter()

    def __call__(self, code: pd.Series) -> tuple[pd.Series, pd.Series]:
        """(current commune, territory) of each commune code."""
        now = code.map(lambda c: self.current.get(c, c))
        dep = code.map({c: codes.departement_of(c) for c in code.unique()})
        territory = pd.Series("", index=code.index, dtype=object)
        table = self.table
        if table is not None:
            territory = code.map(table.by_commune).fillna(now.map(table.by_commune))
            territory = territory.fillna(code.map(self.epci_of).map(table.by_epci)).fillna("")
        mapped = territory != ""
        territory = territory.where(mapped, "departement_" + dep)
        for tid, d in zip(territory[mapped], dep[mapped], strict=True):
            self.territories.setdefault(
                tid,
                {"id": tid, "name": table.names.get(tid, tid) if table else tid, "department": d},
            )
        for d in sorted(set(dep[~mapped])):
            self.territories[f"departement_{d}"] = {
                "id": f"departement_{d}",
                "name": f"{self.dep_names.get(d, d)} ({d})",
                "department": d,
            }
        self.fallback.update(dep[~mapped])
        return now, territory


def import_sirene(
    units_path: str | os.PathLike[str],
    establishments_path: str | os.PathLike[str],
    *,
    departements: Sequence[str] = ("22", "29", "35", "56"),
    communes: Sequence[str] | None = None,
    employers_only: bool = False,
    mapping: str | os.PathLike[str] | None = None,
    existing: Network | None = None,
    rna: Sequence[str | os.PathLike[str]] = (),
) -> SireneImport:
    """The ESS structures of an area from INSEE's SIRENE stock files.

    Parameters
    ----------
    units_path, establishments_path : path
        ``StockUniteLegale`` and ``StockEtablissement`` (CSV, .csv.gz, .zip or Parquet).
    departements : codes
        The area: départements (``"29"``, ``"2A"``, ``"974"``).
    communes : INSEE codes, optional
        A narrower area: only these communes.
    employers_only : bool
        Keep only establishments with employees (`caractereEmployeurEtablissement` = O).
    mapping : path, optional
        EPCI or commune → territory (`read_mapping`); without it, or for a commune it does
        not cover, the territory is the département (``departement_29``), and
        ``departement_fallback`` says which.
    rna : paths, optional
        The RNA's waldec files (`ess_graph.sirene.rna`): its active associations of the
        area without a SIRET are added (id = RNA number, sector « autres activités »
        until set, ``source`` RNA); one with a siret SIRENE kept gives it its ``objet``;
        one SIRENE already has under its RNA number, or with a siret SIRENE left out
        (closed, outside the area), is not added again.
    existing : Network, optional
        The network a workspace holds, to merge into (`ess_graph.workspace.merge`): a
        structure it already has (same siret) gets only the columns SIRENE knows
        (`SIRENE_OWNED`: its family, sector, territory and pôle stay as set), a closed
        establishment it has comes in with ``etat`` F (the closing is journaled, the
        structure and its ties stay), and its territories, sectors and pôles come along
        so that every reference holds.

    Returns
    -------
    SireneImport
        ``network``: structures (one per active establishment of a legal unit flagged
        ESS, id = siret; `EXTRA_COLUMNS` after the schema's), the sectors of the
        observatories' grid, the territories used; no link (the survey and the meeting
        add them).

    Raises
    ------
    SireneFileError
        A file missing, unreadable or without its columns.
    """
    units = ess_units(units_path)
    known: dict[str, dict[str, str]] = {}
    carried: dict[str, tuple[list[str], list[dict[str, str]]]] = {}
    if existing is not None:
        from ess_graph.tables import network_rows

        carried = network_rows(existing)
        known = {r["id"]: r for r in carried["structures"][1]}
    sites = establishments(
        establishments_path,
        set(units.frame["siren"]),
        departements=departements,
        communes=communes,
        employers_only=employers_only,
        keep_closed=frozenset(known),
    )
    table = read_mapping(mapping) if mapping is not None else None

    if sites.frame.empty:
        return _empty(units, sites)
    frame = sites.frame.merge(
        units.frame.drop_duplicates("siren"), on="siren", how="left", validate="many_to_one"
    ).astype(object)
    frame = frame.fillna("")
    for column in frame.columns:
        frame[column] = frame[column].astype(str).str.strip()
    lon, lat = codes.lambert93_to_wgs84(
        pd.to_numeric(frame["coordonneeLambertAbscisseEtablissement"], errors="coerce").to_numpy(),
        pd.to_numeric(frame["coordonneeLambertOrdonneeEtablissement"], errors="coerce").to_numpy(),
    )
    dates = frame["dateDernierTraitementEtablissement"].astype(str).str[:10]
    dates = dates[dates.str.fullmatch(r"\d{4}-\d{2}-\d{2}")]
    as_of = str(dates.max()) if len(dates) else ""

    def lookup(values: pd.Series, function: Any) -> pd.Series:
        """``function`` of each value, computed once per distinct value."""
        return values.map({v: function(v) for v in values.unique()})

    rules_of = lookup(frame["categorieJuridiqueUniteLegale"], codes.family_of)
    naf = frame["activitePrincipaleEtablissement"].where(
        frame["activitePrincipaleEtablissement"] != "", frame["activitePrincipaleUniteLegale"]
    )
    code = frame["codeCommuneEtablissement"]
    place = _Places(table)
    now, territory = place(code)
    rules = Counter(rule for _family, rule in rules_of)
    employees = lookup(frame["trancheEffectifsEtablissement"], codes.employees_of)
    base = frame["denominationUniteLegale"].where(
        frame["denominationUniteLegale"] != "", frame["sigleUniteLegale"]
    )
    own = frame["enseigne1Etablissement"].where(
        frame["enseigne1Etablissement"] != "", frame["denominationUsuelleEtablissement"]
    )
    # « NAME — SIGN » when the establishment has a name of its own; its sign or siret
    # when the unit has none.
    differs = (own != "") & (own.str.casefold() != base.str.casefold())
    name = base.where(~differs, base + " — " + own)
    name = name.where(base != "", own.where(own != "", frame["siret"]))
    out = pd.DataFrame(
        {
            "id": frame["siret"],
            "name": name,
            "family": [f for f, _rule in rules_of],
            "sector": lookup(naf, codes.sector_of).replace("", "autres_services"),
            "territory": territory,
            "commune": now.map(place.commune_name).fillna(
                frame["libelleCommuneEtablissement"].str.title()
            ),
            "lat": ["" if np.isnan(v) else f"{v:.6f}" for v in lat],
            "lon": ["" if np.isnan(v) else f"{v:.6f}" for v in lon],
            "employees": ["" if e is None or e != e else int(e) for e in employees],
            "siret": frame["siret"],
            "siren": frame["siren"],
            "siege": np.where(frame["etablissementSiege"].str.lower() == "true", "oui", "non"),
            "categorie_juridique": frame["categorieJuridiqueUniteLegale"],
            "family_rule": [r for _f, r in rules_of],
            "naf": naf,
            "tranche_effectifs": frame["trancheEffectifsEtablissement"],
            "rna": frame["identifiantAssociationUniteLegale"],
            "etat": frame["etatAdministratifEtablissement"],
            "source": "SIRENE",
            "sirene_date": as_of,
            "objet": "",
        }
    )
    rna_counts: dict[str, int] = {}
    rna_problems: list[Problem] = []
    if rna:
        out, rna_counts, rna_problems = _with_rna(
            out, rna, place, departements=departements, communes=communes
        )
    rows: list[dict[str, Any]] = out.fillna("").to_dict("records")
    for i, row in enumerate(rows):
        held = known.get(row["id"])
        if held is not None:
            # What the coordinators set stays; SIRENE's own columns are brought up to date.
            rows[i] = {**held, **{c: row[c] for c in SIRENE_OWNED}}
    columns = ["id", "name", "family", "sector", "territory", "commune", "lat", "lon",
               "employees", "founded", *EXTRA_COLUMNS]  # fmt: skip
    tables = {
        "structures": (columns, rows),
        "sectors": (["id", "name"], [{"id": x.id, "name": x.name} for x in codes.sectors()]),
        "territories": (
            ["id", "name", "department"],
            sorted(place.territories.values(), key=lambda r: r["id"]),
        ),
    }
    if existing is not None:
        columns = list(dict.fromkeys([*carried["structures"][0], *columns]))
        tables["structures"] = (columns, rows)
        for name in ("sectors", "territories", "poles"):
            old_columns, old_rows = carried[name]
            new_columns, new_rows = tables.get(name, ([], []))
            have = {r["id"] for r in old_rows}
            tables[name] = (
                list(dict.fromkeys([*old_columns, *new_columns])),
                old_rows + [r for r in new_rows if r["id"] not in have],
            )
    net = validate_rows(tables, source="SIRENE", require_tables=False)
    counts: dict[str, Any] = {
        "unit_rows_read": units.rows_read,
        "ess_units": units.counts["ess_units"],
        "establishment_rows_read": sites.rows_read,
        **sites.counts,
        **rna_counts,
        "family_rules": dict(sorted(rules.items())),
        "structures": len(net.structures),
        "employees": int(
            pd.to_numeric(net.structures["employees"], errors="coerce").fillna(0).sum()
        ),
    }
    return SireneImport(
        network=net,
        counts=counts,
        problems=units.problems + sites.problems + rna_problems,
        as_of=as_of,
        departement_fallback=sorted(place.fallback),
    )


def summary_lines(result: SireneImport, out: str, lang: str = "fr") -> list[str]:
    """What the command prints: what was written, read and left out, and what to check."""
    from ess_graph.i18n import t, tn

    c = result.counts

    def n(x: int) -> str:
        text = f"{int(x):,}"
        return text.replace(",", "\u202f") if lang == "fr" else text

    lines = []
    if c.get("structures"):
        lines.append(
            t(
                "sirene.summary",
                lang,
                structures=n(c["structures"]),
                employees=n(c["employees"]),
                out=out,
                as_of=result.as_of or "—",
            )
        )
    else:
        lines.append(t("sirene.nothing", lang))
    employers = (
        t("sirene.not_employer", lang, n=n(c["not_employer"])) if c.get("not_employer") else ""
    )
    lines.append(
        t(
            "sirene.counts",
            lang,
            units=n(c["unit_rows_read"]),
            ess=n(c["ess_units"]),
            sites=n(c["establishment_rows_read"]),
            in_area=n(c["in_area"]),
            closed=n(c["closed"]),
            employers=employers,
        )
    )
    if "rna_added" in c:
        lines.append(
            t(
                "sirene.rna",
                lang,
                read=n(c["rna_rows_read"]),
                in_area=n(c["rna_in_area"]),
                added=n(c["rna_added"]),
                merged=n(c["rna_merged"]),
            )
        )
    rules = c.get("family_rules", {})
    if rules.get("societe_ess"):
        lines.append(tn("sirene.companies", rules["societe_ess"], lang, n=n(rules["societe_ess"])))
    if rules.get("a_verifier"):
        lines.append(tn("sirene.to_check", rules["a_verifier"], lang, n=n(rules["a_verifier"])))
    if result.departement_fallback and c.get("structures"):
        lines.append(t("sirene.fallback", lang, deps=", ".join(result.departement_fallback)))
    return lines


def _empty(units: Any, sites: Any) -> SireneImport:
    """Nothing kept: an empty network, with what was read."""
    net = validate_rows({}, source="SIRENE", require_tables=False)
    counts = {
        "unit_rows_read": units.rows_read,
        "ess_units": units.counts["ess_units"],
        "establishment_rows_read": sites.rows_read,
        **sites.counts,
        "family_rules": {},
        "structures": 0,
        "employees": 0,
    }
    return SireneImport(network=net, counts=counts, problems=units.problems + sites.problems)


def _with_rna(
    out: pd.DataFrame,
    paths: Sequence[str | os.PathLike[str]],
    place: _Places,
    *,
    departements: Sequence[str],
    communes: Sequence[str] | None,
) -> tuple[pd.DataFrame, dict[str, int], list[Problem]]:
    """The SIRENE structures ``out`` with the RNA's associations merged (by siret) and
    added (those without one)."""
    from ess_graph.sirene.rna import read_rna, siret_of

    extract = read_rna(paths, departements=departements, communes=communes)
    rna = extract.frame.astype(object).fillna("")
    sirets = siret_of(rna["siret"])
    has_siret = sirets != ""
    kept = dict(zip(out["id"], out.index, strict=True))
    merged = 0
    for siret, objet, number in zip(sirets[has_siret], rna["objet"][has_siret],
                                    rna["id"][has_siret], strict=True):  # fmt: skip
        i = kept.get(siret)
        if i is not None:
            out.at[i, "objet"] = str(objet).strip()
            if not out.at[i, "rna"]:
                out.at[i, "rna"] = number
            merged += 1
    known = set(out["rna"])
    new = rna[~has_siret & ~rna["id"].isin(known)]
    now, territory = place(new["adrs_codeinsee"].astype(str))
    years = new["date_creat"].astype(str).str[:4]
    added = pd.DataFrame(
        {
            "id": new["id"],
            "name": new["titre"].astype(str).str.strip(),
            "family": "association",
            "sector": "autres_services",
            "territory": territory,
            "commune": now.map(place.commune_name).fillna(new["adrs_libcommune"].str.title()),
            "founded": years.where(years.str.fullmatch(r"\d{4}"), ""),
            "family_rule": "rna",
            "rna": new["id"],
            "etat": "A",
            "source": "RNA",
            "objet": new["objet"].astype(str).str.strip(),
        }
    )
    counts = {
        "rna_rows_read": extract.counts["rna_rows_read"],
        "rna_in_area": extract.counts["rna_in_area"],
        "rna_merged": merged,
        "rna_added": len(added),
    }
    return pd.concat([out, added], ignore_index=True), counts, extract.problems


def import_metadata(result: SireneImport, **inputs: Any) -> dict[str, Any]:
    """What ``sirene_import.json`` beside the written network holds: the inputs, the date
    the data are as of, the counts and the rules used (docs/OPEN_DATA.md)."""
    from ess_graph import __version__

    return {
        "source": "INSEE, base SIRENE des entreprises et de leurs établissements (Licence Ouverte 2.0)",
        "as_of": result.as_of,
        "written": dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "ess_graph": __version__,
        "inputs": inputs,
        "counts": result.counts,
        "rows_left_out": len(result.problems),
        "departement_fallback": result.departement_fallback,
        "rules": "data/reference/SIRENE.md (ess_graph.data.reference)",
    }
