"""Chinese explanations of verdicts, and the one-record view :func:`explain`.

Every explanation names the duty (clause label), the facts that decided it with their dates,
the computed deadline (with "最后一日为法定节假日，顺延至…" when it rolled) and the source (the
clause label and the law articles from the obligation catalogue). The verdicts come from the
per-record reference implementation (:mod:`yingsu_training.reference`), which the differential
test holds equal to the vectorised rules.
"""
from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

import pandas as pd

from . import reference as ref
from .catalogue import obligations
from .schema import RECORD_KIND_ZH, STATUS_ZH, TABLE_FOR_RECORD

STATUS_COLOURS = {"compliant": "#d4edda", "violation": "#f8d7da", "pending": "#fff3cd",
                  "not_applicable": "#e9ecef", "insufficient_data": "#d6d8f5"}
OPINION = "渝府办发〔2016〕220号"
#: the facts each kind of record is keyed by
KEYS = {"case": ("case_id",), "suggestion": ("suggestion_id",), "agency_year": ("agency", "year")}


def _header(kind: str, column: str) -> str:
    return TABLE_FOR_RECORD[kind].column(column).zh


def _value(v) -> str:
    if isinstance(v, bool):
        return "是" if v else "否"
    if isinstance(v, date):
        return ref.F(v)
    return str(v)


@lru_cache(maxsize=None)
def source_text(clause_id: str) -> str:
    """The source of a duty: the clause label and its legal basis from the catalogue."""
    o = obligations()[clause_id]
    return f"依据：{OPINION}{o.label}；{o.citations}。"


def explanation_text(verdict: ref.Verdict, kind: str, as_of: date) -> str:
    """One Chinese paragraph: duty, status, decisive facts, deadline, source."""
    o = obligations()[verdict.clause_id]
    parts = [f"【{o.label}】{STATUS_ZH[verdict.status]}。"]
    if verdict.status == "insufficient_data":
        names = "、".join(f"“{_header(kind, c)}”" for c in verdict.blockers) or "必要信息"
        parts.append(f"缺少{names}，该项结论取决于这些信息，无法判断（截至{ref.F(as_of)}）。")
        if verdict.known:
            facts = "；".join(f"{_header(kind, c)}：{_value(v)}" for c, v in verdict.known.items())
            parts.append(f"已知：{facts}。")
    else:
        if verdict.reasons:
            parts.append("；".join(verdict.reasons) + "。")
        if verdict.status == "pending":
            parts.append(f"截至{ref.F(as_of)}尚未届满。")
        other = [c for c in verdict.missing if c not in verdict.blockers]
        if other:
            parts.append("（" + "、".join(f"“{_header(kind, c)}”" for c in other)
                         + "未填写，但不影响本项结论。）")
    for name, detail in verdict.deadlines.items():
        parts.append(f"{name}：{detail.describe()}。")
    parts.append(source_text(verdict.clause_id))
    return "".join(parts)


def infer_kind(record) -> str:
    """``case``, ``suggestion`` or ``agency_year`` from the record's key columns."""
    keys = set(dict(record))
    for kind in ("suggestion", "case", "agency_year"):
        table = TABLE_FOR_RECORD[kind]
        needed = KEYS[kind]
        if all(k in keys or table.column(k).zh in keys for k in needed):
            if kind == "case" and ("suggestion_id" in keys or "司法建议编号" in keys):
                continue
            return kind
    raise ValueError("无法识别记录类型：案件应有“案号”（case_id），司法建议应有“司法建议编号”"
                     "（suggestion_id），机关年度应有“行政机关”和“年度”（agency、year）")


@dataclass
class Explanation:
    """A per-clause report on one record: ``.text``, ``.findings`` and HTML for notebooks."""

    kind: str
    key: str
    as_of: date
    verdicts: dict[str, ref.Verdict]
    findings: pd.DataFrame

    @property
    def text(self) -> str:
        lines = [f"{RECORD_KIND_ZH[self.kind]} {self.key}（检查日期：{ref.F(self.as_of)}）"]
        for _, row in self.findings.iterrows():
            lines.append(f"- {row['explanation']}")
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.text

    def _repr_html_(self) -> str:
        rows = []
        for _, row in self.findings.iterrows():
            colour = STATUS_COLOURS[row["status"]]
            due = ref.F(row["due_on"]) if pd.notna(row["due_on"]) else ""
            rows.append(
                f"<tr><td>{html.escape(str(row['label']))}</td>"
                f"<td style=\"background:{colour}\">{html.escape(STATUS_ZH[row['status']])}</td>"
                f"<td>{html.escape(due)}</td>"
                f"<td style=\"text-align:left\">{html.escape(row['explanation'])}</td></tr>")
        title = html.escape(f"{RECORD_KIND_ZH[self.kind]} {self.key}（检查日期：{ref.F(self.as_of)}）")
        return (f"<div><b>{title}</b><table><thead><tr><th>条款</th><th>结论</th><th>期限届满日</th>"
                f"<th>说明</th></tr></thead><tbody>{''.join(rows)}</tbody></table></div>")


def explain(record, as_of=None, kind: str | None = None) -> Explanation:
    """Check one record (a dict or a DataFrame row of any of the three kinds) clause by clause."""
    if isinstance(record, pd.DataFrame):
        if len(record) != 1:
            raise ValueError("explain() 只解释一条记录，请传入一行（例如 df.iloc[0]）")
        record = record.iloc[0]
    from .checks import _as_of, _prepare     # checks imports this module
    record = dict(record)
    kind = kind or infer_kind(record)
    as_of = _as_of(as_of)
    # typed as check_cases types a frame: 否/false are false, a bad cell is a Chinese DataError
    r = ref.normalise(_prepare(pd.DataFrame([record]), kind).iloc[0], kind)
    verdicts = ref.check_record(r, kind, as_of)
    key = " ".join(str(r[k]) for k in KEYS[kind])
    rows = []
    for cid, v in verdicts.items():
        row = {k: r[k] for k in KEYS[kind]}
        row.update(obligation_id=cid, status=v.status, label=obligations()[cid].label,
                   due_on=pd.Timestamp(v.due) if v.due else pd.NaT,
                   explanation=explanation_text(v, kind, as_of))
        rows.append(row)
    findings = pd.DataFrame(rows)
    findings["due_on"] = pd.to_datetime(findings["due_on"])
    return Explanation(kind, key, as_of, verdicts, findings)
