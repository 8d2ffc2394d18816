"""Commands that compute on a network also read a workspace file, and report --compare
takes a workspace snapshot name."""

from __future__ import annotations

from click.testing import CliRunner

from ess_graph.cli import main


def _run(*args: str):
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result


def test_metrics_and_report_read_a_workspace(tmp_path):
    ws = str(tmp_path / "w.sqlite")
    _run("workspace", "--file", ws, "init")
    _run("workspace", "--file", ws, "import", "data/demo", "--yes", "--by", "test")
    _run("workspace", "--file", ws, "snapshot", "avant")
    _run(
        "workspace", "--file", ws, "add-link", "s0001", "s0002", "--kind", "pooling", "--by", "Anne"
    )

    out = tmp_path / "m"
    _run("metrics", ws, "--out", str(out), "--permutations", "5")
    network = (out / "network.csv").read_text(encoding="utf-8").splitlines()[1].split(",")
    assert network[0] == "250"
    # The demo has 512 ties; s0001-s0002 is not one of them, so the workspace has 513.
    assert network[1] == "513"

    report = tmp_path / "r.html"
    _run("report", ws, "--territory", "saint_brieuc", "--compare", "avant", "--out", str(report))
    html = report.read_text(encoding="utf-8")
    assert "s0002" in html or "Centre social de l&#x27;Odet 2" in html or "Odet 2" in html
