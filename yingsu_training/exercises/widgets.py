"""``show_exercise``: an exercise as notebook widgets (ipywidgets; works in JupyterLab and Voilà).

Only the public parts are shown before submitting: narrative, facts, questions. The key is read
from the exercise file when 提交答案 is clicked, the submission is recorded in the answer store
(:mod:`yingsu_training.store`), and the feedback says what was right, what was wrong and why,
quoting the clause.
Every text from an exercise file is HTML-escaped.

The trainee's name is shared by every exercise widget of the kernel: typing it into the
"学员：" field of one exercise sets the session's trainee (``identity.set_current``, as
``set_trainee`` and the classroom sign-in do) and fills every other exercise's field that is empty
or still shows the shared name — a field the trainee filled with a different name is left alone.
In Voilà (code hidden) the name is typed only once.
"""
from __future__ import annotations

import html
import weakref
from pathlib import Path

import ipywidgets as W
import pandas as pd

from .. import identity
from ..calendar import fmt
from ..opinion import load_opinion
from ..store import DEFAULT_NAME, StoreError, open_store
from . import answers as answer_store
from .core import RECORD_TABLES, RECORD_ZH, TRUE_ZH, FALSE_ZH, Exercise, Question, shared_exercise
from .grading import grade_answers, serialise_answer
from .model import DIFFICULTY_ZH, KIND_ZH

SUBMIT = "提交答案"
ALL_VISIBLE_PASSED = "所有可见的检查均已通过"


#: the "学员：" fields of live exercise widgets (weak: closed, dropped widgets go away)
_trainee_fields: "weakref.WeakSet[W.Text]" = weakref.WeakSet()
_propagating = False


def _usable_name(who: str) -> bool:
    if not who or who == answer_store.PLACEHOLDER:
        return False
    try:
        answer_store.safe_name(who)
    except answer_store.TraineeError:
        return False
    return True


def share_trainee(who: str, source: W.Text | None = None) -> None:
    """Make ``who`` the session's trainee and show it in every exercise's trainee field that is
    empty or still follows the shared name (not in ``source``, nor in one the trainee filled
    with another name). Names that cannot be a file name are not shared."""
    global _propagating
    who = str(who or "").strip()
    if not _usable_name(who):
        return
    _propagating = True
    try:
        answer_store.set_trainee(who)
        for field in list(_trainee_fields):
            if field is source or getattr(field, "comm", None) is None:  # closed widget
                continue
            if field.value.strip() and not field.follows_session:
                continue
            field.value = who
            field.follows_session = True
    finally:
        _propagating = False


def _follow_identity(who) -> None:
    """The sign-in (or ``set_trainee``) changed the kernel's trainee: show it where fields follow."""
    if _propagating or who is None:
        return
    share_trainee(who.name)


def _trainee_field(trainee: str | None) -> W.Text:
    if _follow_identity not in identity._listeners:  # re-registered after identity.clear()
        identity.on_change(_follow_identity)
    field = W.Text(value=trainee or answer_store.current_trainee() or "", description="学员：",
                   placeholder="姓名或学号（填一次，各道练习通用）")
    # an explicit show_exercise(trainee=...) is the trainee's own choice; otherwise follow the session
    field.follows_session = not trainee

    def on_change(change):
        if _propagating:
            return
        who = change["new"].strip()
        field.follows_session = not who  # typed by the trainee: theirs unless they cleared it
        share_trainee(who, source=field)

    field.observe(on_change, names="value")
    _trainee_fields.add(field)
    return field


def _e(text) -> str:
    return html.escape(str(text))


def _para(text: str) -> str:
    return "".join(f"<p style='margin:4px 0'>{_e(line)}</p>" for line in str(text).splitlines()
                   if line.strip())


def _cell(value, col) -> str:
    if value is None:
        return "（空）"
    if col is not None and col.kind == "bool":
        if isinstance(value, bool):
            return "是" if value else "否"
    if col is not None and col.kind == "date":
        try:
            return fmt(pd.Timestamp(str(value)))
        except (ValueError, TypeError):
            return str(value)
    return str(value)


def facts_html(ex: Exercise) -> str:
    """The exercise's records as small two-column tables (Chinese headers), escaped."""
    parts = []
    for kind, rec in ex.records.items():
        table = RECORD_TABLES[kind]
        rows = []
        for k, v in rec.items():
            name = table.zh_to_name.get(k, k)
            col = table.column(name) if name in table.names else None
            head = col.zh if col else k
            rows.append(f"<tr><th style='text-align:left;padding:2px 10px 2px 0;font-weight:normal;"
                        f"color:#555'>{_e(head)}</th><td>{_e(_cell(v, col))}</td></tr>")
        parts.append(f"<details open><summary><b>{_e(RECORD_ZH[kind])}</b></summary>"
                     f"<table style='border-collapse:collapse;margin:4px 0 8px'>{''.join(rows)}</table>"
                     "</details>")
    return "".join(parts)


