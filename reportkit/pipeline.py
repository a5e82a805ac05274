"""The whole pipeline, in one place.

    bytes --decode--> text (a large one cut into parts, each read as below)
          --clean--> lines --script--> Simplified reading
          --layout--> Document(items) --align--> metrics (per item, then
          prose pairs across paragraphs: evidence.pair_across_paragraphs)
          --records (checks)--> Record list

Each stage is a module with one small public function; they pass typed
dataclasses. The Simplified reading is made once, by the script stage, and is
all that the layout, alignment and check stages ever read; the records stage
writes text fields in the requested script. Nothing here touches files:
`parse_bytes` takes bytes, `parse_document` takes text. The CLI and the
public API (`reportkit.parse_*`, `reportkit.convert_*`) are thin layers over
these functions.
"""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any, Iterator, Mapping

import regex

from .align import align_table_item
from .checks import TOLERANCE, check_table
from .clean import clean_text
from .coverage import account_for_lines
from .decode import decode_bytes
from .errors import InputError, NoItemsError, UsageError
from .layout import LAYOUTS, find_layout
from .models import CleanText, Document, Fix, ParseResult, Record, Span
from .parts import cut_parts, line_breaks
from .evidence import pair_across_paragraphs
from .narrative import align_outline_item
from .records import build_record
from .sources import CELL_BREAK, SEP, UNREADABLE, Rendered, sniff, tables_from_lines
from .sources.docx import render_docx
from .sources.pdf import render_pdf
from .sources.xlsx import render_xls, render_xlsx
from .sources.html import declared_charset, looks_like_html, render_html
from .script import TARGETS, FieldWriter, convert_lines, detect_script, read_script
from .quantities import build_grammar
from .relations import given_up, grammar, start_document
from .tuning import PART_CHARS, PART_PREVIEW
from .vocab import Vocab, load_vocab, trim_memos

Config = str | Path | Mapping[str, Any] | Vocab | None


def check_options(to: str = "hans", layout: str | None = None, percent_tolerance: Any = TOLERANCE) -> None:
    """Raise `UsageError` for an unknown target script or layout, or a tolerance that is no number."""
    if not isinstance(to, str) or to not in TARGETS:
        raise UsageError(f"unknown script {to!r}; expected one of {', '.join(TARGETS)}")
    if layout is not None and layout not in LAYOUTS:
        raise UsageError(f"unknown layout {layout!r}; expected one of {', '.join(LAYOUTS)}")
    if isinstance(percent_tolerance, bool) or not isinstance(percent_tolerance, (int, float)) \
            or not 0 <= percent_tolerance < float("inf"):
        raise UsageError(f"percent_tolerance must be a number of points (0 or more), got {percent_tolerance!r}")


def ready_vocab(config: Config = None, vocab: Any = None) -> Vocab:
    """The vocabulary to parse with (`vocab` as given, else `config` loaded),
    with every grammar it makes built now: a config's mistakes (a pattern that
    is no regular expression, an unknown ``{name}``, a figure too long) are a
    `UsageError` naming them, before any report is read."""
    if vocab is not None and not isinstance(vocab, Vocab):
        raise UsageError(f"vocab must be a vocabulary from load_vocab(), got {type(vocab).__name__}; "
                         "pass a YAML file or a dict as config=")
    try:
        vocab = vocab or load_vocab(config)
        build_grammar(vocab)
        grammar(vocab)
    except (ValueError, OverflowError, regex.error) as e:
        where = str(config) if isinstance(config, (str, Path)) else None
        raise UsageError(f"bad config: {e}".replace("\n", " "), source=where) from None
    return vocab


def parse_bytes(data: bytes, source: str | None = None, *, encoding: str | None = None,
                **options: Any) -> ParseResult:
    """Decode `data` and parse it (see `parse_document` for the options)."""
    results = list(parse_bytes_in_parts(data, source, encoding=encoding, **options))
    return results[0] if len(results) == 1 else joined(results)


def parse_bytes_in_parts(data: bytes, source: str | None = None, *, encoding: str | None = None,
                         **options: Any) -> Iterator[ParseResult]:
    """`parse_bytes` a result at a time: a large report given as text gives one
    result per part (`parse_parts`), so a caller that writes each part's records
    as it comes holds one part at a time; any other input gives one result."""
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise UsageError(f"expected bytes, got {type(data).__name__}", source=source)
    data = bytes(data)
    whole = options.pop("whole", False)
    kind = sniff(data) if encoding is None else None
    if kind in RENDERERS:
        yield parse_rendered(RENDERERS[kind](data, source), source, **options)
        return
    if kind is not None:
        what = UNREADABLE.get(kind, f"{kind}: no report text in it")
        raise InputError(f"cannot read {what}", source=source)
    declared = None if encoding else declared_charset(data)
    try:
        decoded = decode_bytes(data, source=source, encoding=encoding or declared)
    except InputError:
        if declared is None:
            raise
        decoded = decode_bytes(data, source=source)   # a page that declares wrongly: detect
    text, found = decoded.text, decoded.encoding
    del decoded, data
    if _in_parts(text, whole):
        results: Iterator[ParseResult] = parse_parts(text, source, **options)
    else:
        results = iter([parse_document(text, source=source, whole=True, **options)])
    for result in results:
        result.encoding = found
        yield result


