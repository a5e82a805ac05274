"""Stage 8 for narratives: targets, actuals and percents of one item of prose.

`align_outline_item(item, vocab)` reads the quantities of an item's text and
ties results to targets in four phases, each a function below, then lets a
result still without a target take one its heading states
(`_targets_from_heading`):

1. `classify_quantities` - what each quantity is: a distractor (a pattern of
   `relations.yaml: distractors`), a target or percent of plan (`roles`), or
   else what the first cue word of its clause says (`cues.yaml`), a lead-in
   (``提出,`` ``目标是:``), a bounding qualifier (不少于) or its place (the
   first number of an item's name states its target);
2. `apply_relations` - the patterns of `relations.yaml: pairs` tie targets to
   actuals directly (result first, target in brackets, 分别 … in order);
   distractors are no symbols there, so the patterns read past them;
3. `pair_remaining` - every other target takes the result that measures the
   same thing: same unit family, shared words, nearest, or the text's own
   percent confirming it; a cumulative result beats an increment; a target
   named after a result looks back for it; a result does not reach past the
   next target of its kind once its sentence has reported; two targets side
   by side share one result;
4. `attach_percents` - a percent of plan goes to the pair it follows.

Relation patterns are a small grammar over the text: every quantity is one
symbol, matched by a slot ({T} {A} {P} {X} {Q}); see `relations.yaml`. So a
new phrasing is a new line of YAML. Quantities are kept in sets and dicts of
`Quantity` (hashed by value), never keyed by `id()`.
"""
from __future__ import annotations

import bisect

from dataclasses import dataclass, field

import regex

from .arithmetic import states_share
from .clauses import (CLAUSE_BREAK, CLAUSE_BREAK_BACK, PERIOD, PERIOD_BACK, SENTENCE_BREAK, SENTENCE_BREAK_BACK,
                      SENTENCE_ENDS,
                      clause_after, clause_before, clause_start, first_cue, same_sentence, sentence_of, unit_tier,
                      word_overlap)
from .dates import date_word_patterns
from .evidence import (Kind, align_lists, assign_by_words, complete_in_words, confirm_by_arithmetic, derive_from_gap,
                       match_by_words, plausible, prefer_named)
from .models import Alignment, Item, Metric, Named, Quantity
from .naming import metric_name, strip_cues, without_qualifiers
from .quantities import extract_quantities, parse_number
from .relations import Grammar, bounded_matches, find_matches, grammar, slotted
from .vocab import Vocab
from .tuning import (MAX_BARE, MAX_LOOKAHEAD, MAX_OVERSHOOT, NARRATIVE_HEADING_MAX, NARRATIVE_PERIOD_OPENING,
                     PROSE_RATE_SLACK, REACH, SEGMENT)

_LIST_ITEM_START = regex.compile(r"[;\uff1b]")
_OPEN_PAREN = regex.compile(r"[(\uff08]", flags=regex.REVERSE)


# ------------------------------------------------------------------ reading

def read_quantities(s: str, vocab: Vocab, g: Grammar) -> list[Quantity]:
    """The quantities of `s`, and a bare number after a target label in
    brackets, in the unit of the quantity it annotates (133个(目标值120))."""
    qs = extract_quantities(s, vocab, simplified=True)
    for pattern in g.bare_targets:
        for m in bounded_matches(pattern, s):
            if any(q.start <= m.start("number") < q.end for q in qs):
                continue
            before = [q for q in qs if q.end <= m.start() and m.start() - q.end <= 1]
            if before:
                value = float(parse_number(m["number"]))
                qs.append(Quantity(value, before[-1].unit, None, m["number"], m.start("number"), m.end("number"),
                                   in_parens=True))
    qs.sort(key=lambda q: q.start)
    return qs


# ------------------------------------------------------------------ phase 1

@dataclass
class Classes:
    """What each quantity of an item is."""
    kind: dict[Quantity, Kind | None] = field(default_factory=dict)
    named_after: set[Quantity] = field(default_factory=set)   # target named after its number
    task_target: set[Quantity] = field(default_factory=set)   # the number of the item's name
    opening: set[Quantity] = field(default_factory=set)       # a target that opens the item (its name's number)
    title_end: int = 0                                        # end of the heading sentence of a numbered item
    weak: set[Quantity] = field(default_factory=set)          # a target only if a result measures it
    cumulative: set[Quantity] = field(default_factory=set)
    measurable: set[Quantity] = field(default_factory=set)    # a distractor a stated percent may measure


def cue_context(s: str, q: Quantity, previous: Quantity | None) -> str:
    """The words that say what `q` is: back to the clause start or the quantity before."""
    if q.in_parens:
        m = _OPEN_PAREN.search(s, 0, q.start)
        return s[m.end() if m else 0:q.start]
    start = CLAUSE_BREAK_BACK.search(s, 0, q.start)
    a = start.end() if start else 0
    if previous is not None and previous.end > a:
        a = previous.end
    return s[a:q.start]


def _first_clause_end(s: str) -> int:
    """End of an item's first clause, after a heading line of its own (城乡供水)."""
    first_break = CLAUSE_BREAK.search(s)
    if first_break and first_break.group() == "\n":
        first_break = CLAUSE_BREAK.search(s, first_break.end())
    return first_break.start() if first_break else len(s)


def _heading_end(s: str) -> int:
    """End of an item's heading: a short first sentence the text goes on after
    (else 0), after a heading line of its own (农村饮水安全提升)."""
    start = 0
    m = PERIOD.search(s)
    line_end = None
    if m and m.group() == "\n" and not CLAUSE_BREAK.search(s, 0, m.start()):
        line_end = m.start() if m.start() <= NARRATIVE_HEADING_MAX else None
        start, m = m.end(), PERIOD.search(s, m.end())
    if m and m.start() - start <= NARRATIVE_HEADING_MAX and s[m.end():].strip():
        return m.start()
    # the text after the heading line is one sentence: the line alone is the heading
    return line_end or 0


