"""How fast are a partnership survey's figures, answers and apply, and does a whole
campaign give the figures it should?

Two experiments on real workspace files (docs/SURVEY.md, docs/PERFORMANCE.md):

- **scale** (`scale_campaign`): a synthetic workspace of ``--structures`` structures
  (900 by default: `ess_graph.demo.generate_network`, seed 2009, imported) and a campaign
  over all of them whose submitted answers declare ``--ties`` distinct ties (4,000),
  35 % of those between two respondents reciprocated, 15 % of the structures not
  answering. Measured:

  1. **the Enquête page's figures, server-side**: one call each of `campaign_data`,
     `summary`, `response_rates`, `tie_table`, `non_respondents`, `outside_roster`,
     `needs_and_offers` and `function_ratings` (`ess_graph.survey.follow`), as the page
     makes them, from reading the workspace to the last table; median and slowest of
     ``--repeat`` runs (goal: under 1 s);
  2. **save_answer**, p50 and p95 over every submission (token check, roster read,
     `check_answer` with the one validator, the write transaction with its journal entry
     and COMMIT with ``synchronous=FULL``), and the part spent in `check_answer`;
  3. **apply_campaign** (the first apply; the second, which changes nothing) and
     `undo_last` of the first.

- **simulation** (`simulate_campaign`): a whole campaign on the demo workspace (250
  structures, all invited), end to end: open, issue links, answer (a seeded share of
  non-respondents, some with a draft only; every respondent omits some of its true ties,
  which makes one-sided ties; partners named outside the roster; needs, offers and
  ratings), follow-up figures, apply, apply again, undo. Every figure is checked against
  the simulation's own ground truth (what it decided each structure answers), the
  reciprocity rate against networkx's `overall_reciprocity` (2R / (2R + S)), and the
  network after the undo against the network before.

Usage::

    .venv/bin/python bench/bench_survey.py                    # 900 structures, 4,000 ties
    .venv/bin/python bench/bench_survey.py --structures 300 --ties 1200 --repeat 3 \\
        --out bench/results/survey.md

`simulate_campaign` is imported by tests/survey/test_simulation.py.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import tempfile
import time
from collections import Counter, defaultdict
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "data" / "demo"
DEFAULT_OUT = Path(__file__).resolve().parent / "results" / "survey.md"
TARGET_FIGURES_S = 1.0

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

#: Partners typed outside the roster, and how respondents type them.
OUTSIDE = [
    ("Ti Récup", "Morlaix"),
    ("L'Atelier Vélo", "Brest"),
    ("Épicerie solidaire du Port", "Lorient"),
    ("Les Jardins de Cocagne", "Rennes"),
    ("Radio Kreiz Breizh", "Carhaix-Plouguer"),
    ("Recyclerie de l'Odet", "Quimper"),
]


def _typed(rng: random.Random, text: str) -> str:
    """`text` as one of several people would type it."""
    return rng.choice([text, text.upper(), text.lower(), f" {text} "])


# Answers --------------------------------------------------------------------------------


def _extras(rng: random.Random, answer: dict) -> None:
    """Needs, offers and ratings of the pôle's functions, drawn at random."""
    from ess_graph.survey.model import FUNCTIONS, RESOURCES

    answer["needs"] = rng.sample(RESOURCES, rng.randint(0, 2))
    answer["offers"] = rng.sample(RESOURCES, rng.randint(0, 2))
    answer["functions"] = {f: rng.randint(1, 4) for f in FUNCTIONS if rng.random() < 0.8}


def _partner(rng: random.Random, structure: str, kind: str) -> dict:
    entry = {"structure": structure, "kinds": [kind]}
    if rng.random() < 0.7:
        entry["since"] = str(rng.randint(1995, 2026))
    if rng.random() < 0.6:
        entry["frequency"] = rng.choice(["weekly", "monthly", "few_times_a_year"])
    if rng.random() < 0.5:
        entry["value"] = rng.randint(1, 4)
    return entry


