"""Loading the three tables (cases, judicial suggestions, agency-years) safely.

``load_cases(path)``, ``load_suggestions(path)``, ``load_agencies(path)`` and
``load_table(path, table)`` read a .csv (UTF-8, UTF-8 with BOM, GB18030/GBK) or a workbook
(.xlsx, .xlsm, .xls, read with python-calamine) with English or Chinese headers and return a DataFrame in the contract's in-memory dtypes (see
:mod:`yingsu_training.schema`). ``coerce_frame(df, table)`` does the same for a DataFrame built
in code (exercise facts, generated data).

Invalid input raises :class:`~yingsu_training.errors.DataError` listing every problem in the
file, each located as the user sees it in Excel (header = row 1, first data row = row 2) and
named by the column header as written in the file. Nothing is dropped silently: blank rows,
rows above the header, unknown extra columns and missing optional columns are reported as
notices (``df.attrs["notices"]``; the ones a user should notice are also issued with
:func:`warnings.warn` as :class:`DataNotice`).

A file goes through four stages (:mod:`yingsu_training.loading`): read (file → grid of cells,
:mod:`~yingsu_training.loading.read` and :mod:`~yingsu_training.loading.workbook`), map headers
(:mod:`~yingsu_training.loading.headers`), parse cells (:mod:`~yingsu_training.loading.cells`)
and validate (:mod:`~yingsu_training.loading.validate`); every problem of every stage goes into
one collector, so all are reported at once. What a broken file makes a library raise (csv.Error,
EmptyDataError, zlib.error, RecursionError, IllegalCharacterError, a calamine panic …) is a
DataError naming the file too: no user mistake ends in a traceback.

Validation is vectorised: every column is factorised and only its distinct values are parsed
in Python, so a file of a million rows loads in seconds.
"""
from __future__ import annotations

import contextlib
import csv
import gc
import os
import warnings
import zipfile
import zlib
from pathlib import Path
from xml.etree import ElementTree

import numpy as np
import pandas as pd
from openpyxl.utils.exceptions import IllegalCharacterError

from .errors import DataError, Problem
from .export import table_for
from .loading.cells import _MAX_YEAR, _all_missing, _as_series, _extra_column, _parse_column
from .loading.headers import _frame_from_grid, _map_headers, _Mapped, _rows_text
from .loading.read import _read_grid
from .loading.validate import (CALENDAR_PERIODS, DATE_ORDER_RULES, _check_calendar,
                               _check_contradictions, _check_keys, _Problems)
from .schema import AGENCIES, CASES, SUGGESTIONS, Table

__all__ = ["load_cases", "load_suggestions", "load_agencies", "load_table", "coerce_frame",
           "DataNotice", "DATE_ORDER_RULES", "CALENDAR_PERIODS"]


class DataNotice(UserWarning):
    """Something the user should know about a loaded file that is not an error."""


# ---------------------------------------------------------------------------------------------
# public API


def load_cases(path: str | os.PathLike) -> pd.DataFrame:
    """The cases table from a .csv or .xlsx file (DataError listing every problem)."""
    return load_table(path, CASES)


def load_suggestions(path: str | os.PathLike) -> pd.DataFrame:
    """The judicial-suggestions table from a .csv or .xlsx file."""
    return load_table(path, SUGGESTIONS)


def load_agencies(path: str | os.PathLike) -> pd.DataFrame:
    """The agency-year table from a .csv or .xlsx file."""
    return load_table(path, AGENCIES)


def load_table(path: str | os.PathLike, table: str | Table, *,
               sheet: str | None = None) -> pd.DataFrame:
    """Read ``path`` as ``table`` ("cases", "suggestions"/"judicial_suggestions", "agencies").

    The stages, in order: read the file into a grid of cells, find and map the header row,
    parse each column's cells, validate the records (every problem collected, then one
    :class:`DataError`). ``sheet`` names the worksheet of a workbook to read (default: the one
    named for the table, else the first with content).
    """
    tbl = table_for(table)
    source = os.fspath(path)
    try:
        with _collector_paused():
            grid, problems, notices = _read_grid(Path(path), source, tbl, sheet)
            if grid is None:
                raise DataError(problems)
            raw, rows, header_problems, header_notices = _frame_from_grid(grid, tbl, source)
            return _coerce(raw, tbl, source, rows, problems + header_problems,
                           notices + header_notices)
    except _READ_FAILURES as exc:
        raise DataError([Problem(source, None, None, None, _failure_text(exc))]) from exc


