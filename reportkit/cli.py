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

import io
import os
import sys
from pathlib import Path
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, Callable, Iterator, NoReturn

import click

from . import __version__
from .check_output import FINDING_FORMATS, explain_rule, render_findings, statistics_table, summary_line
from .decode import check_encoding
from .tuning import MAX_INPUT_BYTES
from .errors import EXIT_INPUT, EXIT_INTERNAL, EXIT_INTERRUPTED, EXIT_USAGE, ReportkitError, UsageError
from .files import DEFAULT_GLOB, STDIN, Input, display_name, expand_inputs, find_inputs, open_output, read_input, write_file
from .output import (BINARY_FORMATS, FORMATS, STREAM_FORMATS, WHOLE_FORMATS, RecordWriter, format_for, render,
                     render_rendered, render_table)
from .rules import BY_CODE, BY_NAME, LEVELS, RULES, matches
from .script import TARGETS

if TYPE_CHECKING:
    from .vocab import Vocab

# The parsing machinery (regex, YAML, opencc) is imported inside the commands
# that use it, so that `reportkit --help` starts as fast as click itself.

LAYOUT_CHOICES = ("auto", "table", "pasted", "outline")


def _fail(err: ReportkitError) -> None:
    """Report an error in one line (with --debug, after its traceback; the exit code stays the error's)."""
    if _debug:
        import traceback

        traceback.print_exception(err)
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
encoding_option = click.option("-e", "--encoding", metavar="NAME",
                               help="Input encoding (default: detect UTF-8/16, GB18030, Big5).")
config_option = click.option("--config", type=click.Path(dir_okay=False),
                             help="YAML file changing the vocabulary (header synonyms, units...).")
glob_option = click.option("--glob", "pattern", default=DEFAULT_GLOB, show_default=True,
                           help="Files to take from a folder (name patterns, joined by commas).")
max_bytes_option = click.option("--max-bytes", type=click.IntRange(min=1), default=MAX_INPUT_BYTES,
                                show_default=True, help="Refuse an input larger than this many bytes.")
reading_options = _options(encoding_option, config_option, glob_option, max_bytes_option)


def _vocab(config: str | None) -> Vocab:
    from .pipeline import ready_vocab

    try:
        return ready_vocab(config)
    except ReportkitError as e:
        _exit(e)


_debug = False


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="reportkit")
@click.option("--debug", is_flag=True, help="Show the Python traceback of an error (for bug reports).")
def cli(debug: bool) -> None:
    """Turn Chinese government progress reports into normalized records."""
    global _debug
    _debug = debug


@cli.command()
@click.argument("inputs", nargs=-1, metavar="[FILE|DIR|GLOB|-]...")
@click.option("-o", "--output", metavar="PATH", help="Output file (format from .csv/.json/.jsonl/.xlsx/.parquet/.html; - for standard "
              "output), or a folder (existing, or ending in /) for one output per input. Default: standard output.")
@click.option("-f", "--format", "fmt", type=click.Choice(FORMATS), help="Output format (default: from -o, else csv).")
@to_option
@click.option("--layout", type=click.Choice(LAYOUT_CHOICES), default="auto", show_default=True,
              help="Force the layout instead of detecting it.")
@reading_options
@click.option("--no-bom", is_flag=True, help="Write CSV without the UTF-8 byte-order mark.")
@click.option("--no-formula-guard", is_flag=True, help="Write CSV cells that start with = + - @ as they are "
              "(by default they get a leading ' so that a spreadsheet shows them as text).")
@click.option("--force", is_flag=True, help="Overwrite output files that already exist.")
@click.option("--skip-existing", is_flag=True, help="With -o FOLDER/: leave out the inputs whose output file "
              "exists already (rerun only new reports).")
@click.option("-j", "--jobs", type=click.IntRange(min=1), help="Worker processes (default: one per core; "
              "1 parses in this process).")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="Where to parse: worker processes here, or a Dask cluster.")
@click.option("--scheduler", metavar="ADDRESS", help="Dask scheduler address (tcp://host:8786); default: a "
              "local cluster.")
