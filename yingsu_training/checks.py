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

from . import reference as ref
from .catalogue import checked_clause_ids, obligations
from .errors import DataError, Problem
from .explanations import KEYS, explain, explanation_text  # noqa: F401  (explain re-exported)
from .rules import Facts, rules_for
from .schema import STATUS_ZH, STATUSES, TABLE_FOR_RECORD, Table, dtype_for

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
    """The records as a frame in the contract's dtypes (a path is read with the loader)."""
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


def _check(records, kind: str, as_of, explain: bool) -> pd.DataFrame:
    frame = _prepare(records, kind)
    as_of = _as_of(as_of)
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
            due[j][codes == 3] = nat
    rule_codes = np.tile(np.array([ids.index(c) for c in rules], dtype=np.int8), n)
    labels = [obligations()[c].label for c in ids]
    out = _key_columns(frame, kind, k)
    out["obligation_id"] = pd.Categorical.from_codes(
        rule_codes, dtype=pd.CategoricalDtype(ids), validate=False)
    out["status"] = pd.Categorical.from_codes(
        status.T.ravel(), dtype=pd.CategoricalDtype(list(STATUSES)), validate=False)
    out["label"] = pd.Categorical.from_codes(
        rule_codes, dtype=pd.CategoricalDtype(labels), validate=False)
    out["due_on"] = due.T.ravel()
    findings = pd.DataFrame(out, copy=False)
    findings.attrs.update(kind=kind, as_of=as_of)
    if explain:
        findings = explain_findings(findings, frame, as_of)
    return findings


def check_cases(cases, as_of=None, explain: bool = True) -> pd.DataFrame:
    """Findings of the ten case rules (2.2 3.1 3.2 4.2 4.3 5.2 6.1 6.2 7.2 12.2)."""
    return _check(cases, "case", as_of, explain)


def check_suggestions(suggestions, as_of=None, explain: bool = True) -> pd.DataFrame:
    """Findings of rule 10.1 on judicial suggestions."""
    return _check(suggestions, "suggestion", as_of, explain)


def check_agencies(agencies, as_of=None, explain: bool = True) -> pd.DataFrame:
    """Findings of the agency-year rules (8.2 9.1 11.2 12.1)."""
    return _check(agencies, "agency_year", as_of, explain)


def check(records, kind: str, as_of=None, explain: bool = True) -> pd.DataFrame:
    """Findings for ``kind`` = case / suggestion / agency_year."""
    return _check(records, kind, as_of, explain)


def _kind_of(findings: pd.DataFrame) -> str:
    if "kind" in findings.attrs:
        return findings.attrs["kind"]
    for kind in ("suggestion", "case", "agency_year"):
        if all(k in findings.columns for k in KEYS[kind]):
            return kind
    raise ValueError("findings 表缺少记录键（case_id / suggestion_id / agency+year）")


def explain_findings(findings: pd.DataFrame, records, as_of=None, progress: bool = False) -> pd.DataFrame:
    """A copy of ``findings`` (any subset of rows) with a Chinese ``explanation`` column.

    ``records`` is the table that was checked; only the records in ``findings`` are re-read.
    ``progress=True`` shows a tqdm progress bar on stderr (for long runs).
    """
    kind = _kind_of(findings)
    as_of = _as_of(as_of if as_of is not None else findings.attrs.get("as_of"))
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
    records_needed = dict(zip(needed.tolist(), frame.iloc[needed].to_dict("records")))
    verdicts: dict[int, dict] = {}
    pairs = zip(rows.tolist(), findings["obligation_id"].astype(str))
    if progress:
        from tqdm import tqdm
        pairs = tqdm(pairs, total=len(rows), desc="生成说明", unit="条", leave=False,
                     disable=len(rows) < 20000)
    texts = []
    for row, cid in pairs:
        if row not in verdicts:
            verdicts[row] = ref.check_record(ref.normalise(records_needed[row], kind), kind, as_of)
        texts.append(explanation_text(verdicts[row][cid], kind, as_of))
    out = findings.copy()
    out["explanation"] = pd.Series(texts, index=findings.index, dtype="string")
    return out


def summary(findings: pd.DataFrame, zh: bool = False) -> pd.DataFrame:
    """Counts per clause × status (rows: clauses present in ``findings``, clause order)."""
    counts = pd.crosstab(findings["obligation_id"], findings["status"], dropna=False)
    counts = counts.reindex(columns=list(STATUSES), fill_value=0)
    present = set(findings["obligation_id"].unique())
    if len(findings) == 0 and findings.attrs.get("kind") in ref.CLAUSES:   # no records: zeros
        present |= set(ref.CLAUSES[findings.attrs["kind"]])
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

