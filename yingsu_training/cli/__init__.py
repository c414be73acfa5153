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

from ..calendar import CalendarError, CalendarFileError
from ..errors import DataError


class UserError(Exception):
    """A mistake on the command line, with a Chinese message."""


class ChineseHelpFormatter(argparse.HelpFormatter):
    """argparse's help with Chinese section words (用法：, 选项) instead of usage:/options:."""

    def add_usage(self, usage, actions, groups, prefix=None):
        return super().add_usage(usage, actions, groups, prefix="用法：" if prefix is None else prefix)


class ChineseArgumentParser(argparse.ArgumentParser):
    """An ArgumentParser whose help and errors read in Chinese; sub-parsers inherit it."""

    _ERRORS = (
        ("the following arguments are required: ", "缺少必需的参数："),
        ("unrecognized arguments: ", "无法识别的参数："),
        ("invalid choice: ", "无效的选项："),
        ("choose from ", "可选："),
        ("expected one argument", "此处需要一个值"),
        ("invalid ", "无效的"),
        ("argument ", "参数 "),
        (" value: ", " 值："),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", ChineseHelpFormatter)
        kwargs.setdefault("add_help", False)
        super().__init__(*args, **kwargs)
        self._positionals.title = "参数"
        self._optionals.title = "选项"
        self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS,
                          help="显示本帮助并退出")

    def error(self, message: str):
        for english, chinese in self._ERRORS:
            message = message.replace(english, chinese)
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}：错误：{message}\n")


def file_error(exc: OSError) -> str:
    """A Chinese message for a file the command could not open (missing, a folder, locked)."""
    name = exc.filename
    if isinstance(exc, FileNotFoundError):
        return f"找不到文件 {name}"
    if isinstance(exc, IsADirectoryError):
        return f"{name} 是文件夹，不是文件，请给出文件的路径"
    if isinstance(exc, PermissionError):
        return f"没有权限读写文件 {name}（如果该文件正在 Excel 中打开，请先关闭）"
    return f"无法读写文件 {name}（{exc.strerror or exc}）"


def build_parser() -> argparse.ArgumentParser:
    parser = ChineseArgumentParser(
        prog="yingsu",
        description="行政应诉培训工具包（渝府办发〔2016〕220号）：检查案件、生成数据、统计报告、练习题。")
    sub = parser.add_subparsers(dest="command", title="命令",
                                parser_class=ChineseArgumentParser)
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
    except (CalendarError, CalendarFileError, UserError) as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"错误：{file_error(exc)}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("已中断。", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
