"""Every researchers' table of a network at once: what `ess-graph metrics` writes.

`compute_metrics` runs the analysis modules on the cooperation graph of a network and
gathers their results into the tables of the codebook (docs/METRICS.md): ``structures``,
``groups``, ``sector_mixing``, ``sector_mixing_ratio``, ``gaps``, ``opportunities``,
``poles``, ``timeline``, ``pole_creation``, ``network``, and, when the network has declared links (one side of a
partnership survey) or a survey campaign's declarations are given (`SurveyDeclarations`),
``reciprocity`` and ``declarations``; plus a metadata dict (version, input hashes,
parameters, seeds, exact or sampled betweenness, where the declarations came from, run
time, problems). `write_metrics` writes them as UTF-8
CSV files or one workbook, atomically and formula-safe.
"""

from __future__ import annotations

import hashlib
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import networkx as nx
import numpy as np
import pandas as pd
import scipy.sparse.csgraph as csgraph

from ess_graph import __version__
from ess_graph.analysis import (
    _fast,
    brokerage,
    communities,
    gaps,
    governance,
    mixing,
    opportunities,
    reciprocity,
    timeline,
)
from ess_graph.network import (
    Network,
    check_ties,
    cooperation_graph,
    declaration_graph,
    ties_definition,
    typed_graph,
)
from ess_graph.platform_info import machine

DEFAULT_SEED = 2009

STRUCTURE_COLUMNS: tuple[str, ...] = (
    "id",
    "name",
    "family",
    "sector",
    "territory",
    "pole",
    "degree",
    "weighted_degree",
    "betweenness",
    "constraint",
    "effective_size",
    "cross_sector_ties",
    "cross_sector_share",
    "sector_diversity",
    "brokerage_coordinator",
    "brokerage_consultant",
    "brokerage_representative",
    "brokerage_liaison",
    "community",
    "articulation_point",
)

NETWORK_COLUMNS: tuple[str, ...] = (
    "structures",
    "ties",
    "density",
    "components",
    "isolates",
    "largest_component_share",
    "average_clustering",
    "assortativity_sector",
    "assortativity_family",
    "assortativity_territory",
    "ei_index_sector",
    "modularity_poles",
    "modularity_communities",
    "nmi_poles_communities",
)

TABLE_ORDER: tuple[str, ...] = (
    "structures",
    "groups",
    "sector_mixing",
    "sector_mixing_ratio",
    "gaps",
    "opportunities",
    "poles",
    "timeline",
    "pole_creation",
    "network",
)

#: Tables written only when the network has declared links: the reciprocity of the
#: survey's declarations (`ess_graph.analysis.reciprocity`).
DECLARATION_TABLES: tuple[str, ...] = ("reciprocity", "declarations")


#: The choices of `MetricsParameters.opportunities_ranking`.
OPPORTUNITY_RANKINGS: tuple[str, ...] = ("both", *opportunities.RANKINGS)


def opportunity_tables(G: Any, T: Any, *, ranking: str = "both", **options: Any) -> pd.DataFrame:
    """The opportunities of `ranking` (``both``: the probable ranking's rows, then the
    strategic ranking's), each from `ess_graph.analysis.opportunities.opportunities`
    with `options`; the ``ranking`` column tells them apart."""
    if ranking not in OPPORTUNITY_RANKINGS:
        raise ValueError(f"ranking must be one of {OPPORTUNITY_RANKINGS}: {ranking!r}")
    chosen = tuple(opportunities.RANKINGS) if ranking == "both" else (ranking,)
    return opportunities.opportunities_in_rankings(G, T, rankings=chosen, **options)


@dataclass
class MetricsParameters:
    """The options of a metrics run; all of them are recorded in the metadata.

    ``ties`` is the rule that says which declared links count (`ess_graph.network.
    TIES_RULES`): "confirmed" (default), "union" or "reciprocated"; checked when the run
    starts (a ValueError names the three).
    """

    seed: int = DEFAULT_SEED
    n_permutations: int = 1000
    betweenness_exact_up_to: int = 5000
    betweenness_k: int = 500
    opportunities_k: int = 200
    #: ``probable``, ``strategic`` or ``both`` (`OPPORTUNITY_RANKINGS`): which rankings the
    #: opportunities table holds (k rows each, told apart by its ``ranking`` column).
    opportunities_ranking: str = "both"
    include_proposed: bool = False
    lang: str = "fr"
    ties: str = "confirmed"


