"""A review server on a project holding machine drafts of the press release (tiny model)."""

from __future__ import annotations

import contextlib
import shutil
import subprocess
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
import uvicorn

from editions.cli import main
from editions.project import Project, find_project
from editions.web import Review, create_app, free_port
from editions.web.app import COOKIE
from tests.conftest import REPO


def git(root: Path, *args: str) -> str:
    command = ["git", "-c", "user.name=t", "-c", "user.email=t@x", *args]
    return subprocess.run(command, cwd=root, capture_output=True, text=True, check=True).stdout


def drafted_press_release(root: Path, model: Path) -> Project:
    """The press release with every entry a fresh machine draft of the tiny model, in git."""
    text = (REPO / "source" / "deepblue-quzhou.md").read_text(encoding="utf-8")
    return drafted_project(root, model, {"deepblue-quzhou": text})


def drafted_project(root: Path, model: Path, documents: dict[str, str]) -> Project:
    """A project of these documents, every entry a machine draft of the tiny model, in git."""
    (root / "source").mkdir(parents=True)
    for name, text in documents.items():
        (root / "source" / f"{name}.md").write_text(text, encoding="utf-8")
    (root / "locales").mkdir()
    shutil.copy(REPO / "locales" / "glossary.toml", root / "locales")
    (root / "editions.toml").write_text(
        '[editions]\nsource-language = "en"\nlanguages = ["zh_CN"]\n', encoding="utf-8"
    )
    project = ["--project", str(root)]
    for argv in (["init-git"], ["extract"], ["update"], ["models", "install", str(model)]):
        if argv == ["init-git"]:
            git(root, "init", "-q")
            (root / ".gitignore").write_text("/.editions/\n/build/\n", encoding="utf-8")
            continue
        assert main([*argv, *project]) == 0
    assert main(["draft", *project, "--jobs", "1"]) == 0
    git(root, "add", "-A")
    git(root, "commit", "-qm", "drafts")
    return find_project(explicit=root)


@dataclass
class Server:
    project: Project
    review: Review
    url: str
    """The base URL, ``http://127.0.0.1:PORT``."""

    @property
    def entry_url(self) -> str:
        return f"{self.url}/?token={self.review.token}"

    def client(self) -> httpx.Client:
        """An HTTP client holding the token cookie and the CSRF header, as the page does."""
        client = httpx.Client(base_url=self.url, follow_redirects=True)
        client.cookies.set(COOKIE, self.review.token)  # what ?token= is exchanged for
        client.headers["x-csrf-token"] = self.review.csrf
        client.headers["origin"] = self.url
        return client


@contextlib.contextmanager
def serving(project: Project) -> Iterator[Server]:
    """The review server on ``project`` (zh_CN, a named reviewer), on a free loopback port."""
    review = Review(project=project, language="zh_CN", reviewer="Li Wei <li@example.org>")
    port = free_port("127.0.0.1")
    review.hosts = frozenset({f"127.0.0.1:{port}", f"localhost:{port}"})
    config = uvicorn.Config(create_app(review), host="127.0.0.1", port=port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        assert time.monotonic() < deadline, "the review server did not start"
        time.sleep(0.02)
    try:
        yield Server(project, review, f"http://127.0.0.1:{port}")
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture
def review_server(tmp_path: Path, tiny_argosmodel: Path) -> Iterator[Server]:
    with serving(drafted_press_release(tmp_path / "proj", tiny_argosmodel)) as server:
        yield server


def changed_lines(root: Path, reviewer: str = "Li Wei <li@example.org>") -> list[str]:
    """The lines ``git diff`` shows changed in the working tree, the header's record of
    the save (PO-Revision-Date and Last-Translator, as Poedit writes them) checked and left
    out, so a test sees what the save did to entries."""
    diff = git(root, "diff", "-U0")
    changed = [
        line for line in diff.splitlines() if line[:1] in "+-" and line[:3] not in ("+++", "---")
    ]
    fields = ('"PO-Revision-Date:', '"Last-Translator:')
    header = [line for line in changed if line[1:].startswith(fields)]
    for line in header:
        if line.startswith("+"):
            assert line == f'+"Last-Translator: {reviewer}\\n"' or (
                line.startswith('+"PO-Revision-Date: 20') and line.endswith('+0000\\n"')
            ), line
    return [line for line in changed if line not in header]
