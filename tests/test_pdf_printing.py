"""Printing to PDF works where users call it: in a Jupyter kernel, which runs an asyncio loop."""
import asyncio
import shutil
import subprocess
import threading

import pytest

from yingsu_training.pdf import html_to_pdf, page

pytestmark = pytest.mark.skipif(not shutil.which("chromium") or not shutil.which("pdftotext"),
                                reason="需要 Debian 的 chromium 和 poppler-utils")


def test_a_page_prints_from_inside_a_running_event_loop_as_in_a_jupyter_kernel(tmp_path):
    async def in_a_kernel():
        return html_to_pdf({"反馈.pdf": page("成绩反馈单", "<h1>成绩反馈单</h1><p>张三：三（二）正确</p>")},
                           tmp_path)

    # the kernel's loop runs on a thread of its own: the test session may already run one here
    printed = []
    kernel = threading.Thread(target=lambda: printed.extend(asyncio.run(in_a_kernel())))
    kernel.start()
    kernel.join()
    [pdf] = printed
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "张三：三（二）正确" in text
