"""Clause 10.1 — 十（一）认真办理并回复司法建议.

Legal basis: the opinion 十（一） (60 days; a duty of the opinion itself, so it applies to
suggestions received on or after the opinion's date, 2016-10-24); 法释〔2018〕1号第四十八条
(computing periods) (catalogue.obligations()["10.1"].legal_basis).

Rule: applies when ``received_on`` ≥ the opinion's date (unknown when ``received_on`` is
missing). R = period(``received_on``, suggestion_reply_days). Violation: ``replied_on`` > R, or
``replied_on`` missing while ``as_of`` > R, or replied without ``copied_to_legal_office``.
Pending: ``replied_on`` missing and ``as_of`` ≤ R.
"""
from __future__ import annotations

import numpy as np

from ..opinion import load_opinion
from ._base import Facts, RuleResult, Tri, deadlines, parameter_on, with_clause_text

CLAUSE_ID = "10.1"
RECORD = "suggestion"
READS = ("received_on", "replied_on", "copied_to_legal_office")
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


__doc__ = with_clause_text(__doc__, CLAUSE_ID)
