"""Clause 4.3 — 四（三）严禁不依法出庭应诉.

Legal basis: 行政诉讼法第三条第三款; 法释〔2018〕1号第一百二十八条第二款 (no lawyer-only defence);
行政诉讼法第五十八条 (refusing to appear, leaving without permission)
(catalogue.obligations()["4.3"].legal_basis).

Rule: applies when ``hearing_on`` is present. Violation: ``absent_without_cause``, or
``left_without_permission``, or (not ``head_appeared`` and ``staff_appeared`` = 0) — the last
covers a lawyer-only defence. Each fact is read once, so Kleene logic is exact. An empty
``head_appeared`` with a recorded ``head_role`` means the head appeared.
"""
from __future__ import annotations

import numpy as np

from ..schema import Status
from ._base import Blank, Facts, RuleResult, Tri, head_appeared, never, with_clause_text
from ._reasons import Reason

CLAUSE_ID = "4.3"
RECORD = "case"
#: the law of the hearing day applies (the source names only the texts then in force)
LAW_ON = "hearing_on"
#: the facts the verdict and its reasons depend on and what an empty cell of each means
READS = {"hearing_on": Blank.EVENT, "absent_without_cause": Blank.FLAG,
         "left_without_permission": Blank.FLAG, "head_appeared": Blank.HEAD,
         "staff_appeared": Blank.COUNT, "lawyers_appeared": Blank.COUNT}
#: read through ``head_appeared`` (a recorded role means the head appeared)
ALSO_READS = ("head_role",)


def check(facts: Facts, as_of: np.datetime64, prior: dict) -> RuleResult:
    staff, staff_known = facts.count("staff_appeared")
    no_staff = Tri.where_known(staff == 0, staff_known)
    violation = (facts.flag("absent_without_cause") | facts.flag("left_without_permission")
                 | (~head_appeared(facts) & no_staff))
    return RuleResult(applies=Tri.known(facts.present("hearing_on")), violation=violation,
                      pending=never(facts.n))


def reasons(facts: Facts, as_of: np.datetime64, status: np.ndarray, prior: dict):
    from .clause_4_2_head_must_appear import head_words
    hearing = facts.date("hearing_on")
    held = ~np.isnat(hearing)
    head = head_appeared(facts).t
    staff, _ = facts.count("staff_appeared")
    lawyers, _ = facts.count("lawyers_appeared")
    alone = held & ~head & (staff == 0)
    f = {"hearing": hearing, "head": head_words(facts), "staff": staff, "lawyers": lawyers}
    return [
        Reason("no_hearing", ~held, "尚未开庭"),
        Reason("absent", held & facts.flag_or_false("absent_without_cause"), "经传唤无正当理由拒不到庭"),
        Reason("left", held & facts.flag_or_false("left_without_permission"), "未经法庭许可中途退庭"),
        Reason("nobody", alone, ("负责人未出庭，也没有相应的工作人员出庭",
                                 "负责人未出庭，也没有相应的工作人员出庭（仅委托律师{lawyers}名）"),
               f, choice=(lawyers > 0).astype(np.int8)),
        Reason("appeared", status == Status.COMPLIANT,
               ("{hearing}开庭，负责人未出庭，委托相应的工作人员{staff}名出庭", "{hearing}开庭，{head}出庭"),
               f, choice=head.astype(np.int8)),
    ], []


__doc__ = with_clause_text(__doc__, CLAUSE_ID, "clause_4_3_no_unlawful_absence.cases.yaml")
