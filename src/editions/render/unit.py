"""One document in one language: its inputs, their digest, and what they yield.

A unit is assessed once per build (source and catalog read and digested; the release gate
decided, or what the manifest remembers reused) and then rendered in each format.
"""

from __future__ import annotations

import json
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from editions import __version__
from editions.catalog import Catalog, readiness
from editions.pofile import decode_catalog_bytes, parse_catalog
from editions.project import Document
from editions.render import html, markdown
from editions.render.edition import Edition, Passage, Unpublished, html_lang
from editions.render.frontmatter import document_date, front_matter
from editions.render.manifest import digest_of
from editions.render.translations import (
    EMPTY,
    Translations,
    converted,
    passages,
    translations_from_catalog,
    untranslated,
)
from editions.segment import Segment, segment_document

if TYPE_CHECKING:
    from editions.render.build import Plan

RENDER_VERSION = "2"
"""Bump when output changes for the same inputs, so every manifest entry goes stale."""


class Unit:
    """A document in one language: its inputs, their digest, and what they yield."""

    def __init__(self, plan: Plan, document: Document, language: str) -> None:
        self.plan = plan
        self.document = document
        self.language = language
        self.key = f"{document.domain}/{language}"
        self.catalog_path, self.derived_from = plan.catalog_for(document, language)
        self.status: dict[str, Any] = {}
        self._ids_given = False

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
        if self.is_source:
            self.status["references"] = [list(r) for r in self.references]
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
        return segment_document(self.source_text, self.plan.project.directives)

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
        return markdown.localized_markdown(self.source_text, self.translate, self.segments)

    @cached_property
    def parsed(self) -> html.ParsedDocument:
        """The document parsed for HTML; English fallback blocks carry the source ``lang``."""
        parsed = html.parse_markdown(self.text)
        if not self.is_source and self.status:
            fallbacks = frozenset(msgid for _, msgid in self.status["missing"])
            parsed.mark_language(fallbacks, html_lang(self.plan.project.source_language))
        return parsed

    def give_heading_ids(self, source: Unit) -> None:
        """Headings get the source's ids (once), so anchors work in every language."""
        if not self._ids_given:
            self.parsed.set_heading_ids(source.heading_ids)
            self._ids_given = True

    @cached_property
    def heading_ids(self) -> list[str]:
        """The ids of this document's headings (the source's are everyone's)."""
        return self.parsed.heading_ids()

    @cached_property
    def references(self) -> list[tuple[str, int, bool]]:
        """Every reference of the source, ``(ref, line, embedded)``
        (:meth:`~editions.render.html.ParsedDocument.references`): remembered by the
        manifest, so that a build with nothing changed parses nothing."""
        cached = self.status.get("references")
        if cached is not None:
            return [(str(ref), int(line), bool(embedded)) for ref, line, embedded in cached]
        return self.parsed.references()

    @property
    def title(self) -> str:
        field_value = front_matter(self.text).get("title")
        if field_value and field_value[0]:
            return field_value[0]
        return self.parsed.title() or self.document.domain

    @cached_property
    def contact(self) -> list[str]:
        """The front matter ``contact:`` of a press release, one line per `` | ``-part."""
        field_value = front_matter(self.text).get("contact")
        if not field_value or not field_value[0]:
            return []
        return [part.strip() for part in field_value[0].split(" | ") if part.strip()]

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
