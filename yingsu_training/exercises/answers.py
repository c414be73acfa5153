"""Trainees' exercise submissions: recorded in the answer store; old JSONL answer files imported.

The store of record is :mod:`yingsu_training.store` (SQLite). A submission of an exercise is one
row (``kind="exercise"``, ``question`` = the exercise id, ``answer`` = {question id: answer}).
Who submits is the kernel's trainee (:mod:`yingsu_training.identity`); ``set_trainee("张三")``
sets it, as the classroom sign-in does.

Answer folders written by earlier versions of the kit (``answers/<name>.jsonl``, one JSON line
per submission) are read only to import them (``yingsu exercise import answers/``). Reading
them is hardened: a file or line too large, a line nested too deep to parse, an exercise id that
is not an id (``../../x``), a trainee name that is no name, each becomes a Chinese problem naming
the file and line, and every other line and file is still imported. Importing twice adds
nothing (each line's submission id is derived from its content).
"""
from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from .. import identity
from ..store import ENV_ANSWERS_DIR, Store, open_store  # noqa: F401  (ENV_ANSWERS_DIR: compat)

FORMAT_VERSION = 1
#: what a built notebook's first cell says until the trainee writes their name
PLACEHOLDER = "请填写姓名"

MAX_FILE_BYTES = 20_000_000
MAX_LINE_BYTES = 1_000_000
MAX_NAME_CHARS = 60
EXERCISE_ID = re.compile(r"[a-z0-9][a-z0-9-]{0,99}")

#: device names Windows will not let a file be called (any extension): CON, NUL, COM1 …
WINDOWS_RESERVED = frozenset({"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$",
                              *(f"COM{i}" for i in range(10)), *(f"LPT{i}" for i in range(10)),
                              "COM¹", "COM²", "COM³", "LPT¹", "LPT²", "LPT³"})


class TraineeError(ValueError):
    """A trainee name that cannot be used (message in Chinese)."""


def set_trainee(name: str, unit: str | None = None) -> str | None:
    """Make ``name`` this kernel's trainee (``identity.set_current``); returns the file stem
    used for their own files (feedback sheets), or None when no name is set.

    The placeholder of a built notebook (``请填写姓名``) leaves the trainee unset: each exercise
    then asks for a name before it accepts an answer.
    """
    if str(name or "").strip() in ("", PLACEHOLDER):
        identity.set_current(None)
        print("尚未填写学员姓名：请在每道练习下方的“学员”栏填写姓名或学号。")
        return None
    stem = safe_name(name)
    name = str(name).strip()
    now = identity.current()
    if unit is None and now is not None and now.name == name:
        return stem  # the signed-in trainee already: keep their unit and roster mark
    identity.set_current(name, unit or "")
    return stem


def current_trainee() -> str | None:
    """The kernel's trainee's name (``identity.current()``), or None."""
    who = identity.current()
    return who.name if who is not None else None


def safe_name(name: str) -> str:
    """A file stem from a trainee's name or id: letters (any script), digits, ``-``, ``_``, ``·``.

    Path separators, dots and other characters become ``_``; leading/trailing ``_`` go; a name
    Windows reserves for a device (``CON``, ``NUL``, ``COM1`` …) gets a trailing ``_``. Raises
    :class:`TraineeError` when nothing usable is left.
    """
    text = unicodedata.normalize("NFKC", str(name or "")).strip()
    stem = re.sub(r"[^\w\-·]+", "_", text, flags=re.UNICODE).strip("_")
    stem = stem[:MAX_NAME_CHARS]
    if not stem:
        raise TraineeError(f"学员姓名或编号“{str(name)[:40]}”不能用作文件名，请只用汉字、字母、数字")
    if stem.split("_")[0].upper() in WINDOWS_RESERVED:
        stem += "_"
    return stem


def submission_id(trainee: str, exercise_id: str, submitted_at: str, answers: dict) -> str:
    """The id of an imported submission: the same content always gives the same id."""
    text = json.dumps([trainee, exercise_id, submitted_at, answers], ensure_ascii=False,
                      sort_keys=True, default=str)
    return "jsonl-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def record_submission(exercise, answers: dict, results, *, trainee=None, store: Store | None = None,
                      notebook: str | None = None, kind: str = "exercise",
                      submission_id: str | None = None, recorded_at=None,
                      detail: dict | None = None) -> int:
    """Store one exercise submission (``answers`` as stored, ``results`` from grading)."""
    from ..store import current_notebook

    auto = [r for r in results if r.question.auto]
    db = store or open_store()
    return db.record(
        notebook=notebook or current_notebook("练习"), question=exercise.id, answer=answers,
        correct=all(r.status == "right" for r in auto) if auto else None,
        score=sum(r.points or 0 for r in auto), max_score=sum(r.question.points for r in auto),
        trainee=trainee, kind=kind, clause=",".join(exercise.clauses),
        detail={"title": exercise.title, **(detail or {})}, submission_id=submission_id,
        recorded_at=recorded_at)


@dataclass
class Submission:
    trainee: str
    exercise: str
    submitted_at: str
    answers: dict
    file: str
    line: int


@dataclass
class BadLine:
    file: str
    line: int | None
    reason: str


def _json_scalar_or_list(value) -> bool:
    if value is None or isinstance(value, (str, int, float, bool)):
        return True
    return isinstance(value, list) and len(value) <= 100 and all(
        v is None or isinstance(v, (str, int, float, bool)) for v in value)


