"""Grid reconstruction: cell kinds, cells -> columns, header merging."""
from __future__ import annotations

from typing import NamedTuple

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reportkit.grid import align_cells, bare_actual_unit, cell_kind, unit_of
from reportkit.headers import Column, assign_roles, header_score, merge_fragments, merge_header_lines
from reportkit.finders.cells import join_spaced_letters
from reportkit.vocab import load_vocab

V = load_vocab()


class Case(NamedTuple):
    cells: tuple[str, ...]
    expected: tuple[str, ...]
    roles: tuple[str | None, ...] = ("item_no", "task", "target", "actual", "percent", "remark")


ALIGN_CASES = [
    # """Rows of web tables whose empty cells vanished in the dump, so the cells after them
    # shifted left; each cell must land in the column whose role fits what it holds."""
    Case(("1", "新建站点", "20个", "22个", "110%", "超额完成"),
         ("1", "新建站点", "20个", "22个", "110%", "超额完成")),
    Case(("2", "路灯改造", "1套", "60%", "灯杆采购已完成，正在安装"),
         ("2", "路灯改造", "1套", "", "60%", "灯杆采购已完成，正在安装")),
    Case(("3", "道路硬化", "30公里", "100%", "全面完成"),
         ("3", "道路硬化", "30公里", "", "100%", "全面完成")),
    Case(("4", "充电桩", "400个", "150个", "设备调试中"),
         ("4", "充电桩", "400个", "150个", "", "设备调试中")),
    Case(("5", "社区食堂", "12", "未开工"),
         ("5", "社区食堂", "12", "", "", "未开工")),
    Case(("6", "失业率（%）", "5.5以内", "5.1", "达到目标"),
         ("6", "失业率（%）", "5.5以内", "5.1", "", "达到目标")),
    # a merged group name and office: present on the first row of a group, absent below
    Case(("1", "托育养老", "新增托位(个)", "县卫健局", "400", "430", "107.5", "超额完成"),
         ("1", "托育养老", "新增托位(个)", "县卫健局", "400", "430", "107.5", "超额完成"),
         ("item_no", "category", "task", "office", "target", "actual", "percent", "remark")),
    Case(("2", "社区助餐点(个)", "25", "20", "80", "达到序时进度"),
         ("2", "", "社区助餐点(个)", "", "25", "20", "80", "达到序时进度"),
         ("item_no", "category", "task", "office", "target", "actual", "percent", "remark")),
    Case(("9", "大病救助(人次)", "市医保局", "3000", "2760", "92"),
         ("9", "", "大病救助(人次)", "市医保局", "3000", "2760", "92", ""),
         ("item_no", "category", "task", "office", "target", "actual", "percent", "remark")),
    # a task that ends like an office name (…服务中心) still names the row
    Case(("3", "新建村级综合服务中心", "15", "11", "73%"),
         ("3", "", "新建村级综合服务中心", "", "15", "11", "73%", ""),
         ("item_no", "category", "task", "office", "target", "actual", "percent", "remark")),
    # a row one cell wider than the header: the remark was split in two
    Case(("8", "停车泊位", "1200", "个", "1380", "115", "超额完成", "其中智慧泊位300个"),
         ("8", "停车泊位", "1200", "个", "1380", "115", "超额完成 | 其中智慧泊位300个"),
         ("item_no", "task", "target", "unit", "actual", "percent", "remark")),
    # a unit column with its cell missing; the unit is in the task name
    Case(("6", "城镇调查失业率（%）", "5.5以内", "5.1", "达到目标"),
         ("6", "城镇调查失业率（%）", "", "5.5以内", "5.1", "", "达到目标"),
         ("item_no", "task", "unit", "target", "actual", "percent", "remark")),
]


@pytest.mark.parametrize("case", ALIGN_CASES, ids=lambda c: "|".join(c.cells)[:30])
def test_cells_land_in_the_column_their_kind_fits(case):
    assert tuple(align_cells(list(case.cells), list(case.roles), V)) == case.expected


