"""Grid reconstruction: rebuild rows and columns from a table's cells.

Real tables lose cells on the way to text: an empty cell vanishes, a merged
cell (a group name, an office) is written only on the first row of its group,
a remark is split in two. Reading cells by position then puts ``100%`` under
the actual and the remark under the percent. So each cell is given a *kind*
(`cell_kind`: an item number, a number, a percent, a quantity with its unit,
a unit, a status phrase, an office, a date, a dash or text) and a row's cells
are matched to the columns by what they hold (`align_cells`): the
order-preserving assignment with the best fit of kinds to column roles, where
a column may stay empty and a surplus cell joins the column before it.

`build_items` turns aligned rows into `Item`s: item numbers without their
decoration (``7*`` -> ``7``), merged group names carried down, total rows
(``合计``) left out, sub-indicator rows lending their figures to a parent row
that has none, and the unit of bare numbers taken from the context (a unit
column, the header, the task name, a unit line above the table, the preamble).
"""
from __future__ import annotations

from dataclasses import dataclass, field

import regex

from .clauses import word_overlap
from .headers import EXTRA_ROLES, header_role
from .dates import date_word_patterns
from .headers import METRIC_ROLES, Column, header_unit
from .markers import match_marker, numeral_label
from .kinds import cell_kind, item_number, sign_of, unit_of
from .models import Item, MetricCells
from .quantities import extract_quantities
from .vocab import Vocab
from .tuning import (LONG_INTO_NAME, MERGE_PENALTY, NAME_REST, PLACEMENTS, RATE_SLACK, SKIP_COST, TOTAL_MIN_ROWS,
                     TOTAL_SHARE)

# an item number, maybe marked as a key item by a star or a triangle (3★, 5*, 7▲)
_NUMBER = regex.compile(r"^\s*(?P<pre>[^\d\s]{0,3})\s*(?P<num>\d[\d,]*(?:\.\d+)?)\s*(?P<post>[^\d]{0,3})\s*$")
_W = date_word_patterns()
_TASK_UNIT = regex.compile(r"[(\uff08]([^()\uff08\uff09]{1,6})[)\uff09]\s*$")
_FIRST_NUMBER = regex.compile(r"\d[\d,]*(?:\.\d+)?")
_NOTED_UNIT = regex.compile(r"[^\s,\uff0c;\uff1b\u3001)\uff09]{1,6}")
_SPACES = regex.compile(r"\s+")
_UNIT_AS_WRITTEN = regex.compile(r"^\D*\d[\d,]*(?:\.\d+)?\s*")  # the number before a written unit


# how well a kind of cell fits a column role; roles not listed fit 0
_FIT: dict[str, dict[str | None, float]] = {
    "item_no": {"item_no": 6, "target": 3.1, "actual": 3, "percent": 2, "other": 1.5, None: 0.8},
    "number": {"target": 3.1, "actual": 3, "percent": 2, "other": 1.5, None: 0.8},
    "percent": {"percent": 5, "target": 2, "actual": 2, "progress": 1, "remark": 0.5, None: 0.8},
    "quantity": {"target": 3.2, "actual": 3, "progress": 2.5, "remark": 0.5, "task": 0.5, "other": 1,
                 None: 0.8},
    "unit": {"unit": 5, None: 0.3},
    "status": {"remark": 4, "percent": 2.5, "progress": 2, "actual": 0.5, "task": 0.5, None: 0.8},
    "dash": {"target": 1, "actual": 1, "percent": 1, "remark": 1, "unit": 0.5, "progress": 1, None: 0.8},
    "sign": {"sign": 6, "target": 0.5, None: 0.3},
    "office": {"office": 5, "category": 1, "task": 1.5, "remark": 0.5, None: 0.8},
    "date": {"deadline": 5, "remark": 0.5, "progress": 0.5, None: 0.8},
    "text": {"task": 3, "category": 2.5, "progress": 3, "remark": 2, "target": 1.5, "actual": 1.2,
             "office": 0.3, "other": 1, None: 0.8},
    "empty": {},
}
_NAME_ROLES = ("task", "category")
#: columns of running text: paragraphs beyond a row's width belong to them, one per line
_LONG_ROLES = ("progress",)


def fit(kind: str, role: str | None) -> float:
    """How well a cell of `kind` fits a column of `role` (0: not at all)."""
    table = _FIT.get(kind, {})
    if role in EXTRA_ROLES and role not in table:
        return table.get(None, 0.0)
    return table.get(role, 0.0 if role is not None else table.get(None, 0.0))


