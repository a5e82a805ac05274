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
or opened by 一、 or (一) with no sentence ended after it) are never joined to
what follows. A page break (a page number between dashes and the blank lines
around it) does not end a sentence either. The joined span keeps the numbers of all
its lines.
"""
from __future__ import annotations

import regex

from .markers import match_marker
from .models import Span

_SENTENCE_MARKS = regex.compile(r"[,\uff0c;\uff1b:\uff1a。]")
_FULL_STOP = regex.compile(r"[。!?\uff01\uff1f]")
# a closing bracket ends no sentence: 占年度任务（8条） | 的75% goes on
_CLOSING = tuple("。!?;:…」』”】》\uff01\uff1f\uff1b\uff1a")


def _starts_item(text: str) -> bool:
    s = text.lstrip()
    return bool(match_marker(s)) or s.isdigit() or s.startswith(("【", "[")) or s.startswith("\ufffd")


def is_wrapped(line: str, following: str) -> bool:
    """True when `following` continues the sentence `line` broke off."""
    a, b = line.strip(), following.strip()
    if not a or not b or a.endswith(_CLOSING) or _starts_item(b):
        return False
    m = match_marker(a)
    if m and m.kind in ("cn", "cn_paren") and not _FULL_STOP.search(a, m.end):
        return False  # 一、 and (一) open section headings, which end at their line (unless a sentence ended on it)
    return bool(_SENTENCE_MARKS.search(a))


def join_wrapped(lines: list[tuple[int, str]], page_breaks: frozenset[int] = frozenset()) -> list[Span]:
    """Spans of (possibly joined) non-empty lines; `lines` are (number, text).
    A sentence goes on across the lines of a page break (`page_breaks`: the
    page number and the blank lines around it) as across a line end."""
    spans: list[Span] = []
    for no, text in lines:
        if not text.strip():
            continue
        if spans and (spans[-1].line_end == no - 1 or all(
                k in page_breaks for k in range(spans[-1].line_end + 1, no))) \
                and is_wrapped(_last_line(spans[-1].text), text):
            prev = spans[-1]
            glue = _glue(prev.text[-1:], text.strip()[:1])
            spans[-1] = Span(prev.text + glue + text.strip(), prev.line_start, no)
        else:
            spans.append(Span(text.strip(), no, no))
    return spans


def _glue(before: str, after: str) -> str:
    """What joins two wrapped lines: a space between ASCII words (of the | report),
    nothing in Chinese text or inside a number a line end split (51 | 2人次)."""
    if before.isascii() and before.isalnum() and after.isascii() and after.isalnum() \
            and not (before.isdigit() and after.isdigit()):
        return " "
    return ""


def _last_line(text: str) -> str:
    return text.rsplit("\n", 1)[-1]
