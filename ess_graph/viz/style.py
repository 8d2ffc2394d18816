"""How should each structure look on the graph: which colour, which size, which tooltip?

Pure styling, no drawing: the functions here turn a graph (and optionally a table of
metrics) into a table of node styles that `ess_graph.viz.html.network_html` draws, and into
a legend the app shows next to the graph.

- `palette` gives deterministic, colour-blind-friendly colours (Okabe & Ito 2008 first,
  then Paul Tol's "muted" scheme, then evenly spaced hues when more than 16 values are
  needed; beyond 16 no palette stays fully distinct for every reader, so the legend and the
  tooltip always say the value too).
- `node_styles` maps an attribute (sector, family, territory, pôle, community) to colours
  and a measure (degree or any metric column) to sizes, square-root scaled so that the
  *area* of a dot grows with the measure.
- `legend` says what the colours and sizes mean, in the user's language, and what the
  dotted arrows of declared links are (`DECLARED_EDGE`, `declared_legend`).

Colours are chosen over the whole vocabulary known to the graph (``G.graph`` sector,
territory and pôle tables, the statutory families), not only over the values present, so a
filtered view keeps the colours of the full view.

Tooltips are plain text (one line per fact, joined with ``\\n``); the HTML builder hands
them to vis-network as text, never as markup.
"""

from __future__ import annotations

import colorsys
import math
from collections.abc import Iterable, Sequence
from typing import Any

import networkx as nx
import pandas as pd

from ess_graph.i18n import register, t
from ess_graph.schema import FAMILIES

#: Okabe & Ito (2008) without black, ordered so that the first colours differ most; then
#: Paul Tol's "muted" qualitative scheme (https://personal.sron.nl/~pault/).
BASE_COLOURS: tuple[str, ...] = (
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#56B4E9",  # sky blue
    "#D55E00",  # vermillion
    "#F0E442",  # yellow
    "#332288",  # indigo
    "#117733",  # green
    "#882255",  # wine
    "#44AA99",  # teal
    "#999933",  # olive
    "#AA4499",  # purple
    "#DDCC77",  # sand
    "#88CCEE",  # cyan
    "#CC6677",  # rose
)

#: Colour of a missing value ("" : no pôle, unknown sector...).
MISSING_COLOUR = "#BBBBBB"

#: Node sizes in vis-network pixels (radius of a dot).
SIZE_MIN, SIZE_MAX, SIZE_DEFAULT = 8.0, 40.0, 14.0

#: Attributes the nodes can be coloured by.
COLOR_ATTRIBUTES: tuple[str, ...] = ("sector", "family", "territory", "pole", "community")

#: Longest label drawn under a dot; the tooltip keeps the full name.
LABEL_MAX_CHARS = 48

#: How a link declared by one side only (status ``declared``) is drawn, counted as a tie
#: or not: dotted, dark, with an arrow from the structure that declared it to the partner
#: it named (both ways when each named the other). The pattern and the arrow, not the
#: colour, tell it apart (readable in black and white and by colour-blind readers).
DECLARED_COLOUR = "#4D4D4D"
DECLARED_EDGE: dict[str, Any] = {
    "dashes": [2, 6],
    "color": {"color": DECLARED_COLOUR, "opacity": 0.9},
    "width": 2.0,
}
#: Opacity of a declared link that the rule leaves out of the figures (drawn lighter).
DECLARED_UNCOUNTED_OPACITY = 0.55

