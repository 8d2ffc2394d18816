"""Where does a survey campaign live, who may answer it, and how is an answer kept?

A campaign is stored in the workspace file beside the network (docs/SURVEY.md):

- ``survey_campaigns``: one row per campaign: ``id`` (from its name), ``name``, the
  ``scope`` it was opened for (JSON), the structures respondents may pick besides the
  invited ones (``roster_extra``, JSON), when and by whom it was opened, its closing date
  (``closes``, ``YYYY-MM-DD`` or ""), when it was closed (``closed_at``, "" while open);
- ``survey_invitations``: one row per invited structure, with the **SHA-256 of its
  token** once a link was issued (the token itself is never stored: it is shown once,
  in the invitations file) and when it was issued;
- ``survey_answers``: one row per structure that saved something: ``status`` (``draft``
  or ``submitted``), the answer as JSON, a version, when saved and submitted;
- ``survey_matches``: partners named outside the roster that the coordinator matched
  to a structure.

Every change of a campaign or an answer goes through the workspace's one writer path
(`ess_graph.workspace.store.Workspace.transaction`) and is journaled (tables
``survey_campaigns`` and ``survey_answers``); issuing tokens is not journaled (a hash in
the journal would outlive a reissue).

Tokens
------
A token is 32 random bytes from `secrets` (256 bits) in URL-safe base64. A link is found
by the hash of what was given, then compared with `hmac.compare_digest`; a malformed,
unknown, revoked, expired or closed token gives the same answer (None), and looking one
up writes nothing, so trying many wrong tokens changes nothing.

A workspace of format 1 gets the survey tables the first time a campaign is opened (its
format becomes 2: an older ess_graph then refuses to write to it).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import secrets
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import pandas as pd

from ess_graph import schema
from ess_graph.i18n import DEFAULT_LANG, register, t
from ess_graph.problems import Problem, format_problems
from ess_graph.survey.model import Answer, answer_from_dict, check_answer
from ess_graph.workspace.privacy import contact_columns
from ess_graph.workspace.store import (
    FORMAT_VERSION,
    StoredRow,
    Transaction,
    Workspace,
    WorkspaceError,
)

__all__ = [
    "ANSWER_TABLE",
    "CAMPAIGN_TABLE",
    "DEFAULT_BASE_URL",
    "TOKEN_PARAMETER",
    "Campaign",
    "FormView",
    "Invitation",
    "SaveResult",
    "SurveyError",
    "add_partner_structure",
    "answers",
    "campaign_names",
    "close_campaign",
    "find_campaign",
    "form_view",
    "has_survey",
    "invited",
    "issue_links",
    "list_campaigns",
    "match_partner",
    "matches",
    "open_campaign",
    "resolve_token",
    "save_answer",
]

CAMPAIGN_TABLE = "survey_campaigns"
ANSWER_TABLE = "survey_answers"
#: The query parameter of a personal link: ``http://host:8501/?enquete=TOKEN``.
TOKEN_PARAMETER = "enquete"
#: Where the app runs when the coordinator does not say (``ess-graph app``'s default).
DEFAULT_BASE_URL = "http://localhost:8501/"
TOKEN_BYTES = 32
#: What a token looks like (URL-safe base64 of `TOKEN_BYTES` bytes): anything else is
#: refused before the workspace is read.
_TOKEN_SHAPE = re.compile(r"[A-Za-z0-9_-]{40,64}")
#: Neighbouring pays for ``neighbours``: territories whose centre lies within this
#: distance of a territory of the scope (an approximation of adjacency: docs/SURVEY.md).
#: 55 km gives every one of the 21 pays at least one neighbour (Brest: Cornouaille and
#: Morlaix, 52–53 km away; at 45 km Brest and Cornouaille had none).
NEIGHBOUR_KM = 55.0

register(
    {
        "survey.campaign_exists": {
            "fr": "une campagne nommée « {name} » existe déjà",
            "en": "a campaign named '{name}' already exists",
        },
        "survey.campaign_not_found": {
            "fr": "aucune campagne « {name} » dans cet espace de travail (campagnes : {known})",
            "en": "no campaign '{name}' in this workspace (campaigns: {known})",
        },
        "survey.none": {"fr": "aucune", "en": "none"},
        "survey.option_needs_workspace": {
            "fr": "--survey ne s'applique qu'à un espace de travail (fichier .sqlite), où la campagne est enregistrée : « {path} » n'en est pas un",
            "en": "--survey applies only to a workspace (a .sqlite file), where the campaign is stored: '{path}' is not one",
        },
        "survey.empty_scope": {
            "fr": "aucune structure dans le périmètre demandé ({scope}) : vérifiez les identifiants de territoire, de pôle ou de structure",
            "en": "no structure in the requested scope ({scope}): check the territory, pôle or structure ids",
        },
        "survey.unknown_scope": {
            "fr": "{what} inconnu : {values}",
            "en": "unknown {what}: {values}",
        },
        "survey.what.territory": {"fr": "territoire", "en": "territory"},
        "survey.what.pole": {"fr": "pôle", "en": "pôle"},
        "survey.what.structure": {"fr": "structure", "en": "structure"},
        "survey.no_scope": {
            "fr": "dites qui est enquêté : --territory, --pole, --structure ou --all",
            "en": "say who is surveyed: --territory, --pole, --structure or --all",
        },
        "survey.past_date": {
            "fr": "la date de clôture {value} est déjà passée : les liens ne marcheraient pas",
            "en": "the closing date {value} is already past: the links would not work",
        },
        "survey.bad_date": {
            "fr": "date de clôture illisible : « {value} » (attendu : AAAA-MM-JJ, par exemple 2027-03-31)",
            "en": "unreadable closing date: '{value}' (expected YYYY-MM-DD, e.g. 2027-03-31)",
        },
        "survey.closed": {
            "fr": "la campagne « {name} » est close depuis le {at}",
            "en": "the campaign '{name}' was closed on {at}",
        },
        "survey.empty_name": {
            "fr": "une campagne a besoin d'un nom",
            "en": "a campaign needs a name",
        },
        "survey.link_unusable": {
            "fr": "ce lien ne permet pas de répondre (lien inconnu, expiré, ou enquête close)",
            "en": "this link cannot be used to answer (unknown or expired link, or closed survey)",
        },
        "survey.answer_invalid": {
            "fr": "réponse refusée :\n{problems}",
            "en": "answer refused:\n{problems}",
        },
        "survey.not_in_roster": {
            "fr": "« {structure} » n'est pas une structure de l'espace de travail",
            "en": "'{structure}' is not a structure of the workspace",
        },
        "survey.not_invited": {
            "fr": "{structures} : pas invitée(s) dans la campagne « {name} »",
            "en": "{structures}: not invited in the campaign '{name}'",
        },
        "survey.cli.opened": {
            "fr": "campagne « {name} » ouverte : {invited} structure(s) invitée(s), {extra} autre(s) proposée(s) comme partenaires ; créez les liens avec « ess-graph survey links »",
            "en": "campaign '{name}' opened: {invited} structure(s) invited, {extra} more offered as partners; make the links with 'ess-graph survey links'",
        },
        "survey.cli.links": {
            "fr": "{n} lien(s) personnel(s) écrit(s) ; chaque lien n'est montré qu'une fois (seule son empreinte est gardée)",
            "en": "{n} personal link(s) written; each link is shown once (only its hash is kept)",
        },
        "survey.cli.no_new_link": {
            "fr": "aucun nouveau lien : chaque structure invitée a déjà le sien (--reissue pour tout refaire, --structure ID pour une structure, --not-answered pour relancer) ; rien n'a été écrit",
            "en": "no new link: every invited structure has its own already (--reissue to redo all, --structure ID for one, --not-answered for a reminder); nothing was written",
        },
        "survey.cli.status": {
            "fr": "{name}\nréponses envoyées : {answered} sur {invited} structures invitées ({rate}) ; brouillons : {drafts}\nliens déclarés : {ties} (par les deux côtés : {reciprocated} ; par un seul côté, l'autre a répondu : {answered_side} ; l'autre n'a pas répondu : {silent_side})\ntaux de réciprocité (liens déclarés par les deux côtés / liens déclarés) : {reciprocity}\npartenaires nommés hors liste : {outside} (à rapprocher : {unmatched})",
            "en": "{name}\nanswers submitted: {answered} of {invited} structures invited ({rate}); drafts: {drafts}\ndeclared ties: {ties} (by both sides: {reciprocated}; by one side, the other answered: {answered_side}; the other has not answered: {silent_side})\nreciprocity rate (ties declared by both sides / declared ties): {reciprocity}\npartners named outside the roster: {outside} (to match: {unmatched})",
        },
        "survey.cli.closed": {
            "fr": "campagne « {name} » close : les liens ne fonctionnent plus, les réponses restent",
            "en": "campaign '{name}' closed: the links no longer work, the answers stay",
        },
        "survey.cli.applied": {
            "fr": "réseau mis à jour : {confirmed} lien(s) confirmé(s), {declared} lien(s) déclaré(s) par un seul côté, {removed} retiré(s), {structures} structure(s) (besoins et offres) ; annulez avec « ess-graph workspace undo »",
            "en": "network updated: {confirmed} confirmed link(s), {declared} link(s) declared by one side, {removed} removed, {structures} structure(s) (needs and offers); undo with 'ess-graph workspace undo'",
        },
        "workspace.of.survey_campaigns": {
            "fr": "de la campagne d'enquête",
            "en": "survey campaign",
        },
        "workspace.of.survey_answers": {"fr": "de la réponse à l'enquête", "en": "survey answer"},
    }
)


class SurveyError(WorkspaceError):
    """A survey request that cannot be done; `message(lang)` says why."""

    def message(self, lang: str = DEFAULT_LANG) -> str:
        params = dict(self.params)
        if self.code == "answer_invalid":
            params["problems"] = format_problems(params.get("problem_list", []), lang)
        if self.code == "campaign_not_found" and not params.get("known"):
            params["known"] = t("survey.none", lang)
        if self.code == "unknown_scope":
            params["what"] = t(f"survey.what.{params['what']}", lang)
        return t(f"survey.{self.code}", lang, **params)

    @property
    def problems(self) -> list[Problem]:
        return list(self.params.get("problem_list", []))


_SQL = (
    f"""CREATE TABLE IF NOT EXISTS {CAMPAIGN_TABLE} (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        scope TEXT NOT NULL,
        roster_extra TEXT NOT NULL DEFAULT '[]',
        opened_at TEXT NOT NULL,
        opened_by TEXT NOT NULL,
        closes TEXT NOT NULL DEFAULT '',
        closed_at TEXT NOT NULL DEFAULT '',
        version INTEGER NOT NULL
    )""",
    """CREATE TABLE IF NOT EXISTS survey_invitations (
        campaign TEXT NOT NULL REFERENCES survey_campaigns(id),
        structure TEXT NOT NULL,
        token_hash TEXT UNIQUE,
        issued_at TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (campaign, structure)
    )""",
    f"""CREATE TABLE IF NOT EXISTS {ANSWER_TABLE} (
        campaign TEXT NOT NULL REFERENCES survey_campaigns(id),
        structure TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('draft', 'submitted')),
        answer TEXT NOT NULL,
        version INTEGER NOT NULL,
        saved_at TEXT NOT NULL,
        submitted_at TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (campaign, structure)
    )""",
    """CREATE TABLE IF NOT EXISTS survey_matches (
        campaign TEXT NOT NULL REFERENCES survey_campaigns(id),
        name_key TEXT NOT NULL,
        structure TEXT NOT NULL,
        PRIMARY KEY (campaign, name_key)
    )""",
)


def has_survey(ws: Workspace, conn: sqlite3.Connection | None = None) -> bool:
    """Does the workspace file hold survey tables (a campaign was ever opened)?"""
    conn = conn or ws.connection
    found = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [CAMPAIGN_TABLE]
    ).fetchone()
    return found is not None


def _ensure_tables(tx: Transaction) -> None:
    """Create the survey tables inside the write transaction (format 1 -> 2)."""
    if has_survey(tx.workspace, tx.conn):
        return
    for statement in _SQL:
        tx.conn.execute(statement)
    tx.set_meta("format_version", FORMAT_VERSION)


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def name_key(name: str, commune: str = "") -> str:
    """How a partner named outside the roster is recognised across answers: its name and
    commune folded (case, accents and punctuation aside).

    >>> name_key("L'Atelier Vélo", "Morlaix") == name_key("l atelier velo ", "MORLAIX")
    True
    """
    return schema.normalise_label(name) + "@" + schema.normalise_label(commune)


# Campaigns -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Campaign:
    """A survey campaign as stored."""

    id: str
    name: str
    scope: dict[str, Any]
    roster_extra: tuple[str, ...]
    opened_at: str
    opened_by: str
    closes: str
    closed_at: str
    version: int

    def is_open(self, today: date | None = None) -> bool:
        """Open: not closed, and its closing date (inclusive) not past."""
        if self.closed_at:
            return False
        if self.closes:
            return (today or date.today()).isoformat() <= self.closes
        return True


_CAMPAIGN_COLUMNS = (
    "id",
    "name",
    "scope",
    "roster_extra",
    "opened_at",
    "opened_by",
    "closes",
    "closed_at",
    "version",
)


def _campaign(row: Sequence[Any]) -> Campaign:
    values = dict(zip(_CAMPAIGN_COLUMNS, row, strict=True))
    return Campaign(
        id=values["id"],
        name=values["name"],
        scope=json.loads(values["scope"]),
        roster_extra=tuple(json.loads(values["roster_extra"])),
        opened_at=values["opened_at"],
        opened_by=values["opened_by"],
        closes=values["closes"],
        closed_at=values["closed_at"],
        version=int(values["version"]),
    )


def _campaign_values(c: Campaign) -> dict[str, str]:
    """A campaign as the journal holds it (text cells)."""
    return {
        "id": c.id,
        "name": c.name,
        "scope": json.dumps(c.scope, ensure_ascii=False, sort_keys=True),
        "roster_extra": str(len(c.roster_extra)),
        "opened_at": c.opened_at,
        "opened_by": c.opened_by,
        "closes": c.closes,
        "closed_at": c.closed_at,
    }


def _select_campaigns(
    conn: sqlite3.Connection, where: str = "", params: Sequence[Any] = ()
) -> list[Campaign]:
    sql = f"SELECT {', '.join(_CAMPAIGN_COLUMNS)} FROM {CAMPAIGN_TABLE} {where} ORDER BY opened_at, id"
    return [_campaign(r) for r in conn.execute(sql, list(params))]


def campaign_names(ws: Workspace) -> list[str]:
    """Names of the campaigns, oldest first ([] when none was ever opened)."""
    if not has_survey(ws):
        return []
    return [c.name for c in _select_campaigns(ws.connection)]


def find_campaign(ws: Workspace, name: str, conn: sqlite3.Connection | None = None) -> Campaign:
    """The campaign named `name` (or with that id); `SurveyError` when none."""
    conn = conn or ws.connection
    if has_survey(ws, conn):
        wanted = name.strip()
        found = _select_campaigns(conn, "WHERE name = ? OR id = ?", [wanted, wanted])
        if not found:
            folded = schema.normalise_label(wanted)
            found = [c for c in _select_campaigns(conn) if schema.normalise_label(c.name) == folded]
        if found:
            return found[0]
        known = ", ".join(f"« {c.name} »" for c in _select_campaigns(conn))
    else:
        known = ""
    raise SurveyError("campaign_not_found", name=name, known=known)


def _parse_closes(value: str | date | None) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    text = str(value).strip()
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        raise SurveyError("bad_date", value=text) from None


def _structures(ws: Workspace, conn: sqlite3.Connection) -> pd.DataFrame:
    rows = [r.values for r in ws.rows("structures", conn)]
    columns = ws.columns("structures", conn)
    # object: a registered column no row holds (after an undo) is NaN, filled as text
    return pd.DataFrame(rows, columns=columns, dtype=object).fillna("")


def _neighbour_territories(
    ws: Workspace, conn: sqlite3.Connection, territories: set[str], km: float
) -> set[str]:
    from ess_graph.analysis.opportunities import haversine_km

    coords = {}
    for row in ws.rows("territories", conn):
        try:
            coords[row.values["id"]] = (float(row.values["lat"]), float(row.values["lon"]))
        except (KeyError, ValueError):
            continue
    near = set()
    for tid, point in coords.items():
        if tid in territories:
            continue
        if any(t in coords and haversine_km(coords[t], point) <= km for t in territories):
            near.add(tid)
    return near


def _slug(name: str, taken: set[str]) -> str:
    base = schema.normalise_label(name)[:60] or "campaign"
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}_{n}", n + 1
    return slug


def open_campaign(
    ws: Workspace,
    name: str,
    *,
    who: str,
    territories: Iterable[str] = (),
    poles: Iterable[str] = (),
    structures: Iterable[str] = (),
    everyone: bool = False,
    neighbours: bool = False,
    closes: str | date | None = None,
    origin: str = "api",
) -> Campaign:
    """Open a campaign for a scope; return it.

    The structures invited are those of the workspace, at opening time, whose territory is
    one of `territories`, whose pôle is one of `poles`, or whose id is in `structures`
    (all of them with `everyone`). With `neighbours`, the structures of the territories
    whose centre lies within `NEIGHBOUR_KM` of a territory of the scope can be picked as
    partners too (they are not invited).

    Raises
    ------
    SurveyError
        ``campaign_exists`` (the same name, case and accents aside), ``no_scope``,
        ``unknown_scope`` (an id of the scope names nothing), ``empty_scope`` (no
        structure), ``bad_date``, ``past_date``, ``empty_name``.
    """
    name = " ".join(str(name).split())
    if not name:
        raise SurveyError("empty_name")
    territories, poles, structures = (
        sorted({str(v).strip() for v in values if str(v).strip()})
        for values in (territories, poles, structures)
    )
    if not (territories or poles or structures or everyone):
        raise SurveyError("no_scope")
    closes_text = _parse_closes(closes)
    if closes_text and closes_text < date.today().isoformat():
        raise SurveyError("past_date", value=closes_text)
    with ws.transaction(who=who, origin=origin) as tx:
        _ensure_tables(tx)
        # Names are found folded (`find_campaign`): « enquete 2027 » would be taken for
        # « Enquête 2027 », so it cannot name another campaign.
        folded = schema.normalise_label(name)
        for (taken,) in tx.conn.execute(f"SELECT name FROM {CAMPAIGN_TABLE}"):
            if schema.normalise_label(taken) == folded:
                raise SurveyError("campaign_exists", name=taken)
        frame = _structures(ws, tx.conn)
        for what, values, known in (
            (
                "territory",
                territories,
                set(frame["territory"]) | {r.values["id"] for r in ws.rows("territories", tx.conn)},
            ),
            (
                "pole",
                poles,
                set(frame["pole"]) | {r.values["id"] for r in ws.rows("poles", tx.conn)},
            ),
            ("structure", structures, set(frame["id"])),
        ):
            unknown = [v for v in values if v not in known]
            if unknown:
                raise SurveyError("unknown_scope", what=what, values=", ".join(unknown))
        if everyone:
            chosen = frame
        else:
            chosen = frame[
                frame["territory"].isin(territories)
                | (frame["pole"].isin(poles) & (frame["pole"] != ""))
                | frame["id"].isin(structures)
            ]
        if chosen.empty:
            scope_text = ", ".join([*territories, *poles, *structures])
            raise SurveyError("empty_scope", scope=scope_text)
        invited_ids = sorted(chosen["id"].tolist())
        extra: list[str] = []
        if neighbours and not everyone:
            near = _neighbour_territories(ws, tx.conn, set(chosen["territory"]), NEIGHBOUR_KM)
            extra = sorted(set(frame.loc[frame["territory"].isin(near), "id"]) - set(invited_ids))
        taken = {r[0] for r in tx.conn.execute(f"SELECT id FROM {CAMPAIGN_TABLE}")}
        campaign = Campaign(
            id=_slug(name, taken),
            name=name,
            scope={
                "all": bool(everyone),
                "territories": territories,
                "poles": poles,
                "structures": structures,
                "neighbours": bool(neighbours),
            },
            roster_extra=tuple(extra),
            opened_at=tx.at,
            opened_by=who,
            closes=closes_text,
            closed_at="",
            version=1,
        )
        tx.conn.execute(
            f"INSERT INTO {CAMPAIGN_TABLE} ({', '.join(_CAMPAIGN_COLUMNS)}) VALUES ({', '.join('?' * len(_CAMPAIGN_COLUMNS))})",
            [
                campaign.id,
                campaign.name,
                json.dumps(campaign.scope, ensure_ascii=False, sort_keys=True),
                json.dumps(list(extra), ensure_ascii=False),
                campaign.opened_at,
                campaign.opened_by,
                campaign.closes,
                "",
                1,
            ],
        )
        tx.conn.executemany(
            "INSERT INTO survey_invitations (campaign, structure) VALUES (?, ?)",
            [(campaign.id, sid) for sid in invited_ids],
        )
        tx.log(
            "add",
            CAMPAIGN_TABLE,
            campaign.id,
            None,
            StoredRow(CAMPAIGN_TABLE, campaign.id, 1, _campaign_values(campaign)),
        )
    return campaign


def close_campaign(ws: Workspace, name: str, *, who: str, origin: str = "api") -> Campaign:
    """Close a campaign: its links stop working at once; its answers stay."""
    with ws.transaction(who=who, origin=origin) as tx:
        campaign = find_campaign(ws, name, tx.conn)
        if campaign.closed_at:
            raise SurveyError("closed", name=campaign.name, at=campaign.closed_at[:10])
        tx.conn.execute(
            f"UPDATE {CAMPAIGN_TABLE} SET closed_at = ?, version = version + 1 WHERE id = ?",
            [tx.at, campaign.id],
        )
        closed = find_campaign(ws, campaign.id, tx.conn)
        tx.log(
            "change",
            CAMPAIGN_TABLE,
            campaign.id,
            StoredRow(CAMPAIGN_TABLE, campaign.id, campaign.version, _campaign_values(campaign)),
            StoredRow(CAMPAIGN_TABLE, campaign.id, closed.version, _campaign_values(closed)),
        )
    return closed


def list_campaigns(ws: Workspace, *, today: date | None = None) -> pd.DataFrame:
    """Every campaign with its figures.

    Returns
    -------
    DataFrame with columns ``id``, ``name``, ``opened_at``, ``opened_by``, ``closes``,
    ``closed_at``, ``open`` (bool: not closed and closing date not past), ``invited``
    (structures), ``links_issued``, ``drafts`` and ``submitted`` (answers).
    """
    columns = [
        "id",
        "name",
        "opened_at",
        "opened_by",
        "closes",
        "closed_at",
        "open",
        "invited",
        "links_issued",
        "drafts",
        "submitted",
    ]
    if not has_survey(ws):
        return pd.DataFrame(columns=columns)
    with ws.reading() as conn:
        rows = []
        for c in _select_campaigns(conn):
            invited_n, issued = conn.execute(
                "SELECT COUNT(*), COUNT(token_hash) FROM survey_invitations WHERE campaign = ?",
                [c.id],
            ).fetchone()
            counts = dict(
                conn.execute(
                    f"SELECT status, COUNT(*) FROM {ANSWER_TABLE} WHERE campaign = ? GROUP BY status",
                    [c.id],
                ).fetchall()
            )
            rows.append(
                [
                    c.id,
                    c.name,
                    c.opened_at,
                    c.opened_by,
                    c.closes,
                    c.closed_at,
                    c.is_open(today),
                    invited_n,
                    issued,
                    counts.get("draft", 0),
                    counts.get("submitted", 0),
                ]
            )
    return pd.DataFrame(rows, columns=columns)


def invited(ws: Workspace, campaign: Campaign, conn: sqlite3.Connection | None = None) -> list[str]:
    """Ids of the structures invited to answer, in id order."""
    conn = conn or ws.connection
    return [
        r[0]
        for r in conn.execute(
            "SELECT structure FROM survey_invitations WHERE campaign = ? ORDER BY structure",
            [campaign.id],
        )
    ]


# Links ---------------------------------------------------------------------------------


def personal_url(base_url: str, token: str) -> str:
    """The link a structure receives.

    >>> personal_url("https://ess.example.org/app", "abc")
    'https://ess.example.org/app?enquete=abc'
    """
    base = base_url.strip() or DEFAULT_BASE_URL
    separator = "&" if "?" in base else "?"
    return f"{base}{separator}{TOKEN_PARAMETER}={token}"


def issue_links(
    ws: Workspace,
    name: str,
    *,
    base_url: str = DEFAULT_BASE_URL,
    structures: Iterable[str] | None = None,
    reissue: bool = False,
    not_answered: bool = False,
    who: str = "",
    lang: str = DEFAULT_LANG,
) -> pd.DataFrame:
    """Issue personal links and return them, one row per structure, for a mail merge.

    Without options, every invited structure that has no token yet gets one; `reissue`
    gives every invited structure a new one. A token is shown once and stored only as a
    hash, so a link cannot be sent again: naming `structures` (those ids), or asking for
    `not_answered` (the invited structures that have not submitted: a reminder), issues
    **new** tokens for them, and their previous links stop working (a draft stays: it
    belongs to the structure, not to the link). Only the structures given a token now are
    returned.

    Returns
    -------
    DataFrame with columns ``structure`` (id), ``name``, the structures' contact columns
    (`ess_graph.workspace.privacy.contact_columns`: e-mail, phone... when the data has
    them), ``campaign``, ``closes`` and ``url``.
    """
    with ws.transaction(who=who or "survey", origin="survey-links") as tx:
        campaign = find_campaign(ws, name, tx.conn)
        if not campaign.is_open():
            raise SurveyError(
                "closed", name=campaign.name, at=(campaign.closed_at or campaign.closes)[:10]
            )
        ids = invited(ws, campaign, tx.conn)
        if structures is not None:
            wanted = [str(s).strip() for s in structures]
            missing = [s for s in wanted if s not in set(ids)]
            if missing:
                raise SurveyError("not_invited", structures=", ".join(missing), name=campaign.name)
            ids = [s for s in ids if s in set(wanted)]
        if not_answered:
            done = {
                r[0]
                for r in tx.conn.execute(
                    f"SELECT structure FROM {ANSWER_TABLE} WHERE campaign = ? AND status = 'submitted'",
                    [campaign.id],
                )
            }
            ids = [s for s in ids if s not in done]
        issued = dict(
            tx.conn.execute(
                "SELECT structure, token_hash FROM survey_invitations WHERE campaign = ?",
                [campaign.id],
            ).fetchall()
        )
        tokens: dict[str, str] = {}
        for sid in ids:
            if issued.get(sid) and not reissue and structures is None and not not_answered:
                continue
            token = secrets.token_urlsafe(TOKEN_BYTES)
            tokens[sid] = token
            tx.conn.execute(
                "UPDATE survey_invitations SET token_hash = ?, issued_at = ? WHERE campaign = ? AND structure = ?",
                [_token_hash(token), tx.at, campaign.id, sid],
            )
        frame = _structures(ws, tx.conn)
    frame = frame[frame["id"].isin(tokens)].sort_values("id")
    extras = [c for c in frame.columns if c not in schema.TABLES_BY_NAME["structures"].names]
    contacts = contact_columns(frame, extras)
    out = pd.DataFrame(
        {
            "structure": frame["id"].tolist(),
            "name": frame["name"].tolist(),
            **{c: frame[c].tolist() for c in contacts},
            "campaign": campaign.name,
            "closes": campaign.closes,
            "url": [personal_url(base_url, tokens[s]) for s in frame["id"]],
        }
    )
    # Invited structures removed from the network since the opening still get their link.
    gone = sorted(set(tokens) - set(frame["id"]))
    if gone:
        out = pd.concat(
            [
                out,
                pd.DataFrame(
                    {
                        "structure": gone,
                        "name": gone,
                        "campaign": campaign.name,
                        "closes": campaign.closes,
                        "url": [personal_url(base_url, tokens[s]) for s in gone],
                    }
                ),
            ],
            ignore_index=True,
        ).fillna("")
    return out


@dataclass(frozen=True)
class Invitation:
    """What a valid token opens: one structure's form in one campaign."""

    campaign: Campaign
    structure: str