@click.option("--explain", is_flag=True,
              help="List on stderr the layout, column roles and units found, and every change the cleaning made.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar, and no notes on text left outside any item.")
def parse(inputs: tuple[str, ...], output: str | None, fmt: str | None, to: str, layout: str,
          encoding: str | None, config: str | None, pattern: str, max_bytes: int, no_bom: bool,
          no_formula_guard: bool, force: bool, skip_existing: bool, jobs: int | None,
          engine: str, scheduler: str | None, explain: bool, quiet: bool) -> None:
    """Parse reports into records (one per work item).

    \b
    reportkit parse report.txt                  CSV to standard output
    reportkit parse report.txt -o out.json      JSON file
    reportkit parse reports/ -o out/            one CSV per report, same relative paths
    reportkit parse 'reports/**/*.txt' -o all.parquet --jobs 8
    cat report.txt | reportkit parse - -f jsonl

    \b
    Exit codes: 0 success; 1 an input could not be parsed; 2 usage error
    (bad option or config, missing or unreadable input, output that exists
    without --force or cannot be written).
    """
    inputs = _or_piped(inputs)
    if output is not None and not output.strip():
        _exit(UsageError("-o needs a file or folder name, got an empty one"))
    vocab = _vocab(config or _found_config(inputs))
    to_stdout = output in (None, "-")
    try:
        if encoding:
            check_encoding(encoding)
        found, problems = find_inputs(inputs, pattern)
        to_folder = not to_stdout and (output.endswith(("/", os.sep)) or Path(output).is_dir())  # type: ignore[union-attr]
        named = "" if to_stdout or to_folder else Path(output).suffix.lower().lstrip(".")  # type: ignore[arg-type]
        if fmt and named in FORMATS and fmt != named:
            raise UsageError(f"-f {fmt} contradicts the suffix of {output}: name the file .{fmt}, or drop -f")
        # a terminal gets a table to read; a pipe, a file or -f gets the data
        readable = to_stdout and fmt is None and sys.stdout.isatty()
        fmt = fmt or format_for(None if to_stdout or to_folder else output)
        if to_stdout and fmt in BINARY_FORMATS and sys.stdout.isatty():
            raise UsageError(f"{fmt} is a binary format: write it to a file with -o, or pipe it")
        targets = plan_outputs(found, Path(output), fmt) if to_folder else {}  # type: ignore[arg-type]
        if not to_stdout and not to_folder:
            _refuse_overwriting_input(output, [i.path for i in found])  # type: ignore[arg-type]
        for target in targets.values():   # an output in the folder that is one of the inputs
            _refuse_overwriting_input(str(target), [i.path for i in found])
        if scheduler and engine != "dask":
            raise UsageError("--scheduler needs --engine dask")
        if skip_existing and not to_folder:
            raise UsageError("--skip-existing needs -o FOLDER/ (one output per input)")
        if skip_existing:
            done = [i for i in found if targets[i.path].exists()]
            found = [i for i in found if not targets[i.path].exists()]
            if done:
                click.echo(f"reportkit: {len(done)} input(s) left out: their output exists (--skip-existing)",
                           err=True)
    except ReportkitError as e:
        _exit(e)
    code = EXIT_USAGE if problems else 0
    for problem in problems:
        _fail(problem)

    options: dict[str, Any] = dict(encoding=encoding, to=to, layout=None if layout == "auto" else layout,
                                   vocab=vocab, max_bytes=max_bytes)
    from .batch import Progress, default_jobs, parse_files

    # workers render the records of text formats, so that this process only writes them
    guard = not no_formula_guard
    render_in_worker = fmt if fmt in STREAM_FORMATS and (guard or fmt != "csv") and not readable else None
    if engine == "dask":
        from .dask import parse_files_on_cluster

        outcomes = parse_files_on_cluster(found, scheduler, render=render_in_worker, **options)
    else:
        # one output for all inputs: a large report's records are written a part at a time
        outcomes = parse_files(found, jobs or default_jobs(), render=render_in_worker, parts=not to_folder,
                               **options)
    progress = Progress(len(found), enabled=None if not quiet and len(found) > 1 else False)
    try:
        with _combined_output(output, fmt, not no_bom, force, to_folder or readable, guard) as combined:
            for outcome in _guarded(outcomes):
                result = outcome.result
                try:
                    if outcome.error is not None:
                        raise outcome.error
                    assert result is not None
                    if to_folder:
                        data = (render(result.records, fmt, bom=not no_bom, guard=guard,
                                       findings=_document_findings(result) if fmt in WHOLE_FORMATS else ())
                                if outcome.rows is None
                                else render_rendered(outcome.rows, outcome.count, fmt, bom=not no_bom))
                        write_file(targets[outcome.input.path], data, force=force)
                except ReportkitError as e:
                    progress.update(error=True, new_file=outcome.part == 0)
                    _fail(e)
                    code = max(code, e.exit_code)
                    continue
                progress.update(outcome.count, new_file=outcome.part == 0)
                if explain:
                    _explain(result)
                for warning in result.document.warnings:
                    where, message = warning.split(":", 1)
                    click.echo(f"{result.source}:{where}: warning:{message}", err=True)
                if not quiet:
                    for span in result.document.unparsed:
                        first = span.text.splitlines()[0][:40]
                        click.echo(f"{result.source}:{span.line_start}-{span.line_end}: note: not part of any "
                                   f"item: {first}", err=True)
                if readable:
                    click.echo(render_table(result.records), nl=False)
                elif combined is not None and outcome.rows is not None:
                    combined.write_rows(outcome.rows, outcome.count)
                elif combined is not None:
                    combined.write(result.records)
                    if fmt in WHOLE_FORMATS:
                        combined.add_findings(_document_findings(result))
            if combined is not None and found and progress.errors == len(found):
                raise _NothingParsed()
    except _NothingParsed:
        pass
    except ReportkitError as e:
        _exit(e)
    finally:
        progress.close()
    if len(found) > 1:
        click.echo(f"reportkit: {len(found)} file(s): {len(found) - progress.errors} parsed, "
                   f"{progress.errors} failed, {progress.records} record(s)", err=True)
    sys.exit(code)


