"""Parse the cells of one column into the contract's dtype: each distinct raw value is parsed
once (the column is factorised), so a million rows cost what their distinct values cost."""
from __future__ import annotations

import calendar as _stdcal
import re
import unicodedata
from datetime import date, datetime

import numpy as np
import pandas as pd

from ..export import uninert
from ..schema import FALSE_WORDS, TRUE_WORDS, Column, dtype_for
from .read import EXCEL_CELL_LIMIT, _blank
from .workbook import NO_VALUE, NO_VALUE_MESSAGE

#: characters no one sees: zero-width spaces and joiners, BOMs, soft hyphens, direction marks,
#: NUL and the other control characters (line breaks and tabs are handled as blanks)
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff\u00ad\u180e"
                        "\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
#: spaces other than the ordinary one (no-break, full-width, thin …) and breaks inside a cell
_ODD_SPACE = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t\r\n]+")


def clean_text(text: str) -> str:
    """``text`` without invisible characters, its odd spaces and line breaks as one ordinary
    space, trimmed: two cells that look the same are the same."""
    if _INVISIBLE.search(text):
        text = _INVISIBLE.sub("", text)
    if _ODD_SPACE.search(text):
        text = _ODD_SPACE.sub(" ", text)
    return text.strip()


def _needs_cleaning(text: str) -> bool:
    # str.isprintable is False for every character either pattern matches (control, format and
    # separator characters other than " "): a fast test that almost every cell passes
    if text.isprintable():
        return False
    return bool(_INVISIBLE.search(text)) or bool(_ODD_SPACE.search(text.strip(" \t\r\n")))

#: Excel's (and WPS's) error values, Excel 365's newer ones included
_EXCEL_ERRORS = frozenset({"#N/A", "#VALUE!", "#REF!", "#DIV/0!", "#NUM!", "#NAME?", "#NULL!",
                           "#SPILL!", "#CALC!", "#GETTING_DATA", "#BLOCKED!", "#CONNECT!",
                           "#FIELD!", "#UNKNOWN!", "#BUSY!", "#EXTERNAL!", "#PYTHON!",
                           "#TIMEOUT!", "#N/A!"})
_EXCEL_ERROR_MESSAGE = "单元格是 Excel 的错误值（公式出错），请修正公式或直接填写实际内容"
_DATE_HINT = "应写作 2025-10-09、2025/10/9 或 2025年10月9日"
_BOOL_HINT = "应填 是/否、true/false、1/0 或 Y/N"
_MIN_YEAR, _MAX_YEAR = 1900, 2100
#: the first characters that keep a text cell off the fast path (a guard quote, an error value,
#: a space to strip; the empty string too, as "" is in every string)
_NOT_PLAIN_FIRST = "'# "
_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()
#: cell values (calamine's dates, booleans, whole numbers) that are never blank: no pd.isna call
_NEVER_BLANK = frozenset({date, datetime, bool, int})


_DATE_RE = re.compile(
    r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
    r"(?:[ T]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")


def _parse_date(v, date1904: bool = False):
    """(the date, None) or (None, why not); a number is an Excel date serial, counted from
    1900, or from 1904 in a workbook saved with the 1904 date system."""
    if isinstance(v, bool):
        return None, f"不是日期，{_DATE_HINT}"
    if isinstance(v, (pd.Timestamp, datetime)):
        y, m, d = v.year, v.month, v.day
    elif isinstance(v, date):
        y, m, d = v.year, v.month, v.day
    elif isinstance(v, np.datetime64):
        t = pd.Timestamp(v)
        y, m, d = t.year, t.month, t.day
    elif isinstance(v, (int, float, np.integer, np.floating)):
        # a number in an .xlsx date column: an Excel date serial shown without date format
        if 20000 <= float(v) <= 80000:
            from openpyxl.utils.datetime import (CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900,
                                                 from_excel)
            t = from_excel(float(v), CALENDAR_MAC_1904 if date1904 else CALENDAR_WINDOWS_1900)
            y, m, d = t.year, t.month, t.day
        else:
            return None, f"不是日期，{_DATE_HINT}"
    else:
        s = unicodedata.normalize("NFKC", str(v)).strip()
        match = _DATE_RE.match(s)
        if not match:
            return None, f"无法识别的日期，{_DATE_HINT}"
        y, m, d = (int(g) for g in match.groups())
        if not 1 <= m <= 12:
            return None, f"日期不存在：月份应为 1 至 12（{_DATE_HINT}）"
        last = _stdcal.monthrange(y, m)[1] if _MIN_YEAR <= y <= _MAX_YEAR else 31
        if not 1 <= d <= last:
            return None, f"日期不存在：{y}年{m}月只有 {last} 天"
    if not _MIN_YEAR <= y <= _MAX_YEAR:
        return None, f"年份 {y} 不合理（应在 {_MIN_YEAR}–{_MAX_YEAR} 之间）"
    return np.datetime64(f"{y:04d}-{m:02d}-{d:02d}", "ns"), None


