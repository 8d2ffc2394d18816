"""Import: merge by id, plan before commit, invalid rows left out; export round trip."""

from __future__ import annotations

import pandas as pd
import pytest
from ws_fixtures import DEMO, TINY, write_tiny

from ess_graph.io.read import read_network
from ess_graph.workspace.edits import edit_row
from ess_graph.workspace.export import export_workspace
from ess_graph.workspace.merge import commit_import, plan_import
from ess_graph.workspace.store import ConflictError, Workspace


def _assert_same_tables(a, b):
    for name, frame in a.tables().items():
        pd.testing.assert_frame_equal(frame, b.tables()[name], check_exact=True)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_demo_round_trip_gives_identical_tables(demo_ws, tmp_path, fmt):
    out = tmp_path / ("out.xlsx" if fmt == "xlsx" else "out")
    export_workspace(demo_ws, out, format=fmt)
    exported = read_network(out)
    original = read_network(DEMO)
    assert exported.problems == []
    _assert_same_tables(original, exported)
    assert exported.is_demo  # the FICTIONAL notice travels with the network
    assert exported.meta["fictional_text"] == original.meta["fictional_text"]


def test_demo_import_counts_match_the_files(demo_ws):
    original = read_network(DEMO)
    for name, frame in original.tables().items():
        assert demo_ws.count(name) == len(frame), name


def test_reimport_leaves_everything_alone(demo_ws):
    plan = plan_import(demo_ws, DEMO)
    assert plan.is_empty
    assert plan.counts()["unchanged"].sum() == sum(
        len(f) for f in read_network(DEMO).tables().values()
    )


def test_plan_lists_adds_changes_and_unchanged(tiny_ws, tmp_path):
    # Same tiny network with: Delta renamed, a new structure e, a new link d-e, and
    # the a-b cooperation now weighs 3.
    changed = write_tiny(
        tmp_path / "v2",
        **{
            "structures.csv": TINY["structures.csv"].replace("d,Delta", "d,Delta bis")
            + "e,Epsilon,association,sport,morlaix,,\n",
            "links.csv": TINY["links.csv"].replace(
                "a,b,cooperation,2005,1", "a,b,cooperation,2005,3"
            )
            + "d,e,pooling,2010,1,confirmed\n",
        },
    )
    plan = plan_import(tiny_ws, changed)
    counts = plan.counts().set_index("table")
    assert counts.loc["structures"].tolist() == [1, 1, 3]  # added e; changed d; a, b, c
    assert counts.loc["links"].tolist() == [1, 1, 3]
    assert counts.loc["territories"].tolist() == [0, 0, 2]
    text = plan.summary("en")
    # 14 rows before, 2 of them changed: 12 left alone
    assert "2 row(s) to add, 2 to change, 12 left alone" in text
    assert "name: Delta → Delta bis" in text
    # nothing written before commit
    assert tiny_ws.get("structures", "e") is None
    commit_import(tiny_ws, plan, who="Anne")
    assert tiny_ws.get("structures", "d").values["name"] == "Delta bis"
    assert tiny_ws.get("structures", "d").version == 2
    assert tiny_ws.get("structures", "e").version == 1
    assert tiny_ws.network().problems == []


def test_invalid_rows_are_reported_and_not_imported(tmp_path):
    bad = write_tiny(
        tmp_path / "bad",
        **{
            "structures.csv": TINY["structures.csv"] + "e,Epsilon,club,sport,morlaix,,\n",
            "links.csv": TINY["links.csv"] + "a,zz,pooling,2010,1,confirmed\n",
        },
    )
    with Workspace.create(tmp_path / "w.sqlite") as ws:
        plan = plan_import(ws, bad)
        # structures line 6 (family "club") and links line 6 (unknown target)
        assert sorted((p.file, p.line) for p in plan.problems if p.is_error) == [
            ("links", 6),
            ("structures", 6),
        ]
        commit_import(ws, plan, who="Anne")
        assert ws.get("structures", "e") is None
        assert ws.count("structures") == 4 and ws.count("links") == 4


