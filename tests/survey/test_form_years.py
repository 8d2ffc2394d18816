"""A partner's year as the form sends it: empty, refused or typed with spaces.

Found while building the survey form (ess_graph_app/reply_page.py): a partner without a
year, or with a year the validator refuses, made `check_answer` raise instead of
returning the problem (the validator's NA compared with itself).
"""

from __future__ import annotations

import pytest

from ess_graph.survey.model import answer_from_dict, check_answer

ME = {"id": "a", "name": "A", "family": "association", "sector": "culture", "territory": "brest"}
ROSTER = {"b": {**ME, "id": "b", "name": "B"}}


def checked(since: str):
    answer = answer_from_dict(
        {"partners": [{"structure": "b", "kinds": ["pooling"], "since": since}]}
    )
    clean, problems = check_answer(answer, respondent=ME, roster=ROSTER)
    return clean.partners[0].since, [(p.line, p.column, p.code) for p in problems]


@pytest.mark.parametrize("since", ["vers 2015", "2015.5", "abc", "15"])
def test_a_refused_year_is_a_problem_of_that_partner(since):
    kept, problems = checked(since)
    assert problems == [(1, "since", "not_a_year")]
    assert kept == since  # kept as typed: the draft shows what was written


def test_no_year_is_no_problem():
    assert checked("") == ("", [])


def test_a_year_is_read_as_the_validator_reads_it():
    assert checked(" 2015 ") == ("2015", [])
