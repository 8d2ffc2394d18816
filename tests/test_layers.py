"""The layering rules of CONVENTIONS.md: the library never imports streamlit, and every
module says in a docstring what question it answers."""

from __future__ import annotations

import importlib
import pkgutil
import subprocess
import sys

import ess_graph


def _modules() -> list[str]:
    names = ["ess_graph"]
    for info in pkgutil.walk_packages(ess_graph.__path__, prefix="ess_graph."):
        names.append(info.name)
    return sorted(names)


def test_there_are_modules_to_check():
    # schema, problems, i18n, network, cli and io.read exist since the skeleton
    assert {"ess_graph.schema", "ess_graph.io.read", "ess_graph.cli"} <= set(_modules())


def test_importing_every_module_does_not_load_streamlit():
    # A fresh interpreter: the test process itself may have loaded streamlit elsewhere.
    code = (
        "import importlib, sys\n"
        f"for name in {_modules()!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m == 'streamlit' or m.startswith('streamlit.'))\n"
        "print(len(bad))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=300
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "0", "streamlit was imported by the library"


def test_every_module_has_a_docstring():
    missing = [
        name for name in _modules() if not (importlib.import_module(name).__doc__ or "").strip()
    ]
    assert missing == []
