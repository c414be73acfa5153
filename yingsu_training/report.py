"""The year-end report: an Excel workbook and a self-contained HTML page.

``write_report(stats, xlsx=..., html=...)`` takes :func:`yingsu_training.stats.statistics` and
writes

* an Excel workbook with the sheets of :data:`SHEETS`: 汇总 (the city's figures and two native
  Excel charts), 按区县 / 按被诉机关 / 按案件类别 (one row per group), 条款违反情况 (statuses per
  clause), 图表 (matplotlib charts as pictures) and 指标说明 (the definitions of
  :data:`yingsu_training.stats.METRICS`);
* an HTML page with the same tables and the charts embedded as base64 PNG, inline CSS, no
  external asset (it opens offline and can be mailed as one file).

``yingsu report`` (``cli/report.py``) loads the tables, computes the statistics and calls this.
"""
from __future__ import annotations

import base64
import re
import html as _html
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd

from . import calendar as cal
from .opinion import load_opinion
from .schema import AGENCIES, CASES, SUGGESTIONS
from .stats import (BREAKDOWNS, CITY_LABEL, GROUP_ZH, METRICS, RATE_KEYS, Statistics,
                    metric_header, violations_zh)

SHEETS: tuple[str, ...] = ("汇总", "按区县", "按被诉机关", "按案件类别", "条款违反情况", "图表",
                           "指标说明")
BREAKDOWN_SHEETS = {"district": "按区县", "agency": "按被诉机关", "case_type": "按案件类别"}
#: figures shown on the summary sheet, in order
SUMMARY_KEYS = ("cases", "hearings", "head_appearance_rate", "defence_on_time_rate",
                "decisions", "loss_rate", "performance_on_time_rate", "suggestions",
                "suggestion_reply_rate", "violations")
CHART_TOP = 20  # groups shown in a chart (all are in the tables)
_OPINION = load_opinion()
SOURCE_NOTE = (f"依据：{_OPINION.title}（{_OPINION.number}）；期限按期间起算之日施行的规定计算"
               f"（现行为{cal.LEGAL_BASIS}，见各条说明）。")


def unit_of(stats: Statistics) -> str | None:
    """The one agency, or else the one district, whose records the report covers; None when
    they are of several (a report for the whole city)."""
    from .stats import UNKNOWN_LABEL

    for key in ("agency", "district"):
        groups = [str(g) for g in stats.tables[key].index]
        if len(groups) == 1 and groups[0] != UNKNOWN_LABEL:
            name = groups[0]
            if key == "district" and not name.startswith("重庆"):
                name = "重庆市市级机关" if name == "市级" else f"重庆市{name}"
            return name
    return None


def title_of(stats: Statistics) -> str:
    """The report's title: for the whole city, or for the one agency or district it covers."""
    year = f"{stats.year}年度" if stats.year else ""
    return f"{unit_of(stats) or '重庆市'}行政应诉工作{year}统计报告"


def total_label(stats: Statistics) -> str:
    """The heading of the figures' column: 全市, or 合计 for one agency's or district's report."""
    return CITY_LABEL if unit_of(stats) is None else "合计"


#: what each record kind is counted by when a year is chosen
_YEAR_OF = {"case": ("件案件", CASES.column("complaint_received_on").zh),
            "suggestion": ("条司法建议", SUGGESTIONS.column("received_on").zh),
            "agency_year": ("条机关年度记录", AGENCIES.column("year").zh)}


def filter_note(stats: Statistics) -> str:
    """What the year filter left out, and why ("" when nothing): said on the first page."""
    left = [(kind, n) for kind, n in stats.excluded.items() if n]
    if not left or stats.year is None:
        return ""
    parts = [f"{n:,} {_YEAR_OF[kind][0]}（{_YEAR_OF[kind][1]}不在 {stats.year} 年）" for kind, n in left]
    return (f"注意：本报告只统计 {stats.year} 年度的记录，输入文件中另有" + "、".join(parts)
            + "未计入。")