def _check_record(rec) -> str | None:
    """Why a decoded line is not a submission (None: it is one)."""
    if not isinstance(rec, dict):
        return "这一行不是答题记录（应为一个 JSON 对象）"
    if "exercise" not in rec or not isinstance(rec.get("answers"), dict):
        return "缺少 exercise 或 answers"
    eid = rec["exercise"]
    if not isinstance(eid, str) or not EXERCISE_ID.fullmatch(eid):
        return (f"练习编号“{str(eid)[:40]}”不是有效的练习编号（只能用小写字母、数字和连字符，"
                "不能是文件路径）")
    trainee = rec.get("trainee")
    if trainee is not None and (not isinstance(trainee, str) or len(trainee.strip()) > MAX_NAME_CHARS):
        return f"学员姓名应为不超过 {MAX_NAME_CHARS} 个字的文字"
    if len(rec["answers"]) > 200 or not all(isinstance(k, str) and len(k) <= 100
                                            for k in rec["answers"]):
        return "answers 中的题号不像题号（应为不超过 100 个字符的文字，至多 200 道题）"
    for qid, value in rec["answers"].items():
        if not _json_scalar_or_list(value):
            return f"第“{qid[:20]}”题的答案嵌套过深或不是文字、数字、日期或选项列表"
    return None


def read_answer_file(path: str | Path) -> tuple[list[Submission], list[BadLine]]:
    """Every complete submission in a file, and the lines that are not (half-written, garbled,
    hostile) — in bounded time and memory."""
    path = Path(path)
    subs: list[Submission] = []
    bad: list[BadLine] = []
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return [], [BadLine(str(path), None, f"文件过大（{size / 1e6:.0f} MB，上限 "
                                                 f"{MAX_FILE_BYTES // 1_000_000} MB），未导入")]
        raw = path.read_bytes()
    except OSError as exc:
        return [], [BadLine(str(path), None, f"文件无法读取：{exc.strerror or type(exc).__name__}")]
    lines = raw.split(b"\n")
    for n, chunk in enumerate(lines, start=1):
        if not chunk.strip():
            continue
        last = n == len(lines)  # no newline after it: possibly cut off by a crash
        if len(chunk) > MAX_LINE_BYTES:
            bad.append(BadLine(str(path), n, f"这一行过长（{len(chunk):,} 字节），不是答题记录，已忽略"))
            continue
        try:
            rec = json.loads(chunk.decode("utf-8"))
        except RecursionError:
            bad.append(BadLine(str(path), n, "这一行嵌套层数过多，不是答题记录，已忽略"))
            continue
        except (ValueError, UnicodeDecodeError) as exc:
            bad.append(BadLine(str(path), n, "最后一行不完整（可能是写入时内核中断），已忽略" if last
                               else f"这一行不是完整的答题记录（{str(exc)[:80]}），已忽略"))
            continue
        why = _check_record(rec)
        if why:
            bad.append(BadLine(str(path), n, f"{why}，已忽略"))
            continue
        trainee = str(rec.get("trainee") or path.stem).strip()
        subs.append(Submission(trainee, rec["exercise"], str(rec.get("submitted_at", ""))[:40],
                               rec["answers"], str(path), n))
    return subs, bad


def answer_files(paths: Iterable[str | Path]) -> list[Path]:
    files: list[Path] = []
    for p in paths:
        p = Path(p)
        files += sorted(p.glob("*.jsonl")) if p.is_dir() else [p]
    return files


@dataclass
class ImportResult:
    imported: int = 0
    already: int = 0
    problems: list[BadLine] = field(default_factory=list)


def import_answer_files(paths: Iterable[str | Path], store: Store | None = None,
                        exercise_loader=None) -> ImportResult:
    """Import JSONL answer files (or folders of them) into the store. Lines are graded as they
    are imported (the store keeps score and correctness); an exercise that cannot be loaded is
    reported and its lines imported ungraded."""
    from .core import ExerciseError
    from .grading import grade_answers
    from .validate import load_exercise

    loader = exercise_loader or load_exercise
    db = store or open_store()
    out = ImportResult()
    cache: dict = {}
    for f in answer_files(paths):
        subs, bad = read_answer_file(f)
        out.problems += bad
        for s in subs:
            if s.exercise not in cache:
                try:
                    cache[s.exercise] = loader(s.exercise)
                except (FileNotFoundError, ExerciseError) as exc:
                    cache[s.exercise] = None
                    out.problems.append(BadLine(s.file, s.line, f"练习“{s.exercise}”无法载入，"
                                                f"未评分：{str(exc).splitlines()[0][:200]}"))
            ex = cache[s.exercise]
            sid = submission_id(s.trainee, s.exercise, s.submitted_at, s.answers)
            before = db.count()
            if ex is None:
                db.record(notebook="导入", question=s.exercise, answer=s.answers, correct=None,
                          trainee=s.trainee, kind="exercise", submission_id=sid,
                          recorded_at=s.submitted_at or None, detail={"file": Path(s.file).name,
                                                                       "line": s.line})
            else:
                record_submission(ex, s.answers, grade_answers(ex, s.answers), trainee=s.trainee,
                                  store=db, notebook="导入", submission_id=sid,
                                  recorded_at=s.submitted_at or None)
            if db.count() > before:
                out.imported += 1
            else:
                out.already += 1
            if s.trainee.upper() in WINDOWS_RESERVED:
                out.problems.append(BadLine(s.file, s.line, f"学员姓名“{s.trainee}”是 Windows 保留的"
                                            f"设备名，已照常导入；生成该学员的文件时改用“{safe_name(s.trainee)}”"))
    return out
