"""FindingsView: per-clause statuses in colour with the Chinese explanation."""
import re

import pandas as pd

from yingsu_training.widgets.findings import FindingsView, findings_html, status_counts

FINDINGS = pd.DataFrame({
    "case_id": ["A1", "A1", "A1"],
    "obligation_id": pd.Categorical(["3.2", "4.2", "6.1"]),
    "status": pd.Categorical(["violation", "compliant", "not_applicable"]),
    "label": ["三（二）不得超期答辩举证", "四（二）积极履行出庭应诉职责", "六（一）自觉履行人民法院作出的生效裁判"],
    "due_on": pd.to_datetime(["2025-10-09", None, None]),
    "explanation": ["【三（二）不得超期答辩举证】违反。答辩状于2025年10月10日提交，晚于届满日2025年10月09日。<依据>",
                    "【四（二）积极履行出庭应诉职责】合规。负责人出庭。", "【六（一）…】不适用。"],
})


def rows(html):
    return re.findall(r'class="yingsu-finding" data-clause="([\d.]+)" data-status="(\w+)"', html)


def test_each_clause_gets_a_row_with_its_status():
    assert rows(findings_html(FINDINGS)) == [("3.2", "violation"), ("4.2", "compliant"),
                                             ("6.1", "not_applicable")]


def test_statuses_are_shown_in_chinese_and_the_deadline_as_a_chinese_date():
    html = findings_html(FINDINGS)
    for word in ("违反", "合规", "不适用", "2025年10月09日", "三（二）不得超期答辩举证"):
        assert word in html


def test_explanations_are_escaped_and_collapsed_unless_expanded():
    html = findings_html(FINDINGS)
    assert "&lt;依据&gt;" in html and "<依据>" not in html
    assert "<details open>" not in html
    assert "<details open>" in findings_html(FINDINGS, expanded=True)


def test_not_applicable_clauses_can_be_hidden():
    assert [c for c, _ in rows(findings_html(FINDINGS, hide_not_applicable=True))] == ["3.2", "4.2"]


def test_the_summary_counts_the_statuses():
    assert status_counts(FINDINGS) == {"compliant": 1, "violation": 1, "pending": 0,
                                       "not_applicable": 1, "insufficient_data": 0}


def test_findings_of_several_records_show_which_record_each_row_is_about():
    two = pd.concat([FINDINGS, FINDINGS.assign(case_id="B2")], ignore_index=True)
    assert "<th>记录</th>" in findings_html(two)
    assert "<th>记录</th>" not in findings_html(FINDINGS)


def test_the_widget_switches_re_render_the_table():
    view = FindingsView(FINDINGS)
    assert len(rows(view.table.value)) == 3
    view.hide_not_applicable.value = True
    assert len(rows(view.table.value)) == 2
    view.expand.value = True
    assert "<details open>" in view.table.value
    assert "yingsu-feedback" in view.table._dom_classes


def test_an_explain_result_is_accepted_through_its_findings():
    class Result:
        findings = FINDINGS
    assert rows(FindingsView(Result()).table.value) == rows(findings_html(FINDINGS))


def test_nothing_to_show_says_so():
    assert "没有检查结果" in findings_html(None)
