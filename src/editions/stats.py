"""Translation statistics and post-editing effort, per document and language.

Entries fall in exactly one bucket: ``reviewed`` (translated, not fuzzy), ``machine_draft``
(fuzzy and still exactly the recorded machine draft), ``fuzzy`` (other fuzzy entries: drafts
someone started editing, or translations whose English changed) and ``untranslated``.
Post-editing effort compares each reviewed machine draft with the final text: the mean
normalised edit distance (0 = accepted unchanged, 1 = rewritten) tells whether MT helps.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from rapidfuzz.distance import Levenshtein

from editions.catalog import Catalog, Entry, Readiness, readiness
from editions.pofile import load_catalog
from editions.project import Project
from editions.provenance import is_untouched_draft, read_provenance

_WORD = re.compile(r"[A-Za-z0-9]+(?:['’.-][A-Za-z0-9]+)*")


def english_words(text: str) -> int:
    return len(_WORD.findall(text))


@dataclass(frozen=True, slots=True)
class Bucket:
    entries: int = 0
    words: int = 0


@dataclass(frozen=True, slots=True)
class Effort:
    """How much reviewers changed machine drafts that are now reviewed."""

    drafts_reviewed: int = 0
    accepted_unchanged: int = 0
    mean_distance: float = 0.0
    """Mean normalised Levenshtein distance, draft to final text (0..1)."""

    @property
    def share_unchanged(self) -> float:
        return self.accepted_unchanged / self.drafts_reviewed if self.drafts_reviewed else 0.0


@dataclass(frozen=True, slots=True)
class SentBack:
    """An entry a reviewer sent back, with the reason (``# needs-work: …``)."""

    line: int
    msgid: str
    reason: str


@dataclass(frozen=True, slots=True)
class CatalogStats:
    document: str
    language: str
    path: str
    total: Bucket
    reviewed: Bucket
    machine_draft: Bucket
    fuzzy: Bucket
    untranslated: Bucket
    effort: Effort = field(default_factory=Effort)
    readiness: Readiness = field(default_factory=lambda: Readiness(0, 0))
    """The release gate's measure (:func:`editions.catalog.readiness`), against the template."""
    threshold: float = 100.0
    sent_back: tuple[SentBack, ...] = ()
    """Entries sent back for work, still fuzzy (an approval settles them)."""

    @property
    def percent_reviewed(self) -> float:
        return self.readiness.percent

    @property
    def ready(self) -> bool:
        """What ``check --release`` and ``build`` decide for this document and language."""
        return self.readiness.ready(self.threshold)

    def as_dict(self) -> dict[str, object]:
        data = asdict(self)
        data["percent_reviewed"] = round(self.percent_reviewed, 1)
        data["ready"] = self.ready
        data["effort"]["share_unchanged"] = round(self.effort.share_unchanged, 3)
        data["effort"]["mean_distance"] = round(self.effort.mean_distance, 3)
        return data


def bucket_of(entry: Entry) -> str:
    if not entry.has_translation:
        return "untranslated"
    if entry.fuzzy:
        return "machine_draft" if is_untouched_draft(entry) else "fuzzy"
    return "reviewed" if entry.reviewed else "fuzzy"


def _sum(entries: Iterable[Entry]) -> Bucket:
    items = list(entries)
    return Bucket(len(items), sum(english_words(e.msgid) for e in items))


def post_editing_effort(entries: Iterable[Entry]) -> Effort:
    """Edit distance between the recorded machine draft and the final text of reviewed entries."""
    distances = []
    for entry in entries:
        provenance = read_provenance(entry)
        if provenance is None or bucket_of(entry) != "reviewed":
            continue
        distances.append(Levenshtein.normalized_distance(provenance.draft_text, entry.msgstr))
    if not distances:
        return Effort()
    return Effort(
        drafts_reviewed=len(distances),
        accepted_unchanged=sum(1 for d in distances if d == 0),
        mean_distance=sum(distances) / len(distances),
    )


def catalog_stats(
    catalog: Catalog,
    document: str,
    language: str,
    path: str,
    *,
    template: Catalog | None = None,
    threshold: float = 100.0,
) -> CatalogStats:
    """The counts and effort of one catalog (live entries only); readiness against
    ``template``'s messages when given, as the release gate measures it."""
    live = list(catalog.live())
    groups: dict[str, list[Entry]] = {
        name: [] for name in ("reviewed", "machine_draft", "fuzzy", "untranslated")
    }
    for entry in live:
        groups[bucket_of(entry)].append(entry)
    return CatalogStats(
        document=document,
        language=language,
        path=path,
        total=_sum(live),
        reviewed=_sum(groups["reviewed"]),
        machine_draft=_sum(groups["machine_draft"]),
        fuzzy=_sum(groups["fuzzy"]),
        untranslated=_sum(groups["untranslated"]),
        effort=post_editing_effort(live),
        readiness=readiness(catalog, None if template is None else template.by_key()),
        threshold=threshold,
        sent_back=_sent_back(live),
    )


def _sent_back(entries: Iterable[Entry]) -> tuple[SentBack, ...]:
    from editions.review import needs_work_record

    found = []
    for entry in entries:
        record = needs_work_record(entry) if entry.fuzzy else None
        if record is not None:
            words = " ".join(entry.msgid.split())
            found.append(
                SentBack(entry.line, words[:59] + "…" if len(words) > 60 else words, record)
            )
    return tuple(found)


def project_stats(project: Project, language: str | None = None) -> list[CatalogStats]:
    """Stats of every document's catalog in every declared language (or ``language``)."""
    languages = [project.check_language(language)] if language else list(project.languages)
    results = []
    for document in project.documents():
        pot = project.pot_path(document.domain)
        template = load_catalog(pot) if pot.is_file() else None
        for lang in languages:
            path = project.po_path(lang, document.domain)
            if path.is_file():
                catalog = load_catalog(path)
            elif template is not None:
                catalog = template  # nothing translated yet
            else:
                continue
            stats = catalog_stats(
                catalog,
                document.domain,
                lang,
                project.relative(path),
                template=template,
                threshold=project.release.threshold_for(document.domain),
            )
            results.append(stats)
    return results


def file_stats(paths: Sequence[Path], language: str | None = None) -> list[CatalogStats]:
    results = []
    for path in paths:
        catalog = load_catalog(path)
        lang = language or catalog.language or "?"
        results.append(catalog_stats(catalog, path.stem, lang, str(path)))
    return results


def render_stats_text(stats: Sequence[CatalogStats]) -> str:
    header = (
        f"{'document':<24} {'lang':<6} {'entries':>7} {'words':>6} {'reviewed':>9} "
        f"{'draft':>6} {'fuzzy':>6} {'untransl':>8} {'done':>6}  post-editing"
    )
    lines = [header, "-" * len(header)]
    for s in stats:
        effort = s.effort
        edits = (
            f"{effort.drafts_reviewed} drafts reviewed, {effort.share_unchanged:.0%} unchanged, "
            f"mean edit distance {effort.mean_distance:.2f}"
            if effort.drafts_reviewed
            else "no reviewed machine drafts"
        )
        lines.append(
            f"{s.document:<24} {s.language:<6} {s.total.entries:>7} {s.total.words:>6} "
            f"{s.reviewed.entries:>9} {s.machine_draft.entries:>6} {s.fuzzy.entries:>6} "
            f"{s.untranslated.entries:>8} {s.percent_reviewed:>5.1f}%  {edits}"
        )
    for s in stats:
        if s.sent_back:
            lines.append("")
            lines.append(f"sent back for work: {s.path} ({len(s.sent_back)})")
            lines += [f"  line {b.line}: {b.msgid!r}: {b.reason}" for b in s.sent_back]
    return "\n".join(lines) + "\n"
