"""Stage 5b: read one `RawTable` into items, whatever source it came from.

`read_table` does, for a table of any finder (and tomorrow of HTML, Excel,
Word or PDF): the header (one to three levels or more, `headertree`), the
column roles (header words, then what the cells hold, then arithmetic: a
column triple where percent = actual / target on most rows is the target,
actual and percent whatever the header says, `arithmetic`), the rows (group
headings, total rows by name or by sum, ranks, sub-indicator rows, merged
cells carried down, `grid.build_items`) and the units. Each item records how
it was read (`Item.found_by`, `Item.how`); `--explain` prints it.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import regex

from .arithmetic import Triple, disjoint, find_triples
from .headers import EXTRA_ROLES, header_role
from .grid import GridRow, TableContext, build_items, is_total
from .headers import METRIC_ROLES, Column, assign_roles, header_unit, merge_header_lines
from .headertree import Profile, Reading, read_levels
from .kinds import FIGURES, cell_kind, item_number, plain_number, row_number, unit_of
from .markers import match_marker, numeral_label
from .models import Item, Span
from .tuning import RATE_MAX
from .quantities import extract_quantities
from .rawtable import RawTable
from .vocab import Vocab
from .tuning import EXPLANATION, FIGURE_WORDS, GIVE_BACK_COST

_HAN = regex.compile(r"\p{Han}")
_DIGIT = regex.compile(r"\d")


@dataclass
class TableRead:
    """What one table gave: its items, the input lines read, and how."""
    items: list[Item]
    used: set[int] = field(default_factory=set)
    header_lines: list[int] = field(default_factory=list)
    explain: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    unknown_headers: list[tuple[int, str]] = field(default_factory=list)
    unparsed: list[Span] = field(default_factory=list)
    columns: list[Column] = field(default_factory=list)


def profile(rows: list[list[str]], width: int, vocab: Vocab, exclude: frozenset[int] = frozenset()) -> Profile:
    """What each column holds, from the rows that have every column; columns
    in `exclude` (item numbers, ranks) are no figures to compute with."""
    full = [r for r in rows if len(r) == width]
    if len(full) < 2:  # rows run on past the columns (sub-rows, paragraphs): their first cells are a row
        full += [r[:width] for r in rows if len(r) > width]
    computed = full
    if len(full) < 3:  # too few full rows to compute with: rows short of their last cell too
        computed = full + [r + [""] * (width - len(r)) for r in rows if len(r) == width - 1]
    full = full or computed
    text, figure, rate, item_no, bare, small = [], [], [], [], [], []
    for j in range(width):
        kinds = [cell_kind(r[j], vocab) for r in full if j < len(r) and r[j].strip()]
        n = max(1, len(kinds))
        text.append(sum(k in ("text", "office", "status") for k in kinds) / n)
        figure.append(sum(k in FIGURES for k in kinds) / n)
        rate.append(sum(k == "percent" for k in kinds) / n)
        item_no.append(sum(k == "item_no" for k in kinds) / n)
        bare.append(sum(k in ("number", "item_no", "percent") for k in kinds) / n)
        numbers = [v for r in full if j < len(r) for v in [plain_number(r[j])] if v is not None]
        small.append(sum(1 for v in numbers if 0 <= v <= RATE_MAX) / len(numbers) if numbers else 0.0)
    triples = disjoint(find_triples(computed, width, exclude, lambda c: _figure(c, vocab)))
    for t in triples[:3]:
        rate[t.percent] = 1.0
    return Profile(text, figure, rate, item_no, triples, bare, small)


def _figure(cell: str, vocab: Vocab) -> float | None:
    """The figure of a cell that holds one: a number alone, or one quantity
    (4000人, 1.2万人: in its base unit, to compare with its row's other figures)."""
    number = plain_number(cell)
    if number is not None or not cell.strip() or cell_kind(cell, vocab) != "quantity":
        return number
    qs = extract_quantities(cell, vocab, simplified=True)
    if len(qs) != 1 or qs[0].is_percent or len(cell.strip()) - (qs[0].end - qs[0].start) > FIGURE_WORDS:
        return None  # a figure among words (新建3个) states the task, it is no figure to compute with
    return qs[0].value




def _heading(cells: list[str]) -> bool:
    """A row naming a group of items (一、交通项目): one filled cell of words."""
    filled = [c.strip() for c in cells if c.strip()]
    return len(filled) == 1 and bool(_HAN.search(filled[0])) and item_number(filled[0]) is None \
        and not _DIGIT.search(filled[0][-1:])


def _group_row(cells: list[str]) -> bool:
    """A row naming a group by a Chinese numeral (一 | 产业项目 | | 289000): its
    figures are the group's subtotals, its items follow."""
    return len(cells) >= 2 and bool(_HAN.search(cells[1])) and item_number(cells[1]) is None \
        and numeral_label(cells[0]) > 0


def _header(raw: RawTable, prof: Profile, vocab: Vocab) -> tuple[list[Column], str, float]:
    """The columns the header names, how it was read, and how well (the
    reading's score; 0 for a header read cell by cell)."""
    width = prof.width
    rows = [[c.text for c in row if c.text] for row in raw.header]
    rows = [r for r in rows if r]
    if not rows:
        return [Column(f"column{j + 1}", source="none") for j in range(width)], "no header", 0.0
    flat = raw.found_by in ("stream", "one_line")
    full = [[c.text for c in row] for row in raw.header]
    if all(len(r) == width for r in full) and (raw.positional or any(_inner_empty(r) for r in full)):
        cols = merge_header_lines(full, width, vocab)
        return cols, f"{len(full)} header line(s), cells in place", 0.0
    if len(rows) == 1 and len(rows[0]) == width and not flat:
        # one cell per column, unless the first is the label of a form's block over them
        reading = read_levels(rows, prof, vocab, False)
        if reading is None or all(leaf is not None and leaf.name == c for leaf, c in zip(reading.leaves, rows[0])):
            return [Column(c) for c in rows[0]], "one header row", 0.0
    best: tuple[Reading, int] | None = None
    reading = read_levels(rows, prof, vocab, flat)
    if reading is not None:
        best = (reading, 0)
    if len(rows) >= 2 and not flat and all(len(b) < len(a) for a, b in zip(rows, rows[1:])):
        # lines each shorter than the one above: the rest of names broken over lines (项目 / 名称)
        wrapped = merge_header_lines([r for r in rows], width, vocab)
        if len(wrapped) in (width, width - 1, width + 1):
            reading = read_levels([[c.name for c in wrapped]], prof, vocab, False)
            if reading is not None and (best is None or reading.score > best[0].score):
                best = (reading, 0)
                best[0].how = "header lines wrapped (names completed by the line below)"
    if best is None:
        return merge_header_lines(rows, width, vocab), "header read line by line", 0.0
    reading, _ = best
    cols = []
    for j, leaf in enumerate(reading.leaves):
        if leaf is None:
            cols.append(Column("", source="none"))
        else:
            cols.append(Column(leaf.name, group_name=leaf.path[-1] if leaf.path else None, path=leaf.path))
    return cols, reading.how, reading.score


def _given_back(raw: RawTable, moved: int, vocab: Vocab) -> RawTable | None:
    """`raw` with the last `moved` cells of its header given to its first row:
    a pasted header may end with a name the first row shares with the rows
    below it (a merged cell written once, above them). A header word (备注)
    is the header's own."""
    if not raw.header or not raw.body:
        return None
    last = [c for c in raw.header[-1] if c.text]
    if len(last) <= moved + 1 or any(header_role(c.text, vocab)[0] for c in last[len(last) - moved:]):
        return None
    head = raw.header[:-1] + [last[:len(last) - moved]]
    body = [last[len(last) - moved:] + raw.body[0]] + raw.body[1:]
    return RawTable(head, body, raw.found_by, raw.positional, raw.lines, raw.furniture, raw.cut, raw.how, raw.merged)




def _inner_empty(cells: list[str]) -> bool:
    """An empty cell between filled ones: the row keeps its cells in place (a group over empty cells)."""
    filled = [k for k, c in enumerate(cells) if c]
    return bool(filled) and any(not cells[k] for k in range(filled[0], filled[-1]))


def _apply_arithmetic(columns: list[Column], triples: list[Triple], vocab: Vocab,
                      words: list[list[str]] | None = None) -> list[str]:
    """Roles from column triples borne out by arithmetic: the best triple is
    the record's target, actual and percent (a header word that said otherwise
    gives way: a count of projects, an annual plan, funds received); further
    triples are further groups of figures. Returns `--explain` notes."""
    notes = []
    if not triples:
        return notes
    primary = _primary(columns, triples, vocab)
    ordered = [primary] + [t for t in triples if t is not primary and not _shares(t, primary)]
    used: set[int] = set()
    for g, t in enumerate(ordered[:3]):
        if {t.target, t.actual, t.percent} & used - ({t.target} if g else set()):
            continue
        for role, j in (("target", t.target), ("actual", t.actual), ("percent", t.percent)):
            col = columns[j]
            if g and role == "target" and j in used:
                continue
            was, said = col.role, col.source
            col.role, col.group = role, g
            col.source = f"{said}+arithmetic" if was == role and said != "none" else "arithmetic"
            if role in ("target", "actual") and not col.unit:
                col.unit = _named_unit(col, vocab)
                col.unit_source = "header" if col.unit else None
            if was and was != role:
                notes.append(f"column {col.name!r}: {role} by arithmetic, not {was} as its header says")
        used |= {t.target, t.actual, t.percent}
        notes.append(f"columns {t.target + 1}, {t.actual + 1}, {t.percent + 1}: target, actual, percent "
                     f"(group {g}); {t.describe()}")
    # a header word's metric role on another column is no longer the record's own; a target
    # column of words before the target figures (目标任务: 城镇新增就业1100人 | 1100) states them
    # in words, with the unit and the comparison the figures lack
    for j, col in enumerate(columns):
        if j not in used and col.role in METRIC_ROLES and "arithmetic" not in col.source and col.group == 0:
            if col.role == "target" and j < primary.target and words is not None and _figured_words(words, j, vocab):
                col.role, col.source = "target_words", "header+content, the target figures in words"
                continue
            col.role, col.source = None, "header, superseded by arithmetic"
    return notes


def _figured_words(rows: list[list[str]], j: int, vocab: Vocab) -> bool:
    """Most filled cells of column `j` are words holding a figure (城镇新增就业1100人)."""
    cells = [r[j] for r in rows if j < len(r) and r[j].strip()]
    worded = [c for c in cells if cell_kind(c, vocab) == "text" and extract_quantities(c, vocab, simplified=True)]
    return bool(cells) and len(worded) * 2 >= len(cells)


def _named_unit(col: Column, vocab: Vocab) -> str | None:
    """The unit a column's header or a group header above it writes (户数(户), 项目推进情况(个))."""
    for text in (col.name, *reversed(col.path)):
        unit = header_unit(text, lambda t: unit_of(t, vocab) or _counted_unit(t, vocab))
        if unit and unit != "%":
            return unit
    return None


def _counted_unit(text: str, vocab: Vocab) -> str | None:
    """The unit of a count a header notes in brackets: 项目总数(389所) counts 所."""
    qs = extract_quantities(text, vocab, simplified=True)
    if len(qs) != 1 or not qs[0].unit or qs[0].end != len(text):
        return None
    return qs[0].unit if vocab.family(qs[0].unit) not in ("percent", "duration") else None  # not 106-107年度


def _form_roles(columns: list[Column], texts: list[list[str]], width: int, vocab: Vocab) -> list[str]:
    """Roles of an indicator form (绩效自评表) from the order of its cells: a
    column of comparison signs (≥, ＝) stands before the target value, a unit
    cell may follow it, then the figure actually reached, then a word of status
    and the scores (分值, 得分); before the sign, the indicator's name, maybe
    followed by a long explanation of it, after the levels above it. A form's
    header is seldom one row of one cell per column; its cells' order is."""
    full = [r for r in texts if len(r) == width]
    signs = [j for j in range(width) if full and sum(cell_kind(r[j], vocab) == "sign" for r in full) * 2 >= len(full)]
    if not signs:
        return []
    s = signs[0]

    def kind(j: int) -> str:
        ks = [cell_kind(r[j], vocab) for r in full if r[j].strip()]
        ks = ["number" if k == "item_no" else k for k in ks]
        return max(set(ks), key=ks.count) if ks else "empty"

    roles: dict[int, str] = {s: "sign"}
    j = s + 1
    if j < width and kind(j) in ("number", "percent", "quantity", "text"):
        roles[j] = "target"
        j += 1
    if j < width and kind(j) == "unit":
        roles[j] = "unit"
        j += 1
    if j < width and kind(j) in ("number", "percent", "quantity", "text"):
        roles[j] = "actual"
        j += 1
    for k in range(j, width):
        roles[k] = "remark" if kind(k) == "status" else "score" if kind(k) == "number" else "other"
    words = [k for k in range(s) if kind(k) in ("text", "status", "office")]
    if words:
        long = sum(len(r[words[-1]]) for r in full) / max(1, len(full)) > EXPLANATION
        task = words[-2] if long and len(words) >= 2 else words[-1]
        for k in words:
            roles[k] = "task" if k == task else "category" if k < task else "other"
    for k, role in roles.items():
        col = columns[k]
        col.role, col.source, col.group = role, "form order", 0
        if role in ("target", "actual"):
            col.unit = None
    return [f"an indicator form: comparison signs in column {s + 1}; roles from the order of its cells"]




def _names_and_their_unit(columns: list[Column], prof: Profile, vocab: Vocab) -> list[str]:
    """The first column of names under a header of what the block reports
    (预算执行情况(万元) over 年度财政资金总额): with a target and an actual beside
    it and no task column, it names the items; a unit its header writes is
    the unit of the figures beside it."""
    notes: list[str] = []
    roles = {c.role for c in columns}
    if not {"target", "actual"} <= roles:
        return notes
    # the leading columns of words: the last names the items, those before it their groups
    lead = []
    for j, col in enumerate(columns):
        if prof.text[j] < 0.5:
            break
        lead.append(j)
    for j in lead:
        col = columns[j]
        if "task" not in roles and col.role in ("progress", "category", None) and j == lead[-1]:
            notes.append(f"column {j + 1} {col.name!r}: names the items (words beside a target and an actual)")
            col.role, col.source = "task", col.source + "+content"
            roles.add("task")
        elif "task" not in roles and col.role is None:
            col.role, col.source = "category", "content"
    for j in lead:
        col = columns[j]
        if col.role != "task":
            continue
        unit = header_unit(col.name, lambda t: unit_of(t, vocab))
        if unit and unit != "%":
            for other in columns:
                if other.role in ("target", "actual") and other.group == 0 and not other.unit:
                    other.unit, other.unit_source = unit, "the header of the names column"
    return notes


def _shares(a: Triple, b: Triple) -> bool:
    return bool({a.actual, a.percent} & {b.actual, b.percent})


def _primary(columns: list[Column], triples: list[Triple], vocab: Vocab) -> Triple:
    """The record's own triple: the leftmost of those borne out best; where
    that target has two readings of its progress (在建 | 完成), the one whose
    header names what was done."""
    top = triples[0]
    first = min((t for t in triples if t.close == top.close), key=lambda t: t.percent)
    rivals = [t for t in triples if t.target == first.target and t.close == top.close]

    # the rivals' headers are read where they differ (完成投资/在建住房/户数 against
    # 完成投资/完成住房/户数: 在建住房 against 完成住房), not where they agree
    paths = [columns[t.actual].path + (columns[t.actual].name,) for t in rivals]
    shared = next((k for k in range(min(map(len, paths))) if len({p[k] for p in paths}) > 1), 0)

    def done(t: Triple) -> tuple[int, int]:
        col = columns[t.actual]
        own = header_role("".join((col.path + (col.name,))[shared:]), vocab)[0] == "actual"
        return int(own), int(col.role == "actual" or header_role("".join(col.path) + col.name, vocab)[0] == "actual")
    return max(rivals, key=lambda t: (done(t), -t.percent))


def _ranks(columns: list[Column], rows: list[list[str]]) -> list[str]:
    """A leading column of numbers that are ranks, not item numbers: its
    header says so, or rows of a table of names lack it (tied ranks are left
    blank), so the items are numbered in table order instead."""
    notes = []
    for j, col in enumerate(columns):
        if col.role == "rank":
            notes.append(f"column {col.name!r}: ranks (header word), items numbered in table order")
            return notes
    first = columns[0] if columns else None
    if first is None or first.role not in (None, "item_no") or len(columns) < 3:
        return notes
    values = [r[0].strip() for r in rows if r]
    numbers = [item_number(v) for v in values if v]
    blanks = sum(1 for v in values if not v)
    if numbers and all(n is not None for n in numbers) and blanks and len(numbers) >= 3 and \
            any(_HAN.search(r[1]) for r in rows if len(r) > 1):
        first.role, first.source = "rank", "content"
        notes.append("first column: ranks (some rows have none: ties), items numbered in table order")
    return notes


def _width(raw: RawTable) -> int:
    """How many columns the body has. Rows on lines lose empty cells but never
    gain columns: a one-row header names the columns (unless most rows are
    wider: then it lost cells itself); a header of several rows names at most
    as many as all its cells. Rows of a stream are cut by the reader, not by
    line ends: the header's count, unless it has more cells than most rows are
    wide (a header of several levels), else the most common width."""
    counts: dict[int, int] = {}
    for row in raw.body:
        counts[len(row)] = counts.get(len(row), 0) + 1
    if not counts:
        return max((len(r) for r in raw.header), default=0)
    top = max(counts.values())
    modal = max(w for w, c in counts.items() if c == top)
    if not raw.header:
        return modal
    named = sum(1 for r in raw.header for c in r if c.text)
    if raw.found_by not in ("delimited", "spaced"):
        # rows of a stream run longer than the header (paragraphs, sub-rows) or lose merged cells;
        # a header of more cells than most rows is of several levels, unless many rows are that wide
        wide = sum(c for w, c in counts.items() if w >= named)
        return named if named <= modal or wide * 4 >= len(raw.body) else modal
    if len(raw.header) == 1:
        n = len(raw.header[0])
        return n if sum(c for w, c in counts.items() if w <= n) * 2 >= len(raw.body) else modal
    fitting = [w for w in counts if w <= named]
    return max(fitting) if fitting and max(fitting) >= modal else modal


def _grid_rows(raw: RawTable, width: int) -> list[GridRow]:
    rows = []
    for row in raw.body:
        cells = [c.text for c in row]
        if raw.positional and len(cells) < width:
            cells += [""] * (width - len(cells))
        filled = [c for c in row if c.text] or row  # an empty cell (a blank line) is no line of the row
        start = min(c.loc.line_start for c in filled)
        end = max(c.loc.line_end for c in filled)
        heading = _heading(cells) or _group_row(cells)
        in_place = (raw.positional or raw.found_by == "delimited") and len(cells) == width
        rows.append(GridRow(cells, start, end, positional=in_place,
                            heading=heading, ragged=raw.found_by == "delimited" and not heading and len(cells) != width))
    return rows


def _sub_rows(rows: list[GridRow], columns: list[Column], vocab: Vocab, merged: bool = False) -> list[GridRow]:
    """In a numbered table, a row without an item number that states figures
    is a sub-indicator of the numbered row above (其中：失业人员再就业 人 3000),
    and so is a row of a structured source whose number and name are the
    cells above merged down over it; a short line of words alone before the
    next numbered row is the rest of that row's name."""
    if not any(c.role == "item_no" for c in columns):
        return rows
    numbered = [r for r in rows if not r.heading and r.cells and row_number(r.cells[0]) is not None]
    if len(numbered) * 3 < len([r for r in rows if not r.heading]) * 2 - 1 or not numbered:
        return rows
    out: list[GridRow] = []
    last: GridRow | None = None
    name = next((j for j, c in enumerate(columns) if c.role == "task"), None)
    for k, row in enumerate(rows):
        first = row.cells[0] if row.cells else ""
        nxt = rows[k + 1] if k + 1 < len(rows) else None
        if last is not None and row.heading and not match_marker(first) and not _group_row(row.cells) \
                and sum(1 for c in row.cells if c.strip()) == 1 and nxt is not None and nxt.cells \
                and _next_number(row_number(last.cells[0]), row_number(nxt.cells[0])):
            last.notes.append(first)  # the rest of a name, wrapped onto a line of its own
            last.line_end = row.line_end
            continue
        if last is not None and merged and name is not None and first.strip() \
                and first == last.cells[0] and _cell(row, name) and _cell(row, name) == _cell(last, name):
            last.subs.append(row)  # number and name merged down over this row: a further indicator
            continue
        if row.heading or row_number(first) is not None or last is None or is_total(first, vocab):
            out.append(row)
            last = row if not row.heading and row_number(first) is not None else last if not row.heading else None
            continue
        filled = [c for c in row.cells if c.strip()]
        if any(cell_kind(c, vocab) in FIGURES for c in filled[1:]) and not (not first.strip() and row.positional):
            last.subs.append(row)
            continue
        if len(filled) == 1 and len(filled[0]) <= 30 and nxt is not None and nxt.cells and \
                row_number(nxt.cells[0]) is not None:
            last.notes.append(filled[0])
            last.line_end = row.line_end
            continue
        out.append(row)
    return out


def _cell(row: GridRow, j: int) -> str:
    return row.cells[j].strip() if j < len(row.cells) else ""


def _metric_triples(columns: list[Column]) -> list[tuple[int, int, int]]:
    """The (target, actual, percent) columns of each group of figures arithmetic confirmed."""
    out = []
    groups = sorted({c.group for c in columns if "arithmetic" in c.source})
    for g in groups:
        role = {c.role: j for j, c in enumerate(columns) if c.group == g and "arithmetic" in c.source}
        if {"target", "actual", "percent"} <= set(role):
            out.append((role["target"], role["actual"], role["percent"]))
    # a second reading of the first target (在建 beside 完成) shares its target column
    return out


def _describe(j: int, col: Column) -> str:
    """One `--explain` line for a column: its name, role and where each came from."""
    name = "/".join(col.path + (col.name,)) if col.path else col.name
    role = col.role or "extra"
    group = f" (group {col.group + 1})" if col.group else ""
    unit = f", unit {col.unit} from {col.unit_source}" if col.unit else ""
    return f"column {j + 1} {name!r}: {role}{group} from {col.source}{unit}"


def _next_number(prev: tuple[int, ...] | None, no: tuple[int, ...] | None) -> bool:
    """`no` is the number right after `prev` (3 after 2, 2.4 after 2.3)."""
    return prev is not None and no is not None and len(prev) == len(no) and prev[:-1] == no[:-1] \
        and no[-1] == prev[-1] + 1


def read_table(raw: RawTable, vocab: Vocab, ctx: TableContext | None = None, table: int = 1,
               counted: int = 0) -> TableRead:
    """Items of one table. `table` numbers it in the document; `counted` is how
    many unnumbered items earlier tables gave (numbering goes on across them)."""
    ctx = ctx or TableContext()
    best = None
    tries = [raw] + ([t for t in (_given_back(raw, 1, vocab), _given_back(raw, 2, vocab)) if t is not None]
                     if raw.found_by in ("stream", "one_line") else [])
    for moved, candidate in enumerate(tries):
        texts = candidate.texts()
        width = _width(candidate)
        if candidate.positional:
            # cells in place: the header or the widest rows say how many columns there are
            width = max([width] + [len(r) for r in candidate.header])
            texts = [r + [""] * (width - len(r)) for r in texts]
        if moved and len([c for c in candidate.header[-1] if c.text]) < width:
            break  # a header left with fewer cells than columns: nothing more to give back
        prof = profile(texts, width, vocab)
        columns, header_how, score = _header(candidate, prof, vocab)
        if best is None or score - GIVE_BACK_COST * moved > best[0]:
            best = (score - GIVE_BACK_COST * moved, candidate, texts, width, prof, columns, header_how)
    _, raw, texts, width, prof, columns, header_how = best
    if len(columns) != width:  # a header read line by line may name more or fewer columns than rows hold
        columns = columns[:width] + [Column("", source="none") for _ in range(width - len(columns))]
    numbering = frozenset(j for j, c in enumerate(columns) if header_role(c.name, vocab)[0] in ("item_no", "rank"))
    if numbering:
        prof = profile(texts, width, vocab, numbering)
    assign_roles(columns, vocab, lambda t: unit_of(t, vocab))
    notes = [f"header: {header_how}"]
    full = [r for r in raw.texts() if len(r) == width]
    notes += _apply_arithmetic(columns, prof.triples if full else [], vocab, texts)
    notes += _form_roles(columns, texts, width, vocab)
    notes += _ranks(columns, raw.texts())
    notes += _names_and_their_unit(columns, prof, vocab)
    rows = _sub_rows(_grid_rows(raw, width), columns, vocab, raw.merged)
    triples = tuple((j, k, p) for j, k, p in _metric_triples(columns))
    items, used = build_items(columns, rows, vocab, table, ctx, counted=counted, triples=triples)
    notes += [f"line {row.line_start}: a total row (its amounts are the sum of the others)" for row in rows if row.total]
    for it in items:
        it.found_by = raw.found_by
        it.how = {c.role: c.source for c in columns if c.role and c.role not in EXTRA_ROLES}
    head_lines = sorted({n for row in raw.header for c in row for n in c.loc.lines()})
    read = TableRead(items, used | set(head_lines) | set(raw.furniture), head_lines, columns=columns)
    read.explain = [f"found by {raw.found_by} ({'; '.join(raw.how)}), {len(raw.body)} rows"] + notes + [
        _describe(j, c) for j, c in enumerate(columns)]
    read.unknown_headers = [(head_lines[0] if head_lines else raw.lines[0], c.name) for c in columns
                            if c.name and c.source != "header" and header_role(c.name, vocab)[0] is None
                            and not (c.source == "none" and c.name.startswith("column"))]
    if raw.cut:
        first, end = raw.cut[0].loc.line_start, raw.cut[-1].loc.line_end
        read.unparsed.append(Span(" | ".join(c.text for c in raw.cut), first, end))
        read.warnings.append(f"{first}-{end}: the text ends inside this row of the table: not read as an item")
    if not any(c.role in METRIC_ROLES + ("progress",) for c in columns):
        undecided = [j for j, c in enumerate(columns) if c.role is None and prof.figure[j] >= 0.5]
        if undecided:
            read.warnings.append(f"{raw.lines[0]}-{raw.lines[1]}: a table whose columns of figures no header "
                                 f"word or arithmetic names: its rows keep their cells as written")
        else:
            # every column has a role, none of them a target, an actual or a percent (growth
            # rates and ranks): no work item; its lines are reported as read but not used
            span = Span("\n".join(" | ".join(c.text for c in row) for row in raw.body), raw.lines[0], raw.lines[1])
            read.warnings.append(f"{raw.lines[0]}-{raw.lines[1]}: a table with no target, actual, percent or "
                                 f"progress column: its rows are no work items")
            read.items, read.used, read.unparsed = [], set(), [span]
    return read
