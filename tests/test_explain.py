"""Chinese explanations: every one names its clause, the decisive dates, the deadline and the
source; the one-record view works for all three record kinds."""
from datetime import date

import pandas as pd
import pytest

from yingsu_training.catalogue import obligations
from yingsu_training.checks import (check_agencies, check_cases, check_suggestions,
                                    explain_findings)
from yingsu_training import explain, reference
from yingsu_training.random_records import random_agencies, random_cases, random_suggestions

AS_OF = date(2025, 10, 9)


@pytest.mark.parametrize("kind,make,check", [
    ("case", random_cases, check_cases), ("suggestion", random_suggestions, check_suggestions),
    ("agency_year", random_agencies, check_agencies)])
def test_every_explanation_of_every_rule_names_its_clause_label_and_source(kind, make, check):
    findings = check(make(400, as_of=AS_OF, seed=11), as_of=AS_OF)
    assert findings["explanation"].notna().all()
    for (label, status), group in findings.groupby(["label", "status"], observed=True):
        for text in group["explanation"]:
            assert label in text
            assert "依据：渝府办发〔2016〕220号" + label in text
    # every rule and every status it gave has been covered above
    assert findings["obligation_id"].nunique() == {"case": 10, "suggestion": 1, "agency_year": 4}[kind]


def test_a_rolled_deadline_is_explained_with_the_holiday():
    case = dict(case_id="A", agency="某局", complaint_received_on=date(2025, 9, 20),
                defence_submitted_on=date(2025, 10, 10), evidence_submitted_on=date(2025, 10, 9))
    text = check_cases(pd.DataFrame([case]), as_of=AS_OF).set_index("obligation_id").loc["3.2", "explanation"]
    assert "最后一日为法定节假日，顺延至2025年10月09日" in text
    assert "国庆节" in text
    assert "2025年10月10日" in text                     # the decisive fact, with its date
    assert "行政诉讼法第六十七条第一款" in text            # the law article for the deadline


def test_a_rolled_appeal_period_cites_the_period_rule_beside_the_appeal_article():
    case = dict(case_id="A", agency="某局", complaint_received_on=date(2025, 3, 4),
                decision_kind="裁定", decision_served_on=date(2025, 4, 25), appeal_filed_on=date(2025, 5, 6))
    text = check_cases(pd.DataFrame([case]), as_of=AS_OF).set_index("obligation_id").loc["6.1", "explanation"]
    assert "最后一日为法定节假日，顺延至2025年05月06日" in text
    assert "行政诉讼法第八十五条" in text and "法释〔2018〕1号第四十八条第二款、第三款" in text


@pytest.mark.parametrize("cid", ["8.2", "9.1", "10.1", "11.2", "12.1"])
def test_a_duty_of_the_opinion_alone_names_its_clause_once_in_the_source(cid):
    from yingsu_training.explanations import source_text
    clause = obligations()[cid].label.split("）")[0] + "）"          # 十（一）
    assert source_text(cid).count(f"渝府办发〔2016〕220号{clause}") == 1


def test_the_appearance_duty_cites_the_law_article():
    case = dict(case_id="A", agency="某局", complaint_received_on=date(2025, 3, 4),
                hearing_on=date(2025, 4, 15), court_requested_head=True, head_appeared=True,
                staff_appeared=1, lawyers_appeared=2)
    text = check_cases(pd.DataFrame([case]), as_of=AS_OF).set_index("obligation_id").loc["4.2", "explanation"]
    assert "违反" in text and "3名" in text and "法释〔2018〕1号第一百二十八条第二款" in text


def test_an_undecided_verdict_names_the_missing_column_in_chinese():
    case = dict(case_id="A", agency="某局", complaint_received_on=date(2025, 3, 4),
                hearing_on=date(2025, 4, 15), head_appeared=False, staff_appeared=None)
    text = check_cases(pd.DataFrame([case]), as_of=AS_OF).set_index("obligation_id").loc["4.3", "explanation"]
    assert "信息不足" in text and "“出庭工作人员人数”" in text


def test_a_missing_fact_that_decides_nothing_is_mentioned_as_such():
    case = dict(case_id="A", agency="某局", complaint_received_on=date(2025, 3, 4),
                hearing_on=date(2025, 4, 15), absent_without_cause=True)
    text = check_cases(pd.DataFrame([case]), as_of=AS_OF).set_index("obligation_id").loc["4.3", "explanation"]
    assert "违反" in text and "不影响本项结论" in text


