"""Clause 10.1 — 十（一）认真办理并回复司法建议.

Legal basis: the opinion 十（一） (60 days; a duty of the opinion itself, so it applies to
suggestions received on or after the opinion's date, 2016-10-24); the period is computed by
borrowing the period rule of the day it started, 法释〔2018〕1号第四十八条 from 2018-02-08 (period_rule;
the source reads 期间计算方法参照…) (catalogue.obligations()["10.1"].legal_basis).

Rule: applies when ``received_on`` ≥ the opinion's date (unknown when ``received_on`` is
missing). R = period(``received_on``, suggestion_reply_days). Violation: ``replied_on`` > R, or
``replied_on`` missing while ``as_of`` > R, or replied without ``copied_to_legal_office``.
Pending: ``replied_on`` missing and ``as_of`` ≤ R.
"""
from __future__ import annotations

import numpy as np

from ..opinion import load_opinion
from ._base import Blank, Facts, RuleResult, Tri, deadlines, parameter_on, with_clause_text
from ._reasons import Period, Reason

CLAUSE_ID = "10.1"
RECORD = "suggestion"
#: the law of this day applies (the period rule in force when the period started, period_rule
#: in data/parameters.yaml; the source names only the texts then in force)
LAW_ON = "received_on"
READS = {"received_on": Blank.DATE, "replied_on": Blank.EVENT, "copied_to_legal_office": Blank.FLAG}
#: the duty is the opinion's own: it does not reach suggestions received before the opinion
IN_FORCE = np.datetime64(load_opinion().issued_on, "ns")


def check(facts: Facts, as_of: np.datetime64, prior: dict) -> RuleResult:
    received = facts.date("received_on")
    known = ~np.isnat(received)
    r = deadlines(received, parameter_on("suggestion_reply_days", received))
    replied = facts.date("replied_on")
    has_reply = facts.present("replied_on")
    late = (has_reply & (replied > r)) | (~has_reply & (as_of > r))
    violation = Tri.where_known(late, known) | (Tri.known(has_reply) & ~facts.flag("copied_to_legal_office"))
    waiting = ~has_reply & (as_of <= r)
    pending = Tri(waiting & known, has_reply | (known & ~waiting))
    applies = Tri.where_known(received >= IN_FORCE, known)
    return RuleResult(applies=applies, violation=violation, pending=pending, due=r)


def reasons(facts: Facts, as_of: np.datetime64, status: np.ndarray, prior: dict):
    received = facts.date("received_on")
    days = parameter_on("suggestion_reply_days", received)
    due = deadlines(received, days)
    replied = facts.date("replied_on")
    has_reply = ~np.isnat(replied)
    copied = facts.flag_or_false("copied_to_legal_office")
    f = {"due": due, "replied": replied, "as_of": np.full(facts.n, as_of), "received": received,
         "issued": np.full(facts.n, IN_FORCE)}
    before = received < IN_FORCE
    has_reply &= ~before
    return [
        Reason("before_opinion", before,
               "司法建议于{received}收到，早于本意见印发之日{issued}；60日内书面回复是本意见规定的义务，"
               "不适用于此前收到的司法建议", f),
        Reason("overdue", ~has_reply & ~before & (as_of > due), "至{as_of}仍未书面回复，回复期限已于{due}届满", f),
        Reason("waiting", ~has_reply & ~before & (as_of <= due), "尚未书面回复，回复期限届满日为{due}", f),
        Reason("late", has_reply & (replied > due), "于{replied}书面回复，晚于回复期限届满日{due}", f),
        Reason("not_copied", has_reply & ~copied, "书面回复未抄送本级政府法制机构"),
        Reason("replied", has_reply & (replied <= due) & copied,
               "于{replied}书面回复并抄送本级政府法制机构，未超过回复期限届满日{due}", f),
    ], [Period("回复期限", received, days, ~np.isnat(received))]


__doc__ = with_clause_text(__doc__, CLAUSE_ID, "clause_10_1_reply_to_suggestions.cases.yaml")