@dataclass(frozen=True)
class SurveyDeclarations:
    """A survey campaign's declarations, for ``reciprocity`` and ``declarations`` in place
    of the network's declared links.

    ``graph`` is the campaign's directed graph of declarations
    (`ess_graph.survey.follow.declaration_graph`), where whether each structure answered
    is known; ``campaign`` is the campaign's name, recorded in the metadata. Built by the
    caller (``ess-graph metrics --survey``), so this module never reads a workspace.
    """

    graph: nx.DiGraph
    campaign: str


#: Where ``reciprocity`` and ``declarations`` were computed from, as metadata.json says.
DECLARATION_SOURCES: dict[str, str] = {
    "network": "the network's links: a declared link gives its own direction, a confirmed "
    "link counts as declared by both sides (ess_graph.network.declaration_graph); whether "
    "a structure answered the survey is unknown",
    "survey": "the submitted answers of a survey campaign: A -> B when A named B "
    "(ess_graph.survey.follow.declaration_graph); whether each structure answered is known",
}


@dataclass
class Metrics:
    """The tables of one metrics run and their metadata."""

    tables: dict[str, pd.DataFrame]
    metadata: dict[str, Any] = field(default_factory=dict)


def network_summary(G: nx.Graph) -> dict[str, float]:
    """Whole-network figures of the cooperation graph.

    Returns a dict with ``structures``, ``ties``, ``density`` (2m / (n(n−1))),
    ``components`` (connected components, isolates included), ``isolates``,
    ``largest_component_share`` (structures in the largest component / n) and
    ``average_clustering`` (mean local clustering, structures of degree < 2 counting 0,
    as `networkx.average_clustering`; computed by igraph).

    >>> summary = network_summary(nx.Graph([(1, 2), (2, 3), (1, 3), (4, 5)]))
    >>> summary["components"], summary["largest_component_share"], summary["density"]
    (2, 0.6, 0.4)
    """
    arrays = _fast.graph_arrays(G, weight=None)
    n, m = arrays.n, arrays.m
    if n == 0:
        return {
            "structures": 0,
            "ties": 0,
            "density": float("nan"),
            "components": 0,
            "isolates": 0,
            "largest_component_share": float("nan"),
            "average_clustering": float("nan"),
        }
    n_comp, labels = csgraph.connected_components(arrays.adjacency(), directed=False)
    sizes = np.bincount(labels)
    clustering = arrays.igraph().transitivity_avglocal_undirected(mode="zero")
    return {
        "structures": n,
        "ties": m,
        "density": 2 * m / (n * (n - 1)) if n > 1 else float("nan"),
        "components": int(n_comp),
        "isolates": int((arrays.degree() == 0).sum()),
        "largest_component_share": float(sizes.max() / n),
        "average_clustering": float(clustering),
    }


def file_hashes(net: Network) -> dict[str, str]:
    """SHA-256 of each input file the network was read from (empty for generated data)."""
    out: dict[str, str] = {}
    seen: set[str] = set()
    source = Path(net.source) if net.source else None
    if source is not None and source.is_file():  # a workbook: its sheets are no files
        out[source.name] = hashlib.sha256(source.read_bytes()).hexdigest()
        seen.add(str(source))
    for table, where in sorted((net.meta.get("files") or {}).items()):
        path = Path(str(where))
        if not path.is_file() or str(path) in seen:
            continue
        seen.add(str(path))
        out[table if path.suffix.lower() == ".csv" else path.name] = hashlib.sha256(
            path.read_bytes()
        ).hexdigest()
    return out


