"""show_exercise in plain pytest: set widget values, click 提交答案, read the feedback and the store."""
from datetime import date
from pathlib import Path

import pytest

from yingsu_training import identity
from yingsu_training.exercises import answers as store
from yingsu_training.exercises import widgets as exercise_widgets
from yingsu_training.exercises import set_trainee, show_exercise
from yingsu_training.exercises.skeleton import skeleton
from yingsu_training.opinion import load_opinion
from yingsu_training.store import Store

BANK = Path(__file__).resolve().parents[1] / "exercises"


@pytest.fixture(autouse=True)
def _env(monkeypatch, tmp_path):
    monkeypatch.setenv("YINGSU_EXERCISES_DIR", str(BANK))
    monkeypatch.setenv("YINGSU_ANSWERS_DIR", str(tmp_path / "answers"))
    identity.clear()
    # widgets of earlier tests stay alive in ipywidgets' registry: start each test with none shared
    monkeypatch.setattr(exercise_widgets, "_trainee_fields", exercise_widgets.weakref.WeakSet())


def _lines(tmp_path, name):
    """The trainee's submissions in the answer store, oldest first."""
    path = tmp_path / "answers" / "answers.sqlite3"
    if not path.exists():
        return []
    return [{"exercise": a.question, "trainee": a.trainee, "answers": a.answer, "score": a.score}
            for a in Store(path).rows(trainee=name, kind="exercise")]


def test_the_main_box_feedback_and_button_carry_the_names_browser_tests_rely_on():
    box = show_exercise("defence-national-day-2025", trainee="张三")
    assert "yingsu-main" in box._dom_classes
    assert "yingsu-feedback" in box.feedback._dom_classes
    assert box.submit_button.description == "提交答案"


def test_all_right_answers_say_so_and_are_saved_as_one_row_of_the_store(tmp_path):
    box = show_exercise("defence-national-day-2025", trainee="张三")
    w = box.question_widgets
    w["q1"].value = date(2025, 10, 9)
    w["q2"].value = False
    w["q3"].value = "合规"
    box.submit_button.click()
    assert "全部正确" in box.feedback.value
    assert "4 / 4" in box.feedback.value
    [rec] = _lines(tmp_path, "张三")
    assert rec["exercise"] == "defence-national-day-2025" and rec["trainee"] == "张三"
    assert rec["answers"] == {"q1": "2025-10-09", "q2": False, "q3": "合规"} and rec["score"] == 4


def test_a_wrong_date_is_explained_with_the_rolled_deadline_and_the_clause_quoted():
    box = show_exercise("defence-national-day-2025", trainee="李四")
    box.question_widgets["q1"].value = date(2025, 10, 5)
    box.question_widgets["q2"].value = False
    box.question_widgets["q3"].value = "合规"
    box.submit_button.click()
    fb = box.feedback.value
    assert "全部正确" not in fb
    assert "✘ 错误" in fb and "2025年10月09日" in fb and "顺延" in fb
    assert load_opinion()["3.2"].text[:30] in fb


def test_with_an_open_question_pending_the_feedback_never_claims_everything_is_right():
    box = show_exercise("interference-coordination-meeting", trainee="王五")
    box.question_widgets["q1"].children[0].value = True   # 2.2
    box.question_widgets["q1"].children[3].value = True   # 12.2
    box.question_widgets["q2"].value = "协调会属于干预受理，应当移送追责。"
    box.submit_button.click()
    fb = box.feedback.value
    assert "所有可见的检查均已通过" in fb
    assert "全部正确" not in fb
    assert "待教员批阅" in fb


def test_a_multiple_choice_with_a_missing_option_is_wrong():
    box = show_exercise("interference-coordination-meeting", trainee="王五")
    box.question_widgets["q1"].children[0].value = True
    box.submit_button.click()
    assert "答对 0 / 1" in box.feedback.value


def test_set_trainee_once_fills_every_exercise_and_a_missing_name_is_asked_for(tmp_path):
    box = show_exercise("trial-preparation")
    box.submit_button.click()
    assert "请先填写学员姓名" in box.feedback.value
    assert not (tmp_path / "answers").exists()
    set_trainee("赵六")
    box = show_exercise("trial-preparation")
    assert box.trainee_field.value == "赵六"
    box.question_widgets["q1"].value = True
    box.submit_button.click()
    assert [r["trainee"] for r in _lines(tmp_path, "赵六")] == ["赵六"]


