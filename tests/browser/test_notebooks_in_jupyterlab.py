"""Every lesson, opened in JupyterLab in Chromium (a .md source shown as a notebook by jupytext):
runs clean, its main widget answers in Chinese."""

from __future__ import annotations

import re

import pytest

import yingsu_browser as yb
from yingsu_training.lessons import lesson_files
from interactions import INTERACTIONS

pytestmark = pytest.mark.browser

NOTEBOOK_NAMES = [p.name for p in lesson_files(yb.NOTEBOOKS)]


def _exercise(lab, bp, path: str, steps, shot, via_url: bool = True) -> list[str]:
    """Open, run all, check outputs, operate the main widget, screenshot; the kernel is shut down after."""
    page = bp.page
    try:
        yb.open_in_lab(page, lab, path, via_url=via_url)
        cells = yb.run_all_cells(page, path)
        problems = yb.output_problems(cells)
        assert not problems, f"{path}: cells with errors after Run All:\n" + "\n".join(problems)
        shown = yb.dom_error_outputs(page)
        assert not shown, f"{path}: error output shown to the trainee:\n" + "\n".join(shown)
        feedback = yb.run_steps(page, steps)
        yb.screenshots(page, shot)
        return feedback
    finally:
        yb.shutdown_sessions(lab, path)
        if not via_url:
            yb.close_in_lab(page, path)


def _id(name: str) -> str:
    """Test ids by the notebook's number (pytest would escape the Chinese title)."""
    return "nb" + name.split("-")[0] if name[:2].isdigit() else name.encode("ascii", "replace").decode()


@pytest.mark.parametrize("name", NOTEBOOK_NAMES, ids=[_id(n) for n in NOTEBOOK_NAMES])
def test_the_notebook_runs_in_jupyterlab_and_its_main_widget_answers_in_chinese(name, request, artifacts):
    if name not in INTERACTIONS:
        pytest.fail(
            f"notebooks/{name} has no row in tests/browser/interactions.py INTERACTIONS: "
            "add the steps a trainee takes with its .yingsu-main widget and the feedback expected",
            pytrace=False,
        )
    lab, app = request.getfixturevalue("lab"), request.getfixturevalue("lab_app")
    _exercise(lab, app, f"notebooks/{name}", INTERACTIONS[name], artifacts / f"lab-{name.removesuffix('.md')}", via_url=False)
    app.assert_clean_console()


def test_the_test_jupyterlab_listens_only_on_127_0_0_1_and_refuses_requests_without_the_token(lab):
    assert lab.listening_addresses() == {"127.0.0.1"}
    assert lab.status_without_token("api/contents") == 403
    assert lab.request("GET", "api/contents")[0] == 200


def test_the_browser_harness_drives_a_generated_widget_notebook(lab, lab_page, artifacts):
    feedback = _exercise(lab, lab_page, "harness/样例.ipynb", yb.HARNESS_STEPS, artifacts / "lab-harness")
    assert feedback == ["已收到：张三选择了乙"]
    lab_page.assert_clean_console()


def test_the_browser_harness_sees_an_error_raised_by_a_cell(lab, lab_page):
    page, path = lab_page.page, "harness/出错样例.ipynb"
    try:
        yb.open_in_lab(page, lab, path)
        problems = yb.output_problems(yb.run_all_cells(page, path))
        shown = yb.dom_error_outputs(page)
    finally:
        yb.shutdown_sessions(lab, path)
    assert any("ZeroDivisionError" in p for p in problems), problems
    assert any("ZeroDivisionError" in t for t in shown), shown


def test_the_browser_harness_sees_console_errors(lab_page):
    lab_page.page.set_content("<p>x</p>")
    lab_page.page.evaluate("console.error('未列入允许清单的错误')")
    lab_page.page.wait_for_timeout(100)
    with pytest.raises(AssertionError, match="未列入允许清单的错误"):
        lab_page.assert_clean_console()


def test_the_browser_harness_stops_and_reports_a_request_leaving_the_machine(lab_page):
    page = lab_page.page
    page.set_content("<p>x</p>")
    page.evaluate("fetch('https://cdn.example.invalid/lib.js').catch(() => null)")
    page.wait_for_timeout(200)
    assert lab_page.blocked == ["https://cdn.example.invalid/lib.js"]
    with pytest.raises(AssertionError, match="request leaving 127.0.0.1 blocked: https://cdn.example.invalid"):
        lab_page.assert_clean_console()


def test_every_notebook_row_in_the_interaction_table_names_an_existing_notebook():
    stale = sorted(set(INTERACTIONS) - set(NOTEBOOK_NAMES))
    assert not stale, f"INTERACTIONS rows for notebooks that are not in notebooks/: {stale}"


