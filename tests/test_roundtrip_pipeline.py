"""The corpus round trip through the real pipeline: extract, update, edit catalogs, build.

The segment-level test (test_roundtrip_corpus.py) proves where each block lands; this one
proves extract/update/build preserve that, with catalogs written and read back from disk.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path
from urllib.parse import unquote

import pytest

from editions.markdown import render_html
from editions.pofile import load_catalog, save_catalog
from editions.project import Project, find_project
from editions.render import build
from editions.render.html import parse_markdown
from editions.segment import reassemble
from editions.workflow import extract, update
from tests.conftest import DATA

CORPUS = sorted(p for p in (DATA / "corpus").rglob("*.md") if p.name != "SOURCES.md")


def collapse_outside_pre(html: str) -> str:
    """Runs of whitespace outside <pre> as one space (a soft break and a space render alike)."""
    parts = re.split(r"(<pre[\s>].*?</pre>)", html, flags=re.DOTALL)
    return "".join(p if p.startswith("<pre") else re.sub(r"\s+", " ", p) for p in parts)


@pytest.fixture(scope="module")
def corpus_project(tmp_path_factory: pytest.TempPathFactory) -> Project:
    root = tmp_path_factory.mktemp("corpus")
    (root / "source").mkdir()
    (root / "editions.toml").write_text('[editions]\nlanguages = ["zh_CN"]\n', encoding="utf-8")
    for index, path in enumerate(CORPUS):
        shutil.copy(path, root / "source" / f"{index:03d}-{path.stem}.md")
        _touch_images(root / "source", path.read_text(encoding="utf-8"))
    project = find_project(explicit=root)
    extract(project)
    update(project, "zh_CN")
    return project


def _touch_images(folder: Path, text: str) -> None:
    """The corpus names images it does not ship; a build refuses missing ones, so make them."""
    for src, _ in parse_markdown(text).image_sources():
        relative = unquote(src.split("#")[0].split("?")[0])
        if src and not re.match(r"[a-zA-Z][a-zA-Z0-9+.-]*:|/|#", src) and ".." not in relative:
            target = folder / relative
            if not target.is_file():
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(b"")


def fill_catalogs(project: Project, translate: Callable[[str], str]) -> None:
    for document in project.documents():
        path = project.po_path("zh_CN", document.domain)
        catalog = load_catalog(path)
        save_catalog(
            path,
            catalog.replace_entries(
                e.replace(msgstr=translate(e.msgid) if translate(e.msgid) else "")
                for e in catalog.entries
            ),
        )


def built_editions(project: Project, out: Path) -> dict[str, str]:
    build(project, ["zh_CN"], ["md"], out, threshold=0)
    return {
        d.path.name: (out / "zh_CN" / f"{d.domain}.md").read_text(encoding="utf-8")
        for d in project.documents()
    }


def test_corpus_has_at_least_40_real_documents() -> None:
    assert len(CORPUS) >= 40


def test_empty_catalogs_build_byte_identical_documents(
    corpus_project: Project, tmp_path: Path
) -> None:
    fill_catalogs(corpus_project, lambda msgid: "")
    for name, text in built_editions(corpus_project, tmp_path).items():
        assert text == (corpus_project.source_dir / name).read_text(encoding="utf-8"), name


def test_identity_catalogs_build_documents_that_render_the_same(
    corpus_project: Project, tmp_path: Path
) -> None:
    fill_catalogs(corpus_project, lambda msgid: msgid)
    for name, text in built_editions(corpus_project, tmp_path).items():
        source = (corpus_project.source_dir / name).read_text(encoding="utf-8")
        assert collapse_outside_pre(render_html(text)) == collapse_outside_pre(
            render_html(source)
        ), name


def test_changed_catalogs_put_each_text_exactly_where_its_block_was(
    corpus_project: Project, tmp_path: Path
) -> None:
    fill_catalogs(corpus_project, lambda msgid: f"【{msgid}】")
    for name, text in built_editions(corpus_project, tmp_path).items():
        source = (corpus_project.source_dir / name).read_text(encoding="utf-8")
        expected = reassemble(source.removeprefix("\ufeff"), lambda s: f"【{s.msgid}】")
        assert text.startswith("\ufeff") == source.startswith("\ufeff"), name  # BOM kept
        assert text.removeprefix("\ufeff") == expected, name
