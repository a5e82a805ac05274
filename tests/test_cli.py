"""The command line: formats, options, errors and exit codes."""
from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest

import reportkit
from conftest import ROOT, SAMPLES, run_cli

SAMPLE = SAMPLES / "pipe_table_hant.txt"
TABLE = "序号 | 工作任务 | 进展情况 | 完成进度\n1 | 新建站点5个 | 已建成6个 | 100%\n"


run = run_cli


def test_csv_to_stdout_has_the_fixed_columns():
    r = run("parse", SAMPLE)
    assert r.exit_code == 0 and r.stdout.startswith("\ufeff")  # Excel-friendly BOM by default
    rows = list(csv.DictReader(io.StringIO(r.stdout.lstrip("\ufeff"))))
    assert list(rows[0]) == list(reportkit.RECORD_FIELDS)
    assert rows[0]["target_value"] == "12" and rows[0]["target_qualifier"] == ">="
    assert json.loads(rows[0]["extra"]) == {"责任处室": "公共服务处"}
    assert rows[3]["flags"] == "percent_mismatch;exceeds_target_but_incomplete"


@pytest.mark.parametrize("suffix", ["csv", "json", "jsonl"])
def test_output_file_format_from_suffix(tmp_path, suffix):
    out = tmp_path / f"out.{suffix}"
    assert run("parse", SAMPLE, "-o", out).exit_code == 0
    data = out.read_bytes()
    if suffix == "csv":
        assert data.startswith(b"\xef\xbb\xbf")  # Excel-friendly BOM by default
        assert len(list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))) == 11
    elif suffix == "json":
        assert len(json.loads(data)) == 10
    else:
        assert len(data.decode().splitlines()) == 10
    assert not list(tmp_path.glob(".*.tmp"))  # written through a temporary file


def test_no_bom(tmp_path):
    out = tmp_path / "out.csv"
    run("parse", SAMPLE, "-o", out, "--no-bom")
    assert not out.read_bytes().startswith(b"\xef\xbb\xbf")


def test_stdin_and_script_targets():
    r = run("parse", "-", "-f", "jsonl", "--to", "hant", input=TABLE.encode("utf-8"))
    rec = json.loads(r.stdout.splitlines()[0])
    assert rec["task"] == "新建站點5個" and rec["target_unit"] == "个"  # units stay canonical
    assert rec["source"] == "<stdin>"
    r = run("parse", SAMPLE, "-f", "jsonl", "--to", "keep")
    assert json.loads(r.stdout.splitlines()[0])["category"] == "民生實事"
    r = run("parse", SAMPLE, "-f", "jsonl", "--to", "tw")
    assert json.loads(r.stdout.splitlines()[0])["category"] == "民生實事"


