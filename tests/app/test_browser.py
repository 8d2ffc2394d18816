"""The app in a real browser: Debian's chromium driven by Playwright.

Each test starts ``streamlit run app.py`` on a free port (a subprocess), waits for its
health endpoint, then visits pages and waits for conditions, never for fixed delays:
every action that reruns the app goes through ``act`` (it returns once that rerun has
finished), every locator through ``current`` (never a stale copy kept on screen during a
rerun), graphs through ``graph_frame`` (app_fixtures.py says why). Every test checks that the page asked for
nothing outside localhost and logged no JavaScript error. Screenshots (1280×720, the
projector) go to ``out/screenshots/`` (ignored by git).
"""

from __future__ import annotations

import csv
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import docx
import pytest

sys.path.insert(0, str(Path(__file__).parent))  # works whatever pytest's import mode
from app_fixtures import (
    BROWSER_TIMEOUT,
    GRAPH_READY,
    ROOT,
    XSS_MARK,
    XSS_PAYLOADS,
    act,
    app_page,
    current,
    graph_frame,
    redrawn_graph,
    settle,
    tick_first_row,
    visit,
    write_network,
)

from ess_graph.cli import app_command

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SHOTS = ROOT / "out" / "screenshots"
#: url path of each page (app.py) and an element that says the page has drawn.
PAGES = {
    "": "[data-testid=stDeckGlJsonChart] canvas",
    "reseau": "iframe[data-ess-graph]",
    "presentation": "[data-testid=stAlert]",  # no saved view yet: where to save them
    "liens-intersectoriels": "[data-testid=stVegaLiteChart]",
    "lacunes": "[data-testid=stRadio]",
    "opportunites": "[data-testid=stTextInput]",
    "rencontre": "[data-testid=stCode]",  # read-only: the command of meeting mode
    "journal": "[data-testid=stCode]",
    "enquete": "[data-testid=stCode]",  # read-only: the command of meeting mode
    "donnees": "[data-testid=stFileUploader]",
    "exporter": "[data-testid=stDownloadButton]",
}


def registered(path: str) -> bool:
    """Is the page with this url path in the app's navigation?"""
    import re

    text = (ROOT / "ess_graph_app" / "app.py").read_text(encoding="utf-8")
    active = [line for line in text.splitlines() if not line.lstrip().startswith("#")]
    paths = re.findall(r'"page\.\w+", "([a-z-]+)"\)', "\n".join(active))
    return path == "" or path in paths


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_healthy(url: str, proc: subprocess.Popen, timeout: float = BROWSER_TIMEOUT) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            pass
        # a health poll: the condition is re-checked, the pause only spaces the requests
        time.sleep(0.2)
    raise TimeoutError("streamlit did not become healthy")


@contextmanager
def running_app(
    data: Path,
    script: Path = ROOT / "app.py",
    workspace: Path | None = None,
    password: str | None = None,
) -> Iterator[str]:
    """The app on `data`; in meeting mode on the file `workspace` when given, with a
    facilitator `password` when given."""
    port = free_port()
    env = dict(os.environ, ESS_GRAPH_DATA=str(data))
    for name in ("ESS_GRAPH_WORKSPACE", "ESS_GRAPH_FACILITATOR_PASSWORD", "ESS_GRAPH_CONFIG"):
        env.pop(name, None)
    if workspace is not None:
        env["ESS_GRAPH_WORKSPACE"] = str(workspace)
    if password is not None:
        env["ESS_GRAPH_FACILITATOR_PASSWORD"] = password
    (ROOT / "out").mkdir(exist_ok=True)
    log = open(ROOT / "out" / f"streamlit_{port}.log", "w")  # noqa: SIM115
    proc = subprocess.Popen(
        app_command(script, port),
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://localhost:{port}"
    try:
        wait_healthy(url, proc)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


class Watch:
    """Requests outside localhost and JavaScript errors seen by a page."""

    def __init__(self, page, url: str) -> None:
        self.outside: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.urls: list[str] = []
        local = (url, "data:", "about:", "blob:")

        def on_request(r) -> None:
            self.urls.append(r.url)
            if not r.url.startswith(local):
                self.outside.append(r.url)

        def on_failed(r) -> None:
            # blocked by the frame's Content-Security-Policy: it never left the browser
            # (chromium reports it as "csp", older builds as "net::ERR_BLOCKED_BY_CSP")
            if "csp" in (r.failure or "").lower() and r.url in self.outside:
                self.outside.remove(r.url)
                self.blocked.append(r.url)

        self.blocked: list[str] = []
        page.on("request", on_request)
        page.on("requestfailed", on_failed)
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))

    def check(self) -> None:
        assert not self.outside, f"requests outside localhost: {self.outside}"
        assert not self.errors, f"JavaScript errors: {self.errors}"
        assert not self.dialogs, f"dialogs opened: {self.dialogs}"


