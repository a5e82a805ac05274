"""Parsing many files: in process or in parallel worker processes, always in input order.

`parse_files` yields one `FileOutcome` per input, in the order given,
whatever the number of workers: a result, or the error that stopped that
file. A failure in one file never stops the others; a bug in reportkit on
one file is reported as that file's `InternalError`. Workers receive the
parse options (the loaded vocabulary among them) once, when they start.

`Progress` draws a one-line progress bar on a terminal: files done, records,
errors, rate and time left.
"""
from __future__ import annotations

import os
import sys
import time
import warnings
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from typing import Any, Iterable, Iterator, TextIO

from .errors import InternalError, ReportkitError, UsageError
from .files import Input, read_input
from .models import ParseResult
from .output import STREAM_FORMATS, render_rows
from .pipeline import parse_bytes, parse_bytes_in_parts
from .tuning import MAX_INPUT_BYTES, PARENT_CHECK


@dataclass
class FileOutcome:
    """What became of one input: its parse result, or its error."""
    input: Input
    result: ParseResult | None = None
    error: ReportkitError | None = None
    #: the records rendered by `output.render_rows`, when `parse_files` was asked to render
    rows: str | None = None
    #: the number of records parsed
    count: int = 0
    #: which part of the input this is, from 0 (`parse_files(parts=True)`: a large report
    #: gives an outcome per part)
    part: int = 0


#: what to do with a file that cannot be parsed, as pandas' ``on_bad_lines``
ON_ERROR = ("raise", "warn", "skip")


def check_on_error(on_error: str) -> None:
    """A `UsageError` unless `on_error` is one of `ON_ERROR`."""
    if on_error not in ON_ERROR:
        raise UsageError(f"on_error must be one of {', '.join(ON_ERROR)}, got {on_error!r}")


def parsed(outcomes: Iterable[FileOutcome], on_error: str = "raise") -> Iterator[FileOutcome]:
    """The outcomes that parsed. A file that failed raises its error
    (``on_error="raise"``), or is left out with a warning naming it and why
    (``"warn"``) or silently (``"skip"``)."""
    check_on_error(on_error)
    for outcome in outcomes:
        if outcome.error is None and outcome.result is not None:
            yield outcome
        elif on_error == "raise":
            raise outcome.error  # type: ignore[misc]
        elif on_error == "warn":
            warnings.warn(f"reportkit: {outcome.error}: left out", stacklevel=3)


def default_jobs() -> int:
    """The number of worker processes to use by default: one per core."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def parse_one(inp: Input, options: dict[str, Any], render: str | None = None) -> FileOutcome:
    """Read and parse one input, and render its records in the stream format
    `render` if given; any failure becomes the outcome's error."""
    options = dict(options)
    try:
        data, source = read_input(inp.path, options.pop("max_bytes", MAX_INPUT_BYTES))
        result = parse_bytes(data, source=source, **options)
        rows = render_rows(result.records, render) if render else None
        return FileOutcome(inp, result, rows=rows, count=len(result.records))
    except Exception as e:
        return _failed(inp, e)


def parse_one_in_parts(inp: Input, options: dict[str, Any]) -> Iterator[FileOutcome]:
    """`parse_one`, an outcome per part of a large report given as text
    (`pipeline.parse_bytes_in_parts`), so that a writer writes each part's records
    as they come; any other input gives one outcome. A failure after some parts
    is an outcome of its own, after theirs."""
    options = dict(options)
    part = 0
    try:
        data, source = read_input(inp.path, options.pop("max_bytes", MAX_INPUT_BYTES))
        results = parse_bytes_in_parts(data, source=source, **options)
        del data  # the parts' reader lets it go once it is decoded
        for result in results:
            yield FileOutcome(inp, result, count=len(result.records), part=part)
            part += 1
    except Exception as e:
        yield _failed(inp, e, part)


def _failed(inp: Input, error: Exception, part: int = 0) -> FileOutcome:
    """The outcome of an input whose reading raised `error`: a bug (not a
    `ReportkitError`) is an internal error of this file, and the batch goes on."""
    if not isinstance(error, ReportkitError):
        error = InternalError(f"internal error: {type(error).__name__}: {error}", source=inp.path)
    return FileOutcome(inp, error=error, part=part)  # type: ignore[arg-type]


_worker_options: dict[str, Any] = {}
_worker_render: list[str | None] = [None]


