"""Layouts: delimited tables, pasted tables, outlines; and nothing dropped."""
from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import reportkit
from reportkit.errors import InputError
from reportkit.markers import match_marker
from reportkit.pipeline import parse_document
from conftest import SEEDS, needs_shared, seed_files

HEADER = "序号 | 工作任务 | 进展情况 | 完成进度"


def parse(text, **kw):
    return reportkit.parse_text(text, **kw)


@pytest.mark.parametrize("text", [
    HEADER + "\n1 | 新建站点5个 | 已建成6个 | 100%",
    "| 序号 | 工作任务 | 进展情况 | 完成进度 |\n| 1 | 新建站点5个 | 已建成6个 | 100% |",
    "\uff5c序号\uff5c工作任务\uff5c进展情况\uff5c完成进度\uff5c\n\uff5c1\uff5c新建站点5个\uff5c已建成6个\uff5c100%\uff5c",
    "| 序号 | 工作任务 | 进展情况 | 完成进度 |\n|---|:---|---:|---|\n| 1 | 新建站点5个 | 已建成6个 | 100% |",
    "序号\t工作任务\t进展情况\t完成进度\n1\t新建站点5个\t已建成6个\t100%",
    '序号,工作任务,进展情况,完成进度\n1,"新建站点5个,改造3个",已建成6个,100%',
], ids=["plain", "outer-pipes", "fullwidth-pipes", "markdown", "tab", "csv"])
def test_delimited_variants(text):
    (r,) = parse(text)
    assert (r.item_no, r.target_value, r.target_unit, r.actual_value, r.percent_reported, r.status) == \
        ("1", 5, "个", 6, 100, "complete")
    assert r.line_start == r.line_end == (3 if "---" in text else 2)


def test_wrapped_row_is_joined():
    text = HEADER + "\n1 | 新建站点5个 | 已建成\n6个 | 100%\n2 | 培训200人次 | 已培训150人次 | 75%"
    rows = parse(text)
    assert [(r.item_no, r.line_start, r.line_end) for r in rows] == [("1", 2, 3), ("2", 4, 4)]
    assert rows[0].progress_text == "已建成6个" and rows[0].actual_value == 6


def test_ragged_rows_are_kept_and_flagged():
    text = HEADER + "\n1 | 新建站点5个 | 已建成6个\n2 | 培训200人次 | 已培训150人次 | 75% | 多余"
    rows = parse(text)
    assert [r.item_no for r in rows] == ["1", "2"]
    assert all("ragged_row" in r.flags for r in rows)
    assert rows[1].percent_reported == 75 and rows[1].status_text == "75% | 多余"


def test_unknown_columns_go_to_extra_and_header_dates_to_as_of():
    text = "某局2023年工作\n序号 | 工作任务 | 进展情况(截至10月底) | 责任单位\n1 | 新建站点5个 | 已建成6个 | 规划科"
    (r,) = parse(text)
    assert r.extra == {"责任单位": "规划科"}
    assert r.as_of == "2023-10-31" and r.doc_title == "某局2023年工作"


def test_text_after_the_table_is_reported_not_dropped():
    text = HEADER + "\n1 | 新建站点5个 | 已建成6个 | 100%\n\n注:以上数据为初步统计。"
    result = parse_document(text)
    assert [(s.line_start, s.text) for s in result.document.unparsed] == [(4, "注:以上数据为初步统计。")]


def test_item_numbers_gaps_and_duplicates():
    rows = parse(HEADER + "\n1 | a | b | 10%\n2 | a | b | 10%\n5 | a | b | 10%\n5 | a | b | 10%")
    assert "item_no_gap" in rows[2].flags
    assert "duplicate_item_no" in rows[2].flags and "duplicate_item_no" in rows[3].flags


PASTED = """市局年度重点工作完成情况
来源:市局 发布日期:2021-02-07 09:19 字体:[ 大 中 小 ]

序号

项目名称

12月工作进展

1

建设站点

1.年内新建站点20个。
2.已建成站点22个。

3.其中2个为改造。

2

开展培训

累计培训1.2万人次。
"""


