"""yingsu_training — 行政应诉培训与案例研讨工具包（渝府办发〔2016〕220号）.

Public API (imported lazily, so a notebook pays only for what it uses)::

    load_opinion()                       the opinion's 24 clauses as data
    obligations(), parameter(name)       the obligation catalogue and dated legal parameters
    legal_deadline(start, days)          a legal period on the State Council holiday calendar
    legal_deadlines(series, days)        the same, vectorised over a pandas Series
    load_cases / load_suggestions / load_agencies(path)   validated tables (DataError on bad input)
    check_cases / check_suggestions / check_agencies(df, as_of=None)   findings per clause
    explain(record)                      a one-record, per-clause report
    generate(n_cases, year, seed)        synthetic data with ground truth
    show_exercise(path_or_id)            an exercise as notebook widgets
"""
from __future__ import annotations

from ._lazy import lazy_exports

__version__ = "0.1.0"

_EXPORTS = {
    "load_opinion": "opinion",
    "Clause": "opinion",
    "Opinion": "opinion",
    "obligations": "catalogue",
    "obligation": "catalogue",
    "parameter": "catalogue",
    "parameters": "catalogue",
    "legal_deadline": "calendar",
    "legal_deadlines": "calendar",
    "deadline_detail": "calendar",
    "is_working_day": "calendar",
    "is_rest_day": "calendar",
    "add_calendar_year": "calendar",
    "CalendarError": "calendar",
    "DataError": "errors",
    "Problem": "errors",
    "load_cases": "loaders",
    "load_suggestions": "loaders",
    "load_agencies": "loaders",
    "load_table": "loaders",
    "coerce_frame": "loaders",
    "check_cases": "checks",
    "check_suggestions": "checks",
    "check_agencies": "checks",
    "explain": "checks",
    "explain_findings": "checks",
    "summary": "checks",
    "generate": "generator",
    "show_exercise": "exercises",
}

__all__ = sorted(_EXPORTS)


__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS, globals())
