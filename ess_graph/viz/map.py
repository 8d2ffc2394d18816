"""Where is the network? Territory points and inter-territory ties for a map of Brittany.

Pure tables for a map drawn without any tile server: one point per territory (pays) with
its structures and its pôles, and one arc per pair of territories whose structures
cooperate, weighted by the number of ties between them. Coordinates come from the
territories table when it has them, else from the 21 pays of 2009 (main town, approx.),
else from the mean position of the territory's structures.
"""

from __future__ import annotations

import math

import networkx as nx
import pandas as pd

from ess_graph.network import Network
from ess_graph.schema import POLE_STATUSES, normalise_label

#: The 21 pays of Brittany (2009): name, département(s), main town, lat, lon (approx.,
#: main town; from docs/DOMAIN.md). Good enough for a map, not for publication.
PAYS_2009: tuple[tuple[str, str, str, float, float], ...] = (
    ("Brest", "29", "Brest", 48.390, -4.486),
    ("Morlaix", "29", "Morlaix", 48.578, -3.828),
    ("Cornouaille", "29", "Quimper", 47.996, -4.102),
    ("Centre-Ouest Bretagne", "29/22/56", "Carhaix-Plouguer", 48.276, -3.574),
    ("Trégor-Goëlo", "22", "Lannion", 48.733, -3.457),
    ("Guingamp", "22", "Guingamp", 48.563, -3.150),
    ("Saint-Brieuc", "22", "Saint-Brieuc", 48.514, -2.765),
    ("Centre-Bretagne", "22", "Loudéac", 48.178, -2.754),
    ("Dinan", "22", "Dinan", 48.455, -2.050),
    ("Saint-Malo", "35", "Saint-Malo", 48.649, -2.026),
    ("Fougères", "35", "Fougères", 48.352, -1.199),
    ("Rennes", "35", "Rennes", 48.117, -1.678),
    ("Vitré Porte de Bretagne", "35", "Vitré", 48.124, -1.209),
    ("Brocéliande", "35", "Montfort-sur-Meu", 48.138, -1.954),
    ("Vallons de Vilaine", "35", "Guichen", 47.967, -1.795),
    ("Redon et Vilaine", "35/56/44", "Redon", 47.652, -2.084),
    ("Ploërmel Cœur de Bretagne", "56", "Ploërmel", 47.932, -2.398),
    ("Pontivy", "56", "Pontivy", 48.069, -2.963),
    ("Lorient", "56", "Lorient", 47.748, -3.370),
    ("Auray", "56", "Auray", 47.668, -2.982),
    ("Vannes", "56", "Vannes", 47.658, -2.761),
)

#: Centre of Brittany, for a map's initial view.
BRITTANY_CENTER: tuple[float, float] = (48.13, -2.85)

#: Fill colour (RGB) of a territory point by the most advanced status of its pôles.
STATUS_COLORS: dict[str, tuple[int, int, int]] = {
    "created": (27, 120, 55),
    "prefiguration": (230, 145, 20),
    "launching": (40, 100, 190),
    "": (150, 150, 150),
}

POINT_COLUMNS = [
    "territory",
    "name",
    "lat",
    "lon",
    "structures",
    "poles",
    "pole_status",
    "located_by",
]
ARC_COLUMNS = [
    "source",
    "target",
    "source_name",
    "target_name",
    "source_lat",
    "source_lon",
    "target_lat",
    "target_lon",
    "ties",
    "weight",
]


def _known_pays() -> dict[str, tuple[float, float]]:
    out: dict[str, tuple[float, float]] = {}
    for name, _dep, town, lat, lon in PAYS_2009:
        out[normalise_label(name)] = (lat, lon)
        out.setdefault(normalise_label(town), (lat, lon))
    return out


def _finite(x: object) -> bool:
    try:
        return math.isfinite(float(x))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False


