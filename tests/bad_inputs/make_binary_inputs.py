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


if __name__ == "__main__":
    main()
