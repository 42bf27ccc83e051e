"""The worker side of :mod:`editions.cluster`: a Dask worker plugin and the batch task.

Imported only in Dask worker processes (and by the client when it registers the plugin),
so ``distributed`` is imported at the top here and nowhere in the default install.
"""

from __future__ import annotations

import dataclasses
import io
import os
import shutil
import threading
import zipfile
from pathlib import Path
from typing import Any

from distributed import WorkerPlugin, get_worker

from editions.cluster import ModelRef, package_checksum, worker_environment
from editions.engines.argos import ArgosEngine
from editions.errors import EngineError


class ModelPlugin(WorkerPlugin):
    """Finds and verifies the package on each worker, then keeps one engine per process.

    ``setup`` runs in every worker process, also in workers that join later; the engine
    (one CTranslate2 translator) is created on the first batch, in that process, never
    forked from the client. Batches on one worker run one at a time, each with all the
    worker's threads, so a worker with N threads never oversubscribes its cores.
    """

    def __init__(self, ref: ModelRef) -> None:
        self.ref = ref
        self.name = ref.plugin_name
        self.folder: Path | None = None
        self.threads = 1
        self._engine: ArgosEngine | None = None
        self._lock = threading.Lock()

    def __getstate__(self) -> dict[str, Any]:
        return {"ref": self.ref}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["ref"])  # type: ignore[misc]

    def setup(self, worker: Any) -> None:
        self.folder = self._resolve(Path(worker.local_directory))
        self.threads = self.ref.threads or int(getattr(worker, "nthreads", 1)) or 1
        # Dask starts workers with OMP/MKL_NUM_THREADS=1, which caps CTranslate2's intra-op
        # threads; the engine is loaded later in this process, so it gets its share.
        os.environ.update(worker_environment(self.threads))

    def _resolve(self, local_directory: Path) -> Path:
        shared = self.ref.model.path
        if shared.is_dir() and package_checksum(shared) == self.ref.checksum:
            return shared
        if self.ref.archive is None:
            raise EngineError(
                f"the model is not at {shared} on worker host {os.uname().nodename} "
                "(or its checksum differs)",
                hint="share the models folder at the same path, or pass --upload-model",
            )
        target = local_directory / "editions-models" / self.ref.checksum
        if target.is_dir() and package_checksum(target) == self.ref.checksum:
            return target
        staging = target.with_name(f".{target.name}.{os.getpid()}")
        shutil.rmtree(staging, ignore_errors=True)
        with zipfile.ZipFile(io.BytesIO(self.ref.archive)) as archive:
            archive.extractall(staging)
        if package_checksum(staging) != self.ref.checksum:
            shutil.rmtree(staging, ignore_errors=True)
            raise EngineError("the uploaded model does not match its checksum")
        shutil.rmtree(target, ignore_errors=True)
        staging.rename(target)
        return target

    def translate(self, sentences: list[str], source: str, target: str) -> list[str]:
        with self._lock:
            if self._engine is None:
                assert self.folder is not None, "plugin used before setup"
                model = dataclasses.replace(self.ref.model, path=self.folder)
                self._engine = ArgosEngine(model, device=self.ref.device, threads=self.threads)
            return self._engine.translate_batch(sentences, source, target)


def translate_on_worker(plugin: str, sentences: list[str], source: str, target: str) -> list[str]:
    """One batch, on whichever worker runs it, with that worker's engine."""
    model_plugin = get_worker().plugins[plugin]
    assert isinstance(model_plugin, ModelPlugin)
    return model_plugin.translate(sentences, source, target)
