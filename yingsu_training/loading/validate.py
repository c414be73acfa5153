"""Validate typed records: duplicate keys, dates that contradict each other, periods the
calendar cannot compute. Every problem goes into one collector (:class:`_Problems`), so a file's
problems are all reported at once."""
from __future__ import annotations

import numpy as np
import pandas as pd

from .. import calendar as cal
from ..catalogue import parameter
from ..errors import Problem
from ..schema import RULING_KINDS

#: Dates must not be earlier than another date of the same record: (table, later, earlier).
#: Each is a record that contradicts itself (contract §3: "a defence submitted before the
#: complaint copy was received … is a data error reported by the loader").
DATE_ORDER_RULES: tuple[tuple[str, str, str], ...] = (
    ("cases", "defence_submitted_on", "complaint_received_on"),
    ("cases", "defence_posted_on", "complaint_received_on"),
    ("cases", "evidence_submitted_on", "complaint_received_on"),
    ("cases", "evidence_posted_on", "complaint_received_on"),
    # a filing cannot arrive before it was posted (法释〔2018〕1号第四十八条第四款: posting counts)
    ("cases", "defence_submitted_on", "defence_posted_on"),
    ("cases", "evidence_submitted_on", "evidence_posted_on"),
    ("cases", "evidence_extension_until", "complaint_received_on"),
    ("cases", "hearing_on", "complaint_received_on"),
    ("cases", "decision_served_on", "complaint_received_on"),
    ("cases", "appeal_filed_on", "decision_served_on"),
    ("cases", "performed_on", "decision_served_on"),
    ("cases", "performance_due_on", "decision_served_on"),
    ("judicial_suggestions", "replied_on", "received_on"),
)

#: Dates from which a rule computes a legal period: (table, column, parameter name, or
#: "appeal_period": 15 or 10 days by decision_kind). The period's last day must fall in a year
#: the calendar knows.
CALENDAR_PERIODS: tuple[tuple[str, str, str], ...] = (
    ("cases", "complaint_received_on", "defence_period_days"),
    ("cases", "decision_served_on", "appeal_period"),  # 15 (judgment) or 10 (ruling) days
    ("judicial_suggestions", "received_on", "suggestion_reply_days"),
)

_PERIOD_ZH = {
    "defence_period_days": "答辩举证期限",
    "suggestion_reply_days": "司法建议回复期限",
}


class _Problems:
    """Problems collected per row (position) for vectorised reporting."""

    def __init__(self, source: str, rows: np.ndarray):
        self.source = source
        self.rows = rows
        self.items: list[tuple[int, int, Problem]] = []  # (row, column order, problem)

    def add_file(self, p: Problem, order: int = -1):
        """A problem of the whole file or of the header: listed before the rows' problems."""
        self.items.append((p.row if p.row is not None else 1, order, p))

    def add_mask(self, mask: np.ndarray, header: str, order: int, message, values=None):
        """A problem on every row where ``mask``; ``message``/``values`` are str or per-row."""
        positions = np.flatnonzero(mask)
        for pos in positions:
            msg = message(pos) if callable(message) else message
            val = values(pos) if callable(values) else values
            row = int(self.rows[pos])
            self.items.append((row, order, Problem(self.source, row, header, val, msg)))


def _check_keys(frame, tbl, header, order, keep, cell_ok, collected):
    key = list(tbl.key)
    usable = keep.copy()
    for k in key:
        usable &= cell_ok[k]
    if not usable.any():
        return
    positions = np.flatnonzero(usable)
    sub = frame.iloc[positions][key]
    if len(key) == 1:
        codes, _ = pd.factorize(sub[key[0]])
    else:
        codes = sub.groupby(key, sort=False, observed=True).ngroup().to_numpy()
    _, first_idx = np.unique(codes, return_index=True)
    first_of = positions[first_idx][codes]
    dup = first_of != positions
    if not dup.any():
        return
    mask = np.zeros(len(frame), dtype=bool)
    mask[positions[dup]] = True
    first_row = np.zeros(len(frame), dtype=np.int64)
    first_row[positions] = collected.rows[first_of]
    k0 = key[0]
    if len(key) == 1:
        def message(p):
            return f"{header[k0]}“{frame[k0].iat[p]}”与第{first_row[p]}行重复，{header[k0]}必须唯一"

        def value(p):
            return str(frame[k0].iat[p])
    else:
        def message(p):
            parts = "、".join(f"{header[k]}“{frame[k].iat[p]}”" for k in key)
            return f"{parts}与第{first_row[p]}行重复：每个{'＋'.join(header[k] for k in key)}只能有一行"

        def value(p):
            return " / ".join(str(frame[k].iat[p]) for k in key)
    collected.add_mask(mask, header[k0], order[k0], message, value)