def territory_points(net: Network, G: nx.Graph) -> pd.DataFrame:
    """One row per territory: where to draw it, how many structures, which pôles.

    Parameters
    ----------
    net : Network
        For the territories table (coordinates) and the pôles.
    G : networkx.Graph
        The cooperation graph (`ess_graph.network.cooperation_graph`); its nodes'
        ``territory`` attribute counts the structures.

    Returns
    -------
    DataFrame with columns
        ``territory`` (id or label), ``name`` (display name), ``lat``, ``lon`` (degrees,
        NaN when no position is known), ``structures`` (int), ``poles`` (pôle names joined
        by ", "), ``pole_status`` (the most advanced status among its pôles, "" if none),
        ``located_by`` ("table", "pays_2009", "structures" or "" when unknown).
        Sorted by name, then id.

    Examples
    --------
    >>> from ess_graph.network import cooperation_graph
    >>> net = _tiny_network()
    >>> points = territory_points(net, cooperation_graph(net))
    >>> points[["territory", "structures", "pole_status", "located_by"]].values.tolist()
    [['brest', 2, 'created', 'pays_2009'], ['rennes', 1, '', 'pays_2009']]
    """
    names = net.territory_names()
    counts: dict[str, int] = {}
    for _, terr in G.nodes(data="territory", default=""):
        if terr:
            counts[terr] = counts.get(terr, 0) + 1
    territories = list(names)
    for terr in counts:
        if terr not in names:
            territories.append(terr)

    table_pos: dict[str, tuple[float, float]] = {}
    if len(net.territories) and {"lat", "lon"} <= set(net.territories.columns):
        for tid, lat, lon in zip(
            net.territories["id"], net.territories["lat"], net.territories["lon"], strict=True
        ):
            if _finite(lat) and _finite(lon):
                table_pos[tid] = (float(lat), float(lon))
    known = _known_pays()
    mean_pos: dict[str, tuple[float, float]] = {}
    s = net.structures
    if len(s) and {"lat", "lon"} <= set(s.columns):
        lat = pd.to_numeric(s["lat"], errors="coerce")
        lon = pd.to_numeric(s["lon"], errors="coerce")
        frame = pd.DataFrame({"t": s["territory"], "lat": lat, "lon": lon}).dropna()
        # Rows in a fixed order, so that the float sums of the means do not depend on
        # the order of the structures table.
        frame = frame.sort_values(["t", "lat", "lon"], kind="stable")
        for terr, grp in frame.groupby("t"):
            mean_pos[str(terr)] = (float(grp["lat"].mean()), float(grp["lon"].mean()))

    rank = {status: i for i, status in enumerate(POLE_STATUSES)}
    pole_names: dict[str, list[str]] = {}
    pole_status: dict[str, str] = {}
    for name, terr, status in zip(
        net.poles["name"], net.poles["territory"], net.poles["status"], strict=True
    ):
        pole_names.setdefault(terr, []).append(name)
        best = pole_status.get(terr, "")
        if not best or rank.get(status, -1) > rank.get(best, -1):
            pole_status[terr] = status

    rows = []
    for terr in territories:
        name = names.get(terr, terr)
        if terr in table_pos:
            (lat, lon), how = table_pos[terr], "table"
        elif normalise_label(name) in known or normalise_label(terr) in known:
            key = normalise_label(name) if normalise_label(name) in known else normalise_label(terr)
            (lat, lon), how = known[key], "pays_2009"
        elif terr in mean_pos:
            (lat, lon), how = mean_pos[terr], "structures"
        else:
            lat, lon, how = math.nan, math.nan, ""
        rows.append(
            {
                "territory": terr,
                "name": name,
                "lat": lat,
                "lon": lon,
                "structures": counts.get(terr, 0),
                "poles": ", ".join(sorted(pole_names.get(terr, []))),
                "pole_status": pole_status.get(terr, ""),
                "located_by": how,
            }
        )
    out = pd.DataFrame(rows, columns=POINT_COLUMNS)
    return out.sort_values(["name", "territory"], kind="stable").reset_index(drop=True)


