"""The default install needs no Dask: ``editions draft`` without ``--scheduler`` never imports
it, and ``--scheduler`` without the extra says how to install it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from editions.catalog import Entry
from editions.project import Project
from tests.tiny_argos import write_po

BLOCK_DASK = "import sys; sys.modules['dask'] = None; sys.modules['distributed'] = None; "


def _run(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", BLOCK_DASK + code], capture_output=True, text=True, timeout=120
    )


def test_draft_runs_with_dask_absent(tiny_project: Project) -> None:
    po = write_po(
        tiny_project.po_path("zh_CN", "news"),
        [Entry(msgid="DeepBlue Technology opened an office in Quzhou.", msgstr="", line=3)],
    )
    result = _run(
        "from editions.cli import main; code = main(['draft', '--project', "
        f"{str(tiny_project.root)!r}]); "
        "assert not any(m.startswith(('dask', 'distributed')) for m in sys.modules "
        "if sys.modules[m] is not None), 'dask imported'; sys.exit(code)"
    )
    assert result.returncode == 0, result.stderr
    assert "drafted 1" in result.stdout
    assert "machine-draft:" in po.read_text(encoding="utf-8")


def test_scheduler_without_the_extra_says_how_to_install_it(tiny_project: Project) -> None:
    write_po(tiny_project.po_path("zh_CN", "news"), [Entry(msgid="Quzhou.", msgstr="", line=3)])
    result = _run(
        "from editions.cli import main; sys.exit(main(['draft', '--project', "
        f"{str(tiny_project.root)!r}, '--scheduler', 'local:2']))"
    )
    assert result.returncode == 2
    assert "pip install 'editions[dask]'" in result.stderr
    assert (
        Path(tiny_project.po_path("zh_CN", "news")).read_text(encoding="utf-8").count('msgstr ""')
        >= 2
    )
