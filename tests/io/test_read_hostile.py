"""Files as people really save them (issue 10): every valid row is kept, every fault is
named with its file, line and column, and the decision is taken per row, never per file.

Each test builds its file by hand; the expected lines and counts are read off the file as
a spreadsheet shows it (the header is line 1).
"""

from __future__ import annotations

import io
import unicodedata
import zipfile

import pytest

from ess_graph.io import workbook
from ess_graph.io.read import read_network, read_network_from_files

_OTHER = {
    "poles.csv": b"id,name,territory,status\n",
    "partners.csv": b"id,name,kind\n",
}
_STRUCTURES = "id;name;family;sector;territory\n" + "".join(
    f"s{i};Structure {i};association;culture;Brest\n" for i in range(1, 10)
)
_LINKS_HEADER = "source;target;kind;since;weight;note\n"


def _links(*rows: str) -> str:
    return _LINKS_HEADER + "".join(rows)


def _row(target: int, note: str = "") -> str:
    return f"s1;s{target};cooperation;2009;1;{note}\n"


def _read(links: bytes | str, structures: bytes | str = _STRUCTURES, **more: bytes):
    files = {**_OTHER, **more}
    files["structures.csv"] = structures.encode() if isinstance(structures, str) else structures
    files["links.csv"] = links.encode() if isinstance(links, str) else links
    return read_network_from_files(files)


def _key(p):
    return (p.file, p.line, p.column, p.code, p.severity)


# --- Quotes ------------------------------------------------------------------------------


def test_a_quote_never_closed_is_reported_and_the_rows_after_it_are_kept():
    # line 3 opens a quote in its note and never closes it; lines 4-8 follow
    text = _links(_row(2), _row(3, '"monnaie locale, à suivre'), *(_row(i) for i in range(4, 9)))
    net = _read(text)
    assert [_key(p) for p in net.problems] == [("links", 3, "note", "quote_unclosed", "warning")]
    assert net.meta["lines"]["links"] == [2, 3, 4, 5, 6, 7, 8]
    assert net.links["target"].tolist() == [f"s{i}" for i in range(2, 9)]
    assert net.links["note"].tolist()[1] == '"monnaie locale, à suivre'


def test_a_stray_quote_closed_by_a_later_quoted_cell_does_not_swallow_the_rows_between():
    # line 3 opens a quote; line 6 holds a properly quoted note. Read as one cell, lines
    # 3-6 would make one row: the reader must not do that.
    text = _links(
        _row(2),
        _row(3, '"stray'),
        _row(4),
        _row(5),
        _row(6, '"atelier; vélo"'),
        _row(7),
    )
    net = _read(text)
    assert [_key(p) for p in net.problems] == [("links", 3, "note", "quote_unclosed", "warning")]
    assert net.meta["lines"]["links"] == [2, 3, 4, 5, 6, 7]
    assert net.links["note"].tolist()[4] == "atelier; vélo"


def test_a_quoted_note_over_two_lines_is_one_row():
    text = _links(_row(2), _row(3, '"première ligne\nseconde ligne"'), _row(4))
    net = _read(text)
    assert net.problems == []
    assert net.meta["lines"]["links"] == [2, 3, 4]  # a spreadsheet shows three rows
    assert net.links["note"].tolist()[1] == "première ligne\nseconde ligne"


# --- Characters ----------------------------------------------------------------------------


def test_control_characters_in_notes_are_removed_with_a_warning_and_no_row_is_lost():
    # pasted from a PDF or a web form: BEL, vertical tab, ESC sequences, NUL, DEL
    text = _links(
        _row(2, "projet\x07 commun"),
        _row(3),
        _row(4, "\x1b[2Jeffacer l'écran\x0b"),
        _row(5, "nul\x00 et del\x7f"),
    )
    net = _read(text)
    assert [_key(p) for p in net.problems] == [
        ("links", 2, "note", "control_characters", "warning"),
        ("links", 4, "note", "control_characters", "warning"),
        ("links", 5, "note", "control_characters", "warning"),
    ]
    assert len(net.links) == 4
    assert net.links["note"].tolist() == [
        "projet commun",
        "",
        "[2Jeffacer l'écran",
        "nul et del",
    ]
    assert "U+001B" in net.problems[1].message("en")


