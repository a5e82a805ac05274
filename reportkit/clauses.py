"""Clauses, sentences and the words around a quantity.

The table reader (`align`) and the prose reader (`narrative`) both ask the
same questions of a text: where does the clause of a number start, what does
the clause after it say, do two clauses name the same thing, are two units
comparable, which cue word comes first. They ask them here, with one idea of
a clause: text between the breaks , ; 。 : ! ? 、 and line ends, where a comma
between digits groups thousands (3,642.8亿元) and breaks nothing.

Every search is bounded by `REACH` characters, so a text with no punctuation
(a 2 MB line) costs time linear in its length, not quadratic.
"""
from __future__ import annotations

import regex

from .models import Quantity
from .tuning import REACH
from .vocab import Vocab

BREAKS = ",\uff0c;\uff1b\u3002:\uff1a!\uff01?\uff1f\n\u3001"
SENTENCE_ENDS = ";\uff1b\u3002!\uff01?\uff1f\n"
#: a clause break: punctuation, or a comma that does not group thousands
CLAUSE_BREAK = regex.compile(f"[{BREAKS.replace(',', '')}]|,(?!\\d{{3}})")
CLAUSE_BREAK_BACK = regex.compile(CLAUSE_BREAK.pattern, flags=regex.REVERSE)
SENTENCE_BREAK = regex.compile(f"[{SENTENCE_ENDS}]")
SENTENCE_BREAK_BACK = regex.compile(SENTENCE_BREAK.pattern, flags=regex.REVERSE)
#: a mark that ends a sentence or a list item inside a line: 。 or a semicolon
#: (what a line of prose holds and a title or a table row does not)
SENTENCE_MARK = regex.compile("[\u3002;\uff1b]")
#: the end of a sentence proper (a semicolon only separates list items)
PERIOD = regex.compile("[\u3002!\uff01?\uff1f\n]")
PERIOD_BACK = regex.compile(PERIOD.pattern, flags=regex.REVERSE)


def clause_start(s: str, pos: int) -> int:
    """Where the clause holding `pos` starts (at most `REACH` characters back)."""
    lo = max(0, pos - REACH)
    m = CLAUSE_BREAK_BACK.search(s, lo, pos)
    return m.end() if m else lo


def clause_before(s: str, pos: int) -> str:
    """Text of the clause that ends at `pos` (at most `REACH` characters)."""
    return s[clause_start(s, pos):pos]


def clause_end(s: str, pos: int) -> int:
    """Where the clause holding `pos` ends (at most `REACH` characters on)."""
    hi = min(len(s), pos + REACH)
    m = CLAUSE_BREAK.search(s, pos, hi)
    return m.start() if m else hi


def clause_after(s: str, pos: int) -> str:
    """Text from `pos` to the end of its clause (at most `REACH` characters)."""
    return s[pos:clause_end(s, pos)]


def sentence_of(s: str, start: int, end: int) -> str:
    """The sentence around s[start:end], at most `REACH` characters each side;
    a side with no sentence end that near stops at the nearest clause end
    instead (a run of clauses without a full stop quotes one clause, not a
    window: what a record quotes stays a small multiple of what it reads)."""
    lo, hi = max(0, start - REACH), min(len(s), end + REACH)
    m = SENTENCE_BREAK_BACK.search(s, lo, start)
    if m is None and lo > 0:
        m = CLAUSE_BREAK_BACK.search(s, lo, start)
    a = m.end() if m else lo
    m = SENTENCE_BREAK.search(s, end, hi)
    if m is None and hi < len(s):
        m = CLAUSE_BREAK.search(s, end, hi)
    return s[a: m.start() if m else hi].strip()


def same_sentence(s: str, a: int, b: int) -> bool:
    """No sentence break (nor list separator) between positions `a` and `b`."""
    return not SENTENCE_BREAK.search(s, min(a, b), max(a, b))


def clause_breaks(s: str, a: int, b: int) -> int:
    """How many clause breaks lie between positions `a` and `b`."""
    return len(CLAUSE_BREAK.findall(s, min(a, b), max(a, b)))


_NOT_WORDS = regex.compile(r"[\d\s\p{P}]")


def _bigrams(text: str) -> set[str]:
    text = _NOT_WORDS.sub("", text)
    return {text[i:i + 2] for i in range(len(text) - 1)}


def word_overlap(a: str, b: str) -> int:
    """How many two-character words two texts share (digits and punctuation aside)."""
    return len(_bigrams(a) & _bigrams(b))


def unit_tier(target: str | None, actual: str | None, vocab: Vocab) -> int:
    """3 same unit, 2 same family, 1 generic counter vs counting family, 0 no."""
    if not target or not actual:
        return 0
    if target == actual:
        return 3
    ft, fa = vocab.family(target), vocab.family(actual)
    if ft and ft == fa and ft != "generic":
        return 2
    counting = vocab.counting
    if (ft == "generic" and fa in counting) or (fa == "generic" and ft in counting) or ft == fa == "generic":
        return 1
    return 0


_QUOTED = regex.compile(r"\u201c[^\u201d]*\u201d?|\u300a[^\u300b]*\u300b?|\u300c[^\u300d]*\u300d?")


def first_cue(clause: str, vocab: Vocab, quantity: Quantity | None = None) -> str | None:
    """`percent`, `score`, `target` or `result`: the earliest cue in `clause`."""
    if quantity is not None and quantity.is_percent:
        if any(w in clause for w in vocab.cues["percent"]):
            return "percent"
    if quantity is not None and vocab.family(quantity.unit) == "score" and any(w in clause for w in vocab.cues["score"]):
        return "score"
    for phrase in vocab.cues.get("not_cues", []):
        clause = clause.replace(phrase, "\u3000" * len(phrase))
    # words in quotes and titles name things (a quoted plan name); they cue nothing
    clause = _QUOTED.sub(lambda m: "\u3000" * len(m.group(0)), clause)
    best: tuple[int, str] | None = None
    for kind in ("target", "result"):
        for w in vocab.cues[kind]:
            i = clause.find(w)
            if i >= 0 and (best is None or i < best[0] or (i == best[0] and kind == "target")):
                best = (i, kind)
    return best[1] if best else None
