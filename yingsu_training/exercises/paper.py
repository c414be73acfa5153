"""Paper exams: a set printed as a 试卷 (cases, questions, answer sheet) and a separate key for
the instructor (answers with reasons and clauses, rubrics), both PDF; and the scores sheet the
instructor types a paper session's answers into, imported into the answer store.

    yingsu exercise build SET --paper -o 试卷.pdf       试卷.pdf + 试卷-答案.pdf + 试卷-成绩录入.xlsx
    yingsu exercise import-paper 试卷-成绩录入.xlsx     the typed answers into the store

Questions are numbered 第N题(k) — N the exercise, k its question — on the paper, the answer
sheet, the key and the scores sheet alike. Choices are lettered A, B, C …; on the scores sheet
the instructor types what the trainee wrote (A / AC / 对 / 2025-10-09 / 2000) and, for a 论述
question, the points awarded. The kit grades the typed answers as it grades a notebook's.
"""
from __future__ import annotations

import hashlib
import html
import json
from dataclasses import dataclass, field
from pathlib import Path

from ..calendar import fmt
from ..opinion import load_opinion
from ..pdf import html_to_pdf, page
from .core import TRUE_ZH, FALSE_ZH, Exercise, Question
from .model import DIFFICULTY_ZH, KIND_ZH
from .sets import ExerciseSet, load_set_exercises

LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
SHEET = "成绩录入"
FIXED = ["学员", "单位"]
HOW_TO_TYPE = {"single": "选项字母，如 B", "multiple": "选项字母连写，如 AC", "true_false": "对 或 错",
               "date": "日期，如 2025-10-09", "number": "数字", "open": "教员评定的得分"}


def _e(text) -> str:
    return html.escape(str(text))


def label(n: int, k: int) -> str:
    return f"{n}({k})"


def _options(q: Question) -> str:
    if q.kind in ("single", "multiple"):
        return "".join(f"<div style='margin-left:2em'>{LETTERS[i]}. {_e(o.text)}</div>"
                       for i, o in enumerate(q.options))
    if q.kind == "true_false":
        return f"<div style='margin-left:2em'>（{TRUE_ZH} / {FALSE_ZH}）</div>"
    return ""


def _head(exercise_set: ExerciseSet, exercises, what: str) -> str:
    total = sum(ex.total_points for ex in exercises)
    minutes = f"，考试时间 {exercise_set.minutes:g} 分钟" if exercise_set.minutes else ""
    return (f"<h1>{_e(exercise_set.title)}{_e(what)}</h1>"
            f"<div class='meta'>共 {len(exercises)} 道案例题，满分 {total:g} 分{minutes}</div>")


def paper_html(exercise_set: ExerciseSet, exercises: list[Exercise]) -> str:
    """The 试卷: instructions, each case with its facts and questions, then the answer sheet."""
    from .widgets import facts_html

    parts = ["<div class='section'>", _head(exercise_set, exercises, " · 试卷"),
             "<p>姓名 <span class='blank'></span>　单位 <span class='blank'></span></p>"]
    if exercise_set.description:
        parts.append(f"<p>{_e(exercise_set.description)}</p>")
    parts.append("<p>请把答案写在最后的答题卡上：选择题写选项字母，判断题写“对”或“错”，日期写年月日。</p>")
    for n, ex in enumerate(exercises, start=1):
        parts.append(f"<h2>第{n}题　{_e(ex.title)}（{ex.total_points:g}分，难度：{_e(DIFFICULTY_ZH[ex.difficulty])}）</h2>"
                     f"<p><b>案情</b>　{_e(ex.narrative)}</p>"
                     f"<p>检查日：{_e(fmt(ex.as_of))}</p>{facts_html(ex)}")
        for k, q in enumerate(ex.questions, start=1):
            parts.append(f"<p><b>{label(n, k)}</b>（{_e(KIND_ZH[q.kind])}，{q.points:g}分）{_e(q.prompt)}</p>"
                         + _options(q))
            if q.kind == "open":
                parts.append("<div style='height:45mm;border:0.6pt solid #999;margin:2pt 0 6pt'></div>")
    parts.append("</div><div class='section'>" + _head(exercise_set, exercises, " · 答题卡")
                 + "<p>姓名 <span class='blank'></span>　单位 <span class='blank'></span></p>"
                 "<table><thead><tr><th style='width:12%'>题号</th><th style='width:14%'>题型</th>"
                 "<th style='width:10%'>分值</th><th>作答</th></tr></thead><tbody>")
    for n, ex in enumerate(exercises, start=1):
        for k, q in enumerate(ex.questions, start=1):
            height = "8mm" if q.kind != "open" else "12mm"
            answer = "见试卷作答区" if q.kind == "open" else ""
            parts.append(f"<tr style='height:{height}'><td>{label(n, k)}</td><td>{_e(KIND_ZH[q.kind])}</td>"
                         f"<td>{q.points:g}</td><td>{answer}</td></tr>")
    parts.append("</tbody></table></div>")
    return "".join(parts)