def test_extra_columns_absent_from_the_file_are_kept(tiny_ws, tmp_path):
    without = write_tiny(
        tmp_path / "noextra",
        **{
            "structures.csv": "\n".join(
                ",".join(line.split(",")[:6]) for line in TINY["structures.csv"].splitlines()
            )
            + "\n"
        },
    )
    plan = plan_import(tiny_ws, without)
    assert plan.is_empty
    assert tiny_ws.get("structures", "a").values["contact_email"] == "alice@example.org"


def test_commit_refuses_a_plan_made_stale_by_an_edit(tiny_ws, tmp_path):
    changed = write_tiny(
        tmp_path / "v2",
        **{"structures.csv": TINY["structures.csv"].replace("d,Delta", "d,Delta bis")},
    )
    plan = plan_import(tiny_ws, changed)
    edit_row(tiny_ws, "structures", "d", {"name": "Delta ter"}, version=1, who="Bob")
    journal_before = tiny_ws.connection.execute("SELECT COUNT(*) FROM journal").fetchone()[0]
    with pytest.raises(ConflictError) as exc:
        commit_import(tiny_ws, plan, who="Anne")
    assert exc.value.current.values["name"] == "Delta ter"
    assert tiny_ws.get("structures", "d").values["name"] == "Delta ter"
    after = tiny_ws.connection.execute("SELECT COUNT(*) FROM journal").fetchone()[0]
    assert after == journal_before


def test_an_id_used_by_another_kind_of_node_is_refused(tiny_ws, tmp_path):
    clash = write_tiny(
        tmp_path / "clash",
        **{"partners.csv": TINY["partners.csv"] + "d,Banque D,banque\n"},
    )
    # In the file alone "d" is both a structure and a partner: the reader rejects the
    # partner row (first row wins, structures first), so nothing clashes in the plan.
    plan = plan_import(tiny_ws, clash)
    assert any(p.code == "id_duplicated" for p in plan.problems)
    assert plan.is_empty
    # A file where "p" is a partner (while the workspace has the pôle "p")
    other = write_tiny(
        tmp_path / "other",
        **{
            "structures.csv": "id,name,family,sector,territory\nz,Z,association,sport,brest\n",
            "poles.csv": "id,name,territory,status\n",
            "partners.csv": "id,name,kind\np,Partner P,banque\n",
            "links.csv": "source,target,kind\n",
        },
    )
    plan = plan_import(tiny_ws, other)
    assert plan.refused == [("partners", "p", "poles")]
    commit_import(tiny_ws, plan, who="Anne")
    assert tiny_ws.get("partners", "p") is None and tiny_ws.get("structures", "z") is not None


def test_needs_and_offers_live_among_the_extra_cells_and_survive_an_import_without_them(
    tiny_ws, tmp_path
):
    # The survey columns are no part of the workspace's SQLite layout (schema.Table.
    # survey_columns): stored as extra cells, read back through the validator.
    from ess_graph.schema import STRUCTURES

    answers = TINY["structures.csv"].replace("contact_email\n", "contact_email,besoins,offres\n")
    answers = answers.replace("alice@example.org\n", 'alice@example.org,"Locaux; véhicule",\n')
    answers = answers.replace("morlaix,,\n", "morlaix,,,,Formation\n", 1)
    commit_import(
        tiny_ws,
        plan_import(tiny_ws, write_tiny(tmp_path / "s", **{"structures.csv": answers})),
        who="Enquête",
    )
    columns = [r[1] for r in tiny_ws._conn.execute("PRAGMA table_info(structures)")]
    assert "needs" not in columns and set(STRUCTURES.names) <= set(columns)
    s = tiny_ws.network().structures.set_index("id")
    assert s.loc["a", "needs"] == "premises|vehicle" and s.loc["c", "offers"] == "training"
    # the tiny files again, without needs and offers: the answers stay
    commit_import(tiny_ws, plan_import(tiny_ws, write_tiny(tmp_path / "t")), who="Import")
    assert tiny_ws.network().structures.set_index("id").loc["a", "needs"] == "premises|vehicle"