def territory_arcs(G: nx.Graph, points: pd.DataFrame) -> pd.DataFrame:
    """One row per pair of territories whose structures share at least one tie.

    Parameters
    ----------
    G : networkx.Graph
        The cooperation graph; ties between two structures of the same territory are not
        counted, nor ties with a structure that has no territory.
    points : DataFrame
        The result of `territory_points` (names and coordinates).

    Returns
    -------
    DataFrame with columns
        ``source``, ``target`` (territory ids, ``source < target``), ``source_name``,
        ``target_name``, ``source_lat``, ``source_lon``, ``target_lat``, ``target_lon``,
        ``ties`` (number of ties between the two territories), ``weight`` (sum of the
        ties' weights). Pairs where either end has no known position are left out.
        Sorted by decreasing ``ties``, then names, then ids.

    Examples
    --------
    >>> from ess_graph.network import cooperation_graph
    >>> net = _tiny_network()
    >>> G = cooperation_graph(net)
    >>> territory_arcs(G, territory_points(net, G))[["source", "target", "ties"]]
      source  target  ties
    0  brest  rennes     1
    """
    where = {
        row.territory: (row.name, row.lat, row.lon)
        for row in points.itertuples(index=False)
        if _finite(row.lat) and _finite(row.lon)
    }
    pairs: dict[tuple[str, str], list[float]] = {}
    for u, v, w in G.edges(data="weight", default=1.0):
        a = G.nodes[u].get("territory", "")
        b = G.nodes[v].get("territory", "")
        if not a or not b or a == b or a not in where or b not in where:
            continue
        key = (a, b) if a < b else (b, a)
        acc = pairs.setdefault(key, [0, 0.0])
        acc[0] += 1
        acc[1] += float(w)
    rows = []
    for (a, b), (n, w) in pairs.items():
        rows.append(
            {
                "source": a,
                "target": b,
                "source_name": where[a][0],
                "target_name": where[b][0],
                "source_lat": where[a][1],
                "source_lon": where[a][2],
                "target_lat": where[b][1],
                "target_lon": where[b][2],
                "ties": int(n),
                "weight": w,
            }
        )
    out = pd.DataFrame(rows, columns=ARC_COLUMNS)
    out = out.sort_values(
        ["ties", "source_name", "target_name", "source", "target"],
        ascending=[False, True, True, True, True],
        kind="stable",
    )
    return out.reset_index(drop=True)


def _tiny_network() -> Network:
    """Three structures in two pays, one pôle, two ties (for the examples)."""
    structures = pd.DataFrame(
        {
            "id": ["s1", "s2", "s3"],
            "name": ["A", "B", "C"],
            "family": ["association"] * 3,
            "sector": ["culture", "sport", "culture"],
            "territory": ["brest", "brest", "rennes"],
            "pole": ["p1", "p1", ""],
        }
    )
    poles = pd.DataFrame(
        {"id": ["p1"], "name": ["ADESS"], "territory": ["brest"], "status": ["created"]}
    )
    links = pd.DataFrame(
        {
            "source": ["s1", "s2"],
            "target": ["s2", "s3"],
            "kind": ["cooperation", "pooling"],
            "since": [2008.0, float("nan")],
            "weight": [1.0, 2.0],
            "status": ["confirmed", "confirmed"],
        }
    )
    territories = pd.DataFrame(
        {"id": ["brest", "rennes"], "name": ["Brest", "Rennes"], "lat": [math.nan] * 2}
    )
    territories["lon"] = math.nan
    empty = pd.DataFrame({"id": pd.Series([], dtype=object), "name": []})
    return Network(
        structures=structures,
        poles=poles,
        partners=empty.assign(kind=[]),
        links=links,
        territories=territories,
        sectors=empty,
    )


