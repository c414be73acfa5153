"""Loading the three tables (cases, judicial suggestions, agency-years) safely.

``load_cases(path)``, ``load_suggestions(path)``, ``load_agencies(path)`` and
``load_table(path, table)`` read a .csv (UTF-8, UTF-8 with BOM, GB18030/GBK) or .xlsx file with
English or Chinese headers and return a DataFrame in the contract's in-memory dtypes (see
:mod:`yingsu_training.schema`). ``coerce_frame(df, table)`` does the same for a DataFrame built
in code (exercise facts, generated data).

Invalid input raises :class:`~yingsu_training.errors.DataError` listing every problem in the
file, each located as the user sees it in Excel (header = row 1, first data row = row 2) and
named by the column header as written in the file. Nothing is dropped silently: blank rows,
rows above the header, unknown extra columns and missing optional columns are reported as
notices (``df.attrs["notices"]``; the ones a user should notice are also issued with
:func:`warnings.warn` as :class:`DataNotice`).

Validation is vectorised: every column is factorised and only its distinct values are parsed
in Python, so a file of a million rows loads in seconds.
"""
from __future__ import annotations

import calendar as _stdcal
import csv
import errno
import io
import os
import re
import unicodedata
import warnings
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import numpy as np
import pandas as pd

from . import calendar as cal
from .catalogue import parameter
from .errors import DataError, Problem
from .export import table_for, uninert
from .schema import (AGENCIES, CASES, FALSE_WORDS, RULING_KINDS, SUGGESTIONS, TABLES,
                     TRUE_WORDS, Column, Table, dtype_for)

__all__ = ["load_cases", "load_suggestions", "load_agencies", "load_table", "coerce_frame",
           "DataNotice", "DATE_ORDER_RULES", "CALENDAR_PERIODS"]


class DataNotice(UserWarning):
    """Something the user should know about a loaded file that is not an error."""


#: Dates must not be earlier than another date of the same record: (table, later, earlier).
#: Each is a record that contradicts itself (contract §3: "a defence submitted before the
#: complaint copy was received … is a data error reported by the loader").
DATE_ORDER_RULES: tuple[tuple[str, str, str], ...] = (
    ("cases", "defence_submitted_on", "complaint_received_on"),
    ("cases", "defence_posted_on", "complaint_received_on"),
    ("cases", "evidence_submitted_on", "complaint_received_on"),
    ("cases", "evidence_posted_on", "complaint_received_on"),
    # a filing cannot arrive before it was posted (法释〔2018〕1号第四十八条第四款: posting counts)
    ("cases", "defence_submitted_on", "defence_posted_on"),
    ("cases", "evidence_submitted_on", "evidence_posted_on"),
    ("cases", "evidence_extension_until", "complaint_received_on"),
    ("cases", "hearing_on", "complaint_received_on"),
    ("cases", "decision_served_on", "complaint_received_on"),
    ("cases", "appeal_filed_on", "decision_served_on"),
    ("cases", "performed_on", "decision_served_on"),
    ("cases", "performance_due_on", "decision_served_on"),
    ("judicial_suggestions", "replied_on", "received_on"),
)

#: Dates from which a rule computes a legal period: (table, column, parameter name, or
#: "appeal_period": 15 or 10 days by decision_kind). The period's last day must fall in a year
#: the calendar knows.
CALENDAR_PERIODS: tuple[tuple[str, str, str], ...] = (
    ("cases", "complaint_received_on", "defence_period_days"),
    ("cases", "decision_served_on", "appeal_period"),  # 15 (judgment) or 10 (ruling) days
    ("judicial_suggestions", "received_on", "suggestion_reply_days"),
)

_PERIOD_ZH = {
    "defence_period_days": "答辩举证期限",
    "suggestion_reply_days": "司法建议回复期限",
}

_EXCEL_ERRORS = frozenset({"#N/A", "#VALUE!", "#REF!", "#DIV/0!", "#NUM!", "#NAME?", "#NULL!",
                           "#SPILL!", "#CALC!", "#GETTING_DATA"})
_EXCEL_ERROR_MESSAGE = "单元格是 Excel 的错误值（公式出错），请修正公式或直接填写实际内容"
_DATE_HINT = "应写作 2025-10-09、2025/10/9 或 2025年10月9日"
_BOOL_HINT = "应填 是/否、true/false、1/0 或 Y/N"
_MIN_YEAR, _MAX_YEAR = 1900, 2100


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