def test_a_file_made_mostly_of_control_characters_is_still_binary():
    noise = bytes(range(1, 9)) * 500
    net = _read(noise)
    assert [_key(p) for p in net.problems if p.file == "links"] == [
        ("links", 0, "", "file_binary", "error")
    ]


def test_a_workbook_renamed_csv_is_named_as_such():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
    net = _read(buffer.getvalue())
    assert [_key(p) for p in net.problems if p.file == "links"] == [
        ("links", 0, "", "file_is_workbook", "error")
    ]


# --- Encodings -----------------------------------------------------------------------------


def test_one_windows_byte_in_a_utf8_file_garbles_only_its_own_line():
    structures = (
        b"id;name;family;sector;territory\n"
        + "s1;Café des Possibles;association;culture;Brest\n".encode()
        + "s2;Crêperie de l'Élorn;coopérative;culture;Brest\n".encode("cp1252")
        + "s3;Épicerie Solidaire;association;culture;Brest\n".encode()
    )
    net = _read(_links(), structures)
    assert [_key(p) for p in net.problems] == [("structures", 3, "", "line_encoding", "warning")]
    assert net.structures["name"].tolist() == [
        "Café des Possibles",
        "Crêperie de l'Élorn",
        "Épicerie Solidaire",
    ]
    assert net.structures["family"].tolist()[1] == "cooperative"
    assert net.meta["csv"]["structures"]["encoding"] == "utf-8+cp1252"


@pytest.mark.parametrize("encoding", ["cp1252", "mac_roman", "utf-16-le", "utf-16", "utf-8-sig"])
def test_a_file_in_one_encoding_reads_without_problem(encoding):
    text = "id;nom;famille;secteur;pays\ns1;Crêperie de l'Élorn;Coopérative;économie;Brest\n"
    net = _read(_links(), text.encode(encoding))
    assert [p for p in net.problems] == []
    assert net.structures["name"].tolist() == ["Crêperie de l'Élorn"]


# --- Sizes ---------------------------------------------------------------------------------


def test_a_200_kb_cell_and_an_over_long_row_lose_only_that_row():
    text = _links(
        _row(2, "x" * 200_000),
        "s1;s3;pooling;2010;2;a;b;c\n",  # line 3: two cells too many
        _row(4),
    )
    net = _read(text)
    assert [_key(p) for p in net.problems] == [("links", 3, "", "row_too_long", "error")]
    assert net.meta["lines"]["links"] == [2, 4]
    assert len(net.links["note"].tolist()[0]) == 200_000


def test_a_multi_megabyte_quoted_cell_is_kept():
    big = "ligne;\n" * 300_000  # 2 MB holding separators and line breaks
    text = _links(_row(2, f'"{big}"'), _row(3))
    net = _read(text)
    assert net.problems == []
    assert net.meta["lines"]["links"] == [2, 3]
    assert net.links["note"].tolist()[0] == big.strip()


# --- Row lengths ---------------------------------------------------------------------------


@pytest.mark.parametrize("header_end", ["", ";"])
def test_a_trailing_separator_on_every_row_keeps_every_row(header_end):
    header = "id;name;family;sector;territory" + header_end + "\n"
    rows = "".join(f"s{i};S{i};association;culture;Brest;\n" for i in range(1, 6))
    net = _read(_links(), header + rows)
    assert net.problems == []
    assert net.structures["id"].tolist() == ["s1", "s2", "s3", "s4", "s5"]
    assert net.structures["territory"].tolist() == ["Brest"] * 5


def test_a_first_row_with_one_extra_cell_is_its_own_error_and_shifts_nothing():
    text = (
        "source,target,kind,since,weight\n"
        "s1,s2,cooperation,2009,2,5\n"  # line 2: a decimal comma, one cell too many
        "s1,s3,cooperation,2010,2\n"
        "s1,s4,pooling,2011,3\n"
    )
    net = _read(text)
    assert [_key(p) for p in net.problems] == [("links", 2, "", "row_too_long", "error")]
    assert net.links[["target", "kind"]].values.tolist() == [
        ["s3", "cooperation"],
        ["s4", "pooling"],
    ]
    assert net.links["since"].tolist() == [2010, 2011]
    assert net.links["weight"].tolist() == [2.0, 3.0]


