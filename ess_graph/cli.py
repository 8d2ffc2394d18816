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


@main.command()
@click.argument("path", type=click.Path(path_type=str))
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text: one problem per line, then a summary; json: a list of problems.",
)
@click.option(
    "--lang",
    type=click.Choice(["fr", "en"]),
    default="fr",
    show_default=True,
    help="Language of the messages.",
)
def validate(path: str, output_format: str, lang: str) -> None:
    """Check a network (folder of CSV files or .xlsx workbook) and list its problems.

    Each problem names the file or sheet, the line a spreadsheet shows (the header is
    line 1), the column, and says what is wrong. A row with an error is left out of the
    network; a warning keeps the row.

    Exit status: 0 no error, 1 at least one error, 2 usage error or unreadable path.

    \b
    Examples:
      ess-graph validate data/demo
      ess-graph validate reseau.xlsx --format json --lang en
    """
    import json

    from ess_graph.io.read import NetworkPathError, read_network, read_summary
    from ess_graph.problems import format_problems, has_errors

    try:
        net = read_network(path)
    except NetworkPathError as exc:
        click.echo(exc.message(lang), err=True)
        raise SystemExit(2) from None
    if output_format == "json":
        records = [p.to_dict(lang) for p in net.problems]
        click.echo(json.dumps(records, ensure_ascii=False, indent=2))
    else:
        if net.problems:
            click.echo(format_problems(net.problems, lang))
        click.echo(read_summary(net, lang))
    raise SystemExit(1 if has_errors(net.problems) else 0)


# --- demo (foundation) -------------------------------------------------------------


# --- metrics / export (analysis) ---------------------------------------------------


# --- app ---------------------------------------------------------------------------


if __name__ == "__main__":  # pragma: no cover
    main()