def align_cells(cells: list[str], roles: list[str | None], vocab: Vocab,
                kinds: list[str] | None = None) -> list[str]:
    """Put each of `cells` under one of the columns whose roles are `roles`,
    keeping their order: the assignment where kinds fit roles best. Columns
    may stay empty; a surplus cell joins the column before it (`` | ``)."""
    n, m = len(roles), len(cells)
    kinds = kinds or [cell_kind(c, vocab) for c in cells]
    neg = float("-inf")
    # best[i][j]: first i cells placed, first j columns decided
    best = [[neg] * (n + 1) for _ in range(m + 1)]
    back: dict[tuple[int, int], tuple[int, int, str]] = {}
    best[0][0] = 0.0
    for i in range(m + 1):
        for j in range(n + 1):
            cur = best[i][j]
            if cur == neg:
                continue
            skip = cur - SKIP_COST.get(roles[j], 0.05) if j < n else neg
            if j < n and skip > best[i][j + 1]:  # column j stays empty
                best[i][j + 1], back[(i, j + 1)] = skip, (i, j, "skip")
            if i < m and j < n:
                s = cur + fit(kinds[i], roles[j])
                if s > best[i + 1][j + 1]:
                    best[i + 1][j + 1], back[(i + 1, j + 1)] = s, (i, j, "take")
            if i < m and j > 0 and (roles[j - 1] != "item_no" or kinds[i] == "empty"):  # joins the last column decided
                # (an item number takes no other cell: it is a number alone)
                # a joined cell must not beat a column of its own; a name takes the short rest of
                # itself, not a paragraph
                s = cur + min(fit(kinds[i], roles[j - 1]), 0.5) - MERGE_PENALTY - (
                    LONG_INTO_NAME if roles[j - 1] in _NAME_ROLES and (
                        len(cells[i]) > NAME_REST or match_marker(cells[i])) else 0.0)
                if s > best[i + 1][j]:
                    best[i + 1][j], back[(i + 1, j)] = s, (i, j, "merge")
    out = [""] * n
    i, j = m, n
    moves = []
    while (i, j) != (0, 0):
        pi, pj, move = back[(i, j)]
        moves.append((pi, pj, move))
        i, j = pi, pj
    for ci, cj, move in reversed(moves):
        if move == "take":
            out[cj] = cells[ci]
        elif move == "merge" and cells[ci]:
            # a name wrapped over two cells is one name; other surplus cells stay apart
            glue = "" if roles[cj - 1] in _NAME_ROLES and kinds[ci] == "text" else \
                "\n" if roles[cj - 1] in _LONG_ROLES else " | "
            out[cj - 1] = f"{out[cj - 1]}{glue}{cells[ci]}" if out[cj - 1] else cells[ci]
    return out


# ------------------------------------------------------------------ rows -> items

@dataclass
class GridRow:
    """The cells of one table row as read, and the input lines they came from."""
    cells: list[str]
    line_start: int
    line_end: int
    positional: bool = False       # empty cells were kept: cells are already in place
    ragged: bool = False           # a delimited row with more or fewer cells than the header
    heading: bool = False          # a group heading (一、交通项目): the category of the rows below
    total: bool = False            # the table's total (its amounts sum the other rows): no item
    notes: list[str] = field(default_factory=list)   # lines of text only, the rest of the row's name
    subs: list["GridRow"] = field(default_factory=list)   # unnumbered sub-indicator rows


@dataclass
class TableContext:
    """Units the text around a table gives: the ``单位：`` line and the preamble."""
    unit_line: list[str] = field(default_factory=list)
    #: (value, unit, words before it) of the preamble's quantities
    preamble: list[tuple[float, str, str]] = field(default_factory=list)


