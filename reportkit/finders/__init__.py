"""Stage 5a: find the tables of a document by their structure.

Each finder looks at the whole document once and returns the tables it sees
as `RawTable`s (header rows and body rows of cells with their input lines).
None needs a known header word or item numbers: they judge structure
(consistent cell counts, a repeating sequence of cell kinds, columns of
figures). The finders sit in one registry, `FINDERS`, as ftfy keeps its
fixes; `find_tables` runs each once and keeps, where two claim the same
lines, the table that reads more of them as cells.

=============  ===========================================================
finder         what it reads
=============  ===========================================================
delimited      rows on lines, cells split by ``|`` (or ``｜``), tabs or
               commas (quoted CSV records over several lines), Markdown
               tables; rows hard-wrapped over lines joined again
stream         one cell per line or per paragraph (a web table pasted),
               cells maybe ending in `` |`` with a lone ``|`` for an empty
               cell; rows opened by item numbers in sequence, or by a name
               followed by its figures
spaced         rows on lines with cells split by spaces (an HTML table
               flattened, a PDF page), cells of a row aligned with a header
one_line       a whole table flattened onto one line: its tokens read as a
               cell stream, rows found by their repeating pattern
paired         a two-column table flattened one row per line: a numbered
               task (its target in its words), a space, its progress
=============  ===========================================================
"""
from __future__ import annotations

import bisect
from typing import Callable

from ..rawtable import RawTable
from ..vocab import Vocab
from .delimited import find_delimited
from .paired import find_paired
from .spaced import find_spaced
from .stream import find_one_line, find_streams
from ..tuning import CUT_MIN_ROWS

Finder = Callable[[list[str], Vocab], list[RawTable]]

#: the table finders, by name: each takes the Simplified lines and the vocabulary
FINDERS: dict[str, Finder] = {
    "delimited": find_delimited,
    "stream": find_streams,
    "spaced": find_spaced,
    "one_line": find_one_line,
    "paired": find_paired,
}


def _cells(t: RawTable) -> int:
    return sum(1 for row in t.body for c in row if c.text)




def _cut_last_row(t: RawTable, lines: list[str]) -> None:
    """When the text ends inside a table's last row, that row is cut: it is set
    aside (`RawTable.cut`), never read as an item. It shows by the pipe that
    does not close it where the rows close theirs, or by its being shorter than
    the rows before it, which all have one width."""
    if len(t.body) < CUT_MIN_ROWS + 1:
        return  # too few rows to tell a cut row from one that lost empty cells
    row = t.body[-1]
    text = lines[row[-1].loc.line_end - 1].rstrip()
    closing = [lines[r[-1].loc.line_end - 1].rstrip().endswith(("|", "\uff5c")) for r in t.body[:-1]]
    unclosed = t.found_by == "delimited" and sum(closing) * 4 >= len(closing) * 3 and not text.endswith(("|", "\uff5c"))
    widths = [len(r) for r in t.body[:-1] if len(r) > 1]
    top = max(set(widths), key=widths.count) if widths else 0
    # rows of one width, every one of them: they keep their empty cells, and a shorter last row was cut
    short = widths.count(top) == len(widths) and 1 < len(row) < top
    if unclosed or short:
        t.cut = t.body.pop()


def find_tables(lines: list[str], vocab: Vocab, finders: dict[str, Finder] | None = None) -> list[RawTable]:
    """Every table of `lines`, in document order, no two sharing a line.

    Each finder runs once over the whole text; where tables of two finders
    overlap, the one whose body holds more filled cells is kept."""
    found = [t for finder in (finders or FINDERS).values() for t in finder(lines, vocab)]
    last = max((n for n, line in enumerate(lines, 1) if line.strip()), default=0)
    for t in found:
        if t.lines[1] == last:
            _cut_last_row(t, lines)
    found.sort(key=lambda t: (-_cells(t), t.lines[0]))
    kept: list[RawTable] = []
    # the line spans taken, disjoint and in order: a new span overlaps one only if it
    # overlaps the last that starts before it ends (a report of many tables stays linear)
    starts: list[int] = []
    ends: list[int] = []
    for t in found:
        a, b = t.lines
        i = bisect.bisect_right(starts, b)
        if i and ends[i - 1] >= a:
            continue
        kept.append(t)
        starts.insert(i, a)
        ends.insert(i, b)
    return sorted(kept, key=lambda t: t.lines[0])
