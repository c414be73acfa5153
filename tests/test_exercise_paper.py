"""Paper exams: the 试卷 and the key as PDF, the scores sheet typed in and imported into the store."""
import shutil
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook

from yingsu_training.cli import main
from yingsu_training.exercises.grading import grade_store
from yingsu_training.store import Store

BANK = Path(__file__).resolve().parents[1] / "exercises"

needs_pdf = pytest.mark.skipif(not Path("/usr/bin/chromium").exists() or not shutil.which("pdftotext"),
                               reason="needs Debian's chromium and poppler-utils (pdftotext)")


@pytest.fixture(autouse=True)
def _bank(monkeypatch):
    monkeypatch.setenv("YINGSU_EXERCISES_DIR", str(BANK))


def _text(pdf) -> str:
    out = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True, check=True)
    return "".join(out.stdout.split())


@pytest.fixture(scope="module")
def paper(tmp_path_factory):
    out = tmp_path_factory.mktemp("paper") / "结业测试.pdf"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("YINGSU_EXERCISES_DIR", str(BANK))
        assert main(["exercise", "build", "annual-training-2025", "--paper", "-o", str(out)]) == 0
    return out


@needs_pdf
def test_the_paper_has_the_cases_questions_and_an_answer_sheet_but_no_key(paper):
    text = _text(paper)
    assert "试卷" in text and "答题卡" in text and "姓名" in text
    assert "国庆长假前收到起诉状副本" in text and "1(1)" in text and "A.合规" in text
    assert "顺延至2025年10月09日" not in text and "评分要点" not in text and "参考答案" not in text


@needs_pdf
def test_the_key_gives_each_answer_with_its_reason_and_clause(paper):
    text = _text(paper.with_name("结业测试-答案.pdf"))
    assert "参考答案与评分要点" in text and "1(1)2025年10月09日" in text
    assert "顺延至2025年10月09日" in text and "依据：三（二）不得超期答辩举证" in text
    assert "评分要点：" in text   # the essay of interference-coordination-meeting


def _fill(sheet: Path, rows: list[dict]) -> Path:
    wb = load_workbook(sheet)
    ws = wb["成绩录入"]
    head = [c.value for c in ws[1]]
    for r in rows:
        ws.append([r.get(h) for h in head])
    wb.save(sheet)
    return sheet


@needs_pdf
def test_typed_paper_answers_import_into_the_store_and_are_graded_like_notebook_ones(paper, tmp_path):
    sheet = shutil.copy(paper.with_name("结业测试-成绩录入.xlsx"), tmp_path / "录入.xlsx")
    info = {r[0]: r[1:] for r in load_workbook(sheet)["说明"].iter_rows(values_only=True) if r[0]}
    assert info["1(1)"][:3] == ("defence-national-day-2025", "q1", "日期题")
    assert info["4(2)"][2] == "论述题"
    _fill(Path(sheet), [
        {"学员": "张三", "单位": "渝中区司法局", "1(1)": "2025-10-09", "1(2)": "错", "1(3)": "A",
         "4(1)": "AD", "4(2)": 3},
        {"学员": "李四", "1(1)": "2025年10月5日", "1(2)": "对", "1(3)": "B"},
    ])
    db = tmp_path / "class.sqlite3"
    assert main(["exercise", "import-paper", str(sheet), "--store", str(db)]) == 0
    assert main(["exercise", "import-paper", str(sheet), "--store", str(db)]) == 0   # twice: once stored
    store = Store(db)
    assert {(a.trainee, a.question) for a in store.rows(kind="paper")} == {
        ("张三", "defence-national-day-2025"), ("张三", "interference-coordination-meeting"),
        ("李四", "defence-national-day-2025")}
    sheets = grade_store(store)
    summary = sheets["成绩汇总"].set_index("学员")
    assert summary.loc["张三", "单位"] == "渝中区司法局"
    detail = sheets["逐题得分"].set_index(["学员", "练习", "题号"])
    # 4(1) typed "AD": options A=2.2 … D=12.2, the key
    assert detail.loc[("张三", "interference-coordination-meeting", "q1"), "结果"] == "正确"
    assert summary.loc["张三", "已批阅论述题得分"] == 3 and summary.loc["张三", "待批阅论述题"] == 0
    assert summary.loc["李四", "自动评分得分"] == 0 and summary.loc["张三", "自动评分得分"] == 4 + 3
    assert set(detail.xs("李四")["来源"]) == {"纸质试卷"}


@needs_pdf
def test_a_typed_value_that_is_no_answer_names_the_row_and_column(paper, tmp_path, capsys):
    sheet = shutil.copy(paper.with_name("结业测试-成绩录入.xlsx"), tmp_path / "录入.xlsx")
    _fill(Path(sheet), [{"学员": "王五", "1(1)": "十月九号", "1(3)": "Z", "4(2)": 9},
                        {"单位": "某局", "1(2)": "对"}])
    assert main(["exercise", "import-paper", str(sheet), "--store", str(tmp_path / "c.sqlite3")]) == 0
    err = capsys.readouterr().err
    assert "录入.xlsx：第2行“1(1)”列：“十月九号”不是日期" in err
    assert "第2行“1(3)”列：“Z”不是一个选项字母（A–E）" in err
    assert "第2行“4(2)”列：得分 9 超出本题分值 0–4" in err
    assert "第3行：没有填学员姓名" in err


def test_a_sheet_that_is_not_a_scores_sheet_is_a_chinese_error(tmp_path, capsys):
    bad = tmp_path / "别的表.xlsx"
    from openpyxl import Workbook
    Workbook().save(bad)
    assert main(["exercise", "import-paper", str(bad), "--store", str(tmp_path / "c.sqlite3")]) == 1
    assert "找不到“成绩录入”和“说明”工作表" in capsys.readouterr().err
