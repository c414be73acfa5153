"""Clause 12.2 — 十二（二）严格落实行政应诉责任追究制度.

Legal basis: 行政诉讼法第九十六条; 行政机关公务员处分条例第十九条第（四）项
(catalogue.obligations()["12.2"].legal_basis).

Rule: applies when the case violates 2.2, or 4.3, or 6.1 by non-performance (performed after
``performance_due_on``, or not performed once it has passed); violation when not
``accountability_referred``. The inputs count as false when missing: a 2.2/4.3 verdict of
insufficient_data is not a violation, and a missing ``accountability_referred`` is "not
referred". 12.2 therefore never gives insufficient_data.
"""
from __future__ import annotations

import numpy as np

from ..schema import Status
from ._base import Blank, Facts, RuleResult, Tri, never, with_clause_text
from ._reasons import Reason
from .clause_6_1_perform_decisions import non_performance, performance_reasons

CLAUSE_ID = "12.2"
RECORD = "case"
DEPENDS_ON = ("2.2", "4.3", "6.1")
READS = {"accountability_referred": Blank.FLAG_OR_FALSE, "performance_due_on": Blank.EVENT,
         "performed_on": Blank.EVENT}


def check(facts: Facts, as_of: np.datetime64, prior: dict) -> RuleResult:
    a = prior["2.2"].status_codes() == Status.VIOLATION
    a |= prior["4.3"].status_codes() == Status.VIOLATION
    a |= non_performance(facts, as_of)
    return RuleResult(applies=Tri.known(a),
                      violation=Tri.known(~facts.flag_or_false("accountability_referred")),
                      pending=never(facts.n))


def reasons(facts: Facts, as_of: np.datetime64, status: np.ndarray, prior: dict):
    referred = facts.flag_or_false("accountability_referred")
    applies = status != Status.NOT_APPLICABLE
    return [
        Reason("interfered", prior["2.2"].status_codes() == Status.VIOLATION,
               "存在干预法院受理、审理的行为（违反二（二））"),
        Reason("absent", prior["4.3"].status_codes() == Status.VIOLATION,
               "存在不依法出庭应诉的情形（违反四（三））"),
        *performance_reasons(facts, as_of, late_only=True, suffix="（违反六（一））"),
        Reason("none", ~applies, "未发现干预审判、不依法出庭或不履行生效裁判的情形"),
        Reason("referred", applies & referred, "已移送追究责任"),
        Reason("not_referred", applies & ~referred, "未移送追究责任"),
    ], []


__doc__ = with_clause_text(__doc__, CLAUSE_ID, "clause_12_2_accountability.cases.yaml")
