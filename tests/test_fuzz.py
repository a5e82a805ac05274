"""Fuzzing `parse_text`, `convert_text` and `check_bytes` with hostile input.

Whatever comes in (mutated samples and seeds, random bytes and Unicode, giant
cells, thousands of columns, deep outlines, only punctuation, only digits),
reportkit either returns or raises one of its own documented errors, and
every example finishes. The `ci` profile (the default) is small and
derandomized, so CI runs the same examples every time; the `long` profile
(``pytest tests/test_fuzz.py --hypothesis-profile=long``) runs many more.
The number of examples run is printed at the end of the session.
"""
from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import reportkit
from reportkit.lint import check_bytes, load_settings
from conftest import sample_inputs, seed_files

#: examples run, printed in the session summary (conftest.py)
EXAMPLES: Counter = Counter()
CORPUS = [p.read_bytes() for p in sample_inputs()] + [p.read_bytes() for p in seed_files()]

# the characters reports are made of, and some that break naive code
CJK = "一二三十百千万亿项目完成进度情况工作任务序号年月日截至底已计划目标个家人次元亩公里%"
PUNCT = "|｜\t,，。、；;:：()（）【】《》“”-—~～*·•■●\u3000 "
NASTY = "\u2028\u2029\x85\ufeff\u200b\ufffd\x00\x0b\x0c\r\n\U0001f600\ud7ff\ue000"
TEXT = st.text(alphabet=st.sampled_from(list(CJK + PUNCT + NASTY + "0123456789.abcXYZ")), max_size=400)


def exercise(text: str) -> None:
    """Every entry point on one input: returns, or raises a reportkit error."""
    EXAMPLES["total"] += 1
    for call in (lambda: reportkit.parse_text(text), lambda: reportkit.convert_text(text),
                 lambda: check_bytes(text.encode("utf-8", "surrogatepass"), "fuzz.txt", load_settings(None))):
        try:
            call()
        except reportkit.ReportkitError:
            pass


def mutate(data: bytes, cuts: list[tuple[int, int, bytes]]) -> bytes:
    out = bytearray(data)
    for pos, length, insert in cuts:
        pos = pos % (len(out) + 1)
        out[pos:pos + length] = insert
    return bytes(out)


@pytest.mark.skipif(not CORPUS, reason="no samples")
@given(st.sampled_from(CORPUS or [b""]),
       st.lists(st.tuples(st.integers(0, 10 ** 6), st.integers(0, 40), st.binary(max_size=8)), max_size=6))
def test_mutated_reports(data, cuts):
    raw = mutate(data, cuts)
    EXAMPLES["total"] += 1
    try:
        result = reportkit.parse_bytes(raw, source="fuzz.txt")
    except reportkit.ReportkitError:
        return
    assert all(r.line_start <= r.line_end for r in result.records)


@given(st.binary(max_size=2000))
def test_random_bytes(data):
    EXAMPLES["total"] += 1
    try:
        reportkit.parse_bytes(data)
    except reportkit.ReportkitError:
        pass


@given(TEXT)
def test_random_text(text):
    exercise(text)


@given(st.text(max_size=300))
def test_any_unicode(text):
    exercise(text)


@given(st.integers(1000, 30000), st.sampled_from(["9", "%", "1%", "万", "个", "已完成", "|", "、", "一"]))
def test_giant_cells(size, unit):
    exercise("序号 | 工作任务 | 进展情况\n1 | 新建站点5个 | " + unit * (size // len(unit)) + "\n")


@settings(max_examples=10)  # each example is a whole table of up to 10,000 columns
@given(st.integers(100, 10000))
def test_thousands_of_columns(n):
    header = " | ".join(["序号", "工作任务", "进展情况"] + [f"列{i}" for i in range(n)])
    row = " | ".join(["1", "新建站点5个", "已建成4个"] + [str(i) for i in range(n)])
    exercise(header + "\n" + row + "\n")


@given(st.integers(1, 200), st.sampled_from(["{n}.", "({n})", "{n}、"]))
def test_deep_and_long_outlines(depth, marker):
    lines = []
    for n in range(1, depth + 1):
        lines.append("  " * (n % 7) + marker.format(n=n) + f"工作{n}完成{n}个。")
    exercise("\n".join(lines))


@given(st.text(alphabet=PUNCT, max_size=500))
def test_only_punctuation(text):
    exercise(text)


@given(st.text(alphabet="0123456789.,% \n", max_size=2000))
def test_only_digits(text):
    exercise(text)
