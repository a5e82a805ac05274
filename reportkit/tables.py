"""Stage 5b: read tables into items.

Grid tables (`find_line_table`, `find_cell_stream`, `find_table_by_structure`)
are read as headers (`headers`) and rows of cells, rebuilt into items by
`grid.build_items`; they cover pasted, flattened, hard-wrapped, two-level and
header-less tables. Line tables take rows numbered in one or two levels (7,
2.3) under group rows (一、交通 or 一 | 产业项目 | with subtotals), and CSV records
whose quoted cells hold line breaks (`CsvRecords`, one record per row). Two
older readers remain for the layouts they read best:

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
import unicodedata
from dataclasses import dataclass, replace

import regex

from .wraps import join_wrapped
from .columns import EXTRA_ROLES, ColumnMap, header_role, looks_like_header
from .markers import match_marker, numeral_label
from .grid import GridRow, cell_kind, is_total, item_number, unit_of
from .headers import Column, assign_roles, is_header_like, merge_fragments, merge_header_lines
from .models import Item, Span
from .script import to_simplified
from .vocab import Vocab

DELIMITERS = ("|", "\t", ",")
_PIPES = "|\uff5c"
MD_SEPARATOR = regex.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
_HAN = regex.compile(r"\p{Han}")
_DIGIT = regex.compile(r"\d")
_SENTENCE_END = tuple("\u3002;\uff1b!\uff01?\uff1f")
_PERCENT = regex.compile(r"\d+(?:\.\d+)?\s*%")
_BRACKETED = regex.compile(r"^[(\uff08]([^()\uff08\uff09]{1,8})[)\uff09]$")
_CELL_START = regex.compile(r"(?:^|(?<=\s))\S")
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
        if role is None or role in EXTRA_ROLES or role == "remark":
            if value:  # a remark is read for the status and kept as written
                item.extra[cmap.extra_names.get(idx, cmap.headers[idx] if role else f"column{idx + 1}")] = value
        if role is not None and role not in EXTRA_ROLES:
            setattr(item, role, value)
    return item


# ---------------------------------------------------------------- pasted tables

def find_pasted_header(lines: list[str], vocab: Vocab, start: int = 0) -> tuple[int, int, ColumnMap] | None:
    """Header cells one per line (blank lines between allowed), followed by
    the first item number. Returns (first header line, first row line, map)."""
    nonblank = [(i, lines[i].strip()) for i in range(start, len(lines)) if lines[i].strip()]
    first_rows = {k for k, (_, t) in enumerate(nonblank)
                  if (m := _ITEM_NO.match(t)) and m.group(1) in ("1", "01", "1.1")}
    for k in range(len(nonblank)):
        for width in (2, 3, 4, 5, 6):
            if k + width >= len(nonblank):
                break
            if k + width not in first_rows:
                continue
            cells = [t for _, t in nonblank[k:k + width]]
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
            if role is None or role in EXTRA_ROLES:
                item.extra[f"column{k + 2}"] = value
            else:
                setattr(item, role, value)
    if texts:  # more paragraphs than columns and no progress column
        item.extra["more"] = "\n".join(texts)


def _reads_as_percent(text: str, vocab: Vocab) -> bool:
    s = to_simplified(text)
    if len(s) > 30:
        return False
    if _PERCENT.search(s):
        return True
    return any(p in s for words in vocab.status.values() for p in words)


# ---------------------------------------------------------------- grid tables
# Tables read by structure: a header (one line, several lines, or pasted one
# fragment per line) followed by rows that are rebuilt cell by cell
# (`grid.build_items`). Two readers: `find_line_table` for one row per line
# (cells split by |, tab, comma or spaces; wrapped rows joined; unnumbered
# sub-indicator rows kept under their item) and `find_cell_stream` for a table
# pasted one cell per line or per paragraph.


@dataclass
class GridTable:
    """A table a grid reader found: its columns, rows and the lines it used."""
    layout: str                   # "table" or "pasted"
    delimiter: str                # "|", "\t", ",", " " or "cell" (one cell per line or paragraph)
    header_lines: list[int]       # 0-based
    columns: list[Column]
    rows: list[GridRow]
    end: int                      # 0-based index of the first line after the table
    header: bool = True           # False: no header line, the columns were named by their content
    widest: int = 0               # the most cells a row had as read (pasted tables)


def _split_line(line: str, delim: str) -> list[str]:
    if delim == " ":
        return join_spaced_letters(line.split())
    return split_cells(line, delim)


def join_spaced_letters(fragments: list[str]) -> list[str]:
    """Join letter-spaced words split by a space table: a run of two or more
    lone Han characters (``乡 镇``, ``合 计``, ``备 注``) is one word, written with
    a space between its characters to widen a short cell."""
    out: list[str] = []
    run: list[str] = []
    for frag in fragments + [""]:
        if len(frag) == 1 and _HAN.match(frag):
            run.append(frag)
            continue
        if run:
            out.extend(["".join(run)] if len(run) >= 2 else run)
            run = []
        if frag:
            out.append(frag)
    return out


def _units_line(line: str, vocab: Vocab) -> bool:
    """A header line of units in brackets only: （户） （户） （%）."""
    frags = line.split()
    return bool(frags) and all(
        (m := _BRACKETED.match(f)) is not None and (unit_of(m.group(1), vocab) or m.group(1) in "%\uff05")
        for f in frags)


def _display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _with_units(header: list[str], units_line: str, first_row: str) -> list[str]:
    """The header cells with the units a line below writes under them, one per
    column from the column its indentation stands under (the first data row's
    cells give the column positions: spaces between header words are unreliable)."""
    units = units_line.split()
    indent = _display_width(units_line[:len(units_line) - len(units_line.lstrip())])
    starts = [_display_width(first_row[:m.start()]) for m in _CELL_START.finditer(first_row)]
    if indent:
        k = min(range(len(starts)), key=lambda j: abs(starts[j] - indent)) if starts else 0
    else:  # written from the margin: the units stand over the first figures after the row's name
        cells = _split_line(first_row, " ")
        named = [j for j, c in enumerate(cells) if _HAN.search(c)]
        k = next((j for j, c in enumerate(cells) if named and j > named[0] and _DIGIT.match(c)), 0)
    k = max(0, min(k, len(header) - len(units)))
    return [name + units[j - k] if 0 <= j - k < len(units) else name for j, name in enumerate(header)]


def _has_cells(line: str, delim: str) -> bool:
    if delim == " ":
        return len(line.split()) >= 2
    return count_delimiters(line, delim) >= 1


def _header_block(lines: list[str], i: int, delim: str) -> list[int]:
    """The lines of a header starting at `i`: later lines that are header-like too."""
    block = [i]
    j = i + 1
    while j < len(lines) and len(block) < 3:
        line = lines[j]
        if not line.strip() or MD_SEPARATOR.match(line) or not _has_cells(line, delim) and delim != " ":
            break
        cells = _split_line(line, delim)
        if not cells or item_number(cells[0]) or not all(is_header_like(c) for c in cells):
            break
        if len([c for c in cells if c.strip()]) < 2:
            break  # a group heading row (一、交通项目), not a header line
        if delim == " " and len(cells) < 2:
            break
        block.append(j)
        j += 1
    return block


def _data_width(lines: list[str], start: int, delim: str) -> tuple[int | None, int | None]:
    """(first data line, most common cell count) of the rows after a header;
    when rows are numbered, the count of the lines that open one (the rest of a
    hard-wrapped row holds fewer cells)."""
    counts = []
    numbered: list[int] = []
    first = heading = None
    for j in range(start, min(len(lines), start + 12)):
        line = lines[j]
        if not line.strip() or MD_SEPARATOR.match(line):
            continue
        if not _has_cells(line, delim):
            if first is None and heading is None and _is_marked_heading(line):
                heading = j  # the table opens with a group heading on a line of its own (一、产业发展)
                continue
            if first is None:
                return None, None
            continue
        cells = _split_line(line, delim)
        if _is_heading(cells):
            continue  # a group heading row (一、交通项目)
        if first is None:
            if not _DIGIT.search(line):
                return None, None
            first = j
        counts.append(len(cells))
        if row_number(cells[0]) is not None:
            numbered.append(len(cells))
    if first is None:
        return None, None
    if len(numbered) >= 2:
        counts = numbered
    while first > start and _is_heading(_split_line(lines[first - 1], delim)) and _has_cells(lines[first - 1], delim):
        first -= 1  # the table opens with a group heading
    if heading is not None:
        first = min(first, heading)
    return first, max(set(counts), key=lambda c: (counts.count(c), c))


def _names_units(cells: list[str], vocab: Vocab) -> bool:
    """A line above a table with a cell such as ``单位：万元`` states its units: it is
    no header row (填报单位：某局 | 单位：万元)."""
    cues = tuple(vocab.tables.get("unit_line", []))
    return bool(cues) and any(to_simplified(c.strip()).startswith(cues) for c in cells)


def _is_marked_heading(line: str) -> bool:
    """A line of its own naming a group, opened by an outline marker (一、 （一）):
    a title above a table has no marker."""
    marker = match_marker(line.strip())
    return bool(marker) and marker.kind in ("cn", "cn_paren") and _is_heading([line.strip(), ""])


def _is_group_row(cells: list[str]) -> bool:
    """A row of a numbered table naming a group by a Chinese numeral (一 | 产业项目 |
    | 289000 | …): its figures are the group's subtotals, its items follow."""
    if len(cells) < 2 or not _HAN.search(cells[1]) or item_number(cells[1]) is not None:
        return False
    return numeral_label(cells[0]) > 0


