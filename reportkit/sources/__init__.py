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

import importlib
from dataclasses import dataclass, field
from types import ModuleType

from ..errors import UsageError
from ..rawtable import Cell, Loc, RawTable
from ..tuning import FORM_MIN_WIDTH, SECTION_HEADER_MAX

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
    sheet: str | None = None                                  # a spreadsheet's sheet
    row_numbers: list[int] = field(default_factory=list)      # the source's own row of each row
    col_numbers: list[int] = field(default_factory=list)      # the source's own column of each cell


@dataclass
class Rendered:
    """A structured document as text lines, and where its tables are."""
    lines: list[str]
    tables: list[TableSketch]
    kind: str
    #: a PDF's rendered line -> (page, box: x0, top, x1, bottom in points)
    places: dict[int, tuple[int, tuple[float, float, float, float]]] = field(default_factory=dict)

    def locations(self) -> dict[int, str]:
        """Each rendered table row's line -> where the row stands in the source:
        ``sheet!A5:G5`` in a workbook, ``table 1, row 3`` in a page or a document,
        ``page 2 (72,140-520,152)`` in a PDF."""
        out: dict[int, str] = {n: f"page {page} ({box[0]:.0f},{box[1]:.0f}-{box[2]:.0f},{box[3]:.0f})"
                               for n, (page, box) in self.places.items()}
        for k, sk in enumerate(self.tables, 1):
            for r in range(sk.rows):
                if sk.sheet is not None and sk.row_numbers and sk.col_numbers:
                    row = sk.row_numbers[r]
                    out[sk.first_line + r] = (f"{sk.sheet}!{_column(sk.col_numbers[0])}{row}:"
                                              f"{_column(sk.col_numbers[-1])}{row}")
                elif sk.first_line + r not in out:
                    out[sk.first_line + r] = f"table {k}, row {r + 1}"
        return out


def _column(n: int) -> str:
    """A spreadsheet column's letters: 1 -> A, 27 -> AA."""
    s = ""
    while n:
        n, rem = divmod(n - 1, 26)
        s = chr(ord("A") + rem) + s
    return s


def require(module: str, extra: str, what: str, source: str | None) -> ModuleType:
    """The library a reader needs, or a message naming the extra that installs it."""
    try:
        return importlib.import_module(module)
    except ImportError as e:
        raise UsageError(f"reading {what} needs the {extra} extra: pip install 'reportkit-cn[{extra}]'",
                         source=source) from e


def row_text(row: list[str]) -> str:
    """A row that is no table row as one line: its filled cells, each text once
    (a merged cell fills several), two spaces apart as a spreadsheet's cells
    are when pasted (so a label and its value stay two cells)."""
    return "  ".join(dict.fromkeys(c for c in row if c))


def leading_rows_without_digits(grid: list[list[str]]) -> int:
    """How many rows open `grid` with no digit in any cell (its header rows),
    the last row never among them."""
    n = 0
    while n < len(grid) - 1 and not any(ch.isdigit() for cell in grid[n] for ch in cell):
        n += 1
    return n


def form_rows(grid: list[list[str]]) -> int:
    """How many rows open `grid` as the fields of a form above its table: a
    label and its value (部门名称 | 青湖区价格认证中心 merged across), or one
    text across the table, each holding at most two texts while the table
    below is wider. They are lines of the page, not header rows."""
    width = max((len(row) for row in grid), default=0)
    n = 0
    while n < len(grid) - 2 and width >= FORM_MIN_WIDTH and len({c for c in grid[n] if c}) <= 2:
        n += 1
    return n if n < len(grid) - 1 and len({c for c in grid[n] if c}) > 2 else 0


