"""The deadline calculator: a legal period on the holiday calendar, with a calendar strip.

Pure functions (tested directly): :func:`period_choices`, :func:`compute_deadline`,
:func:`strip_days`, :func:`calendar_strip_html`, :func:`judge_deadline_answer`,
:func:`deadline_result_html`. :class:`DeadlineCalculator` only collects inputs and renders them.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import ipywidgets as w
import pandas as pd

from .. import calendar as cal
from ..catalogue import Basis, obligations, parameters
from ._common import (MAIN_CLASS, SCREEN_ONLY_CLASS, View, box, clause_quote_html, esc, feedback_area, paragraphs)

#: the named periods the calculator offers (short Chinese names; the days come from parameters)
PERIOD_NAMES = {
    "defence_period_days": "答辩举证",
    "appeal_period_judgment_days": "判决上诉",
    "appeal_period_ruling_days": "裁定上诉",
    "suggestion_reply_days": "司法建议回复",
}
CUSTOM = "custom"
WEEKDAYS_ZH = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")

#: strip cell kinds: (Chinese legend, background, text colour)
DAY_KINDS = {
    "holiday": ("法定节假日", "#f8d0d0", "#8e0000"),
    "weekend": ("周末休息日", "#dcdcdc", "#333333"),
    "adjusted_workday": ("调休上班日", "#ffe9a8", "#6b4500"),
    "workday": ("工作日", "#ffffff", "#222222"),
    "unknown": ("无节假日安排数据", "#f3f3f3", "#888888"),
}


def period_rule_basis() -> dict[str, Basis]:
    """The paragraphs of the period rule (法释〔2018〕1号第四十八条) as clause 3.2's legal basis
    quotes them, by paragraph: ``{"第二款": …, "第三款": …, "第四款": …}``."""
    out = {b.article.removeprefix("第四十八条"): b for b in obligations()["3.2"].legal_basis
           if b.law == "I-2018" and b.article.startswith("第四十八条")}
    if set(out) != {"第二款", "第三款", "第四款"}:  # pragma: no cover - a catalogue error
        raise LookupError("catalogue 3.2 must quote 法释〔2018〕1号第四十八条第二、三、四款")
    return out


def clause_for_parameter(name: str) -> str | None:
    """The clause whose rule computes with a parameter (defence_period_days → "3.2")."""
    for ob in obligations().values():
        if name in ob.parameters:
            return ob.id
    return None


def period_choices(on: date | None = None) -> list[tuple[str, str]]:
    """Dropdown options ``[("答辩举证 15日", "defence_period_days"), …, ("自定义天数", "custom")]``."""
    params = parameters()
    out = [(f"{zh} {params[name].at(on)}日", name) for name, zh in PERIOD_NAMES.items()]
    return out + [("自定义天数", CUSTOM)]


@dataclass(frozen=True)
class DeadlineResult:
    start: date
    days: int
    period: str                 # a parameter name or "custom"
    label: str                  # 答辩举证 15日 / 自定义 20日
    detail: cal.DeadlineDetail
    clause_id: str | None
    reference: Basis | None     # the statute giving the number of days (in force on ``start``)
    law_note: str | None = None  # why an earlier law's number of days applies, if it does

    @property
    def due(self) -> date:
        return self.detail.due

    @property
    def nominal_end(self) -> date:
        return self.detail.nominal_end


def compute_deadline(start, period: str, custom_days: int | None = None) -> DeadlineResult:
    """The period ``period(start, n)`` where n is the parameter in force on ``start``.

    Raises ``ValueError`` (Chinese) for a missing start or bad custom days and
    :class:`~yingsu_training.calendar.CalendarError` for a year without a holiday schedule.
    """
    if start is None or pd.isna(start):
        raise ValueError("请先选择起算日（收到起诉状副本、裁判文书送达或收到司法建议之日）。")
    start = pd.Timestamp(start).date()
    if period == CUSTOM:
        if custom_days is None or int(custom_days) < 1:
            raise ValueError("自定义天数应为不小于1的整数。")
        days, ref, clause_id, label = int(custom_days), None, None, f"自定义 {int(custom_days)}日"
    else:
        if period not in PERIOD_NAMES:
            raise ValueError(f"未知的期间“{period}”。")
        p = parameters()[period]
        days = p.at(start)
        ref, clause_id = p.reference_at(start), clause_for_parameter(period)
        label = f"{PERIOD_NAMES[period]} {days}日"
        if days != p.at(None):
            latest = p.in_force_from(None)
            law_note = (f"起算日{cal.fmt(start)}早于{cal.fmt(latest)}（现行的{p.at(None)}日期限自该日起施行，"
                        f"{p.citation}），按当时施行的规定计算{days}日（{ref.citation}）。")
            return DeadlineResult(start, days, period, label, cal.deadline_detail(start, days),
                                  clause_id, ref, law_note)
    return DeadlineResult(start, days, period, label, cal.deadline_detail(start, days), clause_id, ref)


# ---------------------------------------------------------------------------------------------
# calendar strip

@dataclass(frozen=True)
class StripDay:
    day: date
    kind: str           # a key of DAY_KINDS
    name: str           # 国庆节 / 国庆节调休上班 / 周六 / 工作日 / …
    is_start: bool
    is_nominal: bool    # the period's nominal last day (start + n)
    is_due: bool        # the due date after rolling over rest days

    @property
    def weekday_zh(self) -> str:
        return WEEKDAYS_ZH[self.day.weekday()]


def _kind(d: date) -> tuple[str, str]:
    sched = cal.schedules().get(d.year)
    if sched is None:
        return "unknown", "无数据"
    if d in sched.holidays:
        return "holiday", sched.holidays[d]
    if d in sched.workdays:
        return "adjusted_workday", sched.workdays[d]
    if d.weekday() >= 5:
        return "weekend", WEEKDAYS_ZH[d.weekday()]
    return "workday", "工作日"


def strip_days(start, days: int) -> list[StripDay]:
    """The days shown in the strip: whole weeks (Monday–Sunday) from the week of the nominal last
    day to the week of the due date."""
    detail = cal.deadline_detail(start, days)
    first = detail.nominal_end - timedelta(days=detail.nominal_end.weekday())
    last = detail.due + timedelta(days=6 - detail.due.weekday())
    out = []
    d = first
    while d <= last:
        kind, name = _kind(d)
        out.append(StripDay(d, kind, name, d == detail.start, d == detail.nominal_end, d == detail.due))
        d += timedelta(days=1)
    return out


def _legend_html() -> str:
    items = "".join(
        f'<span style="display:inline-block;margin-right:10px"><span style="display:inline-block;'
        f'width:12px;height:12px;background:{bg};border:1px solid #999;vertical-align:middle">'
        f'</span> {esc(zh)}</span>' for zh, bg, _ in DAY_KINDS.values())
    items += ('<span style="display:inline-block;margin-right:10px"><span style="display:inline-block;'
              'width:12px;height:12px;border:2px dashed #1565c0;vertical-align:middle"></span> '
              '期间最后一日（起算日次日起第N日）</span>'
              '<span style="display:inline-block"><span style="display:inline-block;width:12px;'
              'height:12px;border:3px solid #2e7d32;vertical-align:middle"></span> 期间届满日</span>')
    return f'<div class="yingsu-legend" style="font-size:85%;margin-top:4px">图例：{items}</div>'


def calendar_strip_html(start, days: int) -> str:
    """An HTML strip of the days around the nominal last day and the due date.

    One cell per day (weekday, date, what the day is); statutory holidays, ordinary weekends and
    调休 working days shaded differently; the nominal last day and the due date marked; a legend.
    Each cell carries ``data-date``, ``data-kind`` and ``data-mark`` for tests and browsers.
    """
    cells = []
    for s in strip_days(start, days):
        zh, bg, fg = DAY_KINDS[s.kind]
        marks, tags = [], []
        border = "1px solid #bbb"
        if s.is_nominal:
            marks.append("nominal")
            tags.append("最后一日")
            border = "2px dashed #1565c0"
        if s.is_due:
            marks.append("due")
            tags.append("届满日")
            border = "3px solid #2e7d32"
        if s.is_start:
            marks.append("start")
            tags.append("起算日")
        tag_html = "".join(f'<div style="font-weight:bold;font-size:80%">{esc(t)}</div>' for t in tags)
        cells.append(
            f'<div class="yingsu-day" data-date="{s.day.isoformat()}" data-kind="{s.kind}" '
            f'data-mark="{" ".join(marks)}" title="{esc(cal.fmt(s.day))} {esc(s.name)}" '
            f'style="box-sizing:border-box;flex:0 0 13.5%;min-width:64px;margin:1px;padding:3px 2px;'
            f'text-align:center;background:{bg};color:{fg};border:{border};border-radius:3px">'
            f'<div style="font-size:80%">{s.weekday_zh}</div>'
            f'<div style="font-weight:bold">{s.day.month}月{s.day.day}日</div>'
            f'<div style="font-size:75%">{esc(s.name)}</div>{tag_html}</div>')
    return (f'<div class="yingsu-strip"><div style="display:flex;flex-wrap:wrap;width:100%">'
            f'{"".join(cells)}</div>{_legend_html()}</div>')


# ---------------------------------------------------------------------------------------------
# explanation and feedback

OPINION_NUMBER = "渝府办发〔2016〕220号"

def period_rule_lines(start: date, borrowed: bool) -> list[str]:
    """The period rule in force on ``start`` (period_rule in data/parameters.yaml), quoted as far
    as the kit holds its text; ``borrowed``: the period is the opinion's own, the rule is borrowed."""
    rule = parameters()["period_rule"]
    era = rule.era(start)
    if era == len(rule.values) - 1:
        chain = cal.LEGAL_BASIS_CHAIN
        paragraphs_ = period_rule_basis()
        quotes = [paragraphs_["第二款"].shown, paragraphs_["第三款"].shown,
                  f"{paragraphs_['第四款'].shown}（邮寄的，以交邮日期为准，不以法院收到之日为准。）"]
    else:
        chain = str(rule.values[era][1]).removeprefix("参见")
        reference = rule.reference_at(start)
        since = rule.in_force_from(None)
        quotes = [reference.shown] if reference.quote else []
        quotes.append(f"{cal.LEGAL_BASIS}自{cal.fmt(since)}起施行，起算日{cal.fmt(start)}在此之前，不适用该条；"
                      f"本工具包按同样的方法计算：起算日不计入期间，最后一日是休息日的顺延至其后的第一个工作日，"
                      f"期满前交邮的不算过期。")
    if borrowed:
        # the 60-day reply is the opinion's own duty, not a litigation period: the rule is borrowed
        return [f"本意见没有规定期间的计算方法，本工具包参照{chain}计算。", *quotes]
    return [f"期间计算依据{chain}。", *quotes]


