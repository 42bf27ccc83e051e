"""Reviewing translations entry by entry: the states, the queue, and the one safe edit.

The review page (:mod:`editions.web`) is a skin over these functions, as the CLI is over
the others. Every edit goes through :func:`edit_entry`: under the catalog lock that
``update`` and ``draft`` take, it checks that the entry still holds what the reviewer saw
(a compare-and-swap on the entry's fingerprint), changes that entry only, and writes the
catalog atomically in the byte-stable format, refusing if the file changed meanwhile.

An approval clears ``fuzzy`` and the previous msgid and records who approved and when as a
translator comment (``# reviewed-by: Name <mail> 2026-12-02T09:30Z``), the one kind of
comment GNU msgmerge, Poedit, Weblate and ``editions update`` all keep.
"""

from __future__ import annotations

import datetime
import enum
import functools
import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from editions.catalog import FUZZY, Catalog, Entry, MessageKey
from editions.checks.model import Finding, Severity
from editions.checks.runner import entry_findings
from editions.checks.suppress import ignore_comment, suppressed_codes
from editions.errors import CatalogConflictError, EditionsError
from editions.fsio import FileStamp, OnDisk, atomic_write_bytes, catalog_lock, file_stamp, settled
from editions.gitmerge import is_conflict, read_conflict, resolve, without_conflict
from editions.pofile import (
    catalog_pieces,
    catalog_text,
    decode_catalog_bytes,
    parse_catalog,
)
from editions.project import Project
from editions.provenance import (
    DRAFT_PREFIX,
    DRAFT_TEXT_PREFIX,
    is_untouched_draft,
    read_provenance,
)

REVIEWED_PREFIX = "reviewed-by: "
NEEDS_WORK_PREFIX = "needs-work: "
"""A reviewer sent the text back: ``# needs-work: the reason — Name <mail> 2026-12-05T10:00Z``."""
ORIGIN_PREFIX = "editions-origin: "
"""Where a text the reviewer took came from (a memory suggestion, with its match)."""
REASON_PREFIX = "editions-ignore-reason: "


class State(enum.Enum):
    """Where an entry stands, as a reviewer sees it."""

    CONFLICT = "merge conflict"
    """two branches changed it differently; ``editions merge-driver`` kept both texts"""
    UNTRANSLATED = "untranslated"
    REJECTED = "sent back"
    """fuzzy with a reviewer's reason to change it (``# needs-work: …``)"""
    DRAFT = "machine draft"
    """fuzzy and still exactly the recorded machine draft"""
    OUTDATED = "outdated"
    """fuzzy with a previous msgid: the English changed since it was translated"""
    FUZZY = "fuzzy"
    """fuzzy otherwise: an edited draft or a person's text, not approved yet"""
    TRANSLATED = "translated"
    """not fuzzy, never approved on the review page (counts as reviewed for a release)"""
    REVIEWED = "reviewed"
    """approved, with who and when recorded"""

    @property
    def needs_work(self) -> bool:
        return self not in (State.TRANSLATED, State.REVIEWED)


def entry_state(entry: Entry) -> State:
    if is_conflict(entry):
        return State.CONFLICT
    if not entry.has_translation:
        return State.UNTRANSLATED
    if entry.fuzzy:
        if needs_work_record(entry) is not None:
            return State.REJECTED
        if entry.previous_msgid is not None:
            return State.OUTDATED
        return State.DRAFT if is_untouched_draft(entry) else State.FUZZY
    if review_record(entry) is not None:
        return State.REVIEWED
    return State.TRANSLATED


def review_record(entry: Entry) -> str | None:
    """``Name <mail> 2026-12-02T09:30Z`` of the last approval, if one is recorded."""
    records = [
        c[len(REVIEWED_PREFIX) :]
        for c in entry.translator_comments
        if c.startswith(REVIEWED_PREFIX)
    ]
    return records[-1] if records else None


_SHOWN_ELSEWHERE = (
    REVIEWED_PREFIX,
    NEEDS_WORK_PREFIX,
    DRAFT_PREFIX,
    DRAFT_TEXT_PREFIX,
    "editions-",
)
"""Translator comments the page shows in their own place (approval, sent back, machine
draft, conflicts, suppressions, origin), not in the list of comments."""


def needs_work_record(entry: Entry) -> str | None:
    """``the reason — Name <mail> 2026-12-05T10:00Z`` of the last time the text was sent
    back, while it stands (an approval settles it)."""
    records = [
        c[len(NEEDS_WORK_PREFIX) :]
        for c in entry.translator_comments
        if c.startswith(NEEDS_WORK_PREFIX)
    ]
    return records[-1] if records else None


