"""Machine drafts: which entries get one, how it is made, and how it is written.

An entry gets a draft when it is untranslated, or when its English changed and its msgstr is
still the untouched machine draft recorded in its provenance. Reviewed translations (not
fuzzy) and fuzzy ones a person edited are never touched. A draft is reused from translation
memory when some reviewed catalog has the same English; otherwise its English is masked,
split into sentences, looked up in the MT cache, and only the misses go to the engine, in
batches. Every draft is written ``fuzzy`` with provenance; a draft that lost a mask is kept
out and reported. The catalog is checkpointed atomically, so a killed run keeps its work.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from editions.catalog import FUZZY, Catalog, Entry
from editions.engines import Engine, engine_label
from editions.engines.cache import MTCache
from editions.engines.masking import (
    MaskedText,
    Restored,
    Terms,
    assemble_fragments,
    fragments,
    glossary_terms,
    mask_kinds,
    mask_text,
    unmask,
)
from editions.engines.memory import TranslationMemory, catalog_paths
from editions.engines.sentences import Sentence, join_sentences, split_sentences
from editions.errors import CatalogConflictError, EngineError, ProjectError, SourceError
from editions.fsio import OnDisk, atomic_write_text, catalog_lock, decode_utf8
from editions.glossary import load_glossary
from editions.pofile import catalog_text, load_catalog, parse_catalog
from editions.project import Project
from editions.provenance import Provenance, is_untouched_draft, read_provenance, source_digest
from editions.provenance import with_provenance as _with_provenance

MEMORY_ENGINE = "memory"
CACHE_NAME = "mt-cache.sqlite3"
"""The project's MT cache, in its cache folder."""
Progress = Callable[[str, int, int], None]
"""Called as ``progress(catalog, sentences_done, sentences_total)`` while MT runs."""
Prefetch = Callable[["Drafter", list[tuple[str, Path]]], set[str]]
"""Translates (elsewhere) what ``(label, catalog)`` pairs need into the MT cache; returns
the sentences it translated."""


@dataclass(frozen=True, slots=True)
class Failure:
    """An entry that got no draft, and why."""

    path: Path
    line: int
    msgid: str
    reason: str

    def __str__(self) -> str:
        preview = self.msgid if len(self.msgid) <= 60 else self.msgid[:57] + "..."
        return f"{self.path}:{self.line}: {self.reason}: {preview!r}"


@dataclass(slots=True)
class DraftReport:
    """What a draft run did (or, with ``--dry-run``, would do), entry by entry."""

    drafted: int = 0
    memory: int = 0
    cached: int = 0
    skipped: int = 0
    plural: int = 0
    """Untranslated entries with plural forms: not drafted (machine drafts are one string)."""
    failed: int = 0
    sentences_translated: int = 0
    failures: list[Failure] = field(default_factory=list)
    fallbacks: list[Failure] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    dry_run: bool = False
    notes: list[str] = field(default_factory=list)
    """What the run could not do as asked and did instead (a dry run without a model)."""

    def merge(self, other: DraftReport) -> None:
        self.drafted += other.drafted
        self.memory += other.memory
        self.cached += other.cached
        self.skipped += other.skipped
        self.plural += other.plural
        self.failed += other.failed
        self.sentences_translated += other.sentences_translated
        self.failures.extend(other.failures)
        self.fallbacks.extend(other.fallbacks)
        self.written.extend(other.written)
        self.notes.extend(other.notes)

    def summary(self) -> str:
        verb = "would draft" if self.dry_run else "drafted"
        plural = f", plural (not drafted) {self.plural}" if self.plural else ""
        return (
            f"{verb} {self.drafted}, reused from memory {self.memory}, cached {self.cached}, "
            f"skipped {self.skipped}{plural}, failed {self.failed}"
        )


def draft_reason(entry: Entry) -> str | None:
    """Why ``entry`` gets a draft (``untranslated``, ``english-changed``), None to leave it."""
    if entry.obsolete or entry.is_plural or not entry.msgid:
        return None
    if not entry.has_translation:
        return "untranslated"
    provenance = read_provenance(entry)
    if (
        provenance is not None
        and is_untouched_draft(entry)
        and provenance.source_digest != source_digest(entry.msgid)
    ):
        return "english-changed"
    return None


