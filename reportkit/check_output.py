"""How `reportkit check` writes its findings: text lines, a JSON list, SARIF
2.1.0, GitHub Actions workflow commands or a JUnit XML report.
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__
from .rules import BY_CODE, HELP_URI, LEVELS, Rule

if TYPE_CHECKING:
    from .lint import Finding

FINDING_FORMATS = ("text", "json", "report", "sarif", "github", "junit")


def render_findings(found: list[Finding], fmt: str, files: list[str] | None = None,
                    rules: list[Rule] | None = None, color: bool = False, fail_on: str = "error") -> str:
    """Findings in `fmt`: text, json, sarif, github or junit.

    `files` (all files checked, for JUnit's test suites) and `rules` (the
    rules that ran, for SARIF's and JUnit's rule lists) default to what the
    findings name.
    """
    files = files if files is not None else sorted({f.file or "<input>" for f in found})
    rules = rules if rules is not None else [BY_CODE[c] for c in sorted({f.code for f in found})]
    if fmt == "text":
        return "".join(_text_line(f, color) + "\n" for f in found)
    if fmt == "json":
        return json.dumps([_finding_dict(f) for f in found], ensure_ascii=False, indent=1) + "\n"
    if fmt == "report":
        return json.dumps(validation_report(found, files, fail_on), ensure_ascii=False, indent=1) + "\n"
    if fmt == "sarif":
        return json.dumps(sarif_log(found, rules), ensure_ascii=False, indent=1) + "\n"
    if fmt == "github":
        return "".join(_github_line(f) + "\n" for f in found)
    if fmt == "junit":
        return junit_xml(found, files, rules, fail_on)
    raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FINDING_FORMATS)}")


_COLORS = {"error": "red", "warning": "yellow", "info": "cyan"}


def _text_line(f: Finding, color: bool) -> str:
    """``file:line:col: RK203 [error] message (item 7)``, and where in a workbook,
    page or document: ``(item 7, 进度!A12:G12)``."""
    import click

    code, level = f.code, f"[{f.severity}]"
    if color:
        code, level = click.style(code, bold=True), click.style(level, fg=_COLORS[f.severity])
    return f"{f.file}:{f.line}:{f.col}: {code} {level} {f.message}{_where(f)}"


def _where(f: Finding) -> str:
    parts = ([f"item {f.item_no}"] if f.item_no else []) + ([f.location] if f.location else [])
    return f" ({', '.join(parts)})" if parts else ""


def summary_line(found: list[Finding], files: int) -> str:
    """``N file(s) checked: E error(s), W warning(s), I info``."""
    counts = {lvl: sum(f.severity == lvl for f in found) for lvl in LEVELS}
    return (f"{files} file(s) checked: {counts['error']} error(s), {counts['warning']} warning(s), "
            f"{counts['info']} info")


def validation_report(found: list[Finding], files: list[str], fail_on: str = "error") -> dict:
    """A validation report in the manner of frictionless: valid or not overall
    and per file (a file is invalid with a finding at or above `fail_on`),
    counts by severity, and each file's findings."""
    def counts(fs: list[Finding]) -> dict[str, int]:
        return {lvl: sum(f.severity == lvl for f in fs) for lvl in LEVELS}

    def invalid(fs: list[Finding]) -> bool:
        return any(LEVELS[f.severity] >= LEVELS[fail_on] for f in fs)
    tasks = []
    for name in files:
        mine = [f for f in found if (f.file or "<input>") == name]
        tasks.append({"file": name, "valid": not invalid(mine), "stats": counts(mine),
                      "findings": [_finding_dict(f) for f in mine]})
    return {"valid": not invalid(found), "stats": {"files": len(files), **counts(found)}, "tasks": tasks}


def statistics_table(found: list[Finding]) -> str:
    """The findings counted by rule, most first (as ``ruff --statistics``)::

        3  RK203  percent_mismatch   error
    """
    counts: dict[str, int] = {}
    for f in found:
        counts[f.code] = counts.get(f.code, 0) + 1
    return "".join(f"{n:>5}  {code}  {BY_CODE[code].name:<30} {BY_CODE[code].severity}\n"
                   for code, n in sorted(counts.items(), key=lambda x: (-x[1], x[0])))


