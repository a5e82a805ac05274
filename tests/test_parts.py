"""A large report given as text is read part by part (`parts.cut_parts`,
`pipeline.parse_parts`): one part's working form is held at a time, and the
records keep their lines and table numbers in the whole text."""
from __future__ import annotations

import json
from pathlib import Path, PurePosixPath

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from reportkit import pipeline
from reportkit.batch import parse_files
from reportkit.clean import split_lines
from reportkit.cli import cli
from reportkit.errors import NoItemsError
from reportkit.files import Input
from reportkit.parts import cut_parts

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def repeated(name: str, times: int) -> tuple[str, str]:
    """A sample, and the sample `times` over with a blank line between the copies."""
    one = (SAMPLES / name).read_text(encoding="utf-8").rstrip("\n")
    return one, "\n\n".join([one] * times) + "\n"


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["ab", "甲乙", "", " ", "\u3000"]), max_size=40),
       st.sampled_from(["\n", "\r\n", "\r", "\u2028"]), st.integers(1, 12))
def test_parts_hold_every_character_once_and_know_their_first_line(words, brk, size):
    text = brk.join(words) + (brk if words else "")
    parts = list(cut_parts(text, size))
    assert "".join(text[p.start:p.end] for p in parts) == text
    assert all(a.end == b.start for a, b in zip(parts, parts[1:]))
    for part in parts:
        before = split_lines(text[:part.start]) if part.start else []
        assert part.first_line == len(before) + 1
        if part is not parts[-1]:
            # a part ends with a blank line, past `size` characters of its own
            assert part.end - part.start > size
            assert text[part.start:part.end].rstrip(" \t\u3000").endswith(brk + brk) or \
                split_lines(text[part.start:part.end])[-1].strip() == ""


@pytest.fixture
def small_parts(monkeypatch):
    def use(size: int) -> None:
        monkeypatch.setattr(pipeline, "PART_CHARS", size)
    return use


@pytest.mark.parametrize("name", ["pipe_table_hant.txt", "markdown_table_hans.txt", "csv_table_hans.csv"])
def test_tables_read_in_parts_are_the_tables_read_whole(name, small_parts):
    one, big = repeated(name, 5)
    whole = pipeline.parse_document(big, whole=True)
    small_parts(2 * len(one))
    parts = pipeline.parse_document(big)
    assert [r.to_dict() for r in parts.records] == [r.to_dict() for r in whole.records]
    assert max(r.table for r in parts.records) == 5       # numbered after the tables before them
    assert "read in parts" in parts.document.explain[0]
    assert parts.clean.lines == [] and parts.document.items == []   # let go with their part


def test_a_later_part_keeps_the_first_parts_title_and_its_own_lines(small_parts):
    one, big = repeated("narrative_hans.txt", 4)
    small_parts(len(one) + 10)
    lines = split_lines(big)
    result = pipeline.parse_document(big)
    first = [r for r in result.records if r.line_start <= len(split_lines(one))]
    later = [r for r in result.records if r.line_start > 2 * len(split_lines(one))]
    assert first and later
    assert {r.doc_title for r in later} == {first[0].doc_title} != {None}
    assert {r.published for r in later} == {first[0].published}
    for record in result.records:
        # each record's lines are the lines of its text in the whole report
        assert record.task and record.task[:4] in "".join(lines[record.line_start - 1:record.line_end])


def test_a_part_with_nothing_to_read_is_an_unparsed_span(small_parts):
    one, _ = repeated("pipe_table_hant.txt", 1)
    prose = "\n".join(["这一部分只有说明文字,没有任何表格和编号"] * 10)
    big = one + "\n\n" + prose + "\n\n" + one + "\n"
    small_parts(len(one) + 5)
    result = pipeline.parse_document(big)
    first_prose = len(split_lines(one)) + 2
    spans = [s for s in result.document.unparsed if s.line_start == first_prose]
    assert spans and spans[0].line_end >= first_prose + 9 and spans[0].text.startswith("这一部分")
    assert max(r.table for r in result.records) == 2


def test_no_part_with_items_is_no_report(small_parts):
    small_parts(50)
    with pytest.raises(NoItemsError):
        pipeline.parse_document("\n\n".join(["只有说明文字,没有表格也没有编号"] * 20) + "\n")


def test_a_batch_gives_an_outcome_per_part_and_the_command_writes_them_all(small_parts, tmp_path):
    one, big = repeated("pipe_table_hant.txt", 4)
    path = tmp_path / "big.txt"
    path.write_text(big, encoding="utf-8")
    whole = pipeline.parse_document(big, whole=True, source=str(path))
    small_parts(2 * len(one))
    outcomes = list(parse_files([Input(str(path), PurePosixPath("big.txt"))], parts=True))
    assert [o.part for o in outcomes] == [0, 1]
    assert [r.to_dict() for o in outcomes for r in o.result.records] == [r.to_dict() for r in whole.records]
    out = tmp_path / "out.jsonl"
    run = CliRunner().invoke(cli, ["parse", str(path), "-o", str(out)])
    assert run.exit_code == 0, run.output
    written = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert written == [json.loads(json.dumps(r.to_dict(), ensure_ascii=False)) for r in whole.records]
