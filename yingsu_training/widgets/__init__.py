"""Notebook widgets for the training kit: thin ipywidgets views over pure functions.

Every widget is a class with a ``.widget`` (the ipywidgets container, shown by ``display(obj)``)
and its inputs and buttons as attributes, so tests and notebooks can set ``.value`` and call
``.click()``. The logic lives in plain functions next to each widget (``calendar_strip_html``,
``judge_deadline_answer``, ``head_appearance_verdict``, ``findings_html``, ``grade_quiz`` …).

CSS classes: the main exercise container carries ``yingsu-main``; feedback areas carry
``yingsu-feedback`` (see ``docs/widgets.md``).
"""
from __future__ import annotations

import importlib

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
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'yingsu_training.widgets' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__():
    return sorted(list(globals()) + __all__)
