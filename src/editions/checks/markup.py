"""Markup parity, judged on parsed structure: msgid and msgstr go through the one Markdown
parser of editions and their links, images, code spans, emphasis and line breaks compare.

Chinese breaks emphasis in a way no character diff sees: in ``**真，**她`` the closing ``**``
follows full-width punctuation and precedes a letter, so CommonMark's flanking rules refuse
it and the asterisks are printed. The check finds the literal markers and says how to fix it.
"""

from __future__ import annotations

import re
import urllib.parse
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from editions.catalog import Entry
from editions.checks.context import CheckContext
from editions.checks.model import Problem, Severity
from editions.checks.registry import check

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

_MARKUP_CHARS = re.compile(r"[*_`\[\]<>!\\]|  \n|https?:")
_LITERAL_MARKERS = re.compile(r"\*+|(?<![A-Za-z0-9])_+|_+(?![A-Za-z0-9])")
_HTML_TAG = re.compile(r"<\s*(/?)\s*(strong|b|em|i|br)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Markup:
    """The structure of one message as the Markdown parser sees it."""

    links: Counter[str] = field(default_factory=Counter)
    images: Counter[str] = field(default_factory=Counter)
    code: Counter[str] = field(default_factory=Counter)
    strong: int = 0
    emphasis: int = 0
    breaks: int = 0
    literal_markers: int = 0


_CODE_SPAN = re.compile(r"`+[^`]*`+")
_DESTINATION = re.compile(r"\]\(([^)\s]*)")
_DELIMITER = re.compile(r"\*+|_+")
_PUNCTUATION = frozenset(
    chr(code)
    for first, last in (
        (0x21, 0x2F),  # ASCII punctuation: ! to /, : to @, [ to `, { to ~
        (0x3A, 0x40),
        (0x5B, 0x60),
        (0x7B, 0x7E),
        (0x2000, 0x206F),  # general punctuation
        (0x3000, 0x303F),  # CJK symbols and punctuation
        (0xFF00, 0xFF0F),  # full-width forms
        (0xFF1A, 0xFF20),
    )
    for code in range(first, last + 1)
)
_HAZARD_CHARS = re.compile(r"[<>\\&]|^\s{4}|\n\s*[-+*#>\d]|  \n")


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    from editions.markdown import markdown_parser

    return markdown_parser()


def _walk(tokens: list[Token]) -> Iterator[Token]:
    for token in tokens:
        yield token
        if token.children:
            yield from _walk(token.children)


def _signature(text: str) -> tuple[object, ...]:
    has_code = "`" in text
    return (
        sorted(_CODE_SPAN.findall(text)) if has_code else [],
        sorted(_DESTINATION.findall(text)) if "](" in text else [],
        text.count("!["),
        text.count("["),
        text.count("]"),
        [len(run) for run in _DELIMITER.findall(_CODE_SPAN.sub("", text) if has_code else text)]
        if _has_delimiters(text)
        else [],
    )


def _has_delimiters(text: str) -> bool:
    return "*" in text or "_" in text


def _kind(char: str) -> str:
    if not char or char.isspace():
        return "space"
    return "punct" if char in _PUNCTUATION else "alnum"


_ROLES = {
    ("alnum", "alnum"): "both",
    ("punct", "punct"): "both",
    ("space", "alnum"): "open",
    ("punct", "alnum"): "open",
    ("space", "punct"): "open",
    ("alnum", "space"): "close",
    ("alnum", "punct"): "close",
    ("punct", "space"): "close",
}


def _delimiters_unambiguous(text: str) -> bool:
    """The * runs pair up in order as CommonMark's flanking rules allow: odd runs can open,
    even runs can close. A closing ** after full-width punctuation and before a letter
    (``**真，**她``) can only open, so this is False and the text gets parsed."""
    if not _has_delimiters(text):
        return True
    prose = _CODE_SPAN.sub("x", text)
    runs = list(_DELIMITER.finditer(prose))
    if len(runs) % 2 or any(run.group().startswith("_") for run in runs):
        return False
    for index, run in enumerate(runs):
        before = _kind(prose[run.start() - 1] if run.start() else "")
        after = _kind(prose[run.end()] if run.end() < len(prose) else "")
        role = _ROLES.get((before, after), "none")
        if role not in ("both", "close" if index % 2 else "open"):
            return False
    return True


def same_structure_cheaply(source: str, translation: str) -> bool:
    """True when the structures certainly agree without parsing: same code spans, link
    destinations, brackets and emphasis runs, and no run in either text that CommonMark's
    flanking rules could refuse (punctuation on one side and a letter on the other)."""
    if _HAZARD_CHARS.search(source) or _HAZARD_CHARS.search(translation):
        return False
    return (
        _signature(source) == _signature(translation)
        and _delimiters_unambiguous(translation)
        and _delimiters_unambiguous(source)
    )


@lru_cache(maxsize=4096)
def markup_of(text: str) -> Markup:
    """Parse ``text`` and collect what must survive translation (inline structure)."""
    links: Counter[str] = Counter()
    images: Counter[str] = Counter()
    code: Counter[str] = Counter()
    counts = Counter[str]()
    for token in _walk(_parser().parseInline(text)):
        kind = token.type
        if kind == "link_open":
            links[str(token.attrs.get("href", ""))] += 1
        elif kind == "image":
            images[str(token.attrs.get("src", ""))] += 1
        elif kind in ("code_inline", "code_block", "fence"):
            code[token.content] += 1
        elif kind in ("strong_open", "em_open"):
            counts[kind] += 1
        elif kind == "hardbreak":
            counts["break"] += 1
        elif kind in ("html_inline", "html_block"):
            for closing, tag in _HTML_TAG.findall(token.content):
                tag = tag.lower()
                if tag == "br":
                    counts["break"] += 1
                elif not closing:
                    counts["strong_open" if tag in ("strong", "b") else "em_open"] += 1
        elif kind == "text":
            counts["literal"] += len(_LITERAL_MARKERS.findall(token.content))
    return Markup(
        links=links,
        images=images,
        code=code,
        strong=counts["strong_open"],
        emphasis=counts["em_open"],
        breaks=counts["break"],
        literal_markers=counts["literal"],
    )


@lru_cache(maxsize=1024)
def markup_pair(source: str, translation: str) -> tuple[Markup, Markup] | None:
    """Both structures, or None when they certainly agree (no markup, or the cheap test)."""
    if not (_MARKUP_CHARS.search(source) or _MARKUP_CHARS.search(translation)):
        return None
    if same_structure_cheaply(source, translation):
        return None
    return markup_of(source), markup_of(translation)


_Pairs = tuple[tuple[Markup, Markup, str], ...]


def _pairs(entry: Entry) -> _Pairs:
    """(source markup, translation markup, translation) for each filled form with markup."""
    source = entry.msgid_plural if entry.is_plural and entry.msgid_plural else entry.msgid
    return _form_pairs(source, entry.translations)


@lru_cache(maxsize=256)
def _form_pairs(source: str, translations: tuple[str, ...]) -> _Pairs:
    """What _pairs returns, worked out once for the five markup checks of an entry."""
    found = []
    for form in filter(None, translations):
        pair = markup_pair(source, form)
        if pair is not None:
            found.append((pair[0], pair[1], form))
    return tuple(found)


def _diff(wanted: Counter[str], got: Counter[str]) -> str:
    missing = ", ".join(repr(x) for x in (wanted - got).elements())
    extra = ", ".join(repr(x) for x in (got - wanted).elements())
    return "; ".join(
        p for p in (f"missing {missing}" if missing else "", f"extra {extra}" if extra else "") if p
    )


_LANGUAGE_LABEL = re.compile(r"^[a-z]{2,3}(?:[-_][a-z0-9]{2,8})?$", re.IGNORECASE)


def localized_link(source: str, target: str) -> bool:
    """True when ``target`` is ``source`` moved to the reader's language: the same site with
    another language label (``en.wikipedia.org`` → ``zh.wikipedia.org``, the page title
    translated) or another language segment in the path (``/en/`` → ``/zh-cn/``)."""
    a, b = urllib.parse.urlsplit(source), urllib.parse.urlsplit(target)
    if not a.scheme or a.scheme != b.scheme or not a.netloc:
        return False
    hosts = a.netloc.lower().split("."), b.netloc.lower().split(".")
    if hosts[0][1:] == hosts[1][1:] and len(hosts[0]) > 2 and hosts[0][0] != hosts[1][0]:
        labels = (hosts[0][0], hosts[1][0])
        return all(_LANGUAGE_LABEL.match(x) and x != "www" for x in labels)
    if a.netloc.lower() != b.netloc.lower():
        return False
    left, right = a.path.split("/"), b.path.split("/")
    changed = [(x, y) for x, y in zip(left, right, strict=False) if x != y]
    return (
        len(left) == len(right)
        and len(changed) == 1
        and all(_LANGUAGE_LABEL.match(part) for part in changed[0])
    )


def _link_changes(source: Markup, target: Markup) -> tuple[list[tuple[str, str]], bool]:
    """The destinations the translation moved to the reader's language (pairs), and
    whether any other difference remains."""
    missing = list((source.links - target.links).elements())
    extra = list((target.links - source.links).elements())
    localized: list[tuple[str, str]] = []
    for old in list(missing):
        new = next((e for e in extra if localized_link(old, e)), None)
        if new is not None:
            localized.append((old, new))
            missing.remove(old)
            extra.remove(new)
    return localized, bool(missing or extra)


@check("E-markup-link", Severity.ERROR, markdown_only=True)
def link_parity(entry: Entry, context: CheckContext) -> Iterator[Problem]:
    """Link destinations differ between source and translation"""
    for source, target, _ in _pairs(entry):
        if source.links != target.links and _link_changes(source, target)[1]:
            yield Problem(
                f"link destinations differ: {_diff(source.links, target.links)}",
                fix="keep every [text](destination) with the destination unchanged",
            )
            return


@check("W-markup-link-localized", Severity.WARNING, markdown_only=True)
def localized_links(entry: Entry, context: CheckContext) -> Iterator[Problem]:
    """A link moved to the same page in the reader's language (e.g. zh.wikipedia.org)"""
    for source, target, _ in _pairs(entry):
        localized, _ = _link_changes(source, target)
        if localized:
            moved = ", ".join(f"{old} → {new}" for old, new in localized)
            yield Problem(
                f"link moved to the reader's language: {moved}",
                fix="fine when that page says the same; otherwise keep the source's link",
            )
            return


@check("E-markup-image", Severity.ERROR, markdown_only=True)
def image_parity(entry: Entry, context: CheckContext) -> Iterator[Problem]:
    """Images differ between source and translation"""
    for source, target, _ in _pairs(entry):
        if source.images != target.images:
            yield Problem(
                f"images differ: {_diff(source.images, target.images)}",
                fix="keep every ![alt](source) with the source unchanged (translate the alt text)",
            )
            return


@check("E-markup-code", Severity.ERROR, markdown_only=True)
def code_parity(entry: Entry, context: CheckContext) -> Iterator[Problem]:
    """Code spans differ between source and translation (code is not translated)"""
    for source, target, _ in _pairs(entry):
        if source.code != target.code:
            yield Problem(
                f"code spans differ: {_diff(source.code, target.code)}",
                fix="copy each `code` span of the source unchanged",
            )
            return


@check("E-markup-emphasis", Severity.ERROR, markdown_only=True)
def emphasis_parity(entry: Entry, context: CheckContext) -> Iterator[Problem]:
    """Emphasis is lost or no longer parses (e.g. ** next to full-width punctuation)"""
    for source, target, _ in _pairs(entry):
        lost = target.strong < source.strong or target.emphasis < source.emphasis
        if lost and target.literal_markers > source.literal_markers:
            yield Problem(
                "emphasis no longer parses: a ** or * next to full-width punctuation "
                "fails CommonMark's flanking rules and would be printed",
                fix="move the punctuation outside the markers (**真**，她) "
                "or use <strong>…</strong>",
            )
            return
        if _emphasis_as_strong(source, target):
            return  # the CJK typesetting choice: W-markup-emphasis-strong says so
        if (target.strong, target.emphasis) != (source.strong, source.emphasis):
            yield Problem(
                f"emphasis differs: source has {source.strong} strong and {source.emphasis} "
                f"emphasised spans, the translation {target.strong} and {target.emphasis}",
                fix="mark the same phrases with ** or * as the source",
            )
            return


def _emphasis_as_strong(source: Markup, target: Markup) -> bool:
    """True when the translation turned emphasised spans into strong ones, one for one
    (CJK has no italics: ``_强调_`` is usually set as ``**强调**``)."""
    turned = source.emphasis - target.emphasis
    return turned > 0 and target.strong - source.strong == turned


@check("W-markup-emphasis-strong", Severity.WARNING, markdown_only=True)
def emphasis_as_strong(entry: Entry, context: CheckContext) -> Iterator[Problem]:
    """Emphasis set as strong in the translation (the usual CJK choice; check it is meant)"""
    for source, target, _ in _pairs(entry):
        if _emphasis_as_strong(source, target):
            yield Problem(
                f"{source.emphasis - target.emphasis} emphasised span(s) of the source are "
                "strong in the translation",
                fix="fine for Chinese typesetting (no italics); keep * for emphasis otherwise",
            )
            return


@check("W-markup-linebreak", Severity.WARNING, markdown_only=True)
def linebreak_parity(entry: Entry, context: CheckContext) -> Iterator[Problem]:
    """Hard line breaks differ between source and translation"""
    for source, target, _ in _pairs(entry):
        if source.breaks != target.breaks:
            yield Problem(
                f"{source.breaks} hard line breaks in the source, "
                f"{target.breaks} in the translation",
                fix="end the same lines with two spaces or a backslash as the source",
            )
            return
