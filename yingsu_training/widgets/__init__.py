"""Notebook widgets for the training kit: thin ipywidgets views over pure functions.

Every widget is a class with a ``.widget`` (the ipywidgets container, shown by ``display(obj)``)
and its inputs and buttons as attributes, so tests and notebooks can set ``.value`` and call
``.click()``. The logic lives in plain functions next to each widget (``calendar_strip_html``,
``judge_deadline_answer``, ``head_appearance_verdict``, ``findings_html``, ``grade_quiz`` …).

CSS classes: the main exercise container carries ``yingsu-main``; feedback areas carry
``yingsu-feedback`` (see ``docs/widgets.md``).
"""
from __future__ import annotations

from .._lazy import lazy_exports

_EXPORTS = {
    "DeadlineCalculator": "deadline",
    "calendar_strip_html": "deadline",
    "strip_days": "deadline",
    "compute_deadline": "deadline",
    "judge_deadline_answer": "deadline",
    "period_choices": "deadline",
    "HeadAppearanceScenario": "head",
    "head_appearance_verdict": "head",
    "judge_head_answers": "head",
    "FindingsView": "findings",
    "findings_html": "findings",
    "CaseExplorer": "explorer",
    "filter_case_ids": "explorer",
    "case_facts_html": "explorer",
    "Quiz": "quiz",
    "grade_quiz": "quiz",
    "normalise_questions": "quiz",
    "show_clauses": "clauses",
    "clause_html": "clauses",
    "clauses_html": "clauses",
    "changes_table": "clauses",
    "changes_rows": "clauses",
    "ClauseBrowser": "clauses",
    "table": "tables",
    "exercise": "bank",
    "exercise_titles": "bank",
    "case_record": "records",
    "draw_case": "discussion",
    "CaseDiscussion": "discussion",
    "CaseSession": "discussion",
    "case_question": "discussion",
    "case_clauses": "discussion",
    "InstructorPanel": "instructor",
    "load_roster": "instructor",
    "Poller": "live",
    "ProgressView": "progress",
    "ClassProgress": "progress",
    "learning_progress": "progress",
    "progress_html": "progress",
}

__all__ = sorted(_EXPORTS)


__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS, globals())