def _metric_columns(breakdown_table: pd.DataFrame) -> list[str]:
    hidden = {"head_known", "defence_ok", "performance_ok", "suggestions_ok"}
    return [c for c in breakdown_table.columns if c not in hidden]


@dataclass(frozen=True)
class Chart:
    title: str
    png: bytes


def charts(stats: Statistics) -> list[Chart]:
    """The report's matplotlib charts (PNG), in display order."""
    from .plotting import bar_chart_png, status_chart_png
    from .stats import clause_short

    city = stats.tables["city"].iloc[0] if len(stats.tables["city"]) else None
    out = []
    d = stats.tables["district"]
    for key, title in (("head_appearance_rate", "各区县负责人出庭率"),
                       ("defence_on_time_rate", "各区县按期答辩举证率")):
        # the city's figure as a reference line
        ref = city[key] if city is not None else None
        label = f"{CITY_LABEL} {ref * 100:.1f}%" if ref is not None and not np.isnan(ref) else ""
        out.append(Chart(title, bar_chart_png(d[key], title, percent=True, top=None,
                                              reference=ref, reference_label=label)))
    ct = stats.tables["case_type"]
    out.append(Chart("各类案件败诉率", bar_chart_png(ct["loss_rate"], "各类案件败诉率", percent=True,
                                                  top=None)))
    out.append(Chart("案件数最多的被诉机关", bar_chart_png(
        stats.tables["agency"]["cases"], f"案件数最多的{CHART_TOP}个被诉机关", top=CHART_TOP,
        xlabel="案件数（件）")))
    v = stats.violations.copy()
    v.index = [f"{clause_short(c)}" for c in v.index]
    out.append(Chart("各检查条款结论分布", status_chart_png(
        v[[c for c in ("compliant", "violation", "pending", "insufficient_data") if c in v]],
        "各检查条款结论分布")))
    return out


# ---------------------------------------------------------------------------------------------
# Excel