def open_page(page, url: str, path: str) -> None:
    """Open the page at `path` in a new session; return once its run has finished and
    its title and the element that says it has drawn (`PAGES`) are on screen."""
    visit(page, f"{url}/{path}")
    main = page.locator("[data-testid=stMainBlockContainer]")
    current(main.locator("h1")).first.wait_for()
    current(page.locator(PAGES[path])).first.wait_for(state="attached")


def title(page) -> str:
    """The title (first h1) of the page shown, from the current run."""
    main = page.locator("[data-testid=stMainBlockContainer]")
    return current(main.locator("h1")).first.inner_text().strip()


def go(page, link: str) -> None:
    """Click `link` in the sidebar's navigation and wait for that page's run."""
    nav = page.locator("[data-testid=stSidebarNav]")
    act(page, nav.get_by_text(link, exact=True).click)


@pytest.fixture(scope="module")
def demo_data() -> Path:
    demo = ROOT / "data" / "demo"
    if not (demo / "structures.csv").is_file():
        pytest.skip("data/demo not generated")
    return demo


def test_every_page_offline_without_errors(browser, demo_data):
    SHOTS.mkdir(parents=True, exist_ok=True)
    with running_app(demo_data) as url:
        page = app_page(browser, viewport={"width": 1280, "height": 720})
        watch = Watch(page, url)
        for path in PAGES:
            if not registered(path):
                continue
            started = time.monotonic()
            open_page(page, url, path)
            if path == "reseau":
                frame = graph_frame(page)
                ready_s = time.monotonic() - started
                # every structure of the demo is drawn (rows of structures.csv)
                with open(demo_data / "structures.csv", encoding="utf-8") as fh:
                    expected = sum(1 for _ in csv.DictReader(fh))
                assert frame.evaluate("() => window.__essGraph.nodes") == expected
                print(f"Réseau page, new session: graph ready {ready_s:.2f} s after the request")
                # again, as a second visitor would (server caches warm)
                started = time.monotonic()
                open_page(page, url, path)
                graph_frame(page)
                warm_s = time.monotonic() - started
                # how fast: bench/bench_app.py measures it (no timed assertion here; a
                # frozen graph fails graph_frame's wait)
                print(f"Réseau page, warm: graph ready {warm_s:.2f} s after the request")
            page.screenshot(path=str(SHOTS / f"{path or 'vue-d-ensemble'}.png"))
        watch.check()
        page.close()


