"""Clause 2.2 — 二（二）不得干预行政案件的受理和审理.

Legal basis: 行政诉讼法第三条第二款 (catalogue.obligations()["2.2"].legal_basis).

Rule (docs/data-contract.md §3): applies to every case; violation when
``interference_recorded``; missing → insufficient_data.
"""
from __future__ import annotations

import numpy as np

from ..schema import Status
from ._base import Blank, Facts, RuleResult, always, never, with_clause_text
from ._reasons import Reason

CLAUSE_ID = "2.2"
RECORD = "case"
READS = {"interference_recorded": Blank.FLAG}


def check(facts: Facts, as_of: np.datetime64, prior: dict) -> RuleResult:
    return RuleResult(applies=always(facts.n), violation=facts.flag("interference_recorded"),
                      pending=never(facts.n))


def reasons(facts: Facts, as_of: np.datetime64, status: np.ndarray, prior: dict):
    return [Reason("interfered", status == Status.VIOLATION,
                   "记录有以协调会、发文件或口头要求等形式干预法院受理、审理的行为"),
            Reason("none", status == Status.COMPLIANT, "未记录干预法院受理、审理的行为")], []


__doc__ = with_clause_text(__doc__, CLAUSE_ID, "clause_2_2_no_interference.cases.yaml")
