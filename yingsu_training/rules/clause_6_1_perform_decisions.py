"""Clause 6.1 — 六（一）自觉履行人民法院作出的生效裁判.

Legal basis: 行政诉讼法第九十四条 (performing effective decisions); 第八十五条 (appeal within 15
days of a judgment, 10 days of a ruling); 法释〔2018〕1号第一百一十条
(catalogue.obligations()["6.1"].legal_basis).

Rule: applies when ``appeal_filed_on`` or ``performance_due_on`` is present. Violation:
``appeal_filed_on`` > period(``decision_served_on``, appeal_period_judgment_days, or
appeal_period_ruling_days for 裁定); or ``performed_on`` > ``performance_due_on``; or
``performed_on`` missing while ``as_of`` > ``performance_due_on``. Pending: ``performed_on``
missing and ``as_of`` ≤ ``performance_due_on``.

Missing facts: an unknown ``decision_served_on`` leaves the appeal deadline unknown; an unknown
``decision_kind`` (with the served date known) decides nothing when the appeal came within the
10-day ruling period or after the 15-day judgment period (periods grow with their length).
``due``: ``performance_due_on`` when present, else the appeal deadline (NaT when the served date
is unknown, or the decision kind is unknown and the 10- and 15-day periods end on different days).
"""
from __future__ import annotations

import numpy as np

from ..schema import RULING_KINDS
from ._base import Blank, Facts, NAT, RuleResult, Tri, deadlines, parameter_on, with_clause_text
from ._reasons import Period, Reason

CLAUSE_ID = "6.1"
RECORD = "case"
#: the law of this day applies (the period rule in force when the period started, period_rule
#: in data/parameters.yaml; the source names only the texts then in force)
LAW_ON = "decision_served_on"
READS = {"appeal_filed_on": Blank.EVENT, "decision_served_on": Blank.DATE,
         "decision_kind": Blank.DECISION, "performance_due_on": Blank.EVENT,
         "performed_on": Blank.EVENT}
#: an unknown decision kind: a judgment (15-day appeal period) or a ruling (10 days)
DECISION_DOMAIN = ("判决驳回诉讼请求", "裁定")


def appeal_deadlines(facts: Facts) -> tuple[np.ndarray, np.ndarray]:
    """period(served, judgment days) and period(served, ruling days)."""
    served = facts.date("decision_served_on")
    judgment = deadlines(served, parameter_on("appeal_period_judgment_days", served))
    ruling = deadlines(served, parameter_on("appeal_period_ruling_days", served))
    return judgment, ruling


def non_performance(facts: Facts, as_of: np.datetime64) -> np.ndarray:
    """Performed after the due date, or not performed and the due date has passed."""
    due = facts.date("performance_due_on")
    performed = facts.date("performed_on")
    has_due, has_perf = facts.present("performance_due_on"), facts.present("performed_on")
    return has_due & ((has_perf & (performed > due)) | (~has_perf & (as_of > due)))


def check(facts: Facts, as_of: np.datetime64, prior: dict) -> RuleResult:
    appeal = facts.date("appeal_filed_on")
    has_appeal = facts.present("appeal_filed_on")
    judgment, ruling = appeal_deadlines(facts)
    served_known = facts.present("decision_served_on")
    kind_known = facts.present("decision_kind")
    is_ruling = facts.category_is("decision_kind", RULING_KINDS)
    deadline = np.where(is_ruling, ruling, judgment)
    # an unknown kind still gives one deadline when both periods roll to the same day
    deadline = np.where(kind_known | (judgment == ruling), deadline, NAT)
    # late for sure: after the longer period; in time for sure: within the shorter one
    late_t = has_appeal & served_known & np.where(kind_known, appeal > deadline, appeal > judgment)
    late_f = ~has_appeal | (served_known & np.where(kind_known, appeal <= deadline, appeal <= ruling))
    appeal_late = Tri(late_t, late_f)

    due_on = facts.date("performance_due_on")
    has_due = facts.present("performance_due_on")
    has_perf = facts.present("performed_on")
    violation = appeal_late | Tri.known(non_performance(facts, as_of))
    pending = Tri.known(has_due & ~has_perf & (as_of <= due_on))
    due = np.where(has_due, due_on, deadline)
    return RuleResult(applies=Tri.known(has_appeal | has_due), violation=violation,
                      pending=pending, due=due)


def performance_reasons(facts: Facts, as_of: np.datetime64, late_only: bool = False,
                        suffix: str = "") -> list[Reason]:
    """The sentences on performing the decision (also 12.2's ground of non-performance)."""
    due = facts.date("performance_due_on")
    done = facts.date("performed_on")
    has_due, has_done = ~np.isnat(due), ~np.isnat(done)
    f = {"due": due, "done": done, "as_of": np.full(facts.n, as_of)}
    out = [Reason("performed_late", has_due & has_done & (done > due),
                  "裁判确定的履行期限届满日为{due}，{done}才履行完毕" + suffix, f),
           Reason("not_performed", has_due & ~has_done & (as_of > due),
                  "履行期限已于{due}届满，至{as_of}仍未履行" + suffix, f)]
    if not late_only:
        out += [Reason("performed", has_due & has_done & (done <= due),
                       "于{done}履行完毕，未超过履行期限届满日{due}", f),
                Reason("to_perform", has_due & ~has_done & (as_of <= due),
                       "尚未履行，履行期限届满日为{due}", f)]
    return out


def reasons(facts: Facts, as_of: np.datetime64, status: np.ndarray, prior: dict):
    appeal = facts.date("appeal_filed_on")
    has_appeal = ~np.isnat(appeal)
    served = facts.date("decision_served_on")
    ruling = facts.category_is("decision_kind", RULING_KINDS)
    judgment_end, ruling_end = appeal_deadlines(facts)
    deadline = np.where(ruling, ruling_end, judgment_end)
    days = np.where(ruling, parameter_on("appeal_period_ruling_days", served),
                    parameter_on("appeal_period_judgment_days", served))
    what = ruling.astype(np.int8)
    f = {"appeal": appeal, "deadline": deadline}
    late_or_not, in_time = [], []
    for r in performance_reasons(facts, as_of):
        (late_or_not if r.code in ("performed_late", "not_performed") else in_time).append(r)
    return [
        Reason("nothing", ~has_appeal & np.isnat(facts.date("performance_due_on")),
               "未提起上诉，也没有裁判确定的履行期限"),
        Reason("appeal_late", has_appeal & (appeal > deadline),
               ("判决书送达后于{appeal}提起上诉，晚于上诉期限届满日{deadline}",
                "裁定书送达后于{appeal}提起上诉，晚于上诉期限届满日{deadline}"), f, choice=what),
        *late_or_not,
        Reason("appeal_in_time", has_appeal & (appeal <= deadline),
               ("于{appeal}提起上诉，未超过判决上诉期限届满日{deadline}",
                "于{appeal}提起上诉，未超过裁定上诉期限届满日{deadline}"), f, choice=what),
        *in_time,
    ], [Period(("判决上诉期限", "裁定上诉期限"), served, days, has_appeal & ~np.isnat(served),
               choice=what)]


__doc__ = with_clause_text(__doc__, CLAUSE_ID, "clause_6_1_perform_decisions.cases.yaml")
