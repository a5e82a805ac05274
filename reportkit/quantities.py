"""Stage 7: find quantities in text - a pure function from text to values.

``extract_quantities("培育市场经营主体1.2万家以上")`` returns one
`Quantity(value=12000, unit="家", qualifier=">=")`. The text is read in its
Simplified form (Traditional input is converted first, so 萬 個 畝 need no
vocabulary of their own); units, magnitudes, numerals, qualifiers and the
phrases that are *not* quantities all come from the YAML vocabulary
(``units.yaml``, ``qualifiers.yaml``). The grammar is one regular expression
built from that vocabulary; every pattern in it is linear (numbers are
matched possessively and never restart inside a run of digits), so a line
of any length is read in time proportional to its length.

What counts as a quantity:

* a number with a known unit or a magnitude: 3300家, 480万, 1.2万家,
  thousands separators (1,538.9亿元), fullwidth digits (１１３．８％),
  Chinese numerals (十五个, 两万三千家), compound amounts (12亿4,045万元,
  1兆948.18亿元, 5亿零800万元, 5万零300元), a sign (-3.5%, 亏损-120万元);
* a noun that names what is counted reads as its unit where ``units.yaml:
  aliases`` says so (1.2万群众 = 12000 人), also past a qualifier word after a
  bare magnitude when the unit counts people (1000万以上农村贫困人口);
* a percent or per-mille, a fraction (百分之九十五, 三分之一 = 33.3 %,
  千分之三 = 3 ‰) or a fixed share (一半 = 50 %);
* a multiple (3倍, 翻两番 = 4 倍) and a duration (提前2年, 三个月, 25.9日);
* a range (3-5家, 1亿-1.5亿元, 7%—7.5%): `value` is the lower end,
  `value_max` the upper end, and the range reads ">=" unless an
  approximation word (左右) is attached.

What does not: ordinals and ranks (第12名, 十四届八次全会, 三季度), dates
(10月26日, 2023年底, 2021—2025年), document numbers (〔2021〕9号), numbers
in titles (《十条标准》) and quoted names (“最后一公里”; a quote that ends
with a figure in digits, such as a cited promise “缩短25%”, still counts),
rate denominators (每百亿元, 每万人) and the idioms listed in
``units.yaml: not_quantities`` (一批, 二期, 一户一档). A magnitude written
with a character that is no numeral of the vocabulary (兆, also "mega" in
兆帕 or 100兆宽带) counts only before a unit or a smaller magnitude.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

import regex

from .clauses import SENTENCE_BREAK
from .models import Quantity
from .script import to_simplified
from .vocab import Vocab, derived, load_vocab
from .tuning import MAX_DIGITS, MAX_NUMERAL, PER_PREFIX_REACH, QUALIFIER_OF_REACH

_NO_MATCH = "(?!)"
_HEAD_GROUPS = ("num", "in1", "imp", "mag", "cmp", "in2", "unit", "per")
_ONE = Decimal(1)
_SPACE_IN_UNIT = "[ \t\u3000]?"   # a dump may split a unit: 99601公 顷


def _alt(words) -> str:
    """Alternation of literal words, longest first (so 万亿 wins over 万)."""
    return "|".join(regex.escape(w) for w in sorted(set(words), key=len, reverse=True)) or _NO_MATCH


def _ops(mapping: dict[str, list[str]] | None) -> dict[str, str]:
    return {str(w): op for op, words in (mapping or {}).items() for w in words}


def _ending(words, extra: str = "") -> Any:
    """Pattern that finds one of `words` (group ``w``) at the end of a short head of text."""
    return regex.compile(f"(?P<w>{_alt(words)}){extra}$")


def _numeral_parts(numerals: dict[str, Any]) -> tuple[str, str]:
    """(first character class, following character class) of a Chinese numeral."""
    digits = "".join(numerals["digits"])
    ten = "".join(w for w, v in numerals["small"].items() if v == 10)
    rest = digits + "".join(numerals["small"]) + "".join(numerals["big"])
    return regex.escape(digits + ten), regex.escape(rest)


def _numeral_pattern(numerals: dict[str, Any]) -> str:
    first, rest = _numeral_parts(numerals)
    return f"[{first}][{rest}]*+"


#: An Arabic number: digits, thousands separators, a (fullwidth) decimal point.
NUM_AR = r"\d++(?:,\d{3}+(?!\d))*+(?:[.\uff0e]\d++)?+"
#: A Chinese numeral of the package vocabulary (十五, 两万三千, 二〇二一).
NUM_CN = _numeral_pattern(load_vocab().units["numerals"])


@dataclass(frozen=True)
class _Grammar:
    """Everything the reader needs, derived once per vocabulary."""
    pattern: Any
    any_number: Any
    units: dict[str, str]             # written form (no spaces) -> canonical unit
    magnitudes: dict[str, Decimal]
    digits: dict[str, int]
    small: dict[str, int]
    big: dict[str, int]
    inside: dict[str, str]
    before: dict[str, str]
    rate_only: dict[str, str]
    after: dict[str, str]
    before_re: Any
    rate_only_re: Any
    after_re: Any
    not_qualifier_re: Any
    not_before_re: Any
    not_after_unit: Any
    not_after: dict[str, Any]
    not_quantities: Any
    calendar_units: frozenset[str]
    calendar_before_re: Any
    calendar_after_re: Any
    fraction_units: dict[str, str]
    share_unit: str                   # the unit of a share (三分之一, 一半) and how many make a whole
    share_whole: Decimal
    fixed_percents: dict[str, Decimal]
    doubling_unit: str
    percent_units: frozenset[str]
    money_unit: str
    unit_bound: frozenset[str]        # magnitudes that count only before a unit or a compound part
    unit_re: Any                      # a unit, matched on its own
    past_qualifier_units: frozenset[str]  # canonical units read past a qualifier word (people)
    range_op: str | None
    range_keeps: frozenset[str]
    approximate_op: str | None
    before_not_for: dict[str, frozenset[str]]
    unit_family: dict[str, str]
    unit_not_before: dict[str, Any]
    titles: dict[str, str]
    quotes: dict[str, str]
    bracket_chars: Any
    clause_marks: Any
    minus_signs: str
    window: int                       # how far back words before a number are looked for
    numeral_chars: frozenset[str]
    numeral_words: Any
    numeral_words_len: int
    arabic_only: frozenset[str]
    not_after_numeral: dict[str, Any]
    # first or last characters of the words looked for, to skip the search cheaply
    not_before_last: frozenset[str]
    before_last: frozenset[str]
    after_first: frozenset[str]
    after_unit_first: frozenset[str]
    # positions of the groups in Match.groups()
    i_num: int
    i_frac: int
    i_fnum: int
    i_num2: int
    i_dash: int
    i_unit: int
    i_unit2: int
    i_per: int
    i_per2: int
    per_mark: str
    of_word: str                      # 的 closing what a comparison is made with
    before_of_re: Any                 # 不低于 … 的 just before a number
    per_prefix_re: Any                # 每人每月 just before a number: its unit is counted per person and month
    i_mag: int
    i_mag2: int
    i_imp: int
    i_cmp: int
    i_pct: int
    i_pden: int
    i_pnum: int
    i_fixed: int
    i_dnum: int
    i_inside: tuple[int, ...]
    i_inside_range: tuple[int, ...]



def _unit_alt(written) -> str:
    """Units as a prefix tree (one branch per first character, so that a
    match tries only the units that can start there), longest first; a stray
    space may stand inside a unit of two or more characters.

    >>> _unit_alt(["个", "个月", "人次", "元"]).replace(_SPACE_IN_UNIT, "_")
    '个(?:_月)?|人_次|元'
    """
    return _prefix_tree(sorted(set(written), key=lambda w: (-len(w), w))) or _NO_MATCH


def _prefix_tree(words: list[str]) -> str:
    """An alternation of `words` (longest first) that shares their first characters."""
    branches: dict[str, list[str]] = {}
    for w in words:
        branches.setdefault(w[0], []).append(w[1:])
    parts = []
    for head, rests in branches.items():
        longer = [r for r in rests if r]
        tail = _prefix_tree(longer) if longer else ""
        if tail:
            group = f"(?:{tail})" if "|" in tail else tail
            tail = _SPACE_IN_UNIT + group
            tail = f"(?:{tail})?" if "" in rests else tail
        parts.append(regex.escape(head) + tail)
    return "|".join(parts)


def _magnitude_alt(magnitudes, units) -> str:
    """Magnitudes, longest first, each unless it begins a unit: 千 but not in
    5千克 or 10千伏, 百 but not in 0.5百分点."""
    parts = []
    for mg in sorted(magnitudes, key=len, reverse=True):
        rests = [w[len(mg):] for w in units if w.startswith(mg) and len(w) > len(mg)]
        parts.append(regex.escape(mg) + (f"(?!{_alt(rests)})" if rests else ""))
    return "|".join(parts) or _NO_MATCH


def _number_pattern(u: dict[str, Any], units: dict[str, str], minus: str) -> str:
    """An Arabic number (with an optional sign) or a Chinese numeral.

    A dash after a digit, a unit or a numeral joins two numbers; elsewhere it
    is a minus sign. A number never starts inside another number or a code
    (PM2.5, GM2D, 3.5), and a four-digit year before a calendar unit is a
    date (2023年). The lookbehinds stand after the first character, so the
    scanner only tests them where a number can start.
    """
    cn_first, cn_rest = _numeral_parts(u["numerals"])
    unit_ends = regex.escape("".join(sorted({w[-1] for w in units})))
    sign = f"[{regex.escape(minus)}](?<![0-9A-Za-z%\u2030{cn_rest}{unit_ends}].)" if minus else _NO_MATCH
    cal_units = _alt((u.get("calendar") or {}).get("units", []))
    unsigned = (rf"\d(?<![0-9A-Za-z\d].)(?<!\d[.\uff0e\u3002].)(?!\d{{3}}+(?:{cal_units}))"
                rf"\d*+(?:,\d{{3}}+(?!\d))*+(?:[.\uff0e]\d++)?+")
    chinese = f"[{cn_first}](?<![{cn_rest}].)[{cn_rest}]*+"
    return f"(?:{sign})?{unsigned}|{chinese}"


def _rate_unit_pattern(per_units: dict[str, Any]) -> str:
    """The part of a rate unit after its unit: ／月 in 160元/月, ／人·年 in 610元/人·年."""
    marks, joiners = "".join(per_units.get("marks", [])), "".join(per_units.get("joiners", []))
    if not marks or not per_units.get("words"):
        return _NO_MATCH
    word = _alt(per_units["words"])
    glued = per_units.get("glued_periods") or []
    second = f"[{regex.escape(joiners)}](?:{word})" if joiners else ""
    if glued:   # 元/人月: a period glued to the first word (not the start of a word: 月份, 年度)
        stop = _alt(per_units.get("glued_not_before") or []) or _NO_MATCH
        second = "|".join(x for x in (second, f"(?:{_alt(glued)})(?!{stop})") if x)
    return f"[{regex.escape(marks)}](?:{word})(?:{second})?" if second else f"[{regex.escape(marks)}](?:{word})"


def _per_prefix(per_units: dict[str, Any]) -> Any:
    """每人每月 (or 每亩) written just before a number: the words it is counted per."""
    each = per_units.get("each")
    if not each or not per_units.get("words"):
        return regex.compile(_NO_MATCH)
    word = _alt(per_units["words"])
    return regex.compile(rf"{regex.escape(each)}(?P<a>{word})(?:{regex.escape(each)}(?P<b>{word}))?\Z")


def build_grammar(vocab: Vocab) -> None:
    """Build the quantity grammar of `vocab` now (it is kept for later), so
    that a config's mistakes surface when it is loaded."""
    _grammar(vocab)


