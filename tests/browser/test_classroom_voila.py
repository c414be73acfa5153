"""The classroom (`make classroom`): one server for the day, in Chinese, in real Chromium.

One server for the module, started with the very commands `make classroom` runs, on a small plan
(00, 04, 10 and the annual exercise set), a roster, a class of one and a cap of three, and idle
kernels culled after a few seconds. The tests run in file order: the trainee's day first, the
full class last.
"""

from __future__ import annotations

import re
import sqlite3
import time
import urllib.parse
from dataclasses import dataclass, field
import urllib.request

import pytest

import yingsu_browser as yb
from interactions import EXERCISE_SET_INTERACTIONS, INTERACTIONS
from yingsu_training.classroom.roster import write_roster

pytestmark = pytest.mark.browser

EXERCISE_SET = "annual-training-2025"
PLAN = f"""title: 测试日
sessions:
  - topic: 导览
    minutes: 30
    lessons: ["00"]
  - topic: 开庭与调解
    lessons: ["04"]
  - topic: 案例研讨
    lessons: ["10"]
  - topic: 结业测试
    exercise_sets: ["{EXERCISE_SET}"]
"""
DAY = ["00-导览.ipynb", "04-配合开庭审理与调解.ipynb", "10-案例研讨.ipynb", f"练习-{EXERCISE_SET}.ipynb"]
TITLE_04 = "五、配合人民法院做好开庭审理工作"
CAP = 3
#: seconds a visitor at the cap waits for a kernel to be freed before the full page
FULL_WAIT = 20
IDLE = 15  # seconds: long enough for a loaded machine to connect a page to its kernel


@pytest.fixture(scope="module")
def day(chromium_path, tmp_path_factory):
    home = tmp_path_factory.mktemp("classroom")
    (home / "plan.yaml").write_text(PLAN, encoding="utf-8")
    write_roster([("张三", "渝中区司法局"), ("李四", "江北区司法局")], home / "名单.xlsx")
    store = home / "answers.sqlite3"
    server = yb.start_classroom(home / "plan.yaml", home, CLASS="1", CAP=str(CAP), FULL_WAIT=str(FULL_WAIT),
                                IDLE=str(IDLE),
                                CULL_EVERY="1", STORE=str(store), ROSTER=str(home / "名单.xlsx"))
    server.store, server.folder = store, home / "classroom"
    try:
        yb.wait_until_classroom_ready(server)
        yield server
    finally:
        server.stop()


@dataclass
class Trainee:
    context: object
    page: object
    console: yb.ConsoleWatch
    blocked: list[str] = field(default_factory=list)

    def assert_clean_console(self) -> None:
        unexpected = self.console.unexpected(self.blocked)
        assert not unexpected, "JavaScript console errors or requests to the network:\n" + "\n".join(unexpected)


@pytest.fixture
def trainee(browser):
    """A trainee's browser: its own context (its own localStorage), console watched."""
    context = browser.new_context(viewport=yb.VIEWPORT, locale="zh-CN", timezone_id="Asia/Shanghai")
    context.set_default_timeout(60_000)
    bp = Trainee(context, context.new_page(), yb.ConsoleWatch("voila"))
    yb.block_outside_requests(bp.page, bp.blocked)
    bp.console.attach(bp.page)
    yield bp
    context.close()


def _answers(store) -> list[dict]:
    with sqlite3.connect(store) as db:
        db.row_factory = sqlite3.Row
        return [dict(r) for r in db.execute("SELECT trainee, unit, on_roster, notebook, question FROM answers")]


def _status(server) -> dict:
    return server.request("GET", "yingsu/status")[1]


def _open_from_landing(page, server, title: str) -> None:
    page.goto(server.url(), wait_until="domcontentloaded")
    page.get_by_role("link", name=title).click()
    page.locator(".yingsu-sign-in").wait_for(state="visible", timeout=120_000)


def _assert_code_hidden(page, notebook: str) -> None:
    html = page.content()
    assert "sign_in(notebook=" not in html and "from yingsu_training" not in html, f"{notebook}: code sent to the browser"
    assert not page.locator(".jp-InputArea-editor, .cm-editor").count(), f"{notebook}: code cells shown"
    errors = [t for t in ("There was an error when executing cell", "Traceback (most recent call last)",
                          "Error displaying widget") if t in html]
    assert not errors, f"{notebook}: {errors}"


