"""HTML pages read at the source: data tables cell by cell (merged cells
expanded, header rows from <thead> and <th>), the text around them as a text
report's. The page and its text twin are written for the project."""
from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("bs4")

import reportkit  # noqa: E402
from reportkit.sources import SEP  # noqa: E402
from reportkit.sources.html import _grid, looks_like_html, render_html  # noqa: E402

DATA = Path(__file__).parent / "data"
PAGE = DATA / "road_progress_page.html"

# the same report as a text dump: a space-separated table under a two-level header
TEXT_TWIN = """青岚市2024年农村公路提升进度（截至9月30日）

发布日期：2024-10-08　　来源：青岚市交通运输局

2024年，全市计划提升农村公路路段64个，计划投资9.6亿元。截至9月30日，全市已完成提升路段52个。

区县      提升路段（个）                  投资（万元）
          目标    完成    完成率    计划      完成      完成率
北湖区    20      18      90%       30000     27500     91.7%
南溪县    24      19      79.2%     36000     26000     72.2%
西坪县    20      15      75%       30000     21000     70%
合计      64      52      81.3%     96000     74500     77.6%

注：数据来源于各区县月报。
"""

FIELDS = ("item_no", "task", "target_value", "target_unit", "actual_value", "actual_unit", "percent_reported",
          "status", "as_of", "doc_title")


def _rows(records):
    return [tuple(getattr(r, f) for f in FIELDS) + (
        [(m.target.value if m.target else None, m.actual.value if m.actual else None) for m in r.metrics],)
            for r in records]


def twin_rows(records):
    """The fields a structured twin shares with the text report: all of `_rows` but
    the document title (a workbook or a Word document may title it otherwise)."""
    return [row[:-2] + row[-1:] for row in _rows(records)]


def test_a_page_and_its_text_twin_give_the_same_records():
    page = reportkit.parse_file(PAGE)
    text = reportkit.parse_text(TEXT_TWIN)
    assert _rows(page) == _rows(text)
    assert [r.task for r in page] == ["北湖区", "南溪县", "西坪县", "2024年，全市计划提升农村公路路段64个，计划投资9.6亿元"]
    assert page[0].metrics[1].target.value == 300_000_000       # 30000 万元 from the group header


def test_the_page_is_read_by_its_structure():
    from reportkit.pipeline import parse_document

    result = parse_document(PAGE.read_text(encoding="utf-8"), source=PAGE.name)
    assert any("found by html" in line and "2 header rows" in line for line in result.document.explain)
    assert result.document.title == "青岚市2024年农村公路提升进度（截至9月30日）"
    assert result.document.published == "2024-10-08"


def test_merged_cells_fill_every_place_they_span():
    grid, beside = _grid([[("区县", 1, 2), ("路段", 3, 1)], [("目标", 1, 1), ("完成", 1, 1), ("率", 1, 1)]], 2)
    assert grid == [["区县", "路段", "路段", "路段"], ["区县", "目标", "完成", "率"]]
    assert beside == {(0, 2), (0, 3)}           # where 路段 spans columns beside its first
    # a rowspan past the last row is cut there; a row shorter than the rest is padded
    assert _grid([[("a", 1, 9), ("b", 1, 1)], [("c", 1, 1)]], 2) == ([["a", "b"], ["a", "c"]], set())


def test_a_body_cell_over_several_columns_says_its_figure_once():
    page = ("<table><tr><th>项目</th><th>计划</th><th>完成</th><th>完成率</th></tr>"
            "<tr><td>新建站点</td><td>10个</td><td>8个</td><td>80%</td></tr>"
            "<tr><td>预算执行</td><td colspan='3'>100.00</td></tr></table>")
    rendered = render_html(page)
    rows = [line.split("\x1f") for line in rendered.lines if "\x1f" in line]
    assert rows[0] == ["项目", "计划", "完成", "完成率"]         # a header keeps a group over its columns
    assert rows[2] == ["预算执行", "100.00", "", ""]


def test_a_layout_table_is_read_as_blocks_and_its_data_table_as_a_table():
    html = ("<html><body><table><tr><td><p>某县民生实事进度</p>"
            "<table><tr><th>序号</th><th>项目</th><th>目标</th><th>完成</th></tr>"
            "<tr><td>1</td><td>新建公厕<br>（城区）</td><td>20座</td><td>15座</td></tr>"
            "<tr><td>2</td><td>修路</td><td>30公里</td><td>30公里</td></tr></table>"
            "</td></tr></table></body></html>")
    rendered = render_html(html)
    assert rendered.lines[0] == "某县民生实事进度"
    assert len(rendered.tables) == 1 and rendered.tables[0].header_rows == 1
    records = reportkit.parse_text(html)
    assert [(r.task, r.target_value, r.actual_value) for r in records] == [
        ("新建公厕\n（城区）", 20, 15), ("修路", 30, 30)]


def test_html_is_told_from_text_by_its_content():
    assert looks_like_html("<!DOCTYPE html><html>")
    assert looks_like_html("  <table><tr><td>1</td></tr></table>")
    assert not looks_like_html("某县工作进展\n序号 | 项目\n")
    assert not looks_like_html("注：<b>加粗</b>的为重点项目")


def test_no_separator_is_left_in_any_text_field():
    for r in reportkit.parse_file(PAGE):
        assert all(SEP not in (getattr(r, f) or "") for f in ("task", "progress_text", "target_text"))


def test_a_page_record_says_which_table_and_row_it_came_from():
    assert [r.location for r in reportkit.parse_file(PAGE)] == ["table 1, row 3", "table 1, row 4", "table 1, row 5",
                                                                 None]


def test_the_encoding_a_page_declares_is_used(tmp_path):
    page = tmp_path / "gbk.html"
    page.write_bytes(PAGE.read_text(encoding="utf-8").replace('charset="utf-8"', 'charset="gbk"').encode("gbk"))
    records = reportkit.parse_file(page)
    assert [r.task for r in records][:3] == ["北湖区", "南溪县", "西坪县"]
    from reportkit.sources.html import declared_charset
    assert declared_charset(b'<html><head><meta http-equiv="Content-Type" content="text/html; charset=GB2312">') \
        == "gb18030"
    assert declared_charset("序号,项目\n".encode("gbk")) is None
