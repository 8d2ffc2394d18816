"""What changed between two versions of a network?

Compares an earlier network (a snapshot, last year's file) with a later one: the ties
gained and lost, the structures that joined or left, the structures whose pôle, territory
or sector changed, and those counts by pôle and by sector. Pure tables, no wording: the
territorial report (`ess_graph.report`) and the workspace history use them.

A tie is an unordered pair of structures joined by at least one confirmed link
(`ess_graph.network.ties_frame`); a structure is identified by its id. Links to pôles and
partners are not ties and are not compared.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ess_graph.network import Network, ties_frame

#: Structure attributes copied onto each end of a tie, and compared for moves.
ATTRIBUTES: tuple[str, ...] = ("name", "sector", "territory", "pole")

TIE_COLUMNS: tuple[str, ...] = (
    "u",
    "v",
    "u_name",
    "v_name",
    "u_sector",
    "v_sector",
    "u_territory",
    "v_territory",
    "u_pole",
    "v_pole",
    "kinds",
    "since",
)
STRUCTURE_COLUMNS: tuple[str, ...] = ("id", "name", "family", "sector", "territory", "pole")
MOVED_COLUMNS: tuple[str, ...] = (
    "id",
    "name",
    "old_sector",
    "new_sector",
    "old_territory",
    "new_territory",
    "old_pole",
    "new_pole",
)
COUNT_COLUMNS: tuple[str, ...] = ("ties_gained", "ties_lost", "joined", "left")
DETAIL_TABLES: tuple[str, ...] = (
    "ties_gained",
    "ties_lost",
    "structures_joined",
    "structures_left",
    "structures_moved",
)


def _tie_keys(ties: pd.DataFrame) -> pd.Series:
    # "\x1f" (unit separator) never occurs in an id read from a spreadsheet cell.
    return ties["u"].astype(str) + "\x1f" + ties["v"].astype(str)


def _with_ends(ties: pd.DataFrame, structures: pd.DataFrame) -> pd.DataFrame:
    attrs = structures.set_index("id")[list(ATTRIBUTES)]
    out = ties[["u", "v", "kinds", "since"]].reset_index(drop=True)
    for end in ("u", "v"):
        joined = attrs.reindex(out[end].to_numpy())
        for attr in ATTRIBUTES:
            out[f"{end}_{attr}"] = joined[attr].fillna("").astype(object).to_numpy()
    return out[list(TIE_COLUMNS)]


def _structure_rows(structures: pd.DataFrame, ids: pd.Index) -> pd.DataFrame:
    rows = structures[structures["id"].isin(ids)]
    return rows[list(STRUCTURE_COLUMNS)].sort_values("id", kind="stable").reset_index(drop=True)


def change_counts(diff: dict[str, pd.DataFrame], *, by: str = "pole") -> pd.DataFrame:
    """Ties gained and lost, structures joined and left, per pôle or per sector.

    Parameters
    ----------
    diff : dict of DataFrame
        The detail tables of `network_diff` (``ties_gained``, ``ties_lost``,
        ``structures_joined``, ``structures_left``), filtered or not.
    by : {"pole", "sector", "territory"}, default "pole"

    Returns
    -------
    DataFrame with columns ``by`` (the group: pôle, sector or territory id), then
    ``ties_gained``, ``ties_lost`` (ties with at least one end in the group, counted once
    even when both ends are in it), ``joined``, ``left`` (structures of the group);
    groups sorted, the empty group ("" : no pôle, no sector) left out, groups where
    nothing changed left out.
    """
    if by not in ("pole", "sector", "territory"):
        raise ValueError(f"by must be 'pole', 'sector' or 'territory', not {by!r}")
    counts: dict[str, dict[str, int]] = {}

    def bump(group: object, column: str, n: int = 1) -> None:
        if group is None or group == "" or group != group:
            return
        counts.setdefault(str(group), dict.fromkeys(COUNT_COLUMNS, 0))[column] += n

    for column in ("ties_gained", "ties_lost"):
        ties = diff[column]
        for a, b in zip(ties[f"u_{by}"], ties[f"v_{by}"], strict=True):
            bump(a, column)
            if b != a:
                bump(b, column)
    for column, table in (("joined", "structures_joined"), ("left", "structures_left")):
        for group, n in diff[table][by].value_counts().items():
            bump(group, column, int(n))
    frame = pd.DataFrame(
        [(g, *(c[k] for k in COUNT_COLUMNS)) for g, c in sorted(counts.items())],
        columns=[by, *COUNT_COLUMNS],
    )
    for column in COUNT_COLUMNS:
        frame[column] = frame[column].astype(np.int64)
    return frame


def network_diff(
    old: Network, new: Network, *, include_proposed: bool = False, ties: str = "confirmed"
) -> dict[str, pd.DataFrame]:
    """What changed from ``old`` to ``new``: ties, structures, and counts by pôle and sector.

    Parameters
    ----------
    old, new : Network
        The earlier and the later network (neither is modified).
    include_proposed : bool, default False
        Count links whose status is ``proposed`` as ties (as `ties_frame`).
    ties : {"confirmed", "union", "reciprocated"}, default "confirmed"
        Which ``declared`` links count as ties in both networks (`ties_frame`).

    Returns
    -------
    dict of DataFrame, with keys
        ``ties_gained``: ties of ``new`` that ``old`` did not have; ``ties_lost``: ties of
        ``old`` gone from ``new``. Columns ``u < v`` (structure ids), ``u_name``,
        ``v_name``, ``u_sector``, ``v_sector``, ``u_territory``, ``v_territory``,
        ``u_pole``, ``v_pole`` (from ``new`` for gained ties, from ``old`` for lost ones:
        what the structures were when the tie existed), ``kinds`` (link kinds joined by
        ``|``) and ``since`` (earliest year, NaN when unknown); sorted by ``u, v``;
        ``structures_joined`` (in ``new`` only) and ``structures_left`` (in ``old``
        only): columns ``id, name, family, sector, territory, pole``, sorted by id;
        ``structures_moved``: structures in both whose sector, territory or pôle changed,
        columns ``id, name`` (new name), ``old_sector, new_sector, old_territory,
        new_territory, old_pole, new_pole``;
        ``by_pole`` and ``by_sector``: `change_counts` of the tables above.

    Examples
    --------
    >>> import pandas as pd
    >>> from ess_graph.network import Network
    >>> def net(links):
    ...     s = pd.DataFrame({"id": ["a", "b", "c"], "name": ["A", "B", "C"],
    ...                       "family": "association", "sector": ["x", "x", "y"],
    ...                       "territory": "t", "pole": ["p", "", "p"]})
    ...     empty = pd.DataFrame({"id": [], "name": []})
    ...     ln = pd.DataFrame(links, columns=["source", "target"]).assign(
    ...         kind="cooperation", since=float("nan"), weight=1.0, status="confirmed")
    ...     return Network(s, empty, empty, ln, empty, empty)
    >>> d = network_diff(net([("a", "b")]), net([("a", "c")]))
    >>> d["ties_gained"][["u", "v"]].values.tolist(), d["ties_lost"][["u", "v"]].values.tolist()
    ([['a', 'c']], [['a', 'b']])
    >>> d["by_pole"].values.tolist()
    [['p', 1, 1, 0, 0]]
    """
    old_ties = ties_frame(old, include_proposed=include_proposed, ties=ties)
    new_ties = ties_frame(new, include_proposed=include_proposed, ties=ties)
    old_keys, new_keys = _tie_keys(old_ties), _tie_keys(new_ties)
    gained = new_ties[~new_keys.isin(set(old_keys))]
    lost = old_ties[~old_keys.isin(set(new_keys))]

    old_ids = pd.Index(old.structures["id"])
    new_ids = pd.Index(new.structures["id"])
    both = new_ids.intersection(old_ids)
    before = old.structures.set_index("id").reindex(both)
    after = new.structures.set_index("id").reindex(both)
    changed = np.zeros(len(both), dtype=bool)
    for attr in ("sector", "territory", "pole"):
        changed |= before[attr].fillna("").to_numpy() != after[attr].fillna("").to_numpy()
    moved_ids = both[changed]
    moved = pd.DataFrame(
        {
            "id": pd.Series(moved_ids, dtype=object),
            "name": after.loc[moved_ids, "name"].to_numpy(dtype=object),
            **{
                f"{when}_{attr}": frame.loc[moved_ids, attr].fillna("").to_numpy(dtype=object)
                for attr in ("sector", "territory", "pole")
                for when, frame in (("old", before), ("new", after))
            },
        },
        columns=list(MOVED_COLUMNS),
    )
    out = {
        "ties_gained": _with_ends(gained, new.structures),
        "ties_lost": _with_ends(lost, old.structures),
        "structures_joined": _structure_rows(new.structures, new_ids.difference(old_ids)),
        "structures_left": _structure_rows(old.structures, old_ids.difference(new_ids)),
        "structures_moved": moved.sort_values("id", kind="stable").reset_index(drop=True),
    }
    out["by_pole"] = change_counts(out, by="pole")
    out["by_sector"] = change_counts(out, by="sector")
    return out


def filter_diff(
    diff: dict[str, pd.DataFrame], *, territory: str | None = None, pole: str | None = None
) -> dict[str, pd.DataFrame]:
    """The part of a `network_diff` that concerns one territory or one pôle.

    A tie is kept when at least one of its ends is in the territory (or a member of the
    pôle); a structure that joined, left or moved when it is (or was) there. The counts
    ``by_pole`` and ``by_sector`` are recomputed on what is kept. With neither filter the
    diff is returned as is.
    """
    if territory is None and pole is None:
        return diff
    attr, value = ("territory", territory) if territory is not None else ("pole", pole)
    out: dict[str, pd.DataFrame] = {}
    for name in ("ties_gained", "ties_lost"):
        frame = diff[name]
        keep = (frame[f"u_{attr}"] == value) | (frame[f"v_{attr}"] == value)
        out[name] = frame[keep].reset_index(drop=True)
    for name in ("structures_joined", "structures_left"):
        frame = diff[name]
        out[name] = frame[frame[attr] == value].reset_index(drop=True)
    moved = diff["structures_moved"]
    keep = (moved[f"old_{attr}"] == value) | (moved[f"new_{attr}"] == value)
    out["structures_moved"] = moved[keep].reset_index(drop=True)
    out["by_pole"] = change_counts(out, by="pole")
    out["by_sector"] = change_counts(out, by="sector")
    return out
