"""Stage 5: find the layout of a report and split it into items.

This module only chooses the reader. The table finders (`finders`) run once
over the whole text; every table they find is read by `tableread.read_table`
into items, in document order, each table with the units the text around it
gives (`context`). A report with no table is read as a narrative: a numbered
outline (`outline`), or paragraphs when it has no outline (`paragraphs`).
For every layout alike the document's metadata (title, publisher,
publication date and page chrome before the body) is read, and the text no
item used is reported in `unparsed` spans. A record that holds what look like
further rows is never emitted silently: its lines become an `unparsed` span
with a warning (`Document.warnings`). `layout=` forces ``table`` (any
finder), ``pasted`` (tables pasted one cell per line or paragraph only) or
``outline``.
"""
from __future__ import annotations

import regex

from .clauses import SENTENCE_MARK
from .context import FoundContext, table_context
from .errors import InputError, NoItemsError, ReportkitError
from .finders import FINDERS, find_tables
from .headers import header_role, parse_as_of
from .metadata import read_metadata, stamp
from .models import Document, Metadata, Span
from .outline import count_markers, read_outline
from .paragraphs import read_paragraphs, swallowed
from .rawtable import RawTable
from .tableread import read_table
from .vocab import Vocab

LAYOUTS = ("table", "pasted", "outline")
# a digit: a line of prose (with a `SENTENCE_MARK`) that may state a figure
_FIGURE = regex.compile(r"\d")


def find_layout(lines: list[str], vocab: Vocab, layout: str | None = None,
                source: str | None = None, tables: list[RawTable] | None = None) -> Document:
    """Split cleaned `lines` into a `Document` of items: the tables' rows when
    the text holds tables, else the narrative's items. `tables` are the tables
    a structured source (an HTML page) knows cell by cell: they are read as they
    are, and no finder looks for others."""
    if layout and layout not in LAYOUTS:
        raise ValueError(f"unknown layout {layout!r}")
    if not any(line.strip() for line in lines):
        raise NoItemsError("empty input: no text to read", source=source)
    example = [vocab.headers[role][0] for role in ("item_no", "task", "progress")]
    if layout in (None, "table", "pasted"):
        finders = {k: f for k, f in FINDERS.items() if layout != "pasted" or k == "stream"}
        tables = tables or find_tables(lines, vocab, finders)
        if tables:
            doc = _tables_document(lines, tables, vocab)
            if doc.items and layout is None:
                _add_prose(doc, lines, tables, vocab, source)
            if doc.items or layout:
                return _safety_net(doc)
    if layout == "table":
        raise InputError("no table found: expected rows of cells split by | , tabs, commas or spaces "
                         f"(a header such as '{' | '.join(example)}' helps)", source=source)
    if layout == "pasted":
        raise InputError("no pasted table found: expected cells one per line "
                         f"({' / '.join(example)}) followed by the item number 1", source=source)
    doc = _narrative(lines, vocab, source, detect=layout is None)
    if not doc.items:
        raise NoItemsError("no table and no numbered outline found: expected a table with a header row "
                           f"({' | '.join(example)}) or a numbered report (outline markers such as 1. or (1))",
                           source=source)
    return doc


def _narrative(lines: list[str], vocab: Vocab, source: str | None, detect: bool = True) -> Document:
    """The items of a narrative: its numbered outline, or (no outline, or one that
    swallows the text) its paragraphs."""
    doc = read_outline(lines, vocab, source=source)
    if detect and (not count_markers(lines) or swallowed(doc, vocab)):
        paragraphs = read_paragraphs(lines, vocab, source=source)  # no outline: paragraphs are the items
        doc = paragraphs if paragraphs.items else doc
    return doc


def _add_prose(doc: Document, lines: list[str], tables: list[RawTable], vocab: Vocab, source: str | None) -> None:
    """A report of prose with a table in it (a budget review: paragraphs, then the
    table they cite): the paragraphs before the first table that are no metadata
    and hold a sentence with a figure are read as a narrative, and their items
    follow the tables' (whose rows keep their numbers and their order)."""
    held = set(doc.metadata_lines) | {n for it in doc.items for n in range(it.line_start, it.line_end + 1)}
    first = min(raw.lines[0] for raw in tables)
    # the text before the first table (the text after a table is its notes, or
    # cells the table reader could not place: no prose of its own)
    prose = [line if n not in held and n < first else "" for n, line in enumerate(lines, 1)]
    if not any(SENTENCE_MARK.search(line) and _FIGURE.search(line) for line in prose):
        return
    try:
        extra = _narrative(prose, vocab, source)
    except ReportkitError:
        return
    # an item that reaches over a table or the metadata joins text that does not belong together
    items = [it for it in extra.items if _FIGURE.search(it.progress or "") and SENTENCE_MARK.search(it.progress or "")
             and not held.intersection(range(it.line_start, it.line_end + 1))]
    if items:
        doc.items += items
        doc.explain.append(f"prose outside the tables: {len(items)} item{'s' if len(items) != 1 else ''} on lines "
                           f"{items[0].line_start}-{items[-1].line_end}")


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


# rows inside a cell: "| 2 | ..." or "2\t..." at a line start, or an item number alone on a line
_ROW_START = regex.compile(r"(?m)^[ \t]*[|\uff5c]?[ \t]*(\d+)[ \t]*(?:[|\uff5c\t]|$)")


def holds_rows(text: str) -> bool:
    """True when `text` holds what looks like further table rows: two item
    numbers in sequence, each opening a line of cells or standing alone."""
    numbers = [int(m.group(1)) for m in _ROW_START.finditer(text) if len(m.group(1)) <= 6]
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


def _finish(doc: Document, lines: list[str], used: set[int], meta: Metadata, vocab: Vocab) -> Document:
    """The document with its metadata (and the lines tables read as their
    structure: group headings, rules); lines no item and no metadata holds are
    put in unparsed spans once, by `coverage.account_for_lines`, for every layout alike."""
    stamp(doc, meta, lines, vocab)
    in_items = {n for it in doc.items for n in range(it.line_start, it.line_end + 1)}
    # lines a table read as its structure (a group heading, a rule) are metadata
    doc.metadata_lines = sorted(set(meta.lines) | (used - in_items))
    return doc


def _has_text(line: str) -> bool:
    """False for a blank line and for a row of empty cells (``,,,,`` or tabs alone)."""
    return bool(line.strip(" \t,|\uff5c"))


def _span(run: list[tuple[int, str]]) -> Span:
    return Span("\n".join(t for _, t in run), run[0][0], run[-1][0])


