"""network_diff / filter_diff / change_counts on a hand-made pair of networks.

Old network (ids, sector, territory, pôle)::

    a  culture  T1  P       ties: a-b (cooperation), b-c (pooling), c-d (cooperation)
    b  culture  T1  P
    c  sport    T1  ""
    d  sport    T2  Q

New network: d has left, e (insertion, T2, Q) has joined, c has moved to pôle P; ties
a-b (kept), a-c (new), c-e (new); b-c is gone (its only link removed), c-d is gone (d
left). A proposed link b-e exists in the new network and is not a tie by default.

By hand:
    gained: a-c, c-e            lost: b-c, c-d
    joined: e                   left: d               moved: c ("" -> P)
    by pôle (ends read in the new network for gained ties, the old one for lost ties):
      P: gained a-c (a in P, c in P now) + c-e (c in P) = 2; lost b-c (b in P) = 1;
      Q: gained c-e (e in Q) = 1; lost c-d (d in Q) = 1; joined 1 (e); left 1 (d).
    by sector: culture: gained a-c = 1, lost b-c = 1; sport: gained a-c, c-e = 2,
      lost b-c, c-d = 2 (c-d counted once), left 1; insertion: gained c-e = 1, joined 1.
"""

from __future__ import annotations

import pandas as pd
import pytest

from ess_graph.analysis.changes import change_counts, filter_diff, network_diff
from ess_graph.network import Network


def _net(structures, links):
    s = pd.DataFrame(structures, columns=["id", "sector", "territory", "pole"])
    s.insert(1, "name", s["id"].str.upper())
    s.insert(2, "family", "association")
    empty = pd.DataFrame({"id": pd.Series(dtype=object), "name": pd.Series(dtype=object)})
    ln = pd.DataFrame(links, columns=["source", "target", "kind", "status"])
    ln["since"] = float("nan")
    ln["weight"] = 1.0
    return Network(s, empty, empty, ln, empty, empty)


@pytest.fixture()
def pair():
    old = _net(
        [
            ("a", "culture", "T1", "P"),
            ("b", "culture", "T1", "P"),
            ("c", "sport", "T1", ""),
            ("d", "sport", "T2", "Q"),
        ],
        [
            ("a", "b", "cooperation", "confirmed"),
            ("c", "b", "pooling", "confirmed"),
            ("c", "d", "cooperation", "confirmed"),
        ],
    )
    new = _net(
        [
            ("a", "culture", "T1", "P"),
            ("b", "culture", "T1", "P"),
            ("c", "sport", "T1", "P"),
            ("e", "insertion", "T2", "Q"),
        ],
        [
            ("a", "b", "cooperation", "confirmed"),
            ("a", "c", "cooperation", "confirmed"),
            ("e", "c", "pooling", "confirmed"),
            ("b", "e", "cooperation", "proposed"),
        ],
    )
    return old, new


def _pairs(frame):
    return sorted(zip(frame["u"], frame["v"], strict=True))


def test_ties_and_structures(pair):
    old, new = pair
    d = network_diff(old, new)
    assert _pairs(d["ties_gained"]) == [("a", "c"), ("c", "e")]
    assert _pairs(d["ties_lost"]) == [("b", "c"), ("c", "d")]
    assert d["structures_joined"]["id"].tolist() == ["e"]
    assert d["structures_left"]["id"].tolist() == ["d"]
    moved = d["structures_moved"]
    assert moved[["id", "old_pole", "new_pole"]].values.tolist() == [["c", "", "P"]]
    # Lost ties keep the structures as they were: c had no pôle, d was in Q.
    lost = d["ties_lost"].set_index(["u", "v"])
    assert lost.loc[("c", "d"), ["u_pole", "v_pole"]].tolist() == ["", "Q"]
    assert lost.loc[("b", "c"), "kinds"] == "pooling"


def test_counts_by_pole_and_sector(pair):
    d = network_diff(*pair)
    by_pole = d["by_pole"].set_index("pole")
    assert by_pole.loc["P"].tolist() == [2, 1, 0, 0]
    assert by_pole.loc["Q"].tolist() == [1, 1, 1, 1]
    by_sector = d["by_sector"].set_index("sector")
    assert by_sector.loc["culture"].tolist() == [1, 1, 0, 0]
    assert by_sector.loc["sport"].tolist() == [2, 2, 0, 1]
    assert by_sector.loc["insertion"].tolist() == [1, 0, 1, 0]


def test_proposed_links_count_only_when_asked(pair):
    d = network_diff(*pair, include_proposed=True)
    assert ("b", "e") in _pairs(d["ties_gained"])


def test_same_network_has_no_change(pair):
    _, new = pair
    d = network_diff(new, new)
    assert all(d[name].empty for name in d)


def test_filter_by_territory_and_pole(pair):
    d = network_diff(*pair)
    t2 = filter_diff(d, territory="T2")
    # T2 holds d (old) and e (new): ties touching them are c-d (lost) and c-e (gained).
    assert _pairs(t2["ties_gained"]) == [("c", "e")]
    assert _pairs(t2["ties_lost"]) == [("c", "d")]
    assert t2["structures_moved"].empty  # c moved, but in T1
    p = filter_diff(d, pole="P")
    assert p["structures_moved"]["id"].tolist() == ["c"]
    assert _pairs(p["ties_lost"]) == [("b", "c")]
    assert filter_diff(d) is d


def test_change_counts_rejects_unknown_grouping(pair):
    with pytest.raises(ValueError):
        change_counts(network_diff(*pair), by="family")


def test_inputs_not_modified(pair):
    old, new = pair
    before = (old.links.copy(), new.structures.copy())
    network_diff(old, new)
    pd.testing.assert_frame_equal(old.links, before[0])
    pd.testing.assert_frame_equal(new.structures, before[1])
