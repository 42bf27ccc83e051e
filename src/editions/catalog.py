"""The catalog data model: gettext entries and catalogs as plain immutable values.

Nothing here reads or writes files; :mod:`editions.pofile` parses and renders the PO format
and :mod:`editions.merge` merges templates into translations.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

FUZZY = "fuzzy"

MessageKey = tuple[str | None, str]
"""How gettext identifies a message: (msgctxt, msgid)."""


@dataclass(frozen=True, slots=True)
class Entry:
    """One gettext message with every comment kind GNU gettext keeps.

    ``line`` is the 1-based line of the entry's ``msgid`` keyword in the file it was read
    from (0 when it was not read from a file); it takes no part in equality.
    """

    msgid: str
    msgstr: str = ""
    msgctxt: str | None = None
    msgid_plural: str | None = None
    msgstr_plural: tuple[str, ...] = ()
    translator_comments: tuple[str, ...] = ()
    extracted_comments: tuple[str, ...] = ()
    references: tuple[str, ...] = ()
    flags: tuple[str, ...] = ()
    previous_msgctxt: str | None = None
    previous_msgid: str | None = None
    previous_msgid_plural: str | None = None
    obsolete: bool = False
    line: int = field(default=0, compare=False)

    @property
    def key(self) -> MessageKey:
        return (self.msgctxt, self.msgid)

    @property
    def fuzzy(self) -> bool:
        return FUZZY in self.flags

    @property
    def is_plural(self) -> bool:
        return self.msgid_plural is not None

    @property
    def translations(self) -> tuple[str, ...]:
        """Every msgstr of the entry: one, or one per plural form."""
        return self.msgstr_plural if self.msgid_plural is not None else (self.msgstr,)

    @property
    def has_translation(self) -> bool:
        """True when some msgstr is filled in, fuzzy or not."""
        if self.msgid_plural is None:
            return bool(self.msgstr)
        return any(self.msgstr_plural)

    @property
    def reviewed(self) -> bool:
        """Ready to publish: every msgstr filled, not fuzzy, not obsolete (what gettext
        uses). A fuzzy entry, a machine draft among them, is never reviewed."""
        return not self.fuzzy and all(self.translations) and not self.obsolete

    def with_flag(self, flag: str, present: bool = True) -> Entry:
        """A copy with ``flag`` added (or removed), keeping the order of the other flags."""
        flags = tuple(f for f in self.flags if f != flag)
        if present:
            flags = (flag, *flags) if flag == FUZZY else (*flags, flag)
        return dataclasses.replace(self, flags=flags)

    def replace(self, **changes: object) -> Entry:
        return dataclasses.replace(self, **changes)  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class Catalog:
    """A PO or POT file: the header (comments, flags, ordered fields) and the entries.

    ``entries`` holds live entries first and obsolete ones after them, in file order.
    """

    headers: tuple[tuple[str, str], ...] = ()
    header_comments: tuple[str, ...] = ()
    header_flags: tuple[str, ...] = ()
    entries: tuple[Entry, ...] = ()

    def header(self, name: str) -> str | None:
        for key, value in self.headers:
            if key.lower() == name.lower():
                return value
        return None

    def with_header(self, name: str, value: str) -> Catalog:
        """A copy with header ``name`` set, in place when present, appended otherwise."""
        fields = list(self.headers)
        for index, (key, _) in enumerate(fields):
            if key.lower() == name.lower():
                fields[index] = (key, value)
                break
        else:
            fields.append((name, value))
        return dataclasses.replace(self, headers=tuple(fields))

    @property
    def language(self) -> str | None:
        return self.header("Language")

    def live(self) -> Iterator[Entry]:
        return (entry for entry in self.entries if not entry.obsolete)

    def obsolete(self) -> Iterator[Entry]:
        return (entry for entry in self.entries if entry.obsolete)

    def by_key(self) -> dict[MessageKey, Entry]:
        return {entry.key: entry for entry in self.live()}

    def replace_entries(self, entries: Iterable[Entry]) -> Catalog:
        return dataclasses.replace(self, entries=tuple(entries))

    def replace(self, **changes: object) -> Catalog:
        return dataclasses.replace(self, **changes)  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class Readiness:
    """How much of a catalog is reviewed: the one measure ``check --release``, ``build``
    and ``stats`` compare with the release threshold."""

    reviewed: int
    total: int

    @property
    def percent(self) -> float:
        """Reviewed live entries as a share of all live entries, 0 to 100 (100 when none)."""
        return 100.0 * self.reviewed / self.total if self.total else 100.0

    def ready(self, threshold: float) -> bool:
        return self.percent >= threshold


def readiness(catalog: Catalog, messages: Iterable[MessageKey] | None = None) -> Readiness:
    """How many of a document's messages ``catalog`` holds reviewed (:attr:`Entry.reviewed`).

    Entries, not words, each counted once. ``messages`` are the document's current messages
    (its template's keys, or the passages of its source); without them, the catalog's live
    entries. A message the catalog lacks counts as not reviewed, so a stale catalog is never
    more ready than the document it translates. Obsolete entries never count.
    """
    if messages is None:
        live = list(catalog.live())
        return Readiness(reviewed=sum(entry.reviewed for entry in live), total=len(live))
    keys = list(dict.fromkeys(messages))
    entries = catalog.by_key()
    reviewed = sum(1 for key in keys if (e := entries.get(key)) is not None and e.reviewed)
    return Readiness(reviewed=reviewed, total=len(keys))
