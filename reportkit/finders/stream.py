"""The stream finders: tables whose cells follow one another with no row breaks.

A web table pasted as text comes one cell per line (an empty cell a blank
line), one cell per paragraph (blank lines between cells), or one cell per
line ending in `` |`` (a lone ``|`` an empty cell); a table flattened onto
one line comes as one token per cell. Either way the reader sees a stream of
cells, and rows must be found in it. Two structures show them:

* **anchored**: item numbers in sequence (1, 2, 3 …), each alone in its cell
  and followed by a cell of words, open the rows;
* **named**: a row is a name (words) followed by its figures, and the count
  of figures repeats; a figure before the first name (a rank) belongs to the
  row that name opens, and the rows after keep that pattern.

Where both read a stream, the reading whose rows have one width more often
wins. The header is the run of short header cells right before the first
row; a label line (单位:万元), a sentence or a blank gap ends it.
"""
from __future__ import annotations

from dataclasses import dataclass

import regex

from ..kinds import FIGURES, cell_kind, item_number
from ..markers import match_marker
from ..wraps import is_wrapped
from ..rawtable import Cell, Loc, RawTable, Row
from ..vocab import Vocab
from .cells import PIPES, figure_share, is_bracket_note, is_header_like, is_label, space_cells, split_cells
from ..tuning import MAX_HEADER_CELLS, NAMED_MARGIN, NAMED_REACH, ONE_LINE_CELLS, ONE_LINE_FIGURES, WRAP_MIN

_SENTENCE_END = tuple("\u3002;\uff1b!\uff01?\uff1f")
_CLAUSE = regex.compile(r"[,\uff0c;\uff1b\u3001]")
_NOTE = regex.compile(r"^[\u203b*]")


@dataclass
class SCell:
    """A cell of a stream, with its input lines and kind."""
    text: str
    first: int
    last: int
    kind: str = "text"
    blank_before: int = 0   # blank lines between this cell and the one before

    def cell(self) -> Cell:
        return Cell(self.text, Loc(self.first, self.last))


# ------------------------------------------------------------------ regions

def _pipe_cell_line(s: str) -> bool:
    """A line that is one cell of a pasted table ending in ``|`` (or a lone ``|``)."""
    if not s.endswith(tuple(PIPES)):
        return False
    return sum(1 for c in split_cells(s, "|") if c) <= 1


def _regions(lines: list[str]) -> list[tuple[str, int, int]]:
    """(mode, first index, end index) of the runs of lines a stream may be in:
    ``pipe`` lines (one cell each, ending in |), and runs of plain lines (no
    delimiter) read in ``line`` or ``paragraph`` mode."""
    out: list[tuple[str, int, int]] = []
    kind_of = []
    for line in lines:
        s = line.strip()
        if not s:
            kind_of.append("blank")
        elif _pipe_cell_line(s):
            kind_of.append("pipe")
        elif any(p in s for p in PIPES) or "\t" in s:
            kind_of.append("other")
        else:
            kind_of.append("plain")
    i = 0
    n = len(lines)
    while i < n:
        k = kind_of[i]
        if k in ("blank", "other"):
            i += 1
            continue
        j = i
        last = i
        while j < n and kind_of[j] in (k, "blank"):
            if kind_of[j] == k:
                last = j
            j += 1
        mode = k if k == "pipe" else _plain_mode(lines, i, last + 1)
        out.append((mode, i, last + 1))
        i = last + 1
    return out


def _plain_mode(lines: list[str], start: int, end: int) -> str:
    """``paragraph`` when half the lines or more are followed by a blank line, else ``line``."""
    filled = [k for k in range(start, end) if lines[k].strip()]
    followed = sum(1 for k in filled if k + 1 < end and not lines[k + 1].strip())
    return "paragraph" if filled and followed * 2 >= len(filled) else "line"


