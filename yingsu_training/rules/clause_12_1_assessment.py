"""Clause 12.1 — 十二（一）加强行政应诉工作考核.

Legal basis: the opinion 十二（一） (catalogue.obligations()["12.1"].legal_basis).

Rule (per agency and year): violation when not ``in_assessment``.
"""
from __future__ import annotations

import numpy as np

from ..schema import Status
from ._base import Blank, Facts, RuleResult, always, never, with_clause_text
from ._reasons import Reason

CLAUSE_ID = "12.1"
RECORD = "agency_year"
READS = {"in_assessment": Blank.FLAG}


def check(facts: Facts, as_of: np.datetime64, prior: dict) -> RuleResult:
    return RuleResult(applies=always(facts.n), violation=~facts.flag("in_assessment"),
                      pending=never(facts.n))


def reasons(facts: Facts, as_of: np.datetime64, status: np.ndarray, prior: dict):
    return [Reason("assessed", status == Status.COMPLIANT, "应诉工作已纳入依法行政考核"),
            Reason("unassessed", status == Status.VIOLATION, "应诉工作未纳入依法行政考核")], []


__doc__ = with_clause_text(__doc__, CLAUSE_ID, "clause_12_1_assessment.cases.yaml")
