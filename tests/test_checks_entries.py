"""Every entry check: a real failure and a near miss, as one-line fails/passes pairs."""

from __future__ import annotations

import pytest

from editions.catalog import Entry
from editions.checks.completeness import english_change
from editions.checks.model import Severity
from editions.checks.numbers import chinese_numeral_value, source_numbers, target_values
from editions.checks.registry import all_checks
from editions.checks.testing import fails, passes, run_one
from editions.glossary import parse_glossary

GLOSSARY = parse_glossary(
    """
[[term]]
en = "DeepBlue Technology"
zh_CN = "深兰科技"
forbidden.zh_CN = ["深蓝科技"]
[[term]]
en = "Quzhou"
zh_CN = "衢州"
forbidden.zh_CN = ["曲州"]
"""
)


# numbers and dates ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("english", "chinese"),
    [
        ("There are 52,600 cameras.", "共有52600个摄像头。"),
        ("There are 52,600 cameras.", "共有5.26万个摄像头。"),
        ("There are 52,600 cameras.", "共有52,600个摄像头。"),
        ("There are 52,600 cameras.", "共有五万二千六百个摄像头。"),
        ("more than 9 million pieces", "超过900万条"),
        ("more than 3.3 billion pieces", "超过33亿条"),
        ("more than 3.3 billion pieces", "超过 33 亿条"),
        ("held on November 28, 2018.", "于2018年11月28日举行。"),
        ("held on November 28, 2018.", "于二〇一八年十一月二十八日举行。"),
        ("On November 27, it was founded.", "11月27日，它成立了。"),
        ("Version 1.2.3 is out", "1.2.3 版已发布"),
        ("failed to read %.250s at byte 10", "读取 %.250s 第 10 字节失败"),
        ("2-sided printing", "双面打印"),
    ],
)
def test_chinese_number_forms_match_the_source(english: str, chinese: str) -> None:
    passes("E-number-mismatch", english, chinese)


@pytest.mark.parametrize(
    ("english", "chinese"),
    [
        ("There are 52,600 cameras.", "共有5.2万个摄像头。"),
        ("more than 9 million pieces", "超过9万条"),
        ("more than 3.3 billion pieces", "超过3.3亿条"),
        ("held on November 28, 2018.", "于2018年11月27日举行。"),
        ("held on November 28, 2018.", "于2018年12月28日举行。"),
        ("Ubuntu 5.04 Updates", "Ubuntu 5.10 更新"),
        ("Version 1.2.3 is out", "1.2.4 版已发布"),
    ],
)
def test_changed_or_missing_numbers_are_caught(english: str, chinese: str) -> None:
    finding = fails("E-number-mismatch", english, chinese)
    assert finding.severity is Severity.ERROR and finding.fix


def test_number_fix_suggests_the_chinese_forms() -> None:
    finding = fails("E-number-mismatch", "52,600 cameras", "摄像头")
    assert "5.26万" in finding.fix


def test_number_values_are_understood() -> None:
    values, _ = source_numbers("3.3 billion and 9 million on November 28, 2018")
    assert {str(v) for v in values} >= {"3.3E+9", "9E+6", "28", "2018", "11"}
    assert chinese_numeral_value("一亿五千万") == 150_000_000
    assert chinese_numeral_value("二十八") == 28
    assert 52600 in target_values("五万二千六百")


def test_plural_entries_only_require_numbers_common_to_both_forms() -> None:
    passes(
        "E-number-mismatch",
        "1 file in 2 folders",
        ("%d 个文件，共 2 个文件夹",),
        msgid_plural="%d files in 2 folders",
    )


# placeholders and plurals -----------------------------------------------------------------


def test_printf_reordering_with_positions_passes() -> None:
    passes(
        "E-printf",
        "copy %s to %s (%d bytes)",
        "将 %2$s 复制到 %1$s（%3$d 字节）",
        flags=("c-format",),
    )


def test_printf_changed_type_fails() -> None:
    fails("E-printf", "copy %s (%d bytes)", "复制 %s（%s 字节）", flags=("c-format",))


def test_printf_missing_directive_fails() -> None:
    fails("E-printf", "copy %s to %s", "复制 %s", flags=("c-format",))