def _is_heading(cells: list[str]) -> bool:
    """A row naming a group of items (一、交通项目): one filled cell of text."""
    filled = [c.strip() for c in cells if c.strip()]
    return len(filled) == 1 and len(cells) >= 2 and not _DIGIT.search(filled[0][-1:]) \
        and item_number(filled[0]) is None and bool(_HAN.search(filled[0]))


_ANCHOR_ROLES = {"task", "target", "actual", "progress", "percent"}


def find_line_table(lines: list[str], vocab: Vocab, start: int = 0) -> GridTable | None:
    """The first table at or after `start` whose rows are lines (CSV records
    whose quoted cells hold line breaks count as one line each)."""
    records = CsvRecords.of(lines, start)
    for i in range(start, len(lines)):
        line = lines[i]
        if not line.strip() or MD_SEPARATOR.match(line):
            continue
        for delim in DELIMITERS + (" ",):
            if delim == "," and records is not None:
                if i in records.at:
                    grid = _table_at(records.lines, records.at[i], ",", vocab)
                    if grid:
                        return records.in_lines(grid)
                continue
            grid = _table_at(lines, i, delim, vocab)
            if grid:
                return grid
    return None


def _table_at(lines: list[str], i: int, delim: str, vocab: Vocab) -> GridTable | None:
    """The table whose header starts at line `i`, its cells split by `delim`, if any."""
    line = lines[i]
    if delim == " " and (count_delimiters(line, "|") or "\t" in line):
        return None
    if delim != " " and count_delimiters(line, delim) < 1:
        return None
    cells = _split_line(line, delim)
    if len([c for c in cells if c.strip()]) < (3 if delim in (" ", ",") else 2):
        return None
    if not all(is_header_like(c) for c in cells) or _names_units(cells, vocab):
        return None
    wrapped = _wrapped_header(lines, i, delim)
    block = wrapped or _header_block(lines, i, delim)
    first, width = _data_width(lines, block[-1] + 1, delim)
    if first is None or width is None or width < 2:
        return None
    header_rows = ([_split_line("".join(_join_raw_all([lines[k].strip() for k in block], delim)), delim)]
                   if wrapped else [_split_line(lines[k], delim) for k in block])
    if delim == " " and len(block) == 2 and _units_line(lines[block[1]], vocab):
        header_rows = [_with_units(header_rows[0], lines[block[1]], lines[first])]
    elif delim == " " and len(block) == 1 and any(len(c) == 1 for c in lines[i].split()):
        # 序 号 / 项目 名称: a header written with spaces inside its cells; letter-spaced
        # words are joined already, so only halves naming one role join now
        header_rows = [merge_fragments(header_rows[0], vocab, same_role_only=True)]
    columns = merge_header_lines(header_rows, width, vocab)
    assign_roles(columns, vocab, lambda t: unit_of(t, vocab))
    roles = {c.role for c in columns if c.role}
    known = sum(c.role is not None for c in columns)
    if len(roles) < 2 or not roles & _ANCHOR_ROLES or known * 2 < len(columns):
        return None
    if delim == "," and "|" in line:
        return None
    rows, end = _read_line_rows(lines, first, delim, len(columns), "item_no" in roles, vocab)
    if not rows or delim == " " and len(rows) < (2 if len(roles) >= 4 else 3):
        return None  # spaces split prose too: a space table needs rows, or a header of many roles
    return GridTable("table", delim, block, columns, rows, end)


