"""``yingsu report``: the year-end statistics report as Excel (and HTML).

    yingsu report --year 2025 datasets/cases-2025.csv --suggestions datasets/suggestions-2025.csv \
        --agencies datasets/agencies-2025.csv --as-of 2026-03-31 -o 报告.xlsx --html 报告.html
"""
from __future__ import annotations

from . import UserError


def register(sub) -> None:
    p = sub.add_parser(
        "report", help="生成年度统计报告（Excel 和 HTML）",
        description="统计一年的行政应诉情况（按区县、被诉机关、案件类别和全市：负责人出庭率、"
                    "按期答辩举证率、败诉率、生效裁判按期履行率、司法建议按期回复率、各条款违反"
                    "次数），写成 Excel 工作簿和可离线打开的 HTML 网页。")
    p.add_argument("cases", help="案件表（.csv 或 .xlsx）")
    p.add_argument("--year", type=int, required=True, help="统计年度，如 2025")
    p.add_argument("--suggestions", help="司法建议表（可选）")
    p.add_argument("--agencies", help="机关年度表（可选）")
    p.add_argument("--as-of", dest="as_of", help="检查日，默认为统计年度次年3月31日")
    p.add_argument("-o", "--output", required=True, help="输出的 Excel 文件，如 报告.xlsx")
    p.add_argument("--html", help="同时输出 HTML 网页，如 报告.html")
    p.set_defaults(func=_run)


def _run(args) -> int:
    from ..loaders import load_agencies, load_cases, load_suggestions
    from ..report import filter_note, report, title_of

    if not args.output.lower().endswith(".xlsx"):
        raise UserError(f"输出文件“{args.output}”应以 .xlsx 结尾")
    as_of = None                       # default: 31 March after the year (statistics decides)
    if args.as_of:                     # parsed once here, as yingsu check parses it
        from ..checks import as_of_date
        from ..errors import DataError
        try:
            as_of = as_of_date(args.as_of)
        except DataError:
            raise UserError(f"检查日“{args.as_of}”格式不对，应写作 2026-03-31 或 2026年3月31日") from None
    cases = load_cases(args.cases)
    suggestions = load_suggestions(args.suggestions) if args.suggestions else None
    agencies = load_agencies(args.agencies) if args.agencies else None
    stats = report(cases, suggestions, agencies, year=args.year, as_of=as_of,
                   xlsx=args.output, html=args.html)
    city = stats.tables["city"]
    n = int(city["cases"].iloc[0]) if len(city) else 0
    if n == 0:
        print(f"提示：{args.cases} 中没有 {args.year} 年收案的案件（按收到起诉状副本日期统计）。")
    if filter_note(stats):
        print(f"提示：{filter_note(stats)}（已写在报告首页）")
    print(f"已生成《{title_of(stats)}》（案件 {n:,} 件，检查日 {stats.as_of:%Y-%m-%d}）：")
    print(f"  {args.output}")
    if args.html:
        print(f"  {args.html}")
    return 0
