"""Local files the documents refer to (Markdown images, raw HTML ``img``/``source``/``video``,
links to files that are not documents): found, checked and resolved before a build writes
anything, then copied into each edition at the same place relative to its page."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from editions.errors import ProjectError
from editions.project import Project
from editions.render.site import document_page, local_reference

if TYPE_CHECKING:
    from editions.render.unit import Unit

ASSET = "asset"
"""The manifest's format of a file copied beside the editions."""


@dataclass(frozen=True, slots=True)
class Asset:
    """A file an edition needs: its path under ``source/`` (and so under ``<lang>/``)."""

    path: str
    file: Path


@dataclass
class FoundAssets:
    """Each document's files (``{domain: [Asset]}``) and the references that name no file."""

    assets: dict[str, list[Asset]] = field(default_factory=dict)
    missing: list[ProjectError] = field(default_factory=list)

    @property
    def warnings(self) -> tuple[str, ...]:
        return tuple(f"{error.path}: {error.message}" for error in self.missing)

    def raise_if(self, strict: bool) -> None:
        """In strict mode a missing file stops the build (the first one, with its place)."""
        if strict and self.missing:
            raise self.missing[0]


def find_assets(project: Project, sources: list[Unit], pages: frozenset[str]) -> FoundAssets:
    """The local files each source document refers to, resolved against its folder.

    A file embedded from outside the source folder is refused before anything is written;
    a link out of it, or a reference to a file that does not exist, is recorded (a warning,
    or an error in strict mode). Links to documents are the site's business
    (:mod:`editions.render.site`).
    """
    found = FoundAssets()
    source_dir = project.source_dir.resolve()
    resolved: dict[str, Path | None] = {}
    """Each file referred to, resolved once; None when it lies outside the source folder."""
    for unit in sources:
        page, shown = unit.document.page, project.relative(unit.document.path)
        seen: set[str] = set()
        for ref, line, embedded in unit.references:
            reference = local_reference(ref, page)
            if reference is None or reference.path.endswith("/") or reference.path in seen:
                continue
            seen.add(reference.path)
            if document_page(reference, pages) is not None and ".." not in reference.path:
                continue  # a document of the site
            if reference.path not in resolved:
                candidate = (source_dir / reference.path).resolve()
                inside = not reference.path.startswith("../") and source_dir in candidate.parents
                resolved[reference.path] = candidate if inside else None
            file = resolved[reference.path]
            if file is None and embedded:
                raise ProjectError(
                    f"{ref!r} lies outside the source folder",
                    path=f"{shown}:{line}",
                    hint="keep the files documents refer to under the source folder",
                )
            if file is None:  # a link out of the tree: kept as written, and said
                found.missing.append(
                    ProjectError(
                        f"link {ref!r} leads outside the source folder; it is kept as "
                        "written and will not resolve in the editions",
                        path=f"{shown}:{line}",
                    )
                )
                continue
            if reference.path.endswith(".md"):
                continue  # a missing document: editions check reports it
            if not file.is_file():
                found.missing.append(
                    ProjectError(
                        f"{ref!r} does not exist ({project.relative(file)})",
                        path=f"{shown}:{line}",
                        hint="add the file, or fix the reference",
                    )
                )
                continue
            found.assets.setdefault(unit.document.domain, []).append(Asset(reference.path, file))
    return found
