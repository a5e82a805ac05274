"""One report in five forms (a text dump, an HTML page, a workbook, a Word
document, a PDF), all built here from the same content: each gives the same
records. Read at the source, a table's structure is never guessed."""
from __future__ import annotations

from pathlib import Path

import pytest

import reportkit

for module in ("bs4", "openpyxl", "docx", "pdfplumber", "reportlab"):
    pytest.importorskip(module)

TITLE = "松川县2024年民生实事前三季度进展"
SENTENCE = "今年全县确定民生实事5项，截至9月底已完成3项。"
HEAD = ["序号", "项目", "单位", "年度目标", "完成", "完成率"]
ROWS = [["1", "新建城乡公厕", "座", "40", "32", "80%"], ["2", "改造农村危房", "户", "260", "260", "100%"],
        ["3", "新增托育托位", "个", "300", "150", "50%"], ["4", "建设口袋公园", "个", "12", "9", "75%"]]
FIELDS = ("item_no", "task", "target_value", "target_unit", "actual_value", "actual_unit", "percent_reported",
          "status")


def text_form(d: Path) -> Path:
    p = d / "report.txt"
    p.write_text("\n".join([TITLE, "", SENTENCE, ""] + [" | ".join(r) for r in [HEAD, *ROWS]]) + "\n", encoding="utf-8")
    return p


def html_form(d: Path) -> Path:
    cells = lambda row, tag: "".join(f"<{tag}>{c}</{tag}>" for c in row)  # noqa: E731
    p = d / "report.html"
    p.write_text(f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{TITLE}</title></head><body>"
                 f"<p>{SENTENCE}</p><table><thead><tr>{cells(HEAD, 'th')}</tr></thead><tbody>"
                 + "".join(f"<tr>{cells(r, 'td')}</tr>" for r in ROWS) + "</tbody></table></body></html>",
                 encoding="utf-8")
    return p


def xlsx_form(d: Path) -> Path:
    import openpyxl
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append([TITLE])
    ws.append([SENTENCE])
    ws.append(HEAD)
    for r in ROWS:
        ws.append([int(r[0]), r[1], r[2], int(r[3]), int(r[4]), int(r[5][:-1]) / 100])
        ws.cell(ws.max_row, 6).number_format = "0%"
    p = d / "report.xlsx"
    wb.save(p)
    return p


def docx_form(d: Path) -> Path:
    import docx
    doc = docx.Document()
    doc.add_paragraph(TITLE)
    doc.add_paragraph(SENTENCE)
    t = doc.add_table(rows=1 + len(ROWS), cols=len(HEAD))
    for i, row in enumerate([HEAD, *ROWS]):
        for j, v in enumerate(row):
            t.cell(i, j).text = v
    p = d / "report.docx"
    doc.save(p)
    return p


def pdf_form(d: Path) -> Path:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    p = d / "report.pdf"
    c = canvas.Canvas(str(p))
    c.setFont("STSong-Light", 11)
    c.drawString(50, 780, TITLE)
    c.drawString(50, 750, SENTENCE)
    y = 720
    for row in [HEAD, *ROWS]:
        for x, v in zip([50, 90, 200, 250, 320, 380], row):
            c.drawString(x, y, v)
        y -= 18
    c.showPage()
    c.save()
    return p


FORMS = [text_form, html_form, xlsx_form, docx_form, pdf_form]


def _records(path: Path) -> list[tuple]:
    return [tuple(getattr(r, f) for f in FIELDS) for r in reportkit.parse_file(path)]


@pytest.mark.parametrize("form", FORMS[1:], ids=lambda f: f.__name__)
def test_each_form_gives_the_records_of_the_text(tmp_path, form):
    expected = _records(text_form(tmp_path))
    assert [r[1] for r in expected] == ["新建城乡公厕", "改造农村危房", "新增托育托位", "建设口袋公园",
                                        "今年全县确定民生实事5项，截至9月底已完成3项"]
    assert _records(form(tmp_path)) == expected
