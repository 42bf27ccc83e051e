"""Golden editions of the press release: English and Chinese, Markdown, HTML and bilingual.

Regenerate after an intended change with
``EDITIONS_UPDATE_GOLDEN=1 pytest tests/test_render_golden.py`` and review the diff.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from editions.markdown import render_html
from editions.render import build
from tests.render_support import DATA, PRESS_RELEASE, UPDATE_GOLDEN, press_release_project

GOLDEN = DATA / "golden"
CASES = [
    ("en", "deepblue-quzhou.md"),
    ("en", "deepblue-quzhou.html"),
    ("zh_CN", "deepblue-quzhou.md"),
    ("zh_CN", "deepblue-quzhou.html"),
    ("zh_CN", "deepblue-quzhou.bilingual.html"),
]


@pytest.fixture(scope="module")
def press_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("press")
    project = press_release_project(root)
    report = build(project, formats=["md", "html", "bilingual-html"], out_dir=root / "out")
    assert not report.unpublished, "the reviewed catalog must cover the whole press release"
    return root / "out"


@pytest.mark.parametrize(("language", "name"), CASES, ids=[f"{lang}/{n}" for lang, n in CASES])
def test_press_release_edition_matches_golden_file(
    press_build: Path, language: str, name: str
) -> None:
    produced = (press_build / language / name).read_text(encoding="utf-8")
    golden = GOLDEN / language / name
    if UPDATE_GOLDEN:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(produced, encoding="utf-8")
    assert produced == golden.read_text(encoding="utf-8")


def test_english_markdown_edition_is_the_source_byte_for_byte(press_build: Path) -> None:
    assert (press_build / "en" / "deepblue-quzhou.md").read_bytes() == PRESS_RELEASE.read_bytes()


def test_english_page_body_is_what_the_shared_parser_renders_with_heading_ids(
    press_build: Path,
) -> None:
    page = (press_build / "en" / "deepblue-quzhou.html").read_text(encoding="utf-8")
    article = re.search(r"<article>\n(.*)</article>", page, re.DOTALL)
    assert article is not None
    body = article.group(1).strip()
    assert re.findall(r"<h\d id=\"([^\"]+)\"", body)[0].startswith("deepblue-technology-made")
    without_ids = re.sub(r"(<h\d) id=\"[^\"]+\"", r"\1", body)
    assert without_ids == render_html(PRESS_RELEASE.read_text("utf-8")).strip()


def test_chinese_editions_carry_no_english_prose(press_build: Path) -> None:
    markdown = (press_build / "zh_CN" / "deepblue-quzhou.md").read_text(encoding="utf-8")
    assert markdown.startswith("# 深兰科技")
    assert "DeepBlue Technology will set up" not in markdown
    page = (press_build / "zh_CN" / "deepblue-quzhou.html").read_text(encoding="utf-8")
    assert '<html lang="zh-CN"' in page
    assert "<title>深兰科技" in page
