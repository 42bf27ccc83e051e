"""XLIFF 1.2 for CAT tools: export catalogs, import what a translator did.

XLIFF 1.2 because it is the version the main tools read and write fully: Trados Studio,
memoQ, Phrase, OmegaT (through Okapi), Okapi Rainbow and translate-toolkit all take 1.2;
XLIFF 2.x support is partial in several of them (docs/interop.md). Files validate against
the official strict schema shipped in ``schemas/``.

One ``<file>`` per catalog (``original`` = its path in the project), one ``<trans-unit>``
per live singular entry. The unit ``id`` is a digest of (msgctxt, msgid), so it names the
entry whatever the order; ``extradata`` holds digests of the entry and of the unit's target
and state at export, so an import passes over units nobody touched and can tell whether the
``.po`` changed meanwhile. States map both ways:

=============  =============================================================  ===========
editions       XLIFF ``<target>``                                              back
=============  =============================================================  ===========
untranslated   no target                                                        untranslated
machine draft  ``state="needs-review-translation" state-qualifier="leveraged-mt"``  fuzzy
outdated       ``state="needs-review-translation" state-qualifier="fuzzy-match"``   fuzzy
fuzzy          ``state="needs-review-translation"``                                fuzzy
translated     ``state="translated"``, ``approved="yes"``                          not fuzzy
reviewed       ``state="signed-off"``, ``approved="yes"``                          not fuzzy
=============  =============================================================  ===========

Translator comments, extracted comments and provenance travel as ``<note>``; the previous
English of an outdated entry as ``<alt-trans alttranstype="previous-version">``; the
references as a ``location`` context group; Markdown inline markup as protected inline codes
(:mod:`editions.interop.inline`). Import changes only what the CAT tool changed (target and
state), entry by entry, and never an entry that changed in the ``.po`` since the export: that
is a conflict, reported, with both versions kept (the ``.po`` as it is, the ``.xlf``
untouched). Exporting then importing an unedited file changes no byte.
"""

from __future__ import annotations

import datetime
import gc
import hashlib
import multiprocessing
import os
import re
import threading
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field, replace
from multiprocessing.connection import Connection
from pathlib import Path
from typing import NamedTuple

from editions import __version__
from editions.catalog import FUZZY, Catalog, Entry
from editions.errors import CatalogConflictError, ProjectError, SourceError
from editions.fsio import OnDisk, atomic_write_bytes, catalog_lock
from editions.interop.inline import SPECIAL, tokens
from editions.pofile import catalog_text, parse_catalog
from editions.project import Project
from editions.provenance import DRAFT_PREFIX, DRAFT_TEXT_PREFIX
from editions.render.edition import html_lang
from editions.review import REVIEWED_PREFIX, State, entry_state

NS = "urn:oasis:names:tc:xliff:document:1.2"
XML_NS = "http://www.w3.org/XML/1998/namespace"
SCHEMA = Path(__file__).parent / "schemas" / "xliff-core-1.2-strict.xsd"
STATES = {state.value.replace("machine ", ""): state for state in State}
"""``--state`` names: untranslated, draft, outdated, fuzzy, translated, reviewed."""

_TARGET_STATE = {
    State.DRAFT: ("needs-review-translation", "leveraged-mt"),
    State.OUTDATED: ("needs-review-translation", "fuzzy-match"),
    State.FUZZY: ("needs-review-translation", None),
    State.TRANSLATED: ("translated", None),
    State.REVIEWED: ("signed-off", None),
}
_DONE = ("translated", "final", "signed-off")
CONTROL = "x-control"


TARGET = f"{{{NS}}}target"


def unit_id(entry: Entry) -> str:
    key = f"{entry.msgctxt or ''}\x04{entry.msgid}"
    return "u" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def _q(name: str) -> str:
    return f"{{{NS}}}{name}"


# -- export -------------------------------------------------------------------------------------


def export_xliff(
    project: Project,
    catalogs: Sequence[Path],
    *,
    states: Iterable[State] | None = None,
    date: datetime.datetime | None = None,
) -> bytes:
    """XLIFF 1.2 of the live singular entries of ``catalogs`` whose state is in ``states``
    (default: all). Written directly as text (escaped), indented where it is structure and
    never inside ``<source>``, ``<target>`` or notes (``xml:space="preserve"``)."""
    wanted = set(states) if states is not None else set(State)
    with _no_collection():
        return _export(project, catalogs, wanted, date)


