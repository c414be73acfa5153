"""The class, live: two trainees (the classroom server, as `make classroom` runs it) and the
instructor's page (its own Voilà) open at once.

The trainees' groups judge clauses of the same case in 10-案例研讨; the instructor's page
(notebooks/教员看板.md) shows the distribution update from the answer store; 揭晓下一条 makes the
checker's finding on that one clause appear on both trainees' pages; the group judgments are in
the store with the groups' names.
"""

from __future__ import annotations

import contextlib

import pytest

import yingsu_browser as yb
from yingsu_browser import Choose, Click, Fill

pytestmark = pytest.mark.browser


PLAN = """title: 案例研讨课
sessions:
  - topic: 案例研讨
    lessons: ["10"]
"""


@contextlib.contextmanager
def classroom(home, store):
    """The trainees' server, started as `make classroom` starts it, recording into `store`."""
    (home / "plan.yaml").parent.mkdir(parents=True, exist_ok=True)
    (home / "plan.yaml").write_text(PLAN, encoding="utf-8")
    server = yb.start_classroom(home / "plan.yaml", home, CLASS="2", CAP="4", STORE=str(store))
    try:
        yb.wait_until_classroom_ready(server)
        yield server
    finally:
        server.stop()


@contextlib.contextmanager
def board(notebook, home):
    """The instructor's page in a Voilà of its own on loopback (beside the classroom)."""
    import secrets
    import sys

    port, token = yb.free_port(), secrets.token_hex(24)
    home.mkdir(parents=True, exist_ok=True)
    cmd = [sys.executable, "-m", "voila", "--no-browser", f"--port={port}", "--Voila.ip=127.0.0.1",
           "--strip_sources=True", "--VoilaConfiguration.extension_denylist=jupyterlab-jupytext",
           f"--token={token}", str(notebook)]
    server = yb._spawn("Voilà", cmd, yb.jupyter_env(home), notebook.parent, home / "voila.log", port, token)
    try:
        server.wait_until_answers("voila/static/voila.js")
        yield server
    finally:
        server.stop()


def _open(context, server, path=""):
    page = context.new_page()
    blocked: list[str] = []
    yb.block_outside_requests(page, blocked)
    page.goto(server.url(path), wait_until="domcontentloaded", timeout=120_000)
    page.locator(yb.MAIN).first.wait_for(state="visible", timeout=120_000)
    return page


def test_two_trainees_answer_the_instructor_sees_it_live_and_reveals_one_clause(
        browser, tmp_path, monkeypatch, artifacts):
    from playwright.sync_api import expect

    from yingsu_training.lessons import build_ipynb
    from yingsu_training.store import Store

    shared = tmp_path / "class.sqlite3"
    plain_env = yb.jupyter_env

    def classroom_env(home):  # one store for every kernel of the class; widgets poll every second
        env = plain_env(home)
        env.update(YINGSU_STORE=str(shared), YINGSU_POLL_SECONDS="1")
        return env

    monkeypatch.setattr(yb, "jupyter_env", classroom_env)
    panel_nb = build_ipynb(yb.NOTEBOOKS / "教员看板.md")
    context = browser.new_context(viewport=yb.VIEWPORT, locale="zh-CN", timezone_id="Asia/Shanghai")
    context.set_default_timeout(60_000)
    others = []
    try:
        with classroom(tmp_path / "home-class", shared) as lesson, board(panel_nb, tmp_path / "home-panel") as page_server:
            instructor = _open(context, page_server)
            chart = instructor.locator(".yingsu-distribution")
            expect(chart).to_contain_text("还没有任何作答")
            trainees = []
            for group, first, second in (("第一组", "违反", "合规"), ("第二组", "违反", "违反")):
                # each group at a computer of its own: a browser keeps one live kernel per trainee
                # (opening a second page there gives the first page's kernel back)
                own = browser.new_context(viewport=yb.VIEWPORT, locale="zh-CN", timezone_id="Asia/Shanghai")
                own.set_default_timeout(60_000)
                others.append(own)
                page = _open(own, lesson, "voila/render/10-案例研讨.ipynb")
                yb.run_steps(page, [Choose(first, nth=0), Choose(second, nth=1), Fill(group, label="小组："),
                                    Click("提交小组判断")])
                expect(page.locator(".yingsu-group-status")).to_contain_text(f"已提交{group}对 2 条的判断")
                trainees.append(page)
            # the instructor's page follows the store: on its first clause, two groups judged 违反
            expect(chart).to_contain_text("共 2 份作答", timeout=60_000)
            expect(chart.locator(".yingsu-bar[data-answer='违反']")).to_have_attribute("data-count", "2")
            expect(instructor.locator(".yingsu-who")).to_contain_text("第一组")
            expect(instructor.locator(".yingsu-who")).to_contain_text("第二组")
            for page in trainees:   # submitting revealed nothing
                assert page.locator(".yingsu-revealed").count() == 0
            yb.run_steps(instructor, [Click("揭晓下一条")])
            expect(instructor.locator(".yingsu-reveal-state")).to_contain_text("已揭晓条款")
            for page in trainees:
                expect(page.locator(".yingsu-revealed")).to_have_count(1, timeout=60_000)
                expect(page.locator(".yingsu-revealed")).to_contain_text("检查结论")
            instructor.screenshot(path=str(artifacts / "教员看板.png"), full_page=True)
            trainees[0].screenshot(path=str(artifacts / "案例研讨-学员.png"), full_page=True)
    finally:
        for c in (context, *others):
            c.close()
    rows = Store(shared).rows(kind="group")
    assert len(rows) == 4 and {a.grp for a in rows} == {"第一组", "第二组"}
    assert {a.notebook for a in rows} == {"10-案例研讨"} and len({a.question for a in rows}) == 1
