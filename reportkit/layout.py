"""Stage 5: find the layout of a report and split it into items.

This module only chooses the reader; for every layout alike it then reads
the document's metadata (title, publisher, publication date and page chrome
before the body) and reports the text no item used as `unparsed` spans.
The readers (`tables`, `outline`) return items and the lines they used:

1. a grid table with rows on lines (`tables.find_line_table`: cells split by
   |, tab, comma or spaces; one- or multi-line header; wrapped rows joined);
2. a grid table pasted one cell per line or paragraph (`tables.find_cell_stream`);
3. a table with no known header word, found by its numbered rows of one
   pattern (`tables.find_table_by_structure`);
4. a pasted table with a long progress column (`tables.read_pasted`), and the
   plain delimited reader (`tables.read_delimited`);
5. a numbered outline (narrative report) when there is no table.

The table that starts first wins. A record that holds what look like further
rows is never emitted silently: its lines become an `unparsed` span with a
warning (`Document.warnings`). `layout=` forces one of ``table``,
``pasted``, ``outline``.
"""
from __future__ import annotations

import regex

from .columns import header_role, looks_like_header, parse_as_of
from .metadata import document_year, is_chrome, read_metadata
from .errors import InputError, NoItemsError
from .models import Document, Metadata, Span
from .outline import count_markers, read_outline
from .paragraphs import read_paragraphs, swallowed
from .tables import (DELIMITERS, MD_SEPARATOR, GridTable, count_delimiters, find_cell_stream, find_line_table,
                     find_pasted_header, find_stream_by_structure, find_table_by_structure, read_delimited,
                     read_pasted, split_cells)
from .grid import build_items
from .context import FoundContext, describe, table_context
from .vocab import Vocab
from .finders import FINDERS, find_tables
from .rawtable import RawTable
from .tableread import read_table

LAYOUTS = ("table", "pasted", "outline")

def _find_delimited_header(lines: list[str], start: int, vocab: Vocab):
    for i in range(start, len(lines)):
        line = lines[i]
        for delim in DELIMITERS:
            if count_delimiters(line, delim) < 1:
                continue
            cells = split_cells(line, delim)
            cmap = looks_like_header(cells, vocab)
            if cmap and _rows_follow(lines, i, delim, len(cells)):
                return i, delim, cmap
    return None


def _rows_follow(lines: list[str], header: int, delim: str, ncols: int) -> bool:
    """A header is only a header when a row like it follows."""
    for line in lines[header + 1: header + 4]:
        if line.strip():
            if MD_SEPARATOR.match(line):
                continue
            return count_delimiters(line, delim) >= max(1, min(ncols - 1, count_delimiters(lines[header], delim)) - 1)
    return False


