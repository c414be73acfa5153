"""The case explorer: filter a cases table, pick a case, see its facts, findings and timeline.

Pure functions: :func:`filter_case_ids` and :func:`case_facts_html`. The verdicts for filtering
come from ``check_cases(df, as_of, explain=False)`` (computed once); the selected case is
explained with ``explain(row, as_of)``; its timeline is :func:`yingsu_training.timeline.timeline_png`.
"""
from __future__ import annotations

import os

import ipywidgets as w
import pandas as pd

from .. import calendar as cal
from ..catalogue import checked_clause_ids, obligations
from ..errors import DataError
from ..schema import CASES, STATUS_ZH, STATUSES
from ._common import MAIN_CLASS, View, box, esc, paragraphs
from .findings import FindingsView

MAX_LISTED = 500
ALL = "__all__"


def filter_case_ids(cases: pd.DataFrame, findings: pd.DataFrame | None = None, *,
                    district: str | None = None, case_type: str | None = None,
                    clause: str | None = None, status: str | None = None) -> list[str]:
    """Case ids matching every given filter, in the table's order.

    ``clause`` and ``status`` filter on the findings: with both, the cases whose finding on that
    clause has that status; with only ``status``, cases with that status on any clause; with only
    ``clause``, cases the clause applies to (status other than not_applicable).
    """
    mask = pd.Series(True, index=cases.index)
    for column, wanted in (("district", district), ("case_type", case_type)):
        if wanted is not None:
            if column not in cases.columns:
                return []
            mask &= cases[column].astype("string").eq(wanted).fillna(False).astype(bool)
    ids = cases.loc[mask, "case_id"].astype(str)
    if clause is None and status is None:
        return ids.tolist()
    if findings is None:
        raise ValueError("按条款或结论筛选需要检查结果（check_cases 的返回值）")
    f = findings
    if clause is not None:
        f = f[f["obligation_id"].astype(str) == str(clause)]
    if status is not None:
        f = f[f["status"].astype(str) == status]
    else:
        f = f[f["status"].astype(str) != "not_applicable"]
    keep = set(f["case_id"].astype(str))
    return [i for i in ids if i in keep]


def _value_text(col, value) -> str:
    if col.kind == "date":
        return cal.fmt(value)
    if col.kind == "bool":
        return "是" if bool(value) else "否"
    return str(value)


def case_facts_html(row) -> str:
    """The case's facts as a two-column table with the Chinese headers; empty facts listed apart."""
    filled, empty = [], []
    for col in CASES.columns:
        value = row.get(col.name) if hasattr(row, "get") else None
        if value is None or pd.isna(value):
            empty.append(col.zh)
        else:
            filled.append(f"<tr><th style='text-align:left;padding-right:12px;font-weight:normal;"
                          f"color:#555;width:40%'>{esc(col.zh)}</th>"
                          f"<td>{esc(_value_text(col, value))}</td></tr>")
    html = ("<table class='yingsu-facts' style='width:100%;border-collapse:collapse'>"
            + "".join(filled) + "</table>")
    if empty:
        html += paragraphs([f"未填写（视为不知道/未发生）：{'、'.join(empty)}"])
    return html


def _choices(cases: pd.DataFrame, column: str, all_label: str) -> list[tuple[str, str]]:
    values = sorted(set(cases[column].dropna().astype(str))) if column in cases.columns else []
    return [(all_label, ALL)] + [(v, v) for v in values]


def _read_cases(cases) -> tuple[pd.DataFrame, str]:
    """The cases as a frame with the contract's column names, and a Chinese error ('' if none).

    A path is read with ``load_cases``; a frame with Chinese headers is renamed.
    """
    if isinstance(cases, (str, os.PathLike)):
        from ..loaders import load_cases
        try:
            return load_cases(cases), ""
        except DataError as exc:
            return CASES.empty(), str(exc)
    if not isinstance(cases, pd.DataFrame):
        raise TypeError("CaseExplorer 需要案件表（DataFrame）、案件文件路径或 generate() 的结果")
    zh = CASES.zh_to_name
    if any(c in zh for c in cases.columns):
        cases = cases.rename(columns=zh)
    if "case_id" not in cases.columns:
        return CASES.empty(), "案件表缺少“案号”（case_id）列，无法浏览。"
    return cases.reset_index(drop=True), ""


