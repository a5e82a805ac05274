"""Fuzzing the `reportkit` command line: `parse`, `check` and `convert`.

Whatever the input (random bytes with NULs, invalid UTF-8, BOMs, control
characters, file-format magic numbers and now and then a 50 kB line; or a
window of up to 4 kB of a seed report, mutated byte by byte, or character by
character and re-encoded) and whatever the options (drawn from the real
option sets, plus unknown and non-text encodings, unknown rule codes, outputs
that exist, are folders or cannot be written), the command exits 0, 1 or 2,
never 3 (an internal error), and never prints a Python traceback.

Each example runs the command in process with click's CliRunner, in a fresh
temporary folder (``$TMP`` in the command lines shown): inputs in ``$TMP/in``,
an existing folder ``$TMP/outdir`` and existing files ``$TMP/exists.*``. A
failure names the command line, and the falsifying `Case` holds its input
bytes; an uncaught exception, or the one behind an exit code 3, is chained to
the assertion, so its traceback is shown and distinct bugs are told apart.

Seeds come from ../shared/seeds/*.txt, or from the bundled samples/*.txt
when ../shared is missing. Several inputs are always parsed with ``-j 1``,
so that every example stays in this process.

Profiles (registered in conftest.py):

- ``ci`` (the default): each test runs 100 derandomized examples
  (`CI_EXAMPLES`; the file takes about 15 s);
- ``long``: each test runs 5,000 examples (`LONG_EXAMPLES`; a few minutes
  per test)::

      pytest tests/test_fuzz_cli.py --hypothesis-profile=long --hypothesis-show-statistics

  (a profile registered in this module could not be chosen with
  ``--hypothesis-profile``: pytest loads that profile before it imports test
  modules, so the long profile itself sets the count here). A test stops at
  its first failing example; the statistics show how many examples ran.
"""
from __future__ import annotations

import codecs
import shlex
import sys
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from click.testing import CliRunner
from hypothesis import note, settings
from hypothesis import strategies as st
from hypothesis import given

import reportkit.batch
import reportkit.cli
from reportkit.check_output import FINDING_FORMATS
from reportkit.cli import LAYOUT_CHOICES, cli
from reportkit.errors import EXIT_INTERNAL
from reportkit.output import FORMATS
from reportkit.rules import LEVELS, RULES
from reportkit.script import TARGETS
from conftest import SAMPLES, seed_files

#: examples per test: under the ci profile (a CLI run takes milliseconds: more than the
#: profile's 40, the whole file still runs in well under a minute), and under the long one
CI_EXAMPLES, LONG_EXAMPLES = 100, 5000
_PROFILE = settings.get_current_profile_name()
fuzz_settings = (settings(max_examples=LONG_EXAMPLES, print_blob=True) if _PROFILE == "long" else
                 settings(max_examples=CI_EXAMPLES) if _PROFILE == "ci" else settings())

SEEDS = [p.read_bytes() for p in seed_files()] or [p.read_bytes() for p in sorted(SAMPLES.glob("*.txt"))]
#: where lines start in each seed: windows of a seed start at one
LINE_STARTS = [[0] + [i + 1 for i, b in enumerate(s) if b == 0x0A and i + 1 < len(s)] for s in SEEDS]
WINDOW = 4096  # bytes

# ------------------------------------------------------------------ bytes

CJK = "一二三十百千万亿项目完成进度情况工作任务序号年月日截至底已计划目标个家人次元亩公里%"
PUNCT = "|｜\t,，。、；;:：()（）【】《》“”-—~～*·•■●\u3000 "
NASTY = "\u2028\u2029\x85\ufeff\u200b\ufffd\x00\x0b\x0c\r\n\U0001f600\ud7ff\ue000"
TEXT = st.text(alphabet=st.sampled_from(list(CJK + PUNCT + NASTY + "0123456789.abcXYZ")), max_size=200)
TEXT_ENCODINGS = ["utf-8", "gb18030", "gbk", "big5", "utf-16-le", "utf-16-be", "utf-32", "utf-8-sig"]

