"""Benchmark: XLIFF export and import of a 50,000-entry catalog, against translate-toolkit.

One generated zh_CN catalog (50,000 entries: Markdown paragraphs with links, emphasis and
code spans; every state: untranslated, machine drafts, outdated, translated, reviewed),
timed in the same run:

- ours: ``editions.interop.xliff.export_xliff`` (catalog -> XLIFF 1.2, inline markup as
  protected codes) and ``import_xliff`` of that file (every unit compared with its entry;
  nothing changed, so nothing written; the XML is read in a forked process meanwhile the
  catalog is read); also timed, not counted: the import of the file with one unit in
  twenty edited by a CAT tool (new target, signed off), which rewrites the catalog;
- anchor: translate-toolkit's ``po2xliff`` and ``xliff2po`` on the same catalog and on the
  XLIFF po2xliff wrote (its command-line converters, called in this process).

Each step runs three times and its best time counts, on both sides. Our export renders
the units of a catalog this big in one forked process per CPU (the anchor uses one); the
output also gives the time with one process. Our round trip is checked byte-identical;
the XLIFF is validated against the XLIFF 1.2 strict schema (validation not timed). Ends
with ``speedup:`` = anchor (po2xliff + xliff2po) / ours (export + import).

    python benchmarks/interop_speed.py [--entries 50000]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from editions.catalog import FUZZY, Catalog, Entry  # noqa: E402
from editions.interop import xliff  # noqa: E402
from editions.interop.xliff import export_xliff, import_xliff, validate  # noqa: E402
from editions.pofile import catalog_text  # noqa: E402
from editions.project import find_project  # noqa: E402

T = TypeVar("T")
WORDS = (
    "digital economy city platform research institute cooperation machine vision robot "
    "service logistics patrol cleaning pilot area data camera center department future"
).split()


def entries(count: int) -> list[Entry]:
    rng = random.Random(20181128)
    made = []
    for number in range(count):
        words = rng.sample(WORDS, 10)
        msgid = (
            f"Paragraph {number}: the **{words[0]}** {' '.join(words[1:5])} "
            f"[{words[5]}](https://example.com/{number}) and `{words[6]}` {' '.join(words[7:])}."
        )
        msgstr = f"第{number}段：**{words[0]}**[链接](https://example.com/{number})和`{words[6]}`。"
        kind = number % 5
        common = {"msgid": msgid, "references": (f"source/doc.md:{number + 1}",), "line": 0}
        if kind == 0:
            made.append(Entry(**common))  # type: ignore[arg-type]
        elif kind == 1:
            made.append(Entry(**common, msgstr=msgstr, flags=(FUZZY,),  # type: ignore[arg-type]
                              translator_comments=(f"machine-draft: engine=argos/1 model=m/1 "
                                                   f"source={number:08x}",
                                                   f"machine-draft-text: {msgstr}")))  # fmt: skip
        elif kind == 2:
            made.append(Entry(**common, msgstr=msgstr, flags=(FUZZY,),  # type: ignore[arg-type]
                              previous_msgid=msgid.replace("Paragraph", "Para")))  # fmt: skip
        elif kind == 3:
            made.append(Entry(**common, msgstr=msgstr))  # type: ignore[arg-type]
        else:
            approval = ("reviewed-by: Li <li@x> 2026-12-01T10:00Z",)
            made.append(Entry(**common, msgstr=msgstr, translator_comments=approval))  # type: ignore[arg-type]
    return made


ROUNDS = 3
"""Each of the four steps runs this many times; the best time counts (for both sides)."""


def best_of(rounds: int, step: Callable[[], T]) -> tuple[float, T]:
    best = float("inf")
    for _ in range(rounds):
        started = time.perf_counter()
        result = step()
        best = min(best, time.perf_counter() - started)
    return best, result


def _cat_edited(data: bytes, every: int) -> tuple[bytes, int]:
    """``data`` with every ``every``-th translated unit given a new target, signed off."""
    import re

    count = 0

    def edit(match: re.Match[bytes]) -> bytes:
        nonlocal count
        count += 1
        if count % every:
            return match.group(0)
        return b'<target state="signed-off">' + "修订版。".encode() + b"</target>"

    edited = re.sub(rb"<target state=[^>]*>.*?</target>", edit, data)
    return edited, count // every


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=50_000)
    args = parser.parse_args()
    from translate.convert import po2xliff, xliff2po

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "proj"
        (root / "source").mkdir(parents=True)
        (root / "editions.toml").write_text('[editions]\nlanguages = ["zh_CN"]\n', "utf-8")
        project = find_project(explicit=root)
        po = project.po_path("zh_CN", "doc")
        po.parent.mkdir(parents=True)
        headers = (("Language", "zh_CN"), ("Content-Type", "text/plain; charset=UTF-8"))
        po.write_text(catalog_text(Catalog(headers=headers, entries=tuple(entries(args.entries)))))
        before = po.read_bytes()
        print(f"catalog: {args.entries} entries, {len(before) / 1e6:.1f} MB")

        export_time, data = best_of(ROUNDS, lambda: export_xliff(project, [po]))
        threshold = xliff.PARALLEL_UNITS
        xliff.PARALLEL_UNITS = sys.maxsize
        one_process, _ = best_of(ROUNDS, lambda: export_xliff(project, [po]))
        xliff.PARALLEL_UNITS = threshold
        import_time, report = best_of(ROUNDS, lambda: import_xliff(project, data))
        assert report.unchanged == args.entries and not report.conflicts
        identical = po.read_bytes() == before
        errors = validate(data)
        print(
            f"ours:   export {export_time:6.2f} s, import {import_time:6.2f} s "
            f"(po -> xlf -> po byte-identical: {identical}; schema errors: {len(errors)})"
        )

        # what a CAT tool sends back: one unit in twenty with a new, signed-off target
        edited, count = _cat_edited(data, every=20)
        edited_times = []
        for _ in range(ROUNDS):
            po.write_bytes(before)
            started = time.perf_counter()
            edited_report = import_xliff(project, edited)
            edited_times.append(time.perf_counter() - started)
        assert edited_report.changed[po] == count and not edited_report.conflicts
        po.write_bytes(before)
        print(f"        import of the file with {count} units edited by a CAT tool "
              f"{min(edited_times):6.2f} s (the catalog rewritten)")  # fmt: skip

        xlf = Path(tmp) / "tt.xlf"
        back = Path(tmp) / "tt.po"
        anchor_export, _ = best_of(
            ROUNDS, lambda: po2xliff.main(["--progress=none", "-i", str(po), "-o", str(xlf)])
        )
        anchor_import, _ = best_of(
            ROUNDS, lambda: xliff2po.main(["--progress=none", "-i", str(xlf), "-o", str(back)])
        )
        print(f"anchor: po2xliff {anchor_export:6.2f} s, xliff2po {anchor_import:6.2f} s "
              f"(translate-toolkit; its po -> xlf -> po byte-identical: "
              f"{back.read_bytes() == before})")  # fmt: skip
        single = (anchor_export + anchor_import) / (one_process + import_time)
        print(f"        export in one process {one_process:6.2f} s: speedup {single:.2f} so")
        ours = export_time + import_time
        anchor = anchor_export + anchor_import
        print(f"export speedup {anchor_export / export_time:.1f}, "
              f"import speedup {anchor_import / import_time:.1f}")  # fmt: skip
        print(f"speedup: {anchor / ours:.2f}")


if __name__ == "__main__":
    main()
