"""Commands that make machine drafts and manage their models: ``draft``, ``models``."""

from __future__ import annotations

import argparse
import shlex
import sys
from pathlib import Path
from typing import Any

from editions.cli import add_lang_option, add_project_option, load_project, shown
from editions.draft import CACHE_NAME, DraftReport, NoModel, draft_project
from editions.engines import Engine
from editions.engines.cache import MTCache
from editions.errors import EditionsError, ModelMissingError
from editions.models import (
    install_archive,
    install_from_index,
    list_models,
    load_engine,
    require_model,
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
    languages = [project.check_language(args.lang)] if args.lang else list(project.languages)
    if args.scheduler and not args.dry_run:
        return _run_on_cluster(args, project, languages)
    options = _project_options(args)
    engines: dict[str, Engine] = {}
    for language in languages:
        try:
            engines[language] = load_engine(
                project, language, device=args.device, threads=args.jobs, options=options
            )
        except ModelMissingError as exc:
            if not args.dry_run:
                raise
            print(f"note: {exc.message}; counting as if every sentence went to MT")
            engines[language] = NoModel()
    bars = _Bars()
    try:
        with MTCache(project.cache_dir / CACHE_NAME) as cache:
            report = draft_project(
                project, engines, cache=cache, dry_run=args.dry_run, progress=bars
            )
    finally:
        bars.close()
    print_report(report)
    return 0


def _run_on_cluster(args: argparse.Namespace, project: Project, languages: list[str]) -> int:
    """``draft --scheduler``: MT on Dask workers, catalogs written here (editions.cluster)."""
    from editions.cluster import Cluster, ClusterEngine, model_ref, prefetch

    options = _project_options(args)
    bars = _Bars()
    with Cluster(args.scheduler, threads=args.jobs) as cluster:
        engines: dict[str, Engine] = {}
        for language in languages:
            model = require_model(project, project.source_language, language, options=options)
            ref = model_ref(
                model, device=args.device, threads=cluster.engine_threads, upload=args.upload_model
            )
            cluster.register(ref)
            engines[language] = ClusterEngine(cluster, ref)
        try:
            with MTCache(project.cache_dir / CACHE_NAME) as cache:
                report = draft_project(
                    project,
                    engines,
                    cache=cache,
                    progress=bars,
                    prefetch=lambda drafter, catalogs: prefetch(
                        cluster, drafter, catalogs, cache, bars
                    ),
                )
        finally:
            bars.close()
        print(f"cluster: {cluster.batches_sent} batch(es) sent to {cluster.scheduler}")
    print_report(report)
    return 0


def print_report(report: DraftReport) -> None:
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