def test_a_value_under_a_header_cell_without_a_name_is_one_warning_for_its_column():
    header = "id;name;;family;sector;territory\n"
    rows = "s1;A;x;association;culture;Brest\ns2;B;;association;culture;Brest\ns3;C;y;association;culture;Brest\n"
    net = _read(_links(), header + rows)
    assert [_key(p) for p in net.problems] == [("structures", 2, "", "column_unnamed", "warning")]
    assert "2 value(s) in column 3" in net.problems[0].message("en")
    assert len(net.structures) == 3


# --- Headers and table names ---------------------------------------------------------------


def test_french_headers_and_file_names_and_a_title_line():
    files = {
        "Structures.csv": (
            "Réseau ESS du pays de Brest, mise à jour 2009;;;;\n"
            "Identifiant;Nom;Statut juridique;Secteur;Pays;Pôle;Commune\n"
            "s1;Ti Récup;Association;culture;Brest;P1;Brest\n"
            "s2;Atelier vélo;Coopérative;sport;Brest;P1;Brest\n"
        ).encode(),
        "Pôles.csv": "id;nom;territoire;statut\nP1;ADESS;Brest;créé\n".encode(),
        "partenaires.csv": "id;nom;type\nCRB;Conseil régional;Conseil régional\n".encode(),
        "LIENS.csv": (
            "source;cible;type de lien;depuis;poids;commentaire\n"
            "s1;s2;Mutualisation;2009;2;véhicule partagé\n"
            "CRB;s1;Financement;2008;;\n"
        ).encode(),
    }
    net = read_network_from_files(files)
    assert [_key(p) for p in net.problems] == [("Structures", 1, "", "title_skipped", "warning")]
    assert net.meta["lines"]["structures"] == [3, 4]
    assert net.structures[["id", "family", "territory", "pole", "commune"]].values.tolist() == [
        ["s1", "association", "Brest", "P1", "Brest"],
        ["s2", "cooperative", "Brest", "P1", "Brest"],
    ]
    assert net.links[["kind", "since", "note"]].values.tolist() == [
        ["pooling", 2009, "véhicule partagé"],
        ["funding", 2008, ""],
    ]
    assert net.poles["status"].tolist() == ["created"]


def test_two_files_for_one_table_is_an_error_naming_both():
    net = read_network_from_files(
        {
            **_OTHER,
            "structures.csv": _STRUCTURES.encode(),
            "Structures.csv": b"id;name;family;sector;territory\nold;Old;association;culture;Brest\n",
            "links.csv": _links().encode(),
        }
    )
    problems = [_key(p) for p in net.problems]
    assert problems == [("structures", 0, "", "table_ambiguous", "error")]
    message = net.problems[0].message("en")
    assert "'structures.csv' is read" in message and "'Structures.csv' is not" in message
    assert len(net.structures) == 9


def test_a_missing_table_lists_the_files_found():
    net = read_network_from_files({"structures.csv": _STRUCTURES.encode(), "notes.txt": b"x"})
    missing = [p for p in net.problems if p.code == "table_missing"]
    assert [p.file for p in missing] == ["poles", "partners", "links"]
    assert missing[0].message("en") == (
        "file or sheet 'poles' is missing (found: notes.txt, structures.csv)"
    )


# --- Per-row decisions in the validator ----------------------------------------------------


def test_an_error_in_an_optional_column_keeps_the_row_and_its_links():
    structures = (
        "id;name;family;sector;territory;employees;founded;lat\n"
        "s1;A;association;culture;Brest;douze;1990;48,39\n"
        "s2;B;association;culture;Brest;3;vers 1990;nord\n"
    )
    net = _read(_links("s1;s2;cooperation;2009;1;\n"), structures)
    assert [_key(p) for p in net.problems] == [
        ("structures", 2, "employees", "not_an_integer", "warning"),
        ("structures", 3, "founded", "not_a_year", "warning"),
        ("structures", 3, "lat", "coordinate_not_a_number", "warning"),
    ]
    assert net.structures["id"].tolist() == ["s1", "s2"]
    assert net.structures["employees"].isna().tolist() == [True, False]
    assert len(net.links) == 1  # no cascade of "unknown id"


