"""What does a person read when a command cannot do its job at all?

A folder that cannot be written, a full disk, a file that is not what it should be, a
workspace written by a newer ess_graph: each becomes **one line** naming the path and
saying what is wrong, in French or English (`failure_message`). The command line prints it
and exits 2 (`ess_graph.cli`); anything else that goes wrong is an internal error, said
as such and asked to be reported (`is_internal`).

This is not about the data: problems in rows and cells are `ess_graph.problems`.
"""

from __future__ import annotations

import errno
import os
import re
import sqlite3
import stat
from collections.abc import Sequence

from ess_graph.i18n import DEFAULT_LANG, register, t
from ess_graph.problems import Problem
from ess_graph.safe_text import terminal_text

__all__ = [
    "SpecialFileError",
    "failure_message",
    "is_internal",
    "one_line",
    "os_error_path",
    "refuse_special_file",
    "unreadable_message",
]

register(
    {
        "failure.cannot_write": {
            "fr": "écriture impossible : {path} ({reason})",
            "en": "cannot write {path}: {reason}",
        },
        "failure.cannot_read": {
            "fr": "lecture impossible : {path} ({reason})",
            "en": "cannot read {path}: {reason}",
        },
        "failure.path": {"fr": "{path} : {reason}", "en": "{path}: {reason}"},
        "failure.special_file": {
            "fr": "écriture impossible : {path} (c'est un périphérique ou un tube, pas un fichier ordinaire : il serait remplacé)",
            "en": "cannot write {path}: it is a device or a pipe, not a regular file (it would be replaced)",
        },
        "failure.stdout": {"fr": "la sortie standard", "en": "the standard output"},
        "failure.no_path": {"fr": "erreur : {reason}", "en": "error: {reason}"},
        "failure.encoding": {
            "fr": "{path} : texte illisible ({reason})",
            "en": "{path}: unreadable text ({reason})",
        },
        "failure.memory": {
            "fr": "mémoire insuffisante pour traiter {path}",
            "en": "not enough memory to process {path}",
        },
        "failure.sqlite": {
            "fr": "{path} : erreur SQLite ({reason})",
            "en": "{path}: SQLite error ({reason})",
        },
        "failure.internal": {
            "fr": "erreur interne : {error} ; signalez-la (ESS_GRAPH_DEBUG=1 affiche le détail)",
            "en": "internal error: {error}; please report it (ESS_GRAPH_DEBUG=1 shows the details)",
        },
        "failure.unreadable": {
            "fr": "rien n'a pu être lu dans {path} : {reasons}",
            "en": "nothing could be read from {path}: {reasons}",
        },
        "failure.reason.permission": {"fr": "permission refusée", "en": "permission denied"},
        "failure.reason.no_space": {
            "fr": "plus de place sur le disque",
            "en": "no space left on the disk",
        },
        "failure.reason.read_only_fs": {
            "fr": "système de fichiers en lecture seule",
            "en": "read-only file system",
        },
        "failure.reason.is_a_folder": {
            "fr": "c'est un dossier, un fichier est attendu",
            "en": "it is a folder; a file is expected",
        },
        "failure.reason.not_a_folder": {
            "fr": "un élément du chemin est un fichier, pas un dossier",
            "en": "part of the path is a file, not a folder",
        },
        "failure.reason.file_in_the_way": {
            "fr": "un fichier est là où un dossier est attendu",
            "en": "a file is where a folder is expected",
        },
        "failure.reason.not_found": {"fr": "introuvable", "en": "not found"},
        "failure.reason.name_too_long": {"fr": "nom trop long", "en": "name too long"},
        "failure.reason.io": {
            "fr": "erreur d'entrée-sortie du disque",
            "en": "disk input/output error",
        },
        "failure.reason.busy": {
            "fr": "fichier occupé par un autre programme",
            "en": "file busy (used by another program)",
        },
        "failure.reason.too_many_files": {
            "fr": "trop de fichiers ouverts",
            "en": "too many open files",
        },
    }
)

_ERRNO_REASONS = {
    errno.EACCES: "permission",
    errno.EPERM: "permission",
    errno.ENOSPC: "no_space",
    errno.EDQUOT: "no_space",
    errno.EROFS: "read_only_fs",
    errno.EISDIR: "is_a_folder",
    errno.ENOTDIR: "not_a_folder",
    # mkdir(exist_ok=True) raises EEXIST only when something that is no folder is there.
    errno.EEXIST: "file_in_the_way",
    errno.ENOENT: "not_found",
    errno.ENAMETOOLONG: "name_too_long",
    errno.EIO: "io",
    errno.EBUSY: "busy",
    errno.ETXTBSY: "busy",
    errno.EMFILE: "too_many_files",
    errno.ENFILE: "too_many_files",
}

# `ess_graph.io.write.AtomicBatch` stages ``<folder>/<name>`` as ``<folder>/.<name>.<random>.tmp``:
# the person asked for ``<name>``, so that is the name to show.
_STAGED = re.compile(r"^\.(?P<name>.+)\.[^.]+\.tmp$")


def one_line(text: str) -> str:
    """`text` as one terminal line: control characters (newlines, escape sequences...)
    are shown as escapes, never sent to the terminal.

    >>> one_line("a\\nb\\x1b[31m")
    'a\\\\nb\\\\x1b[31m'
    """
    return terminal_text(text.strip())


def os_error_path(exc: OSError) -> str | None:
    """The path an `OSError` is about, as the person named it: the target of a rename
    rather than its source, a staged file's final name rather than its temporary one.

    >>> os_error_path(PermissionError(13, "Permission denied", "out/.metrics.csv.k2j4_x9a.tmp"))
    'out/metrics.csv'
    """
    name = exc.filename2 if exc.filename2 is not None else exc.filename
    if name is None:
        return None
    name = os.fsdecode(name) if isinstance(name, bytes) else str(name)
    head, tail = os.path.split(name)
    staged = _STAGED.match(tail)
    return os.path.join(head, staged.group("name")) if staged else name


