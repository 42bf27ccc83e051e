"""Local images a document shows: found, checked and resolved before a build writes anything."""

from __future__ import annotations

import re
import urllib.parse
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from editions.errors import ProjectError
from editions.project import Project

if TYPE_CHECKING:
    from editions.render.unit import Unit

ASSET = "asset"
"""The manifest's format of an image copied beside the editions."""
_ASSET_SKIP = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]*:|/|#")
"""References that are no local file: a URL scheme, site-absolute, a fragment."""


def find_assets(project: Project, sources: list[Unit]) -> dict[str, list[tuple[str, Path]]]:
    """Local files each document's images refer to: ``{domain: [(ref, file)]}``.

    A reference is resolved against the source document's folder and must stay inside
    the source folder; a missing file, or two documents giving one reference different
    files, is refused before anything is written.
    """
    found: dict[str, list[tuple[str, Path]]] = {}
    claimed: dict[str, Path] = {}
    source_dir = project.source_dir.resolve()
    for unit in sources:
        for ref, line in unit.parsed.image_sources():
            if not ref or _ASSET_SKIP.match(ref):
                continue
            relative = urllib.parse.unquote(ref.split("#", 1)[0].split("?", 1)[0])
            file = (unit.document.path.parent / relative).resolve()
            where = f"{project.relative(unit.document.path)}:{line}"
            if source_dir not in file.parents or ".." in PurePosixPath(relative).parts:
                raise ProjectError(
                    f"image {ref!r} lies outside the document's folder",
                    path=where,
                    hint="keep images in the document's folder or below it (no '..')",
                )
            if not file.is_file():
                raise ProjectError(
                    f"image {ref!r} does not exist ({project.relative(file)})",
                    path=where,
                    hint="add the file, or fix the reference",
                )
            if claimed.setdefault(relative, file) != file:
                raise ProjectError(
                    f"image {ref!r} names two files in two documents "
                    f"({project.relative(claimed[relative])}, "
                    f"{project.relative(file)}); editions share one folder",
                    path=where,
                    hint="give the images distinct names",
                )
            found.setdefault(unit.document.domain, []).append((relative, file))
    return found