class _NothingParsed(Exception):
    """Every input failed: the combined output is not written."""


@contextmanager
def _combined_output(output: str | None, fmt: str, bom: bool, force: bool,
                     separate: bool = False, guard: bool = True) -> Iterator[RecordWriter | None]:
    """A writer of one table for all inputs, on standard output or in a file;
    None when the records are written `separate`ly (each input its own file in
    the folder `output`, or a table on the terminal). The file is written only
    when the block ends without an error."""
    if separate:
        yield None
        return
    if output is not None and output != "-":
        with open_output(output, force=force) as handle:
            writer = RecordWriter(handle, fmt, bom, guard)
            yield writer
            writer.close()
        return
    stream = _StdoutBytes()
    if fmt in BINARY_FORMATS:   # a workbook or a Parquet file is built whole, then written out
        buffer = io.BytesIO()
        writer = RecordWriter(buffer, fmt, bom, guard)
        yield writer
        writer.close()
        stream.write(buffer.getvalue())
        stream.flush()
        return
    writer = RecordWriter(stream, fmt, bom, guard)  # type: ignore[arg-type]
    yield writer
    writer.close()
    stream.flush()


class _StdoutBytes:
    """Standard output as a byte stream; a closed pipe ends quietly, a failing one is one clear error."""

    def write(self, data: bytes) -> int:
        try:
            return sys.stdout.buffer.write(data)
        except OSError as e:
            self._failed(e)
            return 0

    def flush(self) -> None:
        try:
            sys.stdout.buffer.flush()
        except OSError as e:
            self._failed(e)

    @staticmethod
    def _failed(e: OSError) -> NoReturn:
        try:  # drop what could not be written, so that exiting does not fail again
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        except (OSError, ValueError):
            pass
        if isinstance(e, BrokenPipeError):
            sys.exit(0)
        raise UsageError(f"cannot write to standard output: {e.strerror}") from None


def _guarded(outcomes: Any) -> Any:
    """The outcomes, with an error of the engine itself (a scheduler that cannot be reached) as one line."""
    try:
        for outcome in outcomes:
            _raise_pending_signal()
            yield outcome
    except ReportkitError as e:
        _exit(e)


