"""Benchmark: `editions update` against GNU msgmerge on the same POT/PO pairs.

Generates a project of 1,000 documents / 50,000 paragraphs, extracts and translates it, then
rewords 10% of the paragraphs, extracts again and merges every catalog twice in one run:
once with our update, once with `msgmerge --previous` (the anchor). Prints both times, whether
the two agree on every kept / fuzzy / obsolete decision, and `speedup: X` (msgmerge / ours).

Run: python benchmarks/update_speed.py [--documents N] [--paragraphs N]
"""

from __future__ import annotations

import argparse
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from editions.pofile import load_catalog, save_catalog
from editions.project import find_project
from editions.workflow import extract, update

WORDS = (
    "the city council signed a strategic agreement with technology company to build new "
    "public roads for self-driving cars robots retail logistics patrol cleaning machine vision "
    "research institute digital economy data center cameras every day more than million "
    "pieces of information collected departments experts conference ceremony province "
    "region development cooperation future platform service pilot area industrial"
).split()


def sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 18))]
    return " ".join(words).capitalize() + "."


def paragraph(rng: random.Random) -> str:
    return " ".join(sentence(rng) for _ in range(rng.randint(1, 3)))


def reword(text: str, rng: random.Random) -> str:
    words = text.split(" ")
    for _ in range(2):
        index = rng.randrange(len(words) - 1)
        words[index] = rng.choice(WORDS)
    return " ".join(words)


def write_sources(root: Path, documents: list[list[str]]) -> None:
    for number, blocks in enumerate(documents):
        text = f"# Report {number}\n\n" + "\n\n".join(blocks) + "\n"
        (root / "source" / f"doc{number:04d}.md").write_text(text, encoding="utf-8")


def summary(path: Path) -> list[tuple[str, str, bool, str | None, bool]]:
    return sorted(
        (e.msgid, e.msgstr, e.fuzzy, e.previous_msgid, e.obsolete)
        for e in load_catalog(path).entries
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--paragraphs", type=int, default=50)
    parser.add_argument("--changed", type=float, default=0.10)
    args = parser.parse_args()
    if shutil.which("msgmerge") is None:
        print("msgmerge not found: apt-get install gettext", file=sys.stderr)
        return 2
    rng = random.Random(20181128)
    documents = [[paragraph(rng) for _ in range(args.paragraphs)] for _ in range(args.documents)]
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "source").mkdir()
        (root / "editions.toml").write_text('[editions]\nlanguages = ["zh_CN"]\n')
        project = find_project(explicit=root)
        write_sources(root, documents)
        extract(project)
        update(project, "zh_CN")
        old_dir = root / "old"
        old_dir.mkdir()
        for po in sorted((root / "locales" / "zh_CN" / "LC_MESSAGES").glob("*.po")):
            catalog = load_catalog(po)
            catalog = catalog.replace_entries(
                e.replace(msgstr="译文" + e.msgid[::-1]) for e in catalog.entries
            )
            save_catalog(po, catalog)
            shutil.copy(po, old_dir / po.name)

        changed = 0
        for blocks in documents:
            for index in range(len(blocks)):
                if rng.random() < args.changed:
                    blocks[index] = reword(blocks[index], rng)
                    changed += 1
        write_sources(root, documents)
        start = time.perf_counter()
        extract(project)
        extract_seconds = time.perf_counter() - start

        start = time.perf_counter()
        update(project, "zh_CN")
        ours = time.perf_counter() - start

        gnu_dir = root / "gnu"
        gnu_dir.mkdir()
        start = time.perf_counter()
        for old in sorted(old_dir.glob("*.po")):
            subprocess.run(
                [
                    "msgmerge",
                    "--previous",
                    "--no-wrap",
                    "-q",
                    "-o",
                    str(gnu_dir / old.name),
                    str(old),
                    str(project.pot_path(old.stem)),
                ],
                check=True,
            )
        gnu = time.perf_counter() - start

        ours_dir = root / "locales" / "zh_CN" / "LC_MESSAGES"
        agree = sum(
            summary(ours_dir / old.name) == summary(gnu_dir / old.name)
            for old in sorted(old_dir.glob("*.po"))
        )
    paragraphs = args.documents * args.paragraphs
    print(f"corpus: {args.documents} documents, {paragraphs} paragraphs, {changed} reworded")
    print(f"editions extract (all documents):   {extract_seconds:8.2f} s")
    print(f"editions update (all catalogs):     {ours:8.2f} s")
    print(f"msgmerge --previous (all catalogs): {gnu:8.2f} s")
    print(f"same kept/fuzzy/obsolete decisions as msgmerge: {agree}/{args.documents} catalogs")
    print(f"speedup: {gnu / ours:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
