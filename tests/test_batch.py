"""Batch conversion: many files, worker processes, one combined table, Excel,
Parquet, the Dask engine, and a light start-up."""
from __future__ import annotations

import io
import json
import subprocess
import sys
from dataclasses import replace

import pytest

import reportkit
from reportkit.batch import Progress
from reportkit.models import RECORD_FIELDS
from reportkit.rules import RULES
from reportkit.output import flat_row, render
from conftest import ROOT, SAMPLES, sample_inputs, run_cli

ROW = "序号 | 工作任务 | 进展情况 | 完成进度\n{n} | 新建站点{t}个 | 已建成{a}个 | {p}%\n"


run = run_cli


@pytest.fixture
def folder(tmp_path):
    """Six small reports whose actual value tells which file they came from."""
    d = tmp_path / "reports"
    d.mkdir()
    for i in range(6):
        (d / f"r{i}.txt").write_text(ROW.format(n=1, t=10, a=i, p=i * 10), encoding="utf-8")
    return d


def read_jsonl(text):
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def test_order_follows_the_inputs_whatever_the_workers(folder):
    outputs = [read_jsonl(run("parse", folder, "-f", "jsonl", "-j", str(j), "-q").stdout) for j in (1, 2, 4)]
    assert [r["actual_value"] for r in outputs[0]] == [0, 1, 2, 3, 4, 5]
    assert outputs[0] == outputs[1] == outputs[2]


@pytest.mark.parametrize("fmt", ["csv", "json", "jsonl"])
def test_records_rendered_by_workers_are_the_records_rendered_here(fmt, folder, tmp_path):
    """Workers send text formats back rendered; the combined file and the
    per-file outputs must be byte for byte what one process writes."""
    for j in (1, 2):
        assert run("parse", folder, "-o", tmp_path / f"all{j}.{fmt}", "-j", str(j), "-q").exit_code == 0
        assert run("parse", folder, "-o", f"{tmp_path / f'out{j}'}/", "-f", fmt, "-j", str(j), "-q").exit_code == 0
    assert (tmp_path / f"all1.{fmt}").read_bytes() == (tmp_path / f"all2.{fmt}").read_bytes()
    files = sorted((tmp_path / "out1").iterdir())
    assert len(files) == 6
    for one in files:
        assert one.read_bytes() == (tmp_path / "out2" / one.name).read_bytes()
    records = [replace(r, source=str(f)) for f in sorted(folder.iterdir()) for r in reportkit.parse_file(f)]
    assert (tmp_path / f"all2.{fmt}").read_bytes() == render(records, fmt).encode("utf-8")


def test_parse_files_renders_in_the_workers(folder):
    from reportkit.batch import parse_files
    from reportkit.files import find_inputs

    inputs, _ = find_inputs([str(folder)], "*.txt")
    from reportkit.output import render_rows

    here = list(parse_files(inputs, jobs=1, render="jsonl"))
    there = list(parse_files(inputs, jobs=2, render="jsonl"))
    # in this process the writer renders the records itself, a batch at a time
    assert all(o.rows is None for o in here)
    assert [render_rows(o.result.records, "jsonl") for o in here] == [o.rows for o in there]
    assert [o.count for o in there] == [1] * 6
    assert all(o.result.records == [] for o in there)  # the rows travel instead of the objects
    assert [json.loads(o.rows)["actual_value"] for o in there] == [0, 1, 2, 3, 4, 5]
    with pytest.raises(ValueError, match="xlsx"):
        list(parse_files(inputs, render="xlsx"))


def test_one_bad_file_never_stops_the_batch(folder, tmp_path):
    (folder / "r3.txt").write_bytes(b"\x00\x01\x02binary")
    out = tmp_path / "out"
    r = run("parse", folder, "-o", f"{out}/", "-f", "jsonl", "-j", "2")
    assert r.exit_code == 1
    assert "r3.txt: binary file" in r.stderr
    assert "6 file(s): 5 parsed, 1 failed, 5 record(s)" in r.stderr
    assert sorted(p.name for p in out.iterdir()) == ["r0.jsonl", "r1.jsonl", "r2.jsonl", "r4.jsonl", "r5.jsonl"]


def test_combined_table_has_the_source(folder, tmp_path):
    out = tmp_path / "all.jsonl"
    assert run("parse", folder, "-o", out, "-q").exit_code == 0
    rows = read_jsonl(out.read_text(encoding="utf-8"))
    assert [r["source"].rsplit("/", 1)[-1] for r in rows] == [f"r{i}.txt" for i in range(6)]


@pytest.fixture
def records():
    return [r for p in sample_inputs() for r in reportkit.parse_file(p)]


def test_xlsx_round_trips_through_pandas(records, tmp_path):
    pd = pytest.importorskip("pandas")
    pytest.importorskip("openpyxl")
    from reportkit.output import render

    path = tmp_path / "all.xlsx"
    path.write_bytes(render(records, "xlsx"))
    sheet = pd.read_excel(path, sheet_name="records", dtype=str, keep_default_na=False)
    expected = [[("" if v is None else str(v)) for v in flat_row(r.to_dict())] for r in records]
    got = sheet[list(RECORD_FIELDS)].values.tolist()
    for g, e in zip(got, expected):
        assert [_num_text(x) for x in g] == [_num_text(x) for x in e]
    findings = pd.read_excel(path, sheet_name="findings")
    assert len(findings) == sum(len(r.flags) for r in records)
    assert set(findings["code"]) <= {rule.code for rule in RULES}

    import openpyxl

    ws = openpyxl.load_workbook(path)["records"]
    assert ws.freeze_panes == "A2"
    assert ws.column_dimensions["I"].width > ws.column_dimensions["E"].width  # task is wider than line_end


