"""`reportkit check`: rules with stable codes, the formats CI tools read, settings.

`RULE_CASES` holds, for every rule, a report that triggers it and one that
does not; the other tests cover the output formats (SARIF against the OASIS
schema, JUnit XML, GitHub workflow commands), configuration and exit codes.
"""
from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree as ET

import jsonschema
import pytest

import reportkit
from reportkit.lint import Settings, check_bytes, load_settings
from reportkit.rules import BY_CODE, RULES, rules_table
from conftest import ROOT, SEEDS, needs_shared, run_cli

HEADER = "序号 | 工作任务 | 进展情况 | 完成进度\n"
CLEAN = "某局2024年重点工作进展(截至6月30日)\n" + HEADER.replace("进展情况", "进展情况(截至6月底)") + (
    "1 | 新建站点5个 | 已建成4个 | 80%\n"
    "2 | 改造道路10公里 | 已完成5公里 | 50%\n"
    "3 | 培训人员200人次 | 已培训200人次 | 100%\n")


def table(*rows: str, header: str = HEADER, before: str = "") -> str:
    return before + header + "".join(r + "\n" for r in rows)


@dataclass(frozen=True)
class RuleCase:
    code: str
    triggers: str
    clean: str


RULE_CASES = [
    RuleCase("RK101", table("1 | 新建站点5个 | 已建成4个 | 80%", "2 | 新建站点5个 | 已建成4个 | 80%",
                            "4 | 新建站点5个 | 已建成4个 | 80%"), CLEAN),
    RuleCase("RK102", table("1 | 新建站点5个 | 已建成4个 | 80%", "2 | 新建站点5个 | 已建成4个 | 80%",
                            "2 | 新建站点5个 | 已建成4个 | 80%"), CLEAN),
    RuleCase("RK103", table("1 | 新建站点5个 | 已建成4个 | 80% | 多出的一格", "2 | 新建站点5个 | 已建成4个 | 80%"),
             CLEAN),
    RuleCase("RK104", table("1 | 新建站点5个 | 已建成4个 | 80% | 市文旅局",
                            header="序号 | 工作任务 | 进展情况 | 完成进度 | 经办处室\n"), CLEAN),
    RuleCase("RK105", table("1 | 新建站点5个 | 已建成4个 | 80%") + "\n注:以上数据为初步统计。\n", CLEAN),
    RuleCase("RK106", "hello world\nthis is not a report\n", CLEAN),
    RuleCase("RK201", table("1 | 新建站点5个 | 已建成4个 | 250%"), CLEAN),
    RuleCase("RK202", table("1 | 新建站点5个 | 已建成6个 | 80%"), CLEAN),
    RuleCase("RK203", table("1 | 新建站点10个 | 已建成5个 | 90%"), CLEAN),
    RuleCase("RK204", table("1 | 新建站点10个 | 已建成5个 | 已完成"), CLEAN),
    RuleCase("RK205", table("1 | 完成投资2亿元 | 已完成投资3万元 | 150%"), CLEAN),
    RuleCase("RK206", table("1 | 新建站点5个 | 已建成4家 | 80%"), CLEAN),
    RuleCase("RK207", table("1 | 推进站点建设 | 方案已印发 | 50%"), CLEAN),
    RuleCase("RK208", table("1 | 新建站点5个 | 已建成4个 | " + "9" * 401 + "%"), CLEAN),
    RuleCase("RK209", table("1 | 销售占比提升3% | 销售占比为52% | 100%"), CLEAN),
    RuleCase("RK301", table("1 | 新建鄉鎮綜合文化站5個 | 已建成綜合文化站4個 | 80%",
                            "2 | 新建乡镇综合文化站5个 | 已建成综合文化站4个 | 80%"), CLEAN),
    RuleCase("RK302", table("1 | 新建(xīn)站点5个 | 已建成4个 | 80%"), CLEAN),
    RuleCase("RK303", "。ㄈ┺r(nóng)業(yè)工作\n" + table("1 | 新建站点5个 | 已建成4个 | 80%"), CLEAN),
    RuleCase("RK304", table("1 | 新建站点5个 | 已建成?(jī)4个 | 80%"), CLEAN),
    RuleCase("RK401", table("1 | 新建站点5个 | 已建成4个 | 80%"), CLEAN),
    RuleCase("RK402", table("1 | 新建站点5个 | 截至2024年6月30日,已建成4个 | 80%",
                            before="某局工作进展\n发布日期:2024-03-01\n"), CLEAN),
]


