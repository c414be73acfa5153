"""Shared machinery of the vectorised rules: three-valued logic over numpy arrays, typed access
to a record table, dated parameters and the per-rule result.

Three-valued (Kleene) logic: a :class:`Tri` holds two boolean arrays, ``t`` (known true) and
``f`` (known false); where neither is set the value is unknown because a fact the rule needs is
missing. Each rule is written so that its formulas are exact: a result is unknown only when the
verdict really depends on a missing fact (see docs/rules.md).
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from datetime import date
from functools import lru_cache

import numpy as np
import pandas as pd
from pandas.arrays import BooleanArray, IntegerArray

from .. import calendar as cal
from ..catalogue import obligations, parameters
from ..schema import Status

NAT = np.datetime64("NaT", "ns")
_NS_PER_DAY = 86_400_000_000_000


class Blank(str, Enum):
    """What an empty cell of a fact a rule reads stands for (each rule declares it in
    ``READS``; the per-record oracle and the explanations try every value it could have)."""

    FLAG = "flag"                 # unknown: true or false
    FLAG_OR_FALSE = "flag0"       # counts as false (the 4.2 triggers, the 12.2 input)
    EVENT = "event"               # did not happen (yet)
    DATE = "date"                 # a date that must exist: unknown, tried earliest and latest
    COUNT = "count"               # unknown: 0, 1, 2, 3, …
    YEAR = "year"                 # unknown year: tried long past and far future
    DECISION = "decision"         # decision_kind: see the rule's DECISION_DOMAIN
    HEAD = "head"                 # head_appeared: a flag, but a recorded head_role means "appeared"


#: an unknown date that must exist, tried at both ends (within datetime64[ns]); a period
#: starting on one of them ends on it (its length does not matter that far out)
EARLIEST = np.datetime64("1678-01-01", "ns")
LATEST = np.datetime64("2261-12-31", "ns")
#: an unknown year, tried at both ends
EARLIEST_YEAR, LATEST_YEAR = 1678, 2261


def is_sentinel(dates: np.ndarray) -> np.ndarray:
    """Where a ``datetime64[ns]`` array holds a tried-at-both-ends date (or its year's end)."""
    return (dates < np.datetime64("1679-01-01", "ns")) | (dates > np.datetime64("2261-01-01", "ns"))


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

    def __and__(self, other: "Tri") -> "Tri":
        return Tri(self.t & other.t, self.f | other.f)

    def __or__(self, other: "Tri") -> "Tri":
        return Tri(self.t | other.t, self.f & other.f)

    def __invert__(self) -> "Tri":
        return Tri(self.f, self.t)


class Facts:
    """Column access for the rules: numpy arrays in the shape the rules compute with.

    ``frame`` is the record table, or (``n`` given) a mapping of column name to Series of ``n``
    records: the explanations' tables of completed facts, which need no DataFrame built."""

    def __init__(self, frame: pd.DataFrame | dict[str, pd.Series], n: int | None = None):
        self.frame = frame
        self.n = len(frame) if n is None else n
        self._cache: dict[tuple[str, str], object] = {}
        #: column → where its value was filled in for an empty cell (see :meth:`filled`)
        self.filled_in: dict[str, np.ndarray] = {}

    def filled(self, name: str) -> np.ndarray:
        """Where the value of ``name`` stands for an empty cell that could hold others: the
        explanations try every value such a cell could have, and a reason may say that the
        verdict is the same whatever the cell holds. All false on records as they were given."""
        out = self.filled_in.get(name)
        return np.zeros(self.n, dtype=bool) if out is None else out

    def _get(self, kind: str, name: str, make):
        key = (kind, name)
        if key not in self._cache:
            self._cache[key] = make(self.frame[name])
        return self._cache[key]

    def _bool(self, name: str) -> tuple[np.ndarray, np.ndarray]:
        """(value, known) of a boolean column (pandas' public API: no private attributes)."""
        def make(s):
            arr = s.array
            if isinstance(arr, BooleanArray):
                return arr.to_numpy(dtype=bool, na_value=False), ~arr.isna()
            return s.to_numpy(dtype=bool, na_value=False), ~s.isna().to_numpy()
        return self._get("bool", name, make)

    def flag(self, name: str) -> Tri:
        """A boolean column; missing cells are unknown."""
        value, known = self._bool(name)
        return Tri(value & known, ~value & known)

    def flag_or_false(self, name: str) -> np.ndarray:
        """A boolean column whose missing cells count as false (4.2 triggers, 12.2 inputs)."""
        value, known = self._bool(name)
        return value & known

    def date(self, name: str) -> np.ndarray:
        """A date column as ``datetime64[ns]`` at midnight (missing: NaT); no copy when the
        column already has the contract dtype."""
        return self._get("date", name, lambda s: s.to_numpy(dtype="datetime64[ns]"))

    def present(self, name: str) -> np.ndarray:
        def make(s):
            arr = s.array
            if isinstance(arr, (BooleanArray, IntegerArray)):
                return ~arr.isna()
            if isinstance(s.dtype, np.dtype) and s.dtype.kind == "M":
                return ~np.isnat(s.to_numpy())
            return ~s.isna().to_numpy()
        return self._get("present", name, make)

    def count(self, name: str) -> tuple[np.ndarray, np.ndarray]:
        """An integer column: (values with 0 where missing, known mask)."""
        def make(s):
            arr = s.array
            if isinstance(arr, IntegerArray):
                return arr.to_numpy(dtype=np.int64, na_value=0), ~arr.isna()
            return s.to_numpy(dtype=np.int64, na_value=0), ~s.isna().to_numpy()
        return self._get("count", name, make)

    def category_is(self, name: str, values) -> np.ndarray:
        s = self.frame[name]
        values = list(values)
        if isinstance(s.dtype, pd.CategoricalDtype) and all(isinstance(v, str) for v in values):
            # by the categories' codes (-1, an empty cell, is none of them)
            hit = np.append(s.dtype.categories.isin(values), False)
            return hit[s.array.codes]
        return s.isin(values).to_numpy()


def deadlines(starts: np.ndarray, days) -> np.ndarray:
    """``period(start, days)`` for an array of ``datetime64[ns]`` starts (NaT stays NaT).

    Each distinct (start, days) pair is computed once with ``calendar.legal_deadlines``: a
    million cases have only a few thousand distinct dates.
    """
    starts = np.asarray(starts, dtype="datetime64[ns]")
    far = is_sentinel(starts)
    if far.any():                          # an unknown start tried at both ends: ends there
        out = deadlines(np.where(far, NAT, starts), days)
        return np.where(far, starts, out)
    if np.ndim(days) == 0:
        table = _deadline_table(starts, int(days))
        if table is not None:
            first, by_day = table
            known = ~np.isnat(starts)
            day = (starts.view(np.int64) - first.astype("datetime64[ns]").view(np.int64)) // _NS_PER_DAY
            return np.where(known, by_day[np.where(known, day, 0)], NAT)
        uniq, inverse = np.unique(starts, return_inverse=True)
        out = cal.legal_deadlines(pd.Series(uniq), int(days)).to_numpy(dtype="datetime64[ns]")
        return out[inverse.reshape(-1)]
    days = np.asarray(days, dtype=np.int64)
    lengths = pd.unique(days)
    if len(lengths) <= 4:                  # a few period lengths (dated parameters): each alone
        out = np.empty(len(starts), dtype="datetime64[ns]")
        for length in lengths:
            pick = days == length
            out[pick] = deadlines(starts[pick], int(length))
        return out
    pairs = np.stack([starts.view(np.int64), days], axis=1)
    uniq, inverse = np.unique(pairs, axis=0, return_inverse=True)
    out = cal.legal_deadlines(pd.Series(uniq[:, 0].view("datetime64[ns]")), uniq[:, 1])
    return out.to_numpy(dtype="datetime64[ns]")[inverse.reshape(-1)]


def _deadline_table(starts: np.ndarray, days: int):
    """The deadline for every day from the earliest to the latest start (computed once per
    calendar day, then looked up: no sorting of a million dates). None when that range is
    not computable as a whole (the caller then computes the distinct starts only, which
    raises the calendar's own error for a date that really needs an unknown year)."""
    known = starts[~np.isnat(starts)]
    if len(known) == 0:
        return None
    first, last = known.min(), known.max()
    span = int((last - first) // np.timedelta64(1, "D")) + 1
    if span > 20000:
        return None
    by_day = _deadlines_from(int(first.view(np.int64)), span, days)
    return None if by_day is None else (first, by_day)


@lru_cache(maxsize=64)
def _deadlines_from(first_ns: int, span: int, days: int) -> np.ndarray | None:
    """The deadline of a ``days`` period starting on each of ``span`` days from ``first_ns``
    (None when the calendar does not cover them all); kept for the next table of the same days
    (the explanations ask again for the facts they complete)."""
    first = np.datetime64(first_ns, "ns")
    every_day = first + np.arange(span) * np.timedelta64(1, "D")
    try:
        by_day = cal.legal_deadlines(pd.Series(every_day), days).to_numpy(dtype="datetime64[ns]")
    except cal.CalendarError:
        return None
    by_day.flags.writeable = False
    return by_day


def parameter_on(name: str, dates: np.ndarray) -> np.ndarray | int:
    """The value of a dated parameter in force on each ``datetime64[ns]`` date (missing dates:
    the latest value;
    dates before the first value: the first value, see docs/rules.md)."""
    values = parameters()[name].values
    if len(values) == 1:
        return values[0][1]
    starts = np.array([np.datetime64(d, "ns") for d, _ in values])
    vals = np.array([v for _, v in values], dtype=np.int64)
    pos = np.searchsorted(starts, dates, side="right") - 1
    pos = np.where(np.isnat(dates), len(vals) - 1, np.clip(pos, 0, None))
    return vals[pos]


def parameter_era(name: str, dates: np.ndarray) -> np.ndarray:
    """The index of a dated parameter's value in force on each ``datetime64[ns]`` date (missing
    dates and dates tried at both ends: the latest; before the first value: the first) — for
    ``period_rule``, whose values are citations."""
    values = parameters()[name].values
    dates = np.asarray(dates, dtype="datetime64[ns]")
    starts = np.array([np.datetime64(d, "ns") for d, _ in values])
    pos = np.clip(np.searchsorted(starts, dates, side="right") - 1, 0, None)
    return np.where(np.isnat(dates) | is_sentinel(dates), len(values) - 1, pos).astype(np.int64)


def law_days(module, facts: "Facts") -> np.ndarray:
    """Per record, the day whose law its source names, as the last change of the law its clause
    cites on or before that day (``LAW_ON``, the column a rule module names: the day a period
    started or the hearing; ``datetime64[ns]``, NaT for today's law: a missing or unknown day,
    one after the last change, or a rule without ``LAW_ON``)."""
    from ..catalogue import law_changes
    column = getattr(module, "LAW_ON", None)
    if column is None:
        return np.full(facts.n, NAT)
    changes = np.array([np.datetime64(d, "ns") for d in law_changes(module.CLAUSE_ID)])
    on = facts.date(column)
    pos = np.searchsorted(changes, on, side="right") - 1
    old = ~np.isnat(on) & ~is_sentinel(on) & (pos < len(changes) - 1)
    # before the first change: the day itself (none of the dated texts was in force yet)
    return np.where(old, np.where(pos < 0, on, changes[np.clip(pos, 0, None)]), NAT)


@lru_cache(maxsize=65536)
def parameter_scalar(name: str, on: date | None) -> int:
    """Scalar form of :func:`parameter_on` (used by the per-record reference): the catalogue's
    value in force on ``on``, the first value before it took effect, the latest for None."""
    p = parameters()[name]
    return p.at(None if on is None else max(on, p.values[0][0]))


def year_words(years: np.ndarray) -> np.ndarray:
    """2025年度, or 该年度 for a year tried at both ends."""
    far = (years <= EARLIEST_YEAR) | (years >= LATEST_YEAR)
    return np.where(far, "该年度", np.char.add(years.astype(str), "年度").astype(object))


def year_ends(years: np.ndarray, known: np.ndarray) -> np.ndarray:
    """31 December of each year as ``datetime64[D]`` (NaT where the year is missing)."""
    y = np.where(known, years, 1970) - 1970
    ends = (y.astype("datetime64[Y]") + np.timedelta64(1, "Y")).astype("datetime64[D]") - 1
    return np.where(known, ends.astype("datetime64[ns]"), NAT)


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

    def take(self, rows: np.ndarray) -> "RuleResult":
        """The result on ``rows`` only (the status codes taken along when already known)."""
        def tri(x: Tri) -> Tri:
            return Tri(x.t[rows], x.f[rows])
        out = RuleResult(tri(self.applies), tri(self.violation), tri(self.pending),
                         None if self.due is None or np.ndim(self.due) == 0 else self.due[rows])
        if getattr(self, "_codes", None) is not None:
            out._codes = self._codes[rows]
        return out

    def status_codes(self) -> np.ndarray:
        """One :class:`~yingsu_training.schema.Status` code per record (int8)."""
        if getattr(self, "_codes", None) is None:
            self._codes = self._status_codes()
        return self._codes

    def _status_codes(self) -> np.ndarray:
        # each three-valued mask as 0 (false), 1 (true), 2 (unknown); one table lookup
        def code(x: Tri) -> np.ndarray:
            c = x.t.view(np.int8) + 2 * (~(x.t | x.f)).view(np.int8)
            return c
        key = code(self.applies) * 9 + code(self.violation) * 3 + code(self.pending)
        return _STATUS_TABLE[key]


def _status_table() -> np.ndarray:
    """status code for (applies, violation, pending), each 0 false / 1 true / 2 unknown."""
    table = np.empty(27, dtype=np.int8)
    for a in range(3):
        for v in range(3):
            for p in range(3):
                if a == 0:
                    s = Status.NOT_APPLICABLE
                elif a == 2 or v == 2:
                    s = Status.INSUFFICIENT_DATA
                elif v == 1:
                    s = Status.VIOLATION
                else:
                    s = {1: Status.PENDING, 0: Status.COMPLIANT, 2: Status.INSUFFICIENT_DATA}[p]
                table[a * 9 + v * 3 + p] = s
    return table


_STATUS_TABLE = _status_table()


def head_appeared(facts: Facts) -> Tri:
    """``head_appeared``, where an empty cell is inferred from ``head_role``: the contract
    leaves ``head_role`` empty when no head appeared, so a recorded role means the head
    appeared (4.2, 4.3; see docs/rules.md)."""
    h = facts.flag("head_appeared")
    role = facts.present("head_role")
    return Tri(h.t | (role & ~h.f), h.f)


def always(n: int) -> Tri:
    return Tri.known(np.ones(n, dtype=bool))


def never(n: int) -> Tri:
    return Tri.known(np.zeros(n, dtype=bool))


def with_clause_text(doc: str | None, clause_id: str, cases: str | None = None) -> str:
    """A rule module's docstring followed by what belongs to its clause, loaded from data: the
    clause text (data/opinion.yaml), the duty and its legal basis quoted (data/obligations.yaml),
    the dated parameters (data/parameters.yaml) and where its readable cases are."""
    o = obligations()[clause_id]
    text = (f"{doc or ''}\n\nClause text (loaded from data/opinion.yaml):\n\n    {o.label}\n"
            f"    {o.clause.full_text}\n\nDuty (data/obligations.yaml): {o.duty}\n\nLegal basis:\n\n"
            + "".join(f"    {b.shown}\n" for b in o.legal_basis))
    for name in o.parameters:
        p = parameters()[name]
        dated = "; ".join(f"{v} from {d.isoformat()} ({p.reference_at(d).citation})" for d, v in p.values)
        text += f"\nParameter {name} ({p.description}, data/parameters.yaml): {dated}\n"
    if cases:
        text += f"\nReadable cases: yingsu_training/rules/{cases}\n"
    return text