def _stated_targets_end(s: str, vocab: Vocab) -> int:
    """The end of a numbered item's first sentence when the next one opens with a
    period (上半年, 截至6月底) and so reports on it: that first sentence states the
    item's targets, however long (else 0)."""
    m = PERIOD.search(s, 0, min(len(s), REACH))
    if m is None:
        return 0
    opening = s[m.end():m.end() + NARRATIVE_PERIOD_OPENING].lstrip()
    return m.start() if opening.startswith(tuple(vocab.cues.get("period", []))) or _MONTHS.match(opening) else 0


# a report on months: 1-5月, 1至9月
_DATE_WORDS = date_word_patterns()
_MONTHS = regex.compile(rf"\d{{1,2}}\s*(?:{_DATE_WORDS['dash']})\s*\d{{1,2}}\s*(?:{_DATE_WORDS['month']})")


def _rate_word_before(s: str, q: Quantity, g: Grammar) -> bool:
    """达 80%: the comparison comes from a word that states a level reached, not a bound."""
    return s.endswith(g.rate_words, 0, q.start)


def scope_first_end(s: str, scope: tuple[int, int]) -> int:
    """The end of the first sentence of an announcement's scope."""
    e = PERIOD.search(s, scope[0], scope[1])
    return e.start() if e else scope[1]


def _lead_in_scopes(s: str, g: Grammar, reported: tuple[str, ...]) -> list[tuple[int, int]]:
    """Stretches of text a lead-in announces as targets: its sentence, and the
    sentences after it that report nothing done and name no period (no word of
    `reported` or `period`: 已, 完成了, 执行中, 目前, 年末): 三项实事项目,分别为:
    新增就业岗位50万个…。完成外来农民工培训10万人;…。目前,这三项已基本完成."""
    scopes = []
    for m in bounded_matches(g.lead_in, s):
        e = PERIOD.search(s, m.end())
        end = e.start() if e else len(s)
        while e is not None and s[e.start()] != "\n":
            nxt = PERIOD.search(s, e.end(), min(len(s), e.end() + REACH))
            sentence = s[e.end(): nxt.start() if nxt else min(len(s), e.end() + REACH)]
            if not sentence.strip() or any(w in sentence for w in reported):
                break
            end, e = e.end() + len(sentence), nxt
        scopes.append((m.end(), end))
    return scopes


