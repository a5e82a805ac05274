"""Headers of one to three levels (or more), read into one name per column.

A header of several levels is written row by row, each row holding the
cells that start there, left to right: group cells (``项目推进情况(个)``)
above the sub-columns they span, and cells that span all the rows down
(``地区``, ``序号``). Text keeps the rows but not the spans: a group's width and
which cells are groups are lost, and a table pasted one cell per line loses
even the rows. `read_levels` finds them again: it tries each reading of the
header cells as a tree whose leaves are the table's columns, and keeps the
one that best fits what the columns hold:

* a leaf that names a rate (``完成率(%)``) over a column of rates, a leaf
  with a unit (``户数(户)``) over figures, a leaf naming words over words;
* an actual and the rate that measures it (a column triple borne out by
  arithmetic) under one group;
* cells labelled as columns (``预算数(A)``, ``项目总数(389所)``) are leaves.

Each reading is a top-down assignment: the first row splits the columns
among its cells; in each later row, every group still open either takes
its children there (a run of the row's cells sharing its width) or waits
for a lower row. A header pasted as one stream of cells is cut into rows
first, every way (cuts that no tree over the columns fits, by counting
cells, are not searched). The search is exact: each cut and column map is a
`_Tree`, whose best reading is found by filling each group's columns once
for each place and row pointers; the trees are searched the most promising
first, and one whose bound falls short of a reading already found is not
searched. A header of billions of close readings (sub-columns named alike
under many groups) is searched for `tuning.HEADER_SEARCH_STEPS` steps at most:
past them, it is read as the best reading found by then, and says so.
"""
from __future__ import annotations

import heapq
import math
from collections import Counter
from dataclasses import dataclass, field
from typing import Iterator

import regex

from .arithmetic import Triple
from .headers import header_role
from .headers import header_score, merge_fragments
from .kinds import unit_of
from .tuning import BOUND_STATES, HEADER_SEARCH_CELLS, HEADER_SEARCH_STEPS, ONE_PER_COLUMN
from .vocab import Vocab
from .tuning import LEAD_LABEL_COST, MAP_COST

# a column label or a count in a cell's brackets: 预算数(A), 项目总数(389所)
_LABELLED = regex.compile(r"[(\uff08]\s*(?:[A-Z]|\d+\D{0,3})\s*[)\uff09]")
# a rate column's mark: 完成率(%), 开工率%; not a percent in a note (按33%比例)
_RATE_MARK = regex.compile(r"(?<![\d.])[%\uff05\u2030]")
_BRACKETED = regex.compile(r"[(\uff08]([^()\uff08\uff09]{1,6})[)\uff09]")


@dataclass(frozen=True)
class Leaf:
    """One column as the header names it: its own name and the groups above it, outermost first."""
    name: str
    path: tuple[str, ...] = ()


@dataclass
class Profile:
    """What a table's columns hold, read from its body: for each column, the
    share of text, of figures and of rates among its filled cells, and the
    column triples arithmetic bears out."""
    text: list[float]
    figure: list[float]
    rate: list[float]
    item_no: list[float]
    triples: list[Triple] = field(default_factory=list)
    #: the share of cells that are a number alone (no word with it, unlike 新建站点5个)
    bare: list[float] = field(default_factory=list)
    #: the share of a column's numbers that a rate may be (0 to `tuning.RATE_MAX`)
    small: list[float] = field(default_factory=list)

    @property
    def width(self) -> int:
        return len(self.text)


@dataclass
class Reading:
    leaves: list[Leaf | None]      # one per column; None: the header names no such column
    score: float
    how: str


def leaf_class(name: str, vocab: Vocab) -> str | None:
    """What a header cell says its column holds: ``rate``, ``figure``, ``text``, ``item_no`` or None.

    >>> from reportkit.vocab import load_vocab
    >>> v = load_vocab()
    >>> [leaf_class(t, v) for t in ("完成率(%)", "项目总数(389所)", "户数(户)", "项目名称", "目标任务", "宫颈癌")]
    ['rate', 'figure', 'figure', 'text', None, None]
    """
    role = header_role(name, vocab)[0]
    if role == "percent" or _RATE_MARK.search(name):
        return "rate"
    if _LABELLED.search(name) or any(unit_of(b, vocab) for b in _BRACKETED.findall(name)):
        return "figure"  # a unit or a count in brackets: 户数(户), 项目总数(389所)
    if role == "item_no":
        return "item_no"
    if role in ("task", "category", "remark", "office", "deadline"):
        return "text"
    # a target or an actual may be written in words (目标任务: 城镇新增就业1100人): no class of its own
    return None


