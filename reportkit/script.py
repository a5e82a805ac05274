"""Stage 4: Traditional / Simplified script: detect it, convert text fields.

Detection counts the characters that change under the reading conversion
(opencc's hk2s: t2s that also undoes Hong Kong's variant forms; they are
Traditional) and under s2t (they are Simplified): a clear majority decides,
otherwise the text is `mixed`. The two sets of characters are found once per
process, so detection is two character-class scans, and a text with no
Traditional character is not converted at all.

Conversion uses opencc's phrase-level configurations, chosen by the source
script and the `--to` target:

=========  ================  =====================
target     from Simplified   from Traditional
=========  ================  =====================
hans       (unchanged)       hk2s (t2s, HK forms)
hant       s2tw              as written, Simplified characters converted
tw         s2twp             t2tw
hk         s2hk              t2hk
keep       (unchanged)       (unchanged)
=========  ================  =====================

Mixed text is treated as Simplified for the traditional targets (s2t leaves
Traditional characters alone) and as Traditional for `hans`.

`hant` writes the forms in common use (Taiwan's: 為, 群, 裡), not the
inherited forms of opencc's plain s2t (爲, 羣, 裏). A Traditional document
is written as it stands, except for the Simplified characters that pages
mix into Traditional text (示范, 先后, 干部): each is converted in its
phrase, and a character that is already Traditional is never changed.

`read_script` makes the Simplified reading copy of a document once; every
later stage reads only that copy, so the vocabulary needs only Simplified
words. `FieldWriter` then writes each text field in the `--to` script: from
the lines as written when they are already in that script (`keep`, or `hant`
for a Traditional document) and the field can be found in them, otherwise by
converting the Simplified reading. Either way every field of a record is in
one script. Units in the output are always canonical Simplified.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

TARGETS = ("hans", "hant", "tw", "twp", "hk", "keep")
SCRIPTS = ("simplified", "traditional", "mixed", "none")

#: the Simplified reading: t2s that also undoes Hong Kong's variant forms (衞 -> 卫, 綫 -> 线)
READING = "hk2s"
#: tw and hk change the script only (Taiwan's and Hong Kong's character forms); twp also
#: Taiwan's vocabulary (优化 -> 最佳化, 软件 -> 軟體)
_FROM_SIMPLIFIED = {"hant": "s2tw", "tw": "s2tw", "twp": "s2twp", "hk": "s2hk"}
_FROM_TRADITIONAL = {"hans": READING, "tw": "t2tw", "hk": "t2hk"}


@lru_cache(maxsize=None)
def _converter(config: str):
    import opencc

    return opencc.OpenCC(f"{config}.json")


_HAN = re.compile(r"[\u4e00-\u9fff]")
#: the blocks of Chinese characters opencc's tables cover (extension A, the main
#: block, the compatibility ideographs)
_BLOCKS = ((0x3400, 0x4DC0), (0x4E00, 0xA000), (0xF900, 0xFB00))


@lru_cache(maxsize=1)
def _script_classes() -> tuple[re.Pattern, re.Pattern]:
    """(Traditional, Simplified): character classes of the characters the reading
    conversion changes (they are Traditional) and those s2t changes (they are
    Simplified), found once by converting every character of the blocks."""
    chars = "".join(chr(c) for lo, hi in _BLOCKS for c in range(lo, hi))
    joined = "\n".join(chars)   # one character per line: no phrase joins two of them
    classes = []
    for config in (READING, "s2t"):
        converted = _converter(config).convert(joined).split("\n")
        changed = "".join(c for c, d in zip(chars, converted) if c != d)
        classes.append(re.compile(f"[{re.escape(changed)}]"))
    return classes[0], classes[1]


def detect_script(text: str) -> str:
    """`traditional`, `simplified`, `mixed`, or `none` (no Chinese at all).

    Counts the characters of one script only: those the reading conversion
    changes are Traditional, those s2t changes Simplified; a clear majority
    (four to one) decides.
    """
    if not _HAN.search(text):
        return "none"
    traditional, simplified_only = _script_classes()
    trad = len(traditional.findall(text))
    if not trad:
        return "simplified"  # no Traditional character (perhaps none of either script)
    simp = len(simplified_only.findall(text))
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
        return READING if to == "hans" else _FROM_SIMPLIFIED.get(to)
    return _FROM_SIMPLIFIED.get(to)


@lru_cache(maxsize=65536)
def _convert_cached(config: str, text: str) -> str:
    return _converter(config).convert(text)


def convert(text: str | None, source: str, to: str) -> str | None:
    """Convert one text field from the `source` script to the `to` target."""
    if not text:
        return text
    if source == "traditional" and to == "hant":
        return traditional_only(text)
    config = config_for(source, to)
    return _convert_cached(config, text) if config else text


@dataclass(frozen=True)
class Reading:
    """A document's lines as written and their Simplified reading copy."""
    original: list[str]
    simplified: list[str]
    script: str          # of the original: one of SCRIPTS


