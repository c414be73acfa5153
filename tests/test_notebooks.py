"""The training notebooks: coverage of the opinion, quotation discipline, structure.

These tests read the .ipynb JSON; running the notebooks is nbval's job (pytest collects
notebooks/ with --nbval-lax).
"""
from __future__ import annotations

import importlib.util
import json
import re
import sys
from datetime import date
from pathlib import Path

import pytest

from yingsu_training import load_opinion

ROOT = Path(__file__).resolve().parents[1]
NB_DIR = ROOT / "notebooks"
NOTEBOOKS = sorted(NB_DIR.glob("[0-9][0-9]-*.ipynb"))
WINDOW = 30  # a run of this many characters of a clause text counts as retyping it


def _load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _sources(nb: dict, kind: str | None = None) -> list[str]:
    return ["".join(c["source"]) if isinstance(c["source"], list) else c["source"]
            for c in nb["cells"] if kind is None or c["cell_type"] == kind]


EXPECTED = ["00-导览", "01-支持人民法院受理和审理", "02-答辩举证", "03-出庭应诉", "04-配合开庭审理与调解",
            "05-履行生效裁判", "06-职责分工与共同被告", "07-队伍建设与工作保障", "08-司法建议与行政复议",
            "09-统计通报与考核监督", "10-案例研讨", "11-教师指南"]


def test_the_curriculum_has_its_twelve_notebooks_under_their_names():
    # make lab opens 00-导览 and make classroom defaults to 10-案例研讨
    assert [p.stem for p in NOTEBOOKS] == EXPECTED


def test_every_section_of_the_opinion_is_covered_by_at_least_one_notebook():
    opinion = load_opinion()
    covered = {opinion[c].section for p in NOTEBOOKS for c in _load(p)["metadata"]["yingsu"]["clauses"]}
    assert covered == set(range(1, 13)), f"未覆盖的部分：{sorted(set(range(1, 13)) - covered)}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
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


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
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


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_a_notebook_opens_with_its_learning_goals(path):
    first_markdown = _sources(_load(path), "markdown")[:3]
    assert any("学习目标" in s for s in first_markdown)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_a_notebook_has_an_interactive_widget_cell(path):
    cells = _sources(_load(path), "code")
    assert any(re.search(r"\.widget\s*$", s.strip()) for s in cells), \
        "no cell ends by displaying a widget"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_a_notebook_has_exactly_one_main_exercise_for_the_browser_tests(path):
    # the yingsu-main container: widgets built with main=True, or nbkit.CaseSession (its discussion)
    cells = _sources(_load(path), "code")
    mains = sum(s.count("main=True") + s.count("CaseSession(") for s in cells)
    assert mains == 1


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_a_notebook_is_committed_without_outputs(path):
    for cell in _load(path)["cells"]:
        if cell["cell_type"] != "code" or "# NBVAL_CHECK_OUTPUT" in "".join(cell["source"]):
            continue
        assert not cell.get("outputs") and cell.get("execution_count") is None


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_a_notebook_does_not_depend_on_the_day_it_is_run(path):
    code = "\n".join(_sources(_load(path), "code"))
    for forbidden in ["today()", "now()", "date.today", "Timestamp.now", "random.random(", "urlopen",
                      "requests."]:
        assert forbidden not in code, f"{path.name} uses {forbidden}"


