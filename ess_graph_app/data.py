"""The session's network, and cached results keyed by its content hash.

Pages never compute: they call these wrappers, which call the library. Every cached
function takes the network's content hash (`Network.content_hash`) as its first argument
and the network itself as ``_net`` (not hashed by streamlit), so a result is computed once
per network content, shared by every session that shows the same data, and never mixed
between different data. Nothing editable is cached as a resource: graphs come out of
``st.cache_data`` as copies.
"""

from __future__ import annotations

import io
import os
import sqlite3
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx
import pandas as pd
import streamlit as st

from ess_graph.data import demo_dir, templates_dir
from ess_graph.network import (
    TIES_RULES,
    Network,
    cooperation_graph,
    counted_links,
    induced_subgraph,
    typed_graph,
)
from ess_graph.search import NameIndex
from ess_graph_app import editing, state

if TYPE_CHECKING:
    from ess_graph.report import ReportContent

DATA_ENV = "ESS_GRAPH_DATA"
#: Shipped with ess_graph (package data): found the same way in a checkout and a wheel.
DEFAULT_DATA = demo_dir()
TEMPLATES_DIR = templates_dir()


# The session's network ----------------------------------------------------------------
def data_path() -> Path:
    """The network the app opens with: $ESS_GRAPH_DATA, else the demo folder."""
    value = os.environ.get(DATA_ENV, "").strip()
    return Path(value) if value else DEFAULT_DATA


def _stamp(path: Path) -> str:
    """Changes when the files under `path` change (so the cache re-reads them)."""
    try:
        if path.is_dir():
            parts = sorted(
                f"{p.name}:{p.stat().st_mtime_ns}:{p.stat().st_size}"
                for p in path.iterdir()
                if p.is_file()
            )
            return "|".join(parts)
        st_ = path.stat()
        return f"{st_.st_mtime_ns}:{st_.st_size}"
    except OSError:
        return ""


@st.cache_data(show_spinner=False, max_entries=4)
def _read_path(path: str, stamp: str) -> tuple[Network, str]:
    from ess_graph.io.read import read_network

    net = read_network(path)
    return net, net.content_hash()


@st.cache_data(show_spinner=False, max_entries=8)
def read_upload(files: dict[str, bytes]) -> tuple[Network, str]:
    """Read uploaded files (name -> bytes) into a Network, without adopting it."""
    from ess_graph.io.read import read_network_from_files

    net = read_network_from_files(files)
    return net, net.content_hash()


@st.cache_data(show_spinner=False, max_entries=4)
def _workspace_network(stamp: tuple[str, int, str]) -> tuple[Network, str]:
    """The workspace's network at one journal number (`editing.stamp`): re-read only when
    someone wrote; its content hash keeps every analysis cached across edits that cancel
    out."""

    with editing.open_workspace() as ws:
        net = ws.network()
    return net, net.content_hash()


def _ensure_workspace_network() -> None:
    """Meeting mode: this session shows the workspace as it is now (re-read each run,
    from the cache unless the journal moved)."""
    from ess_graph.io.read import NetworkPathError
    from ess_graph.workspace.store import WorkspaceError

    path = editing.workspace_file()
    try:
        editing.prepare(path, data_path())
        with editing.open_workspace() as ws:
            stamp = editing.stamp(ws)
        net, key = _workspace_network(stamp)
        st.session_state[state.SEEN_STAMP] = stamp
    except NetworkPathError as exc:
        st.session_state.pop(state.NETWORK, None)
        st.session_state[state.LOAD_ERROR] = exc.problem
        return
    except WorkspaceError as exc:
        st.session_state.pop(state.NETWORK, None)
        st.session_state[state.LOAD_ERROR] = exc
        return
    except sqlite3.DatabaseError:
        # `Workspace(path)` lets SQLite's own error through for a file that is not a
        # database at all (e.g. a CSV file given by mistake): said, not a crash.
        st.session_state.pop(state.NETWORK, None)
        st.session_state[state.LOAD_ERROR] = editing.OpenProblem(path)
        return
    if st.session_state.get(state.NETWORK_HASH) != key or state.NETWORK not in st.session_state:
        adopt(net, key, from_workspace=True)
    else:
        st.session_state[state.NETWORK] = net


def start_source() -> str:
    """What the session shows when it has not adopted an upload: the workspace file in
    meeting mode, else the starting path."""

    path = editing.workspace_file()
    return str(path) if path is not None else str(data_path())


