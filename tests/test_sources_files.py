"""Workbooks read at the source, and the files reportkit cannot read: one clear
message each, with the input error's exit code, never a traceback."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

import reportkit
from reportkit.cli import cli
from reportkit.errors import EXIT_INPUT, InputError
from reportkit.sources import sniff

openpyxl = pytest.importorskip("openpyxl")


def _workbook(path: Path, hidden_row: bool = False) -> Path:
    """The road report of test_sources_html as a workbook: a merged title row, a
    sentence, a two-level header of merged cells, rates formatted as percents."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "进度"
    ws["A1"] = "青岚市2024年农村公路提升进度（截至9月30日）"
    ws.merge_cells("A1:G1")
    ws["A2"] = "2024年，全市计划提升农村公路路段64个，计划投资9.6亿元。截至9月30日，全市已完成提升路段52个。"
    ws.merge_cells("A2:G2")
    ws["A3"] = "区县"
    ws.merge_cells("A3:A4")
    ws["B3"], ws["E3"] = "提升路段（个）", "投资（万元）"
    ws.merge_cells("B3:D3")
    ws.merge_cells("E3:G3")
    for col, h in zip("BCDEFG", ["目标", "完成", "完成率", "计划", "完成", "完成率"]):
        ws[f"{col}4"] = h
    rows = [("北湖区", 20, 18, 0.9, 30000, 27500, 0.917), ("南溪县", 24, 19, 0.792, 36000, 26000, 0.722),
            ("西坪县", 20, 15, 0.75, 30000, 21000, 0.7), ("合计", 64, 52, 0.813, 96000, 74500, 0.776)]
    for i, row in enumerate(rows, 5):
        for j, v in enumerate(row):
            cell = ws.cell(i, j + 1, v)
            if j in (3, 6):
                cell.number_format = "0.0%"
    if hidden_row:
        ws.insert_rows(6)
        ws.cell(6, 1, "草稿行")
        ws.cell(6, 2, 999)
        ws.row_dimensions[6].hidden = True
    wb.save(path)
    return path


def test_a_workbook_reads_like_its_text_twin(tmp_path):
    from test_sources_html import TEXT_TWIN, twin_rows
    book = reportkit.parse_file(_workbook(tmp_path / "road.xlsx"))
    assert twin_rows(book) == twin_rows(reportkit.parse_text(TEXT_TWIN))
    assert [r.percent_reported for r in book[:3]] == [90, 79.2, 75]       # 0.9 formatted as a percent


def test_hidden_rows_are_skipped(tmp_path):
    records = reportkit.parse_file(_workbook(tmp_path / "road.xlsx", hidden_row=True))
    assert "草稿行" not in [r.task for r in records]
    assert [r.task for r in records][:3] == ["北湖区", "南溪县", "西坪县"]


