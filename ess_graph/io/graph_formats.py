"""Graph files for Gephi and other tools: GEXF, GraphML and JSON (node-link), both ways.

Writing takes the typed graph (``ess_graph.network.typed_graph``) and, optionally, a table
of per-structure metrics that become node attributes. Reading gives back the same graph:
ids stay text (``001`` is not 1), accents survive, and so do the characters XML 1.0
cannot hold (`ess_graph.safe_text.XML_FORBIDDEN`): in GEXF and GraphML, node ids,
attribute names and text values escape a backslash as ``\\\\``, a control character
other than tab and newline as ``\\xNN``, and U+FFFE, U+FFFF or a lone surrogate as
``\\uNNNN``; ``read_graph`` undoes it. JSON holds every string, a lone surrogate as a
``\\uNNNN`` escape (`ess_graph.safe_text.json_text`).

XML input is parsed with defusedxml first (no DTD, no entity expansion) and refused above
`MAX_GRAPH_BYTES`, so a hostile file cannot exhaust the machine.
"""

from __future__ import annotations

import io
import json
import math
import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

import networkx as nx
import numpy as np
import pandas as pd

from ess_graph.safe_text import json_text

GraphFormat = Literal["gexf", "graphml", "json"]
GRAPH_FORMATS: tuple[str, ...] = ("gexf", "graphml", "json")
MAX_GRAPH_BYTES = 512 * 1024 * 1024

# A backslash (the escape character), the C0 controls XML forbids, and CR, which XML
# parsers read as a line feed; then U+FFFE, U+FFFF and surrogates, also forbidden.
_XML_UNSAFE = re.compile("[\\\\\x00-\x08\x0b-\x1f\ud800-\udfff\ufffe\uffff]")
_XML_ESCAPE = re.compile(r"\\(\\|x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4})")


class GraphFileError(ValueError):
    """A graph file that cannot be read safely (bad format, DTD or entities, too large)."""


def _escape_char(m: re.Match[str]) -> str:
    char = m.group()
    if char == "\\":
        return "\\\\"
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _escape_xml_text(text: str) -> str:
    """`text` as written in GEXF or GraphML.

    >>> _escape_xml_text("a\\\\b\\x1b\\ufffe")
    'a\\\\\\\\b\\\\x1b\\\\ufffe'
    """
    return _XML_UNSAFE.sub(_escape_char, text)


def _unescape_xml_text(text: str) -> str:
    def repl(m: re.Match[str]) -> str:
        code = m.group(1)
        return "\\" if code == "\\" else chr(int(code[1:], 16))

    return _XML_ESCAPE.sub(repl, text)


def _plain(value: Any) -> Any:
    """A value a graph writer can hold, or None when it should be left out (NaN, None)."""
    if value is None:
        return None
    if isinstance(value, (tuple, list, set, frozenset)):
        return "|".join(str(v) for v in value)
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        return None if math.isnan(value) else float(value)
    if value is pd.NA or value is pd.NaT:
        return None
    return str(value)


def graph_for_export(T: nx.Graph, metrics: pd.DataFrame | None = None) -> nx.Graph:
    """A copy of `T` whose attributes every format can hold, with metrics on the nodes.

    Parameters
    ----------
    T : networkx.Graph
        Usually the typed graph. Not modified.
    metrics : DataFrame, optional
        One row per node with an ``id`` column; every other column becomes a node
        attribute (a value left undefined, NaN, is left out rather than written as "nan").

    Returns
    -------
    networkx.Graph
        Tuples are joined with ``|``; numpy scalars become Python values; NaN and None
        attributes are dropped. ``label`` is set to the node's name for Gephi.
    """
    H = nx.Graph()
    H.graph.update(
        {
            k: v
            for k, v in ((k, _plain(v)) for k, v in T.graph.items())
            if isinstance(v, (str, int, float, bool))
        }
    )
    extra: dict[str, dict[str, Any]] = {}
    if metrics is not None and len(metrics):
        cols = [c for c in metrics.columns if c != "id"]
        for row in zip(metrics["id"].tolist(), *(metrics[c].tolist() for c in cols), strict=True):
            extra[str(row[0])] = dict(zip(cols, row[1:], strict=True))
    for node, data in T.nodes(data=True):
        attrs = {k: _plain(v) for k, v in data.items()}
        attrs.update({k: _plain(v) for k, v in extra.get(node, {}).items()})
        attrs = {k: v for k, v in attrs.items() if v is not None}
        attrs.setdefault("label", attrs.get("name", str(node)))
        H.add_node(str(node), **attrs)
    for u, v, data in T.edges(data=True):
        attrs = {k: _plain(val) for k, val in data.items()}
        H.add_edge(str(u), str(v), **{k: val for k, val in attrs.items() if val is not None})
    return H