register(
    {
        "viz.family.association": {"fr": "Association", "en": "Association"},
        "viz.family.cooperative": {"fr": "Coopérative", "en": "Cooperative"},
        "viz.family.mutuelle": {"fr": "Mutuelle", "en": "Mutual"},
        "viz.family.fondation": {"fr": "Fondation", "en": "Foundation"},
        "viz.family.societe_commerciale_ess": {
            "fr": "Société commerciale de l'ESS",
            "en": "ESS commercial company",
        },
        "viz.attr.sector": {"fr": "Secteur", "en": "Sector"},
        "viz.attr.family": {"fr": "Famille", "en": "Family"},
        "viz.attr.territory": {"fr": "Territoire", "en": "Territory"},
        "viz.attr.pole": {"fr": "Pôle", "en": "Pôle"},
        "viz.attr.community": {"fr": "Communauté", "en": "Community"},
        "viz.metric.degree": {
            "fr": "Degré (nombre de partenaires)",
            "en": "Degree (number of partners)",
        },
        "viz.metric.weighted_degree": {"fr": "Degré pondéré", "en": "Weighted degree"},
        "viz.metric.betweenness": {"fr": "Intermédiarité", "en": "Betweenness"},
        "viz.metric.closeness": {"fr": "Proximité", "en": "Closeness"},
        "viz.metric.eigenvector": {
            "fr": "Centralité de vecteur propre",
            "en": "Eigenvector centrality",
        },
        "viz.metric.pagerank": {"fr": "PageRank", "en": "PageRank"},
        "viz.metric.constraint": {"fr": "Contrainte (Burt)", "en": "Constraint (Burt)"},
        "viz.metric.effective_size": {
            "fr": "Taille effective (Burt)",
            "en": "Effective size (Burt)",
        },
        "viz.metric.cross_sector_ties": {
            "fr": "Liens avec d'autres secteurs",
            "en": "Ties to other sectors",
        },
        "viz.metric.cross_sector_share": {
            "fr": "Part des liens intersectoriels",
            "en": "Share of cross-sector ties",
        },
        "viz.metric.sector_diversity": {
            "fr": "Diversité sectorielle des partenaires (Blau)",
            "en": "Sector diversity of partners (Blau)",
        },
        "viz.metric.structures": {"fr": "Nombre de structures", "en": "Number of structures"},
        "viz.metric.members": {"fr": "Nombre de structures", "en": "Number of structures"},
        "viz.metric.internal_ties": {"fr": "Liens internes", "en": "Internal ties"},
        "viz.none": {"fr": "aucun", "en": "none"},
        "viz.missing": {"fr": "non renseigné", "en": "not given"},
        "viz.legend.color": {"fr": "Couleur : {attribute}", "en": "Colour: {attribute}"},
        "viz.legend.size": {
            "fr": "Taille : {measure} (surface proportionnelle ; de {low} à {high})",
            "en": "Size: {measure} (area proportional; from {low} to {high})",
        },
        "viz.legend.size_constant": {
            "fr": "Taille : identique pour toutes les structures",
            "en": "Size: the same for every structure",
        },
        "viz.legend.more": {"fr": "… et {count} autres", "en": "… and {count} more"},
        "viz.legend.declared.confirmed": {
            "fr": "lien déclaré par une seule structure (flèche vers le partenaire nommé), non compté : règle « confirmés seulement »",
            "en": "link declared by one structure only (arrow towards the partner it named), not counted: rule 'confirmed only'",
        },
        "viz.legend.declared.union": {
            "fr": "lien déclaré par une seule structure (flèche vers le partenaire nommé), compté : règle « union »",
            "en": "link declared by one structure only (arrow towards the partner it named), counted: rule 'union'",
        },
        "viz.legend.declared.reciprocated": {
            "fr": "lien déclaré (flèche vers le partenaire nommé), compté seulement quand les deux structures se sont déclarées (double flèche) : règle « réciproques »",
            "en": "declared link (arrow towards the partner named), counted only when the two structures named each other (double arrow): rule 'reciprocated'",
        },
    }
)


def declared_legend(ties: str, lang: str = "fr") -> str:
    """What a dotted arrow (a declared link) means under the rule `ties`.

    >>> declared_legend("union", "en")
    "link declared by one structure only (arrow towards the partner it named), counted: rule 'union'"
    """
    if ties not in ("confirmed", "union", "reciprocated"):
        raise ValueError(f"ties must be 'confirmed', 'union' or 'reciprocated', not {ties!r}")
    return t(f"viz.legend.declared.{ties}", lang)


def declared_in(G: nx.Graph) -> list[tuple[Any, Any]]:
    """The declared links of ``G.graph["declared_pairs"]`` whose two ends are nodes of
    `G` (a filtered view keeps its own), as (source, target)."""
    return [(u, v) for u, v in G.graph.get("declared_pairs", ()) or () if u in G and v in G]


def _extra_colour(i: int) -> str:
    """The i-th colour beyond the base palette: golden-angle hues, two lightness levels."""
    hue = (0.13 + i * 0.618033988749895) % 1.0
    lightness = 0.42 if i % 2 == 0 else 0.62
    r, g, b = colorsys.hls_to_rgb(hue, lightness, 0.65)
    return f"#{round(r * 255):02X}{round(g * 255):02X}{round(b * 255):02X}"