def test_a_link_refused_because_its_end_was_rejected_says_where():
    structures = _STRUCTURES + "s10;;association;culture;Brest\n"  # line 11: no name
    net = _read(_links("s1;s10;cooperation;2009;1;\n"), structures)
    link = next(p for p in net.problems if p.file == "links")
    assert _key(link) == ("links", 2, "target", "endpoint_rejected", "error")
    assert link.message("en") == (
        "'s10' was left out (structures, line 11, in error); link left out"
    )


def test_ids_are_compared_in_nfc():
    decomposed = unicodedata.normalize("NFD", "Café-1")
    structures = (
        "id;name;family;sector;territory\n"
        f"{decomposed};Café;association;culture;Brest\n"
        "s2;B;association;culture;Brest\n"
    )
    net = _read(_links("Café-1;s2;cooperation;2009;1;\n"), structures)
    assert net.problems == []
    assert net.structures["id"].tolist()[0] == "Café-1"
    assert len(net.links) == 1


def test_an_apostrophe_that_makes_formula_text_inert_is_removed():
    structures = (
        "id;name;family;sector;territory\n"
        "s1;'=Tiers lieu;association;culture;Brest\n"
        "s2;'Tiers lieu;association;culture;Brest\n"
    )
    net = _read(_links(), structures)
    assert net.structures["name"].tolist() == ["=Tiers lieu", "'Tiers lieu"]


# --- Workbooks -----------------------------------------------------------------------------


def _workbook(build) -> bytes:
    import openpyxl

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    build(wb)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _required_sheets(wb, skip=()):
    for name, header in {
        "structures": ["id", "name", "family", "sector", "territory"],
        "poles": ["id", "name", "territory", "status"],
        "partners": ["id", "name", "kind"],
        "links": ["source", "target", "kind"],
    }.items():
        if name not in skip:
            wb.create_sheet(name).append(header)


def test_a_hidden_stale_sheet_beside_the_visible_one_is_an_error_naming_both():
    def build(wb):
        _required_sheets(wb, skip=("structures",))
        old = wb.create_sheet("Structures (ancien)")  # not a table name: ignored
        old.append(["x"])
        # a spreadsheet refuses two sheets named alike but for case: the stale copy is
        # "Structure", a name that stands for the table too
        stale = wb.create_sheet("Structure")
        stale.append(["id", "name", "family", "sector", "territory"])
        stale.append(["old", "Old", "association", "culture", "Brest"])
        stale.sheet_state = "hidden"
        current = wb.create_sheet("Structures")
        current.append(["id", "name", "family", "sector", "territory"])
        current.append(["s1", "New", "association", "culture", "Brest"])

    net = read_network_from_files({"reseau.xlsx": _workbook(build)})
    assert [_key(p) for p in net.problems] == [("Structures", 0, "", "table_ambiguous", "error")]
    assert "'Structures' is read, 'Structure' is not" in net.problems[0].message("en")
    assert net.structures["id"].tolist() == ["s1"]


def test_a_formula_without_a_saved_value_keeps_its_text_with_a_warning():
    def build(wb):
        _required_sheets(wb, skip=("structures",))
        ws = wb.create_sheet("structures")
        ws.append(["id", "name", "family", "sector", "territory"])
        ws.append(["s1", "A", "association", "culture", "Brest"])
        ws.append(["s2", '=CONCAT("Ti ","Récup")', "association", "culture", "Brest"])

    # openpyxl writes the formula without a cached value, as programs do
    net = read_network_from_files({"reseau.xlsx": _workbook(build)})
    assert [_key(p) for p in net.problems] == [
        ("structures", 3, "name", "formula_without_value", "warning")
    ]
    assert net.structures["name"].tolist() == ["A", '=CONCAT("Ti ","Récup")']


