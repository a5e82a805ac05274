"""The header search is exact: its reading scores as high as the best of every
reading of the rows, found by listing them all."""
from __future__ import annotations

import math

from hypothesis import example, given, settings
from hypothesis import strategies as st

from reportkit.arithmetic import Triple
from reportkit.headertree import Profile, _Tree, leaf_class
from reportkit.vocab import load_vocab

VOCAB = load_vocab()
# header cells of every class: rates, figures with a unit, words, numbers, none, and
# repeated names (sibling groups over the same sub-columns)
NAMES = ["完成率(%)", "户数(户)", "项目名称", "序号", "合计", "新建", "改建", "累计完成",
         "占计划(%)", "计划任务数", "完成投资", "宫颈癌", "乳腺癌", "其中:"]
REPEATED = ["合计", "新建", "完成率(%)", "宫颈癌"]


def every_reading(tree: _Tree) -> float:
    """The best score of all readings of `tree`'s rows, each built whole."""
    best = -math.inf

    def walk(state, score, leaves, made, paths):
        nonlocal best
        closed = tree._close(state)
        if closed is None:
            return
        col, ptr, open_ = closed
        if not open_:
            if ptr == tree.lens:
                best = max(best, score + tree._relations(leaves, made))
            return
        paths = paths[:len(open_)]
        for s, nxt, what in tree._steps(closed):
            walk(nxt, score + s, *tree._placed(col, what, leaves, made, paths))

    walk((0, (0,) * len(tree.rows), ((len(tree.columns), 0, 0),)), 0.0, (), (), ((),))
    return best


shares = st.floats(0, 1)


@st.composite
def headers(draw):
    width = draw(st.integers(2, 7))
    top = draw(st.lists(st.sampled_from(NAMES), min_size=1, max_size=width))
    # the rows below repeat a few names, as sub-columns under sibling groups do
    below = draw(st.lists(st.lists(st.sampled_from(REPEATED), min_size=2, max_size=width), max_size=2))
    rows = [top, *below]
    profile = Profile(text=draw(st.lists(shares, min_size=width, max_size=width)),
                      figure=draw(st.lists(shares, min_size=width, max_size=width)),
                      rate=draw(st.lists(shares, min_size=width, max_size=width)),
                      item_no=draw(st.lists(shares, min_size=width, max_size=width)),
                      bare=draw(st.lists(shares, min_size=width, max_size=width)),
                      small=draw(st.lists(shares, min_size=width, max_size=width)))
    if width >= 3 and draw(st.integers(0, 3)):
        a, b, p = sorted(draw(st.lists(st.integers(0, width - 1), min_size=3, max_size=3, unique=True)))
        profile.triples = [Triple(a, b, p, 3, True, True)]
    columns = draw(st.sampled_from([list(range(width)), list(range(1, width)), [None] + list(range(width))]))
    return rows, columns, profile


@settings(max_examples=300, deadline=None)
@given(headers())
def test_the_search_finds_the_best_of_every_reading(header):
    rows, columns, profile = header
    classes = {c: leaf_class(c, VOCAB) for row in rows for c in row}
    found = _Tree(rows, columns, profile, classes, VOCAB).best()
    best = every_reading(_Tree(rows, columns, profile, classes, VOCAB))
    if best == -math.inf:
        assert found is None
    else:
        assert found is not None and math.isclose(found[0], best, abs_tol=1e-9)


def test_a_floor_leaves_out_what_falls_short_of_it():
    rows = [["项目名称", "完成投资"], ["合计", "新建"]]
    profile = Profile(text=[1.0, 0.0, 0.0], figure=[0.0, 1.0, 1.0], rate=[0.0, 0.0, 0.0],
                      item_no=[0.0, 0.0, 0.0], bare=[0.0, 1.0, 1.0], small=[0.0, 0.0, 0.0])
    classes = {c: leaf_class(c, VOCAB) for row in rows for c in row}
    score, leaves = _Tree(rows, [0, 1, 2], profile, classes, VOCAB).best()
    assert [leaf.path for leaf in leaves] == [(), ("完成投资",), ("完成投资",)]
    assert _Tree(rows, [0, 1, 2], profile, classes, VOCAB).best(score + 0.01) is None
    assert _Tree(rows, [0, 1, 2], profile, classes, VOCAB).best(score - 0.01)[0] == score


