"""Where should each node sit on the screen, the same way every time?

`compute_layout` returns pixel coordinates for vis-network, computed once in Python (the
browser then only draws: no physics, no jitter between reruns).

Two schemes, chosen from the data:

- **geographic** (when most nodes belong to a territory whose latitude/longitude is known,
  from `territory_coords`, ``G.graph["territory_coords"]`` or the built-in table of the 21
  pays of Brittany): each territory is a disc centred on its main town, so the picture
  looks like Brittany; inside a disc the structures with ties in that territory are laid
  out by Fruchterman–Reingold (igraph, started from sector wedges, so sectors stay
  together unless ties pull them apart), and the others sit on tidy rings around it,
  sorted by sector. The map is scaled so that the discs fill about `MAP_FILL` of it,
  then discs that overlap are pushed apart (nearby pays such as Rennes and Brocéliande
  shift a little; the overall shape stays). Territories without coordinates get a row of
  discs under the map.
- **circle** (otherwise, for at most 40 nodes with density ≥ 0.3, e.g. the sector graph,
  where nearly every sector is tied to every other): nodes on a circle sorted by name.
- **force** (otherwise): Kamada–Kawai up to `KAMADA_KAWAI_MAX` linked nodes (a pôle, a
  territory, a neighbourhood: evenly spaced dots, which Fruchterman–Reingold packs into
  blobs once the view is fitted to the frame), else Fruchterman–Reingold on the whole
  graph (igraph; its grid variant above 300 nodes); isolates in a grid under the drawing.

A drawing smaller than `MIN_EXTENT` is stretched to it: vis-network's first fit does not
zoom in, so a small graph would otherwise sit as a cluster in the middle of the frame.

Speed measured on the development machine (2 shared cores): igraph FR with grid on
25,000 nodes and 60,000 edges takes ~1 s, igraph's DrL 51 s (networkx's spring layout is
slower still), so DrL and networkx are not used. The geographic layout of the 25,000-
structure demo (14 territories of ~1,800) costs ~2 s of CPU, 2,500 structures ~0.4 s
(``bench/bench_render.py``).

Determinism: nodes are sorted by id before anything is computed, the starting positions
come from a seeded NumPy generator, and igraph's random source (Python's `random` module)
is seeded for the call and restored afterwards. The same graph gives the same positions
whatever order its nodes were added in.

Units: vis-network pixels, about `SPACING` pixels of room per node, centred on (0, 0).
"""

from __future__ import annotations

import math
import random
from collections import defaultdict
from collections.abc import Hashable, Mapping
from typing import Any

import igraph as ig
import networkx as nx
import numpy as np

from ess_graph.schema import normalise_label

#: Room per node, in vis-network pixels (a dot's radius is 8 to 40).
SPACING = 60.0

#: Smallest drawing (width, height in pixels): smaller layouts are stretched to it.
MIN_EXTENT = (1100.0, 520.0)

#: Up to this many linked nodes, a graph laid out by force uses Kamada–Kawai.
KAMADA_KAWAI_MAX = 150

#: Up to this many nodes, a dense graph is drawn as a circle.
CIRCLE_MAX_NODES = 40