def test_search_focuses_the_graph_on_a_structure(browser, small_network):
    """Typing part of a name in the Réseau sidebar and Enter: the best match is chosen
    and the graph shows its neighbourhood (write_network names "Structure 0" to 39)."""
    with open(small_network / "links.csv", encoding="utf-8") as fh:
        partners = {
            r["target"] if r["source"] == "s005" else r["source"]
            for r in csv.DictReader(fh)
            if "s005" in (r["source"], r["target"]) and r["kind"] != "funding"
        }
    with running_app(small_network) as url:
        page = app_page(browser, viewport={"width": 1280, "height": 720})
        watch = Watch(page, url)
        open_page(page, url, "reseau")
        assert graph_frame(page).evaluate("() => window.__essGraph.nodes") == 40
        side = page.locator("[data-testid=stSidebar]")
        box = current(side.get_by_label("Chercher une structure"))
        focused = redrawn_graph(page, lambda: (box.fill("structure 5"), box.press("Enter")))
        # the list of matches, the whole name first: "5" is in the names of 5, 15, 25
        # and 35; the whole name typed comes first
        matches = current(side.locator("[data-testid=stSelectbox]")).filter(has_text="résultats")
        assert "4 résultats" in matches.inner_text()
        shown = matches.locator("input").input_value() or matches.inner_text()
        assert "Structure 5" in shown
        assert focused["focus"] == "s005"
        assert focused["nodes"] == 1 + len(partners)
        page.screenshot(path=str(SHOTS / "reseau_recherche.png"))
        watch.check()
        page.close()


def test_language_switch_in_the_browser(browser, demo_data):
    with running_app(demo_data) as url:
        page = app_page(browser, viewport={"width": 1280, "height": 720})
        watch = Watch(page, url)
        open_page(page, url, "")
        assert title(page) == "Vue d'ensemble"
        act(page, current(page.get_by_text("English", exact=True)).click)
        assert title(page) == "Overview"
        nav = page.locator("[data-testid=stSidebarNav]").inner_text()
        assert "Gaps" in nav and "Lacunes" not in nav and "Données" not in nav
        # outside meeting mode its pages are not listed (their addresses still work)
        assert not {"Meeting", "Change log", "Survey"} & set(nav.split("\n"))
        # every page, reached through the navigation (same session), speaks English
        english = {
            "Network": "Network",
            "Cross-sector ties": "Cross-sector ties",
            "Gaps": "Gaps",
            "Opportunities": "Opportunities",
            "Data": "Data",
            "Export": "Export",
        }
        SHOTS.mkdir(parents=True, exist_ok=True)
        for link, heading in english.items():
            go(page, link)
            assert title(page) == heading
            if link == "Network":
                graph_frame(page)
            page.screenshot(path=str(SHOTS / f"en_{link.lower().replace(' ', '_')}.png"))
        # the sidebar's one line leads to what meeting mode is, in English too
        side = page.locator("[data-testid=stSidebar]")
        act(page, current(side.get_by_text("Record links in a meeting", exact=True)).click)
        assert title(page) == "Meeting"
        current(page.get_by_text("Meeting mode", exact=False)).first.wait_for()
        watch.check()
        page.close()


def test_hostile_names_never_run(browser, tmp_path):
    """Names and ids holding <img onerror>, </script> and <svg onload> stay text."""
    folder = tmp_path / "evil"
    write_network(folder, evil=True)
    with running_app(folder) as url:
        page = app_page(browser, viewport={"width": 1280, "height": 720})
        watch = Watch(page, url)
        for path in PAGES:
            if not registered(path):
                continue
            open_page(page, url, path)
            if path == "reseau":
                frame = graph_frame(page)
                assert frame.evaluate(f"() => window.{XSS_MARK}") is None
                # the pôle scale draws the (hostile) pôle names as labels
                side = page.locator("[data-testid=stSidebar]")
                scale = current(side.get_by_text("Pôles", exact=True))
                poles = redrawn_graph(page, scale.click)
                # 3 pôles + one node for the structures without a pôle (write_network)
                assert poles["nodes"] == 4
                # the search lists hostile names (as text) and focuses on the best match
                redrawn_graph(page, current(side.get_by_text("Structures", exact=True)).click)
                box = current(side.get_by_label("Chercher une structure"))
                focused = redrawn_graph(
                    page, lambda box=box: (box.fill("structure 3"), box.press("Enter"))
                )
                # write_network: structure 3 is "Structure 3" + a payload, its id too
                assert focused["focus"] == "s003" + XSS_PAYLOADS[3 % len(XSS_PAYLOADS)]
            if path in ("opportunites", "lacunes"):  # show tables full of hostile names
                main = page.locator("[data-testid=stMainBlockContainer]")
                # the scope's radio (the Opportunités page has a ranking radio above it)
                scope = main.locator("[data-testid=stRadio]").filter(has_text="Un pôle")
                radio = current(scope).first
                act(page, radio.get_by_text("Un pôle").click)
                current(main.get_by_text("Pôle", exact=False)).first.wait_for()
            settle(page)
            for frame in page.frames:  # Playwright reads sandboxed frames too
                assert frame.evaluate(f"() => window.{XSS_MARK}") is None, (path, frame.url)
            assert page.locator("img[src=x]").count() == 0, path
        # the payload's <img src=x> was never even fetched
        assert not [u for u in watch.urls if u.rstrip("/").endswith("/x")]
        watch.check()
        page.close()


