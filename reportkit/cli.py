"""The `reportkit` command line: a thin layer over the library.

    reportkit parse FILE|DIR|- [...]   records as CSV (default), JSON or JSONL
    reportkit convert FILE|-           cleaned text in another script
    reportkit check FILE|DIR|GLOB [...]  report findings with rule codes, fail a build on them

Options are checked before any input is read, and the vocabulary (with any
`--config`) is loaded once per run, so a usage error is reported once.

Exit codes: 0 success; 1 input that cannot be parsed, or `check` findings at
or above --fail-on; 2 usage errors (missing file, bad option, bad config) and,
for `check`, unreadable input.
Errors are one line on stderr naming the file (and line); no tracebacks.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any, Callable, NoReturn

import click

from . import __version__
from .lint import Finding, Settings, check_bytes, find_config, load_settings, worst
from .rules import LEVELS, RULES
from .errors import EXIT_INPUT, EXIT_USAGE, ReportkitError, UsageError
from .files import STDIN, expand_inputs, read_input
from .output import FINDING_FORMATS, FORMATS, format_for, render, render_findings, summary_line, write_atomic
from .pipeline import convert_bytes, parse_bytes
from .script import TARGETS
from .vocab import Vocab, load_vocab

LAYOUT_CHOICES = ("auto", "table", "pasted", "outline")


def _fail(err: ReportkitError) -> None:
    click.echo(f"reportkit: {err.format()}", err=True)


def _exit(err: ReportkitError) -> NoReturn:
    _fail(err)
    sys.exit(err.exit_code)


# ------------------------------------------------------------ shared options

def _options(*decorators: Callable) -> Callable:
    def apply(f: Callable) -> Callable:
        for d in reversed(decorators):
            f = d(f)
        return f
    return apply


to_option = click.option("--to", type=click.Choice(TARGETS), default="hans", show_default=True,
                         help="Script of the text fields: Simplified, Traditional, Taiwan, Hong Kong, "
                              "or the document's own.")
encoding_option = click.option("--encoding", metavar="NAME",
                               help="Input encoding (default: detect UTF-8/16, GB18030, Big5).")
config_option = click.option("--config", type=click.Path(dir_okay=False),
                             help="YAML file changing the vocabulary (header synonyms, units...).")
glob_option = click.option("--glob", "pattern", default="*.txt", show_default=True,
                           help="Files to take from a folder.")
reading_options = _options(encoding_option, config_option, glob_option)


def _vocab(config: str | None) -> Vocab:
    try:
        return load_vocab(config)
    except ReportkitError as e:
        _exit(e)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="reportkit")
def cli() -> None:
    """Turn Chinese government progress reports into normalized records."""


@cli.command()
@click.argument("inputs", nargs=-1, required=True, metavar="FILE|DIR|-...")
@click.option("-o", "--output", metavar="PATH", help="Output file (format from .csv/.json/.jsonl), or a folder "
              "for one output per input. Default: standard output.")
@click.option("-f", "--format", "fmt", type=click.Choice(FORMATS), help="Output format (default: from -o, else csv).")
@to_option
@click.option("--layout", type=click.Choice(LAYOUT_CHOICES), default="auto", show_default=True,
              help="Force the layout instead of detecting it.")
@reading_options
@click.option("--no-bom", is_flag=True, help="Write CSV without the UTF-8 byte-order mark.")
@click.option("--explain", is_flag=True,
              help="List on stderr the layout, column roles and units found, and every change the cleaning made.")
@click.option("-q", "--quiet", is_flag=True, help="Do not report text left outside any item.")
def parse(inputs: tuple[str, ...], output: str | None, fmt: str | None, to: str, layout: str,
          encoding: str | None, config: str | None, pattern: str, no_bom: bool, explain: bool,
          quiet: bool) -> None:
    """Parse reports into records (one per work item).

    \b
    reportkit parse report.txt                  CSV to standard output
    reportkit parse report.txt -o out.json      JSON file
    reportkit parse reports/ -o out/            one CSV per report
    cat report.txt | reportkit parse - -f jsonl
    """
    vocab = _vocab(config)
    try:
        files = expand_inputs(inputs, pattern)
        fmt = fmt or format_for(output)
        per_file_dir = bool(output) and (Path(output).is_dir() or output.endswith(("/", os.sep)))
        if per_file_dir:
            Path(output).mkdir(parents=True, exist_ok=True)
        elif output:
            _refuse_overwriting_input(output, files)
    except ReportkitError as e:
        _exit(e)

    options: dict[str, Any] = dict(encoding=encoding, to=to, layout=None if layout == "auto" else layout,
                                   vocab=vocab)
    failed = 0
    collected = []
    for name in files:
        try:
            data, source = read_input(name)
            result = parse_bytes(data, source=source, **options)
        except ReportkitError as e:
            if e.exit_code == EXIT_USAGE and len(files) == 1:
                _exit(e)
            _fail(e)
            failed += 1
            continue
        if explain:
            _explain(result)
        for warning in result.document.warnings:
            click.echo(f"{source}:{warning.split(':', 1)[0]}: warning:{warning.split(':', 1)[1]}", err=True)
        if not quiet:
            for span in result.document.unparsed:
                first = span.text.splitlines()[0][:40]
                click.echo(f"{source}:{span.line_start}-{span.line_end}: note: not part of any item: {first}",
                           err=True)
        if per_file_dir:
            target = Path(output) / (Path(name).stem + "." + fmt)  # type: ignore[arg-type]
            try:
                _refuse_overwriting_input(str(target), files)
            except ReportkitError as e:
                _exit(e)
            write_atomic(target, render(result.records, fmt, bom=not no_bom))
        else:
            collected += result.records
    if not per_file_dir and (collected or not failed):
        text = render(collected, fmt, bom=not no_bom)
        if output:
            write_atomic(output, text)
        else:
            click.echo(text, nl=False)
    sys.exit(EXIT_INPUT if failed else 0)


def _explain(result: Any) -> None:
    doc, source = result.document, result.source
    click.echo(f"{source}: encoding {result.encoding}, script {result.script}, "
               f"layout {doc.layout}, {len(result.records)} records; title {doc.title!r}, "
               f"published {doc.published}, publisher {doc.publisher!r}", err=True)
    for line in doc.explain:
        click.echo(f"{source}: {line}", err=True)
    for fix in result.clean.fixes:
        click.echo(f"{source}:{fix.line}: {fix.kind}: {fix.before!r} -> {fix.after!r}", err=True)


def _refuse_overwriting_input(output: str, files: list[str]) -> None:
    out = Path(output)
    for name in files:
        if name != STDIN and out.exists() and Path(name).exists() and out.resolve() == Path(name).resolve():
            raise UsageError("output file is an input file; refusing to overwrite it", source=output)


@cli.command()
@click.argument("input", metavar="FILE|-")
@to_option
@click.option("-o", "--output", metavar="FILE", help="Output file (default: standard output).")
@encoding_option
def convert(input: str, to: str, output: str | None, encoding: str | None) -> None:
    """Write the cleaned text of a report in another script, line for line."""
    try:
        data, source = read_input(input)
        if output:
            _refuse_overwriting_input(output, [input])
        out = convert_bytes(data, to, source=source, encoding=encoding)
    except ReportkitError as e:
        _exit(e)
    if output:
        write_atomic(output, out)
    else:
        click.echo(out, nl=False)


def _codes(value: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(c.strip() for v in value for c in v.split(",") if c.strip())


@cli.command()
@click.argument("inputs", nargs=-1, metavar="FILE|DIR|GLOB|-...")
@click.option("--fail-on", type=click.Choice(list(LEVELS)), default="error", show_default=True,
              help="Exit 1 when a finding of this severity or worse is found.")
@click.option("-f", "--format", "fmt", type=click.Choice(FINDING_FORMATS), default="text", show_default=True,
              help="text lines, a JSON list, SARIF 2.1.0, GitHub Actions commands, or JUnit XML.")
@click.option("--select", multiple=True, metavar="CODES",
              help="Run only these rules: codes (RK203), families (RK2) or names, comma-separated.")
@click.option("--ignore", multiple=True, metavar="CODES", help="Do not run these rules (as --select).")
@click.option("--list-rules", is_flag=True, help="List every rule (code, name, severity) and exit.")
@reading_options
def check(inputs: tuple[str, ...], fail_on: str, fmt: str, select: tuple[str, ...], ignore: tuple[str, ...],
          list_rules: bool, encoding: str | None, config: str | None, pattern: str) -> None:
    """Check reports against themselves; print located findings.

    \b
    Each finding is one line:  FILE:LINE:COL: RK203 [error] message (item N)
    Settings come from --config, else from the nearest reportkit.yaml or
    pyproject.toml [tool.reportkit] above each file; a report can silence
    rules for itself with a line "# reportkit: disable=RK101".

    \b
    Exit codes: 0 no finding at or above --fail-on; 1 findings at or above it;
    2 usage error (bad option, bad config, unknown rule) or unreadable input.
    """
    if list_rules:
        for r in RULES:
            click.echo(f"{r.code}  {r.name:<30} {r.severity:<8} {r.summary}")
        return
    if not inputs:
        _exit(UsageError("no input given: name files, folders, glob patterns or - (standard input)"))
    select, ignore = _codes(select), _codes(ignore)
    try:
        files = expand_inputs(inputs, pattern)
    except ReportkitError as e:
        _exit(e)
    found: list[Finding] = []
    unreadable = False
    for name in files:
        try:
            settings = load_settings(config or find_config(name if name != STDIN else "."))
            settings = settings.with_cli(select, ignore)
        except ReportkitError as e:
            _exit(e)
        try:
            data, source = read_input(name)
            found += check_bytes(data, source, settings, encoding)
        except UsageError as e:
            if "disable comment" in e.message:
                _exit(e)
            _fail(e)
            unreadable = True
        except ReportkitError as e:
            _fail(e)
            unreadable = True
    ran = [r for r in RULES if Settings(load_vocab(), select).active(r.code)]
    sources = ["<stdin>" if n == STDIN else n for n in files]
    click.echo(render_findings(found, fmt, files=sources, rules=ran, color=fmt == "text" and _is_tty()), nl=False)
    if fmt == "text":
        click.echo(summary_line(found, len(files)))
    sys.exit(EXIT_USAGE if unreadable else EXIT_INPUT if worst(found) >= LEVELS[fail_on] else 0)


def _is_tty() -> bool:
    return sys.stdout.isatty() and os.environ.get("NO_COLOR") is None


def main() -> None:
    try:
        cli(prog_name="reportkit")
    except ReportkitError as e:  # anything the commands did not catch themselves
        _exit(e)
