"""Outline markers: 一、 (一) 1. 1、 (1) ① 一是, read from the start of a text.

`match_marker` returns the kind of marker (its nesting family), its number
and where it ends. Text that only looks like a marker is refused:
``2021年`` (no separator), ``1.2万`` (a decimal), ``5G+`` (no separator).
"""
from __future__ import annotations

from dataclasses import dataclass

import regex

from .vocab import package_data
from .tuning import ITEM_NUMBER_DIGITS


def _words() -> tuple[str, str, str, str, str]:
    """The numerals one to ten, the enumeration word (一是) and the date words,
    from the shipped vocabulary (`units.yaml: numerals`, `cues.yaml`, `document.yaml`)."""
    data = package_data()
    numerals = data["units"]["numerals"]
    by_value: dict[int, str] = {}
    for word, value in numerals["digits"].items():
        by_value.setdefault(int(value), word)
    ten = next(w for w, v in numerals["small"].items() if v == 10)
    digits = "".join(by_value[v] for v in range(1, 10)) + ten
    enumeration = "|".join(map(regex.escape, data["cues"]["enumeration"]))
    prefix = "|".join(map(regex.escape, data["cues"].get("enumeration_prefix", []))) or "(?!)"
    doc = data["document"]
    year, month_day = (regex.escape(doc["date_year"][0]),
                       regex.escape(doc["date_month"][0]) + r"\d{1,2}" + regex.escape(doc["date_day"][0]))
    return digits, enumeration, prefix, year, month_day


_CN, _ENUMERATION, _ENUM_PREFIX, _YEAR_WORD, _MONTH_DAY = _words()
#: the numerals of outline markers, one to ten: (一) … (十)
MARKER_NUMERALS = _CN
_CIRCLED = "".join(chr(c) for c in range(0x2460, 0x2474))  # the circled numbers 1 to 20

# 一是 二是: an enumeration inside a paragraph
_SHI = rf"(?P<prefix>{_ENUM_PREFIX})?(?P<n>[{_CN}]{{1,2}})(?:{_ENUMERATION})(?=\S)"

# kind -> pattern; the order is the usual nesting order of Chinese outlines
_PATTERNS: list[tuple[str, regex.Pattern]] = [
    ("cn", regex.compile(rf"^\s*(?P<n>[{_CN}]{{1,3}})\s*(?:\u3001|[.\uff0e](?!\d))")),
    ("cn_paren", regex.compile(rf"^\s*[(\uff08]\s*(?P<n>[{_CN}]{{1,3}})\s*[)\uff09]\s*[\u3001.]?")),
    # numbers of up to ITEM_NUMBER_DIGITS digits: long lists of items run past 999
    ("num", regex.compile(
        rf"^\s*(?P<n>\d{{1,{ITEM_NUMBER_DIGITS}}})\s*(?:[\u3001\uff0e]|\.(?!\d)|\.(?=(?:19|20)\d\d{_YEAR_WORD}|\d{{1,2}}{_MONTH_DAY}))\.?")),
    ("num_paren", regex.compile(rf"^\s*[(\uff08]\s*(?P<n>\d{{1,{ITEM_NUMBER_DIGITS}}})\s*[)\uff09]\s*[\u3001.]?")),
    ("circled", regex.compile(rf"^\s*(?P<n>[{_CIRCLED}])")),
    ("shi", regex.compile(rf"^\s*{_SHI}")),
]
# a number marker whose dot is followed by a digit (2.1200个…): a marker only
# where the list expects that number
_NUM_DECIMAL_DOT = regex.compile(r"^\s*(?P<n>\d{1,2})\.(?=\d)")
KINDS = tuple(k for k, _ in _PATTERNS)
# what every marker opens with: most lines are told apart by one look
_MARKER_START = regex.compile(rf"\s*[{_CN}\d(\uff08{_CIRCLED}]")

# 一是 … 二是 … inside a paragraph, after the end of a sentence
ENUM_IN_TEXT = regex.compile(rf"(?:(?<=^)|(?<=[。;;!?\uff1b\uff01\uff1f:\uff1a]))\s*{_SHI}")
# the same after any clause break, as in paragraphs without an outline (…上,一是…)
ENUM_AFTER_CLAUSE = regex.compile(
    rf"(?:(?<=^)|(?<=[。;;!?\uff1b\uff01\uff1f:\uff1a,\uff0c]))\s*{_SHI}")


@dataclass(frozen=True)
class Marker:
    kind: str
    number: int
    text: str      # the marker as written, stripped: "(一)", "1.", "一是"
    end: int       # index just after the marker in the matched text

    @property
    def label(self) -> str:
        """The marker as it appears in an item path: 三 (一) 2 (1) ① 一是."""
        if self.kind == "cn":
            return cn_numeral(self.number)
        if self.kind == "cn_paren":
            return f"({cn_numeral(self.number)})"
        if self.kind == "num":
            return str(self.number)
        if self.kind == "num_paren":
            return f"({self.number})"
        if self.kind == "shi":
            return self.text
        return self.text


_TEN = _CN[-1]


def cn_value(s: str) -> int:
    """Value of a marker numeral 一 … 九十九; 0 for what is none (一一十)."""
    if s == _TEN:
        return 10
    if _TEN in s:
        a, _, b = s.partition(_TEN)
        if len(a) > 1 or len(b) > 1 or (a and a not in _CN) or (b and b not in _CN):
            return 0
        return (_CN.index(a) + 1 if a else 1) * 10 + (_CN.index(b) + 1 if b else 0)
    return _CN.index(s) + 1 if len(s) == 1 and s in _CN else 0


def numeral_label(text: str) -> int:
    """The number a cell holding only a Chinese-numeral label gives (一, （二）,
    三、); 0 when it holds anything else.

    >>> numeral_label("（二）"), numeral_label("十二、"), numeral_label("产业项目")
    (2, 12, 0)
    """
    return cn_value(text.strip().strip("(\uff08)\uff09").rstrip("\u3001.\uff0e"))


def cn_numeral(n: int) -> str:
    if n <= 10:
        return _CN[n - 1]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else _CN[tens - 1]) + _TEN + (_CN[ones - 1] if ones else "")


def match_marker(text: str, decimal_dot: bool = False) -> Marker | None:
    """The outline marker at the start of `text`, if any; `decimal_dot` also
    reads ``2.1200…`` as the number marker 2 (for a caller that expects it)."""
    if decimal_dot:
        m = _NUM_DECIMAL_DOT.match(text)
        return Marker("num", int(m["n"]), m.group(0).strip(), m.end()) if m and int(m["n"]) > 0 else None
    if not _MARKER_START.match(text):
        return None
    for kind, pattern in _PATTERNS:
        m = pattern.match(text)
        if not m:
            continue
        raw = m["n"]
        if kind in ("num", "num_paren"):
            number = int(raw)
        elif kind == "circled":
            number = _CIRCLED.index(raw) + 1
        else:
            number = cn_value(raw)
        if number <= 0:
            continue
        return Marker(kind, number, m.group(0).strip(), m.end())
    return None
