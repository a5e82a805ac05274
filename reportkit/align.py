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

from dataclasses import replace

import regex

from .arithmetic import states_share
from .clauses import CLAUSE_BREAK, clause_before, first_cue, sentence_of, unit_tier, word_overlap
from .naming import metric_name
from .models import Alignment, Item, Metric, MetricCells, Quantity
from .quantities import extract_quantities, read_number
from .relations import find_matches, grammar, slotted
from .status import status_from_remark, status_from_text
from .vocab import Vocab, alternation, derived
from .tuning import PROSE_RATE_SLACK

# a minus sign counts where it follows no figure (-50%, not the dash of 30-50%)
_PERCENT_VALUE = regex.compile(r"((?<![\d.])[-\u2212\uff0d]?\d+(?:\.\d+)?)\s*[%\uff05]")
_BARE_NUMBER = regex.compile(r"[-\u2212\uff0d]?\d+(?:\.\d+)?")
_PLAIN_PERCENT = regex.compile(r"[-\u2212\uff0d]?\d+(?:\.\d+)?\s*%?")
_OPEN_BRACKET = regex.compile(r"[(\uff08]")
# a cell that is one number, maybe with a comparison word: 120, 5.5以内, 不少于30
_BARE_CELL = regex.compile(r"[^\d\s]{0,3}\s*\d[\d,]*(?:\.\d+)?\s*[^\d\s]{0,3}")
_HAN_CHAR = regex.compile(r"\p{Han}")
_LEADING_NUMBER = regex.compile(r"\d[\d,]*(?:\.\d+)?")




# ------------------------------------------------------------------ helpers





def _names_a_class(s: str, q: Quantity, vocab: Vocab) -> bool:
    """A bound written before a noun (10万元以下村, 亿元以上项目): the class of
    things counted, not an amount to reach; but 5万元以上的目标 names a target.

    >>> from reportkit.vocab import load_vocab
    >>> v = load_vocab()
    >>> [_names_a_class(t, extract_quantities(t, v)[0], v) for t in ("收入10万元以下村清零", "新增就业1万人以上")]
    [True, False]
    """
    word = q.qualifier_word
    if not word or not s.startswith(word, q.end):
        return False
    rest = s[q.end + len(word):]
    words = vocab.relations.get("words", {})
    nouns, particles = tuple(words.get("target_noun", [])), tuple(words.get("particle", []))
    noun = rest[1:] if particles and rest.startswith(particles) else rest
    return bool(_HAN_CHAR.match(rest)) and not noun.startswith(nouns)


def _without_plan_distractors(s: str, qs: list[Quantity], vocab: Vocab) -> list[Quantity]:
    """The quantities of a task (a plan) that no distractor pattern marked for
    plans (`relations.yaml: distractors`, `in_plans`) reads as a starting level,
    a size class or a composition."""
    if len(qs) < 2:
        return qs
    text, at = slotted(s, qs)
    out = {id(q) for q in qs}
    for p in grammar(vocab).distractors:
        if p.in_plans:
            for roles in find_matches(p, text, at):
                out -= {id(q) for q in roles.get("X", [])}
    return [q for q in qs if id(q) in out]


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
    """(percent_reported, the status its words state, status_text) from a completion cell.

    The first percent is the item's (``100%；78.7%``); a bare number is a
    percent too (the column says so). Words in brackets after the percent
    (``80%（进度滞后）``, ``50%（未开工`` with the bracket never closed) are the
    table's own verdict and win over the number."""
    if not text:
        return None, None, None
    s = (text).strip()
    values = _PERCENT_VALUE.findall(s)
    if not values and _BARE_NUMBER.fullmatch(s):
        values = [s]
    percent = float(values[0].replace("\u2212", "-").replace("\uff0d", "-")) if values else None
    plain = bool(_PLAIN_PERCENT.fullmatch(s))
    if percent is not None:
        # a number says more than words around it (目前完成率59.34% is in progress),
        # but words in brackets after it are the table's own verdict
        bracket = _OPEN_BRACKET.search(s)
        stated = status_from_remark(s[bracket.end():], vocab) if bracket else None
    else:
        stated = status_from_text(s, vocab)
    return percent, stated, None if plain else text.strip()