class CaseExplorer(View):
    """``CaseExplorer(cases, as_of)`` — or ``CaseExplorer(generate(...))`` for a synthetic data set.

    ``findings``: the cases' ``check_cases(cases, as_of, explain=False)`` when the notebook has
    it already (not checked a second time)."""

    def __init__(self, cases, as_of=None, main: bool = True, *, findings=None):
        from ..checks import as_of_date, check_cases

        if hasattr(cases, "cases") and not isinstance(cases, pd.DataFrame):
            as_of = as_of if as_of is not None else getattr(cases, "as_of", None)
            cases = cases.cases
        self.as_of = as_of_date(as_of)
        self.cases, error = _read_cases(cases)
        try:
            self.findings = (check_cases(self.cases, self.as_of, explain=False)
                             if findings is None or error else findings)
        except (DataError, cal.CalendarError) as exc:
            self.cases, error = CASES.empty(), str(exc)
            self.findings = check_cases(self.cases, self.as_of, explain=False)
        wide = {"description_width": "initial"}
        quarter = w.Layout(width="24%")
        self.district = w.Dropdown(description="区县", options=_choices(self.cases, "district", "全部区县"),
                                   value=ALL, style=wide, layout=quarter)
        self.case_type = w.Dropdown(description="案件类别",
                                    options=_choices(self.cases, "case_type", "全部类别"),
                                    value=ALL, style=wide, layout=quarter)
        obs = obligations()
        self.clause = w.Dropdown(description="条款", value=ALL, style=wide, layout=quarter,
                                 options=[("全部条款", ALL)] + [(obs[c].label, c)
                                                             for c in checked_clause_ids("case")])
        self.status = w.Dropdown(description="结论", value=ALL, style=wide, layout=quarter,
                                 options=[("全部结论", ALL)] + [(STATUS_ZH[s], s) for s in STATUSES])
        self.count = w.HTML()
        self.case = w.Select(options=[], rows=8, layout=w.Layout(width="98%"))
        self.facts = w.HTML(layout=w.Layout(width="100%"))
        self.findings_view = FindingsView(hide_not_applicable=False)
        self.timeline = w.Image(format="png", layout=w.Layout(width="100%", max_width="900px"))
        self.message = w.HTML(layout=w.Layout(width="100%"))  # not the feedback: that is the findings
        self.message.add_class("yingsu-message")
        self.tabs = w.Tab(children=[self.findings_view.widget, self.facts,
                                    w.VBox([self.timeline], layout=w.Layout(width="100%"))],
                          layout=w.Layout(width="100%"))
        for i, title in enumerate(("各条款结论", "案件事实", "时间线")):
            self.tabs.set_title(i, title)
        for control in (self.district, self.case_type, self.clause, self.status):
            control.observe(self._refilter, names="value")
        self.case.observe(lambda change: self.show(change["new"]), names="value")
        self.widget = w.VBox([
            w.HTML(f"<b>案例浏览</b>：共 {len(self.cases)} 件案件，检查日期 {esc(cal.fmt(self.as_of))}。"
                   "按区县、案件类别、条款和结论筛选，再选择一件案件查看。"),
            w.HBox([self.district, self.case_type, self.clause, self.status],
                   layout=w.Layout(flex_flow="row wrap", width="100%")),
            self.count, self.case, self.message, self.tabs], layout=w.Layout(width="100%"))
        if main:
            self.widget.add_class(MAIN_CLASS)
        self._refilter()
        if error:
            self.message.value = box("error", "无法读取案件数据", paragraphs(error.splitlines()))

    @staticmethod
    def _opt(value):
        return None if value == ALL else value

    def matching_ids(self) -> list[str]:
        return filter_case_ids(self.cases, self.findings, district=self._opt(self.district.value),
                               case_type=self._opt(self.case_type.value),
                               clause=self._opt(self.clause.value), status=self._opt(self.status.value))

    def _refilter(self, *_):
        ids = self.matching_ids()
        shown = ids[:MAX_LISTED]
        agencies = self.cases["agency"] if "agency" in self.cases.columns else pd.Series("", index=self.cases.index)
        agency = dict(zip(self.cases["case_id"].astype(str), agencies.fillna("").astype(str)))
        self.count.value = (f"符合条件的案件：{len(ids)} 件"
                            + (f"（列出前 {MAX_LISTED} 件，请进一步筛选）" if len(ids) > MAX_LISTED else ""))
        current = self.case.value
        self.case.options = [(f"{i}　{agency.get(i, '')}", i) for i in shown]
        if current in shown:
            self.case.value = current
        elif shown:
            self.case.value = shown[0]
        else:
            self.case.value = None
            self.show(None)

    def show(self, case_id: str | None) -> None:
        """Show one case's facts, per-clause findings and timeline."""
        from ..checks import explain
        from ..plotting import CJKFontMissing
        from ..timeline import timeline_png

        self.message.value = ""
        if case_id is None:
            self.facts.value = paragraphs(["没有符合条件的案件。"])
            self.findings_view.update(None)
            self.timeline.value = b""
            return
        row = self.cases[self.cases["case_id"].astype(str) == str(case_id)].iloc[0]
        self.facts.value = case_facts_html(row)
        self.findings_view.update(explain(row, self.as_of))
        try:
            self.timeline.value = timeline_png(row, self.as_of)
        except (cal.CalendarError, CJKFontMissing) as exc:
            self.timeline.value = b""
            self.message.value = box("error", "无法画出时间线", paragraphs([str(exc)]))
