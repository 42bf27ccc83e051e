"""Print HTML editions to PDF with headless Chromium, one browser for a whole build.

Chromium speaks the DevTools protocol over file descriptors 3 and 4 when started with
``--remote-debugging-pipe`` (NUL-separated JSON), so no port, websocket or network is used.
``Page.printToPDF`` with ``preferCSSPageSize`` lets the print stylesheet decide the paper
(``@page { size: A4 }``), the margins and the page-number boxes; Chromium embeds a subset
of every font it used.

Chromium stamps each PDF with the time it was printed; :func:`reproducible` overwrites the
stamp in place (same length, so the cross-reference offsets stay valid) with the release
date, so the same edition prints to the same bytes.
"""

from __future__ import annotations

import base64
import contextlib
import datetime
import fcntl
import json
import os
import queue
import re
import select
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from types import TracebackType
from typing import Any

from editions.errors import ProjectError

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--font-render-hinting=none",
    "--remote-debugging-pipe",
)
_TIMEOUT_S = 60.0
PAGES_PER_BROWSER = 8


def find_chromium() -> str:
    """The Chromium to print with: ``$EDITIONS_CHROMIUM``, else the first on PATH."""
    configured = os.environ.get("EDITIONS_CHROMIUM")
    if configured:
        found = shutil.which(configured)
        if found is None:
            raise ProjectError(
                f"EDITIONS_CHROMIUM={configured!r} is not an executable",
                hint="point it at a Chromium or Chrome binary, or unset it",
            )
        return found
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    raise ProjectError(
        "PDF editions are printed by headless Chromium, which was not found",
        hint="install it (Debian/Ubuntu: 'apt-get install chromium fonts-noto-cjk') "
        "or set EDITIONS_CHROMIUM to its path",
    )


def identity(executable: str) -> str:
    """What tells one Chromium install from another, cheaply (no process started): its
    resolved path, size and modification time. An upgrade changes it, so PDFs reprint."""
    resolved = Path(shutil.which(executable) or executable).resolve()
    try:
        stat = resolved.stat()
    except OSError as exc:
        raise ProjectError(f"cannot read {resolved}: {exc.strerror}") from exc
    return f"{resolved}:{stat.st_size}:{stat.st_mtime_ns}"


class PrintError(ProjectError):
    """Chromium failed to start, load a page or print it."""


