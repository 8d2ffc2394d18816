"""What does one structure answer in a partnership survey, and which answers are valid?

An `Answer` is what the form collects from one structure: the partners it declares (each
from the campaign's roster, or named freely when not in it), its needs and offers of
pooling, and how useful it finds each of the pôle's five functions.

`check_answer` validates an answer before it is stored. The parts that are rows of the
data contract go through the one validator (`ess_graph.validate.validate_rows`): each
declared partner becomes the link rows it would become in the network (respondent →
partner, one per kind, with its year), checked against the two structures, so a year or a
kind is refused here exactly as it would be in a file. The survey's own vocabularies
(how often, the 1–4 scales, resources, functions) are checked here. Every refused value is
a `ess_graph.problems.Problem` whose ``line`` is the partner's position on the form (1 for
the first partner) and whose ``column`` is the field, so that the form says why next to it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

import pandas as pd

from ess_graph import schema
from ess_graph.i18n import DEFAULT_LANG, register, t
from ess_graph.problems import Problem
from ess_graph.schema import RESOURCES, resource_label  # the data contract's vocabulary
from ess_graph.validate import VALUE_IGNORED, clean_cell, validate_rows

__all__ = [
    "ANSWER_FILE",
    "FREQUENCIES",
    "FUNCTIONS",
    "RESOURCES",
    "SCALE",
    "SURVEY_LINK_KINDS",
    "Answer",
    "PartnerEntry",
    "answer_from_dict",
    "check_answer",
    "frequency_label",
    "function_label",
    "resource_label",
]

#: The kinds of link a structure can declare with a partner (the cooperation kinds of the
#: data contract; membership of a pôle and funding are not asked here).
SURVEY_LINK_KINDS: tuple[str, ...] = (
    "cooperation",
    "pooling",
    "subcontracting",
    "sponsorship",
    "representation",
    "governance",
)

#: How often two structures work together, from the most to the least often.
FREQUENCIES: tuple[str, ...] = ("weekly", "monthly", "few_times_a_year", "yearly_or_less")

#: The pôle's five functions named in the leaflet (docs/SURVEY.md).
FUNCTIONS: tuple[str, ...] = (
    "strategy",
    "representation",
    "visibility",
    "new_activities",
    "partnership_projects",
)

#: The 1–4 scales (PARTNER CPRM practice: no middle value).
SCALE: tuple[int, ...] = (1, 2, 3, 4)

#: The "file" that problems of an answer name.
ANSWER_FILE = "answer"

#: Longest free text kept (a need, an offer, a comment, a partner's name): a form field,
#: not a document.
MAX_TEXT = 2000
#: Most partners one answer may declare (a structure declaring more is pasting a list).
MAX_PARTNERS = 300

register(
    {
        "survey.frequency.weekly": {"fr": "chaque semaine", "en": "every week"},
        "survey.frequency.monthly": {"fr": "chaque mois", "en": "every month"},
        "survey.frequency.few_times_a_year": {
            "fr": "quelques fois par an",
            "en": "a few times a year",
        },
        "survey.frequency.yearly_or_less": {
            "fr": "une fois par an ou moins",
            "en": "once a year or less",
        },
        "survey.function.strategy": {
            "fr": "stratégie de développement de l'ESS du territoire",
            "en": "strategy for the territory's social economy",
        },
        "survey.function.representation": {
            "fr": "représentation de l'ESS auprès des pouvoirs publics",
            "en": "representing the social economy to public bodies",
        },
        "survey.function.visibility": {
            "fr": "visibilité et promotion de l'ESS",
            "en": "visibility and promotion of the social economy",
        },
        "survey.function.new_activities": {
            "fr": "accompagnement des nouvelles activités",
            "en": "support to new activities",
        },
        "survey.function.partnership_projects": {
            "fr": "projets de partenariat entre structures",
            "en": "partnership projects between structures",
        },
        "problem.survey_unknown_partner": {
            "fr": "ce partenaire n'est pas dans la liste de l'enquête : nommez-le en texte libre",
            "en": "this partner is not in the survey's list: name it as free text",
        },
        "problem.survey_self_partner": {
            "fr": "une structure ne peut pas se déclarer partenaire d'elle-même",
            "en": "a structure cannot declare itself as its own partner",
        },
        "problem.survey_partner_twice": {
            "fr": "ce partenaire est déjà déclaré plus haut (partenaire n° {first})",
            "en": "this partner is already declared above (partner #{first})",
        },
        "problem.survey_no_partner_name": {
            "fr": "choisissez un partenaire dans la liste ou écrivez son nom",
            "en": "pick a partner from the list or write its name",
        },
        "problem.survey_no_kind": {
            "fr": "cochez au moins un type de lien",
            "en": "tick at least one kind of link",
        },
        "problem.survey_bad_choice": {
            "fr": "« {value} » n'est pas un choix possible ({allowed})",
            "en": "'{value}' is not one of the choices ({allowed})",
        },
        "problem.survey_too_long": {
            "fr": "texte trop long ({length} caractères, {limit} au plus)",
            "en": "text too long ({length} characters, at most {limit})",
        },
        "problem.survey_too_many_partners": {
            "fr": "trop de partenaires ({n}, {limit} au plus)",
            "en": "too many partners ({n}, at most {limit})",
        },
        "problem.survey_control_characters": {
            "fr": "caractères de contrôle retirés ({chars})",
            "en": "control characters removed ({chars})",
        },
    }
)


def frequency_label(code: str, lang: str = DEFAULT_LANG) -> str:
    return t(f"survey.frequency.{code}", lang) if code in FREQUENCIES else code


def function_label(code: str, lang: str = DEFAULT_LANG) -> str:
    return t(f"survey.function.{code}", lang) if code in FUNCTIONS else code


@dataclass
class PartnerEntry:
    """One partner declared on the form.

    ``structure`` is a roster structure's id; when empty, ``name`` (and ``commune``) name a
    partner outside the roster. ``kinds`` are `SURVEY_LINK_KINDS`, ``since`` a year as
    typed, ``frequency`` one of `FREQUENCIES` or "", ``value`` (what the relation brings)
    and ``trust`` (how much the respondent trusts the partner) 1–4 or None.
    """

    structure: str = ""
    name: str = ""
    commune: str = ""
    kinds: list[str] = field(default_factory=list)
    since: str = ""
    frequency: str = ""
    value: int | None = None
    trust: int | None = None


@dataclass
class Answer:
    """A structure's answer (a draft or submitted)."""

    partners: list[PartnerEntry] = field(default_factory=list)
    needs: list[str] = field(default_factory=list)
    needs_text: str = ""
    offers: list[str] = field(default_factory=list)
    offers_text: str = ""
    functions: dict[str, int] = field(default_factory=dict)
    comment: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _scale(value: Any) -> Any:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    text = str(value).strip()
    return int(text) if text.isdigit() else text


