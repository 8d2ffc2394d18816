"""Streamlit's own English words, said in the UI's language where a style rule can reach them.

Streamlit 1.67 has no setting for the language of its widgets (streamlit/streamlit#1353,
#13500): their parameters change labels, placeholders and help texts, which the pages
use, but a few words are written inside streamlit's own components. Two of them sit in
the middle of the meeting and data pages and are replaced here, on screen only, by a
style rule: the file uploader's « Upload » button and the « Press Enter to apply » /
« Press Enter to submit form » hint under a text or number field while one types. The
rules target streamlit's ``data-testid`` attributes (the ones its own tests use); should a
new streamlit rename them, the English words come back and tests/app's browser test of
this module fails. What stays English is listed in docs/APP_LANGUAGE.md.
"""

from __future__ import annotations

import streamlit as st

from ess_graph_app.words import lang, tr

_FIELD = ('[data-testid="stTextInput"]', '[data-testid="stNumberInput"]')


def css_string(text: str) -> str:
    """`text` as a CSS string literal (quotes, backslashes and line ends escaped).

    >>> css_string('Entrée "ici"')
    '"Entrée \\\\"ici\\\\""'
    """
    out = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\a ")
    return f'"{out}"'


def css(code: str) -> str:
    """The style rules that put `code`'s words in place of streamlit's English ones;
    nothing for English."""
    if code == "en":
        return ""
    t = {k: css_string(tr(f"widget.{k}")) for k in ("browse", "enter_apply", "enter_submit")}
    upload = '[data-testid="stFileUploaderDropzone"] [data-testid="stMarkdownContainer"]'
    hint = [f'{f} [data-testid="InputInstructions"]' for f in _FIELD]
    in_form = [f'[data-testid="stForm"] {h}' for h in hint]
    return "\n".join(
        [
            "<style>",
            # the button's own text hidden, ours in its place (same font, same box)
            f"{upload} p {{ display: none; }}",
            f"{upload}::after {{ content: {t['browse']}; }}",
            # the hint's first part is the « Press Enter » sentence; a counter follows
            ", ".join(f"{h} > span:first-child" for h in hint) + " { display: none; }",
            ", ".join(f"{h}::before" for h in hint) + f" {{ content: {t['enter_apply']}; }}",
            ", ".join(f"{h}::before" for h in in_form) + f" {{ content: {t['enter_submit']}; }}",
            "</style>",
        ]
    )


def apply() -> None:
    """Draw the rules of the session's language on this page (nothing in English)."""
    rules = css(lang())
    if rules:
        st.html(rules)
