"""Write the contract tables the way a Chinese office opens them: Chinese headers, 是/否, dates.

``to_chinese_headers(df, table)`` renames the contract's columns to their Chinese headers
(``schema.TABLES[table]``), writes booleans as 是/否, dates as ``2025-10-09`` and missing values as
empty cells. Columns that are not in the contract keep their names and follow the contract's
columns. ``save_table(df, path, table)`` writes ``.csv`` (UTF-8 with BOM, so Excel on Chinese
Windows opens it without mojibake) or ``.xlsx`` (real date cells formatted ``yyyy-mm-dd``, a
frozen bold header row, column widths fitted to the content).

Nothing written can run as a formula: text that begins with ``=``, ``+``, ``-`` or ``@`` (also
after leading spaces, tabs or line breaks, and their full-width forms) is stored as inert text —
a string cell (with Excel's quote prefix) in ``.xlsx``, the usual ``'`` guard in ``.csv``.
Real numbers and dates stay numbers and dates. :func:`inert` guards one value for CSV,
:func:`write_csv` and :func:`write_sheets` write frames, and :func:`save_workbook_reproducibly`
turns any formula cell of a workbook the kit built into a string cell before saving, so every
writer of the kit goes through the same guard. The loaders strip the ``'`` guard again, so a
table written and read back is unchanged.

Files are reproducible: the same table gives the same bytes (the ``.xlsx`` zip entries and
document properties carry a fixed timestamp instead of "now"), so the committed data sets can be
compared byte for byte with a fresh run.
"""
from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from datetime import date, datetime
from pathlib import Path

import numpy as np
import pandas as pd

from .schema import TABLES, Table

TRUE_ZH, FALSE_ZH = "是", "否"
DATE_FORMAT = "%Y-%m-%d"
XLSX_DATE_FORMAT = "yyyy-mm-dd"
#: rows of one Excel sheet, the header row excluded
EXCEL_MAX_ROWS = 1_048_575
#: the timestamp written into .xlsx files (zip entries and document properties)
FIXED_STAMP = datetime(2000, 1, 1, 0, 0, 0)

__all__ = ["to_chinese_headers", "save_table", "table_for", "FIXED_STAMP", "inert",
           "inert_frame", "uninert", "looks_like_formula", "cell_value", "write_csv", "write_sheets",
           "make_inert", "save_workbook_reproducibly", "CSV_GUARD"]

#: the character put before a CSV cell that a spreadsheet would otherwise run as a formula
CSV_GUARD = "'"
#: text a spreadsheet runs as a formula (or DDE command): = + - @ first, after any blanks
_FORMULA_START = re.compile(r"^[\s\u200b\u200c\u200d\u2060\ufeff]*[=+\-@\uff1d\uff0b\uff0d\uff20]")
#: a plain signed number ("-5", "+3.5"): a spreadsheet reads it as that number, not a formula
_PLAIN_NUMBER = re.compile(r"^\s*[+-]?\d+(?:\.\d+)?\s*$")
#: characters an .xlsx cell cannot hold (openpyxl raises IllegalCharacterError on them)
_XLSX_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def looks_like_formula(value) -> bool:
    """Whether ``value`` is text a spreadsheet would run as a formula (a plain signed number such
    as ``-5`` is not: it is read as the number)."""
    return (isinstance(value, str) and _FORMULA_START.match(value) is not None
            and _PLAIN_NUMBER.match(value) is None)


def inert(value):
    """``value`` made safe for a CSV cell: formula-like text gets the ``'`` guard; anything else
    (numbers, dates, ordinary text, missing values) is returned unchanged."""
    if looks_like_formula(value):
        return CSV_GUARD + value
    return value


def uninert(value):
    """The value :func:`inert` guarded, as it was (the loaders read back what the kit wrote)."""
    if isinstance(value, str) and value[:1] == CSV_GUARD and looks_like_formula(value[1:]):
        return value[1:]
    return value