@contextmanager
def _no_collection() -> Iterator[None]:
    """The cyclic garbage collector paused: big acyclic trees of entries and elements are
    built here, and collections during the build only cost time (a third of an import)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _export(
    project: Project,
    catalogs: Sequence[Path],
    wanted: set[State],
    date: datetime.datetime | None,
) -> bytes:
    out = ["<?xml version='1.0' encoding='utf-8'?>", f'<xliff xmlns="{NS}" version="1.2">']
    for path in catalogs:
        catalog = parse_catalog(path.read_text(encoding="utf-8"), path)
        language = catalog.header("Language") or path.parent.parent.name
        stamp = f' date="{date.strftime("%Y-%m-%dT%H:%M:%SZ")}"' if date is not None else ""
        out.append(
            f' <file original="{_attr(project.relative(path))}" '
            f'source-language="{_attr(html_lang(project.source_language))}" '
            f'target-language="{_attr(html_lang(language))}" datatype="po" '
            f'tool-id="editions"{stamp}>'
        )
        out.append("  <header>")
        out.append(
            f'   <tool tool-id="editions" tool-name="editions" tool-version="{__version__}" />'
        )
        out.append("  </header>")
        chosen = [
            (entry, state)
            for entry in catalog.entries
            if not (entry.obsolete or entry.is_plural or not entry.msgid)
            and (state := entry_state(entry)) in wanted
        ]
        units = _render_units(chosen)
        out.append("  <body>" if units else "  <body />")
        out.extend(units)
        if units:
            out.append("  </body>")
        out.append(" </file>")
    out.append("</xliff>\n")
    return "\n".join(out).encode("utf-8")


PARALLEL_UNITS = 4000
"""From this many units on, a catalog's units are rendered by one forked process per CPU."""
_CHUNKS: list[tuple[Entry, State]] = []


def _render_units(chosen: list[tuple[Entry, State]]) -> list[str]:
    """The ``<trans-unit>`` of each (entry, state), in order. Big catalogs are rendered in
    forked processes (they inherit the parsed entries, so nothing is pickled but the text
    that comes back); only from a single-threaded process, where forking is safe."""
    workers = min(os.cpu_count() or 1, 8)
    if len(chosen) < PARALLEL_UNITS or workers < 2 or not can_fork():
        return [_unit(entry, state) for entry, state in chosen]
    global _CHUNKS
    _CHUNKS = chosen
    size = -(-len(chosen) // (workers * 4))
    spans = [(start, min(start + size, len(chosen))) for start in range(0, len(chosen), size)]
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            rendered = pool.map(_render_span, spans)
    finally:
        _CHUNKS = []
    return [unit for block in rendered for unit in block]


def can_fork() -> bool:
    """Forking is safe: the platform has it and this process runs no other thread."""
    return threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods()


def _render_span(span: tuple[int, int]) -> list[str]:
    return [_unit(entry, state) for entry, state in _CHUNKS[span[0] : span[1]]]


_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
_ATTR_ESCAPES = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\n": "&#10;", "\t": "&#9;"}
)


def _esc(text: str) -> str:
    if "&" in text or "<" in text or ">" in text:
        return text.translate(_ESCAPES)
    return text


def _attr(text: str) -> str:
    return _xml_text(text).translate(_ATTR_ESCAPES)


def entry_digest(entry: Entry) -> str:
    """What the entry holds, hashed (its line excluded): an import compares it with the
    digest recorded at export to tell whether the ``.po`` changed meanwhile."""
    fields = (
        entry.msgid, entry.msgstr, entry.msgctxt, entry.msgid_plural, entry.msgstr_plural,
        entry.translator_comments, entry.extracted_comments, entry.references, entry.flags,
        entry.previous_msgctxt, entry.previous_msgid, entry.previous_msgid_plural,
        entry.obsolete,
    )  # fmt: skip
    return hashlib.sha256(repr(fields).encode("utf-8")).hexdigest()[:20]


def _view_digest(target: str | None, state: str | None, approved: bool) -> str:
    """What a CAT tool can change in a unit (target text, state, approval), hashed: a
    unit whose view is as exported is passed over on import without a look at its entry."""
    view = f"{target is not None}\x00{target or ''}\x00{state or ''}\x00{approved}"
    return hashlib.sha256(view.encode("utf-8")).hexdigest()[:12]


def _as_exported(view: str, target: str | None, state: str | None, approved: bool) -> bool:
    """The unit's target, state and approval are what the export recorded as ``view``."""
    return bool(view) and view == _view_digest(target, state, approved)


