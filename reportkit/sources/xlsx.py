"""Excel workbooks (.xlsx, and legacy .xls): every visible sheet, its cells as the sheet holds them.

`render_xlsx` (openpyxl) and `render_xls` (xlrd) render each visible sheet
as text lines (`sources.Rendered`):
merged ranges expanded (the text of a merged cell belongs to every cell it
covers), hidden rows and columns skipped, numbers written as numbers (a cell
formatted as a percent as its percent: 0.828 -> 82.8%), dates as dates. The
rows that hold one text (a merged title row, a unit line, a caption) are lines
of their own; a table runs over rows with two filled cells up to an empty row
(a sheet may hold several tables, `_blocks`), and its header rows are its
leading rows that hold no number.
"""
from __future__ import annotations

import datetime as dt
import io

import regex

from ..errors import InputError
from . import CELL_BREAK, SEP, Rendered, TableSketch, form_rows, part_rows, require, row_text, sections


def render_xlsx(data: bytes, source: str | None = None) -> Rendered:
    """Every visible sheet of the workbook `data` (.xlsx) as lines, and where its tables are."""
    openpyxl = require("openpyxl", "excel", "Excel", source)
    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    except Exception as e:      # a damaged or encrypted workbook: the library's reason
        raise InputError(f"cannot read this Excel workbook: {e}", source=source) from None
    return _render([(ws.title, _openpyxl_sheet(ws)) for ws in wb.worksheets if ws.sheet_state == "visible"],
                   "xlsx")


def render_xls(data: bytes, source: str | None = None) -> Rendered:
    """Every visible sheet of the legacy workbook `data` (.xls) as lines, and where its tables are."""
    xlrd = require("xlrd", "excel", "Excel (.xls)", source)
    try:
        book = xlrd.open_workbook(file_contents=data, formatting_info=True)
    except Exception as e:      # a damaged or encrypted workbook: the library's reason
        raise InputError(f"cannot read this Excel workbook: {e}", source=source) from None
    return _render([(sh.name, _xlrd_sheet(sh, book, xlrd)) for sh in book.sheets() if sh.visibility == 0], "xls")


Sheet = tuple[list[list[str]], list[list[bool]], list[int], list[int], set[tuple[int, int]]]


def _render(sheets: list[tuple[str, Sheet]], kind: str) -> Rendered:
    """The sheets' tables and the lines around them (`_blocks`, `sources.sections`)."""
    lines: list[str] = []
    tables: list[TableSketch] = []
    for title, (grid, numeric, rows, cols, beside) in sheets:
        at = 0
        for top, bottom in _blocks(grid, numeric):
            top += form_rows(grid[top:bottom + 1])      # a form's fields above the table: lines of their own
            lines += [row_text(row) for row in grid[at:top] if any(row)]
            parts = sections(grid[top:bottom + 1])      # a form may stack several tables
            for a, b in ((top + a, top + b) for a, b in parts):
                if b - a < 2:
                    lines += [row_text(row) for row in grid[a:b] if any(row)]
                    continue
                header = _header_rows(grid, numeric, a, b - 1)
                keep, part = part_rows(grid, beside, a, b, header)
                how = [f"sheet {title!r} rows {rows[a]}-{rows[b - 1]}: {len(part)} rows, {len(keep)} columns, "
                       f"{header} header row{'s' if header != 1 else ''} (the leading rows without a number), "
                       f"merged ranges expanded" + (f" ({len(parts)} tables in one block)" if len(parts) > 1 else "")]
                tables.append(TableSketch(len(lines) + 1, len(part), header, kind, how, sheet=title,
                                          row_numbers=rows[a:b], col_numbers=[cols[c] for c in keep]))
                lines += [SEP.join(row) for row in part]
            at = bottom + 1
        lines += [row_text(row) for row in grid[at:] if any(row)]
    return Rendered(lines, tables, kind)


#: a figure written as text with its unit (30.5万元, ≧12000亩): a body cell, never a header's;
#: a year alone (2025, 2025年) may head a column
_FIGURE_TEXT = regex.compile(r"[^\d\s]?\s*(?!(?:19|20)\d\d(?!\d))\d[\d,]*(?:\.\d+)?\s*\D{0,3}")


def _header_rows(grid: list[list[str]], numeric: list[list[bool]], top: int, bottom: int) -> int:
    """How many rows head the table from `top` to `bottom`: those before the
    first row holding a number or a figure written with its unit."""
    header = 0
    while top + header < bottom and not any(numeric[top + header]) \
            and not any(_FIGURE_TEXT.fullmatch(c) for c in grid[top + header]):
        header += 1
    if header > 1 and top + header >= bottom:
        header = 1     # a table of text only (figures written with their units): its first row heads it
    return header


