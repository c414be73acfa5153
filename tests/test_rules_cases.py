"""The ten case rules, row by row of the rule table (docs/data-contract.md §3) and its edges.

Every row is checked by both implementations: the vectorised rules behind ``check_cases`` and
the per-record reference behind ``explain``.
"""
from datetime import date

import pandas as pd
import pytest

from yingsu_training import reference
from yingsu_training.checks import check_cases

AS_OF = date(2025, 12, 1)

#: a complete case that meets every duty
BASE = dict(
    case_id="（2025）渝0103行初1号", agency="重庆市某区人民政府", district="渝中区", case_type="行政处罚",
    complaint_received_on=date(2025, 3, 4),   # + 15 days = Wed 2025-03-19
    defence_submitted_on=date(2025, 3, 12), defence_posted_on=None,
    evidence_submitted_on=date(2025, 3, 12), evidence_posted_on=None,
    evidence_list_submitted=True, evidence_extension_until=None,
    confidential_evidence=False, confidential_marked=False, interference_recorded=False,
    hearing_on=date(2025, 4, 15), major_public_interest=False, high_social_attention=False,
    mass_incident_risk=False, court_requested_head=False, head_appeared=True, head_absence_justified=None, head_role="正职",
    staff_appeared=1, lawyers_appeared=1, absent_without_cause=False,
    left_without_permission=False, withdrawal_improperly_induced=False,
    decision_kind="判决驳回诉讼请求", decision_served_on=date(2025, 6, 3), appeal_filed_on=None,
    performance_due_on=None, performed_on=None, remade_same_act=False,
    revoked_for_procedure_or_law=False, reconsideration_upheld=False,
    review_organ_proved_procedure=False, accountability_referred=False,
)

