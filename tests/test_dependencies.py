"""Does `pip install` bring everything ess_graph and its app import? Every third-party
module imported by ``ess_graph/``, ``ess_graph_app/`` or ``data/`` must come from a
distribution declared in pyproject.toml's ``dependencies``, not only from a dependency of
a dependency (which may drop it in any release)."""

from __future__ import annotations

import ast
import importlib.metadata
import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OURS = {"ess_graph", "ess_graph_app"}


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def imported_modules() -> set[str]:
    """Top-level names of every absolute import in the shipped code."""
    files = [*(ROOT / "ess_graph").rglob("*.py"), *(ROOT / "ess_graph_app").rglob("*.py")]
    files.append(ROOT / "data" / "__init__.py")
    names: set[str] = set()
    for path in files:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module.split(".")[0])
    return names


def test_the_scan_sees_the_known_imports():
    assert {"networkx", "pandas", "streamlit", "click", "ess_graph"} <= imported_modules()


def test_every_imported_distribution_is_declared():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = {
        _canonical(re.match(r"[A-Za-z0-9._-]+", req).group()) for req in project["dependencies"]
    }
    distributions = importlib.metadata.packages_distributions()
    third_party = imported_modules() - set(sys.stdlib_module_names) - OURS
    undeclared = {
        module: distributions.get(module, ["?"])
        for module in sorted(third_party)
        if not {_canonical(d) for d in distributions.get(module, [module])} & declared
    }
    assert undeclared == {}, f"imported but not in pyproject.toml dependencies: {undeclared}"