# ------------------------------------------------------------------ tables

def _money(qs: list[Quantity], words: str, vocab: Vocab) -> list[Quantity]:
    """A bare 亿 is an amount of money; so is a bare 万 where money is spoken of."""
    money_unit = (vocab.tables.get("money_unit") or [None])[0]
    cues = vocab.tables.get("money_words", [])
    out = []
    for q in qs:
        if q.unit is None and q.magnitude > 1 and money_unit and (
                q.magnitude >= 1e8 or any(w in words for w in cues)):
            q = replace(q, unit=money_unit)
        out.append(q)
    return out


def _compound_units(text: str, qs: list[Quantity], vocab: Vocab) -> list[Quantity]:
    """A unit per something, kept as written: 160元/月, 610元/人·年, 12元/平方米.
    After the slash: a unit of the vocabulary, else one character (月, 年)."""
    out = []
    for q in qs:
        per = _per_unit(text, q.end, vocab) if q.unit and not q.is_percent else None
        out.append(replace(q, unit=q.unit + per, end=q.end + len(per)) if per else q)
    return out


def _per_unit(text: str, pos: int, vocab: Vocab) -> str | None:
    if not text.startswith("/", pos):
        return None
    parts = []
    k = pos + 1
    while True:
        word = next((u for u in sorted(vocab.unit_family, key=len, reverse=True) if text.startswith(u, k)), None)
        if word is None and k < len(text) and _HAN_CHAR.match(text[k]):
            word = text[k]
        if word is None:
            break
        parts.append(word)
        k += len(word)
        if len(parts) < 2 and text[k:k + 1] in ("\u00b7", "\u30fb"):
            parts.append(text[k])
            k += 1
            continue
        break
    if not parts or parts[-1] in ("\u00b7", "\u30fb"):
        return None
    return "/" + "".join(parts)


def _cell_quantities(text: str, unit: str | None, context: str, vocab: Vocab,
                     bare: bool = False) -> tuple[str, list[Quantity]]:
    """Quantities of a table cell, read once: its own figures, or, for a cell
    of a number alone, that number in `unit` (a unit column's, the header's or
    the context's; with `bare`, in no unit at all when none is known). The text
    returned shows the unit after the number (``8.5万人``) as the record quotes it."""
    text = text or ""
    qs = extract_quantities(text, vocab, simplified=True)
    if not qs and (unit or bare) and _BARE_CELL.fullmatch(text.strip()):
        q = read_number(text, vocab, unit)
        if q is not None:
            written = text[:q.end] + (unit or "") + text[q.end:]
            q.text, q.end = written[q.start:q.end + len(unit or "")], q.end + len(unit or "")
            text, qs = written, [q]
    return text, _money(_compound_units(text, qs, vocab), context + text, vocab)


