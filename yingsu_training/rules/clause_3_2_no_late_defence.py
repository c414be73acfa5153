"""Clause 3.2 — 三（二）不得超期答辩举证.

Legal basis: 行政诉讼法第六十七条第一款 (15 days; 10 days under the 1989 law for a complaint copy
received before 2015-05-01, 法释〔2002〕21号第一条第一款), 第三十四条第二款, 第三十六条第一款
(court-approved extension), 法释〔2018〕1号第四十八条 (computing periods; 第四款: a filing posted
before the period ends is in time) (catalogue.obligations()["3.2"].legal_basis).

Rule: D = period(``complaint_received_on``, defence_period_days in force on that day); E =
max(D, ``evidence_extension_until``). A submission's date is its posting date
(``defence_posted_on`` / ``evidence_posted_on``) where one is given, else the date it was
submitted; a posted submission has been made even when its arrival date is empty. Violation:
defence after D, evidence after E, or either not made while ``as_of`` > its deadline. Pending: a
submission not made and ``as_of`` ≤ its deadline. A missing ``complaint_received_on`` leaves
both deadlines unknown: insufficient_data. ``due``: E when the defence was made on time and
E > D (only the evidence deadline is still open), else D.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from .. import calendar as cal
from ..catalogue import obligations, parameters

from ._base import (Blank, Facts, RuleResult, Tri, always, deadlines, is_sentinel, parameter_era,
                    parameter_on, with_clause_text)
from ._reasons import Period, Reason

CLAUSE_ID = "3.2"
RECORD = "case"
#: the law of this day applies (the period rule in force when the period started, period_rule
#: in data/parameters.yaml; the source names only the texts then in force)
LAW_ON = "complaint_received_on"
READS = {"complaint_received_on": Blank.DATE, "defence_submitted_on": Blank.EVENT,
         "defence_posted_on": Blank.EVENT, "evidence_submitted_on": Blank.EVENT,
         "evidence_posted_on": Blank.EVENT, "evidence_extension_until": Blank.EVENT}


def submission(facts: Facts, what: str) -> tuple[np.ndarray, np.ndarray]:
    """(date that counts, made) of the defence or the evidence: the posting date where given
    (法释〔2018〕1号第四十八条第四款), else the submission date."""
    posted, submitted = facts.date(f"{what}_posted_on"), facts.date(f"{what}_submitted_on")
    has_posted = facts.present(f"{what}_posted_on")
    return (np.where(has_posted, posted, submitted),
            has_posted | facts.present(f"{what}_submitted_on"))


def check(facts: Facts, as_of: np.datetime64, prior: dict) -> RuleResult:
    received = facts.date("complaint_received_on")
    known = ~np.isnat(received)
    d = deadlines(received, parameter_on("defence_period_days", received))
    ext = facts.date("evidence_extension_until")
    e = np.where(~np.isnat(ext) & (ext > d), ext, d)
    defence, has_def = submission(facts, "defence")
    evidence, has_evi = submission(facts, "evidence")
    late = ((has_def & (defence > d)) | (has_evi & (evidence > e))
            | (~has_def & (as_of > d)) | (~has_evi & (as_of > e)))
    waiting = (~has_def & (as_of <= d)) | (~has_evi & (as_of <= e))
    due = np.where(has_def & (defence <= d) & (e > d), e, d)
    return RuleResult(applies=always(facts.n), violation=Tri.where_known(late, known),
                      pending=Tri.where_known(waiting, known), due=due)


def posted_in_time(era: int | None = None) -> str:
    """Why a filing posted in time and received late is in time: 法释〔2018〕1号第四十八条第四款, as
    this clause's legal basis in the catalogue quotes it — or, for a period that started before
    it was in force (``era``, an index of period_rule's values), the period rule of that day."""
    rule = parameters()["period_rule"]
    if era is not None and era != len(rule.values) - 1:
        return f"法院收到时虽已届满，仍在期限内（{rule.values[era][1]}）"
    (basis,) = [b for b in obligations()[CLAUSE_ID].legal_basis
                if b.law == "I-2018" and b.article == "第四十八条第四款"]
    return f"法院收到时虽已届满，仍在期限内（{basis.citation}：{basis.quote.rstrip('。')}）"


def _told(facts: Facts, what: str) -> tuple[tuple[str, ...], np.ndarray, dict]:
    """How a submission is told: posted (and when it arrived) or submitted."""
    posted, submitted = facts.date(f"{what}_posted_on"), facts.date(f"{what}_submitted_on")
    is_posted = ~np.isnat(posted)
    choice = is_posted.astype(np.int8) + (is_posted & ~np.isnat(submitted))   # 0, 1 or 2
    return (("于{%s_submitted}提交" % what, "于{%s_posted}交邮（以交邮日期为准）" % what,
             "于{%s_posted}交邮，{%s_submitted}送达（以交邮日期为准）" % (what, what)),
            choice, {f"{what}_posted": posted, f"{what}_submitted": submitted})


def old_period_words(name: str, received: np.ndarray, days: np.ndarray) -> np.ndarray:
    """Why a period has an earlier law's length, per record (empty where today's applies):
    ``起诉状副本于2014年06月03日收到，早于2015年05月01日（现行的15日期限自该日起施行），适用当时的10日期限
    （法释〔2002〕21号第一条第一款）``."""
    p = parameters()[name]
    days = np.broadcast_to(days, received.shape)
    old = ~np.isnat(received) & (days != p.at(None)) & ~is_sentinel(received)
    out = np.full(len(received), "", dtype=object)
    codes, uniq = pd.factorize(pd.Series(received[old]))
    words = np.array([f"起诉状副本于{cal.fmt(on)}收到，早于{cal.fmt(p.in_force_from(None))}（现行的"
                      f"{p.at(None)}日期限自该日起施行），适用当时的{p.at(on.date())}日期限"
                      f"（{p.reference_at(on.date()).citation}）" for on in uniq], dtype=object)
    out[old] = words[codes] if len(uniq) else out[old]
    return out


def reasons(facts: Facts, as_of: np.datetime64, status: np.ndarray, prior: dict):
    received = facts.date("complaint_received_on")
    days = parameter_on("defence_period_days", received)
    d = deadlines(received, days)
    ext = facts.date("evidence_extension_until")
    has_ext = ~np.isnat(ext)
    e = np.where(has_ext & (ext > d), ext, d)
    defence, has_def = submission(facts, "defence")
    evidence, has_evi = submission(facts, "evidence")
    n = facts.n
    def_told, def_how, def_f = _told(facts, "defence")
    evi_told, evi_how, evi_f = _told(facts, "evidence")
    old = old_period_words("defence_period_days", received, days)
    f = {"d": d, "e": e, "ext": ext, "as_of": np.full(n, as_of), "old": old, **def_f, **evi_f}
    era = parameter_era("period_rule", received)
    in_time = tuple(posted_in_time(i) for i in range(len(parameters()["period_rule"].values)))
    arrived_late = {w: ~np.isnat(facts.date(f"{w}_posted_on"))
                    & (facts.date(f"{w}_submitted_on") > limit)
                    for w, limit in (("defence", d), ("evidence", e))}
    return [
        Reason("defence_late", has_def & (defence > d),
               tuple("答辩状" + t + "，晚于期限届满日{d}" for t in def_told), f, def_how),
        Reason("no_defence_overdue", ~has_def & (as_of > d), "至{as_of}仍未提交答辩状，期限已于{d}届满", f),
        Reason("evidence_late", has_evi & (evidence > e),
               tuple("证据依据" + t + "，晚于举证期限届满日{e}" for t in evi_told), f, evi_how),
        Reason("no_evidence_overdue", ~has_evi & (as_of > e),
               "至{as_of}仍未提交证据依据，举证期限已于{e}届满", f),
        Reason("no_defence_yet", ~has_def & (as_of <= d), "尚未提交答辩状，期限届满日为{d}", f),
        Reason("no_evidence_yet", ~has_evi & (as_of <= e), "尚未提交证据依据，举证期限届满日为{e}", f),
        Reason("old_period", old != "", "{old}", f),
        Reason("defence_in_time", has_def & (defence <= d),
               tuple("答辩状" + t + "，未超过期限届满日{d}" for t in def_told), f, def_how),
        Reason("defence_posted_in_time", has_def & (defence <= d) & arrived_late["defence"],
               tuple("答辩状在期限届满前交邮，" + t for t in in_time), {}, era),
        Reason("extension", has_ext & (e != d), "法院准许延期举证至{ext}", f),
        Reason("evidence_in_time", has_evi & (evidence <= e),
               tuple("证据依据" + t + "，未超过举证期限届满日{e}" for t in evi_told), f, evi_how),
        Reason("evidence_posted_in_time", has_evi & (evidence <= e) & arrived_late["evidence"],
               tuple("证据依据在期限届满前交邮，" + t for t in in_time), {}, era),
    ], [Period("答辩举证期限", received, days, ~np.isnat(received))]


__doc__ = with_clause_text(__doc__, CLAUSE_ID, "clause_3_2_no_late_defence.cases.yaml")