def test_french_sheet_names_and_a_title_row_in_a_workbook():
    def build(wb):
        s = wb.create_sheet("Structures")
        s.append(["Annuaire des structures du pays de Morlaix"])
        s.append([])
        s.append(["Identifiant", "Nom", "Famille", "Secteur", "Territoire"])
        s.append(["m1", "Ti Récup", "Association", "déchets", "Morlaix"])
        wb.create_sheet("Pôles").append(["Identifiant", "Nom", "Territoire", "Statut"])
        wb.create_sheet("Partenaires").append(["Identifiant", "Nom", "Type"])
        links = wb.create_sheet("Liens")
        links.append(["Source", "Cible", "Type de lien", "Depuis"])

    net = read_network_from_files({"reseau.xlsx": _workbook(build)})
    assert [_key(p) for p in net.problems] == [("Structures", 1, "", "title_skipped", "warning")]
    assert net.meta["lines"]["structures"] == [4]
    assert net.structures["name"].tolist() == ["Ti Récup"]


def test_a_value_typed_beside_a_sheet_is_a_warning_and_the_row_is_kept():
    def build(wb):
        _required_sheets(wb, skip=("structures",))
        ws = wb.create_sheet("structures")
        ws.append(["id", "name", "family", "sector", "territory"])
        ws.append(["s1", "A", "association", "culture", "Brest", None, "à rappeler"])

    net = read_network_from_files({"reseau.xlsx": _workbook(build)})
    assert [_key(p) for p in net.problems] == [("structures", 2, "", "column_unnamed", "warning")]
    assert net.structures["id"].tolist() == ["s1"]


def test_a_workbook_over_the_unpacked_size_cap_is_refused_before_parsing(monkeypatch):
    def build(wb):
        _required_sheets(wb)

    data = _workbook(build)
    # Add a part of 2 MB of zeros (a few kB compressed): over a cap of 1 MB.
    buffer = io.BytesIO(data)
    with zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/media/filler.bin", b"\0" * 2_000_000)
    monkeypatch.setattr(workbook, "MAX_UNPACKED_BYTES", 1_000_000)
    net = read_network_from_files({"bombe.xlsx": buffer.getvalue()})
    assert [_key(p) for p in net.problems] == [("bombe", 0, "", "workbook_too_large", "error")]


@pytest.mark.slow
def test_a_real_zip_bomb_is_refused_from_its_directory(tmp_path):
    # A 600 MiB sheet of blanks that compresses to about 600 kB: refused from the sizes the
    # zip's directory declares (zipfile never unpacks more than a part declares), before
    # openpyxl parses anything (it took about 30 s and 1.3 GB on such a file).
    path = tmp_path / "bombe.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("xl/worksheets/sheet1.xml", "w") as part:
            chunk = b" " * (1 << 20)
            for _ in range(600):
                part.write(chunk)
    assert path.stat().st_size < 5_000_000
    net = read_network(path)
    assert [(p.code, p.params["size"]) for p in net.problems] == [("workbook_too_large", 600)]


# --- LibreOffice (.ods) --------------------------------------------------------------------


