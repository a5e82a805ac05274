"""Stage 11: write records as CSV, JSON or JSONL, and findings as text, JSON or SARIF.

CSV is UTF-8 with a byte-order mark by default, so Excel on Chinese Windows
opens it correctly; `metrics` and `extra` are JSON strings and `flags` are
joined by ``;``. JSON is one array of records, JSONL one record per line;
both keep `metrics`, `extra` and `flags` as structures. Files are written
atomically: to a temporary file beside the target, then renamed.
"""
from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from pathlib import Path
from typing import Iterable

from . import __version__
from .checks import LEVELS, MESSAGES, SEVERITY, Finding
from .models import RECORD_FIELDS, Record

FORMATS = ("csv", "json", "jsonl")
FINDING_FORMATS = ("text", "json", "sarif")


def format_for(path: str | None, default: str = "csv") -> str:
    """The format named by a file suffix (.csv .json .jsonl)."""
    if path:
        suffix = Path(path).suffix.lower().lstrip(".")
        if suffix in FORMATS:
            return suffix
    return default


def _csv_value(key: str, value):
    if key in ("metrics", "extra"):
        return json.dumps(value, ensure_ascii=False) if value else ""
    if key == "flags":
        return ";".join(value)
    return "" if value is None else value


def render(records: Iterable[Record], fmt: str, bom: bool = True) -> str:
    """Records as text in `fmt`."""
    rows = [r.to_dict() for r in records]
    if fmt == "jsonl":
        return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
    if fmt == "json":
        return json.dumps(rows, ensure_ascii=False, indent=1) + "\n"
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\r\n")
        w.writerow(RECORD_FIELDS)
        for r in rows:
            w.writerow([_csv_value(k, r[k]) for k in RECORD_FIELDS])
        return ("\ufeff" if bom else "") + buf.getvalue()
    raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")


def render_findings(found: list[Finding], fmt: str) -> str:
    """Findings as text lines (``FILE:LINE: SEVERITY: FLAG: message (item N)``), a JSON list or SARIF 2.1.0."""
    if fmt == "json":
        return json.dumps([_finding_dict(f) for f in found], ensure_ascii=False, indent=1) + "\n"
    if fmt == "sarif":
        return json.dumps(sarif_log(found), ensure_ascii=False, indent=1) + "\n"
    if fmt == "text":
        return "".join(f"{f.file}:{f.line}: {f.severity}: {f.flag}: {f.message}"
                       f"{f' (item {f.item_no})' if f.item_no else ''}\n" for f in found)
    raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FINDING_FORMATS)}")


def summary_line(found: list[Finding], files: int) -> str:
    """``N file(s): E error(s), W warning(s), I note(s)``."""
    counts = {lvl: sum(f.severity == lvl for f in found) for lvl in LEVELS}
    return (f"{files} file(s): {counts['error']} error(s), {counts['warning']} warning(s), "
            f"{counts['info']} note(s)")


def _finding_dict(f: Finding) -> dict:
    return {"file": f.file, "line": f.line, "severity": f.severity, "flag": f.flag, "item_no": f.item_no,
            "message": f.message}


def sarif_log(found: list[Finding]) -> dict:
    """Findings as a SARIF 2.1.0 log (one run, one rule per flag)."""
    level = {"error": "error", "warning": "warning", "info": "note"}
    rules = sorted({f.flag for f in found})
    return {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "reportkit", "version": __version__,
                "rules": [{"id": r, "shortDescription": {"text": MESSAGES.get(r, r).split("{")[0].strip() or r},
                           "defaultConfiguration": {"level": level[SEVERITY.get(r, "info")]}} for r in rules]}},
            "results": [{
                "ruleId": f.flag, "level": level[f.severity], "message": {"text": f.message},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": f.file or "<input>"},
                                                    "region": {"startLine": f.line}}}]}
                for f in found],
        }],
    }


def write_atomic(path: str | Path, text: str) -> None:
    """Write `text` to `path` via a temporary file and a rename."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent or ".")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            f.write(text)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
