"""The quiz block: question dicts, grading, per-question feedback quoting the clause, a score."""
import pytest

from yingsu_training.opinion import load_opinion
from yingsu_training.widgets.quiz import Quiz, grade_quiz, normalise_questions

QUESTIONS = [
    {"prompt": "答辩期间从哪一天开始计算？", "options": ["收到起诉状副本当日", "收到起诉状副本次日"],
     "answer": 1, "explanation": "期间开始的日不计算在期间内。", "clause": "3.2"},
    {"prompt": "哪些案件被诉行政机关负责人应当出庭？",
     "options": ["涉及重大公共利益", "社会高度关注", "标的额较小", "人民法院书面建议负责人出庭"],
     "answer": [0, 1, 3], "explanation": "见四（二）。", "clause": "4.2"},
    {"prompt": "负责人不能出庭的，可以仅委托律师出庭。", "answer": False,
     "explanation": "不得仅委托律师出庭。", "clause": "4.3"},
]


def test_the_kind_follows_from_the_answer():
    assert [q.kind for q in normalise_questions(QUESTIONS)] == ["single", "multiple", "truefalse"]


def test_answers_may_be_given_as_option_text_or_letters():
    q1 = normalise_questions([{**QUESTIONS[0], "answer": "收到起诉状副本次日"}])[0]
    q2 = normalise_questions([{**QUESTIONS[1], "answer": ["A", "B", "D"]}])[0]
    assert q1.answer == {1} and q2.answer == {0, 1, 3}


BAD = [  # (what, question, phrase in the error)
    ("a missing prompt", {"options": ["a", "b"], "answer": 0}, "缺少题干"),
    ("an answer out of range", {"prompt": "x", "options": ["a", "b"], "answer": 5}, "超出范围"),
    ("an answer that is no option", {"prompt": "x", "options": ["a", "b"], "answer": "c"}, "不是任何一个选项"),
    ("an unknown clause", {"prompt": "x", "answer": True, "clause": "13.1"}, "条款编号"),
    ("a single-option choice", {"prompt": "x", "options": ["a"], "answer": 0}, "至少需要两个选项"),
    ("a true/false answer that is no boolean", {"prompt": "x", "kind": "truefalse", "answer": "对"}, "True 或 False"),
]


@pytest.mark.parametrize("what,question,phrase", BAD, ids=[b[0] for b in BAD])
def test_a_badly_written_question_is_reported_in_chinese_with_its_number(what, question, phrase):
    with pytest.raises(ValueError) as err:
        normalise_questions([QUESTIONS[0], question])
    assert "第2题" in str(err.value) and phrase in str(err.value)


def test_every_problem_is_reported_at_once():
    with pytest.raises(ValueError) as err:
        normalise_questions([{"options": ["a"]}, {"prompt": "x", "answer": 9, "options": ["a", "b"]}])
    assert "第1题" in str(err.value) and "第2题" in str(err.value)


GRADES = [  # (what, responses, score, unanswered, all correct)
    ("all right", [1, {0, 1, 3}, 1], 3, 0, True),
    ("a multiple choice missing one option is wrong", [1, {0, 1}, 1], 2, 0, False),
    ("unanswered questions are not counted as right", [1, set(), None], 1, 2, False),
    ("nothing answered", [None, set(), None], 0, 3, False),
]


@pytest.mark.parametrize("what,responses,score,unanswered,all_correct", GRADES, ids=[g[0] for g in GRADES])
def test_grading(what, responses, score, unanswered, all_correct):
    result = grade_quiz(QUESTIONS, responses)
    assert (result.score, result.unanswered, result.all_correct) == (score, unanswered, all_correct)
    assert ("全部正确" in result.summary()) is all_correct


def test_submitting_gives_per_question_feedback_quoting_the_clause_and_a_score():
    quiz = Quiz(QUESTIONS)
    quiz.inputs[0].value = 0                      # wrong
    for i in (0, 1, 3):
        quiz.inputs[1][i].value = True            # right
    quiz.inputs[2].value = 1                      # 错误: right
    quiz.submit_button.click()
    assert "回答错误" in quiz.item_feedback[0].value
    assert "正确答案：B. 收到起诉状副本次日" in quiz.item_feedback[0].value
    assert load_opinion()["3.2"].text in quiz.item_feedback[0].value
    assert "回答正确" in quiz.item_feedback[1].value and "四（二）" in quiz.item_feedback[1].value
    assert "得分 2/3" in quiz.score.value and "全部正确" not in quiz.score.value


