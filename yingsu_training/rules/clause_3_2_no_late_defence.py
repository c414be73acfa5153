"""Clause 3.2 — 三（二）不得超期答辩举证.

Legal basis: 行政诉讼法第六十七条第一款 (15 days), 第三十四条第二款, 第三十六条第一款 (court-approved
extension), 第八十三条 with 民事诉讼法第八十五条 (computing periods)
(catalogue.obligations()["3.2"].legal_basis).

Rule: D = period(``complaint_received_on``, defence_period_days); E = max(D,
``evidence_extension_until``). Violation: defence after D, evidence after E, or either missing
while ``as_of`` > its deadline. Pending: a submission missing and ``as_of`` ≤ its deadline.
A missing ``complaint_received_on`` leaves both deadlines unknown: insufficient_data.
``due``: E when the defence was filed on time and E > D (only the evidence deadline is still
open), else D.
"""
from __future__ import annotations

import numpy as np

from ._base import Facts, RuleResult, Tri, always, deadlines, parameter_on, with_clause_text

CLAUSE_ID = "3.2"
RECORD = "case"
READS = ("complaint_received_on", "defence_submitted_on", "evidence_submitted_on",
         "evidence_extension_until")


def check(facts: Facts, as_of: np.datetime64, prior: dict) -> RuleResult:
    received = facts.date("complaint_received_on")
    known = ~np.isnat(received)
    d = deadlines(received, parameter_on("defence_period_days", received))
    ext = facts.date("evidence_extension_until")
    e = np.where(~np.isnat(ext) & (ext > d), ext, d)
    defence = facts.date("defence_submitted_on")
    evidence = facts.date("evidence_submitted_on")
    has_def, has_evi = facts.present("defence_submitted_on"), facts.present("evidence_submitted_on")
    late = ((has_def & (defence > d)) | (has_evi & (evidence > e))
            | (~has_def & (as_of > d)) | (~has_evi & (as_of > e)))
    waiting = (~has_def & (as_of <= d)) | (~has_evi & (as_of <= e))
    due = np.where(has_def & (defence <= d) & (e > d), e, d)
    return RuleResult(applies=always(facts.n), violation=Tri.where_known(late, known),
                      pending=Tri.where_known(waiting, known), due=due)


__doc__ = with_clause_text(__doc__, CLAUSE_ID)
