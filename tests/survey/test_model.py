"""`check_answer`: what a form may hold, each refusal named where the form shows it."""

from __future__ import annotations

import pytest

from ess_graph.survey.model import (
    MAX_PARTNERS,
    MAX_TEXT,
    Answer,
    answer_from_dict,
    check_answer,
)

ME = {
    "id": "a",
    "name": "Alpha",
    "family": "association",
    "sector": "culture",
    "territory": "brest",
}
ROSTER = {
    sid: {**ME, "id": sid, "name": name}
    for sid, name in (("b", "Beta"), ("c", "Gamma"), ("d", "Delta"))
}


def check(data: dict) -> tuple[Answer, list[tuple[int, str, str, str]]]:
    clean, problems = check_answer(answer_from_dict(data), respondent=ME, roster=ROSTER)
    return clean, [(p.line, p.column, p.code, p.severity) for p in problems]


def partners(*entries: dict) -> dict:
    return {"partners": list(entries)}


def test_a_clean_answer_has_no_problem_and_keeps_every_field():
    clean, problems = check(
        {
            "partners": [
                {
                    "structure": "b",
                    "kinds": ["cooperation", "pooling"],
                    "since": "2010",
                    "frequency": "monthly",
                    "value": 3,
                    "trust": "4",
                },
                {"name": "Ti Récup", "commune": "Morlaix", "kinds": ["pooling"]},
            ],
            "needs": ["vehicle"],
            "offers": ["premises", "skills"],
            "functions": {"strategy": 4, "visibility": "2"},
            "comment": "merci",
        }
    )
    assert problems == []
    first, second = clean.partners
    assert (
        first.structure,
        first.kinds,
        first.since,
        first.frequency,
        first.value,
        first.trust,
    ) == (
        "b",
        ["cooperation", "pooling"],
        "2010",
        "monthly",
        3,
        4,
    )
    assert (second.structure, second.name, second.commune) == ("", "Ti Récup", "Morlaix")
    assert clean.needs == ["vehicle"] and clean.offers == ["premises", "skills"]
    assert clean.functions == {"strategy": 4, "visibility": 2}


@pytest.mark.parametrize(
    ("entry", "expected"),
    [
        # a structure id the campaign's roster does not hold
        ({"structure": "zz", "kinds": ["pooling"]}, (1, "structure", "survey_unknown_partner")),
        # the respondent itself
        ({"structure": "a", "kinds": ["pooling"]}, (1, "structure", "survey_self_partner")),
        # no kind ticked
        ({"structure": "b", "kinds": []}, (1, "kinds", "survey_no_kind")),
        # neither a roster structure nor a name
        ({"kinds": ["pooling"]}, (1, "name", "survey_no_partner_name")),
        # a kind of the data contract the survey does not ask (funding), and an unknown one
        ({"structure": "b", "kinds": ["funding"]}, (1, "kinds", "survey_bad_choice")),
        ({"structure": "b", "kinds": ["friendship"]}, (1, "kinds", "survey_bad_choice")),
        # the year goes through the one validator, as in a file
        (
            {"structure": "b", "kinds": ["pooling"], "since": "vers 2015"},
            (1, "since", "not_a_year"),
        ),
        (
            {"structure": "b", "kinds": ["pooling"], "frequency": "daily"},
            (1, "frequency", "survey_bad_choice"),
        ),
        ({"structure": "b", "kinds": ["pooling"], "value": 5}, (1, "value", "survey_bad_choice")),
        ({"structure": "b", "kinds": ["pooling"], "trust": 0}, (1, "trust", "survey_bad_choice")),
        (
            {"structure": "b", "kinds": ["pooling"], "trust": "beaucoup"},
            (1, "trust", "survey_bad_choice"),
        ),
    ],
)
def test_a_partner_entry_is_refused_with_its_line_and_column(entry, expected):
    _, problems = check(partners(entry))
    errors = [p[:3] for p in problems if p[3] == "error"]
    assert errors == [expected]