def test_an_unanswered_quiz_never_claims_everything_is_correct():
    quiz = Quiz(QUESTIONS)
    quiz.submit_button.click()
    assert "全部正确" not in quiz.score.value
    assert "有 3 题未作答" in quiz.score.value
    assert all("未作答" in fb.value for fb in quiz.item_feedback)


def test_a_multiple_choice_answer_says_what_was_missed():
    quiz = Quiz(QUESTIONS)
    quiz.inputs[1][0].value = True
    quiz.inputs[1][2].value = True
    quiz.submit_button.click()
    text = quiz.item_feedback[1].value
    assert "漏选：B. 社会高度关注；D. 人民法院书面建议负责人出庭" in text and "多选：C. 标的额较小" in text


def test_a_fully_correct_quiz_says_so():
    quiz = Quiz(QUESTIONS)
    quiz.inputs[0].value = 1
    for i in (0, 1, 3):
        quiz.inputs[1][i].value = True
    quiz.inputs[2].value = 1
    quiz.submit_button.click()
    assert "全部正确！得分 3/3" in quiz.score.value


def test_question_text_is_html_escaped():
    quiz = Quiz([{"prompt": "<script>alert(1)</script>", "answer": True}])
    assert "<script>" not in quiz.widget.children[1].children[0].value


def test_only_the_score_area_is_the_feedback_area_and_it_lists_every_question():
    quiz = Quiz(QUESTIONS)
    quiz.inputs[0].value = 0
    quiz.submit_button.click()
    assert "yingsu-feedback" in quiz.score._dom_classes
    assert not any("yingsu-feedback" in fb._dom_classes for fb in quiz.item_feedback)
    for line in ("第1题：回答错误（正确答案：B. 收到起诉状副本次日）", "第2题：未作答", "第3题：未作答"):
        assert line in quiz.score.value


def test_the_notebooks_why_key_is_accepted_as_the_explanation():
    q = normalise_questions([{"prompt": "x", "answer": True, "why": "因为"}])[0]
    assert q.explanation == "因为"


STORED = [
    {"prompt": "答辩期间从哪一天开始计算？", "options": ["收到起诉状副本当日", "收到起诉状副本次日"],
     "answer": 1, "explanation": "期间开始的日不计算在期间内。", "clause": "3.2"},
    {"prompt": "负责人可以只委托律师出庭。", "answer": False, "clause": "4.2"},
]


@pytest.fixture
def db(tmp_path):
    from yingsu_training.store import Store
    return Store(tmp_path / "answers.sqlite3")


def test_every_quiz_answer_is_recorded_in_the_store_with_the_trainee(db):
    from yingsu_training import identity

    identity.set_current("学员甲", unit="渝中区司法局")
    quiz = Quiz(STORED, title="答辩期限小测", notebook="02-答辩举证", store=db, paced=False)
    quiz.inputs[0].value = 1
    quiz.inputs[1].value = 0
    quiz.submit_button.click()
    rows = db.rows()
    assert [(a.question, a.answer, a.correct, a.clause, a.trainee) for a in rows] == [
        ("答辩期限小测·第1题", "B", True, "3.2", "学员甲"),
        ("答辩期限小测·第2题", "正确", False, "4.2", "学员甲")]
    assert "回答错误" in quiz.item_feedback[1].value   # studying alone: the verdict at once


def test_in_the_classroom_a_quiz_verdict_waits_for_the_instructors_reveal(db):
    quiz = Quiz(STORED, title="小测", notebook="02-答辩举证", store=db, paced=True, poll=False)
    quiz.inputs[0].value = 0
    quiz.submit_button.click()
    assert "等待教员揭晓" in quiz.item_feedback[0].value and "正确答案" not in quiz.item_feedback[0].value
    db.reveal("02-答辩举证", "小测·第1题")
    quiz.refresh()
    assert "回答错误" in quiz.item_feedback[0].value and load_opinion()["3.2"].text[:20] in quiz.item_feedback[0].value
    assert "等待教员揭晓" in quiz.item_feedback[1].value
    assert db.distribution("02-答辩举证", "小测·第1题") == {"A": 1}
