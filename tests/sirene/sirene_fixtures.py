"""SIRENE stock files in INSEE's exact schema, small enough to count by hand.

Column names and order: INSEE's stock files ``StockUniteLegale`` and
``StockEtablissement`` as published (« dessin des fichiers », with the NAF 2025 columns
added in 2025). Values use INSEE's codes: legal categories (niveau III), NAF rév. 2,
size brackets, ``O``/``N`` flags, ``A``/``F`` states, ``true``/``false`` for the head
office.

The network they hold (`EXPECTED` says what an import of 22, 29, 35 and 56 must keep):

- ten named legal units: an association with three establishments (Brest, a Quimper
  branch with its own sign, and a closed one), a SCOP SARL, a SCIC held as an SAS, a
  mutuelle with one establishment in Brest and one in Nantes (outside), a foundation,
  a non-ESS garage, a 9900 unit flagged ESS (family by the fallback rule), an
  association without the ESS flag, a malformed siren, an agricultural cooperative
  whose establishment carries the code of a former commune (Binic, now
  Binic-Étables-sur-Mer);
- two malformed sirets (13 digits; not starting with the siren);
- 200 non-ESS companies in Finistère (all left out);
- 60 ESS sports associations, alternately in Saint-Brieuc (22) and Nantes (44), every
  third of those in Saint-Brieuc closed: 30 in the area, 10 closed, 20 kept.
"""

from __future__ import annotations

import csv
import gzip
import zipfile
from pathlib import Path


def _header(line: str) -> list[str]:
    """The column names of a header line as INSEE writes it."""
    return line.split(",")


UNIT_HEADER = _header(
    "siren,statutDiffusionUniteLegale,unitePurgeeUniteLegale,dateCreationUniteLegale,"
    "sigleUniteLegale,sexeUniteLegale,prenom1UniteLegale,prenom2UniteLegale,prenom3UniteLegale,"
    "prenom4UniteLegale,prenomUsuelUniteLegale,pseudonymeUniteLegale,"
    "identifiantAssociationUniteLegale,trancheEffectifsUniteLegale,anneeEffectifsUniteLegale,"
    "dateDernierTraitementUniteLegale,nombrePeriodesUniteLegale,categorieEntreprise,"
    "anneeCategorieEntreprise,dateDebut,etatAdministratifUniteLegale,nomUniteLegale,"
    "nomUsageUniteLegale,denominationUniteLegale,denominationUsuelle1UniteLegale,"
    "denominationUsuelle2UniteLegale,denominationUsuelle3UniteLegale,"
    "categorieJuridiqueUniteLegale,activitePrincipaleUniteLegale,"
    "nomenclatureActivitePrincipaleUniteLegale,nicSiegeUniteLegale,"
    "economieSocialeSolidaireUniteLegale,societeMissionUniteLegale,"
    "caractereEmployeurUniteLegale,activitePrincipaleNAF25UniteLegale"
)

ESTABLISHMENT_HEADER = _header(
    "siren,nic,siret,statutDiffusionEtablissement,dateCreationEtablissement,"
    "trancheEffectifsEtablissement,anneeEffectifsEtablissement,"
    "activitePrincipaleRegistreMetiersEtablissement,dateDernierTraitementEtablissement,"
    "etablissementSiege,nombrePeriodesEtablissement,complementAdresseEtablissement,"
    "numeroVoieEtablissement,indiceRepetitionEtablissement,dernierNumeroVoieEtablissement,"
    "indiceRepetitionDernierNumeroVoieEtablissement,typeVoieEtablissement,"
    "libelleVoieEtablissement,codePostalEtablissement,libelleCommuneEtablissement,"
    "libelleCommuneEtrangerEtablissement,distributionSpecialeEtablissement,"
    "codeCommuneEtablissement,codeCedexEtablissement,libelleCedexEtablissement,"
    "codePaysEtrangerEtablissement,libellePaysEtrangerEtablissement,"
    "identifiantAdresseEtablissement,coordonneeLambertAbscisseEtablissement,"
    "coordonneeLambertOrdonneeEtablissement,complementAdresse2Etablissement,"
    "numeroVoie2Etablissement,indiceRepetition2Etablissement,typeVoie2Etablissement,"
    "libelleVoie2Etablissement,codePostal2Etablissement,libelleCommune2Etablissement,"
    "libelleCommuneEtranger2Etablissement,distributionSpeciale2Etablissement,"
    "codeCommune2Etablissement,codeCedex2Etablissement,libelleCedex2Etablissement,"
    "codePaysEtranger2Etablissement,libellePaysEtranger2Etablissement,dateDebut,"
    "etatAdministratifEtablissement,enseigne1Etablissement,enseigne2Etablissement,"
    "enseigne3Etablissement,denominationUsuelleEtablissement,"
    "activitePrincipaleEtablissement,nomenclatureActivitePrincipaleEtablissement,"
    "caractereEmployeurEtablissement,activitePrincipaleNAF25Etablissement"
)

