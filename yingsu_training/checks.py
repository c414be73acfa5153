"""Check records against the opinion's duties: the public API.

``check_cases(cases, as_of=None, explain=True)``, ``check_suggestions(...)`` and
``check_agencies(...)`` take a DataFrame as the loaders return it (or a file path, read with
``yingsu_training.loaders``) and return the findings table: one row per (record, rule) with the
record key, ``obligation_id``, ``status``, ``label``, ``due_on`` and (``explain=True``)
``explanation``. The verdicts are vectorised (``yingsu_training.rules``); with ``explain=False``
the table holds only categoricals, dates and the key, so a million cases stay lean.
"""
from __future__ import annotations

import os
import re
from datetime import date, datetime

import numpy as np
import pandas as pd

import html
from dataclasses import dataclass

from . import calendar as cal
from .catalogue import checked_clause_ids, obligations
from .errors import DataError, Problem
from .explanations import KEYS, STATUS_COLOURS, explanations
from .rules import Facts, rules_for
from .schema import (RECORD_KIND_ZH, STATUS_ZH, STATUSES, TABLE_FOR_RECORD, Status, Table,
                     dtype_for)

__all__ = ["as_of_date", "check_cases", "check_suggestions", "check_agencies", "check", "explain",
           "explain_findings", "summary", "findings_zh", "FINDINGS_ZH"]

#: Chinese headers of the findings table
FINDINGS_ZH = {"obligation_id": "条款编号", "label": "条款", "status": "结论", "due_on": "期限届满日",
               "explanation": "说明"}

_LOADERS = {"case": "load_cases", "suggestion": "load_suggestions", "agency_year": "load_agencies"}


def _as_of(as_of) -> date:
    """The check date: a date, a Timestamp, or text such as 2025-10-09, 2025/10/9, 2025年10月9日
    (default: today)."""
    if as_of is None:
        return date.today()
    if isinstance(as_of, datetime):
        return as_of.date()
    if isinstance(as_of, date):
        return as_of
    if isinstance(as_of, (int, float, np.number)) and not isinstance(as_of, bool):
        # pandas would read 20251009 as nanoseconds after 1970: refuse rather than guess
        raise DataError([Problem("检查日期", None, None, str(as_of),
                                 "检查日期应是日期或文字，如 2025-10-09，不能是数字")])
    try:
        if isinstance(as_of, str):
            m = re.fullmatch(r"\s*(\d{4})\s*[年/.-]\s*(\d{1,2})\s*[月/.-]\s*(\d{1,2})\s*日?\s*", as_of)
            if m:
                return date(*map(int, m.groups()))
        return pd.Timestamp(as_of).date()
    except (ValueError, TypeError):
        raise DataError([Problem("检查日期", None, None, str(as_of),
                                 "检查日期格式不对，应写作 2025-10-09")]) from None


def _prepare(records, kind: str) -> pd.DataFrame:
    """The records as a frame in the contract's dtypes (a path is read with the loader).

    ``loaders`` is imported only here, when a file is read or a frame needs the loader's
    typing: it brings openpyxl and calamine, about 0.45 s of start-up (``python -X importtime``)
    that checking a frame already typed does not need."""
    table: Table = TABLE_FOR_RECORD[kind]
    if isinstance(records, (str, os.PathLike)):
        from . import loaders
        return getattr(loaders, _LOADERS[kind])(records)
    if not isinstance(records, pd.DataFrame):
        records = pd.DataFrame(records)
    zh = table.zh_to_name
    if any(c in zh for c in records.columns):
        records = records.rename(columns=zh)
    if any(k not in records.columns for k in KEYS[kind]):   # no record key: the loader says so
        from . import loaders
        return loaders.coerce_frame(records, table)
    if all(c.name in records.columns and records[c.name].dtype == dtype_for(c)
           for c in table.columns if c.kind != "text"):
        return records                     # already typed as the loaders return it
    out = {}
    mistyped = False
    for col in table.columns:
        want = dtype_for(col)
        if col.name not in records.columns:
            out[col.name] = pd.Series(pd.array([None] * len(records), dtype=want)
                                      if col.kind != "date" else
                                      np.full(len(records), np.datetime64("NaT"), "datetime64[ns]"),
                                      index=records.index)
            continue
        s = records[col.name]
        if col.kind == "date":
            if s.dtype != "datetime64[ns]":
                try:
                    s = pd.to_datetime(s).astype("datetime64[ns]")
                except (ValueError, TypeError):
                    mistyped = True
        elif col.kind in ("bool", "int", "enum") and s.dtype != want:
            try:
                s = s.astype(want)
            except (ValueError, TypeError):
                mistyped = True
        out[col.name] = s
    if mistyped:  # let the loader describe every bad cell in Chinese
        from . import loaders
        return loaders.coerce_frame(records, table)
    return pd.DataFrame(out, index=records.index)


