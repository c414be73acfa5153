"""yingsu exercise import / grade: old answer files into the store, hostile lines, the results
workbook checked against a small class graded by hand."""
import json
import time
import tracemalloc
from datetime import datetime
from pathlib import Path

import pandas as pd
import pytest

from yingsu_training.cli import main
from yingsu_training.exercises import grade_files, read_answer_file
from yingsu_training.exercises.answers import import_answer_files
from yingsu_training.exercises.grading import grade_store
from yingsu_training.exercises.results import write_scores
from yingsu_training.store import Store

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
    book = pd.read_excel(out, sheet_name=None, engine="calamine")
    assert list(book) == ["班级概况", "得分分布", "成绩汇总", "学员×条款", "题目难度", "按条款", "逐题得分",
                          "待批阅论述题", "问题记录"]
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


def test_importing_a_folder_twice_stores_each_submission_once(answers, tmp_path):
    db = Store(tmp_path / "class.sqlite3")
    first = import_answer_files([answers], db)
    again = import_answer_files([answers], db)
    assert (first.imported, first.already) == (4, 0) and (again.imported, again.already) == (0, 4)
    assert db.count() == 4
    rows = db.rows(trainee="张三")
    assert rows[0].recorded_at == "2025-11-01T09:00:00+08:00" and rows[0].score == 2


def test_yingsu_exercise_import_then_grade_reads_the_store(answers, tmp_path, capsys):
    db = tmp_path / "class.sqlite3"
    assert main(["exercise", "import", str(answers), "--store", str(db)]) == 0
    assert "已导入 4 次提交" in capsys.readouterr().out
    assert main(["exercise", "import", str(answers), "--store", str(db)]) == 0
    assert "4 次此前已导入，未重复记录" in capsys.readouterr().out
    out = tmp_path / "scores.xlsx"
    assert main(["exercise", "grade", "-o", str(out), "--store", str(db)]) == 0
    summary = pd.read_excel(out, sheet_name="成绩汇总", engine="calamine").set_index("学员")
    assert summary.loc["张三", "自动评分得分"] == 7


DEEP = "[" * 100_000 + "]" * 100_000


@pytest.mark.parametrize("line, reason", [
    ('{"v": 1, "trainee": "甲", "exercise": "trial-preparation", "answers": {"q1": ' + DEEP + '}}',
     "嵌套层数过多"),
    ('{"v": 1, "trainee": "甲", "exercise": "trial-preparation", "answers": {"q1": [[[[1]]]]}}',
     "嵌套过深"),
    ('{"v": 1, "trainee": "甲", "exercise": "../../x", "answers": {"q1": true}}', "不是有效的练习编号"),
    ('{"v": 1, "trainee": "甲", "exercise": "/etc/passwd", "answers": {"q1": true}}', "不能是文件路径"),
    ('{"v": 1, "trainee": {"name": 1}, "exercise": "trial-preparation", "answers": {"q1": true}}',
     "学员姓名应为"),
    ('[1, 2, 3]', "应为一个 JSON 对象"),
    ('{"v": 1, "trainee": "甲", "exercise": "trial-preparation", "answers": {"q1": "' + "长" * 400_000
     + '"}}', "这一行过长"),
])
def test_a_hostile_answers_line_is_a_chinese_problem_naming_file_and_line_and_the_rest_is_graded(
        tmp_path, line, reason):
    folder = tmp_path / "answers"
    folder.mkdir()
    good = _line("乙", "trial-preparation", {"q1": True}, "2025-11-01T09:00:00+08:00")
    (folder / "甲.jsonl").write_text(good.replace("乙", "甲") + "\n" + line + "\n" + good.replace("乙", "甲")
                                     .replace("09:00", "09:01") + "\n", encoding="utf-8")
    (folder / "乙.jsonl").write_text(good + "\n", encoding="utf-8")
    tracemalloc.start()
    started = time.process_time()
    sheets = grade_files([folder])
    spent = time.process_time() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert spent < 30 and peak < 200_000_000   # bounded (generous: no timing is being measured)
    problems = sheets["问题记录"]
    hit = problems[problems["说明"].str.contains(reason)]
    assert len(hit) == 1 and hit.iloc[0]["文件"].endswith("甲.jsonl") and hit.iloc[0]["行"] == 2
    assert sorted(sheets["成绩汇总"]["学员"]) == ["乙", "甲"]
    assert not (tmp_path / "x").exists()


