"""Hostile input and hostile paths: one clear line instead of a traceback, and
no damage to the user's files.

Each test is one case that once ended in a traceback, lost text or hurt a
file; the mechanism behind it is shared (`files.write_file`, `find_inputs`,
`decode_bytes`), so each case stands for its class.
"""
from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import reportkit
from reportkit.cli import cli
from reportkit.decode import decode_bytes
from conftest import ROOT, SAMPLES, run_cli

TABLE = "序号 | 工作任务 | 进展情况 | 完成进度\n1 | 新建站点5个 | 已建成4个 | 80%\n"
root_only = pytest.mark.skipif(os.geteuid() != 0, reason="needs root")
not_root = pytest.mark.skipif(os.geteuid() == 0, reason="root reads and writes everything")


run = run_cli


@pytest.fixture
def report(tmp_path):
    f = tmp_path / "r.txt"
    f.write_text(TABLE, encoding="utf-8")
    return f


def one_line_error(r, code, *words):
    assert r.exit_code == code, r.stderr
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("reportkit: "), r.stderr
    for w in words:
        assert w in lines[0]


# ---------------------------------------------------------------- one clear line

def test_output_into_a_missing_folder(report, tmp_path):
    one_line_error(run("parse", report, "-o", tmp_path / "nope" / "out.csv"), 2, "cannot write")


@not_root
def test_read_only_output_folder(report, tmp_path):
    ro = tmp_path / "ro"
    ro.mkdir()
    ro.chmod(0o500)
    try:
        one_line_error(run("parse", report, "-o", ro / "out.csv"), 2, "Permission denied")
    finally:
        ro.chmod(0o700)


def test_config_saved_as_gbk(report, tmp_path):
    cfg = tmp_path / "c.yaml"
    cfg.write_bytes("headers:\n  task: [考核指标]\n".encode("gbk"))
    one_line_error(run("parse", report, "--config", cfg), 2, "not UTF-8")


@pytest.mark.parametrize("codec", ["base64", "rot13", "hex", "zlib"])
def test_codecs_that_are_not_text_encodings(report, codec):
    one_line_error(run("parse", report, "--encoding", codec), 2, "not a text encoding")


def test_glob_that_is_a_path(tmp_path, report):
    one_line_error(run("parse", tmp_path, "--glob", "/etc/*"), 2, "--glob")


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full")
def test_stdout_that_fails(report):
    with open("/dev/full", "w") as full:
        p = subprocess.run([sys.executable, "-m", "reportkit", "parse", str(report)], stdout=full,
                           stderr=subprocess.PIPE, text=True, cwd=ROOT)
    assert p.returncode == 2
    assert p.stderr.strip().splitlines() == ["reportkit: <input>: cannot write to standard output: "
                                             "No space left on device"]