def _question_widget(q: Question):
    layout = W.Layout(width="auto")
    if q.kind == "single":
        return W.RadioButtons(options=[(o.text, o.value) for o in q.options], value=None,
                              layout=layout)
    if q.kind == "multiple":
        boxes = [W.Checkbox(value=False, description=o.text, indent=False, layout=layout)
                 for o in q.options]
        box = W.VBox(boxes)
        box.option_values = [o.value for o in q.options]
        return box
    if q.kind == "true_false":
        return W.RadioButtons(options=[(TRUE_ZH, True), (FALSE_ZH, False)], value=None)
    if q.kind == "date":
        return W.DatePicker(value=None)
    if q.kind == "number":
        return W.Text(value="", placeholder=f"填写数字{('（单位：' + q.unit + '）') if q.unit else ''}")
    return W.Textarea(value="", placeholder="写下你的分析（由教员批阅）",
                      layout=W.Layout(width="95%", height="120px"))


def _widget_value(q: Question, w):
    if q.kind == "multiple":
        return [v for v, cb in zip(w.option_values, w.children) if cb.value]
    return w.value


def show_exercise(path_or_id, trainee: str | None = None, answers_dir=None, *,
                  paced: bool | None = None, poll: bool = True) -> W.VBox:
    """Render an exercise; returns the main box (CSS class ``yingsu-main``).

    ``box.question_widgets`` maps question ids to their widgets, ``box.submit_button`` is the
    提交答案 button and ``box.feedback`` the feedback area (CSS class ``yingsu-feedback``).
    """
    ex = shared_exercise(path_or_id)
    opinion = load_opinion()
    header = W.HTML(
        f"<h3 style='margin:6px 0'>{_e(ex.title)}</h3>"
        f"<div style='color:#666'>编号 {_e(ex.id)} · 难度：{_e(DIFFICULTY_ZH[ex.difficulty])} · "
        f"考查条款：{_e('、'.join(opinion[c].label for c in ex.clauses))} · 检查日："
        f"{_e(fmt(ex.as_of))} · 满分 {ex.total_points:g} 分</div>")
    narrative = W.HTML(f"<div style='margin:8px 0'><b>案情</b>{_para(ex.narrative)}</div>")
    facts = W.HTML(facts_html(ex))
    name = _trainee_field(trainee)
    q_widgets: dict[str, W.Widget] = {}
    q_boxes = []
    for i, q in enumerate(ex.questions, start=1):
        w = _question_widget(q)
        q_widgets[q.id] = w
        prompt = W.HTML(f"<div style='margin-top:10px'><b>{i}.（{_e(KIND_ZH[q.kind])}，{q.points:g}分）"
                        f"</b>{_e(q.prompt)}</div>")
        q_boxes.append(W.VBox([prompt, w]))
    button = W.Button(description=SUBMIT, button_style="primary")  # no icon: it would join the accessible name
    feedback = W.HTML("")
    feedback.add_class("yingsu-feedback")

    def on_submit(_=None):
        who = name.value.strip()
        if not who:
            feedback.value = "<div style='color:#b3261e'>请先填写学员姓名或学号，再提交。</div>"
            return
        try:
            answer_store.safe_name(who)
        except answer_store.TraineeError as exc:
            feedback.value = f"<div style='color:#b3261e'>{_e(exc)}</div>"
            return
        share_trainee(who, source=name)
        raw = {q.id: _widget_value(q, q_widgets[q.id]) for q in ex.questions}
        results = grade_answers(ex, raw)
        stored = {r.question.id: (serialise_answer(r.question, r.answer)
                                  if r.status != "unreadable" else str(r.raw)) for r in results}
        who_now = identity.current()
        db_path = Path(answers_dir) / DEFAULT_NAME if answers_dir is not None else None
        try:
            answer_store.record_submission(
                ex, stored, results, store=open_store(db_path),
                trainee=who_now if who_now is not None and who_now.name == who else who)
        except StoreError:
            # the error names the server's path: the trainee only needs to know it failed
            feedback.value = ("<div style='color:#b3261e'>答案未能保存到答题数据库，请告知教员"
                              "（本次作答的批改结果仍显示在下方）。</div>" + feedback_html(ex, results))
            return
        last["results"] = results
        if main.paced and not open_store(db_path).revealed(main.notebook, ex.id):
            feedback.value = ("<div style='border-left:4px solid #1565c0;padding:6px 12px;margin-top:8px'>"
                              "<b>答案已保存</b>（可多次提交，以最后一次为准）。等待教员揭晓答案和讲解。</div>")
            return
        feedback.value = feedback_html(ex, results, saved=True)

    last: dict = {}

    def refresh():
        """Classroom: once the instructor reveals this exercise, show the feedback."""
        from ..widgets.live import StopPolling, closed

        if closed(main):
            raise StopPolling
        db = open_store(Path(answers_dir) / DEFAULT_NAME if answers_dir is not None else None)
        if last.get("results") is not None and not last.get("shown") and db.revealed(main.notebook, ex.id):
            last["shown"] = True
            feedback.value = feedback_html(ex, last["results"], saved=True)

    button.on_click(on_submit)
    main = W.VBox([header, narrative, facts, *q_boxes, name, button, feedback])
    main.add_class("yingsu-main")
    from ..store import current_notebook
    from ..widgets.live import Poller, paced as classroom_paced

    main.paced = classroom_paced() if paced is None else paced
    main.notebook = current_notebook("练习")
    main.refresh = refresh
    main.poller = Poller(refresh).start() if main.paced and poll else None
    main.exercise = ex
    main.question_widgets = q_widgets
    main.submit_button = button
    main.feedback = feedback
    main.trainee_field = name
    return main