def test_every_console_allowlist_entry_has_a_pattern_a_scope_and_a_reason():
    for entry in yb.load_allowlist():
        assert entry.get("reason", "").strip(), entry
        assert entry.get("applies_to") in ("lab", "voila", "any"), entry
        re.compile(entry["pattern"])


def test_a_double_click_on_a_lesson_in_the_file_browser_opens_it_as_a_notebook(lab, lab_app):
    page = lab_app.page
    try:
        page.evaluate("() => window.jupyterapp.commands.execute('filebrowser:go-to-path', {path: 'notebooks/'})")
        item = page.locator(".jp-DirListing-item", has_text="00-导览.md").first
        item.dblclick()
        state = yb.wait_for(page, yb._LAB_STATE, "notebooks/00-导览.md",
                            lambda s: s.get("path") == "notebooks/00-导览.md" and s.get("cells", 0) > 5
                            and s.get("kernelStatus") == "idle",
                            timeout=60, what="double-clicking 00-导览.md")
        assert state["kernel"] == "python3"
    finally:
        yb.shutdown_sessions(lab, "notebooks/00-导览.md")
        yb.close_in_lab(page, "notebooks/00-导览.md")


_SELECT_MARKDOWN = """(text) => {
  const panel = window.jupyterapp.shell.currentWidget;
  const nb = panel.content;
  const cells = nb.model.cells;
  for (let i = 0; i < cells.length; i++) {
    const c = cells.get(i);
    if (c.type === 'markdown' && c.sharedModel.getSource().includes(text)) {
      nb.activeCellIndex = i;
      nb.mode = 'command';
      nb.activeCell.node.scrollIntoView({block: 'center'});
      nb.node.focus();
      return i;
    }
  }
  return -1;
}"""


def test_an_instructor_types_into_a_markdown_cell_and_saves_and_the_lesson_stays_a_valid_passing_lesson(
        lab, lab_app, lab_root):
    """In a fresh copy of the project: edit a lesson in JupyterLab, save, and the copy's own lesson
    tests (structure checks and nbval) still pass."""
    import difflib
    import os
    import shutil
    import subprocess
    import sys

    from yingsu_training.lessons import lesson_files

    project = lab_root / "新克隆"
    if not project.exists():
        shutil.copytree(yb.REPO, project, symlinks=True, ignore=shutil.ignore_patterns(
            ".git", ".venv*", "build", "test-artifacts", "__pycache__", ".hypothesis", ".pytest_cache",
            "answers", "classroom", "*.egg-info"))
    lesson = lesson_files(project / "notebooks")[2]  # 02-答辩举证
    original = lesson.read_text(encoding="utf-8")
    path, page, edit = f"新克隆/notebooks/{lesson.name}", lab_app.page, "本单位补充：2025年我局有3件案件在国庆节前收到起诉状副本。"
    try:
        yb.open_in_lab(page, lab, path, via_url=False)
        assert not yb.output_problems(yb.run_all_cells(page, path))
        assert page.evaluate(_SELECT_MARKDOWN, "## 情景") >= 0
        page.keyboard.press("Enter")          # edit the markdown cell, as a double click does
        page.keyboard.press("Control+End")
        page.keyboard.press("Enter")
        page.keyboard.type(edit)
        page.keyboard.press("Escape")
        page.keyboard.press("Control+s")
        for _ in range(60):
            if edit in lesson.read_text(encoding="utf-8"):
                break
            page.wait_for_timeout(500)
    finally:
        yb.shutdown_sessions(lab, path)
        yb.close_in_lab(page, path)
    saved = lesson.read_text(encoding="utf-8")
    changes = [ln for ln in difflib.unified_diff(original.splitlines(), saved.splitlines(), lineterm="", n=0)
               if ln[:1] in "+-" and not ln.startswith(("+++", "---"))]
    assert changes == [f"+{edit}"], "saving from JupyterLab changed more than the typed line"
    # the copy's own suite for its lessons, with the copy's package (not this checkout's)
    env = {**os.environ, "PYTHONPATH": str(project)}
    where = subprocess.run([sys.executable, "-c", "import yingsu_training; print(yingsu_training.__file__)"],
                           cwd=project, env=env, capture_output=True, text=True, check=True).stdout
    assert where.startswith(str(project)), where
    run = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/test_notebooks.py",
                          f"notebooks/{lesson.name}"], cwd=project, env=env, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout[-3000:]
    assert "passed" in run.stdout
    lab_app.assert_clean_console()