def _parse_bool(v):
    if isinstance(v, (bool, np.bool_)):
        return bool(v), None
    if isinstance(v, (int, float, np.integer, np.floating)) and float(v) in (0.0, 1.0):
        return bool(v), None
    s = unicodedata.normalize("NFKC", str(v)).strip().lower()
    if s in ("1.0", "0.0"):
        s = s[0]
    if s in TRUE_WORDS:
        return True, None
    if s in FALSE_WORDS:
        return False, None
    return None, f"无法识别的是否值，{_BOOL_HINT}"


_INT_RE = re.compile(r"^[+-]?\d+(?:\.0*)?$")


def _parse_int(v):
    if isinstance(v, (bool, np.bool_)):
        return None, "应为整数"
    if isinstance(v, (int, np.integer)):
        return int(v), None
    if isinstance(v, (float, np.floating)):
        if float(v).is_integer():
            return int(v), None
        return None, "应为整数，不能有小数"
    s = unicodedata.normalize("NFKC", str(v)).strip()
    if _INT_RE.match(s):
        return int(s.split(".")[0]), None
    if re.match(r"^[+-]?\d*\.\d+$", s):
        return None, "应为整数，不能有小数"
    return None, "应为整数（阿拉伯数字，如 0、1、2）"


def _text_of(v) -> str:
    if isinstance(v, (float, np.floating)) and float(v).is_integer():
        return str(int(v))
    if isinstance(v, (pd.Timestamp, datetime)):
        return v.strftime("%Y-%m-%d") if v == pd.Timestamp(v).normalize() else str(v)
    return str(v).strip()


def _shown(v) -> str:
    """A raw cell as the user would recognise it in a message."""
    if isinstance(v, (pd.Timestamp, datetime)) and pd.Timestamp(v) == pd.Timestamp(v).normalize():
        return pd.Timestamp(v).strftime("%Y-%m-%d")
    return _text_of(v)


def _as_series(values) -> pd.Series:
    s = values if isinstance(values, pd.Series) else pd.Series(values)
    return s.reset_index(drop=True)


def _all_missing(col: Column, n: int) -> pd.Series:
    """A column of ``n`` missing values in the contract dtype (built without Python loops)."""
    if col.kind == "date":
        return pd.Series(np.full(n, np.datetime64("NaT"), dtype="datetime64[ns]"))
    if col.kind == "bool":
        return pd.Series(pd.arrays.BooleanArray(np.zeros(n, bool), np.ones(n, bool)))
    if col.kind == "int":
        return pd.Series(pd.arrays.IntegerArray(np.zeros(n, np.int64), np.ones(n, bool)))
    if col.kind == "enum":
        return pd.Series(pd.Categorical.from_codes(np.full(n, -1), dtype=dtype_for(col)))
    return pd.Series(np.full(n, None, dtype=object)).astype("string")


def _factorize(series: pd.Series):
    # the values, not the Series: pandas' Series.factorize costs a third more (an Index of uniques)
    codes, uniques = pd.factorize(series.to_numpy(), use_na_sentinel=True)
    return codes, list(uniques)


