"""Meeting mode driven through AppTest: editing a workspace from the app, the journal,
conflicts, undo, proposed links, the facilitator password, and the diagnostic button.

Each test gets its own workspace file (`meeting_env`), created by the app from the small
network of `app_fixtures.write_network` (40 structures, 60 ties, structure i in pays
``PAYS[i % 6]``): expected counts come from that construction and from the fixture's own
links file, never from the app.
"""

from __future__ import annotations

import csv
import itertools
import re
import sys
from html import unescape
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

sys.path.insert(0, str(Path(__file__).parent))  # works whatever pytest's import mode
from app_fixtures import PAYS, ROOT, downloaded, metric, start

from ess_graph.workspace import edits, journal
from ess_graph.workspace.store import Workspace

STRUCTURES, TIES = 40, 60  # write_network's defaults


def ties(at: AppTest) -> int:
    """Cooperation ties on the overview (French labels)."""
    at.switch_page("ess_graph_app/overview.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return int(metric(at, "Liens de coopération"))


def meeting(at: AppTest, who: str | None = "Anne") -> AppTest:
    at.switch_page("ess_graph_app/meeting.py").run()
    assert not at.exception, [e.value for e in at.exception]
    if who is not None:
        at.text_input(key="w_who").input(who).run()
    return at


def add_link(at: AppTest, a: str, b: str, *, status: str = "confirmed", year=None) -> AppTest:
    at.text_input(key="w_link_source").input(a)  # an id typed: that structure, chosen
    at.text_input(key="w_link_target").input(b)
    at.radio(key="w_link_status").set_value(status)
    if year is not None:
        at.number_input(key="w_link_year").set_value(year)
    at.button(key="w_link_submit").click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def fixture_links(folder: Path) -> list[dict[str, str]]:
    with open(folder / "links.csv", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def untied_pair(folder: Path) -> tuple[str, str]:
    """Two structures of the fixture with no link between them (read from links.csv)."""
    tied = {frozenset((r["source"], r["target"])) for r in fixture_links(folder)}
    for i, j in itertools.combinations(range(STRUCTURES), 2):
        a, b = f"s{i:03d}", f"s{j:03d}"
        if frozenset((a, b)) not in tied:
            return a, b
    raise AssertionError("the fixture is a complete graph")


def last_seq(path: Path) -> int:
    with Workspace(path) as ws:
        return journal.last_seq(ws)


def errors(at: AppTest) -> list[str]:
    return [e.value for e in at.error]


def has_button(at: AppTest, key: str) -> bool:
    return any(b.key == key for b in at.button)


# Read-only exploration -------------------------------------------------------------------
def test_without_workspace_the_editing_page_says_how_to_start_meeting_mode(app_env):
    at = start()
    at.switch_page("ess_graph_app/meeting.py").run()
    assert not at.exception
    assert any("exploration seule" in m.value for m in at.markdown)
    assert any("--workspace" in c.value for c in at.code)
    assert not has_button(at, "w_link_submit")
    at.switch_page("ess_graph_app/journal.py").run()
    assert not at.exception
    assert any("--workspace" in c.value for c in at.code)


def test_first_run_creates_the_workspace_from_the_starting_data(meeting_env):
    assert not meeting_env.exists()
    at = start()
    assert not at.exception
    assert meeting_env.is_file()
    assert metric(at, "Structures") == str(STRUCTURES)
    assert metric(at, "Liens de coopération") == str(TIES)
    with Workspace(meeting_env) as ws:
        frame = journal.journal_frame(ws)
    # one batch, by the app: every row of the fixture (write_network writes 40 structures,
    # 61 links (60 ties + 1 funding), 3 pôles, 1 partner, 6 territories; no sectors table)
    assert set(frame["who"]) == {"ess-graph app"}
    assert len(frame) == 40 + 61 + 3 + 1 + 6
    # a second session opens the same file, nothing imported twice
    start()
    assert last_seq(meeting_env) == len(frame)


# Adding ------------------------------------------------------------------------------------
def test_a_valid_link_is_journalled_and_counted(meeting_env, app_env):
    a, b = untied_pair(app_env)
    at = start()
    assert ties(at) == TIES
    meeting(at)
    add_link(at, a, b, year=2009)
    assert not errors(at)
    assert any("Lien ajouté" in s.value for s in at.success)
    assert ties(at) == TIES + 1
    at.switch_page("ess_graph_app/journal.py").run()
    assert not at.exception
    table = at.dataframe[0].value
    newest = table.iloc[0]
    assert newest["Qui"] == "Anne"
    # write_network names structure i "Structure i"; the kind in French words
    name_a, name_b = (f"Structure {int(x[1:])} ({x})" for x in (a, b))
    assert newest["Quoi"].startswith(f"ajout du lien {name_a} – {name_b} (")
    assert "(coopération)" in newest["Quoi"]
    # another visitor's session sees it too (one workspace)
    assert ties(start()) == TIES + 1


@pytest.mark.parametrize(
    ("lang", "pair", "year", "expected"),
    [
        ("fr", ("s000", "s000"), None, "à lui-même"),  # a structure linked to itself
        ("en", ("s000", "s000"), None, "itself"),
        ("fr", ("s000", "s002"), 3000, "3000"),  # not a year (1800-2100)
    ],
)
def test_an_invalid_link_is_refused_with_the_reason_and_nothing_written(
    meeting_env, lang, pair, year, expected
):
    at = start(lang)
    before = last_seq(meeting_env)
    meeting(at)
    add_link(at, *pair, year=year)
    found = errors(at)
    # the element holds markdown: user values are backslash-escaped
    assert found and any(expected in e.replace("\\", "") for e in found), found
    assert found[0].startswith("Modification refusée" if lang == "fr" else "Change refused")
    assert last_seq(meeting_env) == before, "nothing written"
    at.session_state["w_lang"] = "fr"
    assert ties(at) == TIES


def test_a_name_is_needed_before_any_change(meeting_env):
    at = start()
    meeting(at, who=None)
    assert any("votre nom" in i.value for i in at.info)
    assert at.button(key="w_link_submit").disabled
    assert at.button(key="w_undo").disabled


def test_add_a_structure(meeting_env):
    at = start()
    meeting(at)
    at.text_input(key="w_struct_id").input("s900")
    at.text_input(key="w_struct_name").input("Ti Récup'")
    at.selectbox(key="w_struct_sector").set_value("culture")
    at.selectbox(key="w_struct_territory").set_value("brest")
    at.button(key="w_struct_submit").click().run()
    assert not at.exception and not errors(at), errors(at)
    at.switch_page("ess_graph_app/overview.py").run()
    assert metric(at, "Structures") == str(STRUCTURES + 1)
    with Workspace(meeting_env) as ws:
        row = ws.get("structures", "s900")
    assert row is not None and row.values["name"] == "Ti Récup'"
    assert row.values["family"] == "association"  # the form's first family


# Changing and removing from the table ------------------------------------------------------
def editor_state(edited=None, deleted=None) -> dict:
    return {"edited_rows": edited or {}, "added_rows": [], "deleted_rows": deleted or []}


def test_edit_a_structure_in_the_table(meeting_env):
    at = start()
    meeting(at)
    # row 1 of the table is s001 (rows in the order imported: the fixture's order)
    at.session_state["w_edit_structures_0"] = editor_state({1: {"name": "Kerlenn"}})
    at.run()
    at.button(key="w_save_structures").click().run()
    assert not at.exception and not errors(at), errors(at)
    with Workspace(meeting_env) as ws:
        row = ws.get("structures", "s001")
        assert row.values["name"] == "Kerlenn" and row.version == 2
        assert journal.journal_frame(ws, limit=1)["who"].iloc[0] == "Anne"


def test_removing_a_linked_structure_needs_its_links_removed_too(meeting_env, app_env):
    links = fixture_links(app_env)
    partners = {
        r["target"] if r["source"] == "s002" else r["source"]
        for r in links
        if "s002" in (r["source"], r["target"]) and r["kind"] != "funding"
    }
    assert partners, "s002 has ties in the fixture"
    at = start()
    meeting(at)
    at.session_state["w_edit_structures_0"] = editor_state(deleted=[2])  # s002
    at.run()
    at.button(key="w_save_structures").click().run()
    assert any("s002" in e and "links" in e for e in errors(at)), errors(at)
    assert ties(at) == TIES
    meeting(at)
    at.checkbox(key="w_cascade").check()
    at.session_state["w_edit_structures_1"] = editor_state(deleted=[2])
    at.run()
    at.button(key="w_save_structures").click().run()
    assert not errors(at), errors(at)
    assert ties(at) == TIES - len(partners)
    assert metric(at, "Structures") == str(STRUCTURES - 1)


def test_editing_a_row_someone_changed_meanwhile_is_a_conflict(meeting_env):
    at = start()
    meeting(at)  # Anne's table shows every link at version 1
    with Workspace(meeting_env) as ws:  # Bob, from another session, changes link 0
        row = ws.rows("links")[0]
        edits.edit_row(ws, "links", row.key, {"weight": "3"}, version=row.version, who="Bob")
    at.session_state["w_edit_links_0"] = editor_state({0: {"weight": "5"}})
    at.run()
    at.button(key="w_save_links").click().run()
    assert not at.exception
    found = errors(at)
    assert any("conflit" in e and "Bob" in e and re.search(r"weight=3\b", e) for e in found), found
    with Workspace(meeting_env) as ws:
        now = ws.get("links", row.key)
    assert now.version == 2 and float(now.values["weight"]) == 3.0, "Bob's value kept"


def test_undo_reverts_only_my_own_last_change(meeting_env, app_env):
    a, b = untied_pair(app_env)
    anne = start()
    meeting(anne)
    add_link(anne, a, b)
    assert ties(anne) == TIES + 1
    bob = start()
    meeting(bob, "Bob")
    bob.button(key="w_undo").click().run()
    assert any("rien à annuler pour Bob" in e for e in errors(bob)), errors(bob)
    assert ties(bob) == TIES + 1
    meeting(anne)
    anne.button(key="w_undo").click().run()
    assert not errors(anne), errors(anne)
    assert any("annulée" in s.value for s in anne.success)
    assert ties(anne) == TIES
    with Workspace(meeting_env) as ws:
        newest = journal.journal_frame(ws, limit=1).iloc[0]
    assert newest["who"] == "Anne" and newest["action"] == "remove"
    assert not pd_isna(newest["undoes"])


def pd_isna(x) -> bool:
    import pandas as pd

    return bool(pd.isna(x))


# Links declared by one side only ---------------------------------------------------------------
def test_a_declared_link_counts_under_its_rule_and_is_confirmed_in_the_room(meeting_env, app_env):
    a, b = untied_pair(app_env)
    at = start()
    meeting(at)
    add_link(at, a, b, status="declared")
    assert not errors(at), errors(at)
    assert ties(at) == TIES, "declared by one side only: not a tie by default"
    at.radio(key="w_ties_rule").set_value("union").run()
    assert ties(at) == TIES + 1
    at.radio(key="w_ties_rule").set_value("reciprocated").run()
    assert ties(at) == TIES  # b did not name a
    # the coordinator checked it with both sides: confirmed from the Rencontre page
    meeting(at)
    assert any("Liens à confirmer (1)" in label for label in (t.label for t in at.tabs))
    at.button(key="w_confirm").click().run()
    assert not errors(at), errors(at)
    assert ties(at) == TIES + 1
    # no declared link left: no rule to choose, the tie counts whatever
    assert all(r.key != "w_ties_rule" for r in at.radio)


# Proposed links -----------------------------------------------------------------------------
def test_a_proposed_link_counts_only_when_asked(meeting_env, app_env):
    a, b = untied_pair(app_env)
    at = start()
    meeting(at)
    add_link(at, a, b, status="proposed")
    assert ties(at) == TIES, "a partnership idea is not a tie"
    at.checkbox(key="w_include_proposed").check().run()
    assert not at.exception
    assert ties(at) == TIES + 1
    at.checkbox(key="w_include_proposed").uncheck().run()
    assert ties(at) == TIES
    # drawn on the Réseau graph as a dashed suggestion between the two structures
    at.switch_page("ess_graph_app/network.py").run()
    assert not at.exception
    view = at.session_state["view_html"]
    dashed = re.findall(r'"from":"(s\d+)","to":"(s\d+)"[^}]*"dashes":true', view)
    assert [tuple(sorted(p)) for p in dashed] == [(a, b)]
    # and confirmed from the Rencontre page, it becomes a tie for everyone
    meeting(at)
    assert at.selectbox(key="w_confirm_pick")
    at.button(key="w_confirm").click().run()
    assert not errors(at), errors(at)
    assert ties(at) == TIES + 1
    at.switch_page("ess_graph_app/network.py").run()
    assert '"dashes":true' not in at.session_state["view_html"]


# Facilitator password ---------------------------------------------------------------------------
PASSWORD = "gwenn-ha-du-2009"


def test_with_a_password_nothing_is_editable_until_it_is_given(meeting_env, monkeypatch):
    monkeypatch.setenv("ESS_GRAPH_FACILITATOR_PASSWORD", PASSWORD)
    at = start()
    at.switch_page("ess_graph_app/meeting.py").run()
    assert any("Modification fermée" in w.value for w in at.warning)
    assert not has_button(at, "w_link_submit") and not has_button(at, "w_undo")
    at.switch_page("ess_graph_app/journal.py").run()
    assert not has_button(at, "w_snap_create")
    # a wrong password: still closed
    at.switch_page("ess_graph_app/meeting.py").run()
    at.text_input(key="w_facilitator_password").input("gwenn-ha-du").run()
    assert any("Mot de passe incorrect" in e for e in errors(at))
    assert not has_button(at, "w_link_submit")
    assert not at.session_state["unlocked"]
    # the right one opens editing; the typed text is not kept
    at.text_input(key="w_facilitator_password").input(PASSWORD).run()
    assert not at.exception
    assert has_button(at, "w_link_submit")
    assert at.session_state["unlocked"] is True
    assert at.session_state["w_facilitator_password"] == ""
    # another visitor's session stays closed
    other = start()
    other.switch_page("ess_graph_app/meeting.py").run()
    assert not has_button(other, "w_link_submit")


def test_without_a_password_editing_is_open(meeting_env):
    at = start()
    at.switch_page("ess_graph_app/meeting.py").run()
    assert has_button(at, "w_link_submit")
    assert not at.get("text_input") or all(t.key != "w_facilitator_password" for t in at.text_input)


# Snapshots ---------------------------------------------------------------------------------------
def test_snapshot_then_diff_against_now(meeting_env, app_env):
    a, b = untied_pair(app_env)
    at = start()
    meeting(at)
    at.switch_page("ess_graph_app/journal.py").run()
    at.text_input(key="w_snap_name").input("Rencontre régionale 2009")
    at.button(key="w_snap_create").click().run()
    assert not at.exception and not errors(at), errors(at)
    assert any("Rencontre régionale 2009" in s.value for s in at.success)
    meeting(at)
    add_link(at, a, b)
    at.switch_page("ess_graph_app/journal.py").run()
    assert not at.exception
    assert at.selectbox(key="w_snap_diff").value == "Rencontre régionale 2009"
    assert metric(at, "Liens gagnés") == "1"
    assert metric(at, "Liens perdus") == "0"


def test_the_diagnostic_can_be_compared_with_a_snapshot(meeting_env, app_env, media):
    """Issue 13: the app cannot rerun a command with --compare; in meeting mode the
    diagnostic offers the journal's snapshots instead, and the report then lists what
    changed since (one tie gained, in the pays of its ends)."""
    a, b = untied_pair(app_env)
    at = start()
    meeting(at)
    at.switch_page("ess_graph_app/journal.py").run()
    at.text_input(key="w_snap_name").input("Avant la rencontre")
    at.button(key="w_snap_create").click().run()
    meeting(at)
    add_link(at, a, b)
    territory = PAYS[int(a[1:]) % len(PAYS)]
    at.switch_page("ess_graph_app/gaps.py").run()
    at.radio(key="w_gap_scope").set_value("territory").run()
    at.selectbox(key="w_gap_value_territory").set_value(territory).run()
    choice = at.selectbox(key="w_gap_report_compare")
    assert choice.value is None and choice.options == ["aucun", "Avant la rencontre"]
    plain = downloaded(at, "w_gap_report", media)[0].decode("utf-8")
    assert "Ce qui a changé depuis l'état antérieur" not in unescape(plain)
    choice.set_value("Avant la rencontre").run()
    assert not at.exception
    text = downloaded(at, "w_gap_report", media)[0].decode("utf-8")
    assert "Ce qui a changé depuis l'état antérieur" in unescape(text)
    assert "Avant la rencontre" in unescape(text)
    assert 'data-figure="changes.ties_gained" data-value="1"' in text


# The territorial diagnostic -----------------------------------------------------------------------
def test_gaps_page_offers_the_territorys_diagnostic(app_env, media):
    at = start()
    at.switch_page("ess_graph_app/gaps.py").run()
    at.radio(key="w_gap_scope").set_value("territory").run()
    at.selectbox(key="w_gap_value_territory").set_value("lorient").run()
    assert not at.exception
    button = next(d for d in at.get("download_button") if d.key == "w_gap_report")
    assert button.label == "Télécharger le diagnostic (HTML)"
    body, mime = downloaded(at, "w_gap_report", media)
    assert mime == "text/html"
    text = body.decode("utf-8")
    assert text.lstrip().lower().startswith("<!doctype html")
    assert "Lorient" in unescape(text)  # the territory's name, from territories.csv
    assert 'lang="fr"' in unescape(text)


def test_opportunities_page_offers_the_poles_diagnostic_in_english(app_env, media):
    at = start("en")
    at.switch_page("ess_graph_app/opportunities.py").run()
    # a single structure is not a report's scope: no button
    assert not any(d.key == "w_opp_report" for d in at.get("download_button"))
    at.radio(key="w_opp_scope").set_value("pole").run()
    at.selectbox(key="w_opp_value_pole").set_value("p_rennes").run()
    assert not at.exception
    body, _ = downloaded(at, "w_opp_report", media)
    text = body.decode("utf-8")
    assert "Pôle Rennes" in unescape(text) and 'lang="en"' in unescape(text)


def test_in_meeting_mode_the_diagnostic_has_the_latest_survey(meeting_env, app_env, media):
    from ess_graph.survey.campaigns import TOKEN_PARAMETER, issue_links, open_campaign, save_answer

    at = start()  # creates the workspace from the small network
    # Structure i is in PAYS[i % 6]: Lorient holds s003, s009, ..., s039, 7 structures.
    with Workspace(meeting_env) as ws:
        open_campaign(ws, "Enquête ancienne", who="coord", territories=["brest"])
        open_campaign(ws, "Enquête Lorient", who="coord", territories=["lorient"])
        url = issue_links(ws, "Enquête Lorient", structures=["s003"], who="coord")["url"][0]
        answer = {"partners": [{"structure": "s009", "kinds": ["cooperation"]}]}
        answer["functions"] = {"strategy": 4}
        save_answer(ws, url.split(f"{TOKEN_PARAMETER}=")[1], answer, submit=True)
    at.switch_page("ess_graph_app/gaps.py").run()
    at.radio(key="w_gap_scope").set_value("territory").run()
    at.selectbox(key="w_gap_value_territory").set_value("lorient").run()
    assert not at.exception
    button = next(d for d in at.get("download_button") if d.key == "w_gap_report")
    assert "Enquête Lorient" in button.help  # the latest opened, not the older one
    text = downloaded(at, "w_gap_report", media)[0].decode("utf-8")
    assert "« Enquête Lorient »" in unescape(text)
    # s003 answered of the 7 invited: 14 %, under 50 %: the warning is there.
    assert 'data-figure="survey.invited" data-value="7"' in text
    assert 'data-figure="survey.answered" data-value="1"' in text
    assert "une seule des 7 structures invitées" in unescape(text)
    assert 'data-figure="function.strategy" data-value="4.0"' in text


def test_without_a_workspace_the_diagnostic_has_no_survey(app_env, media):
    at = start()
    at.switch_page("ess_graph_app/gaps.py").run()
    at.radio(key="w_gap_scope").set_value("territory").run()
    text = downloaded(at, "w_gap_report", media)[0].decode("utf-8")
    assert "Aucune donnée d'enquête" in unescape(text) and "survey.invited" not in unescape(text)


def test_edit_and_remove_links_in_the_table(meeting_env, app_env):
    links = fixture_links(app_env)
    first, second = links[0], links[1]  # rows 0 and 1 of the table: the file's order
    at = start()
    meeting(at)
    at.session_state["w_edit_links_0"] = editor_state({1: {"weight": "4"}}, deleted=[0])
    at.run()
    at.button(key="w_save_links").click().run()
    assert not at.exception and not errors(at), errors(at)
    assert any("2 lignes enregistrées" in s.value for s in at.success)
    # the fixture's pairs are distinct: removing one link removes one tie
    assert ties(at) == TIES - 1
    with Workspace(meeting_env) as ws:
        assert ws.find("links", "source", first["source"]) == [] or all(
            r.values["target"] != first["target"]
            for r in ws.find("links", "source", first["source"])
        )
        kept = [
            r
            for r in ws.find("links", "source", second["source"])
            if r.values["target"] == second["target"]
        ]
    assert len(kept) == 1 and float(kept[0].values["weight"]) == 4.0


def test_unsaved_edits_of_one_table_survive_saving_the_other(meeting_env):
    at = start()
    meeting(at)
    pending = editor_state({0: {"note": "camion partagé"}})
    at.session_state["w_edit_links_0"] = pending
    at.session_state["w_edit_structures_0"] = editor_state({1: {"name": "Kerlenn"}})
    at.run()
    at.button(key="w_save_structures").click().run()
    assert not errors(at), errors(at)
    assert at.session_state["w_edit_links_0"]["edited_rows"], "links edits kept"


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_page_runs_in_meeting_mode(meeting_env, lang):
    at = start(lang)
    for page in [
        "ess_graph_app/overview.py",
        "ess_graph_app/network.py",
        "ess_graph_app/mixing.py",
        "ess_graph_app/gaps.py",
        "ess_graph_app/opportunities.py",
        "ess_graph_app/meeting.py",
        "ess_graph_app/journal.py",
        "ess_graph_app/survey_page.py",
        "ess_graph_app/data_page.py",
        "ess_graph_app/export.py",
    ]:
        at.switch_page(page).run()
        assert not at.exception, (page, [e.value for e in at.exception])
        assert at.title, page


def test_a_file_that_is_not_a_workspace_is_said_not_crashed(meeting_env):
    meeting_env.write_text("id,name\ns1,A\n", encoding="utf-8")  # a CSV, not SQLite
    at = start()
    assert not at.exception, [e.value for e in at.exception]
    assert any("rencontre.sqlite" in e.value for e in at.error), errors(at)
    at.switch_page("ess_graph_app/meeting.py").run()
    assert not at.exception
    assert not has_button(at, "w_link_submit")
    assert meeting_env.read_text(encoding="utf-8") == "id,name\ns1,A\n", "left untouched"


def test_hostile_names_stay_text_in_meeting_messages(tmp_path, monkeypatch):
    """Names holding HTML/markdown reach the success message escaped (every markdown
    character preceded by a backslash), so nothing is rendered or fetched."""
    from app_fixtures import write_network

    folder = tmp_path / "evil"
    write_network(folder, evil=True)
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("ESS_GRAPH_DATA", str(folder))
    monkeypatch.setenv("ESS_GRAPH_WORKSPACE", str(tmp_path / "w.sqlite"))
    for name in ("ESS_GRAPH_FACILITATOR_PASSWORD", "ESS_GRAPH_CONFIG"):
        monkeypatch.delenv(name, raising=False)
    tied = {frozenset((r["source"], r["target"])) for r in fixture_links(folder)}
    at = start()
    meeting(at)
    at.text_input(key="w_link_source").input("structure").run()
    found = next(b for b in at.selectbox if b.key.startswith("w_link_source_pick"))
    shown = found.options  # the names, as plain labels
    assert any("<img" in label for label in shown), "the fixture's names are hostile"
    # plain ids (i % 3 != 0), hostile names (every name carries a payload)
    pairs = [
        (a, b)
        for a, b in itertools.combinations([f"s{i:03d}" for i in (1, 2, 4, 5, 7, 8)], 2)
        if frozenset((a, b)) not in tied
    ]
    a, b = pairs[0]
    at.text_input(key="w_link_source").input(a)
    at.text_input(key="w_link_target").input(b)
    at.button(key="w_link_submit").click().run()
    assert not at.exception and not errors(at), errors(at)
    message = next(s.value for s in at.success if "Lien ajouté" in s.value)
    from ess_graph_app.ui import md  # its escaping is checked in test_app

    with open(folder / "structures.csv", encoding="utf-8") as fh:
        names = {r["id"]: r["name"] for r in csv.DictReader(fh)}
    for n in (a, b):
        assert names[n] not in message, "a raw name would be rendered as markdown/HTML"
        assert md(names[n]) in message


def test_on_a_big_network_the_diagnostic_is_written_on_click(app_env, media, monkeypatch):
    from ess_graph_app import ui

    monkeypatch.setattr(ui, "REPORT_EAGER_MAX", 10)  # the fixture's 40 structures: "big"
    at = start()
    at.switch_page("ess_graph_app/gaps.py").run()
    at.radio(key="w_gap_scope").set_value("territory").run()
    assert not at.exception
    button = next(d for d in at.get("download_button") if d.key == "w_gap_report")
    assert button.proto.deferred_file_id and not button.proto.url
    assert not any(mime == "text/html" for _, mime in media.values()), "nothing written yet"


def test_link_ends_are_found_by_typing_structures_poles_and_partners(meeting_env, app_env):
    # write_network: pôles "Pôle Brest" (p_brest), "Pôle Morlaix", "Pôle Rennes"
    at = start()
    meeting(at)
    at.text_input(key="w_link_target").input("pole brest").run()
    found = next(b for b in at.selectbox if b.key.startswith("w_link_target_pick"))
    assert found.options[0] == "Pôle Brest" and found.value == "p_brest"  # options: labels
    at.text_input(key="w_link_target").input("zzz").run()
    assert not any(b.key.startswith("w_link_target_pick") for b in at.selectbox)
    assert any("Aucun nom ne correspond à « zzz »" in c.value for c in at.caption)
