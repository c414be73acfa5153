"""学习进度: a learner's own progress from the answer store — lessons and exercises done, the
score per clause, and what to do next. Works for one person on an office PC with no server:
the store is the file next to the notebooks, the learner the signed-in trainee (or, with
nobody signed in, the answers recorded without a name).

    learning_progress(store=None, trainee=None) -> Progress   pure
    progress_html(p) -> str                               what the view shows
    ProgressView()                                        the widget (00-导览, the landing page)
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ._common import MAIN_CLASS, esc

WEAK = 0.6


@dataclass
class Progress:
    trainee: str
    lessons: list[dict] = field(default_factory=list)       # file, title, stem, answers (count)
    exercises: list[dict] = field(default_factory=list)     # id, title, score, max, at
    clauses: list[dict] = field(default_factory=list)       # id, label, score, max, rate
    next_steps: list[str] = field(default_factory=list)

    @property
    def lessons_done(self) -> int:
        return sum(1 for x in self.lessons if x["answers"])


def _me(trainee) -> str:
    if trainee is not None:
        return getattr(trainee, "name", trainee)
    from .. import identity
    who = identity.current()
    return who.name if who is not None else ""


def learning_progress(store=None, trainee=None, *, lessons_folder: Path | None = None,
             exercise_loader=None) -> Progress:
    """The learner's progress (pure: reads the store and the lesson and exercise files)."""
    from ..exercises.core import ExerciseError
    from ..exercises.grading import grade_answers
    from ..lessons import lesson_index
    from ..opinion import load_opinion
    from ..store import open_store

    db = store or open_store()
    me = _me(trainee)
    rows = db.rows(trainee=me)
    opinion = load_opinion()
    per_clause: dict[str, list[float]] = {}

    def add(clause, score, full):
        if clause and clause in opinion and full:
            got = per_clause.setdefault(clause, [0.0, 0.0])
            got[0] += score or 0.0
            got[1] += full

    out = Progress(me)
    by_notebook: dict[str, int] = {}
    latest_quiz: dict[tuple, object] = {}
    latest_ex: dict[str, object] = {}
    for a in rows:
        by_notebook[a.notebook] = by_notebook.get(a.notebook, 0) + 1
        if a.kind in ("exercise", "paper"):
            latest_ex[a.question] = a
        elif a.kind != "group":
            latest_quiz[(a.notebook, a.question, a.clause)] = a
    for a in latest_quiz.values():
        if a.correct is not None:
            add(a.clause, 1.0 if a.correct else 0.0, 1.0)
    if exercise_loader is None:
        from ..exercises.core import shared_exercise as exercise_loader
    for eid, a in sorted(latest_ex.items()):
        try:
            ex = exercise_loader(eid)
        except (FileNotFoundError, ExerciseError):
            continue
        if not isinstance(a.answer, dict):
            continue
        results = grade_answers(ex, a.answer)
        auto = [r for r in results if r.question.auto]
        for r in auto:
            add(r.question.clause, r.points, r.question.points)
        out.exercises.append({"id": eid, "title": ex.title, "score": sum(r.points or 0 for r in auto),
                              "max": sum(r.question.points for r in auto), "at": a.recorded_at[:16]})
    index = lesson_index(lessons_folder)
    for les in index:
        stem = Path(les["file"]).stem
        out.lessons.append({**les, "stem": stem, "answers": by_notebook.get(stem, 0)})
    order = {cid: i for i, cid in enumerate(opinion.ids)}
    for cid, (score, full) in sorted(per_clause.items(), key=lambda kv: order.get(kv[0], 99)):
        out.clauses.append({"id": cid, "label": opinion[cid].label, "score": score, "max": full,
                            "rate": score / full})
    # what next: the weakest clauses' lessons first, then the first lesson not yet opened
    for c in sorted((c for c in out.clauses if c["rate"] < WEAK), key=lambda c: c["rate"])[:3]:
        lessons = [les["title"] for les in index if c["id"] in les["clauses"]]
        where = f"复习《{lessons[0]}》" if lessons else "复习该条款"
        out.next_steps.append(f"{c['label']}得分率 {c['rate']:.0%}：{where}，再做一遍相关练习。")
    todo = [les for les in out.lessons if not les["answers"]]
    if todo:
        out.next_steps.append(f"继续学习《{todo[0]['title']}》（{todo[0]['file']}）。")
    if not out.exercises:
        out.next_steps.append("做一套自学练习：yingsu exercise build self-study -o 自学练习.ipynb。")
    if not out.next_steps:
        out.next_steps.append("各条款得分率都在 60% 以上，全部课程已学过：可以做结业测试卷检验一下。")
    return out


