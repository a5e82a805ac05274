"""The HTML page (``-o report.html``, ``-f html``) as a browser shows it.

The pages of the bundled samples and of the seed reports are opened in
headless Chromium (one run per page, shared by the tests of a module): the DOM
the browser builds holds one row per record with its status and percent and
one overview row per report, the inline script runs under the page's
Content-Security-Policy, and a screenshot shows a drawn page. A report whose
cells hold markup shows it as text and runs nothing. Without a browser these
tests skip; the tests of the page's text run everywhere.
"""
from __future__ import annotations

import base64
import hashlib
import json
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import SEEDS, needs_shared, run_cli, sample_inputs
from reportkit.htmlpage import BYTES_PER_RECORD, STATUSES, render_page

BROWSER = next((shutil.which(name) for name in ("chromium", "chromium-browser", "google-chrome")
                if shutil.which(name)), None)
needs_browser = pytest.mark.skipif(BROWSER is None, reason="no headless Chromium on PATH "
                                   "(Debian: apt-get install chromium; .ci/run installs it)")
#: seconds a browser run may take before the test fails
BROWSER_TIMEOUT = 120


def browser(profile: Path, *args: str) -> str:
    """Run headless Chromium with no network of its own; its standard output."""
    command = [BROWSER, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync",
               "--hide-scrollbars", f"--user-data-dir={profile}", *args]
    done = subprocess.run(command, capture_output=True, text=True, timeout=BROWSER_TIMEOUT)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def dump_dom(page: Path, profile: Path) -> str:
    return browser(profile, "--dump-dom", page.resolve().as_uri())


class Elements(HTMLParser):
    """The start tags of a document: (tag, attributes) in document order."""

    def __init__(self, text: str):
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def having(self, tag: str, cls: str) -> list[dict[str, str | None]]:
        return [a for t, a in self.tags if t == tag and cls in (a.get("class") or "").split()]


def parsed(*paths: Path | str, to: str = "hans") -> list[dict]:
    """The records of the inputs, as the JSONL output gives them."""
    r = run_cli("parse", *paths, "-q", "-f", "jsonl", "--to", to)
    assert r.exit_code == 0, r.stderr
    return [json.loads(line) for line in r.stdout.splitlines() if line.strip()]


def page_of(out: Path, *inputs: Path | str, extra: tuple[str, ...] = ()) -> Path:
    r = run_cli("parse", *inputs, "-q", "-o", out, *extra)
    assert r.exit_code == 0, r.stderr
    return out


def shown_percent(record: dict) -> float | None:
    p = record["percent_reported"]
    return p if p is not None else record["percent_computed"]


def assert_rows_match(dom: str, records: list[dict]) -> None:
    """One item row per record, in order, with the record's status and percent,
    under the section of its report; one overview row per report (for a batch)."""
    found = Elements(dom)
    rows = found.having("tr", "item")
    assert len(rows) == len(records)
    sources = list(dict.fromkeys(r["source"] for r in records))
    for row, record in zip(rows, records):
        assert row["data-status"] == (record["status"] or "none")
        expected = shown_percent(record)
        if expected is None:
            assert row["data-percent"] == ""
        else:
            assert float(row["data-percent"]) == pytest.approx(expected, abs=1e-3)
        assert row["id"].startswith(f"r{sources.index(record['source']) + 1}-")
    sections = [a["id"] for a in found.having("section", "report")]
    assert sections == [f"r{i}" for i in range(1, len(sources) + 1)]
    if len(sources) > 1:
        overview = found.having("tr", "report-row")
        assert [a["data-report"] for a in overview] == [str(i) for i in range(1, len(sources) + 1)]
        links = {a["href"] for t, a in found.tags if t == "a" and (a.get("href") or "").startswith("#r")}
        assert {f"#r{i}" for i in range(1, len(sources) + 1)} <= links


