"""HTML pages: their text in document order, their data tables cell by cell.

`looks_like_html` tells a page from a text dump by its content; `render_html`
renders a page as text lines (`sources.Rendered`): headings, paragraphs,
list items and line breaks each start a line; every data table becomes one
line per row, its cells joined by `SEP` with `rowspan`/`colspan` expanded into
every row and column they cover (a merged cell's text belongs to each), its
`<thead>` rows and leading rows of `<th>` cells read as header rows, and a
`<br>` inside a cell kept as a break within the cell. A table used for page
layout (one row or one column, or holding another table) is no data table:
its cells are read as blocks of the page. The page is parsed by BeautifulSoup
(with lxml when it is installed), never by regular expressions.
"""
from __future__ import annotations

import regex

from . import (CELL_BREAK, SEP, Rendered, TableSketch, form_rows, leading_rows_without_digits, part_rows, require,
               row_text, sections)

_HTML_START = regex.compile(r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|table)\b",
                            flags=regex.IGNORECASE | regex.DOTALL)
_BLOCKS = frozenset({"p", "div", "section", "article", "header", "footer", "main", "nav", "aside", "h1", "h2", "h3",
                     "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "blockquote", "pre", "center", "form",
                     "figure", "figcaption", "address", "hr", "caption"})
_SKIP = frozenset({"script", "style", "noscript", "template", "iframe", "svg", "button", "select", "option"})
_HEADINGS = ("h1", "h2", "h3")
#: the largest span taken from an attribute (a page may say rowspan="9999")
MAX_SPAN = 1000


_CHARSET = regex.compile(rb"<meta[^>]{0,200}?charset\s*=\s*[\"']?\s*([A-Za-z0-9_\-]+)", flags=regex.IGNORECASE)


#: characters (or bytes) at the start of a page within which its doctype, first tag and charset stand
HEAD = 4096


def declared_charset(data: bytes) -> str | None:
    """The encoding a page declares in its ``<meta charset>`` (or http-equiv
    content type), if Python knows it; None for other bytes."""
    import codecs

    head = data[:HEAD]
    if not _HTML_START.match(head.decode("ascii", "ignore")):
        return None
    m = _CHARSET.search(head)
    if m is None:
        return None
    name = m.group(1).decode("ascii").lower()
    try:
        codecs.lookup(name)
    except LookupError:
        return None
    return "gb18030" if name in ("gb2312", "gbk") else name   # the superset GBK pages are written in


def looks_like_html(text: str) -> bool:
    """A page opens with a doctype, `<html>`, `<head>`, `<body>`, `<meta>` or a `<table>`."""
    return bool(_HTML_START.match(text[:HEAD]))


def render_html(text: str, source: str | None = None) -> Rendered:
    """The page as text lines and the place of its data tables."""
    bs4 = require("bs4", "html", "HTML", source)
    try:
        soup = bs4.BeautifulSoup(text, "lxml")
    except Exception:            # lxml missing: the parser of the standard library
        soup = bs4.BeautifulSoup(text, "html.parser")
    out = _Out()
    body = soup.body or soup
    title = soup.title.get_text(" ", strip=True) if soup.title else ""
    if title and not body.find(_HEADINGS):
        out.line(title)
    _walk(body, out)
    out.flush()
    return Rendered(out.lines, out.tables, "html")


