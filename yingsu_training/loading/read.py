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
