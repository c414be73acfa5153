"""Exercise sets (``exercises/sets/*.yaml``): a paper for one session, or a self-study path.

::

    id: annual-2025
    title: 2025年度行政应诉集中培训测试卷
    minutes: 60
    description: 集中培训结业测试，闭卷。
    exercises: [defence-national-day-2025, head-must-appear-demolition, ...]
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .core import ExerciseError, ExerciseProblem
from .model import YamlSyntaxError, exercises_dir, load_located, set_files


@dataclass
class ExerciseSet:
    id: str
    title: str
    exercises: list[str]
    minutes: float | None = None
    description: str = ""
    file: str = ""


SET_KEYS = {"id", "title", "exercises", "minutes", "description"}
#: what an exercise id looks like (the exercise schema's pattern): a file name, never a path
_ID = re.compile(r"[a-z0-9][a-z0-9-]*")


def check_set_file(path: str | Path) -> tuple[ExerciseSet | None, list[ExerciseProblem]]:
    file = str(path)
    try:
        loc = load_located(path)
    except YamlSyntaxError as exc:
        return None, [ExerciseProblem(file, exc.line, exc.message)]
    problems = []

    def add(p, msg):
        problems.append(ExerciseProblem(file, loc.line(p), msg))

    data = loc.data
    if not isinstance(data, dict):
        add((), "练习集文件应包含 id、title、exercises 等项")
        return None, problems
    for k in ("id", "title", "exercises"):
        if k not in data:
            add((), f"练习集缺少必填项“{k}”")
    for k in data:
        if k not in SET_KEYS:
            add((k,), f"不认识的项“{k}”（可用：{'、'.join(sorted(SET_KEYS))}）")
    ids = data.get("exercises")
    if "exercises" in data and not (isinstance(ids, list) and ids):
        add(("exercises",), "exercises 应为练习编号的列表（每项以“- ”开头）")
        ids = []
    folder = Path(path).resolve().parent.parent if Path(path).resolve().parent.name == "sets" else exercises_dir()
    seen = set()
    for i, eid in enumerate(ids or []):
        if not (isinstance(eid, str) and _ID.fullmatch(eid)):
            # an id is a file name in the exercises folder, never a path ("../../x")
            add(("exercises", i), f"练习编号“{eid}”写法不对：只能用小写字母、数字和连字符"
                                  f"（如 defence-national-day-2025），不能含路径")
            continue
        if not (folder / f"{eid}.yaml").exists():
            add(("exercises", i), f"练习“{eid}”不存在（{folder} 中没有 {eid}.yaml）")
        if eid in seen:
            add(("exercises", i), f"练习“{eid}”重复列出")
        seen.add(eid)
    if "minutes" in data and not (isinstance(data["minutes"], (int, float)) and data["minutes"] > 0):
        add(("minutes",), "minutes（建议用时，分钟）应为正数")
    if problems:
        return None, problems
    return ExerciseSet(str(data["id"]), str(data["title"]), [str(e) for e in ids],
                       data.get("minutes"), str(data.get("description", "") or ""), file), []


def load_set(name_or_path: str | Path) -> ExerciseSet:
    p = Path(name_or_path)
    if not (p.suffix in (".yaml", ".yml") and p.exists()):
        p = exercises_dir() / "sets" / f"{name_or_path}.yaml"
    if not p.exists():
        known = "、".join(f.stem for f in set_files()) or "（无）"
        raise FileNotFoundError(2, f"找不到练习集“{name_or_path}”（已有：{known}）", str(p))
    s, problems = check_set_file(p)
    if problems:
        raise ExerciseError(problems)
    return s


def load_set_exercises(exercise_set: ExerciseSet, exercise_loader=None) -> list:
    """The set's exercises, loaded; :class:`ExerciseError` listing every problem of them all."""
    from .validate import load_exercise

    loader = exercise_loader or load_exercise
    exercises, problems = [], []
    for eid in exercise_set.exercises:
        try:
            exercises.append(loader(eid))
        except ExerciseError as exc:
            problems += exc.problems
    if problems:
        raise ExerciseError(problems)
    return exercises