def _map_strings(G: nx.Graph, fn) -> nx.Graph:
    """A copy of G with `fn` applied to node ids, attribute names and string values."""

    def attrs(d: Mapping[str, Any]) -> dict[str, Any]:
        return {fn(str(k)): fn(v) if isinstance(v, str) else v for k, v in d.items()}

    H = nx.Graph()
    H.graph.update(attrs(G.graph))
    for n, d in G.nodes(data=True):
        H.add_node(fn(n), **attrs(d))
    for u, v, d in G.edges(data=True):
        H.add_edge(fn(u), fn(v), **attrs(d))
    return H


def graph_to_bytes(G: nx.Graph, format: GraphFormat) -> bytes:
    """Serialise a graph prepared by `graph_for_export` to GEXF, GraphML or JSON bytes."""
    if format == "json":
        data = nx.node_link_data(G, edges="edges")
        return json_text(data, indent=1).encode("utf-8")
    safe = _map_strings(G, _escape_xml_text)
    buf = io.BytesIO()
    if format == "gexf":
        for u, v in safe.edges():
            safe.edges[u, v].pop("id", None)
        nx.write_gexf(safe, buf, encoding="utf-8", prettyprint=True)
    elif format == "graphml":
        nx.write_graphml(safe, buf, encoding="utf-8", prettyprint=True)
    else:
        raise ValueError(f"unknown graph format: {format!r} (expected one of {GRAPH_FORMATS})")
    return buf.getvalue()


def write_graph(
    G: nx.Graph, path: str | os.PathLike[str], format: GraphFormat | None = None
) -> None:
    """Write a graph file atomically (a failed write leaves any previous file intact)."""
    from ess_graph.io.write import atomic_write_bytes

    fmt = format or guess_format(path)
    atomic_write_bytes(Path(path), graph_to_bytes(G, fmt))


def guess_format(path: str | os.PathLike[str]) -> GraphFormat:
    suffix = Path(path).suffix.lower().lstrip(".")
    if suffix in GRAPH_FORMATS:
        return suffix  # type: ignore[return-value]
    raise GraphFileError(f"cannot tell the graph format from the file name: {path}")


def _check_xml(data: bytes) -> None:
    import defusedxml.ElementTree as DET
    from defusedxml import DefusedXmlException

    try:
        DET.fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise GraphFileError(
            f"refused: the XML declares a DTD or entities ({exc.__class__.__name__})"
        ) from exc
    except Exception as exc:  # ParseError and friends
        raise GraphFileError(f"not well-formed XML: {exc}") from exc


def read_graph(
    source: str | os.PathLike[str] | bytes,
    format: GraphFormat | None = None,
    *,
    max_bytes: int = MAX_GRAPH_BYTES,
) -> nx.Graph:
    """Read a graph written by `write_graph` (or by Gephi, yEd...) back into networkx.

    Parameters
    ----------
    source : path or bytes
    format : "gexf", "graphml" or "json"; guessed from the file name when omitted.
    max_bytes : refuse larger inputs (default 512 MiB).

    Raises
    ------
    GraphFileError
        Too large, not well-formed, or an XML file with a DTD or entities.
    """
    if isinstance(source, bytes):
        if format is None:
            raise GraphFileError("the format must be given when reading bytes")
        data = source
    else:
        fmt_path = Path(source)
        format = format or guess_format(fmt_path)
        if fmt_path.stat().st_size > max_bytes:
            raise GraphFileError(f"file larger than {max_bytes} bytes: {fmt_path}")
        data = fmt_path.read_bytes()
    if len(data) > max_bytes:
        raise GraphFileError(f"graph larger than {max_bytes} bytes")
    if format == "json":
        try:
            G = nx.node_link_graph(json.loads(data.decode("utf-8")), edges="edges")
        except (ValueError, KeyError, TypeError) as exc:
            raise GraphFileError(f"not a node-link JSON graph: {exc}") from exc
        return nx.Graph(G)
    _check_xml(data)
    if format == "gexf":
        G = nx.read_gexf(io.BytesIO(data), node_type=str)
        for u, v in G.edges():
            G.edges[u, v].pop("id", None)
    elif format == "graphml":
        G = nx.read_graphml(io.BytesIO(data), node_type=str)
    else:
        raise GraphFileError(f"unknown graph format: {format!r}")
    return _map_strings(nx.Graph(G), _unescape_xml_text)


def graph_attributes_equal(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    """Attribute dicts equal, floats compared exactly but NaN equal to NaN."""
    if a.keys() != b.keys():
        return False
    for k in a:
        x, y = a[k], b[k]
        if isinstance(x, float) and isinstance(y, float) and math.isnan(x) and math.isnan(y):
            continue
        if x != y:
            return False
    return True