def explain_rule(rule: Rule) -> str:
    """One rule explained: code, name, severity, what it finds, its message and how to silence it."""
    template = rule.message.replace("{", "<").replace("}", ">")
    return (f"{rule.code} ({rule.name}), {rule.severity}\n\n{rule.summary}\n\n"
            f"Message: {template}\n\n"
            f"Silence it for one report with a line  # reportkit: disable={rule.code}\n"
            f"for one line with a comment at its end  # noqa: {rule.code}\n"
            f"or for a run with  --ignore {rule.code}  (or  ignore: [{rule.code}]  in reportkit.yaml).\n")


def _finding_dict(f: Finding) -> dict:
    return {"file": f.file, "line": f.line, "col": f.col, "code": f.code, "name": f.rule.name,
            "severity": f.severity, "item_no": f.item_no, "location": f.location, "message": f.message}


def _github_escape(text: str, property_value: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if property_value else text


def _github_line(f: Finding) -> str:
    """A GitHub Actions workflow command: ``::error file=…,line=…,col=…,title=RK203::message``."""
    command = {"error": "error", "warning": "warning", "info": "notice"}[f.severity]
    props = ",".join(f"{k}={_github_escape(str(v), True)}" for k, v in
                     (("file", f.file or "<input>"), ("line", f.line), ("col", f.col), ("title", f.code)))
    item = _where(f)
    return f"::{command} {props}::{_github_escape(f.message + item)}"


_SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def sarif_log(found: list[Finding], rules: list[Rule]) -> dict:
    """Findings as a SARIF 2.1.0 log: one run, its rules with their metadata, one result per finding."""
    index = {r.code: i for i, r in enumerate(rules)}
    return {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "reportkit", "version": __version__, "informationUri": HELP_URI,
                "rules": [{"id": r.code, "name": r.name, "shortDescription": {"text": r.summary},
                           "helpUri": r.help_uri, "defaultConfiguration": {"level": _SARIF_LEVEL[r.severity]}}
                          for r in rules]}},
            "results": [{
                "ruleId": f.code, **({"ruleIndex": index[f.code]} if f.code in index else {}),
                "level": _SARIF_LEVEL[f.severity], "message": {"text": f.message},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": _uri(f.file)},
                                                    "region": {"startLine": f.line, "startColumn": f.col}},
                               # where the source itself places it: a sheet's cells, a PDF page, a table row
                               **({"logicalLocations": [{"fullyQualifiedName": f.location, "kind": "element"}]}
                                  if f.location else {})}]}
                for f in found],
        }],
    }


def _uri(path: str | None) -> str:
    """A relative file name as a URI reference (forward slashes, spaces escaped)."""
    from urllib.parse import quote

    return quote(Path(path).as_posix()) if path and path != "<stdin>" else "stdin"


def junit_xml(found: list[Finding], files: list[str], rules: list[Rule], fail_on: str = "error") -> str:
    """A JUnit XML report: one test suite per file, one test case per rule. A
    case fails when the rule found something at or above `fail_on` (what makes
    `check` exit 1); findings below it are listed in the case's system-out and
    the case passes. Every count (the suites' and the total) counts cases."""
    from xml.etree import ElementTree as ET

    suites = ET.Element("testsuites", name="reportkit", tests=str(len(files) * len(rules)), failures="0")
    failed_cases = 0
    for name in files:
        mine = [f for f in found if (f.file or "<input>") == name]
        suite = ET.SubElement(suites, "testsuite", name=name, tests=str(len(rules)), failures="0", errors="0",
                              skipped="0")
        failed = 0
        for rule in rules:
            case = ET.SubElement(suite, "testcase", classname=name, name=f"{rule.code} {rule.name}")
            hits = [f for f in mine if f.code == rule.code]
            serious = [f for f in hits if LEVELS[f.severity] >= LEVELS[fail_on]]
            if serious:
                failed += 1
                failure = ET.SubElement(case, "failure", type=rule.code,
                                        message=f"{len(hits)} finding(s): {rule.summary}")
                failure.text = "\n".join(_text_line(f, False) for f in hits)
            elif hits:
                ET.SubElement(case, "system-out").text = "\n".join(_text_line(f, False) for f in hits)
        suite.set("failures", str(failed))
        failed_cases += failed
    suites.set("failures", str(failed_cases))
    ET.indent(suites)
    # characters XML 1.0 cannot hold at all (control characters from a file's text or name) are escaped
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + _XML_INVALID.sub(
        lambda m: m[0].encode("unicode_escape").decode("ascii"), ET.tostring(suites, encoding="unicode")) + "\n"


_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
