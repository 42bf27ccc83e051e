"""Shared fixtures: a throwaway editions project and helpers for GNU gettext.

Tests that need a system program carry ``@pytest.mark.system("msgmerge", ...)`` (a font:
``"font:WenQuanYi Zen Hei"``, looked up with fontconfig). Without it they skip with the
reason; with ``EDITIONS_REQUIRE_SYSTEM=1`` (as ``.ci/run``
sets) they fail instead, so CI never passes on a claim it did not check.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import settings

# Local runs explore new random examples each time; CI (CI=true) runs the same examples on
# every run, so a green lock stays green and a red one is reproducible.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

REPO = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"
REQUIRE_SYSTEM = os.environ.get("EDITIONS_REQUIRE_SYSTEM", "") not in ("", "0")
INSTALL_HINTS = {
    "msgmerge": "apt-get install gettext",
    "msgcat": "apt-get install gettext",
    "msgfmt": "apt-get install gettext",
    "msgunfmt": "apt-get install gettext",
    "chromium": "apt-get install chromium",
    "pdftoppm": "apt-get install poppler-utils",
    "font:WenQuanYi Zen Hei": "apt-get install fonts-wqy-zenhei",
    "axe-core": "make node-packages (npm ci --prefix tests/axe)",
    "po4a-updatepo": "apt-get install po4a",
}
AXE = REPO / "tests" / "axe" / "node_modules" / "axe-core" / "axe.min.js"

needs_gettext = pytest.mark.system("msgmerge", "msgcat", "msgfmt")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "system(*programs): needs these programs on PATH (skip, or fail in CI)"
    )


def pytest_runtest_setup(item: pytest.Item) -> None:
    for marker in item.iter_markers(name="system"):
        missing = [name for name in marker.args if not _present(name)]
        if not missing:
            continue
        hints = sorted({INSTALL_HINTS.get(name, f"install {name}") for name in missing})
        reason = f"{', '.join(missing)} not on PATH ({'; '.join(hints)})"
        if REQUIRE_SYSTEM:
            pytest.fail(f"{reason}; EDITIONS_REQUIRE_SYSTEM=1 requires it", pytrace=False)
        pytest.skip(reason)


def _present(name: str) -> bool:
    if name == "axe-core":
        return AXE.is_file()
    if not name.startswith("font:"):
        return shutil.which(name) is not None
    if shutil.which("fc-list") is None:
        return False
    family = name.removeprefix("font:")
    listed = subprocess.run(["fc-list", family, "family"], capture_output=True, text=True)
    return family in listed.stdout


DEBIAN_ZH = Path("/usr/share/locale/zh_CN/LC_MESSAGES")
"""Debian's compiled zh_CN catalogs: real catalogs nobody on the team wrote."""


def unfmt(mo: Path, po: Path, *, wrap: bool = False) -> Path:
    """The compiled catalog ``mo`` turned back into ``po`` by GNU ``msgunfmt``."""
    po.parent.mkdir(parents=True, exist_ok=True)
    options = [] if wrap else ["--no-wrap"]
    subprocess.run(["msgunfmt", *options, "-o", str(po), str(mo)], check=True)
    return po


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
# The one browser driver (Playwright on Debian's Chromium); defined in tests/browser.py.
from tests.browser import chromium, new_page  # noqa: E402, F401
from tests.review_support import review_server  # noqa: E402, F401
from tests.tiny_argos import tiny_argosmodel, tiny_project  # noqa: E402, F401
