"""The Chinese HTML edition in a real browser: headless Chromium over the DevTools pipe.

``--remote-debugging-pipe`` speaks the DevTools protocol over file descriptors 3 and 4
(NUL-separated JSON), so no port, websocket library or network is involved. Console
messages, uncaught exceptions, log entries and JavaScript dialogs are all events there,
which is more reliable than scraping ``--enable-logging`` output.
"""

from __future__ import annotations

import contextlib
import json
import os
import select
import shutil
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest

from editions.render import build
from tests.render_support import make_project, po, press_release_project

CHROMIUM = shutil.which("chromium")
pytestmark = pytest.mark.system("chromium")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--remote-debugging-pipe",
]
PAGE_FACTS = """JSON.stringify({
  title: document.title,
  lang: document.documentElement.lang,
  h1: document.querySelector("h1") && document.querySelector("h1").textContent,
  paragraph: document.querySelector("article p, .target p") &&
             document.querySelector("article p, .target p").textContent,
  scripts: document.scripts.length,
})"""


class DevTools:
    """A headless Chromium driven over the DevTools pipe; collects every error it reports."""

    def __init__(self, profile: Path) -> None:
        assert CHROMIUM is not None
        to_chrome_r, to_chrome_w = os.pipe()
        from_chrome_r, from_chrome_w = os.pipe()
        keep = [os.dup(fd) for fd in (to_chrome_r, from_chrome_w)]  # above 4, safe to dup2
        for fd in (to_chrome_r, from_chrome_w):
            os.close(fd)

        def wire_fds() -> None:
            os.dup2(keep[0], 3)
            os.dup2(keep[1], 4)

        self.process = subprocess.Popen(
            [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", "about:blank"],
            pass_fds=(3, 4),
            preexec_fn=wire_fds,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for fd in keep:
            os.close(fd)
        self.write_fd, self.read_fd = to_chrome_w, from_chrome_r
        self.buffer = b""
        self.next_id = 0
        self.events: list[dict[str, Any]] = []

    def close(self) -> None:
        with contextlib.suppress(OSError, TimeoutError):
            self.call("Browser.close")
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        os.close(self.write_fd)
        os.close(self.read_fd)

    def send(self, method: str, session: str | None = None, **params: Any) -> int:
        self.next_id += 1
        message: dict[str, Any] = {"id": self.next_id, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        os.write(self.write_fd, json.dumps(message).encode() + b"\0")
        return self.next_id

    def call(self, method: str, session: str | None = None, **params: Any) -> dict[str, Any]:
        sent = self.send(method, session, **params)
        while True:
            reply = self._receive(timeout=30)
            if reply.get("id") == sent:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return dict(reply.get("result", {}))
            self._record(reply)

    def _record(self, message: dict[str, Any]) -> None:
        """Keep an event; dismiss a JavaScript dialog at once (it would block the page)."""
        if "method" not in message:
            return  # a late reply to a fire-and-forget command
        self.events.append(message)
        if message["method"] == "Page.javascriptDialogOpening":
            self.send("Page.handleJavaScriptDialog", message.get("sessionId"), accept=False)

    def wait_for(self, method: str, timeout: float = 30) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        for event in self.events:
            if event.get("method") == method:
                return event
        while True:
            event = self._receive(timeout=max(0.1, deadline - time.monotonic()))
            self._record(event)
            if event.get("method") == method:
                return event

    def _receive(self, timeout: float) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while b"\0" not in self.buffer:
            remaining = deadline - time.monotonic()
            ready, _, _ = select.select([self.read_fd], [], [], max(0, remaining))
            if not ready:
                raise TimeoutError("chromium did not answer")
            chunk = os.read(self.read_fd, 1 << 16)
            if not chunk:
                raise OSError("chromium closed the DevTools pipe")
            self.buffer += chunk
        message, _, self.buffer = self.buffer.partition(b"\0")
        return dict(json.loads(message))

    def open(self, url: str) -> tuple[dict[str, Any], list[str]]:
        """Load ``url``; return facts about the page and every error the browser reported."""
        target = self.call("Target.createTarget", url="about:blank")["targetId"]
        session = self.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        for domain in ("Runtime", "Log", "Page"):
            self.call(f"{domain}.enable", session)
        self.events.clear()
        self.call("Page.navigate", session, url=url)
        self.wait_for("Page.loadEventFired")
        self.call(
            "Runtime.evaluate",
            session,
            expression="new Promise(r => setTimeout(r, 200))",
            awaitPromise=True,
        )
        facts = self.call("Runtime.evaluate", session, expression=PAGE_FACTS, returnByValue=True)
        return json.loads(facts["result"]["value"]), errors_in(self.events)


def errors_in(events: list[dict[str, Any]]) -> list[str]:
    """Console errors, uncaught exceptions, error log entries and dialogs among ``events``."""
    found = []
    for event in events:
        method, params = event.get("method"), event.get("params", {})
        if method == "Runtime.exceptionThrown":
            found.append(f"exception: {params['exceptionDetails'].get('text')}")
        elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
            found.append(f"console.{params['type']}: {params.get('args')}")
        elif method == "Log.entryAdded" and params["entry"].get("level") == "error":
            found.append(f"log: {params['entry'].get('text')}")
        elif method == "Page.javascriptDialogOpening":
            found.append(f"dialog: {params.get('message')}")
    return found


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Any:
    devtools = DevTools(tmp_path_factory.mktemp("chromium-profile"))
    yield devtools
    devtools.close()


def test_chinese_edition_renders_in_chromium_without_console_errors(
    browser: DevTools, tmp_path: Path
) -> None:
    project = press_release_project(tmp_path)
    build(project, formats=["html", "bilingual-html"], out_dir=tmp_path / "out")
    facts, errors = browser.open((tmp_path / "out" / "zh_CN" / "deepblue-quzhou.html").as_uri())
    assert errors == []
    assert facts["lang"] == "zh-CN"
    assert facts["title"].startswith("深兰科技") and facts["title"] == facts["h1"]
    assert facts["paragraph"].startswith("2018年11月28日")
    facts, errors = browser.open(
        (tmp_path / "out" / "zh_CN" / "deepblue-quzhou.bilingual.html").as_uri()
    )
    assert errors == []
    assert facts["paragraph"].startswith("2018年11月28日")


def test_injected_script_does_not_run_in_the_browser(browser: DevTools, tmp_path: Path) -> None:
    catalog = po(
        "zh_CN",
        {"Title": "标题", "Body.": '<img src=x onerror="alert(1)"><script>alert(2)</script>'},
    )
    project = make_project(tmp_path, {"doc": "# Title\n\nBody.\n"}, {("zh_CN", "doc"): catalog})
    build(project, formats=["html"], out_dir=tmp_path / "out")
    facts, errors = browser.open((tmp_path / "out" / "zh_CN" / "doc.html").as_uri())
    assert errors == []  # no alert dialog, no exception
    assert facts["scripts"] == 0
    assert "<script>alert(2)</script>" in facts["paragraph"]


def test_the_error_detector_sees_console_errors(browser: DevTools, tmp_path: Path) -> None:
    page = tmp_path / "broken.html"
    page.write_text(
        "<!DOCTYPE html><title>t</title>"
        "<script>console.error('boom'); alert('hi'); undefinedFn();</script>",
        encoding="utf-8",
    )
    _, errors = browser.open(page.as_uri())
    assert any("boom" in e for e in errors) and any(e.startswith("exception") for e in errors)
    assert "dialog: hi" in errors
