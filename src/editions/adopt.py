"""Adopt a project that is already translated: carry the translations of catalogs made by
another tool (po4a, mdpo, mdBook's i18n helpers, Sphinx) into the project's catalogs.

For every live entry of the project's catalogs the old translation is looked up in three
steps, safest first:

1. **exact**: the same msgctxt and msgid;
2. **normalised**: the same text after what segmenters disagree on is normalised
   (:func:`normalise`: whitespace and soft breaks, escaped punctuation, heading marks and
   list markers, reference vs inline links, a line that is one link vs its text); the old
   translation's markup is carried into this entry's form (:func:`carried_translation`);
3. **near**: the closest old English by rapidfuzz (at least ``cutoff``), carried as a
   fuzzy entry with the old English as its ``#|`` previous msgid, never as reviewed.

Exact and normalised matches keep the old state (reviewed stays reviewed, fuzzy stays
fuzzy) unless the carried markup fails the markup checks, which makes it fuzzy. Every
carried entry records where it came from (``# editions-origin: adopted …``) and keeps the
old translator comments. An entry the project already translated is never overwritten;
one whose old translation differs is reported. Nothing is written with ``dry_run``.
"""

from __future__ import annotations

import dataclasses
import enum
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz import fuzz, process

from editions.catalog import FUZZY, Entry
from editions.errors import ProjectError
from editions.pofile import load_catalog, save_catalog
from editions.project import Document, Project

ORIGIN_PREFIX = "editions-origin: "
NEAR_CUTOFF = 90.0
"""The least rapidfuzz ratio (of the normalised English) a near match needs."""


class How(enum.Enum):
    """How an entry found its old translation."""

    EXACT = "exact"
    NORMALISED = "normalised"
    JOINED = "joined"
    """the old tool split this paragraph into several entries; their translations joined"""
    NEAR = "as fuzzy"
    NOT_FOUND = "not found"


@dataclass(frozen=True, slots=True)
class OldEntry:
    """A translated entry of an old catalog, and where it was read."""

    entry: Entry
    path: str
    parts: tuple[OldEntry, ...] = ()
    """For a paragraph the old tool split: the old entries joined into this one."""

    @property
    def where(self) -> str:
        more = f" (+{len(self.parts) - 1} more)" if len(self.parts) > 1 else ""
        return f"{self.path}:{self.entry.line}{more}"


@dataclass
class DocumentReport:
    """What adoption did for one document's catalog."""

    catalog: str
    counts: dict[How, int] = field(default_factory=lambda: dict.fromkeys(How, 0))
    reviewed_carried: int = 0
    demoted: list[str] = field(default_factory=list)
    """msgids carried as fuzzy because the carried markup failed a markup check."""
    differing: list[tuple[str, str, str]] = field(default_factory=list)
    """(msgid, the project's translation, the old one) where the project already had one."""
    missing: list[str] = field(default_factory=list)
    """msgids no old entry matched."""


@dataclass
class AdoptReport:
    """The whole adoption: per document, and the old entries that matched nothing."""

    language: str
    documents: list[DocumentReport] = field(default_factory=list)
    unmatched: list[OldEntry] = field(default_factory=list)
    old_reviewed: int = 0
    written: list[Path] = field(default_factory=list)

    def total(self, how: How) -> int:
        return sum(d.counts[how] for d in self.documents)

    def as_text(self) -> str:
        lines = [f"adopt into {self.language}"]
        header = (
            f"{'catalog':<48} {'exact':>6} {'normal':>6} {'joined':>6} {'fuzzy':>6} {'none':>6}"
        )
        lines += [header, "-" * len(header)]
        for document in self.documents:
            c = document.counts
            lines.append(
                f"{document.catalog:<48} {c[How.EXACT]:>6} {c[How.NORMALISED]:>6} "
                f"{c[How.JOINED]:>6} {c[How.NEAR]:>6} {c[How.NOT_FOUND]:>6}"
            )
        carried = sum(d.reviewed_carried for d in self.documents)
        lines.append(
            f"total: {self.total(How.EXACT)} exact, {self.total(How.NORMALISED)} normalised, "
            f"{self.total(How.JOINED)} joined, "
            f"{self.total(How.NEAR)} as fuzzy, {self.total(How.NOT_FOUND)} not found; "
            f"{carried} entries carried as reviewed (from {self.old_reviewed} reviewed old entries)"
        )
        for document in self.documents:
            for msgid in document.demoted:
                lines.append(f"fuzzy (markup did not carry): {document.catalog}: {_short(msgid)}")
            for msgid, ours, old in document.differing:
                lines.append(
                    f"kept ours, old differs: {document.catalog}: {_short(msgid)}: "
                    f"{_short(ours)} | old: {_short(old)}"
                )
        kept = [old for old in self.unmatched if not_text(old.entry.msgid)]
        text = [old for old in self.unmatched if not not_text(old.entry.msgid)]
        lines.append(f"old entries that matched nothing: {len(text)}")
        lines += [f"  {old.where}: {_short(old.entry.msgid)}" for old in text]
        lines.append(
            f"old entries that are no text in editions (link definitions, raw HTML, "
            f"directives; kept as written in the source): {len(kept)}"
        )
        lines += [f"  {old.where}: {_short(old.entry.msgid)}" for old in kept]
        return "\n".join(lines) + "\n"