def load_table(path: str | os.PathLike, table: str | Table) -> pd.DataFrame:
    """Read ``path`` as ``table`` ("cases", "suggestions"/"judicial_suggestions", "agencies")."""
    tbl = table_for(table)
    source = os.fspath(path)
    grid, problems, notices = _read_grid(Path(path), source, tbl)
    if grid is None:
        raise DataError(problems)
    raw, rows, header_problems, header_notices = _frame_from_grid(grid, tbl, source)
    return _coerce(raw, tbl, source, rows, problems + header_problems,
                   notices + header_notices)


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


# ---------------------------------------------------------------------------------------------
# reading files into a grid of cells (row numbers as in Excel)

def _read_grid(path: Path, source: str, tbl: Table):
    """(grid, problems, notices): grid has columns 0..k-1, index = spreadsheet row numbers."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        # still a FileNotFoundError (callers and the CLI catch OSError), but in Chinese
        raise FileNotFoundError(errno.ENOENT, f"找不到文件“{source}”，请检查路径和文件名"
                                f"（当前文件夹：{os.getcwd()}）", source) from None
    except IsADirectoryError:
        raise IsADirectoryError(errno.EISDIR, f"“{source}”是文件夹，不是文件", source) from None
    suffix = path.suffix.lower()
    if data[:4] == b"PK\x03\x04" or suffix in (".xlsx", ".xlsm"):
        if data[:4] != b"PK\x03\x04":
            if not data.strip():
                return None, [Problem(source, None, None, None, "文件是空的（0 字节），没有表头也没有数据行")], []
            return None, [Problem(source, None, None, None,
                                  "不是有效的 .xlsx 工作簿（可能是改了扩展名的其他文件），"
                                  "请在 Excel 中“另存为”Excel 工作簿（*.xlsx）或 CSV UTF-8")], []
        return _read_xlsx(data, source, tbl)
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" or suffix == ".xls":
        return None, [Problem(source, None, None, None,
                              "这是旧版 Excel 97-2003 工作簿（.xls），不支持，请在 Excel 中“另存为”"
                              "Excel 工作簿（*.xlsx）或 CSV UTF-8（逗号分隔）")], []
    return _read_csv(data, source)


def _decode(data: bytes, source: str):
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return None, None, Problem(
            source, None, None, None,
            "文件是 UTF-16 编码（Excel 的“Unicode 文本”格式），无法识别。请在 Excel 中“另存为”"
            "“CSV UTF-8（逗号分隔）”或“CSV（逗号分隔）”")
    body = data[3:] if data.startswith(b"\xef\xbb\xbf") else data
    try:
        return body.decode("utf-8"), "utf-8-sig", None
    except UnicodeDecodeError as exc:
        first_error = exc
    if re.search(rb"[\x80-\xff]", body[:first_error.start]):
        # Chinese text already decoded as UTF-8 before the bad bytes: a UTF-8 file with a few
        # foreign bytes (pasted from elsewhere), not a GBK file. Name every such line.
        lines = body.decode("utf-8", errors="surrogateescape").split("\n")
        bad = re.compile("[\udc80-\udcff]+")
        problems = [Problem(source, i, None, bad.sub("�", line.rstrip("\r")),
                            "文件是 UTF-8 编码，但这一行有无法识别的字节（可能是从其他编码的文件粘贴来的），"
                            "请重新输入这一行中的乱码部分，或在 Excel 中“另存为”“CSV UTF-8（逗号分隔）”")
                    for i, line in enumerate(lines, start=1) if bad.search(line)]
        return None, None, problems
    try:
        return body.decode("gb18030"), "gb18030", None
    except UnicodeDecodeError:
        pass
    line = body[:first_error.start].count(b"\n") + 1
    return None, None, Problem(
        source, line, None, None,
        "无法识别文件编码：既不是 UTF-8，也不是 GB18030/GBK（中文 Windows 下 Excel 保存的编码）。"
        "请在 Excel 中“另存为”“CSV UTF-8（逗号分隔）”后重新导入")


def _sniff_separator(text: str) -> str:
    first = text.split("\n", 1)[0]
    counts = {sep: first.count(sep) for sep in (",", "\t", ";")}
    best = max(counts, key=counts.get)
    return best if counts[best] > 0 else ","


def _read_csv(data: bytes, source: str):
    if not data.strip() or data.strip() in (b"\xef\xbb\xbf",):
        return None, [Problem(source, None, None, None, "文件是空的，没有表头也没有数据行")], []
    text, encoding, problem = _decode(data, source)
    if problem is not None:
        return None, problem if isinstance(problem, list) else [problem], []
    notices = []
    if encoding == "gb18030":
        notices.append("文件按 GB18030/GBK 编码读取（中文 Windows 下 Excel 保存的 CSV）")
    if not text.strip():
        return None, [Problem(source, None, None, None, "文件是空的，没有表头也没有数据行")], []
    sep = _sniff_separator(text)
    problems: list[Problem] = []
    try:
        # the C parser is fastest on UTF-8 bytes (a text stream would be re-encoded in Python)
        if encoding == "utf-8-sig":
            payload = data[3:] if data.startswith(b"\xef\xbb\xbf") else data  # already checked
        else:
            payload = text.encode("utf-8")
        grid = pd.read_csv(io.BytesIO(payload), sep=sep, header=None, dtype=object,
                           encoding="utf-8", keep_default_na=False, na_filter=False,
                           skip_blank_lines=False, engine="c")
    except pd.errors.ParserError:
        # rows of different lengths (a title row, or rows with more cells than the header):
        # read them all; cells beyond the header are reported once the header is found
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=sep))
        width = max(len(r) for r in rows)
        grid = pd.DataFrame([r + [""] * (width - len(r)) for r in rows], dtype=object)
    grid.index = pd.RangeIndex(1, len(grid) + 1)
    grid.attrs["format"] = "csv"
    return grid, problems, notices


def _read_xlsx(data: bytes, source: str, tbl: Table):
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException
    import zipfile

    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as exc:
        return None, [Problem(source, None, None, None,
                              f"无法打开 Excel 工作簿（{type(exc).__name__}），文件可能已损坏；"
                              f"请在 Excel 中重新“另存为”.xlsx")], []
    try:
        wanted = {tbl.zh, tbl.name, "data", "数据"}
        names = wb.sheetnames
        sheet = next((n for n in names if n.strip() in wanted), None)
        by_name = sheet is not None
        if sheet is None:
            sheet = next((n for n in names if n.strip() != "说明"), names[0])
        ws = wb[sheet]
        # the stored dimension can claim every row and column of the sheet (whole columns
        # formatted): ignore it and read the cells that exist
        if hasattr(ws, "reset_dimensions"):
            ws.reset_dimensions()
        rows = [tuple(r) for r in ws.iter_rows(values_only=True)]
    finally:
        wb.close()
    notices = []
    if len(names) > 1 and not by_name:
        notices.append(f"工作簿有 {len(names)} 个工作表，没有名为“{tbl.zh}”的工作表，"
                       f"读取的是“{sheet}”")
    if not rows or all(all(_blank(v) for v in r) for r in rows):
        return None, [Problem(source, None, None, None,
                              f"工作表“{sheet}”是空的，没有表头也没有数据行")], notices
    width = max(len(r) for r in rows)
    grid = pd.DataFrame([r + (None,) * (width - len(r)) for r in rows], dtype=object)
    grid.index = pd.RangeIndex(1, len(grid) + 1)
    return grid, [], notices


def _blank(v) -> bool:
    if v is None:
        return True
    if isinstance(v, str):
        return not v.strip()
    try:
        return bool(pd.isna(v))
    except (TypeError, ValueError):
        return False


# ---------------------------------------------------------------------------------------------
# headers

def _norm_header(h) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(h))).lower()


def _header_lookup(tbl: Table) -> dict[str, tuple[str, str]]:
    out = {}
    for c in tbl.columns:
        out[_norm_header(c.name)] = (c.name, "en")
        out[_norm_header(c.zh)] = (c.name, "zh")
    return out


@dataclass
class _Mapped:
    """Per raw column position: the header as written and the contract name (or None)."""

    written: list[str]
    names: list[str | None]
    lang: str  # "zh" | "en"

    def header_of(self, name: str, tbl: Table) -> str:
        for w, n in zip(self.written, self.names):
            if n == name:
                return w
        c = tbl.column(name)
        return c.zh if self.lang == "zh" else c.name


def _frame_from_grid(grid: pd.DataFrame, tbl: Table, source: str):
    """Find the header row, map headers, return (raw frame, row numbers, problems, notices)."""
    lookup = _header_lookup(tbl)
    header_pos = None
    first_nonblank = None
    for pos in range(min(len(grid), 20)):
        cells = grid.iloc[pos].tolist()
        if all(_blank(v) for v in cells):
            continue
        if first_nonblank is None:
            first_nonblank = pos
        if any(not _blank(v) and _norm_header(v) in lookup for v in cells):
            header_pos = pos
            break
    if header_pos is None:
        header_pos = first_nonblank if first_nonblank is not None else 0
    notices = []
    header_row = int(grid.index[header_pos])
    if header_pos > 0:
        skipped = [int(r) for r, (_, row) in zip(grid.index[:header_pos], grid.iloc[:header_pos].iterrows())
                   if not all(_blank(v) for v in row)]
        if skipped:
            notices.append(f"表头在第{header_row}行；其上方的第{_rows_text(skipped)}行不是数据，已忽略")
    headers = ["" if _blank(v) else str(v).strip() for v in grid.iloc[header_pos].tolist()]
    body = grid.iloc[header_pos + 1:]
    rows = body.index.to_numpy(dtype=np.int64)
    raw = body.reset_index(drop=True)
    # a column with neither header nor data is not a column (xlsx formatting leftovers)
    headerless = [i for i, h in enumerate(headers) if not h and not raw.iloc[:, i].map(_blank).all()]
    problems: list[Problem] = []
    if headerless and grid.attrs.get("format") == "csv":
        # in a CSV, data under no header means the row has more cells than the header
        # (typically a comma inside a cell that is not quoted): a problem on each such row
        width = max((i + 1 for i, h in enumerate(headers) if h), default=0)
        blank = raw.iloc[:, headerless].map(_blank).to_numpy()
        for pos in np.flatnonzero(~blank.all(axis=1)):
            cells = raw.iloc[pos].tolist()
            n_cells = max(i + 1 for i, v in enumerate(cells) if not _blank(v))
            extra = [str(raw.iat[pos, i]) for i in headerless if not _blank(raw.iat[pos, i])]
            problems.append(Problem(source, int(rows[pos]), None, ",".join(extra),
                                    f"该行有 {n_cells} 个单元格，多于表头的 {width} 列"
                                    f"（单元格中的逗号须用英文双引号括起来）"))
        headerless = []
    keep = [i for i, h in enumerate(headers) if h or i in headerless]
    headers = [headers[i] for i in keep]
    raw = raw.iloc[:, keep]
    raw.columns = range(len(keep))
    mapped, header_problems, more = _map_headers(headers, tbl, source, header_row,
                                                 column_letters=[_letter(i) for i in keep])
    raw.attrs["headers"] = mapped
    return raw, rows, header_problems + problems, notices + more


def _letter(i: int) -> str:
    from openpyxl.utils import get_column_letter
    return get_column_letter(i + 1)


def _map_headers(headers: list[str], tbl: Table, source: str, header_row: int,
                 column_letters: list[str] | None = None):
    lookup = _header_lookup(tbl)
    names: list[str | None] = []
    langs: list[str] = []
    written: list[str] = []
    problems: list[Problem] = []
    notices: list[str] = []
    for i, h in enumerate(headers):
        hit = lookup.get(_norm_header(h)) if h else None
        if not h:
            letter = column_letters[i] if column_letters else str(i + 1)
            h = f"（第{letter}列，无表头）"
            notices.append(f"第{letter}列有数据但没有表头，已作为额外列“{h}”保留")
        written.append(h)
        names.append(hit[0] if hit else None)
        if hit:
            langs.append(hit[1])
    zh, en = langs.count("zh"), langs.count("en")
    lang = "en" if en > zh else "zh"
    # the same contract column given twice (in one language or both): ambiguous
    seen: dict[str, list[int]] = {}
    for i, n in enumerate(names):
        if n:
            seen.setdefault(n, []).append(i)
    for n, idxs in seen.items():
        if len(idxs) > 1:
            others = "、".join(f"“{written[j]}”" for j in idxs)
            for j in idxs:
                problems.append(Problem(
                    source, header_row, written[j], None,
                    f"{others}指的是同一列（{tbl.column(n).zh} / {n}），无法确定使用哪一列；"
                    f"请只保留一列"))
            for j in idxs:
                names[j] = None  # neither is used; reported above
            names[idxs[0]] = n   # keep the first for typing so other checks still run
    if zh and en and not any(len(v) > 1 for v in seen.values()):
        minority = "英文" if lang == "zh" else "中文"
        cols = "、".join(f"“{w}”" for w, n, in zip(written, names)
                        if n and (_norm_header(w) == _norm_header(n)) == (lang == "zh"))
        notices.append(f"表头混用了中文和英文（{minority}表头：{cols}）；每列都能唯一对应，已按对应列读取")
    # unknown extra columns: kept, with a notice; repeated unknown headers get a suffix
    extras = [w for w, n in zip(written, names) if n is None and
              not any(w == written[j] for idxs in seen.values() if len(idxs) > 1 for j in idxs)]
    if extras:
        notices.append("以下列不在数据规范中，已原样保留（不参与检查）：" + "、".join(f"“{e}”" for e in extras))
    mapped = _Mapped(written, names, lang)
    other = _better_table(written, tbl, len(seen))
    if other is not None:
        problems.append(Problem(
            source, header_row, None, None,
            f"这个文件的表头看起来是“{other.zh}”表，而不是“{tbl.zh}”表，请确认导入的文件和表格类型"))
    elif not seen and any(written):
        problems.append(Problem(
            source, header_row, None, None,
            f"第{header_row}行没有识别出任何“{tbl.zh}”表的列名：请确认表头与导入模板一致"
            f"（可用 yingsu template 生成模板），文件编码和表格类型正确"))
    for c in tbl.columns:
        if c.name not in seen and c.required:
            problems.append(Problem(
                source, None, c.zh if lang == "zh" else c.name, None,
                f"缺少必填列“{c.zh}”（英文列名 {c.name}）"))
    missing_optional = [c for c in tbl.columns if c.name not in seen and not c.required]
    if missing_optional:
        notices.append("文件中没有以下可选列，按全部留空处理："
                       + "、".join((c.zh if lang == "zh" else c.name) for c in missing_optional))
    return mapped, problems, notices


def _better_table(written: list[str], tbl: Table, hits: int) -> Table | None:
    """Another table whose headers the file matches clearly better (a file loaded as the
    wrong table), or None."""
    best, best_hits = None, hits
    for other in TABLES.values():
        if other.name == tbl.name:
            continue
        lookup = _header_lookup(other)
        n = len({lookup[_norm_header(w)][0] for w in written if w and _norm_header(w) in lookup})
        if n > best_hits and n >= 2 and n > 2 * hits:
            best, best_hits = other, n
    return best


def _rows_text(rows) -> str:
    rows = list(rows)
    if len(rows) > 10:
        return "、".join(str(r) for r in rows[:10]) + f"等 {len(rows)} "
    return "、".join(str(r) for r in rows)


# ---------------------------------------------------------------------------------------------
# cell parsers: each maps one distinct raw value to (value, error message | None)

_DATE_RE = re.compile(
    r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
    r"(?:[ T]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")


def _parse_date(v):
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
            from openpyxl.utils.datetime import from_excel
            t = from_excel(float(v))
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


# ---------------------------------------------------------------------------------------------
# typing and validation

class _Problems:
    """Problems collected per row (position) for vectorised reporting."""

    def __init__(self, source: str, rows: np.ndarray):
        self.source = source
        self.rows = rows
        self.items: list[tuple[int, int, Problem]] = []  # (row, column order, problem)

    def add_file(self, p: Problem, order: int = -1):
        """A problem of the whole file or of the header: listed before the rows' problems."""
        self.items.append((p.row if p.row is not None else 1, order, p))

    def add_mask(self, mask: np.ndarray, header: str, order: int, message, values=None):
        """A problem on every row where ``mask``; ``message``/``values`` are str or per-row."""
        positions = np.flatnonzero(mask)
        for pos in positions:
            msg = message(pos) if callable(message) else message
            val = values(pos) if callable(values) else values
            row = int(self.rows[pos])
            self.items.append((row, order, Problem(self.source, row, header, val, msg)))


