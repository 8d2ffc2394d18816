"""The view as an image (ess_graph.viz.image): the files are what they claim, the nodes
land where their positions say, names are drawn literally and never cut."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import threading

import defusedxml.ElementTree as ET
import matplotlib
import networkx as nx
import numpy as np
import pandas as pd
import pytest
from PIL import Image

from ess_graph.viz import image
from ess_graph.viz.html import SUGGESTION_COLOUR
from ess_graph.viz.image import fit_view, view_image
from ess_graph.viz.layout import compute_layout
from ess_graph.viz.style import node_styles

SVG_NS = "{http://www.w3.org/2000/svg}"

SCRIPT = "<script>alert(1)</script>"
MATH = "$x^2$ et $\\frac{1}{0"  # unbalanced: mathtext would raise on it
RTL = "جمعية التضامن מרכז"
CONTROL = "Coop\x01\x1b[2J\x7f fin"
LONG = "Association " + "très " * 80 + "longue"


def three() -> tuple[nx.Graph, dict, pd.DataFrame]:
    """Three structures of three colours, the drawing 600 wide and 300 high."""
    G = nx.Graph([("a", "b"), ("b", "c")])
    pos = {"a": (-300.0, 0.0), "b": (0.0, 300.0), "c": (300.0, 100.0)}
    styles = pd.DataFrame(
        {
            "id": ["a", "b", "c"],
            "label": ["A", "B", "C"],
            "color": ["#0072B2", "#E69F00", "#009E73"],
            "size": [20.0, 20.0, 20.0],
            "title": ["A", "B", "C"],
        }
    )
    return G, pos, styles


def hostile() -> tuple[nx.Graph, dict, pd.DataFrame]:
    names = [SCRIPT, MATH, RTL, CONTROL, LONG, "Coop 🌊🤝🏽"]
    G = nx.path_graph(len(names))
    pos = {i: (200.0 * i, 80.0 * (i % 2)) for i in G}
    styles = pd.DataFrame(
        {
            "id": list(G),
            "label": names,
            "color": ["#0072B2", "$red$", "#E69F00", "", "#009E73", "#CC79A7"],
            "size": [14.0] * len(names),
            "title": names,
        }
    )
    return G, pos, styles


LEGEND = {
    "color_title": "Couleur : Secteur $s$",
    "colors": {"Culture <b>": "#0072B2", "Sport": "#E69F00"},
    "more": "",
    "size": "Taille : degré (surface proportionnelle ; de 1 à 3)",
    "declared": "",
}


def png_array(data: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(data)).convert("RGB")).astype(int)


def svg_texts(data: bytes) -> list[str]:
    root = ET.fromstring(data)
    return ["".join(el.itertext()) for el in root.iter(f"{SVG_NS}text")]


def hex_rgb(colour: str) -> tuple[int, int, int]:
    h = colour.lstrip("#")
    return (int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16))


# The files ------------------------------------------------------------------------------


def test_png_has_the_requested_size_and_is_not_blank():
    G, pos, styles = three()
    default = png_array(view_image(G, pos, styles, legend=LEGEND, caption="Source : démo"))
    assert default.shape[:2] == (1080, 1920)  # (rows, columns)
    white = (default == 255).all(axis=2)
    assert 0.005 < 1 - white.mean() < 0.5  # something drawn, on a white page
    big = Image.open(io.BytesIO(view_image(G, pos, styles, width_px=2560, height_px=1440)))
    assert big.size == (2560, 1440)


def test_pdf_and_svg_are_vector_pages_of_the_given_size():
    G, pos, styles = three()
    pdf = view_image(G, pos, styles, fmt="pdf", legend=LEGEND, caption="cap")
    assert pdf.startswith(b"%PDF-")
    assert re.search(rb"/MediaBox \[\s*0 0 1920 1080\s*\]", pdf)
    svg = view_image(G, pos, styles, fmt="svg", legend=LEGEND, caption="cap")
    root = ET.fromstring(svg)
    assert (root.get("width"), root.get("height")) == ("1920pt", "1080pt")
    assert root.find(f".//{SVG_NS}image") is None  # no raster inside
    assert "A" in svg_texts(svg) and "cap" in svg_texts(svg)  # text kept as text


def test_two_calls_give_the_same_bytes():
    # no date in the metadata, no random ids (svg.hashsalt)
    G, pos, styles = three()
    for fmt in ("png", "svg", "pdf"):
        first = view_image(G, pos, styles, fmt=fmt, legend=LEGEND, caption="x")
        assert first == view_image(G, pos, styles, fmt=fmt, legend=LEGEND, caption="x"), fmt
    pdf = view_image(G, pos, styles, fmt="pdf")
    assert b"/CreationDate" not in pdf and b"/ModDate" not in pdf


def test_threads_draw_the_same_images_as_one_after_another():
    G, pos, styles = three()
    expected = {fmt: view_image(G, pos, styles, fmt=fmt, legend=LEGEND) for fmt in image.FORMATS}
    got: dict[tuple[str, int], bytes] = {}

    def work(fmt: str, k: int) -> None:
        got[(fmt, k)] = view_image(G, pos, styles, fmt=fmt, legend=LEGEND)

    threads = [threading.Thread(target=work, args=(f, k)) for f in image.FORMATS for k in (1, 2)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert all(got[(f, k)] == expected[f] for f, k in got) and len(got) == 6


def test_wrong_format_or_size_is_refused():
    G, pos, styles = three()
    with pytest.raises(ValueError, match="fmt"):
        view_image(G, pos, styles, fmt="jpeg")
    with pytest.raises(ValueError, match="between"):
        view_image(G, pos, styles, width_px=100, height_px=100)


# Where things land ---------------------------------------------------------------------


def test_fit_fills_the_area_in_one_direction_and_centres_the_other():
    # by hand: a 600 × 300 drawing with dots of 20 into a 1000 × 1000 area at zoom ≤ 1.4
    # (dot radius 28, pad 28 + 8 = 36): width limits, scale (1000 - 72) / 600
    fit = fit_view([(-300, 0), (0, 300), (300, 100)], [20, 20, 20], (0, 0, 1000, 1000))
    assert fit.scale == pytest.approx(928 / 600)
    assert fit.point(-300, 0)[0] == pytest.approx(36)
    assert fit.point(300, 0)[0] == pytest.approx(964)
    top, bottom = fit.point(0, 0)[1], fit.point(0, 300)[1]
    assert (top + bottom) / 2 == pytest.approx(500)  # centred vertically
    assert bottom > top  # y grows downwards, as in vis-network


def test_nodes_land_at_their_positions_uniformly_scaled():
    # Independent oracle: the centroid of each colour's pixels is where its dot is. The
    # three centroids must be the positions under one scale for x and y, y downwards.
    G, pos, styles = three()
    pixels = png_array(view_image(G, pos, styles, labels=()))
    centres = {}
    for n, colour in zip(styles["id"], styles["color"], strict=True):
        ys, xs = np.nonzero(np.abs(pixels - hex_rgb(colour)).sum(axis=2) < 6)
        assert len(xs) > 100, n
        centres[n] = (xs.mean(), ys.mean())
    (ax, ay), (bx, by), (cx, cy) = centres["a"], centres["b"], centres["c"]
    sx = (cx - ax) / (pos["c"][0] - pos["a"][0])
    sy = (by - ay) / (pos["b"][1] - pos["a"][1])
    assert sx > 0 and sy > 0  # no flip: y grows downwards in both
    assert sx == pytest.approx(sy, rel=0.01)
    assert (bx - ax) / (pos["b"][0] - pos["a"][0]) == pytest.approx(sx, rel=0.01)
    assert (cy - ay) / (pos["c"][1] - pos["a"][1]) == pytest.approx(sy, rel=0.02)
    # the drawing is centred in the graph area (no legend: the whole width)
    assert (ax + cx) / 2 == pytest.approx(1920 / 2, abs=2)


def test_every_node_colour_is_where_the_fit_puts_it():
    # 80 nodes of a force layout, no names: each dot's centre pixel has the dot's colour
    # unless a dot drawn after it covers that point.
    G = nx.les_miserables_graph()
    pos = compute_layout(G)
    styles = node_styles(G, color_by="family", size_by="degree")
    styles["color"] = [f"#{(37 * i) % 200 + 20:02X}{(91 * i) % 200 + 20:02X}50" for i in range(77)]
    pixels = png_array(view_image(G, pos, styles, labels=(), legend=None))
    area = (image.MARGIN, image.MARGIN, 1920 - image.MARGIN, 1080 - image.MARGIN)
    sizes = dict(zip(styles["id"], styles["size"], strict=True))
    name_h = (image.LABEL_PT + image.LABEL_GROWTH) * 1.18 + 4
    fit = fit_view(
        [pos[n] for n in G],
        [sizes[n] for n in G],
        area,
        label_height=name_h,
        spacing=image._spacing([pos[n] for n in G]),
    )
    order = list(G)
    checked = 0
    for i, n in enumerate(order):
        x, y = fit.point(*pos[n])
        covered = any(
            np.hypot(x - fit.point(*pos[m])[0], y - fit.point(*pos[m])[1]) < sizes[m] * fit.dot + 3
            for m in order[i + 1 :]
        )
        if covered:
            continue
        colour = styles.loc[styles["id"] == n, "color"].iloc[0]
        assert tuple(pixels[round(y), round(x)]) == hex_rgb(colour), n
        checked += 1
    assert checked > 40


def test_names_are_never_cut_at_the_edge():
    # Long names on dots at the very edges of the drawing; every text drawn lies inside
    # the image, the names inside the graph area.
    G = nx.Graph()
    corners = [(-500, -300), (500, -300), (-500, 300), (500, 300), (0, 0)]
    G.add_nodes_from(range(len(corners)))
    pos = dict(enumerate(corners))
    styles = pd.DataFrame(
        {
            "id": list(G),
            "label": [f"Structure au nom bien long numéro {i}" for i in G],
            "color": ["#0072B2"] * 5,
            "size": [40.0] * 5,
            "title": [""] * 5,
        }
    )
    with image._LOCK, matplotlib.rc_context(image._RC):
        fig = image._draw(
            G, pos, styles, legend=LEGEND, caption="c", title="T", highlight=(),
            highlight_edges=(), dashed_edges=(), declared_edges=(), labels=None,
            edge_width_by="weight", max_labels=60, territory_labels=True,
            size=(1920, 1080), lang="fr",
        )  # fmt: skip
        renderer = image.FigureCanvasAgg(fig).get_renderer()
        texts = fig.axes[0].texts
        boxes = {t.get_text(): t.get_window_extent(renderer) for t in texts}
    names = [b for s, b in boxes.items() if s.startswith("Structure")]
    assert len(names) == 5
    for box in boxes.values():
        assert box.x0 >= 0 and box.y0 >= 0 and box.x1 <= 1920 and box.y1 <= 1080
    legend_left = 1920 - image.MARGIN - image.LEGEND_WIDTH
    assert all(b.x1 <= legend_left for b in names)


def _name_boxes(G, pos, styles, **options) -> list:
    """Window extents of the names drawn (the texts themselves, not their outlines)."""
    settings = {
        "legend": None, "caption": "", "title": None, "highlight": (), "highlight_edges": (),
        "dashed_edges": (), "declared_edges": (), "labels": None, "edge_width_by": "weight",
        "max_labels": 60, "territory_labels": True, "size": (1920, 1080), "lang": "fr",
        **options,
    }  # fmt: skip
    names = set(styles["label"])
    with image._LOCK, matplotlib.rc_context(image._RC):
        fig = image._draw(G, pos, styles, **settings)
        renderer = image.FigureCanvasAgg(fig).get_renderer()
        return [
            t.get_window_extent(renderer)
            for t in fig.axes[0].texts
            if t.get_text() in names and not t.get_path_effects()
        ]


def test_names_drawn_by_the_rule_never_overlap():
    G = nx.les_miserables_graph()
    pos = compute_layout(G)
    boxes = _name_boxes(G, pos, node_styles(G, size_by="degree"))
    assert 10 < len(boxes) <= 60
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert not a.overlaps(b), (a, b)


# Text -----------------------------------------------------------------------------------


def test_hostile_names_are_drawn_literally_in_every_format():
    G, pos, styles = hostile()
    svg = view_image(G, pos, styles, fmt="svg", legend=LEGEND, caption=f"{MATH} {SCRIPT}")
    texts = svg_texts(svg)  # parses as XML (defusedxml)
    joined = "\n".join(texts)
    assert SCRIPT in texts and MATH in texts and RTL in texts
    assert "Coop\ufffd\ufffd[2J\ufffd fin" in texts  # controls replaced, the rest kept
    assert "Coop \ufffd\ufffd" in texts  # two emoji the font lacks; the skin tone dropped
    long = [s for s in texts if s.startswith("Association très")]
    assert long and long[0].endswith("…") and len(long[0]) < len(LONG)
    assert "Couleur : Secteur $s$" in texts and "Culture <b>" in texts
    assert f"{MATH} {SCRIPT}" in joined
    assert b"<script>" not in svg  # escaped as text, never markup
    for fmt in ("png", "pdf"):
        assert view_image(G, pos, styles, fmt=fmt, legend=LEGEND, caption=MATH)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_pdf_text_can_be_selected():
    G, pos, styles = hostile()
    pdf = view_image(G, pos, styles, fmt="pdf", legend=LEGEND, caption="Source : démo")
    out = subprocess.run(
        ["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True, timeout=60
    ).stdout.decode("utf-8")
    assert SCRIPT in out and "$x^2$" in out and "Source : démo" in out


def test_legend_beside_the_graph_shows_its_colours():
    G, pos, styles = three()
    pixels = png_array(view_image(G, pos, styles, legend=LEGEND))
    panel = pixels[:, 1920 - int(image.MARGIN + image.LEGEND_WIDTH) :]
    for colour in LEGEND["colors"].values():
        assert (np.abs(panel - hex_rgb(colour)).sum(axis=2) < 6).sum() > 50, colour
    svg = svg_texts(view_image(G, pos, styles, fmt="svg", legend=LEGEND))
    assert "Sport" in svg and LEGEND["size"] in svg


def test_too_many_names_follow_the_rule_and_the_legend_says_it():
    G = nx.les_miserables_graph()
    pos = compute_layout(G)
    styles = node_styles(G, size_by="degree")
    smallest = styles.sort_values("size")["id"].iloc[0]
    texts = svg_texts(
        view_image(G, pos, styles, fmt="svg", legend=LEGEND, max_labels=10, highlight=[smallest])
    )
    labels = set(styles["label"])
    shown = [s for s in texts if s in labels]
    assert 1 < len(shown) <= 11  # ten by the rule, plus the highlighted one
    assert styles.loc[styles["id"] == smallest, "label"].iloc[0] in shown
    assert styles.sort_values("size")["label"].iloc[-1] in shown  # the biggest dot
    rule = [s for s in texts if s.startswith("Noms")]
    assert rule and f"{len(shown)} sur 77" in " ".join(texts)


def test_line_styles_on_screen_are_drawn_and_explained():
    G, pos, styles = three()
    legend = {**LEGEND, "declared": "lien déclaré par une seule structure"}
    svg = view_image(
        G,
        pos,
        styles,
        fmt="svg",
        legend=legend,
        dashed_edges=[("a", "c")],
        declared_edges=[("a", "b")],
    ).decode("utf-8")
    assert SUGGESTION_COLOUR.lower() in svg.lower()  # the dashed proposed pair
    assert "stroke-dasharray" in svg
    texts = svg_texts(svg.encode("utf-8"))
    assert "lien proposé (une idée)" in texts
    assert any(s.startswith("lien déclaré") for s in texts)


def test_a_suggestion_is_drawn_as_on_the_opportunities_page():
    # as network_html: a highlighted pair that is a tie is thick black, one that is not
    # is dashed orange, and the rest fades
    G, pos, styles = three()
    svg = view_image(
        G, pos, styles, fmt="svg", legend=LEGEND, highlight=["a", "c"],
        highlight_edges=[("a", "c"), ("a", "b")],
    )  # fmt: skip
    texts = svg_texts(svg)
    assert "lien suggéré" in texts and "lien mis en évidence" in texts
    assert "lien proposé (une idée)" not in texts
    text = svg.decode("utf-8")
    assert "stroke: #000000" in text and SUGGESTION_COLOUR.lower() in text.lower()
    assert "fill-opacity: 0.3" in text  # the faded structure b