@pytest.mark.parametrize("name", ["CON", "NUL", "COM1", "lpt3"])
def test_a_windows_reserved_trainee_name_is_imported_and_noted_with_the_name_its_files_get(tmp_path, name):
    f = tmp_path / "a.jsonl"
    f.write_text(_line(name, "trial-preparation", {"q1": True}, "2025-11-01T09:00:00+08:00") + "\n", "utf-8")
    sheets = grade_files([f])
    assert list(sheets["成绩汇总"]["学员"]) == [name]
    [note] = sheets["问题记录"]["说明"]
    assert "Windows 保留的设备名" in note and f"“{name}_”" in note


def test_a_file_too_large_is_refused_by_its_size_without_reading_it(tmp_path, monkeypatch):
    from yingsu_training.exercises import answers as mod

    monkeypatch.setattr(mod, "MAX_FILE_BYTES", 100)
    f = tmp_path / "big.jsonl"
    f.write_text(_line("甲", "trial-preparation", {"q1": True}, "2025-11-01T09:00:00+08:00") * 3, "utf-8")
    subs, bad = read_answer_file(f)
    assert subs == [] and "文件过大" in bad[0].reason and bad[0].line is None


# A small class graded by hand (pass mark 60%):
#   甲  defence-national-day-2025 4/4 + interference-coordination-meeting q1 3/3  -> 7/7  = 100%
#   乙  defence-national-day-2025 q1 right (2), q2 and q3 wrong                   -> 2/4  =  50%
#   丙  defence-national-day-2025 q1, q2 right (3), q3 wrong                      -> 3/4  =  75%
# mean 75%, median 75%, 2 of 3 pass; clause 3.2: (4+2+3)/12 = 75%, 2.2: 3/3 = 100%;
# q3 answered right by 1 of 3, the common wrong answer 违反 chosen by 2.
CLASS = [
    ("甲", "defence-national-day-2025", {"q1": "2025-10-09", "q2": False, "q3": "合规"}),
    ("甲", "interference-coordination-meeting", {"q1": ["2.2", "12.2"], "q2": "应当追责。"}),
    ("乙", "defence-national-day-2025", {"q1": "2025-10-09", "q2": True, "q3": "违反"}),
    ("丙", "defence-national-day-2025", {"q1": "2025-10-09", "q2": False, "q3": "违反"}),
]


@pytest.fixture
def small_class(tmp_path):
    from yingsu_training.exercises.validate import load_exercise

    db = Store(tmp_path / "class.sqlite3")
    for i, (who, eid, ans) in enumerate(CLASS):
        ex = load_exercise(eid)
        from yingsu_training.exercises.answers import record_submission
        from yingsu_training.exercises.grading import grade_answers
        record_submission(ex, ans, grade_answers(ex, ans), trainee=who, store=db, notebook="练习",
                          recorded_at=f"2025-11-01T09:0{i}:00+08:00")
    return db


def test_the_class_summary_matches_the_hand_computed_figures(small_class):
    sheets = grade_store(small_class, pass_mark=0.6)
    overview = dict(sheets["班级概况"].itertuples(index=False))
    assert overview["学员人数"] == 3
    assert overview["平均得分率"] == pytest.approx(0.75) and overview["中位得分率"] == pytest.approx(0.75)
    assert overview["及格人数"] == 2 and overview["及格率"] == pytest.approx(2 / 3)
    assert overview["待批阅论述题"] == 1
    bands = dict(sheets["得分分布"].itertuples(index=False))
    assert bands == {"60%以下": 1, "60%–69%": 0, "70%–79%": 1, "80%–89%": 0, "90%–100%": 1}
    summary = sheets["成绩汇总"].set_index("学员")
    assert summary.loc["甲", "得分率"] == 1 and summary.loc["乙", "得分率"] == 0.5
    assert summary.loc["丙", "得分率"] == 0.75 and summary.loc["乙", "是否及格"] == "不及格"
    assert summary.loc["乙", "最后提交时间"] == datetime(2025, 11, 1, 9, 2)


