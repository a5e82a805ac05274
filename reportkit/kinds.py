"""What a table cell holds: its *kind*, read from the cell alone.

Every table reader judges cells the same way: an item number, a number, a
percent, a quantity with its unit, a unit alone, a comparison sign, a status
phrase, an office, a date, a dash, or text (`KINDS`). Finders use kinds to
see structure (rows that repeat one pattern of kinds, columns of figures);
the table reader uses them to put the cells of a row that lost some under
the right columns and to give unnamed columns a role.
"""
from __future__ import annotations

import regex

from .dates import date_word_patterns
from .quantities import extract_quantities
from .vocab import Vocab, derived, memo
from .tuning import ITEM_NUMBER_DIGITS
from .tuning import QUANTITY_WORDS

#: the kinds of cell, in no particular order
KINDS = ("empty", "item_no", "number", "percent", "quantity", "unit", "sign", "status", "dash", "office", "date",
         "text")
#: kinds that state a figure
FIGURES = frozenset({"item_no", "number", "percent", "quantity"})

# an item number, maybe marked as a key item by a star or a triangle before or
# after it (*1., 3★, 5*, 7▲), maybe in brackets; any number of digits
_STARS = "*\uff0a\u203b\u2605\u2606\u25b2\u25b3"
_ITEM_NO = regex.compile(rf"^[{_STARS}]?\s*[(\uff08]?(\d+)[)\uff09]?\s*[.\u3001\uff0e]?\s*[{_STARS}]?$")
# 2.3: the third item of group 2 (two levels of numbering), maybe with a star
_DOTTED_NO = regex.compile(rf"^[{_STARS}]?\s*(\d+)[.\uff0e](\d+)\s*[.\u3001]?\s*[{_STARS}]?$")
_NUMBER = regex.compile(r"^\s*(?P<pre>[^\d\s]{0,3})\s*(?P<num>-?\d[\d,]*(?:\.\d+)?)\s*(?P<post>[^\d]{0,3})\s*$")
_PERCENT_CELL = regex.compile(r"^\s*-?\d+(?:\.\d+)?\s*[%\uff05]")
_DASH = regex.compile(r"^[-\u2014\u2013\uff0d/\\\u2015\s]+$")
_W = date_word_patterns()
_DATE = regex.compile(rf"^\d{{4}}\s*{_W['year']}\s*\d{{1,2}}\s*{_W['month']}|^\d{{4}}[-./]\d{{1,2}}")
_FIRST_NUMBER = regex.compile(r"\d[\d,]*(?:\.\d+)?")
_OFFICE_SEP = regex.compile(r"[\u3001,\uff0c/\s]+")
_SPACES = regex.compile(r"\s+")
_NOTE = regex.compile(r"[(\uff08][^()\uff08\uff09]*[)\uff09]$")
#: comparison signs that may stand in a cell of their own (指标性质: ≥, ＝)
SIGNS = {"\u2265": ">=", "\u2267": ">=", ">=": ">=", "\uff1e=": ">=", "\u2264": "<=", "\u2266": "<=", "<=": "<=",
         ">": ">", "\uff1e": ">", "<": "<", "\uff1c": "<", "=": None, "\uff1d": None, "\u2550": None,
         "\u2261": None}


def item_number(text: str) -> str | None:
    """The number of an item number cell without its decoration: ``7*`` -> 7,
    ``(3)`` -> 3, ``*1.`` -> 1; any number of digits.

    >>> item_number("*1."), item_number("1200"), item_number("9*"), item_number("新建")
    ('1', '1200', '9', None)
    """
    m = _ITEM_NO.match(text.strip())
    return str(int(m.group(1))) if m and len(m.group(1)) <= ITEM_NUMBER_DIGITS else None


def row_number(cell: str) -> tuple[int, ...] | None:
    """The number of a table row: ``7`` is (7,), ``2.3`` is (2, 3), the third item
    of group 2 (a decimal in the item number column is a numbering of two levels).

    >>> row_number("7"), row_number("2.3"), row_number("新建")
    ((7,), (2, 3), None)
    """
    no = item_number(cell)
    if no is not None:
        return (int(no),)
    m = _DOTTED_NO.match(cell.strip())
    return (int(m[1]), int(m[2])) if m else None


def sign_of(text: str) -> tuple[bool, str | None]:
    """(is a comparison sign alone, the qualifier it states): ``≧`` -> (True, '>='), ``═`` -> (True, None)."""
    s = _SPACES.sub("", text)
    return (True, SIGNS[s]) if s in SIGNS else (False, None)


def unit_of(text: str, vocab: Vocab) -> str | None:
    """`text` in its Simplified form if it is nothing but a unit (个, 万人, 個, %), else None."""
    text = _NOTE.sub("", text.strip()) or text.strip()  # %(百分比): the unit, then a note on it
    if not text or len(text) > 8 or _FIRST_NUMBER.search(text):
        return None
    return _unit_of(text, vocab)


