"""Errors a user can cause, and the exit codes the CLI maps them to.

Exit codes (documented in the README):
  0  success (for `check`: no finding at or above --fail-on)
  1  input that cannot be parsed (no table or outline, undecodable bytes, ...),
     or `check` found problems
  2  usage errors: bad options, missing file, bad config, an output that
     exists (without --force) or cannot be written
  3  an internal error (a bug); `--debug` shows its traceback
  130 interrupted (Ctrl-C); 128 + N ended by signal N (SIGTERM 143, SIGHUP 129),
     temporary output files removed
"""
from __future__ import annotations

EXIT_INPUT = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3
EXIT_INTERRUPTED = 130


class ReportkitError(Exception):
    """Base class: one clear message naming the file (and line) at fault."""
    exit_code = EXIT_INPUT

    def __init__(self, message: str, source: str | None = None, line: int | None = None):
        self.message = message
        self.source = source
        self.line = line
        super().__init__(self.format())

    def __reduce__(self):  # picklable, so worker processes can send errors back
        return (self.__class__, (self.message, self.source, self.line))

    def format(self) -> str:
        """``file:line: message``; an error of no file (a bad option) is the message alone."""
        if self.source is None and self.line is None:
            return self.message
        where = self.source or "<input>"
        if self.line is not None:
            where += f":{self.line}"
        return f"{where}: {self.message}"


class InputError(ReportkitError):
    """The input exists but cannot be read as a report."""
    exit_code = EXIT_INPUT


class NoItemsError(InputError):
    """The input is text, but holds no table and no outline to read items from."""


class UsageError(ReportkitError):
    """The user asked for something impossible: missing file, bad config, ..."""
    exit_code = EXIT_USAGE


class InternalError(ReportkitError):
    """A bug in reportkit met while reading one input (the batch goes on)."""
    exit_code = EXIT_INTERNAL