def _cells(lines: list[str], mode: str, start: int, end: int, vocab: Vocab) -> list[SCell]:
    out: list[SCell] = []
    blanks = 0
    for i in range(start, end):
        s = lines[i].strip()
        if mode == "pipe":
            if not s:
                blanks += 1
                continue
            filled = [c for c in split_cells(s, "|") if c]
            if filled or s in PIPES:
                out.append(SCell(filled[0] if filled else "", i + 1, i + 1, blank_before=blanks))
            blanks = 0
        elif mode == "paragraph":
            if not s:
                blanks += 1
                continue
            if out and blanks == 0:
                prev = out[-1]
                glue = "\n" if match_marker(s) or prev.text.endswith(_SENTENCE_END) else ""
                prev.text, prev.last = prev.text + glue + s, i + 1
            else:
                out.append(SCell(s, i + 1, i + 1, blank_before=blanks))
            blanks = 0
        else:
            if not s:
                blanks += 1
                continue
            tail = out[-1].text.split("\n")[-1] if out else ""
            if blanks == 0 and len(tail) >= WRAP_MIN and _CLAUSE.search(tail) and is_wrapped(tail, s):
                out[-1].text, out[-1].last = out[-1].text + s, i + 1  # a cell hard-wrapped mid-sentence
                continue
            if blanks == 1 and out:
                out.append(SCell("", i, i, blank_before=0))  # one blank line: an empty cell
            out.append(SCell(s, i + 1, i + 1, blank_before=blanks))
            blanks = 0
    for c in out:
        c.kind = cell_kind(c.text, vocab)
    return out


# ------------------------------------------------------------------ rows

def _wordy(c: SCell) -> bool:
    return c.kind in ("text", "office")


def _anchored(cells: list[SCell], vocab: Vocab) -> list[tuple[int, list[list[SCell]]]]:
    """Bodies whose rows open with item numbers in sequence: (first cell index, rows)."""
    out = []
    i = 0
    n = len(cells)
    while i < n:
        if item_number(cells[i].text) != "1" or i + 1 >= n or not _opens_row(cells, i):
            i += 1
            continue
        starts = [i]
        expected = 2
        j = i + 1
        while j < n:
            c = cells[j]
            if c.text and _ends_stream(c):
                break
            no = item_number(c.text) if c.text else None
            # a number skipped (a row lost) only once the numbering is established
            allowed = (expected,) if len(starts) < 3 else (expected, expected + 1)
            if no is not None and int(no) in allowed and _opens_row(cells, j):
                starts.append(j)
                expected = int(no) + 1
            elif no == "1" and _opens_row(cells, j) and j > 0 and _heading(cells[j - 1]):
                starts.append(j)  # numbering starts again under a group heading
                expected = 2
            j += 1
        if len(starts) < 2 and len(_header(cells, i, 0)) < 2:
            i += 1
            continue  # one numbered row is a table only under a header
        rows = [cells[a:b] for a, b in zip(starts, starts[1:])]
        last = _last_row(cells, starts[-1], j, max((len(r) for r in rows), default=len(_header(cells, i, 0))))
        rows.append(last)
        first = i - 1 if i > 0 and _heading(cells[i - 1]) else i
        out.append((first, _split_headings(rows, cells[first] if first < i else None)))
        i = starts[-1] + len(last)
    return out


def _opens_row(cells: list[SCell], i: int) -> bool:
    nxt = next((c for c in cells[i + 1:i + 3] if c.text), None)
    return nxt is not None and nxt.kind in ("text", "office", "quantity", "status") and item_number(nxt.text) is None


def _heading(c: SCell) -> bool:
    """A cell naming a group of the rows below (一、就业增收), short."""
    m = match_marker(c.text) if c.text else None
    return bool(m) and m.kind in ("cn", "cn_paren") and len(c.text) <= 30


def _ends_stream(c: SCell) -> bool:
    """A note or label after a table (注:, ※, 单位:…)."""
    return bool(_NOTE.match(c.text)) or is_label(c.text) and len(c.text) > 12


def _last_row(cells: list[SCell], start: int, stop: int, width: int) -> list[SCell]:
    """The cells of the last row: nothing closes it but what follows the
    table, so it keeps at most as many cells as the widest row before."""
    end = start + 1
    while end < stop and (end - start < width or _list_goes_on(cells, end)):
        c = cells[end]
        if c.blank_before >= 2 and end - start >= 2:
            break
        end += 1
    return cells[start:end]


def _list_goes_on(cells: list[SCell], k: int) -> bool:
    """Cell `k` is the next item of a numbered list the cell before it is in (2. after 1.)."""
    a, b = match_marker(cells[k - 1].text.split("\n")[-1]), match_marker(cells[k].text)
    return bool(a and b) and a.kind == b.kind and b.number == a.number + 1


def _split_headings(rows: list[list[SCell]], first: SCell | None) -> list[list[SCell]]:
    """A group heading at the end of a row belongs to the rows after it: a row of its own."""
    out: list[list[SCell]] = [[first]] if first is not None else []
    for row in rows:
        if len(row) > 2 and _heading(row[-1]):
            out += [row[:-1], [row[-1]]]
        else:
            out.append(row)
    return out


