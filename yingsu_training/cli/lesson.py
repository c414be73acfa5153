"""``yingsu lesson new|print|build``: work with the lessons (notebooks/NN-名称.md)."""
from __future__ import annotations

import os
from pathlib import Path

from . import UserError


def register(sub) -> None:
    p = sub.add_parser("lesson", help="课程（notebooks/ 中的 .md 课程文件）：新建、打印讲义、生成 .ipynb",
                       description="课程是 notebooks/ 中的 MyST markdown 文件（JupyterLab 中以笔记本打开）。")
    actions = p.add_subparsers(dest="action", title="操作", required=True)
    new = actions.add_parser("new", help="由课程模板 notebooks/_模板.md 新建一课（模板中写有编写规则）",
                             description="复制课程模板 notebooks/_模板.md，填入标题和条款。模板的每个单元格写有编写规则。")
    new.add_argument("name", help="课程文件名：两位编号-名称，如 12-本单位案例")
    new.add_argument("--title", default=None, help="课程标题（默认取文件名中的名称）")
    new.add_argument("--clauses", default="3.2", help="涵盖的条款编号，逗号分隔，如 3.2,4.2（默认 3.2）")
    new.set_defaults(func=_new)
    handout = actions.add_parser("print", help="把一课打印成 PDF 讲义（正文、条文、情景的检查结论、不含答案的练习）",
                                 description="运行课程并写出 PDF 讲义，供没有电脑的学员使用：正文、条文、"
                                             "情景的检查结论和图表、练习题（只有题目和选项，不含答案）。"
                                             "需要 Debian 的 chromium 和 fonts-noto-cjk。")
    handout.add_argument("lesson", help="课程文件的路径或编号，如 02")
    handout.add_argument("-o", "--out", default=None, help="输出的 PDF 文件或文件夹，默认当前文件夹下的 <课程名>.pdf")
    handout.set_defaults(func=_print)
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


def _new(args) -> int:
    from ..lessons import LessonError, new_lesson

    try:
        path = new_lesson(args.name, title=args.title, clauses=args.clauses.replace("，", ",").split(","))
    except LessonError as exc:
        raise UserError(str(exc)) from None
    shown = os.path.relpath(path)
    print(f"已新建课程：{shown}")
    print("在 JupyterLab 中双击打开，按单元格中的“编写规则”修改；写完后检查（项目文件夹下）：")
    print(f"  .venv/bin/python -m pytest tests/test_notebooks.py \"{shown}\"")
    return 0


def _print(args) -> int:
    from ..handout import print_handout
    from ..pdf import PdfError

    try:
        path = print_handout(_lesson(args.lesson), args.out)
    except PdfError as exc:
        raise UserError(str(exc)) from None
    except OSError as exc:
        from . import file_error

        raise UserError(file_error(exc)) from None
    print(f"已写出讲义：{os.path.relpath(path)}")
    return 0
