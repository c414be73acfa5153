"""Year-end statistics on small hand-made tables, with every rate worked out by hand."""
from datetime import date

import numpy as np
import pandas as pd
import pytest

from yingsu_training.errors import DataError

from yingsu_training.schema import AGENCIES, CASES, DECISION_KINDS, SUGGESTIONS
from yingsu_training.stats import LOSS_KINDS, METRICS, statistics, violations_zh

AS_OF = date(2026, 3, 31)
SOUND = dict(interference_recorded=False, withdrawal_improperly_induced=False,
             confidential_evidence=False, evidence_list_submitted=True,
             major_public_interest=False, high_social_attention=False, mass_incident_risk=False,
             court_requested_head=False, reconsideration_upheld=False)


def table(t, rows):
    df = t.empty().reindex(range(len(rows)))
    for i, row in enumerate(rows):
        for k, v in row.items():
            df.loc[i, k] = v
    return df.astype(t.dtypes())


def hearing(head, staff=1, lawyers=1, role=None):
    return dict(head_appeared=head, head_role=role or ("正职" if head else None),
                staff_appeared=staff, lawyers_appeared=lawyers, absent_without_cause=False,
                left_without_permission=False)


CASE_ROWS = [
    # A: 渝北区, on time, head appeared, claim dismissed
    dict(case_id="A", agency="机关X", district="渝北区", case_type="行政处罚",
         complaint_received_on="2025-03-04", defence_submitted_on="2025-03-10",
         evidence_submitted_on="2025-03-10", hearing_on="2025-04-10", **hearing(True),
         decision_kind="判决驳回诉讼请求", decision_served_on="2025-05-10", **SOUND),
    # B: 渝北区, defence late (due 2025-03-19), head absent, act quashed (a loss)
    dict(case_id="B", agency="机关X", district="渝北区", case_type="征收补偿",
         complaint_received_on="2025-03-04", defence_submitted_on="2025-03-25",
         evidence_submitted_on="2025-03-25", hearing_on="2025-04-20", **hearing(False),
         decision_kind="判决撤销", decision_served_on="2025-06-01", **SOUND),
    # C: 江北区, due date 2025-10-05 rolls over National Day to 10-09: on time; ruling, no hearing
    dict(case_id="C", agency="机关Y", district="江北区", case_type="行政处罚",
         complaint_received_on="2025-09-20", defence_submitted_on="2025-10-09",
         evidence_submitted_on="2025-10-09", decision_kind="裁定",
         decision_served_on="2025-11-03", **SOUND),
    # D: 江北区, head unknown, ordered to act, performed late → 6.1 and 12.2 broken
    dict(case_id="D", agency="机关Y", district="江北区", case_type="行政处罚",
         complaint_received_on="2025-06-02", defence_submitted_on="2025-06-10",
         evidence_submitted_on="2025-06-10", hearing_on="2025-07-01", **hearing(None, 2, 0),
         decision_kind="判决履行法定职责", decision_served_on="2025-08-01",
         performance_due_on="2025-10-31", performed_on="2025-11-05",
         accountability_referred=False, **SOUND),
    # E: 江北区, ordered to pay, performance not yet due on the check date
    dict(case_id="E", agency="机关Y", district="江北区", case_type="征收补偿",
         complaint_received_on="2025-06-02", defence_submitted_on="2025-06-10",
         evidence_submitted_on="2025-06-10", hearing_on="2025-07-02", **hearing(True),
         decision_kind="判决给付", decision_served_on="2025-08-01",
         performance_due_on="2026-06-30", **SOUND),
    # F: a 2024 case, outside the year
    dict(case_id="F", agency="机关Z", district="渝中区", case_type="行政许可",
         complaint_received_on="2024-12-10", defence_submitted_on="2024-12-30",
         evidence_submitted_on="2024-12-30", **SOUND),
]
SUGGESTION_ROWS = [
    # due 2025-10-05 → rolled to 10-09: replied on the last day
    dict(suggestion_id="S1", agency="机关X", received_on="2025-08-06", replied_on="2025-10-09",
         copied_to_legal_office=True),
    # due 2025-07-05 (Saturday) → 07-07: replied on 07-20, late
    dict(suggestion_id="S2", agency="机关Y", received_on="2025-05-06", replied_on="2025-07-20",
         copied_to_legal_office=True),
    # due in February 2026, never replied
    dict(suggestion_id="S3", agency="机关Y", received_on="2025-12-19"),
]
AGENCY_ROWS = [
    dict(agency="机关X", year=2025, trainings_held=0, funding_in_budget=True,
         statistics_reported_on="2025-12-01", included_in_annual_report=True, in_assessment=True),
    dict(agency="机关Y", year=2025, trainings_held=2, funding_in_budget=True,
         statistics_reported_on="2025-12-01", included_in_annual_report=True, in_assessment=True),
]


