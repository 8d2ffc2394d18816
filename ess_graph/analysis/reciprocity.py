"""How often does a structure that names a partner get named back?

In a partnership survey each structure names its partners: a declaration A → B. A tie
named by both sides is **reciprocated**; one named by one side only is **one-sided**, and
a one-sided tie means something different when the other side answered the survey (it
did not name A back) and when it did not answer (it could not). These tables count them,
for the whole network (`reciprocity_summary`) and per structure
(`declarations_by_structure`), from a directed graph of declarations
(`ess_graph.network.declaration_graph` builds one from a network's links; a survey builds
one from its answers and says who answered).

Two reciprocity rates are in use, and they differ:

- the **tie (dyad) rate** used here, reciprocated ties / declared ties, where a declared
  tie is an unordered pair with at least one declaration: the share of partnerships both
  sides confirm, which is what a coordinator asks: mutual dyads over mutual and
  asymmetric dyads, in the dyad census of Wasserman & Faust (1994, ch. 13);
- the **edge rate** of `networkx.overall_reciprocity`, declarations that are returned /
  declarations. A reciprocated tie holds two declarations and a one-sided tie one, so with
  ``M`` reciprocated and ``A`` one-sided ties the edge rate is ``2M / (2M + A)``, that is
  ``2r / (1 + r)`` for a tie rate ``r``: always at least the tie rate (0.5 becomes 0.67).
  It is given too (``edge_reciprocity``), for comparison with other studies.

References
----------
.. [1] S. Wasserman and K. Faust, *Social Network Analysis: Methods and Applications*,
   Cambridge University Press, 1994 (dyads: mutual, asymmetric, null).
.. [2] D. Garlaschelli and M. I. Loffredo, "Patterns of link reciprocity in directed
   networks", Physical Review Letters 93, 268701, 2004 (the edge rate, and why it depends
   on density).
"""

from __future__ import annotations

import math
from collections.abc import Hashable

import networkx as nx
import pandas as pd

SUMMARY_COLUMNS: tuple[str, ...] = (
    "structures",
    "answered",
    "declarations",
    "declared_ties",
    "reciprocated_ties",
    "one_sided_ties",
    "one_sided_other_answered",
    "one_sided_other_not_answered",
    "one_sided_other_unknown",
    "reciprocity_rate",
    "reciprocity_rate_both_answered",
    "edge_reciprocity",
)

STRUCTURE_COLUMNS: tuple[str, ...] = (
    "id",
    "name",
    "answered",
    "out_declarations",
    "in_declarations",
    "reciprocated",
    "one_sided_out",
    "one_sided_in",
)


def _answered(D: nx.DiGraph, node: Hashable) -> bool | None:
    value = D.nodes[node].get("answered")
    return None if value is None else bool(value)


def _check(D: nx.DiGraph) -> None:
    if not D.is_directed():
        raise ValueError("reciprocity needs a directed graph of declarations (nx.DiGraph)")


