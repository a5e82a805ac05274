"""The text around a table that gives its numbers a unit, and `--explain` lines.

`table_context` reads, above a table's header, a unit line (``单位：亿元、个``,
``tables.yaml: unit_line``) and the quantities of the preamble (the prose
between the metadata and the table): a column of bare numbers whose total row
(or column sum) equals a preamble figure, or whose header shares words with
the only figures that say what they count, takes that figure's unit.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import regex

from .clauses import clause_before
from .grid import TableContext, unit_of
from .quantities import extract_quantities
from .vocab import Vocab

_UNIT_SEP = regex.compile(r"[\u3001,\uff0c;\uff1b/\s]+")


@dataclass
class FoundContext:
    context: TableContext
    lines: list[int] = field(default_factory=list)   # 1-based lines read as context (the unit line)


def read_unit_line(text: str, vocab: Vocab) -> list[str] | None:
    """Units listed on a line such as ``单位：亿元、个``, or in a cell of its own
    on a line it shares with other cells (``填报单位：某局 <tab> 单位：万元``), or in
    the cell after a label cell (a form's ``金额单位 | 万元``), or None."""
    line = (text.strip())
    cues = vocab.tables.get("unit_line", [])
    # the cue may open the line, a cell of it, or its last words (… 金额单位: 万元)
    tails = [line[k:] for cue in cues for k in [line.rfind(cue)] if k > 0]
    cells = _CELL_BREAK.split(line)
    # a form's label in a cell and its value in the next (金额单位 | 万元)
    labels = {cue.rstrip(":\uff1a") for cue in cues}
    fields = [cues[0] + value for label, value in zip(cells, cells[1:]) if label.strip() in labels] if cues else []
    for cell in [line, *cells, *tails, *fields]:
        for cue in cues:
            if cell.startswith(cue):
                units = [_without_currency(u, vocab) for u in _UNIT_SEP.split(cell[len(cue):]) if u]
                found = [u for u in units if unit_of(u, vocab)]
                if found and len(found) == len(units):
                    return found
    return None


def _without_currency(unit: str, vocab: Vocab) -> str:
    """新台币千元 -> 千元: the name of a currency before an amount of 元 only says whose 元 they are."""
    for family, words in vocab.units["families"].items():
        if family.startswith("money_"):
            for w in words:
                if unit.startswith(w) and len(unit) > len(w) and unit_of(unit[len(w):], vocab):
                    return unit[len(w):]
    return unit


# cells of a line: tabs, or runs of spaces as a spreadsheet or a PDF leaves them
_CELL_BREAK = regex.compile(r"\t+|\s{2,}")


def table_context(lines: list[str], header: int, start: int, meta_lines: list[int], vocab: Vocab) -> FoundContext:
    """Context of the table whose header starts at line index `header`; the
    preamble runs from `start` to the header, metadata lines excluded."""
    found = FoundContext(TableContext())
    seen = 0
    for i in range(header - 1, max(start, header - 8) - 1, -1):
        if not lines[i].strip():
            continue
        seen += 1
        units = read_unit_line(lines[i], vocab)
        if units:
            found.context.unit_line = units
            found.lines.append(i + 1)
            break
        if seen >= 3:
            break
    meta = set(meta_lines)
    for i in range(start, header):
        if i + 1 in meta or i + 1 in found.lines or not lines[i].strip():
            continue
        text = (lines[i])
        for q in extract_quantities(text, vocab, simplified=True):
            if q.unit and not q.is_percent:
                found.context.preamble.append((q.value, q.unit, clause_before(text, q.start)))
    return found


