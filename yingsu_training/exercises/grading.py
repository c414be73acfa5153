"""Grading: one submission against its exercise's keys, and a class's answer files to Excel.

Scoring: a question scores its full points when the answer equals the key (multiple choice:
exactly the right set; number: within ``tolerance``; date: the same day), else 0. Open
(论述) questions are not auto-graded: they are listed for the instructor with the rubric.
When a trainee submitted the same exercise more than once, the latest submission counts.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

import pandas as pd

from ..opinion import load_opinion
from .answers import latest_submissions, read_answer_file
from .core import Exercise, ExerciseError, Question
from .model import KIND_ZH

STATUS_ZH = {"right": "正确", "wrong": "错误", "unanswered": "未作答", "open": "待教员批阅",
             "unreadable": "无法识别"}


@dataclass
class QuestionResult:
    question: Question
    answer: Any            # canonical form (None = unanswered)
    raw: Any
    status: str            # right | wrong | unanswered | open | unreadable
    points: float | None   # None for open questions (not yet marked)
    key: Any = None
    explanation: str = ""  # why the key is what it is (the rule's explanation; '' for explicit keys)
    problem: str = ""      # why an unreadable answer could not be read

    @property
    def max_points(self) -> float:
        return self.question.points


def grade_answers(ex: Exercise, answers: dict) -> list[QuestionResult]:
    """Grade ``answers`` ({question id: answer as submitted}) against ``ex``."""
    out = []
    for q in ex.questions:
        raw = answers.get(q.id)
        try:
            answer = q.parse_answer(raw)
        except ValueError as exc:
            out.append(QuestionResult(q, None, raw, "unreadable", 0.0 if q.auto else None,
                                      ex.key(q) if q.auto else None,
                                      ex.key_explanation(q) if q.auto else "", problem=str(exc)))
            continue
        if not q.auto:
            out.append(QuestionResult(q, answer, raw, "open", None))
            continue
        key = ex.key(q)
        expl = ex.key_explanation(q)
        if answer is None:
            out.append(QuestionResult(q, None, raw, "unanswered", 0.0, key, expl))
        elif q.is_right(answer, key):
            out.append(QuestionResult(q, answer, raw, "right", q.points, key, expl))
        else:
            out.append(QuestionResult(q, answer, raw, "wrong", 0.0, key, expl))
    return out


def serialise_answer(q: Question, answer) -> Any:
    """The JSON form of a canonical answer (what goes into the answer file)."""
    if answer is None:
        return None
    if q.kind == "date":
        return answer.isoformat()
    return answer


def grade_files(paths: Iterable[str | Path], exercise_loader=None) -> dict[str, pd.DataFrame]:
    """Grade answer files (``*.jsonl``, or folders of them). Returns the workbook's sheets."""
    from .validate import load_exercise

    loader = exercise_loader or load_exercise
    files: list[Path] = []
    for p in paths:
        p = Path(p)
        files += sorted(p.glob("*.jsonl")) if p.is_dir() else [p]
    subs, bad = [], []
    for f in files:
        s, b = read_answer_file(f)
        subs += s
        bad += b
    latest = latest_submissions(subs)
    superseded = len(subs) - len(latest)
    cache: dict[str, Exercise | None] = {}
    problems: list[dict] = [{"文件": b.file, "行": b.line, "说明": b.reason} for b in bad]
    rows = []
    opinion = load_opinion()
    for (trainee, eid), sub in sorted(latest.items()):
        if eid not in cache:
            try:
                cache[eid] = loader(eid)
            except (FileNotFoundError, ExerciseError) as exc:
                cache[eid] = None
                problems.append({"文件": sub.file, "行": sub.line,
                                 "说明": f"练习“{eid}”无法载入，未评分：{str(exc).splitlines()[0]}"})
        ex = cache[eid]
        if ex is None:
            continue
        for r in grade_answers(ex, sub.answers):
            q = r.question
            rows.append({
                "学员": trainee, "练习": eid, "练习标题": ex.title, "题号": q.id,
                "题型": KIND_ZH[q.kind].removesuffix("题"),  # 单选 … 论述
                "条款": q.clause, "条款名称": opinion[q.clause].label,
                "作答": q.answer_text(r.answer) if r.status != "unreadable" else r.problem,
                "标准答案": q.answer_text(r.key) if q.auto else "（见评分要点）",
                "结果": STATUS_ZH[r.status], "得分": r.points, "满分": q.points,
                "提交时间": sub.submitted_at,
                "评分要点": "；".join(p if w is None else f"{p}（{w:g}分）" for p, w in q.rubric),
            })
    cols = ["学员", "练习", "练习标题", "题号", "题型", "条款", "条款名称", "作答", "标准答案", "结果",
            "得分", "满分", "提交时间", "评分要点"]
    detail = pd.DataFrame(rows, columns=cols)
    auto = detail[detail["题型"] != "论述"]
    if detail.empty:
        summary = pd.DataFrame(columns=["学员", "已提交练习数", "自动评分得分", "自动评分满分", "得分率",
                                        "待批阅论述题", "论述题满分"])
        by_clause = pd.DataFrame(columns=["条款", "条款名称", "题数", "得分", "满分", "得分率"])
    else:
        g = detail.groupby("学员", sort=True)
        summary = pd.DataFrame({
            "已提交练习数": g["练习"].nunique(),
            "自动评分得分": auto.groupby("学员")["得分"].sum(),
            "自动评分满分": auto.groupby("学员")["满分"].sum(),
            "待批阅论述题": detail[detail["题型"] == "论述"].groupby("学员")["题号"].count(),
            "论述题满分": detail[detail["题型"] == "论述"].groupby("学员")["满分"].sum(),
        }).fillna(0).reset_index()
        summary["得分率"] = (summary["自动评分得分"] / summary["自动评分满分"].where(
            summary["自动评分满分"] > 0)).round(3)
        summary = summary[["学员", "已提交练习数", "自动评分得分", "自动评分满分", "得分率", "待批阅论述题",
                           "论述题满分"]]
        summary["已提交练习数"] = summary["已提交练习数"].astype(int)
        summary["待批阅论述题"] = summary["待批阅论述题"].astype(int)
        bc = auto.groupby(["条款", "条款名称"], sort=False).agg(
            题数=("题号", "count"), 得分=("得分", "sum"), 满分=("满分", "sum")).reset_index()
        order = {cid: i for i, cid in enumerate(opinion.ids)}
        bc = bc.sort_values("条款", key=lambda s: s.map(order)).reset_index(drop=True)
        bc["得分率"] = (bc["得分"] / bc["满分"]).round(3)
        by_clause = bc
    open_q = detail[detail["题型"] == "论述"][["学员", "练习", "练习标题", "题号", "条款名称", "作答",
                                             "满分", "评分要点"]].copy()
    open_q["教员评分"] = None
    problems_df = pd.DataFrame(problems, columns=["文件", "行", "说明"])
    if superseded:
        problems_df = pd.concat([problems_df, pd.DataFrame([{
            "文件": "", "行": None,
            "说明": f"有 {superseded} 次重复提交被同一学员同一练习的最新一次提交取代（以最后提交为准）"}])],
            ignore_index=True)
    return {"成绩汇总": summary, "逐题得分": detail.drop(columns=["评分要点"]), "按条款": by_clause,
            "待批阅论述题": open_q, "问题记录": problems_df}


def write_scores(sheets: dict[str, pd.DataFrame], out: str | Path) -> Path:
    """The scores workbook: one sheet per table, formula-inert (a trainee name beginning with
    ``=`` stays text)."""
    from ..export import write_sheets
    return write_sheets(sheets, out)
