"""Evidence that chooses a pair after the relation patterns have had their say.

The narrative reader (`narrative`) first reads what each quantity of an item is
and ties targets to results by the patterns of `relations.yaml` and by cue
words, units and nearness. Three kinds of evidence then weigh in, each a
function here, each stronger than a pattern that merely fits:

- `confirm_by_arithmetic`: a stated percent that equals actual / target
  confirms that pair across clause boundaries, and picks the right base
  among competing figures (a total investment or a province target before the
  annual target: 完成投资2.97亿元,占年度投资4.87亿元的61%, after 总投资33亿元);
- `align_lists`: results listed after a word that reports on several figures
  at once (分别), matched by position with as many targets listed before them,
  unit by unit;
- `match_by_words`: targets and results left alone, paired by the words that
  name them, in any order (within an item, and across the paragraphs of a
  report: results first, targets a paragraph later);
- `complete_in_words`: a phrase that reports completion without a figure
  (已全部完成, 也已按计划全部完成, 百分百) gives each target it closes the
  target itself as the actual.

Every pair records the evidence that chose it in `Metric.how`. A later pass
overrides an earlier pairing only where its own evidence holds: arithmetic
over patterns, lists and words over nearness.
"""
from __future__ import annotations

import bisect
from dataclasses import replace
from typing import Callable, Literal

import regex

from .arithmetic import states_share
from .clauses import (PERIOD_BACK, SENTENCE_BREAK, SENTENCE_BREAK_BACK, same_sentence, sentence_of, unit_tier,
                      word_overlap)
from .models import Alignment, Metric, Named, Quantity
from .tuning import (ARITHMETIC_CANDIDATES, ARITHMETIC_REACH, GAP_REACH, GAP_WORDS_REACH, LIST_LEAD, MAX_OVERSHOOT,
                     PROSE_RATE_SLACK, WORDS_MIN_SHARED)
from .vocab import Vocab, alternation, derived

#: what a quantity of prose is: a target, a result, a percent of plan (and one
#: a pair has used), a score, a part of a figure (breakdown), an increment, a
#: target the text restates, or a distractor (growth, share, rank, gap)
Kind = Literal["target", "result", "percent", "percent_used", "score", "breakdown", "increment", "restated",
               "distractor"]
Kinds = dict[Quantity, "Kind | None"]
Namer = Callable[[Quantity], str]

# kinds that may stand for a target or a result once evidence says so
_OPEN: tuple = ("target", "result", "restated", "increment", None)


def _start(q: Quantity) -> int:
    return q.start


# ------------------------------------------------------------------ arithmetic

