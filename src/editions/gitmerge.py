"""Three-way merge of gettext catalogs by entry identity: the core of the git merge driver.

git merges lines; a catalog is a set of entries keyed by (msgctxt, msgid). Here each entry
is merged on its own:

- changed on one side only: that side's entry; changed the same way on both: taken once;
- changed differently on both sides: a *conflict entry*: our entry, marked fuzzy, with
  their translation, flags and comments recorded as ``# editions-conflict-theirs…``
  translator comments (so no text is lost and the file stays valid gettext), resolved on
  the review page or by hand;
- the same translation with different comments (two approvals of one text): the comments
  merged line by line.

When the English changed on a branch (``extract`` and ``update`` ran there), the three
catalogs are first brought to the merged template with ``update``'s own merge
(:func:`editions.merge.merge_catalog`), so the result is what ``update`` gives on the merged
POT plus the reviews of both branches. Headers merge field by field: the newest
``PO-Revision-Date`` and ``POT-Creation-Date``, ``Last-Translator`` of the newer side, the
translators' comment lines of both.

Nothing here touches files; :mod:`editions.cli.merging` is the driver at the edge.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from editions.catalog import FUZZY, Catalog, Entry
from editions.merge import merge_catalog
from editions.pofile import escape, parse_catalog

CONFLICT_PREFIX = "editions-conflict"
"""Every translator comment a conflict adds starts with this."""
_NOTE = f"{CONFLICT_PREFIX}: both branches changed this entry; ours is shown, theirs is below"
_OURS_FLAGS = f"{CONFLICT_PREFIX}-ours-flags: "
_THEIRS = f"{CONFLICT_PREFIX}-theirs: "
_THEIRS_FLAGS = f"{CONFLICT_PREFIX}-theirs-flags: "
_THEIRS_PREVIOUS = f"{CONFLICT_PREFIX}-theirs-previous: "
_THEIRS_COMMENT = f"{CONFLICT_PREFIX}-theirs-comment: "
_HEADER_CONFLICT = f"{CONFLICT_PREFIX}-header: "

_TEMPLATE_HEADERS = ("Project-Id-Version", "Report-Msgid-Bugs-To", "POT-Creation-Date")
_NEWEST = ("PO-Revision-Date", "POT-Creation-Date")
_STRICT = frozenset(("language", "plural-forms", "content-type", "content-transfer-encoding"))
"""Header fields whose disagreement is a conflict: they decide how gettext reads the file."""
_WRAP = frozenset(("wrap", "no-wrap"))

Key = tuple[bool, str | None, str]
"""An entry's place in the merge: (obsolete, msgctxt, msgid)."""


@dataclass(frozen=True, slots=True)
class Outcome:
    """A merged catalog and what the merge could not decide alone."""

    catalog: Catalog
    conflicts: tuple[Entry, ...] = ()
    """Conflict entries written into ``catalog`` (both sides changed them differently)."""
    notes: tuple[str, ...] = ()
    """Decisions worth telling (a field taken from the newer side, a deletion overruled)."""
    header_conflicts: tuple[str, ...] = ()
    """Header fields both sides set differently where gettext depends on the value."""

    @property
    def clean(self) -> bool:
        return not self.conflicts and not self.header_conflicts


@dataclass(frozen=True, slots=True)
class Conflict:
    """Both versions of a conflict entry, each as it was before the merge."""

    ours: Entry
    theirs: Entry


def merge_three(
    base: Catalog | None, ours: Catalog, theirs: Catalog, *, template: bool = False
) -> Outcome:
    """Merge ``ours`` and ``theirs`` that both started from ``base`` (None: added on both).

    ``template`` merges POT files: their entries are generated from the source, so two
    branches that changed the same entry differently (references, comments) take the side
    with the newer ``POT-Creation-Date`` and say so; ``editions extract`` after the merge
    regenerates the template from the merged source anyway.
    """
    base = base if base is not None else Catalog()
    notes: list[str] = []
    if not template:
        base, ours, theirs = _on_merged_template(base, ours, theirs, notes)
    header, header_conflicts = _merge_header(base, ours, theirs, notes)
    newer_is_theirs = _newer_is_theirs(ours, theirs)
    entries: dict[Key, Entry] = {}
    conflicts: list[Entry] = []
    old, a, b = _keyed(base), _keyed(ours), _keyed(theirs)
    for key in dict.fromkeys([*a, *b, *old]):
        merged = _merge_entry(old.get(key), a.get(key), b.get(key), notes)
        if isinstance(merged, Conflict):
            if template:
                merged = merged.theirs if newer_is_theirs else merged.ours
                notes.append(f"{_describe(merged)}: both sides changed it; took the newer template")
            else:
                merged = conflict_entry(merged.ours, merged.theirs)
                conflicts.append(merged)
        if merged is not None:
            entries[key] = merged
    order = merge_order(list(old), list(a), list(b), keep=entries.__contains__)
    live = [entries[k] for k in order if not k[0]]
    obsolete = [entries[k] for k in order if k[0]]
    catalog = header.replace_entries([*live, *obsolete])
    return Outcome(catalog, tuple(conflicts), tuple(notes), tuple(header_conflicts))


