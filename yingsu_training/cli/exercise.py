"""``yingsu exercise``: write, validate, build and grade case exercises."""
from __future__ import annotations

import re
import sys
from pathlib import Path

from . import UserError


def register(sub) -> None:
    p = sub.add_parser("exercise", help="案例练习：新建、校验、生成学员笔记本、评分")
    cmds = p.add_subparsers(dest="exercise_command", metavar="子命令")
    new = cmds.add_parser("new", help="生成一道练习的模板（把 TODO 换成内容即可）")
    new.add_argument("id", help="练习编号，小写字母、数字、连字符，如 defence-national-day")
    new.add_argument("-d", "--dir", default=None, help="保存到哪个文件夹（默认 exercises/）")
    new.set_defaults(func=_new)
    val = cmds.add_parser("validate", help="校验练习文件（默认校验 exercises/ 下全部练习和练习集）")
    val.add_argument("paths", nargs="*", help="练习文件或文件夹")
    val.set_defaults(func=_validate)
    build = cmds.add_parser("build", help="为一个练习集生成学员笔记本（不含答案）")
    build.add_argument("set", help="练习集编号（exercises/sets/ 下的文件名）或练习集文件路径")
    build.add_argument("-o", "--output", required=True,
                       help="输出的 .ipynb 文件；加 --paper 时为试卷 .pdf（同时生成 -答案.pdf 和 -成绩录入.xlsx）")
    build.add_argument("--paper", action="store_true",
                       help="生成纸质试卷（案情、题目、答题卡）和单独的参考答案（含理由），均为 PDF")
    build.set_defaults(func=_build)
    grade = cmds.add_parser("grade", help="按答题数据库批改，输出 Excel 成绩表（可先导入旧的 .jsonl 答案文件）")
    grade.add_argument("answers", nargs="*", help="（可选）先导入这些旧答案文件（.jsonl）或 answers/ 文件夹")
    grade.add_argument("-o", "--output", required=True, help="输出的 .xlsx 文件")
    grade.add_argument("--store", default=None,
                       help="答题数据库文件（默认：环境变量 YINGSU_STORE，否则 answers/answers.sqlite3）")
    grade.add_argument("--pass-mark", type=float, default=60, metavar="分数线",
                       help="及格线，得分率百分数（默认 60，即 60%%）")
    grade.add_argument("--feedback", default=None, metavar="PDF或文件夹",
                       help="同时生成成绩反馈单：以 .pdf 结尾则全班一个文件，否则为每名学员一个 PDF 的文件夹")
    grade.add_argument("--title", default="案例练习成绩表", help="成绩表标题（打印在每页页眉）")
    grade.set_defaults(func=_grade)
    paper = cmds.add_parser("import-paper", help="把填好的纸质试卷成绩录入表（.xlsx）导入答题数据库")
    paper.add_argument("sheet", help="yingsu exercise build --paper 生成的 -成绩录入.xlsx（已填写）")
    paper.add_argument("--set", default=None, help="练习集编号（默认读成绩录入表的“说明”）")
    paper.add_argument("--store", default=None, help="答题数据库文件（默认同 grade）")
    paper.set_defaults(func=_import_paper)
    imp = cmds.add_parser("import", help="把旧的答案文件（.jsonl）或 answers/ 文件夹导入答题数据库（重复导入不会重复记录）")
    imp.add_argument("answers", nargs="+", help="答案文件或文件夹")
    imp.add_argument("--store", default=None, help="答题数据库文件（默认同 grade）")
    imp.set_defaults(func=_import)
    p.set_defaults(func=lambda a: p.print_help() or 0)


def _new(args) -> int:
    from ..exercises.model import exercises_dir
    from ..exercises.skeleton import skeleton

    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", args.id):
        raise UserError(f"练习编号“{args.id}”只能用小写字母、数字和连字符，如 defence-national-day")
    folder = Path(args.dir) if args.dir else exercises_dir()
    target = folder / f"{args.id}.yaml"
    if target.exists():
        raise UserError(f"{target} 已存在，不会覆盖")
    folder.mkdir(parents=True, exist_ok=True)
    target.write_text(skeleton(args.id), encoding="utf-8")
    print(f"已生成 {target}。把其中的 TODO 换成你的内容，然后运行：yingsu exercise validate {target}")
    return 0


def _validate(args) -> int:
    from ..exercises.validate import validate_paths

    for p in args.paths:
        if not Path(p).exists():
            raise FileNotFoundError(2, "not found", p)
    n, problems = validate_paths(args.paths or None)
    for p in problems:
        print(p)
    if problems:
        files = len({p.file for p in problems})
        print(f"共检查 {n} 个文件，{files} 个文件有 {len(problems)} 处问题。", file=sys.stderr)
        return 1
    print(f"共检查 {n} 个文件，全部通过。")
    return 0


