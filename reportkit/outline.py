"""Stage 5c: read a narrative report's numbered outline into items.

Markers nest in the order they first appear (usually 一、 > (一) > 1. > (1)
> ①); a marker of a kind already open closes everything below it. The
``一是…二是…三是`` enumeration, at the start of a line or after the end of a
sentence, makes children of the current item; it ends with its paragraph.

* Report headings - the document title repeated with a number
  (``高質量發展綜合績效考核自評報告1`` … ``5``) - start a new report: a new
  value of `table`. So does a top-level numbering that restarts at 一 (a
  summary followed by a plan); paragraphs between the last item and the
  restart are the new part's introduction.
* Every leaf becomes an item; so does an item with text of its own besides
  its children, or whose heading carries numbers (``自评分为满分30分``).
  `item_no` is the marker path (``三.(一).2``), `section` the heading path.
* A part is a plan when its heading or introduction speaks of the future
  (``工作思路``, ``下一步``, ``将``: `cues.yaml: plan`): numbers in it are
  targets.
* Page chrome (``当前位置``, ``索引号``, ``字号:[ ]``) and the list of related
  articles after ``【…】相关文章`` are metadata, not items.
* An item that only announces a list of targets (``一、主要预期目标`` …
  ``目标是:A;B;C``) is read with the part after it (``二、完成情况`` and its
  sub-items), where the results are: `join_announced_targets`.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace

import regex

from .wraps import join_wrapped
from .metadata import is_chrome, is_date_line, is_page_number, read_metadata, stamp
from .markers import ENUM_IN_TEXT, Marker, cn_value, match_marker
from .models import Document, Item, Span
from .quantities import extract_quantities
from .vocab import Vocab, derived, package_data
from .tuning import PLAN_OPENING

_COLON = regex.compile(r"[:\uff1a]")
_SENTENCE_END = regex.compile(r"[。;\uff1b!\uff01?\uff1f]")
_DIGIT = regex.compile(r"\d")
_LIST_SEPARATOR = regex.compile(r"[;\uff1b,\uff0c\u3001]")
_LEAD_END = regex.compile(r"[。:\uff1a;\uff1b!\uff01?\uff1f]")
# a digit or a Chinese numeral (one to ten, from units.yaml): text that may carry figures
_NUMBER = regex.compile(r"\d|[" + "".join(w for w, v in package_data()["units"]["numerals"]["digits"].items() if v)
                        + "".join(w for w, v in package_data()["units"]["numerals"]["small"].items() if v == 10)
                        + "]")


@dataclass
class _Node:
    kind: str | None
    label: str | None
    number: int
    heading: Span | None = None
    text: str = ""
    body: list[Span] = field(default_factory=list)
    children: list["_Node"] = field(default_factory=list)
    parent: "_Node | None" = None
    table: int = 1
    plan: bool = False
    title: str = ""   # marker and heading text, without enumerated children: 一、主要工作


def lead_phrase(text: str) -> str:
    """An item's task: its text up to the first 。 or colon."""
    text = text.strip()
    m = _LEAD_END.search(text)
    lead = text[: m.start()] if m else text
    return lead.strip(" ,\uff0c、") or text


def is_plan(text: str, vocab: Vocab, context: str = "") -> bool:
    """Words that speak of the future (`cues.yaml: plan`), outside set phrases
    that only hold one (`not_plan`: 现将…报告如下). A weaker word
    (`plan_unless_reported`: 将) makes a plan only when `text` and `context`
    (the rest of the paragraph) report nothing done (`reported`)."""
    s = (text)
    for phrase in vocab.cues.get("not_plan", []):
        s = s.replace(phrase, "")
    if any(w in s for w in vocab.cues["plan"]):
        return True
    return any(w in s for w in vocab.cues.get("plan_unless_reported", [])) and \
        not any(w in s + context for w in vocab.cues.get("reported", []))


_CLAUSE_END = regex.compile(r"[,\uff0c。;\uff1b:\uff1a!\uff01?\uff1f]")


