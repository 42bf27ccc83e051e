"""``build``: every edition of every document, written incrementally into the build folder.

Two phases so that bad input writes nothing: first each document-language *unit* is
assessed (source and catalog read, digested, checked against the release threshold; an
unchanged unit reuses what the manifest remembers), then each output whose inputs changed
is rendered and written atomically. The index page and the manifest are written last, and
only when their bytes change, so a no-change rebuild writes nothing at all.
"""

from __future__ import annotations

import datetime
import json
import re
import urllib.parse
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path, PurePosixPath
from typing import Any

from editions import __version__
from editions.catalog import Catalog, readiness
from editions.errors import ProjectError
from editions.fsio import atomic_write_bytes, read_utf8, write_if_changed
from editions.pofile import decode_catalog_bytes, parse_catalog
from editions.project import Document, Project
from editions.render import bilingual, html, markdown
from editions.render.edition import (
    BILINGUAL_HTML,
    HTML,
    MARKDOWN,
    Edition,
    Passage,
    Unpublished,
    all_editions_label,
    autonym,
    check_formats,
    html_lang,
    output_path,
    text_direction,
)
from editions.render.frontmatter import document_date, front_matter, localized_date
from editions.render.manifest import Manifest, digest_of, load_manifest, remove_output
from editions.render.translations import (
    EMPTY,
    Translations,
    converted,
    derivation_base,
    passages,
    translations_from_catalog,
    untranslated,
)
from editions.segment import Segment, segment_document

RENDER_VERSION = "1"
"""Bump when output changes for the same inputs, so every manifest entry goes stale."""

INDEX_NAME = "index.html"
ASSET = "asset"
"""The manifest's format of an image copied beside the editions."""
_ASSET_SKIP = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]*:|/|#")
"""References that are no local file: a URL scheme, site-absolute, a fragment."""
BOM = b"\xef\xbb\xbf"
_FORMAT_LABELS = {HTML: "HTML", BILINGUAL_HTML: "Bilingual", MARKDOWN: "Markdown"}


@dataclass(frozen=True, slots=True)
class BuildReport:
    """What a build did: editions written, editions already current, languages held back."""

    out_dir: Path
    built: tuple[Edition, ...] = ()
    unchanged: tuple[Edition, ...] = ()
    unpublished: tuple[Unpublished, ...] = ()
    removed: tuple[Path, ...] = ()
    index: Path | None = None
    index_written: bool = False

    @property
    def editions(self) -> tuple[Edition, ...]:
        return self.built + self.unchanged


def build(
    project: Project,
    languages: Sequence[str] | None = None,
    formats: Sequence[str] = (MARKDOWN, HTML),
    out_dir: Path | None = None,
    drafts: bool = False,
    threshold: float | None = None,
) -> BuildReport:
    """Render ``formats`` of every document in ``languages`` (default: all) into ``out_dir``.

    The source language is always built: the other editions link to it. Without ``drafts``
    only reviewed translations are used and a language below the release threshold
    (``threshold``, else the project's, per document) is not published; with ``drafts`` fuzzy
    entries and machine drafts are used too and every edition says so visibly.
    """
    formats = check_formats(formats)
    out = (out_dir or project.build_dir).resolve()
    selected = _languages(project, languages)
    plan = _Plan(project, out, drafts, threshold)
    units = [_Unit(plan, doc, language) for doc in project.documents() for language in selected]
    for unit in units:
        unit.assess()  # phase 1: every input read and checked before anything is written
    assets = plan.assets([u for u in units if u.is_source])
    return plan.write(units, list(dict.fromkeys(formats)), assets)


def _languages(project: Project, requested: Sequence[str] | None) -> list[str]:
    known = [project.source_language, *project.languages, *project.derived_languages]
    if not requested:
        return list(dict.fromkeys(known))
    for language in requested:
        if language not in known:
            project.check_language(language)
    return list(dict.fromkeys([project.source_language, *requested]))


