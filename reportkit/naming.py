"""How a metric is named: the noun phrase of its clause that says what a figure counts.

The table reader (`align`) and the prose reader (`narrative`) name a metric
the same way: the words of the figure's clause before it, without a list
number (``2)``), leading words (`cues.yaml: name_prefixes`) or the
comparison word that is the figure's qualifier (全年送戏下乡 for
全年送戏下乡不少于300场) or says how it compares (`cues.yaml: name_suffixes`:
覆盖率 for 覆盖率达到50%), and without a quote mark the name does not open
or close. A clause of cue words only (目标值) is named by the label before
its colon (城镇新增就业:目标值5000人); a clause whose words before the figure
are only a preposition or a cue (拟在1个专业市场) is named by the words after
the figure, up to the end of its clause (专业市场).
"""
from __future__ import annotations

import regex

from .clauses import clause_after, clause_before
from .models import Quantity
from .relations import grammar
from .tuning import MAX_PREPOSITION, MIN_NAME
from .vocab import Vocab, derived

#: a list number opening a clause: 2. 2、 2) (二)
_LIST_NUMBER = regex.compile(r"^(?:\d+[.\u3001)\uff09]|[(\uff08][^)\uff09]*[)\uff09])")
_QUOTE_PAIRS = {"\u201c": "\u201d", "\u300c": "\u300d", "\u300e": "\u300f"}


def strip_cues(clause: str, vocab: Vocab) -> str:
    """A clause without its cue words: what is left names the thing counted."""
    return grammar(vocab).cue_words.sub("", clause)


@derived
def _after_words(vocab: Vocab) -> tuple[str, ...]:
    return tuple(w for ws in vocab.qualifiers.get("after", {}).values() for w in ws)


@derived
def _suffixes(vocab: Vocab) -> tuple[str, ...]:
    return tuple(sorted(vocab.cues.get("name_suffixes", []), key=len, reverse=True))


def without_qualifiers(text: str, vocab: Vocab) -> str:
    """`text` without the qualifier words that follow a figure (以上, 以内: `qualifiers.yaml: after`)."""
    for w in _after_words(vocab):
        text = text.replace(w, "")
    return text


def metric_name(s: str, q: Quantity, vocab: Vocab) -> str:
    """The name of the metric whose figure is `q` in the text `s`."""
    name = clause_before(s, q.start)
    start = q.start - len(name) - 1
    if not strip_cues(name, vocab) and start > 0 and s[start] in ":\uff1a":
        name = clause_before(s, start) + s[start] + name
    name = _LIST_NUMBER.sub("", name)
    for w in vocab.cues.get("name_prefixes", []):
        if name.startswith(w):
            name = name[len(w):]
    # the comparison is the target's qualifier, not part of the name (全年送戏下乡不少于 300场)
    if q.qualifier_word and name.rstrip().endswith(q.qualifier_word):
        name = name.rstrip()[:-len(q.qualifier_word)]
    suffixes = _suffixes(vocab)
    while (w := next((w for w in suffixes if name.endswith(w) and len(name) > len(w)), None)) is not None:
        name = name[:-len(w)]
    if len(strip_cues(name, vocab).strip()) <= MAX_PREPOSITION:
        after = unquoted(clause_after(s, q.end))
        # the words after name the thing counted (专业市场), not a report on it (已全部完成)
        if len(strip_cues(without_qualifiers(after, vocab), vocab)) >= MIN_NAME \
                and not grammar(vocab).cue_words.match(after):
            return after
    return unquoted(name) or q.text


def unquoted(name: str) -> str:
    """`name` without a quote mark at either end that it does not close or open:
    “品字标”认证产品 and 养老机构“阳光厨房” keep theirs, “认证产品 loses its one."""
    name = name.strip(" \"")
    for left, right in _QUOTE_PAIRS.items():
        if name.startswith(left) and right not in name[1:]:
            name = name[1:]
        if name.endswith(right) and left not in name[:-1]:
            name = name[:-1]
    return name.strip()
