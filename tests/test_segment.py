"""Segmentation and reassembly, block kind by block kind; golden files in tests/data/segment.

Regenerate the golden JSON after an intended change with ``EDITIONS_UPDATE_GOLDEN=1 pytest``
and review the diff.
"""

from __future__ import annotations

import itertools
import json
import os
from pathlib import Path

import pytest

from editions.markdown import markdown_parser, render_html
from editions.segment import Segment, reassemble, segment_document
from tests.test_roundtrip_corpus import normalised_html

GOLDEN = Path(__file__).resolve().parent / "data" / "segment"


def msgids(text: str) -> list[str]:
    return [segment.msgid for segment in segment_document(text)]


def translate_all(text: str, translation: str) -> str:
    return reassemble(text, lambda segment: translation)


def block_structure(text: str) -> list[tuple[str, str, int, str]]:
    """The document's blocks as markdown-it sees them (no inline content)."""
    return [
        (token.type, token.tag, token.level, str(token.attrs))
        for token in markdown_parser().parse(text)
        if token.type != "inline"
    ]


# --- golden files -------------------------------------------------------------------------


def _as_json(text: str, segments: list[Segment]) -> str:
    rows = [
        {
            "line": s.line,
            "kind": s.kind,
            "msgid": s.msgid,
            "source": text[s.start : s.end],
            "form": s.form,
            "continuation": s.continuation,
        }
        for s in segments
    ]
    return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"


@pytest.mark.parametrize("name", sorted(p.stem for p in GOLDEN.glob("*.md")))
def test_segments_match_golden_file(name: str) -> None:
    text = (GOLDEN / f"{name}.md").read_text(encoding="utf-8")
    actual = _as_json(text, segment_document(text))
    expected_path = GOLDEN / f"{name}.json"
    if os.environ.get("EDITIONS_UPDATE_GOLDEN"):
        expected_path.write_text(actual, encoding="utf-8")
    assert actual == expected_path.read_text(encoding="utf-8")


def test_golden_press_release_is_the_project_source() -> None:
    source = Path(__file__).resolve().parents[1] / "source" / "deepblue-quzhou.md"
    golden = GOLDEN / "deepblue-quzhou.md"
    assert golden.read_text(encoding="utf-8") == source.read_text(encoding="utf-8")


# --- the parser ---------------------------------------------------------------------------


def test_parser_is_shared_and_has_tables_and_front_matter() -> None:
    assert markdown_parser() is markdown_parser()
    html = render_html("---\ntitle: Hidden\n---\n\n| a | b |\n|---|---|\n| 1 | 2 |\n")
    assert "<table>" in html
    assert "Hidden" not in html


# --- headings -----------------------------------------------------------------------------


def test_atx_heading_msgid_has_no_markers_or_closing_run() -> None:
    segments = segment_document("## Getting *started* ##\n")
    assert [(s.msgid, s.kind, s.line) for s in segments] == [("Getting *started*", "heading", 1)]
    assert translate_all("## Getting *started* ##\n", "开始") == "## 开始 ##\n"


def test_setext_heading_is_one_segment_and_keeps_its_underline() -> None:
    text = "Two line\nheading\n=======\n\nText.\n"
    assert msgids(text) == ["Two line heading", "Text."]
    assert segment_document(text)[0].kind == "heading"
    assert reassemble(text, lambda s: "标题" if s.kind == "heading" else None) == (
        "标题\n=======\n\nText.\n"
    )


def test_heading_translation_ending_in_hashes_keeps_them_as_text() -> None:
    output = translate_all("# Title\n", "Learn C #")
    assert render_html(output) == "<h1>Learn C #</h1>\n"


# --- paragraphs, soft and hard breaks -----------------------------------------------------


def test_soft_breaks_become_single_spaces_without_continuation_indentation() -> None:
    assert msgids("One line\n   and the next, \n\tand a third.\n") == [
        "One line and the next, and a third."
    ]


def test_chinese_translation_of_a_wrapped_paragraph_is_one_line() -> None:
    text = "The conference\nwas held\nin Quzhou.\n\nNext.\n"
    output = reassemble(text, lambda s: "会议在衢州举行。" if s.msgid.startswith("The") else None)
    assert output == "会议在衢州举行。\n\nNext.\n"
    assert "<p>会议在衢州举行。</p>" in render_html(output)


def test_two_space_hard_break_is_shown_as_backslash_and_written_back_as_a_break() -> None:
    text = "Roses are red,  \nviolets are blue.\n"
    assert msgids(text) == ["Roses are red,\\\nviolets are blue."]
    output = translate_all(text, "玫瑰是红的，\\\n紫罗兰是蓝的。")
    assert output == "玫瑰是红的，\\\n紫罗兰是蓝的。\n"
    assert render_html(output) == "<p>玫瑰是红的，<br />\n紫罗兰是蓝的。</p>\n"