def plan_outputs(inputs: list[Input], folder: Path, fmt: str) -> dict[str, Path]:
    """Where each input's output goes in `folder`: its relative path with the
    format's suffix. Two inputs that would write one file are refused."""
    targets: dict[str, Path] = {}
    claimed: dict[Path, str] = {}
    root = folder.resolve()
    for inp in inputs:
        target = folder / inp.relative.with_suffix("." + fmt)
        resolved = target.resolve()
        if not resolved.is_relative_to(root):
            raise UsageError(f"output for {inp.path} would be written outside the output folder", source=str(folder))
        if resolved in claimed:
            raise UsageError(f"{claimed[resolved]} and {inp.path} would both write {target}", source=str(folder))
        claimed[resolved] = inp.path
        targets[inp.path] = target
    try:
        for target in targets.values():
            target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise UsageError(f"cannot create output folder: {e.strerror}", source=display_name(str(e.filename)))
    return targets


def _explain(result: Any) -> None:
    doc, source = result.document, result.source
    click.echo(f"{source}: encoding {result.encoding}, script {result.script}, "
               f"layout {doc.layout}, {len(result.records)} records; title {doc.title!r}, "
               f"published {doc.published}, publisher {doc.publisher!r}", err=True)
    for line in doc.explain:
        click.echo(f"{source}: {line}", err=True)
    if doc.metadata_lines:
        click.echo(f"{source}: metadata (title, publication lines, page chrome, headings, header rows) on lines "
                   f"{_ranges(doc.metadata_lines)}", err=True)
    for fix in result.clean.fixes:
        # a report read in parts keeps where each fix was, not the text it changed
        change = f": {fix.before!r} -> {fix.after!r}" if fix.before or fix.after else ""
        click.echo(f"{source}:{fix.line}: {fix.kind}{change}", err=True)
    for rec in result.records:
        for m in rec.metrics:
            if m.how:
                pair = f"{m.target.text if m.target else '-'} -> {m.actual.text if m.actual else '-'}"
                click.echo(f"{source}:{rec.line_start}: pair {pair}: {'; '.join(m.how)}", err=True)


def _ranges(numbers: list[int]) -> str:
    """``1, 2, 3, 7`` -> ``1-3, 7``."""
    out: list[list[int]] = []
    for n in sorted(set(numbers)):
        if out and n == out[-1][1] + 1:
            out[-1][1] = n
        else:
            out.append([n, n])
    return ", ".join(f"{a}-{b}" if a != b else str(a) for a, b in out)


def _refuse_overwriting_input(output: str, files: list[str]) -> None:
    out = Path(output)
    for name in files:
        if name != STDIN and out.exists() and Path(name).exists() and out.resolve() == Path(name).resolve():
            raise UsageError("output file is an input file; refusing to overwrite it", source=output)


@cli.command()
@click.argument("input", metavar="FILE|-")
@to_option
@click.option("-o", "--output", metavar="FILE", help="Output file (default: standard output).")
@click.option("--force", is_flag=True, help="Overwrite the output file if it exists.")
@encoding_option
def convert(input: str, to: str, output: str | None, force: bool, encoding: str | None) -> None:
    """Write the cleaned text of a report in another script, line for line."""
    from .pipeline import convert_bytes

    try:
        if encoding:
            check_encoding(encoding)
        data, source = read_input(input)
        if output and output != "-":
            _refuse_overwriting_input(output, [input])
        out = convert_bytes(data, to, source=source, encoding=encoding)
        if output and output != "-":
            write_file(output, out, force=force)
        else:
            stream = _StdoutBytes()
            stream.write(out.encode("utf-8"))
            stream.flush()
    except ReportkitError as e:
        _exit(e)


