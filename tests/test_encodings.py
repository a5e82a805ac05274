"""The same report in any encoding parses to exactly the same records.

Each file is saved again, on the fly, as GB18030, Big5-HKSCS (Traditional
ones), UTF-16 with BOM, and UTF-8 with BOM and CRLF line endings. A Big5 page
cannot hold characters Big5 lacks (GBK garbling such as ``┊``, the ``‰``
sign): those few are replaced by ``?`` in both copies before comparing.
"""
from __future__ import annotations

import pytest

import reportkit
from reportkit.decode import decode_bytes
from reportkit.script import detect_script
from conftest import sample_inputs, seed_files

FILES = sample_inputs() + seed_files()


def _encodable(text: str, encoding: str) -> str:
    return "".join(ch if _fits(ch, encoding) else "?" for ch in text)


def _fits(ch: str, encoding: str) -> bool:
    try:
        ch.encode(encoding)
        return True
    except UnicodeEncodeError:
        return False


def _records(data: bytes, name: str):
    return [r.to_dict() for r in reportkit.parse_bytes(data, source=name).records]


def _variants(text: str):
    yield "gb18030", text, text.encode("gb18030")
    if detect_script(text) == "traditional":
        same = _encodable(text, "big5hkscs")
        yield "big5hkscs", same, same.encode("big5hkscs")
    yield "utf-16", text, text.encode("utf-16")
    yield "utf-8-sig+crlf", text, "\ufeff".encode() + text.replace("\n", "\r\n").encode("utf-8")


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_encoding_gives_the_same_records(path):
    text = path.read_text(encoding="utf-8")
    for encoding, original, data in _variants(text):
        expected = _records(original.encode("utf-8"), path.name)
        assert _records(data, path.name) == expected, encoding


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_detected_encoding(path):
    text = path.read_text(encoding="utf-8")
    for encoding, original, data in _variants(text):
        assert decode_bytes(data).text.replace("\r\n", "\n") == original, encoding


def test_forced_encoding_and_errors():
    data = "序號".encode("big5")
    assert decode_bytes(data, encoding="big5").text == "序號"
    with pytest.raises(reportkit.UsageError, match="unknown encoding"):
        decode_bytes(b"x", encoding="no-such-codec")
    with pytest.raises(reportkit.InputError, match="offset 1"):
        decode_bytes(b"a\xff", encoding="utf-8")
