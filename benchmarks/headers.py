#!/usr/bin/env python3
"""Time of the header search on headers of many readings (not asserted by tests).

    python benchmarks/headers.py                      # every shape
    python benchmarks/headers.py 3x6x4 pasted-3x3x3   # some

A multi-level header is read by an exact search over its readings
(`headertree.read_levels`), bounded by `tuning.HEADER_SEARCH_STEPS`. Its cost
grows with the readings that score close to the best: groups of sub-columns
named alike (a set of figures repeated for each region or year) tie closely.
Each shape is a header of that kind over a body of names then figures:

  LxGxS          L levels (3 or 4): two naming columns and two groups at the
                 top, G groups of S sub-columns each below them (at 4 levels,
                 G is split again in two); the rows are known
  pasted-LxGxS   the same cells pasted one per line (the rows are not known)

Prints the seconds, the steps taken and how the header was read; a header whose
search ran out of steps says so (its reading is the best found by then), and one
with no reading found by then prints `none` (it is read line by line). Target:
no header takes more than about 10 s (the steps' worth).
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reportkit import headertree  # noqa: E402
from reportkit.headertree import Profile, read_levels  # noqa: E402
from reportkit.vocab import load_vocab  # noqa: E402

SHAPES = ["3x2x3", "3x4x3", "3x4x4", "3x6x4", "3x7x4", "3x9x3", "3x10x2", "4x8x2", "4x8x3",
          "pasted-3x2x3", "pasted-3x3x3", "pasted-3x4x3", "pasted-3x4x4"]
SUB = ["合计(户)", "新建(户)", "改建(户)", "改造(户)"]


def header(levels: int, groups: int, sub: int) -> tuple[list[list[str]], Profile]:
    """Header rows and the profile of the columns under them."""
    top = ["地区", "项目名称", "计划任务", "完成情况"]
    if levels == 3:
        rows = [top, [f"第{i + 1}类" for i in range(groups)], [n for _ in range(groups) for n in SUB[:sub]]]
    else:
        rows = [top, ["城镇", "农村"] * 2, ["住房", "设施"] * (groups // 2),
                [n for _ in range(groups) for n in SUB[:sub]]]
    width = 2 + groups * sub
    figures = [0.0] * 2 + [1.0] * (width - 2)
    return rows, Profile(text=[1.0] * 2 + [0.0] * (width - 2), figure=figures, rate=[0.0] * width,
                         item_no=[0.0] * width, bare=figures, small=[0.0] * width)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("shapes", nargs="*", default=SHAPES)
    a = ap.parse_args()
    vocab = load_vocab()
    steps_left: list[int] = []
    memo = headertree._Memo.__init__

    def counting(self, *args, **kwargs):   # the steps each search takes
        memo(self, *args, **kwargs)
        steps_left.append(self.steps)
    headertree._Memo.__init__ = counting   # type: ignore[method-assign]
    for shape in a.shapes:
        pasted = shape.startswith("pasted-")
        levels, groups, sub = map(int, shape.removeprefix("pasted-").split("x"))
        rows, profile = header(levels, groups, sub)
        if pasted:
            rows = [[cell for row in rows for cell in row]]
        cells = sum(map(len, rows))
        t = time.perf_counter()
        reading = read_levels(rows, profile, vocab, pasted)
        seconds = time.perf_counter() - t
        taken = headertree.HEADER_SEARCH_STEPS - steps_left[-1].left if steps_left else 0
        print(f"{shape:>14}: {cells} cells over {profile.width} columns, {seconds:6.2f} s, "
              f"{min(taken, headertree.HEADER_SEARCH_STEPS):>10,} steps: {reading.how if reading else 'none'}",
              flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
