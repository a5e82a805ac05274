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
    assert p.stderr.strip().splitlines() == ["reportkit: cannot write to standard output: "
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
    # --debug used to turn a usage error's exit 2 into 1: the traceback is shown, the code stays
    r = CliRunner().invoke(cli, ["--debug", "parse", str(tmp_path / "missing.txt")])
    assert r.exit_code == 2
    assert "Traceback (most recent call last)" in r.stderr and "UsageError" in r.stderr


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


# ================================================================ round two
# A second hostile trial: each case below broke (a cap, a lost text, a traceback,
# an output over an input); its reproduction is in the comment above it.

# ---------------------------------------------------------------- silent caps

def _numbered_table(n: int) -> str:
    return "序号 | 工作任务 | 进展情况 | 完成进度\n" + "".join(
        f"{i} | 新建站点{i}个 | 已建成{i}个 | 60%\n" for i in range(1, n + 1))


def test_a_table_of_1200_rows_gives_1200_records():
    # python3 -c "print('序号 | 工作任务 | 进展情况 | 完成进度');[print(f'{i} | 新建站点{i}个 | 已建成{i}个 | 60%')
    #   for i in range(1,1201)]" > r.txt; reportkit parse r.txt -f jsonl | wc -l     -> 999
    records = reportkit.parse_text(_numbered_table(1200))
    assert [r.item_no for r in records] == [str(i) for i in range(1, 1201)]
    assert records[-1].progress_text == "已建成1200个"


def test_an_outline_of_1200_items_gives_1200_records():
    # the same with 10^5 outline items "N.新建站点N个,已建成N个。": 999 records, the last holding the rest
    text = "工作进展\n" + "".join(f"{i}.新建站点{i}个,已建成{i}个。\n" for i in range(1, 1201))
    records = reportkit.parse_text(text)
    assert len(records) == 1200 and records[-1].item_no == "1200"
    assert len(records[-1].task or "") < 40


def test_item_numbers_have_one_bound():
    from reportkit.kinds import item_number
    from reportkit.markers import match_marker
    from reportkit.tuning import ITEM_NUMBER_DIGITS

    assert item_number("9" * ITEM_NUMBER_DIGITS) and item_number("9" * (ITEM_NUMBER_DIGITS + 1)) is None
    assert match_marker("123456.新建站点").number == 123456


# ---------------------------------------------------------------- an output over an input

def test_folder_output_never_replaces_an_input(tmp_path):
    # reportkit parse col --glob '*.csv' -o col/ --force    -> overwrote the input col/a.csv
    col = tmp_path / "col"
    col.mkdir()
    (col / "a.csv").write_text(TABLE, encoding="utf-8")
    r = run("parse", col, "--glob", "*.csv", "-o", f"{col}/", "--force")
    assert r.exit_code == 2 and "output file is an input file" in r.stderr
    assert (col / "a.csv").read_text(encoding="utf-8") == TABLE
    # reportkit parse col/a.csv -o col/ --force
    r = run("parse", col / "a.csv", "-o", f"{col}/", "--force")
    assert r.exit_code == 2 and (col / "a.csv").read_text(encoding="utf-8") == TABLE


def test_folder_output_writes_nothing_to_standard_output(tmp_path, report):
    # reportkit parse seeds/ -o out/ > x; wc -c x      -> every record on standard output too
    r = run("parse", report, "-o", f"{tmp_path}/out/", "-f", "xlsx")
    assert r.exit_code == 0 and r.stdout == ""
    assert (tmp_path / "out" / "r.xlsx").exists()


# ---------------------------------------------------------------- linear time

def test_a_padded_directive_is_read_without_backtracking():
    # a '# reportkit: disable=' line padded with 80 kB of spaces took 22 s in lint._DIRECTIVE
    from reportkit.lint import _CODES, _DIRECTIVE, directives

    line = "# reportkit: disable=RK201" + " " * 200_000 + "!"
    m = _DIRECTIVE.match(line, timeout=1.0)           # raises TimeoutError if it backtracks
    assert m and _CODES.fullmatch(m["codes"], timeout=1.0) is None
    assert directives([line]) == ({}, ())
    assert directives(["# reportkit: disable=RK201, RK207" + " " * 1000]) == (
        {1: ("RK201", "RK207")}, ("RK201", "RK207"))


def test_a_long_run_of_clauses_quotes_clauses_not_windows():
    # a 70 kB row gave 4.1 MB of JSONL (58x): each of thousands of metrics quoted 200 characters
    from reportkit.output import render

    text = "序号 | 工作任务 | 进展情况 | 完成进度\n1 | " + "新建站点5个," * 3000 + " | " + "已建成4个," * 3000 + " | 80%\n"
    out = render(reportkit.parse_text(text), "jsonl")
    assert len(out.encode()) <= 20 * len(text.encode())


# ---------------------------------------------------------------- formulas in spreadsheets

FORMULA = '序号 | 工作任务 | 进展情况 | 完成进度\n1 | =HYPERLINK("http://x.example","点击") | 已建成4个 | 80%\n'


def test_a_cell_that_starts_a_formula_is_text_in_csv(tmp_path):
    # a task cell beginning with = was written raw to CSV
    f = tmp_path / "f.txt"
    f.write_text(FORMULA, encoding="utf-8")
    assert "'=HYPERLINK" in run("parse", f, "-q").stdout
    raw = run("parse", f, "-q", "--no-formula-guard").stdout
    assert '"=HYPERLINK' in raw and "'=HYPERLINK" not in raw


def test_a_cell_that_starts_a_formula_is_a_string_in_xlsx(tmp_path):
    # ... and as a live formula to XLSX
    openpyxl = pytest.importorskip("openpyxl")
    f = tmp_path / "f.txt"
    f.write_text(FORMULA, encoding="utf-8")
    assert run("parse", f, "-q", "-o", tmp_path / "f.xlsx").exit_code == 0
    ws = openpyxl.load_workbook(tmp_path / "f.xlsx")["records"]
    task = [c for c in ws[2] if isinstance(c.value, str) and "HYPERLINK" in c.value][0]
    assert task.data_type == "s" and task.value.startswith("=")


def test_numbers_and_a_lone_dash_are_no_formulas():
    from reportkit.output import guard_formula

    assert [guard_formula(t) for t in ("-3.5", "-", "+5%", "@x", "-2+3")] == ["-3.5", "-", "+5%", "'@x", "'-2+3"]


# ---------------------------------------------------------------- valid JSON

@pytest.mark.parametrize("row", [
    "1 | 新建站点5个 | 已建成4个 | " + "9" * 401 + "%",                    # a 401-digit percent
    "1 | 投资0." + "0" * 320 + "1亿元 | 完成投资5亿元 | 50%",                   # actual / target is infinite
])
def test_no_infinity_and_no_nan_in_json(row):
    import json

    from reportkit.output import render

    records = reportkit.parse_text("序号 | 工作任务 | 进展情况 | 完成进度\n" + row + "\n")
    out = render(records, "jsonl")
    assert "Infinity" not in out and "NaN" not in out
    json.loads(out, parse_constant=lambda c: pytest.fail(f"{c} in JSON"))
    assert "value_overflow" in records[0].flags


def test_a_config_magnitude_past_a_float_gives_null_with_a_flag():
    # a config magnitude of 1.0e+308 made every 万 figure infinite
    records = reportkit.parse_text("序号 | 工作任务 | 进展情况 | 完成进度\n1 | 新增就业5万人 | 已就业4万人 | 80%\n",
                                   config={"units": {"magnitudes": {"万": 1.0e+308}}})
    rec = records[0].to_dict()
    assert rec["target_value"] is None and "value_overflow" in rec["flags"]


# ---------------------------------------------------------------- one writer at a time

def test_a_second_writer_of_one_output_fails(tmp_path):
    # two runs writing one output both exited 0, the second replacing the first
    from reportkit.errors import UsageError
    from reportkit.files import open_output

    target = tmp_path / "out.csv"
    with open_output(target) as first:
        with pytest.raises(UsageError, match="exists"):
            with open_output(target):
                pass
        first.write(b"one")
    assert target.read_bytes() == b"one"


def test_a_failed_write_gives_its_claimed_name_back(tmp_path):
    from reportkit.files import open_output

    target = tmp_path / "out.csv"
    with pytest.raises(RuntimeError):
        with open_output(target):
            raise RuntimeError("stopped")
    assert not target.exists() and list(tmp_path.iterdir()) == []


# ---------------------------------------------------------------- left behind

def _run_and_signal(args, sig, tmp_path, wait=2.0):
    import time

    p = subprocess.Popen([sys.executable, "-m", "reportkit", *map(str, args)], cwd=tmp_path,
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    time.sleep(wait)
    p.send_signal(sig)
    code = p.wait(timeout=60)
    return code, p.stderr.read().decode()


def _big_narrative(tmp_path):
    f = tmp_path / "big.txt"
    f.write_text("".join(f"新建站点{i}个,已建成{i // 2}个,完成50%;" for i in range(40000)) + "\n", encoding="utf-8")
    return f


@pytest.mark.slow
@pytest.mark.parametrize("signame, code", [("SIGTERM", 143), ("SIGHUP", 129), ("SIGINT", 130)])
def test_a_signal_while_writing_leaves_no_temporary_file(tmp_path, signame, code):
    # SIGTERM while writing left a 0600 .NAME.*.tmp file; Ctrl-C exited 1
    import signal

    big = _big_narrative(tmp_path)
    got, err = _run_and_signal(["parse", big, "-q", "-o", "out.jsonl"], getattr(signal, signame), tmp_path)
    assert got == code, err
    assert "Traceback" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big.txt"]


def test_a_signal_while_an_object_is_finalized_ends_the_command_without_a_traceback(tmp_path):
    # a SIGHUP that arrived while the regex module finalized a pattern printed
    # "Exception ignored in: ... __del__ ... Traceback" before the command ended with 129
    script = tmp_path / "finalized.py"
    script.write_text(
        "import os, signal\n"
        "from reportkit import cli\n"
        "class Finalized:\n"
        "    def __del__(self):\n"
        "        os.kill(os.getpid(), signal.SIGTERM)\n"
        "def command(*args, **kwargs):\n"
        "    Finalized()\n"
        "    return 0\n"
        "cli.cli.main = command\n"
        "cli.main()\n", encoding="utf-8")
    p = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, cwd=ROOT)
    assert p.returncode == 143, p.stderr
    assert p.stderr == ""


def test_other_exceptions_in_a_finalizer_are_still_reported(capsys, monkeypatch):
    from reportkit.cli import _Signalled, _unraisable

    monkeypatch.setattr(sys, "unraisablehook", _unraisable)

    class Finalized:
        def __init__(self, error):
            self.error = error

        def __del__(self):
            raise self.error

    Finalized(_Signalled(15))
    assert capsys.readouterr().err == ""
    Finalized(ValueError("broken finalizer"))
    assert "ValueError: broken finalizer" in capsys.readouterr().err


@pytest.mark.slow
def test_workers_end_with_their_parent(tmp_path):
    # SIGKILL of the parent with -j 2 left the workers running for minutes
    import signal
    import time

    big = _big_narrative(tmp_path)
    p = subprocess.Popen([sys.executable, "-m", "reportkit", "parse", str(big), str(big), str(big), "-q", "-j", "2",
                          "-o", "out.jsonl"], cwd=tmp_path, stderr=subprocess.DEVNULL)
    time.sleep(2.5)
    children = subprocess.run(["pgrep", "-P", str(p.pid)], capture_output=True, text=True).stdout.split()
    p.send_signal(signal.SIGKILL)
    p.wait()
    time.sleep(3)
    alive = [c for c in children if Path(f"/proc/{c}").exists()
             and "zombie" not in Path(f"/proc/{c}/status").read_text()]
    assert children and not alive


# ---------------------------------------------------------------- user mistakes are not internal errors

def test_control_characters_go_to_xlsx(tmp_path):
    # control characters with -o x.xlsx: IllegalCharacterError, exit 3
    pytest.importorskip("openpyxl")
    f = tmp_path / "c.txt"
    f.write_text("序号 | 工作任务 | 进展情况 | 完成进度\n1 | 新建\x07站点5个 | 已建成\x01 4个 | 80%\n", encoding="utf-8")
    assert run("parse", f, "-q", "-o", tmp_path / "c.xlsx").exit_code == 0


def test_an_output_that_is_a_symlink_loop(report, tmp_path):
    (tmp_path / "a.csv").symlink_to(tmp_path / "b.csv")
    (tmp_path / "b.csv").symlink_to(tmp_path / "a.csv")
    one_line_error(run("parse", report, "-o", tmp_path / "a.csv"), 2, "loops back")


@pytest.mark.parametrize("config, words", [
    ("units:\n  magnitudes:\n    万: " + "9" * 5000 + "\n", "digits"),                  # a 5000-digit integer
    ('relations:\n  roles:\n    - {name: x, pattern: "(("}\n', "relation pattern 'x'"),  # no regular expression
    ('relations:\n  roles:\n    - {name: y, pattern: "{nosuchword}{T}"}\n', "{nosuchword}"),
])
def test_a_bad_config_is_a_usage_error(report, tmp_path, config, words):
    cfg = tmp_path / "bad.yaml"
    cfg.write_text(config, encoding="utf-8")
    for command in ("parse", "check"):
        r = run(command, report, "--config", cfg)
        assert r.exit_code == 2 and words in r.stderr and "internal error" not in r.stderr


def test_an_encoding_that_decodes_nothing(report):
    # reportkit parse r.txt --encoding undefined      -> exit 3
    one_line_error(run("parse", report, "--encoding", "undefined"), 2, "not a text encoding")


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("args", [["--help"], ["--version"], ["check", "--list-rules"], ["check", "{report}"]])
def test_standard_output_that_is_full(report, args):
    # check > /dev/full, --list-rules/--help/--version to /dev/full     -> exit 3
    # (a fresh machine buffers standard output: without PYTHONUNBUFFERED the write failed at exit, code 120)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    with open("/dev/full", "w") as full:
        p = subprocess.run([sys.executable, "-m", "reportkit", *[a.format(report=report) for a in args]],
                           stdout=full, stderr=subprocess.PIPE, timeout=60, env=env)
    assert p.returncode in (1, 2) and b"Traceback" not in p.stderr and b"internal error" not in p.stderr
    assert b"Exception ignored" not in p.stderr


def test_a_signal_swallowed_by_a_finalizer_still_ends_the_run():
    # SIGTERM that arrived inside regex's Group.__del__ was printed and ignored: exit 0
    code = ("import sys\nfrom reportkit import cli\ncli._SIGNALS.append(15)\n"
            "sys.argv = ['reportkit', '--version']\ncli.main()\n")
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=60)
    assert p.returncode == 143


