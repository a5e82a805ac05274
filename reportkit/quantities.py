"""Stage 7: find quantities in text - a pure function from text to values.

``extract_quantities("培育市场经营主体1.2万家以上")`` returns one
`Quantity(value=12000, unit="家", qualifier=">=")`. The text is read in its
Simplified form (Traditional input is converted first, so 萬 個 畝 need no
vocabulary of their own); units, magnitudes, qualifiers and the phrases that
are *not* quantities all come from the YAML vocabulary.

What counts as a quantity: a number (Arabic, with thousands separators and
decimals; or Chinese numerals such as 十五, 两万三千, 百分之九十五) with a
known unit or a magnitude (480万), or a percent / per-mille. What does not:
ordinals and ranks (第12名, 三季度, 四星级), dates (10月26日, 2023年底), document
numbers (〔2021〕9号), numbers in titles and quotes (《山区26县…》, “十四五”),
rate denominators (每百亿元, 每万人) and the idioms listed in
``units.yaml: not_quantities`` (一批, 二期).
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

import regex

from .models import Quantity
from .script import to_simplified
from .vocab import Vocab, load_vocab

_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
              "六": 6, "七": 7, "八": 8, "九": 9}
_CN_SMALL = {"十": 10, "百": 100, "千": 1000}
_CN_BIG = {"万": 10_000, "亿": 100_000_000}

NUM_AR = r"\d+(?:,\d{3})*(?:\.\d+)?"
NUM_CN = r"[零〇一二两三四五六七八九十][零〇一二两三四五六七八九十百千万亿]*"
_DASHES = "-~～—–至到"

# Brackets whose content is a name, not a measurement.
_QUOTE_PAIRS = {"《": "》", "“": "”", "「": "」", "『": "』", "〔": "〕", "【": "】", "\"": "\""}
_ANY_NUMBER = regex.compile(r"\d|[零〇一二两三四五六七八九十]|百分之")
_PAREN_CHARS = regex.compile(r"[()\uff08\uff09]")
_QUOTE_CHARS = regex.compile("[" + regex.escape("".join(_QUOTE_PAIRS)) + "]")


def parse_chinese_number(text: str) -> int:
    """Value of a Chinese numeral: 十五 -> 15, 两万三千 -> 23000, 二〇二一 -> 2021.

    Colloquial shortenings are read as spoken: 一万二 -> 12000, 一百五 -> 150.
    """
    if len(text) > 1 and all(c in _CN_DIGITS for c in text):
        return int("".join(str(_CN_DIGITS[c]) for c in text))
    total = section = number = 0
    last_unit = 0
    for c in text:
        if c in _CN_DIGITS:
            number = _CN_DIGITS[c]
        elif c in _CN_SMALL:
            section += (number or 1) * _CN_SMALL[c]
            number, last_unit = 0, _CN_SMALL[c]
        elif c in _CN_BIG:
            section += number
            if c == "万":
                total += section * _CN_BIG[c]
            else:
                total = (total + section) * _CN_BIG[c]
            section = number = 0
            last_unit = _CN_BIG[c]
        else:
            raise ValueError(f"not a Chinese numeral: {text!r}")
    if number and last_unit >= 10 and text[-2] not in _CN_DIGITS and text[-2] != "零":
        number *= last_unit // 10  # 一万二 = 12000
    return total + section + number


def parse_number(text: str) -> Decimal:
    """Arabic or Chinese numeral text -> Decimal."""
    if text[0].isdigit():
        return Decimal(text.replace(",", ""))
    return Decimal(parse_chinese_number(text))


@dataclass(frozen=True)
class _Grammar:
    pattern: Any
    units: dict[str, str]            # written form -> canonical unit
    magnitudes: dict[str, Decimal]
    before: list[tuple[str, str]]    # (word, op), longest first
    rate_only: list[tuple[str, str]]
    after: list[tuple[str, str]]
    inside: dict[str, str]
    not_after: Any                   # compiled: words that may not follow
    not_quantities: Any              # compiled: idioms that start like a quantity
    implied_money: tuple[str, ...]
    percent_units: frozenset[str]
    before_re: Any = None            # compiled: qualifier words ending at a number
    rate_only_re: Any = None
    before_ops: dict | None = None   # word -> comparison
    rate_only_ops: dict | None = None


_GRAMMARS: dict[int, tuple[Vocab, _Grammar]] = {}


def _alt(words) -> str:
    return "|".join(regex.escape(w) for w in sorted(set(words), key=len, reverse=True))


def _ops(mapping: dict[str, list[str]] | None) -> list[tuple[str, str]]:
    pairs = [(w, op) for op, words in (mapping or {}).items() for w in words]
    return sorted(pairs, key=lambda p: len(p[0]), reverse=True)


def _grammar(vocab: Vocab) -> _Grammar:
    cached = _GRAMMARS.get(id(vocab))
    if cached and cached[0] is vocab:
        return cached[1]
    u = vocab.units
    units: dict[str, str] = {}
    for family_units in u["families"].values():
        units.update({str(w): str(w) for w in family_units})
    units.update({str(w): str(w) for w in u.get("generic", [])})
    units.update({str(k): str(v) for k, v in (u.get("aliases") or {}).items()})
    magnitudes = {str(k): Decimal(str(v)) for k, v in u["magnitudes"].items()}
    q = vocab.qualifiers
    inside = {w: op for op, words in (q.get("inside") or {}).items() for w in words}
    implied = tuple(u.get("implied_money", []))
    # 个亿: the counter 个 standing before a magnitude means an amount of money
    implied_alt = "|".join(
        f"{regex.escape(p[:-len(mg)])}(?={regex.escape(mg)})"
        for p in implied for mg in sorted(magnitudes, key=len, reverse=True)
        if p.endswith(mg) and len(p) > len(mg)) or "(?!)"
    ins = _alt(inside) or "(?!)"
    pattern = regex.compile(
        rf"(?P<pct>百分之(?P<pnum>{NUM_AR}|{NUM_CN}|百))"
        rf"|(?P<num>{NUM_AR}|{NUM_CN})"
        rf"(?:\s*(?P<dash>[{_DASHES}])\s*(?P<num2>{NUM_AR}|{NUM_CN}))?"
        rf"(?P<in1>{ins})?"
        rf"(?P<imp>{implied_alt})?"
        rf"(?:(?P<mag>{_alt(magnitudes)})(?P<in2>{ins})?\s?(?P<unit>{_alt(units)})?"
        rf"|\s?(?P<unit2>{_alt(units)}))")
    percent_units = frozenset(u["families"].get("percent", []))
    before, rate_only = _ops(q.get("before")), _ops(q.get("rate_only"))
    grammar = _Grammar(
        pattern=pattern, units=units, magnitudes=magnitudes,
        before=before, rate_only=rate_only, after=_ops(q.get("after")),
        inside=inside, not_after=_compiled(u.get("not_after_unit", [])),
        not_quantities=_compiled(u.get("not_quantities", [])), implied_money=implied,
        percent_units=percent_units,
        before_re=regex.compile(f"(?:{_alt(w for w, _ in before) or '(?!)'})$"),
        rate_only_re=regex.compile(f"(?<!下)(?:{_alt(w for w, _ in rate_only) or '(?!)'})$"),
        before_ops=dict(before), rate_only_ops=dict(rate_only))
    _GRAMMARS[id(vocab)] = (vocab, grammar)
    return grammar


def _compiled(words) -> Any:
    return regex.compile(_alt(words) or "(?!)")


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    """Spans inside 《》 “” 「」 〔〕 【】 and ASCII double quotes (outermost)."""
    spans: list[tuple[int, int]] = []
    stack: list[tuple[str, int]] = []
    for m in _QUOTE_CHARS.finditer(text):
        ch, i = m.group(0), m.start()
        if stack and ch == _QUOTE_PAIRS[stack[-1][0]]:
            _, start = stack.pop()
            if not stack:
                spans.append((start, i))
        elif ch in _QUOTE_PAIRS:
            stack.append((ch, i))
    return spans


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(a < pos < b for a, b in spans)


def _to_float(d: Decimal) -> float:
    f = float(d)
    return float(int(f)) if f == int(f) and abs(f) < 1e15 else f


def extract_quantities(text: str, vocab: Vocab | None = None, simplified: bool = False) -> list[Quantity]:
    """All quantities in `text`, in order of appearance.

    `simplified=True` says the text is already Simplified (skips conversion).
    Positions in the result index that Simplified text.
    """
    if not text:
        return []
    vocab = vocab or load_vocab()
    g = _grammar(vocab)
    s = text if simplified else to_simplified(text)
    if not _ANY_NUMBER.search(s):
        return []
    quoted = parens = None  # found only once a quantity needs them
    out: list[Quantity] = []
    for m in g.pattern.finditer(s):
        q = _read_match(m, s, g)
        if q is None:
            continue
        if quoted is None:
            quoted = _quoted_spans(s) if _QUOTE_CHARS.search(s) else []
            parens = _paren_spans(s) if "(" in s or "\uff08" in s else []
        if quoted and _inside(q.start, quoted):
            continue
        if parens and _inside(q.start, parens):
            q = replace(q, in_parens=True)
        out.append(q)
    return out


def _paren_spans(s: str) -> list[tuple[int, int]]:
    spans, stack = [], []
    for m in _PAREN_CHARS.finditer(s):
        if m.group(0) in "(\uff08":
            stack.append(m.start())
        elif stack:
            spans.append((stack.pop(), m.start()))
    return spans


def _read_match(m, s: str, g: _Grammar) -> Quantity | None:
    start, end = m.start(), m.end()
    prev = s[start - 1] if start else ""
    if m["pct"]:
        raw = m["pnum"]
        value = Decimal(100) if raw == "百" else parse_number(raw)
        return Quantity(_to_float(value), "%", _qualifier(s, start, end, "%", g), s[start:end], start, end)

    num = m["num"]
    unit_written = m["unit"] or m["unit2"]
    # a number glued to letters or digits is a code (5G, GM2D, PCT), not an amount
    if prev and (prev.isascii() and prev.isalnum() or prev in ".。" and start > 1 and s[start - 2].isdigit()):
        return None
    if prev in ("第", "每") or s[max(0, start - 2):start] in ("每个",):
        return None
    if not num[0].isdigit():
        if num[0] in "百千万亿":
            return None
        idiom = g.not_quantities.match(s, start)
        if idiom and idiom.end() >= end:  # 一批 is an idiom, 一批次 a quantity
            return None

    unit = g.units.get(unit_written) if unit_written else None
    mag = Decimal(1)
    if m["mag"]:
        mag = g.magnitudes[m["mag"]]
    if m["imp"]:
        if not m["mag"]:
            return None  # 2个 followed by 亿 only counts with the magnitude
        unit = unit or "元"
    # a dangling "个" that the unit alternation took as 个 in 三个月 etc.
    if g.not_after.match(s, end):
        if unit_written and len(unit_written) == 1 or not unit_written:
            return None
    if unit is None and not m["mag"]:
        # a bare number: only a date or code in these reports
        return None
    if m["mag"] and unit is None and not num[0].isdigit():
        return None  # Chinese numerals already include magnitudes: 三万 needs a unit
    # a Chinese numeral must have a unit
    if not num[0].isdigit() and unit is None:
        return None
    value = parse_number(num) * mag
    value_max = None
    if m["num2"]:
        value_max = _to_float(parse_number(m["num2"]) * mag)
    qualifier = None
    for part in (m["in1"], m["in2"]):
        if part:
            qualifier = g.inside.get(part, qualifier)
    q_outer = _qualifier(s, start, end, unit, g)
    qualifier = q_outer or qualifier
    return Quantity(_to_float(value), unit, qualifier, s[start:end], start, end,
                    value_max=value_max, magnitude=float(mag))


def _qualifier(s: str, start: int, end: int, unit: str | None, g: _Grammar) -> str | None:
    head = s[max(0, start - 5):start]
    m = g.before_re.search(head)
    if m:
        return (g.before_ops or {})[m.group(0)]
    if unit in g.percent_units:
        m = g.rate_only_re.search(head)
        if m:
            return (g.rate_only_ops or {})[m.group(0)]
    tail = s[end:end + 3]
    for word, op in g.after:
        if tail.startswith(word):
            return op
    return None