def _num_text(x):
    try:
        return float(x)
    except (TypeError, ValueError):
        return x


def test_parquet_round_trips_through_pandas(records, tmp_path):
    pd = pytest.importorskip("pandas")
    pytest.importorskip("pyarrow")
    from reportkit.output import render

    path = tmp_path / "all.parquet"
    path.write_bytes(render(records, "parquet"))
    frame = pd.read_parquet(path)
    assert list(frame.columns) == list(RECORD_FIELDS)
    for row, record in zip(frame.to_dict("records"), records):
        d = record.to_dict()
        assert [_missing_as_none(row[k]) for k in ("task", "item_no", "section")] == [d["task"], d["item_no"],
                                                                                      d["section"]]
        assert list(row["flags"]) == d["flags"]
        assert dict(row["extra"]) == d["extra"]
        assert [m["name"] for m in row["metrics"]] == [m["name"] for m in d["metrics"]]
        for key in ("target_value", "actual_value"):
            assert (pd.isna(row[key]) and d[key] is None) or row[key] == pytest.approx(d[key])


def _missing_as_none(value):
    return None if value is None or value != value else value  # NaN is the one value unequal to itself


def test_a_missing_extra_names_itself(monkeypatch, records):
    import builtins

    real_import = builtins.__import__

    def no_openpyxl(name, *args, **kwargs):
        if name == "openpyxl":
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_openpyxl)
    from reportkit.output import render

    with pytest.raises(reportkit.UsageError, match=r"reportkit-cn\[excel\]"):
        render(records, "xlsx")


def test_read_report_takes_a_folder_or_a_list(folder):
    frame = reportkit.read_report(folder)
    assert list(frame["actual_value"]) == [0, 1, 2, 3, 4, 5]
    both = reportkit.read_report([folder / "r1.txt", folder / "r4.txt"], jobs=2)
    assert list(both["actual_value"]) == [1, 4]


def test_start_up_imports_neither_pandas_nor_pyarrow():
    sample = SAMPLES / "tab_table_hans.txt"
    code = ("import sys\nfrom reportkit.cli import cli\n"
            "for argv in (['--help'], ['parse', sys.argv[1], '-j', '1']):\n"
            "    try:\n        cli(argv)\n    except SystemExit:\n        pass\n"
            "print(sorted(m for m in ('pandas', 'pyarrow', 'openpyxl', 'dask') if m in sys.modules))\n")
    p = subprocess.run([sys.executable, "-c", code, str(sample)], capture_output=True, text=True, cwd=ROOT)
    assert p.stdout.strip().splitlines()[-1] == "[]", p.stderr


def test_progress_line_says_files_records_errors_rate_and_time_left():
    out = io.StringIO()
    progress = Progress(2, stream=out, enabled=True)
    progress.update(3)
    progress.update(error=True)
    progress.close()
    line = out.getvalue().strip().split("\r")[-1]
    assert "2/2 files, 3 records, 1 errors" in line
    assert "records" in line and "errors" in line and "files/s" in line and "left" in line
    assert Progress(1, stream=io.StringIO()).enabled is False  # not a terminal: silent


# ---------------------------------------------------------------- Dask

@pytest.fixture(scope="module")
def cluster():
    pytest.importorskip("dask.dataframe")
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as c, distributed.Client(c) as client:
        yield c, client


def test_dask_read_reports_on_a_local_cluster(folder, cluster):
    import reportkit.dask

    _, client = cluster
    frame = reportkit.dask.read_reports(str(folder / "*.txt"), files_per_partition=2)
    assert frame.npartitions == 3
    assert list(frame.columns) == list(RECORD_FIELDS)
    local = frame.compute()  # runs on the cluster the client points at
    assert sorted(local["actual_value"]) == [0, 1, 2, 3, 4, 5]
    assert local["line_start"].dtype == "int64" and local["target_value"].dtype == "float64"
    assert len(client.scheduler_info()["workers"]) == 2


def test_cli_dask_engine_with_a_scheduler(folder, cluster, tmp_path):
    c, _ = cluster
    out = tmp_path / "all.jsonl"
    r = run("parse", folder, "-o", out, "--engine", "dask", "--scheduler", c.scheduler_address, "-q")
    assert r.exit_code == 0, r.stderr
    assert [row["actual_value"] for row in read_jsonl(out.read_text(encoding="utf-8"))] == [0, 1, 2, 3, 4, 5]


def test_a_writer_renders_a_large_report_a_batch_at_a_time():
    # a report's records were rendered whole before being written (its output held twice);
    # now a batch at a time, with the same bytes
    import io
    import json

    from reportkit.output import RecordWriter, render_rows
    from reportkit.tuning import WRITE_BATCH

    records = reportkit.parse_file(SAMPLES / "pipe_table_hant.txt")
    many = records * (WRITE_BATCH // len(records) * 2 + 1)
    assert len(many) > 2 * WRITE_BATCH
    out = io.BytesIO()
    writer = RecordWriter(out, "json")
    writer.write(many)
    writer.close()
    assert json.loads(out.getvalue().decode("utf-8")) == [r.to_dict() for r in many]
    out = io.BytesIO()
    writer = RecordWriter(out, "jsonl")
    writer.write(many)
    writer.close()
    assert out.getvalue().decode("utf-8") == render_rows(many, "jsonl")