def refine_roles(columns: list[Column], rows: list[list[str]], vocab: Vocab) -> None:
    """Give a role to columns the header did not name, from what their cells
    hold: all status phrases make a remark, units a unit column, offices an
    office, percents the percent (when free), text the task (when free)."""
    _innermost_name(columns, rows, vocab)
    taken = {c.role for c in columns if c.role}
    # with no target or actual named at all, number columns are the target, then the actual
    numbers = [r for r in ("target", "actual") if r not in taken] if not taken & {"target", "actual", "progress"} \
        else []
    if numbers and _lone_figure_beside_rate(columns, rows, vocab):
        numbers = ["actual"]  # 新开工小区数 | 开工率: the one figure is what the rate measures
    if columns and columns[0].role is None and "item_no" not in taken and _numbering(rows):
        columns[0].role, columns[0].source = "item_no", "content"  # 1, 2, 3 down the first column
        taken.add("item_no")
    for j, col in enumerate(columns):
        if col.role in ("target", "actual") and col.source == "header" and _no_figures(rows, j) and any(
                c.role == col.role and c is not col for c in columns):
            # 指标值类型 beside 指标值: a header holding the word, over cells with no figure
            role, col.role, col.source, col.group = col.role, None, "header, but no figure in its cells", 0
            rest = [c for c in columns if c.role == role]
            if not any(c.group == 0 for c in rest):
                rest[0].group = 0  # the other column is the record's own
            continue
        if col.role == "unit" and _mostly(columns, rows, j, "office", vocab):
            col.role, col.source = "office", "header+content"  # 单位 naming the office in charge
            continue
        if col.role == "unit" and "task" not in taken and _mostly(columns, rows, j, "text", vocab):
            col.role, col.source = "task", "header+content"  # 单位 naming the town or body each row reports
            taken.add("task")
            continue
        if col.role == "target" and "task" not in taken and _mostly(columns, rows, j, "text", vocab) and any(
                c.role == "target" and c is not col for c in columns):
            # 目标任务 | 年度目标: the first names the tasks in words, the second holds the figures
            col.role, col.source, col.group, col.unit, col.unit_source = "task", "header+content", 0, None, None
            taken.add("task")
            figures = next(c for c in columns if c.role == "target")
            if figures.group and not any(c.role == "target" and c.group == 0 for c in columns):
                figures.group = 0  # the figures are the first (and only) target
            continue
        if col.role is not None:
            continue
        kinds = [cell_kind(r[j], vocab) for r in rows if j < len(r) and r[j].strip()]
        # a whole number is an item number or a count alike: here it is a number
        kinds = _rate_words(["number" if k == "item_no" else k for k in kinds if k not in ("dash", "empty")])
        if not kinds:
            continue
        top = max(set(kinds), key=kinds.count)
        words = sum(k in ("text", "status") for k in kinds)
        if "status" in kinds and words * 3 >= len(kinds) * 2 and "remark" not in taken and col.name and \
                header_role(col.name, vocab)[0] in ("percent", "progress"):
            # 形象进度 in words beside a 完成率 column: how far each item got, with the words
            # that say whether it is on time (进度滞后, 序时推进) among them
            col.role, col.source = "remark", "header+content"
            taken.add("remark")
            continue
        if kinds.count(top) * 3 < len(kinds) * 2:
            continue
        role = {"status": "remark", "unit": "unit", "office": "office", "percent": "percent",
                "text": "task", "date": "deadline"}.get(top)
        if role == "task" and "task" in taken and "progress" not in taken and j > 0 and _figured(rows, j):
            role = "progress"  # words with figures after the task's column: what was done

        if top in ("number", "quantity", "item_no") and numbers and j > 0:
            role = numbers.pop(0)
        elif top in ("number", "quantity", "item_no") and "target" not in taken and j + 1 < len(columns) \
                and columns[j + 1].role == "actual" and columns[j + 1].source == "header":
            role = "target"  # 改造街区 | 完成: the unnamed figure beside the actual is its target
        elif top in ("number", "quantity", "item_no") and "actual" not in taken and j > 0 \
                and columns[j - 1].role == "target" and not any(c.role == "progress" for c in columns):
            role = "actual"  # 计划 | 实绩: the unnamed figure after the target is what was done
        if role and (role not in taken or role == "office"):
            col.role, col.source = role, "content"
            taken.add(role)
            if role in ("target", "actual") and not col.unit:
                col.unit = header_unit(col.name, lambda t: unit_of(t, vocab)) or header_unit(
                    col.group_name, lambda t: unit_of(t, vocab))
                col.unit_source = "header" if col.unit else None
    if "task" not in taken:
        for col in columns:  # a category column is all there is to name the items
            if col.role == "category":
                col.role, col.source = "task", col.source + "+no-task-column"
                break
    actual_by_rate(columns, rows)




def _innermost_name(columns: list[Column], rows: list[list[str]], vocab: Vocab) -> None:
    """One name header over two columns of words (计划名称 over a plan merged down
    its rows and the part each row reports): the rows are named by the inner
    column, whose names differ row by row; the outer one groups them."""
    for j in range(len(columns) - 1):
        outer, inner = columns[j], columns[j + 1]
        if outer.role != "task" or inner.role is not None or inner.name != outer.name \
                or not _mostly(columns, rows, j + 1, "text", vocab):
            continue
        names = [[r[k].strip() for r in rows if k < len(r) and r[k].strip()] for k in (j, j + 1)]
        if len(set(names[0])) < len(names[0]) and len(set(names[1])) == len(names[1]) > 1:
            taken = any(c.role == "category" for c in columns)
            outer.role, outer.source = (None, "none") if taken else ("category", "header+merged-down")
            inner.role, inner.source = "task", "header+innermost"
        return


