"""The observatory's table (`ess_graph.analysis.employment.ess_in_figures`) against plain
pandas group-bys of the demo's structures table, and a hand count."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from ess_graph.analysis.employment import COLUMNS, ess_in_figures
from ess_graph.io.read import read_network

DEMO = Path(__file__).resolve().parents[2] / "data" / "demo"


@pytest.mark.parametrize("by", ["sector", "family"])
@pytest.mark.parametrize("territory", [None, "brest", "auray"])
def test_against_pandas_group_by(by, territory):
    s = read_network(DEMO).structures
    table = ess_in_figures(s, by=by, territory=territory).set_index("group")
    assert list(table.reset_index().columns) == COLUMNS
    mine = s if territory is None else s[s["territory"] == territory]
    employees = pd.to_numeric(mine["employees"], errors="coerce")
    for group, part in mine.groupby(by):
        assert table.loc[group, "structures"] == len(part)
        assert table.loc[group, "employees"] == round(employees[part.index].sum())
    region = pd.to_numeric(s["employees"], errors="coerce").groupby(s[by]).sum()
    for group, n in region.items():
        assert table.loc[group, "region_employees"] == round(n)
    assert set(table.index) == set(s[by])  # every group of the region, even absent here
    if len(mine):
        assert table["structures_share"].sum() == pytest.approx(1)


def test_hand_count_with_unknown_employees():
    s = pd.DataFrame(
        {
            "sector": ["culture", "culture", "sante", "sante", "sante"],
            "family": ["association"] * 5,
            "territory": ["brest", "brest", "brest", "morlaix", "brest"],
            "employees": [2, None, 10, 40, 8],
        }
    )
    table = ess_in_figures(s, territory="brest").set_index("group")
    # Brest: culture 1 structure with 2 employees + 1 unknown; santé 2 with 18.
    assert table.loc["culture", ["structures", "employees", "employees_unknown"]].tolist() == [
        2,
        2,
        1,
    ]
    assert table.loc["sante", ["structures", "employees", "employees_unknown"]].tolist() == [
        2,
        18,
        0,
    ]
    assert table.loc["sante", "employees_share"] == pytest.approx(18 / 20)
    assert table.loc["sante", "region_employees_share"] == pytest.approx(58 / 60)
    assert list(table.index) == ["sante", "culture"]  # largest employment first
    with pytest.raises(ValueError):
        ess_in_figures(s, by="territory")
