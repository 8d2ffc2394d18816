"""The graph page in a real chromium: it draws, nothing from the data runs, nothing leaves.

Skipped, with a message, where /usr/bin/chromium or Playwright is missing.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import pytest

from ess_graph.viz.html import FOCUS_ZOOM_ABOVE, READY_CONDITION, network_html
from ess_graph.viz.layout import compute_layout
from ess_graph.viz.style import node_styles

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

pytestmark = pytest.mark.browser

IMG = '<img src=x onerror="window.__pwned=1">'
SCRIPT = "</script><script>window.__pwned=2</script>"
SVG = '<svg onload="window.__pwned=3"></svg><!--'


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"no chromium at {CHROMIUM}: browser tests need Debian's chromium package")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


class Visit:
    """A page with recorders for errors, dialogs and requests."""

    def __init__(self, browser, path: Path):
        self.page = browser.new_page(viewport={"width": 1280, "height": 720})
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.requests: list[str] = []
        self.failed: dict[str, str] = {}
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("dialog", self._dialog)
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("requestfailed", lambda r: self.failed.__setitem__(r.url, r.failure or ""))
        self.page.goto(path.as_uri())
        self.page.wait_for_function(READY_CONDITION, timeout=60_000)

    def _dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def outside(self) -> list[str]:
        """Requests to anything but the page itself, except those the CSP stopped."""
        return [
            u
            for u in self.requests
            if not u.startswith(("file://", "data:"))
            and self.failed.get(u) not in ("csp", "net::ERR_BLOCKED_BY_CSP")
        ]


def payload_graph() -> nx.Graph:
    G = nx.Graph(
        sector_names={"c": SVG},
        territory_names={"rennes": IMG},
        poles={"p": {"name": SCRIPT, "territory": "rennes", "status": "created"}},
    )
    G.add_node(IMG, name=SCRIPT, family="association", sector="c", territory="rennes", pole="p")
    G.add_node("b", name=IMG + " href", family="mutuelle", sector="c", territory="rennes", pole="")
    G.add_node(SCRIPT, name=SVG, family="fondation", sector="c", territory="rennes", pole="p")
    G.add_node("d", name="Plain", family="association", sector="c", territory="rennes", pole="")
    G.add_edge(IMG, "b", weight=2.0, links=1, kinds=("cooperation",))
    G.add_edge("b", SCRIPT, weight=1.0, links=1, kinds=("pooling",))
    return G


def write(tmp_path: Path, G: nx.Graph, **kwargs) -> Path:
    path = tmp_path / "graph.html"
    html = network_html(G, compute_layout(G), node_styles(G), **kwargs)
    path.write_text(html, encoding="utf-8")
    return path


def test_payloads_do_not_run_and_nothing_leaves_the_machine(browser, tmp_path):
    G = payload_graph()
    visit = Visit(browser, write(tmp_path, G, heading=IMG + SCRIPT, focus="b"))
    page = visit.page
    info = page.evaluate("window.__essGraph")
    assert info["nodes"] == G.number_of_nodes() == 4
    assert info["edges"] == G.number_of_edges()
    assert page.locator("#mynetwork canvas").count() == 1
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.evaluate("document.querySelectorAll('img, svg, iframe, object').length") == 0
    # the heading is shown as typed
    assert page.inner_text("h2.ess-heading") == IMG + SCRIPT
    # focus selected the node
    assert page.evaluate("window.__essNetwork.getSelectedNodes()") == ["b"]

    # hover the node whose name is an <img> payload: the tooltip shows it as text
    point = page.evaluate(
        """(id) => { const n = window.__essNetwork;
                     const p = n.canvasToDOM(n.getPosition(id));
                     const r = document.querySelector('#mynetwork').getBoundingClientRect();
                     return {x: p.x + r.left, y: p.y + r.top}; }""",
        "b",
    )
    page.mouse.move(point["x"] + 40, point["y"] + 40)
    page.mouse.move(point["x"], point["y"])
    page.wait_for_function(
        "() => { const t = document.querySelector('div.vis-tooltip');"
        " return t && t.style.visibility !== 'hidden' && t.innerText.length > 0; }",
        timeout=10_000,
    )
    tooltip = page.evaluate("document.querySelector('div.vis-tooltip').innerText")
    assert tooltip.splitlines()[0] == IMG + " href"
    assert page.evaluate("document.querySelector('div.vis-tooltip').children.length") <= len(
        tooltip.splitlines()
    )  # only <br> line breaks, no element from the data
    assert page.evaluate("document.querySelectorAll('div.vis-tooltip img').length") == 0
    assert page.evaluate("typeof window.__pwned") == "undefined"

    assert visit.errors == []
    assert visit.dialogs == []
    assert visit.outside() == []
    page.close()


def test_content_security_policy_blocks_any_request(browser, tmp_path):
    visit = Visit(browser, write(tmp_path, nx.path_graph(["a", "b"])))
    with visit.page.expect_event("requestfailed") as blocked:
        outcome = visit.page.evaluate(
            """async () => {
                const seen = [];
                document.addEventListener('securitypolicyviolation', e => seen.push(e.violatedDirective));
                let fetched;
                try { await fetch('http://127.0.0.1:9/x'); fetched = 'fetched'; }
                catch (e) { fetched = 'blocked'; }
                const img = new Image();
                const loaded = await new Promise(r => { img.onload = () => r('loaded');
                                                        img.onerror = () => r('blocked');
                                                        img.src = 'http://127.0.0.1:9/x.png'; });
                await new Promise(r => setTimeout(r, 0));
                return {fetched, loaded, seen};
            }"""
        )
    assert outcome["fetched"] == "blocked"
    assert outcome["loaded"] == "blocked"
    assert any(d.startswith(("connect-src", "default-src")) for d in outcome["seen"])
    assert any(d.startswith("img-src") for d in outcome["seen"])
    # chromium reports the image request as failed, stopped by the CSP
    assert blocked.value.failure == "csp"
    assert visit.outside() == []
    visit.page.close()


def test_physics_on_reaches_ready(browser, tmp_path):
    G = nx.les_miserables_graph()
    visit = Visit(browser, write(tmp_path, G, physics=True))
    assert visit.page.evaluate("window.__essGraph.nodes") == G.number_of_nodes()
    assert visit.errors == []
    visit.page.close()


def test_focus_in_a_big_view_centres_and_zooms_onto_the_node(browser, tmp_path):
    G = nx.grid_2d_graph(20, 20)  # 400 nodes > FOCUS_ZOOM_ABOVE
    G = nx.relabel_nodes(G, {n: f"{n[0]}-{n[1]}" for n in G})
    assert G.number_of_nodes() > FOCUS_ZOOM_ABOVE
    pos = compute_layout(G)
    path = tmp_path / "graph.html"
    path.write_text(network_html(G, pos, node_styles(G), focus="3-17"), encoding="utf-8")
    visit = Visit(browser, path)
    scale = visit.page.evaluate("window.__essNetwork.getScale()")
    centre = visit.page.evaluate("window.__essNetwork.getViewPosition()")
    assert scale == pytest.approx(1.2)
    assert centre["x"] == pytest.approx(pos["3-17"][0], abs=1)
    assert centre["y"] == pytest.approx(pos["3-17"][1], abs=1)
    assert visit.page.evaluate("window.__essNetwork.getSelectedNodes()") == ["3-17"]
    visit.page.close()


def test_an_empty_view_still_reports_ready(browser, tmp_path):
    # a filter can leave nothing to draw: the page must still say it is done
    path = tmp_path / "graph.html"
    path.write_text(network_html(nx.Graph(), {}, node_styles(nx.Graph())), encoding="utf-8")
    visit = Visit(browser, path)
    assert visit.page.evaluate("window.__essGraph.nodes") == 0
    assert visit.errors == []
    visit.page.close()
