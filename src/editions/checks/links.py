"""Links between documents, in every language: a link to a document that does not exist, to
a heading the target does not have, or to a local file that is missing.

The English sources are checked as written; translations entry by entry (each link a
translator wrote, resolved from the entry's document), against the same pages and the same
heading ids, which every language shares (:mod:`editions.render.site`). Warnings, as
Sphinx and MkDocs make them; errors under ``--release``, which a release must not ship.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from editions.checks.context import CheckContext
from editions.checks.model import Finding, Problem, Severity, excerpt
from editions.checks.registry import Check, declare
from editions.errors import CatalogSyntaxError, EditionsError
from editions.pofile import load_catalog
from editions.project import Document, Project
from editions.render.html import parse_markdown
from editions.render.site import document_page, local_reference

BROKEN_LINK = declare(
    "W-broken-link",
    Severity.WARNING,
    "A link to a document or a heading that does not exist (an error under --release)",
)
MISSING_FILE = declare(
    "W-missing-file",
    Severity.WARNING,
    "A document refers to a local file (an image) that does not exist (an error under --release)",
)


class _Book:
    """The pages of the project and the heading ids of each, from the English sources."""

    def __init__(self, project: Project, documents: Sequence[Document]) -> None:
        self.project = project
        self.pages = frozenset(d.page for d in documents)
        self.ids: dict[str, frozenset[str]] = {}
        self.texts: dict[str, str] = {}
        for document in documents:
            text = document.path.read_text(encoding="utf-8-sig", errors="replace")
            self.texts[document.page] = text
            self.ids[document.page] = frozenset(parse_markdown(text).heading_ids())

    def problem(self, ref: str, page: str) -> tuple[Check, Problem] | None:
        """What is wrong with ``ref`` written in ``page`` (None: nothing)."""
        reference = local_reference(ref, page)
        if reference is None:
            if ref.startswith("#") and len(ref) > 1 and ref[1:] not in self.ids[page]:
                return BROKEN_LINK, Problem(
                    f"link to '{ref}': this document has no heading with that id",
                    fix="link to an existing heading (its slug, or an explicit {#id})",
                )
            return None
        if reference.path.startswith("../"):
            return None  # the build refuses it with its own error
        target = document_page(reference, self.pages)
        if target is None and reference.path.endswith(".md"):
            return BROKEN_LINK, Problem(
                f"link to '{ref}': no such document ({reference.path})",
                fix="fix the path, or add the document under source/",
            )
        if target is None:
            file = self.project.source_dir / reference.path
            if reference.path.endswith("/") or file.is_file():
                return None
            return MISSING_FILE, Problem(
                f"'{ref}' does not exist ({self.project.relative(file)})",
                fix="add the file, or fix the reference",
            )
        if reference.fragment and reference.fragment not in self.ids[target]:
            return BROKEN_LINK, Problem(
                f"link to '{ref}': {reference.path} has no heading "
                f"with the id '{reference.fragment}'",
                fix="link to an existing heading (its slug, or an explicit {#id})",
            )
        return None


def link_findings(
    project: Project,
    documents: Sequence[Document],
    languages: Iterable[str],
    context: CheckContext,
) -> list[Finding]:
    """Broken links and missing files of every document, in English and in ``languages``
    (``context`` gives the configuration and ``--release``)."""
    book = _Book(project, documents)
    findings: list[Finding] = []
    for document in documents:
        shown = project.relative(document.path)
        parsed = parse_markdown(book.texts[document.page])
        seen: set[tuple[str, int]] = set()
        for ref, line in parsed.image_sources() + parsed.link_targets():
            found = book.problem(ref, document.page)
            if found is not None and (ref, line) not in seen:
                seen.add((ref, line))
                findings.append(_finding(found, shown, line, "", context))
    for language in languages:
        for document in documents:
            findings += _catalog_findings(project, book, document, language, context)
    return findings


def _catalog_findings(
    project: Project, book: _Book, document: Document, language: str, context: CheckContext
) -> list[Finding]:
    """Links translators wrote that the English does not have, and that go nowhere."""
    path = project.po_path(language, document.domain)
    if not path.is_file():
        return []
    try:
        catalog = load_catalog(path)
    except (CatalogSyntaxError, EditionsError):
        return []  # the catalog's own check reports it
    shown = project.relative(path)
    findings: list[Finding] = []
    for entry in catalog.live():
        if not entry.msgstr or not any(mark in entry.msgstr for mark in ("](", "]:", "<")):
            continue
        english = {ref for ref, _ in parse_markdown(entry.msgid).link_targets()}
        for ref, _ in parse_markdown(entry.msgstr).link_targets():
            if ref in english:
                continue  # the English's own link: reported once, on the source
            found = book.problem(ref, document.page)
            if found is not None:
                findings.append(_finding(found, shown, entry.line, entry.msgid, context))
    return findings


def _finding(
    found: tuple[Check, Problem], path: str, line: int, msgid: str, context: CheckContext
) -> Finding:
    check, problem = found
    severity = context.config.severity_of(check.code, check.severity)
    if context.release:
        severity = Severity.ERROR
    return Finding(
        code=check.code,
        severity=severity,
        path=path,
        line=line,
        message=problem.message,
        fix=problem.fix,
        msgid=excerpt(msgid) if msgid else "",
    )
