"""Read a file into a grid of cells: row numbers as in Excel (row 1 is the first line), no
meaning given to any cell yet. CSV (UTF-8, UTF-8 with BOM, GB18030/GBK) and workbooks."""
from __future__ import annotations

import csv
import errno
import io
import os
import re
from pathlib import Path

import pandas as pd

from ..errors import Problem
from ..schema import Table


#: the first bytes of a zip (.xlsx, .xlsm, .ods) and of an OLE compound file (.xls, .et, and a
#: password-protected .xlsx, which Excel stores encrypted inside a compound file)
ZIP_MAGIC = b"PK\x03\x04"
CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED = "EncryptionInfo".encode("utf-16-le")
_SAVE_AS = "请在 Excel 或 WPS 中打开，“另存为”Excel 工作簿（*.xlsx）或 CSV UTF-8（逗号分隔）后重新导入"


def _problem(source: str, message: str, row: int | None = None) -> Problem:
    return Problem(source, row, None, None, message)


def _read_grid(path: Path, source: str, tbl: Table, sheet: str | None = None):
    """(grid, problems, notices): grid has columns 0..k-1, index = spreadsheet row numbers."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        # still a FileNotFoundError (callers and the CLI catch OSError), but in Chinese
        raise FileNotFoundError(errno.ENOENT, f"找不到文件“{source}”，请检查路径和文件名"
                                f"（当前文件夹：{os.getcwd()}）", source) from None
    except IsADirectoryError:
        raise IsADirectoryError(errno.EISDIR, f"“{source}”是文件夹，不是文件", source) from None
    except PermissionError:
        raise PermissionError(errno.EACCES, f"没有权限读取“{source}”（文件可能正被其他程序占用）",
                              source) from None
    suffix = path.suffix.lower()
    if suffix in (".et", ".ett"):
        return None, [_problem(source, f"这是 WPS 表格文件（{suffix}），无法直接读取：{_SAVE_AS}")], []
    if data[:4] == ZIP_MAGIC:
        from .workbook import read_workbook
        return read_workbook(data, source, tbl, sheet, "xlsx")
    if data[:8] == CFB_MAGIC:
        if _ENCRYPTED in data[:1 << 20] or _ENCRYPTED in data:
            return None, [_problem(source, "工作簿设置了打开密码（已加密），无法读取：请在 Excel 中"
                                           "打开后取消密码（文件 → 信息 → 保护工作簿 → 用密码进行"
                                           "加密，清空密码），再保存后重新导入")], []
        from .workbook import read_workbook
        return read_workbook(data, source, tbl, sheet, "xls")
    if suffix in (".xlsx", ".xlsm", ".xls"):
        if not data.strip():
            return None, [_problem(source, "文件是空的（0 字节），没有表头也没有数据行")], []
        head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
        if head.startswith((b"<", b"\x3c")) and (b"<html" in data[:4096].lower()
                                                  or b"<table" in data[:65536].lower()
                                                  or b"<?xml" in head[:8]):
            return None, [_problem(source, f"文件扩展名是 {suffix}，内容却是网页（HTML/XML）格式的表格"
                                           f"（常见于从业务系统导出的文件）：{_SAVE_AS}")], []
        if suffix == ".xls":
            grid, problems, notices = _read_csv(data, source)
            return grid, problems, ["文件扩展名是 .xls，内容却是文本（逗号或制表符分隔），"
                                    "已按 CSV 读取"] + notices
        return None, [_problem(source, "不是有效的 .xlsx 工作簿（可能是改了扩展名的其他文件），"
                                       "请在 Excel 中“另存为”Excel 工作簿（*.xlsx）或 CSV UTF-8")], []
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
    """The separator of the first lines (a title line above the header has none)."""
    lines = [ln for ln in text[:65536].split("\n")[:20] if ln.strip()]
    counts = {sep: sum(ln.count(sep) for ln in lines) for sep in (",", "\t", ";")}
    best = max(counts, key=counts.get)
    return best if counts[best] > 0 else ","


#: the longest text one Excel cell holds, and the most columns of a sheet
EXCEL_CELL_LIMIT = 32_767
EXCEL_MAX_COLUMNS = 16_384


def _read_csv(data: bytes, source: str):
    notices: list[str] = []
    if not data.strip(b"\xef\xbb\xbf \t\r\n,;\x00"):
        return None, [_problem(source, "文件是空的，没有表头也没有数据行")], []
    if b"\x00" in data and data[:2] not in (b"\xff\xfe", b"\xfe\xff"):
        nul = data.count(b"\x00")
        if nul * 3 >= len(data):
            return None, [_problem(source, "文件中有大量 NUL 空字符：可能是没有字节顺序标记的 UTF-16 "
                                           "文本，或者根本不是文本文件。" + _SAVE_AS)], []
        lines = [i for i, line in enumerate(data.split(b"\n"), start=1) if b"\x00" in line]
        notices.append(f"第{_lines_text(lines)}行含有 NUL 空字符（\\0，共 {nul} 个），已删除")
        data = data.replace(b"\x00", b"")
    fast = _read_valid_utf8(data)
    if fast is not None:
        grid, physical, sep = fast
        grid.index = pd.RangeIndex(1, len(grid) + 1)
        grid.attrs["format"] = "csv"
        problems = _swallowed_rows(grid, physical, sep, None, source)
        if problems:
            return None, problems, notices
        return grid, [], notices
    text, encoding, problem = _decode(data, source)
    if problem is not None:
        return None, problem if isinstance(problem, list) else [problem], notices
    if encoding == "gb18030":
        notices.append("文件按 GB18030/GBK 编码读取（中文 Windows 下 Excel 保存的 CSV）")
    sep = _sniff_separator(text)
    try:
        # the C parser is fastest on UTF-8 bytes (a text stream would be re-encoded in Python)
        if encoding == "utf-8-sig":
            payload = data[3:] if data.startswith(b"\xef\xbb\xbf") else data  # already checked
        else:
            payload = text.encode("utf-8")
        grid = pd.read_csv(io.BytesIO(payload), sep=sep, header=None, dtype=object,
                           encoding="utf-8", keep_default_na=False, na_filter=False,
                           skip_blank_lines=False, engine="c")
        starts = None
    except pd.errors.EmptyDataError:
        return None, [_problem(source, "文件是空的，没有表头也没有数据行")], notices
    except pd.errors.ParserError:
        # rows of different lengths (a title row, or rows with more cells than the header), or a
        # quote that never closes: read record by record, keeping the line each one starts on
        grid, starts = _read_records(text, sep)
        if grid is None:
            line, width = starts
            return None, [_problem(source, f"这一行有 {width:,} 个单元格，超过 Excel 的 "
                                           f"{EXCEL_MAX_COLUMNS:,} 列上限：请确认文件的分隔符和内容",
                                   row=line)], notices
    grid.index = pd.RangeIndex(1, len(grid) + 1)
    grid.attrs["format"] = "csv"
    physical = text.count("\n") + (0 if text.endswith("\n") else 1)
    problems = _swallowed_rows(grid, physical, sep, starts, source)
    if problems:
        return None, problems, notices
    return grid, [], notices


def _read_valid_utf8(data: bytes):
    """(grid, number of physical lines, separator) of a UTF-8 file whose rows pandas reads
    as they are, without decoding the whole file in Python first (pandas decodes each cell, and
    refuses a byte that is not UTF-8); None for anything else (another encoding, ragged rows,
    an unclosed quote), which the careful path reads and explains."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return None
    body = data[3:] if data.startswith(b"\xef\xbb\xbf") else data
    # the separator from the first lines, as the careful path sniffs them (4 bytes at most a
    # character: this prefix holds the 65,536 characters it looks at)
    sep = _sniff_separator(body[:4 * 65536].decode("utf-8", errors="ignore"))
    try:
        grid = pd.read_csv(io.BytesIO(body), sep=sep, header=None, dtype=object,
                           encoding="utf-8", keep_default_na=False, na_filter=False,
                           skip_blank_lines=False, engine="c")
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError):
        return None
    return grid, body.count(b"\n") + (0 if body.endswith(b"\n") else 1), sep