def opens_plan(text: str, vocab: Vocab) -> bool:
    """A paragraph whose first words, in its first sentence, are a plan's (the
    whole paragraph is the context a weaker plan word is judged in). A clause
    that cites a plan (`cues.yaml: citing`: 根据…工作计划,) opens none."""
    lead = text[:m.start()] if (m := _SENTENCE_END.search(text)) else text
    citing = tuple(vocab.cues.get("citing", []))
    while citing and lead.lstrip().startswith(citing) and (m := _CLAUSE_END.search(lead)):
        lead = lead[m.end():]
    return is_plan(lead[:PLAN_OPENING], vocab, text)


def _title_stem(title: str | None) -> str | None:
    if not title:
        return None
    stem = _TRAILING_NOTE.sub("", (title)).strip()
    return stem or None


_TRAILING_NOTE = regex.compile(r"[(\uff08][^()\uff08\uff09]*[)\uff09]\s*$")
_CLAUSE_MARK = regex.compile(r"[,\uff0c。;\uff1b]")
_COMMA_OR_STOP = regex.compile(r"[,\uff0c。]")


def body_spans(lines: list[str], vocab: Vocab, after_title: bool = False) -> tuple[dict, set[int], list[Span]]:
    """The report body as spans of joined lines, after the metadata and
    without page chrome: (metadata, metadata line numbers, spans).

    The body starts at the first numbered or long line; with `after_title`
    it is every line that is not metadata (short lines after the title are
    then part of it: sub-headings, one-line items)."""
    n = len(lines)
    chrome: set[int] = set()
    i = 0
    while i < n:
        if is_chrome(lines[i], vocab):
            chrome.add(i + 1)
        if i > 0 and any(w in (lines[i]) for w in vocab.document["related_articles"]):
            # a list of related articles: short link titles up to the next sentence
            chrome.add(i + 1)
            while i + 1 < n and _is_link_title(lines[i + 1]):
                i += 1
                chrome.add(i + 1)
        i += 1
    body_start = _body_start(lines, chrome, vocab)
    meta = read_metadata(lines, body_start, vocab)
    tail_from = signature_start(lines, vocab, body_start)
    meta.lines += [no for no in range(tail_from + 1, n + 1) if lines[no - 1].strip()]
    meta_lines = set(meta.lines) | chrome

    first = 0 if after_title else body_start
    spans = join_wrapped([(i + 1, lines[i]) for i in range(first, tail_from) if (i + 1) not in meta_lines],
                         page_breaks(lines))
    return meta, meta_lines, spans


def page_breaks(lines: list[str]) -> frozenset[int]:
    """Line numbers of page breaks: each page number line and the blank lines around it."""
    out: set[int] = set()
    for i, line in enumerate(lines):
        if is_page_number(line):
            out.add(i + 1)
            for step in (-1, 1):
                k = i + step
                while 0 <= k < len(lines) and not lines[k].strip():
                    out.add(k + 1)
                    k += step
    return frozenset(out)


def signature_start(lines: list[str], vocab: Vocab, body_start: int = 0) -> int:
    """Where the signature block after the last item begins (an index into
    `lines`; ``len(lines)`` when there is none): trailing short lines that are
    a contact (`document.yaml: signature`), a date alone, or an office name
    (`tables.yaml: office_suffixes`). They are metadata, not the last item's text."""
    start = len(lines)
    while start > body_start:
        line = (lines[start - 1]).strip()
        if line and not is_signature_line(line, vocab):
            break
        start -= 1
    while start < len(lines) and not lines[start].strip():
        start += 1  # blank lines before the block stay with the body
    return start


def is_signature_line(line: str, vocab: Vocab) -> bool:
    """A line of a signature block: 联系人:…, 2024年1月5日, 某市交通运输局."""
    if len(line) > 40 or _SENTENCE_END.search(line):
        return False
    if any(line.startswith(w) for w in vocab.document["signature"]):
        return True
    if is_date_line(line, vocab):
        return True
    offices = vocab.tables.get("office_suffixes", [])
    return len(line) <= 20 and not _DIGIT.search(line) and line.endswith(tuple(offices))


