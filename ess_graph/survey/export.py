"""Which of a survey's answers leave the workspace in an export, and in what form?

The answers are personal data of the respondents' organisations (GDPR art. 4(1) when an
organisation is one person's, and always a matter of trust). `survey_tables` gives every
campaign of the workspace as four tables, which
`ess_graph.workspace.export.export_workspace` writes beside the network's
(docs/SURVEY.md, « Privacy »):

- ``survey_campaigns``: one row per campaign: ``campaign`` (id), ``name``,
  ``opened_at``, ``closes``, ``closed_at``, ``invited``, ``answered``;
- ``survey_invitations``: one row per invited structure: ``campaign``, ``structure``,
  ``answered`` (bool: its answer is submitted);
- ``survey_answers``: one row per **submitted** answer (a draft is not an answer yet):
  ``campaign``, ``structure``, ``submitted_at``, ``version``, ``partners`` (how many
  named), ``needs`` and ``offers`` (resource codes joined by ``|``), ``function_<code>``
  for each of the pôle's functions (1–4, empty when not rated), then the free text
  ``needs_text``, ``offers_text``, ``comment``;
- ``survey_declarations``: one row per partner named in a submitted answer (the columns
  of `ess_graph.survey.follow.declarations`, after ``campaign``).

Never exported, whatever the options: tokens (never stored), token hashes, when links
were issued, who opened a campaign, drafts, the structures' contact columns (none of
these tables holds them), the journal.

`pseudonymise_survey` makes them fit for research with the network's pseudonyms
(`ess_graph.workspace.privacy.pseudonym`, the same salt, so ``declarer`` and ``partner``
are the ``id`` of the pseudonymised structures table):

- ``structure``, ``declarer`` and ``partner`` become the structures' pseudonyms;
- a partner named outside the roster and not matched to a structure gets a pseudonym of
  its own, ``o_`` + 12 hex characters of HMAC-SHA256(salt, its folded name and
  commune): the same name typed otherwise by two respondents gets the same pseudonym,
  and its name and commune (``partner_name``, ``partner_commune``) are dropped;
- the free text (``needs_text``, ``offers_text``, ``comment``) is dropped;
- ``submitted_at`` keeps its date only.
"""

from __future__ import annotations

import sqlite3

import pandas as pd

from ess_graph.survey import campaigns as sc
from ess_graph.survey.follow import DECLARATION_COLUMNS, campaign_data, declarations
from ess_graph.survey.model import FUNCTIONS
from ess_graph.workspace.privacy import pseudonym
from ess_graph.workspace.store import Workspace

__all__ = [
    "FREE_TEXT",
    "OUTSIDE_PREFIX",
    "SURVEY_TABLES",
    "TYPED_TEXT",
    "pseudonymise_survey",
    "survey_tables",
]

#: The tables an export holds when the workspace has a survey, in this order.
SURVEY_TABLES: tuple[str, ...] = (
    "survey_campaigns",
    "survey_invitations",
    "survey_answers",
    "survey_declarations",
)
#: Columns of text typed by respondents, by table: dropped by `pseudonymise_survey`.
FREE_TEXT: dict[str, tuple[str, ...]] = {
    "survey_answers": ("needs_text", "offers_text", "comment"),
    "survey_declarations": ("partner_name", "partner_commune"),
}
#: Columns that an export leaves out when one of their cells looks like an e-mail address
#: or a phone number (`ess_graph.workspace.privacy.contact_columns`), as it does with the
#: other tables' extra columns. Only typed text is searched: a pseudonym or a timestamp
#: can hold nine digits in a row.
TYPED_TEXT: dict[str, tuple[str, ...]] = {**FREE_TEXT, "survey_campaigns": ("name",)}
#: Prefix of the pseudonym of a partner named outside the roster.
OUTSIDE_PREFIX = "o_"

_ANSWER_COLUMNS = [
    "campaign",
    "structure",
    "submitted_at",
    "version",
    "partners",
    "needs",
    "offers",
    *(f"function_{f}" for f in FUNCTIONS),
    "needs_text",
    "offers_text",
    "comment",
]


