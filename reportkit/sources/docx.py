"""Word documents (.docx): paragraphs and tables in document order.

`render_docx` renders a document as text lines (`sources.Rendered`): each
paragraph a line, with the number Word's list numbering draws before it (一、
(一) 1. are often not in the text: they come from the numbering definitions,
counted as Word counts them), so a Word report reads like its text version;
each table one line per row, its cells in place: a cell spanning columns
(`gridSpan`) fills each, a cell merged down (`vMerge`) gives its text to the
rows it covers; rows marked to repeat as a header (`tblHeader`), or else the
leading rows without a number, are the header rows.
"""
from __future__ import annotations

import io

import regex

from ..errors import InputError
from ..markers import cn_numeral
from . import CELL_BREAK, SEP, Rendered, TableSketch, leading_rows_without_digits, require, row_text

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_LEVEL_REF = regex.compile(r"%([1-9])")


def render_docx(data: bytes, source: str | None = None) -> Rendered:
    """The document `data` as lines, and where its tables are."""
    docx = require("docx", "word", "Word", source)
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as e:      # a damaged or encrypted document: the library's reason
        raise InputError(f"cannot read this Word document: {e}", source=source) from None
    numbering = _Numbering(document)
    lines: list[str] = []
    tables: list[TableSketch] = []
    for child in document.element.body.iterchildren():
        if child.tag == _W + "p":
            text = numbering.prefix(child) + _text(child)
            if text.strip():
                lines.append(" ".join(text.split()))
        elif child.tag == _W + "tbl":
            grid, header = _table(child)
            if len(grid) < 2 or max(map(len, grid), default=0) < 2:
                lines += [row_text(row) for row in grid if any(row)]
                continue
            first = len(lines) + 1
            lines += [SEP.join(row) for row in grid]
            how = [f"a Word table of {len(grid)} rows and {len(grid[0])} columns, {header} header "
                   f"row{'s' if header != 1 else ''}, merged cells (gridSpan, vMerge) expanded"]
            tables.append(TableSketch(first, len(grid), header, "docx", how))
    return Rendered(lines, tables, "docx")


def _text(p) -> str:
    """A paragraph's text: its runs, a tab as a space, a line break as a space."""
    out = []
    for el in p.iter(_W + "t", _W + "tab", _W + "br", _W + "cr"):
        out.append(el.text or "" if el.tag == _W + "t" else " ")
    return "".join(out)


def _cell_text(tc) -> str:
    paragraphs = [_text(p).strip() for p in tc.iter(_W + "p")]
    return CELL_BREAK.join(p for p in paragraphs if p).replace(SEP, " ")


def _table(tbl) -> tuple[list[list[str]], int]:
    """The grid of a table (merged cells expanded) and its number of header rows."""
    grid: list[list[str]] = []
    marked = 0
    for r, tr in enumerate(tbl.iterchildren(_W + "tr")):
        row: list[str] = []
        for tc in tr.iterchildren(_W + "tc"):
            props = tc.find(_W + "tcPr")
            span = props.find(_W + "gridSpan") if props is not None else None
            merge = props.find(_W + "vMerge") if props is not None else None
            width = int(span.get(_W + "val", "1")) if span is not None else 1
            text = _cell_text(tc)
            if merge is not None and merge.get(_W + "val", "continue") != "restart" and grid:
                col = len(row)
                above = grid[-1]
                text = above[col] if col < len(above) else text
            row += [text] * max(1, width)
        if len(list(tr.iterchildren(_W + "tc"))) == 1 and len(row) > 1:
            row = [row[0]] + [""] * (len(row) - 1)             # a group heading across the table: said once
        grid.append(row)
        props = tr.find(_W + "trPr")
        if props is not None and props.find(_W + "tblHeader") is not None and marked == r:
            marked += 1
    width = max(map(len, grid), default=0)
    grid = [row + [""] * (width - len(row)) for row in grid]
    header = marked
    if not header:
        header = leading_rows_without_digits(grid)
        header = header if header < len(grid) - 1 else 0
    return grid, header