def _unit(entry: Entry, state: State) -> str:
    approved = not state.needs_work  # translated or reviewed
    value = _TARGET_STATE[state][0] if state is not State.UNTRANSLATED else None
    shown = entry.msgstr if value is not None else None
    recorded = f"editions:{entry_digest(entry)}:{_view_digest(shown, value, approved)}"
    attributes = f'id="{unit_id(entry)}" extradata="{recorded}"'
    if entry.msgctxt is not None:
        attributes += f' resname="{_attr(entry.msgctxt)}"'
    if approved:
        attributes += ' approved="yes"'  # usable as is: not fuzzy (how PO tools read it)
    lines = [f'   <trans-unit {attributes} xml:space="preserve">']
    source, source_ids = _markup(entry.msgid)
    lines.append(f"    <source>{source}</source>")
    target = None
    if state is not State.UNTRANSLATED:
        value, qualifier = _TARGET_STATE[state]
        extra = f' state-qualifier="{qualifier}"' if qualifier else ""
        target, _ = _markup(entry.msgstr, source_ids)
        lines.append(f'    <target state="{value}"{extra}>{target}</target>')
    for comment in entry.translator_comments:
        ours = comment.startswith((DRAFT_PREFIX, DRAFT_TEXT_PREFIX, REVIEWED_PREFIX))
        origin = "editions" if ours else "translator"
        lines.append(f'    <note from="{origin}">{_esc(_xml_text(comment))}</note>')
    for comment in entry.extracted_comments:
        lines.append(f'    <note from="developer">{_esc(_xml_text(comment))}</note>')
    if entry.references:
        lines.append('    <context-group purpose="location">')
        for reference in entry.references:
            path, _, line = reference.rpartition(":")
            file, number = (path, line) if line.isdigit() else (reference, "")
            lines.append(
                f'     <context context-type="sourcefile">{_esc(_xml_text(file))}</context>'
            )
            if number:
                lines.append(f'     <context context-type="linenumber">{number}</context>')
        lines.append("    </context-group>")
    if entry.previous_msgid is not None:
        previous, previous_ids = _markup(entry.previous_msgid)
        if target is None or previous_ids != source_ids:
            old, _ = _markup(entry.msgstr, previous_ids)
        else:
            old = target  # the same text against the same codes
        lines.append('    <alt-trans alttranstype="previous-version">')
        lines.append(f"     <source>{previous}</source>")
        lines.append(f"     <target>{old}</target>")
        lines.append("    </alt-trans>")
    lines.append("   </trans-unit>")
    return "\n".join(lines)


_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _xml_text(text: str) -> str:
    """Notes and contexts are informative: a control character shows as its escape."""
    return _NOT_XML.sub(lambda m: f"\\x{ord(m.group(0)):02x}", text)


CodeIds = dict[tuple[str, str], list[str]]


def _markup(text: str, reference: CodeIds | None = None) -> tuple[str, CodeIds]:
    """The XML content of ``text`` (escaped text and inline codes) and its codes' ids.

    Codes are numbered 1, 2, ... in order (an ``<ept>`` takes its ``<bpt>``'s id); with a
    ``reference`` (the source's ids), a code the source has takes the source's id and any
    other is numbered from 101, so a CAT tool lines the target's codes up with the source's.
    """
    if not SPECIAL.search(text):
        return _esc(text), {}
    escape = _esc if "&" in text or "<" in text or ">" in text else str
    available = {key: list(ids) for key, ids in reference.items()} if reference else None
    fresh = 100 if reference is not None else 0
    table: CodeIds = {}
    pair_ids: dict[int, str] = {}
    out: list[str] = []
    position = 0
    for start, (end, code) in sorted(tokens(text).items()):
        kind, native, ctype, pair = code
        if start > position:
            out.append(escape(text[position:start]))
        position = end
        if kind == "ept" and pair in pair_ids:
            code_id = pair_ids[pair]
        else:
            matches = available.get((kind, native)) if available else None
            if matches:
                code_id = matches.pop(0)
            else:
                fresh += 1
                code_id = str(fresh)
            if kind == "bpt":
                pair_ids[pair] = code_id
        if (kind, native) in table:
            table[kind, native].append(code_id)
        else:
            table[kind, native] = [code_id]
        body = _esc(_control_escape(native)) if ctype == CONTROL else escape(native)
        if kind == "ept":
            out.append(f'<ept id="{code_id}">{body}</ept>')
        else:
            out.append(f'<{kind} id="{code_id}" ctype="{ctype}">{body}</{kind}>')
    if position < len(text):
        out.append(escape(text[position:]))
    return "".join(out), table