def with_draft(entry: Entry, text: str, engine: str, model: str) -> Entry:
    """``entry`` holding ``text`` as a fuzzy machine draft with provenance."""
    drafted = entry.replace(
        msgstr=text, previous_msgid=None, previous_msgctxt=None, previous_msgid_plural=None
    ).with_flag(FUZZY)
    provenance = Provenance(engine, model, source_digest(entry.msgid), text)
    return _with_provenance(drafted, provenance)


@dataclass(slots=True)
class _Job:
    index: int
    entry: Entry
    masked: MaskedText
    sentences: list[Sentence]

    def sources(self) -> list[str]:
        return [s.text for s in self.sentences if s.text.strip()]


class NoModel:
    """The engine of a ``--dry-run`` without an installed model: nothing is cached for it,
    so every sentence counts as one MT would get; translating is refused."""

    name = "argos"
    version = "-"
    model = "(no model installed)"

    def translate_batch(self, sentences: list[str], source: str, target: str) -> list[str]:
        raise EngineError("no model is installed; only a dry run can use this engine")


class Drafter:
    """Drafts the catalogs of one target language with one engine."""

    def __init__(
        self,
        engine: Engine,
        source: str,
        target: str,
        *,
        cache: MTCache,
        memory: TranslationMemory | None = None,
        terms: Terms = (),
        batch_sentences: int = 128,
        checkpoint_seconds: float = 1.0,
        progress: Progress | None = None,
        fragment_fallback: bool = True,
        lock_dir: Path | None = None,
    ) -> None:
        self.engine = engine
        self.lock_dir = lock_dir
        self.source = source
        self.target = target
        self.cache = cache
        self.memory = memory or TranslationMemory()
        self.terms = terms
        self.batch_sentences = batch_sentences
        self.checkpoint_seconds = checkpoint_seconds
        self.progress = progress
        self.fragment_fallback = fragment_fallback
        self.translated_elsewhere: set[str] = set()
        """Sentences this run already translated elsewhere (on a cluster) into the cache:
        entries built from them count as drafted, not cached."""

    def wanted_sentences(self, path: Path) -> list[str]:
        """The sentences drafting ``path`` would look up or send to MT, in order (read
        only: nothing is locked or written)."""
        jobs = _CatalogRun(self, path, str(path), dry_run=True)._plan()
        return list(dict.fromkeys(s for planned in jobs for s in planned.sources()))

    def draft_catalog(self, path: Path, *, dry_run: bool = False, label: str = "") -> DraftReport:
        """Draft one catalog in place under its lock; checkpoints keep finished drafts."""
        with catalog_lock(path, self.lock_dir):
            return _CatalogRun(self, path, label or str(path), dry_run).run()


