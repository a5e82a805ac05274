"""PDF files with a text layer: words with their positions, tables from ruling lines.

`render_pdf` renders a PDF as text lines (`sources.Rendered`) from the words
pdfplumber finds and where they stand: the words of one baseline make a line,
and a gap wider than `COLUMN_GAP` characters between two words becomes a run
of spaces, so that words aligned in columns stay in columns for the text
table finders. A table drawn with ruling lines is taken cell by cell (cells
covered by a merged one take its text), and a table that goes on over the
next page under the same header rows is one table. Lines that repeat at the
same place on most pages (running heads, footers) and page numbers are page
furniture and left out. A PDF without a text layer (a scan) or one that is
encrypted gets a clear message: there is no OCR.
"""
from __future__ import annotations

import io
from collections import Counter

from ..errors import InputError
from ..metadata import is_page_number
from . import SEP, Rendered, TableSketch, leading_rows_without_digits, require

#: points two words on one baseline may differ in height and still share a line
LINE_TOLERANCE = 3.0
#: character widths of empty space between two words that make a column break: Chinese
#: prose puts no space between words, so a gap of a quarter of a character already
#: parts two cells
COLUMN_GAP = 0.25
#: the share of pages a line must repeat on, at the same height, to be a running head or footer
FURNITURE_SHARE = 0.6


def render_pdf(data: bytes, source: str | None = None) -> Rendered:
    """The PDF `data` as lines, and where its ruled tables are."""
    pdfplumber = require("pdfplumber", "pdf", "PDF", source)
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
        pages = list(pdf.pages)
    except Exception as e:      # encrypted or damaged: the library's reason
        name = type(e).__name__
        what = "an encrypted PDF (give the password-free file)" if "crypt" in f"{name} {e}".lower() or \
            "password" in f"{e}".lower() else f"this PDF ({e or name})"
        raise InputError(f"cannot read {what}", source=source) from None
    with pdf:
        per_page = [_page(page) for page in pages]
    if not any(lines for lines, _ in per_page):
        raise InputError("cannot read a PDF without a text layer (a scan): there is no OCR; run OCR first "
                         "(ocrmypdf) or give the text", source=source)
    furniture = _furniture([lines for lines, _ in per_page])
    out: list[str] = []
    tables: list[TableSketch] = []
    places: dict[int, tuple[int, tuple[float, float, float, float]]] = {}
    previous_header: list[list[str]] | None = None
    for number, (lines, grids) in enumerate(per_page, 1):
        for top, kind, content in sorted(lines + grids, key=lambda x: x[0]):
            if kind == "line":
                text, box = content
                if (round(top), text) in furniture or is_page_number(text):
                    continue
                out.append(text)
                places[len(out)] = (number, box)
                previous_header = None if text.strip() else previous_header
                continue
            grid, header, box = content
            if previous_header is not None and header and grid[:header] == previous_header and tables:
                grid = grid[header:]          # the table goes on under its repeated header
                sk = tables[-1]
                for row in grid:
                    out.append(SEP.join(row))
                    places[len(out)] = (number, box)
                sk.rows += len(grid)
                sk.how.append(f"continued on page {number} under its repeated header")
                continue
            first = len(out) + 1
            for row in grid:
                out.append(SEP.join(row))
                places[len(out)] = (number, box)
            tables.append(TableSketch(first, len(grid), header, "pdf", [
                f"a ruled PDF table on page {number}: {len(grid)} rows, {len(grid[0]) if grid else 0} columns, "
                f"{header} header row{'s' if header != 1 else ''}"]))
            previous_header = grid[:header] if header else None
    return Rendered(out, tables, "pdf", places)


def _page(page) -> tuple[list[tuple[float, str, tuple]], list[tuple[float, str, tuple]]]:
    """A page's lines of words outside its ruled tables, and its ruled tables
    (each with its top, so that both keep the page's order)."""
    found = page.find_tables()
    boxes = [t.bbox for t in found]
    grids = []
    for t in found:
        rows = t.extract()
        grid = _filled(rows)
        if len(grid) >= 2 and max(map(len, grid), default=0) >= 2:
            grids.append((t.bbox[1], "table", (grid, leading_rows_without_digits(grid), tuple(t.bbox))))
        else:
            boxes.remove(t.bbox)
    words = [w for w in page.extract_words(keep_blank_chars=False, use_text_flow=False)
             if not any(x0 <= w["x0"] and w["x1"] <= x1 and top <= w["top"] and w["bottom"] <= bottom
                        for x0, top, x1, bottom in boxes)]
    lines: list[tuple[float, str, tuple]] = []
    for group in _baselines(words):
        box = (group[0]["x0"], min(w["top"] for w in group), group[-1]["x1"], max(w["bottom"] for w in group))
        lines.append((group[0]["top"], "line", (_join(group), box)))
    return lines, grids


def _baselines(words: list[dict]) -> list[list[dict]]:
    groups: list[list[dict]] = []
    for w in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        if groups and abs(groups[-1][0]["top"] - w["top"]) <= LINE_TOLERANCE:
            groups[-1].append(w)
        else:
            groups.append([w])
    return [sorted(g, key=lambda w: w["x0"]) for g in groups]


def _join(words: list[dict]) -> str:
    """The words of one line; a gap of more than `COLUMN_GAP` characters is a column break."""
    out = words[0]["text"]
    for a, b in zip(words, words[1:]):
        size = max(1.0, (a["bottom"] - a["top"]))
        out += ("   " if b["x0"] - a["x1"] > COLUMN_GAP * size else "") + b["text"]
    return out


def _filled(rows: list[list]) -> list[list[str]]:
    """A ruled table's cells, a cell covered by a merged one (None) taking the text
    of the cell above it, or else of the one on its left."""
    grid: list[list[str]] = []
    for r, row in enumerate(rows):
        out: list[str] = []
        for c, value in enumerate(row):
            if value is None:
                value = grid[r - 1][c] if r and c < len(grid[r - 1]) and grid[r - 1][c] else (out[-1] if out else "")
            out.append(" ".join(str(value).split("\n")).replace(SEP, " ") if value else "")
        grid.append(out)
    width = max(map(len, grid), default=0)
    return [row + [""] * (width - len(row)) for row in grid]


def _furniture(pages: list[list[tuple[float, str, tuple]]]) -> set[tuple[int, str]]:
    """Lines at the same height with the same text on most pages (running heads, footers)."""
    if len(pages) < 2:
        return set()
    counts = Counter(key for lines in pages for key in {(round(top), text) for top, _, (text, _box) in lines})
    return {key for key, n in counts.items() if n >= max(2, FURNITURE_SHARE * len(pages))}