def _codes(value: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(c.strip() for v in value for c in v.split(",") if c.strip())


@cli.command()
@click.argument("inputs", nargs=-1, metavar="[FILE|DIR|GLOB|-]...")
@click.option("--fail-on", type=click.Choice(list(LEVELS)), default="error", show_default=True,
              help="Exit 1 when a finding of this severity or worse is found.")
@click.option("-f", "--format", "fmt", type=click.Choice(FINDING_FORMATS), default="text", show_default=True,
              help="text lines, a JSON list, a JSON validation report (valid or not, per file, with counts), "
              "SARIF 2.1.0, GitHub Actions commands, or JUnit XML.")
@click.option("--select", multiple=True, metavar="CODES",
              help="Run only these rules: codes (RK203), families (RK2) or names, comma-separated.")
@click.option("--ignore", multiple=True, metavar="CODES", help="Do not run these rules (as --select).")
@click.option("--list-rules", is_flag=True, help="List every rule (code, name, severity) and exit.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 whatever is found (unreadable inputs still exit 2).")
@click.option("--statistics", is_flag=True, help="After the findings, count them by rule.")
@click.option("--output-file", type=click.Path(dir_okay=False), help="Write the findings to this file, not to "
              "standard output (an existing file is replaced).")
@click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True,
              help="Colour the text findings: auto on a terminal unless NO_COLOR is set (FORCE_COLOR forces it).")
@reading_options
def check(inputs: tuple[str, ...], fail_on: str, fmt: str, select: tuple[str, ...], ignore: tuple[str, ...],
          list_rules: bool, exit_zero: bool, statistics: bool, output_file: str | None, color: str,
          encoding: str | None, config: str | None, pattern: str, max_bytes: int) -> None:
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
    inputs = _or_piped(inputs)
    from .lint import Finding, check_bytes, find_config, load_settings, worst

    select, ignore = _codes(select), _codes(ignore)
    try:
        if encoding:
            check_encoding(encoding)
        files = expand_inputs(inputs, pattern)
    except ReportkitError as e:
        _exit(e)
    found: list[Finding] = []
    unreadable = False
    failed = 0
    for name in files:
        try:
            settings = load_settings(config or find_config(name if name != STDIN else "."))
            settings = settings.with_cli(select, ignore)
        except ReportkitError as e:
            _exit(e)
        try:
            data, source = read_input(name, max_bytes)
            found += check_bytes(data, source, settings, encoding)
        except UsageError as e:
            if "disable comment" in e.message or "noqa comment" in e.message:
                _exit(e)
            _fail(e)
            unreadable, failed = True, failed + 1
        except ReportkitError as e:
            _fail(e)
            unreadable, failed = True, failed + 1
    ran = [r for r in RULES if (not select or matches(r.code, select)) and not matches(r.code, ignore)]
    sources = ["<stdin>" if n == STDIN else n for n in files]
    painted = fmt == "text" and output_file is None and _use_color(color)
    text = render_findings(found, fmt, files=sources, rules=ran, color=painted, fail_on=fail_on)
    if fmt == "text":
        text += summary_line(found, len(files) - failed) + (f", {failed} could not be read" if failed else "") + "\n"
        if statistics:
            text += statistics_table(found)
    if output_file:
        try:
            write_file(output_file, text, force=True)
        except ReportkitError as e:
            _exit(e)
    else:
        click.echo(text, nl=False, color=painted)
    if statistics and fmt != "text":
        click.echo(statistics_table(found), err=True, nl=False)
    sys.exit(EXIT_USAGE if unreadable else 0 if exit_zero else EXIT_INPUT if worst(found) >= LEVELS[fail_on] else 0)


@cli.command()
@click.argument("code", metavar="CODE|NAME")
def rule(code: str) -> None:
    """Explain one rule: what it finds, its severity, and how to silence it (as `ruff rule`)."""
    found = BY_CODE.get(code.upper()) or BY_NAME.get(code)
    if found is None:
        _exit(UsageError(f"no rule {code!r}; `reportkit check --list-rules` lists them"))
    click.echo(explain_rule(found))


def _document_findings(result: Any) -> list[list[Any]]:
    """The findings of a parsed report that belong to no record, as rows of a
    workbook's findings sheet."""
    from .lint import findings

    return [[f.file, f.line, None, f.code, f.rule.name, f.severity, f.rule.summary]
            for f in findings(result) if f.item_no is None]


