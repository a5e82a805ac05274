"""The relation grammar: `relations.yaml` compiled into patterns over slotted text.

A text is matched with every quantity replaced by one symbol (`SLOT`), and a
pattern names the role of each: {T} a target, {A} an actual, {P} a percent of
plan, {X} a distractor, {Q} any quantity. Words between the slots come from the
YAML word lists, and a few macros ({near}, {gap}, {start}, {number}) stand for
the text that may lie between them. So a new phrasing is a new line of YAML.

The narrative reader (`narrative`) and the table reader (`align`) both read
through this module; it knows nothing of either.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import regex

from .models import Quantity
from .quantities import NUM_AR, NUM_CN
from .tuning import PATTERN_TIMEOUT
from .vocab import Vocab, alternation, derived

SLOT = "\ue000"     # what a quantity becomes in the text patterns are matched against
QUALIFIER_AFTER = "_qualifier_after"   # words (qualifiers.yaml: after) a slot takes along
_BREAKS = ",\uff0c;\uff1b\u3002:\uff1a!\uff01?\uff1f\n"
_SENTENCE_ENDS = ";\uff1b\u3002!\uff01?\uff1f\n"
_MACROS = {
    "near": f"[^{SLOT}{_BREAKS}\u3001]{{0,30}}?",
    "gap": f"[^{SLOT}{_SENTENCE_ENDS}]{{0,60}}?",
    "start": f"(?:^|(?<=[{_BREAKS}]))",
    "number": f"(?:{NUM_AR}|{NUM_CN})",
}
_TOKEN = regex.compile(r"(?<!\\[pP])\{([A-Za-z_][A-Za-z_0-9]*)\}")   # not \p{Han}
_SLOT_NAME = regex.compile(r"([TAPXQ])(\d?)")


@dataclass(frozen=True)
class Pattern:
    """One compiled relation pattern: `slots` maps group names to roles."""
    name: str
    regex: Any
    slots: tuple[tuple[str, str], ...]   # (group name, role letter)
    in_plans: bool = True                # a distractor that also holds in a plan
    required: int = 1                    # slots a match needs at least (a text with fewer cannot match)
    known_targets: bool = False          # its {T} must already be read as a target
    measurable: bool = False             # a distractor that a stated percent may still measure (a part of a total)
    #: the word lists the pattern cannot do without: every match holds a word of
    #: each, so a text that lacks all the words of one is not searched
    needs: tuple[tuple[str, ...], ...] = ()

    def may_match(self, text: str) -> bool:
        """False when `text` lacks every word of a list the pattern needs (substring
        tests, far cheaper than the search)."""
        return all(any(w in text for w in words) for words in self.needs)


@dataclass(frozen=True)
class Grammar:
    """`relations.yaml` compiled: the three lists of patterns and the word lists
    the phases read."""
    roles: tuple[Pattern, ...]
    pairs: tuple[Pattern, ...]
    distractors: tuple[Pattern, ...]
    lead_in: Any                          # a clause ending in a lead-in word, then , or :
    bare_targets: tuple[Any, ...]
    target_qualifiers: frozenset[str]
    increment: tuple[str, ...]
    annual: tuple[str, ...]
    cumulative: tuple[str, ...]
    distractor_units: frozenset[str]
    ratio_units: frozenset[str]           # 倍: a ratio, never a target or an actual
    weak_qualifiers: frozenset[str]
    cue_words: Any                        # target, result and period words, punctuation, digits
    rate_words: tuple[str, ...]           # words that state a level reached (qualifiers: rate_only)


def compile_pattern(name: str, text: str, words: dict[str, list[str]], in_plans: bool = True,
                    known_targets: bool = False, measurable: bool = False) -> Pattern:
    """A pattern of `relations.yaml` as a regular expression over slotted text."""
    slots: list[tuple[str, str]] = []

    def expand(m: regex.Match) -> str:
        key = m[1]
        sm = _SLOT_NAME.fullmatch(key)
        if sm:
            group = f"{sm[1]}{sm[2] or len(slots)}_{len(slots)}"
            slots.append((group, sm[1]))
            # a qualifier word after the number (以内, 左右) belongs to it
            return f"(?P<{group}>{SLOT})(?:{alternation(words.get(QUALIFIER_AFTER, []))})?"
        if key in _MACROS:
            return _MACROS[key]
        if key in words:
            return f"(?:{alternation(words[key])})"
        raise ValueError(f"relation pattern {name!r}: unknown name {{{key}}}")

    try:
        compiled = regex.compile(_TOKEN.sub(expand, text))
    except regex.error as e:
        raise ValueError(f"relation pattern {name!r} is no regular expression: {e}") from None
    needs = tuple(tuple(words[n]) for n in required_word_lists(text) if n in words and all(words[n]))
    return Pattern(name, compiled, tuple(slots), in_plans, required_slots(text), known_targets, measurable, needs)


_OPTIONAL_AFTER = regex.compile(r"\?|\*|\{0,")


@dataclass(frozen=True)
class _Group:
    """A parenthesised group of a pattern's text: where it stands, and whether a
    match may skip it (a quantifier such as ``?`` after it), must not hold it (a
    negative lookaround) or may take another branch (a ``|`` in it)."""
    start: int
    end: int
    quantified: bool
    negative: bool
    alternated: bool

    def holds(self, at: int) -> bool:
        return self.start < at < self.end


def _scan(text: str) -> tuple[list[tuple[int, str, bool]], list[_Group], bool]:
    """The `{name}` tokens of a pattern's text (where, which, made optional by a
    quantifier right after it), its groups, and whether a ``|`` stands outside
    every group. Escapes and character classes are skipped: their brackets are
    characters."""
    groups: list[_Group] = []
    opened: list[tuple[int, bool]] = []   # (start, a | seen in it) of each open group
    tokens: list[tuple[int, str, bool]] = []
    top_alternation = False
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "[":
            i = text.find("]", i + 2) + 1 or len(text)
            continue
        m = _TOKEN.match(text, i)
        if m:
            tokens.append((i, m[1], bool(_OPTIONAL_AFTER.match(text, m.end()))))
            i = m.end()
            continue
        if ch == "(":
            opened.append((i, False))
        elif ch == ")" and opened:
            start, alternated = opened.pop()
            groups.append(_Group(start, i, bool(_OPTIONAL_AFTER.match(text, i + 1)),
                                 text.startswith(("(?!", "(?<!"), start), alternated))
        elif ch == "|":
            if opened:
                opened[-1] = (opened[-1][0], True)
            else:
                top_alternation = True
        i += 1
    # a group left open runs to the end of the text
    groups += [_Group(start, len(text), False, text.startswith(("(?!", "(?<!"), start), alternated)
               for start, alternated in opened]
    return tokens, groups, top_alternation


def required_word_lists(text: str) -> list[str]:
    """The word lists `{name}` of a pattern that every match holds: not made
    optional (by ``?``, ``*``, ``{0,n}`` after it or after a group holding it),
    not inside a negative lookaround, and not one side of an alternation ``|``
    (in a group holding it, or at the top).

    >>> required_word_lists("{T}{near}{result_verb}{A}"), required_word_lists("(?:{a}|{b}){A}{c}?")
    (['result_verb'], [])
    >>> required_word_lists("(?<!{target_word}.{0,8})同比{near}{X}")
    []
    """
    tokens, groups, top_alternation = _scan(text)
    if top_alternation:
        return []
    return [name for at, name, optional in tokens
            if not (optional or _SLOT_NAME.fullmatch(name) or name in _MACROS)
            and not any(g.holds(at) and (g.quantified or g.negative or g.alternated) for g in groups)]


def required_slots(text: str) -> int:
    """How many slots of a pattern every match fills: those not made optional by a
    ``?`` (or ``*``, ``{0,n}``) after them or after a group holding them.

    >>> required_slots("{T}{gap}{A}?"), required_slots("{A1}(?:{gap}{P1}[(（]x[)）])?"), required_slots("{X}")
    (1, 1, 1)
    """
    tokens, groups, _ = _scan(text)
    slots = [(at, optional) for at, name, optional in tokens if _SLOT_NAME.fullmatch(name)]
    return sum(1 for at, optional in slots if not optional and not any(g.holds(at) and g.quantified for g in groups))


@derived
def grammar(vocab: Vocab) -> Grammar:
    """The relation grammar of `vocab`, compiled once per vocabulary."""
    rel = vocab.relations
    words = {k: [str(w) for w in v] for k, v in (rel.get("words") or {}).items()}
    words[QUALIFIER_AFTER] = [str(w) for ws in (vocab.qualifiers.get("after") or {}).values() for w in ws]

    def compiled(key: str) -> tuple[Pattern, ...]:
        return tuple(compile_pattern(p["name"], p["pattern"], words, p.get("in_plans", key != "distractors"),
                                     p.get("known_targets", False), p.get("measurable", False))
                     for p in rel.get(key) or [])

    lead = alternation(rel.get("target_lead_ins", []))
    # a clause ending in a target noun before a colon announces its targets too (三项民生目标:…)
    heads = alternation(words.get("target_noun", []) + words.get("list_head", []) + words.get("report_items", []))
    # 年度建设任务,即:…; 三项实事项目,分别为:… (a word that introduces what the noun holds)
    introducing = alternation(words.get("list_intro", []))
    bare = tuple(regex.compile(_TOKEN.sub(lambda m: _MACROS.get(m[1]) or f"(?:{alternation(words[m[1]])})", p))
                 for p in rel.get("bare_number_targets", []))
    return Grammar(compiled("roles"), compiled("pairs"), compiled("distractors"),
                   regex.compile(f"(?:{lead})\\s*[,\uff0c:\uff1a]|(?:{heads})\\s*(?:[,\uff0c]?\\s*(?:{introducing}))?\\s*[:\uff1a]"), bare,
                   frozenset(rel.get("target_qualifiers", [])),
                   tuple(rel.get("increment_cues", [])), tuple(rel.get("annual_cues", [])),
                   tuple(rel.get("cumulative_cues", [])),
                   frozenset(rel.get("distractor_units", [])), frozenset(rel.get("ratio_units", [])),
                   frozenset(rel.get("weak_qualifiers", [])),
                   regex.compile(f"{alternation(vocab.cues['result'] + vocab.cues['target'] + vocab.cues.get('period', []))}"
                                 f"|[\\s\\p{{P}}\\d]"),
                   tuple(w for ws in (vocab.qualifiers.get("rate_only") or {}).values() for w in ws))


def slotted(s: str, qs: list[Quantity]) -> tuple[str, dict[int, Quantity]]:
    """`s` with every quantity replaced by one SLOT character, and where each is."""
    out: list[str] = []
    at: dict[int, Quantity] = {}
    pos = length = 0
    for q in qs:
        if q.start < pos:
            continue
        out.append(s[pos:q.start])
        length += q.start - pos
        at[length] = q
        out.append(SLOT)
        length += len(SLOT)
        pos = q.end
    out.append(s[pos:])
    return "".join(out), at




#: the patterns given up on in the document being read (`start_document` empties it): one
#: that backtracks badly costs PATTERN_TIMEOUT once per document, not once per item
_given_up: set[str] = set()


def start_document() -> None:
    """Forget the patterns given up on: a new document is read."""
    _given_up.clear()


def given_up() -> list[str]:
    """The patterns given up on since `start_document`, by name, for a warning."""
    return sorted(_given_up)


def bounded_matches(pattern: regex.Pattern, text: str, overlapped: bool = False,
                    name: str | None = None) -> list[regex.Match]:
    """The matches of a pattern built from YAML (a user config may add any), in
    bounded time: a pattern that backtracks badly is given up on for the rest
    of the document (`given_up` names it)."""
    key = name or pattern.pattern[:60]
    if key in _given_up:
        return []
    try:
        return list(pattern.finditer(text, overlapped=overlapped, timeout=PATTERN_TIMEOUT))
    except TimeoutError:
        _given_up.add(key)
        return []


def find_matches(pattern: Pattern, text: str, at: dict[int, Quantity]) -> list[dict[str, list[Quantity]]]:
    """Every match of `pattern` as role letter -> quantities, in text order."""
    found: list[dict[str, list[Quantity]]] = []
    if len(at) < pattern.required or not pattern.may_match(text):
        return found
    for m in bounded_matches(pattern.regex, text, overlapped=True, name=pattern.name):
        roles: dict[str, list[Quantity]] = {}
        for group, role in pattern.slots:
            if m.start(group) >= 0:
                roles.setdefault(role, []).append(at[m.start(group)])
        found.append(roles)
    return found