def _named(cells: list[SCell], vocab: Vocab) -> list[tuple[int, list[list[SCell]]]]:
    """Bodies whose rows are a name and its figures, the count of figures repeating."""
    out = []
    n = len(cells)
    i = 0
    while i < n:
        start = _first_named_row(cells, i)
        if start is None:
            break
        start = _earlier_row(cells, start, i)
        lead = 0
        while start - lead - 1 >= i and cells[start - lead - 1].kind in FIGURES and lead < 2:
            lead += 1  # figures before the first name: a rank
        names, runs, stop = _name_runs(cells, start)
        if len(names) < 2 and len(_header(cells, start - lead, i)) < 3:
            i = start + 1
            continue
        # each run of figures is a row's own figures, then maybe the next row's rank: the rows'
        # own count is the smallest of the runs as long as the longest, less a rank
        counts = [len(r) for r in runs[:-1]] or [len(runs[-1]) + lead]
        trailing = min(c for c in counts if c >= max(counts) - lead)
        trailing = trailing if trailing >= 1 else max(counts)
        rows: list[list[SCell]] = []
        carry = cells[start - lead:start]
        for k, (name_at, run) in enumerate(zip(names, runs)):
            names_here = cells[name_at[0]:name_at[1]]
            own = run[:trailing] if k + 1 < len(runs) else run[:max(trailing, 1)]
            rows.append(carry + names_here + own)
            carry = run[trailing:] if k + 1 < len(runs) else []
        out.append((start - lead, rows))
        i = max(stop, start + 1)
    return out


def _first_named_row(cells: list[SCell], i: int) -> int | None:
    """The first name followed by two figures, whose pattern comes again (or
    that a header of three cells or more announces)."""
    n = len(cells)
    for k in range(i, n - 2):
        if _wordy(cells[k]) and not _ends_stream(cells[k]) and _figure_count(cells, k + 1) >= 2:
            if len(_header(cells, k, i)) >= 3:
                return k
            after = names_at = k + 1 + _figures_after(cells, k + 1)
            while after < n and _wordy(cells[after]) and after - names_at < 3:
                if _figures_after(cells, after + 1) >= 1:
                    return k
                after += 1
    return None


def _earlier_row(cells: list[SCell], start: int, floor: int) -> int:
    """The first row may state fewer figures than the rows after it (a total
    with no rank, 黔西南 | 5.5 | |): a name and its cells right before `start`,
    as many as the row at `start` has, open the body instead."""
    width = 1 + _figures_after(cells, start + 1)
    q = start - width
    if q >= floor and _wordy(cells[q]) and _figure_count(cells, q + 1) >= 1 and \
            all(cells[x].kind in FIGURES or cells[x].kind in ("dash", "empty", "sign") for x in range(q + 1, start)):
        return q
    return start


def _figure_count(cells: list[SCell], k: int) -> int:
    """How many of the cells right after `k` hold figures (empty cells and dashes between them not counted)."""
    n = 0
    while k < len(cells) and (cells[k].kind in FIGURES or cells[k].kind in ("dash", "empty", "sign")):
        n += cells[k].kind in FIGURES
        k += 1
    return n


def _figures_after(cells: list[SCell], k: int) -> int:
    """How many cells of figures (or dashes, signs, empty cells) follow cell `k`; 0 when none of them is a figure."""
    count = figures = 0
    while k < len(cells) and (cells[k].kind in FIGURES or cells[k].kind in ("dash", "empty", "sign")):
        count += 1
        figures += cells[k].kind in FIGURES
        k += 1
    return count if figures else 0


def _name_runs(cells: list[SCell], start: int) -> tuple[list[tuple[int, int]], list[list[SCell]], int]:
    """From `start`: each row's name cells (index range) and the figures after them,
    until a name is followed by no figure (a note after the table); and the
    index of the first cell after them."""
    names: list[tuple[int, int]] = []
    runs: list[list[SCell]] = []
    k = start
    n = len(cells)
    while k < n:
        a = k
        while k < n and (_wordy(cells[k]) or cells[k].kind == "status" and k == a) and k - a < 3:
            k += 1
        if k == a or _ends_stream(cells[a]):
            break
        f = _figures_after(cells, k)
        if f == 0:
            break
        names.append((a, k))
        runs.append(cells[k:k + f])
        k += f
        if k < n and cells[k].blank_before >= 3:
            break
    end = names[-1][1] + len(runs[-1]) if names else start
    return names, runs, end


