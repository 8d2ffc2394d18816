"""Saved views: query parameters, the JSON document, checking against a network, and what
a hostile link or file can do (nothing but warnings)."""

from __future__ import annotations

import json
from urllib.parse import parse_qsl, urlencode

import pytest

from ess_graph.data import demo_dir
from ess_graph.io.read import read_network
from ess_graph.views import (
    COMMENT_MAX,
    FILE_MAX_BYTES,
    NAME_MAX,
    PARAM_KEYS,
    TITLE_MAX,
    Presentation,
    SavedView,
    check_view,
    format_view_problems,
    is_view_url,
    view_from_dict,
    view_from_params,
    view_to_dict,
    view_to_params,
    views_from_json,
    views_to_json,
)


@pytest.fixture(scope="module")
def demo():
    return read_network(demo_dir())


FULL = SavedView(
    name="Pôle de Brest",
    title="Qui coopère à Brest ?",
    comment="Les structures du pays de Brest, par secteur",
    scale="structure",
    territories=("brest", "morlaix"),
    poles=("adess_brest",),
    sectors=("culture",),
    families=("association", "cooperative"),
    kinds=("pooling",),
    years=(2005, 2009),
    color_by="family",
    size_by="betweenness",
    focus="s0001",
    depth=2,
)


# The dataclass -------------------------------------------------------------------------------


def test_defaults_are_the_reseau_page_defaults():
    view = SavedView("v")
    assert (view.scale, view.color_by, view.size_by, view.depth) == (
        "structure",
        "sector",
        "degree",
        1,
    )
    assert view.filters == (None, None, None, None, None, None)
    assert FULL.filters == (
        ("brest", "morlaix"),
        ("adess_brest",),
        ("culture",),
        ("association", "cooperative"),
        ("pooling",),
        (2005, 2009),
    )


@pytest.mark.parametrize(
    "bad",
    [{"scale": "galaxy"}, {"color_by": "x"}, {"size_by": "x"}, {"depth": 3}, {"years": (9, 1)}],
)
def test_a_value_outside_the_vocabularies_is_a_programming_error(bad):
    with pytest.raises(ValueError):
        SavedView("v", **bad)


# Query parameters ----------------------------------------------------------------------------


def test_params_round_trip_every_field():
    params = view_to_params(FULL)
    # Through a real URL: encoded, then decoded as a browser and streamlit do.
    decoded = dict(parse_qsl(urlencode(params)))
    view, problems = view_from_params(decoded)
    assert problems == []
    assert view == FULL


def test_params_are_short_and_stable():
    # The keys are a promise to every link already sent: written here by hand.
    assert view_to_params(FULL) == {
        "vue": "Pôle de Brest",
        "titre": "Qui coopère à Brest ?",
        "note": "Les structures du pays de Brest, par secteur",
        "territoire": "brest,morlaix",
        "pole": "adess_brest",
        "secteur": "culture",
        "famille": "association,cooperative",
        "lien": "pooling",
        "annees": "2005-2009",
        "couleur": "family",
        "taille": "betweenness",
        "focus": "s0001",
        "profondeur": "2",
    }
    assert view_to_params(SavedView("")) == {}  # the defaults say nothing
    assert set(PARAM_KEYS.values()) >= {"vue", "echelle", "territoire"}


def test_an_id_holding_a_comma_or_a_percent_survives():
    view = SavedView("v", territories=("Pays de Brest, nord", "100%", "x%2Cy"))
    decoded = dict(parse_qsl(urlencode(view_to_params(view))))
    assert view_from_params(decoded)[0].territories == view.territories


def test_repeated_keys_add_filters_and_the_last_scalar_wins():
    view, problems = view_from_params(
        {"territoire": ["brest", "morlaix,lorient"], "echelle": ["pole", "sector"]}
    )
    assert view.territories == ("brest", "morlaix", "lorient")
    assert view.scale == "sector"
    assert problems == []


def test_is_view_url():
    assert is_view_url({"vue": "x"})
    assert is_view_url({"territoire": "brest"})
    assert not is_view_url({"enquete": "abc"})
    assert not is_view_url({})


