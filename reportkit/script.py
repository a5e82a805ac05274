"""Stage 4: Traditional / Simplified script: detect it, convert text fields.

Detection counts the characters that change under opencc's t2s (they are
Traditional) and under s2t (they are Simplified): a clear majority decides,
otherwise the text is `mixed`.

Conversion uses opencc's phrase-level configurations, chosen by the source
script and the `--to` target:

=========  ================  =====================
target     from Simplified   from Traditional
=========  ================  =====================
hans       (unchanged)       t2s
hant       s2t               (unchanged)
tw         s2twp             t2tw
hk         s2hk              t2hk
keep       (unchanged)       (unchanged)
=========  ================  =====================

Mixed text is treated as Simplified for the traditional targets (s2t leaves
Traditional characters alone) and as Traditional for `hans`.

Parsing itself always reads a Simplified copy (`to_simplified`), so the
vocabulary needs only Simplified words; units in the output are always
canonical Simplified whatever the target.
"""
from __future__ import annotations

from functools import lru_cache

TARGETS = ("hans", "hant", "tw", "hk", "keep")
SCRIPTS = ("simplified", "traditional", "mixed", "none")

_FROM_SIMPLIFIED = {"hant": "s2t", "tw": "s2twp", "hk": "s2hk"}
_FROM_TRADITIONAL = {"hans": "t2s", "tw": "t2tw", "hk": "t2hk"}


@lru_cache(maxsize=None)
def _converter(config: str):
    import opencc

    return opencc.OpenCC(f"{config}.json")


def detect_script(text: str) -> str:
    """`traditional`, `simplified`, `mixed`, or `none` (no Chinese at all)."""
    if not any("\u4e00" <= ch <= "\u9fff" for ch in text):
        return "none"
    trad = sum(a != b for a, b in zip(text, _converter("t2s").convert(text)))
    simp = sum(a != b for a, b in zip(text, _converter("s2t").convert(text)))
    if trad == 0 and simp == 0:
        return "simplified"  # only characters common to both scripts
    if trad >= 4 * simp:
        return "traditional"
    if simp >= 4 * trad:
        return "simplified"
    return "mixed"


def config_for(source: str, to: str) -> str | None:
    """The opencc configuration that turns `source` script into `to`."""
    if to not in TARGETS:
        raise ValueError(f"unknown target script {to!r}; expected one of {', '.join(TARGETS)}")
    if to == "keep":
        return None
    if source == "traditional":
        return _FROM_TRADITIONAL.get(to)
    if source == "mixed":
        return "t2s" if to == "hans" else _FROM_SIMPLIFIED.get(to)
    return _FROM_SIMPLIFIED.get(to)


@lru_cache(maxsize=65536)
def _convert_cached(config: str, text: str) -> str:
    return _converter(config).convert(text)


def convert(text: str | None, source: str, to: str) -> str | None:
    """Convert one text field from the `source` script to the `to` target."""
    if not text:
        return text
    config = config_for(source, to)
    return _convert_cached(config, text) if config else text


@lru_cache(maxsize=65536)
def to_simplified(text: str) -> str:
    """The Simplified reading copy that every parser works on."""
    return _converter("t2s").convert(text) if text else text


def convert_lines(lines: list[str], source: str, to: str) -> list[str]:
    """Convert whole lines (for `reportkit convert`); the line count is kept."""
    config = config_for(source, to)
    if not config:
        return list(lines)
    # one call over the joined text is fastest; opencc never adds or removes
    # line breaks, and we check that it did not
    joined = _converter(config).convert("\n".join(lines))
    out = joined.split("\n")
    if len(out) != len(lines):  # pragma: no cover - defensive
        out = [_converter(config).convert(line) for line in lines]
    return out
