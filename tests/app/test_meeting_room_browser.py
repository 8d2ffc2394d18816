"""The meeting room in a real browser (issue 12): views fitted to what they show, names
legible and never cut, a click on a structure opening its card, a link drawn by two
clicks in meeting mode, and a graph frame whose only channel back is a shown node id.

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
from app_fixtures import (
    BROWSER_TIMEOUT,
    GRAPH_READY,
    act,
    app_page,
    current,
    graph_frame,
    redrawn_graph,
    settle,
)
from test_browser import SHOTS, Watch, open_page, running_app
from test_browser import demo_data as demo_data

from ess_graph.viz.html import LABEL_PX

pytestmark = [pytest.mark.browser, pytest.mark.slow]

VIEWPORT = {"width": 1280, "height": 720}


def choose(page, label: str, option: str) -> dict:
    """Pick `option` in the sidebar's multiselect `label` (inside the filters' expander)
    and return the redrawn graph's ``window.__essGraph``."""
    side = page.locator("[data-testid=stSidebar]")
    expander = current(side.locator("[data-testid=stExpander]")).first
    if not expander.locator("[data-testid=stMultiSelect]").first.is_visible():
        expander.locator("summary").first.click()
    box = current(side.locator("[data-testid=stMultiSelect]").filter(has_text=label)).first

    def pick() -> None:
        box.locator("input").first.click()
        box.locator("input").first.fill(option)
        page.get_by_role("option").filter(has_text=option).first.click()

    return redrawn_graph(page, pick)


def check_fitted(frame, shot: str, page) -> dict:
    """The drawn nodes fill the frame (≥ 60 % of its width or height) and every name
    drawn is inside it, at the projector's size."""
    box = frame.evaluate("() => window.__essGraph.fitted()")
    labels = frame.evaluate("() => window.__essGraph.labels")
    page.screenshot(path=str(SHOTS / shot))
    width = (box["x1"] - box["x0"]) / box["width"]
    height = (box["y1"] - box["y0"]) / box["height"]
    assert max(width, height) >= 0.6, (width, height)
    assert box["x0"] >= 0 and box["x1"] <= box["width"]
    assert box["y0"] >= 0 and box["y1"] <= box["height"]
    assert labels, "no name drawn"
    for lab in labels:
        assert lab["px"] >= 14 and lab["px"] >= LABEL_PX
        assert 0 <= lab["x0"] <= lab["x1"] <= box["width"], lab
        assert 0 <= lab["y0"] <= lab["y1"] <= box["height"], lab
    # names never overlap one another
    for i, a in enumerate(labels):
        for b in labels[i + 1 :]:
            assert (
                a["x1"] <= b["x0"] or b["x1"] <= a["x0"] or a["y1"] <= b["y0"] or b["y1"] <= a["y0"]
            ), (a, b)
    return box


def test_a_territory_and_a_pole_fill_the_frame(browser, demo_data):
    SHOTS.mkdir(parents=True, exist_ok=True)
    with running_app(demo_data) as url:
        page = app_page(browser, viewport=VIEWPORT)
        watch = Watch(page, url)
        open_page(page, url, "reseau")
        check_fitted(graph_frame(page), "reseau_tout.png", page)
        shown = choose(page, "Territoire", "Brest")
        with open(demo_data / "structures.csv", encoding="utf-8") as fh:
            brest = sum(1 for r in csv.DictReader(fh) if r["territory"] == "brest")
        assert shown["nodes"] == brest
        check_fitted(graph_frame(page), "reseau_territoire.png", page)
        # a new session (all territories), then one pôle
        open_page(page, url, "reseau")
        with open(demo_data / "structures.csv", encoding="utf-8") as fh:
            rows = list(csv.DictReader(fh))
        with open(demo_data / "poles.csv", encoding="utf-8") as fh:
            pole = next(p for p in csv.DictReader(fh) if any(r["pole"] == p["id"] for r in rows))
        shown = choose(page, "Pôle", pole["name"])
        assert shown["nodes"] == sum(1 for r in rows if r["pole"] == pole["id"])
        check_fitted(graph_frame(page), "reseau_pole.png", page)
        watch.check()
        page.close()


def node_point(page, frame, node: str) -> tuple[float, float]:
    """A point of the page inside `node`'s dot (where vis-network finds that node)."""
    point = frame.evaluate(
        """id => {
            const net = window.__essNetwork;
            const c = net.canvasToDOM(net.getPositions([id])[id]);
            const r = Math.max(2, net.getScale() * (net.body.nodes[id].options.size || 8) * 0.6);
            for (const [dx, dy] of [[0, 0], [r, 0], [-r, 0], [0, r], [0, -r]]) {
                const p = {x: c.x + dx, y: c.y + dy};
                if (net.getNodeAt(p) === id) return p;
            }
            return null;
        }""",
        node,
    )
    assert point is not None, f"{node} is hidden under another dot"
    box = current(page.locator("iframe[data-ess-graph]")).first.bounding_box()
    return box["x"] + point["x"], box["y"] + point["y"]


def click_node(page, node: str) -> None:
    frame = graph_frame(page)
    x, y = node_point(page, frame, node)
    act(page, lambda: page.mouse.click(x, y))


def dialog(page):
    return current(page.locator("[data-testid=stDialog]")).first


