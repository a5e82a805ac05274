"""Language data is data: the vocabulary lives in YAML, not in Python.

The shipped YAML files follow the config schema (the one registry of
vocabulary keys), and no Python module of the package holds a Chinese word
outside its docstrings and comments.
"""
from __future__ import annotations

import ast
import io
import tokenize

import pytest
import regex

from reportkit.vocab import config_schema, enum_of, load_vocab, package_data, sections, validate_config
from conftest import ROOT

CJK = regex.compile(r"\p{Han}")
# a Chinese character written as an escape in a raw string; a range of a whole
# block (\u4e00-\u9fff) names no word
_ESCAPED_WORD = regex.compile(r"(?<!-)\\u(?:4[e-f]|[5-8][0-9a-f]|9[0-9a-f])[0-9a-f]{2}(?!-\\u)", regex.I)


def _code_strings_with_cjk(path):
    """(line, text) of string literals that are not docstrings and hold CJK,
    written out or as escapes (``"\\u5e74"`` is a word too)."""
    src = path.read_text(encoding="utf-8")
    out = []
    depth = 0
    statement_start = True
    for tok in tokenize.generate_tokens(io.StringIO(src).readline):
        if tok.type == tokenize.OP and tok.string in "([{":
            depth += 1
        elif tok.type == tokenize.OP and tok.string in ")]}":
            depth -= 1
        if tok.type == tokenize.STRING:
            docstring = statement_start and depth == 0
            try:
                value = str(ast.literal_eval(tok.string))
            except (ValueError, SyntaxError):
                value = tok.string  # an f-string: its text as written
            if not docstring and (CJK.search(value) or _ESCAPED_WORD.search(value)):
                out.append((tok.start[0], tok.string[:40]))
        if tok.type in (tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT):
            statement_start = True
        elif tok.type not in (tokenize.COMMENT, tokenize.NL):
            statement_start = False
    return out


@pytest.mark.parametrize("path", sorted((ROOT / "reportkit").rglob("*.py")), ids=lambda p: p.name)
def test_no_chinese_words_in_code(path):
    assert _code_strings_with_cjk(path) == []


def test_the_check_sees_a_word_in_code(tmp_path):
    f = tmp_path / "m.py"
    f.write_text('"""文档."""\n# 注释\nX = "目标"\nY = compile(\n    r"截至")\nZ = "\\u5e74"\n', encoding="utf-8")
    assert [line for line, _ in _code_strings_with_cjk(f)] == [3, 5, 6]


def test_shipped_yaml_follows_the_config_schema():
    validate_config(package_data(), "reportkit/data")


def test_every_section_has_a_file_and_a_field():
    vocab = load_vocab()
    for name in sections():
        assert (ROOT / "reportkit" / "data" / f"{name}.yaml").is_file()
        assert getattr(vocab, name) == package_data()[name]


def test_statuses_and_roles_come_from_the_schema():
    assert set(package_data()["status"]) <= set(enum_of("status"))
    assert set(package_data()["headers"]) <= set(enum_of("headers"))
    assert config_schema()["additionalProperties"] is False


def test_a_config_removes_and_replaces_words():
    v = load_vocab({"headers": {"task": {"remove": ["项目"]}, "progress": {"replace": ["推动成效"]}}})
    assert "项目" not in v.headers["task"] and v.headers["progress"] == ["推动成效"]
    assert load_vocab().headers["task"] != v.headers["task"]  # the shipped vocabulary is untouched


def test_config_aliases_are_refused(tmp_path):
    from reportkit import UsageError

    cfg = tmp_path / "c.yaml"
    cfg.write_text("a: &a [x, x]\nb: &b [*a, *a]\nheaders:\n  task: *b\n", encoding="utf-8")
    with pytest.raises(UsageError, match="aliases"):
        load_vocab(str(cfg))


def test_types_agree_with_the_schemas():
    """The Literal types of the code and the enums of the schemas name the same things."""
    import json
    import typing

    from reportkit.models import Flag, Role, Status
    from reportkit.rules import BY_NAME

    record = json.loads((ROOT / "reportkit" / "schemas" / "record.schema.json").read_text(encoding="utf-8"))
    assert set(typing.get_args(Status)) == set(enum_of("status"))
    assert typing.get_args(Role) == enum_of("headers")
    assert set(typing.get_args(Flag)) <= set(BY_NAME)  # every flag has a rule
    assert set(typing.get_args(Flag)) == set(_enum(record["properties"]["flags"]["items"]))
    status_enum = record["properties"]["status"]
    assert set(typing.get_args(Status)) == set(_enum(status_enum))


def _enum(node):
    if "enum" in node:
        return [v for v in node["enum"] if v is not None]
    return [v for sub in node.get("anyOf", []) + node.get("oneOf", []) for v in _enum(sub)]


def test_derived_data_is_made_once_per_vocabulary_and_not_sent_to_workers():
    import pickle

    from reportkit.vocab import derived, memo

    calls = []

    @derived
    def word_count(vocab):
        calls.append(1)
        return sum(len(ws) for ws in vocab.headers.values())

    @memo(limit=2)
    def length(text, vocab):
        calls.append(text)
        return len(text)

    vocab, other = load_vocab(), load_vocab({"headers": {"task": ["任务名"]}})
    assert word_count(vocab) == word_count(vocab) and calls == [1]
    assert word_count(other) == word_count(vocab) + 1 and calls == [1, 1]
    assert [length(t, vocab) for t in ("a", "bb", "a", "ccc", "a", "ccc")] == [1, 2, 1, 3, 1, 3]
    # a full memo (limit 2) keeps what it holds: "a" is found again, "ccc" is read each time
    assert calls[2:] == ["a", "bb", "ccc", "ccc"]
    copy = pickle.loads(pickle.dumps(vocab))
    assert copy == vocab and copy.cache == {} and vocab.cache
