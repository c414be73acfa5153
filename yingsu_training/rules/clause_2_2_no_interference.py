"""Clause 2.2 — 二（二）不得干预行政案件的受理和审理.

Legal basis: 行政诉讼法第三条第二款 (catalogue.obligations()["2.2"].legal_basis).

Rule (docs/data-contract.md §3): applies to every case; violation when
``interference_recorded``; missing → insufficient_data.
"""
from __future__ import annotations

import numpy as np

from ._base import Facts, RuleResult, always, never, with_clause_text

CLAUSE_ID = "2.2"
RECORD = "case"
READS = ("interference_recorded",)


def check(facts: Facts, as_of: np.datetime64, prior: dict) -> RuleResult:
    return RuleResult(applies=always(facts.n), violation=facts.flag("interference_recorded"),
                      pending=never(facts.n))


__doc__ = with_clause_text(__doc__, CLAUSE_ID)