def test_the_notebooks_are_exactly_what_the_build_script_writes(tmp_path):
    spec = importlib.util.spec_from_file_location("build_notebooks", ROOT / "scripts" / "build_notebooks.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.OUT = tmp_path
    for name, nb_spec in module.NOTEBOOKS.items():
        built = module.build(name, nb_spec)
        committed = NB_DIR / built.name
        assert committed.is_file(), f"run scripts/build_notebooks.py: {built.name} is missing"
        assert _load(built) == _load(committed), f"{built.name} differs from scripts/build_notebooks.py"


# ---------------------------------------------------------------------------------------------
# notebooks/nbkit.py: the helpers the notebooks share

@pytest.fixture(scope="module")
def nbkit():
    sys.path.insert(0, str(NB_DIR))
    try:
        import nbkit as module
        yield module
    finally:
        sys.path.remove(str(NB_DIR))


def test_show_clauses_quotes_the_clause_text_from_the_package(nbkit):
    html = nbkit.clause_html("3.2")
    assert load_opinion()["3.2"].text in html and "行政诉讼法第六十七条第一款" in html


def test_the_clause_browser_names_the_notebooks_and_exercises_of_a_section(nbkit):
    browser = nbkit.ClauseBrowser(section=4)
    assert "03-出庭应诉.ipynb" in browser.view.value and "head-must-appear-demolition" in browser.view.value
    browser.section.value = 10
    assert "08-司法建议与行政复议.ipynb" in browser.view.value and load_opinion()["10.1"].label in browser.view.value


def test_a_scenario_record_counts_untold_yes_no_facts_as_no_and_rejects_unknown_columns(nbkit):
    row = nbkit.case_record(case_id="x", agency="y", complaint_received_on=date(2025, 9, 26))
    assert row["interference_recorded"] is False and row["staff_appeared"] == 0 and "hearing_on" not in row
    with pytest.raises(ValueError, match="没有这些列"):
        nbkit.case_record(case_id="x", agency="y", hearing_date=date(2025, 9, 26))


@pytest.fixture(scope="module")
def late_case():
    return {"case_id": "（2025）渝0199行初118号", "agency": "明月区市场监督管理局",
            "complaint_received_on": date(2025, 9, 26), "defence_submitted_on": date(2025, 10, 13),
            "evidence_submitted_on": date(2025, 10, 13), "evidence_list_submitted": True,
            "confidential_evidence": False, "interference_recorded": False,
            "withdrawal_improperly_induced": False, "reconsideration_upheld": False}


def test_the_case_discussion_reveals_the_checker_clause_by_clause_then_scores_the_group(nbkit, late_case):
    d = nbkit.CaseDiscussion(nbkit.case_record(**late_case), as_of=date(2025, 12, 31))
    assert "yingsu-main" in d.widget._dom_classes and d.submit_button.description == "提交答案"
    d.reveal_next()
    assert "已揭晓 1 / " in d.feedback.value and "三（二）" not in d.feedback.value
    d.choices["3.2"].value = "violation"
    d.choices["2.2"].value = "violation"
    d.submit()
    assert "与检查结论一致：1 / " in d.feedback.value and "2025年10月11日" in d.feedback.value


def test_a_seeded_draw_picks_the_same_case_every_time_and_only_cases_with_a_violation(nbkit):
    from yingsu_training import check_cases, generate

    data = generate(60, 2025, seed=3)
    findings = check_cases(data.cases, as_of=data.as_of, explain=False)
    first = nbkit.draw_case(data.cases, findings, seed=11)
    assert first == nbkit.draw_case(data.cases, findings, seed=11)
    assert (findings[(findings["case_id"] == first)]["status"] == "violation").any()
    assert len({nbkit.draw_case(data.cases, findings, seed=s) for s in range(12)}) > 1


def test_a_case_session_draws_again_when_the_seed_changes_and_rebuilds_the_discussion(nbkit):
    from yingsu_training import generate

    data = generate(60, 2025, seed=3)
    session = nbkit.CaseSession(data.cases, as_of=data.as_of, seed=1)
    first, first_discussion = session.case_id, session.discussion
    seeds = iter(range(2, 40))
    while session.case_id == first:
        session.seed.value = next(seeds)
        session.draw_button.click()
    assert session.discussion is not first_discussion
    assert session.discussion_box.children == (session.discussion.widget,)
    assert session.case_id in session.title.value and session.timeline.value[:4] == b"\x89PNG"
