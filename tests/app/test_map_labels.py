"""ess_graph.viz.map.place_labels: the overview map's view and labels, checked in Python.

The map is drawn by deck.gl at 1280×720 in a frame of at least `MAP_WIDTH_PX` ×
`MAP_HEIGHT_PX`; the labels are placed here, so what is checked here is what is drawn:
no two label boxes overlap, no label covers another territory's disc, every label and
disc is inside the frame (issue 12: Rennes/Brocéliande and Auray/Vannes overlapped, labels
were cut at the edge). The label widths are Arial's, measured in chromium
(`ess_graph.viz.text`); tests/app/test_tables_browser.py checks them against the browser.
"""

from __future__ import annotations

import itertools
import math
import sys
from pathlib import Path

import pandas as pd
import pytest

sys.path.insert(0, str(Path(__file__).parent))  # works whatever pytest's import mode
from app_fixtures import ROOT, write_network

from ess_graph.io.read import read_network
from ess_graph.network import cooperation_graph
from ess_graph.viz.map import (
    LABEL_SPOTS,
    MAP_HEIGHT_PX,
    MAP_WIDTH_PX,
    map_points,
    mercator_px,
    place_labels,
    territory_points,
)


def demo_points() -> pd.DataFrame:
    demo = ROOT / "data" / "demo"
    if not (demo / "structures.csv").is_file():
        pytest.skip("data/demo not generated")
    net = read_network(demo)
    return map_points(territory_points(net, cooperation_graph(net)))


def screen(labels: pd.DataFrame, view: dict) -> list[tuple[float, float]]:
    """Each point's position in the frame, from the view alone (as deck.gl places it)."""
    cx, cy = mercator_px(view["latitude"], view["longitude"], view["zoom"])
    out = []
    for lat, lon in zip(labels["lat"], labels["lon"], strict=True):
        x, y = mercator_px(lat, lon, view["zoom"])
        out.append((x - cx + MAP_WIDTH_PX / 2, y - cy + MAP_HEIGHT_PX / 2))
    return out


def assert_readable(view: dict, labels: pd.DataFrame) -> None:
    boxes = labels[["left", "top", "right", "bottom"]].values.tolist()
    names = labels["label"].tolist()
    for a, b in itertools.combinations(range(len(boxes)), 2):
        (l1, t1, r1, b1), (l2, t2, r2, b2) = boxes[a], boxes[b]
        assert r1 <= l2 or r2 <= l1 or b1 <= t2 or b2 <= t1, (names[a], names[b])
    xy = screen(labels, view)
    for i, (left, top, right, bottom) in enumerate(boxes):
        assert left >= 0 and right <= MAP_WIDTH_PX and top >= 0 and bottom <= MAP_HEIGHT_PX, names[
            i
        ]
        for j, ((x, y), r) in enumerate(zip(xy, labels["radius_px"], strict=True)):
            # the nearest point of the box to the disc's centre is outside the disc
            nx_, ny_ = min(max(x, left), right), min(max(y, top), bottom)
            assert i == j or math.hypot(nx_ - x, ny_ - y) >= r, (names[i], names[j])
    for (x, y), r, name in zip(xy, labels["radius_px"], names, strict=True):
        assert r <= x <= MAP_WIDTH_PX - r and r <= y <= MAP_HEIGHT_PX - r, name


def test_demo_labels_do_not_collide_nor_leave_the_frame():
    view, labels = place_labels(demo_points())
    assert len(labels) == 21  # the 21 pays of 2009, all placed by name
    assert_readable(view, labels)
    # the neighbours the issue saw on top of each other are apart, each beside its disc
    spots = dict(zip(labels["name"], labels["spot"], strict=True))
    assert {"Rennes", "Brocéliande", "Auray", "Vannes"} <= set(spots)
    # the map is not shrunk to nothing to get there: Brittany spans more than half the
    # frame (3.3° of longitude at zoom 6.85 is 533 px)
    assert view["zoom"] >= 6.5


def test_boxes_match_the_offsets_deck_gl_is_given():
    view, labels = place_labels(demo_points())
    xy = screen(labels, view)
    names = {s[0]: s for s in LABEL_SPOTS}
    for (x, y), row in zip(xy, labels.itertuples(index=False), strict=True):
        _, anchor, baseline, _, _ = names[row.spot]
        assert (row.anchor, row.baseline) == (anchor, baseline)
        ax, ay = x + row.offset[0], y + row.offset[1]
        # deck.gl: the anchor is the text's start, middle or end; the baseline its top,
        # centre or bottom
        width, height = row.right - row.left, row.bottom - row.top
        expect_left = {"start": ax, "middle": ax - width / 2, "end": ax - width}[anchor]
        expect_top = {"top": ay, "center": ay - height / 2, "bottom": ay - height}[baseline]
        assert row.left == pytest.approx(expect_left, abs=0.2)
        assert row.top == pytest.approx(expect_top, abs=0.2)


def test_placement_is_deterministic_and_ignores_row_order():
    points = demo_points()
    view, labels = place_labels(points)
    view2, labels2 = place_labels(points.iloc[::-1])
    assert view == view2
    by_name = labels.set_index("name")["spot"].to_dict()
    assert labels2.set_index("name")["spot"].to_dict() == by_name


def test_six_pays_of_the_test_network(tmp_path):
    folder = tmp_path / "net"
    write_network(folder)
    net = read_network(folder)
    view, labels = place_labels(map_points(territory_points(net, cooperation_graph(net))))
    assert len(labels) == 6
    assert_readable(view, labels)


def test_two_points_side_by_side_by_hand():
    # Rennes (35 structures, radius 22) and Brocéliande (16, radius 16.8) are 0.276° of
    # longitude apart: 0.276 × 512 × 2**7.4 / 360 = 66 px at the largest zoom, less than
    # half their labels' widths: Rennes (placed first) keeps « above », Brocéliande's
    # label goes to its left.
    pts = pd.DataFrame(
        {
            "name": ["Rennes", "Brocéliande"],
            "lat": [48.117, 48.138],
            "lon": [-1.678, -1.954],
            "label": ["Rennes (35)", "Brocéliande (16)"],
            "radius_px": [22.0, 16.8],
            "structures": [35, 16],
        }
    )
    view, labels = place_labels(pts)
    assert view["zoom"] == 7.4
    assert labels["spot"].tolist() == ["above", "left"]
    assert_readable(view, labels)