def fingerprint(entry: Entry) -> str:
    """The entry as written, hashed: what a compare-and-swap compares."""
    text = catalog_text(Catalog(entries=(entry.replace(line=0),)))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:20]


@dataclass(frozen=True)
class Item:
    """One entry of the review queue, with what the page shows beside it."""

    document: str
    index: int
    """Position among the document's live entries (document order)."""
    entry: Entry
    state: State
    fingerprint: str

    @property
    def key(self) -> MessageKey:
        return self.entry.key

    @functools.cached_property
    def _dict(self) -> dict[str, object]:
        return self._as_dict()

    def as_dict(self) -> dict[str, object]:
        """The item as the page receives it (computed once per item; items are immutable)."""
        return self._dict

    @functools.cached_property
    def _queue_dict(self) -> dict[str, object]:
        entry = self.entry
        return {
            "document": self.document,
            "index": self.index,
            "msgctxt": entry.msgctxt,
            "msgid": entry.msgid,
            "msgstr": entry.msgstr,
            "state": self.state.value,
            "needs_work": self.state.needs_work,
            "fingerprint": self.fingerprint,
            "references": list(entry.references),
        }

    def queue_dict(self) -> dict[str, object]:
        """What the queue lists of the item (the rest comes when the entry is opened)."""
        return self._queue_dict

    def _as_dict(self) -> dict[str, object]:
        entry = self.entry
        provenance = read_provenance(entry)
        return {
            "document": self.document,
            "index": self.index,
            "msgctxt": entry.msgctxt,
            "msgid": entry.msgid,
            "msgstr": entry.msgstr,
            "plural": entry.is_plural,
            "msgid_plural": entry.msgid_plural,
            "msgstr_plural": list(entry.msgstr_plural),
            "state": self.state.value,
            "needs_work": self.state.needs_work,
            "fingerprint": self.fingerprint,
            "previous_msgid": entry.previous_msgid,
            "kind": ", ".join(entry.extracted_comments),
            "references": list(entry.references),
            "line": entry.line,
            "reviewed_by": review_record(entry),
            "sent_back": needs_work_record(entry),
            "comments": [
                c for c in entry.translator_comments if not c.startswith(_SHOWN_ELSEWHERE)
            ],
            "extracted_comments": list(entry.extracted_comments),
            "origin": next(
                (
                    c[len(ORIGIN_PREFIX) :]
                    for c in entry.translator_comments
                    if c.startswith(ORIGIN_PREFIX)
                ),
                None,
            ),
            "conflict": _conflict_dict(entry),
            "suppressed": sorted(suppressed_codes(entry.translator_comments)),
            "provenance": None
            if provenance is None
            else {
                "engine": provenance.engine,
                "model": provenance.model,
                "draft": provenance.draft_text,
            },
        }


def _conflict_dict(entry: Entry) -> dict[str, object] | None:
    conflict = read_conflict(entry)
    if conflict is None:
        return None
    return {
        side: {
            "msgstr": version.msgstr,
            "state": entry_state(version).value,
            "reviewed_by": review_record(version),
        }
        for side, version in (("ours", conflict.ours), ("theirs", conflict.theirs))
    }


def catalog_items(document: str, catalog: Catalog) -> list[Item]:
    return [
        Item(document, index, entry, entry_state(entry), fingerprint(entry))
        for index, entry in enumerate(catalog.live())
    ]


def review_queue(project: Project, language: str, documents: Sequence[str] = ()) -> list[Item]:
    """Every live entry of the chosen documents (default all), in document order."""
    project.check_language(language)
    wanted = set(documents)
    items: list[Item] = []
    for document in project.documents():
        if not wanted or document.domain in wanted:
            items += document_items(project, language, document.domain)
    return items


def document_items(project: Project, language: str, document: str) -> list[Item]:
    """The live entries of one document's catalog as queue items (none without a catalog),
    computed once per version of the file."""
    path = project.po_path(language, document)
    if not path.is_file():
        return []
    parsed = parsed_catalog(path)
    cached = _ITEMS.get(path)
    spliced = _SPLICED.pop(path, None)
    if (
        cached is not None
        and spliced is not None
        and spliced[0] is cached[0]
        and spliced[1] is parsed
    ):
        cached = (parsed, _carried_items(cached[1], spliced[0], parsed, spliced[2], document))
        _ITEMS[path] = cached
    elif cached is None or cached[0] is not parsed:
        cached = (parsed, catalog_items(document, parsed.catalog))
        _ITEMS[path] = cached
    return cached[1]