def align_table_item(item: Item, vocab: Vocab) -> Alignment:
    task = (item.target or item.task or "")
    prog = (item.progress or "")
    money_ctx = (" ".join(x for x in (item.task, item.target) if x))
    task, found = _cell_quantities(task, item.unit if item.target else None, money_ctx, vocab,
                                   bare=bool(item.target))
    targets = _penalty_filter(task, found, vocab)
    # 收入10万元以下村全部清零(38个): a figure that only names a class of things is no target
    targets = [q for q in targets if not _names_a_class(task, q, vocab)] or targets
    # 从574元提高到609元: a level to leave behind is no target (the plan's distractors, relations.yaml)
    targets = _without_plan_distractors(task, targets, vocab) or targets
    specs = [Metric(metric_name(task, q, vocab), q, sentence_of(task, q.start, q.end)) for q in targets]
    if item.target and item.task and _BARE_CELL.fullmatch((item.target).strip()):
        for spec in specs:  # a target column of bare numbers: the task names the metric
            spec.name = (item.task).strip()
    if item.actual:
        prog, candidates = _cell_quantities(item.actual, item.unit, money_ctx, vocab, bare=True)
    else:
        candidates = _money(_compound_units(prog, extract_quantities(prog, vocab, simplified=True), vocab),
                            money_ctx + prog, vocab)
    if not specs and not item.actual:
        # a target stated in the progress cell: 全年计划抽检42批次
        for q in candidates:
            clause = clause_before(prog, q.start)
            if first_cue(clause, vocab, q) == "target" and any(w in clause for w in vocab.cues["progress_target"]):
                specs.append(Metric(metric_name(prog, q, vocab), q, sentence_of(prog, q.start, q.end)))
        used = {id(sp.target) for sp in specs}
        candidates = [q for q in candidates if id(q) not in used]
    contexts = {id(q): clause_before(prog, q.start) for q in candidates}
    taken: set[int] = set()
    for spec in specs:
        pick = _best_actual(spec, candidates, contexts, taken, vocab)
        if pick:
            taken.add(id(pick))
            spec.actual, spec.actual_text = pick, sentence_of(prog, pick.start, pick.end)
    if not specs and item.actual and candidates:
        # an actual column with no target anywhere: the figure is still reported
        specs.append(Metric((item.task or ""), None, None, candidates[0], prog))
    elif not specs and _is_metric_name(task, vocab):
        spec = Metric(task, None, item.target or item.task)
        pct = [q for q in candidates if q.is_percent]
        scored = [(word_overlap(task, contexts[id(q)]), -i, q) for i, q in enumerate(pct)]
        scored = [x for x in scored if x[0] >= 2]
        if scored:
            q = max(scored, key=lambda x: (x[0], x[1]))[2]
            spec.actual, spec.actual_text = q, sentence_of(prog, q.start, q.end)
        specs.append(spec)
    percent, status, status_text = read_percent_cell(item.percent, vocab)
    if specs and percent is not None and status_text is None and not _PERCENT_SIGN.search(item.percent or ""):
        percent = _as_share(percent, specs[0])
    if percent is None and specs and prog and not item.actual:
        # no completion cell: the progress text may state the share (完成年度任务的59%, 完成率100%)
        percent = _stated_share(prog, candidates, vocab)
        if percent is None:
            percent = named_rate(prog, vocab)
    if specs and percent is not None:
        others = {id(sp.actual) for sp in specs[1:] if sp.actual is not None}
        _agree_with_percent(specs[0], [q for q in candidates if id(q) not in others], percent, vocab, prog)
    # the words of a remark win, then those of the completion cell, then a
    # progress cell that states one (推进情况: 序时推进 / 进度滞后)
    status = status_from_remark(item.remark, vocab) or status or status_from_remark(item.progress, vocab)
    for more in item.more_metrics:
        specs.append(_more_metric(more, vocab))
    return Alignment(specs, percent, status, status_text)


_PERCENT_SIGN = regex.compile(r"[%\uff05]")


def _stated_share(prog: str, qs: list[Quantity], vocab: Vocab) -> float | None:
    """The percent of plan a progress text states (完成年度任务的59%, 已完成80%), read
    with the relation grammar's percent patterns (`relations.yaml: roles`)."""
    text, at = slotted(prog, sorted(qs, key=lambda q: q.start))
    for pattern in grammar(vocab).roles:
        for roles in find_matches(pattern, text, at):
            for q in roles.get("P", []):
                if q.is_percent:
                    return q.value
    return None


def named_rate(text: str, vocab: Vocab) -> float | None:
    """The first rate a text names with a completion-rate word (完成率100%,
    完成进度为80%; ``tables.yaml: rate_words``), not a share of something else (占比).

    >>> from reportkit.vocab import load_vocab
    >>> named_rate("完成736人,完成率18.04%", load_vocab()), named_rate("新增5%", load_vocab())
    (18.04, None)
    """
    pattern = _rate_words(vocab)
    m = pattern.search(text)
    return float(m.group("rate")) if m else None


