"""The delimited finder: rows on lines, cells split by ``|``, tabs or commas.

A run of lines that hold the delimiter is a table when its rows show one:
at least two rows, one of them stating a figure. Rows hard-wrapped over
several lines are joined again by the convention the run keeps: when most
rows open and close with a pipe, a row goes on until a line closes it and
the next opens; when they only close with one, until a line closes; else
while a short row and the next line make at most a full row (a line opening
with the next item number always opens a row). CSV records whose quoted
cells hold line breaks are read as one line each.

The header is the rows above the first row of figures that read as header
cells (short names); rows of one cell at the top are the table's title, not
its header. A header row that comes again after rows of figures (a page
break) starts a table of its own.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..headers import header_role
from ..kinds import row_number
from ..markers import match_marker
from ..rawtable import Cell, Loc, RawTable, Row
from ..vocab import Vocab
from .cells import (DELIMITERS, MD_SEPARATOR, SENTENCE, closes_with_pipe, count_delimiters, has_figure, is_header_like,
                    is_label, opens_with_pipe, split_cells)
from ..tuning import CONVENTION, CSV_MAX_LINES, CSV_SHORT_CELL, TABLE_BLANK_LINES



@dataclass
class _Line:
    """One physical line of a run (or one CSV record over several lines)."""
    cells: list[str]
    first: int          # 1-based input lines
    last: int
    opens: bool = False
    closes: bool = False
    heading: bool = False   # a line naming a group of rows, with no delimiter


@dataclass
class _Row:
    cells: list[str]
    first: int
    last: int
    parts: list[_Line] = field(default_factory=list)

    def as_cells(self) -> Row:
        loc = Loc(self.first, self.last)
        return [Cell(t, loc) for t in self.cells]


def find_delimited(lines: list[str], vocab: Vocab) -> list[RawTable]:
    """Every delimited table of `lines`."""
    out: list[RawTable] = []
    for delim in DELIMITERS:
        for run in _runs(lines, delim):
            out += _tables(run, delim, vocab)
    return out


def _has(line: str, delim: str) -> bool:
    return count_delimiters(line, delim) >= (2 if delim == "," else 1)


def _runs(lines: list[str], delim: str) -> list[list[_Line]]:
    """Runs of lines holding `delim` (blank lines inside allowed), as `_Line`s."""
    records = _csv_records(lines) if delim == "," else None
    runs: list[list[_Line]] = []
    run: list[_Line] = []
    blanks = 0
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line.strip():
            blanks += 1
            i += 1
            continue
        last = records.get(i, i) if records else i
        text = "".join(lines[k].strip() for k in range(i, last + 1)) if last > i else line
        heading = not _has(text, delim) and _heading_between(lines, i, delim)
        if _has(text, delim) or (run and delim == "|" and MD_SEPARATOR.match(text)) or heading:
            if run and blanks > TABLE_BLANK_LINES:
                runs.append(run)
                run = []
            s = text.strip()
            cells = split_cells(s, delim)
            if delim == "|":
                cells = cells[:len(cells) - _padding(s)] or cells[:1]
            run.append(_Line(cells, i + 1, last + 1, opens=delim == "|" and opens_with_pipe(s),
                             closes=delim == "|" and closes_with_pipe(s), heading=heading))
        elif run:
            runs.append(run)
            run = []
        blanks = 0
        i = last + 1
    if run:
        runs.append(run)
    if delim == ",":
        runs = [r for r in runs if _csv_like(r)]
    return runs


def _padding(line: str) -> int:
    """Empty cells a pipe row is padded with at its end, written as pipes with
    nothing between them (``| 5 | ||||``); an empty cell written with a space
    (``| 5 | |``) is a cell of the table."""
    body = line.rstrip()
    run = len(body) - len(body.rstrip("|\uff5c"))
    return max(0, run - 1)


def _heading_between(lines: list[str], i: int, delim: str) -> bool:
    """A line naming a group of rows (一、城区任务) right above a row: part of the table."""
    s = lines[i].strip()
    m = match_marker(s)
    if not m or m.kind not in ("cn", "cn_paren") or len(s) > 30 or _has(s, delim):
        return False
    k = i + 1
    while k < len(lines) and not lines[k].strip():
        k += 1
    return k < len(lines) and _has(lines[k], delim)


def _csv_records(lines: list[str]) -> dict[int, int] | None:
    """First line -> last line of each CSV record whose quoted cell holds line breaks."""
    if not any(line.count('"') % 2 for line in lines):
        return None
    spans: dict[int, int] = {}
    i = 0
    while i < len(lines):
        text, last = lines[i], i
        while text.count('"') % 2 and last + 1 < len(lines) and last - i < CSV_MAX_LINES:
            last += 1
            text += lines[last]
        if text.count('"') % 2:
            last = i  # a stray quote: the line alone
        if last > i:
            spans[i] = last
        i = last + 1
    return spans


def _csv_like(run: list[_Line]) -> bool:
    """Commas split prose too: a CSV run has rows of one width, of three or
    more cells, and most of its cells are short (clauses of prose are not)."""
    counts = [len(r.cells) for r in run]
    if len(counts) < 2:
        return False
    top = max(set(counts), key=counts.count)
    cells = [c for r in run for c in r.cells if c]
    short = sum(1 for c in cells if len(c) <= CSV_SHORT_CELL)
    return top >= 3 and counts.count(top) * 3 >= len(counts) * 2 and short * 10 >= len(cells) * 7


def _filled(cells: list[str]) -> int:
    return sum(1 for c in cells if c)


def _trim(cells: list[str]) -> list[str]:
    """Cells without the empty ones a row is padded with at its end."""
    end = len(cells)
    while end and not cells[end - 1]:
        end -= 1
    return cells[:end]


def _convention(run: list[_Line]) -> str:
    """How the rows of a pipe run mark where they start and end: ``both``,
    ``close``, ``open`` or ``none`` (rows are told by their cell counts)."""
    full = [r for r in run if _filled(r.cells) >= 1]
    if not full:
        return "none"
    opens = sum(r.opens for r in full) / len(full)
    closes = sum(r.closes for r in full) / len(full)
    if opens >= CONVENTION and closes >= CONVENTION:
        return "both"
    if closes >= CONVENTION:
        return "close"
    if opens >= CONVENTION:
        return "open"
    return "none"


def _numbered(cells: list[str]) -> tuple[int, ...] | None:
    return row_number(cells[0]) if cells else None


def _rows(run: list[_Line], delim: str, vocab: Vocab) -> tuple[list[_Row], list[int]]:
    """Logical rows of a run (wrapped lines joined) and its furniture lines."""
    convention = _convention(run) if delim == "|" else "none"
    furniture: list[int] = []
    rows: list[_Row] = []
    width = _line_width(run, vocab)
    prev_no: tuple[int, ...] | None = None
    for i, line in enumerate(run):
        if MD_SEPARATOR.match("|".join(line.cells)) or not _filled(line.cells) and convention not in ("both", "close"):
            furniture.extend(range(line.first, line.last + 1))
            continue
        last = rows[-1] if rows else None
        no = _numbered(line.cells)
        if last is None or delim != "|" or line.heading or last.parts[-1].heading:
            new = True  # a tab or CSV line is a record (a cell holding line breaks is quoted); a heading a row
        elif len(_trim(last.cells)) >= width > 1 and not (last.parts[-1].opens and not last.parts[-1].closes):
            new = True  # the row above is complete (and not left open by its pipes)
        elif convention == "both":
            new = last.parts[-1].closes and line.opens
        elif convention == "close":
            new = last.parts[-1].closes
        elif convention == "open":
            new = line.opens
        else:
            short = len(_trim(last.cells)) < width
            nxt = no is not None and prev_no is not None and _follows(prev_no, no)
            # a line of as many cells as the line after it is a row of a table of that width
            paired = i + 1 < len(run) and len(_trim(line.cells)) >= 3 and len(_trim(run[i + 1].cells)) == len(_trim(line.cells))
            new = nxt or paired or not short or len(_trim(last.cells)) + len(_trim(line.cells)) - 1 > width
        if not new and last is not None and not _filled(line.cells):
            last.last = line.last  # a lone delimiter closes a wrapped row
            last.parts.append(line)
            continue
        if new:
            rows.append(_Row(list(line.cells), line.first, line.last, [line]))
        elif last is not None:
            # the first cell of the line ends the cell the row broke off in
            glue = "" if delim != "|" or not (last.parts[-1].closes or line.opens) else None
            if glue is None:
                last.cells.extend(line.cells)
            else:
                last.cells[-1] = (last.cells[-1] + line.cells[0]).strip() if last.cells else line.cells[0]
                last.cells.extend(line.cells[1:])
            last.last = line.last
            last.parts.append(line)
        if no is not None and (new or last is None):
            prev_no = no
    return [r for r in rows if _filled(r.cells)], furniture


def _line_width(run: list[_Line], vocab: Vocab) -> int:
    """The most common cell count of the lines that state figures (rows that
    open with an item number counted first: the rest of a wrapped row holds fewer)."""
    figures = [len(_trim(r.cells)) for r in run if has_figure(r.cells, vocab)]
    numbered = [len(_trim(r.cells)) for r in run if _numbered(r.cells) is not None and len(r.cells) >= 2]
    counts = numbered if len(numbered) >= 2 else figures or [len(_trim(r.cells)) for r in run]
    rows = max(set(counts), key=lambda c: (counts.count(c), c)) if counts else 0
    # rows lose cells; a header line (no figures) names every column
    named = [len(_trim(r.cells)) for r in run if not has_figure(r.cells, vocab) and _filled(r.cells) >= 3]
    return max([rows] + [n for n in named if n <= rows + 2])


def _follows(prev: tuple[int, ...], no: tuple[int, ...]) -> bool:
    """`no` comes right after `prev` in one numbering (3 after 2; 2.4 after 2.3; 3.1 after 2.4; 3 after 2.4)."""
    if len(prev) == len(no):
        if prev[:-1] == no[:-1]:
            return no[-1] == prev[-1] + 1
        return len(no) == 2 and no[0] == prev[0] + 1 and no[1] == 1
    return no[0] == prev[0] + 1


def _header_like_row(row: _Row, vocab: Vocab) -> bool:
    """Header cells: short names, no figure; one long cell may be the table's
    title written over all its columns (地区 | 二十、实施89个…)."""
    filled = [c for c in row.cells if c]
    if not filled or any(is_label(c) for c in filled) or has_figure(filled, vocab):
        return False
    like = sum(1 for c in filled if is_header_like(c))
    if like == len(filled):
        return True
    # one long cell may be a title over the columns; a sentence (做好涉案工作。) is a form's value
    return like * 2 >= len(filled) and len(filled) >= 2 and not any(SENTENCE.search(c) for c in filled)


def _group_heading(row: _Row) -> bool:
    """A row naming a group by an outline marker (一、产业项目, （二）民生): it opens rows, it is no header."""
    filled = [c for c in row.cells if c]
    marker = match_marker(filled[0]) if filled else None
    return bool(marker) and marker.kind in ("cn", "cn_paren") and len(filled) <= 2


def _body_row(row: _Row, vocab: Vocab) -> bool:
    return has_figure(row.cells, vocab) or (_numbered(row.cells) is not None and len(row.cells) >= 2)


def _tables(run: list[_Line], delim: str, vocab: Vocab) -> list[RawTable]:
    rows, furniture = _rows(run, delim, vocab)
    out: list[RawTable] = []
    k = 0
    while k < len(rows):
        first = next((j for j in range(k, len(rows)) if _body_row(rows[j], vocab)), None)
        if first is None:
            break
        while first > k and _group_heading(rows[first - 1]):
            first -= 1  # the body opens with a group heading (一、产业项目)
        top = first
        while top > k and _header_like_row(rows[top - 1], vocab) and _filled(rows[top - 1].cells) >= 1:
            top -= 1
        header = _header_rows(rows[top:first])
        end = first
        while end < len(rows) and not (end > first and _repeats_header(rows, end, header, vocab)):
            end += 1
        body = _widths(rows[first:end])
        full = max((len(r.cells) for r in body), default=0)
        for h in header:  # empty cells in place under a group cell stay, padding beyond the rows' width goes
            h.cells = h.cells[:full] if len(_trim(h.cells)) <= full else _trim(h.cells)
        if len(body) + len(header) >= 2 and sum(_body_row(r, vocab) for r in body) >= 1 and _tabular(body, header):
            span = (header[0].first if header else body[0].first, body[-1].last)
            out.append(RawTable([r.as_cells() for r in header], [r.as_cells() for r in body], "delimited",
                                positional=delim in ("\t", ",") or _keeps_empty(body),
                                lines=span, furniture=[n for n in furniture if span[0] <= n <= span[1]],
                                how=[f"cells split by {_NAMES[delim]}"]))
        k = end
    return out


_NAMES = {"|": "|", "\t": "tabs", ",": "commas"}


def _tabular(body: list[_Row], header: list[_Row]) -> bool:
    """Rows of at least two cells, most of them."""
    wide = [r for r in body if len(r.cells) >= 2]
    return bool(wide) and len(wide) * 2 >= len(body) and (len(body) >= 2 or bool(header))


def _keeps_empty(body: list[_Row]) -> bool:
    """Empty cells stand in their place: rows of one width with empty cells between filled ones."""
    inner = sum(1 for r in body for c in r.cells[1:-1] if not c)
    widths = [len(r.cells) for r in body]
    return inner > 0 and widths.count(max(set(widths), key=widths.count)) * 4 >= len(widths) * 3


def _widths(body: list[_Row]) -> list[_Row]:
    """Body rows without the empty cells they are padded with at their end;
    but when most rows have one count of cells, an empty last cell is a
    column of its own (a remark no row filled) and stays."""
    counts = [len(r.cells) for r in body]
    top = max(set(counts), key=counts.count) if counts else 0
    consistent = top >= 3 and counts.count(top) * 3 >= len(counts) * 2
    for r in body:
        if consistent and len(r.cells) >= top:
            r.cells = r.cells[:top] + _trim(r.cells[top:])
        else:
            r.cells = _trim(r.cells)
    return body


def _header_rows(rows: list[_Row]) -> list[_Row]:
    """The header rows above a body: one-cell rows at the top are a title, and
    a run of one-cell rows right after a row of several cells is that row
    wrapped one cell per line."""
    rows = list(rows)
    while rows and _filled(rows[0].cells) <= 1 and len(rows) > 1:
        rows.pop(0)
    if len(rows) == 1 and _filled(rows[0].cells) <= 1:
        return []
    out: list[_Row] = []
    for row in rows:
        if out and _filled(row.cells) == 1 and _filled(out[-1].cells) >= 2 and len(row.cells) == 1:
            out[-1].cells.extend(row.cells)
            out[-1].last = row.last
            continue
        out.append(_Row([c for c in row.cells], row.first, row.last, row.parts))
    return out


def _repeats_header(rows: list[_Row], j: int, header: list[_Row], vocab: Vocab) -> bool:
    """Row `j` opens a table of its own: the header again (after a page
    break: most of its cells are cells of the header), or a header of other
    columns (two cells or more name columns, none states a figure); rows of
    figures follow."""
    row = rows[j]
    names = {c for h in header for c in h.cells if c}
    filled = [c for c in row.cells if c]
    if len(filled) < 3 or _body_row(row, vocab) or j + 1 >= len(rows) or not _body_row(rows[j + 1], vocab):
        return False
    again = sum(c in names for c in filled) * 5 >= len(filled) * 3
    named = sum(1 for c in filled if is_header_like(c) and header_role(c, vocab)[0] is not None)
    return again or named >= 3 and named * 5 >= len(filled) * 3 and _header_like_row(row, vocab)