def palette(values: Sequence[str]) -> dict[str, str]:
    """Distinct colours for a set of values, the same every time for the same set.

    Values are de-duplicated and sorted (as strings) before colours are dealt out, so the
    order of `values` does not matter. The empty string (a missing value) is always grey.

    >>> palette(["culture", "sport", "culture"])
    {'culture': '#0072B2', 'sport': '#E69F00'}
    >>> palette(["b", "", "a"])[""]
    '#BBBBBB'
    """
    distinct = sorted({str(v) for v in values})
    out: dict[str, str] = {}
    i = 0
    for value in distinct:
        if value == "":
            out[value] = MISSING_COLOUR
            continue
        out[value] = (
            BASE_COLOURS[i] if i < len(BASE_COLOURS) else _extra_colour(i - len(BASE_COLOURS))
        )
        i += 1
    return out


# Values and labels -----------------------------------------------------------------------


def _metrics_frame(metrics: pd.DataFrame | None) -> pd.DataFrame | None:
    """Metrics indexed by node id (accepts an ``id`` column or an id index)."""
    if metrics is None:
        return None
    if "id" in metrics.columns:
        return metrics.set_index("id", drop=False)
    return metrics


def _node_values(G: nx.Graph, attribute: str, metrics: pd.DataFrame | None) -> dict[Any, str]:
    """Each node's value of a colour attribute, as a string ("" when missing)."""
    frame = _metrics_frame(metrics)
    if attribute == "community" and frame is not None and "community" in frame.columns:
        col = frame["community"]
        out = {}
        for n in G.nodes:
            v = col.get(n)
            out[n] = "" if v is None or (isinstance(v, float) and math.isnan(v)) else _fmt_key(v)
        return out
    return {n: _fmt_key(d.get(attribute, "")) for n, d in G.nodes(data=True)}


def _fmt_key(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, float):
        if math.isnan(v):
            return ""
        if v.is_integer():
            return str(int(v))
    return str(v)


def _vocabulary(G: nx.Graph, attribute: str) -> list[str]:
    """Every value of `attribute` the graph's metadata knows, present or not."""
    meta = G.graph
    if attribute == "sector":
        return list(meta.get("sector_names", {}) or {})
    if attribute == "territory":
        return list(meta.get("territory_names", {}) or {})
    if attribute == "pole":
        return list(meta.get("poles", {}) or {})
    if attribute == "family":
        return list(FAMILIES)
    return []


def value_label(G: nx.Graph, attribute: str, value: str, lang: str = "fr") -> str:
    """The display label of one value of an attribute (names from ``G.graph``)."""
    if value == "":
        return t("viz.none", lang) if attribute == "pole" else t("viz.missing", lang)
    meta = G.graph
    if attribute == "sector":
        return str((meta.get("sector_names") or {}).get(value, value))
    if attribute == "territory":
        return str((meta.get("territory_names") or {}).get(value, value))
    if attribute == "pole":
        pole = (meta.get("poles") or {}).get(value)
        return str(pole.get("name", value)) if isinstance(pole, dict) else value
    if attribute == "family":
        key = f"viz.family.{value}"
        text = t(key, lang)
        return value if text == key else text
    return value


def colour_map(
    G: nx.Graph, color_by: str, metrics: pd.DataFrame | None = None
) -> tuple[dict[Any, str], dict[str, str]]:
    """(node -> value, value -> colour) for `color_by`, colours over the whole vocabulary."""
    if color_by not in COLOR_ATTRIBUTES:
        raise ValueError(f"color_by must be one of {', '.join(COLOR_ATTRIBUTES)}, not {color_by!r}")
    values = _node_values(G, color_by, metrics)
    vocabulary = set(_vocabulary(G, color_by)) | set(values.values())
    if color_by == "community":
        # communities are numbers: sort them as numbers so 10 comes after 9
        ordered = sorted(vocabulary, key=lambda v: (v == "", _num_or_text(v)))
        colours = {}
        i = 0
        for v in ordered:
            if v == "":
                colours[v] = MISSING_COLOUR
            else:
                colours[v] = (
                    BASE_COLOURS[i]
                    if i < len(BASE_COLOURS)
                    else _extra_colour(i - len(BASE_COLOURS))
                )
                i += 1
        return values, colours
    return values, palette(sorted(vocabulary))


def _num_or_text(v: str) -> tuple[int, float, str]:
    try:
        return (0, float(v), "")
    except ValueError:
        return (1, 0.0, v)


