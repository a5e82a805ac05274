"""Records as one self-contained HTML page to read at a glance (``-o report.html``).

The page holds, for a batch, an overview (one row per report with its counts,
a bar of its status mix and its completion; a chart of completion across the
reports drawn as inline SVG; links to each report), then each report: its
title, publisher, dates and source file, a summary line, the findings that
belong to no item, and its items as a table with a progress bar per item
(the reported percent as the bar, the computed percent as a marker, and the
difference written out where they disagree), target and actual with units,
the status as a label with a symbol and a word (never colour alone), the
flags with their rule code and message, and the text an item was read from
on demand (``<details>``).

It is one file: styles and the one small script are inline, nothing is
loaded from the network (a Content-Security-Policy forbids it, and allows
the script by its hash only), and everything works without the script; the
script adds sorting (click a column header) and filtering (by status, flag
or text). Every text from a report is escaped (`_e`), in content and in
attributes alike; ids and links are built from indices, never from text.

The page's own labels are in ``data/page.yaml``: Simplified, or Traditional
when the records' text is Traditional.
"""
from __future__ import annotations

import base64
import hashlib
import html
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any, Iterable, Mapping, Sequence

import yaml

from . import __version__
from .models import Record
from .rules import BY_CODE, BY_NAME, LEVELS

#: the statuses in the order the page lists them; ``none``: the report states no status (status null)
STATUSES = ("complete", "on_track", "in_progress", "behind", "not_started", "unknown", "none")
#: the symbol beside each status word, so that a status never rests on colour alone
STATUS_SYMBOLS = {"complete": "\u2713", "on_track": "\u2192", "in_progress": "\u25d0", "behind": "\u25bc",
                  "not_started": "\u25cb", "unknown": "?", "none": "\u2013"}
SEVERITIES = ("error", "warning", "info")
SEVERITY_SYMBOLS = {"error": "\u2716", "warning": "\u25b2", "info": "\u25c7"}
QUALIFIER_SIGNS = {">=": "\u2265", ">": ">", "<=": "\u2264", "<": "<", "~": "\u2248"}

#: percentage points by which a reported and a computed percent must differ for
#: the page to write both: reports round their percents to whole numbers, so a
#: smaller gap is the report's own rounding, not a contradiction
SHOWN_DIFFERENCE = 1.0
#: a bar is full at 100% of the target; a figure past it is written, not drawn
BAR_FULL = 100.0
#: the most bytes the page may spend on one record, on average over a batch (the
#: fixed styles and script left out): its row, the text shown on demand and its
#: report's share of the overview. Measured (benchmarks/RESULTS.md): 1.4 KB for the
#: bundled samples and for 500 reports made of them, 1.1 KB for the seed reports
#: (about 1.1 KB a record and 1.5 KB a report, over 10 KB for the page itself)
BYTES_PER_RECORD = 2048
#: the most room (in SVG units of a 960-wide chart) one report's column takes: a
#: chart of a few reports keeps narrow columns side by side instead of spreading them
CHART_STEP = 48.0
#: characters of a report's text used to tell whether the page is Traditional
SCRIPT_SAMPLE = 4000

_FONTS = {"hans": '"PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC","Source Han Sans SC",'
                  '"WenQuanYi Micro Hei"',
          "hant": '"PingFang TC","Microsoft JhengHei","Noto Sans CJK TC","Source Han Sans TC",'
                  '"WenQuanYi Micro Hei"'}


def _e(value: Any) -> str:
    """Any value as HTML text, safe in content and in quoted attributes alike."""
    return "" if value is None else html.escape(str(value), quote=True)


