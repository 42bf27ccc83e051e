"""Helpers for the renderer's tests: throwaway projects, catalogs and page inspection."""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from pathlib import Path

import html5lib

from editions.catalog import FUZZY, Catalog, Entry
from editions.pofile import catalog_text
from editions.project import Project, find_project

REPO = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data" / "render"
PRESS_RELEASE = REPO / "source" / "deepblue-quzhou.md"
PRESS_CATALOG = REPO / "locales" / "zh_CN" / "LC_MESSAGES" / "deepblue-quzhou.po"
"""The reviewed Simplified Chinese catalog of the press release, as the project ships it."""
UPDATE_GOLDEN = os.environ.get("EDITIONS_UPDATE_GOLDEN") == "1"


def make_project(
    root: Path,
    sources: Mapping[str, str],
    catalogs: Mapping[tuple[str, str], str] = {},
    languages: Iterable[str] = ("zh_CN",),
    extra_config: str = "",
) -> Project:
    """A project under ``root``: ``sources`` {name: Markdown}, ``catalogs`` {(lang, name): PO}."""
    (root / "source").mkdir(parents=True, exist_ok=True)
    (root / "locales").mkdir(exist_ok=True)
    langs = ", ".join(f'"{lang}"' for lang in languages)
    (root / "editions.toml").write_text(
        f'[editions]\nsource-language = "en"\nlanguages = [{langs}]\n{extra_config}',
        encoding="utf-8",
    )
    for name, text in sources.items():
        (root / "source" / f"{name}.md").write_text(text, encoding="utf-8")
    for (language, name), text in catalogs.items():
        path = root / "locales" / language / "LC_MESSAGES" / f"{name}.po"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return find_project(explicit=root)


def po(language: str, translations: Mapping[str, str | tuple[str, bool]]) -> str:
    """PO text for ``language``: {msgid: msgstr} or {msgid: (msgstr, fuzzy)}."""
    entries = []
    for msgid, value in translations.items():
        msgstr, fuzzy = value if isinstance(value, tuple) else (value, False)
        entries.append(Entry(msgid=msgid, msgstr=msgstr, flags=(FUZZY,) if fuzzy else ()))
    catalog = Catalog(
        headers=(
            ("Language", language),
            ("MIME-Version", "1.0"),
            ("Content-Type", "text/plain; charset=UTF-8"),
            ("Content-Transfer-Encoding", "8bit"),
        ),
        entries=tuple(entries),
    )
    return catalog_text(catalog)


def press_release_project(root: Path, languages: Iterable[str] = ("zh_CN",)) -> Project:
    return make_project(
        root,
        {"deepblue-quzhou": PRESS_RELEASE.read_text(encoding="utf-8")},
        {("zh_CN", "deepblue-quzhou"): PRESS_CATALOG.read_text(encoding="utf-8")},
        languages=languages,
    )


def parse_page(path: Path) -> html5lib.treebuilders.etree.Element:  # type: ignore[name-defined]
    """The page parsed by html5lib in strict mode: any parse error raises."""
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    return parser.parse(path.read_bytes())


def snapshot(folder: Path) -> dict[str, tuple[int, bytes]]:
    """Every file under ``folder`` with its mtime and bytes."""
    return {
        p.relative_to(folder).as_posix(): (p.stat().st_mtime_ns, p.read_bytes())
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }
