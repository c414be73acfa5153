"""The deadline calculator widget and its pure functions (法释〔2018〕1号第四十八条)."""
import re
from datetime import date

import pytest

from yingsu_training.catalogue import parameter
from yingsu_training.widgets.deadline import (CUSTOM, DeadlineCalculator, calendar_strip_html,
                                              compute_deadline, judge_deadline_answer,
                                              period_choices, strip_days)


def cells(html):
    """{date: (kind, marks)} from the strip's data attributes."""
    return {date.fromisoformat(d): (k, m.split())
            for d, k, m in re.findall(r'data-date="([\d-]+)" data-kind="(\w+)" data-mark="([\w ]*)"', html)}


def test_the_period_dropdown_offers_the_named_periods_with_days_from_the_parameters():
    labels = dict((v, k) for k, v in period_choices())
    assert labels["defence_period_days"] == f"答辩举证 {parameter('defence_period_days')}日"
    assert labels["appeal_period_judgment_days"] == f"判决上诉 {parameter('appeal_period_judgment_days')}日"
    assert labels["appeal_period_ruling_days"] == f"裁定上诉 {parameter('appeal_period_ruling_days')}日"
    assert labels["suggestion_reply_days"] == f"司法建议回复 {parameter('suggestion_reply_days')}日"
    assert labels[CUSTOM] == "自定义天数"


STRIP = [  # (what, start, days, day, expected kind)
    ("1 October 2025 is a National Day holiday", date(2025, 9, 20), 15, date(2025, 10, 1), "holiday"),
    ("8 October 2025 is the last day of the National Day holiday", date(2025, 9, 20), 15, date(2025, 10, 8), "holiday"),
    ("11 October 2025 is a Saturday worked in lieu (调休上班)", date(2025, 9, 20), 15, date(2025, 10, 11), "adjusted_workday"),
    ("28 February 2026 is a Saturday worked in lieu", date(2026, 2, 1), 15, date(2026, 2, 28), "adjusted_workday"),
    ("9 October 2025 is an ordinary working day", date(2025, 9, 20), 15, date(2025, 10, 9), "workday"),
    ("12 October 2025 is an ordinary Sunday", date(2025, 9, 20), 15, date(2025, 10, 12), "weekend"),
    ("22 March 2025 is an ordinary Saturday", date(2025, 3, 7), 15, date(2025, 3, 22), "weekend"),
    ("17 February 2026 is a Spring Festival holiday", date(2026, 2, 1), 15, date(2026, 2, 17), "holiday"),
]


@pytest.mark.parametrize("what,start,days,day,kind", STRIP, ids=[s[0] for s in STRIP])
def test_the_calendar_strip_shades_each_kind_of_day(what, start, days, day, kind):
    assert cells(calendar_strip_html(start, days))[day][0] == kind


def test_the_strip_covers_the_whole_national_day_holiday_and_the_makeup_saturday():
    got = cells(calendar_strip_html(date(2025, 9, 20), 15))
    holiday = [d for d, (k, _) in got.items() if k == "holiday"]
    assert holiday == [date(2025, 10, n) for n in range(1, 9)]
    assert got[date(2025, 10, 11)][0] == "adjusted_workday"


MARKS = [  # (what, start, days, nominal last day, due)
    ("a rolled period marks the holiday last day and the first working day after it",
     date(2025, 9, 20), 15, date(2025, 10, 5), date(2025, 10, 9)),
    ("a period ending on a 调休 Saturday marks that Saturday as both", date(2025, 9, 26), 15,
     date(2025, 10, 11), date(2025, 10, 11)),
    ("a period ending on an ordinary Saturday marks the Monday as due", date(2025, 3, 7), 15,
     date(2025, 3, 22), date(2025, 3, 24)),
]


@pytest.mark.parametrize("what,start,days,nominal,due", MARKS, ids=[m[0] for m in MARKS])
def test_the_strip_marks_the_nominal_last_day_and_the_due_date(what, start, days, nominal, due):
    got = cells(calendar_strip_html(start, days))
    assert [d for d, (_, m) in got.items() if "nominal" in m] == [nominal]
    assert [d for d, (_, m) in got.items() if "due" in m] == [due]


def test_the_strip_runs_from_monday_to_sunday_and_has_a_legend():
    days = strip_days(date(2025, 9, 20), 15)
    assert days[0].day.weekday() == 0 and days[-1].day.weekday() == 6
    html = calendar_strip_html(date(2025, 9, 20), 15)
    for legend in ("法定节假日", "周末休息日", "调休上班日", "期间届满日"):
        assert legend in html


