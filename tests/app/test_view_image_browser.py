"""The view's image in a real browser (issue 12, item 4): filtered to one territory, the
Réseau page's PNG button downloads a 1920×1080 picture with the legend's colours in its
right-hand panel, and the Exporter page offers the same view as SVG with its caption.

Same rules as test_browser.py. A download button with ``on_click="ignore"`` asks for no
rerun, so it is clicked directly (not through ``act``) and waited for as a download. The
PNG is saved in ``out/screenshots/`` to be looked at.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

sys.path.insert(0, str(Path(__file__).parent))
from app_fixtures import act, app_page, current
from test_browser import SHOTS, Watch, open_page, running_app
from test_browser import demo_data as demo_data
from test_meeting_room_browser import VIEWPORT, choose

from ess_graph.io.read import read_network
from ess_graph.network import cooperation_graph
from ess_graph.viz.image import LEGEND_WIDTH, MARGIN
from ess_graph.viz.scales import filter_graph
from ess_graph.viz.style import legend as style_legend

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def download(page, key: str) -> bytes:
    """Click the download button `key` and return the file. The button is scrolled into
    view first: a click that scrolls the page itself (the button sits under the graph,
    below the fold) was seen to reach no button."""
    button = current(page.locator(f".st-key-{key} button")).first
    button.scroll_into_view_if_needed()
    with page.expect_download() as info:
        button.click()
    return Path(info.value.path()).read_bytes()


def test_the_png_of_a_filtered_view_has_its_size_and_legend(browser, demo_data):
    SHOTS.mkdir(parents=True, exist_ok=True)
    with running_app(demo_data) as url:
        page = app_page(browser, viewport=VIEWPORT, accept_downloads=True)
        watch = Watch(page, url)
        open_page(page, url, "reseau")
        choose(page, "Territoire", "Brest")
        legend = current(page.locator(".ess-legend")).first.inner_text()
        # the buttons come with the rerun a click on their panel asks for
        panel = current(page.get_by_text("Image de cette vue (PNG, SVG, PDF)", exact=True))
        panel.scroll_into_view_if_needed()
        act(page, panel.click)
        png = download(page, "w_img_png")
        (SHOTS / "reseau_image_brest.png").write_bytes(png)
        picture = Image.open(io.BytesIO(png))
        assert picture.size == (1920, 1080)
        panel = np.asarray(picture.convert("RGB")).astype(int)
        panel = panel[:, 1920 - int(MARGIN + LEGEND_WIDTH) :]
        # every colour of the page's legend (the library's legend of Brest's structures)
        # is in the image's legend panel
        G = cooperation_graph(read_network(str(demo_data)))
        expected = style_legend(filter_graph(G, territories=("brest",)))["colors"]
        for label, colour in expected.items():
            assert label in legend
            rgb = tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))
            assert (np.abs(panel - rgb).sum(axis=2) < 6).sum() > 100, label
        # the Exporter page offers the same view, caption included
        act(page, lambda: page.get_by_role("link", name="Exporter").click())
        svg = download(page, "w_exp_svg").decode("utf-8")
        assert "Territoire : Brest" in svg and "Éducation populaire" in svg
        watch.check()
        page.close()
