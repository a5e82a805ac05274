"""Language data: load the YAML vocabulary shipped in `reportkit/data`.

Code holds mechanisms, YAML holds vocabulary. `load_vocab()` reads the
package files once (cached) and, given a user config file, merges it in:
lists are extended (user entries first, so they win ties), mappings are
merged key by key. The config file is validated against
`schemas/config.schema.json`; a bad one raises `UsageError` naming the key.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from .errors import UsageError

SECTIONS = ("headers", "units", "qualifiers", "status", "cues", "document", "relations")


@dataclass(frozen=True)
class Vocab:
    """All vocabulary, with lookup tables derived once."""
    headers: dict[str, list[str]]
    units: dict[str, Any]
    qualifiers: dict[str, Any]
    status: dict[str, list[str]]
    cues: dict[str, list[str]]
    document: dict[str, list[str]]
    relations: dict[str, Any]
    unit_family: dict[str, str] = field(default_factory=dict)
    counting: frozenset[str] = frozenset()   # families the generic counter 个 pairs with

    def family(self, unit: str | None) -> str | None:
        return self.unit_family.get(unit) if unit else None


def _read_yaml(text: str, where: str) -> Any:
    try:
        return yaml.safe_load(text) or {}
    except yaml.YAMLError as e:
        raise UsageError(f"not valid YAML: {e}", source=where) from None


@lru_cache(maxsize=1)
def _package_data() -> dict[str, Any]:
    base = resources.files("reportkit.data")
    return {name: _read_yaml(base.joinpath(f"{name}.yaml").read_text(encoding="utf-8"), name)
            for name in SECTIONS}


@lru_cache(maxsize=1)
def config_schema() -> dict[str, Any]:
    return json.loads(resources.files("reportkit.schemas").joinpath(
        "config.schema.json").read_text(encoding="utf-8"))


def _merge(base: Any, extra: Any) -> Any:
    if isinstance(base, dict) and isinstance(extra, dict):
        out = dict(base)
        for k, v in extra.items():
            out[k] = _merge(base[k], v) if k in base else v
        return out
    if isinstance(base, list) and isinstance(extra, list):
        return list(extra) + [x for x in base if x not in extra]
    return extra


def _validate_config(data: Any, where: str) -> None:
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
                 **{k: data[k] for k in SECTIONS})


@lru_cache(maxsize=16)
def _load(config_path: str | None) -> Vocab:
    data = _package_data()
    if config_path:
        p = Path(config_path)
        try:
            text = p.read_text(encoding="utf-8")
        except OSError as e:
            raise UsageError(f"cannot read config: {e.strerror}", source=config_path) from None
        user = _read_yaml(text, config_path)
        _validate_config(user, config_path)
        data = _merge(data, user)
    return _build(data)


def load_vocab(config: str | Path | None = None) -> Vocab:
    """The package vocabulary, merged with the user config file if given."""
    return _load(str(config) if config else None)
