"""Shared fixtures. Browser fixtures drive Debian's Chromium through Playwright (headless)."""

from __future__ import annotations

import os
import shutil
import signal
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from browser_support import CHROMIUM, CHROMIUM_ARGS


@dataclass
class PageLog:
    """What a page did: console errors, uncaught exceptions, failed and blocked requests."""

    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    blocked_requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)


@pytest.fixture(scope="session", autouse=True)
def ctrl_c_as_at_a_terminal() -> Iterator[None]:
    """Ctrl-C (SIGINT) raises KeyboardInterrupt for the run, as in a terminal, however the run
    was started: a shell that starts a job with ``&`` or ``nohup`` has it ignored, and the
    tests of what Ctrl-C does would then send one that never arrives."""
    previous = signal.getsignal(signal.SIGINT)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    yield
    signal.signal(signal.SIGINT, previous)


@pytest.fixture(scope="session", autouse=True)
def private_cache_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The sea graphs are built into a folder of this run, never read from or left in the
    user's cache: a test must not pass on what an earlier run (or an older version) left."""
    previous = os.environ.get("CASPIAN_CACHE_DIR")
    os.environ["CASPIAN_CACHE_DIR"] = str(tmp_path_factory.mktemp("caspian-cache"))
    yield
    if previous is None:
        os.environ.pop("CASPIAN_CACHE_DIR", None)
    else:
        os.environ["CASPIAN_CACHE_DIR"] = previous


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    """One headless Chromium for the session (Debian's build; never a downloaded one)."""
    if shutil.which(CHROMIUM) is None:
        # A skipped browser test would let a broken map pass: `make test` installs Chromium,
        # so its absence is a set-up failure, not a reason to skip.
        pytest.fail(f"{CHROMIUM} is missing: run `make chromium` (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def offline_page(chromium: Any) -> Iterator[Callable[..., tuple[Any, PageLog]]]:
    """Factory: a new page in which every request outside ``file:`` and ``data:`` is aborted.

    Returns ``(page, log)``; the log collects console errors, page errors, failed requests,
    blocked requests and dialogs (dialogs are dismissed).
    """
    contexts = []

    def make(viewport: dict[str, int] | None = None) -> tuple[Any, PageLog]:
        context = chromium.new_context(viewport=viewport or {"width": 1280, "height": 800})
        contexts.append(context)
        page = context.new_page()
        log = PageLog()

        def route(route: Any) -> None:
            url = route.request.url
            if url.startswith(("file:", "data:")):
                route.continue_()
            else:
                log.blocked_requests.append(url)
                route.abort()

        def on_dialog(dialog: Any) -> None:
            log.dialogs.append(dialog.message)
            dialog.dismiss()

        page.route("**/*", route)
        page.on("console", lambda msg: msg.type == "error" and log.console_errors.append(msg.text))
        page.on("pageerror", lambda exc: log.page_errors.append(str(exc)))
        page.on("requestfailed", lambda req: log.failed_requests.append(req.url))
        page.on("dialog", on_dialog)
        return page, log

    yield make
    for context in contexts:
        context.close()
