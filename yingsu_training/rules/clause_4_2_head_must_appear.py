"""Clause 4.2 — 四（二）积极履行出庭应诉职责.

Legal basis: 行政诉讼法第三条第三款; 法释〔2018〕1号第一百二十九条 (cases where the head must
appear); 行政诉讼法第三十一条 and 法释〔2018〕1号第一百二十八条第一款 (one or two further agents)
(catalogue.obligations()["4.2"].legal_basis).

Rule: applies when ``hearing_on`` is present and any trigger (``major_public_interest``,
``high_social_attention``, ``mass_incident_risk``, ``court_requested_head``; missing counts as
false) holds. Violation: not ``head_appeared`` and not ``head_absence_justified`` (a justified
absence with the sealed explanation filed, 法释〔2018〕1号第一百二十九条第三款; missing counts as
false: no explanation filed); or ``head_appeared`` with ``staff_appeared`` + ``lawyers_appeared``
> max_agents_with_head. Since ``not h or (h and X)`` equals ``not h or X``, a known excess of
agents is a violation even if ``head_appeared`` is missing; with a justified absence the
violation is ``h and X`` (the excess rule is the only one left, and it binds a head who
appeared). ``head_absence_justified`` is always known, so each branch is exact Kleene logic. An empty
``head_appeared`` with a recorded ``head_role`` means the head appeared (the role is recorded
only for a head who appeared).
"""
from __future__ import annotations

import numpy as np

from ._base import Facts, RuleResult, Tri, head_appeared, never, parameter_on, with_clause_text

CLAUSE_ID = "4.2"
RECORD = "case"
TRIGGERS = ("major_public_interest", "high_social_attention", "mass_incident_risk",
            "court_requested_head")
READS = ("hearing_on", *TRIGGERS, "head_appeared", "head_absence_justified", "head_role",
         "staff_appeared", "lawyers_appeared")


def too_many_agents(facts: Facts, limit) -> Tri:
    """staff + lawyers > limit, three-valued (a missing count can be any number ≥ 0)."""
    staff, staff_known = facts.count("staff_appeared")
    lawyers, lawyers_known = facts.count("lawyers_appeared")
    both = staff_known & lawyers_known
    total_over = staff + lawyers > limit          # missing counts are 0 here: a lower bound
    t = total_over                                # a lower bound already over the limit
    f = both & ~total_over
    return Tri(t, f)


def check(facts: Facts, as_of: np.datetime64, prior: dict) -> RuleResult:
    hearing = facts.present("hearing_on")
    triggered = np.zeros(facts.n, dtype=bool)
    for name in TRIGGERS:
        triggered |= facts.flag_or_false(name)
    limit = parameter_on("max_agents_with_head", facts.date("hearing_on"))
    head = head_appeared(facts)
    excess = too_many_agents(facts, limit)
    justified = facts.flag_or_false("head_absence_justified")
    unexcused, excused = ~head | excess, head & excess
    violation = Tri(np.where(justified, excused.t, unexcused.t),
                    np.where(justified, excused.f, unexcused.f))
    return RuleResult(applies=Tri.known(hearing & triggered), violation=violation,
                      pending=never(facts.n))


__doc__ = with_clause_text(__doc__, CLAUSE_ID)
