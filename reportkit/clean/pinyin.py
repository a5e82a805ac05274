"""Remove inline pinyin annotations that web pages put after characters.

Some sites print a reading after every less common character:
``產(chǎn)業(yè)發(fā)展`` is ``產業發展``. An annotation is removed only when it is
exactly one pinyin syllable carrying a tone mark, in ASCII or fullwidth
parentheses, right after a CJK character. Everything else in parentheses
survives: ``(商圈)``, ``(縣 、市)``, ``(附:文件1)``, ``(changchangxing)``
(no tone mark), ``(精選5篇)``, ``(一)``.

Where the character itself was lost (the page shows ``?`` or U+FFFD before
the annotation, ``?(jī)效`` for ``績效``), the annotation is dropped, the
place keeps a U+FFFD and the caller is told so it can flag the line.
"""
from __future__ import annotations

from functools import lru_cache

import regex

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
#: one lowercase word carrying exactly one toned vowel (a candidate syllable)
TONED_WORD = f"[a-zü]*[{_TONED}][a-zü]*"
_TONELESS = str.maketrans("āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ", "aaaaeeeeiiiioooouuuuüüüü")

# Every Mandarin syllable is an optional initial and a final.
_INITIALS = "(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
_FINALS = ("(?:iang|iong|uang|ueng|ang|eng|ing|ong|ian|iao|uai|uan|üan|van|"
           "ai|ei|ao|ou|an|en|er|ia|ie|iu|in|ua|uo|ui|un|üe|ue|ve|ün|a|o|e|i|u|ü|v|m|n|ng)")
_SYLLABLE = regex.compile(f"^{_INITIALS}{_FINALS}$")
_TONED_VOWEL = regex.compile(f"[{_TONED}]")

# A candidate: one lowercase word with exactly one toned vowel, in parentheses
# of either width, right after a character. The search looks for the opening
# bracket and only then at the character before it (a page has far fewer
# brackets than characters).
_ANNOTATION = regex.compile(
    rf"(?<=[\p{{Han}}\ufffd?])[(\uff08](?P<syl>{TONED_WORD})[)\uff09]")


def may_have_pinyin(text: str) -> bool:
    """False when `text` holds no toned vowel, so no annotation (a fast check
    over a whole document before the line-by-line work)."""
    return _TONED_VOWEL.search(text) is not None


@lru_cache(maxsize=4096)  # a page repeats a few hundred syllables thousands of times
def is_pinyin_syllable(word: str) -> bool:
    """True for one toned pinyin syllable such as ``chǎn`` or ``lüè``."""
    if len(_TONED_VOWEL.findall(word)) != 1:
        return False
    return bool(_SYLLABLE.match(word.translate(_TONELESS)))


def strip_pinyin(line: str) -> tuple[str, int, bool]:
    """Remove annotations from one line.

    Returns the new line, how many annotations were removed, and whether a
    lost character (``?`` or U+FFFD before an annotation) was found.

    >>> strip_pinyin("產(chǎn)業(yè)示範街區(qū)(商圈)5個(gè)")
    ('產業示範街區(商圈)5個', 4, False)
    """
    if "(" not in line and "\uff08" not in line:
        return line, 0, False
    pieces: list[str] = []
    pos = count = 0
    lost = False
    for m in _ANNOTATION.finditer(line):
        if not is_pinyin_syllable(m["syl"]):
            continue
        count += 1
        start = m.start()
        if line[start - 1] in "?\ufffd":
            lost = True
            pieces += (line[pos:start - 1], "\ufffd")
        else:
            pieces.append(line[pos:start])
        pos = m.end()
    if not count:
        return line, 0, False
    pieces.append(line[pos:])
    return "".join(pieces), count, lost