@dataclass
class CsvRecords:
    """CSV text whose quoted cells hold line breaks, one record per line: what
    the line reader reads, and where each record stands in the input lines."""
    lines: list[str]
    spans: list[tuple[int, int]]          # record -> (first, last) input line index
    at: dict[int, int]                    # input line index that starts a record -> record

    #: input lines one quoted cell may run over
    MAX_LINES = 20

    @classmethod
    def of(cls, lines: list[str], start: int = 0) -> "CsvRecords | None":
        """The records of `lines` from index `start` on (a table reader looks only
        forward), or None when no quoted cell breaks a line."""
        if not any(lines[k].count('"') % 2 for k in range(start, len(lines))):
            return None
        out: list[str] = []
        spans: list[tuple[int, int]] = []
        i = start
        while i < len(lines):
            text, last = lines[i], i
            # an odd number of quotes leaves a cell open: the next line goes on in it
            while text.count('"') % 2 and last + 1 < len(lines) and last - i < cls.MAX_LINES:
                last += 1
                text += lines[last].strip()
            if text.count('"') % 2:
                text, last = lines[i], i  # a stray quote: the line alone
            out.append(text)
            spans.append((i, last))
            i = last + 1
        return cls(out, spans, {first: k for k, (first, _) in enumerate(spans)})

    def in_lines(self, grid: GridTable) -> GridTable:
        """`grid` read from the records, with line numbers of the input lines."""
        first = [a for a, _ in self.spans]
        header = [n for k in grid.header_lines for n in range(self.spans[k][0], self.spans[k][1] + 1)]
        for row in grid.rows:
            for r in [row, *row.subs]:
                r.line_start, r.line_end = first[r.line_start - 1] + 1, self.spans[r.line_end - 1][1] + 1
        end = self.spans[grid.end][0] if grid.end < len(self.spans) else self.spans[-1][1] + 1
        return replace(grid, header_lines=header, end=end)


