"""The conventions of the tools reportkit's users already know (ruff, csvkit,
frictionless, pandas, batch tools), one test per convention, and the defects
a first day with reportkit met (the package name, the hooks, the workflow).
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import reportkit
from conftest import ROOT, run_cli

run = run_cli
TABLE = ("序号 | 工作任务 | 进展情况 | 完成进度\n1 | 新建站点5个 | 已建成4个 | 95%\n"
         "2 | 改造道路10公里 | 已完成5公里 | 70%\n")       # both percents contradict actual / target


@pytest.fixture
def bad(tmp_path):
    f = tmp_path / "bad.txt"
    f.write_text(TABLE, encoding="utf-8")
    return f


def _run(*args, input=None):
    from click.testing import CliRunner

    from reportkit.cli import cli

    return CliRunner().invoke(cli, [str(a) for a in args], input=input)


# ---------------------------------------------------------------- first-day defects

def test_the_distribution_name_is_free_and_used_everywhere():
    # pip install reportkit installed an unrelated document engine
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert re.search(r'^name = "reportkit-cn"$', text, re.M)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "pip install reportkit\n" not in readme and "'reportkit[" not in readme
    from reportkit.rules import HELP_URI
    assert "/project/reportkit-cn/" in HELP_URI


def test_the_pre_commit_hook_leaves_markdown_alone():
    # files: \.(txt|md|csv|tsv)$ made every commit fail on README.md with RK106
    hook = (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    pattern = re.search(r"files: (.+)$", hook, re.M)[1]
    assert not re.search(pattern, "README.md") and re.search(pattern, "reports/2024.txt")


def test_the_readme_workflow_uploads_sarif_before_a_gating_step():
    # the -f github step exited 1 first, so SARIF was never uploaded
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    steps = readme[readme.index("upload-sarif") - 400: readme.index("upload-sarif") + 300]
    assert "--exit-zero > reportkit.sarif" in steps and steps.index("upload-sarif") < steps.index("-f github")


# ---------------------------------------------------------------- ruff's conventions

def test_explain_one_rule():
    r = run("rule", "RK203")
    assert r.exit_code == 0 and "percent_mismatch" in r.stdout and "# noqa: RK203" in r.stdout
    assert run("rule", "percent_mismatch").stdout == r.stdout
    assert _run("rule", "RK999").exit_code == 2


def test_exit_zero_statistics_and_output_file(bad, tmp_path):
    assert _run("check", bad).exit_code == 1
    r = _run("check", bad, "--exit-zero", "--statistics")
    assert r.exit_code == 0 and re.search(r"^\s+2\s+RK203\s+percent_mismatch\s+error$", r.stdout, re.M)
    out = tmp_path / "findings.txt"
    r = _run("check", bad, "--output-file", out)
    assert r.exit_code == 1 and r.stdout == "" and "RK203" in out.read_text(encoding="utf-8")


def test_a_line_can_silence_a_rule(tmp_path):
    f = tmp_path / "noqa.txt"
    f.write_text(TABLE.replace("| 95%", "| 95%  # noqa: RK203").replace("| 70%", "| 70%  # noqa"), encoding="utf-8")
    assert "RK203" not in _run("check", f).stdout
    g = tmp_path / "other.txt"
    g.write_text(TABLE.replace("| 95%", "| 95%  # noqa: RK101"), encoding="utf-8")
    assert "(item 1)" in _run("check", g).stdout


def test_findings_name_their_column(bad):
    # file:line:col was always :1
    r = _run("check", bad)
    line = next(s for s in r.stdout.splitlines() if "RK203" in s and "item 1" in s)
    col = int(line.split(":")[2])
    assert TABLE.splitlines()[1][col - 1:].startswith("95%")


@pytest.mark.parametrize("args, env, coloured", [
    (["--color", "always"], {}, True), (["--color", "never"], {"FORCE_COLOR": "1"}, False),
    ([], {"FORCE_COLOR": "1"}, True), ([], {}, False),           # not a terminal: no colour
])
def test_colour_control(bad, monkeypatch, args, env, coloured):
    for k in ("FORCE_COLOR", "NO_COLOR"):
        monkeypatch.delenv(k, raising=False)
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    r = _run("check", bad, *args)
    assert ("\x1b[" in r.stdout) == coloured


# ---------------------------------------------------------------- csvkit's conventions

def test_piped_input_needs_no_dash(bad):
    r = _run("parse", "-f", "jsonl", "-q", input=TABLE)
    assert r.exit_code == 0 and len(r.stdout.splitlines()) == 2
    assert "<stdin>" in _run("check", input=TABLE).stdout


def test_a_short_encoding_flag(tmp_path):
    f = tmp_path / "gbk.txt"
    f.write_bytes(TABLE.encode("gbk"))
    r = _run("parse", f, "-e", "gbk", "-f", "jsonl", "-q")
    assert r.exit_code == 0 and json.loads(r.stdout.splitlines()[0])["task"] == "新建站点5个"


# ---------------------------------------------------------------- frictionless' validation report

def test_a_validation_report(bad, tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("序号 | 工作任务 | 进展情况 | 完成进度\n1 | 新建站点5个 | 已建成4个（截至2024年9月） | 80%\n",
                    encoding="utf-8")
    report = json.loads(_run("check", bad, good, "-f", "report").stdout)
    assert report["valid"] is False and report["stats"]["files"] == 2 and report["stats"]["error"] == 2
    by_file = {Path(t["file"]).name: t for t in report["tasks"]}
    assert by_file["bad.txt"]["valid"] is False and by_file["good.txt"]["valid"] is True
    assert {f["code"] for f in by_file["bad.txt"]["findings"]} >= {"RK203"}


# ---------------------------------------------------------------- batch tools: rerun only new files

def test_skip_existing(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(TABLE, encoding="utf-8")
    assert _run("parse", src, "-o", f"{tmp_path}/out/", "-q").exit_code == 0
    (src / "b.txt").write_text(TABLE, encoding="utf-8")
    before = (tmp_path / "out" / "a.csv").stat().st_mtime_ns
    r = _run("parse", src, "-o", f"{tmp_path}/out/", "-q", "--skip-existing")
    assert r.exit_code == 0 and "1 input(s) left out" in r.stderr
    assert (tmp_path / "out" / "b.csv").exists() and (tmp_path / "out" / "a.csv").stat().st_mtime_ns == before
    assert _run("parse", src / "a.txt", "--skip-existing").exit_code == 2      # needs a folder output


# ---------------------------------------------------------------- pandas' on_bad_lines

def test_read_report_on_error(tmp_path):
    pytest.importorskip("pandas")
    (tmp_path / "a.txt").write_text(TABLE, encoding="utf-8")
    (tmp_path / "b.txt").write_text("没有表格也没有编号。\n", encoding="utf-8")
    with pytest.raises(reportkit.ReportkitError):
        reportkit.read_report(tmp_path)
    with pytest.warns(UserWarning, match="b.txt"):
        df = reportkit.read_report(tmp_path, on_error="warn")
    assert len(df) == 2 and isinstance(df["flags"].iloc[0], list)
    assert len(reportkit.read_report(tmp_path, on_error="skip")) == 2


def test_read_reports_on_dask_reports_failures_and_keeps_types(tmp_path):
    pytest.importorskip("dask.dataframe")
    import reportkit.dask as rd

    (tmp_path / "a.txt").write_text(TABLE, encoding="utf-8")
    (tmp_path / "b.txt").write_text("没有表格也没有编号。\n", encoding="utf-8")
    with pytest.raises(reportkit.ReportkitError):
        rd.read_reports(tmp_path).compute(scheduler="synchronous")
    df = rd.read_reports(tmp_path, on_error="skip").compute(scheduler="synchronous")
    assert len(df) == 2
    for column in ("metrics", "flags", "extra"):
        assert not isinstance(df[column].iloc[0], str), column
    assert df["flags"].iloc[0] == reportkit.read_report(tmp_path / "a.txt")["flags"].iloc[0]


# ---------------------------------------------------------------- more first-day defects

def test_sibling_lists_in_an_outline_are_no_duplicates():
    # check raised RK102 errors on (1)-(9) after 按照区县分 and (1)-(4) after 按照产业类别分
    text = ("一、资金使用情况\n按照区县分:\n(1)甲县支持企业5家,完成5家。\n(2)乙县支持企业3家,完成3家。\n"
            "按照产业类别分:\n(1)数字经济类项目4个,完成4个。\n(2)技术改造类项目2个,完成2个。\n")
    records = reportkit.parse_text(text)
    assert not any("duplicate_item_no" in r.flags for r in records)
    table = "序号 | 工作任务 | 进展情况 | 完成进度\n1 | 新建站点5个 | 已建成4个 | 80%\n1 | 改造道路10公里 | 已完成5公里 | 50%\n"
    assert all("duplicate_item_no" in r.flags for r in reportkit.parse_text(table))   # a table's are


def test_parse_finds_the_config_check_finds(tmp_path):
    # a header word added in reportkit.yaml was used by check and not by parse
    (tmp_path / "reportkit.yaml").write_text("headers:\n  target:\n    add: [应完成数]\n", encoding="utf-8")
    f = tmp_path / "r.txt"
    f.write_text("序号 | 事项 | 应完成数 | 进展情况\n1 | 新建站点 | 5个 | 已建成4个\n2 | 改造道路 | 10公里 | 已完成5公里\n",
                 encoding="utf-8")
    r = _run("parse", f, "-f", "jsonl", "-q")
    assert [json.loads(x)["target_value"] for x in r.stdout.splitlines()] == [5, 10]


def test_a_suffix_that_contradicts_the_format(bad, tmp_path):
    # -o out.xlsx -f jsonl wrote JSONL into a file named .xlsx
    r = _run("parse", bad, "-o", tmp_path / "out.xlsx", "-f", "jsonl")
    assert r.exit_code == 2 and "contradicts" in r.stderr and not (tmp_path / "out.xlsx").exists()


def test_a_directive_is_never_the_title(tmp_path):
    # a '# reportkit: disable=RK207' line became doc_title
    records = reportkit.parse_text("# reportkit: disable=RK207\n某县进展表\n" + TABLE)
    assert records[0].doc_title == "某县进展表"


def test_check_counts_the_files_it_read(bad, tmp_path):
    # check missing.txt printed "1 file(s) checked"
    r = _run("check", tmp_path / "missing.txt", bad)
    assert r.exit_code == 2 and "1 file(s) checked" in r.stdout and "1 could not be read" in r.stdout


def test_scheduler_needs_the_dask_engine(bad):
    r = _run("parse", bad, "--scheduler", "tcp://127.0.0.1:8786")
    assert r.exit_code == 2 and "--engine dask" in r.stderr


def test_folder_patterns_match_any_case(tmp_path):
    # folders skipped .TXT
    (tmp_path / "A.TXT").write_text(TABLE, encoding="utf-8")
    assert len(_run("parse", tmp_path, "-f", "jsonl", "-q").stdout.splitlines()) == 2


def test_a_terminal_table():
    from reportkit.output import render_table

    lines = render_table(reportkit.parse_text(TABLE)).splitlines()
    assert lines[0].split() == ["item", "task", "target", "actual", "%", "status"]
    assert lines[1].split()[:5] == ["1", "新建站点5个", "5个", "4个", "95"]


def test_tw_changes_the_script_and_twp_the_vocabulary_too():
    # --to tw rewrote vocabulary (优化 -> 最佳化), not only the script
    text = "序号 | 工作任务 | 进展情况 | 完成进度\n1 | 优化软件服务5项 | 已完成4项 | 80%\n"
    assert reportkit.parse_text(text, to="tw")[0].task == "優化軟件服務5項"
    assert reportkit.parse_text(text, to="twp")[0].task == "最佳化軟體服務5項"


def test_a_result_set_against_last_year_is_no_target():
    # seed 002 read 超去年全年3倍以上 (a result compared with last year) as a target of 3 倍
    text = "一、工作进展\n(一)知识产权。全市质押金额达到38.6亿元,超去年全年3倍以上。\n"
    records = reportkit.parse_text(text)
    assert not any(m.target and m.target.unit == "倍" for r in records for m in r.metrics)


def test_a_metric_is_named_without_its_comparison_or_list_number():
    # metric names were fragments: 全年送戏下乡不少于, 2)送戏下乡
    text = "序号 | 工作任务 | 进展情况 | 完成进度\n1 | 全年送戏下乡不少于300场 | 已完成186场 | 62%\n" \
           "2 | 2)培训农民200人次 | 已培训150人次 | 75%\n"
    assert [m.name for r in reportkit.parse_text(text) for m in r.metrics] == ["全年送戏下乡", "培训农民"]


def test_the_workbook_findings_sheet_lists_document_findings(tmp_path):
    # the XLSX findings sheet omitted document-level findings (no as-of date, inline pinyin)
    openpyxl = pytest.importorskip("openpyxl")
    f = tmp_path / "p.txt"
    f.write_text(TABLE.replace("新建站点", "新建(xīn)站点"), encoding="utf-8")
    for out in (tmp_path / "one.xlsx", tmp_path / "folder"):
        target = out if out.suffix else out / "p.xlsx"
        args = ["-o", out] if out.suffix else ["-o", f"{out}/", "-f", "xlsx"]
        assert _run("parse", f, "-q", *args).exit_code == 0
        rows = list(openpyxl.load_workbook(target)["findings"].iter_rows(values_only=True))
        assert {r[3] for r in rows[1:] if r[2] is None} >= {"RK302", "RK401"}


def test_a_bound_in_a_reviewed_year_reports_a_result():
    # seed 004 read the 2020 result 全年,新创建…1570家以上 as a target: in a report that
    # reviews one year and then plans the next, the review's bounds report work done
    text = ("某局2020年工作总结及2021年工作思路\n一、2020年工作回顾\n全年,新创建示范商店1570家以上,放心工厂48家。\n"
            "二、2021年工作思路\n计划新增示范商店1200家以上。\n")
    records = reportkit.parse_text(text)
    review, plan = records[0], records[-1]
    assert review.target_value is None and not any(m.target for m in review.metrics)
    assert plan.target_value == 1200 and plan.target_qualifier == ">="
    # without a plan part, the same bound is the item's target
    alone = reportkit.parse_text("一、工作进展\n全年,新创建示范商店1570家以上,放心工厂48家。\n")
    assert alone[0].target_value == 1570


def test_one_said_twice_in_parallel_is_no_figure():
    # seed 004: 通过整治一个行业,实现规范一个行业的目的 was a target of 1 个
    from reportkit.quantities import extract_quantities

    assert extract_quantities("通过整治一个行业,实现规范一个行业的目的") == []
    assert [q.value for q in extract_quantities("拟在1个专业市场、1个大型商超建立试点")] == [1, 1]
    assert len(extract_quantities("新建一个公园。改造一个广场")) == 2


@pytest.mark.parametrize("text,name", [
    # 拟在 was the name: a preposition before the figure names nothing, the words after it do
    ("一、工作进展\n拟在1个专业市场建立保护服务体系首批试点。\n", "专业市场建立保护服务体系首批试点"),
    # an unmatched quote: 品字标”认证产品
    ("一、工作进展\n计划新增团体标准5项以上,“品字标”认证产品5个以上。\n", "“品字标”认证产品"),
    # the comparison verb is no part of the name: 覆盖率达到
    ("一、工作进展\n力争农贸市场覆盖率达到50%以上。\n", "农贸市场覆盖率"),
    ("一、工作进展\n新增规上工业企业力争达到5家。\n", "新增规上工业企业"),
])
def test_a_metric_is_named_by_its_noun_phrase(text, name):
    assert name in [m.name for r in reportkit.parse_text(text) for m in r.metrics]


def test_a_report_on_a_figure_does_not_name_it():
    # the words after a figure name it only when they are no report of work done
    text = "一、工作进展\n县里提出建设20个养老服务点的目标,目前已建成16个,市下达任务15个已全部完成。\n"
    names = [m.name for r in reportkit.parse_text(text) for m in r.metrics]
    assert "已全部完成" not in names


def test_hant_converts_the_simplified_characters_of_a_traditional_report():
    # --to hant copied a Traditional report's fields as written: 示范, 先后 stayed Simplified
    text = "序號 | 工作任務 | 進展情況 | 完成進度\n1 | 建成食品安全示范區5個 | 專家組先后驗收4個 | 80%\n"
    record = reportkit.parse_text(text, to="hant")[0]
    assert record.task == "建成食品安全示範區5個" and record.progress_text == "專家組先後驗收4個"
    # keep is as written
    assert reportkit.parse_text(text, to="keep")[0].task == "建成食品安全示范區5個"


def test_hant_writes_the_forms_in_common_use():
    # --to hant gave 爲 (opencc's inherited form) where Taiwan and Hong Kong write 為
    text = "序号 | 工作任务 | 进展情况 | 完成进度\n1 | 以群众满意为目标改造5处 | 已改造4处 | 80%\n"
    task = reportkit.parse_text(text, to="hant")[0].task
    assert "為" in task and "爲" not in task and "群" in task


@pytest.mark.parametrize("first,title", [
    # the page named the samples' reports 单位：万元 and 发件人: 河湾县政府办
    ("单位：万元", None),
    ("发件人: 某县政府办\n主题: 某县2024年民生任务半年情况", "某县2024年民生任务半年情况"),
    ("附件2 某县城乡环境整治任务进度", "某县城乡环境整治任务进度"),
    ("附表1：某县重点项目进度表", "某县重点项目进度表"),
])
def test_a_note_before_the_body_is_no_title(first, title):
    text = first + "\n| 序号 | 工作任务 | 目标 | 完成 |\n| 1 | 新建站点 | 5个 | 4个 |\n"
    assert reportkit.parse_text(text)[0].doc_title == title