@derived
def _grammar(vocab: Vocab) -> _Grammar:
    u, q = vocab.units, vocab.qualifiers
    units: dict[str, str] = {}
    for family_units in u["families"].values():
        units.update({str(w): str(w) for w in family_units})
    units.update({str(w): str(w) for w in u.get("generic", [])})
    units.update({str(k): str(v) for k, v in (u.get("aliases") or {}).items()})
    magnitudes = {str(k): Decimal(str(v)) for k, v in u["magnitudes"].items()}
    numerals = u["numerals"]
    inside = _ops(q.get("inside"))
    implied = [str(w) for w in u.get("implied_money", [])]
    # 个亿: the counter 个 standing before a magnitude means an amount of money
    implied_alt = "|".join(
        f"{regex.escape(p[:-len(mg)])}(?={regex.escape(mg)})"
        for p in implied for mg in sorted(magnitudes, key=len, reverse=True)
        if p.endswith(mg) and len(p) > len(mg)) or _NO_MATCH
    fractions = u.get("fractions") or {}
    doubling = u.get("doubling") or {}
    fixed = {str(k): Decimal(str(v)) for k, v in (u.get("fixed_percents") or {}).items()}

    cn_first, _ = _numeral_parts(numerals)
    numeral_chars = frozenset(numerals["digits"]) | frozenset(numerals["small"]) | frozenset(numerals["big"])
    num_cn = _numeral_pattern(numerals)
    minus = "".join(u.get("minus_signs", []))
    number = _number_pattern(u, units, minus)
    mags = _magnitude_alt(magnitudes, units)
    unit_alt = _unit_alt(units)
    ins = _alt(inside)
    # the parts after the first of a compound amount: 12亿 4,045万 3千 元, 5亿 零800万 元,
    # and a last part with no magnitude after a zero: 5万 零300 元
    sub_mags = _alt(w for w in magnitudes if len(w) == 1)
    zeros = _alt(w for w, v in numerals["digits"].items() if v == 0)
    compound = rf"(?:(?:{zeros})?{NUM_AR}(?:{sub_mags})){{1,3}}(?:(?:{zeros})\d++)?|(?:{zeros})\d++"
    dashes = regex.escape("".join(u.get("range_dashes", [])))
    small_mags = _alt(list(numerals["small"]) + list(numerals["big"]))
    frac_marker = regex.escape(str(fractions.get("marker", ""))) if fractions else _NO_MATCH
    dbl_verbs = _alt(doubling.get("verbs", []))
    dbl_counter = regex.escape(str(doubling.get("counter", ""))) if doubling else _NO_MATCH
    per = _rate_unit_pattern(u.get("per_units") or {})

    pattern = regex.compile(
        # 百分之九十五, 千分之三: a magnitude as the denominator
        rf"(?P<pct>(?P<pden>{small_mags}){frac_marker}(?P<pnum>{NUM_AR}|{num_cn}|{small_mags}))"
        rf"|(?P<fixed>{_alt(fixed)})"
        rf"|(?P<dbl>(?:{dbl_verbs})(?P<dnum>\d++|{num_cn}){dbl_counter}|{_alt(doubling.get('words', []))})"
        rf"|(?P<num>{number})"
        # 三分之一: a fraction; otherwise 多/余, 个亿, magnitudes, a unit and a range
        rf"(?:(?P<frac>{frac_marker})(?P<fnum>{NUM_AR}|{num_cn}|{small_mags})"
        rf"|(?P<in1>{ins})?(?P<imp>{implied_alt})?"
        rf"(?:(?P<mag>{mags})(?P<cmp>{compound})?(?P<in2>{ins})?)?"
        rf"(?:\s?(?P<unit>{unit_alt})(?P<per>{per})?)?"
        rf"(?:\s*+(?P<dash>[{dashes}])\s*+(?P<num2>{number})(?P<in3>{ins})?"
        rf"(?:(?P<mag2>{mags})(?P<in4>{ins})?)?(?:\s?(?P<unit2>{unit_alt})(?P<per2>{per})?)?)?"
        # a bare number is a date or a code: one end must carry a unit or magnitude
        r"(?(mag)|(?(unit)|(?(mag2)|(?(unit2)|(?!))))))")

    before, rate_only, after = _ops(q.get("before")), _ops(q.get("rate_only")), _ops(q.get("after"))
    fillers = f"(?:{_alt(q.get('before_fillers', []))})?"
    cal = u.get("calendar") or {}
    brackets = u.get("name_brackets") or {}
    titles = {str(k): str(v) for k, v in (brackets.get("titles") or {}).items()}
    quotes = {str(k): str(v) for k, v in (brackets.get("quotes") or {}).items()}
    bracket_chars = set(titles) | set(titles.values()) | set(quotes) | set(quotes.values())
    words_before = [*before, *rate_only, *q.get("not_qualifiers", []), *u.get("not_before", []),
                    *cal.get("before", []), *(w for ws in (u.get("unit_not_before") or {}).values() for w in ws)]
    window = max(map(len, words_before), default=1) + max(map(len, q.get("before_fillers", [])), default=0)
    any_words = [*fixed, *doubling.get("verbs", []), *doubling.get("words", []), *fractions.get("units", {})]
    return _Grammar(
        pattern=pattern,
        any_number=regex.compile(rf"\d|[{cn_first}]|{_alt(any_words)}"),
        units=units, magnitudes=magnitudes,
        digits={str(k): int(v) for k, v in numerals["digits"].items()},
        small={str(k): int(v) for k, v in numerals["small"].items()},
        big={str(k): int(v) for k, v in numerals["big"].items()},
        inside=inside, before=before, rate_only=rate_only, after=after,
        before_re=_ending(before, fillers), rate_only_re=_ending(rate_only, fillers),
        after_re=regex.compile(_alt(after)),
        not_qualifier_re=_ending(q.get("not_qualifiers", []), fillers),
        not_before_re=_ending(u.get("not_before", [])),
        not_after_unit=regex.compile(_alt(u.get("not_after_unit", []))),
        not_after={str(k): regex.compile(_alt(v)) for k, v in (u.get("not_after") or {}).items()},
        not_quantities=regex.compile(_alt(u.get("not_quantities", []))),
        calendar_units=frozenset(str(w) for w in cal.get("units", [])),
        calendar_before_re=_ending(cal.get("before", [])),
        calendar_after_re=regex.compile(_alt(cal.get("after", []))),
        fraction_units={str(k): str(v) for k, v in (fractions.get("units") or {}).items()},
        share_unit=str((u.get("share") or {}).get("unit", "")),
        share_whole=Decimal(str((u.get("share") or {}).get("whole", 1))),
        fixed_percents=fixed, doubling_unit=str(doubling.get("unit", "")),
        percent_units=frozenset(u["families"].get("percent", [])),
        money_unit=str(u["families"].get("money", [""])[0]),
        unit_bound=frozenset(mg for mg in magnitudes if not set(mg) <= numeral_chars),
        unit_re=regex.compile(unit_alt),
        past_qualifier_units=frozenset(str(w) for w in u["families"].get("person", [])),
        range_op=q.get("range"), range_keeps=frozenset(q.get("range_keeps", [])),
        approximate_op=q.get("approximate"),
        before_not_for={str(k): frozenset(v) for k, v in (q.get("before_not_for") or {}).items()},
        unit_family=dict(vocab.unit_family),
        unit_not_before={str(k): _ending(v, fillers) for k, v in (u.get("unit_not_before") or {}).items()},
        titles=titles, quotes=quotes,
        bracket_chars=regex.compile(f"[{regex.escape(''.join(sorted(bracket_chars)))}]")
        if bracket_chars else regex.compile(_NO_MATCH),
        clause_marks=regex.compile(f"[{regex.escape(''.join(brackets.get('clause_marks', [])))}]"
                                   if brackets.get("clause_marks") else _NO_MATCH),
        minus_signs=minus, window=window,
        numeral_chars=numeral_chars,
        numeral_words=regex.compile(_alt(u.get("numeral_words", []))),
        numeral_words_len=max(map(len, u.get("numeral_words", [])), default=0),
        arabic_only=frozenset(str(w) for w in u.get("arabic_only", [])),
        not_after_numeral={str(k): regex.compile(_alt(v)) for k, v in (u.get("not_after_numeral") or {}).items()},
        not_before_last=frozenset(w[-1] for w in u.get("not_before", [])),
        before_last=frozenset(w[-1] for w in [*before, *rate_only, *q.get("not_qualifiers", []),
                                               *q.get("before_fillers", [])]),
        after_first=frozenset(w[0] for w in after),
        after_unit_first=frozenset(w[0] for w in [
            *u.get("not_after_unit", []), *cal.get("after", []),
            *(w for key in ("not_after", "not_after_numeral") for ws in (u.get(key) or {}).values() for w in ws)]),
        **{f"i_{k}": pattern.groupindex[k] - 1 for k in (
            "num", "frac", "fnum", "num2", "dash", "unit", "unit2", "mag", "mag2", "imp", "cmp", "pct", "pden",
            "pnum", "fixed", "dnum", "per", "per2")},
        per_mark=str((u.get("per_units") or {}).get("marks", ["/"])[0]),
        per_prefix_re=_per_prefix(u.get("per_units") or {}),
        of_word=str(q.get("of_word", "")),
        before_of_re=regex.compile(rf"(?P<w>{_alt(before)}){fillers}[^\d,，;；。:：、]{{1,{QUALIFIER_OF_REACH}}}"
                                   rf"{regex.escape(str(q.get('of_word', '')))}\Z") if q.get("of_word") else
        regex.compile(_NO_MATCH),
        i_inside=(pattern.groupindex["in1"] - 1, pattern.groupindex["in2"] - 1),
        i_inside_range=tuple(pattern.groupindex[k] - 1 for k in ("in1", "in2", "in3", "in4")))


