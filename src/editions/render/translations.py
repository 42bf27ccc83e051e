"""Which translations an edition may use, and how complete a document is with them.

Pure functions over catalogs and segments: a release build takes reviewed entries only
(translated and not fuzzy); a drafts build also takes fuzzy entries and machine drafts.
Traditional Chinese variants are derived from the Simplified catalog through OpenCC.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Protocol

from editions.catalog import Catalog, MessageKey
from editions.render.edition import Passage

_OPENCC_CONFIGS = {
    "zh_TW": "s2twp",
    "zh_HK": "s2hk",
    "zh_MO": "s2hk",
    "zh_Hant": "s2t",
    "zh_Hant_TW": "s2twp",
    "zh_Hant_HK": "s2hk",
}
"""OpenCC conversion from Simplified Chinese for each Traditional variant we can derive."""

SIMPLIFIED_BASES = ("zh_CN", "zh_Hans", "zh_SG", "zh")
"""Catalog languages a Traditional variant may be derived from, in order of preference."""


class HasMsgid(Protocol):
    """What the renderer needs of a segment: its msgid (msgctxt and line when there are)."""

    @property
    def msgid(self) -> str: ...

    @property
    def line(self) -> int: ...


@dataclass(frozen=True, slots=True)
class Translations:
    """The msgstr the renderer may put in place of each msgid, and which of them are drafts."""

    strings: Mapping[MessageKey, str]
    drafts: frozenset[MessageKey] = frozenset()
    catalog: Catalog | None = None
    """The catalog they come from (None: there is none), for the release gate."""

    def lookup(self, msgid: str, msgctxt: str | None = None) -> str | None:
        return self.strings.get((msgctxt, msgid))

    def is_draft(self, msgid: str, msgctxt: str | None = None) -> bool:
        return (msgctxt, msgid) in self.drafts


EMPTY = Translations(strings={})


def translations_from_catalog(catalog: Catalog, *, drafts: bool) -> Translations:
    """Reviewed translations of ``catalog``; with ``drafts``, fuzzy entries and drafts too."""
    strings: dict[MessageKey, str] = {}
    draft_keys: set[MessageKey] = set()
    for entry in catalog.live():
        if not entry.msgid or entry.is_plural or not entry.msgstr:
            continue
        if entry.reviewed:
            strings[entry.key] = entry.msgstr
        elif drafts and entry.fuzzy:
            strings[entry.key] = entry.msgstr
            draft_keys.add(entry.key)
    return Translations(strings=strings, drafts=frozenset(draft_keys), catalog=catalog)


def converted(translations: Translations, language: str) -> Translations:
    """``translations`` (Simplified Chinese) converted by OpenCC into ``language``'s script."""
    convert = _converter(opencc_config(language) or "s2t")
    return Translations(
        strings={key: convert(text) for key, text in translations.strings.items()},
        drafts=translations.drafts,
        catalog=translations.catalog,
    )


def opencc_config(language: str) -> str | None:
    """The OpenCC configuration that derives ``language`` from Simplified Chinese, if any."""
    return _OPENCC_CONFIGS.get(language)


def derivation_base(
    language: str, declared: Mapping[str, str], catalog_languages: Iterable[str]
) -> str | None:
    """The catalog language ``language`` is derived from, or None when it is not derived.

    An explicit ``derived-languages`` entry wins; otherwise a Traditional Chinese variant
    (``zh_TW``, ``zh_HK``, ...) is derived from the first Simplified catalog language present.
    """
    if language in declared:
        return declared[language]
    if opencc_config(language) is None:
        return None
    present = set(catalog_languages)
    return next((base for base in SIMPLIFIED_BASES if base in present), None)


def passages(segments: Iterable[HasMsgid]) -> list[Passage]:
    """The distinct translatable passages of a document, in document order."""
    seen: set[str] = set()
    result: list[Passage] = []
    for segment in segments:
        if segment.msgid and segment.msgid not in seen:
            seen.add(segment.msgid)
            result.append(Passage(msgid=segment.msgid, line=segment.line))
    return result


def untranslated(document: Iterable[Passage], translations: Translations) -> tuple[Passage, ...]:
    """The passages with no usable translation: they fall back to English."""
    return tuple(p for p in document if translations.lookup(p.msgid) is None)


@cache
def _converter(config: str) -> _Convert:
    import opencc

    engine = opencc.OpenCC(config)

    def convert(text: str) -> str:
        return str(engine.convert(text))

    return convert


class _Convert(Protocol):
    def __call__(self, text: str) -> str: ...
