"""The answer store of record: every answer a trainee gives, in one SQLite database (WAL mode).

Quizzes, the deadline calculator, the head-appearance scenario, exercises and 10-案例研讨's group
judgments all call :func:`record`; grading, the results workbook, the instructor's live page and
the 学习进度 view read it. The instructor's reveals (a question, or one clause of it) live here
too, so every trainee kernel can poll them.

    record(notebook="03-答辩期限", question="q1", answer="B", correct=True)   -> row id
    open_store()                  the default store: $YINGSU_STORE, else ./answers/answers.sqlite3
    open_store(path).answers()    every answer as a pandas DataFrame
    reveal(nb, q, clause=None) / revealed(nb, q, clause=None)

Guarantees:

* **Durable when it returns.** Each answer is one short transaction committed with
  ``synchronous=FULL`` (the WAL is fsync-ed at commit); a kernel killed before the commit leaves
  no trace of that answer and the store consistent (SQLite's journal), one killed after loses
  nothing.
* **Many writers.** 150 kernels may write at once: WAL lets readers run beside the one writer,
  writers wait for each other (``busy_timeout``) and a writer that still finds the database busy
  retries with a growing, jittered pause.
* **Idempotent.** Every answer carries a submission id (``submission_id``; a fresh UUID unless the
  caller gives one). Recording the same id again — a retried submit, a re-imported JSONL file —
  returns the first row's id and adds nothing.

Times are stored as ISO 8601 with the UTC offset of the kernel (``2026-12-02T09:15:03+08:00``).
"""
from __future__ import annotations

import json
import os
import random
import sqlite3
import threading
import time
import uuid
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Iterable

ENV_STORE = "YINGSU_STORE"
DEFAULT_NAME = "answers.sqlite3"
SCHEMA_VERSION = 1
BUSY_TIMEOUT_MS = 30_000
RETRIES = 12

KINDS = ("quiz", "exercise", "deadline", "scenario", "group", "paper")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS answers (
    id            INTEGER PRIMARY KEY,
    submission_id TEXT NOT NULL UNIQUE,
    recorded_at   TEXT NOT NULL,
    trainee       TEXT NOT NULL DEFAULT '',
    unit          TEXT NOT NULL DEFAULT '',
    on_roster     INTEGER,
    notebook      TEXT NOT NULL,
    question      TEXT NOT NULL,
    clause        TEXT,
    kind          TEXT NOT NULL DEFAULT 'quiz',
    grp           TEXT,
    answer        TEXT,
    correct       INTEGER,
    score         REAL,
    max_score     REAL,
    detail        TEXT
);
CREATE INDEX IF NOT EXISTS answers_by_question ON answers (notebook, question, id);
CREATE INDEX IF NOT EXISTS answers_by_trainee ON answers (trainee, notebook, question, id);
CREATE TABLE IF NOT EXISTS reveals (
    notebook    TEXT NOT NULL,
    question    TEXT NOT NULL,
    clause      TEXT NOT NULL DEFAULT '',
    revealed_at TEXT NOT NULL,
    PRIMARY KEY (notebook, question, clause)
);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""

#: the answers table's columns, in order, as :meth:`Store.answers` returns them
COLUMNS = ("id", "submission_id", "recorded_at", "trainee", "unit", "on_roster", "notebook",
           "question", "clause", "kind", "grp", "answer", "correct", "score", "max_score", "detail")


class StoreError(RuntimeError):
    """The store cannot be opened or written (message in Chinese, naming the file)."""


ENV_ANSWERS_DIR = "YINGSU_ANSWERS_DIR"


def default_path() -> Path:
    """``$YINGSU_STORE`` if set, else ``answers.sqlite3`` in ``$YINGSU_ANSWERS_DIR``, else
    ``answers/answers.sqlite3`` in the kernel's working dir."""
    env = os.environ.get(ENV_STORE)
    if env:
        return Path(env)
    folder = os.environ.get(ENV_ANSWERS_DIR)
    return (Path(folder) if folder else Path.cwd() / "answers") / DEFAULT_NAME


def now() -> str:
    return datetime.now().astimezone().isoformat(timespec="milliseconds")


def _is_busy(exc: sqlite3.OperationalError) -> bool:
    text = str(exc).lower()
    return "locked" in text or "busy" in text


