"""reportkit: progress reports of Chinese government offices -> normalized records.

    >>> import reportkit
    >>> records = reportkit.parse_text("序号 | 工作任务 | 进展情况 | 完成进度\\n1 | 新建站点5个 | 已建成6个 | 100%")
    >>> records[0].target_value, records[0].actual_value, records[0].status
    (5, 6, 'complete')

`parse_text`, `parse_file` and `read_report` are the public API; the CLI
(`reportkit parse`) is a thin layer over them.
"""
from __future__ import annotations

from importlib import import_module
from typing import Any

__version__ = "0.1.0"

#: public name -> the module that defines it (imported on first use, so that
#: `reportkit --help` and small scripts start fast)
_EXPORTS = {
    "parse_text": "api", "parse_file": "api", "read_report": "api",
    "parse_bytes": "pipeline", "parse_document": "pipeline", "convert_text": "pipeline",
    "convert_bytes": "pipeline", "findings": "lint", "check_bytes": "lint", "Finding": "lint",
    "load_vocab": "vocab", "Record": "models", "Metric": "models", "ParseResult": "models",
    "RECORD_FIELDS": "models", "ReportkitError": "errors", "InputError": "errors", "UsageError": "errors",
}
__all__ = sorted(_EXPORTS) + ["__version__"]


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        value = getattr(import_module(f".{_EXPORTS[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'reportkit' has no attribute {name!r}")


def __dir__() -> list[str]:
    return __all__
