"""Every message a workspace error can show exists in French and English."""

from __future__ import annotations

import re

from ws_fixtures import ROOT

import ess_graph.workspace.edits
import ess_graph.workspace.export
import ess_graph.workspace.journal
import ess_graph.workspace.merge
import ess_graph.workspace.snapshots
import ess_graph.workspace.store  # noqa: F401  (registers the strings)
from ess_graph.i18n import _TABLE


def test_every_error_code_has_french_and_english_text():
    source = "\n".join(
        p.read_text(encoding="utf-8") for p in (ROOT / "ess_graph" / "workspace").glob("*.py")
    )
    codes = set(re.findall(r'WorkspaceError\(\s*"([a-z_]+)"', source))
    codes |= {"conflict_changed", "conflict_removed", "conflict_exists", "invalid"}
    assert len(codes) >= 10
    for code in sorted(codes):
        texts = _TABLE.get(f"workspace.{code}")
        assert texts is not None, code
        assert texts.get("fr") and texts.get("en"), code


def test_every_workspace_key_is_translated():
    keys = [k for k in _TABLE if k.startswith("workspace.")]
    assert keys
    for key in keys:
        assert _TABLE[key].get("en"), key
        # same placeholders in both languages
        fr = set(re.findall(r"{(\w+)}", _TABLE[key]["fr"]))
        en = set(re.findall(r"{(\w+)}", _TABLE[key]["en"]))
        assert fr == en, key
