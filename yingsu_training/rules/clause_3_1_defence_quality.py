"""Clause 3.1 — 三（一）提高答辩举证工作质量.

Legal basis: 行政诉讼法第三十四条第一款; 法释〔2018〕1号第三十四条至第三十六条
(catalogue.obligations()["3.1"].legal_basis).

Rule: applies to every case; violation when (``confidential_evidence`` and not
``confidential_marked``) or (``evidence_submitted_on`` present and ``evidence_list_submitted``
is false). Each flag is read once, so Kleene logic is exact: a missing flag gives
insufficient_data only when the other facts do not already decide.
"""
from __future__ import annotations

import numpy as np

from ._base import Facts, RuleResult, Tri, always, never, with_clause_text

CLAUSE_ID = "3.1"
RECORD = "case"
READS = ("confidential_evidence", "confidential_marked", "evidence_submitted_on",
         "evidence_list_submitted")


def check(facts: Facts, as_of: np.datetime64, prior: dict) -> RuleResult:
    unmarked = facts.flag("confidential_evidence") & ~facts.flag("confidential_marked")
    no_list = Tri.known(facts.present("evidence_submitted_on")) & ~facts.flag("evidence_list_submitted")
    return RuleResult(applies=always(facts.n), violation=unmarked | no_list, pending=never(facts.n))


__doc__ = with_clause_text(__doc__, CLAUSE_ID)