def confirm_by_arithmetic(s: str, qs: list[Quantity], kind: Kinds, specs: list[Metric], vocab: Vocab,
                          name: Namer, measurable: frozenset[Quantity] | set[Quantity] = frozenset()) -> list[Metric]:
    """Each stated percent (not a distractor) that equals actual / target for two
    figures before it (the actual in the percent's own sentence, the target up to
    `ARITHMETIC_REACH` characters back, both of one unit family) confirms that
    pair: an existing pair gains the evidence, a pair that holds the same actual
    or target with another figure is corrected, and a pair no phase found is
    added. A distractor in `measurable` (a part of a total: 其中,省外到位资金60.4亿元)
    may be the actual. Returns `specs` with the changes."""
    for p in qs:
        if not p.is_percent or kind.get(p) == "distractor" or p.value <= 0:
            continue
        found = _confirmed_pair(s, qs, kind, p, specs, vocab, measurable)
        if found is None:
            continue
        t, a = found
        why = f"arithmetic {a.text}/{t.text} = {a.value / t.value * 100:.2f}%, stated {p.text}"
        own = next((sp for sp in specs if sp.target == t and sp.actual == a), None)
        if own is not None:
            own.how.append(why)
            if own.percent_reported is None:
                own.percent_reported = p.value
            kind[p] = "percent_used"
            continue
        # a pair its own percent confirms keeps its figures: one actual may be measured
        # against two bases, one target by two actuals (started, finished)
        by_actual = next((sp for sp in specs if sp.actual == a and not _confirmed(sp)), None)
        by_target = next((sp for sp in specs if sp.target == t and not _confirmed(sp)), None)
        spec = by_actual or by_target
        if spec is None:
            spec = Metric(name(t), t, sentence_of(s, t.start, t.end))
            specs.append(spec)
        elif by_actual is not None and by_target is not None and by_target is not by_actual:
            if by_target.actual is None:
                specs.remove(by_target)   # the target now measured by `a`
            else:
                by_target.target = None
        # a percent read as a figure of a pair of its own was this pair's rate
        # and a pair no percent confirms that read this actual as a target, or this
        # target as an actual, read them the wrong way round
        specs[:] = [sp for sp in specs if sp is spec or (sp.target != p and sp.actual != p)
                    and (_confirmed(sp) or (sp.target != a and sp.actual != t))]
        spec.target, spec.target_text = t, sentence_of(s, t.start, t.end)
        spec.actual, spec.actual_text = a, sentence_of(s, a.start, a.end)
        spec.name = name(t) if t.start < a.start else spec.name
        spec.percent_reported = p.value
        spec.how = [why]
        kind[p], kind[t], kind[a] = "percent_used", "target", "result"
    return [sp for sp in specs if sp.target is not None or sp.actual is not None or sp.score is not None]


def _confirmed(sp: Metric) -> bool:
    """A pair whose stated percent is its actual / target."""
    t, a = sp.target, sp.actual
    return t is not None and a is not None and sp.percent_reported is not None \
        and states_share(sp.percent_reported, a.value, t.value, PROSE_RATE_SLACK)


def _confirmed_pair(s: str, qs: list[Quantity], kind: Kinds, p: Quantity, specs: list[Metric],
                    vocab: Vocab, measurable: frozenset[Quantity] | set[Quantity] = frozenset()
                    ) -> tuple[Quantity, Quantity] | None:
    """The (target, actual) before percent `p` whose ratio it states, nearest first;
    a pair already read that it confirms wins."""
    lo = bisect.bisect_left(qs, p.start - ARITHMETIC_REACH, key=_start)
    hi = bisect.bisect_left(qs, p.start, key=_start)
    near = [q for q in qs[lo:hi] if not q.is_percent and q.value > 0 and (kind.get(q) in _OPEN or q in measurable)]
    near = near[-ARITHMETIC_CANDIDATES:]
    for sp in specs:
        t, a = sp.target, sp.actual
        if t is not None and a is not None and t in near and a in near and same_sentence(s, a.end, p.start) \
                and states_share(p.value, a.value, t.value, PROSE_RATE_SLACK):
            return t, a
    best: tuple[int, int, Quantity, Quantity] | None = None
    for i in range(len(near) - 1, -1, -1):
        a = near[i]
        if not same_sentence(s, a.end, p.start) or kind.get(a) == "restated":
            continue
        for j in range(len(near) - 1, -1, -1):
            t = near[j]
            if t is a or unit_tier(t.unit, a.unit, vocab) < 2 or not states_share(p.value, a.value, t.value,
                                                                                     PROSE_RATE_SLACK):
                continue
            if a.value == t.value and kind.get(a) == "target":
                continue  # a target said twice is no result of itself
            rank = (len(near) - 1 - i, len(near) - 1 - j)
            if best is None or rank < best[:2]:
                best = (*rank, t, a)
        if best is not None:
            break
    return (best[2], best[3]) if best else None


# ------------------------------------------------------------------ lists

@derived
def _respectively(vocab: Vocab) -> regex.Pattern:
    return regex.compile(alternation(vocab.cues.get("respectively", [])))