BOMS = [b"", codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE,
        codecs.BOM_UTF32_BE, b"\x84\x31\x95\x33", codecs.BOM_UTF8 * 2]
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
#: starts that send the bytes to another reader (sources.sniff, HTML)
MAGIC = [b"", b"PK\x03\x04", b"PK\x03\x04\x14\x00xl/workbook.xml", b"PK\x03\x04\x14\x00word/document.xml",
         b"%PDF-1.4\n", OLE + "Workbook".encode("utf-16-le"), OLE + "WordDocument".encode("utf-16-le"), OLE,
         b"<html><head><meta charset=\"gbk\"></head><body><table><tr><td>", b"<meta charset=nosuch>",
         b"<!DOCTYPE html><p>", b"\x89PNG\r\n", b"\x1f\x8b", b"BM\x00\x00"]
CONTROL_CHARS = [chr(c) for c in [*range(0x20), 0x7F]] + ["\x85", "\u2028", "\u2029", "\ufeff", "\u200b"]
CONTROLS = [c.encode("utf-8") for c in CONTROL_CHARS]
BAD_UTF8 = [b"\x80", b"\xc3", b"\xe4\xb8", b"\xf0\x9f\x98", b"\xc0\xaf", b"\xed\xa0\x80", b"\xf4\x90\x80\x80",
            b"\xff", b"\xfe", b"\xff\xfe", b"\xfe\xff"]
#: pieces that mean something to reportkit
TOKEN_CHARS = [
    "|", "｜", "\t", ",", "\"", "\r\n", "\r", "\n\n", "序号", "工作任务", "目标任务", "完成情况", "进展情况", "完成率",
    "1.", "(一)", "一、", "①", "合计", "100%", "120.5%", "-3%", "1e308", "9" * 40, "万元", "亿元", "个", "截至10月底",
    "2024年13月32日", "已完成", "正在推进", "单位：亿元、个", "- 2 -", "# reportkit: disable=RK101",
    "# reportkit: disable=", "# reportkit: disable=nosuch", "# reportkit: disable=RK1,RK203", "<table><tr><td>",
    "</td></tr></table>", "&#0;", "&#x110000;", "&amp;", "——", "一是", "分别", "序號", "進展"]
TOKENS = [s.encode("utf-8") for s in TOKEN_CHARS]


