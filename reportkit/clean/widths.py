"""Turn fullwidth digits and letters into ASCII, and ％ ． inside numbers.

``３３００家`` -> ``3300家``; ``８１．６１％`` -> ``81.61%``. Fullwidth
punctuation elsewhere (``,`` ``(一)``) is left alone: it is part of how the
report is written, and the parsers accept both widths.
"""
from __future__ import annotations

import regex

_FULLWIDTH_ALNUM = {c: c - 0xFEE0 for c in range(0xFF10, 0xFF1A)}          # ０-９
_FULLWIDTH_ALNUM.update({c: c - 0xFEE0 for c in range(0xFF21, 0xFF3B)})     # Ａ-Ｚ
_FULLWIDTH_ALNUM.update({c: c - 0xFEE0 for c in range(0xFF41, 0xFF5B)})     # ａ-ｚ

_POINT = regex.compile(r"(?<=\d)[．。](?=\d)")
_PERCENT = regex.compile(r"(?<=\d)[％]")
_FULLWIDTH_CHAR = regex.compile(r"[\uff05\uff10-\uff5a]")


def may_be_wide(text: str) -> bool:
    """False when `text` holds no fullwidth digit, letter or ％ (nothing to narrow)."""
    return _FULLWIDTH_CHAR.search(text) is not None


def narrow_alnum(line: str) -> str:
    """Fullwidth digits and letters to ASCII; ％/． only next to digits.

    >>> narrow_alnum("８１．６１％")
    '81.61%'
    """
    if not _FULLWIDTH_CHAR.search(line):
        return line
    line = line.translate(_FULLWIDTH_ALNUM)
    line = _POINT.sub(".", line)
    return _PERCENT.sub("%", line)