def _control_escape(native: str) -> str:
    return "".join(f"\\x{ord(char):02x}" for char in native)


# -- import -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Conflict:
    """A unit the CAT tool changed whose entry also changed in the ``.po`` since export."""

    path: Path
    line: int
    msgid: str
    reason: str


@dataclass(slots=True)
class ImportReport:
    """What an import did: entries changed per catalog, units unchanged, conflicts."""

    changed: dict[Path, int] = field(default_factory=dict)
    unchanged: int = 0
    conflicts: list[Conflict] = field(default_factory=list)

    @property
    def written(self) -> list[Path]:
        return [path for path, count in self.changed.items() if count]


def import_xliff(project: Project, data: bytes, label: str = "XLIFF") -> ImportReport:
    """Apply the targets and states of an XLIFF file to the catalogs it came from.

    Each catalog is locked, read and changed in one go. A big file's XML is read in a forked
    process while this one reads the catalogs it names (:func:`read_units` either way)."""
    report = ImportReport()
    missing: list[tuple[int, str]] = []  # (conflict index, unit id): sources looked up last
    with _no_collection(), _UnitReader(data, label) as reader, ExitStack() as locks:
        held: dict[Path, tuple[OnDisk, Catalog] | None] = {}
        for original in reader.named_catalogs():
            path = _catalog_path(project, original)
            if path is not None and path.is_file() and path not in held:
                locks.enter_context(catalog_lock(path, project.lock_dir))
                held[path] = _read_catalog(path)
        for file in reader.files():
            path = project.ensure_inside(project.root / file.original)
            if not path.is_file():
                raise SourceError(
                    f"the catalog {file.original!r} named in the XLIFF is missing", path=label
                )
            if path not in held:
                locks.enter_context(catalog_lock(path, project.lock_dir))
            read = held.get(path) or _read_catalog(path)
            held[path] = None  # a second <file> for the same catalog reads what the first wrote
            _apply(path, *read, file.units, report, missing)
    if missing:
        sources = _sources(data, {uid for _, uid in missing})
        for index, uid in missing:
            report.conflicts[index] = replace(report.conflicts[index], msgid=sources.get(uid, ""))
    return report


def _catalog_path(project: Project, original: str) -> Path | None:
    try:
        return project.ensure_inside(project.root / original)
    except ProjectError:
        return None  # refused where the file is applied


def _read_catalog(path: Path) -> tuple[OnDisk, Catalog]:
    snapshot = OnDisk.read(path)
    assert snapshot.data is not None
    return snapshot, parse_catalog(snapshot.data.decode("utf-8"), path)


class UnitView(NamedTuple):
    """What an import needs of one ``<trans-unit>``: its id, the entry and view digests
    recorded at export, approval, the target's state and text (``None``: no target; an
    emptied code is its ``(id, ctype)``), and whether all of that is as exported (then only
    ``uid`` is set)."""

    uid: str
    as_exported: bool = False
    exported: str = ""
    view: str = ""
    approved: bool = False
    state: str | None = None
    target: tuple[str | tuple[str, str], ...] | None = None


class FileView(NamedTuple):
    original: str
    units: list[UnitView]


def read_units(data: bytes, label: str = "XLIFF") -> list[FileView]:
    """The ``<file>`` elements of an XLIFF 1.2 file and what an import needs of their units
    (the last of two units with one id counts)."""
    return _views(_xliff_root(data, label))


def _xliff_root(data: bytes, label: str) -> ET.Element:
    try:
        with _no_collection():
            root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise SourceError(f"not well-formed XML: {exc}", path=label) from exc
    if root.tag != _q("xliff") or root.get("version") != "1.2":
        raise SourceError(
            "not an XLIFF 1.2 file", path=label, hint="export with 'editions export --format xliff'"
        )
    return root


def _views(root: ET.Element) -> list[FileView]:
    files = []
    for file in root.findall(_q("file")):
        units = {view.uid: view for view in map(_unit_view, file.iter(_q("trans-unit")))}
        files.append(FileView(file.get("original") or "", list(units.values())))
    return files


def _unit_view(unit: ET.Element) -> UnitView:
    uid = unit.get("id", "")
    _, _, recorded = (unit.get("extradata") or "").partition("editions:")
    approved = unit.get("approved") == "yes"
    target = unit.find(TARGET)
    if target is None:
        state, pieces = None, None
    else:
        state, pieces = target.get("state"), tuple(_pieces(target))
    exported, _, view = recorded.partition(":")
    if view and (pieces is None or all(type(piece) is str for piece in pieces)):
        text = None if pieces is None else "".join(pieces)  # type: ignore[arg-type]
        if _as_exported(view, text, state, approved):
            return UnitView(uid, True)
    return UnitView(uid, False, exported, view, approved, state, pieces)


