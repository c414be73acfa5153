"""Clause 6.2 — 六（二）不得拖延或者阻碍生效裁判的履行.

Legal basis: 行政诉讼法第七十一条; 法释〔2018〕1号第九十条 (catalogue.obligations()["6.2"].legal_basis).

Rule: applies when ``decision_kind`` = 判决撤销并责令重作; violation when ``remade_same_act``
and not ``revoked_for_procedure_or_law``.

An empty ``decision_kind`` means no first-instance decision has been recorded (like an empty
``hearing_on``): not applicable — unless ``decision_served_on`` is present, which shows a
decision exists whose kind is unknown: insufficient_data.
"""
from __future__ import annotations

import numpy as np

from ._base import Facts, RuleResult, Tri, never, with_clause_text

CLAUSE_ID = "6.2"
RECORD = "case"
REMAKE_KIND = "判决撤销并责令重作"
READS = ("decision_kind", "decision_served_on", "remade_same_act", "revoked_for_procedure_or_law")


def check(facts: Facts, as_of: np.datetime64, prior: dict) -> RuleResult:
    kind_known = facts.present("decision_kind")
    remake = facts.category_is("decision_kind", [REMAKE_KIND])
    unknown = ~kind_known & facts.present("decision_served_on")
    applies = Tri(remake, ~remake & ~unknown)
    violation = facts.flag("remade_same_act") & ~facts.flag("revoked_for_procedure_or_law")
    return RuleResult(applies=applies, violation=violation, pending=never(facts.n))


__doc__ = with_clause_text(__doc__, CLAUSE_ID)