def test_the_landing_page_lists_the_days_notebooks_in_the_plans_order_in_chinese(day, trainee):
    page = trainee.page
    page.goto(day.url(), wait_until="domcontentloaded")
    assert page.locator("h1").inner_text() == "测试日"
    links = page.locator("ol.plan a")
    assert links.all_inner_texts() == ["导览：如何使用本工具包", TITLE_04, "案例研讨",
                                       "2025年度行政应诉集中培训结业测试（60分钟）"]
    hrefs = [urllib.parse.unquote(h) for h in links.evaluate_all("els => els.map(e => e.getAttribute('href'))")]
    assert hrefs == [f"/voila/render/{nb}" for nb in DAY]
    assert "签到" in page.locator("main").inner_text()
    trainee.assert_clean_console()


def test_the_login_page_is_chinese(day, trainee):
    page = trainee.page
    page.goto(day.base, wait_until="domcontentloaded")  # no token: the login page
    assert page.locator("h1").inner_text() == "登录课堂"
    assert page.get_by_role("button", name="登录").is_visible()
    page.fill("#password_input", "不对的口令")
    page.get_by_role("button", name="登录").click()
    assert "口令不正确" in page.locator("main").inner_text()
    page.fill("#password_input", day.token)
    page.get_by_role("button", name="登录").click()
    page.locator("h1", has_text="测试日").wait_for()


def test_the_loading_page_is_chinese(day):
    status, html = day.request("GET", "voila/render/" + urllib.parse.quote(DAY[-1]), raw=True, timeout=120)
    html = html.decode()
    assert "正在打开《" in html and "正在准备页面：第 ${cell_index} 步" in html
    assert "Running " not in html and "Executing ${cell_index}" not in html
    kernel = re.search(r'"kernelId": "([-\w]+)"', html).group(1)
    day.request("POST", f"yingsu/release/{kernel}")


def test_the_warm_up_keeps_what_the_class_shares_in_the_classroom_folder(day):
    # 10-案例研讨's data set, its findings and the drawn case's timeline; the lessons' exercises
    kept = {p.name.split("-")[0] for p in (day.folder / ".yingsu-cache").glob("*.pickle")}
    assert {"cases", "findings", "timeline", "exercise"} <= kept


def test_a_cell_that_fails_tells_the_trainee_in_chinese(day):
    # a notebook of the classroom folder whose last cell raises (as a lesson could on a bad server)
    yb.write_harness_notebook(day.folder / "出错样例.ipynb", broken=True)
    status, html = day.request("GET", "voila/render/" + urllib.parse.quote("出错样例.ipynb"), raw=True, timeout=120)
    html = html.decode()
    kernel = re.search(r'"kernelId": "([-\w]+)"', html).group(1)
    day.request("POST", f"yingsu/release/{kernel}")
    assert status == 200
    failed = re.findall(r'class="[^"]*yingsu-cell-error[^"]*"[^>]*>\s*<pre>(.*?)</pre>', html, re.S)
    assert failed == ["页面的这一部分没有正常显示。请告诉教员（原因记录在服务器终端中）。"]
    assert "There was an error" not in html and "ZeroDivisionError" not in html and "1 / 0" not in html


def test_a_page_that_does_not_exist_is_a_chinese_error_page(day):
    import urllib.error

    with pytest.raises(urllib.error.HTTPError) as raised:
        day.request("GET", "voila/render/" + urllib.parse.quote("没有这一课.ipynb"), raw=True)
    page = raised.value.read().decode()
    assert raised.value.code == 404 and "找不到这个页面：请从课程首页打开今天的笔记本。" in page
    assert "Not Found" not in page and "404 :" not in page


def _signed_in(steps) -> list:
    """A notebook's steps for a signed-in trainee: nobody types their name into 学员："""
    return [s for s in steps if getattr(s, "label", None) != "学员："]


