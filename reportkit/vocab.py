"""Language data: the YAML vocabulary shipped in `reportkit/data`, and user configs.

Code holds mechanisms, YAML holds vocabulary. The config schema
(`reportkit/schemas/config.schema.json`) is the one registry of vocabulary
keys: its top-level properties are the sections, and each section is the YAML
file of the same name in `reportkit/data`. The shipped files are validated
against it in the tests, a user config at load time.

`load_vocab()` reads the package files once (cached) and merges a user config
into them. The config is a YAML file or, from Python, a dict:

* a list adds words (user words first, so they win ties);
* ``{add: [...], remove: [...], replace: [...]}`` adds, removes shipped words,
  or replaces the whole list;
* a mapping is merged key by key; a key set to ``null`` is removed.

A bad config raises `UsageError` naming the file and the key. YAML aliases
are refused: a config of nested aliases could expand without bound.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache, wraps
from importlib import resources
from pathlib import Path
from typing import Any, Callable, Mapping, TypeVar

import yaml

from .tuning import MEMO_KEEP, MEMO_TEXTS
from .errors import UsageError

T = TypeVar("T")

_LIST_OPS = frozenset({"add", "remove", "replace"})


@lru_cache(maxsize=1)
def config_schema() -> dict[str, Any]:
    """The JSON Schema of a user config: the registry of vocabulary keys."""
    return json.loads(resources.files("reportkit.schemas").joinpath(
        "config.schema.json").read_text(encoding="utf-8"))


#: the part of a config that is not vocabulary (the settings of `reportkit check`)
CHECK_SECTION = "check"


def sections() -> tuple[str, ...]:
    """The vocabulary sections, one YAML file each (``headers``, ``units``, ...)."""
    return tuple(k for k in config_schema()["properties"] if k != CHECK_SECTION)


def enum_of(section: str) -> tuple[str, ...]:
    """The keys a section allows, as the schema lists them (column roles, statuses...)."""
    return tuple(config_schema()["properties"][section]["propertyNames"]["enum"])


@dataclass(frozen=True)
class Vocab:
    """All vocabulary, with lookup tables derived once."""
    headers: dict[str, list[str]]
    units: dict[str, Any]
    qualifiers: dict[str, Any]
    status: dict[str, list[str]]
    cues: dict[str, Any]
    document: dict[str, Any]
    relations: dict[str, Any]
    tables: dict[str, Any] = field(default_factory=dict)
    unit_family: dict[str, str] = field(default_factory=dict)
    counting: frozenset[str] = frozenset()   # families the generic counter 个 pairs with
    #: what the readers derive from this vocabulary (compiled patterns, word
    #: tables, remembered header cells), kept with it: see `derived` and `memo`
    cache: dict[Any, Any] = field(default_factory=dict, repr=False, compare=False)

    def __getstate__(self) -> dict[str, Any]:
        # a copy sent to a worker process derives its own (patterns compile again)
        return {k: v for k, v in self.__dict__.items() if k != "cache"}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state, cache={})

    def family(self, unit: str | None) -> str | None:
        return self.unit_family.get(unit) if unit else None


# libyaml's loader when PyYAML was built with it (ten times faster), else the Python one
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _read_yaml(text: str, where: str) -> Any:
    """The data of a YAML text; anchors and aliases are refused."""
    try:
        for event in yaml.parse(text, Loader=_SafeLoader):
            if isinstance(event, yaml.AliasEvent):
                raise yaml.MarkedYAMLError(None, None, "aliases (*name) are not allowed in a reportkit config",
                                           event.start_mark)
        return yaml.load(text, Loader=_SafeLoader) or {}
    except yaml.YAMLError as e:
        raise UsageError(f"not valid YAML: {e}".replace("\n", " "), source=where) from None
    except ValueError as e:     # a number too long for Python to read (5,000 digits)
        raise UsageError(f"not a usable value: {e}".split(";")[0], source=where) from None


@lru_cache(maxsize=1)
def _package_data() -> dict[str, Any]:
    base = resources.files("reportkit.data")
    return {name: _read_yaml(base.joinpath(f"{name}.yaml").read_text(encoding="utf-8"), name)
            for name in sections()}


def package_data() -> dict[str, Any]:
    """The shipped vocabulary as read from the YAML files (do not modify)."""
    return _package_data()


def derived(build: Callable[[Vocab], T]) -> Callable[[Vocab], T]:
    """Decorator: `build(vocab)` computed once per vocabulary and kept with it
    (compiled patterns and word tables: what every call would otherwise redo)."""
    @wraps(build)
    def get(vocab: Vocab) -> T:
        try:
            return vocab.cache[build]
        except KeyError:
            value = vocab.cache[build] = build(vocab)
            return value
    return get


def memo(limit: int = MEMO_TEXTS) -> Callable[[Callable[[str, Vocab], T]], Callable[[str, Vocab], T]]:
    """Decorator for `fn(text, vocab)`: results remembered per vocabulary, for
    at most `limit` texts (header cells and unit cells repeat across rows and
    files, and a table's cells are read in several passes). A full memo keeps
    what it holds and remembers no more: a table with more cells than `limit`,
    read pass after pass, still finds the first `limit` of them on every pass
    (emptied and refilled, it would find none)."""
    def wrap(fn: Callable[[str, Vocab], T]) -> Callable[[str, Vocab], T]:
        fn._memo_table = True  # type: ignore[attr-defined]

        @wraps(fn)
        def get(text: str, vocab: Vocab) -> T:
            table = vocab.cache.get(fn)
            if table is None:
                table = vocab.cache[fn] = {}
            try:
                return table[text]
            except KeyError:
                value = fn(text, vocab)
                if len(table) < limit:
                    table[text] = value
                return value
        return get
    return wrap


def trim_memos(vocab: Vocab, keep: int = MEMO_KEEP) -> None:
    """Empty the text memos (`memo`) that hold more than `keep` texts: called as a
    document starts, so a batch keeps what repeats across files (header words,
    units) without holding every cell it has read."""
    for key, table in list(vocab.cache.items()):
        if getattr(key, "_memo_table", False) and len(table) > keep:
            table.clear()


def alternation(words: list[str] | tuple[str, ...]) -> str:
    """A regular-expression group matching any of `words` literally, the
    longest first; a group that matches nothing when there are none.

    >>> alternation(["万", "万亿"])
    '(?:万亿|万)'
    """
    import regex

    if not words:
        return "(?!)"
    return "(?:" + "|".join(map(regex.escape, sorted(words, key=len, reverse=True))) + ")"


def _merge(base: Any, extra: Any) -> Any:
    if isinstance(base, list) and isinstance(extra, dict) and set(extra) <= _LIST_OPS:
        out = list(extra["replace"]) if "replace" in extra else list(base)
        removed = set(extra.get("remove", ()))
        added = list(extra.get("add", ()))
        return added + [x for x in out if x not in removed and x not in added]
    if isinstance(base, dict) and isinstance(extra, dict):
        out = dict(base)
        for k, v in extra.items():
            if v is None:
                out.pop(k, None)
            else:
                out[k] = _merge(base[k], v) if k in base else _plain(v)
        return out
    if isinstance(base, list) and isinstance(extra, list):
        return list(extra) + [x for x in base if x not in extra]
    return _plain(extra)


def _plain(value: Any) -> Any:
    """A new key's value: list operations on nothing give the added words."""
    if isinstance(value, dict) and value and set(value) <= _LIST_OPS:
        return list(value.get("replace", [])) + list(value.get("add", []))
    return value


def validate_config(data: Any, where: str) -> None:
    """Raise `UsageError` naming the first key of `data` the schema rejects."""
    import jsonschema

    validator = jsonschema.Draft202012Validator(config_schema())
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.path))
    if errors:
        e = errors[0]
        key = ".".join(str(p) for p in e.path) or "(top level)"
        raise UsageError(f"bad config at key '{key}': {e.message}", source=where)