def announces_targets(text: str, vocab: Vocab) -> bool:
    """A paragraph that lists targets after a lead-in and a colon (预期目标是:A;B;C),
    or after a target noun and a colon (主要预期目标:A;B;C); a label in brackets
    (新增宿位(目标:500个)方面,…) announces no list."""
    heads = _list_heads(vocab)
    for m in _COLON.finditer(text):
        before = text[:m.start()].rstrip()
        if before.rfind("(") > before.rfind(")") or before.rfind("\uff08") > before.rfind("\uff09"):
            continue
        if heads and before.endswith(heads) and len(_LIST_SEPARATOR.findall(text, m.end())) >= 2:
            return True
    return False


@derived
def _list_heads(vocab: Vocab) -> tuple[str, ...]:
    """The words a list of targets follows before its colon: lead-ins, target nouns, list heads."""
    words = vocab.relations.get("words", {})
    return tuple(vocab.relations.get("target_lead_ins", []) + words.get("target_noun", [])
                 + words.get("list_head", []))


def join_announced_targets(items: list[Item], vocab: Vocab) -> list[Item]:
    """An item that only announces a list of targets (一、年度主要预期目标 …
    目标是:A;B;C) is read together with the part after it, which reports on
    that list (二、目标完成情况, with its sub-items): targets and results
    then meet in one item. A list the announcement's own sub-items make
    (…抓好九项任务: | 一是… | 二是…) is that list."""
    out: list[Item] = []
    joining: str | None = None        # the top-level label of the part being joined
    for item in _with_listed_targets(items, vocab):
        prev = out[-1] if out else None
        top = (item.item_no or "").split(".")[0]
        if prev is not None and not item.plan and prev.table == item.table and (
                top and top == joining
                or joining is None and not prev.plan and announces_targets(prev.progress or "", vocab)):
            out[-1] = replace(prev, line_end=item.line_end,
                              progress="\n".join(t for t in (prev.progress, item.progress) if t) or None)
            joining = top   # the report part goes on through its sub-items ("": an unnumbered item ends it)
            continue
        joining = None
        out.append(item)
    return out


def _with_listed_targets(items: list[Item], vocab: Vocab) -> list[Item]:
    """An item whose text ends announcing targets with a colon, read together
    with the sub-items that list them (抓好九项任务: then 一是…, 二是…)."""
    heads = _list_heads(vocab)
    out: list[Item] = []
    for item in items:
        prev = out[-1] if out else None
        if prev is not None and prev.item_no and (item.item_no or "").startswith(prev.item_no + ".") \
                and _announces_list(prev.progress or "", heads):
            # the members go on the announcement's line, as one list: 任务:A;B;C
            before = (prev.progress or "").rstrip()
            glue = "" if before.endswith(_LIST_ENDS) else "\uff1b"
            out[-1] = replace(prev, line_end=item.line_end, progress=before + glue + (item.progress or "").strip())
            continue
        out.append(item)
    return out


_LIST_ENDS = (":", "\uff1a", ";", "\uff1b", "。", ",", "\uff0c")


def _announces_list(text: str, heads: tuple[str, ...]) -> bool:
    """The text ends with a target word and a colon (the list to come), or goes
    on with the list already joined to it."""
    at = max(text.rfind(":"), text.rfind("\uff1a"))
    return bool(heads) and at > 0 and text[:at].rstrip().endswith(heads) and "\n" not in text[at:]


def count_markers(lines: list[str]) -> int:
    """How many lines open with an outline marker (一、 (一) 1. …, not 一是)."""
    return sum(1 for line in lines if (m := match_marker(line)) and m.kind != "shi")


