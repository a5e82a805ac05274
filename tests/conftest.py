"""Shared fixtures: where the samples are, and the optional seed reports.

Tests that read the seed reports and their hand-checked gold values (kept
beside this repository in ../shared) skip themselves when it is missing.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# Hypothesis profiles: `ci` (the default: few examples, derandomized, so every
# run tries the same ones) and `long` (pytest --hypothesis-profile=long).
_SLOW_OK = [HealthCheck.too_slow, HealthCheck.data_too_large]
settings.register_profile("ci", max_examples=40, derandomize=True, deadline=None, suppress_health_check=_SLOW_OK)
settings.register_profile("long", max_examples=500, deadline=None, suppress_health_check=_SLOW_OK)
settings.load_profile("ci")

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
GOLD = SHARED / "gold"

needs_shared = pytest.mark.skipif(not SEEDS.is_dir(), reason="seed reports (../shared) not available")


def run_cli(*args, input=None):
    """Run the `reportkit` command in process: the click result (exit code, stdout, stderr)."""
    from click.testing import CliRunner

    from reportkit.cli import cli

    return CliRunner().invoke(cli, [str(a) for a in args], input=input, catch_exceptions=False)


def sample_inputs() -> list[Path]:
    return sorted(p for p in SAMPLES.iterdir() if p.suffix in (".txt", ".csv") and not p.name.endswith(".expected.jsonl"))


#: samples also kept in another output script: (input name, --to)
OTHER_SCRIPTS = [("pasted_table_hant.txt", "keep"), ("narrative_hans.txt", "hant"), ("narrative_hant.txt", "hant")]


def expected_path(path: Path, to: str = "hans") -> Path:
    """Where the expected JSONL of a sample in the script `to` is kept."""
    infix = "" if to == "hans" else f".{to}"
    return path.with_name(f"{path.name}{infix}.expected.jsonl")


def seed_files() -> list[Path]:
    return sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="session")
def record_schema() -> dict:
    return json.loads((ROOT / "reportkit" / "schemas" / "record.schema.json").read_text(encoding="utf-8"))

# a maintenance script, not a test module: collecting it would rewrite the expected files
collect_ignore = ["update_golden.py"]


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    """Say how many fuzz examples ran, and under which profile."""
    import sys

    fuzz = sys.modules.get("test_fuzz")
    if fuzz is not None and fuzz.EXAMPLES["total"]:
        terminalreporter.write_line(f"fuzz: {fuzz.EXAMPLES['total']} examples "
                                    f"(hypothesis profile {settings._current_profile})")