#: Main towns of the 21 pays of Brittany (approx., from docs/DOMAIN), keyed by the
#: normalised pays name. Used when no coordinates are given.
PAYS_COORDS: dict[str, tuple[float, float]] = {
    "brest": (48.390, -4.486),
    "morlaix": (48.578, -3.828),
    "cornouaille": (47.996, -4.102),
    "centre_ouest_bretagne": (48.276, -3.574),
    "tregor_goelo": (48.733, -3.457),
    "guingamp": (48.563, -3.150),
    "saint_brieuc": (48.514, -2.765),
    "centre_bretagne": (48.178, -2.754),
    "dinan": (48.455, -2.050),
    "saint_malo": (48.649, -2.026),
    "fougeres": (48.352, -1.199),
    "rennes": (48.117, -1.678),
    "vitre_porte_de_bretagne": (48.124, -1.209),
    "broceliande": (48.138, -1.954),
    "vallons_de_vilaine": (47.967, -1.795),
    "redon_et_vilaine": (47.652, -2.084),
    "ploermel_coeur_de_bretagne": (47.932, -2.398),
    "pontivy": (48.069, -2.963),
    "lorient": (47.748, -3.370),
    "auray": (47.668, -2.982),
    "vannes": (47.658, -2.761),
}
_PAYS_ALIASES = {
    "cob": "centre_ouest_bretagne",
    "vitre": "vitre_porte_de_bretagne",
    "ploermel": "ploermel_coeur_de_bretagne",
    "redon": "redon_et_vilaine",
    "tregor": "tregor_goelo",
    "quimper": "cornouaille",
    "carhaix": "centre_ouest_bretagne",
    "carhaix_plouguer": "centre_ouest_bretagne",
    "lannion": "tregor_goelo",
    "loudeac": "centre_bretagne",
    "montfort_sur_meu": "broceliande",
    "guichen": "vallons_de_vilaine",
}

_GOLDEN_ANGLE = math.pi * (3.0 - math.sqrt(5.0))

Position = tuple[float, float]


def pays_coordinates(key: str) -> tuple[float, float] | None:
    """(lat, lon) of one of the 21 pays from an id or a name, or None.

    >>> pays_coordinates("Pays de Saint-Brieuc")
    (48.514, -2.765)
    >>> pays_coordinates("Atlantis") is None
    True
    """
    k = normalise_label(str(key))
    for prefix in ("pays_de_", "pays_d_", "pays_du_", "pays_des_", "pays_", "territory_"):
        if k.startswith(prefix):
            k = k[len(prefix) :]
            break
    k = _PAYS_ALIASES.get(k, k)
    return PAYS_COORDS.get(k)


def _territory_coords(
    G: nx.Graph, territories: set[str], given: Mapping[str, tuple[float, float]] | None
) -> dict[str, tuple[float, float]]:
    """(lat, lon) of each territory that can be located."""
    names = G.graph.get("territory_names") or {}
    from_graph = G.graph.get("territory_coords") or {}
    out: dict[str, tuple[float, float]] = {}
    for terr in territories:
        if not terr:
            continue
        for source in (given or {}, from_graph):
            if terr in source:
                lat, lon = source[terr]
                if lat == lat and lon == lon:  # not NaN
                    out[terr] = (float(lat), float(lon))
                    break
        else:
            found = pays_coordinates(terr) or pays_coordinates(str(names.get(terr, "")))
            if found is not None:
                out[terr] = found
    return out


def _sort_key(n: Hashable) -> tuple[str, str]:
    return (type(n).__name__, str(n))


def _fr(
    nodes: list[Hashable],
    edges: list[tuple[int, int]],
    start: np.ndarray,
    seed: int,
) -> np.ndarray:
    """igraph Fruchterman–Reingold from `start`, with igraph's random source seeded."""
    g = ig.Graph(n=len(nodes), edges=edges)
    state = random.getstate()
    random.seed(seed)
    try:
        if len(nodes) <= KAMADA_KAWAI_MAX:
            # A small view (a pôle, a neighbourhood): Kamada–Kawai spaces the dots
            # evenly where Fruchterman–Reingold packs dense groups into blobs (igraph's
            # places separate groups side by side).
            coords = g.layout_kamada_kawai(seed=start.tolist()).coords
            return np.asarray(coords, dtype=float).reshape(len(nodes), 2)
        coords = g.layout_fruchterman_reingold(
            seed=start.tolist(),
            niter=500 if len(nodes) <= 1000 else 250,
            grid="grid" if len(nodes) > 300 else "nogrid",
        ).coords
    finally:
        random.setstate(state)
    return np.asarray(coords, dtype=float).reshape(len(nodes), 2)


