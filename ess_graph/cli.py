"""The `ess-graph` command line: thin commands over the library.

Each command parses its options, calls one library function, formats the result and turns
domain errors into a clean message and exit code (0 ok, 1 data errors, 2 usage error or
unreadable path). No analysis is done here.

No exception leaves a command as a traceback: the root group (`GuardedGroup`) turns a
file-system or domain failure into one line on stderr naming the path (the command says
which path it is reading or writing with `_doing`) and exit 2, and anything unexpected
into one "internal error" line, with the traceback only when ``ESS_GRAPH_DEBUG=1``.
"""

from __future__ import annotations

import contextlib
import errno
import os
from pathlib import Path

import click

from ess_graph import __version__
from ess_graph.safe_text import json_text, terminal_text

#: Set to 1 to see the traceback of a failure as well as its one line.
DEBUG_ENV = "ESS_GRAPH_DEBUG"
_LANG_KEY = "ess_graph.lang"
_DOING_KEY = "ess_graph.doing"


def _doing(action: str, path: object) -> None:
    """Say which path the running command is reading or writing ("read", "write",
    "open"): a failure that names no path of its own (a full disk, SQLite) names this one.
    Before writing, a device or a pipe is refused (the writer would replace it)."""
    ctx = click.get_current_context(silent=True)
    if ctx is not None:
        ctx.meta[_DOING_KEY] = (action, str(path))
    if action == "write":
        from ess_graph.failures import refuse_special_file

        refuse_special_file(str(path))


def _exit_code(exc: BaseException) -> int:
    """1 for a refused change (conflict, invalid row, nothing to undo...), else 2."""
    from ess_graph.workspace.edits import ValidationError
    from ess_graph.workspace.store import ConflictError

    if isinstance(exc, ConflictError | ValidationError):
        return 1
    if getattr(exc, "code", "") in ("in_use", "nothing_to_undo", "snapshot_exists", "id_taken"):
        return 1
    return 2


def _fail(ctx: click.Context, exc: BaseException) -> None:
    """Print the one line of `exc` on stderr (and its traceback with ESS_GRAPH_DEBUG=1),
    then exit: 2, or 1 for a refused change."""
    from ess_graph.failures import failure_message
    from ess_graph.i18n import t

    lang = ctx.meta.get(_LANG_KEY, "fr")
    action, path = ctx.meta.get(_DOING_KEY, (None, None))
    if isinstance(exc, OSError) and _from_echo(exc):
        # `ess-graph validate x > /dev/full`: the output stream failed, not the path.
        action, path = "write", t("failure.stdout", lang)
    with contextlib.suppress(OSError):  # stderr itself may be gone: the exit code stays
        if os.environ.get(DEBUG_ENV, "") not in ("", "0"):
            import traceback

            click.echo("".join(traceback.format_exception(exc)).rstrip(), err=True)
        _echo(failure_message(exc, lang, path=path, action=action), err=True)
    raise SystemExit(_exit_code(exc))


def _from_echo(exc: BaseException) -> bool:
    """Was `exc` raised while printing (click.echo)?"""
    tb = exc.__traceback__
    while tb is not None:
        code = tb.tb_frame.f_code
        if code.co_name == "echo" and tb.tb_frame.f_globals.get("__name__") == "click.utils":
            return True
        tb = tb.tb_next
    return False