def test_hard_break_in_nested_container_gets_the_container_prefix() -> None:
    text = "1. > quoted\\\n   > line\n"
    [segment] = segment_document(text)
    assert segment.msgid == "quoted\\\nline"
    assert segment.continuation == "   > "
    output = translate_all(text, "第一\\\n第二\\\n第三")
    assert output == "1. > 第一\\\n   > 第二\\\n   > 第三\n"
    assert block_structure(output) == block_structure(text)


def test_backslash_at_end_of_code_span_line_is_not_a_hard_break() -> None:
    assert msgids("Run `foo\\\nbar` now.\n") == ["Run `foo\\\nbar` now."]
    # Inside a code span the newline becomes a space and the blanks around it stay.
    assert msgids("Run `foo \nbar` now.\n") == ["Run `foo  bar` now."]


def test_text_inside_a_raw_html_pre_keeps_its_line_breaks() -> None:
    text = (
        "<table><tr><td>\n<pre>\n**Hi**,\n\n_all_\nof you.\n</pre>\n</td></tr></table>\n\n"
        "Join\nus.\n"
    )
    assert msgids(text) == ["_all_\nof you.\n</pre>", "Join us."]
    assert normalised_html(reassemble(text, lambda s: s.msgid)) == normalised_html(text)


def test_inline_markup_stays_as_markdown_in_the_msgid() -> None:
    text = 'Use **bold**, _emphasis_, `code`, [a link](https://x.org "t") and <kbd>Ctrl</kbd>.\n'
    assert msgids(text) == [text.strip()]


# --- lists and quotes ---------------------------------------------------------------------


def test_list_items_lose_their_markers_and_keep_their_numbering() -> None:
    text = "3. third\n4. fourth\n   continued\n"
    segments = segment_document(text)
    assert [(s.msgid, s.kind, s.line) for s in segments] == [
        ("third", "list item", 1),
        ("fourth continued", "list item", 2),
    ]
    assert translate_all(text, "项") == "3. 项\n4. 项\n"


def test_nested_lists_give_one_segment_per_item_with_deeper_continuations() -> None:
    text = "- outer\n  - inner\n    - innermost\n"
    segments = segment_document(text)
    assert [s.msgid for s in segments] == ["outer", "inner", "innermost"]
    assert [s.continuation for s in segments] == ["  ", "    ", "      "]


def test_blockquote_paragraphs_lose_the_quote_markers() -> None:
    text = "> first line\n> second line\n>\n> > nested\n"
    segments = segment_document(text)
    assert [(s.msgid, s.kind) for s in segments] == [
        ("first line second line", "blockquote"),
        ("nested", "blockquote"),
    ]


# --- tables -------------------------------------------------------------------------------


def test_table_cells_are_segments_of_header_and_body() -> None:
    text = "| Name | Role |\n|---|---|\n| Ada | writes *code* |\n"
    assert [(s.msgid, s.kind, s.line) for s in segment_document(text)] == [
        ("Name", "table header", 1),
        ("Role", "table header", 1),
        ("Ada", "table cell", 3),
        ("writes *code*", "table cell", 3),
    ]


def test_pipes_in_a_cell_translation_are_escaped_and_columns_stay() -> None:
    text = "| a | b |\n|---|---|\n| one | two |\n"
    output = translate_all(text, "x | y")
    assert output == "| x \\| y | x \\| y |\n|---|---|\n| x \\| y | x \\| y |\n"
    assert render_html(output).count("<td>x | y</td>") == 2


def test_first_cell_of_a_row_without_leading_pipe_cannot_start_a_block() -> None:
    text = "a | b\n--|--\nc | d\ne | f\n"
    output = reassemble(text, lambda s: "- item" if s.msgid == "e" else None)
    assert output.splitlines()[3] == "\\- item | f"
    assert block_structure(output) == block_structure(text)


# --- images -------------------------------------------------------------------------------


def test_image_alone_gives_its_alt_text_and_in_prose_stays_in_the_paragraph() -> None:
    text = "![A red car](car.png)\n\nSee ![the map](map.png) here.\n"
    assert [(s.msgid, s.kind) for s in segment_document(text)] == [
        ("A red car", "image alt"),
        ("See ![the map](map.png) here.", "paragraph"),
    ]
    assert reassemble(text, lambda s: "一辆红车" if s.kind == "image alt" else None) == (
        "![一辆红车](car.png)\n\nSee ![the map](map.png) here.\n"
    )