def _basis_block(result: DeadlineResult) -> str:
    lines = []
    if result.law_note:
        lines.append(result.law_note)
    if result.reference is not None:
        lines.append(f"期间天数：{result.reference.shown}")
    borrowed = result.reference is not None and result.reference.law == OPINION_NUMBER
    lines += period_rule_lines(result.start, borrowed)
    html = paragraphs(lines)
    if result.clause_id:
        html += clause_quote_html(result.clause_id)
    return html


def deadline_result_html(result: DeadlineResult) -> str:
    """The computed due date, the describe() text (with any roll-over reason), the legal basis
    and the calendar strip."""
    title = f"{result.label}：期间届满日为 {cal.fmt(result.due)}（{WEEKDAYS_ZH[result.due.weekday()]}）"
    body = paragraphs([result.detail.describe() + "。"])
    if result.detail.rolled:
        names = "、".join(dict.fromkeys(n for _, n in result.detail.skipped))
        first, last = result.detail.skipped[0][0], result.detail.skipped[-1][0]
        span = cal.fmt(first) if first == last else f"{cal.fmt(first)}至{cal.fmt(last)}"
        body += paragraphs([f"顺延跳过的休息日：{span}（{names}）。"])
    body += _basis_block(result)
    body += calendar_strip_html(result.start, result.days)
    return box("info", title, body)