def classify_quantities(s: str, qs: list[Quantity], item: Item, vocab: Vocab, g: Grammar,
                        opening: bool = True) -> Classes:
    """Phase 1: give every quantity a kind: target, result, percent, score,
    breakdown, distractor, increment, or None (no word says)."""
    c = Classes()
    text, at = slotted(s, qs)
    for p in g.distractors:
        if item.plan and not p.in_plans:
            continue
        for roles in find_matches(p, text, at):
            for q in roles.get("X", []):
                c.kind[q] = "distractor"
                if p.measurable:
                    c.measurable.add(q)
    for p in g.roles:
        for roles in find_matches(p, text, at):
            for q in roles.get("T", []):
                if c.kind.get(q) != "distractor":
                    c.kind[q] = "target"
                    c.named_after.add(q)
            for q in roles.get("P", []):
                if q.is_percent and c.kind.get(q) != "distractor":
                    c.kind[q] = "percent"
    reported = tuple(vocab.cues.get("reported", []))
    scopes = _lead_in_scopes(s, g, reported + tuple(vocab.cues.get("period", [])))
    # a piece of a long text after its first has no heading and no first clause
    first_clause_end = _first_clause_end(s) if opening else 0
    heading_end = _heading_end(s) if opening else 0
    c.title_end = heading_end if item.item_no else 0
    stated_end = _stated_targets_end(s, vocab) if opening and item.item_no and not item.plan else 0
    heading_result = None
    previous = None
    for q in qs:
        if q.unit in g.distractor_units:  # 提高1.2个百分点: a change of a rate, never a level
            c.kind.setdefault(q, "distractor")
        if q in c.kind:
            if q in c.measurable and not q.in_parens and (q.end <= stated_end or any(a <= q.start < b for a, b in scopes)):
                # 目标为:…,其中…岗位10万个; 1.投资10亿元以上项目10个。上半年…: a part of an
                # announced target, or of an item's stated targets, is a target too
                c.kind[q] = "target"
            # a distractor is part of the words around the next figure (力争引进5000万元以上
            # 项目6个: 力争 speaks of the 6), so it does not end its context
            previous = q if c.kind[q] != "distractor" else previous
            continue
        ctx = cue_context(s, q, previous)
        kind = first_cue(ctx, vocab, q)
        scope = next(((a, b) for a, b in scopes if a <= q.start < b), None)
        if scope is not None and not q.in_parens:
            in_list = _LIST_ITEM_START.search(s, scope[0], q.start)
            own = s[clause_start(s, q.start):q.start]
            if kind == "result" and CLAUSE_BREAK.search(s, scope[0], q.start) and (
                    not strip_cues(own, vocab)
                    or not in_list and not _LIST_ITEM_START.match(s, clause_start(s, q.start) - 1)) \
                    and (q.start < scope_first_end(s, scope) or any(w in own for w in reported)):
                # 承诺,年内新建8个,目前已建成5个: a result of its own ends the announcement,
                # but not a member of a list that names its own task (目标是:…;完成造林2000亩),
                # nor anything once the list has shown its separator (任务:A;B,C率达到45%;D);
                # past the announcing sentence only a result reported done (已) ends it
                scopes = [(a, min(b, q.start)) for a, b in scopes]
            elif kind in (None, "result") or kind == "percent" and q.qualifier in g.target_qualifiers:
                # 提出,全年完成投资100亿元: a result word inside a stated target;
                # 任务,即:完成率达到90%以上: a bound on a rate is the rate's target
                kind = "target"
        if kind is None and not q.in_parens and q.end <= stated_end:
            kind = "target"   # 1.引进…项目不少于3个;…100个。上半年,引进…: the item's first sentence states its targets
        if kind is None and not q.in_parens:
            if q.qualifier in g.target_qualifiers and not _rate_word_before(s, q, g):
                kind = "result" if item.reviewed else "target"
            elif q.end <= first_clause_end and previous is None and not item.plan:
                kind = "target"
                c.task_target.add(q)
        if q.in_parens and kind not in ("target", "percent", "score"):
            kind = "breakdown"
        elif item.plan and kind not in ("percent", "score", "breakdown"):
            kind = "target"
        if kind == "result" and q.end <= heading_end and previous is None:
            heading_result = q
        elif kind == "target" and q.qualifier in g.weak_qualifiers and not q.in_parens \
                and not any(a <= q.start < b for a, b in scopes) and first_cue(ctx, vocab, q) is None:
            c.weak.add(q)     # 均低于1%: a bound that may as well report a result
        c.kind[q] = kind
        if kind == "target" and previous is None and q.end <= min(first_clause_end, heading_end) and not item.plan:
            c.opening.add(q)  # 新增泊位1500个以上。已建成1620个: a heading's target names the task, whatever cue it has
        if kind == "result" and any(w in ctx for w in g.cumulative):
            c.cumulative.add(q)
        previous = q
    # 完成…改造2100户。已完成2236户: a heading that states a result another result
    # follows states the task
    if heading_result is not None and any(c.kind.get(r) == "result" and r.start > heading_end and unit_tier(
            heading_result.unit, r.unit, vocab) >= 2 for r in qs):
        c.kind[heading_result] = "target"
        c.task_target.add(heading_result)
    # "…总任务9000万元,半年完成1600万元": an amount without a cue, whose very next
    # clause says how much of it was completed, is the target of that result
    completion = vocab.cues.get("completed_part", [])
    for a, b in zip(qs, qs[1:]):
        if c.kind.get(a) is None and c.kind.get(b) == "result" and a.unit and a.unit == b.unit \
                and len(CLAUSE_BREAK.findall(s, a.end, b.start)) == 1 \
                and any(w in clause_before(s, b.start) for w in completion):
            c.kind[a] = "target"
            c.task_target.add(a)
    # 年内实现覆盖率达到90%,目前已达到92.4%: a result word under a future period, before a
    # figure like it that is reported done, states the target
    future, done = vocab.cues.get("future_period", []), vocab.cues.get("reported", [])
    for a, b in zip(qs, qs[1:]):
        if c.kind.get(a) == "result" and c.kind.get(b) == "result" and unit_tier(a.unit, b.unit, vocab) >= 2 \
                and same_sentence(s, a.end, b.start):
            before, between = s[clause_start(s, a.start):a.start], s[a.end:b.start]
            if any(w in before for w in future) and not any(w in before for w in done) \
                    and any(w in between for w in done):
                c.kind[a] = "target"
    # 承诺新建幼儿园6所、改扩建校舍3.2万平方米、新增学位4800个: the members of a list
    # joined by 、 with no cue word of their own are what its first member is; so is a
    # second figure of the same clause that counts something else (计划解决16个贫困村
    # 5.13万农村人口: villages and people, both planned)
    for a, b in zip(qs, qs[1:]):
        between = s[a.end:b.start]
        if c.kind.get(a) in ("target", "result") and c.kind.get(b) is None and not b.in_parens \
                and not a.is_percent and not b.is_percent and first_cue(between, vocab, b) is None \
                and ("\u3001" in between and not CLAUSE_BREAK.search(between.replace("\u3001", ""))
                     or not CLAUSE_BREAK.search(between) and unit_tier(a.unit, b.unit, vocab) < 2):
            c.kind[b] = c.kind[a]
    # an increment gives way to a cumulative result of the same family
    for q in qs:
        if c.kind.get(q, "result") in ("result", None) and q not in c.cumulative and any(
                w in cue_context(s, q, None) for w in g.increment) and any(
                unit_tier(q.unit, r.unit, vocab) >= 2 for r in c.cumulative):
            c.kind[q] = "increment"
    return c


# ------------------------------------------------------------------ phase 2

def apply_relations(s: str, qs: list[Quantity], c: Classes, vocab: Vocab, g: Grammar) -> list[Metric]:
    """Phase 2: pairs stated by the patterns of `relations.yaml: pairs`. A
    distractor is no symbol here: it can never be paired, and the patterns
    read past it (完成投资5.2亿元,同比增长12%,占年度计划8亿元的65%)."""
    text, at = slotted(s, [q for q in qs if c.kind.get(q) != "distractor"])
    specs: list[Metric] = []
    claimed: dict[Quantity, str] = {}
    for p in g.pairs:
        for roles in find_matches(p, text, at):
            targets, actuals, percents = roles.get("T", []), roles.get("A", []), roles.get("P", [])
            every = targets + actuals + percents
            if any(c.kind.get(q) == "distractor" for q in every) \
                    or any(q in claimed for q in targets + percents) \
                    or any(claimed.get(q, "A") != "A" for q in actuals) or not targets or not actuals \
                    or p.known_targets and any(c.kind.get(t) != "target" for t in targets) \
                    or any(not q.is_percent for q in percents) \
                    or any(unit_tier(t.unit, a.unit, vocab) == 0 for t, a, _ in _match_pairs(targets, actuals, [])):
                continue
            for t, a, percent in _match_pairs(targets, actuals, percents):
                spec = _spec(s, t, vocab)
                if a.start < t.start:  # 12条(目标值10): the name is said before the first number
                    spec.name = metric_name(s, a, vocab)
                spec.actual, spec.actual_text = a, sentence_of(s, a.start, a.end)
                spec.how.append(f"pattern {p.name}")
                if percent is not None:
                    spec.percent_reported = percent.value
                specs.append(spec)
            claimed.update({q: role for role, qs_ in (("T", targets), ("A", actuals), ("P", percents))
                            for q in qs_})
            for t in targets:
                c.kind[t] = "target"
            for a in actuals:
                c.kind[a] = "result"
            for q in percents:
                c.kind[q] = "percent_used"
    _first_mentions(s, specs, qs, c, vocab)
    return specs


