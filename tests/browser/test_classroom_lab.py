"""`make lab` for instructors and staff: JupyterLab in Simplified Chinese, opening on 00-导览.

JupyterLab is started with the very command `make lab` runs (read from `make -n lab`), with a
private home (settings, workspaces), so what is seen is what the kit's own settings give.
"""

from __future__ import annotations

import json
import secrets
import shlex

import pytest

import yingsu_browser as yb

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def make_lab(chromium_path, tmp_path_factory):
    home = tmp_path_factory.mktemp("make-lab")
    port, token = yb.free_port(), secrets.token_hex(24)
    line = [ln for ln in yb.make_dry_run("lab", PORT=str(port), TOKEN=token) if "jupyter lab" in ln][-1]
    env = yb.jupyter_env(home)
    # no autosave: opening the guide must not rewrite the lesson's source
    for plugin, values in yb.LAB_USER_SETTINGS.items():
        path = home / "config" / "lab" / "user-settings" / (plugin + ".jupyterlab-settings")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values), encoding="utf-8")
    cmd = shlex.split(line) + ["--LabApp.expose_app_in_browser=True", "--ServerApp.port_retries=0",
                               f"--FileCheckpoints.checkpoint_dir={home / 'checkpoints'}"]
    server = yb._spawn("JupyterLab", cmd, env, yb.REPO, home / "lab.log", port, token)
    try:
        server.wait_until_answers("api/status")
        yield server
    finally:
        server.stop()


def test_make_lab_opens_the_guide_with_its_menus_in_chinese(make_lab, lab_page):
    page = lab_page.page
    page.goto(make_lab.url(""), wait_until="domcontentloaded")  # the address make lab prints
    state = yb.wait_for(page, yb._LAB_STATE, "00-导览.md",
                        lambda s: s.get("path") == "00-导览.md", timeout=120, what="make lab opening 00-导览")
    assert state["path"] == "00-导览.md"
    menus = page.locator("#jp-menu-panel .lm-MenuBar-itemLabel").all_inner_texts()
    assert "运行" in menus and "文件" in menus, menus
    # 00-导览 tells the reader to click 运行 → 运行所有单元格: the menu holds exactly that
    guide = (yb.NOTEBOOKS / "00-导览.md").read_text(encoding="utf-8")
    assert "菜单“运行 → 运行所有单元格”" in guide
    page.locator("#jp-menu-panel .lm-MenuBar-itemLabel", has_text="运行").click()
    items = page.locator(".lm-Menu-itemLabel").all_inner_texts()
    page.keyboard.press("Escape")
    assert "运行所有单元格" in items, items
    yb.close_in_lab(page, "00-导览.md")
