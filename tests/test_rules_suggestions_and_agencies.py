"""Rule 10.1 (judicial suggestions) and the agency-year rules 8.2, 9.1, 11.2, 12.1."""
from datetime import date

import pandas as pd
import pytest

from yingsu_training import reference
from yingsu_training.checks import check_agencies, check_suggestions
from yingsu_training.rules._cases import lawful_record, readable_cases

SUGGESTION = lawful_record("suggestion")

# the readable cases beside rule 10.1 (yingsu_training/rules/clause_10_1_*.cases.yaml)
SUGGESTION_ROWS = [(c.name, c.changes, c.as_of, c.status, c.due) for c in readable_cases("10.1")]


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


AGENCY = lawful_record("agency_year")

# the readable cases beside the agency-year rules (yingsu_training/rules/clause_*.cases.yaml)
AGENCY_ROWS = [(c.name, c.clause_id, c.changes, c.as_of, c.status)
               for cid in ("8.2", "9.1", "11.2", "12.1") for c in readable_cases(cid)]


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
