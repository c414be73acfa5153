"""The classroom: the day's plan, the built notebooks, the sign-in, the roster, the pools' sizes."""
from __future__ import annotations

import json

import nbformat
import pytest

from yingsu_training import identity
from yingsu_training.classroom.app import latecomers, pool_sizes
from yingsu_training.classroom.build import MANIFEST, build_classroom, classroom_text
from yingsu_training.classroom.plan import PlanError, load_plan
from yingsu_training.classroom.roster import ENV_ROSTER, Person, RosterError, read_roster, write_roster
from yingsu_training.classroom.signin import NOT_ON_ROSTER, SignIn, sign_in


@pytest.fixture(autouse=True)
def _nobody_signed_in():
    identity.clear()
    yield
    identity.clear()


def _plan(tmp_path, text: str):
    path = tmp_path / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    return path


# ------------------------------------------------------------------------------------------
# the plan


def test_the_half_day_plan_lists_the_lessons_of_the_instructors_guide_in_its_order():
    plan = load_plan("半天")
    assert plan.title == "行政应诉集中培训（半天）"
    assert [it.notebook for it in plan.items] == [
        "00-导览.ipynb", "02-答辩举证.ipynb", "03-出庭应诉.ipynb", "05-履行生效裁判.ipynb",
        "08-司法建议与行政复议.ipynb", "10-案例研讨.ipynb", "练习-annual-training-2025.ipynb"]
    assert plan.items[0].title == "导览：如何使用本工具包"
    assert plan.items[-1].kind == "exercise_set"


def test_an_instructor_can_put_the_day_in_another_order(tmp_path):
    path = _plan(tmp_path, "title: 下午\nsessions:\n  - lessons: ['10']\n  - lessons: ['00', '3']\n")
    assert load_plan(path).notebooks == ["10-案例研讨.ipynb", "00-导览.ipynb", "03-出庭应诉.ipynb"]


@pytest.mark.parametrize(("text", "problem"), [
    ("title: x\n", "缺少 sessions"),
    ("sessions:\n  - lessons: ['99']\n", "notebooks/ 中没有编号为 99 的笔记本"),
    ("sessions:\n  - exercise_sets: [no-such-set]\n", "exercises/sets/ 中没有练习集 no-such-set"),
    ("sessions:\n  - topic: 空\n", "第1个时段：没有写 lessons 或 exercise_sets"),
    ("sessions:\n  - lessons: ['00']\n  - lessons: ['00']\n", "已在前面的时段出现"),
    ("sessions:\n  - lessons: ['00']\n    minutes: 半小时\n", "minutes 应为分钟数"),
    ("sessions: [\n", "不是有效的 YAML"),
])
def test_a_plan_with_mistakes_is_a_chinese_error_naming_the_session(tmp_path, text, problem):
    with pytest.raises(PlanError) as err:
        load_plan(_plan(tmp_path, text))
    assert problem in str(err.value)


def test_every_problem_of_a_plan_is_reported_at_once(tmp_path):
    path = _plan(tmp_path, "sessions:\n  - lessons: ['98']\n  - lessons: ['99']\n")
    with pytest.raises(PlanError) as err:
        load_plan(path)
    assert len(err.value.problems) == 2


def test_a_missing_plan_file_names_the_plans_the_kit_ships():
    with pytest.raises(PlanError, match="半天"):
        load_plan("没有这个安排.yaml")


# ------------------------------------------------------------------------------------------
# the built classroom folder


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("day") / "classroom"
    build_classroom(load_plan("半天"), out)
    return out


def _cells(path):
    return nbformat.read(path, as_version=4).cells


def test_the_build_writes_every_notebook_of_the_plan_and_the_manifest_in_order(built):
    manifest = json.loads((built / MANIFEST).read_text(encoding="utf-8"))
    assert [nb["file"] for nb in manifest["notebooks"]] == load_plan("半天").notebooks
    assert all((built / nb["file"]).exists() for nb in manifest["notebooks"])
    assert manifest["notebooks"][1]["topic"] == "答辩举证与出庭应诉（期限计算、出庭情景）"


@pytest.mark.parametrize("notebook", ["00-导览.ipynb", "10-案例研讨.ipynb", "练习-annual-training-2025.ipynb"])
def test_every_classroom_notebook_signs_the_trainee_in_right_under_its_title(built, notebook):
    cells = _cells(built / notebook)
    assert cells[0].cell_type == "markdown" and cells[0].source.startswith("# ")
    assert "sign_in(notebook=" in cells[1].source
    assert sum("sign_in(" in c.source for c in cells) == 1


