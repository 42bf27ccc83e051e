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
from pathlib import Path
from typing import TypeVar

from editions.catalog import FUZZY, Catalog, Entry
from editions.errors import CatalogSyntaxError
from editions.merge import merge_catalog
from editions.pofile import catalog_pieces, catalog_text, escape, parse_catalog

CONFLICT_PREFIX = "editions-conflict"
"""Every translator comment a conflict adds starts with this."""
_NOTE = f"{CONFLICT_PREFIX}: both branches changed this entry; ours is shown, theirs is below"
_OURS_FLAGS = f"{CONFLICT_PREFIX}-ours-flags: "
_THEIRS = f"{CONFLICT_PREFIX}-theirs: "
_THEIRS_FLAGS = f"{CONFLICT_PREFIX}-theirs-flags: "
_THEIRS_PREVIOUS = f"{CONFLICT_PREFIX}-theirs-previous: "
_THEIRS_COMMENT = f"{CONFLICT_PREFIX}-theirs-comment: "
HEADER_CONFLICT = f"{CONFLICT_PREFIX}-header: "
"""The header comment a header conflict leaves (the field and both values)."""

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
    entries = [_template_entry(entry) for entry in catalog.live()]
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


# Files: the driver's entry point, with a fast path for the usual review merge.


@dataclass(frozen=True, slots=True)
class MergedText:
    """A merged catalog as the text to write, and what the merge could not decide alone."""

    text: str
    conflicts: tuple[Entry, ...] = ()
    notes: tuple[str, ...] = ()
    header_conflicts: tuple[str, ...] = ()

    @property
    def clean(self) -> bool:
        return not self.conflicts and not self.header_conflicts


def merge_texts(
    base: str | None, ours: str, theirs: str, *, template: bool = False, path: Path | None = None
) -> MergedText:
    """:func:`merge_three` on catalog texts, giving the text to write.

    When every entry stays where it was with the same English (reviews on both branches,
    the usual case), only the entries a branch changed are parsed and the rest is kept as
    our file has it; otherwise (the English changed, entries added or removed, a layout
    without one blank line between entries) the catalogs are parsed whole and merged by
    :func:`merge_three`. Raises :class:`CatalogSyntaxError` when a catalog does not parse.
    """
    if base is not None:
        try:
            fast = _merge_in_place(base, ours, theirs, template)
        except CatalogSyntaxError:
            fast = None  # the whole-file parse below names the file and line
        if fast is not None:
            return fast
    catalogs = [
        parse_catalog(text, path) if text is not None else None for text in (base, ours, theirs)
    ]
    outcome = merge_three(
        catalogs[0], catalogs[1] or Catalog(), catalogs[2] or Catalog(), template=template
    )
    return MergedText(
        catalog_text(outcome.catalog), outcome.conflicts, outcome.notes, outcome.header_conflicts
    )


def _merge_in_place(base: str, ours: str, theirs: str, template: bool) -> MergedText | None:
    """The merge of three catalogs whose entries line up one to one, or None."""
    old, a, b = _blocks(base), _blocks(ours), _blocks(theirs)
    if old is None or a is None or b is None or not len(old) == len(a) == len(b):
        return None
    headers = _header_block(old[0]), _header_block(a[0]), _header_block(b[0])
    if headers[0] is None or headers[1] is None or headers[2] is None:
        return None
    notes: list[str] = []
    header_conflicts: list[str] = []
    header_text = _pick(old[0], a[0], b[0])
    if header_text is None:
        header, header_conflicts = _merge_header(headers[0], headers[1], headers[2], notes)
        header_text = catalog_pieces(header)[0][:-1]
    newer_is_theirs = _newer_is_theirs(headers[1], headers[2])
    out = [header_text]
    conflicts: list[Entry] = []
    line = a[0].count("\n") + 3  # the first line of our file's next entry (for notes)
    for o, x, y in zip(old[1:], a[1:], b[1:], strict=True):
        if x == o == y:
            out.append(x)
            line += x.count("\n") + 2 if template else 0
            continue
        taken = _pick(o, x, y)
        if taken is not None and _english_lines(o) == _english_lines(taken) is not None:
            out.append(taken)  # one side's change (or the same on both), the English as it was
            line += x.count("\n") + 2 if template else 0
            continue
        parsed = {text: _entry_block(text, line if template else 0) for text in {o, x, y}}
        if not all(_same_place(parsed[o], parsed[changed]) for changed in (x, y)):
            return None  # a branch changed the English: the whole-file merge decides
        if taken is None:
            merged = _merge_entry(parsed[o], parsed[x], parsed[y], notes)
            if isinstance(merged, Conflict):
                if template:
                    merged = merged.theirs if newer_is_theirs else merged.ours
                    notes.append(
                        f"{_describe(merged)}: both sides changed it; took the newer template"
                    )
                else:
                    merged = conflict_entry(merged.ours, merged.theirs)
                    conflicts.append(merged)
            assert merged is not None
            taken = catalog_pieces(Catalog(entries=(merged,)))[1][0][:-1]
        out.append(taken)
        line += x.count("\n") + 2 if template else 0
    text = "\n\n".join(out) + "\n"
    return MergedText(text, tuple(conflicts), tuple(notes), tuple(header_conflicts))


def _pick(base: str, ours: str, theirs: str) -> str | None:
    """The side to take when at most one side changed (or both the same way), else None."""
    if ours == theirs or theirs == base:
        return ours
    if ours == base:
        return theirs
    return None


