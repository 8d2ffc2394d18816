"""The SIRENE import against files in INSEE's exact schema whose answer is counted by
hand (tests/sirene/sirene_fixtures.py says what each row is), coordinates against IGN's
published Lambert formulas, and the command's failures.
"""

from __future__ import annotations

import csv
import json
import math
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner

sys.path.insert(0, str(Path(__file__).parent))
import sirene_fixtures as F

from ess_graph.cli import main
from ess_graph.data import reference_dir
from ess_graph.io.read import read_network
from ess_graph.schema import FAMILIES
from ess_graph.sirene import SireneFileError, import_sirene
from ess_graph.sirene.codes import lambert93_to_wgs84, sector_of, sectors


@pytest.fixture
def files(tmp_path):
    return F.write_files(tmp_path)


def _by_id(result) -> pd.DataFrame:
    return result.network.structures.set_index("id")


def test_kept_rows_match_the_hand_count(files):
    result = import_sirene(*files)
    c = result.counts
    assert c["structures"] == F.EXPECTED["structures"] == c["kept"]
    assert c["in_area"] == F.EXPECTED["in_area"]
    assert c["closed"] == F.EXPECTED["closed"]
    assert c["ess_units"] == F.EXPECTED["ess_units"]
    assert c["employees"] == F.EXPECTED["employees"]
    assert c["unit_rows_read"] == len(F.units())
    assert c["establishment_rows_read"] == len(F.establishments())
    assert result.as_of == F.EXPECTED["as_of"]
    assert result.network.problems == []
    s = _by_id(result)
    expected = {
        # siret: (family, sector, employees, territory)
        "10000000100011": ("association", "action_sociale_sans_hebergement", 15, "departement_29"),
        "10000000100029": ("association", "action_sociale_sans_hebergement", 2, "departement_29"),
        "10000000200010": ("cooperative", "industrie_construction", 8, "departement_35"),
        "10000000300016": (
            "societe_commerciale_ess",
            "industrie_construction",
            0,
            "departement_56",
        ),
        "10000000400011": ("mutuelle", "finance_assurance", 75, "departement_29"),
        "10000000500017": ("fondation", "action_sociale_hebergement", 35, "departement_22"),
        "10000000700018": ("association", "autres_services", None, "departement_35"),
        "10000001000010": ("cooperative", "industrie_construction", 150, "departement_22"),
    }
    for siret, (family, sector, employees, territory) in expected.items():
        row = s.loc[siret]
        assert (row["family"], row["sector"], row["territory"]) == (family, sector, territory)
        assert (None if pd.isna(row["employees"]) else int(row["employees"])) == employees
    clubs = s[s.index.str.startswith("3000")]
    assert len(clubs) == 20 and set(clubs["commune"]) == {"Saint-Brieuc"}
    assert set(clubs["sector"]) == {"sport_loisirs"} and set(clubs["family"]) == {"association"}
    # What is left out: the closed site, Nantes, the non-ESS, the unflagged, the bad ids.
    for siret in ("10000000100037", "10000000400029", "10000000600012", "10000000800013"):
        assert siret not in s.index
    assert s.loc["10000000100029", "name"] == "ASSOCIATION TI KER — ANTENNE QUIMPER"
    assert s.loc["10000000100011", "rna"] == "W291000001"
    assert s.loc["10000000300016", "family_rule"] == "societe_ess"
    assert s.loc["10000000700018", "family_rule"] == "a_verifier"
    # A former commune's code (Binic) is placed in its current commune.
    assert s.loc["10000001000010", "commune"] == "Binic-Étables-sur-Mer"
    # Malformed identifiers: one problem each, naming the file, the line and the column.
    assert [(p.file, p.line, p.column, p.code) for p in result.problems] == [
        ("StockUniteLegale_utf8.csv", 10, "siren", "sirene_bad_siren"),
        ("StockEtablissement_utf8.csv", 5, "siret", "sirene_bad_siret"),
        ("StockEtablissement_utf8.csv", 7, "siret", "sirene_bad_siret"),
    ]
    assert result.departement_fallback == ["22", "29", "35", "56"]
    territories = result.network.territories.set_index("id")["name"].to_dict()
    assert territories["departement_29"] == "Finistère (29)"


