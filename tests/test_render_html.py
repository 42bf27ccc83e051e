"""HTML editions: well-formed pages, working links, titles, dates, no injection via catalogs."""

from __future__ import annotations

from pathlib import Path

import pytest

from editions.errors import SourceError
from editions.render import build
from tests.render_support import make_project, parse_page, po, press_release_project, snapshot

DATED = """---
title: "Quzhou signs with DeepBlue"
date: 2018-11-28
---

# DeepBlue in Quzhou

The conference was held in Quzhou.
"""
DATED_ZH = {
    "Quzhou signs with DeepBlue": "衢州与深兰签约",
    "DeepBlue in Quzhou": "深兰在衢州",
    "The conference was held in Quzhou.": "大会在衢州召开。",
}


def all_pages(out: Path) -> list[Path]:
    return sorted(out.rglob("*.html"))


def test_every_page_parses_with_html5lib_without_errors(tmp_path: Path) -> None:
    project = press_release_project(tmp_path, languages=("zh_CN", "zh_TW", "zh_HK"))
    build(project, formats=["md", "html", "bilingual-html"], out_dir=tmp_path / "out")
    build(project, formats=["html"], out_dir=tmp_path / "drafts", drafts=True)
    pages = all_pages(tmp_path / "out") + all_pages(tmp_path / "drafts")
    assert len(pages) == (4 + 3 + 1) + (4 + 1)  # html x4, bilingual x3, index; drafts build
    for page in pages:
        tree = parse_page(page)  # strict: raises on the first parse error
        assert tree.find(".//title").text


def test_switcher_and_index_links_resolve_to_files_that_exist(tmp_path: Path) -> None:
    project = press_release_project(tmp_path, languages=("zh_CN", "zh_TW"))
    out = tmp_path / "out"
    build(project, formats=["md", "html", "bilingual-html"], out_dir=out)
    checked = 0
    for page in all_pages(out):
        for link in parse_page(page).iter("a"):
            href = link.get("href")
            assert href and not href.startswith(("http:", "https:", "/"))
            assert (page.parent / href).resolve().is_file(), f"{page}: {href}"
            checked += 1
    switcher = parse_page(out / "zh_CN" / "deepblue-quzhou.html").find(".//nav")
    labels = ["".join(item.itertext()) for item in switcher.iter("li")]
    assert labels == ["English", "简体中文", "繁體中文（台灣）"]
    assert checked >= 3 * 3 + 2 * 2 + 8


def test_page_language_and_title_come_from_the_translated_document(tmp_path: Path) -> None:
    project = press_release_project(tmp_path)
    build(project, formats=["html"], out_dir=tmp_path / "out")
    tree = parse_page(tmp_path / "out" / "zh_CN" / "deepblue-quzhou.html")
    assert tree.get("lang") == "zh-CN"
    assert tree.find(".//title").text == "".join(tree.find(".//h1").itertext())
    assert tree.find(".//title").text.startswith("深兰科技")


def test_front_matter_title_names_the_page_and_date_is_written_the_local_way(
    tmp_path: Path,
) -> None:
    project = make_project(tmp_path, {"news": DATED}, {("zh_CN", "news"): po("zh_CN", DATED_ZH)})
    build(project, formats=["html", "bilingual-html"], out_dir=tmp_path / "out")
    english = parse_page(tmp_path / "out" / "en" / "news.html")
    chinese = parse_page(tmp_path / "out" / "zh_CN" / "news.html")
    assert english.find(".//title").text == "Quzhou signs with DeepBlue"
    assert chinese.find(".//title").text == "衢州与深兰签约"
    assert english.find(".//time").text == "November 28, 2018"
    assert chinese.find(".//time").text == "2018年11月28日"
    assert chinese.find(".//time").get("datetime") == "2018-11-28"
    bilingual = parse_page(tmp_path / "out" / "zh_CN" / "news.bilingual.html")
    assert [t.text for t in bilingual.iter("time")] == ["November 28, 2018", "2018年11月28日"]


def test_a_date_that_is_not_iso_is_an_error_naming_file_and_line_and_nothing_is_written(
    tmp_path: Path,
) -> None:
    project = make_project(tmp_path, {"news": DATED.replace("2018-11-28", "28/11/2018")})
    with pytest.raises(SourceError) as caught:
        build(project, formats=["md", "html"], out_dir=tmp_path / "out")
    assert caught.value.line == 3
    assert caught.value.path is not None and caught.value.path.endswith("news.md")
    assert not (tmp_path / "out").exists() or not snapshot(tmp_path / "out")


INJECTIONS = {
    "script": "深兰<script>alert('x')</script>在衢州",
    "script-block": "<script>\nalert('x')\n</script>",
    "onerror": '深兰 <img src="x" onerror="alert(1)"> 在衢州',
    "svg-onload": "<svg onload=alert(1)>深兰</svg>",
    "javascript-link": "[深兰](javascript:alert(1))",
    "javascript-link-entity": "[深兰](jav&#x61;script:alert(1))",
    "iframe-block": '<iframe src="javascript:alert(1)"></iframe>',
}


