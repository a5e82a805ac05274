"""A large report, cut into parts that are read one at a time.

A report of more than `tuning.PART_CHARS` characters given as text is cut at a
blank line after every `PART_CHARS` characters: a blank line ends a section, a
table or a paragraph, so each part is a report of its own (`pipeline` reads
it as one, with the title, publisher and dates of the first part). A run of
text with no blank line is never cut: a table or a section is not split.
Parts keep their place: `Part.first_line` is the number of the part's first
line in the whole text, counted as `clean.split_lines` counts them.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

import regex

from .tuning import PART_CHARS

# the line breaks `clean.split_lines` splits on (a CR before an LF is half of one break)
_BREAK_TEXT = r"(?:\r\n|\r(?!\n)|[\n\x85\u2028\u2029])"
_BREAK = regex.compile(_BREAK_TEXT)
# a line break, then a line of nothing but spaces and its own break: where a part may end
_BLANK_LINE = regex.compile(_BREAK_TEXT + r"[ \t\u3000]*" + _BREAK_TEXT)


@dataclass(frozen=True)
class Part:
    """Characters `start` to `end` of a text, whose first line is line `first_line` of it."""
    start: int
    end: int
    first_line: int


def cut_parts(text: str, size: int = PART_CHARS) -> Iterator[Part]:
    """The parts of `text`: each ends with the first blank line after `size` characters
    of it (the last part with the text), so together they hold every character once.

    >>> text = "ab\\n\\ncd\\nef\\n\\ngh\\n"
    >>> [(text[p.start:p.end], p.first_line) for p in cut_parts(text, 3)]
    [('ab\\n\\ncd\\nef\\n\\n', 1), ('gh\\n', 6)]
    """
    start, first_line = 0, 1
    while start < len(text):
        blank = _BLANK_LINE.search(text, start + size) if len(text) - start > size else None
        end = blank.end() if blank else len(text)
        yield Part(start, end, first_line)
        first_line += line_breaks(text, start, end)
        start = end


def line_breaks(text: str, start: int, end: int) -> int:
    """The line breaks in characters `start` to `end` of `text` (a CRLF is one)."""
    return sum(1 for _ in _BREAK.finditer(text, start, end))
