"""Données: an upload's report puts root causes first and says what would be lost; losing
a whole table asks for a tick; a pending upload survives a visit to another page.

Driven through streamlit's AppTest on `app_fixtures.write_network` (40 structures, 60
ties): the counts below come from that construction and from the files uploaded here.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).parent))  # works whatever pytest's import mode
from app_fixtures import metric, start, write_network

DATA_PAGE = "ess_graph_app/data_page.py"


def _upload(at, files: dict[str, bytes]) -> None:
    at.get("file_uploader")[0].set_value(
        [(name, content, "text/csv") for name, content in files.items()]
    )
    at.run()


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def _adopt_button(at):
    return next(b for b in at.button if b.key == "w_adopt")


def test_a_missing_table_is_named_first_and_adopting_asks_for_a_tick(app_env, tmp_path):
    write_network(tmp_path / "other", n=25, ties=30, seed=3)
    files = _files(tmp_path / "other")
    del files["links.csv"]  # the whole links table would be lost
    at = start()
    at.switch_page(DATA_PAGE).run()
    _upload(at, files)
    assert not at.exception
    # the root cause comes first, in an error box of its own
    causes = [e.value for e in at.error]
    assert causes and causes[0].startswith("À corriger d'abord")
    assert "links" in causes[0] and "manquant" in causes[0]
    # the report table starts with it too
    report = at.dataframe[-1].value
    # (a whole file's problem has no line: the cell is empty, not "0")
    assert report.iloc[0]["Fichier"] == "links" and report.iloc[0]["Ligne"] is pd.NA
    # what would be lost, in words
    assert any(w.value == "Seraient laissées de côté : toute la table liens." for w in at.warning)
    # the button waits for the tick
    assert _adopt_button(at).disabled
    at.checkbox(key="w_adopt_confirm").check().run()
    assert not _adopt_button(at).disabled
    _adopt_button(at).click().run()
    assert not at.exception
    at.switch_page("ess_graph_app/overview.py").run()
    assert metric(at, "Structures") == "25"
    assert metric(at, "Liens de coopération") == "0"


def test_most_rows_of_a_table_lost_asks_too_and_a_clean_upload_does_not(app_env, tmp_path):
    write_network(tmp_path / "other", n=25, ties=30, seed=3)
    files = _files(tmp_path / "other")
    at = start()
    at.switch_page(DATA_PAGE).run()
    _upload(at, files)
    assert not at.get("checkbox") or not [c for c in at.checkbox if c.key == "w_adopt_confirm"]
    assert not _adopt_button(at).disabled
    # 20 of the 25 structures lose their family: their rows and most links go
    lines = files["structures.csv"].decode().splitlines()
    broken = [lines[0]] + [
        line.replace(",association,", ",?,")
        .replace(",cooperative,", ",?,")
        .replace(",mutuelle,", ",?,")
        .replace(",fondation,", ",?,")
        if i > 5
        else line
        for i, line in enumerate(lines[1:], start=1)
    ]
    files["structures.csv"] = ("\n".join(broken) + "\n").encode()
    _upload(at, files)
    kept = at.session_state["pending_upload"]
    assert kept["structures.csv"] == files["structures.csv"]
    warnings = [w.value for w in at.warning if w.value.startswith("Seraient")]
    assert warnings and "20 lignes sur 25 de la table structures" in warnings[0]
    assert _adopt_button(at).disabled


def test_a_pending_upload_and_its_report_survive_another_page(app_env, tmp_path):
    write_network(tmp_path / "other", n=25, ties=30, seed=3)
    at = start()
    at.switch_page(DATA_PAGE).run()
    _upload(at, _files(tmp_path / "other"))
    summary = [m.value for m in at.markdown if m.value.startswith("lignes gardées")]
    assert summary
    at.switch_page("ess_graph_app/overview.py").run()
    assert metric(at, "Structures") == "40"  # nothing adopted by leaving
    at.switch_page(DATA_PAGE).run()
    assert not at.exception
    assert [m.value for m in at.markdown if m.value.startswith("lignes gardées")] == summary
    assert any(c.value.startswith("Fichiers en attente : ") for c in at.caption)
    # adopt it from there
    _adopt_button(at).click().run()
    at.switch_page("ess_graph_app/overview.py").run()
    assert metric(at, "Structures") == "25"


def test_a_pending_upload_can_be_removed(app_env, tmp_path):
    write_network(tmp_path / "other", n=25, ties=30, seed=3)
    at = start()
    at.switch_page(DATA_PAGE).run()
    _upload(at, _files(tmp_path / "other"))
    at.switch_page("ess_graph_app/overview.py").run()
    at.switch_page(DATA_PAGE).run()
    at.button(key="w_discard_upload").click().run()
    assert "pending_upload" not in at.session_state
    assert not [b for b in at.button if b.key == "w_adopt"]
    # removing the files from the uploader itself drops them too
    _upload(at, _files(tmp_path / "other"))
    assert "pending_upload" in at.session_state
    at.get("file_uploader")[0].set_value([])
    at.run()
    assert "pending_upload" not in at.session_state
