"""Bugs caught, and known failures, as case tables.

Like price-parser's test tables: each list says where its cases came from.
`BUGS_CAUGHT` are inputs that once gave a wrong answer; each stays here so
the bug cannot return. `KNOWN_FAILURES` are inputs reportkit still reads
wrong: they run as strict xfails, so fixing one fails the suite until the
case is moved to `BUGS_CAUGHT`.
"""
from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import click
import opencc
import pytest

import reportkit
from conftest import ROOT, SAMPLES, run_cli

_S2T = opencc.OpenCC("s2t.json")
_T2S = opencc.OpenCC("t2s.json")

TEXT_FIELDS = ("doc_title", "category", "section", "task", "target_text", "progress_text", "status_text")
METRIC_TEXT = ("name", "target_text", "actual_text")


@dataclass(frozen=True)
class Example:
    """A report and what its records must show.

    `expect` maps a record field to its value in the record `index`; a field
    written ``script:hant`` asks that every text field (metrics and extra
    included) of every record be in that script.
    """
    text: str
    expect: dict
    options: dict = field(default_factory=dict)
    index: int = 0
    why: str = ""


def _texts(record: reportkit.Record) -> list[str]:
    d = record.to_dict()
    out = [d[k] for k in TEXT_FIELDS if d[k]]
    out += [m[k] for m in d["metrics"] for k in METRIC_TEXT if m.get(k)]
    return out + [t for kv in d["extra"].items() for t in kv if t]


def _in_script(text: str, script: str) -> bool:
    converter = _S2T if script == "hant" else _T2S
    return converter.convert(text) == text


def check(example: Example) -> None:
    records = reportkit.parse_text(example.text, **example.options)
    for key, want in example.expect.items():
        if key.startswith("script:"):
            script = key.split(":", 1)[1]
            wrong = [t for r in records for t in _texts(r) if not _in_script(t, script)]
            assert not wrong, f"not in {script}: {wrong}"
        elif key == "records":
            assert len(records) == want
        elif key == "metrics":
            assert len(records[example.index].metrics) == want
        else:
            assert getattr(records[example.index], key) == want, key


TRADITIONAL_TABLE = ("序號 | 工作任務 | 進展情況 | 完成進度\n"
                     "1 | 新建鄉鎮綜合文化站5個 | 已建成綜合文化站4個,另有1個正在驗收 | 80%\n")

BUGS_CAUGHT = [
    # header cells of a pasted table split over two lines were not joined
    Example("序号\n项目\n名称\n进展\n情况\n1\n新建站点5个\n已建成4个\n2\n改造道路3公里\n已完成1公里\n",
            {"records": 2, "actual_value": 4},
            why="header cells of a pasted table split over two lines are not joined"),
    # --to hant / keep on Traditional input: task came out Traditional while
    # target_text, the metric name and actual_text stayed Simplified
    Example(TRADITIONAL_TABLE, {"script:hant": True, "task": "新建鄉鎮綜合文化站5個",
                                "target_text": "新建鄉鎮綜合文化站5個"}, {"to": "hant"}),
    Example(TRADITIONAL_TABLE, {"script:hant": True, "progress_text": "已建成綜合文化站4個,另有1個正在驗收"},
            {"to": "keep"}),
    Example(TRADITIONAL_TABLE, {"script:hans": True, "task": "新建乡镇综合文化站5个"}, {"to": "hans"}),
    # a range target lost its upper end in the record
    Example("一、经济\n(一)全年预期目标是地区生产总值增长7%—7.5%。\n",
            {"target_value": 7, "target_value_max": 7.5, "target_qualifier": ">="}),
    # a signature block after the last item was glued into that item's text
    Example("一、重点工作\n1.道路建设。完成投资3亿元。\n2.桥梁建设。完成2座。\n联系人:张三\n某市交通局\n2024年1月5日\n",
            {"progress_text": "桥梁建设。完成2座。"}, index=1),
    # ... and a heading line then lost its target once the block no longer followed it
    Example("一、民生实事\n9.新建公园3个\n已建成2个。\n10.改造供水管网38公里\n已完成施工招标,计划8月开工。\n",
            {"target_value": 38}, index=1),
    # outline items numbered 100 and above were not recognized: lines 100-120 were glued into item 99
    Example("".join(f"{n}.第{n}项工作。完成{n}个。\n" for n in range(1, 121)), {"records": 120}),
    Example("序号 | 工作任务 | 进展情况\n1 | 新建乡镇综合文化站5个 | 已建成4个\n",
            {"script:hant": True, "target_value": 5, "actual_value": 4}, {"to": "hant"}),
    # a target word covered only its own clause: the first sentence of a numbered item,
    # followed by one that reports on a period, states all of its targets
    Example("一、经济指标\n(一)全年力争地区生产总值增长6%,一般公共预算收入突破2.5亿元。"
            "上半年地区生产总值增长6.2%,一般公共预算收入1.4亿元。\n", {"metrics": 2}),
]