def _match_pairs(targets: list[Quantity], actuals: list[Quantity], percents: list[Quantity]
                 ) -> list[tuple[Quantity, Quantity, Quantity | None]]:
    """The (target, actual, percent) pairs of one match: as many targets as
    actuals pair in order (A1、A2,分别高于T1和T2); else every target with every
    actual, and the percents in order of the side that has several."""
    if len(targets) == len(actuals) > 1:
        ps = percents if len(percents) == len(targets) else [None] * len(targets)
        return list(zip(targets, actuals, ps))
    out = []
    for i, t in enumerate(targets):
        for j, a in enumerate(actuals):
            k = j if len(targets) == 1 else i if len(actuals) == 1 else -1
            ps = percents if len(percents) == max(len(targets), len(actuals)) else []
            out.append((t, a, ps[k] if ps and k >= 0 else None))
    return out


def _first_mentions(s: str, specs: list[Metric], qs: list[Quantity], c: Classes, vocab: Vocab) -> None:
    """确保目标55亿元…完成确保目标(55亿元)的70.4%: a target said again is the
    first one, unless that one is paired on its own (the same value may be
    another target)."""
    own = {sp.target for sp in specs}
    for sp in specs:
        t = sp.target
        first = next((q for q in qs if q.start < t.start and c.kind.get(q) == "target" and q.value == t.value
                      and q.unit == t.unit and q not in own and q != sp.actual), None)
        if first is not None:
            own.add(first)
            c.kind[t] = "restated"
            sp.target, sp.target_text = first, sentence_of(s, first.start, first.end)
            if first.start < sp.actual.start:
                sp.name = metric_name(s, first, vocab)


def _spec(s: str, t: Quantity, vocab: Vocab) -> Metric:
    return Metric(metric_name(s, t, vocab), t, sentence_of(s, t.start, t.end))


# ------------------------------------------------------------------ phase 3

def _context(s: str, q: Quantity, vocab: Vocab, after: int = 0) -> str:
    """Words around `q` that name what it measures; a clause without a
    subject of its own (增长6.3%, 上半年已完成) borrows the clause before
    it, but never text before `after` (the target it is compared with)."""
    before = clause_before(s, q.start)
    words = before + clause_after(s, q.end)
    if len(strip_cues(before, vocab)) <= MAX_BARE:
        prev_end = q.start - len(before) - 1
        if prev_end > 0 and s[prev_end] not in SENTENCE_ENDS:
            borrowed = clause_before(s, prev_end)
            if prev_end - len(borrowed) >= after:
                words = borrowed + words
    return words


def _continues(s: str, t: Quantity, r: Quantity, vocab: Vocab, bare: int = MAX_BARE) -> bool:
    """`r` reports on the subject of the clause of `t`: its own clause, right
    after that one, names nothing (上半年已完成2150亩, 全年为27.6%)."""
    before = clause_before(s, r.start)
    start = r.start - len(before) - 1
    return start > 0 and not PERIOD.match(s, start) and len(strip_cues(before, vocab)) <= bare \
        and start - len(clause_before(s, start)) <= t.start


def _target_words(s: str, t: Quantity, vocab: Vocab) -> int:
    """How many characters of its clause, beyond cue and comparison words, name
    what target `t` counts (0-2 for 全年力争达到120亿元以上)."""
    after = without_qualifiers(clause_after(s, t.end), vocab)
    return len(strip_cues(clause_before(s, t.start), vocab)) + len(strip_cues(after, vocab))


#: the evidence of a pair chosen by cue words, unit and nearness alone (the weakest kind)
NEAREST = "cue: the result after the target that measures it"


