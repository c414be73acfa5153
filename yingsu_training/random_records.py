"""Fast random records of all three kinds, for the differential test and the benchmark.

Not realistic (that is ``generator``): every branch of every rule is meant to be hit often —
dates fall around the check date and around each deadline, flags are true, false or missing,
counts run 0–3 or are missing, decision kinds include rulings, remake judgments and blanks.
Records never contradict themselves the way the loader rejects (``loaders.DATE_ORDER_RULES``;
``head_role`` only when ``head_appeared``; a posting date never after its arrival date;
``head_absence_justified`` never true for a head who appeared; statistics not reported before their year began;
counts ≥ 0), and every period ends in a year the calendar knows as long as ``as_of`` is at least
eight months before the end of the calendar's last year.
"""
from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from .schema import AGENCIES, CASES, DECISION_KINDS, HEAD_ROLES, SUGGESTIONS, Table, dtype_for

__all__ = ["random_cases", "random_suggestions", "random_agencies", "random_records"]


class _Maker:
    def __init__(self, n: int, as_of, seed, missing: float):
        self.n = n
        self.rng = np.random.default_rng(seed)
        self.as_of = np.datetime64(pd.Timestamp(as_of).date(), "D")
        self.missing = missing

    def chance(self, p: float) -> np.ndarray:
        return self.rng.random(self.n) < p

    def flag(self, p_true: float = 0.5, missing: float | None = None) -> pd.arrays.BooleanArray:
        m = self.missing if missing is None else missing
        values = self.chance(p_true)
        return pd.arrays.BooleanArray(values, self.chance(m))

    def count(self, high: int = 3, p_zero: float = 0.3, missing: float | None = None):
        m = self.missing if missing is None else missing
        values = np.where(self.chance(p_zero), 0, self.rng.integers(0, high + 1, self.n))
        return pd.arrays.IntegerArray(values.astype(np.int64), self.chance(m))

    def after(self, base: np.ndarray, low: int, high: int, present: float) -> np.ndarray:
        """base + U(low, high) days where present (and base known), else NaT."""
        d = base + self.rng.integers(low, high + 1, self.n).astype("timedelta64[D]")
        keep = self.chance(present) & ~np.isnat(base)
        return np.where(keep, d, np.datetime64("NaT"))

    def ids(self, prefix: str) -> pd.arrays.StringArray:
        width = len(str(self.n))
        return pd.array([f"{prefix}{i:0{width}d}" for i in range(self.n)], dtype="string")

    def choice(self, options, present: float = 1.0) -> np.ndarray:
        codes = self.rng.integers(0, len(options), self.n)
        return np.where(self.chance(present), codes, -1)


def _frame(table: Table, columns: dict) -> pd.DataFrame:
    out = {}
    for col in table.columns:
        v = columns[col.name]
        if col.kind == "date":
            out[col.name] = np.asarray(v, dtype="datetime64[D]").astype("datetime64[ns]")
        elif col.kind == "enum":
            out[col.name] = pd.Categorical.from_codes(v, dtype=dtype_for(col))
        else:
            out[col.name] = v
    return pd.DataFrame(out)


