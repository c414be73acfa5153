"""The synthetic data generator: realistic, reproducible, marked as synthetic, rates as asked."""
from datetime import date

import numpy as np
import pandas as pd
import pytest

from yingsu_training import calendar as cal
from yingsu_training.generator import (ALL_RULES, DEFAULT_VIOLATION_RATES, divisions_in_force,
                                       generate)
from yingsu_training.schema import AGENCIES, CASES, SUGGESTIONS, STATUSES

TEXT_AS_CATEGORY_ALLOWED = {"agency", "district", "case_type"}


@pytest.fixture(scope="module")
def data():
    return generate(3000, 2025, 2025)


def test_the_same_seed_gives_identical_tables_bit_for_bit(data):
    again = generate(3000, 2025, 2025)
    for name in ("cases", "suggestions", "agencies", "truth"):
        pd.testing.assert_frame_equal(getattr(data, name), getattr(again, name))
        a = pd.util.hash_pandas_object(getattr(data, name), index=True).to_numpy()
        b = pd.util.hash_pandas_object(getattr(again, name), index=True).to_numpy()
        assert np.array_equal(a, b)


def test_another_seed_gives_other_cases(data):
    other = generate(3000, 2025, 2026)
    assert not data.cases["complaint_received_on"].equals(other.cases["complaint_received_on"])


@pytest.mark.parametrize("attr,table", [("cases", CASES), ("suggestions", SUGGESTIONS),
                                        ("agencies", AGENCIES)])
def test_tables_have_the_contract_columns_in_the_contract_dtypes(data, attr, table):
    df = getattr(data, attr)
    assert list(df.columns) == table.names
    for name, want in table.dtypes().items():
        got = df[name].dtype
        if name in TEXT_AS_CATEGORY_ALLOWED and isinstance(got, pd.CategoricalDtype):
            continue
        assert str(got) == str(want), name


def test_the_truth_has_one_row_per_record_and_rule_with_contract_statuses(data):
    t = data.truth
    assert len(t) == 10 * len(data.cases) + len(data.suggestions) + 4 * len(data.agencies)
    assert set(t["status"].astype(str)) <= set(STATUSES)
    assert set(t["obligation_id"].astype(str)) == set(ALL_RULES)
    cases = t[t["record_kind"] == "case"]
    assert cases.groupby("case_id", observed=True).size().eq(10).all()
    assert not t.duplicated(["record_kind", "case_id", "suggestion_id", "agency", "year",
                             "obligation_id"]).any()


def test_default_check_date_is_31_march_of_the_next_year(data):
    assert data.as_of == date(2026, 3, 31)


def test_case_numbers_are_unique_and_marked_as_simulated(data):
    ids = data.cases["case_id"]
    assert ids.is_unique
    assert ids.str.match(r"^（2025）渝\d{2,4}行初模拟\d{4,}号$").all()
    assert data.suggestions["suggestion_id"].str.contains("模拟").all()


def test_cases_are_numbered_per_court_in_order_of_receipt(data):
    c = data.cases
    court = c["case_id"].str.extract(r"渝(\d+)行")[0]
    seq = c["case_id"].str.extract(r"模拟(\d+)号")[0].astype(int)
    for _, group in seq.groupby(court):
        assert list(group) == list(range(1, len(group) + 1))
    assert c["complaint_received_on"].is_monotonic_increasing


def test_2025_divisions_are_26_districts_8_counties_and_4_autonomous_counties():
    kinds = pd.Series([d["kind"] for d in divisions_in_force(date(2025, 6, 30))]).value_counts()
    assert kinds.to_dict() == {"district": 26, "county": 8, "autonomous_county": 4}


@pytest.mark.parametrize("on,present,absent", [
    (date(2016, 3, 1), "开县", "开州区"),
    (date(2016, 7, 1), "开州区", "开县"),
    (date(2016, 7, 1), "梁平县", "梁平区"),
    (date(2017, 1, 3), "梁平区", "梁平县"),
    (date(2017, 1, 3), "武隆区", "武隆县"),
    (date(2013, 6, 1), "璧山县", "璧山区"),
    (date(2015, 1, 5), "铜梁区", "铜梁县"),
    (date(2015, 1, 5), "荣昌县", "荣昌区"),
    (date(2016, 1, 5), "潼南区", "潼南县"),
    (date(2010, 1, 5), "万盛区", "綦江区"),
    (date(2012, 1, 5), "大足区", "双桥区"),
])
def test_divisions_carry_the_name_they_had_on_the_day(on, present, absent):
    names = {d["name"] for d in divisions_in_force(on)}
    assert present in names and absent not in names