def key_text(q: Question, key) -> str:
    if q.kind == "single":
        i = [o.value for o in q.options].index(key) if key in [o.value for o in q.options] else None
        return f"{LETTERS[i]}. {q.option_text(key)}" if i is not None else q.answer_text(key)
    if q.kind == "multiple":
        values = [o.value for o in q.options]
        return "、".join(f"{LETTERS[values.index(v)]}. {q.option_text(v)}" if v in values else str(v)
                        for v in key)
    return q.answer_text(key)


def key_html(exercise_set: ExerciseSet, exercises: list[Exercise]) -> str:
    """The instructor's key: every answer with its reason and the clause it tests."""
    opinion = load_opinion()
    parts = ["<div class='section'>", _head(exercise_set, exercises, " · 参考答案与评分要点（教员用）")]
    for n, ex in enumerate(exercises, start=1):
        parts.append(f"<h2>第{n}题　{_e(ex.title)}</h2><table><thead><tr><th style='width:8%'>题号</th>"
                     "<th style='width:26%'>答案</th><th style='width:7%'>分值</th><th>理由与条款</th></tr>"
                     "</thead><tbody>")
        for k, q in enumerate(ex.questions, start=1):
            clause = opinion[q.clause]
            if q.auto:
                answer = key_text(q, ex.key(q))
                reason = ex.key_explanation(q) or q.feedback_right
            else:
                answer = "（论述题）"
                reason = "评分要点：" + "；".join(p if w is None else f"{p}（{w:g}分）" for p, w in q.rubric)
            parts.append(f"<tr><td>{label(n, k)}</td><td>{_e(answer)}</td><td>{q.points:g}</td>"
                         f"<td>{_e(reason)}<div class='quote'>依据：{_e(clause.label)}——{_e(clause.text)}</div>"
                         "</td></tr>")
        parts.append("</tbody></table>")
    parts.append("</div>")
    return "".join(parts)


def write_paper(exercise_set: ExerciseSet, out: str | Path, exercise_loader=None) -> list[Path]:
    """``out`` (the 试卷), ``<out>-答案.pdf`` (the key) and ``<out>-成绩录入.xlsx``."""
    out = Path(out)
    exercises = load_set_exercises(exercise_set, exercise_loader)
    key = out.with_name(f"{out.stem}-答案.pdf")
    pdfs = html_to_pdf({out.name: page(exercise_set.title, paper_html(exercise_set, exercises)),
                        key.name: page(f"{exercise_set.title} 参考答案", key_html(exercise_set, exercises))},
                       out.parent)
    sheet = write_scores_sheet(exercise_set, exercises, out.with_name(f"{out.stem}-成绩录入.xlsx"))
    return [*pdfs, sheet]


def write_scores_sheet(exercise_set: ExerciseSet, exercises: list[Exercise], out: str | Path) -> Path:
    """The sheet a paper session's answers are typed into: one row per trainee, one column per
    question (headers 1(1), 1(2) …), and a 说明 sheet saying what goes in each column."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    from ..export import save_workbook_reproducibly
    from ..printing import a4_setup

    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    cols = [label(n, k) for n, ex in enumerate(exercises, start=1) for k in range(1, len(ex.questions) + 1)]
    ws.append(FIXED + cols)
    for c in ws[1]:
        c.font = Font(bold=True)
    ws.column_dimensions["A"].width = 14
    ws.column_dimensions["B"].width = 24
    ws.freeze_panes = "C2"
    a4_setup(ws, f"{exercise_set.title} · 成绩录入")
    info = wb.create_sheet("说明")
    info.append(["题号", "练习编号", "题目编号", "题型", "分值", "填写什么"])
    for n, ex in enumerate(exercises, start=1):
        for k, q in enumerate(ex.questions, start=1):
            info.append([label(n, k), ex.id, q.id, KIND_ZH[q.kind], q.points, HOW_TO_TYPE[q.kind]])
    info.append([])
    info.append([f"练习集：{exercise_set.id}。每名学员一行；没作答的题留空。填好后运行："
                 f"yingsu exercise import-paper 本文件.xlsx"])
    for letter, w in zip("ABCDEF", (8, 34, 10, 8, 6, 24)):
        info.column_dimensions[letter].width = w
    a4_setup(info, f"{exercise_set.title} · 成绩录入说明")
    save_workbook_reproducibly(wb, out)
    return Path(out)


@dataclass
class PaperImport:
    imported: int = 0
    already: int = 0
    problems: list[str] = field(default_factory=list)


def _typed_answer(q: Question, value, where: str, problems: list[str]):
    """What the instructor typed, as the notebook would have submitted it."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if q.kind in ("single", "multiple"):
        text = str(value).strip().upper().replace(" ", "").replace("，", "").replace(",", "").replace("、", "")
        n = len(q.options)
        if not text or any(ch not in LETTERS[:n] for ch in text) or (q.kind == "single" and len(text) != 1):
            problems.append(f"{where}：“{value}”不是{'一个' if q.kind == 'single' else ''}选项字母"
                            f"（{LETTERS[0]}–{LETTERS[n - 1]}）")
            return str(value)
        values = [q.options[LETTERS.index(ch)].value for ch in text]
        return values[0] if q.kind == "single" else values
    if q.kind == "open":
        try:
            points = float(value)
        except (TypeError, ValueError):
            problems.append(f"{where}：论述题应填教员评定的得分（数字），实际为“{value}”")
            return None
        if not 0 <= points <= q.points:
            problems.append(f"{where}：得分 {points:g} 超出本题分值 0–{q.points:g}")
        return points
    if hasattr(value, "isoformat"):
        return value.isoformat()[:10]
    try:
        q.parse_answer(value)
    except ValueError as exc:
        problems.append(f"{where}：{exc}")
    return value if isinstance(value, (int, float, str)) else str(value)