def test_the_strip_shows_days_of_an_unknown_year_as_unknown_not_as_weekends():
    # 2026-12-28 + 1 day = Tuesday 29 Dec; the strip's Sunday is still in 2026, but a period
    # ending on 31 Dec 2026 (Thursday) shows up to 3 Jan 2027, a year without a schedule
    got = cells(calendar_strip_html(date(2026, 12, 30), 1))
    assert got[date(2027, 1, 2)][0] == "unknown"


ANSWERS = [  # (what, start, answer, correct, phrase in the reasons)
    ("the rolled due date is right", date(2025, 9, 20), date(2025, 10, 9), True, "顺延"),
    ("forgetting to roll over National Day is wrong", date(2025, 9, 20), date(2025, 10, 5), False, "你没有顺延"),
    ("counting the start day is wrong", date(2025, 9, 20), date(2025, 10, 4), False, "期间开始的日不计算在期间内"),
    ("stopping inside the holiday is wrong", date(2025, 9, 20), date(2025, 10, 7), False, "仍是休息日"),
    ("rolling past the first working day is wrong", date(2025, 9, 20), date(2025, 10, 10), False, "顺延过头了"),
    ("rolling over a 调休 working Saturday is wrong", date(2025, 9, 26), date(2025, 10, 13), False, "调休上班日"),
    ("the 调休 Saturday itself is right", date(2025, 9, 26), date(2025, 10, 11), True, "属于工作日"),
    ("deducting holidays in the middle is wrong", date(2025, 9, 28), date(2025, 10, 21), False, "照常计入期间"),
]


@pytest.mark.parametrize("what,start,answer,correct,phrase", ANSWERS, ids=[a[0] for a in ANSWERS])
def test_a_trainees_answer_is_judged_with_the_reason(what, start, answer, correct, phrase):
    result = compute_deadline(start, "defence_period_days")
    judgement = judge_deadline_answer(result, answer)
    assert judgement.correct is correct
    assert phrase in "".join(judgement.reasons)


def test_wrong_answer_feedback_says_the_computation_the_law_and_the_clause_once_each():
    calc = DeadlineCalculator(start=date(2025, 9, 20), period="defence_period_days", answer_mode=True)
    calc.answer.value = date(2025, 10, 5)
    calc.compute_button.click()
    text = calc.feedback.value
    assert "你没有顺延" in text and "正确的期间届满日是 2025年10月09日" in text
    for once in ["自2025年09月20日次日起算15日", "法释〔2018〕1号第四十八条第三款", "期间天数：",
                 "三（二）不得超期答辩举证</b>"]:
        assert text.count(once) == 1, once


def test_clicking_compute_shows_the_due_date_the_roll_over_reason_the_law_and_the_clause():
    calc = DeadlineCalculator(start=date(2025, 9, 20))
    calc.compute_button.click()
    text = calc.feedback.value
    assert "期间届满日为 2025年10月09日" in text
    assert "最后一日为法定节假日，顺延至2025年10月09日" in text
    assert "法释〔2018〕1号第四十八条" in text and "第六十七条" in text
    assert "第八十三条" not in text
    assert "诉讼文书在期满前交邮的，视为在期限内发送" in text
    assert "三（二）不得超期答辩举证" in text
    assert 'data-kind="holiday"' in text


def test_a_ruling_appeal_period_uses_ten_days_and_cites_clause_six_one():
    calc = DeadlineCalculator(start=date(2025, 4, 25), period="appeal_period_ruling_days")
    calc.compute_button.click()
    assert "2025年05月06日" in calc.feedback.value
    assert "六（一）" in calc.feedback.value and "第八十五条" in calc.feedback.value


def test_a_custom_number_of_days_is_computed_on_the_same_calendar():
    calc = DeadlineCalculator(start=date(2025, 8, 2))
    calc.period.value = CUSTOM
    calc.custom_days.value = 60
    calc.compute_button.click()
    assert "自定义 60日" in calc.feedback.value and "2025年10月09日" in calc.feedback.value


def test_in_answer_mode_a_wrong_answer_gets_feedback_citing_the_period_rule_and_the_clause():
    calc = DeadlineCalculator(start=date(2025, 9, 20), answer_mode=True)
    calc.answer.value = date(2025, 10, 5)
    calc.compute_button.click()
    text = calc.feedback.value
    assert "回答错误" in text and "你没有顺延" in text
    assert "法释〔2018〕1号第四十八条" in text and "三（二）" in text


