"""Fixtures for the browser tests: one JupyterLab server and one Chromium for the whole session.

Debian's Chromium (/usr/bin/chromium) is required. Locally without it the browser tests are
skipped with the install command; on CI (env CI set) they fail instead.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

import pytest

import yingsu_browser as yb


def pytest_terminal_summary(terminalreporter):
    """One line at the end of the run when the browser tests could not run."""
    verdict, message = yb.chromium_verdict(yb.CHROMIUM, os.environ)
    if verdict == "skip":
        terminalreporter.write_line(f"browser tests skipped — {message}", yellow=True, bold=True)
    elif verdict == "fail":
        terminalreporter.write_line(f"browser tests FAILED (CI is set) — {message}", red=True, bold=True)


@pytest.fixture(scope="session")
def chromium_path():
    verdict, message = yb.chromium_verdict(yb.CHROMIUM, os.environ)
    if verdict == "fail":
        pytest.fail(message, pytrace=False)
    if verdict == "skip":
        pytest.skip(message)
    return yb.CHROMIUM


@pytest.fixture(scope="session")
def browser(chromium_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(chromium_path), headless=True, args=yb.CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="session")
def artifacts():
    yb.ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return yb.ARTIFACTS


@pytest.fixture(scope="session")
def lab_root(tmp_path_factory):
    """The server root: notebooks/ (a link, so kernels run in the real folder) and generated fixtures."""
    root = tmp_path_factory.mktemp("lab-root")
    (root / "notebooks").symlink_to(yb.NOTEBOOKS, target_is_directory=True)
    yb.write_harness_notebook(root / "harness" / "样例.ipynb")
    yb.write_harness_notebook(root / "harness" / "出错样例.ipynb", broken=True)
    return root


@pytest.fixture(scope="session")
def lab(chromium_path, lab_root, tmp_path_factory):
    server = yb.start_lab(lab_root, tmp_path_factory.mktemp("lab-home"))
    yield server
    try:
        server.request("POST", "api/shutdown")
    except OSError:
        pass
    server.stop()


@dataclass
class BrowserPage:
    page: object
    console: yb.ConsoleWatch
    blocked: list[str] = field(default_factory=list)

    def assert_clean_console(self) -> None:
        unexpected = self.console.unexpected(self.blocked)
        assert not unexpected, (
            "JavaScript console errors or requests to the network (fix them, or add them with a "
            f"reason to tests/browser/{yb.ALLOWLIST.name}):\n" + "\n".join(unexpected)
        )


def _context(browser):
    context = browser.new_context(viewport=yb.VIEWPORT, locale="zh-CN", timezone_id="Asia/Shanghai")
    context.set_default_timeout(30_000)
    return context


def _watched_page(context, where: str) -> BrowserPage:
    bp = BrowserPage(page=None, console=yb.ConsoleWatch(where))
    bp.page = context.new_page()
    yb.block_outside_requests(bp.page, bp.blocked)
    bp.console.attach(bp.page)
    return bp


@pytest.fixture(scope="session")
def lab_context(browser):
    """One browser context for every JupyterLab page: its cache saves reloading JupyterLab's code."""
    context = _context(browser)
    yield context
    context.close()


@pytest.fixture(scope="session")
def _lab_app_page(lab, lab_context):
    bp = _watched_page(lab_context, "lab")
    yb.load_lab(bp.page, lab)
    yield bp
    bp.page.close()


@pytest.fixture
def lab_app(lab, _lab_app_page):
    """The one JupyterLab page shared by the notebook tests (JupyterLab boots once, not per notebook).

    Console errors and blocked requests are counted per test; a page left unusable is reloaded.
    """
    bp = _lab_app_page
    bp.console.errors.clear()
    bp.blocked.clear()
    if not yb.lab_is_usable(bp.page):
        yb.load_lab(bp.page, lab)
    yield bp


@pytest.fixture
def lab_page(lab_context):
    bp = _watched_page(lab_context, "lab")
    yield bp
    bp.page.close()


@pytest.fixture
def voila_page(browser):
    context = _context(browser)
    bp = _watched_page(context, "voila")
    yield bp
    context.close()