def resolve_token(
    ws: Workspace, token: str | None, *, today: date | None = None
) -> Invitation | None:
    """The invitation a token opens, or None when it opens nothing (malformed, unknown,
    replaced by a reissue, campaign closed or past its closing date). Reads only."""
    if not token or not isinstance(token, str) or not _TOKEN_SHAPE.fullmatch(token):
        return None
    if not has_survey(ws):
        return None
    digest = _token_hash(token)
    found = ws.connection.execute(
        "SELECT campaign, structure, token_hash FROM survey_invitations WHERE token_hash = ?",
        [digest],
    ).fetchone()
    stored = found[2] if found else "0" * len(digest)
    if not hmac.compare_digest(stored, digest) or found is None:
        return None
    campaign = find_campaign(ws, found[0])
    if not campaign.is_open(today):
        return None
    return Invitation(campaign=campaign, structure=found[1])


# Answers -------------------------------------------------------------------------------


def _answer_key(campaign_id: str, structure: str) -> str:
    return json.dumps([campaign_id, structure], ensure_ascii=False, separators=(",", ":"))


@dataclass(frozen=True)
class StoredAnswer:
    structure: str
    status: str
    answer: Answer
    version: int
    saved_at: str
    submitted_at: str


def _stored_answer(row: Sequence[Any]) -> StoredAnswer:
    return StoredAnswer(
        structure=row[0],
        status=row[1],
        answer=answer_from_dict(json.loads(row[2])),
        version=int(row[3]),
        saved_at=row[4],
        submitted_at=row[5],
    )