def _coerce(raw: pd.DataFrame, tbl: Table, source: str, rows: np.ndarray,
            problems: list[Problem], notices: list[str], index: pd.Index | None = None
            ) -> pd.DataFrame:
    mapped: _Mapped = raw.attrs["headers"]
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
        values, miss, err_mask, err_msg, err_val = _parse_column(series, col)
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
    codes, uniques = pd.factorize(series, use_na_sentinel=True)
    return codes, list(uniques)


def _extra_column(series: pd.Series):
    codes, uniques = _factorize(series.astype(object))
    texts = np.array([None if _blank(u) else _text_of(uninert(u)) for u in uniques] + [None],
                     dtype=object)
    values = texts[codes]
    miss = pd.isna(values)
    return pd.Series(pd.array(values, dtype="string")), np.asarray(miss, dtype=bool)


def _parse_column(series: pd.Series, col: Column):
    """(typed values, missing mask, error mask, message per row, value per row)."""
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
                lambda p: str(series.iloc[p]))
    if col.kind == "bool" and (pd.api.types.is_bool_dtype(dtype)):
        values = pd.Series(series.to_numpy()).astype("boolean")
        return values, values.isna().to_numpy(), None, None, None
    if col.kind == "int" and pd.api.types.is_integer_dtype(dtype):
        values = pd.Series(series.to_numpy()).astype("Int64")
        return values, values.isna().to_numpy(), None, None, None
    if col.kind == "text" and isinstance(dtype, pd.StringDtype):
        values = pd.Series(series.to_numpy()).astype("string").str.strip()
        values = values.mask(values == "")
        return values, values.isna().to_numpy(), None, None, None

    codes, uniques = _factorize(series.astype(object) if col.kind != "text" or dtype != object
                                else series)
    # the kit's own CSVs guard formula-like text with a leading "'": read it back as written
    uniques = [uninert(u) if type(u) is str and u[:1] == "'" else u for u in uniques]
    k = len(uniques)
    missing_u = np.array([(not u or u.isspace()) if type(u) is str else _blank(u)
                          for u in uniques] + [True], dtype=bool)
    errors: list[str | None] = [None] * (k + 1)
    for i, u in enumerate(uniques):
        if type(u) is str and u.strip().upper() in _EXCEL_ERRORS:
            errors[i] = _EXCEL_ERROR_MESSAGE  # a formula error is never a value
    if col.kind == "text":
        out = np.array([None if missing_u[i] or errors[i] else
                        (u.strip() if type(u) is str else _text_of(u))
                        for i, u in enumerate(uniques)] + [None], dtype=object)
        values = pd.Series(pd.array(out[codes], dtype="string"))
    elif col.kind == "date":
        out = np.full(k + 1, np.datetime64("NaT"), dtype="datetime64[ns]")
        for i, u in enumerate(uniques):
            if not missing_u[i] and not errors[i]:
                out[i], errors[i] = _parse_date(u)
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
    if not err.any():
        return values, miss, None, None, None
    return (values, miss, err,
            lambda p: errors[codes_safe[p]],
            lambda p: _shown(uniques[codes_safe[p]]))