def progress_html(p: Progress) -> str:
    who = f"{esc(p.trainee)} 的" if p.trainee else "本机的"
    parts = [f"<div class='yingsu-progress'><h4 style='margin:4px 0'>{who}学习进度</h4>",
             f"<div>已学课程（做过其中的练习）：<b>{p.lessons_done} / {len(p.lessons)}</b>；"
             f"已做案例练习：<b>{len(p.exercises)}</b> 道</div>"]
    parts.append("<table style='border-collapse:collapse;margin:4px 0'>"
                 + "".join(f"<tr><td style='padding:1px 8px'>{'✔' if x['answers'] else '○'}</td>"
                           f"<td style='padding:1px 8px'>{esc(x['title'])}</td>"
                           f"<td style='padding:1px 8px;color:#666'>{x['answers'] or ''}"
                           f"{' 次作答' if x['answers'] else ''}</td></tr>" for x in p.lessons) + "</table>")
    if p.exercises:
        parts.append("<div><b>案例练习</b>（以最后一次提交为准）：" + "；".join(
            f"{esc(x['title'])} {x['score']:g}/{x['max']:g} 分" for x in p.exercises) + "</div>")
    if p.clauses:
        rows = "".join(
            f"<tr data-clause='{esc(c['id'])}'><td style='padding:1px 8px'>{esc(c['label'])}</td>"
            f"<td style='padding:1px 8px;width:160px'><div style='background:#eee'><div style='height:10px;"
            f"width:{100 * c['rate']:.0f}%;background:{'#2e7d32' if c['rate'] >= WEAK else '#c62828'}'>"
            f"</div></div></td><td style='padding:1px 8px'>{c['rate']:.0%}（{c['score']:g}/{c['max']:g}）</td></tr>"
            for c in p.clauses)
        parts.append(f"<div style='margin-top:6px'><b>各条款得分率</b></div><table>{rows}</table>")
    else:
        parts.append("<div style='color:#666'>还没有作答记录：做完任何一课的练习后，这里会显示各条款的得分率。</div>")
    parts.append("<div style='margin-top:6px'><b>下一步</b><ul style='margin:2px 0'>"
                 + "".join(f"<li>{esc(s)}</li>" for s in p.next_steps) + "</ul></div></div>")
    return "".join(parts)


class ProgressView:
    """The 学习进度 view: ``ProgressView().widget``; 刷新 re-reads the store, and it follows the
    sign-in (a new trainee signed in shows their progress)."""

    def __init__(self, *, store=None, trainee=None, main: bool = False):
        import ipywidgets as w

        from .. import identity

        self._store, self._trainee = store, trainee
        self.html = w.HTML()
        self.html.add_class("yingsu-feedback")
        self.refresh_button = w.Button(description="刷新学习进度", icon="refresh")
        self.refresh_button.on_click(lambda _b: self.refresh())
        self.widget = w.VBox([self.html, self.refresh_button])
        if main:
            self.widget.add_class(MAIN_CLASS)
        if trainee is None:
            identity.on_change(lambda _who: self.refresh())
        self.refresh()

    def refresh(self) -> Progress:
        self.progress = learning_progress(self._store, self._trainee)
        self.html.value = progress_html(self.progress)
        return self.progress


class ClassProgress:
    """The instructor's view of every trainee's 学习进度 (教员看板): pick a trainee — who has
    answered, then the roster's names — and see their progress as the landing page shows it to
    them (a trainee's own browser shows only their own)."""

    def __init__(self, *, store=None, roster=None):
        import ipywidgets as w

        from .instructor import load_roster

        self._store = store
        self.roster = load_roster(roster)
        self.trainee = w.Dropdown(description="学员：", options=[], layout=w.Layout(width="320px"))
        self.refresh_button = w.Button(description="刷新", icon="refresh")
        self.html = w.HTML()
        self.html.add_class("yingsu-class-progress")
        self.trainee.observe(lambda _change: self.show(), names="value")
        self.refresh_button.on_click(lambda _b: self.refresh())
        self.widget = w.VBox([w.HBox([self.trainee, self.refresh_button]), self.html])
        self.refresh()

    def refresh(self) -> None:
        """Re-read who has answered; keep the trainee on screen when still there."""
        from ..store import open_store

        names = list(dict.fromkeys([*(self._store or open_store()).trainees(), *self.roster]))
        keep = self.trainee.value
        self.trainee.options = names
        self.trainee.value = keep if keep in names else (names[0] if names else None)
        self.show()

    def show(self) -> None:
        name = self.trainee.value
        self.html.value = (progress_html(learning_progress(self._store, name)) if name else
                           "<div style='color:#777'>还没有学员作答，也没有载入名单。</div>")
