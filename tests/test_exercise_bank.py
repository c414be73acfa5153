"""The starter bank in exercises/: every file validates, every clause is covered, the sets work."""
import json
from pathlib import Path

import pytest

from yingsu_training import load_opinion
from yingsu_training.catalogue import discussion_clause_ids
from yingsu_training.exercises import check_file, load_set, validate_paths
from yingsu_training.exercises.jsonschema_def import EDITOR_COPY, SCHEMA_FILE, build_schema
from yingsu_training.exercises.model import exercise_files, set_files

ROOT = Path(__file__).resolve().parents[1]
BANK = ROOT / "exercises"
FILES = exercise_files(BANK)


@pytest.fixture(autouse=True)
def _bank(monkeypatch):
    monkeypatch.setenv("YINGSU_EXERCISES_DIR", str(BANK))


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_every_exercise_in_the_bank_validates(path):
    ex, problems = check_file(path)
    assert problems == []
    assert ex.id == path.stem


def test_the_bank_and_its_sets_validate_as_a_whole():
    n, problems = validate_paths([BANK])
    assert problems == []
    assert n == len(FILES) + len(set_files(BANK))


def test_the_bank_has_at_least_24_exercises_covering_all_24_clauses():
    exercises = [check_file(p)[0] for p in FILES]
    assert len(exercises) >= 24
    covered = {q.clause for ex in exercises for q in ex.questions}
    assert covered == set(load_opinion().ids)


def test_every_discussion_clause_has_an_open_question_with_a_rubric():
    exercises = [check_file(p)[0] for p in FILES]
    with_open = {q.clause for ex in exercises for q in ex.questions if q.kind == "open" and q.rubric}
    assert set(discussion_clause_ids()) <= with_open


def test_the_bank_goes_from_easy_to_hard():
    levels = {check_file(p)[0].difficulty for p in FILES}
    assert levels == {1, 2, 3}


@pytest.mark.parametrize("day", ["2025-10-09", "2025-10-11", "2025-02-05", "2026-02-24", "2026-02-28"])
def test_the_bank_has_keys_on_tricky_real_calendar_days(day):
    keys = set()
    for p in FILES:
        ex = check_file(p)[0]
        keys |= {str(ex.key(q)) for q in ex.questions if q.kind == "date"}
    assert day in keys


def test_most_keys_in_the_bank_are_vouched_for_by_the_rules():
    questions = [q for p in FILES for q in check_file(p)[0].questions if q.auto]
    derived = [q for q in questions if q.derive is not None]
    assert len(derived) >= len(questions) / 2


def test_there_is_a_60_minute_annual_paper_and_a_self_study_set():
    paper = load_set("annual-training-2025")
    assert paper.minutes == 60
    exercises = [check_file(BANK / f"{e}.yaml")[0] for e in paper.exercises]
    assert 45 <= sum(ex.minutes for ex in exercises) <= 60
    self_study = load_set("self-study")
    assert set(self_study.exercises) == {p.stem for p in FILES}


def test_the_published_schema_is_the_one_the_code_builds_and_editors_get_the_same_file():
    built = build_schema()
    assert json.loads(SCHEMA_FILE.read_text(encoding="utf-8")) == built
    assert EDITOR_COPY.read_text(encoding="utf-8") == SCHEMA_FILE.read_text(encoding="utf-8")


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_every_exercise_points_editors_at_the_schema(path):
    assert path.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=schema.json")
