"""Translation memory: reviewed translations of the same English, reused before any MT.

Every catalog of the project for the target language is read; each live entry that is
translated and not fuzzy (reviewed work) offers its msgstr for its exact msgid. When several
catalogs disagree, the most frequent translation wins, then the first in path order.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from editions.catalog import Catalog


@dataclass(frozen=True, slots=True)
class Recall:
    """A reviewed translation and the catalog it came from."""

    msgstr: str
    origin: str


@dataclass(slots=True)
class TranslationMemory:
    _choices: dict[str, Counter[tuple[str, str]]] = field(default_factory=dict)
    _order: dict[tuple[str, str], int] = field(default_factory=dict)

    def add_catalog(self, catalog: Catalog, origin: str) -> None:
        """Offer every reviewed translation of ``catalog`` (``origin`` names it in provenance)."""
        for entry in catalog.live():
            if entry.msgid and not entry.is_plural and entry.reviewed:
                choice = (entry.msgstr, origin)
                self._choices.setdefault(entry.msgid, Counter())[choice] += 1
                self._order.setdefault(choice, len(self._order))

    def add_pair(self, msgid: str, msgstr: str, origin: str) -> None:
        """Offer one reviewed translation from elsewhere (an imported TMX memory)."""
        if msgid and msgstr:
            choice = (msgstr, origin)
            self._choices.setdefault(msgid, Counter())[choice] += 1
            self._order.setdefault(choice, len(self._order))

    def recall(self, msgid: str) -> Recall | None:
        """The reviewed translation of exactly ``msgid``, if any catalog has one."""
        choices = self._choices.get(msgid)
        if not choices:
            return None
        by_text: Counter[str] = Counter()
        for (msgstr, _), count in choices.items():
            by_text[msgstr] += count
        best = max(by_text, key=lambda text: (by_text[text], -self._first(choices, text)))
        origin = min((o for (m, o) in choices if m == best), key=lambda o: self._order[(best, o)])
        return Recall(best, origin)

    def _first(self, choices: Iterable[tuple[str, str]], text: str) -> int:
        return min(self._order[c] for c in choices if c[0] == text)

    def __len__(self) -> int:
        return len(self._choices)


def catalog_paths(locales_dir: Path, language: str) -> list[Path]:
    """Every ``.po`` of ``language`` under the project's locales folder, sorted."""
    folder = locales_dir / language
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.rglob("*.po") if p.is_file())
