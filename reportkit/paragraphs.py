"""Stage 5d: read a narrative report that has no outline markers.

Many real progress reports number nothing: one line per project, one
paragraph per project whose first phrase is its name, paragraphs by area
(``营商环境方面,``), short sub-heading lines, ``——`` bullets, or one or two
long paragraphs. `read_paragraphs` makes the document's own units the items:

* every paragraph (a line, or lines joined where a sentence was hard-wrapped)
  is an item; a bullet mark at its start is dropped from the task;
* a short line without punctuation or numbers is a sub-heading: it becomes the
  `section` of the paragraphs under it (up to a blank line or the next
  sub-heading) and opens the first of them; a plan
  heading (``下一步工作打算``) makes them plans;
* a paragraph whose sentences open with area phrases (``民生方面,``,
  `cues.yaml: area_suffixes`) makes one item per area;
* an enumeration inside a paragraph (``…上,一是…。二是…``) makes one item per
  member; the words before the first member are their `section`;
* a paragraph that announces a list of targets (a lead-in word such as
  ``预期目标是:`` before a colon, then clauses separated by ; or ,) is read
  together with the paragraphs after it that report on that list: up to a
  blank line, a sub-heading, a plan or a paragraph without numbers;
* a paragraph that opens with a plan word (``下一步``) is a plan: its
  numbers are targets.

Metadata and page chrome are read as for outlines (`outline.body_spans`), so
every line ends up in an item or the metadata.
"""
from __future__ import annotations

import regex

from .markers import ENUM_AFTER_CLAUSE, cn_value, match_marker
from .metadata import stamp
from .models import Document, Item, Metadata, Span
from .outline import announces_targets, body_spans, is_plan, lead_phrase, opens_plan
from .quantities import extract_quantities
from .vocab import Vocab
from .tuning import PARAGRAPH_HEADING_MAX, SWALLOWED_PARAGRAPHS

# bullets and list marks that open a paragraph: —— ● ■ ◆ ▲ · • ★ ☆ ▪ ○
_BULLET = regex.compile(r"^\s*(?:[\u2014\u2015\u2500]{1,2}|[\u25cf\u25a0\u25c6\u25b2\u00b7\u2022\u2605\u2606\u25aa\u25cb\uff0d-])\s*")
_PUNCT = regex.compile(r"[,\uff0c。;\uff1b:\uff1a!\uff01?\uff1f\u3001]")
_SENTENCE_MARK = regex.compile(r"[,\uff0c。;\uff1b]")
_CELL_BREAK = regex.compile(r"[|\uff5c\t]")


def swallowed(doc: Document, vocab: Vocab) -> bool:
    """An outline that found one item holding several paragraphs: its one
    marker was not an outline (一、总体情况 over the whole report). An item
    that announces targets holds the part reporting on them on purpose
    (`outline.join_announced_targets`)."""
    return len(doc.items) == 1 and (doc.items[0].progress or "").count("\n") >= SWALLOWED_PARAGRAPHS - 1 \
        and not announces_targets(doc.items[0].progress or "", vocab)


def heading_text(text: str) -> str:
    """A sub-heading without its bullet or list marker: 一、总体情况 -> 总体情况."""
    t = _BULLET.sub("", text).strip()
    m = match_marker(t)
    return t[m.end:].strip() if m else t


def is_subheading(text: str, vocab: Vocab) -> bool:
    """A short line without punctuation or quantities: the title of what follows."""
    t = heading_text(text)
    return 0 < len(t) <= PARAGRAPH_HEADING_MAX and not _PUNCT.search(t) and not extract_quantities(t, vocab, simplified=True)


def _prose_title(lines: list[str], meta: Metadata, vocab: Vocab) -> Span | None:
    """The line taken for a title when it is a sentence with a quantity in it."""
    title = meta.title
    if not title or not _SENTENCE_MARK.search(title) or not extract_quantities(title, vocab, simplified=True):
        return None
    no = next((n for n in meta.lines if title in lines[n - 1]), None)
    return Span(lines[no - 1].strip(), no, no) if no else None


def is_prose(spans: list[Span], vocab: Vocab) -> bool:
    """Report prose: some paragraph holds a quantity in a sentence, and no line
    is a row of cells (a table the header vocabulary did not recognize)."""
    if any(len(_CELL_BREAK.findall(sp.text)) >= 2 for sp in spans):
        return False
    return any(_PUNCT.search(sp.text) and extract_quantities(sp.text, vocab, simplified=True) for sp in spans)


def _reports(text: str, vocab: Vocab) -> bool:
    """A paragraph that may report on a target list before it: it has
    numbers, announces no list of its own and opens no plan."""
    return bool(extract_quantities(text, vocab, simplified=True)) and not announces_targets(text, vocab) \
        and not opens_plan(text, vocab)


