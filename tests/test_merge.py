"""Updating catalogs after the English changed: msgmerge's semantics, checked against GNU."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from editions.catalog import Catalog, Entry
from editions.merge import merge_catalog
from editions.pofile import load_catalog, save_catalog
from editions.project import find_project
from editions.workflow import extract, update
from tests.conftest import needs_gettext, run_gettext

HEADER = (("Content-Type", "text/plain; charset=UTF-8"),)


def catalog(*entries: Entry) -> Catalog:
    return Catalog(headers=HEADER, entries=entries)


def test_unchanged_entry_keeps_its_translation_and_takes_new_references() -> None:
    old = catalog(Entry("Hello world.", "你好，世界。", references=("a.md:1",)))
    new = catalog(Entry("Hello world.", references=("a.md:9",)))
    merged = merge_catalog(new, old, "zh_CN")
    assert merged.entries == (Entry("Hello world.", "你好，世界。", references=("a.md:9",)),)


def test_changed_paragraph_keeps_old_translation_as_fuzzy_with_previous_msgid() -> None:
    old = catalog(Entry("The quick brown fox jumps over the lazy dog.", "敏捷的狐狸。"))
    new = catalog(Entry("The quick brown fox jumped over the lazy dog."))
    (entry,) = merge_catalog(new, old, "zh_CN").entries
    assert entry.fuzzy
    assert entry.msgstr == "敏捷的狐狸。"
    assert entry.previous_msgid == "The quick brown fox jumps over the lazy dog."


def test_removed_translated_entry_becomes_obsolete_and_untranslated_one_is_dropped() -> None:
    old = catalog(
        Entry("Gone and translated.", "没了。", references=("a.md:3",)),
        Entry("Gone and never translated."),
    )
    merged = merge_catalog(catalog(Entry("Something else entirely new")), old, "zh_CN")
    obsolete = [e for e in merged.entries if e.obsolete]
    assert [(e.msgid, e.msgstr, e.references) for e in obsolete] == [
        ("Gone and translated.", "没了。", ())
    ]
    assert merged.entries[0].msgstr == ""


def test_obsolete_entry_revives_when_its_english_returns() -> None:
    old = catalog(Entry("Back again.", "又回来了。", obsolete=True))
    (entry,) = merge_catalog(catalog(Entry("Back again.")), old, "zh_CN").entries
    assert (entry.msgstr, entry.obsolete, entry.fuzzy) == ("又回来了。", False, False)


def test_reviewer_comments_and_unknown_flags_survive_an_update() -> None:
    old = catalog(
        Entry(
            "Kept.",
            "保留。",
            translator_comments=("checked with legal",),
            flags=("editions-keep",),
        )
    )
    (entry,) = merge_catalog(catalog(Entry("Kept.")), old, "zh_CN").entries
    assert entry.translator_comments == ("checked with legal",)
    assert "editions-keep" in entry.flags


def test_new_catalog_header_is_complete_for_the_language() -> None:
    merged = merge_catalog(catalog(Entry("x")), None, "zh_CN")
    assert merged.header("Language") == "zh_CN"
    assert merged.header("Plural-Forms") == "nplurals=1; plural=0;"
    assert merged.header("Content-Type") == "text/plain; charset=UTF-8"
    assert merge_catalog(catalog(Entry("x")), None, "fr").header("Plural-Forms") == (
        "nplurals=2; plural=(n > 1);"
    )


BASE = [
    "# Annual report of the lighthouse keepers",
    "The lighthouse keepers met on a windy evening in March to discuss the year.",
    "Seventeen ships passed the northern cape without trouble during the winter.",
    "The lamp was cleaned every morning and its oil was replaced every week.",
    "A new radio arrived in spring and replaced the old one from the harbour office.",
    "Visitors are welcome on Sundays between ten in the morning and four in the afternoon.",
    "The keepers thank the fishermen of the bay for their help with the supplies.",
]

EDITS = {
    "reworded": lambda b: (
        [
            *b[:2],
            "Seventeen ships passed the northern cape without any trouble in the winter.",
            *b[3:],
        ]
    ),
    "inserted": lambda b: [*b[:3], "A storm damaged the jetty, which was repaired in May.", *b[3:]],
    "deleted": lambda b: b[:4] + b[5:],
    "moved": lambda b: [b[0], b[5], *b[1:5], b[6]],
    "split": lambda b: (
        [*b[:3], "The lamp was cleaned every morning.", "Its oil was replaced every week.", *b[4:]]
    ),
    "everything": lambda b: [
        b[0],
        "The lighthouse keepers met on a stormy evening in March to discuss the year.",
        b[6],
        "An entirely new paragraph about the budget of the coming year.",
        b[3],
    ],
}


def _write_source(root: Path, blocks: list[str]) -> None:
    (root / "source" / "report.md").write_text("\n\n".join(blocks) + "\n", encoding="utf-8")


def _summary(path: Path) -> list[tuple[str, str, bool, str | None, bool]]:
    return sorted(
        (e.msgid, e.msgstr, e.fuzzy, e.previous_msgid, e.obsolete)
        for e in load_catalog(path).entries
    )


@needs_gettext
@pytest.mark.parametrize("edit", sorted(EDITS))
def test_update_agrees_with_gnu_msgmerge_on_kept_fuzzy_and_obsolete(
    project_dir: Path, tmp_path: Path, edit: str
) -> None:
    _write_source(project_dir, BASE)
    project = find_project(explicit=project_dir)
    extract(project)
    update(project, "zh_CN")
    po_path = project.po_path("zh_CN", "report")
    translated = load_catalog(po_path)
    translated = translated.replace_entries(
        e.replace(msgstr=f"译文：{e.msgid}") for e in translated.entries
    )
    save_catalog(po_path, translated)
    old_po = tmp_path / "old.po"
    shutil.copy(po_path, old_po)

    _write_source(project_dir, EDITS[edit](BASE))
    extract(project)
    update(project, "zh_CN")
    gnu = run_gettext(
        "msgmerge",
        "--previous",
        "--no-wrap",
        "-q",
        "-o",
        str(tmp_path / "gnu.po"),
        str(old_po),
        str(project.pot_path("report")),
    )
    assert gnu.returncode == 0, gnu.stderr
    assert _summary(po_path) == _summary(tmp_path / "gnu.po")
    check = run_gettext("msgfmt", "--check", "-o", "/dev/null", str(po_path))
    assert check.returncode == 0, check.stderr