def test_an_input_past_the_limit_is_refused_before_it_is_read(tmp_path, report):
    # reportkit parse /dev/zero      -> MemoryError (unbounded)
    one_line_error(run("parse", report, "--max-bytes", "10"), 1, "input limit", "--max-bytes")
    if Path("/dev/zero").exists():
        one_line_error(run("parse", "/dev/zero", "--max-bytes", "100000"), 1, "input limit")
    one_line_error(run("check", report, "--max-bytes", "10"), 2, "input limit")


@pytest.mark.parametrize("kwargs", [{"vocab": "x"}, {"percent_tolerance": "x"}, {"to": 5}])
def test_api_options_of_the_wrong_type(kwargs):
    # parse_text(vocab='x') AttributeError; parse_text(percent_tolerance='x') TypeError
    with pytest.raises(reportkit.UsageError):
        reportkit.parse_text(TABLE, **kwargs)


# ---------------------------------------------------------------- invisible characters

def test_a_nul_after_the_first_4_kb_loses_nothing():
    # a NUL after the first 4 kB cut a Traditional row at the NUL (opencc stops there)
    text = "一、總體情況\n" + "本報告說明各項工作進展。\n" * 400 + \
        "序號 | 工作任務 | 進展情況 | 完成進度\n1 | 新建鄉鎮綜合文化站5個 | 已建成\x00綜合文化站4個 | 80%\n"
    (rec,) = [r for r in reportkit.parse_text(text) if r.item_no == "1"]
    assert rec.progress_text == "已建成综合文化站4个" and rec.actual_value == 4