class SpecialFileError(Exception):
    """An output path that is a device, a pipe or a socket: our writers replace the file
    they write (temporary file, then rename), which would put a regular file in place of
    ``/dev/null`` or a named pipe."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = os.fspath(path)
        super().__init__(self.message("en"))

    def message(self, lang: str = DEFAULT_LANG) -> str:
        return t("failure.special_file", lang, path=self.path)


def refuse_special_file(path: str | os.PathLike[str]) -> None:
    """Raise `SpecialFileError` when `path` exists and is neither a regular file nor a
    folder (a missing path, a file or a folder pass).

    >>> refuse_special_file("/dev/null")
    Traceback (most recent call last):
    ...
    ess_graph.failures.SpecialFileError: cannot write /dev/null: it is a device or a pipe, not a regular file (it would be replaced)
    """
    try:
        mode = os.stat(path).st_mode
    except (OSError, ValueError):
        return  # missing or unreachable: the writer says why
    if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
        raise SpecialFileError(path)


def _within(path: str, folder: str) -> bool:
    """Is `path` the path `folder` or inside it (both as given, made absolute)?"""
    a, b = os.path.abspath(path), os.path.abspath(folder)
    return a == b or a.startswith(b.rstrip(os.sep) + os.sep)


def _os_reason(exc: OSError, lang: str) -> str:
    key = _ERRNO_REASONS.get(exc.errno) if exc.errno is not None else None
    if key is not None:
        return t(f"failure.reason.{key}", lang)
    return exc.strerror or str(exc) or type(exc).__name__


def is_internal(exc: BaseException) -> bool:
    """True when `exc` is none of the failures a person can act on: a bug to report."""
    if callable(getattr(exc, "message", None)):
        return False
    return not isinstance(exc, OSError | sqlite3.Error | UnicodeError | MemoryError)


def failure_message(
    exc: BaseException,
    lang: str = DEFAULT_LANG,
    *,
    path: str | os.PathLike[str] | None = None,
    action: str | None = None,
) -> str:
    """One line saying what went wrong, for a person.

    Parameters
    ----------
    exc : BaseException
        What was raised. Domain errors that carry ``message(lang)`` (workspace, reading,
        report scope) say it themselves.
    lang : {"fr", "en"}
    path : path, optional
        The path the command was working on; used when `exc` names none (a full disk
        while writing, an SQLite error).
    action : {"read", "write"}, optional
        What the command was doing with `path`, to say "cannot write ..." or "cannot read ...".

    Examples
    --------
    >>> failure_message(PermissionError(13, "Permission denied", "/srv/out"), "en", action="write")
    'cannot write /srv/out: permission denied'
    >>> failure_message(OSError(28, "No space left on device"), "fr", path="out", action="write")
    'écriture impossible : out (plus de place sur le disque)'
    """
    shown = None if path is None else os.fspath(path)
    message = getattr(exc, "message", None)
    if callable(message):
        return one_line(str(message(lang)))
    if isinstance(exc, OSError):
        where = os_error_path(exc) or shown
        reason = _os_reason(exc, lang)
        if shown is not None and where is not None:
            if _within(where, shown):
                # As the person typed it (tempfile gives absolute paths).
                rest = os.path.relpath(os.path.abspath(where), os.path.abspath(shown))
                where = shown if rest == "." else os.path.join(shown, rest)
            else:
                # The failure is on a parent of the path asked for (a folder that cannot
                # be created): name what was asked for, then where it failed.
                reason = f"{where} : {reason}" if lang == "fr" else f"{where}: {reason}"
                where = shown
        if where is None:
            return one_line(t("failure.no_path", lang, reason=reason))
        key = {"write": "failure.cannot_write", "read": "failure.cannot_read"}.get(
            action or "", "failure.path"
        )
        return one_line(t(key, lang, path=where, reason=reason))
    if isinstance(exc, sqlite3.Error):
        from ess_graph.workspace.store import sqlite_failure

        failure = sqlite_failure(exc, shown or "?")
        if failure is not None:
            return one_line(failure.message(lang))
        return one_line(t("failure.sqlite", lang, path=shown or "?", reason=str(exc)))
    if isinstance(exc, UnicodeError):
        return one_line(t("failure.encoding", lang, path=shown or "?", reason=str(exc)))
    if isinstance(exc, MemoryError):
        return one_line(t("failure.memory", lang, path=shown or "?"))
    error = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
    return one_line(t("failure.internal", lang, error=error))


def unreadable_message(
    problems: Sequence[Problem], rows_read: int, path: str, lang: str = DEFAULT_LANG
) -> str | None:
    """One line when nothing at all could be read from `path` (no row in any table, and
    errors about whole files: missing tables, a damaged or binary file), else None.

    A network whose rows were all refused one by one is not "unreadable": its row-level
    problems are the answer, listed as `validate` lists them.
    """
    if rows_read:
        return None
    errors = [p for p in problems if p.is_error]
    if not errors or any(p.line for p in errors):
        return None
    reasons = []
    for p in errors:
        text = p.message(lang)
        if p.file and p.file not in text:
            text = f"{p.file} : {text}" if lang == "fr" else f"{p.file}: {text}"
        if text not in reasons:
            reasons.append(text)
    shown = " ; ".join(reasons[:3]) if lang == "fr" else "; ".join(reasons[:3])
    if len(reasons) > 3:
        shown += f" (+{len(reasons) - 3})"
    return one_line(t("failure.unreadable", lang, path=path, reasons=shown))