@lru_cache(maxsize=1)
def _labels_file() -> dict[str, Any]:
    text = resources.files("reportkit.data").joinpath("page.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


def labels(script: str = "hans") -> dict[str, Any]:
    """The page's words in `script` (``hans`` or ``hant``), from ``data/page.yaml``."""
    return _labels_file()[script]


@dataclass
class _Report:
    """One report of the page: its records (as dicts) and its findings of no record."""
    index: int
    source: str
    rows: list[dict[str, Any]]
    findings: list[Sequence[Any]]

    @property
    def first(self) -> dict[str, Any]:
        return self.rows[0] if self.rows else {}

    @property
    def title(self) -> str:
        """The report's title, else its file's name."""
        return self.first.get("doc_title") or self.source.replace("\\", "/").rsplit("/", 1)[-1]

    def statuses(self) -> Counter[str]:
        return Counter(r["status"] or "none" for r in self.rows)

    def severities(self) -> Counter[str]:
        found = Counter(BY_NAME[f].severity for r in self.rows for f in r["flags"] if f in BY_NAME)
        found.update(str(f[5]) for f in self.findings)
        return found

    def as_of(self) -> list[str]:
        """The report's as-of date, or the first and the last of its items' dates."""
        dates = sorted({r["as_of"] for r in self.rows if r.get("as_of")})
        return dates[:1] + dates[1:][-1:]

    def completion(self) -> float | None:
        """The mean completion of the items that state one (each at most 100)."""
        values = [v for v in map(_completion, self.rows) if v is not None]
        return sum(values) / len(values) if values else None


def _completion(row: Mapping[str, Any]) -> float | None:
    """How far an item got, 0-100: its percent (reported, else computed), else
    100 for complete and 0 for not started; None when nothing says."""
    p = _percent(row)
    if p is None:
        p = {"complete": 100.0, "not_started": 0.0}.get(row["status"] or "")
    return None if p is None else max(0.0, min(BAR_FULL, p))


def _percent(row: Mapping[str, Any]) -> float | None:
    return row["percent_reported"] if row["percent_reported"] is not None else row["percent_computed"]


def _group(rows: Iterable[dict[str, Any]], findings: Sequence[Sequence[Any]]) -> list[_Report]:
    """The records grouped by source, in input order; a source with findings but no record too."""
    by_source: dict[str, _Report] = {}
    for row in rows:
        source = row["source"] or ""
        if source not in by_source:
            by_source[source] = _Report(len(by_source) + 1, source, [], [])
        by_source[source].rows.append(row)
    for f in findings:
        source = str(f[0] or "")
        if source not in by_source:
            by_source[source] = _Report(len(by_source) + 1, source, [], [])
        by_source[source].findings.append(f)
    return list(by_source.values())


def page_script(rows: Sequence[Mapping[str, Any]]) -> str:
    """``hant`` when the records' text is Traditional, else ``hans``."""
    from .script import detect_script

    sample, size = [], 0
    for r in rows:
        for key in ("doc_title", "task", "progress_text"):
            if r.get(key) and size < SCRIPT_SAMPLE:
                sample.append(r[key])
                size += len(r[key])
    return "hant" if detect_script("".join(sample)) == "traditional" else "hans"


def render_page(records: Iterable[Record | Mapping[str, Any]], document_findings: Sequence[Sequence[Any]] = (),
                title: str | None = None) -> str:
    """The records (of one report or many) as one self-contained HTML page.

    `document_findings` are the findings of a report that belong to no record,
    as rows ``[file, line, item_no, code, name, severity, summary]`` (what the
    workbook's findings sheet lists); `title` names the page (default: the
    report's title, or a count of reports). Records are grouped by `source` in
    the order they come.

    >>> page = render_page([])
    >>> page.startswith("<!DOCTYPE html>") and "Content-Security-Policy" in page
    True
    """
    rows = [r.to_dict() if isinstance(r, Record) else dict(r) for r in records]
    reports = _group(rows, document_findings)
    script = page_script(rows)
    words = labels(script)
    if title is None:
        title = reports[0].title if len(reports) == 1 else words["page_title"]
    return _Page(words, script).render(reports, title)


class _Page:
    """The writer of one page in one script's words."""

    def __init__(self, words: dict[str, Any], script: str):
        self.w, self.script = words, script

    # ---------------------------------------------------------------- pieces

    def status(self, key: str) -> str:
        return (f'<span class="st st-{key}"><span aria-hidden="true">{STATUS_SYMBOLS[key]}</span> '
                f'{_e(self.w["statuses"][key])}</span>')

    def severity(self, level: str, count: int | None = None) -> str:
        n = "" if count is None else f" {count}"
        return (f'<span class="sev sev-{level}"><span aria-hidden="true">{SEVERITY_SYMBOLS[level]}</span> '
                f'{_e(self.w["severities"][level])}{n}</span>')

    def number(self, value: float | None) -> str:
        """A figure as a reader writes it: 50000000 as 5000万, 0.5 as 0.5."""
        if value is None:
            return ""
        for size, word in self.w["magnitudes"]:
            if abs(value) >= size:
                return _plain(value / size) + word
        return _plain(value)

    def amount(self, value: float | None, value_max: float | None, unit: str | None,
               qualifier: str | None = None) -> str:
        if value is None:
            return ""
        text = QUALIFIER_SIGNS.get(qualifier or "", "") + self.number(value)
        if value_max is not None:
            text += "\u2013" + self.number(value_max)
        return f'<span class="amt" title="{_e(_plain(value))}">{_e(text + (unit or ""))}</span>'

    def lines(self, row: Mapping[str, Any]) -> str:
        a, b = row["line_start"], row["line_end"]
        where = self.w["lines"].format(a=a) if a == b else self.w["line_range"].format(a=a, b=b)
        return _e(f'{row["location"]} \u00b7 {where}' if row.get("location") else where)

    def bar(self, reported: float | None, computed: float | None, status: str) -> str:
        """A progress bar: the reported percent as the fill (the computed one
        when none is reported, hatched), the computed percent as a marker where
        the two differ."""
        shown = reported if reported is not None else computed
        if shown is None:
            return '<div class="bar empty"></div>'
        fill = max(0.0, min(BAR_FULL, shown))
        kind = "" if reported is not None else " calc"
        out = f'<div class="bar"><span class="fill f-{status}{kind}" style="width:{fill:.1f}%"></span>'
        if reported is not None and computed is not None and abs(computed - reported) >= SHOWN_DIFFERENCE:
            out += f'<span class="mark" style="left:{max(0.0, min(BAR_FULL, computed)):.1f}%"></span>'
        if shown > BAR_FULL:
            out += '<span class="over" aria-hidden="true">\u203a</span>'
        return out + "</div>"

    def percents(self, reported: float | None, computed: float | None) -> str:
        w = self.w
        if reported is None and computed is None:
            return ""
        if reported is None:
            return f'<span class="pc calc">{_e(w["computed"])} {_pct(computed)}</span>'
        out = f'<span class="pc">{_pct(reported)}</span>'
        if computed is not None and abs(computed - reported) >= SHOWN_DIFFERENCE:
            delta = computed - reported
            sign = "+" if delta > 0 else "\u2212"
            out += (f' <span class="calc">{_e(w["computed"])} {_pct(computed)}</span>'
                    f' <span class="diff">{_e(w["difference"])} {sign}{_plain(abs(round(delta, 1)))}{_e(w["points"])}</span>')
        return out

    def flag(self, name: str, row: Mapping[str, Any]) -> str:
        rule = BY_NAME.get(name)
        if rule is None:
            return f'<div class="flag"><code>{_e(name)}</code></div>'
        return (f'<div class="flag sev-{rule.severity}" title="{_e(rule.name)}">'
                f'<span aria-hidden="true">{SEVERITY_SYMBOLS[rule.severity]}</span> <code>{rule.code}</code> '
                f'{_e(self.w["rules"].get(rule.code, rule.name))}<small>{_e(_message(rule, row))}</small></div>')

    def mix(self, counts: Counter[str], total: int) -> str:
        """A small bar of a report's status mix (the counts are written beside it)."""
        if not total:
            return ""
        parts = "".join(f'<span class="f-{k}" style="width:{100 * counts[k] / total:.2f}%" '
                        f'title="{_e(self.w["statuses"][k])} {counts[k]}"></span>'
                        for k in STATUSES if counts[k])
        return f'<div class="mix">{parts}</div>'

    # ---------------------------------------------------------------- parts

    def item(self, report: int, n: int, row: Mapping[str, Any]) -> str:
        status = row["status"] or "none"
        reported, computed = row["percent_reported"], row["percent_computed"]
        shown = _percent(row)
        codes = " ".join(BY_NAME[f].code for f in row["flags"] if f in BY_NAME)
        context = " \u203a ".join(_e(x) for x in (row.get("category"), row.get("section")) if x)
        task = _e(row.get("task") or row.get("target_text") or row.get("progress_text") or "")
        return (f'<tr class="item" id="r{report}-{n}" data-status="{status}" '
                f'data-percent="{"" if shown is None else _plain(shown)}" data-flags="{codes}">'
                f'<td class="no">{_e(row.get("item_no"))}</td>'
                f'<td class="task">{f"<div class=ctx>{context}</div>" if context else ""}{task}'
                f'{self.source_text(row)}</td>'
                f'<td class="prog" data-v="{"" if shown is None else _plain(shown)}">'
                f'{self.bar(reported, computed, status)}{self.percents(reported, computed)}</td>'
                f'<td class="num">{self.amount(row["target_value"], row["target_value_max"], row["target_unit"], row["target_qualifier"])}</td>'
                f'<td class="num">{self.amount(row["actual_value"], row["actual_value_max"], row["actual_unit"])}</td>'
                f'<td data-v="{STATUSES.index(status)}">{self.status(status)}</td>'
                f'<td class="flags" data-v="{len(row["flags"])}">{"".join(self.flag(f, row) for f in row["flags"])}</td>'
                f'</tr>')

    def source_text(self, row: Mapping[str, Any]) -> str:
        """What the item was read from, shown on demand."""
        w = self.w
        fields = [(w["target_text"], row.get("target_text")), (w["progress_text"], row.get("progress_text")),
                  (w["status_text"], row.get("status_text"))]
        fields += [(k, v) for k, v in (row.get("extra") or {}).items()]
        body = "".join(f"<dt>{_e(k)}</dt><dd>{_e(v)}</dd>" for k, v in fields if v)
        metrics = row.get("metrics") or []
        if len(metrics) > 1 or any("score" in m for m in metrics):
            body += self.metrics(metrics)
        return f'<details><summary>{self.lines(row)}</summary><dl>{body}</dl></details>'

    def metrics(self, metrics: list[Mapping[str, Any]]) -> str:
        w = self.w
        out = [f'<dt>{_e(w["metrics"])}</dt><dd><table class="metrics"><tr><th>{_e(w["metric_name"])}</th>'
               f'<th>{_e(w["target"])}</th><th>{_e(w["actual"])}</th><th>%</th></tr>']
        for m in metrics:
            if "score" in m:
                target, percent = "", ""
                actual = _plain(m["score"]) + (f' / {_plain(m["score_max"])}' if m["score_max"] is not None else "")
            else:
                target = self.amount(m["target_value"], m["target_value_max"], m["target_unit"], m["target_qualifier"])
                actual = self.amount(m["actual_value"], m["actual_value_max"], m["actual_unit"])
                p = m["percent_reported"] if m["percent_reported"] is not None else m["percent_computed"]
                percent = "" if p is None else _pct(p)
            out.append(f'<tr><td>{_e(m.get("name"))}</td><td>{target}</td><td>{actual}</td><td>{percent}</td></tr>')
        return "".join(out) + "</table></dd>"

    def summary(self, statuses: Counter[str], severities: Counter[str], items: int) -> str:
        w = self.w
        parts = [f'<b>{_e(w["items_count"].format(n=items))}</b>']
        parts += [self.status(k) + f" <b>{statuses[k]}</b>" for k in STATUSES if statuses[k]]
        found = " ".join(self.severity(s, severities[s]) for s in SEVERITIES if severities[s])
        if found:
            parts.append(f'{_e(w["findings"])}: {found}')
        return '<p class="summary">' + ' <span class="sep">\u00b7</span> '.join(parts) + "</p>"

    def report(self, rep: _Report, batch: bool) -> str:
        w, first = self.w, rep.first
        meta = [(w["publisher"], _e(first.get("publisher"))), (w["published"], _e(first.get("published"))),
                (w["as_of"], _dates(rep.as_of())), (w["source"], _e(rep.source))]
        out = [f'<section class="report" id="r{rep.index}"><h2>'
               f'{f"<span class=idx>{rep.index}</span>" if batch else ""}{_e(rep.title)}</h2>',
               '<dl class="meta">' + "".join(f"<div><dt>{_e(k)}</dt><dd>{v}</dd></div>"
                                             for k, v in meta if v) + "</dl>",
               self.summary(rep.statuses(), rep.severities(), len(rep.rows))]
        if rep.findings:
            out.append(self.document_findings(rep.findings))
        if not rep.rows:
            out.append(f'<p class="none">{_e(w["no_items"])}</p>')
        else:
            head = [("no", w["item_no"]), ("task", w["task"]), ("prog", w["progress"]), ("num", w["target"]),
                    ("num", w["actual"]), ("stcol", w["status"]), ("flags", w["flags"])]
            out.append(f'<p class="shown" data-template="{_e(w["shown"])}"></p>'
                       '<div class="wide"><table class="items sortable"><thead><tr>'
                       + "".join(f'<th class="{c}" scope="col">{_e(t)}</th>' for c, t in head)
                       + "</tr></thead><tbody>")
            out += [self.item(rep.index, n, row) for n, row in enumerate(rep.rows, 1)]
            out.append("</tbody></table></div>")
        if batch:
            out.append(f'<p class="top"><a href="#overview">\u2191 {_e(w["back_to_top"])}</a></p>')
        return "".join(out) + "</section>"

    def document_findings(self, findings: list[Sequence[Any]]) -> str:
        """A report's findings of no item, one line per rule and message with the lines it names."""
        w = self.w
        lines: dict[tuple[str, str, str, str], list[Any]] = {}
        for f in findings:
            rule = BY_CODE.get(str(f[3]))
            summary = f[6] if len(f) > 6 else rule.summary if rule else ""
            lines.setdefault((str(f[5]), str(f[3]), str(f[4]), str(summary)), []).append(f[1])
        out = [f'<div class="docfind"><h3>{_e(w["document_findings"])}</h3><ul>']
        for (level, code, name, summary), at in sorted(lines.items(), key=lambda x: -LEVELS.get(x[0][0], 0)):
            where = ", ".join(str(n) for n in sorted({n for n in at if n is not None}))
            out.append(f'<li>{self.severity(level)} <code>{_e(code)}</code> {_e(w["rules"].get(code, name))} '
                       f'<span class="where">{_e(w["line"])} {_e(where)}</span> <small>{_e(summary)}</small></li>')
        return "".join(out) + "</ul></div>"

    def overview(self, reports: list[_Report]) -> str:
        w = self.w
        head = [("ri", "#"), ("", w["report"]), ("date", w["as_of"]), ("num", w["items"]), ("", w["status_mix"])]
        head = [(c, _e(t)) for c, t in head]
        head += [("num stc", f'<span aria-hidden="true">{STATUS_SYMBOLS[k]}</span><br>{_e(w["statuses"][k])}')
                 for k in STATUSES]
        head += [("prog", _e(w["completion"]))]
        head += [("num stc", f'<span aria-hidden="true">{SEVERITY_SYMBOLS[s]}</span><br>{_e(w["severities"][s])}')
                 for s in SEVERITIES]
        out = [f'<section id="overview"><h2>{_e(w["overview"])}</h2>', self.chart(reports),
               '<div class="wide"><table class="overview sortable"><thead><tr>'
               + "".join(f'<th class="{c}" scope="col">{t}</th>' for c, t in head) + "</tr></thead><tbody>"]
        for rep in reports:
            statuses, severities, done = rep.statuses(), rep.severities(), rep.completion()
            by = f'{rep.first["publisher"]} \u00b7 ' if rep.first.get("publisher") else ""
            out.append(
                f'<tr class="report-row" data-report="{rep.index}"><td class="ri" data-v="{rep.index}">{rep.index}</td>'
                f'<td class="name"><a href="#r{rep.index}">{_e(rep.title)}</a><small>{_e(by)}{_e(rep.source)}</small></td>'
                f'<td class="date">{_dates(rep.as_of())}</td>'
                f'<td class="num">{len(rep.rows)}</td>'
                f'<td data-v="{statuses["complete"] / len(rep.rows) if rep.rows else 0:.3f}">'
                f'{self.mix(statuses, len(rep.rows))}</td>'
                + "".join(f'<td class="num{"" if statuses[k] else " zero"}">{statuses[k]}</td>' for k in STATUSES)
                + f'<td class="prog" data-v="{"" if done is None else f"{done:.1f}"}">'
                + (f'<div class="inline">{self.bar(done, None, "in_progress")}<span class="pc">{_pct(done)}</span></div>'
                   if done is not None else "")
                + "</td>"
                + "".join(f'<td class="num{"" if severities[s] else " zero"} n-{s}">{severities[s]}</td>'
                          for s in SEVERITIES)
                + "</tr>")
        out.append("</tbody></table></div></section>")
        return "".join(out)

    def chart(self, reports: list[_Report]) -> str:
        """Completion across reports: one column per report, highest first, linked to its section."""
        done = sorted(((rep.completion(), rep) for rep in reports if rep.completion() is not None),
                      key=lambda x: -x[0])   # type: ignore[operator]
        if not done:
            return ""
        width, height, left, top, bottom = 960, 180, 40, 10, 24
        plot_w, plot_h = width - left - 10, height - top - bottom
        step = min(plot_w / len(done), CHART_STEP)
        col = max(1.0, min(36.0, step * 0.8))
        out = [f'<figure class="chart"><figcaption>{_e(self.w["chart_title"])}</figcaption>'
               f'<svg viewBox="0 0 {width} {height}" role="img" aria-label="{_e(self.w["chart_title"])}" '
               f'xmlns="http://www.w3.org/2000/svg">']
        for tick in (0, 50, 100):
            y = top + plot_h * (1 - tick / BAR_FULL)
            out.append(f'<line x1="{left}" x2="{width - 10}" y1="{y:.1f}" y2="{y:.1f}" class="grid"/>'
                       f'<text x="{left - 6}" y="{y + 4:.1f}" class="tick">{tick}%</text>')
        for i, (value, rep) in enumerate(done):
            h = plot_h * value / BAR_FULL
            x = left + i * step + (step - col) / 2
            out.append(f'<a href="#r{rep.index}"><rect x="{x:.1f}" y="{top + plot_h - h:.1f}" width="{col:.1f}" '
                       f'height="{max(h, 0.5):.1f}" class="col"><title>{rep.index}. {_e(rep.title)}: '
                       f'{_pct(value)}</title></rect></a>')
            if len(done) <= 60:
                out.append(f'<text x="{x + col / 2:.1f}" y="{height - 8}" class="lab">{rep.index}</text>')
        return "".join(out) + "</svg></figure>"

    def filters(self, reports: list[_Report]) -> str:
        w = self.w
        codes = sorted({BY_NAME[f].code for rep in reports for r in rep.rows for f in r["flags"] if f in BY_NAME})
        statuses = "".join(f'<option value="{k}">{STATUS_SYMBOLS[k]} {_e(w["statuses"][k])}</option>'
                           for k in STATUSES)
        flags = (f'<option value="any">{_e(w["filter_any_flag"])}</option>'
                 f'<option value="none">{_e(w["filter_no_flag"])}</option>'
                 + "".join(f'<option value="{c}">{c} {_e(w["rules"].get(c, ""))}</option>' for c in codes))
        return (f'<form id="filters" hidden><label>{_e(w["filter_status"])} <select name="status">'
                f'<option value="">{_e(w["filter_all"])}</option>{statuses}</select></label>'
                f'<label>{_e(w["filter_flag"])} <select name="flag"><option value="">{_e(w["filter_all"])}</option>'
                f'{flags}</select></label><label>{_e(w["filter_text"])} <input name="q" type="search"></label></form>')

    # ---------------------------------------------------------------- page

    def render(self, reports: list[_Report], title: str) -> str:
        w = self.w
        batch = len(reports) > 1
        items = sum(len(rep.rows) for rep in reports)
        statuses: Counter[str] = Counter()
        severities: Counter[str] = Counter()
        for rep in reports:
            statuses.update(rep.statuses())
            severities.update(rep.severities())
        lang = "zh-Hant" if self.script == "hant" else "zh-Hans"
        digest = base64.b64encode(hashlib.sha256(_SCRIPT.encode("utf-8")).digest()).decode("ascii")
        policy = (f"default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-{digest}'; "
                  "img-src data:; base-uri 'none'; form-action 'none'")
        head = (f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8">'
                f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
                '<meta name="referrer" content="no-referrer">'
                '<meta name="viewport" content="width=device-width, initial-scale=1">'
                f'<meta name="generator" content="reportkit {_e(__version__)}">'
                f'<title>{_e(title)}</title><style>{_STYLE.replace("FONTS", _FONTS[self.script])}</style></head>')
        lead = (f'<body><header><h1>{_e(title)}</h1><p class="sub">'
                f'{_e(w["reports_count"].format(n=len(reports)))} \u00b7 {_e(w["items_count"].format(n=items))}'
                f' \u00b7 {_e(w["generated"])} {_e(__version__)}</p>'
                + (self.summary(statuses, severities, items) if batch else "")
                + self.filters(reports) + "</header><main>")
        body = [self.overview(reports)] if batch else []
        body += [self.report(rep, batch) for rep in reports]
        return head + lead + "".join(body) + f"</main><script>{_SCRIPT}</script></body></html>\n"


def _plain(x: float | None) -> str:
    """A number without trailing zeros (at most four decimals): 75, 113.3333, 0.5; None as nothing."""
    if x is None:
        return ""
    return f"{x:.4f}".rstrip("0").rstrip(".") if x != int(x) else str(int(x))


def _dates(dates: list[str]) -> str:
    """One date, or a first and a last, each kept on one line."""
    return " \u2013 ".join(f'<span class="nw">{_e(d)}</span>' for d in dates)


def _pct(x: float | None) -> str:
    """A percent to read: one decimal at most (113.3%, 75%)."""
    return "" if x is None else _plain(round(x, 1)) + "%"


def _message(rule: Any, row: Mapping[str, Any]) -> str:
    """A flag's message filled from its record, else the rule's summary."""
    try:
        return rule.message.format(**{k: "" if v is None else v for k, v in row.items()})
    except (KeyError, ValueError, IndexError):
        return rule.summary


_STYLE = """
:root{--ink:#1f2328;--mute:#59636e;--line:#d1d9e0;--soft:#f6f8fa;--accent:#0969da;
--complete:#1a7f37;--on_track:#0a7a74;--in_progress:#0969da;--behind:#cf222e;--not_started:#9a6700;
--unknown:#6e7781;--none:#afb8c1}
*{box-sizing:border-box}
body{margin:0;color:var(--ink);background:#fff;font:14px/1.6 -apple-system,BlinkMacSystemFont,"Segoe UI",FONTS,
Roboto,"Helvetica Neue",Arial,sans-serif;font-variant-numeric:tabular-nums}
header{padding:18px 28px 12px;border-bottom:1px solid var(--line);background:var(--soft)}
h1{font-size:22px;line-height:1.4;margin:0 0 2px;font-weight:600}
h2{font-size:18px;line-height:1.4;margin:0 0 6px;font-weight:600}
h3{font-size:14px;margin:0 0 4px}
main{padding:8px 28px 40px}
section{margin:22px 0 34px}
.sub{margin:0;color:var(--mute)}
.summary{margin:6px 0;line-height:2}
.summary b{font-weight:600}
.sep{color:var(--line);margin:0 2px}
.idx{display:inline-block;min-width:1.8em;margin-right:8px;padding:0 6px;border-radius:6px;background:var(--soft);
border:1px solid var(--line);color:var(--mute);font-size:.85em;text-align:center}
td.ri{text-align:right;color:var(--mute)}
.meta{display:flex;flex-wrap:wrap;gap:2px 22px;margin:0 0 4px;color:var(--mute)}
.meta div{display:flex;gap:6px}.meta dt{font-weight:600}.meta dd{margin:0;color:var(--ink)}
table{border-collapse:collapse;width:100%}
th,td{padding:6px 8px;border-bottom:1px solid var(--line);vertical-align:top;text-align:left}
th{font-weight:600;font-size:13px;color:var(--mute);white-space:nowrap;background:#fff;position:sticky;top:0;z-index:1}
th.sort{cursor:pointer;user-select:none}th.sort:after{content:" \\2195";color:var(--line)}
th[aria-sort=ascending]:after{content:" \\2191";color:var(--ink)}th[aria-sort=descending]:after{content:" \\2193";color:var(--ink)}
tbody tr:hover{background:#fbfcfd}
table.items{table-layout:fixed;min-width:76em}.nw{white-space:nowrap}
table.items th.no{width:4.5em}table.items th.prog{width:11.5em}table.items th.num{width:7.5em}
table.items th.stcol{width:7.5em}table.items th.flags{width:17em}
td.no{color:var(--mute);overflow-wrap:anywhere}
td.task{overflow-wrap:anywhere}
td.num .amt{white-space:normal;overflow-wrap:anywhere}
.ctx{font-size:12px;color:var(--mute)}
td.num,th.num{text-align:right;white-space:nowrap}
table.overview th.date{width:8em}
.inline{display:flex;align-items:center;gap:6px}.inline .bar{flex:1;margin:0}
table.overview th.prog{width:8.5em}
td.zero{color:var(--line)}
.bar{position:relative;height:10px;margin:6px 0 2px;border-radius:5px;background:#eaeef2;overflow:visible}
.bar.empty{background:repeating-linear-gradient(90deg,#eaeef2 0 4px,transparent 4px 8px)}
.bar .fill{position:absolute;left:0;top:0;bottom:0;border-radius:5px;background:var(--accent)}
.bar .fill.calc{background:repeating-linear-gradient(135deg,var(--accent) 0 3px,#8fbff5 3px 6px)}
.bar .mark{position:absolute;top:-4px;bottom:-4px;width:3px;margin-left:-1.5px;border-radius:1px;background:var(--ink);
box-shadow:0 0 0 1px #fff}
.bar .over{position:absolute;right:-10px;top:-6px;font-size:14px;font-weight:700;color:var(--ink)}
.pc{font-weight:600}.calc{color:var(--mute);font-size:12px}
.diff{font-size:12px;color:var(--behind);font-weight:600;white-space:nowrap}
.f-complete{background:var(--complete)!important}.f-on_track{background:var(--on_track)!important}
.f-in_progress{background:var(--in_progress)!important}.f-behind{background:var(--behind)!important}
.f-not_started{background:var(--not_started)!important}.f-unknown{background:var(--unknown)!important}
.f-none{background:var(--none)!important}
.bar .fill.calc.f-complete,.bar .fill.calc.f-on_track,.bar .fill.calc.f-in_progress,.bar .fill.calc.f-behind,
.bar .fill.calc.f-unknown,.bar .fill.calc.f-none,.bar .fill.calc.f-not_started{
background-image:repeating-linear-gradient(135deg,transparent 0 3px,rgba(255,255,255,.55) 3px 6px)!important}
.st{display:inline-block;white-space:nowrap;padding:0 8px;border-radius:10px;font-size:12px;line-height:20px;
font-weight:600;border:1px solid currentColor}
.st-complete{color:var(--complete);background:#dafbe1}.st-on_track{color:var(--on_track);background:#d8f5f1}
.st-in_progress{color:var(--in_progress);background:#ddf4ff}.st-behind{color:#fff;background:var(--behind);border-color:var(--behind)}
.st-not_started{color:var(--not_started);background:#fff8c5}.st-unknown{color:var(--unknown);background:#eaeef2}
.st-none{color:var(--mute);background:#fff;border-style:dashed;font-weight:400}
.sev{white-space:nowrap;font-size:12px;font-weight:600}
.sev-error{color:var(--behind)}.sev-warning{color:var(--not_started)}.sev-info{color:var(--mute)}
.flag{font-size:12px;line-height:1.5;margin-bottom:4px;font-weight:600}
.flag code,.docfind code{font-size:11px;padding:0 4px;border-radius:4px;background:var(--soft);border:1px solid var(--line);
color:var(--ink)}
.flag small{display:block;font-weight:400;color:var(--mute)}
details{margin-top:2px}
summary{cursor:pointer;font-size:12px;color:var(--accent);width:max-content}
details dl{margin:4px 0 2px;padding:6px 10px;border-left:3px solid var(--line);background:var(--soft);font-size:13px}
details dt{font-size:12px;color:var(--mute)}details dd{margin:0 0 4px;white-space:pre-wrap}
table.metrics{width:auto;font-size:12px}table.metrics th,table.metrics td{padding:2px 8px;position:static}
.docfind{margin:8px 0;padding:8px 12px;border:1px solid var(--line);border-radius:6px;background:#fffdf5}
.docfind ul{margin:0;padding-left:0;list-style:none}.docfind li{margin:2px 0}
.docfind small,.where{color:var(--mute);font-size:12px}
.none{color:var(--mute)}
.top{font-size:12px;margin:6px 0 0}
a{color:var(--accent);text-decoration:none}a:hover{text-decoration:underline}
.wide{overflow-x:auto}
table.overview{min-width:76em}table.overview td.name{min-width:13em}
table.overview th.num,table.overview td.num{padding:6px 5px}
table.overview th.stc{width:4.4em;white-space:normal;font-size:12px;line-height:1.3}
table.overview td.name small{display:block;color:var(--mute);font-size:12px;overflow-wrap:anywhere}
th.stc{font-size:12px}
.n-error:not(.zero){color:var(--behind);font-weight:600}.n-warning:not(.zero){color:var(--not_started);font-weight:600}
.mix{display:flex;width:7em;height:12px;margin-top:5px;border-radius:3px;overflow:hidden;background:#eaeef2}
.mix span{display:block;height:100%}
.chart{margin:8px 0 16px}.chart figcaption{font-size:13px;color:var(--mute);margin-bottom:4px}
.chart svg{display:block;width:100%;max-width:960px;height:auto}
.chart .grid{stroke:var(--line);stroke-width:1}.chart .tick,.chart .lab{font-size:11px;fill:var(--mute)}
.chart .tick{text-anchor:end}.chart .lab{text-anchor:middle}
.chart .col{fill:var(--accent)}.chart a:hover .col{fill:var(--ink)}
#filters{display:flex;flex-wrap:wrap;gap:6px 18px;margin-top:10px;font-size:13px}
#filters[hidden]{display:none}
#filters select,#filters input{font:inherit;padding:2px 6px;border:1px solid var(--line);border-radius:6px;background:#fff}
.shown{margin:0;font-size:12px;color:var(--mute)}.shown:empty{display:none}
@media print{header{background:none}th{position:static}#filters{display:none}}
"""

_SCRIPT = """(function(){"use strict";
function key(row,i){var c=row.cells[i];if(!c)return "";var v=c.getAttribute("data-v");
if(v===null)v=c.textContent.trim();return v!==""&&isFinite(v)?parseFloat(v):v;}
document.querySelectorAll("table.sortable").forEach(function(t){
var heads=t.tHead.rows[0].cells;
Array.prototype.forEach.call(heads,function(th,i){
th.classList.add("sort");th.tabIndex=0;
function sort(){var up=th.getAttribute("aria-sort")!=="ascending";
Array.prototype.forEach.call(heads,function(h){h.removeAttribute("aria-sort");});
th.setAttribute("aria-sort",up?"ascending":"descending");
var body=t.tBodies[0],rows=Array.prototype.slice.call(body.rows);
rows.sort(function(a,b){var x=key(a,i),y=key(b,i);if(x===y)return 0;if(x==="")return 1;if(y==="")return -1;
var r=typeof x===typeof y?(x<y?-1:1):(typeof x==="number"?-1:1);return up?r:-r;});
rows.forEach(function(r){body.appendChild(r);});}
th.addEventListener("click",sort);
th.addEventListener("keydown",function(e){if(e.key==="Enter"||e.key===" "){e.preventDefault();sort();}});});});
var form=document.getElementById("filters");if(!form)return;form.hidden=false;
function apply(){var s=form.elements.status.value,g=form.elements.flag.value,q=form.elements.q.value.trim().toLowerCase();
var on=s||g||q;
document.querySelectorAll("section.report").forEach(function(sec){
var rows=sec.querySelectorAll("tr.item"),n=0;
rows.forEach(function(r){var f=r.getAttribute("data-flags");
var ok=(!s||r.getAttribute("data-status")===s)&&(!g||(g==="any"?f!=="":g==="none"?f==="":(" "+f+" ").indexOf(" "+g+" ")>=0))
&&(!q||r.textContent.toLowerCase().indexOf(q)>=0);r.hidden=!ok;if(ok)n++;});
var c=sec.querySelector(".shown");if(c)c.textContent=on?c.getAttribute("data-template").replace("{shown}",n).replace("{total}",rows.length):"";});}
form.addEventListener("input",apply);form.addEventListener("submit",function(e){e.preventDefault();});})();"""