def test_a_left_to_right_mark_in_an_item_number():
    # a U+200E in an item-number cell dropped the row's progress text and made check report a gap
    text = TABLE + "2\u200e | 改造道路10公里 | 已完成5公里 | 50%\n3 | 培训200人 | 已培训200人 | 100%\n"
    records = reportkit.parse_text(text)
    assert [r.item_no for r in records] == ["1", "2", "3"] and records[1].progress_text == "已完成5公里"
    assert not any("item_no_gap" in r.flags for r in records)


@pytest.mark.parametrize("mark", ["\u202e", "\u2066", "\u200f", "\u061c"])
def test_bidirectional_marks_are_not_copied(mark):
    records = reportkit.parse_text(TABLE.replace("新建站点", mark + "新建站点"))
    assert records[0].task == "新建站点5个"


def test_an_escape_sequence_never_reaches_the_terminal(tmp_path):
    # ESC sequences from the input reached the terminal raw through notes and check text
    f = tmp_path / "esc.txt"
    f.write_text(TABLE + "\x1b[2J\x1b[31m说明文字\n", encoding="utf-8")
    for args in (["parse", f], ["check", f]):
        r = run(*args)
        assert "\x1b" not in r.stdout + r.stderr


# ---------------------------------------------------------------- config patterns that backtrack

