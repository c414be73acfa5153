"""Clause quotations for the lessons: the opinion's text, duty, legal basis and later changes,
all read from the package at run time (nothing here retypes the opinion), and the clause browser."""
from __future__ import annotations

from ..calendar import fmt
from ..catalogue import obligations
from ..opinion import load_opinion
from ._common import esc as _e

_BOX = ("border-left:4px solid {color};padding:6px 12px;margin:8px 0;background:#fbfbfb;"
        "line-height:1.7")
_TAG = ("display:inline-block;font-size:12px;padding:0 6px;margin-left:8px;border-radius:3px;"
        "color:#fff;background:{color}")


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
        items = "".join(f"<li><b>{_e(b.citation)}</b>：{_e(b.quote)}</li>" if b.quote
                        else f"<li>参见<b>{_e(b.citation)}</b></li>" for b in ob.legal_basis)
        parts.append(f"<details><summary>法律依据（{len(ob.legal_basis)}）</summary>"
                     f"<ul style='margin:2px 0'>{items}</ul></details>")
    if changes and ob.refinements:
        items = "".join(f"<li><b>{_e(r.citation)}</b>（{fmt(r.in_force)}起施行）要点：{_e(r.note)}</li>"
                        for r in ob.refinements)
        parts.append(f"<details><summary>2016年以后的变化（{len(ob.refinements)}）</summary>"
                     f"<ul style='margin:2px 0'>{items}</ul></details>")
    parts.append("</div>")
    return "".join(parts)


def clauses_html(clause_ids) -> str:
    """The clauses a lesson covers, under their section headings, with the source line."""
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
               f"《{_e(opinion.title)}》（{fmt(opinion.issued_on)}），由工具包数据载入。</p>")
    return "".join(out)


def show_clauses(clause_ids) -> None:
    """Quote the clauses a lesson covers, straight from the package."""
    from IPython.display import HTML, display

    display(HTML(clauses_html(clause_ids)))


def changes_rows(clause_ids) -> list[dict]:
    """The later national rules that refine the clauses, one row each."""
    rows = []
    for cid in clause_ids:
        ob = obligations()[str(cid)]
        for r in ob.refinements:
            rows.append({"条款": ob.label, "新规定": r.citation,
                         "施行日期": fmt(r.in_force), "变化要点": r.note})
    return rows


def changes_table(clause_ids):
    """The later national rules that refine the clauses, as a table."""
    import pandas as pd

    from .tables import table

    return table(pd.DataFrame(changes_rows(clause_ids), columns=["条款", "新规定", "施行日期", "变化要点"]))


class ClauseBrowser:
    """Pick a section of the opinion → its clauses (verbatim), duties, legal basis, and which
    lessons (and exercises) cover it."""

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
        from ..lessons import lessons_for
        from .bank import exercise_titles

        opinion = load_opinion()
        parts = []
        for clause in opinion.in_section(self.section.value):
            parts.append(clause_html(clause.id))
            where = "、".join(f"<code>{_e(n)}</code>" for n in lessons_for(clause.id)) or "（暂无）"
            items = exercise_titles(clause.id)
            exercises = ("<br>案例练习：" + "；".join(f"<code>{_e(i)}</code> {_e(t)}" for i, t in items)
                         if items else "")
            parts.append(f"<p style='margin:0 0 10px 16px'>学习笔记本：{where}{exercises}</p>")
        self.view.value = "".join(parts)
