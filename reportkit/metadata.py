"""Document metadata: title, publisher, publication date, page chrome.

Read from the lines before a report's body: the first line that is neither
chrome nor a date is the title; ``发布日期:2021-02-07`` and ``来源:…`` give the
publication date and the publisher; breadcrumbs, index numbers and font-size
widgets (``document.yaml: chrome``) are page chrome. None of it becomes an
item, and all of it is kept.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import regex

from .clauses import SENTENCE_MARK
from .dates import parse_as_of
from .models import Document, Metadata
from .tuning import LABEL_MAX, TITLE_MAX
from .vocab import Vocab, alternation, derived


@dataclass(frozen=True)
class _Patterns:
    date: regex.Pattern       # 2021-02-07, 2021年2月7日
    widget: regex.Pattern     # a font-size or print widget: "字号:[ 大 中 小 ]", "字体:[ ]"
    year: regex.Pattern       # 2023年
    date_only: regex.Pattern  # a line that is a date and nothing else: 2024年1月5日
    chrome: tuple[str, ...]   # words that open a line of page furniture
    published: tuple[regex.Pattern, ...]  # 发布日期:2021-02-07 (a key, a colon, the value)
    publisher: tuple[regex.Pattern, ...]  # 来源:市交通局
    label_line: regex.Pattern  # a short label, a colon, a value: 单位：万元
    title_labels: frozenset[str]
    attachment: regex.Pattern  # 附件2 before a title


@derived
def _patterns(vocab: Vocab) -> _Patterns:
    doc = vocab.document
    y, m, d = alternation(doc["date_year"]), alternation(doc["date_month"]), alternation(doc["date_day"])
    widget = doc["widget_words"]
    return _Patterns(
        regex.compile(rf"(?P<y>(?:19|20)\d\d)(?:[-/.]|{y})(?P<m>\d{{1,2}})(?:[-/.]|{m})(?P<d>\d{{1,2}})"),
        regex.compile(r"[:\uff1a]\s*\[(?:\s|" + alternation(widget) + r")*\]"),
        regex.compile(rf"(?<!\d)((?:19|20)\d\d)(?:{y})"),
        regex.compile(rf"(?:19|20)\d\d\s*(?:[-/.]|{y})\s*\d{{1,2}}\s*(?:[-/.]|{m})\s*\d{{1,2}}\s*{d}?"),
        tuple(doc["chrome"]), _key_patterns(doc["published"]), _key_patterns(doc["publisher"]),
        regex.compile(rf"(?P<label>[^\s:\uff1a]{{1,{LABEL_MAX}}})\s*[:\uff1a]\s*(?P<value>\S.*)"),
        frozenset(doc.get("title_labels", [])),
        regex.compile(rf"(?:{alternation(doc.get('attachment', []))})\s*\d*\s*[:\uff1a]?\s*"))


def _key_patterns(words: list[str]) -> tuple[regex.Pattern, ...]:
    """``发布日期:2021-02-07``: a key word, an optional colon, the value."""
    return tuple(regex.compile(regex.escape(w) + r"\s*[:：]?\s*(?P<v>[^\s]+)") for w in words)


def is_date_line(line: str, vocab: Vocab) -> bool:
    """A line that is a date and nothing else (2024年1月5日, 2024-01-05)."""
    return bool(_patterns(vocab).date_only.fullmatch(line))


# a page number a PDF prints between dashes: - 2 -, — 12 —
_PAGE_NUMBER = regex.compile(r"^[\-\u2010-\u2015\uff0d~]\s*\d{1,4}\s*[\-\u2010-\u2015\uff0d~]$")


def is_page_number(line: str) -> bool:
    """A page number a PDF prints between dashes (- 2 -, — 12 —)."""
    return bool(_PAGE_NUMBER.match(line.strip()))


def is_chrome(line: str, vocab: Vocab) -> bool:
    """Page furniture: breadcrumbs, index numbers, font-size widgets, page numbers."""
    s = (line.strip())
    if not s:
        return False
    if is_page_number(s):
        return True
    if s.count(">") >= 2 or s.endswith(":") and len(s) <= 8:
        return True
    patterns = _patterns(vocab)
    return s.startswith(patterns.chrome) or bool(patterns.widget.search(s))


def _value_after(raw: str, simplified: str, keys: tuple[regex.Pattern, ...]) -> str | None:
    """The value after the first of the `keys` patterns in a line (``来源:市交通局`` -> ``市交通局``),
    as written; None when no key is there."""
    for pattern in keys:
        m = pattern.search(simplified)
        if m:
            return raw[m.start("v"):m.end("v")] if len(raw) == len(simplified) else m["v"]
    return None


def is_prose_line(line: str) -> bool:
    """A line of running prose, no title: longer than `TITLE_MAX` characters with a
    sentence end inside it (…预算执行率为57.93%。经查:)."""
    return len(line) > TITLE_MAX and bool(SENTENCE_MARK.search(line.rstrip("\u3002")))


#: a comment line that speaks to reportkit (``# reportkit: disable=RK207``)
_DIRECTIVE_LINE = regex.compile(r"#\s*+reportkit\s*+:")


def read_metadata(lines: list[str], end: int, vocab: Vocab) -> Metadata:
    """Title, publisher and publication date from lines[:end]."""
    meta = Metadata()
    patterns = _patterns(vocab)
    for i in range(min(end, len(lines))):
        raw = lines[i].strip()
        if not raw:
            continue
        s = (raw)
        published = _value_after(raw, s, patterns.published)
        publisher = _value_after(raw, s, patterns.publisher)
        if published is not None and meta.published is None:
            d = patterns.date.search(published)
            meta.published = f"{int(d['y']):04d}-{int(d['m']):02d}-{int(d['d']):02d}" if d else None
        if publisher is not None and meta.publisher is None:
            meta.publisher = publisher
        if published is not None or publisher is not None or is_chrome(raw, vocab) or _DIRECTIVE_LINE.match(raw):
            meta.lines.append(i + 1)    # (a `# reportkit: disable=…` line is for check, never the title)
        elif meta.title is None and not patterns.date.match(s) and not is_prose_line(s):
            # a Markdown heading is a title too; a spreadsheet's title row trails empty cells
            title = raw.lstrip("#").strip().rstrip(",\t|\uff5c").strip()
            # 附件2 城乡环境整治任务进度: the attachment's mark is no part of its title
            mark = patterns.attachment.match(title)
            title = title[mark.end():] or title if mark else title
            labelled = patterns.label_line.fullmatch(title)
            if labelled and labelled["label"] not in patterns.title_labels:
                continue  # 单位：万元, 发件人: 县政府办: a note before the body, no title
            meta.title = labelled["value"].strip() if labelled else title
            meta.lines.append(i + 1)
    return meta


def stamp(doc: Document, meta: Metadata, lines: list[str], vocab: Vocab) -> Document:
    """`doc` with the metadata read before its body: title, publication date,
    publisher, the year it speaks of and the date its title reports to."""
    doc.title, doc.published, doc.publisher = meta.title, meta.published, meta.publisher
    doc.year = document_year(doc.title, doc.published, lines, vocab)
    doc.as_of = parse_as_of(doc.title, vocab) if doc.title else None
    return doc


def document_year(title: str | None, published: str | None, lines: list[str], vocab: Vocab) -> int | None:
    """The year a report speaks of: from its title, its publication date, or
    the year it mentions most."""
    year = _patterns(vocab).year
    if title:
        m = year.search(title)
        if m:
            return int(m.group(1))
    if published:
        return int(published[:4])
    counts = Counter(int(y) for line in lines for y in year.findall(line))
    return counts.most_common(1)[0][0] if counts else None
