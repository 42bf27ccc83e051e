"""An interrupted draft run (SIGKILL mid-way) leaves a valid catalog with its finished drafts."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from editions.catalog import Entry
from editions.pofile import load_catalog
from editions.provenance import read_provenance
from tests.tiny_argos import make_project, write_po

REPO = Path(__file__).resolve().parents[1]

# A slow engine (the test double sleeps per batch) drafting 40 entries, 2 sentences a batch,
# checkpointing after every batch.
SCRIPT = """
import sys, time
from pathlib import Path
from editions.draft import Drafter
from editions.engines.cache import MTCache

class SlowEngine:
    name, version, model = "slow", "1", "slow-model/1"
    def translate_batch(self, sentences, source, target):
        time.sleep(0.05)
        return ["译:" + s for s in sentences]

with MTCache(Path(sys.argv[2])) as cache:
    drafter = Drafter(SlowEngine(), "en", "zh_CN", cache=cache, batch_sentences=2,
                      checkpoint_seconds=0.0)
    drafter.draft_catalog(Path(sys.argv[1]))
"""


def drafted_count(path: Path) -> int:
    return sum(1 for e in load_catalog(path).live() if read_provenance(e) is not None)


def test_killed_run_leaves_a_valid_catalog_and_a_rerun_finishes_it(tmp_path: Path) -> None:
    project = make_project(tmp_path / "proj")
    # distinct words, not numbers: numbers are masked, which would make every sentence alike
    msgids = [f"Paragraph {'abcd'[i // 10]}{'efghijklmn'[i % 10]} is here." for i in range(40)]
    path = write_po(project.po_path("zh_CN", "press"), [Entry(msgid=m) for m in msgids])
    cache = project.cache_dir / "mt.sqlite3"
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    process = subprocess.Popen(
        [sys.executable, "-c", SCRIPT, str(path), str(cache)], env=env, cwd=REPO
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and process.poll() is None:
        if b"machine-draft:" in path.read_bytes() and drafted_count(path) >= 4:
            break
        time.sleep(0.01)
    assert process.poll() is None, "the run ended before it could be interrupted"
    process.send_signal(signal.SIGKILL)
    process.wait()

    catalog = load_catalog(path)  # parses: the checkpoint was atomic
    finished = [e for e in catalog.live() if read_provenance(e) is not None]
    assert 4 <= len(finished) < 40
    for entry in finished:
        assert entry.fuzzy and entry.msgstr == "译:" + entry.msgid
    assert all(not e.has_translation for e in catalog.live() if e not in finished)
    assert [e.msgid for e in catalog.live()] == msgids
    assert not list(path.parent.glob(".*.tmp"))

    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(path), str(cache)], env=env, cwd=REPO, check=True
    )
    assert done.returncode == 0
    assert drafted_count(path) == 40
