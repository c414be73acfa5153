"""The lessons: coverage of the opinion, quotation discipline, structure.

These tests read the lesson sources (notebooks/NN-名称.md, MyST markdown, through jupytext);
running them is nbval's job (the project's conftest.py collects them with --nbval-lax).
"""
from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from yingsu_training import load_opinion
from yingsu_training.lessons import TEMPLATE, lesson_files, read_lesson

NOTEBOOKS = lesson_files()
# the structure rules hold for the lesson template too (yingsu lesson new copies it)
SOURCES = [*NOTEBOOKS, TEMPLATE]
WINDOW = 30  # a run of this many characters of a clause text counts as retyping it


def _load(path: Path) -> dict:
    return read_lesson(path)


def _sources(nb: dict, kind: str | None = None) -> list[str]:
    return ["".join(c["source"]) if isinstance(c["source"], list) else c["source"]
            for c in nb["cells"] if kind is None or c["cell_type"] == kind]


EXPECTED = ["00-导览", "01-支持人民法院受理和审理", "02-答辩举证", "03-出庭应诉", "04-配合开庭审理与调解",
            "05-履行生效裁判", "06-职责分工与共同被告", "07-队伍建设与工作保障", "08-司法建议与行政复议",
            "09-统计通报与考核监督", "10-案例研讨", "11-教师指南"]


def test_the_curriculum_has_its_twelve_notebooks_under_their_names():
    # make lab opens 00-导览 and make classroom defaults to 10-案例研讨; an instructor may add lessons
    assert [p.stem for p in NOTEBOOKS][:len(EXPECTED)] == EXPECTED


def test_every_section_of_the_opinion_is_covered_by_at_least_one_notebook():
    opinion = load_opinion()
    covered = {opinion[c].section for p in NOTEBOOKS for c in _load(p)["metadata"]["yingsu"]["clauses"]}
    assert covered == set(range(1, 13)), f"未覆盖的部分：{sorted(set(range(1, 13)) - covered)}"


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.name)
def test_a_notebook_declares_only_clauses_that_exist_and_quotes_the_same_ones(path):
    nb = _load(path)
    declared = nb["metadata"]["yingsu"]["clauses"]
    opinion = load_opinion()
    assert declared and all(c in opinion for c in declared)
    first_code = _sources(nb, "code")[0]
    match = re.search(r"CLAUSES = (\[.*?\])", first_code)
    assert match, "the first code cell must set CLAUSES and quote them"
    assert json.loads(match.group(1).replace("'", '"')) == declared
    assert "show_clauses(CLAUSES)" in first_code


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.name)
def test_a_notebook_never_retypes_clause_text_but_loads_it(path):
    text = re.sub(r"\s+", "", "\n".join(_sources(_load(path))))
    for clause in load_opinion():
        body = re.sub(r"\s+", "", clause.text)
        assert body not in text, f"{path.name} retypes {clause.label}"
        # titles of laws (《…》) may be cited by name; any other run of WINDOW characters may not
        for segment in re.split(r"《[^》]*》", body):
            for i in range(0, len(segment) - WINDOW + 1):
                piece = segment[i:i + WINDOW]
                assert piece not in text, f"{path.name} retypes part of {clause.label}: {piece}"


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.name)
def test_a_notebook_opens_with_its_learning_goals(path):
    first_markdown = _sources(_load(path), "markdown")[:3]
    assert any("学习目标" in s for s in first_markdown)


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.name)
def test_a_notebook_has_an_interactive_widget_cell(path):
    cells = _sources(_load(path), "code")
    assert any(re.search(r"(\.widget|exercise\(.*\))\s*$", s.strip()) for s in cells), \
        "no cell ends by displaying a widget"


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.name)
def test_a_notebook_has_exactly_one_main_exercise_for_the_browser_tests(path):
    # the yingsu-main container: widgets built with main=True, or widgets.CaseSession (its discussion)
    cells = _sources(_load(path), "code")
    mains = sum(s.count("main=True") + s.count("CaseSession(") for s in cells)
    assert mains == 1


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.name)
def test_a_notebook_is_committed_without_outputs(path):
    # a MyST source cannot hold outputs; what must not creep in is cell metadata or other
    # notebook metadata (JupyterLab's, widget state) that a save could carry into the file
    nb = _load(path)
    assert all(not cell.get("outputs") for cell in nb["cells"] if cell["cell_type"] == "code")
    assert all(not cell.get("metadata") for cell in nb["cells"])
    assert set(nb["metadata"]) <= {"jupytext", "kernelspec", "yingsu"}
    assert "widgets" not in path.read_text(encoding="utf-8").split("\n---\n", 1)[0]


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.name)
def test_a_notebook_does_not_depend_on_the_day_it_is_run(path):
    code = "\n".join(_sources(_load(path), "code"))
    for forbidden in ["today()", "now()", "date.today", "Timestamp.now", "random.random(", "urlopen",
                      "requests."]:
        assert forbidden not in code, f"{path.name} uses {forbidden}"


