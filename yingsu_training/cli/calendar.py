"""``yingsu calendar``: show a year's holiday schedule, compute a period, add a year's file."""
from __future__ import annotations

import argparse
import shutil
import sys
from datetime import date

from .. import calendar as cal


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期“{text}”格式不对，应写作 2025-09-20") from None


def register(sub) -> None:
    p = sub.add_parser("calendar", help="节假日日历：查看某年安排、计算法定期间、补充新年度")
    cmds = p.add_subparsers(dest="calendar_command", metavar="子命令")
    show = cmds.add_parser("show", help="列出某年的法定节假日和调休上班日")
    show.add_argument("year", type=int)
    show.set_defaults(func=_show)
    dl = cmds.add_parser("deadline", help="计算法定期间届满日，例如 deadline 2025-09-20 15")
    dl.add_argument("start", type=_date, help="起算日（该日不计入），如 2025-09-20")
    dl.add_argument("days", type=int, help="期间天数，如 15")
    dl.set_defaults(func=_deadline)
    add = cmds.add_parser("add", help="检查并安装一个年度日历文件（格式见 example-2026.yaml）")
    add.add_argument("file")
    add.set_defaults(func=_add)
    p.set_defaults(func=lambda a: p.print_help() or 0)


def _show(args) -> int:
    scheds = cal.schedules()
    if args.year not in scheds:
        raise cal.CalendarError([args.year])
    s = scheds[args.year]
    print(f"{args.year}年节假日安排（来源：{s.source}）")
    for d in sorted(s.holidays):
        print(f"  {cal.fmt(d)}  放假  {s.holidays[d]}")
    for d in sorted(s.workdays):
        print(f"  {cal.fmt(d)}  上班  {s.workdays[d]}")
    return 0


def _deadline(args) -> int:
    from . import UserError

    if args.days < 1:
        raise UserError(f"期间天数应为正整数，实际为 {args.days}")
    try:
        detail = cal.deadline_detail(args.start, args.days)
    except OverflowError:
        raise UserError(f"期间天数 {args.days} 过大，届满日超出了日期范围") from None
    print(detail.describe())
    return 0


def _add(args) -> int:
    try:
        schedule = cal.read_year_file(args.file)
    except ValueError as exc:
        print(f"日历文件有问题：\n{exc}", file=sys.stderr)
        return 2
    cal.USER_CALENDAR_DIR.mkdir(parents=True, exist_ok=True)
    target = cal.USER_CALENDAR_DIR / f"{schedule.year}.yaml"
    shutil.copyfile(args.file, target)
    print(f"已安装 {schedule.year} 年节假日安排（{len(schedule.holidays)} 个放假日，"
          f"{len(schedule.workdays)} 个调休上班日）：{target}")
    return 0