def test_unknown_ids_are_dropped_with_a_warning_never_an_exception(demo):
    view, problems = view_from_params(
        {
            "vue": "v",
            "territoire": "brest,atlantide",
            "pole": "nowhere",
            "secteur": "culture",
            "famille": "association,pirates",
            "lien": "pooling,membership",
            "focus": "s9999999",
        },
        demo,
    )
    assert view.territories == ("brest",)
    assert view.poles == ()
    assert view.families == ("association",)
    assert view.kinds == ("pooling",)  # membership joins structures to pôles: not a filter
    assert view.focus is None
    found = {(p.field, p.params.get("value")) for p in problems}
    assert found == {
        ("territories", "atlantide"),
        ("poles", "nowhere"),
        ("families", "pirates"),
        ("kinds", "membership"),
        ("focus", "s9999999"),
    }
    assert all(not p.is_error for p in problems)
    text = format_view_problems(problems, "fr")
    assert "territoire inconnu « atlantide » (ignoré)" in text
    assert "lien : vue « v », champ territories" in text


def test_years_outside_the_networks_links_are_dropped(demo):
    view, problems = view_from_params({"annees": "1850-1860"}, demo)
    assert view.years is None
    assert [p.code for p in problems] == ["years_outside"]
    view, problems = view_from_params({"annees": "2005-2009"}, demo)
    assert view.years == (2005, 2009) and problems == []


HOSTILE = [
    ({"titre": "Bilan\x1b[2J\x07 2009"}, "title", "Bilan[2J 2009"),
    ({"note": "ligne 1\nligne 2\r\nligne 3"}, "comment", "ligne 1 ligne 2 ligne 3"),
    ({"titre": "abc\u202eevil\u2066"}, "title", "abcevil"),  # bidi override: Trojan Source
    ({"vue": "\ud800x"}, "name", "x"),  # a lone surrogate cannot even be encoded
]


@pytest.mark.parametrize(("params", "name", "expected"), HOSTILE)
def test_hostile_text_is_cleaned_and_reported(params, name, expected):
    view, problems = view_from_params(params)
    assert getattr(view, name) == expected
    assert [p.code for p in problems] == ["text_cleaned"]
    json.dumps(view_to_dict(view)).encode("utf-8")  # writable anywhere


def test_markup_is_kept_as_text():
    # « < » and « > » mean what they say in a title; whoever shows it escapes it
    view, problems = view_from_params(
        {"vue": "<script>alert(1)</script>Brest", "titre": "Âge < 5 ans et liens > 2"}
    )
    assert view.name == "<script>alert(1)</script>Brest"
    assert view.title == "Âge < 5 ans et liens > 2"
    assert problems == []


def test_huge_values_are_cut_or_dropped():
    huge = "x" * 100_000
    view, problems = view_from_params(
        {"vue": huge, "titre": huge, "note": huge, "territoire": huge, "focus": huge}
    )
    assert (len(view.name), len(view.title), len(view.comment)) == (
        NAME_MAX,
        TITLE_MAX,
        COMMENT_MAX,
    )
    assert view.territories == () and view.focus is None
    many = ",".join(f"t{i}" for i in range(5000))
    view, problems = view_from_params({"territoire": many})
    assert len(view.territories) == 500
    assert [p.code for p in problems] == ["too_many"]


@pytest.mark.parametrize(
    ("params", "field", "code"),
    [
        ({"echelle": "<b>galaxy</b>"}, "scale", "bad_choice"),
        ({"couleur": "javascript:alert(1)"}, "color_by", "bad_choice"),
        ({"taille": "1e308"}, "size_by", "bad_choice"),
        ({"profondeur": "99"}, "depth", "bad_choice"),
        ({"annees": "2009"}, "years", "bad_years"),
        ({"annees": "abc-def"}, "years", "bad_years"),
        ({"annees": "2010-2001"}, "years", "bad_years"),
        ({"annees": "-5-3"}, "years", "bad_years"),
        ({"annees": "0-99999999999999999999"}, "years", "bad_years"),
        ({"territoire": "a\x00b"}, "territories", "bad_id"),
        ({"<img src=x onerror=alert(1)>": "1"}, "", "unknown_param"),
        ({"x\x1b[2J": "1"}, "", "unknown_param"),
    ],
)
def test_unreadable_values_keep_the_default(params, field, code):
    view, problems = view_from_params(params)
    default = SavedView("")
    assert [(p.field, p.code) for p in problems] == [(field, code)]
    for name in ("scale", "color_by", "size_by", "depth", "years", "territories"):
        assert getattr(view, name) == getattr(default, name)
    # The message shows the value without its controls (markup stays text: escaped
    # where shown).
    message = problems[0].message("en")
    assert "\x00" not in message and "\x1b" not in message