class _CatalogRun:
    """One pass over one catalog: plan, look up, translate in batches, checkpoint."""

    def __init__(self, drafter: Drafter, path: Path, label: str, dry_run: bool) -> None:
        self.drafter = drafter
        self.path = path
        self.label = label
        self.report = DraftReport(dry_run=dry_run)
        self.snapshot = OnDisk.read(path)  # one read: what is parsed is what the save compares
        if self.snapshot.data is None:
            raise SourceError("catalog missing", path=path, hint="run 'editions update'")
        self.on_disk = decode_utf8(self.snapshot.data, path)
        self.catalog: Catalog = parse_catalog(self.on_disk, path)
        self.entries = list(self.catalog.entries)
        self.engine_id = engine_label(drafter.engine)
        self.last_save = time.monotonic()

    def run(self) -> DraftReport:
        jobs = self._plan()
        wanted = list(dict.fromkeys(s for planned in jobs for s in planned.sources()))
        known = self.drafter.cache.get_many(
            self.drafter.engine.name, self.drafter.engine.model, wanted
        )
        todo = [s for s in wanted if s not in known]
        if self.report.dry_run:
            for planned in jobs:
                if all(s in known for s in planned.sources()):
                    self.report.cached += 1
                else:
                    self.report.drafted += 1
            self.report.sentences_translated = len(todo)
            return self.report
        try:
            self._translate(jobs, todo, known)
        except KeyboardInterrupt:
            self._save()  # keep what is finished; the rest is in the MT cache
            raise
        self._save()
        return self.report

    def _translate(self, jobs: list[_Job], todo: list[str], known: dict[str, str]) -> None:
        """MT the ``todo`` sentences in batches, finishing entries as their sentences arrive."""
        fresh = {s for s in known if s in self.drafter.translated_elsewhere}
        self.drafter.translated_elsewhere -= fresh  # counted once, as a local run counts
        self.report.sentences_translated += len(fresh)
        pending = iter(jobs)
        job: _Job | None = next(pending, None)
        total = len(todo)
        # equal batches (a last batch of a few sentences would waste a CTranslate2 call)
        step = -(-total // max(1, -(-total // self.drafter.batch_sentences))) if total else 1
        for start in range(0, total + 1, step):
            batch = todo[start : start + step]
            if batch:
                outputs = self.drafter.engine.translate_batch(
                    batch, self.drafter.source, self.drafter.target
                )
                self.drafter.cache.put_many(
                    self.drafter.engine.name,
                    self.drafter.engine.model,
                    zip(batch, outputs, strict=True),
                )
                known.update(zip(batch, outputs, strict=True))
                fresh.update(batch)
                self.report.sentences_translated += len(batch)
                if self.drafter.progress is not None:
                    self.drafter.progress(self.label, min(start + len(batch), total), total)
            while job is not None and all(s in known for s in job.sources()):
                self._finish(job, known, fresh)
                job = next(pending, None)
            if time.monotonic() - self.last_save >= self.drafter.checkpoint_seconds:
                self._save()

    def _plan(self) -> list[_Job]:
        jobs: list[_Job] = []
        for index, entry in enumerate(self.entries):
            if entry.obsolete:
                continue
            if entry.is_plural and not entry.has_translation:
                self.report.plural += 1
                continue
            if draft_reason(entry) is None:
                self.report.skipped += 1
                continue
            recall = self.drafter.memory.recall(entry.msgid)
            if recall is not None:
                self.report.memory += 1
                if not self.report.dry_run:
                    self.entries[index] = with_draft(
                        entry, recall.msgstr, MEMORY_ENGINE, recall.origin
                    )
                continue
            masked = mask_text(entry.msgid, self.drafter.terms)
            jobs.append(_Job(index, entry, masked, split_sentences(masked.text)))
        return jobs

    def _finish(self, job: _Job, known: Mapping[str, str], fresh: set[str]) -> None:
        translations = [known[s.text] if s.text.strip() else "" for s in job.sentences]
        joined = join_sentences(job.sentences, translations, self.drafter.target)
        restored = unmask(joined, job.masked, self.drafter.target)
        if not restored.ok and self.drafter.fragment_fallback:
            lost = restored.lost
            restored = self._by_fragments(job.masked, fresh)
            if restored.ok:
                self.report.fallbacks.append(
                    Failure(
                        self.path,
                        job.entry.line,
                        job.entry.msgid,
                        "MT lost masks (" + ", ".join(mask_kinds(lost)) + "); "
                        "drafted piece by piece between them",
                    )
                )
        reason = ""
        if not restored.ok:
            reason = "lost masks (" + ", ".join(mask_kinds(restored.lost)) + ")"
        elif not restored.text.strip():
            reason = "empty machine translation"
        if reason:
            self.report.failed += 1
            self.report.failures.append(Failure(self.path, job.entry.line, job.entry.msgid, reason))
            return
        self.entries[job.index] = with_draft(
            job.entry, restored.text, self.engine_id, self.drafter.engine.model
        )
        if any(s in fresh for s in job.sources()):
            self.report.drafted += 1
        else:
            self.report.cached += 1

    def _by_fragments(self, masked: MaskedText, fresh: set[str]) -> Restored:
        """Translate the pieces between the masks one by one (cached like sentences)."""
        engine = self.drafter.engine
        pieces = list(dict.fromkeys(fragments(masked)))
        known = self.drafter.cache.get_many(engine.name, engine.model, pieces)
        todo = [p for p in pieces if p not in known]
        if todo:
            outputs = engine.translate_batch(todo, self.drafter.source, self.drafter.target)
            self.drafter.cache.put_many(engine.name, engine.model, zip(todo, outputs, strict=True))
            known.update(zip(todo, outputs, strict=True))
            fresh.update(todo)
            self.report.sentences_translated += len(todo)
        return assemble_fragments(masked, known, self.drafter.target)

    def _save(self) -> None:
        """Write the catalog with every draft finished so far (atomic; refuses lost updates)."""
        self.last_save = time.monotonic()
        if tuple(self.entries) == self.catalog.entries:
            return  # nothing drafted: leave the file byte for byte as it is
        text = catalog_text(self.catalog.replace_entries(self.entries))
        if text == self.on_disk:
            return
        try:
            atomic_write_text(self.path, text, expected=self.snapshot)
        except CatalogConflictError as exc:
            raise CatalogConflictError(
                "the catalog changed on disk while drafting; drafts not written",
                path=self.path,
                hint="run 'editions draft' again (finished drafts are in the MT cache)",
            ) from exc
        self.on_disk = text
        self.snapshot = OnDisk(text.encode("utf-8"))
        if self.path not in self.report.written:
            self.report.written.append(self.path)


def load_memory(project: Project, language: str) -> TranslationMemory:
    """Translation memory from every catalog of ``language`` in the project, then from the
    TMX memories imported into ``locales/memory/`` (``editions import FILE.tmx``)."""
    from editions.interop.tmx import memory_pairs

    memory = TranslationMemory()
    for path in catalog_paths(project.locales_dir, language):
        memory.add_catalog(load_catalog(path), project.relative(path))
    for pair in memory_pairs(project, language):
        memory.add_pair(pair.source, pair.target, pair.origin)
    return memory


def draft_project(
    project: Project,
    engines: Mapping[str, Engine],
    *,
    cache: MTCache,
    dry_run: bool = False,
    progress: Progress | None = None,
    batch_sentences: int = 128,
    prefetch: Prefetch | None = None,
) -> DraftReport:
    """Draft every catalog of each language in ``engines`` (language → its engine).

    ``prefetch`` (the cluster path) first translates, elsewhere, every sentence the catalogs
    need that the MT cache lacks; drafting then runs exactly as without it, from the cache.
    """
    report = DraftReport(dry_run=dry_run)
    glossary = load_glossary(project.glossary_path())
    for language, engine in engines.items():
        project.check_language(language)
        paths = catalog_paths(project.locales_dir, language)
        if not paths:
            raise ProjectError(
                f"no catalogs for {language} yet",
                path=project.relative(project.locales_dir / language),
                hint=f"run 'editions update --lang {language}' first",
            )
        drafter = Drafter(
            engine,
            project.source_language,
            language,
            cache=cache,
            memory=load_memory(project, language),
            terms=glossary_terms(glossary, language),
            batch_sentences=batch_sentences,
            progress=progress,
            lock_dir=project.lock_dir,
        )
        labelled = [(project.relative(path), path) for path in paths]
        if prefetch is not None and not dry_run:
            drafter.translated_elsewhere = prefetch(drafter, labelled)
        for label, path in labelled:
            report.merge(drafter.draft_catalog(path, dry_run=dry_run, label=label))
    return report


def draft_catalogs(
    project: Project,
    language: str | None = None,
    *,
    device: str = "cpu",
    threads: int = 0,
    dry_run: bool = False,
    progress: Progress | None = None,
    options: str = "",
) -> DraftReport:
    """Draft the catalogs of ``language`` (default: every declared language) with the
    installed Argos models and the project's MT cache, as ``editions draft`` does.

    A dry run needs no model: without one it counts every uncached sentence as going to MT
    and says so in ``notes``. ``options`` go into the install command a missing model's
    error names (``--project DIR``)."""
    from editions.errors import ModelMissingError
    from editions.models import load_engine

    report = DraftReport(dry_run=dry_run)
    engines: dict[str, Engine] = {}
    for lang in project_languages(project, language):
        try:
            engines[lang] = load_engine(
                project, lang, device=device, threads=threads, options=options
            )
        except ModelMissingError as missing:
            if not dry_run:
                raise
            report.notes.append(f"{missing.message}; counting as if every sentence went to MT")
            engines[lang] = NoModel()
    with MTCache(project.cache_dir / CACHE_NAME) as cache:
        report.merge(
            draft_project(project, engines, cache=cache, dry_run=dry_run, progress=progress)
        )
    return report


def project_languages(project: Project, language: str | None) -> list[str]:
    """``[language]`` when one is asked for (and declared), else every declared language."""
    return [project.check_language(language)] if language else list(project.languages)
