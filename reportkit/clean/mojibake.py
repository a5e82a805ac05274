"""Repair outline markers garbled by GBK text decoded one byte off.

Some pages lost one byte of their GBK source in front of an outline
marker, so a decoder read every byte pair shifted by one. ``(一)`` is
``a3a8 d2bb a3a9`` in GBK; with a stray ``a1`` in front the pairs read
``a1a3 a8d2 bba3`` = ``。ㄒ唬``, and the closing byte ``a9`` is left over to
spoil the next character. Pairs that fall in GBK's private-use rows were
dropped by the page, and undecodable pairs lost their first byte.

We never guess from the look of the text. For each outline marker
(``(一)``…``(三十)``, ``(1)``…``(30)``) we *replay* the corruption on its GBK
bytes and keep the marker only if the replay yields exactly the garbled
prefix of the line. The garbled characters that follow (up to the next
ASCII character, where the decoder fell back into step) are re-encoded,
checked to start with the left-over byte, shifted back and decoded. A
character whose last byte was lost becomes U+FFFD. When several markers
replay to the same text (the private-use pairs hide the difference between
``(十)`` and ``(十二)``), the one that continues the numbering of the lines
before wins; if none does, the line is left as it is and flagged.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache

import regex

from ..markers import MARKER_NUMERALS, cn_numeral, cn_value
from .pinyin import TONED_WORD

_STRAY = b"\xa1"


def _is_private(ch: str) -> bool:
    return 0xE000 <= ord(ch) <= 0xF8FF


def replay(data: bytes) -> tuple[str, int | None]:
    """What a page showed for GBK `data`: (text, left-over lead byte).

    Double-byte pairs decode; private-use pairs vanish; a lead byte whose
    pair does not decode is dropped and decoding goes on at the next byte.
    """
    text, pending, _ = _replay(data)
    return text, pending


def _replay(data: bytes) -> tuple[str, int | None, int]:
    hidden = 0
    out: list[str] = []
    i, n = 0, len(data)
    while i < n:
        b = data[i]
        if b < 0x80:
            out.append(chr(b))
            i += 1
            continue
        if i + 1 == n:
            return "".join(out), b, hidden
        try:
            ch = data[i:i + 2].decode("gb18030")
        except UnicodeDecodeError:
            i += 1
            continue
        if len(ch) == 1 and not _is_private(ch):
            out.append(ch)
        else:
            hidden += 1
        i += 2
    return "".join(out), None, hidden


@lru_cache(maxsize=1)
def _candidates() -> tuple[tuple[str, str, int | None, str, int, int], ...]:
    """(marker, replayed prefix, left-over byte, family, number, hidden pairs)."""
    out = []
    for n in range(1, 31):
        for family, numeral in (("han", cn_numeral(n)), ("digit", str(n))):
            for close in ("\uff09", ")"):
                marker = "\uff08" + numeral + close
                text, pending, hidden = _replay(_STRAY + marker.encode("gb18030"))
                out.append((marker, text, pending, family, n, hidden))
    return tuple(out)


_MARKER = regex.compile(rf"^\s*[(\uff08]([{MARKER_NUMERALS}]{{1,3}}|\d{{1,2}})[)\uff09]")
_GARBLED_START = regex.compile(r"^(\s*)(。[^\x00-\x7f].*|。\d{1,2}\).*)$")


def _plausible(text: str) -> bool:
    return all(ord(c) < 0x80 or 0x4E00 <= ord(c) <= 0x9FA5 or 0x3000 <= ord(c) <= 0x303F
               or 0xFF01 <= ord(c) <= 0xFF5E or c in "“”‘’、\ufffd" for c in text)


@dataclass(frozen=True)
class Repair:
    marker: str
    text: str
    lost_character: bool
    family: str
    number: int
    #: evidence: how many characters of the garbled prefix the marker explains
    shown: int = 0
    #: private-use pairs the page hid: the fewer, the simpler the explanation
    hidden: int = 0
    #: True when characters after the marker were rebuilt too. A pair the page
    #: hid there cannot be seen, so such text may still hold a wrong character.
    rebuilt: bool = False


def _repair_one(rest: str) -> list[Repair]:
    found: list[Repair] = []
    for marker, shown, pending, family, number, hidden in _candidates():
        if not shown or not rest.startswith(shown):
            continue
        tail = rest[len(shown):]
        lost = False
        if pending is None:
            fixed = marker + tail
        else:
            k = next((i for i, c in enumerate(tail) if ord(c) < 0x80), len(tail))
            garbled, after = tail[:k], tail[k:]
            if not garbled:
                if len(shown) < 2:
                    continue  # nothing but the stray byte: no evidence for this marker
                if len(after) > 1 and 0x40 <= ord(after[0]) <= 0x7E and ord(after[1]) >= 0x80:
                    # a lone letter between the marker and Chinese text is the
                    # trail byte of a character whose lead byte went with the
                    # left-over byte: that character is lost
                    after = "\ufffd" + after[1:]
                    lost = True
                fixed = marker + after
            else:
                try:
                    raw = garbled.encode("gb18030")
                except UnicodeEncodeError:
                    continue
                if raw[0] != pending or any(len(c.encode("gb18030")) != 2 for c in garbled):
                    continue
                body = raw[1:]
                try:
                    original = body.decode("gb18030")
                except UnicodeDecodeError:
                    # the last character lost its trail byte, unless the ASCII
                    # character the page showed next *is* that trail byte
                    nxt = after[:1]
                    try:
                        original = body[:-1].decode("gb18030")
                    except UnicodeDecodeError:
                        continue
                    if nxt and 0x40 <= ord(nxt) <= 0x7E:
                        try:
                            original += (body[-1:] + nxt.encode()).decode("gb18030")
                            after = after[1:]
                        except UnicodeDecodeError:
                            original += "\ufffd"
                            lost = True
                    else:
                        original += "\ufffd"
                        lost = True
                if not _plausible(original):
                    continue
                fixed = marker + original + after
        rebuilt = pending is not None and fixed != marker + tail[len(tail) - len(tail.lstrip()):] \
            and bool(tail) and ord(tail[0]) >= 0x80
        found.append(Repair(marker, fixed, lost, family, number, len(shown), hidden, rebuilt))
    return found


_GARBLED_ANYWHERE = regex.compile(r"^\s*。", regex.M)


def may_be_garbled(text: str) -> bool:
    """False when no line of `text` starts like a garbled marker (nothing to repair)."""
    return _GARBLED_ANYWHERE.search(text) is not None


def repair_lines(lines: list[str]) -> list[tuple[int, Repair | None]]:
    """Find and repair garbled marker lines.

    Returns (index, repair) for every garbled line: repair is None where no
    marker replays to the line, or where several do and the numbering of the
    previous lines does not decide between them.
    """
    last: dict[str, int] = {}
    results: list[tuple[int, Repair | None]] = []
    for i, line in enumerate(lines):
        m = _GARBLED_START.match(line)
        chosen: Repair | None = None
        if m:
            options = _repair_one(m.group(2))
            chosen = _choose(options, last)
            if chosen:
                chosen = replace(chosen, text=m.group(1) + chosen.text)
            results.append((i, chosen))
            text = chosen.text if chosen else line
        else:
            text = line
        mm = _MARKER.match(text)
        if mm:
            num = mm.group(1)
            fam = "digit" if num.isdigit() else "han"
            last[fam] = int(num) if num.isdigit() else cn_value(num)
    return results


def _choose(options: list[Repair], last: dict[str, int]) -> Repair | None:
    """The marker that explains most of the garbled text; among equals the
    one that continues the numbering, else the one with fewest hidden pairs."""
    if not options:
        return None
    best = max(o.shown for o in options)
    options = [o for o in options if o.shown == best]
    if len({o.text for o in options}) == 1:
        return options[0]
    expected = [o for o in options if o.number == last.get(o.family, 0) + 1]
    if len({o.text for o in expected}) == 1:
        return expected[0]
    fewest = min(o.hidden for o in options)
    simplest = [o for o in options if o.hidden == fewest]
    return simplest[0] if len({o.text for o in simplest}) == 1 else None


_LEFTOVER = regex.compile(
    rf"[A-Za-z\\|^`~][(\uff08]{TONED_WORD}[)\uff09]"   # a trail byte before an annotation: 橄冗M(jìn)
    rf"|\?{TONED_WORD}[)\uff09]")                      # an annotation that lost its "(": 因?yàn)?zāi)


def looks_garbled(line: str) -> bool:
    """Garbling we cannot repair: an ASCII byte standing where a character
    should be, right before a pinyin annotation (``橄冗M(jìn)``), or an
    annotation whose parenthesis was lost with its character (``?yàn)``)."""
    return bool(_LEFTOVER.search(line))
