"""The `ess-graph` command line: thin commands over the library.

Each command parses its options, calls one library function, formats the result and turns
domain errors into a clean message and exit code (0 ok, 1 data errors, 2 usage error or
unreadable path). No analysis is done here.
"""

from __future__ import annotations

import click

from ess_graph import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="ess-graph")
def main() -> None:
    """Map and analyse cooperation between the ESS structures of Brittany.

    \b
    Example:
      ess-graph validate data/demo
    """


# --- validate (foundation) ---------------------------------------------------------


# --- demo (foundation) -------------------------------------------------------------


# --- metrics / export (analysis) ---------------------------------------------------


# --- app ---------------------------------------------------------------------------


if __name__ == "__main__":  # pragma: no cover
    main()