def actual_by_rate(columns: list[Column], rows: list[list[str]]) -> None:
    """Of two figures under one group header (完成: 累计 | 本年), the actual is
    the one the rate column measures: the one whose ratio to the target is the
    rate in most rows. The other keeps its header name as an extra column."""
    first = {role: next((j for j, c in enumerate(columns) if c.role == role and c.group == 0), None)
             for role in ("target", "actual", "percent")}
    t, a, p = first["target"], first["actual"], first["percent"]
    if t is None or a is None or p is None or not columns[a].group_name:
        return
    rivals = [j for j, c in enumerate(columns) if c.role is None and c.group_name == columns[a].group_name]

    def agreeing(j: int) -> int:
        count = 0
        for r in rows:
            target, done, rate = (_plain_number(r[k]) if k < len(r) else None for k in (t, j, p))
            if target and done is not None and rate is not None and abs(done / target * 100 - rate) <= RATE_SLACK:
                count += 1
        return count
    current = agreeing(a)
    best = max(rivals, key=agreeing, default=None)
    if best is not None and agreeing(best) > current and agreeing(best) * 2 >= len(rows):
        columns[best].role, columns[best].source = "actual", "header+rate"
        columns[best].unit, columns[best].unit_source = columns[a].unit, columns[a].unit_source
        columns[a].role, columns[a].source, columns[a].unit, columns[a].unit_source = None, "none", None, None


def _no_figures(rows: list[list[str]], j: int) -> bool:
    """No cell of column `j` holds a digit (定量, 定性: words about the figures)."""
    cells = [r[j] for r in rows if j < len(r) and r[j].strip()]
    return bool(cells) and not any(_FIRST_NUMBER.search(c) for c in cells)


def _figured(rows: list[list[str]], j: int) -> bool:
    """Most cells of column `j` hold a figure among their words."""
    cells = [r[j] for r in rows if j < len(r) and r[j].strip()]
    return bool(cells) and sum(1 for c in cells if _FIRST_NUMBER.search(c)) * 2 >= len(cells)


def _figures(columns: list[Column], rows: list[list[str]], j: int, vocab: Vocab) -> bool:
    kinds = [cell_kind(r[j], vocab) for r in rows if j < len(r) and r[j].strip()]
    kinds = [k for k in kinds if k not in ("dash", "empty")]
    return bool(kinds) and sum(k in ("number", "item_no", "quantity") for k in kinds) * 3 >= len(kinds) * 2


def _lone_figure_beside_rate(columns: list[Column], rows: list[list[str]], vocab: Vocab) -> bool:
    """One column of figures no header names, beside a column of rates: the rate
    measures that figure against a target the table does not state."""
    free = [j for j, c in enumerate(columns) if c.role is None and j > 0 and _figures(columns, rows, j, vocab)]
    rates = any(c.role == "percent" or c.role is None and _mostly(columns, rows, j, "percent", vocab)
                for j, c in enumerate(columns))
    return len(free) == 1 and rates


def _numbering(rows: list[list[str]]) -> bool:
    """The first cells number the rows: item numbers, each one more than the one before
    (or starting again at 1), in most rows."""
    nos = [item_number(r[0]) for r in rows if r and r[0].strip()]
    if len(nos) < 2 or any(n is None for n in nos) or len(nos) * 3 < len(rows) * 2:
        return False
    steps = sum(1 for a, b in zip(nos, nos[1:]) if int(b) in (int(a) + 1, 1))
    return steps * 3 >= (len(nos) - 1) * 2


def _group_name(cells: list[str]) -> str:
    """The name a heading row gives its group: its first cell of words (一 | 产业项目 | …
    names 产业项目; 一、交通 is a name of its own)."""
    filled = [c.strip() for c in cells if c.strip()]
    named = [c for c in filled if numeral_label(c) == 0]
    return (named or filled)[0]


def _plain_number(cell: str) -> float | None:
    """The number a cell holds alone (85000, 83.0%, 1,200), else None."""
    m = _NUMBER.match(cell)
    return float(m["num"].replace(",", "")) if m and not m["pre"] else None


def _mostly(columns: list[Column], rows: list[list[str]], j: int, kind: str, vocab: Vocab) -> bool:
    kinds = _rate_words([cell_kind(r[j], vocab) for r in rows if j < len(r) and r[j].strip()])
    return bool(kinds) and kinds.count(kind) * 3 >= len(kinds) * 2


def _rate_words(kinds: list[str]) -> list[str]:
    """The kinds of a column's cells, with status phrases among percents read as
    percents: a rate column may say a rate in words (全部开工, 已完成) where it is whole."""
    if "percent" in kinds and all(k in ("percent", "status", "dash", "empty") for k in kinds):
        return ["percent" if k == "status" else k for k in kinds]
    return kinds