def _fit_disc(xy: np.ndarray, radius: float) -> np.ndarray:
    """Centre points and scale them into a disc; far-flung outliers are pulled to its rim."""
    if len(xy) == 1:
        return np.zeros((1, 2))
    xy = xy - np.median(xy, axis=0)
    dist = np.hypot(xy[:, 0], xy[:, 1])
    ref = float(np.quantile(dist, 0.95)) or float(dist.max()) or 1.0
    xy = xy * (radius / ref)
    dist = dist * (radius / ref)
    far = dist > radius
    if far.any():
        # keep direction, squeeze the overshoot logarithmically
        new = radius * (1.0 + 0.1 * np.log(dist[far] / radius))
        xy[far] *= (new / dist[far])[:, None]
    return xy


def _rings(count: int, inner: float) -> np.ndarray:
    """Tidy concentric rings of `count` points starting at radius `inner`, SPACING apart."""
    out = []
    r = max(inner, SPACING * 0.5)
    while len(out) < count:
        capacity = max(1, int(2 * math.pi * r / SPACING))
        take = min(capacity, count - len(out))
        for k in range(take):
            a = -math.pi / 2 + 2 * math.pi * k / capacity
            out.append((r * math.cos(a), r * math.sin(a)))
        r += SPACING
    return np.asarray(out, dtype=float).reshape(count, 2)


def _group_layout(
    G: nx.Graph, members: list[Hashable], seed: int
) -> tuple[dict[Hashable, Position], float]:
    """Layout of one territory's structures in a disc at (0, 0); returns (positions, radius)."""
    index = {n: i for i, n in enumerate(members)}
    edges = []
    for n in members:
        i = index[n]
        for m in G.adj[n]:
            j = index.get(m)
            if j is not None and i < j:
                edges.append((i, j))
    edges.sort()  # adjacency order depends on insertion order; the layout must not
    linked = sorted({i for e in edges for i in e})
    linked_set = set(linked)
    loose = [i for i in range(len(members)) if i not in linked_set]
    pos: dict[Hashable, Position] = {}
    core_radius = 0.0
    if linked:
        sub_index = {i: k for k, i in enumerate(linked)}
        sub_edges = [(sub_index[a], sub_index[b]) for a, b in edges]
        # start from sector wedges so that structures of one sector begin together
        sectors = [str(G.nodes[members[i]].get("sector", "")) for i in linked]
        order = sorted(
            range(len(linked)), key=lambda k: (sectors[k], _sort_key(members[linked[k]]))
        )
        rng = np.random.default_rng(seed)
        start = np.zeros((len(linked), 2))
        for rank, k in enumerate(order):
            a = 2 * math.pi * (rank + 0.5) / len(linked)
            r = math.sqrt(rng.uniform(0.2, 1.0)) * math.sqrt(len(linked))
            start[k] = (r * math.cos(a), r * math.sin(a))
        core_radius = 0.5 * SPACING * math.sqrt(len(linked)) if len(linked) > 1 else 0.0
        xy = _fr(linked, sub_edges, start, seed) if len(linked) > 2 else start
        xy = _fit_disc(xy, core_radius) if len(linked) > 1 else np.zeros((1, 2))
        for k, i in enumerate(linked):
            pos[members[i]] = (float(xy[k, 0]), float(xy[k, 1]))
    if loose:
        loose.sort(
            key=lambda i: (
                str(G.nodes[members[i]].get("sector", "")),
                str(G.nodes[members[i]].get("name", "")),
                _sort_key(members[i]),
            )
        )
        if not linked and len(loose) == 1:
            ring = np.zeros((1, 2))
        else:
            ring = _rings(len(loose), core_radius + 0.75 * SPACING if linked else 0.0)
        for k, i in enumerate(loose):
            pos[members[i]] = (float(ring[k, 0]), float(ring[k, 1]))
    radius = max((math.hypot(x, y) for x, y in pos.values()), default=0.0) + 0.5 * SPACING
    return pos, radius


