"""The paired finder: a two-column table flattened to one line per row.

A web table of tasks and their progress, its rows pasted as text, often
comes as one line per row: the numbered task (with its target in its words),
a space, then the progress (``*1.新增技能人才4000人 完成736人,完成率18.04%``).
Prose does not: it does not break a line into a numbered clause and a second
chunk of figures after a space, row after row. Three such lines or more in
one block, numbered in sequence (numbering may start again under a group
heading), are a table of three columns: the item number, the task, the
progress. A group heading may stand on a line of its own (``四、健康口腔行动``,
its note ``(6项指标)`` on the next) or open the line of its first row
(``二、…行动(2项指标) *1.…``); a line of words before the rows names their
region or block and is read as a heading too. A line of header cells above the
block is its header, and is left to the rows' content to read (its cells
cover the merged columns the rows lost).
"""
from __future__ import annotations

import regex

from ..markers import match_marker
from ..rawtable import Cell, Loc, RawTable
from ..vocab import Vocab
from .cells import PIPES, has_figure, is_header_like
from ..tuning import PAIRED_MAX_GAP, PAIRED_MIN_ROWS

_STAR = "*\uff0a\u2605\u203b"
_HAN = regex.compile(r"\p{Han}")


def _numbered(text: str, expected: int | None) -> tuple[str, str] | None:
    """(number, rest) of a cell opening with an item number (1. *1. 2、), the
    number one more than the last where a decimal would be read (3.90%的…)."""
    s = text.lstrip(_STAR)
    m = match_marker(s)
    if m is None and expected is not None:
        m = match_marker(s, decimal_dot=True)
        if m is not None and m.number != expected:
            m = None
    if m is None or m.kind not in ("num",) or not _HAN.search(s[m.end:]):
        return None
    return str(m.number), s[m.end:].strip()


def _note(text: str) -> bool:
    """A note in brackets under a heading: (6项指标)."""
    return text.startswith(("(", "\uff08")) and len(text) <= 20


def _heading(text: str) -> bool:
    m = match_marker(text)
    return bool(m) and m.kind in ("cn", "cn_paren")


def _parse(line: str, expected: int | None, vocab: Vocab) -> tuple[str | None, list[str]] | None:
    """(a heading opening the line, [number, task, progress]) of a row line."""
    s = line.strip()
    if not s or any(p in s for p in PIPES) or "\t" in s:
        return None
    parts = s.split()
    heading = None
    if len(parts) >= 3 and _heading(parts[0]):
        heading, parts = parts[0], parts[1:]
    if len(parts) < 2:
        return None
    numbered = _numbered(parts[0], expected)
    progress = " ".join(parts[1:])
    if numbered is None or not (has_figure([progress], vocab) or _HAN.search(progress)):
        return None
    return heading, [numbered[0], numbered[1], progress]


def find_paired(lines: list[str], vocab: Vocab) -> list[RawTable]:
    """Every table of numbered task lines followed by their progress."""
    out: list[RawTable] = []
    i, n = 0, len(lines)
    while i < n:
        first = _parse(lines[i], None, vocab)
        if first is None or first[1][0] != "1":
            i += 1
            continue
        body: list[list[Cell]] = []
        rows = 0
        last_no = 0
        gap = 0
        k = i
        end = i
        while k < n:
            s = lines[k].strip()
            if not s:
                k += 1
                continue
            parsed = _parse(lines[k], last_no + 1, vocab)
            if parsed is not None and int(parsed[1][0]) in (last_no + 1, 1):
                heading, cells = parsed
                if heading:
                    body.append([Cell(heading, Loc(k + 1, k + 1))])
                body.append([Cell(c, Loc(k + 1, k + 1)) for c in cells])
                rows += 1
                last_no = int(cells[0])
                gap = 0
                end = k
            elif gap < PAIRED_MAX_GAP and (len(s) <= 40 and not has_figure([s], vocab) or _heading(s) or _note(s)):
                body.append([Cell(s, Loc(k + 1, k + 1))])  # a heading or its note between rows
                gap += 1
            else:
                break
            k += 1
        while body and len(body[-1]) == 1:
            body.pop()  # words after the last row are not the table's
        if rows >= PAIRED_MIN_ROWS:
            above = _headings_above(lines, i)
            body = [[Cell(t, Loc(k + 1, k + 1))] for k, t in above] + body
            top = above[0][0] if above else i
            start = _opening(lines, top, body)
            furniture = [start] if start < top + 1 else []
            out.append(RawTable([], body, "paired", lines=(start, end + 1), furniture=furniture,
                                how=["a numbered task and its progress on each line"]))
            i = end + 1
        else:
            i += 1
    return out


def _headings_above(lines: list[str], i: int) -> list[tuple[int, str]]:
    """Lines right above the first row that name its group (寿县 一、就业促进行动,
    (6项指标)): the rows' first heading."""
    out: list[tuple[int, str]] = []
    k = i - 1
    while k >= 0 and len(out) < PAIRED_MAX_GAP:
        s = lines[k].strip()
        if not s:
            k -= 1
            continue
        if any(_heading(part) for part in s.split()) or _note(s):
            out.insert(0, (k, s))
            k -= 1
            continue
        break
    return out


def _opening(lines: list[str], i: int, body: list[list[Cell]]) -> int:
    """The first line of the table: a line of header cells right above its first row, if any."""
    k = i - 1
    while k >= 0 and not lines[k].strip():
        k -= 1
    if k >= 0 and len(lines[k].split()) >= 2 and all(is_header_like(c) for c in lines[k].split()):
        return k + 1
    return i + 1
