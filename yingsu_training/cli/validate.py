"""``yingsu validate``: check data files before importing them, listing every problem.

    yingsu validate cases 案件.xlsx [更多文件…]
    yingsu validate suggestions 司法建议.csv
    yingsu validate agencies 机关年度.xlsx

Each file goes through the same loader the checker uses; a file with problems prints the loader's
Chinese report (file, row as in Excel, column, value); a file that loads is followed by its
notices (unknown columns, cleaned characters, merged cells …) and, for each column whose blank
means "not known", how many findings its blanks leave 信息不足 and how to fill it. Exit code 0 when every file is clean, 2
otherwise — every file is read, not only up to the first broken one.
"""
from __future__ import annotations

import sys
import warnings
from datetime import date

from ..schema import TABLES


def register(sub) -> None:
    p = sub.add_parser("validate", help="导入前检查数据文件（逐条列出全部问题）",
                       description="用与 yingsu check 相同的导入检查核对数据文件，列出每个文件的全部问题。")
    p.add_argument("table", choices=sorted(TABLES), metavar="表",
                   help="cases（案件）、suggestions（司法建议）或 agencies（机关年度）")
    p.add_argument("files", nargs="+", metavar="文件", help=".csv、.xlsx 或 .xls")
    p.add_argument("--as-of", dest="as_of", metavar="日期",
                   help="检查日，如 2025-10-09（默认：今天），用于统计空白单元格使多少条结论为“信息不足”")
    p.set_defaults(func=run)


def run(args) -> int:
    from ..blanks import blank_lines
    from ..checks import as_of_date
    from ..errors import CalendarError, DataError
    from ..loaders import load_table
    from . import file_error

    as_of = as_of_date(args.as_of) if args.as_of else date.today()
    failed = 0
    for path in args.files:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                frame = load_table(path, args.table)
            except DataError as exc:
                failed += 1
                print(exc.report(), file=sys.stderr)
                continue
            except OSError as exc:
                failed += 1
                print(f"错误：{file_error(exc)}", file=sys.stderr)
                continue
        print(f"✓ {path}：{TABLES[args.table].zh}表通过检查，共 {len(frame)} 行。")
        for w in caught:
            print(f"  提示：{w.message}")
        try:
            lines = blank_lines(frame, args.table, as_of)
        except CalendarError as exc:  # a check date beyond the calendar: say so, file is fine
            lines = [f"无法统计空白单元格的影响：{exc}"]
        for line in lines:
            print(f"  空白：{line}")
    return 2 if failed else 0
