"""Printable handouts: `yingsu lesson print 02` writes the lesson as a PDF for trainees without a
computer — text, clause quotations, the scenario's findings, the quiz without its answers."""
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import ipywidgets as W
import pytest

from yingsu_training import load_opinion, obligation
from yingsu_training.exercises import load_exercise
from yingsu_training.handout import widget_html
from yingsu_training.widgets._common import SCREEN_ONLY_CLASS

ROOT = Path(__file__).resolve().parents[1]


def test_on_paper_a_question_shows_its_options_and_a_blank_and_no_button():
    toggle = W.Checkbox(description="展开全部说明")
    toggle.add_class(SCREEN_ONLY_CLASS)
    box = W.VBox([W.HTML("<b>第1题</b>"), W.RadioButtons(options=["合规", "违反"], value=None),
                  W.Text(description="学员："), W.Button(description="提交答案"), toggle])
    printed = widget_html(box)
    assert "□ 合规" in printed and "□ 违反" in printed and "学员：" in printed and "class='blank'" in printed
    assert "提交答案" not in printed and "展开全部说明" not in printed


def test_on_paper_a_setting_shows_its_value_and_a_hidden_field_is_left_out():
    days = W.IntText(description="天数", value=15)
    days.layout.display = "none"
    period = W.Dropdown(description="期间", options=[("答辩举证 15日", "a"), ("上诉 15日", "b")], value="a")
    printed = widget_html(W.VBox([period, days]))
    assert "期间 答辩举证 15日" in printed and "上诉" not in printed and "天数" not in printed


def _tools_missing() -> str:
    missing = [t for t in ("/usr/bin/chromium", shutil.which("pdftotext") or "/usr/bin/pdftotext")
               if not Path(t).exists()]
    return "、".join(missing)


@pytest.fixture(scope="module")
def handout_text(tmp_path_factory):
    if _tools_missing():
        if os.environ.get("CI"):
            pytest.fail(f"缺少 {_tools_missing()}：apt-get install chromium fonts-noto-cjk poppler-utils")
        pytest.skip(f"缺少 {_tools_missing()}")
    out = tmp_path_factory.mktemp("handout")
    done = subprocess.run([sys.executable, "-m", "yingsu_training", "lesson", "print", "02", "-o", str(out)],
                          capture_output=True, text=True, cwd=out)
    assert done.returncode == 0, done.stderr
    pdf = out / "02-答辩举证.pdf"
    assert "已写出讲义" in done.stdout and pdf.read_bytes()[:5] == b"%PDF-"
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return re.sub(r"\s+", "", text)


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_the_handout_has_the_lessons_text_and_the_clauses_quoted_with_their_legal_basis(handout_text):
    assert "三、认真做好答辩举证工作" in handout_text and "学习目标" in handout_text
    assert _flat(load_opinion()["3.2"].text) in handout_text
    assert _flat(obligation("3.2").legal_basis[0].quote) in handout_text  # shown open on paper


def test_the_handout_has_the_scenarios_findings(handout_text):
    # the findings table: clause, status, due date, the checker's explanation
    assert "期限届满日" in handout_text and "违反2项" in handout_text
    assert "答辩状于2025年10月13日提交，晚于期限届满日" in handout_text


def test_the_handout_has_the_quiz_questions_and_options_but_no_answers(handout_text):
    ex = load_exercise("evidence-list-confidential")
    for q in ex.questions:
        assert _flat(q.prompt) in handout_text
        assert _flat(q.feedback_right) not in handout_text and _flat(q.feedback_wrong) not in handout_text
    assert "作出明确标注，向法庭说明，由法庭审查确认" in handout_text  # an option, unticked
    assert "正确答案" not in handout_text and "回答正确" not in handout_text and "提交答案" not in handout_text
