"""Display helpers shared by the training notebooks (kept out of the notebooks so they stay thin).

Everything shown is read from the package at run time: clause texts from ``load_opinion()``,
duties, legal basis and later refinements from ``obligations()``. Nothing here retypes the
opinion. The notebooks import this module from their own folder (the kernel's working
directory is ``notebooks/`` under JupyterLab, Voilà and nbval).
"""
from __future__ import annotations

import html
import json
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
# small exercise widgets used until / besides yingsu_training.widgets

class DeadlineQuestion:
    """"When is it due?": the trainee enters a date, presses 提交答案, and sees the computed
    legal deadline with how it was computed and the clause it comes from.

    ``period`` names a parameter of the catalogue (``defence_period_days`` …), never a literal.
    """

    def __init__(self, prompt: str, start, period: str, clause_id: str, *, main: bool = True):
        import ipywidgets as w

        from yingsu_training import deadline_detail, parameter, parameters
        from yingsu_training.calendar import fmt

        self.start = start
        self.days = parameter(period, start)
        self.param = parameters()[period]
        self.detail = deadline_detail(start, self.days)
        self.clause = obligations()[str(clause_id)]
        self._fmt = fmt
        self.answer = w.DatePicker(description="你的答案", style={"description_width": "initial"})
        self.submit = w.Button(description="提交答案", button_style="primary", icon="check")
        self.feedback = w.HTML()
        self.submit.on_click(lambda _b: self.check())
        self.widget = w.VBox([w.HTML(f"<b>{_e(prompt)}</b>"), w.HBox([self.answer, self.submit]),
                              self.feedback])
        if main:
            self.widget.add_class("yingsu-main")

    @property
    def correct(self):
        return self.detail.due

    def check(self, value=None) -> bool:
        import pandas as pd

        value = self.answer.value if value is None else value
        if value is None:
            self.feedback.value = "<span style='color:#b3261e'>请先选择一个日期。</span>"
            return False
        ok = pd.Timestamp(value).date() == self.correct
        head = ("<b style='color:#1b7f3b'>✔ 正确。</b>" if ok else
                f"<b style='color:#b3261e'>✘ 不对。</b>你填的是{self._fmt(value)}，"
                f"正确的期限届满日是<b>{self._fmt(self.correct)}</b>。")
        self.feedback.value = (
            f"{head}<br>{_e(self.detail.describe())}。"
            f"<br>期限：{self.days}日（{_e(self.param.citation)}：{_e(self.param.reference.quote)}）"
            f"<br>对应条款：{_e(self.clause.label)}")
        return ok


class ChoiceQuiz:
    """Multiple-choice questions with immediate feedback citing the clause.

    ``questions``: dicts with ``prompt``, ``options`` (list of str), ``answer`` (index, or a list
    of indices for "choose all that apply"), ``clause`` (id) and ``why`` (Chinese explanation).
    """

    def __init__(self, questions: list[dict], *, main: bool = True):
        import ipywidgets as w

        self.questions = questions
        self.inputs = []
        rows = []
        for i, q in enumerate(questions, 1):
            if isinstance(q["answer"], (list, tuple, set)):
                boxes = [w.Checkbox(description=o, indent=False, layout=w.Layout(width="auto"))
                         for o in q["options"]]
                self.inputs.append(boxes)
                rows.append(w.VBox([w.HTML(f"<b>{i}. {_e(q['prompt'])}</b>（多选）"), *boxes]))
            else:
                radio = w.RadioButtons(options=list(q["options"]), value=None,
                                       layout=w.Layout(width="auto"))
                self.inputs.append(radio)
                rows.append(w.VBox([w.HTML(f"<b>{i}. {_e(q['prompt'])}</b>"), radio]))
        self.submit = w.Button(description="提交答案", button_style="primary", icon="check")
        self.feedback = w.HTML()
        self.submit.on_click(lambda _b: self.check())
        self.widget = w.VBox([*rows, self.submit, self.feedback])
        if main:
            self.widget.add_class("yingsu-main")

    def _chosen(self, i):
        inp = self.inputs[i]
        if isinstance(inp, list):
            return sorted(j for j, b in enumerate(inp) if b.value)
        return None if inp.value is None else list(self.questions[i]["options"]).index(inp.value)

    def check(self, answers=None) -> int:
        """Show feedback; return the number of correct answers. ``answers`` overrides the inputs."""
        score, out = 0, []
        for i, q in enumerate(self.questions):
            chosen = self._chosen(i) if answers is None else answers[i]
            expected = sorted(q["answer"]) if isinstance(q["answer"], (list, tuple, set)) else q["answer"]
            ok = chosen == expected
            score += ok
            right = ("、".join(q["options"][j] for j in expected) if isinstance(expected, list)
                     else q["options"][expected])
            mark = ("<b style='color:#1b7f3b'>✔ 正确</b>" if ok else
                    "<b style='color:#888'>未作答</b>" if chosen in (None, []) else
                    "<b style='color:#b3261e'>✘ 不对</b>")
            label = obligations()[str(q["clause"])].label
            out.append(f"<li>{mark}　正确答案：{_e(right)}<br>{_e(q['why'])}"
                       f"<br><span style='color:#555'>依据：{_e(label)}</span></li>")
        self.feedback.value = (f"<p><b>得分：{score} / {len(self.questions)}</b></p>"
                               f"<ol>{''.join(out)}</ol>")
        return score


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


def _exercises_line(clause_id: str) -> str:
    try:
        from yingsu_training import exercises
    except ImportError:
        return ""
    finder = getattr(exercises, "exercises_for", None)
    if finder is None:
        return ""
    items = list(finder(clause_id))
    if not items:
        return ""
    names = "、".join(_e(getattr(x, "id", x)) for x in items)
    return f"<br>练习题：{names}"
