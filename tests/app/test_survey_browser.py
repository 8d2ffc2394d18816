"""The partnership survey in a real browser (Debian's chromium through Playwright): the
respondent's form on a phone (390×844) and a laptop (1280×720), the Enquête page on the
projector (1280×720), and several respondents sending at the same moment.

The app and its waits are those of test_browser.py (`running_app`, `act`, `current`,
`settle`: no fixed sleep). Each test prepares its workspace with
`app_fixtures.survey_workspace` (the small network, one open campaign for the pays Brest
and Morlaix, its links issued); what was saved is read back from the workspace through
`ess_graph.survey` (the oracle). Screenshots go to ``out/screenshots/enquete_*.png``.
"""

from __future__ import annotations

import sys
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))  # works whatever pytest's import mode
from app_fixtures import (
    SURVEY_NAME,
    act,
    app_page,
    current,
    settle,
    survey_workspace,
    visit,
)
from test_browser import SHOTS, Watch, running_app

from ess_graph.survey import campaigns, follow
from ess_graph.workspace.store import Workspace

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1280, "height": 720}


def main(page):
    return page.locator("[data-testid=stMainBlockContainer]")


def no_overflow(page) -> None:
    """Nothing wider than the window: no sideways scrolling on a phone."""
    wide = page.evaluate(
        """() => {
          const w = document.documentElement.clientWidth;
          return [...document.querySelectorAll('[data-testid=stMainBlockContainer] *')]
            .filter((e) => e.getBoundingClientRect().right > w + 1 && e.offsetParent !== null)
            .map((e) => (e.dataset.testid || e.tagName) + ': ' + (e.innerText || '').slice(0, 40))
            .slice(0, 5);
        }"""
    )
    assert wide == [], wide


def type_in(page, locator, text: str) -> None:
    """Type `text` in a text field and press Enter: one rerun."""
    act(page, lambda: (locator.fill(text), locator.press("Enter")))


def add_partner(page, name: str) -> None:
    box = current(main(page).get_by_label("Nom du partenaire", exact=True))
    type_in(page, box, name)
    act(page, current(main(page).get_by_role("button", name="Ajouter à mes partenaires")).click)
    current(main(page).get_by_text(f"{name} ajouté à vos partenaires.")).wait_for()


def card(page, position: int = 0):
    """The partner card at `position` on the form (current run only)."""
    return current(page.locator("[class*='st-key-sv_card_']")).nth(position)


def stored(path: Path, structure: str):
    with Workspace(path) as ws:
        campaign = campaigns.find_campaign(ws, SURVEY_NAME)
        found = [a for a in campaigns.answers(ws, campaign) if a.structure == structure]
    return found[0] if found else None


def fill_and_send(page, path: Path, structure: str, shot: str) -> None:
    """Add a partner, refuse a year, correct it, send: what a respondent does."""
    add_partner(page, "Structure 6")
    one = card(page)
    assert "Structure 6" in one.locator("h4").inner_text()
    act(page, current(one.get_by_role("button", name="mutualisation")).click)
    type_in(page, current(one.get_by_label("Depuis (année)")), "vers 2015")
    act(page, current(one.get_by_role("radio", name="3 · beaucoup")).click)
    send = current(main(page).get_by_role("button", name="Envoyer", exact=True))
    act(page, send.click)
    # the message is inside the partner's card, right under the year
    error = current(card(page).locator("[data-testid=stAlertContentError]"))
    assert "vers 2015" in error.inner_text() and "n'est pas une année" in error.inner_text()
    current(main(page).get_by_text("Rien n'a été envoyé", exact=False)).wait_for()
    assert stored(path, structure) is None
    no_overflow(page)
    card(page).scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / f"enquete_{shot}_annee_refusee.png"))
    type_in(page, current(card(page).get_by_label("Depuis (année)")), "2015")
    act(page, send.click)
    thanks = current(main(page).get_by_text("Merci ! Réponse envoyée le", exact=False))
    thanks.wait_for()
    thanks.scroll_into_view_if_needed()
    # said a second time in a corner of the screen, whatever is scrolled
    page.locator("[data-testid=stToast]").filter(has_text="Merci !").first.wait_for()
    assert not current(card(page).locator("[data-testid=stAlertContentError]")).count()
    answer = stored(path, structure)
    assert answer.status == "submitted"
    p = answer.answer.partners[0]
    assert (p.structure, p.kinds, p.since, p.value) == ("s006", ["pooling"], "2015", 3)
    no_overflow(page)
    page.screenshot(path=str(SHOTS / f"enquete_{shot}_envoyee.png"))


