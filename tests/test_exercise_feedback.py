"""成绩反馈单 as PDF: one page group per trainee, the Chinese answers and the clauses in its text."""
import shutil
import subprocess
from pathlib import Path

import pytest

from yingsu_training.cli import main
from yingsu_training.exercises.answers import record_submission
from yingsu_training.exercises.grading import grade_answers, grade_store
from yingsu_training.exercises.feedback import write_feedback
from yingsu_training.exercises.validate import load_exercise
from yingsu_training.store import Store

BANK = Path(__file__).resolve().parents[1] / "exercises"

pytestmark = pytest.mark.skipif(not Path("/usr/bin/chromium").exists() or not shutil.which("pdftotext"),
                                reason="needs Debian's chromium and poppler-utils (pdftotext)")

CLASS = [
    ("学员甲", "defence-national-day-2025", {"q1": "2025-10-09", "q2": False, "q3": "合规"}),
    ("学员乙", "defence-national-day-2025", {"q1": "2025-10-05", "q2": True, "q3": "违反"}),
    ("学员乙", "interference-coordination-meeting", {"q1": ["2.2"], "q2": "协调会要求暂缓立案属于干预受理。"}),
    ("CON", "trial-preparation", {"q1": False}),
]


@pytest.fixture
def sheets(tmp_path, monkeypatch):
    monkeypatch.setenv("YINGSU_EXERCISES_DIR", str(BANK))
    db = Store(tmp_path / "class.sqlite3")
    for who, eid, ans in CLASS:
        ex = load_exercise(eid)
        record_submission(ex, ans, grade_answers(ex, ans), trainee=who, store=db)
    return grade_store(db)


def _pages(pdf: Path) -> list[str]:
    """Each page's text, without the line breaks and spaces table cells wrap at."""
    text = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    return ["".join(p.split()) for p in text.split("\f") if p.strip()]


def test_one_class_pdf_has_one_page_group_per_trainee_in_order(sheets, tmp_path):
    [pdf] = write_feedback(sheets, tmp_path / "反馈单.pdf", title="2025年集中培训")
    owners = []
    for text in _pages(pdf):
        named = [who for who in ("学员甲", "学员乙", "CON") if f"学员：{who}" in text]
        assert len(named) <= 1
        owners.append(named[0] if named else owners[-1])   # a continuation page has no header
    groups = [o for i, o in enumerate(owners) if i == 0 or owners[i - 1] != o]
    assert groups == ["CON", "学员乙", "学员甲"]          # each trainee once, sorted by name
    whole = "".join(_pages(pdf))
    assert "成绩反馈单" in whole and "违反" in whole and "协调会要求暂缓立案属于干预受理" in whole
    assert "2025年10月09日" in whole                     # the right answer beside the wrong one
    assert "待批阅" in whole and "得分率" in whole


def test_one_pdf_per_trainee_named_safely(sheets, tmp_path):
    files = write_feedback(sheets, tmp_path / "反馈单")
    assert sorted(f.name for f in files) == ["CON_.pdf", "学员乙.pdf", "学员甲.pdf"]
    text = "".join(_pages(tmp_path / "反馈单" / "学员乙.pdf"))
    assert "学员：学员乙" in text and "学员甲" not in text and "违反" in text


def test_grade_with_feedback_writes_the_workbook_and_the_pdfs(sheets, tmp_path, capsys):
    out = tmp_path / "成绩.xlsx"
    assert main(["exercise", "grade", "-o", str(out), "--store", str(tmp_path / "class.sqlite3"),
                 "--feedback", str(tmp_path / "全班.pdf")]) == 0
    assert out.exists() and (tmp_path / "全班.pdf").exists()
    assert "已生成成绩反馈单" in capsys.readouterr().out