def _build(args) -> int:
    from ..exercises.core import ExerciseError
    from ..exercises.notebook import build_notebook
    from ..exercises.sets import load_set

    if args.paper:
        return _build_paper(args)
    if not args.output.endswith(".ipynb"):
        raise UserError(f"输出文件应以 .ipynb 结尾：{args.output}")
    try:
        s = load_set(args.set)
        out = build_notebook(s, args.output)
    except FileNotFoundError as exc:
        raise UserError(exc.strerror) from None
    except ExerciseError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"已生成学员笔记本 {out}（{len(s.exercises)} 道练习，不含答案和评分要点）。")
    return 0


def _build_paper(args) -> int:
    from ..exercises.core import ExerciseError
    from ..exercises.paper import write_paper
    from ..exercises.sets import load_set
    from ..pdf import PdfError

    if not args.output.lower().endswith(".pdf"):
        raise UserError(f"纸质试卷的输出文件应以 .pdf 结尾：{args.output}")
    try:
        files = write_paper(load_set(args.set), args.output)
    except FileNotFoundError as exc:
        raise UserError(exc.strerror) from None
    except PdfError as exc:
        raise UserError(str(exc)) from None
    except ExerciseError as exc:
        print(exc, file=sys.stderr)
        return 1
    paper, key, sheet = files
    print(f"已生成试卷 {paper}（含答题卡）、参考答案 {key}（教员用，勿发给学员）和成绩录入表 {sheet}。")
    return 0


def _import_paper(args) -> int:
    from ..exercises.core import ExerciseError
    from ..exercises.paper import import_scores_sheet
    from ..exercises.sets import load_set

    _existing([args.sheet])
    db = _store(args)
    try:
        res = import_scores_sheet(args.sheet, load_set(args.set) if args.set else None, db)
    except FileNotFoundError as exc:
        raise UserError(exc.strerror) from None
    except ExerciseError as exc:
        print(exc, file=sys.stderr)
        return 1
    for p in res.problems:
        print(f"注意：{p}", file=sys.stderr)
    print(f"已导入 {res.imported} 份纸质答卷（按练习计）到答题数据库 {db.path}"
          + (f"；{res.already} 份此前已导入，未重复记录" if res.already else "") + "。")
    return 1 if res.problems and not (res.imported or res.already) else 0


def _existing(paths) -> None:
    for p in paths:
        if not Path(p).exists():
            raise FileNotFoundError(2, "not found", p)


def _store(args):
    from ..store import StoreError, open_store

    try:
        return open_store(args.store)
    except StoreError as exc:
        raise UserError(str(exc)) from None


def _print_problems(problems) -> None:
    for b in problems:
        where = f"{b.file}：" + (f"第{b.line}行：" if b.line else "")
        print(f"注意：{where}{b.reason}", file=sys.stderr)


def _import(args) -> int:
    from ..exercises.answers import import_answer_files

    _existing(args.answers)
    db = _store(args)
    res = import_answer_files(args.answers, db)
    _print_problems(res.problems)
    print(f"已导入 {res.imported} 次提交到答题数据库 {db.path}"
          + (f"；{res.already} 次此前已导入，未重复记录" if res.already else "") + "。")
    return 0


def _grade(args) -> int:
    from ..exercises.answers import import_answer_files
    from ..exercises.grading import grade_store
    from ..exercises.results import write_scores

    _existing(args.answers)
    if not args.output.endswith(".xlsx"):
        raise UserError(f"输出文件应以 .xlsx 结尾：{args.output}")
    if not 0 < args.pass_mark <= 100:
        raise UserError(f"及格线应在 0 到 100 之间（得分率百分数），实际为 {args.pass_mark:g}")
    from ..store import default_path

    if not args.answers and not Path(args.store or default_path()).exists():
        raise UserError(f"找不到答题数据库 {args.store or default_path()}：请用 --store 指定，"
                        "或先 yingsu exercise import answers/ 导入旧答案文件")
    db = _store(args)
    problems = []
    if args.answers:
        res = import_answer_files(args.answers, db)
        problems = [{"文件": b.file, "行": b.line, "说明": b.reason} for b in res.problems]
        print(f"已导入 {res.imported} 次提交到答题数据库 {db.path}"
              + (f"（{res.already} 次此前已导入）" if res.already else "") + "。")
    sheets = grade_store(db, pass_mark=args.pass_mark / 100, problems=problems)
    out = write_scores(sheets, args.output, title=args.title)
    summary = sheets["成绩汇总"]
    print(f"已评分 {len(summary)} 名学员，成绩表：{out}")
    if len(sheets["待批阅论述题"]):
        print(f"有 {len(sheets['待批阅论述题'])} 道论述题待教员批阅（见“待批阅论述题”工作表）。")
    for row in sheets["问题记录"].itertuples():
        where = f"{row.文件}：" + (f"第{int(row.行)}行：" if pd_notna(row.行) else "") if row.文件 else ""
        print(f"注意：{where}{row.说明}", file=sys.stderr)
    if args.feedback:
        from ..exercises.feedback import write_feedback

        files = write_feedback(sheets, args.feedback, title=args.title)
        print(f"已生成成绩反馈单 {len(files)} 个文件：{files[0] if len(files) == 1 else Path(args.feedback)}")
    return 0


def pd_notna(v) -> bool:
    return v is not None and v == v
