"""Clause 12.1 — 十二（一）加强行政应诉工作考核.

Legal basis: the opinion 十二（一） (catalogue.obligations()["12.1"].legal_basis).

Rule (per agency and year): violation when not ``in_assessment``.
"""
from __future__ import annotations

import numpy as np

from ._base import Facts, RuleResult, always, never, with_clause_text

CLAUSE_ID = "12.1"
RECORD = "agency_year"
READS = ("in_assessment",)


def check(facts: Facts, as_of: np.datetime64, prior: dict) -> RuleResult:
    return RuleResult(applies=always(facts.n), violation=~facts.flag("in_assessment"),
                      pending=never(facts.n))


__doc__ = with_clause_text(__doc__, CLAUSE_ID)
