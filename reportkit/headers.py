"""Header finding for every table layout: one place that reads header cells.

A table's header arrives in many shapes: one row of cells; a row wrapped over
two lines whose second line lost its empty cells (``项目 | 年度目标`` over
``名称 | 任务``); a group header over sub-columns (``投资(万元)`` over
``计划 | 完成 | 完成率``); or, in a pasted table, one cell per line with a cell
split over two lines (``牵头`` / ``部门``, ``完成比例`` / ``(%)``).

* `header_score` says how well a text reads as one header cell;
* `merge_fragments` joins pasted header fragments into cells;
* `merge_header_lines` combines the lines of a multi-line header into columns;
* `assign_roles` gives every column a role (from its header words), a metric
  group (a row with two target/actual/percent groups has two) and a unit
  written in the header (``计划投资(万元)``, ``完成率%``).

* `header_role` gives one header cell its role (an exact word of
  ``headers.yaml`` first, then the longest word the cell holds) and any date it
  carries (``进展情况(截至10月底)``, ``12月工作进展``: the table's as-of date).

Roles are those of `ROLES`; vocabulary comes from ``headers.yaml``.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import regex

from . import dates
from .models import AsOf
from .vocab import Vocab, derived, enum_of, load_vocab, memo
from .tuning import DUPLICATE_ROLE_COST

#: the column roles, in the order header words are tried: the config schema's
#: list (the one registry of vocabulary keys; `models.Role` is checked against it)
ROLES = enum_of("headers")
#: Roles whose cell goes to a record's `extra` under the header's name.
EXTRA_ROLES = frozenset({"office", "deadline", "rank", "score", "other"})

_PAREN_NOTE = regex.compile(r"[(\uff08\[【]([^()\uff08\uff09\[\]【】]*)[)\uff09\]】]")
_SPACES = regex.compile(r"\s+")


_W = dates.date_word_patterns()
# a leading month or range of months: 12月, 1-9月, 2023年1-10月
_LEAD_MONTH = regex.compile(rf"^(?:\d{{4}}{_W['year']})?(?:\d{{1,2}}\s*{_W['dash']}\s*)?"
                            rf"\d{{1,2}}{_W['month']}{_W['month_suffix']}?")


def parse_as_of(text: str, vocab: Vocab | None = None) -> AsOf | None:
    """A header note's date: ``截至10月底`` -> AsOf(10, end_of_month=True); ``12月`` -> AsOf(12)."""
    return dates.parse_as_of((text), vocab or load_vocab(), cue_required=False)


@memo()
def header_role(cell: str, vocab: Vocab) -> tuple[str | None, AsOf | None]:
    """The role of one header cell, and any date it carries."""
    text = _SPACES.sub("", (cell))
    as_of = None
    for note in _PAREN_NOTE.findall(text):
        as_of = as_of or parse_as_of(note)
    core = _PAREN_NOTE.sub("", text)
    lead = _LEAD_MONTH.match(core)
    if lead:
        as_of = as_of or parse_as_of(lead.group(0))
        core = core[lead.end():]
    core = core.strip("::%\uff05")
    if not core:
        return None, as_of
    for role in ROLES:
        if core in vocab.headers.get(role, []):
            return role, as_of
    best: tuple[int, str] | None = None
    for role in ROLES:
        for word in vocab.headers.get(role, []):
            if len(word) >= 2 and word in core and (best is None or len(word) > best[0]):
                best = (len(word), role)
    return (best[1] if best else None), as_of


METRIC_ROLES = ("target", "actual", "percent")
_BRACKET_TEXT = regex.compile(r"[(\uff08\[【]([^()\uff08\uff09\[\]【】]{1,8})[)\uff09\]】]?")
_LEADING_NOTE = regex.compile(r"\s*[(\uff08\[【]")
_TRAILING_PERCENT = regex.compile(r"[%\uff05]\s*$")