def context_units(columns: list[Column], totals: list[list[str]], ctx: TableContext, vocab: Vocab) -> None:
    """Units for metric columns from a unit line or the preamble. `totals`
    are the table's total row(s), else the column sums of its rows."""
    money = tuple(vocab.tables.get("money_words", []))
    # a unit column gives each row its own unit: a unit line or the preamble speaks for no column then
    if any(c.role == "unit" for c in columns):
        return
    for col in columns:
        if col.role not in ("target", "actual") or col.unit:
            continue
        name = ((col.group_name or "") + col.name)
        if ctx.unit_line:
            is_money = any(w in name for w in money)
            moneys = [u for u in ctx.unit_line if _is_money_unit(u, vocab)]
            others = [u for u in ctx.unit_line if not _is_money_unit(u, vocab)]
            pick = (moneys[0] if is_money and moneys else
                    ctx.unit_line[0] if len(ctx.unit_line) == 1 else (others[0] if others else None))
            if pick:
                col.unit, col.unit_source = pick, "unit line"
                continue
        if ctx.preamble:
            hit = _preamble_unit(columns.index(col), name, totals, ctx, vocab)
            if hit:
                col.unit, col.unit_source = hit, "preamble"
    # a target and an actual of one group measure the same thing
    for col in columns:
        if col.role in ("target", "actual") and not col.unit:
            mate = next((c for c in columns if c.role in ("target", "actual") and c.group == col.group
                         and c.unit), None)
            if mate:
                col.unit, col.unit_source = mate.unit, mate.unit_source


def _preamble_unit(j: int, name: str, totals: list[list[str]], ctx: TableContext, vocab: Vocab) -> str | None:
    """The unit of the preamble figure equal to the column's total, else of
    the only preamble figures whose words share two or more character pairs
    with the column's header."""
    for row in totals:
        m = _NUMBER.match(row[j]) if j < len(row) else None
        if m:
            value = float(m["num"].replace(",", ""))
            hit = next((u for v, u, _ in ctx.preamble if abs(v - value) < 1e-6 * max(1.0, value)), None)
            if hit:
                return hit
    units = {u for _, u, words in ctx.preamble if word_overlap(name, words) >= 2}
    return units.pop() if len(units) == 1 else None


def _is_money_unit(unit: str, vocab: Vocab) -> bool:
    qs = extract_quantities("1" + unit, vocab, simplified=True)
    return bool(qs) and vocab.family(qs[0].unit) == "money"


def noted_unit(text: str, vocab: Vocab) -> str | None:
    """The unit of a note such as ``（单位：万元）`` inside a cell."""
    s = (text or "")
    for cue in vocab.tables.get("unit_line", []):
        k = s.find(cue)
        if k >= 0:
            m = _NOTED_UNIT.match(s[k + len(cue):].lstrip())
            if m and unit_of(m.group(0), vocab):
                return unit_of(m.group(0), vocab)
    return None


def is_total(text: str | None, vocab: Vocab) -> bool:
    """A row name that sums the table up (合计, 全市, 城区小计): ``tables.yaml``."""
    s = _SPACES.sub("", (text or ""))
    return bool(s) and (s in vocab.tables.get("total_rows", []) or len(s) <= 6 and s.endswith(
        tuple(vocab.tables.get("total_suffixes", []))))


def task_unit(task: str | None, vocab: Vocab) -> str | None:
    """A unit in brackets at the end of a task name: 城镇新增就业(人)."""
    if not task:
        return None
    m = _TASK_UNIT.search(task.strip())
    return unit_of(m.group(1), vocab) if m else None