# ------------------------------------------------------------------ numbers

def _chinese_value(text: str, g: _Grammar) -> int:
    digits, small, big = g.digits, g.small, g.big
    if len(text) > 1 and all(c in digits for c in text):
        return int("".join(str(digits[c]) for c in text))
    total = section = number = 0
    last_unit = 0
    for c in text:
        if c in digits:
            number = digits[c]
        elif c in small:
            section += (number or 1) * small[c]
            number, last_unit = 0, small[c]
        elif c in big:
            section += number
            if big[c] < max(big.values()):
                total += section * big[c]
            else:
                total = (total + section) * big[c]
            section = number = 0
            last_unit = big[c]
        else:
            raise ValueError(f"not a Chinese numeral: {text!r}")
    if number and last_unit >= 10 and text[-2] not in digits:
        number *= last_unit // 10  # 一万二 = 12000
    return total + section + number


def parse_chinese_number(text: str, vocab: Vocab | None = None) -> int:
    """Value of a Chinese numeral: 十五 -> 15, 两万三千 -> 23000, 二〇二一 -> 2021.

    Colloquial shortenings are read as spoken: 一万二 -> 12000, 一百五 -> 150.
    """
    return _chinese_value(text, _grammar(vocab or load_vocab()))


def _number(text: str, g: _Grammar) -> Decimal:
    if text[0] in g.minus_signs:
        return -_number(text[1:], g)
    if text[0].isdigit():
        return Decimal(text.replace(",", "").replace("\uff0e", "."))
    return Decimal(_chinese_value(text, g))


