"""yingsu exercise grade: hand-made answer files, half-written lines, duplicates (latest wins)."""
import json
import multiprocessing as mp
from pathlib import Path

import pandas as pd
import pytest

from yingsu_training.cli import main
from yingsu_training.exercises import grade_files, read_answer_file
from yingsu_training.exercises.answers import append_submission

BANK = Path(__file__).resolve().parents[1] / "exercises"


@pytest.fixture(autouse=True)
def _bank(monkeypatch):
    monkeypatch.setenv("YINGSU_EXERCISES_DIR", str(BANK))


def _line(trainee, exercise, answers, at):
    return json.dumps({"v": 1, "trainee": trainee, "exercise": exercise, "submitted_at": at,
                       "answers": answers}, ensure_ascii=False)


@pytest.fixture
def answers(tmp_path):
    folder = tmp_path / "answers"
    folder.mkdir()
    zhang = [
        _line("张三", "defence-national-day-2025", {"q1": "2025-10-05", "q2": False, "q3": "合规"},
              "2025-11-01T09:00:00+08:00"),
        # resubmitted later with the right date: this one counts
        _line("张三", "defence-national-day-2025", {"q1": "2025年10月9日", "q2": False, "q3": "合规"},
              "2025-11-01T09:05:00+08:00"),
        _line("张三", "interference-coordination-meeting", {"q1": ["2.2", "12.2"], "q2": "应当追责。"},
              "2025-11-01T09:10:00+08:00"),
    ]
    (folder / "张三.jsonl").write_text("\n".join(zhang) + "\n", encoding="utf-8")
    li = [
        _line("李四", "defence-national-day-2025", {"q1": "2025-10-09", "q2": True, "q3": "违反"},
              "2025-11-01T09:02:00+08:00"),
    ]
    half = _line("李四", "performance-overdue-fine", {"q1": 2000}, "2025-11-01T09:30:00+08:00")[:40]
    (folder / "李四.jsonl").write_text("\n".join(li) + "\n" + half, encoding="utf-8")
    return folder


def test_a_half_written_last_line_is_ignored_and_reported(answers):
    subs, bad = read_answer_file(answers / "李四.jsonl")
    assert len(subs) == 1
    assert [b.line for b in bad] == [2] and "不完整" in bad[0].reason


def test_grading_scores_per_trainee_per_question_and_per_clause(answers):
    sheets = grade_files([answers])
    summary = sheets["成绩汇总"].set_index("学员")
    assert summary.loc["张三", "自动评分得分"] == 4 + 3      # latest submission wins
    assert summary.loc["张三", "自动评分满分"] == 4 + 3
    assert summary.loc["张三", "待批阅论述题"] == 1
    assert summary.loc["李四", "自动评分得分"] == 2          # only q1 right
    detail = sheets["逐题得分"]
    row = detail[(detail["学员"] == "李四") & (detail["题号"] == "q2")].iloc[0]
    assert row["结果"] == "错误" and row["标准答案"] == "错" and row["条款"] == "3.2"
    by_clause = sheets["按条款"].set_index("条款")
    assert by_clause.loc["3.2", "满分"] == 8 and by_clause.loc["3.2", "得分"] == 6
    assert list(sheets["按条款"]["条款"]) == ["2.2", "3.2"]
    open_q = sheets["待批阅论述题"]
    assert list(open_q["作答"]) == ["应当追责。"] and "行政诉讼法第三条第二款" in open_q["评分要点"].iloc[0]
    notes = " ".join(sheets["问题记录"]["说明"])
    assert "不完整" in notes and "最新一次提交" in notes


def test_grade_writes_an_excel_workbook_with_the_sheets(answers, tmp_path, capsys):
    out = tmp_path / "scores.xlsx"
    assert main(["exercise", "grade", str(answers / "张三.jsonl"), str(answers / "李四.jsonl"),
                 "-o", str(out)]) == 0
    book = pd.read_excel(out, sheet_name=None)
    assert list(book) == ["成绩汇总", "逐题得分", "按条款", "待批阅论述题", "问题记录"]
    err = capsys.readouterr().err
    assert "李四.jsonl：第2行" in err


def test_an_answer_for_an_unknown_exercise_is_reported_not_fatal(tmp_path):
    f = tmp_path / "a.jsonl"
    f.write_text(_line("甲", "no-such-exercise", {"q1": 1}, "2025-11-01T09:00:00+08:00") + "\n", "utf-8")
    sheets = grade_files([f])
    assert sheets["成绩汇总"].empty
    assert "无法载入" in sheets["问题记录"]["说明"].iloc[0]


def test_an_unreadable_answer_scores_zero_and_says_why(tmp_path):
    f = tmp_path / "a.jsonl"
    f.write_text(_line("甲", "defence-national-day-2025", {"q1": "十月九号"}, "2025-11-01T09:00:00+08:00")
                 + "\n", "utf-8")
    detail = grade_files([f])["逐题得分"]
    assert detail.iloc[0]["结果"] == "无法识别" and detail.iloc[0]["得分"] == 0
    assert "“十月九号”不是日期" in detail.iloc[0]["作答"]


def _writer(folder, n):
    for i in range(n):
        append_submission("同一人", "trial-preparation", {"q1": True, "q2": "长" * 5000, "i": i}, folder=folder)


def test_two_notebooks_appending_at_once_lose_and_tear_nothing(tmp_path):
    ctx = mp.get_context("fork")
    procs = [ctx.Process(target=_writer, args=(tmp_path, 40)) for _ in range(2)]
    for p in procs:
        p.start()
    for p in procs:
        p.join()
    subs, bad = read_answer_file(tmp_path / "同一人.jsonl")
    assert bad == [] and len(subs) == 80


def test_a_new_submission_after_a_torn_line_starts_on_its_own_line(tmp_path):
    path = tmp_path / "甲.jsonl"
    path.write_text('{"v": 1, "trainee": "甲", "exer', encoding="utf-8")
    append_submission("甲", "trial-preparation", {"q1": True}, folder=tmp_path)
    subs, bad = read_answer_file(path)
    assert len(subs) == 1 and len(bad) == 1 and "不是完整的答题记录" in bad[0].reason