class Printer:
    """A headless Chromium that prints local HTML files to PDF bytes; use as a context."""

    def __init__(self, executable: str | None = None) -> None:
        self.executable = (
            (shutil.which(executable) or executable) if executable else find_chromium()
        )
        self._profile = tempfile.TemporaryDirectory(prefix="editions-chromium-")
        self._process: subprocess.Popen[bytes] | None = None
        self._buffer = b""
        self._next_id = 0
        self._events: list[dict[str, Any]] = []
        self.version = ""
        """The browser's product and version (``Chrome/156.0.8078.114``) once started."""

    def __enter__(self) -> Printer:
        self._start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def _start(self) -> None:
        to_chrome_r, to_chrome_w = os.pipe()
        from_chrome_r, from_chrome_w = os.pipe()
        # Chromium reads the pipe on fd 3 and writes on fd 4. A tiny Python shim puts the
        # child's ends there in the child alone, then execs Chromium: no preexec_fn (unsafe
        # with threads) and no dependence on what fds 3 and 4 are in this process, so
        # printers may start side by side from several threads (print_pages). The ends are
        # first copied above 9, so that moving one onto 3 cannot overwrite the other (and
        # /bin/sh could not be used: dash refuses fd numbers above 9).
        child = [fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 10) for fd in (to_chrome_r, from_chrome_w)]
        os.close(to_chrome_r)
        os.close(from_chrome_w)
        shim = (
            "import os, sys; os.dup2(int(sys.argv[1]), 3); os.dup2(int(sys.argv[2]), 4); "
            "os.close(int(sys.argv[1])); os.close(int(sys.argv[2])); "
            "os.execv(sys.argv[3], sys.argv[3:])"
        )
        try:
            self._process = subprocess.Popen(
                [sys.executable, "-I", "-S", "-c", shim, *map(str, child), self.executable,
                 *_FLAGS, f"--user-data-dir={self._profile.name}"],
                pass_fds=tuple(child),
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )  # fmt: skip
        except OSError as exc:
            for fd in (*child, to_chrome_w, from_chrome_r):
                os.close(fd)
            raise PrintError(f"cannot start {self.executable}: {exc}") from exc
        for fd in child:
            os.close(fd)
        self._write_fd, self._read_fd = to_chrome_w, from_chrome_r
        try:
            self.version = str(self._call("Browser.getVersion").get("product", ""))
        except PrintError:
            self.close()
            raise

    def close(self) -> None:
        if self._process is None:
            return
        with contextlib.suppress(OSError, PrintError):
            self._send("Browser.close")
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        os.close(self._write_fd)
        os.close(self._read_fd)
        self._process = None
        self._profile.cleanup()

    def print_pdf(self, page: Path) -> bytes:
        """The PDF Chromium prints of the local HTML file ``page`` (its print stylesheet)."""
        target = self._call("Target.createTarget", url="about:blank")["targetId"]
        session = self._call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        try:
            self._call("Page.enable", session)
            self._events.clear()
            navigated = self._call("Page.navigate", session, url=page.resolve().as_uri())
            if navigated.get("errorText"):
                raise PrintError(f"Chromium cannot open {page}: {navigated['errorText']}")
            self._wait_for("Page.loadEventFired", session)
            self._call(
                "Runtime.evaluate", session, expression="document.fonts.ready", awaitPromise=True
            )
            printed = self._call(
                "Page.printToPDF",
                session,
                preferCSSPageSize=True,
                printBackground=True,
                displayHeaderFooter=False,
                generateTaggedPDF=True,
                generateDocumentOutline=True,
            )
        finally:
            self._call("Target.closeTarget", targetId=target)
        return base64.b64decode(printed["data"])

    # -- the pipe ------------------------------------------------------------------------------

    def _send(self, method: str, session: str | None = None, **params: Any) -> int:
        if self._process is None:
            raise PrintError("the printer is not started (use it as a context manager)")
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        try:
            os.write(self._write_fd, json.dumps(message).encode() + b"\0")
        except OSError as exc:
            raise PrintError(f"Chromium went away: {exc}") from exc
        return self._next_id

    def _call(self, method: str, session: str | None = None, **params: Any) -> dict[str, Any]:
        sent = self._send(method, session, **params)
        while True:
            reply = self._receive()
            if reply.get("id") == sent:
                if "error" in reply:
                    raise PrintError(f"Chromium refused {method}: {reply['error']}")
                return dict(reply.get("result", {}))
            if "method" in reply:
                self._events.append(reply)

    def _wait_for(self, method: str, session: str) -> None:
        while True:
            for event in self._events:
                if event.get("method") == method and event.get("sessionId") == session:
                    return
            self._events.append(self._receive())

    def _receive(self) -> dict[str, Any]:
        deadline = time.monotonic() + _TIMEOUT_S
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            ready, _, _ = select.select([self._read_fd], [], [], max(left, 0))
            if not ready:
                raise PrintError(f"Chromium did not answer within {_TIMEOUT_S:g} s")
            chunk = os.read(self._read_fd, 1 << 20)
            if not chunk:
                raise PrintError("Chromium exited while printing")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return dict(json.loads(message))


def print_pages(pages: list[Path], executable: str, workers: int = 0) -> tuple[list[bytes], str]:
    """The PDF of each page, in order, and the browser version that printed them.

    Several browsers print side by side (``workers``; 0: one per CPU, at most 4, and one per
    :data:`PAGES_PER_BROWSER` pages, since starting a browser costs about as much as printing
    that many): a page's layout and print run in its renderer process, so separate browsers
    use separate cores.
    """
    automatic = min(os.cpu_count() or 1, 4, len(pages) // PAGES_PER_BROWSER)
    count = max(1, min(workers or automatic, len(pages)))
    results: list[bytes | None] = [None] * len(pages)
    pending: queue.SimpleQueue[int] = queue.SimpleQueue()
    for index in range(len(pages)):
        pending.put(index)
    versions: list[str] = []

    def work() -> None:
        with Printer(executable) as printer:
            versions.append(printer.version)
            while True:
                try:
                    index = pending.get_nowait()
                except queue.Empty:
                    return
                results[index] = printer.print_pdf(pages[index])

    with ThreadPoolExecutor(max_workers=count) as pool:
        for future in [pool.submit(work) for _ in range(count)]:
            future.result()  # the first failure is raised here
    return [pdf for pdf in results if pdf is not None], versions[0] if versions else ""


_DATE = re.compile(rb"/(CreationDate|ModDate) \(D:[0-9]{14}")


def reproducible(pdf: bytes, epoch: int) -> bytes:
    """``pdf`` with its creation and modification dates set to ``epoch`` (UTC).

    Skia writes ``(D:YYYYMMDDHHmmSS+00'00')``; only the 14 digits change, so no byte offset
    moves. (It writes no document ID, the other varying field PDFs may carry.)
    """
    stamp = datetime.datetime.fromtimestamp(epoch, tz=datetime.timezone.utc)
    digits = stamp.strftime("%Y%m%d%H%M%S").encode()
    return _DATE.sub(lambda match: b"/" + match.group(1) + b" (D:" + digits, pdf)