def random_cases(n: int, as_of=date(2025, 10, 9), seed=0, missing: float = 0.12,
                 required: bool = False) -> pd.DataFrame:
    """``n`` random cases typed as the loaders return them."""
    m = _Maker(n, as_of, seed, missing)
    rng = m.rng
    near = rng.integers(0, 45, n)                 # around the 15-day deadline
    far = rng.integers(0, 400, n)
    complaint = m.as_of - np.where(m.chance(0.7), near, far).astype("timedelta64[D]")
    complaint = np.where(m.chance(0 if required else missing / 4), np.datetime64("NaT"), complaint)
    base = np.where(np.isnat(complaint), m.as_of - 30, complaint)   # for later dates
    head = m.flag(0.5)
    head_known = ~head.isna()
    head_true = head.to_numpy(dtype=bool, na_value=False) & head_known
    # a role is recorded for most heads who appeared, and sometimes when head_appeared is empty
    head_role = np.where(head_true | (~head_known & m.chance(0.5)),
                         m.choice(HEAD_ROLES, present=0.8), -1)
    kind_weights = np.array([3, 2, 3, 1, 1, 1, 1, 1, 1, 3], dtype=float)
    kinds = rng.choice(len(DECISION_KINDS), n, p=kind_weights / kind_weights.sum())
    kinds = np.where(m.chance(0.65), kinds, -1)
    # posted filings: the posting date never after the arrival date (a loader error)
    defence = m.after(base, 0, 25, 0.75)
    evidence = m.after(base, 0, 40, 0.7)
    defence_posted = m.after(base, 0, 25, 0.3)
    evidence_posted = m.after(base, 0, 40, 0.3)
    defence_posted = np.where(~np.isnat(defence) & (defence_posted > defence), defence, defence_posted)
    evidence_posted = np.where(~np.isnat(evidence) & (evidence_posted > evidence), evidence, evidence_posted)
    justified = m.flag(0.4)
    justified = pd.arrays.BooleanArray(justified.to_numpy(dtype=bool, na_value=False) & ~head_true,
                                       np.asarray(justified.isna()))
    served = m.after(base, 20, 150, 0.6)
    appeal_base = np.where(np.isnat(served), base + 40, served)
    columns = {
        "case_id": m.ids("R"),
        "agency": pd.array(np.array(["重庆市某区人民政府", "重庆市某局", "某区规划和自然资源局"])[rng.integers(0, 3, n)],
                           dtype="string"),
        "district": pd.array(np.array(["渝中区", "江北区", "市级"])[rng.integers(0, 3, n)], dtype="string"),
        "case_type": pd.array(np.array(["行政处罚", "征收补偿", "政府信息公开"])[rng.integers(0, 3, n)],
                              dtype="string"),
        "complaint_received_on": complaint,
        "defence_submitted_on": defence,
        "defence_posted_on": defence_posted,
        "evidence_submitted_on": evidence,
        "evidence_posted_on": evidence_posted,
        "evidence_list_submitted": m.flag(0.7),
        "evidence_extension_until": m.after(base, 5, 45, 0.2),
        "confidential_evidence": m.flag(0.3),
        "confidential_marked": m.flag(0.5),
        "interference_recorded": m.flag(0.1),
        "hearing_on": m.after(base, 20, 90, 0.6),
        "major_public_interest": m.flag(0.2),
        "high_social_attention": m.flag(0.2),
        "mass_incident_risk": m.flag(0.1),
        "court_requested_head": m.flag(0.2),
        "head_appeared": head,
        "head_absence_justified": justified,
        "head_role": head_role,
        "staff_appeared": m.count(),
        "lawyers_appeared": m.count(),
        "absent_without_cause": m.flag(0.08),
        "left_without_permission": m.flag(0.05),
        "withdrawal_improperly_induced": m.flag(0.05),
        "decision_kind": kinds,
        "decision_served_on": served,
        "appeal_filed_on": m.after(appeal_base, 0, 20, 0.35),
        "performance_due_on": m.after(appeal_base, 10, 90, 0.4),
        "performed_on": m.after(appeal_base, 0, 120, 0.4),
        "remade_same_act": m.flag(0.4),
        "revoked_for_procedure_or_law": m.flag(0.4),
        "reconsideration_upheld": m.flag(0.3),
        "review_organ_proved_procedure": m.flag(0.6),
        "accountability_referred": m.flag(0.4),
    }
    return _frame(CASES, columns)


def random_suggestions(n: int, as_of=date(2025, 10, 9), seed=0, missing: float = 0.12,
                       required: bool = False) -> pd.DataFrame:
    m = _Maker(n, as_of, seed, missing)
    received = m.as_of - m.rng.integers(0, 150, n).astype("timedelta64[D]")
    received = np.where(m.chance(0 if required else missing / 4), np.datetime64("NaT"), received)
    base = np.where(np.isnat(received), m.as_of - 60, received)
    columns = {
        "suggestion_id": m.ids("S"),
        "agency": pd.array(np.array(["重庆市某局", "某区人民政府"])[m.rng.integers(0, 2, n)], dtype="string"),
        "received_on": received,
        "replied_on": m.after(base, 0, 100, 0.6),
        "copied_to_legal_office": m.flag(0.7),
        "case_id": pd.array([None] * n, dtype="string"),
    }
    return _frame(SUGGESTIONS, columns)


def random_agencies(n: int, as_of=date(2025, 10, 9), seed=0, missing: float = 0.12,
                    required: bool = False) -> pd.DataFrame:
    m = _Maker(n, as_of, seed, missing)
    this_year = pd.Timestamp(as_of).year
    years = this_year + m.rng.integers(-2, 2, n)
    year_missing = m.chance(0 if required else missing / 4)
    starts = (years - 1970).astype("datetime64[Y]").astype("datetime64[D]")
    columns = {
        "agency": m.ids("机关"),
        "year": pd.arrays.IntegerArray(years.astype(np.int64), year_missing),
        "trainings_held": m.count(3, p_zero=0.4),
        "funding_in_budget": m.flag(0.7),
        "statistics_reported_on": m.after(starts, 0, 420, 0.7),
        "included_in_annual_report": m.flag(0.7),
        "in_assessment": m.flag(0.7),
    }
    return _frame(AGENCIES, columns)


def random_records(kind: str, n: int, as_of=date(2025, 10, 9), seed=0, missing: float = 0.12,
                   required: bool = False):
    """``kind`` = case / suggestion / agency_year. ``required=True``: the columns the loader
    requires (complaint or received date, year) are never empty, so the records can be saved
    and loaded back."""
    make = {"case": random_cases, "suggestion": random_suggestions, "agency_year": random_agencies}[kind]
    return make(n, as_of=as_of, seed=seed, missing=missing, required=required)