def every_tree(rows, profile, flat):
    """The reading `read_levels` keeps, found by searching every cut and column map
    whole, with no bound: the first in their order that scores more than all before it."""
    from reportkit import headertree as H
    width = profile.width
    cells = [c for row in rows for c in row]
    splits = list(H._flat_splits(cells)) if flat else [rows]
    if flat and len(cells) > width:
        merged = H.merge_fragments(cells, VOCAB)
        if len(merged) in (width, width - 1):
            splits.append([merged])
    classes = {c: leaf_class(c, VOCAB) for split in splits for row in split for c in row}
    best = None
    for split in splits:
        for columns in H._column_maps(width):   # every one: the count that rules cuts out is tested too
            found = _Tree(split, columns, profile, classes, VOCAB).best()
            if found is None:
                continue
            extra = H.LEAD_LABEL_COST if columns[0] is None else H.MAP_COST[len(columns) - width]
            levels = len(split) - 1
            score = found[0] - (0.01 * levels + extra + (H.ONE_PER_COLUMN if levels and len(cells) == width else 0.0))
            if best is None or score > best[0] + 1e-9:
                placed = [None] * width
                for leaf, j in zip(found[1], columns):
                    if j is not None:
                        placed[j] = leaf
                best = (score, placed)
    return best


@st.composite
def pasted_headers(draw):
    rows, _, profile = draw(headers())
    return [c for row in rows for c in row][:8], profile


# two groups of the same sub-columns: the reading that pairs them wins by their relation
_SIBLINGS = (["项目名称", "宫颈癌", "乳腺癌", "合计", "新建", "合计", "新建"],
             Profile(text=[1.0, 0, 0, 0, 0], figure=[0, 1.0, 1.0, 1.0, 1.0], rate=[0.0] * 5, item_no=[0.0] * 5,
                     bare=[0, 1.0, 1.0, 1.0, 1.0], small=[0.0] * 5))


@settings(max_examples=100, deadline=None)
@given(pasted_headers())
@example(_SIBLINGS)
def test_the_cuts_and_maps_are_searched_as_if_each_were_searched_whole(header):
    """The bounds that rule trees out (`cut_bound`, `bound`) never rule out the best."""
    from reportkit.headertree import read_levels
    cells, profile = header
    expected = every_tree([cells], profile, True)
    reading = read_levels([cells], profile, VOCAB, True)
    if expected is None:
        assert reading is None
    else:
        assert reading is not None and math.isclose(reading.score, expected[0], abs_tol=1e-9)
        assert reading.leaves == expected[1]


def big_header():
    """Three levels over 24 columns of figures, every group's sub-columns named alike:
    billions of readings tie closely."""
    rows = [["地区", "项目名称", "计划任务", "完成情况"], [f"第{i}类" for i in range(6)],
            [n for _ in range(6) for n in ("合计(户)", "新建(户)", "改建(户)", "改造(户)")]]
    width = 26
    profile = Profile(text=[1.0] * 2 + [0.0] * 24, figure=[0.0] * 2 + [1.0] * 24, rate=[0.0] * width,
                      item_no=[0.0] * width, bare=[0.0] * 2 + [1.0] * 24, small=[0.0] * width)
    return rows, profile


def test_a_header_of_many_readings_is_read_within_the_steps_it_may_take(monkeypatch):
    from reportkit import headertree
    rows, profile = big_header()
    whole = headertree.read_levels(rows, profile, VOCAB, False)
    assert whole.how == "3 header level(s)"
    # each of the six groups over four columns
    assert [leaf.path[-1] for leaf in whole.leaves[2:]] == [f"第{i}类" for i in range(6) for _ in range(4)]
    monkeypatch.setattr(headertree, "HEADER_SEARCH_STEPS", 2_000_000)
    cut = headertree.read_levels(rows, profile, VOCAB, False)
    assert cut is not None and cut.how.endswith("(the best of the readings found in 2,000,000 steps)")
    assert cut.score <= whole.score + 1e-9
    monkeypatch.setattr(headertree, "HEADER_SEARCH_STEPS", 1000)
    assert headertree.read_levels(rows, profile, VOCAB, False) is None