#: Share of the map's bounding box the territory discs fill before overlaps are resolved.
MAP_FILL = 0.4


def _spread_discs(
    anchors: dict[str, Position], radii: dict[str, float], iterations: int = 300
) -> dict[str, Position]:
    """Scale geographic anchors to the discs' size, then push overlapping discs apart.

    The map is scaled so that the discs cover about `MAP_FILL` of its bounding box (not so
    far apart that the ties between territories fill the screen), then each overlapping
    pair is moved apart along the line joining them, equally, until none overlaps.
    """
    names = sorted(anchors)
    if len(names) == 1:
        return {names[0]: (0.0, 0.0)}
    xs = [anchors[t][0] for t in names]
    ys = [anchors[t][1] for t in names]
    box = max(max(xs) - min(xs), 1e-9) * max(max(ys) - min(ys), 1e-9)
    discs_area = sum(math.pi * radii[t] ** 2 for t in names)
    scale = math.sqrt(discs_area / (MAP_FILL * box))
    centre = {t: [anchors[t][0] * scale, anchors[t][1] * scale] for t in names}
    for _ in range(iterations):
        moved = False
        for i, a in enumerate(names):
            for b in names[i + 1 :]:
                pa, pb = centre[a], centre[b]
                dx, dy = pb[0] - pa[0], pb[1] - pa[1]
                d = math.hypot(dx, dy)
                need = radii[a] + radii[b] + SPACING * 0.5
                if d >= need:
                    continue
                if d < 1e-9:
                    angle = (i + 1) * _GOLDEN_ANGLE
                    dx, dy, d = math.cos(angle), math.sin(angle), 1.0
                push = (need - d) / 2 / d
                pa[0] -= dx * push
                pa[1] -= dy * push
                pb[0] += dx * push
                pb[1] += dy * push
                moved = True
        if not moved:
            break
    return {t: (centre[t][0], centre[t][1]) for t in names}


def _geographic(
    G: nx.Graph, nodes: list[Hashable], coords: dict[str, tuple[float, float]], seed: int
) -> dict[Hashable, Position]:
    groups: dict[str, list[Hashable]] = defaultdict(list)
    for n in nodes:
        groups[str(G.nodes[n].get("territory", "") or "")].append(n)
    discs: dict[str, tuple[dict[Hashable, Position], float]] = {}
    for terr in sorted(groups):
        discs[terr] = _group_layout(G, groups[terr], seed)

    placed = sorted(t for t in groups if t in coords)
    lat0 = sum(coords[t][0] for t in placed) / len(placed)
    lon0 = sum(coords[t][1] for t in placed) / len(placed)
    cos0 = math.cos(math.radians(lat0))
    anchors = {t: ((coords[t][1] - lon0) * cos0, -(coords[t][0] - lat0)) for t in placed}
    # territories at the same place: fan them out a little so their discs can separate
    seen: dict[tuple[float, float], int] = defaultdict(int)
    for t in placed:
        key = (round(anchors[t][0], 6), round(anchors[t][1], 6))
        k = seen[key]
        seen[key] += 1
        if k:
            a = k * _GOLDEN_ANGLE
            anchors[t] = (anchors[t][0] + 0.01 * math.cos(a), anchors[t][1] + 0.01 * math.sin(a))
    centres = _spread_discs(anchors, {t: discs[t][1] for t in placed})
    pos: dict[Hashable, Position] = {}
    for t in placed:
        ax, ay = centres[t]
        for n, (x, y) in discs[t][0].items():
            pos[n] = (ax + x, ay + y)
    # territories without coordinates: a row of discs under the map
    unplaced = [t for t in sorted(groups) if t not in coords]
    if unplaced:
        bottom = max((y for _, y in pos.values()), default=0.0)
        left = min((x for x, _ in pos.values()), default=0.0)
        cursor = left
        for t in unplaced:
            disc, r = discs[t]
            cx, cy = cursor + r, bottom + 2 * SPACING + r
            for n, (x, y) in disc.items():
                pos[n] = (cx + x, cy + y)
            cursor += 2 * r
    return pos


