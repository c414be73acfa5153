"""Two implementations of the rules must agree on every (record, rule).

The vectorised rules behind ``check_cases`` & co. are compared with the per-record reference
(``yingsu_training.reference``: plain Python straight from the rule table, missing facts tried
at every value they could take) on random records that hit every branch, including missing
facts, around several check dates (a holiday roll-over, 31 December, 1 January).
"""
import zlib
from datetime import date

import numpy as np
import pandas as pd
import pytest

from yingsu_training import reference as ref
from yingsu_training.checks import check
from yingsu_training.random_records import random_records

# (record kind, number of records, check dates) — 105,000 cases in all
PLAN = [
    ("case", 25_000, [date(2025, 10, 9), date(2025, 12, 31), date(2026, 2, 24), date(2024, 5, 6)]),
    # complaint copies received on both sides of 2015-05-01 (10 days before, 15 from then)
    ("case", 5_000, [date(2015, 5, 20)]),
    # hearings on both sides of 2018-02-08 (a filed justified absence excuses the head from then)
    ("case", 3_000, [date(2018, 3, 1)]),
    ("suggestion", 10_000, [date(2025, 10, 9), date(2026, 1, 1)]),
    # suggestions received on both sides of the opinion's date, 2016-10-24
    ("suggestion", 5_000, [date(2016, 12, 1)]),
    ("agency_year", 10_000, [date(2025, 12, 31), date(2026, 1, 1)]),
]
CASES = [(kind, n, as_of) for kind, n, dates in PLAN for as_of in dates]


def _mismatches(kind: str, frame: pd.DataFrame, as_of: date) -> list[str]:
    findings = check(frame, kind, as_of=as_of, explain=False)
    clauses = ref.CLAUSES[kind]
    k = len(clauses)
    assert list(findings["obligation_id"].iloc[:k]) == clauses
    status = findings["status"].cat.codes.to_numpy()
    names = list(findings["status"].cat.categories)
    due = findings["due_on"].to_numpy()
    problems = []
    for i, record in enumerate(frame.to_dict("records")):
        r = ref.normalise(record, kind)
        verdicts = ref.check_record(r, kind, as_of)
        for j, (cid, v) in enumerate(verdicts.items()):
            fast_status = names[status[i * k + j]]
            fast_due = due[i * k + j]
            ref_due = np.datetime64(v.due, "ns") if v.due else np.datetime64("NaT", "ns")
            same_due = (np.isnat(fast_due) and np.isnat(ref_due)) or fast_due == ref_due
            if v.status != fast_status or not same_due:
                facts = {c: r[c] for c in ref.READS[cid]}
                problems.append(f"record {i} rule {cid} as_of {as_of}: vectorised {fast_status} "
                                f"{fast_due}, reference {v.status} {v.due}; facts {facts}")
    return problems


@pytest.mark.parametrize("kind,n,as_of", CASES, ids=[f"{k}-{n}-{d}" for k, n, d in CASES])
def test_vectorised_and_per_record_rules_agree_on_random_records(kind, n, as_of):
    frame = random_records(kind, n, as_of=as_of, seed=zlib.crc32(f"{kind}{as_of}".encode()))
    problems = _mismatches(kind, frame, as_of)
    for p in problems[:20]:
        print(p)
    assert not problems, f"{len(problems)} disagreements, first: {problems[0]}"


@pytest.mark.parametrize("kind", ["case", "suggestion", "agency_year"])
def test_the_random_records_reach_every_status_of_every_rule(kind):
    """The differential test means something only if every branch is exercised."""
    as_of = date(2025, 12, 31) if kind == "agency_year" else date(2025, 10, 9)
    findings = check(random_records(kind, 5_000, as_of=as_of, seed=7), kind, as_of=as_of,
                     explain=False)
    seen = findings.groupby("obligation_id", observed=True)["status"].agg(lambda s: set(s.astype(str)))
    # statuses a rule cannot give by its definition
    impossible = {"2.2": {"pending", "not_applicable"}, "3.1": {"pending", "not_applicable"},
                  "3.2": {"not_applicable"}, "4.2": {"pending"}, "4.3": {"pending"},
                  "5.2": {"pending", "not_applicable"}, "6.2": {"pending"}, "7.2": {"pending"},
                  "12.2": {"pending", "insufficient_data"}, "10.1": {"not_applicable"},
                  "8.2": {"not_applicable"}, "9.1": {"pending", "not_applicable"},
                  "11.2": {"not_applicable"}, "12.1": {"pending", "not_applicable"},
                  "6.1": set()}
    for cid, statuses in seen.items():
        expected = {"compliant", "violation", "pending", "not_applicable",
                    "insufficient_data"} - impossible[cid]
        assert statuses == expected, cid


@pytest.mark.parametrize("kind,table", [("case", "cases"), ("suggestion", "suggestions"),
                                        ("agency_year", "agencies")])
