"""The court decides, the agency appeals or performs: the decision served after the hearing
(or a ruling without one), an appeal within the appeal period, the performance a judgment
orders and the act re-made after a quash (rules 6.1 and 6.2)."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..schema import DECISION_KINDS
from ..stats import LOSS_KINDS
from .days import NAT, deadline_var, happen, parameter
from .draws import choice, flags, uniform_int
from .labels import label

#: decisions that order the agency to act (a performance deadline follows)
PERFORMANCE_KINDS = ("判决撤销并责令重作", "判决履行法定职责", "判决给付", "判决赔偿补偿")
#: decisions against the agency (the agency may appeal)
AGAINST_KINDS = LOSS_KINDS
# shares of decision kinds after a hearing (most are dismissed or ruled on)
_DECISION_WEIGHTS_HEARD = {
    "判决驳回诉讼请求": 44, "判决撤销": 8, "判决撤销并责令重作": 6, "判决确认违法": 8,
    "判决确认无效": 0.5, "判决履行法定职责": 5, "判决给付": 1, "判决变更": 0.5,
    "判决赔偿补偿": 3, "裁定": 24,
}


@dataclass
class Decision:
    columns: dict
    not_performed: np.ndarray       # a performance ordered and late or missing at the check date
    labels: dict[str, np.ndarray]


def draw_decision(heard: np.ndarray, held_on: np.ndarray, last_filing: np.ndarray, start,
                  as_of_d: int, rng, rates: dict, missing_rate: float) -> Decision:
    n = len(heard)
    has_hearing = held_on != NAT
    kinds = list(_DECISION_WEIGHTS_HEARD)
    kind_heard = choice(rng, n, list(_DECISION_WEIGHTS_HEARD.values()))
    ruling_idx = kinds.index("裁定")
    decision = np.where(heard, kind_heard, ruling_idx)
    base = np.where(has_hearing, held_on, last_filing)
    served = np.where(heard, base + rng.integers(15, 90, n), last_filing + rng.integers(10, 90, n))
    served = np.where(heard & ~has_hearing, NAT, served)  # hearing not held yet
    served = happen(served, as_of_d)
    decided = served != NAT
    is_ruling = decision == ruling_idx
    appeal_days = np.where(is_ruling, parameter("appeal_period_ruling_days", start),
                           parameter("appeal_period_judgment_days", start))
    appeal_due = np.where(decided, deadline_var(served, appeal_days), NAT)
    against = np.isin(decision, [kinds.index(k) for k in AGAINST_KINDS])
    appeals = decided & against & (rng.random(n) < 0.35)
    viol61 = rng.random(n) < rates["6.1"]
    appeal_on = np.where(viol61, appeal_due + rng.integers(1, 15, n),
                         uniform_int(rng, served + 1, appeal_due))
    appeal_on = np.where(appeals, appeal_on, NAT)
    appeal_on = happen(appeal_on, as_of_d)
    needs_perf = decided & ~appeals & np.isin(decision, [kinds.index(k) for k in PERFORMANCE_KINDS])
    perf_due = np.where(needs_perf, appeal_due + rng.choice(np.array([30, 60, 90]), n), NAT)
    perf_kind = rng.random(n)
    performed = np.where(viol61, np.where(perf_kind < 0.6, perf_due + rng.integers(1, 90, n), NAT),
                         uniform_int(rng, appeal_due + 1, np.maximum(perf_due, appeal_due + 1)))
    performed = np.where(needs_perf, performed, NAT)
    performed = happen(performed, as_of_d, snap=False)
    remake = decided & (decision == kinds.index("判决撤销并责令重作"))
    viol62 = rng.random(n) < rates["6.2"]
    remade = np.where(viol62, True, rng.random(n) < 0.3)
    # re-making the same act is lawful only after a quash for procedure or the law applied
    revoked = np.where(viol62, False, remade | (rng.random(n) < 0.5))
    remade_missing = ~remake | (remake & (rng.random(n) < missing_rate))
    revoked_missing = ~remake

    appealed = appeal_on != NAT
    ordered = perf_due != NAT
    # 6.1: a late appeal (one filed after the check date is not known yet); a performance late
    # or not done once its day has passed — pending until then, as one on time still to come
    not_performed = ordered & viol61 & (as_of_d > perf_due)
    labels = {"6.1": label(appealed | ordered, (appealed & viol61) | not_performed,
                           pending=ordered & (performed == NAT)),
              # 6.2: the same act re-made without a quash for procedure or law, unless the
              # re-making is left blank where it decides
              "6.2": label(remake, viol62 & ~remade_missing, unknown=remade_missing & ~revoked)}
    kind_codes = np.where(decided, np.array([DECISION_KINDS.index(k) for k in kinds])[decision], -1)
    columns = {
        "decision_kind": pd.Categorical.from_codes(kind_codes, categories=list(DECISION_KINDS)),
        "decision_served_on": served,
        "appeal_filed_on": appeal_on,
        "performance_due_on": perf_due,
        "performed_on": performed,
        "remade_same_act": flags(remade, remade_missing),
        "revoked_for_procedure_or_law": flags(revoked, revoked_missing),
    }
    return Decision(columns=columns, not_performed=not_performed, labels=labels)
