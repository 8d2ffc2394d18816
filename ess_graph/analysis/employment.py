"""How many ESS structures and employees in a territory, by sector or family?

The regional observatories' first table: per sector (or family), the structures and their
employees in a territory beside the region's. It counts the roster, not the ties, so it
takes the structures table (`Network.structures`) rather than a graph. ``employees`` is
as the data give it: a count typed by the pôle, or the middle of INSEE's size bracket for
a structure imported from SIRENE (docs/OPEN_DATA.md); a structure without a figure counts
in ``structures`` and in ``employees_unknown``, not in ``employees``.
"""

from __future__ import annotations

import pandas as pd

#: Columns of `ess_in_figures`.
COLUMNS = [
    "group",
    "structures",
    "employees",
    "employees_unknown",
    "structures_share",
    "employees_share",
    "region_structures",
    "region_employees",
    "region_structures_share",
    "region_employees_share",
]


def ess_in_figures(
    structures: pd.DataFrame, *, by: str = "sector", territory: str | None = None
) -> pd.DataFrame:
    """Structures and employees per ``by`` (``"sector"`` or ``"family"``), in
    ``territory`` (a territory id; None: the whole network) and in the whole network.

    Returns one row per group present in the network, largest employment of the
    territory first (then by id), with `COLUMNS`: counts in the territory, their shares
    of the territory's total, and the same for the region (the whole network). Shares
    are NaN when the total is 0.

    >>> s = pd.DataFrame({"sector": ["a", "a", "b", "b"], "territory": ["t", "u", "t", "t"],
    ...                   "employees": [10, 5, None, 3]})
    >>> ess_in_figures(s, territory="t")[["group", "structures", "employees",
    ...     "employees_unknown", "employees_share", "region_employees"]].values.tolist()
    [['a', 1, 10, 0, 0.7692307692307693, 15], ['b', 2, 3, 1, 0.23076923076923078, 3]]
    """
    if by not in ("sector", "family"):
        raise ValueError(f"by must be 'sector' or 'family', not {by!r}")
    employees = pd.to_numeric(structures.get("employees"), errors="coerce")
    frame = pd.DataFrame(
        {
            "group": structures[by].astype(str).to_numpy(),
            "employees": employees.to_numpy(dtype=float) if employees is not None else float("nan"),
            "inside": (
                (structures["territory"] == territory).to_numpy() if territory is not None else True
            ),
        }
    )

    def totals(part: pd.DataFrame) -> pd.DataFrame:
        grouped = part.groupby("group", sort=True)
        return pd.DataFrame(
            {
                "structures": grouped.size(),
                "employees": grouped["employees"].sum(min_count=0),
                "employees_unknown": grouped["employees"].apply(lambda x: int(x.isna().sum())),
            }
        )

    region = totals(frame)
    local = totals(frame[frame["inside"]]).reindex(region.index, fill_value=0)
    out = pd.DataFrame(
        {
            "group": region.index,
            "structures": local["structures"].astype(int).to_numpy(),
            "employees": local["employees"].round().astype(int).to_numpy(),
            "employees_unknown": local["employees_unknown"].astype(int).to_numpy(),
            "region_structures": region["structures"].astype(int).to_numpy(),
            "region_employees": region["employees"].round().astype(int).to_numpy(),
        }
    )
    for col, total_col in (
        ("structures_share", "structures"),
        ("employees_share", "employees"),
        ("region_structures_share", "region_structures"),
        ("region_employees_share", "region_employees"),
    ):
        total = out[total_col].sum()
        out[col] = out[total_col] / total if total else float("nan")
    out = out.sort_values(["employees", "structures", "group"], ascending=[False, False, True])
    return out[COLUMNS].reset_index(drop=True)
