"""Regenerate the corpus files that cannot be kept as readable UTF-8 text.

Run from the repository root: ``.venv/bin/python tests/bad_inputs/make_binary_inputs.py``.
The files are committed; this script documents exactly what is in them.
"""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

import openpyxl

HERE = Path(__file__).parent

GBK_VALID = """案号,被诉行政机关,区县,案件类别,收到起诉状副本日期,提交答辩状日期,提交证据依据日期,负责人出庭,出庭负责人职务,出庭工作人员人数,出庭律师人数
(2025)渝0120行初5号,重庆市璧山区人民政府,璧山区,征收补偿,2025/9/20,2025/10/9,2025/10/9,是,副职,1,1
(2025)渝0120行初6号,重庆市璧山区住房和城乡建设委员会,璧山区,行政许可,2025/9/26,2025/10/11,2025/10/11,否,,2,0
"""

UTF16 = """案号,被诉行政机关,收到起诉状副本日期
(2025)渝0151行初3号,重庆市铜梁区人民政府,2025-04-07
"""

CP1252 = """case_id,agency,complaint_received_on,case_type
(2025)Yu0152-1,Tongliang District Government,2025-04-07,fine
(2025)Yu0152-2,Tongliang District Government,2025-04-08,fine of 500\u20ac
"""

UTF8_WITH_GBK_LINE = ("案号,被诉行政机关,收到起诉状副本日期\n"
                      "(2025)渝0153行初1号,重庆市潼南区人民政府,2025-05-06\n").encode("utf-8") + \
    "(2025)渝0153行初2号,重庆市潼南区人民政府,2025-05-07\n".encode("gbk") + \
    "(2025)渝0153行初3号,重庆市潼南区人民政府,2025-05-08\n".encode("utf-8")


def main() -> None:
    # as Excel saves "CSV (逗号分隔)" on Chinese Windows: GBK, CRLF line ends
    (HERE / "gbk-valid-cases.csv").write_bytes(GBK_VALID.replace("\n", "\r\n").encode("gbk"))
    (HERE / "wrong-encoding-utf16.csv").write_bytes(UTF16.encode("utf-16"))
    (HERE / "wrong-encoding-cp1252.csv").write_bytes(CP1252.encode("cp1252"))
    (HERE / "utf8-with-a-gbk-line.csv").write_bytes(UTF8_WITH_GBK_LINE)

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "案件"
    ws.append(["案号", "被诉行政机关", "收到起诉状副本日期", "提交答辩状日期", "负责人出庭",
               "出庭工作人员人数"])
    ws.append(["(2025)渝0118行初1号", "重庆市永川区人民政府", datetime(2025, 9, 20),
               datetime(2025, 10, 9), True, 1])
    ws.append(["(2025)渝0118行初2号", "重庆市永川区人民政府", "2025年9月26日", "2025-02-30",
               "不知道", 1.5])
    ws.append(["(2025)渝0118行初1号", None, datetime(2025, 9, 21), datetime(2025, 9, 1),
               False, 2])
    for row in ws.iter_rows(min_row=2, min_col=3, max_col=4):
        for cell in row:
            if isinstance(cell.value, datetime):
                cell.number_format = "yyyy-mm-dd"
    wb.properties.creator = "yingsu-training"
    wb.properties.created = wb.properties.modified = datetime(2025, 1, 1)
    wb.save(HERE / "cases-with-errors.xlsx")
    more()


H = "案号,被诉行政机关,区县,收到起诉状副本日期,提交答辩状日期"


def _rows(*rows: str) -> str:
    return "\r\n".join((H,) + rows) + "\r\n"