@pytest.mark.parametrize(("notebook", "absent"), [
    ("00-导览.ipynb", "运行所有单元格"),
    ("00-导览.ipynb", "教师请先读"),
    ("10-案例研讨.ipynb", "make classroom"),
    ("练习-annual-training-2025.ipynb", "在 JupyterLab 中"),
    ("练习-annual-training-2025.ipynb", "set_trainee"),
    ("练习-annual-training-2025.ipynb", "请填写姓名"),
])
def test_nothing_meant_for_instructors_or_jupyterlab_users_reaches_the_trainees_page(built, notebook, absent):
    text = "\n".join(c.source for c in _cells(built / notebook))
    assert absent not in text


def test_the_guide_tells_classroom_trainees_how_to_go_on(built):
    text = "\n".join(c.source for c in _cells(built / "00-导览.ipynb"))
    assert "回到课程首页，打开今天的下一个笔记本。" in text
    assert "<!--" not in text


def test_a_notebook_dropped_from_the_plan_is_no_longer_served(tmp_path):
    out = tmp_path / "classroom"
    build_classroom(load_plan("半天"), out)
    build_classroom(load_plan(_plan(tmp_path, "sessions:\n  - lessons: ['00']\n")), out)
    assert sorted(p.name for p in out.glob("*.ipynb")) == ["00-导览.ipynb"]


@pytest.mark.parametrize(("markdown", "classroom"), [
    ("甲\n\n<!-- lab-only -->\n在 JupyterLab 中运行。\n第二行。\n\n乙", "甲\n\n乙"),
    ("<!-- classroom-only\n回到首页。\n-->", "回到首页。"),
    ("<!-- lab-only -->\n只在实验室。", ""),
    ("普通段落。", "普通段落。"),
])
def test_lab_only_paragraphs_are_dropped_and_classroom_only_text_shown(markdown, classroom):
    assert classroom_text(markdown) == classroom


# ------------------------------------------------------------------------------------------
# the sign-in and the roster


def test_signing_in_in_the_browser_makes_the_kernel_know_the_trainee():
    widget = SignIn()
    widget.name, widget.unit = "张三", "渝中区司法局"
    assert identity.current() == identity.Trainee("张三", "渝中区司法局", None)


def test_a_name_on_the_roster_is_marked_so_and_one_not_on_it_is_flagged_for_the_instructor():
    roster = [Person("张三", "渝中区司法局"), Person("李四", "")]
    widget = SignIn(roster=roster)
    widget.name = "李四"
    assert identity.current().on_roster is True and widget.flag == ""
    widget.name = "王五"
    assert identity.current().on_roster is False
    assert widget.flag == NOT_ON_ROSTER


def test_the_roster_is_sent_to_the_browser_for_picking_a_name():
    widget = SignIn(roster=[Person("张三", "渝中区司法局")])
    assert widget.roster == [{"name": "张三", "unit": "渝中区司法局"}]


def test_signing_out_in_the_browser_forgets_the_trainee():
    widget = SignIn()
    widget.name = "张三"
    widget.name = ""
    assert identity.current() is None


def test_the_sign_in_cell_reads_the_roster_the_server_was_given(tmp_path, monkeypatch):
    monkeypatch.setenv(ENV_ROSTER, str(write_roster([("张三", "渝中区司法局")], tmp_path / "名单.xlsx")))
    monkeypatch.delenv("JPY_SESSION_NAME", raising=False)
    widget = sign_in(notebook="02-答辩举证")
    assert widget.roster == [{"name": "张三", "unit": "渝中区司法局"}]
    import os
    assert os.environ["JPY_SESSION_NAME"] == "02-答辩举证"


def test_the_roster_the_server_was_given_comes_before_a_roster_beside_the_notebook(tmp_path, monkeypatch):
    from yingsu_training.classroom.roster import class_roster, roster_path

    write_roster([("王五", "")], tmp_path / "名单.xlsx")
    given = write_roster([("张三", "渝中区司法局")], tmp_path / "今天的名单.xlsx")
    monkeypatch.setenv(ENV_ROSTER, str(given))
    assert roster_path(tmp_path) == given
    assert class_roster(tmp_path) == [Person("张三", "渝中区司法局")]


def test_without_a_roster_from_the_server_the_roster_beside_the_notebook_is_read(tmp_path, monkeypatch):
    from yingsu_training.classroom.roster import class_roster, roster_path

    monkeypatch.delenv(ENV_ROSTER, raising=False)
    assert roster_path(tmp_path) is None and class_roster(tmp_path) is None
    write_roster([("王五", "")], tmp_path / "名单.xlsx")
    assert class_roster(tmp_path) == [Person("王五", "")]


