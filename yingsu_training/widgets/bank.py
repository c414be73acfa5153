"""The exercise bank inside a lesson: a case exercise shown as a secondary exercise, and which
exercises examine a clause."""
from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def _exercise_index() -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    from ..exercises.model import exercise_files, load_located

    out = []
    for path in exercise_files():
        doc = load_located(path).data or {}  # the exercises' own safe YAML reader
        out.append((str(doc.get("id", path.stem)), str(doc.get("title", "")),
                    tuple(str(c) for c in doc.get("clauses", []))))
    return tuple(out)


def exercise_titles(clause_id: str) -> list[tuple[str, str]]:
    """(id, title) of the case exercises in exercises/ that examine this clause."""
    return [(i, t) for i, t, clauses in _exercise_index() if str(clause_id) in clauses]


def exercise(exercise_id: str, *, main: bool = False):
    """An exercise from exercises/ (``show_exercise``) in a lesson, with one call.

    A lesson's quiz is an exercise of the bank like any other (keys derived by the rules where
    checkable, validated by ``yingsu exercise validate``, answers recorded in the answer store).
    With ``main=True`` it is the lesson's main exercise (CSS class ``yingsu-main``); otherwise a
    secondary one, which gives the class up.
    """
    from ..exercises import show_exercise

    box = show_exercise(exercise_id)
    if not main:
        box.remove_class("yingsu-main")
    return box