# (plain-sentence name, clause, changes to BASE, as_of, expected status, expected due date)
ROWS = [
    # 2.2
    ("a recorded interference breaks 2.2", "2.2", dict(interference_recorded=True), AS_OF, "violation", None),
    ("no recorded interference meets 2.2", "2.2", {}, AS_OF, "compliant", None),
    ("an empty interference flag leaves 2.2 undecided", "2.2", dict(interference_recorded=None), AS_OF, "insufficient_data", None),
    # 3.1
    ("confidential evidence not marked breaks 3.1", "3.1", dict(confidential_evidence=True, confidential_marked=False), AS_OF, "violation", None),
    ("confidential evidence marked for the court meets 3.1", "3.1", dict(confidential_evidence=True, confidential_marked=True), AS_OF, "compliant", None),
    ("evidence submitted without a list breaks 3.1", "3.1", dict(evidence_list_submitted=False), AS_OF, "violation", None),
    ("a missing list flag does not matter before any evidence is submitted", "3.1", dict(evidence_submitted_on=None, defence_submitted_on=None, evidence_list_submitted=None), AS_OF, "compliant", None),
    ("an unmarked confidential item breaks 3.1 whatever the list flag says", "3.1", dict(confidential_evidence=True, confidential_marked=False, evidence_list_submitted=None), AS_OF, "violation", None),
    ("an empty confidentiality flag decides 3.1 when the rest is in order", "3.1", dict(confidential_evidence=None), AS_OF, "insufficient_data", None),
    ("an empty marked flag decides nothing when there is no confidential evidence", "3.1", dict(confidential_marked=None), AS_OF, "compliant", None),
    # 3.2
    ("a defence filed on the day after national day rolls over is on time", "3.2", dict(complaint_received_on=date(2025, 9, 20), defence_submitted_on=date(2025, 10, 9), evidence_submitted_on=date(2025, 10, 9)), AS_OF, "compliant", date(2025, 10, 9)),
    ("a defence filed the day after the rolled deadline is late", "3.2", dict(complaint_received_on=date(2025, 9, 20), defence_submitted_on=date(2025, 10, 10), evidence_submitted_on=date(2025, 10, 9)), AS_OF, "violation", date(2025, 10, 9)),
    ("a deadline on a 调休 working Saturday does not roll", "3.2", dict(complaint_received_on=date(2025, 9, 26), defence_submitted_on=date(2025, 10, 13), evidence_submitted_on=date(2025, 10, 11)), AS_OF, "violation", date(2025, 10, 11)),
    ("evidence on the 调休 working Saturday deadline is on time", "3.2", dict(complaint_received_on=date(2025, 9, 26), defence_submitted_on=date(2025, 10, 11), evidence_submitted_on=date(2025, 10, 11)), AS_OF, "compliant", date(2025, 10, 11)),
    ("a missing defence is pending on the deadline day itself", "3.2", dict(complaint_received_on=date(2025, 9, 20), defence_submitted_on=None, evidence_submitted_on=None), date(2025, 10, 9), "pending", date(2025, 10, 9)),
    ("a missing defence is a violation the day after the deadline", "3.2", dict(complaint_received_on=date(2025, 9, 20), defence_submitted_on=None, evidence_submitted_on=None), date(2025, 10, 10), "violation", date(2025, 10, 9)),
    ("evidence within a court-approved extension is on time", "3.2", dict(evidence_submitted_on=date(2025, 4, 10), evidence_extension_until=date(2025, 4, 15)), AS_OF, "compliant", date(2025, 4, 15)),
    ("evidence after a court-approved extension is late", "3.2", dict(evidence_submitted_on=date(2025, 4, 16), evidence_extension_until=date(2025, 4, 15)), AS_OF, "violation", date(2025, 4, 15)),
    ("missing evidence is pending while a court-approved extension runs", "3.2", dict(evidence_submitted_on=None, evidence_extension_until=date(2025, 4, 15)), date(2025, 4, 15), "pending", date(2025, 4, 15)),
    ("an extension earlier than the statutory deadline does not shorten it", "3.2", dict(evidence_submitted_on=date(2025, 3, 19), evidence_extension_until=date(2025, 3, 10)), AS_OF, "compliant", date(2025, 3, 19)),
    ("an extension does not extend the defence deadline", "3.2", dict(defence_submitted_on=date(2025, 3, 20), evidence_submitted_on=date(2025, 4, 1), evidence_extension_until=date(2025, 4, 15)), AS_OF, "violation", date(2025, 3, 19)),
    ("a late defence is a violation even while the evidence is still pending", "3.2", dict(defence_submitted_on=date(2025, 3, 20), evidence_submitted_on=None, evidence_extension_until=date(2025, 4, 15)), date(2025, 4, 1), "violation", date(2025, 3, 19)),
    ("an empty complaint date leaves 3.2 undecided", "3.2", dict(complaint_received_on=None), AS_OF, "insufficient_data", None),
    ("a deadline in the spring festival rolls past it", "3.2", dict(complaint_received_on=date(2026, 2, 1), defence_submitted_on=date(2026, 2, 24), evidence_submitted_on=date(2026, 2, 24)), date(2026, 3, 1), "compliant", date(2026, 2, 24)),
    # 3.2: posting (法释〔2018〕1号第四十八条第四款: posted before the period ends = in time)
    ("a defence posted on the last day is in time though it arrives two days later", "3.2", dict(complaint_received_on=date(2025, 9, 20), defence_posted_on=date(2025, 10, 9), defence_submitted_on=date(2025, 10, 11), evidence_posted_on=date(2025, 10, 9), evidence_submitted_on=date(2025, 10, 11)), AS_OF, "compliant", date(2025, 10, 9)),
    ("a defence posted the day after the deadline is late", "3.2", dict(complaint_received_on=date(2025, 9, 20), defence_posted_on=date(2025, 10, 10), defence_submitted_on=date(2025, 10, 13), evidence_submitted_on=date(2025, 10, 9)), AS_OF, "violation", date(2025, 10, 9)),
    ("evidence posted before the deadline but arriving after it is in time", "3.2", dict(complaint_received_on=date(2025, 9, 20), defence_submitted_on=date(2025, 10, 9), evidence_posted_on=date(2025, 10, 8), evidence_submitted_on=date(2025, 10, 14)), AS_OF, "compliant", date(2025, 10, 9)),
    ("evidence arriving after the deadline with no posting date is late", "3.2", dict(complaint_received_on=date(2025, 9, 20), defence_submitted_on=date(2025, 10, 9), evidence_submitted_on=date(2025, 10, 14)), AS_OF, "violation", date(2025, 10, 9)),
    ("a defence posted in time with no arrival date yet counts as filed", "3.2", dict(complaint_received_on=date(2025, 9, 20), defence_posted_on=date(2025, 10, 8), defence_submitted_on=None, evidence_posted_on=date(2025, 10, 8), evidence_submitted_on=None), date(2025, 10, 10), "compliant", date(2025, 10, 9)),
    ("a defence posted late with no arrival date is late", "3.2", dict(complaint_received_on=date(2025, 9, 20), defence_posted_on=date(2025, 10, 10), defence_submitted_on=None, evidence_submitted_on=date(2025, 10, 9)), date(2025, 10, 10), "violation", date(2025, 10, 9)),
    ("evidence posted within a court-approved extension is in time", "3.2", dict(evidence_posted_on=date(2025, 4, 15), evidence_submitted_on=date(2025, 4, 17), evidence_extension_until=date(2025, 4, 15)), AS_OF, "compliant", date(2025, 4, 15)),
    # 3.2: the law in force when the complaint copy was received (10 days before 2015-05-01)
    ("a 2014 defence on day 10 is on time under the old ten-day period", "3.2", dict(complaint_received_on=date(2014, 6, 3), defence_submitted_on=date(2014, 6, 13), evidence_submitted_on=date(2014, 6, 13)), AS_OF, "compliant", date(2014, 6, 13)),
    ("a 2014 defence on day 13 is late though fifteen days would allow it", "3.2", dict(complaint_received_on=date(2014, 6, 3), defence_submitted_on=date(2014, 6, 16), evidence_submitted_on=date(2014, 6, 13)), AS_OF, "violation", date(2014, 6, 13)),
    ("a 2014 case without any defence is late after day 10", "3.2", dict(complaint_received_on=date(2014, 6, 3), defence_submitted_on=None, evidence_submitted_on=None), date(2014, 6, 16), "violation", date(2014, 6, 13)),
    ("a copy received on 30 April 2015 still has ten days, rolled past a Sunday", "3.2", dict(complaint_received_on=date(2015, 4, 30), defence_submitted_on=date(2015, 5, 11), evidence_submitted_on=date(2015, 5, 11)), AS_OF, "compliant", date(2015, 5, 11)),
    ("a June 2015 defence on day 15 is on time under the new law", "3.2", dict(complaint_received_on=date(2015, 6, 1), defence_submitted_on=date(2015, 6, 16), evidence_submitted_on=date(2015, 6, 16)), AS_OF, "compliant", date(2015, 6, 16)),
    ("a June 2015 defence on day 16 is late", "3.2", dict(complaint_received_on=date(2015, 6, 1), defence_submitted_on=date(2015, 6, 17), evidence_submitted_on=date(2015, 6, 16)), AS_OF, "violation", date(2015, 6, 16)),
    # 4.2: a justified absence (法释〔2018〕1号第一百二十九条第三款) with the explanation filed
    ("a head absent for a filed justified reason with staff appearing meets 4.2", "4.2", dict(major_public_interest=True, head_appeared=False, head_role=None, head_absence_justified=True, staff_appeared=1, lawyers_appeared=1), AS_OF, "compliant", None),
    ("a head absent for a filed justified reason with staff appearing meets 4.3", "4.3", dict(major_public_interest=True, head_appeared=False, head_role=None, head_absence_justified=True, staff_appeared=1, lawyers_appeared=1), AS_OF, "compliant", None),
    ("a justified absence with a lawyer only meets 4.2", "4.2", dict(court_requested_head=True, head_appeared=False, head_role=None, head_absence_justified=True, staff_appeared=0, lawyers_appeared=2), AS_OF, "compliant", None),
    ("a justified absence with a lawyer only still breaks 4.3", "4.3", dict(court_requested_head=True, head_appeared=False, head_role=None, head_absence_justified=True, staff_appeared=0, lawyers_appeared=2), AS_OF, "violation", None),
    ("a head absent with no explanation filed breaks 4.2", "4.2", dict(mass_incident_risk=True, head_appeared=False, head_role=None, head_absence_justified=None, staff_appeared=1, lawyers_appeared=0), AS_OF, "violation", None),
    ("a head absent with the explanation marked as not filed breaks 4.2", "4.2", dict(mass_incident_risk=True, head_appeared=False, head_role=None, head_absence_justified=False, staff_appeared=1, lawyers_appeared=0), AS_OF, "violation", None),
    ("a justified absence leaves 4.2 undecided when it is unknown whether the head came with three agents", "4.2", dict(mass_incident_risk=True, head_appeared=None, head_role=None, head_absence_justified=True, staff_appeared=1, lawyers_appeared=2), AS_OF, "insufficient_data", None),
    # 4.2
    ("a head who must appear and does not breaks 4.2", "4.2", dict(major_public_interest=True, head_appeared=False, head_role=None), AS_OF, "violation", None),
    ("a head appearing with two agents meets 4.2", "4.2", dict(court_requested_head=True, staff_appeared=1, lawyers_appeared=1), AS_OF, "compliant", None),
    ("a head appearing with three agents breaks 4.2", "4.2", dict(high_social_attention=True, staff_appeared=1, lawyers_appeared=2), AS_OF, "violation", None),
    ("no trigger makes 4.2 not applicable", "4.2", dict(head_appeared=False, head_role=None), AS_OF, "not_applicable", None),
    ("empty trigger flags count as false", "4.2", dict(major_public_interest=None, high_social_attention=None, mass_incident_risk=None, court_requested_head=None), AS_OF, "not_applicable", None),
    ("no hearing yet makes 4.2 not applicable", "4.2", dict(mass_incident_risk=True, hearing_on=None, head_appeared=None, head_role=None), AS_OF, "not_applicable", None),
    ("three known agents break 4.2 even if head_appeared is empty", "4.2", dict(mass_incident_risk=True, head_appeared=None, head_role=None, staff_appeared=None, lawyers_appeared=3), AS_OF, "violation", None),
    ("an empty head flag decides 4.2 when the agents are within the limit", "4.2", dict(mass_incident_risk=True, head_appeared=None, head_role=None), AS_OF, "insufficient_data", None),
    ("an empty agent count decides 4.2 when the head appeared", "4.2", dict(mass_incident_risk=True, lawyers_appeared=None), AS_OF, "insufficient_data", None),
    ("a recorded head role shows the head appeared when the head flag is empty", "4.2", dict(court_requested_head=True, head_appeared=None, head_role="副职"), AS_OF, "compliant", None),
    # 4.3
    ("a lawyer-only defence breaks 4.3", "4.3", dict(head_appeared=False, head_role=None, staff_appeared=0, lawyers_appeared=2), AS_OF, "violation", None),
    ("staff appearing for an absent head meets 4.3", "4.3", dict(head_appeared=False, head_role=None, staff_appeared=1, lawyers_appeared=1), AS_OF, "compliant", None),
    ("absence without cause breaks 4.3 whatever else is missing", "4.3", dict(absent_without_cause=True, left_without_permission=None, head_appeared=None, head_role=None, staff_appeared=None, lawyers_appeared=None), AS_OF, "violation", None),
    ("a recorded head role decides 4.3 when the head flag and the staff count are empty", "4.3", dict(head_appeared=None, head_role="其他分管负责人", staff_appeared=None), AS_OF, "compliant", None),
    ("leaving without permission breaks 4.3", "4.3", dict(left_without_permission=True), AS_OF, "violation", None),
    ("an empty staff count decides nothing when the head appeared", "4.3", dict(staff_appeared=None), AS_OF, "compliant", None),
    ("an empty staff count decides 4.3 when the head did not appear", "4.3", dict(head_appeared=False, head_role=None, staff_appeared=None), AS_OF, "insufficient_data", None),
    ("no hearing yet makes 4.3 not applicable", "4.3", dict(hearing_on=None, absent_without_cause=None), AS_OF, "not_applicable", None),
    # 5.2
    ("an improperly induced withdrawal breaks 5.2", "5.2", dict(withdrawal_improperly_induced=True), AS_OF, "violation", None),
    ("no induced withdrawal meets 5.2", "5.2", {}, AS_OF, "compliant", None),
    # 6.1
    ("no appeal and no performance date make 6.1 not applicable", "6.1", {}, AS_OF, "not_applicable", None),
    ("a judgment appeal on day 15 is on time", "6.1", dict(decision_served_on=date(2025, 3, 4), appeal_filed_on=date(2025, 3, 19)), AS_OF, "compliant", date(2025, 3, 19)),
    ("a ruling appeal on day 15 is late because rulings allow 10 days", "6.1", dict(decision_kind="裁定", decision_served_on=date(2025, 3, 4), appeal_filed_on=date(2025, 3, 19)), AS_OF, "violation", date(2025, 3, 14)),
    ("a ruling appeal period ending on labour day rolls to 6 May", "6.1", dict(decision_kind="裁定", decision_served_on=date(2025, 4, 25), appeal_filed_on=date(2025, 5, 6)), AS_OF, "compliant", date(2025, 5, 6)),
    ("an unknown decision kind decides nothing for an appeal within ten days", "6.1", dict(decision_kind=None, decision_served_on=date(2025, 3, 4), appeal_filed_on=date(2025, 3, 10)), AS_OF, "compliant", None),
    ("an unknown decision kind decides 6.1 for an appeal on day 12", "6.1", dict(decision_kind=None, decision_served_on=date(2025, 3, 4), appeal_filed_on=date(2025, 3, 16)), AS_OF, "insufficient_data", None),
    ("an unknown decision kind decides nothing for an appeal after fifteen days", "6.1", dict(decision_kind=None, decision_served_on=date(2025, 3, 4), appeal_filed_on=date(2025, 3, 25)), AS_OF, "violation", None),
    ("an appeal with no served date leaves 6.1 undecided", "6.1", dict(decision_served_on=None, appeal_filed_on=date(2025, 3, 25)), AS_OF, "insufficient_data", None),
    ("performance on the due date meets 6.1", "6.1", dict(performance_due_on=date(2025, 8, 1), performed_on=date(2025, 8, 1)), AS_OF, "compliant", date(2025, 8, 1)),
    ("performance after the due date breaks 6.1", "6.1", dict(performance_due_on=date(2025, 8, 1), performed_on=date(2025, 8, 4)), AS_OF, "violation", date(2025, 8, 1)),
    ("unperformed on the due date itself is pending", "6.1", dict(performance_due_on=date(2025, 8, 1)), date(2025, 8, 1), "pending", date(2025, 8, 1)),
    ("unperformed the day after the due date is a violation", "6.1", dict(performance_due_on=date(2025, 8, 1)), date(2025, 8, 2), "violation", date(2025, 8, 1)),
    # 6.2
    ("remaking the same act after a remake judgment breaks 6.2", "6.2", dict(decision_kind="判决撤销并责令重作", remade_same_act=True), AS_OF, "violation", None),
    ("remaking after a procedural quashing is allowed", "6.2", dict(decision_kind="判决撤销并责令重作", remade_same_act=True, revoked_for_procedure_or_law=True), AS_OF, "compliant", None),
    ("other decisions make 6.2 not applicable", "6.2", dict(remade_same_act=True), AS_OF, "not_applicable", None),
    ("no decision yet makes 6.2 not applicable", "6.2", dict(decision_kind=None, decision_served_on=None), AS_OF, "not_applicable", None),
    ("a served decision of unknown kind leaves 6.2 undecided", "6.2", dict(decision_kind=None), AS_OF, "insufficient_data", None),
    ("an empty revoked flag decides nothing when the act was not remade", "6.2", dict(decision_kind="判决撤销并责令重作", revoked_for_procedure_or_law=None), AS_OF, "compliant", None),
    # 7.2
    ("an upheld review without the review organ's proof breaks 7.2", "7.2", dict(reconsideration_upheld=True), AS_OF, "violation", None),
    ("an upheld review with the review organ's proof meets 7.2", "7.2", dict(reconsideration_upheld=True, review_organ_proved_procedure=True), AS_OF, "compliant", None),
    ("no upheld review makes 7.2 not applicable", "7.2", {}, AS_OF, "not_applicable", None),
    ("an empty upheld flag leaves 7.2 undecided", "7.2", dict(reconsideration_upheld=None), AS_OF, "insufficient_data", None),
    # 12.2
    ("an interference not referred for accountability breaks 12.2", "12.2", dict(interference_recorded=True), AS_OF, "violation", None),
    ("an interference referred for accountability meets 12.2", "12.2", dict(interference_recorded=True, accountability_referred=True), AS_OF, "compliant", None),
    ("a lawyer-only defence with an empty referral flag breaks 12.2", "12.2", dict(head_appeared=False, head_role=None, staff_appeared=0, accountability_referred=None), AS_OF, "violation", None),
    ("late performance triggers 12.2", "12.2", dict(performance_due_on=date(2025, 8, 1), performed_on=date(2025, 8, 4)), AS_OF, "violation", None),
    ("a late appeal alone does not trigger 12.2", "12.2", dict(decision_served_on=date(2025, 3, 4), appeal_filed_on=date(2025, 4, 1)), AS_OF, "not_applicable", None),
    ("an undecided 4.3 counts as no violation for 12.2", "12.2", dict(head_appeared=False, head_role=None, staff_appeared=None), AS_OF, "not_applicable", None),
    ("a performance still pending does not trigger 12.2", "12.2", dict(performance_due_on=date(2025, 8, 1)), date(2025, 8, 1), "not_applicable", None),
]


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
