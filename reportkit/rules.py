"""The rules of `reportkit check`: stable codes, names, severities, messages.

Every finding comes from one rule. A rule has a code that never changes
(``RK203``), a name that is also the flag a record carries
(``percent_mismatch``), a default severity, a one-line summary and a message
template filled from the record or document it is about. Codes are grouped by
family and are never renumbered; a retired code is never reused.

=====  =========  ===========================================================
RK1xx  structure  item numbering, table rows and headers, text outside items
RK2xx  values     targets, actuals and percents that contradict each other
RK3xx  text       script, pinyin, mojibake and lost characters
RK4xx  metadata   the as-of date
=====  =========  ===========================================================

`rules_table()` writes the Markdown table of the README from this list, so
the two cannot drift.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning", "info"]
#: severities in rising order
LEVELS: dict[str, int] = {"info": 0, "warning": 1, "error": 2}
#: where a rule's documentation lives; the code is the fragment
HELP_URI = "https://pypi.org/project/reportkit-cn/#rules"


@dataclass(frozen=True)
class Rule:
    """One check: its stable code, its flag name and what it says."""
    code: str
    name: str
    severity: Severity
    summary: str
    message: str          # a template, filled from the record's fields

    @property
    def help_uri(self) -> str:
        return HELP_URI


RULES: tuple[Rule, ...] = (
    # RK1xx structure
    Rule("RK101", "item_no_gap", "warning", "Item numbers are not consecutive.",
         "item numbers jump from {previous} to {item_no}: the numbers between are missing"),
    Rule("RK102", "duplicate_item_no", "error", "The same item number appears twice in one table.",
         "item number {item_no} appears more than once"),
    Rule("RK103", "ragged_row", "warning", "A table row has more or fewer cells than its header.",
         "row has a different number of cells than the header (kept, cells joined or padded)"),
    Rule("RK104", "unknown_header", "info", "A table column whose header names no known role.",
         "column header {header!r} is not in the vocabulary; its cells are kept in extra"),
    Rule("RK105", "unparsed", "warning", "Text that ended up in no item.",
         "lines {line_start}-{line_end} are not part of any item: {text}"),
    Rule("RK106", "no_items", "error", "No table and no numbered outline: nothing could be read.",
         "{message}"),
    # RK2xx values
    Rule("RK201", "percent_out_of_range", "error", "A reported percent below 0 or above 200.",
         "reported percent {percent_reported} is outside 0-200"),
    Rule("RK202", "exceeds_target_but_incomplete", "warning",
         "The actual meets the target but the item is reported as not done.",
         "actual {actual_value}{actual_unit} meets the target {target_value}{target_unit} "
         "but the item is reported as incomplete"),
    Rule("RK203", "percent_mismatch", "error", "The reported percent disagrees with actual / target.",
         "reported {percent_reported}% but actual/target gives {percent_computed}%"),
    Rule("RK204", "complete_below_target", "warning",
         "The item is reported complete but its actual is below its target.",
         "reported complete but actual {actual_value}{actual_unit} is below the target "
         "{target_value}{target_unit}"),
    Rule("RK205", "magnitude_suspect", "error",
         "Actual / target matches the reported percent only once a magnitude (x10^4, x10^8) is taken out.",
         "actual {actual_value}{actual_unit} is off by a magnitude (x10^4 or x10^8): "
         "without it, actual/target matches the reported {percent_reported}%"),
    Rule("RK206", "unit_mismatch", "warning", "Target and actual are in different units of one family.",
         "target is in {target_unit} but the actual found is in {actual_unit}"),
    Rule("RK207", "no_target", "info", "A table row without a numeric target.",
         "no numeric target found"),
    Rule("RK208", "value_overflow", "error", "A figure too large for a number: written as null.",
         "a figure (or actual / target) is too large to be a number and is written as null"),
    Rule("RK209", "implausible_percent", "warning",
         "Actual / target is over ten times the target: the pair is likely not a target and its actual.",
         "actual/target gives {percent_computed}%: the actual is likely not what the target measures"),
    # RK3xx text
    Rule("RK301", "mixed_script", "warning", "The document mixes Traditional and Simplified characters.",
         "the text mixes Traditional and Simplified characters"),
    Rule("RK302", "pinyin", "warning", "Inline pinyin annotations were left in the text.",
         "{lines} line(s) hold inline pinyin annotations, from this one on (removed when parsing)"),
    Rule("RK303", "mojibake", "warning", "Garbled text (wrongly decoded bytes) that could not be fully repaired.",
         "garbled text (wrongly decoded bytes) that could not be fully repaired"),
    Rule("RK304", "lost_character", "warning", "A character was lost in the source text.",
         "a character was lost in the source text (shown as \ufffd)"),
    # RK4xx metadata
    Rule("RK401", "no_as_of", "info", "No as-of date anywhere in the report.",
         "no as-of date (such as a dated header or a dated progress cell) was found"),
    Rule("RK402", "as_of_after_published", "error", "An as-of date later than the publication date.",
         "as-of date {as_of} is after the publication date {published}"),
)

BY_CODE: dict[str, Rule] = {r.code: r for r in RULES}
BY_NAME: dict[str, Rule] = {r.name: r for r in RULES}


def matches(code: str, selectors: list[str] | tuple[str, ...]) -> bool:
    """True when `code` is named by one of `selectors`: a code (RK203), a
    family prefix (RK2, RK20) or a flag name (percent_mismatch).

    >>> matches("RK203", ["RK2"]), matches("RK203", ["percent_mismatch"]), matches("RK101", ["RK2"])
    (True, True, False)
    """
    rule = BY_CODE[code]
    return any(code.startswith(s.upper()) or s == rule.name for s in selectors)


def unknown_selectors(selectors: list[str] | tuple[str, ...]) -> list[str]:
    """The selectors that name no rule."""
    return [s for s in selectors if not any(matches(r.code, [s]) for r in RULES)]


def rules_table() -> str:
    """The README's table of rules, in Markdown."""
    rows = ["| code | name | severity | what it finds |", "| --- | --- | --- | --- |"]
    rows += [f"| `{r.code}` | `{r.name}` | {r.severity} | {r.summary} |" for r in RULES]
    return "\n".join(rows) + "\n"
