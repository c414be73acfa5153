"""Clause 3.2 — 三（二）不得超期答辩举证.

Legal basis: 行政诉讼法第六十七条第一款 (15 days; 10 days under the 1989 law for a complaint copy
received before 2015-05-01, 法释〔2002〕21号第一条第一款), 第三十四条第二款, 第三十六条第一款
(court-approved extension), 法释〔2018〕1号第四十八条 (computing periods; 第四款: a filing posted
before the period ends is in time) (catalogue.obligations()["3.2"].legal_basis).

Rule: D = period(``complaint_received_on``, defence_period_days in force on that day); E =
max(D, ``evidence_extension_until``). A submission's date is its posting date
(``defence_posted_on`` / ``evidence_posted_on``) where one is given, else the date it was
submitted; a posted submission has been made even when its arrival date is empty. Violation:
defence after D, evidence after E, or either not made while ``as_of`` > its deadline. Pending: a
submission not made and ``as_of`` ≤ its deadline. A missing ``complaint_received_on`` leaves
both deadlines unknown: insufficient_data. ``due``: E when the defence was made on time and
E > D (only the evidence deadline is still open), else D.
"""
from __future__ import annotations

import numpy as np

from ._base import Facts, RuleResult, Tri, always, deadlines, parameter_on, with_clause_text

CLAUSE_ID = "3.2"
RECORD = "case"
READS = ("complaint_received_on", "defence_submitted_on", "defence_posted_on",
         "evidence_submitted_on", "evidence_posted_on", "evidence_extension_until")


def submission(facts: Facts, what: str) -> tuple[np.ndarray, np.ndarray]:
    """(date that counts, made) of the defence or the evidence: the posting date where given
    (法释〔2018〕1号第四十八条第四款), else the submission date."""
    posted, submitted = facts.date(f"{what}_posted_on"), facts.date(f"{what}_submitted_on")
    has_posted = facts.present(f"{what}_posted_on")
    return (np.where(has_posted, posted, submitted),
            has_posted | facts.present(f"{what}_submitted_on"))


def check(facts: Facts, as_of: np.datetime64, prior: dict) -> RuleResult:
    received = facts.date("complaint_received_on")
    known = ~np.isnat(received)
    d = deadlines(received, parameter_on("defence_period_days", received))
    ext = facts.date("evidence_extension_until")
    e = np.where(~np.isnat(ext) & (ext > d), ext, d)
    defence, has_def = submission(facts, "defence")
    evidence, has_evi = submission(facts, "evidence")
    late = ((has_def & (defence > d)) | (has_evi & (evidence > e))
            | (~has_def & (as_of > d)) | (~has_evi & (as_of > e)))
    waiting = (~has_def & (as_of <= d)) | (~has_evi & (as_of <= e))
    due = np.where(has_def & (defence <= d) & (e > d), e, d)
    return RuleResult(applies=always(facts.n), violation=Tri.where_known(late, known),
                      pending=Tri.where_known(waiting, known), due=due)


__doc__ = with_clause_text(__doc__, CLAUSE_ID)