def _read_line_rows(lines: list[str], first: int, delim: str, ncols: int, numbered: bool,
                    vocab: Vocab) -> tuple[list[GridRow], int]:
    rows: list[GridRow] = []
    raw: list[str] = []
    prev_no: tuple[int, ...] | None = None
    i = first
    while i < len(lines):
        line = lines[i]
        if not line.strip():
            nxt = next((j for j in range(i + 1, min(len(lines), i + 3)) if lines[j].strip()), None)
            if nxt is not None and _has_cells(lines[nxt], delim) and \
                    len(_split_line(lines[nxt], delim)) >= max(2, ncols - 2):
                i += 1
                continue
            break
        if MD_SEPARATOR.match(line):
            i += 1
            continue
        cells = _split_line(line, delim) if _has_cells(line, delim) else [line.strip()]
        last = rows[-1] if rows else None
        if last is not None and not any(c.strip() for c in cells):
            last.line_end = i + 1  # a lone delimiter: the end of a wrapped row
            i += 1
            continue
        if numbered and not _has_cells(line, delim) and _is_marked_heading(line):
            nxt = next((j for j in range(i + 1, min(len(lines), i + 3)) if lines[j].strip()), None)
            if nxt is not None and _has_cells(lines[nxt], delim) and \
                    _opens_numbering(row_number(_split_line(lines[nxt], delim)[0])):
                rows.append(GridRow([line.strip()], i + 1, i + 1, heading=True))  # numbering starts again
                raw.append(line.strip())
                prev_no = None
                i += 1
                continue
        if _is_heading(cells) and (last is None or len(last.cells) >= ncols - 1 or delim != " ") or \
                numbered and _is_group_row(cells):
            nxt = next((j for j in range(i + 1, min(len(lines), i + 3)) if lines[j].strip()), None)
            if nxt is not None and _has_cells(lines[nxt], delim):
                rows.append(GridRow(cells, i + 1, i + 1, heading=True))
                raw.append(line.strip())
                prev_no = None  # numbering may start again under each group
                i += 1
                continue
        no = row_number(cells[0])
        # a row that opened with a pipe and did not close with one was cut inside a cell
        cut = delim == "|" and bool(raw) and raw[-1].startswith(tuple(_PIPES)) and not raw[-1].endswith(tuple(_PIPES))
        incomplete = last is not None and (len(last.cells) < ncols or cut) and delim != " "
        # the next item number; a repeated or skipped one too when the row before is complete
        follows = no is not None and (prev_no is None or _in_sequence(prev_no, no, 1, 3) or (
            not incomplete and _in_sequence(prev_no, no, 0, 20) and len(cells) >= 2))
        if follows and incomplete and last is not None and len(last.cells) + len(cells) - 1 <= ncols and (
                len(cells) < 2 or cell_kind(cells[1], vocab) in ("number", "percent", "item_no", "dash", "status")):
            follows = False  # "6 | 90% |": the wrapped rest of the row above, not item 6
        # a pipe line after a row that closed with a pipe is a row of its own, however
        # many of its (merged or empty) cells it lost; a wrapped row did not close
        opens_row = delim == "|" and bool(raw) and raw[-1].endswith(tuple(_PIPES)) and \
            line.lstrip().startswith(tuple(_PIPES))
        if numbered and follows or (not numbered and len(cells) >= max(2, ncols - 2) and not incomplete) or (
                not numbered and opens_row and sum(1 for c in cells if c.strip()) >= 2):
            rows.append(GridRow(cells, i + 1, i + 1, positional=delim in ("\t", ",")))
            raw.append(line.strip())
            prev_no = no or prev_no
        elif numbered and last is not None and is_total(next((c for c in cells if c.strip()), ""), vocab):
            rows.append(GridRow(cells, i + 1, i + 1))  # a total row after the items
            raw.append(line.strip())
        elif incomplete and last is not None:
            joined = _join_raw(raw[-1], line.strip(), delim)
            raw[-1] = joined
            last.cells = _split_line(joined, delim)
            last.line_end = i + 1
        elif numbered and last is None and not cells[0].strip() and len(cells) >= ncols - 1:
            rows.append(GridRow(cells, i + 1, i + 1, positional=True))  # a total row before item 1
            raw.append(line.strip())
        elif numbered and last is not None and _DIGIT.search(line) and len(cells) >= 2:
            sub = GridRow(cells, i + 1, i + 1)
            (last.subs.append(sub) if not (not cells[0].strip() and len(cells) >= ncols - 1)
             else rows.append(GridRow(cells, i + 1, i + 1, positional=True)))
            if rows[-1] is not last:
                raw.append(line.strip())
        elif numbered and last is not None and not _DIGIT.search(line) and len(line.strip()) <= 30 \
                and _next_row_follows(lines, i, delim, prev_no):
            last.notes.append(line.strip())  # the rest of a name wrapped onto a line of its own
            last.line_end = i + 1
        else:
            break
        i += 1
    for row in rows:
        if delim in ("|", "\t", ",") and not row.heading:
            row.positional = len(row.cells) == ncols
            row.ragged = not row.positional
    return rows, i