def _blocks(text: str) -> list[str] | None:
    """The file cut at its blank lines (``"\\n\\n".join`` gives it back): one entry per
    block in a file laid out as gettext writes it. None for a file this cannot hold."""
    if not text.endswith("\n") or text.endswith("\n\n") or "\r" in text:
        return None
    return text[:-1].split("\n\n")


def _english_lines(block: str) -> tuple[str, ...] | None:
    """The lines of an entry's text that carry what the template decides (extracted
    comments, references, flags other than fuzzy, msgctxt, msgid, msgid_plural), compared
    as text before anything is parsed: equal lines mean equal English. None where a quick
    look is not enough (obsolete entries)."""
    if "#~" in block:
        return None
    kept: list[str] = []
    in_english = False
    for line in block.split("\n"):
        if line.startswith(("#.", "#:")):
            kept.append(line)
        elif line.startswith("#,"):
            flags = [f for f in line[2:].replace(" ", "").split(",") if f != FUZZY]
            kept += ["#," + ",".join(flags)] if flags else []
        elif line.startswith(("msgid", "msgctxt")):
            in_english = True
            kept.append(line)
        elif line.startswith("msgstr"):
            in_english = False
        elif in_english and line.startswith('"'):
            kept.append(line)
    return tuple(kept)


def _header_block(block: str) -> Catalog | None:
    catalog = parse_catalog(block + "\n")
    return catalog if catalog.headers and not catalog.entries else None


def _entry_block(block: str, line: int = 0) -> Entry | None:
    catalog = parse_catalog(block + "\n")
    if len(catalog.entries) != 1 or catalog.headers or catalog.header_comments:
        return None
    entry = catalog.entries[0]
    return entry.replace(line=entry.line + line - 1) if line else entry


def _same_place(base: Entry | None, changed: Entry | None) -> bool:
    """Both are one entry with the same identity and the same English from the template."""
    if base is None or changed is None:
        return False
    return (base.obsolete, base.msgctxt, base.msgid) == (
        changed.obsolete,
        changed.msgctxt,
        changed.msgid,
    ) and _template_entry(base) == _template_entry(changed)


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
            translator_comments=_merged_comments(base, ours, theirs),
            flags=_merged_flags(base, ours, theirs),
        )
    return Conflict(ours, theirs)


K = TypeVar("K", bound=Hashable)


def _merged_comments(base: Entry | None, ours: Entry, theirs: Entry) -> tuple[str, ...]:
    return _merged_comment_lines(
        base.translator_comments if base else (),
        ours.translator_comments,
        theirs.translator_comments,
    )


def _merged_comment_lines(
    base: Sequence[str], ours: Sequence[str], theirs: Sequence[str]
) -> tuple[str, ...]:
    """Comment lines merged line by line, a line written twice kept twice."""
    old, a, b = _numbered(base), _numbered(ours), _numbered(theirs)
    kept = set(_merged_lines(old, a, b))
    return tuple(line for line, _ in merge_order(old, a, b, keep=kept.__contains__))


def _numbered(lines: Sequence[str]) -> list[tuple[str, int]]:
    """Each line with its occurrence number, so that repeated lines are distinct keys."""
    seen: dict[str, int] = {}
    numbered = []
    for line in lines:
        seen[line] = seen.get(line, 0) + 1
        numbered.append((line, seen[line]))
    return numbered


def _same_translation(a: Entry, b: Entry) -> bool:
    """Both sides hold the same text in the same state, around the same English."""
    return a.replace(translator_comments=(), flags=()) == b.replace(
        translator_comments=(), flags=()
    ) and (FUZZY in a.flags) == (FUZZY in b.flags)


def _merged_lines(base: Sequence[K], ours: Sequence[K], theirs: Sequence[K]) -> list[K]:
    """Lines kept by a set-wise three-way merge: what either side added, minus what either
    side removed."""
    old = set(base)
    removed = (old - set(ours)) | (old - set(theirs))
    return [line for line in dict.fromkeys([*ours, *theirs]) if line not in removed]


def _merged_flags(base: Entry | None, ours: Entry, theirs: Entry) -> tuple[str, ...]:
    kept = set(_merged_lines(base.flags if base else (), ours.flags, theirs.flags))
    return tuple(f for f in dict.fromkeys([*ours.flags, *theirs.flags]) if f in kept)


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
            after = position.get(key, after)
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


def _template_entry(entry: Entry) -> Entry:
    return Entry(
        msgid=entry.msgid,
        msgctxt=entry.msgctxt,
        msgid_plural=entry.msgid_plural,
        msgstr_plural=("", "") if entry.is_plural else (),
        extracted_comments=entry.extracted_comments,
        references=entry.references,
        flags=tuple(f for f in entry.flags if f.endswith("-format") or f in _WRAP),
    )


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
    comments = list(
        _merged_comment_lines(base.header_comments, ours.header_comments, theirs.header_comments)
    )
    comments += [f"{HEADER_CONFLICT}{c}" for c in header_conflicts]
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
    "HEADER_CONFLICT",
    "Conflict",
    "MergedText",
    "Outcome",
    "conflict_entry",
    "is_conflict",
    "merge_order",
    "merge_texts",
    "merge_three",
    "read_conflict",
    "resolve",
    "template_of",
    "without_conflict",
]