def test_file_name_with_an_undecodable_byte(tmp_path):
    name = os.fsdecode(b"r\xff.txt")
    f = tmp_path / name
    f.write_text(TABLE, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    r = run("parse", f, "-o", out)
    assert r.exit_code == 0, r.stderr
    assert "r\ufffd.txt" in out.read_text(encoding="utf-8")


@not_root
def test_input_under_a_folder_that_cannot_be_entered(tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "r.txt").write_text(TABLE, encoding="utf-8")
    locked.chmod(0)
    try:
        one_line_error(run("parse", locked / "r.txt"), 2, "Permission denied")
        r = run("parse", tmp_path)  # the folder holding it: reported, not skipped
        assert r.exit_code == 2 and "cannot read folder" in r.stderr
    finally:
        locked.chmod(0o700)


def test_unreadable_input_even_as_root(report, monkeypatch):
    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("reportkit.files.open", denied, raising=False)
    one_line_error(run("parse", report), 2, "cannot read: Permission denied")


def test_unwritable_output_even_as_root(report, tmp_path, monkeypatch):
    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("tempfile.mkstemp", denied)
    one_line_error(run("parse", report, "-o", tmp_path / "out.csv"), 2, "cannot write: Permission denied")


def test_unreadable_subfolder_even_as_root(tmp_path, monkeypatch):
    (tmp_path / "r.txt").write_text(TABLE, encoding="utf-8")
    real_walk = os.walk

    def walk(top, onerror=None, **kw):
        onerror(PermissionError(13, "Permission denied", str(Path(top) / "locked")))
        yield from real_walk(top, onerror=onerror, **kw)

    monkeypatch.setattr(os, "walk", walk)
    r = run("parse", tmp_path)
    assert r.exit_code == 2 and "locked: cannot read folder: Permission denied" in r.stderr
    assert "新建站点" in r.stdout  # the readable files are still parsed


@pytest.mark.parametrize("call", [
    lambda: reportkit.parse_text(TABLE, to="klingon"),
    lambda: reportkit.parse_text(TABLE, layout="spiral"),
    lambda: reportkit.parse_text(None),
    lambda: reportkit.parse_bytes("text, not bytes"),
    lambda: reportkit.convert_text(TABLE, to="klingon"),
])
def test_api_misuse_is_a_reportkit_error(call):
    with pytest.raises(reportkit.UsageError):
        call()


def test_lone_surrogates_are_lost_characters():
    (r,) = reportkit.parse_text(TABLE.replace("已建成", "已\ud800建成"))
    assert "lost_character" in r.flags and "\ufffd" in r.progress_text


def test_utf32_with_a_bom_is_utf32():
    assert decode_bytes(TABLE.encode("utf-32")).text == TABLE


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_bom_is_detected(codec):
    assert decode_bytes(TABLE.encode(codec)).text == TABLE


def test_binary_names_the_way_out():
    with pytest.raises(reportkit.InputError, match="--encoding"):
        decode_bytes(bytes(range(256)) * 4)


def test_missing_file_is_always_exit_2(report, tmp_path):
    missing = tmp_path / "missing.txt"
    assert run("parse", missing).exit_code == 2
    assert run("parse", report, missing).exit_code == 2
    assert run("check", missing).exit_code == 2


@pytest.mark.parametrize("name", ["out.docx", "out.txt", "out"])
def test_unknown_output_suffix_is_refused(report, tmp_path, name):
    one_line_error(run("parse", report, "-o", tmp_path / name), 2, "--format")
    assert not (tmp_path / name).exists()


def test_dash_output_is_stdout(report, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    r = run("parse", report, "-o", "-", "-f", "jsonl")
    assert r.exit_code == 0 and '"actual_value": 4' in r.stdout
    assert not (tmp_path / "-").exists()


def test_debug_shows_the_traceback(tmp_path):
    r = CliRunner().invoke(cli, ["--debug", "parse", str(tmp_path / "missing.txt")])
    assert isinstance(r.exception, reportkit.UsageError)


def test_unicode_line_separators_break_lines():
    text = TABLE.replace("\n", "\u2028") + "2 | 改造道路3公里 | 已完成1公里 | 30%"
    assert [r.item_no for r in reportkit.parse_text(text)] == ["1", "2"]


# ---------------------------------------------------------------- no damage

def test_symlink_output_writes_its_target(report, tmp_path):
    target = tmp_path / "real.csv"
    target.write_text("old", encoding="utf-8")
    link = tmp_path / "link.csv"
    link.symlink_to(target)
    assert run("parse", report, "-o", link, "--force").exit_code == 0
    assert link.is_symlink() and "新建站点" in target.read_text(encoding="utf-8-sig")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs")
def test_fifo_output_is_written_through(report, tmp_path):
    fifo = tmp_path / "pipe.jsonl"
    os.mkfifo(fifo)
    reader = subprocess.Popen(["cat", str(fifo)], stdout=subprocess.PIPE)
    r = run("parse", report, "-o", fifo)
    out, _ = reader.communicate(timeout=10)
    assert r.exit_code == 0 and b'"actual_value": 4' in out
    assert stat.S_ISFIFO(fifo.stat().st_mode)


@root_only
def test_dev_null_stays_a_device(report):
    assert run("parse", report, "-o", "/dev/null", "-f", "csv").exit_code == 0
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_new_files_get_the_mode_open_gives(report, tmp_path):
    old = os.umask(0o022)
    try:
        assert run("parse", report, "-o", tmp_path / "a.csv").exit_code == 0
        assert stat.S_IMODE((tmp_path / "a.csv").stat().st_mode) == 0o644
        (tmp_path / "b.csv").write_text("x", encoding="utf-8")
        (tmp_path / "b.csv").chmod(0o640)
        assert run("parse", report, "-o", tmp_path / "b.csv", "--force").exit_code == 0
        assert stat.S_IMODE((tmp_path / "b.csv").stat().st_mode) == 0o640
    finally:
        os.umask(old)


def test_existing_output_needs_force(report, tmp_path):
    out = tmp_path / "out.csv"
    out.write_text("keep me", encoding="utf-8")
    one_line_error(run("parse", report, "-o", out), 2, "--force")
    assert out.read_text(encoding="utf-8") == "keep me"
    assert run("parse", report, "-o", out, "--force").exit_code == 0


def test_folder_output_keeps_relative_paths(tmp_path):
    src = tmp_path / "in"
    (src / "sub").mkdir(parents=True)
    (src / "x.txt").write_text(TABLE, encoding="utf-8")
    (src / "sub" / "x.txt").write_text(TABLE.replace("4个", "3个"), encoding="utf-8")
    out = tmp_path / "out"
    assert run("parse", src, "-o", f"{out}/", "-f", "jsonl").exit_code == 0
    assert '"actual_value": 4' in (out / "x.jsonl").read_text(encoding="utf-8")
    assert '"actual_value": 3' in (out / "sub" / "x.jsonl").read_text(encoding="utf-8")


def test_two_inputs_never_write_one_output(tmp_path):
    for d in ("a", "b"):
        (tmp_path / d).mkdir()
        (tmp_path / d / "x.txt").write_text(TABLE, encoding="utf-8")
    r = run("parse", tmp_path / "a" / "x.txt", tmp_path / "b" / "x.txt", "-o", f"{tmp_path / 'out'}/")
    assert r.exit_code == 2 and "would both write" in r.stderr
    assert not (tmp_path / "out" / "x.csv").exists()


def test_the_sample_still_parses():
    assert run("parse", SAMPLES / "tab_table_hans.txt").exit_code == 0


# ---------------------------------------------------------------- bounded output

HOSTILE = {
    "a percent repeated in a cell": lambda n: "序号 | 工作任务 | 进展情况\n1 | 新建站点5个 | " + "1%" * n + "\n",
    "one clause repeated without a full stop": lambda n: "一、工作\n" + "完成投资5亿元,目标6亿元," * (n // 6),
    "a table without line breaks": lambda n: "序号 | 工作任务 | 进展情况 | 完成进度 " + " ".join(
        f"{i} | 新建站点{i}个 | 已建成{i}个 | 50%" for i in range(1, n // 10)),
}


@pytest.mark.parametrize("name", HOSTILE)
def test_output_grows_linearly_with_the_input(name):
    """Each metric quotes a bounded stretch of text, so output size is linear in input size."""
    from reportkit.output import render

    sizes = []
    for n in (2000, 4000):
        text = HOSTILE[name](n)
        try:
            records = reportkit.parse_text(text)
        except reportkit.ReportkitError:
            records = []
        sizes.append((len(text.encode()), len(render(records, "jsonl").encode())))
    (in1, out1), (in2, out2) = sizes
    assert out2 <= out1 * (in2 / in1) * 1.25 + 1000
    assert out2 <= 64 * in2


def test_a_relation_pattern_that_runs_too_long_is_given_up(monkeypatch):
    """Relation patterns come from YAML, so a user may write one that backtracks:
    its time is bounded and the item is still read."""
    import reportkit.relations as relations

    text = "一、工作进展\n(一)道路建设。全年计划新建道路10公里,已建成8公里,占计划的80%。\n"
    before = reportkit.parse_text(text)
    monkeypatch.setattr(relations, "PATTERN_TIMEOUT", 1e-9)
    after = reportkit.parse_text(text)
    assert len(after) == len(before) and after[0].task == before[0].task
