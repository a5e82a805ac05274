"""The spaced finder: rows on lines with cells split by spaces.

An HTML table flattened to text, a PDF page or a fixed-width dump keeps one
row per line and separates cells by spaces. Prose hardly ever does, so a run
of such lines is a table when its rows show one: three or more cells, figures
among them, most rows of one width (rows that lost an empty cell are one or
two short). Blank lines between rows are allowed. The header is the lines of
short header cells right above the first row.
"""
from __future__ import annotations

from ..kinds import cell_kind, item_number
from ..rawtable import Cell, Loc, RawTable, Row
from ..vocab import Vocab
from .cells import PIPES, has_figure, is_header_like, is_label, opens_with_label, space_cells

#: the fewest cells a space-separated row has (two cells are as often two phrases of prose)
MIN_CELLS = 3
#: cells a row of a spaced table may have lost (empty cells vanish between spaces)
DROPPED = 3
#: blank lines a table may hold between two of its rows
MAX_BLANKS = 2
#: header lines a spaced table may have
MAX_HEADER_LINES = 3


def _row(line: str, vocab: Vocab, inside: bool = False) -> list[str] | None:
    """The cells of a line that reads as a row: figures in a cell of their own
    (inside a table, an item number and its name are enough: a parent row)."""
    if any(p in line for p in PIPES) or "\t" in line.strip():
        return None  # a delimited line: the delimited finder's
    cells = space_cells(line)
    if len(cells) < 2:
        return None
    if has_figure(cells[1:], vocab) or item_number(cells[0]) is not None and len(cells) >= (2 if inside else MIN_CELLS):
        return cells
    return None


def find_spaced(lines: list[str], vocab: Vocab) -> list[RawTable]:
    """Every space-separated table of `lines`."""
    out: list[RawTable] = []
    i = 0
    n = len(lines)
    while i < n:
        cells = _row(lines[i], vocab) if " " in lines[i].strip() else None
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
                if blanks > MAX_BLANKS:
                    break
                j += 1
                continue
            nxt = _row(lines[j], vocab, inside=True) if " " in s else None
            if nxt is None:
                break
            run.append((j, nxt))
            blanks = 0
            j += 1
        table = _table(lines, run, vocab)
        if table is not None:
            out.append(table)
        i = max(j, i + 1)
    return out


def _table(lines: list[str], run: list[tuple[int, list[str]]], vocab: Vocab) -> RawTable | None:
    widths = [len(c) for _, c in run]
    top = max(set(widths), key=lambda w: (widths.count(w), w))
    # rows lose empty cells, they never gain columns: the full width is the widest that comes twice
    full = max((w for w in set(widths) if widths.count(w) >= 2), default=top)
    near = sum(1 for w in widths if full - DROPPED <= w <= full)
    header = _header(lines, run[0][0], vocab)
    if top < MIN_CELLS or near * 3 < len(widths) * 2:
        return None
    if len(run) < 2 or (len(run) < 3 and not header):
        return None
    if not _figure_column(run, top, vocab):
        return None
    body: list[Row] = [[Cell(c, Loc(i + 1, i + 1)) for c in cells] for i, cells in run]
    head: list[Row] = [[Cell(c, Loc(k + 1, k + 1)) for c in space_cells(lines[k])] for k in header]
    first = header[0] + 1 if header else run[0][0] + 1
    return RawTable(head, body, "spaced", lines=(first, run[-1][0] + 1), how=["cells split by spaces"])


def _figure_column(run: list[tuple[int, list[str]]], width: int, vocab: Vocab) -> bool:
    """Some cell position, counted from the row's end, holds a figure in most rows."""
    for back in range(1, width + 1):
        hits = sum(1 for _, c in run if len(c) >= back and cell_kind(c[-back], vocab) in
                   ("number", "percent", "quantity", "item_no", "dash", "status"))
        if hits * 3 >= len(run) * 2:
            return True
    return False


def _header(lines: list[str], first: int, vocab: Vocab) -> list[int]:
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
        cells = space_cells(s)
        if any(p in s for p in PIPES) or len(cells) < 2 or not all(is_header_like(c) for c in cells) or any(is_label(c) for c in cells) \
                or opens_with_label(cells):
            break
        out.append(k)
        k -= 1
    return sorted(out)