def test_printf_is_not_judged_without_the_flag() -> None:
    passes("E-printf", "copy %s to %s", "复制 %s")


def test_printf_check_handles_pri_macros() -> None:
    passes(
        "E-printf",
        "truncate to %<PRIdMAX> bytes in %s",
        "将 %2$s 截断为 %1$<PRIdMAX> 字节",
        flags=("c-format",),
    )


def test_unflagged_printf_like_directive_dropped_is_a_warning() -> None:
    finding = fails("W-printf-unflagged", "Report %s bugs to: %s", "报告错误到：%s")
    assert finding.severity is Severity.WARNING


def test_unflagged_printf_message_names_the_missing_directive_as_written() -> None:
    finding = fails("W-printf-unflagged", "Copied %s", "已复制")
    assert finding.message == "the translation: missing %s (printf directives of the source: %s)"
    finding = fails("W-printf-unflagged", "%d of %lu files", "%d 个文件")
    assert "missing %lu" in finding.message


def test_dropped_brace_placeholder_in_an_unflagged_entry_is_an_error() -> None:
    finding = fails(
        "E-placeholder-lost", "Hello {name}, you have {0} messages.", "你有 {0} 条消息。"
    )
    assert finding.severity is Severity.ERROR
    assert finding.message == "the translation lacks {name}"
    fails("E-placeholder-lost", "Page {0} of {1}", "第 {0} 页")


def test_brace_placeholders_kept_moved_or_in_code_pass() -> None:
    passes(
        "E-placeholder-lost", "Hello {name}, you have {0} messages.", "{name}，你有 {0} 条消息。"
    )
    passes("E-placeholder-lost", "Use `{name}` in templates.", "在模板中使用 `{name}`。")
    passes("E-placeholder-lost", "Literal {{braces}} and {not a field}", "字面的大括号")


def test_unflagged_check_ignores_strftime_and_percent_signs() -> None:
    passes("W-printf-unflagged", "%a %b %e %H:%M:%S %Y", "%Y年%b%e日 %A %H:%M:%S")
    passes("W-printf-unflagged", "50% discount", "五折")
    passes("W-printf-unflagged", "Report %s bugs to: %s", "报告 %1$s 错误到：%2$s")


def test_python_format_named_placeholder_renamed_fails() -> None:
    fails("E-python-format", "%(count)d files", "%(数量)d 个文件", flags=("python-format",))
    passes(
        "E-python-format",
        "%(count)d files in %(dir)s",
        "%(dir)s 中的 %(count)d 个文件",
        flags=("python-format",),
    )


def test_brace_placeholder_translated_fails() -> None:
    fails("E-brace-format", "Hello {name}", "你好 {名字}", flags=("python-brace-format",))
    passes("E-brace-format", "{0} of {1}", "第 {0} 个，共 {1} 个", flags=("python-brace-format",))
    passes(
        "E-brace-format",
        "use {{braces}} for {name}",
        "{name} 使用 {{braces}}",
        flags=("python-brace-format",),
    )


def test_newline_at_end_must_match() -> None:
    fails("E-newlines", "Done.\n", "完成。")
    passes("E-newlines", "Done.\n", "完成。\n")


def test_plural_forms_count_must_match_nplurals() -> None:
    fails(
        "E-plural-forms-count",
        "%d file",
        ("%d 个文件", "%d 个文件"),
        nplurals=1,
        msgid_plural="%d files",
    )
    passes("E-plural-forms-count", "%d file", ("%d 个文件",), nplurals=1, msgid_plural="%d files")


def test_partly_translated_plural_fails() -> None:
    fails("E-plural-incomplete", "%d file", ("%d 个文件", ""), msgid_plural="%d files", nplurals=2)
    passes(
        "E-plural-incomplete",
        "%d file",
        ("%d 个文件", "%d 个文件"),
        msgid_plural="%d files",
        nplurals=2,
    )


# glossary ---------------------------------------------------------------------------------


def test_glossary_term_must_be_used() -> None:
    fails("E-glossary-term", "DeepBlue Technology signed", "深蓝公司签约", glossary=GLOSSARY)
    passes("E-glossary-term", "DeepBlue Technology signed", "深兰科技签约", glossary=GLOSSARY)


