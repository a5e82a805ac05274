"""Golden tests: every sample parses to its expected JSONL, every record
validates against reportkit/schemas/record.schema.json, and the seed reports match
their hand-checked gold values (when ../shared is present)."""
from __future__ import annotations

import json
import math

import jsonschema
import pytest

import reportkit
from conftest import (GOLD, OTHER_SCRIPTS, SAMPLES, SEEDS, expected_path, needs_shared, read_jsonl,
                      sample_inputs, seed_files)

GOLDEN = [(p, "hans") for p in sample_inputs()] + [(SAMPLES / name, to) for name, to in OTHER_SCRIPTS]


@pytest.mark.parametrize("path,to", GOLDEN, ids=lambda x: getattr(x, "name", x))
def test_sample_matches_expected(path, to):
    expected = read_jsonl(expected_path(path, to))
    got = [r.to_dict() for r in reportkit.parse_file(path, to=to)]
    assert len(got) == len(expected)
    for g, e in zip(got, expected):
        assert g == e, f"{path.name} --to {to} item {e['item_no']} (line {e['line_start']})"


@pytest.mark.parametrize("path", sample_inputs() + seed_files(), ids=lambda p: p.name)
def test_records_validate_against_schema(path, record_schema):
    validator = jsonschema.Draft202012Validator(record_schema)
    for record in reportkit.parse_file(path):
        # through JSON, exactly as a script reading our output would see it
        data = json.loads(json.dumps(record.to_dict(), ensure_ascii=False))
        errors = sorted(validator.iter_errors(data), key=str)
        assert not errors, f"{path.name} item {record.item_no}: {errors[0].message}"


FIELDS = ["target_value", "target_unit", "target_qualifier", "actual_value", "actual_unit",
          "percent_reported", "status"]


def _same(field, got, want):
    if field.endswith("_value") or field.startswith("percent"):
        if got is None or want is None:
            return got is None and want is None
        return math.isclose(float(got), float(want), rel_tol=0.005)
    return (got or None) == (want or None)


@needs_shared
@pytest.mark.parametrize("gold_path", sorted(GOLD.glob("*.gold.jsonl")) if GOLD.is_dir() else [],
                         ids=lambda p: p.name.split(".")[0])
def test_seed_tables_match_gold(gold_path):
    seed = SEEDS / (gold_path.name.split(".")[0] + ".txt")
    records = {r.item_no: r.to_dict() for r in reportkit.parse_file(seed)}
    gold = read_jsonl(gold_path)
    assert len(records) == len(gold)
    misses = []
    for g in gold:
        r = records.get(g["item_no"])
        assert r is not None, f"item {g['item_no']} missing"
        for f in FIELDS:
            if f not in g:
                continue
            ok = _same(f, r[f], g[f])
            if not ok and f.startswith("actual") and g.get("alt_actual"):
                ok = _same("actual_value", r["actual_value"], g["alt_actual"][0])
            if not ok:
                misses.append(f"item {g['item_no']}: {f}={r[f]!r}, want {g[f]!r}")
        if "task" in g:
            norm = lambda t: "".join((t or "").split()).replace("()", "")  # noqa: E731
            if norm(r["task"]) != norm(g["task"]):
                misses.append(f"item {g['item_no']}: task {r['task']!r}")
        if "line_start" in g and r["line_start"] != g["line_start"]:
            misses.append(f"item {g['item_no']}: line_start {r['line_start']}, want {g['line_start']}")
    assert not misses, "\n".join(misses)


@needs_shared
def test_seed_narratives_find_every_gold_pair():
    gold = json.loads((GOLD / "narrative.gold.json").read_text(encoding="utf-8"))
    for stem, pairs in gold.items():
        records = reportkit.parse_file(SEEDS / f"{stem}.txt")
        candidates = [r.to_dict() for r in records] + [m for r in records for m in r.to_dict()["metrics"]]
        for p in pairs:
            hits = [c for c in candidates
                    if _same("target_value", c.get("target_value"), p["target_value"])
                    and c.get("target_unit") == p["target_unit"]
                    and (p.get("actual_value") is None or (
                        _same("actual_value", c.get("actual_value"), p["actual_value"])
                        and c.get("actual_unit") == p["actual_unit"]))]
            assert hits, f"{stem}: not found: {p['where']}"
            if "target_qualifier" in p:
                assert any(h.get("target_qualifier") == p["target_qualifier"] for h in hits), p["where"]
            if "percent_reported" in p:
                assert any(_same("percent_reported", h.get("percent_reported"), p["percent_reported"])
                           for h in hits), p["where"]
            for flag in p.get("flags", []):
                owners = [r for r in records if any(c in r.to_dict()["metrics"] or c == r.to_dict() for c in hits)]
                assert any(flag in r.flags for r in owners), f"{p['where']}: flag {flag}"