class _Unit:
    """A document in one language: its inputs, their digest, and what they yield."""

    def __init__(self, plan: _Plan, document: Document, language: str) -> None:
        self.plan = plan
        self.document = document
        self.language = language
        self.key = f"{document.domain}/{language}"
        self.catalog_path, self.derived_from = plan.catalog_for(document, language)
        self.status: dict[str, Any] = {}

    @property
    def is_source(self) -> bool:
        return self.language == self.plan.project.source_language

    @cached_property
    def source_text(self) -> str:
        return self.plan.source_text(self.document)

    @cached_property
    def catalog_bytes(self) -> bytes | None:
        if self.catalog_path is None or not self.catalog_path.is_file():
            return None
        return self.catalog_path.read_bytes()

    @cached_property
    def digest(self) -> str:
        options = json.dumps(
            [
                RENDER_VERSION,
                __version__,
                self.language,
                self.derived_from,
                self.plan.drafts,
                self.threshold,
                str(self.catalog_path),
            ]
        )
        return digest_of(options, self.bom, self.source_text, self.catalog_bytes or b"")

    @cached_property
    def bom(self) -> str:
        return self.plan.byte_order_mark(self.document)

    @property
    def threshold(self) -> float:
        if self.is_source or self.plan.drafts:
            return 0.0
        return self.plan.threshold_for(self.document)

    @property
    def published(self) -> bool:
        return bool(self.status["published"])

    def assess(self) -> None:
        """Fill ``status`` from the manifest when the inputs are unchanged, else compute it."""
        cached = self.plan.manifest.units.get(self.key)
        if cached is not None and cached.get("digest") == self.digest:
            self.status = cached
            return
        date = document_date(self.source_text, self.document.path)
        document = passages(self.segments)
        missing = () if self.is_source else untranslated(document, self.translations)
        percent = self.percent_reviewed(document)
        self.status = {
            "digest": self.digest,
            "published": percent >= self.threshold,
            "percent": percent,
            "missing": [[p.line, p.msgid] for p in missing],
            "drafts_used": sum(self.translations.is_draft(p.msgid) for p in document),
            "derived_from": self.derived_from,
            "title": self.title if self.is_source else None,
            "date": date.isoformat() if date else None,
        }
        self.plan.manifest.record_unit(self.key, self.status)

    @property
    def shows_drafts(self) -> bool:
        """A drafts build marks an edition as a draft only when it uses an unreviewed text."""
        return self.plan.drafts and not self.is_source and int(self.status["drafts_used"]) > 0

    def percent_reviewed(self, document: list[Passage]) -> float:
        """The release gate's measure of the catalog this unit reads (see
        :func:`editions.catalog.readiness`); no catalog is 0 % of a document with text."""
        if self.is_source:
            return 100.0
        catalog = self.translations.catalog or Catalog()
        return readiness(catalog, ((None, passage.msgid) for passage in document)).percent

    @cached_property
    def segments(self) -> list[Segment]:
        return segment_document(self.source_text)

    @cached_property
    def translations(self) -> Translations:
        if self.is_source or self.catalog_bytes is None or self.catalog_path is None:
            return EMPTY
        text = decode_catalog_bytes(self.catalog_bytes, self.catalog_path)
        catalog = parse_catalog(text, self.catalog_path)
        found = translations_from_catalog(catalog, drafts=self.plan.drafts)
        return converted(found, self.language) if self.derived_from else found

    def translate(self, segment: Segment) -> str | None:
        return self.translations.lookup(segment.msgid, getattr(segment, "msgctxt", None))

    @cached_property
    def text(self) -> str:
        """The document in this language, as Markdown."""
        if self.is_source:
            return self.source_text
        return markdown.localized_markdown(self.source_text, self.translate)

    @cached_property
    def parsed(self) -> html.ParsedDocument:
        """The document parsed for HTML; English fallback blocks carry the source ``lang``."""
        parsed = html.parse_markdown(self.text)
        if not self.is_source and self.status:
            fallbacks = frozenset(msgid for _, msgid in self.status["missing"])
            parsed.mark_language(fallbacks, html_lang(self.plan.project.source_language))
        return parsed

    @property
    def title(self) -> str:
        field_value = front_matter(self.text).get("title")
        if field_value and field_value[0]:
            return field_value[0]
        return self.parsed.title() or self.document.domain

    def edition(self, fmt: str, path: Path) -> Edition:
        missing = tuple(Passage(msgid=m, line=int(n)) for n, m in self.status["missing"])
        return Edition(
            document=self.document.domain,
            language=self.language,
            format=fmt,
            path=path,
            fallbacks=missing,
            drafts=self.shows_drafts,
            drafts_used=int(self.status["drafts_used"]),
            derived_from=self.derived_from,
        )

    def unpublished(self) -> Unpublished:
        missing = tuple(Passage(msgid=m, line=int(n)) for n, m in self.status["missing"])
        return Unpublished(
            document=self.document.domain,
            language=self.language,
            percent=float(self.status["percent"]),
            threshold=self.threshold,
            missing=missing,
        )