def test_glossary_matches_whole_words_only() -> None:
    passes("E-glossary-term", "Quzhouese food", "当地美食", glossary=GLOSSARY)


def test_forbidden_rendering_fails() -> None:
    finding = fails(
        "E-glossary-forbidden",
        "DeepBlue Technology signed",
        "深蓝科技（深兰科技）签约",
        glossary=GLOSSARY,
    )
    assert "深兰科技" in finding.fix
    passes("E-glossary-forbidden", "DeepBlue Technology signed", "深兰科技签约", glossary=GLOSSARY)


# markup -----------------------------------------------------------------------------------


def test_link_destination_changed_fails() -> None:
    fails(
        "E-markup-link", "See [the site](https://a.example/x).", "见[网站](https://a.example/y)。"
    )
    passes(
        "E-markup-link", "See [the site](https://a.example/x).", "见[网站](https://a.example/x)。"
    )


def test_code_span_translated_fails() -> None:
    fails("E-markup-code", "Run `editions check` now.", "现在运行 `editions 检查`。")
    passes("E-markup-code", "Run `editions check` now.", "现在运行 `editions check`。")


def test_image_dropped_fails() -> None:
    fails("E-markup-image", "![Logo](logo.png) DeepBlue", "深兰")
    passes("E-markup-image", "![Logo](logo.png) DeepBlue", "![标志](logo.png) 深兰")


def test_emphasis_broken_by_fullwidth_punctuation_is_caught_with_the_fix() -> None:
    finding = fails("E-markup-emphasis", "It is **true,** she said.", "**真，**她说。")
    assert "flanking" in finding.message and "<strong>" in finding.fix


def test_emphasis_with_punctuation_outside_or_html_passes() -> None:
    passes("E-markup-emphasis", "It is **true,** she said.", "**真**，她说。")
    passes("E-markup-emphasis", "It is **true,** she said.", "<strong>真，</strong>她说。")


def test_emphasis_dropped_fails() -> None:
    fails("E-markup-emphasis", "A *very* big city.", "一座大城市。")


def test_hard_line_break_dropped_is_a_warning() -> None:
    fails("W-markup-linebreak", "First line  \nsecond line", "第一行第二行")
    passes("W-markup-linebreak", "First line  \nsecond line", "第一行  \n第二行")


def test_markup_checks_only_run_on_markdown_catalogs() -> None:
    assert not run_one(
        "E-markup-emphasis", "It is **true,** she said.", "**真，**她说。", markdown=False
    )


# machine-draft leftovers ------------------------------------------------------------------


def test_repetition_loop_is_caught() -> None:
    fails("W-repetition", "The test was positive.", "检测结果为阳性阳性阳性阳性。")
    passes("W-repetition", "We talked and talked.", "我们谈了又谈，常常见面。")


def test_dropped_sentences_are_caught() -> None:
    source = "The city is old. It has many temples. It is famous. Many people visit."
    fails("W-dropped-sentences", source, "这座城市很古老。")
    passes("W-dropped-sentences", source, "这座城市很古老，有许多寺庙。它很有名。许多人来参观。")


def test_untranslated_english_run_is_caught() -> None:
    fails("W-untranslated-run", "Included from here in the file", "语法错误：Included from here")
    passes("W-untranslated-run", "Run the git config command", "运行 `git config` 命令")


# typography -------------------------------------------------------------------------------


def test_ascii_comma_between_chinese_is_an_error() -> None:
    finding = fails("E-cjk-ascii-punctuation", "Quzhou, Zhejiang", "衢州,浙江")
    assert finding.severity is Severity.ERROR and "，" in finding.fix
    passes("E-cjk-ascii-punctuation", "Quzhou, Zhejiang", "衢州，浙江")
    passes("E-cjk-ascii-punctuation", "entries starting with .", "以 . 开头的条目")
    passes("E-cjk-ascii-punctuation", "3.3 billion", "3.3亿")


def test_halfwidth_punctuation_after_chinese_is_a_warning() -> None:
    fails("W-halfwidth-punctuation", "Done: yes", "完成: 是")
    fails("W-halfwidth-punctuation", "It is done.", "已完成.")
    passes("W-halfwidth-punctuation", "It is done.", "已完成。")
    passes("W-halfwidth-punctuation", "Version: 3.3", "版本 3.3")


