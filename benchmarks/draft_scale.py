"""Benchmark: drafting on Dask (1 and 2 local workers) against the in-process path.

One project (the press release plus synthetic paragraphs, split over several catalogs), the
same model and decoding settings, an empty MT cache and untranslated catalogs before each
run, the same total CPU threads (``--threads``, default 2):

- anchor: ``draft_catalogs`` in this process, one engine with ``threads`` CTranslate2 threads;
- Dask, 1 worker: ``--scheduler local:1``, that worker's engine with ``threads`` threads
  (equal resources: the difference is the Dask path's overhead; target at most 15%);
- Dask, 2 workers: ``--scheduler local:2``, ``threads / 2`` threads each (the scaling from
  1 to 2 workers at the same total threads).

Each timed run includes loading the model (in-process: the engine; Dask: the worker plugin's
first batch); starting the LocalCluster is timed and shown apart. The catalogs each run
writes are compared byte for byte with the anchor's. The model is the real en→zh package
when one is under ../shared/models, else the Transformer-base-sized test package of
tests/tiny_argos.py (the output says which).

    python benchmarks/draft_scale.py [--entries 120] [--catalogs 6] [--threads 2]

Ends with ``speedup:`` = anchor time / Dask-with-2-workers time.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from draft_speed import (  # noqa: E402
    SHARED_MODELS,
    press_release_entries,
    real_model_source,
    synthetic_entries,
    write_catalog,
)

from editions.cluster import Cluster, draft_on_cluster  # noqa: E402
from editions.draft import DraftReport, draft_catalogs  # noqa: E402
from editions.models import install_archive  # noqa: E402
from editions.project import Project, find_project  # noqa: E402


def setup(work: Path, entries: int, catalogs: int) -> tuple[Project, dict[Path, bytes], str]:
    root = work / "proj"
    (root / "source").mkdir(parents=True)
    (root / "editions.toml").write_text('[editions]\nlanguages = ["zh_CN"]\n', "utf-8")
    project = find_project(explicit=root)
    source = real_model_source()
    if source is None:
        from tests.tiny_argos import BASE, build_tiny_package

        install_archive(project, build_tiny_package(work / "tiny", "0.2", BASE))
        which = (
            f"no real en→zh model under {SHARED_MODELS}: the TEST package of tests/tiny_argos.py "
            "(a copy model of Transformer-base size: 6+6 layers, width 512, int8)"
        )
    else:
        if source.is_dir():
            shutil.copytree(source, project.models_dir / source.name)
        else:
            install_archive(project, source)
        which = f"REAL Argos package from {source}"
    msgids = press_release_entries() + synthetic_entries(entries)
    untranslated = {}
    for number in range(catalogs):
        path = project.po_path("zh_CN", f"part-{number}")
        write_catalog(path, msgids[number::catalogs])
        untranslated[path] = path.read_bytes()
    return project, untranslated, which


def reset(project: Project, untranslated: dict[Path, bytes]) -> None:
    for path, data in untranslated.items():
        path.write_bytes(data)
    shutil.rmtree(project.cache_dir, ignore_errors=True)


def in_process(project: Project, threads: int) -> tuple[float, DraftReport]:
    started = time.perf_counter()
    report = draft_catalogs(project, "zh_CN", threads=threads)
    return time.perf_counter() - started, report


def on_dask(project: Project, workers: int, threads: int) -> tuple[float, float, DraftReport, int]:
    started = time.perf_counter()
    with Cluster(f"local:{workers}", threads=threads) as cluster:
        startup = time.perf_counter() - started
        started = time.perf_counter()
        report = draft_on_cluster(cluster, project, ["zh_CN"])
        seconds = time.perf_counter() - started
        return startup, seconds, report, cluster.batches_sent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=120, help="synthetic entries")
    parser.add_argument("--catalogs", type=int, default=6)
    parser.add_argument("--threads", type=int, default=2, help="total CTranslate2 threads")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="draft-scale-"))
    try:
        project, untranslated, which = setup(work, args.entries, args.catalogs)
        print(f"model: {which}")
        reset(project, untranslated)
        anchor, local = in_process(project, args.threads)
        expected = {p: p.read_bytes() for p in untranslated}
        sentences = local.sentences_translated
        print(
            f"{len(untranslated)} catalogs, {local.drafted} entries drafted, {sentences} "
            f"sentences to MT, threads {args.threads} in all"
        )
        print(f"in-process ({args.threads} threads):          {anchor:7.2f} s  "
              f"{sentences / anchor:6.1f} sentences/s")  # fmt: skip
        times = {}
        for workers in (1, 2):
            reset(project, untranslated)
            per_worker = max(1, args.threads // workers)
            startup, seconds, report, batches = on_dask(project, workers, per_worker)
            identical = {p: p.read_bytes() for p in untranslated} == expected
            times[workers] = seconds
            print(
                f"dask local:{workers} ({workers}x{per_worker} threads):     {seconds:7.2f} s  "
                f"{sentences / seconds:6.1f} sentences/s  ({batches} batches; cluster start "
                f"{startup:.1f} s, not counted; catalogs identical to in-process: {identical})"
            )
            assert identical and report.summary() == local.summary()
        overhead = 100 * (times[1] - anchor) / anchor
        print(f"Dask overhead at equal resources (1 worker): {overhead:+.1f}% (target <= +15%)")
        scaling = times[1] / times[2]
        print(f"scaling 1 -> 2 workers at {args.threads} threads in all: {scaling:.2f}x")
        print(f"speedup: {anchor / times[2]:.2f}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
