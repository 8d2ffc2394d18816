"""How do a campaign's answers enter the network?

`apply_campaign` turns the submitted answers into links and structure columns, in one
journaled transaction (undo it with `ess_graph.workspace.edits.undo_last` for the same
person):

- a tie declared by **both** sides becomes a **confirmed** link per kind of link either
  side named (``source_of_information`` is the campaign's name), unless the pair already
  has a confirmed link of that kind, whatever its source;
- a tie declared by **one** side becomes a **declared** link from the declarer to the
  partner, per kind, unless the pair already has a confirmed link of that kind; it stays
  declared until the other side declares it too (the next apply confirms it) or the
  coordinator confirms it (`ess_graph.workspace.edits.set_link_status`);
- a declared link this campaign wrote earlier whose declaration was withdrawn since (the
  structure resubmitted without it) is removed; confirmed links are never removed here;
- a respondent's **needs** and **offers** are written to its ``needs`` and ``offers``
  columns (resource codes joined by ``|``), replacing what was there.

Links carry the answers' ``since`` (the earliest year named), and as extra columns
``frequency`` (the most frequent named), ``value`` and ``trust`` (the mean of the 1–4
ratings given, empty when none). Applying twice in a row changes nothing the second time.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from ess_graph.survey.campaigns import find_campaign
from ess_graph.survey.follow import campaign_data, declarations
from ess_graph.survey.model import FREQUENCIES
from ess_graph.workspace.edits import ValidationError, _next_link_key
from ess_graph.workspace.store import StoredRow, Workspace

__all__ = ["ApplyResult", "apply_campaign"]

#: Extra link columns written from the answers.
LINK_EXTRAS = ("frequency", "value", "trust")


@dataclass
class ApplyResult:
    """What an apply changed (counts of links and structures) and its journal batch."""

    confirmed_added: int = 0
    declared_added: int = 0
    confirmed_from_declared: int = 0
    declared_removed: int = 0
    structures_updated: int = 0
    batch: str = ""
    unchanged_links: int = 0
    details: list[tuple[str, str]] = field(default_factory=list)

    @property
    def changes(self) -> int:
        return (
            self.confirmed_added
            + self.declared_added
            + self.confirmed_from_declared
            + self.declared_removed
            + self.structures_updated
        )


def _mean(values: list[int]) -> str:
    if not values:
        return ""
    m = sum(values) / len(values)
    return str(int(m)) if m.is_integer() else f"{m:.1f}"


def _merged(rows: list[dict]) -> dict[str, str]:
    """since, frequency, value, trust of a tie from the declarations making it."""
    years = [int(r["since"]) for r in rows if str(r["since"]).isdigit()]
    freqs = [r["frequency"] for r in rows if r["frequency"] in FREQUENCIES]
    return {
        "since": str(min(years)) if years else "",
        "frequency": min(freqs, key=FREQUENCIES.index) if freqs else "",
        "value": _mean(
            [int(r["value"]) for r in rows if r["value"] == r["value"] and r["value"] is not None]
        ),
        "trust": _mean(
            [int(r["trust"]) for r in rows if r["trust"] == r["trust"] and r["trust"] is not None]
        ),
    }


def apply_campaign(
    ws: Workspace, name: str, *, who: str, origin: str = "survey-apply"
) -> ApplyResult:
    """Bring a campaign's submitted answers into the network (see the module docstring).

    Raises
    ------
    SurveyError
        The campaign does not exist.
    ValidationError
        The resulting network would not be valid (nothing is written).
    """
    result = ApplyResult()
    with ws.transaction(who=who, origin=origin) as tx:
        campaign = find_campaign(ws, name, tx.conn)
        data = campaign_data(ws, campaign.id, tx.conn)
        tag = campaign.name
        existing_ids = set(data.structures["id"])
        decl = declarations(data)
        decl = decl.loc[
            (decl["partner"] != "")
            & (decl["partner"] != decl["declarer"])
            & decl["partner"].isin(existing_ids)
            & decl["declarer"].isin(existing_ids)
        ]
        # (declarer, partner) -> kind -> declaration rows
        directed: dict[tuple[str, str], dict[str, list[dict]]] = defaultdict(
            lambda: defaultdict(list)
        )
        for row in decl.to_dict("records"):
            for kind in (row["kinds"] or "cooperation").split("|"):
                directed[(row["declarer"], row["partner"])][kind].append(row)
        # wanted links: (pair, kind) -> (status, source, target, rows)
        wanted: dict[tuple[frozenset, str], tuple[str, str, str, list[dict]]] = {}
        for (a, b), kinds in sorted(directed.items()):
            back = directed.get((b, a))
            if back is not None:
                if a > b:
                    continue  # the pair is handled from (b, a)
                for kind in sorted(set(kinds) | set(back)):
                    wanted[(frozenset((a, b)), kind)] = (
                        "confirmed",
                        a,
                        b,
                        kinds.get(kind, []) + back.get(kind, []),
                    )
            else:
                for kind, rows in sorted(kinds.items()):
                    wanted[(frozenset((a, b)), kind)] = ("declared", a, b, rows)

        # Links already there between the pairs concerned, and the declared links of ours.
        by_pair: dict[tuple[frozenset, str], list[StoredRow]] = defaultdict(list)
        ours_declared: dict[str, StoredRow] = {}
        pairs = {pair for pair, _ in wanted}
        for link in ws.rows("links", tx.conn):
            v = link.values
            pair = frozenset((v["source"], v["target"]))
            if pair in pairs:
                by_pair[(pair, v["kind"])].append(link)
            if v.get("status") == "declared" and v.get("source_of_information") == tag:
                ours_declared[link.key] = link
        keep: set[str] = set()
        extras_registered = False

        def link_values(
            status: str, source: str, target: str, kind: str, rows: list[dict]
        ) -> dict[str, str]:
            merged = _merged(rows)
            return {
                "source": source,
                "target": target,
                "kind": kind,
                "since": merged["since"],
                "weight": "",
                "status": status,
                "source_of_information": tag,
                "note": "",
                **{c: merged[c] for c in LINK_EXTRAS},
            }

        for (pair, kind), (status, source, target, rows) in wanted.items():
            present = by_pair.get((pair, kind), [])
            if any(p.values.get("status") == "confirmed" for p in present):
                result.unchanged_links += 1
                continue  # already confirmed: a declared link of ours goes (not kept)
            mine = [p for p in present if p.key in ours_declared]
            if status == "declared":
                same = [p for p in mine if p.values["source"] == source]
                if same:
                    keep.add(same[0].key)
                    result.unchanged_links += 1
                    continue
            if not extras_registered:
                tx.register_columns("links", list(LINK_EXTRAS))
                extras_registered = True
            values = link_values(status, source, target, kind, rows)
            if status == "confirmed" and mine:
                first = mine[0]
                updated = {
                    **first.values,
                    "status": "confirmed",
                    "since": values["since"],
                    **{c: values[c] for c in LINK_EXTRAS},
                }
                tx.update("links", first.key, updated, version=first.version)
                keep.add(first.key)
                result.confirmed_from_declared += 1
                continue
            tx.insert("links", values, key=_next_link_key(tx, values))
            if status == "confirmed":
                result.confirmed_added += 1
            else:
                result.declared_added += 1

        for key, link in ours_declared.items():
            if key not in keep:
                tx.delete("links", key, version=link.version)
                result.declared_removed += 1

        # Needs and offers of the respondents.
        registered = False
        for a in data.submitted:
            row = tx.get("structures", a.structure)
            if row is None:
                continue
            new = {"needs": "|".join(a.answer.needs), "offers": "|".join(a.answer.offers)}
            if all(row.values.get(c, "") == v for c, v in new.items()):
                continue
            if not registered:
                tx.register_columns("structures", ["needs", "offers"])
                registered = True
            tx.update("structures", a.structure, {**row.values, **new}, version=row.version)
            result.structures_updated += 1

        if result.changes:
            errors = [p for p in ws.network(tx.conn).problems if p.is_error]
            if errors:
                raise ValidationError(errors)
        result.batch = tx.batch
    return result