def test_pasted_table():
    rows = parse(PASTED)
    assert [(r.item_no, r.task, r.line_start) for r in rows] == [("1", "建设站点", 10), ("2", "开展培训", 19)]
    assert rows[0].progress_text.startswith("1.年内新建站点20个。") and rows[0].progress_text.endswith("3.其中2个为改造。")
    assert rows[0].as_of == "2020-12"  # published Feb 2021, the report speaks of December 2020
    assert rows[0].doc_title == "市局年度重点工作完成情况"


def test_pasted_rows_start_only_at_the_next_number():
    text = PASTED.replace("3.其中2个为改造。", "2\n其中2个为改造。") + "\n3\n\n第三项\n\n已完成。\n"
    rows = parse(text)
    assert [r.item_no for r in rows] == ["1", "2", "3"]


OUTLINE = """某局2023年工作总结
一、主要工作
(一)项目建设。一是新建站点。全年计划新建站点20个,已建成22个。二是改造站点。完成改造8个。
(二)人员培训
1.培训管理人员300人次。
2.培训技术人员
(1)开展线上培训。
(2)开展线下培训。
二、2024年工作思路
力争新建站点30个以上。
"""


def test_outline_items_paths_and_sections():
    rows = parse(OUTLINE)
    paths = [r.item_no for r in rows]
    assert paths == ["一.(一).一是", "一.(一).二是", "一.(二).1", "一.(二).2.(1)", "一.(二).2.(2)", "二"]
    first = rows[0]
    assert first.section == "一、主要工作 > (一)项目建设。"
    assert rows[3].section == "一、主要工作 > (二)人员培训 > 2.培训技术人员"
    assert (first.target_value, first.actual_value, first.task) == (20, 22, "新建站点")
    assert rows[-1].target_value == 30 and rows[-1].target_qualifier == ">=" and rows[-1].actual_value is None


def test_numbering_restart_starts_a_new_part():
    text = "一、甲\n完成站点5个。\n二、乙\n完成培训3次。\n明年我们将继续推进。\n一、丙\n力争新建站点6个。\n"
    rows = parse(text)
    # the second part's introduction in words (明年我们将继续推进。) states no figure: no item
    assert [(r.table, r.item_no) for r in rows] == [(1, "一"), (1, "二"), (2, "一")]
    assert rows[2].target_value == 6


@pytest.mark.parametrize("text,kind,number", [
    ("一、基本情况", "cn", 1), ("(三)推进", "cn_paren", 3), ("\uff08十二\uff09安全", "cn_paren", 12),
    ("1.数字", "num", 1), ("2、林地", "num", 2), ("1.2021年全乡", "num", 1), ("(4)公示", "num_paren", 4),
    ("③乡村", "circled", 3), ("二是持续推进", "shi", 2),
])
def test_markers(text, kind, number):
    m = match_marker(text)
    assert (m.kind, m.number) == (kind, number)


@pytest.mark.parametrize("text", ["2021年全市", "1.2万家", "5G+工业", "三季度", "12月工作进展", "十四五规划"])
def test_not_markers(text):
    assert match_marker(text) is None


@pytest.mark.parametrize("text,message", [
    ("", "empty"), ("   \n\n", "empty"), ("只有一句话,没有表格也没有编号。", "no table"),
])
def test_unparseable_text(text, message):
    with pytest.raises(InputError, match=message):
        parse(text)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.lists(st.text(alphabet="站点建成改造培训已完成万个家项", min_size=1, max_size=8),
                         min_size=3, max_size=3), min_size=1, max_size=8))
def test_any_pipe_table_round_trips_its_cells(rows):
    lines = [HEADER.rsplit(" | ", 1)[0]] + [f"{i} | {a} | {b}" for i, (a, b, _) in enumerate(rows, 1)]
    records = parse("\n".join(lines))
    assert [(r.item_no, r.task, r.progress_text) for r in records] == \
        [(str(i), a, b) for i, (a, b, _) in enumerate(rows, 1)]


# ------------------------------------------------------------------ seeds

@needs_shared
def test_seed_003_is_five_reports():
    rows = reportkit.parse_file(SEEDS / "003_e3554324031b6b29.txt")
    assert sorted({r.table for r in rows}) == [1, 2, 3, 4, 5]