def _key_columns(frame: pd.DataFrame, kind: str, k: int) -> dict[str, object]:
    """The record key repeated once per rule, as categoricals (no per-row Python objects)."""
    cols = {}
    for name in KEYS[kind]:
        s = frame[name]
        if name == "year":
            values = s.to_numpy(dtype=np.int64, na_value=0)
            mask = s.isna().to_numpy()
            cols[name] = pd.arrays.IntegerArray(np.repeat(values, k), np.repeat(mask, k))
            continue
        index = pd.Index(s, dtype="string")
        if not s.hasnans and index.is_unique:     # the usual case: every key appears once
            codes, dtype = np.arange(len(s)), pd.CategoricalDtype(index)
        else:
            codes, uniques = pd.factorize(s, use_na_sentinel=True)
            dtype = pd.CategoricalDtype(pd.Index(uniques, dtype="string"))
        cols[name] = pd.Categorical.from_codes(np.repeat(codes.astype(np.int32), k), dtype=dtype,
                                               validate=False)
    return cols


def as_of_date(value) -> date:
    """Public form of the check-date parser (DataError with a Chinese message when invalid)."""
    return _as_of(value)


def _check(records, kind: str, as_of: date, explain: bool) -> pd.DataFrame:
    """The findings of ``records`` on ``as_of`` (a date the public functions parsed once)."""
    frame = _prepare(records, kind)
    when = np.datetime64(as_of, "ns")
    facts = Facts(frame)
    rules = rules_for(kind)
    results = {}
    for cid, module in rules.items():
        results[cid] = module.check(facts, when, results)
    n, k = len(frame), len(rules)
    ids = checked_clause_ids()
    status = np.empty((k, n), dtype=np.int8)
    due = np.empty((k, n), dtype="datetime64[ns]")
    nat = np.datetime64("NaT", "ns")
    for j, res in enumerate(results.values()):
        codes = res.status_codes()
        status[j] = codes
        if res.due is None:
            due[j] = nat
        else:
            due[j] = res.due
            due[j][codes == Status.NOT_APPLICABLE] = nat
    rule_codes = np.tile(np.array([ids.index(c) for c in rules], dtype=np.int8), n)
    labels = [obligations()[c].label for c in ids]
    out = _key_columns(frame, kind, k)
    if explain:
        texts = explanations(frame, kind, as_of, facts, results,
                             {cid: due[j] for j, cid in enumerate(rules)})
        # one string array of every rule's distinct texts, taken at each finding's code
        distinct, text_codes, base = [], np.empty((k, n), dtype=np.int64), 0
        for j, cid in enumerate(rules):
            words, key = texts[cid]
            distinct.extend(words)
            text_codes[j] = base + key
            base += len(words)
        out_text = pd.array(np.array(distinct, dtype=object), dtype="string").take(
            text_codes.T.ravel())
    out["obligation_id"] = pd.Categorical.from_codes(
        rule_codes, dtype=pd.CategoricalDtype(ids), validate=False)
    out["status"] = pd.Categorical.from_codes(
        status.T.ravel(), dtype=pd.CategoricalDtype(list(STATUSES)), validate=False)
    out["label"] = pd.Categorical.from_codes(
        rule_codes, dtype=pd.CategoricalDtype(labels), validate=False)
    out["due_on"] = due.T.ravel()
    if explain:
        out["explanation"] = out_text
    findings = pd.DataFrame(out, copy=False)
    findings.attrs.update(kind=kind)
    return findings