def _keyed(catalog: Catalog) -> dict[Key, Entry]:
    keyed: dict[Key, Entry] = {}
    for entry in catalog.entries:
        keyed.setdefault((entry.obsolete, entry.msgctxt, entry.msgid), entry)
    return keyed


def _describe(entry: Entry) -> str:
    words = entry.msgid.split()
    shown = " ".join(words[:8]) + (" …" if len(words) > 8 else "")
    return f"line {entry.line}: {shown!r}" if entry.line else repr(shown)


# The template: what extract decides, as seen from a translation catalog.


def template_of(catalog: Catalog) -> Catalog:
    """The POT a catalog was last updated to: its live English with references, extracted
    comments and gettext's own flags; no translations, no translator comments."""
    headers = tuple((k, v) for k, v in catalog.headers if k in _TEMPLATE_HEADERS)
    entries = [
        Entry(
            msgid=entry.msgid,
            msgctxt=entry.msgctxt,
            msgid_plural=entry.msgid_plural,
            msgstr_plural=("", "") if entry.is_plural else (),
            extracted_comments=entry.extracted_comments,
            references=entry.references,
            flags=tuple(f for f in entry.flags if f.endswith("-format") or f in _WRAP),
        )
        for entry in catalog.live()
    ]
    return Catalog(headers=headers, entries=tuple(entries))


def _on_merged_template(
    base: Catalog, ours: Catalog, theirs: Catalog, notes: list[str]
) -> tuple[Catalog, Catalog, Catalog]:
    """The three catalogs updated to the merged template, when a branch changed the English.

    ``update`` is idempotent, so a side already at the merged template stays as it is; a side
    reviewed against the old English gets exactly what ``update`` would make of its reviews.
    """
    templates = [template_of(c) for c in (base, ours, theirs)]
    if templates[1].entries == templates[0].entries == templates[2].entries:
        return base, ours, theirs
    language = ours.language or theirs.language or base.language
    if not language:
        notes.append("the English changed on a branch but the catalog names no Language")
        return base, ours, theirs
    merged_template = merge_three(*templates, template=True)
    notes += merged_template.notes
    template = merged_template.catalog
    return tuple(  # type: ignore[return-value]
        merge_catalog(template, c, language) if c.headers or c.entries else c
        for c in (base, ours, theirs)
    )


# Entries.


def _merge_entry(
    base: Entry | None, ours: Entry | None, theirs: Entry | None, notes: list[str]
) -> Entry | Conflict | None:
    if ours == theirs:
        return ours
    if ours == base:
        return theirs
    if theirs == base:
        return ours
    if ours is None or theirs is None:
        kept = ours if ours is not None else theirs
        assert kept is not None
        notes.append(f"{_describe(kept)}: removed on one side, changed on the other; kept")
        return kept
    if _same_translation(ours, theirs):
        return ours.replace(
            translator_comments=tuple(
                merge_order(
                    list(base.translator_comments) if base else [],
                    list(ours.translator_comments),
                    list(theirs.translator_comments),
                    keep=set(
                        _merged_lines(
                            base.translator_comments if base else (),
                            ours.translator_comments,
                            theirs.translator_comments,
                        )
                    ).__contains__,
                )
            ),
            flags=_merged_flags(base, ours, theirs),
        )
    return Conflict(ours, theirs)


def _same_translation(a: Entry, b: Entry) -> bool:
    """Both sides hold the same text in the same state, around the same English."""
    return a.replace(translator_comments=(), flags=()) == b.replace(
        translator_comments=(), flags=()
    ) and (FUZZY in a.flags) == (FUZZY in b.flags)


def _merged_lines(base: Sequence[str], ours: Sequence[str], theirs: Sequence[str]) -> list[str]:
    """Lines kept by a set-wise three-way merge: what either side added, minus what either
    side removed."""
    old = set(base)
    removed = (old - set(ours)) | (old - set(theirs))
    return [line for line in dict.fromkeys([*ours, *theirs]) if line not in removed]


