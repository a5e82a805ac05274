"""Remove characters that show nothing and change what the text says.

Control characters (NUL, ESC and the other C0 and C1 controls, except tab)
and the invisible marks of bidirectional text (U+200E, U+200F, U+061C, the
embeddings and overrides U+202A-U+202E, the isolates U+2066-U+2069) are
removed: a NUL would cut a line short for the script conversion, a mark in an
item-number cell would hide the number, an override would reorder the text
shown, and an escape sequence would reach the terminal through a note. A
structured source's cell marks (passed as `keep`) stay. U+E000, the
private-use character the readers put in place of a figure while they match
patterns (`relations.SLOT`), cannot stand in a report's text: it becomes
U+FFFD (a character the source did not give).
"""
from __future__ import annotations

import regex

_SLOT = "\ue000"
_INVISIBLE = "\ue000\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x80-\x84\x86-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"


def _pattern(keep: str) -> regex.Pattern:
    allowed = "".join(regex.escape(c) for c in keep)
    return regex.compile(f"(?![{allowed}])[{_INVISIBLE}]" if keep else f"[{_INVISIBLE}]")


def may_have_controls(text: str, keep: str = "") -> bool:
    """False when `strip_controls` would leave every line of `text` as it is."""
    return _pattern(keep).search(text) is not None


def strip_controls(line: str, keep: str = "") -> str:
    """`line` without its control characters and bidirectional marks.

    >>> strip_controls("1\\u200e | 新建\\x00站点\\x1b[0m"), strip_controls("\\ue000任务")
    ('1 | 新建站点[0m', '\\ufffd任务')
    """
    return _pattern(keep).sub(lambda m: "\ufffd" if m[0] == _SLOT else "", line)
