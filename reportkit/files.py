"""Finding, reading and writing the user's files: what the CLI and the API share.

`read_input` reads one named input (``-`` is standard input) and turns the
ways a read can fail into one `UsageError` naming the file. `find_inputs`
turns the names given on a command line (files, folders, glob patterns, ``-``)
into inputs, each with the relative path its output keeps in a folder, and
reports folders it cannot enter instead of skipping them.

`write_file` writes an output without damaging anything: a regular file is
replaced atomically with the permissions a plain ``open()`` would give (an
existing file keeps its own), a device or FIFO is written through, a symbolic
link writes its target, and an existing file is overwritten only when asked.
"""
from __future__ import annotations

import fnmatch
import glob
import os
import re
import stat
import sys
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import BinaryIO, Callable, Iterator

from .errors import InputError, UsageError
from .tuning import MAX_INPUT_BYTES, READ_BLOCK

STDIN = "-"
_GLOB_CHARS = re.compile(r"[*?\[]")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


@dataclass(frozen=True)
class Input:
    """One input file, and its path relative to the folder or pattern that named it."""
    path: str
    relative: PurePosixPath


def display_name(name: str) -> str:
    """A file name safe to print and to write as UTF-8: undecodable bytes become
    U+FFFD, control characters (a newline, an escape) are written as escapes, so
    that a name stays on one line and cannot drive the terminal.

    >>> display_name("a\\nb.txt"), display_name("报告.txt")
    ('a\\\\nb.txt', '报告.txt')
    """
    name = name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return _CONTROL.sub(lambda m: m[0].encode("unicode_escape").decode("ascii"), name)


def read_input(name: str | Path, max_bytes: int = MAX_INPUT_BYTES) -> tuple[bytes, str]:
    """The bytes of the input `name`, and the name to report it by; an input
    larger than `max_bytes` is refused (a regular file before it is read)."""
    if str(name) == STDIN:
        return _bounded(sys.stdin.buffer, max_bytes, "<stdin>"), "<stdin>"
    shown = display_name(str(name))
    try:
        info = os.stat(name)
        if stat.S_ISREG(info.st_mode) and info.st_size > max_bytes:
            raise InputError(f"larger than the input limit ({info.st_size:,} bytes, limit {max_bytes:,}): "
                             "raise it with --max-bytes", source=shown)
        with open(name, "rb") as f:
            return _bounded(f, max_bytes, shown), shown
    except FileNotFoundError:
        raise UsageError("no such file", source=shown) from None
    except IsADirectoryError:
        raise UsageError("is a directory, expected a report file", source=shown) from None
    except OSError as e:
        raise UsageError(f"cannot read: {e.strerror}", source=shown) from None


def _bounded(stream: BinaryIO, max_bytes: int, shown: str) -> bytes:
    """All of `stream`, read a block at a time, refused past `max_bytes` (a
    device such as /dev/zero, a pipe that never ends)."""
    blocks, total = [], 0
    while True:
        block = stream.read(READ_BLOCK)
        if not block:
            return b"".join(blocks)
        total += len(block)
        if total > max_bytes:
            raise InputError(f"larger than the input limit ({max_bytes:,} bytes): raise it with --max-bytes",
                             source=shown)
        blocks.append(block)


def check_pattern(pattern: str) -> None:
    """A folder's file pattern is a name pattern (``*.txt``, or several joined by
    commas: ``*.txt,*.html``), never a path."""
    for part in pattern.split(",") if pattern else [""]:
        if not part or os.path.isabs(part) or ".." in PurePosixPath(part).parts:
            raise UsageError(f"--glob takes a file name pattern such as *.txt, not a path: {pattern!r}")


#: the files a folder given to `parse` is read for: every format reportkit reads
DEFAULT_GLOB = "*.txt,*.html,*.htm,*.xlsx,*.xls,*.docx,*.pdf"


def find_inputs(names: list[str] | tuple[str, ...], pattern: str = DEFAULT_GLOB) -> tuple[list[Input], list[UsageError]]:
    """The inputs `names` stand for, sorted within each folder or pattern, and
    the folders that could not be read (never skipped silently)."""
    check_pattern(pattern)
    out: list[Input] = []
    problems: list[UsageError] = []
    for name in names:
        p = Path(name)
        if name == STDIN:
            out.append(Input(name, PurePosixPath("stdin")))
        elif not p.exists() and _GLOB_CHARS.search(name):
            root = _glob_root(name)
            found = _glob(name, root, problems)
            if not found:
                raise UsageError("no files match this pattern", source=name)
            out += [Input(f, _relative(Path(f), root)) for f in found]
        elif p.is_dir():
            found = _walk(p, pattern, problems)
            if not found and not problems:
                raise UsageError(f"no files matching {pattern} in this folder", source=name)
            out += [Input(str(f), _relative(f, p)) for f in found]
        else:
            out.append(Input(name, PurePosixPath(p.name)))
    return out, problems


def expand_inputs(names: list[str] | tuple[str, ...], pattern: str = DEFAULT_GLOB) -> list[str]:
    """The paths of `find_inputs`; a folder that cannot be read is an error."""
    found, problems = find_inputs(names, pattern)
    if problems:
        raise problems[0]
    return [i.path for i in found]


