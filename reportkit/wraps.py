"""Layout step: join lines hard-wrapped in the middle of a sentence.

Joining is a reading decision, made by the layout readers that know what a
line is (a table row, a cell, an outline item), never by the clean stage:
a hard-wrapped table must reach the table readers line by line.

Pages copied from fixed-width layouts break sentences anywhere::

    2.項目管理及入庫:我鄉扶貧專項資金項目共實施121
    個,目前已全面竣工驗收

Two lines are one sentence when the first has begun a sentence (it holds
a comma, colon, semicolon or full stop), does not end with closing
punctuation, and the second does not start an item of its own (an outline
marker, a bare item number, a 【 bracket). Headings (no such punctuation,
or opened by 一、 or (一)) are never joined to what follows. The joined span keeps the numbers of all
its lines.
"""
from __future__ import annotations

import regex

from .markers import match_marker
from .models import Span

_SENTENCE_MARKS = regex.compile(r"[,\uff0c;\uff1b:\uff1a。]")
_CLOSING = tuple("。!?;:…」』”)】》\uff01\uff1f\uff1b\uff1a\uff09")


def _starts_item(text: str) -> bool:
    s = text.lstrip()
    return bool(match_marker(s)) or s.isdigit() or s.startswith(("【", "[")) or s.startswith("\ufffd")


def is_wrapped(line: str, following: str) -> bool:
    """True when `following` continues the sentence `line` broke off."""
    a, b = line.strip(), following.strip()
    if not a or not b or a.endswith(_CLOSING) or _starts_item(b):
        return False
    m = match_marker(a)
    if m and m.kind in ("cn", "cn_paren"):
        return False  # 一、 and (一) open section headings, which end at their line
    return bool(_SENTENCE_MARKS.search(a))


def join_wrapped(lines: list[tuple[int, str]]) -> list[Span]:
    """Spans of (possibly joined) non-empty lines; `lines` are (number, text)."""
    spans: list[Span] = []
    for no, text in lines:
        if not text.strip():
            continue
        if spans and spans[-1].line_end == no - 1 and is_wrapped(_last_line(spans[-1].text), text):
            prev = spans[-1]
            glue = " " if prev.text[-1:].isascii() and prev.text[-1:].isalnum() and text.strip()[:1].isascii() else ""
            spans[-1] = Span(prev.text + glue + text.strip(), prev.line_start, no)
        else:
            spans.append(Span(text.strip(), no, no))
    return spans


def _last_line(text: str) -> str:
    return text.rsplit("\n", 1)[-1]
