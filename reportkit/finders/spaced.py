"""The spaced finder: rows on lines with cells split by spaces.

An HTML table flattened to text, a PDF page or a fixed-width dump keeps one
row per line and separates cells by spaces. Prose hardly ever does, so a run
of such lines is a table when its rows show one: three or more cells, figures
among them, most rows of one width (rows that lost an empty cell are one or
two short). Inside a run, blank lines, a line naming a group (一、农业农村)
and a short line of words (the rest of a name wrapped) are allowed. When the
run's lines separate cells by two spaces or more, a single space stays inside
a cell (``城区 公厕 改造``). The header is the lines of short header cells right
above the first row; a line of units in brackets under it (（套） （%）) gives
each header cell over it its unit, placed by the columns' positions.
"""
from __future__ import annotations

import unicodedata

import regex

from ..kinds import item_number, unit_of
from ..markers import match_marker
from ..rawtable import Cell, Loc, RawTable, Row
from ..vocab import Vocab
from .cells import PIPES, has_figure, is_header_like, is_label, join_spaced_letters, opens_with_label, space_cells
from ..tuning import DROPPED, MAX_HEADER_LINES, NOTE_MAX, SPACED_MIN_CELLS, TABLE_BLANK_LINES

_WIDE = regex.compile(r"\s{2,}")
_INNER = regex.compile(r"(?<=\p{Han})\s+(?=\p{Han})")
_HAN = regex.compile(r"\p{Han}")
_DIGIT = regex.compile(r"\d")
_CELL_START = regex.compile(r"(?:^|(?<=\s))\S")
_BRACKETED = regex.compile(r"^[(\uff08]([^()\uff08\uff09]{1,8})[)\uff09]$")


def _delimited(line: str) -> bool:
    return any(p in line for p in PIPES) or "\t" in line.strip()


def _split(line: str, wide: bool) -> list[str]:
    if not wide or not _WIDE.search(line.strip()):
        return space_cells(line)  # a line with single spaces only splits at each
    cells = []
    for c in join_spaced_letters([c.strip() for c in _WIDE.split(line.strip()) if c.strip()]):
        parts = c.split()
        if len(parts) > 1 and all(not _HAN.search(p) for p in parts):
            cells += parts  # - - -: empty cells marked by dashes, one space apart
        else:
            cells.append(_INNER.sub("", c))  # 城区 公厕 改造: one name, spaced to widen its cell
    return cells


def _row(line: str, vocab: Vocab, wide: bool, inside: bool = False) -> list[str] | None:
    """The cells of a line that reads as a row: figures in a cell of their own
    (inside a table, an item number and its name are enough: a parent row)."""
    if _delimited(line):
        return None  # a delimited line: the delimited finder's
    cells = _split(line, wide)
    if len(cells) < 2:
        return None
    if has_figure(cells[1:], vocab) or item_number(cells[0]) is not None and len(cells) >= (2 if inside else SPACED_MIN_CELLS):
        return cells
    return None


def _heading(line: str) -> bool:
    """A line of its own naming a group of rows (一、农业农村)."""
    s = line.strip()
    m = match_marker(s)
    return bool(m) and m.kind in ("cn", "cn_paren") and len(s) <= NOTE_MAX and " " not in s[m.end:].strip()


def _note(line: str) -> bool:
    """A short line of words alone: the rest of a name wrapped onto its own line."""
    s = line.strip()
    return bool(s) and len(s) <= NOTE_MAX and " " not in s and not _DIGIT.search(s) and not _delimited(s)


def _wide_lines(lines: list[str], start: int, end: int) -> bool:
    """The lines separate cells by two spaces or more, not one."""
    filled = [lines[k].strip() for k in range(start, end) if lines[k].strip()]
    wide = sum(1 for s in filled if _WIDE.search(s))
    return bool(filled) and wide * 3 >= len(filled) * 2


def find_spaced(lines: list[str], vocab: Vocab) -> list[RawTable]:
    """Every space-separated table of `lines`."""
    out: list[RawTable] = []
    i = 0
    n = len(lines)
    while i < n:
        s = lines[i].strip()
        if " " not in s:
            i += 1
            continue
        wide = _wide_lines(lines, i, min(n, i + 6))
        cells = _row(lines[i], vocab, wide)
        if cells is None:
            i += 1
            continue
        run: list[tuple[int, list[str]]] = [(i, cells)]
        j = i + 1
        blanks = 0
        while j < n:
            s = lines[j].strip()
            if not s:
                blanks += 1
                if blanks > TABLE_BLANK_LINES:
                    break
                j += 1
                continue
            nxt = _row(lines[j], vocab, wide, inside=True) if " " in s else None
            if nxt is None and (_heading(s) or _note(s)) and _continues(lines, j + 1, vocab, wide):
                nxt = [s]  # a group heading or the rest of a name, inside the table
            if nxt is None:
                break
            run.append((j, nxt))
            blanks = 0
            j += 1
        table = _table(lines, run, vocab, wide)
        if table is not None:
            out.append(table)
        i = max(j, i + 1)
    return out