def parse_number(text: str, vocab: Vocab | None = None) -> Decimal:
    """Arabic (signed, with separators, any width) or Chinese numeral text -> Decimal."""
    return _number(text, _grammar(vocab or load_vocab()))


def _too_long(text: str) -> bool:
    """A run of digits longer than any measurement is a code or debris."""
    if _is_cn(text):
        return len(text) > MAX_NUMERAL
    return len(_INTEGER_PART.match(text).group(0)) > MAX_DIGITS + 1


_INTEGER_PART = regex.compile(r"\D?[\d,]*")


def _is_cn(text: str) -> bool:
    """Written in Chinese numerals (an Arabic number always ends with a digit)."""
    return not text[-1].isdigit()


def _to_float(d: Decimal | float) -> float:
    f = float(d)
    return float(int(f)) if f.is_integer() and abs(f) < 1e15 else f


# ------------------------------------------------------------------ brackets

@dataclass(frozen=True)
class _Spans:
    """Non-overlapping spans (open, close) with what they enclose, sorted by start."""
    starts: list[int]
    ends: list[int]
    kinds: list[str]

    def find(self, pos: int) -> int | None:
        i = bisect_right(self.starts, pos) - 1
        if i >= 0 and self.starts[i] < pos < self.ends[i]:
            return i
        return None