def ensure_network() -> None:
    """Put the starting network in this session's state, once (in meeting mode: the
    workspace's network, refreshed on every run)."""

    if editing.meeting_mode() and not st.session_state.get(state.DETACHED):
        _ensure_workspace_network()
        return
    if state.NETWORK in st.session_state or state.LOAD_ERROR in st.session_state:
        return
    from ess_graph.io.read import NetworkPathError

    path = data_path()
    try:
        net, key = _read_path(str(path), _stamp(path))
    except NetworkPathError as exc:
        st.session_state[state.LOAD_ERROR] = exc.problem
        return
    adopt(net, key)


def adopt(net: Network, key: str, *, from_workspace: bool = False) -> None:
    """Show `net` in this session from now on (other sessions are not touched).

    In meeting mode an adopted upload detaches the session from the workspace until it
    goes back to the starting data (`reset`)."""
    st.session_state[state.DETACHED] = not from_workspace and _meeting()
    st.session_state[state.NETWORK] = net
    st.session_state[state.NETWORK_HASH] = key
    st.session_state.pop(state.LOAD_ERROR, None)
    st.session_state.pop(state.VIEW_HTML, None)
    st.session_state.pop(state.VIEW_NAME, None)
    st.session_state.pop(state.VIEW_IMAGE, None)


def _meeting() -> bool:

    return editing.meeting_mode()


def reset() -> None:
    """Back to the starting data (the workspace in meeting mode)."""
    for k in (state.NETWORK, state.NETWORK_HASH, state.LOAD_ERROR, state.DETACHED):
        st.session_state.pop(k, None)
    ensure_network()


#: Appended to a content hash when proposed links count: every cached result keyed by it
#: is then computed with ``include_proposed=True``, apart from the confirmed-only one.
PROPOSED = "+proposed"
#: Appended, with the rule, when declared links count under a rule other than
#: "confirmed" (``+ties=union``): cached results are then computed with that rule.
TIES = "+ties="


def has_proposed(net: Network) -> bool:
    return net.has_status("proposed")


def has_declared(net: Network) -> bool:
    """Does the network hold links declared by one side only (a survey)?"""
    return net.has_status("declared")


def include_proposed(key: str) -> bool:
    return PROPOSED in key


def ties_rule(key: str) -> str:
    """The rule for declared links (`ess_graph.network.TIES_RULES`) a cache key stands for."""
    _, found, rule = key.partition(TIES)
    return rule if found else "confirmed"


def content_key(key: str) -> str:
    """The content hash alone, without the suffixes of the switches."""
    return key.split("+", 1)[0]


def current() -> tuple[Network, str] | None:
    """This session's network and its cache key, or None when none could be read.

    The key is the content hash, plus `PROPOSED` when the visitor ticked « inclure les
    liens proposés » and the network has some, plus `TIES` and the rule when the visitor
    chose a rule other than « confirmés seulement » and the network has declared links.
    """
    net = st.session_state.get(state.NETWORK)
    if net is None:
        return None
    key = st.session_state[state.NETWORK_HASH]
    if st.session_state.get(state.W_PROPOSED) and has_proposed(net):
        key += PROPOSED
    rule = st.session_state.get(state.W_TIES, "confirmed")
    if rule in TIES_RULES and rule != "confirmed" and has_declared(net):
        key += TIES + rule
    return net, key


# Graphs --------------------------------------------------------------------------------
@st.cache_resource(show_spinner=False, max_entries=8)
def name_index(key: str, _net: Network) -> NameIndex:
    """The structures' names folded for search, built once per network. A resource, not
    data: `NameIndex` has no method that changes it, so every session shares one object
    (`st.cache_data` would hand each call a copy of every folded name)."""
    return NameIndex(dict(cooperation(key, _net).nodes(data="name", default="")))


@st.cache_data(show_spinner=False, max_entries=8)
def node_names(key: str, _net: Network) -> dict[str, str]:
    """``{id: name}`` of every node a link can join: structures, pôles and partners."""
    out: dict[str, str] = {}
    for frame in (_net.structures, _net.poles, _net.partners):
        if len(frame):
            out.update(zip(frame["id"].astype(str), frame["name"].astype(str), strict=True))
    return out


@st.cache_resource(show_spinner=False, max_entries=8)
def node_index(key: str, _net: Network) -> NameIndex:
    """`node_names` folded for search, built once per network (see `name_index`)."""
    return NameIndex(node_names(key, _net))


@st.cache_data(show_spinner=False, max_entries=8)
def cooperation(key: str, _net: Network) -> nx.Graph:
    return cooperation_graph(_net, include_proposed=include_proposed(key), ties=ties_rule(key))