@derived
def _rate_words(vocab: Vocab) -> regex.Pattern:
    words = sorted(vocab.tables.get("rate_words", []), key=len, reverse=True)
    links = alternation(list(vocab.tables.get("rate_links", [])) + [":", "\uff1a"])
    # the rate word opens its clause: 任务按时完成率100% is the rate of something else
    return regex.compile(rf"(?:^|(?<=[,\uff0c;\uff1b(\uff08\s]))(?:{alternation(words)})\s*(?:{links})?\s*"
                         rf"(?P<rate>\d+(?:\.\d+)?)\s*[%\uff05]")


def _as_share(percent: float, spec: Metric) -> float:
    """A bare rate a spreadsheet wrote as a fraction (0.828, 1, 1.04 where its
    format was lost) in percent, when the row's own figures say so: actual /
    target is 100 times the cell, not the cell.

    >>> spec = Metric("x", Quantity(50, "个", None, "50个", 0, 3), "50个")
    >>> spec.actual = Quantity(41, "个", None, "41个", 0, 3)
    >>> _as_share(0.82, spec), _as_share(82, spec), _as_share(1.5, Metric("x", None, None))
    (82.0, 82, 1.5)
    """
    t, a = spec.target, spec.actual
    if percent > 2 or t is None or a is None or not t.value or t.is_percent:
        return percent
    share = a.value / t.value * 100
    return round(percent * 100, 6) if abs(percent * 100 - share) < abs(percent - share) else percent


def _agree_with_percent(spec: Metric, candidates: list[Quantity], percent: float, vocab: Vocab,
                        prog: str) -> None:
    """When the percent the table states is exactly the share of the target
    that a later figure of the same sentence says is finished (已开工9个,其中完工4个
    at 33.3% of 12; ``tables.yaml: finished_words``), that figure is the actual;
    failing that, the one figure of the cell that is exactly that share (路基62公里、
    路面41.5公里 at 55.3% of 75) is."""
    t = spec.target
    if t is None or not t.value or t.qualifier in ("<", "<=") or t.is_percent:
        return  # a rate target met reads 100%, whatever the rate
    def matches(q: Quantity | None) -> bool:
        return q is not None and states_share(percent, q.value, t.value, PROSE_RATE_SLACK)
    if matches(spec.actual):
        return
    a = spec.actual
    finished = tuple(vocab.tables.get("finished_words", []))
    fits = [q for q in candidates if q is not t and unit_tier(t.unit, q.unit, vocab) > 0 and matches(q)
            and any(w in clause_before(prog, q.start) for w in finished)
            and (a is None or q.start > a.start and sentence_of(prog, a.start, q.end) == sentence_of(
                prog, q.start, q.end))]
    if not fits:
        fits = [q for q in candidates if q is not t and unit_tier(t.unit, q.unit, vocab) > 0 and matches(q)]
    if len(fits) == 1:
        spec.actual, spec.actual_text = fits[0], sentence_of(prog, fits[0].start, fits[0].end)


def _more_metric(more: MetricCells, vocab: Vocab) -> Metric:
    """A further target/actual/percent group of the row (counts, then investment)."""
    name = (more.name or "")
    t_text, ts = _cell_quantities(more.target or "", more.unit, name, vocab)
    a_text, acts = _cell_quantities(more.actual or "", more.unit, name, vocab)
    spec = Metric(name or (metric_name(t_text, ts[0], vocab) if ts else t_text), ts[0] if ts else None, t_text or None)
    if acts:
        spec.actual, spec.actual_text = acts[0], a_text
    spec.percent_reported = read_percent_cell(more.percent, vocab)[0]
    return spec


def _is_metric_name(task: str, vocab: Vocab) -> bool:
    t = task.strip()
    return 2 <= len(t) <= 40 and not CLAUSE_BREAK.search(t) and t.endswith(tuple(vocab.cues["metric_suffixes"]))


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
        if q.unit is None and c.unit is None and not c.is_percent:
            tier = 1  # two bare numbers of a table's target and actual columns
        if tier == 0:
            continue
        key = (tier, word_overlap(spec.name, contexts.get(id(c), "")), -i)
        if best is None or key > best[0]:
            best = (key, c)
    return best[1] if best else None