def survey_tables(ws: Workspace, conn: sqlite3.Connection | None = None) -> dict[str, pd.DataFrame]:
    """Every campaign of the workspace as the four tables of the module docstring, read in
    one consistent state ({} when no campaign was ever opened)."""
    if conn is None:
        if not sc.has_survey(ws):
            return {}
        with ws.reading() as c:
            return survey_tables(ws, c)
    campaigns, invitations, answers, declared = [], [], [], []
    for campaign in sc._select_campaigns(conn):
        data = campaign_data(ws, campaign.id, conn)
        answered = data.answered
        campaigns.append(
            (
                campaign.id,
                campaign.name,
                campaign.opened_at,
                campaign.closes,
                campaign.closed_at,
                len(data.invited),
                len(answered & set(data.invited)),
            )
        )
        invitations += [(campaign.id, sid, sid in answered) for sid in data.invited]
        for a in data.submitted:
            answers.append(
                (
                    campaign.id,
                    a.structure,
                    a.submitted_at,
                    a.version,
                    len(a.answer.partners),
                    "|".join(a.answer.needs),
                    "|".join(a.answer.offers),
                    *(a.answer.functions.get(f) for f in FUNCTIONS),
                    a.answer.needs_text,
                    a.answer.offers_text,
                    a.answer.comment,
                )
            )
        frame = declarations(data)
        frame.insert(0, "campaign", campaign.id)
        declared.append(frame)
    answer_frame = pd.DataFrame(answers, columns=_ANSWER_COLUMNS)
    for f in FUNCTIONS:
        answer_frame[f"function_{f}"] = answer_frame[f"function_{f}"].astype("Int64")
    declared_frame = (
        pd.concat(declared, ignore_index=True)
        if declared
        else pd.DataFrame(columns=["campaign", *DECLARATION_COLUMNS])
    )
    return {
        "survey_campaigns": pd.DataFrame(
            campaigns,
            columns=[
                "campaign",
                "name",
                "opened_at",
                "closes",
                "closed_at",
                "invited",
                "answered",
            ],
        ),
        "survey_invitations": pd.DataFrame(
            invitations, columns=["campaign", "structure", "answered"]
        ),
        "survey_answers": answer_frame,
        "survey_declarations": declared_frame,
    }


def _outside_pseudonym(name: str, commune: str, salt: bytes) -> str:
    # Another message than any id's ("outside" + a separator no id holds), so a name
    # never gets a structure's pseudonym.
    digest = pseudonym("outside\x1f" + sc.name_key(name, commune), salt)
    return OUTSIDE_PREFIX + digest.split("_", 1)[1]


def pseudonymise_survey(tables: dict[str, pd.DataFrame], salt: bytes) -> dict[str, pd.DataFrame]:
    """The tables of `survey_tables` made fit for research (module docstring); `tables`
    is not changed.

    Examples
    --------
    >>> import pandas as pd
    >>> decl = pd.DataFrame({"campaign": ["c", "c"], "declarer": ["a", "a"],
    ...     "partner": ["b", ""], "partner_name": ["", "Ti Récup"],
    ...     "partner_commune": ["", "Morlaix"], "in_roster": [True, False]})
    >>> out = pseudonymise_survey({"survey_declarations": decl}, b"salt")["survey_declarations"]
    >>> out.columns.tolist()
    ['campaign', 'declarer', 'partner', 'in_roster']
    >>> out["partner"].str[:2].tolist(), out.loc[0, "declarer"] == pseudonym("a", b"salt")
    (['s_', 'o_'], True)
    """
    if not salt:
        raise ValueError("an empty salt gives no protection")
    ids = {}

    def of(value: str) -> str:
        if value not in ids:
            ids[value] = pseudonym(value, salt)
        return ids[value]

    out = {}
    for name, frame in tables.items():
        frame = frame.copy()
        for column in ("structure", "declarer"):
            if column in frame.columns:
                frame[column] = [of(v) for v in frame[column]]
        if name == "survey_declarations":
            frame["partner"] = [
                of(p) if p else _outside_pseudonym(n, c, salt)
                for p, n, c in zip(
                    frame["partner"], frame["partner_name"], frame["partner_commune"], strict=True
                )
            ]
        if "submitted_at" in frame.columns:
            frame["submitted_at"] = frame["submitted_at"].str[:10]
        drop = [c for c in FREE_TEXT.get(name, ()) if c in frame.columns]
        out[name] = frame.drop(columns=drop)
    return out