def codes_of(text: str, settings: Settings | None = None) -> set[str]:
    return {f.code for f in check_bytes(text.encode("utf-8"), "r.txt", settings or load_settings(None))}


def test_every_rule_has_a_case():
    assert sorted(c.code for c in RULE_CASES) == sorted(r.code for r in RULES)


@pytest.mark.parametrize("case", RULE_CASES, ids=lambda c: c.code)
def test_rule_triggers(case):
    assert case.code in codes_of(case.triggers)


@pytest.mark.parametrize("case", RULE_CASES, ids=lambda c: c.code)
def test_rule_stays_quiet(case):
    assert case.code not in codes_of(case.clean)


def test_the_clean_report_has_no_finding():
    assert codes_of(CLEAN) == set()


def test_fixed_codes_never_change():
    assert BY_CODE["RK101"].name == "item_no_gap"
    assert BY_CODE["RK203"].name == "percent_mismatch"
    for r in RULES:
        family = {"1": "structure", "2": "values", "3": "text", "4": "metadata"}[r.code[2]]
        assert r.code[:2] == "RK" and len(r.code) == 5, family


# ---------------------------------------------------------------- the command

run = run_cli


@pytest.fixture
def clean_file(tmp_path):
    f = tmp_path / "clean.txt"
    f.write_text(CLEAN, encoding="utf-8")
    return f


@pytest.fixture
def bad_file(tmp_path):
    f = tmp_path / "bad.txt"
    f.write_text(RULE_CASES[8].triggers, encoding="utf-8")  # RK203
    return f


def test_clean_report_prints_only_the_summary(clean_file):
    r = run("check", clean_file)
    assert r.exit_code == 0
    assert r.stdout == "1 file(s) checked: 0 error(s), 0 warning(s), 0 info\n"


def test_text_lines_are_located(bad_file):
    r = run("check", bad_file)
    assert r.exit_code == 1
    assert f"{bad_file}:2:23: RK203 [error] reported 90% but actual/target gives 50.0% (item 1)" in r.stdout
    assert r.stdout.rstrip().endswith("1 error(s), 0 warning(s), 1 info")


@needs_shared
def test_seed_gap_and_contradicting_percents():
    (seed,) = SEEDS.glob("000_*.txt")
    r = run("check", seed)
    assert r.exit_code == 1
    lines = r.stdout.splitlines()
    assert any(":31:1: RK101 [warning] item numbers jump from 29 to 32" in line for line in lines)
    assert sum(" RK203 [error] " in line for line in lines) >= 2


def test_fail_on_select_ignore(bad_file):
    assert run("check", bad_file, "--ignore", "RK203").exit_code == 0
    assert run("check", bad_file, "--select", "RK1,RK3").exit_code == 0
    assert run("check", bad_file, "--select", "RK2").exit_code == 1
    assert run("check", bad_file, "--ignore", "RK203", "--fail-on", "info").exit_code == 1  # RK401 is info
    assert run("check", bad_file, "--ignore", "percent_mismatch").exit_code == 0


def test_unknown_codes_are_usage_errors(bad_file):
    r = run("check", bad_file, "--select", "RK999")
    assert r.exit_code == 2 and "RK999" in r.stderr


def test_unreadable_input_is_exit_2(tmp_path, clean_file):
    r = run("check", clean_file, tmp_path / "missing.txt")
    assert r.exit_code == 2 and "missing.txt: no such file" in r.stderr