def _text_list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [v for v in value.split("|") if v.strip()]
    return [str(v) for v in value]


def answer_from_dict(data: Mapping[str, Any]) -> Answer:
    """An `Answer` from its stored or posted form (unknown keys are ignored; values are
    not checked here: see `check_answer`)."""
    partners = []
    for p in data.get("partners") or []:
        if not isinstance(p, Mapping):
            continue
        partners.append(
            PartnerEntry(
                structure=str(p.get("structure") or ""),
                name=str(p.get("name") or ""),
                commune=str(p.get("commune") or ""),
                kinds=_text_list(p.get("kinds")),
                since="" if p.get("since") is None else str(p.get("since")),
                frequency=str(p.get("frequency") or ""),
                value=_scale(p.get("value")),
                trust=_scale(p.get("trust")),
            )
        )
    functions = data.get("functions") or {}
    return Answer(
        partners=partners,
        needs=_text_list(data.get("needs")),
        needs_text=str(data.get("needs_text") or ""),
        offers=_text_list(data.get("offers")),
        offers_text=str(data.get("offers_text") or ""),
        functions={str(k): _scale(v) for k, v in dict(functions).items() if _scale(v) is not None},
        comment=str(data.get("comment") or ""),
    )


class _Checker:
    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def error(self, line: int, column: str, code: str, **params: Any) -> None:
        self.problems.append(Problem(ANSWER_FILE, line, column, code, "error", params))

    def warning(self, line: int, column: str, code: str, **params: Any) -> None:
        self.problems.append(Problem(ANSWER_FILE, line, column, code, "warning", params))

    def text(self, line: int, column: str, value: str) -> str:
        clean, controls = clean_cell(value)
        if controls:
            self.warning(
                line, column, "survey_control_characters", chars=" ".join(map(repr, controls))
            )
        if len(clean) > MAX_TEXT:
            self.error(line, column, "survey_too_long", length=len(clean), limit=MAX_TEXT)
        return clean

    def choice(self, line: int, column: str, value: Any, allowed: Sequence[Any]) -> bool:
        if value in allowed:
            return True
        self.error(
            line,
            column,
            "survey_bad_choice",
            value=str(value),
            allowed=", ".join(map(str, allowed)),
        )
        return False

    def choices(
        self,
        line: int,
        column: str,
        values: Sequence[str],
        allowed: Sequence[str],
        read: Callable[[str], str | None],
    ) -> list[str]:
        """The codes of `values` (`read` turns a typed label into a code, or None)."""
        kept = []
        for v in values:
            code = v if v in allowed else read(v)
            if code not in allowed:
                self.choice(line, column, v, allowed)
            elif code not in kept:
                kept.append(code)
        return sorted(kept, key=list(allowed).index)


