"""Can a network be shared with researchers without the personal data it may hold?

`pseudonymise` returns a copy of a network fit for research under the GDPR's
data-minimisation principle (art. 5(1)(c)):

- structure ids **and names** become the same stable salted hash: ``s_`` followed by the
  first 12 hex characters of HMAC-SHA256(salt, id). The same salt gives the same
  pseudonyms (two exports can be compared), another salt gives others; without the salt
  nobody can test a guess. Link endpoints are rewritten accordingly;
- by default **every extra column of structures is dropped**, and so are the
  structures' ``commune``, ``lat`` and ``lon`` (a small commune plus a sector can point
  at one organisation), and the free-text ``note`` of links;
- in every other table, extra columns that look like contacts are dropped: by their name
  (`CONTACT_WORDS`, `CONTACT_PREFIXES`) or because one of their cells looks like an
  e-mail address or a phone number (`EMAIL_RE`, `PHONE_RE`);
- kept: family, sector, territory, pôle, employees, founded; pôles, partners,
  territories and sectors (public bodies), and links (kind, since, weight, status), so
  the cooperation graph keeps its shape and every metric can be recomputed.

The salt is read from a file, or generated and written beside the export (mode 0600):
keep it apart from the shared files.
"""

from __future__ import annotations

import dataclasses
import hashlib
import hmac
import os
import re
import secrets
from collections.abc import Iterable
from pathlib import Path

import numpy as np
import pandas as pd

from ess_graph.network import Network
from ess_graph.schema import TABLES_BY_NAME, normalise_label

__all__ = [
    "CONTACT_PREFIXES",
    "CONTACT_WORDS",
    "EMAIL_RE",
    "PHONE_RE",
    "PSEUDONYM_PREFIX",
    "contact_columns",
    "is_contact_column",
    "load_or_create_salt",
    "pseudonym",
    "pseudonymise",
]

PSEUDONYM_PREFIX = "s_"
PSEUDONYM_HEX = 12

#: A column whose name (normalised: lower case, no accents, "_" between words) has one of
#: these words is a contact column.
CONTACT_WORDS: frozenset[str] = frozenset(
    {
        "contact",
        "contacts",
        "email",
        "mail",
        "courriel",
        "phone",
        "telephone",
        "tel",
        "mobile",
        "portable",
        "fax",
        "nom",
        "prenom",
        "person",
        "personne",
        "responsable",
        "referent",
        "referente",
        "adresse",
        "address",
        "sms",
        # roles held by one person: the column holds that person's name
        "animateur",
        "animatrice",
        "directeur",
        "directrice",
        "president",
        "presidente",
        "tresorier",
        "tresoriere",
        "secretaire",
        "coordinateur",
        "coordinatrice",
        "gerant",
        "gerante",
        "dirigeant",
        "dirigeante",
    }
)
#: ... or a word starting with one of these (``email1``, ``telephone_fixe``, ``mailing``).
CONTACT_PREFIXES: tuple[str, ...] = (
    "email",
    "e_mail",
    "mail",
    "courriel",
    "phone",
    "telephone",
    "contact",
    "adresse",
    "address",
)
#: An e-mail address: its parts bounded by the lengths SMTP allows (RFC 5321: 64
#: characters before the ``@``, 255 after), so that a search runs in linear time; with
#: ``+`` a 200 kB cell without ``@`` took minutes (every start scanned to the end).
EMAIL_RE = re.compile(r"[^@\s]{1,64}@[^@\s]{1,255}\.[A-Za-z]{2,}")
#: Nine to fifteen digits, with optional spaces, dots, dashes and a leading ``+`` or
#: ``00`` country code: French numbers (``02 98 00 00 00``, ``+33 2 98...``) and most
#: others. A SIRET number (14 digits) matches too: dropping it errs on the safe side.
PHONE_RE = re.compile(r"(?:\+|\b00)?\d(?:[ .\-]?\d){8,14}\b")

#: Structure columns blanked by default (they can single out an organisation).
STRUCTURE_LOCATION = ("commune", "lat", "lon")


def is_contact_column(name: str) -> bool:
    """Does a column name say it holds contact details?

    >>> [is_contact_column(c) for c in ("Email", "téléphone", "nom_contact", "full_name", "nombre")]
    [True, True, True, False, False]
    """
    label = normalise_label(name)
    words = label.split("_")
    if any(w in CONTACT_WORDS for w in words):
        return True
    return any(label.startswith(p) or f"_{p}" in f"_{label}" for p in CONTACT_PREFIXES)


def _looks_like_contact(values: pd.Series) -> bool:
    text = values.astype(str)
    return bool(
        text.str.contains(EMAIL_RE, regex=True).any()
        or text.str.contains(PHONE_RE, regex=True).any()
    )


def contact_columns(frame: pd.DataFrame, columns: Iterable[str]) -> list[str]:
    """Those of `columns` that look like contacts, by name or by content."""
    return [c for c in columns if is_contact_column(c) or _looks_like_contact(frame[c])]


