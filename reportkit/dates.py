"""As-of dates: from a table header (``截至10月底``) or a cell (``截至10月26日``).

A date written without a year takes the document's year (its title, its
publication date, or the year it mentions most). A month later than the
publication month belongs to the year before: a report published in
February 2021 about "12月" speaks of December 2020.
"""
from __future__ import annotations

import calendar

import regex

from .columns import AsOf
from .script import to_simplified

_CELL_AS_OF = regex.compile(r"(?:截至|截止|截止到|截至到)(?:(?P<y>(?:19|20)\d\d)年)?(?P<m>\d{1,2})月(?:(?P<d>\d{1,2})日|(?P<end>底|末))?")


def cell_as_of(text: str | None) -> AsOf | None:
    """The first ``截至…`` date in a cell, if any."""
    if not text:
        return None
    m = _CELL_AS_OF.search(to_simplified(text))
    if not m or not 1 <= int(m["m"]) <= 12:
        return None
    return AsOf(int(m["m"]), int(m["d"]) if m["d"] else None, bool(m["end"]), int(m["y"]) if m["y"] else None)


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
