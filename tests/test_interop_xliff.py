"""XLIFF 1.2 for CAT tools: schema-valid, read the same by translate-toolkit, byte-identical
round trips, CAT edits imported as exactly that change, conflicts reported with nothing lost."""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from editions.catalog import FUZZY, Entry
from editions.cli import main
from editions.errors import SourceError
from editions.interop import inline
from editions.interop.inline import Code, join, split
from editions.interop.xliff import NS, export_xliff, import_xliff, unit_id, validate
from editions.pofile import load_catalog
from editions.project import Project, find_project
from editions.review import State, entry_state
from tests.conftest import DEBIAN_ZH, unfmt
from tests.render_support import PRESS_CATALOG
from tests.tiny_argos import make_project, write_po

Q = f"{{{NS}}}"


def _press(root: Path) -> Project:
    project = make_project(root)
    shutil.copy(PRESS_CATALOG, project.po_path("zh_CN", "deepblue-quzhou"))
    return project


def _mixed(root: Path) -> Project:
    """A catalog with every state and inline markup."""
    project = make_project(root)
    write_po(
        project.po_path("zh_CN", "news"),
        [
            Entry(msgid="Untranslated [link](https://a.example) with `code`.", line=5),
            Entry(
                msgid="DeepBlue opened **two** offices.",
                msgstr="深兰开设了**两个**办公室。",
                flags=(FUZZY,),
                translator_comments=(
                    "machine-draft: engine=argos/1.12 model=m/1 source=abc",
                    "machine-draft-text: 深兰开设了**两个**办公室。",
                ),
                line=8,
            ),
            Entry(
                msgid="The office opened on *Monday*.",
                msgstr="办公室于周一启用。",
                flags=(FUZZY,),
                previous_msgid="The office opened on Sunday.",
                line=11,
            ),
            Entry(msgid="A fuzzy one.", msgstr="模糊的。", flags=(FUZZY, "x-keep"), line=14),
            Entry(
                msgid="Translated.",
                msgstr="已翻译。",
                translator_comments=("a translator's note",),
                extracted_comments=("paragraph",),
                references=("source/news.md:20",),
                line=17,
            ),
            Entry(
                msgid="Reviewed.",
                msgstr="已审校。",
                translator_comments=("reviewed-by: Li Wei <li@example.com> 2026-12-01T10:00Z",),
                line=20,
            ),
        ],
    )
    return project


def _units(data: bytes) -> dict[str, ET.Element]:
    root = ET.fromstring(data)
    return {u.get("id", ""): u for u in root.iter(f"{Q}trans-unit")}


def test_the_press_release_exports_valid_xliff_and_round_trips_byte_for_byte(
    tmp_path: Path,
) -> None:
    project = _press(tmp_path / "proj")
    po = project.po_path("zh_CN", "deepblue-quzhou")
    before = po.read_bytes()
    data = export_xliff(project, [po])
    assert validate(data) == []
    assert len(_units(data)) == 8
    report = import_xliff(project, data)
    assert report.unchanged == 8 and report.conflicts == [] and report.written == []
    assert po.read_bytes() == before


def test_every_state_maps_to_xliff_and_back(tmp_path: Path) -> None:
    project = _mixed(tmp_path / "proj")
    po = project.po_path("zh_CN", "news")
    before = po.read_bytes()
    data = export_xliff(project, [po])
    assert validate(data) == []
    units = _units(data)
    catalog = load_catalog(po)
    seen = {}
    for entry in catalog.entries:
        unit = units[unit_id(entry)]
        target = unit.find(f"{Q}target")
        seen[entry_state(entry)] = (
            None if target is None else (target.get("state"), target.get("state-qualifier")),
            unit.get("approved"),
        )
    assert seen == {
        State.UNTRANSLATED: (None, None),
        State.DRAFT: (("needs-review-translation", "leveraged-mt"), None),
        State.OUTDATED: (("needs-review-translation", "fuzzy-match"), None),
        State.FUZZY: (("needs-review-translation", None), None),
        State.TRANSLATED: (("translated", None), "yes"),
        State.REVIEWED: (("signed-off", None), "yes"),
    }
    outdated = units[unit_id(catalog.entries[2])].find(f"{Q}alt-trans")
    assert outdated is not None and outdated.get("alttranstype") == "previous-version"
    assert "".join(outdated.find(f"{Q}source").itertext()) == "The office opened on Sunday."  # type: ignore[union-attr]
    assert import_xliff(project, data).unchanged == 6
    assert po.read_bytes() == before


