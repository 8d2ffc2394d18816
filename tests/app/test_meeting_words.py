"""The meeting pages in the UI's words (issue 12): where the pages needing meeting mode are
listed, codes shown as words while the codes are stored, the year field empty unless
typed, counts that agree with their number, journal times in the server's local time and
sessions by name, and streamlit's own English words replaced where a style rule reaches.

Expected values come from how `app_fixtures.write_network` builds the network (structure
i: family ``FAMILIES[i % 4]``, pays ``PAYS[i % 6]``, pôle ``p_<pays>`` for the first three
pays), from the translation table's words written out here, and for times from
``zoneinfo`` (an oracle independent of the code under test).
"""

from __future__ import annotations

import json
import sys
import time
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from streamlit.testing.v1 import AppTest

sys.path.insert(0, str(Path(__file__).parent))  # works whatever pytest's import mode
from app_fixtures import start
from test_meeting import add_link, editor_state, errors, meeting, untied_pair

from ess_graph.workspace import edits, journal
from ess_graph.workspace.store import Workspace

MEETING_URLS = {"rencontre", "journal", "enquete"}


@pytest.fixture
def navigation(monkeypatch) -> list[dict[str, str]]:
    """The pages each run gives ``st.navigation``: [{url path: visibility}], one per run."""
    import streamlit as st

    runs: list[dict[str, str]] = []
    real = st.navigation

    def recording(pages, *args, **kwargs):
        runs.append({p.url_path: p._visibility for p in pages})
        return real(pages, *args, **kwargs)

    monkeypatch.setattr(st, "navigation", recording)
    return runs


def html_text(at: AppTest) -> str:
    return " ".join(h.proto.body for h in at.get("html"))


# 1. Pages that need meeting mode ---------------------------------------------------------
def test_outside_meeting_mode_its_pages_leave_the_navigation_but_their_address_explains(
    app_env, navigation
):
    at = start()
    assert not at.exception
    shown = navigation[-1]
    assert {u for u, v in shown.items() if v == "hidden"} == MEETING_URLS
    assert {u for u, v in shown.items() if v == "visible"} == {
        "",  # the default page (Vue d'ensemble) is the app's root
        "reseau",
        "presentation",  # saved views play without a workspace too (a JSON file)
        "liens-intersectoriels",
        "lacunes",
        "opportunites",
        "donnees",
        "exporter",
    }
    # one line of the sidebar leads to the explanation
    (link,) = at.page_link
    assert link.proto.label == "Noter les liens en réunion"
    assert link.proto.page.endswith("rencontre")
    # the addresses still work: each page says what meeting mode is and how to start it
    for page, own in (
        ("ess_graph_app/meeting.py", "ajoute, confirme, corrige ou retire"),
        ("ess_graph_app/journal.py", "qui a modifié quoi et quand"),
        ("ess_graph_app/survey_page.py", "enquête partenariats"),
    ):
        at.switch_page(page).run()
        assert not at.exception, page
        assert any(own in i.value for i in at.info), (page, [i.value for i in at.info])
        text = " ".join(m.value for m in at.markdown)
        assert "**Le mode rencontre**" in text and "exploration seule" in text
        assert any("--workspace" in c.value for c in at.code), page


def test_in_meeting_mode_every_page_is_listed(meeting_env, navigation):
    at = start()
    assert not at.exception
    assert set(navigation[-1].values()) == {"visible"}
    assert len(navigation[-1]) == 11
    assert not at.page_link


def test_in_english_the_explanation_is_english(app_env):
    at = start("en")
    assert at.page_link[0].proto.label == "Record links in a meeting"
    at.switch_page("ess_graph_app/journal.py").run()
    assert any("Change log" in i.value for i in at.info)
    assert any("meeting.sqlite" in c.value for c in at.code)


# 2. Codes shown as words, codes stored ------------------------------------------------------
def editor_columns(at: AppTest, table: str) -> dict:
    """The column configuration of the links (0) or structures (1) table editor."""
    frames = at.dataframe
    assert len(frames) == 2, "the two table editors"
    return json.loads(frames[0 if table == "links" else 1].proto.columns)


def options(column: dict) -> dict[str, str]:
    return {o["value"]: o["label"] for o in column["type_config"]["options"]}


@pytest.mark.parametrize(
    ("lang", "kind", "status", "family"),
    [
        ("fr", ("membership", "Adhésion"), ("proposed", "Proposé (une idée)"), "Coopérative"),
        ("en", ("membership", "Membership"), ("proposed", "Proposed (an idea)"), "Cooperative"),
    ],
)
def test_the_table_editors_show_words_for_codes(meeting_env, lang, kind, status, family):
    at = start(lang)
    meeting(at)
    links = editor_columns(at, "links")
    assert options(links["kind"])[kind[0]] == kind[1]
    assert options(links["status"])[status[0]] == status[1]
    structures = editor_columns(at, "structures")
    assert options(structures["family"])["cooperative"] == family
    # ids shown by their names (write_network's pays and pôles)
    assert options(structures["territory"])["saint-malo"] == "Saint-Malo"
    assert options(structures["pole"])["p_brest"] == "Pôle Brest"