@derived
def _list_join(vocab: Vocab) -> regex.Pattern:
    """What may stand between two listed figures: a comma, or one joining word
    (`relations.yaml: words: and`)."""
    return regex.compile(f"\\s*(?:[,\\uff0c]|{alternation(vocab.relations.get('words', {}).get('and', []))})\\s*$")


def align_lists(s: str, qs: list[Quantity], kind: Kinds, specs: list[Metric], vocab: Vocab,
                name: Namer) -> list[Metric]:
    """Results listed after a respectively-word (实际分别完成95个、310个、7397个)
    are matched by position with as many figures before them, in the same or the
    previous sentence, that are targets or unmarked, unit by unit. Replaces any
    pairing of those figures."""
    for m in _respectively(vocab).finditer(s):
        results = _listed_after(s, qs, kind, m.end(), _list_join(vocab))
        if len(results) < 2:
            continue
        start_at = PERIOD_BACK.search(s, 0, m.start())
        floor = PERIOD_BACK.search(s, 0, start_at.start()) if start_at else None
        lo = bisect.bisect_left(qs, floor.end() if floor else 0, key=_start)
        hi = bisect.bisect_left(qs, m.start(), key=_start)
        before = [q for q in qs[lo:hi] if not q.is_percent and not q.in_parens and kind.get(q) in ("target", None)]
        if len(before) < len(results):
            continue
        targets = before[-len(results):]
        if kind.get(targets[0]) != "target" or not all(
                unit_tier(t.unit, r.unit, vocab) >= 2 for t, r in zip(targets, results)):
            continue
        listed = set(targets) | set(results)
        specs[:] = [sp for sp in specs if sp.target not in listed and sp.actual not in listed]
        n = len(results)
        for i, (t, r) in enumerate(zip(targets, results), 1):
            spec = Metric(name(t), t, sentence_of(s, t.start, t.end), r, sentence_of(s, r.start, r.end))
            spec.how = [f"list {i} of {n}: {t.text} … {m.group()} … {r.text}"]
            specs.append(spec)
            kind[t], kind[r] = "target", "result"
    return specs


def _listed_after(s: str, qs: list[Quantity], kind: Kinds, pos: int, join: regex.Pattern) -> list[Quantity]:
    """The figures listed right after `pos`: a first one within a few words, then
    each joined to the one before by 、 , 和 与 及 alone."""
    i = bisect.bisect_left(qs, pos, key=_start)
    out: list[Quantity] = []
    while i < len(qs):
        q = qs[i]
        gap = s[(out[-1].end if out else pos):q.start]
        if q.is_percent or kind.get(q) == "distractor" or SENTENCE_BREAK.search(gap):
            break
        if out and not join.match(gap):
            break
        if not out and len(gap) > LIST_LEAD:
            break
        out.append(q)
        i += 1
    return out


# ------------------------------------------------------------------ completion in words

@derived
def _done_in_words(vocab: Vocab) -> regex.Pattern:
    patterns = vocab.cues.get("done_in_words", [])
    return regex.compile("|".join(f"(?:{p})" for p in patterns) or "(?!)")


def complete_in_words(s: str, qs: list[Quantity], kind: Kinds, specs: list[Metric], vocab: Vocab,
                      name: Namer) -> list[Metric]:
    """A phrase that reports completion without a figure (`cues.yaml:
    done_in_words`: 已全部完成, 也已按计划全部完成) after the targets of its
    sentence, with no result between them and it, makes each of them its own
    actual. Pairs that took one of those targets as another's result are undone."""
    for m in _done_in_words(vocab).finditer(s):
        back = SENTENCE_BREAK_BACK.search(s, 0, m.start())
        lo = bisect.bisect_left(qs, back.end() if back else 0, key=_start)
        hi = bisect.bisect_left(qs, m.start(), key=_start)
        closed: list[Quantity] = []
        for q in qs[lo:hi]:
            k = kind.get(q)
            if q.is_percent or k in ("distractor", "breakdown", "score"):
                continue
            listed_on = bool(closed) and "\u3001" in s[closed[-1].end:q.start]
            if k == "result" and not listed_on:
                closed = []      # a figure reported done: only targets after it are closed
            elif k in ("target", None) or closed:
                closed.append(q)
        if not closed:
            continue
        listed = set(closed)
        # pairs among the closed figures, or from them to a result outside, are undone
        specs[:] = [sp for sp in specs if sp.target not in listed and sp.actual not in listed]
        phrase = m.group()
        for t in closed:
            done = replace(t, text=phrase, start=m.start(), end=m.end(), in_parens=False)
            spec = Metric(name(t), t, sentence_of(s, t.start, t.end), done, sentence_of(s, m.start(), m.end()))
            spec.how = [f"in words {phrase}"]
            specs.append(spec)
            kind[t] = "target"
    return specs