@pytest.fixture(scope="module")
def stats():
    return statistics(table(CASES, CASE_ROWS), table(SUGGESTIONS, SUGGESTION_ROWS),
                      table(AGENCIES, AGENCY_ROWS), as_of=AS_OF, year=2025)


def value(stats, breakdown, group, key):
    return stats.tables[breakdown].loc[group, key]


@pytest.mark.parametrize("breakdown,group,key,expected", [
    # the whole city: A–E (F is a 2024 case)
    ("city", "全市", "cases", 5),
    ("city", "全市", "hearings", 4),
    ("city", "全市", "head_appearances", 2),
    ("city", "全市", "head_appearance_rate", 2 / 3),      # A, E of A, B, E (D unknown)
    ("city", "全市", "defence_on_time_rate", 4 / 5),      # B late
    ("city", "全市", "decisions", 5),
    ("city", "全市", "losses", 3),                         # B, D, E
    ("city", "全市", "loss_rate", 3 / 5),
    ("city", "全市", "performance_due", 1),               # D (E not due yet)
    ("city", "全市", "performance_on_time_rate", 0.0),
    ("city", "全市", "suggestions", 3),
    ("city", "全市", "suggestion_reply_rate", 1 / 3),     # S1 only
    ("city", "全市", "违反 三（二）", 1),
    ("city", "全市", "违反 六（一）", 1),
    ("city", "全市", "违反 十二（二）", 1),
    ("city", "全市", "违反 十（一）", 2),
    ("city", "全市", "违反 八（二）", 1),
    ("city", "全市", "violations", 6),
    ("district", "渝北区", "cases", 2),
    ("district", "渝北区", "head_appearance_rate", 1 / 2),
    ("district", "渝北区", "defence_on_time_rate", 1 / 2),
    ("district", "渝北区", "loss_rate", 1 / 2),
    ("district", "渝北区", "suggestion_reply_rate", 1.0),  # S1 via 机关X
    ("district", "渝北区", "violations", 2),              # B's 3.2 and 机关X's 8.2
    ("district", "江北区", "cases", 3),
    ("district", "江北区", "head_appearance_rate", 1.0),   # E (D unknown)
    ("district", "江北区", "defence_on_time_rate", 1.0),
    ("district", "江北区", "loss_rate", 2 / 3),
    ("district", "江北区", "performance_on_time_rate", 0.0),
    ("district", "江北区", "suggestion_reply_rate", 0.0),
    ("district", "江北区", "violations", 4),
    ("agency", "机关Y", "cases", 3),
    ("agency", "机关X", "违反 八（二）", 1),
    ("case_type", "行政处罚", "cases", 3),
    ("case_type", "征收补偿", "loss_rate", 1.0),
    ("case_type", "行政处罚", "loss_rate", 1 / 3),
])
def test_rates_worked_out_by_hand(stats, breakdown, group, key, expected):
    assert value(stats, breakdown, group, key) == pytest.approx(expected)


@pytest.mark.parametrize("breakdown,group,key", [
    ("district", "渝北区", "performance_on_time_rate"),  # nothing to perform in 渝北区
])
def test_a_rate_without_a_denominator_is_empty_not_zero(stats, breakdown, group, key):
    assert np.isnan(value(stats, breakdown, group, key))


def test_records_of_other_years_are_left_out(stats):
    assert "渝中区" not in stats.tables["district"].index


def test_a_missing_district_is_shown_as_not_filled():
    rows = [dict(CASE_ROWS[0], district=None)]
    st = statistics(table(CASES, rows), as_of=AS_OF, year=2025)
    assert list(st.tables["district"].index) == ["（未填）"]


def test_violation_table_counts_statuses_per_clause(stats):
    v = violations_zh(stats.violations)
    assert v.loc["3.2", "违反"] == 1 and v.loc["3.2", "合规"] == 4
    assert v.loc["3.2", "违反比例（%）"] == 20.0
    assert v.loc["10.1", "违反"] == 2


