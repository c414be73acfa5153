"""The head-appearance scenario (四（二）/四（三）): answers judged by the real rules."""
from datetime import date

import pytest

from yingsu_training.catalogue import parameter
from yingsu_training.opinion import load_opinion
from yingsu_training.widgets.head import (HeadAppearanceScenario, head_appearance_verdict,
                                          judge_head_answers, judgement_html, scenario_record)

LIMIT = parameter("max_agents_with_head")

SCENARIOS = [  # (what, facts, head must appear, arrangement lawful, 4.2 status, 4.3 status)
    ("an ordinary case defended by one staff member is lawful",
     {"staff_appeared": 1}, False, True, "not_applicable", "compliant"),
    ("an ordinary case defended by lawyers only is unlawful",
     {"lawyers_appeared": 2}, False, False, "not_applicable", "violation"),
    ("a court's written request obliges the head, whose absence is unlawful",
     {"court_requested_head": True, "staff_appeared": 1}, True, False, "violation", "compliant"),
    ("a case of high social attention attended by the deputy head with two agents is lawful",
     {"high_social_attention": True, "head_appeared": True, "head_role": "副职",
      "staff_appeared": 1, "lawyers_appeared": 1}, True, True, "compliant", "compliant"),
    ("the head appearing with more agents than allowed is unlawful",
     {"mass_incident_risk": True, "head_appeared": True, "head_role": "正职",
      "staff_appeared": LIMIT, "lawyers_appeared": 1}, True, False, "violation", "compliant"),
    ("leaving the court without permission is unlawful even in an ordinary case",
     {"head_appeared": True, "head_role": "正职", "left_without_permission": True},
     False, False, "not_applicable", "violation"),
    ("refusing to appear without cause breaks both clauses in a major public interest case",
     {"major_public_interest": True, "absent_without_cause": True}, True, False, "violation", "violation"),
    # a justified absence with the sealed explanation filed (法释〔2018〕1号第一百二十九条第三款)
    ("a head kept away for a filed justified reason, with staff appearing, is lawful",
     {"court_requested_head": True, "head_absence_justified": True, "staff_appeared": 1},
     True, True, "compliant", "compliant"),
    ("a justified absence with a lawyer only still breaks 4.3",
     {"major_public_interest": True, "head_absence_justified": True, "lawyers_appeared": 1},
     True, False, "compliant", "violation"),
    ("an absence with no explanation filed breaks 4.2",
     {"major_public_interest": True, "head_absence_justified": False, "staff_appeared": 1},
     True, False, "violation", "compliant"),
    ("a justified-absence tick is ignored for a head who appeared",
     {"mass_incident_risk": True, "head_appeared": True, "head_role": "正职",
      "head_absence_justified": True, "staff_appeared": LIMIT, "lawyers_appeared": 1},
     True, False, "violation", "compliant"),
]


@pytest.mark.parametrize("what,facts,must,lawful,s42,s43", SCENARIOS, ids=[s[0] for s in SCENARIOS])
def test_the_verdict_comes_from_the_rules(what, facts, must, lawful, s42, s43):
    v = head_appearance_verdict(facts)
    assert (v.must_appear, v.lawful, v.status("4.2"), v.status("4.3")) == (must, lawful, s42, s43)


def test_the_head_role_is_dropped_when_the_head_did_not_appear():
    assert scenario_record({"head_role": "正职"})["head_role"] is None


def test_a_negative_count_is_refused_in_chinese():
    with pytest.raises(ValueError, match="出庭律师人数"):
        scenario_record({"lawyers_appeared": -1})


def test_right_and_wrong_answers_are_told_apart():
    facts = {"court_requested_head": True, "staff_appeared": 1}
    assert judge_head_answers(facts, True, False).correct
    j = judge_head_answers(facts, False, False)
    assert not j.correct and not j.must_appear_ok and j.lawful_ok


def test_submitting_a_wrong_answer_explains_with_the_clause_and_the_interpretations():
    s = HeadAppearanceScenario()
    s.court_requested_head.value = True
    s.lawyers_appeared.value = 2
    s.must_appear.value = False
    s.lawful.value = True
    s.submit_button.click()
    text = s.feedback.value
    assert "回答有误" in text
    assert "正确答案“是”" in text and "正确答案“不合法”" in text
    assert load_opinion()["4.2"].text in text and load_opinion()["4.3"].text in text
    for citation in ("法释〔2018〕1号第一百二十八条", "法释〔2018〕1号第一百二十九条",
                     "法释〔2018〕1号第一百三十条", "法释〔2020〕3号"):
        assert citation in text
    assert "四（二）积极履行出庭应诉职责：违反" in text and "四（三）严禁不依法出庭应诉：违反" in text


