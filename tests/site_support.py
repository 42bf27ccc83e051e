"""A generated book: hundreds of nested Markdown documents with links between them, anchors,
reference definitions, raw-HTML and Markdown images, and a ``SUMMARY.md``; its Chinese
catalogs made by the real pipeline (extract, update) and filled with reviewed text.

Used by the site tests and by ``benchmarks/site_speed.py`` (which builds the same tree with
MkDocs). Deterministic: the same arguments give the same bytes.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from editions.pofile import load_catalog, save_catalog
from editions.project import Project, find_project
from editions.workflow import extract, update

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00"
    b"\x00\x00\x00IEND\xaeB`\x82"
)
SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20">'
    '<rect width="40" height="20" fill="#1a5fb4"/></svg>\n'
)


def page_names(documents: int) -> list[str]:
    """Pages of the book, nested two and three folders deep: ``part-2/ch-3/section-4``."""
    names: list[str] = []
    part = 0
    while len(names) < documents:
        part += 1
        names.append(f"part-{part}/index")
        for chapter in range(1, 5):
            for section in range(1, 6):
                if len(names) < documents:
                    names.append(f"part-{part}/ch-{chapter}/section-{section}")
    return names[:documents]


def _relative(origin: str, target: str) -> str:
    here, there = origin.split("/")[:-1], target.split("/")
    common = 0
    while common < len(here) and common < len(there) - 1 and here[common] == there[common]:
        common += 1
    return "/".join([".."] * (len(here) - common) + there[common:])


def document_text(names: list[str], index: int) -> str:
    """One chapter: headings, paragraphs linking the next and previous pages (inline, with
    an anchor, by reference), a raw-HTML image beside it and a shared Markdown image."""
    name = names[index]
    after = names[(index + 1) % len(names)]
    before = names[index - 1]
    far = names[(index * 7 + 3) % len(names)]
    shared = _relative(name, "images/shared.png")
    return (
        f"# Chapter {index + 1}: {name.replace('/', ' ')}\n\n"
        f"This is chapter {index + 1}. Read [the next chapter]({_relative(name, after)}.md) "
        f"or go back to [its setup]({_relative(name, before)}.md#setup).\n\n"
        f'<img src="diagram-{index}.svg" alt="Diagram {index + 1}">\n\n'
        "## Setup\n\n"
        f"See also [the far chapter][far] and ![the shared figure]({shared}).\n\n"
        "## Details {#details}\n\n"
        f"The details of chapter {index + 1} are at <https://example.org/{index}> and in "
        f'<a href="{_relative(name, far)}.md#details">the far details</a>.\n\n'
        f"[far]: {_relative(name, far)}.md\n"
    )


def summary_text(names: list[str]) -> str:
    """mdBook's table of contents: parts as headings, chapters as nested links."""
    lines = ["# Summary", ""]
    part = ""
    for index, name in enumerate(names):
        folders = name.split("/")
        if folders[0] != part:
            part = folders[0]
            lines += ["", f"# Part {part.split('-')[1]}", ""]
        depth = 0 if folders[-1] == "index" else 1
        lines.append(f"{'  ' * depth}- [Chapter {index + 1}]({name}.md)")
    return "\n".join(lines) + "\n"


def write_tree(source: Path, documents: int) -> list[str]:
    """The book's English sources under ``source`` (images included); the page names."""
    names = page_names(documents)
    (source / "images").mkdir(parents=True, exist_ok=True)
    (source / "images" / "shared.png").write_bytes(PNG)
    for index, name in enumerate(names):
        path = source / f"{name}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(document_text(names, index), encoding="utf-8")
        (path.parent / f"diagram-{index}.svg").write_text(SVG, encoding="utf-8")
    (source / "SUMMARY.md").write_text(summary_text(names), encoding="utf-8")
    return names


def chinese(msgid: str) -> str:
    """A stand-in reviewed translation that keeps every link, image and code span (link
    texts translated too, as a translator would)."""
    return "译文：" + msgid.replace("Chapter ", "章节 ").replace("Part ", "部分 ")


def make_book(root: Path, documents: int = 300, untranslated: tuple[int, ...] = (5,)) -> Project:
    """A project with the generated book and reviewed zh_CN catalogs; the documents at
    ``untranslated`` positions are left without translations (below the threshold)."""
    (root / "editions.toml").write_text(
        '[editions]\nsource-language = "en"\nlanguages = ["zh_CN"]\n', encoding="utf-8"
    )
    names = write_tree(root / "source", documents)
    project = find_project(explicit=root)
    extract(project)
    update(project, "zh_CN")
    skipped = {project.domain_of(root / "source" / f"{names[i]}.md") for i in untranslated}
    for path in sorted((root / "locales" / "zh_CN" / "LC_MESSAGES").glob("*.po")):
        if path.stem in skipped:
            continue
        catalog = load_catalog(path)
        entries = tuple(
            dataclasses.replace(entry, msgstr=chinese(entry.msgid), flags=())
            for entry in catalog.entries
        )
        save_catalog(path, dataclasses.replace(catalog, entries=entries))
    return project
