"""Benchmark: `editions merge-driver` against `git merge-file` on the same three catalogs.

Generates a 50,000-entry catalog (the base: machine drafts, fuzzy), then two reviewers'
branches, each changing 5% of the entries (a corrected text approved with a `reviewed-by`
record, an approval, a comment) and setting its own PO-Revision-Date and Last-Translator, as
a save on the review page does. The branches change different entries except for a few
(--overlap) that both change differently: those are the true conflicts. Both tools merge the
same files in the same run, as git would call them (`editions merge-driver %O %A %B %P` is a
new process each time); the best of --repeat runs is kept. Prints the time and the number
of conflicts of each, how many of those are false (not one of the entries both changed),
whether our merge holds every branch's change, and `speedup: X` (git merge-file / ours).

Run: python benchmarks/merge_speed.py [--entries N] [--share 0.05] [--overlap N]
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from editions.catalog import FUZZY, Catalog, Entry
from editions.gitmerge import is_conflict, read_conflict
from editions.pofile import catalog_text, parse_catalog

WORDS = (
    "the city council signed a strategic agreement with technology company to build new "
    "public roads for self-driving cars robots retail logistics patrol cleaning machine vision "
    "research institute digital economy data center cameras every day more than million"
).split()
T = TypeVar("T")
HANZI = "城市科技数字经济合作示范研究院发展智能机器视觉数据中心摄像头每天超过万条"


def base_catalog(entries: int, rng: random.Random) -> Catalog:
    headers = (
        ("Project-Id-Version", "bench"),
        ("PO-Revision-Date", "2026-12-01 10:00+0000"),
        ("Last-Translator", "editions draft"),
        ("Language", "zh_CN"),
        ("MIME-Version", "1.0"),
        ("Content-Type", "text/plain; charset=UTF-8"),
        ("Content-Transfer-Encoding", "8bit"),
        ("Plural-Forms", "nplurals=1; plural=0;"),
    )
    made = []
    for number in range(entries):
        english = " ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 40)))
        chinese = "".join(rng.choice(HANZI) for _ in range(rng.randint(10, 60)))
        made.append(
            Entry(
                msgid=f"{english.capitalize()} ({number}).",
                msgstr=f"{chinese}（{number}）。",
                flags=(FUZZY,),
                extracted_comments=("paragraph",),
                references=(f"source/doc{number // 50:04d}.md:{number % 50 * 2 + 1}",),
                translator_comments=("machine draft: argos",),
            )
        )
    return Catalog(headers=headers, entries=tuple(made))


def reviewed(entry: Entry, who: str, kind: int) -> Entry:
    """One reviewer's change: a corrected, approved text; an approval; or a comment."""
    record = f"reviewed-by: {who} 2026-12-05T10:00Z"
    if kind == 0:
        done = entry.replace(msgstr=entry.msgstr.replace("。", f"（{who} 改）。"))
        return done.with_flag(FUZZY, False).replace(
            translator_comments=(*done.translator_comments, record)
        )
    if kind == 1:
        done = entry.with_flag(FUZZY, False)
        return done.replace(translator_comments=(*done.translator_comments, record))
    return entry.replace(translator_comments=(*entry.translator_comments, f"{who}: check term"))


def branch(
    base: Catalog, shared: list[int], own: list[int], who: str, date: str, rng: random.Random
) -> Catalog:
    """The base with every shared entry corrected by `who`, and each own entry changed."""
    entries = list(base.entries)
    for index in shared:
        entries[index] = reviewed(entries[index], who, 0)
    for index in own:
        entries[index] = reviewed(entries[index], who, rng.randrange(3))
    headers = tuple(
        (name, date if name == "PO-Revision-Date" else who if name == "Last-Translator" else value)
        for name, value in base.headers
    )
    return Catalog(headers=headers, entries=tuple(entries))