def compute_metrics(
    net: Network,
    params: MetricsParameters | None = None,
    *,
    survey: SurveyDeclarations | None = None,
) -> Metrics:
    """Compute every table of the codebook for a network.

    Parameters
    ----------
    net : Network
        Clean tables, as from `ess_graph.io.read.read_network`.
    params : MetricsParameters, optional
        Seeds and options; defaults documented in docs/METRICS.md.
    survey : SurveyDeclarations, optional
        A survey campaign's declarations: ``reciprocity`` and ``declarations`` are then
        computed from them (always written, whether the network has declared links or
        not) instead of from the network's links. The other tables do not change.

    Returns
    -------
    Metrics
        ``tables`` holds, by name: ``structures`` (`STRUCTURE_COLUMNS`, one row per
        structure, isolates included, sorted by id), ``groups`` (E-I indices, by
        attribute then group), ``sector_mixing`` and ``sector_mixing_ratio`` (square,
        sectors sorted, as index), ``gaps`` (by scope, gap type, then the most telling sector pair first (`missing`), sectors, structure),
        ``opportunities`` (by ranking, probable first, then by rank: score, then
        source and target ids; `opportunity_tables`), ``timeline`` and
        ``pole_creation`` (`ess_graph.analysis.timeline`), ``poles``
        (governance, by pôle id) and ``network`` (one row, `NETWORK_COLUMNS`); when
        the network has declared links, also ``reciprocity`` (one row) and
        ``declarations`` (by structure id), from `ess_graph.network.declaration_graph`
        (`DECLARATION_TABLES`, whatever the rule ``ties``); with ``survey``, those two
        from the campaign's graph (one row per node of it: the invited structures and
        those named).
        ``metadata`` records the version, parameters, seeds, input hashes, betweenness
        method, ``declarations`` (``source``: "network", "survey" or None when the two
        tables are not written; ``campaign``; ``definition``, from
        `DECLARATION_SOURCES`), run time and the problems found while reading.

        Every table is the same, value for value and row for row, whatever the order of
        the rows of the input tables and of the two ends of a link, and whatever
        Python's hash seed: the graphs are built in a canonical order and every seeded
        step runs on it (`ess_graph.network`, `ess_graph.analysis._fast`).
    """
    p = params or MetricsParameters()
    check_ties(p.ties)
    started = time.perf_counter()
    timings: dict[str, float] = {}

    def timed(name: str, fn, *args, **kwargs):
        t0 = time.perf_counter()
        out = fn(*args, **kwargs)
        timings[name] = round(time.perf_counter() - t0, 4)
        return out

    counted = {"include_proposed": p.include_proposed, "ties": p.ties}
    G = timed("cooperation_graph", cooperation_graph, net, **counted)
    T = timed("typed_graph", typed_graph, net, **counted)

    centrality = timed(
        "centrality",
        brokerage.structure_centrality,
        G,
        exact_up_to=p.betweenness_exact_up_to,
        k=p.betweenness_k,
        seed=p.seed,
    )
    diversity = timed("diversity", mixing.structure_diversity, G)
    partition = timed("communities", communities.communities, G, seed=p.seed)
    summary_parts = timed(
        "partition_summary", communities.partition_summary, G, seed=p.seed, partition=partition
    )
    groups = timed("ei_indices", mixing.ei_indices, G, n_permutations=p.n_permutations, seed=p.seed)
    assort = timed("assortativity", mixing.assortativity, G)
    observed = timed("mixing", mixing.mixing_matrix, G, attribute="sector", value="observed")
    ratio = mixing.mixing_matrix(G, attribute="sector", value="ratio")
    gap_table = timed("gaps", gaps.gaps, G, lang=p.lang)
    sector_gaps = gaps.sector_pair_gaps(G, by="territory")
    opps = timed(
        "opportunities",
        opportunity_tables,
        G,
        T,
        ranking=p.opportunities_ranking,
        k=p.opportunities_k,
        territory_coords=opportunities.territory_coords(net),
        gap_pairs=sector_gaps,
        lang=p.lang,
    )
    poles = timed("governance", governance.pole_governance, G, T)
    years = timed("timeline", timeline.timeline, G)
    creation = timed("pole_creation", timeline.pole_creation_effects, G, seed=p.seed)

    nodes = pd.DataFrame(
        [
            (n, *(d.get(c, "") for c in ("name", "family", "sector", "territory", "pole")))
            for n, d in G.nodes(data=True)
        ],
        columns=["id", "name", "family", "sector", "territory", "pole"],
    )
    structures = (
        nodes.merge(centrality, on="id", how="left")
        .merge(diversity, on="id", how="left")
        .merge(partition, on="id", how="left")
    )
    # Rows by id: the graph is already built in that order, said here as the table's key.
    structures = (
        structures[list(STRUCTURE_COLUMNS)].sort_values("id", kind="stable").reset_index(drop=True)
    )

    summary = timed("network_summary", network_summary, G)
    assort_by = dict(zip(assort["attribute"], assort["assortativity"], strict=True))
    whole = groups[(groups["attribute"] == "sector") & (groups["group"] == "__all__")]
    parts = summary_parts.iloc[0]
    network_row = {
        **summary,
        "assortativity_sector": assort_by.get("sector", float("nan")),
        "assortativity_family": assort_by.get("family", float("nan")),
        "assortativity_territory": assort_by.get("territory", float("nan")),
        "ei_index_sector": float(whole["ei_index"].iloc[0]) if len(whole) else float("nan"),
        "modularity_poles": parts["modularity_poles"],
        "modularity_communities": parts["modularity_communities"],
        "nmi_poles_communities": parts["nmi_poles_communities"],
    }
    network = pd.DataFrame([network_row], columns=list(NETWORK_COLUMNS))

    tables = {
        "structures": structures,
        "groups": groups.reset_index(drop=True),
        "sector_mixing": observed,
        "sector_mixing_ratio": ratio,
        "gaps": gap_table,
        "opportunities": opps,
        "poles": poles,
        "timeline": years,
        "pole_creation": creation,
        "network": network,
    }
    source = None
    if survey is not None:
        D, source = survey.graph, "survey"
    elif net.has_status("declared"):
        D, source = timed("declaration_graph", declaration_graph, net), "network"
    if source is not None:
        tables["reciprocity"] = reciprocity.reciprocity_summary(D)
        tables["declarations"] = reciprocity.declarations_by_structure(D)
    metadata = {
        "ess_graph_version": __version__,
        "created": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "source": net.source,
        "is_demo": net.is_demo,
        "input_sha256": file_hashes(net),
        "content_hash": net.content_hash(),
        "parameters": {
            "seed": p.seed,
            "n_permutations": p.n_permutations,
            "betweenness_exact_up_to": p.betweenness_exact_up_to,
            "betweenness_k": p.betweenness_k,
            "opportunities_k": p.opportunities_k,
            "opportunities_ranking": p.opportunities_ranking,
            "include_proposed_links": p.include_proposed,
            "ties": p.ties,
            "ties_definition": {lg: ties_definition(p.ties, lg) for lg in ("fr", "en")},
            "lang": p.lang,
            "communities": {"method": "louvain (igraph multilevel)", "seed": p.seed},
            "ei_permutation_seed": p.seed,
            "pole_creation_placebo_seed": p.seed,
        },
        "declarations": {
            "source": source,
            "campaign": survey.campaign if survey is not None else None,
            "definition": DECLARATION_SOURCES.get(source or ""),
        },
        "betweenness": {
            "method": centrality.attrs.get("betweenness_method"),
            "k": centrality.attrs.get("betweenness_k"),
            "seed": centrality.attrs.get("betweenness_seed"),
        },
        "run_seconds": round(time.perf_counter() - started, 3),
        "step_seconds": timings,
        "platform": machine("networkx", "igraph", "scipy", "numpy", "pandas"),
        "problems": [pr.to_dict("en") for pr in net.problems],
    }
    return Metrics(tables=tables, metadata=metadata)


