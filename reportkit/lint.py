"""`reportkit check` as a library: located findings from rules, and their settings.

`findings(result)` lists every finding of one parsed report, each from a rule
of `rules.py`: the flags of its records, text outside every item, pinyin left
in the text, a document that mixes scripts, no as-of date. `check_bytes`
parses and lists in one call, turning a report with nothing to read into a
finding (RK106) rather than an error.

`Settings` say which rules run and how severe they are. They come from a
config file: ``--config FILE``, else the nearest ``reportkit.yaml`` or
``pyproject.toml`` with a ``[tool.reportkit]`` table in the folders above the
checked file (`find_config`). A report can also silence rules for itself with
a line such as ``# reportkit: disable=RK101,RK2``.
"""
from __future__ import annotations

import fnmatch
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

import regex

from .checks import TOLERANCE
from .errors import NoItemsError, UsageError
from .models import ParseResult
from .pipeline import parse_bytes
from .rules import BY_CODE, BY_NAME, LEVELS, RULES, Rule, Severity, matches, unknown_selectors
from .vocab import CHECK_SECTION, Vocab, file_stamp, load_vocab, pyproject_table, read_config, vocab_from_config

CONFIG_NAMES = ("reportkit.yaml", "reportkit.yml", "pyproject.toml")
# the codes are checked apart (`_CODES`): one pattern over codes and spaces would try every split
# of a line padded with spaces, in time growing with the square of its length
_DIRECTIVE = regex.compile(r"^\s*+#\s*+reportkit:\s*+disable\s*+=(?P<codes>.*)$")
_CODES = regex.compile(r"[\w\s,]*+")


@dataclass(frozen=True)
class Finding:
    """One problem found in a report, located by file, line and column."""
    file: str | None
    line: int
    col: int
    code: str
    severity: Severity
    message: str
    item_no: str | None = None
    location: str | None = None    # where in a structured source: sheet!A12, table 1, row 3, a PDF page

    @property
    def rule(self) -> Rule:
        return BY_CODE[self.code]


@dataclass(frozen=True)
class Settings:
    """Which rules run, how severe they are, and the vocabulary to parse with."""
    vocab: Vocab
    select: tuple[str, ...] = ()              # empty: every rule
    ignore: tuple[str, ...] = ()
    severity: tuple[tuple[str, Severity], ...] = ()
    percent_tolerance: float = TOLERANCE
    per_path_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    root: Path | None = None                  # per-path globs are relative to it
    source: str | None = None                 # the config file, if any

    def with_cli(self, select: tuple[str, ...] = (), ignore: tuple[str, ...] = ()) -> Settings:
        """Command-line --select replaces the config's; --ignore adds to it."""
        _refuse_unknown(select + ignore, "option")
        return replace(self, select=select or self.select, ignore=self.ignore + ignore)

    def active(self, code: str, path: str | None = None, disabled: tuple[str, ...] = ()) -> bool:
        """Whether the rule `code` runs on the file `path`."""
        if self.select and not matches(code, self.select):
            return False
        if matches(code, self.ignore) or matches(code, disabled):
            return False
        if path and self.per_path_ignores:
            rel = _relative(path, self.root)
            return not any(fnmatch.fnmatch(rel, glob) and matches(code, codes)
                           for glob, codes in self.per_path_ignores)
        return True

    def severity_of(self, code: str) -> Severity:
        for key, level in self.severity:
            if matches(code, [key]):
                return level
        return BY_CODE[code].severity


def _relative(path: str, root: Path | None) -> str:
    p = Path(path).resolve()
    if root is not None:
        try:
            return p.relative_to(root.resolve()).as_posix()
        except ValueError:
            pass
    return Path(path).as_posix()


def _refuse_unknown(selectors: tuple[str, ...] | list[str], where: str, source: str | None = None) -> None:
    unknown = unknown_selectors(list(selectors))
    if unknown:
        raise UsageError(f"unknown rule code(s) in {where}: {', '.join(unknown)} "
                         f"(see reportkit check --list-rules)", source=source)