def test_inline_markup_becomes_protected_codes(tmp_path: Path) -> None:
    project = _mixed(tmp_path / "proj")
    data = export_xliff(project, [project.po_path("zh_CN", "news")])
    unit = _units(data)[unit_id(Entry(msgid="Untranslated [link](https://a.example) with `code`."))]
    source = unit.find(f"{Q}source")
    assert source is not None
    codes = [(c.tag.removeprefix(Q), c.get("ctype"), c.text) for c in source]
    assert codes == [
        ("bpt", "link", "["),
        ("ept", None, "](https://a.example)"),
        ("ph", "x-code", "`code`"),
    ]
    assert source.text == "Untranslated " and source[0].tail == "link"


def test_translate_toolkit_reads_the_same_units_states_and_notes(tmp_path: Path) -> None:
    from translate.storage.xliff import xlifffile

    project = _mixed(tmp_path / "proj")
    po = project.po_path("zh_CN", "news")
    store = xlifffile.parsestring(export_xliff(project, [po]))
    by_id = {unit.getid().rpartition("\x04")[2]: unit for unit in store.units}
    catalog = load_catalog(po)
    assert set(by_id) == {unit_id(e) for e in catalog.entries}
    for entry in catalog.entries:
        unit = by_id[unit_id(entry)]
        state = entry_state(entry)
        assert unit.isfuzzy() == (state in (State.DRAFT, State.OUTDATED, State.FUZZY))
        assert unit.isapproved() == (state in (State.TRANSLATED, State.REVIEWED))
        assert unit.istranslated() == (state in (State.TRANSLATED, State.REVIEWED))
    translated = by_id[unit_id(catalog.entries[4])]
    assert "paragraph" in translated.getnotes("developer")
    assert "a translator's note" in translated.getnotes("translator")
    assert translated.source == "Translated." and translated.target == "已翻译。"


def _cat_edit(data: bytes, msgid: str, text_or_codes: str, state: str) -> bytes:
    """What a CAT tool does: a new target (codes kept as the tool shows them) and a state."""
    root = ET.fromstring(data)
    for unit in root.iter(f"{Q}trans-unit"):
        if unit.get("id") != unit_id(Entry(msgid=msgid)):
            continue
        target = unit.find(f"{Q}target")
        if target is None:
            target = ET.SubElement(unit, f"{Q}target")
            unit.remove(target)
            unit.insert(1, target)
        for child in list(target):
            target.remove(child)
        fragment = ET.fromstring(f'<t xmlns="{NS}">{text_or_codes}</t>')
        target.text = fragment.text
        for child in fragment:
            target.append(child)
        target.set("state", state)
        target.attrib.pop("state-qualifier", None)
    data = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return data


def test_a_cat_edit_imports_as_exactly_that_change(tmp_path: Path) -> None:
    project = _mixed(tmp_path / "proj")
    po = project.po_path("zh_CN", "news")
    before = load_catalog(po)
    exported = export_xliff(project, [po])
    edited = _cat_edit(
        exported,
        "Untranslated [link](https://a.example) with `code`.",
        '<ph id="2" ctype="x-code">`code`</ph>和<bpt id="1" ctype="link">[</bpt>链接'
        '<ept id="1">](https://a.example)</ept>未翻译。',
        "translated",
    )
    edited = _cat_edit(
        edited, "DeepBlue opened **two** offices.", "深兰开设了两个办公室。", "signed-off"
    )
    assert validate(edited) == []
    xlf = tmp_path / "from-cat.xlf"
    xlf.write_bytes(edited)
    assert main(["import", str(xlf), "--project", str(project.root)]) == 0
    after = load_catalog(po)
    changed = [(b, a) for b, a in zip(before.entries, after.entries, strict=True) if a != b]
    assert len(changed) == 2
    (old_link, new_link), (old_draft, new_draft) = changed
    assert new_link == old_link.replace(msgstr="`code`和[链接](https://a.example)未翻译。")
    assert new_draft.msgstr == "深兰开设了两个办公室。" and not new_draft.fuzzy
    assert new_draft.translator_comments == old_draft.translator_comments  # provenance kept
    assert main(["import", str(xlf), "--project", str(project.root)]) == 0  # twice: no change
    assert load_catalog(po) == after


