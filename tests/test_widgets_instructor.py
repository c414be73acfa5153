"""The instructor's page: the class's distribution, who answered, reveals that trainees' widgets see."""
from datetime import date

import pytest

from yingsu_training.store import Store
from yingsu_training.widgets import CaseDiscussion, InstructorPanel, Quiz, case_record

QUESTIONS = [{"prompt": "答辩期间从哪一天开始计算？", "options": ["收到起诉状副本当日", "收到起诉状副本次日"],
              "answer": 1, "clause": "3.2"}]


@pytest.fixture
def db(tmp_path):
    return Store(tmp_path / "answers.sqlite3")


def _quiz_answer(db, who, choice):
    from yingsu_training import identity
    identity.set_current(who)
    quiz = Quiz(QUESTIONS, title="小测", notebook="02-答辩举证", store=db, paced=True, poll=False)
    quiz.inputs[0].value = choice
    quiz.submit_button.click()
    return quiz


def _bars(panel):
    import re
    return {a: int(n) for a, n in re.findall(r"data-answer='([^']*)' data-count='(\d+)'", panel.chart.value)}


def test_the_distribution_and_who_answered_follow_the_store_on_each_refresh(db):
    panel = InstructorPanel(store=db, roster=["学员甲", "学员乙", "学员丙"], poll=False)
    assert "还没有任何作答" in panel.chart.value
    _quiz_answer(db, "学员甲", 1)
    _quiz_answer(db, "学员乙", 0)
    panel.refresh(reload_choices=True)
    assert (panel.notebook.value, panel.question.value) == ("02-答辩举证", "小测·第1题")
    assert _bars(panel) == {"A": 1, "B": 1}
    assert "已作答 2 人" in panel.who.value and "未作答 1 人" in panel.who.value and "学员丙" in panel.who.value
    _quiz_answer(db, "学员乙", 1)           # changes their mind: the latest answer counts
    _quiz_answer(db, "张三丰", 1)           # not on the roster
    panel.refresh(reload_choices=True)
    assert _bars(panel) == {"B": 3}
    assert "不在名单上：张三丰" in panel.who.value


def test_reveal_on_the_instructors_page_shows_the_verdict_on_a_trainees_quiz(db):
    quiz = _quiz_answer(db, "学员甲", 0)
    panel = InstructorPanel(store=db, poll=False)
    assert "尚未揭晓" in panel.state.value
    panel.reveal_button.click()
    assert "已揭晓本题" in panel.state.value
    quiz.refresh()
    assert "回答错误" in quiz.item_feedback[0].value
    panel.hide_button.click()
    assert not db.revealed("02-答辩举证", "小测·第1题")


LATE = {"case_id": "（2025）渝0199行初118号", "agency": "明月区市场监督管理局",
        "complaint_received_on": date(2025, 9, 26), "defence_submitted_on": date(2025, 10, 13),
        "evidence_submitted_on": date(2025, 10, 13), "evidence_list_submitted": True,
        "confidential_evidence": False, "interference_recorded": False,
        "withdrawal_improperly_induced": False, "reconsideration_upheld": False}


def test_a_case_discussion_is_revealed_one_clause_at_a_time_from_the_instructors_page(db):
    import pandas as pd
    from yingsu_training.widgets import case_clauses

    row = case_record(**LATE)
    groups = []
    for name, verdict in (("第一组", "violation"), ("第二组", "compliant")):
        d = CaseDiscussion(row, as_of=date(2025, 12, 31), store=db, paced=True, poll=False)
        d.choices["3.2"].value = verdict
        d.group.value = name
        d.submit_button.click()
        groups.append(d)
    clauses_for = case_clauses(pd.DataFrame([row]), date(2025, 12, 31))
    panel = InstructorPanel(store=db, notebook="10-案例研讨", clauses_for=clauses_for, poll=False)
    assert panel.question.value == groups[0].question
    assert panel.clauses("10-案例研讨", panel.question.value) == groups[0].order
    assert panel.clause.value == groups[0].order[0]      # a case: its first clause on screen
    assert panel.clause.label.startswith(groups[0].findings["label"].iloc[0][:4])
    panel.clause.value = "3.2"
    assert _bars(panel) == {"违反": 1, "合规": 1}
    assert "已作答 2 组" in panel.who.value and "第一组" in panel.who.value
    first = panel.reveal_next_clause()
    assert first == groups[0].order[0]
    for d in groups:
        d.refresh()
        assert d.revealed_ids == {first}
    panel.clause.value = groups[0].order[-1]
    panel.reveal_clause_button.click()
    groups[1].refresh()
    assert groups[1].revealed_ids == {first, groups[0].order[-1]}