def _save_all(ws, tokens, answers, drafts, rng):
    """Save the drafts, then submit the answers, in a random order; the save times and
    the time spent in check_answer during the submissions."""
    from ess_graph.survey import campaigns as sc

    for sid, answer in drafts.items():
        sc.save_answer(ws, tokens[sid], answer, submit=False)
    real = sc.check_answer
    spent: list[float] = []

    def timed(*args, **kwargs):
        t0 = time.perf_counter()
        try:
            return real(*args, **kwargs)
        finally:
            spent.append(time.perf_counter() - t0)

    order = sorted(answers)
    rng.shuffle(order)
    times = []
    sc.check_answer = timed  # save_answer calls it through the module
    try:
        for sid in order:
            t0 = time.perf_counter()
            sc.save_answer(ws, tokens[sid], answers[sid], submit=True)
            times.append(time.perf_counter() - t0)
    finally:
        sc.check_answer = real
    return times, spent


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _figures(ws, name: str) -> dict:
    """The Enquête page's figures, one call each; their results and times."""
    from ess_graph.survey import follow as sf

    times = {}
    t0 = time.perf_counter()
    data = sf.campaign_data(ws, name)
    times["campaign_data"] = time.perf_counter() - t0
    out = {}
    for fn in (
        sf.summary,
        sf.response_rates,
        sf.tie_table,
        sf.non_respondents,
        sf.outside_roster,
        sf.needs_and_offers,
        sf.function_ratings,
    ):
        t1 = time.perf_counter()
        out[fn.__name__] = fn(data)
        times[fn.__name__] = time.perf_counter() - t1
    times["total"] = time.perf_counter() - t0
    return {"data": data, "results": out, "times": times}


def _rows(ws, table: str) -> list:
    return sorted((r.key, r.values) for r in ws.rows(table))


# Scale ----------------------------------------------------------------------------------


def scale_campaign(
    path: Path, n_structures: int = 900, n_ties: int = 4000, *, seed: int = 2009, repeat: int = 5
) -> dict:
    """The scale experiment (module docstring) on a new workspace at `path`."""
    from ess_graph.demo import generate_network
    from ess_graph.survey import campaigns as sc
    from ess_graph.survey.apply import apply_campaign
    from ess_graph.survey.model import SURVEY_LINK_KINDS
    from ess_graph.workspace.edits import undo_last
    from ess_graph.workspace.merge import commit_import, plan_network
    from ess_graph.workspace.store import Workspace

    rng = random.Random(seed)
    ws = Workspace.create(path)
    t0 = time.perf_counter()
    net = generate_network(n_structures, seed=seed)
    commit_import(ws, plan_network(ws, net, source="bench"), who="setup")
    setup_s = time.perf_counter() - t0
    ids = sorted(net.structures["id"])
    answering = {s for s in ids if rng.random() >= 0.15}
    declared: dict[str, list[dict]] = defaultdict(list)
    seen: set[frozenset] = set()
    reciprocated = 0
    while len(seen) < n_ties:
        u, v = rng.sample(ids, 2)
        pair = frozenset((u, v))
        sides = [s for s in (u, v) if s in answering]
        if pair in seen or not sides:
            continue
        seen.add(pair)
        kind = rng.choice(SURVEY_LINK_KINDS)
        if len(sides) == 2 and rng.random() < 0.35:
            reciprocated += 1
        else:
            sides = [rng.choice(sides)]
        for s in sides:
            other = v if s == u else u
            declared[s].append(_partner(rng, other, kind))
    answers = {}
    for sid in sorted(answering):
        answer = {"partners": declared.get(sid, [])[:300]}
        if rng.random() < 0.1:
            name, commune = rng.choice(OUTSIDE)
            answer["partners"].append(
                {"name": _typed(rng, name), "commune": commune, "kinds": ["pooling"]}
            )
        _extras(rng, answer)
        answers[sid] = answer
    name = "Enquête de charge"
    sc.open_campaign(ws, name, who="coord", everyone=True)
    links = sc.issue_links(ws, name, who="coord")
    tokens = dict(zip(links["structure"], links["url"].str.split("=").str[-1], strict=True))
    save_times, check_times = _save_all(ws, tokens, answers, {}, rng)
    runs = [_figures(ws, name) for _ in range(repeat)]
    summary = runs[-1]["results"]["summary"]
    t0 = time.perf_counter()
    applied = apply_campaign(ws, name, who="coord")
    apply_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    again = apply_campaign(ws, name, who="coord")
    again_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    undone = undo_last(ws, who="coord")
    undo_s = time.perf_counter() - t0
    ws.close()
    totals = [r["times"]["total"] for r in runs]
    per_call = {k: statistics.median(r["times"][k] for r in runs) for k in runs[0]["times"]}
    return {
        "structures": n_structures,
        "links_before": len(net.links),
        "respondents": len(answers),
        "declared_ties": summary["declared_ties"],
        "reciprocated": summary["reciprocated"],
        "planned_reciprocated": reciprocated,
        "declarations": summary["declarations"],
        "setup_s": setup_s,
        "figures_median_s": statistics.median(totals),
        "figures_max_s": max(totals),
        "figures_per_call_s": per_call,
        "save_p50_s": _percentile(save_times, 0.5),
        "save_p95_s": _percentile(save_times, 0.95),
        "save_max_s": max(save_times),
        "check_p50_s": _percentile(check_times, 0.5),
        "check_share": sum(check_times) / sum(save_times),
        "saves": len(save_times),
        "apply_s": apply_s,
        "apply_changes": applied.changes,
        "apply_again_s": again_s,
        "apply_again_changes": again.changes,
        "undo_s": undo_s,
        "undone_rows": len(undone.reverted),
        "repeat": repeat,
    }