def read_paragraphs(lines: list[str], vocab: Vocab, source: str | None = None) -> Document:
    """Items of a narrative report without outline markers (module docstring)."""
    meta, meta_lines, spans = body_spans(lines, vocab, after_title=True)
    title_span = _prose_title(lines, meta, vocab)
    if title_span is not None:        # no title: the report starts at once
        meta.title = None
        meta_lines = meta_lines - {title_span.line_start}
        spans = [title_span] + spans
    if not is_prose(spans, vocab):
        return Document("outline", [])
    items: list[Item] = []
    heading: Span | None = None       # a sub-heading line not yet in an item
    section: str | None = None        # the sub-heading over the paragraphs that follow
    pending: list[Span] = []          # a target list waiting for its report
    report: list[Span] = []           # a target list and the paragraphs reporting on it
    last_line = 0
    for span in spans:
        blank = span.line_start > last_line + 1
        if heading is None and blank:
            section = None            # a blank line ends the block a sub-heading titled
        last_line = span.line_end
        if report and not blank and not is_subheading(span.text, vocab) and _reports(span.text, vocab):
            report.append(span)       # the report on a target list goes on to the end of its block
            continue
        if report:
            items.append(_item(report, section, vocab))
            report = []
        if is_subheading(span.text, vocab):
            if heading is not None:   # two headings in a row: the first stands alone
                items.append(_item([heading], None, vocab))
            heading, section = span, heading_text(span.text)
            continue
        group = ([heading] if heading else []) + pending + [span]
        heading = None
        if announces_targets(span.text, vocab):
            pending = group if not pending else pending + [span]
            continue
        if pending:
            report = group
        else:
            items += _split(group, section, vocab)
        pending = []
    if report:
        items.append(_item(report, section, vocab))
    leftover = ([heading] if heading else []) + pending
    if leftover:
        items.append(_item(leftover, None, vocab))
    doc = Document("outline", items)
    stamp(doc, meta, lines, vocab)
    doc.metadata_lines = sorted(meta_lines)
    return doc


def _split(group: list[Span], section: str | None, vocab: Vocab) -> list[Item]:
    """One item for the paragraph, or one per member of its 一是…二是… enumeration."""
    last = group[-1]
    cuts: list[tuple[int, str]] = []
    expected = 1
    for m in ENUM_AFTER_CLAUSE.finditer(last.text):
        if cn_value(m["n"]) == expected:
            cuts.append((m.start("n"), last.text[m.start("n"):m.end()]))
            expected += 1
    if len(cuts) < 2:
        return _split_areas(group, section, vocab)
    lead = last.text[:cuts[0][0]].strip(" ,\uff0c:\uff1a")
    out: list[Item] = []
    head = group[:-1]
    if head:
        out.append(_item(head, section, vocab))
    inner = " > ".join(x for x in (section, lead) if x) or None
    for k, (start, label) in enumerate(cuts):
        end = cuts[k + 1][0] if k + 1 < len(cuts) else len(last.text)
        piece = Span(last.text[start + len(label):end].strip(), last.line_start, last.line_end)
        out.append(_item([piece], inner, vocab, no=label))
    return out


def _area_starts(text: str, vocab: Vocab) -> list[tuple[int, str]]:
    """Sentences that open with an area phrase (营商环境方面,): where and which."""
    words = vocab.cues.get("area_suffixes", [])
    if not words:
        return []
    pattern = _AREAS.get(tuple(words))
    if pattern is None:
        alt = "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True))
        pattern = _AREAS[tuple(words)] = regex.compile(
            rf"(?:^|(?<=[。;\uff1b!\uff01?\uff1f]))\s*(?P<area>[^,\uff0c。;\uff1b:\uff1a\n]{{2,14}}?(?:{alt}))[,\uff0c:\uff1a]")
    return [(m.start("area"), m["area"]) for m in pattern.finditer(text)]


_AREAS: dict[tuple[str, ...], regex.Pattern] = {}


def _split_areas(group: list[Span], section: str | None, vocab: Vocab) -> list[Item]:
    """A long paragraph by areas (经济发展方面,…。民生方面,…): one item per area."""
    last = group[-1]
    starts = _area_starts(last.text, vocab)
    if not starts or (len(starts) == 1 and starts[0][0] == 0):
        return [_item(group, section, vocab)]
    out: list[Item] = []
    head = group[:-1]
    if starts[0][0] > 0:
        head = head + [Span(last.text[:starts[0][0]].strip(), last.line_start, last.line_end)]
    if head:
        out.append(_item(head, section, vocab))
    for k, (start, area) in enumerate(starts):
        end = starts[k + 1][0] if k + 1 < len(starts) else len(last.text)
        piece = Span(last.text[start:end].strip(), last.line_start, last.line_end)
        out.append(_item([piece], " > ".join(x for x in (section, area) if x), vocab))
    return out


def _item(spans: list[Span], section: str | None, vocab: Vocab, no: str | None = None) -> Item:
    texts = [_BULLET.sub("", s.text).strip() for s in spans]
    text = "\n".join(t for t in texts if t)
    task_source = next((t for t in texts if t and not is_subheading(t, vocab)), texts[0] if texts else "")
    return Item(item_no=no, line_start=min(s.line_start for s in spans), line_end=max(s.line_end for s in spans),
                task=lead_phrase(task_source) or None, progress=text or None, section=section,
                plan=opens_plan(texts[-1], vocab) or bool(section and is_plan(section, vocab)), kind="outline")
