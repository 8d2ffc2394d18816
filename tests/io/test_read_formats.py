"""Files as users really save them: French Excel CSV, UTF-8 with BOM, UTF-16, workbooks,
uploads. Expected values are read off the hand-made fixtures named in each test."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pytest

from ess_graph.io.read import read_network, read_network_from_files

FIXTURES = Path(__file__).parent / "fixtures"


def _key(p):
    return (p.file, p.line, p.column, p.code, p.severity)


# --- French Excel ------------------------------------------------------------------


def test_french_excel_folder_reads_without_problem():
    # fixtures/french_excel: cp1252, `;`, CRLF, decimal commas, non-breaking spaces
    net = read_network(FIXTURES / "french_excel")
    assert net.problems == []
    assert net.meta["csv"]["structures"] == {
        "encoding": "cp1252",
        "separator": ";",
        "header_line": 1,
    }
    s = net.structures.set_index("id")
    # structures.csv line 2: `001;A;Ateliers de l'Élorn;Coopérative;...;48,450;-4,250;1 200;1987`
    assert s.loc["001", "name"] == "Ateliers de l'Élorn"
    assert s.loc["001", "family"] == "cooperative"
    assert s.loc["001", "lat"] == 48.45
    assert s.loc["001", "lon"] == -4.25
    assert s.loc["001", "employees"] == 1200
    assert s.loc["002", "family"] == "societe_commerciale_ess"
    assert s.loc["003", "name"] == "NA"  # a name, not a missing value
    assert s.loc["001", "nom_court"] == "A"  # extra column kept as text


def test_french_excel_links():
    net = read_network(FIXTURES / "french_excel")
    links = net.links
    # links.csv: weights `2,5`, `1 000` (nbsp), empty (default 1), `0,5`;
    # since `2009`, `2 010`, `2009`, `2008`
    assert links["weight"].tolist() == [2.5, 1000.0, 1.0, 0.5]
    assert links["since"].tolist() == [2009, 2010, 2009, 2008]
    assert links["kind"].tolist() == ["cooperation", "pooling", "membership", "funding"]
    assert links["note"].tolist()[0] == "monnaie locale « Héol »"
    assert net.poles["status"].tolist() == ["created", "created"]  # "Créé", "créé"
    assert net.partners["kind"].tolist() == ["region", "departement"]
    assert net.territories["lat"].dtype == np.float64
    assert net.territories["lat"].tolist() == [48.39, 48.117]


def test_utf8_bom_folder_with_capitalised_names():
    # fixtures/utf8_bom: BOM, `;`, file `Structures.csv`, header `ID;Name;Family;...`
    net = read_network(FIXTURES / "utf8_bom")
    assert net.problems == []
    assert net.meta["csv"]["structures"]["encoding"] == "utf-8-sig"
    assert net.structures["id"].tolist() == ["s-ø1", "s-2"]
    assert net.structures["name"].tolist()[0] == "Ŀa Coop 🌱"
    assert net.links["kind"].tolist() == ["pooling"]
    assert net.meta["files"]["structures"].endswith("Structures.csv")


def test_utf16_tab_separated_as_excel_unicode_text(tmp_path):
    for name, text in {
        "structures.csv": "id\tname\tfamily\tsector\tterritory\né1\tÉcole\tassociation\tculture\tBrest\n"
        "é2\tB\tassociation\tculture\tBrest\n",
        "poles.csv": "id\tname\tterritory\tstatus\n",
        "partners.csv": "id\tname\tkind\n",
        "links.csv": "source\ttarget\tkind\né1\té2\tcooperation\n",
    }.items():
        (tmp_path / name).write_bytes(text.encode("utf-16"))
    net = read_network(tmp_path)
    assert net.problems == []
    assert net.structures["name"].tolist() == ["École", "B"]


# --- Workbooks ---------------------------------------------------------------------


def make_faulty_workbook(path: Path) -> None:
    """A workbook with the faults of the issue, one per row; `fictional` sheet included.

    Sheet `Structures` (capitalised): header on line 1, rows on lines 2..;
    no `partners` sheet; `poles` lacks its `status` column.
    """
    from datetime import datetime

    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Structures"
    ws.append(["id", "name", "family", "sector", "territory", "lat", "employees", "founded"])
    ws.append([1, "Un", "Association", "culture", "Brest", 48.4, 12, 2009])  # line 2 ok
    ws.append(["002", "NA", "SCOP", "culture", "Brest", None, 3.0, 2010.0])  # line 3 ok
    ws.append(["003", None, "association", "culture", "Brest"])  # line 4 name missing
    ws.append([1, "Doublon", "association", "culture", "Brest"])  # line 5 id 1 again
    ws.append([])  # line 6 empty
    ws.append(["004", "Quatre", "fondation", "sport", "Brest", 148.0])  # line 7 lat > 90
    ws.append(["005", "Cinq", "mutuelle", "sport", "Brest", None, 2.5])  # line 8 employees
    ws.append(["006", "Six", "mutuelle", "sport", "Brest", None, None, datetime(2009, 1, 1)])
    # line 9: a date typed in `founded` comes back as 2009-01-01: its year, 2009
    poles = wb.create_sheet("poles")
    poles.append(["id", "name", "territory"])
    poles.append(["p1", "Pôle", "Brest"])
    links = wb.create_sheet("links")
    links.append(["source", "target", "kind", "weight", "since"])
    links.append([1, 2, "cooperation", 1, 2009])  # line 2: target 2 is not "002"
    links.append([1, "002", "cooperation", 2.5, 2011])  # line 3 ok
    links.append(["002", 1, "mutualisation", "3,5", None])  # line 4 ok, decimal comma text
    links.append([1, "003", "cooperation", -1, None])  # line 5: 003 rejected, weight < 0
    wb.create_sheet("fictional").append(["These structures are fictional."])
    wb.save(path)


@pytest.fixture(scope="module")
def workbook(tmp_path_factory):
    path = tmp_path_factory.mktemp("wb") / "network.xlsx"
    make_faulty_workbook(path)
    return path


def test_workbook_faults_on_their_sheet_and_line(workbook):
    net = read_network(workbook)
    assert sorted(_key(p) for p in net.problems) == sorted(
        [
            ("Structures", 4, "name", "value_missing", "error"),
            ("Structures", 5, "id", "id_duplicated", "error"),
            ("Structures", 7, "lat", "coordinate_out_of_range", "warning"),
            ("Structures", 8, "employees", "not_an_integer", "warning"),
            ("poles", 1, "status", "column_missing", "error"),
            ("partners", 0, "", "table_missing", "error"),
            ("links", 2, "target", "endpoint_unknown", "error"),
            ("links", 5, "target", "endpoint_rejected", "error"),
            ("links", 5, "weight", "not_positive", "warning"),
        ]
    )


def test_workbook_values_and_lines(workbook):
    net = read_network(workbook)
    assert net.is_demo is True  # sheet `fictional`
    assert net.meta["fictional_text"] == "These structures are fictional."
    s = net.structures
    # int 1 -> "1", text "002" kept; 005 and 006 kept without their unusable optional values
    assert s["id"].tolist() == ["1", "002", "004", "005", "006"]
    assert s["family"].tolist() == [
        "association",
        "cooperative",
        "fondation",
        "mutuelle",
        "mutuelle",
    ]
    assert s["employees"].tolist()[1] == 3  # 3.0 -> 3
    assert s["employees"].isna().tolist()[3]
    assert s["founded"].tolist()[4] == 2009  # the date cell 2009-01-01
    assert net.meta["lines"]["structures"] == [2, 3, 7, 8, 9]
    assert net.meta["lines"]["links"] == [3, 4]
    assert net.links["weight"].tolist() == [2.5, 3.5]
    assert net.meta["files"]["structures"] == "Structures"
    assert len(net.poles) == 0


def test_unreadable_workbook_is_one_error(tmp_path):
    path = tmp_path / "broken.xlsx"
    path.write_bytes(b"PK\x03\x04 this is not a zip archive at all")
    net = read_network(path)
    assert [(p.file, p.line, p.code, p.severity) for p in net.problems] == [
        ("broken", 0, "file_unreadable", "error")
    ]
    assert len(net.structures) == 0


# --- Uploads -----------------------------------------------------------------------


def test_upload_of_csv_files_matches_reading_the_folder():
    folder = FIXTURES / "faults"
    files = {p.name.upper(): p.read_bytes() for p in folder.iterdir()}
    uploaded = read_network_from_files(files)
    direct = read_network(folder)
    # problems name the file as the user named it (STRUCTURES), otherwise identical
    assert [(p.file.lower(), *_key(p)[1:]) for p in uploaded.problems] == [
        _key(p) for p in direct.problems
    ]
    for name, frame in direct.tables().items():
        assert uploaded.tables()[name].equals(frame), name
    assert uploaded.meta["lines"] == direct.meta["lines"]


def test_upload_of_a_workbook(workbook):
    net = read_network_from_files({"network.xlsx": workbook.read_bytes()})
    assert net.is_demo is True
    assert net.structures["id"].tolist() == ["1", "002", "004", "005", "006"]
    assert ("partners", 0, "", "table_missing", "error") in [_key(p) for p in net.problems]


def test_upload_marker_and_missing_tables():
    net = read_network_from_files({"FICTIONAL.md": b"fictional", "notes.txt": b"x"})
    assert net.is_demo is True
    assert sorted(p.file for p in net.problems) == ["links", "partners", "poles", "structures"]


def test_upload_of_a_workbook_in_memory_with_header_below_a_blank_row():
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "structures"
    ws.append([])  # line 1 empty: the header is the first non-empty row
    ws.append(["id", "name", "family", "sector", "territory"])  # line 2
    ws.append(["a", "A", "association", "culture", "Brest"])  # line 3
    ws.append(["b", "B", "bogus", "culture", "Brest"])  # line 4
    for name, header in {
        "poles": ["id", "name", "territory", "status"],
        "partners": ["id", "name", "kind"],
        "links": ["source", "target", "kind"],
    }.items():
        wb.create_sheet(name).append(header)
    buffer = io.BytesIO()
    wb.save(buffer)
    net = read_network_from_files({"Réseau.XLSX": buffer.getvalue()})
    assert [_key(p) for p in net.problems] == [("structures", 4, "family", "enum_unknown", "error")]
    assert net.meta["lines"]["structures"] == [3]


# --- Odd files: never a traceback ----------------------------------------------------

_OTHER_TABLES = {
    "poles.csv": b"id,name,territory,status\n",
    "partners.csv": b"id,name,kind\n",
    "links.csv": b"source,target,kind\n",
}


def test_old_mac_line_endings(tmp_path):
    # Excel's "CSV (Macintosh)" ends lines with a lone CR
    data = b"id,name,family,sector,territory\ra,A,association,culture,Rennes\rb,B,oops,culture,X\r"
    net = read_network_from_files({**_OTHER_TABLES, "structures.csv": data})
    assert [_key(p) for p in net.problems] == [("structures", 3, "family", "enum_unknown", "error")]
    assert net.structures["id"].tolist() == ["a"]


@pytest.mark.parametrize(
    "data",
    [
        b";;;;\n;;;\n",
        b"\n\n\n",
        bytes(range(32, 256)) * 3,
        b"id,name,family,sector,territory\na,A\n",  # short row
        b"\xef\xbb\xbf",  # a BOM and nothing else
        b"\xff\xfe" + "id\tname\n".encode("utf-16-le") + b"\x00",  # odd-length UTF-16
    ],
)
def test_odd_files_give_problems_not_exceptions(data):
    net = read_network_from_files({**_OTHER_TABLES, "structures.csv": data})
    assert any(p.file == "structures" and p.severity == "error" for p in net.problems)
    assert len(net.structures) == 0
