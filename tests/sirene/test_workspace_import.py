"""`workspace import-sirene`: the SIRENE roster merged into a workspace through its
journal, by siret. A second import changes nothing; a closed establishment is one
journaled change; what the coordinators set (territory, family, pôle) stays.

Expected values come from tests/sirene/sirene_fixtures.py (what each row is) and from the
workspace's own journal and tables.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

from click.testing import CliRunner

sys.path.insert(0, str(Path(__file__).parent))
import sirene_fixtures as F

from ess_graph.cli import main
from ess_graph.workspace.edits import add_row, edit_row
from ess_graph.workspace.journal import journal_entries
from ess_graph.workspace.store import Workspace

SITE = "10000000100011"  # ASSOCIATION TI KER, Brest, active


def _run(ws: Path, units: Path, sites: Path, *extra: str):
    if not ws.exists():
        assert CliRunner().invoke(main, ["workspace", "--file", str(ws), "init"]).exit_code == 0
    return CliRunner().invoke(
        main,
        ["workspace", "--file", str(ws), "import-sirene", "--unites", str(units),
         "--etablissements", str(sites), "--yes", "--by", "Anne", *extra],
    )  # fmt: skip


def _structure(ws: Path, key: str) -> dict[str, str]:
    with Workspace(ws) as w:
        return next(r.values for r in w.rows("structures") if r.key == key)


def test_a_second_import_changes_nothing(tmp_path):
    units, sites = F.write_files(tmp_path, clean=True)
    ws = tmp_path / "w.sqlite"
    first = _run(ws, units, sites)
    assert first.exit_code == 0, first.output
    with Workspace(ws) as w:
        net = w.network()
        entries = journal_entries(w)
    assert len(net.structures) == F.EXPECTED["structures"]
    assert {e.origin for e in entries} == {"sirene:StockEtablissement_utf8.csv"}
    assert {e.who for e in entries} == {"Anne"}
    second = _run(ws, units, sites)
    assert second.exit_code == 0
    with Workspace(ws) as w:
        assert len(journal_entries(w)) == len(entries)


def test_a_closed_establishment_is_one_journaled_change_and_the_coordinators_choices_stay(
    tmp_path,
):
    units, sites = F.write_files(tmp_path, clean=True)
    ws = tmp_path / "w.sqlite"
    assert _run(ws, units, sites).exit_code == 0
    # The coordinators place the Brest association in their pays and correct the SCIC.
    with Workspace(ws) as w:
        add_row(w, "territories", {"id": "brest", "name": "Pays de Brest"}, who="Coord")
        row = next(r for r in w.rows("structures") if r.key == SITE)
        edit_row(w, "structures", SITE, {"territory": "brest"}, version=row.version, who="Coord")
        scic = next(r for r in w.rows("structures") if r.key == "10000000300016")
        edit_row(
            w,
            "structures",
            scic.key,
            {"family": "cooperative"},
            version=scic.version,
            who="Coord",
        )
        before = len(journal_entries(w))
    # A month later SIRENE says the Brest site closed and its bracket moved.
    rows = list(csv.DictReader(sites.open(encoding="utf-8")))
    for r in rows:
        if r["siret"] == SITE:
            r["etatAdministratifEtablissement"] = "F"
            r["trancheEffectifsEtablissement"] = "12"
    F.write_csv(sites, F.ESTABLISHMENT_HEADER, rows)
    result = _run(ws, units, sites)
    assert result.exit_code == 0, result.output
    with Workspace(ws) as w:
        new = journal_entries(w)[: len(journal_entries(w)) - before]
    assert [(e.action, e.table, e.key) for e in new] == [("change", "structures", SITE)]
    change = new[0]
    assert (change.before["etat"], change.after["etat"]) == ("A", "F")
    assert (change.before["employees"], change.after["employees"]) == ("15", "35")
    after = _structure(ws, SITE)
    assert after["territory"] == "brest"  # the coordinators' pays, not the département
    assert _structure(ws, "10000000300016")["family"] == "cooperative"