def test_no_lesson_content_lives_in_a_generator_script():
    assert not (Path(__file__).resolve().parents[1] / "scripts" / "build_notebooks.py").exists()


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.name)
def test_a_lesson_source_is_exactly_what_jupytext_writes_back(path):
    # opening and saving a lesson in JupyterLab (jupytext) must not rewrite an unchanged file
    from yingsu_training.lessons import FORMAT
    import jupytext

    nb = _load(path)
    assert jupytext.writes(nb, fmt=FORMAT) == path.read_text(encoding="utf-8")
    # ... also once a kernel has run it (JupyterLab then knows the ipython3 lexer of the code cells)
    nb.metadata["language_info"] = {"name": "python", "pygments_lexer": "ipython3"}
    assert jupytext.writes(nb, fmt=FORMAT) == path.read_text(encoding="utf-8")


def test_a_lesson_builds_to_a_valid_ipynb_for_voila_without_outputs(tmp_path):
    import nbformat

    from yingsu_training.lessons import build_ipynb

    built = build_ipynb(NOTEBOOKS[10], tmp_path)
    assert built == tmp_path / "10-案例研讨.ipynb"
    nb = nbformat.read(built, as_version=4)
    nbformat.validate(nb)
    assert nb.metadata["yingsu"]["title"] == "案例研讨" and "jupytext" not in nb.metadata
    assert [c.source for c in nb.cells] == [c.source for c in _load(NOTEBOOKS[10]).cells]
    assert build_ipynb(NOTEBOOKS[10], tmp_path / "课堂.ipynb").name == "课堂.ipynb"


QUIZ_CALL = re.compile(r"""exercise\(\s*["']([a-z0-9-]+)["']""")


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.name)
def test_every_quiz_question_in_a_lesson_is_an_exercise_of_the_bank_that_validates(path):
    from yingsu_training.exercises import load_exercise

    code = "\n".join(_sources(_load(path), "code"))
    assert "Quiz(" not in code, f"{path.name}: write the quiz questions in exercises/, show them with exercise(...)"
    for exercise_id in QUIZ_CALL.findall(code):
        assert load_exercise(exercise_id).questions  # ExerciseError lists every problem otherwise


def test_the_lesson_quizzes_derive_their_keys_from_the_rules_where_the_rules_can_answer():
    from yingsu_training.exercises import load_exercise

    derived = {(n, q.id) for n in ("00", "07", "11") for q in load_exercise(f"lesson-{n}-quiz").questions
               if q.derive is not None}
    assert derived == {("00", "q1"), ("07", "q1"), ("11", "q3")}
    assert load_exercise("lesson-00-quiz").key(load_exercise("lesson-00-quiz").questions[0]) == ["3.2", "10.1"]


def test_the_statistics_quiz_keys_are_what_the_default_dataset_says():
    # lesson 09 asks about the statistics it shows; its keys are checked here against the data
    from yingsu_training import load_agencies, load_cases, load_suggestions
    from yingsu_training.exercises import load_exercise
    from yingsu_training.stats import UNKNOWN_LABEL, statistics

    ex = load_exercise("lesson-09-quiz")
    q1, q2 = ex.questions[:2]
    data = Path(__file__).resolve().parents[1] / "datasets"
    stats = statistics(load_cases(data / "cases-2025.csv"), load_suggestions(data / "suggestions-2025.csv"),
                       load_agencies(data / "agencies-2025.csv"), as_of=date(2026, 3, 31), year=2025)
    rate = stats.tables["district"]["head_appearance_rate"].drop(index=UNKNOWN_LABEL, errors="ignore").dropna()
    offered = rate[[o.value for o in q1.options]]
    assert ex.key(q1) == offered.idxmin()
    viol = stats.violations["violation"]
    assert ex.key(q2) == viol[[o.value for o in q2.options]].idxmax() == viol.idxmax()