# Label placement ----------------------------------------------------------------------
def map_points(points: pd.DataFrame) -> pd.DataFrame:
    """The territories the map draws (those with a position), with ``label`` (the name,
    and the number of structures when there are any) and ``radius_px`` (the disc's
    radius: 6 px, plus up to 16 px as the square root of its share of the largest count).

    >>> pts = pd.DataFrame({"name": ["A", "B", "C"], "structures": [4, 1, 0],
    ...     "lat": [48.0, 48.1, float("nan")], "lon": [-2.0, -3.0, -4.0]})
    >>> map_points(pts)[["label", "radius_px"]].values.tolist()
    [['A (4)', 22.0], ['B (1)', 14.0]]
    """
    placed = points.dropna(subset=["lat", "lon"]).copy()
    most = max(1, int(placed["structures"].max())) if len(placed) else 1
    placed["radius_px"] = [6 + 16 * math.sqrt(n / most) for n in placed["structures"]]
    placed["label"] = [
        f"{name} ({n})" if n else str(name)
        for name, n in zip(placed["name"], placed["structures"], strict=True)
    ]
    return placed


#: The overview map's frame at 1280×720 with the sidebar open (the page's column is 820 px
#: wide; a wider frame only adds margin around the same view) and its labels' size.
MAP_WIDTH_PX = 780
MAP_HEIGHT_PX = 420
LABEL_HEIGHT_PX = 18  # 15 px text and its 3 px white outline
#: Where a label may go around its disc, in order of preference: (name, deck.gl text
#: anchor, deck.gl alignment baseline, x and y of the offset as multiples of the disc's
#: radius plus a gap). The last four sit above or below the disc, flush with its side.
LABEL_SPOTS: tuple[tuple[str, str, str, float, float], ...] = (
    ("above", "middle", "bottom", 0.0, -1.0),
    ("below", "middle", "top", 0.0, 1.0),
    ("right", "start", "center", 1.0, 0.0),
    ("left", "end", "center", -1.0, 0.0),
    ("above-right", "start", "bottom", 0.71, -0.71),
    ("above-left", "end", "bottom", -0.71, -0.71),
    ("below-right", "start", "top", 0.71, 0.71),
    ("below-left", "end", "top", -0.71, 0.71),
    ("above-from-left", "start", "bottom", -1.0, -1.0),
    ("above-to-right", "end", "bottom", 1.0, -1.0),
    ("below-from-left", "start", "top", -1.0, 1.0),
    ("below-to-right", "end", "top", 1.0, 1.0),
)
LABEL_GAP_PX = 3


def mercator_px(lat: float, lon: float, zoom: float) -> tuple[float, float]:
    """A point's position in deck.gl's Web Mercator world at `zoom`, in pixels
    (512 × 2**zoom pixels around the world, y downwards).

    >>> mercator_px(0.0, 0.0, 0)
    (256.0, 256.0)
    >>> x, y = mercator_px(48.0, -2.0, 7)
    >>> round(mercator_px(48.0, -1.0, 7)[0] - x, 1)  # one degree of longitude
    182.0
    """
    scale = 512 * 2**zoom
    x = scale * (lon + 180.0) / 360.0
    phi = math.radians(lat)
    y = scale * (1 - math.log(math.tan(math.pi / 4 + phi / 2)) / math.pi) / 2
    return x, y


def _mercator_lat(y: float, zoom: float) -> float:
    scale = 512 * 2**zoom
    return math.degrees(2 * math.atan(math.exp(math.pi * (1 - 2 * y / scale))) - math.pi / 2)


Box = tuple[float, float, float, float]  # left, top, right, bottom


def _overlap(a: Box, b: Box, gap: float = 2.0) -> bool:
    return not (
        a[2] + gap <= b[0] or b[2] + gap <= a[0] or a[3] + gap <= b[1] or b[3] + gap <= a[1]
    )


def _hits_disc(box: Box, x: float, y: float, r: float) -> bool:
    nx_ = min(max(x, box[0]), box[2])
    ny_ = min(max(y, box[1]), box[3])
    return (nx_ - x) ** 2 + (ny_ - y) ** 2 < r * r


