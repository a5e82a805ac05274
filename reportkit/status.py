"""Status: what the report says of an item's completion, decided in one place.

The report's own words win: a status phrase in a remark, in a completion
cell or in brackets after a percent (``80%（进度滞后）``), else in a progress
cell that states one (``推进情况: 序时推进``) (``status.yaml``); a judgement of
the schedule wins over a mere "under way" in the same text, and a completion
word about a sub-step (``设备采购已完成``) states nothing of the item. Only when
no words state one does the percent decide: 0 not started, 100 and more
complete, anything between in progress.
"""
from __future__ import annotations

import regex

from .models import Status
from .vocab import Vocab

_REMARK_CLAUSES = regex.compile(r"[,\uff0c;\uff1b。|\n、(\uff08)\uff09]")


def decide_status(stated: Status | str | None, percent: float | None) -> Status | str | None:
    """The item's status: what its words state, else what its percent says.

    >>> decide_status("behind", 80), decide_status(None, 100), decide_status(None, None)
    ('behind', 'complete', None)
    """
    if stated is not None:
        return stated
    return status_from_percent(percent) if percent is not None else None


def status_from_percent(p: float) -> Status:
    if p <= 0:
        return "not_started"
    return "complete" if p >= 100 else "in_progress"


def status_from_text(s: str, vocab: Vocab) -> str | None:
    """The status whose phrase (the longest found) `s` contains."""
    best: tuple[int, str] | None = None
    for status, words in vocab.status.items():
        for w in words:
            if w in s and (best is None or len(w) > best[0]):
                best = (len(w), status)
    return best[1] if best else None


def status_from_remark(text: str | None, vocab: Vocab) -> str | None:
    """The status a remark states: the first clause that names one, but a
    judgement of the schedule in a later clause wins over a mere "under way"
    (前期手续办理中,未开工 is not started). A completion word about a sub-step
    (``设备采购已完成``: words before it in its clause) does not make the item complete.

    >>> from reportkit.vocab import load_vocab
    >>> status_from_remark("主体施工中，依预定进度执行", load_vocab())
    'on_track'
    """
    if not text:
        return None
    s = text
    complete = vocab.status.get("complete", [])
    under_way = None
    for clause in _REMARK_CLAUSES.split(s):
        c = clause.strip(" \t()\uff08\uff09")
        if not c:
            continue
        st = status_from_text(c, vocab)
        if st == "complete" and c not in complete:
            continue
        if st == "in_progress":
            under_way = under_way or st
        elif st:
            return st
    return under_way
