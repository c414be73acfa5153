"""Clause 5.2 — 五（二）积极协助人民法院开展调解.

Legal basis: 行政诉讼法第六十条第一款, 第六十二条 (catalogue.obligations()["5.2"].legal_basis).

Rule: applies to every case; violation when ``withdrawal_improperly_induced``.
"""
from __future__ import annotations

import numpy as np

from ..schema import Status
from ._base import Blank, Facts, RuleResult, always, never, with_clause_text
from ._reasons import Reason

CLAUSE_ID = "5.2"
RECORD = "case"
READS = {"withdrawal_improperly_induced": Blank.FLAG}


def check(facts: Facts, as_of: np.datetime64, prior: dict) -> RuleResult:
    return RuleResult(applies=always(facts.n),
                      violation=facts.flag("withdrawal_improperly_induced"),
                      pending=never(facts.n))


def reasons(facts: Facts, as_of: np.datetime64, status: np.ndarray, prior: dict):
    return [Reason("induced", status == Status.VIOLATION, "以欺骗、胁迫等手段使原告撤诉"),
            Reason("none", status == Status.COMPLIANT, "未记录以欺骗、胁迫等手段使原告撤诉")], []


__doc__ = with_clause_text(__doc__, CLAUSE_ID, "clause_5_2_no_improper_withdrawal.cases.yaml")