def find_layout(lines: list[str], vocab: Vocab, layout: str | None = None,
                source: str | None = None) -> Document:
    """Split cleaned `lines` into a `Document` of items.

    Readers are tried on the whole text; the one whose table starts first
    wins (a grid table, a pasted table with a progress column, a delimited
    table), and an outline is read when there is no table."""
    if layout and layout not in LAYOUTS:
        raise ValueError(f"unknown layout {layout!r}")
    if not any(line.strip() for line in lines):
        raise NoItemsError("empty input: no text to read", source=source)

    if layout in (None, "table", "pasted"):
        finders = {k: f for k, f in FINDERS.items() if layout != "pasted" or k == "stream"}
        tables = find_tables(lines, vocab, finders)
        if tables:
            doc = _tables_document(lines, tables, vocab)
            if doc.items or layout:
                return _safety_net(doc)
    candidates = []
    if False and layout in (None, "table"):
        grid = find_line_table(lines, vocab)
        if grid:
            candidates.append((grid.header_lines[0], 0, "grid", grid))
        found = _find_delimited_header(lines, 0, vocab)
        if found:
            candidates.append((found[0], 1, "delimited", found))
        bare = find_table_by_structure(lines, vocab)
        if bare:
            candidates.append((bare.header_lines[0], 2, "grid", bare))
    if False and layout in (None, "pasted"):
        pasted = find_pasted_header(lines, vocab)
        stream = find_cell_stream(lines, vocab)
        # a progress column running over many paragraphs is read best by the paragraph reader
        long_cells = stream is not None and stream.widest > len(stream.columns)
        if pasted and "progress" in pasted[2].roles and (stream is None or long_cells):
            candidates.append((pasted[0], 0, "pasted", pasted))
        if stream:
            candidates.append((stream.header_lines[0], 1, "grid", stream))
        elif pasted:
            candidates.append((pasted[0], 2, "pasted", pasted))
        bare_stream = find_stream_by_structure(lines, vocab)
        if bare_stream:
            candidates.append((bare_stream.header_lines[0], 3, "grid", bare_stream))
    if candidates:
        _, _, kind, found = min(candidates, key=lambda c: (c[0], c[1]))
        if kind == "grid":
            return _safety_net(_grid_document(lines, found, vocab))
        if kind == "delimited":
            return _safety_net(_delimited_document(lines, found, vocab))
        return _safety_net(_pasted_document(lines, found, vocab))
    example = [vocab.headers[role][0] for role in ("item_no", "task", "progress")]
    if layout == "table":
        raise InputError("no delimited table found: expected a header row such as "
                         f"'{' | '.join(example)}' (| , tab or comma between cells)", source=source)
    if layout == "pasted":
        raise InputError("no pasted table found: expected header cells one per line "
                         f"({' / '.join(example)}) followed by the item number 1", source=source)
    doc = read_outline(lines, vocab, source=source)
    if layout is None and (not count_markers(lines) or swallowed(doc, vocab)):
        paragraphs = read_paragraphs(lines, vocab, source=source)  # no outline: paragraphs are the items
        doc = paragraphs if paragraphs.items else doc
    if not doc.items:
        raise NoItemsError("no table and no numbered outline found: expected a table with a header row "
                           f"({' | '.join(example)}) or a numbered report (outline markers such as 1. or (1))",
                           source=source)
    return doc


# rows inside a cell: "| 2 | ..." or "2\t..." at a line start, or an item number alone on a line
_ROW_START = regex.compile(r"(?m)^[ \t]*[|\uff5c]?[ \t]*(\d{1,3})[ \t]*(?:[|\uff5c\t]|$)")


def holds_rows(text: str) -> bool:
    """True when `text` holds what looks like further table rows: two item
    numbers in sequence, each opening a line of cells or standing alone."""
    numbers = [int(m.group(1)) for m in _ROW_START.finditer(text)]
    return any(b == a + 1 for a, b in zip(numbers, numbers[1:]))


def _safety_net(doc: Document) -> Document:
    """A record that swallowed further rows is not emitted: its lines are
    reported as unparsed, with a warning."""
    kept = []
    for item in doc.items:
        fields = [x for x in (item.task, item.target, item.progress, item.actual, item.percent, item.remark,
                              *item.extra.values()) if x]
        if any(holds_rows(x) for x in fields):
            text = "\n".join(fields)
            doc.unparsed.append(Span(text, item.line_start, item.line_end))
            doc.warnings.append(f"{item.line_start}-{item.line_end}: item {item.item_no} holds what look like "
                                f"further rows; reported as unparsed")
        else:
            kept.append(item)
    doc.items = kept
    doc.unparsed.sort(key=lambda sp: sp.line_start)
    return doc