@needs_shared
def test_seed_002_sections_and_enumerations():
    rows = reportkit.parse_file(SEEDS / "002_96b7066b5c6bbe62.txt")
    sections = sorted({r.item_no.split(".")[0] for r in rows if r.item_no})
    assert sections == ["(一)", "(七)", "(三)", "(二)", "(五)", "(六)", "(四)"]
    assert all(re.fullmatch(r"\([一二三四五六七]\)\.[一二三四]是", r.item_no) for r in rows)
    assert rows[0].doc_title == "舟山市市场监管局2023年工作总结"


@needs_shared
@pytest.mark.parametrize("path", seed_files(), ids=lambda p: p.name[:3])
def test_no_body_line_is_missing(path):
    """Every input line's characters appear in a record, the metadata or the unparsed spans."""
    result = reportkit.parse_bytes(path.read_bytes(), source=path.name, to="keep")
    lines = result.clean.lines
    pool = []
    for r in result.records:
        pool += [r.task or "", r.progress_text or "", r.section or "", r.category or "", r.status_text or "",
                 r.item_no or ""]
        pool += list(r.extra.values())
        if r.percent_reported is not None and r.status_text is None:  # a plain percent cell
            pool.append(f"{r.percent_reported}%")
    pool += [s.text for s in result.document.unparsed]
    pool += [lines[n - 1] for n in result.document.metadata_lines]
    text = re.sub(r"\s|[|\t]", "", "".join(pool))
    chars = set(text)
    for no, line in enumerate(lines, 1):
        body = re.sub(r"\s|[|\t]", "", line)
        if not body:
            continue
        missing = set(body) - chars
        assert not missing, f"line {no}: {sorted(missing)} missing"
        for cell in re.split(r"[|\t\uff5c]", line):
            cell = re.sub(r"\s", "", cell)
            assert _line_text_present(cell, text), f"line {no} text missing: {cell[:30]}"


def _line_text_present(body, text):
    # outline markers are rewritten as paths: compare what follows them
    m = match_marker(body)
    rest = body[m.end:] if m else body
    rest = re.sub(r"^[一二三四五六七八九十]+是", "", rest)
    probe = rest[:4]
    return not probe or probe in text


ALPHABET = st.sampled_from(list("一二三四五六七八九十、.()（）|\t,:;。是年月日万亿家个%12345 \n序号任务进展完成情况目标计划已累计达以上第每《》“”?") + ["(chǎn)", "。ㄒ唬"])


@settings(max_examples=300, deadline=None)
@given(st.lists(ALPHABET, max_size=200).map("".join))
def test_any_text_gives_records_or_a_clear_error(text):
    try:
        records = parse(text)
    except InputError as e:
        assert e.message
        return
    for r in records:
        assert 1 <= r.line_start <= r.line_end <= text.count("\n") + text.count("\r") + 1


WORDS = st.text(alphabet="站点建成改造培训推进工作开展完善", min_size=2, max_size=10)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.lists(WORDS, min_size=0, max_size=4), min_size=1, max_size=6))
def test_any_outline_gives_its_marker_paths(tree):
    """一、 sections with 1. items: leaves come back as paths, in order."""
    from reportkit.markers import cn_numeral

    lines, expected = ["某局工作总结"], []
    for i, items in enumerate(tree, 1):
        lines.append(f"{cn_numeral(i)}、{'第' + cn_numeral(i) + '部分'}")
        if not items:
            lines.append(f"本部分工作{cn_numeral(i)}已经完成。")
            expected.append(cn_numeral(i))
        for j, words in enumerate(items, 1):
            lines.append(f"{j}.{words}。")
            expected.append(f"{cn_numeral(i)}.{j}")
    assert [r.item_no for r in parse("\n".join(lines))] == expected


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(WORDS, st.lists(WORDS, min_size=1, max_size=3)), min_size=1, max_size=12),
       st.booleans())
def test_any_pasted_table_round_trips(rows, blank_lines):
    sep = "\n\n" if blank_lines else "\n"
    parts = ["序号", "项目名称", "工作进展"]
    for i, (task, progress) in enumerate(rows, 1):
        parts += [str(i), task, "\n".join(f"{k}.{p}。" for k, p in enumerate(progress, 1))]
    records = parse(sep.join(parts), layout="pasted")
    assert [(r.item_no, r.task, r.progress_text) for r in records] == \
        [(str(i), t, "\n".join(f"{k}.{p}。" for k, p in enumerate(ps, 1))) for i, (t, ps) in enumerate(rows, 1)]