def test_an_import_over_an_entry_edited_meanwhile_is_a_conflict_and_loses_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = _mixed(tmp_path / "proj")
    po = project.po_path("zh_CN", "news")
    exported = export_xliff(project, [po])
    text = po.read_text(encoding="utf-8").replace(
        'msgstr "已翻译。"', 'msgstr "译者在 Poedit 中改过。"'
    )
    po.write_text(text, encoding="utf-8")  # the .po changed after the export
    edited = _cat_edit(exported, "Translated.", "CAT 工具的译文。", "translated")
    edited = _cat_edit(edited, "A fuzzy one.", "不再模糊。", "translated")
    xlf = tmp_path / "from-cat.xlf"
    xlf.write_bytes(edited)
    assert main(["import", str(xlf), "--project", str(project.root)]) == 1
    err = capsys.readouterr().err
    assert "conflict" in err and "Translated." in err and "kept the catalog's version" in err
    after = {e.msgid: e for e in load_catalog(po).entries}
    assert after["Translated."].msgstr == "译者在 Poedit 中改过。"  # the .po's edit is kept
    assert after["A fuzzy one."].msgstr == "不再模糊。" and not after["A fuzzy one."].fuzzy
    assert "x-keep" in after["A fuzzy one."].flags
    assert xlf.read_bytes() == edited  # and the CAT's version is still in the XLIFF


def test_state_filter_and_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = _mixed(tmp_path / "proj")
    out = tmp_path / "drafts.xlf"
    code = main(["export", "--project", str(project.root), "--state", "draft,outdated",
                 "--out", str(out)])  # fmt: skip
    assert code == 0 and "2 unit(s)" in capsys.readouterr().out
    assert len(_units(out.read_bytes())) == 2
    assert (
        main(["export", "--project", str(project.root), "--state", "done", "--out", str(out)]) == 2
    )


def test_a_file_that_is_not_xliff_is_refused_and_nothing_written(tmp_path: Path) -> None:
    project = _mixed(tmp_path / "proj")
    po = project.po_path("zh_CN", "news")
    before = po.read_bytes()
    for content in (b"<html/>", b"not xml at all <", b'<xliff version="2.0"/>'):
        bad = tmp_path / "bad.xlf"
        bad.write_bytes(content)
        assert main(["import", str(bad), "--project", str(project.root)]) == 2
    outside = export_xliff(project, [po]).replace(
        b'original="locales/zh_CN/LC_MESSAGES/news.po"', b'original="../../etc/passwd"'
    )
    (tmp_path / "outside.xlf").write_bytes(outside)
    assert main(["import", str(tmp_path / "outside.xlf"), "--project", str(project.root)]) == 2
    assert po.read_bytes() == before


@given(st.text(alphabet=st.sampled_from(list("ab *_`[]()!<>\\\n:/h.")), max_size=40))
def test_inline_codes_give_back_exactly_the_markdown(text: str) -> None:
    assert join(split(text)) == text


@given(st.text(alphabet=st.sampled_from(list('ab *_`[]()!<>\\\n\x01\x7f:/h."')), max_size=60))
def test_the_fast_token_scan_finds_what_the_full_scan_finds(text: str) -> None:
    """Texts without a hard break of spaces (those take the full scan) give the same tokens."""
    text = re.sub(" {2,}\n", " \n", text)
    fast = [(m.span(), m.lastgroup) for m in inline._STARTS.finditer(text)]
    assert fast == [(m.span(), m.lastgroup) for m in inline._TOKENS.finditer(text)]


def test_a_hard_break_of_spaces_is_still_one_code() -> None:
    assert split("one  \n*two*") == [
        "one",
        Code("ph", "  \n", "lb"),
        Code("bpt", "*", "italic", 1),
        "two",
        Code("ept", "*", "italic", 1),
    ]


