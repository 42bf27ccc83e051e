"""Chinese typography: full-width punctuation, no stray spaces, no English left as it was."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from editions.catalog import Entry
from editions.checks.chinese import HAN, is_prose, without_quoted_literals
from editions.checks.context import CheckContext
from editions.checks.model import Problem, Severity
from editions.checks.registry import check

_ASCII_BETWEEN = re.compile(rf"[{HAN}] ?(,|(?<!\.)\.(?!\.)) ?[{HAN}]")
_HALFWIDTH = re.compile(rf"[{HAN}]([,;:?!])(?![\w/\\])|[{HAN}](\.)(?=\s|$)|(\()[{HAN}，、]+\)")
_HALFWIDTH_CHAR = re.compile(r"[,;:?!.(]")
_FULLWIDTH_OF = {",": "，", ".": "。", ";": "；", ":": "：", "?": "？", "!": "！"}
_FULLWIDTH_OF |= {"(": "（）"}
_SPACE_BETWEEN = re.compile(rf"[{HAN}][ \u3000][{HAN}]")
_NAME_LIKE = re.compile(r"[A-Za-z0-9=_/<>\[\]-]")
"""One space between two Chinese characters; runs of spaces and tabs align columns."""
_CODE_SPAN = re.compile(r"`[^`]*`|%\([^)]*\)[a-z]|\{[^{}]*\}")
"""Code spans and placeholders: not Chinese text, whatever their brackets."""


@lru_cache(maxsize=256)
def _prose(text: str) -> str:
    return without_quoted_literals(_CODE_SPAN.sub("`", text))


@check("E-cjk-ascii-punctuation", Severity.ERROR, languages=("zh",))
def ascii_between_han(entry: Entry, context: CheckContext) -> Iterator[Problem]:
    """An ASCII comma or full stop sits between Chinese characters"""
    for form in filter(None, entry.translations):
        if "," not in form and "." not in form:
            continue
        for match in _ASCII_BETWEEN.finditer(_prose(form)):
            mark = match.group(1)
            if mark == "." and " . " in match.group():
                continue  # a literal dot ("entries starting with . "), not a full stop
            yield Problem(
                f"ASCII {mark!r} between Chinese characters in {match.group()!r}",
                fix=f"use the full-width {_FULLWIDTH_OF[mark]}",
            )
            return


@check("W-halfwidth-punctuation", Severity.WARNING, languages=("zh",))
def halfwidth_punctuation(entry: Entry, context: CheckContext) -> Iterator[Problem]:
    """Half-width punctuation in Chinese text (use ，。：；？！“”（）)"""
    for form in filter(None, entry.translations):
        if not _HALFWIDTH_CHAR.search(form):
            continue
        prose = _prose(form)
        between = {m.start(1) for m in _ASCII_BETWEEN.finditer(prose)}
        for match in _HALFWIDTH.finditer(prose):
            mark = next(group for group in match.groups() if group)
            if match.start(match.lastindex or 0) in between:
                continue  # reported as E-cjk-ascii-punctuation
            yield Problem(
                f"half-width {mark!r} in Chinese text: {match.group()[:20]!r}",
                fix=f"use the full-width {_FULLWIDTH_OF[mark]}",
            )
            return


@check("W-cjk-space", Severity.WARNING, languages=("zh",))
def space_between_han(entry: Entry, context: CheckContext) -> Iterator[Problem]:
    """A space between two Chinese characters"""
    # _prose() only replaces spans by one character that is neither Han nor a space, so a
    # space between Chinese characters in the prose is one in the translation as written.
    forms = [form for form in entry.translations if form and _SPACE_BETWEEN.search(form)]
    if not forms or not is_prose(entry.msgid):
        return  # usage lines and tables separate arguments and columns with spaces
    for form in forms:
        prose = _prose(form)
        for match in _SPACE_BETWEEN.finditer(prose):
            before = prose[: match.start() + 1].rsplit(None, 1)[-1]
            after = prose[match.end() - 1 :].split(None, 1)[0]
            if _NAME_LIKE.search(before) or _NAME_LIKE.search(after):
                continue  # a translated metavariable or a name: "--lines=数量 保持"
            yield Problem(
                f"space between Chinese characters in {match.group()!r}",
                fix="remove the space (Chinese does not separate words)",
            )
            return


@check("W-same-as-source", Severity.WARNING)
def same_as_source(entry: Entry, context: CheckContext) -> Iterator[Problem]:
    """The translation is the English source unchanged"""
    if (context.language or "").startswith("en"):
        return
    if entry.msgstr == entry.msgid and is_prose(entry.msgid, minimum_words=2):
        yield Problem(
            "the translation is the English source unchanged",
            fix="translate it; if it must stay English, add '# editions-ignore: W-same-as-source'",
        )


@check("W-length-ratio", Severity.WARNING, languages=("zh",))
def length_ratio(entry: Entry, context: CheckContext) -> Iterator[Problem]:
    """The translation is suspiciously short or long for the source"""
    if len(entry.msgid) < 60 or not entry.msgstr or entry.is_plural:
        return  # _prose() never makes a text longer
    source = _prose(entry.msgid)
    if len(source) < 60:
        return
    ratio = len(_prose(entry.msgstr)) / len(source)
    if (ratio < 0.12 or ratio > 1.5) and is_prose(source):
        yield Problem(
            f"the translation is {ratio:.2f} times the length of the source "
            "(Chinese is usually 0.25-0.6)",
            fix="check for dropped or duplicated text",
        )
