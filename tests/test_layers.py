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


# The app's own layers (CONVENTIONS: pages → ui/state → data → library). A helper module
# may import the app's helpers of a lower rank only, at its top or inside a function; a
# page may import any helper and no page (pages are scripts the router runs).
APP_RANK = {
    "state": 0,
    "words": 1,
    "widget_words": 2,
    "editing": 3,
    "data": 4,
    "ui": 5,
    "survey_form": 1,
    "graph_view": 6,
    "card": 6,
    "saved_views": 6,
    "view_image": 6,
}
#: The router and the pages it runs (ess_graph_app/app.py).
APP_TOP = {"app"}


def _app_imports(path) -> set[str]:
    import ast

    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            if node.module == "ess_graph_app":
                found |= {a.name for a in node.names}
            elif node.module.startswith("ess_graph_app."):
                found.add(node.module.split(".")[1])
        elif isinstance(node, ast.Import):
            found |= {
                a.name.split(".")[1] for a in node.names if a.name.startswith("ess_graph_app.")
            }
    return found


def test_the_app_imports_only_downwards():
    from pathlib import Path

    app_dir = Path(ess_graph.__file__).resolve().parent.parent / "ess_graph_app"
    modules = {p.stem for p in app_dir.glob("*.py")} - {"__init__"}
    assert set(APP_RANK) <= modules
    pages = modules - set(APP_RANK) - APP_TOP
    assert {"network", "presentation", "meeting", "reply_page"} <= pages
    wrong = []
    for path in sorted(app_dir.glob("*.py")):
        me = path.stem
        for other in _app_imports(path) - {me}:
            if other in pages:
                wrong.append(f"{me} imports the page {other}")
            elif me in APP_RANK and APP_RANK[other] >= APP_RANK[me]:
                wrong.append(f"{me} imports {other}, not below it")
    assert not wrong, wrong