@dataclass(frozen=True)
class AnswerJudgement:
    correct: bool
    title: str
    reasons: tuple[str, ...]


def judge_deadline_answer(result: DeadlineResult, answer) -> AnswerJudgement:
    """Compare a trainee's due date with the computed one and say why it is wrong."""
    if answer is None or pd.isna(answer):
        return AnswerJudgement(False, "请先填写你的答案（期间届满日），再点击“计算”。", ())
    answer = pd.Timestamp(answer).date()
    due, nominal, start = result.due, result.nominal_end, result.start
    rolled = result.detail.rolled
    # the computation itself (describe()) and the law are shown once, by deadline_result_html
    if answer == due:
        why = []
        if rolled:
            why.append("最后一日是休息日，依法顺延至其后的第一个工作日。")
        elif _kind(nominal)[0] == "adjusted_workday":
            why.append(f"{cal.fmt(nominal)}虽是周末，但为{_kind(nominal)[1]}日，属于工作日，不顺延。")
        return AnswerJudgement(True, f"回答正确：期间届满日为 {cal.fmt(due)}。", tuple(why))
    reasons: list[str] = []
    if answer <= start:
        reasons.append(f"你的答案不晚于起算日{cal.fmt(start)}。期间从起算日的次日开始计算。")
    elif answer == nominal - timedelta(days=1):
        reasons.append(f"你把起算日{cal.fmt(start)}当天也算进了期间。期间开始的日不计算在期间内，"
                       f"应自次日起算{result.days}日，最后一日为{cal.fmt(nominal)}。")
    elif answer == nominal and rolled:
        reasons.append(f"你没有顺延：最后一日{cal.fmt(nominal)}是{_kind(nominal)[1]}（休息日）。期间届满的"
                       f"最后一日是节假日的，以节假日后的第一日为期间届满的日期，即{cal.fmt(due)}。")
    elif rolled and nominal < answer < due:
        reasons.append(f"顺延还不够：{cal.fmt(answer)}是{_kind(answer)[1]}，仍是休息日；"
                       f"应顺延至休息日后的第一个工作日{cal.fmt(due)}。")
    elif answer > due and rolled:
        reasons.append(f"顺延过头了：顺延只到休息日后的第一个工作日{cal.fmt(due)}为止。")
        if _kind(due)[0] == "adjusted_workday":
            reasons.append(f"{cal.fmt(due)}虽是周末，但为{_kind(due)[1]}日，属于工作日。")
    elif answer > due:
        kind, name = _kind(nominal)
        if kind == "adjusted_workday":
            reasons.append(f"不应顺延：最后一日{cal.fmt(nominal)}虽是周末，但为{name}日，属于工作日，"
                           f"期间届满日就是{cal.fmt(due)}。")
        else:
            reasons.append(f"不应顺延：最后一日{cal.fmt(nominal)}是工作日，期间届满日就是这一天。")
        between = [d for d in (start + timedelta(days=i) for i in range(1, result.days))
                   if _kind(d)[0] == "holiday"]
        if between:
            reasons.append("期间中间的节假日照常计入期间，只有最后一日是休息日时才顺延。")
    else:
        reasons.append(f"期间尚未届满：自{cal.fmt(start)}次日起算{result.days}日，"
                       f"最后一日为{cal.fmt(nominal)}。")
        between = [d for d in (start + timedelta(days=i) for i in range(1, result.days))
                   if _kind(d)[0] in ("holiday", "weekend")]
        if between:
            reasons.append("期间中间的节假日和周末照常计入期间，不能扣除。")
    return AnswerJudgement(False, f"回答错误：你的答案是 {cal.fmt(answer)}，"
                                  f"正确的期间届满日是 {cal.fmt(due)}。", tuple(reasons))


