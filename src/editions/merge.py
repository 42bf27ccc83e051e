"""Merge a template (POT) into a translation catalog (PO) with GNU msgmerge's semantics.

- an exact match (msgctxt, msgid) keeps its translation, flags and translator comments, and
  takes references and extracted comments from the template; an obsolete exact match revives;
- otherwise the most similar translated entry (similarity >= 0.6, the same measure as GNU's
  ``fstrcmp``: 2 x common subsequence / total length) lends its translation, marked ``fuzzy``
  with ``#| msgid`` holding the English it translated;
- translated entries that nothing used become obsolete (``#~``); untranslated ones are dropped.

The header follows :mod:`editions.headers`, the header policy beside this module.
"""

from __future__ import annotations

from rapidfuzz import fuzz, process

from editions.catalog import FUZZY, Catalog, Entry, MessageKey
from editions.headers import translation_headers
from editions.plurals import PluralSyntaxError, parse_plural_forms

FUZZY_THRESHOLD = 60.0
"""msgmerge's FUZZY_THRESHOLD (0.6), on rapidfuzz's 0..100 scale."""


def merge_catalog(template: Catalog, existing: Catalog | None, language: str) -> Catalog:
    """Merge ``template`` into ``existing`` (None for a new catalog) for ``language``."""
    header = translation_headers(template, language, existing)
    old_entries = list(existing.entries) if existing is not None else []
    exact: dict[MessageKey, Entry] = {}
    for entry in old_entries:
        if entry.key not in exact or exact[entry.key].obsolete:
            exact[entry.key] = entry
    # msgmerge looks for similar translations among live and obsolete entries alike.
    candidates = [e for e in old_entries if e.has_translation]
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
    return new.replace(
        msgstr=old.msgstr,
        msgstr_plural=old.msgstr_plural if new.is_plural else (),
        translator_comments=old.translator_comments,
        flags=flags + _format_flags(new) + _own_flags(old, new),
        previous_msgctxt=old.previous_msgctxt if old.fuzzy else None,
        previous_msgid=old.previous_msgid if old.fuzzy else None,
        previous_msgid_plural=old.previous_msgid_plural if old.fuzzy else None,
        obsolete=False,
    )


def _fuzzy(new: Entry, source: Entry) -> Entry:
    """The template entry with a similar entry's translation, fuzzy, previous msgid recorded.

    As ``msgmerge --previous``: an entry that was already fuzzy keeps the previous msgid it
    had (the English its translation was made from; none for a machine draft), and flags of
    the old entry that the template does not set (``editions-keep``, a reviewer's own) stay.
    """
    if source.fuzzy:
        previous = (source.previous_msgctxt, source.previous_msgid, source.previous_msgid_plural)
    else:
        previous = (source.msgctxt, source.msgid, source.msgid_plural)
    return new.replace(
        msgstr=source.msgstr if not new.is_plural else "",
        msgstr_plural=_plural_from(new, source),
        translator_comments=source.translator_comments,
        flags=(FUZZY, *_format_flags(new), *_own_flags(source, new)),
        previous_msgctxt=previous[0],
        previous_msgid=previous[1],
        previous_msgid_plural=previous[2],
        obsolete=False,
    )


def _own_flags(old: Entry, new: Entry) -> tuple[str, ...]:
    """Flags of ``old`` that the template does not set: a reviewer's or a tool's own.

    gettext's format and wrap flags are the template's to decide, as in msgmerge.
    """
    return tuple(
        f
        for f in old.flags
        if f != FUZZY and f not in new.flags and not f.endswith("-format") and f not in _WRAP
    )


_WRAP = frozenset(("wrap", "no-wrap"))


def _plural_from(new: Entry, source: Entry) -> tuple[str, ...]:
    if not new.is_plural:
        return ()
    if source.is_plural:
        return source.msgstr_plural
    return (source.msgstr,)


def _empty_plural(new: Entry, header: Catalog) -> tuple[str, ...]:
    if not new.is_plural:
        return ()
    try:
        count = parse_plural_forms(header.header("Plural-Forms") or "").nplurals
    except PluralSyntaxError:
        count = 2  # the header checks report the broken header; gettext's default
    return ("",) * count
