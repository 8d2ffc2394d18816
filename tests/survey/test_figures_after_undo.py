"""The figures of a campaign once its integration was undone.

Found while building the Enquête page (ess_graph_app/survey_page.py): applying a campaign
registers the structures' ``needs`` and ``offers`` columns; undoing it leaves them
registered with no row holding them, and reading the structures then filled a column of
NaN with "" (a pandas warning today, an error in pandas 4).
"""

from __future__ import annotations

import sys
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[1] / "app"))
from app_fixtures import SURVEY_NAME, survey_workspace, write_network

from ess_graph.survey import campaigns, follow
from ess_graph.survey.apply import apply_campaign
from ess_graph.workspace.edits import undo_last
from ess_graph.workspace.store import Workspace


def test_figures_read_after_an_undone_integration(tmp_path):
    write_network(tmp_path / "net")
    path = tmp_path / "w.sqlite"
    tokens = survey_workspace(tmp_path / "net", path)
    with Workspace(path) as ws:
        answer = {"partners": [{"structure": "s006", "kinds": ["pooling"]}], "needs": ["vehicle"]}
        campaigns.save_answer(ws, tokens["s000"], answer, submit=True)
        apply_campaign(ws, SURVEY_NAME, who="coord")
        undo_last(ws, who="coord")
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            data = follow.campaign_data(ws, SURVEY_NAME)
            late = follow.non_respondents(data)
            links = campaigns.issue_links(ws, SURVEY_NAME, structures=["s001"], who="coord")
    assert follow.summary(data)["answered"] == 1
    assert "s000" not in set(late["structure"]) and len(late) == 13  # 14 invited, 1 answered
    assert list(links["structure"]) == ["s001"]
    assert (data.structures["needs"] == "").all()  # the undone needs are gone, as text
