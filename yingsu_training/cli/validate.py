"""``yingsu validate``: check data files before importing them, listing every problem.

    yingsu validate cases 案件.xlsx [更多文件…]
    yingsu validate suggestions 司法建议.csv
    yingsu validate agencies 机关年度.xlsx

Each file goes through the same loader the checker uses; a file with problems prints the loader's
Chinese report (file, row as in Excel, column, value). Exit code 0 when every file is clean, 2
otherwise — every file is read, not only up to the first broken one.
"""
from __future__ import annotations

import sys
import warnings

from ..schema import TABLES


def register(sub) -> None:
    p = sub.add_parser("validate", help="导入前检查数据文件（逐条列出全部问题）",
                       description="用与 yingsu check 相同的导入检查核对数据文件，列出每个文件的全部问题。")
    p.add_argument("table", choices=sorted(TABLES), metavar="表",
                   help="cases（案件）、suggestions（司法建议）或 agencies（机关年度）")
    p.add_argument("files", nargs="+", metavar="文件", help=".csv 或 .xlsx")
    p.set_defaults(func=run)


def run(args) -> int:
    from ..errors import DataError
    from ..loaders import load_table
    from . import file_error

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
    return 2 if failed else 0
