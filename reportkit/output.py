"""Stage 11: records as CSV, JSON, JSONL, Excel (xlsx), Parquet or an HTML page.

CSV is UTF-8 with a byte-order mark by default, so Excel on Chinese Windows
opens it correctly; `metrics` and `extra` are JSON strings and `flags` are
joined by ``;``. JSON is one array of records, JSONL one record per line;
both keep `metrics`, `extra` and `flags` as structures, and so does Parquet
(lists of structs, a map, a list of strings). An xlsx workbook has a sheet
`records` (the CSV's flat fields) and a sheet `findings` (one row per flag,
with its rule code). A text cell that a spreadsheet would run as a formula
(it starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return, and is
not a number) gets a leading ``'`` in CSV, as spreadsheet tools expect (the
`guard` switch, ``--no-formula-guard``, turns it off for readers that are not
spreadsheets); in xlsx it is a string cell, never a formula, and characters a
workbook cannot hold (control characters) become U+FFFD. xlsx needs openpyxl (``pip install 'reportkit-cn[excel]'``),
Parquet pyarrow (``pip install 'reportkit-cn[parquet]'``); both are imported only
when asked for. The HTML page (`htmlpage.render_page`: one self-contained page
to read, for one report or many) is built whole at `close`, as a workbook is.
Writing files is `files.write_file`'s job.
"""
from __future__ import annotations

import csv
import io
import json
import os
import re
from pathlib import Path
from typing import Any, BinaryIO, Iterable

from .errors import UsageError
from .models import RECORD_FIELDS, Record
from .tuning import WRITE_BATCH

FORMATS = ("csv", "json", "jsonl", "xlsx", "parquet", "html")
_PLAIN_NUMBER = re.compile(r"[-+]?\d+(?:\.\d+)?%?")
#: formats written as bytes
BINARY_FORMATS = ("xlsx", "parquet")
#: formats written as text, record by record (what `render_rows` renders)
STREAM_FORMATS = ("csv", "json", "jsonl")
#: formats built whole when the writer closes (they need every record first)
WHOLE_FORMATS = ("xlsx", "html")
#: other suffixes that name a format
SUFFIXES = {"htm": "html"}
#: the optional extra that brings each format's library
EXTRAS = {"xlsx": ("openpyxl", "excel"), "parquet": ("pyarrow", "parquet")}


def format_for(path: str | None, default: str = "csv") -> str:
    """The format named by a file suffix (.csv .json .jsonl .html ...); `default` for
    standard output or a folder. An unknown suffix is a `UsageError`.

    >>> format_for("out/all.jsonl"), format_for(None), format_for("out/"), format_for("report.htm")
    ('jsonl', 'csv', 'csv', 'html')
    """
    if not path or path == "-" or path.endswith(("/", os.sep)) or Path(path).is_dir():
        return default
    suffix = Path(path).suffix.lower().lstrip(".")
    suffix = SUFFIXES.get(suffix, suffix)
    if suffix not in FORMATS:
        raise UsageError(f"cannot tell the output format from {Path(path).suffix or 'a name without suffix'}: "
                         f"use a suffix {', '.join('.' + f for f in FORMATS)} or --format", source=path)
    return suffix


#: what a spreadsheet reads as the start of a formula (=HYPERLINK(…), +cmd|…, -2+3, @SUM(…))
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def guard_formula(text: str) -> str:
    """A CSV cell a spreadsheet would run as a formula, made text with a leading
    ``'`` (what spreadsheet tools do); a number such as ``-3.5``, or a lone ``-``
    (no figure), is left alone.

    >>> guard_formula('=HYPERLINK("x")') == "'" + '=HYPERLINK("x")', guard_formula("-3.5"), guard_formula("-")
    (True, '-3.5', '-')
    """
    if len(text) > 1 and text.startswith(FORMULA_START) and not _PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


def _csv_value(key: str, value, guard: bool = True):
    if key in ("metrics", "extra"):
        return json.dumps(value, ensure_ascii=False) if value else ""
    if key == "flags":
        return ";".join(value)
    if guard and isinstance(value, str):
        return guard_formula(value)
    return "" if value is None else value


def flat_row(record: dict[str, Any], guard: bool = True) -> list[Any]:
    """A record's fields as CSV and Excel cells: structures as JSON, flags joined,
    and (with `guard`) cells that would start a formula made text."""
    return [_csv_value(k, record[k], guard) for k in RECORD_FIELDS]


def require(fmt: str) -> Any:
    """The library a format needs, or a `UsageError` naming the extra that installs it."""
    module, extra = EXTRAS[fmt]
    try:
        return __import__(module)
    except ImportError:
        raise UsageError(f"{fmt} output needs {module}: pip install 'reportkit-cn[{extra}]'") from None