@memo()
def _unit_of(text: str, vocab: Vocab) -> str | None:
    simple = (text)
    probe = "1" + simple
    qs = extract_quantities(probe, vocab, simplified=True)
    ok = len(qs) == 1 and qs[0].start == 0 and qs[0].end == len(probe) and (
        qs[0].unit is not None or qs[0].magnitude != 1)
    return simple if ok else None


@derived
def qualifier_words(vocab: Vocab) -> frozenset[str]:
    """Comparison words that may stand around a bare number (以内, 不少于, 约)."""
    words = {"<", ">", "\u2264", "\u2265", "\u2266", "\u2267", "~", "\uff5e"}
    for part in ("before", "rate_only", "after", "inside"):
        for ws in (vocab.qualifiers.get(part) or {}).values():
            words.update(ws)
    return frozenset(words)


def status_phrase(text: str, vocab: Vocab) -> tuple[str, int] | None:
    """The status a short cell states (the longest phrase of ``status.yaml``)
    and the length of that phrase."""
    s = (text)
    best: tuple[int, str] | None = None
    for status, words in vocab.status.items():
        for w in words:
            if w in s and (best is None or len(w) > best[0]):
                best = (len(w), status)
    return (best[1], best[0]) if best else None


def _ends_with_status(text: str, vocab: Vocab) -> bool:
    """A verdict closes its cell: 受汛期影响进度偏慢, 东区站点滞后."""
    s = (text).rstrip("\u3002.;\uff1b")
    return any(s.endswith(w) for words in vocab.status.values() for w in words if len(w) >= 2)


def is_office(text: str, vocab: Vocab) -> bool:
    """Office names, one or several (县公安局、县城管局): each part ends with
    a word of ``tables.yaml: office_suffixes`` and no figure is in them."""
    s = (text.strip())
    if not s or len(s) > 20 or _FIRST_NUMBER.search(s):
        return False
    parts = _OFFICE_SEP.split(s)
    return all(p and p.endswith(tuple(vocab.tables.get("office_suffixes", []))) for p in parts)


@memo()
def cell_kind(text: str, vocab: Vocab) -> str:
    """What a cell holds, one of `KINDS`.

    >>> from reportkit.vocab import load_vocab
    >>> v = load_vocab()
    >>> [cell_kind(t, v) for t in ("3*", "1,028,000", "98.0%", "5200人", "万元", "\u2267", "已完成", "-", "城区供水")]
    ['item_no', 'number', 'percent', 'quantity', 'unit', 'sign', 'status', 'dash', 'text']
    """
    s = text.strip()
    if not s:
        return "empty"
    if _ITEM_NO.match(s):
        return "item_no"
    if sign_of(s)[0]:
        return "sign"
    if _DASH.match(s):
        return "dash"
    if _PERCENT_CELL.match(s) and len(s) <= 30:
        return "percent"
    m = _NUMBER.match(s)
    if m:
        pre, post = m["pre"].strip(), m["post"].strip()
        words = qualifier_words(vocab)
        if not pre or pre in words:
            if post in ("%", "\uff05"):
                return "percent"
            if post and unit_of(post, vocab):
                return "quantity"
            if not post or post in words:
                return "number"
    if unit_of(s, vocab):
        return "unit"
    if _DATE.match(s):
        return "date"
    # a status phrase inside the name of a rate (项目按时完成率) states nothing
    phrase = status_phrase(s, vocab) if len(s) <= 16 and not s.endswith(tuple(vocab.cues["metric_suffixes"])) \
        else None
    if phrase and (phrase[1] * 2 >= len(s) or not _FIRST_NUMBER.search(s) and _ends_with_status(s, vocab)):
        return "status"  # 进度偏慢, 受汛期影响进度偏慢; not 完成危房改造300户 nor 完成危房改造
    if is_office(s, vocab):
        return "office"
    if _FIRST_NUMBER.search(s) and len(s) <= 10:
        qs = extract_quantities(s, vocab, simplified=True)
        # mostly a figure (约5个, 新建3个): a quantity; words with a figure in them (改造老旧小区30个): text
        if qs and len(s) - sum(q.end - q.start for q in qs) <= QUANTITY_WORDS:
            return "quantity"
    return "text"




def plain_number(cell: str) -> float | None:
    """The number a cell holds alone (85000, 83.0%, 1,200, -11.8), else None.

    >>> plain_number("1,028,000"), plain_number("83.0%"), plain_number("约5个")
    (1028000.0, 83.0, None)
    """
    m = _NUMBER.match(cell)
    if not m or m["pre"].strip() or m["post"].strip() not in ("", "%", "\uff05"):
        return None
    return float(m["num"].replace(",", ""))


def decimals(cell: str) -> int:
    """How many decimal places the number of a cell is written with (rounding of a printed rate)."""
    m = _NUMBER.match(cell)
    if not m or "." not in m["num"]:
        return 0
    return len(m["num"].split(".")[1])