def _merged_flags(base: Entry | None, ours: Entry, theirs: Entry) -> tuple[str, ...]:
    kept = set(_merged_lines(base.flags if base else (), ours.flags, theirs.flags))
    return tuple(f for f in dict.fromkeys([*ours.flags, *theirs.flags]) if f in kept)


K = TypeVar("K", bound=Hashable)


def merge_order(
    base: list[K], ours: list[K], theirs: list[K], *, keep: Callable[[K], bool]
) -> list[K]:
    """The kept keys in our order, each key only theirs has placed after the key it follows
    there (or before the key it precedes, or last)."""
    del base  # the order of the base adds nothing the two sides do not say
    result = [k for k in ours if keep(k)]
    placed = set(result)
    position = {k: i for i, k in enumerate(result)}
    inserted: list[tuple[int, K]] = []
    after: int | None = None
    for index, key in enumerate(theirs):
        if key in placed:
            after = position[key]
            continue
        if keep(key):
            slot = after if after is not None else _before_next(theirs[index:], position)
            inserted.append((slot, key))
            placed.add(key)
    if not inserted:
        return result
    by_slot: dict[int, list[K]] = {}
    for slot, key in inserted:
        by_slot.setdefault(slot, []).append(key)
    merged = list(by_slot.get(-1, []))
    for index, key in enumerate(result):
        merged.append(key)
        merged += by_slot.get(index, [])
    return merged


def _before_next(keys: list[K], position: dict[K, int]) -> int:
    """The slot of a key theirs has before anything both keep: just before the next key
    that is placed, or at the end when none follows (a comment line they appended)."""
    following = next((position[k] for k in keys if k in position), None)
    return len(position) - 1 if following is None else following - 1


# Conflict entries: how both versions are written into one valid entry, and read back.


def conflict_entry(ours: Entry, theirs: Entry) -> Entry:
    """Our entry, fuzzy, with their translation, flags and comments as translator comments."""
    ours, theirs = _without_conflict(ours), _without_conflict(theirs)
    record = [_NOTE, f"{_OURS_FLAGS}{_flag_text(ours.flags)}"]
    record += [f'{_THEIRS}"{escape(text)}"' for text in theirs.translations]
    record.append(f"{_THEIRS_FLAGS}{_flag_text(theirs.flags)}")
    if theirs.previous_msgid is not None:
        record.append(f'{_THEIRS_PREVIOUS}"{escape(theirs.previous_msgid)}"')
    record += [f"{_THEIRS_COMMENT}{comment}" for comment in theirs.translator_comments]
    entry = ours.replace(translator_comments=(*ours.translator_comments, *record))
    return entry.with_flag(FUZZY, True)


def is_conflict(entry: Entry) -> bool:
    return any(c.startswith(CONFLICT_PREFIX) for c in entry.translator_comments)


def read_conflict(entry: Entry) -> Conflict | None:
    """Both sides of a conflict entry as they were before the merge (None: no conflict)."""
    if not is_conflict(entry):
        return None
    comments = entry.translator_comments
    ours_flags = _flag_list(_first(comments, _OURS_FLAGS))
    theirs_flags = _flag_list(_first(comments, _THEIRS_FLAGS))
    texts = [_unquote(c[len(_THEIRS) :]) for c in comments if c.startswith(_THEIRS)]
    previous = _first(comments, _THEIRS_PREVIOUS)
    plain = _without_conflict(entry)
    ours = plain.replace(flags=ours_flags)
    theirs = plain.replace(
        flags=theirs_flags,
        translator_comments=tuple(
            c[len(_THEIRS_COMMENT) :] for c in comments if c.startswith(_THEIRS_COMMENT)
        ),
        previous_msgid=None if previous is None else _unquote(previous),
        previous_msgctxt=None,
        previous_msgid_plural=None,
    )
    if entry.is_plural:
        theirs = theirs.replace(msgstr_plural=tuple(texts) or entry.msgstr_plural)
    else:
        theirs = theirs.replace(msgstr=texts[0] if texts else "")
    return Conflict(ours, theirs)


def resolve(entry: Entry, side: str) -> Entry:
    """The conflict entry as ``side`` ("ours" or "theirs") had it."""
    conflict = read_conflict(entry)
    if conflict is None:
        return entry
    if side not in ("ours", "theirs"):
        raise ValueError(f"side must be 'ours' or 'theirs', not {side!r}")
    return conflict.ours if side == "ours" else conflict.theirs


