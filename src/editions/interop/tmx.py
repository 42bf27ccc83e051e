"""TMX 1.4: reviewed translation pairs out (for a CAT tool's memory or to fine-tune MT), and
other memories in (used by ``editions draft`` before any MT).

Export writes one ``<tu>`` per distinct reviewed pair (not fuzzy, every msgstr filled), with
the document it came from as a ``x-document`` property. Segments are the Markdown text as
the catalogs hold it. Import keeps the file, normalised, as
``locales/memory/<name>.tmx``; drafting reads every memory there for its language after the
project's own catalogs, so reviewed work of the project wins a tie.
"""

from __future__ import annotations

import hashlib
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from editions import __version__
from editions.errors import SourceError
from editions.fsio import write_if_changed
from editions.pofile import load_catalog
from editions.project import Project
from editions.render.edition import html_lang

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
MEMORY_FOLDER = "memory"


@dataclass(frozen=True, slots=True)
class Pair:
    """One reviewed translation: the English, the translation, where it came from."""

    source: str
    target: str
    language: str
    origin: str


def reviewed_pairs(project: Project, catalogs: Sequence[Path]) -> list[Pair]:
    """Distinct reviewed pairs of ``catalogs``, in catalog and entry order."""
    seen: set[tuple[str, str, str]] = set()
    pairs: list[Pair] = []
    for path in catalogs:
        catalog = load_catalog(path)
        language = catalog.header("Language") or path.parent.parent.name
        for entry in catalog.live():
            if not entry.msgid or entry.is_plural or not entry.reviewed:
                continue
            key = (entry.msgid, entry.msgstr, language)
            if key not in seen:
                seen.add(key)
                pairs.append(Pair(entry.msgid, entry.msgstr, language, path.stem))
    return pairs


def export_tmx(project: Project, catalogs: Sequence[Path]) -> bytes:
    """TMX 1.4 of the reviewed pairs of ``catalogs``."""
    return tmx_bytes(reviewed_pairs(project, catalogs), project.source_language)


def tmx_bytes(pairs: Sequence[Pair], source_language: str) -> bytes:
    root = ET.Element("tmx", {"version": "1.4"})
    ET.SubElement(
        root,
        "header",
        {
            "creationtool": "editions",
            "creationtoolversion": __version__,
            "datatype": "plaintext",
            "segtype": "paragraph",
            "adminlang": "en",
            "srclang": html_lang(source_language),
            "o-tmf": "gettext PO",
        },
    )
    body = ET.SubElement(root, "body")
    for pair in pairs:
        tuid = hashlib.sha256(f"{pair.source}\0{pair.target}".encode()).hexdigest()[:16]
        unit = ET.SubElement(body, "tu", {"tuid": tuid})
        ET.SubElement(unit, "prop", {"type": "x-document"}).text = pair.origin
        for language, text in ((source_language, pair.source), (pair.language, pair.target)):
            variant = ET.SubElement(unit, "tuv", {XML_LANG: html_lang(language)})
            ET.SubElement(variant, "seg").text = text
    ET.indent(root, space=" ")  # no mixed content: segments are text only
    data: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return data + b"\n"


def read_tmx(data: bytes, label: str, source_language: str) -> Iterator[Pair]:
    """The pairs of a TMX file from ``source_language`` into any other language; inline
    codes (``<bpt>``, ``<ph>``, ...) contribute their text."""
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise SourceError(f"not well-formed XML: {exc}", path=label) from exc
    if root.tag != "tmx":
        raise SourceError("not a TMX file (no <tmx> root element)", path=label)
    source_tag = html_lang(source_language).lower()
    for unit in root.iter("tu"):
        variants: dict[str, str] = {}
        for variant in unit.findall("tuv"):
            language = (variant.get(XML_LANG) or variant.get("lang") or "").lower()
            segment = variant.find("seg")
            if segment is not None and language:
                variants[language] = "".join(segment.itertext())
        source = variants.pop(source_tag, None) or next(
            (text for lang, text in variants.items() if lang.split("-")[0] == source_tag), None
        )
        if not source:
            continue
        for language, text in variants.items():
            if text and language.split("-")[0] != source_tag.split("-")[0]:
                yield Pair(source, text, language.replace("-", "_"), label)


def import_tmx(project: Project, path: Path) -> tuple[Path, dict[str, int]]:
    """Keep ``path``'s pairs as the project memory ``locales/memory/<name>.tmx``; returns
    where and how many pairs per language (as the project spells it)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SourceError(f"cannot read: {exc.strerror}", path=path) from exc
    declared = {language.lower(): language for language in project.languages}
    pairs = []
    counts: dict[str, int] = {}
    for pair in read_tmx(data, str(path), project.source_language):
        language = declared.get(pair.language.lower()) or declared.get(
            pair.language.split("_")[0].lower()
        )
        if language is None:
            continue
        pairs.append(Pair(pair.source, pair.target, language, path.stem))
        counts[language] = counts.get(language, 0) + 1
    if not pairs:
        raise SourceError(
            "no translation pairs from the source language into a declared language",
            path=path,
            hint=f"the TMX needs <tuv xml:lang='{html_lang(project.source_language)}'> and "
            f"one of {', '.join(html_lang(lang) for lang in project.languages)}",
        )
    target = project.locales_dir / MEMORY_FOLDER / f"{path.stem}.tmx"
    write_if_changed(target, tmx_bytes(pairs, project.source_language).decode("utf-8"))
    return target, counts


def memory_pairs(project: Project, language: str) -> Iterator[Pair]:
    """Every imported memory's pairs into ``language``."""
    folder = project.locales_dir / MEMORY_FOLDER
    if not folder.is_dir():
        return
    for path in sorted(folder.glob("*.tmx")):
        for pair in read_tmx(path.read_bytes(), project.relative(path), project.source_language):
            if pair.language.lower() == language.lower():
                yield pair
