"""The format-neutral table: what every table source hands to the table reader.

A text finder (pipe rows, one cell per line, space-separated rows, a table
flattened onto one line), and tomorrow an HTML, spreadsheet, Word or PDF
reader, each produce a `RawTable`: header rows and body rows of `Cell`s, each
cell with the place it came from (`Loc`) and the spans its source knows.
`tableread.read_table` takes it from there; nothing after this seam needs the
text lines the table was found in.

A text source does not know where a merged or empty cell stood: its rows may
be shorter than the table (`positional` False) and its header may be
flattened into one row of group and sub-column names. A structured source
keeps every cell in place (`positional` True) and gives spans.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Loc:
    """Where a cell came from: input lines (1-based, inclusive). A sheet and a
    row/column, or a page and a box, are further fields a structured source fills."""
    line_start: int
    line_end: int
    sheet: str | None = None
    row: int | None = None
    col: int | None = None

    def lines(self) -> range:
        return range(self.line_start, self.line_end + 1)


@dataclass(slots=True)
class Cell:
    """One cell: its text as written (stripped), where it came from, and its
    spans when the source knows them (1 otherwise)."""
    text: str
    loc: Loc
    colspan: int = 1
    rowspan: int = 1

    @property
    def empty(self) -> bool:
        return not self.text


Row = list[Cell]


@dataclass
class RawTable:
    """A table as found: header rows (top first) and body rows, in order.

    `found_by` names the finder (or reader) that produced it; `positional`
    says whether each row holds every column in place (empty cells kept);
    `lines` is the span of input lines the table covers, `furniture` the lines
    inside it that hold no cell (a ``|---|`` rule, a lone delimiter), and `cut`
    the last body row when the text ends inside it (reported, never read).
    `how` lists what the finder decided, for ``--explain``. `merged` says a
    structured source expanded its merged cells into every place they span, so
    two rows sharing a cell's text may share the cell.
    """
    header: list[Row]
    body: list[Row]
    found_by: str
    positional: bool = False
    lines: tuple[int, int] = (0, 0)
    furniture: list[int] = field(default_factory=list)
    cut: Row | None = None
    how: list[str] = field(default_factory=list)
    merged: bool = False

    @property
    def width(self) -> int:
        """The number of cells the most body rows have (the longest among equals)."""
        counts: dict[int, int] = {}
        for row in self.body:
            counts[len(row)] = counts.get(len(row), 0) + 1
        return max(counts, key=lambda w: (counts[w], w)) if counts else max((len(r) for r in self.header), default=0)

    def texts(self, rows: list[Row] | None = None) -> list[list[str]]:
        """The cell texts of `rows` (default: the body)."""
        return [[c.text for c in row] for row in (self.body if rows is None else rows)]


def cell(text: str, line: int, line_end: int | None = None) -> Cell:
    """A cell of a text source: `text` stripped, from input line `line` (to `line_end`)."""
    return Cell(text.strip(), Loc(line, line if line_end is None else line_end))