@pytest.mark.system("msgunfmt")
def test_real_catalogs_round_trip_through_xliff_byte_for_byte(tmp_path: Path) -> None:
    project = make_project(tmp_path / "proj")
    sources = [DEBIAN_ZH / f"{n}.mo" for n in ("gettext-tools", "bash", "apt", "coreutils")]
    sources = [s for s in sources if s.is_file()] or sorted(DEBIAN_ZH.glob("*.mo"))[:3]
    assert sources
    paths = []
    for mo in sources:
        po = unfmt(mo, project.po_path("zh_CN", mo.stem))
        main(["check", str(po)])  # parses: a real catalog, not ours
        paths.append(po)
    project = find_project(explicit=project.root)
    before = {p: p.read_bytes() for p in paths}
    data = export_xliff(project, paths)
    assert validate(data) == []
    assert len(_units(data)) > 100
    report = import_xliff(project, data)
    assert report.conflicts == [] and report.written == []
    assert {p: p.read_bytes() for p in paths} == before


def test_a_big_catalog_rendered_in_forked_processes_is_the_same_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from editions.interop import xliff

    project = make_project(tmp_path / "proj")
    entries = [
        Entry(msgid=f"Entry {n} with a [link](https://a.example/{n}).", msgstr=f"条目{n}。", line=n)
        for n in range(1, 60)
    ]
    po = write_po(project.po_path("zh_CN", "big"), entries)
    one_process = export_xliff(project, [po])
    monkeypatch.setattr(xliff, "PARALLEL_UNITS", 10)
    monkeypatch.setattr(xliff.os, "cpu_count", lambda: 2)
    contexts = _forking(monkeypatch)
    assert export_xliff(project, [po]) == one_process
    assert contexts == ["fork"]  # the forked path really ran


def _forked_import(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Make every import read its XML in a forked process; the list records that it did."""
    from editions.interop import xliff

    monkeypatch.setattr(xliff, "PARALLEL_BYTES", 0)
    return _forking(monkeypatch)


def _forking(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Forking allowed as in a CLI process; the list records each multiprocessing context."""
    from editions.interop import xliff

    monkeypatch.setattr(xliff.threading, "active_count", lambda: 1)
    contexts: list[str] = []
    real_context = xliff.multiprocessing.get_context

    def spy(method: str) -> object:
        contexts.append(method)
        return real_context(method)

    monkeypatch.setattr(xliff.multiprocessing, "get_context", spy)
    return contexts


def test_an_import_read_in_a_forked_process_does_what_one_read_here_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    here, forked = _mixed(tmp_path / "here"), _mixed(tmp_path / "forked")
    exported = export_xliff(here, [here.po_path("zh_CN", "news")])
    # codes emptied by the tool (filled in from the source), an entry gone since export
    edited = exported.replace(b'ctype="bold">**</bpt>', b'ctype="bold" />')
    edited = edited.replace(b'<ept id="1">**</ept>', b'<ept id="1" />')
    assert edited.count(b'ctype="bold" />') == 2  # the draft's source and target
    edited = _cat_edit(edited, "Translated.", "CAT 工具的译文。", "signed-off")
    edited = _cat_edit(edited, "A fuzzy one.", "", "translated")
    edited = _cat_edit(edited, "Reviewed.", "审校过。", "signed-off")
    for project in (here, forked):
        po = project.po_path("zh_CN", "news")
        po.write_text(po.read_text("utf-8").replace('"Reviewed."', '"Reviewed!"'), "utf-8")
    expected = import_xliff(here, edited)
    contexts = _forked_import(monkeypatch)
    report = import_xliff(forked, edited)
    assert contexts == ["fork"]  # the forked path really ran
    po_here, po_forked = here.po_path("zh_CN", "news"), forked.po_path("zh_CN", "news")
    assert po_forked.read_bytes() == po_here.read_bytes() != exported
    assert report.unchanged == expected.unchanged == 3
    assert [c.msgid for c in report.conflicts] == [c.msgid for c in expected.conflicts]
    assert [c.msgid for c in report.conflicts] == ["Reviewed."]  # the source, read back
    assert report.changed[po_forked] == expected.changed[po_here] == 2


def test_a_bad_file_read_in_a_forked_process_is_the_same_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = _mixed(tmp_path / "proj")
    po = project.po_path("zh_CN", "news")
    before = po.read_bytes()
    bad = export_xliff(project, [po]).replace(b"</body>", b"</bod>")
    with pytest.raises(SourceError) as here:
        import_xliff(project, bad)
    contexts = _forked_import(monkeypatch)
    with pytest.raises(SourceError) as forked:
        import_xliff(project, bad)
    assert contexts == ["fork"] and str(forked.value) == str(here.value)
    assert "not well-formed XML" in str(here.value) and po.read_bytes() == before
