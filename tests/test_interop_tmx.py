"""TMX: reviewed pairs out, memories in, reused by drafting before any MT."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from editions.catalog import FUZZY, Entry
from editions.cli import main
from editions.interop.tmx import XML_LANG, export_tmx
from editions.pofile import load_catalog
from editions.project import Project
from tests.tiny_argos import write_po


def _catalog(project: Project) -> Path:
    return write_po(
        project.po_path("zh_CN", "news"),
        [
            Entry(msgid="Quzhou welcomes DeepBlue.", msgstr="衢州欢迎深兰。", line=3),
            Entry(msgid="A draft.", msgstr="草稿。", flags=(FUZZY,), line=6),
            Entry(msgid="Not yet.", line=9),
            Entry(
                msgid="Quzhou welcomes DeepBlue.", msgctxt="again", msgstr="衢州欢迎深兰。", line=12
            ),
        ],
    )


def test_export_holds_the_reviewed_pairs_only(tiny_project: Project) -> None:
    data = export_tmx(tiny_project, [_catalog(tiny_project)])
    root = ET.fromstring(data)
    assert root.tag == "tmx" and root.get("version") == "1.4"
    header = root.find("header")
    assert header is not None and header.get("srclang") == "en"
    units = root.findall("body/tu")
    assert len(units) == 1  # the draft and the untranslated entry stay out; duplicates once
    variants = {tuv.get(XML_LANG): tuv.findtext("seg") for tuv in units[0].findall("tuv")}
    assert variants == {"en": "Quzhou welcomes DeepBlue.", "zh-CN": "衢州欢迎深兰。"}


def test_translate_toolkit_reads_the_exported_memory(tiny_project: Project) -> None:
    from translate.storage.tmx import tmxfile

    store = tmxfile.parsestring(export_tmx(tiny_project, [_catalog(tiny_project)]))
    (unit,) = store.units
    assert unit.source == "Quzhou welcomes DeepBlue." and unit.target == "衢州欢迎深兰。"


def test_an_imported_memory_drafts_before_any_machine_translation(
    tiny_project: Project, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    memory = tmp_path / "agency.tmx"
    memory.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang="en-US" '
        'datatype="plaintext" segtype="sentence" adminlang="en" creationtool="memoQ" '
        'creationtoolversion="10" o-tmf="memoQ"/><body>'
        '<tu><tuv xml:lang="en-US"><seg>The city opened a <bpt i="1">[</bpt>road'
        '<ept i="1">]</ept>.</seg></tuv>'
        '<tuv xml:lang="zh-CN"><seg>该市开通了一条道路。</seg></tuv></tu>'
        '<tu><tuv xml:lang="en-US"><seg>Only French.</seg></tuv>'
        '<tuv xml:lang="fr-FR"><seg>Seulement.</seg></tuv></tu>'
        "</body></tmx>",
        encoding="utf-8",
    )
    assert main(["import", str(memory), "--project", str(tiny_project.root)]) == 0
    out = capsys.readouterr().out
    assert "locales/memory/agency.tmx" in out and "zh_CN 1 pair" in out
    po = write_po(
        tiny_project.po_path("zh_CN", "roads"),
        [Entry(msgid="The city opened a [road].", line=3), Entry(msgid="Other text.", line=5)],
    )
    assert main(["draft", "--project", str(tiny_project.root)]) == 0
    assert "reused from memory 1" in capsys.readouterr().out
    (from_memory, _) = load_catalog(po).entries
    assert from_memory.msgstr == "该市开通了一条道路。" and from_memory.fuzzy
    assert any("locales/memory/agency.tmx" in c for c in from_memory.translator_comments)


def test_a_file_with_no_usable_pairs_is_refused(tiny_project: Project, tmp_path: Path) -> None:
    empty = tmp_path / "empty.tmx"
    empty.write_text('<tmx version="1.4"><header srclang="en"/><body/></tmx>', encoding="utf-8")
    assert main(["import", str(empty), "--project", str(tiny_project.root)]) == 2
    assert not (tiny_project.locales_dir / "memory").exists()