_ANSWER_SELECT = (
    f"SELECT structure, status, answer, version, saved_at, submitted_at FROM {ANSWER_TABLE}"
)


def answers(
    ws: Workspace,
    campaign: Campaign,
    *,
    submitted_only: bool = False,
    conn: sqlite3.Connection | None = None,
) -> list[StoredAnswer]:
    """The campaign's answers, by structure id (drafts too unless `submitted_only`)."""
    conn = conn or ws.connection
    sql = _ANSWER_SELECT + " WHERE campaign = ?"
    if submitted_only:
        sql += " AND status = 'submitted'"
    return [_stored_answer(r) for r in conn.execute(sql + " ORDER BY structure", [campaign.id])]


def _answer_of(conn: sqlite3.Connection, campaign_id: str, structure: str) -> StoredAnswer | None:
    found = conn.execute(
        _ANSWER_SELECT + " WHERE campaign = ? AND structure = ?", [campaign_id, structure]
    ).fetchone()
    return None if found is None else _stored_answer(found)


def _roster(
    ws: Workspace, conn: sqlite3.Connection, campaign: Campaign
) -> dict[str, dict[str, str]]:
    """Structures a respondent may pick: invited ones and the extra roster, as they are now."""
    wanted = set(invited(ws, campaign, conn)) | set(campaign.roster_extra)
    return {
        r.values["id"]: r.values for r in ws.rows("structures", conn) if r.values["id"] in wanted
    }