def assert_script_ran(dom: str) -> None:
    """The inline script ran (the policy allows it by its hash): the filters are shown, headers sortable."""
    found = Elements(dom)
    form = [a for t, a in found.tags if t == "form" and a.get("id") == "filters"]
    assert form and "hidden" not in form[0]
    assert any("sort" in (a.get("class") or "").split() for t, a in found.tags if t == "th")


# ---------------------------------------------------------------- the samples in a browser

@pytest.fixture(scope="module")
def samples(tmp_path_factory):
    """The samples' records, and the page of all of them as written by -o report.html."""
    folder = tmp_path_factory.mktemp("samples_page")
    inputs = sample_inputs()
    return parsed(*inputs), page_of(folder / "report.html", *inputs), folder


@pytest.fixture(scope="module")
def samples_dom(samples):
    if BROWSER is None:
        pytest.skip("no headless Chromium")
    _, page, folder = samples
    return dump_dom(page, folder / "profile")


@needs_browser
def test_the_samples_page_has_a_row_per_record_and_per_report(samples, samples_dom):
    records, _, _ = samples
    assert len({r["source"] for r in records}) > 1
    assert_rows_match(samples_dom, records)
    assert_script_ran(samples_dom)


@needs_browser
def test_the_script_filters_by_status_and_sorts_the_overview(samples):
    records, page, folder = samples
    # a copy driven by a script of the test's own (so without the page's policy, which would refuse it)
    text = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", page.read_text(encoding="utf-8"))
    drive = ("<script>var f=document.getElementById('filters');f.elements.status.value='behind';"
             "f.dispatchEvent(new Event('input'));"
             "document.querySelector('table.overview thead th:nth-child(4)').click();</script>")
    driven = folder / "driven.html"
    driven.write_text(text.replace("</body>", drive + "</body>"), encoding="utf-8")
    found = Elements(dump_dom(driven, folder / "profile"))
    shown = [a for a in found.having("tr", "item") if "hidden" not in a]
    assert [a["data-status"] for a in shown] == ["behind"] * sum(r["status"] == "behind" for r in records)
    counts = [int(a["data-report"]) for a in found.having("tr", "report-row")]
    per_report = [sum(r["source"] == s for r in records) for s in dict.fromkeys(r["source"] for r in records)]
    assert [per_report[i - 1] for i in counts] == sorted(per_report)


@needs_browser
def test_the_samples_page_is_drawn(samples):
    from PIL import Image

    _, page, folder = samples
    shot = folder / "page.png"
    browser(folder / "profile", f"--screenshot={shot}", "--window-size=1280,2000", page.resolve().as_uri())
    with Image.open(shot) as image:
        assert image.size == (1280, 2000)
        pixels = image.convert("RGB")
        colours = pixels.getcolors(maxcolors=1 << 20)
        inked = sum(n for n, rgb in colours if sum(rgb) < 3 * 240)
    assert len(colours) > 200                          # text, bars, labels: not a blank or flat page
    assert inked > 0.03 * 1280 * 2000


# ---------------------------------------------------------------- the seeds in a browser

@needs_shared
@needs_browser
def test_the_seeds_page_has_a_row_per_record(tmp_path):
    seeds = sorted(SEEDS.glob("*.txt"))
    records = parsed(*seeds)
    page = page_of(tmp_path / "seeds.html", *seeds)
    dom = dump_dom(page, tmp_path / "profile")
    assert_rows_match(dom, records)
    assert_script_ran(dom)


# ---------------------------------------------------------------- markup in a report

PAYLOAD_TITLE = "<script>document.title='PWNED'</script>"
PAYLOAD_IMG = "<img src=x onerror=\"document.body.dataset.pwned='img'\">"
PAYLOAD_SCRIPT = "<script>document.body.dataset.pwned='script'</script>"
HOSTILE = ("某局2024年重点工作进展情况\n"
           "序号 | 工作任务 | 进展情况 | 完成进度 | 责任单位\n"
           f"1 | 新建站点5个{PAYLOAD_IMG} | 已建成4个{PAYLOAD_SCRIPT} | 80% | 规划处\n"
           f"2 | 改造道路10公里 | 已完成5公里<a href=\"javascript:alert(1)\">x</a> | 50% | {PAYLOAD_TITLE}\n")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    report = folder / "a\"'><i onmouseover=alert(1)>&amp.txt"     # a file name with markup in it too
    report.write_text(HOSTILE, encoding="utf-8")
    return folder, report, parsed(report)