def test_a_number_answer_typed_with_a_unit_and_commas_is_understood():
    box = show_exercise("performance-overdue-fine", trainee="钱七")
    box.question_widgets["q1"].value = "2,000元"
    box.question_widgets["q2"].value = "1000"
    box.submit_button.click()
    assert "第1题 ✔ 正确" in box.feedback.value and "第2题 ✔ 正确" in box.feedback.value


def test_an_unreadable_number_says_what_could_not_be_read_and_why_the_key_is_what_it_is():
    box = show_exercise("performance-overdue-fine", trainee="钱七")
    box.question_widgets["q1"].value = "两千"
    box.submit_button.click()
    fb = box.feedback.value
    assert "第1题 ✘ 无法识别" in fb and "“两千”不是数字" in fb
    assert "依据检查规则：按日罚款上限每日100元" in fb and "依据检查规则：“两千”" not in fb


def test_resubmitting_records_a_new_submission(tmp_path):
    box = show_exercise("trial-preparation", trainee="孙八")
    box.question_widgets["q1"].value = False
    box.submit_button.click()
    box.question_widgets["q1"].value = True
    box.submit_button.click()
    recs = _lines(tmp_path, "孙八")
    assert [r["answers"]["q1"] for r in recs] == [False, True]


def test_text_from_an_exercise_file_is_shown_as_text_not_html(tmp_path, monkeypatch):
    folder = tmp_path / "ex"
    folder.mkdir()
    text = (skeleton("xss").replace("TODO", "示例")
            .replace("title: 示例 练习标题（如：国庆长假前收到起诉状副本）",
                     "title: \"<script>alert('x')</script>\"")
            .replace("被诉行政机关: 重庆市渝北区某街道办事处", "被诉行政机关: \"<b>某局</b>\""))
    (folder / "xss.yaml").write_text(text, encoding="utf-8")
    monkeypatch.setenv("YINGSU_EXERCISES_DIR", str(folder))
    box = show_exercise("xss", trainee="周九")
    html_all = "".join(getattr(c, "value", "") for c in box.children if isinstance(getattr(c, "value", None), str))
    assert "<script>" not in html_all and "&lt;script&gt;" in html_all
    assert "<b>某局</b>" not in html_all and "&lt;b&gt;某局&lt;/b&gt;" in html_all
    box.submit_button.click()
    assert "<script>" not in box.feedback.value


@pytest.mark.parametrize("name, stem", [
    ("../../etc/x", "etc_x"), ("/etc/passwd", "etc_passwd"), ("a/../../b", "a_b"),
    ("C:\\temp\\x", "C_temp_x"), ("CON", "CON_"), ("nul", "nul_"), ("COM1", "COM1_"),
    ("LPT9.txt", "LPT9_txt_"), ("张三", "张三"),
])
def test_a_trainee_name_becomes_a_file_stem_that_cannot_leave_a_folder_nor_name_a_device(name, stem):
    assert store.safe_name(name) == stem


def test_a_name_with_only_punctuation_is_refused_in_the_widget(tmp_path):
    box = show_exercise("trial-preparation", trainee="../..")
    box.submit_button.click()
    assert "不能用作文件名" in box.feedback.value
    assert not (tmp_path / "answers").exists()


def _answer_all_right(box):
    box.question_widgets["q1"].value = True


def test_the_feedback_says_the_answer_is_saved_without_the_servers_absolute_path(tmp_path):
    box = show_exercise("trial-preparation", trainee="学员甲")
    _answer_all_right(box)
    box.submit_button.click()
    fb = box.feedback.value
    assert "答案已保存" in fb
    assert str(tmp_path) not in fb and "/tmp" not in fb
    assert len(_lines(tmp_path, "学员甲")) == 1


def test_a_store_that_cannot_be_written_is_reported_without_the_servers_path(tmp_path, monkeypatch):
    (tmp_path / "occupied").write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("YINGSU_ANSWERS_DIR", str(tmp_path / "occupied" / "answers"))
    box = show_exercise("trial-preparation", trainee="学员甲")
    _answer_all_right(box)
    box.submit_button.click()
    fb = box.feedback.value
    assert "答案未能保存到答题数据库，请告知教员" in fb and "✔ 正确" in fb
    assert str(tmp_path) not in fb


def test_the_sign_in_fills_the_exercises_trainee_fields_and_the_submission_carries_the_unit(tmp_path):
    box = show_exercise("trial-preparation")
    identity.set_current("学员丁", unit="渝北区司法局", on_roster=True)
    assert box.trainee_field.value == "学员丁"
    _answer_all_right(box)
    box.submit_button.click()
    [a] = Store(tmp_path / "answers" / "answers.sqlite3").rows()
    assert (a.trainee, a.unit, a.on_roster) == ("学员丁", "渝北区司法局", True)