@dataclass
class FormView:
    """What a respondent's form shows: nothing but its own structure, the campaign and the
    roster's names (never another structure's answer, never a figure)."""

    campaign_name: str
    closes: str
    structure: str
    structure_name: str
    roster: dict[str, dict[str, str]]
    answer: Answer
    status: str  # "", "draft" or "submitted"
    saved_at: str
    version: int = 0
    sectors: dict[str, str] = field(default_factory=dict)


_ROSTER_FIELDS = ("id", "name", "sector", "territory", "commune")


def form_view(ws: Workspace, token: str | None, *, today: date | None = None) -> FormView | None:
    """The form a token opens, or None (see `resolve_token`)."""
    invitation = resolve_token(ws, token, today=today)
    if invitation is None:
        return None
    campaign = invitation.campaign
    with ws.reading() as conn:
        roster = _roster(ws, conn, campaign)
        me = ws.get("structures", invitation.structure)
        own = _answer_of(conn, campaign.id, invitation.structure)
        sectors = {
            r.values["id"]: r.values.get("name", "") or r.values["id"]
            for r in ws.rows("sectors", conn)
        }
    roster.pop(invitation.structure, None)
    return FormView(
        campaign_name=campaign.name,
        closes=campaign.closes,
        structure=invitation.structure,
        structure_name=(me.values.get("name") if me else "") or invitation.structure,
        roster={
            sid: {f: row.get(f, "") for f in _ROSTER_FIELDS} for sid, row in sorted(roster.items())
        },
        answer=own.answer if own else Answer(),
        status=own.status if own else "",
        saved_at=own.saved_at if own else "",
        version=own.version if own else 0,
        sectors=sectors,
    )


