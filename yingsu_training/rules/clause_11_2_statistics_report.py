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

from ..schema import Status
from ._base import Blank, Facts, RuleResult, Tri, always, with_clause_text, year_ends, year_words
from ._reasons import Reason

CLAUSE_ID = "11.2"
RECORD = "agency_year"
READS = {"year": Blank.YEAR, "statistics_reported_on": Blank.EVENT, "included_in_annual_report": Blank.FLAG}


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


def reasons(facts: Facts, as_of: np.datetime64, status: np.ndarray, prior: dict):
    years, year_known = facts.count("year")
    end = year_ends(years, year_known)
    over = as_of > end
    reported = facts.date("statistics_reported_on")
    has_report = ~np.isnat(reported)
    included = facts.flag_or_false("included_in_annual_report")
    f = {"year": year_words(years), "end": end, "reported": reported}
    ok = status == Status.COMPLIANT
    return [
        Reason("late", has_report & (reported > end), "统计分析于{reported}报送，晚于年底（{end}）", f),
        Reason("missing", ~has_report & over, "{year}已结束（{end}），仍未报送统计分析", f),
        Reason("not_included", over & ~included, "应诉工作未纳入法治政府建设年度报告"),
        Reason("year_open", (status == Status.PENDING), "{year}尚未结束，统计分析应于{end}前报送", f),
        Reason("reported", ok, "统计分析于{reported}报送，未晚于年底", f),
        Reason("included", ok & over, "已纳入法治政府建设年度报告"),
    ], []


__doc__ = with_clause_text(__doc__, CLAUSE_ID, "clause_11_2_statistics_report.cases.yaml")
