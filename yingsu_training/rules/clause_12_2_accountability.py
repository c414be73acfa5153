"""Clause 12.2 — 十二（二）严格落实行政应诉责任追究制度.

Legal basis: 行政诉讼法第九十六条; 行政机关公务员处分条例第二十条
(catalogue.obligations()["12.2"].legal_basis).

Rule: applies when the case violates 2.2, or 4.3, or 6.1 by non-performance (performed after
``performance_due_on``, or not performed once it has passed); violation when not
``accountability_referred``. The inputs count as false when missing: a 2.2/4.3 verdict of
insufficient_data is not a violation, and a missing ``accountability_referred`` is "not
referred". 12.2 therefore never gives insufficient_data.
"""
from __future__ import annotations

import numpy as np

from ._base import Facts, RuleResult, Tri, never, with_clause_text
from .clause_6_1_perform_decisions import non_performance

CLAUSE_ID = "12.2"
RECORD = "case"
DEPENDS_ON = ("2.2", "4.3", "6.1")
READS = ("accountability_referred", "performance_due_on", "performed_on")


def check(facts: Facts, as_of: np.datetime64, prior: dict) -> RuleResult:
    a = prior["2.2"].status_codes() == 1
    a |= prior["4.3"].status_codes() == 1
    a |= non_performance(facts, as_of)
    return RuleResult(applies=Tri.known(a),
                      violation=Tri.known(~facts.flag_or_false("accountability_referred")),
                      pending=never(facts.n))


__doc__ = with_clause_text(__doc__, CLAUSE_ID)