def test_the_random_records_never_contradict_themselves(kind, table):
    """Contradictions are the loader's business, not a verdict: the random records avoid them."""
    from yingsu_training.loaders import coerce_frame
    frame = random_records(kind, 5_000, as_of=date(2025, 10, 9), seed=3, required=True)
    assert len(coerce_frame(frame, table)) == len(frame)


# flags that count as false when missing (the 4.2 triggers, the justified absence of 4.2 and
# the 12.2 input)
FALSE_WHEN_MISSING = {"major_public_interest", "high_social_attention", "mass_incident_risk",
                      "court_requested_head", "head_absence_justified", "accountability_referred"}


def _fill_unknowns(kind: str, frame: pd.DataFrame, seed: int) -> pd.DataFrame:
    """The same records with every unknown fact filled in at random (facts whose absence means
    something — event dates, the false-when-missing flags, a decision not yet made — stay)."""
    from yingsu_training.schema import TABLE_FOR_RECORD
    rng = np.random.default_rng(seed)
    out = frame.copy()
    n = len(out)
    for col in TABLE_FOR_RECORD[kind].columns:
        s = out[col.name]
        gap = s.isna().to_numpy()
        if col.kind == "bool" and col.name not in FALSE_WHEN_MISSING:
            values = rng.random(n) < 0.5
            if col.name == "head_appeared":       # a recorded role means the head appeared
                values |= out["head_role"].notna().to_numpy()
            out[col.name] = s.where(~gap, pd.array(values, dtype="boolean"))
        elif col.kind == "int" and col.name != "year":
            out[col.name] = s.where(~gap, pd.array(rng.integers(0, 5, n), dtype="Int64"))
    if kind == "case":
        decided = out["decision_served_on"].notna() & out["decision_kind"].isna()
        kinds = pd.Categorical.from_codes(rng.integers(0, 10, n), dtype=out["decision_kind"].dtype)
        out["decision_kind"] = out["decision_kind"].where(~decided, pd.Series(kinds, index=out.index))
    if kind == "agency_year":
        first = out["statistics_reported_on"].dt.year.fillna(2026).astype(int)
        out["year"] = out["year"].fillna(pd.Series(np.minimum(first, 2025), index=out.index))
    return out


@pytest.mark.parametrize("kind,as_of", [("case", date(2025, 10, 9)), ("case", date(2026, 2, 24)),
                                        ("suggestion", date(2025, 10, 9)),
                                        ("agency_year", date(2026, 1, 1))])
def test_filling_in_missing_facts_never_changes_a_verdict_that_did_not_depend_on_them(kind, as_of):
    frame = random_records(kind, 20_000, as_of=as_of, seed=17)
    before = check(frame, kind, as_of=as_of, explain=False)
    after = check(_fill_unknowns(kind, frame, seed=18), kind, as_of=as_of, explain=False)
    # 12.2 is left out on purpose: the contract makes its inputs count as false when missing,
    # so a 4.3 verdict decided by filling in can make 12.2 apply where it did not
    decided = ((before["status"] != "insufficient_data") & (before["obligation_id"] != "12.2")).to_numpy()
    changed = decided & (before["status"].to_numpy() != after["status"].to_numpy())
    assert not changed.any(), before[changed].head().to_string()
    # and filling in does decide most of what was undecided
    assert (after["status"] == "insufficient_data").sum() < (before["status"] == "insufficient_data").sum()


TEXT_PLAN = [("case", 3_000, date(2025, 10, 9)), ("case", 3_000, date(2026, 2, 24)),
             ("suggestion", 2_000, date(2025, 10, 9)), ("agency_year", 2_000, date(2026, 1, 1)),
             # periods that started before 法释〔2018〕1号 (2018-02-08) and before 2015-05-01: the
             # source names the period rule of their day
             ("case", 1_000, date(2018, 3, 1)), ("case", 1_000, date(2015, 5, 20)),
             ("suggestion", 1_000, date(2018, 3, 1))]


@pytest.mark.parametrize("kind,n,as_of", TEXT_PLAN, ids=[f"{k}-{n}-{d}" for k, n, d in TEXT_PLAN])
def test_the_explanations_say_what_the_per_record_oracle_says(kind, n, as_of):
    """Every sentence the vectorised rules give — reasons, missing facts, deadlines — is the
    sentence the oracle writes from its own verdict, on random records with missing facts."""
    frame = random_records(kind, n, as_of=as_of, seed=zlib.crc32(f"text{kind}{as_of}".encode()))
    texts = check(frame, kind, as_of=as_of)["explanation"].tolist()
    k = len(ref.CLAUSES[kind])
    problems = []
    for i, record in enumerate(frame.to_dict("records")):
        for j, v in enumerate(ref.check_record(ref.normalise(record, kind), kind, as_of).values()):
            want = ref.explanation_text(v, kind, as_of)
            if texts[i * k + j] != want:
                problems.append(f"record {i} rule {v.clause_id}:\n  vectorised: {texts[i * k + j]}"
                                f"\n  oracle:     {want}")
    assert not problems, f"{len(problems)} differ, first: {problems[0]}"
