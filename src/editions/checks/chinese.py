"""Text facts the Chinese-aware checks share: Han characters, sentences, Latin words."""

from __future__ import annotations

import re
from functools import lru_cache

from editions.engines.sentences import split_sentences

HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f"
HAN_RE = re.compile(f"[{HAN}]")
FULLWIDTH_PUNCTUATION = "，。、：；？！“”‘’（）《》〈〉「」『』【】…—～·"

_ZH_BOUNDARY = re.compile(rf"[。！？!?]+[”’」』）)]*|(?<![\d.])\.(?=\s|$)|(?<=[{HAN}])\.(?![\d.])")
_FUNCTION_WORD_TEXT = (
    "the a an of to in for with and or is are was were be been this that these those on by "
    "from as it its not no will can may must should would could has have had do does "
    "which who what when where if than then there their they you your we our at into"
)
_FUNCTION_WORDS = frozenset(_FUNCTION_WORD_TEXT.split())
_PLAIN_WORD = re.compile(r"[A-Za-z][a-z]*[.,:;!?]?")
_QUOTED = re.compile(
    rf"'[^'\n{HAN}]*'|\"[^\"\n{HAN}]*\"|`[^`'\n{HAN}]*['`]|‘[^’\n{HAN}]*’|“[^”\n{HAN}]*”"
)


def has_han(text: str) -> bool:
    return HAN_RE.search(text) is not None


def english_sentences(text: str) -> int:
    """How many sentences ``text`` holds, as the MT splitter cuts them
    (:func:`editions.engines.sentences.split_sentences`: titles, initials and dotted
    abbreviations do not end one). Line breaks are only wrapping here, not sentence ends."""
    return sum(1 for sentence in split_sentences(" ".join(text.split())) if sentence.text)


def chinese_sentences(text: str) -> int:
    """How many sentences a Chinese text holds (。！？ and a stray ASCII full stop end one)."""
    text = text.strip()
    if not text:
        return 0
    count = 0
    last_end = 0
    for match in _ZH_BOUNDARY.finditer(text):
        count += 1
        last_end = match.end()
    if text[last_end:].strip():
        count += 1
    return count


def function_words(text: str) -> int:
    """How many English function words (the, of, to, is...) ``text`` holds."""
    return sum(1 for word in re.findall(r"[A-Za-z]+", text) if word.lower() in _FUNCTION_WORDS)


@lru_cache(maxsize=4096)
def is_prose(text: str, minimum_words: int = 3) -> bool:
    """English sentences rather than commands, option lists or names.

    Most whitespace-separated tokens are plain words, at least ``minimum_words`` of them,
    and at least one is a function word ('the', 'of', 'is').
    """
    tokens = text.split()
    plain = [t.rstrip(".,:;!?") for t in tokens if _PLAIN_WORD.fullmatch(t)]
    lowercase = [word for word in plain if word.islower() and len(word) >= 2]
    return (
        len(plain) >= minimum_words
        and len(plain) * 2 >= len(tokens)
        and len(lowercase) >= 2
        and any(word in _FUNCTION_WORDS for word in lowercase)
    )


def without_quoted_literals(text: str) -> str:
    """``text`` with quoted literals that hold no Chinese ('FILE', "git help", `cron') replaced
    by U+FFFC, which is neither a letter, a space nor Chinese."""
    return _QUOTED.sub("\ufffc", text)