def _size_measure(
    G: nx.Graph, size_by: str | None, metrics: pd.DataFrame | None
) -> dict[Any, float] | None:
    """Each node's value of the size measure, or None for a constant size."""
    if size_by in (None, "", "none", "constant"):
        return None
    # degrees are those of the drawn graph (a filtered view counts the ties it shows),
    # even when the metrics table has a degree column computed on the whole network
    if size_by == "degree":
        return {n: float(d) for n, d in G.degree()}
    if size_by == "weighted_degree":
        return {n: float(d) for n, d in G.degree(weight="weight")}
    frame = _metrics_frame(metrics)
    if frame is not None and size_by in frame.columns:
        col = pd.to_numeric(frame[size_by], errors="coerce")
        return {n: float(col.get(n, math.nan)) for n in G.nodes}
    out = {}
    for n, d in G.nodes(data=True):
        try:
            out[n] = float(d.get(size_by, math.nan))
        except (TypeError, ValueError):
            out[n] = math.nan
    return out


def scale_sizes(
    values: Iterable[float], low: float = SIZE_MIN, high: float = SIZE_MAX
) -> list[float]:
    """Square-root scale values into [low, high] so that dot areas follow the values.

    The smallest value gets `low`, the largest `high`; NaN gets `low`; when every value
    is the same, every dot gets the default size.

    >>> scale_sizes([0, 1, 4])
    [8.0, 24.0, 40.0]
    >>> scale_sizes([3, 3])
    [14.0, 14.0]
    """
    vals = [float(v) for v in values]
    finite = [v for v in vals if not math.isnan(v)]
    if not finite:
        return [SIZE_DEFAULT] * len(vals)
    vmin, vmax = min(finite), max(finite)
    if vmax == vmin:
        return [SIZE_DEFAULT] * len(vals)
    span = math.sqrt(vmax - vmin)
    return [
        low if math.isnan(v) else round(low + (high - low) * math.sqrt(v - vmin) / span, 2)
        for v in vals
    ]


def measure_label(measure: str, lang: str = "fr") -> str:
    """Display name of a size measure (degree, betweenness, ... or the raw column name)."""
    key = f"viz.metric.{measure}"
    text = t(key, lang)
    return measure if text == key else text


def _fmt_number(v: float) -> str:
    if math.isnan(v):
        return "–"
    if float(v).is_integer():
        return str(int(v))
    if abs(v) >= 100:
        return f"{v:.0f}"
    return f"{v:.3g}"


def _label(text: str) -> str:
    text = " ".join(text.split())
    if len(text) > LABEL_MAX_CHARS:
        return text[: LABEL_MAX_CHARS - 1].rstrip() + "…"
    return text


def node_styles(
    G: nx.Graph,
    *,
    color_by: str = "sector",
    size_by: str | None = "degree",
    metrics: pd.DataFrame | None = None,
    lang: str = "fr",
) -> pd.DataFrame:
    """The look of every node: label, colour, size and a plain-text tooltip.

    Parameters
    ----------
    G : networkx.Graph
        A cooperation graph (structures with ``name, family, sector, territory, pole``) or
        an aggregated graph from `ess_graph.viz.scales` (pôles, sectors, territories).
    color_by : {"sector", "family", "territory", "pole", "community"}
        Node attribute mapped to colours; ``community`` is read from ``metrics`` when it
        has that column, else from a node attribute.
    size_by : str or None
        ``"degree"``, ``"weighted_degree"`` (both counted on `G`, the drawn graph, even
        when `metrics` has such a column), any numeric column of ``metrics`` (e.g.
        ``"betweenness"``) or numeric node attribute (e.g. ``"structures"`` on an
        aggregated graph); None for one size for all.
    metrics : DataFrame, optional
        One row per node, indexed by node id or with an ``id`` column.
    lang : {"fr", "en"}

    Returns
    -------
    DataFrame with one row per node, in the order of ``G.nodes``, and columns
        ``id`` (node id), ``label`` (name, shortened to `LABEL_MAX_CHARS` characters), ``color`` (hex),
        ``size`` (dot radius in pixels, 8 to 40, square-root scaled), ``title`` (tooltip:
        plain text lines — name, family, sector, territory, pôle, degree and the size
        measure — joined with ``\\n``; never HTML).

    Examples
    --------
    >>> G = nx.Graph(sector_names={"cult": "Culture"})
    >>> G.add_node("a", name="Ti Ar Vro", family="association", sector="cult",
    ...            territory="", pole="")
    >>> node_styles(G).loc[0, "title"].splitlines()[:3]
    ['Ti Ar Vro', 'Famille : Association', 'Secteur : Culture']
    """
    nodes = list(G.nodes)
    values, colours = colour_map(G, color_by, metrics)
    measure = _size_measure(G, size_by, metrics)
    sizes = (
        scale_sizes([measure[n] for n in nodes])
        if measure is not None
        else [SIZE_DEFAULT] * len(nodes)
    )
    degree = dict(G.degree())
    sep = " : " if lang == "fr" else ": "
    community = _node_values(G, "community", metrics) if color_by == "community" else None
    labels, titles = [], []
    for n in nodes:
        d = G.nodes[n]
        name = str(d.get("name") or n)
        labels.append(_label(name))
        lines = [name]
        for attr in ("family", "sector", "territory", "pole"):
            if attr in d:
                value = _fmt_key(d.get(attr, ""))
                if attr == G.graph.get("scale"):
                    continue  # an aggregated node: its name already says it
                lines.append(t(f"viz.attr.{attr}", lang) + sep + value_label(G, attr, value, lang))
        if community is not None:
            lines.append(t("viz.attr.community", lang) + sep + (community[n] or "–"))
        for attr in ("structures", "internal_ties"):
            if attr in d:
                lines.append(measure_label(attr, lang) + sep + _fmt_number(float(d[attr])))
        lines.append(measure_label("degree", lang) + sep + str(degree[n]))
        if measure is not None and size_by not in ("degree", "structures", "internal_ties"):
            # the measure that sizes the dot, e.g. betweenness
            lines.append(measure_label(str(size_by), lang) + sep + _fmt_number(measure[n]))
        titles.append("\n".join(lines))
    return pd.DataFrame(
        {
            "id": nodes,
            "label": labels,
            "color": [colours[values[n]] for n in nodes],
            "size": [float(s) for s in sizes],
            "title": titles,
        },
        columns=["id", "label", "color", "size", "title"],
    )