def test_a_case_gets_the_division_name_in_force_when_the_complaint_copy_arrived():
    c = generate(6000, 2016, 1).cases
    kai = c[c["district"].isin(["开县", "开州区"])]
    assert set(kai["district"].astype(str)) == {"开县", "开州区"}
    before = kai["complaint_received_on"] < "2016-06-08"
    assert (kai.loc[before, "district"] == "开县").all()
    assert (kai.loc[~before, "district"] == "开州区").all()
    assert c["agency"].astype(str).str.contains("开州区").any()


def test_agency_names_are_full_names_of_their_division_or_the_city(data):
    c = data.cases.dropna(subset=["district"])
    for district, agency in zip(c["district"].astype(str), c["agency"].astype(str)):
        if district == "市级":
            assert agency.startswith(("重庆市", "国家税务总局重庆市")) and "区" not in agency[3:5]
        else:
            assert district in agency, (district, agency)
    agencies = set(data.cases["agency"].astype(str))
    assert any(a.endswith("区人力资源和社会保障局") for a in agencies)
    assert any(a.startswith("重庆市公安局") and a.endswith("分局") for a in agencies)


def test_case_types_follow_the_documented_order_of_frequency(data):
    shares = data.cases["case_type"].value_counts(normalize=True)
    assert shares.index[0] == "征收补偿"
    assert shares["征收补偿"] > shares["行政协议"]


def test_events_follow_each_other_and_nothing_happens_after_the_check_date(data):
    c = data.cases
    as_of = pd.Timestamp(data.as_of)
    got = c["complaint_received_on"]
    for later in ("defence_submitted_on", "evidence_submitted_on", "hearing_on",
                  "decision_served_on", "appeal_filed_on", "performed_on"):
        ok = c[later].isna() | (c[later] > got)
        assert ok.all(), later
        assert (c[later].isna() | (c[later] <= as_of)).all(), later
    assert (c["hearing_on"].isna() | (c["decision_served_on"].isna())
            | (c["decision_served_on"] > c["hearing_on"])).all()
    assert (c["appeal_filed_on"].isna() | (c["appeal_filed_on"] > c["decision_served_on"])).all()
    s = data.suggestions
    assert (s["replied_on"].isna() | (s["replied_on"] > s["received_on"])).all()


def test_complaint_copies_arrive_on_working_days(data):
    days = data.cases["complaint_received_on"].drop_duplicates()
    assert all(cal.is_working_day(d.date()) for d in days)


def test_head_role_is_given_only_when_the_head_appeared(data):
    c = data.cases
    assert (c["head_role"].isna() | c["head_appeared"].fillna(False)).all()
    assert (c["head_appeared"].fillna(False) <= c["head_role"].notna()).all()


@pytest.mark.parametrize("rule", ALL_RULES)
def test_a_rule_with_rate_zero_has_no_violation(rule):
    d = generate(2000, 2025, 5, {r: 0.0 for r in ALL_RULES}, missing_rate=0.0)
    t = d.truth
    assert not ((t["obligation_id"] == rule) & (t["status"] == "violation")).any()


@pytest.mark.parametrize("rule", ["2.2", "3.2", "5.2", "7.2", "9.1", "10.1", "12.1", "11.2"])
def test_a_rule_with_rate_one_is_broken_wherever_it_applies(rule):
    d = generate(1500, 2025, 5, {rule: 1.0}, missing_rate=0.0)
    t = d.truth[d.truth["obligation_id"] == rule]
    applies = t[t["status"] != "not_applicable"]
    assert len(applies) > 0
    # some breaches happen after the check date and are still pending
    assert applies["status"].isin(["violation", "pending"]).all()
    assert (applies["status"] == "violation").mean() > 0.9


def test_without_missing_facts_no_verdict_lacks_data():
    d = generate(2000, 2025, 9, missing_rate=0.0)
    assert not (d.truth["status"] == "insufficient_data").any()


def test_default_rates_break_every_rule_somewhere_but_most_cases_are_sound(data):
    t = data.truth
    counts = t.groupby(["obligation_id", "status"], observed=False).size().unstack()
    assert (counts["violation"] > 0).all()
    per_case = t[t["record_kind"] == "case"].groupby("case_id", observed=True)["status"].apply(
        lambda s: (s == "violation").any())
    assert per_case.mean() < 0.5


def test_head_appearance_share_follows_its_parameter():
    low = generate(4000, 2025, 3, head_appearance_rate=0.2).cases
    high = generate(4000, 2025, 3, head_appearance_rate=0.8).cases
    share = lambda c: c.loc[c["hearing_on"].notna(), "head_appeared"].mean()  # noqa: E731
    assert share(low) < 0.4 < 0.6 < share(high)


def test_joint_defendant_share_follows_its_parameter():
    c = generate(4000, 2025, 3, joint_defendant_rate=0.25).cases
    assert abs(c["reconsideration_upheld"].mean() - 0.25) < 0.03


