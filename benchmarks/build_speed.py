"""Benchmark: full build of 1,000 documents, 2 languages, 2 formats; then a no-change rebuild.

Generates its own project (English sources plus complete, reviewed catalogs in zh_CN and
fr), runs ``editions.render.build`` for Markdown and HTML into an empty folder (the full
build: 1,000 documents x 3 editions (English included) x 2 formats = 6,000 files plus the
index), then runs the same build again with nothing changed. Target: the no-change rebuild
takes under 5% of the full build and writes no file. The anchor is the full build:
``speedup`` = full build time / no-change rebuild time. Finally one catalog is edited and
the rebuild time for that single change is printed (informational).

    python benchmarks/build_speed.py [--documents 1000]
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path

from editions.catalog import Catalog, Entry
from editions.pofile import catalog_text
from editions.project import find_project
from editions.render import build
from editions.segment import segment_document

WORDS = tuple(
    [
        "digital",
        "economy",
        "city",
        "platform",
        "research",
        "institute",
        "cooperation",
        "machine",
        "vision",
        "robot",
        "service",
        "logistics",
        "patrol",
        "cleaning",
        "pilot",
        "area",
        "data",
        "camera",
        "center",
        "department",
        "future",
        "technology",
        "talent",
        "capital",
        "expert",
        "committee",
        "conference",
        "agreement",
        "province",
        "public",
        "road",
    ]
)
LANGUAGES = {"zh_CN": "【{}】", "fr": "« {} »"}


def sentence(rng: random.Random) -> str:
    words = rng.sample(WORDS, rng.randint(8, 16))
    words[rng.randrange(len(words))] = f"**{words[0]}**"
    return " ".join(words).capitalize() + "."


def document(rng: random.Random, number: int) -> str:
    parts = [f"---\ntitle: Report {number}\ndate: 2018-11-{1 + number % 28:02d}\n---\n"]
    parts.append(f"# Report {number}: {sentence(rng)}\n")
    for _ in range(rng.randint(6, 10)):
        parts.append(" ".join(sentence(rng) for _ in range(rng.randint(2, 4))) + "\n")
    parts.append("".join(f"- {sentence(rng)}\n" for _ in range(3)))
    parts.append(f"See [the website](https://example.com/{number}) for {sentence(rng)}\n")
    return "\n".join(parts)


def catalog_for(source: str, language: str) -> str:
    pattern = LANGUAGES[language]
    entries = tuple(
        Entry(msgid=segment.msgid, msgstr=pattern.format(segment.msgid))
        for segment in {s.msgid: s for s in segment_document(source)}.values()
    )
    headers = (("Language", language), ("Content-Type", "text/plain; charset=UTF-8"))
    return catalog_text(Catalog(headers=headers, entries=entries))


def generate(root: Path, count: int) -> None:
    rng = random.Random(20181128)
    (root / "source").mkdir(parents=True)
    languages = ", ".join(f'"{lang}"' for lang in LANGUAGES)
    (root / "editions.toml").write_text(f"[editions]\nlanguages = [{languages}]\n", "utf-8")
    for number in range(count):
        name = f"report-{number:04d}"
        text = document(rng, number)
        (root / "source" / f"{name}.md").write_text(text, encoding="utf-8")
        for language in LANGUAGES:
            path = root / "locales" / language / "LC_MESSAGES" / f"{name}.po"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(catalog_for(text, language), encoding="utf-8")


def files_under(folder: Path) -> dict[str, int]:
    return {str(p): p.stat().st_mtime_ns for p in folder.rglob("*") if p.is_file()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        started = time.perf_counter()
        generate(root, args.documents)
        print(
            f"generated {args.documents} documents with catalogs in {', '.join(LANGUAGES)} "
            f"in {time.perf_counter() - started:.1f} s"
        )
        project = find_project(explicit=root)
        out = root / "build"
        formats = ["md", "html"]

        started = time.perf_counter()
        full = build(project, formats=formats, out_dir=out)
        full_time = time.perf_counter() - started
        assert not full.unpublished, full.unpublished[:1]
        print(
            f"full build:        {full_time:8.2f} s  {len(full.built)} editions written "
            f"({1000 * full_time / args.documents:.1f} ms per document, "
            f"{1000 * full_time / len(full.built):.2f} ms per edition)"
        )

        before = files_under(out)
        started = time.perf_counter()
        again = build(project, formats=formats, out_dir=out)
        rebuild_time = time.perf_counter() - started
        unchanged = files_under(out) == before
        print(
            f"no-change rebuild: {rebuild_time:8.2f} s  {len(again.built)} written, "
            f"{len(again.unchanged)} unchanged, files untouched: {unchanged} "
            f"({100 * rebuild_time / full_time:.1f}% of the full build; target < 5%)"
        )

        po = root / "locales" / "zh_CN" / "LC_MESSAGES" / "report-0000.po"
        po.write_text(po.read_text("utf-8").replace("【", "〔", 1), encoding="utf-8")
        started = time.perf_counter()
        one = build(project, formats=formats, out_dir=out)
        one_time = time.perf_counter() - started
        print(
            f"one catalog edited: {one_time:7.2f} s  rebuilt "
            f"{sorted(e.path.relative_to(out).as_posix() for e in one.built)}"
        )
        print(f"speedup: {full_time / rebuild_time:.1f}")


if __name__ == "__main__":
    main()