def _work_and_reveal(page, store, notebook: str, steps) -> None:
    """Answer and submit; the instructor reveals what was submitted (as on 教员看板); the
    feedback then appears."""
    from yingsu_training.store import open_store

    yb.run_steps(page, [s for s in steps if not isinstance(s, yb.Expect)], timeout_ms=60_000)
    answers = open_store(store)
    deadline, asked, before = time.monotonic() + 30, set(), None
    while not asked or asked != before:  # every answer of the submission is in
        assert time.monotonic() < deadline, f"{notebook}: nothing recorded in the answer store"
        time.sleep(1)
        before, asked = asked, {a["question"] for a in _answers(store) if a["notebook"] == notebook}
    for question in asked:
        answers.reveal(notebook, question)
    yb.run_steps(page, [s for s in steps if isinstance(s, yb.Expect)], timeout_ms=60_000)


def test_a_trainee_signs_in_once_and_every_notebook_of_the_day_records_their_answers(day, trainee, artifacts):
    page = trainee.page
    # the first page asks: the trainee picks their name from the roster, the unit follows
    _open_from_landing(page, day, "导览：如何使用本工具包")
    sign_in = page.locator(".yingsu-sign-in")
    sign_in.get_by_placeholder("姓名").fill("张三")
    sign_in.get_by_placeholder("姓名").dispatch_event("change")
    assert sign_in.get_by_placeholder("单位").input_value() == "渝中区司法局"
    sign_in.get_by_role("button", name="签到").click()
    page.locator(".yingsu-signed-in", has_text="学员：张三（渝中区司法局）").wait_for()
    walk = [("导览：如何使用本工具包", "00-导览", _signed_in(INTERACTIONS["00-导览.md"])),
            (TITLE_04, "04-配合开庭审理与调解", _signed_in(INTERACTIONS["04-配合开庭审理与调解.md"])),
            ("2025年度行政应诉集中培训结业测试（60分钟）", f"练习-{EXERCISE_SET}",
             _signed_in(EXERCISE_SET_INTERACTIONS[EXERCISE_SET]))]
    for n, (title, notebook, steps) in enumerate(walk):
        if n:
            _open_from_landing(page, day, title)
            # every later page knows the trainee: nobody types a name again
            page.locator(".yingsu-signed-in", has_text="学员：张三（渝中区司法局）").wait_for()
        _assert_code_hidden(page, title)
        _work_and_reveal(page, day.store, notebook, steps)
        yb.screenshots(page, artifacts / f"classroom-{notebook}")
        # one live kernel per trainee: the previous page's kernel was given back
        deadline = time.monotonic() + 15
        while _status(day)["live"] != 1 and time.monotonic() < deadline:
            time.sleep(0.5)
        assert _status(day)["live"] == 1
    trainee.assert_clean_console()
    answers = _answers(day.store)
    assert {a["notebook"] for a in answers} == {nb for _, nb, _ in walk}
    assert {(a["trainee"], a["unit"], a["on_roster"]) for a in answers} == {("张三", "渝中区司法局", 1)}
    # the server remembers who signed in on this browser: the landing page shows them their progress
    page.evaluate("localStorage.removeItem('yingsu.trainee')")
    page.goto(day.url(), wait_until="domcontentloaded")
    page.locator(".yingsu-progress", has_text="张三 的学习进度").wait_for()


def test_a_culled_kernels_answers_are_still_there(day, trainee):
    page = trainee.page
    # the trainee's computer goes away without a word: nothing tells the server to stop the kernel
    page.route(re.compile(r".*/(voila/api/shutdown|yingsu/release)/.*"), lambda route: route.abort())
    _open_from_landing(page, day, "2025年度行政应诉集中培训结业测试（60分钟）")
    sign_in = page.locator(".yingsu-sign-in")
    sign_in.get_by_placeholder("姓名").fill("赵六")
    sign_in.get_by_placeholder("单位").fill("沙坪坝区司法局")
    sign_in.get_by_role("button", name="签到").click()
    page.locator(".yingsu-sign-in-note", has_text="名单中没有这个姓名").wait_for()
    _work_and_reveal(page, day.store, f"练习-{EXERCISE_SET}", _signed_in(EXERCISE_SET_INTERACTIONS[EXERCISE_SET]))
    kernel = page.evaluate("() => JSON.parse(document.getElementById('jupyter-config-data').textContent).kernelId")
    trainee.context.close()
    deadline = time.monotonic() + 60
    while not re.search(rf"Culling 'idle' kernel '\w+' \({kernel}\)", day.log_tail(400)):
        assert time.monotonic() < deadline, "the idle kernel was not culled:\n" + day.log_tail()
        time.sleep(1)
    rows = [a for a in _answers(day.store) if a["trainee"] == "赵六"]
    assert rows and {(a["unit"], a["on_roster"]) for a in rows} == {("沙坪坝区司法局", 0)}