def fit(cls: str | None, profile: Profile, j: int) -> float:
    """How well a leaf of class `cls` fits column `j`."""
    if cls is None:
        return 0.0
    text, figure, rate, item_no = profile.text[j], profile.figure[j], profile.rate[j], profile.item_no[j]
    if cls == "rate":
        return 2.0 * rate - 2.0 * text - 0.5 * (figure - rate)
    if cls == "figure":
        return 1.0 * (figure - rate) - 0.5 * rate - 1.0 * text
    if cls == "text":
        return 1.0 * text - 1.5 * figure
    if cls == "item_no":
        return 2.0 * item_no - 1.0 * text
    return 0.0


#: what a group costs (the simpler reading wins a tie), and what an actual and its rate
#: under one group earn
_GROUP_COST = -0.3
_TRIPLE_BONUS = 0.5
#: what a group of the first row whose children start two rows down costs
_TWO_ROW_COST = -0.1
#: what each kind of work counts in `tuning.HEADER_SEARCH_STEPS`, about a microsecond a
#: step on the machine of benchmarks/RESULTS.md: two ways of filling columns combined, a
#: cell tried by the bound's walk, a reading opened in the search
_FILL_STEP, _WALK_STEP, _SEARCH_STEP = 3, 2, 20
#: scores closer than this are a tie (sums of the same scores in another order differ
#: in their last bits)
_EPS = 1e-9
_DIGITS = 9

# where a reading stands: the next column, how many cells of each row it has read, and
# the groups still open, outermost first: (the column they end before, the row their
# children stand on, how many children they have so far, counted to two)
_State = tuple[int, tuple[int, ...], tuple[tuple[int, int, int], ...]]
# a group made: (first column, width, its names from the outermost, the row of its children)
_Open = tuple[int, int, tuple[str, ...], int]


