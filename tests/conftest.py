"""Shared fixtures: a throwaway editions project and helpers for GNU gettext."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"

needs_gettext = pytest.mark.skipif(
    shutil.which("msgmerge") is None, reason="GNU gettext not installed (apt-get install gettext)"
)


def run_gettext(*args: str, input_text: str | None = None) -> subprocess.CompletedProcess[str]:
    """Run a GNU gettext tool and return its completed process (never raises on exit code)."""
    return subprocess.run(args, capture_output=True, text=True, input=input_text, check=False)


@pytest.fixture
def project_dir(tmp_path: Path) -> Path:
    """A new project with one language (zh_CN) and an empty source folder."""
    root = tmp_path / "proj"
    (root / "source").mkdir(parents=True)
    (root / "locales").mkdir()
    (root / "editions.toml").write_text(
        '[editions]\nsource-language = "en"\nlanguages = ["zh_CN"]\n', encoding="utf-8"
    )
    return root


# Fixtures of the tiny Argos package (drafting tests); defined in tests/tiny_argos.py.
from tests.tiny_argos import tiny_argosmodel, tiny_project  # noqa: E402, F401