@dataclass(frozen=True)
class Answer:
    """One stored answer (a row of the store), JSON fields decoded."""
    id: int
    submission_id: str
    recorded_at: str
    trainee: str
    unit: str
    on_roster: bool | None
    notebook: str
    question: str
    clause: str | None
    kind: str
    grp: str | None
    answer: Any
    correct: bool | None
    score: float | None
    max_score: float | None
    detail: dict | None

    @classmethod
    def from_row(cls, row) -> "Answer":
        d = dict(zip(COLUMNS, row))
        d["answer"] = json.loads(d["answer"]) if d["answer"] is not None else None
        d["detail"] = json.loads(d["detail"]) if d["detail"] else None
        d["correct"] = None if d["correct"] is None else bool(d["correct"])
        d["on_roster"] = None if d["on_roster"] is None else bool(d["on_roster"])
        return cls(**d)


class Store:
    """One answer database. Cheap to keep open: one connection per process and thread."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self._local = threading.local()
        self._connect()  # create the schema now, so errors surface at open

    # -- connection ---------------------------------------------------------------------------
    def _connect(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is not None and getattr(self._local, "pid", None) == os.getpid():
            return conn
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None,
                                   check_same_thread=False)
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            self._retry(lambda: self._init(conn))
        except (sqlite3.Error, OSError) as exc:
            raise StoreError(f"答题数据库 {self.path} 无法打开：{exc}") from None
        self._local.conn, self._local.pid = conn, os.getpid()
        return conn

    @staticmethod
    def _init(conn: sqlite3.Connection) -> None:
        mode = conn.execute("PRAGMA journal_mode").fetchone()[0]
        if mode.lower() != "wal":
            conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        have = conn.execute("SELECT name FROM sqlite_master WHERE type='table' AND name='meta'"
                            ).fetchone()
        if have is None:
            conn.execute("BEGIN IMMEDIATE")
            try:
                for stmt in _SCHEMA.split(";"):
                    if stmt.strip():
                        conn.execute(stmt)
                conn.execute("INSERT OR IGNORE INTO meta VALUES ('schema_version', ?)",
                             (str(SCHEMA_VERSION),))
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise

    @staticmethod
    def _retry(fn):
        delay = 0.01
        for attempt in range(RETRIES):
            try:
                return fn()
            except sqlite3.OperationalError as exc:
                if not _is_busy(exc) or attempt == RETRIES - 1:
                    raise
                time.sleep(delay * (1 + random.random()))
                delay = min(delay * 2, 1.0)

    def _writer_lock(self):
        """An exclusive lock on ``<store>.lock`` held for one write transaction: writers queue in
        the kernel and each wakes as soon as the previous one commits (SQLite's own busy wait
        polls, so under 150 writers some would wait far longer than others). Where ``fcntl`` is
        missing (Windows) SQLite's busy timeout alone serialises the writers."""
        import contextlib
        try:
            import fcntl
        except ImportError:  # pragma: no cover - Windows
            return contextlib.nullcontext()
        fd = getattr(self._local, "lock_fd", None)
        if fd is None or getattr(self._local, "lock_pid", None) != os.getpid():
            fd = os.open(f"{self.path}.lock", os.O_RDWR | os.O_CREAT, 0o644)
            self._local.lock_fd, self._local.lock_pid = fd, os.getpid()

        @contextlib.contextmanager
        def held():
            fcntl.flock(fd, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(fd, fcntl.LOCK_UN)
        return held()

    def _write(self, sql: str, params: tuple = ()) -> sqlite3.Cursor:
        conn = self._connect()

        def once():
            with self._writer_lock():
                conn.execute("BEGIN IMMEDIATE")
                try:
                    cur = conn.execute(sql, params)
                    conn.execute("COMMIT")
                    return cur
                except BaseException:
                    if conn.in_transaction:
                        conn.execute("ROLLBACK")
                    raise

        try:
            return self._retry(once)
        except (sqlite3.Error, OSError) as exc:
            raise StoreError(f"答案未能写入答题数据库 {self.path}：{exc}") from None

    def _read(self, sql: str, params: tuple = ()) -> list[tuple]:
        conn = self._connect()
        try:
            return self._retry(lambda: conn.execute(sql, params).fetchall())
        except sqlite3.Error as exc:
            raise StoreError(f"答题数据库 {self.path} 无法读取：{exc}") from None

    def close(self) -> None:
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None

    # -- writing ------------------------------------------------------------------------------
    def record(self, *, notebook: str, question: str, answer: Any, correct: bool | None,
               score: float | None = None, trainee=None, group: str | None = None,
               kind: str = "quiz", detail: dict | None = None, clause: str | None = None,
               max_score: float | None = None, submission_id: str | None = None,
               recorded_at: str | datetime | None = None) -> int:
        """Store one answer; returns its row id once it is on disk (see the module docstring).

        ``trainee`` is an :class:`~yingsu_training.identity.Trainee`, a name, or None for the
        kernel's signed-in trainee (``identity.current()``; '' when nobody signed in, e.g. a
        group's judgment). The same ``submission_id`` recorded twice is stored once.
        """
        if trainee is None:
            from . import identity
            trainee = identity.current()
        if isinstance(trainee, str):
            name, unit, on_roster = trainee.strip(), "", None
        elif trainee is None:
            name, unit, on_roster = "", "", None
        else:
            name, unit, on_roster = trainee.name, trainee.unit, trainee.on_roster
        if isinstance(recorded_at, datetime):
            recorded_at = recorded_at.astimezone().isoformat(timespec="milliseconds")
        sid = submission_id or uuid.uuid4().hex
        params = (sid, recorded_at or now(), name, unit,
                  None if on_roster is None else int(bool(on_roster)), str(notebook), str(question),
                  None if clause is None else str(clause), str(kind), group,
                  json.dumps(answer, ensure_ascii=False, default=str),
                  None if correct is None else int(bool(correct)),
                  None if score is None else float(score),
                  None if max_score is None else float(max_score),
                  json.dumps(detail, ensure_ascii=False, default=str) if detail else None)
        self._write("INSERT INTO answers (submission_id, recorded_at, trainee, unit, on_roster, "
                    "notebook, question, clause, kind, grp, answer, correct, score, max_score, "
                    "detail) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) "
                    "ON CONFLICT(submission_id) DO NOTHING", params)
        return self._read("SELECT id FROM answers WHERE submission_id = ?", (sid,))[0][0]

    def reveal(self, notebook: str, question: str, clause: str | None = None) -> None:
        """The instructor reveals a question's verdict (or one clause of it) to every trainee."""
        self._write("INSERT OR IGNORE INTO reveals VALUES (?,?,?,?)",
                    (str(notebook), str(question), clause or "", now()))

    def hide(self, notebook: str, question: str | None = None, clause: str | None = None) -> None:
        """Take back a reveal (one clause, a question, or — question None — the whole notebook)."""
        if question is None:
            self._write("DELETE FROM reveals WHERE notebook = ?", (notebook,))
        elif clause is None:
            self._write("DELETE FROM reveals WHERE notebook = ? AND question = ?", (notebook, question))
        else:
            self._write("DELETE FROM reveals WHERE notebook = ? AND question = ? AND clause = ?",
                        (notebook, question, clause))

    # -- reading ------------------------------------------------------------------------------
    def revealed(self, notebook: str, question: str | None = None,
                 clause: str | None = None) -> bool | set:
        """With a question: is it (or ``clause`` of it) revealed? A question's whole reveal
        (clause None) covers its clauses. Without a question: the set of (question, clause)
        pairs revealed in the notebook (clause '' = the whole question)."""
        if question is None:
            return set(self._read("SELECT question, clause FROM reveals WHERE notebook = ?",
                                  (notebook,)))
        rows = self._read("SELECT clause FROM reveals WHERE notebook = ? AND question = ?",
                          (notebook, question))
        got = {r[0] for r in rows}
        return "" in got or (clause is not None and clause in got)

    def revealed_clauses(self, notebook: str, question: str) -> set[str]:
        rows = self._read("SELECT clause FROM reveals WHERE notebook = ? AND question = ? "
                          "AND clause != ''", (notebook, question))
        return {r[0] for r in rows}

    def rows(self, *, notebook: str | None = None, question: str | None = None,
             kind: str | Iterable[str] | None = None, trainee: str | None = None,
             clause: str | None = None, since_id: int = 0) -> list[Answer]:
        """Stored answers in the order they were recorded, filtered."""
        where, params = ["id > ?"], [since_id]
        for col, val in (("notebook", notebook), ("question", question), ("trainee", trainee),
                         ("clause", clause)):
            if val is not None:
                where.append(f"{col} = ?")
                params.append(val)
        if kind is not None:
            kinds = [kind] if isinstance(kind, str) else list(kind)
            where.append(f"kind IN ({','.join('?' * len(kinds))})")
            params += kinds
        sql = f"SELECT {', '.join(COLUMNS)} FROM answers WHERE {' AND '.join(where)} ORDER BY id"
        return [Answer.from_row(r) for r in self._read(sql, tuple(params))]

    def latest(self, **filters) -> list[Answer]:
        """Per (trainee, group, notebook, question, clause), only the last answer (resubmits)."""
        out: dict[tuple, Answer] = {}
        for a in self.rows(**filters):
            out[(a.trainee, a.grp, a.notebook, a.question, a.clause)] = a
        return sorted(out.values(), key=lambda a: a.id)

    def answers(self, **filters):
        """Stored answers as a pandas DataFrame (columns :data:`COLUMNS`, JSON decoded)."""
        import pandas as pd
        return pd.DataFrame([a.__dict__ for a in self.rows(**filters)], columns=list(COLUMNS))

    def distribution(self, notebook: str, question: str, part: str | None = None,
                     clause: str | None = None) -> dict[str, int]:
        """How many trainees gave each answer to a question (their latest answer counts).

        ``part`` picks one entry of a dict answer (an exercise's question id). Answers are
        counted by their text; a list answer (multiple choice) counts as its sorted items.
        """
        counts: dict[str, int] = {}
        for a in self.latest(notebook=notebook, question=question, clause=clause):
            value = a.answer.get(part) if part is not None and isinstance(a.answer, dict) else a.answer
            key = answer_label(value)
            counts[key] = counts.get(key, 0) + 1
        return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))

    def answered_by(self, notebook: str, question: str) -> list[str]:
        """Who answered (trainee names, or group names for group judgments), first answer first."""
        seen: dict[str, None] = {}
        for a in self.rows(notebook=notebook, question=question):
            seen.setdefault(a.trainee or a.grp or "", None)
        return [s for s in seen if s]

    def notebooks(self) -> list[str]:
        """Notebooks with answers, the most recently answered first."""
        return [r[0] for r in self._read("SELECT notebook FROM answers GROUP BY notebook "
                                         "ORDER BY max(id) DESC")]

    def questions(self, notebook: str) -> list[str]:
        """A notebook's questions in the order they were first answered."""
        return [r[0] for r in self._read("SELECT question FROM answers WHERE notebook = ? "
                                         "GROUP BY question ORDER BY min(id)", (notebook,))]

    def latest_question(self) -> tuple[str, str] | None:
        """(notebook, question) of the most recent answer."""
        rows = self._read("SELECT notebook, question FROM answers ORDER BY id DESC LIMIT 1")
        return tuple(rows[0]) if rows else None

    def clauses(self, notebook: str, question: str) -> list[str]:
        """The clauses answered under a question (a case discussion's clauses), first seen first."""
        return [r[0] for r in self._read("SELECT clause FROM answers WHERE notebook = ? AND "
                                         "question = ? AND clause IS NOT NULL GROUP BY clause "
                                         "ORDER BY min(id)", (notebook, question))]

    def trainees(self) -> list[str]:
        return [r[0] for r in self._read("SELECT DISTINCT trainee FROM answers WHERE trainee != '' "
                                         "ORDER BY trainee")]

    def count(self) -> int:
        return self._read("SELECT count(*) FROM answers")[0][0]

    def integrity(self) -> str:
        """``ok`` when SQLite finds the database file consistent."""
        return self._read("PRAGMA integrity_check")[0][0]