def pair_remaining(s: str, qs: list[Quantity], c: Classes, specs: list[Metric], item: Item,
                   vocab: Vocab) -> list[Metric]:
    """Phase 3: each target not yet paired takes its result (see the module docstring)."""
    paired = {sp.target for sp in specs}
    taken = {sp.actual for sp in specs if sp.actual is not None}
    targets = [q for q in qs if c.kind.get(q) == "target" and q not in paired]
    in_order = {} if item.plan else _ordered_lists(s, qs, c, targets, vocab)
    taken |= {r for r, _ in in_order.values()}
    new: list[Metric] = []
    for t in targets:
        spec = _spec(s, t, vocab)
        if not item.plan:
            pick, how = in_order.get(t, (None, ""))
            if pick is None:
                pick, how = _result_after(s, t, qs, c, taken, vocab), NEAREST
            if pick is None:
                pick, how = _result_before(s, t, qs, c, vocab, any_kind=t in c.named_after or t in c.task_target), \
                    "cue: the result said before the target"
            if pick is not None:
                taken.add(pick)
                spec.actual, spec.actual_text = pick, sentence_of(s, pick.start, pick.end)
                spec.how.append(f"{how} ({_unit_evidence(t, pick, vocab)})")
        new.append(spec)
    # two targets side by side (市下达任务40个,县定目标45个,实际建成47个) share one result, in
    # their sentence or in the next one when it reports on both (分别完成确保目标的78%和…)
    respectively = vocab.cues.get("respectively", [])
    ordered = sorted((sp for sp in specs + new if sp.target is not None), key=_pos)
    for first, second in zip(ordered, ordered[1:]):
        if first.target is None or second.target is None or (first.actual is None) == (second.actual is None) \
                or unit_tier(first.target.unit, second.target.unit, vocab) < 2 \
                or any(first.target.end <= q.start < second.target.start for q in qs):
            continue
        has, lacks = (first, second) if first.actual is not None else (second, first)
        if has.actual is not None and has.actual != lacks.target \
                and (same_sentence(s, first.target.start, has.actual.start)
                     or any(w in sentence_of(s, has.actual.start, has.actual.end) for w in respectively)):
            lacks.actual, lacks.actual_text = has.actual, has.actual_text
            lacks.how.append("order: two targets side by side share the result after them")
    # a number read as a target by place that turned out to be another target's result is no target;
    # an unmeasured target said again (…稳定在30万吨以上) restates an earlier one
    # (an unmeasured target said again is dropped at the end, `_drop_restated`: the
    # evidence read later may still find its result)
    results = {sp.actual for sp in specs + new}
    new = [sp for sp in new if sp.target not in results]
    return specs + [sp for sp in (_unless_unmeasured(s, sp, qs, c) for sp in new) if sp is not None]


def _drop_restated(specs: list[Metric]) -> list[Metric]:
    """An unmeasured target said again (…稳定在30万吨以上) restates an earlier one."""
    first: dict[tuple, int] = {}
    for sp in specs:
        if sp.target is not None:
            key = (sp.target.value, sp.target.unit)
            first[key] = min(first.get(key, sp.target.start), sp.target.start)
    return [sp for sp in specs if sp.target is None or sp.actual is not None or sp.score is not None
            or first[(sp.target.value, sp.target.unit)] >= sp.target.start]


def _unit_evidence(t: Quantity, a: Quantity, vocab: Vocab) -> str:
    tier = unit_tier(t.unit, a.unit, vocab)
    return {3: "same unit", 2: "same unit family", 1: "counts"}.get(tier, "no unit in common")


def _unless_unmeasured(s: str, spec: Metric, qs: list[Quantity], c: Classes) -> Metric | None:
    """A target read from its place or a bare bound (the first number of an item,
    均低于1%) that no result measures is none: with a percent of plan after it
    (新增就业3000人,完成全年任务的60%) it is a result, else it is dropped."""
    t = spec.target
    if t is None or t not in c.task_target | c.weak or spec.actual is not None:
        return spec
    nxt = next((q for q in qs if q.start >= t.end), None)
    if nxt is not None and c.kind.get(nxt) == "percent" and same_sentence(s, t.end, nxt.start):
        c.kind[nxt] = "percent_used"
        return Metric(spec.name, None, None, t, spec.target_text, percent_reported=nxt.value)
    # 三、新建口袋公园10个。目前完成选址6处: a numbered item's heading sentence names the task and its target
    return spec if t.end <= c.title_end else None


def _ordered_lists(s: str, qs: list[Quantity], c: Classes, targets: list[Quantity],
                   vocab: Vocab) -> dict[Quantity, tuple[Quantity, str]]:
    """Targets listed in one sentence and as many results listed, in the same
    order and units, in the next sentence that reports any (目标…A、B、C。
    最终…A'、B'、C'): each target gets the result in its place, or, when the
    words that name them match better in another order, the result named like it."""
    out: dict[Quantity, tuple[Quantity, str]] = {}
    blocks: dict[int, list[Quantity]] = {}
    for t in targets:
        m = PERIOD_BACK.search(s, 0, t.start)
        blocks.setdefault(m.end() if m else 0, []).append(t)
    for start, listed in blocks.items():
        if len(listed) < 2:
            continue
        end = PERIOD.search(s, listed[-1].end)
        after = end.end() if end else len(s)
        results = [q for q in qs if q.start >= after and c.kind.get(q) in ("result", None)
                   and not q.is_percent and not q.in_parens]
        if not results:
            continue
        stop = PERIOD.search(s, results[0].end)
        results = [q for q in results if q.start < (stop.start() if stop else len(s))]
        if len(results) != len(listed):
            continue
        in_place = "list: the same place in a list of results in the next sentence"
        if all(unit_tier(t.unit, r.unit, vocab) >= 2 and plausible(t, r) for t, r in zip(listed, results)):
            out.update((t, (r, in_place)) for t, r in zip(listed, results))
        # the results named in another order (入库科技型中小企业163家,新认定…9家): the words decide
        named = [(t, naming_words(s, t, vocab)) for t in listed]
        found = [(r, naming_words(s, r, vocab)) for r in results]
        by_words = assign_by_words(named, found, vocab)
        if len(by_words) == len(listed) and sum(word_overlap(a, b) for (_, a), (_, b) in zip(named, found)) < sum(
                shared for _, _, shared in by_words):
            out.update((listed[i], (results[j], f"words: {shared} two-character words shared, in a list of results "
                                                "in another order")) for i, j, shared in by_words)
    return out


