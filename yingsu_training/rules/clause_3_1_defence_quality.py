"""Clause 3.1 — 三（一）提高答辩举证工作质量.

Legal basis: 行政诉讼法第三十四条第一款; 法释〔2002〕21号第十八条 (confidential evidence)
(catalogue.obligations()["3.1"].legal_basis).

Rule: applies to every case; violation when (``confidential_evidence`` and not
``confidential_marked``) or (the evidence provided — ``evidence_submitted_on`` or
``evidence_posted_on`` present — and ``evidence_list_submitted`` false). Evidence posted and not
yet at the court has been provided: a filing is sent when it is posted (法释〔2018〕1号第四十八条第四款:
诉讼文书在期满前交邮的，视为在期限内发送), and the list goes with it or not at all. The list
(制作证据依据清单) is the opinion's own duty: evidence provided (the earlier of its posting and
arrival) before the opinion was issued (2016-10-24) owes none, as 4.2 and 10.1 do not reach
earlier facts; confidential evidence is marked since 法释〔2002〕21号第十八条 whatever the day. Each
flag is read once, so Kleene logic is exact: a missing flag gives insufficient_data only when the
other facts do not already decide.
"""
from __future__ import annotations

import numpy as np

from ..opinion import load_opinion
from ..schema import Status
from ._base import Blank, Facts, RuleResult, Tri, always, never, with_clause_text
from ._reasons import Reason

CLAUSE_ID = "3.1"
#: the evidence list is the opinion's own duty: not for evidence provided before the opinion
IN_FORCE = np.datetime64(load_opinion().issued_on, "ns")
RECORD = "case"
READS = {"confidential_evidence": Blank.FLAG, "confidential_marked": Blank.FLAG,
         "evidence_submitted_on": Blank.EVENT, "evidence_posted_on": Blank.EVENT,
         "evidence_list_submitted": Blank.FLAG}


def provided(facts: Facts) -> np.ndarray:
    """The evidence has been submitted or posted."""
    return facts.present("evidence_submitted_on") | facts.present("evidence_posted_on")


def provided_on(facts: Facts) -> np.ndarray:
    """The day the evidence was provided: the earlier of its posting and its arrival (NaT: not yet)."""
    posted, arrived = facts.date("evidence_posted_on"), facts.date("evidence_submitted_on")
    return np.where(np.isnat(posted), arrived, np.where(np.isnat(arrived), posted, np.minimum(posted, arrived)))


def list_owed(facts: Facts) -> np.ndarray:
    """Evidence provided on or after the opinion's date: its list is owed."""
    return provided(facts) & (provided_on(facts) >= IN_FORCE)


def check(facts: Facts, as_of: np.datetime64, prior: dict) -> RuleResult:
    unmarked = facts.flag("confidential_evidence") & ~facts.flag("confidential_marked")
    no_list = Tri.known(list_owed(facts)) & ~facts.flag("evidence_list_submitted")
    return RuleResult(applies=always(facts.n), violation=unmarked | no_list, pending=never(facts.n))


def reasons(facts: Facts, as_of: np.datetime64, status: np.ndarray, prior: dict):
    confidential = facts.flag_or_false("confidential_evidence")
    has_evi = provided(facts)
    early = has_evi & ~list_owed(facts)
    arrived = facts.present("evidence_submitted_on")
    ok = status == Status.COMPLIANT
    return [
        Reason("unmarked", confidential & ~facts.flag_or_false("confidential_marked"),
               "证据含国家秘密、商业秘密或个人隐私，但未注明并提交法院审查确认"),
        Reason("no_list", has_evi & ~early & ~facts.flag_or_false("evidence_list_submitted"),
               ("已于{evidence}提交证据，但未提交证据依据清单",
                "已于{posted}交邮证据（法院尚未收到），但未提交证据依据清单"),
               {"evidence": facts.date("evidence_submitted_on"), "posted": facts.date("evidence_posted_on")},
               choice=(~arrived).astype(np.int8)),
        Reason("list", ok & has_evi & ~early, "提交证据时附有证据依据清单"),
        Reason("before_opinion", ok & early,
               "证据于{provided}提供，早于本意见印发之日{issued}；制作证据依据清单是本意见三（一）规定的义务，"
               "不适用于此前提供的证据",
               {"provided": provided_on(facts), "issued": np.full(facts.n, IN_FORCE)}),
        Reason("no_evidence", ok & ~has_evi, "尚未提交证据（清单义务随提交证据而产生）"),
        Reason("marked", ok & confidential, "涉密、商业秘密或个人隐私证据已注明并提交法院审查确认"),
    ], []


__doc__ = with_clause_text(__doc__, CLAUSE_ID, "clause_3_1_defence_quality.cases.yaml")
