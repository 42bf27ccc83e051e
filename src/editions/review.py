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
from editions.fsio import OnDisk, atomic_write_bytes, catalog_lock
from editions.gitmerge import is_conflict, read_conflict, resolve, without_conflict
from editions.pofile import (
    catalog_pieces,
    catalog_text,
    decode_catalog_bytes,
    parse_catalog,
    save_catalog,
)
from editions.project import Project
from editions.provenance import is_untouched_draft, read_provenance

REVIEWED_PREFIX = "reviewed-by: "
REASON_PREFIX = "editions-ignore-reason: "


class State(enum.Enum):
    """Where an entry stands, as a reviewer sees it."""

    CONFLICT = "merge conflict"
    """two branches changed it differently; ``editions merge-driver`` kept both texts"""
    UNTRANSLATED = "untranslated"
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
            "state": self.state.value,
            "needs_work": self.state.needs_work,
            "fingerprint": self.fingerprint,
            "previous_msgid": entry.previous_msgid,
            "kind": ", ".join(entry.extracted_comments),
            "references": list(entry.references),
            "line": entry.line,
            "reviewed_by": review_record(entry),
            "comments": [
                c
                for c in entry.translator_comments
                if not c.startswith((REVIEWED_PREFIX, "editions-"))
            ],
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
    if cached is None or cached[0] is not parsed:
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


def edit_entry(
    project: Project,
    language: str,
    document: str,
    key: MessageKey,
    expected: str,
    edit: Edit,
    now: datetime.datetime | None = None,
) -> Item:
    """Apply ``edit`` to the entry ``key`` if it still has fingerprint ``expected``."""
    project.check_language(language)
    path = project.po_path(language, document)
    shown = project.relative(path)
    with catalog_lock(path, project.lock_dir):
        parsed = parsed_catalog(path)
        catalog, on_disk = parsed.catalog, OnDisk(parsed.data)
        entries = list(catalog.entries)
        found = [i for i, e in enumerate(entries) if e.key == key and not e.obsolete]
        if not found:
            raise EntryConflict(None, shown)
        position = found[0]
        current = entries[position]
        if fingerprint(current) != expected:
            index = [e.key for e in catalog.live()].index(key)
            theirs = Item(document, index, current, entry_state(current), fingerprint(current))
            raise EntryConflict(theirs, shown)
        if current.is_plural:
            raise EditionsError(
                "plural entries are edited in a .po editor for now", path=shown, line=current.line
            )
        if edit.resolve is not None:
            if not is_conflict(current):
                raise EditionsError(
                    "the entry holds no merge conflict", path=shown, line=current.line
                )
            changed = resolve(current, edit.resolve)
        else:
            changed = _edited(current, edit.msgstr)
            if changed != current or edit.approve:
                changed = without_conflict(changed)  # the reviewer decided by editing
        if edit.approve:
            changed = _approved(project, language, document, catalog, changed, edit, now, shown)
        if changed == current:
            pass
        elif parsed.spans is not None:
            written = parsed.splice(position, changed).with_header(_revised(catalog, edit, now))
            atomic_write_bytes(path, written.data, expected=on_disk)
            _PARSED[path] = written
        else:
            entries[position] = changed
            revised = _revised(catalog, edit, now).replace_entries(entries)
            save_catalog(path, revised, expected=on_disk)
    index = [e.key for e in catalog.live()].index(key)
    return Item(document, index, changed, entry_state(changed), fingerprint(changed))


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