@st.composite
def random_bytes(draw) -> bytes:
    """Bytes of no report: random, text in some encoding, controls, bad UTF-8, a BOM or a magic number first."""
    chunk = st.one_of(
        st.binary(max_size=300),
        st.builds(lambda t, enc: t.encode(enc, "surrogatepass" if enc.startswith("utf") else "replace"),
                  TEXT, st.sampled_from(TEXT_ENCODINGS)),
        st.lists(st.sampled_from(CONTROLS), max_size=40).map(b"".join),
        st.lists(st.sampled_from(BAD_UTF8), min_size=1, max_size=10).map(b"".join),
        st.sampled_from(TOKENS),
    )
    data = draw(st.sampled_from(BOMS)) + draw(st.sampled_from(MAGIC)) + b"".join(draw(st.lists(chunk, max_size=8)))
    if draw(st.integers(0, 24)) == 24:  # now and then one very long line (shrinks away from it)
        unit = draw(st.sampled_from([b"9", b"%", b"\xe5\xae\x8c", b"|", b"\x00", b"a ", "完成".encode("gb18030")]))
        data += unit * (draw(st.integers(20_000, 50_000)) // len(unit))
    return data


def _mutation(n: int, text: bool) -> st.SearchStrategy:
    """One edit at a position below `n`: of bytes, or of characters (`text`), which keeps the text decodable."""
    pos, size = st.integers(0, n), st.integers(1, 256)
    piece = TEXT if text else st.binary(min_size=1, max_size=32)
    edit = st.one_of(
        st.tuples(st.just("insert"), pos, piece),
        st.tuples(st.just("delete"), pos, size),
        st.tuples(st.just("replace"), pos, size, piece),
        st.tuples(st.just("duplicate"), pos, size, pos),
        st.tuples(st.just("flip"), pos, st.integers(1, 255)),
        st.tuples(st.just("control"), pos, st.sampled_from(CONTROL_CHARS if text else CONTROLS)),
        st.tuples(st.just("token"), pos, st.sampled_from(TOKEN_CHARS if text else TOKENS)),
    )
    # one mutation in about twenty cuts the rest off
    return st.integers(0, 19).flatmap(lambda k: st.tuples(st.just("truncate"), pos) if k == 19 else edit)


def mutate(data: bytes | str, mutations: list[tuple]) -> bytes | str:
    """`data` (bytes, or a string edited character by character) after `mutations`."""
    out: bytearray | list[str] = list(data) if isinstance(data, str) else bytearray(data)
    for op, pos, *rest in mutations:
        pos %= len(out) + 1
        if op in ("insert", "control", "token"):
            out[pos:pos] = rest[0]
        elif op == "delete":
            del out[pos:pos + rest[0]]
        elif op == "replace":
            out[pos:pos + rest[0]] = rest[1]
        elif op == "duplicate":
            piece = out[pos:pos + rest[0]]
            dest = rest[1] % (len(out) + 1)
            out[dest:dest] = piece
        elif op == "flip" and pos < len(out):
            if isinstance(out, list):
                out[pos] = chr(ord(out[pos]) ^ rest[0])
            else:
                out[pos] ^= rest[0]
        elif op == "truncate":
            del out[pos:]
    return "".join(out) if isinstance(out, list) else bytes(out)


@st.composite
def mutated_seed(draw) -> bytes:
    """A window of at most 4 kB of a seed report, mutated byte by byte, or character by
    character and then encoded (UTF-8, GB18030, Big5, UTF-16, UTF-8 with a BOM)."""
    i = draw(st.integers(0, len(SEEDS) - 1))
    seed = SEEDS[i]
    start = draw(st.sampled_from(LINE_STARTS[i])) if draw(st.integers(0, 3)) == 3 else 0
    data = seed[start:start + (WINDOW >> 4 << draw(st.integers(0, 4)))]
    encoding = draw(st.sampled_from(["utf-8", "utf-8", "gb18030", "big5", "utf-16", "utf-8-sig"]))
    if draw(st.booleans()):
        text = mutate(data.decode("utf-8", "replace"), draw(st.lists(_mutation(len(data), True), max_size=6)))
        return text.encode(encoding, "surrogatepass" if encoding.startswith("utf") else "replace")
    if encoding != "utf-8":
        data = data.decode("utf-8", "replace").encode(encoding, "replace")
    return mutate(data, draw(st.lists(_mutation(len(data), False), max_size=6)))


#: an input: mutated seeds twice as often as random bytes
INPUT = st.one_of(random_bytes(), mutated_seed(), mutated_seed())

# ------------------------------------------------------------------ options

VALID_ENCODINGS = ["utf-8", "utf-8-sig", "UTF8", "gbk", "gb2312", "gb18030", "big5", "big5hkscs", "utf-16",
                   "utf-16-le", "utf-32", "latin-1", "ascii", "cp1252", "shift_jis", "euc-kr", "hz", "iso2022_jp",
                   "utf-7", "unicode_escape", "raw_unicode_escape", "idna", "punycode", "cp037", "koi8-r",
                   "mac-roman"]
#: not text encodings, or not encodings at all
BAD_ENCODINGS = ["undefined", "nosuch", "rot13", "base64", "hex", "zlib", "bz2", "uu", "quopri", "mbcs", "", " ",
                 "utf-8 ", "-", "../etc/passwd", "编码"]
ENCODINGS = st.one_of(st.sampled_from(VALID_ENCODINGS), st.sampled_from(VALID_ENCODINGS),
                      st.sampled_from(BAD_ENCODINGS))
GOOD_CODES = st.sampled_from([r.code for r in RULES] + [r.name for r in RULES] + ["RK1", "RK2", "RK3",
                                "RK4", "RK101,RK2", " RK203 ", "RK101,,RK102", ","])
RULE_CODES = st.one_of(GOOD_CODES, GOOD_CODES, GOOD_CODES,
                       st.sampled_from(["RK", "RK999", "rk101", "", "nosuch", "RK10", "*"]))
INPUT_NAMES = ["report.txt", "report.txt", "report.txt", "report.html", "report.xlsx", "report.docx", "report.pdf",
               "report.csv", "report", "报告 1.txt", ".hidden.txt"]


@dataclass(frozen=True)
class Case:
    """One run: the command line (``$TMP`` is the example's folder), the
    input files written in ``$TMP/in`` (name, bytes), and standard input."""
    args: tuple[str, ...]
    files: tuple[tuple[str, bytes], ...] = ()
    stdin: bytes | None = None

    def shell(self) -> str:
        line = "reportkit " + shlex.join(self.args)
        return line + " < STDIN" if self.stdin is not None else line


@st.composite
def inputs(draw, single: bool = False) -> tuple[list[str], tuple[tuple[str, bytes], ...], bytes | None]:
    """The input arguments, the files they name, and standard input."""
    how = draw(st.sampled_from(["file", "file", "file", "stdin", "stdin", "missing", "folder"] if single else
                               ["file", "file", "file", "stdin", "folder", "glob", "two files", "missing"]))
    name = draw(st.sampled_from(INPUT_NAMES))
    if how == "stdin":
        return ["-"], (), draw(INPUT)
    if how == "missing":
        return ["$TMP/in/nosuch.txt"], (), None
    files = ((name, draw(INPUT)),)
    if how == "two files":
        other = draw(st.sampled_from([n for n in INPUT_NAMES if n != name]))
        files += ((other, draw(INPUT)),)
        return [f"$TMP/in/{name}", f"$TMP/in/{other}"], files, None
    if how == "folder":
        return [draw(st.sampled_from(["$TMP/in", "$TMP/in/"]))], files, None
    if how == "glob":
        return [draw(st.sampled_from(["$TMP/in/*", "$TMP/in/*.txt", "$TMP/**/*.txt", "$TMP/in/[r]*"]))], files, None
    return [f"$TMP/in/{name}"], files, None


def maybe(option: str, values: st.SearchStrategy, odds: int = 2) -> st.SearchStrategy:
    """``[option, value]`` one time in `odds`, else ``[]`` (to which it shrinks)."""
    return st.integers(1, odds).flatmap(lambda n: values.map(lambda v: [option, v]) if n == odds else st.just([]))


def flag(option: str) -> st.SearchStrategy:
    return st.sampled_from([[], [option]])


OUTPUTS = st.sampled_from([
    "-", "$TMP/out.csv", "$TMP/out.json", "$TMP/out.jsonl", "$TMP/out.xlsx", "$TMP/out.parquet", "$TMP/out.txt",
    "$TMP/out", "$TMP/OUT.CSV", "$TMP/outdir", "$TMP/outdir/", "$TMP/newdir/", "$TMP/newdir/sub/",
    "$TMP/exists.csv", "$TMP/exists.jsonl", "$TMP/exists.xlsx", "$TMP/missing/out.csv", "$TMP/in",
    "$TMP/in/", "$TMP/in/report.txt", "$TMP/exists.csv/out.csv", "/dev/null", ""])


@st.composite
def parse_case(draw) -> Case:
    names, files, stdin = draw(inputs())
    args = ["parse", *names]
    args += draw(maybe("-f", st.sampled_from([*FORMATS, *FORMATS, *FORMATS, "xml"])))
    args += draw(maybe("--to", st.sampled_from(TARGETS)))
    args += draw(maybe("--layout", st.sampled_from(LAYOUT_CHOICES)))
    args += draw(maybe("--encoding", ENCODINGS, 4))
    args += draw(maybe("-o", OUTPUTS))
    for option in ("--force", "--no-bom", "--explain", "-q"):
        args += draw(flag(option))
    if len(names) > 1 or names[0] in ("$TMP/in", "$TMP/in/") or "*" in names[0] or draw(st.booleans()):
        args += ["-j", "1"]  # several inputs (a folder or a pattern may name some) stay in this process
    return Case(tuple(args), files, stdin)


@st.composite
def check_case(draw) -> Case:
    names, files, stdin = draw(inputs())
    args = ["check", *names]
    args += draw(maybe("-f", st.sampled_from([*FINDING_FORMATS, *FINDING_FORMATS, *FINDING_FORMATS, "xml"])))
    args += draw(maybe("--fail-on", st.sampled_from(list(LEVELS))))
    for option in ("--select", "--ignore"):
        for codes in draw(st.lists(RULE_CODES, max_size=2)):
            args += [option, codes]
    args += draw(maybe("--encoding", ENCODINGS, 4))
    if draw(st.integers(0, 19)) == 19:
        args.append("--list-rules")
    return Case(tuple(args), files, stdin)


@st.composite
def convert_case(draw) -> Case:
    names, files, stdin = draw(inputs(single=True))
    args = ["convert", *names]
    args += draw(maybe("--to", st.sampled_from(TARGETS)))
    args += draw(maybe("--encoding", ENCODINGS, 4))
    args += draw(maybe("-o", st.sampled_from(["-", "$TMP/out.txt", "$TMP/exists.txt", "$TMP/outdir",
                                              "$TMP/outdir/", "$TMP/missing/out.txt", "$TMP/in/report.txt",
                                              "/dev/null", ""])))
    args += draw(flag("--force"))
    return Case(tuple(args), files, stdin)


# ------------------------------------------------------------------ running


@contextmanager
def _internal_errors() -> Iterator[list[BaseException]]:
    """The errors with exit code 3 the CLI reports during the block, each with
    the exception behind it as its ``__cause__``: `batch.parse_one` makes an
    `InternalError` of a bug without raising it, which would lose the traceback."""
    seen: list[BaseException] = []
    fail, internal = getattr(reportkit.cli, "_fail", None), getattr(reportkit.batch, "InternalError", None)

    def record(err):
        if getattr(err, "exit_code", None) == EXIT_INTERNAL:
            seen.append(err)
        return fail(err)

    if fail is not None:
        reportkit.cli._fail = record
    if internal is not None:
        class Tracked(internal):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                self.__cause__ = sys.exc_info()[1]
        reportkit.batch.InternalError = Tracked
    try:
        yield seen
    finally:
        if fail is not None:
            reportkit.cli._fail = fail
        if internal is not None:
            reportkit.batch.InternalError = internal


def run(case: Case) -> None:
    """Run `case` in a fresh folder; fail on an uncaught exception, an exit
    code other than 0, 1 and 2, or a traceback in the output."""
    with tempfile.TemporaryDirectory(prefix="reportkit-fuzz-") as tmp:
        root = Path(tmp)
        (root / "in").mkdir()
        (root / "outdir").mkdir()
        for name in ("exists.csv", "exists.jsonl", "exists.xlsx", "exists.txt"):
            (root / name).write_bytes(b"keep me\n")
        for name, data in case.files:
            (root / "in" / name).write_bytes(data)
        args = [a.replace("$TMP", tmp) for a in case.args]
        shown = case.shell()
        note(f"command: {shown}")
        with _internal_errors() as internal:
            result = CliRunner().invoke(cli, args, input=case.stdin, catch_exceptions=True)
    stderr = result.stderr_bytes or b""
    tail = stderr.decode("utf-8", "replace")[-600:]
    error = result.exception
    if error is not None and not isinstance(error, SystemExit):
        raise AssertionError(f"{shown}: uncaught {type(error).__name__}: {error}\nstderr: {tail}") from error
    if result.exit_code == EXIT_INTERNAL:
        cause = next((e.__cause__ or e for e in internal), None)
        raise AssertionError(f"{shown}: exit code 3 (internal error)\nstderr: {tail}") from cause
    assert result.exit_code in (0, 1, 2), f"{shown}: undocumented exit code {result.exit_code}\nstderr: {tail}"
    for stream in (result.stdout_bytes or b"", stderr):
        assert b"Traceback (most recent call last)" not in stream, f"{shown}: traceback in the output\n{tail}"


@fuzz_settings
@given(parse_case())
def test_parse(case):
    run(case)


@fuzz_settings
@given(check_case())
def test_check(case):
    run(case)


@fuzz_settings
@given(convert_case())
def test_convert(case):
    run(case)
