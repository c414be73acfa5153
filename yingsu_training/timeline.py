"""A case's timeline as a picture: its steps, the legal deadlines, late steps in red.

:func:`timeline_steps` (pure) lists the steps of one case row with their dates, their deadlines
(computed with :func:`yingsu_training.calendar.legal_deadline` and the dated parameters, read
as the checker reads them) and
whether each was on time; :func:`case_timeline` draws them with matplotlib in a CJK font
(:func:`yingsu_training.plotting.use_cjk_font`).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from . import calendar as cal
from .checks import as_of_date
from .plotting import use_cjk_font
from .rules._base import parameter_scalar as parameter
from .schema import RULING_KINDS

#: step statuses: (Chinese, colour)
STEP_STATUS = {
    "event": ("事件", "#555555"),
    "deadline": ("法定期限", "#1565c0"),
    "on_time": ("按期", "#2e7d32"),
    "late": ("逾期", "#c62828"),
    "overdue": ("逾期未办", "#c62828"),
    "pending": ("期限未到、尚未办理", "#e69500"),
    "not_done": ("未办理", "#888888"),
}


@dataclass(frozen=True)
class Step:
    key: str
    label: str                # Chinese
    on: date | None           # when it happened (events and actions)
    due: date | None          # the deadline it is measured against (actions and deadlines)
    status: str               # a key of STEP_STATUS
    note: str = ""            # Chinese, e.g. 逾期3日

    @property
    def late(self) -> bool:
        return self.status in ("late", "overdue")

    @property
    def when(self) -> date | None:
        """Where the step sits on the time axis."""
        return self.on or self.due


def _get(row, col):
    try:
        value = row[col]
    except (KeyError, IndexError):
        return None
    if value is None or (not isinstance(value, (list, tuple)) and pd.isna(value)):
        return None
    return value


def _date(row, col) -> date | None:
    value = _get(row, col)
    return None if value is None else pd.Timestamp(value).date()


def _action(key: str, label: str, on: date | None, due: date | None, as_of: date) -> Step:
    if due is None:
        return Step(key, label, on, None, "event" if on else "not_done")
    if on is not None:
        if on > due:
            return Step(key, label, on, due, "late", f"逾期{(on - due).days}日")
        return Step(key, label, on, due, "on_time", "按期")
    if as_of > due:
        return Step(key, label, None, due, "overdue", f"期限届满未办理，至检查日已逾期{(as_of - due).days}日")
    return Step(key, label, None, due, "pending", "尚未办理，期限未到")


def timeline_steps(case_row, as_of=None) -> list[Step]:
    """The steps of one case (a row of the cases table, as a Series or a dict), in order.

    ``as_of`` (default: today) decides whether a missing step is overdue or still pending.
    Raises :class:`~yingsu_training.calendar.CalendarError` when a deadline needs a year without
    a holiday schedule.
    """
    as_of = as_of_date(as_of)
    steps: list[Step] = []
    received = _date(case_row, "complaint_received_on")
    if received is not None:
        steps.append(Step("complaint", "收到起诉状副本", received, None, "event"))
        days = parameter("defence_period_days", received)
        defence_due = cal.legal_deadline(received, days)
        steps.append(Step("defence_due", f"答辩期届满（{days}日）", None, defence_due, "deadline"))
        # a posted filing counts from its posting date (法释〔2018〕1号第四十八条第四款)
        posted = _date(case_row, "defence_posted_on")
        steps.append(_action("defence", "答辩状交邮" if posted else "提交答辩状",
                             posted or _date(case_row, "defence_submitted_on"), defence_due, as_of))
        extension = _date(case_row, "evidence_extension_until")
        evidence_due = max(defence_due, extension) if extension else defence_due
        posted = _date(case_row, "evidence_posted_on")
        label = ("证据依据交邮" if posted else "提交证据依据") + (
            f"（准许延期至{extension.month}月{extension.day}日）" if extension else "")
        steps.append(_action("evidence", label, posted or _date(case_row, "evidence_submitted_on"),
                             evidence_due, as_of))
    hearing = _date(case_row, "hearing_on")
    if hearing is not None:
        steps.append(Step("hearing", "开庭", hearing, None, "event"))
    served = _date(case_row, "decision_served_on")
    appeal = _date(case_row, "appeal_filed_on")
    if served is not None:
        kind = _get(case_row, "decision_kind")
        steps.append(Step("served", f"裁判送达（{kind}）" if kind else "裁判送达", served, None, "event"))
        ruling = kind in RULING_KINDS
        days = parameter("appeal_period_ruling_days" if ruling else "appeal_period_judgment_days", served)
        appeal_due = cal.legal_deadline(served, days)
        steps.append(Step("appeal_due", f"上诉期届满（{'裁定' if ruling else '判决'}{days}日）",
                          None, appeal_due, "deadline"))
        if appeal is not None:
            steps.append(_action("appeal", "提起上诉", appeal, appeal_due, as_of))
    elif appeal is not None:
        steps.append(Step("appeal", "提起上诉", appeal, None, "event"))
    perf_due = _date(case_row, "performance_due_on")
    performed = _date(case_row, "performed_on")
    if perf_due is not None:
        steps.append(Step("performance_due", "履行期限届满", None, perf_due, "deadline"))
        steps.append(_action("performed", "履行完毕", performed, perf_due, as_of))
    elif performed is not None:
        steps.append(Step("performed", "履行完毕", performed, None, "event"))
    return steps


# ---------------------------------------------------------------------------------------------
# drawing

def case_timeline(case_row, as_of=None, ax=None):
    """A matplotlib figure of one case's steps; late steps in red. Returns the figure.

    With ``ax`` it draws into that axes (and returns its figure).
    """
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D

    use_cjk_font()  # raises CJKFontMissing (Chinese: how to install the font) when there is none
    as_of_d = as_of_date(as_of)
    steps = timeline_steps(case_row, as_of_d)
    own = ax is None
    if own:
        height = 0.42 * max(len(steps), 3) + 1.7
        fig, ax = plt.subplots(figsize=(9, height))
        # fixed margins (in inches) instead of constrained layout: several times faster to draw
        label_in = 0.25 + max([len(s.label) for s in steps] + [4]) * 9 / 72
        fig.subplots_adjust(left=min(label_in / 9, 0.4), right=0.97, top=1 - 0.5 / height,
                            bottom=1.15 / height)
    else:
        fig = ax.figure
    case_id = _get(case_row, "case_id") or ""
    agency = _get(case_row, "agency") or ""
    ax.set_title(f"{case_id}　{agency}　案件时间线（检查日 {cal.fmt(as_of_d)}）", fontsize=10)
    if not steps:
        ax.text(0.5, 0.5, "没有可显示的日期（收到起诉状副本日期为空）", ha="center", va="center",
                transform=ax.transAxes)
        ax.set_axis_off()
        return fig
    n = len(steps)
    ys = list(range(n, 0, -1))
    when = [s.when for s in steps]
    for y, s in zip(ys, steps):
        colour = STEP_STATUS[s.status][1]
        if s.status == "deadline":
            ax.plot([s.due], [y], marker="D", color=colour, markersize=7, linestyle="none")
            ax.annotate(cal.fmt(s.due), (s.due, y), xytext=(8, -3), textcoords="offset points",
                        fontsize=8, color=colour)
            ax.axvline(s.due, color=colour, linewidth=0.6, linestyle=":", alpha=0.6)
            continue
        if s.status in ("event", "on_time", "late"):
            ax.plot([s.on], [y], marker="o", color=colour, markersize=8, linestyle="none")
            text = cal.fmt(s.on) + (f"　{s.note}" if s.status == "late" else "")
            if s.status == "late":
                ax.plot([s.due, s.on], [y, y], color=colour, linewidth=3, alpha=0.5)
            ax.annotate(text, (s.on, y), xytext=(8, -3), textcoords="offset points", fontsize=8,
                        color=colour)
        elif s.status == "overdue":
            ax.plot([s.due, as_of_d], [y, y], color=colour, linewidth=3, alpha=0.5)
            ax.plot([as_of_d], [y], marker="X", color=colour, markersize=9, linestyle="none")
            ax.annotate(s.note, (as_of_d, y), xytext=(-4, 7), textcoords="offset points",
                        fontsize=8, color=colour, ha="right")
        elif s.status == "pending":
            ax.plot([s.due], [y], marker="o", markerfacecolor="white", color=colour, markersize=8,
                    linestyle="none")
            ax.annotate(s.note, (s.due, y), xytext=(8, -3), textcoords="offset points",
                        fontsize=8, color=colour)
    ax.axvline(as_of_d, color="#444444", linewidth=1, linestyle="--")
    ax.annotate("检查日", (as_of_d, n + 0.6), ha="center", fontsize=8, color="#444444",
                annotation_clip=False)
    ax.set_yticks(ys)
    ax.set_yticklabels([s.label for s in steps], fontsize=9)
    for tick, s in zip(ax.get_yticklabels(), steps):
        if s.late:
            tick.set_color(STEP_STATUS["late"][1])
            tick.set_fontweight("bold")
    ax.set_ylim(0.3, n + 1)
    xs = [d for d in when if d] + [as_of_d]
    lo, hi = min(xs), max(xs)
    pad = pd.Timedelta(days=max(4, (hi - lo).days * 0.3))  # room for the labels right of the marks
    ax.set_xlim(pd.Timestamp(lo) - pd.Timedelta(days=max(3, (hi - lo).days * 0.04)), pd.Timestamp(hi) + pad)
    ax.xaxis.set_major_locator(mdates.AutoDateLocator(maxticks=8))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m-%d"))
    ax.tick_params(axis="x", labelsize=8, labelrotation=25)
    for label in ax.get_xticklabels():
        label.set_horizontalalignment("right")
    ax.grid(axis="x", alpha=0.2)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    handles = [Line2D([], [], marker=m, color=STEP_STATUS[k][1], linestyle="none",
                      markerfacecolor=f, label=STEP_STATUS[k][0])
               for k, m, f in (("event", "o", None), ("deadline", "D", None), ("on_time", "o", None),
                               ("late", "o", None), ("overdue", "X", None), ("pending", "o", "white"))]
    if own:  # under the date labels, at the bottom of the figure
        fig.legend(handles=handles, loc="lower center", ncol=6, fontsize=8, frameon=False,
                   bbox_to_anchor=(0.5, 0.0))
    else:
        ax.legend(handles=handles, loc="best", fontsize=7, frameon=False)
    return fig


def timeline_png(case_row, as_of=None, dpi: int = 100) -> bytes:
    """The timeline as PNG bytes (for ipywidgets.Image in the case explorer); closes the figure.

    In the classroom the picture of a case is drawn once for the whole class
    (:mod:`yingsu_training.classroom.shared`): the other trainees' kernels read it and never
    load matplotlib for it.
    """
    from .classroom.shared import shared

    as_of_d = as_of_date(as_of)
    row = case_row.to_dict() if hasattr(case_row, "to_dict") else dict(case_row)
    return shared("timeline", (row, as_of_d, dpi), lambda: _draw_png(case_row, as_of_d, dpi))


def _draw_png(case_row, as_of, dpi: int) -> bytes:
    import io

    import matplotlib.pyplot as plt

    fig = case_timeline(case_row, as_of)
    buf = io.BytesIO()
    try:
        fig.savefig(buf, format="png", dpi=dpi)
    finally:
        plt.close(fig)
    return buf.getvalue()


def show_timeline(case_row, as_of=None):
    """Show the timeline picture under a notebook cell (a lesson's case): :func:`timeline_png`
    displayed as an image. Returns nothing (the picture is the cell's output)."""
    from IPython.display import Image, display

    display(Image(timeline_png(case_row, as_of), format="png"))