def read_outline(lines: list[str], vocab: Vocab, source: str | None = None) -> Document:
    """Items of a narrative report (see the module docstring)."""
    meta, meta_lines, spans = body_spans(lines, vocab)
    stem = _title_stem(meta.title)
    # a title repeated with a number after it starts the next report of a compilation
    numbered_title = regex.compile(regex.escape(stem) + r"\s*\d{1,2}") if stem else None

    parts: list[_Node] = [_Node(None, None, 0, table=1)]
    stack: list[_Node] = [parts[0]]
    for span in spans:
        text = span.text
        if numbered_title and numbered_title.fullmatch(text):
            root = parts[-1]
            if root.heading is None and not root.children:
                root.heading, root.text = span, text  # the first report: keep its introduction
                root.title = text
            else:
                root = _Node(None, None, 0, heading=span, text=text, table=root.table + 1, title=text)
                parts.append(root)
            root.plan = is_plan(text, vocab)
            stack = [root]
            continue
        marker = match_marker(text) or _next_number_marker(text, stack)
        if marker and marker.kind != "shi":
            stack = _place(marker, span, stack, parts, vocab)
            node = stack[-1]
            node.text = text[marker.end:].strip()
            _split_enumeration(node, node.text, span, vocab, own_text=True)
            node.title = marker.text + node.text
            continue
        # a paragraph (possibly opening with 一是): enumerations close with it
        parent = stack[-1]
        if parent.kind is None and not parent.children and not parent.body and opens_plan(text, vocab):
            parent.plan = True
        _split_enumeration(parent, text, span, vocab, own_text=False)

    items: list[Item] = []
    for part in parts:
        _emit(part, [], [], items, vocab)
    if any(i.plan for i in items):
        # a report that reviews a year and then plans the next: its other parts report work done
        items = [i if i.plan else replace(i, reviewed=True) for i in items]
    doc = Document("outline", join_announced_targets(items, vocab))
    stamp(doc, meta, lines, vocab)
    doc.metadata_lines = sorted(meta_lines)
    return doc


def _next_number_marker(text: str, stack: list[_Node]) -> Marker | None:
    """``2.1200个行政村…`` after item 1.: the next number of an open list, though
    a digit follows its dot."""
    open_num = next((node for node in reversed(stack) if node.kind == "num"), None)
    if open_num is None:
        return None
    m = match_marker(text, decimal_dot=True)
    return m if m and m.kind == "num" and m.number == open_num.number + 1 else None


def _is_link_title(line: str) -> bool:
    t = line.strip()
    return bool(t) and len(t) <= 40 and not _CLAUSE_MARK.search(t) and not match_marker(t)


def _body_start(lines: list[str], chrome: set[int], vocab: Vocab) -> int:
    """Index of the first line of the report body (after title and chrome)."""
    seen_title = False
    for i, line in enumerate(lines):
        t = line.strip()
        if not t or (i + 1) in chrome:
            continue
        if match_marker(t) or (seen_title and len(t) >= 30 and _COMMA_OR_STOP.search(t)):
            return i
        if not seen_title:
            seen_title = True
            if len(t) >= 60 and _COMMA_OR_STOP.search(t):
                return i  # no title at all: the text starts at once
    return len(lines)


def _place(marker: Marker, span: Span, stack: list[_Node], parts: list[_Node], vocab: Vocab) -> list[_Node]:
    """Put a marker's node in the tree; return the new stack."""
    level = next((k for k in range(1, len(stack)) if stack[k].kind == marker.kind), None)
    if level == 1 and marker.number == 1 and stack[1].number >= 1 and stack[0].children:
        # numbering restarts at the top: a new part (a plan after a summary)
        old = stack[0]
        new = _Node(None, None, 0, table=old.table + 1)
        last = old.children[-1]
        moved = _trailing_body(last, vocab)
        if moved:
            new.body = moved
            new.plan = any(opens_plan(s.text, vocab) for s in moved)
        parts.append(new)
        stack = [new]
    elif level is not None:
        stack = stack[:level]
    parent = stack[-1]
    node = _Node(marker.kind, marker.label, marker.number, heading=span, parent=parent,
                 table=parent.table, plan=parent.plan or is_plan(lead_phrase(span.text[marker.end:]), vocab))
    parent.children.append(node)
    return stack + [node]