SANDBOX_PROBE = '''
import sys
sys.path.insert(0, {root!r})
import streamlit as st
from ess_graph_app.ui import graph_frame

st.title("probe")
doc = """<!DOCTYPE html><html><head><title>inner</title></head><body><p>graph</p>
<img src="http://example.invalid/pixel.png">
<script>
function probe(get) {{ try {{ return "reached:" + get(); }} catch (e) {{ return "blocked"; }} }}
document.body.dataset.parentAccess = probe(function () {{ return window.parent.document.title; }});
document.body.dataset.topAccess = probe(function () {{ return window.top.document.title; }});
document.body.dataset.cookie = probe(function () {{ return document.cookie; }});
try {{ fetch("http://example.invalid/beacon").catch(function () {{}}); }} catch (e) {{}}
// ready once the page has loaded, i.e. after the image attempt has failed
window.addEventListener("load", function () {{ document.body.dataset.graphReady = "1"; }});
</script></body></html>"""
graph_frame(doc, height=200, title="probe graph")
'''


def test_graph_frame_cannot_reach_the_app_nor_the_network(browser, tmp_path, small_network):
    """The frame that holds a graph runs scripts but is cross-origin to the app page.

    The probe document tries to read its parent's and the top page's document, its
    cookies, and to fetch an image and a URL outside: every attempt must fail (sandbox
    without allow-same-origin; the Content-Security-Policy inherited from the wrapper).
    """
    script = tmp_path / "probe_app.py"
    script.write_text(SANDBOX_PROBE.format(root=str(ROOT)), encoding="utf-8")
    with running_app(small_network, script) as url:
        page = app_page(browser, viewport={"width": 1280, "height": 720})
        watch = Watch(page, url)
        visit(page, url)
        frame = graph_frame(page)
        data = frame.evaluate("() => Object.assign({}, document.body.dataset)")
        assert data["parentAccess"] == "blocked"
        assert data["topAccess"] == "blocked"
        assert data["cookie"] == "blocked"  # opaque origin: no cookie jar at all
        # the app page itself is reachable from the test, and unchanged
        assert title(page) == "probe"
        watch.check()
        page.close()


def test_a_suggestion_is_drawn_on_the_graph(browser, demo_data):
    with running_app(demo_data) as url:
        page = app_page(browser, viewport={"width": 1280, "height": 720})
        watch = Watch(page, url)
        open_page(page, url, "opportunites")
        main = page.locator("[data-testid=stMainBlockContainer]")
        # the scope's radio (the Opportunités page has a ranking radio above it)
        scope = main.locator("[data-testid=stRadio]").filter(has_text="Un pôle")
        radio = current(scope).first
        act(page, radio.get_by_text("Un pôle").click)
        # tick the first row (issue 12: only a ticked suggestion is drawn)
        tick_first_row(page)
        frame = graph_frame(page)
        # the two structures of the first suggestion and their partners, at least 2 dots
        assert frame.evaluate("() => window.__essGraph.nodes") >= 2
        page.screenshot(path=str(SHOTS / "opportunites_graphe.png"))
        watch.check()
        page.close()