def _extra_column(series: pd.Series):
    codes, uniques = _factorize(series.astype(object))
    uniques = [None if u is NO_VALUE else clean_text(u) if type(u) is str else u for u in uniques]
    texts = np.array([None if _blank(u) else _text_of(uninert(u)) for u in uniques] + [None],
                     dtype=object)
    miss = np.asarray(pd.isna(texts), dtype=bool)[codes]
    return pd.Series(pd.array(texts, dtype="string")[codes]), miss


def _parse_column(series: pd.Series, col: Column, date1904: bool = False):
    """(typed values, missing mask, error mask, message per row, value per row, number of cells
    cleaned of invisible characters or odd spaces). ``date1904``: numbers in a date column are
    serials of the 1904 date system."""
    dtype = series.dtype
    # fast paths for frames already in (or near) the contract dtype
    if col.kind == "date" and pd.api.types.is_datetime64_any_dtype(dtype) and \
            getattr(dtype, "tz", None) is None:
        values = pd.Series(series.to_numpy(dtype="datetime64[ns]")).dt.normalize()
        miss = values.isna().to_numpy()
        years = values.dt.year.to_numpy(dtype="float64", na_value=np.nan)
        err = (~miss) & ((years < _MIN_YEAR) | (years > _MAX_YEAR))
        if err.any():
            values = values.where(~err)
        return (values, miss, err,
                f"年份不合理（应在 {_MIN_YEAR}–{_MAX_YEAR} 之间）",
                lambda p: str(series.iloc[p]), 0)
    if col.kind == "bool" and (pd.api.types.is_bool_dtype(dtype)):
        values = pd.Series(series.to_numpy()).astype("boolean")
        return values, values.isna().to_numpy(), None, None, None, 0
    if col.kind == "int" and pd.api.types.is_integer_dtype(dtype):
        values = pd.Series(series.to_numpy()).astype("Int64")
        return values, values.isna().to_numpy(), None, None, None, 0
    if col.kind == "text" and isinstance(dtype, pd.StringDtype):
        values = pd.Series(series.to_numpy()).astype("string").str.strip()
        values = values.mask(values == "")
        return values, values.isna().to_numpy(), None, None, None, 0

    codes, uniques = _factorize(series if dtype == object else series.astype(object))
    k = len(uniques)
    if k == 1 and type(uniques[0]) is str and uniques[0] == "" and (codes == 0).all():
        # a column left empty throughout (common: optional columns of a ledger): nothing to parse
        n = len(series)
        return _all_missing(col, n), np.ones(n, dtype=bool), None, None, None, 0
    cleaned_u = np.zeros(k + 1, dtype=bool)
    errors: list[str | None] = [None] * (k + 1)
    # most distinct values are plain text: no guard quote, nothing to clean, not an error value,
    # not too long, not blank, no spaces to strip. One pass finds them; the rest are looked at
    # one by one below.
    plain = np.array([type(u) is str and u.isprintable() and u[:1] not in _NOT_PLAIN_FIRST
                      and u[-1] != " " and len(u) <= EXCEL_CELL_LIMIT for u in uniques] + [False],
                     dtype=bool)
    for i in np.flatnonzero(~plain[:k]).tolist():
        u = uniques[i]
        if type(u) is not str:
            if u is NO_VALUE:
                errors[i] = NO_VALUE_MESSAGE
            continue
        if u[:1] == "'":
            # the kit's own CSVs guard formula-like text with a leading "'": read it as written
            u = uniques[i] = uninert(u)
        if _needs_cleaning(u):
            cleaned_u[i] = True
            u = uniques[i] = clean_text(u)
        if u.strip().upper() in _EXCEL_ERRORS:
            errors[i] = _EXCEL_ERROR_MESSAGE  # a formula error is never a value
        elif len(u) > EXCEL_CELL_LIMIT:
            errors[i] = (f"内容长达 {len(u):,} 个字符，超过 Excel 单元格的上限 {EXCEL_CELL_LIMIT:,} "
                         f"字符：可能是英文双引号没有闭合，把后面的行都读进了这个单元格")
    missing_u = np.zeros(k + 1, dtype=bool)
    missing_u[k] = True
    for i in np.flatnonzero(~plain[:k]).tolist():
        u = uniques[i]
        missing_u[i] = ((not u or u.isspace()) if type(u) is str else
                        False if type(u) in _NEVER_BLANK else _blank(u))
    looked_at = ~plain[:k] & ~missing_u[:k]
    looked_at &= np.array([e is None for e in errors[:k]], dtype=bool)
    if col.kind == "text":
        out = np.empty(k + 1, dtype=object)
        out[:k] = uniques
        out[k] = None
        for i in np.flatnonzero(~plain[:k]).tolist():
            u = uniques[i]
            out[i] = (None if missing_u[i] or errors[i] else
                      u.strip() if type(u) is str else _text_of(u))
        # the distinct values made a string array once, then taken per row (code -1, a missing
        # cell, takes the last: missing); the per-row array is not checked value by value again
        values = pd.Series(pd.array(out, dtype="string")[codes])
    elif col.kind == "date":
        out = np.full(k + 1, np.datetime64("NaT"), dtype="datetime64[ns]")
        todo = np.flatnonzero(plain[:k] | looked_at).tolist()
        # date cells (calamine gives datetime.date / datetime objects): converted together
        cells = [i for i in todo if isinstance(uniques[i], date)]
        if cells:
            days = np.array([uniques[i].toordinal() for i in cells], dtype=np.int64) - _EPOCH_ORDINAL
            stamps = days.astype("datetime64[D]")
            years = stamps.astype("datetime64[Y]").astype(np.int64) + 1970
            bad = (years < _MIN_YEAR) | (years > _MAX_YEAR)
            out[cells] = np.where(bad, np.datetime64("NaT"), stamps).astype("datetime64[ns]")
            for j in np.flatnonzero(bad).tolist():
                errors[cells[j]] = f"年份 {int(years[j])} 不合理（应在 {_MIN_YEAR}–{_MAX_YEAR} 之间）"
            done = set(cells)
            todo = [i for i in todo if i not in done]
        for i in todo:
            out[i], errors[i] = _parse_date(uniques[i], date1904)
            if errors[i]:
                out[i] = np.datetime64("NaT")
        values = pd.Series(out[codes])
    elif col.kind == "bool":
        out = np.full(k + 1, -1, dtype=np.int8)
        for i, u in enumerate(uniques):
            if not missing_u[i] and not errors[i]:
                b, errors[i] = _parse_bool(u)
                if errors[i] is None:
                    out[i] = int(b)
        arr = out[codes]
        values = pd.Series(pd.arrays.BooleanArray(arr == 1, arr < 0))
    elif col.kind == "int":
        out = np.zeros(k + 1, dtype=np.int64)
        ok = np.zeros(k + 1, dtype=bool)
        for i, u in enumerate(uniques):
            if not missing_u[i] and not errors[i]:
                v, errors[i] = _parse_int(u)
                if errors[i] is None:
                    if abs(v) > 2**53:
                        errors[i] = "数值过大"
                    else:
                        out[i], ok[i] = v, True
        values = pd.Series(pd.arrays.IntegerArray(out[codes], ~ok[codes]))
    elif col.kind == "enum":
        choices = list(col.choices)
        norm = {unicodedata.normalize("NFKC", c).replace(" ", ""): j for j, c in enumerate(choices)}
        out = np.full(k + 1, -1, dtype=np.int64)
        for i, u in enumerate(uniques):
            if not missing_u[i] and not errors[i]:
                j = norm.get(unicodedata.normalize("NFKC", str(u)).replace(" ", "").strip())
                if j is None:
                    errors[i] = "不是可选值，只能填：" + "、".join(choices)
                else:
                    out[i] = j
        values = pd.Series(pd.Categorical.from_codes(out[codes], dtype=dtype_for(col)))
    else:  # pragma: no cover
        raise ValueError(col.kind)
    codes_safe = np.where(codes < 0, k, codes)
    miss = missing_u[codes_safe]
    err_u = np.array([e is not None for e in errors], dtype=bool)
    err = err_u[codes_safe]
    cleaned = int(cleaned_u[codes_safe].sum()) if cleaned_u.any() else 0
    if not err.any():
        return values, miss, None, None, None, cleaned
    return (values, miss, err,
            lambda p: errors[codes_safe[p]],
            lambda p: _shown(uniques[codes_safe[p]]), cleaned)