class GuardedGroup(click.Group):
    """The root command group: whatever a command raises ends as one line and an exit
    code, never as a traceback (click's own usage errors, exits and Ctrl+C aside)."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except OSError as exc:
            if exc.errno == errno.EPIPE:  # `ess-graph workspace log | head`: click handles it
                raise
            _fail(ctx, exc)
        except Exception as exc:  # the guard: nothing escapes as a traceback
            _fail(ctx, exc)


#: Paths are checked by the commands, which say what is wrong in one line naming the path
#: (click's own readability check prints a three-line usage error instead).
_PATH = click.Path(path_type=str, readable=False)


def _remember_lang(ctx: click.Context, param: click.Parameter, value: str) -> str:
    ctx.meta[_LANG_KEY] = value
    return value


@click.group(cls=GuardedGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="ess-graph")
def main() -> None:
    """Map and analyse cooperation between the ESS structures of Brittany.

    \b
    Example:
      ess-graph validate data/demo
    """


def _echo(text: str, *, err: bool = False) -> None:
    """Print a message that may hold text from the data: its control characters are
    shown escaped (`ess_graph.safe_text.terminal_text`), its own line breaks kept."""
    click.echo(terminal_text(text, keep="\n\t"), err=err)


def _lang_option(help_text: str):
    """The `--lang fr|en` option every command shares (French by default)."""
    return click.option(
        "--lang",
        type=click.Choice(["fr", "en"]),
        default="fr",
        show_default=True,
        help=help_text,
        callback=_remember_lang,
    )


# --- validate (foundation) ---------------------------------------------------------


@main.command()
@click.argument("path", type=_PATH)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text: one problem per line, then a summary; json: a list of problems.",
)
@_lang_option("Language of the messages.")
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
    from ess_graph.io.read import NetworkPathError, read_network, read_summary
    from ess_graph.problems import format_problems, has_errors

    _doing("read", path)
    try:
        net = read_network(path)
    except NetworkPathError as exc:
        _echo(exc.message(lang), err=True)
        raise SystemExit(2) from None
    if output_format == "json":
        records = [p.to_dict(lang) for p in net.problems]
        click.echo(json_text(records, indent=2))
    else:
        if net.problems:
            click.echo(format_problems(net.problems, lang))
        click.echo(read_summary(net, lang))
    raise SystemExit(1 if has_errors(net.problems) else 0)


# --- demo (foundation) -------------------------------------------------------------


@main.command()
@click.option(
    "--structures",
    "n_structures",
    type=click.IntRange(min=1),
    default=250,
    show_default=True,
    help="Number of structures (2,500 / 25,000 / 250,000 for benchmarks).",
)
@click.option("--seed", type=int, default=2009, show_default=True, help="Seed of the generator.")
@click.option(
    "--out",
    "out",
    required=True,
    type=_PATH,
    help="Output folder (csv), or .xlsx file (xlsx; a folder gets demo.xlsx inside).",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["csv", "xlsx"]),
    default="csv",
    show_default=True,
    help="csv: one UTF-8 file per table and FICTIONAL.md; xlsx: one workbook.",
)
@_lang_option("Language of the messages.")
def demo(n_structures: int, seed: int, out: str, output_format: str, lang: str) -> None:
    """Write the fictional demo network of the ESS pôles of Brittany.

    Real where the CRES Bretagne leaflet of 2009 is real (the 21 pays, the pôles of its
    14 territories, the public partners it names); the structures and their links are
    invented, and FICTIONAL.md (or the sheet "fictional") says so. The same seed and
    number of structures give the same files.

    Exit status: 0 written, 2 usage error or unwritable output.

    \b
    Examples:
      ess-graph demo --out data/demo
      ess-graph demo --structures 25000 --seed 7 --out /tmp/big
      ess-graph demo --out demo.xlsx --format xlsx
    """
    from pathlib import Path

    from ess_graph.demo import write_demo
    from ess_graph.i18n import t

    target = Path(out)
    if output_format == "xlsx" and target.suffix.lower() != ".xlsx":
        target = target / "demo.xlsx"
    _doing("write", target)
    net = write_demo(target, n_structures, seed, format=output_format)
    click.echo(
        t(
            "demo.written",
            lang,
            path=str(target),
            structures=len(net.structures),
            links=len(net.links),
            seed=seed,
        )
    )


# --- metrics / export (analysis) ---------------------------------------------------


def _exit_if_unreadable(problems, rows_read: int, path: str, lang: str) -> None:
    """Nothing at all could be read from `path` (a damaged workbook, a folder without
    tables): one line and exit 2 rather than a list of missing tables and an empty run."""
    from ess_graph.failures import unreadable_message

    unreadable = unreadable_message(problems, rows_read, path, lang)
    if unreadable is not None:
        _echo(unreadable, err=True)
        raise SystemExit(2)


def _rows(net) -> int:
    return sum(len(frame) for frame in net.tables().values())


def _is_workspace_file(path: str) -> bool:
    return path.lower().endswith((".sqlite", ".sqlite3", ".db")) and os.path.isfile(path)


def _read_for_analysis(path: str, lang: str):
    """Read a network (folder, workbook or workspace file) for a command that computes on
    it: problems go to stderr, an unreadable path exits 2, nothing valid exits 1."""
    from ess_graph.io.read import NetworkPathError, read_network
    from ess_graph.problems import format_problems

    _doing("read", path)
    try:
        if _is_workspace_file(path):
            from ess_graph.workspace.store import Workspace

            with Workspace(path) as ws:
                net = ws.network()
        else:
            net = read_network(path)
    except NetworkPathError as exc:
        _echo(exc.message(lang), err=True)
        raise SystemExit(2) from None
    _exit_if_unreadable(net.problems, _rows(net), path, lang)
    if net.problems:
        click.echo(format_problems(net.problems, lang), err=True)
    if net.structures.empty:
        click.echo(
            "aucune structure valide : rien à calculer"
            if lang == "fr"
            else "no valid structure: nothing to compute",
            err=True,
        )
        raise SystemExit(1)
    return net


_LANG_OPTION = _lang_option("Language of messages and of worded columns (gaps, reasons).")


def _survey_option(help_text: str):
    return click.option("--survey", "survey", default=None, metavar="CAMPAIGN", help=help_text)


def _check_survey_path(survey: str | None, path: str, lang: str) -> None:
    """--survey reads a campaign from the workspace file PATH: any other existing PATH
    is one line and exit 2, before anything is read (a missing one is reported by the
    reader)."""
    if survey is None or _is_workspace_file(path) or not os.path.exists(path):
        return
    from ess_graph.i18n import t

    _echo(t("survey.option_needs_workspace", lang, path=path), err=True)
    raise SystemExit(2)


def _read_campaign(path: str, name: str, lang: str):
    """The campaign `name` of the workspace file `path` (`follow.campaign_data`); an
    unknown campaign is one line (the known ones listed) and exit 2, as an unknown id."""
    from ess_graph.survey import follow
    from ess_graph.survey.campaigns import SurveyError
    from ess_graph.workspace.store import Workspace

    _doing("read", path)
    with Workspace(path) as ws:
        try:
            return follow.campaign_data(ws, name)
        except SurveyError as exc:
            _echo(exc.message(lang), err=True)
            raise SystemExit(2) from None


#: Which declared links (named by one side only in a partnership survey) count as ties:
#: `ess_graph.network.TIES_RULES`, defined in docs/METRICS.md ("Declared ties").
_TIES_OPTION = click.option(
    "--ties",
    type=click.Choice(["confirmed", "union", "reciprocated"]),
    default="confirmed",
    show_default=True,
    help="Which links declared by one side only (status 'declared', from a partnership "
    "survey) count as ties. confirmed: none, only confirmed links count; union: a tie "
    "declared by either side counts; reciprocated: a declared tie counts only when both "
    "structures declared each other. Proposed links keep --include-proposed.",
)


@main.command()
@click.argument("path", type=_PATH)
@click.option("--out", "out", required=True, type=_PATH, help="Output folder.")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["csv", "xlsx"]),
    default="csv",
    show_default=True,
    help="csv: one UTF-8 file per table; xlsx: one workbook (metrics.xlsx) with the same sheets.",
)
@click.option("--seed", default=2009, show_default=True, help="Seed of every random step.")
@click.option(
    "--permutations",
    default=1000,
    show_default=True,
    help="Relabellings of the E-I permutation test.",
)
@click.option(
    "--opportunities",
    "opportunities_k",
    default=200,
    show_default=True,
    help="Number of partnership suggestions written to opportunities.csv, per ranking.",
)
@click.option(
    "--ranking",
    "opportunities_ranking",
    type=click.Choice(["both", "probable", "strategic"]),
    default="both",
    show_default=True,
    help="Which ranking of opportunities: probable (the ties most likely to form), "
    "strategic (the pôles' aim: cross-sector pairs, gaps, needs matched by offers) or "
    "both (told apart by the column ranking). docs/OPPORTUNITIES_EVALUATION.md measures "
    "both.",
)
@click.option(
    "--include-proposed",
    is_flag=True,
    help="Count links whose status is 'proposed' (excluded by default).",
)
@_TIES_OPTION
@_survey_option(
    "A partnership survey campaign of the workspace PATH (name or id): reciprocity and "
    "declarations are computed from its submitted answers, where who answered is known, "
    "instead of from the network's declared links. PATH must be a workspace .sqlite file."
)
@click.option("--strict", is_flag=True, help="Exit 1 when the input has any error.")
@_LANG_OPTION
def metrics(
    path: str,
    out: str,
    output_format: str,
    seed: int,
    permutations: int,
    opportunities_k: int,
    opportunities_ranking: str,
    include_proposed: bool,
    ties: str,
    survey: str | None,
    strict: bool,
    lang: str,
) -> None:
    """Compute the researchers' tables of a network and write them to a folder.

    Writes structures, groups, sector_mixing, sector_mixing_ratio, gaps, opportunities,
    poles and network (CSV files, or one workbook) and metadata.json (version, input
    hashes, parameters, seeds, run time, problems); when the network has declared links
    (one side of a partnership survey), also reciprocity and declarations, from those
    links, or with --survey from the campaign's answers. The codebook is
    docs/METRICS.md.
    Metrics are computed on the valid rows; problems are printed as `validate` does.

    Exit status: 0 written, 1 nothing valid to compute on (or any error with --strict),
    2 usage error (unknown campaign; --survey with a PATH that is no workspace),
    unreadable path or unwritable output.

    \b
    Examples:
      ess-graph metrics data/demo --out out/metrics
      ess-graph metrics reseau.xlsx --out out/metrics --format xlsx --seed 7
      ess-graph metrics data/demo --out out/metrics --ranking probable
      ess-graph metrics enquete.xlsx --out out/metrics --ties reciprocated
      ess-graph metrics reseau.sqlite --out out/metrics --survey "Enquête 2027"
    """
    from ess_graph.metrics import (
        MetricsParameters,
        SurveyDeclarations,
        compute_metrics,
        write_metrics,
    )
    from ess_graph.problems import has_errors

    _check_survey_path(survey, path, lang)
    net = _read_for_analysis(path, lang)
    if strict and has_errors(net.problems):
        raise SystemExit(1)
    declared = None
    if survey is not None:
        from ess_graph.survey import follow

        campaign = _read_campaign(path, survey, lang)
        declared = SurveyDeclarations(follow.declaration_graph(campaign), campaign.campaign.name)
    params = MetricsParameters(
        seed=seed,
        n_permutations=permutations,
        opportunities_k=opportunities_k,
        opportunities_ranking=opportunities_ranking,
        include_proposed=include_proposed,
        ties=ties,
        lang=lang,
    )
    result = compute_metrics(net, params, survey=declared)
    _doing("write", out)
    written = write_metrics(result, out, format=output_format)
    for written_path in written:
        click.echo(str(written_path))


@main.command()
@click.argument("path", type=_PATH)
@click.option(
    "--format",
    "graph_format",
    type=click.Choice(["gexf", "graphml", "json"]),
    default=None,
    help="Graph format (default: from the extension of --out).",
)
@click.option(
    "--graph",
    "which",
    type=click.Choice(["cooperation", "typed"]),
    default="cooperation",
    show_default=True,
    help="cooperation: the structures and their ties, the graph every metric is computed "
    "on (degrees in Gephi match the exported degree); typed: structures, pôles, "
    "partners, territories and sectors with every link. Attributes: docs/METRICS.md.",
)
@click.option("--out", "out", required=True, type=_PATH, help="Output file.")
@click.option("--seed", default=2009, show_default=True, help="Seed of every random step.")
@click.option("--include-proposed", is_flag=True, help="Keep links whose status is 'proposed'.")
@_TIES_OPTION
@_LANG_OPTION
def export(
    path: str,
    graph_format: str | None,
    which: str,
    out: str,
    seed: int,
    include_proposed: bool,
    ties: str,
    lang: str,
) -> None:
    """Write the cooperation graph (or the typed graph) with the structures' metrics as
    node attributes.

    For Gephi (GEXF), yEd/Cytoscape (GraphML) or any program (JSON node-link). The file
    reads back to the same graph (`ess_graph.io.graph_formats.read_graph`).

    Exit status: 0 written, 1 nothing valid to compute on, 2 usage error, unreadable
    path or unwritable output.

    \b
    Examples:
      ess-graph export data/demo --out out/demo.gexf
      ess-graph export data/demo --graph typed --out out/demo_typed.gexf
      ess-graph export reseau.xlsx --format graphml --out reseau.graphml
    """
    from ess_graph.io.graph_formats import GraphFileError, guess_format, write_graph
    from ess_graph.metrics import MetricsParameters, compute_metrics, graph_with_metrics

    try:
        fmt = graph_format or guess_format(out)
    except GraphFileError as exc:
        raise click.UsageError(str(exc)) from None
    net = _read_for_analysis(path, lang)
    params = MetricsParameters(seed=seed, include_proposed=include_proposed, ties=ties, lang=lang)
    G = graph_with_metrics(net, compute_metrics(net, params), which)
    _doing("write", out)
    write_graph(G, out, fmt)
    click.echo(out)


# --- report (diagnostic) -----------------------------------------------------------


@main.command()
@click.argument("path", type=_PATH)
@click.option("--territory", default=None, help="Pays id (territories table), e.g. brest.")
@click.option("--pole", default=None, help="Pôle id (poles table), e.g. adess_brest.")
@click.option(
    "--compare",
    default=None,
    metavar="SNAPSHOT_OR_PATH",
    help="Earlier state to list what changed: a workspace snapshot name, or a network "
    "(folder of CSV files or .xlsx).",
)
@_survey_option(
    "A partnership survey campaign of the workspace PATH (name or id): section 6 adds its "
    "response rate in the scope (with a warning under 50 %) and the pôle's functions the "
    "scope's respondents rate most useful. PATH must be a workspace .sqlite file."
)
@click.option(
    "--out",
    "out",
    required=True,
    type=_PATH,
    help="The file: .html (a web page) or .docx (a Word document).",
)
@click.option(
    "--format",
    "report_format",
    type=click.Choice(["html", "docx"]),
    default=None,
    help="html or docx (default: from the --out suffix; html unless it is .docx).",
)
@click.option("--seed", default=2009, show_default=True, help="Seed of every random step.")
@_LANG_OPTION
def report(
    path: str,
    territory: str | None,
    pole: str | None,
    compare: str | None,
    survey: str | None,
    out: str,
    report_format: str | None,
    seed: int,
    lang: str,
) -> None:
    """Write the territorial diagnostic of one pays or one pôle, as a web page (HTML) or
    as a document to edit in Word or LibreOffice (DOCX).

    Key figures beside the region's, cross-sector cooperation, gaps, governance, the
    partnership opportunities (probable and strategic), the actors' needs and resources
    (from a partnership survey; --survey adds a campaign's response rate and ratings),
    the network over time (and what changed since an earlier network: --compare) and the
    method. Both formats hold the same figures and sentences. The HTML file needs no
    internet, holds no script and prints to A4 from the browser; the DOCX has Word
    headings, real tables and the charts as pictures. Give exactly one of --territory
    and --pole. What the report contains: docs/REPORT.md.

    Exit status: 0 written, 1 nothing valid to report on, 2 usage error (unknown id:
    the valid ids are listed; unknown campaign; --survey with a PATH that is no
    workspace), unreadable path or unwritable output.

    \b
    Examples:
      ess-graph report data/demo --territory brest --out brest.html
      ess-graph report reseau.xlsx --pole adess_brest --compare reseau_2023.xlsx \\
          --out adess.html --lang en
      ess-graph report reseau.sqlite --territory morlaix \\
          --survey "Enquête 2027 pays de Morlaix" --out morlaix.html
      ess-graph report data/demo --territory brest --out diagnostic_brest.docx
    """
    from ess_graph.io.read import NetworkPathError, read_network
    from ess_graph.io.write import atomic_write_bytes, atomic_write_text
    from ess_graph.report import (
        ReportScopeError,
        render_docx,
        render_html,
        report_content,
        scope_ids,
    )

    if (territory is None) == (pole is None):
        raise click.UsageError(ReportScopeError("scope").message(lang))
    _check_survey_path(survey, path, lang)
    net = _read_for_analysis(path, lang)
    valid = scope_ids(net)
    kind, value = ("territory", territory) if territory is not None else ("pole", pole)
    if value not in valid[kind]:
        raise click.UsageError(
            terminal_text(ReportScopeError(kind, str(value), valid[kind]).message(lang))
        )
    earlier = None
    if compare is not None:
        # A snapshot name of the workspace (PATH itself when it is one, else the
        # configured one) comes first; otherwise `compare` is a network path.
        from ess_graph.workspace.snapshots import find_snapshot

        earlier = find_snapshot(compare, path if _is_workspace_file(path) else None)
        if earlier is None:
            _doing("read", compare)
            try:
                earlier = read_network(compare)
            except NetworkPathError as exc:
                _echo(exc.message(lang), err=True)
                raise SystemExit(2) from None
            _exit_if_unreadable(earlier.problems, _rows(earlier), compare, lang)
    campaign = _read_campaign(path, survey, lang) if survey is not None else None
    content = report_content(
        net,
        territory=territory,
        pole=pole,
        compare=earlier,
        survey=campaign,
        lang=lang,
        seed=seed,
    )
    fmt = report_format or ("docx" if out.lower().endswith(".docx") else "html")
    _doing("write", out)
    if fmt == "docx":
        atomic_write_bytes(out, render_docx(content))
    else:
        atomic_write_text(out, render_html(content))
    click.echo(out)


# --- SIRENE options (import sirene, workspace import-sirene) ---------------------------


def _codes(value: str | None) -> list[str] | None:
    if value is None:
        return None
    return [c.strip().upper() for c in value.replace(";", ",").split(",") if c.strip()]


def _sirene_options(command):
    """The options of `import sirene` and `workspace import-sirene`: the two files and
    the area."""
    for option in reversed(_SIRENE_OPTIONS):
        command = option(command)
    return command


_SIRENE_OPTIONS = [
    click.option(
        "--unites",
        "units",
        required=True,
        type=_PATH,
        help="INSEE's StockUniteLegale (.csv, .csv.gz, .zip or .parquet).",
    ),
    click.option(
        "--etablissements",
        "sites",
        required=True,
        type=_PATH,
        help="INSEE's StockEtablissement (.csv, .csv.gz, .zip or .parquet).",
    ),
    click.option(
        "--departements",
        default="22,29,35,56",
        show_default=True,
        help="The area: département codes, comma-separated.",
    ),
    click.option(
        "--communes", default=None, help="A narrower area: INSEE commune codes, comma-separated."
    ),
    click.option(
        "--employers-only",
        is_flag=True,
        help="Only establishments with employees (caractereEmployeurEtablissement = O).",
    ),
    click.option(
        "--territoires",
        "mapping",
        default=None,
        type=_PATH,
        help="CSV: epci or commune -> territory (template: epci_territoire_modele.csv in "
        "'ess-graph where reference'). Without it, the territory is the département.",
    ),
    click.option(
        "--rna",
        "rna",
        multiple=True,
        type=_PATH,
        help="The RNA's waldec files (zip or CSV; repeat for several): its associations "
        "without a SIRET are added, those in SIRENE get their object.",
    ),
]


# --- workspace (meeting mode) --------------------------------------------------------


def _who_default() -> str:
    import getpass

    try:
        return getpass.getuser() or "cli"
    except Exception:  # no user name in some containers
        return "cli"


def _workspace_fail(exc: Exception, lang: str) -> None:
    """Turn a workspace error into a message on stderr and an exit code: 1 for a refused
    change (conflict, invalid), 2 for a missing or unusable workspace."""
    _echo(exc.message(lang), err=True)  # type: ignore[attr-defined]
    raise SystemExit(_exit_code(exc))


def _open_ws(ctx: click.Context):
    from ess_graph.workspace.store import Workspace, WorkspaceError

    try:
        return Workspace(ctx.obj["path"])
    except WorkspaceError as exc:
        _workspace_fail(exc, ctx.obj["lang"])


_WORKSPACE_FILE = click.option(
    "--file",
    "file",
    default=None,
    type=_PATH,
    help="Workspace file (default: $ESS_GRAPH_WORKSPACE, else ./ess_graph_workspace.sqlite).",
)

_BY_OPTION = click.option(
    "--by",
    "by",
    default=None,
    metavar="NAME",
    help="Your name, written in the journal (default: the login name).",
)


@main.group()
@_WORKSPACE_FILE
@_lang_option("Language of the messages.")
@click.pass_context
def workspace(ctx: click.Context, file: str | None, lang: str) -> None:
    """Meeting mode: a network in one SQLite file, edited by several people, journaled.

    Exit status: 0 done, 1 change refused (conflict, invalid row, nothing to undo) or
    import not confirmed, 2 usage error, unreadable path, or a workspace that is missing,
    not a workspace, read-only, on a full disk or written by a newer ess_graph.
    How a facilitator uses it: docs/WORKSPACE.md.

    \b
    Examples:
      ess-graph workspace --file rencontre.sqlite init
      ess-graph workspace --file rencontre.sqlite import data/demo --yes --by Anne
      ess-graph workspace --file rencontre.sqlite log --limit 20
    """
    from ess_graph.workspace.store import workspace_path

    ctx.ensure_object(dict)
    ctx.obj["path"] = workspace_path(file)
    ctx.obj["lang"] = lang
    _doing("open", ctx.obj["path"])


@workspace.command("init")
@click.pass_context
def workspace_init(ctx: click.Context) -> None:
    """Create an empty workspace file.

    \b
    Example:
      ess-graph workspace --file rencontre.sqlite init
    """
    from ess_graph.workspace.store import Workspace, WorkspaceError

    _doing("write", ctx.obj["path"])
    try:
        Workspace.create(ctx.obj["path"]).close()
    except WorkspaceError as exc:
        _workspace_fail(exc, ctx.obj["lang"])
    click.echo(str(ctx.obj["path"]))


def _commit_plan(ws, plan, *, yes: bool, who: str | None, origin: str, lang: str) -> None:
    """What `workspace import` and `import-sirene` do with a plan: say it, ask (unless
    ``yes``), commit it in one transaction, say what was written."""
    from ess_graph.i18n import t
    from ess_graph.workspace.merge import commit_import
    from ess_graph.workspace.store import WorkspaceError

    _echo(plan.summary(lang))
    if plan.is_empty:
        click.echo(t("workspace.nothing_to_import", lang))
        return
    if not yes and not click.confirm(t("workspace.confirm_import", lang), default=False):
        raise SystemExit(1)
    try:
        commit_import(ws, plan, who=who or _who_default(), origin=origin)
    except WorkspaceError as exc:
        _workspace_fail(exc, lang)
    counts = plan.counts()
    click.echo(
        t(
            "workspace.imported",
            lang,
            added=int(counts["added"].sum()),
            changed=int(counts["changed"].sum()),
        )
    )


@workspace.command("import")
@click.argument("path", type=_PATH)
@click.option("--yes", is_flag=True, help="Commit without asking for confirmation.")
@_BY_OPTION
@click.pass_context
def workspace_import(ctx: click.Context, path: str, yes: bool, by: str | None) -> None:
    """Merge a network (folder of CSV files or .xlsx) into the workspace, by id.

    Prints the problems of the file (as `validate`; rows with errors are not imported),
    then what the import will add, change and leave alone, and asks before committing
    it in one transaction.

    \b
    Examples:
      ess-graph workspace import reseau.xlsx --by Anne
      ess-graph workspace --file w.sqlite import data/demo --yes
    """
    from ess_graph.io.read import NetworkPathError
    from ess_graph.problems import format_problems
    from ess_graph.workspace.merge import plan_import

    lang = ctx.obj["lang"]
    ws = _open_ws(ctx)
    _doing("read", path)
    try:
        plan = plan_import(ws, path)
    except NetworkPathError as exc:
        _echo(exc.message(lang), err=True)
        raise SystemExit(2) from None
    _doing("open", ctx.obj["path"])
    rows_read = (
        len(plan.adds) + len(plan.changes) + sum(plan.unchanged.values()) + len(plan.refused)
    )
    _exit_if_unreadable(plan.problems, rows_read, path, lang)
    if plan.problems:
        click.echo(format_problems(plan.problems, lang))
    _commit_plan(ws, plan, yes=yes, who=by, origin=f"import:{path}", lang=lang)


@workspace.command("import-sirene")
@_sirene_options
@click.option("--yes", is_flag=True, help="Commit without asking for confirmation.")
@_BY_OPTION
@click.pass_context
def workspace_import_sirene(
    ctx: click.Context,
    units: str,
    sites: str,
    departements: str,
    communes: str | None,
    employers_only: bool,
    mapping: str | None,
    rna: tuple[str, ...],
    yes: bool,
    by: str | None,
) -> None:
    """Merge the ESS establishments of an area, from INSEE's SIRENE stock files, into the
    workspace, through its journal, by siret.

    As `ess-graph import sirene` (the same options), then as `workspace import`: what the
    import will add and change, a confirmation, one transaction in the journal. A later
    import updates rather than duplicates: a structure already there (same siret) gets
    what SIRENE knows (name, commune, coordinates, employees, codes) while its family,
    sector, territory and pôle stay as the coordinators set them; an establishment closed
    since gets etat = F (it stays, with its ties). docs/OPEN_DATA.md.

    \b
    Examples:
      ess-graph workspace --file reunion.sqlite import-sirene \\
          --unites StockUniteLegale_utf8.zip --etablissements StockEtablissement_utf8.zip \\
          --departements 29 --territoires territoires.csv --by Anne
    """
    from ess_graph.i18n import t
    from ess_graph.problems import format_problems
    from ess_graph.sirene import SireneFileError, import_sirene
    from ess_graph.sirene.roster import summary_lines
    from ess_graph.workspace.merge import plan_network

    lang = ctx.obj["lang"]
    ws = _open_ws(ctx)
    for path in (units, sites, mapping, *rna):
        if path is not None:
            _doing("read", path)
    try:
        result = import_sirene(
            units,
            sites,
            departements=_codes(departements) or [],
            communes=_codes(communes),
            employers_only=employers_only,
            mapping=mapping,
            existing=ws.network(),
            rna=rna,
        )
    except SireneFileError as exc:
        _echo(exc.message(lang), err=True)
        raise SystemExit(2) from None
    _doing("open", ctx.obj["path"])
    problems = result.problems + result.network.problems
    if problems:
        _echo(format_problems(problems, lang), err=True)
    for line in summary_lines(result, ctx.obj["path"], lang)[1:]:
        _echo(line)
    if result.network.structures.empty:
        _echo(t("sirene.nothing", lang), err=True)
        raise SystemExit(1)
    plan = plan_network(ws, result.network, source=f"SIRENE {Path(sites).name}")
    _commit_plan(ws, plan, yes=yes, who=by, origin=f"sirene:{Path(sites).name}", lang=lang)


@workspace.command("export")
@click.option("--out", "out", required=True, type=_PATH, help="Folder or .xlsx file.")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["csv", "xlsx"]),
    default="csv",
    show_default=True,
    help="csv: a folder of CSV files; xlsx: one workbook (both read back by import).",
)
@click.option(
    "--pseudonymise",
    is_flag=True,
    help="Replace structure ids and names by salted hashes and drop personal data.",
)
@click.option(
    "--salt-file",
    default=None,
    type=_PATH,
    help="Salt of the pseudonyms (created if missing; default: <out>.salt beside the export).",
)
@click.option(
    "--with-personal-data",
    "personal_data",
    is_flag=True,
    help="Keep extra columns that look like contact details (left out by default).",
)
@click.pass_context
def workspace_export(
    ctx: click.Context,
    out: str,
    output_format: str,
    pseudonymise: bool,
    salt_file: str | None,
    personal_data: bool,
) -> None:
    """Write the workspace as the files `import` and `validate` read (atomically).

    Extra columns that look like contact details (e-mail, phone, contact name...) are
    left out unless --with-personal-data is given.

    \b
    Examples:
      ess-graph workspace export --out export/reseau
      ess-graph workspace export --out recherche.xlsx --format xlsx \\
          --pseudonymise --salt-file ~/secret/sel.txt
    """
    from ess_graph.i18n import t
    from ess_graph.workspace.export import export_workspace

    lang = ctx.obj["lang"]
    ws = _open_ws(ctx)
    _doing("write", out)
    try:
        result = export_workspace(
            ws,
            out,
            format=output_format,
            pseudonymised=pseudonymise,
            salt_file=salt_file,
            personal_data=personal_data,
        )
    except ValueError as exc:  # an empty salt file, two equal pseudonyms
        click.echo(f"{out}: {exc}", err=True)
        raise SystemExit(2) from None
    click.echo(str(result.path))
    if result.personal_columns_dropped:
        columns = ", ".join(
            f"{table}.{c}" for table, cols in result.personal_columns_dropped.items() for c in cols
        )
        _echo(t("workspace.personal_dropped", lang, columns=columns), err=True)
    changed = result.characters_replaced
    if changed.cells:
        click.echo(
            t(
                "workspace.characters_replaced",
                lang,
                characters=changed.characters,
                cells=changed.cells,
            ),
            err=True,
        )
    if changed.cells_cut:
        click.echo(t("workspace.cells_cut", lang, cells=changed.cells_cut), err=True)
    if result.salt_created:
        click.echo(t("workspace.salt_created", lang, path=str(result.salt_file)), err=True)


@workspace.command("add-link")
@click.argument("source")
@click.argument("target")
@click.option("--kind", required=True, help="cooperation, pooling, membership... (or French).")
@click.option("--since", default=None, help="Year the link started.")
@click.option("--weight", default=None, help="Weight (> 0, default 1).")
@click.option(
    "--status",
    type=click.Choice(["confirmed", "proposed", "declared"]),
    default="confirmed",
    show_default=True,
    help="proposed: a partnership idea, left out of metrics unless asked; declared: named "
    "by SOURCE only (one side of a survey), counted according to --ties.",
)
@click.option("--note", default="", help="Free note.")
@_BY_OPTION
@click.pass_context
def workspace_add_link(
    ctx: click.Context,
    source: str,
    target: str,
    kind: str,
    since: str | None,
    weight: str | None,
    status: str,
    note: str,
    by: str | None,
) -> None:
    """Add a link between two structures (or a structure and a pôle or partner).

    The link is checked as an import checks it; a refused link prints the reason.

    \b
    Example:
      ess-graph workspace add-link s0001 s0042 --kind pooling --since 2009 --by Anne
    """
    from ess_graph.problems import format_problems
    from ess_graph.workspace.edits import add_link
    from ess_graph.workspace.store import WorkspaceError

    lang = ctx.obj["lang"]
    ws = _open_ws(ctx)
    try:
        result = add_link(
            ws,
            source,
            target,
            kind,
            since=since,
            weight=weight,
            status=status,
            note=note,
            who=by or _who_default(),
            origin="cli",
        )
    except WorkspaceError as exc:
        _workspace_fail(exc, lang)
    if result.warnings:
        click.echo(format_problems(result.warnings, lang), err=True)
    _echo(f"{result.row.key} v{result.row.version}")


@workspace.command("undo")
@_BY_OPTION
@click.pass_context
def workspace_undo(ctx: click.Context, by: str | None) -> None:
    """Undo your own latest change (a whole import counts as one); again for the one before.

    \b
    Example:
      ess-graph workspace undo --by Anne
    """
    from ess_graph.workspace.edits import undo_last
    from ess_graph.workspace.store import WorkspaceError

    ws = _open_ws(ctx)
    try:
        result = undo_last(ws, who=by or _who_default(), origin="cli")
    except WorkspaceError as exc:
        _workspace_fail(exc, ctx.obj["lang"])
    for table, key in result.reverted:
        _echo(f"{table} {key}")


@workspace.command("log")
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True)
@click.pass_context
def workspace_log(ctx: click.Context, limit: int) -> None:
    """List the latest changes: number, time (UTC), who, origin, what.

    \b
    Example:
      ess-graph workspace log --limit 20
    """
    from ess_graph.i18n import t
    from ess_graph.workspace.journal import describe, entry_names, journal_entries

    lang = ctx.obj["lang"]
    ws = _open_ws(ctx)
    entries = journal_entries(ws, limit=limit)
    if not entries:
        click.echo(t("workspace.journal_empty", lang))
    names = entry_names(ws, entries)
    for e in entries:
        fields = (e.who, e.origin, describe(e, lang, names))
        click.echo("\t".join([str(e.seq), e.at, *(terminal_text(f) for f in fields)]))


@workspace.command("snapshot")
@click.argument("name")
@_BY_OPTION
@click.pass_context
def workspace_snapshot(ctx: click.Context, name: str, by: str | None) -> None:
    """Keep an immutable copy of the network under a name.

    \b
    Example:
      ess-graph workspace snapshot "Rencontre régionale 2009"
    """
    from ess_graph.i18n import t
    from ess_graph.workspace.snapshots import create_snapshot
    from ess_graph.workspace.store import WorkspaceError

    lang = ctx.obj["lang"]
    ws = _open_ws(ctx)
    try:
        info = create_snapshot(ws, name, who=by or _who_default())
    except WorkspaceError as exc:
        _workspace_fail(exc, lang)
    _echo(
        t(
            "workspace.snapshot_created",
            lang,
            name=info["name"],
            structures=info["structures"],
            links=info["links"],
            seq=info["journal_seq"],
        )
    )


@workspace.command("diff")
@click.argument("a")
@click.argument("b", default="now")
@click.option("--include-proposed", is_flag=True, help="Count proposed links as ties.")
@_TIES_OPTION
@click.pass_context
def workspace_diff_command(
    ctx: click.Context, a: str, b: str, include_proposed: bool, ties: str
) -> None:
    """What changed from snapshot A to snapshot B (a name, or "now"): ties gained and
    lost, structures joined and left, per pôle and per sector.

    \b
    Examples:
      ess-graph workspace diff "Rencontre régionale 2009" now
      ess-graph workspace diff avant apres --lang en
    """
    from ess_graph.workspace.snapshots import format_diff, workspace_diff
    from ess_graph.workspace.store import WorkspaceError

    lang = ctx.obj["lang"]
    ws = _open_ws(ctx)
    try:
        diff = workspace_diff(ws, a, b, include_proposed=include_proposed, ties=ties)
    except WorkspaceError as exc:
        _workspace_fail(exc, lang)
    _echo(format_diff(diff, a, b, lang))


@workspace.group("views")
@click.pass_context
def workspace_views(ctx: click.Context) -> None:
    """The saved views and presentations of the app's Réseau page, kept in the workspace.

    Prepared in the app (docs/WORKSPACE.md, "Saved views and presentations"); these
    commands list them with their links, and move them in and out as a views file (JSON).

    \b
    Examples:
      ess-graph workspace --file rencontre.sqlite views list
      ess-graph workspace views export --out vues.json
      ess-graph workspace views import vues.json --by Anne
    """


@workspace_views.command("list")
@click.pass_context
def workspace_views_list(ctx: click.Context) -> None:
    """List the saved views (name, link relative to the app's address, title) and the
    presentations (name, views in order), one per line, tab-separated.

    \b
    Example:
      ess-graph workspace views list
    """
    from urllib.parse import urlencode

    from ess_graph.views import view_to_params
    from ess_graph.workspace import views as wv

    ws = _open_ws(ctx)
    with ws.reading() as conn:
        views = wv.list_views(ws, conn)
        presentations = wv.list_presentations(ws, conn)
    for stored in views:
        link = "reseau?" + urlencode(view_to_params(stored.view))
        _echo("\t".join(terminal_text(x) for x in ("view", stored.name, link, stored.view.title)))
    for stored in presentations:
        names = ", ".join(stored.presentation.views)
        _echo("\t".join(terminal_text(x) for x in ("presentation", stored.name, names)))


@workspace_views.command("export")
@click.option("--out", "out", required=True, type=_PATH, help="The views file (.json).")
@click.pass_context
def workspace_views_export(ctx: click.Context, out: str) -> None:
    """Write every saved view and presentation as a views file (JSON), which the app's
    « Charger un fichier de vues » and `views import` read.

    \b
    Example:
      ess-graph workspace views export --out vues.json
    """
    from ess_graph.io.write import atomic_write_text
    from ess_graph.workspace.views import export_views

    ws = _open_ws(ctx)
    text = export_views(ws)
    _doing("write", out)
    atomic_write_text(out, text)
    click.echo(out)


@workspace_views.command("import")
@click.argument("views_file", metavar="FILE", type=_PATH)
@_BY_OPTION
@click.pass_context
def workspace_views_import(ctx: click.Context, views_file: str, by: str | None) -> None:
    """Save the views and presentations of a views file (JSON) in the workspace, in one
    transaction: one of the same name is replaced. Each view is checked on its own
    against the workspace's network: what cannot be kept is said (file, view, field) and
    the rest is saved. A file that holds no view at all is refused in one line.

    \b
    Example:
      ess-graph workspace views import vues.json --by Anne
    """
    from ess_graph.i18n import t
    from ess_graph.views import FILE_MAX_BYTES, ViewProblem, views_from_json
    from ess_graph.workspace.store import WorkspaceError
    from ess_graph.workspace.views import import_views

    lang = ctx.obj["lang"]
    ws = _open_ws(ctx)
    _doing("read", views_file)
    path = Path(views_file)
    if path.exists() and not (path.is_file() or path.is_dir()):  # a pipe would never end
        _echo(
            ViewProblem(views_file, "", "", "not_a_file", severity="error").message(lang), err=True
        )
        raise SystemExit(2)
    with open(path, "rb") as fh:
        content = fh.read(FILE_MAX_BYTES + 1)
    _doing("open", ctx.obj["path"])
    document = views_from_json(content, where=views_file, net=ws.network())
    whole_file = [p for p in document.problems if p.is_error and not p.view]
    if whole_file and not document.views and not document.presentations:
        _echo(whole_file[0].message(lang), err=True)
        raise SystemExit(2)
    for problem in document.problems:
        _echo(problem.message(lang), err=True)
    try:
        result = import_views(ws, document, who=by or _who_default(), origin=f"import:{views_file}")
    except WorkspaceError as exc:
        _workspace_fail(exc, lang)
    _echo(
        t(
            "views.cli.imported",
            lang,
            added=len(result.added),
            replaced=len(result.replaced),
            unchanged=len(result.unchanged),
            presentations=len(result.presentations_added) + len(result.presentations_replaced),
        )
    )


# --- survey (partnership survey campaigns) -------------------------------------------


def _survey_call(ctx: click.Context, fn, *args, **kwargs):
    """Call a survey function; a refused request is one line and exit 1, a missing or
    unusable workspace exit 2 (as the workspace commands)."""
    from ess_graph.survey.campaigns import SurveyError
    from ess_graph.workspace.store import WorkspaceError

    try:
        return fn(*args, **kwargs)
    except SurveyError as exc:
        _echo(exc.message(ctx.obj["lang"]), err=True)
        raise SystemExit(1) from None
    except WorkspaceError as exc:
        _workspace_fail(exc, ctx.obj["lang"])


def _write_table(ctx: click.Context, frame, out: str) -> None:
    from ess_graph.io.write import atomic_write_bytes, frames_to_xlsx_bytes, write_frames_csv

    _doing("write", out)
    path = Path(out)
    if path.suffix.lower() == ".xlsx":
        atomic_write_bytes(path, frames_to_xlsx_bytes({path.stem[:31] or "table": frame}))
    else:
        if path.suffix.lower() != ".csv":
            path = (
                path.with_suffix(path.suffix + ".csv") if path.suffix else path.with_suffix(".csv")
            )
        write_frames_csv({path.stem: frame}, path.parent)
    click.echo(str(path))


@main.group()
@_WORKSPACE_FILE
@_lang_option("Language of the messages.")
@click.pass_context
def survey(ctx: click.Context, file: str | None, lang: str) -> None:
    """Partnership survey: each structure declares its partners, needs and offers.

    A campaign is stored in the workspace file; each invited structure gets a personal
    link to its form in the app (`ess-graph app --workspace W.sqlite`). Exit status: 0
    done, 1 request refused (unknown campaign, closed, empty scope...), 2 usage error or
    unusable workspace. The whole campaign, step by step: docs/SURVEY.md.

    \b
    Examples:
      ess-graph survey --file w.sqlite open "Enquête 2027 pays de Morlaix" \\
          --territory morlaix --closes 2027-03-31
      ess-graph survey --file w.sqlite links "Enquête 2027 pays de Morlaix" \\
          --out invitations.csv --base-url https://ess.example.org/
      ess-graph survey --file w.sqlite status "Enquête 2027 pays de Morlaix"
    """
    from ess_graph.workspace.store import workspace_path

    ctx.ensure_object(dict)
    ctx.obj["path"] = workspace_path(file)
    ctx.obj["lang"] = lang
    _doing("open", ctx.obj["path"])


@survey.command("open")
@click.argument("name")
@click.option(
    "--territory",
    "territories",
    multiple=True,
    metavar="ID",
    help="A territory (pays) surveyed; repeat for several.",
)
@click.option(
    "--pole",
    "poles",
    multiple=True,
    metavar="ID",
    help="A pôle whose structures are surveyed; repeat for several.",
)
@click.option(
    "--structure",
    "structures",
    multiple=True,
    metavar="ID",
    help="A structure surveyed; repeat for a list.",
)
@click.option("--all", "everyone", is_flag=True, help="Survey every structure of the workspace.")
@click.option(
    "--neighbours",
    is_flag=True,
    help="Let respondents also pick structures of neighbouring pays (not invited).",
)
@click.option("--closes", default=None, metavar="YYYY-MM-DD", help="Last day answers are accepted.")
@_BY_OPTION
@click.pass_context
def survey_open(
    ctx, name, territories, poles, structures, everyone, neighbours, closes, by
) -> None:
    """Open a campaign for a scope: a territory, a pôle, a list, or all.

    \b
    Example:
      ess-graph survey open "Enquête 2027 pays de Morlaix" --territory morlaix --closes 2027-03-31
    """
    from ess_graph.i18n import t
    from ess_graph.survey.campaigns import invited, open_campaign

    ws = _open_ws(ctx)
    _doing("write", ctx.obj["path"])
    campaign = _survey_call(
        ctx,
        open_campaign,
        ws,
        name,
        who=by or _who_default(),
        territories=territories,
        poles=poles,
        structures=structures,
        everyone=everyone,
        neighbours=neighbours,
        closes=closes,
        origin="cli",
    )
    _echo(
        t(
            "survey.cli.opened",
            ctx.obj["lang"],
            name=campaign.name,
            invited=len(invited(ws, campaign)),
            extra=len(campaign.roster_extra),
        )
    )


@survey.command("links")
@click.argument("name")
@click.option(
    "--out", "out", required=True, type=_PATH, help="CSV (or .xlsx) file for a mail merge."
)
@click.option(
    "--base-url",
    default=None,
    metavar="URL",
    help="Address of the app respondents open (default: http://localhost:8501/).",
)
@click.option(
    "--reissue", is_flag=True, help="New links for every structure (the old ones stop working)."
)
@click.option(
    "--structure",
    "structures",
    multiple=True,
    metavar="ID",
    help="Only this structure (a new link: its old one stops working); repeat.",
)
@click.option(
    "--not-answered",
    is_flag=True,
    help="New links for the structures that have not submitted (a reminder).",
)
@_BY_OPTION
@click.pass_context
def survey_links(ctx, name, out, base_url, reissue, structures, not_answered, by) -> None:
    """Write one personal link per structure (structure, name, contacts, URL).

    A link is shown once: the workspace keeps only a hash of it. Structures that already
    have a link are left out unless --reissue, --structure or --not-answered is given.

    \b
    Examples:
      ess-graph survey links "Enquête 2027" --out invitations.csv --base-url https://ess.example.org/
      ess-graph survey links "Enquête 2027" --out relance.csv --not-answered
    """
    from ess_graph.i18n import t
    from ess_graph.survey.campaigns import DEFAULT_BASE_URL, issue_links

    ws = _open_ws(ctx)
    frame = _survey_call(
        ctx,
        issue_links,
        ws,
        name,
        base_url=base_url or DEFAULT_BASE_URL,
        structures=structures or None,
        reissue=reissue,
        not_answered=not_answered,
        who=by or _who_default(),
    )
    if frame.empty:  # every structure has its link already: an empty file helps nobody
        _echo(t("survey.cli.no_new_link", ctx.obj["lang"]), err=True)
        raise SystemExit(1)
    _write_table(ctx, frame, out)
    _echo(t("survey.cli.links", ctx.obj["lang"], n=len(frame)), err=True)


@survey.command("list")
@click.pass_context
def survey_list(ctx) -> None:
    """List the campaigns: name, opened, closes, open?, invited, answered, drafts.

    \b
    Example:
      ess-graph survey --file w.sqlite list
    """
    from ess_graph.survey.campaigns import list_campaigns

    ws = _open_ws(ctx)
    frame = _survey_call(ctx, list_campaigns, ws)
    for r in frame.itertuples(index=False):
        fields = (r.name, r.opened_at[:10], r.closes or "-", "open" if r.open else "closed")
        counts = (r.invited, r.submitted, r.drafts)
        click.echo("\t".join([*(terminal_text(str(f)) for f in fields), *map(str, counts)]))


@survey.command("status")
@click.argument("name")
@click.pass_context
def survey_status(ctx, name) -> None:
    """Print a campaign's figures: response rate, declared ties, reciprocity.

    \b
    Example:
      ess-graph survey status "Enquête 2027 pays de Morlaix"
    """
    from ess_graph.i18n import t
    from ess_graph.survey import follow

    lang = ctx.obj["lang"]
    ws = _open_ws(ctx)
    data = _survey_call(ctx, follow.campaign_data, ws, name)
    s = follow.summary(data)
    rate = s["response_rate"]
    recip = s["reciprocity_rate"]
    _echo(
        t(
            "survey.cli.status",
            lang,
            name=data.campaign.name,
            answered=s["answered"],
            invited=s["invited"],
            rate="-" if rate != rate else f"{rate:.0%}",
            drafts=s["drafts"],
            ties=s["declared_ties"],
            reciprocated=s["reciprocated"],
            answered_side=s["one_sided_other_answered"],
            silent_side=s["one_sided_other_silent"],
            reciprocity="-" if recip != recip else f"{recip:.0%}",
            outside=s["outside_roster"],
            unmatched=s["unmatched"],
        )
    )


@survey.command("reminders")
@click.argument("name")
@click.option("--out", "out", required=True, type=_PATH, help="CSV (or .xlsx) file.")
@click.pass_context
def survey_reminders(ctx, name, out) -> None:
    """Write the structures that have not submitted yet (with their contacts).

    \b
    Example:
      ess-graph survey reminders "Enquête 2027" --out relance.csv
    """
    from ess_graph.survey import follow

    ws = _open_ws(ctx)
    data = _survey_call(ctx, follow.campaign_data, ws, name)
    _write_table(ctx, follow.non_respondents(data), out)


@survey.command("close")
@click.argument("name")
@_BY_OPTION
@click.pass_context
def survey_close(ctx, name, by) -> None:
    """Close a campaign: its links stop working at once; its answers stay.

    \b
    Example:
      ess-graph survey close "Enquête 2027 pays de Morlaix"
    """
    from ess_graph.i18n import t
    from ess_graph.survey.campaigns import close_campaign

    ws = _open_ws(ctx)
    _doing("write", ctx.obj["path"])
    campaign = _survey_call(ctx, close_campaign, ws, name, who=by or _who_default(), origin="cli")
    _echo(t("survey.cli.closed", ctx.obj["lang"], name=campaign.name))


@survey.command("apply")
@click.argument("name")
@_BY_OPTION
@click.pass_context
def survey_apply(ctx, name, by) -> None:
    """Bring the submitted answers into the network (one journaled change; undo with
    `ess-graph workspace undo` under the same --by).

    Ties declared by both sides become confirmed links; ties declared by one side become
    declared links; needs and offers go to the structures.

    \b
    Example:
      ess-graph survey apply "Enquête 2027 pays de Morlaix" --by Anne
    """
    from ess_graph.i18n import t
    from ess_graph.survey.apply import apply_campaign

    ws = _open_ws(ctx)
    _doing("write", ctx.obj["path"])
    r = _survey_call(ctx, apply_campaign, ws, name, who=by or _who_default(), origin="cli")
    _echo(
        t(
            "survey.cli.applied",
            ctx.obj["lang"],
            confirmed=r.confirmed_added + r.confirmed_from_declared,
            declared=r.declared_added,
            removed=r.declared_removed,
            structures=r.structures_updated,
        )
    )


# --- app ---------------------------------------------------------------------------

#: Where `ess-graph app` finds the app, and how it tells it which network to open.
APP_DATA_ENV = "ESS_GRAPH_DATA"
#: The workspace file of meeting mode (the app edits it; without it, read-only).
APP_WORKSPACE_ENV = "ESS_GRAPH_WORKSPACE"
#: Set to 1 (``ess-graph app --survey-only``): the app serves survey forms and nothing else.
APP_SURVEY_ONLY_ENV = "ESS_GRAPH_SURVEY_ONLY"


def _app_script():
    """The app's router, ``app.py`` of the package ``ess_graph_app`` installed beside
    ess_graph (a wheel, ``pip install .``, a checkout), or None. Found, not imported: the
    library never loads the app's code."""
    import importlib.util
    from pathlib import Path

    spec = importlib.util.find_spec("ess_graph_app")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))).resolve() / "app.py"