def _wrapped_header(lines: list[str], i: int, delim: str) -> list[int] | None:
    """The lines of a header hard-wrapped like its rows: a pipe header that
    opens with | but does not close with it goes on on the next line."""
    if delim != "|":
        return None
    block = [i]
    s = lines[i].strip()
    while s.startswith(tuple(_PIPES)) and not s.endswith(tuple(_PIPES)) and block[-1] + 1 < len(lines) \
            and len(block) < 4:
        nxt = lines[block[-1] + 1].strip()
        if not nxt or item_number(_split_line(nxt, delim)[0]):
            return None
        block.append(block[-1] + 1)
        s = nxt
    return block if len(block) > 1 else None


def _join_raw_all(parts: list[str], delim: str) -> list[str]:
    out = parts[0]
    for p in parts[1:]:
        out = _join_raw(out, p, delim)
    return [out]


def _next_row_follows(lines: list[str], i: int, delim: str, prev_no: tuple[int, ...] | None) -> bool:
    nxt = next((j for j in range(i + 1, min(len(lines), i + 3)) if lines[j].strip()), None)
    if nxt is None or prev_no is None or not _has_cells(lines[nxt], delim):
        return False
    no = row_number(_split_line(lines[nxt], delim)[0])
    return no is not None and _in_sequence(prev_no, no, 1, 1)


_DOTTED_NUMBER = regex.compile(r"^\s*(\d{1,2})[.\uff0e](\d{1,2})\s*$")


def row_number(cell: str) -> tuple[int, ...] | None:
    """The number of a table row: ``7`` is (7,), ``2.3`` is (2, 3), the third item
    of group 2 (a decimal in the item number column is a numbering of two levels).

    >>> row_number("7"), row_number("2.3"), row_number("新建")
    ((7,), (2, 3), None)
    """
    no = item_number(cell)
    if no is not None:
        return (int(no),)
    m = _DOTTED_NUMBER.match(cell)
    return (int(m[1]), int(m[2])) if m else None


def _in_sequence(prev: tuple[int, ...], no: tuple[int, ...], least: int, most: int) -> bool:
    """`no` comes `least` to `most` steps after `prev` in one numbering: 3 after 2;
    2.4 after 2.3; 3.1 after 2.4 (the first item of the next group)."""
    if len(prev) != len(no):
        return False
    if prev[:-1] == no[:-1]:
        return prev[-1] + least <= no[-1] <= prev[-1] + most
    return len(no) == 2 and no[0] == prev[0] + 1 and no[1] <= max(1, least)


def _opens_numbering(no: tuple[int, ...] | None) -> bool:
    """1, or 2.1: the first item of a numbering or of a group in it."""
    return no is not None and no[-1] == 1


def _join_raw(a: str, b: str, delim: str) -> str:
    if delim == " ":
        return a + " " + b
    pipes = _PIPES if delim == "|" else delim
    if a.endswith(tuple(pipes)) and b.startswith(tuple(pipes)):
        b = b[1:]
    return a + b