@dataclass
class _Written:
    built: list[Edition] = field(default_factory=list)
    unchanged: list[Edition] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)
    produced: set[str] = field(default_factory=set)
    """Output paths (relative to the output folder) this build published."""


class _Plan:
    """Settings and shared state of one build: project, output folder, templates, manifest."""

    def __init__(self, project: Project, out: Path, drafts: bool, threshold: float | None):
        self.project = project
        self.out = out
        self.drafts = drafts
        self.threshold = threshold
        self.manifest: Manifest = load_manifest(out)
        self.templates = html.templates_for(project)
        self._sources: dict[Path, str] = {}
        self._allowed: dict[Path, frozenset[str]] = {}
        self._catalog_languages = (
            sorted(p.name for p in project.locales_dir.glob("*") if (p / "LC_MESSAGES").is_dir())
            if project.locales_dir.is_dir()
            else []
        )

    # -- inputs ------------------------------------------------------------------------------

    def source_text(self, document: Document) -> str:
        """The source as segmentation sees it: strict UTF-8, without a byte order mark."""
        if document.path not in self._sources:
            self._sources[document.path] = read_utf8(document.path)
        return self._sources[document.path]

    def byte_order_mark(self, document: Document) -> str:
        """The BOM the source file starts with ("" for none): Markdown editions keep it."""
        with document.path.open("rb") as handle:
            return "\ufeff" if handle.read(3) == BOM else ""

    def allowed_html(self, source: _Unit) -> frozenset[str]:
        """Raw HTML the English source contains: the only raw HTML a page may carry."""
        if source.document.path not in self._allowed:
            self._allowed[source.document.path] = source.parsed.raw_html()
        return self._allowed[source.document.path]

    def catalog_for(self, document: Document, language: str) -> tuple[Path | None, str | None]:
        """The catalog a unit reads and the language it derives from (None: its own)."""
        if language == self.project.source_language:
            return None, None
        own = self.project.po_path(language, document.domain)
        if own.is_file():
            return own, None
        base = derivation_base(language, self.project.derived_languages, self._catalog_languages)
        if base is None:
            return own, None
        return self.project.po_path(base, document.domain), base

    def threshold_for(self, document: Document) -> float:
        if self.threshold is not None:
            return self.threshold
        return self.project.release.threshold_for(document.domain)

    # -- outputs -----------------------------------------------------------------------------

    def assets(self, sources: list[_Unit]) -> dict[str, list[tuple[str, Path]]]:
        """Local files each document's images refer to: ``{domain: [(ref, file)]}``.

        A reference is resolved against the source document's folder and must stay inside
        the source folder; a missing file, or two documents giving one reference different
        files, is refused before anything is written.
        """
        found: dict[str, list[tuple[str, Path]]] = {}
        claimed: dict[str, Path] = {}
        source_dir = self.project.source_dir.resolve()
        for unit in sources:
            for ref, line in unit.parsed.image_sources():
                if not ref or _ASSET_SKIP.match(ref):
                    continue
                relative = urllib.parse.unquote(ref.split("#", 1)[0].split("?", 1)[0])
                file = (unit.document.path.parent / relative).resolve()
                where = f"{self.project.relative(unit.document.path)}:{line}"
                if source_dir not in file.parents or ".." in PurePosixPath(relative).parts:
                    raise ProjectError(
                        f"image {ref!r} lies outside the document's folder",
                        path=where,
                        hint="keep images in the document's folder or below it (no '..')",
                    )
                if not file.is_file():
                    raise ProjectError(
                        f"image {ref!r} does not exist ({self.project.relative(file)})",
                        path=where,
                        hint="add the file, or fix the reference",
                    )
                if claimed.setdefault(relative, file) != file:
                    raise ProjectError(
                        f"image {ref!r} names two files in two documents "
                        f"({self.project.relative(claimed[relative])}, "
                        f"{self.project.relative(file)}); editions share one folder",
                        path=where,
                        hint="give the images distinct names",
                    )
                found.setdefault(unit.document.domain, []).append((relative, file))
        return found

    def _copy_assets(
        self, units: list[_Unit], assets: dict[str, list[tuple[str, Path]]], done: _Written
    ) -> None:
        """Each published edition's folder gets the images its document shows."""
        for unit in units:
            if not unit.published:
                continue
            for relative, file in assets.get(unit.document.domain, []):
                target = self.out / unit.language / relative
                key = target.relative_to(self.out).as_posix()
                if key in done.produced:
                    continue
                done.produced.add(key)
                data = file.read_bytes()
                digest = digest_of(data)
                if self.manifest.output_current(key, digest, target):
                    continue
                atomic_write_bytes(target, data)
                self.manifest.record_output(
                    key, digest, target,
                    document=unit.document.domain, language=unit.language, format=ASSET,
                )  # fmt: skip

    def write(
        self, units: list[_Unit], formats: list[str], assets: dict[str, list[tuple[str, Path]]]
    ) -> BuildReport:
        done = _Written()
        by_document: dict[Path, list[_Unit]] = {}
        for unit in units:
            by_document.setdefault(unit.document.path, []).append(unit)
        unpublished = [u.unpublished() for u in units if not u.published]
        for group in by_document.values():
            source = next(u for u in group if u.is_source)
            for fmt in formats:
                for unit in group:
                    if fmt == BILINGUAL_HTML and unit.is_source:
                        continue
                    self._write_output(unit, source, group, fmt, done)
        self._copy_assets(units, assets, done)
        self._remove_the_rest(done, {u.key for u in units})
        index: Path | None = None
        index_written = False
        if any(fmt in (HTML, BILINGUAL_HTML) for fmt in formats):
            index = self.out / "index.html"
            index_written = self._write_index(index)
        elif INDEX_NAME in self.manifest.outputs:  # no pages now, so no index of pages
            self.manifest.forget_output(INDEX_NAME)
            if remove_output(self.out / INDEX_NAME):
                done.removed.append(self.out / INDEX_NAME)
        self.manifest.save()
        return BuildReport(
            out_dir=self.out,
            built=tuple(done.built),
            unchanged=tuple(done.unchanged),
            unpublished=tuple(unpublished),
            removed=tuple(done.removed),
            index=index,
            index_written=index_written,
        )

    def _write_output(
        self, unit: _Unit, source: _Unit, group: list[_Unit], fmt: str, done: _Written
    ) -> None:
        path = output_path(self.out, unit.language, unit.document.domain, fmt)
        relative = path.relative_to(self.out).as_posix()
        if not unit.published:
            return  # whatever an earlier build left of it goes in _remove_the_rest
        done.produced.add(relative)
        siblings = self._siblings(unit, group, fmt)
        digest = digest_of(
            unit.digest, source.digest, fmt, self.templates.digest, json.dumps(siblings)
        )
        edition = unit.edition(fmt, path)
        if self.manifest.output_current(relative, digest, path):
            done.unchanged.append(edition)
            return
        text = self._render(unit, source, fmt, siblings)
        (done.built if write_if_changed(path, text) else done.unchanged).append(edition)
        self.manifest.record_output(
            relative,
            digest,
            path,
            document=unit.document.domain,
            language=unit.language,
            format=fmt,
        )

    def _remove_the_rest(self, done: _Written, unit_keys: set[str]) -> None:
        """The manifest owns the output folder: what this build did not produce goes (an
        edition no longer published, of a deleted document, or in a format or language not
        built now), and so does what the manifest knew of units that no longer exist."""
        for relative, record in sorted(self.manifest.outputs.items()):
            if "document" in record and relative not in done.produced:
                self.manifest.forget_output(relative)
                if remove_output(self.out / relative):
                    done.removed.append(self.out / relative)
        for key in [k for k in self.manifest.units if k not in unit_keys]:
            del self.manifest.units[key]
            self.manifest.changed = True

    def _siblings(self, unit: _Unit, group: list[_Unit], fmt: str) -> list[str]:
        """Languages the switcher links: the ones this build publishes in ``fmt``."""
        published = [
            u.language for u in group if u.published and not (fmt == BILINGUAL_HTML and u.is_source)
        ]
        return self._language_order(published)

    def _language_order(self, languages: Iterable[str]) -> list[str]:
        preferred = [
            self.project.source_language,
            *self.project.languages,
            *self.project.derived_languages,
        ]
        present = set(languages)
        ordered = [lang for lang in dict.fromkeys(preferred) if lang in present]
        return ordered + sorted(present - set(ordered))

    def _render(self, unit: _Unit, source: _Unit, fmt: str, siblings: list[str]) -> str:
        if fmt == MARKDOWN:
            if not unit.shows_drafts:
                return unit.bom + unit.text
            note = markdown.draft_note_text(unit.language, int(unit.status["drafts_used"]))
            return unit.bom + markdown.with_draft_note(unit.text, note)
        allowed = self.allowed_html(source)
        context = self._page_context(unit, fmt, siblings)
        if fmt == HTML:
            tokens, env = unit.parsed.tokens, unit.parsed.env
            split = unit.parsed.after_leading_heading()
            heading = html.render_tokens(tokens[:split], env, allowed)
            body = html.render_tokens(tokens[split:], env, allowed)
            return self.templates.render(
                "edition.html.j2", heading=html.markup(heading), body=html.markup(body), **context
            )
        rows = bilingual.bilingual_rows(source.parsed, unit.parsed, allowed)
        context["title"] = f"{source.title} · {unit.title}"
        return self.templates.render(
            "bilingual.html.j2",
            rows=rows,
            source_lang=html_lang(source.language),
            target_lang=html_lang(unit.language),
            source_date_text=self._date_text(unit, source.language),
            **context,
        )

    def _page_context(self, unit: _Unit, fmt: str, siblings: list[str]) -> dict[str, Any]:
        domain = unit.document.domain
        switcher = [
            {
                "label": autonym(language),
                "lang": html_lang(language),
                "href": f"../{language}/{output_path(self.out, language, domain, fmt).name}",
                "current": language == unit.language,
            }
            for language in siblings
        ]
        status = unit.status
        return {
            "lang": html_lang(unit.language),
            "dir": text_direction(unit.language),
            "title": unit.title,
            "generator": f"editions {__version__}",
            "language": unit.language,
            "language_name": autonym(unit.language),
            "switcher": switcher,
            "drafts": unit.shows_drafts,
            "drafts_used": int(status["drafts_used"]),
            "fallbacks": 0 if unit.is_source else len(status["missing"]),
            "date_iso": status["date"] or "",
            "date_text": self._date_text(unit, unit.language),
            "index_href": "../index.html",
            "index_label": all_editions_label(unit.language),
        }

    def _date_text(self, unit: _Unit, language: str) -> str:
        if not unit.status["date"]:
            return ""
        return localized_date(datetime.date.fromisoformat(unit.status["date"]), language)

    def _write_index(self, index: Path) -> bool:
        """Render and write the index unless nothing it lists changed since the last build."""
        listed = sorted(
            (relative, str(record["digest"]))
            for relative, record in self.manifest.outputs.items()
            if "document" in record
        )
        digest = digest_of(json.dumps(listed), self.templates.digest, RENDER_VERSION)
        if self.manifest.output_current(INDEX_NAME, digest, index):
            return False
        written = write_if_changed(index, self._index_page())
        self.manifest.record_output(INDEX_NAME, digest, index)
        return written

    def _index_page(self) -> str:
        titles = {
            key.split("/")[0]: record.get("title")
            for key, record in self.manifest.units.items()
            if key.endswith(f"/{self.project.source_language}")
        }
        rows: dict[str, dict[str, list[dict[str, str]]]] = {}
        for relative, record in sorted(self.manifest.outputs.items()):
            if "document" not in record or record.get("format") == ASSET:
                continue
            if not (self.out / relative).is_file():
                continue
            document, language = str(record["document"]), str(record["language"])
            links = rows.setdefault(document, {}).setdefault(language, [])
            links.append({"href": relative, "label": _FORMAT_LABELS[str(record["format"])]})
        documents: list[dict[str, Any]] = []
        for document, by_language in sorted(rows.items()):
            languages: list[dict[str, Any]] = []
            for language in self._language_order(by_language):
                links = sorted(by_language[language], key=lambda link: _format_rank(link["label"]))
                languages.append(
                    {"lang": html_lang(language), "label": autonym(language), "links": links}
                )
            documents.append(
                {
                    "name": document,
                    "title": titles.get(document) or document,
                    "lang": html_lang(self.project.source_language),
                    "languages": languages,
                }
            )
        return self.templates.render(
            "index.html.j2",
            lang=html_lang(self.project.source_language),
            dir=text_direction(self.project.source_language),
            title="Editions",
            generator=f"editions {__version__}",
            documents=documents,
        )


def _format_rank(label: str) -> int:
    return list(_FORMAT_LABELS.values()).index(label)
