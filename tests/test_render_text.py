"""Plain-text editions: readable for e-mail and wire services, wrapped without breaking words."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from editions.render import build
from editions.render.html import parse_markdown
from editions.render.text import WIDTH, cells, text_edition, wrap
from tests.render_support import press_release_project

CLOSING = "，。、；：！？）》」』"


@pytest.fixture(scope="module")
def editions(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    root = tmp_path_factory.mktemp("text") / "proj"
    report = build(press_release_project(root), formats=["txt"], out_dir=root / "out")
    return {e.language: e.path.read_text(encoding="utf-8") for e in report.built}


def test_english_is_wrapped_at_72_columns_with_the_headline_underlined(
    editions: dict[str, str],
) -> None:
    lines = editions["en"].splitlines()
    assert lines[0].startswith("DeepBlue Technology Made the Layout in Quzhou")
    underline = next(i for i, line in enumerate(lines) if set(line) == {"="})
    assert len(lines[underline]) == max(len(line) for line in lines[:underline])
    assert max(len(line) for line in lines) <= WIDTH
    assert "*" not in editions["en"] and "#" not in editions["en"]  # no Markdown left
    source = Path("source/deepblue-quzhou.md").read_text(encoding="utf-8")
    assert " ".join(editions["en"].split()[len(lines[0].split()) :]).count("Quzhou") > 5
    assert " ".join(source.split()).endswith(" ".join(editions["en"].split()[-12:]))


def test_chinese_breaks_only_after_punctuation_and_never_before_closing_marks(
    editions: dict[str, str],
) -> None:
    text = editions["zh_CN"]
    paragraphs = text.rstrip("\n").split("\n\n")[1:]
    breaks = 0
    for paragraph in paragraphs:
        lines = paragraph.split("\n")
        for before, after in itertools.pairwise(lines):
            breaks += 1
            assert before[-1] in "，。、；：！？）》」』”", f"break inside a run: {before[-8:]}|"
            assert after[0] not in CLOSING
    assert breaks > 10
    # joining the lines gives back the translation: no space was inserted, no word cut
    body = "".join(paragraphs[1].split("\n"))
    assert " " not in body and "衢州" in body
    # a line runs past 72 columns only when it has no break point before its end
    for line in text.splitlines():
        if cells(line) > WIDTH:
            assert not any(char in "，。、；：！？" for char in line[:-1]), line


def test_wrap_never_breaks_a_url_or_word_even_past_the_width() -> None:
    url = "https://example.com/" + "a" * 80
    assert wrap(f"see {url} now", width=72) == ["see", url, "now"]
    assert wrap("深兰科技" * 30, width=72) == ["深兰科技" * 30]  # no break point: kept whole


def test_cells_count_wide_characters_twice() -> None:
    assert cells("衢州 AI") == 7


def test_links_lists_quotes_tables_and_contact_read_as_text() -> None:
    document = parse_markdown(
        "# Title\n\nSee [the agreement](https://example.com/a) and <https://example.com/b>.\n\n"
        "- first item\n- second item\n\n3. three\n4. four\n\n> quoted\n\n"
        "| Name | City |\n|---|---|\n| 深兰 | 衢州 |\n\n![Signing ceremony](photo.jpg)\n"
    )
    text = text_edition(
        document, dateline="November 28, 2018", contact=["Press office", "press@x.example"],
        contact_label="Media contact",
    )  # fmt: skip
    assert text == (
        "Title\n=====\n\nNovember 28, 2018\n\n"
        "See the agreement <https://example.com/a> and https://example.com/b.\n\n"
        "- first item\n- second item\n\n3. three\n4. four\n\n> quoted\n\n"
        "Name  City\n----  ----\n深兰  衢州\n\n[Signing ceremony]\n\n"
        "Media contact\nPress office\npress@x.example\n"
    )


def test_list_items_wrap_under_a_hanging_indent() -> None:
    words = " ".join(["word"] * 40)
    text = text_edition(parse_markdown(f"- {words}\n"))
    lines = text.rstrip("\n").split("\n")
    assert lines[0].startswith("- word") and all(line.startswith("  word") for line in lines[1:])
    assert max(len(line) for line in lines) <= WIDTH
