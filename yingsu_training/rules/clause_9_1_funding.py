"""Clause 9.1 — 九（一）落实行政应诉工作经费.

Legal basis: the opinion 九（一） (catalogue.obligations()["9.1"].legal_basis).

Rule (per agency and year): violation when not ``funding_in_budget``.
"""
from __future__ import annotations

import numpy as np

from ..schema import Status
from ._base import Blank, Facts, RuleResult, always, never, with_clause_text
from ._reasons import Reason

CLAUSE_ID = "9.1"
RECORD = "agency_year"
READS = {"funding_in_budget": Blank.FLAG}


def check(facts: Facts, as_of: np.datetime64, prior: dict) -> RuleResult:
    return RuleResult(applies=always(facts.n), violation=~facts.flag("funding_in_budget"),
                      pending=never(facts.n))


def reasons(facts: Facts, as_of: np.datetime64, status: np.ndarray, prior: dict):
    return [Reason("funded", status == Status.COMPLIANT, "应诉工作经费已列入预算"),
            Reason("unfunded", status == Status.VIOLATION, "应诉工作经费未列入预算")], []


__doc__ = with_clause_text(__doc__, CLAUSE_ID, "clause_9_1_funding.cases.yaml")
