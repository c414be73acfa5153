"""Legal periods on the State Council holiday schedule (法释〔2018〕1号第四十八条)."""
from datetime import date, timedelta

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from yingsu_training import CalendarError, add_calendar_year, legal_deadline, legal_deadlines
from yingsu_training.calendar import (PACKAGE_CALENDAR_DIR, deadline_detail, day_kind, fmt,
                                      is_rest_day, is_working_day, read_year_file)

# the verified examples of legal-basis.md
EXAMPLES = [
    ("a 15-day period ending on a National Day holiday rolls to the first working day after it",
     date(2025, 9, 20), 15, date(2025, 10, 9)),
    ("a 15-day period ending on a 调休 working Saturday ends on that Saturday",
     date(2025, 9, 26), 15, date(2025, 10, 11)),
    ("a 15-day period ending in the 2025 Spring Festival rolls past it",
     date(2025, 1, 20), 15, date(2025, 2, 5)),
    ("a 15-day period ending in the 2026 Spring Festival rolls to 24 February",
     date(2026, 2, 1), 15, date(2026, 2, 24)),
    ("a 10-day ruling appeal period ending on Labour Day rolls to 6 May",
     date(2025, 4, 25), 10, date(2025, 5, 6)),
    ("a period ending on an ordinary Wednesday ends that day",
     date(2025, 3, 4), 15, date(2025, 3, 19)),
    ("a period ending on an ordinary Saturday rolls to Monday",
     date(2025, 3, 7), 15, date(2025, 3, 24)),
    ("holidays in the middle of a period count as days",
     date(2025, 9, 28), 15, date(2025, 10, 13)),
    ("a 60-day reply period ending on National Day rolls past the holiday",
     date(2025, 8, 2), 60, date(2025, 10, 9)),
]


@pytest.mark.parametrize("name,start,days,due", EXAMPLES, ids=[e[0] for e in EXAMPLES])
def test_verified_examples(name, start, days, due):
    assert legal_deadline(start, days) == due


@pytest.mark.parametrize("name,start,days,due", EXAMPLES, ids=[e[0] for e in EXAMPLES])
def test_the_vectorised_form_agrees_with_the_examples(name, start, days, due):
    out = legal_deadlines(pd.Series(pd.to_datetime([start])), days)
    assert out.iloc[0].date() == due


@pytest.mark.parametrize("value", [date(2025, 10, 9), pd.Timestamp("2025-10-09"),
                                   np.datetime64("2025-10-09"), "2025-10-09"])
def test_a_date_is_written_the_chinese_way_whatever_its_type(value):
    assert fmt(value) == "2025年10月09日"


@pytest.mark.parametrize("missing", [None, pd.NaT, np.datetime64("NaT"), pd.NA, float("nan")])
def test_a_missing_date_of_any_kind_is_written_as_empty(missing):
    assert fmt(missing) == "（空）"


def test_a_rolled_deadline_explains_itself_in_chinese():
    text = deadline_detail(date(2025, 9, 20), 15).describe()
    assert "最后一日为法定节假日，顺延至2025年10月09日" in text
    assert "国庆节" in text


def test_a_deadline_rolled_over_an_ordinary_weekend_says_rest_day_not_holiday():
    text = deadline_detail(date(2025, 3, 7), 15).describe()
    assert "最后一日为休息日（周六），顺延至2025年03月24日" in text
    assert "法定节假日" not in text


def test_a_deadline_that_did_not_roll_says_only_the_last_day():
    text = deadline_detail(date(2025, 9, 26), 15).describe()
    assert "顺延" not in text and "2025年10月11日" in text


def test_missing_start_dates_stay_missing_in_the_vectorised_form():
    out = legal_deadlines(pd.Series(pd.to_datetime(["2025-09-20", None])), 15)
    assert pd.isna(out.iloc[1])


def test_a_period_may_have_a_different_length_per_row():
    starts = pd.Series(pd.to_datetime(["2025-04-25", "2025-04-25"]))
    out = legal_deadlines(starts, pd.Series([10, 15]))
    assert [d.date() for d in out] == [date(2025, 5, 6), date(2025, 5, 12)]


def test_day_kinds_name_holidays_and_make_up_working_days():
    assert day_kind(date(2025, 10, 1)) == "国庆节"
    assert day_kind(date(2025, 10, 11)) == "国庆节调休上班"
    assert day_kind(date(2025, 10, 12)) == "周末"
    assert day_kind(date(2025, 10, 13)) == "工作日"
    assert is_working_day(date(2025, 10, 11)) and is_rest_day(date(2025, 10, 12))


