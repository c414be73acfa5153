"""Trainees' answer files: one JSON line per submission, appended atomically.

Each trainee has ``<answers folder>/<name>.jsonl``. A submission is one complete line written
with a single ``write`` on a file opened for appending, then flushed and ``fsync``-ed, under an
exclusive lock on the file (``fcntl.flock``; ``msvcrt.locking`` on Windows). So two notebooks
open at once interleave whole lines, and a kernel crash loses at most the line being written —
a half-written last line is ignored (and reported) by ``yingsu exercise grade``.

The folder is ``answers_dir`` if given, else ``$YINGSU_ANSWERS_DIR``, else ``./answers/`` (next
to the notebook: the kernel's working directory). A trainee's name is sanitised into a file
name that cannot leave that folder (``../../etc/x`` → ``etc_x``).
"""
from __future__ import annotations

import json
import os
import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

ENV_ANSWERS_DIR = "YINGSU_ANSWERS_DIR"
FORMAT_VERSION = 1

_current_trainee: str | None = None


class TraineeError(ValueError):
    """A trainee name that cannot be used (message in Chinese)."""


#: what a built notebook's first cell says until the trainee writes their name
PLACEHOLDER = "请填写姓名"


def set_trainee(name: str) -> str | None:
    """Remember the trainee for this session (``set_trainee("张三")``); returns the file stem.

    The placeholder of a built notebook (``请填写姓名``) leaves the trainee unset: each exercise
    then asks for a name before it accepts an answer.
    """
    global _current_trainee
    if str(name or "").strip() in ("", PLACEHOLDER):
        _current_trainee = None
        print("尚未填写学员姓名：请在每道练习下方的“学员”栏填写姓名或学号"
              "（在 JupyterLab 中也可以把“请填写姓名”改成你的姓名后重新运行本单元格）。")
        return None
    stem = safe_name(name)
    _current_trainee = str(name).strip()
    return stem


def current_trainee() -> str | None:
    return _current_trainee


def safe_name(name: str) -> str:
    """A file stem from a trainee's name or id: letters (any script), digits, ``-``, ``_``, ``·``.

    Path separators, dots and other characters become ``_``; leading/trailing ``_`` go. Raises
    :class:`TraineeError` when nothing usable is left.
    """
    text = unicodedata.normalize("NFKC", str(name or "")).strip()
    stem = re.sub(r"[^\w\-·]+", "_", text, flags=re.UNICODE).strip("_")
    stem = stem[:60]
    if not stem:
        raise TraineeError(f"学员姓名或编号“{name}”不能用作文件名，请只用汉字、字母、数字")
    return stem


def answers_dir(answers_dir: str | Path | None = None) -> Path:
    if answers_dir is not None:
        return Path(answers_dir)
    env = os.environ.get(ENV_ANSWERS_DIR)
    return Path(env) if env else Path.cwd() / "answers"


def answer_file(trainee: str, folder: str | Path | None = None) -> Path:
    base = answers_dir(folder).resolve()
    target = (base / f"{safe_name(trainee)}.jsonl").resolve()
    if target.parent != base:  # defence in depth: safe_name already prevents this
        raise TraineeError(f"学员姓名“{trainee}”不能用作文件名")
    return target


def _lock(fd: int) -> None:
    if os.name == "nt":  # pragma: no cover - Windows
        import msvcrt
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_LOCK, 1)
    else:
        import fcntl
        fcntl.flock(fd, fcntl.LOCK_EX)


def _unlock(fd: int) -> None:
    if os.name == "nt":  # pragma: no cover - Windows
        import msvcrt
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
    else:
        import fcntl
        fcntl.flock(fd, fcntl.LOCK_UN)


def append_submission(trainee: str, exercise_id: str, answers: dict, *,
                      folder: str | Path | None = None, when: datetime | None = None) -> Path:
    """Append one submission as one JSON line; returns the answer file."""
    path = answer_file(trainee, folder)
    path.parent.mkdir(parents=True, exist_ok=True)
    record = {"v": FORMAT_VERSION, "trainee": str(trainee).strip(), "exercise": exercise_id,
              "submitted_at": (when or datetime.now().astimezone()).isoformat(timespec="seconds"),
              "answers": answers}
    line = (json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n").encode("utf-8")
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o644)
    try:
        _lock(fd)
        try:
            # a previous crash may have left a partial line: start ours on a fresh line
            size = os.fstat(fd).st_size
            if size:
                with open(path, "rb") as r:
                    r.seek(size - 1)
                    if r.read(1) != b"\n":
                        line = b"\n" + line
            os.write(fd, line)
            os.fsync(fd)
        finally:
            _unlock(fd)
    finally:
        os.close(fd)
    return path


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
    line: int
    reason: str


def read_answer_file(path: str | Path) -> tuple[list[Submission], list[BadLine]]:
    """Every complete submission in a file, and the lines that are not (half-written, garbled)."""
    path = Path(path)
    subs, bad = [], []
    raw = path.read_bytes()
    lines = raw.split(b"\n")
    for n, chunk in enumerate(lines, start=1):
        if not chunk.strip():
            continue
        last = n == len(lines)  # no newline after it: possibly cut off by a crash
        try:
            rec = json.loads(chunk.decode("utf-8"))
            if not isinstance(rec, dict) or not isinstance(rec.get("answers"), dict) \
                    or "exercise" not in rec:
                raise ValueError("缺少 exercise 或 answers")
        except (ValueError, UnicodeDecodeError) as exc:
            reason = ("最后一行不完整（可能是写入时内核中断），已忽略" if last
                      else f"这一行不是完整的答题记录（{exc}），已忽略")
            bad.append(BadLine(str(path), n, reason))
            continue
        subs.append(Submission(str(rec.get("trainee") or path.stem), str(rec["exercise"]),
                               str(rec.get("submitted_at", "")), rec["answers"], str(path), n))
    return subs, bad


def latest_submissions(subs: list[Submission]) -> dict[tuple[str, str], Submission]:
    """Per (trainee, exercise), the submission that counts: the latest ``submitted_at``; on a tie
    the one written last. Earlier ones are superseded (a trainee may resubmit)."""
    out: dict[tuple[str, str], Submission] = {}
    for s in subs:
        k = (s.trainee, s.exercise)
        if k not in out or (s.submitted_at, s.file, s.line) >= (out[k].submitted_at, out[k].file, out[k].line):
            out[k] = s
    return out
