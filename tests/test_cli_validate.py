"""`ess-graph validate`: output formats and exit codes (issue 2), driven by CliRunner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from ess_graph.cli import main
from ess_graph.problems import PROBLEM_KEYS

FIXTURES = Path(__file__).parent / "io" / "fixtures"


def run(*args: str):
    return CliRunner().invoke(main, ["validate", *args])


def test_clean_network_exits_0_with_a_summary():
    # fixtures/french_excel has 3 structures, 2 pôles, 2 partners, 4 links, 2 territories
    result = run(str(FIXTURES / "french_excel"), "--lang", "en")
    assert result.exit_code == 0, result.output
    assert result.output.strip() == (
        "rows kept: structures 3, pôles 2, partners 2, links 4, territories 2; 0 errors, 0 warnings"
    )


def test_errors_exit_1_and_each_problem_is_one_line():
    result = run(str(FIXTURES / "faults"), "--lang", "en")
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    # 27 problems (see tests/io/test_read.py EXPECTED) then the summary line
    assert len(lines) == 28
    assert lines[0] == "structures:4 [name] error: required value is missing"
    assert "links:4 [target] error: a link joins 's1' to itself" in lines
    assert lines[-1].endswith("14 errors, 13 warnings")


def test_french_is_the_default_language():
    result = run(str(FIXTURES / "faults"))
    assert "structures:4 [name] erreur: valeur obligatoire manquante" in result.output


def test_json_output_is_a_list_with_exactly_the_contract_keys():
    result = run(str(FIXTURES / "faults"), "--format", "json", "--lang", "en")
    assert result.exit_code == 1
    records = json.loads(result.output)
    assert len(records) == 27
    assert all(tuple(r) == PROBLEM_KEYS for r in records)
    assert records[0] == {
        "file": "structures",
        "line": 4,
        "column": "name",
        "message": "required value is missing",
        "severity": "error",
    }


def test_json_of_a_clean_network_is_an_empty_list():
    result = run(str(FIXTURES / "french_excel"), "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.output) == []


def test_warnings_only_exit_0(tmp_path):
    for name, text in {
        "structures.csv": "id,name,family,sector,territory,pole\na,A,association,culture,X,nope\n",
        "poles.csv": "id,name,territory,status\n",
        "partners.csv": "id,name,kind\n",
        "links.csv": "source,target,kind\n",
    }.items():
        (tmp_path / name).write_text(text)
    result = run(str(tmp_path), "--lang", "en")
    assert result.exit_code == 0
    assert "structures:2 [pole] warning:" in result.output


def test_missing_path_exits_2_with_a_message():
    result = run("/no/such/network", "--lang", "en")
    assert result.exit_code == 2
    assert "path not found: /no/such/network" in result.output


def test_unsupported_file_exits_2(tmp_path):
    f = tmp_path / "network.txt"
    f.write_text("hello")
    result = run(str(f))
    assert result.exit_code == 2
    assert "format non reconnu" in result.output


def test_binary_csv_is_one_error_without_traceback():
    result = run(str(FIXTURES / "binary_csv"), "--lang", "en")
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    # a problem about the whole file has no line and no column
    assert result.output.splitlines()[0] == (
        "structures error: this is not a CSV text file (binary content)"
    )


def test_usage_errors_exit_2():
    assert run().exit_code == 2  # no PATH
    assert run(str(FIXTURES / "faults"), "--format", "xml").exit_code == 2


def test_help_has_an_example():
    result = CliRunner().invoke(main, ["validate", "--help"])
    assert result.exit_code == 0
    assert "ess-graph validate data/demo" in result.output


def test_the_demo_network_validates_cleanly():
    demo = Path(__file__).resolve().parents[1] / "data" / "demo"
    if not (demo / "structures.csv").exists():
        pytest.skip("data/demo is not generated in this checkout")
    result = run(str(demo), "--lang", "en")
    assert result.exit_code == 0, result.output
    # issue 2: the demo has about 250 structures and all 21 pays
    assert "structures 250," in result.output
    assert "territories 21," in result.output
    assert "0 errors, 0 warnings" in result.output