def sections(grid: list[list[str]]) -> list[tuple[int, int]]:
    """The tables one grid holds, as row ranges ``(first, end)``: a form often
    stacks several (a budget block, the goals, the indicators), each opening
    with header rows of its own. A row without a figure after a row with one,
    laid out in other columns than that row (its merged cells span other
    places) and followed by rows with figures, opens a new table."""
    def has_figure(row: list[str]) -> bool:
        return any(ch.isdigit() for cell in row for ch in cell)

    def runs(row: list[str]) -> list[int]:
        out: list[int] = []
        for k, cell in enumerate(row):
            if k and cell == row[k - 1]:
                out[-1] += 1
            else:
                out.append(1)
        return out

    starts = [0]
    for i in range(1, len(grid) - 1):
        if not has_figure(grid[i]) and has_figure(grid[i - 1]) and runs(grid[i]) != runs(grid[i - 1]) \
                and any(has_figure(r) for r in grid[i + 1:i + 1 + SECTION_HEADER_MAX]):
            starts.append(i)
    return [(a, b) for a, b in zip(starts, starts[1:] + [len(grid)])]


def part_rows(grid: list[list[str]], beside: set[tuple[int, int]], a: int, b: int,
              head: int) -> tuple[list[int], list[list[str]]]:
    """Rows `a` to `b` of a grid as one table whose first `head` rows head it:
    the columns it keeps (not those every row covers with a cell begun to their
    left, as a form's block of wide cells does) and its rows over them, a body
    cell over several columns said once, in its first (one figure, not several)."""
    keep = [c for c in range(len(grid[a])) if not all((r, c) in beside for r in range(a, b))]
    return keep, [["" if r >= a + head and (r, c) in beside else grid[r][c] for c in keep] for r in range(a, b)]


def tables_from_lines(lines: list[str], sketches: list[TableSketch]) -> list[RawTable]:
    """The `RawTable` of every sketch, its cells read from `lines` (the
    Simplified reading of the rendered document), every cell in place."""
    out = []
    for sk in sketches:
        rows = []
        for r in range(sk.rows):
            n = sk.first_line + r
            row = sk.row_numbers[r] if sk.row_numbers else r + 1
            rows.append([Cell(text.replace(CELL_BREAK, "\n").strip(),
                              Loc(n, n, sheet=sk.sheet, row=row, col=sk.col_numbers[c] if c < len(sk.col_numbers)
                                  else c + 1))
                         for c, text in enumerate(lines[n - 1].split(SEP))])
        last = sk.first_line + sk.rows - 1
        out.append(RawTable(rows[:sk.header_rows], rows[sk.header_rows:], sk.found_by, positional=True,
                            lines=(sk.first_line, last), how=list(sk.how), merged=True))
    return out


# ------------------------------------------------------------------ formats by content

_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_IMAGES = {b"\x89PNG": "a PNG image", b"\xff\xd8\xff": "a JPEG image", b"GIF8": "a GIF image",
           b"II*\x00": "a TIFF image", b"MM\x00*": "a TIFF image", b"BM": "a BMP image"}
_ARCHIVES = {b"Rar!": "a RAR archive", b"7z\xbc\xaf": "a 7-Zip archive", b"\x1f\x8b": "a gzip file"}


def sniff(data: bytes) -> str | None:
    """The format of `data` told by its content: ``xlsx``, ``xls``, ``docx``, ``pdf``,
    ``doc`` (a legacy Word file), ``ole`` (another compound file), ``zip``, an image
    or an archive (a description), or
    None for text."""
    head = data[:8]
    if head.startswith(_ZIP):
        if b"xl/workbook" in data[:65536] or b"xl/_rels" in data[:65536]:
            return "xlsx"
        if b"word/document" in data[:65536] or b"word/_rels" in data[:65536]:
            return "docx"
        return "zip"
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(_OLE):
        # the compound file names its streams in UTF-16: a workbook's, or a Word document's
        if "Workbook".encode("utf-16-le") in data or "Book".encode("utf-16-le") in data:
            return "xls"
        return "doc" if "WordDocument".encode("utf-16-le") in data else "ole"
    for magic, what in {**_IMAGES, **_ARCHIVES}.items():
        if head.startswith(magic) and not (magic == b"BM" and b"\x00" not in data[:64]):
            return what
    return None


#: what to do with a format that is not read, by `sniff`'s name
UNREADABLE = {
    "doc": "a legacy Word file (.doc): convert it with `libreoffice --headless --convert-to docx` "
           "and parse the .docx",
    "ole": "a legacy Office file that is neither a workbook nor a Word document: convert it with "
           "`libreoffice --headless --convert-to docx` (or xlsx) and parse that",
    "zip": "a zip archive: unpack it and parse the reports inside",
}
