"""The ``yingsu`` command line.

Each module in this package adds one sub-command: it defines ``register(subparsers)`` that adds
its parser and sets ``func`` (called with the parsed arguments; returns an exit code). Modules
are discovered, so adding a command never edits this file.

User mistakes (bad input files, unknown calendar years, bad options) end with a Chinese message
on stderr and exit code 2, never a traceback.
"""
from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys

from ..calendar import CalendarError
from ..errors import DataError


class UserError(Exception):
    """A mistake on the command line, with a Chinese message."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="yingsu",
        description="行政应诉培训工具包（渝府办发〔2016〕220号）：检查案件、生成数据、统计报告、练习题。")
    sub = parser.add_subparsers(dest="command", metavar="命令")
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        if hasattr(module, "register"):
            module.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 0
    try:
        return int(args.func(args) or 0)
    except DataError as exc:
        print(exc.report(), file=sys.stderr)
        return 2
    except (CalendarError, UserError) as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 2
    except FileNotFoundError as exc:
        print(f"错误：找不到文件 {exc.filename}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("已中断。", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