def test_the_form_on_a_phone_and_on_a_laptop(browser, small_network, tmp_path):
    path = tmp_path / "enquete.sqlite"
    tokens = survey_workspace(small_network, path)
    SHOTS.mkdir(parents=True, exist_ok=True)
    with running_app(small_network, workspace=path) as url:
        for size, structure, shot in ((PHONE, "s000", "telephone"), (LAPTOP, "s001", "portable")):
            page = app_page(browser, viewport=size)
            watch = Watch(page, url)
            visit(page, f"{url}/?enquete={tokens[structure]}")
            h1 = current(main(page).locator("h1")).first
            assert h1.inner_text().strip() == "Enquête partenariats"
            assert f"Questionnaire de Structure {int(structure[1:])}" in main(page).inner_text()
            # only the form: no navigation, no sidebar, no graph
            assert page.locator("[data-testid=stSidebarNav]").count() == 0
            assert page.locator("[data-testid=stSidebar]").count() == 0
            assert page.locator("iframe").count() == 0
            no_overflow(page)
            page.screenshot(path=str(SHOTS / f"enquete_{shot}_ouverte.png"))
            fill_and_send(page, path, structure, shot)
            watch.check()
            page.close()

        # another page's address with the link: the form, and only it
        page = app_page(browser, viewport=LAPTOP)
        visit(page, f"{url}/reseau?enquete={tokens['s006']}")
        assert current(main(page).locator("h1")).first.inner_text().strip() == (
            "Enquête partenariats"
        )
        assert page.locator("iframe").count() == 0
        assert page.locator("[data-testid=stSidebarNav]").count() == 0
        # and a wrong link: one neutral message, nothing else
        visit(page, f"{url}/?enquete={'A' * 43}")
        current(main(page).get_by_text("Ce lien ne permet pas de répondre", exact=False)).wait_for()
        assert "Structure" not in main(page).inner_text()
        page.screenshot(path=str(SHOTS / "enquete_lien_inconnu.png"))
        page.close()