def settings_from_config(data: dict[str, Any], where: str, root: Path | None = None) -> Settings:
    """Settings from config `data` (already read from `where`)."""
    vocab = vocab_from_config(data, where)
    check = data.get(CHECK_SECTION) or {}
    _refuse_unknown(check.get("select", []), "check.select", where)
    _refuse_unknown(check.get("ignore", []), "check.ignore", where)
    _refuse_unknown(list(check.get("severity", {})), "check.severity", where)
    for glob, codes in check.get("per_path_ignores", {}).items():
        _refuse_unknown(codes, f"check.per_path_ignores[{glob!r}]", where)
    return Settings(vocab, tuple(check.get("select", ())), tuple(check.get("ignore", ())),
                    tuple(check.get("severity", {}).items()), float(check.get("percent_tolerance", TOLERANCE)),
                    tuple((g, tuple(c)) for g, c in check.get("per_path_ignores", {}).items()), root, where)


def load_settings(config: str | None) -> Settings:
    """Settings from a config file (YAML, or pyproject.toml's [tool.reportkit]); defaults without one."""
    if not config:
        return Settings(load_vocab())
    return _settings_of_file(config, *file_stamp(config))


@lru_cache(maxsize=64)
def _settings_of_file(config: str, *stamp: int) -> Settings:
    return settings_from_config(read_config(config), config, Path(config).resolve().parent)


def find_config(path: str | Path) -> str | None:
    """The nearest config file in the folders from `path`'s up to the root."""
    here = Path(path).resolve()
    folder = here if here.is_dir() else here.parent
    for d in (folder, *folder.parents):
        for name in CONFIG_NAMES:
            candidate = d / name
            if candidate.is_file() and (name != "pyproject.toml" or pyproject_table(candidate) is not None):
                return str(candidate)
    return None


def directives(lines: list[str]) -> tuple[dict[int, tuple[str, ...]], tuple[str, ...]]:
    """Lines that are ``# reportkit: disable=...`` comments, and the rules they disable."""
    found: dict[int, tuple[str, ...]] = {}
    for no, line in enumerate(lines, 1):
        if "reportkit" in line:
            m = _DIRECTIVE.match(line)
            if m and _CODES.fullmatch(m["codes"]) and m["codes"].strip(" \t,"):
                found[no] = tuple(c for c in regex.split(r"[\s,]+", m["codes"]) if c)
    return found, tuple(c for codes in found.values() for c in codes)


#: which of a record's texts a rule's finding points at (the column of a finding)
_POINTS_AT = {"percent_out_of_range": "percent", "percent_mismatch": "percent", "magnitude_suspect": "actual",
              "exceeds_target_but_incomplete": "actual", "complete_below_target": "actual",
              "unit_mismatch": "actual", "no_target": "task", "item_no_gap": "item_no",
              "duplicate_item_no": "item_no", "value_overflow": "percent"}


def _column(flag: str, r: Any, lines: list[str], no: int) -> int:
    """The 1-based column on line `no` where the text a finding is about
    starts (the percent cell, the actual, the task, the item number), else 1."""
    line = lines[no - 1] if 0 < no <= len(lines) else ""
    what = _POINTS_AT.get(flag)
    anchors: list[str] = []
    if what == "percent" and r.percent_reported is not None:
        anchors = [f"{r.percent_reported:g}", str(r.percent_reported)]
    elif what == "actual":
        anchors = [r.progress_text or ""]
        if r.actual_value is not None:
            anchors.append(f"{r.actual_value:g}")
    elif what == "task":
        anchors = [r.task or ""]
    elif what == "item_no":
        anchors = [r.item_no or ""]
    for anchor in anchors:
        at = line.find(anchor[:20]) if anchor else -1
        if at >= 0:
            return at + 1
    return 1


