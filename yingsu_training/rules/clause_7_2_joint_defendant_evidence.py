"""Clause 7.2 — 七（二）明确共同被告应诉举证的责任分工.

Legal basis: 行政诉讼法第二十六条第二款; 法释〔2018〕1号第一百三十五条第二款
(catalogue.obligations()["7.2"].legal_basis).

Rule: applies when ``reconsideration_upheld``; violation when not
``review_organ_proved_procedure``. A missing ``reconsideration_upheld`` is unknown (only the
4.2 triggers and the 12.2 inputs count as false when missing): insufficient_data.
"""
from __future__ import annotations

import numpy as np

from ..schema import Status
from ._base import Blank, Facts, RuleResult, never, with_clause_text
from ._reasons import Reason

CLAUSE_ID = "7.2"
RECORD = "case"
READS = {"reconsideration_upheld": Blank.FLAG, "review_organ_proved_procedure": Blank.FLAG}


def check(facts: Facts, as_of: np.datetime64, prior: dict) -> RuleResult:
    return RuleResult(applies=facts.flag("reconsideration_upheld"),
                      violation=~facts.flag("review_organ_proved_procedure"),
                      pending=never(facts.n))


def reasons(facts: Facts, as_of: np.datetime64, status: np.ndarray, prior: dict):
    return [Reason("not_joint", status == Status.NOT_APPLICABLE, "不是复议维持的共同被告案件"),
            Reason("unproved", status == Status.VIOLATION,
                   "复议机关维持原行为、成为共同被告，但未对复议程序的合法性举证"),
            Reason("proved", status == Status.COMPLIANT, "复议机关已对复议程序的合法性举证")], []


__doc__ = with_clause_text(__doc__, CLAUSE_ID, "clause_7_2_joint_defendant_evidence.cases.yaml")