def test_upload_with_errors_in_the_browser(browser, small_network, tmp_path):
    """A faulty file: the report is shown, the data shown stays, nothing can be adopted."""
    bad = tmp_path / "structures.csv"
    bad.write_text("id,name,family,sector,territory\nx1,A,bogus,culture,Brest\n", encoding="utf-8")
    with running_app(small_network) as url:
        page = app_page(browser, viewport={"width": 1280, "height": 720})
        watch = Watch(page, url)
        open_page(page, url, "donnees")
        uploader = current(page.locator("[data-testid=stFileUploader]")).locator("input[type=file]")
        act(page, lambda: uploader.set_input_files(str(bad)))
        current(page.get_by_text("Aucune structure valide", exact=False)).first.wait_for()
        assert current(page.get_by_role("button", name="Utiliser ces données")).count() == 0
        page.screenshot(path=str(SHOTS / "donnees_erreurs.png"))
        # the overview still shows the 40 structures of the starting network
        go(page, "Vue d'ensemble")
        assert current(page.locator("[data-testid=stMetricValue]")).first.inner_text() == "40"
        watch.check()
        page.close()


def test_an_upload_that_loses_a_table_asks_first_and_waits_across_pages(
    browser, small_network, tmp_path
):
    """Issue 10: the missing links table is named first, what would be lost is said, the
    button waits for a tick; the pending upload survives a visit to another page."""
    other = tmp_path / "other"
    write_network(other, n=25, ties=30, seed=3)
    (other / "links.csv").unlink()  # the whole links table would be lost
    with running_app(small_network) as url:
        page = app_page(browser, viewport={"width": 1280, "height": 720})
        watch = Watch(page, url)
        open_page(page, url, "donnees")
        uploader = current(page.locator("[data-testid=stFileUploader]")).locator("input[type=file]")
        act(page, lambda: uploader.set_input_files(sorted(str(p) for p in other.iterdir())))
        cause = current(page.get_by_text("À corriger d'abord", exact=False)).first
        cause.wait_for()
        assert "links" in current(page.locator("[data-testid=stAlert]")).first.inner_text()
        current(page.get_by_text("Seraient laissées de côté : toute la table liens.")).wait_for()
        adopt = current(page.get_by_role("button", name="Utiliser ces données"))
        assert adopt.is_disabled()
        cause.scroll_into_view_if_needed()
        page.screenshot(path=str(SHOTS / "donnees_perte.png"))
        # to another page and back: the report is still there, with its files named
        go(page, "Vue d'ensemble")
        go(page, "Données")
        current(page.get_by_text("Fichiers en attente", exact=False)).first.wait_for()
        current(page.get_by_text("Seraient laissées de côté : toute la table liens.")).wait_for()
        # the tick, then the button
        act(page, current(page.get_by_text("J'ai lu ce qui serait laissé", exact=False)).click)
        adopt = current(page.get_by_role("button", name="Utiliser ces données"))
        assert adopt.is_enabled()
        act(page, adopt.click)
        current(page.get_by_text("Les nouvelles données sont affichées", exact=False)).wait_for()
        go(page, "Vue d'ensemble")
        assert current(page.locator("[data-testid=stMetricValue]")).first.inner_text() == "25"
        watch.check()
        page.close()


def pick(page, label: str, option: str) -> None:
    """Find `option` with the search box labelled `label`: typed, Enter, and the list of
    matches shows it chosen (the whole name typed comes first)."""
    box = current(page.get_by_label(label, exact=True))
    act(page, lambda: (box.fill(option), box.press("Enter")))
    column = current(page.locator("[data-testid=stColumn]")).filter(has=box)
    found = current(column.locator("[data-testid=stSelectbox]")).filter(has_text="résultat")
    assert option in (found.locator("input").input_value() or found.inner_text())