def test_glob_and_stdin(tmp_path, clean_file, bad_file):
    r = run("check", str(tmp_path / "*.txt"))
    assert r.exit_code == 1 and "2 file(s) checked" in r.stdout
    r = run("check", "-", input=CLEAN.encode("utf-8"))
    assert r.exit_code == 0


def test_list_rules_and_readme_table():
    r = run("check", "--list-rules")
    assert [line.split()[0] for line in r.stdout.splitlines()] == [rule.code for rule in RULES]
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert rules_table() in readme, "README rules table is stale: paste reportkit.rules.rules_table()"


# ---------------------------------------------------------------- formats

@pytest.fixture(scope="module")
def sarif_schema():
    return json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))


def test_sarif_validates_against_the_oasis_schema(bad_file, clean_file, sarif_schema):
    for f in (bad_file, clean_file):
        log = json.loads(run("check", f, "-f", "sarif").stdout)
        validator = jsonschema.validators.validator_for(sarif_schema)(sarif_schema)
        errors = list(validator.iter_errors(log))
        assert not errors, errors[0].message
    log = json.loads(run("check", bad_file, "-f", "sarif").stdout)
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert {"id", "name", "shortDescription", "helpUri", "defaultConfiguration"} <= set(rules[0])
    result = next(r for r in log["runs"][0]["results"] if r["ruleId"] == "RK203")
    assert rules[result["ruleIndex"]]["id"] == "RK203" and result["level"] == "error"
    assert result["locations"][0]["physicalLocation"]["region"] == {"startLine": 2, "startColumn": 23}  # where the percent cell starts


def test_sarif_fails_the_schema_when_broken(sarif_schema, bad_file):
    log = json.loads(run("check", bad_file, "-f", "sarif").stdout)
    log["runs"][0]["results"][0]["level"] = "fatal"
    validator = jsonschema.validators.validator_for(sarif_schema)(sarif_schema)
    assert list(validator.iter_errors(log))


def test_junit_is_one_suite_per_file_one_case_per_rule(bad_file, clean_file):
    r = run("check", bad_file, clean_file, "-f", "junit")
    root = ET.fromstring(r.stdout)
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == [str(bad_file), str(clean_file)]
    for s in suites:
        assert len(s.findall("testcase")) == len(RULES) == int(s.get("tests"))
    failed = [c for c in suites[0].findall("testcase") if c.find("failure") is not None]
    assert {c.get("name") for c in failed} == {"RK203 percent_mismatch"}     # errors fail (--fail-on error)
    assert "2:23: RK203" in failed[0].find("failure").text
    info = [c for c in suites[0].findall("testcase") if c.find("system-out") is not None]
    assert [c.get("name") for c in info] == ["RK401 no_as_of"]               # an info finding is listed, passes
    assert not [c for c in suites[1].findall("testcase") if c.find("failure") is not None]
    # every count counts test cases: the total is the sum of the suites'
    assert int(root.get("failures")) == sum(int(s.get("failures")) for s in suites) == 1
    assert int(root.get("tests")) == sum(int(s.get("tests")) for s in suites)
    strict = ET.fromstring(run("check", bad_file, "-f", "junit", "--fail-on", "info").stdout)
    assert int(strict.get("failures")) == 2


def test_github_workflow_commands(bad_file):
    r = run("check", bad_file, "-f", "github")
    assert r.stdout.splitlines() == [
        f"::notice file={bad_file},line=1,col=1,title=RK401::no as-of date (such as a dated header or a dated "
        "progress cell) was found",
        f"::error file={bad_file},line=2,col=23,title=RK203::reported 90%25 but actual/target gives 50.0%25 (item 1)",
    ]


def test_json_format(bad_file):
    found = json.loads(run("check", bad_file, "-f", "json").stdout)
    assert {"file", "line", "col", "code", "name", "severity", "item_no", "location", "message"} == set(found[0])


# ---------------------------------------------------------------- configuration