@dataclass
class Column:
    """One column of a table: what its header says and how it was read."""
    name: str                     # header text as written (parts joined)
    role: str | None = None
    source: str = "header"        # where the role came from: header, content or none
    group: int = 0                # metric group: 0 the record's own, 1 a second target/actual/percent
    group_name: str | None = None  # the group header over this column, if any
    unit: str | None = None       # unit given by the header or by the table's context
    unit_source: str | None = None
    path: tuple[str, ...] = ()    # every group header above this column, outermost first


def _core(text: str) -> str:
    s = _SPACES.sub("", (text))
    s = _PAREN_NOTE.sub("", s)
    lead = _LEAD_MONTH.match(s)
    if lead:
        s = s[lead.end():]
    return s.strip(":\uff1a%\uff05")


@derived
def _words(vocab: Vocab) -> list[tuple[str, str]]:
    return [(w, role) for role in ROLES for w in vocab.headers.get(role, [])]


@memo()
def header_score(text: str, vocab: Vocab) -> float:
    """3 an exact header word, 2.5 ends with one, 1.5 contains one, -1 an
    unknown fragment, -2 a bare note (a month range or a bracket alone)."""
    if not text.strip():
        return -2.0
    core = _core(text)
    if not core:
        return -2.0
    if _LEADING_NOTE.match(text):
        return -1.0  # a note closes the cell it belongs to; it does not open the next one
    best = -1.0
    for w, _ in _words(vocab):
        if core == w:
            return 3.0 if len(w) > 1 else 1.0  # 序, 号 alone are more often halves of 序号
        if len(w) >= 2 and core.endswith(w):
            best = max(best, 2.5)
        elif len(w) >= 2 and w in core:
            best = max(best, 1.5)
    return best


def merge_fragments(fragments: list[str], vocab: Vocab, count: int | None = None,
                    same_role_only: bool = False) -> list[str]:
    """Join pasted header fragments (``牵头`` ``部门``) into header cells.

    The split maximizing the sum of `header_score` over the cells, each cell
    joining at most three consecutive fragments; with `count`, the best split
    into exactly that many cells (the width of the rows below). A header names
    its item number, task, category, progress and remark once, so a cell naming
    one an earlier cell named costs `DUPLICATE_ROLE_COST` (``项目`` ``类别``
    ``项目名称`` is 项目类别 | 项目名称). With `same_role_only`, fragments join only
    when they name one role together (``项目`` ``名称``): two header words of
    their own stay two cells."""
    n = len(fragments)
    # best[i]: fragments[:i] made into cells -> (number of cells, roles named) -> (score, cells)
    best: list[dict[tuple[int, frozenset[str]], tuple[float, list[str]]]] = [dict() for _ in range(n + 1)]
    best[0][(0, frozenset())] = (0.0, [])
    for i in range(n):
        for (c, named), (score, cells) in best[i].items():
            for k in (1, 2, 3):
                if i + k > n:
                    break
                name = "".join(f.strip() for f in fragments[i:i + k])
                gain = header_score(name, vocab) - 0.01 * (k - 1)
                one_role = k > 1 and _one_role(fragments[i:i + k] + [name], vocab)
                if k > 1 and same_role_only and not one_role:
                    continue
                if one_role:
                    gain += 3.5  # 项目 名称: two halves naming one role are one cell
                role = header_role(name, vocab)[0] if name else None
                key = (c + 1, named)
                if role in _ONCE_ROLES:
                    gain -= DUPLICATE_ROLE_COST if role in named else 0.0
                    key = (c + 1, named | {role})
                if score + gain > best[i + k].get(key, (float("-inf"),))[0]:
                    best[i + k][key] = (score + gain, cells + [name])
    ends = best[n]
    if count is not None and any(c == count for c, _ in ends):
        ends = {key: v for key, v in ends.items() if key[0] == count}
    if not ends:
        return list(fragments)
    return max(ends.values(), key=lambda x: x[0])[1]


