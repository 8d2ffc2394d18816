"""Saved views and presentations in a real browser (issue 12, item 2): a saved view's
link opened in a new browser draws the same nodes in the same colours, and a presentation
moves through its views with the arrow keys (how long each step takes is printed: the
figures of docs/PERFORMANCE.md).

Same rules as test_browser.py: every rerun through ``act``, every locator through
``current``, graphs through ``graph_frame``; screenshots at 1280×720 in
``out/screenshots/``.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from app_fixtures import act, app_page, current, graph_frame, redrawn_graph, settle, visit
from test_browser import SHOTS, Watch, running_app
from test_browser import demo_data as demo_data

pytestmark = [pytest.mark.browser, pytest.mark.slow]

VIEWPORT = {"width": 1280, "height": 720}

#: The drawn nodes with their colours, as vis-network holds them in the graph's frame.
NODES = """() => window.__essNetwork.body.data.nodes.get()
  .map((n) => [String(n.id), JSON.stringify(n.color)]).sort()"""


def demo_count(demo: Path, column: str, value: str) -> int:
    with open(demo / "structures.csv", encoding="utf-8") as fh:
        return sum(1 for row in csv.DictReader(fh) if row[column] == value)


def sidebar(page):
    return page.locator("[data-testid=stSidebar]")


def pick_territory(page, name: str) -> None:
    """Choose `name` in the Réseau page's territory filter (in the filters' expander)."""
    side = sidebar(page)
    expander = current(side.locator("[data-testid=stExpander]")).first
    if not expander.locator("[data-testid=stMultiSelect]").first.is_visible():
        expander.locator("summary").first.click()
    box = current(side.locator("[data-testid=stMultiSelect]").filter(has_text="Territoire")).first
    box.locator("input").first.click()
    box.locator("input").first.fill(name)
    act(page, lambda: page.get_by_role("option", name=name, exact=True).click())


def pick_colour(page, label: str) -> None:
    box = current(sidebar(page).locator("[data-testid=stSelectbox]").filter(has_text="Couleur"))
    field = box.first.locator("input").first
    field.click()
    field.fill(label)
    act(page, lambda: page.get_by_role("option", name=label, exact=True).click())


def open_panel(page) -> None:
    """Open the saved views' panel: its widgets come with the rerun the click asks for."""
    name = current(sidebar(page).get_by_label("Nom de la vue"))
    if not name.is_visible():
        act(page, current(sidebar(page).get_by_text("Vues enregistrées", exact=True)).click)
    name.wait_for()


def test_a_saved_views_link_opens_the_same_view_in_a_new_browser(browser, demo_data):
    SHOTS.mkdir(parents=True, exist_ok=True)
    with running_app(demo_data) as url:
        page = app_page(browser, viewport=VIEWPORT)
        watch = Watch(page, url)
        visit(page, f"{url}/reseau")
        graph_frame(page)
        pick_territory(page, "Brest")
        pick_colour(page, "Famille")
        frame = graph_frame(page)
        here = frame.evaluate(NODES)
        assert len(here) == demo_count(demo_data, "territory", "brest")
        assert len({colour for _, colour in here}) > 1  # several families, several colours
        open_panel(page)
        current(sidebar(page).get_by_label("Nom de la vue")).fill("Brest par famille")
        current(sidebar(page).get_by_label("Titre (montré au-dessus du graphe)")).fill(
            "Pays de Brest"
        )
        act(page, current(sidebar(page).get_by_role("button", name="Enregistrer la vue")).click)
        links = [
            t.strip().replace("\n", "")
            for t in current(sidebar(page).locator("[data-testid=stCode] code")).all_inner_texts()
        ]
        saved = [link for link in links if "vue=Brest" in link]
        assert saved, links
        link = saved[0]
        assert link.startswith(f"{url}/reseau?") and "territoire=brest" in link
        page.screenshot(path=str(SHOTS / "vue-enregistree.png"))
        watch.check()

        # A new browser: no cookie, no session, nothing shared but the link.
        other = browser.new_context(viewport=VIEWPORT)
        there_page = app_page(other)
        there_watch = Watch(there_page, url)
        visit(there_page, link)
        there = graph_frame(there_page).evaluate(NODES)
        assert there == here
        # The link's parameters left the address: the visitor's widgets are free.
        assert "territoire" not in there_page.url
        there_page.screenshot(path=str(SHOTS / "vue-du-lien.png"))
        there_watch.check()
        other.close()
        page.close()


