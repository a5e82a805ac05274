"""Plain data passed between the pipeline stages.

Every stage takes and returns these dataclasses; none of them holds an open
file or refers to global state. Line numbers are always 1-based numbers of the
input file, so any value in the output can be traced back to its source.
"""
from __future__ import annotations

import math

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Literal

#: What a record's `status` can be.
Status = Literal["complete", "in_progress", "not_started", "on_track", "behind", "unknown"]
#: The flags a record or metric can carry (see `checks.py`; `reportkit check` reports them).
Flag = Literal["percent_mismatch", "exceeds_target_but_incomplete", "complete_below_target", "magnitude_suspect",
               "unit_mismatch", "no_target", "percent_out_of_range", "item_no_gap", "duplicate_item_no",
               "ragged_row", "lost_character", "mojibake", "as_of_after_published", "value_overflow",
               "implausible_percent"]
#: The roles a table column can play.
Role = Literal["item_no", "category", "task", "target", "progress", "percent", "actual", "unit", "remark",
               "office", "deadline", "rank", "score", "other"]
#: How an item was laid out.
ItemKind = Literal["table", "outline"]

#: The record fields, in output order. Scripts depend on these names.
RECORD_FIELDS: tuple[str, ...] = (
    "source", "doc_title", "published", "publisher", "table", "line_start", "line_end", "location", "item_no",
    "category", "section", "task", "target_text", "target_value", "target_value_max", "target_unit",
    "target_qualifier", "progress_text", "actual_value", "actual_value_max", "actual_unit",
    "percent_reported", "percent_computed", "status", "status_text", "as_of",
    "metrics", "flags", "extra",
)


@lru_cache(maxsize=1)
def _percent_units() -> frozenset[str]:
    from .vocab import package_data

    return frozenset(package_data()["units"]["families"]["percent"])


@dataclass(frozen=True)
class AsOf:
    """An as-of date as written: the year may be missing until the document says it."""
    month: int
    day: int | None = None
    end_of_month: bool = False
    year: int | None = None


@dataclass(frozen=True)
class Fix:
    """One change the clean stage made to the text, for `--explain`."""
    line: int
    kind: str          # "pinyin", "mojibake", "width", "space", ...
    before: str
    after: str


@dataclass
class CleanText:
    """Cleaned lines: exactly one per input line, in input order."""
    lines: list[str]
    fixes: list[Fix] = field(default_factory=list)
    #: line number -> flags raised while cleaning it (lost_character, mojibake)
    line_flags: dict[int, set[str]] = field(default_factory=dict)


@dataclass(frozen=True)
class Span:
    """A run of text and the input lines it came from."""
    text: str
    line_start: int
    line_end: int


@dataclass(slots=True, eq=False)
class Quantity:
    """A number with its meaning, as found in a piece of text.

    `value` is already scaled by any magnitude (1.2万家 -> 12000). `start` and
    `end` index the Simplified text the quantity was found in.

    Treat it as immutable (make changed copies with `dataclasses.replace`): it
    is compared and hashed by value, and its hash is computed once. It is not
    declared frozen because a frozen dataclass costs three quarters of a
    microsecond more per instance, a tenth of the time quantity extraction takes.
    """
    value: float
    unit: str | None
    qualifier: str | None
    text: str
    start: int
    end: int
    value_max: float | None = None   # upper end of a range (3-5家)
    magnitude: float = 1.0           # the multiplier that was applied
    in_parens: bool = False
    qualifier_word: str | None = None  # the word the qualifier was read from (以上, 多, 达到)
    _hash: int | None = field(default=None, init=False, repr=False)

    def _key(self) -> tuple:
        return (self.value, self.unit, self.qualifier, self.text, self.start, self.end, self.value_max,
                self.magnitude, self.in_parens, self.qualifier_word)

    def __eq__(self, other: object) -> bool:
        if self is other:
            return True
        if not isinstance(other, Quantity):
            return NotImplemented
        # where a quantity stands tells most apart at once
        return self.start == other.start and self.end == other.end and self._key() == other._key()

    def __hash__(self) -> int:
        if self._hash is None:
            self._hash = hash((self.start, self.end, self.value, self.text))
        return self._hash

    @property
    def is_percent(self) -> bool:
        """A percent, per-mille or percentage-point value (`units.yaml: families.percent`)."""
        return self.unit is not None and self.unit in _percent_units()


