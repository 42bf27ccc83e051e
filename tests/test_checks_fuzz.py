"""Fuzzing: malformed catalogs give CatalogSyntaxError or an E-syntax finding; checks on
arbitrary entries return findings; nothing raises anything else."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from editions.catalog import Catalog, Entry
from editions.checks import CheckContext, Finding, check_catalog, run_checks
from editions.errors import CatalogSyntaxError
from editions.glossary import parse_glossary
from editions.plurals import PluralSyntaxError, parse_plural_forms
from editions.pofile import catalog_text, parse_catalog

PO_PIECES = [
    'msgid ""\n',
    'msgstr ""\n',
    '"Language: zh_CN\\n"\n',
    '"Plural-Forms: nplurals=1; plural=0;\\n"\n',
    'msgid "Hello %s"\n',
    'msgstr "你好 %s"\n',
    'msgctxt "menu"\n',
    'msgid_plural "files"\n',
    'msgstr[0] "文件"\n',
    'msgstr[1] ""\n',
    "#, fuzzy, c-format\n",
    '#| msgid "old"\n',
    '#~ msgid "gone"\n',
    '#~ msgstr "走了"\n',
    "# editions-ignore: E-number-mismatch\n",
    "#: a.md:1\n",
    "#. note\n",
    "\n",
    '"\\t\\n\\"x\\""\n',
    '"\\x41\\101\\q"\n',
    'msgstr "unterminated\n',
    "msgid\n",
    '"' + "\\" + "\n",
    "\ufeff",
    "\r\n",
    '#~| msgid "p"\n',
    'msgid "52,600 **真，**她"\n',
]
TEXT = st.text(
    alphabet=st.sampled_from(list("ab AZ09.,%sd{}()[]`*_!<>\\\n\t:;?衢州深兰，。：“”（）万亿")),
    max_size=40,
)
GLOSSARY = parse_glossary('[[term]]\nen = "Quzhou"\nzh_CN = "衢州"\nforbidden.zh_CN = ["曲州"]\n')


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PO_PIECES), max_size=20))
def test_po_reader_raises_only_catalog_syntax_errors(pieces: list[str]) -> None:
    try:
        catalog = parse_catalog("".join(pieces))
    except CatalogSyntaxError as exc:
        assert exc.line is None or exc.line >= 1
    else:
        assert isinstance(catalog, Catalog)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_po_reader_on_arbitrary_text(text: str) -> None:
    try:
        catalog = parse_catalog(text)
    except CatalogSyntaxError as exc:
        assert exc.message
    else:
        assert isinstance(catalog, Catalog)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(
            TEXT,
            TEXT,
            st.sets(st.sampled_from(["fuzzy", "c-format", "python-format", "python-brace-format"])),
        ),
        min_size=1,
        max_size=5,
    ),
    st.booleans(),
)
def test_checks_return_findings_on_any_entries(
    rows: list[tuple[str, str, set[str]]], release: bool
) -> None:
    entries = tuple(
        Entry(msgid=msgid or "x", msgstr=msgstr, flags=tuple(sorted(flags)), line=i + 1)
        for i, (msgid, msgstr, flags) in enumerate(rows)
    )
    catalog = Catalog(headers=(("Language", "zh_CN"),), entries=entries)
    context = CheckContext(
        catalog=catalog, glossary=GLOSSARY, markdown=True, release=release, nplurals=1
    )
    findings = check_catalog(catalog, context)
    assert all(isinstance(f, Finding) and f.code for f in findings)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.binary(max_size=400)
    | st.lists(st.sampled_from(PO_PIECES), max_size=15).map(lambda p: "".join(p).encode("utf-8"))
)
def test_check_command_turns_any_file_into_findings(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz.po"
        path.write_bytes(data)
        findings = run_checks(None, [path], language="zh_CN")
    assert all(f.line >= 0 for f in findings)


@settings(max_examples=200, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(list("n0123456789 ()?:!=<>&|%+-*/;npluralsx")), max_size=60)
)
def test_plural_forms_parser_raises_only_its_error(text: str) -> None:
    try:
        forms = parse_plural_forms(text).forms(20)
    except PluralSyntaxError as exc:
        assert str(exc)
    else:
        assert len(forms) == 21


def test_header_line_without_colon_is_accepted_as_gnu_does() -> None:
    text = (
        'msgid ""\nmsgstr ""\n"Language: zh_CN\\n"\n'
        '"#-#-#-#-#  zh_CN.po (at-spi2-core master)  #-#-#-#-#\\n"\n'
        '"Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "a"\nmsgstr "b"\n'
    )
    assert parse_catalog(text).language == "zh_CN"


def test_header_line_without_colon_is_written_back_verbatim() -> None:
    text = (
        'msgid ""\nmsgstr ""\n"Language: zh_CN\\n"\n'
        '"#-#-#-#-#  zh_CN.po (at-spi2-core master)  #-#-#-#-#\\n"\n'
        '"Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "a"\nmsgstr "b"\n'
    )
    assert catalog_text(parse_catalog(text)) == text