@pytest.mark.parametrize("fmt", ["gz", "zip", "parquet"])
def test_every_format_gives_the_same_network(tmp_path, fmt):
    plain = import_sirene(*F.write_files(_mk(tmp_path / "csv")))
    other = import_sirene(*F.write_files(_mk(tmp_path / fmt), fmt))
    pd.testing.assert_frame_equal(
        _by_id(plain).sort_index(), _by_id(other).sort_index(), check_like=True
    )
    assert other.counts["closed"] == plain.counts["closed"]
    assert {p.column for p in other.problems} == {"siren", "siret"}


def _mk(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def test_a_file_saved_again_with_semicolons_is_read(tmp_path):
    units, sites = F.write_files(tmp_path)
    for path in (units, sites):
        rows = list(csv.reader(path.open(encoding="utf-8")))
        with open(path, "w", encoding="utf-8", newline="") as fh:
            csv.writer(fh, delimiter=";").writerows(rows)
    assert import_sirene(units, sites).counts["structures"] == F.EXPECTED["structures"]


def test_employers_only_and_a_list_of_communes(files):
    employers = import_sirene(*files, employers_only=True)
    assert employers.counts["structures"] == F.EXPECTED["employers_only"]
    assert employers.counts["not_employer"] == 2
    brest = import_sirene(*files, communes=["29019"])
    assert set(_by_id(brest).index) == {"10000000100011", "10000000400011"}
    finistere = import_sirene(*files, departements=["29"])
    assert set(_by_id(finistere)["territory"]) == {"departement_29"}
    assert len(finistere.network.structures) == 3


def test_a_mapping_places_structures_in_their_pays(files, tmp_path):
    mapping = tmp_path / "territoires.csv"
    mapping.write_text(
        "epci,commune,territory,territory_name\n"
        "242900314,,brest,Pays de Brest\n"
        ",29232,cornouaille,Pays de Cornouaille\n"
        "200069409,,,\n",  # an EPCI left empty in the template: ignored
        encoding="utf-8",
    )
    result = import_sirene(*files, mapping=mapping)
    s = _by_id(result)
    assert s.loc["10000000100011", "territory"] == "brest"  # Brest, in Brest Métropole
    assert s.loc["10000000400011", "territory"] == "brest"
    assert s.loc["10000000100029", "territory"] == "cornouaille"  # by its commune
    assert s.loc["10000000500017", "territory"] == "departement_22"  # not mapped
    names = result.network.territories.set_index("id")["name"].to_dict()
    assert names["brest"] == "Pays de Brest" and names["cornouaille"] == "Pays de Cornouaille"
    assert result.departement_fallback == ["22", "35", "56"]


def _ign_inverse_lambert93(x: float, y: float) -> tuple[float, float]:
    """IGN's published algorithms (NTG_71, ALG0004 and ALG0002) with the Lambert-93
    constants IGN publishes: an oracle independent of PROJ."""
    n, c, xs, ys = 0.7256077650532670, 11754255.426096, 700000.0, 12655612.049876
    e = 0.0818191910428158  # GRS80
    r = math.hypot(x - xs, y - ys)
    gamma = math.atan((x - xs) / (ys - y))
    lon = math.radians(3.0) + gamma / n
    iso = -math.log(abs(r / c)) / n
    lat = 2 * math.atan(math.exp(iso)) - math.pi / 2
    for _ in range(100):
        s = e * math.sin(lat)
        nxt = 2 * math.atan(((1 + s) / (1 - s)) ** (e / 2) * math.exp(iso)) - math.pi / 2
        if abs(nxt - lat) < 1e-14:
            break
        lat = nxt
    return math.degrees(lon), math.degrees(lat)


def test_lambert93_to_wgs84_against_ign_formulas():
    points = [(700000.0, 6600000.0), F.BREST_XY, (351000.0, 6790000.0), (1050000.0, 6840000.0),
              (650000.0, 6860000.0), (1200000.0, 6100000.0)]  # fmt: skip
    x, y = np.array([p[0] for p in points]), np.array([p[1] for p in points])
    lon, lat = lambert93_to_wgs84(x, y)
    for i, (px, py) in enumerate(points):
        want_lon, want_lat = _ign_inverse_lambert93(px, py)
        assert lon[i] == pytest.approx(want_lon, abs=1e-9)
        assert lat[i] == pytest.approx(want_lat, abs=1e-9)
    assert (lon[0], lat[0]) == pytest.approx((3.0, 46.5), abs=1e-12)  # the origin
    outside, _ = lambert93_to_wgs84(np.array([np.nan, 6_000_000.0]), np.array([1.0, 1.0]))
    assert np.isnan(outside).all()


def test_the_code_tables_cover_what_they_say():
    categories = list(csv.DictReader((reference_dir() / "sirene_categories_juridiques.csv").open()))
    assert {r["family"] for r in categories} <= set(FAMILIES)
    assert all(r["family"] == "association" for r in categories if r["code"].startswith("92"))
    assert all(
        r["family"] == "cooperative" for r in categories if "coopérative" in r["libelle"].lower()
    )
    # Every NAF rév. 2 division (01 to 99) falls in exactly one sector.
    spans = {}
    for row in csv.DictReader((reference_dir() / "sirene_secteurs.csv").open(encoding="utf-8")):
        for span in row["divisions_naf"].split():
            low, _, high = span.partition("-")
            for d in range(int(low), int(high or low) + 1):
                assert d not in spans, d
                spans[d] = row["id"]
    # The 88 divisions of NAF rév. 2 (INSEE, 2008), by section.
    divisions = {
        *range(1, 4), *range(5, 10), *range(10, 34), *range(35, 40), *range(41, 44),
        *range(45, 48), *range(49, 54), 55, 56, *range(58, 64), 64, 65, 66, 68,
        *range(69, 76), *range(77, 83), 84, 85, 86, 87, 88, *range(90, 94), 94, 95, 96,
        97, 98, 99,
    }  # fmt: skip
    assert len(divisions) == 88 and divisions <= set(spans)
    assert sector_of("04.00Z") == ""
    assert len(sectors()) == 13


def test_a_missing_column_names_the_file_and_the_column(tmp_path):
    units, sites = F.write_files(tmp_path)
    frame = pd.read_csv(sites, dtype=str, keep_default_na=False)
    frame.drop(columns=["codeCommuneEtablissement"]).to_csv(sites, index=False)
    with pytest.raises(SireneFileError) as info:
        import_sirene(units, sites)
    message = info.value.message("fr")
    assert "StockEtablissement_utf8.csv" in message and "codeCommuneEtablissement" in message


@pytest.mark.parametrize(
    "content",
    [b"\x89PNG\r\n\x1a\n\x00\x00garbage", b"", b"PAR1 not really parquet"],
    ids=["binary", "empty", "fake-parquet"],
)
def test_cli_unreadable_file_is_one_line_and_exit_2(tmp_path, content):
    units, sites = F.write_files(tmp_path)
    sites.write_bytes(content)
    result = CliRunner().invoke(
        main,
        ["import", "sirene", "--unites", str(units), "--etablissements", str(sites),
         "--out", str(tmp_path / "out")],
    )  # fmt: skip
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and "StockEtablissement_utf8.csv" in lines[0]
    assert not (tmp_path / "out").exists()


def test_cli_writes_a_network_that_reads_back_and_a_second_run_changes_nothing(tmp_path):
    units, sites = F.write_files(tmp_path)
    out = tmp_path / "ess"
    args = ["import", "sirene", "--unites", str(units), "--etablissements", str(sites),
            "--out", str(out)]  # fmt: skip
    first = CliRunner().invoke(main, args)
    assert first.exit_code == 0, first.output
    assert "28 établissements de l'ESS (environ 365 salariés)" in first.output
    assert "2026-11-30" in first.output
    net = read_network(out)
    assert net.problems == [] and len(net.structures) == F.EXPECTED["structures"]
    assert net.links.empty
    tables = {p.name: p.read_bytes() for p in out.glob("*.csv")}
    metadata = json.loads((out / "sirene_import.json").read_text(encoding="utf-8"))
    assert metadata["counts"]["structures"] == 28 and metadata["as_of"] == "2026-11-30"
    second = CliRunner().invoke(main, args)
    assert second.exit_code == 0
    assert {p.name: p.read_bytes() for p in out.glob("*.csv")} == tables


def test_cli_nothing_in_the_area_is_exit_1(tmp_path):
    units, sites = F.write_files(tmp_path)
    result = CliRunner().invoke(
        main,
        ["import", "sirene", "--unites", str(units), "--etablissements", str(sites),
         "--departements", "75", "--out", str(tmp_path / "out"), "--lang", "en"],
    )  # fmt: skip
    assert result.exit_code == 1
    assert "No active establishment of an ESS unit in the area" in result.output


@pytest.mark.parametrize("encoding", ["cp1252", "utf-8"])
def test_the_rna_adds_the_associations_sirene_does_not_see(tmp_path, encoding):
    units, sites = F.write_files(tmp_path)
    waldec = F.write_rna(tmp_path, encoding)
    result = import_sirene(units, sites, rna=[waldec])
    c = result.counts
    assert (c["rna_rows_read"], c["rna_in_area"]) == (
        F.RNA_EXPECTED["read"],
        F.RNA_EXPECTED["in_area"],
    )
    assert (c["rna_added"], c["rna_merged"]) == (F.RNA_EXPECTED["added"], F.RNA_EXPECTED["merged"])
    s = _by_id(result)
    assert len(s) == F.RNA_EXPECTED["structures"]
    cercle = s.loc["W291000002"]
    assert (cercle["name"], cercle["family"], cercle["source"]) == (
        "CERCLE CELTIQUE DE BREST",
        "association",
        "RNA",
    )
    assert (cercle["territory"], cercle["commune"], int(cercle["founded"])) == (
        "departement_29",
        "Brest",
        1985,
    )
    assert s.loc["W561000006", "name"] == "ÉCOLE DE MUSIQUE DU SCORFF"  # decoded right
    # The association SIRENE has gets its object, keeps its SIRENE row and RNA number.
    assert s.loc["10000000100011", "objet"] == "Aide à domicile des personnes âgées"
    assert s.loc["10000000100011", "rna"] == "W291000001"
    for number in ("W291000004", "W441000001", "W291000001", "W351000005", "X123"):
        assert number not in s.index
    assert [(p.file, p.column, p.code) for p in result.problems][-1] == (
        "rna_waldec_20261101_dpt_29.csv",
        "id",
        "rna_bad_id",
    )
    assert result.network.problems == []


def test_cli_rna_in_a_zip(tmp_path):
    import zipfile

    units, sites = F.write_files(tmp_path, clean=True)
    waldec = F.write_rna(tmp_path)
    archive = tmp_path / "rna_waldec_20261101.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.write(waldec, waldec.name)
    result = CliRunner().invoke(
        main,
        ["import", "sirene", "--unites", str(units), "--etablissements", str(sites),
         "--rna", str(archive), "--out", str(tmp_path / "out")],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "2 sans SIRET ajoutées" in result.output
    net = read_network(tmp_path / "out")
    assert "W291000002" in set(net.structures["id"]) and net.problems == []


def test_a_row_with_a_separator_too_many_is_one_problem_and_the_rest_is_kept(tmp_path):
    """A name with a comma saved unquoted (a file edited by hand): that row is left out
    with its line; every other row is kept and the lines after it stay right."""
    units, sites = F.write_files(tmp_path)
    lines = sites.read_text(encoding="utf-8").splitlines(keepends=True)
    broken = lines[2].rstrip("\n").replace("ANTENNE QUIMPER", "ANTENNE, QUIMPER") + "\n"
    assert broken.count(",") == lines[2].count(",") + 1
    sites.write_text("".join([lines[0], lines[1], broken, *lines[3:]]), encoding="utf-8")
    result = import_sirene(units, sites)
    assert result.counts["structures"] == F.EXPECTED["structures"] - 1
    assert "10000000100029" not in _by_id(result).index
    found = [(p.file, p.line, p.column, p.code) for p in result.problems]
    assert ("StockEtablissement_utf8.csv", 3, "", "sirene_bad_line") in found
    # The malformed sirets below it keep their own lines (5 and 7).
    assert ("StockEtablissement_utf8.csv", 5, "siret", "sirene_bad_siret") in found
    assert ("StockEtablissement_utf8.csv", 7, "siret", "sirene_bad_siret") in found