def _name_spans(s: str, g: _Grammar) -> _Spans:
    """Outermost spans inside title brackets and quotation marks. A quote
    holding a clause break (，；。) cites running text: its numbers count."""
    starts, ends, kinds = [], [], []
    stack: list[tuple[str, int]] = []
    closers = {**g.titles, **g.quotes}
    for m in g.bracket_chars.finditer(s):
        ch, i = m.group(0), m.start()
        if stack and ch == closers[stack[-1][0]]:
            opener, start = stack.pop()
            if not stack:
                starts.append(start)
                ends.append(i)
                kinds.append("title" if opener in g.titles
                             else "citation" if g.clause_marks.search(s, start, i) else "quote")
        elif ch in closers:
            stack.append((ch, i))
    return _Spans(starts, ends, kinds)


_NO_SPANS = _Spans([], [], [])
_PAREN_CHARS = regex.compile(r"[()\uff08\uff09]")


def _paren_spans(s: str) -> _Spans:
    """Spans inside parentheses, nested ones merged into the outer one."""
    found, stack = [], []
    for m in _PAREN_CHARS.finditer(s):
        if m.group(0) in "(\uff08":
            stack.append(m.start())
        elif stack:
            found.append((stack.pop(), m.start()))
    found.sort()
    starts: list[int] = []
    ends: list[int] = []
    for a, b in found:
        if ends and a < ends[-1]:
            ends[-1] = max(ends[-1], b)
        else:
            starts.append(a)
            ends.append(b)
    return _Spans(starts, ends, ["paren"] * len(starts))


def _names_a_thing(q: Quantity, s: str, spans: _Spans, g: _Grammar) -> bool:
    """A number inside a title names it; inside a quote too, unless the quote
    ends with the figure in digits (a cited promise, “缩短25%”)."""
    i = spans.find(q.start)
    if i is None or spans.kinds[i] == "citation":
        return False
    if spans.kinds[i] == "title" or not (q.text[0].isdigit() or q.text[0] in g.minus_signs):
        return True
    rest = s[q.end:spans.ends[i]]
    return bool(rest) and not (g.after_re.fullmatch(rest))


# ------------------------------------------------------------------ reading

def extract_quantities(text: str, vocab: Vocab | None = None, simplified: bool = False) -> list[Quantity]:
    """All quantities in `text`, in order of appearance.

    `simplified=True` says the text is already Simplified (skips conversion).
    Positions in the result index that Simplified text. Time is linear in
    the length of the text.
    """
    if not text:
        return []
    g = _grammar(vocab or load_vocab())
    s = text if simplified else to_simplified(text)
    if not g.any_number.search(s):
        return []
    names = parens = None  # found only once a quantity needs them
    out: list[Quantity] = []
    pos = 0
    while pos is not None:
        resume = None
        for m in g.pattern.finditer(s, pos):
            q, resume = _read_match(m, s, g)
            if q is not None:
                if names is None:
                    names = _name_spans(s, g) if g.bracket_chars.search(s) else _NO_SPANS
                    parens = _paren_spans(s) if "(" in s or "\uff08" in s else _NO_SPANS
                if names.starts and _names_a_thing(q, s, names, g):
                    q = None
                elif parens.starts and parens.find(q.start) is not None:
                    q = replace(q, in_parens=True)
                if q is not None:
                    out.append(_per_prefixed(q, s, g))
            if resume is not None:
                break  # the match was cut short: read on from inside it
        pos = resume
    return _without_parallel_ones(out, s) if len(out) > 1 else out


_DIGIT = regex.compile(r"\d")


def _without_parallel_ones(qs: list[Quantity], s: str) -> list[Quantity]:
    """Drop "one" in words said twice with one measure word in a sentence:
    整治一个行业,规范一个行业 is a figure of speech (parallel phrasing), not two counts."""
    ones = [q for q in qs if q.value == 1 and q.value_max is None and not _DIGIT.search(q.text)]
    if len(ones) < 2:
        return qs
    parallel: set[Quantity] = set()
    for a, b in zip(ones, ones[1:]):
        if a.text == b.text and not SENTENCE_BREAK.search(s, a.end, b.start):
            parallel |= {a, b}
    return [q for q in qs if q not in parallel] if parallel else qs