def _label_box(
    x: float, y: float, r: float, w: float, h: float, spot: tuple[str, str, str, float, float]
) -> tuple[Box, tuple[float, float]]:
    _, anchor, baseline, fx, fy = spot
    dx = fx * (r + LABEL_GAP_PX)
    dy = fy * (r + LABEL_GAP_PX)
    ax, ay = x + dx, y + dy
    left = ax if anchor == "start" else ax - w if anchor == "end" else ax - w / 2
    top = ay if baseline == "top" else ay - h if baseline == "bottom" else ay - h / 2
    return (left, top, left + w, top + h), (dx, dy)


def _place(
    xy: list[tuple[float, float]],
    radii: list[float],
    sizes: list[tuple[float, float]],
    order: list[int],
    width: float,
    height: float,
    margin: float,
) -> tuple[list[int], list[Box], list[tuple[float, float]], list[int]]:
    """Greedy placement in `order`: each label takes its first free spot (inside the
    frame, on no other label and no other disc). Returns the spot index, box and offset of
    each label and those that found no free spot (they take the least bad one)."""
    n = len(xy)
    spots = [0] * n
    boxes: list[Box] = [(0.0, 0.0, 0.0, 0.0)] * n
    offsets = [(0.0, 0.0)] * n
    placed: list[Box] = []
    troubled: list[int] = []
    for i in order:
        x, y = xy[i]
        w, h = sizes[i]
        best: tuple[int, int, Box, tuple[float, float]] | None = None
        for k, spot in enumerate(LABEL_SPOTS):
            box, off = _label_box(x, y, radii[i], w, h, spot)
            inside = (
                box[0] >= margin
                and box[1] >= margin
                and box[2] <= width - margin
                and box[3] <= height - margin
            )
            cost = 0 if inside else 100
            if best is not None and cost >= best[0]:
                continue
            for other in placed:
                if _overlap(box, other):
                    cost += 1
            for j in range(n):
                if j != i:
                    (px, py), r = xy[j], radii[j] + 1
                    if (
                        px + r > box[0]
                        and px - r < box[2]
                        and py + r > box[1]
                        and py - r < box[3]
                        and _hits_disc(box, px, py, r)
                    ):
                        cost += 1
            if best is None or cost < best[0]:
                best = (cost, k, box, off)
            if cost == 0:
                break
        assert best is not None
        cost, k, box, off = best
        if cost > 0:
            troubled.append(i)
        spots[i], boxes[i], offsets[i] = k, box, off
        placed.append(box)
    return spots, boxes, offsets, troubled


