"""Stage 1-2: read bytes and decode them into text.

`decode_bytes` tries, in order:
  1. a byte-order mark (UTF-8, UTF-32 LE/BE, UTF-16 LE/BE);
  2. UTF-16 without a mark, told by its NUL bytes: the ASCII characters of
     UTF-16 text (digits, punctuation, line breaks) put a NUL on every other
     byte, always on the same side;
  3. strict UTF-8;
  3. the Chinese legacy encodings GB18030 (a superset of GBK/GB2312) and
     Big5-HKSCS, each decoded strictly. If only one decodes, it wins. If both
     do, the one whose characters are more plausible wins: charset-normalizer
     measures how chaotic each decode is, and we add our own rule that
     favours common CJK characters and punctuation over rare ones.
A file no candidate decodes cleanly is an `InputError` naming the byte
offset where the best candidate failed; it is never turned into mojibake.
"""
from __future__ import annotations

import codecs
import unicodedata
from dataclasses import dataclass

from .errors import InputError, UsageError

LEGACY = ("gb18030", "big5hkscs")


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str


def _plausibility(text: str) -> float:
    """Share of characters that are ordinary in a Chinese report.

    CJK Unified Ideographs of the basic block, ASCII, CJK and fullwidth
    punctuation count as ordinary; private-use, extension blocks, box
    drawing, kana and other symbols (what a wrong decode produces) do not.
    """
    if not text:
        return 0.0
    ok = 0
    for ch in text:
        o = ord(ch)
        if o < 0x80 or 0x4E00 <= o <= 0x9FA5 or 0x3000 <= o <= 0x303F or 0xFF01 <= o <= 0xFF5E \
                or ch in "“”‘’…—·":
            ok += 1
    return ok / len(text)


def _legacy_score(data: bytes, text: str, encoding: str) -> float:
    score = _plausibility(text)
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data, cp_isolation=[encoding]).best()
        if best is not None:
            score -= best.chaos  # 0 (clean) .. 1 (noise)
    except Exception:  # the detector is a second opinion, never a failure
        pass
    return score


def check_encoding(encoding: str, source: str | None = None) -> str:
    """The codec name, if Python knows it as a text encoding; else `UsageError`."""
    try:
        info = codecs.lookup(encoding)
    except LookupError:
        raise UsageError(f"unknown encoding '{encoding}'", source=source) from None
    try:      # a codec Python knows but that decodes nothing (undefined)
        text_codec = getattr(info, "_is_text_encoding", True) and isinstance(b"\0\0\0\0".decode(info.name), str)
    except UnicodeDecodeError:          # bytes it does not take: it still decodes
        text_codec = True
    except (UnicodeError, LookupError, TypeError, ValueError):
        text_codec = False
    if not text_codec:
        raise UsageError(f"'{encoding}' is not a text encoding; "
                         "name one such as utf-8, gb18030 or big5", source=source)
    return info.name


def decode_bytes(data: bytes, source: str | None = None, encoding: str | None = None) -> Decoded:
    """Decode `data`; `encoding` forces a codec (any text encoding Python knows)."""
    if encoding:
        check_encoding(encoding, source)
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as e:
            raise InputError(f"not valid {encoding}: undecodable byte at offset {e.start}",
                             source=source) from None
        except UnicodeError as e:   # a codec that fails without saying where (idna)
            raise InputError(f"not valid {encoding}: {e}", source=source) from None
        return Decoded(text.lstrip("\ufeff"), encoding)
    if not data:
        return Decoded("", "utf-8")
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[3:], "utf-8", source, "utf-8-sig")
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):  # before UTF-16: FF FE starts both
        return _strict(data, "utf-32", source, "utf-32")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16", source, "utf-16")
    if b"\x00" in data[:4096]:
        utf16 = _utf16_without_bom(data)
        if utf16 is not None:
            return utf16
        raise InputError("binary file (contains NUL bytes), expected a text report; if it is text, "
                         "name its encoding with --encoding", source=source)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        utf8_error = e.start
    else:
        if is_control_heavy(text):
            raise InputError("binary file (control characters), expected a text report", source=source)
        return Decoded(text, "utf-8")
    candidates: list[tuple[float, str, str]] = []
    first_error: dict[str, int] = {}
    for enc in LEGACY:
        try:
            text = data.decode(enc)
        except UnicodeDecodeError as e:
            first_error[enc] = e.start
            continue
        candidates.append((_legacy_score(data, text, enc), enc, text))
    if not candidates:
        offset = max([utf8_error, *first_error.values()])
        raise InputError(
            f"cannot decode: not UTF-8, GB18030 or Big5 (undecodable byte at offset {offset}); "
            "use --encoding to name the encoding", source=source)
    candidates.sort(key=lambda c: c[0], reverse=True)
    _, enc, text = candidates[0]
    if _plausibility(text) < 0.5:
        raise InputError("binary or unknown text encoding: decoded characters are mostly not Chinese "
                         "text; use --encoding to name the encoding", source=source)
    return Decoded(text, enc)


def _utf16_without_bom(data: bytes) -> Decoded | None:
    """UTF-16 text without a byte-order mark, told by where its NULs fall."""
    head = data[:4096]
    if len(data) % 2:
        return None
    even, odd = head[0::2].count(0), head[1::2].count(0)
    if max(even, odd) < 4 or min(even, odd) * 20 > max(even, odd):
        return None
    codec = "utf-16-be" if even > odd else "utf-16-le"
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        return None
    if _plausibility(text[:4096]) < 0.9 or is_control_heavy(text):
        return None
    return Decoded(text, codec)


def _strict(data: bytes, codec: str, source: str | None, name: str) -> Decoded:
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as e:
        raise InputError(f"not valid {name}: undecodable byte at offset {e.start}", source=source) from None
    return Decoded(text.lstrip("\ufeff"), name)


def is_control_heavy(text: str) -> bool:
    """True when text has many control characters: a binary file that decoded."""
    if not text:
        return False
    bad = sum(1 for ch in text[:4096] if unicodedata.category(ch) == "Cc" and ch not in "\r\n\t\f")
    return bad > len(text[:4096]) * 0.05
