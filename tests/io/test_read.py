"""Validation rules of `ess_graph.io.read`, each checked on the exact file and line.

The fixture `fixtures/faults/` is a hand-made CSV network (UTF-8, commas) with one fault
per row; `EXPECTED` below lists, for each rule of the data contract (issue 2, "Bad input"),
the problem the reader must report and why, read off the fixture files by hand.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from ess_graph import schema
from ess_graph.io.read import NetworkPathError, read_network, read_summary
from ess_graph.problems import PROBLEM_KEYS

FIXTURES = Path(__file__).parent / "fixtures"
FAULTS = FIXTURES / "faults"

# (file, line, column, code, severity): why, with the offending row of the fixture.
EXPECTED = [
    # structures.csv line 4 `s3,,association,...`: name is required
    ("structures", 4, "name", "value_missing", "error"),
    # line 5 `s1,Alpha bis,...`: s1 already on line 2, first row kept
    ("structures", 5, "id", "id_duplicated", "error"),
    # line 6 `s4,Gamma,banana,...`: not a family
    ("structures", 6, "family", "enum_unknown", "error"),
    # line 7 `s5,...,p9`: there is no pôle p9 -> kept without pôle
    ("structures", 7, "pole", "pole_unknown", "warning"),
    # line 8 `s6,...,Atlantis`: territories.csv is given and has no Atlantis
    ("structures", 8, "territory", "territory_unknown", "warning"),
    # line 9 `s7,...,95,-200`: lat 95 > 90 and lon -200 < -180 -> values dropped
    ("structures", 9, "lat", "coordinate_out_of_range", "warning"),
    ("structures", 9, "lon", "coordinate_out_of_range", "warning"),
    # line 10 employees `douze`: an optional column, so the value is emptied, the row kept
    ("structures", 10, "employees", "not_an_integer", "warning"),
    # line 11 founded `20009`: optional too
    ("structures", 11, "founded", "not_a_year", "warning"),
    # line 14 sector `cuisine`: sectors.csv has only culture and sport
    ("structures", 14, "sector", "sector_unknown", "warning"),
    # poles.csv line 4 status `dormant`
    ("poles", 4, "status", "enum_unknown", "error"),
    # line 5 id `s2`: structures.csv line 3 has it (one namespace for node ids)
    ("poles", 5, "id", "id_duplicated", "error"),
    # line 6 territory empty
    ("poles", 6, "territory", "value_missing", "error"),
    # partners.csv line 4 kind `alien`
    ("partners", 4, "kind", "enum_unknown", "error"),
    # line 5 id `p1`: poles.csv line 2 has it
    ("partners", 5, "id", "id_duplicated", "error"),
    # links.csv line 4 `s1,s1`
    ("links", 4, "target", "self_link", "error"),
    # line 5 `s1,s3`: s3 exists but its row was rejected (no name): said so
    ("links", 5, "target", "endpoint_rejected", "error"),
    # line 6 `ghost,s2`
    ("links", 6, "source", "endpoint_unknown", "error"),
    # line 7 kind `friendship`
    ("links", 7, "kind", "enum_unknown", "error"),
    # line 8 weight `abc`; line 9 weight 0; line 10 weight -3: optional, so each link is
    # kept with the default weight 1
    ("links", 8, "weight", "not_a_number", "warning"),
    ("links", 9, "weight", "not_positive", "warning"),
    ("links", 10, "weight", "not_positive", "warning"),
    # line 11 since 1066 (< 1800); line 12 since `soon`: optional, links kept without a year
    ("links", 11, "since", "not_a_year", "warning"),
    ("links", 12, "since", "not_a_year", "warning"),
    # line 16 membership between two structures (schema.LINK_ENDPOINTS): kept, warned
    ("links", 16, "kind", "link_endpoints_unusual_membership", "warning"),
    # line 17 status `maybe`
    ("links", 17, "status", "enum_unknown", "error"),
    # line 18 target empty
    ("links", 18, "target", "value_missing", "error"),
]


@pytest.fixture(scope="module")
def faults():
    return read_network(FAULTS)


def _key(p):
    return (p.file, p.line, p.column, p.code, p.severity)


@pytest.mark.parametrize("expected", EXPECTED, ids=lambda e: f"{e[0]}:{e[1]}:{e[3]}")
def test_each_fault_is_reported_on_its_file_and_line(faults, expected):
    assert expected in [_key(p) for p in faults.problems]


def test_no_other_problem_is_reported(faults):
    # The rows not listed in EXPECTED are valid: same pair twice (links 2-3, 19), funding
    # in both directions (14-15), French labels (structures 3, poles 3, partners 2-3).
    assert sorted(_key(p) for p in faults.problems) == sorted(EXPECTED)


def test_problems_are_sorted_by_table_then_line(faults):
    order = {name: i for i, name in enumerate(t.name for t in schema.TABLES)}
    keys = [(order[p.file], p.line) for p in faults.problems]
    assert keys == sorted(keys)


def test_rows_with_an_error_are_left_out_and_every_other_row_is_kept(faults):
    # structures.csv has 13 data rows (lines 2-14); errors on lines 4, 5, 6 (the faults of
    # lines 10 and 11 are in optional columns: warnings).
    assert faults.meta["lines"]["structures"] == [2, 3, 7, 8, 9, 10, 11, 12, 13, 14]
    assert faults.structures["id"].tolist() == [
        "s1",
        "s2",
        "s5",
        "s6",
        "s7",
        "s8",
        "s9",
        "001",
        "s10",
        "s11",
    ]
    assert faults.meta["rows_read"]["structures"] == 13
    # poles lines 2-6, errors on 4, 5, 6; partners lines 2-5, errors on 4, 5.
    assert faults.meta["lines"]["poles"] == [2, 3]
    assert faults.meta["lines"]["partners"] == [2, 3]
    # links lines 2-19, errors on 4-7, 17, 18.
    assert faults.meta["lines"]["links"] == [2, 3, 8, 9, 10, 11, 12, 13, 14, 15, 16, 19]


def test_ids_and_text_are_kept_as_typed_but_trimmed(faults):
    # structures.csv line 12 is `  001 , NA ,association,...`
    row = faults.structures.loc[faults.structures["id"] == "001"].iloc[0]
    assert row["name"] == "NA"
    assert isinstance(row["id"], str)


def test_the_same_pair_twice_makes_one_tie_without_error(faults):
    from ess_graph.network import ties_frame

    ties = ties_frame(faults)
    # confirmed links between structures: s1-s2 (line 2, weight 2), s2-s1 (line 3,
    # weight 1.5), lines 8-12 (weight 1 each: unusable weights fall back to 1), s1-s2
    # membership (line 16, weight 1) -> one tie of weight 2 + 1.5 + 5 + 1 = 9.5.
    assert ties[["u", "v"]].values.tolist() == [["s1", "s2"]]
    assert ties["weight"].tolist() == [9.5]


def test_vocabularies_are_canonical(faults):
    s = faults.structures.set_index("id")
    assert s.loc["s2", "family"] == "cooperative"  # typed "Coopérative"
    assert faults.poles.set_index("id").loc["p2", "status"] == "prefiguration"  # "en préfiguration"
    assert faults.partners["kind"].tolist() == ["region", "departement"]
    links = faults.links
    assert links["status"].tolist() == ["confirmed"] * 11 + ["proposed"]  # line 19 "idée"


def test_territory_and_sector_references(faults):
    s = faults.structures.set_index("id")
    assert s.loc["s7", "territory"] == "Rennes"  # typed by name "Pays de Rennes"
    assert s.loc["s6", "territory"] == "Atlantis"  # unknown: kept as typed
    assert s.loc["s10", "sector"] == "culture"  # typed by name "Culture"
    assert s.loc["s11", "sector"] == "cuisine"
    assert s.loc["s5", "pole"] == ""  # p9 unknown -> no pôle
    assert s.loc["s1", "pole"] == "p1"


def test_column_types(faults):
    s = faults.structures
    assert s["lat"].dtype == np.float64
    assert s["employees"].dtype == "Int64"
    assert s["founded"].dtype == "Int64"
    assert s.set_index("id").loc["s1", "founded"] == 1990
    assert np.isnan(s.set_index("id").loc["s7", "lat"])  # 95 dropped
    assert s["website"].tolist()[0] == "http://alpha.example"  # extra column kept
    assert list(s.columns[: len(schema.STRUCTURES.names)]) == list(schema.STRUCTURES.names)
    links = faults.links
    assert links["weight"].dtype == np.float64
    assert links["weight"].tolist() == [2.0, 1.5] + [1.0] * 10  # default 1, also for abc/0/-3
    assert links["since"].dtype == "Int64"


def test_problem_dict_has_exactly_the_contract_keys(faults):
    d = faults.problems[0].to_dict("en")
    assert tuple(d) == PROBLEM_KEYS
    assert d["message"] == "required value is missing"


def test_messages_exist_in_french_and_english(faults):
    for p in faults.problems:
        fr, en = p.message("fr"), p.message("en")
        assert not fr.startswith("problem.") and not en.startswith("problem.")
    unusual = next(p for p in faults.problems if p.code.startswith("link_endpoints"))
    assert "une structure et un pôle" in unusual.message("fr")


def test_summary_counts(faults):
    # 27 problems in EXPECTED: 13 warnings, 14 errors.
    assert read_summary(faults, "en") == (
        "rows kept: structures 10, pôles 2, partners 2, links 12, territories 2, sectors 2; "
        "14 errors, 13 warnings"
    )


def test_meta_files_and_source(faults):
    assert faults.source == str(FAULTS)
    assert faults.meta["files"]["links"] == str(FAULTS / "links.csv")
    assert faults.is_demo is False


def test_empty_optional_tables_have_their_columns(tmp_path):
    _write_minimal(tmp_path)
    net = read_network(tmp_path)
    assert net.problems == []
    assert list(net.territories.columns) == list(schema.TERRITORIES.names)
    assert list(net.sectors.columns) == list(schema.SECTORS.names)
    assert net.territories["lat"].dtype == np.float64


def _write_minimal(folder: Path, **overrides: str) -> None:
    files = {
        "structures.csv": "id,name,family,sector,territory\na,A,association,culture,Rennes\n"
        "b,B,association,culture,Rennes\n",
        "poles.csv": "id,name,territory,status\n",
        "partners.csv": "id,name,kind\n",
        "links.csv": "source,target,kind\na,b,cooperation\n",
    }
    files.update(overrides)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")


def test_missing_required_column_is_one_error_and_the_table_is_empty(tmp_path):
    _write_minimal(
        tmp_path,
        **{"structures.csv": "id,name,sector,territory\na,A,culture,Rennes\nb,B,culture,Rennes\n"},
    )
    net = read_network(tmp_path)
    structure_problems = [_key(p) for p in net.problems if p.file == "structures"]
    assert structure_problems == [("structures", 1, "family", "column_missing", "error")]
    assert len(net.structures) == 0
    # the link a-b then points at no valid structure: two errors on links.csv line 2
    assert [_key(p) for p in net.problems if p.file == "links"] == [
        ("links", 2, "source", "endpoint_unknown", "error"),
        ("links", 2, "target", "endpoint_unknown", "error"),
    ]


def test_missing_table_file_is_one_error(tmp_path):
    _write_minimal(tmp_path)
    (tmp_path / "partners.csv").unlink()
    net = read_network(tmp_path)
    assert [_key(p) for p in net.problems] == [("partners", 0, "", "table_missing", "error")]
    assert list(net.partners.columns) == list(schema.PARTNERS.names)


def test_empty_file_is_one_error(tmp_path):
    _write_minimal(tmp_path, **{"poles.csv": ""})
    net = read_network(tmp_path)
    assert [_key(p) for p in net.problems] == [("poles", 0, "", "file_empty", "error")]


def test_binary_file_named_csv_is_one_error_and_other_tables_are_read():
    net = read_network(FIXTURES / "binary_csv")
    assert [_key(p) for p in net.problems] == [("structures", 0, "", "file_binary", "error")]
    assert net.links[["source", "target"]].values.tolist() == [["cr", "p1"]]


def test_row_with_more_cells_than_the_header_is_an_error(tmp_path):
    # line 3 has a decimal comma in a comma-separated file: 4 cells for 3 columns
    _write_minimal(
        tmp_path,
        **{
            "links.csv": "source,target,kind,weight\na,b,cooperation,1\n"
            "a,b,cooperation,2,5\nb,a,pooling,3\n"
        },
    )
    net = read_network(tmp_path)
    assert [_key(p) for p in net.problems] == [("links", 3, "", "row_too_long", "error")]
    assert net.meta["lines"]["links"] == [2, 4]
    assert net.links["weight"].tolist() == [1.0, 3.0]


def test_blank_lines_do_not_shift_line_numbers(tmp_path):
    _write_minimal(
        tmp_path,
        **{
            "structures.csv": "id,name,family,sector,territory\n\na,A,association,culture,Rennes\n"
            ",,,,\nb,B,association,culture,Rennes\nc,C,oops,culture,Rennes\n"
        },
    )
    net = read_network(tmp_path)
    # line 1 header, 2 blank, 3 a, 4 empty cells, 5 b, 6 c (unknown family)
    assert [_key(p) for p in net.problems] == [("structures", 6, "family", "enum_unknown", "error")]
    assert net.meta["lines"]["structures"] == [3, 5]


def test_quoted_cell_on_two_lines_counts_as_one_spreadsheet_row(tmp_path):
    _write_minimal(
        tmp_path,
        **{
            "structures.csv": 'id,name,family,sector,territory\na,"A\nsur deux lignes",'
            "association,culture,Rennes\nb,B,,culture,Rennes\n"
        },
    )
    net = read_network(tmp_path)
    # a spreadsheet shows row 2 (a) and row 3 (b, family missing, so the link a-b of
    # links.csv line 2 points at a rejected row)
    assert [_key(p) for p in net.problems] == [
        ("structures", 3, "family", "value_missing", "error"),
        ("links", 2, "target", "endpoint_rejected", "error"),
    ]
    assert net.structures["name"].tolist() == ["A\nsur deux lignes"]


def test_duplicated_column_is_a_warning_and_the_first_is_read(tmp_path):
    _write_minimal(
        tmp_path,
        **{
            "structures.csv": "id,name,family,sector,territory,Name\n"
            "a,A,association,culture,Rennes,other\nb,B,association,culture,Rennes,x\n"
        },
    )
    net = read_network(tmp_path)
    assert [_key(p) for p in net.problems] == [
        ("structures", 1, "name", "column_duplicated", "warning")
    ]
    assert net.structures["name"].tolist() == ["A", "B"]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("2009", 2009), ("2009.0", 2009), ("2 009", 2009), ("2\u00a0009", 2009), ("2009,0", 2009)],
)
def test_year_spellings(tmp_path, typed, expected):
    _write_minimal(
        tmp_path, **{"links.csv": f'source;target;kind;since\na;b;cooperation;"{typed}"\n'}
    )
    net = read_network(tmp_path)
    assert net.problems == []
    assert net.links["since"].tolist() == [expected]


@pytest.mark.parametrize("typed", ["2009.5", "1799", "2101", "deux mille"])
def test_not_years(tmp_path, typed):
    _write_minimal(
        tmp_path, **{"links.csv": f"source;target;kind;since\na;b;cooperation;{typed}\n"}
    )
    net = read_network(tmp_path)
    # `since` is optional: the link is kept without a year
    assert [_key(p) for p in net.problems] == [("links", 2, "since", "not_a_year", "warning")]
    assert len(net.links) == 1 and net.links["since"].isna().all()


def test_non_numeric_coordinate_is_a_warning_and_dropped(tmp_path):
    _write_minimal(
        tmp_path,
        **{
            "structures.csv": "id;name;family;sector;territory;lat;lon\n"
            "a;A;association;culture;Rennes;quarante-huit;-1,5\nb;B;association;culture;Rennes;;\n"
        },
    )
    net = read_network(tmp_path)
    assert [_key(p) for p in net.problems] == [
        ("structures", 2, "lat", "coordinate_not_a_number", "warning")
    ]
    assert net.structures["lon"].tolist()[0] == -1.5
    assert pd.isna(net.structures["lat"]).all()


def test_funding_link_between_two_structures_is_unusual(tmp_path):
    _write_minimal(tmp_path, **{"links.csv": "source,target,kind\na,b,financement\n"})
    net = read_network(tmp_path)
    assert [_key(p) for p in net.problems] == [
        ("links", 2, "kind", "link_endpoints_unusual_funding", "warning")
    ]
    assert "un partenaire et une structure ou un pôle" in net.problems[0].message("fr")


def test_demo_marker_file(tmp_path):
    _write_minimal(tmp_path)
    (tmp_path / "FICTIONAL.md").write_text("Fictional structures and links.\n")
    assert read_network(tmp_path).is_demo is True


def test_missing_path_raises_network_path_error(tmp_path):
    with pytest.raises(NetworkPathError) as info:
        read_network(tmp_path / "nowhere")
    assert info.value.problem.code == "path_missing"
    assert "introuvable" in info.value.message("fr")
    assert "not found" in info.value.message("en")


def test_unsupported_path_raises_network_path_error(tmp_path):
    f = tmp_path / "network.numbers"
    f.write_bytes(b"x")
    with pytest.raises(NetworkPathError) as info:
        read_network(f)
    assert info.value.problem.code == "path_unsupported"


def test_messages_quote_the_typed_value_and_the_first_row(faults):
    by_place = {(p.file, p.line, p.column): p.message("en") for p in faults.problems}
    # poles.csv line 5 reuses `s2`, first typed on structures.csv line 3
    assert by_place[("poles", 5, "id")] == "id 's2' already used (structures, line 3); row left out"
    # structures.csv line 11 typed `20009`
    assert by_place[("structures", 11, "founded")] == (
        "'20009' is not a year (between 1800 and 2100); value ignored, row kept"
    )
    # links.csv line 5 names s3, whose row (structures.csv line 4) was left out
    assert by_place[("links", 5, "target")] == (
        "'s3' was left out (structures, line 4, in error); link left out"
    )
    # links.csv line 6 typed `ghost`
    assert by_place[("links", 6, "source")] == (
        "'ghost' is not the id of any valid structure, pôle or partner"
    )


def test_territory_name_shared_by_two_rows_resolves_to_the_first(tmp_path):
    _write_minimal(
        tmp_path,
        **{
            "structures.csv": "id,name,family,sector,territory\na,A,association,culture,Pays\n"
            "b,B,association,culture,t2\n",
            "territories.csv": "id,name\nt1,Pays\nt2,Pays\n",
        },
    )
    net = read_network(tmp_path)
    assert net.problems == []
    # "Pays" is the name of t1 (line 2) and t2 (line 3): first row wins; an id is an id
    assert net.structures["territory"].tolist() == ["t1", "t2"]


def test_demo_notice_is_kept_in_meta(tmp_path):
    _write_minimal(tmp_path)
    (tmp_path / "fictional.md").write_text("Réseau fictif.\n", encoding="utf-8")
    net = read_network(tmp_path)
    assert net.is_demo is True
    assert net.meta["fictional_text"] == "Réseau fictif."


# Needs and offers (partnership survey) ---------------------------------------------------


def test_needs_and_offers_become_sorted_codes_and_an_unknown_item_drops_alone(tmp_path):
    _write_minimal(
        tmp_path,
        **{
            "structures.csv": "id;name;family;sector;territory;Besoins;Offres\n"
            "a;A;association;culture;Rennes;Véhicule | locaux|LOCAUX;formation, bateau\n"
            'b;B;association;culture;Rennes;;"salarié·e partagé·e; emploi partagé"\n'
        },
    )
    net = read_network(tmp_path)
    # line 2: "bateau" is no resource; the rest of the cell and the row are kept
    assert [_key(p) for p in net.problems] == [
        ("structures", 2, "offers", "resource_unknown", "warning")
    ]
    assert net.problems[0].params["items"] == "bateau"
    s = net.structures
    assert list(s.columns[-2:]) == ["needs", "offers"]
    assert s["needs"].tolist() == ["premises|vehicle", ""]
    assert s["offers"].tolist() == ["training", "shared_employee"]


def test_without_needs_and_offers_the_structures_have_no_such_columns(tmp_path):
    # survey columns are present only when the input has them (schema.Table.survey_columns)
    _write_minimal(tmp_path)
    net = read_network(tmp_path)
    assert list(net.structures.columns) == list(schema.STRUCTURES.names)


def test_declared_status_and_its_french_labels(tmp_path):
    _write_minimal(
        tmp_path,
        **{
            "links.csv": "source;target;kind;status\na;b;cooperation;Déclaré\n"
            "b;a;pooling;unilatérale\na;b;sponsorship;declared\n"
        },
    )
    net = read_network(tmp_path)
    assert net.problems == []
    assert net.links["status"].tolist() == ["declared"] * 3
