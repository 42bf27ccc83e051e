"""The index page of a build: every published edition, by document and language."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from editions import __version__
from editions.project import Project
from editions.render.assets import ASSET
from editions.render.edition import (
    BILINGUAL_HTML,
    BILINGUAL_PDF,
    HTML,
    MARKDOWN,
    PDF,
    TEXT,
    autonym,
    html_lang,
    text_direction,
)
from editions.render.html import Templates
from editions.render.manifest import Manifest

INDEX_NAME = "index.html"
_FORMAT_LABELS = {
    HTML: "HTML",
    BILINGUAL_HTML: "Bilingual",
    PDF: "PDF",
    BILINGUAL_PDF: "Bilingual PDF",
    TEXT: "Text",
    MARKDOWN: "Markdown",
}


def language_order(project: Project, languages: Iterable[str]) -> list[str]:
    """``languages`` in the project's order (source, declared, derived), others after."""
    preferred = [project.source_language, *project.languages, *project.derived_languages]
    present = set(languages)
    ordered = [lang for lang in dict.fromkeys(preferred) if lang in present]
    return ordered + sorted(present - set(ordered))


def index_page(project: Project, manifest: Manifest, templates: Templates) -> str:
    """The page that links every edition the manifest records, by document and language."""
    titles = {
        key.split("/")[0]: record.get("title")
        for key, record in manifest.units.items()
        if key.endswith(f"/{project.source_language}")
    }
    rows: dict[str, dict[str, list[dict[str, str]]]] = {}
    for relative, record in sorted(manifest.outputs.items()):
        if "document" not in record or record.get("format") == ASSET:
            continue
        if not (manifest.path.parent / relative).is_file():
            continue
        document, language = str(record["document"]), str(record["language"])
        links = rows.setdefault(document, {}).setdefault(language, [])
        links.append({"href": relative, "label": _FORMAT_LABELS[str(record["format"])]})
    documents: list[dict[str, Any]] = []
    for document, by_language in sorted(rows.items(), key=_folder_order):
        languages: list[dict[str, Any]] = []
        for language in language_order(project, by_language):
            links = sorted(by_language[language], key=lambda link: _format_rank(link["label"]))
            languages.append(
                {"lang": html_lang(language), "label": autonym(language), "links": links}
            )
        documents.append(
            {
                "name": document,
                "title": titles.get(document) or document,
                "lang": html_lang(project.source_language),
                "languages": languages,
            }
        )
    return templates.render(
        "index.html.j2",
        lang=html_lang(project.source_language),
        dir=text_direction(project.source_language),
        title="Editions",
        generator=f"editions {__version__}",
        documents=documents,
    )


def _folder_order(row: tuple[str, object]) -> str:
    """Documents in folder order: a folder's files together, as the source tree lists them
    (catalog names join folders with ``--``)."""
    return row[0].replace("--", "\x00")


def _format_rank(label: str) -> int:
    return list(_FORMAT_LABELS.values()).index(label)
