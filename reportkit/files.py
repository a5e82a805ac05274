"""Finding and reading input files: what the CLI and the API share.

`read_input` reads one named input (``-`` is standard input) and turns the
ways a read can fail into one `UsageError` naming the file. `expand_inputs`
turns the names given on a command line (files, folders, ``-``) into the list
of inputs, in sorted order within each folder.
"""
from __future__ import annotations

import glob
import re
import sys
from pathlib import Path

from .errors import UsageError

STDIN = "-"
_GLOB_CHARS = re.compile(r"[*?\[]")


def read_input(name: str | Path) -> tuple[bytes, str]:
    """The bytes of the input `name`, and the name to report it by."""
    if str(name) == STDIN:
        return sys.stdin.buffer.read(), "<stdin>"
    try:
        return Path(name).read_bytes(), str(name)
    except FileNotFoundError:
        raise UsageError("no such file", source=str(name)) from None
    except IsADirectoryError:
        raise UsageError("is a directory, expected a report file", source=str(name)) from None
    except OSError as e:
        raise UsageError(f"cannot read: {e.strerror}", source=str(name)) from None


def expand_inputs(names: list[str] | tuple[str, ...], pattern: str = "*.txt") -> list[str]:
    """Files named, the files matching `pattern` below each folder named, and
    the files a glob pattern (``reports/**/*.txt``) names, each sorted."""
    out: list[str] = []
    for name in names:
        p = Path(name)
        if name != STDIN and not p.exists() and _GLOB_CHARS.search(name):
            found = sorted(f for f in glob.glob(name, recursive=True) if Path(f).is_file())
            if not found:
                raise UsageError("no files match this pattern", source=name)
            out += found
        elif name != STDIN and p.is_dir():
            found = sorted(str(f) for f in p.rglob(pattern) if f.is_file())
            if not found:
                raise UsageError(f"no files matching {pattern} in this folder", source=name)
            out += found
        else:
            out.append(name)
    return out
