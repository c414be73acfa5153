"""案例研讨: scenario records, the seeded draw, the group's verdicts against the checker."""
from datetime import date

import pytest

from yingsu_training.widgets import CaseDiscussion, CaseSession, case_record, draw_case


def test_a_scenario_record_counts_untold_yes_no_facts_as_no_and_rejects_unknown_columns():
    row = case_record(case_id="x", agency="y", complaint_received_on=date(2025, 9, 26))
    assert row["interference_recorded"] is False and row["staff_appeared"] == 0 and "hearing_on" not in row
    with pytest.raises(ValueError, match="没有这些列"):
        case_record(case_id="x", agency="y", hearing_date=date(2025, 9, 26))


@pytest.fixture(scope="module")
def late_case():
    return {"case_id": "（2025）渝0199行初118号", "agency": "明月区市场监督管理局",
            "complaint_received_on": date(2025, 9, 26), "defence_submitted_on": date(2025, 10, 13),
            "evidence_submitted_on": date(2025, 10, 13), "evidence_list_submitted": True,
            "confidential_evidence": False, "interference_recorded": False,
            "withdrawal_improperly_induced": False, "reconsideration_upheld": False}


@pytest.fixture
def db(tmp_path):
    from yingsu_training.store import Store
    return Store(tmp_path / "answers.sqlite3")


def test_studying_alone_the_discussion_reveals_clause_by_clause_then_scores_the_group(late_case, db):
    d = CaseDiscussion(case_record(**late_case), as_of=date(2025, 12, 31), store=db, paced=False)
    assert "yingsu-main" in d.widget._dom_classes and d.submit_button.description == "提交小组判断"
    d.next_button.click()
    assert "已揭晓 1 / " in d.feedback.value and "三（二）" not in d.feedback.value
    d.choices["3.2"].value = "violation"
    d.choices["2.2"].value = "violation"
    d.group.value = "第一组"
    d.submit_button.click()
    assert "已提交第一组对 2 条的判断" in d.status.value
    for _ in d.order:
        d.next_button.click()
    assert "与检查结论一致：1 / " in d.feedback.value and "2025年10月11日" in d.feedback.value


def test_a_group_judgment_lands_in_the_store_with_the_groups_name_and_reveals_no_unjudged_clause(late_case, db):
    d = CaseDiscussion(case_record(**late_case), as_of=date(2025, 12, 31), store=db, paced=False)
    d.choices["3.2"].value = "violation"
    d.submit_button.click()
    assert "请先填写小组名称" in d.status.value and db.count() == 0
    d.group.value = "第三组"
    d.submit_button.click()
    [a] = db.rows(kind="group")
    assert (a.notebook, a.question, a.clause, a.grp, a.answer, a.correct) == (
        "10-案例研讨", "案例（2025）渝0199行初118号", "3.2", "第三组", "违反", True)
    assert d.revealed_ids == {"3.2"}          # the judged clause only
    assert 'data-clause="2.2"' not in d.feedback.value and "data-clause='2.2'" not in d.feedback.value


def test_in_the_classroom_submitting_reveals_nothing_and_each_clause_appears_when_the_instructor_reveals_it(
        late_case, db):
    d = CaseDiscussion(case_record(**late_case), as_of=date(2025, 12, 31), store=db, paced=True, poll=False)
    assert d.next_button.layout.display == "none"
    d.choices["3.2"].value = "violation"
    d.group.value = "第二组"
    d.submit_button.click()
    d.refresh()
    assert d.revealed_ids == set() and "yingsu-revealed" not in d.feedback.value
    db.reveal("10-案例研讨", d.question, "2.2")
    d.refresh()
    assert d.revealed_ids == {"2.2"} and "data-clause='2.2'" in d.feedback.value
    assert "data-clause='3.2'" not in d.feedback.value
    db.reveal("10-案例研讨", d.question)             # the whole case
    d.refresh()
    assert d.revealed_ids == set(d.order) and "与检查结论一致：1 / " in d.feedback.value


def test_a_seeded_draw_picks_the_same_case_every_time_and_only_cases_with_a_violation():
    from yingsu_training import check_cases, generate

    data = generate(60, 2025, seed=3)
    findings = check_cases(data.cases, as_of=data.as_of, explain=False)
    first = draw_case(data.cases, findings, seed=11)
    assert first == draw_case(data.cases, findings, seed=11)
    assert (findings[(findings["case_id"] == first)]["status"] == "violation").any()
    assert len({draw_case(data.cases, findings, seed=s) for s in range(12)}) > 1


def test_a_case_session_draws_again_when_the_seed_changes_and_rebuilds_the_discussion():
    from yingsu_training import generate

    data = generate(60, 2025, seed=3)
    session = CaseSession(data.cases, as_of=data.as_of, seed=1)
    first, first_discussion = session.case_id, session.discussion
    seeds = iter(range(2, 40))
    while session.case_id == first:
        session.seed.value = next(seeds)
        session.draw_button.click()
    assert session.discussion is not first_discussion
    assert session.discussion_box.children == (session.discussion.widget,)
    assert session.case_id in session.title.value and session.timeline.value[:4] == b"\x89PNG"