def prepared_workspace(path: Path, demo: Path) -> None:
    """A meeting's workspace holding the demo, three saved views and a presentation of
    them, as the facilitator prepared it the day before."""
    from ess_graph.views import Presentation, SavedView
    from ess_graph.workspace import views as wv
    from ess_graph.workspace.merge import commit_import, plan_import
    from ess_graph.workspace.store import Workspace

    with Workspace.create(path) as ws:
        commit_import(ws, plan_import(ws, demo), who="Import")
        for view in (
            SavedView("Brest", title="Pays de Brest", territories=("brest",)),
            SavedView("Région", comment="Toutes les structures", color_by="family"),
            SavedView("Culture", sectors=("culture",), color_by="territory"),
        ):
            wv.save_view(ws, view, who="Anne")
        wv.save_presentation(
            ws, Presentation("Rencontre 2009", ("Brest", "Région", "Culture")), who="Anne"
        )


def test_a_presentation_moves_through_three_views_with_the_arrow_keys(browser, demo_data, tmp_path):
    SHOTS.mkdir(parents=True, exist_ok=True)
    workspace = tmp_path / "rencontre.sqlite"
    prepared_workspace(workspace, demo_data)
    expected = {
        "Brest": demo_count(demo_data, "territory", "brest"),
        "Région": demo_count(demo_data, "fictional", "yes"),  # every demo structure
        "Culture": demo_count(demo_data, "sector", "culture"),
    }
    assert len(set(expected.values())) == 3  # each step draws another graph
    with running_app(demo_data, workspace=workspace) as url:
        page = app_page(browser, viewport=VIEWPORT)
        watch = Watch(page, url)
        visit(page, f"{url}/presentation")
        main = page.locator("[data-testid=stMain]")
        play = current(main.get_by_role("button", name="Lancer en plein écran"))
        frame_graph = redrawn_graph(page, play.click)
        assert frame_graph["nodes"] == expected["Brest"]

        def position() -> str:
            return current(main.get_by_text("/ 3", exact=False)).first.inner_text().strip()

        assert position() == "1 / 3"
        # Full screen: no sidebar, no header.
        assert not sidebar(page).is_visible()
        assert not page.locator("[data-testid=stHeader]").is_visible()
        page.screenshot(path=str(SHOTS / "presentation-1.png"))
        steps = [("ArrowRight", "Région", "2 / 3"), ("ArrowRight", "Culture", "3 / 3")]
        steps += [("ArrowLeft", "Région", "2 / 3")]
        timings = []
        for i, (key, view, where) in enumerate(steps, start=2):
            pressed = page.evaluate("() => Date.now()")
            shown = redrawn_graph(page, lambda k=key: page.keyboard.press(k))
            timings.append((key, view, shown["readyAt"] - pressed, shown["sinceStartMs"]))
            assert shown["nodes"] == expected[view], (key, view)
            assert position() == where
            page.screenshot(path=str(SHOTS / f"presentation-{i}.png"))
        # A click in the graph gives the keyboard to its frame: the page takes it back.
        graph_frame(page)
        box = current(page.locator("iframe[data-ess-graph]")).first.bounding_box()
        page.mouse.click(box["x"] + 10, box["y"] + box["height"] - 10)
        shown = redrawn_graph(page, lambda: page.keyboard.press("ArrowRight"))
        assert shown["nodes"] == expected["Culture"] and position() == "3 / 3"
        # Escape leaves.
        act(page, lambda: page.keyboard.press("Escape"))
        settle(page)
        assert current(main.locator("h1")).first.inner_text().strip() == "Présentation"
        for key, view, ms, frame_ms in timings:
            print(
                f"presentation step {key} to {view}: graph ready {ms / 1000:.2f} s after the "
                f"key, of which {frame_ms / 1000:.2f} s in the graph's frame"
            )
        watch.check()
        page.close()
