"""Dates as int64 day numbers (days since 1970-01-01; NaT = :data:`NAT`) on the real calendar,
and the legal parameters in force on them: what every stage of a case's life counts with."""
from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from .. import calendar as cal
from ..catalogue import parameters

NAT = np.iinfo(np.int64).min  # NaT as int64 days


def parameter(name: str, on: date | None = None) -> int:
    """A legal parameter in force on ``on``; before its first date, its first value (the kit
    applies today's periods to older years, as the checker does)."""
    p = parameters()[name]
    if on is not None and on < p.values[0][0]:
        return p.values[0][1]
    return p.at(on)


def to_days(d: date) -> int:
    return int(np.datetime64(d, "D").astype(np.int64))


def dated(name: str, days: np.ndarray) -> np.ndarray:
    """A dated parameter's value in force on each day number (before its first date: its first
    value; NAT: the latest)."""
    p = parameters()[name]
    starts = np.array([to_days(d) for d, _ in p.values], dtype=np.int64)
    values = np.array([v for _, v in p.values], dtype=np.int64)
    pos = np.clip(np.searchsorted(starts, days, side="right") - 1, 0, None)
    return np.where(days == NAT, values[-1], values[pos])


def deadline(days: np.ndarray, n) -> np.ndarray:
    """period(start, n) on day numbers (NAT stays NAT)."""
    s = pd.Series(days.view("datetime64[D]").astype("datetime64[ns]"))
    return cal.legal_deadlines(s, n).to_numpy().astype("datetime64[D]").view(np.int64)


def deadline_var(starts: np.ndarray, days: np.ndarray) -> np.ndarray:
    """period(start, n) with a period length per row."""
    out = np.full(len(starts), NAT, dtype=np.int64)
    for d in np.unique(days):
        sel = (days == d) & (starts != NAT)
        if sel.any():
            out[sel] = deadline(starts[sel], int(d))
    return out


def working_on_or_after(days: np.ndarray) -> np.ndarray:
    return deadline(days, 0)


def working_days(start: date, end: date) -> np.ndarray:
    """The working days from ``start`` to ``end`` (调休 included)."""
    all_days = np.arange(to_days(start), to_days(end) + 1, dtype=np.int64)
    return all_days[working_on_or_after(all_days) == all_days]


def to_datetime(days: np.ndarray) -> np.ndarray:
    return days.view("datetime64[D]").astype("datetime64[ns]")


def happen(days: np.ndarray, as_of_d: int, snap: bool = True) -> np.ndarray:
    """Events fall on working days; those after ``as_of`` have not happened (NAT)."""
    out = np.where(days > as_of_d, NAT, days)
    if snap:
        present = out != NAT
        if present.any():
            out = out.copy()
            out[present] = working_on_or_after(out[present])
    return np.where(out > as_of_d, NAT, out)


def arrival(filed: np.ndarray, posted: np.ndarray, transit: np.ndarray, as_of_d: int) -> np.ndarray:
    """The day the court receives a filing: a posted one ``transit`` days after posting (on a
    working day; NAT when that is after the check date), the others on the day filed."""
    out = filed.copy()
    sel = posted != NAT
    if sel.any():
        out[sel] = happen(posted[sel] + transit[sel], as_of_d)
    return out