def import_scores_sheet(path: str | Path, exercise_set: ExerciseSet | None = None, store=None,
                        exercise_loader=None) -> PaperImport:
    """Import a filled 成绩录入 sheet; every problem names the file, row and column."""
    from openpyxl import load_workbook

    from ..store import open_store
    from .answers import record_submission
    from .grading import grade_answers
    from .sets import load_set

    path = Path(path)
    res = PaperImport()
    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a file that is no workbook
        res.problems.append(f"{path.name}：不是可读取的 .xlsx 成绩录入表（{type(exc).__name__}）")
        return res
    if SHEET not in wb.sheetnames or "说明" not in wb.sheetnames:
        res.problems.append(f"{path.name}：找不到“{SHEET}”和“说明”工作表，请用 yingsu exercise build --paper "
                            "生成的成绩录入表")
        return res
    if exercise_set is None:
        note = [r[0] for r in wb["说明"].iter_rows(values_only=True) if r and isinstance(r[0], str)
                and r[0].startswith("练习集：")]
        if not note:
            res.problems.append(f"{path.name}：“说明”工作表里没有写明练习集，请用 --set 指定")
            return res
        exercise_set = load_set(note[0].removeprefix("练习集：").split("。")[0])
    exercises = load_set_exercises(exercise_set, exercise_loader)
    columns = {label(n, k): (ex, q) for n, ex in enumerate(exercises, start=1)
               for k, q in enumerate(ex.questions, start=1)}
    rows = wb[SHEET].iter_rows(values_only=True)
    header = [str(h).strip() if h is not None else "" for h in next(rows, [])]
    unknown = [h for h in header[2:] if h and h not in columns]
    if header[:2] != FIXED or unknown:
        res.problems.append(f"{path.name}：表头应为 学员、单位 和题号 {'、'.join(list(columns)[:3])}…"
                            + (f"；不认识的列：{'、'.join(unknown[:5])}" if unknown else ""))
        return res
    db = store or open_store()
    for r, row in enumerate(rows, start=2):
        values = dict(zip(header, row))
        name = str(values.get("学员") or "").strip()
        if not name:
            if any(v not in (None, "") for v in row):
                res.problems.append(f"{path.name}：第{r}行：没有填学员姓名，这一行未导入")
            continue
        unit = str(values.get("单位") or "").strip()
        for ex in exercises:
            answers, marked = {}, {}
            for h, (e, q) in columns.items():
                if e is not ex:
                    continue
                got = _typed_answer(q, values.get(h), f"{path.name}：第{r}行“{h}”列", res.problems)
                if q.kind == "open":
                    if got is not None:
                        marked[q.id] = got
                    answers[q.id] = None
                else:
                    answers[q.id] = got
            if all(v is None for v in answers.values()) and not marked:
                continue
            sid = "paper-" + hashlib.sha256(json.dumps([exercise_set.id, name, ex.id, answers, marked],
                                                       ensure_ascii=False, default=str).encode()).hexdigest()[:32]
            before = db.count()
            from ..identity import Trainee
            record_submission(ex, answers, grade_answers(ex, answers), trainee=Trainee(name, unit),
                              store=db, notebook=f"纸质试卷：{exercise_set.id}", kind="paper",
                              submission_id=sid, detail={"marked": marked, "file": path.name, "row": r})
            if db.count() > before:
                res.imported += 1
            else:
                res.already += 1
    return res
