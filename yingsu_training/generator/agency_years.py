"""One row per agency and year: trainings held (8.2), funding in the budget (9.1), the year's
statistics reported by 31 December and included in the annual report (11.2), the assessment
(12.1)."""
from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from ..schema import AGENCIES
from .days import NAT, happen, to_datetime, to_days
from .draws import counts, flags
from .labels import flag_label, label


def draw_agency_years(cases: pd.DataFrame, suggestions: pd.DataFrame, year: int, as_of: date,
                      rng, rates: dict, missing_rate: float):
    """(the agency-years table, {clause id: intended status codes})."""
    as_of_d = to_days(as_of)
    cats = cases["agency"].cat.categories
    used = np.unique(np.concatenate([cases["agency"].cat.codes.to_numpy(),
                                     suggestions["agency"].cat.codes.to_numpy()
                                     if len(suggestions) else np.array([], dtype=np.int8)]))
    used = used[used >= 0]
    k = len(used)
    none_held = rng.random(k) < rates["8.2"]
    trainings = np.where(none_held, 0, 1 + rng.poisson(0.8, k))
    no_funding = rng.random(k) < rates["9.1"]
    viol112 = rng.random(k) < rates["11.2"]
    kind = rng.random(k)
    dec31 = to_days(date(year, 12, 31))
    # statistics are reported in November or December; late ones in January–March
    stat = dec31 - rng.integers(0, 55, k)
    late = viol112 & (kind < 0.4)
    never = viol112 & (kind >= 0.4) & (kind < 0.6)
    not_included = viol112 & (kind >= 0.6)
    stat = np.where(late, dec31 + rng.integers(5, 80, k), stat)
    stat = np.where(never, NAT, stat)
    stat = happen(stat, as_of_d)      # on a working day: one due on a holiday 31 December is late
    not_assessed = rng.random(k) < rates["12.1"]
    miss = {c: rng.random(k) < missing_rate for c in ("t", "f", "i", "a")}
    over = np.full(k, as_of_d > dec31)
    always = np.ones(k, dtype=bool)
    reported = stat != NAT
    labels = {
        # 8.2: no training in a year that is over; before 31 December it may still come
        "8.2": label(always, none_held & ~miss["t"] & over, pending=none_held & ~over,
                     unknown=miss["t"]),
        "9.1": flag_label(no_funding, miss["f"]),
        # 11.2: statistics after 31 December or not reported once the year is over, or not in
        # the annual report (a blank there leaves a year that is over undecided); pending until
        # 31 December
        "11.2": label(always, (reported & (stat > dec31))
                      | (over & (~reported | (not_included & ~miss["i"]))),
                      pending=~reported & ~over, unknown=reported & over & miss["i"]),
        "12.1": flag_label(not_assessed, miss["a"]),
    }
    return pd.DataFrame({
        "agency": pd.Categorical.from_codes(used, categories=cats),
        "year": counts(np.full(k, year)),
        "trainings_held": counts(trainings, miss["t"]),
        "funding_in_budget": flags(~no_funding, miss["f"]),
        "statistics_reported_on": to_datetime(stat),
        "included_in_annual_report": flags(~not_included, miss["i"]),
        "in_assessment": flags(~not_assessed, miss["a"]),
    })[AGENCIES.names], labels