def _ods(sheets: dict[str, list[list[object]]]) -> bytes:
    """An .ods written by odfpy, one string or float cell per value (None: an empty cell)."""
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    doc = OpenDocumentSpreadsheet()
    for title, rows in sheets.items():
        table = Table(name=title)
        for values in rows:
            row = TableRow()
            for value in values:
                if value is None:
                    cell = TableCell()
                elif isinstance(value, float):
                    cell = TableCell(valuetype="float", value=value)
                    cell.addElement(P(text=str(value)))
                else:
                    cell = TableCell(valuetype="string")
                    cell.addElement(P(text=value))
                row.addElement(cell)
            table.addElement(row)
        doc.spreadsheet.addElement(table)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def test_a_libreoffice_workbook_with_french_sheets_reads_like_an_xlsx(tmp_path):
    data = _ods(
        {
            "Structures": [
                ["Annuaire 2009"],
                [],
                ["Identifiant", "Nom", "Famille", "Secteur", "Pays", "Salariés"],
                ["001", "Crêperie de l'Élorn", "Coopérative", "culture", "Brest", 12.0],
                [],
                ["s2", "Ti Récup", "Association", "déchets", "Morlaix", None],
                ["s3", "", "Association", "déchets", "Morlaix", None],
            ],
            "Pôles": [["id", "nom", "territoire", "statut"], ["P1", "ADESS", "Brest", "créé"]],
            "Partenaires": [["id", "nom", "type"]],
            "Liens": [
                ["source", "cible", "type de lien", "depuis"],
                ["001", "s2", "Mutualisation", 2009.0],
            ],
        }
    )
    path = tmp_path / "reseau.ods"
    path.write_bytes(data)
    for net in (read_network(path), read_network_from_files({"reseau.ods": data})):
        assert [_key(p) for p in net.problems] == [
            ("Structures", 1, "", "title_skipped", "warning"),
            ("Structures", 7, "name", "value_missing", "error"),
        ]
        assert net.meta["lines"]["structures"] == [4, 6]
        assert net.structures[["id", "name", "employees"]].values.tolist()[0] == [
            "001",
            "Crêperie de l'Élorn",
            12,
        ]
        assert net.links[["kind", "since"]].values.tolist() == [["pooling", 2009]]


def test_a_damaged_ods_is_one_error():
    net = read_network_from_files({"reseau.ods": b"PK\x03\x04 not really"})
    assert [_key(p) for p in net.problems] == [("reseau", 0, "", "file_unreadable", "error")]


def test_header_cells_are_cleaned_like_the_values():
    header = "id;Nom\x07;famille;secteur;pays;'=calcul\n"
    net = _read(_links(), header + "s1;A;association;culture;Brest;3\n")
    assert [_key(p) for p in net.problems] == [
        ("structures", 1, "name", "control_characters", "warning")
    ]
    assert net.structures["name"].tolist() == ["A"]
    assert net.structures["=calcul"].tolist() == ["3"]  # the protecting apostrophe removed


def test_excel_s_sep_line_and_a_header_repeated_further_down():
    # `sep=,` is Excel's own directive; the header again on line 5 (two exports put end
    # to end) is not a structure named "name"
    structures = (
        "sep=,\n"
        "id,name,family,sector,territory\n"
        's1,"Ti Récup; Morlaix",association,culture,Brest\n'
        "s2,B,association,culture,Brest\n"
        "id,name,family,sector,territory\n"
        "s3,C,association,culture,Brest\n"
    )
    net = _read(_links(), structures)
    assert [_key(p) for p in net.problems] == [("structures", 5, "", "header_repeated", "warning")]
    assert net.structures["id"].tolist() == ["s1", "s2", "s3"]
    assert net.meta["lines"]["structures"] == [3, 4, 6]
    assert net.structures["name"].tolist()[0] == "Ti Récup; Morlaix"


@pytest.mark.parametrize(
    ("typed", "year"),
    [("15/03/1987", 1987), ("03/1987", 1987), ("1987-03-15", 1987), ("15.03.1987", 1987)],
)
def test_a_year_typed_as_a_date_is_its_year(typed, year):
    structures = (
        f"id;nom;famille;secteur;pays;date de création\ns1;A;association;culture;Brest;{typed}\n"
    )
    net = _read(_links(), structures)
    assert net.problems == []
    assert net.structures["founded"].tolist() == [year]


def test_a_link_end_typed_as_the_name_of_one_structure_is_read_as_its_id():
    structures = _STRUCTURES + "s10;Structure 1;association;culture;Brest\n"  # a homonym
    text = _links(
        "Structure 2;s3;cooperation;2009;1;\n",  # line 2: the name of s2 only
        "Structure 1;s3;cooperation;2009;1;\n",  # line 3: two structures have this name
    )
    net = _read(text, structures)
    assert [_key(p) for p in net.problems] == [
        ("links", 2, "source", "endpoint_by_name", "warning"),
        ("links", 3, "source", "endpoint_unknown", "error"),
    ]
    assert net.links[["source", "target"]].values.tolist() == [["s2", "s3"]]
    assert "whose id is 's2'" in net.problems[0].message("en")