def test_an_edited_status_and_pole_are_stored_as_codes(meeting_env):
    at = start()
    meeting(at)
    structures = editor_columns(at, "structures")
    none = next(iter(options(structures["pole"]).items()))  # the first choice
    assert none[1] == "aucun pôle"
    # no empty choice (streamlit would show it « None »); a new row starts without a pôle
    assert structures["pole"]["required"] and structures["pole"]["default"] == none[0]
    assert all(structures[c]["required"] for c in ("family", "sector", "territory"))
    shown = at.dataframe[1].value
    # s003 is in Lorient (PAYS[3]), which has no pôle: shown as the « aucun pôle » choice
    assert shown.loc[shown["id"] == "s003", "pole"].item() == none[0]
    assert shown.loc[shown["id"] == "s000", "pole"].item() == "p_brest"
    at.session_state["w_edit_structures_0"] = editor_state(
        {0: {"pole": none[0]}, 3: {"pole": "p_morlaix", "family": "fondation"}}
    )
    at.session_state["w_edit_links_0"] = editor_state({0: {"status": "proposed"}})
    at.run()
    at.button(key="w_save_structures").click().run()
    assert not at.exception and not errors(at), errors(at)
    at.button(key="w_save_links").click().run()
    assert not at.exception and not errors(at), errors(at)
    with Workspace(meeting_env) as ws:
        assert ws.get("structures", "s000").values["pole"] == ""
        assert ws.get("structures", "s003").values["pole"] == "p_morlaix"
        assert ws.get("structures", "s003").values["family"] == "fondation"
        assert ws.rows("links")[0].values["status"] == "proposed"
        # the journal says it in words
        said = journal.journal_frame(ws, limit=1)["summary"].iloc[0]
    assert said.endswith(": statut : confirmé → proposé"), said


# 4. The year field ----------------------------------------------------------------------------
def test_the_year_and_weight_fields_are_empty_unless_typed(meeting_env, app_env):
    at = start()
    meeting(at)
    year = at.number_input(key="w_link_year")
    assert year.value is None and not year.proto.placeholder  # no grey "2009"
    assert "2015" in year.proto.help  # the example is in the help, clearly a hint
    weight = at.text_input(key="w_link_weight")
    assert weight.value == "" and not weight.proto.placeholder
    a, b = untied_pair(app_env)
    add_link(at, a, b)
    assert not errors(at), errors(at)
    with Workspace(meeting_env) as ws:
        row = next(r for r in ws.find("links", "source", a) if r.values["target"] == b)
    # nothing typed, nothing stored; the weight falls back to 1 as on import (the help says)
    assert row.values["since"] == "" and row.values["weight"] == "1"


def test_a_weight_with_a_decimal_comma_is_read(meeting_env, app_env):
    a, b = untied_pair(app_env)
    at = start()
    meeting(at)
    at.text_input(key="w_link_weight").input("1,5")
    add_link(at, a, b, year=2015)
    assert not errors(at), errors(at)
    with Workspace(meeting_env) as ws:
        row = next(r for r in ws.find("links", "source", a) if r.values["target"] == b)
    assert (row.values["since"], row.values["weight"]) == ("2015", "1.5")


# 6. Counts that agree with their number ----------------------------------------------------------
@pytest.mark.parametrize(
    ("lang", "none", "one", "two"),
    [
        ("fr", "<b>0</b> idée", "<b>1</b> idée", "<b>2</b> idées"),  # 0 and 1: singular
        ("en", "<b>0</b> ideas", "<b>1</b> idea", "<b>2</b> ideas"),
    ],
)
def test_the_counts_agree_with_their_number(meeting_env, app_env, lang, none, one, two):
    with open(app_env / "links.csv", encoding="utf-8") as fh:
        tied = {frozenset(line.split(",")[:2]) for line in fh}
    pairs = [(f"s{i:03d}", f"s{j:03d}") for i in range(8) for j in range(i + 1, 8)]
    untied = [p for p in pairs if frozenset(p) not in tied][:2]
    at = start(lang)
    meeting(at)
    assert none in html_text(at)
    add_link(at, *untied[0], status="proposed")
    assert one in html_text(at)
    add_link(at, *untied[1], status="proposed")
    assert two in html_text(at)


def test_undo_and_save_messages_agree_with_their_number(meeting_env, app_env):
    a, b = untied_pair(app_env)
    at = start()
    meeting(at)
    add_link(at, a, b)
    at.button(key="w_undo").click().run()
    assert any("annulée (1 ligne)." in s.value for s in at.success), at.success
    at.session_state["w_edit_structures_0"] = editor_state({1: {"name": "A"}, 2: {"name": "B"}})
    at.run()
    at.button(key="w_save_structures").click().run()
    assert any(s.value == "2 lignes enregistrées." for s in at.success), at.success


