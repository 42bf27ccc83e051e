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

from editions.catalog import Catalog, Entry


@dataclass(frozen=True, slots=True)
class Recall:
    """A reviewed translation and the catalog it came from."""

    msgstr: str
    origin: str


@dataclass(frozen=True, slots=True)
class Similar:
    """A reviewed translation of English like the asked one, with how alike (0-100)."""

    msgid: str
    msgstr: str
    origin: str
    score: float


@dataclass(slots=True)
class TranslationMemory:
    _choices: dict[str, Counter[tuple[str, str]]] = field(default_factory=dict)
    _order: dict[tuple[str, str], int] = field(default_factory=dict)
    _keys: list[str] | None = None

    def add_catalog(self, catalog: Catalog, origin: str) -> None:
        """Offer every reviewed translation of ``catalog`` (``origin`` names it in provenance)."""
        for entry in catalog.live():
            if entry.msgid and not entry.is_plural and entry.reviewed:
                choice = (entry.msgstr, origin)
                self._choices.setdefault(entry.msgid, Counter())[choice] += 1
                self._order.setdefault(choice, len(self._order))
        self._keys = None

    def replace_entry(self, old: Entry, new: Entry, origin: str) -> None:
        """One entry of the catalog ``origin`` changed from ``old`` to ``new`` (a review
        page save): the memory is what reading that catalog again gives, without reading
        it (ties between equally frequent texts may order differently)."""
        for entry, step in ((old, -1), (new, 1)):
            if not (entry.msgid and not entry.is_plural and entry.reviewed):
                continue
            choice = (entry.msgstr, origin)
            choices = self._choices.setdefault(entry.msgid, Counter())
            choices[choice] += step
            if choices[choice] <= 0:
                del choices[choice]
                if not choices:
                    del self._choices[entry.msgid]
            self._order.setdefault(choice, len(self._order))
        self._keys = None

    def add_pair(self, msgid: str, msgstr: str, origin: str) -> None:
        """Offer one reviewed translation from elsewhere (an imported TMX memory)."""
        if msgid and msgstr:
            choice = (msgstr, origin)
            self._choices.setdefault(msgid, Counter())[choice] += 1
            self._order.setdefault(choice, len(self._order))
            self._keys = None

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

    def similar(self, msgid: str, *, limit: int = 3, cutoff: float = 70.0) -> list[Similar]:
        """Reviewed translations of other English at least ``cutoff`` alike (rapidfuzz's
        ratio, 0-100), best first; never ``msgid`` itself (that is :meth:`recall`)."""
        from rapidfuzz import fuzz, process

        if self._keys is None:
            self._keys = list(self._choices)
        found: list[Similar] = []
        for english, score, _ in process.extract(
            msgid, self._keys, scorer=fuzz.ratio, limit=limit + 1, score_cutoff=cutoff
        ):
            if english == msgid:
                continue
            recalled = self.recall(english)
            if recalled is None:
                continue
            found.append(Similar(english, recalled.msgstr, recalled.origin, round(score, 1)))
        return found[:limit]

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
