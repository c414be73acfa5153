"""The case explorer: filters, facts, per-clause findings and the timeline of the chosen case."""
import pandas as pd
import pytest

from yingsu_training.checks import check_cases
from yingsu_training.generator import generate
from yingsu_training.widgets.explorer import CaseExplorer, case_facts_html, filter_case_ids

CASES = pd.DataFrame({
    "case_id": ["A", "B", "C", "D"],
    "agency": ["甲局", "乙局", "丙局", "丁局"],
    "district": ["渝中区", "渝中区", "万州区", None],
    "case_type": ["行政处罚", "征收补偿", "行政处罚", "行政处罚"],
    "complaint_received_on": pd.to_datetime(["2025-09-20"] * 4),
    "defence_submitted_on": pd.to_datetime(["2025-10-09", "2025-10-10", "2025-10-09", None]),
    "evidence_submitted_on": pd.to_datetime(["2025-10-09", "2025-10-09", "2025-10-09", None]),
    "hearing_on": pd.to_datetime([None, "2025-11-20", None, None]),
    "staff_appeared": pd.array([None, 0, None, None], dtype="Int64"),
    "lawyers_appeared": pd.array([None, 2, None, None], dtype="Int64"),
    "head_appeared": pd.array([None, False, None, None], dtype="boolean"),
})
AS_OF = "2025-12-31"


@pytest.fixture(scope="module")
def findings():
    return check_cases(CASES, AS_OF, explain=False)


FILTERS = [  # (what, filters, expected ids)
    ("no filter keeps every case", {}, ["A", "B", "C", "D"]),
    ("a district", {"district": "渝中区"}, ["A", "B"]),
    ("a case type", {"case_type": "行政处罚"}, ["A", "C", "D"]),
    ("district and type together", {"district": "渝中区", "case_type": "行政处罚"}, ["A"]),
    ("late defences (3.2 violated)", {"clause": "3.2", "status": "violation"}, ["B", "D"]),
    ("timely defences (3.2 compliant)", {"clause": "3.2", "status": "compliant"}, ["A", "C"]),
    ("a clause alone keeps the cases it applies to", {"clause": "4.3"}, ["B"]),
    ("a status alone matches any clause", {"status": "violation", "district": "渝中区"}, ["B"]),
]


@pytest.mark.parametrize("what,filters,ids", FILTERS, ids=[f[0] for f in FILTERS])
def test_filtering_cases(what, filters, ids, findings):
    assert filter_case_ids(CASES, findings, **filters) == ids


def test_the_facts_use_chinese_headers_dates_and_yes_no_and_list_the_empty_ones():
    html = case_facts_html(CASES.iloc[1])
    assert "收到起诉状副本日期" in html and "2025年09月20日" in html
    assert "<td>否</td>" in html
    empty = html.split("未填写（视为不知道/未发生）：")[1].split("</div>")[0].split("、")
    assert "开庭日期" not in empty and "负责人出庭" not in empty and "已移送追责" in empty


def test_facts_are_html_escaped():
    row = CASES.iloc[0].copy()
    row["agency"] = "<b>甲局</b>"
    assert "&lt;b&gt;甲局" in case_facts_html(row)


def test_picking_a_case_shows_its_facts_findings_and_timeline():
    ex = CaseExplorer(CASES, AS_OF)
    ex.case.value = "B"
    assert "乙局" in ex.facts.value
    assert 'data-clause="3.2" data-status="violation"' in ex.findings_view.table.value
    assert 'data-clause="4.3" data-status="violation"' in ex.findings_view.table.value
    assert ex.timeline.value[:4] == b"\x89PNG"


def test_the_filters_narrow_the_list_and_select_the_first_match():
    ex = CaseExplorer(CASES, AS_OF)
    ex.clause.value = "3.2"
    ex.status.value = "violation"
    assert [v for _, v in ex.case.options] == ["B", "D"] and ex.case.value == "B"
    assert "2 件" in ex.count.value
    ex.district.value = "万州区"
    assert ex.case.options == () and "没有符合条件的案件" in ex.facts.value


def test_it_takes_a_generated_data_set_with_its_check_date():
    data = generate(40, 2025, 7)
    ex = CaseExplorer(data)
    assert ex.as_of == data.as_of and len(ex.case.options) == 40
    assert "yingsu-main" in ex.widget._dom_classes


def test_the_findings_table_is_the_explorers_feedback_area_and_comes_first():
    ex = CaseExplorer(CASES, AS_OF)
    assert "yingsu-feedback" in ex.findings_view.table._dom_classes
    assert "yingsu-feedback" not in ex.message._dom_classes
    assert ex.tabs.children[0] is ex.findings_view.widget and ex.tabs.get_title(0) == "各条款结论"


def test_a_table_with_chinese_headers_is_explored_like_the_english_one():
    from yingsu_training.schema import CASES as TABLE
    ex = CaseExplorer(CASES.rename(columns=TABLE.name_to_zh), AS_OF)
    ex.case.value = "B"
    assert 'data-clause="3.2" data-status="violation"' in ex.findings_view.table.value


def test_a_bad_file_shows_the_loaders_chinese_problems_instead_of_a_traceback(tmp_path):
    bad = tmp_path / "案件.csv"
    bad.write_text("案号,被诉行政机关,收到起诉状副本日期\nA,甲局,2025-13-45\n", encoding="utf-8")
    ex = CaseExplorer(str(bad), AS_OF)
    assert "无法读取案件数据" in ex.message.value and "案件.csv" in ex.message.value
    assert ex.case.options == ()


def test_an_explorer_given_the_notebooks_findings_does_not_check_the_cases_again(findings, monkeypatch):
    import yingsu_training.checks as checks

    def no_second_check(*_args, **_kwargs):
        raise AssertionError("the cases were checked again")

    monkeypatch.setattr(checks, "check_cases", no_second_check)
    explorer = CaseExplorer(CASES, as_of=AS_OF, findings=findings)
    assert explorer.findings is findings
    assert explorer.matching_ids() == ["A", "B", "C", "D"]
