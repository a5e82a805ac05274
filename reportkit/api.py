"""The public functions of reportkit (imported lazily by the package)."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable

from .files import DEFAULT_GLOB, find_inputs, read_input
from .models import RECORD_FIELDS, Record
from .pipeline import parse_bytes, parse_document


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


def read_report(path: str | Path | Iterable[str | Path], *, jobs: int = 1, glob: str = DEFAULT_GLOB,
                on_error: str = "raise", **options: Any):
    """A pandas DataFrame with one row per record (like `pandas.read_csv`).

    `path` is a report file, a folder (its files matching `glob`, sorted) or
    a list of either; `jobs` parses in that many worker processes. The
    `source` column tells the files apart. A file that cannot be read raises
    its error (`on_error="raise"`), or is left out with a warning naming it
    (``"warn"``) or without one (``"skip"``), as pandas' ``on_bad_lines``.
    """
    import pandas as pd

    from .batch import check_on_error, parse_files, parsed

    check_on_error(on_error)

    names = [str(path)] if isinstance(path, (str, Path)) else [str(p) for p in path]
    inputs, problems = find_inputs(names, glob)
    if problems:
        raise problems[0]
    single = len(inputs) == 1 and Path(names[0]).is_file()
    rows: list[dict[str, Any]] = []
    for outcome in parsed(parse_files(inputs, jobs, **options), on_error):
        assert outcome.result is not None
        for r in outcome.result.records:
            if single and "source" not in options:
                r.source = Path(outcome.input.path).name
            rows.append(r.to_dict())
    return pd.DataFrame(rows, columns=list(RECORD_FIELDS))
