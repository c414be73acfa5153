"""The hearing: held 20–100 days after the last filing (most cases reach one), whether the
agency's head must appear (the 4.2 triggers), who appeared for the agency and how (rules 4.2
and 4.3)."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..opinion import load_opinion
from ..rules.clause_4_2_head_must_appear import TRIGGERS
from ..schema import HEAD_ROLES
from .days import NAT, happen, parameter, to_days
from .draws import choice, counts, flags
from .labels import label

HEARING_SHARE = 0.82          # cases that reach a hearing (the rest end by ruling)
#: share of cases with each 4.2 trigger (the triggers as rule 4.2 declares them)
TRIGGER_SHARES = dict(zip(TRIGGERS, (0.08, 0.06, 0.04, 0.15), strict=True))
JUSTIFIED_SHARE = 0.1         # absent heads with a justified reason and the explanation filed
_HEAD_ROLE_WEIGHTS = (0.3, 0.5, 0.2)


@dataclass
class Hearing:
    heard: np.ndarray               # the case goes to a hearing (held or still to come)
    on: np.ndarray                  # the day it was held (NAT: not held by the check date)
    triggers: dict
    trigger_missing: dict
    triggered: np.ndarray
    head: np.ndarray
    head_missing: np.ndarray
    justified: np.ndarray
    role: np.ndarray
    staff: np.ndarray
    lawyers: np.ndarray
    absent: np.ndarray
    left: np.ndarray
    excess: np.ndarray              # more agents beside the head than allowed
    labels: dict[str, np.ndarray]

    @property
    def held(self) -> np.ndarray:
        return self.on != NAT


def draw_hearing(last_filing: np.ndarray, start, as_of_d: int, rng, rates: dict,
                 head_rate: float, missing_rate: float) -> Hearing:
    n = len(last_filing)
    heard = rng.random(n) < HEARING_SHARE
    hearing = np.where(heard, last_filing + rng.integers(20, 100, n), NAT)
    hearing = happen(hearing, as_of_d)
    has_hearing = hearing != NAT
    triggers = {k: rng.random(n) < p for k, p in TRIGGER_SHARES.items()}
    trig_missing = {k: rng.random(n) < missing_rate for k in TRIGGER_SHARES}
    triggered = np.zeros(n, dtype=bool)    # a blank trigger counts as not present
    for k in TRIGGER_SHARES:
        triggered |= triggers[k] & ~trig_missing[k]
    max_agents = parameter("max_agents_with_head", start)
    # head appears: where required, unless meant to break 4.2; elsewhere at head_rate
    viol42 = rng.random(n) < rates["4.2"]
    too_many = viol42 & (rng.random(n) < 0.2)
    head = np.where(triggered, ~viol42 | too_many, rng.random(n) < head_rate)
    # a head kept away for a justified reason, the sealed explanation filed (法释〔2018〕1号第一百
    # 二十九条第三款): not a breach of 4.2; staff must still appear (4.3)
    excused = ~viol42 & ~too_many & (rng.random(n) < JUSTIFIED_SHARE)
    head = np.where(triggered & excused, False, head)
    justified = ~head & (excused | (~triggered & (rng.random(n) < JUSTIFIED_SHARE)))
    staff = np.where(head, rng.integers(0, 3, n), rng.integers(1, 3, n))
    lawyers = np.where(head, rng.integers(0, 2, n), rng.integers(0, 3, n))
    # with the head present, keep within the limit unless meant to exceed it
    over = staff + lawyers > max_agents
    lawyers = np.where(head & over, np.maximum(max_agents - staff, 0), lawyers)
    staff = np.where(head & (staff > max_agents), max_agents, staff)
    lawyers = np.where(head & triggered & too_many, max_agents + 1 - staff, lawyers)
    viol43 = rng.random(n) < rates["4.3"]
    kind43 = rng.random(n)
    absent = viol43 & (kind43 < 0.4)
    left = viol43 & (kind43 >= 0.4) & (kind43 < 0.6)
    lawyers_only = viol43 & (kind43 >= 0.6)
    head = np.where(absent | lawyers_only, False, head)
    justified &= ~absent          # absent without cause: no justified reason
    staff = np.where(absent | lawyers_only, 0, staff)
    lawyers = np.where(absent, 0, np.where(lawyers_only, rng.integers(1, 3, n), lawyers))
    role = choice(rng, n, _HEAD_ROLE_WEIGHTS)
    # unknown whether the head appeared (4.2 may still be decided by the number of agents, 4.3
    # by the staff who appeared)
    head_missing = has_hearing & (rng.random(n) < missing_rate) & ~absent & ~left
    # 4.3: absent without cause, left without permission, or lawyers only with no staff — the
    # last one undecided where the head's appearance is blank and no staff came
    labels = {"4.3": label(has_hearing, absent | left | (lawyers_only & ~head_missing),
                           unknown=head_missing & (staff == 0))}
    return Hearing(heard=heard, on=hearing, triggers=triggers, trigger_missing=trig_missing,
                   triggered=triggered, head=head, head_missing=head_missing,
                   justified=justified, role=role, staff=staff, lawyers=lawyers, absent=absent,
                   left=left, excess=staff + lawyers > max_agents, labels=labels)


def hearing_columns(h: Hearing, rng) -> dict:
    """The hearing's record (the justified absence is left blank for some heads: no explanation
    filed) and the label of 4.2, which depends on that blank."""
    n = len(h.on)
    no_hearing = ~h.held
    columns = {"hearing_on": h.on}
    for k in TRIGGER_SHARES:
        columns[k] = flags(h.triggers[k], h.trigger_missing[k])
    columns["head_appeared"] = flags(h.head, no_hearing | h.head_missing)
    # empty = no explanation filed; recorded as 否 for some absent heads, empty for those present
    justified_missing = (no_hearing | (h.head & ~h.head_missing)
                         | (~h.justified & (rng.random(n) < 0.5)))
    columns["head_absence_justified"] = flags(h.justified & ~h.head, justified_missing)
    role_codes = np.where(h.head & h.held & ~h.head_missing, h.role, -1)
    columns["head_role"] = pd.Categorical.from_codes(role_codes, categories=list(HEAD_ROLES))
    columns["staff_appeared"] = counts(h.staff, no_hearing)
    columns["lawyers_appeared"] = counts(h.lawyers, no_hearing)
    columns["absent_without_cause"] = flags(h.absent, no_hearing)
    columns["left_without_permission"] = flags(h.left, no_hearing)
    # 4.2 where a trigger is recorded: an absent head is a breach unless the absence is justified
    # and the explanation filed; more agents than allowed beside the head is one too. A blank
    # head leaves undecided what it decides.
    excused = h.justified & ~h.head & ~justified_missing
    hm = h.head_missing
    # 4.2 is the opinion's own duty: not for a hearing before it was issued
    since = to_days(load_opinion().issued_on)
    h.labels["4.2"] = label(h.held & h.triggered & (h.on >= since),
                            ~excused & (h.excess | (~hm & ~h.head)),
                            unknown=hm & np.where(excused, h.excess, ~h.excess))
    return columns