def test_in_answer_mode_no_answer_does_not_reveal_the_due_date():
    calc = DeadlineCalculator(start=date(2025, 9, 20), answer_mode=True)
    calc.compute_button.click()
    assert "请先填写你的答案" in calc.feedback.value
    assert "2025年10月09日" not in calc.feedback.value


def test_an_unknown_calendar_year_shows_the_chinese_message_not_a_traceback():
    calc = DeadlineCalculator(start=date(2030, 3, 1))
    calc.compute_button.click()
    assert "2030年" in calc.feedback.value and "国务院节假日安排" in calc.feedback.value
    assert "Traceback" not in calc.feedback.value and calc.result is None


def test_no_start_date_asks_for_one():
    calc = DeadlineCalculator()
    calc.compute_button.click()
    assert "请先选择起算日" in calc.feedback.value


def test_the_widget_carries_the_css_classes_the_browser_tests_use():
    calc = DeadlineCalculator()
    assert "yingsu-main" in calc.widget._dom_classes
    assert "yingsu-feedback" in calc.feedback._dom_classes
    assert calc.compute_button.description == "计算"


def test_changing_an_input_clears_the_stale_result():
    calc = DeadlineCalculator(start=date(2025, 9, 20))
    calc.compute_button.click()
    calc.start.value = date(2025, 9, 26)
    assert calc.feedback.value == "" and calc.result is None
    calc.compute_button.click()
    assert "2025年10月11日" in calc.feedback.value


def test_a_period_not_yet_in_force_on_the_start_date_is_explained():
    calc = DeadlineCalculator(start=date(2015, 3, 2), period="suggestion_reply_days")
    calc.compute_button.click()
    assert "尚未施行" in calc.feedback.value


# the law in force on the start date: 10 days before 2015-05-01 (法释〔2002〕21号第一条第一款)
OLD_LAW = [
    ("a copy received in June 2014 has ten days", date(2014, 6, 3), 10, date(2014, 6, 13)),
    ("a copy received on 30 April 2015 still has ten days", date(2015, 4, 30), 10, date(2015, 5, 11)),
    ("a copy received on 1 May 2015 has fifteen days", date(2015, 5, 1), 15, date(2015, 5, 18)),
]


@pytest.mark.parametrize("what,start,days,due", OLD_LAW, ids=[o[0] for o in OLD_LAW])
def test_the_defence_period_is_the_one_in_force_on_the_start_date(what, start, days, due):
    result = compute_deadline(start, "defence_period_days")
    assert (result.days, result.due) == (days, due)


def test_a_2014_start_date_is_computed_with_the_old_period_and_says_so():
    calc = DeadlineCalculator(start=date(2014, 6, 3))
    calc.compute_button.click()
    text = calc.feedback.value
    assert "答辩举证 10日：期间届满日为 2014年06月13日" in text
    assert "按当时施行的规定计算10日（法释〔2002〕21号第一条第一款）" in text
    assert "尚未施行" not in text


def test_display_shows_the_container_widget():
    calc = DeadlineCalculator()
    bundle = calc._repr_mimebundle_()
    assert bundle["application/vnd.jupyter.widget-view+json"]["model_id"] == calc.widget.model_id


def test_a_single_skipped_rest_day_is_named_once_not_as_a_range():
    from yingsu_training.widgets.deadline import deadline_result_html
    html = deadline_result_html(compute_deadline(date(2025, 4, 25), "appeal_period_ruling_days"))
    assert "顺延跳过的休息日：2025年05月05日（劳动节）" in html
    assert "2025年05月05日至2025年05月05日" not in html


def test_several_skipped_rest_days_are_named_as_a_range():
    from yingsu_training.widgets.deadline import deadline_result_html
    html = deadline_result_html(compute_deadline(date(2025, 9, 20), "defence_period_days"))
    assert "2025年10月05日至2025年10月08日" in html


@pytest.mark.parametrize("what,period,borrowed", [
    ("the opinion's own 60-day reply borrows the litigation period rule", "suggestion_reply_days", True),
    ("the statutory defence period is governed by it", "defence_period_days", False),
    ("the statutory appeal period is governed by it", "appeal_period_judgment_days", False),
])
def test_the_calculator_says_whether_the_period_rule_governs_or_is_borrowed(what, period, borrowed):
    from yingsu_training.widgets.deadline import compute_deadline, deadline_result_html
    text = re.sub(r"<[^>]+>", "", deadline_result_html(compute_deadline(date(2025, 8, 2), period)))
    assert ("本意见没有规定期间的计算方法，本工具包参照法释〔2018〕1号第四十八条" in text) is borrowed
    assert ("期间计算依据法释〔2018〕1号第四十八条" in text) is not borrowed