def test_alt_translation_with_brackets_keeps_the_image() -> None:
    output = translate_all("![logo](logo.png)\n", "a ] b [")
    assert render_html(output) == '<p><img src="logo.png" alt="a ] b [" /></p>\n'


def test_shortcut_reference_image_keeps_its_label_as_reference() -> None:
    text = "![Project logo]\n\n[project logo]: logo.png\n"
    output = translate_all(text, "项目标志")
    assert output == "![项目标志][Project logo]\n\n[project logo]: logo.png\n"
    assert 'alt="项目标志"' in render_html(output)


# --- front matter -------------------------------------------------------------------------


def test_front_matter_gives_translatable_string_fields_only() -> None:
    text = '---\ntitle: Hello\nlayout: post\nsummary: "Quoted \\u00e9"\ntags: [a]\n---\n\nBody.\n'
    assert [(s.msgid, s.kind, s.line) for s in segment_document(text)] == [
        ("Hello", "front matter title", 2),
        ("Quoted é", "front matter summary", 4),
        ("Body.", "paragraph", 8),
    ]


def test_front_matter_translation_is_quoted_when_plain_would_not_read_back() -> None:
    text = "---\ntitle: Hello\ndescription: 'It''s'\n---\n"
    output = reassemble(text, lambda s: {"Hello": "Note: #1", "It's": "它's"}.get(s.msgid))
    assert output == "---\ntitle: \"Note: #1\"\ndescription: '它''s'\n---\n"
    assert msgids(output) == ["Note: #1", "它's"]


# --- what is not translated ---------------------------------------------------------------


def test_code_html_references_breaks_and_letterless_blocks_are_not_extracted() -> None:
    text = (GOLDEN / "not-translated.md").read_text(encoding="utf-8")
    assert msgids(text) == ["Only this paragraph is translatable."]


# --- reassembly safety --------------------------------------------------------------------


@pytest.mark.parametrize(
    "translation",
    [
        "# not a heading",
        "1. not a list",
        "1) not a list",
        "- not a list",
        "+ not a list",
        "> not a quote",
        "    not code",
        "```",
        "~~~ not a fence",
        "===",
        "---",
        "***",
        "<div>not html</div>",
        "<!-- not a comment",
        "[ref]: /not-a-definition",
        "line one\\\n# two\\\n- three\\\n> four\\\n1. five\\\n---",
        "line one\n===",
        "| a | b |\n|---|---|",
        "first\n\nsecond",
    ],
)
def test_translation_that_looks_like_markup_cannot_change_the_blocks(translation: str) -> None:
    text = (
        "# Heading\n\nParagraph one\ncontinues.\n\n- item\n\n> quote\n\n"
        "| a | b |\n|---|---|\n| c | d |\n"
    )
    output = translate_all(text, translation)
    assert block_structure(output) == block_structure(text)
    if any(char.isalpha() for char in translation):
        assert len(segment_document(output)) == len(segment_document(text))


def test_none_or_blank_translation_keeps_the_english() -> None:
    text = "One.\n\nTwo.\n"
    assert reassemble(text, lambda s: None) == text
    assert reassemble(text, lambda s: "  \n") == text


def test_crlf_document_keeps_its_line_endings_and_offsets_are_into_the_original() -> None:
    text = "# Title\r\n\r\nLine one  \r\nline two\r\n"
    segments = segment_document(text)
    assert [text[s.start : s.end] for s in segments] == ["Title", "Line one  \r\nline two"]
    assert reassemble(text, lambda s: None) == text
    output = reassemble(text, lambda s: s.msgid)
    assert output == "# Title\r\n\r\nLine one\\\r\nline two\r\n"
    assert normalised_html(output) == normalised_html(text)


def test_segments_are_in_document_order_and_never_overlap() -> None:
    text = (GOLDEN / "containers.md").read_text(encoding="utf-8")
    segments = segment_document(text)
    assert all(a.end <= b.start for a, b in itertools.pairwise(segments))
    assert [s.line for s in segments] == sorted(s.line for s in segments)


def test_repeated_blocks_are_all_listed() -> None:
    assert msgids("Same.\n\nSame.\n\n- Same.\n") == ["Same.", "Same.", "Same."]


def test_line_numbers_are_where_the_text_starts() -> None:
    text = "\n\nIntro\n\n> quoted\n\n| h |\n|---|\n| cell |\n"
    assert [(s.msgid, s.line) for s in segment_document(text)] == [
        ("Intro", 3),
        ("quoted", 5),
        ("h", 7),
        ("cell", 9),
    ]
