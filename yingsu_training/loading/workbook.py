"""Read a workbook (.xlsx, .xlsm, .xls) into a grid of cells with python-calamine.

What offices' workbooks hold and a reader must not get silently wrong:

* **merged cells**: calamine gives the value in the top-left cell only; every cell of a merged
  range gets that value, and the ranges are named in a notice;
* **formula cells with no saved result** (a workbook written by a program and never opened in
  Excel): calamine reads them as blank. They are found in the sheet's XML and given the marker
  :data:`NO_VALUE`, which the cell parsers report as "value unknown";
* **error values** (``#DIV/0!`` … and Excel 365's ``#SPILL!``, ``#CALC!``, ``#BLOCKED!``, …):
  calamine reads the old ones as blank and refuses the new ones. The sheet's error cells are
  rewritten as text before reading, so that each is reported as the error it is;
* **the data on a later sheet**: a sheet named for the table, else the first sheet with
  content (not 说明), with a notice; or the sheet the user names;
* **the 1904 date system** (Mac Excel's option, ``<workbookPr date1904="1"/>``): calamine
  converts date cells by it; a number in a date column (a serial shown without date format)
  is converted by it too (:attr:`grid.attrs["date1904"]`), with a notice;
* **formulas written with a namespace prefix** (``<x:c><x:f>…</x:f></x:c>``, as the Open XML
  SDK and some WPS versions write): found like unprefixed ones;
* **corrupt or password-protected files**: a Chinese problem, never a traceback.
"""
from __future__ import annotations

import io
import re
import zipfile
import zlib
from xml.etree import ElementTree

import pandas as pd

from ..errors import Problem
from ..schema import Table

_SAVE_AS = "请在 Excel 或 WPS 中打开，“另存为”Excel 工作簿（*.xlsx）或 CSV UTF-8（逗号分隔）后重新导入"


class _NoValue:
    """The marker of a formula cell whose result was never saved."""

    _instance = None

    def __new__(cls):
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "NO_VALUE"

    def __str__(self) -> str:
        return "（公式，无保存的计算结果）"


NO_VALUE = _NoValue()
NO_VALUE_MESSAGE = ("单元格是公式，但文件中没有保存计算结果，值未知：请在 Excel 中打开并保存一次"
                    "（或把公式改为实际值）后重新导入")

#: the workbook's namespaces: transitional (what Excel saves by default) and strict ("Strict
#: Open XML Spreadsheet", an Excel "Save as" type), which calamine reads alike
_NS_MAIN = ("{http://schemas.openxmlformats.org/spreadsheetml/2006/main}",
            "{http://purl.oclc.org/ooxml/spreadsheetml/main}")
_NS_REL = ("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}",
           "{http://purl.oclc.org/ooxml/officeDocument/relationships}")
_NS_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_CELL_REF = re.compile(rb'\br="([A-Z]{1,3})([0-9]{1,7})"')
_ERROR_TYPE = re.compile(rb'(<(?:\w+:)?c\b[^>]*?\s)t="e"')
_FORMULA = re.compile(rb"<(?:\w+:)?f\b")
_VALUE = re.compile(rb"<(?:\w+:)?v>([^<]+)</(?:\w+:)?v>")
_CELL_START = re.compile(rb"<(?:\w+:)?c[\s>/]")
_CELL_END = re.compile(rb"</(?:\w+:)?c>")
_ROW_END = re.compile(rb"</(?:\w+:)?row>")


#: the most cells (rows × columns of the used range) a sheet may span: calamine allocates the
#: whole range, and one stray value in XFD1048576 would ask for half a terabyte
MAX_CELLS = 20_000_000
#: the largest uncompressed sheet XML read (a zip bomb is refused before it is inflated)
MAX_SHEET_BYTES = 768 * 1024 * 1024
_FAR_COLUMN = re.compile(rb'c r="(?:[D-Z][A-Z]|[A-Z]{3})[0-9]')


