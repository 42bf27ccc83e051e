"""Adopting a project translated with another tool: catalogs made here by the real tools
(mdpo from PyPI, po4a from Debian) and one in mdBook's format, on sources made here, are
carried into an editions project; every carried pair is checked against the old one."""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
from pathlib import Path

import polib
import pytest

from editions.adopt import ORIGIN_PREFIX, How, adopt, normalise, not_text
from editions.catalog import FUZZY
from editions.cli import main
from editions.errors import CatalogSyntaxError
from editions.pofile import load_catalog
from editions.project import Project, find_project
from editions.workflow import extract, update
from tests.site_support import write_tree

FEATURES = """# Features of the *guide*

This paragraph is wrapped
over two lines, with `code`, **strong** text and \\*escaped\\* stars.

- A list item with [a reference link][docs]
- Another item, see [the setup](part-1/index.md#setup)

1. First step
2. Second step

> A quoted sentence for the reader.

## Closing heading ##

[docs]: https://example.org/docs
"""


def translated(msgid: str) -> str:
    """The old tool's reviewed translation: the English kept inside, so a wrong carry shows."""
    return f"译文：{msgid}"


def is_fuzzy(msgid: str) -> bool:
    """About one old entry in ten was never reviewed (fuzzy), chosen by its text."""
    return hashlib.sha256(msgid.encode()).digest()[0] < 26


def _sources(root: Path) -> Path:
    source = root / "source"
    write_tree(source, 40)
    (source / "guide").mkdir(exist_ok=True)
    (source / "guide" / "features.md").write_text(FEATURES, encoding="utf-8")
    return source


def _project(root: Path) -> Project:
    (root / "editions.toml").write_text(
        '[editions]\nsource-language = "en"\nlanguages = ["zh_CN"]\n', encoding="utf-8"
    )
    project = find_project(explicit=root)
    extract(project)
    update(project, "zh_CN")
    return project


def _fill(po: polib.POFile) -> polib.POFile:
    for entry in po:
        if entry.msgid:
            entry.msgstr = translated(entry.msgid)
            if is_fuzzy(entry.msgid):
                entry.flags.append("fuzzy")
    po.metadata["Language"] = "zh_CN"
    po.metadata["Content-Type"] = "text/plain; charset=UTF-8"
    return po


def mdpo_catalog(source: Path, out: Path) -> Path:
    """One catalog per document by mdpo's md2po, merged with polib as a project would."""
    from mdpo.md2po import markdown_to_pofile

    merged = polib.POFile()
    for path in sorted(source.rglob("*.md")):
        for entry in markdown_to_pofile(str(path), location=True):
            if entry.msgid and merged.find(entry.msgid) is None:
                merged.append(entry)
    _fill(merged).save(str(out))
    return out


def po4a_catalog(source: Path, out: Path) -> Path:
    """po4a's Markdown (``text -o markdown``) catalog of every document, by po4a-updatepo."""
    masters = [arg for p in sorted(source.rglob("*.md")) for arg in ("-m", str(p))]
    subprocess.run(
        ["po4a-updatepo", "-f", "text", "-o", "markdown", "-M", "utf-8", *masters, "-p", str(out)],
        check=True,
        capture_output=True,
    )
    po = polib.pofile(str(out))
    _fill(po).save(str(out))
    return out


def mdbook_catalog(project: Project, out: Path) -> Path:
    """A catalog as ``mdbook-xgettext`` writes one: the whole book in one file, ``#:
    src/FILE:LINE`` references, the link text only for SUMMARY.md's lines."""
    book = polib.POFile()
    for pot in sorted(project.locales_dir.glob("*.pot")):
        for entry in polib.pofile(str(pot)):
            if not entry.msgid:
                continue
            msgid = entry.msgid
            if pot.stem == "SUMMARY":
                msgid = re.sub(r"^\[(.*)\]\([^)]*\)$", r"\1", msgid)
            if book.find(msgid) is None:
                place = entry.occurrences[0]
                book.append(
                    polib.POEntry(
                        msgid=msgid, occurrences=[(place[0].replace("source/", "src/"), place[1])]
                    )
                )
    _fill(book).save(str(out))
    return out


@pytest.fixture()
def made(tmp_path: Path) -> tuple[Path, Project]:
    _sources(tmp_path)
    return tmp_path, _project(tmp_path)