# ------------------------------------------------------------------ words

def plausible(t: Quantity, r: Quantity) -> bool:
    """A result within `MAX_OVERSHOOT` times its target either way: one further off
    (a total of 2,418 against 150 planned) measures something else."""
    if t.is_percent or r.is_percent or not t.value or not r.value:
        return True
    return 1 / MAX_OVERSHOOT <= r.value / t.value <= MAX_OVERSHOOT

def assign_by_words(targets: list[tuple[Quantity, str]], results: list[tuple[Quantity, str]],
                    vocab: Vocab) -> list[tuple[int, int, int]]:
    """Targets and results, each with the words that name it, paired by those
    words: each target takes the result of its unit family (and within
    `MAX_OVERSHOOT` of it) that shares the most two-character words with it, at
    least `WORDS_MIN_SHARED`, best pairs first (the nearer on a tie), each once.
    Returns (target index, result index, words shared)."""
    scored = sorted((-shared, abs(r.start - t.start), i, j)
                    for i, (t, t_words) in enumerate(targets) for j, (r, r_words) in enumerate(results)
                    if unit_tier(t.unit, r.unit, vocab) >= 2 and plausible(t, r)
                    and (shared := word_overlap(t_words, r_words)) >= WORDS_MIN_SHARED)
    used_t: set[int] = set()
    used_r: set[int] = set()
    out = []
    for neg, _, i, j in scored:
        if i not in used_t and j not in used_r:
            used_t.add(i)
            used_r.add(j)
            out.append((i, j, -neg))
    return out


def match_by_words(targets: list[tuple[Metric, str]], results: list[Named], vocab: Vocab,
                   where: str = "") -> list[tuple[Metric, Named]]:
    """Targets no result measures, and results no target measures, paired by
    the words that name them (新认定省级专精特新企业9家 measures 省级专精特新企业15家),
    whatever their order (`assign_by_words`). The metrics are completed in
    place; returns the pairs made."""
    targets = [(spec, words) for spec, words in targets if spec.target is not None]
    made = []
    for i, j, shared in assign_by_words([(spec.target, words) for spec, words in targets],
                                        [(r.quantity, r.words) for r in results], vocab):
        spec, r = targets[i][0], results[j]
        spec.actual, spec.actual_text = r.quantity, r.sentence
        spec.how.append(f"words: {shared} two-character words shared with {r.quantity.text}{where}")
        made.append((spec, r))
    return made


def pair_across_paragraphs(alignments: list[Alignment | None], vocab: Vocab) -> None:
    """Targets of one paragraph no result measures, paired by their words with
    the results no target measures of the paragraph before or after it (the
    results reported first, the targets of the year a paragraph later)."""
    for i, al in enumerate(alignments):
        if al is None or not al.lone:
            continue
        near = [alignments[j] for j in (i - 1, i + 1) if 0 <= j < len(alignments) and alignments[j] is not None]
        offered = [r for other in near for r in other.loose]
        made = match_by_words([(sp, w) for sp, w in al.lone if sp.actual is None], offered, vocab,
                              where=" in the next paragraph")
        for _, r in made:
            for other in near:
                if r in other.loose:
                    other.loose.remove(r)


