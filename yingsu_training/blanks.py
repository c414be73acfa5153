"""What the blank cells of a loaded table leave undecided.

A clerk who leaves 存在干预受理审理行为 blank to mean "no" gets 信息不足 for clause 2.2 on every
such case, because a blank there means "not known" (:attr:`schema.Column.blank_means`). For each
column whose blank means "not known", :func:`blank_effects` counts the blank cells and the
findings that are 信息不足 on a record where that column is blank and the clause reads it (the
rule's ``READS``); ``yingsu validate`` prints them with how to fill the column.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from .export import table_for
from .rules import rules_for
from .schema import TABLE_FOR_RECORD, Column, Table

__all__ = ["BlankEffect", "blank_effects", "blank_lines"]


@dataclass(frozen=True)
class BlankEffect:
    column: Column
    blank: int                # rows where the column is blank
    insufficient: int         # findings 信息不足 on those rows, of clauses that read the column
    clauses: tuple[str, ...]  # the clauses among them

    def text(self) -> str:
        """The line ``yingsu validate`` prints."""
        c = self.column
        fill = {"bool": "确实没有的请填“否”，有的填“是”", "int": "没有的请填 0",
                "enum": "请选择填写"}.get(c.kind, "请填写")
        what = (f"其中 {self.insufficient:,} 条结论（{'、'.join(_short(x) for x in self.clauses)}）"
                f"因此为“信息不足”" if self.insufficient else "目前没有结论因此为“信息不足”")
        return (f"“{c.zh}”有 {self.blank:,} 行空白：空白表示“不知道”，{what}。{fill}，"
                f"不知道的才留空")


def _short(clause_id: str) -> str:
    from .stats import clause_short
    return clause_short(clause_id)


def _record_kind(tbl: Table) -> str:
    return next(kind for kind, t in TABLE_FOR_RECORD.items() if t.name == tbl.name)


def _fills(col: Column) -> list:
    """Values a blank of ``col`` could have stood for (the ends of its domain)."""
    if col.kind == "bool":
        return [False, True]
    if col.kind == "int":
        return [0, 9]
    if col.kind == "enum":
        return [col.choices[0], col.choices[-1]]
    if col.kind == "date":
        return [pd.Timestamp("1990-01-01"), pd.Timestamp("2099-12-31")]
    return ["（填写）"]


def _pairs(findings: pd.DataFrame, key: list[str]) -> pd.Index:
    return pd.MultiIndex.from_frame(findings[key + ["obligation_id"]].astype(str))


def blank_effects(frame: pd.DataFrame, table, as_of: date | None = None) -> list[BlankEffect]:
    """For each column of ``table`` whose blank means "not known" and that has blank cells in
    ``frame`` (as the loaders return it): the blanks, and the findings that are 信息不足 because
    of them — a finding counts for a column when filling that column's blank (with either end of
    its values) would decide it."""
    from .checks import check_agencies, check_cases, check_suggestions

    tbl = table_for(table)
    kind = _record_kind(tbl)
    check = {"case": check_cases, "suggestion": check_suggestions, "agency_year": check_agencies}[kind]
    findings = check(frame, as_of=as_of, explain=False)
    undecided = findings[(findings["status"] == "insufficient_data").to_numpy(dtype=bool)]
    key = list(tbl.key)
    records = pd.MultiIndex.from_frame(frame[key].astype(str))
    positions = records.get_indexer(pd.MultiIndex.from_frame(undecided[key].astype(str)))
    clause_of = undecided["obligation_id"].astype(str).to_numpy()
    rules = rules_for(kind)
    out = []
    for col in tbl.columns:
        if col.blank_means != "unknown" or col.name not in frame:
            continue
        blank = frame[col.name].isna().to_numpy(dtype=bool)
        if not blank.any():
            continue
        reading = [cid for cid, m in rules.items()
                   if col.name in m.READS or col.name in getattr(m, "ALSO_READS", ())]
        hit = (positions >= 0) & np.isin(clause_of, reading)
        hit[hit] = blank[positions[hit]]
        decided = np.zeros(len(undecided), dtype=bool)
        if hit.any():
            rows = np.unique(positions[hit])
            wanted = _pairs(undecided[hit], key)
            for value in _fills(col):
                filled = frame.iloc[rows].copy()
                filled[col.name] = pd.Series([value] * len(filled), index=filled.index).astype(
                    frame[col.name].dtype)
                again = check(filled, as_of=as_of, explain=False)
                known = again[(again["status"] != "insufficient_data").to_numpy(dtype=bool)]
                decided[np.flatnonzero(hit)[wanted.isin(_pairs(known, key))]] = True
        clauses = tuple(c for c in reading if (decided & (clause_of == c)).any())
        out.append(BlankEffect(col, int(blank.sum()), int(decided.sum()), clauses))
    return out


def blank_lines(frame: pd.DataFrame, table, as_of: date | None = None) -> list[str]:
    """The lines ``yingsu validate`` prints about blank cells: the columns whose blanks leave
    findings 信息不足 first, then the columns whose blanks count as 否."""
    tbl = table_for(table)
    effects = sorted(blank_effects(frame, tbl, as_of), key=lambda e: -e.insufficient)
    lines = [e.text() for e in effects if e.insufficient]
    as_no = [c.zh for c in tbl.columns if c.blank_means == "no" and c.name in frame
             and frame[c.name].isna().any()]
    if as_no:
        lines.append("以下列的空白按“否”处理（是的请填“是”）：" + "、".join(f"“{z}”" for z in as_no))
    return lines
