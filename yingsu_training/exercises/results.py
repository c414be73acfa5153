"""The results workbook (成绩表): the tables of :func:`.grading.grade_store` written to .xlsx.

Rates are real numbers formatted as percentages, times real date-times, every text cell a
plain string (a trainee's answer "=1+1" is text, never a formula), a bar chart of the per-clause
得分率 on the 按条款 sheet, and every sheet set up to print on A4 (:mod:`yingsu_training.printing`).
"""
from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pandas as pd

from ..export import cell_value, save_workbook_reproducibly
from ..printing import a4_setup

PERCENT = "0.0%"
DATETIME = "yyyy-mm-dd hh:mm:ss"
RATE_COLUMNS = {"得分率", "答对率", "及格率"}
SHEET_NOTES = {
    "班级概况": "得分率 = 自动评分题得分 ÷ 自动评分题满分（论述题待教员批阅，不计入）",
}


def put(ws, row: int, col: int, value, number_format: str | None = None):
    """Write one cell (``export.cell_value``; formula-like text becomes inert text when the
    workbook is saved through ``export.save_workbook_reproducibly``)."""
    cell = ws.cell(row=row, column=col, value=cell_value(value))
    if number_format:
        cell.number_format = number_format
    elif isinstance(cell.value, datetime):
        cell.number_format = DATETIME
    elif isinstance(cell.value, date):
        cell.number_format = "yyyy-mm-dd"
    return cell


def _width(value) -> int:
    import unicodedata
    text = "" if value is None else str(value)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def write_frame(ws, df: pd.DataFrame, *, percent_columns=(), start_row: int = 1) -> None:
    """``df`` with a bold header row at ``start_row``; rate columns as percentages."""
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    for j, col in enumerate(df.columns, start=1):
        c = put(ws, start_row, j, str(col))
        c.font, c.fill = bold, fill
    pct = set(percent_columns) | (RATE_COLUMNS & set(df.columns))
    for i, row in enumerate(df.itertuples(index=False), start=start_row + 1):
        for j, (col, v) in enumerate(zip(df.columns, row), start=1):
            put(ws, i, j, v, PERCENT if col in pct else None)
    for j, col in enumerate(df.columns, start=1):
        sample = [col] + list(df[col].head(300))
        w = max(_width(v if not isinstance(v, (datetime, pd.Timestamp)) else "2026-01-01 00:00:00")
                for v in sample)
        ws.column_dimensions[get_column_letter(j)].width = min(max(w + 2, 6), 50)
    ws.freeze_panes = ws.cell(row=start_row + 1, column=1)


def write_scores(sheets: dict[str, pd.DataFrame], out: str | Path, *,
                 title: str = "案例练习成绩表") -> Path:
    """Write the results workbook; returns its path."""
    from openpyxl import Workbook
    from openpyxl.chart import BarChart, Reference

    out = Path(out)
    wb = Workbook()
    wb.remove(wb.active)
    for name, df in sheets.items():
        if name.startswith("_"):
            continue
        ws = wb.create_sheet(name[:31])
        if name == "班级概况":
            write_frame(ws, df)
            for i, (label, _) in enumerate(df.itertuples(index=False), start=2):
                if "率" in label or "及格线" in label:
                    ws.cell(row=i, column=2).number_format = PERCENT
            put(ws, len(df) + 3, 1, SHEET_NOTES[name])
        elif name == "学员×条款":
            write_frame(ws, df, percent_columns=[c for c in df.columns if c not in ("学员", "单位")])
        else:
            write_frame(ws, df)
        if name == "按条款" and len(df):
            chart = BarChart()
            chart.type = "bar"
            chart.title = "各条款得分率"
            chart.y_axis.title = "得分率"
            chart.y_axis.number_format = "0%"
            chart.y_axis.scaling.min, chart.y_axis.scaling.max = 0, 1
            chart.legend = None
            col = list(df.columns).index("得分率") + 1
            data = Reference(ws, min_col=col, min_row=1, max_row=len(df) + 1)
            cats = Reference(ws, min_col=2, min_row=2, max_row=len(df) + 1)
            chart.add_data(data, titles_from_data=True)
            chart.set_categories(cats)
            chart.height, chart.width = max(6, 1.2 * len(df) + 3), 16
            ws.add_chart(chart, f"A{len(df) + 4}")
        if name == "得分分布" and len(df):
            chart = BarChart()
            chart.title = "得分率分布（人数）"
            chart.legend = None
            chart.add_data(Reference(ws, min_col=2, min_row=1, max_row=len(df) + 1), titles_from_data=True)
            chart.set_categories(Reference(ws, min_col=1, min_row=2, max_row=len(df) + 1))
            chart.height, chart.width = 7, 14
            ws.add_chart(chart, f"D2")
        a4_setup(ws, f"{title} · {name}")
    save_workbook_reproducibly(wb, out)
    return out