def test_when_the_class_is_full_a_new_visitor_gets_the_chinese_full_page(day, browser, trainee):
    path = "voila/render/" + urllib.parse.quote(DAY[-1])
    others = []
    try:
        while _status(day)["live"] < CAP:  # the class fills up: each trainee on their own computer
            context = browser.new_context(viewport=yb.VIEWPORT, locale="zh-CN")
            others.append(context)
            page = context.new_page()
            page.goto(day.url(path), wait_until="domcontentloaded", timeout=120_000)
            page.locator(".yingsu-sign-in").wait_for(state="visible", timeout=120_000)
            assert len(others) <= CAP
        page = trainee.page
        response = page.goto(day.url(path), wait_until="domcontentloaded", timeout=(FULL_WAIT + 60) * 1000)
        assert response.status == 503
        assert page.locator("h1").inner_text() == "教室已满"
        assert f"{CAP} 人同时在线" in page.locator("main").inner_text()
        # a trainee leaves (closes the tab) while the next one waits at the cap: the freed kernel's
        # place goes to the one waiting, not the full page
        leaving = others.pop()
        leaving.pages[0].goto("about:blank")  # the page shuts its kernel down as it is left
        leaving.close()
        response = page.goto(day.url(path), wait_until="domcontentloaded", timeout=(FULL_WAIT + 60) * 1000)
        assert response.status == 200
        page.locator(".yingsu-sign-in, .yingsu-signed-in").first.wait_for(state="visible", timeout=120_000)
    finally:
        for context in others:
            context.close()


def test_the_landing_page_shows_the_signed_in_trainee_their_own_progress(day, trainee):
    from yingsu_training.identity import Trainee as Who
    from yingsu_training.store import open_store

    me = Who("王五", "南岸区司法局")
    answers = open_store(day.store)
    for question, correct in (("landing-q1", True), ("landing-q2", False)):
        answers.record(notebook="00-导览", question=question, answer="A", correct=correct,
                       trainee=me, clause="3.2")
    try:
        _landing_shows_progress(day, trainee)
    finally:  # the other tests find only their own trainee's answers in the day's store
        with sqlite3.connect(day.store) as db:
            db.execute("DELETE FROM answers WHERE trainee = ?", (me.name,))


def _landing_shows_progress(day, trainee) -> None:
    page = trainee.page
    page.goto(day.url(), wait_until="domcontentloaded")
    page.wait_for_load_state("networkidle")
    assert not page.locator(".yingsu-progress").count(), "nobody signed in on this browser: no progress shown"
    # the sign-in remembers the trainee in this browser; the landing page shows them their progress
    page.evaluate("localStorage.setItem('yingsu.trainee', JSON.stringify({name: '王五', unit: '南岸区司法局'}))")
    page.reload(wait_until="domcontentloaded")
    progress = page.locator(".yingsu-progress", has_text="王五 的学习进度")
    progress.wait_for()
    text = progress.inner_text()
    assert "三（二）" in text and "50%（1/2）" in text, text
    assert "下一步" in text
    # asking for another name gets this browser's own trainee still
    other = page.evaluate("fetch('/yingsu/progress?name=' + encodeURIComponent('张三')).then(r => r.text())")
    assert "王五 的学习进度" in other and "张三" not in other
    trainee.assert_clean_console()


def test_nobody_sees_a_trainees_progress_by_asking_for_their_name(day):
    status, body = day.request("GET", "yingsu/progress?" + urllib.parse.urlencode({"name": "张三", "unit": "渝中区司法局"}),
                               raw=True)
    assert (status, body) == (204, b"")