def test_a_check_date_inside_the_year_leaves_later_duties_pending():
    d = generate(3000, 2025, 4, as_of="2025-07-15")
    assert d.cases["complaint_received_on"].max() <= pd.Timestamp("2025-07-15")
    statuses = d.truth.groupby("obligation_id", observed=True)["status"].apply(set)
    assert "pending" in statuses["3.2"] and "pending" in statuses["8.2"]
    assert "pending" in statuses["11.2"] and "pending" in statuses["10.1"]


@pytest.mark.parametrize("kwargs,message", [
    ({"violation_rates": {"3.3": 0.1}}, "未知的条款编号"),
    ({"violation_rates": {"3.2": 1.5}}, "0 到 1 之间"),
    ({"missing_rate": -0.1}, "0 到 1 之间"),
    ({"as_of": "2024-06-30"}, "早于"),
])
def test_bad_parameters_are_refused_in_chinese(kwargs, message):
    with pytest.raises(ValueError, match=message):
        generate(10, 2025, 1, **kwargs)


def test_default_rates_cover_every_checked_rule():
    assert set(DEFAULT_VIOLATION_RATES) == set(ALL_RULES)


def test_generated_files_load_back_to_the_same_cases(tmp_path):
    from yingsu_training.loaders import load_agencies, load_cases, load_suggestions

    d = generate(400, 2025, 11, missing_rate=0.05)
    d.save(tmp_path)
    for ext in ("csv", "xlsx"):
        cases = load_cases(tmp_path / f"cases-2025.{ext}")
        expected = d.cases.astype({c: "string" for c in TEXT_AS_CATEGORY_ALLOWED})
        pd.testing.assert_frame_equal(cases[CASES.names].reset_index(drop=True),
                                      expected.reset_index(drop=True), check_dtype=False)
        assert len(load_suggestions(tmp_path / f"suggestions-2025.{ext}")) == len(d.suggestions)
        assert len(load_agencies(tmp_path / f"agencies-2025.{ext}")) == len(d.agencies)


def test_the_generate_command_writes_the_tables_and_the_truth(tmp_path, capsys):
    from yingsu_training.cli import main

    assert main(["generate", "--year", "2025", "--cases", "50", "--seed", "3",
                 "--out", str(tmp_path)]) == 0
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["agencies-2025.csv", "agencies-2025.xlsx", "cases-2025.csv",
                     "cases-2025.xlsx", "suggestions-2025.csv", "suggestions-2025.xlsx",
                     "truth-2025.csv"]
    assert "已生成 2025 年模拟数据" in capsys.readouterr().out


def test_the_generate_command_reports_a_bad_rate_in_chinese_without_traceback(tmp_path, capsys):
    from yingsu_training.cli import main

    assert main(["generate", "--year", "2025", "--cases", "5", "--seed", "3",
                 "--out", str(tmp_path), "--rate", "3.2"]) == 2
    err = capsys.readouterr().err
    assert "条款编号=比例" in err and "Traceback" not in err


# ---------------------------------------------------------------------------------------------
# the committed default data sets (datasets/, made by `make datasets`)

from pathlib import Path  # noqa: E402

DATASETS = Path(__file__).resolve().parent.parent / "datasets"
DATASET_FILES = ["cases-2025.csv", "cases-2025.xlsx", "suggestions-2025.csv",
                 "suggestions-2025.xlsx", "agencies-2025.csv", "agencies-2025.xlsx",
                 "truth-2025.csv"]


def test_the_committed_data_sets_are_exactly_what_the_documented_command_makes(tmp_path):
    from yingsu_training.cli import main

    # the command of datasets/README.md and `make datasets`
    assert main(["generate", "--year", "2025", "--cases", "2000", "--seed", "2025",
                 "--out", str(tmp_path)]) == 0
    for name in DATASET_FILES:
        assert (tmp_path / name).read_bytes() == (DATASETS / name).read_bytes(), name


def test_every_rule_has_a_violation_and_a_compliant_record_in_the_default_data_sets():
    truth = pd.read_csv(DATASETS / "truth-2025.csv", encoding="utf-8-sig", dtype=str)
    statuses = truth.groupby("条款编号")["status"].apply(set)
    assert set(statuses.index) == set(ALL_RULES)
    for rule, seen in statuses.items():
        assert {"violation", "compliant"} <= seen, rule


def test_the_checker_finds_a_violation_and_a_compliant_record_of_every_rule_in_the_files():
    from yingsu_training import check_agencies, check_cases, check_suggestions, load_agencies
    from yingsu_training import load_cases, load_suggestions

    as_of = date(2026, 3, 31)
    findings = pd.concat([
        check_cases(load_cases(DATASETS / "cases-2025.xlsx"), as_of=as_of, explain=False),
        check_suggestions(load_suggestions(DATASETS / "suggestions-2025.csv"), as_of=as_of,
                          explain=False),
        check_agencies(load_agencies(DATASETS / "agencies-2025.csv"), as_of=as_of,
                       explain=False)])
    statuses = findings.groupby(findings["obligation_id"].astype(str))["status"].apply(
        lambda s: set(s.astype(str)))
    for rule in ALL_RULES:
        assert {"violation", "compliant"} <= statuses[rule], rule


