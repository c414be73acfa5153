"""``yingsu generate``: a year of synthetic cases, judicial suggestions and agency-years.

    yingsu generate --year 2025 --cases 2000 --seed 2025 --out datasets/

writes ``cases-2025.csv/.xlsx``, ``suggestions-2025.csv/.xlsx``, ``agencies-2025.csv/.xlsx``
(Chinese headers) and ``truth-2025.csv`` (the status each record is meant to have per clause
on the check date).
"""
from __future__ import annotations

from datetime import date
from pathlib import Path

from . import UserError

PROGRESS_FROM = 100_000  # show a progress bar from this many cases on


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise UserError(f"日期“{text}”格式不对，应写作 2026-03-31") from None


def _rate(text: str) -> tuple[str, float]:
    clause, sep, value = text.partition("=")
    try:
        if not sep:
            raise ValueError
        return clause.strip(), float(value)
    except ValueError:
        raise UserError(f"违反比例“{text}”格式不对，应写作 条款编号=比例，如 3.2=0.1") from None


def register(sub) -> None:
    p = sub.add_parser(
        "generate", help="生成模拟数据（案件、司法建议、机关年度及标准答案）",
        description="生成一年的模拟行政应诉数据：案件、司法建议、机关年度三张表（中文表头的 CSV 与 "
                    "Excel），以及每条记录在各条款下应有结论的标准答案（truth）。数据均为模拟，"
                    "案号带“模拟”字样。")
    p.add_argument("--year", type=int, required=True, help="年度，如 2025")
    p.add_argument("--cases", type=int, required=True, help="案件数，如 2000")
    p.add_argument("--seed", type=int, required=True, help="随机种子：相同种子生成完全相同的数据")
    p.add_argument("--out", required=True, help="输出文件夹，如 datasets/")
    p.add_argument("--as-of", dest="as_of", help="检查日（标准答案所对应的日期），默认次年3月31日")
    p.add_argument("--rate", action="append", default=[], metavar="条款=比例",
                   help="某条款的违反比例，可重复，如 --rate 3.2=0.1 --rate 4.2=0.3")
    p.add_argument("--head-rate", type=float, default=None,
                   help="无强制要求时负责人出庭的比例（默认 0.45）")
    p.add_argument("--joint-rate", type=float, default=None,
                   help="复议维持、共同被告案件比例（默认 0.25）")
    p.add_argument("--missing-rate", type=float, default=None, help="信息缺失比例（默认 0.01）")
    p.add_argument("--no-xlsx", action="store_true", help="只写 CSV，不写 Excel")
    p.add_argument("--progress", action="store_true", help="显示进度条（10万件以上自动显示）")
    p.set_defaults(func=_run)


def _run(args) -> int:
    from ..generator import generate

    if args.cases < 0:
        raise UserError("案件数不能为负数")
    rates = dict(_rate(r) for r in args.rate)
    kwargs = {k: v for k, v in (("head_appearance_rate", args.head_rate),
                                ("joint_defendant_rate", args.joint_rate),
                                ("missing_rate", args.missing_rate)) if v is not None}
    progress = args.progress or args.cases >= PROGRESS_FROM
    try:
        data = generate(args.cases, args.year, args.seed, rates,
                        as_of=_date(args.as_of) if args.as_of else None, progress=progress,
                        **kwargs)
    except ValueError as exc:
        if type(exc) is not ValueError:
            raise
        raise UserError(str(exc)) from None
    from ..export import EXCEL_MAX_ROWS

    if not args.no_xlsx and len(data.cases) > EXCEL_MAX_ROWS:
        print(f"提示：案件超过 Excel 单表上限 {EXCEL_MAX_ROWS:,} 行，案件表只写 CSV。")
    written = data.save(Path(args.out), xlsx=not args.no_xlsx, progress=progress)
    print(f"已生成 {args.year} 年模拟数据：案件 {len(data.cases):,} 件，司法建议 "
          f"{len(data.suggestions):,} 条，机关年度 {len(data.agencies):,} 条"
          f"（种子 {args.seed}，检查日 {data.as_of:%Y-%m-%d}）。")
    for path in written:
        print(f"  {path}")
    return 0