class EntryConflict(CatalogConflictError):
    """The entry changed since the page loaded it; ``theirs`` is what it holds now."""

    def __init__(self, theirs: Item | None, path: str) -> None:
        what = "was removed" if theirs is None else "changed since you opened it"
        super().__init__(
            f"the entry {what} (another tab, editions draft or update, git, an editor)",
            path=path,
            hint="compare both versions and save again",
        )
        self.theirs = theirs


class ApprovalRefused(EditionsError):
    """A blocking finding stands; the reviewer may suppress it with a reason."""

    def __init__(self, findings: list[Finding], path: str) -> None:
        codes = ", ".join(sorted({f.code for f in findings}))
        super().__init__(
            f"not approved: {codes} would block the release",
            path=path,
            hint="fix the translation, or suppress the finding with a reason",
        )
        self.findings = findings


@dataclass(frozen=True, slots=True)
class Edit:
    """What a reviewer asks for on one entry."""

    msgstr: str
    approve: bool = False
    reviewer: str = ""
    suppress: Mapping[str, str] = field(default_factory=dict)
    """Codes to suppress, with the reviewer's reason for each (recorded in the .po)."""
    resolve: str | None = None
    """A merge conflict settled for one side, "ours" or "theirs": the entry becomes exactly
    what that branch had (``msgstr`` is then ignored)."""
    reject: str | None = None
    """Send the text back with this reason: fuzzy, recorded as ``# needs-work: …``."""
    origin: str | None = None
    """Where the new text came from (a memory suggestion), recorded with it."""
    msgstr_plural: tuple[str, ...] | None = None
    """The forms of a plural entry (``msgstr`` is then ignored)."""


@dataclass(frozen=True)
class Saved:
    """An edit as written: the entry's queue item, in the catalog as written."""

    item: Item
    catalog: Catalog
    project: Project
    language: str

    @functools.cached_property
    def findings(self) -> list[Finding]:
        """What ``editions check`` reports on the entry as saved (computed from the catalog
        as written, not read back: it describes this save)."""
        document, entry = self.item.document, self.item.entry
        return entry_findings(self.project, self.language, document, self.catalog, entry)


def edit_entry(
    project: Project,
    language: str,
    document: str,
    key: MessageKey,
    expected: str,
    edit: Edit,
    now: datetime.datetime | None = None,
) -> Saved:
    """Apply ``edit`` to the entry ``key`` if it still has fingerprint ``expected``."""
    project.check_language(language)
    path = project.po_path(language, document)
    shown = project.relative(path)
    with catalog_lock(path, project.lock_dir):
        parsed, on_disk = _starting_point(path, key, expected)
        catalog = parsed.catalog
        if key not in parsed.positions:
            raise EntryConflict(None, shown)
        position, index = parsed.positions[key]
        current = catalog.entries[position]
        if fingerprint(current) != expected:
            theirs = Item(document, index, current, entry_state(current), fingerprint(current))
            raise EntryConflict(theirs, shown)
        if edit.reject is not None and edit.approve:
            raise EditionsError("approve or send back, not both", path=shown, line=current.line)
        if edit.resolve is not None:
            if not is_conflict(current):
                raise EditionsError(
                    "the entry holds no merge conflict", path=shown, line=current.line
                )
            changed = resolve(current, edit.resolve)
        else:
            changed = _edited(current, edit, shown)
            if changed != current or edit.approve:
                changed = without_conflict(changed)  # the reviewer decided by editing
        if edit.reject is not None:
            changed = _sent_back(changed, edit, now, shown)
        if edit.approve:
            changed = _approved(project, language, document, catalog, changed, edit, now, shown)
        if changed != current:
            if parsed.spliceable:
                written = parsed.spliced(position, changed, _revised(catalog, edit, now))
            else:  # first save of a file not in the byte-stable layout: rendered whole
                entries = list(catalog.entries)
                entries[position] = changed
                revised = _revised(catalog, edit, now).replace_entries(entries)
                written = _parsed(catalog_text(revised).encode("utf-8"), path)
            _WRITTEN.pop(path, None)
            atomic_write_bytes(path, written.data, expected=on_disk)
            _PARSED[path] = written
            _STAMPS[path] = None  # compared by bytes until its time stamp is old enough
            if parsed.spliceable:
                _SPLICED[path] = (parsed, written, index)
            _WRITTEN[path] = file_stamp(path)
            catalog = written.catalog
            changed = catalog.entries[written.positions[key][0]]  # with its line in the file
    item = Item(document, index, changed, entry_state(changed), fingerprint(changed))
    return Saved(item, catalog, project, language)