def test_the_instructors_notebook_runs_top_to_bottom_and_lists_who_of_the_classrooms_roster_has_not_answered(
        tmp_path, monkeypatch):
    import json

    from nbclient import NotebookClient

    from yingsu_training.classroom.roster import ENV_ROSTER, write_roster
    from yingsu_training.lessons import LESSONS_DIR, read_lesson
    from yingsu_training.store import ENV_STORE

    db = Store(tmp_path / "answers.sqlite3")
    _quiz_answer(db, "张三", 1)
    # the roster make classroom ROSTER=… gives the server (and so the instructor's JupyterLab)
    monkeypatch.setenv(ENV_ROSTER, str(write_roster([("张三", "甲局"), ("李四", "乙局")], tmp_path / "今天.xlsx")))
    monkeypatch.setenv(ENV_STORE, str(db.path))
    nb = read_lesson(LESSONS_DIR / "教员看板.md")
    NotebookClient(nb, timeout=180, kernel_name="python3",
                   resources={"metadata": {"path": str(LESSONS_DIR)}}).execute()
    code = [c for c in nb.cells if c.cell_type == "code"]
    mimes = {m for o in code[-1].outputs for m in o.get("data", {})}
    assert "application/vnd.jupyter.widget-view+json" in mimes
    assert not [o for c in code for o in c.outputs if o.get("output_type") == "error"]
    state = json.dumps(nb.metadata["widgets"], ensure_ascii=False)
    assert "未作答 1 人</b>（名单共 2 人）：李四" in state
    assert "张三 的学习进度" in state   # the instructor's view of any trainee's progress


def test_the_deadline_calculator_and_the_head_scenario_record_their_answers(tmp_path, monkeypatch):
    from yingsu_training import store
    from yingsu_training.widgets import DeadlineCalculator, HeadAppearanceScenario

    monkeypatch.setenv(store.ENV_STORE, str(tmp_path / "class.sqlite3"))
    calc = DeadlineCalculator(start=date(2025, 9, 20), answer_mode=True)
    calc.answer.value = date(2025, 10, 9)
    calc.compute_button.click()
    scen = HeadAppearanceScenario()
    scen.must_appear.value, scen.lawful.value = False, True
    scen.submit_button.click()
    rows = store.open_store().rows()
    assert [(a.kind, a.answer) for a in rows] == [
        ("deadline", "2025-10-09"), ("scenario", {"must_appear": False, "lawful": True})]
    assert rows[0].correct is True and "回答正确" in calc.feedback.value   # 10-05 falls in the holiday: 10-09


def test_a_panel_opened_before_any_answer_shows_a_case_by_its_first_clause_once_groups_judge(db):
    panel = InstructorPanel(store=db, poll=False)
    d = CaseDiscussion(case_record(**LATE), as_of=date(2025, 12, 31), store=db, paced=True, poll=False)
    d.choices[d.order[0]].value = "violation"
    d.choices[d.order[1]].value = "compliant"
    d.group.value = "第一组"
    d.submit_button.click()
    panel.refresh(reload_choices=True)
    assert panel.clause.value == d.order[0] and _bars(panel) == {"违反": 1}


def test_a_roster_file_gives_the_names_of_its_name_column(tmp_path):
    import pandas as pd
    from yingsu_training.widgets import load_roster

    pd.DataFrame({"序号": [1, 2], "姓名": ["张三", " 李四 "], "单位": ["甲局", "乙局"]}).to_excel(
        tmp_path / "名单.xlsx", index=False)
    assert load_roster(tmp_path / "名单.xlsx") == ["张三", "李四"]
