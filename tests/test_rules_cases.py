"""The ten case rules, row by row of the rule table (docs/data-contract.md §3) and its edges.

The rows are the readable cases kept beside each rule (``yingsu_training/rules/
clause_*.cases.yaml``, facts under their Chinese headers). Every row is checked by both
implementations: the vectorised rules behind ``check_cases`` and the per-record oracle.
"""
from datetime import date

import pandas as pd
import pytest

from yingsu_training import reference
from yingsu_training.checks import check_cases
from yingsu_training.rules import RULES
from yingsu_training.rules._cases import lawful_record, readable_cases

AS_OF = date(2025, 12, 1)

#: a complete case that meets every duty (yingsu_training/rules/lawful-records.yaml)
BASE = lawful_record("case")

# (plain-sentence name, clause, changes to BASE, as_of, expected status, expected due date):
# the readable cases beside each case rule (yingsu_training/rules/clause_*.cases.yaml)
ROWS = [(c.name, c.clause_id, c.changes, c.as_of, c.status, c.due)
        for cid, module in RULES.items() if module.RECORD == "case"
        for c in readable_cases(cid)]


def _frame(rows) -> pd.DataFrame:
    records = []
    for i, (_, _, changes, *_rest) in enumerate(rows):
        r = {**BASE, **changes, "case_id": f"c{i}"}
        records.append(r)
    return pd.DataFrame(records)


@pytest.mark.parametrize("name,clause,changes,as_of,expected,due", ROWS, ids=[r[0] for r in ROWS])
def test_case_rule_table(name, clause, changes, as_of, expected, due):
    frame = _frame([(name, clause, changes)])
    findings = check_cases(frame, as_of=as_of, explain=True)
    row = findings[findings["obligation_id"] == clause].iloc[0]
    assert row["status"] == expected
    if due is None:
        assert pd.isna(row["due_on"])
    else:
        assert row["due_on"].date() == due
    verdict = reference.check_record({**BASE, **changes}, "case", as_of)[clause]
    assert verdict.status == expected and verdict.due == due
    assert row["label"] in row["explanation"]


def test_all_rows_checked_together_give_the_same_statuses_as_one_by_one():
    same_day = [r for r in ROWS if r[3] == AS_OF]
    findings = check_cases(_frame(same_day), as_of=AS_OF, explain=False)
    for i, (name, clause, _, _, expected, _) in enumerate(same_day):
        got = findings[(findings["case_id"] == f"c{i}") & (findings["obligation_id"] == clause)]
        assert got["status"].iloc[0] == expected, name


def test_a_complete_lawful_case_is_compliant_or_not_applicable_everywhere():
    findings = check_cases(pd.DataFrame([BASE]), as_of=AS_OF, explain=False)
    assert set(findings["status"]) <= {"compliant", "not_applicable"}
