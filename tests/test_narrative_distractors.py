"""Numbers that are neither target nor result are never paired.

The narrative development reports kept beside this repository (../shared)
list, per report, verbatim fragments holding such numbers (同比 rates, shares,
per-capita rates, size classes, subsets, increments, start values, summary
counts). No target or actual of any metric may lie inside one of them. The
same reports list the target/actual pairs a reader must find. Both tests skip
themselves when ../shared is missing.
"""
from __future__ import annotations

import json
import math

import pytest

from conftest import SHARED
from reportkit.clean import clean_text
from reportkit.narrative import align_outline_item
from reportkit.pipeline import parse_document
from reportkit.script import to_simplified
from reportkit.vocab import load_vocab

REPORTS = SHARED / "corpus" / "narrative"
needs_reports = pytest.mark.skipif(not (REPORTS / "distractors.json").is_file(),
                                   reason="narrative reports (../shared) not available")


def _reports() -> dict:
    path = REPORTS / "distractors.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


def _normal(fragment: str) -> str:
    """A fragment as the readers see it: cleaned and Simplified."""
    return to_simplified(clean_text(fragment).lines[0]).strip()


@needs_reports
@pytest.mark.parametrize("stem", sorted(_reports()))
def test_no_distractor_is_a_target_or_actual(stem):
    vocab = load_vocab()
    text = (REPORTS / f"{stem}.txt").read_text(encoding="utf-8")
    fragments = [_normal(f) for f in _reports()[stem]]
    doc = parse_document(text, source=stem).document
    wrong = []
    located = set()
    for item in doc.items:
        s = to_simplified(item.progress or "")
        spans = [(i, i + len(f)) for f in fragments if f for i in _find_all(s, f)]
        located |= {f for f in fragments if f in s}
        for spec in align_outline_item(item, vocab).metrics:
            for role, q in (("target", spec.target), ("actual", spec.actual)):
                if q is not None and any(a <= q.start < b for a, b in spans):
                    wrong.append(f"{role} {q.text} in {spec.target_text}")
    assert not wrong, wrong
    assert len(located) >= len(fragments) - 2  # the fragments are found where the numbers are read


def _find_all(s: str, f: str):
    i = s.find(f)
    while i >= 0:
        yield i
        i = s.find(f, i + 1)


def _same(a, b) -> bool:
    return a is not None and b is not None and math.isclose(float(a), float(b), rel_tol=0.005)


@needs_reports
def test_most_pairs_are_found():
    pairs = json.loads((REPORTS / "narrative.gold.json").read_text(encoding="utf-8"))
    found = total = 0
    for stem, wanted in pairs.items():
        text = (REPORTS / f"{stem}.txt").read_text(encoding="utf-8")
        metrics = [m.to_dict() if hasattr(m, "to_dict") else m
                   for r in parse_document(text, source=stem).records for m in r.metrics]
        for p in wanted:
            total += 1
            found += any(_same(m.get("target_value"), p["target_value"]) and m.get("target_unit") == p["target_unit"]
                         and (p["actual_value"] is None or _same(m.get("actual_value"), p["actual_value"])
                              and m.get("actual_unit") == p["actual_unit"]) for m in metrics)
    assert found / total >= 0.95, f"{found}/{total}"
