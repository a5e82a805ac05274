"""Stage 6: map header cells to column roles, and read dates from headers.

Roles: ``item_no``, ``category``, ``task``, ``target``, ``progress``,
``percent``. A
header is read in its Simplified form with white space removed; a note in
parentheses (``进展情况(截至10月底)``) or a leading month (``12月工作进展``)
is taken as the table's as-of date and set aside before matching. An exact
synonym wins, then the longest synonym the header contains. Headers that
match nothing keep their text and end up in each record's ``extra``.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import regex

from . import dates
from .models import AsOf
from .script import to_simplified
from .vocab import Vocab, enum_of, load_vocab, memo

#: the column roles, in the order header words are tried: the config schema's
#: list (the one registry of vocabulary keys; `models.Role` is checked against it)
ROLES = enum_of("headers")
#: Roles whose cell goes to a record's `extra` under the header's name.
EXTRA_ROLES = frozenset({"office", "deadline", "rank", "score", "other"})

_PAREN_NOTE = regex.compile(r"[(\uff08\[【]([^()\uff08\uff09\[\]【】]*)[)\uff09\]】]")
_SPACES = regex.compile(r"\s+")
_SENTENCE_MARK = regex.compile(r"[\u3002;\uff1b!\uff01?\uff1f]")


_W = dates.date_word_patterns()
# a leading month or range of months: 12月, 1-9月, 2023年1-10月
_LEAD_MONTH = regex.compile(rf"^(?:\d{{4}}{_W['year']})?(?:\d{{1,2}}\s*{_W['dash']}\s*)?"
                            rf"\d{{1,2}}{_W['month']}{_W['month_suffix']}?")


@dataclass
class ColumnMap:
    headers: list[str]
    roles: list[str | None]
    as_of: AsOf | None = None
    extra_names: dict[int, str] = field(default_factory=dict)

    def index(self, role: str) -> int | None:
        return self.roles.index(role) if role in self.roles else None

    @property
    def known(self) -> int:
        return sum(r is not None for r in self.roles)


def parse_as_of(text: str, vocab: Vocab | None = None) -> AsOf | None:
    """A header note's date: ``截至10月底`` -> AsOf(10, end_of_month=True); ``12月`` -> AsOf(12)."""
    return dates.parse_as_of(to_simplified(text), vocab or load_vocab(), cue_required=False)


@memo()
def header_role(cell: str, vocab: Vocab) -> tuple[str | None, AsOf | None]:
    """The role of one header cell, and any date it carries."""
    text = _SPACES.sub("", to_simplified(cell))
    as_of = None
    for note in _PAREN_NOTE.findall(text):
        as_of = as_of or parse_as_of(note)
    core = _PAREN_NOTE.sub("", text)
    lead = _LEAD_MONTH.match(core)
    if lead:
        as_of = as_of or parse_as_of(lead.group(0))
        core = core[lead.end():]
    core = core.strip("::%\uff05")
    if not core:
        return None, as_of
    for role in ROLES:
        if core in vocab.headers.get(role, []):
            return role, as_of
    best: tuple[int, str] | None = None
    for role in ROLES:
        for word in vocab.headers.get(role, []):
            if len(word) >= 2 and word in core and (best is None or len(word) > best[0]):
                best = (len(word), role)
    return (best[1] if best else None), as_of


def map_columns(cells: list[str], vocab: Vocab) -> ColumnMap:
    """Roles for a header row. Each role is given to one column only: the
    first that claims it; later claimants keep their text as extra."""
    roles: list[str | None] = []
    as_of = None
    extra: dict[int, str] = {}
    for i, cell in enumerate(cells):
        role, date = header_role(cell, vocab)
        if role in roles:
            role = None
        roles.append(role)
        if date and role in ("progress", "percent", None):
            as_of = as_of or date
        if role is None:
            extra[i] = _SPACES.sub("", cell) or f"column{i + 1}"
    return ColumnMap(list(cells), roles, as_of, extra)


def looks_like_header(cells: list[str], vocab: Vocab) -> ColumnMap | None:
    """A ColumnMap if `cells` read as a header: two or more known roles,
    among them the task or the progress."""
    if len(cells) < 2:
        return None
    for c in cells:
        core = _PAREN_NOTE.sub("", c)
        if len(core) > 16 or _SENTENCE_MARK.search(core):
            return None  # header cells are short names, not sentences
    cmap = map_columns(cells, vocab)
    if cmap.known >= 2 and cmap.known * 2 >= len(cells) and ("task" in cmap.roles or "progress" in cmap.roles):
        return cmap
    return None
