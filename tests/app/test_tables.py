"""The tables, counts and numbers of Lacunes, Opportunités, Liens intersectoriels, Données
and the overview, driven through AppTest (issue 12, "the rest of what was seen").

What a projector audience must read: every explanation whole (wrapped rows, never cut),
numbers in the UI's language (French "0,67", "−0,16", "1 234"; English "0.67"), counts
that agree ("1 lien", "2 liens"), words instead of codes; and on Opportunités a graph
only for the row someone ticked. The network is `app_fixtures.write_network` (40
structures, 60 ties, structure i in pays PAYS[i % 6], sector SECTORS[i % 5], family
FAMILIES[i % 4]).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pandas as pd
import pytest

sys.path.insert(0, str(Path(__file__).parent))  # works whatever pytest's import mode
from app_fixtures import FAMILIES, start

from ess_graph.viz.text import CELL_PADDING, wrapped_lines

GAPS = "ess_graph_app/gaps.py"
MIXING = "ess_graph_app/mixing.py"
OPPORTUNITIES = "ess_graph_app/opportunities.py"
OVERVIEW = "ess_graph_app/overview.py"
DATA = "ess_graph_app/data_page.py"


def shown(element) -> pd.DataFrame:
    """What the grid shows: the Styler's display values when the page formatted numbers,
    else the table itself as text."""
    from streamlit import dataframe_util

    styled = element.proto.arrow_data.styler.display_values
    if styled:
        return dataframe_util.convert_arrow_bytes_to_pandas_df(styled).reset_index(drop=True)
    return element.value.astype(str).reset_index(drop=True)


def assert_whole(element) -> None:
    """Every cell fits its column and its row: the widths the page gave (column_config)
    sum within the table's room, and each cell wrapped at its column's width takes no more
    lines than the row height holds (streamlit: one row height for all rows)."""
    from ess_graph_app.ui import TABLE_LINE_PX, TABLE_ROW_PAD_PX, TABLE_WIDTH

    config = json.loads(element.proto.columns)
    cells = shown(element)
    widths = {c: config[c]["width"] for c in cells.columns}
    assert sum(widths.values()) <= TABLE_WIDTH, widths
    room = element.proto.row_height
    lines = 1 if not room else (room - TABLE_ROW_PAD_PX) // TABLE_LINE_PX
    for col, width in widths.items():
        for text in [*cells[col], col]:
            need = wrapped_lines(str(text), width - 2 * CELL_PADDING)
            assert need <= (1 if text == col else lines), (col, text, width, room)


def texts(at) -> list[str]:
    """Every text a person reads on the page (not the tables)."""
    out = []
    for kind in ("markdown", "caption", "subheader", "header", "title", "info", "success"):
        out += [e.value for e in at.get(kind)]
    out += [m.label for m in at.metric] + [e.label for e in at.get("expandable")]
    return out


# Explanations whole, numbers in the language ------------------------------------------
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_gap_tables_show_every_sentence_whole(app_env, lang):
    at = start(lang)
    at.switch_page(GAPS).run()
    assert not at.exception
    assert len(at.dataframe) >= 2
    detail = "En clair" if lang == "fr" else "In words"
    for element in at.dataframe:
        assert detail in shown(element).columns
        assert_whole(element)
    # Brest (the busiest pays, the default): culture–sport, 0 observed, 0.0 expected
    pairs = shown(at.dataframe[0])
    expected = "Liens attendus" if lang == "fr" else "Ties expected"
    assert set(pairs[expected]) == ({"0,0"} if lang == "fr" else {"0.0"})


def test_ei_table_in_french_numbers_and_whole(app_env):
    at = start()
    at.switch_page(MIXING).run()
    element = at.dataframe[0]
    assert_whole(element)
    cells = shown(element)
    raw = element.value
    for col in ("E-I", "E-I attendu"):
        for value, text in zip(raw[col], cells[col], strict=True):
            # a sign always, a decimal comma, a real minus sign (U+2212), two decimals
            assert re.fullmatch(r"[+−]\d,\d\d", text), text
            assert text.startswith("−") == (round(value, 2) < 0)
            assert float(text.replace(",", ".").replace("−", "-")) == pytest.approx(
                value, abs=0.005
            )
    assert all(re.fullmatch(r"[01],\d\d\d", p) for p in cells["p"])
    # the sums still work on numbers: the table holds values, the grid shows text
    assert raw["Structures"].sum() == 40


def test_heatmap_tooltips_write_numbers_in_the_language(app_env):
    from streamlit import dataframe_util

    for lang, pattern in (("fr", r"\d+,\d"), ("en", r"\d+\.\d")):
        at = start(lang)
        at.switch_page(MIXING).run()
        chart = at.get("vega_lite_chart")[0].proto
        assert '"expected_text"' in chart.spec and '"expected:Q"' not in chart.spec
        data = dataframe_util.convert_arrow_bytes_to_pandas_df(chart.datasets[0].data.data)
        assert all(re.fullmatch(pattern, v) for v in data["expected_text"]), lang


def test_ei_table_in_english_numbers(app_env):
    at = start("en")
    at.switch_page(MIXING).run()
    cells = shown(at.dataframe[0])
    assert all(re.fullmatch(r"[+-]\d\.\d\d", v) for v in cells["E-I"])


def test_validation_messages_whole_and_lines_as_numbers(app_env):
    at = start()
    at.switch_page(DATA).run()
    long_value = "une valeur très longue qui ne correspond à aucune famille connue " * 3
    bad = (
        "id,name,family,sector,territory\n"
        f"x1,A,{long_value},culture,Brest\n,B,association,sport,Rennes\n"
    ).encode()
    at.get("file_uploader")[0].set_value([("structures.csv", bad, "text/csv")])
    at.run()
    assert not at.exception
    element = at.dataframe[-1]
    assert_whole(element)
    report = element.value
    assert long_value.strip() in " ".join(report["Message"])
    assert element.proto.row_height > 35  # the long message wraps on several lines
    # a whole file's problem (a missing table) has no line, the others sort as numbers
    assert str(report["Ligne"].dtype) == "Int64"
    assert report["Ligne"].isna().any() and 2 in set(report["Ligne"].dropna())


# Counts that agree --------------------------------------------------------------------
def test_plural_strings_have_both_forms_in_both_languages():
    import ess_graph.app_strings
    import ess_graph.io.read  # noqa: F401  (registers read.*)
    from ess_graph.i18n import _TABLE, tn

    stems = {k.rsplit(".", 1)[0] for k in _TABLE if k.endswith(".many")}
    assert "app.opp.title" in stems and "read.n_errors" in stems
    for stem in stems:
        for form in ("one", "many"):
            assert set(_TABLE[f"{stem}.{form}"]) >= {"fr", "en"}, stem
        for lang in ("fr", "en"):
            assert "(s)" not in tn(stem, 1, lang) and "(s)" not in tn(stem, 2, lang)
    assert tn("app.map.tip_arc", 1, "fr", a="A", b="B") == "A – B : 1 lien"
    assert tn("app.map.tip_arc", 0, "fr", a="A", b="B") == "A – B : 0 lien"
    assert tn("app.map.tip_arc", 0, "en", a="A", b="B") == "A – B: 0 ties"
    assert tn("app.opp.title", 1, "fr", focus="X") == "1 partenariat possible : X"


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_no_page_writes_a_plural_in_brackets(app_env, lang):
    at = start(lang)
    for page in (OVERVIEW, GAPS, MIXING, OPPORTUNITIES, DATA):
        at.switch_page(page).run()
        assert not at.exception
        for text in texts(at):
            assert "(s)" not in text and "(ies)" not in text, (page, text)
    at.switch_page(GAPS).run()
    for element in at.dataframe:
        for sentence in shown(element).iloc[:, -1]:
            assert "(s)" not in sentence, sentence


def test_overview_counts_agree(app_env):
    at = start()
    poles = next(m.value for m in at.markdown if m.value.startswith("#### Pôles"))
    # one pôle of each status in the fixture: « 1 créé », not « 1 créé(s) »
    assert "1 créé ·" in poles or poles.endswith("1 créé")


# Words, not codes -----------------------------------------------------------------------
def test_ei_groups_by_family_are_words(app_env):
    at = start()
    at.switch_page(MIXING).run()
    at.radio(key="w_mix_show").set_value("family").run()
    groups = set(at.dataframe[0].value["Groupe"])
    assert len(groups) == len(FAMILIES)
    assert not groups & set(FAMILIES), groups  # « Association », not « association »


# Opportunités: a graph only for the row someone ticked -------------------------------------
def graph_shown(at) -> bool:
    """Is a graph frame on the page (`ui.graph_frame`: a bidirectional component)?"""
    return bool(at.get("bidi_component") or at.get("iframe"))


def opp_table(at):
    return next(d for d in at.dataframe if d.proto.id and "w_opp_table" in d.proto.id)


def opp_key(at) -> str:
    """The key of the table on the page now (it changes with its rows)."""
    from streamlit.runtime.state.common import user_key_from_element_id

    return user_key_from_element_id(opp_table(at).proto.id)


def tick(at, row: int) -> None:
    at.session_state[opp_key(at)] = {"selection": {"rows": [row], "columns": [], "cells": []}}
    at.run()


def test_a_suggestion_is_drawn_only_when_ticked(app_env):
    at = start()
    at.switch_page(OPPORTUNITIES).run()
    at.text_input(key="w_opp_value_structure").input("Structure 1").run()
    assert not at.exception
    assert not graph_shown(at), "nobody ticked a row: no graph"
    assert any("Cochez une ligne" in i.value for i in at.info)
    ranked = opp_table(at).value
    tick(at, 2)
    assert not at.exception
    assert graph_shown(at)
    partner = ranked.iloc[2]["Partenaire possible"]
    assert partner in at.subheader[-1].value


def test_the_ticked_row_is_cleared_when_the_scope_changes(app_env):
    at = start()
    at.switch_page(OPPORTUNITIES).run()
    at.text_input(key="w_opp_value_structure").input("Structure 1").run()
    first_key = opp_key(at)
    tick(at, 1)
    assert graph_shown(at)
    # another structure: other rows, another table, nothing ticked, no graph
    at.text_input(key="w_opp_value_structure").input("Structure 2").run()
    assert not at.exception
    assert opp_key(at) != first_key or not opp_table(at).proto.selection_state
    assert not graph_shown(at)
    assert any("Cochez une ligne" in i.value for i in at.info)
    # a pôle: the same
    at.radio(key="w_opp_scope").set_value("pole").run()
    assert not graph_shown(at)
    tick(at, 0)
    assert graph_shown(at)
    at.selectbox(key="w_opp_value_pole").set_value("p_morlaix").run()
    assert not graph_shown(at)


# The overview: what this is, the map ---------------------------------------------------
def test_overview_says_what_the_app_is_and_where_to_start(app_env):
    for lang, words in (("fr", ("ESS", "Réseau", "Lacunes", "Données")), ("en", ("Network",))):
        at = start(lang)
        intro = at.markdown[0].value
        assert all(w in intro for w in words), intro
        assert len(intro) < 400  # two lines at 1280×720: the key figures stay above the fold
        assert at.metric


def test_the_map_leaves_the_wheel_to_the_page_and_can_be_recentred(app_env):
    at = start()
    chart = at.get("deck_gl_json_chart")[0]
    spec = json.loads(chart.proto.json)
    controller = spec["views"][0]["controller"]
    assert controller["scrollZoom"] is False and controller["dragPan"] is True
    text = next(layer for layer in spec["layers"] if layer["@@type"] == "TextLayer")
    assert text["getTextAnchor"] == "@@=anchor" and text["getPixelOffset"] == "@@=offset"
    # « Recentrer »: a view of another id, which streamlit's chart starts from the fitted
    # view state (a pan or zoom of the old view is dropped)
    at.button(key="w_map_reset").click().run()
    again = json.loads(at.get("deck_gl_json_chart")[0].proto.json)
    assert again["views"][0]["id"] != spec["views"][0]["id"]
    assert again["initialViewState"] == spec["initialViewState"]
