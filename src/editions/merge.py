"""Merge a template (POT) into a translation catalog (PO) with GNU msgmerge's semantics.

- an exact match (msgctxt, msgid) keeps its translation, flags and translator comments, and
  takes references and extracted comments from the template; an obsolete exact match revives;
- otherwise the most similar translated entry (similarity >= 0.6, the same measure as GNU's
  ``fstrcmp``: 2 x common subsequence / total length) lends its translation, marked ``fuzzy``
  with ``#| msgid`` holding the English it translated;
- translated entries that nothing used become obsolete (``#~``); untranslated ones are dropped.
"""

from __future__ import annotations

import functools

from babel import Locale, UnknownLocaleError
from babel.messages.plurals import get_plural
from rapidfuzz import fuzz, process

from editions import __version__
from editions.catalog import FUZZY, Catalog, Entry, MessageKey
from editions.errors import ProjectError

FUZZY_THRESHOLD = 60.0
"""msgmerge's FUZZY_THRESHOLD (0.6), on rapidfuzz's 0..100 scale."""


@functools.lru_cache(maxsize=64)
def plural_forms(language: str) -> str:
    """The Plural-Forms header for ``language`` from Babel's CLDR data."""
    try:
        return get_plural(language).plural_forms
    except (ValueError, UnknownLocaleError) as exc:
        raise ProjectError(f"unknown language code {language!r}: {exc}") from exc


@functools.lru_cache(maxsize=64)
def language_team(language: str) -> str:
    try:
        return f"{Locale.parse(language).english_name} <{language}@li.org>"
    except (ValueError, UnknownLocaleError):
        return language


def translation_headers(template: Catalog, language: str, existing: Catalog | None) -> Catalog:
    """Complete, correct header fields for a ``language`` catalog made from ``template``.

    Fields a person set in ``existing`` (Last-Translator, Language-Team, extra fields) are kept;
    Language, Plural-Forms and the content fields are always made right.
    """
    creation = template.header("POT-Creation-Date") or ""
    base = existing if existing is not None and existing.headers else None
    wanted: list[tuple[str, str]] = [
        ("Project-Id-Version", template.header("Project-Id-Version") or "PACKAGE VERSION"),
        ("Report-Msgid-Bugs-To", template.header("Report-Msgid-Bugs-To") or ""),
        ("POT-Creation-Date", creation),
        ("PO-Revision-Date", creation),
        ("Last-Translator", ""),
        ("Language-Team", language_team(language)),
        ("Language", language),
        ("MIME-Version", "1.0"),
        ("Content-Type", "text/plain; charset=UTF-8"),
        ("Content-Transfer-Encoding", "8bit"),
        ("Plural-Forms", plural_forms(language)),
        ("Generated-By", f"editions {__version__}"),
    ]
    forced = {"POT-Creation-Date", "Language", "MIME-Version", "Content-Type"}
    forced |= {"Content-Transfer-Encoding", "Plural-Forms"}
    if base is None:
        headers = tuple(wanted)
        comments = (
            f"{language_team(language).split(' <')[0]} translation of "
            f"{template.header('Project-Id-Version') or 'this document'}.",
        )
        return Catalog(headers=headers, header_comments=comments)
    catalog = base
    for name, value in wanted:
        if name in forced or catalog.header(name) is None:
            catalog = catalog.with_header(name, value)
    return Catalog(
        headers=catalog.headers,
        header_comments=base.header_comments,
        header_flags=tuple(f for f in base.header_flags if f != FUZZY),
    )


def merge_catalog(template: Catalog, existing: Catalog | None, language: str) -> Catalog:
    """Merge ``template`` into ``existing`` (None for a new catalog) for ``language``."""
    header = translation_headers(template, language, existing)
    old_entries = list(existing.entries) if existing is not None else []
    exact: dict[MessageKey, Entry] = {}
    for entry in old_entries:
        if entry.key not in exact or exact[entry.key].obsolete:
            exact[entry.key] = entry
    candidates = [e for e in old_entries if not e.obsolete and e.has_translation]
    candidate_ids = [e.msgid for e in candidates]
    used: set[MessageKey] = set()
    merged: list[Entry] = []
    for new in template.live():
        old = exact.get(new.key)
        if old is not None:
            used.add(old.key)
            merged.append(_keep(new, old))
            continue
        match = (
            process.extractOne(
                new.msgid, candidate_ids, scorer=fuzz.ratio, score_cutoff=FUZZY_THRESHOLD
            )
            if candidate_ids
            else None
        )
        if match is not None:
            source = candidates[match[2]]
            used.add(source.key)
            merged.append(_fuzzy(new, source))
        else:
            merged.append(new.replace(msgstr="", msgstr_plural=_empty_plural(new, header)))
    live_keys = {entry.key for entry in merged}
    for old in old_entries:
        if old.key in used or old.key in live_keys or not old.has_translation:
            continue
        merged.append(old.replace(obsolete=True, references=(), extracted_comments=()))
    return header.replace_entries(merged)


def _format_flags(entry: Entry) -> tuple[str, ...]:
    return tuple(f for f in entry.flags if f != FUZZY)


def _keep(new: Entry, old: Entry) -> Entry:
    """The template entry carrying ``old``'s translation, state and translator comments."""
    flags = (FUZZY,) if old.fuzzy and old.has_translation else ()
    extra = tuple(f for f in old.flags if f != FUZZY and f not in new.flags)
    return new.replace(
        msgstr=old.msgstr,
        msgstr_plural=old.msgstr_plural if new.is_plural else (),
        translator_comments=old.translator_comments,
        flags=flags + _format_flags(new) + extra,
        previous_msgctxt=old.previous_msgctxt if old.fuzzy else None,
        previous_msgid=old.previous_msgid if old.fuzzy else None,
        previous_msgid_plural=old.previous_msgid_plural if old.fuzzy else None,
        obsolete=False,
    )


def _fuzzy(new: Entry, source: Entry) -> Entry:
    """The template entry with a similar entry's translation, fuzzy, previous msgid recorded."""
    return new.replace(
        msgstr=source.msgstr if not new.is_plural else "",
        msgstr_plural=_plural_from(new, source),
        translator_comments=source.translator_comments,
        flags=(FUZZY, *_format_flags(new)),
        previous_msgctxt=source.msgctxt,
        previous_msgid=source.msgid,
        previous_msgid_plural=source.msgid_plural,
        obsolete=False,
    )


def _plural_from(new: Entry, source: Entry) -> tuple[str, ...]:
    if not new.is_plural:
        return ()
    if source.is_plural:
        return source.msgstr_plural
    return (source.msgstr,)


def _empty_plural(new: Entry, header: Catalog) -> tuple[str, ...]:
    if not new.is_plural:
        return ()
    forms = header.header("Plural-Forms") or "nplurals=2;"
    try:
        count = int(forms.split("nplurals=")[1].split(";")[0])
    except (IndexError, ValueError):
        count = 2
    return ("",) * count