def _small_and_dense(G: nx.Graph) -> bool:
    """A few nodes mostly tied to each other (e.g. the sector graph): a circle reads best."""
    n = G.number_of_nodes()
    return 3 <= n <= CIRCLE_MAX_NODES and nx.density(G) >= 0.3


def _circle(G: nx.Graph, nodes: list[Hashable]) -> dict[Hashable, Position]:
    """Nodes on a circle in the order of their names, the first at the top."""
    order = sorted(
        nodes, key=lambda n: (normalise_label(str(G.nodes[n].get("name", ""))), _sort_key(n))
    )  # "Éducation" among the E
    radius = max(SPACING * 3, SPACING * 1.5 * len(order) / math.pi)
    return {
        n: (
            radius * math.cos(-math.pi / 2 + 2 * math.pi * k / len(order)),
            radius * math.sin(-math.pi / 2 + 2 * math.pi * k / len(order)),
        )
        for k, n in enumerate(order)
    }


def _force(G: nx.Graph, nodes: list[Hashable], seed: int) -> dict[Hashable, Position]:
    degree = dict(G.degree())
    linked = [n for n in nodes if degree[n] > 0 and any(m != n for m in G.adj[n])]
    linked_set = set(linked)
    loose = [n for n in nodes if n not in linked_set]
    pos: dict[Hashable, Position] = {}
    bottom = 0.0
    if linked:
        sub = {n: k for k, n in enumerate(linked)}
        edges = sorted(
            {
                (min(sub[u], sub[v]), max(sub[u], sub[v]))
                for u, v in G.edges(linked)
                if u in sub and v in sub and u != v
            }
        )
        rng = np.random.default_rng(seed)
        n = len(linked)
        start = rng.uniform(-1.0, 1.0, size=(n, 2)) * math.sqrt(n)
        xy = _fr(linked, edges, start, seed) if n > 2 else start
        radius = 0.6 * SPACING * math.sqrt(n) if n > 1 else 0.0
        xy = _fit_disc(xy, radius) if n > 1 else np.zeros((1, 2))
        for k, node in enumerate(linked):
            pos[node] = (float(xy[k, 0]), float(xy[k, 1]))
        bottom = radius + 2 * SPACING
    if loose:
        loose.sort(
            key=lambda n: (
                str(G.nodes[n].get("sector", "")),
                str(G.nodes[n].get("name", "")),
                _sort_key(n),
            )
        )
        cols = max(1, math.ceil(math.sqrt(len(loose) * 3)))
        width = (cols - 1) * SPACING
        for k, node in enumerate(loose):
            r, c = divmod(k, cols)
            pos[node] = (c * SPACING - width / 2, bottom + r * SPACING)
    return pos


