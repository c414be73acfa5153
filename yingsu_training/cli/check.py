"""``yingsu check``: check cases (and judicial suggestions, agency-years) against the opinion.

    yingsu check CASES [--suggestions FILE] [--agencies FILE] [--as-of DATE] [-o FINDINGS.xlsx|.csv]

Prints a per-clause summary (counts of each status, Chinese headers). With ``-o`` it writes the
findings with Chinese headers: one sheet per record kind plus a 汇总 sheet (.xlsx), or one
UTF-8-with-BOM file per kind plus a summary file (.csv), so Excel on Chinese Windows opens them.
Bad input ends with the loader's Chinese report and exit code 2.
"""
from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import pandas as pd

from . import UserError

#: Excel's row limit per sheet (including the header row)
EXCEL_MAX_ROWS = 1_048_576


def register(sub) -> None:
    p = sub.add_parser("check", help="按渝府办发〔2016〕220号逐条检查案件、司法建议和机关年度数据",
                       description="检查案件（及司法建议、机关年度）是否履行意见规定的义务，打印各条款汇总，"
                                   "可将逐条结论写入 .xlsx 或 .csv。")
    p.add_argument("cases", metavar="案件文件", help="案件表（.csv 或 .xlsx，中文或英文表头）")
    p.add_argument("--suggestions", metavar="文件", help="司法建议表（.csv 或 .xlsx）")
    p.add_argument("--agencies", metavar="文件", help="机关年度表（.csv 或 .xlsx）")
    p.add_argument("--as-of", metavar="日期", help="检查日期，如 2025-10-09（默认：今天）")
    p.add_argument("-o", "--output", metavar="结论文件",
                   help="写出逐条结论：FINDINGS.xlsx（每类记录一个工作表，另有“汇总”表）或 FINDINGS.csv")
    p.add_argument("--no-explain", action="store_true", help="结论文件不含“说明”列（大数据量时更快）")
    p.set_defaults(func=run)


def _parse_as_of(text: str | None):
    """The check date, decided once here (default: today) and passed on as a date."""
    if text is None:
        return date.today()
    from ..checks import as_of_date
    from ..errors import DataError
    try:
        return as_of_date(text)
    except DataError:
        raise UserError(f"检查日期“{text}”格式不对，应写作 2025-10-09 或 2025年10月9日") from None


def run(args) -> int:
    from .. import loaders
    from ..checks import check, findings_zh, summary
    from ..schema import RECORD_KIND_ZH

    out_path = Path(args.output) if args.output else None
    if out_path is not None and out_path.suffix.lower() not in (".xlsx", ".csv"):
        raise UserError(f"结论文件只能是 .xlsx 或 .csv：{out_path}")
    as_of = _parse_as_of(args.as_of)
    inputs = [("case", loaders.load_cases, args.cases),
              ("suggestion", loaders.load_suggestions, args.suggestions),
              ("agency_year", loaders.load_agencies, args.agencies)]
    tables = {}
    for kind, load, path in inputs:           # read everything first: report every bad file
        if path:
            tables[kind] = load(path)
    explain = out_path is not None and not args.no_explain
    results = {kind: check(frame, kind, as_of=as_of, explain=explain)
               for kind, frame in tables.items()}
    from ..calendar import fmt
    print(f"检查日期：{fmt(as_of)}")
    summaries = {}
    for kind, findings in results.items():
        n = len(tables[kind])
        table = summary(findings, zh=True)
        summaries[kind] = table
        print(f"\n{RECORD_KIND_ZH[kind]}（{n} 条记录）")
        print(table.reset_index().to_string(index=False))
    if out_path is not None:
        written = _write(out_path, {k: findings_zh(f) for k, f in results.items()}, summaries)
        for p in written:
            print(f"已写出：{p}", file=sys.stderr)
    return 0


def _summary_sheet(summaries: dict) -> pd.DataFrame:
    from ..schema import RECORD_KIND_ZH
    parts = []
    for kind, table in summaries.items():
        t = table.reset_index()
        t.insert(0, "记录类别", RECORD_KIND_ZH[kind])
        parts.append(t)
    return pd.concat(parts, ignore_index=True)


def _write(path: Path, sheets: dict[str, pd.DataFrame], summaries: dict) -> list[Path]:
    from ..schema import RECORD_KIND_ZH
    path.parent.mkdir(parents=True, exist_ok=True)
    overview = _summary_sheet(summaries)
    from ..export import write_csv, write_sheets
    if path.suffix.lower() == ".csv":
        written = []
        for kind, frame in sheets.items():
            target = path.with_name(f"{path.stem}-{RECORD_KIND_ZH[kind]}{path.suffix}")
            written.append(write_csv(_for_file(frame), target))
        target = path.with_name(f"{path.stem}-汇总{path.suffix}")
        write_csv(overview, target)
        return written + [target]
    too_big = [RECORD_KIND_ZH[k] for k, f in sheets.items() if len(f) + 1 > EXCEL_MAX_ROWS]
    if too_big:
        raise UserError(f"{'、'.join(too_big)}的结论超过 Excel 单个工作表 {EXCEL_MAX_ROWS} 行的上限，"
                        f"请改为写出 .csv 文件（-o 结论.csv）")
    frames = {RECORD_KIND_ZH[kind]: _for_file(frame) for kind, frame in sheets.items()}
    frames["汇总"] = overview
    write_sheets(frames, path, widths={"说明": 60}, title="行政应诉检查结论")
    return [path]


def _for_file(frame: pd.DataFrame) -> pd.DataFrame:
    """Dates as plain dates (no time of day) for spreadsheets."""
    out = frame.copy()
    for c in out.columns:
        if pd.api.types.is_datetime64_any_dtype(out[c]):
            out[c] = out[c].dt.date
    return out
