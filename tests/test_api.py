"""The Python API: parse_text, parse_file, read_report, parse_bytes."""
from __future__ import annotations

import doctest

import pytest

import reportkit
from conftest import SAMPLES


def test_parse_file_and_text_agree():
    path = SAMPLES / "tab_table_hans.txt"
    from_file = reportkit.parse_file(path)
    from_text = reportkit.parse_text(path.read_text(encoding="utf-8"), source=path.name)
    assert [r.to_dict() for r in from_file] == [r.to_dict() for r in from_text]
    assert from_file[0].source == "tab_table_hans.txt"


def test_read_report_is_a_dataframe():
    df = reportkit.read_report(SAMPLES / "pipe_table_hant.txt")
    assert list(df.columns) == list(reportkit.RECORD_FIELDS)
    assert len(df) == 10 and df["target_value"].iloc[0] == 12


def test_parse_bytes_tells_encoding_script_and_fixes():
    data = (SAMPLES / "pipe_table_hant.txt").read_text(encoding="utf-8").encode("gb18030")
    result = reportkit.parse_bytes(data, source="x.txt", to="keep")
    assert (result.encoding, result.script, result.document.layout) == ("gb18030", "traditional", "table")
    assert any(f.kind == "pinyin" for f in result.clean.fixes)
    assert result.records[0].category == "民生實事"


def test_errors_are_exceptions_with_a_location(tmp_path):
    with pytest.raises(reportkit.UsageError, match="no such file"):
        reportkit.parse_file(tmp_path / "missing.txt")
    with pytest.raises(reportkit.InputError) as e:
        reportkit.parse_text("", source="empty.txt")
    assert e.value.format().startswith("empty.txt: ")


def test_package_docstring_example_runs():
    assert doctest.testmod(reportkit).failed == 0