def _starting_point(path: Path, key: MessageKey, expected: str) -> tuple[Parsed, OnDisk]:
    """The catalog an edit of ``key`` starts from, and what the swap that ends it expects.

    After this process's own write, while the file still shows the stamp it had right
    after, the edit starts from what was written without reading it back: the swap then
    compares the bytes on disk with it, so a write by someone else in the same clock tick
    is refused there, never overwritten. An entry that seems changed is read again first."""
    written = _WRITTEN.get(path)
    if written is not None and file_stamp(path) == written and path in _PARSED:
        parsed = _PARSED[path]
        place = parsed.positions.get(key)
        if place is not None and fingerprint(parsed.catalog.entries[place[0]]) == expected:
            return parsed, OnDisk(parsed.data)
    _WRITTEN.pop(path, None)
    parsed = parsed_catalog(path)
    return parsed, OnDisk(parsed.data, _STAMPS.get(path))


def _revised(catalog: Catalog, edit: Edit, now: datetime.datetime | None) -> Catalog:
    """The header after a reviewer's save, as Poedit writes it: who and when."""
    stamp = (now or datetime.datetime.now(datetime.timezone.utc)).astimezone(datetime.timezone.utc)
    header = Catalog(
        headers=catalog.headers,
        header_comments=catalog.header_comments,
        header_flags=catalog.header_flags,
    ).with_header("PO-Revision-Date", stamp.strftime("%Y-%m-%d %H:%M+0000"))
    who = " ".join(edit.reviewer.split())
    return header.with_header("Last-Translator", who) if who else header


def _edited(entry: Entry, edit: Edit, shown: str) -> Entry:
    """A new text is never approved by itself: it stays (or becomes) fuzzy, and the record
    of an approval of the old text goes (it approved another text)."""
    if entry.is_plural:
        forms = edit.msgstr_plural if edit.msgstr_plural is not None else entry.msgstr_plural
        if len(forms) != len(entry.msgstr_plural):
            raise EditionsError(
                f"this plural entry has {len(entry.msgstr_plural)} forms, "
                f"the edit gives {len(forms)}",
                path=shown,
                line=entry.line,
            )
        if tuple(forms) == entry.msgstr_plural:
            return entry
        edited = entry.replace(msgstr_plural=tuple(forms))
    elif edit.msgstr == entry.msgstr:
        return entry
    else:
        edited = entry.replace(msgstr=edit.msgstr)
    comments = [
        c for c in entry.translator_comments if not c.startswith((REVIEWED_PREFIX, ORIGIN_PREFIX))
    ]
    if edit.origin:
        comments.append(f"{ORIGIN_PREFIX}{' '.join(edit.origin.split())}")
    edited = edited.replace(translator_comments=tuple(comments))
    return edited.with_flag(FUZZY, edited.has_translation)


def _sent_back(entry: Entry, edit: Edit, now: datetime.datetime | None, shown: str) -> Entry:
    reason = " ".join((edit.reject or "").split())
    if not reason:
        raise EditionsError(
            "say what needs work: a reason is required", path=shown, line=entry.line
        )
    if not entry.has_translation:
        raise EditionsError(
            "an untranslated entry cannot be sent back", path=shown, line=entry.line
        )
    stamp = (now or datetime.datetime.now(datetime.timezone.utc)).strftime("%Y-%m-%dT%H:%MZ")
    who = " ".join(edit.reviewer.split()) or "unknown reviewer"
    comments = [c for c in entry.translator_comments if not c.startswith(REVIEWED_PREFIX)]
    comments.append(f"{NEEDS_WORK_PREFIX}{reason} — {who} {stamp}")
    return entry.replace(translator_comments=tuple(comments)).with_flag(FUZZY, True)