def _for_output(name: str, frame: pd.DataFrame) -> pd.DataFrame:
    """Square matrices keep their sector labels as a first column named ``sector``."""
    if name in ("sector_mixing", "sector_mixing_ratio"):
        out = frame.copy()
        out.index.name = "sector"
        return out.reset_index()
    return frame


def output_tables(metrics: Metrics) -> list[str]:
    """The names of the tables a run writes, in order: `TABLE_ORDER`, then those of
    `DECLARATION_TABLES` it has."""
    return [*TABLE_ORDER, *(n for n in DECLARATION_TABLES if n in metrics.tables)]


def write_metrics(
    metrics: Metrics, out: str | os.PathLike[str], *, format: Literal["csv", "xlsx"] = "csv"
) -> list[Path]:
    """Write the tables (CSV files in ``out``, or ``out/metrics.xlsx``) and metadata.json.

    The tables of `TABLE_ORDER`, then those of `DECLARATION_TABLES` that `metrics` holds.

    All files are replaced together or not at all; text that a spreadsheet would run as a
    formula is written inert, and control characters are replaced by U+FFFD (see
    `ess_graph.io.write`). ``metadata.json`` holds the metadata of `metrics` plus
    ``characters_replaced`` (`ess_graph.safe_text.Replacements.to_dict`: the replacement,
    how many characters in how many cells, the count per code point). Returns the paths
    written.
    """
    from ess_graph.io.write import AtomicBatch, frames_to_xlsx_bytes, write_frames_csv
    from ess_graph.safe_text import Replacements

    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    frames = output_frames(metrics)
    if format not in ("csv", "xlsx"):
        raise ValueError(f"unknown format {format!r}: expected 'csv' or 'xlsx'")
    meta_path = folder / "metadata.json"
    replaced = Replacements()
    # One batch: the tables and metadata.json replace the previous files together or not at
    # all, so a failed run never leaves new tables beside old metadata.
    with AtomicBatch() as batch:
        if format == "csv":
            written = write_frames_csv(frames, folder, batch=batch, replaced=replaced)
        else:
            written = [folder / "metrics.xlsx"]
            batch.write_bytes(written[0], frames_to_xlsx_bytes(frames, replaced=replaced))
        batch.write_text(meta_path, metadata_text(metrics, replaced))
    return [*written, meta_path]


