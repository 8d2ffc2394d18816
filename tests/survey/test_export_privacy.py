"""The survey in a workspace export: answers as tables, pseudonymised with the network,
and never a token, a token hash or a contact column (checked by scanning the files)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from survey_fixtures import answer_by_hand, make_workspace

from ess_graph.io.read import read_network
from ess_graph.survey import campaigns as sc
from ess_graph.survey.export import SURVEY_TABLES
from ess_graph.workspace.export import export_workspace
from ess_graph.workspace.privacy import pseudonym

NAME = "Enquête 2027"
#: What the hand campaign and SIX hold that is personal or typed: none of it may reach a
#: pseudonymised export (names of SIX, typed text of HAND, SIX's contact columns).
TYPED = ("un camion le samedi", "salle de 40 places", "Jeanne", "06 12 34 56 78")
NAMES = ("Alpha", "Beta", "Gamma", "Delta", "Epsilon", "Ti Récup", "ti recup", "Atelier Vélo")
CONTACTS = ("alpha@example.org", "beta@example.org", "02 98 00 00 00")


@pytest.fixture
def hand(six_ws):
    tokens = answer_by_hand(six_ws, NAME)
    hashes = [h for (h,) in six_ws.connection.execute("SELECT token_hash FROM survey_invitations")]
    return six_ws, tokens, hashes


def read(folder: Path, name: str) -> pd.DataFrame:
    return pd.read_csv(folder / f"{name}.csv", dtype=str, keep_default_na=False)


def all_text(path: Path) -> str:
    """Every byte written, as text: the files of a folder, or a workbook's XML parts."""
    if path.is_dir():
        return "\n".join(p.read_text(encoding="utf-8") for p in sorted(path.iterdir()))
    with zipfile.ZipFile(path) as archive:
        return "\n".join(archive.read(n).decode("utf-8") for n in archive.namelist())


def test_the_export_holds_the_answers_as_tables(hand, tmp_path):
    ws, _, _ = hand
    out = tmp_path / "export"
    result = export_workspace(ws, out)
    assert {f"{t}.csv" for t in SURVEY_TABLES} <= {p.name for p in out.iterdir()}
    campaigns = read(out, "survey_campaigns")
    assert campaigns[["name", "invited", "answered"]].values.tolist() == [[NAME, "6", "4"]]
    invitations = read(out, "survey_invitations")
    assert invitations[["structure", "answered"]].values.tolist() == [
        ["a", "True"],
        ["b", "True"],
        ["c", "True"],
        ["d", "False"],  # a draft is not an answer
        ["e", "True"],
        ["f", "False"],
    ]
    answers = read(out, "survey_answers")
    assert answers["structure"].tolist() == ["a", "b", "c", "e"]  # submitted only
    assert answers["partners"].tolist() == ["3", "2", "1", "3"]
    assert answers[["needs", "offers", "function_strategy"]].values.tolist()[:2] == [
        ["vehicle", "", "4"],
        ["", "premises|vehicle", "3"],
    ]
    assert answers["needs_text"].tolist()[0] == "un camion le samedi"
    # a's comment holds a phone number: the column is left out, and said so
    assert "comment" not in answers.columns
    assert result.personal_columns_dropped["survey_answers"] == ["comment"]
    declarations = read(out, "survey_declarations")
    # a: b, c, Ti Récup; b: a, d; c: e; e: a, ti recup, Atelier Vélo (HAND)
    assert declarations["declarer"].tolist() == ["a"] * 3 + ["b"] * 2 + ["c"] + ["e"] * 3
    assert declarations["partner"].tolist() == ["b", "c", "", "a", "d", "e", "a", "", ""]
    assert declarations["partner_name"].tolist()[2] == "Ti Récup"
    # import reads the network back, the survey files aside
    net = read_network(out)
    assert net.problems == [] and len(net.structures) == 6