def inert_frame(df: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``df`` whose text cells are :func:`inert` (headers too); numbers stay numbers."""
    out = df.copy()
    for j in range(out.shape[1]):
        s = out.iloc[:, j]
        if s.dtype == object or isinstance(s.dtype, pd.StringDtype) or \
                isinstance(s.dtype, pd.CategoricalDtype):
            obj = s.astype(object)
            mask = obj.map(looks_like_formula, na_action="ignore").fillna(False).astype(bool)
            if mask.any():
                obj = obj.where(~mask, CSV_GUARD + obj.astype(str))
                out.isetitem(j, obj)
    out.columns = [inert(c) for c in out.columns]
    return out


def write_csv(df: pd.DataFrame, path: str | Path, *, index: bool = False) -> Path:
    """``df`` as a formula-inert CSV that Excel on Chinese Windows opens (UTF-8 with BOM)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    frame = df.reset_index() if index else df
    inert_frame(frame).to_csv(path, index=False, encoding="utf-8-sig", lineterminator="\r\n")
    return path


def cell_value(value):
    """``value`` as an .xlsx cell can hold it: numpy scalars as Python numbers, missing values
    as empty, timestamps as datetimes (dates at midnight as dates) and characters an .xlsx cannot
    store removed from text. Formula-like text is made inert when the workbook is saved
    (:func:`make_inert`)."""
    if value is None:
        return None
    if isinstance(value, str):
        return _XLSX_ILLEGAL.sub("", value) if _XLSX_ILLEGAL.search(value) else value
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, (float, np.floating)):
        return None if np.isnan(value) else float(value)
    if isinstance(value, pd.Timestamp):
        if pd.isna(value):
            return None
        return value.date() if value == value.normalize() else value.to_pydatetime()
    if isinstance(value, np.datetime64):
        return cell_value(pd.Timestamp(value))
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    if isinstance(value, (int, float, datetime, date)):
        return value
    return cell_value(str(value))


def make_inert(wb) -> int:
    """Turn every formula cell of ``wb`` into a string cell with Excel's quote prefix (so Excel
    keeps it as text even when the cell is edited); returns how many cells were changed."""
    changed = 0
    for ws in wb.worksheets:
        for cell in getattr(ws, "_cells", {}).values():
            if cell.data_type == "f" or looks_like_formula(cell.value):
                if not isinstance(cell.value, str):
                    cell.value = str(cell.value)
                cell.data_type = "s"
                cell.quotePrefix = True
                changed += 1
    return changed


def write_sheets(sheets: dict[str, pd.DataFrame], path: str | Path, *,
                 widths: dict[str, float] | None = None, title: str | None = None) -> Path:
    """Write each frame to its own sheet of a formula-inert, reproducible .xlsx: a bold frozen
    header row, dates as date cells, column widths fitted (``widths`` by header overrides),
    printing on A4 (``printing.a4_setup``: ``title · sheet`` in each page's header)."""
    from .printing import a4_setup
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    wb.remove(wb.active)
    bold = Font(bold=True)
    for name, df in sheets.items():
        ws = wb.create_sheet(_sheet_title(name))
        headers = [cell_value(str(c)) for c in df.columns]
        ws.append(headers)
        for cell in ws[1]:
            cell.font = bold
        columns = [[cell_value(v) for v in df.iloc[:, j].tolist()] for j in range(df.shape[1])]
        for row in zip(*columns):
            ws.append(row)
        for j, (head, vals) in enumerate(zip(headers, columns), start=1):
            letter = get_column_letter(j)
            if any(isinstance(v, (date, datetime)) for v in vals[:50]):
                for (c,) in ws.iter_rows(min_row=2, min_col=j, max_col=j):
                    if isinstance(c.value, date):
                        c.number_format = XLSX_DATE_FORMAT
            width = (widths or {}).get(head)
            if width is None:
                width = min(max([_display_width(v) for v in vals[:200]]
                                + [_display_width(head), 4]) + 2, 60)
            ws.column_dimensions[letter].width = width
        ws.freeze_panes = "A2"
        a4_setup(ws, f"{title} · {ws.title}" if title else ws.title)
    save_workbook_reproducibly(wb, path)
    return Path(path)