def place_labels(
    points: pd.DataFrame,
    *,
    width: float = MAP_WIDTH_PX,
    height: float = MAP_HEIGHT_PX,
    margin: float = 6.0,
    max_zoom: float = 7.4,
    min_zoom: float = 5.0,
) -> tuple[dict[str, float], pd.DataFrame]:
    """A view of the map and a spot for each label, so that no two labels overlap, no label
    covers another point's disc, and every label and disc is inside the frame.

    The largest zoom (in steps of 0.05) at which this works is chosen, centred on the
    discs (or moved sideways when a long label needs room at one end); labels are placed
    greedily, the points with the most structures first, each
    at its first free spot of `LABEL_SPOTS` (above the disc if it can). Deterministic: the
    same points give the same view and spots. When no zoom works, the one with the fewest
    labels in trouble is kept.

    Parameters
    ----------
    points : DataFrame
        Columns ``lat``, ``lon``, ``label`` (the text drawn), ``radius_px`` (the disc's
        radius) and ``structures`` (for the order); rows with a missing position are
        ignored by the caller.
    width, height : float
        The frame in pixels (a wider frame shows the same view with more margin).

    Returns
    -------
    (view, labels)
        ``view``: ``latitude``, ``longitude``, ``zoom`` for deck.gl's initial view state.
        ``labels``: the rows of `points` in their order with ``anchor`` and ``baseline``
        (deck.gl's ``getTextAnchor`` and ``getAlignmentBaseline``), ``offset`` ([dx, dy]
        pixels, deck.gl's ``getPixelOffset``), ``spot`` (its name in `LABEL_SPOTS`) and
        ``left``, ``top``, ``right``, ``bottom`` (the label's box in the frame, pixels).

    Examples
    --------
    >>> pts = pd.DataFrame({"lat": [48.117, 48.138], "lon": [-1.678, -1.954],
    ...     "label": ["Rennes (35)", "Brocéliande (16)"], "radius_px": [22.0, 16.8],
    ...     "structures": [35, 16]})
    >>> view, labels = place_labels(pts)
    >>> labels["spot"].tolist()  # side by side: Brocéliande's label goes to its left
    ['above', 'left']
    """
    from ess_graph.viz.text import ARIAL_BOLD_15, text_width

    frame = points.reset_index(drop=True)
    n = len(frame)
    sizes = [
        (text_width(str(s), ARIAL_BOLD_15) + 6, float(LABEL_HEIGHT_PX)) for s in frame["label"]
    ]
    radii = [float(r) for r in frame["radius_px"]]
    order = sorted(range(n), key=lambda i: (-int(frame["structures"][i]), str(frame["label"][i])))
    best = None
    steps = round((max_zoom - min_zoom) / 0.05)
    for step in range(steps + 1):
        zoom = round(max_zoom - 0.05 * step, 2)
        world = [
            mercator_px(la, lo, zoom) for la, lo in zip(frame["lat"], frame["lon"], strict=True)
        ]
        if n:
            x0 = min(p[0] - r for p, r in zip(world, radii, strict=True))
            x1 = max(p[0] + r for p, r in zip(world, radii, strict=True))
            y0 = min(p[1] - r for p, r in zip(world, radii, strict=True))
            y1 = max(p[1] + r for p, r in zip(world, radii, strict=True))
        else:
            x0, y0 = x1, y1 = mercator_px(*BRITTANY_CENTER, zoom)
        if x1 - x0 > width - 2 * margin or y1 - y0 > height - 2 * margin:
            continue  # the discs alone do not fit: zoom out
        # Centred on the discs, then moved sideways by up to half the room left, in steps
        # of 30 px: a long label at the east or west end may need the room of the other.
        slack = (width - 2 * margin - (x1 - x0)) / 2
        shifts = [0.0]
        for m in range(1, int(slack // 30) + 1):
            shifts += [-30.0 * m, 30.0 * m]
        for shift in shifts:
            cx = (x0 + x1) / 2 + shift
            cy = (y0 + y1) / 2
            xy = [(p[0] - cx + width / 2, p[1] - cy + height / 2) for p in world]
            # A label left in trouble goes first on the next try (a few tries at most).
            tried = order
            for _ in range(3):
                spots, boxes, offsets, bad = _place(xy, radii, sizes, tried, width, height, margin)
                if not bad:
                    break
                tried = bad + [i for i in tried if i not in bad]
            if best is None or len(bad) < best[0]:
                best = (len(bad), zoom, cx, cy, spots, boxes, offsets)
            if not bad:
                break
        if best is not None and best[0] == 0:
            break
    assert best is not None
    _, zoom, cx, cy, spots, boxes, offsets = best
    scale = 512 * 2**zoom
    view = {
        "latitude": round(_mercator_lat(cy, zoom), 6),
        "longitude": round(cx / scale * 360.0 - 180.0, 6),
        "zoom": zoom,
    }
    labels = frame.assign(
        spot=[LABEL_SPOTS[k][0] for k in spots],
        anchor=[LABEL_SPOTS[k][1] for k in spots],
        baseline=[LABEL_SPOTS[k][2] for k in spots],
        offset=[[round(dx, 1), round(dy, 1)] for dx, dy in offsets],
        left=[b[0] for b in boxes],
        top=[b[1] for b in boxes],
        right=[b[2] for b in boxes],
        bottom=[b[3] for b in boxes],
    )
    return view, labels