class _Tree:
    """The best reading of header rows as a tree over `len(columns)` columns.

    Rows are laid out as a browser lays out a table: each row's cells fill,
    left to right, exactly the columns still open on that row (the columns of
    the groups whose children start there); a cell one column wide is a
    column of its own, spanning the rows down; a wider one is a group whose
    children start on the next row (or, for a cell of the first row, the one
    after). Read left to right, column by column, a reading takes each row's
    cells in order: what is left to read depends only on the next column, how
    far each row has been read, and the groups still open (`_State`).

    The search is exact. A group's columns are filled from the rows at and
    below its children's, whatever stands around it, so the best way to fill
    them is found once for each place and row pointers (`_complete`); from
    it, the best score the rest of a reading can add (`_rest`). The scores of
    leaves and groups add up; the relations between groups (`_relations`) are
    judged on whole readings, so readings are enumerated best first and a
    branch is left once even every relation bonus could not lift it to the
    best reading found."""

    def __init__(self, rows: list[list[str]], columns: list[int | None], profile: Profile,
                 classes: dict[str, str | None], vocab: Vocab, memo: "_Memo | None" = None) -> None:
        self.rows, self.columns, self.profile, self.classes, self.vocab = rows, columns, profile, classes, vocab
        self.triples = [t for t in profile.triples if t.target < t.actual < t.percent][:3]
        memo = memo if memo is not None else _Memo()
        self.last = len(rows) - 1
        self.lens = tuple(len(row) for row in rows)
        # the ways to fill a group depend on the rows from its children's down: other cuts of
        # a pasted header into rows that end with the same rows share them
        self.below = [memo.below.setdefault(tuple(tuple(row) for row in rows[r:]), len(memo.below))
                      for r in range(len(rows))]
        self.completions, self.sizes, self.row_pairs, self.steps = memo.completions, memo.sizes, memo.row_pairs, memo.steps
        #: whether the search ran out of steps (`tuning.HEADER_SEARCH_STEPS`) in this tree
        self.cut = False
        self.rests: dict[_State, float] = {}
        # what a cell scores over a column depends on the table column under it, not on where
        # the header's columns start: trees over other column maps share it
        at = columns
        self._leaf = memo.cached(memo.leaf, self._leaf, lambda name, col: (name, at[col]))  # type: ignore[method-assign]
        self._misfit = memo.cached(memo.misfit, self._misfit, lambda name, col: (name, at[col]))  # type: ignore[method-assign]
        self._group = memo.cached(memo.group, self._group,  # type: ignore[method-assign]
                                  lambda name, col, width: (name, at[col], at[col + width - 1]))

    def best(self, floor: float = -math.inf) -> tuple[float, list[Leaf]] | None:
        """The best reading and its score; None when no reading scores `floor` or more."""
        start = self._start()
        try:
            if self._rest(start) == -math.inf:
                return None
        except _OutOfSteps:
            self.cut = True
            return None
        most = self._most_relations()
        found: list[tuple[float, float, tuple]] = []   # the best: score, its leaves' and groups' part, leaves

        def beats(total: float, additive: float) -> bool:
            """Whether a reading scoring up to `total`, `additive` of it from its leaves
            and groups, may replace the best found: it scores more, or as much and more
            of it from its leaves and groups."""
            return total > found[0][0] + _EPS or total > found[0][0] - _EPS and additive > found[0][1] + _EPS

        pairs = _Pairs(self, most)

        def search(state: _State, score: float, leaves: tuple, made: tuple, paths: tuple,
                   shut: tuple, seen: int) -> None:
            self.steps.take(_SEARCH_STEP)
            closed = self._close(state)
            if closed is None:
                return
            col, ptr, open_ = closed
            if not open_:
                if ptr == self.lens:
                    total = score + self._relations(leaves, made)
                    if not found or beats(total, score):
                        found[:] = [(total, score, leaves)]
                return
            paths = paths[:len(open_)]
            if col > seen:
                shut = pairs.shut(shut, col, leaves, made)
            rel = pairs.most(shut, col)
            # best first; steps that reach the same score keep their order (a column before a
            # group, a narrower group before a wider): the first reading found wins a tie
            steps = sorted(((s + self._rest(nxt), s, nxt, what) for s, nxt, what in self._steps(closed)),
                           key=lambda step: -round(step[0], _DIGITS))
            for reach, s, nxt, what in steps:
                if score + reach + rel < floor or found and not beats(score + reach + rel, score + reach):
                    break  # best first: no later step reaches it either
                search(nxt, score + s, *self._placed(col, what, leaves, made, paths), shut, col)

        try:
            search(start, 0.0, (), (), ((),), (0, ()), 0)
        except _OutOfSteps:
            self.cut = True  # the best reading found by then
        if not found or found[0][0] < floor:
            return None
        score, _, leaves = found[0]
        # leaves are (name, path) pairs while searching: a Leaf is made only for the reading kept
        return score, [Leaf(*leaf) for _, leaf in sorted(leaves, key=lambda x: x[0])]

    @staticmethod
    def _placed(col: int, what: tuple[str, int, int | None], leaves: tuple, made: tuple,
                paths: tuple) -> tuple[tuple, tuple, tuple]:
        """A reading's leaves, groups made and open groups' names once a step of
        `_steps` (`what`) has placed its cell at column `col`."""
        name, width, below = what
        if below is None:
            return leaves + ((col, (name, paths[-1])),), made, paths
        path = paths[-1] + (name,)
        return leaves, made + ((col, width, path, below),), paths + (path,)

    def _close(self, state: _State) -> _State | None:
        """`state` with the groups that end at its column closed; None if one of them has
        too few children (two at least, but for the whole header's)."""
        col, ptr, open_ = state
        while open_ and open_[-1][0] == col:
            if open_[-1][2] < (1 if open_[-1][1] == 0 else 2):
                return None
            open_ = open_[:-1]
        return col, ptr, open_

    def _steps(self, state: _State) -> Iterator[tuple[float, _State, tuple[str, int, int | None]]]:
        """Each way to place the next cell of the innermost open group's row: as the
        next column, or as a group over the next columns (its children on the next
        row, or for a cell of the first row the one after). Yields the score it adds,
        the state after it and (name, width, children's row; None for a column)."""
        col, ptr, open_ = state
        end, r, placed = open_[-1]
        j = ptr[r]
        if j >= self.lens[r]:
            return
        name = self.rows[r][j]
        ptr = ptr[:r] + (j + 1,) + ptr[r + 1:]
        outer = open_[:-1] + ((end, r, min(placed + 1, 2)),)
        if not self._misfit(name, col):
            yield self._leaf(name, col), (col + 1, ptr, outer), (name, 1, None)
        if r != self.last:
            for width in range(2, end - col + 1):
                score = self._group(name, col, width)
                for below, cost in self._below(r):
                    yield score + cost, (col, ptr, outer + ((col + width, below, 0),)), (name, width, below)

    def _below(self, r: int) -> tuple[tuple[int, float], ...]:
        """The rows a group of row `r` may have its children on, and what each costs."""
        if r == 0 and self.last >= 2:
            return (1, 0.0), (2, _TWO_ROW_COST)
        return ((r + 1, 0.0),)

    def _rest(self, state: _State) -> float:
        """The best score the leaves and groups still to place add to `state`."""
        closed = self._close(state)
        if closed is None:
            return -math.inf
        col, ptr, open_ = closed
        if not open_:
            return 0.0 if ptr == self.lens else -math.inf
        known = self.rests.get(closed)
        if known is None:
            end, r, placed = open_[-1]
            known = max((score + self._rest((end, ptr[:r] + after, open_[:-1]))
                         for after, score in self._complete(col, end, r, placed, ptr[r:]).items()),
                        default=-math.inf)
            self.rests[closed] = known
        return known

    def _complete(self, col: int, end: int, r: int, placed: int, ptr: tuple[int, ...]) -> dict[tuple[int, ...], float]:
        """The ways to fill columns `col`..`end` of a group whose children stand on
        row `r` (`placed` of them so far, counted to two), reading the rows from
        `r` down from `ptr`: how far each row is read after it -> the best score."""
        memo, here, at = self.completions, self.below[r], self.columns
        # the columns by the table columns under them: trees over other column maps share it
        key = (here, at[col], at[end - 1], placed, ptr) if col < end else (here, placed, ptr)
        ways = memo.get(key)
        if ways is not None:
            return ways
        ways = {}
        tried = 1   # steps: this way of filling, and each of its inner ones combined
        j = ptr[0]
        if col == end:
            if placed >= (1 if r == 0 else 2):
                ways[ptr] = 0.0
        elif j < self.lens[r]:
            name, placed, read = self.rows[r][j], min(placed + 1, 2), (j + 1,) + ptr[1:]
            if not self._misfit(name, col):
                first = self._leaf(name, col)
                for after, score in self._complete(col + 1, end, r, placed, read).items():
                    if first + score > ways.get(after, -math.inf):
                        ways[after] = first + score
            for width in range(2, end - col + 1) if r != self.last else ():
                group = self._group(name, col, width)
                for below, cost in self._below(r):
                    skip = below - r
                    tried += 1
                    for inside, score in self._complete(col, col + width, below, 0, ptr[skip:]).items():
                        score += group + cost
                        # the rest of the group's children (asked of the memo first: most are known)
                        read_all = read[:skip] + inside
                        rest = memo.get((here, at[col + width], at[end - 1], placed, read_all)
                                        if col + width < end else (here, placed, read_all))
                        if rest is None:
                            rest = self._complete(col + width, end, r, placed, read_all)
                        tried += 1 + len(rest)
                        for after, more in rest.items():
                            if score + more > ways.get(after, -math.inf):
                                ways[after] = score + more
        self.steps.take(tried * _FILL_STEP)
        memo[key] = ways
        return ways

    def bound(self) -> float:
        """A score no reading of these rows can pass: `upper_bound` where its walk is
        small (`tuning.BOUND_STATES`), else the best the leaves and groups can add up
        to (the first step of the search) and the most the relations can add. A tree
        whose leaves and groups the steps left cannot fill is not searched (-inf)."""
        try:
            if len(self.columns) * math.prod(len(row) + 1 for row in self.rows) <= BOUND_STATES:
                return self.upper_bound()
            return self._rest(self._start()) + self._most_relations()
        except _OutOfSteps:
            self.cut = True
            return -math.inf

    def cut_bound(self) -> float:
        """A score no reading over these columns can pass of the same cells cut into
        rows another way above the same bottom row: the bottom row's cells are
        leaves, in order; every other column is under whichever other cell fits it
        best (as if those cells had no order and could stand twice)."""
        bottom, others = self.rows[-1], {cell for row in self.rows[:-1] for cell in row}
        best: list[float] = [-math.inf] * (len(bottom) + 1)   # by the bottom cells placed
        best[0] = 0.0
        for col in range(len(self.columns)):
            free = max((self._leaf(cell, col) for cell in others if not self._misfit(cell, col)), default=-math.inf)
            grown = [b + free for b in best]
            for j, cell in enumerate(bottom):
                if best[j] > -math.inf and not self._misfit(cell, col):
                    grown[j + 1] = max(grown[j + 1], best[j] + self._leaf(cell, col))
            best = grown
        return best[-1] + _GROUP_COST * (sum(self.lens) - len(self.columns)) + self._most_relations(True)

    def _start(self) -> _State:
        """Before any cell is read: the whole header is one open group over every column."""
        return 0, (0,) * len(self.rows), ((len(self.columns), 0, 0),)

    def upper_bound(self) -> float:
        """A score no reading of these rows can pass, found without building one.

        Every column is named by one leaf; a row's leaves stand left to right in
        the order of its cells, and the bottom row's cells are all leaves: the
        best such assignment of cells to columns (a walk over the columns, one
        pointer per row) bounds the leaves' score. The other cells are groups,
        each costing at least `_GROUP_COST`; the relations add at most
        `_most_relations`."""
        rows, last, width = self.rows, len(self.rows) - 1, len(self.columns)
        # each cell's score over each column (None: it cannot stand there), looked up once
        fits = [[[None if self._misfit(cell, col) else self._leaf(cell, col) for col in range(width)]
                 for cell in row] for row in rows]
        states: dict[tuple[int, ...], float] = {(0,) * len(rows): 0.0}
        bottom = len(rows[last])
        for col in range(width):
            grown: dict[tuple[int, ...], float] = {}
            # the bottom row's next cell, which must be placed
            for at, score in states.items():
                j = at[last]
                if j < bottom and fits[last][j][col] is not None:
                    key = at[:last] + (j + 1,)
                    if score + fits[last][j][col] > grown.get(key, -math.inf):
                        grown[key] = score + fits[last][j][col]
            # a cell of another row, any after its pointer: the best state that reaches it
            # is the best of those whose pointer stands at it or before it
            for r in range(last):
                row, by_rest = fits[r], {}
                for at, score in states.items():
                    by_rest.setdefault(at[:r] + at[r + 1:], []).append((at[r], score))
                self.steps.take(len(by_rest) * len(row) * _WALK_STEP)
                for rest, standing in by_rest.items():
                    standing.sort()
                    best, i = -math.inf, 0
                    for j in range(standing[0][0], len(row)):
                        while i < len(standing) and standing[i][0] <= j:
                            best = max(best, standing[i][1])
                            i += 1
                        fit = row[j][col]
                        if fit is None:
                            continue
                        key = rest[:r] + (j + 1,) + rest[r:]
                        if best + fit > grown.get(key, -math.inf):
                            grown[key] = best + fit
            # the bottom row's cells left must each have a column of their own
            states = {at: v for at, v in grown.items() if bottom - at[last] <= width - col - 1}
        leaves = max((v for k, v in states.items() if k[last] == bottom), default=-math.inf)
        groups = sum(len(row) for row in rows) - width
        return leaves + _GROUP_COST * groups + self._most_relations()

    def _most_relations(self, any_cut: bool = False) -> float:
        """The most the relations between groups can add to a reading: a pair of
        sibling groups, and every triple under one group.

        Sibling groups pair up when they have one width and the same names below
        them, so the groups that pair fall into classes of such groups. The
        groups of one class stand apart (one inside another would be its only
        child), each over two leaves or more, and the leaves in one place under
        each are cells of one name: a class of `m` groups needs `2 m` cells whose
        name is written `m` times or more. With classes at most `size` groups
        large, the pairs are most when as many classes as can be are that large.

        Unless `any_cut` (a bound for every cut of the cells into rows), the rows
        count too: groups stand on the rows above the bottom one, each over two
        children of the row below (or, on the first row, of either row below), so
        a row holds at most half as many groups as those rows hold cells; siblings
        stand on one row, and two groups on two rows pair only by their name."""
        groups = sum(self.lens) - len(self.columns)
        # the cuts of a pasted header into rows hold the same cells: they share it
        cells = tuple(c for row in self.rows for c in row)
        size = self.sizes.get((cells, groups))
        if size is None:
            names = Counter(_NOTE.sub("", c) for c in cells)
            size = self.sizes[(cells, groups)] = max(
                (m for m in range(2, groups + 1) if sum(n for n in names.values() if n >= m) >= 2 * m), default=1)

        def most_pairs(n: int) -> int:
            classes, rest = divmod(n, size)
            return classes * size * (size - 1) // 2 + rest * (rest - 1) // 2

        pairs = most_pairs(groups)
        if not any_cut and groups > 0:
            key = (cells, groups, self.lens)
            by_rows = self.row_pairs.get(key)
            if by_rows is None:
                by_rows = self.row_pairs[key] = min(pairs, self._most_pairs_by_rows(groups, most_pairs))
            pairs = by_rows
        return pairs + _TRIPLE_BONUS * len(self.triples)

    def _most_pairs_by_rows(self, groups: int, most_pairs) -> int:
        """`_most_relations` with the rows known: the most pairs of `groups` groups
        spread over the rows, each row's by `most_pairs`, and the pairs of cells of one
        name on two rows."""
        last = self.last
        best = {0: 0}   # groups placed on the rows so far -> the most pairs among them
        for cap in _group_room(self.lens):
            best = {n + g: max(best.get(n + g, -1), p + most_pairs(g))
                    for n, p in best.items() for g in range(min(cap, groups - n) + 1)}
        if groups not in best:
            return most_pairs(groups)   # no reading: the bound does not matter
        # the pairs of cells of one name above the bottom row, less those on one row
        named = Counter(c for row in self.rows[:last] for c in row)
        on_rows = Counter((c, k) for k in range(last) for c in self.rows[k])
        across = sum(n * (n - 1) // 2 for n in named.values()) - sum(m * (m - 1) // 2 for m in on_rows.values())
        return best[groups] + across

    def _misfit(self, name: str, col: int) -> bool:
        """A leaf that cannot stand over column `col`: it names a rate and the
        column holds other figures or words; it names figures and the column
        holds words; it names words and the column holds figures only."""
        j = self.columns[col]
        if j is None:
            return False
        cls, p = self.classes.get(name), self.profile
        if cls == "rate":
            # words, or figures too large for a rate (a column of amounts)
            return p.text[j] >= 0.5 or p.figure[j] >= 0.5 and p.rate[j] < 0.3 and bool(p.small) and p.small[j] < 0.5
        if cls == "figure":
            return p.text[j] >= 0.5
        if cls == "text":
            return (p.bare[j] if p.bare else p.figure[j]) >= 0.8
        return False

    def _leaf(self, name: str, col: int) -> float:
        j = self.columns[col]
        if j is None:
            return 0.0  # a column no row fills: neither a name nor a fit to weigh
        # a header word the vocabulary knows is a column's name; a fragment no word reads is half of one
        known = 0.4 * max(-1.0, header_score(name, self.vocab)) if header_score(name, self.vocab) != 1.5 else 0.0
        return known + (fit(self.classes.get(name), self.profile, j) if j is not None else 0.0)

    def _group(self, name: str, col: int, width: int) -> float:
        """A group costs a little (the simpler reading wins a tie); a cell that
        names the item (序号, 项目名称) over figures, or labels one column
        (预算数(A)), is no group. A naming cell over columns of names is one
        (行业类别 over 三次产业 | 行业)."""
        role = header_role(name, self.vocab)[0]
        score = _GROUP_COST
        # a cell that is (or ends with) a naming word names a column, not a group: 项目名称 is one,
        # 项目建设情况 (the 项目 inside it) is not
        spanned = [self.columns[c] for c in range(col, col + width) if self.columns[c] is not None]
        over_names = bool(spanned) and all(self.profile.text[j] >= 0.5 for j in spanned)
        if role in _NAMING and header_score(name, self.vocab) >= 2.5 and not over_names or _LABELLED.search(name):
            score -= 2.0
        return score

    def _relations(self, leaves: tuple, made: tuple) -> float:
        """An actual and the rate that measures it stand under one group (or one
        under the other's); a target and its actual are not split between two
        groups that each hold a rate of their own (those are two sets of figures)."""
        spans = [(g[0], g[0] + g[1]) for g in made]
        rates = {t.percent for t in self.profile.triples}
        col = {j: c for c, j in enumerate(self.columns) if j is not None}

        def inner(j: int) -> tuple[int, int] | None:
            c = col.get(j)
            if c is None:
                return None
            holding = [sp for sp in spans if sp[0] <= c < sp[1]]
            return min(holding, key=lambda sp: sp[1] - sp[0]) if holding else None

        def related(x: tuple[int, int] | None, y: tuple[int, int] | None) -> bool:
            if x is None or y is None:
                return True
            return x[0] <= y[0] and y[1] <= x[1] or y[0] <= x[0] and x[1] <= y[1]

        def has_rate(sp: tuple[int, int] | None) -> bool:
            return sp is not None and any(col.get(p) is not None and sp[0] <= col[p] < sp[1] for p in rates)

        score = 0.0
        # sibling groups over the same sub-columns (宫颈癌 | 乳腺癌, each over 累计完成 | 完成率) are a
        # table's usual way to repeat a set of figures
        by_col = dict(leaves)
        for a in range(len(made)):
            for b in range(a + 1, len(made)):
                ga, gb = made[a], made[b]
                if _paired(ga[2], (ga[1], _children(by_col, ga)), gb[2], (gb[1], _children(by_col, gb))):
                    score += 1.0
        for t in self.triples:
            gb, gp, ga = inner(t.actual), inner(t.percent), inner(t.target)
            score += _TRIPLE_BONUS if related(gb, gp) else -0.75
            if not related(ga, gb) and has_rate(ga) and has_rate(gb):
                score -= 0.75
        return score


class _Pairs:
    """The most the relations can add to a reading begun: the pairs of sibling groups
    among its groups closed are known; each group not closed yet pairs at most with
    the others not closed and with one class of closed groups whose parent is still
    open (or whose name another cell bears)."""

    def __init__(self, tree: _Tree, most: float) -> None:
        self.total = sum(tree.lens) - len(tree.columns)
        self.triples = _TRIPLE_BONUS * len(tree.triples)
        self.pairs_most = most - self.triples
        names = Counter(c for row in tree.rows for c in row)
        self.repeated = {c for c, n in names.items() if n > 1}

    def shut(self, shut: tuple, col: int, leaves: tuple, made: tuple) -> tuple:
        """`shut` (pairs so far, closed groups) with the groups that end at `col` added:
        each (its width and the names below it, its path, the end of its parent)."""
        count, groups = shut
        for g in made:
            if g[0] + g[1] != col:
                continue
            below = (g[1], _children(dict(leaves), g))
            parent = min((h[0] + h[1] for h in made if h[0] <= g[0] and col <= h[0] + h[1] and h[1] > g[1]),
                         default=math.inf)
            count += sum(_paired(h[1], h[0], g[2], below) for h in groups)
            groups += ((below, g[2], parent),)
        return count, groups

    def most(self, shut: tuple, col: int) -> float:
        """The most the relations can add to a reading at column `col` whose closed
        groups are `shut`: at most `most` of the tree, as `_Tree._most_relations`."""
        count, groups = shut
        left = self.total - len(groups)
        classes = Counter(h[0] for h in groups if h[2] > col or h[1][-1] in self.repeated)
        cross = left * max(classes.values(), default=0)
        return min(self.pairs_most, count + left * (left - 1) // 2 + cross) + self.triples


class _OutOfSteps(Exception):
    """The search of a header has taken `tuning.HEADER_SEARCH_STEPS` steps."""


@dataclass
class _Steps:
    """The steps left to the search of one header."""
    left: int = field(default_factory=lambda: HEADER_SEARCH_STEPS)

    def take(self, steps: int = 1) -> None:
        self.left -= steps
        if self.left < 0:
            raise _OutOfSteps


@dataclass
class _Memo:
    """What the trees of one header share: a header pasted as one run of cells is
    cut into rows in many ways, and the cuts share rows (the same last rows under
    every first row); the column maps set the same cells over the same table
    columns. So a cell's fit, and the ways to fill a group's columns from the
    same rows, are found once, keyed by the table columns they stand over."""
    below: dict[tuple, int] = field(default_factory=dict)
    completions: dict[tuple, dict[tuple[int, ...], float]] = field(default_factory=dict)
    leaf: dict[tuple, float] = field(default_factory=dict)
    group: dict[tuple, float] = field(default_factory=dict)
    misfit: dict[tuple, bool] = field(default_factory=dict)
    #: the largest class of sibling groups the cells allow, and the most pairs of groups
    #: with the rows known (`_Tree._most_relations`)
    sizes: dict[tuple, int] = field(default_factory=dict)
    row_pairs: dict[tuple, int] = field(default_factory=dict)
    steps: _Steps = field(default_factory=_Steps)

    @staticmethod
    def cached(store: dict, fn, key):
        def lookup(*args):
            k = key(*args)
            found = store.get(k)
            if found is None:
                found = store[k] = fn(*args)
            return found
        return lookup


def _paired(path_a: tuple[str, ...], below_a: tuple, path_b: tuple[str, ...], below_b: tuple) -> bool:
    """Whether two groups (their paths, and their widths and the names below them)
    are a pair of sibling groups over the same sub-columns: siblings, or cousins of
    one name, of one width and with the same names below them."""
    return below_a == below_b and (path_a[:-1] == path_b[:-1] or path_a[-1] == path_b[-1])


def _children(by_col: dict[int, tuple[str, tuple[str, ...]]], group: _Open) -> tuple[str, ...]:
    """The names of the columns under a group, without their bracketed notes."""
    return tuple(_NOTE.sub("", by_col[c][0]) if c in by_col else "" for c in range(group[0], group[0] + group[1]))


_NOTE = regex.compile(r"[(\uff08][^()\uff08\uff09]*[)\uff09]|\s+")
#: roles that name the item, not a set of figures: a cell naming one is no group
_NAMING = frozenset({"item_no", "task", "category", "office", "deadline", "remark", "unit", "rank"})


def read_levels(rows: list[list[str]], profile: Profile, vocab: Vocab, flat: bool) -> Reading | None:
    """The best reading of header `rows` (filled cells of each row, top first)
    as one leaf per column of a table whose columns `profile` describes.

    The header may name one column fewer than the body has (a first column of
    names under no header cell) or one more (a column no row fills); `flat`
    says the rows are not known (a header pasted one cell per line)."""
    width = profile.width
    cells = [c for row in rows for c in row]
    if not cells or len(cells) > HEADER_SEARCH_CELLS:
        return None
    splits = list(_flat_splits(cells)) if flat else [rows]
    if flat and len(cells) > width:
        # or a header whose cells were split over lines (牵头 / 部门): joined into one cell per column
        merged = merge_fragments(cells, vocab)
        if len(merged) in (width, width - 1):
            splits.append([merged])
    classes = {c: leaf_class(c, vocab) for split in splits for row in split for c in row}
    maps = list(_column_maps(width))
    memo = _Memo()
    trees = [(split, columns, _Tree(split, columns, profile, classes, vocab, memo))
             for split in splits for columns in maps if _may_form_tree(split, len(columns))]

    def cost(split: list[list[str]], columns: list[int | None]) -> float:
        extra = LEAD_LABEL_COST if columns and columns[0] is None else MAP_COST[len(columns) - width]
        # a header of exactly one cell per column is most likely one row of names: reading
        # levels into it must fit the columns clearly better
        levels = len(split) - 1
        return 0.01 * levels + extra + (ONE_PER_COLUMN if levels and len(cells) == width else 0.0)

    # the readings in one row are quick: the best of them is a score the final reading
    # reaches or passes
    found: dict[int, tuple[float, list[Leaf]] | None] = {}
    top = -math.inf
    for k, (split, columns, tree) in enumerate(trees):
        if len(split) == 1:
            found[k] = tree.best()
            if found[k] is not None:
                top = max(top, found[k][0] - cost(split, columns))
    # the other cuts and maps, the most promising first: a tree whose bound falls short of
    # the best read so far by more than a tie holds no reading that is kept, so it is not
    # searched, and a search leaves every branch that cannot reach it. A tree's bound is
    # found when it comes up first by a quick one (`cut_bound`), which the cuts of a pasted
    # header with the same bottom row share: most trees are ruled out by it.
    # Heap entries: (-(value - the relations' part), value, tree, or the cuts sharing a bound).
    # The relations are bounded loosely, and a tree high by them alone is a costly first search.
    most = max((tree._most_relations(True) for _, _, tree in trees), default=0.0)
    heap: list[tuple[float, float, int, list[int]]] = []

    def push(value: float, k: int, cuts: list[int]) -> None:
        heapq.heappush(heap, (-(value - trees[k][2]._most_relations(bool(cuts))), value, k, cuts))

    shared: dict[tuple, list[int]] = {}
    for k, (split, columns, _) in enumerate(trees):
        if k not in found:
            # (a header whose rows are known has one cut: a tree per column map)
            shared.setdefault((tuple(columns), tuple(split[-1])), []).append(k)
    for cuts in shared.values():
        split, columns, tree = trees[cuts[0]]
        push(tree.cut_bound() - min(cost(trees[k][0], columns) for k in cuts), cuts[0], cuts)
    while heap:
        priority, value, k, cuts = heapq.heappop(heap)
        if -priority + most < top - _EPS:
            break  # no tree left can reach the best found
        if value < top - _EPS:
            continue
        if cuts:
            for k in cuts:
                split, columns, tree = trees[k]
                push(tree.bound() - cost(split, columns), k, [])
            continue
        split, columns, tree = trees[k]
        found[k] = tree.best(top - _EPS + cost(split, columns))
        if found[k] is not None:
            top = max(top, found[k][0] - cost(split, columns))
    # of the readings found, the first that passes all before it, in the order of the trees
    best: Reading | None = None
    for k, (split, columns, _) in enumerate(trees):
        if found.get(k) is None:
            continue
        score, leaves = found[k]  # type: ignore[misc]
        score -= cost(split, columns)
        if best is None or score > best.score + _EPS:
            placed: list[Leaf | None] = [None] * width
            for leaf, j in zip(leaves, columns):
                if j is not None:
                    placed[j] = leaf
            best = Reading(placed, score, f"{len(split)} header level(s)")
    if best is not None and any(tree.cut for _, _, tree in trees):
        best.how += f" (the best of the readings found in {HEADER_SEARCH_STEPS:,} steps)"
    return best


def _may_form_tree(rows: list[list[str]], width: int) -> bool:
    """Whether `rows` can be a tree over `width` columns at all, by counting: every
    column is one leaf cell, so the other cells are groups; every cell below the
    first row is a child of a group, a group has two children at least, and the
    bottom row holds columns only; so a row holds at most half as many groups as
    the row its groups' children stand on has cells (`_group_room`)."""
    cells = sum(len(row) for row in rows)
    groups = cells - width
    return 0 <= groups <= cells - len(rows[-1]) and cells - len(rows[0]) >= 2 * groups \
        and sum(_group_room(tuple(len(row) for row in rows))) >= groups


def _group_room(lens: tuple[int, ...]) -> list[int]:
    """The most groups each row above the bottom one can hold: each has two children
    or more on the row below (on the first row, or on the row below that)."""
    last = len(lens) - 1
    return [min(lens[k], (lens[k + 1] + (lens[k + 2] if k == 0 and last >= 2 else 0)) // 2)
            for k in range(last)]


def _flat_splits(cells: list[str]) -> Iterator[list[list[str]]]:
    """A header pasted as one run of cells, cut into one, two or three rows."""
    n = len(cells)
    yield [cells]
    for a in range(1, n):
        yield [cells[:a], cells[a:]]
    for a in range(1, n - 1):
        for b in range(a + 1, n):
            yield [cells[:a], cells[a:b], cells[b:]]




def _column_maps(width: int) -> Iterator[list[int | None]]:
    """Which table column each header column stands over: all of them; all but
    the first (a column of names under no header cell) or the last; all and one
    more at the end that no row fills; or a first header cell over no column
    (the label of a form's block, 年度绩效目标 | 一级指标 | …)."""
    yield list(range(width))
    if width > 1:
        yield list(range(1, width))
        yield list(range(width - 1))
    yield list(range(width)) + [None]
    yield [None] + list(range(width))
    if width > 1:
        yield [None] + list(range(width - 1))
