"""The checked duties of 渝府办发〔2016〕220号, one module per clause, in clause order.

==========  =========================================  ============
clause      module                                      record kind
==========  =========================================  ============
二（二）    ``clause_2_2_no_interference``              case
三（一）    ``clause_3_1_defence_quality``              case
三（二）    ``clause_3_2_no_late_defence``              case
四（二）    ``clause_4_2_head_must_appear``             case
四（三）    ``clause_4_3_no_unlawful_absence``          case
五（二）    ``clause_5_2_no_improper_withdrawal``       case
六（一）    ``clause_6_1_perform_decisions``            case
六（二）    ``clause_6_2_no_same_act_remade``           case
七（二）    ``clause_7_2_joint_defendant_evidence``     case
八（二）    ``clause_8_2_annual_training``              agency_year
九（一）    ``clause_9_1_funding``                      agency_year
十（一）    ``clause_10_1_reply_to_suggestions``        suggestion
十一（二）  ``clause_11_2_statistics_report``           agency_year
十二（一）  ``clause_12_1_assessment``                  agency_year
十二（二）  ``clause_12_2_accountability``              case
==========  =========================================  ============

Each module has ``CLAUSE_ID``, ``RECORD``, ``READS`` (the facts it reads, each with what an
empty cell means: a :class:`~._base.Blank`; the per-record oracle and the explanations use the
same declaration), ``check(facts, as_of, prior) -> RuleResult`` (vectorised; ``prior`` holds
the results of the rules before it on the same records, which 12.2 uses) and
``reasons(facts, as_of, status, prior)`` (its Chinese sentences as data,
:mod:`._reasons`). Its docstring carries the clause text, the duty and legal basis quoted and
the dated parameters, loaded from the data files; beside it, ``<module>.cases.yaml`` holds its
readable cases (:mod:`._cases`), which the tests run through both implementations.
"""
from __future__ import annotations

from types import ModuleType

from . import (clause_2_2_no_interference, clause_3_1_defence_quality,
               clause_3_2_no_late_defence, clause_4_2_head_must_appear,
               clause_4_3_no_unlawful_absence, clause_5_2_no_improper_withdrawal,
               clause_6_1_perform_decisions, clause_6_2_no_same_act_remade,
               clause_7_2_joint_defendant_evidence, clause_8_2_annual_training,
               clause_9_1_funding, clause_10_1_reply_to_suggestions,
               clause_11_2_statistics_report, clause_12_1_assessment,
               clause_12_2_accountability)
from ._base import Facts, RuleResult, Tri

#: every rule module, in the opinion's clause order
RULES: dict[str, ModuleType] = {m.CLAUSE_ID: m for m in (
    clause_2_2_no_interference, clause_3_1_defence_quality, clause_3_2_no_late_defence,
    clause_4_2_head_must_appear, clause_4_3_no_unlawful_absence,
    clause_5_2_no_improper_withdrawal, clause_6_1_perform_decisions,
    clause_6_2_no_same_act_remade, clause_7_2_joint_defendant_evidence,
    clause_8_2_annual_training, clause_9_1_funding, clause_10_1_reply_to_suggestions,
    clause_11_2_statistics_report, clause_12_1_assessment, clause_12_2_accountability)}


def rules_for(record: str) -> dict[str, ModuleType]:
    """The rules on one record kind (``case``, ``suggestion``, ``agency_year``), clause order."""
    return {cid: m for cid, m in RULES.items() if m.RECORD == record}


__all__ = ["RULES", "rules_for", "Facts", "RuleResult", "Tri"]
