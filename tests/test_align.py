"""Targets, actuals, percents and status for table rows and narrative items."""
from __future__ import annotations

from dataclasses import dataclass

import pytest

import reportkit
from reportkit.align import read_percent_cell
from reportkit.clauses import unit_tier
from reportkit.vocab import load_vocab

HEADER = "序号 | 工作内容及目标 | 进展情况 | 完成进度\n"


@dataclass(frozen=True)
class Row:
    task: str
    progress: str
    percent: str
    target: tuple      # (value, unit, qualifier)
    actual: tuple      # (value, unit)
    reported: float | None = None
    status: str | None = None


ROWS = [
    # seed 000, the rows the gold explains
    Row("动态培育放心消费单位3300家以上", "已申报放心消费单位3493家,其中:无理由退货单位1099家、放心工厂780家、放心消费乡村2个",
        "90%", (3300, "家", ">="), (3493, "家"), 90, "in_progress"),
    Row("跨部门联合双随机监管率", "双随机检查占比71.22%,掌上执法率99.99%,跨部门联合监管率41.72%", "暂时无法预测",
        (None, None, None), (41.72, "%"), None, "unknown"),
    Row("新增农村阳光食品作坊4家", "对标《山区26县和农村地区阳光食品作坊建设标准》完成创建", "100%",
        (4, "家", None), (None, None), 100, "complete"),
    Row("建成养老机构“阳光厨房”9家", "已经建成“阳光厨房”10家(超额完成1家),省局于10月17日开展验收检查。", "100%",
        (9, "家", None), (10, "家"), 100, "complete"),
    Row("创建省三星级市场1家", "已通过区、市、省级验收,形象进度100%。", "100%", (1, "家", None), (None, None), 100, "complete"),
    Row("基本药品抽检合格率低于99.5%,每降低一个百分点扣0.05分", "已完成40批次市级基本药品抽检,合格率100%。", "100%",
        (99.5, "%", ">="), (100, "%"), 100, "complete"),
    Row("油品抽检", "全年计划抽检42批次,3月开始每月按计划开展抽检,已累计抽检36批次。", "86%",
        (42, "批次", None), (36, "批次"), 86, "in_progress"),
    Row("完成非高价值发明专利质押200件,专利质押金额24亿元;商标质押金额5亿元",
        "质押登记专利144件,金额14.362亿元,质押登记商标3件,金额3.2亿元。", "70%",
        (200, "件", None), (144, "件"), 70, "in_progress"),
    Row("开展星级镇街食安办建设,建成四星级食安办6个", "省食药安办已完成6家申请四星级食安办的验收工作。", "100%",
        (6, "个", None), (6, "家"), 100, "complete"),
    Row("2023年底电梯物联智控接入数达2000台", "已完成1326台。预计11月中旬完成。", "75%",
        (2000, "台", None), (1326, "台"), 75, "in_progress"),
    Row("规上企业每百亿元销售收入有效发明专利数突破170个", "规上企业有效发明专利2989件", "正常",
        (170, "个", ">"), (2989, "件"), None, "on_track"),
    Row("包保干部督导完成率", "包保对象13921家,目前全区第四季度包保督导完成率59.34%,承诺书签订完成率100%",
        "以季度为段落,目前完成率59.34%", (None, None, None), (59.34, "%"), 59.34, "in_progress"),
    # status words
    Row("推进试点", "方案已印发", "滞后", (None, None, None), (None, None), None, "behind"),
    Row("推进试点", "方案已印发", "0%", (None, None, None), (None, None), 0, "not_started"),
    Row("推进试点", "方案已印发", "序时推进", (None, None, None), (None, None), None, "on_track"),
]


@pytest.mark.parametrize("row", ROWS, ids=lambda r: r.task[:10])
def test_table_row(row):
    (r,) = reportkit.parse_text(HEADER + f"1 | {row.task} | {row.progress} | {row.percent}")
    assert (r.target_value, r.target_unit, r.target_qualifier) == row.target
    assert (r.actual_value, r.actual_unit) == row.actual
    assert (r.percent_reported, r.status) == (row.reported, row.status)


