"""The header search is exact: its reading scores as high as the best of every
reading of the rows, found by listing them all."""
from __future__ import annotations

import math

from hypothesis import given, settings
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