class _Out:
    """Lines being written, and the inline text of the line not yet ended."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.tables: list[TableSketch] = []
        self.buffer: list[str] = []

    def text(self, s: str) -> None:
        self.buffer.append(s)

    def flush(self) -> None:
        line = " ".join("".join(self.buffer).split())
        self.buffer = []
        if line:
            self.lines.append(line)

    def line(self, s: str) -> None:
        """A line of its own, written as given (a form row's cells stay apart)."""
        self.flush()
        if s.strip():
            self.lines.append(s.strip())


def _walk(node, out: _Out) -> None:
    from bs4 import NavigableString, Tag
    from bs4.element import Comment, Doctype, ProcessingInstruction

    for child in node.children:
        if isinstance(child, (Comment, Doctype, ProcessingInstruction)):
            continue
        if isinstance(child, NavigableString):
            out.text(str(child))
            continue
        if not isinstance(child, Tag) or child.name in _SKIP:
            continue
        if child.name == "br":
            out.flush()
        elif child.name == "table":
            out.flush()
            _table(child, out)
        elif child.name in _BLOCKS:
            out.flush()
            _walk(child, out)
            out.flush()
        else:
            _walk(child, out)


def _rows(table) -> list:
    """The rows of `table` itself (not of a table nested in it)."""
    return [tr for tr in table.find_all("tr") if tr.find_parent("table") is table]


def _cells(tr) -> list:
    return [c for c in tr.find_all(["td", "th"], recursive=False)]


def _span(cell, name: str) -> int:
    try:
        return max(1, min(MAX_SPAN, int(str(cell.get(name, "1")).strip() or 1)))
    except ValueError:
        return 1


def _cell_text(cell) -> str:
    """A cell's text, a `<br>` or a block inside it kept as a break within the cell."""
    out = _Out()
    _walk(cell, out)
    out.flush()
    return CELL_BREAK.join(out.lines).replace(SEP, " ")


def _table(table, out: _Out) -> None:
    rows = _rows(table)
    nested = any(t.find_parent("table") is table for t in table.find_all("table"))
    widths = [sum(_span(c, "colspan") for c in _cells(tr)) for tr in rows]
    if nested or len(rows) < 2 or max(widths, default=0) < 2:
        for tr in rows:               # a table for page layout: its cells are blocks of the page
            for c in _cells(tr):
                out.flush()
                _walk(c, out)
                out.flush()
        return
    grid, beside = _grid([[(_cell_text(c), _span(c, "colspan"), _span(c, "rowspan")) for c in _cells(tr)]
                          for tr in rows], len(rows))
    for r, tr in enumerate(rows):
        cells = _cells(tr)
        if len(cells) == 1 and _span(cells[0], "colspan") >= len(grid[r]) > 1:
            grid[r] = [grid[r][0]] + [""] * (len(grid[r]) - 1)   # a group heading across the table: said once
    fields = form_rows(grid)
    for row in grid[:fields]:         # a form's fields above the table: lines of the page
        out.line(row_text(row))
    grid, rows = grid[fields:], rows[fields:]
    beside = {(r - fields, c) for r, c in beside if r >= fields}
    header = 0
    for tr in rows:
        cells = _cells(tr)
        in_head = tr.find_parent("thead") is not None
        if cells and (in_head or all(c.name == "th" for c in cells)) and header == rows.index(tr):
            header += 1
        else:
            break
    caption = table.find("caption")
    if caption is not None:
        out.line(caption.get_text(" ", strip=True))
    if header == len(rows):
        parts = [(0, len(grid), 0)]     # a table of header cells only: the reader decides
    elif header:
        parts = [(0, len(grid), header)]
    else:                           # no <th>: maybe several tables stacked in one (a form), each opening
        parts = [(a, b, leading_rows_without_digits(grid[a:b])) for a, b in sections(grid)]   # without figures
    for a, b, head in parts:
        if b - a < 2:
            for row in grid[a:b]:
                out.line(row_text(row))
            continue
        keep, part = part_rows(grid, beside, a, b, head)
        first = len(out.lines) + 1
        out.lines += [SEP.join(cells) for cells in part]
        how = [f"an HTML table of {b - a} rows and {len(keep)} columns"
               + (f" (rows {a + 1}-{b} of a <table> holding {len(parts)})" if len(parts) > 1 else "")
               + f", {head} header row{'s' if head != 1 else ''} "
               + ("(<thead> or <th>)" if header else "(the leading rows without a figure)")
               + ", merged cells expanded"]
        out.tables.append(TableSketch(first, b - a, head, "html", how))


def _grid(rows: list[list[tuple[str, int, int]]], height: int) -> tuple[list[list[str]], set[tuple[int, int]]]:
    """Rows of (text, colspan, rowspan) as a grid: each cell's text in every
    place it spans, every row as wide as the widest; and the places a cell
    covers beside its first column (its text is said once in a body row)."""
    placed: dict[tuple[int, int], str] = {}
    beside: set[tuple[int, int]] = set()
    for r, cells in enumerate(rows):
        c = 0
        for text, colspan, rowspan in cells:
            while (r, c) in placed:
                c += 1
            for dr in range(min(rowspan, height - r)):
                for dc in range(colspan):
                    placed[(r + dr, c + dc)] = text
                    if dc:
                        beside.add((r + dr, c + dc))
            c += colspan
    width = max((c for _, c in placed), default=-1) + 1
    return [[placed.get((r, c), "") for c in range(width)] for r in range(len(rows))], beside
