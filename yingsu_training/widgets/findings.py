"""Findings as a per-clause table: status in colour, deadline, the Chinese explanation.

:func:`findings_html` (pure) renders a findings frame (the output of ``check_cases`` and its
siblings, or the ``.findings`` of an ``explain()`` result); :class:`FindingsView` wraps it with
"expand all" and "hide not applicable" switches.
"""
from __future__ import annotations

import pandas as pd

import ipywidgets as w

from .. import calendar as cal
from ..catalogue import obligations
from ..explanations import lead_text
from ..schema import STATUS_ZH, STATUSES
from ._common import MAIN_CLASS, SCREEN_ONLY_CLASS, STATUS_COLOURS, View, esc, feedback_area

#: the record key columns, in the order they are looked for
KEY_COLUMNS = (("case_id",), ("suggestion_id",), ("agency", "year"))
SUMMARY_CHARS = 48


def as_findings_frame(findings) -> pd.DataFrame:
    """A findings DataFrame from a frame, an ``explain()`` result (``.findings``) or None."""
    if findings is None:
        return pd.DataFrame(columns=["obligation_id", "status", "label", "due_on", "explanation"])
    if hasattr(findings, "findings") and not isinstance(findings, pd.DataFrame):
        findings = findings.findings
    if not isinstance(findings, pd.DataFrame):
        raise TypeError("FindingsView 需要检查结果表（check_cases 等的返回值）或 explain() 的结果")
    return findings


def record_keys(findings: pd.DataFrame) -> pd.Series:
    """One display key per row (案号 / 司法建议编号 / 机关 年度), or empty strings."""
    for cols in KEY_COLUMNS:
        if all(c in findings.columns for c in cols):
            return findings[list(cols)].astype(str).agg(" ".join, axis=1)
    return pd.Series([""] * len(findings), index=findings.index)


def status_counts(findings: pd.DataFrame) -> dict[str, int]:
    counts = findings["status"].astype(str).value_counts() if len(findings) else {}
    return {s: int(counts.get(s, 0)) for s in STATUSES}


def badge(status: str) -> str:
    fg, bg = STATUS_COLOURS[status]
    return (f'<span class="yingsu-status" data-status="{status}" style="display:inline-block;'
            f'padding:1px 6px;border-radius:3px;color:{fg};background:{bg};font-weight:bold;'
            f'white-space:nowrap">{esc(STATUS_ZH[status])}</span>')


def summary_html(findings: pd.DataFrame) -> str:
    parts = [f"{badge(s)} {n} 项" for s, n in status_counts(findings).items() if n]
    return ('<div class="yingsu-summary" style="margin:4px 0">'
            + ("　".join(parts) if parts else "没有检查结果。") + "</div>")


def findings_html(findings, expanded: bool = False, hide_not_applicable: bool = False) -> str:
    """An HTML table, one row per (record, clause): 条款, 结论 (coloured), 期限届满日, 说明.

    Each explanation sits in a ``<details>`` element (open when ``expanded``). All data is
    HTML-escaped.
    """
    df = as_findings_frame(findings)
    if hide_not_applicable and len(df):
        df = df[df["status"].astype(str) != "not_applicable"]
    keys = record_keys(df)
    several = keys.nunique() > 1
    head = (("<th>记录</th>" if several else "") + "<th style='width:22%'>条款</th>"
            "<th style='width:8%'>结论</th><th style='width:13%'>期限届满日</th><th>说明</th>")
    rows = []
    obs = obligations()
    for (i, row), key in zip(df.iterrows(), keys):
        status = str(row["status"])
        cid = str(row["obligation_id"])
        label = row["label"] if "label" in df.columns and pd.notna(row["label"]) else obs[cid].label
        due = row.get("due_on") if "due_on" in df.columns else None
        due_text = cal.fmt(due) if due is not None and pd.notna(due) else ""
        text = str(row["explanation"]) if "explanation" in df.columns and pd.notna(row["explanation"]) else ""
        # the clause and status are in the other columns: the summary starts after them
        gist = text.removeprefix(lead_text(cid, status)) or text
        short = gist if len(gist) <= SUMMARY_CHARS else gist[:SUMMARY_CHARS] + "…"
        explanation = (f"<details{' open' if expanded else ''}><summary>{esc(short)}</summary>"
                       f"<div style='margin-top:2px'>{esc(text)}</div></details>" if text else "")
        rows.append(
            f'<tr class="yingsu-finding" data-clause="{esc(cid)}" data-status="{status}" '
            f'style="border-top:1px solid #ddd;vertical-align:top">'
            + (f"<td>{esc(key)}</td>" if several else "")
            + f"<td>{esc(label)}</td><td>{badge(status)}</td><td>{esc(due_text)}</td>"
            f"<td style='text-align:left'>{explanation}</td></tr>")
    table = (f'<table class="yingsu-findings" style="width:100%;border-collapse:collapse;'
             f'table-layout:auto"><thead><tr style="text-align:left">{head}</tr></thead>'
             f'<tbody>{"".join(rows)}</tbody></table>')
    if not rows:
        table = "<div>没有需要显示的条款。</div>"
    return summary_html(df) + table


class FindingsView(View):
    """``FindingsView(check_cases(df, as_of))`` or ``FindingsView(explain(record, as_of))``."""

    def __init__(self, findings=None, expanded: bool = False, hide_not_applicable: bool = False,
                 main: bool = False):
        self.expand = w.Checkbox(description="展开全部说明", value=expanded, indent=False,
                                 layout=w.Layout(width="30%"))
        self.hide_not_applicable = w.Checkbox(description="隐藏不适用的条款", value=hide_not_applicable,
                                              indent=False, layout=w.Layout(width="30%"))
        for toggle in (self.expand, self.hide_not_applicable):
            toggle.add_class(SCREEN_ONLY_CLASS)
        self.table = feedback_area()
        self.findings = as_findings_frame(findings)
        self.expand.observe(self._render, names="value")
        self.hide_not_applicable.observe(self._render, names="value")
        self.widget = w.VBox([w.HBox([self.expand, self.hide_not_applicable]), self.table],
                             layout=w.Layout(width="100%"))
        if main:
            self.widget.add_class(MAIN_CLASS)
        self._render()

    def update(self, findings) -> None:
        self.findings = as_findings_frame(findings)
        self._render()

    def _render(self, *_):
        self.table.value = findings_html(self.findings, self.expand.value,
                                         self.hide_not_applicable.value)