def finite(x: float | None) -> float | None:
    """`x`, or None when it is infinite or not a number (JSON has no Infinity)."""
    return x if x is None or math.isfinite(x) else None


def plain_number(x: float | None) -> float | int | None:
    """A value as written out: whole numbers as int, others rounded to 6 places;
    a value past what a number holds (infinite, not a number) is no value
    (the record says so with the flag ``value_overflow``).

    >>> plain_number(12000.0), plain_number(0.1 + 0.2), plain_number(None), plain_number(float("inf"))
    (12000, 0.3, None, None)
    """
    if x is None or not math.isfinite(x):
        return None
    return int(x) if float(x).is_integer() and abs(x) < 1e15 else round(float(x), 6)


@dataclass
class Metric:
    """One measured thing of an item: a target and the actual that measures
    it (either may be missing), or a self-assessment score.

    The alignment stage fills the quantities and texts; the check stage adds
    `percent_computed` and `flags`; `to_dict` is the entry of a record's
    `metrics` list.
    """
    name: str
    target: Quantity | None = None
    target_text: str | None = None
    actual: Quantity | None = None
    actual_text: str | None = None
    percent_reported: float | None = None
    score: float | None = None
    score_max: float | None = None
    percent_computed: float | None = None
    flags: list[str] = field(default_factory=list)
    #: the evidence that chose this pair, one entry each, opening with its kind:
    #: ``pattern <name>`` (a relation of relations.yaml), ``arithmetic <a>/<t> = <p>%``
    #: (a stated percent equals actual / target), ``list <i> of <n>`` (lists aligned
    #: by position), ``in words <phrase>`` (completion stated in words: actual =
    #: target), ``cue``, ``unit``, ``words``, ``order``, ``heading``, ``columns``
    how: list[str] = field(default_factory=list)

    @property
    def is_score(self) -> bool:
        return self.score is not None

    def to_dict(self) -> dict[str, Any]:
        if self.is_score:
            return {"name": self.name, "score": plain_number(self.score), "score_max": plain_number(self.score_max)}
        t, a = self.target, self.actual
        return {"name": self.name,
                "target_value": plain_number(t.value) if t else None,
                "target_value_max": plain_number(t.value_max) if t else None, "target_unit": t.unit if t else None,
                "target_qualifier": t.qualifier if t else None, "target_text": self.target_text,
                "actual_value": plain_number(a.value) if a else None,
                "actual_value_max": plain_number(a.value_max) if a else None, "actual_unit": a.unit if a else None,
                "actual_text": self.actual_text, "percent_reported": plain_number(self.percent_reported),
                "percent_computed": finite(self.percent_computed), "flags": list(self.flags)}


@dataclass
class Named:
    """A figure of prose with the words that name what it counts and its sentence."""
    quantity: Quantity
    words: str
    sentence: str


@dataclass
class Alignment:
    """What the alignment stage read from one item: its metrics (target/actual
    pairs and scores), the percent complete it states, and its status; for
    prose, also its targets no result measures (`lone`, metrics and their naming
    words) and its results no target measures (`loose`), which a later pass may
    pair across the paragraphs of a report."""
    metrics: list[Metric]
    percent_reported: float | None
    status: str | None
    status_text: str | None
    lone: list[tuple[Metric, str]] = field(default_factory=list)
    loose: list[Named] = field(default_factory=list)


@dataclass
class MetricCells:
    """A further target/actual/percent group of a table row (counts, then
    investment), with the unit its header or context gives."""
    name: str | None = None
    target: str | None = None
    actual: str | None = None
    percent: str | None = None
    unit: str | None = None