def _result_after(s: str, t: Quantity, qs: list[Quantity], c: Classes, taken: set[Quantity],
                  vocab: Vocab) -> Quantity | None:
    """The result after target `t` that measures it, or None."""
    t_words = _context(s, t, vocab)
    # a task's own number, or a number called a target: the first result after it measures it
    stated = t in c.task_target or t in c.named_after or t in c.opening
    # a target of the year is measured by the year's figure, not the cumulative one
    annual = any(w in clause_before(s, t.start) for w in grammar(vocab).annual)
    # a result is reported after its target, and not further than a list away
    at = bisect.bisect_left(qs, t.end, key=_start)
    following = qs[at:at + MAX_LOOKAHEAD]
    best = None
    found: list[list[Quantity]] = []

    def percents() -> list[Quantity]:   # the percents of the text, found when first asked for
        if not found:
            found.append([q for q in qs if c.kind.get(q) == "percent"])
        return found[0]
    first_of_kind = True     # no result-like quantity of a unit like the target's came before
    reported = False         # one came in the target's own sentence
    passed = False           # a target of the same kind lies between
    for i, r in enumerate(following):
        kind = c.kind.get(r)
        # 今年完成5.1亿元 is the year's figure: for a target of the year it is no mere increment
        of_year = annual and any(w in clause_before(s, r.start) for w in grammar(vocab).annual)
        if kind == "increment" and of_year:
            kind = "result"
        if i and c.kind.get(following[i - 1]) == "target" and not following[i - 1].in_parens \
                and unit_tier(t.unit, following[i - 1].unit, vocab) >= 2:
            passed = True
        if i and not following[i - 1].in_parens and c.kind.get(following[i - 1]) in ("result", None) \
                and unit_tier(t.unit, following[i - 1].unit, vocab) >= 1:
            first_of_kind = False
            reported = reported or same_sentence(s, t.end, following[i - 1].start)
        if kind == "target" and reported and not r.in_parens and unit_tier(t.unit, r.unit, vocab) >= 2:
            break   # 目标A,实际a;目标B,达到b: the target's sentence reported, the next target starts another pair
        if r in taken or kind not in ("result", None) or r.in_parens:
            continue
        tier = unit_tier(t.unit, r.unit, vocab)
        if tier == 0 or (kind is None and tier < 2):
            continue
        if any(c.kind.get(q) == "target" and unit_tier(q.unit, r.unit, vocab) > tier
               for q in following[:i]):
            continue  # 力争180家 …计划45个,实际引进51个: the target between, of 51's own unit, owns it
        confirmed = _percent_confirms(s, t, r, qs, c)
        if not confirmed and not r.is_percent and r.value > MAX_OVERSHOOT * t.value \
                and _percent_after(s, r, qs, c, percents(), vocab) is None:
            continue    # 培育10个以上…建档861个: ten times the target, and no percent of plan, counts something else
        overlap = word_overlap(t_words, _context(s, r, vocab, after=t.end))
        same = same_sentence(s, t.end, r.start)
        # the next clause, also after a ; (目标:15所;已建成9所)
        adjacent = i == 0 and not PERIOD.search(s, t.end, r.start) and len(CLAUSE_BREAK.findall(s, t.end, r.start)) <= 1
        # nothing but cue words on one side: the two speak of one subject
        bare = min(len(strip_cues(clause_before(s, r.start), vocab)), _target_words(s, t, vocab)) <= 2
        if kind == "result":
            ok = overlap >= 2 or confirmed or (same and (overlap >= 1 or adjacent and bare)) \
                or adjacent and _continues(s, t, r, vocab) \
                or (stated or same) and first_of_kind and tier >= 2 and not passed
        else:
            # the number of a task's name is measured by a result word, not by any number
            ok = confirmed or t not in c.task_target and (
                overlap >= 2 or adjacent and _continues(s, t, r, vocab, MAX_BARE - 1)
                # 预期增长5%,实际完成12.3亿元,增长5.8%: the first like it, saying the same verb
                or same and first_of_kind and overlap >= 1
                and len(strip_cues(clause_before(s, r.start), vocab)) < MAX_BARE)
        if not ok:
            continue
        key = (tier >= 2, confirmed, of_year, overlap, r in c.cumulative, kind == "result", -abs(r.start - t.end))
        if best is None or key > best[0]:
            best = (key, r)
    return best[1] if best else None


def _percent_confirms(s: str, t: Quantity, r: Quantity, qs: list[Quantity], c: Classes, after: int = -1) -> bool:
    """A percent of plan after `r` (and `after`), in its sentence, equal to r / t:
    the text itself pairs them."""
    if not t.value:
        return False
    start = max(r.end, after)
    limit = min(len(s), start + REACH)  # a sentence reaches no further (align.REACH)
    stop = SENTENCE_BREAK.search(s, start, limit)
    end = stop.start() if stop else limit
    near = qs[bisect.bisect_right(qs, start, key=_start):bisect.bisect_left(qs, end, key=_start)]
    return any(p.is_percent and states_share(p.value, r.value, t.value, PROSE_RATE_SLACK) and c.kind.get(p) == "percent"
               for p in near)


def _result_before(s: str, t: Quantity, qs: list[Quantity], c: Classes, vocab: Vocab,
                   any_kind: bool) -> Quantity | None:
    """A result stated before its target in the same sentence: the nearest one
    for a target named as such after its number (下降了41%,远超…削减20%的目标),
    else one whose share of the target the text states after it, with or
    without a result word (新建公墓9个,年度计划为12个,完成率75%), else a
    result in the clause right before that says what the target's clause
    says (完成修缮项目6处,年度计划修缮8处)."""
    # the sentence of `t` starts after the last sentence break before it: found once
    brk = SENTENCE_BREAK_BACK.search(s, 0, t.start)
    sentence_start = brk.end() if brk else 0
    for r in reversed(qs[:bisect.bisect_left(qs, t.start, key=_start)]):
        if r.end < sentence_start:
            break
        if r.in_parens or unit_tier(t.unit, r.unit, vocab) < 2:
            continue
        kind = c.kind.get(r)
        # (the first number of an item, read as its target by place, may be that result)
        if (kind in ("result", None) or r in c.task_target) and (
                any_kind and kind != "target" or _percent_confirms(s, t, r, qs, c)):
            return r
        if kind == "result" and len(CLAUSE_BREAK.findall(s, r.end, t.start)) == 1 and word_overlap(
                strip_cues(clause_before(s, r.start), vocab), strip_cues(clause_before(s, t.start), vocab)):
            return r
    return None