def test_streamlits_own_parameters_are_not_reported():
    assert view_from_params({"embed": "true", "enquete": "x"})[1] == []


# Checking against a network ------------------------------------------------------------------


def test_check_view_keeps_known_ids(demo):
    view = SavedView(
        "v", territories=("brest",), poles=("adess_brest",), sectors=("culture",), focus="s0001"
    )
    assert check_view(view, demo) == (view, [])


# The JSON document ---------------------------------------------------------------------------


def test_json_round_trip():
    other = SavedView("Région", scale="pole")
    text = views_to_json([FULL, other], [Presentation("Rencontre", [FULL.name, "Région"])])
    doc = views_from_json(text)
    assert doc.problems == ()
    assert doc.views == (FULL, other)
    assert doc.presentations == (Presentation("Rencontre", ("Pôle de Brest", "Région")),)
    assert json.loads(text)["version"] == 1


def test_a_bad_view_is_reported_and_the_others_are_kept():
    """The rule « nothing valid is lost »: each entry decided on its own."""
    doc = {
        "format": "ess_graph.views",
        "version": 1,
        "views": [
            {"name": "Bonne", "scale": "pole"},
            "pas une vue",
            {"title": "sans nom"},
            {"name": "Abîmée", "scale": "galaxy", "territories": "brest", "colour": "red"},
            {"name": "bonne"},  # the same name, case aside
        ],
        "presentations": [
            {"name": "P", "views": ["Bonne", "Disparue", "Abîmée", "sans nom"]},
            {"views": ["Bonne"]},
        ],
    }
    read = views_from_json(json.dumps(doc), where="vues.json")
    assert [v.name for v in read.views] == ["Bonne", "Abîmée"]
    damaged = read.views[1]
    assert damaged.scale == "structure" and damaged.territories == ()
    assert read.presentations == (Presentation("P", ("Bonne", "Abîmée")),)
    lines = format_view_problems(read.problems, "en").splitlines()
    assert lines == [
        "vues.json: view '#2': is written as a JSON object {…}: left out",
        "vues.json: view '#3': a view needs a name: view left out",
        "vues.json: view 'Abîmée', field territories: 'territories' must be a list [...]: ignored",
        "vues.json: view 'Abîmée', field colour: unknown field 'colour' (ignored)",
        "vues.json: view 'Abîmée', field scale: unknown value 'galaxy' (expected: structure, pole, sector); 'structure' kept",
        "vues.json: view 'bonne': another entry already has this name: this one is left out",
        "vues.json: presentation 'P': unknown view 'Disparue' (ignored)",
        "vues.json: presentation 'P': unknown view 'sans nom' (ignored)",
        "vues.json: presentation '#2': a presentation needs a name: left out",
    ]
    assert [p.is_error for p in read.problems].count(True) == 4


def test_json_checked_against_the_network(demo):
    text = views_to_json([SavedView("v", territories=("brest", "atlantide"))])
    read = views_from_json(text, where="v.json", net=demo)
    assert read.views[0].territories == ("brest",)
    assert [p.message("en") for p in read.problems] == [
        "v.json: view 'v', field territories: unknown territory 'atlantide' (ignored)"
    ]


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"\xff\xfe not utf-8", "not_json"),
        ("{not json", "not_json"),
        ("[1, 2]", "not_views_file"),
        ('{"format": "other", "version": 1}', "not_views_file"),
        ('{"format": "ess_graph.views", "version": 2, "views": []}', "newer_file"),
        ('{"format": "ess_graph.views", "version": "1"}', "newer_file"),
        ("[" * 100_000 + "]" * 100_000, "not_json"),  # deep nesting
        (" " * (FILE_MAX_BYTES + 1), "too_big"),
    ],
)
def test_a_file_that_is_not_a_views_file_gives_one_error(content, code):
    read = views_from_json(content, where="x.json")
    assert read.views == ()
    assert [(p.code, p.is_error) for p in read.problems] == [(code, True)]
    assert read.problems[0].message("fr").startswith("x.json : ")


def test_view_from_dict_needs_a_mapping_and_a_name():
    assert view_from_dict(None)[0] is None
    assert view_from_dict({"name": "  "})[0] is None
    assert view_from_dict({"name": "ok", "years": [2001, 2003]})[0].years == (2001, 2003)
    view, problems = view_from_dict({"name": "ok", "years": [True, 3]})
    assert view.years is None and [p.code for p in problems] == ["bad_years"]
