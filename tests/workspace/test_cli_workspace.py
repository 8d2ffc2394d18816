"""`ess-graph workspace ...`: thin commands over the workspace library."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner
from ws_fixtures import DEMO

from ess_graph.cli import main, workspace
from ess_graph.io.read import read_network
from ess_graph.workspace.store import WORKSPACE_ENV, Workspace


@pytest.fixture
def run(tmp_path, monkeypatch):
    monkeypatch.setenv(WORKSPACE_ENV, str(tmp_path / "env.sqlite"))
    runner = CliRunner()

    def invoke(*args, input=None):
        return runner.invoke(main, ["workspace", *args], input=input, catch_exceptions=False)

    return invoke


def test_every_workspace_command_has_help_with_an_example():
    for name, command in workspace.commands.items():
        assert command.help and "Example" in command.help, name


def test_init_uses_the_environment_path(run, tmp_path):
    result = run("init")
    assert result.exit_code == 0
    assert (tmp_path / "env.sqlite").is_file()
    again = run("init")
    assert again.exit_code == 2 and "existe déjà" in again.output


def test_missing_workspace_is_exit_2(run, tmp_path):
    result = run("--file", str(tmp_path / "none.sqlite"), "log")
    assert result.exit_code == 2
    assert "workspace init" in result.output


def test_import_asks_before_committing(run, tmp_path):
    f = str(tmp_path / "w.sqlite")
    run("--file", f, "init")
    refused = run("--file", f, "--lang", "en", "import", str(DEMO), "--by", "Anne", input="n\n")
    assert refused.exit_code == 1
    assert "1299 row(s) to add, 0 to change, 0 left alone" in refused.output
    with Workspace(f) as ws:
        assert ws.count("structures") == 0
    accepted = run("--file", f, "--lang", "en", "import", str(DEMO), "--by", "Anne", input="y\n")
    assert accepted.exit_code == 0, accepted.output
    assert "import saved: 1299 added, 0 changed" in accepted.output
    again = run("--file", f, "--lang", "en", "import", str(DEMO), "--yes")
    assert "nothing to import" in again.output


def test_import_prints_problems_like_validate(run, tmp_path):
    from ws_fixtures import TINY, write_tiny

    bad = write_tiny(tmp_path / "bad", **{"links.csv": TINY["links.csv"] + "a,zz,pooling\n"})
    f = str(tmp_path / "w.sqlite")
    run("--file", f, "init")
    result = run("--file", f, "--lang", "en", "import", str(bad), "--yes", "--by", "Anne")
    assert result.exit_code == 0
    assert "links:6 [source] error" in result.output or "links:6 [target] error" in result.output


def test_add_link_log_snapshot_diff_undo_export(run, tmp_path):
    f = str(tmp_path / "w.sqlite")
    run("--file", f, "init")
    run("--file", f, "import", str(DEMO), "--yes", "--by", "Anne")
    assert run("--file", f, "snapshot", "Rencontre 2009", "--by", "Anne").exit_code == 0
    added = run(
        "--file",
        f,
        "add-link",
        "s0001",
        "s0250",
        "--kind",
        "pooling",
        "--since",
        "2010",
        "--status",
        "proposed",
        "--by",
        "Bob",
    )
    assert added.exit_code == 0, added.output
    assert '["s0001","s0250","pooling"] v1' in added.output
    refused = run("--file", f, "--lang", "en", "add-link", "s0001", "zz", "--kind", "pooling")
    assert refused.exit_code == 1 and "not the id of any valid structure" in refused.output
    log = run("--file", f, "--lang", "en", "log", "--limit", "1")
    names = dict(zip(*(read_network(DEMO).structures[c] for c in ("id", "name")), strict=True))
    a, b = (f"{names[k]} ({k})" for k in ("s0001", "s0250"))
    assert f"Bob\tcli\tadded link {a} – {b} (pooling)" in log.output
    # proposed: not a tie unless asked
    assert (
        "0 tie(s) gained"
        in run("--file", f, "--lang", "en", "diff", "Rencontre 2009", "now").output
    )
    diff = run("--file", f, "--lang", "en", "diff", "Rencontre 2009", "now", "--include-proposed")
    assert "1 tie(s) gained, 0 lost" in diff.output
    missing = run("--file", f, "diff", "nope", "now")
    assert missing.exit_code == 2
    out = tmp_path / "export"
    assert run("--file", f, "export", "--out", str(out)).exit_code == 0
    assert len(read_network(out).links) == len(read_network(DEMO).links) + 1
    undone = run("--file", f, "undo", "--by", "Bob")
    assert undone.exit_code == 0 and "s0250" in undone.output
    assert run("--file", f, "undo", "--by", "Bob").exit_code == 1


def test_pseudonymised_export_writes_the_salt_beside(run, tmp_path):
    f = str(tmp_path / "w.sqlite")
    run("--file", f, "init")
    run("--file", f, "import", str(DEMO), "--yes")
    out = tmp_path / "share.xlsx"
    result = run("--file", f, "export", "--out", str(out), "--format", "xlsx", "--pseudonymise")
    assert result.exit_code == 0
    assert (tmp_path / "share.xlsx.salt").is_file()
    shared = read_network(out)
    assert shared.structures["id"].str.startswith("s_").all()


def test_every_workspace_command_is_in_the_user_doc():
    from ws_fixtures import ROOT

    doc = (ROOT / "docs" / "WORKSPACE.md").read_text(encoding="utf-8")
    for name in workspace.commands:
        assert re.search(rf"ess-graph workspace (--file \S+ )?{name}\b", doc), name


def test_a_declared_link_counts_in_the_diff_only_under_the_union_rule(run, tmp_path):
    from ws_fixtures import write_tiny

    f = str(tmp_path / "w.sqlite")
    run("--file", f, "init")
    run("--file", f, "import", str(write_tiny(tmp_path / "tiny")), "--yes", "--by", "Anne")
    assert run("--file", f, "snapshot", "avant", "--by", "Anne").exit_code == 0
    declared = ["add-link", "c", "d", "--kind", "pooling", "--status", "declared"]
    assert run("--file", f, *declared, "--by", "Bob").exit_code == 0
    diff = ["--file", f, "--lang", "en", "diff", "avant", "now"]
    assert "0 tie(s) gained" in run(*diff).output
    assert "0 tie(s) gained" in run(*diff, "--ties", "reciprocated").output
    assert "1 tie(s) gained, 0 lost" in run(*diff, "--ties", "union").output
