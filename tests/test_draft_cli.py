"""`editions draft` end to end on the tiny Argos package, and on the real model when present."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from editions.catalog import Entry
from editions.cli import main
from editions.pofile import load_catalog
from editions.project import Project, find_project
from editions.provenance import read_provenance
from tests.tiny_argos import write_po

REPO = Path(__file__).resolve().parents[1]
SHARED_MODELS = REPO.parent / "shared" / "models"
RELEASE = "DeepBlue Technology will set up the regional headquarters in Quzhou."


def test_cli_draft_writes_drafts_then_changes_nothing(
    tiny_project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_po(
        tiny_project.po_path("zh_CN", "press"),
        [Entry(msgid=RELEASE), Entry(msgid="Quzhou", msgstr="衢州")],
    )
    args = ["draft", "--project", str(tiny_project.root), "--lang", "zh_CN", "--jobs", "1"]
    assert main([*args, "--dry-run"]) == 0
    assert "would draft 1, reused from memory 0, cached 0, skipped 1, failed 0" in (
        capsys.readouterr().out
    )
    assert main(args) == 0
    out = capsys.readouterr().out
    assert f"updated   {path}" in out
    assert "drafted 1, reused from memory 0, cached 0, skipped 1, failed 0" in out
    drafted = path.read_bytes()
    assert main(args) == 0
    assert "drafted 0, reused from memory 0, cached 0, skipped 2, failed 0" in (
        capsys.readouterr().out
    )
    assert path.read_bytes() == drafted
    assert (tiny_project.cache_dir / "mt-cache.sqlite3").is_file()


def _real_model() -> Path | None:
    if not SHARED_MODELS.is_dir():
        return None
    archives = sorted(SHARED_MODELS.rglob("*en_zh*.argosmodel"))
    return archives[-1] if archives else None


@pytest.mark.skipif(
    _real_model() is None,
    reason=f"no real en→zh Argos package (*en_zh*.argosmodel) under {SHARED_MODELS}",
)
def test_real_model_drafts_the_press_release_in_chinese_with_markup_and_glossary(
    tmp_path: Path,
) -> None:
    from editions.workflow import extract, update

    archive = _real_model()
    assert archive is not None
    root = tmp_path / "proj"
    (root / "source").mkdir(parents=True)
    (root / "locales").mkdir()
    shutil.copy(REPO / "source" / "deepblue-quzhou.md", root / "source")
    (root / "source" / "markup.md").write_text(
        "DeepBlue Technology opened an **office** in Quzhou; see "
        "[the report](https://example.org/r) and run `editions draft` for 52,600 cameras.\n",
        "utf-8",
    )
    shutil.copy(REPO / "locales" / "glossary.toml", root / "locales" / "glossary.toml")
    (root / "editions.toml").write_text('[editions]\nlanguages = ["zh_CN"]\n', "utf-8")
    project = find_project(explicit=root)
    extract(project)
    update(project, "zh_CN")
    assert main(["models", "install", "--project", str(root), str(archive)]) == 0
    assert main(["draft", "--project", str(root), "--lang", "zh_CN"]) == 0

    entries = [
        e
        for path in sorted((root / "locales" / "zh_CN" / "LC_MESSAGES").glob("*.po"))
        for e in load_catalog(path).live()
    ]
    drafted = [e for e in entries if read_provenance(e) is not None]
    assert len(drafted) >= 0.8 * len(entries)
    for entry in drafted:
        assert entry.fuzzy
        assert re.search(r"[\u4e00-\u9fff]", entry.msgstr), entry.msgstr
        if "DeepBlue Technology" in entry.msgid:
            assert "深兰科技" in entry.msgstr and "深蓝" not in entry.msgstr
        if "Quzhou" in entry.msgid:
            assert "衢州" in entry.msgstr
        for kept in ("52,600", "3.3", "**", "](https://example.org/r)", "`editions draft`"):
            if kept in entry.msgid:
                assert kept in entry.msgstr, (kept, entry.msgstr)


def test_progress_bar_shows_sentences_done_and_an_eta(capsys: pytest.CaptureFixture[str]) -> None:
    from editions.cli.drafting import _Bars

    bars = _Bars()
    bars.enabled = True  # as on a terminal
    bars("locales/zh_CN/LC_MESSAGES/press.po", 2, 4)
    bars("locales/zh_CN/LC_MESSAGES/press.po", 4, 4)
    bars.close()
    err = capsys.readouterr().err
    assert "press.po" in err and "4/4" in err and "<" in err  # tqdm's "elapsed<remaining"


def test_dry_run_counts_without_an_installed_model_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.tiny_argos import make_project

    project = make_project(tmp_path / "proj")
    path = write_po(
        project.po_path("zh_CN", "press"),
        [Entry(msgid=RELEASE), Entry(msgid="Quzhou", msgstr="衢州")],
    )
    before = path.read_bytes()
    args = ["draft", "--project", str(project.root), "--lang", "zh_CN", "--dry-run"]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "no Argos model for en → zh is installed" in out
    assert "would draft 1, reused from memory 0, cached 0, skipped 1, failed 0" in out
    assert path.read_bytes() == before
    assert main(args[:-1]) == 2  # without --dry-run the missing model is still an error


def test_plural_entries_are_reported_as_not_drafted(
    tiny_project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_po(
        tiny_project.po_path("zh_CN", "press"),
        [
            Entry(msgid=RELEASE),
            Entry(msgid="%d camera", msgid_plural="%d cameras", msgstr_plural=("",)),
        ],
    )
    args = ["draft", "--project", str(tiny_project.root), "--lang", "zh_CN", "--jobs", "1"]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "drafted 1, reused from memory 0, cached 0, skipped 0, plural (not drafted) 1" in out
    plural = next(e for e in load_catalog(path).entries if e.is_plural)
    assert plural.msgstr_plural == ("",) and not plural.fuzzy
