"""May this person edit the workspace? The facilitator password check.

Editing is open to everyone by default (a local machine at a meeting). When a facilitator
password is configured, editing needs it. The password is read from the environment
variable ``ESS_GRAPH_FACILITATOR_PASSWORD``, else from the TOML file named by
``ESS_GRAPH_CONFIG`` (key ``facilitator_password``); it is never in the code, never
logged, never shown, and compared in constant time (`hmac.compare_digest`).
"""

from __future__ import annotations

import hmac
import os
import tomllib
from pathlib import Path

__all__ = [
    "CONFIG_ENV",
    "PASSWORD_ENV",
    "PASSWORD_KEY",
    "check_facilitator_password",
    "facilitator_password_configured",
]

PASSWORD_ENV = "ESS_GRAPH_FACILITATOR_PASSWORD"
CONFIG_ENV = "ESS_GRAPH_CONFIG"
PASSWORD_KEY = "facilitator_password"


def _configured() -> str | None:
    value = os.environ.get(PASSWORD_ENV)
    if value:
        return value
    config = os.environ.get(CONFIG_ENV)
    if not config:
        return None
    try:
        with Path(config).open("rb") as handle:
            data = tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError):
        # A configured but unreadable file must not open editing to everyone: treat it as
        # a password nobody can give. (The error is not shown: it could quote the file.)
        return "\x00unreadable-config\x00"
    value = data.get(PASSWORD_KEY)
    if value is None or value == "":
        return None
    return str(value)


def facilitator_password_configured() -> bool:
    """True when editing needs the facilitator password."""
    return _configured() is not None


def check_facilitator_password(given: str | None) -> bool:
    """True when `given` may edit: no password configured, or `given` is the password.

    A configuration file that is named but cannot be read keeps editing closed.
    """
    expected = _configured()
    if expected is None:
        return True
    if not given:
        return False
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))
