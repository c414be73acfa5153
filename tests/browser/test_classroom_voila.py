"""Classroom mode: a notebook served by Voilà (as `make classroom` does) works in Chromium, code hidden."""

from __future__ import annotations

import contextlib
import subprocess
import sys

import nbformat
import pytest

import yingsu_browser as yb
from interactions import EXERCISE_SET_INTERACTIONS, INTERACTIONS

pytestmark = pytest.mark.browser

CASE_STUDY = "10-案例研讨.md"


@contextlib.contextmanager
def voila(notebook, home):
    server = yb.start_voila(notebook, home)
    try:
        yield server
    finally:
        server.stop()


def _code_lines(notebook) -> list[str]:
    """Distinctive lines of the notebook's code cells (those a trainee must not see in Voilà)."""
    nb = nbformat.read(notebook, as_version=4)
    lines = []
    for cell in nb.cells:
        if cell.cell_type == "code":
            lines += [ln.strip() for ln in cell.source.splitlines() if len(ln.strip()) >= 12]
    return lines


def _serve_and_work(notebook, home, bp, steps, shot) -> list[str]:
    """Serve `notebook` with Voilà, check it ran clean with code hidden, work its widget, screenshot."""
    page = bp.page
    with voila(notebook, home) as server:
        page.goto(server.url(), wait_until="domcontentloaded", timeout=120_000)
        page.locator(yb.MAIN).first.wait_for(state="visible", timeout=120_000)
        html = page.content()
        errors = [t for t in ("There was an error when executing cell", "Traceback (most recent call last)",
                              "Error displaying widget") if t in html]
        assert not errors, f"{notebook.name}: Voilà shows an error: {errors}"
        hidden = [".jp-CodeCell .jp-InputArea", ".jp-InputPrompt", ".jp-InputArea-editor", ".cm-editor",
                  ".jp-CodeCell:not(.jp-mod-noInput)"]
        shown = [sel for sel in hidden if page.locator(sel).count()]
        assert not shown, f"{notebook.name}: Voilà shows code cells ({shown})"
        leaked = [ln for ln in _code_lines(notebook) if ln in html]
        assert not leaked, f"{notebook.name}: code sent to the browser in Voilà: {leaked[:3]}"
        feedback = yb.run_steps(page, steps, timeout_ms=60_000)
        yb.screenshots(page, shot)
        refused = server.status_without_token("")
        listening = server.listening_addresses()
    assert listening == {"127.0.0.1"}, f"Voilà listens on {listening}"
    assert refused in (302, 401, 403), f"{notebook.name}: Voilà answered {refused} to a visitor without the token"
    return feedback


def test_voila_serves_a_generated_widget_notebook_with_code_hidden_and_only_with_the_token(voila_page, tmp_path, artifacts):
    nb = yb.write_harness_notebook(tmp_path / "课堂样例.ipynb")
    feedback = _serve_and_work(nb, tmp_path / "home", voila_page, yb.HARNESS_STEPS, artifacts / "voila-harness")
    assert feedback == ["已收到：张三选择了乙"]
    voila_page.assert_clean_console()


def test_the_case_study_notebook_works_in_classroom_mode(voila_page, tmp_path, artifacts):
    from yingsu_training.lessons import build_ipynb

    notebook = build_ipynb(yb.NOTEBOOKS / CASE_STUDY)  # what `make classroom` serves (build/)
    _serve_and_work(notebook, tmp_path / "home", voila_page, INTERACTIONS[CASE_STUDY],
                    artifacts / "voila-10-案例研讨")
    voila_page.assert_clean_console()


@pytest.mark.parametrize("exercise_set", sorted(EXERCISE_SET_INTERACTIONS))
def test_an_exercise_set_built_for_trainees_works_in_classroom_mode(exercise_set, voila_page, tmp_path, artifacts):
    out = tmp_path / f"{exercise_set}.ipynb"
    built = subprocess.run(
        [sys.executable, "-m", "yingsu_training", "exercise", "build", exercise_set, "-o", str(out)],
        capture_output=True, text=True, cwd=yb.REPO,
    )
    assert built.returncode == 0, built.stderr
    _serve_and_work(out, tmp_path / "home", voila_page, EXERCISE_SET_INTERACTIONS[exercise_set],
                    artifacts / f"voila-exercise-{exercise_set}")
    assert (tmp_path / "answers" / "answers.sqlite3").exists(), "提交的答案没有保存到笔记本旁边的 answers/ 答题数据库"
    voila_page.assert_clean_console()
