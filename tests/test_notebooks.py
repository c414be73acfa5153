"""The training notebooks: coverage of the opinion, quotation discipline, structure.

These tests read the .ipynb JSON; running the notebooks is nbval's job (pytest collects
notebooks/ with --nbval-lax).
"""
from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path

import pytest

from yingsu_training import load_opinion

ROOT = Path(__file__).resolve().parents[1]
NB_DIR = ROOT / "notebooks"
NOTEBOOKS = sorted(NB_DIR.glob("[0-9][0-9]-*.ipynb"))
WINDOW = 30  # a run of this many characters of a clause text counts as retyping it


def _load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _sources(nb: dict, kind: str | None = None) -> list[str]:
    return ["".join(c["source"]) if isinstance(c["source"], list) else c["source"]
            for c in nb["cells"] if kind is None or c["cell_type"] == kind]


def test_there_are_notebooks_numbered_in_teaching_order():
    numbers = [int(p.name[:2]) for p in NOTEBOOKS]
    assert numbers == list(range(len(numbers))) and len(numbers) >= 9


@pytest.mark.parametrize("name", ["00-导览.ipynb"])
def test_the_notebook_the_makefile_opens_exists(name):
    assert (NB_DIR / name).is_file()


def test_every_section_of_the_opinion_is_covered_by_at_least_one_notebook():
    opinion = load_opinion()
    covered = {opinion[c].section for p in NOTEBOOKS for c in _load(p)["metadata"]["yingsu"]["clauses"]}
    assert covered == set(range(1, 13)), f"未覆盖的部分：{sorted(set(range(1, 13)) - covered)}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_a_notebook_declares_only_clauses_that_exist_and_quotes_the_same_ones(path):
    nb = _load(path)
    declared = nb["metadata"]["yingsu"]["clauses"]
    opinion = load_opinion()
    assert declared and all(c in opinion for c in declared)
    first_code = _sources(nb, "code")[0]
    match = re.search(r"CLAUSES = (\[.*?\])", first_code)
    assert match, "the first code cell must set CLAUSES and quote them"
    assert json.loads(match.group(1).replace("'", '"')) == declared
    assert "show_clauses(CLAUSES)" in first_code


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_a_notebook_never_retypes_clause_text_but_loads_it(path):
    text = re.sub(r"\s+", "", "\n".join(_sources(_load(path))))
    for clause in load_opinion():
        body = re.sub(r"\s+", "", clause.text)
        assert body not in text, f"{path.name} retypes {clause.label}"
        # titles of laws (《…》) may be cited by name; any other run of WINDOW characters may not
        for segment in re.split(r"《[^》]*》", body):
            for i in range(0, len(segment) - WINDOW + 1):
                piece = segment[i:i + WINDOW]
                assert piece not in text, f"{path.name} retypes part of {clause.label}: {piece}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_a_notebook_opens_with_its_learning_goals(path):
    first_markdown = _sources(_load(path), "markdown")[:3]
    assert any("学习目标" in s for s in first_markdown)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_a_notebook_has_an_interactive_widget_cell(path):
    cells = _sources(_load(path), "code")
    assert any(re.search(r"\.widget\s*$", s.strip()) for s in cells), \
        "no cell ends by displaying a widget"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_a_notebook_is_committed_without_outputs(path):
    for cell in _load(path)["cells"]:
        if cell["cell_type"] != "code" or "# NBVAL_CHECK_OUTPUT" in "".join(cell["source"]):
            continue
        assert not cell.get("outputs") and cell.get("execution_count") is None


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_a_notebook_does_not_depend_on_the_day_it_is_run(path):
    code = "\n".join(_sources(_load(path), "code"))
    for forbidden in ["today()", "now()", "date.today", "Timestamp.now", "random.random(", "urlopen",
                      "requests."]:
        assert forbidden not in code, f"{path.name} uses {forbidden}"


def test_the_notebooks_are_exactly_what_the_build_script_writes(tmp_path):
    spec = importlib.util.spec_from_file_location("build_notebooks", ROOT / "scripts" / "build_notebooks.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.OUT = tmp_path
    for name, nb_spec in module.NOTEBOOKS.items():
        built = module.build(name, nb_spec)
        committed = NB_DIR / built.name
        assert committed.is_file(), f"run scripts/build_notebooks.py: {built.name} is missing"
        assert _load(built) == _load(committed), f"{built.name} differs from scripts/build_notebooks.py"