#: A Lambert-93 point in Brest (metres).
BREST_XY = (146_000.0, 6_836_000.0)


def _unit(siren, ess, category, name, naf="", bracket="", employer="", rna="", sigle=""):
    row = dict.fromkeys(UNIT_HEADER, "")
    row.update(
        siren=siren,
        statutDiffusionUniteLegale="O",
        dateCreationUniteLegale="2001-03-01",
        sigleUniteLegale=sigle,
        identifiantAssociationUniteLegale=rna,
        trancheEffectifsUniteLegale=bracket,
        dateDernierTraitementUniteLegale="2026-10-31T09:00:00",
        nombrePeriodesUniteLegale="2",
        dateDebut="2008-01-01",
        etatAdministratifUniteLegale="A",
        denominationUniteLegale=name,
        categorieJuridiqueUniteLegale=category,
        activitePrincipaleUniteLegale=naf,
        nomenclatureActivitePrincipaleUniteLegale="NAFRev2",
        nicSiegeUniteLegale="00011",
        economieSocialeSolidaireUniteLegale=ess,
        caractereEmployeurUniteLegale=employer,
    )
    return row


def _site(
    siret,
    siren,
    commune,
    state="A",
    naf="",
    bracket="",
    head="true",
    employer="O",
    sign="",
    xy=("", ""),
    town="",
    updated="2026-11-28T08:30:00",
):
    row = dict.fromkeys(ESTABLISHMENT_HEADER, "")
    row.update(
        siren=siren,
        nic=siret[9:],
        siret=siret,
        statutDiffusionEtablissement="O",
        dateCreationEtablissement="2001-03-01",
        trancheEffectifsEtablissement=bracket,
        anneeEffectifsEtablissement="2023" if bracket else "",
        dateDernierTraitementEtablissement=updated,
        etablissementSiege=head,
        nombrePeriodesEtablissement="1",
        libelleCommuneEtablissement=town,
        codeCommuneEtablissement=commune,
        coordonneeLambertAbscisseEtablissement=str(xy[0]),
        coordonneeLambertOrdonneeEtablissement=str(xy[1]),
        dateDebut="2001-03-01",
        etatAdministratifEtablissement=state,
        enseigne1Etablissement=sign,
        activitePrincipaleEtablissement=naf,
        nomenclatureActivitePrincipaleEtablissement="NAFRev2",
        caractereEmployeurEtablissement=employer,
    )
    return row


def units() -> list[dict[str, str]]:
    rows = [
        _unit("100000001", "O", "9220", "ASSOCIATION TI KER", "88.10A", "11", "O", "W291000001"),
        _unit("100000002", "O", "5458", "SCOP LES MENUISIERS", "16.23Z", "03", "O"),
        _unit("100000003", "O", "5710", "SCIC ENERGIES CITOYENNES", "35.11Z", "NN", "N"),
        _unit("100000004", "O", "8210", "MUTUELLE DU LEON", "65.12Z", "21", "O"),
        _unit("100000005", "O", "9300", "FONDATION AR MOR", "87.30A", "12", "O"),
        _unit("100000006", "N", "5499", "GARAGE DUPONT", "45.20A", "02", "O"),
        _unit("100000007", "O", "9900", "GROUPEMENT ATYPIQUE", "94.99Z", "", "N"),
        _unit("100000008", "", "9220", "ASSOCIATION SANS DRAPEAU", "94.99Z", "01", "O"),
        _unit("12345", "O", "9220", "SIREN FAUX", "94.99Z"),
        _unit("100000010", "O", "6317", "COOP LAITIERE", "10.51A", "22", "O"),
    ]
    rows += [
        _unit(f"2000{i:05d}", "N", "5499", f"ENTREPRISE {i}", "47.11B", "01", "O")
        for i in range(200)
    ]
    rows += [
        _unit(f"3000{i:05d}", "O", "9220", f"CLUB SPORTIF {i}", "93.12Z", "02", "O")
        for i in range(60)
    ]
    return rows