def _in_parts(text: str, whole: bool) -> bool:
    """Whether a report given as `text` is read part by part: it is longer than
    `tuning.PART_CHARS` and no page of HTML (whose tables are known cell by cell)."""
    return not whole and len(text) > PART_CHARS and not looks_like_html(text)


def parse_document(text: str, source: str | None = None, *, to: str = "hans", layout: str | None = None,
                   config: Config = None, vocab: Vocab | None = None,
                   percent_tolerance: float = TOLERANCE, whole: bool = False) -> ParseResult:
    """Parse report `text` into records.

    to:      script of the text fields: hans (default), hant, tw, hk, keep
    layout:  force table, pasted or outline (default: detect)
    config:  a YAML file or a dict changing the vocabulary (see reportkit/schemas/config.schema.json)
    vocab:   an already loaded vocabulary (what a batch loads once for all files)
    percent_tolerance: points a reported percent may differ from actual / target
    whole:   read a text of more than `tuning.PART_CHARS` characters whole, not part
             by part (`parse_in_parts`)
    """
    if not isinstance(text, str):
        raise UsageError(f"expected text (str), got {type(text).__name__}", source=source)
    check_options(to, layout)
    options: dict[str, Any] = dict(to=to, layout=layout, config=config, vocab=vocab,
                                   percent_tolerance=percent_tolerance)
    if _in_parts(text, whole):
        return parse_in_parts(text, source, **options)
    # a structured page is rendered as lines, its tables known cell by cell
    rendered = render_html(text, source) if looks_like_html(text) else None
    return _parse(text, rendered, source, **options)


def parse_in_parts(text: str, source: str | None = None, **options: Any) -> ParseResult:
    """Parse a large report `text` a part at a time (`parse_parts`), and join the
    parts' results: every part's records, findings and cleaning fixes (their line
    and kind), but neither the cleaned lines (`clean.lines` is empty), the items
    (`document.items` is empty) nor the text a fix changed: those are what a part
    costs, and are let go once it is read."""
    return joined(list(parse_parts(text, source, **options)))


def parse_parts(text: str, source: str | None = None, **options: Any) -> Iterator[ParseResult]:
    """The results of a large report `text`, a part at a time (`parts.cut_parts`: at
    a blank line after every `tuning.PART_CHARS` characters), so that only one
    part's working form (its lines, items and alignments) is held at a time.

    Each part is read as a report of its own, with the title, publisher and
    dates of the first part that has items; its records, spans and findings keep
    their lines in the whole text, and its tables are numbered after those before
    it. A part with nothing to read gives a result with no records and the part
    as an `unparsed` span; `NoItemsError` is raised after the last part if no
    part had items. A result holds no cleaned lines and no items."""
    carried: Document | None = None
    tables = 0
    for k, part in enumerate(cut_parts(text, PART_CHARS)):
        shift = part.first_line - 1
        head = f"part {k + 1}, lines from {part.first_line}"
        try:
            result = _parse(text[part.start:part.end], None, source, carried=carried, **options)
        except NoItemsError:
            # its lines are reported, not dropped
            last = part.first_line + max(0, line_breaks(text, part.start, part.end) - 1)
            span = Span(text[part.start:part.end].strip()[:PART_PREVIEW], part.first_line, last)
            yield ParseResult(source, [], Document("outline", [], unparsed=[span], explain=[f"{head}: nothing to read"]),
                              CleanText(lines=[]), None, "none")
            continue
        numbered = tables
        for record, item in zip(result.records, result.document.items):
            record.line_start += shift
            record.line_end += shift
            if item.kind == "table":
                record.table += tables
                numbered = max(numbered, record.table)
        tables = numbered
        doc = _shifted(result.document, shift)
        carried = carried or replace(doc, items=[])
        doc.items = []
        doc.explain.insert(0, f"{head} (a report of more than {PART_CHARS:,} characters is read in parts, "
                              "cut at blank lines)")
        # a fix keeps its line and kind, not the line before and after it (a copy of the text)
        fixes = [Fix(fix.line + shift, fix.kind, "", "") for fix in result.clean.fixes]
        flags = {no + shift: found for no, found in result.clean.line_flags.items()}
        yield ParseResult(source, result.records, doc, CleanText([], fixes, flags), None, result.script)
    if carried is None:
        raise NoItemsError("no table and no numbered outline found in any part of the report", source=source)