def _zip(names: list[str]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for n in names:
            z.writestr(n, "<x/>")
    return buf.getvalue()


UNREADABLE = [
    ("report.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600 + "WordDocument".encode("utf-16-le"),
     "libreoffice --headless --convert-to docx"),
    ("other.ole", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "neither a workbook nor a Word document"),
    ("broken.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600 + "Workbook".encode("utf-16-le"),
     "cannot read this Excel workbook"),
    ("broken.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "cannot read this PDF"),
    ("broken.docx", _zip(["word/_rels/document.xml.rels", "word/document.xml"]), "cannot read this Word document"),
    ("broken.xlsx", _zip(["xl/workbook.xml"]), "cannot read this Excel workbook"),
    ("scan.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "a PNG image"),
    ("bundle.zip", _zip(["a.txt"]), "unpack it"),
    ("bundle.rar", b"Rar!\x1a\x07\x00" + b"\x00" * 64, "a RAR archive"),
]


@pytest.mark.parametrize("name, data, hint", UNREADABLE, ids=[u[0] for u in UNREADABLE])
def test_a_file_it_cannot_read_gets_one_clear_message(tmp_path, name, data, hint):
    f = tmp_path / name
    f.write_bytes(data)
    r = CliRunner().invoke(cli, ["parse", str(f)])
    assert r.exit_code == EXIT_INPUT
    assert "Traceback" not in r.output and hint in r.output and name in r.output
    with pytest.raises(InputError):
        reportkit.parse_file(f)


def test_formats_are_told_by_content_not_suffix():
    assert sniff(_zip(["xl/workbook.xml"])) == "xlsx"
    assert sniff("某县工作进展\n".encode()) is None
    assert sniff("序号,项目\n".encode("gb18030")) is None


def test_a_folder_of_text_pages_and_workbooks_gives_one_output_in_input_order(tmp_path):
    from test_sources_html import PAGE, TEXT_TWIN
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "a_text.txt").write_text(TEXT_TWIN, encoding="utf-8")
    (folder / "b_page.html").write_bytes(PAGE.read_bytes())
    _workbook(folder / "c_book.xlsx")
    (folder / "notes.md").write_text("# not a report\n", encoding="utf-8")
    r = CliRunner().invoke(cli, ["parse", str(folder), "-f", "jsonl", "-q"])
    assert r.exit_code == 0, r.output
    import json
    sources = [Path(json.loads(line)["source"]).name for line in r.stdout.splitlines()]
    assert sources == ["a_text.txt"] * 4 + ["b_page.html"] * 4 + ["c_book.xlsx"] * 4


def test_a_workbook_record_says_where_it_stands_in_the_sheet(tmp_path):
    records = reportkit.parse_file(_workbook(tmp_path / "road.xlsx", hidden_row=True))
    assert [r.location for r in records[:3]] == ["进度!A5:G5", "进度!A7:G7", "进度!A8:G8"]   # row 6 is hidden
    assert records[-1].location is None                       # the sentence above the table
    assert reportkit.parse_text("序号 | 项目 | 目标 | 完成\n1 | 修路 | 30公里 | 20公里\n")[0].location is None


def test_a_finding_on_a_workbook_names_the_cells(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "进度"
    for row in [["序号", "项目", "目标", "完成"], [1, "新建公厕", 20, 15], [2, "修路", 30, 30],
                [3, "整治河道", "按计划推进", 4]]:
        ws.append(row)
    wb.save(tmp_path / "book.xlsx")
    r = CliRunner().invoke(cli, ["check", str(tmp_path / "book.xlsx")])
    assert "RK207" in r.output and "(item 3, 进度!A4:D4)" in r.output   # a row without a numeric target
    import json
    sarif = json.loads(CliRunner().invoke(cli, ["check", str(tmp_path / "book.xlsx"), "-f", "sarif"]).stdout)
    where = [loc for res in sarif["runs"][0]["results"] if res["ruleId"] == "RK207" for loc in res["locations"]]
    assert where[0]["logicalLocations"] == [{"fullyQualifiedName": "进度!A4:D4", "kind": "element"}]


@pytest.mark.parametrize("module, extra, name, data", [
    ("bs4", "html", "page.html", b"<!DOCTYPE html><html><body><p>x</p></body></html>"),
    ("openpyxl", "excel", "book.xlsx", _zip(["xl/workbook.xml"])),
    ("xlrd", "excel", "book.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600 + "Workbook".encode("utf-16-le")),
    ("docx", "word", "doc.docx", _zip(["word/document.xml"])),
    ("pdfplumber", "pdf", "file.pdf", b"%PDF-1.7\n"),
])
def test_a_missing_reader_says_which_extra_to_install(tmp_path, monkeypatch, module, extra, name, data):
    import sys
    monkeypatch.setitem(sys.modules, module, None)       # the reader is not installed
    f = tmp_path / name
    f.write_bytes(data)
    r = CliRunner().invoke(cli, ["parse", str(f)])
    assert f"pip install 'reportkit-cn[{extra}]'" in r.output and name in r.output and "Traceback" not in r.output
