"""The demo network and the templates shipped with ess_graph (package ``ess_graph.data``,
the folder ``data/`` of the repository) and `ess-graph where`, which names them.

tests/test_wheel.py checks the same from a wheel installed outside the checkout.
"""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from ess_graph.cli import main
from ess_graph.data import demo_dir, templates_dir

ROOT = Path(__file__).resolve().parents[1]


def test_in_a_checkout_the_shipped_folders_are_the_repository_ones():
    assert demo_dir() == ROOT / "data" / "demo"
    assert templates_dir() == ROOT / "data" / "templates"


def test_the_templates_hold_one_csv_per_table_and_the_workbook():
    names = {p.name for p in templates_dir().iterdir()}
    tables = ["structures", "poles", "partners", "links", "territories", "sectors"]
    assert names == {f"{table}.csv" for table in tables} | {"template.xlsx"}


def test_where_names_the_shipped_folders():
    runner = CliRunner()
    demo = runner.invoke(main, ["where", "demo"])
    templates = runner.invoke(main, ["where", "templates"])
    assert (demo.exit_code, templates.exit_code) == (0, 0)
    assert demo.output == f"{demo_dir()}\n"
    assert templates.output == f"{templates_dir()}\n"


def test_where_refuses_anything_else():
    result = CliRunner().invoke(main, ["where", "elsewhere"])
    assert result.exit_code == 2


def test_the_shipped_demo_validates_without_error():
    path = CliRunner().invoke(main, ["where", "demo"]).output.strip()
    result = CliRunner().invoke(main, ["validate", path, "--lang", "en"])
    assert result.exit_code == 0, result.output  # 2 if the path were wrong, 1 on errors
