"""The scripts under scripts/: the real networks they write are the ones shipped, and the
evaluation script prints its tables and verdicts."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _script(name: str):
    spec = importlib.util.spec_from_file_location(
        f"scripts_{name}", ROOT / "scripts" / f"{name}.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_shipped_real_networks_are_what_the_script_writes(tmp_path, monkeypatch):
    module = _script("real_networks")
    monkeypatch.setattr(module, "OUT", tmp_path)
    for name, graph in module.graphs().items():
        folder = module.write(name, graph)
        shipped = ROOT / "tests" / "data" / "real" / name
        assert sorted(p.name for p in folder.iterdir()) == sorted(p.name for p in shipped.iterdir())
        for path in folder.iterdir():
            if path.name == "SOURCE.md":  # names the networkx version that wrote it
                continue
            assert path.read_bytes() == (shipped / path.name).read_bytes(), (name, path.name)


@pytest.mark.slow
def test_the_evaluation_script_prints_tables_and_verdicts(capsys, monkeypatch):
    module = _script("evaluate_rankings")
    monkeypatch.setattr(sys, "argv", ["evaluate_rankings.py", "--only", "florentine"])
    module.main()
    out = capsys.readouterr().out
    assert "### Florentine families' marriages (real)" in out
    assert "| scorer | precision@5 | precision@10 | precision@20 | AUC |" in out
    for scorer in (
        "probable",
        "strategic",
        "resource_allocation",
        "adamic_adar",
        "common_neighbours",
        "random",
    ):
        assert f"| {scorer} |" in out
    verdicts = [line for line in out.splitlines() if line.startswith(("| AUC |", "| precision@"))]
    assert len(verdicts) == 4 and all("| yes |" in line for line in verdicts)