def _build(data: dict[str, Any]) -> Vocab:
    fam: dict[str, str] = {}
    for family, units in data["units"]["families"].items():
        for u in units:
            fam[str(u)] = family
    for u in data["units"].get("generic", []):
        fam[str(u)] = "generic"
    return Vocab(unit_family=fam, counting=frozenset(data["units"].get("counting", [])),
                 **{k: data[k] for k in sections()})


def _read_config_file(path: str) -> Any:
    p = Path(path)
    try:
        raw = p.read_bytes()
    except IsADirectoryError:
        raise UsageError("config is a folder, expected a YAML file", source=path) from None
    except OSError as e:
        raise UsageError(f"cannot read config: {e.strerror}", source=path) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise UsageError(f"config is not UTF-8 (byte {e.start}); save it as UTF-8", source=path) from None
    return _read_yaml(text, path)


def file_stamp(path: str) -> tuple[int, int]:
    """(modification time, size) of a file, so a cache sees a changed file as new; (0, 0) if missing."""
    try:
        st = Path(path).stat()
    except OSError:
        return 0, 0
    return st.st_mtime_ns, st.st_size


@lru_cache(maxsize=16)
def _load_file(config_path: str | None, *stamp: int) -> Vocab:
    if not config_path:
        return _build(_package_data())
    return _from_user(read_config(config_path), config_path)


def _from_user(user: Any, where: str) -> Vocab:
    validate_config(user, where)
    return _build(_merge(_package_data(), {k: v for k, v in user.items() if k != CHECK_SECTION}))


def read_config(path: str | Path) -> Any:
    """A config file as data: YAML, or the ``[tool.reportkit]`` table of a pyproject.toml."""
    path = str(path)
    if Path(path).name == "pyproject.toml":
        return pyproject_table(path) or {}
    return _read_config_file(path)


def pyproject_table(path: str | Path) -> dict[str, Any] | None:
    """The ``[tool.reportkit]`` table of a pyproject.toml, or None when it has none."""
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib  # type: ignore[no-redef]
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as e:
        raise UsageError(f"cannot read pyproject.toml: {e}", source=str(path)) from None
    table = data.get("tool", {}).get("reportkit")
    return table if isinstance(table, dict) else None


def vocab_from_config(data: Any, where: str) -> Vocab:
    """The vocabulary of config `data` (already read), validated; `where` names it in errors."""
    return _from_user(data, where)


def load_vocab(config: str | Path | Mapping[str, Any] | Vocab | None = None) -> Vocab:
    """The package vocabulary, merged with a user config (a YAML file path or a dict).

    >>> v = load_vocab({"status": {"behind": {"add": ["stalled"]}}})
    >>> "stalled" in v.status["behind"]
    True
    """
    if isinstance(config, Vocab):
        return config
    if isinstance(config, Mapping):
        return _from_user(json.loads(json.dumps(config)), "<config dict>")
    path = str(config) if config else None
    return _load_file(path, *(file_stamp(path) if path else ()))
