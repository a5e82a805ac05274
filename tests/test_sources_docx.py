"""Word documents read at the source: tables with merged cells, paragraphs with
the numbers Word's list numbering draws. The documents are built here."""
from __future__ import annotations

from pathlib import Path

import pytest

docx = pytest.importorskip("docx")

from docx.oxml import parse_xml  # noqa: E402

import reportkit  # noqa: E402
from reportkit.sources.docx import render_docx  # noqa: E402

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _road_report(path: Path) -> Path:
    """The road report of test_sources_html as a Word document: a two-level
    header whose group cells span columns and whose first cell spans two rows."""
    d = docx.Document()
    d.add_paragraph("青岚市2024年农村公路提升进度（截至9月30日）")
    d.add_paragraph("2024年，全市计划提升农村公路路段64个，计划投资9.6亿元。截至9月30日，全市已完成提升路段52个。")
    rows = [("北湖区", "20", "18", "90%", "30000", "27500", "91.7%"), ("南溪县", "24", "19", "79.2%", "36000", "26000", "72.2%"),
            ("西坪县", "20", "15", "75%", "30000", "21000", "70%"), ("合计", "64", "52", "81.3%", "96000", "74500", "77.6%")]
    t = d.add_table(rows=2 + len(rows), cols=7)
    for j, h in enumerate(["", "目标", "完成", "完成率", "计划", "完成", "完成率"]):
        t.cell(1, j).text = h
    for i, row in enumerate(rows, 2):
        for j, v in enumerate(row):
            t.cell(i, j).text = v
    t.cell(0, 1).merge(t.cell(0, 3)).text = "提升路段（个）"
    t.cell(0, 4).merge(t.cell(0, 6)).text = "投资（万元）"
    t.cell(0, 0).merge(t.cell(1, 0)).text = "区县"
    d.add_paragraph("注：数据来源于各区县月报。")
    d.save(path)
    return path


def test_a_word_document_reads_like_its_text_twin(tmp_path):
    from test_sources_html import TEXT_TWIN, twin_rows
    assert twin_rows(reportkit.parse_file(_road_report(tmp_path / "road.docx"))) == \
        twin_rows(reportkit.parse_text(TEXT_TWIN))


def test_numbers_drawn_by_a_list_style_are_read(tmp_path):
    d = docx.Document()
    d.add_paragraph("某县2024年民生实事上半年进展")
    for text in ("新建城市公园3个，已建成2个。", "改造供水管网38公里，已完成30公里，完成年度任务的78.9%。"):
        d.add_paragraph(text, style="List Number")
    d.save(tmp_path / "list.docx")
    records = reportkit.parse_file(tmp_path / "list.docx")
    assert [(r.item_no, r.target_value, r.actual_value) for r in records] == [("1", 3, 2), ("2", 38, 30)]


def test_chinese_outline_numbers_come_from_the_numbering_definitions(tmp_path):
    d = docx.Document()
    numbering = d.part.numbering_part.element
    numbering.append(parse_xml(
        f'<w:abstractNum {W} w:abstractNumId="90">'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>'
        '</w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {W} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))

    def numbered(text: str, level: int) -> None:
        p = d.add_paragraph(text)
        p._p.get_or_add_pPr().append(parse_xml(
            f'<w:numPr {W}><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>'))

    d.add_paragraph("某区2024年重点工作进展")
    numbered("民生保障", 0)
    numbered("新建社区食堂10个，已建成8个。", 1)
    numbered("城市建设", 0)
    numbered("改造老旧小区20个，已完工20个。", 1)
    d.save(tmp_path / "outline.docx")
    lines = render_docx((tmp_path / "outline.docx").read_bytes()).lines
    assert lines[1:] == ["一、民生保障", "（一）新建社区食堂10个，已建成8个。", "二、城市建设", "（一）改造老旧小区20个，已完工20个。"]
    records = reportkit.parse_file(tmp_path / "outline.docx")
    assert [(r.item_no, r.target_value, r.actual_value) for r in records] == [("一.(一)", 10, 8), ("二.(一)", 20, 20)]