# -- normalisation ----------------------------------------------------------------------------

_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")
_BLOCK_MARK = re.compile(r"^(?:#{1,6}[ \t]+|[-*+][ \t]+|\d{1,9}[.)][ \t]+)")
_CLOSING_HASHES = re.compile(r"[ \t]+#+[ \t]*$")
_LINK = re.compile(
    r"(?P<bang>!?)\[(?P<text>(?:[^\[\]\\]|\\.)*)\]"
    r"(?:\((?P<dest>[^()\s]*(?:\s+\"[^\"]*\")?)\)|\[(?P<ref>[^\]]*)\])?"
)


def normalise(text: str) -> str:
    """``text`` with what segmenters write differently made equal: whitespace and soft
    breaks, backslash escapes, a heading mark or list marker in front, link destinations
    (inline or by reference), and a text that is one link reduced to the link's text."""
    text = " ".join(text.split())
    text = _BLOCK_MARK.sub("", text)
    text = _CLOSING_HASHES.sub("", text)
    text = _LINK.sub(lambda m: f"{m['bang']}[{m['text']}]", text)
    text = _ESCAPED.sub(r"\1", text)
    if text.startswith("[") and text.endswith("]") and text.count("[") == 1:
        text = text[1:-1]
    return text


_NOT_TEXT = re.compile(r"^(?:\[[^\]]+\]:\s+\S|<[a-zA-Z/!][^>]*>$|\{\{[#%].*\}\}$)")


def not_text(msgid: str) -> bool:
    """True for what other tools extract and editions keeps as written, by design: a link
    reference definition, a raw HTML block, a preprocessor directive (``{{#include …}}``)."""
    return bool(_NOT_TEXT.match(msgid.strip()))


def _links(text: str) -> list[re.Match[str]]:
    return [m for m in _LINK.finditer(text) if m["dest"] is not None or m["ref"] is not None]


def carried_translation(new_msgid: str, old_msgid: str, old_msgstr: str) -> str | None:
    """The old translation rewritten into the form of ``new_msgid``: the links in the new
    English's form (inline destinations where the old one used references, the whole link
    where the old tool kept only its text), the new block marks. None when it cannot be
    done safely (a different number of links)."""
    if old_msgid == new_msgid:
        return old_msgstr
    translation = old_msgstr
    if _BLOCK_MARK.match(" ".join(old_msgid.split())) and not _BLOCK_MARK.match(new_msgid):
        translation = _BLOCK_MARK.sub("", translation.lstrip())
    new_links, old_links = _links(new_msgid), _links(old_msgid)
    whole = _LINK.fullmatch(new_msgid.strip())
    if whole and whole["dest"] is not None and not old_links:
        return f"{whole['bang']}[{translation.strip()}]({whole['dest']})"
    if len(new_links) != len(old_links):
        return None
    if not new_links:
        return translation
    ours = _links(translation)
    if len(ours) != len(old_links):
        return None
    parts: list[str] = []
    position = 0
    for link, model in zip(ours, new_links, strict=True):
        parts.append(translation[position : link.start()])
        tail = f"({model['dest']})" if model["dest"] is not None else f"[{model['ref']}]"
        parts.append(f"{link['bang']}[{link['text']}]{tail}")
        position = link.end()
    parts.append(translation[position:])
    return "".join(parts)