def _continues(lines: list[str], k: int, vocab: Vocab, wide: bool) -> bool:
    """The next filled line is a row again."""
    while k < len(lines) and not lines[k].strip():
        k += 1
    return k < len(lines) and _row(lines[k], vocab, wide, inside=True) is not None


def _table(lines: list[str], run: list[tuple[int, list[str]]], vocab: Vocab, wide: bool) -> RawTable | None:
    rows = [(i, c) for i, c in run if len(c) > 1]
    while run and len(run[-1][1]) == 1:
        run.pop()  # a line of words after the last row is not the table's
    if not rows:
        return None
    widths = [len(c) for _, c in rows]
    top = max(set(widths), key=lambda w: (widths.count(w), w))
    # rows lose empty cells, they never gain columns: the full width is the widest that comes twice
    full = max((w for w in set(widths) if widths.count(w) >= 2), default=top)
    near = sum(1 for w in widths if full - DROPPED <= w <= full)
    first = run[0][0]
    while first > 0 and _heading(lines[first - 1]):
        first -= 1  # the table opens with a group heading
    heads = [(k, [lines[k].strip()]) for k in range(first, run[0][0]) if lines[k].strip()]
    header = _header(lines, first, wide)
    if full < SPACED_MIN_CELLS or near * 3 < len(widths) * 2:
        return None
    if len(rows) < 2 or (len(rows) < 3 and not header):
        return None
    if not _figure_column(rows, full, vocab):
        return None
    body: list[Row] = [[Cell(c, Loc(i + 1, i + 1)) for c in cells] for i, cells in heads + run]
    head = _header_cells(lines, header, rows[0][0], wide, vocab)
    start = header[0] + 1 if header else first + 1
    return RawTable(head, body, "spaced", lines=(start, run[-1][0] + 1),
                    how=["cells split by " + ("two spaces or more" if wide else "spaces")])


def _figure_column(run: list[tuple[int, list[str]]], width: int, vocab: Vocab) -> bool:
    """Some cell position, counted from the row's end, holds a figure in most rows."""
    from ..kinds import cell_kind

    for back in range(1, width + 1):
        hits = sum(1 for _, c in run if len(c) >= back and cell_kind(c[-back], vocab) in
                   ("number", "percent", "quantity", "item_no", "dash", "status"))
        if hits * 3 >= len(run) * 2:
            return True
    return False


def _header(lines: list[str], first: int, wide: bool) -> list[int]:
    """The header lines right above line index `first`."""
    out: list[int] = []
    k = first - 1
    while k >= 0 and len(out) < MAX_HEADER_LINES:
        s = lines[k].strip()
        if not s:
            if out:
                break
            k -= 1
            continue
        cells = _split(s, wide)
        units = _units(s)
        if _delimited(s) or (len(cells) < 2 and not units) or not all(is_header_like(c) for c in cells) \
                or any(is_label(c) for c in cells) or opens_with_label(cells):
            break
        out.append(k)
        k -= 1
    return sorted(out)


def _units(line: str) -> list[str] | None:
    """The units of a header line of units in brackets only: （户） （户） （%）."""
    frags = line.split()
    units = [m.group(1) for f in frags if (m := _BRACKETED.match(f))]
    return units if frags and len(units) == len(frags) else None


def _header_cells(lines: list[str], header: list[int], first_row: int, wide: bool, vocab: Vocab) -> list[Row]:
    """Header rows; a line of units under the header joins the cells over it."""
    rows: list[Row] = []
    for k in header:
        units = _units(lines[k])
        if units and rows and all(unit_of(u, vocab) or u in "%\uff05" for u in units):
            names = [c.text for c in rows[-1]]
            joined = _with_units(names, lines[k], lines[first_row], wide)
            rows[-1] = [Cell(t, Loc(c.loc.line_start, k + 1)) for t, c in zip(joined, rows[-1])]
            continue
        rows.append([Cell(c, Loc(k + 1, k + 1)) for c in _split(lines[k], wide)])
    return rows


def _display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _with_units(header: list[str], units_line: str, first_row: str, wide: bool) -> list[str]:
    """The header cells with the units a line below writes under them, one per
    column from the column its indentation stands under (the first data row's
    cells give the column positions: spaces between header words are unreliable);
    units written from the margin stand over the first figures after the row's name."""
    units = units_line.split()
    indent = _display_width(units_line[:len(units_line) - len(units_line.lstrip())])
    starts = [_display_width(first_row[:m.start()]) for m in _CELL_START.finditer(first_row)]
    if indent:
        k = min(range(len(starts)), key=lambda j: abs(starts[j] - indent)) if starts else 0
    else:
        cells = _split(first_row, wide)
        named = [j for j, c in enumerate(cells) if _HAN.search(c)]
        k = next((j for j, c in enumerate(cells) if named and j > named[0] and _DIGIT.match(c)), 0)
    k = max(0, min(k, len(header) - len(units)))
    return [name + units[j - k] if 0 <= j - k < len(units) else name for j, name in enumerate(header)]