def _start_worker(options: dict[str, Any], render: str | None) -> None:
    _worker_options.update(options)
    _worker_render[0] = render
    _die_with_parent()


def _die_with_parent() -> None:
    """End this worker when the process that started it ends, even by SIGKILL:
    Linux is asked to send it SIGKILL then; elsewhere a thread watches for the
    parent to go (the worker is handed to another parent)."""
    import signal
    import threading

    signal.signal(signal.SIGINT, signal.SIG_IGN)      # Ctrl-C is the parent's to handle
    parent = os.getppid()
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)    # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_CHECK)
        os._exit(1)
    threading.Thread(target=watch, daemon=True).start()


def _parse_in_worker(inp: Input) -> FileOutcome:
    outcome = parse_one(inp, _worker_options, _worker_render[0])
    if outcome.result is not None:
        # the cleaned lines and the items are the bulk of a result, and the caller
        # needs neither: the records hold what the items said; rendered records
        # travel as text, which costs far less to send than the objects
        result = outcome.result
        outcome.result = replace(result, clean=replace(result.clean, lines=[]),
                                 document=replace(result.document, items=[]),
                                 records=[] if outcome.rows is not None else result.records)
    return outcome


def parse_files(inputs: list[Input], jobs: int = 1, render: str | None = None, parts: bool = False,
                **options: Any) -> Iterator[FileOutcome]:
    """Parse `inputs` with `jobs` worker processes (1: in this process), in input order.

    render:  a stream format (csv, json, jsonl): each outcome from a worker also
             carries its records rendered by `output.render_rows`
             (`FileOutcome.rows`), so that writing them is all that is left to do.
    parts:   in this process, give a large report an outcome per part
             (`parse_one_in_parts`), each numbered by `FileOutcome.part`

    From worker processes a result comes back without its cleaned lines and
    its items (`ParseResult.clean.lines` and `document.items` are empty), and,
    when rendered, without its records (`FileOutcome.rows` holds them)."""
    if render is not None and render not in STREAM_FORMATS:
        raise ValueError(f"cannot render {render}; expected one of {', '.join(STREAM_FORMATS)}")
    jobs = max(1, min(jobs, len(inputs)))
    if jobs == 1:
        # in this process the writer renders the records a batch at a time: rendering a
        # report whole first would hold its output twice over
        for inp in inputs:
            if parts:
                yield from parse_one_in_parts(inp, options)
            else:
                yield parse_one(inp, options)
        return
    pool = ProcessPoolExecutor(max_workers=jobs, initializer=_start_worker, initargs=(options, render))
    try:
        chunk = max(1, min(32, len(inputs) // (jobs * 8)))
        yield from pool.map(_parse_in_worker, inputs, chunksize=chunk)
    except BaseException:
        # stopped (an interrupt, a signal, the caller gave up): what was not started never will be,
        # and the workers are ended rather than waited for
        workers = list((getattr(pool, "_processes", None) or {}).values())
        pool.shutdown(wait=False, cancel_futures=True)
        for proc in workers:
            proc.terminate()
        raise
    pool.shutdown()


class Progress:
    """A progress line on a terminal (stderr), redrawn at most ten times a second."""

    def __init__(self, total: int, stream: TextIO | None = None, enabled: bool | None = None):
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty() if enabled is None else enabled
        self.total, self.done, self.records, self.errors = total, 0, 0, 0
        self.start = time.monotonic()
        self._last = self.start - 1.0  # the first update draws at once

    def update(self, records: int = 0, error: bool = False, new_file: bool = True) -> None:
        """Count a file done (`new_file`; not for a later part of one), its records and an error."""
        self.done += new_file
        self.records += records
        self.errors += error
        now = time.monotonic()
        if self.enabled and (now - self._last >= 0.1 or self.done == self.total):
            self._last = now
            self.stream.write("\r" + self.line(now) + "\x1b[K")
            self.stream.flush()

    def line(self, now: float | None = None) -> str:
        elapsed = max((now or time.monotonic()) - self.start, 1e-9)
        rate = self.done / elapsed
        left = (self.total - self.done) / rate if rate else 0.0
        width = 24
        filled = int(width * self.done / self.total) if self.total else width
        return (f"[{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total} files, "
                f"{self.records} records, {self.errors} errors, {rate:.1f} files/s, {left:.0f}s left")

    def close(self) -> None:
        if self.enabled and self.done:
            self.stream.write("\n")
            self.stream.flush()