def reciprocity_summary(D: nx.DiGraph) -> pd.DataFrame:
    """Declarations, declared ties and how many of them are reciprocated, in one row.

    Parameters
    ----------
    D : networkx.DiGraph
        Declarations: an edge A → B means that A named B as a partner. Node attribute
        ``answered`` (bool, or None when unknown): whether the structure answered the
        survey. Self-loops are ignored.

    Returns
    -------
    pandas.DataFrame
        One row with columns
        ``structures`` (nodes), ``answered`` (nodes whose ``answered`` is True),
        ``declarations`` (edges A → B),
        ``declared_ties`` (unordered pairs with at least one declaration),
        ``reciprocated_ties`` (pairs declared both ways),
        ``one_sided_ties`` (pairs declared one way only), split by whether the side that
        was named and did not name back answered the survey:
        ``one_sided_other_answered`` (it answered: it did not name the declarer),
        ``one_sided_other_not_answered`` (it did not answer) and
        ``one_sided_other_unknown`` (``answered`` is None);
        ``reciprocity_rate`` = reciprocated_ties / declared_ties (the tie rate; NaN when
        there is no declared tie);
        ``reciprocity_rate_both_answered`` = reciprocated_ties / (reciprocated_ties +
        one_sided_other_answered): among the ties both sides could declare (NaN when
        that is 0, or when a one-sided tie's other side is unknown);
        ``edge_reciprocity`` = declarations returned / declarations, as
        `networkx.overall_reciprocity` (NaN without declarations).

    Examples
    --------
    A and B name each other, A names C, who did not answer: 2 ties, 1 reciprocated.

    >>> D = nx.DiGraph([("a", "b"), ("b", "a"), ("a", "c")])
    >>> nx.set_node_attributes(D, {"a": True, "b": True, "c": False}, "answered")
    >>> row = reciprocity_summary(D).iloc[0]
    >>> int(row.declared_ties), int(row.reciprocated_ties), float(row.reciprocity_rate)
    (2, 1, 0.5)
    >>> int(row.one_sided_other_not_answered), round(float(row.edge_reciprocity), 4)
    (1, 0.6667)
    """
    _check(D)
    declarations = 0
    returned = 0
    one_sided = {True: 0, False: 0, None: 0}
    for u, v in D.edges():
        if u == v:
            continue
        declarations += 1
        if D.has_edge(v, u):
            returned += 1
        else:
            one_sided[_answered(D, v)] += 1
    reciprocated = returned // 2  # a reciprocated tie holds two returned declarations
    ties = reciprocated + sum(one_sided.values())
    both = reciprocated + one_sided[True]
    row = {
        "structures": D.number_of_nodes(),
        "answered": sum(1 for n in D if _answered(D, n) is True),
        "declarations": declarations,
        "declared_ties": ties,
        "reciprocated_ties": reciprocated,
        "one_sided_ties": sum(one_sided.values()),
        "one_sided_other_answered": one_sided[True],
        "one_sided_other_not_answered": one_sided[False],
        "one_sided_other_unknown": one_sided[None],
        "reciprocity_rate": reciprocated / ties if ties else math.nan,
        "reciprocity_rate_both_answered": (
            reciprocated / both if both and not one_sided[None] else math.nan
        ),
        "edge_reciprocity": returned / declarations if declarations else math.nan,
    }
    return pd.DataFrame([row], columns=list(SUMMARY_COLUMNS))


def declarations_by_structure(D: nx.DiGraph) -> pd.DataFrame:
    """For each structure: how many partners it named, how many named it, how many both.

    Parameters
    ----------
    D : networkx.DiGraph
        Declarations, as for `reciprocity_summary`.

    Returns
    -------
    pandas.DataFrame
        One row per node, sorted by id (as text), with columns
        ``id``, ``name`` (node attribute, "" when absent), ``answered`` (True, False or
        None: unknown), ``out_declarations`` (partners it named), ``in_declarations``
        (structures that named it), ``reciprocated`` (partners named both ways),
        ``one_sided_out`` (it named them, they did not name it back: out − reciprocated)
        and ``one_sided_in`` (they named it, it did not name them: in − reciprocated).
        ``2 · reciprocated / (out + in)`` is `networkx.reciprocity` of the node.

    Examples
    --------
    >>> D = nx.DiGraph([("a", "b"), ("b", "a"), ("a", "c")])
    >>> declarations_by_structure(D)[["id", "out_declarations", "in_declarations",
    ...                              "reciprocated"]].values.tolist()
    [['a', 2, 1, 1], ['b', 1, 1, 1], ['c', 0, 1, 0]]
    """
    _check(D)
    rows = []
    for n in sorted(D, key=str):
        succ = {v for v in D.successors(n) if v != n}
        pred = {u for u in D.predecessors(n) if u != n}
        mutual = len(succ & pred)
        rows.append(
            {
                "id": n,
                "name": str(D.nodes[n].get("name", "") or ""),
                "answered": _answered(D, n),
                "out_declarations": len(succ),
                "in_declarations": len(pred),
                "reciprocated": mutual,
                "one_sided_out": len(succ) - mutual,
                "one_sided_in": len(pred) - mutual,
            }
        )
    frame = pd.DataFrame(rows, columns=list(STRUCTURE_COLUMNS))
    for c in STRUCTURE_COLUMNS[3:]:
        frame[c] = frame[c].astype("int64")
    frame["answered"] = frame["answered"].astype(object)
    return frame
