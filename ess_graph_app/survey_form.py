"""The respondent's form: is this session a personal survey link, and how the form's
widgets become an `ess_graph.survey.model.Answer` and back.

The form's widgets keep their values in ``st.session_state`` under the keys made here
(`partner_key`, `function_key` and the ``W_SV_*`` constants of `ess_graph_app.state`).
`seed` writes an answer into those keys (a stored draft when the link is opened, a new
partner when one is added) before the widgets are drawn; `collect` reads them back as
the Answer to save. Problems of a saved answer name the partner by its position on the
form (`ess_graph.problems.Problem.line`, 1 for the first); `place_problems` turns that
position into the partner's uid on the page, so the message stays next to the right
partner even after another one is removed. Everything here but `respondent_token` works
on any mutable mapping (tests give a dict).
"""

from __future__ import annotations

from collections.abc import Mapping, MutableMapping, Sequence
from datetime import date, datetime
from typing import Any

import ess_graph.app_strings  # noqa: F401  (registers the app.* strings)
from ess_graph.i18n import t
from ess_graph.problems import Problem
from ess_graph.survey.campaigns import TOKEN_PARAMETER, name_key
from ess_graph.survey.model import (
    FREQUENCIES,
    FUNCTIONS,
    RESOURCES,
    SCALE,
    SURVEY_LINK_KINDS,
    Answer,
    PartnerEntry,
)
from ess_graph_app import state

#: A partner's own fields on the form, in the order drawn.
PARTNER_FIELDS = ("kinds", "since", "frequency", "value", "trust")
#: Where the respondent's times are shown (the survey is Breton).
TIMEZONE = "Europe/Paris"
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


#: Set to 1 by ``ess-graph app --survey-only``: every session gets the form page only.
SURVEY_ONLY_ENV = "ESS_GRAPH_SURVEY_ONLY"


def survey_only() -> bool:
    """Does this app serve the survey forms and nothing else?"""
    import os

    return os.environ.get(SURVEY_ONLY_ENV, "") == "1"


def respondent_token() -> str | None:
    """The token of the personal link this session was opened with, or None.

    Kept for the whole session once seen: a respondent's session never becomes the
    explorer's, even if the parameter leaves the address.
    """
    import streamlit as st

    held = st.session_state.get(state.RESPONDENT)
    if held is not None:
        return held
    value = st.query_params.get(TOKEN_PARAMETER)
    if value is None:
        return None
    st.session_state[state.RESPONDENT] = str(value)
    return str(value)


def partner_key(uid: int, field: str) -> str:
    """The widget key of one partner's field (`PARTNER_FIELDS`, or ``remove``)."""
    return f"{state.W_SV_PARTNER}_{uid}_{field}"


def function_key(code: str) -> str:
    return f"{state.W_SV_FUNCTION}_{code}"


def _scale(value: Any) -> int | None:
    return value if value in SCALE and not isinstance(value, bool) else None


def partners(ss: Mapping[str, Any]) -> list[int]:
    """The partners' uids, in form order."""
    return list(ss.get(state.SV_PARTNERS, []))


def partner_info(ss: Mapping[str, Any], uid: int) -> dict[str, str]:
    """Who a partner is: ``structure`` (a roster id, or "") and ``name``, ``commune``."""
    return ss.get(state.SV_INFO, {}).get(uid, {"structure": "", "name": "", "commune": ""})


def find_partner(
    ss: Mapping[str, Any], *, structure: str = "", name: str = "", commune: str = ""
) -> int | None:
    """The uid of a partner already on the form: the same roster structure, or the same
    name and commune (case and accents aside, as the survey matches them)."""
    wanted = name_key(name, commune) if not structure else ""
    for uid in partners(ss):
        info = partner_info(ss, uid)
        if structure and info["structure"] == structure:
            return uid
        if wanted and not info["structure"] and name_key(info["name"], info["commune"]) == wanted:
            return uid
    return None


def add_partner(ss: MutableMapping[str, Any], entry: PartnerEntry) -> int:
    """Put `entry` at the end of the form (its fields seeded); return its uid."""
    uid = int(ss.get(state.SV_NEXT, 0))
    ss[state.SV_NEXT] = uid + 1
    ss[state.SV_PARTNERS] = [*partners(ss), uid]
    infos = dict(ss.get(state.SV_INFO, {}))
    infos[uid] = {"structure": entry.structure, "name": entry.name, "commune": entry.commune}
    ss[state.SV_INFO] = infos
    # Only values the widgets offer: a draft stored by another client may hold others.
    ss[partner_key(uid, "kinds")] = [k for k in SURVEY_LINK_KINDS if k in entry.kinds]
    ss[partner_key(uid, "since")] = str(entry.since or "")
    ss[partner_key(uid, "frequency")] = entry.frequency if entry.frequency in FREQUENCIES else None
    ss[partner_key(uid, "value")] = _scale(entry.value)
    ss[partner_key(uid, "trust")] = _scale(entry.trust)
    return uid