def test_with_personal_data_the_comment_stays(hand, tmp_path):
    ws, _, _ = hand
    out = tmp_path / "export"
    export_workspace(ws, out, personal_data=True)
    assert read(out, "survey_answers")["comment"].tolist()[0] == "Contact : Jeanne, 06 12 34 56 78"


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("options", [{}, {"personal_data": True}, {"pseudonymised": True}])
def test_no_token_no_token_hash_ever_and_no_contact_column_by_default(hand, tmp_path, fmt, options):
    ws, tokens, hashes = hand
    out = tmp_path / ("export" if fmt == "csv" else "export.xlsx")
    export_workspace(ws, out, format=fmt, salt_file=tmp_path / "salt", **options)
    text = all_text(out)
    assert len(tokens) == 6 and len(hashes) == 6
    for secret in (*tokens.values(), *hashes):
        assert secret not in text
    assert "token" not in text and "issued_at" not in text and "opened_by" not in text
    if not options.get("personal_data"):
        for contact in CONTACTS:
            assert contact not in text


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_pseudonymised_export_keeps_no_name_and_no_typed_text(hand, tmp_path, fmt):
    ws, _, _ = hand
    out = tmp_path / ("export" if fmt == "csv" else "export.xlsx")
    export_workspace(ws, out, format=fmt, pseudonymised=True, salt_file=tmp_path / "salt")
    text = all_text(out)
    # (communes typed for outside partners: « MORLAIX »; the pays names are public)
    for value in (*TYPED, *NAMES, *CONTACTS, "MORLAIX"):
        assert value not in text, value
    if fmt == "xlsx":
        book = openpyxl.load_workbook(out, read_only=True)
        assert set(SURVEY_TABLES) <= set(book.sheetnames)


def test_pseudonyms_are_the_networks_and_the_ties_keep_their_shape(hand, tmp_path):
    ws, _, _ = hand
    out, salt_file = tmp_path / "export", tmp_path / "salt"
    export_workspace(ws, out, pseudonymised=True, salt_file=salt_file)
    salt = salt_file.read_bytes().strip()
    ids = set(read(out, "structures")["id"])
    code = {pseudonym(s, salt): s for s in "abcdef"}
    assert ids == set(code)
    answers = read(out, "survey_answers")
    assert [code[s] for s in answers["structure"]] == ["a", "b", "c", "e"]
    assert set(answers.columns).isdisjoint({"needs_text", "offers_text", "comment"})
    assert all(len(v) == 10 for v in answers["submitted_at"])  # the date only
    decl = read(out, "survey_declarations")
    assert set(decl.columns).isdisjoint({"partner_name", "partner_commune"})
    assert set(decl["declarer"]) <= ids
    outside = decl.loc[decl["in_roster"] == "False", "partner"].tolist()
    # « Ti Récup » (a) and « ti recup » of « MORLAIX » (e) are one partner; Atelier Vélo
    assert [p[:2] for p in outside] == ["o_"] * 3
    assert outside[0] == outside[1] != outside[2]
    # the declared ties of the pseudonymised table: the hand count of test_follow.py
    arcs = {
        (u, v)
        for u, v, inside in zip(decl["declarer"], decl["partner"], decl["in_roster"], strict=True)
        if inside == "True"
    }
    ties = {frozenset(a) for a in arcs}
    mutual = {frozenset((u, v)) for u, v in arcs if (v, u) in arcs}
    assert (len(ties), len(mutual)) == (5, 1)
    # the same salt gives the same file
    again = tmp_path / "again"
    export_workspace(ws, again, pseudonymised=True, salt_file=salt_file)
    for name in SURVEY_TABLES:
        assert (again / f"{name}.csv").read_bytes() == (out / f"{name}.csv").read_bytes()


def test_formula_like_answers_are_inert_in_the_files(six_ws, tmp_path):
    tokens = answer_by_hand(six_ws, NAME)
    sc.save_answer(
        six_ws, tokens["f"], {"comment": '=HYPERLINK("http://x.example","clic")'}, submit=True
    )
    out = tmp_path / "export"
    export_workspace(six_ws, out, personal_data=True)
    assert "'=HYPERLINK" in (out / "survey_answers.csv").read_text(encoding="utf-8")


def test_survey_files_of_an_earlier_export_do_not_stay(hand, tmp_path):
    ws, _, _ = hand
    out = tmp_path / "export"
    export_workspace(ws, out)
    with make_workspace(tmp_path / "other.sqlite") as other:  # no survey
        export_workspace(other, out)
    assert not any(p.name.startswith("survey_") for p in out.iterdir())


def test_a_workspace_without_survey_exports_as_before(six_ws, tmp_path):
    out = tmp_path / "export"
    export_workspace(six_ws, out)
    assert sorted(p.name for p in out.iterdir()) == [
        "links.csv",
        "partners.csv",
        "poles.csv",
        "sectors.csv",
        "structures.csv",
        "territories.csv",
    ]
