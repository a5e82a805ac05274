"""Cells of a line, and the judgments every finder makes about a cell or a row.

A finder splits lines into cells (`split_cells`, `space_cells`) and tells a
header cell (a short name) from a figure, a row of figures from a sentence,
without any header word: structure only.
"""
from __future__ import annotations

import csv

import regex

from ..dates import date_word_patterns
from ..kinds import FIGURES, cell_kind
from ..vocab import Vocab
from ..tuning import HEADER_CELL_MAX

PIPES = "|\uff5c"
DELIMITERS = ("|", "\t", ",")
MD_SEPARATOR = regex.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
_HAN = regex.compile(r"\p{Han}")
_DIGIT = regex.compile(r"\d")
SENTENCE = regex.compile(r"[\u3002;\uff1b!\uff01?\uff1f]")
_PAREN_NOTE = regex.compile(r"[(\uff08\[\u3010]([^()\uff08\uff09\[\]\u3010\u3011]*)[)\uff09\]\u3011]")
_SPACES = regex.compile(r"\s+")
# dates a header may carry: 2024年(度), 1-9月, 9月底, 30日
_W = date_word_patterns()
_DATE_WORDS = regex.compile(
    rf"\d{{4}}{_W['year']}{_W['year_suffix']}?|\d{{1,2}}{_W['dash']}\d{{1,2}}{_W['month']}"
    rf"|\d{{1,2}}{_W['month']}(?:{_W['month_suffix']}|{_W['month_end']})?|\d{{1,2}}{_W['day']}")
_YEAR = regex.compile(r"(?:19|20)\d\d")
_AFTER_YEAR = regex.compile(rf"{_W['year']}\D")
# a note alone in brackets, or a formula of column labels: (C), （%）, 【(B)+(C)】/(A), (389所)
_BRACKET_ONLY = regex.compile(r"^[(\uff08\[\u3010][^\s]{0,16}[)\uff09\]\u3011](?:/?[(\uff08][A-Za-z][)\uff09])?$")
# a label and its value on one line: 单位:万元, 发布日期: 2022-09-30
_LABEL = regex.compile(r"^[^\s:\uff1a]{1,8}[:\uff1a]\s*\S")
# a quoted run that stays one cell in a space-separated line
_QUOTED = regex.compile(r"\"[^\"]*\"|\u201c[^\u201d]*\u201d")


def split_cells(line: str, delimiter: str) -> list[str]:
    """Cells of one delimited line, trimmed; outer pipes are optional."""
    if delimiter == ",":
        return [c.strip() for c in next(csv.reader([line]))]
    if delimiter == "|":
        line = line.translate({ord("\uff5c"): "|"}).strip()
        if line.startswith("|"):
            line = line[1:]
        if line.endswith("|"):
            line = line[:-1]
        return [c.strip() for c in line.split("|")]
    # tabs keep their places: a leading tab is an empty first cell
    return [c.strip() for c in line.strip(" \r\n").split(delimiter)]


# a number grouped in thousands standing alone (4,517,000): its commas split no cells
_THOUSANDS = regex.compile(r"(?<![\d,])\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d,])")


def count_delimiters(line: str, delimiter: str) -> int:
    """How many times `delimiter` splits `line`: a comma grouping the thousands of
    a number that stands alone does not (after another comma it is a cell of its own).

    >>> count_delimiters("4,517,000", ","), count_delimiters("a,1,234,b", ","), count_delimiters("a,4,517,000", ",")
    (0, 3, 3)
    """
    if delimiter == "|":
        return sum(line.count(p) for p in PIPES)
    if delimiter == "\t":
        return line.strip().count("\t")
    if delimiter == ",":
        return line.count(",") - sum(m.group().count(",") for m in _THOUSANDS.finditer(line))
    return line.count(delimiter)


def opens_with_pipe(line: str) -> bool:
    return line.lstrip().startswith(tuple(PIPES))


def closes_with_pipe(line: str) -> bool:
    return line.rstrip().endswith(tuple(PIPES))


def space_cells(line: str) -> list[str]:
    """Cells of a line whose cells are split by spaces: letter-spaced words
    joined (``合 计``, ``成 都``), a bracketed note joined to the cell it closes
    (``项目总数 (389所)``), a quoted run kept whole.

    >>> space_cells("名次 项目总数 (389所) 合 计 \\"注:1、说明 2、说明\\"")
    ['名次', '项目总数(389所)', '合计', '"注:1、说明 2、说明"']
    """
    tokens: list[str] = []
    pos = 0
    for m in _QUOTED.finditer(line):
        tokens += line[pos:m.start()].split()
        tokens.append(m.group(0))
        pos = m.end()
    tokens += line[pos:].split()
    out: list[str] = []
    for tok in join_spaced_letters(tokens):
        if out and (_BRACKET_ONLY.match(tok) and not _DIGIT.fullmatch(out[-1])
                    or _YEAR.fullmatch(out[-1]) and _AFTER_YEAR.match(tok)):
            out[-1] += tok  # 项目总数 (389所); 2020 年目标值 is one header cell
        else:
            out.append(tok)
    return out


def join_spaced_letters(fragments: list[str]) -> list[str]:
    """Join letter-spaced words split by a space table: a run of two or more
    lone Han characters (``乡 镇``, ``合 计``, ``备 注``) is one word, written with
    a space between its characters to widen a short cell."""
    out: list[str] = []
    run: list[str] = []
    for frag in fragments + [""]:
        if len(frag) == 1 and _HAN.match(frag):
            run.append(frag)
            continue
        if run:
            out.extend(["".join(run)] if len(run) >= 2 else run)
            run = []
        if frag:
            out.append(frag)
    return out


def is_header_like(cell: str) -> bool:
    """A short name, not a sentence, not a figure: what a header cell is."""
    s = cell.strip()
    if not s:
        return True
    core = _PAREN_NOTE.sub("", s)
    if len(core) > HEADER_CELL_MAX or SENTENCE.search(core):
        return False
    rest = _DATE_WORDS.sub("", _SPACES.sub("", core))
    return not _DIGIT.search(rest)


def is_bracket_note(cell: str) -> bool:
    """A cell that is only a bracketed note or a formula of column labels: (C), (%), 【(B)+(C)】/(A)."""
    return bool(_BRACKET_ONLY.match(cell.strip())) or cell.strip().startswith(("\u3010", "["))


def is_label(cell: str) -> bool:
    """A label and its value on one line (单位:万元, 发布日期: 2022-09-30): no header cell."""
    return bool(_LABEL.match(cell.strip()))


def opens_with_label(cells: list[str]) -> bool:
    """A line whose first cell is a label (导读:, 关键字:) states a value, it heads no column."""
    return bool(cells) and (is_label(cells[0]) or cells[0].endswith((":", "\uff1a")))


def has_figure(cells: list[str], vocab: Vocab) -> bool:
    """A row that states a figure in a cell of its own (a number, a percent, a quantity)."""
    return any(cell_kind(c, vocab) in FIGURES for c in cells)


def figure_share(cells: list[str], vocab: Vocab) -> float:
    """The share of filled cells that are figures, dashes or signs."""
    filled = [c for c in cells if c.strip()]
    if not filled:
        return 0.0
    return sum(cell_kind(c, vocab) in FIGURES | {"dash", "sign"} for c in filled) / len(filled)