def write_excel(stats: Statistics, path: str | Path, chart_list: list[Chart] | None = None) -> Path:
    from openpyxl import Workbook
    from openpyxl.chart import BarChart, Reference
    from openpyxl.drawing.image import Image
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    from .export import cell_value, save_workbook_reproducibly
    from .stats import METRIC_BY_KEY

    path = Path(path)
    chart_list = charts(stats) if chart_list is None else chart_list
    wb = Workbook()
    bold = Font(bold=True)
    head_fill = PatternFill("solid", fgColor="DDEBF7")
    title_font = Font(bold=True, size=14)

    def header_row(ws, row: int, values: list[str]) -> None:
        for j, v in enumerate(values, start=1):
            c = ws.cell(row=row, column=j, value=v)
            c.font = bold
            c.fill = head_fill
            c.alignment = Alignment(wrap_text=True, vertical="center")

    def put(ws, row: int, col: int, value, rate: bool = False):
        if isinstance(value, (float, np.floating)) and np.isnan(value):
            value = None
        elif isinstance(value, (np.integer,)):
            value = int(value)
        elif isinstance(value, (np.floating,)):
            value = float(value)
        c = ws.cell(row=row, column=col, value=value)
        if rate:
            c.number_format = "0.0%"
        elif isinstance(value, int):
            c.number_format = "#,##0"
        return c

    # -- 汇总 ---------------------------------------------------------------------------------
    ws = wb.active
    ws.title = "汇总"
    ws["A1"] = title_of(stats)
    ws["A1"].font = title_font
    ws["A2"] = f"检查日：{cal.fmt(stats.as_of)}　　{SOURCE_NOTE}"
    if filter_note(stats):
        ws["A3"] = filter_note(stats)
        ws["A3"].font = Font(bold=True, color="C00000")
    header_row(ws, 4, ["指标", total_label(stats), "说明"])
    city = stats.tables["city"]
    row = 5
    for key in SUMMARY_KEYS:
        m = METRIC_BY_KEY[key]
        ws.cell(row=row, column=1, value=metric_header(key))
        put(ws, row, 2, city.iloc[0][key] if len(city) else None, rate=key in RATE_KEYS)
        ws.cell(row=row, column=3, value=m.definition).alignment = Alignment(wrap_text=True)
        row += 1
    first_clause_row = row + 1
    header_row(ws, first_clause_row, ["条款", "违反次数", "说明"])
    vz = violations_zh(stats.violations)
    r = first_clause_row + 1
    for cid, rec in vz.iterrows():
        ws.cell(row=r, column=1, value=rec["条款"])
        put(ws, r, 2, rec.get("违反", 0))
        ws.cell(row=r, column=3, value=f"条款编号 {cid}；违反比例 {rec['违反比例（%）']}%"
                if not pd.isna(rec["违反比例（%）"]) else f"条款编号 {cid}")
        r += 1
    ws.column_dimensions["A"].width = 40
    ws.column_dimensions["B"].width = 14
    ws.column_dimensions["C"].width = 80
    ws.freeze_panes = "A5"
    chart = BarChart()
    chart.type = "bar"
    chart.style = 10
    chart.title = "各检查条款违反次数"
    chart.y_axis.title = "次"
    data = Reference(ws, min_col=2, min_row=first_clause_row, max_row=r - 1)
    cats = Reference(ws, min_col=1, min_row=first_clause_row + 1, max_row=r - 1)
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(cats)
    chart.legend = None
    chart.height, chart.width = 10, 18
    ws.add_chart(chart, f"E{first_clause_row}")

    # -- breakdowns ------------------------------------------------------------------------
    for key, sheet in BREAKDOWN_SHEETS.items():
        t = stats.tables[key]
        cols = _metric_columns(t)
        ws = wb.create_sheet(sheet)
        ws["A1"] = f"{title_of(stats)}（{BREAKDOWNS[key][0]}）"
        ws["A1"].font = title_font
        header_row(ws, 2, [GROUP_ZH[key]] + [metric_header(c) for c in cols])
        for i, (group, rec) in enumerate(t[cols].iterrows(), start=3):
            ws.cell(row=i, column=1, value=cell_value(str(group)))
            for j, c in enumerate(cols, start=2):
                put(ws, i, j, rec[c], rate=c in RATE_KEYS)
        last = 2 + len(t)
        ws.column_dimensions["A"].width = 40 if key == "agency" else 20
        for j in range(2, len(cols) + 2):
            ws.column_dimensions[get_column_letter(j)].width = 12
        ws.row_dimensions[2].height = 45
        ws.freeze_panes = "B3"
        if len(t):
            ws.auto_filter.ref = f"A2:{get_column_letter(len(cols) + 1)}{last}"
        if key == "district" and len(t):
            col = cols.index("head_appearance_rate") + 2
            bc = BarChart()
            bc.type = "col"
            bc.title = "各区县负责人出庭率"
            bc.y_axis.number_format = "0%"
            bc.add_data(Reference(ws, min_col=col, min_row=2, max_row=last), titles_from_data=True)
            bc.set_categories(Reference(ws, min_col=1, min_row=3, max_row=last))
            bc.legend = None
            bc.height, bc.width = 9, 26
            ws.add_chart(bc, f"B{last + 3}")

    # -- 条款违反情况 --------------------------------------------------------------------------
    ws = wb.create_sheet("条款违反情况")
    ws["A1"] = "各检查条款的结论分布"
    ws["A1"].font = title_font
    cols = list(vz.columns)
    header_row(ws, 2, ["条款编号"] + cols)
    for i, (cid, rec) in enumerate(vz.iterrows(), start=3):
        ws.cell(row=i, column=1, value=cell_value(str(cid)))
        for j, c in enumerate(cols, start=2):
            put(ws, i, j, rec[c])
    ws.column_dimensions["B"].width = 40

    # -- 图表 ---------------------------------------------------------------------------------
    ws = wb.create_sheet("图表")
    ws["A1"] = "图表"
    ws["A1"].font = title_font
    anchor_row = 3
    from io import BytesIO
    for ch in chart_list:
        ws.cell(row=anchor_row - 1, column=1, value=ch.title).font = bold
        img = Image(BytesIO(ch.png))
        ws.add_image(img, f"A{anchor_row}")
        # pixels → rows of 20 px
        anchor_row += int(img.height / 20) + 4

    # -- 指标说明 -------------------------------------------------------------------------------
    ws = wb.create_sheet("指标说明")
    ws["A1"] = "指标说明"
    ws["A1"].font = title_font
    header_row(ws, 2, ["指标", "单位", "定义", "分子", "分母", "依据"])
    for i, m in enumerate(METRICS, start=3):
        for j, v in enumerate([m.name, m.unit, m.definition, m.numerator, m.denominator,
                               m.basis], start=1):
            ws.cell(row=i, column=j, value=v).alignment = Alignment(wrap_text=True,
                                                                      vertical="top")
    i = 3 + len(METRICS)
    ws.cell(row=i + 1, column=1, value="检查日").font = bold
    ws.cell(row=i + 1, column=3, value=f"{cal.fmt(stats.as_of)}：期限是否届满、是否“待履行”均以此日为准。")
    ws.cell(row=i + 2, column=1, value="依据").font = bold
    ws.cell(row=i + 2, column=3, value=SOURCE_NOTE)
    for letter, width in zip("ABCDEF", (20, 6, 70, 24, 28, 24)):
        ws.column_dimensions[letter].width = width

    from .printing import a4_setup
    for ws in wb.worksheets:  # A4, fit to width, the title and table header rows on every page
        a4_setup(ws, title_of(stats), header_rows=4 if ws.title == "汇总" else 2,
                 landscape=True)
    save_workbook_reproducibly(wb, path)
    return path