KIND_CASES = [
    # """Cells of the tables above, one of each kind."""
    ("7*", "item_no"), ("3\u2605", "item_no"), ("5\u25b2", "item_no"), ("12", "item_no"), ("110.4", "number"), ("5.5以内", "number"), ("7.5左右", "number"),
    ("45%", "percent"), ("80%（进度滞后）", "percent"), ("50%（未开工", "percent"), ("600个", "quantity"),
    ("1.2万人次", "quantity"), ("个", "unit"), ("万平方米", "unit"), ("毫克/立方米", "unit"), ("元/人·月", "unit"), ("%", "unit"),
    ("进度偏慢", "status"), ("受汛期影响进度偏慢", "status"), ("已完成", "status"), ("-", "dash"), ("—", "dash"),
    ("市人社局", "office"), ("县公安局、县城管局", "office"), ("2024年12月底", "date"),
    ("新建5G基站", "text"), ("完成农村危房改造300户", "text"), ("完成危房改造", "text"), ("东区站点滞后", "status"), ("城镇新增就业(人)", "text"), ("", "empty"),
]


@pytest.mark.parametrize("text,kind", KIND_CASES)
def test_cell_kinds(text, kind):
    assert cell_kind(text, V) == kind


@pytest.mark.parametrize("text,unit", [("万人", "万人"), ("个", "个"), ("亿元", "亿元"), ("盏", "盏"),
                                       ("目标", None), ("12个", None), ("", None)])
def test_unit_of(text, unit):
    assert unit_of(text, V) == unit


FRAGMENT_CASES = [
    # """Header cells of pasted tables split over two lines (one cell per line)."""
    (["序号", "工程", "类别", "项目名称", "牵头", "部门", "年度", "目标", "1-11月", "完成", "完成比例", "(%)", "备注"],
     ["序号", "工程类别", "项目名称", "牵头部门", "年度目标", "1-11月完成", "完成比例(%)", "备注"]),
    (["序号", "建设内容", "单位", "年度目标", "完成数", "目前进度", "备注"],
     ["序号", "建设内容", "单位", "年度目标", "完成数", "目前进度", "备注"]),
    # 项目 and 类别 are header words of their own, but 项目 | 项目名称 would name the task twice
    (["编号", "项目", "类别", "项目名称", "计划", "实际完成", "责任", "科室"],
     ["编号", "项目类别", "项目名称", "计划", "实际完成", "责任科室"]),
]


@pytest.mark.parametrize("fragments,cells", FRAGMENT_CASES)
def test_split_header_cells_are_joined(fragments, cells):
    assert merge_fragments(fragments, V) == cells


def test_header_score_orders_whole_words_over_fragments():
    assert header_score("年度目标", V) > header_score("年度", V)
    assert header_score("(%)", V) < header_score("部门", V) <= header_score("牵头部门", V)


def _roles(cols):
    return [(c.group_name, c.name, c.role, c.group, c.unit) for c in cols]


def test_wrapped_header_line_completes_the_cells_above():
    """A header whose second line lost its empty cells (pipe dumps)."""
    cols = merge_header_lines([["序号", "项目", "年度目标", "1-9月", "完成", "备注", "佐证"],
                               ["名称", "任务", "完成情况", "比例", "材料"]], 6, V)
    assert [c.name for c in cols] == ["序号", "项目名称", "年度目标任务", "1-9月完成情况", "完成比例", "备注", "佐证材料"]


def test_stacked_two_level_header():
    """Tab tables: a group cell followed by empty cells over its sub-columns."""
    cols = merge_header_lines([["序号", "指标名称", "年度目标任务", "", "1-10月完成情况", "", "责任单位"],
                               ["", "", "计划", "单位", "完成量", "完成率", ""]], 7, V)
    cols = assign_roles(cols, V, lambda t: unit_of(t, V))
    assert [c.role for c in cols] == ["item_no", "task", "target", "unit", "actual", "percent", "office"]
    assert cols[3].group_name == "年度目标任务" and cols[5].group_name == "1-10月完成情况"


