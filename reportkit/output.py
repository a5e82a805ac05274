"""Stage 10: write records as CSV, JSON or JSONL.

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

from .models import RECORD_FIELDS, Record

FORMATS = ("csv", "json", "jsonl")


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