def _trailing_body(node: _Node, vocab: Vocab) -> list[Span]:
    """Paragraphs after a node's last child (searching down the last branch);
    for a node without children, a last paragraph that announces a plan."""
    if not node.children:
        if len(node.body) > 1 and is_plan(node.body[-1].text, vocab):
            return [node.body.pop()]
        return []
    while node.children:
        last_child_line = _last_line(node.children[-1])
        after = [s for s in node.body if s.line_start > last_child_line]
        if after:
            node.body = [s for s in node.body if s.line_start <= last_child_line]
            return after
        node = node.children[-1]
    return []


def _last_line(node: _Node) -> int:
    lines = [node.heading.line_end] if node.heading else []
    lines += [s.line_end for s in node.body]
    lines += [_last_line(c) for c in node.children]
    return max(lines) if lines else 0


def _split_enumeration(parent: _Node, text: str, span: Span, vocab: Vocab, own_text: bool) -> None:
    """Cut 一是…二是… out of `text`; what comes before stays with `parent`."""
    numbers = [c.number for c in parent.children if c.kind == "shi"]
    expected = numbers[-1] + 1 if numbers else 1
    cuts: list[tuple[int, int]] = []
    for m in ENUM_IN_TEXT.finditer(text):
        number = cn_value(m["n"])
        # 其三是…其四是…: with its prefix word an enumeration may open past its first
        # member (a page of a longer text)
        if number == expected or (m["prefix"] and not numbers and not cuts):
            cuts.append((m.start("prefix") if m["prefix"] else m.start("n"), number))
            expected = number + 1
    if not cuts:
        if not own_text and text:
            parent.body.append(span)
        return
    lead = text[: cuts[0][0]].strip()
    if own_text:
        parent.text = lead
    elif lead:
        parent.body.append(Span(lead, span.line_start, span.line_end))
    for k, (start, number) in enumerate(cuts):
        end = cuts[k + 1][0] if k + 1 < len(cuts) else len(text)
        segment = text[start:end].strip()
        m = match_marker(segment)
        child = _Node("shi", m.label if m else None, number, heading=Span(segment, span.line_start, span.line_end),
                      text=segment[m.end:].strip() if m else segment, parent=parent, table=parent.table,
                      plan=parent.plan)
        parent.children.append(child)


def _emit(node: _Node, path: list[str], headings: list[str], out: list[Item], vocab: Vocab) -> None:
    own = [node.text] if node.text and node.kind is not None else []
    body = [s.text for s in node.body]
    has_numbers = bool(node.text) and bool(_NUMBER.search(node.text)) and node.kind is not None \
        and _has_quantity(node.text, vocab)
    has_prose = "。" in node.text.rstrip("。")
    # the text before a report's first heading is an item only when it states figures; a
    # preamble in words (2020年,尤其…以来,…) is left to the report of text in no item
    if node.kind is not None and (not node.children or body or has_numbers or has_prose) \
            or (node.kind is None and body and _has_quantity("\n".join(body), vocab)):
        spans = ([node.heading] if node.heading and node.kind is not None else []) + list(node.body)
        text = "\n".join(own + body)
        # a report's introduction is named by its own words, not by the report's title
        first = body[0] if body else ""
        task_source = first if node.kind is None else node.text or first
        out.append(Item(
            item_no=".".join(path + [node.label or ""]) if node.kind is not None else None,
            line_start=min(s.line_start for s in spans), line_end=max(s.line_end for s in spans),
            table=node.table, task=lead_phrase(task_source) or None, progress=text or None,
            section=" > ".join(headings) or None, plan=node.plan, kind="outline"))
    child_path = path + [node.label or ""] if node.kind is not None else path
    child_headings = headings + [node.title] if node.title and node.kind != "shi" else headings
    for c in node.children:
        _emit(c, child_path, child_headings, out, vocab)


def _has_quantity(text: str, vocab: Vocab) -> bool:
    return bool(extract_quantities(text, vocab, simplified=True))
