"""Protect what MT must not touch: inline Markdown, URLs, e-mails, numbers, placeholders, terms.

Before translation each protected span is replaced by a token ``ZQ<n>`` that NMT models copy
through unchanged; after translation the tokens are put back. Glossary terms are masked the
same way and restored as the glossary's target term, so they come out exactly as it says.

Emphasis markers and the two halves of a link (``[`` and ``](destination)``) are masked while
the text between them is translated. A translation in which a token is missing, doubled, or
in which markup tokens changed order has lost a mask: :func:`unmask` reports it so that the
draft is flagged instead of written with broken markup.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from editions.engines.sentences import is_cjk
from editions.glossary import Glossary

TOKEN = "ZQ{}"
TOKEN_RE = re.compile(r"(\s*)([ZＺ]\s?[QＱ]\s?([0-9０-９]+))(\s*)", re.IGNORECASE)
_CJK = re.compile(
    r"[\u2e80-\u2fff\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]"
)

_URL_END = r"[^\s<>\[\]().,;:!?'\"”’]"
_URL = r"(?:https?|ftp)://[^\s<>\[\]]*" + _URL_END + r"|www\.[\w-]+\.[^\s<>\[\]]*" + _URL_END
_PRINTF = r"%(?:\d+\$)?(?:\([\w.-]+\))?[-+#0]*(?:\d+|\*)?(?:\.\d+)?[hlLqjzt]*[diouxXeEfFgGcrsaAp%]"
_AUTOLINK = r"<(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*|[^\s<>@]+@[^\s<>]+)>"
_DEST = r"\((?:[^()\s]|\([^()\s]*\))*(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^()]*\)))?\s*\)"
_LINK_TEXT = r"(?:[^\[\]\\]|\\.|\[(?:[^\[\]\\]|\\.)*\])*"

# (kind, pattern, structural). Order is priority: an earlier kind claims its text first.
_RULES: tuple[tuple[str, re.Pattern[str], bool], ...] = (
    ("code", re.compile(r"(?<!`)(`+)(?!`).+?(?<!`)\1(?!`)", re.DOTALL), False),
    ("autolink", re.compile(_AUTOLINK), False),
    ("html", re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s+[^<>]*)?/?>|<!--.*?-->", re.DOTALL), True),
    ("image", re.compile(r"!\[" + _LINK_TEXT + r"\](?:" + _DEST + r"|\[[^\]]*\])"), False),
    ("link", re.compile(r"(\[)" + _LINK_TEXT + r"(\](?:" + _DEST + r"|\[[^\]]*\]))"), True),
    ("url", re.compile(_URL), False),
    ("email", re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"), False),
    ("escape", re.compile(r"\\[!-/:-@\[-`{-~]"), False),
    ("entity", re.compile(r"&(?:#\d+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);"), False),
    ("placeholder", re.compile(_PRINTF), False),
    ("placeholder", re.compile(r"\{[\w.\[\]]*(?:![rsa])?(?::[^{}\s]*)?\}"), False),
    ("literal", re.compile(r"[ZＺ][QＱ][0-9０-９]+", re.IGNORECASE), False),
    ("emphasis", re.compile(r"\*{1,3}|(?<![\w\\])_{1,3}|_{1,3}(?!\w)|~~"), True),
)
_NUMBER = re.compile(r"(?<![\w.,])\d+(?:[.,:]\d+)*(?!\w)")


@dataclass(frozen=True, slots=True)
class Mask:
    """One protected span: its token, the English it stands for and what goes back in."""

    token: str
    original: str
    restore: str
    kind: str
    structural: bool = False
    space_before: bool = False
    space_after: bool = False


@dataclass(frozen=True, slots=True)
class MaskedText:
    text: str
    masks: tuple[Mask, ...]


@dataclass(frozen=True, slots=True)
class Restored:
    """A translation with masks put back; ``lost`` names masks that did not survive MT."""

    text: str
    lost: tuple[Mask, ...]

    @property
    def ok(self) -> bool:
        return not self.lost


Terms = Sequence[tuple[re.Pattern[str], str]]


def glossary_terms(glossary: Glossary, language: str) -> list[tuple[re.Pattern[str], str]]:
    """(English pattern, target term) for every glossary term ``language`` has, longest first."""
    return [(term.pattern(), target) for term, target in glossary.for_language(language)]


def mask_text(text: str, terms: Terms = (), *, numbers: bool = True) -> MaskedText:
    """Replace protected spans of ``text`` with tokens; ``terms`` are glossary terms to force."""
    claims: list[tuple[int, int, str, str, bool]] = []  # start, end, kind, restore, structural
    taken = [False] * len(text)

    def claim(
        start: int, end: int, kind: str, structural: bool, restore: str | None = None
    ) -> bool:
        if start >= end or any(taken[start:end]):
            return False
        taken[start:end] = [True] * (end - start)
        claims.append(
            (start, end, kind, text[start:end] if restore is None else restore, structural)
        )
        return True

    for kind, pattern, structural in _RULES:
        for match in pattern.finditer(text):
            if kind == "link":
                if any(taken[match.start(1) : match.end(2)]) and taken[match.start(1)]:
                    continue
                if not taken[match.start(1)] and not any(taken[match.start(2) : match.end(2)]):
                    claim(match.start(1), match.end(1), kind, True)
                    claim(match.start(2), match.end(2), kind, True)
            else:
                claim(match.start(), match.end(), kind, structural)
    for pattern, target in terms:
        for match in pattern.finditer(text):
            claim(match.start(), match.end(), "glossary", False, target)
    if numbers:
        for match in _NUMBER.finditer(text):
            claim(match.start(), match.end(), "number", False)

    claims.sort()
    out: list[str] = []
    masks: list[Mask] = []
    position = 0
    for index, (start, end, kind, restore, structural) in enumerate(claims, 1):
        token = TOKEN.format(index)
        before, after = text[start - 1 : start], text[end : end + 1]
        out.append(text[position:start])
        if before and (before.isalnum() or before == "_") and not taken[start - 1]:
            out.append(" ")
        out.append(token)
        if after and (taken[end] or after.isalnum() or after == "_"):
            out.append(" ")
        position = end
        masks.append(
            Mask(
                token=token,
                original=text[start:end],
                restore=restore,
                kind=kind,
                structural=structural,
                space_before=before.isspace(),
                space_after=after.isspace(),
            )
        )
    out.append(text[position:])
    return MaskedText("".join(out), tuple(masks))


def _index(digits: str) -> int:
    return int(digits.translate(str.maketrans("０１２３４５６７８９", "0123456789")))


def lost_masks(translation: str, masks: Sequence[Mask]) -> tuple[Mask, ...]:
    """Masks that are missing or doubled in ``translation``, or markup that changed order."""
    found = [_index(m.group(3)) for m in TOKEN_RE.finditer(translation)]
    counts: dict[int, int] = {}
    for index in found:
        counts[index] = counts.get(index, 0) + 1
    lost = [mask for i, mask in enumerate(masks, 1) if counts.get(i, 0) != 1]
    if lost:
        return tuple(lost)
    if any(index < 1 or index > len(masks) for index in found):
        return tuple(masks)  # a token we never made: the model invented markup
    structural = [i for i in found if masks[i - 1].structural]
    if structural != sorted(structural):
        return tuple(masks[i - 1] for i in structural)
    return ()


def unmask(translation: str, masked: MaskedText, target: str = "") -> Restored:
    """Put the masks of ``masked`` back into ``translation``; report masks that were lost.

    Whitespace next to a token is kept only where the English had it, and for CJK targets
    never between a token and a CJK character ("在 ZQ2 设立" becomes "在衢州设立").
    """
    masks = masked.masks
    lost = lost_masks(translation, masks)
    if lost:
        return Restored(translation, lost)
    if _RESIDUE_RE.search(TOKEN_RE.sub(" ", translation)):
        # a token the model mangled ("ZQ" without its number, "ZQby…"): never let it through
        return Restored(translation, masks or (MANGLED_TOKEN,))
    cjk = is_cjk(target)

    def put_back(match: re.Match[str]) -> str:
        lead, _, digits, trail = match.groups()
        mask = masks[_index(digits) - 1]
        prev_char = match.string[match.start() - 1 : match.start()]
        next_char = match.string[match.end() : match.end() + 1]
        keep_lead = bool(lead) and mask.space_before and not (cjk and _CJK.match(prev_char or "x"))
        keep_trail = bool(trail) and mask.space_after and not (cjk and _CJK.match(next_char or "x"))
        if not match.start():
            keep_lead = False
        lead_text = lead if keep_lead or "\n" in lead else ""
        trail_text = trail if keep_trail or "\n" in trail else ""
        latin_before = bool(prev_char) and not _CJK.match(prev_char)
        if cjk and mask.kind == "glossary" and latin_before and lead and not keep_lead:
            lead_text = lead  # keep a space between Latin text and a CJK term
        return lead_text + mask.restore + trail_text

    text = TOKEN_RE.sub(put_back, translation)
    return Restored(text, ())


_RESIDUE_RE = re.compile(r"[ZＺ]\s?[QＱ]")
MANGLED_TOKEN = Mask(token="ZQ", original="ZQ", restore="", kind="mangled token")
"""Stands for a token fragment the model wrote that matches none of ours."""

_SPLIT_RE = re.compile(r"([ZＺ]\s?[QＱ]\s?[0-9０-９]+)", re.IGNORECASE)


def fragments(masked: MaskedText) -> list[str]:
    """The texts between the tokens of ``masked`` that hold words (the fallback translates each).

    When a model drops or reorders tokens in a whole sentence, translating the pieces between
    them separately keeps every mask in place at the cost of fluency.
    """
    pieces = _SPLIT_RE.split(masked.text)[::2]
    return [piece.strip() for piece in pieces if _has_words(piece)]


def _has_words(text: str) -> bool:
    return any(char.isalpha() for char in text)


def assemble_fragments(
    masked: MaskedText, translations: Mapping[str, str], target: str = ""
) -> Restored:
    """Rebuild ``masked`` with each word-bearing piece translated, tokens kept in order."""
    cjk = is_cjk(target)
    out: list[str] = []
    for index, piece in enumerate(_SPLIT_RE.split(masked.text)):
        if index % 2 or not _has_words(piece):
            out.append(piece)
            continue
        lead = piece[: len(piece) - len(piece.lstrip())]
        trail = piece[len(piece.rstrip()) :]
        translated = translations.get(piece.strip(), piece.strip())
        out.append(translated if cjk else lead + translated + trail)
    return unmask("".join(out), masked, target)


def mask_kinds(masks: Iterable[Mask]) -> list[str]:
    """Short descriptions of masks for reports: ``link ](https://x)``."""
    return [f"{mask.kind} {mask.original}" for mask in masks]
