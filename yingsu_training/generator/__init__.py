"""Synthetic 行政应诉 data with ground truth, for classes, exercises and tests.

``generate(n_cases, year, seed)`` draws a year of first-instance administrative cases against
Chongqing agencies, the judicial suggestions the agencies received and one row per agency and
year, in the contract's columns and in-memory dtypes (docs/data-contract.md §2; text columns
``agency``, ``district`` and ``case_type`` are ``category`` to save memory). Every value is
synthetic and marked so: case numbers read ``（2025）渝0112行初模拟0001号`` (模拟 never appears in a
real case number) and no person is named.

How a record is made, along a case's life (one module per stage): the complaint
(:mod:`.complaint`), the defence and evidence (:mod:`.filings`), the hearing (:mod:`.hearing`),
the decision, appeal and performance (:mod:`.decision`), the agency's other conduct
(:mod:`.conduct`); then the judicial suggestions (:mod:`.suggestions`) and the agency-years
(:mod:`.agency_years`). For each of the 15 checked rules the stage that makes its facts first
decides, with the rule's violation rate, whether the record is meant to break the duty, then
draws facts that do so (a defence filed after the 15-day period, a hearing without the head, a
reply to a judicial suggestion sent after 60 days …) on the real calendar with the legal periods
of :mod:`yingsu_training.calendar` and :mod:`yingsu_training.catalogue`. Events later than
``as_of`` have not happened yet and are left empty; a small share of facts is left empty as
"unknown" (``missing_rate``).

``.truth`` holds, for every (record, rule), the status the stage intended at ``as_of``
(:mod:`.labels`): what it meant, where the check date falls among its events, and which of its
blanks the verdict depends on. The labels are not re-derived from the tables; the tests check
them against the per-record oracle and the checker (tests/test_ground_truth.py).

Same ``seed`` → identical tables bit for bit: all randomness comes from one
``numpy.random.Generator`` drawn in a fixed order.
"""
from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from .agency_years import draw_agency_years
from .cases import draw_cases
from .dataset import SyntheticData
from .days import parameter
from .places import divisions_in_force, load_places
from .suggestions import draw_suggestions
from .truth import (AGENCY_RULES, ALL_RULES, CASE_RULES, SUGGESTION_RULES, TRUTH_ZH, truth_table,
                    truth_text)

__all__ = ["AGENCY_RULES", "ALL_RULES", "CASE_RULES", "DEFAULT_VIOLATION_RATES",
           "SUGGESTION_RULES", "SyntheticData", "TRUTH_ZH", "divisions_in_force", "generate",
           "load_places", "parameter", "truth_text"]

#: default share of records (among those the rule applies to) meant to break each rule
DEFAULT_VIOLATION_RATES: dict[str, float] = {
    "2.2": 0.01,   # interference with the court
    "3.1": 0.05,   # evidence list / confidential evidence
    "3.2": 0.08,   # late defence or evidence
    "4.2": 0.30,   # head absent in a case where the head must appear
    "4.3": 0.03,   # absent without cause, left, lawyers only
    "5.2": 0.005,  # withdrawal induced improperly
    "6.1": 0.06,   # late appeal, late or no performance
    "6.2": 0.15,   # same act re-made
    "7.2": 0.10,   # review organ did not prove its procedure
    "12.2": 0.40,  # breach not referred for accountability
    "10.1": 0.15,  # judicial suggestion reply late / missing / not copied
    "8.2": 0.10,   # no training in the year
    "9.1": 0.08,   # no funding in the budget
    "11.2": 0.12,  # statistics late / not in the annual report
    "12.1": 0.05,  # not in the assessment
}


class _Stages:
    """A tqdm progress bar over the generator's stages (or nothing)."""

    def __init__(self, total: int, enabled: bool, n: int):
        self.bar = None
        if enabled:      # tqdm.auto imports ipywidgets: only when a bar is asked for
            from tqdm.auto import tqdm
            self.bar = tqdm(total=total, desc=f"生成 {n:,} 件模拟案件", unit="步")

    def step(self, text: str) -> None:
        if self.bar is not None:
            self.bar.set_postfix_str(text)
            self.bar.update(1)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def generate(n_cases: int, year: int, seed: int, violation_rates: dict | None = None, *,
             as_of: date | str | None = None, head_appearance_rate: float = 0.45,
             joint_defendant_rate: float = 0.25, missing_rate: float = 0.01,
             progress: bool = False) -> SyntheticData:
    """Synthetic cases, judicial suggestions and agency-years for ``year``, with ground truth.

    ``violation_rates`` maps clause ids to the share of records (among those the rule applies
    to) meant to break it; missing ids keep :data:`DEFAULT_VIOLATION_RATES`. ``as_of`` is the
    check date the truth refers to (default: 31 March of the next year). ``head_appearance_rate``
    is the share of hearings the head attends where nothing requires it;
    ``joint_defendant_rate`` the share of cases after an upheld administrative review (复议维持,
    joint defendants); ``missing_rate`` the share of some facts left empty as unknown.
    """
    n = int(n_cases)
    if n < 0:
        raise ValueError("案件数不能为负数")
    rates = dict(DEFAULT_VIOLATION_RATES)
    for k, v in (violation_rates or {}).items():
        k = str(k)
        if k not in rates:
            raise ValueError(f"未知的条款编号“{k}”；可设置违反比例的条款：{'、'.join(ALL_RULES)}")
        if not 0.0 <= float(v) <= 1.0:
            raise ValueError(f"条款 {k} 的违反比例应在 0 到 1 之间，实际为 {v}")
        rates[k] = float(v)
    for name, v in (("head_appearance_rate", head_appearance_rate),
                    ("joint_defendant_rate", joint_defendant_rate), ("missing_rate", missing_rate)):
        if not 0.0 <= float(v) <= 1.0:
            raise ValueError(f"{name} 应在 0 到 1 之间，实际为 {v}")
    as_of = (date(year + 1, 3, 31) if as_of is None
             else pd.Timestamp(as_of).date())
    start = date(year, 1, 1)
    end = min(date(year, 12, 31), as_of)
    if end < start:
        raise ValueError(f"检查日 {as_of} 早于 {year} 年初，没有可生成的案件")

    rng = np.random.default_rng(seed)
    stages = _Stages(6, progress, n)
    try:
        cases, case_labels = draw_cases(n, year, start, end, as_of, rng, rates,
                                        head_appearance_rate, joint_defendant_rate, missing_rate,
                                        stages)
        suggestions, suggestion_labels = draw_suggestions(cases, year, start, end, as_of, rng,
                                                          rates, missing_rate)
        stages.step("司法建议")
        agencies, agency_labels = draw_agency_years(cases, suggestions, year, as_of, rng, rates,
                                                    missing_rate)
        stages.step("机关年度")
        truth = truth_table(cases, suggestions, agencies,
                            {"case": case_labels, "suggestion": suggestion_labels,
                             "agency_year": agency_labels})
        stages.step("标准答案")
    finally:
        stages.close()
    return SyntheticData(cases=cases, suggestions=suggestions, agencies=agencies, truth=truth,
                         as_of=as_of, year=year, seed=seed, violation_rates=rates)
