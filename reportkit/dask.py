"""Reading many reports on a Dask cluster: one partition per group of files.

    import reportkit.dask
    df = reportkit.dask.read_reports("reports/**/*.txt")    # a dask DataFrame
    df.groupby("source").size().compute()

`read_reports` lists the files where it is called, splits them into groups
of `files_per_partition`, and makes one lazy partition per group; the
partitions run wherever the current Dask scheduler sends them (the local
threads by default, or a `distributed.Client`'s cluster). The columns and
their types (`meta`) come from the record fields, so a partition of files
with no records still has the right schema. Needs ``pip install 'reportkit-cn[dask]'``.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Iterator

from .errors import UsageError
from .files import DEFAULT_GLOB, Input, find_inputs

if TYPE_CHECKING:
    from .batch import FileOutcome
from .models import RECORD_FIELDS

#: pandas dtypes of the record fields (everything not listed is an object column)
DTYPES = {"table": "int64", "line_start": "int64", "line_end": "int64", "target_value": "float64",
          "target_value_max": "float64", "actual_value_max": "float64",
          "actual_value": "float64", "percent_reported": "float64", "percent_computed": "float64"}


def _require() -> Any:
    try:
        import dask.dataframe as dd
    except ImportError:
        raise UsageError("the Dask engine needs dask: pip install 'reportkit-cn[dask]'") from None
    return dd


def meta() -> Any:
    """An empty pandas DataFrame with the record columns and their types."""
    import pandas as pd

    return pd.DataFrame({k: pd.Series(dtype=DTYPES.get(k, "object")) for k in RECORD_FIELDS})


def parse_partition(paths: list[str], options: dict[str, Any], on_error: str = "raise") -> Any:
    """The records of a group of files as one pandas DataFrame (a partition).

    A file that cannot be parsed raises its error (`on_error="raise"`), or is
    left out with a warning naming it and why (``"warn"``) or silently
    (``"skip"``), as pandas' ``on_bad_lines``.
    """
    import pandas as pd

    from .batch import parse_files, parsed

    rows = []
    inputs = [Input(p, Path(p)) for p in paths]  # type: ignore[arg-type]
    for outcome in parsed(parse_files(inputs, 1, **options), on_error):
        rows += [r.to_dict() for r in outcome.result.records]  # type: ignore[union-attr]
    if not rows:
        return meta()
    return pd.DataFrame(rows, columns=list(RECORD_FIELDS)).astype(DTYPES)


def read_reports(paths_or_glob: str | Path | Iterable[str | Path], *, files_per_partition: int = 16,
                 glob: str = DEFAULT_GLOB, on_error: str = "raise", **options: Any) -> Any:
    """A Dask DataFrame of the records of many reports.

    `paths_or_glob` is a glob pattern (``"reports/**/*.txt"``), a folder, a
    file, or a list of them; `options` are those of `reportkit.parse_text`
    (``to``, ``layout``, ``config``, ``encoding``). A file that cannot be
    parsed raises (``on_error="raise"``), or is left out with a warning
    (``"warn"``) or without one (``"skip"``). `metrics`, `flags` and `extra`
    hold lists and dicts, as in `reportkit.read_report`.
    """
    dd = _require()
    import dask
    from dask import delayed

    from .batch import check_on_error

    check_on_error(on_error)
    names = [str(paths_or_glob)] if isinstance(paths_or_glob, (str, Path)) else [str(p) for p in paths_or_glob]
    inputs, problems = find_inputs(names, glob)
    if problems:
        raise problems[0]
    paths = [i.path for i in inputs]
    groups = [paths[i:i + files_per_partition] for i in range(0, len(paths), files_per_partition)]
    parts = [delayed(parse_partition)(group, options, on_error) for group in groups]
    # structures stay Python objects: Dask would make every object column a string column
    with dask.config.set({"dataframe.convert-string": False}):
        return dd.from_delayed(parts, meta=meta(), verify_meta=False)


def parse_files_on_cluster(inputs: list[Input], scheduler: str | None = None, render: str | None = None,
                           **options: Any) -> Iterator[FileOutcome]:
    """`batch.parse_files` on a Dask cluster: the scheduler at `scheduler`
    (``tcp://host:8786``), or a local cluster started for the call. Outcomes
    come back in input order; `render` works as in `parse_files`."""
    _require()
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise UsageError("the Dask engine needs distributed: pip install 'reportkit-cn[dask]'") from None
    from .batch import parse_one

    if scheduler:
        try:
            client = Client(scheduler, timeout="10s")
        except OSError as e:
            raise UsageError(f"cannot reach the Dask scheduler: {e}", source=scheduler) from None
        cluster = None
    else:
        cluster = LocalCluster(processes=True, dashboard_address=None)
        client = Client(cluster)
    try:
        futures = client.map(parse_one, inputs, options=options, render=render, pure=False)
        for future in futures:
            yield future.result()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
