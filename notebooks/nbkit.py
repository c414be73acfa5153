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
from yingsu_training.calendar import fmt

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
        items = "".join(f"<li><b>{_e(r.citation)}</b>（{fmt(r.in_force)}起施行）：{_e(r.note)}</li>"
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
               f"《{_e(opinion.title)}》（{fmt(opinion.issued_on)}），由工具包数据载入。</p>")
    display(HTML("".join(out)))


def table(rows) -> HTML:
    """Rows (a DataFrame or a list of dicts) as a left-aligned table without the index column,
    which reads better for Chinese text than pandas' default.

    The same rows give the same output on every run: the table's CSS id comes from its content
    (pandas would draw a random one) and it is returned as HTML (a Styler's plain-text form
    shows its memory address)."""
    import hashlib

    import pandas as pd

    df = rows if isinstance(rows, pd.DataFrame) else pd.DataFrame(rows)
    uuid = hashlib.sha1(df.to_json(force_ascii=False).encode("utf-8")).hexdigest()[:8]
    styler = (df.style.hide(axis="index").set_uuid(uuid)
              .set_properties(**{"text-align": "left", "vertical-align": "top"})
              .set_table_styles([{"selector": "th", "props": [("text-align", "left")]}]))
    return HTML(styler.to_html())


def changes_table(clause_ids):
    """The later national rules that refine the clauses, as a table."""
    import pandas as pd

    rows = []
    for cid in clause_ids:
        ob = obligations()[str(cid)]
        for r in ob.refinements:
            rows.append({"条款": ob.label, "新规定": r.citation,
                         "施行日期": fmt(r.in_force), "变化要点": r.note})
    return table(pd.DataFrame(rows, columns=["条款", "新规定", "施行日期", "变化要点"]))


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
    from yingsu_training.exercises.model import exercise_files, load_located

    out = []
    for path in exercise_files():
        doc = load_located(path).data or {}  # the exercises' own safe YAML reader
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


# ---------------------------------------------------------------------------------------------
# 案例研讨: the trainees decide clause by clause, then the checker's findings are revealed

DECIDABLE = ("compliant", "violation", "pending", "not_applicable", "insufficient_data")


def draw_case(cases, findings, seed: int, *, with_violation: bool = True) -> str:
    """A case id drawn with a seeded generator (same seed → same case), by default among the
    cases where the checker finds at least one violation (they make for a richer discussion)."""
    import numpy as np

    pool = findings.loc[findings["status"] == "violation", "case_id"] if with_violation else cases["case_id"]
    ids = sorted(set(pool.astype(str)))
    return ids[int(np.random.default_rng(seed).integers(len(ids)))]