HEAD_NOT_RECORDED = [
    ("three known agents: too many if the head came, no explanation if not",
     dict(hearing_on=date(2025, 4, 15), staff_appeared=2, lawyers_appeared=1),
     "无论负责人是否出庭，均违反本项义务：如出庭，另行委托了3名代理人（工作人员2名、律师1名），超过2名；"
     "如未出庭，也未提交有正当理由不能出庭的情况说明"),
    ("three lawyers and the staff count empty: the known agents are already too many",
     dict(hearing_on=date(2025, 4, 15), lawyers_appeared=3),
     "无论负责人是否出庭，均违反本项义务：如出庭，已知另行委托的代理人至少3名，超过2名；"
     "如未出庭，也未提交有正当理由不能出庭的情况说明"),
]


@pytest.mark.parametrize("what,facts,sentence", HEAD_NOT_RECORDED, ids=[x[0] for x in HEAD_NOT_RECORDED])
def test_a_head_not_recorded_with_too_many_agents_is_told_why_either_way(what, facts, sentence):
    case = {"case_id": "H", "agency": "某局", "complaint_received_on": date(2025, 3, 4),
            "court_requested_head": True, **facts}
    text = check_cases(pd.DataFrame([case]), as_of=AS_OF).set_index("obligation_id").loc["4.2", "explanation"]
    assert text.startswith("【四（二）积极履行出庭应诉职责】违反。")
    assert sentence in text
    assert "（“负责人出庭”" in text and "未填写，但不影响本项结论。）" in text
    oracle = reference.check_record(case, "case", AS_OF)["4.2"]
    assert reference.explanation_text(oracle, "case", AS_OF) == text


def test_a_head_recorded_as_absent_is_not_told_either_way():
    case = dict(case_id="H", agency="某局", complaint_received_on=date(2025, 3, 4), court_requested_head=True,
                hearing_on=date(2025, 4, 15), head_appeared=False, staff_appeared=2, lawyers_appeared=1)
    text = check_cases(pd.DataFrame([case]), as_of=AS_OF).set_index("obligation_id").loc["4.2", "explanation"]
    assert "负责人未出庭，也未提交有正当理由不能出庭的情况说明" in text and "无论负责人是否出庭" not in text


def test_explanations_can_be_added_afterwards_to_a_subset():
    cases = random_cases(200, as_of=AS_OF, seed=5)
    lean = check_cases(cases, as_of=AS_OF, explain=False)
    assert "explanation" not in lean.columns
    violations = lean[lean["status"] == "violation"]
    explained = explain_findings(violations, cases, AS_OF)
    assert len(explained) == len(violations)
    assert all("】违反。" in t for t in explained["explanation"])
    full = check_cases(cases, as_of=AS_OF).loc[violations.index, "explanation"]
    assert list(full) == list(explained["explanation"])


@pytest.mark.parametrize("record,kind", [
    (dict(case_id="A", agency="某局", complaint_received_on="2025-09-20"), "case"),
    (dict(suggestion_id="S1", agency="某局", received_on="2025-08-02"), "suggestion"),
    (dict(agency="某局", year=2025, trainings_held=0), "agency_year"),
    ({"案号": "B", "被诉行政机关": "某局", "收到起诉状副本日期": "2025-09-20"}, "case"),
])
def test_the_one_record_view_infers_the_kind_and_reports_every_clause(record, kind):
    view = explain(record, as_of=AS_OF)
    assert view.kind == kind
    for cid, label in zip(view.findings["obligation_id"], view.findings["label"]):
        assert obligations()[cid].label == label
        assert label in view.text
    html = view._repr_html_()
    assert "<table>" in html and "#" in html


def test_the_one_record_view_escapes_html_and_accepts_a_dataframe_row():
    frame = pd.DataFrame([dict(case_id="<b>x</b>", agency="某局", complaint_received_on=pd.Timestamp("2025-09-20"))])
    view = explain(frame.iloc[0], as_of=AS_OF)
    assert "<b>x</b>" not in view._repr_html_() and "&lt;b&gt;x&lt;/b&gt;" in view._repr_html_()
    assert view.findings.set_index("obligation_id").loc["3.2", "status"] == "pending"


def test_the_one_record_view_agrees_with_the_vectorised_check():
    cases = random_cases(50, as_of=AS_OF, seed=9)
    findings = check_cases(cases, as_of=AS_OF, explain=False)
    for i in range(len(cases)):
        view = explain(cases.iloc[i], as_of=AS_OF)
        got = findings[findings["case_id"] == cases["case_id"].iloc[i]]
        assert list(got["status"].astype(str)) == list(view.findings["status"])


