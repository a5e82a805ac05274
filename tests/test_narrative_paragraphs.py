"""Reports without outline markers: paragraphs, lines, sub-headings, bullets,
areas and inline enumerations become the items (paragraphs.py).

The reports are written for these tests in the layouts real progress
reports use when they number nothing.
"""
from __future__ import annotations

from dataclasses import dataclass

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import reportkit
from reportkit.markers import match_marker
from reportkit.paragraphs import announces_targets, is_subheading
from reportkit.vocab import load_vocab

VOCAB = load_vocab()
TITLE = "某县2024年重点工作进展情况\n\n"


@dataclass(frozen=True)
class Layout:
    body: str
    tasks: tuple            # the task of every item, in order
    sections: tuple = ()    # the section of every item, when checked
    pairs: tuple = ()       # (target, actual) pairs found in the whole report


LAYOUTS = [
    # one line per project
    Layout("城乡供水提质工程。计划新建水厂2座,已建成2座。\n农村公路改造。计划改造120公里,已完成96公里。\n",
           ("城乡供水提质工程", "农村公路改造"), pairs=((2, 2), (120, 96))),
    # sub-heading lines over their paragraphs
    Layout("大气环境\n全年优良天数比例达到88.1%,高于85%的考核任务。\n水环境\n新建污水管网计划40公里,实际完成43公里。\n",
           ("全年优良天数比例达到88.1%,高于85%的考核任务", "新建污水管网计划40公里,实际完成43公里"),
           ("大气环境", "水环境"), ((85, 88.1), (40, 43))),
    # bullets
    Layout("——道路建设。年度计划新建道路18公里,已建成13公里。\n——停车设施。新增停车泊位2000个以上。项目已完成招标。\n",
           ("道路建设", "停车设施"), pairs=((18, 13), (2000, None))),
    # one long paragraph by areas
    Layout("今年以来,各项工作平稳推进。产业发展方面,全年招商任务3亿元,已到位资金2.1亿元,完成全年任务的70%。"
           "民生保障方面,计划改造户厕600户,实际完成640户。\n",
           ("今年以来,各项工作平稳推进", "产业发展方面,全年招商任务3亿元,已到位资金2.1亿元,完成全年任务的70%",
            "民生保障方面,计划改造户厕600户,实际完成640户"),
           (None, "产业发展方面", "民生保障方面"), ((3e8, 2.1e8), (600, 640))),
    # an enumeration after a comma
    Layout("在基础教育上,一是扩充学位。计划新增学位1800个,实际新增1960个。二是改造校舍。计划改造校舍20所,已完成17所。\n",
           ("扩充学位", "改造校舍"), ("在基础教育上", "在基础教育上"), ((1800, 1960), (20, 17))),
    # one marker over the whole report is a sub-heading, not an outline; a plan heading
    Layout("一、总体情况\n全县计划新建学校3所,已建成3所。\n全年计划改造道路40公里,已完成36公里。\n"
           "计划新增学位900个,实际新增960个。\n\n下一步工作打算\n新建学校2所,改造道路20公里。\n",
           ("全县计划新建学校3所,已建成3所", "全年计划改造道路40公里,已完成36公里", "计划新增学位900个,实际新增960个",
            "新建学校2所,改造道路20公里"), ("总体情况", "总体情况", "总体情况", "下一步工作打算"),
           ((3, 3), (40, 36), (900, 960), (2, None), (20, None))),
    # a blank line ends what a sub-heading titles
    Layout("城乡供水\n计划新建水厂2座,已建成2座。\n\n全年计划改造道路40公里,已完成36公里。\n",
           ("计划新建水厂2座,已建成2座", "全年计划改造道路40公里,已完成36公里"), ("城乡供水", None)),
    # a paragraph of targets, then the paragraph reporting on them
    Layout("年初提出的主要目标是:新增就业1.2万人;新建保障房800套;改造老旧小区30个。\n"
           "从执行情况看:新增就业1.31万人;新建保障房760套;改造老旧小区30个。\n",
           ("年初提出的主要目标是",), pairs=((12000, 13100), (800, 760), (30, 30))),
]


@pytest.mark.parametrize("layout", LAYOUTS, ids=lambda x: x.body[:10])
def test_paragraph_layout(layout):
    records = reportkit.parse_text(TITLE + layout.body)
    assert tuple(r.task for r in records) == layout.tasks
    if layout.sections:
        assert tuple(r.section for r in records) == layout.sections
    found = {(m["target_value"], m["actual_value"]) for r in records for m in r.to_dict()["metrics"]}
    assert set(layout.pairs) <= found