@contextlib.contextmanager
def _collector_paused():
    """Python's cyclic garbage collector off while a file is loaded: its cells become Python
    objects (a workbook of 20,000 rows makes ~750,000, none in a cycle), and the collections they
    trigger cost more than reading the file. Turned back on (and so run) when loading ends."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


#: what a broken file can make a library raise while it is read: each becomes a DataError
_READ_FAILURES = (csv.Error, pd.errors.ParserError, pd.errors.EmptyDataError, zlib.error,
                  zipfile.BadZipFile, RecursionError, UnicodeError, MemoryError,
                  IllegalCharacterError, ElementTree.ParseError, EOFError)


def _failure_text(exc: BaseException) -> str:
    if isinstance(exc, (RecursionError, MemoryError)):
        return "文件结构过于复杂或过大（嵌套太深或内容太多），无法读取：请确认这是 Excel 或 CSV 台账"
    if isinstance(exc, (zlib.error, zipfile.BadZipFile, EOFError, ElementTree.ParseError)):
        return "工作簿已损坏或不完整（压缩数据或 XML 出错），无法读取：请在 Excel 中重新“另存为”.xlsx"
    if isinstance(exc, UnicodeError):
        return "文件中有无法识别的字符编码：请在 Excel 中“另存为”“CSV UTF-8（逗号分隔）”"
    if isinstance(exc, IllegalCharacterError):
        return "文件中有 Excel 不允许的控制字符：请删除这些字符后重新保存"
    detail = str(exc).strip().splitlines()[0][:120] if str(exc).strip() else type(exc).__name__
    return f"无法按表格读取这个文件（{detail}）：请确认是 Excel 工作簿或 CSV 文件，且每行的列数一致"


def coerce_frame(df: pd.DataFrame, table: str | Table, source: str = "<数据>") -> pd.DataFrame:
    """Type and validate a DataFrame built in code (cells of any type, English/Chinese headers).

    Rows are numbered as if the frame were written to a sheet under a header row: the first
    row is row 2. Columns already in their contract dtype are taken as they are (fast path).
    The result keeps ``df``'s index (completely blank rows are dropped, with a notice).
    """
    tbl = table_for(table)
    if not isinstance(df, pd.DataFrame):
        raise TypeError("coerce_frame expects a pandas DataFrame")
    headers = [("" if c is None else str(c)) for c in df.columns]
    raw = df.copy(deep=False)
    raw.attrs = {}
    raw.columns = range(df.shape[1])
    raw = raw.reset_index(drop=True)
    rows = np.arange(2, len(df) + 2, dtype=np.int64)
    mapped, problems, notices = _map_headers(headers, tbl, source, header_row=1)
    raw.attrs["headers"] = mapped
    return _coerce(raw, tbl, source, rows, problems, notices, index=df.index)


def _coerce(raw: pd.DataFrame, tbl: Table, source: str, rows: np.ndarray,
            problems: list[Problem], notices: list[str], index: pd.Index | None = None
            ) -> pd.DataFrame:
    mapped: _Mapped = raw.attrs["headers"]
    date1904 = bool(raw.attrs.get("date1904", False))
    order = {c.name: i for i, c in enumerate(tbl.columns)}
    n = len(raw)
    collected = _Problems(source, rows)
    for p in problems:
        collected.add_file(p, order.get(mapped.names[mapped.written.index(p.column)], -1)
                           if p.column in mapped.written else -1)

    typed: dict[str, object] = {}
    missing: dict[str, np.ndarray] = {}
    bad_cells: list[tuple[np.ndarray, str, int, object, object]] = []
    extras: dict[str, pd.Series] = {}
    all_blank = np.ones(n, dtype=bool)
    for pos, (written, name) in enumerate(zip(mapped.written, mapped.names)):
        series = raw.iloc[:, pos]
        if name is None:
            values, miss = _extra_column(series)
            key = written
            k = 1
            while key in extras or key in tbl.names:
                k += 1
                key = f"{written}.{k}"
            extras[key] = values
            all_blank &= miss
            continue
        col = tbl.column(name)
        values, miss, err_mask, err_msg, err_val, cleaned = _parse_column(series, col, date1904)
        if cleaned:
            notices.append(f"“{written}”列有 {cleaned} 个单元格含有看不见的字符或特殊空格（零宽空格、"
                           f"BOM、全角空格、单元格内换行等），已清除后读取")
        typed[name] = values
        missing[name] = miss
        all_blank &= miss
        if err_mask is not None and err_mask.any():
            bad_cells.append((err_mask, written, order[name], err_msg, err_val))

    # completely blank rows are not records: dropped, with a notice when they sit among data
    keep = ~all_blank
    if all_blank.any():
        blank_rows = rows[all_blank]
        last_data = rows[keep].max() if keep.any() else 0
        inner = blank_rows[blank_rows < last_data]
        if len(inner):
            notices.append(f"第{_rows_text(inner)}行是空行，已跳过")
    if not keep.any():
        collected.add_file(Problem(source, None, None, None,
                                   "没有数据行：文件只有表头，请在表头下方逐行填写数据"))

    for mask, written, o, msg, val in bad_cells:
        collected.add_mask(mask & keep, written, o, msg, val)

    # columns absent from the file: all missing
    for c in tbl.columns:
        if c.name not in typed:
            typed[c.name] = _all_missing(c, n)
            missing[c.name] = np.ones(n, dtype=bool)

    present = {n_ for n_ in mapped.names if n_}
    header = {c.name: mapped.header_of(c.name, tbl) for c in tbl.columns}
    cell_ok = {c.name: ~missing[c.name] for c in tbl.columns}
    for mask, written, o, msg, val in bad_cells:
        name = mapped.names[mapped.written.index(written)]
        cell_ok[name] = cell_ok[name] & ~mask

    for c in tbl.columns:
        if c.required and c.name in present:
            collected.add_mask(missing[c.name] & keep, header[c.name], order[c.name],
                               f"“{header[c.name]}”是必填项，不能为空")
        if c.kind == "int" and c.minimum is not None:
            v = typed[c.name]
            arr = v.to_numpy(dtype="float64", na_value=np.nan)
            below = (arr < c.minimum) & keep & cell_ok[c.name]
            if c.minimum == 0:
                msg = "人数/次数不能为负数"
            else:
                msg = f"应不小于 {c.minimum}"
            if c.name == "year":
                below |= (arr > _MAX_YEAR) & keep & cell_ok[c.name]
                msg = f"年度不合理，应为 {c.minimum}–{_MAX_YEAR} 之间的四位年份"
            collected.add_mask(below, header[c.name], order[c.name], msg,
                               lambda p, a=arr: str(int(a[p])))
            cell_ok[c.name] = cell_ok[c.name] & ~below

    frame = pd.DataFrame({c.name: _as_series(typed[c.name]) for c in tbl.columns})
    _check_keys(frame, tbl, header, order, keep, cell_ok, collected)
    _check_contradictions(frame, tbl, header, order, keep, cell_ok, collected)
    _check_calendar(frame, tbl, header, order, keep, cell_ok, collected)

    if collected.items:
        collected.items.sort(key=lambda t: (t[0], t[1]))
        raise DataError([p for _, _, p in collected.items])

    for key, values in extras.items():
        frame[key] = _as_series(values)
    if index is not None:
        frame.index = index
    if not keep.all():
        frame = frame.loc[keep]
        if index is None:
            frame = frame.reset_index(drop=True)
    frame.attrs["source"] = source
    frame.attrs["notices"] = list(notices)
    _warn(notices, source)
    return frame


def _warn(notices: list[str], source: str) -> None:
    for text in notices:
        if text.startswith("文件中没有以下可选列") or text.startswith("文件按 GB18030"):
            continue  # recorded in attrs only: routine, not something to act on
        warnings.warn(f"{source}：{text}", DataNotice, stacklevel=_stacklevel())


def _stacklevel() -> int:
    """The stack level of the first caller outside this package (for warnings)."""
    import sys
    here = os.path.dirname(os.path.abspath(__file__))
    frame, level = sys._getframe(1), 1
    while frame is not None and os.path.abspath(frame.f_code.co_filename).startswith(here):
        frame, level = frame.f_back, level + 1
    return level
