"""reportkit: progress reports of Chinese government offices -> normalized records.

    >>> import reportkit
    >>> records = reportkit.parse_text("序号 | 工作任务 | 进展情况 | 完成进度\\n1 | 新建站点5个 | 已建成6个 | 100%")
    >>> records[0].target_value, records[0].actual_value, records[0].status
    (5, 6, 'complete')

`parse_text`, `parse_file` and `read_report` are the public API; the CLI
(`reportkit parse`) is a thin layer over them.
"""
from __future__ import annotations

__version__ = "0.1.0"

from pathlib import Path  # noqa: E402

from .errors import InputError, ReportkitError, UsageError  # noqa: E402
from .files import read_input  # noqa: E402
from .lint import Finding, check_bytes, findings  # noqa: E402
from .models import RECORD_FIELDS, Metric, ParseResult, Record  # noqa: E402
from .pipeline import convert_bytes, convert_text, parse_bytes, parse_document  # noqa: E402
from .vocab import load_vocab  # noqa: E402

__all__ = ["parse_text", "parse_file", "read_report", "parse_bytes", "parse_document", "convert_text",
           "convert_bytes", "findings", "check_bytes", "Finding", "load_vocab", "Record", "Metric", "ParseResult",
           "RECORD_FIELDS", "ReportkitError", "InputError", "UsageError", "__version__"]


def parse_text(text: str, **options) -> list[Record]:
    """Records of a report given as text.

    Options: to="hans"|"hant"|"tw"|"hk"|"keep", layout="table"|"pasted"|"outline",
    config=a YAML vocabulary file or a dict (or vocab=an already loaded `load_vocab()`),
    source=name to put in each record.
    """
    return parse_document(text, **options).records


def parse_file(path: str | Path, *, encoding: str | None = None, **options) -> list[Record]:
    """Records of a report file (any encoding reportkit detects, or `encoding`)."""
    data, _ = read_input(path)
    options.setdefault("source", Path(path).name)
    return parse_bytes(data, encoding=encoding, **options).records


def read_report(path: str | Path, **options):
    """A pandas DataFrame with one row per record (like `pandas.read_csv`)."""
    import pandas as pd

    records = parse_file(path, **options)
    return pd.DataFrame([r.to_dict() for r in records], columns=list(RECORD_FIELDS))
