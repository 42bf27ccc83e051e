"""The PO reader and writer: GNU layout byte for byte, strict errors with file and line."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from editions.catalog import Catalog, Entry
from editions.errors import CatalogSyntaxError
from editions.pofile import catalog_text, load_catalog, parse_catalog, save_catalog
from tests.conftest import DATA, DEBIAN_ZH, REPO, needs_gettext, run_gettext, unfmt

GOLDEN = sorted((DATA / "pofile").glob("*.po"))


@pytest.mark.parametrize("path", GOLDEN, ids=lambda p: p.name)
def test_catalog_renders_as_msgcat_no_wrap_does(path: Path) -> None:
    expected = path.with_suffix(".expected").read_text(encoding="utf-8")
    assert catalog_text(load_catalog(path)) == expected


@needs_gettext
@pytest.mark.parametrize("path", GOLDEN, ids=lambda p: p.name)
def test_msgcat_reproduces_our_output_byte_for_byte(path: Path, tmp_path: Path) -> None:
    ours = tmp_path / "ours.po"
    save_catalog(ours, load_catalog(path))
    result = run_gettext("msgcat", "--no-wrap", str(ours))
    assert result.returncode == 0, result.stderr
    assert result.stdout == ours.read_text(encoding="utf-8")


def test_parse_keeps_every_comment_kind_and_previous_msgid() -> None:
    catalog = load_catalog(DATA / "pofile" / "obsolete-previous.po")
    first = catalog.entries[0]
    assert first.fuzzy
    assert first.translator_comments[0].startswith("machine-draft: engine=argos")
    assert first.extracted_comments == ("heading",)
    assert first.references == ("source/deepblue-quzhou.md:1",)
    second = catalog.entries[1]
    assert second.previous_msgid == "Hard break here\\\nand more."
    assert second.msgid == "Hard break there\\\nand more."
    obsolete = [e for e in catalog.entries if e.obsolete]
    assert [e.msgid for e in obsolete] == ["Old words here", "multi\nline"]
    assert obsolete[0].previous_msgid == "Old words"
    assert obsolete[0].translator_comments == ("kept by the reviewer",)
    assert catalog.header("Language") == "zh_CN"
    assert catalog.header_flags == ("fuzzy",)


def test_unknown_flags_are_kept_where_gnu_would_drop_them() -> None:
    text = 'msgid "a"\nmsgstr "b"\n'
    catalog = parse_catalog("#, fuzzy, editions-keep\n" + text)
    assert catalog.entries[0].flags == ("fuzzy", "editions-keep")
    assert catalog_text(catalog) == "#, fuzzy, editions-keep\n" + text


def test_entry_line_numbers_point_at_msgid() -> None:
    catalog = load_catalog(DATA / "pofile" / "obsolete-previous.po")
    text = (DATA / "pofile" / "obsolete-previous.po").read_text(encoding="utf-8").split("\n")
    for entry in catalog.entries:
        assert "msgid" in text[entry.line - 1]


MALFORMED = [
    ('msgid "a"\nmsgstr "b\n', 2, "expected a quoted string"),
    ('msgid "a"\n', 1, "missing msgstr"),
    ('msgid "a"\nmsgstr "b"\n\nmsgid "a"\nmsgstr "c"\n', 4, "duplicate message definition"),
    ('msgid "a"\nmsgstr "\\q"\n', 2, "invalid escape"),
    ('msgid "a"\nmsgid_plural "as"\nmsgstr "x"\n', 1, "plain msgstr"),
    ('msgid "a"\nmsgstr[0] "x"\n', 1, "without msgid_plural"),
    ('msgid "a"\nmsgstr "b"\nbogus\n', 3, "unexpected text"),
    ('"orphan"\n', 1, "continuation without a keyword"),
    ('msgid "a"\n#~ msgstr "b"\n', 2, "inconsistent use of #~"),
    ('msgid "a"\nmsgstr "b"\n\nmsgid ""\nmsgstr "X: y\\n"\n', 4, "header entry"),
]


@pytest.mark.parametrize(("text", "line", "message"), MALFORMED)
def test_malformed_po_names_file_and_line(text: str, line: int, message: str) -> None:
    with pytest.raises(CatalogSyntaxError) as info:
        parse_catalog(text, Path("bad.po"))
    assert info.value.line == line
    assert message in info.value.message
    assert str(info.value).startswith(f"bad.po:{line}: ")


def test_invalid_utf8_in_catalog_is_a_syntax_error_with_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.po"
    path.write_bytes(b'msgid "a"\nmsgstr "\xff"\n')
    with pytest.raises(CatalogSyntaxError) as info:
        load_catalog(path)
    assert info.value.line == 2


def test_latin1_catalog_is_decoded_by_its_declared_charset(tmp_path: Path) -> None:
    path = tmp_path / "l1.po"
    path.write_bytes(
        b'msgid ""\nmsgstr "Content-Type: text/plain; charset=ISO-8859-1\\n"\n\n'
        b'msgid "cafe"\nmsgstr "caf\xe9"\n'
    )
    assert load_catalog(path).entries[0].msgstr == "café"


def test_save_is_a_no_op_when_bytes_are_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "x.po"
    catalog = Catalog(headers=(("Language", "zh_CN"),), entries=(Entry("a", "甲"),))
    assert save_catalog(path, catalog) is True
    mtime = path.stat().st_mtime_ns
    assert save_catalog(path, catalog) is False
    assert path.stat().st_mtime_ns == mtime


texts = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=40
)
printable = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), whitelist_characters="\n\t"),
    max_size=40,
)


def comment_text(text: str) -> str:
    """One comment line; GNU reads a backslash at the end of a line as a continuation."""
    return " ".join(text.split()).rstrip("\\")


def entries_of(texts: st.SearchStrategy[str]) -> st.SearchStrategy[Entry]:
    return st.builds(
        Entry,
        msgid=texts.filter(bool),
        msgstr=texts,
        msgctxt=st.none() | texts,
        translator_comments=st.lists(texts.map(comment_text), max_size=2).map(tuple),
        extracted_comments=st.lists(texts.map(comment_text), max_size=2).map(tuple),
        references=st.lists(
            st.from_regex(r"[a-z/]{1,20}\.md:[1-9][0-9]{0,3}", fullmatch=True), max_size=5
        ).map(tuple),
        flags=st.lists(
            st.sampled_from(["c-format", "python-format", "no-wrap"]), max_size=2, unique=True
        ).map(tuple),
        previous_msgid=st.none() | texts.filter(bool),
    )


entries = entries_of(texts.map(lambda t: t.replace("\x04", "")))


@settings(max_examples=200, deadline=None)
@given(st.lists(entries, max_size=6, unique_by=lambda e: (e.msgctxt, e.msgid)))
def test_render_then_parse_gives_the_same_catalog(items: list[Entry]) -> None:
    catalog = Catalog(
        headers=(("Content-Type", "text/plain; charset=UTF-8"),), entries=tuple(items)
    )
    text = catalog_text(catalog)
    again = parse_catalog(text)
    assert catalog_text(again) == text
    assert [e.msgid for e in again.entries] == [e.msgid for e in items]
    assert [e.msgstr for e in again.entries] == [e.msgstr for e in items]


@needs_gettext
@settings(max_examples=25, deadline=None)
@given(
    items=st.lists(
        entries_of(printable), min_size=1, max_size=4, unique_by=lambda e: (e.msgctxt, e.msgid)
    )
)
def test_random_catalogs_render_exactly_as_msgcat(
    tmp_path_factory: pytest.TempPathFactory, items: list[Entry]
) -> None:
    catalog = Catalog(
        headers=(("Content-Type", "text/plain; charset=UTF-8"),), entries=tuple(items)
    )
    path = tmp_path_factory.mktemp("po") / "r.po"
    save_catalog(path, catalog)
    result = run_gettext("msgcat", "--no-wrap", str(path))
    assert result.returncode == 0, result.stderr
    assert result.stdout == path.read_text(encoding="utf-8")


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_reader_on_arbitrary_text_raises_only_syntax_errors(text: str) -> None:
    try:
        parse_catalog(text, Path("fuzz.po"))
    except CatalogSyntaxError as exc:
        assert exc.line is not None


# The reader takes entries of the common shape with one regular-expression match each and
# every other line one by one; both ways must give the same entries and the same errors.

# fmt: off
COMMENTS = ["#", "# a note", "# trailing  ", "# ", "#  ", "#\tx", "#x", "#. extracted", "#.  ",
            "#: doc.md:1 doc.md:2", "#:   ", "#, fuzzy", "#, python-format, fuzzy  "]
PREVIOUS = ['#| msgid "old"', '#| "more"', '#| msgctxt "c"', '#|msgid "x"', '#| bad "x"',
            '#| msgid_plural "olds"', '#| "bad\\q"']
KEYWORDS = ['msgctxt "ctx"', 'msgctxt ""', 'msgid ""', 'msgid "a"', 'msgid "b"', 'msgid "a\\"q"',
            'msgid "bad\\q"', 'msgid "a" ', ' msgid "a"', 'msgid  "a"', 'msgid "\\x04"',
            'msgid_plural "as"', 'msgfoo', 'x']
STRINGS = ['msgstr ""', 'msgstr "x"', 'msgstr "y\\n"', 'msgstr "a" "b"', 'msgstr[0] "x"',
           'msgstr[1] "y"', 'msgstr "oops']
CONTINUED = ['"continued"', '"\\t"', '"oops', '"Language: zh_CN\\n"', '"a\\"b"']
OBSOLETE = ['#~ msgid "gone"', '#~ msgstr "z"', '#~| msgid "older"', '#~ "more"']
# fmt: on


@st.composite
def po_texts(draw: st.DrawFn) -> str:
    """PO text of entries mostly of the common shape, now and then with an odd line."""
    lines: list[str] = []
    for number in range(draw(st.integers(0, 6))):
        entry = draw(st.lists(st.sampled_from(COMMENTS), max_size=3))
        if draw(st.booleans()):
            entry += PREVIOUS[: draw(st.integers(1, 2))]
        if draw(st.booleans()):
            entry.append('msgctxt "ctx"')
        msgid = draw(st.sampled_from([f"m{number}"] * 4 + ["a", ""]))  # now and then twice
        entry.append(f'msgid "{msgid}"')
        entry += draw(st.lists(st.sampled_from(CONTINUED[:2]), max_size=1))
        entry.append(draw(st.sampled_from(STRINGS[:3])))
        entry += draw(st.lists(st.sampled_from(CONTINUED[:2]), max_size=2))
        for _ in range(draw(st.sampled_from([0, 0, 0, 1, 2]))):  # odd lines anywhere
            odd = draw(st.sampled_from([*COMMENTS, *PREVIOUS, *KEYWORDS, *STRINGS, *CONTINUED,
                                        *OBSOLETE, ""]))  # fmt: skip
            entry.insert(draw(st.integers(0, len(entry))), odd)
        lines += entry + [""] * draw(st.integers(0, 2))
    return "\n".join(lines) + draw(st.sampled_from(["", "\n", "\n\n"]))


def read_both_ways(text: str) -> tuple[object, object]:
    from editions.pofile import _Reader

    outcomes = []
    for simple in (True, False):
        try:
            catalog = _Reader(Path("x.po")).read(text, simple=simple)
        except CatalogSyntaxError as exc:
            outcomes.append(("error", str(exc), exc.line))
        else:
            outcomes.append((catalog, [entry.line for entry in catalog.entries]))
    return outcomes[0], outcomes[1]


def assert_read_both_ways_alike(path: Path) -> None:
    fast, slow = read_both_ways(path.read_text(encoding="utf-8"))
    assert fast == slow, path
    assert fast[0] != "error", path


@settings(max_examples=1500, deadline=None)
@given(po_texts())
def test_simple_entries_read_as_the_line_reader_reads_them(text: str) -> None:
    fast, slow = read_both_ways(text)
    assert fast == slow


def test_the_fast_path_reads_real_catalogs_as_the_line_reader_does() -> None:
    catalogs = [*GOLDEN, *(REPO / "locales").rglob("*.po")]
    assert len(catalogs) > 3
    for path in catalogs:
        assert_read_both_ways_alike(path)


@pytest.mark.system("msgunfmt")
def test_the_fast_path_reads_debian_catalogs_as_the_line_reader_does(tmp_path: Path) -> None:
    sources = sorted(DEBIAN_ZH.glob("*.mo"))[:40]
    assert sources
    for mo in sources:  # wrapped as msgunfmt writes them: continuation lines throughout
        assert_read_both_ways_alike(unfmt(mo, tmp_path / f"{mo.stem}.po", wrap=True))