def _pieces(element: ET.Element) -> list[str | tuple[str, str]]:
    """The Markdown of a source or target as text and codes' markup; a code a tool emptied
    is its ``(id, ctype)``, filled in from the source's code of that id."""
    if not len(element):
        return [element.text or ""]
    pieces: list[str | tuple[str, str]] = [element.text or ""]
    for child in element:
        name = child.tag.rpartition("}")[2]
        if name in ("ph", "bpt", "ept", "it", "x", "bx", "ex"):
            ctype = child.get("ctype") or ""
            if not child.text:
                pieces.append((child.get("id", ""), ctype))
            else:
                pieces.append(_unescaped(child.text) if ctype == CONTROL else child.text)
        elif name in ("g", "mrk"):
            pieces.extend(_pieces(child))
        pieces.append(child.tail or "")
    return pieces


def _joined(pieces: Sequence[str | tuple[str, str]], natives: Callable[[str], str]) -> str:
    parts = []
    for piece in pieces:
        if isinstance(piece, str):
            parts.append(piece)
        else:
            code_id, ctype = piece
            native = natives(code_id)
            parts.append(_unescaped(native) if ctype == CONTROL else native)
    return "".join(parts)


def _sources(data: bytes, uids: set[str]) -> dict[str, str]:
    """The source Markdown of the units ``uids`` (for conflicts: rare, so read again)."""
    root = ET.fromstring(data)
    return {
        unit.get("id", ""): _joined(_pieces(source), lambda _: "")
        for unit in root.iter(_q("trans-unit"))
        if unit.get("id", "") in uids and (source := unit.find(_q("source"))) is not None
    }


PARALLEL_BYTES = 4_000_000
"""From this size on, an import reads the XML in a forked process."""
_CATALOG_NAMES = re.compile(rb'<file\s[^>]*?original="([^"&<]*)"')


class _UnitReader:
    """:func:`read_units` of ``data``, in a forked process for a big file (so that this one
    reads the catalogs meanwhile), or here when forking is not safe or not worth it."""

    def __init__(self, data: bytes, label: str) -> None:
        self.data, self.label = data, label
        self._result: list[FileView] | None = None
        self._process: multiprocessing.process.BaseProcess | None = None
        self._pipe: Connection | None = None

    def __enter__(self) -> _UnitReader:
        if len(self.data) < PARALLEL_BYTES or not can_fork():
            self._result = read_units(self.data, self.label)
            return self
        context = multiprocessing.get_context("fork")
        self._pipe, sender = context.Pipe(duplex=False)
        self._process = context.Process(target=_read_and_send, args=(self.data, sender))
        self._process.start()
        sender.close()
        return self

    def named_catalogs(self) -> list[str]:
        """The catalogs the file seems to name (a hint to read them early)."""
        if self._result is not None:
            return [file.original for file in self._result]
        found = (match.group(1) for match in _CATALOG_NAMES.finditer(self.data))
        return list(dict.fromkeys(name.decode("utf-8", "replace") for name in found))

    def files(self) -> list[FileView]:
        if self._result is None:
            assert self._pipe is not None
            try:
                sent = self._pipe.recv()
            except EOFError:
                sent = None
            self._close()
            # the child sends None when the file is bad: reading it here gives the error
            self._result = sent if sent is not None else read_units(self.data, self.label)
        return self._result

    def _close(self) -> None:
        if self._pipe is not None:
            self._pipe.close()
            self._pipe = None
        if self._process is not None:
            if self._process.is_alive() and self._result is None:
                self._process.terminate()
            self._process.join()
            self._process = None

    def __exit__(self, *exc: object) -> None:
        self._close()


def _read_and_send(data: bytes, sender: Connection) -> None:
    try:
        root = _xliff_root(data, "XLIFF")
        files: list[FileView] | None = _views(root)
    except SourceError:
        files = None
    sender.send(files)
    sender.close()
    os._exit(0)  # the tree (still held) goes with the process: no time spent freeing it