def add_link(page) -> None:
    """Send the Rencontre page's link form and wait for its message and the rerun."""
    act(page, current(page.get_by_role("button", name="Ajouter le lien")).click)
    current(page.get_by_text("Lien ajouté", exact=False)).first.wait_for()


def ties_shown(page) -> str:
    """The Rencontre page's count of links (``.ess-count``), as shown."""
    return current(page.locator(".ess-count")).first.inner_text()


def test_meeting_mode_add_a_link_and_the_graph_redraws(browser, small_network, tmp_path):
    """Meeting mode on a new workspace: a link typed on the Rencontre page is in the
    Réseau graph of the same session at once, as one more edge."""
    with open(small_network / "links.csv", encoding="utf-8") as fh:
        tied = {frozenset((r["source"], r["target"])) for r in csv.DictReader(fh)}
    untied = [
        (i, j)
        for i in range(40)
        for j in range(i + 1, 40)
        if frozenset((f"s{i:03d}", f"s{j:03d}")) not in tied
    ]
    (a, b), (c, d) = untied[0], untied[-1]
    workspace = tmp_path / "rencontre.sqlite"
    with running_app(small_network, workspace=workspace) as url:
        page = app_page(browser, viewport={"width": 1280, "height": 720})
        watch = Watch(page, url)
        open_page(page, url, "reseau")
        before = graph_frame(page).evaluate("() => window.__essGraph.edges")
        assert before == 60  # write_network: 60 ties, no proposed link
        go(page, "Rencontre")
        name = current(page.get_by_label("Votre nom"))
        act(page, lambda: (name.fill("Anne"), name.press("Enter")))
        pick(page, "De", f"Structure {a}")
        pick(page, "Vers", f"Structure {b}")
        add_link(page)
        assert "61 liens" in ties_shown(page)
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / "rencontre_lien_ajoute.png"))
        go(page, "Réseau")
        assert title(page) == "Réseau"
        frame = graph_frame(page)
        assert frame.evaluate("() => window.__essGraph.edges") == before + 1
        # a proposed link (an idea): not a tie, drawn as a dashed line (one more edge)
        go(page, "Rencontre")
        pick(page, "De", f"Structure {c}")
        pick(page, "Vers", f"Structure {d}")
        current(page.get_by_text("Proposé (une idée)", exact=True)).click()  # in a form
        add_link(page)
        assert "61 liens" in ties_shown(page)
        go(page, "Réseau")
        assert title(page) == "Réseau"
        frame = graph_frame(page)
        assert frame.evaluate("() => window.__essGraph.edges") == before + 2
        page.screenshot(path=str(SHOTS / "reseau_lien_propose.png"))
        go(page, "Journal")
        current(page.get_by_text("Qui a modifié quoi", exact=True)).wait_for()
        page.screenshot(path=str(SHOTS / "journal.png"))
        watch.check()
        page.close()


def test_facilitator_password_in_the_browser(browser, small_network, tmp_path):
    """Editing closed until the password is typed in the sidebar; the field is emptied
    and the password never appears in the page."""
    secret = "gwenn-ha-du-2009"
    with running_app(small_network, workspace=tmp_path / "w.sqlite", password=secret) as url:
        page = app_page(browser, viewport={"width": 1280, "height": 720})
        watch = Watch(page, url)
        visit(page, f"{url}/rencontre")
        current(page.get_by_text("Modification fermée", exact=False)).first.wait_for()
        add = current(page.get_by_role("button", name="Ajouter le lien"))
        assert add.count() == 0
        field = current(page.get_by_label("Mot de passe (animateur)"))
        act(page, lambda: (field.fill("mauvais"), field.press("Enter")))
        main = page.locator("[data-testid=stMainBlockContainer]")
        current(main.get_by_text("Mot de passe incorrect", exact=False)).first.wait_for()
        page.screenshot(path=str(SHOTS / "rencontre_fermee.png"))
        assert add.count() == 0
        assert field.input_value() == ""  # the callback forgets what was typed
        act(page, lambda: (field.fill(secret), field.press("Enter")))
        add.wait_for()
        current(page.get_by_role("button", name="Refermer la modification")).wait_for()
        assert secret not in page.content()
        watch.check()
        page.close()