# ------------------------------------------------------------ cell streams

def _stream_cells(lines: list[str], start: int, end: int, mode: str) -> list[tuple[str, int]]:
    """(text, 0-based line) cells of lines[start:end]. `mode`:
    ``line`` (a blank line is an empty cell), ``paragraph`` (blank lines
    separate cells) or ``pipe`` (each line ends with |; a lone | is empty)."""
    out: list[tuple[str, int]] = []
    for i in range(start, end):
        s = lines[i].strip()
        if mode == "pipe":
            if not s:
                continue
            if s.endswith(tuple(_PIPES)):
                s = s[:-1].strip()
            out.append((s, i))
        elif mode == "paragraph" and s and i > start and lines[i - 1].strip() and out:
            # a paragraph over several lines is one cell: a wrapped line is glued, a list keeps its lines
            glue = "\n" if match_marker(s) or out[-1][0].endswith(_SENTENCE_END) else ""
            out[-1] = (out[-1][0] + glue + s, out[-1][1])
        elif s or mode == "line":
            out.append((s, i))
    return out


def _stream_mode(lines: list[str], start: int) -> str:
    window = [lines[i].strip() for i in range(start, min(len(lines), start + 60))]
    filled = [k for k, s in enumerate(window) if s]
    if not filled:
        return "line"
    if sum(window[k].endswith(tuple(_PIPES)) for k in filled) * 3 >= len(filled) * 2:
        return "pipe"
    followed = sum(1 for k in filled if k + 1 < len(window) and not window[k + 1])
    return "paragraph" if followed * 3 >= len(filled) * 2 else "line"


def _ends_table(text: str, vocab: Vocab) -> bool:
    s = to_simplified(text.strip())
    return s.startswith(tuple(vocab.tables.get("table_end", [])))


def find_cell_stream(lines: list[str], vocab: Vocab, start: int = 0) -> GridTable | None:
    """The first table at or after `start` pasted one cell per line or paragraph:
    header fragments, then the item number 1, then the cells of each row."""
    for r in range(start, len(lines)):
        s = lines[r].strip().rstrip("".join(_PIPES)).strip()
        if item_number(s) != "1" or r == 0:
            continue
        mode = _stream_mode(lines, max(start, r - 30))
        k = r - 1
        first_cell = r
        while k >= start and not lines[k].strip():
            k -= 1
        heading = lines[k].strip() if k >= start else ""
        marker = match_marker(heading) if heading else None
        if marker and marker.kind in ("cn", "cn_paren"):
            first_cell = k  # the first group's heading (一、就业增收) opens the rows
            k -= 1
        frags = _fragments_above(lines, k + 1, start, mode, worded=True)
        # a header starts at its item-number cell (序号), not at the title above it
        firsts = [n for n, (t, _) in enumerate(frags) if header_role(t, vocab)[0] == "item_no"]
        if firsts:
            frags = frags[firsts[-1]:]
        if len(frags) < 2:
            continue
        names = merge_fragments([t for t, _ in frags], vocab)
        columns = assign_roles([Column(n) for n in names], vocab, lambda t: unit_of(t, vocab))
        roles = {c.role for c in columns if c.role}
        if len(roles) < 2 or not roles & _ANCHOR_ROLES:
            continue
        cells = _stream_cells(lines, first_cell, len(lines), mode)
        at = next((n for n, (_, i) in enumerate(cells) if i == r), 0)
        if len(cells) < at + 2 or cell_kind(cells[at + 1][0], vocab) not in ("text", "office", "quantity"):
            continue
        rows, end = _stream_rows(cells, len(columns), vocab, len(lines))
        if len(rows) < 1:
            continue
        widths = [len(row.cells) for row in rows if not row.heading]
        full = [w for w in widths if widths.count(w) >= 2] or widths
        width = max(full) if full else len(columns)
        if len(columns) < width <= len(frags) and width == max(set(widths), key=widths.count):
            # the rows show more columns than the header was read as (rows lose cells, they never
            # gain whole columns): split the fragments into that many cells
            names = merge_fragments([t for t, _ in frags], vocab, width)
            columns = assign_roles([Column(n) for n in names], vocab, lambda t: unit_of(t, vocab))
            for row in rows:
                row.positional = len(row.cells) == width and not row.heading
        widest = max((len(row.cells) for row in rows), default=0)
        end = _trim_last_row(rows, cells, len(columns), end)
        return GridTable("pasted", "cell", [i for _, i in frags], columns, rows, end, widest=widest)
    return None