@dataclass
class Item:
    """One work item as laid out in the report, before numbers are read.

    Tables fill `category`/`task`/`progress`/`percent` from their columns;
    outlines fill `task`, `progress` and `section`.
    """
    item_no: str | None
    line_start: int
    line_end: int
    table: int = 1
    category: str | None = None
    task: str | None = None
    target: str | None = None         # a target column of its own, if the table has one
    progress: str | None = None
    percent: str | None = None
    section: str | None = None
    as_of: AsOf | None = None         # the date in the table's header
    plan: bool = False                # part of a plan: numbers are targets
    #: a part that reviews work done, in a report that also has a plan part: a bound
    #: without a cue word (新创建…1570家以上) reports a result, not a target
    reviewed: bool = False
    kind: ItemKind = "table"
    extra: dict[str, str] = field(default_factory=dict)
    flags: list[str] = field(default_factory=list)
    actual: str | None = None         # a column of its own for what was done (完成数)
    remark: str | None = None         # a remark or status column (备注)
    unit: str | None = None           # unit of bare numbers, from a unit column or the table's context
    more_metrics: list[MetricCells] = field(default_factory=list)
    found_by: str | None = None       # the finder (or reader) the item's table came from
    #: how each field was read: role -> where it came from (header word, content, arithmetic)
    how: dict[str, str] = field(default_factory=dict)


@dataclass
class Metadata:
    """What the lines before a report's body say about it."""
    title: str | None = None
    published: str | None = None      # YYYY-MM-DD
    publisher: str | None = None
    lines: list[int] = field(default_factory=list)   # the input lines it was read from (1-based)


@dataclass
class Document:
    """What the layout stage found: metadata, items and what it could not use."""
    layout: str                       # "table", "pasted", "outline"
    items: list[Item]
    title: str | None = None
    published: str | None = None
    publisher: str | None = None
    year: int | None = None
    as_of: AsOf | None = None         # the date the title reports to (截至2025年9月30日)
    metadata_lines: list[int] = field(default_factory=list)
    unparsed: list[Span] = field(default_factory=list)
    #: how the layout was read, for `--explain` (layout, column roles and their sources, units)
    explain: list[str] = field(default_factory=list)
    #: problems with the reading that are not about one value ("LINES: message")
    warnings: list[str] = field(default_factory=list)
    #: header cells that name no known column role: (line, header text)
    unknown_headers: list[tuple[int, str]] = field(default_factory=list)


@dataclass
class Record:
    """One normalized work item: the unit of output."""
    source: str | None
    doc_title: str | None
    table: int
    line_start: int
    line_end: int
    item_no: str | None
    category: str | None = None
    section: str | None = None
    task: str | None = None
    target_text: str | None = None
    target_value: float | None = None
    target_value_max: float | None = None   # the upper end of a range target (5%-5.5%)
    target_unit: str | None = None
    target_qualifier: str | None = None
    progress_text: str | None = None
    actual_value: float | None = None
    actual_value_max: float | None = None   # the upper end of a range actual
    actual_unit: str | None = None
    percent_reported: float | None = None
    percent_computed: float | None = None
    status: Status | None = None
    status_text: str | None = None
    as_of: str | None = None
    metrics: list[Metric] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)
    extra: dict[str, str] = field(default_factory=dict)
    #: the document's publication date (ISO) and publisher, as its page states them
    published: str | None = None
    publisher: str | None = None
    #: where the item stands in a structured source, in its own terms: a workbook's
    #: ``sheet!A5:G5``, an HTML page's or a Word document's ``table 1, row 3``, a
    #: PDF's page and box ``page 2 (72,140-520,152)`` in points (None for text,
    #: whose lines `line_start`/`line_end` say it)
    location: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The record as plain JSON-ready data, fields in `RECORD_FIELDS` order."""
        d = {k: getattr(self, k) for k in RECORD_FIELDS}
        d["metrics"] = [m.to_dict() for m in self.metrics]
        d["flags"] = list(self.flags)
        d["extra"] = dict(self.extra)
        return d


@dataclass
class ParseResult:
    """Everything `parse` learned about one input."""
    source: str | None
    records: list[Record]
    document: Document
    clean: CleanText
    encoding: str | None              # None for text given directly
    script: str