def app_command(script, port: int) -> list[str]:
    """The `streamlit run` command line of the app: headless, no usage statistics, and no
    source-file watcher (a product, not a development server: the watcher would rerun the
    app when a file changes, and setting it up costs every new session about 0.3 s here,
    `bench/bench_app.py`)."""
    import sys

    return [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(script),
        "--server.port",
        str(port),
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
        "--client.toolbarMode",
        "minimal",
        "--server.fileWatcherType",
        "none",
    ]


@main.command()
@click.argument("path", required=False, type=click.Path(path_type=str))
@click.option(
    "--port",
    type=click.IntRange(1, 65535),
    default=8501,
    show_default=True,
    help="Port the app listens on (http://localhost:PORT).",
)
@click.option(
    "--workspace",
    "workspace",
    envvar=APP_WORKSPACE_ENV,
    type=click.Path(dir_okay=False, path_type=str),
    default=None,
    help="Meeting mode: edit this workspace file (created from PATH if it does not exist). "
    f"Default: ${APP_WORKSPACE_ENV}; without either, the app is read-only.",
)
@click.option(
    "--survey-only",
    is_flag=True,
    help="Serve the survey forms and nothing else: every address without a valid personal "
    "link gets the neutral message (for a server respondents reach; needs --workspace).",
)
def app(path: str | None, port: int, workspace: str | None, survey_only: bool) -> None:
    """Open the app on a network (folder of CSV files or .xlsx workbook).

    Without PATH the app opens on the fictional demo network shipped with ess_graph
    (`ess-graph where demo`; data/demo in the repository). The app runs
    until Ctrl+C; open the address it prints in a browser. Every visitor can load their
    own files on the "Données" page, without changing what others see.

    With --workspace (meeting mode) the app shows and edits that workspace file: links
    and structures added in the room, a journal of who changed what, snapshots. A new
    file is created and PATH imported into it first.

    With --survey-only the app shows only the partnership survey's forms (personal links
    ``?enquete=...``): no network, no figure, no facilitator page, whatever the address.
    Run it where respondents can reach it; follow the campaign from another app (or the
    ``survey`` commands) on the same workspace file.

    \b
    Examples:
      ess-graph app
      ess-graph app reseau.xlsx --port 8502
      ess-graph app reseau.xlsx --workspace rencontre-2009.sqlite
      ess-graph app --workspace rencontre-2009.sqlite --survey-only --port 8600
    """
    import os
    import subprocess
    from pathlib import Path

    script = _app_script()
    if script is None or not script.is_file():
        click.echo(
            f"the app is not installed: no ess_graph_app/app.py ({script or 'no such package'})",
            err=True,
        )
        raise SystemExit(2)
    if path:
        data = Path(path).resolve()
    else:
        from ess_graph.data import demo_dir

        data = demo_dir()
    if not data.exists():
        from ess_graph.i18n import t

        click.echo(t("problem.path_missing", "fr", path=str(data)), err=True)
        raise SystemExit(2)
    env = dict(os.environ, **{APP_DATA_ENV: str(data)})
    env.pop(APP_WORKSPACE_ENV, None)
    env.pop(APP_SURVEY_ONLY_ENV, None)
    if survey_only and not workspace:
        click.echo(
            "--survey-only needs --workspace: the survey lives in a workspace file", err=True
        )
        raise SystemExit(2)
    if survey_only:
        env[APP_SURVEY_ONLY_ENV] = "1"
    where = str(data)
    if workspace:
        # Absolute: streamlit runs from the app's folder (ess_graph_app/), not from here.
        ws_file = Path(workspace).expanduser().resolve()
        if not ws_file.parent.is_dir():
            click.echo(f"no such folder for the workspace file: {ws_file.parent}", err=True)
            raise SystemExit(2)
        env[APP_WORKSPACE_ENV] = str(ws_file)
        new = "" if ws_file.exists() else f", created from {data}"
        where = f"meeting mode: {ws_file}{new}"
        if survey_only:
            where = f"survey forms only: {ws_file}"
    click.echo(f"ess-graph: http://localhost:{port}  ({where})")
    import signal

    def _stop(signum, frame):  # pragma: no cover - exercised by stopping the process
        raise KeyboardInterrupt

    # A service manager (or a benchmark) stops us with SIGTERM: subprocess.call then
    # kills streamlit too instead of leaving it running without a parent.
    signal.signal(signal.SIGTERM, _stop)
    try:
        code = subprocess.call(app_command(script, port), env=env, cwd=script.parent)
    except KeyboardInterrupt:  # pragma: no cover - Ctrl+C stops streamlit too
        code = 0
    raise SystemExit(code)


