"""Masking and sentence splitting: the pure text transforms around MT."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from editions.engines.masking import glossary_terms, lost_masks, mask_text, unmask
from editions.engines.sentences import join_sentences, split_sentences
from editions.glossary import parse_glossary

REPO = Path(__file__).resolve().parents[1]
TERMS = [(re.compile(r"(?<![\w-])DeepBlue Technology(?![\w-])"), "深兰科技")]


def identity_roundtrip(text: str) -> str:
    masked = mask_text(text)
    restored = unmask(masked.text, masked, "en")
    assert restored.ok
    return restored.text


@pytest.mark.parametrize(
    "text",
    [
        "Read **the report** and *notes* now.",
        'See [the report](https://example.com/a_(b) "Title") for details.',
        "Run `editions draft --lang zh_CN` first.",
        "Logo: ![DeepBlue logo](img/logo.png) and <https://deepblueai.com>.",
        "Mail press@deepblueai.com or visit https://deepblueai.com/news.",
        "Hello %s, you have %(count)d messages and {name} waits; 50% done.",
        "More than 3.3 billion pieces and 52,600 cameras on November 28, 2018.",
        "Escaped \\*stars\\* and &amp; entities and <b>bold</b> html.",
        "Snake_case_words and intra*word*emphasis stay.",
        "A literal ZQ1 in the English survives.",
    ],
)
def test_masking_then_unmasking_an_untranslated_text_gives_it_back(text: str) -> None:
    assert identity_roundtrip(text) == text


def test_link_text_is_translated_but_its_destination_is_masked() -> None:
    masked = mask_text("See [the report](https://example.com/r) now.")
    assert "the report" in masked.text
    assert "example.com" not in masked.text
    assert [m.kind for m in masked.masks] == ["link", "link"]


def test_code_spans_urls_numbers_and_placeholders_are_hidden_from_mt() -> None:
    masked = mask_text("Run `make all` at https://x.org with %s and {n} for 52,600 users")
    for hidden in ("make all", "x.org", "%s", "{n}", "52,600"):
        assert hidden not in masked.text


def test_glossary_term_is_restored_as_the_target_term() -> None:
    masked = mask_text("DeepBlue Technology opens in Quzhou.", TERMS)
    assert "DeepBlue" not in masked.text
    translation = masked.text.replace("opens in Quzhou.", "在衢州开业。")
    assert unmask(translation, masked, "zh_CN").text == "深兰科技在衢州开业。"


def test_press_release_glossary_prefers_the_longest_term() -> None:
    glossary_file = REPO / "locales" / "glossary.toml"
    assert glossary_file.is_file(), "the project glossary is committed"
    glossary = parse_glossary(glossary_file.read_text("utf-8"))
    masked = mask_text(
        "DeepBlue Technology and Quzhou Municipal Party Committee signed.",
        glossary_terms(glossary, "zh_CN"),
    )
    assert sorted(m.restore for m in masked.masks) == ["深兰科技", "衢州市委"]


def test_spaces_the_model_puts_around_tokens_are_dropped_next_to_chinese() -> None:
    masked = mask_text("The **new** office in Quzhou.", [(re.compile("Quzhou"), "衢州")])
    # the model answered "ZQ3 的 ZQ1 新 ZQ2 办公室" in some order with spaces around tokens
    tokens = [m.token for m in masked.masks]
    translation = f"{tokens[2]} 的 {tokens[0]} 新 {tokens[1]} 办公室。"
    assert unmask(translation, masked, "zh_CN").text == "衢州的**新**办公室。"


def test_missing_or_doubled_token_is_reported_as_lost() -> None:
    masked = mask_text("Visit https://a.org and https://b.org today.")
    first, second = (m.token for m in masked.masks)
    assert [m.original for m in lost_masks(f"访问 {first}。", masked.masks)] == ["https://b.org"]
    assert unmask(f"{first} {first} {second}", masked, "zh_CN").lost
    assert not unmask(f"今天访问 {second} 和 {first}。", masked, "zh_CN").lost


def test_mangled_token_fragment_is_never_let_through() -> None:
    masked = mask_text("Visit https://a.org today.")
    (token,) = (m.token for m in masked.masks)
    assert unmask(f"今天访问 {token}，ZQ 网站。", masked, "zh_CN").lost
    assert unmask("今天访问ZQby网站。", mask_text("Visit the site today."), "zh_CN").lost
    assert not unmask(f"今天访问 {token}。", masked, "zh_CN").lost


def test_markup_tokens_that_change_order_are_reported_as_lost() -> None:
    masked = mask_text("A **bold** word.")
    opening, closing = (m.token for m in masked.masks)
    assert unmask(f"一个 {closing} 粗 {opening} 词。", masked, "zh_CN").lost


def test_model_spacing_inside_a_token_is_tolerated() -> None:
    masked = mask_text("Call 911 now.")
    assert unmask("现在拨打 ZQ 1。", masked, "zh_CN").text == "现在拨打911。"


@given(st.text(alphabet=st.sampled_from(list("ab *_`[]()!<>:/.%{}\\&;1,2 \n")), max_size=60))
def test_mask_unmask_roundtrip_property(text: str) -> None:
    masked = mask_text(text)
    assert unmask(masked.text, masked, "en").text.split() == text.split()


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        (
            "Dr. WANG Xinlei was engaged. He will help.",
            ["Dr. WANG Xinlei was engaged.", "He will help."],
        ),
        (
            "So far, more than 3.3 billion pieces have been collected. In the future it grows.",
            [
                "So far, more than 3.3 billion pieces have been collected.",
                "In the future it grows.",
            ],
        ),
        (
            "Robots for cleaning, etc., with vision as the drive.",
            ["Robots for cleaning, etc., with vision as the drive."],
        ),
        ("Logistics, patrol, etc. The city grows.", ["Logistics, patrol, etc.", "The city grows."]),
        ("He said “yes.” Then he left!", ["He said “yes.”", "Then he left!"]),
        ("Mr. J. Smith met e.g. the mayor.", ["Mr. J. Smith met e.g. the mayor."]),
        ("One line\nTwo lines. Three", ["One line", "Two lines.", "Three"]),
    ],
)
def test_sentence_splitting_of_english(text: str, sentences: list[str]) -> None:
    pieces = split_sentences(text)
    assert [p.text for p in pieces if p.text] == sentences
    assert "".join(p.text + p.separator for p in pieces) == text


def test_chinese_sentences_are_joined_without_spaces_but_keep_line_breaks() -> None:
    pieces = split_sentences("One. Two.\nThree.")
    assert join_sentences(pieces, ["一。", "二。", "三。"], "zh_CN") == "一。二。\n三。"
    assert join_sentences(pieces, ["Un.", "Deux.", "Trois."], "fr") == "Un. Deux.\nTrois."


def test_chinese_join_keeps_the_space_after_a_sentence_left_in_latin_script() -> None:
    pieces = split_sentences("It was 2018. At the conference. Done.")
    joined = join_sentences(pieces, ["那是2018.", "在大会上。", "完毕。"], "zh_CN")
    assert joined == "那是2018. 在大会上。完毕。"


@given(st.text(alphabet=st.sampled_from(list("Ab. !?”\n3,")), max_size=80))
def test_sentence_split_keeps_every_character(text: str) -> None:
    assert "".join(p.text + p.separator for p in split_sentences(text)) == text
