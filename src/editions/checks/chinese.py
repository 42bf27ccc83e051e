"""Text facts the Chinese-aware checks share: Han characters, sentences, Latin words."""

from __future__ import annotations

import re
from functools import lru_cache

HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f"
HAN_RE = re.compile(f"[{HAN}]")
FULLWIDTH_PUNCTUATION = "，。、：；？！“”‘’（）《》〈〉「」『』【】…—～·"

_ABBREVIATION_WORDS = (
    "dr mr mrs ms prof st jr sr inc ltd co corp vs etc e.g i.e no fig approx dept gov "
    "jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k a.m p.m"
)
_ABBREVIATIONS = frozenset(_ABBREVIATION_WORDS.split())
_EN_BOUNDARY = re.compile(r"(?<!\.)(?:[!?]+|\.(?!\.))[\"'”’)\]]*(?=\s+[\"“‘(\[]?[A-Z0-9]|\s*$)")
_ZH_BOUNDARY = re.compile(rf"[。！？!?]+[”’」』）)]*|(?<![\d.])\.(?=\s|$)|(?<=[{HAN}])\.(?![\d.])")
_WORD_BEFORE = re.compile(r"([A-Za-z.]+)$")
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
    """How many sentences ``text`` holds; abbreviations ('Dr.') and initials do not end one."""
    text = text.strip()
    if not text:
        return 0
    count = 0
    last_end = 0
    for match in _EN_BOUNDARY.finditer(text):
        before = _WORD_BEFORE.search(text, 0, match.start())
        word = before.group(1).lower().rstrip(".") if before else ""
        if match.group().startswith(".") and (word in _ABBREVIATIONS or len(word) == 1):
            continue
        count += 1
        last_end = match.end()
    if text[last_end:].strip():
        count += 1
    return count


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
