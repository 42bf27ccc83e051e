"""Localized editions: Markdown, standalone HTML, bilingual HTML and OpenCC variants.

``build(project, languages, formats, out_dir, drafts)`` is the one entry point; the
modules beside it each do one job (model, translations, Markdown, HTML, bilingual pages,
dates, manifest).
"""

from __future__ import annotations

from editions.render.build import BuildReport, build
from editions.render.edition import FORMATS, Edition, Passage, Unpublished

__all__ = ["FORMATS", "BuildReport", "Edition", "Passage", "Unpublished", "build"]
