"""Clause 4.3 — 四（三）严禁不依法出庭应诉.

Legal basis: 行政诉讼法第三条第三款; 法释〔2018〕1号第一百二十八条第二款 (no lawyer-only defence);
行政诉讼法第五十八条 (refusing to appear, leaving without permission)
(catalogue.obligations()["4.3"].legal_basis).

Rule: applies when ``hearing_on`` is present. Violation: ``absent_without_cause``, or
``left_without_permission``, or (not ``head_appeared`` and ``staff_appeared`` = 0) — the last
covers a lawyer-only defence. Each fact is read once, so Kleene logic is exact. An empty
``head_appeared`` with a recorded ``head_role`` means the head appeared.
"""
from __future__ import annotations

import numpy as np

from ._base import Facts, RuleResult, Tri, head_appeared, never, with_clause_text

CLAUSE_ID = "4.3"
RECORD = "case"
READS = ("hearing_on", "absent_without_cause", "left_without_permission", "head_appeared",
         "head_role", "staff_appeared")


def check(facts: Facts, as_of: np.datetime64, prior: dict) -> RuleResult:
    staff, staff_known = facts.count("staff_appeared")
    no_staff = Tri.where_known(staff == 0, staff_known)
    violation = (facts.flag("absent_without_cause") | facts.flag("left_without_permission")
                 | (~head_appeared(facts) & no_staff))
    return RuleResult(applies=Tri.known(facts.present("hearing_on")), violation=violation,
                      pending=never(facts.n))


__doc__ = with_clause_text(__doc__, CLAUSE_ID)