def _sheet_title(name: str) -> str:
    """A sheet name Excel accepts: at most 31 characters, none of : \\ / ? * [ ]."""
    title = re.sub(r"[:\\/?*\[\]]", "_", cell_value(str(name)) or "Sheet")[:31]
    return title or "Sheet"


#: other names a table goes by: the checker's record kinds and singular forms
_TABLE_ALIASES = {"case": "cases", "suggestion": "suggestions", "agency": "agencies",
                  "agency_year": "agencies"}


def table_for(table: str | Table) -> Table:
    """The :class:`schema.Table` named ``table``: its key in ``schema.TABLES`` (``"cases"``,
    ``"suggestions"``, ``"agencies"``), its name (``"judicial_suggestions"``), its Chinese name
    (``"司法建议"``) or a record kind (``"agency_year"``); a Table is returned as it is."""
    if isinstance(table, Table):
        return table
    key = _TABLE_ALIASES.get(table, table)
    if key in TABLES:
        return TABLES[key]
    for t in TABLES.values():
        if table in (t.name, t.zh):
            return t
    raise ValueError(f"未知的表“{table}”，应为 {'、'.join(TABLES)} 之一")


def _ordered_columns(df: pd.DataFrame, t: Table) -> list[str]:
    contract = [c for c in t.names if c in df.columns]
    extra = [c for c in df.columns if c not in t.names]
    return contract + extra


def _bool_text(s: pd.Series) -> pd.Series:
    b = s.astype("boolean")
    out = pd.Series(np.where(b.fillna(False).to_numpy(dtype=bool), TRUE_ZH, FALSE_ZH),
                    index=s.index, dtype=object)
    out[b.isna().to_numpy()] = ""
    return out


def _date_text(s: pd.Series) -> pd.Series:
    d = pd.to_datetime(s)
    return d.dt.strftime(DATE_FORMAT).astype(object).where(d.notna(), "")


def _plain_text(s: pd.Series) -> pd.Series:
    if isinstance(s.dtype, pd.CategoricalDtype):
        s = s.astype(object)
    if pd.api.types.is_integer_dtype(s.dtype):
        s = s.astype("Int64").astype("string")
    out = s.astype(object)
    missing = pd.isna(out).to_numpy()
    values = out.to_numpy(dtype=object, copy=True)
    values[missing] = ""
    present = ~missing
    if present.any() and not pd.api.types.is_string_dtype(s.dtype):
        values[present] = values[present].astype(str)
    return pd.Series(values, index=s.index, dtype=object)


def _convert(df: pd.DataFrame, t: Table, dates_as_text: bool) -> pd.DataFrame:
    cols = {}
    for name in _ordered_columns(df, t):
        s = df[name]
        kind = t.column(name).kind if name in t.names else None
        if kind is None:
            kind = ("bool" if pd.api.types.is_bool_dtype(s.dtype)
                    else "date" if pd.api.types.is_datetime64_any_dtype(s.dtype) else "text")
        if kind == "bool":
            cols[name] = _bool_text(s)
        elif kind == "date":
            cols[name] = _date_text(s) if dates_as_text else pd.to_datetime(s)
        elif kind == "int" and not dates_as_text:
            cols[name] = s.astype("Int64")
        else:
            cols[name] = _plain_text(s)
    out = pd.DataFrame(cols, index=df.index)
    return out.rename(columns=t.name_to_zh)


def to_chinese_headers(df: pd.DataFrame, table: str | Table) -> pd.DataFrame:
    """A copy of ``df`` as a user sees it: Chinese headers, 是/否, ``2025-10-09``, blanks.

    Every value of the result is text (``object`` column of ``str``); missing is ``""``.
    """
    return _convert(df, table_for(table), dates_as_text=True)