def check_cases(cases, as_of=None, explain: bool = True) -> pd.DataFrame:
    """Findings of the ten case rules (2.2 3.1 3.2 4.2 4.3 5.2 6.1 6.2 7.2 12.2)."""
    return _check(cases, "case", _as_of(as_of), explain)


def check_suggestions(suggestions, as_of=None, explain: bool = True) -> pd.DataFrame:
    """Findings of rule 10.1 on judicial suggestions."""
    return _check(suggestions, "suggestion", _as_of(as_of), explain)


def check_agencies(agencies, as_of=None, explain: bool = True) -> pd.DataFrame:
    """Findings of the agency-year rules (8.2 9.1 11.2 12.1)."""
    return _check(agencies, "agency_year", _as_of(as_of), explain)


def check(records, kind: str, as_of=None, explain: bool = True) -> pd.DataFrame:
    """Findings for ``kind`` = case / suggestion / agency_year."""
    return _check(records, kind, _as_of(as_of), explain)


def _kind_of(findings: pd.DataFrame) -> str:
    if "kind" in findings.attrs:
        return findings.attrs["kind"]
    for kind in ("suggestion", "case", "agency_year"):
        if all(k in findings.columns for k in KEYS[kind]):
            return kind
    raise ValueError("findings 表缺少记录键（case_id / suggestion_id / agency+year）")


def explain_findings(findings: pd.DataFrame, records, as_of=None, progress: bool = False) -> pd.DataFrame:
    """A copy of ``findings`` (any subset of rows) with a Chinese ``explanation`` column.

    ``records`` is the table that was checked and ``as_of`` the check date it was checked on
    (a date or text such as 2025-10-09; required: the findings do not carry it); only the
    records in ``findings`` are re-read. ``progress`` is accepted for compatibility (the
    explanations are vectorised now).
    """
    if as_of is None:
        raise DataError([Problem("检查日期", None, None, None,
                                 "请传入检查日期 as_of（与检查时所用的日期相同），"
                                 "例如 explain_findings(结论, 记录表, as_of=\"2025-10-09\")")])
    as_of = _as_of(as_of)
    kind = _kind_of(findings)
    frame = _prepare(records, kind)
    keys = list(KEYS[kind])
    # the row of ``records`` behind each finding, found for all findings at once
    if len(keys) > 1:
        index = pd.MultiIndex.from_frame(frame[keys].astype(object))
        wanted = pd.MultiIndex.from_frame(findings[keys].astype(object))
    else:
        index = pd.Index(frame[keys[0]].astype(object))
        wanted = pd.Index(findings[keys[0]].astype(object))
    header = "、".join(TABLE_FOR_RECORD[kind].column(k).zh for k in keys)
    if not index.is_unique:
        raise DataError([Problem("记录表", None, header, None,
                                 "记录键有重复，无法对应到唯一的记录")])
    rows = index.get_indexer(wanted)
    if (rows < 0).any():
        raise DataError([Problem("记录表", None, header, str(m),
                                 "结论表中的这条记录在所给的记录表中找不到，请传入检查时所用的记录表")
                         for m in wanted[rows < 0].unique()[:20]])
    needed = np.unique(rows)
    explained = _check(frame.iloc[needed], kind, as_of, explain=True)
    k = len(rules_for(kind))
    clause = {cid: j for j, cid in enumerate(rules_for(kind))}
    at = np.searchsorted(needed, rows) * k + findings["obligation_id"].astype(str).map(clause).to_numpy()
    out = findings.copy()
    out["explanation"] = pd.Series(explained["explanation"].to_numpy()[at], index=findings.index,
                                   dtype="string")
    return out