def test_folder_in_folder_out(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(TABLE, encoding="utf-8")
    (src / "b.txt").write_text(TABLE.replace("5个", "7个"), encoding="utf-8")
    r = run("parse", src, "-o", str(tmp_path / "out") + "/", "-f", "jsonl")
    assert r.exit_code == 0
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["a.jsonl", "b.jsonl"]


def test_version_and_help():
    assert reportkit.__version__ in run("--version").stdout
    assert "--to" in run("parse", "--help").stdout


@pytest.mark.parametrize("content,code,message", [
    (b"", 1, "empty input"),
    (b"\x00\x01\x02binary\x00", 1, "binary file"),
    ("只有一句话,没有表格。".encode(), 1, "no table and no numbered outline"),
    (b"\x81\xff" * 50, 1, "cannot decode"),
])
def test_bad_input_is_one_clear_line(tmp_path, content, code, message):
    f = tmp_path / "bad.txt"
    f.write_bytes(content)
    r = run("parse", f)
    assert r.exit_code == code
    assert r.stderr.startswith(f"reportkit: {f}: ")
    assert message in r.stderr and "Traceback" not in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1


def test_missing_file_is_a_usage_error():
    r = run("parse", "no/such/file.txt")
    assert r.exit_code == 2 and "no/such/file.txt: no such file" in r.stderr


def test_bad_config_names_the_key(tmp_path):
    cfg = tmp_path / "c.yaml"
    cfg.write_text("headers:\n  task: 考核指标\n", encoding="utf-8")
    r = run("parse", SAMPLE, "--config", cfg)
    assert r.exit_code == 2 and "headers.task" in r.stderr
    cfg.write_text("header:\n  task: [考核指标]\n", encoding="utf-8")
    r = run("parse", SAMPLE, "--config", cfg)
    assert r.exit_code == 2 and "header" in r.stderr


def test_config_adds_vocabulary(tmp_path):
    text = "编号 | 考评要点 | 推动成效\n1 | 新建站点5个 | 已建成6个\n"
    f = tmp_path / "r.txt"
    f.write_text(text, encoding="utf-8")
    # a table by its structure: the header words are not known, the columns are read by what they hold
    r = run("parse", f, "-f", "jsonl")
    assert r.exit_code == 0 and json.loads(r.stdout)["task"] == "新建站点5个"
    assert "RK104" in run("check", f).stdout  # and check names the unknown header words
    cfg = tmp_path / "c.yaml"
    cfg.write_text("headers:\n  task: [考评要点]\n  progress: [推动成效]\n", encoding="utf-8")
    r = run("parse", f, "--config", cfg, "-f", "jsonl")
    assert r.exit_code == 0 and json.loads(r.stdout)["actual_value"] == 6
    assert json.loads(r.stdout)["task"] == "新建站点5个"


def test_output_never_overwrites_the_input(tmp_path):
    f = tmp_path / "r.csv"
    f.write_text(TABLE, encoding="utf-8")
    r = run("parse", f, "-o", f)
    assert r.exit_code == 2 and "input" in r.stderr
    assert f.read_text(encoding="utf-8") == TABLE


def test_unparsed_text_is_reported(tmp_path):
    f = tmp_path / "r.txt"
    f.write_text(TABLE + "\n注:以上为初步统计。\n", encoding="utf-8")
    r = run("parse", f)
    assert f"{f}:4-4: note: not part of any item: 注:以上为初步统计。" in r.stderr
    assert "note" not in run("parse", f, "-q").stderr


def test_explain_lists_fixes():
    r = run("parse", SAMPLE, "--explain")
    assert ": pinyin: " in r.stderr and ": width: " in r.stderr


def test_convert_keeps_lines(tmp_path):
    r = run("convert", SAMPLE, "--to", "hans")
    assert r.exit_code == 0
    assert len(r.stdout.splitlines()) == len(SAMPLE.read_text(encoding="utf-8").splitlines())
    assert "城市书房12个以上" in r.stdout and "(chéng)" not in r.stdout
    back = run("convert", "-", "--to", "hant", input=r.stdout.encode())
    assert "城市書房12個以上" in back.stdout


def test_module_and_checkout_shim_run():
    for argv in ([sys.executable, "-m", "reportkit", "--version"], [sys.executable, str(ROOT / "cli.py"), "--version"]):
        p = subprocess.run(argv, capture_output=True, text=True, cwd=ROOT)
        assert p.returncode == 0 and reportkit.__version__ in p.stdout


def test_explain_says_when_a_header_search_ran_out_of_steps(monkeypatch):
    from reportkit import headertree
    header = SAMPLES / "pasted_split_header_hans.txt"
    assert "table 1: header: 1 header level(s)\n" in run("parse", header, "--explain", "-q").stderr
    monkeypatch.setattr(headertree, "HEADER_SEARCH_STEPS", 1000)
    r = run("parse", header, "--explain", "-q")
    assert "table 1: header: 1 header level(s) (the best of the readings found in 1,000 steps)" in r.stderr


def test_explain_lists_the_metadata_lines():
    r = run("parse", SAMPLES / "narrative_hans.txt", "--explain", "-q")
    assert "metadata (title, publication lines, page chrome, headings, header rows) on lines 1-4" in r.stderr


def test_explain_prints_the_evidence_of_each_prose_pair(tmp_path):
    f = tmp_path / "investment.txt"
    f.write_text("某区重点项目进展\n\n全区重点项目总投资86亿元,年度计划投资20亿元,1-9月完成投资15亿元,"
                 "完成年度计划的75%。\n", encoding="utf-8")
    r = run("parse", f, "--explain", "-q")
    assert "pair 20亿元 -> 15亿元: " in r.stderr
    assert "arithmetic 15亿元/20亿元 = 75.00%, stated 75%" in r.stderr
    assert "86亿元 ->" not in r.stderr     # a project's total is no target of the year