@pytest.fixture(autouse=True)
def pool_kernel(monkeypatch):
    """A kernel's own polling state, as in a fresh kernel of a pool (no page attached yet); the
    sign-in's hold on pollers does not outlive a test."""
    import threading

    from yingsu_training.widgets import live

    monkeypatch.setattr(live, "_held", threading.Event())
    monkeypatch.setattr(live, "_page", threading.Event())
    monkeypatch.setattr(live, "_waiting", [])
    return live


def test_a_paced_quiz_in_a_kernel_waiting_in_its_pool_polls_only_once_a_trainees_page_shows_the_sign_in(
        tmp_path, pool_kernel):
    from yingsu_training.store import Store
    from yingsu_training.widgets import Quiz

    widget = sign_in(notebook="02-答辩举证")
    quiz = Quiz([{"prompt": "答辩期间从哪一天开始计算？", "options": ["当日", "次日"], "answer": 1, "clause": "3.2"}],
                notebook="02-答辩举证", store=Store(tmp_path / "a.sqlite3"), paced=True)
    try:
        assert quiz.poller.waiting and not quiz.poller.running
        widget._handle_custom_msg({"event": "page"}, [])  # what the sign-in's browser side sends
        assert quiz.poller.running and not quiz.poller.waiting
    finally:
        quiz.poller.stop()


def test_a_paced_quiz_outside_the_classroom_notebooks_polls_at_once(tmp_path, pool_kernel):
    from yingsu_training.store import Store
    from yingsu_training.widgets import Quiz

    quiz = Quiz([{"prompt": "答辩期间从哪一天开始计算？", "options": ["当日", "次日"], "answer": 1, "clause": "3.2"}],
                notebook="02-答辩举证", store=Store(tmp_path / "a.sqlite3"), paced=True)
    try:
        assert quiz.poller.running
    finally:
        quiz.poller.stop()


def test_a_roster_workbook_is_read_in_its_order_skipping_blank_rows(tmp_path):
    path = write_roster([("张三", "渝中区司法局"), ("", ""), ("李四", ""), ("=1+1", "甲")], tmp_path / "名单.xlsx")
    assert read_roster(path) == [Person("张三", "渝中区司法局"), Person("李四", ""), Person("=1+1", "甲")]


def test_a_roster_without_a_name_column_is_a_chinese_error(tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.append(["名字", "单位"])
    wb.save(tmp_path / "名单.xlsx")
    with pytest.raises(RosterError, match="应有“姓名”一列"):
        read_roster(tmp_path / "名单.xlsx")


def test_a_roster_that_is_not_a_workbook_is_a_chinese_error(tmp_path):
    path = tmp_path / "名单.xlsx"
    path.write_text("不是工作簿", encoding="utf-8")
    with pytest.raises(RosterError, match="无法读取名单"):
        read_roster(path)


# ------------------------------------------------------------------------------------------
# kernel pools


@pytest.mark.parametrize(("class_size", "max_kernels", "sizes"), [
    # everybody opens the first notebook together: one kernel each, plus spare
    (120, 400, [126, 120, 120, 34]),
    # memory for few more: later notebooks share what is left, in plan order, at least one each
    (120, 140, [126, 12, 1, 1]),
    (10, 11, [11, 1, 1, 1]),
    (1, 100, [2, 1, 1, 1]),
])
def test_pools_give_the_first_notebook_a_kernel_per_trainee_and_the_rest_what_memory_leaves(class_size, max_kernels, sizes):
    notebooks = ["a", "b", "c", "d"]
    got = pool_sizes(notebooks, class_size, max_kernels)
    assert [got[nb] for nb in notebooks] == sizes


@pytest.mark.parametrize(("class_size", "refill"), [(10, 2), (120, 6), (200, 10)])
def test_after_the_rush_a_pool_is_refilled_only_for_latecomers(class_size, refill):
    assert latecomers(class_size) == refill


def test_notebooks_waiting_to_run_are_served_in_plan_order_and_visitors_first():
    import asyncio

    from yingsu_training.classroom.app import _PriorityGate

    async def day():
        gate, served = _PriorityGate(1), []

        async def wait(priority, name):
            await gate.acquire(priority)
            served.append(name)

        await gate.acquire(0)  # one notebook runs; the others wait, found in file order
        waiting = [asyncio.ensure_future(wait(p, n)) for p, n in
                   [(3, "练习"), (1, "02-答辩举证"), (-1, "学员的页面"), (2, "05-履行生效裁判")]]
        await asyncio.sleep(0)
        for _ in waiting:
            gate.release()
            await asyncio.sleep(0)
        await asyncio.gather(*waiting)
        return served

    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(1) as thread:  # its own event loop (a browser test's may be running here)
        served = thread.submit(asyncio.run, day()).result()
    assert served == ["学员的页面", "02-答辩举证", "05-履行生效裁判", "练习"]