def _blocks(grid: list[list[str]], numeric: list[list[bool]]) -> list[tuple[int, int]]:
    """The tables of a sheet as (first, last) rows: a table runs from a row with
    two filled cells to the last such row before an empty row; after an empty
    row, rows that open with a number (no header of their own) go on with the
    table above, and rows that open without one start a new table. The rows of
    one text between tables (a caption, a unit line) are lines of their own."""
    blocks: list[tuple[int, int]] = []
    start = last = None
    for i, row in enumerate(grid):
        if not any(row):
            if start is not None:
                blocks.append((start, last))
                start = None
            continue
        if sum(1 for c in set(row) if c) < 2:
            continue
        if start is None:
            if blocks and any(numeric[i]) and all(not any(grid[j]) or sum(1 for c in set(grid[j]) if c) < 2
                                                  for j in range(blocks[-1][1] + 1, i)):
                start = blocks.pop()[0]        # the same table after a blank row
            else:
                start = i
        last = i
    if start is not None:
        blocks.append((start, last))
    return blocks


def _openpyxl_sheet(ws) -> Sheet:
    from openpyxl.utils import get_column_letter

    merged: dict[tuple[int, int], tuple[int, int]] = {}
    for rng in ws.merged_cells.ranges:
        for r in range(rng.min_row, rng.max_row + 1):
            for c in range(rng.min_col, rng.max_col + 1):
                merged[(r, c)] = (rng.min_row, rng.min_col)
    rows = [r for r in range(1, (ws.max_row or 0) + 1) if not ws.row_dimensions[r].hidden]
    cols = [c for c in range(1, (ws.max_column or 0) + 1) if not ws.column_dimensions[get_column_letter(c)].hidden]

    def value(r: int, c: int) -> tuple[object, str]:
        cell = ws.cell(r, c)
        return cell.value, cell.number_format
    return _grid(rows, cols, value, merged)


def _xlrd_sheet(sh, book, xlrd) -> Sheet:
    """A legacy sheet in the sheet's own 1-based row and column numbers."""
    merged: dict[tuple[int, int], tuple[int, int]] = {}
    for rlo, rhi, clo, chi in sh.merged_cells:
        for r in range(rlo, rhi):
            for c in range(clo, chi):
                merged[(r + 1, c + 1)] = (rlo + 1, clo + 1)
    hidden_rows = {r for r, info in sh.rowinfo_map.items() if info.hidden}
    hidden_cols = {c for c, info in sh.colinfo_map.items() if info.hidden}
    rows = [r + 1 for r in range(sh.nrows) if r not in hidden_rows]
    cols = [c + 1 for c in range(sh.ncols) if c not in hidden_cols]

    def value(r: int, c: int) -> tuple[object, str]:
        cell = sh.cell(r - 1, c - 1)
        fmt = book.format_map.get(book.xf_list[cell.xf_index].format_key)
        if cell.ctype == xlrd.XL_CELL_DATE:
            return xlrd.xldate.xldate_as_datetime(cell.value, book.datemode), ""
        if cell.ctype == xlrd.XL_CELL_BOOLEAN:
            return bool(cell.value), ""
        if cell.ctype == xlrd.XL_CELL_NUMBER:
            v = cell.value
            return (int(v) if float(v).is_integer() else v), (fmt.format_str if fmt else "")
        if cell.ctype == xlrd.XL_CELL_TEXT:
            return cell.value, ""
        return None, ""
    return _grid(rows, cols, value, merged)


def _grid(rows: list[int], cols: list[int], value, merged: dict[tuple[int, int], tuple[int, int]]) -> Sheet:
    """The visible cells of a sheet as text (merged ranges expanded), which of
    them hold numbers, the sheet's row and column numbers they came from, and
    the places a merged range covers beside its first column. `value(r, c)`
    gives a cell's value and number format."""
    grid, numeric = [], []
    for r in rows:
        texts, nums = [], []
        for c in cols:
            v, fmt = value(*merged.get((r, c), (r, c)))
            texts.append(_text(v, fmt))
            nums.append(isinstance(v, (int, float)) and not isinstance(v, bool))
        spans = {merged.get((r, c)) for c in cols}
        if len(cols) > 1 and len(spans) == 1 and None not in spans:
            texts = [texts[0]] + [""] * (len(texts) - 1)        # a group heading across the table: said once
        grid.append(texts)
        numeric.append(nums)
    # columns empty in every row are no columns
    keep = [j for j in range(len(cols)) if any(row[j] for row in grid)]
    beside = {(i, k) for i, r in enumerate(rows) for k, j in enumerate(keep)
              if (r, cols[j]) in merged and merged[(r, cols[j])][1] < cols[j]}
    return ([[row[j] for j in keep] for row in grid], [[row[j] for j in keep] for row in numeric], rows,
            [cols[j] for j in keep], beside)


def _text(value, number_format: str) -> str:
    """A cell's value as a report writes it: 12000, 3.5, 82.8%, 2024-09-30."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, (int, float)):
        if "%" in (number_format or ""):
            return f"{round(value * 100, 6):g}%"
        return f"{value:.6f}".rstrip("0").rstrip(".") if isinstance(value, float) else str(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).replace("\r\n", "\n").replace("\n", CELL_BREAK).replace(SEP, " ").strip()
