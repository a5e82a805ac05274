"""The whole pipeline, in one place.

    bytes --decode--> text --clean--> lines --script--> Simplified reading
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

from pathlib import Path
from typing import Any, Mapping

import regex

from .align import align_table_item
from .checks import TOLERANCE, check_table
from .clean import clean_text
from .coverage import account_for_lines
from .decode import decode_bytes
from .errors import InputError, UsageError
from .layout import LAYOUTS, find_layout
from .models import ParseResult, Span
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
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise UsageError(f"expected bytes, got {type(data).__name__}", source=source)
    data = bytes(data)
    kind = sniff(data) if encoding is None else None
    if kind in RENDERERS:
        return parse_rendered(RENDERERS[kind](data, source), source, **options)
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
    result = parse_document(decoded.text, source=source, **options)
    result.encoding = decoded.encoding
    return result


def parse_document(text: str, source: str | None = None, *, to: str = "hans", layout: str | None = None,
                   config: Config = None, vocab: Vocab | None = None,
                   percent_tolerance: float = TOLERANCE) -> ParseResult:
    """Parse report `text` into records.

    to:      script of the text fields: hans (default), hant, tw, hk, keep
    layout:  force table, pasted or outline (default: detect)
    config:  a YAML file or a dict changing the vocabulary (see reportkit/schemas/config.schema.json)
    vocab:   an already loaded vocabulary (what a batch loads once for all files)
    percent_tolerance: points a reported percent may differ from actual / target
    """
    if not isinstance(text, str):
        raise UsageError(f"expected text (str), got {type(text).__name__}", source=source)
    check_options(to, layout)
    # a structured page is rendered as lines, its tables known cell by cell
    rendered = render_html(text, source) if looks_like_html(text) else None
    return _parse(text, rendered, source, to=to, layout=layout, config=config, vocab=vocab,
                  percent_tolerance=percent_tolerance)


#: the readers of the structured files `sources.sniff` tells apart by their content
RENDERERS = {"xlsx": render_xlsx, "xls": render_xls, "docx": render_docx, "pdf": render_pdf}


def parse_rendered(rendered: Rendered, source: str | None = None, **options: Any) -> ParseResult:
    """Parse a structured document rendered as lines (a workbook; see `parse_document`
    for the options)."""
    return _parse("", rendered, source, **options)


def _parse(text: str, rendered: Rendered | None, source: str | None, *, to: str = "hans", layout: str | None = None,
           config: Config = None, vocab: Vocab | None = None, percent_tolerance: float = TOLERANCE) -> ParseResult:
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