# ------------------------------------------------------------------ phase 4

def attach_percents(s: str, qs: list[Quantity], c: Classes, specs: list[Metric], vocab: Vocab) -> list[Metric]:
    """Phase 4: a percent of plan after a pair, in its sentence, before any
    other target or result, is the percent reported for that pair; one after
    a result no target measures (完成改造2600户,为年度目标的104%) makes a
    metric of that result and its percent. Returns those new metrics."""
    percents = [q for q in qs if c.kind.get(q) == "percent"]
    for spec in specs:
        if spec.percent_reported is not None or spec.target is None:
            continue
        anchor = spec.actual if spec.actual is not None and spec.actual.start > spec.target.start else spec.target
        p = _percent_after(s, anchor, qs, c, percents, vocab)
        if p is None and spec.actual is not None and anchor is spec.target:
            # 新改建户厕2100户,完成率105%,年度任务2000户: the percent follows the result said first
            p = _percent_after(s, spec.actual, qs, c, percents, vocab)
        if p is None and spec.actual is not None:
            p = _rate_of_pair(s, spec, qs, c)
        if p is not None:
            spec.percent_reported = p.value
            spec.how.append(f"percent {p.text} after the pair")
            c.kind[p] = "percent_used"
            if p in percents:
                percents.remove(p)
    used = {q for sp in specs for q in (sp.target, sp.actual) if q is not None}
    alone = []
    for r in qs:
        # (a number no word marks is a result when a percent of plan follows it)
        if c.kind.get(r, "result") in ("result", None) and r not in used and not r.is_percent:
            p = _percent_after(s, r, qs, c, percents, vocab)
            if p is not None:
                alone.append(Metric(metric_name(s, r, vocab), None, None, r, sentence_of(s, r.start, r.end),
                                    percent_reported=p.value))
                percents.remove(p)
    return alone


def _start(q: Quantity) -> int:
    return q.start


def _percent_after(s: str, anchor: Quantity, qs: list[Quantity], c: Classes, percents: list[Quantity],
                   vocab: Vocab) -> Quantity | None:
    """The percent of plan that reports on `anchor`: after it in its clause group.

    `percents` and `qs` are in text order; only the stretch of text after
    `anchor` up to its sentence end is looked at."""
    for k in range(bisect.bisect_left(percents, anchor.end, key=_start), len(percents)):
        p = percents[k]
        if not same_sentence(s, anchor.end, p.start):
            return None  # the next percent is past the sentence end, and so are the others
        first = bisect.bisect_left(qs, anchor.end, key=_start)
        between = [q for q in qs[first:bisect.bisect_left(qs, p.start, key=_start)]
                   if c.kind.get(q) in ("target", "result")]
        if between or len(CLAUSE_BREAK.findall(s, anchor.end, p.start)) > 1:
            return None  # another clause of its own lies between: the percent is of something else
        if len(strip_cues(_name_before_cue(clause_before(s, p.start), vocab), vocab)) > MAX_BARE:
            return None  # 村道养护完成率96%: the rate of something else
        return p
    return None


def _rate_of_pair(s: str, spec: Metric, qs: list[Quantity], c: Classes) -> Quantity | None:
    """A percent with no cue word right after a pair's result, in its sentence,
    that equals actual / target (已开工22个,开工率55%): the text's own rate of it."""
    t, a = spec.target, spec.actual
    if not t.value or a.start < t.start:
        return None
    nxt = next((q for q in qs if q.start >= a.end), None)
    if nxt is None or not nxt.is_percent or c.kind.get(nxt) not in (None, "result") \
            or not same_sentence(s, a.end, nxt.start):
        return None
    return nxt if states_share(nxt.value, a.value, t.value, PROSE_RATE_SLACK) else None


def _name_before_cue(clause: str, vocab: Vocab) -> str:
    cues = vocab.cues["percent"]
    first = min((clause.find(w) for w in cues if w in clause), default=-1)
    return clause[:first] if first >= 0 else ""


# ------------------------------------------------------------------ entry

def align_outline_item(item: Item, vocab: Vocab) -> Alignment:
    """Targets, actuals and percents of a narrative item (outline or paragraph).

    An item longer than `SEGMENT` characters (a report pasted as one line) is
    read in segments cut at sentence ends (`segments`), so the time is linear in
    its length. Most evidence reaches no further than `REACH` or
    `ARITHMETIC_REACH`; what does (a list of results sentences after its
    targets, a target said again far later) is not looked for past a segment."""
    s = item.progress or ""
    parts = [_align_text(text, item, vocab, opening=k == 0) for k, text in enumerate(segments(s))]
    specs = [sp for part in parts for sp in part[0] if sp.score is None] + \
        [sp for part in parts for sp in part[0] if sp.score is not None]
    # the record's own percent is its first metric's: another metric's percent says nothing of it
    primary = next((sp for sp in specs if sp.score is None), None)
    return Alignment(specs, primary.percent_reported if primary else None, None, None,
                     [x for part in parts for x in part[1]], [x for part in parts for x in part[2]])


def segments(s: str) -> list[str]:
    """`s` cut into pieces of about `SEGMENT` characters, each ending at a sentence
    end (。 ! ? ; or a line end) where there is one, else at a clause break, else
    (a stretch with no punctuation) where no number is cut."""
    out = []
    start = 0
    while len(s) - start > SEGMENT:
        hi = min(len(s), start + 2 * SEGMENT)
        cut = SENTENCE_BREAK.search(s, start + SEGMENT, hi) or CLAUSE_BREAK.search(s, start + SEGMENT, hi)
        end = cut.end() if cut else start + SEGMENT
        while not cut and end < len(s) and (s[end].isdigit() or s[end - 1].isdigit()):
            end += 1
        out.append(s[start:end])
        start = end
    out.append(s[start:])
    return out


