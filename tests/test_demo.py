"""The demo network: real where the 2009 leaflet is real, fictional and said so, with the
structural properties of the real network, deterministic, scalable, and data/demo in sync.

Expected real values are transcribed from /work/shared/DOMAIN.md (table "The 21 pays
(2009) and the 2009 state of the pôles") and from the CRES Bretagne leaflet (2009).
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner

from ess_graph.cli import main
from ess_graph.demo import generate_network, write_demo
from ess_graph.io.read import read_network
from ess_graph.network import ties_frame
from ess_graph.schema import FAMILIES, LINK_KINDS

ROOT = Path(__file__).resolve().parents[1]
DEMO_DIR = ROOT / "data" / "demo"

# DOMAIN.md: pays, département, approximate lat/lon of the main town.
PAYS_2009 = {
    "Brest": ("29", 48.390, -4.486),
    "Morlaix": ("29", 48.578, -3.828),
    "Cornouaille": ("29", 47.996, -4.102),
    "Centre-Ouest Bretagne": ("29/22/56", 48.276, -3.574),
    "Trégor-Goëlo": ("22", 48.733, -3.457),
    "Guingamp": ("22", 48.563, -3.150),
    "Saint-Brieuc": ("22", 48.514, -2.765),
    "Centre-Bretagne": ("22", 48.178, -2.754),
    "Dinan": ("22", 48.455, -2.050),
    "Saint-Malo": ("35", 48.649, -2.026),
    "Fougères": ("35", 48.352, -1.199),
    "Rennes": ("35", 48.117, -1.678),
    "Vitré Porte de Bretagne": ("35", 48.124, -1.209),
    "Brocéliande": ("35", 48.138, -1.954),
    "Vallons de Vilaine": ("35", 47.967, -1.795),
    "Redon et Vilaine": ("35/56/44", 47.652, -2.084),
    "Ploërmel Cœur de Bretagne": ("56", 47.932, -2.398),
    "Pontivy": ("56", 48.069, -2.963),
    "Lorient": ("56", 47.748, -3.370),
    "Auray": ("56", 47.668, -2.982),
    "Vannes": ("56", 47.658, -2.761),
}
# The leaflet: pôle name (as DOMAIN.md spells it) -> (pays, 2009 status).
NAMED_POLES = {
    "ADESS pays de Brest": ("Brest", "created"),
    "ADESS pays de Morlaix": ("Morlaix", "created"),
    "BRAS (Brocéliande Richesses Associatives)": ("Brocéliande", "created"),
    "CADES": ("Redon et Vilaine", "created"),
    "Horizon Solidaire": ("Saint-Malo", "created"),
    "Réso solidaire": ("Rennes", "created"),
    "C2SOL": ("Lorient", "prefiguration"),
    "E2S pays de Vannes": ("Vannes", "prefiguration"),
}
# The leaflet's other initiatives: pays -> status.
OTHER_INITIATIVES = {
    "Dinan": "prefiguration",
    "Vallons de Vilaine": "prefiguration",
    "Cornouaille": "launching",
    "Fougères": "launching",
    "Saint-Brieuc": "launching",
    "Trégor-Goëlo": "launching",
}
LEAFLET_SECTORS = {
    "developpement_durable",
    "education_populaire",
    "culture",
    "sanitaire_social",
    "emploi_insertion",
    "banque_cooperative",
    "mutuelle_assurance",
    "sport",
}


@pytest.fixture(scope="module")
def demo():
    return generate_network(250, seed=2009)


# Real where the leaflet is real -----------------------------------------------------


def test_all_21_pays_with_department_and_coordinates(demo):
    terr = demo.territories.set_index("name")
    assert len(terr) == 21
    assert set(terr.index) == set(PAYS_2009)
    assert terr.reset_index()["id"].is_unique
    for name, (dept, lat, lon) in PAYS_2009.items():
        assert terr.loc[name, "department"] == dept
        assert terr.loc[name, "lat"] == pytest.approx(lat, abs=1e-9)
        assert terr.loc[name, "lon"] == pytest.approx(lon, abs=1e-9)


def test_poles_of_the_14_leaflet_territories_with_their_2009_status(demo):
    names = demo.territory_names()
    poles = demo.poles.assign(pays=demo.poles["territory"].map(names)).set_index("name")
    assert len(poles) == 14
    assert poles["pays"].is_unique  # one pôle per pays
    for pole, (pays, status) in NAMED_POLES.items():
        assert poles.loc[pole, "pays"] == pays
        assert poles.loc[pole, "status"] == status
    by_pays = poles.reset_index().set_index("pays")
    for pays, status in OTHER_INITIATIVES.items():
        assert by_pays.loc[pays, "status"] == status
        assert names[by_pays.loc[pays, "territory"]] == pays
    # The leaflet: 6 pôles created, 4 in préfiguration, 4 launching.
    assert poles["status"].value_counts().to_dict() == {
        "created": 6,
        "prefiguration": 4,
        "launching": 4,
    }


def test_public_partners_named_by_the_leaflet(demo):
    partners = demo.partners.set_index("id")
    names = set(partners["name"])
    assert "Conseil régional de Bretagne" in names
    for dept in ("CG29", "CG22", "CG35", "CG56"):
        assert any(dept in n for n in names)
    kinds = partners["kind"].value_counts()
    assert kinds["departement"] == 4 and kinds["region"] == 1 and kinds["etat"] == 1
    assert kinds["intercommunalite"] >= 1 and kinds["maison_emploi"] >= 1
    cres = partners[partners["name"].str.contains("CRES Bretagne")]
    assert cres["kind"].tolist() == ["reseau_ess"]
    bank = partners[partners["kind"] == "banque"]
    assert len(bank) == 1 and "fictive" in bank["name"].iloc[0]


def test_sectors_include_the_leaflets(demo):
    assert set(demo.sectors["id"]) >= LEAFLET_SECTORS
    assert 10 <= len(demo.sectors) <= 12
    assert set(demo.structures["sector"]) <= set(demo.sectors["id"])


# Fictional, and said so -----------------------------------------------------------------


def test_structures_are_marked_fictional(demo):
    s = demo.structures
    assert s["name"].str.endswith("(fictive)").all()
    assert (s["fictional"] == "yes").all()
    assert demo.is_demo
    notice = demo.meta["fictional_text"]
    assert "fictif" in notice and "fictional" in notice
    assert "seed=2009" in notice


def test_structures_spread_over_the_14_leaflet_territories(demo):
    s = demo.structures
    assert len(s) == 250 and s["id"].is_unique
    assert set(s["territory"]) == set(demo.poles["territory"])
    counts = s["territory"].value_counts()
    assert counts.min() >= 8  # none left almost empty


def test_families_are_realistic_and_coherent_with_sectors(demo):
    s = demo.structures
    share = s["family"].value_counts(normalize=True)
    assert set(share.index) == set(FAMILIES)  # all five families present
    assert share["association"] > 0.6  # mostly associations (the leaflet, observatories)
    assert share["cooperative"] > share["fondation"]
    assert share["cooperative"] > share["societe_commerciale_ess"]
    assert (s.loc[s["sector"] == "banque_cooperative", "family"] == "cooperative").all()
    assert (s.loc[s["sector"] == "mutuelle_assurance", "family"] == "mutuelle").all()


def test_attributes_are_plausible(demo):
    s = demo.structures
    terr = demo.territories.set_index("id")
    # Within about 0.5° of the pays' main town (a pays is some 50 km across).
    assert (abs(s["lat"].to_numpy() - terr.loc[s["territory"], "lat"].to_numpy()) < 0.5).all()
    assert (abs(s["lon"].to_numpy() - terr.loc[s["territory"], "lon"].to_numpy()) < 0.7).all()
    assert s["commune"].ne("").all()
    assert s["founded"].between(1800, 2009).all()
    employees = s["employees"].astype(float)
    assert (employees >= 0).all()
    assert employees.max() >= 5 * max(employees.median(), 1)  # heavy-tailed sizes
    assert (employees == 0).any()  # volunteer-only associations


def test_links_are_valid_and_coherent(demo):
    links = demo.links
    structures = set(demo.structures["id"])
    poles = set(demo.poles["id"])
    partners = set(demo.partners["id"])
    nodes = structures | poles | partners
    assert links["source"].isin(nodes).all() and links["target"].isin(nodes).all()
    assert (links["source"] != links["target"]).all()
    assert set(links["kind"]) <= set(LINK_KINDS)
    for kind in ("cooperation", "pooling", "subcontracting", "sponsorship", "membership"):
        assert (links["kind"] == kind).any(), kind
    for kind in ("funding", "representation", "governance"):
        assert (links["kind"] == kind).any(), kind
    assert (links["status"] == "confirmed").all()
    assert set(links["source_of_information"]) == {"survey", "convention", "declared"}
    assert links["since"].between(1995, 2009).all()
    assert (links["weight"] > 0).all()
    # Membership: structure -> pôle of its own territory, and the `pole` column agrees.
    member = links[links["kind"] == "membership"]
    assert member["source"].isin(structures).all() and member["target"].isin(poles).all()
    s = demo.structures.set_index("id")
    pole_terr = demo.poles.set_index("id")["territory"]
    assert (
        s.loc[member["source"], "territory"].to_numpy() == pole_terr[member["target"]].to_numpy()
    ).all()
    with_pole = s[s["pole"] != ""]
    assert dict(zip(member["source"], member["target"], strict=True)) == with_pole["pole"].to_dict()
    funding = links[links["kind"] == "funding"]
    assert funding["source"].isin(partners).all()
    assert funding["target"].isin(structures | poles).all()
    # No link is a copy of another (same pair, same kind).
    key = links.apply(lambda r: (min(r.source, r.target), max(r.source, r.target), r.kind), axis=1)
    assert key.is_unique


def test_about_four_links_per_structure(demo):
    assert 3.5 <= len(demo.links) / len(demo.structures) <= 4.5


# Properties of the real network ------------------------------------------------------


def _measures(net) -> dict:
    """The properties, computed with pandas from the ties (the cooperation graph's edges).

    - within_territory: share of ties whose two structures share a territory;
    - same_sector / expected_same_sector: share of ties inside a sector, and that share
      under random mixing with the same degrees (configuration model: sum over sectors of
      (D_s / 2m)^2, D_s the sum of degrees in sector s, m the number of ties);
    - degree, cross (cross-sector ties per structure), isolates;
    - gap_territories: territories with a sector pair, both sectors having >= 2
      structures there, joined by no tie inside the territory.
    """
    s = net.structures.set_index("id")
    ties = ties_frame(net)
    m = len(ties)
    tu, tv = s.loc[ties["u"], "territory"].to_numpy(), s.loc[ties["v"], "territory"].to_numpy()
    su, sv = s.loc[ties["u"], "sector"].to_numpy(), s.loc[ties["v"], "sector"].to_numpy()
    ends = pd.concat([ties["u"], ties["v"]])
    degree = ends.value_counts().reindex(s.index, fill_value=0)
    sector_degree = degree.groupby(s["sector"]).sum()
    cross_ends = pd.concat([ties["u"][su != sv], ties["v"][su != sv]])
    cross = cross_ends.value_counts().reindex(s.index, fill_value=0)
    gap_territories = 0
    for territory, group in s.groupby("territory"):
        counts = group["sector"].value_counts()
        present = sorted(counts[counts >= 2].index)
        inside = (tu == territory) & (tv == territory)
        tied = {frozenset(p) for p in zip(su[inside], sv[inside], strict=True)}
        pairs = [(a, b) for i, a in enumerate(present) for b in present[i + 1 :]]
        if any(frozenset(p) not in tied for p in pairs):
            gap_territories += 1
    return {
        "within_territory": float(np.mean(tu == tv)),
        "same_sector": float(np.mean(su == sv)),
        "expected_same_sector": float(((sector_degree / (2 * m)) ** 2).sum()),
        "degree": degree,
        "cross": cross,
        "gap_territories": gap_territories,
    }


@pytest.mark.parametrize(("n", "seed"), [(250, 2009), (250, 1), (250, 7), (2500, 2009)])
def test_structural_properties(n, seed):
    net = generate_network(n, seed=seed)
    m = _measures(net)
    # Most ties inside a territory.
    assert m["within_territory"] > 0.5
    # Sector homophily: same-sector ties at least 3x the random-mixing expectation.
    assert m["same_sector"] >= 3 * m["expected_same_sector"]
    degree, cross = m["degree"], m["cross"]
    # Heavy-tailed number of partners: the maximum is several times the median.
    assert degree.max() >= 4 * degree.median()
    # Isolates: about 3-8 %.
    assert 0.03 <= (degree == 0).mean() <= 0.08
    # A handful of brokers: structures with at least 3x the 90th percentile of
    # cross-sector ties (and at least 5): 3 or more, but no more than 3 % of structures.
    threshold = max(3 * np.quantile(cross, 0.9), 5)
    brokers = int((cross >= threshold).sum())
    assert 3 <= brokers <= max(8, 0.03 * n)
    # Some structures with ties but no cross-sector tie (at least 10 % of them).
    assert (cross[degree > 0] == 0).mean() >= 0.10
    # Gaps in several territories.
    assert m["gap_territories"] >= 3


def test_the_properties_can_fail():
    # The measures are not built to pass: a network whose ties all cross territories and
    # sectors fails the homophily checks (hand-made: 4 structures, 2 ties).
    net = generate_network(250, seed=2009)
    s = pd.DataFrame(
        {
            "id": ["a", "b", "c", "d"],
            "territory": ["t1", "t2", "t1", "t2"],
            "sector": ["x", "y", "y", "x"],
        }
    )
    net.structures = s.reindex(columns=net.structures.columns, fill_value="").astype(
        {"id": str, "territory": str, "sector": str}
    )
    net.links = net.links.iloc[:2].assign(source=["a", "c"], target=["b", "d"])
    m = _measures(net)
    assert m["within_territory"] == 0.0 and m["same_sector"] == 0.0


# Determinism and scale ----------------------------------------------------------------


def test_same_seed_same_tables_other_seed_other_tables():
    a, b = generate_network(300, seed=11), generate_network(300, seed=11)
    for name in a.tables():
        pd.testing.assert_frame_equal(a.tables()[name], b.tables()[name], obj=name)
    c = generate_network(300, seed=12)
    assert not a.links.equals(c.links)
    assert not a.structures.equals(c.structures)


@pytest.mark.parametrize("n", [1, 5, 14, 40])
def test_tiny_networks_are_generated(n):
    net = generate_network(n, seed=3)
    assert len(net.structures) == n
    assert (
        net.links["source"]
        .isin(set(net.structures["id"]) | set(net.poles["id"]) | set(net.partners["id"]))
        .all()
    )


def test_zero_structures_is_refused():
    with pytest.raises(ValueError):
        generate_network(0)


@pytest.mark.slow
def test_25000_structures_in_seconds():
    start = time.perf_counter()
    net = generate_network(25_000, seed=2009)
    elapsed = time.perf_counter() - start
    assert len(net.structures) == 25_000
    assert 3.8 <= len(net.links) / 25_000 <= 4.2  # the issue: 25,000 with 100,000 links
    assert elapsed < 20  # about 1 s on the 2-core CI machine; generous for shared cores


def test_round_trip_through_files_is_exact(tmp_path, demo):
    for path, fmt in ((tmp_path / "csv", "csv"), (tmp_path / "demo.xlsx", "xlsx")):
        write_demo(path, 250, 2009, format=fmt)
        back = read_network(path)
        assert back.problems == []
        assert back.is_demo
        for name, frame in demo.tables().items():
            pd.testing.assert_frame_equal(back.tables()[name], frame, obj=name)


# data/demo -------------------------------------------------------------------------------


def _recorded_generator() -> tuple[int, int]:
    text = (DEMO_DIR / "FICTIONAL.md").read_text(encoding="utf-8")
    found = re.search(r"generate_network\(n_structures=(\d+), seed=(\d+)\)", text)
    assert found, "FICTIONAL.md must record the generator call"
    return int(found.group(1)), int(found.group(2))


def test_committed_demo_equals_the_generator(tmp_path):
    n, seed = _recorded_generator()
    assert (n, seed) == (250, 2009)
    write_demo(tmp_path, n, seed)
    committed = sorted(p.name for p in DEMO_DIR.iterdir())
    fresh = sorted(p.name for p in tmp_path.iterdir())
    assert committed == fresh
    for name in fresh:
        assert (DEMO_DIR / name).read_bytes() == (tmp_path / name).read_bytes(), (
            f"data/demo/{name} differs from the generator: run "
            f"`ess-graph demo --structures {n} --seed {seed} --out data/demo`"
        )


def test_committed_demo_loads_with_all_pays_and_named_poles():
    net = read_network(DEMO_DIR)
    assert net.problems == []
    assert net.is_demo
    assert set(net.territories["name"]) == set(PAYS_2009)
    assert set(NAMED_POLES) <= set(net.poles["name"])
    assert len(net.structures) == 250


# CLI -------------------------------------------------------------------------------------


def test_cli_demo_writes_csv_and_xlsx(tmp_path):
    runner = CliRunner()
    result = runner.invoke(
        main, ["demo", "--structures", "60", "--seed", "5", "--out", str(tmp_path / "d")]
    )
    assert result.exit_code == 0, result.output
    assert "60 structures" in result.output
    assert (tmp_path / "d" / "FICTIONAL.md").exists()
    assert read_network(tmp_path / "d").structures.shape[0] == 60
    result = runner.invoke(
        main, ["demo", "--out", str(tmp_path / "x"), "--format", "xlsx", "--lang", "en"]
    )
    assert result.exit_code == 0, result.output
    assert "fictional network written" in result.output
    assert read_network(tmp_path / "x" / "demo.xlsx").is_demo


def test_cli_demo_same_seed_same_files(tmp_path):
    runner = CliRunner()
    for out in ("a", "b"):
        result = runner.invoke(
            main, ["demo", "--structures", "80", "--seed", "4", "--out", str(tmp_path / out)]
        )
        assert result.exit_code == 0
    for f in (tmp_path / "a").iterdir():
        assert f.read_bytes() == (tmp_path / "b" / f.name).read_bytes()


def test_cli_demo_usage_errors(tmp_path):
    runner = CliRunner()
    assert runner.invoke(main, ["demo", "--structures", "0", "--out", str(tmp_path)]).exit_code == 2
    assert runner.invoke(main, ["demo"]).exit_code == 2  # --out is required
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    result = runner.invoke(main, ["demo", "--out", str(blocker / "sub")])
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_cli_demo_help_has_an_example():
    result = CliRunner().invoke(main, ["demo", "--help"])
    assert result.exit_code == 0
    assert "Example" in result.output and "ess-graph demo --out data/demo" in result.output


@pytest.mark.benchmark
def test_bench_generate_smoke(tmp_path):
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "bench_generate", ROOT / "bench" / "bench_generate.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    out = tmp_path / "generate.md"
    assert module.main(["--sizes", "30", "--xlsx-max", "30", "--out", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert "| 30 |" in text and "machine:" in text and "date:" in text
