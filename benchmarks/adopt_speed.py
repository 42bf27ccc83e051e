"""Benchmark: ``editions adopt`` of an old 4,000-entry catalog into a 600-document project,
against GNU ``msgmerge --previous`` of the same old catalog against the project's POT.

Generates the book of ``tests/site_support.py`` (600 nested documents and a SUMMARY.md,
three more paragraphs each),
extracts and updates its zh_CN catalogs, then writes the old catalog the way
``mdbook-xgettext`` does (one catalog for the book, ``#: src/FILE:LINE``, SUMMARY lines as
their link text only; every entry translated, one in ten fuzzy). Ours: ``adopt`` into the
600 empty catalogs (exact, normalised and near matching, the markup checks on carried
links, atomic writes). Anchor: ``msgmerge --previous OLD.po PROJECT.pot``, the project's
POTs concatenated by ``msgcat`` first (not timed): it also matches the old translations to
the new English (exactly or fuzzily), into one file. Target: under 10 s.

    python benchmarks/adopt_speed.py [--documents 600]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from editions.adopt import How, adopt  # noqa: E402
from editions.project import find_project  # noqa: E402
from editions.workflow import extract, update  # noqa: E402
from tests.site_support import write_tree  # noqa: E402
from tests.test_adopt import mdbook_catalog  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--documents", type=int, default=600)
    args = parser.parse_args()
    for tool in ("msgmerge", "msgcat"):
        if shutil.which(tool) is None:
            raise SystemExit(f"{tool} is the anchor: apt-get install gettext")
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "editions.toml").write_text(
            '[editions]\nsource-language = "en"\nlanguages = ["zh_CN"]\n', encoding="utf-8"
        )
        write_tree(root / "source", args.documents)
        for index, path in enumerate(sorted((root / "source").rglob("*.md"))):
            extra = "".join(
                f"\nParagraph {k} of document {index} explains step {k}, wrapped\n"
                f"the way a writer wraps it, with a [link](#setup) and `code {k}`.\n"
                for k in range(1, 4)
            )
            with path.open("a", encoding="utf-8") as handle:
                handle.write(extra)
        project = find_project(explicit=root)
        extract(project)
        update(project, "zh_CN")
        old = mdbook_catalog(project, root / "old.po")
        entries = old.read_text(encoding="utf-8").count("\nmsgid ") - 1
        pot = root / "project.pot"
        pots = sorted(str(p) for p in project.locales_dir.glob("*.pot"))
        subprocess.run(["msgcat", "--use-first", "-o", str(pot), *pots], check=True)

        started = time.perf_counter()
        report = adopt(project, [old], "zh_CN")
        ours = time.perf_counter() - started

        started = time.perf_counter()
        subprocess.run(
            [
                "msgmerge",
                "--quiet",
                "--previous",
                "-o",
                str(root / "merged.po"),
                str(old),
                str(pot),
            ],
            check=True,
        )
        anchor = time.perf_counter() - started

        carried = sum(d.reviewed_carried for d in report.documents)
        print(
            f"old catalog: {entries} entries (mdbook-xgettext form, {report.old_reviewed} "
            f"reviewed); project: {args.documents + 1} documents"
        )
        print(
            f"ours   editions adopt: {ours:6.2f} s  ({report.total(How.EXACT)} exact, "
            f"{report.total(How.NORMALISED)} normalised, {report.total(How.NEAR)} as fuzzy, "
            f"{report.total(How.NOT_FOUND)} not found; {carried} reviewed carried; "
            f"{len(report.written)} catalogs written; target < 10 s)"
        )
        print(f"anchor msgmerge --previous OLD.po PROJECT.pot: {anchor:6.2f} s (one file)")
        print(f"speedup: {anchor / ours:.2f}")


if __name__ == "__main__":
    main()
