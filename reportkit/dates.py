"""As-of dates: from a table header (``截至10月底``) or a cell (``截至10月26日``).

A date written without a year takes the document's year (its title, its
publication date, or the year it mentions most). A month later than the
publication month belongs to the year before: a report published in
February 2021 about "12月" speaks of December 2020.
"""
from __future__ import annotations

import calendar
from functools import lru_cache

import regex

from .models import AsOf
from .vocab import Vocab, alternation, package_data


def date_word_patterns() -> dict[str, str]:
    """The date words of the shipped vocabulary as regex alternatives: ``year``
    (年), ``year_suffix`` (度), ``month`` (月), ``month_suffix`` (份), ``month_end``
    (底 末), ``day`` (日) and ``dash`` (the range dashes of `units.yaml`). For
    patterns compiled once at import, as header and cell readers need."""
    data = package_data()
    doc = data["document"]
    words = {"year": doc["date_year"], "year_suffix": doc["year_suffix"], "month": doc["date_month"],
             "month_suffix": doc["month_suffix"], "month_end": doc["month_end"], "day": doc["date_day"],
             "dash": data["units"]["range_dashes"]}
    return {k: alternation(v) for k, v in words.items()}


@lru_cache(maxsize=8)
def _as_of_pattern(cues: tuple[str, ...], year: tuple[str, ...], month: tuple[str, ...], day: tuple[str, ...],
                   month_end: tuple[str, ...], cue_required: bool) -> regex.Pattern:
    return regex.compile(
        alternation(cues) + ("" if cue_required else "?")
        + r"(?:(?P<y>(?:19|20)\d\d)" + alternation(year) + r")?(?P<m>\d{1,2})" + alternation(month)
        + r"(?:(?P<d>\d{1,2})" + alternation(day) + "|(?P<end>" + alternation(month_end) + "))?")


def parse_as_of(text: str | None, vocab: Vocab, *, cue_required: bool = True) -> AsOf | None:
    """The first as-of date in `text` (Simplified): ``截至10月26日`` in a cell,
    or, with ``cue_required=False``, ``10月底`` in a header note."""
    if not text:
        return None
    d = vocab.document
    pattern = _as_of_pattern(*(tuple(d[k]) for k in ("as_of_cues", "date_year", "date_month", "date_day",
                                                      "month_end")), cue_required)
    m = pattern.search(text)
    if not m or not 1 <= int(m["m"]) <= 12:
        return _quarter_end(text, vocab)
    return AsOf(int(m["m"]), int(m["d"]) if m["d"] else None, bool(m["end"]), int(m["y"]) if m["y"] else None)


def _quarter_end(text: str, vocab: Vocab) -> AsOf | None:
    """截至三季度 (末), 截至上半年: the end of the period's last month
    (``document.yaml: period_ends``), only after an as-of cue."""
    d = vocab.document
    ends = {str(k): int(v) for k, v in (d.get("period_ends") or {}).items()}
    if not ends:
        return None
    m = _period_pattern(tuple(d["as_of_cues"]), tuple(d["date_year"]), tuple(ends)).search(text)
    if not m:
        return None
    return AsOf(ends[m["p"]], None, True, int(m["y"]) if m["y"] else None)


@lru_cache(maxsize=8)
def _period_pattern(cues: tuple[str, ...], year: tuple[str, ...], periods: tuple[str, ...]) -> regex.Pattern:
    return regex.compile(alternation(cues) + r"(?:(?P<y>(?:19|20)\d\d)" + alternation(year) + r")?"
                         + r"(?P<p>" + alternation(periods) + ")")


def resolve_as_of(as_of: AsOf | None, year: int | None, published: str | None = None) -> str | None:
    """ISO ``YYYY-MM-DD`` (a day is known, or the end of a month) or ``YYYY-MM``."""
    if as_of is None:
        return None
    y = as_of.year
    if y is None:
        if published:
            py, pm = int(published[:4]), int(published[5:7])
            y = py - 1 if as_of.month > pm else py
        else:
            y = year
    if y is None:
        return None
    if as_of.day:
        day = min(as_of.day, calendar.monthrange(y, as_of.month)[1])
        return f"{y:04d}-{as_of.month:02d}-{day:02d}"
    if as_of.end_of_month:
        return f"{y:04d}-{as_of.month:02d}-{calendar.monthrange(y, as_of.month)[1]:02d}"
    return f"{y:04d}-{as_of.month:02d}"