def build_items(columns: list[Column], rows: list[GridRow], vocab: Vocab, table: int = 1,
                ctx: TableContext | None = None, counted: int = 0,
                triples: tuple[tuple[int, int, int], ...] = ()) -> tuple[list[Item], set[int]]:
    """Items from the rows of one table, and the input lines they used; rows
    without item numbers are numbered on from `counted`. `triples` are the
    column triples (target, actual, percent) arithmetic bears out: a row that
    lost cells is placed where its figures bear them out too."""
    ctx = ctx or TableContext()
    roles = [c.role for c in columns]
    aligned: list[tuple[GridRow, list[str]]] = []
    for row in rows:
        aligned.append((row, [""] * len(roles) if row.heading else _place(row, roles, vocab, triples)))
    refine_roles(columns, [cells for row, cells in aligned if row.positional or len(row.cells) == len(columns)],
                 vocab)
    if [c.role for c in columns] != roles:  # new roles: place the cells again
        roles = [c.role for c in columns]
        aligned = [(row, [""] * len(roles) if row.heading else _place(row, roles, vocab, triples))
                   for row, _ in aligned]
    name_col = _first(roles, "task")
    no_col = _first(roles, "item_no")
    cat_col = _first(roles, "category")     # 合计 across the name columns stands in the outer one

    def total_row(cells: list[str], row: GridRow | None = None) -> bool:
        # 合计 stands in the name column, or in the number column when it spans both
        return row is not None and row.total or any(
            j is not None and is_total(cells[j], vocab) for j in (name_col, no_col, cat_col))
    summed = _total_by_sum(aligned, roles, no_col)
    if summed is not None:
        summed.total = True
    totals = [cells for row, cells in aligned if total_row(cells, row)]
    context_units(columns, totals or [_column_sums(aligned, len(columns))], ctx, vocab)

    items: list[Item] = []
    used: set[int] = set()
    carry: dict[int, str] = {}
    group: str | None = None
    numbered = "item_no" in roles
    count = counted
    for row, cells in aligned:
        if total_row(cells, row):
            continue  # a total row is no item: its lines are reported as text left out
        if not row.heading and not row.subs and (no_col is None or not cells[no_col].strip()) and (
                name_col is not None and not cells[name_col].strip() and not any(
                    cells[j].strip() for j, r in enumerate(roles) if r in ("target", "actual", "progress"))
                or name_col is None and not any(_FIRST_NUMBER.search(cells[j]) for j, r in enumerate(roles)
                                                if r in ("target", "actual"))):
            # no name, number, target or actual (a scoring rule shifted left), or, in a table that names
            # no tasks, no figure to reach or reached (goals in prose with an overall rate): no item
            continue
        used |= set(range(row.line_start, row.line_end + 1))
        for sub in row.subs:
            used |= set(range(sub.line_start, sub.line_end + 1))
        if row.heading:
            group = _group_name(row.cells)
            if items:
                table += 1  # numbering starts again under each group: a table of its own for the checks
            continue
        if total_row(cells):
            continue
        for j, role in enumerate(roles):  # merged cells: written on the first row of their group only
            if role in ("category", "office"):
                if cells[j].strip():
                    carry[j] = cells[j]
                elif j in carry:
                    cells[j] = carry[j]
        subs = [_place(sub, roles, vocab) for sub in row.subs]
        measured = None
        if subs and not any(cells[j].strip() for j, r in enumerate(roles) if r in METRIC_ROLES):
            # a parent row with no figures of its own takes those of its first sub-indicator
            for j, r in enumerate(roles):
                if r in METRIC_ROLES + ("unit",) and subs[0][j].strip():
                    cells[j] = subs[0][j]
            if name_col is not None and subs[0][name_col].strip():
                measured = (columns[name_col].name, subs[0][name_col].strip())
            subs = subs[1:]
        count += 1
        no = item_number(cells[roles.index("item_no")]) if numbered else None
        item = Item(item_no=no or (None if numbered else str(count)), line_start=row.line_start,
                    line_end=max([row.line_end] + [s.line_end for s in row.subs]), table=table, kind="table")
        if numbered and no is None:
            raw = cells[roles.index("item_no")].strip()
            item.item_no = raw or None
        if row.notes and name_col is not None:
            cells[name_col] = cells[name_col] + "".join(row.notes)
        _fill(item, columns, cells, vocab)
        item.more_metrics[:0] = [_sub_metric(sub, columns, vocab, cells[name_col] if name_col is not None else None)
                                 for sub in subs]
        if measured:  # the sub-indicator whose figures the row reports
            item.extra[_SPACES.sub("", measured[0]) or "measured"] = measured[1]
        if group and not item.category:
            item.category = group
        if row.ragged:
            item.flags.append("ragged_row")
        items.append(item)
    return items, used


_NUMBER_LEAD = regex.compile(r"^\s*[-+]?[\d,.]+")


def _total_by_sum(aligned: list[tuple[GridRow, list[str]]], roles: list[str | None],
                  no_col: int | None) -> GridRow | None:
    """A first or last row without an item number whose amounts make up the
    sum of the other rows' (or more: a table cut short), on the target and
    actual columns: the table's total (达州市 above its districts)."""
    body = [(row, cells) for row, cells in aligned if not row.heading]
    amounts = [j for j, r in enumerate(roles) if r in ("target", "actual")]
    if len(body) < TOTAL_MIN_ROWS + 1 or not amounts:
        return None
    units = [j for j, r in enumerate(roles) if r == "unit"]
    written = {_NUMBER_LEAD.sub("", cells[j]).strip() for _, cells in body for j in units + amounts}
    if len(written - {""}) > 1:
        return None  # rows measured in different units (人, %, 份) add up to nothing
    for k in (0, len(body) - 1):
        row, cells = body[k]
        if no_col is not None and item_number(cells[no_col]) is not None:
            continue
        others = [c for i, (_, c) in enumerate(body) if i != k]
        for j in amounts:
            mine = _plain_number(cells[j])
            vals = [v for v in (_plain_number(c[j]) for c in others) if v is not None]
            if mine is None or not vals or mine < TOTAL_SHARE * sum(vals):
                break
        else:
            return row
    return None


