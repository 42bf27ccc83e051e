"""extract and update on real projects: determinism, golden files, errors that write nothing."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from editions.cli import main
from editions.errors import CatalogSyntaxError, ProjectError, SourceError
from editions.pofile import load_catalog
from editions.project import find_project
from editions.workflow import Status, extract, update
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
    assert {w.status for w in extract(project)} == {Status.UNCHANGED}
    assert {w.status for w in update(project, "zh_CN")} == {Status.UNCHANGED}
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
    assert all(not e.has_translation and not e.fuzzy for e in catalog.entries)
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


def test_whole_workflow_leaves_only_sources_and_catalogs_for_git(
    tmp_path: Path, tiny_argosmodel: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "fresh"
    assert main(["init", str(root), "--lang", "zh_CN"]) == 0
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    (root / "source" / "press.md").write_text(
        "# DeepBlue in Quzhou\n\nDeepBlue Technology will open an office.\n", encoding="utf-8"
    )
    project = ["--project", str(root)]
    assert main(["extract", *project]) == 0
    assert main(["update", *project, "--lang", "zh_CN"]) == 0
    assert main(["models", "install", str(tiny_argosmodel), *project]) == 0
    assert main(["draft", *project, "--lang", "zh_CN", "--jobs", "1"]) == 0
    assert main(["check", *project]) in (0, 1)
    assert main(["stats", *project]) == 0
    assert main(["build", *project, "--drafts"]) == 0
    capsys.readouterr()
    status = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=all"],
        cwd=root, capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert sorted(line[3:] for line in status.splitlines()) == [
        ".gitattributes",
        ".gitignore",
        "editions.toml",
        "locales/press.pot",
        "locales/zh_CN/LC_MESSAGES/press.po",
        "source/press.md",
    ]
    assert (root / "build").is_dir() and (root / ".editions" / "locks").is_dir()


def test_hand_set_plural_forms_survive_update_and_the_diff_is_only_the_changed_entry(
    project_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = project_dir / "source" / "note.md"
    paragraphs = [
        "# A short note",
        "The first paragraph stays exactly as it is.",
        "The second paragraph will be reworded a little bit.",
    ]
    source.write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
    project = ["--project", str(project_dir)]
    assert main(["extract", *project]) == 0 and main(["update", *project]) == 0
    po = project_dir / "locales" / "zh_CN" / "LC_MESSAGES" / "note.po"
    text = po.read_text(encoding="utf-8")
    hand_set = '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"'
    text = re.sub(r'"Plural-Forms: [^"]*"', lambda _: hand_set, text)
    text = text.replace('msgstr ""\n\n', 'msgstr "译文"\n\n').rstrip("\n")
    text = text[: -len('msgstr ""')] + 'msgstr "译文"\n'
    po.write_text(text, encoding="utf-8")
    subprocess.run(["git", "init", "-q"], cwd=project_dir, check=True)
    subprocess.run(["git", "add", "-A"], cwd=project_dir, check=True)
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@x", "commit", "-qm", "base"],
        cwd=project_dir, check=True,
    )  # fmt: skip
    paragraphs[2] = "The second paragraph was reworded a little bit."
    source.write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
    assert main(["extract", *project]) == 0 and main(["update", *project]) == 0
    out = capsys.readouterr().out
    assert "W-plural-forms-cldr" in out  # reported, not rewritten
    assert hand_set in po.read_text(encoding="utf-8")
    diff = subprocess.run(
        ["git", "diff", "-U0", "--", "locales/zh_CN"],
        cwd=project_dir, capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    changed = [
        line
        for line in diff.splitlines()
        if line[:1] in "+-"
        and not line.startswith(("+++", "---"))
        # msgmerge takes the template's date (unchanged within the minute of this test)
        and "POT-Creation-Date" not in line
    ]
    assert changed == [
        '-msgid "The second paragraph will be reworded a little bit."',
        "+#, fuzzy",
        '+#| msgid "The second paragraph will be reworded a little bit."',
        '+msgid "The second paragraph was reworded a little bit."',
    ]


def _project_with_catalog(project_dir: Path) -> tuple[Path, Path]:
    (project_dir / "source" / "note.md").write_text("Hello there, reader.\n", encoding="utf-8")
    assert main(["extract", "--project", str(project_dir)]) == 0
    assert main(["update", "--project", str(project_dir)]) == 0
    po = project_dir / "locales" / "zh_CN" / "LC_MESSAGES" / "note.po"
    return project_dir / "source" / "note.md", po


def test_an_editor_saving_the_catalog_during_update_loses_nothing(
    project_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import editions.workflow

    source, po = _project_with_catalog(project_dir)
    source.write_text("Hello there, dear reader.\n", encoding="utf-8")
    main(["extract", "--project", str(project_dir)])
    saved_by_editor = po.read_text(encoding="utf-8").replace('msgstr ""\n', 'msgstr "你好"\n')
    real_merge = editions.workflow.merge_catalog

    def merge_while_the_editor_saves(*args: object, **kwargs: object) -> object:
        po.write_text(saved_by_editor, encoding="utf-8")  # the translator presses Ctrl+S
        return real_merge(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(editions.workflow, "merge_catalog", merge_while_the_editor_saves)
    assert main(["update", "--project", str(project_dir)]) == 2
    assert "changed on disk while editions worked on it" in capsys.readouterr().err
    assert po.read_text(encoding="utf-8") == saved_by_editor
    assert not list(po.parent.glob("*.tmp"))


def test_a_temp_file_left_by_a_killed_write_is_removed_by_the_next_one(project_dir: Path) -> None:
    source, po = _project_with_catalog(project_dir)
    leftover = po.with_name(f".{po.name}.abc123.tmp")
    leftover.write_text("half a catalog", encoding="utf-8")
    source.write_text("Hello there, dear reader.\n", encoding="utf-8")
    assert main(["extract", "--project", str(project_dir)]) == 0
    assert main(["update", "--project", str(project_dir)]) == 0
    assert not leftover.exists()


def test_charset_mentioned_in_a_header_comment_does_not_decide_the_encoding(
    project_dir: Path,
) -> None:
    _source, po = _project_with_catalog(project_dir)
    text = po.read_text(encoding="utf-8").replace('msgstr ""\n', 'msgstr "你好，读者。"\n')
    po.write_text("# converted from charset=ISO-8859-1 in 2009\n" + text, encoding="utf-8")
    assert load_catalog(po).entries[0].msgstr == "你好，读者。"
    assert main(["update", "--project", str(project_dir)]) == 0
    assert 'msgstr "你好，读者。"' in po.read_text(encoding="utf-8")


def test_a_source_file_name_with_a_space_round_trips_as_gnu_writes_it(
    project_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project_dir / "source" / "my note.md").write_text("Hello there, reader.\n", "utf-8")
    project = ["--project", str(project_dir)]
    assert main(["extract", *project]) == 0 and main(["update", *project]) == 0
    pot = project_dir / "locales" / "my note.pot"
    assert "#: \u2068source/my note.md\u2069:1\n" in pot.read_text(encoding="utf-8")
    assert load_catalog(pot).entries[0].references == ("source/my note.md:1",)
    capsys.readouterr()
    assert main(["check", *project, "--format", "json"]) == 0
    assert "E-pot-outdated" not in capsys.readouterr().out
    if shutil.which("msgcat"):
        gnu = run_gettext("msgcat", "--no-wrap", str(pot))
        assert gnu.stdout == pot.read_text(encoding="utf-8")


def test_catalogs_of_undeclared_languages_are_reported_not_passed_over(
    project_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project_dir / "source" / "note.md").write_text("Hello there, reader.\n", "utf-8")
    project = ["--project", str(project_dir)]
    assert main(["extract", *project]) == 0 and main(["update", *project]) == 0
    stray = project_dir / "locales" / "fr" / "LC_MESSAGES" / "note.po"
    stray.parent.mkdir(parents=True)
    stray.write_text('msgid ""\nmsgstr "Language: fr\\n"\n', encoding="utf-8")
    capsys.readouterr()
    main(["check", *project])
    assert "W-undeclared-language" in capsys.readouterr().out
    for command in (["stats"], ["build", "--drafts"]):
        assert main([*command, *project]) == 0
        assert "locales/fr/LC_MESSAGES/note.po: catalog of 'fr'" in capsys.readouterr().err


def test_a_deleted_source_leaves_its_catalogs_reported_and_kept(
    project_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ("note", "gone"):
        (project_dir / "source" / f"{name}.md").write_text(f"About {name} here.\n", "utf-8")
    project = ["--project", str(project_dir)]
    assert main(["extract", *project]) == 0 and main(["update", *project]) == 0
    (project_dir / "source" / "gone.md").unlink()
    po = project_dir / "locales" / "zh_CN" / "LC_MESSAGES" / "gone.po"
    kept = po.read_bytes()
    capsys.readouterr()
    assert main(["update", *project]) == 0
    out = capsys.readouterr().out
    assert "orphaned  " in out and "gone.pot" in out and "gone.po " in out
    assert "0 created, 0 updated, 1 unchanged, 2 orphaned" in out
    assert po.read_bytes() == kept
    main(["check", *project, "--format", "json"])
    report = json.loads(capsys.readouterr().out)
    orphans = sorted(f["path"] for f in report["findings"] if f["code"] == "W-orphan-catalog")
    assert orphans == ["locales/gone.pot", "locales/zh_CN/LC_MESSAGES/gone.po"]
