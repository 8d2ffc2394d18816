"""The session's language and the app's words: the bottom of the app's layers.

Pages import these through `ess_graph_app.ui`; `editing` and `data`, which sit under
``ui`` (pages → ui/state → data → editing → words → library), import them from here, so
no module of the app imports one above it.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

import ess_graph.app_strings  # noqa: F401  (registers the app.* strings)
from ess_graph.i18n import DEFAULT_LANG, LANGS, t
from ess_graph_app import state


def lang() -> str:
    """The session's language (French unless the visitor chose another)."""
    value = st.session_state.get(state.W_LANG, DEFAULT_LANG)
    return value if value in LANGS else DEFAULT_LANG


def tr(key: str, **params: Any) -> str:
    """The app string ``app.<key>`` in the session's language."""
    return t(f"app.{key}", lang(), **params)


_MD_SPECIAL = set("\\`*_{}[]()#+-.!|<>~$:&")


def md(text: object) -> str:
    """A user's string made inert for markdown: every markdown character escaped.

    Names from a user's file go into headings and sentences that streamlit renders as
    markdown; escaped, ``![x](http://…)`` stays text and fetches nothing.

    >>> md("![x](http://a.b) *hi*")
    '\\\\!\\\\[x\\\\]\\\\(http\\\\://a\\\\.b\\\\) \\\\*hi\\\\*'
    """
    out = []
    for c in str(text):
        if c in _MD_SPECIAL:
            out.append("\\" + c)
        elif c in "\r\n":
            out.append(" ")
        else:
            out.append(c)
    return "".join(out)
