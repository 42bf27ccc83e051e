"""Updating catalogs after the English changed: msgmerge's semantics, checked against GNU."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from babel.messages.plurals import get_plural

from editions.catalog import Catalog, Entry
from editions.merge import merge_catalog
from editions.plurals import parse_plural_forms
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


def _forms(header: str | None, *numbers: int) -> tuple[int, ...]:
    assert header is not None
    rule = parse_plural_forms(header)
    table = rule.forms(max(numbers))
    return tuple(table[n] for n in numbers)


def test_new_catalog_header_is_complete_for_the_language() -> None:
    merged = merge_catalog(catalog(Entry("x")), None, "zh_CN")
    assert merged.header("Language") == "zh_CN"
    assert merged.header("Content-Type") == "text/plain; charset=UTF-8"
    # The rule comes from Babel's CLDR data, which changes between releases: test what it
    # must do, not how this Babel spells it.
    assert merged.header("Plural-Forms") == get_plural("zh_CN").plural_forms
    assert _forms(merged.header("Plural-Forms"), 0, 1, 2, 5, 21) == (0, 0, 0, 0, 0)
    french = merge_catalog(catalog(Entry("x")), None, "fr").header("Plural-Forms")
    assert french == get_plural("fr").plural_forms
    zero, one, two, five, twenty_one = _forms(french, 0, 1, 2, 5, 21)
    assert zero == one == 0
    assert two == five == twenty_one != 0


def test_hand_set_header_fields_survive_an_update_byte_for_byte() -> None:
    own = (
        ("Project-Id-Version", "press 2"),
        ("Report-Msgid-Bugs-To", "old@example.org"),
        ("POT-Creation-Date", "2020-01-01 00:00+0000"),
        ("PO-Revision-Date", "2021-05-06 07:08+0800"),
        ("Last-Translator", "Li Wei <li@example.org>"),
        ("Language-Team", "Our team <team@example.org>"),
        ("Language", "fr"),
        ("MIME-Version", "1.0"),
        ("Content-Type", "text/plain; charset=utf-8"),
        ("Content-Transfer-Encoding", "8bit"),
        ("Plural-Forms", "nplurals=2; plural=(n > 1);"),
        ("X-Reviewed-By", "the legal team"),
    )
    existing = Catalog(headers=own, header_comments=("Our notes.",), header_flags=("fuzzy",))
    template = Catalog(
        headers=(("POT-Creation-Date", "2025-01-01 00:00+0000"), ("Report-Msgid-Bugs-To", "")),
        entries=(Entry("x"),),
    )
    merged = merge_catalog(template, existing, "fr")
    expected = dict(own) | {"POT-Creation-Date": "2025-01-01 00:00+0000"}
    expected["Report-Msgid-Bugs-To"] = ""
    assert merged.headers == tuple(expected.items())
    assert (merged.header_comments, merged.header_flags) == (("Our notes.",), ("fuzzy",))


def test_missing_header_fields_are_filled_and_a_latin1_charset_becomes_utf8() -> None:
    existing = Catalog(headers=(("Content-Type", "text/plain; charset=ISO-8859-1"),))
    merged = merge_catalog(catalog(Entry("x")), existing, "zh_CN")
    assert merged.header("Content-Type") == "text/plain; charset=UTF-8"
    assert merged.header("Language") == "zh_CN"
    assert merged.header("Plural-Forms") == get_plural("zh_CN").plural_forms


def test_reworded_entry_with_unknown_flags_keeps_them_as_fuzzy() -> None:
    old = catalog(
        Entry(
            "The quick brown fox jumps over the lazy dog.",
            "敏捷的狐狸。",
            flags=("editions-keep", "my-flag", "c-format"),
        )
    )
    new = catalog(Entry("The quick brown fox jumped over the lazy dog.", flags=("no-wrap",)))
    (entry,) = merge_catalog(new, old, "zh_CN").entries
    assert entry.flags == ("fuzzy", "no-wrap", "editions-keep", "my-flag")


def test_fuzzy_entry_reworded_again_keeps_the_english_it_was_translated_from() -> None:
    old = catalog(
        Entry(
            "The quick brown fox jumped over the lazy dog.",
            "敏捷的狐狸。",
            flags=("fuzzy",),
            previous_msgid="The quick brown fox jumps over the lazy dog.",
        )
    )
    new = catalog(Entry("The quick brown fox jumped over the lazy cat."))
    (entry,) = merge_catalog(new, old, "zh_CN").entries
    assert entry.previous_msgid == "The quick brown fox jumps over the lazy dog."


def test_reworded_machine_draft_stays_a_draft_without_previous_msgid() -> None:
    old = catalog(Entry("A machine drafted sentence about ships.", "机器草稿。", flags=("fuzzy",)))
    (entry,) = merge_catalog(
        catalog(Entry("A machine drafted sentence about boats.")), old, "zh_CN"
    ).entries
    assert (entry.msgstr, entry.fuzzy, entry.previous_msgid) == ("机器草稿。", True, None)


def test_obsolete_translation_lends_itself_to_a_similar_returning_paragraph() -> None:
    old = catalog(Entry("A sentence that will come back a bit later.", "稍后回来。", obsolete=True))
    (entry,) = merge_catalog(
        catalog(Entry("A sentence that will come back a bit sooner.")), old, "zh_CN"
    ).entries
    assert (entry.msgstr, entry.fuzzy, entry.obsolete) == ("稍后回来。", True, False)
    assert entry.previous_msgid == "A sentence that will come back a bit later."


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


# Several source revisions in a row, each merged by us and by GNU msgmerge from that tool's
# own previous result. Between rounds a translator translates what is new and a machine drafts
# some entries; both chains get the same edits. Deliberate difference, not compared: flags
# that gettext does not know (a reviewer's own, ``editions-keep``) survive our merge; GNU
# drops them.
REVISIONS = [
    BASE,
    [  # reword two (one of them a machine draft), remove one
        BASE[0],
        BASE[1],
        "Seventeen ships passed the northern cape without any trouble in the winter.",
        "The lamp was cleaned every morning and its oil was replaced every second week.",
        BASE[4],
        BASE[6],
    ],
    [  # re-reword the fuzzy one, the removed paragraph returns, remove another, add one
        BASE[0],
        BASE[1],
        "Seventeen ships passed the northern cape without any trouble in the cold winter.",
        "The lamp was cleaned every morning and its oil was replaced every second week.",
        BASE[5],
        "A storm damaged the jetty, which the keepers repaired in May.",
        BASE[6],
    ],
    [  # the removed one returns reworded (from the obsolete entry), heading and draft change
        "# Annual report of the lighthouse keepers, 2024",
        BASE[1],
        "Seventeen ships passed the northern cape without any trouble in the cold winter.",
        "The lamp was cleaned every morning and its oil was replaced every third week.",
        "A new radio arrived in the spring and replaced the old one from the harbour office.",
        BASE[5],
        "A storm damaged the jetty, which the keepers repaired in May.",
    ],
    [  # back to the start, with one word changed
        *BASE[:6],
        "The keepers thank the fishermen of the bay for all their help with the supplies.",
    ],
]
MACHINE_DRAFTED = ("The lamp was cleaned", "A storm damaged")


def _translate_new_entries(path: Path) -> None:
    """What a translator and a machine do between rounds, the same for both chains."""
    catalog = load_catalog(path)
    entries = []
    for entry in catalog.entries:
        if not entry.obsolete and not entry.msgstr:
            entry = entry.replace(msgstr=f"译文：{entry.msgid}")
            if entry.msgid.startswith(MACHINE_DRAFTED):
                entry = entry.with_flag("fuzzy")
        entries.append(entry)
    save_catalog(path, catalog.replace_entries(entries))


def _live_and_obsolete(
    path: Path,
) -> tuple[list[tuple[str, str, bool, str | None]], list[tuple[str, str]]]:
    entries = load_catalog(path).entries
    live = sorted((e.msgid, e.msgstr, e.fuzzy, e.previous_msgid) for e in entries if not e.obsolete)
    obsolete = sorted((e.msgid, e.msgstr) for e in entries if e.obsolete)
    return live, obsolete


@needs_gettext
def test_update_agrees_with_gnu_msgmerge_over_many_revisions(
    project_dir: Path, tmp_path: Path
) -> None:
    project = find_project(explicit=project_dir)
    po_path = project.po_path("zh_CN", "report")
    gnu_po = tmp_path / "gnu.po"
    disagreements = []
    states: dict[int, dict[str, Entry]] = {}
    for round_number, blocks in enumerate(REVISIONS):
        _write_source(project_dir, blocks)
        extract(project)
        if round_number == 0:
            update(project, "zh_CN")
            shutil.copy(po_path, gnu_po)
        else:
            update(project, "zh_CN")
            gnu = run_gettext(
                "msgmerge", "--previous", "--no-wrap", "-q", "-o", str(gnu_po), str(gnu_po),
                str(project.pot_path("report")),
            )  # fmt: skip
            assert gnu.returncode == 0, gnu.stderr
            ours, theirs = _live_and_obsolete(po_path), _live_and_obsolete(gnu_po)
            if ours != theirs:
                disagreements.append((round_number, ours, theirs))
            states[round_number] = {e.msgid: e for e in load_catalog(po_path).entries}
        _translate_new_entries(po_path)
        _translate_new_entries(gnu_po)
    assert disagreements == []
    # the chain really went through what it is about
    re_reworded = states[2][REVISIONS[2][2]]
    assert (re_reworded.fuzzy, re_reworded.previous_msgid) == (True, BASE[2])
    draft = states[1][REVISIONS[1][3]]
    assert (draft.fuzzy, draft.previous_msgid, draft.msgstr) == (True, None, f"译文：{BASE[3]}")
    assert states[1][BASE[5]].obsolete and not states[2][BASE[5]].obsolete
    returned = states[3][REVISIONS[3][4]]
    assert (returned.fuzzy, returned.previous_msgid) == (True, BASE[4])
    check = run_gettext("msgfmt", "--check", "-o", "/dev/null", str(po_path))
    assert check.returncode == 0, check.stderr