def _glob(pattern: str, root: Path, problems: list[UsageError]) -> list[str]:
    """The files a pattern names, sorted. ``**`` goes down every folder below,
    by a walk that does not follow links to folders (a link that loops back
    would never end); the rest of the pattern is matched part by part."""
    if "**" not in pattern:
        return sorted(f for f in glob.glob(pattern) if Path(f).is_file())
    parts = Path(pattern).parts[len(root.parts) if str(root) != "." else 0:]

    def matches(names: tuple[str, ...], pat: tuple[str, ...]) -> bool:
        if not pat:
            return not names
        if pat[0] == "**":
            return any(matches(names[i:], pat[1:]) for i in range(len(names) + 1))
        return bool(names) and fnmatch.fnmatchcase(names[0], pat[0]) and matches(names[1:], pat[1:])

    found = []
    for here, dirs, files in os.walk(root, onerror=_reported(problems)):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        rel = Path(here).relative_to(root).parts
        found += [str(Path(here) / f) for f in files
                  if not f.startswith(".") and matches(rel + (f,), parts) and (Path(here) / f).is_file()]
    return sorted(found)


def _reported(problems: list[UsageError]) -> Callable[[OSError], None]:
    """An `os.walk` error handler that keeps each folder it cannot read as a problem."""
    def unreadable(e: OSError) -> None:
        problems.append(UsageError(f"cannot read folder: {e.strerror}", source=display_name(str(e.filename))))
    return unreadable


def _glob_root(pattern: str) -> Path:
    parts = Path(pattern).parts
    fixed = [p for p in parts[: next((i for i, p in enumerate(parts) if _GLOB_CHARS.search(p)), len(parts))]]
    return Path(*fixed) if fixed else Path(".")


def _relative(path: Path, root: Path) -> PurePosixPath:
    try:
        return PurePosixPath(path.relative_to(root).as_posix())
    except ValueError:
        return PurePosixPath(path.name)


def _walk(folder: Path, pattern: str, problems: list[UsageError]) -> list[Path]:
    found: list[Path] = []

    for here, dirs, files in os.walk(folder, onerror=_reported(problems)):
        dirs.sort()
        # a name pattern matches whatever the case of the name (report.TXT, 报告.Xlsx)
        found += [Path(here) / f for f in files
                  if any(PurePosixPath(str(_relative(Path(here) / f, folder)).lower()).match(p.lower())
                         for p in pattern.split(","))
                  and (Path(here) / f).is_file()]
    return sorted(found)


# ---------------------------------------------------------------- writing

def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextmanager
def open_output(path: str | Path, *, force: bool = False) -> Iterator[BinaryIO]:
    """A binary file to write the output at `path` into, without damaging what is there.

    A regular file is written to a temporary file beside it and renamed over
    it only when the block ends without an error; it gets the permissions a
    plain ``open()`` would give, or keeps its own when it existed. Without
    `force` the name is claimed at the start (created empty, exclusively), so
    that of two runs writing one output the second fails at once. A device
    or FIFO is written through; a symbolic link writes its target. Raises
    `UsageError` when `path` is an existing regular file and `force` is false,
    or when it cannot be written.
    """
    shown = display_name(str(path))
    target = Path(path)
    claimed: os.stat_result | None = None     # the empty file that holds the name while we write
    try:
        if target.is_symlink():
            try:
                target = target.resolve(strict=False)  # write what the link points to, keep the link
            except RuntimeError:
                raise UsageError("is a symbolic link that loops back on itself", source=shown) from None
        mode = target.stat().st_mode if target.exists() else None
        if mode is not None and stat.S_ISDIR(mode):
            raise UsageError("is a folder, expected an output file", source=shown)
        if mode is not None and not stat.S_ISREG(mode):
            handle: BinaryIO = open(target, "wb")  # a device or FIFO: write through, never replace
            tmp = None
        else:
            if mode is not None and not force:
                raise UsageError("output file exists; use --force to overwrite it", source=shown)
            if mode is None and not force:
                # claim the name now, so that a second writer started meanwhile finds it taken
                os.close(os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
                claimed = os.stat(target)
            fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
            handle = os.fdopen(fd, "wb")
    except FileExistsError:
        raise UsageError("output file exists (another run is writing it?); use --force to overwrite it",
                         source=shown) from None
    except OSError as e:
        _release(target, claimed)
        raise UsageError(f"cannot write: {e.strerror}", source=shown) from None
    try:
        with handle:
            yield handle
        if tmp is not None:
            os.chmod(tmp, stat.S_IMODE(mode) if mode is not None else 0o666 & ~_umask())
            os.replace(tmp, target)
            tmp = None
    except OSError as e:
        raise UsageError(f"cannot write: {e.strerror}", source=shown) from None
    finally:
        if tmp is not None and os.path.exists(tmp):
            os.unlink(tmp)
            _release(target, claimed)


def _release(target: Path, claimed: os.stat_result | None) -> None:
    """Give up a claimed output name: remove the empty file if it is still ours."""
    try:
        now = os.stat(target)
        if claimed is not None and (now.st_ino, now.st_dev, now.st_size) == (claimed.st_ino, claimed.st_dev, 0):
            os.unlink(target)
    except OSError:
        pass


def write_file(path: str | Path, data: str | bytes, *, force: bool = False) -> None:
    """Write `data` (text is UTF-8) to `path` through `open_output`."""
    with open_output(path, force=force) as f:
        f.write(data.encode("utf-8") if isinstance(data, str) else data)
