"""Hostile files for every reader: mutated catalogs, every line ending, control characters in
every report format, configuration values that become paths, file names in references.
Each either works or is an EditionsError with a place; nothing else escapes."""

from __future__ import annotations

import json
import os
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from editions.catalog import Catalog, Entry
from editions.checks.model import Finding, Severity
from editions.checks.reporters import REPORTERS
from editions.errors import EditionsError, ProjectError
from editions.pofile import catalog_text, decode_catalog_bytes, parse_catalog
from editions.project import find_project
from tests.conftest import REPO

PRESS = REPO / "locales" / "zh_CN" / "LC_MESSAGES" / "deepblue-quzhou.po"
FUZZ = settings(
    max_examples=int(os.environ.get("EDITIONS_PROPERTY_EXAMPLES", "200")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


def _read(data: bytes) -> Catalog:
    return parse_catalog(decode_catalog_bytes(data, Path("x.po")), Path("x.po"))


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_every_line_ending_convention_reads_as_the_same_catalog(newline: str) -> None:
    text = PRESS.read_text(encoding="utf-8")
    assert _read(text.replace("\n", newline).encode()) == _read(text.encode())


def test_mixed_line_endings_read_as_the_same_catalog() -> None:
    lines = PRESS.read_text(encoding="utf-8").split("\n")
    mixed = "".join(line + ("\r\n", "\n", "\r")[i % 3] for i, line in enumerate(lines))
    assert _read(mixed.encode()) == _read("\n".join(lines).encode() + b"\n")


@FUZZ
@given(
    st.data(),
    st.lists(st.tuples(st.integers(0, 10**6), st.binary(max_size=4)), min_size=1, max_size=6),
)
def test_a_mutated_catalog_parses_or_is_a_located_error(
    data: st.DataObject, edits: list[tuple[int, bytes]]
) -> None:
    blob = bytearray(PRESS.read_bytes())
    for position, replacement in edits:
        at = position % (len(blob) + 1)
        cut = data.draw(st.integers(0, 3))
        blob[at : at + cut] = replacement
    try:
        catalog = _read(bytes(blob))
    except EditionsError as exc:
        assert exc.path == "x.po"
        return
    # whatever parses renders and parses back to itself
    assert parse_catalog(catalog_text(catalog)) == catalog


@FUZZ
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=8))
def test_any_escape_sequence_is_a_character_or_a_located_error(body: str) -> None:
    text = f'msgid "a"\nmsgstr "\\{body}"\n'
    try:
        catalog = parse_catalog(text, Path("x.po"))
    except EditionsError as exc:
        assert exc.line is not None
        return
    catalog_text(catalog).encode("utf-8")  # writable as UTF-8


HOSTILE = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=30
) | st.sampled_from(["\x1b[2J\x1b[31mred", "a\nb\rc", "\x00\x07\x08", "]]>", "<x>&'\"", "%0A::"])


@FUZZ
@given(st.lists(st.tuples(HOSTILE, HOSTILE, HOSTILE, HOSTILE), min_size=1, max_size=4))
def test_control_characters_cannot_break_any_report_format(
    texts: list[tuple[str, str, str, str]],
) -> None:
    findings = [
        Finding("E-x", Severity.ERROR, path or "p", 3, message, fix, msgid)
        for path, message, fix, msgid in texts
    ]
    for name, render in REPORTERS.items():
        out = render(findings, 1)
        if name == "json":
            parsed = json.loads(out)["findings"]
            assert [f["message"] for f in parsed] == [f.message for f in findings]
        elif name == "junit":
            ElementTree.fromstring(out.encode("utf-8"))
        elif name == "github":
            assert len(out.splitlines()) == len(findings)
        controls = {c for c in out if (ord(c) < 0x20 and c not in "\n\t") or 0x7F <= ord(c) < 0xA0}
        if name != "json":  # JSON escapes them itself
            assert not controls, name


PATH_KEYS = st.sampled_from(["source-dir", "locales-dir", "build-dir", "models-dir", "cache-dir"])
PATH_VALUES = st.text(max_size=20) | st.sampled_from(["..", "../x", "/tmp", "a/../../b", "~"])


@FUZZ
@given(key=PATH_KEYS, value=PATH_VALUES)
def test_every_configuration_path_is_inside_the_project_or_refused(
    tmp_path_factory: pytest.TempPathFactory, key: str, value: str
) -> None:
    root = tmp_path_factory.mktemp("proj")
    (root / "editions.toml").write_text(
        f'[editions]\nlanguages = ["zh_CN"]\n{key} = {json.dumps(value)}\n', encoding="utf-8"
    )
    try:
        project = find_project(explicit=root)
    except ProjectError:
        return
    for folder in (project.source_dir, project.locales_dir, project.build_dir):
        assert folder == root or root.resolve() in folder.parents


FILE_NAMES = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=20
).filter(lambda name: "/" not in name and name.strip(". "))


@FUZZ
@given(FILE_NAMES)
def test_any_file_name_round_trips_through_a_reference(name: str) -> None:
    reference = f"source/{name}.md:7"
    if "\u2068" in name or "\u2069" in name:
        return  # refused by Project.documents
    catalog = Catalog(entries=(Entry("x", references=(reference, "b.md:1")),))
    assert parse_catalog(catalog_text(catalog)).entries[0].references == (reference, "b.md:1")


def test_a_source_name_with_a_newline_is_refused(project_dir: Path) -> None:
    (project_dir / "source" / "two\nlines.md").write_text("x\n", encoding="utf-8")
    with pytest.raises(ProjectError, match="cannot be written as a gettext reference"):
        find_project(explicit=project_dir).documents()
