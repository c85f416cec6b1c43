"""Browser tests for every plugin: one Playwright driver per test session, Debian's Chromium.

Playwright's sync API runs an event loop in the test thread, so a second ``sync_playwright()`` in the
same session fails ("Sync API inside the asyncio loop"). Every plugin therefore launches its browsers
from the one driver of the :func:`playwright_driver` fixture::

    @pytest.fixture(scope="session")
    def browser(playwright_driver):
        launched = launch_chromium(playwright_driver, "--use-fake-device-for-media-stream")
        yield launched
        launched.close()

Nothing is downloaded: the browser is the system's ``/usr/bin/chromium`` (``apt-get install chromium``,
which ``make test`` does); tests are skipped where Playwright or the browser is missing.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = "/usr/bin/chromium"
#: Headless flags for a root container without a GPU, and no traffic of the browser's own.
CHROMIUM_ARGS: tuple[str, ...] = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
)


@pytest.fixture(scope="session")
def playwright_driver() -> Iterator[Any]:
    """The test session's one sync Playwright driver; skips the test without Playwright or Chromium."""
    sync_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).is_file():
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)")
    with sync_api.sync_playwright() as driver:
        yield driver


def launch_chromium(driver: Any, *extra_args: str) -> Any:
    """A headless Debian Chromium launched from ``driver``, with :data:`CHROMIUM_ARGS` plus ``extra_args``."""
    return driver.chromium.launch(executable_path=CHROMIUM, args=[*CHROMIUM_ARGS, *extra_args])
