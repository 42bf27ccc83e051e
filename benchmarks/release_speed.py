"""Benchmark: ``editions release`` of the press release and of a 200-document project.

Each project is released twice into a fresh ``dist/``: the first release gates, builds every
edition (Markdown, HTML, bilingual HTML, PDF, bilingual PDF, plain text: 10 files per
document in English and Simplified Chinese), prints the PDFs with headless Chromium and
writes the archive; the second release has nothing new to build and reuses the editions
(target: under 10% of the first). The PDF share is the wall-clock time spent printing
(``chromium.print_pages``, wrapped). The 200 documents are the press release's paragraphs
in a shuffled order under a numbered headline, with the reviewed Chinese catalog entries
they need, so every PDF sets real CJK text.

The anchor is the first release; ``speedup`` = first release / no-change second release
(on the 200-document project).

    python benchmarks/release_speed.py [--documents 200]
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path

from editions.catalog import Catalog, Entry
from editions.pofile import catalog_text, load_catalog
from editions.project import find_project
from editions.release import Release, release
from editions.render import chromium
from editions.workflow import extract, update

REPO = Path(__file__).resolve().parents[1]
SOURCE = REPO / "source" / "deepblue-quzhou.md"
CATALOG = REPO / "locales" / "zh_CN" / "LC_MESSAGES" / "deepblue-quzhou.po"
CONFIG = '[editions]\nlanguages = ["zh_CN"]\n[editions.release]\nname = "bench"\nversion = "1"\n'


class PrintClock:
    """Adds up the wall-clock seconds spent printing PDFs (``chromium.print_pages``)."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self.pages = 0
        self._original = chromium.print_pages

    def __enter__(self) -> PrintClock:
        clock = self

        def timed(pages: list[Path], executable: str, workers: int = 0) -> tuple[list[bytes], str]:
            started = time.perf_counter()
            try:
                return clock._original(pages, executable, workers)
            finally:
                clock.seconds += time.perf_counter() - started
                clock.pages += len(pages)

        chromium.print_pages = timed
        return self

    def __exit__(self, *exc: object) -> None:
        chromium.print_pages = self._original


def press_release(root: Path) -> None:
    (root / "source").mkdir(parents=True)
    (root / "editions.toml").write_text(CONFIG, encoding="utf-8")
    (root / "source" / "deepblue-quzhou.md").write_bytes(SOURCE.read_bytes())
    po = root / "locales" / "zh_CN" / "LC_MESSAGES" / "deepblue-quzhou.po"
    po.parent.mkdir(parents=True)
    po.write_bytes(CATALOG.read_bytes())
    extract(find_project(explicit=root))


def corpus(root: Path, count: int) -> None:
    rng = random.Random(20181128)
    reviewed = {e.msgid: e.msgstr for e in load_catalog(CATALOG).entries if e.reviewed}
    headline, *paragraphs = [p for p in SOURCE.read_text(encoding="utf-8").split("\n\n") if p]
    headline = headline.removeprefix("# ").strip()
    (root / "source").mkdir(parents=True)
    (root / "editions.toml").write_text(CONFIG, encoding="utf-8")
    headers = (("Language", "zh_CN"), ("Content-Type", "text/plain; charset=UTF-8"))
    for number in range(count):
        chosen = rng.sample(paragraphs, rng.randint(3, len(paragraphs)))
        title = f"Report {number}: {headline}"
        text = f"# {title}\n\n" + "\n\n".join(p.strip() for p in chosen) + "\n"
        name = f"report-{number:04d}"
        (root / "source" / f"{name}.md").write_text(text, encoding="utf-8")
        entries = [Entry(msgid=title, msgstr=f"第{number}号报告：{reviewed[headline]}")]
        entries += [Entry(msgid=p.strip(), msgstr=reviewed[p.strip()]) for p in chosen]
        po = root / "locales" / "zh_CN" / "LC_MESSAGES" / f"{name}.po"
        po.parent.mkdir(parents=True, exist_ok=True)
        po.write_text(catalog_text(Catalog(headers=headers, entries=tuple(entries))), "utf-8")
    project = find_project(explicit=root)
    extract(project)
    update(project)  # references and comments from the template, as a real project has


def timed_release(root: Path) -> tuple[float, float, int, Release]:
    with PrintClock() as clock:
        started = time.perf_counter()
        made = release(find_project(explicit=root))
        seconds = time.perf_counter() - started
    return seconds, clock.seconds, clock.pages, made


def report(label: str, root: Path) -> tuple[float, float]:
    first, printing, pages, made = timed_release(root)
    files = len(made.manifest["files"])
    size = made.archive.stat().st_size / 1024
    print(
        f"{label}: first release   {first:8.2f} s  {len(made.build.built)} editions built, "
        f"{pages} PDFs printed; PDF share {printing:.2f} s ({100 * printing / first:.0f}%); "
        f"archive {files} files, {size:.0f} KiB"
    )
    second, _, pages, again = timed_release(root)
    assert not again.archive_written and again.archive.read_bytes() == made.archive.read_bytes()
    print(
        f"{label}: no-change again {second:8.2f} s  {len(again.build.built)} built, "
        f"{len(again.build.unchanged)} reused, {pages} printed, archive identical: True "
        f"({100 * second / first:.1f}% of the first; target < 10%)"
    )
    return first, second


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        press = Path(tmp) / "press"
        press_release(press)
        report("press release (1 document)", press)
        big = Path(tmp) / "corpus"
        started = time.perf_counter()
        corpus(big, args.documents)
        print(f"generated {args.documents} documents in {time.perf_counter() - started:.1f} s")
        first, second = report(f"{args.documents} documents", big)
    print(f"speedup: {first / second:.1f}")


if __name__ == "__main__":
    main()