class CaseDiscussion:
    """For each checked clause the group picks a verdict; 提交答案 compares every clause with the
    checker; 揭晓下一条 reveals the checker's findings one clause at a time for discussion."""

    def __init__(self, case_row, as_of, *, main: bool = True):
        import ipywidgets as w

        from yingsu_training import explain
        from yingsu_training.schema import STATUS_ZH

        self.explanation = explain(case_row, as_of=as_of)
        self.findings = self.explanation.findings.reset_index(drop=True)
        self.status_zh = STATUS_ZH
        options = [("（未判断）", "")] + [(STATUS_ZH[s], s) for s in DECIDABLE]
        self.choices = {}
        rows = []
        for _, f in self.findings.iterrows():
            dd = w.Dropdown(options=options, value="", layout=w.Layout(width="150px"))
            self.choices[f["obligation_id"]] = dd
            rows.append(w.HBox([w.HTML(f"<div style='width:320px'>{_e(f['label'])}</div>"), dd]))
        self.submit_button = w.Button(description="提交答案", button_style="primary", icon="check")
        self.next_button = w.Button(description="揭晓下一条", icon="eye")
        self.feedback = w.HTML()
        self.feedback.add_class("yingsu-feedback")
        self.revealed = 0
        self.submit_button.on_click(lambda _b: self.submit())
        self.next_button.on_click(lambda _b: self.reveal_next())
        self.widget = w.VBox([w.HTML("<b>小组结论</b>：对每一条选择你们的判断。"), *rows,
                              w.HBox([self.submit_button, self.next_button]), self.feedback])
        if main:
            self.widget.add_class("yingsu-main")

    def _row_html(self, f) -> str:
        chosen = self.choices[f["obligation_id"]].value
        truth = f["status"]
        if not chosen:
            mark = "<span style='color:#888'>未判断</span>"
        elif chosen == truth:
            mark = "<b style='color:#1b7f3b'>✔ 一致</b>"
        else:
            mark = f"<b style='color:#b3261e'>✘ 你们判断为“{_e(self.status_zh[chosen])}”</b>"
        return (f"<li style='margin-bottom:6px'><b>{_e(f['label'])}</b>：检查结论"
                f"<b>“{_e(self.status_zh[truth])}”</b>　{mark}<br>"
                f"<span style='color:#444'>{_e(f['explanation'])}</span></li>")

    def _render(self, upto: int) -> None:
        rows = [self._row_html(f) for _, f in self.findings.head(upto).iterrows()]
        decided = [(fid, dd.value) for fid, dd in self.choices.items() if dd.value]
        agree = sum(1 for fid, v in decided
                    if v == self.findings.set_index("obligation_id").loc[fid, "status"])
        head = (f"<p><b>与检查结论一致：{agree} / {len(self.findings)} 条</b>"
                f"（已判断 {len(decided)} 条）</p>" if upto >= len(self.findings) else
                f"<p>已揭晓 {upto} / {len(self.findings)} 条</p>")
        self.feedback.value = head + f"<ol>{''.join(rows)}</ol>"

    def submit(self) -> None:
        self.revealed = len(self.findings)
        self._render(self.revealed)

    def reveal_next(self) -> None:
        self.revealed = min(self.revealed + 1, len(self.findings))
        self._render(self.revealed)


class CaseSession:
    """A whole 案例研讨 round in one widget (it also works in Voilà, where code cannot be edited):
    a seed, the 抽取案件 button, the drawn case's facts and timeline, and the group's
    :class:`CaseDiscussion` (which carries ``yingsu-main``)."""

    def __init__(self, cases, as_of, seed: int = 2025, *, findings=None):
        import ipywidgets as w

        from yingsu_training import check_cases

        self.cases = cases
        self.as_of = as_of
        self.findings = (check_cases(cases, as_of=as_of, explain=False) if findings is None
                         else findings)
        self.seed = w.BoundedIntText(value=int(seed), min=0, max=10**9, description="种子",
                                     layout=w.Layout(width="200px"))
        self.draw_button = w.Button(description="抽取案件", icon="random")
        self.title = w.HTML()
        self.facts = w.HTML()
        self.timeline = w.Image(format="png", layout=w.Layout(max_width="100%"))
        self.discussion_box = w.VBox()
        self.draw_button.on_click(lambda _b: self.draw())
        tabs = w.Tab(children=[self.facts, self.timeline])
        tabs.set_title(0, "案件事实")
        tabs.set_title(1, "时间线")
        self.widget = w.VBox([w.HBox([self.seed, self.draw_button]), self.title, tabs,
                              w.HTML("<h4 style='margin:10px 0 4px'>小组研讨：逐条判断</h4>"),
                              self.discussion_box])
        self.draw()

    def draw(self) -> None:
        from yingsu_training.timeline import timeline_png
        from yingsu_training.widgets.explorer import case_facts_html

        self.case_id = draw_case(self.cases, self.findings, seed=self.seed.value)
        row = self.cases.set_index("case_id").loc[self.case_id].to_dict()
        self.case = row | {"case_id": self.case_id}
        self.title.value = (f"<p><b>本次研讨案件：</b>{_e(self.case_id)}　{_e(row['agency'])}"
                            f"（{_e(row['case_type'])}），检查日 {fmt(self.as_of)}，种子 {self.seed.value}</p>")
        self.facts.value = case_facts_html(self.case)
        self.timeline.value = timeline_png(self.case, self.as_of)
        self.discussion = CaseDiscussion(self.case, self.as_of, main=True)
        self.discussion_box.children = [self.discussion.widget]
