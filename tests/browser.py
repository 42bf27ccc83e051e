"""The suite's one browser driver: Playwright driving Debian's Chromium.

Playwright's own browser download is not reachable from these machines, so the package's
driver launches ``/usr/bin/chromium`` (``apt-get install chromium``). Each page records
console errors, uncaught exceptions and dialogs (dismissed at once), so a test can assert
that nothing went wrong.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
PAGE_FACTS = """() => ({
  title: document.title,
  lang: document.documentElement.lang,
  h1: document.querySelector("h1") && document.querySelector("h1").textContent,
  paragraph: document.querySelector("article p, .target p") &&
             document.querySelector("article p, .target p").textContent,
  scripts: document.scripts.length,
})"""


@dataclass
class Watched:
    """A page and everything wrong it reported."""

    page: Any
    errors: list[str] = field(default_factory=list)


def watch(page: Any) -> Watched:
    watched = Watched(page)
    page.on(
        "console",
        lambda m: (
            watched.errors.append(f"console.{m.type}: {m.text}")
            if m.type in ("error", "assert")
            else None
        ),
    )
    page.on("pageerror", lambda e: watched.errors.append(f"exception: {e}"))

    def dialog(d: Any) -> None:
        watched.errors.append(f"dialog: {d.message}")
        d.dismiss()

    page.on("dialog", dialog)
    return watched


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    """The browser, once per test session (tests carry ``pytest.mark.system("chromium")``)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
        )
        yield browser
        browser.close()


@pytest.fixture
def new_page(chromium: Any) -> Iterator[Any]:
    """A fresh page in its own context (own cookies); closed after the test."""
    contexts = []

    def make(**options: Any) -> Watched:
        context = chromium.new_context(**options)
        contexts.append(context)
        return watch(context.new_page())

    yield make
    for context in contexts:
        context.close()