def _read_records(text: str, sep: str):
    """(grid, line each record starts on), with the csv module (no field-size limit)."""
    old = csv.field_size_limit()
    csv.field_size_limit(max(old, len(text) + 1))
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep)
        rows, starts, line = [], [], 1
        for row in reader:
            rows.append(row)
            starts.append(line)
            line = reader.line_num + 1
    finally:
        csv.field_size_limit(old)
    width = max((len(r) for r in rows), default=1)
    if width > EXCEL_MAX_COLUMNS:
        widest = next(i for i, r in enumerate(rows) if len(r) == width)
        return None, (widest + 1, width)
    grid = pd.DataFrame([r + [""] * (width - len(r)) for r in rows], dtype=object)
    return grid, starts


def _swallowed_rows(grid: pd.DataFrame, physical: int, sep: str, starts, source: str
                    ) -> list[Problem]:
    """A quote that opens a cell and closes many lines later (or never) makes one cell of what
    were rows: found as a cell holding line breaks and the separators of whole rows, and named at
    the row where the quote opens. ``physical``: the number of lines in the file."""
    if len(grid) >= physical:
        return []  # one record per line: no cell spans lines
    width = grid.shape[1]
    problems = []
    for j in range(width):
        col = grid.iloc[:, j]
        hits = col.astype(str).str.contains("\n", regex=False).to_numpy()
        for pos in hits.nonzero()[0]:
            cell = col.iat[pos]
            seps = cell.count(sep)
            rest = cell.split("\n", 1)[1]
            ragged = starts is not None  # rows of different lengths: the csv module read them
            if seps < max(1, width - 1) and not (ragged and seps) and \
                    not (rest.count(sep) and pos == len(grid) - 1):
                continue  # a cell with a line break typed in it (Alt+Enter): fine
            row = int(grid.index[pos])
            first_line = starts[pos] if starts is not None else row
            last_line = first_line + cell.count("\n")
            after = grid.iloc[pos, j + 1:].tolist()
            till_end = pos == len(grid) - 1 and not any(str(v).strip() for v in after)
            span = (f"直到文件末尾都没有闭合：从这一行到文件末尾（第{last_line}行）"
                    if till_end else f"直到第{last_line}行才闭合：第{first_line}行到第{last_line}行")
            problems.append(Problem(
                source, row, None, _preview(cell),
                f"这一行的第{j + 1}个单元格以英文双引号开头，但引号{span}的内容被读成了一个单元格，"
                f"这些行都没有读入。请删除多余的英文双引号，或把单元格中的引号写成两个（\"\"）"))
    return problems


def _preview(text: str, n: int = 40) -> str:
    flat = text.replace("\r", "").replace("\n", "↵")
    return flat if len(flat) <= n else flat[:n] + "…"


def _lines_text(lines: list[int]) -> str:
    if len(lines) > 10:
        return "、".join(map(str, lines[:10])) + f"等 {len(lines)} "
    return "、".join(map(str, lines))


def _blank(v) -> bool:
    if v is None:
        return True
    if isinstance(v, str):
        return not v.strip()
    try:
        return bool(pd.isna(v))
    except (TypeError, ValueError):
        return False