def _zip_replace(data: bytes, member: str, old: bytes, new: bytes) -> bytes:
    import io
    import zipfile

    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == member:
                assert old in body, (member, old)
                body = body.replace(old, new)
            zi = zipfile.ZipInfo(info.filename, date_time=(2000, 1, 1, 0, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(zi, body)
    return out.getvalue()


def _book(rows, title="案件", first=None, merge=None) -> bytes:
    import io

    wb = openpyxl.Workbook()
    ws = wb.active
    if first is not None:
        ws.title = first
        ws = wb.create_sheet(title)
    else:
        ws.title = title
    for r in rows:
        ws.append(r)
    for rng in merge or ():
        ws.merge_cells(rng)
    wb.properties.creator = "yingsu-training"
    wb.properties.created = wb.properties.modified = datetime(2025, 1, 1)
    buf = io.BytesIO()
    wb.save(buf)
    return _zip_replace(buf.getvalue(), "docProps/core.xml", b"", b"")


HEAD = ["案号", "被诉行政机关", "区县", "收到起诉状副本日期", "提交答辩状日期"]


def more() -> None:
    """The files of issue 11's classes of fault (CSV that lies, invisible characters,
    workbooks as offices have them)."""
    # -- CSV that lies about its structure
    (HERE / "unclosed-quote-to-the-end.csv").write_bytes(_rows(
        "(2025)渝0105行初201号,重庆市江北区人民政府,江北区,2025-09-20,2025-10-09",
        '(2025)渝0105行初202号,"重庆市江北区住房和城乡建设委员会,江北区,2025-09-22,2025-10-10',
        "(2025)渝0105行初203号,重庆市江北区人民政府,江北区,2025-09-23,2025-10-11",
        "(2025)渝0105行初204号,重庆市江北区人民政府,江北区,2025-09-24,2025-10-12").encode("utf-8-sig"))
    (HERE / "stray-quote-closed-rows-later.csv").write_bytes(_rows(
        "(2025)渝0106行初1号,重庆市沙坪坝区人民政府,沙坪坝区,2025-09-20,2025-10-09",
        '(2025)渝0106行初2号,"重庆市沙坪坝区人民政府,沙坪坝区,2025-09-21,2025-10-09',
        "(2025)渝0106行初3号,重庆市沙坪坝区人民政府,沙坪坝区,2025-09-22,2025-10-09",
        '(2025)渝0106行初4号,重庆市沙坪坝区人民政府",沙坪坝区,2025-09-23,2025-10-09',
        "(2025)渝0106行初5号,重庆市沙坪坝区人民政府,沙坪坝区,2025-09-24,2025-10-09").encode("utf-8"))
    (HERE / "quote-closed-in-another-column.csv").write_bytes(_rows(
        "(2025)渝0107行初1号,重庆市九龙坡区人民政府,九龙坡区,2025-09-20,2025-10-09",
        '(2025)渝0107行初2号,重庆市九龙坡区人民政府,"九龙坡区,2025-09-21,2025-10-09',
        '(2025)渝0107行初3号",重庆市九龙坡区人民政府,九龙坡区,2025-09-22,2025-10-09').encode("utf-8"))
    (HERE / "only-bom-commas-and-blank-lines.csv").write_bytes(
        b"\xef\xbb\xbf,,,,\r\n\r\n,,,\r\n \r\n")
    (HERE / "cell-longer-than-the-csv-field-limit.csv").write_bytes(_rows(
        "(2025)渝0108行初1号,重庆市南岸区人民政府,南岸区,2025-09-20,2025-10-09",
        "(2025)渝0108行初2号,重庆市南岸区人民政府" + "很长" * 70000 + ",南岸区,2025-09-21,2025-10-09"
    ).encode("utf-8"))
    (HERE / "nul-bytes-in-cells.csv").write_bytes(_rows(
        "(2025)渝0109行初1号,重庆市北碚区\x00人民政府,北碚区,2025-09-20,2025-10-09",
        "(2025)渝0109行初2号\x00,重庆市北碚区人民政府,北碚区,2025-09-21\x00,2025-10-09").encode("utf-8"))
    (HERE / "government-form-title-lines.csv").write_bytes((
        "重庆市行政应诉案件登记表,,,,\r\n填报单位：重庆市渝北区司法局,,,,填报日期：2025年10月9日\r\n,,,,\r\n"
        + _rows("(2025)渝0112行初1号,重庆市渝北区人民政府,渝北区,2025-09-20,2025-10-09",
                "(2025)渝0112行初2号,重庆市渝北区人民政府,渝北区,2025-09-21,2025-10-09")
    ).encode("gbk"))
    (HERE / "no-header-anywhere.csv").write_bytes(
        ("重庆市行政应诉案件登记表\r\n(2025)渝0113行初1号,重庆市巴南区人民政府,巴南区,2025-09-20\r\n"
         "(2025)渝0113行初2号,重庆市巴南区人民政府,巴南区,2025-09-21\r\n").encode("utf-8"))
    # -- invisible and look-alike characters
    (HERE / "case-ids-differing-by-an-invisible-character.csv").write_bytes(_rows(
        "(2025)渝0114行初1号,重庆市黔江区人民政府,黔江区,2025-09-20,2025-10-09",
        "(2025)渝0114行初1号\u200b,重庆市黔江区人民政府,黔江区,2025-09-21,2025-10-09",
        "\ufeff(2025)渝0114行初2号,重庆市黔江区人民政府,黔江区,2025-09-22,2025-10-09",
        "(2025)渝0114行初2号\u3000,重庆市黔江区人民政府,黔江区,2025-09-23,2025-10-09",
        "(2025)渝0114行初3号\u2060,重庆市黔江区人民政府,黔江区,2025-09-24,2025-10-09",
        "(2025)渝0114行初3号\u00a0,重庆市黔江区人民政府,黔江区,2025-09-25,2025-10-09").encode("utf-8"))
    (HERE / "invisible-characters-in-headers-and-cells.csv").write_bytes((
        "案号,被诉\u200b行政机关,\ufeff区县,收到起诉状副本日期\u3000,提交答辩状日期\u00a0,负责人出庭\r\n"
        "(2025)渝0115行初1号,重庆市长寿区\u200d人民政府,长寿区\x07,\u200b2025-09-20,2025-10-09\u2060,是\u200b\r\n"
        "(2025)渝0115行初2号,\u3000重庆市长寿区人民政府,长寿区,2025/9/21,2025/10/9,\ufeff否\r\n"
    ).encode("utf-8"))
    (HERE / "near-miss-headers.csv").write_bytes((
        "案号,被诉行政机关,区县,收到起诉状日期,提交答辩状日期,负责人出廷,出庭负责人职务\r\n"
        "(2025)渝0116行初1号,重庆市江津区人民政府,江津区,2025-09-20,2025-10-09,是,正职\r\n").encode("utf-8"))
    (HERE / "near-miss-english-headers.csv").write_bytes((
        "case_idd,agency,complaint_recieved_on,head_apeared,remarks\r\n"
        "(2025)Yu0117-1,Qijiang District Government,2025-09-20,true,ok\r\n").encode("utf-8"))
    # -- workbooks as offices have them
    rows = [HEAD, ["(2025)渝0118行初11号", "重庆市永川区人民政府", "永川区", datetime(2025, 9, 20),
                   datetime(2025, 10, 9)],
            ["(2025)渝0118行初12号", None, None, datetime(2025, 9, 21), datetime(2025, 10, 9)],
            ["(2025)渝0118行初13号", None, None, datetime(2025, 9, 22), datetime(2025, 10, 10)]]
    (HERE / "merged-agency-cells.xlsx").write_bytes(_book(rows, merge=["B2:B4", "C2:C4"]))
    rows = [HEAD + ["出庭工作人员人数"],
            ["(2025)渝0119行初1号", "重庆市合川区人民政府", "合川区", datetime(2025, 9, 20),
             "=D2+19", "=1+1"],
            ["(2025)渝0119行初2号", "重庆市合川区人民政府", "合川区", datetime(2025, 9, 21),
             datetime(2025, 10, 9), 1]]
    (HERE / "formulas-without-saved-results.xlsx").write_bytes(_book(rows))
    rows = [HEAD, ["(2025)渝0120行初11号", "重庆市璧山区人民政府", "璧山区", datetime(2025, 9, 20),
                   datetime(2025, 10, 9)]]
    (HERE / "data-on-the-second-sheet.xlsx").write_bytes(_book(rows, title="Sheet2", first="Sheet1"))
    rows = [HEAD + ["出庭工作人员人数"]] + [
        [f"(2025)渝0151行初{i}号", "重庆市铜梁区人民政府", "铜梁区", datetime(2025, 9, 20),
         datetime(2025, 10, 9), i] for i in range(1, 6)]
    data = _book(rows)
    for i, err in enumerate(["#SPILL!", "#CALC!", "#DIV/0!", "#BLOCKED!"], start=2):
        data = _zip_replace(data, "xl/worksheets/sheet1.xml", f'<c r="F{i}" t="n"><v>{i - 1}</v></c>'.encode(),
                            f'<c r="F{i}" t="e"><f>X()</f><v>{err}</v></c>'.encode())
    (HERE / "excel-365-error-values.xlsx").write_bytes(data)
    cfb = bytearray(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 2048)
    name = "EncryptionInfo".encode("utf-16-le")
    cfb[1024:1024 + len(name)] = name
    (HERE / "password-protected.xlsx").write_bytes(bytes(cfb))
    good = _book([HEAD, ["(2025)渝0152行初1号", "重庆市潼南区人民政府", "潼南区", datetime(2025, 9, 20),
                         datetime(2025, 10, 9)]])
    (HERE / "truncated-workbook.xlsx").write_bytes(good[: len(good) // 2])
    import zipfile, io
    broken = bytearray(good)
    info = zipfile.ZipFile(io.BytesIO(good)).getinfo("xl/worksheets/sheet1.xml")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    broken[start + 4:start + 40] = b"\xff" * 36  # the deflate stream of the sheet: zlib error
    (HERE / "workbook-with-a-corrupt-sheet.xlsx").write_bytes(bytes(broken))
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "案件"
    for r in [HEAD, ["(2025)渝0155行初1号", "重庆市梁平区人民政府", "梁平区", datetime(2025, 9, 20),
                     datetime(2025, 10, 9)]]:
        ws.append(r)
    ws["XFD1048576"] = "误触"
    buf = io.BytesIO()
    wb.save(buf)
    (HERE / "stray-value-in-the-last-cell.xlsx").write_bytes(_zip_replace(buf.getvalue(), "docProps/core.xml", b"", b""))
    # -- workbooks from Mac Excel and from other generators
    (HERE / "mac-excel-1904-date-system.xlsx").write_bytes(mac_1904_book())
    (HERE / "formulas-with-a-namespace-prefix.xlsx").write_bytes(prefixed_formula_book())
    (HERE / "wps-spreadsheet.et").write_bytes(bytes(cfb[:8]) + b"\0" * 1024)
    (HERE / "web-page-saved-as.xls").write_bytes(
        "<html><body><table><tr><td>案号</td></tr></table></body></html>".encode("utf-8"))
    (HERE / "tab-separated-text-saved-as.xls").write_bytes((
        "案号\t被诉行政机关\t收到起诉状副本日期\r\n(2025)渝0153行初9号\t重庆市潼南区人民政府\t2025-05-06\r\n"
    ).encode("gbk"))


def mac_1904_book() -> bytes:
    """A workbook saved with Mac Excel's "1904 date system" option: date cells, and a date
    typed as a number (a serial shown without date format), both counted from 1904-01-01."""
    import io

    from openpyxl.utils.datetime import CALENDAR_MAC_1904

    wb = openpyxl.Workbook()
    wb.epoch = CALENDAR_MAC_1904
    ws = wb.active
    ws.title = "案件"
    ws.append(HEAD)
    ws.append(["(2025)渝0156行初1号", "重庆市城口县人民政府", "城口县", datetime(2025, 9, 20),
               datetime(2025, 10, 9)])
    # 2025-09-22 as a 1904 serial (44460): 2021-09-21 if read as a 1900 serial
    ws.append(["(2025)渝0156行初2号", "重庆市城口县人民政府", "城口县", 44460,
               datetime(2025, 10, 10)])
    for row in ws.iter_rows(min_row=2, min_col=4, max_col=5):
        for cell in row:
            if isinstance(cell.value, datetime):
                cell.number_format = "yyyy-mm-dd"
    wb.properties.creator = "yingsu-training"
    wb.properties.created = wb.properties.modified = datetime(2025, 1, 1)
    buf = io.BytesIO()
    wb.save(buf)
    data = _zip_replace(buf.getvalue(), "docProps/core.xml", b"", b"")
    assert b'date1904="1"' in zipfile_member(data, "xl/workbook.xml")
    return data


def zipfile_member(data: bytes, member: str) -> bytes:
    import io
    import zipfile

    return zipfile.ZipFile(io.BytesIO(data)).read(member)


def prefixed_formula_book() -> bytes:
    """A sheet whose elements carry a namespace prefix (``<x:c><x:f>…</x:f></x:c>``), as the
    Open XML SDK and some WPS versions write: two formulas without a saved result (row 2) and
    one with its result saved (row 3, read as that result)."""
    import re

    rows = [HEAD + ["出庭工作人员人数"],
            ["(2025)渝0157行初1号", "重庆市巫溪县人民政府", "巫溪县", datetime(2025, 9, 20),
             "=D2+19", "=1+1"],
            ["(2025)渝0157行初2号", "重庆市巫溪县人民政府", "巫溪县", datetime(2025, 9, 21),
             datetime(2025, 10, 9), "=1+0"]]
    data = _book(rows)
    sheet = zipfile_member(data, "xl/worksheets/sheet1.xml")
    prefixed = re.sub(rb"<(/?)([A-Za-z]\w*)(?=[\s>/])", rb"<\1x:\2", sheet)
    prefixed = prefixed.replace(b'xmlns="', b'xmlns:x="', 1)
    prefixed = prefixed.replace(b"<x:f>1+0</x:f><x:v />", b"<x:f>1+0</x:f><x:v>1</x:v>")
    assert prefixed.count(b"<x:f>") == 3 and b"<x:v>1</x:v>" in prefixed and b"<c " not in prefixed
    return _zip_replace(data, "xl/worksheets/sheet1.xml", sheet, prefixed)


if __name__ == "__main__":
    main()
