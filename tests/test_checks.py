"""The public checking API: inputs it accepts, the findings table it returns, the summary."""
from datetime import date

import numpy as np
import pandas as pd
import pytest

from yingsu_training import CalendarError, check_agencies, check_cases, check_suggestions, schema
from yingsu_training.calendar import fmt
from yingsu_training.checks import summary
from yingsu_training.export import save_table
from yingsu_training.random_records import random_agencies, random_cases, random_suggestions

AS_OF = date(2025, 10, 9)


def test_the_findings_table_has_the_contract_columns_and_types():
    findings = check_cases(random_cases(30, as_of=AS_OF), as_of=AS_OF)
    assert list(findings.columns) == ["case_id", "obligation_id", "status", "label", "due_on",
                                      "explanation"]
    assert isinstance(findings["obligation_id"].dtype, pd.CategoricalDtype)
    assert list(findings["status"].cat.categories) == list(schema.STATUSES)
    assert isinstance(findings["label"].dtype, pd.CategoricalDtype)
    assert findings["due_on"].dtype == "datetime64[ns]"
    assert len(findings) == 30 * 10


def test_the_lean_table_has_no_explanations_and_no_python_objects():
    findings = check_cases(random_cases(1000, as_of=AS_OF), as_of=AS_OF, explain=False)
    assert "explanation" not in findings.columns
    assert all(isinstance(t, pd.CategoricalDtype) or t == "datetime64[ns]" for t in findings.dtypes)
    assert findings["case_id"].cat.codes.dtype != np.dtype(object)


def test_findings_are_ordered_by_record_then_clause():
    cases = random_cases(3, as_of=AS_OF)
    findings = check_cases(cases, as_of=AS_OF, explain=False)
    assert list(findings["case_id"].astype(str)) == [c for c in cases["case_id"] for _ in range(10)]
    assert list(findings["obligation_id"].iloc[:10]) == ["2.2", "3.1", "3.2", "4.2", "4.3", "5.2",
                                                         "6.1", "6.2", "7.2", "12.2"]


def test_agency_findings_are_keyed_by_agency_and_year():
    findings = check_agencies(random_agencies(5, as_of=AS_OF), as_of=AS_OF)
    assert list(findings.columns[:2]) == ["agency", "year"]
    assert findings["year"].dtype == "Int64"
    assert list(findings["obligation_id"].iloc[:4]) == ["8.2", "9.1", "11.2", "12.1"]


def test_suggestion_findings_are_keyed_by_suggestion_id():
    findings = check_suggestions(random_suggestions(5, as_of=AS_OF), as_of=AS_OF)
    assert list(findings.columns[:1]) == ["suggestion_id"] and set(findings["obligation_id"]) == {"10.1"}


def test_an_empty_table_gives_an_empty_findings_table_and_a_summary_of_zeros():
    findings = check_cases(schema.CASES.empty(), as_of=AS_OF)
    assert len(findings) == 0 and "status" in findings.columns
    table = summary(findings)
    assert len(table) == 10 and (table["total"] == 0).all()


def test_a_path_is_read_with_the_loader(tmp_path):
    cases = random_cases(20, as_of=AS_OF, seed=4, required=True)
    path = tmp_path / "cases.xlsx"
    save_table(cases, path, "cases")
    from_file = check_cases(str(path), as_of=AS_OF, explain=False)
    in_memory = check_cases(cases, as_of=AS_OF, explain=False)
    assert list(from_file["status"]) == list(in_memory["status"])


def test_chinese_headers_and_plain_python_values_are_accepted():
    frame = pd.DataFrame([{"案号": "A", "被诉行政机关": "某局", "收到起诉状副本日期": "2025-09-20",
                           "提交答辩状日期": "2025-10-10", "提交证据依据日期": "2025-10-09"}])
    findings = check_cases(frame, as_of=AS_OF).set_index("obligation_id")
    assert findings.loc["3.2", "status"] == "violation"