def _apply(
    path: Path,
    snapshot: OnDisk,
    catalog: Catalog,
    units: list[UnitView],
    report: ImportReport,
    missing: list[tuple[int, str]],
) -> None:
    entries = list(catalog.entries)
    by_id = {unit_id(e): i for i, e in enumerate(entries) if not e.obsolete}
    changed = 0
    for unit in units:
        index = by_id.get(unit.uid)
        if index is None:
            missing.append((len(report.conflicts), unit.uid))
            report.conflicts.append(
                Conflict(path, 0, "", "no such entry in the catalog any more (source changed)")
            )
            continue
        if unit.as_exported:
            report.unchanged += 1  # the CAT tool left this unit as it was exported
            continue
        entry = entries[index]
        text = None
        if unit.target is not None:
            text = _joined(unit.target, _SourceCodes(entry.msgid).get)
        if _as_exported(unit.view, text, unit.state, unit.approved):
            report.unchanged += 1  # as exported, once the emptied codes are filled in
            continue
        wanted = _from_unit(entry, unit, text or "")
        if wanted == entry:
            report.unchanged += 1
            continue
        if unit.exported != entry_digest(entry):
            report.conflicts.append(
                Conflict(
                    path,
                    entry.line,
                    entry.msgid,
                    "changed in the catalog since the export and in the XLIFF; kept the "
                    "catalog's version (the XLIFF still holds the other)",
                )
            )
            continue
        entries[index] = wanted
        changed += 1
    report.changed[path] = report.changed.get(path, 0) + changed
    if changed:
        text = catalog_text(catalog.replace_entries(entries))
        try:
            atomic_write_bytes(path, text.encode("utf-8"), expected=snapshot)
        except CatalogConflictError as exc:
            raise CatalogConflictError(
                "the catalog changed on disk during the import; nothing written",
                path=path,
                hint="run the import again",
            ) from exc


def _from_unit(entry: Entry, unit: UnitView, text: str) -> Entry:
    """``entry`` as the unit says it now is: its target (whose Markdown is ``text``) and
    state."""
    # the target's state decides; a tool that sets no state says it with approved="yes"
    done = unit.state in _DONE if unit.state else unit.approved
    current = entry_state(entry)
    if unit.target is not None and _same_as_export(entry, current, unit, text):
        return entry
    if not text:
        return entry.replace(msgstr="").with_flag(FUZZY, False).replace(previous_msgid=None)
    updated = entry.replace(msgstr=text)
    if done:
        updated = updated.with_flag(FUZZY, False).replace(
            previous_msgctxt=None, previous_msgid=None, previous_msgid_plural=None
        )
    else:
        updated = updated.with_flag(FUZZY, True)
    if text != entry.msgstr:
        comments = tuple(
            c for c in updated.translator_comments if not c.startswith(REVIEWED_PREFIX)
        )
        updated = updated.replace(translator_comments=comments)
    return updated


def _same_as_export(entry: Entry, state: State, unit: UnitView, text: str) -> bool:
    if state is State.UNTRANSLATED or text != entry.msgstr:
        return False
    value, _ = _TARGET_STATE[state]
    return unit.state == value and unit.approved == (not state.needs_work)


def _unescaped(text: str) -> str:
    return re.sub(r"\\x([0-9a-f]{2})", lambda m: chr(int(m.group(1), 16)), text)


class _SourceCodes:
    """The source's code markup by id, worked out only if a tool emptied a code."""

    def __init__(self, msgid: str) -> None:
        self.msgid = msgid
        self._by_id: dict[str, str] | None = None

    def get(self, code_id: str) -> str:
        if self._by_id is None:
            _, table = _markup(self.msgid)
            self._by_id = {i: native for (_, native), ids in table.items() for i in ids}
        return self._by_id.get(code_id, "")


def validate(data: bytes) -> list[str]:
    """Errors of ``data`` against the XLIFF 1.2 strict schema (needs lxml); [] when valid."""
    from lxml import etree

    class _Local(etree.Resolver):  # type: ignore[misc]
        def resolve(self, url: str, pubid: str, context: object) -> object:
            if url.endswith("xml.xsd"):
                return self.resolve_filename(str(SCHEMA.parent / "xml.xsd"), context)
            return None

    parser = etree.XMLParser()
    parser.resolvers.add(_Local())
    schema = etree.XMLSchema(etree.parse(str(SCHEMA), parser))
    document = etree.fromstring(data)
    if schema.validate(document):
        return []
    return [f"line {error.line}: {error.message}" for error in schema.error_log]


__all__ = [
    "STATES",
    "Conflict",
    "ImportReport",
    "export_xliff",
    "import_xliff",
    "unit_id",
    "validate",
]