def summary(findings: pd.DataFrame, zh: bool = False) -> pd.DataFrame:
    """Counts per clause × status (rows: clauses present in ``findings``, clause order)."""
    counts = pd.crosstab(findings["obligation_id"], findings["status"], dropna=False)
    counts = counts.reindex(columns=list(STATUSES), fill_value=0)
    present = set(findings["obligation_id"].unique())
    if len(findings) == 0 and findings.attrs.get("kind") in KEYS:   # no records: zeros
        present |= set(rules_for(findings.attrs["kind"]))
    counts = counts.loc[[c for c in counts.index if c in present]]
    counts.insert(0, "label", [obligations()[c].label for c in counts.index])
    counts["total"] = counts[list(STATUSES)].sum(axis=1)
    counts.index.name = "obligation_id"
    counts.columns.name = None
    if zh:
        counts = counts.rename(columns={"label": "条款", "total": "合计", **STATUS_ZH})
        counts.index.name = "条款编号"
    return counts


def findings_zh(findings: pd.DataFrame) -> pd.DataFrame:
    """The findings with Chinese headers and Chinese statuses, for files and display."""
    kind = _kind_of(findings)
    table = TABLE_FOR_RECORD[kind]
    out = findings.copy()
    out["status"] = out["status"].astype(str).map(STATUS_ZH)
    names = {k: table.column(k).zh for k in KEYS[kind]}
    names.update(FINDINGS_ZH)
    order = list(KEYS[kind]) + [c for c in ("obligation_id", "label", "status", "due_on", "explanation")
                                if c in out.columns]
    order += [c for c in out.columns if c not in order]
    return out[order].rename(columns=names)


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
    findings: pd.DataFrame

    @property
    def text(self) -> str:
        lines = [f"{RECORD_KIND_ZH[self.kind]} {self.key}（检查日期：{cal.fmt(self.as_of)}）"]
        for _, row in self.findings.iterrows():
            lines.append(f"- {row['explanation']}")
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.text

    def _repr_html_(self) -> str:
        rows = []
        for _, row in self.findings.iterrows():
            colour = STATUS_COLOURS[row["status"]]
            due = cal.fmt(row["due_on"]) if pd.notna(row["due_on"]) else ""
            rows.append(
                f"<tr><td>{html.escape(str(row['label']))}</td>"
                f"<td style=\"background:{colour}\">{html.escape(STATUS_ZH[row['status']])}</td>"
                f"<td>{html.escape(due)}</td>"
                f"<td style=\"text-align:left\">{html.escape(row['explanation'])}</td></tr>")
        title = html.escape(f"{RECORD_KIND_ZH[self.kind]} {self.key}（检查日期：{cal.fmt(self.as_of)}）")
        return (f"<div><b>{title}</b><table><thead><tr><th>条款</th><th>结论</th><th>期限届满日</th>"
                f"<th>说明</th></tr></thead><tbody>{''.join(rows)}</tbody></table></div>")


def explain(record, as_of=None, kind: str | None = None) -> Explanation:
    """Check one record (a dict or a DataFrame row of any of the three kinds) clause by clause."""
    if isinstance(record, pd.DataFrame):
        if len(record) != 1:
            raise ValueError("explain() 只解释一条记录，请传入一行（例如 df.iloc[0]）")
        record = record.iloc[0]
    record = dict(record)
    kind = kind or infer_kind(record)
    as_of = _as_of(as_of)
    # typed as check_cases types a frame: 否/false are false, a bad cell is a Chinese DataError
    frame = _prepare(pd.DataFrame([record]), kind)
    findings = _check(frame, kind, as_of, explain=True)
    findings = findings.astype({k: object for k in KEYS[kind]} | {"obligation_id": str,
                                "status": str, "label": str, "explanation": str})
    findings.attrs.clear()
    key = " ".join(str(findings[k].iloc[0]) for k in KEYS[kind])
    return Explanation(kind, key, as_of, findings)
