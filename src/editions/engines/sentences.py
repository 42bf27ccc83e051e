"""Split a message into sentences for MT and join the translations back.

NMT models are trained on single sentences, so a paragraph is translated sentence by
sentence. The splitter is deliberately conservative: a wrong split costs fluency, a missed one
only costs a longer input. It never splits inside numbers ("3.3 billion"), after titles
("Dr. WANG") or initials, nor before a lower-case word ("etc., with").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Abbreviations that are (almost) never the last word of a sentence: titles, company forms,
# month names ("Nov. 28"). The one English splitter: MT input and the sentence-count check.
_TITLES = "dr mr mrs ms prof st sr jr rev gen col capt lt sgt hon mt no nos fig figs vol vols pp p"
_OTHERS = " cf vs approx dept est ca al inc ltd co corp gov"
_MONTHS = " jan feb mar apr jun jul aug sep sept oct nov dec"
TITLES = frozenset((_TITLES + _OTHERS + _MONTHS).split(" "))
_BOUNDARY = re.compile(r"(?:[.!?…]+|[。！？]+)[\"'”’)\]»]*(\s+|(?<=[。！？])(?=\S))")
_NEXT_STARTS_SENTENCE = re.compile(r"[\"'“‘(\[«]*[A-Z0-9\u4e00-\u9fff]")
_LAST_WORD = re.compile(r"(\S+)$")
_CJK_LANGUAGES = ("zh", "ja", "ko")


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence and the whitespace that follows it in the original text."""

    text: str
    separator: str


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of ``text``; joining ``text + separator`` of all of them gives ``text`` back.

    A leading run of whitespace becomes a first sentence with empty text; line breaks always
    end a sentence (a message's lines are kept as they are).
    """
    sentences: list[Sentence] = []
    lead = len(text) - len(text.lstrip())
    if lead:
        sentences.append(Sentence("", text[:lead]))
    for line_match in re.finditer(r"([^\n]*)(\n\s*|$)", text[lead:]):
        line, newline = line_match.group(1), line_match.group(2)
        if not line and not newline:
            continue
        pieces = _split_line(line)
        last = pieces[-1]
        pieces[-1] = Sentence(last.text, last.separator + newline)
        sentences.extend(pieces)
    return sentences


def _split_line(line: str) -> list[Sentence]:
    pieces: list[Sentence] = []
    start = 0
    for match in _BOUNDARY.finditer(line):
        end = match.start(1)
        if not _is_boundary(line, start, match.start(), match.end()):
            continue
        pieces.append(Sentence(line[start:end], match.group(1)))
        start = match.end()
    pieces.append(Sentence(line[start:], ""))
    return pieces


def _is_boundary(line: str, start: int, punct_at: int, next_at: int) -> bool:
    if next_at >= len(line):
        return False
    if line[punct_at] in "。！？":
        return True
    if not _NEXT_STARTS_SENTENCE.match(line, next_at):
        return False
    if line[punct_at] != ".":
        return True
    word_match = _LAST_WORD.search(line, start, punct_at)
    if word_match is None:
        return True
    word = word_match.group(1).lstrip("\"'“‘([«").lower()
    if word in TITLES:
        return False
    if len(word) == 1 and word.isalpha():
        return False  # an initial: "J. Smith"
    # dotted abbreviations: "e.g", "i.e", "U.S", "a.m"
    return not ("." in word and all(0 < len(part) <= 2 for part in word.split(".")))


def is_cjk(language: str) -> bool:
    """True for languages written without spaces between sentences (zh, ja, ko)."""
    return language.lower().replace("-", "_").split("_")[0] in _CJK_LANGUAGES


def join_sentences(sentences: list[Sentence], translations: list[str], target: str) -> str:
    """Reassemble translated sentences with the original separators.

    For CJK targets a plain space after a sentence that ends in a CJK character or full-width
    punctuation is dropped (Chinese puts none after 。); after Latin text (a name, a number,
    a sentence the model left in English) the space stays. Line breaks are always kept.
    """
    out: list[str] = []
    cjk = is_cjk(target)
    for sentence, translation in zip(sentences, translations, strict=True):
        separator = sentence.separator
        ends_cjk = bool(translation.strip()) and _ends_wide(translation.strip())
        if cjk and "\n" not in separator and ends_cjk:
            separator = ""
        out.append(translation.strip() + separator if sentence.text else separator)
    return "".join(out)


def _ends_wide(text: str) -> bool:
    """True when ``text`` ends in a CJK character or full-width punctuation."""
    last = text[-1]
    return (
        "\u2e80" <= last <= "\u9fff"
        or "\uf900" <= last <= "\ufaff"
        or "\uff00" <= last <= "\uffef"
        or "\u3000" <= last <= "\u303f"
        or last in "”’"
    )
