"""Build the day's classroom folder: one trainee notebook per plan entry, plus the day's manifest.

``make classroom`` runs this before it starts the server. Each lesson's source
(``notebooks/NN-名称.md``, MyST markdown read with jupytext) becomes ``<classroom>/NN-名称.ipynb``; each exercise set of the plan is built
as ``yingsu exercise build`` builds it. In every notebook the classroom:

* puts the sign-in (:mod:`.signin`) right under the title, so every page knows the trainee
  without a name typed per page;
* drops what is meant for instructors or JupyterLab users only, and shows what is written for
  the classroom only (:func:`classroom_text`); drops the exercise sets' "type your name in the
  first cell" advice;
* clears outputs (Voilà runs the notebook for each trainee);
* empties the cache of what the kernels share (:mod:`.shared`): the warm-up fills it afresh.

The manifest ``课程安排.json`` holds the plan in order (title, file, topic, minutes): the landing
page and the kernel pools read it. The folder sits beside ``notebooks/`` so that a lesson's
relative paths (``../datasets``) mean the same there.
"""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import nbformat
from nbformat.sign import NotebookNotary
from nbformat.v4 import new_code_cell

from ..lessons import read_lesson
from .plan import Item, Plan
from .shared import CACHE_DIR

MANIFEST = "课程安排.json"
LAB_ONLY = "yingsu-lab-only"
SIGN_IN_TAG = "yingsu-sign-in"


def sign_in_cell(notebook: str) -> nbformat.NotebookNode:
    """The cell every classroom notebook starts with: the once-per-browser sign-in."""
    cell = new_code_cell("from yingsu_training.classroom.signin import sign_in\n\n"
                         f"sign_in(notebook={json.dumps(Path(notebook).stem, ensure_ascii=False)})")
    cell.metadata["tags"] = [SIGN_IN_TAG]
    return cell


LAB_ONLY_MARK = "<!-- lab-only -->"
CLASSROOM_ONLY = re.compile(r"<!--\s*classroom-only\s*\n(.*?)\n?-->", re.S)


def classroom_text(markdown: str) -> str:
    """A lesson's markdown as the classroom shows it.

    ``<!-- lab-only -->`` on its own line drops the paragraph after it (what only a JupyterLab
    user or the instructor can act on: "run all cells", ``make classroom``). A comment
    ``<!-- classroom-only … -->`` holds text the classroom shows in its place (JupyterLab shows
    nothing of it: it is a comment there).
    """
    out, skipping = [], False
    for line in markdown.splitlines():
        if line.strip() == LAB_ONLY_MARK:
            skipping = True
            continue
        if skipping:
            if line.strip():
                continue
            skipping = False
        out.append(line)
    text = CLASSROOM_ONLY.sub(lambda m: m.group(1), "\n".join(out))
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def _is_lab_only(cell) -> bool:
    return LAB_ONLY in (cell.get("metadata", {}).get("tags") or [])


def classroom_notebook(nb: nbformat.NotebookNode, notebook: str) -> nbformat.NotebookNode:
    """The trainee's version of a notebook: lab-only cells dropped, sign-in under the title."""
    cells = []
    for c in nb.cells:
        if _is_lab_only(c):
            continue
        if c.cell_type == "code":
            c.outputs, c.execution_count = [], None
        elif c.cell_type == "markdown":
            c.source = classroom_text(c.source)
            if not c.source:
                continue
        cells.append(c)
    at = 1 if cells and cells[0].cell_type == "markdown" else 0
    cells.insert(at, sign_in_cell(notebook))
    nb.cells = cells
    nb.metadata.setdefault("kernelspec", {"name": "python3", "display_name": "Python 3", "language": "python"})
    nb.metadata.pop("jupytext", None)
    return nb


def _exercise_set_notebook(item: Item, tmp: Path) -> nbformat.NotebookNode:
    from ..exercises.notebook import build_notebook
    from ..exercises.sets import load_set
    from ..exercises.validate import load_exercise

    exercise_set = load_set(item.source)
    path = build_notebook(exercise_set, tmp / item.notebook)
    nb = nbformat.read(path, as_version=4)
    has_open = any(q.kind == "open" for eid in exercise_set.exercises for q in load_exercise(eid).questions)
    intro = nb.cells[0].source
    # the classroom signs trainees in once: the built set's name-typing advice does not apply
    intro = intro.split("**第一步**")[0].rstrip()
    if not has_open:
        intro = intro.replace("（论述题由教员批阅）", "").replace("论述题由教员课后批阅。", "")
    nb.cells[0].source = intro + "\n\n上方已签到的姓名用于本页全部练习；每道练习提交后立即保存，可以多次提交，以最后一次为准。"
    nb.cells = [c for c in nb.cells if "set_trainee(" not in c.source]
    nb.cells.insert(1, new_code_cell("from yingsu_training.exercises import show_exercise"))
    return classroom_notebook(nb, item.notebook)


def build_classroom(plan: Plan, out: Path) -> Path:
    """Write the day's notebooks and manifest into ``out`` (other files there are kept)."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.ipynb"):  # a notebook dropped from the plan is not served any more
        if old.name not in plan.notebooks:
            old.unlink()
    # results the kernels share (.shared) are computed afresh for the day by the warm-up
    shutil.rmtree(out / CACHE_DIR, ignore_errors=True)
    manifest = {"title": plan.title, "notebooks": []}
    tmp = out / ".build"
    notary = NotebookNotary()
    tmp.mkdir(exist_ok=True)
    try:
        for item in plan.items:
            if item.kind == "lesson":
                nb = classroom_notebook(read_lesson(item.source), item.notebook)
                nb.metadata.setdefault("language_info", {"name": "python"})
            else:
                nb = _exercise_set_notebook(item, tmp)
            nbformat.validate(nb)
            notary.sign(nb)  # built by the kit, no outputs: trusted (no "not trusted" warning)
            nbformat.write(nb, str(out / item.notebook))
            manifest["notebooks"].append({"file": item.notebook, "title": item.title, "kind": item.kind,
                                          "topic": item.topic, "minutes": item.minutes})
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    (out / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    return out


def read_manifest(folder: Path) -> dict:
    return json.loads((Path(folder) / MANIFEST).read_text(encoding="utf-8"))
