#!/usr/bin/env python3
"""Parse time and output size against input size: are they linear?

    python benchmarks/scale.py                 # 1, 2 and 4 MB (a prose line: 1 and 2 MB)
    python benchmarks/scale.py --sizes 0.25 1
    python benchmarks/scale.py --shapes prose-line bare-prose --budget 0

For each shape of input it parses 1, 2 and 4 MB (UTF-8 bytes) and prints the
parse time, the JSONL output size and its ratio to the input size. The two
targets, for every shape:
  time    4 MB takes at most 5 times as long as 1 MB (the time ratio of the
          last size to the first; with other sizes, 5/4 of their ratio)
  output  the JSONL output is at most 20 times the input, at every size
A single line of prose (prose-line, bare-prose, clause) is parsed at 1 and 2 MB
(about 430,000 and 860,000 characters): time ratio 2 MB / 1 MB at most 2.5 (the
same allowance, 5/4 of the size ratio).

Each size after the first also prints the growth exponent k since the size
before it (time ~ size ** k: 1 is linear, 2 quadratic). A size whose parse the
sizes before it predict to take longer than --budget seconds (default 300) is
skipped, with the larger ones, and the time ratio is projected from k. So a
prose line is first parsed at the probe sizes 64, 128 and 256 kB (--probes).

With --memory MB it measures instead the peak memory of `reportkit parse` over one
report of MB megabytes (narratives and tables of the samples one after another, over
and over; target: at most 4 bytes per input byte, for 200 MB).

Shapes:
  many-lines   a pipe table of many rows (the ordinary case)
  single-line  the same rows with their line breaks removed (a table copied
               without line breaks)
  huge-cell    one row whose progress cell holds all the text
  repetition   one clause repeated without a sentence end ("1%" repeated)
  many-tables  tables of a few rows each, one after another with a title line
               between them (200 tables per 100 kB): each finder runs once over
               the document, not again after every table
  prose-line   narrative prose on one line without a line break (one item of
               the paragraph reader): targets, results, percents of plan and
               growth rates, in clauses such as 全年计划新建道路12公里,已建成9公里,
               完成年度计划的75%; with different tasks, units and numbers, lists
               (实际分别完成…、…), completion in words (已全部完成) and now and
               then a long clause without punctuation
  bare-prose   the same line with no , ; 。 、 for 50 kB at a time (--stretch; 2 kB
               punctuated between the stretches): a cost quadratic in the
               stretch is linear in the line, so compare --stretch 25 and 50 too
  clause       one clause repeated on one line without a sentence end
               ("新建站点5个以上," repeated): one item of the paragraph reader
  padded-directive
               a suppression comment padded with spaces as its first line
               ("# reportkit: disable=" + spaces + "RK207") above a table of
               three rows; parsed and also checked (`check_bytes`, the library
               behind `reportkit check`), so that the comment's reader is timed
  numbered-rows
               a pipe table whose rows are numbered 1, 2, 3 ... past 999; every
               row must give a record (NOT ALL ROWS otherwise)
"""
from __future__ import annotations

import argparse
import functools
import itertools
import math
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import reportkit  # noqa: E402
from reportkit.lint import load_settings  # noqa: E402
from reportkit.output import render  # noqa: E402

HEADER = "序号 | 工作任务 | 进展情况 | 完成进度\n"
ROW = "{n} | 新建社区养老服务站{t}个,改造农村公路{k}公里 | 已建成{a}个,完成投资{m}万元,占计划的{p}% | {p}%\n"
MB = 1 << 20


def rows(size: int) -> str:
    out, n, total = [HEADER], 0, len(HEADER.encode())
    while total < size:
        n += 1
        row = ROW.format(n=n, t=n % 50 + 10, k=n % 30 + 1, a=n % 50 + 5, m=n % 900 + 100, p=n % 100)
        out.append(row)
        total += len(row.encode())
    return "".join(out)


def up_to(size: int, pieces) -> str:
    """The pieces joined until they reach `size` bytes."""
    out, total = [], 0
    for piece in pieces:
        if total >= size:
            break
        out.append(piece)
        total += len(piece.encode())
    return "".join(out)


def many_lines(size: int) -> str:
    return rows(size)


def single_line(size: int) -> str:
    return rows(size).replace("\n", " ")


def huge_cell(size: int) -> str:
    body = rows(size).replace("\n", ";").replace("|", ",")
    return HEADER + "1 | 新建站点5个 | " + body + " | 50%\n"