# 3. Journal: local times, sessions by name, « my changes » -------------------------------------
@pytest.fixture
def paris(monkeypatch):
    """The process's local time zone set to Europe/Paris (as the server's system zone
    would be), then restored."""
    monkeypatch.setenv("TZ", "Europe/Paris")
    time.tzset()
    yield ZoneInfo("Europe/Paris")
    monkeypatch.undo()
    time.tzset()


def test_journal_times_are_the_servers_local_time_with_the_zone_said_once(
    meeting_env, app_env, paris
):
    a, b = untied_pair(app_env)
    at = start()
    meeting(at)
    add_link(at, a, b)
    at.switch_page("ess_graph_app/journal.py").run()
    assert not at.exception
    with Workspace(meeting_env) as ws:
        stored = journal.journal_frame(ws, limit=1)["at"].iloc[0]  # UTC, as stored
    now = datetime.now(paris)
    offset = now.utcoffset().total_seconds() / 3600
    zone = f"{now.tzname()}, UTC+{int(offset):02d}:00"  # "CET, UTC+01:00" in winter
    table = at.dataframe[0].value
    header = f"Quand ({zone})"
    assert header in table.columns, list(table.columns)
    expected = datetime.fromisoformat(stored).astimezone(paris).replace(tzinfo=None, microsecond=0)
    assert table[header].iloc[0] == expected.strftime("%d/%m/%Y %H:%M:%S")  # day first
    assert expected != datetime.fromisoformat(stored).replace(tzinfo=None, microsecond=0)
    assert any("celles du serveur" in c.value for c in at.caption)


def test_journal_says_where_changes_came_from_in_words(meeting_env, app_env):
    a, b = untied_pair(app_env)
    at = start()
    meeting(at)
    add_link(at, a, b)
    with Workspace(meeting_env) as ws:  # another laptop of the room
        row = ws.rows("links")[0]
        edits.edit_row(
            ws,
            "links",
            row.key,
            {"note": "camion"},
            version=row.version,
            who="Bob",
            origin="app:b0b5e551",
        )
    at.switch_page("ess_graph_app/journal.py").run()
    table = at.dataframe[0].value
    origins = table["D'où"].tolist()
    assert origins[0] == "application, session « Bob »"
    assert origins[1] == "application, cette session"  # Anne's link, from this session
    assert origins[-1] == "import de « net »"  # the fixture's folder, without its path
    assert not any("app:" in o for o in origins)


def test_my_changes_are_offered_once_a_name_is_typed(meeting_env):
    at = start()
    at.switch_page("ess_graph_app/journal.py").run()
    assert not at.exception
    assert not any(t.key == "w_journal_mine" for t in at.toggle), "no « – » without a name"
    meeting(at, "Anne")
    at.switch_page("ess_graph_app/journal.py").run()
    assert at.toggle(key="w_journal_mine").label == "Seulement mes modifications (Anne)"


# 2. The snapshot diff in words --------------------------------------------------------------------
@pytest.mark.parametrize(
    ("lang", "kinds", "family", "none"),
    [("fr", "mutualisation", "Coopérative", "aucun"), ("en", "pooling", "Cooperative", "none")],
)
def test_the_snapshot_diff_says_kinds_families_and_places_in_words(
    meeting_env, app_env, lang, kinds, family, none
):
    from ess_graph.i18n import t

    a, b = untied_pair(app_env)
    at = start(lang)
    meeting(at)
    at.switch_page("ess_graph_app/journal.py").run()
    at.text_input(key="w_snap_name").input("Avant")
    at.button(key="w_snap_create").click().run()
    meeting(at)
    at.selectbox(key="w_link_kind").set_value("pooling")
    add_link(at, a, b)
    at.text_input(key="w_struct_id").input("s900")
    at.text_input(key="w_struct_name").input("Ti Récup'")
    at.selectbox(key="w_struct_family").set_value("cooperative")
    at.selectbox(key="w_struct_sector").set_value("culture")
    at.selectbox(key="w_struct_territory").set_value("saint-malo")
    at.button(key="w_struct_submit").click().run()
    assert not errors(at), errors(at)
    at.switch_page("ess_graph_app/journal.py").run()
    assert not at.exception
    # the journal, the snapshots, then the ties gained and the structures joined
    _journal, _snapshots, gained, joined = (d.value for d in at.dataframe)
    assert gained.iloc[0, 2] == kinds
    row = joined.iloc[0].tolist()
    assert row == ["s900", "Ti Récup'", family, "culture", "Saint-Malo", t("viz.none", lang)]
    assert t("viz.none", lang) == none


# 5. Streamlit's own words --------------------------------------------------------------------------
def test_streamlits_words_are_replaced_in_french_only(app_env):
    at = start()
    at.switch_page("ess_graph_app/data_page.py").run()
    rules = html_text(at)
    assert 'content: "Parcourir…"' in rules and "stFileUploaderDropzone" in rules
    at = start("en")
    at.switch_page("ess_graph_app/data_page.py").run()
    assert "Parcourir" not in html_text(at) and "InputInstructions" not in html_text(at)