def test_the_hostile_report_keeps_its_markup_as_text(hostile):
    _, _, records = hostile
    text = json.dumps(records, ensure_ascii=False)
    for payload in (PAYLOAD_IMG, PAYLOAD_SCRIPT, PAYLOAD_TITLE):     # else the tests below prove nothing
        assert json.dumps(payload, ensure_ascii=False)[1:-1] in text


@needs_browser
def test_markup_in_a_report_runs_nothing_and_shows_as_text(hostile):
    folder, report, records = hostile
    page = page_of(folder / "page.html", report)
    dom = dump_dom(page, folder / "profile")
    found = Elements(dom)
    body = [a for t, a in found.tags if t == "body"][0]
    assert not any("pwned" in k for k in body)                              # no payload set a body attribute
    assert re.search(r"<title>(.*?)</title>", dom, re.S)[1] != "PWNED"
    tags = [t for t, _ in found.tags]
    assert tags.count("script") == 1 and "img" not in tags and "i" not in tags                 # the page's script only
    assert not [a for t, a in found.tags if t == "a" and (a.get("href") or "").startswith("javascript")]
    for shown in ("&lt;img src=x onerror=", "&lt;script&gt;document.body.dataset.pwned",
                  "&lt;script&gt;document.title", "&lt;i onmouseover=alert(1)&gt;&amp;amp.txt"):
        assert shown in dom
    assert_rows_match(dom, records)


def test_every_text_is_escaped_in_content_and_attributes():
    nasty = "\"'><script>alert(1)</script>&"
    row = {"source": nasty, "doc_title": nasty, "published": nasty, "publisher": nasty, "table": 1,
           "line_start": 1, "line_end": 2, "location": nasty, "item_no": nasty, "category": nasty,
           "section": nasty, "task": nasty, "target_text": nasty, "target_value": 5, "target_value_max": None,
           "target_unit": nasty, "target_qualifier": ">=", "progress_text": nasty, "actual_value": 4,
           "actual_value_max": None, "actual_unit": nasty, "percent_reported": 80, "percent_computed": 80.0,
           "status": "behind", "status_text": nasty, "as_of": nasty,
           "metrics": [{"name": nasty, "target_value": 5, "target_value_max": None, "target_unit": nasty,
                        "target_qualifier": None, "target_text": nasty, "actual_value": 4, "actual_value_max": None,
                        "actual_unit": nasty, "actual_text": nasty, "percent_reported": None,
                        "percent_computed": 80.0, "flags": []}] * 2,
           "flags": ["percent_mismatch"], "extra": {nasty: nasty}}
    page = render_page([row, dict(row, source="other")], [[nasty, 3, None, "RK105", "unparsed", "warning", nasty]])
    assert nasty not in page and "<script>alert" not in page and page.count("<script>") == 1
    assert "&quot;&#x27;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&amp;" in page
    # ids and links are built from indices, never from text
    for name in re.findall(r'(?:id|href)="([^"]*)"', page):
        assert re.fullmatch(r"#?(?:r\d+(?:-\d+)?|overview|filters)", name), name


def test_the_policy_allows_the_one_script_by_its_hash_and_no_network():
    page = render_page([])
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page)[1]
    script = re.search(r"<script>(.*)</script>", page, re.S)[1]
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in policy and "default-src 'none'" in policy
    assert "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
    # nothing the page refers to lies outside it (the SVG namespace is a name, not a load)
    assert not re.findall(r'(?:src|href|action)="(?!#)', page)
    assert not re.search(r"https?://(?!www\.w3\.org/2000/svg)", page)