def joined(results: list[ParseResult]) -> ParseResult:
    """One result of a report's parts (`parse_parts`): the first part's document
    with every part's records, spans, findings, explanations and fixes."""
    first = next((r for r in results if r.records), results[0])
    doc = replace(first.document, explain=[], metadata_lines=[], unparsed=[], warnings=[], unknown_headers=[])
    clean = CleanText(lines=[])
    records: list[Record] = []
    for result in results:
        records += result.records
        clean.fixes += result.clean.fixes
        clean.line_flags.update(result.clean.line_flags)
        for name in ("explain", "metadata_lines", "unparsed", "warnings", "unknown_headers"):
            getattr(doc, name).extend(getattr(result.document, name))
    scripts = {r.script for r in results if r.records}
    return ParseResult(first.source, records, doc, clean, first.encoding, scripts.pop() if len(scripts) == 1 else "mixed")


def _shifted(doc: Document, shift: int) -> Document:
    """`doc`'s spans and findings with their lines moved down by `shift`."""
    def moved(where: str) -> str:
        return "-".join(str(int(n) + shift) if n.isdigit() else n for n in where.split("-"))

    warnings = []
    for warning in doc.warnings:
        where, sep, message = warning.partition(":")
        warnings.append(moved(where) + sep + message)
    return replace(doc, metadata_lines=[n + shift for n in doc.metadata_lines],
                   unparsed=[replace(span, line_start=span.line_start + shift, line_end=span.line_end + shift)
                             for span in doc.unparsed],
                   warnings=warnings, unknown_headers=[(n + shift, text) for n, text in doc.unknown_headers])


#: the readers of the structured files `sources.sniff` tells apart by their content
RENDERERS = {"xlsx": render_xlsx, "xls": render_xls, "docx": render_docx, "pdf": render_pdf}


def parse_rendered(rendered: Rendered, source: str | None = None, **options: Any) -> ParseResult:
    """Parse a structured document rendered as lines (a workbook; see `parse_document`
    for the options)."""
    return _parse("", rendered, source, **options)


def _parse(text: str, rendered: Rendered | None, source: str | None, *, to: str = "hans", layout: str | None = None,
           config: Config = None, vocab: Vocab | None = None, percent_tolerance: float = TOLERANCE,
           carried: Document | None = None) -> ParseResult:
    """Parse `text` (or a `rendered` structured file); `carried` is the document of a
    report's first part, whose title, publisher and dates a later part takes."""
    check_options(to, layout, percent_tolerance)
    vocab = ready_vocab(config, vocab)
    start_document()
    trim_memos(vocab)
    if rendered is not None:
        text = "\n".join(rendered.lines)
    clean = clean_text(text, keep=SEP + CELL_BREAK if rendered is not None else "")
    reading = read_script(clean.lines)
    given = tables_from_lines(reading.simplified, rendered.tables) if rendered is not None else None
    doc = account_for_lines(find_layout(reading.simplified, vocab, layout=layout, source=source, tables=given),
                            reading.simplified)
    doc.unparsed = [as_written(span, clean.lines) for span in doc.unparsed]
    if carried is not None:
        doc.title, doc.published, doc.publisher, doc.year, doc.as_of = \
            carried.title, carried.published, carried.publisher, carried.year, carried.as_of
    write = FieldWriter(reading, to)
    alignments = [align_table_item(item, vocab) if item.kind == "table" else align_outline_item(item, vocab)
                  for item in doc.items]
    pair_across_paragraphs([a if it.kind != "table" else None for it, a in zip(doc.items, alignments)], vocab)
    records = [build_record(item, alignment, doc, write, clean.line_flags, vocab, source, percent_tolerance)
               for item, alignment in zip(doc.items, alignments)]
    if rendered is not None:
        where = rendered.locations()
        for rec in records:
            first, last = where.get(rec.line_start), where.get(rec.line_end)
            rec.location = first if first == last or last is None else f"{first} to {last}"
    check_table(records, {k for k, item in enumerate(doc.items) if item.kind != "table"})
    doc.warnings += [f"1-{len(clean.lines)}: relation pattern {name!r} backtracks too much on this text and was "
                     "given up for the rest of it: rewrite it in the config" for name in given_up()]
    return ParseResult(source, records, doc, clean, None, reading.script)


def as_written(span: Span, lines: list[str]) -> Span:
    """An unparsed span with the text of its lines as the input wrote them
    (the readers see the Simplified reading)."""
    text = "\n".join(lines[n - 1].strip().replace(SEP, " | ").replace(CELL_BREAK, " ")
                     for n in range(span.line_start, span.line_end + 1)
                     if 0 < n <= len(lines) and lines[n - 1].strip())
    return Span(text or span.text, span.line_start, span.line_end)


def convert_text(text: str, to: str = "hans") -> str:
    """The cleaned text in another script, line for line (what `reportkit convert` writes).

    >>> convert_text("產(chǎn)業發展\\n", to="hans")
    '产业发展\\n'
    """
    check_options(to)
    lines = clean_text(text).lines
    return "\n".join(convert_lines(lines, detect_script("\n".join(lines)), to)) + "\n"


def convert_bytes(data: bytes, to: str = "hans", *, source: str | None = None, encoding: str | None = None) -> str:
    """Decode `data` (detecting the encoding unless given) and `convert_text` it."""
    check_options(to)
    return convert_text(decode_bytes(data, source=source, encoding=encoding).text, to)
