"""The Chinese reasons a rule gives, as data: which sentence holds for which record, and the
facts and computed dates it names. The text is put together last
(:mod:`yingsu_training.explanations`), never parsed back.

A rule module's ``reasons(facts, as_of, status, prior)`` returns a list of :class:`Reason`
and a list of :class:`Period`, computed on facts that are all known (the explanations fill
in every value a missing fact could have and keep what holds for all of them, as the
per-record oracle does). The order of the list is the order of the sentences.
"""
from __future__ import annotations

import itertools
import string
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from .. import calendar as cal
from ._base import is_sentinel


@dataclass
class Reason:
    """One sentence: ``template`` (Chinese, ``{field}`` placeholders) where ``holds``.

    ``fields`` are arrays over the records: ``datetime64[ns]`` dates (written 2025年10月09日),
    integers, or strings. With several templates, ``choice`` says which one each record gets.
    """

    code: str
    holds: np.ndarray
    template: str | tuple[str, ...]
    fields: dict[str, np.ndarray] = field(default_factory=dict)
    choice: np.ndarray | None = None


@dataclass
class Period:
    """A legal period a rule computed (start, number of days), shown with its roll-over
    where ``holds`` and the rule's due date is known."""

    name: str | tuple[str, ...]
    start: np.ndarray
    days: np.ndarray | int
    holds: np.ndarray
    choice: np.ndarray | None = None


def where(mask: np.ndarray, n: int | None = None) -> np.ndarray:
    """A boolean array (a scalar broadcast to ``n``)."""
    mask = np.asarray(mask, dtype=bool)
    return np.broadcast_to(mask, (n,)) if mask.ndim == 0 and n is not None else mask


# ---------------------------------------------------------------------------------------------
# writing facts as text, vectorised (few distinct values: each is written once)

_DAY0 = np.datetime64("1900-01-01", "D")
_DAYS = 73_000                               # 1900 … 2099


@lru_cache(maxsize=1)
def _day_words() -> np.ndarray:
    """2025年10月09日 for every day from 1900 to 2099 (an empty string after it: NaT)."""
    days = _DAY0 + np.arange(_DAYS)
    ymd = days.astype(str)
    words = [f"{t[:4]}年{t[5:7]}月{t[8:10]}日" for t in ymd]
    return np.array(words + [""], dtype=object)


def date_texts(dates: np.ndarray) -> np.ndarray:
    """``datetime64[ns]`` as 2025年10月09日 (object array; NaT: empty)."""
    days = (np.asarray(dates, dtype="datetime64[D]") - _DAY0).astype(np.int64)
    nat = np.isnat(np.asarray(dates))
    inside = (days >= 0) & (days < _DAYS)
    if (inside | nat).all():
        return _day_words()[np.where(nat, _DAYS, days)]
    out = _day_words()[np.where(inside & ~nat, days, _DAYS)]
    for i in np.flatnonzero(~inside & ~nat):
        out[i] = cal.fmt(dates[i])
    return out


def value_texts(values: np.ndarray) -> np.ndarray:
    """Any field array as an object array of strings."""
    values = np.asarray(values)
    if values.dtype.kind == "M":
        return date_texts(values)
    if values.dtype.kind in "iu":
        small = (values >= 0) & (values < len(_NUMBERS))
        if small.all():
            return _NUMBERS[values]
        return np.array([str(int(v)) for v in values], dtype=object)
    return values.astype(object)


_NUMBERS = np.array([str(i) for i in range(10_000)], dtype=object)
_FORMATTER = string.Formatter()


@lru_cache(maxsize=None)
def _parts(template: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(literals, field names) of a template: literal, field, literal, …, literal."""
    literals, names = [""], []
    for literal, name, _, _ in _FORMATTER.parse(template):
        literals[-1] += literal
        if name is not None:
            names.append(name)
            literals.append("")
    return tuple(literals), tuple(names)


def render(template: str, fields: dict[str, np.ndarray], rows: np.ndarray) -> np.ndarray:
    """``template`` filled in for ``rows`` (object array of strings)."""
    literals, names = _parts(template)
    if not names:                              # one sentence for all: one shared string
        return np.full(len(rows), template, dtype=object)
    values = [value_texts(fields[name][rows]) for name in names]
    columns = [itertools.repeat(literals[0])]
    for literal, column in zip(literals[1:], values):
        columns += [column, itertools.repeat(literal)]
    words = list(map("".join, zip(*columns)))
    return np.array(words, dtype=object)


def shows_far_date(reason: Reason, rows: np.ndarray) -> np.ndarray:
    """Where a reason would name a date that stands for an unknown one (not stated there)."""
    bad = np.zeros(len(rows), dtype=bool)
    templates = (reason.template,) if isinstance(reason.template, str) else reason.template
    for name in {name for t in templates for name in _parts(t)[1]}:
        values = reason.fields[name]
        if values.dtype.kind == "M":
            bad |= is_sentinel(values[rows])
    return bad


def reason_texts(reason: Reason, rows: np.ndarray) -> np.ndarray:
    """The sentence of ``reason`` for each of ``rows``."""
    if isinstance(reason.template, str):
        return render(reason.template, reason.fields, rows)
    out = np.empty(len(rows), dtype=object)
    choice = reason.choice[rows]
    for i, template in enumerate(reason.template):
        pick = np.flatnonzero(choice == i)
        if len(pick):
            out[pick] = render(template, reason.fields, rows[pick])
    return out


def period_names(period: Period, rows: np.ndarray) -> np.ndarray:
    if isinstance(period.name, str):
        return np.full(len(rows), period.name, dtype=object)
    return np.array(period.name, dtype=object)[period.choice[rows]]
