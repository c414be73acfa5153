"""An instructor opens a lesson in JupyterLab (jupytext's contents manager shows the .md as a
notebook), runs it, edits a cell and saves: the file is still the same readable lesson, with only
the edit changed, no outputs or run state, and it still runs and passes the lesson checks."""
import difflib
import shutil
from pathlib import Path

import nbformat
import pytest
from jupytext import TextFileContentsManager

from yingsu_training.lessons import FORMAT, lesson_files, lesson_meta, read_lesson

ROOT = Path(__file__).resolve().parents[1]
LESSON = lesson_files()[2]  # 02-答辩举证
EDIT = "本单位补充：2025年我局有3件案件在国庆节前收到起诉状副本。"


@pytest.fixture
def project_copy(tmp_path):
    """notebooks/ with the lesson copied, beside datasets/ (the lesson reads ../datasets)."""
    (tmp_path / "notebooks").mkdir()
    shutil.copy(LESSON, tmp_path / "notebooks" / LESSON.name)
    (tmp_path / "datasets").symlink_to(ROOT / "datasets", target_is_directory=True)
    return tmp_path


def _open_run_edit_save(project: Path) -> str:
    cm = TextFileContentsManager(root_dir=str(project))
    path = f"notebooks/{LESSON.name}"
    model = cm.get(path)
    assert model["type"] == "notebook"  # JupyterLab opens it as a notebook
    nb = nbformat.from_dict(model["content"])
    # what running and editing in JupyterLab leaves in the notebook
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "code":
            cell.execution_count = i
            cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text="运行结果\n")]
            cell.metadata.update({"scrolled": True, "jupyter": {"source_hidden": False}})
    nb.metadata["language_info"] = {  # what a running IPython kernel reports
        "codemirror_mode": {"name": "ipython", "version": 3}, "file_extension": ".py",
        "mimetype": "text/x-python", "name": "python", "nbconvert_exporter": "python",
        "pygments_lexer": "ipython3", "version": "3.11.2"}
    nb.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": {}}}
    scenario = next(c for c in nb.cells if c.cell_type == "markdown" and "## 情景" in c.source)
    scenario.source += "\n" + EDIT
    cm.save({"type": "notebook", "format": "json", "content": nb}, path)
    return (project / path).read_text(encoding="utf-8")


def test_a_lesson_saved_from_jupyterlab_keeps_its_form_and_changes_only_the_edited_line(project_copy):
    saved = _open_run_edit_save(project_copy)
    before = LESSON.read_text(encoding="utf-8").splitlines()
    changes = [ln for ln in difflib.unified_diff(before, saved.splitlines(), lineterm="", n=0)
               if ln[:1] in "+-" and not ln.startswith(("+++", "---"))]
    assert changes == [f"+{EDIT}"]
    saved_path = project_copy / "notebooks" / LESSON.name
    assert lesson_meta(saved_path) == lesson_meta(LESSON)
    nb = read_lesson(saved_path)
    assert set(nb.metadata) <= {"jupytext", "kernelspec", "yingsu"}
    assert all(not c.get("outputs") and not c.get("metadata") for c in nb.cells)


def test_a_lesson_saved_from_jupyterlab_still_runs_top_to_bottom(project_copy):
    from nbclient import NotebookClient

    _open_run_edit_save(project_copy)
    saved_path = project_copy / "notebooks" / LESSON.name
    nb = read_lesson(saved_path)
    NotebookClient(nb, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(saved_path.parent)}}).execute()  # raises on an error
    assert any(c.get("outputs") for c in nb.cells if c.cell_type == "code")