def _check_keys(frame, tbl, header, order, keep, cell_ok, collected):
    key = list(tbl.key)
    usable = keep.copy()
    for k in key:
        usable &= cell_ok[k]
    if not usable.any():
        return
    positions = np.flatnonzero(usable)
    sub = frame.iloc[positions][key]
    if len(key) == 1:
        codes, _ = pd.factorize(sub[key[0]])
    else:
        codes = sub.groupby(key, sort=False, observed=True).ngroup().to_numpy()
    _, first_idx = np.unique(codes, return_index=True)
    first_of = positions[first_idx][codes]
    dup = first_of != positions
    if not dup.any():
        return
    mask = np.zeros(len(frame), dtype=bool)
    mask[positions[dup]] = True
    first_row = np.zeros(len(frame), dtype=np.int64)
    first_row[positions] = collected.rows[first_of]
    k0 = key[0]
    if len(key) == 1:
        def message(p):
            return f"{header[k0]}“{frame[k0].iat[p]}”与第{first_row[p]}行重复，{header[k0]}必须唯一"

        def value(p):
            return str(frame[k0].iat[p])
    else:
        def message(p):
            parts = "、".join(f"{header[k]}“{frame[k].iat[p]}”" for k in key)
            return f"{parts}与第{first_row[p]}行重复：每个{'＋'.join(header[k] for k in key)}只能有一行"

        def value(p):
            return " / ".join(str(frame[k].iat[p]) for k in key)
    collected.add_mask(mask, header[k0], order[k0], message, value)