def prefer_named(weak: list[tuple[Metric, str, str]], loose: list[Named], vocab: Vocab) -> None:
    """A pair chosen by nearness alone gives way to a result left alone, after its
    target and within `ARITHMETIC_REACH` characters, that shares at least
    `WORDS_MIN_SHARED` more two-character words with the target (计划解决…5.13万农村人口
    … 解决了9.63万农村人口的饮水问题, over the nearer 贫困人口19552人). `weak` holds each
    such metric with the naming words of its target and of its actual; the metrics
    change in place and `loose` gets back the result given up."""
    for spec, t_words, a_words in weak:
        t, a = spec.target, spec.actual
        if t is None or a is None:
            continue
        have = word_overlap(t_words, a_words)
        best: tuple[int, Named] | None = None
        for r in loose:
            q = r.quantity
            if q.start <= t.end or q.start - t.end > ARITHMETIC_REACH or unit_tier(t.unit, q.unit, vocab) < 2 \
                    or not plausible(t, q):
                continue
            shared = word_overlap(t_words, r.words)
            if shared >= have + WORDS_MIN_SHARED and (best is None or shared > best[0]):
                best = (shared, r)
        if best is None:
            continue
        shared, r = best
        loose.remove(r)
        loose.append(Named(a, a_words, spec.actual_text or ""))
        spec.actual, spec.actual_text = r.quantity, r.sentence
        spec.how = [f"words: {shared} two-character words shared with {r.quantity.text}, "
                    f"against {have} with the nearer {a.text}"]


# ------------------------------------------------------------------ gaps to a planned rate

@derived
def _gap_words(vocab: Vocab) -> regex.Pattern:
    def alt(key: str) -> str:
        return alternation(vocab.cues.get(f"schedule_{key}") or [])
    return regex.compile(f"{alt('planned')}[^,\\uff0c;\\uff1b\\u3002]{{0,4}}?"
                         f"(?:(?P<behind>{alt('behind')})|(?P<ahead>{alt('ahead')}))[^\\d,\\uff0c;\\uff1b\\u3002]{{0,3}}$")


def derive_from_gap(s: str, qs: list[Quantity], kind: Kinds, specs: list[Metric], vocab: Vocab,
                    name: Namer) -> list[Metric]:
    """A rate reached and its gap to the planned rate (实际进度89.84%,较预计进度落后
    0.16个百分点; `cues.yaml: schedule_planned`, `schedule_behind`, `schedule_ahead`): the planned rate, the rate plus the
    points behind or minus the points ahead, is the target of the rate reached."""
    words = _gap_words(vocab)
    for i, g in enumerate(qs):
        if i == 0 or not g.is_percent or g.unit == "%":   # points (百分点), not a rate
            continue
        m = words.search(s, max(0, g.start - GAP_WORDS_REACH), g.start)
        a = qs[i - 1]
        if m is None or a.unit != "%" or not same_sentence(s, a.end, g.start) or g.start - a.end > GAP_REACH:
            continue
        planned = a.value + g.value if m["behind"] else a.value - g.value
        target = replace(a, value=round(planned, 6), text=f"{a.text}{'+' if m['behind'] else '-'}{g.text}",
                         start=g.start, end=g.end, qualifier=None, qualifier_word=None)
        specs[:] = [sp for sp in specs if sp.actual != a and sp.target != a]
        for sp in specs:   # a rate read as the percent of another pair was this pair's actual
            if sp.actual is None and sp.percent_reported == a.value:
                sp.percent_reported = None
                sp.how = [h for h in sp.how if not h.startswith("percent ")]
        spec = Metric(name(a), target, sentence_of(s, g.start, g.end), a, sentence_of(s, a.start, a.end))
        spec.how = [f"gap: the planned rate is {a.text} {'+' if m['behind'] else '-'} {g.text} = {planned:g}%"]
        specs.append(spec)
        kind[a] = "result"
    return specs
