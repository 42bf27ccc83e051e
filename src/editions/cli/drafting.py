"""Commands that make machine drafts and manage their models: ``draft``, ``models``."""

from __future__ import annotations

import argparse
import shlex
import sys
from pathlib import Path
from typing import Any

from editions.cli import add_lang_option, add_project_option, load_project, shown
from editions.draft import DraftReport, draft_catalogs, project_languages
from editions.errors import EditionsError
from editions.models import (
    install_archive,
    install_from_index,
    list_models,
)
from editions.project import Project


def register(subparsers: argparse._SubParsersAction[Any]) -> None:
    draft = subparsers.add_parser(
        "draft", help="fill untranslated entries with fuzzy machine drafts (Argos Translate)"
    )
    add_project_option(draft)
    add_lang_option(draft)
    draft.add_argument("--jobs", type=int, default=0, metavar="N", help="CPU threads for MT")
    draft.add_argument("--device", choices=("cpu", "cuda"), default="cpu", help="MT device")
    draft.add_argument(
        "--dry-run", action="store_true", help="count what would be drafted; write nothing"
    )
    draft.add_argument(
        "--scheduler",
        metavar="tcp://HOST:8786|local:N",
        help="translate on a Dask cluster (needs the 'dask' extra): a running scheduler, or "
        "a LocalCluster of N worker processes for this run (docs/scale.md)",
    )
    draft.add_argument(
        "--upload-model",
        action="store_true",
        help="with --scheduler: send the model package to the workers (once per worker) "
        "instead of reading it from the same path on a shared disk",
    )
    draft.set_defaults(func=run_draft)

    models = subparsers.add_parser("models", help="list or install machine-translation models")
    model_commands = models.add_subparsers(dest="models_command", metavar="COMMAND")
    listing = model_commands.add_parser("list", help="list installed models")
    add_project_option(listing)
    listing.set_defaults(func=run_models_list)
    install = model_commands.add_parser(
        "install",
        help="install PATH.argosmodel, or 'en zh' from the Argos index (downloads)",
    )
    add_project_option(install)
    install.add_argument("what", nargs="+", metavar="PATH.argosmodel | FROM TO")
    install.set_defaults(func=run_models_install)
    models.set_defaults(func=lambda args: models.print_help() or 2)


def _project_options(args: argparse.Namespace) -> str:
    return f"--project {shlex.quote(str(args.project))}" if args.project else ""


class _Bars:
    """One tqdm progress bar (with ETA) per catalog, only when stderr is a terminal."""

    def __init__(self) -> None:
        self.enabled = sys.stderr.isatty()
        self.bars: dict[str, Any] = {}

    def __call__(self, label: str, done: int, total: int) -> None:
        if not self.enabled:
            return
        from tqdm import tqdm  # type: ignore[import-untyped]

        bar = self.bars.get(label)
        if bar is None:
            bar = self.bars[label] = tqdm(total=total, desc=label, unit="sentence")
        bar.update(done - bar.n)

    def close(self) -> None:
        for bar in self.bars.values():
            bar.close()


def run_draft(args: argparse.Namespace) -> int:
    project = load_project(args)
    bars = _Bars()
    try:
        if args.scheduler and not args.dry_run:
            report = _draft_on_cluster(args, project, bars)
        else:
            report = draft_catalogs(
                project,
                args.lang,
                device=args.device,
                threads=args.jobs,
                dry_run=args.dry_run,
                progress=bars,
                options=_project_options(args),
            )
    finally:
        bars.close()
    print_report(report)
    return 0


def _draft_on_cluster(args: argparse.Namespace, project: Project, bars: _Bars) -> DraftReport:
    """``draft --scheduler``: MT on Dask workers, catalogs written here (editions.cluster)."""
    from editions.cluster import Cluster, draft_on_cluster

    languages = project_languages(project, args.lang)
    with Cluster(args.scheduler, threads=args.jobs) as cluster:
        report = draft_on_cluster(
            cluster,
            project,
            languages,
            device=args.device,
            upload=args.upload_model,
            progress=bars,
            options=_project_options(args),
        )
        print(f"cluster: {cluster.batches_sent} batch(es) sent to {cluster.scheduler}")
    return report


def print_report(report: DraftReport) -> None:
    for message in report.notes:
        print(f"note: {message}")
    for path in report.written:
        print(f"updated   {shown(path)}")
    for note in report.fallbacks:
        print(f"pieces    {note}")
    for failure in report.failures:
        print(f"failed    {failure}")
    print(report.summary() + f" ({report.sentences_translated} sentences sent to MT)")


def run_models_list(args: argparse.Namespace) -> int:
    project = load_project(args)
    models = list_models(project)
    if not models:
        print(f"no models installed in {project.relative(project.models_dir)}")
        return 0
    for model in models:
        print(f"{model.from_code} → {model.to_code}  {model.model_id}  {model.path}")
    return 0


def run_models_install(args: argparse.Namespace) -> int:
    project = load_project(args)
    if len(args.what) == 1:
        model = install_archive(project, Path(args.what[0]))
    elif len(args.what) == 2:
        model = install_from_index(project, args.what[0], args.what[1])
    else:
        raise EditionsError(
            "give one PATH.argosmodel, or two language codes",
            hint="editions models install en zh",
        )
    print(f"installed {model.model_id} ({model.from_code} → {model.to_code}) in {model.path}")
    return 0
