"""Clause 8.2 — 八（二）建立行政应诉培训制度.

Legal basis: the opinion 八（二） (one or two central trainings a year)
(catalogue.obligations()["8.2"].legal_basis).

Rule (per agency and year): violation when ``trainings_held`` < trainings_per_year_min once the
year is over; pending while the year is not over (``as_of`` ≤ 31 Dec). A known training count at
or above the minimum is compliant even if ``year`` is missing.
``due``: 31 December of ``year``.
"""
from __future__ import annotations

import numpy as np

from ._base import Blank, Facts, RuleResult, Tri, always, parameter_on, with_clause_text, year_ends, year_words
from ._reasons import Reason

CLAUSE_ID = "8.2"
RECORD = "agency_year"
READS = {"year": Blank.YEAR, "trainings_held": Blank.COUNT}


def check(facts: Facts, as_of: np.datetime64, prior: dict) -> RuleResult:
    years, year_known = facts.count("year")
    end = year_ends(years, year_known)
    over = Tri.where_known(as_of > end, year_known)
    held, held_known = facts.count("trainings_held")
    too_few = Tri.where_known(held < parameter_on("trainings_per_year_min", end), held_known)
    return RuleResult(applies=always(facts.n), violation=over & too_few,
                      pending=~over & too_few, due=end)


def reasons(facts: Facts, as_of: np.datetime64, status: np.ndarray, prior: dict):
    years, year_known = facts.count("year")
    end = year_ends(years, year_known)
    held, _ = facts.count("trainings_held")
    minimum = np.broadcast_to(parameter_on("trainings_per_year_min", end), (facts.n,))
    f = {"year": year_words(years), "held": held, "minimum": minimum}
    enough = held >= minimum
    return [
        Reason("enough", enough, "{year}开展集中培训{held}次，不少于{minimum}次", f),
        Reason("too_few", ~enough & (as_of > end), "{year}已结束，全年开展集中培训{held}次，少于{minimum}次", f),
        Reason("year_open", ~enough & (as_of <= end), "{year}尚未结束，目前开展集中培训{held}次", f),
    ], []


__doc__ = with_clause_text(__doc__, CLAUSE_ID, "clause_8_2_annual_training.cases.yaml")
