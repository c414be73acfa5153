"""Shared machinery of the vectorised rules: three-valued logic over numpy arrays, typed access
to a record table, dated parameters and the per-rule result.

Three-valued (Kleene) logic: a :class:`Tri` holds two boolean arrays, ``t`` (known true) and
``f`` (known false); where neither is set the value is unknown because a fact the rule needs is
missing. Each rule is written so that its formulas are exact: a result is unknown only when the
verdict really depends on a missing fact (see docs/rules.md).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from .. import calendar as cal
from ..catalogue import obligations, parameters

NAT = np.datetime64("NaT", "D")


class Tri:
    """A three-valued boolean array: ``t`` known true, ``f`` known false, neither: unknown."""

    __slots__ = ("t", "f")

    def __init__(self, t: np.ndarray, f: np.ndarray):
        self.t = t
        self.f = f

    @classmethod
    def known(cls, mask: np.ndarray) -> "Tri":
        """A fully known value."""
        mask = np.asarray(mask, dtype=bool)
        return cls(mask, ~mask)

    @classmethod
    def where_known(cls, value: np.ndarray, known: np.ndarray) -> "Tri":
        """``value`` where ``known``, unknown elsewhere."""
        return cls(value & known, ~value & known)

    @property
    def unknown(self) -> np.ndarray:
        return ~(self.t | self.f)

    def __and__(self, other: "Tri") -> "Tri":
        return Tri(self.t & other.t, self.f | other.f)

    def __or__(self, other: "Tri") -> "Tri":
        return Tri(self.t | other.t, self.f & other.f)

    def __invert__(self) -> "Tri":
        return Tri(self.f, self.t)


class Facts:
    """Column access for the rules: numpy arrays in the shape the rules compute with."""

    def __init__(self, frame: pd.DataFrame):
        self.frame = frame
        self.n = len(frame)
        self._cache: dict[tuple[str, str], object] = {}

    def _get(self, kind: str, name: str, make):
        key = (kind, name)
        if key not in self._cache:
            self._cache[key] = make(self.frame[name])
        return self._cache[key]

    def flag(self, name: str) -> Tri:
        """A boolean column; missing cells are unknown."""
        def make(s):
            known = ~s.isna().to_numpy()
            value = s.to_numpy(dtype=bool, na_value=False)
            return Tri(value & known, ~value & known)
        return self._get("flag", name, make)

    def flag_or_false(self, name: str) -> np.ndarray:
        """A boolean column whose missing cells count as false (4.2 triggers, 12.2 inputs)."""
        return self._get("flag0", name, lambda s: s.to_numpy(dtype=bool, na_value=False))

    def date(self, name: str) -> np.ndarray:
        """A date column as ``datetime64[D]`` (missing: NaT)."""
        return self._get("date", name,
                         lambda s: s.to_numpy(dtype="datetime64[ns]").astype("datetime64[D]"))

    def present(self, name: str) -> np.ndarray:
        return self._get("present", name, lambda s: ~s.isna().to_numpy())

    def count(self, name: str) -> tuple[np.ndarray, np.ndarray]:
        """An integer column: (values with 0 where missing, known mask)."""
        def make(s):
            return s.to_numpy(dtype=np.int64, na_value=0), ~s.isna().to_numpy()
        return self._get("count", name, make)

    def category_is(self, name: str, values) -> np.ndarray:
        s = self.frame[name]
        return s.isin(list(values)).to_numpy()


def deadlines(starts: np.ndarray, days) -> np.ndarray:
    """``period(start, days)`` for an array of ``datetime64[D]`` starts (NaT stays NaT)."""
    out = cal.legal_deadlines(pd.Series(starts.astype("datetime64[ns]")), days)
    return out.to_numpy(dtype="datetime64[ns]").astype("datetime64[D]")


def parameter_on(name: str, dates: np.ndarray) -> np.ndarray | int:
    """The value of a dated parameter in force on each date (missing dates: the latest value;
    dates before the first value: the first value, see docs/rules.md)."""
    values = parameters()[name].values
    if len(values) == 1:
        return values[0][1]
    starts = np.array([np.datetime64(d, "D") for d, _ in values])
    vals = np.array([v for _, v in values], dtype=np.int64)
    pos = np.searchsorted(starts, dates, side="right") - 1
    pos = np.where(np.isnat(dates), len(vals) - 1, np.clip(pos, 0, None))
    return vals[pos]


def parameter_scalar(name: str, on: date | None) -> int:
    """Scalar form of :func:`parameter_on` (used by the per-record reference)."""
    values = parameters()[name].values
    if on is None:
        return values[-1][1]
    current = values[0][1]
    for start, value in values:
        if start <= on:
            current = value
    return current


def year_ends(years: np.ndarray, known: np.ndarray) -> np.ndarray:
    """31 December of each year as ``datetime64[D]`` (NaT where the year is missing)."""
    y = np.where(known, years, 1970) - 1970
    ends = (y.astype("datetime64[Y]") + np.timedelta64(1, "Y")).astype("datetime64[D]") - 1
    return np.where(known, ends, NAT)


@dataclass
class RuleResult:
    """What a vectorised rule returns, one entry per record.

    ``applies``/``violation``/``pending`` are three-valued; the status follows from them:
    not applicable where ``applies`` is known false; insufficient data where a needed value is
    unknown; else violation, pending or compliant. ``due`` is the computed deadline (NaT: none).
    """

    applies: Tri
    violation: Tri
    pending: Tri
    due: np.ndarray | None = None

    @property
    def insufficient(self) -> np.ndarray:
        """Missing facts that block a verdict."""
        a, v, p = self.applies, self.violation, self.pending
        return a.unknown | (a.t & (v.unknown | (v.f & p.unknown)))

    def status_codes(self) -> np.ndarray:
        """Codes into ``schema.STATUSES`` (compliant, violation, pending, not_applicable,
        insufficient_data)."""
        a, v, p = self.applies, self.violation, self.pending
        codes = np.full(len(a.t), 4, dtype=np.int8)            # insufficient_data
        codes[a.f] = 3                                            # not_applicable
        on = a.t
        codes[on & v.t] = 1                                       # violation
        codes[on & v.f & p.t] = 2                                 # pending
        codes[on & v.f & p.f] = 0                                 # compliant
        return codes


def always(n: int) -> Tri:
    return Tri.known(np.ones(n, dtype=bool))


def never(n: int) -> Tri:
    return Tri.known(np.zeros(n, dtype=bool))


def label(clause_id: str) -> str:
    return obligations()[clause_id].label


def with_clause_text(doc: str | None, clause_id: str) -> str:
    """A rule module's docstring followed by the clause text, loaded from the opinion data."""
    o = obligations()[clause_id]
    return (f"{doc or ''}\n\nClause text (loaded from data/opinion.yaml):\n\n    {o.label}\n"
            f"    {o.clause.full_text}\n\nLegal basis (data/obligations.yaml): {o.citations}\n")
