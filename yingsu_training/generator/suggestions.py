"""Judicial suggestions the agencies received in the year (most after a decision in one of
their cases) and their replies within 60 days, copied to the legal office (rule 10.1)."""
from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from ..opinion import load_opinion
from ..schema import SUGGESTIONS
from .complaint import numbered
from .days import NAT, deadline, happen, parameter, to_datetime, to_days, working_days
from .draws import flags, uniform_int
from .labels import label

SUGGESTIONS_PER_CASE = 0.06   # judicial suggestions per case


def draw_suggestions(cases: pd.DataFrame, year: int, start: date, end: date, as_of: date, rng,
                     rates: dict, missing_rate: float):
    """(the suggestions table, {"10.1": intended status codes})."""
    as_of_d = to_days(as_of)
    n_cases = len(cases)
    m = int(round(n_cases * SUGGESTIONS_PER_CASE)) if n_cases else 0
    if n_cases and m == 0:
        m = 1
    if m == 0:
        return SUGGESTIONS.empty(), {"10.1": np.zeros(0, dtype=np.int8)}
    workdays = working_days(start, end)
    src = rng.integers(0, n_cases, m)
    served = cases["decision_served_on"].to_numpy().astype("datetime64[D]").view(np.int64)[src]
    linked = (served != NAT) & (rng.random(m) < 0.8)
    received = np.where(linked, served + rng.integers(5, 60, m),
                        workdays[rng.integers(0, len(workdays), m)])
    # the year's suggestions: one that would arrive after the year (or the check date) is
    # instead received on a working day within it
    received = happen(received, to_days(end))
    redraw = received == NAT
    received[redraw] = workdays[rng.integers(0, len(workdays), int(redraw.sum()))]
    linked &= ~redraw
    order = np.argsort(received, kind="stable")
    src, received, linked = src[order], received[order], linked[order]
    reply_days = parameter("suggestion_reply_days", start)
    due = deadline(received, reply_days)
    viol = rng.random(m) < rates["10.1"]
    kind = rng.random(m)
    late = viol & (kind < 0.45)
    never = viol & (kind >= 0.45) & (kind < 0.7)
    not_copied = viol & (kind >= 0.7)
    replied = np.where(late, due + rng.integers(1, 40, m),
                       uniform_int(rng, received + 10, due))
    replied = np.where(never, NAT, replied)
    replied = happen(replied, as_of_d)
    copied_missing = (replied == NAT) | (rng.random(m) < missing_rate)
    # 10.1, the opinion's own duty (not for suggestions received before it): a reply late or
    # never sent is a breach once the 60 days have passed, pending until then like a reply on
    # time still to come; a reply not copied to the legal office is one too, and a blank copy
    # leaves a reply sent undecided
    sent = replied != NAT
    labels = {"10.1": label(received >= to_days(load_opinion().issued_on),
                            ((late | never) & (as_of_d > due)) | (not_copied & sent & ~copied_missing),
                            pending=~sent, unknown=sent & copied_missing)}
    ids = numbered(f"（{year}）渝", ["模拟"], np.zeros(m, dtype=np.int64), "司建", "号")
    agency = cases["agency"].to_numpy()[src]
    case_id = cases["case_id"].to_numpy(dtype=object)[src]
    case_id = np.where(linked, case_id, None)
    return pd.DataFrame({
        "suggestion_id": ids,
        "agency": pd.Categorical(agency, categories=cases["agency"].cat.categories),
        "received_on": to_datetime(received),
        "replied_on": to_datetime(replied),
        "copied_to_legal_office": flags(~not_copied, copied_missing),
        "case_id": pd.array(case_id, dtype="string"),
    })[SUGGESTIONS.names], labels
