"""The answer store: durable, idempotent, safe with 150 writer processes, consistent after a kill."""
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from yingsu_training import identity, store

ROOT = Path(__file__).resolve().parents[1]
WRITERS, ANSWERS_EACH = 150, 30


@pytest.fixture
def db(tmp_path):
    identity.clear()
    yield store.open_store(tmp_path / "answers.sqlite3")
    identity.clear()


def _child(code: str, *args) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.Popen([sys.executable, "-c", textwrap.dedent(code), *map(str, args)], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_an_answer_is_stored_with_the_signed_in_trainee_and_read_back(db):
    identity.set_current("张三", unit="渝中区司法局", on_roster=True)
    rid = db.record(notebook="03-答辩期限", question="q1", answer=["B", "A"], correct=True, score=1,
                    clause="3.2", detail={"note": "第一次"})
    [a] = db.rows()
    assert a.id == rid and (a.trainee, a.unit, a.on_roster) == ("张三", "渝中区司法局", True)
    assert (a.notebook, a.question, a.clause, a.answer, a.correct, a.score) == \
        ("03-答辩期限", "q1", "3.2", ["B", "A"], True, 1.0)
    assert a.detail == {"note": "第一次"} and a.recorded_at[:4].isdigit() and "T" in a.recorded_at


def test_a_group_judgment_needs_no_trainee_and_keeps_the_group_name(db):
    db.record(notebook="10-案例研讨", question="case-1", clause="4.2", answer="违反", correct=None,
              group="第三组", kind="group")
    [a] = db.rows(kind="group")
    assert (a.trainee, a.grp, a.kind) == ("", "第三组", "group")
    assert db.answered_by("10-案例研讨", "case-1") == ["第三组"]


def test_the_same_submission_id_recorded_twice_is_stored_once(db):
    first = db.record(notebook="n", question="q", answer="A", correct=True, trainee="张三",
                      submission_id="s-1")
    again = db.record(notebook="n", question="q", answer="A", correct=True, trainee="张三",
                      submission_id="s-1")
    assert first == again and db.count() == 1


def test_the_distribution_counts_each_trainees_latest_answer(db):
    for who, ans in [("甲", "A"), ("乙", "B"), ("丙", "A"), ("甲", "B"), ("丁", None)]:
        db.record(notebook="n", question="q1", answer=ans, correct=ans == "B", trainee=who)
    assert db.distribution("n", "q1") == {"B": 2, "A": 1, "（未作答）": 1}
    assert db.answered_by("n", "q1") == ["甲", "乙", "丙", "丁"]


def test_the_distribution_of_one_question_inside_an_exercise_answer(db):
    db.record(notebook="练习", question="ex-1", answer={"q1": True, "q2": "合规"}, correct=None,
              trainee="甲", kind="exercise")
    db.record(notebook="练习", question="ex-1", answer={"q1": False, "q2": "合规"}, correct=None,
              trainee="乙", kind="exercise")
    assert db.distribution("练习", "ex-1", part="q1") == {"正确": 1, "错误": 1}


@pytest.mark.parametrize("clause, whole, expect_42, expect_43", [
    ("4.2", False, True, False),   # one clause revealed: only that clause
    (None, True, True, True),      # the whole question revealed: every clause
])
def test_a_reveal_covers_what_the_instructor_revealed_and_nothing_else(db, clause, whole, expect_42,
                                                                        expect_43):
    assert not db.revealed("10-案例研讨", "case-1")
    db.reveal("10-案例研讨", "case-1", clause)
    assert db.revealed("10-案例研讨", "case-1") is whole
    assert db.revealed("10-案例研讨", "case-1", "4.2") is expect_42
    assert db.revealed("10-案例研讨", "case-1", "4.3") is expect_43
    db.hide("10-案例研讨")
    assert not db.revealed("10-案例研讨", "case-1", "4.2")


def test_the_default_store_follows_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv(store.ENV_STORE, str(tmp_path / "elsewhere" / "class.sqlite3"))
    rid = store.record(notebook="n", question="q", answer=1, correct=None, trainee="甲")
    assert rid == 1 and (tmp_path / "elsewhere" / "class.sqlite3").exists()
    monkeypatch.delenv(store.ENV_STORE)
    monkeypatch.setenv(store.ENV_ANSWERS_DIR, str(tmp_path / "folder"))
    assert store.default_path() == tmp_path / "folder" / "answers.sqlite3"
    monkeypatch.delenv(store.ENV_ANSWERS_DIR)
    monkeypatch.chdir(tmp_path)
    assert store.default_path() == tmp_path / "answers" / "answers.sqlite3"


def test_a_store_that_cannot_be_opened_is_a_chinese_error_naming_the_file(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    with pytest.raises(store.StoreError, match="答题数据库 .*not-a-folder.* 无法打开"):
        store.Store(blocker / "answers.sqlite3")


WRITER = """
    import sys
    from yingsu_training.store import open_store
    db = open_store(sys.argv[1]); w = int(sys.argv[2]); n = int(sys.argv[3])
    for i in range(n):
        sid = f"{w}-{i}"
        db.record(notebook="n", question=f"q{i}", answer=i, correct=i % 2 == 0, trainee=f"学员{w}",
                  submission_id=sid)
        if i % 10 == 0:   # a retried submit (the acknowledgement was lost): must not duplicate
            db.record(notebook="n", question=f"q{i}", answer=i, correct=i % 2 == 0,
                      trainee=f"学员{w}", submission_id=sid)
"""


def test_150_writer_processes_at_once_lose_nothing_and_duplicate_nothing(tmp_path):
    path = tmp_path / "class.sqlite3"
    store.Store(path)  # created once, as the classroom does before the trainees arrive
    procs = [_child(WRITER, path, w, ANSWERS_EACH) for w in range(WRITERS)]
    failed = []
    for p in procs:
        out, err = p.communicate(timeout=600)
        if p.returncode:
            failed.append(err[-500:])
    assert not failed, failed[0]
    db = store.Store(path)
    got = [(a.submission_id, a.trainee, a.answer) for a in db.rows()]
    expected = {(f"{w}-{i}", f"学员{w}", i) for w in range(WRITERS) for i in range(ANSWERS_EACH)}
    assert len(got) == len(expected) and set(got) == expected
    assert db.integrity() == "ok"


KILLED = """
    import sys, time
    from yingsu_training.store import open_store
    db = open_store(sys.argv[1])
    for i in range(5):
        db.record(notebook="n", question="q", answer=i, correct=None, trainee="甲",
                  submission_id=f"acked-{i}")
        print("ack", i, flush=True)
    conn = db._connect()            # the sixth submit: inserted, not yet committed
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("INSERT INTO answers (submission_id, recorded_at, notebook, question, answer) "
                 "VALUES ('in-flight', 'now', 'n', 'q', '5')")
    print("inside", flush=True)
    time.sleep(600)
"""


def test_a_writer_killed_between_submit_and_acknowledgement_leaves_a_consistent_store(tmp_path):
    path = tmp_path / "class.sqlite3"
    p = _child(KILLED, path)
    lines = []
    for line in p.stdout:
        lines.append(line.strip())
        if line.startswith("inside"):
            break
    p.send_signal(signal.SIGKILL)
    p.wait(timeout=60)
    assert lines == [f"ack {i}" for i in range(5)] + ["inside"]
    db = store.Store(path)
    assert db.integrity() == "ok"
    assert [a.submission_id for a in db.rows()] == [f"acked-{i}" for i in range(5)]
    # the trainee's kernel restarts and submits again: stored once, and the lock is free
    db.record(notebook="n", question="q", answer=5, correct=None, trainee="甲", submission_id="in-flight")
    db.record(notebook="n", question="q", answer=5, correct=None, trainee="甲", submission_id="in-flight")
    assert db.count() == 6


RANDOM_KILL = """
    import sys
    from yingsu_training.store import open_store
    db = open_store(sys.argv[1])
    i = 0
    while True:
        db.record(notebook="n", question="q", answer=i, correct=None, trainee="乙",
                  submission_id=f"r-{i}")
        print(i, flush=True)
        i += 1
"""


def test_every_acknowledged_answer_survives_a_kill_in_the_middle_of_a_stream(tmp_path):
    path = tmp_path / "class.sqlite3"
    p = _child(RANDOM_KILL, path)
    acked = []
    for line in p.stdout:
        acked.append(int(line))
        if len(acked) == 40:
            break
    p.send_signal(signal.SIGKILL)
    p.wait(timeout=60)
    db = store.Store(path)
    assert db.integrity() == "ok"
    stored = [a.answer for a in db.rows()]
    assert stored[:40] == acked and stored == list(range(len(stored)))
