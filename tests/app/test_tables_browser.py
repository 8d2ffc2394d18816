"""Tables, the overview and its map in a real browser at 1280×720 (issue 12).

What AppTest cannot see: that the text widths the pages size their tables and place the
map's labels with (`ess_graph.viz.text`, measured once in chromium) are not narrower than
the browser's own on the texts shown; that no table scrolls sideways; that the mouse wheel
over the map scrolls the page and leaves the map alone; that the key figures stay above the
fold under the overview's first lines; that a row ticked on Opportunités draws its graph and
another scope clears it. Screenshots go to ``out/screenshots/``.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))  # works whatever pytest's import mode
from app_fixtures import (
    BROWSER_TIMEOUT,
    act,
    app_page,
    current,
    graph_frame,
    settle,
    tick_first_row,
)
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from test_browser import SHOTS, Watch, demo_data, open_page, running_app  # noqa: F401

from ess_graph.viz.text import ARIAL_BOLD_15, SOURCE_SANS_14, text_width

pytestmark = [pytest.mark.browser, pytest.mark.slow]

#: The grid's cells (streamlit's theme) and the map's labels (ess_graph_app/overview.py).
GRID_FONT = "400 14px 'Source Sans', sans-serif"
LABEL_FONT = "600 15px Arial, 'Liberation Sans', Helvetica, sans-serif"

#: Every table on the page: its headers and cells (the grid's accessible copy), whether it
#: scrolls sideways.
TABLES = """() => Array.from(document.querySelectorAll('[data-testid=stDataFrame]'))
  .filter((t) => !t.closest('[data-stale=true]'))
  .map((t) => {
    const scroller = t.querySelector('.dvn-scroller');
    return {
      texts: Array.from(t.querySelectorAll('th, td')).map((c) => c.textContent),
      sideways: scroller ? scroller.scrollWidth > scroller.clientWidth + 1 : null,
    };
  })"""

MEASURE = """([font, texts]) => {
  const ctx = document.createElement('canvas').getContext('2d');
  ctx.font = font;
  return texts.map((s) => ctx.measureText(s).width);
}"""


def until(condition, timeout: float = 10.0) -> bool:
    """Whether `condition()` comes true within `timeout` seconds (a canvas is redrawn on
    a later frame: each try takes a screenshot, which waits for one)."""
    deadline = time.monotonic() + timeout
    while True:
        if condition():
            return True
        if time.monotonic() > deadline:
            return False


def assert_estimates_hold(page, font: str, widths: dict, texts: list[str]) -> None:
    """The browser's width of each text is no more than the estimate's (0.5 px of
    rounding aside): what was sized from the estimate holds the text."""
    page.wait_for_function("() => document.fonts.status === 'loaded'")
    real = page.evaluate(MEASURE, [font, texts])
    for text, width in zip(texts, real, strict=True):
        assert width <= text_width(text, widths) + 0.5, (text, width, text_width(text, widths))


def tables_hold_their_texts(page) -> int:
    # the grid writes its accessible copy of the cells once drawn
    current(page.locator("[data-testid=stDataFrame] td")).first.wait_for(state="attached")
    tables = page.evaluate(TABLES)
    assert tables, "no table on the page"
    texts = sorted({s for t in tables for s in t["texts"] if s})
    for t in tables:
        assert t["sideways"] is False, "a table scrolls sideways: a column is cut off"
    # every word of every cell, as drawn: the estimate is wide enough for each
    assert_estimates_hold(page, GRID_FONT, SOURCE_SANS_14, texts)
    return len(texts)


def test_tables_hold_their_texts_in_the_browser(browser, demo_data):  # noqa: F811
    SHOTS.mkdir(parents=True, exist_ok=True)
    with running_app(demo_data) as url:
        page = app_page(browser, viewport={"width": 1280, "height": 720})
        watch = Watch(page, url)
        for path in ("lacunes", "liens-intersectoriels"):
            open_page(page, url, path)
            current(page.locator("[data-testid=stDataFrame]")).first.wait_for()
            settle(page)
            assert tables_hold_their_texts(page) > 20
            page.screenshot(path=str(SHOTS / f"tables_{path}.png"), full_page=True)
        watch.check()
        page.close()


def test_overview_first_lines_figures_and_a_map_that_leaves_the_wheel(browser, demo_data):  # noqa: F811
    with running_app(demo_data) as url:
        page = app_page(browser, viewport={"width": 1280, "height": 720})
        watch = Watch(page, url)
        open_page(page, url, "")
        main = page.locator("[data-testid=stMainBlockContainer]")
        intro = current(main.get_by_text("Pour commencer", exact=False))
        assert intro.count() == 1 and "Réseau" in intro.inner_text()
        # the key figures are above the fold of a 1280×720 projector
        for value in current(main.locator("[data-testid=stMetricValue]")).all():
            box = value.bounding_box()
            assert box is not None and box["y"] + box["height"] <= 720
        page.screenshot(path=str(SHOTS / "vue_d_ensemble.png"))
        # the labels' estimated widths hold the browser's (the placement rests on them)
        chart = current(page.locator("[data-testid=stDeckGlJsonChart]"))
        canvas = chart.locator("canvas").first
        canvas.wait_for()
        labels = [
            "Brocéliande (16)",
            "Vitré Porte de Bretagne",
            "Ploërmel Cœur de Bretagne",
            "Trégor-Goëlo (12)",
            "Centre-Ouest Bretagne",
        ]
        assert_estimates_hold(page, LABEL_FONT, ARIAL_BOLD_15, labels)
        # the wheel over the map scrolls the page; the map stays as it was
        canvas.scroll_into_view_if_needed()
        before = canvas.screenshot()
        scroller = "document.querySelector('[data-testid=stMain]')"
        top = page.evaluate(f"() => {scroller}.scrollTop")
        box = canvas.bounding_box()
        assert box is not None
        page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        page.mouse.wheel(0, 240)
        page.wait_for_function(f"top => {scroller}.scrollTop > top", arg=top, timeout=10_000)
        page.mouse.move(5, 5)  # no tooltip in the picture
        page.evaluate(f"top => {scroller}.scrollTo(0, top)", top)
        page.wait_for_function(f"top => {scroller}.scrollTop === top", arg=top)
        after = canvas.screenshot()
        assert after == before, "the wheel zoomed the map"
        # a drag pans the map; « Recentrer la carte » brings the fitted view back
        box = canvas.bounding_box()
        assert box is not None
        page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        page.mouse.down()
        page.mouse.move(box["x"] + box["width"] / 2 - 150, box["y"] + box["height"] / 2, steps=8)
        page.mouse.up()
        page.mouse.move(5, 5)
        assert until(lambda: canvas.screenshot() != before), "the drag did not pan the map"
        act(page, current(page.get_by_role("button", name="Recentrer la carte")).click)
        page.mouse.move(5, 5)
        canvas = current(page.locator("[data-testid=stDeckGlJsonChart]")).locator("canvas").first
        canvas.scroll_into_view_if_needed()
        page.wait_for_function(f"top => {scroller}.scrollTop === top", arg=top)
        assert until(lambda: canvas.screenshot() == before), "the map was not recentred"
        page.screenshot(path=str(SHOTS / "vue_d_ensemble_carte.png"), full_page=True)
        watch.check()
        page.close()


def test_a_ticked_suggestion_is_drawn_and_another_scope_clears_it(browser, demo_data):  # noqa: F811
    with running_app(demo_data) as url:
        page = app_page(browser, viewport={"width": 1280, "height": 720})
        watch = Watch(page, url)
        open_page(page, url, "opportunites")
        main = page.locator("[data-testid=stMainBlockContainer]")
        # the scope's radio (the Opportunités page has a ranking radio above it)
        scope = main.locator("[data-testid=stRadio]").filter(has_text="Un pôle")
        radio = current(scope).first
        act(page, radio.get_by_text("Un pôle").click)
        current(page.locator("[data-testid=stDataFrame]")).first.wait_for()
        assert tables_hold_their_texts(page) > 10
        # nobody ticked a row: no graph, a hint
        assert current(main.get_by_text("Cochez une ligne")).count() == 1
        assert current(main.locator("iframe")).count() == 0
        tick_first_row(page)
        frame = graph_frame(page)
        assert frame.evaluate("() => window.__essGraph.nodes") >= 2
        page.screenshot(path=str(SHOTS / "opportunites_cochee.png"))
        # another pôle: other rows, nothing ticked, no graph
        select = current(main.get_by_label("Pôle", exact=True)).first
        option = page.get_by_role("option").nth(1)

        def list_opened() -> bool:
            # The graph's frame holds the focus, and on a loaded machine its document may
            # take it back after we gave it to the list: give it again until the list opens.
            select.focus()
            page.keyboard.press("ArrowDown")
            try:
                option.wait_for(timeout=3000)
            except PlaywrightTimeout:
                return False
            return True

        assert until(list_opened, timeout=BROWSER_TIMEOUT), "the list of pôles did not open"
        act(page, option.click)
        assert current(main.get_by_text("Cochez une ligne")).count() == 1
        assert current(main.locator("iframe")).count() == 0
        watch.check()
        page.close()