# ---------------------------------------------------------------- the page's text

def test_the_page_stays_under_its_size_per_record(samples):
    records, page, _ = samples
    fixed = len(render_page([]).encode("utf-8"))
    per_record = (page.stat().st_size - fixed) / len(records)
    assert per_record < BYTES_PER_RECORD, f"{per_record:.0f} bytes per record"


def test_statuses_are_words_and_symbols_and_null_is_not_unknown():
    base = {k: None for k in ("source", "doc_title", "published", "publisher", "location", "item_no", "category",
                              "section", "task", "target_text", "target_value", "target_value_max", "target_unit",
                              "target_qualifier", "progress_text", "actual_value", "actual_value_max",
                              "actual_unit", "percent_reported", "percent_computed", "status_text", "as_of")}
    base.update(table=1, line_start=1, line_end=1, metrics=[], flags=[], extra={})
    page = render_page([dict(base, status=s, task=f"t{i}") for i, s in enumerate([None, "unknown", "behind"])])
    statuses = re.findall(r'data-status="([^"]+)"', page)
    assert statuses == ["none", "unknown", "behind"] and set(statuses) <= set(STATUSES)
    labels = re.findall(r'<span class="st st-(\w+)"><span aria-hidden="true">(.)</span> ([^<]+)</span>', page)
    words = {k: w for k, _, w in labels}
    assert words["none"] != words["unknown"] and len({s for _, s, _ in labels}) == len({k for k, _, _ in labels})


def test_a_computed_percent_that_differs_is_shown_with_the_difference():
    row = {"source": "a.txt", "doc_title": "t", "published": None, "publisher": None, "table": 1, "line_start": 3,
           "line_end": 3, "location": None, "item_no": "1", "category": None, "section": None, "task": "x",
           "target_text": None, "target_value": 120, "target_value_max": None, "target_unit": None,
           "target_qualifier": None, "progress_text": None, "actual_value": 136, "actual_value_max": None,
           "actual_unit": None, "percent_reported": 90, "percent_computed": 113.3333, "status": "in_progress",
           "status_text": None, "as_of": None, "metrics": [], "flags": ["percent_mismatch"], "extra": {}}
    page = render_page([row])
    assert 'class="mark" style="left:100.0%"' in page and "113.3%" in page and "+23.3" in page
    assert "RK203" in page and "reported 90% but actual/target gives 113.3333%" in page
    same = render_page([dict(row, percent_computed=90.4, flags=[])])
    assert 'class="mark"' not in same and 'class="diff"' not in same


def test_html_to_stdout_to_a_file_and_to_a_folder(tmp_path):
    sample = sample_inputs()[0]
    r = run_cli("parse", sample, "-q", "-f", "html")
    assert r.exit_code == 0 and r.stdout.startswith("<!DOCTYPE html>") and r.stdout.rstrip().endswith("</html>")
    assert page_of(tmp_path / "r.htm", sample).read_text(encoding="utf-8") == r.stdout
    out = tmp_path / "pages"
    r = run_cli("parse", *sample_inputs()[:3], "-q", "-f", "html", "-o", f"{out}/")
    assert r.exit_code == 0, r.stderr
    pages = sorted(out.rglob("*.html"))
    assert len(pages) == 3 and all('<tr class="item"' in p.read_text(encoding="utf-8") for p in pages)


def test_traditional_records_get_traditional_labels(tmp_path):
    hant = [p for p in sample_inputs() if p.name == "pipe_table_hant.txt"]
    simplified = page_of(tmp_path / "s.html", *hant).read_text(encoding="utf-8")
    traditional = page_of(tmp_path / "t.html", *hant, extra=("--to", "hant")).read_text(encoding="utf-8")
    assert '<html lang="zh-Hans">' in simplified and '<html lang="zh-Hant">' in traditional
    assert "Microsoft JhengHei" in traditional and "Microsoft YaHei" in simplified