@pytest.mark.parametrize("translation", INJECTIONS.values(), ids=INJECTIONS.keys())
def test_a_translation_cannot_inject_script_into_the_page(tmp_path: Path, translation: str) -> None:
    source = "# Title\n\nDeepBlue in Quzhou.\n"
    catalog = po("zh_CN", {"Title": "标题", "DeepBlue in Quzhou.": translation})
    project = make_project(tmp_path, {"doc": source}, {("zh_CN", "doc"): catalog})
    build(project, formats=["html", "bilingual-html"], out_dir=tmp_path / "out")
    for name in ("doc.html", "doc.bilingual.html"):
        tree = parse_page(tmp_path / "out" / "zh_CN" / name)
        assert tree.find(".//script") is None
        assert tree.find(".//iframe") is None
        for element in tree.iter():
            for attribute, value in element.attrib.items():
                assert not attribute.lower().startswith("on"), (element.tag, attribute)
                assert "javascript:" not in value.lower().replace("&#x61;", "a")
        text = "".join(tree.find(".//main").itertext())
        assert "alert" in text, "the neutralised markup still shows as text"


def test_raw_html_written_by_the_author_survives_in_every_edition(tmp_path: Path) -> None:
    source = (
        '# Title\n\n<div class="box">\n\nInside the box.\n\n</div>\n\nH<sub>2</sub>O is water.\n'
    )
    catalog = po(
        "zh_CN",
        {
            "Title": "标题",
            "Inside the box.": "盒子里。",
            "H<sub>2</sub>O is water.": "H<sub>2</sub>O 是水。",
        },
    )
    project = make_project(tmp_path, {"doc": source}, {("zh_CN", "doc"): catalog})
    build(project, formats=["html"], out_dir=tmp_path / "out")
    tree = parse_page(tmp_path / "out" / "zh_CN" / "doc.html")
    box = tree.find(".//div[@class='box']")
    assert box is not None and "".join(box.itertext()).strip() == "盒子里。"
    assert tree.find(".//sub").text == "2"


def test_bilingual_page_pairs_each_source_block_with_its_translation(tmp_path: Path) -> None:
    project = press_release_project(tmp_path)
    build(project, formats=["bilingual-html"], out_dir=tmp_path / "out")
    tree = parse_page(tmp_path / "out" / "zh_CN" / "deepblue-quzhou.bilingual.html")
    pairs = [div for div in tree.iter("div") if div.get("class", "").startswith("pair")]
    assert len(pairs) == 8
    first = pairs[1]
    source, target = (child for child in first if child.tag == "div")
    assert source.get("lang") == "en" and target.get("lang") == "zh-CN"
    assert "".join(source.itertext()).strip().startswith("The founding conference")
    assert "".join(target.itertext()).strip().startswith("2018年11月28日")


def test_untranslated_block_is_marked_on_the_bilingual_page(tmp_path: Path) -> None:
    source = "# Title\n\nFirst paragraph.\n\nSecond paragraph.\n"
    catalog = po("zh_CN", {"Title": "标题", "First paragraph.": "第一段。"})
    project = make_project(tmp_path, {"doc": source}, {("zh_CN", "doc"): catalog})
    build(project, formats=["bilingual-html"], out_dir=tmp_path / "out", threshold=0)
    tree = parse_page(tmp_path / "out" / "zh_CN" / "doc.bilingual.html")
    classes = [div.get("class") for div in tree.iter("div") if "pair" in div.get("class", "")]
    assert classes == ["pair", "pair", "pair untranslated"]


def test_a_project_template_overrides_the_shipped_one(tmp_path: Path) -> None:
    project = press_release_project(tmp_path)
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "edition.html.j2").write_text(
        '{% extends "base.html.j2" %}{% block content %}<main class="house-style">'
        "{{ body }}</main>{% endblock %}\n",
        encoding="utf-8",
    )
    build(project, formats=["html"], out_dir=tmp_path / "out")
    tree = parse_page(tmp_path / "out" / "zh_CN" / "deepblue-quzhou.html")
    assert tree.find(".//main").get("class") == "house-style"
    assert tree.find(".//nav") is None


def test_english_fallback_blocks_are_marked_as_english_on_a_chinese_page(tmp_path: Path) -> None:
    source = "# Title\n\nFirst paragraph.\n\nSecond paragraph.\n"
    catalog = po("zh_CN", {"Title": "标题", "First paragraph.": "第一段。"})
    project = make_project(tmp_path, {"doc": source}, {("zh_CN", "doc"): catalog})
    build(project, formats=["html"], out_dir=tmp_path / "out", threshold=0)
    paragraphs = parse_page(tmp_path / "out" / "zh_CN" / "doc.html").findall(".//article/p")
    assert [(p.text, p.get("lang")) for p in paragraphs] == [
        ("第一段。", None),
        ("Second paragraph.", "en"),
    ]
