"""The generator's intended labels are the statuses the rules give, on every (record, rule).

The generator decides, rule by rule, whether a record is meant to break a duty, draws facts to
match and keeps, as it draws them, the status it intends at ``as_of`` (its truth table): what it
meant, where the check date falls among its events and which of its blanks the verdict depends
on. The labels are not derived from the tables, so they are checked here against both
implementations of the rules: the per-record oracle (``yingsu_training.reference``, the rule
table as plain Python) on a sample of each scenario that holds every intended status of every
rule, and ``check_cases`` / ``check_suggestions`` / ``check_agencies`` on every record of large
samples where every rule is broken somewhere and facts are missing now and then.
"""
import numpy as np
import pandas as pd
import pytest

from yingsu_training import reference
from yingsu_training.opinion import load_opinion

from yingsu_training.checks import check_agencies, check_cases, check_suggestions
from yingsu_training.generator import (AGENCY_RULES, ALL_RULES, CASE_RULES, SUGGESTION_RULES,
                                       generate)

RATES = {"2.2": 0.05, "3.1": 0.1, "3.2": 0.15, "4.2": 0.3, "4.3": 0.08, "5.2": 0.05,
         "6.1": 0.2, "6.2": 0.3, "7.2": 0.2, "12.2": 0.5, "10.1": 0.3, "8.2": 0.2,
         "9.1": 0.2, "11.2": 0.3, "12.1": 0.2}

SCENARIOS = {
    # a year looked back on from the next spring (the default check date)
    "year-end": dict(n_cases=50_000, year=2025, seed=20251, as_of=None),
    # the same kind of year checked in the middle of it: many duties still pending
    "mid-year": dict(n_cases=20_000, year=2025, seed=20252, as_of="2025-08-15"),
    # a year with renamed divisions (开县 → 开州区, 梁平县 → 梁平区 …)
    "2016": dict(n_cases=10_000, year=2016, seed=2016, as_of=None),
    # the defence period changes on 2015-05-01 (10 days before, 15 from then)
    "2015": dict(n_cases=5_000, year=2015, seed=2015, as_of=None),
}

KEYS = {"case": ["case_id"], "suggestion": ["suggestion_id"], "agency_year": ["agency", "year"]}
CHECKS = {"case": ("cases", check_cases), "suggestion": ("suggestions", check_suggestions),
          "agency_year": ("agencies", check_agencies)}


@pytest.fixture(scope="module", params=list(SCENARIOS))
def scenario(request):
    kw = SCENARIOS[request.param]
    return generate(kw["n_cases"], kw["year"], kw["seed"], RATES, as_of=kw["as_of"],
                    missing_rate=0.03)


def _plain(df: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    out = pd.DataFrame({k: (df[k].astype("int64") if k == "year" else df[k].astype(str))
                        for k in keys})
    out["obligation_id"] = df["obligation_id"].astype(str).to_numpy()
    out["status"] = df["status"].astype(str).to_numpy()
    return out


def test_every_rule_is_broken_somewhere_in_the_sample(scenario):
    assert all(v > 0 for v in RATES.values()) and set(RATES) == set(ALL_RULES)
    t = scenario.truth
    broken = set(t.loc[t["status"] == "violation", "obligation_id"].astype(str))
    expected = set(ALL_RULES)
    if scenario.as_of.year == scenario.year:
        # training (8.2) and the annual statistics (11.2) can only be late once the year is over
        expected -= {"8.2", "11.2"}
    if scenario.year < 2016:
        # the 60-day reply (10.1) is the opinion's own duty, from 2016-10-24
        expected -= {"10.1"}
    issued = pd.Timestamp(load_opinion().issued_on)
    if not (scenario.cases["hearing_on"] >= issued).any():
        # so is the head's appearance in the listed cases (4.2): no hearing of the sample is reached
        expected -= {"4.2"}
    assert broken == expected


def test_the_2015_sample_has_both_defence_periods():
    data = generate(3_000, 2015, 7, missing_rate=0.0)
    findings = check_cases(data.cases, as_of=data.as_of, explain=False)
    due = findings.loc[findings["obligation_id"] == "3.2", "due_on"].dt.normalize()
    received = data.cases["complaint_received_on"].to_numpy()
    span = (due.to_numpy() - received).astype("timedelta64[D]").astype(int)
    old = received < pd.Timestamp("2015-05-01").to_datetime64()
    assert old.any() and (~old).any()
    assert span[old].min() == 10 and span[~old].min() == 15


@pytest.mark.parametrize("kind", list(KEYS))
def test_the_checker_gives_the_intended_status_for_every_record_and_rule(scenario, kind):
    keys = KEYS[kind]
    attr, check = CHECKS[kind]
    findings = check(getattr(scenario, attr), as_of=scenario.as_of, explain=False)
    truth = scenario.truth[scenario.truth["record_kind"] == kind]
    merged = _plain(truth, keys).merge(_plain(findings, keys), on=keys + ["obligation_id"],
                                       how="outer", suffixes=("_intended", "_checked"),
                                       indicator=True)
    assert (merged["_merge"] == "both").all(), merged["_merge"].value_counts()
    wrong = merged[merged["status_intended"] != merged["status_checked"]]
    if len(wrong):
        summary = wrong.groupby(["obligation_id", "status_intended", "status_checked"]).size()
        example = wrong.iloc[0]
        pytest.fail(f"{len(wrong)} disagreements:\n{summary}\nfirst: {example.to_dict()}")


#: at most this many records of each (rule, intended status) go to the oracle, per scenario
ORACLE_PER_STATUS = 60


def _oracle_sample(truth: pd.DataFrame, kind: str, n_records: int, rules) -> np.ndarray:
    """Record positions holding up to ORACLE_PER_STATUS records of each rule's each status."""
    t = truth[truth["record_kind"] == kind]
    status = t["status"].astype(str).to_numpy().reshape(n_records, len(rules))
    picked = set()
    for j in range(len(rules)):
        for s in np.unique(status[:, j]):
            picked.update(np.flatnonzero(status[:, j] == s)[:ORACLE_PER_STATUS].tolist())
    return np.array(sorted(picked), dtype=np.int64)


@pytest.mark.parametrize("kind", list(KEYS))
def test_the_oracle_gives_the_intended_status_on_a_sample_of_every_status(scenario, kind):
    rules = {"case": CASE_RULES, "suggestion": SUGGESTION_RULES, "agency_year": AGENCY_RULES}[kind]
    table = getattr(scenario, CHECKS[kind][0])
    truth = scenario.truth[scenario.truth["record_kind"] == kind]
    intended = truth["status"].astype(str).to_numpy().reshape(len(table), len(rules))
    sample = _oracle_sample(scenario.truth, kind, len(table), rules)
    assert len(sample)
    wrong = []
    for i in sample:
        verdicts = reference.check_record(table.iloc[i].to_dict(), kind, scenario.as_of)
        for j, rule in enumerate(rules):
            if verdicts[rule].status != intended[i, j]:
                wrong.append((rule, intended[i, j], verdicts[rule].status, int(i)))
    assert not wrong, f"{len(wrong)} disagreements (rule, intended, oracle, row): {wrong[:10]}"