class _Numbering:
    """Word's list numbering: the number each numbered paragraph is drawn with."""

    def __init__(self, document) -> None:
        self.levels: dict[tuple[str, int], tuple[str, str, int]] = {}   # (numId, ilvl) -> (format, text, start)
        self.counters: dict[str, list[int]] = {}
        self.abstract_of: dict[str, str] = {}
        self.style_num: dict[str, tuple[str | None, int]] = {}   # a paragraph style's numbering (List Number)
        try:
            styles = {s.get(_W + "styleId"): s for s in document.part.styles.element.iterchildren(_W + "style")}
        except (KeyError, NotImplementedError, AttributeError):
            styles = {}
        for sid in styles:
            seen, style = set(), styles.get(sid)
            while style is not None and style.get(_W + "styleId") not in seen:
                seen.add(style.get(_W + "styleId"))
                num = style.find(f"{_W}pPr/{_W}numPr")
                if num is not None:
                    nid, lvl = num.find(_W + "numId"), num.find(_W + "ilvl")
                    self.style_num[sid] = (nid.get(_W + "val") if nid is not None else None,
                                           int(lvl.get(_W + "val")) if lvl is not None else 0)
                    break
                based = style.find(_W + "basedOn")
                style = styles.get(based.get(_W + "val")) if based is not None else None
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
        for a in root.iterchildren(_W + "abstractNum"):
            lv = {}
            for lvl in a.iterchildren(_W + "lvl"):
                fmt = lvl.find(_W + "numFmt")
                txt = lvl.find(_W + "lvlText")
                start = lvl.find(_W + "start")
                lv[int(lvl.get(_W + "ilvl", "0"))] = (fmt.get(_W + "val") if fmt is not None else "decimal",
                                                     txt.get(_W + "val") if txt is not None else "",
                                                     int(start.get(_W + "val")) if start is not None else 1)
            abstract[a.get(_W + "abstractNumId")] = lv
        for num in root.iterchildren(_W + "num"):
            ref = num.find(_W + "abstractNumId")
            if ref is None:
                continue
            aid = ref.get(_W + "val")
            self.abstract_of[num.get(_W + "numId")] = aid
            for ilvl, spec in abstract.get(aid, {}).items():
                self.levels[(num.get(_W + "numId"), ilvl)] = spec

    def prefix(self, p) -> str:
        """The number drawn before paragraph `p` (with its own punctuation), or ""."""
        props = p.find(_W + "pPr")
        num = props.find(_W + "numPr") if props is not None else None
        style = props.find(_W + "pStyle") if props is not None else None
        num_id, ilvl = self.style_num.get(style.get(_W + "val") if style is not None else "", (None, 0))
        if num is not None:
            nid, lvl = num.find(_W + "numId"), num.find(_W + "ilvl")
            num_id = nid.get(_W + "val") if nid is not None else num_id
            ilvl = int(lvl.get(_W + "val")) if lvl is not None else ilvl
        if num_id is None:
            return ""
        spec = self.levels.get((num_id, ilvl))
        if spec is None or spec[0] in ("none", "bullet"):
            return ""
        # lists of one abstract definition count together, as Word draws them
        counters = self.counters.setdefault(self.abstract_of.get(num_id, num_id), [0] * 9)
        start = spec[2]
        counters[ilvl] = counters[ilvl] + 1 if counters[ilvl] else start
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = 0
        return _LEVEL_REF.sub(lambda m: self._format(num_id, int(m[1]) - 1, counters), spec[1])

    def _format(self, num_id: str, level: int, counters: list[int]) -> str:
        fmt = self.levels.get((num_id, level), ("decimal", "", 1))[0]
        n = counters[level] or self.levels.get((num_id, level), ("decimal", "", 1))[2]
        if fmt.startswith(("chineseCounting", "ideograph", "taiwaneseCounting", "japaneseCounting")):
            return cn_numeral(n)
        if fmt == "upperLetter":
            return chr(ord("A") + (n - 1) % 26)
        if fmt == "lowerLetter":
            return chr(ord("a") + (n - 1) % 26)
        return str(n)