def findings(result: ParseResult, marked: dict[int, tuple[str, ...]] | None = None) -> list[Finding]:
    """Every finding of one parsed report, with default severities, in line order.

    `marked` are the report's disable-comment lines (`directives`), when the
    caller has read them already."""
    source = result.source
    out: list[Finding] = []
    if marked is None:
        marked, _ = directives(result.clean.lines)

    lines = result.clean.lines

    def add(name: str, line: int, values: dict[str, Any], item_no: str | None = None,
            location: str | None = None, col: int = 1) -> None:
        rule = BY_NAME[name]
        out.append(Finding(source, line, col, rule.code, rule.severity, _message(rule, values), item_no, location))

    for span in result.document.unparsed:
        if all(no in marked for no in range(span.line_start, span.line_end + 1)):
            continue  # the directive lines themselves
        first = lines[span.line_start - 1] if 0 < span.line_start <= len(lines) else ""
        add("unparsed", span.line_start, {"line_start": span.line_start, "line_end": span.line_end,
                                          "text": span.text.splitlines()[0][:40]},
            col=len(first) - len(first.lstrip()) + 1)
    previous: dict[int, str] = {}  # table -> last numeric item number
    text_flags = ("mojibake", "lost_character")  # located by line, not by item
    for no in sorted(result.clean.line_flags):
        for flag in sorted(result.clean.line_flags[no]):
            if flag in text_flags:
                add(flag, no, {})
    for r in result.records:
        values = r.to_dict()
        values["published"] = result.document.published
        values["previous"] = previous.get(r.table, "")
        if r.item_no and r.item_no.isdecimal():
            previous[r.table] = r.item_no
        for flag in r.flags:
            if flag in BY_NAME and flag not in text_flags:
                add(flag, r.line_start, values, r.item_no, r.location, _column(flag, r, lines, r.line_start))
    for line, header in result.document.unknown_headers:
        add("unknown_header", line, {"header": header})
    pinyin_lines = sorted({fix.line for fix in result.clean.fixes if fix.kind == "pinyin"})
    if pinyin_lines:  # one finding per report: the lines are many, the fix is one
        add("pinyin", pinyin_lines[0], {"lines": len(pinyin_lines)})
    if result.script == "mixed":
        add("mixed_script", 1, {})
    if result.records and not any(r.as_of for r in result.records):
        add("no_as_of", 1, {})
    return sorted(out, key=lambda f: (f.line, f.code))


def _message(rule: Rule, values: dict[str, Any]) -> str:
    clean = {k: "" if v is None else v for k, v in values.items()}
    try:
        return rule.message.format(**clean)
    except (KeyError, ValueError, IndexError):
        return rule.summary


def check_bytes(data: bytes, source: str, settings: Settings, encoding: str | None = None) -> list[Finding]:
    """Parse a report and list its findings under `settings` (rules off, severities, directives).

    Undecodable bytes raise `InputError`; a report with nothing to read is the finding RK106.
    """
    try:
        # the findings need the cleaned lines (directives, # noqa): a large report is read whole
        result = parse_bytes(data, source=source, encoding=encoding, vocab=settings.vocab,
                             percent_tolerance=settings.percent_tolerance, whole=True)
    except NoItemsError as e:
        rule = BY_NAME["no_items"]
        found = [Finding(source, e.line or 1, 1, rule.code, rule.severity, e.message)]
        disabled: tuple[str, ...] = ()
    else:
        marked, disabled = directives(result.clean.lines)
        found = findings(result, marked)
        for no, codes in marked.items():
            _refuse_unknown(codes, "a disable comment", f"{source}:{no}")
        quiet = line_suppressions(result.clean.lines)
        for no, codes in quiet.items():
            if codes:
                _refuse_unknown(codes, "a noqa comment", f"{source}:{no}")
        found = [f for f in found if f.line not in quiet or quiet[f.line] and not matches(f.code, quiet[f.line])]
    return [replace(f, severity=settings.severity_of(f.code)) for f in found
            if settings.active(f.code, source, disabled)]


# `# noqa: RK203` or `# reportkit: disable-line=RK203` at the end of a line (no codes: every rule)
_NOQA = regex.compile(r"#\s*+(?:noqa|reportkit:\s*+disable-line)(?:\s*+[:=](?P<codes>[\w\s,]*+))?\s*+$")


def line_suppressions(lines: list[str]) -> dict[int, tuple[str, ...]]:
    """Lines that end in a suppression comment, and the rules it names (empty: all).
    Read from the line's last ``#``, so a line is looked at once."""
    out: dict[int, tuple[str, ...]] = {}
    for no, line in enumerate(lines, 1):
        at = line.rfind("#")
        m = _NOQA.match(line, at) if at >= 0 else None
        if m:
            out[no] = tuple(c for c in regex.split(r"[\s,]+", m["codes"] or "") if c)
    return out


def worst(found: list[Finding]) -> int:
    """The highest severity level among `found` (-1 for none)."""
    return max((LEVELS[f.severity] for f in found), default=-1)


__all__ = ["Finding", "Settings", "RULES", "findings", "check_bytes", "load_settings", "find_config",
           "settings_from_config", "directives", "line_suppressions", "worst"]