def _approved(
    project: Project,
    language: str,
    document: str,
    catalog: Catalog,
    entry: Entry,
    edit: Edit,
    now: datetime.datetime | None,
    shown: str,
) -> Entry:
    if not entry.has_translation or (entry.is_plural and not all(entry.msgstr_plural)):
        raise EditionsError("an empty translation cannot be approved", path=shown, line=entry.line)
    approved = entry.with_flag(FUZZY, False).replace(
        previous_msgid=None, previous_msgctxt=None, previous_msgid_plural=None
    )
    comments = [
        c
        for c in approved.translator_comments
        if not c.startswith((REVIEWED_PREFIX, NEEDS_WORK_PREFIX))
    ]
    if edit.suppress:
        comments.append(ignore_comment(*sorted(edit.suppress)))
        comments += [
            f"{REASON_PREFIX}{code}: {' '.join(reason.split())}"
            for code, reason in sorted(edit.suppress.items())
        ]
    approved = approved.replace(translator_comments=tuple(comments))
    blocking = [
        f
        for f in entry_findings(project, language, document, catalog, approved)
        if f.severity is Severity.ERROR
    ]
    if blocking:
        raise ApprovalRefused(blocking, shown)
    stamp = (now or datetime.datetime.now(datetime.timezone.utc)).strftime("%Y-%m-%dT%H:%MZ")
    who = " ".join(edit.reviewer.split()) or "unknown reviewer"
    return approved.replace(
        translator_comments=(*approved.translator_comments, f"{REVIEWED_PREFIX}{who} {stamp}")
    )


@dataclass(frozen=True, slots=True)
class Parsed:
    """A catalog as read, with the byte size of its header and of each entry when the file
    is in the project's byte-stable layout (then one entry is rewritten by splicing its
    bytes; sizes, not offsets, so a splice changes one number, not every one after it)."""

    data: bytes
    catalog: Catalog
    sizes: tuple[int, ...] | None
    """Bytes of each entry, the blank line before it included; None: not byte-stable."""
    header_size: int = 0
    positions: Mapping[MessageKey, tuple[int, int]] = field(default_factory=dict, compare=False)
    """Each live entry's place: its position among all entries and among the live ones."""

    @property
    def spliceable(self) -> bool:
        return self.sizes is not None

    def span(self, index: int) -> tuple[int, int]:
        assert self.sizes is not None
        start = self.header_size + sum(self.sizes[:index])
        return start, start + self.sizes[index]

    def spliced(self, index: int, entry: Entry, header: Catalog) -> Parsed:
        """This catalog with entry ``index`` replaced by ``entry`` and its header by
        ``header``'s: the same bytes elsewhere (copied once), and the line numbers of the
        entries after each change moved by the lines it gained or lost."""
        assert self.sizes is not None
        start, end = self.span(index)
        text = ("\n" if start > 0 else "") + catalog_pieces(Catalog(entries=(entry,)))[1][0]
        piece = text.encode("utf-8")
        head = catalog_pieces(header)[0].encode("utf-8")
        view = memoryview(self.data)
        data = b"".join((head, view[self.header_size : start], piece, view[end:]))
        head_moved = head.count(b"\n") - self.data.count(b"\n", 0, self.header_size)
        moved = piece.count(b"\n") - self.data.count(b"\n", start, end)
        start += len(head) - self.header_size
        entries = list(self.catalog.entries)
        if head_moved:
            entries[:index] = [e.replace(line=e.line + head_moved) for e in entries[:index]]
        entries[index] = entry.replace(line=_keyword_line(data, start, text))
        if moved + head_moved:
            entries[index + 1 :] = [
                e.replace(line=e.line + moved + head_moved) for e in entries[index + 1 :]
            ]
        catalog = Catalog(
            headers=header.headers,
            header_comments=header.header_comments,
            header_flags=header.header_flags,
            entries=tuple(entries),
        )
        sizes = (*self.sizes[:index], len(piece), *self.sizes[index + 1 :])
        return Parsed(data, catalog, sizes, len(head), self.positions)


def _carried_items(
    old_items: list[Item], old: Parsed, new: Parsed, index: int, document: str
) -> list[Item]:
    """The queue items of ``new`` from those of ``old``, which it was spliced from at live
    entry ``index``: only that item is computed again; where lines moved, the entries
    after it take their new line numbers with the state and fingerprint they had."""
    items = list(old_items)
    entries = new.catalog.entries
    position = new.positions[items[index].key][0]
    entry = entries[position]
    items[index] = Item(document, index, entry, entry_state(entry), fingerprint(entry))
    unmoved = (p for p in (0, len(entries) - 1) if p != position)
    if all(entries[p] is old.catalog.entries[p] for p in unmoved):
        return items
    for number, item in enumerate(items):
        position = new.positions[item.key][0]
        entry = entries[position]
        if entry is item.entry:
            continue
        if entry.replace(line=0) == item.entry.replace(line=0):
            items[number] = Item(document, number, entry, item.state, item.fingerprint)
        else:
            items[number] = Item(document, number, entry, entry_state(entry), fingerprint(entry))
    return items


