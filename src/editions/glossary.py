"""The project glossary: English terms and the target-language terms they must become.

Shared by drafting (terms are forced into machine drafts) and checking (terms are verified).
The file is ``locales/glossary.toml``::

    [[term]]
    en = "DeepBlue Technology"
    zh_CN = "深兰科技"
    forbidden.zh_CN = ["深蓝科技"]
    note = "Company name; never the literal 深蓝 (deep blue)."
    case-sensitive = true
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from editions.errors import ProjectError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


@dataclass(frozen=True, slots=True)
class Term:
    """One glossary term: the English, its rendering per language, and renderings to refuse."""

    source: str
    targets: dict[str, str]
    forbidden: dict[str, tuple[str, ...]]
    note: str = ""
    case_sensitive: bool = True

    def pattern(self) -> re.Pattern[str]:
        """Matches the English term as whole words (so 'Quzhou' does not match 'Quzhouese')."""
        flags = 0 if self.case_sensitive else re.IGNORECASE
        return re.compile(r"(?<![\w-])" + re.escape(self.source) + r"(?![\w-])", flags)


@dataclass(frozen=True, slots=True)
class Glossary:
    terms: tuple[Term, ...] = ()

    def for_language(self, language: str) -> list[tuple[Term, str]]:
        """Terms with a rendering for ``language``, longest English first (so longer terms win)."""
        pairs = [(t, t.targets[language]) for t in self.terms if language in t.targets]
        return sorted(pairs, key=lambda pair: -len(pair[0].source))

    def matches(self, text: str, language: str) -> list[tuple[Term, str]]:
        """Terms (with their rendering) whose English occurs in ``text``, longest first."""
        return [
            (t, target) for t, target in self.for_language(language) if t.pattern().search(text)
        ]


def parse_glossary(text: str, path: Path | None = None) -> Glossary:
    """Parse glossary TOML; malformed terms are refused with the file named."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ProjectError(f"invalid glossary TOML: {exc}", path=path) from exc
    raw_terms = data.get("term", [])
    if not isinstance(raw_terms, list):
        raise ProjectError("'term' must be an array of tables ([[term]])", path=path)
    terms = [_term_from(raw, index, path) for index, raw in enumerate(raw_terms, 1)]
    return Glossary(terms=tuple(terms))


def _term_from(raw: Any, index: int, path: Path | None) -> Term:
    if not isinstance(raw, dict) or not isinstance(raw.get("en"), str) or not raw["en"].strip():
        raise ProjectError(f"glossary term #{index} needs a non-empty 'en'", path=path)
    reserved = {"en", "forbidden", "note", "case-sensitive"}
    targets = {k: v for k, v in raw.items() if k not in reserved}
    if not all(isinstance(v, str) for v in targets.values()):
        raise ProjectError(f"glossary term #{index}: renderings must be strings", path=path)
    forbidden_raw = raw.get("forbidden", {})
    if not isinstance(forbidden_raw, dict):
        raise ProjectError(f"glossary term #{index}: 'forbidden' must be a table", path=path)
    forbidden = {lang: tuple(str(x) for x in values) for lang, values in forbidden_raw.items()}
    return Term(
        source=raw["en"],
        targets=targets,
        forbidden=forbidden,
        note=str(raw.get("note", "")),
        case_sensitive=bool(raw.get("case-sensitive", True)),
    )


def load_glossary(path: Path | None) -> Glossary:
    """The glossary at ``path`` (empty when there is none)."""
    if path is None or not path.is_file():
        return Glossary()
    from editions.fsio import read_utf8

    return parse_glossary(read_utf8(path), path)