# Simulation -----------------------------------------------------------------------------


def simulate_campaign(
    path: Path,
    *,
    seed: int = 2027,
    non_response: float = 0.25,
    omission: float = 0.3,
    existing_ties: int = 250,
    new_ties: int = 350,
) -> dict:
    """A whole campaign on the demo workspace at `path` (module docstring).

    Returns
    -------
    dict
        ``truth`` and ``measured`` (the same keys: what the simulation decided, what
        ess_graph reports), ``checks`` (name -> bool: networkx relation, second apply,
        undo), ``times`` (seconds) and ``sizes``.
    """
    import networkx as nx

    from ess_graph.survey import campaigns as sc
    from ess_graph.survey import follow as sf
    from ess_graph.survey.apply import apply_campaign
    from ess_graph.survey.model import FUNCTIONS, SURVEY_LINK_KINDS
    from ess_graph.workspace.edits import undo_last
    from ess_graph.workspace.merge import commit_import, plan_import
    from ess_graph.workspace.store import Workspace

    times: dict[str, float] = {}
    start = time.perf_counter()
    rng = random.Random(seed)
    ws = Workspace.create(path)
    commit_import(ws, plan_import(ws, DEMO), who="setup")
    net = ws.network()
    structures = net.structures.set_index("id")
    ids = sorted(structures.index)

    # Who answers: a seeded share does not; some of those leave a draft.
    answering = {s for s in ids if rng.random() >= non_response}
    drafting = {s for s in ids if s not in answering and rng.random() < 0.3}

    # The true ties: confirmed links of the network (each pair once, with one kind) and
    # new pairs the network does not link at all.
    links = net.links
    among = links.loc[links["source"].isin(ids) & links["target"].isin(ids)]
    linked = {frozenset(p) for p in zip(among["source"], among["target"], strict=True)}
    confirmed = among.loc[
        (among["status"] == "confirmed") & among["kind"].isin(SURVEY_LINK_KINDS)
    ].sort_values(["source", "target", "kind"])
    existing: dict[frozenset, str] = {}
    for s, t, k in zip(confirmed["source"], confirmed["target"], confirmed["kind"], strict=True):
        existing.setdefault(frozenset((s, t)), k)
    true_ties = [
        (pair, kind, True)
        for pair, kind in rng.sample(
            sorted(existing.items(), key=lambda kv: sorted(kv[0])), existing_ties
        )
    ]
    candidates = [frozenset(p) for p in combinations(ids, 2) if frozenset(p) not in linked]
    true_ties += [
        (pair, rng.choice(SURVEY_LINK_KINDS), False) for pair in rng.sample(candidates, new_ties)
    ]

    answers: dict[str, dict] = {s: {"partners": []} for s in answering}
    drafts: dict[str, dict] = {s: {"partners": []} for s in drafting}
    arcs: set[tuple[str, str]] = set()
    truth_apply = Counter()
    declared_ties = Counter()  # status -> ties
    for pair, kind, is_existing in true_ties:
        u, v = sorted(pair)
        declarers = [s for s in (u, v) if s in answering and rng.random() >= omission]
        for s in (u, v):
            other = v if s == u else u
            if s in declarers:
                answers[s]["partners"].append(_partner(rng, other, kind))
                arcs.add((s, other))
            elif s in drafting and rng.random() < 0.5:
                drafts[s]["partners"].append(_partner(rng, other, kind))
        if not declarers:
            continue
        if len(declarers) == 2:
            status = "reciprocated"
        else:
            silent = v if declarers == [u] else u
            status = "one_sided_other_answered" if silent in answering else "one_sided_other_silent"
        declared_ties[status] += 1
        if is_existing:
            truth_apply["unchanged_links"] += 1  # a confirmed link of that kind is there
        elif status == "reciprocated":
            truth_apply["confirmed_added"] += 1
        else:
            truth_apply["declared_added"] += 1

    # Partners outside the roster, needs, offers and ratings of the respondents.
    outside_used: set[int] = set()
    for sid in sorted(answering):
        if rng.random() < 0.15:
            i = rng.randrange(len(OUTSIDE))
            outside_used.add(i)
            name, commune = OUTSIDE[i]
            answers[sid]["partners"].append(
                {"name": _typed(rng, name), "commune": _typed(rng, commune), "kinds": ["pooling"]}
            )
        _extras(rng, answers[sid])
    truth_apply["structures_updated"] = sum(
        1 for a in answers.values() if a["needs"] or a["offers"]
    )
    truth_needs = Counter(r for a in answers.values() for r in a["needs"])
    truth_offers = Counter(r for a in answers.values() for r in a["offers"])
    ratings = {
        f: [a["functions"][f] for a in answers.values() if f in a["functions"]] for f in FUNCTIONS
    }
    by_sector = Counter(structures.loc[s, "sector"] for s in answering)

    n_ties = sum(declared_ties.values())
    truth = {
        "invited": len(ids),
        "answered": len(answering),
        "drafts": len(drafting),
        "declarations": len(arcs),
        "declared_ties": n_ties,
        "reciprocated": declared_ties["reciprocated"],
        "one_sided_other_answered": declared_ties["one_sided_other_answered"],
        "one_sided_other_silent": declared_ties["one_sided_other_silent"],
        "reciprocity_rate": round(declared_ties["reciprocated"] / n_ties, 12),
        "outside_roster": len(outside_used),
        "non_respondents": sorted(set(ids) - answering),
        "answered_by_sector": dict(sorted(by_sector.items())),
        "needs": dict(sorted(truth_needs.items())),
        "offers": dict(sorted(truth_offers.items())),
        "ratings": {f: len(v) for f, v in ratings.items()},
        "rating_means": {f: round(sum(v) / len(v), 9) for f, v in ratings.items() if v},
        "apply": {
            k: truth_apply[k]
            for k in ("confirmed_added", "declared_added", "unchanged_links", "structures_updated")
        },
    }
    times["plan"] = time.perf_counter() - start

    # The campaign, as a coordinator and the respondents run it.
    t0 = time.perf_counter()
    name = "Enquête partenariats 2027"
    sc.open_campaign(ws, name, who="coord", everyone=True)
    issued = sc.issue_links(ws, name, who="coord")
    tokens = dict(zip(issued["structure"], issued["url"].str.split("=").str[-1], strict=True))
    times["open_and_links"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    save_times, check_times = _save_all(ws, tokens, answers, drafts, rng)
    times["answers"] = time.perf_counter() - t0
    times["save_p50"] = _percentile(save_times, 0.5)
    times["save_p95"] = _percentile(save_times, 0.95)
    times["check_share"] = sum(check_times) / sum(save_times)

    figures = _figures(ws, name)
    times["figures"] = figures["times"]["total"]
    r = figures["results"]
    s = r["summary"]
    rates = r["response_rates"]
    sectors = rates.loc[(rates["group"] == "sector") & (rates["answered"] > 0)]
    needs = r["needs_and_offers"].groupby("resource")[["needs", "offers"]].sum()
    fr = r["function_ratings"].set_index("function")
    measured = {
        **{k: s[k] for k in truth if k in s and k != "reciprocity_rate"},
        "reciprocity_rate": round(s["reciprocity_rate"], 12),
        "non_respondents": r["non_respondents"]["structure"].tolist(),
        "answered_by_sector": dict(
            zip(sectors["value"], sectors["answered"].astype(int), strict=True)
        ),
        "needs": {k: int(v) for k, v in needs["needs"].items() if v},
        "offers": {k: int(v) for k, v in needs["offers"].items() if v},
        "ratings": {f: int(fr.loc[f, "ratings"]) for f in FUNCTIONS},
        "rating_means": {
            f: round(float(fr.loc[f, "mean"]), 9) for f in FUNCTIONS if fr.loc[f, "ratings"]
        },
    }
    D = sf.declaration_graph(figures["data"])
    r_, s_ = s["reciprocated"], s["declared_ties"] - s["reciprocated"]
    checks = {
        "networkx_overall_reciprocity_is_2R_over_2R_plus_S": abs(
            nx.overall_reciprocity(D) - 2 * r_ / (2 * r_ + s_)
        )
        < 1e-12,
        "unmatched_is_outside_roster": s["unmatched"] == s["outside_roster"],
    }

    links_before, structures_before = _rows(ws, "links"), _rows(ws, "structures")
    t0 = time.perf_counter()
    applied = apply_campaign(ws, name, who="coord")
    times["apply"] = time.perf_counter() - t0
    measured["apply"] = {k: getattr(applied, k) for k in truth["apply"]}
    checks["nothing_else_applied"] = (
        applied.confirmed_from_declared == applied.declared_removed == 0
    )
    checks["network_valid_after_apply"] = not [p for p in ws.network().problems if p.is_error]
    t0 = time.perf_counter()
    checks["second_apply_changes_nothing"] = apply_campaign(ws, name, who="coord").changes == 0
    times["apply_again"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    undo_last(ws, who="coord")
    times["undo"] = time.perf_counter() - t0
    checks["undo_gives_the_network_back"] = (
        _rows(ws, "links") == links_before and _rows(ws, "structures") == structures_before
    )
    ws.close()
    times["total"] = time.perf_counter() - start
    return {
        "truth": truth,
        "measured": measured,
        "checks": checks,
        "times": times,
        "sizes": {"invited": len(ids), "true_ties": len(true_ties), "submitted": len(answers)},
    }


# Report ---------------------------------------------------------------------------------


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def report(scale: dict, sim: dict, args: argparse.Namespace) -> str:
    from ess_graph.platform_info import machine

    per = scale["figures_per_call_s"]
    same = all(sim["truth"][k] == sim["measured"][k] for k in sim["truth"])
    lines = [
        "# Partnership survey (`ess_graph.survey`)",
        "",
        f"- date: {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC",
        f"- machine: {machine('numpy', 'pandas', 'networkx')}",
        "- load average (1, 5, 15 min) at the end: "
        + ", ".join(f"{x:.1f}" for x in os.getloadavg())
        + " (the machine is shared: wall times grow with the load)",
        f"- command: `python bench/bench_survey.py --structures {args.structures} --ties "
        f"{args.ties} --repeat {args.repeat}`",
        "",
        f"## {scale['structures']:,} structures, {scale['declared_ties']:,} declared ties",
        "",
        f"Workspace: `generate_network({scale['structures']}, seed=2009)` imported "
        f"({scale['links_before']:,} links, {scale['setup_s']:.1f} s); one campaign over "
        f"every structure, {scale['respondents']} submitted answers "
        f"({scale['declarations']:,} declarations, {scale['reciprocated']:,} ties "
        "reciprocated).",
        "",
        "| measure | what is timed | result |",
        "|---|---|---:|",
        f"| Enquête page figures | campaign_data + summary + response_rates + tie_table + "
        f"non_respondents + outside_roster + needs_and_offers + function_ratings, median of "
        f"{scale['repeat']} (slowest) | {_ms(scale['figures_median_s'])} "
        f"({_ms(scale['figures_max_s'])}) |",
        f"| save_answer p50 / p95 / max | one submission: token, roster, check_answer, write "
        f"+ journal + COMMIT, over {scale['saves']} submissions | "
        f"{_ms(scale['save_p50_s'])} / {_ms(scale['save_p95_s'])} / "
        f"{_ms(scale['save_max_s'])} |",
        f"| of which check_answer | p50, and its share of all save_answer time | "
        f"{_ms(scale['check_p50_s'])}, {scale['check_share']:.0%} |",
        f"| apply_campaign | first apply ({scale['apply_changes']:,} changes, one "
        f"transaction, network validated) | {scale['apply_s']:.2f} s |",
        f"| apply_campaign again | changes {scale['apply_again_changes']} | "
        f"{scale['apply_again_s']:.2f} s |",
        f"| undo_last | reverts the first apply ({scale['undone_rows']:,} rows) | "
        f"{scale['undo_s']:.2f} s |",
        "",
        "Median time of each call of the page (s): "
        + ", ".join(f"{k} {v:.3f}" for k, v in per.items() if k != "total")
        + ".",
        f"Goal for the page's figures: under {TARGET_FIGURES_S:.0f} s: "
        + ("**met**." if scale["figures_max_s"] < TARGET_FIGURES_S else "**not met**."),
        "",
        "## Whole campaign simulated on the demo workspace",
        "",
        f"{sim['sizes']['invited']} structures invited, {sim['sizes']['submitted']} submit, "
        f"{sim['truth']['drafts']} leave a draft only; {sim['sizes']['true_ties']} true ties "
        f"(250 already confirmed in the network, 350 new), each declared by each answering "
        f"side with probability 0.7; seed 2027.",
        "",
        "| figure | simulation's truth | ess_graph |",
        "|---|---:|---:|",
        *(
            f"| {k} | {sim['truth'][k]} | {sim['measured'][k]} |"
            for k in (
                "invited",
                "answered",
                "drafts",
                "declarations",
                "declared_ties",
                "reciprocated",
                "one_sided_other_answered",
                "one_sided_other_silent",
                "reciprocity_rate",
                "outside_roster",
            )
        ),
        *(
            f"| apply: {k} | {v} | {sim['measured']['apply'][k]} |"
            for k, v in sim["truth"]["apply"].items()
        ),
        "",
        "Every other figure (non-respondents, answers by sector, needs and offers by "
        "resource, ratings by function) "
        + ("equals the truth too." if same else "**differs from the truth**."),
        "Checks: "
        + ", ".join(
            f"{k.replace('_', ' ')}: {'yes' if v else 'NO'}" for k, v in sim["checks"].items()
        )
        + ".",
        "",
        f"Times: whole simulation {sim['times']['total']:.1f} s; {sim['sizes']['submitted'] + sim['truth']['drafts']} saves "
        f"{sim['times']['answers']:.1f} s (save_answer p50 {_ms(sim['times']['save_p50'])}, "
        f"p95 {_ms(sim['times']['save_p95'])}, check_answer {sim['times']['check_share']:.0%} "
        f"of it); figures {_ms(sim['times']['figures'])}; apply {sim['times']['apply']:.2f} s; "
        f"undo {sim['times']['undo']:.2f} s.",
        "",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--structures", type=int, default=900)
    parser.add_argument("--ties", type=int, default=4000)
    parser.add_argument("--repeat", type=int, default=5, help="runs of the page's figures")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="markdown file to write")
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        scale = scale_campaign(
            Path(tmp) / "scale.sqlite", args.structures, args.ties, repeat=args.repeat
        )
        print(scale, flush=True)
        sim = simulate_campaign(Path(tmp) / "simulation.sqlite")
    text = report(scale, sim, args)
    print(text)
    if not args.no_write:
        from ess_graph.io.write import atomic_write_text

        atomic_write_text(args.out, text)
        print(f"written: {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
