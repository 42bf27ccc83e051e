"""``build``: every edition of every document, written incrementally into the build folder.

Two phases so that bad input writes nothing: first each document-language *unit* is
assessed (source and catalog read, digested, checked against the release threshold; an
unchanged unit reuses what the manifest remembers), then each output whose inputs changed
is rendered and written atomically. The index page and the manifest are written last, and
only when their bytes change, so a no-change rebuild writes nothing at all.
"""

from __future__ import annotations

import dataclasses
import datetime
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from editions import __version__
from editions.fsio import atomic_write_bytes, read_utf8, write_if_changed
from editions.project import Document, Project
from editions.render import bilingual, html, markdown
from editions.render.assets import ASSET, Asset, find_assets
from editions.render.edition import (
    BILINGUAL,
    BILINGUAL_HTML,
    HTML,
    MARKDOWN,
    PRINTED,
    TEXT,
    Edition,
    Unpublished,
    all_editions_label,
    autonym,
    check_formats,
    check_paper,
    contact_label,
    html_lang,
    navigation_labels,
    output_path,
    text_direction,
)
from editions.render.frontmatter import localized_date
from editions.render.index import INDEX_NAME, index_page, language_order
from editions.render.manifest import Manifest, digest_of, load_manifest, remove_output
from editions.render.navigation import Navigation
from editions.render.site import Site, edition_file, relative_href
from editions.render.text import text_edition
from editions.render.translations import derivation_base
from editions.render.unit import RENDER_VERSION, Unit
from editions.sourcedate import source_date_epoch

BOM = b"\xef\xbb\xbf"


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
    warnings: tuple[str, ...] = ()
    """Problems that did not stop the build (a missing image), one line each."""

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
    paper: str | None = None,
    strict: bool = False,
) -> BuildReport:
    """Render ``formats`` of every document in ``languages`` (default: all) into ``out_dir``.

    The source language is always built: the other editions link to it. Without ``drafts``
    only reviewed translations are used and a language below the release threshold
    (``threshold``, else the project's, per document) is not published; with ``drafts`` fuzzy
    entries and machine drafts are used too and every edition says so visibly. PDF editions
    are printed on ``paper`` (default: the project's ``[release] paper``, A4) by headless
    Chromium, which must then be installed: that is checked before anything is written.
    Editions mirror the source tree, and every reference between them follows one rule
    (:mod:`editions.render.site`). A missing local file a document refers to is a warning in
    the report, as Sphinx and MkDocs make it; with ``strict`` it stops the build first.
    """
    formats = check_formats(formats)
    out = (out_dir or project.build_dir).resolve()
    selected = _languages(project, languages)
    plan = Plan(project, out, drafts, threshold)
    if any(fmt in PRINTED for fmt in formats):
        plan.printing = Printing.prepare(project, paper)
    documents = project.documents()
    units = [Unit(plan, doc, language) for doc in documents for language in selected]
    for unit in units:
        unit.assess()  # phase 1: every input read and checked before anything is written
    formats = list(dict.fromkeys(formats))
    plan.site = Site(
        pages=[d.page for d in documents],
        published=[(u.document.page, u.language) for u in units if u.published],
        source_language=project.source_language,
        formats=formats,
    )
    found = find_assets(project, [u for u in units if u.is_source], plan.site.pages)
    found.raise_if(strict)
    plan.navigation = Navigation.of(project, units, plan.site)
    report = plan.write(units, formats, found.assets)
    return dataclasses.replace(report, warnings=found.warnings)


def _languages(project: Project, requested: Sequence[str] | None) -> list[str]:
    known = [project.source_language, *project.languages, *project.derived_languages]
    if not requested:
        return list(dict.fromkeys(known))
    for language in requested:
        if language not in known:
            project.check_language(language)
    return list(dict.fromkeys([project.source_language, *requested]))