@st.cache_data(show_spinner=False, max_entries=8)
def typed(key: str, _net: Network) -> nx.Graph:
    return typed_graph(_net, include_proposed=include_proposed(key), ties=ties_rule(key))


@st.cache_data(show_spinner=False, max_entries=8)
def proposed_pairs(key: str, _net: Network) -> tuple[tuple[str, str], ...]:
    """Pairs of structures joined by a proposed link (a partnership idea), sorted."""
    if not has_proposed(_net):
        return ()
    ids = set(_net.structures["id"])
    links = _net.links[_net.links["status"] == "proposed"]
    pairs = {
        tuple(sorted((str(a), str(b))))
        for a, b in zip(links["source"], links["target"], strict=True)
        if a in ids and b in ids and a != b
    }
    return tuple(sorted(pairs))


# Vue d'ensemble ------------------------------------------------------------------------
@st.cache_data(show_spinner=False, max_entries=8)
def key_figures(key: str, _net: Network) -> dict[str, Any]:
    """Counts for the overview: structures, ties, pôles by status, isolates, cross-sector."""
    from ess_graph.analysis.mixing import ALL_GROUPS, ei_indices

    G = cooperation(key, _net)
    ei = ei_indices(G, attributes=["sector"], n_permutations=0)
    whole = ei[ei["group"] == ALL_GROUPS]
    internal = int(whole["internal_ties"].iloc[0]) if len(whole) else 0
    external = int(whole["external_ties"].iloc[0]) if len(whole) else 0
    total = internal + external
    return {
        "structures": G.number_of_nodes(),
        "ties": G.number_of_edges(),
        "links": len(
            counted_links(_net, include_proposed=include_proposed(key), ties=ties_rule(key))
        ),
        "poles": len(_net.poles),
        "poles_by_status": _net.poles["status"].value_counts().to_dict(),
        "partners": len(_net.partners),
        "territories": len(_net.territory_names()),
        "sectors": len(_net.sector_names()),
        "isolates": nx.number_of_isolates(G),
        "cross_sector_share": external / total if total else float("nan"),
    }


@st.cache_data(show_spinner=False, max_entries=8)
def map_tables(key: str, _net: Network) -> tuple[pd.DataFrame, pd.DataFrame]:
    from ess_graph.viz.map import territory_arcs, territory_points

    G = cooperation(key, _net)
    points = territory_points(_net, G)
    return points, territory_arcs(G, points)


# Files ---------------------------------------------------------------------------------
def zip_folder(folder: Path, suffix: str = ".csv") -> bytes:
    """The files of `folder` ending in `suffix`, zipped in memory."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for p in sorted(folder.iterdir()):
            if p.is_file() and p.name.lower().endswith(suffix):
                zf.write(p, p.name)
    return buf.getvalue()


@st.cache_data(show_spinner=False, max_entries=2)
def template_files() -> tuple[bytes, bytes]:
    """Empty templates: (template.xlsx, zip of header-only CSV files)."""
    import tempfile

    from ess_graph.io.write import write_templates

    folder = TEMPLATES_DIR
    if not (folder / "template.xlsx").is_file():
        folder = Path(tempfile.mkdtemp(prefix="ess_graph_templates_"))
        write_templates(folder)
    return (folder / "template.xlsx").read_bytes(), zip_folder(folder)


@st.cache_data(show_spinner=False, max_entries=8)
def network_files(key: str, _net: Network) -> tuple[bytes, bytes]:
    """The network as data files that read back the same: (workbook, zip of CSV files),
    without the extra columns that look like contact details (never exported by default)."""
    import tempfile

    from ess_graph.io.write import write_network
    from ess_graph.workspace.privacy import without_personal_data

    _net, _dropped = without_personal_data(_net)
    with tempfile.TemporaryDirectory(prefix="ess_graph_data_") as tmp:
        xlsx = write_network(_net, Path(tmp) / "network.xlsx", format="xlsx").read_bytes()
        folder = write_network(_net, Path(tmp) / "csv", format="csv")
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
            for p in sorted(folder.iterdir()):
                if p.is_file():
                    zf.write(p, p.name)
        return xlsx, buf.getvalue()


# Scopes: the whole network, one territory or one pôle -----------------------------------
def scoped(key: str, _net: Network, scope_type: str | None, scope: str | None) -> nx.Graph:
    """The cooperation graph, restricted to one territory's or one pôle's structures."""
    G = cooperation(key, _net)
    if not scope_type or scope is None:
        return G
    keep = [n for n, value in G.nodes(data=scope_type, default="") if value == scope]
    return induced_subgraph(G, keep)  # G's order, whatever the process's hash seed


@st.cache_data(show_spinner=False, max_entries=8)
def scope_counts(key: str, _net: Network) -> dict[str, dict[str, int]]:
    """Structures per territory and per pôle (to preselect the busiest one)."""
    G = cooperation(key, _net)
    out: dict[str, dict[str, int]] = {"territory": {}, "pole": {}}
    for kind, counter in out.items():
        for _, value in G.nodes(data=kind, default=""):
            if value:
                counter[value] = counter.get(value, 0) + 1
    return out


# Liens intersectoriels -----------------------------------------------------------------
@st.cache_data(show_spinner=False, max_entries=8)
def growth(key: str, _net: Network) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(timeline, pôle creation effects) of the cooperation graph
    (`ess_graph.analysis.timeline`), as `ess-graph metrics` writes them."""
    from ess_graph.analysis.timeline import pole_creation_effects, timeline

    G = cooperation(key, _net)
    return timeline(G), pole_creation_effects(G)