def _found_config(inputs: tuple[str, ...]) -> str | None:
    """The config `check` would use for the first input: the nearest reportkit.yaml
    (or pyproject.toml with [tool.reportkit]) in its folder or above, so that
    parse and check read a report with one vocabulary."""
    from .lint import find_config

    first = next((i for i in inputs if i != STDIN), ".")
    return find_config(first if Path(first).exists() else ".")


def _or_piped(inputs: tuple[str, ...]) -> tuple[str, ...]:
    """The inputs named, or standard input when none is and something is piped
    in (as csvkit does); with neither, a usage error."""
    if inputs:
        return inputs
    if not sys.stdin.isatty():
        return (STDIN,)
    _exit(UsageError("no input given: name files, folders, glob patterns or - (standard input), or pipe a "
                     "report in"))


def _use_color(choice: str) -> bool:
    """Colour or not: --color always/never, else FORCE_COLOR, NO_COLOR, then whether stdout is a terminal."""
    if choice != "auto":
        return choice == "always"
    if os.environ.get("FORCE_COLOR"):
        return True
    return sys.stdout.isatty() and os.environ.get("NO_COLOR") is None



class _Signalled(BaseException):
    """SIGTERM or SIGHUP: end as an interrupt does, cleaning up on the way (no `except
    Exception` stops it)."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


#: the signals received: a signal that arrives while an object is finalized raises
#: inside its __del__, where Python only prints the exception, so it is raised again
#: at the next file and before the command ends
_SIGNALS: list[int] = []


def _on_signal(signum: int, frame: Any) -> None:
    _SIGNALS.append(signum)
    raise _Signalled(signum)


def _raise_pending_signal() -> None:
    if _SIGNALS:
        raise _Signalled(_SIGNALS[0])


def _unraisable(unraisable: Any) -> None:
    """Python's report of an exception it cannot raise (one in a __del__), but for a
    signal's: that one is kept in `_SIGNALS` and raised again, so it is no traceback."""
    if not isinstance(unraisable.exc_value, _Signalled):
        sys.__unraisablehook__(unraisable)


def _flush_stdout() -> None:
    """Write out standard output now, so that a full disk or /dev/full is an
    error of the command (exit 2), not an exception Python ignores at exit
    (exit 120); afterwards the output goes nowhere, so exit flushes nothing."""
    try:
        sys.stdout.flush()
    except OSError:
        _stdout_nowhere()
        raise


def _stdout_nowhere() -> None:
    """Send what standard output still holds nowhere: it cannot be written."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def _leave(code: int) -> NoReturn:
    """End now: the temporary files are gone (their blocks have ended), and
    worker processes are not waited for."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    os._exit(code)


def main() -> None:
    """The `reportkit` command: exit codes 0, 1, 2 as documented, 3 for a bug,
    130 for Ctrl-C and 128 + the signal for SIGTERM/SIGHUP (temporary files removed)."""
    import signal

    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), _on_signal)
    sys.unraisablehook = _unraisable
    try:
        try:
            code = cli.main(prog_name="reportkit", standalone_mode=False)
        except SystemExit as done:   # the commands end with their exit code
            code = done.code
        _raise_pending_signal()
        _flush_stdout()
        sys.exit(code or 0)
    except (KeyboardInterrupt, click.exceptions.Abort):
        click.echo("\nreportkit: interrupted", err=True)
        _leave(EXIT_INTERRUPTED)
    except _Signalled as s:
        _leave(128 + s.signum)
    except click.ClickException as e:
        try:
            e.show()
        except OSError:
            pass
        sys.exit(e.exit_code)
    except OSError as e:     # standard output or error that cannot be written (a full disk, /dev/full)
        _stdout_nowhere()
        try:
            click.echo(f"reportkit: cannot write the output: {e.strerror or e}", err=True)
        except OSError:
            pass
        sys.exit(EXIT_USAGE)
    except ReportkitError as e:  # anything the commands did not catch themselves
        _exit(e)
    except Exception as e:  # a bug: one line, and the way to the traceback
        if _debug:
            raise
        click.echo(f"reportkit: internal error: {type(e).__name__}: {e} (run with --debug for the traceback "
                   "and report it)", err=True)
        sys.exit(EXIT_INTERNAL)