def _regularity(rows: list[list[SCell]]) -> float:
    """How well rows of one width tile the cells: rows within one cell of the
    most common width, per the rows that many cells would make."""
    widths = [len(r) for r in rows if len(r) > 1]
    if not widths:
        return 0.0
    top = max(set(widths), key=widths.count)
    good = sum(1 for w in widths if abs(w - top) <= 1)
    return good / max(1.0, sum(widths) / top)


def _header(cells: list[SCell], first: int, floor: int, blank_ends: bool = False) -> list[SCell]:
    """Header cells right before cell `first` (not before `floor`), top first;
    with `blank_ends`, an empty cell (a blank line where each line is a cell)
    ends them (a lone ``|`` is an empty header cell: it does not)."""
    out: list[SCell] = []
    k = first - 1
    while k >= floor and len(out) < MAX_HEADER_CELLS:
        c = cells[k]
        if not c.text and out and blank_ends:
            break
        if c.text and (not is_header_like(c.text) or is_label(c.text) or _ends_stream(c)):
            break
        if c.text:
            out.append(c)
        if c.blank_before >= 3:
            break
        k -= 1
    out.reverse()
    while out and not out[0].text:
        out.pop(0)
    joined: list[SCell] = []
    for c in out:  # a note or a formula in brackets closes the cell before it: 应付数 (C)
        if joined and is_bracket_note(c.text):
            joined[-1] = SCell(joined[-1].text + c.text, joined[-1].first, c.last, joined[-1].kind)
        else:
            joined.append(c)
    return joined


def _stream_tables(cells: list[SCell], mode: str, vocab: Vocab, found_by: str) -> list[RawTable]:
    anchored = _anchored(cells, vocab)
    named = _named(cells, vocab)
    bodies: list[tuple[int, list[list[SCell]], str]] = []
    for start, rows in anchored:
        rival = next((r for s, r in named if s <= start + 1 and s + sum(map(len, r)) > start), None)
        if rival and len(rival) >= len(rows) and (
                _regularity(rival) >= _regularity(rows) + NAMED_MARGIN or
                # the named reading reads on where the numbers stop (a tied rank has none) as regularly
                sum(map(len, rival)) >= NAMED_REACH * sum(map(len, rows)) and
                _regularity(rival) >= _regularity(rows) - NAMED_MARGIN):
            continue
        bodies.append((start, rows, "rows opened by item numbers"))
    for start, rows in named:
        end = start + sum(map(len, rows))
        if any(s < end and start < s + sum(map(len, r)) for s, r, _ in bodies):
            continue
        bodies.append((start, rows, "rows of a name and its figures"))
    bodies.sort(key=lambda b: b[0])
    out = []
    floor = 0
    for start, rows, how in bodies:
        header = _header(cells, start, floor, blank_ends=mode == "line")
        body: list[Row] = [[c.cell() for c in row] for row in rows if row]
        first_line = header[0].first if header else rows[0][0].first
        last_line = max(c.last for row in rows for c in row)
        out.append(RawTable([[c.cell() for c in header]] if header else [], body, found_by,
                            lines=(first_line, last_line), how=[f"{_MODES[mode]}, {how}"]))
        floor = start + sum(map(len, rows))
    return out


_MODES = {"pipe": "one cell per line ending in |", "line": "one cell per line",
          "paragraph": "one cell per paragraph", "tokens": "one line of space-separated cells"}


def find_streams(lines: list[str], vocab: Vocab) -> list[RawTable]:
    """Tables pasted one cell per line or per paragraph."""
    out: list[RawTable] = []
    for mode, start, end in _regions(lines):
        cells = _cells(lines, mode, start, end, vocab)
        out += _stream_tables(cells, mode, vocab, "stream")
    return out


def find_one_line(lines: list[str], vocab: Vocab) -> list[RawTable]:
    """Whole tables flattened onto one line: the line's cells read as a stream."""
    out: list[RawTable] = []
    for i, line in enumerate(lines):
        if line.count(" ") + 1 < ONE_LINE_CELLS:
            continue
        tokens = space_cells(line)
        if len(tokens) < ONE_LINE_CELLS or figure_share(tokens, vocab) < ONE_LINE_FIGURES:
            continue
        cells = [SCell(t, i + 1, i + 1, cell_kind(t, vocab)) for t in tokens]
        out += _stream_tables(cells, "tokens", vocab, "one_line")
    return out
