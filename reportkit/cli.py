"""The `reportkit` command line: a thin layer over the library.

    reportkit parse FILE|DIR|- [...]   records as CSV (default), JSON or JSONL
    reportkit convert FILE|-           cleaned text in another script
    reportkit check FILE|DIR [...]     report findings, fail a build on them

Exit codes: 0 success; 1 input that cannot be parsed, or `check` findings at
or above --fail-on; 2 usage errors (missing file, bad option, bad config).
Errors are one line on stderr naming the file (and line); no tracebacks.
"""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from . import __version__
from .checks import MESSAGES, SEVERITY, describe
from .errors import EXIT_INPUT, EXIT_USAGE, ReportkitError, UsageError
from .output import FORMATS, format_for, render, write_atomic
from .pipeline import parse_bytes
from .script import TARGETS

LAYOUT_CHOICES = ("auto", "table", "pasted", "outline")
_LEVELS = {"info": 0, "warning": 1, "error": 2}


def _read_input(name: str) -> tuple[bytes, str | None]:
    if name == "-":
        return sys.stdin.buffer.read(), "<stdin>"
    p = Path(name)
    try:
        return p.read_bytes(), name
    except FileNotFoundError:
        raise UsageError("no such file", source=name) from None
    except IsADirectoryError:
        raise UsageError("is a directory", source=name) from None
    except OSError as e:
        raise UsageError(f"cannot read: {e.strerror}", source=name) from None


def _expand(inputs: tuple[str, ...], pattern: str) -> list[str]:
    """Files named, and the files matching `pattern` below each folder named."""
    out: list[str] = []
    for name in inputs:
        p = Path(name)
        if name != "-" and p.is_dir():
            found = sorted(str(f) for f in p.rglob(pattern) if f.is_file())
            if not found:
                raise UsageError(f"no files matching {pattern} in this folder", source=name)
            out += found
        else:
            out.append(name)
    return out


def _fail(err: ReportkitError) -> None:
    click.echo(f"reportkit: {err.format()}", err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="reportkit")
def cli() -> None:
    """Turn Chinese government progress reports into normalized records."""


@cli.command()
@click.argument("inputs", nargs=-1, required=True, metavar="FILE|DIR|-...")
@click.option("-o", "--output", metavar="PATH", help="Output file (format from .csv/.json/.jsonl), or a folder "
              "for one output per input. Default: standard output.")
@click.option("-f", "--format", "fmt", type=click.Choice(FORMATS), help="Output format (default: from -o, else csv).")
@click.option("--to", type=click.Choice(TARGETS), default="hans", show_default=True,
              help="Script of the text fields: Simplified, Traditional, Taiwan, Hong Kong, or as written.")
@click.option("--layout", type=click.Choice(LAYOUT_CHOICES), default="auto", show_default=True,
              help="Force the layout instead of detecting it.")
@click.option("--encoding", metavar="NAME", help="Input encoding (default: detect UTF-8/16, GB18030, Big5).")
@click.option("--config", type=click.Path(dir_okay=False), help="YAML file adding vocabulary (header synonyms, units...).")
@click.option("--no-bom", is_flag=True, help="Write CSV without the UTF-8 byte-order mark.")
@click.option("--glob", "pattern", default="*.txt", show_default=True, help="Files to take from a folder.")
@click.option("--explain", is_flag=True, help="List on stderr the layout and column roles found and every change the cleaning made.")
@click.option("-q", "--quiet", is_flag=True, help="Do not report text left outside any item.")
def parse(inputs, output, fmt, to, layout, encoding, config, no_bom, pattern, explain, quiet):
    """Parse reports into records (one per work item).

    \b
    reportkit parse report.txt                  CSV to standard output
    reportkit parse report.txt -o out.json      JSON file
    reportkit parse reports/ -o out/            one CSV per report
    cat report.txt | reportkit parse - -f jsonl
    """
    try:
        files = _expand(inputs, pattern)
        fmt = fmt or format_for(output)
        per_file_dir = output and (Path(output).is_dir() or output.endswith(("/", os.sep)))
        if per_file_dir:
            Path(output).mkdir(parents=True, exist_ok=True)
        elif output:
            _refuse_overwriting_input(output, files)
    except ReportkitError as e:
        _fail(e)
        sys.exit(e.exit_code)

    failed = 0
    collected = []
    for name in files:
        try:
            data, source = _read_input(name)
            result = parse_bytes(data, source=source, encoding=encoding, to=to,
                                 layout=None if layout == "auto" else layout, config=config)
        except ReportkitError as e:
            _fail(e)
            if e.exit_code == EXIT_USAGE and len(files) == 1:
                sys.exit(EXIT_USAGE)
            failed += 1
            continue
        if explain:
            doc = result.document
            click.echo(f"{source}: encoding {result.encoding}, script {result.script}, "
                       f"layout {doc.layout}, {len(result.records)} records; title {doc.title!r}, "
                       f"published {doc.published}, publisher {doc.publisher!r}", err=True)
            for line in doc.explain:
                click.echo(f"{source}: {line}", err=True)
            for fix in result.clean.fixes:
                click.echo(f"{source}:{fix.line}: {fix.kind}: {fix.before!r} -> {fix.after!r}", err=True)
        if not quiet:
            for span in result.document.unparsed:
                first = span.text.splitlines()[0][:40]
                click.echo(f"{source}:{span.line_start}-{span.line_end}: note: not part of any item: {first}",
                           err=True)
        if per_file_dir:
            target = Path(output) / (Path(name).stem + "." + fmt)
            _refuse_overwriting_input(str(target), files)
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