def _sub_metric(cells: list[str], columns: list[Column], vocab: Vocab, parent: str | None = None) -> MetricCells:
    """A sub-indicator row (其中：高校毕业生就业 人 5000 1300 26) as a further metric of
    its item; one that only repeats the item's name (a name merged down) is named by its target."""
    sub = Item(item_no=None, line_start=0, line_end=0)
    _fill(sub, columns, cells, vocab)
    name = sub.task if sub.task and sub.task.strip() != (parent or "").strip() else None
    name = name or (None if sub.task else sub.category)
    return MetricCells(name=name, target=sub.target, actual=sub.actual, percent=sub.percent, unit=sub.unit)


def _column_sums(aligned: list[tuple[GridRow, list[str]]], n: int) -> list[str]:
    """Each column's sum over the rows where it is a number ("" where none is)."""
    sums = []
    for j in range(n):
        values = [_NUMBER.match(cells[j]) for row, cells in aligned if not row.heading]
        nums = [float(m["num"].replace(",", "")) for m in values if m and not m["pre"] and not m["post"]]
        sums.append(f"{round(sum(nums), 6):g}" if nums and len(nums) == len(values) else "")
    return sums


def _place(row: GridRow, roles: list[str | None], vocab: Vocab,
           triples: tuple[tuple[int, int, int], ...] = ()) -> list[str]:
    """A row's cells by column: as they stand when they are in place already,
    else where the arithmetic of the table's column triples bears them out
    (when the row lost cells among its figures), else aligned by kind."""
    cells = [c.strip() for c in row.cells]
    if row.positional and len(cells) == len(roles):
        return cells
    if triples and len(cells) < len(roles):
        placed = _place_by_arithmetic(cells, roles, vocab, triples)
        if placed is not None:
            return placed
    if len(cells) == len(roles) and all(fit(cell_kind(c, vocab), r) > 0 or not c
                                        for c, r in zip(cells, roles)):
        # as many cells as columns, each fitting its own: in place, unless a trailing empty
        # cell hides that a merged one was dropped (the alignment does better then)
        aligned = align_cells(cells, roles, vocab)
        return cells if _fit_sum(cells, roles, vocab) >= _fit_sum(aligned, roles, vocab) else aligned
    return align_cells(cells, roles, vocab)




def _place_by_arithmetic(cells: list[str], roles: list[str | None], vocab: Vocab,
                         triples: tuple[tuple[int, int, int], ...]) -> list[str] | None:
    """The placement of a row that lost cells (empty ones dropped) where each
    column triple whose three cells it fills has percent = actual / target; None
    when no placement bears a triple out."""
    from itertools import combinations
    from math import comb

    from .arithmetic import agreement
    from .kinds import decimals, plain_number

    n, m = len(roles), len(cells)
    if comb(n, n - m) > PLACEMENTS:
        return None
    kinds = [cell_kind(c, vocab) for c in cells]
    best: tuple[float, list[str]] | None = None
    for empty in combinations(range(n), n - m):
        out, k = [], 0
        for j in range(n):
            if j in empty:
                out.append("")
            else:
                out.append(cells[k])
                k += 1
        score = 0.0
        for a, b, p in triples:
            t, d, r = (plain_number(out[x]) for x in (a, b, p))
            if t is None or d is None or r is None:
                continue
            score += 4.0 if agreement(t, d, r, decimals(out[p]))[1] else -2.0
        if score <= 0:
            continue
        k = 0
        for j in range(n):
            if j not in empty:
                score += 0.01 * fit(kinds[k], roles[j])
                k += 1
        if best is None or score > best[0]:
            best = (score, out)
    return best[1] if best else None


def _fit_sum(cells: list[str], roles: list[str | None], vocab: Vocab) -> float:
    return sum(fit(cell_kind(c, vocab), r) for c, r in zip(cells, roles) if c)


def _first(roles: list[str | None], role: str) -> int | None:
    return roles.index(role) if role in roles else None