def feedback_html(ex: Exercise, results, saved: bool = False) -> str:
    """What was right, what was wrong and why, with the clause quoted from the opinion."""
    opinion = load_opinion()
    auto = [r for r in results if r.question.auto]
    held = [r for r in results if not r.question.auto]
    right = [r for r in auto if r.status == "right"]
    score = sum(r.points or 0 for r in auto)
    full = sum(r.question.points for r in auto)
    if len(right) == len(auto) and not held:
        head = f"全部正确！自动评分 {score:g} / {full:g} 分。"
        color = "#1e7b34"
    elif len(right) == len(auto):
        head = (f"{ALL_VISIBLE_PASSED}（自动评分 {score:g} / {full:g} 分）；"
                f"另有 {len(held)} 道论述题待教员批阅。")
        color = "#1e7b34"
    else:
        head = f"答对 {len(right)} / {len(auto)} 道自动评分题，得 {score:g} / {full:g} 分。"
        if held:
            head += f"另有 {len(held)} 道论述题待教员批阅。"
        color = "#b3261e"
    parts = [f"<div style='border-left:4px solid {color};padding:6px 12px;margin-top:8px'>"
             f"<b>{_e(head)}</b>"]
    quoted: set[str] = set()
    for i, r in enumerate(results, start=1):
        q = r.question
        clause = opinion[q.clause]
        if r.status == "right":
            mark, text = "✔ 正确", q.feedback_right
        elif r.status == "open":
            mark, text = "✎ 已提交，待教员批阅", "论述题不自动评分。"
        elif r.status == "unanswered":
            mark, text = "✘ 未作答", q.feedback_wrong
        elif r.status == "unreadable":
            mark, text = "✘ 无法识别", f"{r.problem}。{q.feedback_wrong}"
        else:
            mark, text = "✘ 错误", q.feedback_wrong
        parts.append(f"<div style='margin:8px 0'><b>第{i}题 {_e(mark)}</b>"
                     f"（你的答案：{_e(q.answer_text(r.answer) if r.status != 'unreadable' else r.raw)}）"
                     f"<div>{_e(text)}</div>")
        if r.status in ("wrong", "unanswered", "unreadable"):
            parts.append(f"<div>正确答案：{_e(q.answer_text(r.key))}</div>")
            if r.explanation:
                parts.append(f"<div style='color:#444'>依据检查规则：{_e(r.explanation)}</div>")
        if q.clause in quoted:
            parts.append(f"<div style='color:#555'>条文：{_e(clause.label)}（见上）</div></div>")
        else:
            quoted.add(q.clause)
            parts.append(f"<blockquote style='margin:4px 0 0 0;padding-left:8px;border-left:2px solid #ccc;"
                         f"color:#555'><b>{_e(clause.label)}</b>：{_e(clause.text)}</blockquote></div>")
    if saved:
        parts.append("<div style='color:#777;font-size:12px'>答案已保存"
                     "（可多次提交，以最后一次为准）。</div>")
    parts.append("</div>")
    return "".join(parts)