def test_diagnostic_download_in_the_browser(browser, small_network):
    """Lacunes: the diagnostic buttons download one HTML page and one Word document
    (written when clicked) about the territory shown, with the same key figures."""
    with running_app(small_network) as url:
        page = app_page(browser, viewport={"width": 1280, "height": 720}, accept_downloads=True)
        watch = Watch(page, url)
        open_page(page, url, "lacunes")
        main = page.locator("[data-testid=stMainBlockContainer]")
        box = current(main.locator("[data-testid=stSelectbox]")).first
        territory = box.locator("input").first.input_value() or box.evaluate(
            "e => e.textContent"
        ).replace("Territoire", "", 1)
        button = current(page.get_by_role("button", name="Télécharger le diagnostic (HTML)"))
        with page.expect_download(timeout=BROWSER_TIMEOUT * 1000) as info:
            button.click()  # on_click="ignore": a download, no rerun
        download = info.value
        body = Path(download.path()).read_text(encoding="utf-8")
        assert download.suggested_filename.endswith(".html")
        assert body.lstrip().lower().startswith("<!doctype html")
        assert territory.strip() and territory.strip() in body, territory
        word = current(page.get_by_role("button", name="Diagnostic à modifier (Word)"))
        with page.expect_download(timeout=BROWSER_TIMEOUT * 1000) as info:
            word.click()  # the document is written now (a deferred download)
        download = info.value
        assert download.suggested_filename.endswith(".docx")
        document = docx.Document(download.path())
        subtitle = next(p.text for p in document.paragraphs if p.text.startswith("Pays : "))
        assert subtitle == f"Pays : {territory.strip()}"
        # The same number of structures as the page's key figures table.
        structures = re.search(r'data-figure="scope.structures" data-value="(\d+)"', body).group(1)
        assert document.tables[0].rows[1].cells[1].text == structures
        watch.check()
        page.close()


def test_another_persons_link_appears_by_itself(browser, small_network, tmp_path):
    """Meeting mode: the projector shows the Réseau page; a link added from another
    session (a laptop in the room) appears in its graph without anyone touching it, and
    what the laptop's user was typing in a form is kept."""
    with open(small_network / "links.csv", encoding="utf-8") as fh:
        tied = {frozenset((r["source"], r["target"])) for r in csv.DictReader(fh)}
    a, b = next(
        (i, j)
        for i in range(40)
        for j in range(i + 1, 40)
        if frozenset((f"s{i:03d}", f"s{j:03d}")) not in tied
    )
    with running_app(small_network, workspace=tmp_path / "w.sqlite") as url:
        projector = app_page(browser, viewport={"width": 1280, "height": 720})
        watch = Watch(projector, url)
        open_page(projector, url, "reseau")
        before = graph_frame(projector).evaluate("() => window.__essGraph.edges")
        laptop = app_page(browser, viewport={"width": 1280, "height": 720})
        visit(laptop, f"{url}/rencontre")
        name = current(laptop.get_by_label("Votre nom"))
        act(laptop, lambda: (name.fill("Anne"), name.press("Enter")))
        pick(laptop, "De", f"Structure {a}")
        pick(laptop, "Vers", f"Structure {b}")
        add_link(laptop)
        # the projector, untouched, redraws within a few checks (editing.REFRESH_S): its
        # graph frame is replaced by one with the new edge
        one_more = f"() => ({GRAPH_READY})() && window.__essGraph.edges === {before + 1}"
        graph_frame(projector, ready=one_more)
        # Anne types a note (not sent yet) while Bob adds a link from elsewhere: her page
        # follows (62 ties) and her note is still there
        settle(laptop)
        note = current(laptop.get_by_label("Note"))
        note.fill("camion partagé")
        from ess_graph.workspace import edits
        from ess_graph.workspace.store import Workspace

        c, d = next(
            (i, j)
            for i in range(39, 0, -1)
            for j in range(i - 1, -1, -1)
            if frozenset((f"s{i:03d}", f"s{j:03d}")) not in tied
        )
        with Workspace(tmp_path / "w.sqlite") as ws:
            edits.add_link(ws, f"s{c:03d}", f"s{d:03d}", "pooling", who="Bob")
        current(laptop.locator(".ess-count")).filter(has_text="62 liens").first.wait_for(
            timeout=BROWSER_TIMEOUT * 1000
        )
        settle(laptop)
        assert note.input_value() == "camion partagé"
        watch.check()
        projector.close()
        laptop.close()


