"""Drafting on a Dask cluster, for corpora one machine cannot draft overnight.

``editions draft --scheduler tcp://HOST:8786`` (a running cluster) or ``--scheduler local:N``
(a ``LocalCluster`` of N worker processes for one run). Only the machine translation moves:
the client plans every catalog as a local run would (parse, translation memory, masks,
sentences, the MT cache), sends the sentences the cache lacks to the workers as
content-addressed batches, stores each result in the MT cache as it arrives, and then drafts
every catalog exactly as the single-process path does, from the cache, under each catalog's
lock. So the catalogs are byte-identical to a local run's, an interrupted run resumes warm
and sends only the batches that are missing, a lost worker's batches are simply computed
again (a batch is a pure function of its sentences and the model), and losing the scheduler
leaves every catalog untouched and every finished batch in the cache.

On each worker a plugin verifies the Argos package (SHA-256 over its files) at the path the
client uses, or unpacks the copy the client uploaded once, and loads one CTranslate2
translator per worker process, after the process started, with the worker's thread count.

Dask is an optional extra (``pip install 'editions[dask]'``) imported only here.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import os
import zipfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from editions.engines.argos import InstalledModel, argos_version
from editions.errors import EditionsError, EngineError, ProjectError

if TYPE_CHECKING:
    from editions.draft import Drafter, DraftReport, Progress
    from editions.engines import Engine
    from editions.engines.cache import MTCache
    from editions.project import Project

LOCAL_PREFIX = "local:"
_DASK_HINT = "install the extra: pip install 'editions[dask]'"


class ClusterError(EngineError):
    """The cluster could not be reached, or went away while drafting."""


@dataclass(frozen=True, slots=True)
class ModelRef:
    """What a worker needs to load the model: the installed package as the client sees it
    (its path on the client's disk), its checksum, the decoding settings, and the zipped
    package when the workers cannot see that path."""

    model: InstalledModel
    checksum: str
    device: str = "cpu"
    threads: int = 0
    archive: bytes | None = None

    @property
    def plugin_name(self) -> str:
        return f"editions-model-{self.checksum[:16]}"


def package_checksum(folder: Path) -> str:
    """SHA-256 over every file of an installed package (relative path, size, bytes)."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        relative = path.relative_to(folder).as_posix().encode()
        digest.update(len(relative).to_bytes(4, "big") + relative)
        digest.update(path.stat().st_size.to_bytes(8, "big"))
        with path.open("rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
    return digest.hexdigest()


def zipped_package(folder: Path) -> bytes:
    """The package folder as one ZIP (for workers that cannot see the client's disk)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            archive.write(path, path.relative_to(folder).as_posix())
    return buffer.getvalue()


def model_ref(model: InstalledModel, *, device: str, threads: int, upload: bool) -> ModelRef:
    folder = model.path.resolve()
    return ModelRef(
        model=dataclasses.replace(model, path=folder),
        checksum=package_checksum(folder),
        device=device,
        threads=threads,
        archive=zipped_package(folder) if upload else None,
    )


# -- on the client ------------------------------------------------------------------------------


def batch_key(ref: ModelRef, source: str, target: str, sentences: Sequence[str]) -> str:
    """The Dask key of a batch: the same sentences with the same model are the same task."""
    digest = hashlib.sha256(f"{ref.checksum}\0{source}\0{target}".encode())
    for sentence in sentences:
        digest.update(b"\0" + sentence.encode("utf-8"))
    return f"editions-mt-{digest.hexdigest()[:32]}"


class Cluster:
    """A connection to a Dask cluster (or a LocalCluster it started) for one draft run."""

    def __init__(self, scheduler: str, *, threads: int = 0) -> None:
        try:
            import dask
            import distributed
        except ImportError as exc:
            raise ProjectError("--scheduler needs Dask distributed", hint=_DASK_HINT) from exc
        self.scheduler = scheduler
        self._local: Any = None
        self.local = scheduler.startswith(LOCAL_PREFIX)
        self.batches_sent = 0
        self.engine_threads = threads
        """CTranslate2 threads per worker (0: the worker's own thread count)."""
        try:
            if self.local:
                workers = _local_workers(scheduler)
                self.engine_threads = threads or max(1, (os.cpu_count() or 1) // workers)
                with dask.config.set({NANNY_ENVIRON: worker_environment(self.engine_threads)}):
                    self._local = distributed.LocalCluster(  # type: ignore[no-untyped-call]
                        n_workers=workers,
                        threads_per_worker=1,
                        processes=True,
                        dashboard_address=None,
                        worker_dashboard_address=None,
                    )
                self.client = distributed.Client(self._local)  # type: ignore[no-untyped-call]
            else:
                connect: Any = distributed.Client
                self.client = connect(scheduler, timeout="20s")
        except (OSError, TimeoutError) as exc:
            self.close()
            raise ClusterError(
                f"cannot reach the Dask scheduler at {scheduler}: {exc}",
                hint="start one with 'dask scheduler' and workers with 'dask worker "
                "tcp://HOST:8786', or use --scheduler local:N",
            ) from exc

    def close(self) -> None:
        client = getattr(self, "client", None)
        if client is not None:
            with suppress(Exception):
                client.close(timeout=5)
        if self._local is not None:
            self._local.close()
            self._local = None

    def __enter__(self) -> Cluster:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def register(self, ref: ModelRef) -> None:
        """Install the model plugin on every worker (and every worker that joins later)."""
        from editions.cluster_worker import ModelPlugin

        with self._lost_scheduler():
            self.client.register_plugin(ModelPlugin(ref), name=ref.plugin_name)

    def translate(
        self,
        ref: ModelRef,
        source: str,
        target: str,
        batches: Sequence[tuple[str, list[str]]],
        on_result: Any,
    ) -> None:
        """Send ``batches`` ((label, sentences)) to the workers; ``on_result(label, sentences,
        outputs)`` is called on the client as each finishes, in completion order."""
        from distributed import as_completed

        from editions.cluster_worker import translate_on_worker

        if not batches:
            return
        work: dict[str, list[tuple[str, list[str]]]] = {}
        for label, sentences in batches:
            work.setdefault(batch_key(ref, source, target, sentences), []).append(
                (label, sentences)
            )
        futures = []
        with self._lost_scheduler():
            for key, same in work.items():  # one task per distinct batch
                futures.append(
                    self.client.submit(
                        translate_on_worker,
                        ref.plugin_name,
                        same[0][1],
                        source,
                        target,
                        key=key,
                        pure=True,
                        retries=2,
                    )
                )
                self.batches_sent += 1
            for future in as_completed(futures):  # type: ignore[no-untyped-call]
                outputs = future.result()
                for label, sentences in work[future.key]:
                    on_result(label, sentences, outputs)

    @contextmanager
    def _lost_scheduler(self) -> Iterator[None]:
        """Cluster failures as one clear error (ours, such as a missing model, pass as is)."""
        try:
            yield
        except EditionsError:
            raise
        except Exception as exc:
            raise ClusterError(
                f"the Dask cluster at {self.scheduler} failed: {type(exc).__name__}: {exc}",
                hint="every batch that finished is in the MT cache and no catalog was "
                "touched; run 'editions draft' again to continue",
            ) from exc


NANNY_ENVIRON = "distributed.nanny.pre-spawn-environ"
THREAD_VARIABLES = ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS")


def worker_environment(threads: int) -> dict[str, str]:
    """What a worker process starts with. Dask's default pins the math libraries to one
    thread and sets ``MALLOC_TRIM_THRESHOLD_=65536``, which together made CTranslate2 about
    twice as slow in a worker as in-process (measured, benchmarks/draft_scale.py): the
    thread variables get the engine's share and glibc keeps its default trimming."""
    return {name: str(threads) for name in THREAD_VARIABLES}


def _local_workers(scheduler: str) -> int:
    value = scheduler.removeprefix(LOCAL_PREFIX)
    if not value.isdigit() or int(value) < 1:
        raise ProjectError(
            f"--scheduler {scheduler!r}: the number of local workers must be a whole number",
            hint="e.g. --scheduler local:4",
        )
    return int(value)


class ClusterEngine:
    """The engine protocol over a cluster: same name and model as the Argos engine it
    stands for, so provenance and the MT cache are the same as a local run's."""

    name = "argos"

    def __init__(self, cluster: Cluster, ref: ModelRef) -> None:
        self.cluster = cluster
        self.ref = ref
        self.model = ref.model.model_id
        self.version = argos_version()

    def translate_batch(self, sentences: list[str], source: str, target: str) -> list[str]:
        results: list[list[str]] = []
        self.cluster.translate(
            self.ref, source, target, [("", sentences)], lambda _l, _s, out: results.append(out)
        )
        return results[0] if results else [""] * len(sentences)


def prefetch(
    cluster: Cluster,
    drafter: Drafter,
    catalogs: Sequence[tuple[str, Path]],
    cache: MTCache,
    progress: Progress | None = None,
) -> set[str]:
    """Translate on the cluster every sentence the drafts of ``catalogs`` need that the MT
    cache lacks; each result goes into the cache as it arrives. Returns the sentences
    translated (``cluster.batches_sent`` counts the batches).

    Batches are cut from each catalog's full list of wanted sentences (cached or not), so
    their boundaries do not move between runs: a rerun sends exactly the batches that did
    not finish.
    """
    engine = drafter.engine
    assert isinstance(engine, ClusterEngine), "prefetch drafts with a ClusterEngine"
    size = max(1, drafter.batch_sentences)
    batches: list[tuple[str, list[str]]] = []
    totals: dict[str, int] = {}
    for label, path in catalogs:
        wanted = drafter.wanted_sentences(path)
        known = cache.get_many(engine.name, engine.model, wanted)
        for start in range(0, len(wanted), size):
            missing = [s for s in wanted[start : start + size] if s not in known]
            if missing:
                batches.append((label, missing))
                totals[label] = totals.get(label, 0) + len(missing)
    done: dict[str, int] = dict.fromkeys(totals, 0)
    translated: set[str] = set()

    def stored(label: str, sentences: list[str], outputs: list[str]) -> None:
        cache.put_many(engine.name, engine.model, zip(sentences, outputs, strict=True))
        translated.update(sentences)
        done[label] += len(sentences)
        if progress is not None:
            progress(label, done[label], totals[label])

    cluster.translate(engine.ref, drafter.source, drafter.target, batches, stored)
    return translated


def draft_on_cluster(
    cluster: Cluster,
    project: Project,
    languages: Sequence[str],
    *,
    device: str = "cpu",
    upload: bool = False,
    progress: Progress | None = None,
    batch_sentences: int = 128,
    options: str = "",
) -> DraftReport:
    """``editions draft --scheduler``: the model of each language registered on the
    workers, every missing sentence translated there into the MT cache (:func:`prefetch`),
    then every catalog drafted here from the cache, as a local run drafts it."""
    from editions.draft import CACHE_NAME, draft_project
    from editions.engines.cache import MTCache
    from editions.models import require_model

    engines: dict[str, Engine] = {}
    for language in languages:
        model = require_model(project, project.source_language, language, options=options)
        ref = model_ref(model, device=device, threads=cluster.engine_threads, upload=upload)
        cluster.register(ref)
        engines[language] = ClusterEngine(cluster, ref)
    with MTCache(project.cache_dir / CACHE_NAME) as cache:
        return draft_project(
            project,
            engines,
            cache=cache,
            progress=progress,
            batch_sentences=batch_sentences,
            prefetch=lambda drafter, catalogs: prefetch(
                cluster, drafter, catalogs, cache, progress
            ),
        )