def test_stray_space_between_chinese_characters() -> None:
    fails("W-cjk-space", "upgrade the system by installing packages", "通过 安装软件包升级系统")
    passes(
        "W-cjk-space", "upgrade the system by installing packages", "通过安装 apt 软件包升级系统"
    )


def test_same_as_source_needs_real_english() -> None:
    fails("W-same-as-source", "The length of the arrows", "The length of the arrows")
    passes("W-same-as-source", "GNU Make", "GNU Make")
    passes("W-same-as-source", "break [n]", "break [n]")


def test_length_ratio_flags_truncated_drafts() -> None:
    source = "The development of the city has ushered in a new era with promising prospects."
    fails("W-length-ratio", source, "城市。")
    passes("W-length-ratio", source, "城市的发展迎来了一个前景光明的新时代。")


# precondition and registry ----------------------------------------------------------------


def test_untranslated_entry_silences_dependent_checks() -> None:
    for spec in all_checks():
        if spec.scope == "entry" and spec.needs_translation:
            assert not run_one(spec.code, "52,600 cameras **here**", "", glossary=GLOSSARY)


def test_untranslated_and_fuzzy_are_reported() -> None:
    fails("W-untranslated", "Hello", "")
    fails("W-fuzzy", "Hello", "你好", flags=("fuzzy",))
    passes("W-fuzzy", "Hello", "你好")


def test_fuzzy_entry_with_changed_english_tells_the_reviewer_what_changed() -> None:
    (problem,) = run_one(
        "W-fuzzy",
        "The quick fox jumped over the lazy dog today.",
        "敏捷的狐狸跳过了懒狗。",
        flags=("fuzzy",),
        previous_msgid="The quick fox jumps over the lazy dog.",
    )
    assert problem.message == (
        "outdated: the English changed since it was translated: "
        "'jumps' → 'jumped'; 'dog.' → 'dog today.'"
    )


def test_fuzzy_states_are_told_apart_machine_draft_outdated_and_plain_fuzzy() -> None:
    from editions.provenance import Provenance, source_digest, with_provenance

    provenance = Provenance("argos/1.12", "m/1", source_digest("Hello."), "你好。")
    draft = with_provenance(Entry(msgid="Hello.", msgstr="你好。"), provenance)
    comments = draft.translator_comments
    fuzzy = ("fuzzy",)
    (problem,) = run_one("W-fuzzy", "Hello.", "你好。", flags=fuzzy, translator_comments=comments)
    assert problem.message.startswith("machine draft (argos/1.12) not reviewed yet")
    (problem,) = run_one(
        "W-fuzzy", "Hello there.", "你好。", flags=("fuzzy",), translator_comments=comments,
        previous_msgid="Hello.",
    )  # fmt: skip
    assert problem.message.startswith("outdated: the English changed since it was drafted")
    (problem,) = run_one("W-fuzzy", "Hello.", "你好。", flags=("fuzzy",))
    assert problem.message.startswith("marked fuzzy")


def test_english_change_is_shortened_for_long_rewrites() -> None:
    change = english_change("a " * 200, "b " * 200, limit=40)
    assert len(change) == 40 and change.endswith("…")


def test_every_check_has_a_title_and_a_stable_code() -> None:
    codes = [spec.code for spec in all_checks()]
    assert len(codes) == len(set(codes))
    for spec in all_checks():
        assert spec.code[:2] in ("E-", "W-", "I-") and spec.title
        assert spec.code[0] == spec.severity.value[0].upper()


def test_the_test_helpers_take_the_production_path_suppressions_included() -> None:
    fails("E-number-mismatch", "There are 52,600 cameras.", "共有5200个摄像头。")
    passes(
        "E-number-mismatch",
        "There are 52,600 cameras.",
        "共有5200个摄像头。",
        translator_comments=("editions-ignore: E-number-mismatch",),
    )
    finding = fails(
        "E-number-mismatch", "There are 52,600 cameras.", "共有5200个。", flags=("fuzzy",)
    )
    assert finding.severity is Severity.WARNING  # settled as check_catalog settles fuzzy entries