def answer_html(result: DeadlineResult, judgement: AnswerJudgement) -> str:
    """The verdict on the trainee's answer and why; the computation, the law and the clause
    follow once, in :func:`deadline_result_html`."""
    return box("ok" if judgement.correct else "wrong", judgement.title, paragraphs(judgement.reasons))


# ---------------------------------------------------------------------------------------------
# the widget

class DeadlineCalculator(View):
    """Pick a start date and a period, click 计算: the due date, why, the law and a calendar strip.

    With ``answer_mode=True`` (or the 先作答 checkbox) the trainee enters a due date first and
    gets feedback on it.
    """

    def __init__(self, start: date | None = None, period: str = "defence_period_days",
                 answer_mode: bool = False, main: bool = True):
        wide = {"description_width": "initial"}
        self.start = w.DatePicker(description="起算日（收到/送达之日）", value=start, style=wide,
                                  layout=w.Layout(width="48%"))
        self.period = w.Dropdown(description="期间", options=period_choices(), value=period,
                                 style=wide, layout=w.Layout(width="30%"))
        self.custom_days = w.BoundedIntText(description="天数", value=15, min=1, max=3650,
                                            style=wide, layout=w.Layout(width="18%"))
        self.answer_mode = w.Checkbox(description="先作答：我来算届满日", value=answer_mode,
                                      indent=False, layout=w.Layout(width="40%"))
        self.answer_mode.add_class(SCREEN_ONLY_CLASS)
        self.answer = w.DatePicker(description="你的答案", style=wide, layout=w.Layout(width="48%"))
        self.compute_button = w.Button(description="计算", button_style="primary",
                                       layout=w.Layout(width="20%", min_width="80px"))
        self.feedback = feedback_area()
        self.period.observe(self._sync, names="value")
        self.answer_mode.observe(self._sync, names="value")
        for control in (self.start, self.period, self.custom_days, self.answer_mode, self.answer):
            control.observe(self._clear, names="value")
        self.compute_button.on_click(lambda _: self.compute())
        self.widget = w.VBox([
            w.HTML("<b>法定期间计算器</b>：选择起算日和期间，点击“计算”。期间自起算日次日开始计算，"
                   "最后一日为法定节假日或周末休息日的，顺延至其后的第一个工作日。"),
            w.HBox([self.start, self.period, self.custom_days], layout=w.Layout(flex_flow="row wrap")),
            w.HBox([self.answer_mode, self.answer], layout=w.Layout(flex_flow="row wrap")),
            self.compute_button, self.feedback], layout=w.Layout(width="100%"))
        if main:
            self.widget.add_class(MAIN_CLASS)
        self.result: DeadlineResult | None = None
        self._sync()

    def _sync(self, *_):
        self.custom_days.layout.display = None if self.period.value == CUSTOM else "none"
        self.answer.layout.display = None if self.answer_mode.value else "none"

    def _clear(self, *_):
        """A changed input makes the shown result stale."""
        self.feedback.value = ""
        self.result = None

    def compute(self):
        self.result = None
        try:
            result = compute_deadline(self.start.value, self.period.value, self.custom_days.value)
        except cal.CalendarError as exc:
            self.feedback.value = box("error", "无法计算该期间", paragraphs([str(exc)]))
            return
        except ValueError as exc:
            self.feedback.value = box("warn", str(exc))
            return
        self.result = result
        if self.answer_mode.value:
            judgement = judge_deadline_answer(result, self.answer.value)
            if not judgement.reasons:  # no answer yet: do not reveal the result
                self.feedback.value = box("warn", judgement.title)
                return
            self.feedback.value = answer_html(result, judgement) + deadline_result_html(result)
            from .live import record_quietly  # the answer store: every answer is kept
            record_quietly(notebook_default="期间计算", question=f"期间计算·{self.period.value}",
                           answer=pd.Timestamp(self.answer.value).date().isoformat(),
                           correct=judgement.correct, kind="deadline",
                           detail={"start": str(self.start.value), "due": str(result.due)})
        else:
            self.feedback.value = deadline_result_html(result)
