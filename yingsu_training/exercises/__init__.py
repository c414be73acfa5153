"""Case exercises: instructors write them (YAML), the kit validates them against the rules,
trainees answer them in a notebook and get graded.

Public API::

    show_exercise(path_or_id, trainee=None, answers_dir=None)   widgets for one exercise
    set_trainee(name)                   who is answering in this session
    load_exercise(path_or_id)           a validated Exercise (ExerciseError listing every problem)
    check_file(path)                    (Exercise | None, problems) — every problem with its line
    validate_paths(paths)               (files checked, problems) — default: all of exercises/
    load_set(name_or_path)              an ExerciseSet from exercises/sets/
    build_notebook(exercise_set, out)   a trainee notebook with no keys in it
    import_answer_files(paths)          old JSONL answer folders into the answer store
    grade_store(store) / write_scores(sheets, out)   grade the store's answers into a workbook

See docs/exercises.md for the file format.
"""
from __future__ import annotations

from .._lazy import lazy_exports

_EXPORTS = {
    "show_exercise": "widgets", "feedback_html": "widgets",
    "set_trainee": "answers", "current_trainee": "answers", "record_submission": "answers",
    "import_answer_files": "answers",
    "read_answer_file": "answers", "safe_name": "answers", "TraineeError": "answers",
    "load_exercise": "validate", "check_file": "validate", "validate_paths": "validate",
    "load_set": "sets", "check_set_file": "sets", "ExerciseSet": "sets",
    "build_notebook": "notebook",
    "grade_files": "grading", "grade_store": "grading", "grade_answers": "grading", "write_scores": "results",
    "Exercise": "core", "Question": "core", "ExerciseError": "core", "ExerciseProblem": "core",
    "find_exercise": "model", "exercises_dir": "model",
    "skeleton": "skeleton",
}
__all__ = sorted(_EXPORTS)


__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS, globals())
