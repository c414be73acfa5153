"""Display helpers shared by the training notebooks (kept out of the notebooks so they stay thin).

Everything shown is read from the package at run time: clause texts from ``load_opinion()``,
duties, legal basis and later refinements from ``obligations()``. Nothing here retypes the
opinion. The notebooks import this module from their own folder (the kernel's working
directory is ``notebooks/`` under JupyterLab, Voilà and nbval).
"""
from __future__ import annotations

import html
import json
from functools import lru_cache
from pathlib import Path

from IPython.display import HTML, display

from yingsu_training import load_opinion, obligations

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

_BOX = ("border-left:4px solid {color};padding:6px 12px;margin:8px 0;background:#fbfbfb;"
        "line-height:1.7")
_TAG = ("display:inline-block;font-size:12px;padding:0 6px;margin-left:8px;border-radius:3px;"
        "color:#fff;background:{color}")


def _e(text: object) -> str:
    return html.escape(str(text))


def clause_html(clause_id: str, *, basis: bool = True, changes: bool = True) -> str:
    """One clause as HTML: label, verbatim text, what the kit does with it, its legal basis."""
    ob = obligations()[str(clause_id)]
    clause = ob.clause
    color = "#b3261e" if ob.checked else "#5f6b7a"
    tag = "规则自动检查" if ob.checked else "研讨条款（不自动判定）"
    parts = [f'<div class="yingsu-clause" style="{_BOX.format(color=color)}">',
             f'<b>{_e(clause.label)}</b><span style="{_TAG.format(color=color)}">{tag}</span>',
             f'<p style="margin:4px 0">{_e(clause.text)}</p>',
             f'<p style="margin:4px 0;color:#444"><b>义务要点：</b>{_e(ob.duty)}</p>']
    if basis and ob.legal_basis:
        items = "".join(f"<li><b>{_e(b.citation)}</b>：{_e(b.quote)}</li>" for b in ob.legal_basis)
        parts.append(f"<details><summary>法律依据（{len(ob.legal_basis)}）</summary>"
                     f"<ul style='margin:2px 0'>{items}</ul></details>")
    if changes and ob.refinements:
        items = "".join(f"<li><b>{_e(r.citation)}</b>（{r.in_force:%Y年%m月%d日}起施行）：{_e(r.note)}</li>"
                        for r in ob.refinements)
        parts.append(f"<details><summary>2016年以后的变化（{len(ob.refinements)}）</summary>"
                     f"<ul style='margin:2px 0'>{items}</ul></details>")
    parts.append("</div>")
    return "".join(parts)


def show_clauses(clause_ids) -> None:
    """Quote the clauses a notebook covers, straight from the package."""
    opinion = load_opinion()
    shown_sections: set[int] = set()
    out = []
    for cid in clause_ids:
        clause = opinion[str(cid)]
        if "." in clause.id and clause.section not in shown_sections:
            out.append(f"<h4 style='margin:12px 0 2px'>{_e(opinion.section(clause.section).label)}</h4>")
        shown_sections.add(clause.section)
        out.append(clause_html(clause.id))
    out.append(f"<p style='color:#777;font-size:12px'>条文引自{_e(opinion.number)}"
               f"《{_e(opinion.title)}》（{opinion.issued_on:%Y年%m月%d日}），由工具包数据载入。</p>")
    display(HTML("".join(out)))


def changes_table(clause_ids):
    """The later national rules that refine the clauses, as a table (pandas DataFrame)."""
    import pandas as pd

    rows = []
    for cid in clause_ids:
        ob = obligations()[str(cid)]
        for r in ob.refinements:
            rows.append({"条款": ob.label, "新规定": r.citation,
                         "施行日期": f"{r.in_force:%Y年%m月%d日}", "变化要点": r.note})
    return pd.DataFrame(rows, columns=["条款", "新规定", "施行日期", "变化要点"])


def notebook_index() -> list[dict]:
    """Every training notebook with the clauses it declares (from its metadata)."""
    out = []
    for path in sorted(HERE.glob("[0-9][0-9]-*.ipynb")):
        meta = json.loads(path.read_text(encoding="utf-8")).get("metadata", {}).get("yingsu", {})
        out.append({"file": path.name, "title": meta.get("title", path.stem),
                    "clauses": list(meta.get("clauses", []))})
    return out


def notebooks_for(clause_id: str) -> list[str]:
    return [nb["file"] for nb in notebook_index() if str(clause_id) in nb["clauses"]]


# ---------------------------------------------------------------------------------------------
# the clause browser and the package's case exercises

class ClauseBrowser:
    """Pick a section of the opinion → its clauses (verbatim), duties, legal basis, and which
    notebooks (and exercises, when the package has them) cover it."""

    def __init__(self, section: int = 3):
        import ipywidgets as w

        opinion = load_opinion()
        self.section = w.Dropdown(options=[(s.label, s.number) for s in opinion.sections],
                                  value=int(section), description="选择部分",
                                  layout=w.Layout(width="460px"))
        self.view = w.HTML()
        self.section.observe(lambda _c: self.render(), names="value")
        self.widget = w.VBox([self.section, self.view])
        self.render()

    def render(self) -> None:
        opinion = load_opinion()
        number = self.section.value
        parts = []
        for clause in opinion.in_section(number):
            parts.append(clause_html(clause.id))
            nbs = notebooks_for(clause.id)
            where = "、".join(f"<code>{_e(n)}</code>" for n in nbs) or "（暂无）"
            parts.append(f"<p style='margin:0 0 10px 16px'>学习笔记本：{where}"
                         f"{_exercises_line(clause.id)}</p>")
        self.view.value = "".join(parts)


@lru_cache(maxsize=1)
def _exercise_index() -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    import yaml

    from yingsu_training.exercises.model import exercise_files

    out = []
    for path in exercise_files():
        doc = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        out.append((str(doc.get("id", path.stem)), str(doc.get("title", "")),
                    tuple(str(c) for c in doc.get("clauses", []))))
    return tuple(out)


def exercise_titles(clause_id: str) -> list[tuple[str, str]]:
    """(id, title) of the case exercises in exercises/ that examine this clause."""
    return [(i, t) for i, t, clauses in _exercise_index() if str(clause_id) in clauses]


def _exercises_line(clause_id: str) -> str:
    items = exercise_titles(clause_id)
    if not items:
        return ""
    names = "；".join(f"<code>{_e(i)}</code> {_e(t)}" for i, t in items)
    return f"<br>案例练习：{names}"


def exercise(exercise_id: str):
    """A case exercise from exercises/ (``show_exercise``), as a secondary exercise of the page.

    The notebook's main widget keeps the ``yingsu-main`` class; this one gives it up.
    """
    from yingsu_training.exercises import show_exercise

    box = show_exercise(exercise_id)
    box.remove_class("yingsu-main")
    return box


def case_record(**facts) -> dict:
    """A cases-table row for a scenario: the facts given; every yes/no fact not given is 否 and
    every count not given is 0 (in a scenario, what is not told did not happen)."""
    from yingsu_training.schema import CASES

    unknown = set(facts) - set(CASES.names)
    if unknown:
        raise ValueError(f"案件表没有这些列：{'、'.join(sorted(unknown))}")
    row = {}
    for col in CASES.columns:
        if col.name in facts:
            row[col.name] = facts[col.name]
        elif col.kind == "bool":
            row[col.name] = False
        elif col.kind == "int":
            row[col.name] = 0
    return row