KNOWN_FAILURES = [
    Example("一、工业\n(一)零部件生产线改造3条,已完成2条。\n", {"target_value": 3},
            why="a numeral inside a word (零部件) is read as a quantity"),
]


def test_a_digit_run_is_read_in_linear_time():
    import time

    start = time.perf_counter()
    reportkit.parse_text("序号 | 工作任务 | 进展情况\n1 | 新建站点5个 | " + "9" * 3000 + "\n")
    assert time.perf_counter() - start < 0.5


@pytest.mark.parametrize("example", BUGS_CAUGHT, ids=lambda e: e.text[:12])
def test_bug_caught(example):
    check(example)


@pytest.mark.parametrize("example", KNOWN_FAILURES, ids=lambda e: e.why[:40])
@pytest.mark.xfail(strict=True, raises=(AssertionError, reportkit.ReportkitError, IndexError))
def test_known_failure(example):
    check(example)


# ------------------------------------------------------------- the test loop

def test_the_tests_import_the_working_tree():
    """An installed copy of reportkit must not shadow the code under test."""
    assert Path(reportkit.__file__).resolve().parent == ROOT / "reportkit"


def test_checkout_shim_reads_a_config_without_an_install(tmp_path):
    """`python cli.py parse FILE --config x.yaml` from a checkout that was never
    installed: the config schema must come from the package itself."""
    cfg = tmp_path / "c.yaml"
    cfg.write_text("status:\n  behind: [stalled]\n", encoding="utf-8")
    # -S: no site-packages processing, so no installed (or editable) reportkit;
    # the dependencies come from their folder on PYTHONPATH
    deps = str(Path(click.__file__).resolve().parent.parent)
    env = {**os.environ, "PYTHONPATH": deps}
    p = subprocess.run([sys.executable, "-S", str(ROOT / "cli.py"), "parse", str(SAMPLES / "tab_table_hans.txt"),
                        "--config", str(cfg), "-f", "jsonl"], capture_output=True, text=True, cwd=tmp_path, env=env)
    assert p.returncode == 0, p.stderr
    assert p.stdout.count("\n") >= 1


# ------------------------------------------------------------- bad configs

_run = run_cli


@pytest.fixture
def bad_config(tmp_path):
    cfg = tmp_path / "bad.yaml"
    cfg.write_text("headers:\n  task: 考核指标\n", encoding="utf-8")
    return cfg


def test_bad_config_is_one_usage_error_with_several_inputs(bad_config):
    a, b = SAMPLES / "tab_table_hans.txt", SAMPLES / "pipe_table_hant.txt"
    r = _run("parse", a, b, "--config", bad_config)
    assert r.exit_code == 2
    assert r.stderr.count("headers.task") == 1


def test_check_with_a_bad_config_is_a_usage_error(bad_config):
    r = _run("check", SAMPLES / "tab_table_hans.txt", "--config", bad_config)
    assert r.exit_code == 2
    assert "headers.task" in r.stderr and "error(s)" not in r.stderr + r.stdout


@pytest.mark.parametrize("options", [{"to": "latin"}, {"layout": "grid-of-stars"}])
def test_bad_options_from_python_are_usage_errors(options):
    with pytest.raises(reportkit.UsageError):
        reportkit.parse_text("序号 | 工作任务 | 进展情况\n1 | 新建站点5个 | 已建成4个\n", **options)