def establishments() -> list[dict[str, str]]:
    rows = [
        _site("10000000100011", "100000001", "29019", naf="88.10A", bracket="11", xy=BREST_XY),
        _site(
            "10000000100029",
            "100000001",
            "29232",
            naf="88.10A",
            bracket="01",
            head="false",
            sign="ANTENNE QUIMPER",
        ),
        _site("10000000100037", "100000001", "29019", state="F", naf="88.10A", head="false"),
        _site("1000000019999", "100000001", "29019", naf="88.10A", head="false"),  # 13 digits
        _site("10000000200010", "100000002", "35238", naf="16.23Z", bracket="03"),
        _site("99999999900011", "100000002", "35238", naf="16.23Z", head="false"),  # not its siren
        _site("10000000300016", "100000003", "56121", naf="35.11Z", bracket="NN", employer="N"),
        _site("10000000400011", "100000004", "29019", naf="65.12Z", bracket="21"),
        _site("10000000400029", "100000004", "44109", naf="65.12Z", bracket="03", head="false"),
        _site("10000000500017", "100000005", "22278", naf="87.30A", bracket="12"),
        _site("10000000600012", "100000006", "29019", naf="45.20A", bracket="02"),
        _site("10000000700018", "100000007", "35238", naf="94.99Z", employer="N"),
        _site("10000000800013", "100000008", "29019", naf="94.99Z", bracket="01"),
        _site(
            "10000001000010",
            "100000010",
            "22007",
            naf="10.51A",
            bracket="22",
            town="BINIC-ETABLES-SUR-MER",
            updated="2026-11-30T17:45:12",
        ),
    ]
    rows += [
        _site(f"2000{i:05d}00011", f"2000{i:05d}", "29019", naf="47.11B", bracket="01")
        for i in range(200)
    ]
    rows += [
        _site(
            f"3000{i:05d}00011",
            f"3000{i:05d}",
            "22278" if i % 2 == 0 else "44109",
            state="F" if i % 2 == 0 and (i // 2) % 3 == 0 else "A",
            naf="93.12Z",
            bracket="02",
        )
        for i in range(60)
    ]
    return rows


#: What an import of the four départements of Brittany keeps (from the list above).
EXPECTED = {
    "structures": 28,  # 8 named establishments + 20 sports associations
    "in_area": 39,  # + the closed association site + 10 closed clubs
    "closed": 11,
    "employers_only": 26,  # without the SCIC's (N) and the 9900 unit's (N)
    "ess_units": 67,  # 7 named units flagged O with a good siren + 60 clubs
    "employees": 15 + 2 + 8 + 0 + 75 + 35 + 150 + 20 * 4,
    "as_of": "2026-11-30",
}


def write_csv(path: Path, header: list[str], rows: list[dict[str, str]]) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return path


def write_files(folder: Path, fmt: str = "csv", *, clean: bool = False) -> tuple[Path, Path]:
    """The two stock files in ``folder``: ``csv``, ``gz``, ``zip`` (as downloaded) or
    ``parquet``; ``clean``: without the three malformed identifiers."""
    unit_rows, site_rows = units(), establishments()
    if clean:
        unit_rows = [r for r in unit_rows if len(r["siren"]) == 9]
        site_rows = [r for r in site_rows if r["siret"][:9] == r["siren"] and len(r["siret"]) == 14]
    u = write_csv(folder / "StockUniteLegale_utf8.csv", UNIT_HEADER, unit_rows)
    e = write_csv(folder / "StockEtablissement_utf8.csv", ESTABLISHMENT_HEADER, site_rows)
    if fmt == "csv":
        return u, e
    out = []
    for path in (u, e):
        if fmt == "gz":
            target = path.with_suffix(".csv.gz")
            target.write_bytes(gzip.compress(path.read_bytes()))
        elif fmt == "zip":
            target = path.with_suffix(".zip")
            with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as z:
                z.write(path, path.name)
        elif fmt == "parquet":
            import pyarrow.csv as pacsv
            import pyarrow.parquet as pq

            names = UNIT_HEADER if "Unite" in path.name else ESTABLISHMENT_HEADER
            options = pacsv.ConvertOptions(
                column_types=dict.fromkeys(names, __import__("pyarrow").string())
            )
            table = pacsv.read_csv(path, convert_options=options)
            target = path.with_suffix(".parquet")
            pq.write_table(table, target, row_group_size=50)
        else:
            raise ValueError(fmt)
        path.unlink()
        out.append(target)
    return out[0], out[1]


#: The columns of the RNA's waldec files (Ministère de l'Intérieur, data.gouv.fr).
RNA_HEADER = _header(
    "id,id_ex,siret,rup_mi,gestion,date_creat,date_decla,date_publi,date_disso,nature,"
    "groupement,titre,titre_court,objet,objet_social1,objet_social2,adrs_complement,"
    "adrs_numvoie,adrs_repetition,adrs_typevoie,adrs_libvoie,adrs_distrib,adrs_codeinsee,"
    "adrs_codepostal,adrs_libcommune,adrg_declarant,adrg_complemid,adrg_complemgeo,"
    "adrg_libvoie,adrg_distrib,adrg_codepostal,adrg_achemine,adrg_pays,dir_civilite,"
    "siteweb,publiweb,observation,position,maj_time"
)


def _association(number, title, commune, town, *, siret="", position="A", objet="", created=""):
    row = dict.fromkeys(RNA_HEADER, "")
    row.update(
        id=number,
        siret=siret,
        gestion="291P",
        date_creat=created,
        nature="D",
        groupement="S",
        titre=title,
        objet=objet,
        objet_social1="006000",
        adrs_codeinsee=commune,
        adrs_libcommune=town,
        position=position,
        maj_time="2026-11-15 10:00:00",
    )
    return row


#: What the RNA file holds, and what an import with it must do (with `write_files`).
RNA_EXPECTED = {"read": 8, "in_area": 5, "added": 2, "merged": 1, "structures": 30}


def write_rna(folder: Path, encoding: str = "cp1252") -> Path:
    """A waldec file of eight associations (`RNA_EXPECTED`), ``;``-separated, in
    ``encoding`` as the older extracts are: two without a SIRET to add (Brest, Lorient),
    one with the siret of an establishment SIRENE keeps (its object is merged), one
    dissolved, one in Nantes, one SIRENE already has under its RNA number, one with the
    siret of an establishment SIRENE leaves out, and one malformed number."""
    rows = [
        _association("W291000002", "CERCLE CELTIQUE DE BREST", "29019", "BREST",
                     objet="Promouvoir la danse et la musique bretonnes", created="1985-03-02"),
        _association("W291000003", "ASSOCIATION TI KER", "29019", "BREST",
                     siret="10000000100011", objet="Aide à domicile des personnes âgées"),
        _association("W291000004", "CLUB DISSOUS", "29019", "BREST", position="D"),
        _association("W441000001", "AMICALE NANTAISE", "44109", "NANTES"),
        _association("W291000001", "ASSOCIATION TI KER", "29019", "BREST"),
        _association("W351000005", "ASSOCIATION SANS DRAPEAU", "29019", "BREST",
                     siret="10000000800013"),
        _association("W561000006", "ÉCOLE DE MUSIQUE DU SCORFF", "56121", "LORIENT",
                     objet="Enseignement de la musique", created="2004-09-01"),
        _association("X123", "NUMÉRO FAUX", "29019", "BREST"),
    ]  # fmt: skip
    path = folder / "rna_waldec_20261101_dpt_29.csv"
    with open(path, "w", encoding=encoding, newline="") as fh:
        writer = csv.DictWriter(fh, RNA_HEADER, delimiter=";", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return path
