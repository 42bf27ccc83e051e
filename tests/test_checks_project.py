"""Checks over a whole project: sync with source/ and the POT, release thresholds,
configuration, suppression that survives GNU msgmerge, and the reviewed press release."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from editions.catalog import Entry
from editions.checks import run_checks
from editions.checks.config import check_config
from editions.checks.model import Severity
from editions.config import CheckSettings, ReleaseSettings
from editions.errors import ProjectError
from editions.pofile import catalog_text, load_catalog, save_catalog
from editions.project import find_project
from editions.workflow import extract, update
from tests.conftest import REPO, needs_gettext, run_gettext

DOC = "# Quzhou\n\nThere are 52,600 cameras in Quzhou.\n\nNearly 500 people attended.\n"


@pytest.fixture
def project(project_dir: Path) -> Path:
    (project_dir / "source" / "city.md").write_text(DOC, encoding="utf-8")
    proj = find_project(explicit=project_dir)
    extract(proj)
    update(proj, "zh_CN")
    return project_dir


def translate(root: Path, translations: dict[str, str], fuzzy: bool = False) -> Path:
    po = root / "locales" / "zh_CN" / "LC_MESSAGES" / "city.po"
    catalog = load_catalog(po)
    entries = [
        e.replace(msgstr=translations.get(e.msgid, e.msgstr)).with_flag("fuzzy", fuzzy)
        if e.msgid in translations
        else e
        for e in catalog.entries
    ]
    save_catalog(po, catalog.replace_entries(entries))
    return po


FULL = {
    "Quzhou": "衢州",
    "There are 52,600 cameras in Quzhou.": "衢州有5.26万个摄像头。",
    "Nearly 500 people attended.": "近500人出席。",
}


def codes(root: Path, **options: object) -> set[str]:
    return {f.code for f in run_checks(find_project(explicit=root), **options)}  # type: ignore[arg-type]


def test_fresh_project_has_only_untranslated_warnings(project: Path) -> None:
    findings = run_checks(find_project(explicit=project))
    assert {f.code for f in findings} == {"W-untranslated"}
    assert all(f.severity is Severity.WARNING for f in findings)


def test_release_makes_incomplete_entries_errors(project: Path) -> None:
    findings = run_checks(find_project(explicit=project), release=True)
    assert {f.code for f in findings} == {"W-untranslated", "E-release-threshold"}
    assert all(f.severity is Severity.ERROR for f in findings)


def test_translated_project_passes_release(project: Path) -> None:
    translate(project, FULL)
    assert codes(project, release=True) == set()


def test_machine_draft_still_fuzzy_blocks_release_only(project: Path) -> None:
    translate(project, FULL, fuzzy=True)
    assert codes(project) == {"W-fuzzy"}
    assert "E-release-threshold" in codes(project, release=True)


def test_errors_in_fuzzy_entries_are_capped_at_warning(project: Path) -> None:
    translate(project, {**FULL, "Nearly 500 people attended.": "近五十人出席。"}, fuzzy=True)
    [finding] = [
        f for f in run_checks(find_project(explicit=project)) if f.code == "E-number-mismatch"
    ]
    assert finding.severity is Severity.WARNING


def test_changed_source_makes_the_pot_out_of_date(project: Path) -> None:
    translate(project, FULL)
    (project / "source" / "city.md").write_text(DOC + "\nA new paragraph.\n", encoding="utf-8")
    findings = run_checks(find_project(explicit=project))
    [pot] = [f for f in findings if f.code == "E-pot-outdated"]
    assert "editions extract" in pot.fix and pot.path == "locales/city.pot"


def test_new_template_makes_the_po_out_of_date(project: Path) -> None:
    translate(project, FULL)
    (project / "source" / "city.md").write_text(DOC + "\nA new paragraph.\n", encoding="utf-8")
    extract(find_project(explicit=project))
    [po] = [f for f in run_checks(find_project(explicit=project)) if f.code == "E-po-outdated"]
    assert "editions update --lang zh_CN" in po.fix
    update(find_project(explicit=project), "zh_CN")
    assert "E-po-outdated" not in codes(project)


def test_missing_catalog_is_a_finding(project: Path) -> None:
    (project / "locales" / "zh_CN" / "LC_MESSAGES" / "city.po").unlink()
    [finding] = run_checks(find_project(explicit=project))
    assert finding.code == "E-catalog-missing" and "editions update" in finding.fix


def test_project_configuration_disables_overrides_and_sets_thresholds(project: Path) -> None:
    translate(project, {"Quzhou": "衢州"})
    config = project / "editions.toml"
    config.write_text(
        config.read_text("utf-8")
        + '\n[editions.checks]\ndisable = ["W-untranslated"]\n'
        + "[editions.release.documents]\ncity = 30\n",
        encoding="utf-8",
    )
    assert codes(project, release=True) == set()  # 1 of 3 translated ≥ 30%
    config.write_text(
        config.read_text("utf-8")
        .replace("city = 30", "city = 50")
        .replace(
            "[editions.checks]\n",
            '[editions.checks]\nseverity = { "E-release-threshold" = "warning" }\n',
        ),
        encoding="utf-8",
    )
    findings = run_checks(find_project(explicit=project), release=True)
    assert [(f.code, f.severity) for f in findings] == [("E-release-threshold", Severity.WARNING)]


def test_unknown_code_in_configuration_is_refused() -> None:
    with pytest.raises(ProjectError, match="unknown check code"):
        check_config(CheckSettings(disable=("E-nope",)), ReleaseSettings())


@needs_gettext
def test_suppression_comment_survives_msgmerge_and_silences_the_check(
    project: Path, tmp_path: Path
) -> None:
    po = translate(project, {**FULL, "Nearly 500 people attended.": "近百人出席。"})
    assert "E-number-mismatch" in codes(project)
    catalog = load_catalog(po)
    entries = [
        e.replace(translator_comments=("editions-ignore: E-number-mismatch",))
        if e.msgid.startswith("Nearly")
        else e
        for e in catalog.entries
    ]
    save_catalog(po, catalog.replace_entries(entries))
    assert "E-number-mismatch" not in codes(project)
    pot = project / "locales" / "city.pot"
    merged = tmp_path / "merged.po"
    result = run_gettext("msgmerge", "--no-wrap", "-o", str(merged), str(po), str(pot))
    assert result.returncode == 0, result.stderr
    assert "# editions-ignore: E-number-mismatch" in merged.read_text("utf-8")
    shutil.copy(merged, po)
    assert "E-number-mismatch" not in codes(project)


@needs_gettext
def test_gnu_msgcat_drops_unknown_flags_which_is_why_suppression_is_a_comment(
    tmp_path: Path,
) -> None:
    po = tmp_path / "x.po"
    po.write_text(
        'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        '#, editions-ignore-number\nmsgid "a"\nmsgstr "b"\n',
        encoding="utf-8",
    )
    result = run_gettext("msgcat", str(po))
    assert "editions-ignore-number" not in result.stdout


REVIEWED = REPO / "locales" / "zh_CN" / "LC_MESSAGES" / "deepblue-quzhou.po"


def test_reviewed_press_release_passes_release_with_no_findings() -> None:
    assert REVIEWED.is_file(), "the reviewed press release is a deliverable of the project"
    assert run_checks(find_project(explicit=REPO), release=True) == []


@pytest.mark.parametrize(
    ("old", "new", "code"),
    [
        ("5.26万", "5.2万", "E-number-mismatch"),
        ("深兰科技", "深蓝科技", "E-glossary-forbidden"),
        ("衢州", "曲州", "E-glossary-term"),
        ("，", ",", "E-cjk-ascii-punctuation"),
    ],
)
def test_defects_planted_in_the_reviewed_press_release_are_caught(
    tmp_path: Path, old: str, new: str, code: str
) -> None:
    text = REVIEWED.read_text("utf-8")
    assert old in text
    planted = tmp_path / "zh_CN" / "LC_MESSAGES" / "deepblue-quzhou.po"
    planted.parent.mkdir(parents=True)
    planted.write_text(text.replace(old, new, 1), encoding="utf-8")
    findings = run_checks(None, [planted], glossary_path=REPO / "locales" / "glossary.toml")
    assert code in {f.code for f in findings}


def test_catalog_text_is_unchanged_by_checking(project: Path) -> None:
    po = translate(project, FULL)
    before = po.read_bytes()
    run_checks(find_project(explicit=project), release=True)
    assert po.read_bytes() == before
    assert catalog_text(load_catalog(po)).encode() == before
    assert isinstance(load_catalog(po).entries[0], Entry)