def test_the_same_partner_twice_is_refused_on_the_second_line_naming_the_first():
    _, problems = check(
        partners(
            {"structure": "c", "kinds": ["pooling"]},
            {"structure": "b", "kinds": ["pooling"]},
            {"structure": "b", "kinds": ["cooperation"]},
            {"name": "L'Atelier Vélo", "commune": "Brest", "kinds": ["pooling"]},
            # the same name folded (case, accents, punctuation) and the same commune
            {"name": "l atelier velo", "commune": "BREST", "kinds": ["pooling"]},
            # the same name in another commune is another partner
            {"name": "L'Atelier Vélo", "commune": "Morlaix", "kinds": ["pooling"]},
        )
    )
    assert problems == [
        (3, "structure", "survey_partner_twice", "error"),
        (5, "name", "survey_partner_twice", "error"),
    ]


def test_the_year_as_the_validator_reads_it():
    clean, problems = check(partners({"structure": "b", "kinds": ["pooling"], "since": "2015.0"}))
    assert problems == [] and clean.partners[0].since == "2015"


def test_a_year_out_of_range_is_refused_by_the_validator():
    _, problems = check(partners({"structure": "b", "kinds": ["pooling"], "since": "1066"}))
    assert [(p[0], p[1], p[3]) for p in problems] == [(1, "since", "error")]


def test_survey_fields_outside_their_vocabulary_are_refused():
    _, problems = check(
        {
            "needs": ["vehicle", "spaceship"],
            "offers": ["time machine"],
            "functions": {"strategy": 5, "world_peace": 4, "visibility": 3},
        }
    )
    assert problems == [
        (0, "needs", "survey_bad_choice", "error"),
        (0, "offers", "survey_bad_choice", "error"),
        (0, "functions.strategy", "survey_bad_choice", "error"),
        (0, "functions.world_peace", "survey_bad_choice", "error"),
    ]


def test_french_labels_are_read_as_codes():
    clean, problems = check(
        {
            "partners": [
                {"structure": "b", "kinds": ["Mutualisation", "Coopération"]},
                {"structure": "c", "kinds": ["Sous-traitance"]},
            ],
            "needs": ["Locaux", "véhicule"],
            "offers": ["Compétences", "emploi partagé"],
        }
    )
    assert problems == []
    assert [p.kinds for p in clean.partners] == [["cooperation", "pooling"], ["subcontracting"]]
    assert clean.needs == ["premises", "vehicle"]
    assert clean.offers == ["shared_employee", "skills"]


def test_control_characters_are_removed_with_a_warning():
    clean, problems = check(
        {
            "partners": [{"name": "Ti\x00 Récup\x1b", "commune": "Morlaix", "kinds": ["pooling"]}],
            "comment": "bien\x07 reçu",
        }
    )
    assert clean.partners[0].name == "Ti Récup" and clean.comment == "bien reçu"
    assert problems == [
        (1, "name", "survey_control_characters", "warning"),
        (0, "comment", "survey_control_characters", "warning"),
    ]


def test_too_long_text_and_too_many_partners_are_refused():
    _, problems = check({"needs_text": "x" * (MAX_TEXT + 1), "comment": "y" * MAX_TEXT})
    assert problems == [(0, "needs_text", "survey_too_long", "error")]
    many = [{"name": f"P{i}", "kinds": ["pooling"]} for i in range(MAX_PARTNERS + 1)]
    _, problems = check({"partners": many})
    assert problems == [(0, "partners", "survey_too_many_partners", "error")]


def test_answer_from_dict_ignores_what_is_not_an_answer():
    answer = answer_from_dict(
        {"partners": ["not a mapping", {"structure": "b", "kinds": "pooling|cooperation"}], "x": 1}
    )
    assert len(answer.partners) == 1 and answer.partners[0].kinds == ["pooling", "cooperation"]