def test_explain_from_the_package_is_callable_whatever_was_imported_first():
    import subprocess
    import sys
    code = ("import yingsu_training.checks\n"
            "from yingsu_training import explain\n"
            "v = explain({'agency': '某局', 'year': 2025, 'in_assessment': False}, as_of='2026-01-05')\n"
            "print(v.findings.set_index('obligation_id').loc['12.1', 'status'])\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "violation"


@pytest.mark.parametrize("no", ["否", "false", "N", 0, False])
def test_the_one_record_view_reads_a_typed_no_as_no(no):
    case = {"案号": "A", "被诉行政机关": "某局", "收到起诉状副本日期": "2025-03-04",
            "开庭日期": "2025-04-15", "负责人出庭": no, "出庭工作人员人数": 0, "出庭律师人数": 2,
            "无正当理由拒不到庭": no, "未经法庭许可中途退庭": no}
    view = explain(case, as_of="2025年10月9日")
    row = view.findings.set_index("obligation_id").loc["4.3"]
    assert row["status"] == "violation" and "仅委托律师2名" in row["explanation"]


def test_the_one_record_view_reports_a_bad_cell_as_a_chinese_data_error():
    from yingsu_training.errors import DataError
    case = dict(case_id="A", agency="某局", complaint_received_on="2025-03-04", head_appeared="也许")
    with pytest.raises(DataError, match="第2行") as info:
        explain(case, as_of=AS_OF)
    assert "head_appeared" in str(info.value) and "也许" in str(info.value)


def test_explaining_findings_against_the_wrong_records_is_a_chinese_data_error():
    from yingsu_training.errors import DataError
    lean = check_cases(random_cases(5, as_of=AS_OF, seed=5), as_of=AS_OF, explain=False)
    others = random_cases(5, as_of=AS_OF, seed=6).assign(case_id=lambda f: "X" + f["case_id"])
    with pytest.raises(DataError, match="找不到") as info:
        explain_findings(lean, others, AS_OF)
    assert "案号" in str(info.value) and str(lean["case_id"].iloc[0]) in str(info.value)



def test_explaining_findings_needs_the_check_date_they_were_checked_on():
    from yingsu_training.errors import DataError
    cases = random_cases(5, as_of=AS_OF, seed=5)
    lean = check_cases(cases, as_of=AS_OF, explain=False)
    with pytest.raises(DataError, match="请传入检查日期"):
        explain_findings(lean, cases)
    explained = explain_findings(lean, cases, as_of="2025年10月9日")
    assert list(explained["explanation"]) == list(check_cases(cases, as_of=AS_OF)["explanation"])

LAW_SAYS_SO = [
    ("a defence posted in time and received late cites the posting rule", "case", "3.2",
     dict(case_id="P", agency="某局", complaint_received_on=date(2025, 9, 20),
          defence_posted_on=date(2025, 10, 9), defence_submitted_on=date(2025, 10, 11),
          evidence_submitted_on=date(2025, 10, 9), evidence_list_submitted=True),
     ["于2025年10月09日交邮，2025年10月11日送达（以交邮日期为准）",
      "法释〔2018〕1号第四十八条第四款：期间不包括在途时间，诉讼文书在期满前交邮的，视为在期限内发送"]),
    ("a 2014 case says it has the old ten days and why", "case", "3.2",
     dict(case_id="O", agency="某局", complaint_received_on=date(2014, 6, 3),
          defence_submitted_on=date(2014, 6, 16), evidence_submitted_on=date(2014, 6, 9)),
     ["违反", "适用当时的10日期限（法释〔2002〕21号第一条第一款）", "起算10日"]),
    ("a filed justified absence is told as such and sends the reader to 4.3", "case", "4.2",
     dict(case_id="J", agency="某局", complaint_received_on=date(2025, 3, 4), hearing_on=date(2025, 4, 15),
          court_requested_head=True, head_appeared=False, head_absence_justified=True,
          staff_appeared=0, lawyers_appeared=1),
     ["合规", "负责人有正当理由不能出庭，已向人民法院提交情况说明", "法释〔2018〕1号第一百二十九条第一款、第三款"]),
    ("a suggestion received before the opinion is outside 10.1 and says why", "suggestion", "10.1",
     dict(suggestion_id="S", agency="某局", received_on=date(2016, 3, 10)),
     ["不适用", "早于本意见印发之日2016年10月24日"]),
]


@pytest.mark.parametrize("what,kind,clause,record,phrases", LAW_SAYS_SO, ids=[x[0] for x in LAW_SAYS_SO])
def test_the_explanation_says_which_law_decided(what, kind, clause, record, phrases):
    text = explain(record, as_of=date(2025, 12, 1), kind=kind).findings.set_index(
        "obligation_id").loc[clause, "explanation"]
    for phrase in phrases:
        assert phrase in text
    assert "第八十三条" not in text
