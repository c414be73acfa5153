"""学习进度: lessons and exercises done, the score per clause and what next, for one learner."""
from pathlib import Path

import pytest

from yingsu_training import identity
from yingsu_training.exercises.answers import record_submission
from yingsu_training.exercises.grading import grade_answers
from yingsu_training.exercises.validate import load_exercise
from yingsu_training.store import Store
from yingsu_training.widgets import ProgressView, Quiz, learning_progress

BANK = Path(__file__).resolve().parents[1] / "exercises"


@pytest.fixture
def db(tmp_path, monkeypatch):
    monkeypatch.setenv("YINGSU_EXERCISES_DIR", str(BANK))
    return Store(tmp_path / "answers.sqlite3")


def _quiz(db, notebook, right: bool):
    quiz = Quiz([{"prompt": "答辩期间从哪一天开始计算？", "options": ["当日", "次日"], "answer": 1, "clause": "3.2"}],
                title="小测", notebook=notebook, store=db, paced=False)
    quiz.inputs[0].value = 1 if right else 0
    quiz.submit_button.click()


def test_a_learner_alone_sees_lessons_done_scores_per_clause_and_what_next(db):
    _quiz(db, "02-答辩举证", right=False)
    ex = load_exercise("defence-national-day-2025")
    ans = {"q1": "2025-10-09", "q2": False, "q3": "违反"}
    record_submission(ex, ans, grade_answers(ex, ans), trainee=None, store=db)
    p = learning_progress(db)
    assert p.trainee == "" and p.lessons_done == 1
    assert [x["stem"] for x in p.lessons if x["answers"]] == ["02-答辩举证"]
    assert [(x["id"], x["score"], x["max"]) for x in p.exercises] == [("defence-national-day-2025", 3, 4)]
    [c32] = p.clauses
    assert (c32["id"], c32["score"], c32["max"]) == ("3.2", 3, 5) and c32["rate"] == pytest.approx(0.6)
    assert any("00-导览" in s or "导览" in s for s in p.next_steps)   # the first lesson not yet opened


def test_a_weak_clause_comes_first_in_what_next_with_its_lesson(db):
    _quiz(db, "02-答辩举证", right=False)
    p = learning_progress(db)
    assert p.clauses[0]["rate"] == 0
    assert p.next_steps[0].startswith("三（二）不得超期答辩举证得分率 0%：复习《三、认真做好答辩举证工作》")


def test_the_view_shows_the_signed_in_trainees_own_answers_and_follows_the_sign_in(db):
    identity.set_current("学员甲")
    _quiz(db, "02-答辩举证", right=True)
    identity.set_current("学员乙")
    view = ProgressView(store=db)
    assert "学员乙 的学习进度" in view.html.value and "还没有作答记录" in view.html.value
    identity.set_current("学员甲")
    assert "学员甲 的学习进度" in view.html.value and "100%" in view.html.value


def test_the_instructor_picks_any_trainee_who_answered_or_is_on_the_roster_and_sees_their_progress(db):
    from yingsu_training.widgets import ClassProgress

    for who, right in (("学员乙", False), ("学员甲", True)):
        identity.set_current(who)
        _quiz(db, "02-答辩举证", right=right)
    identity.clear()
    view = ClassProgress(store=db, roster=["学员丙", "学员甲"])
    # who answered (the store's order), then the roster's names not among them
    assert list(view.trainee.options) == ["学员乙", "学员甲", "学员丙"]
    view.trainee.value = "学员乙"
    assert "学员乙 的学习进度" in view.html.value and "0%" in view.html.value
    view.trainee.value = "学员丙"
    assert "学员丙 的学习进度" in view.html.value and "还没有作答记录" in view.html.value