def test_several_targets_become_metrics():
    (r,) = reportkit.parse_text(HEADER + "1 | 完成非高价值发明专利质押200件,专利质押金额24亿元;商标质押金额5亿元 | "
                                "质押登记专利144件,金额14.362亿元,质押登记商标3件,金额3.2亿元。 | 70%")
    pairs = [(m["target_value"], m["actual_value"]) for m in r.to_dict()["metrics"]]
    assert pairs == [(200, 144), (2400000000, 1436200000), (500000000, 320000000)]
    assert r.to_dict()["metrics"][0]["percent_computed"] == 72.0


def test_flags_from_checks():
    (r,) = reportkit.parse_text(HEADER + "1 | 培育放心消费单位3300家以上 | 已申报放心消费单位3493家 | 90%")
    assert r.flags == ["percent_mismatch", "exceeds_target_but_incomplete"]
    (r,) = reportkit.parse_text(HEADER + "1 | 建设任务5800亩 | 完成面积6387.3万亩 | 110.13%")
    assert "magnitude_suspect" in r.flags and "percent_mismatch" not in r.flags
    (r,) = reportkit.parse_text(HEADER + "1 | 新建站点6个 | 已建成6家 | 100%")
    assert r.flags == ["unit_mismatch"]
    (r,) = reportkit.parse_text(HEADER + "1 | 新建站点6个 | 已建成6个 | 250%")
    assert "percent_out_of_range" in r.flags


@pytest.mark.parametrize("text,target,actual,reported", [
    ("园区新开工新建项目133个(目标值120),新投产新建项目120个(目标值110)。", (120, "个"), (133, "个"), None),
    ("省下达我区年度营造林计划任务51000亩(人工造林7000亩、封山育林19000亩),我区全年共完成营造林面积53321.9亩,任务完成率达104.6%。",
     (51000, "亩"), (53321.9, "亩"), 104.6),
    ("2021年计划完成3条改造,实际完成了4条客运班线改造。", (3, "条"), (4, "条"), None),
    ("2021年全乡招商引资总任务9000万元,半年完成1600万元。", (90000000, "元"), (16000000, "元"), None),
    ("力争培育10个以上“绿色直播间”开展创新网络直播综合治理工作,共新增电商主体8272个。", (10, "个"), (None, None), None),
    ("全年计划新建站点20个,已建成22个。", (20, "个"), (22, "个"), None),
])
def test_narrative_pairs(text, target, actual, reported):
    (r,) = reportkit.parse_text("一、工作情况\n" + text)
    assert (r.target_value, r.target_unit) == target
    assert (r.actual_value, r.actual_unit) == actual
    assert r.percent_reported == reported


def test_scores_are_metrics():
    (r,) = reportkit.parse_text("一、方案制定情况,自评分为满分30分。\n已制定实施方案。")
    assert {"name": r.to_dict()["metrics"][0]["name"], "score": 30, "score_max": 30} == r.to_dict()["metrics"][0]


def test_plan_sections_give_targets_without_actuals():
    rows = reportkit.parse_text("一、2024年工作思路\n计划新增标准5项以上,完成改造3家。")
    assert [(m["target_value"], m["target_unit"], m["target_qualifier"], m["actual_value"]) for m in rows[0].to_dict()["metrics"]] \
        == [(5, "项", ">=", None), (3, "家", None, None)]


def test_percent_cell_reading():
    v = load_vocab()
    assert read_percent_cell("90%", v) == (90.0, None, None)  # the percent decides later (status.py)
    assert read_percent_cell("80%(进度滞后)", v) == (80.0, "behind", "80%(进度滞后)")
    assert read_percent_cell("数据每年公布一次,目前无法预测", v) == (None, "unknown", "数据每年公布一次,目前无法预测")


def test_unit_tiers():
    v = load_vocab()
    assert unit_tier("家", "家", v) == 3
    assert unit_tier("件", "项", v) == 2
    assert unit_tier("个", "家", v) == 1
    assert unit_tier("家", "县", v) == 0 and unit_tier("家", "%", v) == 0


def test_as_of_from_cell_and_header():
    rows = reportkit.parse_text("2023年重点工作\n序号 | 工作任务 | 进展情况(截至10月底)\n1 | 新建5个 | 截至10月26日,已建成4个\n2 | 新建5个 | 已建成4个")
    assert [r.as_of for r in rows] == ["2023-10-26", "2023-10-31"]