def _verify(project: Project, old_path: Path) -> dict[str, float]:
    """Every carried entry against the old entry its origin names: the same English
    (normalised), the same translation, the old state; and the shares carried."""
    old = {entry.line: entry for entry in load_catalog(old_path).live() if entry.msgid}
    project_msgids = set()
    carried_reviewed: set[int] = set()
    for po in sorted((project.locales_dir / "zh_CN" / "LC_MESSAGES").glob("*.po")):
        for entry in load_catalog(po).live():
            project_msgids.add(normalise(entry.msgid))
            origins = [c for c in entry.translator_comments if c.startswith(ORIGIN_PREFIX)]
            if not origins:
                assert not entry.msgstr
                continue
            match = re.fullmatch(
                rf"{ORIGIN_PREFIX}adopted (.+) from (.+):(\d+)(?: \(\+\d+ more\))?", origins[0]
            )
            assert match, origins
            how, line = match.group(1), int(match.group(3))
            source = old[line]
            if how == How.JOINED.value:  # verified in its own test
                continue
            assert normalise(entry.msgstr) == normalise(translated(source.msgid)), entry.msgid
            if how in (How.EXACT.value, How.NORMALISED.value):
                assert normalise(source.msgid) == normalise(entry.msgid)
                assert entry.fuzzy == source.fuzzy or (not source.fuzzy and entry.fuzzy)
            else:
                assert how == How.NEAR.value and entry.fuzzy
                assert entry.previous_msgid == source.msgid
            if not entry.fuzzy:
                carried_reviewed.add(line)
    reviewed = {line for line, e in old.items() if not e.fuzzy and not not_text(e.msgid)}
    same = {line for line in reviewed if normalise(old[line].msgid) in project_msgids}
    return {
        "same": len(carried_reviewed & same) / len(same),
        "overall": len(carried_reviewed & reviewed) / len(reviewed),
    }


def test_mdpo_catalogs_carry_over_with_their_state(made: tuple[Path, Project]) -> None:
    root, project = made
    old = mdpo_catalog(root / "source", root / "mdpo.po")
    report = adopt(project, [old], "zh_CN")
    shares = _verify(project, old)
    assert shares["same"] >= 0.98 and shares["overall"] >= 0.95, shares
    assert report.total(How.EXACT) > 200


@pytest.mark.system("po4a-updatepo")
def test_po4a_catalogs_carry_over_with_their_state(made: tuple[Path, Project]) -> None:
    root, project = made
    old = po4a_catalog(root / "source", root / "po4a.po")
    adopt(project, [old], "zh_CN")
    shares = _verify(project, old)
    assert shares["same"] >= 0.98 and shares["overall"] >= 0.95, shares


def test_an_mdbook_catalog_carries_summary_link_texts_into_whole_links(
    made: tuple[Path, Project],
) -> None:
    root, project = made
    old = mdbook_catalog(project, root / "book.po")
    report = adopt(project, [old], "zh_CN")
    shares = _verify(project, old)
    assert shares["same"] >= 0.98 and shares["overall"] >= 0.95, shares
    summary = load_catalog(project.po_path("zh_CN", "SUMMARY"))
    [line] = [e for e in summary.live() if e.msgid == "[Chapter 2](part-1/ch-1/section-1.md)"]
    assert line.msgstr == "[译文：Chapter 2](part-1/ch-1/section-1.md)"
    assert report.total(How.NORMALISED) >= 40


def test_a_reference_link_translation_takes_the_inline_destination() -> None:
    from editions.adopt import carried_translation

    assert (
        carried_translation(
            "See [the docs](https://example.org/docs) now.",
            "See [the docs][docs] now.",
            "现在见[文档][docs]。",
        )
        == "现在见[文档](https://example.org/docs)。"
    )
    assert carried_translation("[Setup](a/setup.md)", "Setup", "设置") == "[设置](a/setup.md)"
    assert carried_translation("Title", "# Title", "# 标题") == "标题"
    assert carried_translation("[a](x) and [b](y)", "[a][1]", "[甲][1]") is None


def test_normalisation_equates_what_segmenters_write_differently() -> None:
    assert normalise("This is\nwrapped  text") == normalise("This is wrapped text")
    assert normalise("\\*not emphasis\\*") == normalise("*not emphasis*")
    assert normalise("- item") == normalise("item") == normalise("1. item")
    assert normalise("## Heading ##") == normalise("Heading")
    assert normalise("See [x][ref].") == normalise("See [x](https://e.org).")
    assert normalise("[Setup](setup.md)") == normalise("Setup")
    assert normalise("Setup it") != normalise("Set up it")


