"""EDITIONS_REQUIRE_SYSTEM=1: a missing GNU gettext fails the suite instead of skipping."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO

PROBE = """
from tests.conftest import needs_gettext

@needs_gettext
def test_needs_msgmerge():
    pass
"""


def _run_probe(tmp_path: Path, require: str) -> subprocess.CompletedProcess[str]:
    """Run a test that needs gettext with a PATH that has none, the suite's hooks loaded."""
    probe = tmp_path / "test_probe.py"
    probe.write_text(PROBE, encoding="utf-8")
    empty_bin = tmp_path / "bin"
    empty_bin.mkdir(exist_ok=True)
    env = {**os.environ, "PATH": str(empty_bin), "EDITIONS_REQUIRE_SYSTEM": require}
    env["PYTHONPATH"] = str(REPO)
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"]
    command += ["-p", "tests.conftest", "--rootdir", str(tmp_path), str(probe)]
    return subprocess.run(command, cwd=tmp_path, env=env, capture_output=True, text=True)


def test_missing_gettext_fails_the_suite_when_ci_requires_it(tmp_path: Path) -> None:
    result = _run_probe(tmp_path, "1")
    assert result.returncode == 1, result.stdout
    assert "msgmerge, msgcat, msgfmt not on PATH" in result.stdout
    assert "EDITIONS_REQUIRE_SYSTEM=1 requires it" in result.stdout


def test_missing_gettext_skips_with_the_reason_locally(tmp_path: Path) -> None:
    result = _run_probe(tmp_path, "")
    assert result.returncode == 0, result.stdout
    assert "1 skipped" in result.stdout


def test_ci_entry_point_sets_the_switch() -> None:
    script = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert "export EDITIONS_REQUIRE_SYSTEM=1" in script
    assert "make test" in script
