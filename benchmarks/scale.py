#!/usr/bin/env python3
"""Parse time and output size against input size: are they linear?

    python benchmarks/scale.py                 # 1, 2, 4 and 8 MB
    python benchmarks/scale.py --sizes 0.25 0.5 1 2

For each shape of input it parses 1, 2, 4 and 8 MB (UTF-8 bytes) and prints
the parse time, the JSONL output size, and the ratios 8 MB / 1 MB. Linear
growth gives ratios near 8; the target is at most 10 for every shape.

Shapes:
  many-lines   a pipe table of many rows (the ordinary case)
  single-line  the same rows with their line breaks removed (a table copied
               without line breaks)
  huge-cell    one row whose progress cell holds all the text
  repetition   one clause repeated without a sentence end ("1%" repeated)
  many-tables  tables of a few rows each, one after another with a title line
               between them (200 tables per 100 kB): each finder runs once over
               the document, not again after every table
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import reportkit  # noqa: E402
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


def many_lines(size: int) -> str:
    return rows(size)


def single_line(size: int) -> str:
    return rows(size).replace("\n", " ")


def huge_cell(size: int) -> str:
    body = rows(size).replace("\n", ";").replace("|", ",")
    return HEADER + "1 | 新建站点5个 | " + body + " | 50%\n"


def repetition(size: int) -> str:
    return HEADER + "1 | 新建站点5个 | " + "1%" * (size // 2) + " | 50%\n"


def many_tables(size: int) -> str:
    out, n, total = [], 0, 0
    while total < size:
        n += 1
        table = f"表{n} 第{n}片区重点任务进度\n" + HEADER + "".join(
            ROW.format(n=k, t=k + 10, k=k + 1, a=k + 5, m=k * 100 + 100, p=k * 20) for k in range(1, 4)) + "\n"
        out.append(table)
        total += len(table.encode())
    return "".join(out)


SHAPES = {"many-lines": many_lines, "single-line": single_line, "huge-cell": huge_cell, "repetition": repetition,
          "many-tables": many_tables}


def measure(text: str) -> tuple[float, int]:
    start = time.perf_counter()
    try:
        records = reportkit.parse_text(text)
    except reportkit.ReportkitError:
        records = []
    seconds = time.perf_counter() - start
    return seconds, len(render(records, "jsonl").encode())


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=float, nargs="+", default=[1, 2, 4, 8], help="input sizes in MB")
    ap.add_argument("--shapes", nargs="+", default=list(SHAPES), choices=list(SHAPES))
    a = ap.parse_args()
    ok = True
    for shape in a.shapes:
        results = []
        for mb in a.sizes:
            text = SHAPES[shape](int(mb * MB))
            seconds, out = measure(text)
            results.append((mb, seconds, out))
            print(f"{shape:12} {mb:6.2f} MB: parse {seconds:8.2f} s, output {out / MB:8.2f} MB", flush=True)
        (mb0, t0, o0), (mb1, t1, o1) = results[0], results[-1]
        time_ratio = t1 / t0 if t0 else float("inf")
        size_ratio = o1 / o0 if o0 else (1.0 if not o1 else float("inf"))
        limit = 10 * (mb1 / mb0) / 8
        verdict = "ok" if time_ratio <= limit and size_ratio <= limit else "NOT LINEAR"
        ok &= verdict == "ok"
        print(f"{shape:12} {mb1:g} MB / {mb0:g} MB: time x{time_ratio:.1f}, output x{size_ratio:.1f} "
              f"(linear: at most {limit:g}) {verdict}", flush=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