# ---------------------------------------------------------------------------------------------
# HTML

CSS = """
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei","PingFang SC",sans-serif;
margin:2em auto;max-width:1200px;color:#222;line-height:1.5;padding:0 1em}
h1{font-size:1.6em;border-bottom:3px solid #4472C4;padding-bottom:.3em}
h2{font-size:1.25em;margin-top:2em;border-left:5px solid #4472C4;padding-left:.5em}
.note{color:#555;font-size:.9em}
.filter{color:#C00000}
table{border-collapse:collapse;margin:.5em 0 1.5em;font-size:.85em}
th,td{border:1px solid #ccc;padding:.25em .5em;text-align:right;white-space:nowrap}
th{background:#DDEBF7;position:sticky;top:0;text-align:center}
td:first-child,th:first-child,td.t{text-align:left}
tr:nth-child(even) td{background:#f7f9fc}
.wrap td{white-space:normal;text-align:left;max-width:40em}
.scroll{overflow-x:auto;max-height:40em;overflow-y:auto}
figure{margin:1em 0}figcaption{font-size:.9em;color:#555}
img{max-width:100%;height:auto}
.summary td:nth-child(2){font-weight:bold}
"""


def _fmt(value, rate: bool) -> str:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return "—"
    if rate:
        return f"{value * 100:.1f}%"
    if isinstance(value, (int, np.integer)) or float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.1f}"


_NUMBER = re.compile(r"^(—|-?[\d,]+(\.\d+)?%?)$")


def _table_html(rows: list[list[str]], header: list[str], cls: str = "") -> str:
    e = _html.escape
    out = [f'<table class="{cls}"><thead><tr>' + "".join(f"<th>{e(h)}</th>" for h in header)
           + "</tr></thead><tbody>"]
    for r in rows:
        out.append("<tr>" + "".join(
            f"<td>{e(str(v))}</td>" if _NUMBER.match(str(v)) else f'<td class="t">{e(str(v))}</td>'
            for v in r) + "</tr>")
    out.append("</tbody></table>")
    return "".join(out)


