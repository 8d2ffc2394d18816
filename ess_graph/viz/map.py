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
