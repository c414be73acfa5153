"""The agency's other conduct in the case: joint defendants after an upheld administrative
review (7.2), interference with the court (2.2), a withdrawal induced improperly (5.2) and the
referral for accountability of a breach that calls for it (12.2)."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..schema import Status
from .draws import flags
from .labels import flag_label, label


@dataclass
class Conduct:
    columns: dict
    district_missing: np.ndarray
    referred: np.ndarray
    referred_missing: np.ndarray
    labels: dict[str, np.ndarray]


def draw_conduct(n: int, rng, rates: dict, joint_rate: float, missing_rate: float) -> Conduct:
    upheld = rng.random(n) < joint_rate
    upheld_missing = rng.random(n) < missing_rate
    viol72 = rng.random(n) < rates["7.2"]
    proved_missing = ~upheld | (rng.random(n) < missing_rate)
    interference = rng.random(n) < rates["2.2"]
    interference_missing = rng.random(n) < missing_rate
    withdrawal = rng.random(n) < rates["5.2"]
    withdrawal_missing = rng.random(n) < missing_rate
    district_missing = rng.random(n) < missing_rate / 2
    referred = ~(rng.random(n) < rates["12.2"])
    referred_missing = rng.random(n) < missing_rate
    labels = {
        "2.2": flag_label(interference, interference_missing),
        "5.2": flag_label(withdrawal, withdrawal_missing),
        # 7.2 after an upheld review: the review organ did not prove its procedure; whether the
        # duty arises at all is unknown where the review's outcome is blank
        "7.2": label(upheld | upheld_missing, upheld & ~upheld_missing & viol72 & ~proved_missing,
                     unknown=upheld_missing | (upheld & proved_missing)),
    }
    columns = {
        "interference_recorded": flags(interference, interference_missing),
        "withdrawal_improperly_induced": flags(withdrawal, withdrawal_missing),
        "reconsideration_upheld": flags(upheld, upheld_missing),
        "review_organ_proved_procedure": flags(~viol72, proved_missing),
    }
    return Conduct(columns=columns, district_missing=district_missing, referred=referred,
                   referred_missing=referred_missing, labels=labels)


def accountability(c: Conduct, labels: dict[str, np.ndarray], not_performed: np.ndarray):
    """12.2: a breach of 2.2 or 4.3, or a judgment not performed, calls for a referral; one not
    made (or not recorded: no record of a referral is no referral) is a breach. The column and
    the label."""
    calls = ((labels["2.2"] == Status.VIOLATION) | (labels["4.3"] == Status.VIOLATION)
             | not_performed)
    labels["12.2"] = label(calls, ~(c.referred & ~c.referred_missing))
    return flags(c.referred, ~calls | c.referred_missing)
