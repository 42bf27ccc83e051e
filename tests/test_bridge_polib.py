"""The polib bridge: ``from_polib(to_polib(c)) == c`` on generated catalogs and on real ones
nobody on the team wrote (Debian's zh_CN ``.mo`` files turned back into ``.po``)."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from editions.bridge import from_polib, to_polib
from editions.catalog import Catalog, Entry
from editions.pofile import catalog_text, parse_catalog
from tests.conftest import DEBIAN_ZH, unfmt
from tests.test_pofile import comment_text, texts

FLAGS = ["fuzzy", "c-format", "no-c-format", "python-brace-format", "editions-keep", "x-review"]


def _entries() -> st.SearchStrategy[Entry]:
    singular = st.builds(
        Entry,
        msgid=texts.filter(bool),
        msgstr=texts,
        msgctxt=st.none() | texts,
        translator_comments=st.lists(texts.map(comment_text), max_size=3).map(tuple),
        extracted_comments=st.lists(texts.map(comment_text), max_size=2).map(tuple),
        references=st.lists(
            st.from_regex(r"[a-z/ ]{1,20}\.md(:[1-9][0-9]{0,3})?", fullmatch=True), max_size=4
        ).map(tuple),
        flags=st.lists(st.sampled_from(FLAGS), max_size=3, unique=True).map(tuple),
        previous_msgctxt=st.none() | texts,
        previous_msgid=st.none() | texts.filter(bool),
        obsolete=st.booleans(),
        line=st.integers(0, 5000),
    )
    plural = st.builds(
        Entry,
        msgid=texts.filter(bool),
        msgid_plural=texts.filter(bool),
        msgstr_plural=st.lists(texts, min_size=1, max_size=3).map(tuple),
        previous_msgid_plural=st.none() | texts.filter(bool),
        flags=st.lists(st.sampled_from(FLAGS), max_size=2, unique=True).map(tuple),
    )
    return singular | plural


catalogs = st.builds(
    Catalog,
    headers=st.lists(
        st.tuples(st.from_regex(r"[A-Z][A-Za-z-]{0,15}", fullmatch=True), texts), max_size=6,
        unique_by=lambda pair: pair[0],
    ).map(tuple),
    header_comments=st.lists(texts.map(comment_text), max_size=3).map(tuple),
    header_flags=st.lists(st.sampled_from(["fuzzy", "editions-keep"]), max_size=2, unique=True).map(
        tuple
    ),
    entries=st.lists(_entries(), max_size=8).map(tuple),
)  # fmt: skip


@settings(max_examples=300)
@given(catalogs)
def test_from_polib_of_to_polib_is_the_same_catalog(catalog: Catalog) -> None:
    back = from_polib(to_polib(catalog))
    assert back == catalog
    assert [e.line for e in back.entries] == [e.line for e in catalog.entries]


def test_a_polib_script_edits_an_editions_catalog() -> None:
    catalog = parse_catalog(
        'msgid ""\nmsgstr ""\n"Language: zh_CN\\n"\n\n'
        "# translator note\n#. paragraph\n#: source/a.md:3\n#, fuzzy, x-review\n"
        '#| msgid "Old text"\nmsgid "New text"\nmsgstr "草稿"\n\n'
        '#~ msgid "Gone"\n#~ msgstr "已删"\n'
    )
    pofile = to_polib(catalog)
    entry = pofile.find("New text")
    assert entry is not None and entry.previous_msgid == "Old text"
    assert entry.flags == ["fuzzy", "x-review"] and entry.occurrences == [("source/a.md", "3")]
    assert [e.msgid for e in pofile.obsolete_entries()] == ["Gone"]
    entry.msgstr = "新文本"
    entry.flags.remove("fuzzy")
    entry.tcomment += "\nreviewed by a script"
    edited = from_polib(pofile)
    (changed, gone) = edited.entries
    assert changed.msgstr == "新文本" and changed.flags == ("x-review",)
    assert changed.translator_comments == ("translator note", "reviewed by a script")
    assert changed.previous_msgid == "Old text" and gone.obsolete
    assert catalog_text(edited).count("\n") == catalog_text(catalog).count("\n") + 1


def test_a_file_polib_read_itself_comes_across(tmp_path: Path) -> None:
    text = (
        'msgid ""\nmsgstr ""\n"Language: zh_CN\\n"\n"Plural-Forms: nplurals=1; plural=0;\\n"\n\n'
        '#: a.c:1\nmsgctxt "menu"\nmsgid "file"\nmsgid_plural "files"\nmsgstr[0] "文件"\n'
    )
    path = tmp_path / "x.po"
    path.write_text(text, encoding="utf-8")
    assert from_polib(polib.pofile(str(path))) == parse_catalog(text)


def _debian_catalogs() -> list[Path]:
    wanted = ("gettext-tools", "gettext-runtime", "apt", "bash", "coreutils", "tar", "dpkg")
    found = [DEBIAN_ZH / f"{name}.mo" for name in wanted if (DEBIAN_ZH / f"{name}.mo").is_file()]
    return found or sorted(DEBIAN_ZH.glob("*.mo"))[:5]


@pytest.mark.system("msgunfmt")
def test_real_debian_catalogs_cross_the_bridge_unchanged(tmp_path: Path) -> None:
    sources = _debian_catalogs()
    assert sources, f"no zh_CN .mo files under {DEBIAN_ZH} (gettext installs some)"
    checked = 0
    for mo in sources:
        po = unfmt(mo, tmp_path / f"{mo.stem}.po")
        catalog = parse_catalog(po.read_text(encoding="utf-8"), po)
        assert len(catalog.entries) > 10
        assert from_polib(to_polib(catalog)) == catalog
        # polib's own reading of the same file agrees except where polib leaves C escapes
        # such as \a (bash's "\atimed out") as two characters, which GNU and editions read
        # as one
        by_polib = from_polib(polib.pofile(str(po), wrapwidth=0))
        differ = [a.msgid for a, b in zip(by_polib.entries, catalog.entries, strict=True) if a != b]
        assert all("\\a" in msgid or "\\v" in msgid or "\\b" in msgid for msgid in differ)
        checked += len(catalog.entries)
    assert checked > 100