def output_frames(metrics: Metrics) -> dict[str, pd.DataFrame]:
    """The tables a run writes (`output_tables`), as written (square matrices with their
    ``sector`` column)."""
    return {name: _for_output(name, metrics.tables[name]) for name in output_tables(metrics)}


def metadata_text(metrics: Metrics, replaced: Any) -> str:
    """metadata.json's text: the run's metadata plus ``characters_replaced`` (what writing
    the tables replaced, `replaced`: an `ess_graph.safe_text.Replacements`)."""
    from ess_graph.safe_text import json_text

    metadata = {**metrics.metadata, "characters_replaced": replaced.to_dict()}
    # json_text: a lone surrogate (a path, a problem's cell) is written as an escape.
    return json_text(metadata, indent=2, default=str) + "\n"


def metrics_download(metrics: Metrics, format: Literal["csv", "xlsx"]) -> bytes:
    """What `write_metrics` writes, as one file to download (the app's Exporter page).

    ``csv``: a zip of the CSV files and metadata.json, byte for byte what `write_metrics`
    writes in a folder. ``xlsx``: the workbook `write_metrics` writes, with one more sheet,
    ``metadata.json``, holding that file's text one line per row (joined by newlines, the
    lines are metadata.json exactly).
    """
    import io
    import zipfile

    from ess_graph.io.write import frames_to_csv_zip_bytes, frames_to_xlsx_bytes
    from ess_graph.safe_text import Replacements

    frames = output_frames(metrics)
    replaced = Replacements()
    if format == "csv":
        tables = frames_to_csv_zip_bytes(frames, replaced=replaced)
        buffer = io.BytesIO(tables)
        with zipfile.ZipFile(buffer, "a", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("metadata.json", metadata_text(metrics, replaced).encode("utf-8"))
        return buffer.getvalue()
    if format != "xlsx":
        raise ValueError(f"unknown format {format!r}: expected 'csv' or 'xlsx'")
    frames_to_xlsx_bytes(frames, replaced=replaced)  # what the CLI's workbook replaces
    lines = metadata_text(metrics, replaced).rstrip("\n").split("\n")
    return frames_to_xlsx_bytes(frames, text_sheets={"metadata.json": lines})


#: The graphs `graph_with_metrics` writes: ``cooperation`` (the structures and their ties,
#: the graph every metric is computed on) and ``typed`` (structures, pôles, partners,
#: territories and sectors, with every link). docs/METRICS.md lists their attributes.
EXPORT_GRAPHS: tuple[str, ...] = ("cooperation", "typed")


def graph_with_metrics(net: Network, metrics: Metrics, which: str = "cooperation") -> nx.Graph:
    """The graph `which` of `net`, with the structures' metrics (the ``structures`` table
    of `metrics`) as node attributes, ready for `ess_graph.io.graph_formats.write_graph`.

    Built under the rule of `metrics` (its ``include_proposed_links`` and ``ties``
    parameters), so the exported degrees are the metrics' own. The graph attribute
    ``ess_graph_graph`` says which graph it is.
    """
    from ess_graph.io.graph_formats import graph_for_export

    if which not in EXPORT_GRAPHS:
        raise ValueError(f"graph must be one of {EXPORT_GRAPHS}: {which!r}")
    params = metrics.metadata.get("parameters", {})
    rule = {
        "include_proposed": bool(params.get("include_proposed_links", False)),
        "ties": str(params.get("ties", "confirmed")),
    }
    graph = cooperation_graph(net, **rule) if which == "cooperation" else typed_graph(net, **rule)
    structures = metrics.tables["structures"]
    own = ("name", "family", "sector", "territory", "pole")
    H = graph_for_export(graph, structures[[c for c in structures.columns if c not in own]])
    H.graph["ess_graph_graph"] = which
    H.graph["ties"] = rule["ties"]
    H.graph["include_proposed_links"] = rule["include_proposed"]
    return H