def _read_match(m, s: str, g: _Grammar) -> tuple[Quantity | None, int | None]:
    """The quantity a match stands for (or None), and where to read on if the
    match must be cut short (a dash that turned out not to make a range)."""
    gr = m.groups()
    num = gr[g.i_num]
    if num is None:
        return _word_quantity(m, gr, s, g), None
    if gr[g.i_frac] is not None:
        return _fraction(num, gr[g.i_fnum], m, s, g), None
    start = m.start()
    if len(num) > MAX_DIGITS and _too_long(num) or gr[g.i_num2] and _too_long(gr[g.i_num2]):
        return None, None
    if start and s[start - 1] in g.not_before_last and g.not_before_re.search(s, max(0, start - g.window), start):
        return None, None
    dash = gr[g.i_dash]
    first_end = m.end() if dash is None else max(m.end(k) for k in _HEAD_GROUPS)
    cn = not num[-1].isdigit()
    if cn:
        idiom = g.not_quantities.match(s, start)
        if idiom and idiom.end() >= first_end:  # 一批 is an idiom, 一批次 a quantity
            return None, None
        if _in_numeral_word(s, start, g):
            return None, None
    head = _head(gr, s, g, start, first_end, cn)
    if dash is None:
        if head is None:
            return None, None
        value, unit, mag = head
        pair = _numeral_pair(num, g) if cn and len(num) == 2 else None
        if pair is not None:
            if not pair:
                return None, None
            low, high = pair
            return _finish(gr, s, g, start, first_end, low * mag, unit, mag, high * mag, approximate=True), None
        return _finish(gr, s, g, start, first_end, value, unit, mag, None), None

    tail = _tail(gr, m.end(), s, g, head)
    if tail is None:
        return _single(gr, s, g, head, start, first_end)
    value2, unit2, mag2 = tail
    unit = unit2 or (head[1] if head else None)
    if head is None or head[2] == 1 and mag2 != 1 and gr[g.i_mag] is None:
        value = _number(num, g) * mag2     # 3-5万元: the magnitude of the upper end applies to both
        mag = mag2
    else:
        value, _, mag = head
    end = m.end()
    if value > value2:
        return _single(gr, s, g, head, start, first_end)
    if unit in g.calendar_units and (_is_date(num, start, m.end("num"), s, g)
                                     or _is_date(gr[g.i_num2], m.start("num2"), end, s, g)):
        return None, None
    if unit is None and cn:
        return None, None
    return _finish(gr, s, g, start, end, value, unit, mag, value2), None


def _in_numeral_word(s: str, start: int, g: _Grammar) -> bool:
    """统一部署, 逐一分析: the numeral belongs to a word that begins before it."""
    lo = max(0, start - g.numeral_words_len + 1)
    return any(w.start() < start < w.end()
               for w in g.numeral_words.finditer(s, lo, start + g.numeral_words_len, overlapped=True))


def _numeral_pair(num: str, g: _Grammar) -> tuple[int, int] | None | bool:
    """两三个, 三五家: two rising digits are an approximate range; None when
    `num` is not two digits, False when the pair is no amount (一一)."""
    a, b = g.digits.get(num[0]), g.digits.get(num[1])
    if a is None or b is None:
        return None
    return (a, b) if 0 < a < b else False


def _word_quantity(m, gr: tuple, s: str, g: _Grammar) -> Quantity | None:
    """百分之九十五, 一半, 翻两番: quantities that start with a word."""
    start, end = m.start(), m.end()
    if gr[g.i_pct] is not None:
        return _fraction(gr[g.i_pden], gr[g.i_pnum], m, s, g)
    if start and s[start - 1] in g.numeral_chars:
        return None
    if gr[g.i_fixed] is not None:
        return _make(s, start, end, g.fixed_percents[gr[g.i_fixed]], g.share_unit, g)
    dnum = gr[g.i_dnum]
    times = _number(dnum, g) if dnum else Decimal(1)
    if times > 10:
        return None
    return _make(s, start, end, Decimal(2) ** int(times), g.doubling_unit, g)


def _single(gr: tuple, s: str, g: _Grammar, head, start: int, first_end: int) -> tuple[Quantity | None, int]:
    """The first number alone, when what follows the dash is something else."""
    if head is None or head[1] is None and gr[g.i_mag] is None:
        return None, first_end
    value, unit, mag = head
    return _finish(gr, s, g, start, first_end, value, unit, mag, None), first_end


def _unit(written: str | None, g: _Grammar) -> str | None:
    if not written:
        return None
    unit = g.units.get(written)
    return unit if unit or len(written) < 2 else g.units.get("".join(written.split()))


def _per_unit(unit: str, per: str, g: _Grammar) -> str:
    """元 + ／人·年 -> 元/人·年: the rate unit with its mark made plain."""
    return unit + g.per_mark + per[1:]