@dataclass(frozen=True)
class SaveResult:
    """A saved answer: its status, version and the warnings of its check."""

    status: str
    version: int
    saved_at: str
    warnings: list[Problem]
    problems: list[Problem]


def save_answer(
    ws: Workspace,
    token: str | None,
    answer: Answer | Mapping[str, Any],
    *,
    submit: bool,
    today: date | None = None,
) -> SaveResult:
    """Save a structure's answer as a draft (`submit` False) or submit it.

    A draft is kept as typed, with its problems returned (the form shows them); a
    submission with an error is refused (`SurveyError` ``answer_invalid`` carrying the
    problems) and writes nothing. Submitting again replaces the structure's answer; every
    save is journaled (``who`` is ``survey:<structure id>``).

    Raises
    ------
    SurveyError
        ``link_unusable`` for a token that opens nothing (same message whatever the
        reason); ``answer_invalid``.
    """
    invitation = resolve_token(ws, token, today=today)
    if invitation is None:
        raise SurveyError("link_unusable")
    if not isinstance(answer, Answer):
        answer = answer_from_dict(answer)
    campaign = invitation.campaign
    with ws.reading() as conn:
        roster = _roster(ws, conn, campaign)
        me = ws.get("structures", invitation.structure)
    respondent = me.values if me else {"id": invitation.structure}
    roster.pop(invitation.structure, None)
    clean, problems = check_answer(answer, respondent=respondent, roster=roster)
    errors = [p for p in problems if p.is_error]
    if submit and errors:
        raise SurveyError("answer_invalid", problem_list=errors)
    kept = clean if not errors else answer
    status = "submitted" if submit else "draft"
    data = json.dumps(kept.to_dict(), ensure_ascii=False, sort_keys=True)
    key = _answer_key(campaign.id, invitation.structure)
    with ws.transaction(who=f"survey:{invitation.structure}", origin=f"survey:{campaign.id}") as tx:
        # The campaign may have been closed, or the link reissued, since the token was
        # checked: check both again under the write lock.
        current = tx.conn.execute(
            "SELECT token_hash FROM survey_invitations WHERE campaign = ? AND structure = ?",
            [campaign.id, invitation.structure],
        ).fetchone()
        if current is None or not hmac.compare_digest(current[0] or "", _token_hash(token)):
            raise SurveyError("link_unusable")
        if not find_campaign(ws, campaign.id, tx.conn).is_open(today):
            raise SurveyError("link_unusable")
        before = _answer_of(tx.conn, campaign.id, invitation.structure)
        version = 1 if before is None else before.version + 1
        submitted_at = (
            tx.at
            if submit
            else (before.submitted_at if before and before.status == "submitted" else "")
        )
        if submit is False and before is not None and before.status == "submitted":
            status = "submitted"  # a draft saved after a submission keeps the submission
            submitted_at = before.submitted_at
            if errors:
                raise SurveyError("answer_invalid", problem_list=errors)
        tx.conn.execute(
            f"INSERT INTO {ANSWER_TABLE} (campaign, structure, status, answer, version, saved_at, submitted_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (campaign, structure) DO UPDATE SET "
            "status = excluded.status, answer = excluded.answer, version = excluded.version, "
            "saved_at = excluded.saved_at, submitted_at = excluded.submitted_at",
            [campaign.id, invitation.structure, status, data, version, tx.at, submitted_at],
        )

        def journaled(st: str, text: str, v: int) -> StoredRow:
            return StoredRow(
                ANSWER_TABLE,
                key,
                v,
                {
                    "campaign": campaign.id,
                    "structure": invitation.structure,
                    "status": st,
                    "answer": text,
                },
            )

        tx.log(
            "add" if before is None else "change",
            ANSWER_TABLE,
            key,
            None
            if before is None
            else journaled(
                before.status,
                json.dumps(before.answer.to_dict(), ensure_ascii=False, sort_keys=True),
                before.version,
            ),
            journaled(status, data, version),
        )
    return SaveResult(
        status=status,
        version=version,
        saved_at=tx.at,
        warnings=[p for p in problems if not p.is_error],
        problems=problems,
    )