def test_a_year_the_calendar_does_not_know_is_an_error_naming_the_year():
    with pytest.raises(CalendarError, match="2027年") as info:
        legal_deadline(date(2026, 12, 25), 15)
    assert info.value.years == [2027]
    assert "yingsu calendar add" in str(info.value)


def test_the_vectorised_form_names_every_unknown_year_at_once():
    starts = pd.Series(pd.to_datetime(["2026-12-25", "2003-06-01", "2025-01-01"]))
    with pytest.raises(CalendarError) as info:
        legal_deadlines(starts, 15)
    assert info.value.years == [2003, 2027]


def test_it_never_silently_assumes_weekends_only_for_an_unknown_year():
    with pytest.raises(CalendarError):
        is_rest_day(date(2027, 3, 3))


def write_2027(tmp_path):
    path = tmp_path / "2027.yaml"
    path.write_text(
        "year: 2027\nsource: 测试用安排（非真实通知）\n"
        "holidays:\n  - {name: 元旦, from: 2027-01-01, to: 2027-01-03}\n"
        "  - {name: 春节, from: 2027-02-05, to: 2027-02-11}\n"
        "workdays:\n  - {date: 2027-02-13, name: 春节调休上班}\n", encoding="utf-8")
    return path


def test_an_instructor_can_supply_a_missing_year_as_a_data_file(tmp_path):
    add_calendar_year(write_2027(tmp_path))
    # 2026-12-17 + 15 = 2027-01-01, a holiday → 2027-01-04 (Monday)
    assert legal_deadline(date(2026, 12, 17), 15) == date(2027, 1, 4)
    # 2027-01-29 + 15 = 2027-02-13, a 调休 working Saturday
    assert legal_deadline(date(2027, 1, 29), 15) == date(2027, 2, 13)


def test_a_year_file_in_the_folder_named_by_the_environment_is_used(tmp_path, monkeypatch):
    write_2027(tmp_path)
    monkeypatch.setenv("YINGSU_CALENDAR_DIR", str(tmp_path))
    from yingsu_training import calendar as cal
    cal.reset_calendar()
    assert legal_deadline(date(2026, 12, 17), 15) == date(2027, 1, 4)


def test_the_shipped_example_file_agrees_with_the_package_calendar_for_2026():
    example = read_year_file(PACKAGE_CALENDAR_DIR / "example-2026.yaml")
    d = date(2026, 1, 1)
    while d.year == 2026:
        rest = d in example.holidays or (d.weekday() >= 5 and d not in example.workdays)
        assert rest == is_rest_day(d), d
        d += timedelta(days=1)


def test_a_broken_year_file_lists_every_problem(tmp_path):
    path = tmp_path / "2027.yaml"
    path.write_text("year: 2027\nholidays:\n  - {name: 元旦, from: 2027-13-01}\n"
                    "workdays:\n  - {date: 2027-02-10}\n  - {date: 2028-01-01}\n", encoding="utf-8")
    with pytest.raises(ValueError) as info:
        read_year_file(path)
    text = str(info.value)
    assert "2027-13-01" in text and "不是周六或周日" in text and "不在 2027 年内" in text


# --- properties -------------------------------------------------------------------------------
starts = st.dates(min_value=date(2004, 1, 1), max_value=date(2026, 10, 1))
lengths = st.sampled_from([10, 15, 60]) | st.integers(min_value=1, max_value=60)


@settings(max_examples=400, deadline=None)
@given(starts, lengths)
def test_the_deadline_is_a_working_day_on_or_after_start_plus_days(start, days):
    due = legal_deadline(start, days)
    assert is_working_day(due)
    assert due >= start + timedelta(days=days)


@settings(max_examples=400, deadline=None)
@given(starts, lengths)
def test_every_day_rolled_over_is_a_rest_day(start, days):
    due = legal_deadline(start, days)
    d = start + timedelta(days=days)
    while d < due:
        assert is_rest_day(d)
        d += timedelta(days=1)


@settings(max_examples=300, deadline=None)
@given(starts, starts, lengths)
def test_a_later_start_never_gives_an_earlier_deadline(a, b, days):
    early, late = min(a, b), max(a, b)
    assert legal_deadline(early, days) <= legal_deadline(late, days)


@settings(max_examples=100, deadline=None)
@given(st.lists(starts, min_size=1, max_size=50), lengths)
def test_the_vectorised_form_equals_the_scalar_function(dates, days):
    out = legal_deadlines(pd.Series(pd.to_datetime(dates)), days)
    assert [d.date() for d in out] == [legal_deadline(d, days) for d in dates]