def without_conflict(entry: Entry) -> Entry:
    """The entry with its conflict record dropped (a reviewer decided by editing it)."""
    return _without_conflict(entry)


def _without_conflict(entry: Entry) -> Entry:
    if not is_conflict(entry):
        return entry
    kept = tuple(c for c in entry.translator_comments if not c.startswith(CONFLICT_PREFIX))
    return entry.replace(translator_comments=kept)


def _first(comments: Iterable[str], prefix: str) -> str | None:
    return next((c[len(prefix) :] for c in comments if c.startswith(prefix)), None)


def _flag_text(flags: Sequence[str]) -> str:
    return ", ".join(flags) or _NO_FLAGS


def _flag_list(text: str | None) -> tuple[str, ...]:
    return tuple(f.strip() for f in (text or "").split(",") if f.strip() not in ("", _NO_FLAGS))


_NO_FLAGS = "(none)"


def _unquote(quoted: str) -> str:
    """A PO string literal written by :func:`conflict_entry`, read with the PO reader."""
    catalog = parse_catalog(f'msgid {quoted}\nmsgstr ""\n')
    return catalog.entries[0].msgid if catalog.entries else ""


# The header.


def _merge_header(
    base: Catalog, ours: Catalog, theirs: Catalog, notes: list[str]
) -> tuple[Catalog, list[str]]:
    newer_is_theirs = _newer_is_theirs(ours, theirs)
    old, a, b = _fields(base), _fields(ours), _fields(theirs)
    names = merge_order(
        list(old), list(a), list(b), keep=lambda n: _header_value(old, a, b, n) is not None
    )
    fields: list[tuple[str, str]] = []
    header_conflicts: list[str] = []
    for field in names:
        name = field[0]
        value = _header_value(old, a, b, field)
        if value is _CONFLICTING:
            mine, other = a[field], b[field]
            if name in _NEWEST:
                value = max(mine, other, key=_date_key)
            elif name.lower() in _STRICT:
                value = mine
                header_conflicts.append(f"{name}: ours {mine!r}, theirs {other!r}")
            else:
                value = other if newer_is_theirs else mine
                notes.append(f"header {name}: both sides changed it; took the newer {value!r}")
        assert isinstance(value, str)
        fields.append((name, value))
    comments = merge_order(
        list(base.header_comments),
        list(ours.header_comments),
        list(theirs.header_comments),
        keep=set(
            _merged_lines(base.header_comments, ours.header_comments, theirs.header_comments)
        ).__contains__,
    )
    comments += [f"{_HEADER_CONFLICT}{c}" for c in header_conflicts]
    flags = _merged_lines(base.header_flags, ours.header_flags, theirs.header_flags)
    header = Catalog(
        headers=tuple(fields), header_comments=tuple(comments), header_flags=tuple(flags)
    )
    return header, header_conflicts


_CONFLICTING = "\x00conflict"
Field = tuple[str, int]
"""A header field's place: its name and which occurrence of it (real catalogs made by
msgcat repeat fields such as Plural-Forms)."""


def _fields(catalog: Catalog) -> dict[Field, str]:
    seen: dict[str, int] = {}
    fields: dict[Field, str] = {}
    for name, value in catalog.headers:
        count = seen.get(name, 0)
        seen[name] = count + 1
        fields[(name, count)] = value
    return fields


def _header_value(
    old: dict[Field, str], a: dict[Field, str], b: dict[Field, str], name: Field
) -> str | None:
    mine, other, was = a.get(name), b.get(name), old.get(name)
    if mine == other:
        return mine
    if mine == was:
        return other
    if other == was:
        return mine
    if mine is None or other is None:
        return mine if mine is not None else other
    return _CONFLICTING


def _newer_is_theirs(ours: Catalog, theirs: Catalog) -> bool:
    for name in _NEWEST:
        mine, other = ours.header(name), theirs.header(name)
        if mine and other and mine != other:
            return _date_key(other) > _date_key(mine)
    return False


def _date_key(value: str) -> tuple[int, str]:
    """gettext dates (``2026-12-05 09:30+0800``) compared as instants; others as text."""
    try:
        moment = datetime.datetime.strptime(value.strip(), "%Y-%m-%d %H:%M%z")
    except ValueError:
        return (0, value)
    return (1, moment.astimezone(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M"))


__all__ = [
    "CONFLICT_PREFIX",
    "Conflict",
    "Outcome",
    "conflict_entry",
    "is_conflict",
    "merge_order",
    "merge_three",
    "read_conflict",
    "resolve",
    "template_of",
    "without_conflict",
]
