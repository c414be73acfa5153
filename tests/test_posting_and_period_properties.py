"""Properties of 3.2 over many dates: the defence period is the law's of the day the complaint
copy was received (10 days before 2015-05-01, 15 from then), and a filing posted by the last day
is in time however long the post takes (法释〔2018〕1号第四十八条第四款)."""
from datetime import date, timedelta

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from yingsu_training import calendar as cal
from yingsu_training import reference
from yingsu_training.checks import check_cases

NEW_LAW = date(2015, 5, 1)
received_days = st.dates(min_value=date(2004, 1, 1), max_value=date(2026, 6, 30))
offsets = st.integers(min_value=-5, max_value=5)      # posting day relative to the due date
transit = st.integers(min_value=0, max_value=20)      # days in the post


def _case(received, posted, arrived):
    return dict(case_id="A", agency="某局", complaint_received_on=received,
                defence_posted_on=posted, defence_submitted_on=arrived,
                evidence_posted_on=posted, evidence_submitted_on=arrived,
                evidence_list_submitted=True)


@settings(max_examples=60, deadline=None)
@given(received_days, offsets, transit)
def test_a_posted_defence_is_judged_by_its_posting_date_under_the_law_of_the_day(received, offset, days):
    period = 10 if received < NEW_LAW else 15
    due = cal.legal_deadline(received, period)
    posted = max(due + timedelta(days=offset), received)
    arrived = posted + timedelta(days=days)
    as_of = arrived + timedelta(days=1)
    expected = "compliant" if posted <= due else "violation"
    row = check_cases(pd.DataFrame([_case(received, posted, arrived)]), as_of=as_of,
                      explain=False).set_index("obligation_id").loc["3.2"]
    assert (row["status"], row["due_on"].date()) == (expected, due)
    verdict = reference.check_record(_case(received, posted, arrived), "case", as_of)["3.2"]
    assert (verdict.status, verdict.due) == (expected, due)
