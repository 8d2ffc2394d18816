"""Forty respondents submit at the same moment against one workspace file: nothing lost.

Each respondent is an OS process (spawn) holding its own connection; all wait at a barrier
and then call `save_answer` together, as forty people clicking « Envoyer » at once would
through the app's server threads. SQLite serialises the writes (BEGIN IMMEDIATE, busy
timeout, retries: ess_graph.workspace.store); every answer must be kept and journaled and
no respondent may see an error such as « database is locked ».
"""

from __future__ import annotations

import multiprocessing as mp
import queue

import pytest
from survey_fixtures import make_workspace, submit_at_once, tokens_of

from ess_graph.survey import campaigns as sc
from ess_graph.workspace.store import Workspace

N = 40


@pytest.mark.slow
def test_forty_processes_submitting_at_once_lose_nothing(tmp_path):
    # (spawned children re-run ``__main__``: tests/app/conftest.py keeps it pytest's own)
    ids = [f"s{i:02d}" for i in range(N)]
    structures = [
        {
            "id": sid,
            "name": f"Structure {sid}",
            "family": "association",
            "sector": "culture",
            "territory": "brest",
        }
        for sid in ids
    ]
    path = tmp_path / "forty.sqlite"
    with make_workspace(path, structures, links=[]) as ws:
        sc.open_campaign(ws, "Enquête", who="coord", everyone=True)
        tokens = tokens_of(sc.issue_links(ws, "Enquête", who="coord"))
    ctx = mp.get_context("spawn")
    barrier = ctx.Barrier(N)
    results = ctx.Queue()
    # each names the next two structures (in a ring): 80 declarations in all
    partners = {sid: [ids[(i + 1) % N], ids[(i + 2) % N]] for i, sid in enumerate(ids)}
    procs = [
        ctx.Process(
            target=submit_at_once, args=(str(path), tokens[sid], partners[sid], barrier, results)
        )
        for sid in ids
    ]
    for p in procs:
        p.start()
    reports = []
    try:
        for _ in range(N):
            reports.append(results.get(timeout=900))
    except queue.Empty:
        pass
    for p in procs:
        p.join(timeout=60)
    assert [p.exitcode for p in procs] == [0] * N
    errors = [r for r in reports if r[1] != "ok"]
    assert errors == []  # in particular, no "database is locked"
    assert len(reports) == N and {r[2] for r in reports} == {1}
    with Workspace(path) as ws:
        rows = ws.connection.execute(
            "SELECT structure, status, answer FROM survey_answers ORDER BY structure"
        ).fetchall()
        journal = ws.connection.execute(
            "SELECT who FROM journal WHERE tbl = 'survey_answers' AND action = 'add'"
        ).fetchall()
        assert ws.integrity_check() == "ok"
    assert [r[0] for r in rows] == ids and {r[1] for r in rows} == {"submitted"}
    assert sorted(w for (w,) in journal) == sorted(f"survey:{sid}" for sid in ids)
    for sid, _status, text in rows:  # each kept its own answer, not another's
        assert all(p in text for p in partners[sid])
