"""The instructor's page (教员看板): the class's answers to the question on screen, live.

``InstructorPanel(roster=...)`` shows, for the chosen notebook and question, the distribution of
the class's latest answers as a bar chart refreshed every few seconds from the answer store, who
has and has not answered (against the roster when one is loaded; names not on it are flagged),
and the reveal controls: 揭晓本题 makes the verdict and the clause text appear on every trainee's
screen (their widgets poll the store); for a case discussion, 揭晓下一条 / 揭晓该条 reveal one
clause at a time; 收回 takes a reveal back. ``refresh()`` is the pure step the poller repeats.
"""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

import ipywidgets as w

from ._common import MAIN_CLASS, esc
from .live import Poller, StopPolling, bars_html, closed

ALL = "（全部）"


def load_roster(source) -> list[str]:
    """Names from a list (of names, or of the classroom roster's people), or from a roster file
    (名单.xlsx / .csv): the 姓名 column, else the first."""
    if source is None:
        return []
    if isinstance(source, (list, tuple, set)):
        names = (getattr(n, "name", n) for n in source)
        return [str(n).strip() for n in names if str(n).strip()]
    import pandas as pd

    path = Path(source)
    if path.suffix.lower() == ".csv":
        df = pd.read_csv(path, dtype=str)
    else:
        df = pd.read_excel(path, dtype=str, engine="calamine")
    col = "姓名" if "姓名" in df.columns else df.columns[0]
    return [n.strip() for n in df[col].dropna().astype(str) if n.strip()]