def _fill(item: Item, columns: list[Column], cells: list[str], vocab: Vocab) -> None:
    unit_cell = next((cells[j] for j, c in enumerate(columns) if c.role == "unit" and cells[j].strip()), None)
    groups: dict[int, MetricCells] = {}
    sign: str | None = None
    words: str | None = None
    for j, (col, cell) in enumerate(zip(columns, cells)):
        value = cell.strip() or None
        role = col.role
        if role == "target_words":  # the target in words, kept as written; it may state the figure's unit
            words = value
            if value:
                item.extra[_SPACES.sub("", col.name) or f"column{j + 1}"] = value
            continue
        if role is None or role in EXTRA_ROLES:
            if value:
                item.extra[_SPACES.sub("", col.name) or f"column{j + 1}"] = value
            continue
        if role in METRIC_ROLES and col.group > 0:
            g = groups.setdefault(col.group, MetricCells(name=col.group_name))
            setattr(g, role, value)
            if role in ("target", "actual") and col.unit and not g.unit:
                g.unit = col.unit
            continue
        if role == "item_no":
            continue
        if role == "unit":
            item.unit = value
            continue
        if role == "sign":  # ≥ in a cell of its own: the qualifier of the target beside it
            sign = value
            continue
        if role == "remark" and value:  # read for the status, and kept as written
            item.extra[_SPACES.sub("", col.name) or f"column{j + 1}"] = value
        if getattr(item, role, None) and value:
            value = getattr(item, role) + " | " + value
        setattr(item, role, value)
    if item.actual and not item.progress:
        item.progress = item.actual  # what was done, as the table states it
    if sign and item.target and sign_of(sign)[1]:
        item.target = sign_of(sign)[1] + item.target.strip()
    if words and item.target and _stated_in_words(item.target, words, vocab):
        item.target = words  # 城镇新增就业1100人 | 1100: the figure with its unit and its comparison
    if unit_cell:
        item.unit = unit_of(unit_cell, vocab)
    if not item.unit:  # 单位：万元 written in a remark or another cell of the row
        item.unit = next((u for j, c in enumerate(columns) if c.role not in METRIC_ROLES
                          for u in [noted_unit(cells[j], vocab)] if u), None)
    if not item.unit:
        own = [c for c in columns if c.role in ("target", "actual") and c.group == 0 and c.unit]
        item.unit = (own[0].unit if own and own[0].unit_source == "header" else None) \
            or task_unit(item.task, vocab) or _counted_in(words, vocab) or (own[0].unit if own else None)
    if not item.unit and item.target and item.actual and cell_kind(item.actual, vocab) in ("number", "item_no"):
        item.unit = bare_actual_unit(item.target, item.actual, item.percent, vocab)
    item.more_metrics = [groups[k] for k in sorted(groups)]


def _counted_in(words: str | None, vocab: Vocab) -> str | None:
    """The unit a target's words end in, after no figure: they name what is
    counted (企业职工退休一件事一次办理人次 counts 人次)."""
    if not words:
        return None
    text = words.strip().rstrip("\u3002.")
    qs = extract_quantities(text, vocab, simplified=True)
    if qs and qs[-1].end >= len(text):
        return None     # the words end in a figure of their own (新增就业1100人)
    unit = max((u for u in vocab.unit_family if text.endswith(u)), key=len, default=None)
    return unit_of(unit, vocab) if unit else None


def _stated_in_words(figure: str, words: str, vocab: Vocab) -> bool:
    """The bare figure of a target cell is the one the target's words state
    (1100 in 城镇新增就业1100人; 1.2 in 新增1.2万人)."""
    value = _plain_number(figure)
    return value is not None and any(
        abs(q.value - value) < 1e-9 * max(1.0, abs(value)) or q.magnitude and abs(q.value / q.magnitude - value) < 1e-9
        * max(1.0, abs(value)) for q in extract_quantities(words, vocab, simplified=True) if not q.is_percent)


def bare_actual_unit(target: str, actual: str, percent: str | None, vocab: Vocab) -> str | None:
    """The unit a bare actual (``10860``) is counted in when only the target
    cell writes one (``1.2万人次``): the target's unit as written (万人次) or its
    base unit (人次), whichever makes the actual the share of the target the
    row reports (the percent cell), else a share of at most twice the target,
    the unit as written first."""
    qs = [q for q in extract_quantities(target, vocab, simplified=True) if q.unit and not q.is_percent]
    number = _FIRST_NUMBER.search(actual)
    if len(qs) != 1 or not number or not qs[0].value:
        return None
    t = qs[0]
    value = float(number.group(0).replace(",", ""))
    written = _UNIT_AS_WRITTEN.sub("", t.text) or t.unit
    readings = [(written, value * t.magnitude), (t.unit, value)] if t.magnitude != 1 else [(t.unit, value)]
    stated = _FIRST_NUMBER.search(percent or "")
    if stated and len(readings) > 1:
        share = float(stated.group(0).replace(",", ""))
        return min(readings, key=lambda r: abs(r[1] / t.value * 100 - share))[0]
    return next((unit for unit, v in readings if v <= 2 * t.value), readings[-1][0])

