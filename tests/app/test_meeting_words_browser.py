"""The meeting pages' words in a real browser (Debian's chromium through Playwright), for
what only a browser shows: the navigation outside meeting mode, and streamlit's own
English words replaced by a style rule (``ess_graph_app/widget_words.py``). The rest is
checked faster with AppTest in test_meeting_words.py. Screenshots go to
``out/screenshots/`` (1280×720, the projector) and were looked at.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))  # works whatever pytest's import mode
from app_fixtures import act, app_page, current, visit
from test_browser import SHOTS, Watch, running_app, title

pytestmark = [pytest.mark.browser, pytest.mark.slow]

VIEW = {"width": 1280, "height": 720}


def pseudo(locator, which: str) -> str:
    """The ``content`` of an element's ``::before`` or ``::after``, as the browser draws it."""
    return locator.evaluate(f"e => getComputedStyle(e, '{which}').content")


def shown(locator) -> bool:
    return locator.evaluate("e => getComputedStyle(e).display !== 'none'")


def test_meeting_pages_are_explained_not_listed_outside_meeting_mode(browser, small_network):
    with running_app(small_network) as url:
        page = app_page(browser, viewport=VIEW)
        watch = Watch(page, url)
        visit(page, url)
        nav = page.locator("[data-testid=stSidebarNav]")
        current(nav.get_by_text("Réseau", exact=True)).wait_for()
        items = set(nav.inner_text().split("\n"))
        assert {"Vue d'ensemble", "Réseau", "Données", "Exporter"} <= items
        assert not {"Rencontre", "Journal", "Enquête"} & items
        side = page.locator("[data-testid=stSidebar]")
        act(page, current(side.get_by_text("Noter les liens en réunion", exact=True)).click)
        assert title(page) == "Rencontre"
        assert page.url.endswith("/rencontre")
        main = page.locator("[data-testid=stMainBlockContainer]")
        assert "--workspace" in current(main.locator("[data-testid=stCode]")).first.inner_text()
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / "rencontre_hors_mode_rencontre.png"))
        visit(page, f"{url}/journal")  # an old bookmark still opens its page
        assert title(page) == "Journal"
        current(main.get_by_text("Le mode rencontre", exact=False)).first.wait_for()
        watch.check()
        page.close()


def test_the_uploader_says_parcourir_in_french_and_upload_in_english(
    browser, small_network, tmp_path
):
    with running_app(small_network) as url:
        page = app_page(browser, viewport=VIEW)
        watch = Watch(page, url)
        visit(page, f"{url}/donnees")
        zone = current(page.locator("[data-testid=stFileUploaderDropzone]"))
        words = zone.locator("button [data-testid=stMarkdownContainer]")
        assert pseudo(words, "::after") == '"Parcourir…"'
        assert not shown(words.locator("p"))  # streamlit's « Upload », hidden
        assert words.bounding_box()["width"] > 40, "the French word takes the button's place"
        zone.scroll_into_view_if_needed()
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / "donnees_parcourir.png"))
        # with a file chosen, the zone shows it and a « + » icon: no English word
        act(
            page,
            lambda: page.locator("[data-testid=stFileUploaderDropzoneInput]").set_input_files(
                [str(small_network / "structures.csv")]
            ),
        )
        zone = current(page.locator("[data-testid=stFileUploaderDropzone]"))
        current(zone.get_by_text("structures.csv")).wait_for()
        assert "Upload" not in zone.inner_text()
        page.screenshot(path=str(SHOTS / "donnees_parcourir_fichier.png"))
        # in English, streamlit's own word, untouched
        visit(page, f"{url}/donnees")
        act(page, current(page.get_by_text("English", exact=True)).click)
        words = current(page.locator("[data-testid=stFileUploaderDropzone]")).locator(
            "button [data-testid=stMarkdownContainer]"
        )
        assert pseudo(words, "::after") in ("none", "normal")
        assert words.inner_text() == "Upload"
        watch.check()
        page.close()


def test_the_enter_hint_under_a_field_is_french(browser, small_network, tmp_path):
    with running_app(small_network, workspace=tmp_path / "w.sqlite") as url:
        page = app_page(browser, viewport=VIEW)
        watch = Watch(page, url)
        visit(page, f"{url}/rencontre")
        # in a form, Enter sends the form (typed, not sent: the hint shows)
        note = current(page.get_by_label("Note", exact=True))
        note.fill("camion")
        field = current(page.locator("[data-testid=stTextInput]")).filter(has=note)
        hint = field.locator("[data-testid=InputInstructions]")
        hint.wait_for()
        assert pseudo(hint, "::before") == '"Entrée pour envoyer"'
        assert not shown(hint.locator("span").first)  # « Press Enter to submit form »
        # outside a form (leaving the note does not rerun: it is in the form)
        name = current(page.get_by_label("Votre nom"))
        name.fill("Ann")
        field = current(page.locator("[data-testid=stTextInput]")).filter(has=name)
        hint = field.locator("[data-testid=InputInstructions]")
        hint.wait_for()
        assert pseudo(hint, "::before") == '"Entrée pour valider"'
        assert not shown(hint.locator("span").first)  # « Press Enter to apply »
        assert "3/80" in hint.inner_text()  # streamlit's counter stays
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / "rencontre_entree_pour_valider.png"))
        watch.check()
        page.close()