def test_a_backtracking_config_pattern_is_given_up_once_and_said():
    # a catastrophic relation pattern made an 8-item report take 8 s, given up silently per item
    import reportkit.relations as relations
    from reportkit.pipeline import parse_document

    config = {"relations": {"roles": [{"name": "slow", "pattern": "(?:新建|新|建)+(?:新建|新|建)+(?:新建|新|建)+"
                                                                   "(?:新建|新|建)+x{T}"}]}}
    text = "工作进展\n" + "".join(f"{i}." + "新建" * 40 + f"站x点{i}个,已建成{i}个。\n" for i in range(1, 9))
    tries = []
    real = relations.bounded_matches

    def counted(pattern, text, overlapped=False, name=None):
        if name == "slow":
            tries.append(name in relations._given_up)
        return real(pattern, text, overlapped, name)
    relations.bounded_matches = counted
    try:
        result = parse_document(text, config=config)
    finally:
        relations.bounded_matches = real
    assert len(result.records) == 8
    assert any("'slow'" in w and "given up" in w for w in result.document.warnings)
    assert tries and tries.count(False) == 1          # tried in full once, skipped after


# ---------------------------------------------------------------- smaller

def test_a_recursive_pattern_over_a_symlink_loop_ends(tmp_path):
    # reportkit parse 'sl/**/*.txt' over a folder with symlink loops hung
    (tmp_path / "sl" / "a").mkdir(parents=True)
    (tmp_path / "sl" / "a" / "x.txt").write_text(TABLE, encoding="utf-8")
    (tmp_path / "sl" / "z.txt").write_text(TABLE, encoding="utf-8")
    (tmp_path / "sl" / "a" / "up").symlink_to(tmp_path / "sl")
    r = run("parse", f"{tmp_path}/sl/**/*.txt", "-q", "-f", "jsonl")
    assert r.exit_code == 0 and len(r.stdout.splitlines()) == 2


