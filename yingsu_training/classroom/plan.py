"""The day's plan: which notebooks the classroom serves, in the instructor's order.

A plan is a small YAML file (the kit ships ``data/plans/半天.yaml``, the half-day programme of
11-教师指南)::

    title: 行政应诉集中培训（半天）
    sessions:
      - minutes: 30
        topic: 导览，实施意见结构
        lessons: ["00"]                      # notebooks/00-*.md
      - minutes: 30
        topic: 结业测试
        exercise_sets: ["annual-training-2025"]   # exercises/sets/annual-training-2025.yaml

Every problem in a plan is reported at once, in Chinese, naming the file and the session.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import yaml


PLANS = resources.files("yingsu_training") / "data" / "plans"
DEFAULT_PLAN = "半天"


class PlanError(ValueError):
    """A plan file that cannot be used; ``problems`` lists every problem in Chinese."""

    def __init__(self, problems: list[str]):
        self.problems = list(problems)
        super().__init__("课程安排有误：\n" + "\n".join(f"  - {p}" for p in self.problems))


@dataclass(frozen=True)
class Item:
    """One notebook of the day."""

    kind: str          # "lesson" or "exercise_set"
    key: str           # "02" for a lesson, the set id for an exercise set
    source: Path       # the lesson's source (notebooks/NN-名称.md) or the set's YAML file
    title: str         # what the landing page shows
    notebook: str      # the built notebook's file name in the classroom folder
    topic: str = ""
    minutes: float | None = None


@dataclass(frozen=True)
class Plan:
    title: str
    items: list[Item] = field(default_factory=list)
    path: Path | None = None

    @property
    def notebooks(self) -> list[str]:
        return [it.notebook for it in self.items]


def plan_path(name_or_path: str | Path | None) -> Path:
    """A plan file: a path, or the name of a plan shipped with the kit (``半天``)."""
    if not name_or_path:
        name_or_path = DEFAULT_PLAN
    p = Path(name_or_path)
    if p.suffix in (".yaml", ".yml") or p.exists():
        return p
    return Path(str(PLANS / f"{name_or_path}.yaml"))


def _lesson_source(notebooks: Path, key: str) -> Path | None:
    found = sorted(notebooks.glob(f"{key}-*.md"))
    return found[0] if found else None


def _lesson_title(source: Path) -> str:
    """The lesson's title (its front matter), else its file name without the number."""
    from ..lessons import lesson_meta

    title = lesson_meta(source)["title"]
    return title if title != source.stem else source.stem.split("-", 1)[-1]


def load_plan(name_or_path: str | Path | None = None, *, notebooks: Path | None = None,
              exercise_sets: Path | None = None) -> Plan:
    """Read a plan and resolve each entry to its source; every problem at once (PlanError)."""
    path = plan_path(name_or_path)
    from ..exercises.model import exercises_dir
    from ..lessons import LESSONS_DIR

    notebooks = notebooks or LESSONS_DIR
    exercise_sets = exercise_sets or exercises_dir() / "sets"
    where = path.name
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise PlanError([f"{path}：找不到课程安排文件（可用的内置安排：{', '.join(sorted(p.name[:-5] for p in PLANS.iterdir() if p.name.endswith('.yaml')))}）"]) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f"第{mark.line + 1}行：" if mark else ""
        raise PlanError([f"{where}：{line}不是有效的 YAML（{getattr(exc, 'problem', exc)}）"]) from None
    if not isinstance(data, dict) or not isinstance(data.get("sessions"), list) or not data["sessions"]:
        raise PlanError([f"{where}：缺少 sessions（每个时段一项，写明 lessons 或 exercise_sets）"])
    problems: list[str] = []
    items: list[Item] = []
    seen: set[str] = set()
    for n, session in enumerate(data["sessions"], start=1):
        here = f"{where} 第{n}个时段"
        if not isinstance(session, dict):
            problems.append(f"{here}：应为一项（minutes、topic、lessons 或 exercise_sets）")
            continue
        topic = str(session.get("topic") or "")
        minutes = session.get("minutes")
        if minutes is not None and not isinstance(minutes, (int, float)):
            problems.append(f"{here}：minutes 应为分钟数，而不是“{minutes}”")
            minutes = None
        lessons = session.get("lessons") or []
        sets = session.get("exercise_sets") or []
        if not lessons and not sets:
            problems.append(f"{here}：没有写 lessons 或 exercise_sets")
        for key in lessons:
            key = str(key).zfill(2)
            source = _lesson_source(notebooks, key)
            if source is None:
                problems.append(f"{here}：notebooks/ 中没有编号为 {key} 的笔记本")
                continue
            name = source.stem + ".ipynb"
            if name in seen:
                problems.append(f"{here}：笔记本 {source.stem} 已在前面的时段出现")
                continue
            seen.add(name)
            items.append(Item("lesson", key, source, _lesson_title(source), name, topic, minutes))
        for set_id in sets:
            source = exercise_sets / f"{set_id}.yaml"
            if not source.exists():
                problems.append(f"{here}：exercises/sets/ 中没有练习集 {set_id}")
                continue
            from ..exercises.sets import load_set

            title = load_set(source).title
            name = f"练习-{set_id}.ipynb"
            if name in seen:
                problems.append(f"{here}：练习集 {set_id} 已在前面的时段出现")
                continue
            seen.add(name)
            items.append(Item("exercise_set", str(set_id), source, title, name, topic, minutes))
    if problems:
        raise PlanError(problems)
    return Plan(str(data.get("title") or "今日课程"), items, path)