# The waiting helpers themselves (app_fixtures): they must see what a test would miss -----
RERUN_PROBE = """
import time
from pathlib import Path

import streamlit as st

st.title("rerun probe")
n = st.session_state.setdefault("n", 0)
if st.button("Encore", key="again"):
    st.session_state.n += 1
    st.rerun()  # this run ends early and another follows
hold = st.button("Attendre", key="hold")
# a slow run, and a new "Note" field each time: the old one stays on screen (stale)
# until the run ends
time.sleep(1.5 if n and not hold else 0)
while hold and not Path({gate!r}).exists():  # held until the test's go-ahead
    time.sleep(0.05)
st.text_input("Note", key=f"note{{n}}")
st.write(f"runs: {{n}}")
"""


def test_act_waits_for_the_rerun_it_asked_for(browser, tmp_path, small_network):
    """A click whose run ends with st.rerun, then a slow run: when `act` returns, the
    second run has finished; while a run is under way, `current` never sees the stale
    copy of a field that Streamlit keeps on screen.

    (Between a run cut short by st.rerun and the next, Streamlit marks nothing stale for
    a moment: there only `act`/`settle`, which wait for the whole chain, protect a test.)
    """
    gate = tmp_path / "go"
    script = tmp_path / "rerun_app.py"
    script.write_text(RERUN_PROBE.format(gate=str(gate)), encoding="utf-8")
    with running_app(small_network, script) as url:
        page = app_page(browser, viewport={"width": 1280, "height": 720})
        visit(page, url)
        assert page.get_by_text("runs: 0").count() == 1
        button = current(page.get_by_role("button", name="Encore"))
        for runs in (1, 2):
            act(page, button.click)
            # read at once, no waiting: the page is the one of the last run
            assert page.get_by_text(f"runs: {runs}").count() == 1
            assert page.get_by_label("Note").count() == 1
        # a run held until the gate opens: the field drawn before is on screen, stale
        current(page.get_by_role("button", name="Attendre")).click()
        note = page.locator("[data-stale=true]").filter(has=page.get_by_label("Note"))
        note.wait_for()
        assert page.get_by_label("Note").count() == 1
        assert current(page.get_by_label("Note")).count() == 0
        gate.touch()
        settle(page)
        assert page.get_by_text("runs: 2").count() == 1
        assert current(page.get_by_label("Note")).count() == 1
        page.close()


def test_current_never_matches_a_stale_element(browser):
    page = browser.new_page()
    page.set_content(
        '<div data-testid="stElementContainer" data-stale="true"><input aria-label="Note"></div>'
        '<div data-testid="stElementContainer" data-stale="false"><input aria-label="Note"></div>'
    )
    assert page.get_by_label("Note").count() == 2
    assert current(page.get_by_label("Note")).count() == 1
    assert current(page.locator("[data-testid=stElementContainer]")).count() == 1
    page.close()