def pseudonym(value: str, salt: bytes) -> str:
    """The stable pseudonym of an id.

    >>> pseudonym("s0001", b"salt") == pseudonym("s0001", b"salt")
    True
    >>> pseudonym("s0001", b"salt") != pseudonym("s0001", b"pepper")
    True
    >>> len(pseudonym("s0001", b"salt"))
    14
    """
    digest = hmac.new(salt, value.encode("utf-8"), hashlib.sha256).hexdigest()
    return PSEUDONYM_PREFIX + digest[:PSEUDONYM_HEX]


def load_or_create_salt(path: str | os.PathLike[str]) -> bytes:
    """The salt in file `path` (its text, stripped), or a new random one written there."""
    p = Path(path)
    if p.exists():
        salt = p.read_bytes().strip()
        if not salt:
            raise ValueError(f"the salt file {p} is empty")
        return salt
    salt = secrets.token_hex(32).encode("ascii")
    p.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(p, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(salt + b"\n")
        handle.flush()
        os.fsync(handle.fileno())
    return salt


def _extras(frame: pd.DataFrame, table: str) -> list[str]:
    names = TABLES_BY_NAME[table].names
    return [c for c in frame.columns if c not in names]


def without_personal_data(net: Network) -> tuple[Network, dict[str, list[str]]]:
    """The network without the extra columns that look like contact details.

    A column goes when its name says so (`is_contact_column`) or when one of its values
    looks like an e-mail address or a phone number. Ids, names and every column of the
    data contract stay: this is what an ordinary export writes (GDPR art. 5(1)(c), data
    minimisation); `pseudonymise` goes further for research.

    Returns
    -------
    (Network, dict)
        The copy, and {table: [dropped columns]} for the tables that lost some.

    >>> import pandas as pd
    >>> from ess_graph.network import Network
    >>> s = pd.DataFrame({"id": ["s1"], "name": ["A"], "family": ["association"],
    ...                   "sector": ["culture"], "territory": ["brest"], "pole": [""],
    ...                   "contact_email": ["a@b.fr"], "budget": ["12000"]})
    >>> empty = pd.DataFrame()
    >>> net = Network(s, empty, empty, pd.DataFrame(columns=["source", "target", "kind"]),
    ...               empty, empty)
    >>> clean, dropped = without_personal_data(net)
    >>> list(clean.structures.columns), dropped
    (['id', 'name', 'family', 'sector', 'territory', 'pole', 'budget'], {'structures': ['contact_email']})
    """
    dropped: dict[str, list[str]] = {}
    frames = {}
    for table, frame in net.tables().items():
        drop = contact_columns(frame, _extras(frame, table)) if len(frame.columns) else []
        if drop:
            dropped[table] = drop
        frames[table] = frame.drop(columns=drop)
    clean = dataclasses.replace(net, **frames)
    return clean, dropped


def pseudonymise(
    net: Network, salt: bytes, *, keep_structure_columns: bool = False, keep_location: bool = False
) -> Network:
    """A pseudonymised copy of `net` (see the module docstring); `net` is not changed.

    Parameters
    ----------
    net : Network
    salt : bytes
        Secret salt of the HMAC (`load_or_create_salt`).
    keep_structure_columns : bool, default False
        Keep the structures' extra columns that do not look like contacts.
    keep_location : bool, default False
        Keep the structures' commune and coordinates.

    Returns
    -------
    Network
        Same tables and columns (minus the dropped ones), ``problems`` empty,
        ``meta["pseudonymised"] = True``.
    """
    if not salt:
        raise ValueError("an empty salt gives no protection")
    s = net.structures.copy()
    ids = s["id"].astype(str)
    mapping = {i: pseudonym(i, salt) for i in ids}
    if len(set(mapping.values())) != len(mapping):  # 48 bits: practically never
        raise ValueError("two structures got the same pseudonym; use another salt")
    s["id"] = ids.map(mapping)
    s["name"] = s["id"]
    if not keep_location:
        s["commune"] = ""
        s["lat"] = np.nan
        s["lon"] = np.nan
    extras = _extras(s, "structures")
    drop = extras if not keep_structure_columns else contact_columns(s, extras)
    s = s.drop(columns=drop)

    links = net.links.copy()
    for end in ("source", "target"):
        links[end] = links[end].map(lambda v: mapping.get(v, v))
    links["note"] = ""
    if _looks_like_contact(links["source_of_information"]):
        links["source_of_information"] = ""
    links = links.drop(columns=contact_columns(links, _extras(links, "links")))

    def minimised(frame: pd.DataFrame, table: str) -> pd.DataFrame:
        return frame.drop(columns=contact_columns(frame, _extras(frame, table)))

    return Network(
        structures=s.reset_index(drop=True),
        poles=minimised(net.poles, "poles"),
        partners=minimised(net.partners, "partners"),
        links=links.reset_index(drop=True),
        territories=minimised(net.territories, "territories"),
        sectors=minimised(net.sectors, "sectors"),
        problems=[],
        source=net.source,
        is_demo=net.is_demo,
        meta={
            "pseudonymised": True,
            **(
                {"fictional_text": net.meta["fictional_text"]}
                if "fictional_text" in net.meta
                else {}
            ),
        },
    )