#: roles a group header does not give its sub-columns (a group names figures, not the item)
_NAMING_ROLES = frozenset({"item_no", "task", "category", "office"})
#: the roles a header names at most once (a table may repeat target, actual and
#: percent for a second group of figures, and keep several extra columns)
_ONCE_ROLES = frozenset({"item_no", "task", "category", "progress", "remark"})


def _one_role(texts: list[str], vocab: Vocab) -> bool:
    roles = {header_role(t, vocab)[0] for t in texts}
    return len(roles) == 1 and None not in roles


def _join_gain(upper: str, lower: str, vocab: Vocab) -> float:
    return header_score(upper + lower, vocab) - header_score(upper, vocab)


def merge_header_lines(lines: list[list[str]], width: int | None, vocab: Vocab) -> list[Column]:
    """Columns from the cell lists of a header's lines (top first).

    Same number of cells on every line: the lines stack (tab tables), an
    empty upper cell continues the group to its left. A lower line with fewer
    cells is the wrapped rest of the cells above (each lower fragment joins the
    upper cell it completes best, in order). A lower line with more cells is
    the sub-columns of the groups above."""
    cols = [Column(c.strip()) for c in lines[0]]
    for lower in lines[1:]:
        lower = [c.strip() for c in lower]
        if len(lower) == len(cols):
            group = None
            for j, (col, sub) in enumerate(zip(cols, lower)):
                if col.name and sub:
                    group = col.name
                    if sub != col.name:  # (a cell merged down is the same name, not a group over itself)
                        col.path += (col.name,)
                    col.group_name, col.name = col.name, sub
                elif not col.name and sub:
                    col.path += (group,) if group else ()
                    col.group_name, col.name = group, sub
                else:
                    group = None if col.name else group
            continue
        filled = [c for c in lower if c]
        if len(filled) < len(cols):
            _attach_wrapped(cols, filled, vocab)
            continue
        upper = [c for c in cols if c.name]
        lead = (width or len(filled)) - len(filled)
        if lead < 0 or lead >= len(upper):
            lead = max(0, len(upper) - 1)
        groups = upper[lead:]
        per = max(1, len(filled) // len(groups))
        new = [Column(c.name) for c in upper[:lead]]
        for k, sub in enumerate(filled):
            g = groups[min(k // per, len(groups) - 1)]
            new.append(Column(sub, group_name=g.name))
        cols = new
    return cols


def _attach_wrapped(cols: list[Column], fragments: list[str], vocab: Vocab) -> None:
    """Order-preserving assignment of `fragments` to columns maximizing the
    header gained by each join."""
    n, m = len(cols), len(fragments)
    neg = float("-inf")
    # best[i][j]: best gain with the first i columns and first j fragments placed
    best = [[neg] * (m + 1) for _ in range(n + 1)]
    back: dict[tuple[int, int], tuple[int, int, bool]] = {}
    best[0][0] = 0.0
    for i in range(n):
        for j in range(m + 1):
            if best[i][j] == neg:
                continue
            if best[i][j] > best[i + 1][j]:  # column i takes no fragment
                best[i + 1][j], back[(i + 1, j)] = best[i][j], (i, j, False)
            if j < m:
                g = best[i][j] + _join_gain(cols[i].name, fragments[j], vocab)
                if g > best[i + 1][j + 1]:
                    best[i + 1][j + 1], back[(i + 1, j + 1)] = g, (i, j, True)
    if best[n][m] == neg:
        return
    i, j = n, m
    while i > 0:
        pi, pj, took = back[(i, j)]
        if took:
            cols[pi].name = cols[pi].name + fragments[pj]
        i, j = pi, pj


UnitOf = Callable[[str], "str | None"]


def header_unit(text: str | None, unit_of: UnitOf) -> str | None:
    """A unit written in a header: ``计划投资(万元)`` -> 万元, ``完成率%`` -> %."""
    if not text:
        return None
    for m in _BRACKET_TEXT.finditer(text):
        u = unit_of(m.group(1))
        if u:
            return u
    if _TRAILING_PERCENT.search(text):
        return "%"
    return None


def assign_roles(cols: list[Column], vocab: Vocab, unit_of: UnitOf) -> list[Column]:
    """Roles from header words; a second target/actual/percent under another
    group header starts metric group 1; other repeated roles are dropped (the
    content may give them one later)."""
    seen: dict[str, list[str | None]] = {}
    for col in cols:
        role, _ = header_role(col.name, vocab) if col.name else (None, None)
        if role is None and col.group_name:
            # 完成 over 数量 is 完成数量; but 新开工项目 over 已开工 names no task
            role, _ = header_role(col.group_name + col.name, vocab)
            role = role if role not in _NAMING_ROLES else None
        col.role, col.source = role, "header" if role else "none"
        if role is None:
            continue
        groups = seen.setdefault(role, [])
        if groups:
            if role in METRIC_ROLES and col.group_name and col.group_name not in groups:
                col.group = len(groups)
            elif role in ("target", "actual") and not col.group_name and not any(
                    c.group_name for c in cols) and len(groups) == max(len(seen.get(r, [])) for r in METRIC_ROLES):
                # 计划数 | 完成数 | 完成率 | 计划投资 | 完成投资: a second target or actual opens a new group
                col.group = len(groups)
            elif role in ("actual", "percent") and not col.group_name and len(groups) < len(seen.get("target", [])):
                col.group = len(groups)
            else:
                col.role, col.source = None, "none"
                continue
        groups.append(col.group_name)
        col.unit = header_unit(col.name, unit_of) or header_unit(col.group_name, unit_of)
        if role == "percent" and col.unit != "%":
            col.unit = None  # 投资（万元）/完成率: the group's unit is not the rate's
        if col.unit:
            col.unit_source = "header"
    _pair_rate_with_count(cols, vocab)
    # metric columns under one group header share its metric group
    for col in cols:
        if col.role in METRIC_ROLES and col.group_name:
            same = [c.group for c in cols if c.group_name == col.group_name and c.role in METRIC_ROLES]
            col.group = max(same)
        if col.role is None and col.group_name and col.unit is None:
            col.unit = header_unit(col.group_name, unit_of)
    return cols


def _pair_rate_with_count(cols: list[Column], vocab: Vocab) -> None:
    """A rate column names what it measures: 建成率 is the share of the target
    that the column 已建成 (or 建成数) counts. When neither header is a known
    word, the pair still gives the percent and the actual column; a column
    of another stem (已开工 beside 建成率) is left alone. Under a group header
    (新开工项目: 计划 | 已开工 | 开工率) the pair is looked for in that group only."""
    suffixes = tuple(vocab.tables.get("rate_suffixes", []))
    prefixes = tuple(vocab.tables.get("done_prefixes", []))
    for rate in cols:
        core = _core(rate.name) if rate.role is None and rate.name else ""
        suffix = next((x for x in suffixes if core.endswith(x) and len(core) > len(x)), None)
        if suffix is None or any(c.role in ("actual", "percent") and c.group_name == rate.group_name
                                 and (c.group_name or c.group == 0) for c in cols):
            continue
        stem = core[:-len(suffix)]
        counts = [c for c in cols if c is not rate and c.role is None and c.name
                  and c.group_name == rate.group_name and (
            _core(c.name) in {p + stem for p in prefixes} | {stem + x for x in vocab.tables.get("count_suffixes", [])}
            or _core(c.name) == stem)]
        if len(counts) == 1:
            rate.role, rate.source = "percent", "header"
            counts[0].role, counts[0].source = "actual", "header"
            unit = header_unit(rate.name, lambda t: None)
            rate.unit = "%" if unit == "%" else None
            return
