"""Normalize unusual spaces and collapse runs of spaces inside CJK text.

U+3000 (ideographic space), NBSP and the other Unicode spaces become an
ASCII space (tabs are kept). In a line of prose (one holding a clause or
sentence mark), a run of spaces between two CJK characters becomes one space
(a single space is kept: ``(縣 、市)`` stays as written); a line without such
marks may be a table row or header whose cells are told apart by runs of
spaces, and keeps them. Indentation at the start of a line is kept, trailing
white space is dropped.
"""
from __future__ import annotations

import regex

_ODD_SPACES = regex.compile(r"[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_CJK_RUN = regex.compile(r"(?<=[\p{Han}\p{P}]) {2,}(?=[\p{Han}\p{P}])")
_PROSE = regex.compile(r"[\uff0c\u3002\uff1b;]|,(?!\d)")
_ZERO_WIDTH = regex.compile(r"[\u200b\u200c\u200d\u2060\ufeff]")

# what normalize_spaces changes: an odd or zero-width space, two spaces in a row, a space ending a line
_ANY_CHANGE = regex.compile(f"{_ODD_SPACES.pattern}|{_ZERO_WIDTH.pattern}|  | $", regex.M)


def may_have_odd_spaces(text: str) -> bool:
    """False when `normalize_spaces` would leave every line of `text` as it is."""
    return _ANY_CHANGE.search(text) is not None


def normalize_spaces(line: str) -> str:
    """One line with odd spaces made ASCII and CJK space runs collapsed.

    >>> normalize_spaces("完成\\u3000\\u3000進度，已竣工  ")
    '完成 進度，已竣工'
    >>> normalize_spaces("序号  项目  完成率")
    '序号  项目  完成率'
    """
    line = _ZERO_WIDTH.sub("", line)
    line = _ODD_SPACES.sub(" ", line)  # tabs stay: they delimit table cells
    line = line.rstrip(" ")
    stripped = line.lstrip(" ")
    indent = line[: len(line) - len(stripped)]
    if not _PROSE.search(stripped):
        return indent + stripped  # cells split by spaces: the runs are the table's structure
    return indent + _CJK_RUN.sub(" ", stripped)
