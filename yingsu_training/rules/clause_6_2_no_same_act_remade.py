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

from ..schema import Status
from ._base import Blank, Facts, RuleResult, Tri, never, with_clause_text
from ._reasons import Reason

CLAUSE_ID = "6.2"
RECORD = "case"
REMAKE_KIND = "判决撤销并责令重作"
READS = {"decision_kind": Blank.DECISION, "decision_served_on": Blank.EVENT,
         "remade_same_act": Blank.FLAG, "revoked_for_procedure_or_law": Blank.FLAG}
#: an unknown decision kind of a decision that was served: the kind this rule is about, or not
DECISION_DOMAIN = (REMAKE_KIND, "判决驳回诉讼请求")


def check(facts: Facts, as_of: np.datetime64, prior: dict) -> RuleResult:
    kind_known = facts.present("decision_kind")
    remake = facts.category_is("decision_kind", [REMAKE_KIND])
    unknown = ~kind_known & facts.present("decision_served_on")
    applies = Tri(remake, ~remake & ~unknown)
    violation = facts.flag("remade_same_act") & ~facts.flag("revoked_for_procedure_or_law")
    return RuleResult(applies=applies, violation=violation, pending=never(facts.n))


def reasons(facts: Facts, as_of: np.datetime64, status: np.ndarray, prior: dict):
    kind = facts.frame["decision_kind"]
    known = kind.notna().to_numpy()
    remake = facts.category_is("decision_kind", [REMAKE_KIND])
    remade = facts.flag_or_false("remade_same_act")
    f = {"kind": kind.astype(object).to_numpy()}
    return [
        Reason("other_kind", known & ~remake, "裁判类型为{kind}，不是判决撤销并责令重作", f),
        Reason("no_decision", ~known, "尚无一审裁判"),
        Reason("remade", status == Status.VIOLATION,
               "法院判决撤销并责令重作后，以同一事实和理由重新作出了与原行为基本相同的行为"),
        Reason("remade_allowed", (status == Status.COMPLIANT) & remade,
               "重作了基本相同的行为，但原行为系因程序违法或法律适用问题被撤销，不受限制"),
        Reason("not_remade", (status == Status.COMPLIANT) & ~remade, "未以同一事实和理由重作基本相同的行为"),
    ], []


__doc__ = with_clause_text(__doc__, CLAUSE_ID, "clause_6_2_no_same_act_remade.cases.yaml")