def _check_contradictions(frame, tbl, header, order, keep, cell_ok, collected):
    fmt = cal.fmt
    for table_name, later, earlier in DATE_ORDER_RULES:
        if table_name != tbl.name:
            continue
        a = frame[later].to_numpy(dtype="datetime64[ns]")
        b = frame[earlier].to_numpy(dtype="datetime64[ns]")
        mask = keep & cell_ok[later] & cell_ok[earlier] & (a < b)
        if not mask.any():
            continue
        collected.add_mask(
            mask, header[later], order[later],
            lambda p, a=a, b=b, later=later, earlier=earlier: (
                f"{header[later]}（{fmt(a[p])}）早于{header[earlier]}（{fmt(b[p])}），"
                f"数据自相矛盾，请核对"),
            lambda p, a=a: str(a[p])[:10])
    if tbl.name == "cases":
        role = frame["head_role"]
        appeared = frame["head_appeared"]
        mask = keep & cell_ok["head_role"] & cell_ok["head_appeared"] & \
            (appeared == False).fillna(False).to_numpy(dtype=bool)  # noqa: E712
        collected.add_mask(
            mask, header["head_role"], order["head_role"],
            f"填写了{header['head_role']}，但{header['head_appeared']}为“否”，数据自相矛盾："
            f"负责人未出庭时{header['head_role']}应留空",
            lambda p: str(role.iat[p]))
        # a justified absence is a fact about a head who did not appear
        justified = frame["head_absence_justified"]
        mask = keep & cell_ok["head_absence_justified"] & cell_ok["head_appeared"] & \
            (justified == True).fillna(False).to_numpy(dtype=bool) & \
            (appeared == True).fillna(False).to_numpy(dtype=bool)  # noqa: E712
        collected.add_mask(
            mask, header["head_absence_justified"], order["head_absence_justified"],
            f"{header['head_absence_justified']}为“是”，但{header['head_appeared']}也为“是”，"
            f"数据自相矛盾：负责人出庭时此栏应留空或填“否”",
            "是")
    if tbl.name == "agencies":
        reported = frame["statistics_reported_on"]
        year = frame["year"].to_numpy(dtype="float64", na_value=np.nan)
        ry = reported.dt.year.to_numpy(dtype="float64", na_value=np.nan)
        mask = keep & cell_ok["statistics_reported_on"] & cell_ok["year"] & (ry < year)
        collected.add_mask(
            mask, header["statistics_reported_on"], order["statistics_reported_on"],
            lambda p: (f"{header['statistics_reported_on']}（{fmt(reported.iat[p])}）早于"
                       f"{header['year']} {int(year[p])} 年开始，数据自相矛盾，请核对"),
            lambda p: str(reported.iat[p])[:10])


def _period_days(frame: pd.DataFrame, what: str) -> np.ndarray | int:
    if what != "appeal_period":
        return parameter(what)
    ruling = frame["decision_kind"].isin(list(RULING_KINDS)).to_numpy(dtype=bool)
    return np.where(ruling, parameter("appeal_period_ruling_days"),
                    parameter("appeal_period_judgment_days"))


def _period_label(frame: pd.DataFrame, what: str, p: int, days: int) -> str:
    if what == "appeal_period":
        kind = frame["decision_kind"].iat[p]
        name = "裁定上诉期限" if kind in RULING_KINDS else "判决上诉期限"
    else:
        name = _PERIOD_ZH[what]
    return f"{name}（{days}日）"


def _check_calendar(frame, tbl, header, order, keep, cell_ok, collected):
    for table_name, column, what in CALENDAR_PERIODS:
        if table_name != tbl.name:
            continue
        ok = keep & cell_ok[column]
        if not ok.any():
            continue
        days = np.broadcast_to(np.asarray(_period_days(frame, what), dtype=np.int64), len(frame))
        starts = frame[column].to_numpy(dtype="datetime64[D]")
        positions = np.flatnonzero(ok)
        pair = starts[positions].astype(np.int64) * 1000 + days[positions]
        uniq, inverse = np.unique(pair, return_inverse=True)
        u_start = (uniq // 1000).astype("datetime64[D]")
        u_days = uniq % 1000
        try:
            cal.legal_deadlines(pd.Series(u_start.astype("datetime64[ns]")), u_days)
            continue  # every period is computable
        except cal.CalendarError:
            pass
        errors = {}
        for i, (s, d) in enumerate(zip(u_start, u_days)):
            try:
                cal.legal_deadline(pd.Timestamp(s).date(), int(d))
            except cal.CalendarError as exc:
                errors[i] = str(exc)
        bad_u = np.zeros(len(uniq), dtype=bool)
        bad_u[list(errors)] = True
        mask = np.zeros(len(frame), dtype=bool)
        mask[positions[bad_u[inverse]]] = True
        u_of = np.full(len(frame), -1)
        u_of[positions] = inverse
        collected.add_mask(
            mask, header[column], order[column],
            lambda p, column=column, what=what: (
                f"由此日期起算的{_period_label(frame, what, p, int(days[p]))}"
                f"无法计算：{errors[u_of[p]]}"),
            lambda p, starts=starts: str(starts[p]))
