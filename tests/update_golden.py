"""Rewrite samples/*.expected.jsonl from the current parser output.

Run it only after reading the diff it produces: the expected files are the
specification of the samples, not a snapshot to refresh blindly.

    python tests/update_golden.py && git diff samples/
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import reportkit  # noqa: E402
from conftest import OTHER_SCRIPTS, SAMPLES, expected_path, sample_inputs  # noqa: E402

for path, to in [(p, "hans") for p in sample_inputs()] + [(SAMPLES / name, to) for name, to in OTHER_SCRIPTS]:
    records = reportkit.parse_file(path, to=to)
    out = expected_path(path, to)
    out.write_text("".join(json.dumps(r.to_dict(), ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    print(f"{out.name}: {len(records)} records")
