"""extract and update on real projects: determinism, golden files, errors that write nothing."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from editions.cli import main
from editions.errors import CatalogSyntaxError, ProjectError, SourceError
from editions.pofile import load_catalog
from editions.project import find_project
from editions.workflow import extract, update
from tests.conftest import DATA, REPO, needs_gettext, run_gettext

PRESS_RELEASE = REPO / "source" / "deepblue-quzhou.md"


def snapshot(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and not p.name.endswith(".lock")
    }


@pytest.fixture
def press_project(project_dir: Path) -> Path:
    shutil.copy(PRESS_RELEASE, project_dir / "source" / PRESS_RELEASE.name)
    return project_dir


def test_press_release_template_matches_golden_file(
    press_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1543363200")  # 2018-11-28
    extract(find_project(explicit=press_project))
    pot = (press_project / "locales" / "deepblue-quzhou.pot").read_text(encoding="utf-8")
    assert pot == (DATA / "workflow" / "deepblue-quzhou.pot").read_text(encoding="utf-8")


def test_extract_and_update_twice_change_no_byte(press_project: Path) -> None:
    project = find_project(explicit=press_project)
    extract(project)
    update(project, "zh_CN")
    before = snapshot(press_project)
    assert {w.status for w in extract(project)} == {"unchanged"}
    assert {w.status for w in update(project, "zh_CN")} == {"unchanged"}
    assert snapshot(press_project) == before


def test_pot_date_changes_only_when_entries_change(
    press_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = find_project(explicit=press_project)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1000000000")
    extract(project)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "2000000000")
    extract(project)
    assert load_catalog(project.pot_path("deepblue-quzhou")).header("POT-Creation-Date") == (
        "2001-09-09 01:46+0000"
    )
    source = press_project / "source" / "deepblue-quzhou.md"
    source.write_text(source.read_text(encoding="utf-8") + "\nA new closing line.\n")
    extract(project)
    assert load_catalog(project.pot_path("deepblue-quzhou")).header("POT-Creation-Date") == (
        "2033-05-18 03:33+0000"
    )


def test_new_catalog_has_every_source_block_untranslated(press_project: Path) -> None:
    project = find_project(explicit=press_project)
    extract(project)
    update(project, "zh_CN")
    catalog = load_catalog(project.po_path("zh_CN", "deepblue-quzhou"))
    assert len(catalog.entries) == 8
    assert all(e.untranslated and not e.fuzzy for e in catalog.entries)
    assert catalog.entries[0].extracted_comments == ("heading",)
    assert catalog.entries[0].references == ("source/deepblue-quzhou.md:1",)


def test_repeated_block_becomes_one_message_with_every_reference(project_dir: Path) -> None:
    (project_dir / "source" / "faq.md").write_text(
        "# FAQ\n\nSee the manual.\n\n## Setup\n\nSee the manual.\n", encoding="utf-8"
    )
    project = find_project(explicit=project_dir)
    extract(project)
    entries = load_catalog(project.pot_path("faq")).entries
    assert [e.references for e in entries if e.msgid == "See the manual."] == [
        ("source/faq.md:3", "source/faq.md:7")
    ]


@needs_gettext
def test_msgfmt_check_accepts_every_catalog_written(press_project: Path) -> None:
    project = find_project(explicit=press_project)
    extract(project)
    update(project, "zh_CN")
    for path in [project.pot_path("deepblue-quzhou"), project.po_path("zh_CN", "deepblue-quzhou")]:
        result = run_gettext("msgfmt", "--check", "-o", os.devnull, str(path))
        assert result.returncode == 0, result.stderr
        cat = run_gettext("msgcat", "--no-wrap", str(path))
        assert cat.stdout == path.read_text(encoding="utf-8")


def test_invalid_utf8_source_is_refused_with_line_and_nothing_written(project_dir: Path) -> None:
    (project_dir / "source" / "bad.md").write_bytes(b"# Title\n\nGood line.\n\nBad \xff byte.\n")
    project = find_project(explicit=project_dir)
    with pytest.raises(SourceError) as info:
        extract(project)
    assert info.value.line == 5
    assert not (project_dir / "locales" / "bad.pot").exists()


def test_malformed_po_is_refused_and_left_untouched(press_project: Path) -> None:
    project = find_project(explicit=press_project)
    extract(project)
    po_path = project.po_path("zh_CN", "deepblue-quzhou")
    po_path.parent.mkdir(parents=True)
    po_path.write_text('msgid "x"\nmsgstr "unterminated\n', encoding="utf-8")
    before = po_path.read_bytes()
    with pytest.raises(CatalogSyntaxError) as info:
        update(project, "zh_CN")
    assert (info.value.path, info.value.line) == (str(po_path), 2)
    assert po_path.read_bytes() == before


def test_catalog_for_undeclared_language_is_refused(press_project: Path) -> None:
    project = find_project(explicit=press_project)
    extract(project)
    with pytest.raises(ProjectError, match="not declared"):
        update(project, "fr")
    stray = press_project / "locales" / "de" / "LC_MESSAGES" / "deepblue-quzhou.po"
    stray.parent.mkdir(parents=True)
    stray.write_text("", encoding="utf-8")
    with pytest.raises(ProjectError, match="'de' is not declared"):
        update(project)


def test_catalog_whose_language_header_disagrees_with_its_folder_is_refused(
    press_project: Path,
) -> None:
    project = find_project(explicit=press_project)
    extract(project)
    update(project, "zh_CN")
    po_path = project.po_path("zh_CN", "deepblue-quzhou")
    po_path.write_text(po_path.read_text().replace("Language: zh_CN", "Language: ja"))
    with pytest.raises(ProjectError, match="declares Language 'ja'"):
        update(project, "zh_CN")


def test_source_file_outside_the_project_is_refused(press_project: Path, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere.md"
    outside.write_text("# Elsewhere\n", encoding="utf-8")
    with pytest.raises(ProjectError, match="outside the project"):
        extract(find_project(explicit=press_project), [outside])


def test_cli_reports_errors_without_traceback_and_exits_2(
    project_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project_dir / "source" / "bad.md").write_bytes(b"\xfe\n")
    assert main(["extract", "--project", str(project_dir)]) == 2
    err = capsys.readouterr().err
    assert "bad.md:1: invalid UTF-8" in err
    assert "Traceback" not in err


def test_cli_finds_the_project_upward_from_the_current_folder(
    press_project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(press_project / "source")
    assert main(["extract"]) == 0
    assert "1 created" in capsys.readouterr().out


def test_init_creates_a_project_that_extract_accepts(tmp_path: Path) -> None:
    assert main(["init", str(tmp_path / "new"), "--lang", "zh_CN"]) == 0
    (tmp_path / "new" / "source" / "a.md").write_text("# Hello\n", encoding="utf-8")
    assert main(["extract", "--project", str(tmp_path / "new")]) == 0
    assert main(["update", "--project", str(tmp_path / "new")]) == 0
    assert (tmp_path / "new" / "locales" / "zh_CN" / "LC_MESSAGES" / "a.po").is_file()
    assert main(["init", str(tmp_path / "new"), "--lang", "zh_CN"]) == 2


CRASH_SCRIPT = """
import os, sys
from pathlib import Path
from editions.project import find_project
from editions.workflow import update
point = sys.argv[2]
real_fsync, real_replace = os.fsync, os.replace
if point == "before-rename":
    os.replace = lambda *a, **k: os._exit(9)
else:
    os.fsync = lambda fd: os._exit(9)
update(find_project(explicit=Path(sys.argv[1])), "zh_CN")
"""


@pytest.mark.parametrize("point", ["mid-write", "before-rename"])
def test_crash_mid_write_leaves_previous_catalog_intact(press_project: Path, point: str) -> None:
    project = find_project(explicit=press_project)
    extract(project)
    update(project, "zh_CN")
    po_path = project.po_path("zh_CN", "deepblue-quzhou")
    before = po_path.read_bytes()
    source = press_project / "source" / "deepblue-quzhou.md"
    source.write_text(source.read_text(encoding="utf-8") + "\nOne more paragraph.\n")
    extract(project)
    result = subprocess.run(
        [sys.executable, "-c", CRASH_SCRIPT, str(press_project), point], check=False
    )
    assert result.returncode == 9
    assert po_path.read_bytes() == before
    load_catalog(po_path)
    update(project, "zh_CN")
    assert "One more paragraph." in po_path.read_text(encoding="utf-8")
