"""Structured sources: documents whose tables are known cell by cell.

A structured reader (HTML today) renders its document as text lines, in
document order, so that the later stages (cleaning, the Simplified reading,
metadata, prose) read it as they read a text file, and says which lines are
the rows of which table (`TableSketch`). Each row is one line of cells joined
by `SEP`, merged cells already expanded into every row and column they span,
so that the table reader gets every cell in place (`tables_from_lines` builds
the `RawTable`s from the Simplified lines). No table layout is guessed where
the source has structure.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..rawtable import Cell, Loc, RawTable

#: what separates the cells of a rendered table row (a control character no
#: report text holds, left alone by the cleaning and the script conversion)
SEP = "\x1f"
#: a line break inside a cell, kept through cleaning and restored in the cell's text
CELL_BREAK = "\x1e"


@dataclass
class TableSketch:
    """Where a rendered table is: its first line (1-based), how many rows it
    has, how many of them are header rows, and what the reader decided."""
    first_line: int
    rows: int
    header_rows: int
    found_by: str
    how: list[str] = field(default_factory=list)


@dataclass
class Rendered:
    """A structured document as text lines, and where its tables are."""
    lines: list[str]
    tables: list[TableSketch]
    kind: str


def tables_from_lines(lines: list[str], sketches: list[TableSketch]) -> list[RawTable]:
    """The `RawTable` of every sketch, its cells read from `lines` (the
    Simplified reading of the rendered document), every cell in place."""
    out = []
    for sk in sketches:
        rows = []
        for r in range(sk.rows):
            n = sk.first_line + r
            rows.append([Cell(text.replace(CELL_BREAK, "\n").strip(), Loc(n, n, row=r + 1, col=c + 1))
                         for c, text in enumerate(lines[n - 1].split(SEP))])
        last = sk.first_line + sk.rows - 1
        out.append(RawTable(rows[:sk.header_rows], rows[sk.header_rows:], sk.found_by, positional=True,
                            lines=(sk.first_line, last), how=list(sk.how)))
    return out