def html_report(stats: Statistics, chart_list: list[Chart] | None = None) -> str:
    """The report as one self-contained HTML document (no external asset)."""
    from .stats import METRIC_BY_KEY

    chart_list = charts(stats) if chart_list is None else chart_list
    e = _html.escape
    title = title_of(stats)
    parts = [f'<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">'
             f'<meta name="viewport" content="width=device-width, initial-scale=1">'
             f"<title>{e(title)}</title><style>{CSS}</style></head><body>",
             f"<h1>{e(title)}</h1>",
             f'<p class="note">检查日：{e(cal.fmt(stats.as_of))}。{e(SOURCE_NOTE)}</p>']
    if filter_note(stats):
        parts.append(f'<p class="filter"><strong>{e(filter_note(stats))}</strong></p>')
    city = stats.tables["city"]
    rows = []
    for key in SUMMARY_KEYS:
        v = city.iloc[0][key] if len(city) else None
        rows.append([metric_header(key), _fmt(v, key in RATE_KEYS), METRIC_BY_KEY[key].definition])
    parts.append("<h2>一、全市主要指标</h2>" if unit_of(stats) is None else "<h2>一、主要指标</h2>")
    parts.append(_table_html(rows, ["指标", total_label(stats), "说明"], "summary wrap"))
    parts.append("<h2>二、各检查条款结论</h2>")
    vz = violations_zh(stats.violations)
    rows = [[cid] + [rec[c] if c == "条款" else
                     ("—" if pd.isna(rec[c]) else f"{rec[c]:.1f}") if c.endswith("（%）") else
                     _fmt(rec[c], False) for c in vz.columns]
            for cid, rec in vz.iterrows()]
    parts.append(_table_html(rows, ["条款编号"] + list(vz.columns)))
    parts.append("<h2>三、图表</h2>")
    for ch in chart_list:
        data = base64.b64encode(ch.png).decode("ascii")
        parts.append(f'<figure><img alt="{e(ch.title)}" src="data:image/png;base64,{data}">'
                     f"<figcaption>{e(ch.title)}</figcaption></figure>")
    for n, (key, sheet) in enumerate(BREAKDOWN_SHEETS.items(), start=4):
        t = stats.tables[key]
        cols = _metric_columns(t)
        rows = [[str(g)] + [_fmt(rec[c], c in RATE_KEYS) for c in cols]
                for g, rec in t[cols].iterrows()]
        parts.append(f"<h2>{'四五六七'[n - 4]}、{e(BREAKDOWNS[key][0])}</h2>")
        parts.append('<div class="scroll">' + _table_html(rows, [GROUP_ZH[key]]
                                                          + [metric_header(c) for c in cols]) + "</div>")
    parts.append("<h2>八、指标说明</h2>")
    rows = [[m.name, m.unit, m.definition, m.numerator, m.denominator, m.basis] for m in METRICS]
    parts.append(_table_html(rows, ["指标", "单位", "定义", "分子", "分母", "依据"], "wrap"))
    parts.append('<p class="note">本报告由 yingsu-training 生成；数据若为模拟数据，案号带“模拟”字样。</p>')
    parts.append("</body></html>")
    return "\n".join(parts)


def write_html(stats: Statistics, path: str | Path, chart_list: list[Chart] | None = None) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(html_report(stats, chart_list), encoding="utf-8")
    return path


def write_report(stats: Statistics, *, xlsx: str | Path | None = None,
                 html: str | Path | None = None) -> list[Path]:
    """Write the workbook and/or the HTML page; the charts are drawn once for both."""
    chart_list = charts(stats)
    out = []
    if xlsx is not None:
        out.append(write_excel(stats, xlsx, chart_list))
    if html is not None:
        out.append(write_html(stats, html, chart_list))
    return out


def report(cases, suggestions=None, agencies=None, *, year: int | None = None,
           as_of: date | str | None = None, xlsx=None, html=None,
           findings: dict | None = None) -> Statistics:
    """Statistics for ``year`` and the report files in one call; returns the statistics.
    ``findings``: the checks already run on these records (see ``stats.statistics``)."""
    from .stats import statistics

    stats = statistics(cases, suggestions, agencies, as_of=as_of, year=year, findings=findings)
    write_report(stats, xlsx=xlsx, html=html)
    return stats
