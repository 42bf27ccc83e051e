"""``kill -9`` of the review server during a burst of saves: every acknowledged save is on
disk and the catalog is valid (each save is an atomic rename under the catalog lock)."""

from __future__ import annotations

import contextlib
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx

from editions.pofile import load_catalog
from editions.web.app import COOKIE
from tests.review_support import drafted_press_release


def test_kill_9_during_saves_keeps_every_acknowledged_save(
    tmp_path: Path, tiny_argosmodel: Path
) -> None:
    project = drafted_press_release(tmp_path / "proj", tiny_argosmodel)
    server = subprocess.Popen(
        [sys.executable, "-m", "editions.cli", "review", "--project", str(project.root),
         "--no-browser", "--reviewer", "Li Wei <li@example.org>"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    try:
        assert server.stdout is not None
        line = server.stdout.readline()
        match = re.search(r"(http://127\.0\.0\.1:\d+)/\?token=(\S+)", line)
        assert match, line
        base, token = match.groups()
        page = httpx.get(f"{base}/", params={"token": token}, follow_redirects=False)
        csrf_client = httpx.Client(base_url=base, cookies={COOKIE: token}, timeout=5)
        csrf = re.search(r'name="csrf-token" content="([^"]+)"', csrf_client.get("/").text).group(1)  # type: ignore[union-attr]
        assert page.status_code == 303
        headers = {"x-csrf-token": csrf, "origin": base}
        items = csrf_client.get("/api/queue").json()["items"]
        acknowledged: dict[str, str] = {}
        fingerprints = {item["msgid"]: item["fingerprint"] for item in items}
        deadline = time.monotonic() + 1.5
        round_number = 0
        while time.monotonic() < deadline:
            for item in items:
                text = f"第{round_number}轮：{item['msgid'][:10]}"
                body = {**item, "fingerprint": fingerprints[item["msgid"]], "msgstr": text}
                answer = csrf_client.post("/api/save", json=body, headers=headers)
                assert answer.status_code == 200, answer.text
                fingerprints[item["msgid"]] = answer.json()["item"]["fingerprint"]
                acknowledged[item["msgid"]] = text
            round_number += 1
        # one more burst, killed in the middle of it
        for item in items[:3]:
            body = {**item, "fingerprint": fingerprints[item["msgid"]], "msgstr": "未确认"}
            with contextlib.suppress(httpx.HTTPError):
                csrf_client.post("/api/save", json=body, headers=headers, timeout=0.001)
        os.kill(server.pid, signal.SIGKILL)
        server.wait(timeout=10)
    finally:
        if server.poll() is None:
            server.kill()
    assert round_number >= 2
    po = project.po_path("zh_CN", "deepblue-quzhou")
    catalog = load_catalog(po)  # valid: it parses
    on_disk = {e.msgid: e.msgstr for e in catalog.live()}
    for msgid, text in acknowledged.items():
        assert on_disk[msgid] in (text, "未确认"), (
            msgid
        )  # acknowledged, or the newer unacknowledged
