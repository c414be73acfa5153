"""Clause 11.2 — 十一（二）完善行政应诉案件统计通报制度.

Legal basis: the opinion 十一（二） (report before the end of each year, include in the annual
report on law-based government) (catalogue.obligations()["11.2"].legal_basis).

Rule (per agency and year): violation when ``statistics_reported_on`` is after 31 Dec of
``year``, or missing while ``as_of`` > 31 Dec, or not ``included_in_annual_report`` once the
year is over; pending when ``statistics_reported_on`` is missing and ``as_of`` ≤ 31 Dec.
"年底前" is a calendar date, not a period: 31 December does not roll over rest days.
``due``: 31 December of ``year``.
"""
from __future__ import annotations

import numpy as np

from ._base import Facts, RuleResult, Tri, always, with_clause_text, year_ends

CLAUSE_ID = "11.2"
RECORD = "agency_year"
READS = ("year", "statistics_reported_on", "included_in_annual_report")


def check(facts: Facts, as_of: np.datetime64, prior: dict) -> RuleResult:
    years, year_known = facts.count("year")
    end = year_ends(years, year_known)
    over = Tri.where_known(as_of > end, year_known)
    reported = facts.date("statistics_reported_on")
    has_report = Tri.known(facts.present("statistics_reported_on"))
    late = Tri.where_known(reported > end, year_known) & has_report
    violation = late | (~has_report & over) | (~facts.flag("included_in_annual_report") & over)
    return RuleResult(applies=always(facts.n), violation=violation, pending=~has_report & ~over,
                      due=end)


__doc__ = with_clause_text(__doc__, CLAUSE_ID)
