"""The case timeline picture: steps, legal deadlines, late steps in red, Chinese in a CJK font."""
import warnings
from datetime import date

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from yingsu_training.calendar import CalendarError  # noqa: E402
from yingsu_training.timeline import (STEP_STATUS, case_timeline, timeline_png,  # noqa: E402
                                      timeline_steps)

BASE = {"case_id": "（2025）渝0103行初123号", "agency": "重庆市渝中区某局",
        "complaint_received_on": "2025-09-20"}


def step(row, key, as_of="2026-06-30"):
    return {s.key: s for s in timeline_steps({**BASE, **row}, as_of)}[key]


STEPS = [  # (what, extra facts, step key, expected status, expected due)
    ("a defence on the first working day after National Day is on time",
     {"defence_submitted_on": "2025-10-09"}, "defence", "on_time", date(2025, 10, 9)),
    ("a defence one day after the rolled deadline is late",
     {"defence_submitted_on": "2025-10-10"}, "defence", "late", date(2025, 10, 9)),
    ("a missing defence after its deadline is overdue",
     {}, "defence", "overdue", date(2025, 10, 9)),
    ("a court-approved extension moves the evidence deadline",
     {"evidence_submitted_on": "2025-10-20", "evidence_extension_until": "2025-10-25"},
     "evidence", "on_time", date(2025, 10, 25)),
    ("an appeal against a ruling uses the ten-day period rolled past Labour Day",
     {"decision_kind": "裁定", "decision_served_on": "2025-04-25", "appeal_filed_on": "2025-05-06"},
     "appeal", "on_time", date(2025, 5, 6)),
    ("an appeal against a judgment filed after fifteen days is late",
     {"decision_kind": "判决撤销", "decision_served_on": "2025-12-20", "appeal_filed_on": "2026-01-07"},
     "appeal", "late", date(2026, 1, 4)),
    ("performance after the decision's deadline is late",
     {"performance_due_on": "2026-03-01", "performed_on": "2026-03-05"},
     "performed", "late", date(2026, 3, 1)),
    ("a defence posted on the last day is in time though it arrived later",
     {"complaint_received_on": "2025-09-20", "defence_posted_on": "2025-10-09",
      "defence_submitted_on": "2025-10-11"}, "defence", "on_time", date(2025, 10, 9)),
    ("a case received before the 2015 law took effect is measured with the old ten-day period, as "
     "the checker does", {"complaint_received_on": "2014-09-01", "defence_submitted_on": "2014-09-12"},
     "defence", "late", date(2014, 9, 11)),
]


@pytest.mark.parametrize("what,facts,key,status,due", STEPS, ids=[s[0] for s in STEPS])
def test_each_step_is_measured_against_its_legal_deadline(what, facts, key, status, due):
    s = step(facts, key)
    assert (s.status, s.due) == (status, due)


def test_a_missing_performance_before_its_deadline_is_pending_not_late():
    s = step({"performance_due_on": "2026-03-01"}, "performed", as_of="2026-02-01")
    assert s.status == "pending" and not s.late


def test_the_steps_come_in_the_order_of_the_case():
    row = {"defence_submitted_on": "2025-10-09", "evidence_submitted_on": "2025-10-09",
           "hearing_on": "2025-11-20", "decision_kind": "判决驳回诉讼请求",
           "decision_served_on": "2025-12-20", "performance_due_on": "2026-03-01"}
    keys = [s.key for s in timeline_steps({**BASE, **row}, "2026-06-30")]
    assert keys == ["complaint", "defence_due", "defence", "evidence", "hearing", "served",
                    "appeal_due", "performance_due", "performed"]


def test_a_row_from_a_typed_dataframe_works_like_a_dict():
    df = pd.DataFrame([{**BASE, "defence_submitted_on": "2025-10-10", "hearing_on": None}])
    for col in ("complaint_received_on", "defence_submitted_on", "hearing_on"):
        df[col] = pd.to_datetime(df[col])
    assert step({}, "defence").due == {s.key: s for s in timeline_steps(df.iloc[0], "2026-01-01")}["defence"].due
    assert "hearing" not in [s.key for s in timeline_steps(df.iloc[0], "2026-01-01")]


def draw(row, as_of="2026-06-30"):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig = case_timeline(row, as_of)
        fig.canvas.draw()
    return fig, [str(w.message) for w in caught]


def test_the_picture_has_chinese_labels_and_no_missing_glyph_warning():
    row = {**BASE, "defence_submitted_on": "2025-10-10", "hearing_on": "2025-11-20",
           "decision_kind": "判决撤销", "decision_served_on": "2025-12-20",
           "appeal_filed_on": "2026-01-07", "performance_due_on": "2026-03-01"}
    fig, messages = draw(row)
    try:
        assert not [m for m in messages if "missing from font" in m or "Glyph" in m], messages
        labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
        assert "收到起诉状副本" in labels and "提交答辩状" in labels and "履行完毕" in labels
    finally:
        plt.close(fig)


def test_late_steps_are_labelled_in_red_and_on_time_ones_are_not():
    fig, _ = draw({**BASE, "defence_submitted_on": "2025-10-10", "evidence_submitted_on": "2025-10-09"})
    try:
        colours = {t.get_text(): t.get_color() for t in fig.axes[0].get_yticklabels()}
        assert colours["提交答辩状"] == STEP_STATUS["late"][1]
        assert colours["提交证据依据"] != STEP_STATUS["late"][1]
    finally:
        plt.close(fig)


def test_it_draws_into_a_given_axes():
    fig, ax = plt.subplots()
    try:
        assert case_timeline(BASE, "2025-12-01", ax=ax) is fig
        assert len(ax.get_yticklabels()) == 4
    finally:
        plt.close(fig)


def test_a_row_without_dates_says_so_in_chinese():
    fig, messages = draw({"case_id": "X"})
    try:
        assert "没有可显示的日期" in fig.axes[0].texts[0].get_text()
    finally:
        plt.close(fig)


def test_the_png_form_is_an_image():
    assert timeline_png(BASE, "2025-12-01")[:8] == b"\x89PNG\r\n\x1a\n"


def test_a_deadline_in_a_year_without_a_schedule_raises_the_calendar_error():
    with pytest.raises(CalendarError):
        timeline_steps({**BASE, "complaint_received_on": "2031-05-01"}, "2031-06-01")


def test_the_check_date_may_be_written_the_chinese_way_as_the_checker_accepts_it():
    row = {**BASE}
    assert step(row, "defence", as_of="2025年10月9日").status == "pending"
    assert step(row, "defence", as_of="2025年10月10日").status == "overdue"
