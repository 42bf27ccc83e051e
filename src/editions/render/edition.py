"""The edition model: one document in one language and one format, and what went into it.

An :class:`Edition` is a value the renderer returns and the CLI prints; nothing here
renders or writes. Language helpers turn gettext codes (``zh_CN``) into what pages need
(``zh-CN`` for the ``lang`` attribute, an autonym for the language switcher).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from babel import Locale, UnknownLocaleError

MARKDOWN = "md"
HTML = "html"
BILINGUAL_HTML = "bilingual-html"
PDF = "pdf"
BILINGUAL_PDF = "bilingual-pdf"
TEXT = "txt"
FORMATS = (MARKDOWN, HTML, BILINGUAL_HTML, PDF, BILINGUAL_PDF, TEXT)
"""Every output format ``editions build --format`` accepts."""
PRINTED = {PDF: HTML, BILINGUAL_PDF: BILINGUAL_HTML}
"""PDF formats and the HTML page each is printed from."""
BILINGUAL = (BILINGUAL_HTML, BILINGUAL_PDF)
PAPER_SIZES = ("A4", "Letter")


def check_formats(formats: Sequence[str]) -> list[str]:
    """``formats`` if every one is known (and there is one), else a clear error."""
    from editions.errors import ProjectError

    unknown = [fmt for fmt in formats if fmt not in FORMATS]
    if unknown or not formats:
        raise ProjectError(
            f"unknown format {', '.join(map(repr, unknown)) or 'list (empty)'}",
            hint=f"use one or more of: {', '.join(FORMATS)}",
        )
    return list(formats)


def paper_size(paper: str) -> str | None:
    """The paper size as CSS names it (``A4``, ``Letter``), any case accepted; None when
    it is none of :data:`PAPER_SIZES`."""
    return next((known for known in PAPER_SIZES if paper.lower() == known.lower()), None)


def check_paper(paper: str) -> str:
    """:func:`paper_size`, or a clear error for an unknown size."""
    from editions.errors import ProjectError

    known = paper_size(paper)
    if known is None:
        hint = f"use {' or '.join(PAPER_SIZES)}"
        raise ProjectError(f"unknown paper size {paper!r}", hint=hint)
    return known


_SUFFIXES = {
    MARKDOWN: ".md",
    HTML: ".html",
    BILINGUAL_HTML: ".bilingual.html",
    PDF: ".pdf",
    BILINGUAL_PDF: ".bilingual.pdf",
    TEXT: ".txt",
}

_AUTONYMS = {
    "en": "English",
    "zh_CN": "简体中文",
    "zh_SG": "简体中文（新加坡）",
    "zh_TW": "繁體中文（台灣）",
    "zh_HK": "繁體中文（香港）",
    "zh_MO": "繁體中文（澳門）",
}

_ALL_EDITIONS = {"en": "All editions", "zh": "全部版本", "fr": "Toutes les éditions"}
_NAVIGATION = {
    "en": {"contents": "Contents", "previous": "Previous", "next": "Next"},
    "zh": {"contents": "目录", "previous": "上一页", "next": "下一页"},
    "fr": {"contents": "Sommaire", "previous": "Précédent", "next": "Suivant"},
}
_CONTACT = {"en": "Media contact", "zh": "媒体联系", "fr": "Contact presse"}


@dataclass(frozen=True, slots=True)
class Passage:
    """A translatable block of a document: its English text and the source line it starts on."""

    msgid: str
    line: int


@dataclass(frozen=True, slots=True)
class Edition:
    """One output file: a document in a language and format.

    ``fallbacks`` are the passages shown in English because no usable translation exists;
    ``drafts`` tells whether machine drafts and fuzzy entries were allowed in;
    ``derived_from`` names the catalog language an OpenCC variant was converted from.
    """

    document: str
    language: str
    format: str
    path: Path
    fallbacks: tuple[Passage, ...] = ()
    drafts: bool = False
    drafts_used: int = 0
    derived_from: str | None = None


@dataclass(frozen=True, slots=True)
class Unpublished:
    """A document in a language that stays unpublished: below the release threshold."""

    document: str
    language: str
    percent: float
    threshold: float
    missing: tuple[Passage, ...]


def edition_suffix(fmt: str) -> str:
    """The file name ending of an edition in ``fmt``: ``.html``, ``.bilingual.pdf``, …"""
    return _SUFFIXES[fmt]


def output_path(out_dir: Path, language: str, page: str, fmt: str) -> Path:
    """Where an edition goes: ``OUT/<language>/<page><suffix>``, the page being the source
    document's path under ``source/`` without ``.md`` (see :mod:`editions.render.site`)."""
    return out_dir / language / f"{page}{_SUFFIXES[fmt]}"


def html_lang(language: str) -> str:
    """The BCP 47 tag for a gettext language code: ``zh_CN`` -> ``zh-CN``."""
    return language.replace("_", "-").replace("@", "-")


def autonym(language: str) -> str:
    """The language's name in itself, for the language switcher."""
    if language in _AUTONYMS:
        return _AUTONYMS[language]
    try:
        name = Locale.parse(language).get_display_name(language)
    except (ValueError, UnknownLocaleError):
        return language
    return name or language


def babel_locale(language: str) -> Locale | None:
    """Babel's locale for ``language``, or None when Babel does not know it."""
    try:
        return Locale.parse(language)
    except (ValueError, UnknownLocaleError):
        return None


def text_direction(language: str) -> str:
    """``rtl`` for right-to-left scripts, else ``ltr``."""
    locale = babel_locale(language)
    return "rtl" if locale is not None and locale.character_order == "right-to-left" else "ltr"


def all_editions_label(language: str) -> str:
    """The label of the link back to the index, in the page's language when we know it."""
    base = language.split("_")[0]
    return _ALL_EDITIONS.get(language, _ALL_EDITIONS.get(base, _ALL_EDITIONS["en"]))


def navigation_labels(language: str) -> dict[str, str]:
    """The words of the table of contents and the pager, in the page's language."""
    base = language.split("_")[0]
    return _NAVIGATION.get(language, _NAVIGATION.get(base, _NAVIGATION["en"]))


def contact_label(language: str) -> str:
    """The heading of a press release's contact block, in the edition's language."""
    base = language.split("_")[0]
    return _CONTACT.get(language, _CONTACT.get(base, _CONTACT["en"]))