def save_table(df: pd.DataFrame, path: str | Path, table: str | Table, *,
               sheet_name: str | None = None) -> Path:
    """Write ``df`` with Chinese headers to ``path`` (``.csv`` or ``.xlsx``)."""
    path = Path(path)
    t = table_for(table)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        # utf-8-sig: the BOM makes Excel read the file as UTF-8; "\r\n" is what Excel writes
        return write_csv(to_chinese_headers(df, t), path)
    if suffix == ".xlsx":
        if len(df) > EXCEL_MAX_ROWS:
            raise ValueError(f"{path.name}：共 {len(df):,} 行，超过 Excel 工作表的上限 "
                             f"{EXCEL_MAX_ROWS:,} 行，请改存为 .csv")
        _save_xlsx(df, path, t, sheet_name or t.zh)
        return path
    raise ValueError(f"不支持的文件类型“{path.suffix}”：请使用 .csv 或 .xlsx")


def _display_width(value) -> int:
    """Columns ``value`` takes in a spreadsheet: wide (CJK) characters count two."""
    text = "" if value is None else str(value)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _save_xlsx(df: pd.DataFrame, path: Path, t: Table, sheet_name: str) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    out = _convert(df, t, dates_as_text=False)
    wb = Workbook()
    ws = wb.active
    ws.title = sheet_name[:31]
    headers = [cell_value(h) for h in out.columns]
    ws.append(headers)
    kinds = []
    for name in _ordered_columns(df, t):
        kinds.append(t.column(name).kind if name in t.names else
                     ("date" if pd.api.types.is_datetime64_any_dtype(df[name].dtype) else "text"))
    # column-wise to Python objects (fast path, no per-cell pandas access)
    columns = []
    for name, kind in zip(headers, kinds):
        s = out[name]
        if kind == "date":
            vals = [None if pd.isna(v) else v.to_pydatetime().date() for v in s]
        elif kind == "int":
            vals = [None if pd.isna(v) else int(v) for v in s]
        else:
            vals = [cell_value(v) if v != "" else None for v in s.tolist()]
        columns.append(vals)
    for row in zip(*columns):
        ws.append(row)
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDEBF7")
    for cell in ws[1]:
        cell.font = bold
        cell.fill = fill
        cell.alignment = Alignment(vertical="center", wrap_text=False)
    for j, (name, kind, vals) in enumerate(zip(headers, kinds, columns), start=1):
        letter = get_column_letter(j)
        if kind == "date":
            for cell in ws.iter_rows(min_row=2, min_col=j, max_col=j):
                cell[0].number_format = XLSX_DATE_FORMAT
            width = 12
        else:
            sample = vals[:2000]
            width = max([_display_width(v) for v in sample] + [4])
        width = max(width, _display_width(name))
        ws.column_dimensions[letter].width = min(width + 2, 60)
    ws.freeze_panes = "A2"
    if len(headers):
        ws.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{max(ws.max_row, 1)}"
    save_workbook_reproducibly(wb, path)


def save_workbook_reproducibly(wb, path: str | Path) -> None:
    """Save an openpyxl workbook so that the same content always gives the same bytes, with
    every formula-like cell stored as inert text (:func:`make_inert`)."""
    path = Path(path)
    make_inert(wb)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.properties.creator = "yingsu-training"
    buf = io.BytesIO()
    wb.save(buf)
    stamp = FIXED_STAMP.strftime("%Y-%m-%dT%H:%M:%SZ")
    src = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                text = data.decode("utf-8")
                text = re.sub(r"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:)",
                              lambda m: m.group(1) + stamp + m.group(3), text)
                data = text.encode("utf-8")
            zi = zipfile.ZipInfo(info.filename, date_time=FIXED_STAMP.timetuple()[:6])
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o600 << 16
            dst.writestr(zi, data)
    path.write_bytes(out.getvalue())