def _keyword_line(data: bytes, start: int, text: str) -> int:
    """The 1-based line of the ``msgid`` keyword of an entry written as ``text`` at ``start``."""
    before = data.count(b"\n", 0, start) + 1
    for offset, line in enumerate(text.split("\n")):
        if line.startswith(("msgid ", "#~ msgid ")):
            return before + offset
    return before


_PARSED: dict[Path, Parsed] = {}
_ITEMS: dict[Path, tuple[Parsed, list[Item]]] = {}
_SPLICED: dict[Path, tuple[Parsed, Parsed, int]] = {}
"""The last splice of each catalog: the parse before and after (to carry queue items)."""
"""The last parse of each catalog, reused while its bytes are unchanged (the review server
answers many requests on one catalog; a catalog changed on disk is parsed again)."""


def parsed_catalog(path: Path) -> Parsed:
    """The catalog at ``path``; a file with git conflict markers is refused.

    The last parse is reused while the file's identity (inode, size, modification and
    change times) is what it was, once those times are older than the file system's clock
    resolution (:func:`editions.fsio.settled`); until then the bytes are compared."""
    stamp = file_stamp(path)
    cached = _PARSED.get(path)
    if cached is not None and stamp is not None and _STAMPS.get(path) == stamp:
        return cached
    data = OnDisk.read(path).data
    if data is None:
        raise EditionsError("catalog missing", path=path, hint="run 'editions update'")
    if cached is not None and cached.data == data:
        _remember(path, cached, stamp)
        return cached
    if b"\n<<<<<<< " in b"\n" + data or b"\n>>>>>>> " in data:
        line = (b"\n" + data).split(b"\n<<<<<<< ")[0].count(b"\n") + 1
        raise CatalogConflictError(
            "the catalog holds git conflict markers",
            path=str(path),
            line=line,
            hint="resolve the merge conflict (git mergetool, or edit the file), then reload",
        )
    parsed = _parsed(data, path)
    _remember(path, parsed, stamp)
    return parsed


def _parsed(data: bytes, path: Path) -> Parsed:
    catalog = parse_catalog(decode_catalog_bytes(data, path), path)
    header_size, sizes = _sizes(catalog, data)
    return Parsed(data, catalog, sizes, header_size, _positions(catalog))


_WRITTEN: dict[Path, FileStamp | None] = {}
"""Each catalog's stamp right after this process last wrote it (what it wrote is its
cached parse, ``_PARSED``)."""

_STAMPS: dict[Path, FileStamp | None] = {}
"""The stamp each cached parse is valid for; None: compare the bytes."""


def _remember(path: Path, parsed: Parsed, stamp: FileStamp | None) -> None:
    """Keep ``parsed`` as the file's last parse, valid while the file has ``stamp``; a
    stamp taken within the file system's time resolution of now may still change, so it
    is not trusted (the bytes are compared instead, as for a file never seen)."""
    _PARSED[path] = parsed
    _STAMPS[path] = stamp if stamp is not None and settled(stamp) else None


def _positions(catalog: Catalog) -> dict[MessageKey, tuple[int, int]]:
    positions: dict[MessageKey, tuple[int, int]] = {}
    live = 0
    for position, entry in enumerate(catalog.entries):
        if not entry.obsolete:
            positions.setdefault(entry.key, (position, live))
            live += 1
    return positions


def _sizes(catalog: Catalog, data: bytes) -> tuple[int, tuple[int, ...] | None]:
    """The header's size and each entry's, when ``data`` is exactly the catalog rendered."""
    header, pieces = catalog_pieces(catalog)
    header_bytes = header.encode("utf-8")
    encoded = [piece.encode("utf-8") for piece in pieces]
    if header_bytes + b"".join(encoded) != data:
        return 0, None  # not in the byte-stable layout: every save renders the whole file
    return len(header_bytes), tuple(len(piece) for piece in encoded)


def read_catalog(path: Path) -> tuple[Catalog, OnDisk]:
    """The catalog and the bytes it was read from (see :func:`parsed_catalog`)."""
    parsed = parsed_catalog(path)
    return parsed.catalog, OnDisk(parsed.data)


__all__ = [
    "ApprovalRefused",
    "Edit",
    "EntryConflict",
    "Item",
    "Saved",
    "State",
    "document_items",
    "edit_entry",
    "entry_state",
    "fingerprint",
    "parsed_catalog",
    "read_catalog",
    "review_queue",
]
