"""Clause 9.1 — 九（一）落实行政应诉工作经费.

Legal basis: the opinion 九（一） (catalogue.obligations()["9.1"].legal_basis).

Rule (per agency and year): violation when not ``funding_in_budget``.
"""
from __future__ import annotations

import numpy as np

from ._base import Facts, RuleResult, always, never, with_clause_text

CLAUSE_ID = "9.1"
RECORD = "agency_year"
READS = ("funding_in_budget",)


def check(facts: Facts, as_of: np.datetime64, prior: dict) -> RuleResult:
    return RuleResult(applies=always(facts.n), violation=~facts.flag("funding_in_budget"),
                      pending=never(facts.n))


__doc__ = with_clause_text(__doc__, CLAUSE_ID)
