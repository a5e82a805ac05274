"""Stage 9: check each report against itself; findings become `flags`.

Per record (and per metric):
  percent_mismatch               reported and computed percent differ by more than 10 points
                                 (both at or above 100 is no contradiction)
  exceeds_target_but_incomplete  the actual meets the target but the report says it is not done
  magnitude_suspect              the computed percent matches the reported one only once a
                                 magnitude (`units.yaml: suspect_magnitudes`) is taken out: a typo in the source
  unit_mismatch                  target and actual are of different units of one family
  no_target                      a table row without a target (informational)
  percent_out_of_range           a reported percent below 0 or above 200
Per table:
  item_no_gap, duplicate_item_no
From the earlier stages: ragged_row, lost_character, mojibake; and, for
`reportkit check` only, `unparsed`: text that ended up in no item.

`SEVERITY` ranks them for `reportkit check`.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Literal

from .models import ParseResult, Record

Severity = Literal["error", "warning", "info"]
#: severities in rising order
LEVELS: dict[str, int] = {"info": 0, "warning": 1, "error": 2}

SEVERITY: dict[str, Severity] = {
    "percent_mismatch": "error",
    "magnitude_suspect": "error",
    "duplicate_item_no": "error",
    "percent_out_of_range": "error",
    "ragged_row": "warning",
    "item_no_gap": "warning",
    "exceeds_target_but_incomplete": "warning",
    "unit_mismatch": "warning",
    "lost_character": "warning",
    "mojibake": "warning",
    "no_target": "info",
    "unparsed": "warning",
}

MESSAGES = {
    "percent_mismatch": "reported {percent_reported}% but actual/target gives {percent_computed}%",
    "magnitude_suspect": "actual {actual_value}{actual_unit} is off by a magnitude (x10^4 or x10^8): "
                         "without it, actual/target matches the reported {percent_reported}%",
    "duplicate_item_no": "item number {item_no} appears more than once",
    "percent_out_of_range": "reported percent {percent_reported} is outside 0-200",
    "ragged_row": "row has a different number of cells than the header (kept, cells joined or padded)",
    "item_no_gap": "item numbers jump to {item_no}: the numbers between are missing",
    "exceeds_target_but_incomplete": "actual {actual_value}{actual_unit} meets the target "
                                     "{target_value}{target_unit} but the item is reported as incomplete",
    "unit_mismatch": "target is in {target_unit} but the actual found is in {actual_unit}",
    "lost_character": "a character was lost in the source text (shown as \ufffd)",
    "mojibake": "garbled text (wrongly decoded bytes) that could not be fully repaired",
    "no_target": "no numeric target found",
    "unparsed": "text outside every item (a row without delimiters, prose after a table?)",
}

TOLERANCE = 10.0


def _meets(actual: float, target: float, qualifier: str | None) -> bool:
    if qualifier == ">":
        return actual > target
    if qualifier in ("<", "<="):
        return actual < target if qualifier == "<" else actual <= target
    return actual >= target


def check_values(target: float | None, actual: float | None, qualifier: str | None,
                 reported: float | None, computed: float | None, status: str | None,
                 target_unit: str | None = None, actual_unit: str | None = None,
                 scales: tuple[float, ...] = (1e4, 1e8)) -> list[str]:
    """Flags for one target/actual pair; `scales` are the magnitudes a typo may add or drop.

    >>> check_values(5800, 63873000, None, 110.13, 1101258.62, None, scales=(1e4,))
    ['magnitude_suspect']
    """
    flags: list[str] = []
    if target_unit and actual_unit and target_unit != actual_unit:
        flags.append("unit_mismatch")
    if reported is not None and (reported < 0 or reported > 200):
        flags.append("percent_out_of_range")
    if reported is not None and computed is not None and abs(reported - computed) > TOLERANCE:
        # 6387.3万亩 against 5800亩 at 110.13%: right once the 万 is taken out
        suspect = target is not None and target != 0 and actual is not None and any(
            abs(actual * scale / target * 100 - reported) <= max(1.0, reported * 0.01)
            for scale in scales + tuple(1 / x for x in scales))
        if suspect:
            flags.append("magnitude_suspect")
        elif not (reported >= 100 and computed >= 100):  # both past the target is no contradiction
            flags.append("percent_mismatch")
    if target is not None and actual is not None and _meets(actual, target, qualifier) and qualifier not in ("<", "<="):
        if (reported is not None and reported < 100) or status in ("in_progress", "behind", "not_started"):
            flags.append("exceeds_target_but_incomplete")
    return flags


def check_table(records: list[Record]) -> None:
    """item_no_gap and duplicate_item_no, per table of table records."""
    by_table: dict[int, list[Record]] = {}
    for r in records:
        by_table.setdefault(r.table, []).append(r)
    for rows in by_table.values():
        counts = Counter(r.item_no for r in rows if r.item_no)
        previous = None
        for r in rows:
            if r.item_no and counts[r.item_no] > 1:
                _add(r, "duplicate_item_no")
            if r.item_no and r.item_no.isdigit():
                n = int(r.item_no)
                if previous is not None and n > previous + 1:
                    _add(r, "item_no_gap")
                previous = n


def _add(r: Record, flag: str) -> None:
    if flag not in r.flags:
        r.flags.append(flag)


def describe(record: Record, flag: str) -> str:
    """A one-line message for a flag on a record."""
    values = {k: ("" if v is None else v) for k, v in record.to_dict().items()}
    try:
        return MESSAGES.get(flag, flag).format(**values)
    except (KeyError, ValueError):
        return MESSAGES.get(flag, flag)


@dataclass(frozen=True)
class Finding:
    """One problem `reportkit check` reports, located in its file."""
    file: str | None
    line: int
    severity: Severity
    flag: str
    message: str
    item_no: str | None = None


def findings(result: ParseResult) -> list[Finding]:
    """The findings of one parsed report: text outside every item, then each record's flags."""
    out = [Finding(result.source, span.line_start, SEVERITY["unparsed"], "unparsed",
                   f"lines {span.line_start}-{span.line_end}: {MESSAGES['unparsed']}")
           for span in result.document.unparsed]
    for r in result.records:
        for flag in r.flags:
            out.append(Finding(result.source, r.line_start, SEVERITY.get(flag, "info"), flag,
                               describe(r, flag), r.item_no))
    return out
