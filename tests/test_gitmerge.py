"""The entry-level three-way merge of catalogs (the git merge driver's core), as values."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from editions.catalog import FUZZY, Catalog, Entry
from editions.gitmerge import (
    is_conflict,
    merge_order,
    merge_texts,
    merge_three,
    read_conflict,
    resolve,
    template_of,
    without_conflict,
)
from editions.merge import merge_catalog
from editions.pofile import catalog_text, parse_catalog
from tests.conftest import REPO

PRESS = REPO / "locales" / "zh_CN" / "LC_MESSAGES" / "deepblue-quzhou.po"
PRESS_POT = REPO / "locales" / "deepblue-quzhou.pot"


def press() -> Catalog:
    return parse_catalog(PRESS.read_text(encoding="utf-8"))


def edited(catalog: Catalog, index: int, **changes: object) -> Catalog:
    entries = list(catalog.entries)
    entries[index] = entries[index].replace(**changes)
    return catalog.replace_entries(entries)


def approved(entry: Entry, who: str) -> Entry:
    return entry.with_flag(FUZZY, False).replace(
        translator_comments=(*entry.translator_comments, f"reviewed-by: {who}")
    )


def test_changes_to_different_entries_are_both_taken() -> None:
    base = press()
    ours = edited(base, 0, msgstr="我方标题")
    theirs = edited(base, 3, msgstr="对方段落")
    outcome = merge_three(base, ours, theirs)
    assert outcome.clean
    assert outcome.catalog.entries[0].msgstr == "我方标题"
    assert outcome.catalog.entries[3].msgstr == "对方段落"
    assert outcome.catalog.entries[1:3] == base.entries[1:3]
    assert outcome.catalog.headers == base.headers


def test_the_same_change_on_both_sides_is_taken_once() -> None:
    base = press()
    ours = theirs = edited(base, 2, msgstr="同样的修改")
    outcome = merge_three(base, ours, theirs)
    assert outcome.clean and outcome.catalog == ours


def test_different_changes_to_one_entry_are_a_conflict_holding_both() -> None:
    base = press()
    ours = edited(base, 1, msgstr="我方\n两行")
    theirs = edited(base, 1, msgstr='对方 "引号" \\ 反斜杠', flags=(FUZZY,))
    outcome = merge_three(base, ours, theirs)
    assert not outcome.clean and len(outcome.conflicts) == 1
    entry = outcome.catalog.entries[1]
    assert is_conflict(entry) and entry.fuzzy and entry.msgstr == "我方\n两行"
    conflict = read_conflict(entry)
    assert conflict is not None
    assert conflict.ours == ours.entries[1] and conflict.theirs == theirs.entries[1]
    assert resolve(entry, "theirs") == theirs.entries[1]
    assert resolve(entry, "ours") == ours.entries[1]
    # the conflict survives being written and read back
    again = parse_catalog(catalog_text(outcome.catalog)).entries[1]
    assert resolve(again, "theirs") == theirs.entries[1]


def test_a_conflict_keeps_both_approval_records() -> None:
    base = press()
    ours = edited(base, 4, msgstr="甲", translator_comments=("reviewed-by: Ann 2026-12-01T10:00Z",))
    theirs = edited(
        base, 4, msgstr="乙", translator_comments=("reviewed-by: Bo 2026-12-02T10:00Z",)
    )
    entry = merge_three(base, ours, theirs).catalog.entries[4]
    text = catalog_text(Catalog(entries=(entry,)))
    assert "Ann 2026-12-01" in text and "Bo 2026-12-02" in text
    assert resolve(entry, "theirs").translator_comments == ("reviewed-by: Bo 2026-12-02T10:00Z",)


def test_two_approvals_of_the_same_text_merge_their_records() -> None:
    base = edited(press(), 2, flags=(FUZZY,))
    ours = edited(base, 2, **_approval(base.entries[2], "Ann <a@x> 2026-12-01T10:00Z"))
    theirs = edited(base, 2, **_approval(base.entries[2], "Bo <b@x> 2026-12-02T11:00Z"))
    outcome = merge_three(base, ours, theirs)
    assert outcome.clean
    entry = outcome.catalog.entries[2]
    assert not entry.fuzzy
    assert entry.translator_comments == (
        "reviewed-by: Ann <a@x> 2026-12-01T10:00Z",
        "reviewed-by: Bo <b@x> 2026-12-02T11:00Z",
    )


def test_a_comment_line_written_twice_on_one_side_merges_and_is_kept_twice() -> None:
    base = press()
    record = "reviewed-by: Bo <b@x> 2026-12-03T10:00Z"
    ours = edited(base, 4, translator_comments=("reviewed-by: Ann <a@x> 2026-12-02T10:00Z",))
    theirs = edited(base, 4, translator_comments=(record, record))
    outcome = merge_three(base, ours, theirs)
    assert outcome.clean
    assert outcome.catalog.entries[4].translator_comments == (
        "reviewed-by: Ann <a@x> 2026-12-02T10:00Z",
        record,
        record,
    )


def test_merge_order_takes_a_key_repeated_on_their_side_once() -> None:
    assert merge_order([], ["a"], ["x", "x", "a"], keep=lambda k: True) == ["x", "a"]


def _approval(entry: Entry, who: str) -> dict[str, object]:
    done = approved(entry, who)
    return {"flags": done.flags, "translator_comments": done.translator_comments}


def test_an_obsolete_entry_removed_on_one_side_stays_removed() -> None:
    base = press()
    gone = base.entries[-1]
    base = base.replace_entries([*base.entries, gone.replace(msgid="old English", obsolete=True)])
    ours = base.replace_entries(base.entries[:-1])  # msgattrib --no-obsolete
    theirs = edited(base, 0, msgstr="对方")
    outcome = merge_three(base, ours, theirs)
    assert outcome.clean
    assert not list(outcome.catalog.obsolete())
    assert outcome.catalog.entries[0].msgstr == "对方"


def test_a_change_against_a_removal_keeps_the_change_and_says_so() -> None:
    base = press()
    old = base.entries[-1].replace(msgid="old English", obsolete=True)
    base = base.replace_entries([*base.entries, old])
    ours = base.replace_entries(base.entries[:-1])
    theirs = base.replace_entries([*base.entries[:-1], old.replace(msgstr="改过")])
    outcome = merge_three(base, ours, theirs)
    assert [e.msgstr for e in outcome.catalog.obsolete()] == ["改过"]
    assert any("removed on one side" in note for note in outcome.notes)


def test_header_takes_the_newest_revision_and_every_translator() -> None:
    base = press().replace(header_comments=("Chinese translation.", "Ann <a@x>, 2026."))
    ours = (
        base.with_header("PO-Revision-Date", "2026-12-03 09:00+0800")
        .with_header("Last-Translator", "Ann <a@x>")
        .replace(header_comments=(*base.header_comments, "Cai <c@x>, 2026."))
    )
    theirs = (
        base.with_header("PO-Revision-Date", "2026-12-03 02:30+0000")  # 10:30 in Beijing
        .with_header("Last-Translator", "Bo <b@x>")
        .replace(header_comments=(*base.header_comments, "Bo <b@x>, 2026."))
    )
    outcome = merge_three(base, ours, theirs)
    assert outcome.clean
    merged = outcome.catalog
    assert merged.header("PO-Revision-Date") == "2026-12-03 02:30+0000"
    assert merged.header("Last-Translator") == "Bo <b@x>"
    assert merged.header_comments == (
        "Chinese translation.",
        "Ann <a@x>, 2026.",
        "Bo <b@x>, 2026.",  # their line follows Ann's there, so it follows Ann's here
        "Cai <c@x>, 2026.",
    )
    assert [k for k, _ in merged.headers] == [k for k, _ in base.headers]


def test_plural_forms_set_differently_is_a_header_conflict() -> None:
    base = press()
    ours = base.with_header("Plural-Forms", "nplurals=2; plural=(n > 1);")
    theirs = base.with_header("Plural-Forms", "nplurals=2; plural=(n != 1);")
    outcome = merge_three(base, ours, theirs)
    assert outcome.header_conflicts and not outcome.conflicts
    assert any("Plural-Forms" in c for c in outcome.catalog.header_comments)


def test_entries_added_on_both_sides_of_a_new_file_merge() -> None:
    ours = press()
    theirs = edited(ours, 5, msgstr="对方")
    outcome = merge_three(None, ours, theirs)
    assert len(outcome.conflicts) == 1  # both added entry 5, with different texts


def test_english_changed_on_one_branch_gives_what_update_gives_with_the_reviews() -> None:
    base = press()
    template = parse_catalog(PRESS_POT.read_text(encoding="utf-8"))
    entries = list(template.entries)
    entries[1] = entries[1].replace(msgid=entries[1].msgid.replace("2018", "2019"))
    entries.insert(3, Entry(msgid="A new paragraph.", extracted_comments=("paragraph",)))
    new_template = template.replace_entries(entries)
    ours = merge_catalog(new_template, base, "zh_CN")  # extract + update on this branch
    theirs = edited(base, 1, msgstr="对方改进的译文")  # a review on the other
    theirs = edited(theirs, 4, msgstr="第四段改进")
    outcome = merge_three(base, ours, theirs)
    assert outcome.clean, outcome.notes
    assert outcome.catalog == merge_catalog(template_of(ours), theirs, "zh_CN")
    changed = outcome.catalog.by_key()[new_template.entries[1].key]
    assert changed.fuzzy and changed.msgstr == "对方改进的译文"
    assert changed.previous_msgid == base.entries[1].msgid


def test_templates_merge_without_conflict_entries() -> None:
    base = parse_catalog(PRESS_POT.read_text(encoding="utf-8"))
    ours = edited(base, 0, references=("source/deepblue-quzhou.md:2",))
    theirs = edited(base, 0, references=("source/deepblue-quzhou.md:9",))
    theirs = theirs.with_header("POT-Creation-Date", "2027-01-01 00:00+0000")
    outcome = merge_three(base, ours, theirs, template=True)
    assert outcome.clean and outcome.notes
    assert outcome.catalog.entries[0].references == ("source/deepblue-quzhou.md:9",)
    assert not any(is_conflict(e) for e in outcome.catalog.entries)


def test_merge_order_places_their_additions_after_what_they_follow() -> None:
    merged = merge_order(
        ["a", "b", "c"], ["a", "x", "b", "c"], ["a", "b", "y", "c", "z"], keep=lambda k: True
    )
    assert merged == ["a", "x", "b", "y", "c", "z"]


def test_an_edit_that_resolves_drops_the_conflict_record() -> None:
    base = press()
    entry = merge_three(
        base, edited(base, 0, msgstr="甲"), edited(base, 0, msgstr="乙")
    ).catalog.entries[0]
    assert not is_conflict(without_conflict(entry))
    assert without_conflict(entry).msgstr == "甲"


@pytest.mark.system("msgfmt")
def test_a_catalog_with_conflicts_passes_msgfmt_check(tmp_path: Path) -> None:
    base = press()
    ours = edited(edited(base, 0, msgstr="我方"), 2, msgstr="我方二")
    theirs = edited(edited(base, 0, msgstr="对方\n多行"), 2, msgstr="对方二", flags=(FUZZY,))
    path = tmp_path / "merged.po"
    path.write_text(catalog_text(merge_three(base, ours, theirs).catalog), encoding="utf-8")
    result = subprocess.run(
        ["msgfmt", "-c", "-o", "/dev/null", str(path)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr


_EDITS = st.dictionaries(
    st.integers(0, 60),
    st.tuples(
        st.sampled_from(("text", "approve", "comment", "english", "obsolete")), st.integers(0, 2)
    ),
    max_size=5,
)


def _branch(base: Catalog, edits: dict[int, tuple[str, int]]) -> Catalog:
    entries = list(base.entries)
    for index, (kind, token) in edits.items():
        at = index % len(entries)
        entry = entries[at]
        if kind == "text":
            entries[at] = entry.replace(msgstr=f"{entry.msgstr}改{token}")
        elif kind == "approve":
            entries[at] = approved(entry, f"R{token} <r{token}@x> 2026-12-0{token + 1}T10:00Z")
        elif kind == "comment":
            entries[at] = entry.replace(
                translator_comments=(*entry.translator_comments, f"n{token}")
            )
        elif kind == "english":
            entries[at] = entry.replace(msgid=f"{entry.msgid} (v{token})")
        else:
            entries[at] = entry.replace(obsolete=True)
    return base.replace_entries(entries)


@settings(max_examples=150, deadline=None)
@given(ours_edits=_EDITS, theirs_edits=_EDITS, pot=st.booleans())
def test_merging_texts_gives_the_whole_catalog_merge_byte_for_byte(
    ours_edits: dict[int, tuple[str, int]], theirs_edits: dict[int, tuple[str, int]], pot: bool
) -> None:
    """The fast path (entries in place, only changed ones parsed) and the whole-file merge
    agree on every catalog gettext's layout writes, and so on every byte."""
    base = press()
    ours, theirs = _branch(base, ours_edits), _branch(base, theirs_edits)
    texts = [catalog_text(c) for c in (base, ours, theirs)]
    merged = merge_texts(*texts, template=pot)
    whole = merge_three(*(parse_catalog(t) for t in texts), template=pot)
    assert merged.text == catalog_text(whole.catalog)
    assert merged.conflicts == whole.conflicts
    assert merged.header_conflicts == whole.header_conflicts
    assert parse_catalog(merged.text).entries == whole.catalog.entries


def test_merging_texts_keeps_our_layout_where_nothing_changed() -> None:
    base = catalog_text(press())
    wrapped = base.replace('msgstr "深兰科技布局', 'msgstr ""\n"深兰科技布局', 1)
    theirs = base.replace("签约仪式。", "签约仪式（改）。", 1)
    assert "签约仪式（改）。" in theirs and wrapped != base
    merged = merge_texts(base, wrapped, theirs)
    assert merged.clean and 'msgstr ""\n"深兰科技布局' in merged.text and "（改）" in merged.text