def answer_label(value) -> str:
    """An answer as the distribution chart labels it."""
    if value is None or value == "" or value == []:
        return "（未作答）"
    if isinstance(value, bool):
        return "正确" if value else "错误"
    if isinstance(value, (list, tuple)):
        return "、".join(str(v) for v in sorted(value, key=str))
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


_stores: dict[Path, Store] = {}
_lock = threading.Lock()


def open_store(path: str | Path | None = None) -> Store:
    """The store at ``path`` (default :func:`default_path`), opened once per process."""
    p = Path(path) if path is not None else default_path()
    key = p.resolve()
    with _lock:
        st = _stores.get(key)
        if st is None:
            st = _stores[key] = Store(p)
        return st


def record(*, notebook: str, question: str, answer: Any, correct: bool | None,
           score: float | None = None, trainee=None, group: str | None = None,
           kind: str = "quiz", detail: dict | None = None, **more) -> int:
    """Store one answer in the default store (see :meth:`Store.record`); returns its row id."""
    return open_store().record(notebook=notebook, question=question, answer=answer,
                               correct=correct, score=score, trainee=trainee, group=group,
                               kind=kind, detail=detail, **more)


def reveal(notebook: str, question: str, clause: str | None = None) -> None:
    open_store().reveal(notebook, question, clause)


def revealed(notebook: str, question: str | None = None, clause: str | None = None):
    return open_store().revealed(notebook, question, clause)


def current_notebook(default: str = "") -> str:
    """The notebook this kernel runs, as the store names it (``03-答辩期限``): the session name
    Jupyter Server gives the kernel (``JPY_SESSION_NAME``), else the page Voilà rendered
    (``VOILA_REQUEST_URL``), its file stem; else ``default``."""
    from urllib.parse import unquote, urlparse

    name = os.environ.get("JPY_SESSION_NAME", "")
    if not name and os.environ.get("VOILA_REQUEST_URL"):
        name = unquote(urlparse(os.environ["VOILA_REQUEST_URL"]).path)
    stem = Path(name).stem if name else ""
    return stem or default
