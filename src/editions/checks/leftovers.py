"""Machine-draft leftovers: repetition loops, dropped sentences, untranslated English runs."""

from __future__ import annotations

import re
from collections.abc import Iterator

from editions.catalog import Entry
from editions.checks.chinese import (
    HAN,
    chinese_sentences,
    english_sentences,
    function_words,
    is_prose,
    without_quoted_literals,
)
from editions.checks.context import CheckContext
from editions.checks.model import Problem, Severity, excerpt
from editions.checks.registry import check

_LOOP = re.compile(rf"([{HAN}])\1\1\1+|(..)(.{{0,10}}?)\2\3\2\3(?:\2\3)*", re.DOTALL)
r"""One Han character 4+ times, or a unit of 2-12 characters 3+ times: the same matches as
``([HAN])\1{3,}|(.{2,12}?)\2{2,}``, written so that the regex engine tries plain
backreferences at each position instead of setting up a general repeat there (twice as
fast). The unit is captured as its first two characters and the rest."""
_LETTER = re.compile(rf"[A-Za-z{HAN}]")
_NOT_PROSE = re.compile(
    r"`[^`]*`|<[^<>\n]*>|\]\([^)]*\)|https?://\S+|[\w.+-]+@[\w.-]+"
    r"|%(?:\([^)]*\))?[-+ #0]*\d*[a-zA-Z]|\{[^{}]*\}|--?[\w-]+|\[[^\]\n]*\](?!\()"
)
_LATIN_RUN = re.compile(r"[A-Za-z][A-Za-z'’-]*(?:(?:, ?| )[A-Za-z][A-Za-z'’-]*){2,}")
_LOWER_WORD = re.compile(r"\b[a-z]{3,}\b")
_THREE_LOWER = re.compile(r"[a-z]{3}")
"""Text without three lowercase ASCII letters in a row has no run for latin_runs."""


def repetition_loop(text: str) -> str | None:
    """The first run of a unit repeated 3+ times (4+ for one character), if it holds words."""
    for match in _LOOP.finditer(text):
        unit = match.group(1) or match.group(2) + match.group(3)
        if _LETTER.search(unit):
            return match.group()
    return None


@check("W-repetition", Severity.WARNING)
def repetition(entry: Entry, context: CheckContext) -> Iterator[Problem]:
    """The translation repeats a phrase in a loop (a machine-translation failure)"""
    for form in filter(None, entry.translations):
        loop = repetition_loop(form)
        if loop and not repetition_loop(entry.msgid):
            yield Problem(
                f"repetition loop {excerpt(loop, 24)!r}",
                fix="retranslate the sentence; machine drafts loop on rare words",
            )
            return


@check("W-dropped-sentences", Severity.WARNING, languages=("zh",))
def dropped_sentences(entry: Entry, context: CheckContext) -> Iterator[Problem]:
    """The translation has far fewer sentences than the source"""
    if sum(map(entry.msgid.count, ".!?")) < 2:
        return  # under three sentences: each sentence but the last ends in . ! or ?
    if not is_prose(entry.msgid):
        return
    source = english_sentences(entry.msgid)
    if source < 3:
        return
    target = chinese_sentences(entry.msgstr or (entry.msgstr_plural or ("",))[-1])
    if target * 2 < source:
        yield Problem(
            f"{source} sentences in the source, {target} in the translation",
            fix="check that no sentence was dropped (machine drafts skip some)",
        )


def latin_runs(text: str) -> list[str]:
    """English phrases in ``text``: three or more Latin words, two of them ordinary lowercase
    words and one a function word ('the', 'of'); code, options and quoted literals skipped."""
    prose = _NOT_PROSE.sub(" ", without_quoted_literals(text))
    return [
        run.group().strip(" ,")
        for run in _LATIN_RUN.finditer(prose)
        if len(_LOWER_WORD.findall(run.group())) >= 2
        and function_words(run.group())
        and not prose.startswith(("  ", "\t"), run.end())  # a term in an aligned list
    ]


@check("W-untranslated-run", Severity.WARNING, languages=("zh", "ja"))
def untranslated_run(entry: Entry, context: CheckContext) -> Iterator[Problem]:
    """An English phrase of the source is left untranslated inside the translation"""
    for form in filter(None, entry.translations):
        if not _THREE_LOWER.search(form):
            continue  # no English phrase without two lowercase words
        if " ".join(form.split()) == " ".join(entry.msgid.split()):
            continue  # wholly unchanged: W-same-as-source says so
        source = " ".join(entry.msgid.split()).lower()
        runs = [run for run in latin_runs(form) if " ".join(run.split()).lower() in source]
        if runs:
            yield Problem(
                f"English left in the translation: {excerpt(runs[0], 40)!r}",
                fix="translate it, or put code and names in `backticks`",
            )
            return