def test_junit_is_well_formed_with_control_characters(tmp_path):
    # JUnit XML was not well-formed when the input had control characters
    from xml.etree import ElementTree as ET

    from reportkit.check_output import junit_xml
    from reportkit.lint import Finding
    from reportkit.rules import RULES

    found = [Finding("a\x01.txt", 1, 1, "RK105", "warning", "lines 1-1 are not part of any item: x\x02\x1b[0m")]
    ET.fromstring(junit_xml(found, ["a\x01.txt"], list(RULES)).split("\n", 1)[1])
    f = tmp_path / "j.txt"
    f.write_text(TABLE + "\x01说明\x02\n", encoding="utf-8")
    ET.fromstring(run("check", f, "-f", "junit").stdout.split("\n", 1)[1])


def test_a_negative_percent_is_read_with_its_sign(tmp_path):
    # -50% was read as 50, so RK201 (below 0) could not fire
    rec = reportkit.parse_text(TABLE.replace("80%", "-50%"))[0]
    assert rec.percent_reported == -50 and "percent_out_of_range" in rec.flags
    assert reportkit.parse_text(TABLE.replace("80%", "30-50%"))[0].percent_reported == 50


def test_a_file_name_with_a_newline_stays_on_one_line(tmp_path):
    # a file name with a newline split a check text finding over two lines
    f = tmp_path / "a\nb.txt"
    f.write_text(TABLE, encoding="utf-8")
    r = run("check", f)
    assert all(line.count(".txt") <= 1 for line in r.stdout.splitlines()) and "a\\nb.txt" in r.stdout


def test_an_empty_output_name_is_refused(report, tmp_path, monkeypatch):
    # reportkit parse in.txt -o ''     -> wrote in.csv into the current folder
    monkeypatch.chdir(tmp_path)
    one_line_error(run("parse", report, "-o", ""), 2, "empty")
    assert not (tmp_path / "r.csv").exists()


# ---------------------------------------------------------------- found by the command-line fuzz profile

def test_parquet_to_standard_output(report):
    # reportkit parse r.txt -f parquet > x.parquet     -> exit 3 (the writer wanted a file it could seek)
    pq = pytest.importorskip("pyarrow.parquet")
    import io

    r = CliRunner().invoke(cli, ["parse", str(report), "-f", "parquet", "-q"])
    assert r.exit_code == 0 and pq.read_table(io.BytesIO(r.stdout_bytes)).num_rows == 1


@pytest.mark.parametrize("data", [
    "①".encode(),                                  # a circled number as the item number: int('①')
    "\ue000任务,3项".encode(),                      # the readers' own placeholder character in the text
])
def test_odd_characters_are_no_internal_error(tmp_path, data):
    f = tmp_path / "odd.txt"
    f.write_bytes(data)
    for command in ("parse", "check"):
        r = CliRunner().invoke(cli, [command, str(f)])
        assert r.exit_code in (0, 1) and r.exception is None or isinstance(r.exception, SystemExit)


def test_a_codec_that_fails_without_an_offset():
    # printf 'xn--999' | reportkit parse - --encoding idna     -> exit 3
    r = CliRunner().invoke(cli, ["parse", "-", "--encoding", "idna"], input=b"xn--999")
    assert r.exit_code == 1 and "not valid idna" in r.output
