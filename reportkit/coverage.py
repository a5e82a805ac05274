"""Every input line accounted for: the safety net after the layout stage.

Each reader returns its items and the lines it used; metadata is read for
every layout alike. Whatever non-blank line is still in no item, in no
metadata and in no unparsed span is placed here, so that nothing can be lost
whatever a reader missed:

* a line whose text names items (a heading that became the `section` of the
  items under it) or that only draws the table (a Markdown ``|---|`` rule, a
  spreadsheet row of empty cells ``,,,,``) is structure: it joins the metadata lines;
* any other line is reported in an `unparsed` span (runs of neighbouring
  lines form one span).
"""
from __future__ import annotations

import regex

from .models import Document, Span

_RULE = regex.compile(r"^[\s|:\-=+*_.·—~,]+$")


def account_for_lines(doc: Document, lines: list[str]) -> Document:
    """`doc` with every non-blank line of `lines` in an item, the metadata or an unparsed span."""
    covered = set(doc.metadata_lines)
    for item in doc.items:
        covered.update(range(item.line_start, item.line_end + 1))
    for span in doc.unparsed:
        covered.update(range(span.line_start, span.line_end + 1))
    missing = [no for no, line in enumerate(lines, 1) if line.strip() and no not in covered]
    if not missing:
        return doc
    sections = "\n".join({item.section for item in doc.items if item.section})
    run: list[int] = []
    for no in missing:
        text = lines[no - 1].strip()
        if _RULE.match(text) or (len(text) >= 2 and text in sections):
            doc.metadata_lines.append(no)
            continue
        if run and no != run[-1] + 1:
            doc.unparsed.append(_span(run, lines))
            run = []
        run.append(no)
    if run:
        doc.unparsed.append(_span(run, lines))
    doc.metadata_lines.sort()
    doc.unparsed.sort(key=lambda s: s.line_start)
    return doc


def _span(run: list[int], lines: list[str]) -> Span:
    return Span("\n".join(lines[n - 1].strip() for n in run), run[0], run[-1])