def legend(
    G: nx.Graph,
    *,
    color_by: str = "sector",
    size_by: str | None = "degree",
    lang: str = "fr",
    metrics: pd.DataFrame | None = None,
    max_entries: int = 30,
) -> dict[str, Any]:
    """What the colours and sizes of `node_styles` mean, for the app to draw.

    Only values present in `G` are listed (sorted by label), with the same colours as
    `node_styles`.

    Returns
    -------
    dict with keys
        ``color_title`` (str, e.g. "Couleur : Secteur"), ``colors`` (dict label -> hex
        colour, in display order, at most `max_entries`), ``more`` (str, "" or "… et N
        autres" when entries were left out), ``size`` (str: what the size shows and its
        range), ``declared`` (str: what the dotted arrows mean under the rule
        ``G.graph["ties"]`` when `G` holds declared links between its nodes, else "").

    >>> G = nx.Graph()
    >>> G.add_node("a", family="mutuelle")
    >>> legend(G, color_by="family", size_by=None)["colors"]
    {'Mutuelle': '#CC79A7'}
    """
    values, colours = colour_map(G, color_by, metrics)
    present = sorted(set(values.values()))
    entries = []
    for v in present:
        label = value_label(G, color_by, v, lang)
        entries.append((v == "", label.casefold(), label, colours[v]))
    entries.sort()
    colors: dict[str, str] = {}
    for _, _, label, colour in entries[:max_entries]:
        key = label
        k = 2
        while key in colors:  # two values with the same display name
            key = f"{label} ({k})"
            k += 1
        colors[key] = colour
    more = (
        t("viz.legend.more", lang, count=len(entries) - max_entries)
        if len(entries) > max_entries
        else ""
    )
    measure = _size_measure(G, size_by, metrics)
    finite = [v for v in (measure or {}).values() if not math.isnan(v)]
    if measure is None or not finite or min(finite) == max(finite):
        size_text = t("viz.legend.size_constant", lang)
    else:
        size_text = t(
            "viz.legend.size",
            lang,
            measure=measure_label(str(size_by), lang).lower()
            if lang == "fr"
            else measure_label(str(size_by), lang),
            low=_fmt_number(min(finite)),
            high=_fmt_number(max(finite)),
        )
    return {
        "color_title": t("viz.legend.color", lang, attribute=t(f"viz.attr.{color_by}", lang)),
        "colors": colors,
        "more": more,
        "size": size_text,
        "declared": (
            declared_legend(G.graph.get("ties", "confirmed"), lang) if declared_in(G) else ""
        ),
    }
