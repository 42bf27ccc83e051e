"""``editions merge-driver`` (git's merge driver for catalogs) and ``editions doctor``."""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path
from typing import Any

from editions.cli import add_project_option, load_project


def register(subparsers: argparse._SubParsersAction[Any]) -> None:
    driver = subparsers.add_parser(
        "merge-driver",
        help="git merge driver: merge .po/.pot files entry by entry (see docs/review.md)",
        description=(
            "Called by git as 'editions merge-driver %%O %%A %%B %%P' once enabled with: "
            "git config merge.editions.driver 'editions merge-driver %%O %%A %%B %%P'. "
            "Writes the merge into OURS; exit 0 merged, 1 conflicts left for review."
        ),
    )
    add_driver_arguments(driver)
    driver.set_defaults(func=run_merge_driver)

    doctor = subparsers.add_parser(
        "doctor", help="say what this clone and machine lack (merge driver, tools, models)"
    )
    add_project_option(doctor)
    doctor.set_defaults(func=run_doctor)


def add_driver_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("base", type=Path, help="%%O: the common ancestor's version")
    parser.add_argument("ours", type=Path, help="%%A: our version; the result is written here")
    parser.add_argument("theirs", type=Path, help="%%B: the other branch's version")
    parser.add_argument("path", nargs="?", default=None, help="%%P: the file's path in the repo")


def run_merge_driver(args: argparse.Namespace) -> int:
    from editions.errors import EditionsError
    from editions.fsio import atomic_write_bytes
    from editions.gitmerge import merge_texts
    from editions.pofile import decode_catalog_bytes

    name = args.path or str(args.ours)
    if not args.ours.is_file():
        raise EditionsError(
            "OURS must be the regular file git passes as %A; the merge is written into it",
            path=args.ours,
        )
    try:
        sides = (args.base, args.ours, args.theirs)
        texts = [decode_catalog_bytes(side.read_bytes(), Path(name)) for side in sides]
        outcome = merge_texts(*texts, template=name.endswith(".pot"), path=Path(name))
        data = _encoded(outcome.text, name)
    except EditionsError as exc:
        print(f"editions merge: {exc}", file=sys.stderr)
        print(
            f"editions merge: {name}: merged line by line instead (git merge-file)", file=sys.stderr
        )
        return _line_merge(args, name)
    except Exception as exc:  # a bug of ours must never cost either side its text
        print(f"editions merge: {name}: internal error {exc!r}", file=sys.stderr)
        print(
            f"editions merge: {name}: merged line by line instead (git merge-file); "
            "please report this",
            file=sys.stderr,
        )
        return _line_merge(args, name)
    atomic_write_bytes(args.ours, data)
    for note in outcome.notes:
        print(f"editions merge: {name}: {note}", file=sys.stderr)
    for field in outcome.header_conflicts:
        print(f"editions merge: {name}: header conflict: {field}", file=sys.stderr)
    if outcome.conflicts:
        print(
            f"editions merge: {name}: {len(outcome.conflicts)} entries changed on both branches "
            "are conflicts (fuzzy, both texts kept); resolve them with 'editions review' "
            "(filter: merge conflicts) or in a .po editor, then 'git add' the file",
            file=sys.stderr,
        )
        for entry in outcome.conflicts[:10]:
            words = " ".join(entry.msgid.split()[:10])
            print(f"  {words!r}", file=sys.stderr)
    return 0 if outcome.clean else 1


def _encoded(text: str, name: str) -> bytes:
    """The merged text in the charset its header declares, as the sides were written."""
    from editions.errors import CatalogSyntaxError
    from editions.pofile import header_charset

    declared = header_charset(text[:8192].encode("utf-8"))
    charset = "utf-8"
    if declared is not None and declared.lower() not in ("charset", "utf-8", "utf8"):
        charset = declared
    try:
        return text.encode(charset)
    except UnicodeEncodeError as exc:
        raise CatalogSyntaxError(
            f"the merged text has {exc.object[exc.start]!r}, which {charset} cannot hold",
            path=Path(name),
        ) from None


def _line_merge(args: argparse.Namespace, name: str) -> int:
    """git's own line merge, written atomically (a catalog that does not parse)."""
    from editions.fsio import atomic_write_bytes

    command = ["git", "merge-file", "-p", "-L", f"ours:{name}", "-L", "base", "-L", "theirs"]
    result = subprocess.run(
        [*command, str(args.ours), str(args.base), str(args.theirs)], capture_output=True
    )
    if result.returncode < 0 or result.returncode > 127:
        sys.stderr.write(result.stderr.decode("utf-8", "replace"))
        return 2
    atomic_write_bytes(args.ours, result.stdout)
    return 1 if result.returncode else 0


def run_doctor(args: argparse.Namespace) -> int:
    import shutil

    from editions.errors import EditionsError
    from editions.gitsetup import driver_status
    from editions.models import list_models
    from editions.render.chromium import find_chromium

    project = load_project(args)
    problems = 0

    def report(ok: bool, what: str, detail: str) -> None:
        nonlocal problems
        problems += not ok
        print(f"{'ok     ' if ok else 'missing'}  {what:14} {detail}")

    status = driver_status(project.root)
    problem = status.problem()
    if not status.in_git:
        report(True, "merge driver", "not a git checkout: nothing to merge")
    else:
        report(problem is None, "merge driver", problem or f"enabled ({status.configured})")
    msgfmt = shutil.which("msgfmt")
    report(
        msgfmt is not None, "GNU gettext", msgfmt or "msgfmt not found (apt-get install gettext)"
    )
    try:
        report(True, "Chromium", find_chromium())
    except EditionsError as exc:
        report(False, "Chromium", f"{exc.message} (PDF editions need it)")
    models = list_models(project)
    report(
        bool(models),
        "Argos models",
        ", ".join(f"{m.from_code}→{m.to_code}" for m in models)
        or "none: 'editions models install'",
    )
    return 1 if problems else 0
