"""A whole campaign simulated on the demo workspace gives the figures of its own plan.

The simulation lives in bench/bench_survey.py (which also times it for
docs/PERFORMANCE.md): it decides who answers, which true ties each respondent declares
(some omitted: one-sided ties), the partners typed outside the roster, the needs, offers
and ratings; ess_graph then runs the campaign end to end (open, links, answers, follow-up,
apply, apply again, undo). Here every figure is compared with the plan.
"""

from __future__ import annotations

import importlib.util
import sys
from argparse import Namespace

import pytest
from survey_fixtures import ROOT

BENCH = ROOT / "bench" / "bench_survey.py"


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("bench_survey", BENCH)
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_survey"] = module
    spec.loader.exec_module(module)
    yield module
    sys.modules.pop("bench_survey", None)


@pytest.mark.slow
def test_a_simulated_campaign_gives_the_figures_of_its_plan(bench, tmp_path):
    result = bench.simulate_campaign(tmp_path / "simulation.sqlite")
    truth, measured = result["truth"], result["measured"]
    assert truth["invited"] == 250 and 0 < truth["answered"] < 250
    assert truth["one_sided_other_answered"] > 0 and truth["one_sided_other_silent"] > 0
    assert truth["apply"]["confirmed_added"] > 0 and truth["apply"]["unchanged_links"] > 0
    for key in truth:
        assert measured[key] == truth[key], key
    assert all(result["checks"].values()), result["checks"]


@pytest.mark.slow
@pytest.mark.benchmark
def test_the_bench_runs_on_a_small_campaign_and_writes_its_table(bench, tmp_path):
    scale = bench.scale_campaign(tmp_path / "scale.sqlite", 120, 200, repeat=1)
    assert scale["declared_ties"] == 200 and scale["apply_again_changes"] == 0
    assert scale["undone_rows"] > 0
    sim = bench.simulate_campaign(tmp_path / "sim.sqlite", existing_ties=40, new_ties=60)
    text = bench.report(scale, sim, Namespace(structures=120, ties=200, repeat=1))
    assert "| declared_ties |" in text and "NO" not in text and "differs" not in text