def best_of(repeat: int, run: Callable[[], T]) -> tuple[float, T]:
    times: list[float] = []
    result: T
    for _ in range(repeat):
        start = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - start)
    return min(times), result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--entries", type=int, default=50_000)
    parser.add_argument("--share", type=float, default=0.05, help="entries each branch changes")
    parser.add_argument("--overlap", type=int, default=20, help="entries both change differently")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if shutil.which("git") is None:
        print("git not found", file=sys.stderr)
        return 2
    rng = random.Random(20261205)
    base = base_catalog(args.entries, rng)
    count = int(args.entries * args.share)
    chosen = rng.sample(range(args.entries), 2 * count - args.overlap)
    shared = chosen[: args.overlap]
    ours_only, theirs_only = chosen[args.overlap : count], chosen[count:]
    ann, bo = "Ann <ann@example.org>", "Bo <bo@example.org>"
    ours = branch(base, shared, ours_only, ann, "2026-12-05 11:00+0000", rng)
    theirs = branch(base, shared, theirs_only, bo, "2026-12-05 12:00+0000", rng)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        files = {name: root / f"{name}.po" for name in ("base", "ours", "theirs")}
        for name, catalog in (("base", base), ("ours", ours), ("theirs", theirs)):
            files[name].write_text(catalog_text(catalog), encoding="utf-8")
        work = root / "work.po"

        def ours_merge() -> int:
            shutil.copy(files["ours"], work)
            driver = [sys.executable, "-m", "editions.cli", "merge-driver"]
            paths = [str(files["base"]), str(work), str(files["theirs"]), "locales/bench.po"]
            return subprocess.run([*driver, *paths], capture_output=True).returncode

        def git_merge() -> bytes:
            labels = ["-L", "ours", "-L", "base", "-L", "theirs"]
            paths = [str(files["ours"]), str(files["base"]), str(files["theirs"])]
            return subprocess.run(
                ["git", "merge-file", "-p", *labels, *paths], capture_output=True
            ).stdout

        our_time, status = best_of(args.repeat, ours_merge)
        merged = parse_catalog(work.read_text(encoding="utf-8"))
        git_time, git_text = best_of(args.repeat, git_merge)
    git_conflicts = git_text.count(b"\n<<<<<<< ")
    git_false = _git_false_conflicts(git_text, set(shared))
    ours_conflicts = [i for i, e in enumerate(merged.entries) if is_conflict(e)]
    ours_false = len(set(ours_conflicts) - set(shared))
    holds = all(merged.entries[i] == ours.entries[i] for i in ours_only) and all(
        merged.entries[i] == theirs.entries[i] for i in theirs_only
    )
    both_kept = all(
        (c := read_conflict(merged.entries[i])) is not None
        and (c.ours, c.theirs) == (ours.entries[i], theirs.entries[i])
        for i in shared
    )
    print(
        f"catalog: {args.entries} entries; each branch changes {count} "
        f"({args.share:.0%}), {args.overlap} of them on both branches, differently"
    )
    print(f"editions merge-driver (a new process, as git runs it): {our_time:7.3f} s")
    print(f"git merge-file (the same three files):                  {git_time:7.3f} s")
    print(
        f"editions: exit {status}, {len(ours_conflicts)} conflict entries, {ours_false} false; "
        f"every one-sided change kept: {holds}; both texts in every conflict: {both_kept}"
    )
    print(
        f"git merge-file: {git_conflicts} conflict hunks, {git_false} of them with no entry "
        "that both branches changed"
    )
    print(f"speedup: {git_time / our_time:.2f}")
    return 0


def _git_false_conflicts(text: bytes, shared: set[int]) -> int:
    """Conflict hunks of git's output near no entry that both branches changed: a hunk counts
    as true when an entry inside it, the one before it or the one after it is shared."""
    numbers: list[int | None] = []  # per line, the entry number its msgid line ends with
    hunks: list[tuple[int, int]] = []
    start = None
    lines = text.decode("utf-8", "replace").split("\n")
    for index, line in enumerate(lines):
        found = ENDS_MSGID.search(line)
        numbers.append(int(found.group(1)) if found else None)
        if line.startswith("<<<<<<< "):
            start = index
        elif line.startswith(">>>>>>> ") and start is not None:
            hunks.append((start, index))
            start = None
    false = 0
    for first, last in hunks:
        inside = {n for n in numbers[first:last] if n is not None}
        before = next((n for n in reversed(numbers[:first]) if n is not None), None)
        after = next((n for n in numbers[last:] if n is not None), None)
        if not ({*inside, before, after} & shared):
            false += 1
    return false


ENDS_MSGID = re.compile(r'\((\d+)\)\."$')


if __name__ == "__main__":
    sys.exit(main())
