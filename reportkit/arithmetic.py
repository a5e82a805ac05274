"""Column roles confirmed by arithmetic: target, actual and percent.

A progress table states, for each row, a target, what was done and the
share done. Whatever its header says, three columns (a, b, p) where
p = 100 * b / a on most rows are that target, actual and percent: the check
tells a count of projects or an annual plan from the quarter's target the
percent measures, and funds received from investment completed. A rate is
compared at the precision it is printed with first (48.15 is 1422596 /
2954712, not 1420619 / 2954712), then within `tuning.RATE_SLACK` points.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from .kinds import decimals, plain_number
from .tuning import NUMERIC_COLUMN, RATE_MAJORITY, RATE_MAX, RATE_SLACK
from .tuning import CAP_REACH, RATE_CAP



@dataclass(frozen=True)
class Triple:
    """Columns (target, actual, percent) and how many rows bear them out."""
    target: int
    actual: int
    percent: int
    rows: int       # rows where all three hold a number (and the target is not 0)
    exact: int      # rows where the rate is actual / target at the precision it is printed
    close: int      # rows within RATE_SLACK points

    @property
    def share(self) -> float:
        return self.close / self.rows if self.rows else 0.0

    def describe(self) -> str:
        return f"{self.close} of {self.rows} rows have percent = actual / target ({self.exact} exactly as printed)"


def agreement(target: float, actual: float, rate: float, places: int) -> tuple[bool, bool]:
    """(exact, close): whether `rate` is 100 * actual / target as printed with
    `places` decimals, and whether it is within `RATE_SLACK` points. A rate
    printed as a fraction (0.828) counts as its percent; a rate capped at
    100 % where the actual passed the target counts too.

    >>> agreement(2954712, 1422596, 48.15, 2), agreement(2954712, 1420619, 48.15, 2)
    ((True, True), (False, True))
    >>> agreement(93, 101, 100.0, 2), agreement(286, 96, 100.0, 2)
    ((True, True), (False, False))
    """
    if not target:
        return False, False
    share = actual / target * 100
    for value, digits in ((rate, places), (rate * 100, max(0, places - 2))):
        if abs(share - value) <= 0.5 * 10 ** -digits + 1e-9:
            return True, True
        if abs(share - value) <= RATE_SLACK:
            return False, True
    # a rate capped at 100 % where the actual passed the target (101 of 93), not far past it
    capped = rate == RATE_CAP and target <= actual <= target * CAP_REACH
    return capped, capped


def states_share(percent: float, actual: float, target: float, slack: float = RATE_SLACK) -> bool:
    """Whether `percent` is 100 * actual / target: within `slack` points, or
    within half a percent of itself (a large rate rounded: 1530 % for 1528 %).
    Every reader asks this one question when a stated percent is to confirm a
    pair; tables allow `RATE_SLACK`, prose `PROSE_RATE_SLACK`.

    >>> states_share(61, 12290, 20000), states_share(91.7, 60.4, 65.85), states_share(21.85, 2.74, 10.66)
    (True, True, False)
    """
    if not target:
        return False
    return abs(actual / target * 100 - percent) <= max(slack, abs(percent) * 0.005)


Value = Callable[[str], "float | None"]


def numeric_columns(rows: list[list[str]], width: int, value: Value = plain_number) -> list[int]:
    """Columns whose filled cells are mostly numbers alone (85000, 98.0, 48.15%), or
    figures `value` reads (4000人)."""
    out = []
    for j in range(width):
        filled = [r[j] for r in rows if j < len(r) and r[j].strip()]
        nums = sum(1 for c in filled if value(c) is not None)
        if filled and nums >= max(1, NUMERIC_COLUMN * len(filled)):
            out.append(j)
    return out


def find_triples(rows: list[list[str]], width: int, exclude: frozenset[int] = frozenset(),
                 value: Value = plain_number) -> list[Triple]:
    """Every column triple (target, actual, percent) borne out by most rows, the
    best first (`rank`); columns in `exclude` (item numbers, ranks) take no part.
    `value` reads a cell's figure (a number alone by default)."""
    cols = [j for j in numeric_columns(rows, width, value) if j not in exclude]
    values = {j: [value(r[j]) if j < len(r) else None for r in rows] for j in cols}
    places = {j: [decimals(r[j]) if j < len(r) else 0 for r in rows] for j in cols}
    rates = [j for j in cols if all(v is None or 0 <= v <= RATE_MAX for v in values[j])
             and _mostly_bare(rows, j)]
    found = []
    for p in rates:
        for a in cols:
            for b in cols:
                if not a < b < p:
                    continue  # tables write the target, then what was done, then the share
                n = exact = close = 0
                for k in range(len(rows)):
                    t, d, r = values[a][k], values[b][k], values[p][k]
                    if t is None or d is None or r is None or not t:
                        continue
                    n += 1
                    e, c = agreement(t, d, r, places[p][k])
                    exact += e
                    close += c
                # one row proves little: it must agree exactly as printed
                if n and close >= max(1, RATE_MAJORITY * n) and (n > 1 or exact):
                    found.append(Triple(a, b, p, n, exact, close))
    found.sort(key=rank)
    return found


def _mostly_bare(rows: list[list[str]], j: int) -> bool:
    """A column of rates writes numbers alone (98.0, 48.15%), not quantities with units."""
    filled = [r[j] for r in rows if j < len(r) and r[j].strip()]
    return sum(1 for c in filled if plain_number(c) is not None) * 3 >= len(filled) * 2


def disjoint(triples: list[Triple]) -> list[Triple]:
    """The best triples (in `rank` order) that each explain a percent column
    and an actual column no better triple explains: one rate measures one actual."""
    out: list[Triple] = []
    used: set[int] = set()
    for t in triples:
        if t.actual in used or t.percent in used:
            continue
        out.append(t)
        used |= {t.actual, t.percent}
    return out


def rank(t: Triple) -> tuple:
    """Best first: most rows borne out; then columns in the order tables write
    them (target, actual, percent); then most rows exact as printed; then the
    actual nearest its percent, and the leftmost."""
    ordered = t.target < t.actual < t.percent
    return (-t.close, not ordered, -t.exact, t.percent - t.actual, t.actual - t.target, t.percent)