def test_the_survey_page_on_the_projector(browser, small_network, tmp_path):
    path = tmp_path / "enquete.sqlite"
    tokens = survey_workspace(small_network, path)
    with Workspace(path) as ws:  # s000 and s006 name each other; s001 names a partner
        for sid, partners in (
            ("s000", [{"structure": "s006", "kinds": ["pooling"]}]),
            ("s006", [{"structure": "s000", "kinds": ["pooling"]}]),
            ("s001", [{"name": "Ti Récup", "commune": "Morlaix", "kinds": ["pooling"]}]),
        ):
            campaigns.save_answer(ws, tokens[sid], {"partners": partners}, submit=True)
        summary = follow.summary(follow.campaign_data(ws, SURVEY_NAME))
    SHOTS.mkdir(parents=True, exist_ok=True)
    with running_app(small_network, workspace=path) as url:
        page = app_page(browser, viewport=LAPTOP)
        watch = Watch(page, url)
        visit(page, f"{url}/enquete")
        who = current(main(page).get_by_label("Votre nom"))
        type_in(page, who, "Anne")
        metrics = current(main(page).locator("[data-testid=stMetric]"))
        assert metrics.count() == 5
        rate = metrics.filter(has_text="Taux de réponse").locator("[data-testid=stMetricValue]")
        assert rate.inner_text().strip() == f"{round(100 * summary['response_rate'])}\u202f%"
        current(main(page).locator("[data-testid=stVegaLiteChart]")).first.wait_for()
        page.screenshot(path=str(SHOTS / "enquete_suivi.png"))
        tabs = main(page).locator("[data-testid=stTabs] [role=tab]")
        for name, shot in (
            ("Relances", "relance"),
            ("Liens", "liens"),
            ("Partenariats", "partenariats"),
            ("Hors liste", "hors_liste"),
            ("Besoins", "besoins"),
            ("Clore et intégrer", "integrer"),
        ):
            tab = current(tabs.filter(has_text=name)).first
            tab.click()  # tabs switch in the browser: no rerun
            assert tab.get_attribute("aria-selected") == "true"
            assert tab.is_visible()  # every tab's name fits on the projector's width
            page.screenshot(path=str(SHOTS / f"enquete_{shot}.png"))
        # a new campaign, with a closing date typed in the date field
        new = current(main(page).locator("[data-testid=stExpander]")).filter(
            has_text="Ouvrir une nouvelle campagne"
        )
        new.locator("summary").click()  # an expander opens in the browser: no rerun
        type_in(page, current(new.get_by_label("Nom de la campagne")), "Enquête Rennes")
        # in some months (the field refuses a date more than 10 years ahead)
        closes = date.today() + timedelta(days=200)
        day = current(new.get_by_role("spinbutton", name="day, Date de clôture (facultative)"))
        typed = closes.strftime("%d%m%Y")
        title = current(main(page).locator("h1")).first  # the field sends its date on blur
        act(page, lambda: (day.click(), page.keyboard.type(typed), title.click()))
        pays = current(new.locator("[data-testid=stMultiSelect] input"))
        act(
            page, lambda: (pays.click(), page.keyboard.type("Rennes"), page.keyboard.press("Enter"))
        )
        page.keyboard.press("Escape")  # the list of choices closes
        new.scroll_into_view_if_needed()
        page.screenshot(path=str(SHOTS / "enquete_nouvelle.png"))
        act(page, current(new.get_by_role("button", name="Ouvrir la campagne")).click)
        opened = "Campagne « Enquête Rennes » ouverte"
        current(main(page).get_by_text(opened, exact=False)).wait_for()
        until = f"Ouverte jusqu'au {closes.strftime('%d/%m/%Y')} inclus"
        current(main(page).get_by_text(until, exact=False)).wait_for()
        with Workspace(path) as ws:
            made = campaigns.find_campaign(ws, "Enquête Rennes")
            assert made.closes == closes.isoformat()
            # pays Rennes is PAYS[2]: structures i with i % 6 == 2 (hand count: 7 of 40)
            assert campaigns.invited(ws, made) == [f"s{i:03d}" for i in range(2, 40, 6)]
        settle(page)
        page.screenshot(path=str(SHOTS / "enquete_ouverte.png"))
        watch.check()
        page.close()


def test_eight_respondents_send_at_the_same_time(browser, small_network, tmp_path):
    """Eight browser pages of eight structures fill their form, then all click « Envoyer »
    within a few milliseconds: every answer is kept, and no page says the database was
    locked."""
    path = tmp_path / "enquete.sqlite"
    tokens = survey_workspace(small_network, path)
    respondents = sorted(tokens)[:8]
    with running_app(small_network, workspace=path) as url:
        context = browser.new_context(viewport=PHONE)
        pages = []
        for sid in respondents:
            page = app_page(context)
            visit(page, f"{url}/?enquete={tokens[sid]}")
            partner = next(s for s in sorted(tokens) if s != sid)
            add_partner(page, f"Structure {int(partner[1:])}")
            act(page, current(card(page).get_by_role("button", name="coopération")).click)
            pages.append((sid, partner, page))
        buttons = []
        for _, _, page in pages:
            settle(page)
            button = current(main(page).get_by_role("button", name="Envoyer", exact=True))
            button.wait_for()
            buttons.append(button)
        for button in buttons:  # all at once: each click returns as soon as it is sent
            button.click()
        for _, _, page in pages:
            current(main(page).get_by_text("Merci ! Réponse envoyée le", exact=False)).wait_for()
            settle(page)
            text = page.content()
            assert "database is locked" not in text and "verrouill" not in text
        with Workspace(path) as ws:
            sent = {
                a.structure: a
                for a in campaigns.answers(ws, campaigns.find_campaign(ws, SURVEY_NAME))
            }
        assert sorted(sent) == respondents
        moments = sorted(datetime.fromisoformat(a.saved_at) for a in sent.values())
        spread = (moments[-1] - moments[0]).total_seconds()
        print(f"8 answers saved within {spread:.2f} s of each other")  # how simultaneous
        for sid, partner, _ in pages:
            assert sent[sid].status == "submitted"
            assert [(p.structure, p.kinds) for p in sent[sid].answer.partners] == [
                (partner, ["cooperation"])
            ]
        context.close()