def test_group_header_over_two_metric_groups():
    """Space-aligned tables: a group line with fewer cells than the data rows."""
    cols = merge_header_lines([["区县", "改造小区", "投资（万元）"],
                               ["目标", "完成", "完成率", "计划", "完成", "完成率"]], 7, V)
    cols = assign_roles(cols, V, lambda t: unit_of(t, V))
    assert _roles(cols)[1:] == [("改造小区", "目标", "target", 0, None), ("改造小区", "完成", "actual", 0, None),
                                ("改造小区", "完成率", "percent", 0, None),
                                ("投资（万元）", "计划", "target", 1, "万元"), ("投资（万元）", "完成", "actual", 1, "万元"),
                                ("投资（万元）", "完成率", "percent", 1, None)]


def test_header_units_in_brackets_and_after_a_rate():
    cols = assign_roles([Column("计划投资(万元)"), Column("完成率%")], V, lambda t: unit_of(t, V))
    assert [(c.role, c.unit) for c in cols] == [("target", "万元"), ("percent", "%")]


_CELL = st.sampled_from(["1", "新建站点", "20个", "22个", "110%", "超额完成", "", "县城管局", "-", "45"])


@settings(max_examples=150, deadline=None)
@given(st.lists(_CELL, min_size=0, max_size=9))
def test_alignment_keeps_every_cell_in_order(cells):
    """No cell is dropped or reordered, whatever the cells and however many."""
    roles = ["item_no", "task", "target", "actual", "percent", "remark"]
    out = align_cells(cells, roles, V)
    assert len(out) == len(roles)
    assert "".join(cell.replace(" | ", "") for cell in out) == "".join(cells)


class UnitCase(NamedTuple):
    target: str
    actual: str
    percent: str | None
    unit: str | None


BARE_ACTUAL_CASES = [
    # """Rows whose target cell writes the unit and whose actual cell is a bare number
    # (invented rows); the stated percent, else the size of the share, decides the scale."""
    UnitCase("800个", "0", "0", "个"),
    UnitCase("2.5万人次", "21300", "85.2", "人次"),
    UnitCase("2.5万人次", "2.13", "85.2", "万人次"),
    UnitCase("2.5万人次", "1.9", None, "万人次"),
    UnitCase("2.5万人次", "19000", None, "人次"),
    UnitCase("完成两项改革", "1", None, "项"),
    UnitCase("提升服务质量", "1", None, None),
    UnitCase("6个和3所", "2", None, None),
]


@pytest.mark.parametrize("case", BARE_ACTUAL_CASES, ids=lambda c: f"{c.target}-{c.actual}")
def test_bare_actual_takes_the_target_unit_at_the_right_scale(case):
    assert bare_actual_unit(case.target, case.actual, case.percent, V) == case.unit


@pytest.mark.parametrize("fragments, words", [
    (["乡", "镇", "年度任务", "备", "注"], ["乡镇", "年度任务", "备注"]),
    (["合", "计", "3200", "户"], ["合计", "3200", "户"]),
    (["1", "新建", "座", "20"], ["1", "新建", "座", "20"]),
])
def test_letter_spaced_words_are_one_cell(fragments, words):
    assert join_spaced_letters(fragments) == words


@pytest.mark.parametrize("names, roles", [
    (["地区", "年度计划", "已开工", "已建成", "建成率"], [None, "target", None, "actual", "percent"]),
    (["地区", "年度计划", "建成数", "建成率"], [None, "target", "actual", "percent"]),
    (["地区", "年度计划", "已开工", "建成率"], [None, "target", None, None]),
])
def test_rate_header_names_the_count_it_measures(names, roles):
    cols = assign_roles([Column(n) for n in names], V, lambda t: unit_of(t, V))
    assert [c.role for c in cols][1:] == roles[1:]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet="\u4e61\u9547\u5907\u6ce8\u5408\u8ba1ab12%", min_size=1, max_size=4), max_size=12))
def test_joining_letter_spaced_words_keeps_every_character_in_order(fragments):
    joined = join_spaced_letters(fragments)
    assert "".join(joined) == "".join(fragments)
    assert len(joined) <= len(fragments)


@pytest.mark.parametrize("header,role", [
    ("完成年度目标(%)", "percent"),     # the share of the year's target done, not the target
    ("完成全年任务%", "percent"),
    ("年度目标", "target"),
])
def test_a_share_of_the_target_is_the_percent_column(header, role):
    from reportkit.headers import header_role
    from reportkit.vocab import load_vocab

    assert header_role(header, load_vocab())[0] == role