def test_a_name_typed_into_one_exercise_fills_every_other_exercises_empty_trainee_field(tmp_path):
    boxes = [show_exercise(eid) for eid in ("trial-preparation", "defence-national-day-2025",
                                           "performance-overdue-fine")]
    boxes[1].trainee_field.value = "学员甲"
    assert [b.trainee_field.value for b in boxes] == ["学员甲"] * 3
    assert store.current_trainee() == "学员甲"
    later = show_exercise("interference-coordination-meeting")
    assert later.trainee_field.value == "学员甲"
    _answer_all_right(boxes[0])
    boxes[0].submit_button.click()
    assert [r["trainee"] for r in _lines(tmp_path, "学员甲")] == ["学员甲"]


def test_a_name_typed_letter_by_letter_or_corrected_keeps_the_other_fields_in_step():
    boxes = [show_exercise(eid) for eid in ("trial-preparation", "performance-overdue-fine",
                                           "defence-national-day-2025")]
    for typed in ["张", "张三", "张三丰"]:
        boxes[0].trainee_field.value = typed
    assert [b.trainee_field.value for b in boxes[1:]] == ["张三丰", "张三丰"]
    boxes[0].trainee_field.value = "张三"   # a typo corrected where it was typed
    assert [b.trainee_field.value for b in boxes] == ["张三"] * 3
    assert store.current_trainee() == "张三"


@pytest.mark.parametrize("own", ["学员乙", "学员乙 "])
def test_a_trainee_field_filled_with_another_name_is_not_overwritten(own):
    mine, theirs = show_exercise("trial-preparation"), show_exercise("performance-overdue-fine")
    theirs.trainee_field.value = own
    mine.trainee_field.value = "学员甲"
    assert theirs.trainee_field.value == own
    assert store.current_trainee() == "学员甲"


def test_an_explicit_trainee_argument_is_kept_when_another_exercise_shares_a_name():
    fixed = show_exercise("trial-preparation", trainee="学员乙")
    other = show_exercise("performance-overdue-fine")
    other.trainee_field.value = "学员甲"
    assert fixed.trainee_field.value == "学员乙"


def test_submitting_shares_the_name_even_when_it_was_set_before_the_other_widgets_listened(tmp_path):
    first = show_exercise("trial-preparation", trainee="学员丙")
    second = show_exercise("performance-overdue-fine")
    assert second.trainee_field.value == ""
    _answer_all_right(first)
    first.submit_button.click()
    assert second.trainee_field.value == "学员丙" and store.current_trainee() == "学员丙"


@pytest.mark.parametrize("name", ["..", "请填写姓名", "   "])
def test_a_name_that_cannot_be_a_file_name_is_not_shared(name):
    typed, other = show_exercise("trial-preparation"), show_exercise("performance-overdue-fine")
    typed.trainee_field.value = name
    assert other.trainee_field.value == "" and store.current_trainee() is None


def test_a_shared_name_with_path_separators_is_stored_as_a_name_and_writes_no_file(tmp_path):
    typed, other = show_exercise("performance-overdue-fine"), show_exercise("trial-preparation")
    typed.trainee_field.value = "../../etc/x"
    assert other.trainee_field.value == "../../etc/x"
    _answer_all_right(other)
    other.submit_button.click()
    assert "答案已保存" in other.feedback.value
    assert [r["trainee"] for r in _lines(tmp_path, "../../etc/x")] == ["../../etc/x"]
    assert not (tmp_path.parent / "etc").exists()
    assert sorted(p.name for p in (tmp_path / "answers").iterdir())[0] == "answers.sqlite3"


def test_a_closed_exercise_widget_is_not_filled_in_any_more():
    closed, live = show_exercise("trial-preparation"), show_exercise("performance-overdue-fine")
    closed.trainee_field.close()
    live.trainee_field.value = "学员甲"
    assert closed.trainee_field.value == ""


def test_in_the_classroom_the_feedback_waits_until_the_instructor_reveals_the_exercise(tmp_path):
    box = show_exercise("trial-preparation", trainee="学员甲", paced=True, poll=False)
    _answer_all_right(box)
    box.submit_button.click()
    assert "等待教员揭晓" in box.feedback.value and "✔" not in box.feedback.value
    db = Store(tmp_path / "answers" / "answers.sqlite3")
    [a] = db.rows(kind="exercise")
    db.reveal(a.notebook, "trial-preparation")
    box.refresh()
    assert "✔ 正确" in box.feedback.value
