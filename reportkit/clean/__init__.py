"""Stage 3: clean the decoded text, one small fix at a time.

`clean_text` splits the text into lines (CRLF, CR and LF all end a line) and
applies, in this order:

0. `controls.strip_controls` - control characters and bidirectional marks
   (NUL, ESC, U+200E, U+202E ...), which show nothing;
1. `mojibake.repair_lines` - outline markers garbled by GBK decoded one
   byte off (``。ㄒ唬`` -> ``（一）``); needs the raw line, pinyin included;
2. `pinyin.strip_pinyin` - inline pinyin annotations (``產(chǎn)`` -> ``產``);
3. `widths.narrow_alnum` - fullwidth digits and letters (``３３００`` -> ``3300``);
4. `spaces.normalize_spaces` - odd spaces, runs of spaces in CJK text.

The line count never changes, so line numbers stay those of the input. Hard
wraps are not joined here: joining is a layout decision (`reportkit.wraps`),
made by the readers once they know whether a line is a table row, a cell or
an outline item. Every change is recorded as a `Fix`; lines where a character was lost
or garbling could not be repaired are flagged.
"""
from __future__ import annotations

import regex

from ..models import CleanText, Fix
from .controls import may_have_controls, strip_controls
from .mojibake import looks_garbled, may_be_garbled, repair_lines
from .pinyin import may_have_pinyin, strip_pinyin
from .spaces import may_have_odd_spaces, normalize_spaces
from .widths import may_be_wide, narrow_alnum

_LINE_BREAK = regex.compile(r"\r\n|[\r\n\x85\u2028\u2029]")
_SURROGATE = regex.compile(r"[\ud800-\udfff]")


def split_lines(text: str) -> list[str]:
    """Split on CRLF, CR, LF, NEL and the Unicode line and paragraph separators
    (text pasted from web pages and Word uses them), not on form feeds or
    vertical tabs.

    >>> split_lines("a\\u2028b\\r\\nc\\x85d\\n")
    ['a', 'b', 'c', 'd']
    """
    lines = _LINE_BREAK.split(text)
    if lines and lines[-1] == "" and len(lines) > 1:
        lines.pop()  # a final newline ends the last line, it does not start one
    return lines


def clean_text(text: str, keep: str = "") -> CleanText:
    """Clean `text`; the result has exactly one line per input line. `keep`
    names control characters that carry structure (a rendered table's cell marks).

    Each fix first checks the whole text for what it needs (a toned vowel, a
    fullwidth digit, an odd space...): a fix that cannot apply anywhere is not
    run line by line, and most documents need few of them.
    """
    lines = split_lines(text)
    fixes: list[Fix] = []
    flags: dict[int, set[str]] = {}

    if may_have_controls(text, keep):
        for index, line in enumerate(lines):
            stripped = strip_controls(line, keep)
            if stripped != line:
                fixes.append(Fix(index + 1, "controls", line.encode("unicode_escape").decode("ascii"), stripped))
                if stripped.count("\ufffd") > line.count("\ufffd"):
                    flags.setdefault(index + 1, set()).add("lost_character")
                lines[index] = stripped

    if _SURROGATE.search(text):
        for index, line in enumerate(lines):
            # a lone surrogate is half of a character that was lost on the way
            if _SURROGATE.search(line):
                lines[index] = _SURROGATE.sub("\ufffd", line)
                fixes.append(Fix(index + 1, "surrogate", line.encode("utf-8", "backslashreplace").decode(),
                                 lines[index]))
                flags.setdefault(index + 1, set()).add("lost_character")

    for index, repair in repair_lines(lines) if may_be_garbled(text) else ():
        no = index + 1
        if repair is None:
            flags.setdefault(no, set()).add("mojibake")
            continue
        fixes.append(Fix(no, "mojibake", lines[index], repair.text))
        lines[index] = repair.text
        if repair.lost_character:
            flags.setdefault(no, set()).add("lost_character")
        if repair.rebuilt:
            # the marker is certain; rebuilt characters after it may not be
            flags.setdefault(no, set()).add("mojibake")

    pinyin, wide, spaces = may_have_pinyin(text), may_be_wide(text), may_have_odd_spaces(text)
    if not (pinyin or wide or spaces):
        return CleanText(lines=lines, fixes=fixes, line_flags=flags)
    out: list[str] = []
    for no, line in enumerate(lines, 1):
        new = line
        if pinyin:
            new, count, lost = strip_pinyin(line)
            if count:
                fixes.append(Fix(no, "pinyin", line, new))
            if lost:
                flags.setdefault(no, set()).add("lost_character")
            if looks_garbled(new):
                flags.setdefault(no, set()).add("mojibake")
        narrowed = narrow_alnum(new) if wide else new
        if narrowed != new:
            fixes.append(Fix(no, "width", new, narrowed))
        spaced = normalize_spaces(narrowed) if spaces else narrowed
        if spaced != narrowed:
            fixes.append(Fix(no, "space", narrowed, spaced))
        out.append(spaced)
    return CleanText(lines=out, fixes=fixes, line_flags=flags)
