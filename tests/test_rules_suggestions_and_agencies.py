"""Rule 10.1 (judicial suggestions) and the agency-year rules 8.2, 9.1, 11.2, 12.1."""
from datetime import date

import pandas as pd
import pytest

from yingsu_training import reference
from yingsu_training.checks import check_agencies, check_suggestions

SUGGESTION = dict(suggestion_id="JY-1", agency="重庆市某局", received_on=date(2025, 3, 4),
                  replied_on=date(2025, 4, 1), copied_to_legal_office=True, case_id=None)

# received 2025-08-02 + 60 days = 2025-10-01 (National Day) → due 2025-10-09
SUGGESTION_ROWS = [
    ("a reply within 60 days copied to the legal office meets 10.1", {}, date(2025, 12, 1), "compliant", date(2025, 5, 6)),
    ("a reply not copied to the legal office breaks 10.1", dict(copied_to_legal_office=False), date(2025, 12, 1), "violation", date(2025, 5, 6)),
    ("a reply due on a holiday may come on the first working day after it", dict(received_on=date(2025, 8, 2), replied_on=date(2025, 10, 9)), date(2025, 12, 1), "compliant", date(2025, 10, 9)),
    ("a reply the day after the rolled deadline is late", dict(received_on=date(2025, 8, 2), replied_on=date(2025, 10, 10)), date(2025, 12, 1), "violation", date(2025, 10, 9)),
    ("no reply yet is pending on the deadline day", dict(received_on=date(2025, 8, 2), replied_on=None, copied_to_legal_office=None), date(2025, 10, 9), "pending", date(2025, 10, 9)),
    ("no reply is a violation the day after the deadline", dict(received_on=date(2025, 8, 2), replied_on=None, copied_to_legal_office=None), date(2025, 10, 10), "violation", date(2025, 10, 9)),
    ("an empty copy flag decides 10.1 for an on-time reply", dict(copied_to_legal_office=None), date(2025, 12, 1), "insufficient_data", date(2025, 5, 6)),
    ("an empty copy flag decides nothing for a late reply", dict(replied_on=date(2025, 6, 1), copied_to_legal_office=None), date(2025, 12, 1), "violation", date(2025, 5, 6)),
    ("without the received date even an uncopied reply is undecided: the suggestion may predate the opinion", dict(received_on=None, copied_to_legal_office=False), date(2025, 12, 1), "insufficient_data", None),
    # the 60-day reply is the opinion's own duty (issued 2016-10-24): not before it
    ("a judicial suggestion received in March 2016 is outside 10.1", dict(received_on=date(2016, 3, 10), replied_on=None, copied_to_legal_office=None), date(2016, 12, 1), "not_applicable", None),
    ("a suggestion received in March 2016 and never copied is still outside 10.1", dict(received_on=date(2016, 3, 10), replied_on=date(2016, 8, 1), copied_to_legal_office=False), date(2016, 12, 1), "not_applicable", None),
    ("a suggestion received on the opinion's date is under 10.1", dict(received_on=date(2016, 10, 24), replied_on=None, copied_to_legal_office=None), date(2017, 1, 3), "violation", date(2016, 12, 23)),
    ("without the received date an unanswered suggestion is undecided", dict(received_on=None, replied_on=None), date(2025, 12, 1), "insufficient_data", None),
]


@pytest.mark.parametrize("name,changes,as_of,expected,due", SUGGESTION_ROWS, ids=[r[0] for r in SUGGESTION_ROWS])
def test_suggestion_rule_table(name, changes, as_of, expected, due):
    record = {**SUGGESTION, **changes}
    row = check_suggestions(pd.DataFrame([record]), as_of=as_of).iloc[0]
    assert row["obligation_id"] == "10.1"
    assert row["status"] == expected
    if due is not None:
        assert row["due_on"].date() == due
    else:
        assert pd.isna(row["due_on"])
    assert reference.check_record(record, "suggestion", as_of)["10.1"].status == expected
    assert "十（一）认真办理并回复司法建议" in row["explanation"]


AGENCY = dict(agency="重庆市某局", year=2025, trainings_held=1, funding_in_budget=True,
              statistics_reported_on=date(2025, 12, 20), included_in_annual_report=True,
              in_assessment=True)

AGENCY_ROWS = [
    ("one training in the year meets 8.2", "8.2", {}, date(2026, 1, 5), "compliant"),
    ("no training by 31 December itself is still pending", "8.2", dict(trainings_held=0), date(2025, 12, 31), "pending"),
    ("no training is a violation on 1 January", "8.2", dict(trainings_held=0), date(2026, 1, 1), "violation"),
    ("an empty training count leaves 8.2 undecided", "8.2", dict(trainings_held=None), date(2026, 1, 1), "insufficient_data"),
    ("a known training decides 8.2 even without the year", "8.2", dict(year=None), date(2026, 1, 1), "compliant"),
    ("funding in the budget meets 9.1", "9.1", {}, date(2026, 1, 5), "compliant"),
    ("funding outside the budget breaks 9.1", "9.1", dict(funding_in_budget=False), date(2026, 1, 5), "violation"),
    ("an empty funding flag leaves 9.1 undecided", "9.1", dict(funding_in_budget=None), date(2026, 1, 5), "insufficient_data"),
    ("statistics reported on 31 December are on time", "11.2", dict(statistics_reported_on=date(2025, 12, 31)), date(2026, 3, 1), "compliant"),
    ("statistics reported on 1 January are late", "11.2", dict(statistics_reported_on=date(2026, 1, 1)), date(2026, 3, 1), "violation"),
    ("unreported statistics on 31 December are pending", "11.2", dict(statistics_reported_on=None), date(2025, 12, 31), "pending"),
    ("unreported statistics on 1 January are a violation", "11.2", dict(statistics_reported_on=None), date(2026, 1, 1), "violation"),
    ("leaving the work out of the annual report breaks 11.2 once the year is over", "11.2", dict(included_in_annual_report=False), date(2026, 1, 1), "violation"),
    ("the annual-report duty is not judged before the year ends", "11.2", dict(included_in_annual_report=None), date(2025, 12, 31), "compliant"),
    ("an empty annual-report flag decides 11.2 after the year", "11.2", dict(included_in_annual_report=None), date(2026, 1, 1), "insufficient_data"),
    ("inclusion in the assessment meets 12.1", "12.1", {}, date(2026, 1, 5), "compliant"),
    ("no inclusion in the assessment breaks 12.1", "12.1", dict(in_assessment=False), date(2026, 1, 5), "violation"),
]


@pytest.mark.parametrize("name,clause,changes,as_of,expected", AGENCY_ROWS, ids=[r[0] for r in AGENCY_ROWS])
def test_agency_rule_table(name, clause, changes, as_of, expected):
    record = {**AGENCY, **changes}
    findings = check_agencies(pd.DataFrame([record]), as_of=as_of)
    row = findings[findings["obligation_id"] == clause].iloc[0]
    assert row["status"] == expected
    assert reference.check_record(record, "agency_year", as_of)[clause].status == expected
    assert row["label"] in row["explanation"]


def test_the_statistics_and_training_due_date_is_31_december_without_rolling():
    findings = check_agencies(pd.DataFrame([AGENCY]), as_of=date(2026, 1, 5), explain=False)
    dues = findings.set_index("obligation_id")["due_on"]
    assert dues["11.2"] == pd.Timestamp("2025-12-31") and dues["8.2"] == pd.Timestamp("2025-12-31")
    assert pd.isna(dues["9.1"])