# Partners named outside the roster --------------------------------------------------------


def matches(
    ws: Workspace, campaign: Campaign, conn: sqlite3.Connection | None = None
) -> dict[str, str]:
    """``{name_key: structure id}`` of the partners the coordinator matched."""
    conn = conn or ws.connection
    return dict(
        conn.execute(
            "SELECT name_key, structure FROM survey_matches WHERE campaign = ?", [campaign.id]
        ).fetchall()
    )


def match_partner(
    ws: Workspace,
    name: str,
    partner_name: str,
    partner_commune: str,
    structure: str | None,
    *,
    who: str,
) -> None:
    """Say that a partner named outside the roster (by name and commune) is the structure
    `structure` of the workspace (None: forget the match). Every answer naming it so then
    counts as a declaration of that structure."""
    with ws.transaction(who=who, origin="survey-match") as tx:
        campaign = find_campaign(ws, name, tx.conn)
        key = name_key(partner_name, partner_commune)
        if structure is None:
            tx.conn.execute(
                "DELETE FROM survey_matches WHERE campaign = ? AND name_key = ?", [campaign.id, key]
            )
            return
        if tx.get("structures", structure) is None:
            raise SurveyError("not_in_roster", structure=structure)
        tx.conn.execute(
            "INSERT INTO survey_matches (campaign, name_key, structure) VALUES (?, ?, ?) "
            "ON CONFLICT (campaign, name_key) DO UPDATE SET structure = excluded.structure",
            [campaign.id, key, structure],
        )


def add_partner_structure(
    ws: Workspace,
    name: str,
    partner_name: str,
    partner_commune: str,
    values: Mapping[str, Any],
    *,
    who: str,
    origin: str = "survey-match",
) -> str:
    """Add a partner named outside the roster to the network as a new structure, then
    match it (`match_partner`). `values` are the structure's cells (``id``, ``family``,
    ``sector``, ``territory``...; ``name`` and ``commune`` default to what respondents
    typed), checked like any added row. Returns the new structure's id.

    Raises
    ------
    ValidationError, ConflictError, WorkspaceError
        As `ess_graph.workspace.edits.add_row` (nothing is added).
    SurveyError
        The campaign does not exist (checked first: nothing is added).
    """
    from ess_graph.workspace.edits import add_row

    find_campaign(ws, name)
    row = {"name": partner_name, "commune": partner_commune, **dict(values)}
    added = add_row(ws, "structures", row, who=who, origin=origin)
    match_partner(ws, name, partner_name, partner_commune, added.row.key, who=who)
    return added.row.key