def _head(gr: tuple, s: str, g: _Grammar, start: int, first_end: int,
          cn: bool) -> tuple[Decimal, str | None, Decimal] | None:
    """Value, unit and magnitude of the first number; None if it is no quantity alone."""
    num, unit_written, mag_written = gr[g.i_num], gr[g.i_unit], gr[g.i_mag]
    unit = _unit(unit_written, g)
    if gr[g.i_per] and unit:
        unit = _per_unit(unit, gr[g.i_per], g)
    if gr[g.i_imp]:
        if not mag_written:
            return None  # 2个 followed by 亿 only counts with the magnitude
        unit = unit or g.money_unit
    if mag_written in g.unit_bound and not unit_written and not gr[g.i_cmp]:
        return None  # 100兆宽带: a magnitude that also means "mega" needs a unit
    if unit is None and mag_written and not cn:
        unit = _unit_past_qualifier(s, first_end, g)
    if unit is None and (not mag_written or cn):
        # a bare number is a date or a code; 三万 needs a unit (numerals include magnitudes)
        return None
    if cn and unit in g.arabic_only:
        return None
    if not cn and num[0] == "0" and len(num) > 1 and num[1].isdigit():
        return None  # 021, 007: a code or a number that lost its first digit
    if unit in g.unit_not_before and g.unit_not_before[unit].search(s, max(0, start - g.window), start):
        return None  # 排名前移2位: a rank change
    if first_end < len(s) and _blocked_after(s, first_end, unit_written, unit, g, cn):
        return None
    if cn and s.startswith(num, first_end):
        return None  # 一户一档, 一企一策: a name made of a repeated numeral
    if mag_written:
        mag = g.magnitudes[mag_written]
        value = _number(num, g) * mag
    else:
        # no magnitude to apply: the float of the text is exact enough
        mag = _ONE
        value = float(num) if num.isdigit() else _number(num, g)
    if gr[g.i_cmp]:
        extra = _compound(gr[g.i_cmp], mag, g)
        if extra is None:
            return None
        value += extra
    if unit in g.calendar_units and _is_date(num, start, first_end, s, g):
        return None
    return value, unit, mag


def _tail(gr: tuple, end: int, s: str, g: _Grammar, head) -> tuple[Decimal, str | None, Decimal] | None:
    """The upper end of a range, or None when the two numbers do not measure the same thing."""
    num2, unit_written = gr[g.i_num2], gr[g.i_unit2]
    unit = _unit(unit_written, g)
    if gr[g.i_per2] and unit:
        unit = _per_unit(unit, gr[g.i_per2], g)
    mag = g.magnitudes[gr[g.i_mag2]] if gr[g.i_mag2] else _ONE
    if gr[g.i_mag2] in g.unit_bound and not unit_written:
        return None     # 1-2兆 with no unit: 兆 may mean "mega"
    if end < len(s) and _blocked_after(s, end, unit_written, unit, g):
        return None
    if unit is None and (not num2[-1].isdigit() or not gr[g.i_mag2] and not gr[g.i_unit] and not gr[g.i_mag]):
        return None
    if head is not None and head[1] and head[1] != unit:
        return None     # 45%-5个, 45%-5: the second number is something else
    if gr[g.i_mag] and not gr[g.i_mag2]:
        return None     # 3万-5
    return _number(num2, g) * mag, unit, mag


def _unit_past_qualifier(s: str, end: int, g: _Grammar) -> str | None:
    """The unit of people written past the qualifier word that follows a bare
    magnitude: 1000万以上农村贫困人口 counts people. Other units there begin a
    noun the amount describes (1000万以上项目 are projects of over ten million)."""
    if end >= len(s) or s[end] not in g.after_first:
        return None
    word = g.after_re.match(s, end)
    written = g.unit_re.match(s, word.end()) if word else None
    if written is None:
        return None
    unit = _unit(written.group(0), g)
    if unit not in g.past_qualifier_units:
        return None
    if written.end() < len(s) and _blocked_after(s, written.end(), written.group(0), unit, g):
        return None
    return unit


def _blocked_after(s: str, end: int, unit_written: str | None, unit: str | None, g: _Grammar,
                   cn: bool = False) -> bool:
    """Words after the unit that show an idiom or a name: 一次性, 十户联动, 两位数, 三次会议."""
    if s[end] not in g.after_unit_first:
        return False
    if g.not_after_unit.match(s, end) and (not unit_written or len(_unit(unit_written, g) or "") < 2):
        return True
    follower = g.not_after.get(unit) if unit else None
    if follower and follower.match(s, end):
        return True
    follower = g.not_after_numeral.get(unit) if cn and unit else None
    return bool(follower and follower.match(s, end))


def _is_date(num: str, start: int, end: int, s: str, g: _Grammar) -> bool:
    """A calendar unit after a four-digit year, a month, 截至..., or before 底/前/起."""
    digits = num.replace(",", "").lstrip(g.minus_signs).replace("\uff0e", ".")
    whole, _, fraction = digits.partition(".")
    if len(whole) == 4 and whole.isdigit() or len(fraction) == 4 or len(num) == 4 and all(c in g.digits for c in num):
        return True  # 2023年, 二〇二三年, and 1.2021年 (an item number glued to a year)
    if g.calendar_before_re.search(s, max(0, start - g.window), start):
        return True
    return bool(g.calendar_after_re.match(s, end))


#: a part of a compound amount: a number and its magnitude (a zero numeral before it is skipped)
_COMPOUND_PART = regex.compile(r"(\d[\d,]*(?:[.\uff0e]\d+)?)(\D)?")


def _compound(parts: str, first_mag: Decimal, g: _Grammar) -> Decimal | None:
    """12亿 + 4,045万 + 3千, 1兆 + 948.18亿, 5亿 + 零800万, 5万 + 零300: each part
    smaller than the magnitude before it (a zero numeral before a part marks a gap)."""
    total = Decimal(0)
    limit = first_mag
    for p in _COMPOUND_PART.finditer(parts):
        mag = g.magnitudes[p.group(2)] if p.group(2) else _ONE
        value = _number(p.group(1), g)
        if mag >= limit or value * mag >= limit:
            return None
        total += value * mag
        limit = mag
    return total