def _stream_rows(cells: list[tuple[str, int]], ncols: int, vocab: Vocab,
                 nlines: int) -> tuple[list[GridRow], int]:
    rows: list[GridRow] = []
    prev = 0
    end = nlines
    current: list[tuple[str, int]] = []

    def close() -> None:
        while current and not current[-1][0]:
            current.pop()
        if current and not (len(rows) and rows[-1].heading and rows[-1].line_start - 1 == current[0][1]):
            rows.append(GridRow([t for t, _ in current], current[0][1] + 1, current[-1][1] + 1, positional=True))

    blanks = 0
    for n, (text, line) in enumerate(cells):
        blanks = 0 if text else blanks + 1
        if blanks >= 2 and current and len(current) + 1 < ncols and _row_follows(cells, n + 1, ncols, prev):
            current.append((text, line))  # empty cells of a row the next item number shows goes on
            continue
        if text and (_ends_table(text, vocab) or count_delimiters(text, "|") >= 2 or "\t" in text) or blanks >= 2:
            end = line  # a note, a row of another table, or two blank lines end the cells of this one
            break
        no = item_number(text)
        nxt = next((t for t, _ in cells[n + 1:] if t), "")
        if no is not None and prev < int(no) <= prev + 2 and cell_kind(nxt, vocab) in ("text", "office", "quantity"):
            close()
            current = [(text, line)]
            prev = int(no)
            continue
        marker = match_marker(text) if text else None
        if marker and marker.kind in ("cn", "cn_paren") and item_number(nxt) in ("1", str(prev + 1)) \
                and len(text) <= 30:
            close()  # a group heading between rows (一、就业增收): the category of the rows below
            current = []
            rows.append(GridRow([text], line + 1, line + 1, heading=True))
            prev = 0 if item_number(nxt) == "1" else prev
            continue
        if current and len(current) >= ncols + 2 and text and cell_kind(text, vocab) == "text" and len(text) > 30:
            end = line
            break
        if current:
            current.append((text, line))
    else:
        end = nlines
    close()
    for row in rows:
        row.positional = len(row.cells) == ncols and not row.heading
    return rows, end


def _row_follows(cells: list[tuple[str, int]], at: int, ncols: int, prev: int) -> bool:
    """The next item number (prev + 1) opens a row within the next `ncols` cells."""
    return any(item_number(t) == str(prev + 1) for t, _ in cells[at:at + ncols] if t)


def _trim_last_row(rows: list[GridRow], cells: list[tuple[str, int]], ncols: int, end: int) -> int:
    """Nothing closes the last row of a pasted table but what follows the
    table (a title, a note): it keeps one row's worth of cells. Returns the
    new end of the table."""
    last = rows[-1] if rows else None
    if last is None or last.heading or len(last.cells) <= ncols:
        return end
    lines = [line for _, line in cells]
    first_out = cells[lines.index(last.line_start - 1) + ncols][1]
    last.cells = last.cells[:ncols]
    last.line_end = max(line + 1 for text, line in cells if last.line_start - 1 <= line < first_out and text)
    return first_out


_FIGURES = {"number", "percent", "quantity", "item_no"}


def find_table_by_structure(lines: list[str], vocab: Vocab, start: int = 0) -> GridTable | None:
    """A table no header word announces: three or more rows numbered 1, 2, 3
    in sequence whose cells repeat one pattern of kinds. The line above the
    first row, when it reads as a header, names the columns; roles then come
    from header words where known and from the cells' content."""
    for i in range(start, len(lines)):
        if not lines[i].lstrip(" \t|\uff5c(\uff08").startswith("1"):
            continue  # only a row numbered 1 opens such a table
        for delim in ("|", "\t", " "):
            if delim == " " and (count_delimiters(lines[i], "|") or "\t" in lines[i]):
                continue
            if not _has_cells(lines[i], delim):
                continue
            cells = _split_line(lines[i], delim)
            if item_number(cells[0]) != "1" or len(cells) < (4 if delim == " " else 3):
                continue
            if delim == " " and not cells[0].strip().rstrip("*").isdigit():
                continue  # "1. 完成…" with spaces is an outline item, not a row
            if not {cell_kind(c, vocab) for c in cells[1:]} & _FIGURES:
                continue  # a table row reports figures
            run = _numbered_run(lines, i, delim, len(cells), vocab)
            if len(run) < 3:
                continue
            width = max(set(len(_split_line(lines[k], delim)) for k in run),
                        key=lambda w: sum(len(_split_line(lines[k], delim)) == w for k in run))
            header_line = next((k for k in range(i - 1, max(start, i - 3) - 1, -1) if lines[k].strip()), None)
            header_cells = _split_line(lines[header_line], delim) if header_line is not None and _has_cells(
                lines[header_line], delim) else None
            first = i
            if header_cells and all(is_header_like(c) for c in header_cells) and abs(len(header_cells) - width) <= 1:
                columns = assign_roles([Column(c) for c in header_cells], vocab, lambda t: unit_of(t, vocab))
                block = [header_line]
            else:
                if header_line is not None and not _has_cells(lines[header_line], delim) and \
                        _is_marked_heading(lines[header_line]):
                    first = header_line  # the table opens with a group heading
                columns = [Column(f"column{j + 1}", source="none") for j in range(width)]
                block = []
            if not columns[0].role:
                columns[0].role, columns[0].source = "item_no", "content"
            rows, end = _read_line_rows(lines, first, delim, len(columns), True, vocab)
            if len(rows) < 3:
                continue
            return GridTable("table", delim, block or [first], columns, rows, end, header=bool(block))
    return None


