"""成绩反馈单: for each trainee, every answer, the right one with its reason and clause, the score.

``write_feedback(sheets, "反馈单.pdf")`` prints one PDF for the class (each trainee starts on a
new page); ``write_feedback(sheets, "反馈单/")`` one PDF per trainee (``张三.pdf``; names made
safe as file names). ``sheets`` is :func:`.grading.grade_store`'s result.
"""
from __future__ import annotations

import html
from pathlib import Path

import pandas as pd

from ..opinion import load_opinion
from ..pdf import html_to_pdf, page
from .answers import safe_name


def _e(value) -> str:
    return html.escape("" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value))


def _points(v) -> str:
    return "待批阅" if v is None or pd.isna(v) else f"{v:g}"


def trainee_section(name: str, detail: pd.DataFrame, summary_row, title: str) -> str:
    """One trainee's feedback sheet as an HTML section (starts on a new printed page)."""
    opinion = load_opinion()
    unit = summary_row["单位"] if summary_row is not None else ""
    rate = summary_row["得分率"] if summary_row is not None else None
    parts = [f"<div class='section'><h1>{_e(title)} · 成绩反馈单</h1>",
             f"<div class='meta'>学员：{_e(name)}" + (f"　单位：{_e(unit)}" if unit else "") + "</div>"]
    if summary_row is not None:
        parts.append(
            f"<p>自动评分得分 <b>{summary_row['自动评分得分']:g}</b> / {summary_row['自动评分满分']:g} 分"
            + (f"（得分率 {rate:.1%}，{_e(summary_row['是否及格'])}）" if rate is not None and not pd.isna(rate)
               else "")
            + (f"；另有 {int(summary_row['待批阅论述题'])} 道论述题待教员批阅。" if summary_row["待批阅论述题"]
               else "。") + "</p>")
    quoted: set[str] = set()
    for (eid, ex_title), rows in detail.groupby(["练习", "练习标题"], sort=False):
        parts.append(f"<h2>{_e(ex_title)}</h2><table><thead><tr><th style='width:6%'>题号</th>"
                     "<th style='width:20%'>你的答案</th><th style='width:20%'>正确答案</th>"
                     "<th style='width:8%'>结果</th><th style='width:8%'>得分</th><th>理由与条款</th>"
                     "</tr></thead><tbody>")
        for r in rows.itertuples(index=False):
            clause = opinion[r.条款]
            reason = r.依据 if r.题型 != "论述" else f"评分要点：{r.评分要点}"
            parts.append(f"<tr><td>{_e(r.题号)}</td><td>{_e(r.作答) or '（未作答）'}</td><td>{_e(r.标准答案)}</td>"
                         f"<td>{_e(r.结果)}</td><td>{_points(r.得分)} / {r.满分:g}</td>"
                         f"<td>{_e(reason)}<div class='quote'>依据：{_e(clause.label)}</div></td></tr>")
        parts.append("</tbody></table>")
        for cid in dict.fromkeys(rows["条款"]):
            if cid not in quoted:
                quoted.add(cid)
                parts.append(f"<p class='quote'><b>{_e(opinion[cid].label)}</b>：{_e(opinion[cid].text)}</p>")
    parts.append("</div>")
    return "".join(parts)


def write_feedback(sheets: dict[str, pd.DataFrame], target: str | Path, *,
                   title: str = "案例练习") -> list[Path]:
    """Print the class's feedback sheets; ``target`` ending in ``.pdf``: one file, else a folder."""
    detail = sheets["_detail"]
    summary = sheets["成绩汇总"].set_index("学员")
    target = Path(target)
    sections = {}
    for name, rows in detail.groupby("学员", sort=True):
        row = summary.loc[name] if name in summary.index else None
        sections[name] = trainee_section(name, rows, row, title)
    if target.suffix.lower() == ".pdf":
        return html_to_pdf({target.name: page(f"{title} 成绩反馈单", "".join(sections.values()))},
                           target.parent)
    pages, used = {}, set()
    for name, body in sections.items():
        stem = safe_name(name)
        while stem.lower() in used:   # two names that make the same file name
            stem += "_"
        used.add(stem.lower())
        pages[f"{stem}.pdf"] = page(f"{title} 成绩反馈单 {name}", body)
    return html_to_pdf(pages, target)
