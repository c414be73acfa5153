"""yingsu exercise build: the trainee notebook carries no keys, feedback or rubrics."""
import json
from pathlib import Path

import nbformat
import pytest

from yingsu_training.cli import main
from yingsu_training.exercises import load_exercise, load_set

BANK = Path(__file__).resolve().parents[1] / "exercises"


@pytest.fixture(autouse=True)
def _bank(monkeypatch):
    monkeypatch.setenv("YINGSU_EXERCISES_DIR", str(BANK))


def _secrets(ex):
    """Every text that would give an answer away, in the forms it could be written."""
    out = set()
    for q in ex.questions:
        out |= {q.feedback_right, q.feedback_wrong}
        out |= {p for p, _ in q.rubric}
        if not q.auto:
            continue
        key = ex.key(q)
        if q.kind == "date":
            out |= {key.isoformat(), f"{key.year}年{key.month:02d}月{key.day:02d}日",
                    f"{key.year}年{key.month}月{key.day}日"}
        elif q.kind in ("single", "multiple"):
            values = key if q.kind == "multiple" else [key]
            out |= {q.option_text(v) for v in values if len(q.option_text(v)) > 6}
        if ex.key_explanation(q):
            out.add(ex.key_explanation(q))
    return {s for s in out if s}


@pytest.mark.parametrize("set_id", ["annual-training-2025", "self-study"])
def test_a_built_trainee_notebook_contains_none_of_its_keys_feedback_or_rubrics(tmp_path, set_id, capsys):
    out = tmp_path / "paper.ipynb"
    assert main(["exercise", "build", set_id, "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    raw = json.dumps(json.loads(text), ensure_ascii=False)
    nb = nbformat.read(str(out), as_version=4)
    nbformat.validate(nb)
    s = load_set(set_id)
    for eid in s.exercises:
        ex = load_exercise(eid)
        assert any(f'show_exercise("{eid}")' in c.source for c in nb.cells)
        leaked = [secret for secret in _secrets(ex) if secret in text or secret in raw]
        assert leaked == [], f"{eid} leaks {leaked}"
    for cell in nb.cells:
        assert not cell.get("outputs")
    assert "提交答案" in nb.cells[0].source


def test_building_an_unknown_set_is_a_clear_error(tmp_path, capsys):
    assert main(["exercise", "build", "no-such-set", "-o", str(tmp_path / "x.ipynb")]) == 2
    assert "找不到练习集" in capsys.readouterr().err


def test_the_built_notebook_imports_what_it_calls():
    from yingsu_training.exercises import set_trainee, show_exercise  # noqa: F401
    import yingsu_training

    assert yingsu_training.show_exercise is show_exercise


def test_a_built_notebook_runs_top_to_bottom_and_shows_the_widgets(tmp_path, monkeypatch):
    from nbclient import NotebookClient

    monkeypatch.setenv("YINGSU_ANSWERS_DIR", str(tmp_path / "answers"))
    out = tmp_path / "paper.ipynb"
    assert main(["exercise", "build", "annual-training-2025", "-o", str(out)]) == 0
    nb = nbformat.read(str(out), as_version=4)
    nb.cells[1].source = nb.cells[1].source.replace("请填写姓名", "张三")
    NotebookClient(nb, timeout=120, resources={"metadata": {"path": str(tmp_path)}}).execute()
    shown = [c for c in nb.cells if c.cell_type == "code" and "show_exercise(" in c.source]
    assert len(shown) == len(load_set("annual-training-2025").exercises)
    for cell in shown:
        mimes = {m for o in cell.outputs for m in o.get("data", {})}
        assert "application/vnd.jupyter.widget-view+json" in mimes


def test_the_placeholder_name_is_not_taken_as_a_trainee(capsys):
    from yingsu_training.exercises import answers as store

    assert store.set_trainee("请填写姓名") is None
    assert store.current_trainee() is None
    assert "尚未填写学员姓名" in capsys.readouterr().out


def test_each_exercise_heading_only_numbers_it_and_the_widget_alone_shows_title_difficulty_and_points(tmp_path):
    from yingsu_training.exercises import show_exercise

    out = tmp_path / "paper.ipynb"
    assert main(["exercise", "build", "annual-training-2025", "-o", str(out)]) == 0
    nb = nbformat.read(str(out), as_version=4)
    ids = load_set("annual-training-2025").exercises
    headings = [c.source for c in nb.cells[2:] if c.cell_type == "markdown"]
    assert headings == [f"## 练习{n}" for n in range(1, len(ids) + 1)]
    text = out.read_text(encoding="utf-8")
    assert "难度" not in text and "满分：" not in text
    for eid in ids:
        ex = load_exercise(eid)
        assert ex.title not in text
        header = show_exercise(eid, trainee="张三").children[0].value
        assert ex.title in header and "难度" in header and f"满分 {ex.total_points:g} 分" in header


def test_the_instructions_say_the_name_is_typed_once_into_any_exercise(tmp_path):
    out = tmp_path / "paper.ipynb"
    assert main(["exercise", "build", "self-study", "-o", str(out)]) == 0
    intro = nbformat.read(str(out), as_version=4).cells[0].source
    assert "“学员：”栏" in intro and "不必重复填写" in intro