def test_the_data_set_readme_gives_the_right_counts_and_check_date():
    readme = (DATASETS / "README.md").read_text(encoding="utf-8")
    cases = pd.read_csv(DATASETS / "cases-2025.csv", encoding="utf-8-sig", dtype=str)
    suggestions = pd.read_csv(DATASETS / "suggestions-2025.csv", encoding="utf-8-sig", dtype=str)
    agencies = pd.read_csv(DATASETS / "agencies-2025.csv", encoding="utf-8-sig", dtype=str)
    assert f"{len(cases):,} 件一审行政案件" in readme
    assert f"{len(suggestions)} 份司法建议" in readme
    assert f"{len(agencies)} 个机关" in readme
    assert "检查日（as_of）：2026-03-31" in readme


def _truth_status(data, clause):
    t = data.truth[(data.truth["record_kind"] == "case") & (data.truth["obligation_id"] == clause)]
    return dict(zip(t["case_id"].astype(str), t["status"].astype(str)))


def test_posted_filings_count_from_the_posting_date_in_the_truth(data):
    c = data.cases
    posted = c["defence_posted_on"].notna()
    assert posted.sum() > 50
    # arrival after the posting date (or not known yet), never before it
    arrived = c["defence_submitted_on"]
    assert not (arrived < c["defence_posted_on"]).any()
    assert (posted & (arrived > c["defence_posted_on"])).any()
    # some arrive after the deadline though posted in time: those are compliant, not late
    from yingsu_training.checks import check_cases
    f = check_cases(c, as_of=data.as_of, explain=False)
    due = f.loc[f["obligation_id"] == "3.2"].set_index("case_id")["due_on"]
    late_arrival = posted & (arrived > due.reindex(c["case_id"]).to_numpy()) & (
        c["defence_posted_on"] <= due.reindex(c["case_id"]).to_numpy())
    assert late_arrival.any()
    truth = _truth_status(data, "3.2")
    assert {truth[i] for i in c.loc[late_arrival, "case_id"].astype(str)} <= {"compliant", "violation"}
    assert "compliant" in {truth[i] for i in c.loc[late_arrival, "case_id"].astype(str)}


def test_justified_absences_are_generated_with_their_labels(data):
    c = data.cases
    justified = c["head_absence_justified"].fillna(False).astype(bool)
    assert justified.sum() > 20
    assert not (justified & c["head_appeared"].fillna(False).astype(bool)).any()
    triggered = c[["major_public_interest", "high_social_attention", "mass_incident_risk",
                   "court_requested_head"]].fillna(False).astype(bool).any(axis=1)
    heard = c["hearing_on"].notna()
    s42, s43 = _truth_status(data, "4.2"), _truth_status(data, "4.3")
    absent = (c["head_appeared"] == False).fillna(False).astype(bool)  # noqa: E712
    ids = c.loc[justified & absent & triggered & heard, "case_id"].astype(str)
    assert len(ids) > 5
    # a justified absence is no breach of 4.2; 4.3 still judges the staff who appeared
    assert {s42[i] for i in ids} == {"compliant"}
    assert all(s43[i] != "not_applicable" for i in ids)


def test_a_filing_posted_just_before_the_check_date_has_no_arrival_date_yet():
    c = generate(3000, 2025, 4, as_of="2025-07-15").cases
    waiting = c["defence_posted_on"].notna() & c["defence_submitted_on"].isna()
    assert waiting.any()
    assert (c.loc[waiting, "defence_posted_on"] >= pd.Timestamp("2025-07-09")).all()


def test_the_intended_labels_are_the_oracles_verdicts_on_every_record(data):
    """The truth is what the generator meant while drawing each case, not a reading of its
    tables: the per-record oracle must give exactly those statuses."""
    from yingsu_training import reference
    from yingsu_training.generator import AGENCY_RULES, CASE_RULES, SUGGESTION_RULES

    for kind, table, rules in (("case", data.cases, CASE_RULES),
                               ("suggestion", data.suggestions, SUGGESTION_RULES),
                               ("agency_year", data.agencies, AGENCY_RULES)):
        t = data.truth[data.truth["record_kind"] == kind]
        intended = t["status"].astype(str).to_numpy().reshape(len(table), len(rules))
        oracle = [[v.status for v in reference.check_record(r, kind, data.as_of).values()]
                  for r in table.to_dict("records")]
        assert (intended == np.array(oracle, dtype=object)).all(), kind