class InstructorPanel:
    """The live view of one question for the whole class (works in JupyterLab and Voilà)."""

    def __init__(self, *, store=None, roster=None, notebook: str | None = None,
                 clauses_for=None, poll: bool = True, interval: float | None = None):
        self._store = store
        self.roster = load_roster(roster)
        self.clauses_for = clauses_for
        self.notebook = w.Dropdown(description="笔记本：", options=[], layout=w.Layout(width="360px"))
        self.question = w.Dropdown(description="题目：", options=[], layout=w.Layout(width="420px"))
        self.part = w.Dropdown(description="小题：", options=[], layout=w.Layout(width="240px"))
        self.clause = w.Dropdown(description="条款：", options=[], layout=w.Layout(width="240px"))
        self.follow = w.Checkbox(value=False, description="自动切换到最新作答的题目", indent=False)
        self.refresh_button = w.Button(description="刷新", icon="refresh")
        self.reveal_button = w.Button(description="揭晓本题", button_style="warning", icon="eye")
        self.reveal_clause_button = w.Button(description="揭晓该条", icon="eye")
        self.next_clause_button = w.Button(description="揭晓下一条", icon="forward")
        self.hide_button = w.Button(description="收回揭晓", icon="eye-slash")
        self.chart = w.HTML()
        self.chart.add_class("yingsu-distribution")
        self.who = w.HTML()
        self.who.add_class("yingsu-who")
        self.state = w.HTML()
        self.state.add_class("yingsu-reveal-state")
        self.stamp = w.HTML()
        self.refresh_button.on_click(lambda _b: self.refresh())
        self.reveal_button.on_click(lambda _b: self.reveal())
        self.reveal_clause_button.on_click(lambda _b: self.reveal(self.clause.value or None))
        self.next_clause_button.on_click(lambda _b: self.reveal_next_clause())
        self.hide_button.on_click(lambda _b: self.hide())
        self._updating = False
        for dd in (self.notebook, self.question, self.part, self.clause):
            dd.observe(self._on_choice, names="value")
        self.widget = w.VBox([
            w.HTML("<h3 style='margin:4px 0'>教员看板：全班作答情况</h3>"),
            w.HBox([self.notebook, self.question]), w.HBox([self.part, self.clause, self.follow]),
            self.chart, self.who,
            w.HBox([self.reveal_button, self.next_clause_button, self.reveal_clause_button,
                    self.hide_button, self.refresh_button]),
            self.state, self.stamp])
        self.widget.add_class(MAIN_CLASS)
        self.widget.add_class("yingsu-instructor")
        self._choose_notebook(notebook)
        self.refresh()
        self.poller = Poller(self._tick, interval).start() if poll else None

    @property
    def store(self):
        from ..store import open_store
        return self._store or open_store()

    # -- choosing what is on screen -----------------------------------------------------------
    def _set_options(self, dd, options, keep=True):
        """Options as values or (label, value) pairs; the chosen value is kept when still offered."""
        value = dd.value
        options = list(options)
        values = [o[1] if isinstance(o, tuple) else o for o in options]
        if [tuple(o) if isinstance(o, (list, tuple)) else o for o in dd.options] != options:
            dd.options = options
        if keep and value in values:
            dd.value = value
        elif values and (not keep or dd.value not in values):
            dd.value = values[0]

    def _choose_notebook(self, notebook=None):
        self._updating = True
        try:
            nbs = self.store.notebooks()
            if notebook and notebook not in nbs:
                nbs = [notebook, *nbs]
            self._set_options(self.notebook, nbs)
            if notebook:
                self.notebook.value = notebook
            self._update_questions()
        finally:
            self._updating = False

    def _update_questions(self):
        nb = self.notebook.value
        self._set_options(self.question, self.store.questions(nb) if nb else [])
        self._update_parts()

    def _update_parts(self):
        nb, q = self.notebook.value, self.question.value
        parts, clauses = [], []
        if nb and q:
            sample = self.store.rows(notebook=nb, question=q)[-1:] if q else []
            if sample and isinstance(sample[0].answer, dict):
                parts = sorted(sample[0].answer)
            clauses = self.clauses(nb, q)
        self._set_options(self.part, [ALL] if not parts else parts)
        self.part.layout.display = None if parts else "none"
        from ..opinion import load_opinion

        opinion = load_opinion()
        labelled = [(opinion[c].label if c in opinion else c, c) for c in clauses]
        # a case discussion: one clause at a time (the first by default), or all of them
        same = getattr(self, "_parts_for", None) == (nb, q, tuple(clauses))
        self._parts_for = (nb, q, tuple(clauses))
        self._set_options(self.clause, [*labelled, (ALL, ALL)] if clauses else [(ALL, ALL)], keep=same)
        for x in (self.clause, self.reveal_clause_button, self.next_clause_button):
            x.layout.display = None if clauses else "none"

    def clauses(self, notebook: str, question: str) -> list[str]:
        """The clauses of a question that can be revealed one at a time (case discussions)."""
        known = list(self.clauses_for(notebook, question) or []) if self.clauses_for else []
        return known + [c for c in self.store.clauses(notebook, question) if c not in known]

    def _on_choice(self, change):
        if self._updating:
            return
        self._updating = True
        try:
            if change["owner"] is self.notebook:
                self._update_questions()
            elif change["owner"] is self.question:
                self._update_parts()
        finally:
            self._updating = False
        self.refresh()

    # -- the live part ------------------------------------------------------------------------
    def _tick(self):
        if closed(self.widget):
            raise StopPolling
        self.refresh(reload_choices=True)

    def refresh(self, reload_choices: bool = False) -> None:
        """Re-read the store: the distribution, who answered, what is revealed."""
        db = self.store
        if reload_choices:
            self._updating = True
            try:
                latest = db.latest_question() if self.follow.value else None
                nbs = db.notebooks()
                if self.notebook.value and self.notebook.value not in nbs:
                    nbs.append(self.notebook.value)
                self._set_options(self.notebook, nbs)
                if latest:
                    self.notebook.value = latest[0]
                self._update_questions()
                if latest:
                    self.question.value = latest[1]
                    self._update_parts()
            finally:
                self._updating = False
        nb, q = self.notebook.value, self.question.value
        if not nb or not q:
            self.chart.value = "<div style='color:#777'>答题数据库里还没有任何作答。</div>"
            self.who.value = self._who_html([])
            self.state.value = ""
            return
        part = self.part.value if self.part.value not in (None, ALL) else None
        clause = self.clause.value if self.clause.value not in (None, ALL) else None
        counts = db.distribution(nb, q, part=part, clause=clause)
        recent = db.rows(notebook=nb, question=q)[-1:]
        unit = "组" if recent and recent[0].kind == "group" else "人"
        revealed = db.revealed(nb, q, clause)
        right = set()
        if revealed:
            right = {label for label, ok in self._verdicts(nb, q, part, clause).items() if ok}
        self.chart.value = (f"<div style='margin:6px 0'><b>{esc(q)}</b>"
                            + (f" · {esc(part)}" if part else "")
                            + (f" · {esc(self.clause.label)}" if clause else "")
                            + f"　共 {sum(counts.values())} 份作答</div>" + bars_html(counts, right=right, unit=unit))
        self.who.value = self._who_html(db.answered_by(nb, q))
        shown = db.revealed_clauses(nb, q)
        whole = db.revealed(nb, q)
        self.state.value = ("<div style='color:#b26a00'><b>已揭晓本题</b>：学员屏幕上显示结论和条文。</div>" if whole
                            else f"<div>已揭晓条款：{esc('、'.join(sorted(shown)))}</div>" if shown
                            else "<div style='color:#555'>尚未揭晓：学员只看到“已提交”。</div>")
        self.stamp.value = f"<div style='color:#888;font-size:12px'>更新于 {datetime.now():%H:%M:%S}</div>"

    def _verdicts(self, nb, q, part, clause) -> dict[str, bool]:
        """Which answer labels were marked right (from the stored correctness)."""
        from ..store import answer_label

        out: dict[str, bool] = {}
        for a in self.store.latest(notebook=nb, question=q, clause=clause):
            if part is not None:
                continue  # an exercise's parts are graded as a whole submission
            if a.correct is not None:
                out[answer_label(a.answer)] = a.correct
        return out

    def _who_html(self, answered: list[str]) -> str:
        got = set(answered)
        parts = [f"<div><b>已作答 {len(answered)} {'组' if self._groups() else '人'}</b>：{esc('、'.join(answered)) or '（无）'}</div>"]
        if self.roster:
            missing = [n for n in self.roster if n not in got]
            strangers = [n for n in answered if n not in set(self.roster)]
            parts.append(f"<div class='yingsu-missing'><b>未作答 {len(missing)} 人</b>（名单共 {len(self.roster)} 人）："
                         f"{esc('、'.join(missing)) or '（无）'}</div>")
            if strangers:
                parts.append(f"<div style='color:#b26a00'>不在名单上：{esc('、'.join(strangers))}</div>")
        return "".join(parts)

    def _groups(self) -> bool:
        nb, q = self.notebook.value, self.question.value
        recent = self.store.rows(notebook=nb, question=q)[-1:] if nb and q else []
        return bool(recent) and recent[0].kind == "group"

    # -- reveal controls ----------------------------------------------------------------------
    def reveal(self, clause: str | None = None) -> None:
        if self.notebook.value and self.question.value:
            self.store.reveal(self.notebook.value, self.question.value, clause)
        self.refresh()

    def reveal_next_clause(self) -> str | None:
        """Reveal the first clause of the question not yet revealed; returns it (None: all are)."""
        nb, q = self.notebook.value, self.question.value
        if not nb or not q:
            return None
        done = self.store.revealed_clauses(nb, q)
        for c in self.clauses(nb, q):
            if c not in done:
                self.store.reveal(nb, q, c)
                self.refresh()
                return c
        self.refresh()
        return None

    def hide(self) -> None:
        if self.notebook.value and self.question.value:
            self.store.hide(self.notebook.value, self.question.value)
        self.refresh()
