"""Plain data passed between the pipeline stages.

Every stage takes and returns these dataclasses; none of them holds an open
file or refers to global state. Line numbers are always 1-based numbers of the
input file, so any value in the output can be traced back to its source.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

#: The record fields, in output order. Scripts depend on these names.
RECORD_FIELDS: tuple[str, ...] = (
    "source", "doc_title", "table", "line_start", "line_end", "item_no",
    "category", "section", "task", "target_text", "target_value", "target_unit",
    "target_qualifier", "progress_text", "actual_value", "actual_unit",
    "percent_reported", "percent_computed", "status", "status_text", "as_of",
    "metrics", "flags", "extra",
)


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


@dataclass(frozen=True)
class Quantity:
    """A number with its meaning, as found in a piece of text.

    `value` is already scaled by any magnitude (1.2万家 -> 12000). `start` and
    `end` index the Simplified text the quantity was found in.
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

    @property
    def is_percent(self) -> bool:
        return self.unit in ("%", "‰", "百分点")


@dataclass
class TargetSpec:
    """A target and (once aligned) the actual that measures the same thing."""
    name: str
    target: Quantity | None
    target_text: str | None = None
    actual: Quantity | None = None
    actual_text: str | None = None
    percent_reported: float | None = None
    score: float | None = None
    score_max: float | None = None


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
    as_of: Any = None                 # columns.AsOf from the table header
    plan: bool = False                # part of a plan: numbers are targets
    kind: str = "table"               # "table" or "outline"
    extra: dict[str, str] = field(default_factory=dict)
    flags: list[str] = field(default_factory=list)
    actual: str | None = None         # a column of its own for what was done (完成数)
    remark: str | None = None         # a remark or status column (备注)
    unit: str | None = None           # unit of bare numbers, from a unit column or the table's context
    more_metrics: list[MetricCells] = field(default_factory=list)


@dataclass
class Document:
    """What the layout stage found: metadata, items and what it could not use."""
    layout: str                       # "table", "pasted", "outline"
    items: list[Item]
    title: str | None = None
    published: str | None = None
    publisher: str | None = None
    year: int | None = None
    metadata_lines: list[int] = field(default_factory=list)
    unparsed: list[Span] = field(default_factory=list)
    #: how the layout was read, for `--explain` (layout, column roles and their sources, units)
    explain: list[str] = field(default_factory=list)


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
    target_unit: str | None = None
    target_qualifier: str | None = None
    progress_text: str | None = None
    actual_value: float | None = None
    actual_unit: str | None = None
    percent_reported: float | None = None
    percent_computed: float | None = None
    status: str | None = None
    status_text: str | None = None
    as_of: str | None = None
    metrics: list[dict[str, Any]] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    extra: dict[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        return {k: d[k] for k in RECORD_FIELDS}


@dataclass
class ParseResult:
    """Everything `parse` learned about one input."""
    source: str | None
    records: list[Record]
    document: Document
    clean: CleanText
    encoding: str | None              # None for text given directly
    script: str
