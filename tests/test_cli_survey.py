"""`ess-graph survey`: a whole campaign from the command line, on the demo network.

Expected figures are counted by hand from the answers written below (comments).
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from ess_graph.cli import main, survey
from ess_graph.survey.campaigns import TOKEN_PARAMETER, form_view, save_answer
from ess_graph.workspace.merge import commit_import, plan_import
from ess_graph.workspace.store import Workspace

ROOT = Path(__file__).resolve().parents[1]
NAME = "Enquête 2027 pays de Morlaix"


def run(*args: object):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture
def ws_file(tmp_path: Path) -> Path:
    path = tmp_path / "w.sqlite"
    with Workspace.create(path) as ws:
        commit_import(ws, plan_import(ws, ROOT / "data" / "demo"), who="import")
    return path


def _tokens(path: Path) -> dict[str, str]:
    with path.open(encoding="utf-8", newline="") as f:
        return {
            row["structure"]: row["url"].split(f"{TOKEN_PARAMETER}=")[1]
            for row in csv.DictReader(f)
        }


def test_every_survey_command_has_help_with_an_example():
    for name, command in survey.commands.items():
        assert command.help and "Example" in command.help, name


def test_every_survey_command_is_documented():
    doc = (ROOT / "docs" / "SURVEY.md").read_text(encoding="utf-8")
    for name in survey.commands:
        assert re.search(rf"ess-graph survey (--file \S+ )?{name}\b", doc), name


def test_a_whole_campaign(ws_file: Path, tmp_path: Path):
    w = ("survey", "--file", ws_file)
    opened = run(*w, "open", NAME, "--territory", "morlaix", "--closes", "2099-03-31")
    assert opened.exit_code == 0, opened.output
    # the demo has 19 structures in the pays de Morlaix (data/demo/structures.csv)
    assert "19 structure(s) invitée(s)" in opened.output

    out = tmp_path / "invitations.csv"
    links = run(*w, "links", NAME, "--out", out, "--base-url", "https://ess.example.org/app")
    assert links.exit_code == 0, links.output
    tokens = _tokens(out)
    assert len(tokens) == 19 and len(set(tokens.values())) == 19
    assert all(len(t) >= 43 for t in tokens.values())  # 32 random bytes in base64
    assert out.read_text(encoding="utf-8").count("https://ess.example.org/app?enquete=") == 19

    # asking again issues nothing and writes nothing
    again = run(*w, "links", NAME, "--out", tmp_path / "again.csv")
    assert again.exit_code == 1 and not (tmp_path / "again.csv").exists()

    a, b, c = sorted(tokens)[:3]
    with Workspace(ws_file) as ws:
        # a names b and c; b names a; c does not answer.
        save_answer(
            ws,
            tokens[a],
            {
                "partners": [
                    {"structure": b, "kinds": ["pooling"]},
                    {"structure": c, "kinds": ["cooperation"]},
                ]
            },
            submit=True,
        )
        save_answer(
            ws, tokens[b], {"partners": [{"structure": a, "kinds": ["pooling"]}]}, submit=True
        )
    status = run(*w, "--lang", "en", "status", NAME)
    assert status.exit_code == 0, status.output
    # hand count: 2 of 19 answered (11%); ties {a,b} by both sides, {a,c} by a only and
    # c has not answered: 2 declared ties, 1 reciprocated, reciprocity 1/2 = 50%
    assert "answers submitted: 2 of 19 structures invited (11%)" in status.output
    assert (
        "declared ties: 2 (by both sides: 1; by one side, the other answered: 0; the other has not answered: 1)"
        in status.output
    )
    assert "): 50%" in status.output

    reminders = tmp_path / "relance.csv"
    assert run(*w, "reminders", NAME, "--out", reminders).exit_code == 0
    with reminders.open(encoding="utf-8", newline="") as f:
        left = [row["structure"] for row in csv.DictReader(f)]
    assert len(left) == 17 and a not in left and b not in left and c in left

    applied = run(*w, "--lang", "en", "apply", NAME, "--by", "Anne")
    assert applied.exit_code == 0, applied.output
    assert "1 confirmed link(s), 1 link(s) declared by one side" in applied.output
    with Workspace(ws_file) as ws:
        links_now = ws.network().links
        ours = links_now[links_now["source_of_information"] == NAME]
        assert sorted(
            zip(ours["source"], ours["target"], ours["kind"], ours["status"], strict=True)
        ) == sorted([(a, b, "pooling", "confirmed"), (a, c, "cooperation", "declared")])
    undone = run("workspace", "--file", ws_file, "undo", "--by", "Anne")
    assert undone.exit_code == 0
    with Workspace(ws_file) as ws:
        links_now = ws.network().links
        assert (links_now["source_of_information"] == NAME).sum() == 0

    assert run(*w, "close", NAME).exit_code == 0
    with Workspace(ws_file) as ws:
        assert form_view(ws, tokens[c]) is None  # the link no longer opens the form
    listed = run(*w, "list")
    assert listed.exit_code == 0 and "closed" in listed.output and f"{NAME}\t" in listed.output


@pytest.mark.parametrize(
    "args,words",
    [
        (("open", "X"), "--territory"),
        (("open", "X", "--territory", "nulle_part"), "nulle_part"),
        (("open", "X", "--all", "--closes", "31/03/2027"), "AAAA-MM-JJ"),
        (("status", "inconnue"), "aucune campagne"),
        (("close", "inconnue"), "aucune campagne"),
    ],
)
def test_a_refused_request_is_one_line_and_exit_1(ws_file: Path, args, words):
    result = run("survey", "--file", ws_file, *args)
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and words in lines[0], result.stderr


def test_a_missing_workspace_is_exit_2(tmp_path: Path):
    result = run("survey", "--file", tmp_path / "none.sqlite", "list")
    assert result.exit_code == 2 and "introuvable" in result.stderr