class RecordWriter:
    """Writes records to a binary file as they come, batch by batch.

    CSV, JSON and JSONL are written as each batch arrives, and Parquet as one
    row group per batch, so memory does not grow with the number of records;
    an xlsx workbook and an HTML page are built at `close` (a sheet holds at
    most about a million rows anyway, and a page is read by a person).
    """

    def __init__(self, handle: BinaryIO, fmt: str, bom: bool = True, guard: bool = True):
        if fmt not in FORMATS:
            raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
        if fmt in EXTRAS:
            require(fmt)  # a missing library is reported before any work is done
        self.handle, self.fmt, self.guard = handle, fmt, guard
        self.count = 0
        self._rows: list[dict[str, Any]] = []   # xlsx and html only
        self._document_findings: list[list[Any]] = []   # xlsx and html only: findings of no record
        self._parquet: Any = None
        # the header is written with the first batch (or at close), so that a
        # writer given nothing writes nothing
        self._opening = {"csv": ("\ufeff" if bom else "") + _csv_lines([list(RECORD_FIELDS)]),
                         "json": "["}.get(fmt, "")

    def _text(self, text: str) -> None:
        if self._opening:
            text, self._opening = self._opening + text, ""
        self.handle.write(text.encode("utf-8"))

    def write(self, records: Iterable[Record]) -> None:
        """Write a batch of records."""
        if self.fmt in STREAM_FORMATS:
            records = list(records)
            for at in range(0, len(records), WRITE_BATCH):   # a large report is not rendered whole
                batch = records[at:at + WRITE_BATCH]
                self.write_rows(render_rows(batch, self.fmt, self.guard), len(batch))
            return
        rows = [r.to_dict() for r in records]
        if self.fmt == "parquet" and rows:
            import pyarrow.parquet as pq

            table = _arrow_table(rows)
            if self._parquet is None:
                self._parquet = pq.ParquetWriter(self.handle, table.schema)
            self._parquet.write_table(table)
        elif self.fmt in WHOLE_FORMATS:
            self._rows += rows
        self.count += len(rows)

    def write_rows(self, rows: str, count: int) -> None:
        """Write `count` records already rendered by `render_rows` in this
        writer's (stream) format: what parallel workers send back."""
        if not count:
            return
        if self.fmt == "json":
            rows = ("\n" if self.count == 0 else ",\n") + rows
        self._text(rows)
        self.count += count

    def add_findings(self, rows: list[list[Any]]) -> None:
        """Findings that belong to a document, not to a record (no as-of date, text
        in no item, inline pinyin): rows of the xlsx findings sheet (source, line,
        item_no, code, flag, severity, summary), listed on the HTML page too.
        Other formats hold records only."""
        if self.fmt in WHOLE_FORMATS:
            self._document_findings += rows

    def close(self) -> None:
        if self.fmt == "csv":
            self._text("")  # no records: the header alone
        elif self.fmt == "json":
            self._text("\n]\n" if self.count else "]\n")
        elif self.fmt == "parquet":
            if self._parquet is None:  # no records: an empty table with the schema
                import pyarrow.parquet as pq

                self._parquet = pq.ParquetWriter(self.handle, arrow_schema())
            self._parquet.close()
        elif self.fmt == "xlsx":
            self.handle.write(_xlsx(self._rows, self._document_findings))
        elif self.fmt == "html":
            from .htmlpage import render_page

            self.handle.write(render_page(self._rows, self._document_findings).encode("utf-8"))


def render_rows(records: Iterable[Record], fmt: str, guard: bool = True) -> str:
    """The records as the body of a stream format, without its opening or
    closing: JSONL lines, CSV rows (`guard`: a cell that would start a formula
    made text), or JSON objects joined by ``,\\n``.

    >>> render_rows([], "jsonl")
    ''
    """
    # each record's dict lives only while its line is made: a large report's records
    # are not held twice over
    if fmt == "jsonl":
        return "".join(json.dumps(r.to_dict(), ensure_ascii=False) + "\n" for r in records)
    if fmt == "json":
        return ",\n".join(json.dumps(r.to_dict(), ensure_ascii=False) for r in records)
    if fmt == "csv":
        return _csv_lines(flat_row(r.to_dict(), guard) for r in records)
    raise ValueError(f"{fmt} is not a stream format; expected one of {', '.join(STREAM_FORMATS)}")


def _csv_lines(rows: Iterable[list[Any]]) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows(rows)
    return buf.getvalue()


def render(records: Iterable[Record], fmt: str, bom: bool = True, guard: bool = True,
           findings: list[list[Any]] = ()) -> str | bytes:
    """Records in `fmt`: text for csv/json/jsonl/html, bytes for xlsx/parquet
    (an xlsx findings sheet and an HTML page also list the document's own `findings`)."""
    buf = io.BytesIO()
    writer = RecordWriter(buf, fmt, bom, guard)
    writer.write(records)
    writer.add_findings(list(findings))
    writer.close()
    data = buf.getvalue()
    return data if fmt in BINARY_FORMATS else data.decode("utf-8")