# -- matching ---------------------------------------------------------------------------------


class OldCatalogs:
    """The translated entries of the old catalogs, indexed for the three lookups."""

    def __init__(self, olds: Sequence[OldEntry]) -> None:
        self.olds = olds
        self.exact: dict[tuple[str | None, str], list[OldEntry]] = {}
        self.by_msgid: dict[str, list[OldEntry]] = {}
        self.normalised: dict[str, list[OldEntry]] = {}
        for old in olds:
            entry = old.entry
            self.exact.setdefault((entry.msgctxt, entry.msgid), []).append(old)
            self.by_msgid.setdefault(entry.msgid, []).append(old)
            self.normalised.setdefault(normalise(entry.msgid), []).append(old)
        self._keys = list(self.normalised)
        self.used: set[int] = set()
        self.starts: dict[str, list[int]] = {}
        """The first characters of each old entry's normalised text → its positions."""
        for position, old in enumerate(olds):
            self.starts.setdefault(normalise(old.entry.msgid)[:_START], []).append(position)

    @classmethod
    def read(cls, paths: Iterable[Path]) -> OldCatalogs:
        olds: list[OldEntry] = []
        for path in paths:
            if not path.is_file():
                raise ProjectError("old catalog not found", path=path)
            catalog = load_catalog(path)  # a malformed one stops here, with its line
            for entry in catalog.live():
                if entry.msgid and entry.has_translation and not entry.is_plural:
                    olds.append(OldEntry(entry, str(path)))
        return cls(olds)

    def find(self, entry: Entry, document: Document) -> tuple[How, OldEntry | None]:
        """The old entry for ``entry`` and how it was found."""
        candidates = self.exact.get(entry.key) or (
            self.by_msgid.get(entry.msgid) if entry.msgctxt is None else None
        )
        chosen = _one(candidates or [], document)
        if chosen is not None:
            return How.EXACT, chosen
        chosen = _one(self.normalised.get(normalise(entry.msgid), []), document)
        if chosen is not None:
            return How.NORMALISED, chosen
        joined = self._joined(normalise(entry.msgid))
        if joined is not None:
            return How.JOINED, joined
        found = process.extractOne(
            normalise(entry.msgid), self._keys, scorer=fuzz.ratio, score_cutoff=NEAR_CUTOFF
        )
        if found is not None:
            return How.NEAR, self.normalised[found[0]][0]
        return How.NOT_FOUND, None

    def _joined(self, text: str) -> OldEntry | None:
        """Consecutive old entries of one file whose texts, joined, are ``text`` (a
        paragraph the old tool split at sentences or lines), as one old entry."""
        for start in self.starts.get(text[:_START], []):
            parts: list[OldEntry] = []
            joined = ""
            for old in self.olds[start:]:
                if parts and old.path != parts[0].path:
                    break
                piece = normalise(old.entry.msgid)
                candidate = f"{joined} {piece}" if joined else piece
                if not text.startswith(candidate):
                    break
                parts.append(old)
                joined = candidate
                if joined == text:
                    break
            if joined == text and len(parts) > 1:
                entry = Entry(
                    msgid=" ".join(p.entry.msgid for p in parts),
                    msgstr=_join_translations(p.entry.msgstr for p in parts),
                    translator_comments=tuple(
                        dict.fromkeys(c for p in parts for c in p.entry.translator_comments)
                    ),
                    flags=(FUZZY,) if any(p.entry.fuzzy for p in parts) else (),
                    line=parts[0].entry.line,
                )
                return OldEntry(entry, parts[0].path, tuple(parts))
        return None

    def mark_used(self, old: OldEntry) -> None:
        self.used.add(id(old))
        for part in old.parts:
            self.used.add(id(part))

    def unused(self) -> list[OldEntry]:
        return [old for old in self.olds if id(old) not in self.used]


_START = 12
_CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")


