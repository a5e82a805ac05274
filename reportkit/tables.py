"""Stage 5b: read tables into items.

Two kinds of table:

* **delimited** - one row per line, cells split by ``|`` (or fullwidth
  ``｜``), tab, or comma (quoted CSV); Markdown tables with a ``---``
  separator row; leading and trailing pipes optional. A row hard-wrapped
  over several lines (its cell count is short and the next line does not
  start the next item) is joined back into one row. A row with more or
  fewer cells than the header is kept - surplus cells joined into the last
  column, missing ones left empty - and flagged ``ragged_row``.
* **pasted** - a table copied from a web page with one cell per line or per
  paragraph: the header cells, then for each row its item number alone on a
  line, the task, and a progress cell that may run over many paragraphs
  and contain its own numbered list. A row starts only at the *next* item
  number in sequence (a line holding just that number).
"""
from __future__ import annotations

import csv
from dataclasses import dataclass

import regex

from .clean.wraps import join_wrapped
from .columns import ColumnMap, looks_like_header
from .models import Item, Span
from .script import to_simplified
from .vocab import Vocab

DELIMITERS = ("|", "\t", ",")
_PIPES = "|\uff5c"
MD_SEPARATOR = regex.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
_ITEM_NO = regex.compile(r"^\s*(\d{1,3}(?:[.-]\d{1,2})?)\s*[.、]?\s*$")


def split_cells(line: str, delimiter: str) -> list[str]:
    """Cells of one table line, trimmed; outer pipes are optional."""
    if delimiter == ",":
        return [c.strip() for c in next(csv.reader([line]))]
    if delimiter == "|":
        line = line.translate({ord("\uff5c"): "|"}).strip()
        if line.startswith("|"):
            line = line[1:]
        if line.endswith("|"):
            line = line[:-1]
        return [c.strip() for c in line.split("|")]
    return [c.strip() for c in line.split(delimiter)]


def count_delimiters(line: str, delimiter: str) -> int:
    if delimiter == "|":
        return sum(line.count(p) for p in _PIPES)
    return line.count(delimiter)


@dataclass
class _Row:
    cells: list[str]
    line_start: int
    line_end: int


def _next_number(cells: list[str], after: str | None) -> bool:
    """True when the first cell is an item number that follows `after`."""
    if not cells or not cells[0].isdigit():
        return False
    if after is None or not after.isdigit():
        return True
    return int(after) < int(cells[0]) <= int(after) + 10


def read_delimited(lines: list[str], header_index: int, delimiter: str, cmap: ColumnMap,
                   table: int = 1) -> tuple[list[Item], int]:
    """Rows after the header at `header_index` (0-based) until the table ends.

    Returns the items and the index of the first line after the table.
    """
    ncols = len(cmap.headers)
    rows: list[_Row] = []
    i = header_index + 1
    no_col = cmap.index("item_no")
    while i < len(lines):
        line = lines[i]
        if not line.strip():
            i += 1
            # a blank line ends the table unless the next line is a row again
            if i < len(lines) and count_delimiters(lines[i], delimiter) >= max(1, ncols - 2):
                continue
            break
        if MD_SEPARATOR.match(line):
            i += 1
            continue
        n = count_delimiters(line, delimiter)
        cells = split_cells(line, delimiter) if n else [line.strip()]
        last = rows[-1] if rows else None
        prev_no = last.cells[no_col] if last and no_col is not None and no_col < len(last.cells) else None
        continues = last is not None and last.line_end == i and len(last.cells) < ncols and not (
            no_col == 0 and _next_number(cells, prev_no))
        if continues and last is not None:
            # a row wrapped over lines: the first fragment ends the open cell
            last.cells[-1] = (last.cells[-1] + cells[0]).strip() if last.cells else cells[0]
            last.cells.extend(cells[1:])
            last.line_end = i + 1
        elif n == 0:
            break  # prose after the table
        else:
            rows.append(_Row(cells, i + 1, i + 1))
        i += 1
    return [_row_item(r, cmap, table) for r in rows], i


def _row_item(row: _Row, cmap: ColumnMap, table: int) -> Item:
    ncols = len(cmap.headers)
    cells = list(row.cells)
    flags: list[str] = []
    if len(cells) != ncols:
        flags.append("ragged_row")
        if len(cells) > ncols:
            cells = cells[:ncols - 1] + [" | ".join(c for c in cells[ncols - 1:] if c)]
        else:
            cells += [""] * (ncols - len(cells))
    item = Item(item_no=None, line_start=row.line_start, line_end=row.line_end, table=table,
                kind="table", flags=flags)
    for idx, (role, cell) in enumerate(zip(cmap.roles, cells)):
        value = cell or None
        if role is None:
            if value:
                item.extra[cmap.extra_names.get(idx, f"column{idx + 1}")] = value
        else:
            setattr(item, role, value)
    return item