def render_rendered(rows: str, count: int, fmt: str, bom: bool = True) -> str:
    """A whole file in the stream format `fmt` from `count` records already
    rendered by `render_rows`: the same text `render` gives for the records."""
    buf = io.BytesIO()
    writer = RecordWriter(buf, fmt, bom)
    writer.write_rows(rows, count)
    writer.close()
    return buf.getvalue().decode("utf-8")


def _display_width(text: str) -> int:
    """Columns a text takes on screen: East Asian wide characters count two."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def render_table(records: Iterable[Record], task_width: int = 28) -> str:
    """The records as a table to read on a terminal: item, task, target,
    actual, percent and status, one line each, columns aligned for wide
    characters (the other fields are in CSV, JSON or a workbook)."""
    def amount(value: Any, unit: str | None, qualifier: str | None = None) -> str:
        if value is None:
            return ""
        return f"{qualifier or ''}{value:g}{unit or ''}" if isinstance(value, (int, float)) else str(value)

    def cut(text: str, width: int) -> str:
        out, used = "", 0
        for ch in text:
            w = _display_width(ch)
            if used + w > width - 1 and used + w > width:
                return out + "…"
            out, used = out + ch, used + w
        return out

    head = ["item", "task", "target", "actual", "%", "status"]
    rows = [[r.item_no or "", cut((r.task or "").replace("\n", " "), task_width),
             amount(r.target_value, r.target_unit, r.target_qualifier), amount(r.actual_value, r.actual_unit),
             amount(r.percent_reported, None), r.status or ""] for r in records]
    widths = [max(_display_width(str(x)) for x in col) for col in zip(head, *rows)]

    def line(cells: list[str]) -> str:
        return "  ".join(c + " " * (w - _display_width(c)) for c, w in zip(cells, widths)).rstrip()
    return "".join(line(r) + "\n" for r in [head, *rows])


def _fit_columns(sheet: Any, rows: list[list[Any]]) -> None:
    from openpyxl.utils import get_column_letter

    for i in range(len(rows[0]) if rows else 0):
        width = max((_display_width(str(r[i])) for r in rows if r[i] is not None), default=8)
        sheet.column_dimensions[get_column_letter(i + 1)].width = min(max(width + 2, 6), 60)


def _xlsx(rows: list[dict[str, Any]], document_findings: list[list[Any]] = ()) -> bytes:
    openpyxl = require("xlsx")
    from .rules import BY_NAME

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "records"
    table = [list(RECORD_FIELDS)] + [flat_row(r, guard=False) for r in rows]
    found = [["source", "line", "item_no", "code", "flag", "severity", "summary"]]
    for r in rows:
        for flag in r["flags"]:
            rule = BY_NAME.get(flag)
            found.append([r["source"], r["line_start"], r["item_no"], rule.code if rule else "", flag,
                          rule.severity if rule else "", rule.summary if rule else ""])
    found += [list(f) for f in document_findings]
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    for ws, data in ((sheet, table), (book.create_sheet("findings"), found)):
        for row in data:
            ws.append([ILLEGAL_CHARACTERS_RE.sub("\ufffd", v) if isinstance(v, str) else v for v in row])
            for cell in ws[ws.max_row]:
                if cell.data_type == "f":     # text that starts with = is text here, never a live formula
                    cell.data_type = "s"
        ws.freeze_panes = "A2"
        _fit_columns(ws, data)
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


def arrow_schema() -> Any:
    """The Parquet/Arrow schema of a record: nested fields stay structured."""
    pa = require("parquet")
    text, number = pa.string(), pa.float64()
    metric = pa.struct([("name", text), ("target_value", number), ("target_value_max", number), ("target_unit", text),
                        ("target_qualifier", text), ("target_text", text), ("actual_value", number),
                        ("actual_value_max", number), ("actual_unit", text), ("actual_text", text), ("percent_reported", number),
                        ("percent_computed", number), ("score", number), ("score_max", number),
                        ("flags", pa.list_(text))])
    types = {"table": pa.int64(), "line_start": pa.int64(), "line_end": pa.int64(),
             "target_value": number, "target_value_max": number, "actual_value": number,
             "actual_value_max": number, "percent_reported": number,
             "percent_computed": number, "metrics": pa.list_(metric), "flags": pa.list_(text),
             "extra": pa.map_(text, text)}
    return pa.schema([(k, types.get(k, text)) for k in RECORD_FIELDS])


def _arrow_table(rows: list[dict[str, Any]]) -> Any:
    pa = require("parquet")
    schema = arrow_schema()
    metric_keys = [f.name for f in schema.field("metrics").type.value_type]
    columns = {k: [r[k] for r in rows] for k in RECORD_FIELDS}
    columns["metrics"] = [[{m: e.get(m) for m in metric_keys} for e in r["metrics"]] for r in rows]
    columns["extra"] = [list(r["extra"].items()) for r in rows]
    for k in ("target_value", "target_value_max", "actual_value", "actual_value_max", "percent_reported",
              "percent_computed"):
        columns[k] = [None if v is None else float(v) for v in columns[k]]
    return pa.table(columns, schema=schema)