def _numbered_run(lines: list[str], i: int, delim: str, width: int, vocab: Vocab) -> list[int]:
    """Lines from `i` on whose first cells number 1, 2, 3... with the same
    pattern of cell kinds and about the same number of cells."""
    run = [i]
    expected = 2
    pattern = [cell_kind(c, vocab) for c in _split_line(lines[i], delim)][1:]
    for k in range(i + 1, min(len(lines), i + 400)):
        if not lines[k].strip():
            continue
        if not _has_cells(lines[k], delim):
            break
        cells = _split_line(lines[k], delim)
        no = item_number(cells[0])
        if no is None:
            continue  # a sub-row or a wrapped line
        if int(no) != expected:
            break
        kinds = [cell_kind(c, vocab) for c in cells][1:]
        same = sum(a == b for a, b in zip(kinds, pattern))
        if abs(len(cells) - width) > 1 or same * 3 < min(len(kinds), len(pattern)) * 2:
            break
        run.append(k)
        expected += 1
    return run


def find_stream_by_structure(lines: list[str], vocab: Vocab, start: int = 0) -> GridTable | None:
    """A table pasted one cell per line or paragraph that no header word
    announces: three or more rows, each opened by the next item number, of
    one width and one pattern of cell kinds. Header fragments above the
    first row name the columns when they make exactly that many cells."""
    for r in range(start, len(lines)):
        if item_number(lines[r].strip().rstrip("".join(_PIPES)).strip()) != "1":
            continue
        mode = _stream_mode(lines, r)
        cells = _stream_cells(lines, r, len(lines), mode)
        if len(cells) < 2 or cell_kind(cells[1][0], vocab) not in ("text", "office", "quantity"):
            continue
        rows, end = _stream_rows(cells, 0, vocab, len(lines))
        rows = [row for row in rows if not row.heading]
        widths = [len(row.cells) for row in rows]
        if len(rows) < 3:
            continue
        width = max(set(widths), key=widths.count)
        same = [row for row in rows if len(row.cells) == width]
        if width < 3 or len(same) * 3 < len(rows) * 2:
            continue
        patterns = [tuple(cell_kind(c, vocab) for c in row.cells[1:]) for row in same]
        top = max(set(patterns), key=patterns.count)
        if patterns.count(top) * 3 < len(patterns) * 2 or not set(top) & _FIGURES:
            continue
        found = _fragments_above(lines, r, start, mode)
        names, block = [t for t, _ in found], [i for _, i in found]
        if names:
            names = merge_fragments(names, vocab, width)
        if len(names) == width:
            columns = assign_roles([Column(n) for n in names], vocab, lambda t: unit_of(t, vocab))
        else:
            columns, block = [Column(f"column{j + 1}", source="none") for j in range(width)], []
        if not columns[0].role:
            columns[0].role, columns[0].source = "item_no", "content"
        return GridTable("pasted", "cell", block or [r], columns, rows, end, header=bool(block))
    return None


def _fragments_above(lines: list[str], r: int, start: int, mode: str,
                     worded: bool = False) -> list[tuple[str, int]]:
    """Short header-like cells right above line `r` (not before `start`), top
    first, with their lines; `worded`: each holds a word or a number, or is a
    bare percent note ((%))."""
    out: list[tuple[str, int]] = []
    k = r - 1
    while k >= start and len(out) < 24:
        t = lines[k].strip()
        if mode == "pipe" and t.endswith(tuple(_PIPES)):
            t = t[:-1].strip()
        if not t:
            if mode == "line" and out:
                break
            k -= 1
            continue
        if not is_header_like(t) or len(t) > 12 or worded and not _HAN.search(t) and not _DIGIT.search(t) \
                and t not in ("(%)", "\uff08%\uff09", "%"):
            break
        out.append((t, k))
        k -= 1
    out.reverse()
    return out