@st.cache_data(show_spinner=False, max_entries=64)
def mixing(
    key: str, _net: Network, scope_type: str | None, scope: str | None
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Sector mixing of a scope: (long table, observed matrix, expected matrix)."""
    from ess_graph.analysis.mixing import mixing_matrix, mixing_table

    G = scoped(key, _net, scope_type, scope)
    return (
        mixing_table(G, attribute="sector"),
        mixing_matrix(G, attribute="sector", value="observed"),
        mixing_matrix(G, attribute="sector", value="expected"),
    )


@st.cache_data(show_spinner=False, max_entries=64)
def ei(
    key: str, _net: Network, scope_type: str | None, scope: str | None, attribute: str
) -> pd.DataFrame:
    """E-I indices (with permutation p-values) of the groups of `attribute` in a scope."""
    from ess_graph.analysis.mixing import ei_indices

    G = scoped(key, _net, scope_type, scope)
    return ei_indices(G, attributes=[attribute], n_permutations=1000)


# Lacunes --------------------------------------------------------------------------------
@st.cache_data(show_spinner=False, max_entries=64)
def gaps(key: str, _net: Network, scope_type: str | None, scope: str | None, lang: str):
    from ess_graph.analysis.gaps import gaps as gaps_table

    return gaps_table(cooperation(key, _net), scope_type=scope_type, scope=scope, lang=lang)


# Opportunités ---------------------------------------------------------------------------
@st.cache_data(show_spinner=False, max_entries=64)
def opportunities(
    key: str,
    _net: Network,
    focus_type: str | None,
    focus: str | None,
    k: int,
    lang: str,
    ranking: str = "strategic",
) -> pd.DataFrame:
    from ess_graph.analysis.opportunities import opportunities as rank
    from ess_graph.analysis.opportunities import territory_coords

    kwargs = {focus_type: focus} if focus_type and focus else {}
    return rank(
        cooperation(key, _net),
        typed(key, _net),
        k=k,
        lang=lang,
        territory_coords=territory_coords(_net),
        ranking=ranking,
        **kwargs,
    )


# Metrics (Réseau sizes and colours, Exporter) -------------------------------------------
@st.cache_data(show_spinner=False, max_entries=8)
def metrics_run(key: str, _net: Network, lang: str):
    """One run of `ess_graph.metrics.compute_metrics` (tables and metadata), with the
    session's rule for proposed and declared links and the CLI's defaults otherwise."""
    from ess_graph.metrics import MetricsParameters, compute_metrics

    params = MetricsParameters(
        lang=lang, include_proposed=include_proposed(key), ties=ties_rule(key)
    )
    return compute_metrics(_net, params)


def metrics(key: str, _net: Network, lang: str) -> dict[str, pd.DataFrame]:
    """Every table of the codebook (`metrics_run`)."""
    return metrics_run(key, _net, lang).tables


@st.cache_data(show_spinner=False, max_entries=8)
def metrics_files(key: str, _net: Network, lang: str) -> tuple[bytes, bytes]:
    """The metrics as (workbook, zip of CSV files), each with the CLI's metadata.json
    (`ess_graph.metrics.metrics_download`), formula-safe."""
    from ess_graph.metrics import metrics_download

    run = metrics_run(key, _net, lang)
    return metrics_download(run, "xlsx"), metrics_download(run, "csv")


@st.cache_data(show_spinner=False, max_entries=24)
def graph_file(key: str, _net: Network, fmt: str, lang: str, which: str = "cooperation") -> bytes:
    """The cooperation (or typed) graph with the structures' metrics as node attributes,
    as GEXF/GraphML/JSON (`ess_graph.metrics.graph_with_metrics`, as `ess-graph export`)."""
    from ess_graph.io.graph_formats import graph_to_bytes
    from ess_graph.metrics import graph_with_metrics

    return graph_to_bytes(graph_with_metrics(_net, metrics_run(key, _net, lang), which), fmt)


#: Above this many structures the structure scale is not drawn (see `view`); vis-network
#: stays responsive up to about this size with a precomputed layout and physics off.
MAX_DRAWN = 5000


# Réseau ---------------------------------------------------------------------------------


@st.cache_data(show_spinner=False, max_entries=8)
def structure_metrics(key: str, _net: Network) -> pd.DataFrame:
    """Per-structure measures for sizes, colours and tooltips: centrality and brokerage
    (`brokerage.structure_centrality`), sector diversity (`mixing.structure_diversity`)
    and Louvain communities (`communities.communities`), joined on ``id``; the same
    functions and default seeds as `ess_graph.metrics`."""
    from ess_graph.analysis.brokerage import structure_centrality
    from ess_graph.analysis.communities import communities
    from ess_graph.analysis.mixing import structure_diversity

    G = cooperation(key, _net)
    frame = structure_centrality(G)
    frame = frame.merge(structure_diversity(G), on="id", how="left")
    return frame.merge(communities(G), on="id", how="left")


@st.cache_data(show_spinner=False, max_entries=16)
def scale_graph(key: str, _net: Network, scale: str, lang: str) -> nx.Graph:
    """The whole network at one scale: structures, pôles or sectors."""
    from ess_graph.viz.scales import pole_graph, sector_graph

    G = cooperation(key, _net)
    if scale == "pole":
        return pole_graph(G, lang=lang)
    if scale == "sector":
        return sector_graph(G, lang=lang)
    return G


@st.cache_data(show_spinner=False, max_entries=16)
def layout(key: str, _net: Network, scale: str) -> dict:
    """Positions of the whole network at one scale, computed once: filtered views reuse
    them, so a node never moves when filters change."""
    from ess_graph.viz.layout import compute_layout

    return compute_layout(scale_graph(key, _net, scale, "fr"))


@st.cache_data(show_spinner=False, max_entries=16)
def place_layout(key: str, _net: Network, territories: tuple | None, poles: tuple | None) -> dict:
    """Positions of the structures of some territories or pôles (all of them, whatever
    the other filters): a force layout for one place, the geographic one for several."""
    from ess_graph.viz.layout import compute_layout
    from ess_graph.viz.scales import filter_graph

    H = filter_graph(cooperation(key, _net), territories=territories, poles=poles)
    places = {str(t or "") for _, t in H.nodes(data="territory")}
    return compute_layout(H, method="force" if len(places) <= 1 else "auto")


@st.cache_data(show_spinner=False, max_entries=8)
def year_range(key: str, _net: Network) -> tuple[int, int] | None:
    years = [int(y) for _, _, y in cooperation(key, _net).edges(data="since") if y == y and y]
    return (min(years), max(years)) if years else None


def _drawing(
    key: str,
    _net: Network,
    *,
    scale: str,
    filters: tuple,
    focus: str | None,
    depth: int,
    color_by: str,
    size_by: str | None,
    lang: str,
) -> dict:
    """What one view of the Réseau page draws, shared by its HTML (`view`) and its image
    (`view_image`): the counts, and unless the view is too big to draw, the drawn
    ``graph``, its ``positions``, ``styles``, ``legend`` and what is drawn apart
    (``highlight``, ``dashed``, ``declared``, ``focus``). Not cached itself: a graph comes
    out of ``st.cache_data`` by unpickling, ~0.2 s at 2,500 structures."""
    from ess_graph.viz.scales import ego_graph, filter_graph, pole_graph, sector_graph
    from ess_graph.viz.style import declared_in, legend, node_styles

    territories, poles, sectors, families, kinds, years = filters
    G = cooperation(key, _net)  # a copy out of the cache: nothing here can alter the cache
    H = (
        G
        if not any(f for f in filters)
        else filter_graph(
            G,
            territories=territories,
            poles=poles,
            sectors=sectors,
            families=families,
            link_kinds=kinds,
            years=years,
        )
    )
    focused = focus is not None and focus in H
    proposed = proposed_pairs(key, _net) if scale == "structure" else ()
    if focused:
        around = H
        H = ego_graph(H, focus, depth)
        # A link proposed in the room from the focused structure shows with its other
        # end, even when that end is no confirmed partner (yet): the idea just voiced.
        ends = {b if a == focus else a for a, b in proposed if focus in (a, b)}
        ends = [n for n in ends if n in around and n not in H]
        if ends:
            H = induced_subgraph(around, [*H.nodes, *ends])
    # Proposed links (ideas raised in the room) are drawn dashed, whether they count in
    # the figures (then they are ties of H) or not, without fading the rest.
    ideas = [(a, b) for a, b in proposed if a in H and b in H]
    # Links declared by one side only: dotted arrows, counted under the rule or not.
    declared = declared_in(H) if scale == "structure" else []
    structures = H.number_of_nodes()
    ties = H.number_of_edges()
    counts = {
        "structures": structures,
        "ties": ties,
        "focused": focused,
        # the structures drawn: the only ids a click in the graph may send back
        "ids": tuple(str(n) for n in H.nodes) if scale == "structure" else (),
    }
    if scale == "structure" and structures > MAX_DRAWN:
        # Not drawn: megabytes of HTML and a browser busy for long seconds. The page says
        # so and offers the pôle and sector scales, filters and search instead.
        return {"graph": None, "counts": counts}
    metrics_frame = None
    if scale == "pole":
        H = pole_graph(H, lang=lang)
        color_by, size_by = "territory", "structures"
    elif scale == "sector":
        H = sector_graph(H, lang=lang)
        color_by, size_by = "sector", "structures"
    elif color_by == "community" or size_by not in ("degree", "weighted_degree", None):
        metrics_frame = structure_metrics(key, _net)  # only when a measure needs it
    styles = node_styles(H, color_by=color_by, size_by=size_by, metrics=metrics_frame, lang=lang)
    if focused and scale == "structure":
        # A neighbourhood gets its own seeded layout: on the map layout its few
        # structures sit on top of each other. Cached with the view: no jitter.
        from ess_graph.viz.layout import compute_layout

        positions = compute_layout(H, method="force")
    elif scale == "structure" and (territories or poles):
        # "Show us our pôle": the place's structures get their own layout, which the
        # other filters (sector, family, kind, years) then keep: on the whole network's
        # map a pays is one tight cluster, unreadable once fitted to the frame.
        positions = place_layout(key, _net, territories, poles)
    else:
        positions = layout(key, _net, scale)  # whole-network positions: nothing moves
    if scale == "structure" and (focused or territories or poles):
        # a few structures fitted to the frame: room enough that big dots do not pile up
        from ess_graph.viz.layout import spread_for_sizes

        positions = spread_for_sizes(
            {n: positions[n] for n in H if n in positions},
            dict(zip(styles["id"], styles["size"], strict=True)),
        )
    shown_focus = focus if focused and focus in H else None
    return {
        "graph": H,
        "counts": counts,
        "positions": positions,
        "styles": styles,
        "legend": legend(H, color_by=color_by, size_by=size_by, lang=lang, metrics=metrics_frame),
        "highlight": [shown_focus] if shown_focus is not None else [],
        "dashed": ideas,
        "declared": declared,
        "focus": shown_focus,
    }


@st.cache_data(show_spinner=False, max_entries=32)
def view(
    key: str,
    _net: Network,
    *,
    scale: str,
    filters: tuple,
    focus: str | None,
    depth: int,
    color_by: str,
    size_by: str | None,
    physics: bool,
    height: int,
    lang: str,
) -> dict:
    """One view of the Réseau page: the HTML document, its legend and its counts.

    `filters` is ``(territories, poles, sectors, families, link_kinds, years)`` as
    tuples (None for no year filter). The ``image`` entry holds what `view_image` needs
    to draw the same view as a picture (the view's parameters and `key`; None when the
    view is not drawn): small, so the cached view stays quick to hand out.
    """
    from ess_graph.viz.html import network_html

    params = {
        "scale": scale,
        "filters": filters,
        "focus": focus,
        "depth": depth,
        "color_by": color_by,
        "size_by": size_by,
        "lang": lang,
    }
    drawn = _drawing(key, _net, **params)
    counts = drawn["counts"]
    if drawn["graph"] is None:
        return {
            "html": None,
            "legend": None,
            "nodes": counts["structures"],
            "edges": counts["ties"],
            **counts,
            "image": None,
        }
    H = drawn["graph"]
    from ess_graph.i18n import t

    key_text = {**drawn["legend"], "names": t("viz.names_rule", lang)}
    html = network_html(
        H,
        drawn["positions"],
        drawn["styles"],
        legend=key_text,
        physics=physics,
        height_px=height,
        highlight=drawn["highlight"],
        dashed_edges=drawn["dashed"],
        declared_edges=drawn["declared"],
        lang=lang,
        focus=drawn["focus"],
    )
    return {
        "html": html,
        "legend": key_text,
        "nodes": H.number_of_nodes(),
        "edges": H.number_of_edges(),
        **counts,
        "image": {"key": key, **params},
    }


@st.cache_data(show_spinner=False, max_entries=12)
def view_image(
    key: str,
    _net: Network,
    params: dict,
    fmt: str,
    caption: str,
    proposed: str,
    title: str = "",
) -> bytes:
    """The view `params` (the ``image`` entry of `view`, without its key) as a PNG
    (1920×1080), SVG or PDF: the same graph, positions, colours and sizes as the screen,
    its legend beside it (`proposed`: what a dashed orange line means), `caption` under
    it and `title`, if any, above (`ess_graph.viz.image.view_image`). Computed when a
    download button asks for it, once per view, format, caption and title."""
    from ess_graph.viz.image import view_image as draw_image

    drawn = _drawing(key, _net, **params)
    if drawn["graph"] is None:
        raise ValueError("this view is too big to draw")
    return draw_image(
        drawn["graph"],
        drawn["positions"],
        drawn["styles"],
        fmt=fmt,
        legend={**drawn["legend"], "proposed": proposed},
        caption=caption,
        title=title or None,
        highlight=drawn["highlight"],
        dashed_edges=drawn["dashed"],
        declared_edges=drawn["declared"],
        lang=params["lang"],
    )


@st.cache_data(show_spinner=False, max_entries=32)
def suggestion_view(key: str, _net: Network, a: str, b: str, height: int, lang: str) -> str:
    """The two structures of a suggested partnership, their neighbours, the proposed tie."""
    from ess_graph.viz.html import network_html
    from ess_graph.viz.scales import ego_graph
    from ess_graph.viz.style import node_styles

    G = cooperation(key, _net)
    H = nx.compose(ego_graph(G, a, 1), ego_graph(G, b, 1))
    H.graph.update(G.graph)
    styles = node_styles(H, color_by="sector", size_by="degree", lang=lang)
    # Its own (seeded, cached) layout: on the map layout the two are often in the same
    # pays, drawn on top of each other.
    from ess_graph.viz.layout import compute_layout

    return network_html(
        H,
        compute_layout(H, method="force"),
        styles,
        height_px=height,
        highlight=[a, b],
        highlight_edges=[(a, b)],
        lang=lang,
    )


# The territorial diagnostic (Lacunes, Opportunités) ---------------------------------------
#: A survey campaign the diagnostic shows: the workspace's `editing.stamp` and its name.
ReportCampaign = tuple[tuple[str, int, str], str]


def report_campaign() -> ReportCampaign | None:
    """The survey campaign the diagnostic includes: in meeting mode, the campaign opened
    last in the workspace this session shows, with the workspace's stamp (a new answer
    moves it, so the cached report is written again). None outside meeting mode, when
    the session shows an upload instead, or without a campaign."""

    stamp = st.session_state.get(state.SEEN_STAMP)
    if not editing.meeting_mode() or st.session_state.get(state.DETACHED) or stamp is None:
        return None
    stamp = (str(stamp[0]), int(stamp[1]), str(stamp[2]))
    name = _latest_campaign(stamp)
    return (stamp, name) if name is not None else None


@st.cache_data(show_spinner=False, max_entries=8)
def _latest_campaign(stamp: tuple[str, int, str]) -> str | None:
    from ess_graph.survey.campaigns import list_campaigns

    with editing.open_workspace() as ws:
        table = list_campaigns(ws)
    if table.empty:
        return None
    return str(table.sort_values(["opened_at", "id"]).iloc[-1]["name"])


def report_file(
    key: str,
    _net: Network,
    scope_type: str,
    scope: str,
    lang: str,
    campaign: ReportCampaign | None = None,
    snapshot: str | None = None,
    fmt: str = "html",
) -> bytes:
    """The territorial diagnostic of one territory or pôle (`ess_graph.report`) as a file:
    ``fmt`` "html" (UTF-8) or "docx", both laid out from one `report_content` (the same
    figures and the same date). With the survey figures of `campaign` (`report_campaign`)
    when given, and what changed since the workspace's `snapshot` (meeting mode:
    `report_snapshots`) when given.

    The report counts confirmed links only (the library has no ``include_proposed`` nor
    ``ties`` there), so it is cached on the content hash alone (without the `PROPOSED`
    and `TIES` suffixes), the campaign's stamp and name, and the snapshot's name (a
    snapshot never changes once taken).
    """
    return _report_file(content_key(key), _net, scope_type, scope, lang, campaign, snapshot, fmt)


@st.cache_data(show_spinner=False, max_entries=32)
def _report_file(
    key: str,
    _net: Network,
    scope_type: str,
    scope: str,
    lang: str,
    campaign: ReportCampaign | None,
    snapshot: str | None,
    fmt: str,
) -> bytes:
    from ess_graph.report import render_docx, render_html

    content = _report_content(key, _net, scope_type, scope, lang, campaign, snapshot)
    return render_docx(content) if fmt == "docx" else render_html(content).encode("utf-8")


def report_snapshots() -> list[str]:
    """The workspace's snapshots a diagnostic can be compared with, oldest first: in
    meeting mode (not for an upload), else none."""
    stamp = st.session_state.get(state.SEEN_STAMP)
    if not editing.meeting_mode() or st.session_state.get(state.DETACHED) or stamp is None:
        return []
    return _snapshot_names((str(stamp[0]), int(stamp[1]), str(stamp[2])))


@st.cache_data(show_spinner=False, max_entries=8)
def _snapshot_names(stamp: tuple[str, int, str]) -> list[str]:
    from ess_graph.workspace.snapshots import list_snapshots

    with editing.open_workspace() as ws:
        return [str(n) for n in list_snapshots(ws)["name"]]


@st.cache_data(show_spinner=False, max_entries=32)
def _report_content(
    key: str,
    _net: Network,
    scope_type: str,
    scope: str,
    lang: str,
    campaign: ReportCampaign | None,
    snapshot: str | None = None,
) -> ReportContent:
    from ess_graph.report import report_content

    survey = compare = None
    if campaign is not None:
        from ess_graph.survey import follow

        with editing.open_workspace() as ws:
            survey = follow.campaign_data(ws, campaign[1])
    if snapshot is not None:
        from ess_graph.workspace.snapshots import snapshot_network

        with editing.open_workspace() as ws:
            compare = snapshot_network(ws, snapshot)
        compare.source = snapshot  # the report names it (never a path)
    return report_content(_net, **{scope_type: scope}, survey=survey, compare=compare, lang=lang)


# Journal: what changed since a snapshot -----------------------------------------------------
@st.cache_data(show_spinner=False, max_entries=8)
def snapshot_diff(
    stamp: tuple[str, int, str], name: str, include_proposed: bool, ties: str = "confirmed"
) -> dict[str, pd.DataFrame]:
    """`snapshots.workspace_diff` from snapshot `name` to now; `stamp` (`editing.stamp`)
    changes with every write, and a snapshot never changes once taken."""
    from ess_graph.workspace import snapshots

    with editing.open_workspace() as ws:
        return snapshots.workspace_diff(
            ws, name, snapshots.NOW, include_proposed=include_proposed, ties=ties
        )


# Enquête: a campaign's figures ------------------------------------------------------------
@st.cache_data(show_spinner=False, max_entries=16)
def survey_figures(
    stamp: tuple[str, int, str], name: str, matched: tuple, today: str, lang: str
) -> dict[str, Any]:
    """Every figure of the campaign `name` (`ess_graph.survey.follow`), read in one
    consistent state of the workspace.

    `stamp` (`editing.stamp`) moves with every journaled change: answers, campaigns, the
    network. The matches of partners named outside the roster are not journaled, hence
    `matched` (their sorted items); `today` because a campaign closes by its date.
    """
    from ess_graph.survey import follow

    with editing.open_workspace() as ws:
        d = follow.campaign_data(ws, name)
    return {
        "campaign": d.campaign,
        "summary": follow.summary(d),
        "rates": follow.response_rates(d, lang=lang),
        "late": follow.non_respondents(d),
        "ties": follow.tie_table(d, lang=lang),
        "outside": follow.outside_roster(d),
        "needs": follow.needs_and_offers(d, lang=lang),
        "functions": follow.function_ratings(d, lang=lang),
        "invited": list(d.invited),
        "names": d.names,
    }