def test_an_entry_the_project_translated_is_never_overwritten(
    made: tuple[Path, Project],
) -> None:
    root, project = made
    path = project.po_path("zh_CN", "guide--features")
    text = path.read_text(encoding="utf-8").replace(
        'msgid "First step"\nmsgstr ""', 'msgid "First step"\nmsgstr "我们的第一步"'
    )
    path.write_text(text, encoding="utf-8")
    old = mdpo_catalog(root / "source", root / "mdpo.po")
    report = adopt(project, [old], "zh_CN")
    [entry] = [e for e in load_catalog(path).live() if e.msgid == "First step"]
    assert entry.msgstr == "我们的第一步"
    differing = [d for doc in report.documents for d in doc.differing]
    assert ("First step", "我们的第一步", "译文：First step") in differing
    assert "kept ours, old differs" in report.as_text()


def test_a_near_match_is_fuzzy_with_the_old_english_as_previous(tmp_path: Path) -> None:
    (tmp_path / "source").mkdir()
    (tmp_path / "source" / "doc.md").write_text(
        "# Doc\n\nThe institute was founded on November 28, 2018 in Quzhou.\n", encoding="utf-8"
    )
    project = _project(tmp_path)
    old = polib.POFile()
    old.metadata = {"Language": "zh_CN", "Content-Type": "text/plain; charset=UTF-8"}
    old.append(
        polib.POEntry(
            msgid="The institute was founded on November 28, 2018, in Quzhou.",
            msgstr="研究院于2018年11月28日在衢州成立。",
        )
    )
    old.save(str(tmp_path / "old.po"))
    adopt(project, [tmp_path / "old.po"], "zh_CN")
    [entry] = [e for e in load_catalog(project.po_path("zh_CN", "doc")).live() if e.msgid != "Doc"]
    assert FUZZY in entry.flags and entry.msgstr == "研究院于2018年11月28日在衢州成立。"
    assert entry.previous_msgid == "The institute was founded on November 28, 2018, in Quzhou."


def test_dry_run_writes_the_report_and_no_catalog(
    made: tuple[Path, Project], capsys: pytest.CaptureFixture[str]
) -> None:
    root, project = made
    old = mdpo_catalog(root / "source", root / "mdpo.po")
    before = {p: p.read_bytes() for p in project.locales_dir.rglob("*.po")}
    report_file = root / "report.txt"
    assert main(["adopt", str(old), "--lang", "zh_CN", "--project", str(root),
                 "--dry-run", "--report", str(report_file)]) == 0  # fmt: skip
    assert {p: p.read_bytes() for p in project.locales_dir.rglob("*.po")} == before
    text = report_file.read_text(encoding="utf-8")
    assert "locales/zh_CN/LC_MESSAGES/guide--features.po" in text
    assert "old entries that matched nothing:" in text
    assert "dry run: no catalog written" in capsys.readouterr().out


def test_adopting_twice_changes_nothing(made: tuple[Path, Project]) -> None:
    root, project = made
    old = mdpo_catalog(root / "source", root / "mdpo.po")
    adopt(project, [old], "zh_CN")
    first = {p: p.read_bytes() for p in project.locales_dir.rglob("*.po")}
    second = adopt(project, [old], "zh_CN")
    assert second.written == []
    assert {p: p.read_bytes() for p in project.locales_dir.rglob("*.po")} == first


def test_a_malformed_old_catalog_is_refused_with_its_line(made: tuple[Path, Project]) -> None:
    root, project = made
    (root / "bad.po").write_text('msgid "a"\nmsgstr "b\n', encoding="utf-8")
    before = {p: p.read_bytes() for p in project.locales_dir.rglob("*.po")}
    with pytest.raises(CatalogSyntaxError):
        adopt(project, [root / "bad.po"], "zh_CN")
    assert {p: p.read_bytes() for p in project.locales_dir.rglob("*.po")} == before


@pytest.mark.system("msgfmt")
def test_adopted_catalogs_are_valid_gettext(made: tuple[Path, Project]) -> None:
    root, project = made
    adopt(project, [mdpo_catalog(root / "source", root / "mdpo.po")], "zh_CN")
    for po in (project.locales_dir / "zh_CN" / "LC_MESSAGES").glob("*.po"):
        subprocess.run(
            [shutil.which("msgfmt") or "msgfmt", "-c", "-o", "/dev/null", str(po)], check=True
        )


