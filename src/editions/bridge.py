"""The polib bridge: editions catalogs as ``polib.POFile`` objects and back, losslessly.

``from_polib(to_polib(catalog)) == catalog`` for every catalog: header fields in order,
header comments and flags, and per entry msgctxt, plural forms, previous msgid/msgctxt/
msgid_plural, every flag (unknown ones too, in order), translator and extracted comments,
references (kept as editions writes them, ``path:line``), and obsolete entries. So a polib
script can read, change and hand back an editions catalog, and editions writes it in its
own byte-stable layout.
"""

from __future__ import annotations

from typing import Any

import polib

from editions.catalog import Catalog, Entry

__all__ = ["from_polib", "to_polib"]


def to_polib(catalog: Catalog) -> polib.POFile:
    """A ``polib.POFile`` holding everything ``catalog`` holds (UTF-8, no wrapping)."""
    pofile = polib.POFile(wrapwidth=0, check_for_duplicates=False)
    pofile.encoding = "utf-8"
    pofile.header = "\n".join(catalog.header_comments)
    pofile.metadata_is_fuzzy = list(catalog.header_flags)
    pofile.metadata = dict(catalog.headers)
    pofile.editions_header_order = [name for name, _ in catalog.headers]
    pofile.editions_header_comments = catalog.header_comments
    for entry in catalog.entries:
        pofile.append(_to_polib_entry(entry))
    return pofile


def _to_polib_entry(entry: Entry) -> polib.POEntry:
    made: Any = polib.POEntry(
        msgid=entry.msgid,
        msgstr=entry.msgstr if entry.msgid_plural is None else "",
        msgid_plural=entry.msgid_plural or "",
        msgstr_plural=dict(enumerate(entry.msgstr_plural))
        if entry.msgid_plural is not None
        else {},
        msgctxt=entry.msgctxt,
        obsolete=entry.obsolete,
        tcomment="\n".join(entry.translator_comments),
        comment="\n".join(entry.extracted_comments),
        flags=list(entry.flags),
        previous_msgctxt=entry.previous_msgctxt,
        previous_msgid=entry.previous_msgid,
        previous_msgid_plural=entry.previous_msgid_plural,
        linenum=entry.line,
    )
    made.occurrences = [_occurrence(reference) for reference in entry.references]
    # What polib's flat fields cannot tell apart (an empty comment line and none, a reference
    # without a line number): kept beside them, used back only while polib's fields agree.
    made.editions_comments = (entry.translator_comments, entry.extracted_comments)
    made.editions_references = entry.references
    return made


def _comment_lines(text: str, kept: tuple[str, ...]) -> tuple[str, ...]:
    """Comment lines from polib's joined text; the lines we kept when polib's text still
    says the same (so ``("",)``, one empty ``#`` line, survives)."""
    if "\n".join(kept) == text:
        return tuple(kept)
    return tuple(text.split("\n")) if text else ()


def _occurrence(reference: str) -> tuple[str, str]:
    path, colon, line = reference.rpartition(":")
    if colon and line.isdigit():
        return (path, line)
    return (reference, "")


def from_polib(pofile: polib.POFile) -> Catalog:
    """The editions catalog of a ``polib.POFile`` (made by :func:`to_polib` or read by
    polib from any file)."""
    order = getattr(pofile, "editions_header_order", None) or list(pofile.metadata)
    headers = [(name, pofile.metadata[name]) for name in order if name in pofile.metadata]
    headers += [(n, v) for n, v in pofile.metadata.items() if n not in set(order)]
    fuzzy = pofile.metadata_is_fuzzy
    header_flags = tuple(fuzzy) if isinstance(fuzzy, list) else (("fuzzy",) if fuzzy else ())
    comments = _comment_lines(pofile.header, getattr(pofile, "editions_header_comments", ()))
    return Catalog(
        headers=tuple(headers),
        header_comments=comments,
        header_flags=header_flags,
        entries=tuple(_from_polib_entry(entry) for entry in pofile),
    )


def _from_polib_entry(entry: Any) -> Entry:
    kept_comments = getattr(entry, "editions_comments", ((), ()))
    translator = _comment_lines(entry.tcomment, kept_comments[0])
    extracted = _comment_lines(entry.comment, kept_comments[1])
    references = getattr(entry, "editions_references", None)
    if references is None or [_occurrence(r) for r in references] != list(entry.occurrences):
        references = [f"{path}:{line}" if line else path for path, line in entry.occurrences]
    plural = entry.msgid_plural or None
    forms = tuple(entry.msgstr_plural[i] for i in sorted(entry.msgstr_plural)) if plural else ()
    return Entry(
        msgid=entry.msgid,
        msgstr="" if plural else entry.msgstr,
        msgctxt=entry.msgctxt,
        msgid_plural=plural,
        msgstr_plural=forms,
        translator_comments=translator,
        extracted_comments=extracted,
        references=tuple(references),
        flags=tuple(entry.flags),
        previous_msgctxt=entry.previous_msgctxt,
        previous_msgid=entry.previous_msgid,
        previous_msgid_plural=entry.previous_msgid_plural,
        obsolete=bool(entry.obsolete),
        line=int(entry.linenum or 0),
    )