def remove_partner(ss: MutableMapping[str, Any], uid: int) -> None:
    """Take a partner off the form, with its widgets' values and its problems."""
    ss[state.SV_PARTNERS] = [u for u in partners(ss) if u != uid]
    infos = dict(ss.get(state.SV_INFO, {}))
    infos.pop(uid, None)
    ss[state.SV_INFO] = infos
    for field in (*PARTNER_FIELDS, "remove"):
        key = partner_key(uid, field)
        if key in ss:
            del ss[key]
    ss[state.SV_PROBLEMS] = [p for p in ss.get(state.SV_PROBLEMS, []) if p[0] != uid]


def seed(ss: MutableMapping[str, Any], answer: Answer) -> None:
    """Fill the form with `answer`, replacing whatever it held."""
    for uid in partners(ss):
        remove_partner(ss, uid)
    ss[state.SV_PARTNERS] = []
    ss[state.SV_INFO] = {}
    ss[state.SV_PROBLEMS] = []
    for entry in answer.partners:
        add_partner(ss, entry)
    ss[state.W_SV_NEEDS] = [r for r in RESOURCES if r in answer.needs]
    ss[state.W_SV_OFFERS] = [r for r in RESOURCES if r in answer.offers]
    ss[state.W_SV_NEEDS_TEXT] = answer.needs_text
    ss[state.W_SV_OFFERS_TEXT] = answer.offers_text
    ss[state.W_SV_COMMENT] = answer.comment
    for code in FUNCTIONS:
        ss[function_key(code)] = _scale(answer.functions.get(code))


def collect(ss: Mapping[str, Any]) -> Answer:
    """The answer the form holds now (not checked: `ess_graph.survey.model.check_answer`
    does that when it is saved)."""
    entries = []
    for uid in partners(ss):
        info = partner_info(ss, uid)
        entries.append(
            PartnerEntry(
                structure=info["structure"],
                name=info["name"],
                commune=info["commune"],
                kinds=list(ss.get(partner_key(uid, "kinds")) or []),
                since=str(ss.get(partner_key(uid, "since")) or ""),
                frequency=ss.get(partner_key(uid, "frequency")) or "",
                value=ss.get(partner_key(uid, "value")),
                trust=ss.get(partner_key(uid, "trust")),
            )
        )
    return Answer(
        partners=entries,
        needs=list(ss.get(state.W_SV_NEEDS) or []),
        needs_text=str(ss.get(state.W_SV_NEEDS_TEXT) or ""),
        offers=list(ss.get(state.W_SV_OFFERS) or []),
        offers_text=str(ss.get(state.W_SV_OFFERS_TEXT) or ""),
        functions={
            code: ss[function_key(code)]
            for code in FUNCTIONS
            if ss.get(function_key(code)) is not None
        },
        comment=str(ss.get(state.W_SV_COMMENT) or ""),
    )


def place_problems(
    problems: Sequence[Problem], uids: Sequence[int]
) -> list[tuple[int | None, str, Problem]]:
    """``(partner uid or None, column, problem)`` for each problem: line k is the k-th
    partner of `uids` (the form's order when it was saved); line 0, the answer's own
    fields.

    >>> p = Problem("answer", 2, "since", "not_a_year")
    >>> place_problems([p], [7, 9])[0][:2]
    (9, 'since')
    """
    out = []
    for p in problems:
        uid = uids[p.line - 1] if 0 < p.line <= len(uids) else None
        out.append((uid, p.column, p))
    return out


def problems_at(ss: Mapping[str, Any], uid: int | None, columns: Sequence[str]) -> list[Problem]:
    """The last save's problems about one partner (None: the answer itself) and fields."""
    return [p for u, c, p in ss.get(state.SV_PROBLEMS, []) if u == uid and c in columns]


def problem_text(problem: Problem, lang: str) -> str:
    """A problem said for the form: the form's own words when the app has them
    (``app.reply.problem.<code>``: a file reader's "value ignored, row kept" means
    nothing on a form), else the problem's message."""
    key = f"app.reply.problem.{problem.code}"
    own = t(key, lang, **problem.params)
    return own if own != key else problem.message(lang)


def when(at: str, lang: str) -> str:
    """A stored UTC time (ISO) as the respondent reads it: date and time in Brittany.

    >>> when("2027-03-01T09:05:00+00:00", "fr"), when("2027-03-01T09:05:00+00:00", "en")
    ('01/03/2027 à 10:05', '1 Mar 2027 at 10:05')
    """
    try:
        moment = datetime.fromisoformat(at)
    except (TypeError, ValueError):
        return str(at)
    try:
        from zoneinfo import ZoneInfo

        moment = moment.astimezone(ZoneInfo(TIMEZONE))
        suffix = ""
    except Exception:  # no time zone database: said in UTC
        suffix = " UTC"
    day = day_text(moment.date(), lang)
    return t("app.reply.when", lang, day=day, time=moment.strftime("%H:%M")) + suffix


def day_text(day: date | str, lang: str) -> str:
    """A date as written in the language (a closing date ``YYYY-MM-DD`` too).

    >>> day_text("2027-03-31", "fr"), day_text("2027-03-31", "en")
    ('31/03/2027', '31 Mar 2027')
    """
    if isinstance(day, str):
        try:
            day = date.fromisoformat(day[:10])
        except ValueError:
            return day
    if lang == "fr":
        return day.strftime("%d/%m/%Y")
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"  # not strftime: no locale