def test_the_trainee_by_clause_table_and_the_question_difficulty_match_the_hand_computed_figures(small_class):
    sheets = grade_store(small_class)
    matrix = sheets["学员×条款"].set_index("学员")
    c32 = [c for c in matrix.columns if c.startswith("3.2 ")][0]
    c22 = [c for c in matrix.columns if c.startswith("2.2 ")][0]
    assert matrix.loc["甲", c32] == 1 and matrix.loc["乙", c32] == 0.5 and matrix.loc["丙", c32] == 0.75
    assert matrix.loc["甲", c22] == 1 and pd.isna(matrix.loc["乙", c22])
    by_clause = sheets["按条款"].set_index("条款")
    assert by_clause.loc["3.2", "得分率"] == 0.75 and by_clause.loc["2.2", "得分率"] == 1
    assert by_clause.loc["3.2", "题数"] == 3 and by_clause.loc["3.2", "作答人次"] == 9
    diff = sheets["题目难度"].set_index(["练习", "题号"])
    q3 = diff.loc[("defence-national-day-2025", "q3")]
    assert q3["作答人数"] == 3 and q3["答对人数"] == 1 and q3["答对率"] == pytest.approx(0.3333, abs=1e-4)
    assert "违反" in q3["最常见错误答案"] and q3["选该答案人数"] == 2
    assert diff.index[0] == ("defence-national-day-2025", "q3")   # hardest first


def test_the_workbook_formats_rates_as_percent_times_as_date_times_and_prints_on_a4(small_class, tmp_path):
    from openpyxl import load_workbook

    out = write_scores(grade_store(small_class), tmp_path / "scores.xlsx", title="2025年培训")
    wb = load_workbook(out)
    ws = wb["成绩汇总"]
    head = [c.value for c in ws[1]]
    rate, when = head.index("得分率") + 1, head.index("最后提交时间") + 1
    assert ws.cell(row=2, column=rate).number_format == "0.0%"
    assert isinstance(ws.cell(row=2, column=when).value, datetime)
    overview = wb["班级概况"]
    labels = {overview.cell(row=r, column=1).value: overview.cell(row=r, column=2) for r in range(2, 12)}
    assert labels["平均得分率"].number_format == "0.0%" and labels["及格人数"].number_format == "General"
    assert wb["学员×条款"].cell(row=2, column=2).number_format == "0.0%"
    assert len(wb["按条款"]._charts) == 1
    for ws in wb.worksheets:
        assert int(ws.page_setup.paperSize) == 9 and int(ws.page_setup.fitToWidth) == 1   # 9: A4
        assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.print_title_rows.replace("$", "") == "1:1"
        assert "2025年培训" in ws.oddHeader.center.text


def test_an_answer_that_looks_like_a_formula_is_written_as_text(tmp_path):
    db = Store(tmp_path / "class.sqlite3")
    from yingsu_training.exercises.validate import load_exercise
    from yingsu_training.exercises.answers import record_submission
    from yingsu_training.exercises.grading import grade_answers
    ex = load_exercise("interference-coordination-meeting")
    ans = {"q1": ["2.2"], "q2": "=HYPERLINK(\"http://x\",\"点我\")"}
    record_submission(ex, ans, grade_answers(ex, ans), trainee="=1+1", store=db)
    from openpyxl import load_workbook
    wb = load_workbook(write_scores(grade_store(db), tmp_path / "s.xlsx"))
    cells = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row]
    assert not [c for c in cells if c.data_type == "f"]
    assert any(c.value == "=1+1" for c in cells)


def test_grading_without_a_store_says_where_it_looked(tmp_path, monkeypatch, capsys):
    monkeypatch.delenv("YINGSU_ANSWERS_DIR", raising=False)
    monkeypatch.chdir(tmp_path)
    assert main(["exercise", "grade", "-o", str(tmp_path / "s.xlsx")]) != 0
    assert "找不到答题数据库" in capsys.readouterr().err and not (tmp_path / "answers").exists()
