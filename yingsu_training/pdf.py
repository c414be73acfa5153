"""HTML pages printed to PDF with the Debian Chromium the kit already uses (headless, offline).

    html_to_pdf({"张三.pdf": html, ...}, folder)   one browser for many files

Playwright's Python client drives ``/usr/bin/chromium`` (``executable_path``; it never downloads
a browser); without Playwright, ``chromium --headless --print-to-pdf`` prints each file. The
browser may fetch nothing: pages are self-contained, and every request that is not the page
itself is refused. ``$YINGSU_CHROMIUM`` names another Chromium.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ENV_CHROMIUM = "YINGSU_CHROMIUM"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]

#: print CSS shared by every page the kit prints: A4, Noto CJK, a page break before each section
PRINT_CSS = """
@page { size: A4; margin: 16mm 14mm 16mm 14mm; }
body { font-family: "Noto Serif CJK SC", "Noto Sans CJK SC", serif; font-size: 10.5pt; color: #000; }
h1 { font-size: 17pt; text-align: center; margin: 0 0 6pt; }
h2 { font-size: 13pt; margin: 12pt 0 4pt; }
h3 { font-size: 11pt; margin: 8pt 0 3pt; }
table { border-collapse: collapse; width: 100%; margin: 4pt 0; }
th, td { border: 0.6pt solid #444; padding: 3pt 4pt; vertical-align: top; text-align: left; }
th { background: #eee; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
.section { break-before: page; }
.section:first-of-type { break-before: auto; }
.meta { text-align: center; color: #333; margin-bottom: 8pt; }
.quote { color: #333; font-size: 9.5pt; }
.blank { display: inline-block; min-width: 40mm; border-bottom: 0.6pt solid #000; }
"""


class PdfError(RuntimeError):
    """The PDF could not be printed (message in Chinese)."""


def chromium() -> str:
    for c in (os.environ.get(ENV_CHROMIUM), "/usr/bin/chromium", shutil.which("chromium"),
              shutil.which("chromium-browser")):
        if c and Path(c).exists():
            return c
    raise PdfError("找不到 Chromium 浏览器，无法生成 PDF：请安装 Debian 的 chromium"
                   "（apt-get install chromium fonts-noto-cjk），或用环境变量 YINGSU_CHROMIUM 指定其路径")


def page(title: str, body: str) -> str:
    import html
    return (f"<!DOCTYPE html><html lang='zh-CN'><head><meta charset='utf-8'><title>{html.escape(title)}"
            f"</title><style>{PRINT_CSS}</style></head><body>{body}</body></html>")


def html_to_pdf(pages: dict[str, str], folder: str | Path) -> list[Path]:
    """Print each ``{file name: html}`` to ``folder/file name``; returns the PDF paths."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    exe = chromium()
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        sources = []
        for i, (name, text) in enumerate(pages.items()):
            src = Path(tmp) / f"{i}.html"
            src.write_text(text, encoding="utf-8")
            sources.append((src, folder / name))
        try:
            from playwright.sync_api import sync_playwright
        except ImportError:  # pragma: no cover - Playwright is a dependency
            sync_playwright = None
        if sync_playwright is not None:
            # Playwright's sync client refuses to run inside a running asyncio loop (a Jupyter
            # kernel has one, and so may a test session): it always runs on a thread of its own.
            with ThreadPoolExecutor(max_workers=1) as pool:
                out.extend(pool.submit(_print_with_playwright, sync_playwright, exe, sources).result())
        else:  # pragma: no cover
            for src, target in sources:
                done = subprocess.run([exe, "--headless", *ARGS, "--no-pdf-header-footer",
                                       f"--print-to-pdf={target}", src.as_uri()],
                                      capture_output=True, text=True, timeout=120)
                if done.returncode or not target.exists():
                    raise PdfError(f"Chromium 未能生成 {target.name}：{done.stderr[-300:]}")
                out.append(target)
    return out


def _print_with_playwright(sync_playwright, exe: str, sources) -> list[Path]:
    out = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=exe, headless=True, args=ARGS)
        try:
            pg = browser.new_page()
            pg.route("**/*", lambda route: route.continue_()
                     if route.request.url.startswith("file://") else route.abort())
            for src, target in sources:
                pg.goto(src.as_uri(), wait_until="load")
                pg.pdf(path=str(target), format="A4", print_background=True,
                       prefer_css_page_size=True)
                out.append(target)
        finally:
            browser.close()
    return out