def test_a_click_on_a_structure_opens_its_card(browser, small_network):
    with running_app(small_network) as url:
        page = app_page(browser, viewport=VIEWPORT)
        watch = Watch(page, url)
        open_page(page, url, "reseau")
        choose(page, "Territoire", "Brest")  # seven dots, none under another
        click_node(page, "s006")
        card = dialog(page)
        card.get_by_text("Structure 6", exact=True).wait_for()
        card.get_by_text("Partenaires (", exact=False).first.wait_for()
        page.screenshot(path=str(SHOTS / "reseau_fiche.png"))
        # outside meeting mode: no editing from the card
        assert card.get_by_role("button", name="Ajouter un lien à partir d'ici").count() == 0
        watch.check()
        page.close()


MARKER = """() => new Promise(resolve => {
    window.addEventListener("message", function seen(e) {
        if (e.data === "ess-test-marker") { window.removeEventListener("message", seen); resolve(true); }
    });
})"""


def test_only_a_shown_id_from_the_graph_frame_crosses(browser, small_network):
    """Forged messages do nothing: one posted by the app page itself (not the graph
    frame), and ones from the graph frame whose id is markup or a structure not shown.
    The proof: the page asks for no rerun (``__essRuns.asked`` does not move) after the
    component has received them. Then the same channel with a shown id opens the card."""
    with running_app(small_network) as url:
        page = app_page(browser, viewport=VIEWPORT)
        watch = Watch(page, url)
        open_page(page, url, "reseau")
        shown = choose(page, "Territoire", "Brest")  # s000, s006, ...: not s001
        assert shown["nodes"] == 7
        frame = graph_frame(page)
        settle(page)
        asked = page.evaluate("() => window.__essRuns.asked")
        page.evaluate("() => { window.__essMarker = (" + MARKER + ")(); }")
        # 1. from the app page: a real, shown id, but not from the graph frame
        page.evaluate("""() => window.postMessage({essGraph: "node", id: "s000"}, "*")""")
        # 2. from the graph frame: markup, an id not drawn here, a wrong shape, a long id
        frame.evaluate(
            """() => {
                const p = window.parent;
                p.postMessage({essGraph: "node", id: "<img src=x onerror=alert(1)>"}, "*");
                p.postMessage({essGraph: "node", id: "s001"}, "*");
                p.postMessage({essGraph: "node", id: ["s000"]}, "*");
                p.postMessage({essGraph: "node", id: "s000".repeat(200)}, "*");
                p.postMessage("s000", "*");
                p.postMessage("ess-test-marker", "*");
            }"""
        )
        assert page.evaluate("() => window.__essMarker") is True
        settle(page)
        assert page.evaluate("() => window.__essRuns.asked") == asked
        assert dialog(page).count() == 0
        # 3. the channel itself works: a shown id from the graph frame opens its card
        act(
            page,
            lambda: frame.evaluate(
                """() => window.parent.postMessage({essGraph: "node", id: "s006"}, "*")"""
            ),
        )
        dialog(page).get_by_text("Structure 6", exact=True).wait_for()
        watch.check()
        page.close()


def test_two_clicks_and_a_button_add_a_link_the_projector_draws(browser, small_network, tmp_path):
    with open(small_network / "links.csv", encoding="utf-8") as fh:
        tied = {frozenset((r["source"], r["target"])) for r in csv.DictReader(fh)}
    a, b = next(
        (f"s{i:03d}", f"s{j:03d}")
        for i in range(0, 40, 6)  # both in Brest: one filtered view holds them
        for j in range(i + 6, 40, 6)
        if frozenset((f"s{i:03d}", f"s{j:03d}")) not in tied
    )
    with running_app(small_network, workspace=tmp_path / "w.sqlite") as url:
        projector = app_page(browser, viewport=VIEWPORT)
        watch = Watch(projector, url)
        open_page(projector, url, "reseau")
        before = graph_frame(projector).evaluate("() => window.__essGraph.edges")
        laptop = app_page(browser, viewport=VIEWPORT)
        open_page(laptop, url, "reseau")
        choose(laptop, "Territoire", "Brest")
        click_node(laptop, a)
        # buttons in a dialog rerun the dialog (a fragment), which then reruns the app
        dialog(laptop).get_by_role("button", name="Ajouter un lien à partir d'ici").click()
        current(laptop.get_by_text("cliquez sur la deuxième structure", exact=False)).wait_for()
        click_node(laptop, b)
        form = dialog(laptop)
        form.get_by_text("Nouveau lien", exact=False).wait_for()
        name = form.get_by_label("Votre nom")
        name.fill("Anne")
        name.press("Enter")
        add = form.get_by_role("button", name="Ajouter le lien")
        laptop.wait_for_function(
            "() => [...document.querySelectorAll('[data-testid=stDialog] button')]"
            ".some(b => b.innerText.includes('Ajouter le lien') && !b.disabled)",
            timeout=BROWSER_TIMEOUT * 1000,
        )
        laptop.screenshot(path=str(SHOTS / "reseau_lien_deux_clics.png"))
        add.click()
        current(laptop.get_by_text("Lien ajouté", exact=False)).first.wait_for()
        settle(laptop)
        assert dialog(laptop).count() == 0
        # the projector, untouched, draws the new tie (editing.REFRESH_S)
        one_more = f"() => ({GRAPH_READY})() && window.__essGraph.edges === {before + 1}"
        graph_frame(projector, ready=one_more)
        watch.check()
        projector.close()
        laptop.close()