def repetition(size: int) -> str:
    return HEADER + "1 | 新建站点5个 | " + "1%" * (size // 2) + " | 50%\n"


def clause(size: int) -> str:
    return up_to(size, itertools.repeat("新建站点5个以上,"))


PADDED_TABLE = HEADER + "1 | 新建站点5个 | 已建成4个 | 80%\n2 | 改造农村公路3公里 | 已建成3公里 | 100%\n" \
    "3 | 新增城镇就业200人 | 已新增150人 | 75%\n"


def padded_directive(size: int) -> str:
    directive = "# reportkit: disable={}RK207\n"
    return directive.format(" " * max(1, size - len(directive.encode()) - len(PADDED_TABLE.encode()))) + PADDED_TABLE


def numbered_rows(size: int) -> str:
    return HEADER + up_to(size - len(HEADER.encode()), map("{0} | 新建站点{0}个 | 已建成{0}个 | 60%\n".format,
                                                          itertools.count(1)))


def many_tables(size: int) -> str:
    out, n, total = [], 0, 0
    while total < size:
        n += 1
        table = f"表{n} 第{n}片区重点任务进度\n" + HEADER + "".join(
            ROW.format(n=k, t=k + 10, k=k + 1, a=k + 5, m=k * 100 + 100, p=k * 20) for k in range(1, 4)) + "\n"
        out.append(table)
        total += len(table.encode())
    return "".join(out)


TASKS = [("新建道路", "公里"), ("改造农村公路", "公里"), ("新建社区养老服务站", "个"), ("新增城镇就业", "人"),
         ("完成造林", "亩"), ("改造老旧小区", "个"), ("新建中小学校", "所"), ("新增学位", "个"),
         ("完成投资", "万元"), ("改造农村户厕", "户"), ("建设高标准农田", "万亩"), ("新建污水管网", "公里"),
         ("培育市场主体", "家"), ("新建充电桩", "个"), ("引进招商项目", "个"), ("完成固定资产投资", "亿元")]
CLAUSES = ["全年计划{task}{t}{u},已建成{a}{u},完成年度计划的{p}%;",
           "{task}{a}{u},同比增长{g}%,占年度目标{t}{u}的{p}%;",
           "年内力争{task}{t}{u}以上,截至9月底累计完成{a}{u},完成率{p}%。",
           "年度目标{task}{t}{u},目前已完成{a}{u},较上年增长{g}%,完成年度计划的{p}%;",
           "计划{task}{t}{u},实际完成{a}{u},同比下降{g}%。",
           "计划{task}{t}{u}、{task2}{t2}{u2},实际分别完成{a}{u}、{a2}{u2};",
           "年内计划{task2}{t2}{u2},目前已全部完成。",
           "{task}{t}{u}以上实际完成{a}{u}{words}"]   # runs on into the next clause
WORDS = "持续推进各项工作扎实有序开展进一步巩固提升全县民生保障水平深入落实各项惠民政策确保群众获得感幸福感安全感不断增强"
NO_PUNCTUATION = str.maketrans("", "", ",;\u3002\u3001")
BARE_STRETCH, PUNCTUATED = 50 << 10, 2 << 10


def prose_clause(n: int) -> str:
    (task, u), (task2, u2) = TASKS[n % len(TASKS)], TASKS[(n * 7 + 3) % len(TASKS)]
    t, t2 = n % 890 + 10, n % 53 + 5
    a, a2 = max(1, t * (n % 97 + 3) // 100), t2 * (n % 11 + 2) // 10
    return CLAUSES[n % len(CLAUSES)].format(task=task, u=u, t=t, a=a, p=round(100 * a / t), g=(n % 250 + 5) / 10,
                                            task2=task2, u2=u2, t2=t2, a2=a2, words=WORDS[:n % len(WORDS) + 10])


def prose_line(size: int) -> str:
    return up_to(size, map(prose_clause, itertools.count(1)))


def bare_prose(size: int, stretch: int = BARE_STRETCH) -> str:
    def pieces():
        run, bare = 0, False
        for n in itertools.count(1):
            piece = prose_clause(n).translate(NO_PUNCTUATION) if bare else prose_clause(n)
            yield piece
            run += len(piece.encode())
            if run >= (stretch if bare else PUNCTUATED):
                run, bare = 0, not bare
    return up_to(size, pieces())


SHAPES = {"many-lines": many_lines, "single-line": single_line, "huge-cell": huge_cell, "repetition": repetition,
          "many-tables": many_tables, "prose-line": prose_line, "bare-prose": bare_prose, "clause": clause,
          "padded-directive": padded_directive, "numbered-rows": numbered_rows}
SIZES = [1, 2, 4]
#: a prose line is measured at 1 and 2 MB, after probes that predict how long those take
PROSE, PROSE_SIZES, PROBES = ("prose-line", "bare-prose", "clause"), [1, 2], [1 / 16, 1 / 8, 1 / 4]
CHECKED = ("padded-directive",)  # also timed through `reportkit check`
COUNTED = ("numbered-rows",)  # one record per row below the header
TIME_ALLOWANCE, OUTPUT_LIMIT = 5 / 4, 20  # time ratio per size ratio; output bytes per input byte


def measure(text: str) -> tuple[float, int, int]:
    """Seconds to parse `text`, its JSONL output in bytes and its number of records."""
    start = time.perf_counter()
    try:
        records = reportkit.parse_text(text)
    except reportkit.ReportkitError:
        records = []
    seconds = time.perf_counter() - start
    return seconds, len(render(records, "jsonl").encode()), len(records)


def check(text: str, settings) -> float:
    """Seconds to check `text` as `reportkit check` does (its findings are not kept)."""
    start = time.perf_counter()
    try:
        reportkit.check_bytes(text.encode(), "report.txt", settings)
    except reportkit.ReportkitError:
        pass
    return time.perf_counter() - start


#: peak memory of `reportkit parse` over one large report, in bytes per input byte
MEMORY_PER_BYTE = 4


#: the bundled samples a large report is made of: narratives (outline and paragraphs,
#: Simplified and Traditional) and tables of one header row (multi-level headers cost
#: far more per byte, and would make a 200 MB report take hours)
REPORT_SAMPLES = ("narrative_hans.txt", "narrative_hant.txt", "narrative_paragraphs_hans.txt",
                  "pipe_table_hant.txt", "markdown_table_hans.txt")


def one_report(size: int) -> str:
    """One report of `size` bytes: `REPORT_SAMPLES` one after another with a blank
    line between them, over and over."""
    samples = [(ROOT / "samples" / name).read_text(encoding="utf-8").strip("\n") for name in REPORT_SAMPLES]
    return up_to(size, itertools.cycle(s + "\n\n" for s in samples))


def memory(mb: float) -> bool:
    """Peak resident memory of `reportkit parse REPORT -o OUT.jsonl` over one report of
    `mb` MB (`one_report`), against a report of a few lines (the interpreter and the
    vocabulary); target: at most `MEMORY_PER_BYTE` bytes per input byte in all."""
    import subprocess
    import tempfile

    code = ("import resource, sys\nfrom reportkit.cli import main\nsys.argv = ['reportkit'] + sys.argv[1:]\n"
            "try:\n    main()\nfinally:\n"
            "    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)\n")
    with tempfile.TemporaryDirectory() as tmp:
        peaks = []
        for size in (4096, int(mb * MB)):
            report = Path(tmp) / f"report{size}.txt"
            report.write_text(one_report(size), encoding="utf-8")
            start = time.perf_counter()
            p = subprocess.run([sys.executable, "-c", code, "parse", str(report), "-o", str(Path(tmp) / "out.jsonl"),
                                "--force", "-q"], capture_output=True, text=True, cwd=ROOT)
            seconds = time.perf_counter() - start
            peaks.append(int(p.stderr.strip().splitlines()[-1]) * 1024)
            size = report.stat().st_size
            report.unlink()
        per_byte = peaks[1] / size
    ok = per_byte <= MEMORY_PER_BYTE
    print(f"{'one report':16} {mb:g} MB: peak {peaks[1] / MB:.0f} MiB in {seconds:.0f} s ({peaks[0] / MB:.0f} MiB "
          f"for a few lines) = {per_byte:.2f} bytes per input byte, {(peaks[1] - peaks[0]) / size:.2f} over the "
          f"few lines' (target: at most {MEMORY_PER_BYTE} in all) {'ok' if ok else 'FAIL'}", flush=True)
    return ok


def exponent(before: tuple[float, float], after: tuple[float, float]) -> float:
    """k in time ~ size ** k between two (MB, seconds)."""
    (m0, t0), (m1, t1) = before, after
    return math.log(t1 / t0) / math.log(m1 / m0) if t0 > 0 and t1 > 0 else float("nan")


def predict(measured: list[tuple[float, float]], mb: float) -> float:
    """Seconds a parse of `mb` takes if time grows as it did (at least linearly)."""
    k = exponent(measured[-2], measured[-1]) if len(measured) > 1 else 1.0
    m, t = measured[-1]
    return t * (mb / m) ** max(1.0, k if k == k else 1.0)


def time_ratio(measured: list[tuple[float, float]], mb0: float, mb1: float) -> tuple[float, str]:
    """Seconds at `mb1` / seconds at `mb0`: measured, or else projected from the last growth exponent."""
    seconds = dict(measured)
    if mb0 in seconds and mb1 in seconds:
        return (seconds[mb1] / seconds[mb0] if seconds[mb0] else float("inf")), ""
    k = exponent(measured[-2], measured[-1])
    return (mb1 / mb0) ** k, f" projected from growth exponent {k:.2f}"


def label(mb: float) -> str:
    return f"{mb:6.2f} MB" if mb >= 1 else f"{mb * 1024:6.0f} kB"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=float, nargs="+", help="input sizes in MB (default 1 2 4, a prose line 1 2)")
    ap.add_argument("--shapes", nargs="+", default=list(SHAPES), choices=list(SHAPES))
    ap.add_argument("--probes", type=float, nargs="*", default=PROBES,
                    help="sizes in MB a prose line is parsed at first (default 1/16 1/8 1/4)")
    ap.add_argument("--budget", type=float, default=300,
                    help="skip a size predicted to take longer to parse, in seconds (0: skip none)")
    ap.add_argument("--stretch", type=float, default=BARE_STRETCH >> 10,
                    help="kB without punctuation at a time in bare-prose (default 50)")
    ap.add_argument("--memory", type=float, metavar="MB",
                    help="measure only the peak memory of parsing one report of MB megabytes (the target: 200)")
    a = ap.parse_args()
    if a.memory:
        return 0 if memory(a.memory) else 1
    shapes = {**SHAPES, "bare-prose": functools.partial(bare_prose, stretch=int(a.stretch * 1024))}
    settings = load_settings(None)
    measure(many_lines(4096))  # load the vocabulary and grammars before any clock runs
    check(many_lines(4096), settings)
    ok = True
    for shape in a.shapes:
        sizes = a.sizes or (PROSE_SIZES if shape in PROSE else SIZES)
        probes = [mb for mb in a.probes if mb < sizes[0]] if shape in PROSE else []
        parses, checks, outputs = [], [], []  # (MB, seconds), (MB, seconds), output bytes / input bytes
        for n, mb in enumerate(probes + sizes):
            if parses and a.budget and predict(parses, mb) > a.budget:
                print(f"{shape:16} {', '.join(label(m).strip() for m in (probes + sizes)[n:])}: skipped, "
                      f"predicted {predict(parses, mb):.0f} s for {label(mb).strip()} (--budget {a.budget:g})",
                      flush=True)
                break
            text = shapes[shape](int(mb * MB))
            seconds, out, records = measure(text)
            growth = f", growth exponent {exponent(parses[-1], (mb, seconds)):.2f}" if parses else ""
            parses.append((mb, seconds))
            outputs.append(out / len(text.encode()))
            checked = ""
            if shape in CHECKED:
                checks.append((mb, check(text, settings)))
                checked = f", check {checks[-1][1]:8.2f} s"
            print(f"{shape:16} {label(mb)}: parse {seconds:8.2f} s{checked}, output {out / MB:8.2f} MB "
                  f"({outputs[-1]:.1f}x the input){growth}", flush=True)
            rows_below_header = text.count("\n") - 1
            if shape in COUNTED and records != rows_below_header:
                print(f"{shape:16} {label(mb)}: {records} records of {rows_below_header} rows NOT ALL ROWS", flush=True)
                ok = False
        mb0, mb1 = sizes[0], sizes[-1]
        limit = TIME_ALLOWANCE * mb1 / mb0
        if len(parses) < 2 and mb1 not in dict(parses):
            print(f"{shape:16} {mb1:g} MB / {mb0:g} MB: too few sizes measured to tell (raise --budget) FAIL",
                  flush=True)
            ok = False
            continue
        ratios = {name: time_ratio(measured, mb0, mb1) for name, measured in (("time", parses), ("check", checks))
                  if measured}
        slow, large = any(ratio > limit for ratio, _ in ratios.values()), max(outputs) > OUTPUT_LIMIT
        failed = [target for target, missed in (("time", slow), ("output", large)) if missed]
        times = [f"{name} x{ratio:.1f}{how}" for name, (ratio, how) in ratios.items()]
        verdict = f"FAIL ({', '.join(failed)})" if failed else "ok"
        ok &= not failed
        print(f"{shape:16} {mb1:g} MB / {mb0:g} MB: {', '.join(times)} (target: at most {limit:g}); output at most "
              f"{max(outputs):.1f}x the input (target: at most {OUTPUT_LIMIT}) {verdict}", flush=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
