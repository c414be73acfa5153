"""``yingsu lesson build``: work with the lessons (notebooks/NN-名称.md)."""
from __future__ import annotations

from pathlib import Path

from . import UserError


def register(sub) -> None:
    p = sub.add_parser("lesson", help="课程（notebooks/ 中的 .md 课程文件）：生成 .ipynb",
                       description="课程是 notebooks/ 中的 MyST markdown 文件（JupyterLab 中以笔记本打开）。")
    actions = p.add_subparsers(dest="action", title="操作", required=True)
    build = actions.add_parser("build", help="由课程文件生成 .ipynb（不含输出），供 Voilà 课堂页面使用",
                               description="由课程文件生成 .ipynb（不含输出）。课程中的 ../datasets 等相对路径"
                                           "以输出文件夹为准，默认输出到项目的 build/ 文件夹。")
    build.add_argument("lesson", help="课程文件的路径或编号，如 notebooks/10-案例研讨.md 或 10")
    build.add_argument("-o", "--out", default=None, help="输出文件（.ipynb）或文件夹，默认 build/")
    build.set_defaults(func=_build)


def _lesson(ref) -> Path:
    from ..lessons import LessonNotFound, find_lesson

    try:
        return find_lesson(ref)
    except LessonNotFound as exc:
        raise UserError(str(exc)) from None


def _build(args) -> int:
    from ..lessons import build_ipynb

    print(build_ipynb(_lesson(args.lesson), args.out))
    return 0