def _grid_document(lines: list[str], grid: GridTable, vocab: Vocab) -> Document:
    """Items of every grid table in the text, the first one being `grid`."""
    meta = read_metadata(lines, grid.header_lines[0], vocab)
    items: list = []
    used: set[int] = set()
    explain: list[str] = []
    unknown: list[tuple[int, str]] = []
    table = 1
    preamble_end = grid.header_lines[0]
    current: GridTable | None = grid
    previous: tuple[list[str], FoundContext] | None = None
    while current:
        ctx = table_context(lines, current.header_lines[0], 0 if table == 1 else preamble_end, meta.lines,
                            vocab)
        names = [c.name for c in current.columns]
        if previous and previous[0] == names and not ctx.context.unit_line:
            # the header repeated after a page break: the table goes on, in the units it stated
            ctx.context.unit_line = previous[1].context.unit_line
        previous = (names, ctx)
        meta.lines += [i + 1 for i in current.header_lines if current.header] + ctx.lines
        rows_items, rows_used = build_items(current.columns, current.rows, vocab, table, ctx.context)
        for it in rows_items:
            it.as_of = _table_as_of(current, vocab)
        unknown += [(current.header_lines[0] + 1, col.name) for col in current.columns
                    if col.source != "header" and col.name]
        items += rows_items
        used |= rows_used | _table_furniture(lines, current, rows_used)
        explain += describe(current, ctx, table)
        preamble_end = current.end
        current = _next_grid(lines, vocab, max(current.end, max(rows_used, default=0)))
        table = max([table] + [it.table for it in rows_items]) + 1
    doc = _finish(Document(grid.layout, items, unknown_headers=unknown), lines, used, meta, vocab)
    doc.explain = explain
    return doc


def _tables_document(lines: list[str], tables: list[RawTable], vocab: Vocab) -> Document:
    """Items of every table the finders found, in document order."""
    first = tables[0].lines[0] - 1
    meta = read_metadata(lines, first, vocab)
    items: list = []
    used: set[int] = set()
    explain: list[str] = []
    warnings: list[str] = []
    unknown: list[tuple[int, str]] = []
    unparsed: list[Span] = []
    preamble_end = first
    previous: tuple[list[str], FoundContext] | None = None
    table = 1
    counted = 0
    for n, raw in enumerate(tables):
        top = raw.lines[0] - 1
        ctx = table_context(lines, top, 0 if n == 0 else preamble_end, meta.lines, vocab)
        read = read_table(raw, vocab, ctx.context, table, counted)
        names = [c.name for c in read.columns]
        if previous and previous[0] == names and not ctx.context.unit_line:
            # the header repeated after a page break: the table goes on, in the units it stated
            ctx.context.unit_line = previous[1].context.unit_line
            read = read_table(raw, vocab, ctx.context, table, counted)
        previous = (names, ctx)
        meta.lines += read.header_lines + ctx.lines
        as_of = _columns_as_of(read.columns, vocab)
        for it in read.items:
            it.as_of = as_of
        explain += [f"table {table}: {line}" for line in read.explain]
        warnings += read.warnings
        unknown += read.unknown_headers
        unparsed += read.unparsed
        if read.items:
            items += read.items
            used |= read.used
            counted += sum(1 for it in read.items if it.how.get("item_no") is None)
            table = max([table] + [it.table for it in read.items]) + 1
        preamble_end = raw.lines[1]
    layout = "pasted" if all(t.found_by == "stream" for t in tables) else "table"
    doc = _finish(Document(layout, items, unknown_headers=unknown), lines, used, meta, vocab)
    doc.explain = explain
    doc.warnings = warnings + doc.warnings
    doc.unparsed = sorted(doc.unparsed + unparsed, key=lambda sp: sp.line_start)
    return doc


def _columns_as_of(columns: list, vocab: Vocab):
    """The date the table's header gives (进展情况(截至10月底), 1-9月完成, 截至9月底完成)."""
    for col in columns:
        if col.role not in ("progress", "actual", "percent", None):
            continue
        for text in (col.group_name, col.name):
            if text:
                date = header_role(text, vocab)[1] or parse_as_of(text)
                if date:
                    return date
    return None


def _next_grid(lines: list[str], vocab: Vocab, start: int) -> GridTable | None:
    """The next table after line index `start`, of whichever grid layout starts first."""
    found = [t for t in (find_line_table(lines, vocab, start), find_cell_stream(lines, vocab, start),
                         find_table_by_structure(lines, vocab, start), find_stream_by_structure(lines, vocab, start))
             if t is not None and t.header_lines[0] >= start]
    return min(found, key=lambda t: t.header_lines[0]) if found else None


def _table_furniture(lines: list[str], grid: GridTable, used: set[int]) -> set[int]:
    """Lines inside a table that hold no cell (a Markdown separator, a lone
    delimiter): part of the table, not text left out."""
    if not used:
        return set()
    top, bottom = min([i + 1 for i in grid.header_lines] + list(used)), max(used)
    return {no for no in range(top, bottom + 1)
            if MD_SEPARATOR.match(lines[no - 1]) or not lines[no - 1].strip(" |\t\uff5c")}