def _join_translations(texts: Iterable[str]) -> str:
    """Translations of consecutive pieces as one paragraph: no space between CJK text."""
    joined = ""
    for text in texts:
        text = text.strip()
        if joined and text and not (_CJK.match(joined[-1]) or _CJK.match(text[0])):
            joined += " "
        joined += text
    return joined


def _one(candidates: Sequence[OldEntry], document: Document) -> OldEntry | None:
    """The one translation the candidates agree on; when they disagree, the one whose
    reference names this document; else None (a guess would risk the wrong text)."""
    if not candidates:
        return None
    if len({(c.entry.msgstr, c.entry.fuzzy) for c in candidates}) == 1:
        return candidates[0]
    stem = document.path.with_suffix("").name
    here = [c for c in candidates if any(stem in ref for ref in c.entry.references)]
    if len({(c.entry.msgstr, c.entry.fuzzy) for c in here}) == 1:
        return here[0]
    return None


# -- the run ----------------------------------------------------------------------------------


def adopt(
    project: Project,
    old_paths: Sequence[Path],
    language: str,
    dry_run: bool = False,
) -> AdoptReport:
    """Carry the old catalogs' translations into ``language``'s catalogs of ``project``."""
    from editions.checks.runner import entry_findings
    from editions.workflow import update_catalog

    project.check_language(language)
    olds = OldCatalogs.read(old_paths)
    report = AdoptReport(language, old_reviewed=sum(not o.entry.fuzzy for o in olds.olds))
    for document in project.documents():
        path = project.po_path(language, document.domain)
        if not path.is_file():
            if dry_run:
                continue
            update_catalog(project, document.domain, language)
        catalog = load_catalog(path)
        result = DocumentReport(project.relative(path))
        entries: list[Entry] = []
        for entry in catalog.entries:
            if entry.obsolete or not entry.msgid or entry.is_plural:
                entries.append(entry)
                continue
            how, old = olds.find(entry, document)
            if old is not None:
                olds.mark_used(old)
            if entry.has_translation:
                if old is not None and how is not How.NEAR and old.entry.msgstr != entry.msgstr:
                    result.differing.append((entry.msgid, entry.msgstr, old.entry.msgstr))
                entries.append(entry)
                continue
            adopted = _adopted(entry, how, old)
            if adopted is None:
                how = How.NOT_FOUND
                result.missing.append(entry.msgid)
                entries.append(entry)
            else:
                if how in (How.NORMALISED, How.JOINED) and not adopted.fuzzy:
                    found = entry_findings(project, language, document.domain, catalog, adopted)
                    if any(f.code.startswith("E-markup") for f in found):
                        adopted = _as_fuzzy(adopted, old)
                        result.demoted.append(entry.msgid)
                result.reviewed_carried += not adopted.fuzzy
                entries.append(adopted)
            result.counts[how] += 1
        report.documents.append(result)
        changed = catalog.replace_entries(entries)
        if not dry_run and changed != catalog:
            save_catalog(path, changed)
            report.written.append(path)
    report.unmatched = olds.unused()
    return report


def _adopted(entry: Entry, how: How, old: OldEntry | None) -> Entry | None:
    if old is None or how is How.NOT_FOUND:
        return None
    text = carried_translation(entry.msgid, old.entry.msgid, old.entry.msgstr)
    if text is None:
        if how is not How.NEAR:
            return None
        text = old.entry.msgstr
    comments = [c for c in old.entry.translator_comments if c not in entry.translator_comments]
    origin = f"{ORIGIN_PREFIX}adopted {how.value} from {old.where}"
    adopted = entry.replace(
        msgstr=text,
        translator_comments=(*entry.translator_comments, *comments, origin),
    )
    if how is How.NEAR:
        return _as_fuzzy(adopted, old)
    return adopted.with_flag(FUZZY, old.entry.fuzzy)


def _as_fuzzy(entry: Entry, old: OldEntry | None) -> Entry:
    """Fuzzy, with the old English as the previous msgid (what changed is then shown)."""
    previous = old.entry.msgid if old is not None and old.entry.msgid != entry.msgid else None
    return dataclasses.replace(entry.with_flag(FUZZY), previous_msgid=previous)


def _short(text: str, width: int = 60) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"
