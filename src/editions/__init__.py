"""editions: English Markdown sources to reviewed, localized editions through gettext catalogs.

The names in ``__all__`` are the public API (docs/api.md): the steps of the command line as
functions that return what the CLI prints, the in-memory pieces (catalogs, segmentation,
rendering, the polib bridge) and one exception family. They are loaded on first use, so
``import editions`` stays cheap. (No public name is also a submodule's name: importing
``editions.draft`` would otherwise replace a function ``editions.draft``.) Everything
else is internal and may change in any release.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_EXPORTS: dict[str, tuple[str, str]] = {
    # a project and the steps of the workflow
    "Project": ("editions.project", "Project"),
    "find_project": ("editions.project", "find_project"),
    "extract": ("editions.workflow", "extract"),
    "update": ("editions.workflow", "update"),
    "Written": ("editions.workflow", "Written"),
    "Status": ("editions.workflow", "Status"),
    "install_model": ("editions.models", "install_archive"),
    "draft_catalogs": ("editions.draft", "draft_catalogs"),
    "DraftReport": ("editions.draft", "DraftReport"),
    "check": ("editions.checks.runner", "run_checks"),
    "Finding": ("editions.checks.model", "Finding"),
    "Severity": ("editions.checks.model", "Severity"),
    "project_stats": ("editions.stats", "project_stats"),
    "CatalogStats": ("editions.stats", "CatalogStats"),
    "build": ("editions.render", "build"),
    "BuildReport": ("editions.render", "BuildReport"),
    "Edition": ("editions.render", "Edition"),
    "make_release": ("editions.release", "release"),
    "verify_release": ("editions.release", "verify"),
    "Release": ("editions.release", "Release"),
    "Verification": ("editions.release", "Verification"),
    # the in-memory pieces
    "Catalog": ("editions.catalog", "Catalog"),
    "Entry": ("editions.catalog", "Entry"),
    "readiness": ("editions.catalog", "readiness"),
    "parse_catalog": ("editions.pofile", "parse_catalog"),
    "catalog_text": ("editions.pofile", "catalog_text"),
    "load_catalog": ("editions.pofile", "load_catalog"),
    "save_catalog": ("editions.pofile", "save_catalog"),
    "Segment": ("editions.segment", "Segment"),
    "segment_document": ("editions.segment", "segment_document"),
    "catalog_from_markdown": ("editions.workflow", "catalog_from_markdown"),
    "markdown_from_catalog": ("editions.render.markdown", "markdown_from_catalog"),
    "to_polib": ("editions.bridge", "to_polib"),
    "from_polib": ("editions.bridge", "from_polib"),
    # errors: one family
    "EditionsError": ("editions.errors", "EditionsError"),
    "ProjectError": ("editions.errors", "ProjectError"),
    "SourceError": ("editions.errors", "SourceError"),
    "CatalogSyntaxError": ("editions.errors", "CatalogSyntaxError"),
    "CatalogConflictError": ("editions.errors", "CatalogConflictError"),
    "ModelMissingError": ("editions.errors", "ModelMissingError"),
    "EngineError": ("editions.errors", "EngineError"),
    "WriteError": ("editions.errors", "WriteError"),
    "ReleaseBlocked": ("editions.release", "ReleaseBlocked"),
}

__all__ = [
    "BuildReport",
    "Catalog",
    "CatalogConflictError",
    "CatalogStats",
    "CatalogSyntaxError",
    "DraftReport",
    "Edition",
    "EditionsError",
    "EngineError",
    "Entry",
    "Finding",
    "ModelMissingError",
    "Project",
    "ProjectError",
    "Release",
    "ReleaseBlocked",
    "Segment",
    "Severity",
    "SourceError",
    "Status",
    "Verification",
    "WriteError",
    "Written",
    "__version__",
    "build",
    "catalog_from_markdown",
    "catalog_text",
    "check",
    "draft_catalogs",
    "extract",
    "find_project",
    "from_polib",
    "install_model",
    "load_catalog",
    "make_release",
    "markdown_from_catalog",
    "parse_catalog",
    "project_stats",
    "readiness",
    "save_catalog",
    "segment_document",
    "to_polib",
    "update",
    "verify_release",
]


def __getattr__(name: str) -> Any:
    try:
        module, attribute = _EXPORTS[name]
    except KeyError:
        raise AttributeError(f"module 'editions' has no attribute {name!r}") from None
    value = getattr(importlib.import_module(module), attribute)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)


if TYPE_CHECKING:
    from editions.bridge import from_polib, to_polib
    from editions.catalog import Catalog, Entry, readiness
    from editions.checks.model import Finding, Severity
    from editions.checks.runner import run_checks as check
    from editions.draft import DraftReport, draft_catalogs
    from editions.errors import (
        CatalogConflictError,
        CatalogSyntaxError,
        EditionsError,
        EngineError,
        ModelMissingError,
        ProjectError,
        SourceError,
        WriteError,
    )
    from editions.models import install_archive as install_model
    from editions.pofile import catalog_text, load_catalog, parse_catalog, save_catalog
    from editions.project import Project, find_project
    from editions.release import Release, ReleaseBlocked, Verification
    from editions.release import release as make_release
    from editions.release import verify as verify_release
    from editions.render.build import BuildReport, build
    from editions.render.edition import Edition
    from editions.render.markdown import markdown_from_catalog
    from editions.segment import Segment, segment_document
    from editions.stats import CatalogStats, project_stats
    from editions.workflow import Status, Written, catalog_from_markdown, extract, update
