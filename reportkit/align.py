"""Stage 8: targets, actuals, percent complete and status for one item.

Tables: the task cell states the targets; the progress cell reports what
was done. Each target is paired with the progress quantity that measures the
same thing: first the same unit, then the same family (the generic counter
个 pairs with any counting family), and among those the one whose words
best match the target's (shared character pairs in the clause before each
number). A quantity of another family is never an actual. A target may also
sit in the progress cell (``全年计划抽检42批次``), and a task cell that is
just a metric's name (``跨部门联合双随机监管率``) takes that metric's value.

Narrative items are aligned by `narrative.py`; the helpers here (clauses,
cue words, word overlap, unit tiers) serve both.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

import regex

from .models import Item, Quantity, Metric
from .quantities import extract_quantities
from .script import to_simplified
from .vocab import Vocab

_CLAUSE_BREAK = regex.compile(r"[,\uff0c;\uff1b。:\uff1a!\uff01?\uff1f\n、]")
_SENTENCE_BREAK = regex.compile(r"[。;\uff1b\n!\uff01?\uff1f]")
# the same, searched backwards from a position: the last break before it
_CLAUSE_BREAK_BACK = regex.compile(_CLAUSE_BREAK.pattern, flags=regex.REVERSE)
_SENTENCE_BREAK_BACK = regex.compile(_SENTENCE_BREAK.pattern, flags=regex.REVERSE)
_QUOTED = regex.compile(r"“[^”]*”?|《[^》]*》?|「[^」]*」?")
_PERCENT_VALUE = regex.compile(r"(\d+(?:\.\d+)?)\s*%")

@dataclass
class Alignment:
    metrics: list[Metric]
    percent_reported: float | None
    status: str | None
    status_text: str | None


# ------------------------------------------------------------------ helpers

#: the most characters a clause or sentence reaches from a quantity. Real
#: clauses are far shorter; the bound keeps every look-up, and the text a
#: metric quotes, of a size that does not grow with the input (a table pasted
#: as one line has no sentence end at all).
REACH = 160


def clause_before(s: str, pos: int) -> str:
    """Text of the clause that ends at `pos` (at most `REACH` characters)."""
    lo = max(0, pos - REACH)
    m = _CLAUSE_BREAK_BACK.search(s, lo, pos)
    return s[m.end() if m else lo:pos]


def clause_after(s: str, pos: int) -> str:
    """Text from `pos` to the end of its clause (at most `REACH` characters)."""
    hi = min(len(s), pos + REACH)
    m = _CLAUSE_BREAK.search(s, pos, hi)
    return s[pos: m.start() if m else hi]


def sentence_of(s: str, start: int, end: int) -> str:
    """The sentence around s[start:end], at most `REACH` characters each side."""
    lo, hi = max(0, start - REACH), min(len(s), end + REACH)
    m = _SENTENCE_BREAK_BACK.search(s, lo, start)
    a = m.end() if m else lo
    m = _SENTENCE_BREAK.search(s, end, hi)
    return s[a: m.start() if m else hi].strip()


def _bigrams(text: str) -> set[str]:
    text = regex.sub(r"[\d\s\p{P}]", "", text)
    return {text[i:i + 2] for i in range(len(text) - 1)}


def word_overlap(a: str, b: str) -> int:
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


def first_cue(clause: str, vocab: Vocab, quantity: Quantity | None = None) -> str | None:
    """`percent`, `score`, `target` or `result`: the earliest cue in `clause`."""
    if quantity is not None and quantity.is_percent:
        if any(w in clause for w in vocab.cues["percent"]):
            return "percent"
    if quantity is not None and quantity.unit == "分" and any(w in clause for w in vocab.cues["score"]):
        return "score"
    for phrase in vocab.cues.get("not_cues", []):
        clause = clause.replace(phrase, "\u3000" * len(phrase))
    # words in quotes and titles name things (“小微企业三年成长计划”); they cue nothing
    clause = _QUOTED.sub(lambda m: "\u3000" * len(m.group(0)), clause)
    best: tuple[int, str] | None = None
    for kind in ("target", "result"):
        for w in vocab.cues[kind]:
            i = clause.find(w)
            if i >= 0 and (best is None or i < best[0] or (i == best[0] and kind == "target")):
                best = (i, kind)
    return best[1] if best else None


def _name(s: str, q: Quantity, vocab: Vocab) -> str:
    """A metric's name: the words of its clause before the number, without a
    list number and without leading words such as 截至目前 (`cues.yaml: name_prefixes`)."""
    name = clause_before(s, q.start)
    name = regex.sub(r"^(?:\d+[.、]|[(\uff08][^)\uff09]*[)\uff09])", "", name)
    for w in vocab.cues.get("name_prefixes", []):
        if name.startswith(w):
            name = name[len(w):]
    return name.strip(" “”\"") or q.text


def _penalty_filter(s: str, qs: list[Quantity], vocab: Vocab) -> list[Quantity]:
    """In a scoring rule keep only the threshold, with its comparison inverted."""
    cues = vocab.qualifiers.get("penalty_cues", [])
    invert = vocab.qualifiers.get("invert", {})
    out: list[Quantity] = []
    dropped: set[int] = set()
    for q in qs:
        if id(q) in dropped:
            continue
        sent = sentence_of(s, q.start, q.end)
        if any(c in sent for c in cues):
            same = [x for x in qs if sentence_of(s, x.start, x.end) == sent]
            dropped |= {id(x) for x in same}
            first = same[0]
            op = invert.get(first.qualifier, first.qualifier) if first.qualifier else ">="
            out.append(replace(first, qualifier=op))
        else:
            out.append(q)
    return out


# ------------------------------------------------------------------ status

def read_percent_cell(text: str | None, vocab: Vocab) -> tuple[float | None, str | None, str | None]:
    """(percent_reported, status, status_text) from a completion cell."""
    if not text:
        return None, None, None
    s = to_simplified(text).strip()
    values = _PERCENT_VALUE.findall(s)
    percent = float(values[-1]) if values else None
    plain = bool(regex.fullmatch(r"\d+(?:\.\d+)?\s*%", s))
    # a number says more than words around it (目前完成率59.34% is in progress)
    status = status_from_percent(percent) if percent is not None else status_from_text(s, vocab)
    return percent, status, None if plain else text.strip()


def status_from_percent(p: float) -> str:
    if p <= 0:
        return "not_started"
    return "complete" if p >= 100 else "in_progress"


def status_from_text(s: str, vocab: Vocab) -> str | None:
    best: tuple[int, str] | None = None
    for status, words in vocab.status.items():
        for w in words:
            if w in s and (best is None or len(w) > best[0]):
                best = (len(w), status)
    return best[1] if best else None


# ------------------------------------------------------------------ tables

def align_table_item(item: Item, vocab: Vocab) -> Alignment:
    task = to_simplified(item.target or item.task or "")
    prog = to_simplified(item.progress or "")
    targets = _penalty_filter(task, extract_quantities(task, vocab, simplified=True), vocab)
    specs = [Metric(_name(task, q, vocab), q, sentence_of(task, q.start, q.end)) for q in targets]
    candidates = extract_quantities(prog, vocab, simplified=True)
    if not specs:
        # a target stated in the progress cell: 全年计划抽检42批次
        for q in candidates:
            clause = clause_before(prog, q.start)
            if first_cue(clause, vocab, q) == "target" and any(w in clause for w in vocab.cues["progress_target"]):
                specs.append(Metric(_name(prog, q, vocab), q, sentence_of(prog, q.start, q.end)))
        used = {id(sp.target) for sp in specs}
        candidates = [q for q in candidates if id(q) not in used]
    contexts = {id(q): clause_before(prog, q.start) for q in candidates}
    taken: set[int] = set()
    for spec in specs:
        pick = _best_actual(spec, candidates, contexts, taken, vocab)
        if pick:
            taken.add(id(pick))
            spec.actual, spec.actual_text = pick, sentence_of(prog, pick.start, pick.end)
    if not specs and _is_metric_name(task, vocab):
        spec = Metric(task, None, item.target or item.task)
        pct = [q for q in candidates if q.is_percent]
        scored = [(word_overlap(task, contexts[id(q)]), -i, q) for i, q in enumerate(pct)]
        scored = [x for x in scored if x[0] >= 2]
        if scored:
            q = max(scored, key=lambda x: (x[0], x[1]))[2]
            spec.actual, spec.actual_text = q, sentence_of(prog, q.start, q.end)
        specs.append(spec)
    percent, status, status_text = read_percent_cell(item.percent, vocab)
    return Alignment(specs, percent, status, status_text)


def _is_metric_name(task: str, vocab: Vocab) -> bool:
    t = task.strip()
    return 2 <= len(t) <= 40 and not _CLAUSE_BREAK.search(t) and t.endswith(tuple(vocab.cues["metric_suffixes"]))


def _best_actual(spec: Metric, candidates: list[Quantity], contexts: dict[int, str],
                 taken: set[int], vocab: Vocab) -> Quantity | None:
    """The unused candidate of the best unit tier whose clause shares most
    words with the target's name; the earliest among equals."""
    q = spec.target
    if q is None:
        return None
    best = None
    for i, c in enumerate(candidates):
        if id(c) in taken or c is q:
            continue
        tier = unit_tier(q.unit, c.unit, vocab)
        if tier == 0:
            continue
        key = (tier, word_overlap(spec.name, contexts.get(id(c), "")), -i)
        if best is None or key > best[0]:
            best = (key, c)
    return best[1] if best else None