def _check_contradictions(frame, tbl, header, order, keep, cell_ok, collected):
    fmt = cal.fmt
    for table_name, later, earlier in DATE_ORDER_RULES:
        if table_name != tbl.name:
            continue
        a = frame[later].to_numpy(dtype="datetime64[ns]")
        b = frame[earlier].to_numpy(dtype="datetime64[ns]")
        mask = keep & cell_ok[later] & cell_ok[earlier] & (a < b)
        if not mask.any():
            continue
        collected.add_mask(
            mask, header[later], order[later],
            lambda p, a=a, b=b, later=later, earlier=earlier: (
                f"{header[later]}（{fmt(a[p])}）早于{header[earlier]}（{fmt(b[p])}），"
                f"数据自相矛盾，请核对"),
            lambda p, a=a: str(a[p])[:10])
    if tbl.name == "cases":
        role = frame["head_role"]
        appeared = frame["head_appeared"]
        mask = keep & cell_ok["head_role"] & cell_ok["head_appeared"] & \
            (appeared == False).fillna(False).to_numpy(dtype=bool)  # noqa: E712
        collected.add_mask(
            mask, header["head_role"], order["head_role"],
            f"填写了{header['head_role']}，但{header['head_appeared']}为“否”，数据自相矛盾："
            f"负责人未出庭时{header['head_role']}应留空",
            lambda p: str(role.iat[p]))
    if tbl.name == "agencies":
        reported = frame["statistics_reported_on"]
        year = frame["year"].to_numpy(dtype="float64", na_value=np.nan)
        ry = reported.dt.year.to_numpy(dtype="float64", na_value=np.nan)
        mask = keep & cell_ok["statistics_reported_on"] & cell_ok["year"] & (ry < year)
        collected.add_mask(
            mask, header["statistics_reported_on"], order["statistics_reported_on"],
            lambda p: (f"{header['statistics_reported_on']}（{fmt(reported.iat[p])}）早于"
                       f"{header['year']} {int(year[p])} 年开始，数据自相矛盾，请核对"),
            lambda p: str(reported.iat[p])[:10])


