"""Nothing is lost: every non-blank input line ends up in a record's
line_start..line_end, in the document metadata, or in a reported unparsed
span; and every Chinese character of the cleaned input appears in an output
text field, the metadata lines or an unparsed span.

Runs over every sample, and over the seed and development reports when
../shared is present.
"""
from __future__ import annotations

import re

import pytest

import reportkit
from conftest import SHARED, sample_inputs, seed_files

HAN = re.compile(r"[\u4e00-\u9fff]")


def _shared_reports() -> list:
    out = list(seed_files())
    for sub in ("corpus/tables", "corpus/narrative"):
        d = SHARED / sub
        if d.is_dir():
            out += sorted(d.glob("*.txt"))
    return out


REPORTS = sample_inputs() + _shared_reports()


def covered_lines(result) -> set[int]:
    lines = set(result.document.metadata_lines)
    for r in result.records:
        lines |= set(range(r.line_start, r.line_end + 1))
    for span in result.document.unparsed:
        lines |= set(range(span.line_start, span.line_end + 1))
    return lines


@pytest.mark.parametrize("path", REPORTS, ids=lambda p: p.name)
def test_every_line_is_accounted_for(path):
    result = reportkit.parse_bytes(path.read_bytes(), source=path.name, to="hans")
    lost = [no for no, line in enumerate(result.clean.lines, 1)
            if line.strip() and no not in covered_lines(result)]
    assert not lost, f"lines {lost[:10]} are in no record, metadata or unparsed span"


@pytest.mark.parametrize("path", REPORTS, ids=lambda p: p.name)
def test_every_chinese_character_is_kept(path):
    result = reportkit.parse_bytes(path.read_bytes(), source=path.name, to="keep")
    lines = result.clean.lines
    pool = []
    for r in result.records:
        d = r.to_dict()
        pool += [d[k] or "" for k in ("task", "progress_text", "section", "category", "status_text", "item_no",
                                      "target_text")]
        pool += list(d["extra"].values()) + list(d["extra"].keys())
        pool += [m.get(k) or "" for m in d["metrics"] for k in ("name", "target_text", "actual_text")]
    pool += [s.text for s in result.document.unparsed]
    pool += [lines[n - 1] for n in result.document.metadata_lines]
    chars = set(HAN.findall("".join(pool)))
    missing = {}
    for no, line in enumerate(lines, 1):
        lost = set(HAN.findall(line)) - chars
        if lost:
            missing[no] = "".join(sorted(lost))
    assert not missing, f"characters in no output: {dict(list(missing.items())[:5])}"