def _fraction(den: str, fnum: str, m, s: str, g: _Grammar) -> Quantity | None:
    """三分之一 = 33.3 %, 百分之九十五 = 95 %, 千分之三 = 3 ‰."""
    value = g.magnitudes[fnum] if fnum in g.magnitudes else _number(fnum, g)
    if den in g.fraction_units:
        unit = g.fraction_units[den]
    else:
        d = g.magnitudes[den] if den in g.magnitudes else _number(den, g)
        if d == 0:
            return None
        value, unit = value * g.share_whole / d, g.share_unit
    return _make(s, m.start(), m.end(), value, unit, g)


def _make(s: str, start: int, end: int, value: Decimal, unit: str, g: _Grammar) -> Quantity:
    qualifier, word = _qualifier(s, start, end, unit, None, g)
    return Quantity(_to_float(value), unit, qualifier, s[start:end], start, end, qualifier_word=word)


def _finish(gr: tuple, s: str, g: _Grammar, start: int, end: int, value: Decimal, unit: str | None,
            mag: Decimal, value_max: Decimal | None, approximate: bool = False) -> Quantity:
    inside = None
    for i in g.i_inside if value_max is None else g.i_inside_range:
        if gr[i] is not None and gr[i] in g.inside:
            inside = gr[i]
    qualifier, word = _qualifier(s, start, end, unit, inside, g)
    if approximate:
        qualifier, word = g.approximate_op, None
    elif value_max is not None and g.range_op and qualifier not in g.range_keeps:
        qualifier, word = g.range_op, None
    return Quantity(_to_float(value), unit, qualifier, s[start:end], start, end,
                    None if value_max is None else _to_float(value_max), float(mag), False, word)


def _per_prefixed(q: Quantity, s: str, g: _Grammar) -> Quantity:
    """每人每月609元 is 609 元/人月: the words after 每 just before the number
    make its unit a rate, as 609元/人月 writes it."""
    if not q.unit or q.is_percent or g.per_mark in q.unit or not q.start:
        return q
    m = g.per_prefix_re.search(s, max(0, q.start - PER_PREFIX_REACH), q.start)
    if not m:
        return q
    return replace(q, unit=q.unit + g.per_mark + m["a"] + (m["b"] or ""))


def _qualifier(s: str, start: int, end: int, unit: str | None, inside: str | None,
               g: _Grammar) -> tuple[str | None, str | None]:
    """The comparison attached to a quantity and the word it comes from: a
    word after it (左右 wins over 控制在), a word before it, 多/余 inside it,
    or 达 before a rate."""
    if end < len(s) and s[end] in g.after_first:
        m = g.after_re.match(s, end)
        if m:
            return g.after[m.group(0)], m.group(0)
    within = (g.inside[inside], inside) if inside else (None, None)
    if start and s[start - 1] == g.of_word and not inside:
        # 不低于当地低保标准的1.5倍: the comparison is made with what 的 closes
        m = g.before_of_re.search(s, max(0, start - QUALIFIER_OF_REACH), start)
        if m:
            return g.before[m["w"]], m["w"]
    if not start or s[start - 1] not in g.before_last:
        return within
    lo = max(0, start - g.window)
    if g.not_qualifier_re.search(s, lo, start):
        return within
    m = g.before_re.search(s, lo, start)
    if m and not (m["w"] in g.before_not_for and g.unit_family.get(unit) in g.before_not_for[m["w"]]):
        return g.before[m["w"]], m["w"]
    if inside:
        return within
    if unit in g.percent_units:
        m = g.rate_only_re.search(s, lo, start)
        if m:
            return g.rate_only[m["w"]], m["w"]
    return None, None


_LONE_NUMBER = regex.compile(r"\d[\d,]*(?:\.\d+)?")


def read_number(text: str, vocab: Vocab | None = None, unit: str | None = None) -> Quantity | None:
    """The quantity of a cell that is a number alone, maybe with comparison
    words (``8.5``, ``5.5以内``, ``≥95``), read in `unit` (a unit column's, a
    header's or the context's: ``万人`` scales 8.5 to 85000 人). The unit is read
    once, not pasted into the text and parsed again. None when `text` holds no
    single number; the quantity indexes `text`.

    >>> q = read_number("8.5", unit="万人"); (q.value, q.unit, q.magnitude)
    (85000.0, '人', 10000.0)
    >>> q = read_number("5.5以内", unit="%"); (q.value, q.unit, q.qualifier)
    (5.5, '%', '<=')
    >>> read_number("1200", unit=None).value, read_number("5至8") is None
    (1200.0, True)
    """
    g = _grammar(vocab or load_vocab())
    numbers = list(_LONE_NUMBER.finditer(text))
    if len(numbers) != 1:
        return None
    m = numbers[0]
    try:
        value = Decimal(m.group(0).replace(",", ""))
    except ArithmeticError:
        return None
    canonical, magnitude = _unit_scale(unit or "", vocab or load_vocab())
    qualifier, word = _qualifier(text, m.start(), m.end(), canonical, None, g)
    return Quantity(_to_float(value * Decimal(str(magnitude))), canonical, qualifier, m.group(0), m.start(), m.end(),
                    magnitude=magnitude, qualifier_word=word)


def _unit_scale(unit: str, vocab: Vocab) -> tuple[str | None, float]:
    """(canonical unit, magnitude) a unit as written stands for: 万人 -> (人, 10000)."""
    if not unit:
        return None, 1.0
    return _UNIT_SCALES(vocab).get(unit) or _UNIT_SCALES(vocab).setdefault(unit, _scale_of(unit, vocab))


def _scale_of(unit: str, vocab: Vocab) -> tuple[str | None, float]:
    qs = extract_quantities("1" + unit, vocab, simplified=True)
    if len(qs) == 1 and qs[0].start == 0:
        return qs[0].unit, qs[0].magnitude
    return unit, 1.0


@derived
def _UNIT_SCALES(vocab: Vocab) -> dict[str, tuple[str | None, float]]:
    """Units already read, per vocabulary."""
    return {}
