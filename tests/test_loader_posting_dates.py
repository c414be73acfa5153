"""Posting dates (答辩状交邮日期, 证据依据交邮日期): a filing cannot arrive before it was posted; a
justified absence (负责人有正当理由不能出庭并已提交情况说明) belongs to a head who did not appear."""
import pandas as pd
import pytest

from yingsu_training.errors import DataError
from yingsu_training.loaders import coerce_frame

CASE = {"案号": "A1", "被诉行政机关": "某局", "收到起诉状副本日期": "2025-09-20"}

CONTRADICTIONS = [
    ("a defence arriving before it was posted",
     {"答辩状交邮日期": "2025-10-09", "提交答辩状日期": "2025-10-08"}, "提交答辩状日期"),
    ("evidence arriving before it was posted",
     {"证据依据交邮日期": "2025-10-09", "提交证据依据日期": "2025-10-01"}, "提交证据依据日期"),
    ("a defence posted before the complaint copy was received",
     {"答辩状交邮日期": "2025-09-19"}, "答辩状交邮日期"),
    ("a justified absence of a head who appeared",
     {"负责人出庭": "是", "负责人有正当理由不能出庭并已提交情况说明": "是"},
     "负责人有正当理由不能出庭并已提交情况说明"),
]


@pytest.mark.parametrize("name,cells,column", CONTRADICTIONS, ids=[c[0] for c in CONTRADICTIONS])
def test_a_posting_date_that_contradicts_the_record_is_a_data_error(name, cells, column):
    with pytest.raises(DataError) as info:
        coerce_frame(pd.DataFrame([{**CASE, **cells}]), "cases", source="案件.csv")
    (problem,) = info.value.problems
    assert (problem.file, problem.row, problem.column) == ("案件.csv", 2, column)
    assert "自相矛盾" in str(problem)


def test_posted_and_arrived_on_the_same_day_or_posted_without_arrival_load():
    frame = coerce_frame(pd.DataFrame([
        {**CASE, "答辩状交邮日期": "2025-10-09", "提交答辩状日期": "2025-10-09"},
        {**CASE, "案号": "A2", "证据依据交邮日期": "2025年10月9日"},
    ]), "cases")
    assert frame["defence_posted_on"].iloc[0] == pd.Timestamp("2025-10-09")
    assert pd.isna(frame["evidence_submitted_on"].iloc[1])
    assert frame["evidence_posted_on"].iloc[1] == pd.Timestamp("2025-10-09")


def test_the_justified_absence_column_reads_yes_and_no_and_stays_empty_when_blank():
    frame = coerce_frame(pd.DataFrame([
        {**CASE, "负责人有正当理由不能出庭并已提交情况说明": "是"},
        {**CASE, "案号": "A2", "负责人有正当理由不能出庭并已提交情况说明": ""},
    ]), "cases")
    assert bool(frame["head_absence_justified"].iloc[0]) is True
    assert pd.isna(frame["head_absence_justified"].iloc[1])