def test_the_rule_results_name_each_clause_and_its_status_once():
    s = HeadAppearanceScenario({"high_social_attention": True, "head_appeared": True, "head_role": "副职",
                                "staff_appeared": 2, "lawyers_appeared": 1})
    s.must_appear.value = True
    s.lawful.value = False
    s.submit_button.click()
    text = s.feedback.value
    assert "四（二）积极履行出庭应诉职责：违反" in text and "【四（二）积极履行出庭应诉职责】" not in text
    assert "超过2名" in text  # the explanation itself is kept


def test_submitting_the_right_answer_says_so():
    s = HeadAppearanceScenario({"high_social_attention": True, "head_appeared": True,
                                "head_role": "其他分管负责人", "staff_appeared": 1})
    s.must_appear.value = True
    s.lawful.value = True
    s.submit_button.click()
    assert "回答正确" in s.feedback.value and "其他分管负责人" in s.feedback.value


def test_an_unanswered_question_does_not_reveal_the_verdict():
    s = HeadAppearanceScenario({"court_requested_head": True})
    s.must_appear.value = True
    s.submit_button.click()
    assert "请先回答两个问题" in s.feedback.value and "正确答案" not in s.feedback.value


def test_changing_a_fact_clears_old_feedback_and_the_role_follows_the_head():
    s = HeadAppearanceScenario()
    assert s.head_role.disabled
    s.head_appeared.value = True
    assert not s.head_role.disabled
    s.must_appear.value, s.lawful.value = False, True
    s.submit_button.click()
    assert s.feedback.value
    s.staff_appeared.value = 1
    assert s.feedback.value == ""


def test_the_scenario_carries_the_css_classes_and_the_button_text():
    s = HeadAppearanceScenario()
    assert "yingsu-main" in s.widget._dom_classes and "yingsu-feedback" in s.feedback._dom_classes
    assert s.submit_button.description == "提交答案"


def test_the_legal_basis_is_headed_by_each_clause_and_no_provision_is_listed_twice():
    from yingsu_training.widgets._common import basis_html
    html = basis_html("4.2", "4.3")
    assert "法律依据（四（二）积极履行出庭应诉职责）" in html
    assert "法律依据（四（三）严禁不依法出庭应诉）" in html
    assert html.count("<li>") == len(set(html.split("<li>")[1:]))  # every provision once


def test_a_provision_already_listed_under_an_earlier_clause_is_not_repeated():
    from yingsu_training.widgets._common import basis_html, basis_lines
    twice = basis_html("4.2", "4.2")
    assert twice.count("<li>") == len(basis_lines("4.2"))
    assert "法律依据（四（二）" in twice and twice.count("法律依据（") == 1


def test_ticking_the_justified_absence_explains_both_clauses_with_the_law():
    s = HeadAppearanceScenario({"court_requested_head": True, "lawyers_appeared": 2})
    s.head_absence_justified.value = True
    s.must_appear.value, s.lawful.value = True, False
    s.submit_button.click()
    text = s.feedback.value
    assert "回答正确" in text
    assert "四（二）积极履行出庭应诉职责：合规" in text and "四（三）严禁不依法出庭应诉：违反" in text
    assert "法释〔2018〕1号第一百二十九条第三款：行政机关负责人有正当理由不能出庭应诉的" in text
    assert "仅委托律师出庭的，仍违反四（三）" in text


def test_the_justified_absence_box_is_disabled_while_the_head_appears():
    s = HeadAppearanceScenario()
    assert not s.head_absence_justified.disabled
    s.head_appeared.value = True
    assert s.head_absence_justified.disabled


def test_the_head_definition_is_the_2020_rule_picked_by_id():
    s = HeadAppearanceScenario({"high_social_attention": True, "head_appeared": True,
                                "head_role": "副职", "staff_appeared": 1})
    s.must_appear.value, s.lawful.value = True, True
    s.submit_button.click()
    assert "法释〔2020〕3号第二条第一款：……被诉行政机关负责人，包括行政机关的正职、副职负责人、参与分管被诉行政行为实施工作的副职级别的负责人" in s.feedback.value


def test_a_justified_absence_is_excused_before_2018_too_citing_the_law_of_the_hearing_day():
    facts = {"major_public_interest": True, "head_appeared": False, "head_absence_justified": True,
             "staff_appeared": 1}
    early = judge_head_answers(facts, True, True, hearing_on=date(2017, 6, 1))
    assert early.verdict.status("4.2") == "compliant"
    html = judgement_html(early, facts)
    assert "不违反四（二）（行政诉讼法第三条第三款" in html and "不违反四（二）（法释〔2018〕1号" not in html
    later = judge_head_answers(facts, True, True, hearing_on=date(2018, 2, 8))
    assert later.verdict.status("4.2") == "compliant"
    assert "不违反四（二）（法释〔2018〕1号第一百二十九条第三款" in judgement_html(later, facts)
