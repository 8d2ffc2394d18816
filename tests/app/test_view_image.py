"""The view's image buttons (ess_graph_app.view_image): three buttons for the view on
screen, a caption that says source, date and filters, files drawn from the same view, and
the Exporter page offering the same view.

The network is `conftest.write_network` (40 structures; structure i in pays
``PAYS[i % 6]``, so Brest holds s000, s006, ..., s036: 7 structures)."""

from __future__ import annotations

import io
import sys
from pathlib import Path

from PIL import Image
from streamlit.testing.v1 import AppTest

sys.path.insert(0, str(Path(__file__).parent))
from app_fixtures import ROOT, TIMEOUT


def _image_page() -> None:
    """What the Réseau page does: the view of Brest, then the image buttons."""
    from ess_graph_app import data
    from ess_graph_app.ui import page_start
    from ess_graph_app.view_image import image_buttons

    data.ensure_network()
    net, key = page_start("page.network")
    shown = data.view(
        key,
        net,
        scale="structure",
        filters=(("brest",), None, None, None, None, None),
        focus=None,
        depth=1,
        color_by="sector",
        size_by="degree",
        physics=False,
        height=520,
        lang="fr",
    )
    image_buttons(shown)


def _run_image_page() -> AppTest:
    at = AppTest.from_function(_image_page, default_timeout=TIMEOUT)
    return at.run()


def test_three_buttons_and_a_caption_for_the_view(app_env):
    at = _run_image_page()
    assert not at.exception, [e.value for e in at.exception]
    buttons = {b.key: b.label for b in at.get("download_button")}
    assert buttons == {
        "w_img_png": "Image PNG (1920×1080)",
        "w_img_svg": "SVG (vectoriel)",
        "w_img_pdf": "PDF (vectoriel)",
    }
    kept = at.session_state["view_image"]
    caption = kept["caption"]
    # source (the folder's name, not its path), filters in words, scale, counts
    assert caption.startswith(f"Source : {app_env.name} · ")
    assert str(app_env.parent) not in caption
    assert "Filtres : Territoire : Brest" in caption
    assert "Échelle : structures" in caption
    assert "7 structures" in caption


def test_the_files_are_the_view_on_screen(app_env):
    at = _run_image_page()
    kept = at.session_state["view_image"]
    params = dict(kept["shown"]["image"])
    key = params.pop("key")
    from ess_graph.io.read import read_network
    from ess_graph_app import data

    net = read_network(str(app_env))
    assert net.content_hash() == key  # the confirmed-only key of this network
    png = data.view_image(key, net, params, "png", kept["caption"], "lien proposé")
    assert Image.open(io.BytesIO(png)).size == (1920, 1080)
    svg = data.view_image(key, net, params, "svg", kept["caption"], "lien proposé", "Brest")
    text = svg.decode("utf-8")
    # Brest's seven structures, and none of Morlaix's (s001)
    for i in range(0, 40, 6):
        assert f">Structure {i}<" in text, i
    assert ">Structure 1<" not in text
    assert "Filtres : Territoire : Brest" in text
    assert ">Brest<" in text  # the title


def test_the_exporter_offers_the_same_view(app_env):
    first = _run_image_page()
    at = AppTest.from_file(str(ROOT / "ess_graph_app" / "export.py"), default_timeout=TIMEOUT)
    for name in ("network", "network_hash", "view_image"):
        at.session_state[name] = first.session_state[name]
    at.session_state["view_html"] = "<!DOCTYPE html><html></html>"  # as the Réseau page
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    keys = {b.key for b in at.get("download_button")}
    assert {"w_exp_png", "w_exp_svg", "w_exp_pdf", "w_exp_html"} <= keys


def test_no_buttons_for_another_networks_view(app_env):
    first = _run_image_page()
    at = AppTest.from_file(str(ROOT / "ess_graph_app" / "export.py"), default_timeout=TIMEOUT)
    for name in ("network", "network_hash"):
        at.session_state[name] = first.session_state[name]
    at.session_state["view_html"] = "<!DOCTYPE html><html></html>"
    stale = dict(first.session_state["view_image"])
    stale["shown"] = {**stale["shown"], "image": {**stale["shown"]["image"], "key": "other"}}
    at.session_state["view_image"] = stale
    at.run()
    assert not at.exception
    assert not {"w_exp_png", "w_exp_svg", "w_exp_pdf"} & {b.key for b in at.get("download_button")}