def _refuse_overwriting_input(output: str, files: list[str]) -> None:
    out = Path(output)
    for name in files:
        if name != "-" and out.exists() and Path(name).exists() and out.resolve() == Path(name).resolve():
            raise UsageError("output file is an input file; refusing to overwrite it", source=output)


@cli.command()
@click.argument("input", metavar="FILE|-")
@click.option("--to", type=click.Choice(TARGETS), default="hans", show_default=True)
@click.option("-o", "--output", metavar="FILE", help="Output file (default: standard output).")
@click.option("--encoding", metavar="NAME", help="Input encoding (default: detect).")
def convert(input, to, output, encoding):
    """Write the cleaned text of a report in another script, line for line."""
    from .clean import clean_text
    from .decode import decode_bytes
    from .script import convert_lines, detect_script

    try:
        data, source = _read_input(input)
        if output:
            _refuse_overwriting_input(output, [input])
        text = decode_bytes(data, source=source, encoding=encoding).text
        lines = clean_text(text).lines
        out = "\n".join(convert_lines(lines, detect_script("\n".join(lines)), to)) + "\n"
    except ReportkitError as e:
        _fail(e)
        sys.exit(e.exit_code)
    if output:
        write_atomic(output, out)
    else:
        click.echo(out, nl=False)


@cli.command()
@click.argument("inputs", nargs=-1, required=True, metavar="FILE|DIR...")
@click.option("--fail-on", type=click.Choice(list(_LEVELS)), default="error", show_default=True,
              help="Exit 1 when a finding of this severity or worse is found.")
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "json", "sarif"]), default="text",
              show_default=True, help="text lines, a JSON list, or SARIF 2.1.0 for code-scanning tools.")
@click.option("--config", type=click.Path(dir_okay=False), help="YAML file adding vocabulary.")
@click.option("--encoding", metavar="NAME")
@click.option("--glob", "pattern", default="*.txt", show_default=True)
def check(inputs, fail_on, fmt, config, encoding, pattern):
    """Check reports against themselves; print located findings.

    Each finding is one line: FILE:LINE: SEVERITY: FLAG: message (item N).
    """
    findings = []
    failed = False
    try:
        files = _expand(inputs, pattern)
    except ReportkitError as e:
        _fail(e)
        sys.exit(e.exit_code)
    for name in files:
        try:
            data, source = _read_input(name)
            result = parse_bytes(data, source=source, encoding=encoding, config=config)
        except ReportkitError as e:
            _fail(e)
            failed = True
            continue
        for span in result.document.unparsed:
            findings.append({"file": source, "line": span.line_start, "severity": SEVERITY["unparsed"],
                             "flag": "unparsed", "item_no": None,
                             "message": f"lines {span.line_start}-{span.line_end}: {MESSAGES['unparsed']}"})
        for r in result.records:
            for flag in r.flags:
                findings.append({"file": source, "line": r.line_start, "severity": SEVERITY.get(flag, "info"),
                                 "flag": flag, "item_no": r.item_no, "message": describe(r, flag)})
    worst = max((_LEVELS[f["severity"]] for f in findings), default=-1)
    if fmt == "json":
        click.echo(json.dumps(findings, ensure_ascii=False, indent=1))
    elif fmt == "sarif":
        click.echo(json.dumps(_sarif(findings), ensure_ascii=False, indent=1))
    else:
        for f in findings:
            item = f" (item {f['item_no']})" if f["item_no"] else ""
            click.echo(f"{f['file']}:{f['line']}: {f['severity']}: {f['flag']}: {f['message']}{item}")
        counts = {lvl: sum(f["severity"] == lvl for f in findings) for lvl in _LEVELS}
        click.echo(f"{len(files)} file(s): {counts['error']} error(s), {counts['warning']} warning(s), "
                   f"{counts['info']} note(s)", err=True)
    sys.exit(EXIT_INPUT if failed or worst >= _LEVELS[fail_on] else 0)


def _sarif(findings: list[dict]) -> dict:
    """Findings as a SARIF 2.1.0 log (one run, one rule per flag)."""
    level = {"error": "error", "warning": "warning", "info": "note"}
    rules = sorted({f["flag"] for f in findings})
    return {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "reportkit", "version": __version__,
                "rules": [{"id": r, "shortDescription": {"text": MESSAGES.get(r, r).split("{")[0].strip() or r},
                           "defaultConfiguration": {"level": level[SEVERITY.get(r, "info")]}} for r in rules]}},
            "results": [{
                "ruleId": f["flag"], "level": level[f["severity"]], "message": {"text": f["message"]},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": f["file"]},
                                                    "region": {"startLine": f["line"]}}}]}
                for f in findings],
        }],
    }


def main() -> None:
    try:
        cli(prog_name="reportkit")
    except ReportkitError as e:  # anything the commands did not catch themselves
        _fail(e)
        sys.exit(e.exit_code)
