"""Clause 4.2 — 四（二）积极履行出庭应诉职责.

Legal basis: 行政诉讼法第三条第三款; 法释〔2018〕1号第一百二十九条第一款 (cases where the head must
appear), 第三款 (justified absence); 行政诉讼法第三十一条第一款 and 法释〔2018〕1号第一百二十八条第二款 (one or two further agents)
(catalogue.obligations()["4.2"].legal_basis).

Rule: applies when ``hearing_on`` is present, on or after the opinion's date (2016-10-24: the
cases in which the head must appear are the opinion's own duty — 法释〔2018〕1号第一百二十九条第一款
came later, 行政诉讼法第三条第三款 lets a head who cannot appear send staff — so it does not reach
an earlier hearing, as 10.1 does not reach an earlier suggestion), and any trigger
(``major_public_interest``, ``high_social_attention``, ``mass_incident_risk``,
``court_requested_head``; missing counts as false) holds. Violation: not ``head_appeared`` and not ``head_absence_justified`` (a justified
absence with the sealed explanation filed, 法释〔2018〕1号第一百二十九条第三款; missing counts as
false: no explanation filed); or ``head_appeared`` with ``staff_appeared`` + ``lawyers_appeared``
> max_agents_with_head. A justified absence excuses at every hearing the clause reaches: the
opinion's own 四（三） and 行政诉讼法第三条第三款 provide for a head who cannot appear (不能出庭的，应当
委托……), and 法释〔2018〕1号第一百二十九条第三款 (from 2018-02-08) gave the explanation its form. Since ``not h or (h and X)`` equals ``not h or X``, a known excess of
agents is a violation even if ``head_appeared`` is missing; with a justified absence the
violation is ``h and X`` (the excess rule is the only one left, and it binds a head who
appeared). ``head_absence_justified`` is always known, so each branch is exact Kleene logic. An empty
``head_appeared`` with a recorded ``head_role`` means the head appeared (the role is recorded
only for a head who appeared).
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from ..opinion import load_opinion
from ._base import Blank, Facts, RuleResult, Tri, head_appeared, never, parameter_on, with_clause_text
from ._reasons import Reason

CLAUSE_ID = "4.2"
#: the duty is the opinion's own: it does not reach hearings held before the opinion
IN_FORCE = np.datetime64(load_opinion().issued_on, "ns")
RECORD = "case"
TRIGGERS = ("major_public_interest", "high_social_attention", "mass_incident_risk",
            "court_requested_head")
#: the law of the hearing day applies (the source names only the texts then in force)
LAW_ON = "hearing_on"
#: the facts the verdict depends on and what an empty cell of each means
READS = {"hearing_on": Blank.EVENT, **{t: Blank.FLAG_OR_FALSE for t in TRIGGERS},
         "head_appeared": Blank.HEAD, "head_absence_justified": Blank.FLAG_OR_FALSE,
         "staff_appeared": Blank.COUNT,
         "lawyers_appeared": Blank.COUNT}
#: read through ``head_appeared`` (a recorded role means the head appeared)
ALSO_READS = ("head_role",)
#: the triggers as the reasons name them
TRIGGERS_ZH = {"major_public_interest": "涉及重大公共利益", "high_social_attention": "社会高度关注",
               "mass_incident_risk": "可能引发群体性事件", "court_requested_head": "法院书面建议负责人出庭"}


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
    hearing = facts.present("hearing_on") & (facts.date("hearing_on") >= IN_FORCE)
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


def either_way_texts() -> tuple[str, ...]:
    """Why a head whose appearance is not recorded breaks 4.2 whether or not they appeared: too
    many agents if they did (all counts known, or the known ones already too many), no
    justified absence filed if they did not."""
    too_many = ("另行委托了{agents}名代理人（工作人员{staff}名、律师{lawyers}名），超过{limit}名",
                "已知另行委托的代理人至少{known}名，超过{limit}名")
    return tuple(f"无论负责人是否出庭，均违反本项义务：如出庭，{a}；如未出庭，也未提交有正当理由不能出庭的情况说明"
                 for a in too_many)


def head_words(facts: Facts) -> np.ndarray:
    """负责人（正职） when the role is recorded, else 负责人."""
    role = facts.frame["head_role"]
    if isinstance(role.dtype, pd.CategoricalDtype):      # the contract's dtype: one word per role
        words = np.array([f"负责人（{c}）" for c in role.cat.categories] + ["负责人"], dtype=object)
        codes = role.cat.codes.to_numpy()
        return words[np.where(codes < 0, len(words) - 1, codes)]
    words = np.full(facts.n, "负责人", dtype=object)
    known = role.notna().to_numpy()
    words[known] = "负责人（" + role[known].astype(str).to_numpy(dtype=object) + "）"
    return words


def reasons(facts: Facts, as_of: np.datetime64, status: np.ndarray, prior: dict):
    n = facts.n
    hearing = facts.date("hearing_on")
    held = ~np.isnat(hearing)
    which = np.zeros(n, dtype=np.int64)
    for i, name in enumerate(TRIGGERS):
        which |= facts.flag_or_false(name).astype(np.int64) << i
    combos = np.array(["、".join(zh for i, zh in enumerate(TRIGGERS_ZH.values()) if c >> i & 1)
                       for c in range(1 << len(TRIGGERS))], dtype=object)
    triggered = which > 0
    head = head_appeared(facts).t
    staff, _ = facts.count("staff_appeared")
    lawyers, _ = facts.count("lawyers_appeared")
    limit = np.broadcast_to(parameter_on("max_agents_with_head", hearing), (n,))
    agents = staff + lawyers
    before = held & (hearing < IN_FORCE)
    applies = held & triggered & ~before
    justified = facts.flag_or_false("head_absence_justified")
    f = {"triggers": combos[which], "hearing": hearing, "head": head_words(facts), "agents": agents,
         "staff": staff, "lawyers": lawyers, "limit": limit, "issued": np.full(n, IN_FORCE)}
    # a head_appeared left empty that decides nothing: the reason of either branch is given
    staff_open, lawyers_open = facts.filled("staff_appeared"), facts.filled("lawyers_appeared")
    f["known"] = np.where(staff_open, 0, staff) + np.where(lawyers_open, 0, lawyers)
    either_way = applies & facts.filled("head_appeared") & ~justified & (agents > limit)
    # which of the two texts: all counts known, or one left open
    either_how = (staff_open | lawyers_open).astype(np.int64)
    return [
        Reason("no_hearing", ~held, "尚未开庭"),
        Reason("no_trigger", held & ~triggered, "案件不属于应当由负责人出庭的情形"),
        Reason("before_opinion", before & triggered,
               "{hearing}开庭，早于本意见印发之日{issued}；此类案件负责人应当出庭是本意见四（二）规定的义务，"
               "不适用于此前开庭的案件", f),
        Reason("why", applies, "案件{triggers}，{hearing}开庭", f),
        Reason("justified", applies & ~head & justified,
               "负责人有正当理由不能出庭，已向人民法院提交情况说明（是否委托相应的工作人员出庭，见四（三））"),
        Reason("absent", applies & ~head & ~justified, "负责人未出庭，也未提交有正当理由不能出庭的情况说明"),
        Reason("too_many", applies & head & (agents > limit),
               "{head}出庭，但另行委托了{agents}名代理人（工作人员{staff}名、律师{lawyers}名），超过{limit}名", f),
        Reason("appeared", applies & head & (agents <= limit), "{head}出庭，另行委托代理人{agents}名，未超过{limit}名", f),
        Reason("either_way", either_way, either_way_texts(), f, either_how),
    ], []


__doc__ = with_clause_text(__doc__, CLAUSE_ID, "clause_4_2_head_must_appear.cases.yaml")
