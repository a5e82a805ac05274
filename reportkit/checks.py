"""Stage 9: check each report against itself; what it finds becomes `flags`.

Per target/actual pair (a record and each of its metrics):
  percent_mismatch               reported and computed percent differ by more than the tolerance
                                 (10 points; both at or above 100 is no contradiction)
  exceeds_target_but_incomplete  the actual meets the target but the report says it is not done
  complete_below_target          the report says done but the actual is below the target
  magnitude_suspect              the computed percent matches the reported one only once a
                                 magnitude (`units.yaml: suspect_magnitudes`) is taken out: a typo
  unit_mismatch                  target and actual are of different units of one family
  percent_out_of_range           a reported percent below 0 or above 200
Per table: item_no_gap, duplicate_item_no.

The rules behind the flags (codes, severities, messages) are in `rules.py`;
`lint.py` turns flags into located findings for `reportkit check`.
"""
from __future__ import annotations

from collections import Counter

from .models import Record
from .arithmetic import states_share
from .tuning import PERCENT_SANE, TOLERANCE



def _meets(actual: float, target: float, qualifier: str | None) -> bool:
    if qualifier == ">":
        return actual > target
    if qualifier in ("<", "<="):
        return actual < target if qualifier == "<" else actual <= target
    return actual >= target


def check_values(target: float | None, actual: float | None, qualifier: str | None,
                 reported: float | None, computed: float | None, status: str | None,
                 target_unit: str | None = None, actual_unit: str | None = None,
                 scales: tuple[float, ...] = (1e4, 1e8), tolerance: float = TOLERANCE) -> list[str]:
    """Flags for one target/actual pair; `scales` are the magnitudes a typo may add or drop.

    >>> check_values(5800, 63873000, None, 110.13, 1101258.62, None, scales=(1e4,))
    ['magnitude_suspect']
    """
    flags: list[str] = []
    if target_unit and actual_unit and target_unit != actual_unit:
        flags.append("unit_mismatch")
    if reported is not None and (reported < 0 or reported > 200):
        flags.append("percent_out_of_range")
    if reported is not None and computed is not None and abs(reported - computed) > tolerance:
        # 6387.3万亩 against 5800亩 at 110.13%: right once the 万 is taken out
        suspect = target is not None and target != 0 and actual is not None and any(
            states_share(reported, actual * scale, target)
            for scale in scales + tuple(1 / x for x in scales))
        if suspect:
            flags.append("magnitude_suspect")
        elif not (reported >= 100 and computed >= 100):  # both past the target is no contradiction
            flags.append("percent_mismatch")
    if computed is not None and computed > PERCENT_SANE and "magnitude_suspect" not in flags:
        # 销售占比提升3% beside 销售占比为52%: a ratio no report means as its completion
        flags.append("implausible_percent")
    if target is not None and actual is not None and qualifier not in ("<", "<="):
        if _meets(actual, target, qualifier):
            if (reported is not None and reported < 100) or status in ("in_progress", "behind", "not_started"):
                flags.append("exceeds_target_but_incomplete")
        elif status == "complete":
            flags.append("complete_below_target")
    return flags


def check_table(records: list[Record], outline: set[int] | None = None) -> None:
    """item_no_gap and duplicate_item_no, per table (or report part) of records.

    Records at the indexes `outline` come from a narrative's outline: its
    lists restart under headings that carry no number of their own (按照区县分:
    (1)…(9), 按照产业类别分: (1)…(4)), so the same path twice is no error
    there; only a table's item numbers are checked for duplicates."""
    outline = outline or set()
    by_table: dict[int, list[tuple[int, Record]]] = {}
    for k, r in enumerate(records):
        by_table.setdefault(r.table, []).append((k, r))
    for indexed in by_table.values():
        counts = Counter(r.item_no for k, r in indexed if r.item_no and k not in outline)
        previous = None
        for k, r in indexed:
            if r.item_no and k not in outline and counts[r.item_no] > 1:
                _add(r, "duplicate_item_no")
            if r.item_no and r.item_no.isdecimal():
                n = int(r.item_no)
                if previous is not None and n > previous + 1:
                    _add(r, "item_no_gap")
                previous = n


def _add(r: Record, flag: str) -> None:
    if flag not in r.flags:
        r.flags.append(flag)