def read_script(lines: list[str]) -> Reading:
    """Detect the script of `lines` and make their Simplified reading copy."""
    joined = "\n".join(lines)
    script = detect_script(joined)
    if script not in ("traditional", "mixed"):
        return Reading(list(lines), list(lines), script)
    simplified = _converter(READING).convert(joined).split("\n")
    if len(simplified) != len(lines):  # pragma: no cover - opencc keeps line breaks
        simplified = convert_lines(lines, "traditional", "hans")
    return Reading(list(lines), simplified, script)


class FieldWriter:
    """Writes text fields read from a `Reading` in the target script `to`.

    >>> r = read_script(["工作任務:新建書房"])
    >>> w = FieldWriter(r, "keep")
    >>> w("新建书房", 1, 1), FieldWriter(r, "hans")("新建书房", 1, 1)
    ('新建書房', '新建书房')
    """

    def __init__(self, reading: Reading, to: str):
        config_for(reading.script, to)  # validates `to`
        self.reading = reading
        self.to = to
        traditional = reading.script == "traditional"
        # the lines as written already are in the target script
        self._as_written = traditional and to in ("keep", "hant")
        self._from_reading = "hant" if to == "keep" and traditional else ("hans" if to == "keep" else to)

    def __call__(self, text: str | None, line_start: int | None = None, line_end: int | None = None) -> str | None:
        if not text:
            return text
        if self._as_written and line_start is not None:
            found = self._find_as_written(text, line_start, line_end or line_start)
            if found is not None:
                return found if self.to == "keep" else traditional_only(found)
        return convert(text, "simplified", self._from_reading)

    def _find_as_written(self, text: str, line_start: int, line_end: int) -> str | None:
        """`text` as it stands in the original lines of its item.

        The reading copy keeps each line's length (opencc maps character for
        character), so a field found in the copy is cut from the original at
        the same place. A field joined from several lines is translated with
        the characters that differ in those lines, when each of them stands
        for one original only.
        """
        lo, hi = max(0, line_start - 1), min(len(self.reading.original), line_end)
        pairs = [(s, o) for s, o in zip(self.reading.simplified[lo:hi], self.reading.original[lo:hi])
                 if len(s) == len(o)]
        simp, orig = "\n".join(s for s, _ in pairs), "\n".join(o for _, o in pairs)
        i = simp.find(text)
        if i >= 0:
            return orig[i:i + len(text)]
        table: dict[int, str] = {}
        ambiguous: set[int] = set()
        for s_char, o_char in zip(simp, orig):
            if s_char != o_char:
                if table.setdefault(ord(s_char), o_char) != o_char:
                    ambiguous.add(ord(s_char))
        if any(ord(c) in ambiguous for c in text):
            return None
        # a character the item's lines do not show cannot be written back
        return text.translate(table) if set(text) <= set(simp) else None


@lru_cache(maxsize=65536)
def traditional_only(text: str) -> str:
    """Traditional `text` with the Simplified characters mixed into it converted,
    each in its phrase (示范 -> 示範, 先后 -> 先後); the characters that are already
    Traditional stay as written (a Hong Kong 裏 is not made Taiwan's 裡).

    >>> traditional_only("建成食品安全示范區")
    '建成食品安全示範區'
    """
    converted = _converter(_FROM_SIMPLIFIED["hant"]).convert(text)
    if converted == text or len(converted) != len(text):
        return text
    reading = _converter(READING).convert(text)
    # a character the reading changes is Traditional: it is kept as written
    return "".join(o if o == c or r != o else c for o, c, r in zip(text, converted, reading))


@lru_cache(maxsize=65536)
def to_simplified(text: str) -> str:
    """The Simplified reading copy that every parser works on."""
    return _converter(READING).convert(text) if text else text


def convert_lines(lines: list[str], source: str, to: str) -> list[str]:
    """Convert whole lines (for `reportkit convert`); the line count is kept."""
    config = config_for(source, to)
    if source == "traditional" and to == "hant":
        return [traditional_only(line) for line in lines]
    if not config:
        return list(lines)
    # one call over the joined text is fastest; opencc never adds or removes
    # line breaks, and we check that it did not
    joined = _converter(config).convert("\n".join(lines))
    out = joined.split("\n")
    if len(out) != len(lines):  # pragma: no cover - defensive
        out = [_converter(config).convert(line) for line in lines]
    return out