def _period_days(frame: pd.DataFrame, what: str) -> np.ndarray | int:
    if what != "appeal_period":
        return parameter(what)
    ruling = frame["decision_kind"].isin(list(RULING_KINDS)).to_numpy(dtype=bool)
    return np.where(ruling, parameter("appeal_period_ruling_days"),
                    parameter("appeal_period_judgment_days"))


def _period_label(frame: pd.DataFrame, what: str, p: int, days: int) -> str:
    if what == "appeal_period":
        kind = frame["decision_kind"].iat[p]
        name = "裁定上诉期限" if kind in RULING_KINDS else "判决上诉期限"
    else:
        name = _PERIOD_ZH[what]
    return f"{name}（{days}日）"


def _check_calendar(frame, tbl, header, order, keep, cell_ok, collected):
    for table_name, column, what in CALENDAR_PERIODS:
        if table_name != tbl.name:
            continue
        ok = keep & cell_ok[column]
        if not ok.any():
            continue
        days = np.broadcast_to(np.asarray(_period_days(frame, what), dtype=np.int64), len(frame))
        starts = frame[column].to_numpy(dtype="datetime64[D]")
        positions = np.flatnonzero(ok)
        pair = starts[positions].astype(np.int64) * 1000 + days[positions]
        uniq, inverse = np.unique(pair, return_inverse=True)
        u_start = (uniq // 1000).astype("datetime64[D]")
        u_days = uniq % 1000
        try:
            cal.legal_deadlines(pd.Series(u_start.astype("datetime64[ns]")), u_days)
            continue  # every period is computable
        except cal.CalendarError:
            pass
        errors = {}
        for i, (s, d) in enumerate(zip(u_start, u_days)):
            try:
                cal.legal_deadline(pd.Timestamp(s).date(), int(d))
            except cal.CalendarError as exc:
                errors[i] = str(exc)
        bad_u = np.zeros(len(uniq), dtype=bool)
        bad_u[list(errors)] = True
        mask = np.zeros(len(frame), dtype=bool)
        mask[positions[bad_u[inverse]]] = True
        u_of = np.full(len(frame), -1)
        u_of[positions] = inverse
        collected.add_mask(
            mask, header[column], order[column],
            lambda p, column=column, what=what: (
                f"由此日期起算的{_period_label(frame, what, p, int(days[p]))}"
                f"无法计算：{errors[u_of[p]]}"),
            lambda p, starts=starts: str(starts[p]))