def compute_layout(
    G: nx.Graph,
    *,
    seed: int = 2009,
    territory_coords: dict[str, tuple[float, float]] | None = None,
    method: str = "auto",
) -> dict[Any, tuple[float, float]]:
    """Pixel positions of every node, computed once and the same for the same graph.

    Parameters
    ----------
    G : networkx.Graph
        Nodes may carry ``territory`` and ``sector`` attributes (structures, pôles).
    seed : int, default 2009
    territory_coords : dict, optional
        {territory id: (lat, lon)}. Falls back to ``G.graph["territory_coords"]`` and to
        the built-in table of the 21 pays (matched by id or name).
    method : {"auto", "geographic", "force", "circle"}
        ``auto`` is geographic when at least half of the nodes are in a located territory,
        else circle for a small dense graph, else force.

    Returns
    -------
    dict
        {node: (x, y)} in vis-network pixels (y grows downwards), centred on (0, 0),
        about `SPACING` pixels of room per node.

    Examples
    --------
    >>> G = nx.Graph()
    >>> G.add_nodes_from([("a", {"territory": "rennes"}), ("b", {"territory": "brest"})])
    >>> pos = compute_layout(G)
    >>> pos["a"][0] > pos["b"][0]  # Rennes is east of Brest
    True
    """
    if method not in ("auto", "geographic", "force", "circle"):
        raise ValueError(f"method must be auto, geographic, force or circle, not {method!r}")
    nodes = sorted(G.nodes, key=_sort_key)
    if not nodes:
        return {}
    territories = {str(G.nodes[n].get("territory", "") or "") for n in nodes}
    coords = _territory_coords(G, territories, territory_coords)
    located = sum(1 for n in nodes if str(G.nodes[n].get("territory", "") or "") in coords)
    geographic = method == "geographic" or (method == "auto" and located * 2 >= len(nodes))
    if geographic and coords:
        pos = _geographic(G, nodes, coords, seed)
    elif method == "circle" or (method == "auto" and _small_and_dense(G)):
        pos = _circle(G, nodes)
    else:
        pos = _force(G, nodes, seed)
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]
    cx = (min(xs) + max(xs)) / 2
    cy = (min(ys) + max(ys)) / 2
    # vis-network's first fit never zooms in beyond 1:1, so a small drawing would sit
    # in the middle of the frame: stretch it to about the frame's size
    width, height = max(xs) - min(xs), max(ys) - min(ys)
    stretch = min(
        MIN_EXTENT[0] / width if width > 0 else math.inf,
        MIN_EXTENT[1] / height if height > 0 else math.inf,
    )
    if not math.isfinite(stretch) or stretch < 1.0:
        stretch = 1.0
    return {
        n: (round((pos[n][0] - cx) * stretch, 1), round((pos[n][1] - cy) * stretch, 1))
        for n in nodes
    }


def spread_for_sizes(
    positions: Mapping[Hashable, tuple[float, float]],
    sizes: Mapping[Hashable, float],
    *,
    clearance: float = 1.15,
    share: float = 0.9,
    most: float = 6.0,
) -> dict[Hashable, tuple[float, float]]:
    """`positions` spread out (a uniform scaling about their centre) so that dots of
    radius `sizes` mostly stop overlapping once the view is fitted to its frame.

    A view fitted to its nodes zooms positions and dots alike, so overlapping dots stay
    overlapped; spreading the positions (not the dots) shrinks the dots relative to the
    room between them. The factor is the smallest that leaves at least `share` of the
    nodes at a distance of `clearance` × (its radius + its nearest neighbour's) or more
    from that neighbour, between 1 (never closer) and `most`.

    >>> pos = {"a": (0.0, 0.0), "b": (10.0, 0.0)}
    >>> spread = spread_for_sizes(pos, {"a": 10.0, "b": 10.0}, clearance=1.0, share=1.0)
    >>> spread["a"], spread["b"]  # 20 apart: two radii of 10
    ((-5.0, 0.0), (15.0, 0.0))
    """
    from scipy.spatial import cKDTree

    nodes = [n for n in positions]
    if len(nodes) < 2:
        return dict(positions)
    xy = np.array([positions[n] for n in nodes], dtype=float)
    radius = np.array([float(sizes.get(n, 14.0)) for n in nodes])
    dist, nearest = cKDTree(xy).query(xy, k=2)
    dist, nearest = dist[:, 1], nearest[:, 1]
    need = clearance * (radius + radius[nearest])
    with np.errstate(divide="ignore", invalid="ignore"):
        factors = np.where(dist > 0, need / dist, most)
    factor = float(np.clip(np.quantile(factors, share), 1.0, most))
    centre = xy.mean(axis=0)
    xy = centre + (xy - centre) * factor
    return {
        n: (round(float(x), 1), round(float(y), 1)) for n, (x, y) in zip(nodes, xy, strict=True)
    }
