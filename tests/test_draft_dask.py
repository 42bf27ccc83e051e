"""Drafting on Dask: a real LocalCluster of worker processes and real scheduler/worker
processes, with the tiny Argos package the tests build (same loading code as a real model).

Needs the ``dask`` extra (``.ci/run`` installs it; ``make test`` alone skips, saying so).
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from editions.catalog import Entry
from editions.cli import main
from editions.draft import DraftReport, Progress, draft_project
from editions.engines.cache import MTCache
from editions.models import install_archive, load_engine
from editions.pofile import load_catalog
from editions.project import Project
from tests.extras import import_extra
from tests.tiny_argos import GLOSSARY, make_project, tiny_argosmodel, write_po

distributed = import_extra("distributed", "dask")

from editions.cluster import Cluster, draft_on_cluster  # noqa: E402

__all__ = ["tiny_argosmodel"]

WORDS = "city data robot camera road expert centre platform vision service".split()


def _paragraphs(count: int) -> list[str]:
    """Distinct English paragraphs of two or three sentences, no sentence shared (numbers
    are masked before MT, so the distinctions are words), with glossary terms."""
    out = []
    for number in range(count):
        name = " ".join(WORDS[int(digit)] for digit in f"{number:03d}")
        link = f" It was [announced](https://example.com/{name.replace(' ', '-')}) today."
        out.append(
            f"DeepBlue Technology opened the {name} sites in Quzhou. "
            f"The {name} team met on Monday.{link if number % 3 == 0 else ''}"
        )
    return out


def _project(root: Path, archive: Path, documents: int = 3, per_document: int = 12) -> Project:
    project = make_project(root, GLOSSARY)
    install_archive(project, archive)
    paragraphs = _paragraphs(documents * per_document)
    for number in range(documents):
        chunk = paragraphs[number * per_document : (number + 1) * per_document]
        entries = [Entry(msgid=text, msgstr="", line=10 + i) for i, text in enumerate(chunk)]
        write_po(project.po_path("zh_CN", f"doc-{number}"), entries)
    return project


def _catalog_bytes(project: Project) -> dict[str, bytes]:
    root = project.locales_dir
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*.po"))}


def _draft_on(
    project: Project, cluster: Cluster, batch: int = 4, progress: Progress | None = None
) -> DraftReport:
    return draft_on_cluster(cluster, project, ["zh_CN"], batch_sentences=batch, progress=progress)


@pytest.fixture(scope="module")
def cluster() -> Iterator[Cluster]:
    """One LocalCluster of two worker processes for the module."""
    with Cluster("local:2", threads=1) as running:
        yield running


@pytest.fixture(scope="module")
def local_run(tmp_path_factory: pytest.TempPathFactory, tiny_argosmodel: Path) -> DraftReport:
    """A single-process run of the same project: what every Dask run must equal."""
    project = _project(tmp_path_factory.mktemp("local") / "proj", tiny_argosmodel)
    with MTCache(project.cache_dir / "mt-cache.sqlite3") as cache:
        engine = load_engine(project, "zh_CN", threads=1)
        report = draft_project(project, {"zh_CN": engine}, cache=cache, batch_sentences=4)
    report.written = [Path(p.name) for p in report.written]
    LOCAL_CATALOGS.update(_catalog_bytes(project))
    return report


LOCAL_CATALOGS: dict[str, bytes] = {}


@pytest.fixture
def reference(local_run: DraftReport) -> dict[str, bytes]:
    return LOCAL_CATALOGS


def _same_counts(report: DraftReport, local: DraftReport) -> None:
    assert report.summary() == local.summary()
    assert report.sentences_translated == local.sentences_translated


def test_catalogs_drafted_through_dask_are_byte_identical_to_a_local_run(
    tmp_path: Path,
    tiny_argosmodel: Path,
    cluster: Cluster,
    reference: dict[str, bytes],
    local_run: DraftReport,
) -> None:
    project = _project(tmp_path / "proj", tiny_argosmodel)
    before = cluster.batches_sent
    report = _draft_on(project, cluster)
    assert _catalog_bytes(project) == reference
    _same_counts(report, local_run)
    assert report.drafted > 0 and report.failed == 0
    assert cluster.batches_sent - before > 3  # the work really went out in batches


def test_a_worker_killed_mid_run_still_gives_the_identical_result(
    tmp_path: Path, tiny_argosmodel: Path, cluster: Cluster, reference: dict[str, bytes]
) -> None:
    project = _project(tmp_path / "proj", tiny_argosmodel)
    pids = list(cluster.client.run(os.getpid).values())
    killed: list[int] = []

    def kill_one_worker(label: str, done: int, total: int) -> None:
        if not killed:
            os.kill(pids[0], signal.SIGKILL)  # the nanny restarts it; its batches rerun
            killed.append(pids[0])

    _draft_on(project, cluster, batch=2, progress=kill_one_worker)
    assert killed and _catalog_bytes(project) == reference
    cluster.client.wait_for_workers(2, timeout=60)


def test_a_rerun_after_an_interruption_sends_only_the_missing_batches(
    tmp_path: Path,
    tiny_argosmodel: Path,
    cluster: Cluster,
    reference: dict[str, bytes],
    local_run: DraftReport,
) -> None:
    project = _project(tmp_path / "proj", tiny_argosmodel)
    fresh = _project(tmp_path / "count", tiny_argosmodel)
    before = cluster.batches_sent
    _draft_on(fresh, cluster)
    all_batches = cluster.batches_sent - before
    seen: list[int] = []

    def interrupt(label: str, done: int, total: int) -> None:
        seen.append(done)
        if len(seen) == 5:
            raise KeyboardInterrupt

    before = cluster.batches_sent
    with pytest.raises(KeyboardInterrupt):
        _draft_on(project, cluster, progress=interrupt)
    assert all(b'msgstr ""' in data for data in _catalog_bytes(project).values())
    with MTCache(project.cache_dir / "mt-cache.sqlite3") as cache:
        finished = len(cache)
    assert finished > 0

    before = cluster.batches_sent
    report = _draft_on(project, cluster)
    resent = cluster.batches_sent - before
    assert resent == all_batches - 5  # the five finished batches are not sent again
    assert _catalog_bytes(project) == reference
    assert report.drafted + report.cached == local_run.drafted + local_run.cached

    before = cluster.batches_sent
    _draft_on(project, cluster)
    assert cluster.batches_sent == before  # nothing left: a rerun is free


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _start(command: list[str], log: Path) -> subprocess.Popen[bytes]:
    handle = log.open("wb")
    return subprocess.Popen(command, stdout=handle, stderr=subprocess.STDOUT)


def _dask(*args: str) -> list[str]:
    found = shutil.which("dask", path=str(Path(sys.executable).parent))
    return [found, *args] if found else [sys.executable, "-m", "distributed.cli.dask_spec"]


@pytest.fixture
def scheduler(tmp_path: Path) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """``dask scheduler`` and one ``dask worker``, each its own process."""
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    processes = [
        _start(
            _dask("scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"),
            tmp_path / "scheduler.log",
        )
    ]
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                break
        time.sleep(0.2)
    processes.append(
        _start(
            _dask("worker", address, "--nthreads", "1", "--no-dashboard", "--nworkers", "1"),
            tmp_path / "worker.log",
        )
    )
    client = distributed.Client(address, timeout="30s")
    client.wait_for_workers(1, timeout=60)
    client.close()
    yield address, processes[0]
    for process in reversed(processes):
        process.kill()
        process.wait()


def test_the_command_line_drafts_through_separate_scheduler_and_worker_processes(
    tmp_path: Path,
    tiny_argosmodel: Path,
    reference: dict[str, bytes],
    scheduler: tuple[str, subprocess.Popen[bytes]],
) -> None:
    project = _project(tmp_path / "proj", tiny_argosmodel)
    address, _ = scheduler
    result = subprocess.run(
        [sys.executable, "-m", "editions.cli", "draft", "--project", str(project.root),
         "--scheduler", address, "--upload-model"],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert f"sent to {address}" in result.stdout
    assert _catalog_bytes(project) == reference


def test_losing_the_scheduler_is_a_clear_error_and_leaves_valid_catalogs(
    tmp_path: Path,
    tiny_argosmodel: Path,
    scheduler: tuple[str, subprocess.Popen[bytes]],
    capsys: pytest.CaptureFixture[str],
) -> None:
    project = _project(tmp_path / "proj", tiny_argosmodel)
    before = _catalog_bytes(project)
    address, process = scheduler

    def kill_scheduler(label: str, done: int, total: int) -> None:
        if process.poll() is None:
            process.kill()
            process.wait()

    from editions.cluster import ClusterError

    with Cluster(address) as remote, pytest.raises(ClusterError) as caught:
        _draft_on(project, remote, batch=1, progress=kill_scheduler)
    assert "failed" in caught.value.message and "MT cache" in (caught.value.hint or "")
    assert _catalog_bytes(project) == before  # untouched, so valid and nothing reviewed lost
    for path in project.locales_dir.rglob("*.po"):
        load_catalog(path)
    with MTCache(project.cache_dir / "mt-cache.sqlite3") as cache:
        assert len(cache) > 0  # the batches that finished are kept


def test_an_unreachable_scheduler_is_a_clear_error(
    tmp_path: Path, tiny_argosmodel: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = _project(tmp_path / "proj", tiny_argosmodel, documents=1, per_document=1)
    port = _free_port()
    code = main(["draft", "--project", str(project.root), "--scheduler", f"tcp://127.0.0.1:{port}"])
    assert code == 2
    err = capsys.readouterr().err
    assert "cannot reach the Dask scheduler" in err and "dask scheduler" in err


def test_a_bad_local_worker_count_is_refused(tmp_path: Path, tiny_argosmodel: Path) -> None:
    project = _project(tmp_path / "proj", tiny_argosmodel, documents=1, per_document=1)
    assert main(["draft", "--project", str(project.root), "--scheduler", "local:many"]) == 2
