"""reportkit: progress reports of Chinese government offices -> normalized records.

    >>> import reportkit
    >>> records = reportkit.parse_text("序号 | 工作任务 | 进展情况 | 完成进度\\n1 | 新建站点5个 | 已建成6个 | 100%")
    >>> records[0].target_value, records[0].actual_value, records[0].status
    (5, 6, 'complete')

`parse_text`, `parse_file` and `read_report` are the public API; the CLI
(`reportkit parse`) is a thin layer over them.
"""
from __future__ import annotations

from pathlib import Path

from .errors import InputError, ReportkitError, UsageError
from .models import RECORD_FIELDS, ParseResult, Record
from .pipeline import parse_bytes, parse_document

__version__ = "0.1.0"
__all__ = ["parse_text", "parse_file", "read_report", "parse_bytes", "parse_document", "Record",
           "ParseResult", "RECORD_FIELDS", "ReportkitError", "InputError", "UsageError", "__version__"]


def parse_text(text: str, **options) -> list[Record]:
    """Records of a report given as text.

    Options: to="hans"|"hant"|"tw"|"hk"|"keep", layout="table"|"pasted"|"outline",
    config=path to a YAML vocabulary file, source=name to put in each record.
    """
    return parse_document(text, **options).records


def parse_file(path: str | Path, *, encoding: str | None = None, **options) -> list[Record]:
    """Records of a report file (any encoding reportkit detects, or `encoding`)."""
    p = Path(path)
    try:
        data = p.read_bytes()
    except FileNotFoundError:
        raise UsageError("no such file", source=str(path)) from None
    except IsADirectoryError:
        raise UsageError("is a directory, expected a report file", source=str(path)) from None
    except OSError as e:
        raise UsageError(f"cannot read: {e.strerror}", source=str(path)) from None
    options.setdefault("source", p.name)
    return parse_bytes(data, encoding=encoding, **options).records


def read_report(path: str | Path, **options):
    """A pandas DataFrame with one row per record (like `pandas.read_csv`)."""
    import pandas as pd

    records = parse_file(path, **options)
    return pd.DataFrame([r.to_dict() for r in records], columns=list(RECORD_FIELDS))
