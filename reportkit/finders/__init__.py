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

from typing import Callable

from ..rawtable import RawTable
from ..vocab import Vocab
from .delimited import find_delimited
from .paired import find_paired
from .spaced import find_spaced
from .stream import find_one_line, find_streams

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


def find_tables(lines: list[str], vocab: Vocab, finders: dict[str, Finder] | None = None) -> list[RawTable]:
    """Every table of `lines`, in document order, no two sharing a line.

    Each finder runs once over the whole text; where tables of two finders
    overlap, the one whose body holds more filled cells is kept."""
    found = [t for finder in (finders or FINDERS).values() for t in finder(lines, vocab)]
    found.sort(key=lambda t: (-_cells(t), t.lines[0]))
    kept: list[RawTable] = []
    taken: list[tuple[int, int]] = []
    for t in found:
        a, b = t.lines
        if any(a <= y and x <= b for x, y in taken):
            continue
        kept.append(t)
        taken.append((a, b))
    return sorted(kept, key=lambda t: t.lines[0])
