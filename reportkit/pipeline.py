"""The whole pipeline, in one place.

    bytes --decode--> text --clean--> lines --script--> (detected)
          --layout--> Document(items) --align--> targets/actuals
          --checks--> flags --records--> Record list

Each stage is a module with one small public function; they pass plain
dataclasses. Nothing here touches files: `parse_bytes` takes bytes,
`parse_document` takes text. The CLI and the public API (`reportkit.parse_*`)
are thin layers over these two functions.
"""
from __future__ import annotations

from .align import Alignment, align_table_item, status_from_percent, unit_tier
from .narrative import align_outline_item
from .checks import check_table, check_values
from .clean import clean_text
from .dates import cell_as_of, resolve_as_of
from .decode import decode_bytes
from .layout import find_layout
from .models import Document, Item, ParseResult, Record, TargetSpec
from .script import convert, detect_script
from .vocab import Vocab, load_vocab


def parse_bytes(data: bytes, source: str | None = None, *, encoding: str | None = None,
                **options) -> ParseResult:
    """Decode `data` and parse it (see `parse_document` for the options)."""
    decoded = decode_bytes(data, source=source, encoding=encoding)
    result = parse_document(decoded.text, source=source, **options)
    result.encoding = decoded.encoding
    return result


def parse_document(text: str, source: str | None = None, *, to: str = "hans", layout: str | None = None,
                   config: str | None = None, vocab: Vocab | None = None) -> ParseResult:
    """Parse report `text` into records.

    to:      script of the text fields: hans (default), hant, tw, hk, keep
    layout:  force table, pasted or outline (default: detect)
    config:  a YAML file adding vocabulary (see schemas/config.schema.json)
    """
    vocab = vocab or load_vocab(config)
    clean = clean_text(text)
    script = detect_script("\n".join(clean.lines))
    doc = find_layout(clean.lines, vocab, layout=layout, source=source)
    records = [_record(item, doc, clean.line_flags, script, to, vocab, source) for item in doc.items]
    check_table([r for r, item in zip(records, doc.items) if item.kind == "table"])
    return ParseResult(source, records, doc, clean, None, script)


def _num(x: float | None) -> float | int | None:
    if x is None:
        return None
    return int(x) if float(x).is_integer() and abs(x) < 1e15 else round(float(x), 6)


def _computed(spec: TargetSpec, vocab: Vocab) -> float | None:
    """actual / target x 100, when both are there in units of one family."""
    t, a = spec.target, spec.actual
    if not t or not a or not t.value or t.qualifier in ("<", "<="):
        return None  # for a ceiling, a share of it says nothing about completion
    if unit_tier(t.unit, a.unit, vocab) < 2:
        return None
    return round(a.value / t.value * 100, 2)


def _metric(spec: TargetSpec, convert_text, vocab: Vocab) -> dict:
    """One entry of `metrics`: a target and its actual, or a score."""
    m: dict = {"name": convert_text(spec.name)}
    if spec.score is not None:
        m.update(score=_num(spec.score), score_max=_num(spec.score_max))
        return m
    t, a = spec.target, spec.actual
    computed = _computed(spec, vocab)
    m.update(target_value=_num(t.value) if t else None, target_unit=t.unit if t else None,
             target_qualifier=t.qualifier if t else None, target_text=convert_text(spec.target_text),
             actual_value=_num(a.value) if a else None, actual_unit=a.unit if a else None,
             actual_text=convert_text(spec.actual_text), percent_reported=_num(spec.percent_reported),
             percent_computed=computed)
    m["flags"] = check_values(m["target_value"], m["actual_value"], m["target_qualifier"], m["percent_reported"],
                              computed, None, m["target_unit"], m["actual_unit"])
    return m


def _record(item: Item, doc: Document, line_flags: dict[int, set[str]], script: str, to: str,
            vocab: Vocab, source: str | None) -> Record:
    al: Alignment = align_table_item(item, vocab) if item.kind == "table" else align_outline_item(item, vocab)
    c = lambda s: convert(s, script, to)  # noqa: E731 - the one conversion used for every text field
    rec = Record(source=source, doc_title=c(doc.title), table=item.table, line_start=item.line_start,
                 line_end=item.line_end, item_no=item.item_no, category=c(item.category),
                 section=c(item.section), task=c(item.task), progress_text=c(item.progress),
                 percent_reported=_num(al.percent_reported), status=al.status, status_text=c(al.status_text),
                 extra={c(k) or k: c(v) or v for k, v in item.extra.items()}, flags=list(item.flags))
    rec.as_of = resolve_as_of(cell_as_of(item.progress) or item.as_of, doc.year, doc.published)
    rec.metrics = [_metric(spec, c, vocab) for spec in al.specs]

    # the first target (scores come last) is the record's own
    primary = next((m for m in rec.metrics if "score" not in m), None)
    if primary:
        for key in ("target_text", "target_value", "target_unit", "target_qualifier", "actual_value",
                    "actual_unit", "percent_computed"):
            setattr(rec, key, primary[key])
        if rec.percent_reported is None:
            rec.percent_reported = primary["percent_reported"]
    if rec.status is None and rec.percent_reported is not None:
        rec.status = status_from_percent(rec.percent_reported)

    flags = check_values(rec.target_value, rec.actual_value, rec.target_qualifier, rec.percent_reported,
                         rec.percent_computed, rec.status, rec.target_unit, rec.actual_unit)
    flags += [f for m in rec.metrics if m is not primary for f in m.get("flags", []) if f == "magnitude_suspect"]
    if item.kind == "table" and rec.target_value is None:
        flags.append("no_target")
    for no in range(item.line_start, item.line_end + 1):
        flags += sorted(line_flags.get(no, ()))
    for f in flags:
        if f not in rec.flags:
            rec.flags.append(f)
    return rec