class _TooBig(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def _problem(source: str, message: str) -> Problem:
    return Problem(source, None, None, None, message)


def read_workbook(data: bytes, source: str, tbl: Table, sheet: str | None, kind: str):
    """(grid, problems, notices) of the sheet holding ``tbl`` in the workbook ``data``."""
    from python_calamine import CalamineWorkbook, PasswordError

    sheet_xml: dict[str, str] = {}
    date1904 = False
    if kind == "xlsx":
        try:
            data, sheet_xml, date1904 = _prepare_xlsx(data)
        except _TooBig as exc:
            return None, [_problem(source, exc.message)], []
        except (zipfile.BadZipFile, zlib.error, KeyError, ValueError, EOFError,
                ElementTree.ParseError, RecursionError, NotImplementedError) as exc:
            return None, [_problem(source, f"无法打开 Excel 工作簿：文件已损坏或不完整（{_why(exc)}）。"
                                           f"{_SAVE_AS}")], []
    try:
        wb = CalamineWorkbook.from_filelike(io.BytesIO(data))
        meta = [m for m in wb.sheets_metadata if str(m.typ).endswith("WorkSheet")]
    except PasswordError:
        return None, [_problem(source, "工作簿设置了密码保护，无法读取：请在 Excel 中取消密码后"
                                       "重新保存，再导入")], []
    except BaseException as exc:  # calamine's errors, and its Rust panics (a BaseException)
        _reraise_interrupts(exc)
        what = "旧版 Excel 97-2003 工作簿（.xls）" if kind == "xls" else "Excel 工作簿"
        return None, [_problem(source, f"无法打开{what}：文件已损坏或格式不受支持（{_why(exc)}）。"
                                       f"{_SAVE_AS}")], []
    if not meta:
        return None, [_problem(source, "工作簿中没有工作表（只有图表页），没有可读取的数据")], []
    names = [m.name for m in meta]
    notices: list[str] = []

    def load(name):
        """(sheet, its rows from A1), or _Broken."""
        try:
            ws = wb.get_sheet_by_name(name)
            return ws, ws.to_python(skip_empty_area=False)
        except BaseException as exc:  # a sheet whose XML is broken (or a Rust panic)
            _reraise_interrupts(exc)
            raise _Broken(name, exc) from None

    try:
        if sheet is not None:
            if sheet not in names:
                return None, [_problem(source, f"工作簿中没有名为“{sheet}”的工作表；工作表有："
                                               + "、".join(f"“{n}”" for n in names))], []
            chosen = sheet
            ws, rows = load(sheet)
        else:
            chosen, ws, rows = _choose_sheet(tbl, meta, load, notices)
    except _Broken as exc:
        return None, [_problem(source, f"工作表“{exc.name}”已损坏，无法读取（{_why(exc.cause)}）。"
                                       f"{_SAVE_AS}")], []
    finally:
        wb.close()
    if ws is None or not rows or all(all(_empty(v) for v in r) for r in rows):
        only = f"工作表“{chosen}”" if len(names) == 1 or sheet else f"{len(names)} 个工作表都"
        return None, [_problem(source, f"{only}是空的，没有表头也没有数据行")], notices
    width = max(len(r) for r in rows)
    if any(len(r) != width for r in rows):
        rows = [list(r) + [None] * (width - len(r)) for r in rows]
    try:
        merged = ws.merged_cell_ranges or []
    except BaseException as exc:  # merge records calamine cannot read: the values are still right
        _reraise_interrupts(exc)
        merged = []
        notices.append("无法读取工作表的合并单元格信息，合并区域只有左上角单元格有值，请核对")
    if merged:
        notices.append(_fill_merged(rows, merged, width))
    xml = sheet_xml.get(chosen)
    if xml is not None:
        formulas = _formulas_without_value(xml)
        for r, c in formulas:
            if r < len(rows) and c < width and _empty(rows[r][c]):
                rows[r][c] = NO_VALUE
    grid = pd.DataFrame(rows, dtype=object)
    grid.index = pd.RangeIndex(1, len(grid) + 1)
    grid.attrs["format"] = kind
    grid.attrs["date1904"] = date1904
    if date1904:
        notices.append("工作簿使用 1904 日期系统（Mac 版 Excel 的“使用 1904 日期系统”选项），"
                       "日期按该系统读取（未设日期格式、显示为数字的日期也已换算），请核对")
    return grid, [], notices


def _reraise_interrupts(exc: BaseException) -> None:
    """Ctrl-C and exits go on; anything else calamine raises is a broken file."""
    if isinstance(exc, (KeyboardInterrupt, SystemExit, GeneratorExit)):
        raise exc


class _Broken(Exception):
    def __init__(self, name, cause):
        super().__init__(name)
        self.name, self.cause = name, cause


def _why(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:120]


def _empty(v) -> bool:
    return v is None or (isinstance(v, str) and not v.strip())


def _choose_sheet(tbl: Table, meta, load, notices: list[str]):
    """The sheet named for the table, else the first visible sheet with content (说明 last)."""
    names = [m.name for m in meta]
    wanted = {tbl.zh, tbl.name, "data", "数据"}
    named = next((n for n in names if n.strip() in wanted), None)
    if named is not None:
        ws, rows = load(named)
        return named, ws, rows
    visible = [m.name for m in meta if str(m.visible).endswith("Visible")]
    order = ([n for n in visible if n.strip() != "说明"]
             + [n for n in names if n not in visible and n.strip() != "说明"])
    skipped = []
    for name in order:
        ws, rows = load(name)
        if rows and any(not _empty(v) for r in rows for v in r):
            if len(names) > 1:
                why = (f"前面的工作表{'、'.join(f'“{n}”' for n in skipped)}是空的，"
                       if skipped else "")
                hidden = "（隐藏的）" if name not in visible else ""
                notices.append(f"工作簿有 {len(names)} 个工作表，没有名为“{tbl.zh}”的工作表；{why}"
                               f"读取的是{hidden}工作表“{name}”。如需读取其他工作表，请把它改名为"
                               f"“{tbl.zh}”或在导入时指定工作表")
            return name, ws, rows
        skipped.append(name)
    return names[0], None, []


def _fill_merged(rows: list[list], merged, width: int) -> str:
    """Give every cell of each merged range the value of its top-left cell; the notice."""
    from openpyxl.utils import get_column_letter

    described = []
    for (r0, c0), (r1, c1) in merged:
        if r0 >= len(rows) or c0 >= width:
            continue
        value = rows[r0][c0]
        for r in range(r0, min(r1, len(rows) - 1) + 1):
            for c in range(c0, min(c1, width - 1) + 1):
                rows[r][c] = value
        described.append(f"{get_column_letter(c0 + 1)}{r0 + 1}:{get_column_letter(c1 + 1)}{r1 + 1}")
    shown = "、".join(described[:8]) + (f"等 {len(described)} 处" if len(described) > 8 else "")
    return (f"工作表中有合并单元格（{shown}），已把合并区域左上角单元格的值填入区域内的每个单元格，"
            f"请核对这些行")


def _prepare_xlsx(data: bytes) -> tuple[bytes, dict[str, bytes], bool]:
    """(workbook bytes for calamine, sheet name → sheet XML, whether the workbook counts dates
    from 1904). Error cells are rewritten as text cells so that calamine reads them (and the
    parsers report them as errors)."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        names = set(zf.namelist())
        if "xl/workbook.xml" not in names:
            return data, {}, False  # not an Excel workbook (.ods …): calamine decides
        sheets, date1904 = _workbook_facts(zf)
        for name, path in sheets.items():
            if path in names and zf.getinfo(path).file_size > MAX_SHEET_BYTES:
                raise _TooBig(f"工作表“{name}”解压后超过 {MAX_SHEET_BYTES // 1024 // 1024} MB，"
                              f"不像是一张台账（可能是损坏或恶意构造的文件）：请另存为 CSV 后导入")
        xml = {name: zf.read(path) for name, path in sheets.items() if path in names}
        for name, text in xml.items():
            rows, cols = _extent(text)
            if rows * cols > MAX_CELLS:
                from openpyxl.utils import get_column_letter
                raise _TooBig(
                    f"工作表“{name}”的已用区域达到 {rows:,} 行 × {cols:,} 列（到 "
                    f"{get_column_letter(cols)}{rows} 单元格都有内容），超过可读取的 {MAX_CELLS:,} 个"
                    f"单元格：请删除表格右侧和下方多余的内容（选中整行整列后删除），或另存为 CSV 后导入")
        changed = {}
        for name, text in xml.items():
            # every error value starts with "#", a byte seldom in a sheet: its one fast search
            # spares most sheets the slower search for the error type (frequent bytes)
            if b"#" in text and b't="e"' in text:
                fixed = _ERROR_TYPE.sub(rb'\1t="str"', text)
                xml[name] = fixed
                changed[sheets[name]] = fixed
        if not changed:
            return data, xml, date1904
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
            for info in zf.infolist():
                dst.writestr(info, changed.get(info.filename) or zf.read(info.filename))
        return out.getvalue(), xml, date1904


def _workbook_facts(zf: zipfile.ZipFile) -> tuple[dict[str, str], bool]:
    """(sheet name → path of its XML inside the workbook, whether the workbook uses the 1904
    date system: ``<workbookPr date1904="1"/>``, as Mac Excel saves with that option on)."""
    book = ElementTree.fromstring(zf.read("xl/workbook.xml"))
    pr = next((e for ns in _NS_MAIN for e in book.iter(f"{ns}workbookPr")), None)
    date1904 = pr is not None and pr.get("date1904", "").strip().lower() in ("1", "true")
    try:
        rels = ElementTree.fromstring(zf.read("xl/_rels/workbook.xml.rels"))
    except KeyError:
        return {}, date1904
    targets = {}
    for rel in rels.iter(f"{_NS_PKG_REL}Relationship"):
        target = rel.get("Target", "")
        target = target.lstrip("/") if target.startswith("/") else "xl/" + target
        targets[rel.get("Id")] = re.sub(r"[^/]+/\.\./", "", target)
    out = {}
    for s in (e for ns in _NS_MAIN for e in book.iter(f"{ns}sheet")):
        rid = next((s.get(f"{ns}id") for ns in _NS_REL if s.get(f"{ns}id") is not None), None)
        if rid in targets:
            out[s.get("name")] = targets[rid]
    return out, date1904


def _cell_start(xml: bytes, pos: int) -> int:
    """Where the cell element (``<c …>``, or ``<x:c …>`` with a prefix) holding ``pos`` starts,
    or -1. The formula is the cell's first child, so its start tag is just before ``pos``: the
    tag before ``pos`` is tried first (one search), then the markup before it."""
    tag = xml.rfind(b"<", 0, pos)
    if tag >= 0 and (xml[tag + 1:tag + 3] in (b"c ", b"c>") or _CELL_START.match(xml, tag)):
        return tag
    lo = pos
    while lo > 0:
        lo = max(0, lo - 1024)
        last = None
        for last in _CELL_START.finditer(xml, lo, pos):
            pass
        if last is not None:
            return last.start()
    return -1


def _cell_end(xml: bytes, start: int, pos: int) -> int:
    """Where the cell element that starts at ``start`` (and is open at ``pos``) ends: its
    ``</c>``, or ``</x:c>`` with a prefix; -1 if it does not."""
    if xml[start + 1:start + 2] == b"c":  # no prefix: a byte search
        return xml.find(b"</c>", pos)
    m = _CELL_END.search(xml, pos)
    return m.start() if m else -1


def _formulas_without_value(xml: bytes) -> list[tuple[int, int]]:
    """(row, column), 0-based, of every formula cell with no saved result (``<f>``, or a
    formula written with a namespace prefix, ``<x:f>``, as the Open XML SDK and some WPS
    versions write it)."""
    if not _may_hold_formula(xml):
        return []  # no formula at all (a one-byte search is fast; the regex is slow)
    out = []
    for m in _FORMULA.finditer(xml):
        start = _cell_start(xml, m.start())
        if start < 0:
            continue
        end = _cell_end(xml, start, m.end())
        if end < 0:
            end = xml.find(b"</", m.end())
        cell = xml[start:end]
        value = _VALUE.search(cell)
        if value is not None and value.group(1).strip():
            continue
        ref = _CELL_REF.search(cell)
        if ref is None:
            continue
        col = 0
        for ch in ref.group(1):
            col = col * 26 + ch - 64
        out.append((int(ref.group(2)) - 1, col - 1))
    return out


def _may_hold_formula(xml: bytes) -> bool:
    """Whether the cells of ``xml`` may hold a formula element (``<f>``, or ``<x:f>`` with a
    prefix). A formula element needs a lower-case "f", which the cell markup of a sheet without
    formulas seldom has (its element names are row, c, v, is, t): one memchr-fast search for that
    byte in the cell data decides most sheets, the two-byte searches the rest."""
    start = max(xml.find(b"sheetData"), 0)
    end = max(xml.rfind(b"sheetData"), start)
    if xml.find(b"f", start, end) >= 0:
        return b"<f" in xml or b":f" in xml
    # after the last "sheetData" (the closing tag, or a cell's text): the precise tests
    tail = xml[end:]
    return b"<f" in tail or b":f" in tail


def _column_number(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n


def _has_value(xml: bytes, start: int) -> bool:
    """Whether the cell element starting at ``start`` holds a value (calamine skips empty,
    formatted-only cells)."""
    close = xml.find(b">", start)
    if close < 0 or xml[close - 1:close] == b"/":
        return False
    body = xml[close:_cell_end(xml, start, close)]
    return b"v>" in body or b"is>" in body or b"t>" in body


def _extent(xml: bytes) -> tuple[int, int]:
    """(last row, last column), 1-based, of the cells holding a value: the range calamine
    allocates. Cheap: the last value, the first row, and only the refs beyond column CZ."""
    last = xml.rfind(b"</v>")
    # only a later end of value matters: the other searches start where this one ended
    # ("is>" and ":v>": the inline strings and values of elements written with a prefix too)
    last = max(last, xml.rfind(b"is>", max(last, 0)), xml.rfind(b":v>", max(last, 0)))
    if last < 0:
        return 0, 0
    start = _cell_start(xml, last)
    ref = _CELL_REF.search(xml, start) if start >= 0 else None
    rows = int(ref.group(2)) if ref else 0
    cols = _column_number(ref.group(1)) if ref else 0
    first_row = _ROW_END.search(xml)
    for m in _CELL_REF.finditer(xml, 0, first_row.start() if first_row else 0):
        cols = max(cols, _column_number(m.group(1)))
    for m in _FAR_COLUMN.finditer(xml):
        cell = xml.rfind(b"<", 0, m.start() + 1)
        if _has_value(xml, cell):
            ref = _CELL_REF.match(xml, m.start() + 2)
            if ref:
                cols = max(cols, _column_number(ref.group(1)))
                rows = max(rows, int(ref.group(2)))
    return rows, cols