def test_chinese_headers_show_rates_as_percentages(stats):
    zh = stats.zh("district")
    assert zh.loc["江北区", "败诉率（%）"] == pytest.approx(66.7)
    assert zh.index.name == "区县"


@pytest.mark.parametrize("kind", DECISION_KINDS)
def test_which_decisions_count_as_a_loss(kind):
    lost = kind not in ("判决驳回诉讼请求", "裁定")
    assert (kind in LOSS_KINDS) == lost


def test_every_metric_is_defined_in_chinese_and_every_rate_names_its_parts():
    for m in METRICS:
        assert m.name and m.definition and any("\u4e00" <= ch <= "\u9fff" for ch in m.definition)
        if m.unit == "%":
            assert m.numerator and m.denominator, m.key


def test_the_generated_data_sets_give_plausible_city_figures():
    from yingsu_training.generator import generate

    d = generate(3000, 2025, 7)
    st = statistics(d.cases, d.suggestions, d.agencies, as_of=d.as_of, year=2025)
    city = st.tables["city"].loc["全市"]
    assert city["cases"] == 3000
    assert 0.4 < city["head_appearance_rate"] < 0.7
    assert 0.1 < city["loss_rate"] < 0.4
    truth = d.truth[d.truth["status"] == "violation"]
    assert city["violations"] == len(truth)


def test_a_suggestion_without_a_case_is_counted_apart_from_the_case_types(stats):
    t = stats.tables["case_type"]
    assert t.loc["（未关联案件）", "suggestions"] == 3 and t.loc["（未关联案件）", "cases"] == 0


@pytest.mark.parametrize("which", ["cases", "suggestions", "agencies"])
def test_a_table_with_a_repeated_key_is_refused_in_chinese_naming_the_row(which):
    tables = {"cases": table(CASES, CASE_ROWS), "suggestions": table(SUGGESTIONS, SUGGESTION_ROWS),
              "agencies": table(AGENCIES, AGENCY_ROWS)}
    frame = tables[which]
    tables[which] = pd.concat([frame, frame.iloc[[0]]], ignore_index=True)
    with pytest.raises(DataError) as caught:
        statistics(tables["cases"], tables["suggestions"], tables["agencies"], as_of=AS_OF,
                   year=2025)
    text = str(caught.value)
    assert f"第{len(frame) + 2}行" in text and "重复" in text


@pytest.mark.parametrize("metric", METRICS, ids=[m.key for m in METRICS])
def test_the_metric_table_of_the_statistics_guide_is_the_one_the_code_uses(metric):
    from pathlib import Path

    guide = (Path(__file__).resolve().parent.parent / "docs" / "statistics.md").read_text(
        encoding="utf-8")
    parts = f"{metric.numerator} / {metric.denominator}" if metric.numerator else ""
    assert f"| {metric.name} | {metric.unit} | {metric.definition} | {parts} |" in guide


def test_the_check_date_may_be_written_the_chinese_way_and_a_bad_one_is_refused_in_chinese():
    cases = table(CASES, CASE_ROWS)
    assert statistics(cases, as_of="2026年3月31日", year=2025).as_of == AS_OF
    with pytest.raises(DataError, match="检查日期格式不对"):
        statistics(cases, as_of="2026-13-45", year=2025)


def test_statistics_count_the_findings_they_are_given_without_checking_again(monkeypatch):
    from yingsu_training import stats as stats_module
    from yingsu_training.checks import check
    from yingsu_training.generator import generate

    d = generate(2000, 2025, 11)
    findings = {kind: check(frame, kind, as_of=d.as_of, explain=False)
                for kind, frame in (("case", d.cases), ("suggestion", d.suggestions),
                                    ("agency_year", d.agencies))}
    checked_here = statistics(d.cases, d.suggestions, d.agencies, as_of=d.as_of, year=2025)

    def no_second_check(*args, **kwargs):
        raise AssertionError("the statistics ran the checks again")
    monkeypatch.setattr(stats_module, "check", no_second_check)
    given = statistics(d.cases, d.suggestions, d.agencies, as_of=d.as_of, year=2025,
                       findings=findings)
    pd.testing.assert_frame_equal(given.tables["city"], checked_here.tables["city"])
    pd.testing.assert_frame_equal(given.tables["district"], checked_here.tables["district"])
