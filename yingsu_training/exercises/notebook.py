"""``yingsu exercise build``: a trainee notebook for a set of exercises.

The notebook holds only public parts — the set's title and instructions, and for each exercise
a short ``## 练习N`` heading (for navigation; the widget's own header shows the title, difficulty
and points) and a ``show_exercise("<id>")`` cell. Keys, feedback and rubrics stay in the exercise
files; the kit reads them when the trainee clicks 提交答案. Nothing is executed while building.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from .answers import PLACEHOLDER
from .sets import ExerciseSet


#: characters markdown (and JupyterLab's MathJax) would read as markup
_MARKUP = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>$~&=:\"'])")


def markdown_text(text: str, *, one_line: bool = False) -> str:
    """``text`` as literal markdown: every markup character backslash-escaped (so a title like
    ``<script>``, ``[x](javascript:…)``, ``$…$`` or ``# …`` shows as written), control characters
    removed; ``one_line`` joins lines (a heading)."""
    text = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", "", str(text))
    lines = [_MARKUP.sub(r"\\\1", line.strip()) for line in text.splitlines()]
    return " ".join(x for x in lines if x) if one_line else "\n".join(lines)


def build_notebook(exercise_set: ExerciseSet, out: str | Path, exercise_loader=None) -> Path:
    from .sets import load_set_exercises

    exercises = load_set_exercises(exercise_set, exercise_loader)
    total = sum(ex.total_points for ex in exercises)
    minutes = f"建议用时 {exercise_set.minutes:g} 分钟，" if exercise_set.minutes else ""
    intro = (f"# {markdown_text(exercise_set.title, one_line=True)}\n\n"
             + (f"{markdown_text(exercise_set.description)}\n\n" if exercise_set.description
                else "")
             + f"共 {len(exercises)} 道案例练习，满分 {total:g} 分（论述题由教员批阅），{minutes}"
             "逐题作答后点击每道练习下方的 **提交答案**。可以多次提交，以最后一次为准。\n\n"
             "**第一步**：在任意一道练习下方的“学员：”栏填写你的姓名或学号，其他各道练习会自动使用"
             "同一姓名，不必重复填写（在 JupyterLab 中也可以把下面单元格里的“请填写姓名”改成你的姓名，"
             "再运行所有单元格）。每次提交都记入答题数据库，教员据此评分。")
    cells = [new_markdown_cell(intro),
             new_code_cell("from yingsu_training.exercises import set_trainee, show_exercise\n\n"
                           f"set_trainee({json.dumps(PLACEHOLDER, ensure_ascii=False)})")]
    for n, ex in enumerate(exercises, start=1):
        # title, difficulty and points are in the widget's header: the heading only numbers it
        cells.append(new_markdown_cell(f"## 练习{n}"))
        cells.append(new_code_cell(f"show_exercise({json.dumps(ex.id)})"))
    nb = new_notebook(cells=cells, metadata={
        "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
        "language_info": {"name": "python"},
        "yingsu": {"set": exercise_set.id, "exercises": [ex.id for ex in exercises]},
    })
    nbformat.validate(nb)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, str(out))
    return out