def _edited(entry: Entry, msgstr: str) -> Entry:
    """A new text is never approved by itself: it stays (or becomes) fuzzy, and the record
    of an approval of the old text goes (it approved another text)."""
    if msgstr == entry.msgstr:
        return entry
    comments = tuple(c for c in entry.translator_comments if not c.startswith(REVIEWED_PREFIX))
    edited = entry.replace(msgstr=msgstr, translator_comments=comments)
    return edited.with_flag(FUZZY, bool(msgstr))


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
    if not entry.msgstr:
        raise EditionsError("an empty translation cannot be approved", path=shown, line=entry.line)
    approved = entry.with_flag(FUZZY, False).replace(
        previous_msgid=None, previous_msgctxt=None, previous_msgid_plural=None
    )
    comments = [c for c in approved.translator_comments if not c.startswith(REVIEWED_PREFIX)]
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
    """A catalog as read, with the byte span of each entry when the file is in the project's
    byte-stable layout (then one entry is rewritten by splicing its bytes)."""

    data: bytes
    catalog: Catalog
    spans: tuple[tuple[int, int], ...] | None

    def splice(self, index: int, entry: Entry) -> Parsed:
        """This catalog with entry ``index`` replaced: the same bytes elsewhere, and the
        line numbers of the entries after it moved by the lines it gained or lost."""
        assert self.spans is not None
        start, end = self.spans[index]
        separator = "\n" if start > 0 else ""
        text = separator + catalog_pieces(Catalog(entries=(entry,)))[1][0]
        piece = text.encode("utf-8")
        data = self.data[:start] + piece + self.data[end:]
        shift = len(piece) - (end - start)
        spans = (
            *self.spans[:index],
            (start, start + len(piece)),
            *((s + shift, e + shift) for s, e in self.spans[index + 1 :]),
        )
        moved = piece.count(b"\n") - self.data.count(b"\n", start, end)
        entries = list(self.catalog.entries)
        entries[index] = entry.replace(line=_keyword_line(self.data, start, text))
        if moved:
            entries[index + 1 :] = [e.replace(line=e.line + moved) for e in entries[index + 1 :]]
        return Parsed(data, self.catalog.replace_entries(entries), spans)

    def with_header(self, header: Catalog) -> Parsed:
        """This catalog with its header replaced by ``header``'s (entries untouched)."""
        assert self.spans is not None
        end = self.spans[0][0] if self.spans else len(self.data)
        piece = catalog_pieces(header)[0].encode("utf-8")
        if piece == self.data[:end]:
            return self
        shift = len(piece) - end
        moved = piece.count(b"\n") - self.data.count(b"\n", 0, end)
        entries = [e.replace(line=e.line + moved) for e in self.catalog.entries]
        catalog = Catalog(
            headers=header.headers,
            header_comments=header.header_comments,
            header_flags=header.header_flags,
            entries=tuple(entries),
        )
        spans = tuple((s + shift, e + shift) for s, e in self.spans)
        return Parsed(piece + self.data[end:], catalog, spans)


def _keyword_line(data: bytes, start: int, text: str) -> int:
    """The 1-based line of the ``msgid`` keyword of an entry written as ``text`` at ``start``."""
    before = data.count(b"\n", 0, start) + 1
    for offset, line in enumerate(text.split("\n")):
        if line.startswith(("msgid ", "#~ msgid ")):
            return before + offset
    return before


_PARSED: dict[Path, Parsed] = {}
_ITEMS: dict[Path, tuple[Parsed, list[Item]]] = {}
"""The last parse of each catalog, reused while its bytes are unchanged (the review server
answers many requests on one catalog; a catalog changed on disk is parsed again)."""


def parsed_catalog(path: Path) -> Parsed:
    """The catalog at ``path``; a file with git conflict markers is refused."""
    data = OnDisk.read(path).data
    if data is None:
        raise EditionsError("catalog missing", path=path, hint="run 'editions update'")
    cached = _PARSED.get(path)
    if cached is not None and cached.data == data:
        return cached
    if b"\n<<<<<<< " in b"\n" + data or b"\n>>>>>>> " in data:
        line = (b"\n" + data).split(b"\n<<<<<<< ")[0].count(b"\n") + 1
        raise CatalogConflictError(
            "the catalog holds git conflict markers",
            path=str(path),
            line=line,
            hint="resolve the merge conflict (git mergetool, or edit the file), then reload",
        )
    catalog = parse_catalog(decode_catalog_bytes(data, path), path)
    parsed = Parsed(data, catalog, _spans(catalog, data))
    _PARSED[path] = parsed
    return parsed


def _spans(catalog: Catalog, data: bytes) -> tuple[tuple[int, int], ...] | None:
    header, pieces = catalog_pieces(catalog)
    offset = len(header.encode("utf-8"))
    spans = []
    for piece in pieces:
        size = len(piece.encode("utf-8"))
        spans.append((offset, offset + size))
        offset += size
    if offset != len(data) or (header + "".join(pieces)).encode("utf-8") != data:
        return None  # not in the byte-stable layout: every save renders the whole file
    return tuple(spans)


def read_catalog(path: Path) -> tuple[Catalog, OnDisk]:
    """The catalog and the bytes it was read from (see :func:`parsed_catalog`)."""
    parsed = parsed_catalog(path)
    return parsed.catalog, OnDisk(parsed.data)


__all__ = [
    "ApprovalRefused",
    "Edit",
    "EntryConflict",
    "Item",
    "State",
    "document_items",
    "edit_entry",
    "entry_state",
    "fingerprint",
    "parsed_catalog",
    "read_catalog",
    "review_queue",
]