def test_preprocessor_directives_are_kept_as_written_and_not_extracted(tmp_path: Path) -> None:
    from editions.segment import reassemble, segment_document

    source = (
        "# Title\n\n{{#include ../src/main.rs:2:5}}\n\n{{#rustdoc_include a.rs}}\n"
        "{{%segment outline%}}\n\nText that names {{#include x.rs}} in a sentence.\n"
    )
    assert [s.msgid for s in segment_document(source)] == [
        "Title",
        "Text that names {{#include x.rs}} in a sentence.",
    ]
    assert reassemble(source, lambda s: f"译{s.msgid}") == (
        "# 译Title\n\n{{#include ../src/main.rs:2:5}}\n\n{{#rustdoc_include a.rs}}\n"
        "{{%segment outline%}}\n\n译Text that names {{#include x.rs}} in a sentence.\n"
    )


def test_old_entries_editions_keeps_as_written_are_reported_apart(
    made: tuple[Path, Project],
) -> None:
    root, project = made
    old = polib.POFile()
    old.metadata = {"Language": "zh_CN", "Content-Type": "text/plain; charset=UTF-8"}
    for msgid in ("{{#include file.rs}}", "[docs]: https://example.org/docs", "Gone paragraph."):
        old.append(polib.POEntry(msgid=msgid, msgstr=translated(msgid)))
    old.save(str(root / "old.po"))
    text = adopt(project, [root / "old.po"], "zh_CN").as_text()
    assert "old entries that matched nothing: 1\n" in text and "Gone paragraph." in text
    assert "(link definitions, raw HTML, directives; kept as written in the source): 2" in text


def test_a_paragraph_the_old_tool_split_gets_its_pieces_joined(tmp_path: Path) -> None:
    (tmp_path / "source").mkdir()
    (tmp_path / "source" / "doc.md").write_text(
        "# Doc\n\nThe city opened the road. Robots drive on it\nevery day.\n", encoding="utf-8"
    )
    project = _project(tmp_path)
    old = polib.POFile()
    old.metadata = {"Language": "zh_CN", "Content-Type": "text/plain; charset=UTF-8"}
    old.append(polib.POEntry(msgid="The city opened the road.", msgstr="该市开通了这条路。"))
    old.append(
        polib.POEntry(msgid="Robots drive on it every day.", msgstr="机器人每天在路上行驶。")
    )
    old.save(str(tmp_path / "old.po"))
    report = adopt(project, [tmp_path / "old.po"], "zh_CN")
    [entry] = [e for e in load_catalog(project.po_path("zh_CN", "doc")).live() if e.msgid != "Doc"]
    assert entry.msgstr == "该市开通了这条路。机器人每天在路上行驶。"
    assert FUZZY not in entry.flags
    assert any("adopted joined from" in c and "(+1 more)" in c for c in entry.translator_comments)
    assert report.total(How.JOINED) == 1 and report.unmatched == []


def test_the_project_sets_which_directives_are_kept_as_written(tmp_path: Path) -> None:
    (tmp_path / "source").mkdir()
    (tmp_path / "source" / "doc.md").write_text(
        "# Doc\n\n{% include note.html %}\n\n{{#include a.rs}}\n", encoding="utf-8"
    )
    (tmp_path / "editions.toml").write_text(
        '[editions]\nsource-language = "en"\nlanguages = ["zh_CN"]\n'
        "[editions.extract]\ndirectives = ['\\{%[^%]*%\\}']\n",
        encoding="utf-8",
    )
    project = find_project(explicit=tmp_path)
    extract(project)
    msgids = [e.msgid for e in load_catalog(project.pot_path("doc")).live()]
    assert msgids == ["Doc", "{{#include a.rs}}"]  # Liquid kept as written; mdBook now text


def test_a_directive_that_is_no_regular_expression_is_refused_with_its_line(
    tmp_path: Path,
) -> None:
    from editions.errors import ProjectError

    (tmp_path / "editions.toml").write_text(
        '[editions]\nlanguages = ["zh_CN"]\n[editions.extract]\ndirectives = ["{{(#"]\n',
        encoding="utf-8",
    )
    with pytest.raises(ProjectError, match="is no regular expression") as info:
        find_project(explicit=tmp_path)
    assert info.value.line == 4