def test_the_check_date_defaults_to_today():
    # a fixed received date: a deadline must not depend on a year the calendar may not know yet;
    # no defence filed: 3.2 says until when it has not been filed
    case = dict(case_id="A", agency="某局", complaint_received_on=date(2025, 3, 4))
    before = date.today()
    text = check_cases(pd.DataFrame([case])).set_index("obligation_id").loc["3.2", "explanation"]
    assert any(f"至{fmt(day)}仍未提交答辩状" in text for day in {before, date.today()})  # may cross midnight


def test_a_deadline_in_a_year_without_a_holiday_schedule_is_a_calendar_error():
    case = dict(case_id="A", agency="某局", complaint_received_on=date(2026, 12, 25))
    with pytest.raises(CalendarError, match="2027年"):
        check_cases(pd.DataFrame([case]), as_of=AS_OF)


def test_the_summary_counts_every_status_per_clause_with_chinese_headers():
    findings = check_cases(random_cases(500, as_of=AS_OF, seed=3), as_of=AS_OF, explain=False)
    table = summary(findings, zh=True)
    assert list(table.columns) == ["条款", "合规", "违反", "待履行", "不适用", "信息不足", "合计"]
    assert list(table.index) == ["2.2", "3.1", "3.2", "4.2", "4.3", "5.2", "6.1", "6.2", "7.2", "12.2"]
    assert (table["合计"] == 500).all()
    assert table.loc["3.2", "违反"] == ((findings["obligation_id"] == "3.2")
                                       & (findings["status"] == "violation")).sum()


def test_findings_of_all_kinds_can_be_concatenated_and_summarised_together():
    a = check_cases(random_cases(10, as_of=AS_OF), as_of=AS_OF, explain=False)
    b = check_agencies(random_agencies(10, as_of=AS_OF), as_of=AS_OF, explain=False)
    both = pd.concat([a, b], ignore_index=True)
    assert isinstance(both["obligation_id"].dtype, pd.CategoricalDtype)
    assert len(summary(both)) == 14


def test_a_bad_cell_in_a_frame_built_in_code_is_a_chinese_data_error():
    from yingsu_training.errors import DataError
    frame = pd.DataFrame([{"case_id": "A", "agency": "某局", "complaint_received_on": "2025-09-20",
                           "head_appeared": "也许"}])
    with pytest.raises(DataError, match="第2行") as info:
        check_cases(frame, as_of=AS_OF)
    assert "head_appeared" in str(info.value) or "负责人出庭" in str(info.value)


@pytest.mark.parametrize("text", ["2025-10-09", "2025/10/9", "2025年10月9日", "2025.10.09"])
def test_the_check_date_may_be_written_the_usual_chinese_ways(text):
    from yingsu_training.checks import as_of_date
    assert as_of_date(text) == date(2025, 10, 9)


def test_an_impossible_check_date_is_a_chinese_data_error():
    from yingsu_training.checks import as_of_date
    from yingsu_training.errors import DataError
    with pytest.raises(DataError, match="检查日期"):
        as_of_date("2025年13月40日")


@pytest.mark.parametrize("check,record,column", [
    (check_cases, dict(agency="某局", complaint_received_on="2025-09-20"), "案号"),
    (check_suggestions, dict(agency="某局", received_on="2025-08-02"), "司法建议编号"),
    (check_agencies, dict(agency="某局", trainings_held=1), "年度"),
])
def test_a_frame_without_its_record_key_is_a_chinese_data_error(check, record, column):
    from yingsu_training.errors import DataError
    with pytest.raises(DataError, match=f"缺少必填列“{column}”"):
        check(pd.DataFrame([record]), as_of=AS_OF)


def test_a_typed_frame_without_its_record_key_is_a_chinese_data_error_too():
    from yingsu_training.errors import DataError
    with pytest.raises(DataError, match="缺少必填列“案号”"):
        check_cases(random_cases(3, as_of=AS_OF).drop(columns="case_id"), as_of=AS_OF)


def test_a_check_date_written_as_a_number_is_a_chinese_error_not_a_1970_date():
    from yingsu_training.checks import as_of_date
    from yingsu_training.errors import DataError
    with pytest.raises(DataError, match="不能是数字"):
        as_of_date(20251009)