def test_a_plan_paragraph_gives_targets_only():
    records = reportkit.parse_text(TITLE + "全年计划新建站点12个,已建成12个。\n下一步,将新建城市书房5座,改造公园3个。\n")
    plan = records[-1].to_dict()["metrics"]
    assert [(m["target_value"], m["actual_value"]) for m in plan] == [(5, None), (3, None)]


@pytest.mark.parametrize("text", ["hello world\nthis is not a report\n", "一些文字\n没有数字也没有表格\n"])
def test_text_that_is_no_report_prose_has_no_items(text):
    with pytest.raises(reportkit.errors.InputError):
        reportkit.parse_text(text)


def _pairs(records) -> set:
    """(target, actual) values of every metric of `records`; None for a side missing."""
    return {(m.target.value if m.target else None, m.actual.value if m.actual else None)
            for r in records for m in r.metrics}


def test_a_paragraph_that_cites_a_plan_is_no_plan():
    text = (TITLE + "根据县政府年度督查工作计划，督查组对12个乡镇开展了专项督查，查阅资料300余份。\n\n"
            "一、指标完成情况\n\n全年计划新建公厕40座，截至10月底已建成36座。\n")
    pairs = _pairs(reportkit.parse_text(text))
    assert (40, 36) in pairs and not any(t in (12, 300) for t, _ in pairs)


def test_a_target_label_in_brackets_announces_no_list():
    assert not announces_targets("新增托位（目标：800个）方面，已新增760个，另有两处在装修。", VOCAB)
    assert announces_targets("年度主要目标：新增托位800个；改造公园6个；新建驿站12个。", VOCAB)


def test_sub_items_report_on_the_targets_their_heading_states():
    text = (TITLE + "一、教育\n（一）新建幼儿园4所，新增学前学位1,200个\n1.园舍建设。4所幼儿园主体均已完工。\n"
            "2.学位供给。新增学前学位1,050个，完成率87.5%。\n")
    pairs = _pairs(reportkit.parse_text(text))
    assert (1200, 1050) in pairs


def test_targets_listed_as_sub_items_meet_the_report_part():
    text = (TITLE + "一、年度目标任务\n全镇今年重点抓好三项任务：\n一是新建公厕12座；\n二是改造村道30公里；\n"
            "三是培训农民800人次。\n二、工作进展情况\n（一）环境整治。已新建公厕10座。\n"
            "（二）交通建设。村道改造完成24公里，完成率80%。\n（三）农民培训。培训农民850人次。\n")
    pairs = _pairs(reportkit.parse_text(text))
    assert {(12, 10), (30, 24), (800, 850)} <= pairs


def test_a_sentence_goes_on_across_a_page_break():
    text = (TITLE + "一、社会事业\n（一）全年计划新建托育点12个，截至目前已建成9个，其余正在装修。计划培训育婴员\n"
            "600人次，已培训51\n\n- 3 -\n\n2人次，完成85.3%。\n")
    result = reportkit.parse_bytes(text.encode("utf-8"))
    assert {(12, 9), (600, 512)} <= _pairs(result.records)  # 51 | - 3 - | 2人次 is 512人次
    assert not result.document.unparsed  # the page number is page furniture, not text left out


def test_a_report_without_a_title_starts_at_once():
    records = reportkit.parse_text("城乡供水工程。计划新建水厂2座,已建成2座。\n农村公路改造。计划改造120公里,已完成96公里。\n")
    assert [(r.doc_title, r.line_start, r.target_value, r.actual_value) for r in records] == \
        [(None, 1, 2, 2), (None, 2, 120, 96)]


def test_numbered_reports_keep_their_outline():
    records = reportkit.parse_text(TITLE + "一、重点项目\n计划新建道路10公里,已建成8公里。\n")
    assert records[0].item_no == "一"


def test_a_list_number_followed_by_a_digit():
    text = TITLE + "1.新建社区食堂12个。已建成9个。\n2.1500户农房改造(2023—2025年)。累计完成1320户,占总计划的88%。\n"
    records = reportkit.parse_text(text)
    assert [r.item_no for r in records] == ["1", "2"]
    assert (records[1].target_value, records[1].actual_value, records[1].percent_reported) == (1500, 1320, 88)


@pytest.mark.parametrize("text,expected", [
    ("大气环境质量", True),
    ("——项目建设", True),
    ("全年新建道路18公里", False),       # a number: a sentence, not a title
    ("存在的问题,主要是", False),
])
def test_subheadings(text, expected):
    assert is_subheading(text, VOCAB) == expected