# --- import: a network from open data (SIRENE) ------------------------------------------


@main.group("import")
def import_group() -> None:
    """Build a network from open data: the ESS structures of a territory from SIRENE."""


@import_group.command("sirene")
@_sirene_options
@click.option("--out", "out", required=True, type=_PATH, help="Folder of the network written.")
@_lang_option("Language of the messages.")
def import_sirene_command(
    units: str,
    sites: str,
    departements: str,
    communes: str | None,
    employers_only: bool,
    mapping: str | None,
    rna: tuple[str, ...],
    out: str,
    lang: str,
) -> None:
    """Write the ESS structures of an area, from INSEE's SIRENE stock files, as a network
    folder (structures, sectors, territories; no link yet: the survey and the meeting add
    them).

    One structure per active establishment of a legal unit flagged ESS
    (economieSocialeSolidaireUniteLegale = O) in the area, id = siret: its family from
    the legal category, its sector from the NAF code (the observatories' grid), its
    employees from the size bracket (middle of the bracket; the bracket is kept), its
    commune, coordinates (Lambert-93 -> WGS84) and territory. The whole StockEtablissement
    (40 million rows) is read in bounded memory. sirene_import.json beside the tables says
    what was read, kept and assumed. docs/OPEN_DATA.md: where to download the files, what
    each column becomes, the licences, the limits.

    Exit status: 0 written; 1 nothing kept; 2 usage error, unreadable file or missing
    column (one line naming the file).

    \b
    Examples:
      ess-graph import sirene --unites StockUniteLegale_utf8.zip \\
          --etablissements StockEtablissement_utf8.zip --out ess_bretagne
      ess-graph import sirene --unites StockUniteLegale.parquet \\
          --etablissements StockEtablissement.parquet --departements 29 \\
          --employers-only --territoires territoires.csv --out ess_finistere
    """
    from ess_graph.io.write import atomic_write_text, write_network
    from ess_graph.problems import format_problems
    from ess_graph.sirene import SireneFileError, import_metadata, import_sirene
    from ess_graph.sirene.roster import summary_lines

    area = _codes(departements) or []
    for path in (units, sites, mapping, *rna):
        if path is not None:
            _doing("read", path)
    try:
        result = import_sirene(
            units,
            sites,
            departements=area,
            communes=_codes(communes),
            employers_only=employers_only,
            mapping=mapping,
            rna=rna,
        )
    except SireneFileError as exc:
        _echo(exc.message(lang), err=True)
        raise SystemExit(2) from None
    problems = result.problems + result.network.problems
    if problems:
        _echo(format_problems(problems, lang), err=True)
    if result.network.structures.empty:
        for line in summary_lines(result, out, lang):
            _echo(line, err=True)
        raise SystemExit(1)
    _doing("write", out)
    folder = write_network(result.network, out)
    metadata = import_metadata(
        result,
        unites=Path(units).name,
        etablissements=Path(sites).name,
        departements=area,
        communes=_codes(communes),
        employers_only=employers_only,
        territoires=Path(mapping).name if mapping else None,
        rna=[Path(p).name for p in rna],
    )
    atomic_write_text(Path(folder) / "sirene_import.json", json_text(metadata, indent=2) + "\n")
    for line in summary_lines(result, out, lang):
        _echo(line)


# --- where: the files shipped with ess_graph ------------------------------------------


@main.command()
@click.argument("what", type=click.Choice(["demo", "templates", "reference"]))
def where(what: str) -> None:
    """Print the folder of the demo network, the templates or the reference tables
    shipped with ess_graph.

    demo: the fictional demo network, the one `ess-graph app` opens without PATH;
    templates: the empty templates (one header-only CSV file per table, template.xlsx);
    reference: the communes, EPCIs and départements, the EPCI → territory template
    (epci_territoire_modele.csv) and the SIRENE code tables (SIRENE.md says their rules).
    They are installed with ess_graph: no checkout of the repository is needed.

    \b
    Examples:
      ess-graph validate "$(ess-graph where demo)"
      cp -r "$(ess-graph where templates)" mon-reseau
      cp "$(ess-graph where reference)/epci_territoire_modele.csv" territoires.csv
    """
    from ess_graph.data import demo_dir, reference_dir, templates_dir

    folders = {"demo": demo_dir, "templates": templates_dir, "reference": reference_dir}
    click.echo(str(folders[what]()))


if __name__ == "__main__":  # pragma: no cover
    main()
