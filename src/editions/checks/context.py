"""What a check may know besides the entry: the catalog, language, glossary, configuration."""

from __future__ import annotations

from dataclasses import dataclass, field

from editions.catalog import Catalog
from editions.checks.config import CheckConfig
from editions.glossary import Glossary


@dataclass(frozen=True, slots=True)
class CheckContext:
    """Everything about one catalog that checks need, built once by the runner.

    ``language`` is the language the catalog should hold (from ``--lang``, the
    ``<lang>/LC_MESSAGES`` folder, or the header). ``markdown`` is true for catalogs of
    Markdown documents, where markup parity applies. ``template`` is the POT on disk and
    ``fresh_template`` the POT built from ``source/`` now (both only for project catalogs).
    """

    path: str = "<string>"
    language: str | None = "zh_CN"
    catalog: Catalog = field(default_factory=Catalog)
    glossary: Glossary = field(default_factory=Glossary)
    config: CheckConfig = field(default_factory=CheckConfig)
    release: bool = False
    markdown: bool = False
    domain: str | None = None
    is_template: bool = False
    template: Catalog | None = None
    fresh_template: Catalog | None = None
    nplurals: int | None = None
    """nplurals of the catalog's Plural-Forms (or the language's, when the header lacks it)."""

    @property
    def chinese(self) -> bool:
        return (self.language or "").startswith("zh")