@pytest.mark.parametrize("text,expected", [
    ("主要预期目标是:增长6%;新增就业5万人;失业率低于4%。", True),
    ("主要目标是:增长6%。", False),                          # one target: no list
    ("从执行情况看:增长6.2%;新增就业5.3万人;失业率3.6%。", False),
    ("年初确定的主要目标为:生产总值增长5%左右,新增就业2000人,收入增长6%。", True),   # a list with commas
    ("会议提出全年主要预期目标:增长6%左右;投资增长8%以上;失业率5%以内。", True),   # a target noun, then a colon
    ("全年工作任务:新建道路12公里;改造小区8个;增加车位300个。", True),
])
def test_target_lists(text, expected):
    assert announces_targets(text, VOCAB) == expected


def test_a_target_list_is_read_with_the_paragraph_that_reports_on_it():
    text = ("某县2024年主要目标完成情况\n\n年初提出全年主要预期目标:生产总值增长6%左右;新增城镇就业2800人;"
            "粮食产量稳定在9万吨以上。\n\n从全年执行情况看:生产总值增长6.3%;新增城镇就业3050人;粮食产量9.4万吨。\n")
    pairs = {(m["target_value"], m["actual_value"]) for r in reportkit.parse_text(text) for m in r.to_dict()["metrics"]}
    assert {(6, 6.3), (2800, 3050), (90000, 94000)} <= pairs


def test_a_part_announcing_targets_is_read_with_the_part_reporting_on_them():
    text = TITLE + ("一、年度目标\n年初确定的主要目标为:生产总值增长5%左右,新增就业2000人,人均可支配收入增长6%。\n"
                    "二、完成情况\n全区生产总值完成210亿元,增长5.3%;新增就业2140人;人均可支配收入3.9万元,增长6.4%。\n")
    pairs = {(m["target_value"], m["actual_value"]) for r in reportkit.parse_text(text) for m in r.to_dict()["metrics"]}
    assert {(5, 5.3), (2000, 2140), (6, 6.4)} <= pairs
    assert not any(a == 39000 for _, a in pairs)   # a per-capita level is no result


def test_a_target_list_is_read_with_the_paragraphs_of_its_block():
    text = TITLE + ("年初确定的主要目标是:税收增长5%;引进项目12个;完成造林1500亩。\n"
                    "经济方面,税收完成2.1亿元,增长5.7%;引进项目14个。\n"
                    "生态方面,完成造林1620亩。\n\n"
                    "下一步,力争新建公园3个。\n")
    records = reportkit.parse_text(text)
    pairs = {(m["target_value"], m["actual_value"]) for r in records for m in r.to_dict()["metrics"]}
    assert {(5, 5.7), (12, 14), (1500, 1620), (3, None)} <= pairs
    assert len(records) == 2


def test_the_announced_targets_meet_the_sub_items_of_the_next_part_only():
    text = TITLE + ("一、年度目标\n确定的主要目标是:生产总值增长6%;新增就业3000人;粮食产量20万吨以上。\n"
                    "二、完成情况\n(一)经济。生产总值增长6.3%。\n(二)民生。新增就业3150人。\n"
                    "(三)农业。粮食产量20.6万吨,连续三年稳定在20万吨以上。\n"
                    "三、其他工作\n新建公园4个,已建成3个。\n")
    records = reportkit.parse_text(text)
    pairs = {(m["target_value"], m["actual_value"]) for r in records for m in r.to_dict()["metrics"]}
    assert {(6, 6.3), (3000, 3150), (200000, 206000), (4, 3)} <= pairs
    assert [r.item_no for r in records] == ["一", "三"]
    assert (200000, None) not in pairs            # the target said again is no target of its own


_SENTENCES = st.sampled_from([
    "计划新建站点12个,已建成9个。", "社会治理方面,调处纠纷86件。", "大气环境", "——道路建设。已完成8公里。",
    "在教育上,一是扩容。新增学位900个。二是提质。改造校舍6所。", "全年优良天数比例达到88%。", "下一步,将新建书房5座。",
])


@settings(max_examples=60, deadline=None)
@given(st.lists(_SENTENCES, min_size=1, max_size=8))
def test_every_body_line_is_in_an_item(paragraphs):
    text = TITLE + "\n".join(paragraphs + ["全年计划培训600人次,已培训640人次。"]) + "\n"
    result = reportkit.parse_bytes(text.encode("utf-8"))
    covered = set(result.document.metadata_lines)
    for r in result.records:
        covered |= set(range(r.line_start, r.line_end + 1))
    for span in result.document.unparsed:
        covered |= set(range(span.line_start, span.line_end + 1))
    lines = text.split("\n")
    assert all(no in covered for no, line in enumerate(lines, 1) if line.strip() and not match_marker(line))
