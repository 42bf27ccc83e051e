"""How fast the review page answers: approve latency to the bytes on disk, first paint,
and moving to the next entry with its preview, in Chromium.

A generated 50,000-entry catalog of machine drafts (one document of 50,000 paragraphs).
Ours: ``editions review`` served by uvicorn on 127.0.0.1; each approve is an HTTP request
that takes the catalog lock, checks the entry, writes the catalog atomically and answers;
latency is measured from sending the request to the new bytes being on disk (the answer
comes after the rename). Anchor, in the same run: a naive approve that loads the whole
catalog with polib, clears the fuzzy flag of one entry and saves it again. First paint:
headless Chromium (Debian's, via Playwright) from navigation to the queue rendered, best of
three reloads after the first visit. Then, keyboard only in the same browser: Alt+Down (next
entry) and Ctrl+Enter (approve, then the next entry that needs work), each timed from the
key to the next entry shown with its preview highlighted (the page sets ``data-preview``).
Targets: approve p95 under 20 ms, next entry with preview under 150 ms.

    python benchmarks/review_speed.py [--entries 50000] [--approvals 200]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx
import polib
import uvicorn

from editions.catalog import FUZZY, Catalog, Entry
from editions.pofile import catalog_text
from editions.project import find_project
from editions.provenance import Provenance, source_digest, with_provenance
from editions.web import Review, create_app, free_port
from editions.web.app import COOKIE


def make_project(root: Path, entries: int) -> Path:
    (root / "source").mkdir(parents=True)
    paragraphs = [
        f"Paragraph number {i} tells the keepers' story of the lighthouse." for i in range(entries)
    ]
    (root / "source" / "big.md").write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
    (root / "editions.toml").write_text('[editions]\nlanguages = ["zh_CN"]\n', encoding="utf-8")
    drafted = []
    for i, text in enumerate(paragraphs):
        entry = Entry(
            msgid=text,
            msgstr=f"第{i}段讲述了守灯人的灯塔故事。",
            references=(f"source/big.md:{2 * i + 1}",),
            extracted_comments=("paragraph",),
        ).with_flag(FUZZY)
        provenance = Provenance(
            "argos/1.12", "translate-en_zh/1.9", source_digest(text), entry.msgstr
        )
        drafted.append(with_provenance(entry, provenance))
    headers = (
        ("Language", "zh_CN"),
        ("MIME-Version", "1.0"),
        ("Content-Type", "text/plain; charset=UTF-8"),
        ("Content-Transfer-Encoding", "8bit"),
        ("Plural-Forms", "nplurals=1; plural=0;"),
    )
    po = root / "locales" / "zh_CN" / "LC_MESSAGES" / "big.po"
    po.parent.mkdir(parents=True)
    po.write_text(catalog_text(Catalog(headers=headers, entries=tuple(drafted))), encoding="utf-8")
    return po


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def naive_approve(po: Path, index: int) -> float:
    """The anchor: load every entry with polib, clear one fuzzy flag, save everything."""
    start = time.perf_counter()
    catalog = polib.pofile(str(po), wrapwidth=0)
    entry = catalog[index]
    entry.flags = [f for f in entry.flags if f != "fuzzy"]
    catalog.save(str(po))
    return time.perf_counter() - start


def in_browser(url: str, steps: int) -> dict[str, list[float]] | None:
    """First paint (best of three reloads), then ``steps`` Alt+Down and ``steps`` Ctrl+Enter,
    each from the key to the next entry shown with its preview."""
    chromium = shutil.which("chromium")
    if chromium is None:
        return None
    from playwright.sync_api import sync_playwright

    timings: dict[str, list[float]] = {"paint": [], "next": [], "approve_next": []}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.goto(url)  # exchange the token for the cookie once
        page.wait_for_selector("body[data-ready=queue]")
        for _ in range(3):
            start = time.perf_counter()
            page.reload()
            page.wait_for_selector("#queue-list li")
            timings["paint"].append(time.perf_counter() - start)
        page.wait_for_selector("body[data-preview]", timeout=120_000)
        for key, name in (("Alt+ArrowDown", "next"), ("Control+Enter", "approve_next")):
            for _ in range(steps):
                before = page.evaluate("document.body.dataset.preview")
                start = time.perf_counter()
                page.keyboard.press(key)
                page.wait_for_function(
                    "(before) => document.body.dataset.preview !== before",
                    arg=before,
                    timeout=60_000,
                    polling="raf",
                )
                timings[name].append(time.perf_counter() - start)
        browser.close()
    return timings


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=50_000)
    parser.add_argument("--steps", type=int, default=30, help="keys timed in the browser")
    parser.add_argument("--approvals", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "proj"
        po = make_project(root, args.entries)
        project = find_project(explicit=root)
        review = Review(project=project, language="zh_CN", reviewer="Bench <bench@example.org>")
        port = free_port("127.0.0.1")
        review.hosts = frozenset({f"127.0.0.1:{port}"})
        config = uvicorn.Config(create_app(review), host="127.0.0.1", port=port, log_level="error")
        server = uvicorn.Server(config)
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        while not server.started:
            time.sleep(0.01)
        base = f"http://127.0.0.1:{port}"
        client = httpx.Client(base_url=base, cookies={COOKIE: review.token}, timeout=30)
        headers = {"x-csrf-token": review.csrf, "origin": base}
        items = client.get("/api/queue").json()["items"]
        ours: list[float] = []
        for item in items[: args.approvals]:
            body = {**item, "approve": True}
            start = time.perf_counter()
            answer = client.post("/api/save", json=body, headers=headers)
            ours.append(time.perf_counter() - start)
            assert answer.status_code == 200, answer.text
        browser = in_browser(f"{base}/?token={review.token}", args.steps)
        server.should_exit = True
        thread.join(timeout=10)

        anchor = [naive_approve(po, i) for i in range(args.approvals, args.approvals + 10)]
    ours_p50, ours_p95 = statistics.median(ours), percentile(ours, 0.95)
    anchor_p50 = statistics.median(anchor)
    print(f"catalog: {args.entries} entries (machine drafts), {args.approvals} approvals over HTTP")
    print(
        f"ours   approve → bytes on disk: p50 {ours_p50 * 1000:.1f} ms, "
        f"p95 {ours_p95 * 1000:.1f} ms"
    )
    print(f"anchor polib load + save whole catalog: p50 {anchor_p50 * 1000:.1f} ms (10 runs)")
    if browser is None:
        print("in Chromium: not measured (no chromium)")
    else:
        paint = min(browser["paint"]) * 1000
        print(f"first paint of the queue ({args.entries} entries): {paint:.0f} ms")
        for name, what in (
            ("next", "Alt+Down, next entry + preview"),
            ("approve_next", "Ctrl+Enter, approve + next entry + preview"),
        ):
            values = browser[name]
            print(
                f"{what}: p50 {statistics.median(values) * 1000:.0f} ms, "
                f"p95 {percentile(values, 0.95) * 1000:.0f} ms ({len(values)} keys)"
            )
    print(f"speedup: {anchor_p50 / ours_p50:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
