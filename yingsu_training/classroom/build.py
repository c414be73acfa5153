"""Build the day's classroom folder: one trainee notebook per plan entry, plus the day's manifest.

``make classroom`` runs this before it starts the server. Each lesson's source
(``notebooks/NN-名称.md``, MyST markdown read with jupytext; an ``.ipynb`` while a lesson has no
markdown source yet) becomes ``<classroom>/NN-名称.ipynb``; each exercise set of the plan is built
as ``yingsu exercise build`` builds it. In every notebook the classroom:

* puts the sign-in (:mod:`.signin`) right under the title, so every page knows the trainee
  without a name typed per page;
* drops what is meant for instructors or JupyterLab users only — cells tagged
  ``yingsu-lab-only`` — and the exercise sets' "type your name in the first cell" advice;
* clears outputs (Voilà runs the notebook for each trainee).

The manifest ``课程安排.json`` holds the plan in order (title, file, topic, minutes): the landing
page and the kernel pools read it. The folder sits beside ``notebooks/`` so that a lesson's
relative paths (``../datasets``) mean the same there.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell

from .plan import Item, Plan

MANIFEST = "课程安排.json"
LAB_ONLY = "yingsu-lab-only"
SIGN_IN_TAG = "yingsu-sign-in"


def sign_in_cell(notebook: str) -> nbformat.NotebookNode:
    """The cell every classroom notebook starts with: the once-per-browser sign-in."""
    cell = new_code_cell("from yingsu_training.classroom.signin import sign_in\n\n"
                         f"sign_in(notebook={json.dumps(Path(notebook).stem, ensure_ascii=False)})")
    cell.metadata["tags"] = [SIGN_IN_TAG]
    return cell


def read_lesson(source: Path) -> nbformat.NotebookNode:
    if source.suffix == ".md":
        import jupytext

        return jupytext.read(source)
    return nbformat.read(source, as_version=4)


def _is_lab_only(cell) -> bool:
    return LAB_ONLY in (cell.get("metadata", {}).get("tags") or [])


def classroom_notebook(nb: nbformat.NotebookNode, notebook: str) -> nbformat.NotebookNode:
    """The trainee's version of a notebook: lab-only cells dropped, sign-in under the title."""
    cells = [c for c in nb.cells if not _is_lab_only(c)]
    for c in cells:
        if c.cell_type == "code":
            c.outputs, c.execution_count = [], None
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


def build_classroom(plan: Plan, out: Path, *, notebooks: Path | None = None) -> Path:
    """Write the day's notebooks and manifest into ``out`` (other files there are kept)."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    notebooks = notebooks or Path.cwd() / "notebooks"
    for old in out.glob("*.ipynb"):  # a notebook dropped from the plan is not served any more
        if old.name not in plan.notebooks:
            old.unlink()
    manifest = {"title": plan.title, "notebooks": []}
    tmp = out / ".build"
    tmp.mkdir(exist_ok=True)
    try:
        for item in plan.items:
            if item.kind == "lesson":
                nb = classroom_notebook(read_lesson(item.source), item.notebook)
            else:
                nb = _exercise_set_notebook(item, tmp)
            nbformat.validate(nb)
            nbformat.write(nb, str(out / item.notebook))
            manifest["notebooks"].append({"file": item.notebook, "title": item.title, "kind": item.kind,
                                          "topic": item.topic, "minutes": item.minutes})
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    helper = notebooks / "nbkit.py"  # the lessons' display helpers, until they move into the package
    if helper.exists():
        shutil.copy2(helper, out / helper.name)
    (out / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    return out


def read_manifest(folder: Path) -> dict:
    return json.loads((Path(folder) / MANIFEST).read_text(encoding="utf-8"))