# Each field is read with its own vocabulary: a kind never through the resources'.
def _link_kind(text: str) -> str | None:
    return schema.canonical("link_kind", text)


def _resource(text: str) -> str | None:
    return schema.canonical("resource", text)  # « Locaux », « véhicule »...


def check_answer(
    answer: Answer,
    *,
    respondent: Mapping[str, str],
    roster: Mapping[str, Mapping[str, str]],
) -> tuple[Answer, list[Problem]]:
    """The clean answer and its problems (errors refuse the answer; warnings do not).

    Parameters
    ----------
    answer : Answer
        As posted by the form.
    respondent : mapping
        The answering structure's row (at least ``id``, ``name``, ``family``, ``sector``,
        ``territory``), as text.
    roster : mapping
        ``{id: structure row}`` of the structures the respondent may pick.

    Returns
    -------
    (Answer, list of Problem)
        Partners' ``line`` is their position on the form (1 = first); fields of the
        answer itself (needs, offers, functions, comment) have line 0.

    Examples
    --------
    >>> me = {"id": "a", "name": "A", "family": "association", "sector": "culture",
    ...       "territory": "brest"}
    >>> other = {**me, "id": "b", "name": "B"}
    >>> answer = answer_from_dict({"partners": [{"structure": "b", "kinds": ["Mutualisation"],
    ...                                          "since": "vers 2015"}]})
    >>> clean, problems = check_answer(answer, respondent=me, roster={"b": other})
    >>> [(p.line, p.column, p.code) for p in problems]
    [(1, 'since', 'not_a_year')]
    >>> clean.partners[0].kinds
    ['pooling']
    """
    c = _Checker()
    respondent_id = str(respondent.get("id", ""))
    clean = Answer()
    if len(answer.partners) > MAX_PARTNERS:
        c.error(
            0, "partners", "survey_too_many_partners", n=len(answer.partners), limit=MAX_PARTNERS
        )
    seen: dict[str, int] = {}
    link_rows: list[dict[str, str]] = []
    link_line: list[int] = []
    for line, p in enumerate(answer.partners[:MAX_PARTNERS], start=1):
        entry = PartnerEntry(
            structure=c.text(line, "structure", p.structure),
            name=c.text(line, "name", p.name),
            commune=c.text(line, "commune", p.commune),
            since=c.text(line, "since", p.since),
        )
        entry.kinds = c.choices(line, "kinds", p.kinds, SURVEY_LINK_KINDS, _link_kind)
        if not p.kinds:
            c.error(line, "kinds", "survey_no_kind")
        if p.frequency:
            freq = c.text(line, "frequency", p.frequency)
            if c.choice(line, "frequency", freq, FREQUENCIES):
                entry.frequency = freq
        for name in ("value", "trust"):
            value = getattr(p, name)
            if value is not None and c.choice(line, name, value, SCALE):
                setattr(entry, name, value)
        if entry.structure:
            if entry.structure == respondent_id:
                c.error(line, "structure", "survey_self_partner")
            elif entry.structure not in roster:
                c.error(line, "structure", "survey_unknown_partner")
            entry.name, entry.commune = "", ""  # the roster names it
            key = entry.structure
        elif entry.name:
            key = (
                "\x00"
                + schema.normalise_label(entry.name)
                + "\x00"
                + schema.normalise_label(entry.commune)
            )
        else:
            c.error(line, "name", "survey_no_partner_name")
            key = ""
        if key:
            if key in seen:
                c.error(
                    line,
                    "structure" if entry.structure else "name",
                    "survey_partner_twice",
                    first=seen[key],
                )
            else:
                seen[key] = line
        if entry.structure in roster and entry.structure != respondent_id:
            for kind in entry.kinds or ["cooperation"]:
                link_rows.append(
                    {
                        "source": respondent_id,
                        "target": entry.structure,
                        "kind": kind,
                        "since": entry.since,
                        "status": "declared" if "declared" in schema.LINK_STATUSES else "proposed",
                    }
                )
                link_line.append(line)
        clean.partners.append(entry)

    if link_rows:  # the rows the network would get, through the one validator
        structure_cols = list(schema.TABLES_BY_NAME["structures"].names)
        ends = {respondent_id: respondent}
        for row in link_rows:
            ends[row["target"]] = roster[row["target"]]
        net = validate_rows(
            {
                "structures": (
                    structure_cols,
                    [
                        {col: str(row.get(col, "") or "") for col in structure_cols}
                        for row in ends.values()
                    ],
                ),
                "links": (list(schema.TABLES_BY_NAME["links"].names), link_rows),
            },
            require_tables=False,
        )
        reported: set[tuple[int, str]] = set()
        for problem in net.problems:
            if problem.file != "links" or problem.column not in ("since", "kind"):
                continue
            if not (problem.is_error or problem.code in VALUE_IGNORED):
                continue
            line = link_line[problem.line - 2]
            column = "kinds" if problem.column == "kind" else problem.column
            if (line, column) not in reported:
                reported.add((line, column))
                c.problems.append(
                    Problem(ANSWER_FILE, line, column, problem.code, "error", problem.params)
                )
        if len(net.links):  # years as the validator reads them ("2015.0" -> "2015")
            # kept rows and their line under the header (2 = first row)
            kept_lines = list(net.meta["lines"]["links"])
            years = {
                link_line[int(row) - 2]: year
                for row, year in zip(kept_lines, net.links["since"].tolist(), strict=True)
                if not pd.isna(year)
            }
            for line, entry in enumerate(clean.partners, start=1):
                if line in years and entry.since:
                    entry.since = str(int(years[line]))

    clean.needs = c.choices(0, "needs", answer.needs, RESOURCES, _resource)
    clean.offers = c.choices(0, "offers", answer.offers, RESOURCES, _resource)
    clean.needs_text = c.text(0, "needs_text", answer.needs_text)
    clean.offers_text = c.text(0, "offers_text", answer.offers_text)
    clean.comment = c.text(0, "comment", answer.comment)
    for function, rating in answer.functions.items():
        if c.choice(0, f"functions.{function}", function, FUNCTIONS) and c.choice(
            0, f"functions.{function}", rating, SCALE
        ):
            clean.functions[function] = rating
    return clean, c.problems