# ---------------------------------------------------------------- pasted tables

def find_pasted_header(lines: list[str], vocab: Vocab, start: int = 0) -> tuple[int, int, ColumnMap] | None:
    """Header cells one per line (blank lines between allowed), followed by
    the first item number. Returns (first header line, first row line, map)."""
    nonblank = [(i, lines[i].strip()) for i in range(start, len(lines)) if lines[i].strip()]
    for k in range(len(nonblank)):
        for width in (2, 3, 4, 5, 6):
            if k + width >= len(nonblank):
                break
            cells = [t for _, t in nonblank[k:k + width]]
            after = nonblank[k + width][1]
            m = _ITEM_NO.match(after)
            if not m or m.group(1) not in ("1", "01", "1.1"):
                continue
            cmap = looks_like_header(cells, vocab)
            if cmap and cmap.known == width:
                return nonblank[k][0], nonblank[k + width][0], cmap
    return None


def read_pasted(lines: list[str], first_row: int, cmap: ColumnMap, vocab: Vocab,
                table: int = 1, end: int | None = None, skip: frozenset[int] = frozenset()) -> list[Item]:
    """Rows of a pasted table from line index `first_row` up to `end`; lines
    whose index is in `skip` (page chrome between tables) belong to no row."""
    end = len(lines) if end is None else end
    starts: list[tuple[int, str]] = []
    expected = None
    for i in range(first_row, end):
        m = _ITEM_NO.match(lines[i])
        if not m:
            continue
        no = m.group(1)
        if expected is None or (no.isdigit() and expected.isdigit() and int(expected) < int(no) <= int(expected) + 3
                                and _next_content_is_text(lines, i)):
            starts.append((i, no))
            expected = no
    items: list[Item] = []
    roles = [r for r in cmap.roles]
    for n, (i, no) in enumerate(starts):
        stop = starts[n + 1][0] if n + 1 < len(starts) else end
        body = [(j + 1, lines[j]) for j in range(i + 1, stop) if j not in skip]
        paragraphs = _paragraphs(body)
        item = Item(item_no=no, line_start=i + 1, line_end=max([i + 1] + [j for j, t in body if t.strip()]),
                    table=table, kind="table")
        _assign_paragraphs(item, roles[1:] if roles and roles[0] == "item_no" else roles, paragraphs, vocab)
        items.append(item)
    return items


def _next_content_is_text(lines: list[str], i: int) -> bool:
    for j in range(i + 1, min(len(lines), i + 6)):
        if lines[j].strip():
            return not _ITEM_NO.match(lines[j])
    return False


def _paragraphs(body: list[tuple[int, str]]) -> list[list[Span]]:
    """Blank-line separated groups; without blank lines, one group per line
    (hard-wrapped lines joined first)."""
    content = [(no, t) for no, t in body if t.strip()]
    if not content:
        return []
    last = content[-1][0]
    if not any(not t.strip() for no, t in body if no < last):
        return [[span] for span in join_wrapped(content)]
    groups: list[list[tuple[int, str]]] = [[]]
    for no, text in body:
        if not text.strip():
            if groups[-1]:
                groups.append([])
            continue
        groups[-1].append((no, text))
    return [join_wrapped(g) for g in groups if g]


def _assign_paragraphs(item: Item, roles: list[str | None], paragraphs: list[list[Span]], vocab: Vocab) -> None:
    """First paragraphs fill the columns in order; the progress column takes
    every paragraph left over; a short last paragraph that reads as a percent
    or status fills a trailing percent column."""
    texts = ["\n".join(s.text for s in p) for p in paragraphs]
    if roles and roles[-1] == "percent" and texts and _reads_as_percent(texts[-1], vocab):
        item.percent = texts.pop()
        roles = roles[:-1]
    for k, role in enumerate(roles):
        if not texts:
            break
        if role == "progress":
            tail = len(roles) - k - 1
            take = texts[: max(1, len(texts) - tail)]
            texts = texts[len(take):]
            item.progress = "\n".join(take)
        else:
            value = texts.pop(0)
            if role is None:
                item.extra[f"column{k + 2}"] = value
            else:
                setattr(item, role, value)
    if texts:  # more paragraphs than columns and no progress column
        item.extra["more"] = "\n".join(texts)


def _reads_as_percent(text: str, vocab: Vocab) -> bool:
    s = to_simplified(text)
    if len(s) > 30:
        return False
    if regex.search(r"\d+(?:\.\d+)?\s*%", s):
        return True
    return any(p in s for words in vocab.status.values() for p in words)
