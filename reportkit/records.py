"""Stage 10: assemble output records from items, their metrics and checks.

`build_record` turns one `Item` (what the layout stage read) and its
`Alignment` (what the alignment stage measured) into a `Record`: every text
field written in the target script by a `FieldWriter`, the first target
metric copied up as the record's own target/actual, the status decided, the
as-of date resolved against the document's year, and the flags of the check
stage and of the clean stage (per input line) collected. Nothing here reads
text again: it only arranges what earlier stages decided.
"""
from __future__ import annotations

import math

from dataclasses import replace

from .clauses import unit_tier
from .models import Alignment
from .status import decide_status
from .checks import TOLERANCE, check_values
from .dates import parse_as_of, resolve_as_of
from .models import Document, Item, Metric, Quantity, Record, finite, plain_number
from .script import FieldWriter
from .tuning import NAME_QUOTE, TEXT_QUOTE
from .vocab import Vocab


def suspect_scales(vocab: Vocab) -> tuple[float, ...]:
    """The magnitudes (x10^4, x10^8) a typo may add to or drop from an actual."""
    magnitudes = vocab.units["magnitudes"]
    return tuple(float(magnitudes[w]) for w in vocab.units.get("suspect_magnitudes", []) if w in magnitudes)


def percent_computed(metric: Metric, vocab: Vocab) -> float | None:
    """actual / target x 100, when both are there in units of one family."""
    t, a = metric.target, metric.actual
    if not t or not a or not t.value or t.qualifier in ("<", "<="):
        return None  # for a ceiling, a share of it says nothing about completion
    if unit_tier(t.unit, a.unit, vocab) < 2:
        return None
    share = a.value / t.value * 100
    return round(share, 2) if math.isfinite(share) else share    # an overflow is flagged, not rounded


def _quoted(text: str | None, q: Quantity | None, most: int = TEXT_QUOTE) -> str | None:
    """A metric's text as quoted: whole when short, else the `most` characters
    around its figure (a name: its last `most` characters, nearest the figure).
    Text without punctuation gives long windows, and thousands of metrics
    quoting them would make the output many times the input."""
    if text is None or len(text) <= most:
        return text
    at = text.find(q.text) if q is not None and q.text else -1
    if at < 0:
        return text[-most:] if q is None else text[:most]
    side = max(0, (most - len(q.text)) // 2)
    lo = max(0, min(at - side, len(text) - most))
    return text[lo: lo + most]


def _checked(metric: Metric, write: FieldWriter, item: Item, vocab: Vocab, tolerance: float,
             scales: tuple[float, ...]) -> Metric:
    """The metric with its texts in the target script, its computed percent and its flags."""
    m = replace(metric, name=write(_quoted(metric.name, None, NAME_QUOTE), item.line_start, item.line_end)
                or metric.name,
                target_text=write(_quoted(metric.target_text, metric.target), item.line_start, item.line_end),
                actual_text=write(_quoted(metric.actual_text, metric.actual), item.line_start, item.line_end),
                flags=[])
    if m.is_score:
        return m
    m.percent_computed = percent_computed(m, vocab)
    t, a = m.target, m.actual
    m.flags = check_values(plain_number(t.value) if t else None, plain_number(a.value) if a else None,
                           t.qualifier if t else None, plain_number(m.percent_reported), m.percent_computed,
                           None, t.unit if t else None, a.unit if a else None, scales, tolerance)
    return m


def _overflowed(alignment: Alignment, rec: Record) -> bool:
    """A figure too large for a number (a percent of 401 digits, a target of
    0.000…1亿元 giving an infinite share): written as null, never as Infinity."""
    raw = [alignment.percent_reported] + [m.percent_computed for m in rec.metrics] + [
        q.value for m in rec.metrics for q in (m.target, m.actual) if q is not None]
    return any(isinstance(v, float) and not math.isfinite(v) for v in raw)


def build_record(item: Item, alignment: Alignment, doc: Document, write: FieldWriter,
                 line_flags: dict[int, set[str]], vocab: Vocab, source: str | None,
                 tolerance: float = TOLERANCE) -> Record:
    """One output record for `item`; `tolerance` is how many points a reported
    percent may differ from actual / target before it is a contradiction."""
    span = (item.line_start, item.line_end)
    rec = Record(source=source, doc_title=write(doc.title), published=doc.published, publisher=write(doc.publisher),
                 table=item.table, line_start=item.line_start,
                 line_end=item.line_end, item_no=item.item_no, category=write(item.category, *span),
                 section=write(item.section), task=write(item.task, *span),
                 progress_text=write(item.progress, *span),
                 percent_reported=plain_number(alignment.percent_reported), status=alignment.status,
                 status_text=write(alignment.status_text, *span),
                 extra={write(k) or k: write(v, *span) or v for k, v in item.extra.items()},
                 flags=list(item.flags))
    rec.as_of = resolve_as_of(parse_as_of(item.progress, vocab) or item.as_of or doc.as_of,
                              doc.year, doc.published)
    scales = suspect_scales(vocab)
    rec.metrics = [_checked(m, write, item, vocab, tolerance, scales) for m in alignment.metrics]

    # the first target (scores come last) is the record's own
    primary = next((m for m in rec.metrics if not m.is_score), None)
    if primary:
        t, a = primary.target, primary.actual
        rec.target_text = primary.target_text
        rec.target_value = plain_number(t.value) if t else None
        rec.target_value_max = plain_number(t.value_max) if t else None
        rec.target_unit = t.unit if t else None
        rec.target_qualifier = t.qualifier if t else None
        rec.actual_value = plain_number(a.value) if a else None
        rec.actual_value_max = plain_number(a.value_max) if a else None
        rec.actual_unit = a.unit if a else None
        rec.percent_computed = finite(primary.percent_computed)
        if rec.percent_reported is None:
            rec.percent_reported = plain_number(primary.percent_reported)
    rec.status = decide_status(rec.status, rec.percent_reported)

    flags = check_values(rec.target_value, rec.actual_value, rec.target_qualifier, rec.percent_reported,
                         rec.percent_computed, rec.status, rec.target_unit, rec.actual_unit, scales,
                         tolerance)
    if rec.as_of and doc.published and rec.as_of > doc.published:
        flags.append("as_of_after_published")
    flags += [f for m in rec.metrics if m is not primary for f in m.flags if f == "magnitude_suspect"]
    if item.kind == "table" and rec.target_value is None:
        flags.append("no_target")
    if _overflowed(alignment, rec):
        flags.append("value_overflow")
    for no in range(item.line_start, item.line_end + 1):
        flags += sorted(line_flags.get(no, ()))
    for f in flags:
        if f not in rec.flags:
            rec.flags.append(f)
    return rec