def test_config_file_severity_and_tolerance(tmp_path, bad_file):
    cfg = tmp_path / "rk.yaml"
    cfg.write_text("check:\n  severity: {RK203: warning}\n", encoding="utf-8")
    assert run("check", bad_file, "--config", cfg).exit_code == 0
    cfg.write_text("check:\n  percent_tolerance: 45\n", encoding="utf-8")
    assert "RK203" not in run("check", bad_file, "--config", cfg).stdout


def test_config_found_upward_and_in_pyproject(tmp_path):
    sub = tmp_path / "reports" / "2024"
    sub.mkdir(parents=True)
    f = sub / "r.txt"
    f.write_text(RULE_CASES[8].triggers, encoding="utf-8")
    assert run("check", f).exit_code == 1
    (tmp_path / "pyproject.toml").write_text("[tool.reportkit.check]\nignore = [\"RK203\"]\n", encoding="utf-8")
    assert run("check", f).exit_code == 0
    (tmp_path / "reports" / "reportkit.yaml").write_text("check:\n  select: [RK2]\n", encoding="utf-8")
    assert run("check", f).exit_code == 1  # the nearer file wins


def test_per_path_ignores(tmp_path):
    (tmp_path / "drafts").mkdir()
    f = tmp_path / "drafts" / "r.txt"
    f.write_text(RULE_CASES[8].triggers, encoding="utf-8")
    (tmp_path / "reportkit.yaml").write_text("check:\n  per_path_ignores:\n    'drafts/*.txt': [RK2]\n",
                                             encoding="utf-8")
    assert run("check", f).exit_code == 0


@pytest.mark.parametrize("content,named", [
    ("check:\n  selekt: [RK1]\n", "selekt"),
    ("check:\n  ignore: [RK777]\n", "RK777"),
    ("check:\n  severity: {RK203: fatal}\n", "check.severity.RK203"),
    ("chekc:\n  ignore: [RK1]\n", "chekc"),
])
def test_bad_settings_name_the_key(tmp_path, bad_file, content, named):
    cfg = tmp_path / "rk.yaml"
    cfg.write_text(content, encoding="utf-8")
    r = run("check", bad_file, "--config", cfg)
    assert r.exit_code == 2 and named in r.stderr


def test_disable_comment_in_the_report(tmp_path):
    f = tmp_path / "r.txt"
    f.write_text("# reportkit: disable=RK203, RK4\n" + RULE_CASES[8].triggers, encoding="utf-8")
    r = run("check", f)
    assert r.exit_code == 0 and r.stdout.startswith("1 file(s) checked: 0 error(s)")
    f.write_text("# reportkit: disable=RK999\n" + RULE_CASES[8].triggers, encoding="utf-8")
    assert run("check", f).exit_code == 2


def test_library_findings_carry_codes():
    result = reportkit.parse_bytes(RULE_CASES[8].triggers.encode("utf-8"), source="r.txt")
    assert [f.code for f in reportkit.findings(result)] == ["RK401", "RK203"]


# ---------------------------------------------------------------- pre-commit

def test_pre_commit_hook_definition():
    import yaml

    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["entry"].split()[:2] == ["reportkit", "check"] and hook["language"] == "python"
    import re

    assert re.search(hook["files"], "reports/q3.txt") and not re.search(hook["files"], "setup.py")


@pytest.mark.skipif(shutil.which("pre-commit") is None, reason="pre-commit is not installed")
def test_pre_commit_try_repo(tmp_path):
    sample = tmp_path / "clean.txt"
    sample.write_text(CLEAN, encoding="utf-8")
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    subprocess.run(["git", "add", "clean.txt"], cwd=tmp_path, check=True)
    p = subprocess.run(["pre-commit", "try-repo", str(ROOT), "reportkit-check", "--files", "clean.txt"],
                       cwd=tmp_path, capture_output=True, text=True, timeout=600)
    assert p.returncode == 0, p.stdout + p.stderr
    assert "Passed" in p.stdout