def _table_as_of(grid: GridTable, vocab: Vocab):
    """The date the table's header gives (进展情况(截至10月底), 1-9月完成, 截至9月底完成)."""
    for col in grid.columns:
        if col.role not in ("progress", "actual", "percent", None):
            continue
        for text in (col.group_name, col.name):
            if text:
                date = header_role(text, vocab)[1] or parse_as_of(text)
                if date:
                    return date
    return None


def _finish(doc: Document, lines: list[str], used: set[int], meta: Metadata, vocab: Vocab) -> Document:
    doc.title, doc.published, doc.publisher = meta.title, meta.published, meta.publisher
    doc.metadata_lines = meta.lines
    doc.year = document_year(doc.title, doc.published, lines, vocab)
    used |= set(meta.lines)
    run: list[tuple[int, str]] = []
    for no, line in enumerate(lines, 1):
        if _has_text(line) and no not in used:
            run.append((no, line.strip()))
        elif run and _has_text(line):
            doc.unparsed.append(_span(run))
            run = []
    if run:
        doc.unparsed.append(_span(run))
    return doc


def _has_text(line: str) -> bool:
    """False for a blank line and for a row of empty cells (``,,,,`` or tabs alone)."""
    return bool(line.strip(" \t,|\uff5c"))


def _span(run: list[tuple[int, str]]) -> Span:
    return Span("\n".join(t for _, t in run), run[0][0], run[-1][0])


def _delimited_document(lines, found, vocab) -> Document:
    header, delim, cmap = found
    meta = read_metadata(lines, header, vocab)
    items = []
    used: set[int] = set()
    table = 1
    header_lines = []
    unknown: list[tuple[int, str]] = []
    while found:
        header, delim, cmap = found
        header_lines.append(header + 1)
        unknown += [(header + 1, h) for h, role in zip(cmap.headers, cmap.roles) if role is None and h]
        rows, after = read_delimited(lines, header, delim, cmap, table)
        for it in rows:
            it.as_of = cmap.as_of
        items += rows
        used |= set(range(header + 1, after + 1))
        found = _find_delimited_header(lines, after, vocab)
        table += 1
    meta.lines += header_lines  # header rows are structure: kept as metadata
    doc = _finish(Document("table", items, unknown_headers=unknown), lines, used, meta, vocab)
    doc.explain = [f"table: layout table (delimited reader), header on line {header_lines[0]}"]
    return doc


def _pasted_document(lines, found, vocab) -> Document:
    first_header, first_row, cmap = found
    meta = read_metadata(lines, first_header, vocab)
    items: list = []
    table = 1
    unknown: list[tuple[int, str]] = []
    while found:
        header, first_row, cmap = found
        header_no = [i + 1 for i in range(header, first_row) if lines[i].strip()]
        unknown += [(no, h) for no, h, role in zip(header_no, cmap.headers, cmap.roles) if role is None and h]
        meta.lines += [i + 1 for i in range(header, first_row) if lines[i].strip()]
        found = find_pasted_header(lines, vocab, first_row + 1)
        end = found[0] if found else len(lines)
        # page chrome between two tables (the title again, 来源, 发布日期) is metadata, not a cell
        chrome = frozenset(i for i in range(first_row, end) if lines[i].strip() and (
            is_chrome(lines[i], vocab) or read_metadata([lines[i]], 1, vocab).published
            or lines[i].strip() == meta.title))
        meta.lines += [i + 1 for i in chrome]
        rows = read_pasted(lines, first_row, cmap, vocab, table, end=end, skip=chrome)
        for it in rows:
            it.as_of = cmap.as_of
        items += rows
        table += 1
    used = set(range(first_header + 1, len(lines) + 1))
    doc = _finish(Document("pasted", items, unknown_headers=unknown), lines, used, meta, vocab)
    doc.explain = [f"table: layout pasted (paragraph reader: one row per item number, the progress column "
                   f"takes the paragraphs left over), header from line {first_header + 1}"]
    return doc