def _align_text(s: str, item: Item, vocab: Vocab, opening: bool = True
                ) -> tuple[list[Metric], list[tuple[Metric, str]], list[Named]]:
    """The metrics of one piece of an item's text, its targets no result
    measures and its results no target measures. `opening` is False for a piece
    after the first: it has no heading of its own."""
    g = grammar(vocab)
    qs = read_quantities(s, vocab, g)
    if not qs:
        return [], [], []
    c = classify_quantities(s, qs, item, vocab, g, opening)
    specs = apply_relations(s, qs, c, vocab, g)
    specs = pair_remaining(s, qs, c, specs, item, vocab)
    specs += _scores(s, qs, c, vocab)
    specs += attach_percents(s, qs, c, specs, vocab)
    if not item.plan:
        def name(q: Quantity) -> str:
            return metric_name(s, q, vocab)
        specs = align_lists(s, qs, c.kind, specs, vocab, name)
        specs = complete_in_words(s, qs, c.kind, specs, vocab, name)
        specs = confirm_by_arithmetic(s, qs, c.kind, specs, vocab, name, c.measurable)
        specs = derive_from_gap(s, qs, c.kind, specs, vocab, name)
        loose = loose_results(s, qs, c, specs, vocab)
        weak = [(sp, naming_words(s, sp.target, vocab), naming_words(s, sp.actual, vocab)) for sp in specs
                if sp.target is not None and sp.actual is not None and len(sp.how) == 1
                and sp.how[0].startswith(NEAREST)]
        prefer_named(weak, loose, vocab)
        match_by_words(_lone_targets(s, specs, vocab), loose, vocab)
    specs = _drop_restated(specs)
    _targets_from_heading(specs, s, item, vocab, g)
    # a ratio (是其全年任务量的1.3倍) is neither a target nor an actual
    specs = [sp for sp in specs if not any(q is not None and q.unit in g.ratio_units for q in (sp.target, sp.actual))]
    specs.sort(key=lambda sp: (sp.score is not None, _pos(sp)))
    if item.plan:
        return specs, [], []
    # what is still alone after the pairs above is offered to the paragraphs around
    return specs, _lone_targets(s, specs, vocab), loose_results(s, qs, c, specs, vocab)


def _lone_targets(s: str, specs: list[Metric], vocab: Vocab) -> list[tuple[Metric, str]]:
    """The metrics of a target no result measures, with the words that name it."""
    return [(sp, naming_words(s, sp.target, vocab)) for sp in specs
            if sp.target is not None and sp.actual is None and sp.score is None]


def naming_words(s: str, q: Quantity, vocab: Vocab) -> str:
    """The words of the clause of `q` that name what it counts, before it, in it
    (a noun read as its unit: 9.63万农村人口) and after it, cue and period words
    taken out (截至6月底,入库科技型中小企业163家 -> 入库科技型中小企业家)."""
    return strip_cues(clause_before(s, q.start) + q.text + clause_after(s, q.end), vocab)


def loose_results(s: str, qs: list[Quantity], c: Classes, specs: list[Metric],
                  vocab: Vocab) -> list[Named]:
    """Figures reported done (or unmarked, unless a percent), and parts of a total
    (其中…4.95万个, `Classes.measurable`), that no pair holds, with their naming words."""
    used = {q for sp in specs for q in (sp.target, sp.actual) if q is not None}
    return [Named(q, naming_words(s, q, vocab), sentence_of(s, q.start, q.end)) for q in qs
            if (c.kind.get(q) in ("result", None) and not q.is_percent or c.kind.get(q) == "result"
                or q in c.measurable and c.kind.get(q) == "distractor")
            and q not in used and not q.in_parens]


def _targets_from_heading(specs: list[Metric], s: str, item: Item, vocab: Vocab, g: Grammar) -> None:
    """A result with no target under a heading that states targets ((一)新建学校5所,
    新增学位4650个 over 2.新增学位3810个,完成率81.9%): the heading's figure of its
    kind, named by the same words, is its target."""
    heading = (item.section or "").rsplit(" > ", 1)[-1]
    lone = [sp for sp in specs if sp.target is None and sp.actual is not None and sp.score is None]
    if not heading or not lone:
        return
    offered = [q for q in read_quantities(heading, vocab, g) if not q.is_percent]
    for sp in lone:
        a = sp.actual
        assert a is not None
        fits = [q for q in offered if unit_tier(q.unit, a.unit, vocab) >= 2
                and word_overlap(_context(heading, q, vocab), _context(s, a, vocab)) >= 2]
        if len(fits) == 1:
            sp.target, sp.target_text = fits[0], sentence_of(heading, fits[0].start, fits[0].end)
            sp.how.append("heading: the figure of the heading named by the same words")
            offered.remove(fits[0])


def _scores(s: str, qs: list[Quantity], c: Classes, vocab: Vocab) -> list[Metric]:
    """Self-assessment scores: 自评分90分, 满分30分."""
    out = []
    full = vocab.cues.get("score_max", [])
    for q in qs:
        if c.kind.get(q) == "score":
            spec = Metric(metric_name(s, q, vocab), None, sentence_of(s, q.start, q.end))
            spec.score = q.value
            spec.score_max = q.value if any(w in clause_before(s, q.start) for w in full) else None
            out.append(spec)
    return out


def _pos(spec: Metric) -> int:
    q = spec.target or spec.actual
    return q.start if q else 10 ** 9
