"""PDF files with a text layer, generated here with a built-in CJK font:
words in columns, ruled tables (one over two pages under a repeated header),
running heads and page numbers, and a PDF without text."""
from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("pdfplumber")
pytest.importorskip("reportlab")

from reportlab.pdfbase import pdfmetrics  # noqa: E402
from reportlab.pdfbase.cidfonts import UnicodeCIDFont  # noqa: E402
from reportlab.pdfgen import canvas  # noqa: E402

import reportkit  # noqa: E402
from reportkit.errors import InputError  # noqa: E402
from reportkit.pipeline import parse_bytes  # noqa: E402

pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
HEAD = ("区县", "目标（个）", "完成（个）", "完成率", "计划投资（万元）", "完成投资（万元）", "完成率")
ROWS = [("北湖区", "20", "18", "90%", "30000", "27500", "91.7%"), ("南溪县", "24", "19", "79.2%", "36000", "26000", "72.2%"),
        ("西坪县", "20", "15", "75%", "30000", "21000", "70%")]
XS = [50, 110, 170, 230, 290, 390, 490]
TEXT_TWIN = ("青岚市2024年农村公路提升进度（截至9月30日）\n\n发布日期：2024-10-08\n\n"
             + "\n".join("  ".join(r) for r in [HEAD, *ROWS]) + "\n")


def _pdf(path: Path, pages: list[list[tuple[float, float, str]]], rules: list[list[tuple]] | None = None) -> Path:
    c = canvas.Canvas(str(path))
    for k, page in enumerate(pages):
        c.setFont("STSong-Light", 11)
        for x, y, text in page:
            c.drawString(x, y, text)
        for x0, y0, x1, y1 in (rules or [[]] * len(pages))[k]:
            c.line(x0, y0, x1, y1)
        c.showPage()
    c.save()
    return path


def _words_in_columns() -> list[tuple[float, float, str]]:
    items = [(50, 780, "青岚市2024年农村公路提升进度（截至9月30日）"), (50, 760, "发布日期：2024-10-08")]
    y = 730
    for row in [HEAD, *ROWS]:
        items += [(x, y, v) for x, v in zip(XS, row)]
        y -= 18
    return items


def test_words_in_columns_read_like_the_text_twin(tmp_path):
    pdf = reportkit.parse_file(_pdf(tmp_path / "road.pdf", [_words_in_columns()]))
    text = reportkit.parse_text(TEXT_TWIN)
    fields = ("task", "target_value", "target_unit", "actual_value", "percent_reported", "doc_title")
    assert [tuple(getattr(r, f) for f in fields) for r in pdf] == [tuple(getattr(r, f) for f in fields) for r in text]
    assert [m.target.value for m in pdf[0].metrics] == [20, 300_000_000]


def _ruled(rows: list[tuple], top: float) -> tuple[list[tuple[float, float, str]], list[tuple]]:
    """A table drawn in a grid of lines, its rows from `top` down."""
    xs, height = [40, 100, 200, 260], 20
    words, rules = [], []
    for r, row in enumerate(rows):
        y = top - r * height
        words += [(x + 4, y - 14, v) for x, v in zip(xs, row)]
    bottom = top - len(rows) * height
    rules += [(xs[0], top - r * height, 340, top - r * height) for r in range(len(rows) + 1)]
    rules += [(x, top, x, bottom) for x in xs + [340]]
    return words, rules


def test_a_ruled_table_over_two_pages_is_one_table_and_page_furniture_is_left_out(tmp_path):
    head = ("序号", "项目", "目标", "完成")
    first, rules1 = _ruled([head, ("1", "新建公厕", "20座", "15座"), ("2", "修路", "30公里", "30公里")], 700)
    second, rules2 = _ruled([head, ("3", "新建公园", "3个", "2个")], 760)
    running = [(50, 800, "某县民生实事进展通报"), (280, 40, "- 1 -")]
    path = _pdf(tmp_path / "ruled.pdf", [running + [(50, 760, "某县2024年民生实事进展")] + first,
                                         [(50, 800, "某县民生实事进展通报"), (280, 40, "- 2 -")] + second],
                [rules1, rules2])
    result = parse_bytes(path.read_bytes(), source=path.name)
    assert [(r.item_no, r.target_value, r.actual_value) for r in result.records] == [
        ("1", 20, 15), ("2", 30, 30), ("3", 3, 2)]
    assert any("found by pdf" in line and "continued on page 2" in line for line in result.document.explain)
    everything = "\n".join(result.clean.lines)
    assert "进展通报" not in everything and "- 2 -" not in everything


def test_a_pdf_without_text_gets_a_clear_message(tmp_path):
    c = canvas.Canvas(str(tmp_path / "scan.pdf"))
    c.rect(50, 50, 200, 200, fill=1)
    c.showPage()
    c.save()
    with pytest.raises(InputError, match="without a text layer"):
        reportkit.parse_file(tmp_path / "scan.pdf")


def test_a_pdf_record_says_on_which_page_and_where(tmp_path):
    records = reportkit.parse_file(_pdf(tmp_path / "road.pdf", [_words_in_columns()]))
    assert records[0].location.startswith("page 1 (50,")
    assert all(r.location.startswith("page 1 ") for r in records)
