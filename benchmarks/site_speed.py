"""Benchmark: a 600-document nested book built as a site, against MkDocs in the same run.

Generates the book the site tests use (``tests/site_support.py``: documents two and three
folders deep, links between them with anchors, reference definitions, raw-HTML and Markdown
images, a ``SUMMARY.md``; zh_CN catalogs made by extract and update, filled with reviewed
text). Then, each in an empty output folder:

- ours, English: ``editions.render.build(languages=["en"], formats=["html"])``, 600 pages
  with the table of contents, links rewritten, images copied (like for like with MkDocs);
- ours, both languages: the same for en and zh_CN (1,200 pages), then the same build again
  with nothing changed (no-change rebuild);
- anchor: ``mkdocs build`` (the ``mkdocs`` theme, ``use_directory_urls: false``) of the same
  600 English sources, in process, best of ``--runs``.

``speedup`` = MkDocs time / our English build time. Targets: the full build at least as fast
as MkDocs; the no-change rebuild under 5% of the full build.

    pip install -e '.[bench]'      # MkDocs, a benchmark-only dependency
    python benchmarks/site_speed.py [--documents 600] [--runs 3]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from editions.project import find_project  # noqa: E402
from editions.render import build  # noqa: E402
from tests.site_support import make_book  # noqa: E402


def best(runs: int, setup: Callable[[], None], work: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        setup()
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def mkdocs_build(root: Path, site: Path) -> None:
    from mkdocs.commands.build import build as mkdocs
    from mkdocs.config import load_config

    config_file = root / "mkdocs.yml"
    config_file.write_text(
        "site_name: Book\ndocs_dir: source\ntheme:\n  name: mkdocs\n"
        "use_directory_urls: false\nexclude_docs: |\n  SUMMARY.md\n",
        encoding="utf-8",
    )
    mkdocs(load_config(config_file=str(config_file), site_dir=str(site)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--documents", type=int, default=600)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    try:
        import mkdocs  # noqa: F401
    except ImportError:
        raise SystemExit("MkDocs is the anchor: pip install -e '.[bench]'") from None
    import logging

    logging.getLogger("mkdocs").setLevel(logging.ERROR)  # its link warnings, not our timing
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "book"
        root.mkdir()
        started = time.perf_counter()
        make_book(root, documents=args.documents)
        print(
            f"book: {args.documents} documents + SUMMARY.md, nested 2-3 folders, "
            f"zh_CN reviewed (made in {time.perf_counter() - started:.1f} s)"
        )
        project = find_project(explicit=root)
        site = root / "site"

        def clean(path: Path) -> Callable[[], None]:
            return lambda: shutil.rmtree(path, ignore_errors=True)

        english = best(
            args.runs,
            clean(project.build_dir),
            lambda: build(project, languages=["en"], formats=["html"]),
        )
        pages = len(list((project.build_dir / "en").rglob("*.html")))
        both = best(args.runs, clean(project.build_dir), lambda: build(project, formats=["html"]))
        total = len(list(project.build_dir.rglob("*.html")))
        again = best(args.runs, lambda: None, lambda: build(project, formats=["html"]))
        anchor = best(args.runs, clean(site), lambda: mkdocs_build(root, site))
        mkdocs_pages = len(list(site.rglob("*.html")))
        print(f"ours   English HTML ({pages} pages):              {english:7.2f} s")
        print(f"ours   en + zh_CN HTML ({total} pages incl. index): {both:7.2f} s")
        print(
            f"ours   no-change rebuild:                        {again:7.2f} s "
            f"({100 * again / both:.1f}% of the full build; target < 5%)"
        )
        print(f"anchor mkdocs build ({mkdocs_pages} pages incl. its own): {anchor:7.2f} s")
        print(f"best of {args.runs} runs each, same machine, same run")
        print(f"speedup: {anchor / english:.2f}")


if __name__ == "__main__":
    main()