@dataclass
class Printing:
    """What PDF editions are printed with: the browser, the paper and the date they carry."""

    executable: str
    identity: str
    paper: str
    epoch: int
    queue: list[tuple[Unit, str, Path, str, str]] = field(default_factory=list)
    """(unit, format, path, digest, page HTML) of each PDF to print in this build."""

    @classmethod
    def prepare(cls, project: Project, paper: str | None) -> Printing:
        from editions.render.chromium import find_chromium, identity

        paper = check_paper(paper or project.release.paper)
        executable = find_chromium()
        return cls(
            executable=executable,
            identity=identity(executable),
            paper=paper,
            epoch=source_date_epoch(project.root),
        )


@dataclass
class _Written:
    built: list[Edition] = field(default_factory=list)
    unchanged: list[Edition] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)
    produced: set[str] = field(default_factory=set)
    """Output paths (relative to the output folder) this build published."""


class Plan:
    """Settings and shared state of one build: project, output folder, templates, manifest."""

    def __init__(self, project: Project, out: Path, drafts: bool, threshold: float | None):
        self.project = project
        self.out = out
        self.drafts = drafts
        self.threshold = threshold
        self.manifest: Manifest = load_manifest(out)
        self.templates = html.templates_for(project)
        self.printing: Printing | None = None
        self.site = Site((), (), project.source_language, ())
        self.navigation = Navigation()
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

    def allowed_html(self, source: Unit) -> frozenset[str]:
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

    def _copy_assets(
        self, units: list[Unit], assets: dict[str, list[Asset]], done: _Written
    ) -> None:
        """Each published edition gets the files its document refers to, at the same place
        relative to its page as in the source tree."""
        for unit in units:
            if not unit.published:
                continue
            for asset in assets.get(unit.document.domain, []):
                target, file = self.out / unit.language / asset.path, asset.file
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
        self, units: list[Unit], formats: list[str], assets: dict[str, list[Asset]]
    ) -> BuildReport:
        done = _Written()
        by_document: dict[Path, list[Unit]] = {}
        for unit in units:
            by_document.setdefault(unit.document.path, []).append(unit)
        unpublished = [u.unpublished() for u in units if not u.published]
        for group in by_document.values():
            source = next(u for u in group if u.is_source)
            for fmt in formats:
                for unit in group:
                    if fmt in BILINGUAL and unit.is_source:
                        continue
                    self._write_output(unit, source, group, fmt, done)
        self._copy_assets(units, assets, done)
        self._print_queued(done)
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
        self, unit: Unit, source: Unit, group: list[Unit], fmt: str, done: _Written
    ) -> None:
        path = output_path(self.out, unit.language, unit.document.page, fmt)
        relative = path.relative_to(self.out).as_posix()
        if not unit.published:
            return  # whatever an earlier build left of it goes in _remove_the_rest
        done.produced.add(relative)
        siblings = self._siblings(unit, group, fmt)
        parts = [unit.digest, source.digest, fmt, self.templates.digest, json.dumps(siblings)]
        parts += [self.site.digest, self.navigation.digest(unit.language)]
        printing = self.printing if fmt in PRINTED else None  # set by build() for PDFs
        if printing is not None:
            parts += [printing.identity, printing.paper, str(printing.epoch)]
        digest = digest_of(*parts)
        edition = unit.edition(fmt, path)
        if self.manifest.output_current(relative, digest, path):
            done.unchanged.append(edition)
            return
        if printing is not None:
            page = self._render(unit, source, fmt, siblings, paper=printing.paper)
            printing.queue.append((unit, fmt, path, digest, page))
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

    def _print_queued(self, done: _Written) -> None:
        """Print every queued PDF, each from a page written beside its edition (so its images
        resolve) and removed afterwards; then write the PDFs and record them."""
        if self.printing is None or not self.printing.queue:
            return
        from editions.render.chromium import print_pages, reproducible

        printing = self.printing
        pages = [path.with_name(f".{path.name}.print.html") for _, _, path, _, _ in printing.queue]
        try:
            for page, (_, _, _, _, html_text) in zip(pages, printing.queue, strict=True):
                atomic_write_bytes(page, html_text.encode("utf-8"))
            pdfs, version = print_pages(pages, printing.executable)
        finally:
            for page in pages:
                page.unlink(missing_ok=True)
        for pdf, (unit, fmt, path, digest, _) in zip(pdfs, printing.queue, strict=True):
            atomic_write_bytes(path, reproducible(pdf, printing.epoch))
            done.built.append(unit.edition(fmt, path))
            self.manifest.record_output(
                path.relative_to(self.out).as_posix(),
                digest,
                path,
                document=unit.document.domain,
                language=unit.language,
                format=fmt,
                printer=version,
            )
        printing.queue.clear()

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

    def _siblings(self, unit: Unit, group: list[Unit], fmt: str) -> list[str]:
        """Languages the switcher links: the ones this build publishes in ``fmt``."""
        published = [
            u.language for u in group if u.published and not (fmt in BILINGUAL and u.is_source)
        ]
        return language_order(self.project, published)

    def _render(
        self, unit: Unit, source: Unit, edition_format: str, siblings: list[str], paper: str = ""
    ) -> str:
        """The edition's text; a PDF's is the HTML page it is printed from, whose links go
        where the PDF's go."""
        unit.give_heading_ids(source)
        links = self.site.rewriter(unit.document.page, unit.language, edition_format)
        fmt = PRINTED.get(edition_format, edition_format)
        notes = []
        if unit.shows_drafts:
            notes.append(markdown.draft_note_text(unit.language, int(unit.status["drafts_used"])))
        if fmt == MARKDOWN:
            text = markdown.with_fallback_links(unit.text, unit.parsed.link_targets(), links)
            if not notes:
                return unit.bom + text
            return unit.bom + markdown.with_draft_note(text, notes[0])
        if fmt == TEXT:
            return text_edition(
                unit.parsed,
                dateline=self._date_text(unit, unit.language),
                notes=notes,
                contact=unit.contact,
                contact_label=contact_label(unit.language),
                links=links,
            )
        allowed = self.allowed_html(source)
        context = self._page_context(unit, edition_format, siblings)
        context["paper"] = paper
        if fmt == HTML:
            tokens, env = unit.parsed.tokens, unit.parsed.env
            split = unit.parsed.after_leading_heading()
            heading = html.render_tokens(tokens[:split], env, allowed, links)
            body = html.render_tokens(tokens[split:], env, allowed, links)
            return self.templates.render(
                "edition.html.j2", heading=html.markup(heading), body=html.markup(body), **context
            )
        rows = bilingual.bilingual_rows(source.parsed, unit.parsed, allowed, links)
        context["title"] = f"{source.title} · {unit.title}"
        return self.templates.render(
            "bilingual.html.j2",
            rows=rows,
            source_lang=html_lang(source.language),
            target_lang=html_lang(unit.language),
            source_date_text=self._date_text(unit, source.language),
            **context,
        )

    def _page_context(self, unit: Unit, fmt: str, siblings: list[str]) -> dict[str, Any]:
        page = unit.document.page
        here = edition_file(unit.language, page, fmt)
        switcher = [
            {
                "label": autonym(language),
                "lang": html_lang(language),
                "href": relative_href(here, edition_file(language, page, fmt)),
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
            "index_href": relative_href(here, PurePosixPath(INDEX_NAME)),
            "index_label": all_editions_label(unit.language),
            "contact": unit.contact,
            "contact_label": contact_label(unit.language),
            "nav_labels": navigation_labels(unit.language),
            **self.navigation.context(self.site, page, unit.language, fmt),
        }

    def _date_text(self, unit: Unit, language: str) -> str:
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
        written = write_if_changed(index, index_page(self.project, self.manifest, self.templates))
        self.manifest.record_output(INDEX_NAME, digest, index)
        return written
