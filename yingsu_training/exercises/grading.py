"""Grading: one submission against its exercise's keys, and the class's answers in the store.

Scoring: a question scores its full points when the answer equals the key (multiple choice:
exactly the right set; number: within ``tolerance``; date: the same day), else 0. Open
(论述) questions are not auto-graded: they are listed for the instructor with the rubric.
When a trainee submitted the same exercise more than once, the latest submission counts.

The class's answers come from the answer store (:mod:`yingsu_training.store`): exercise
submissions made in the notebooks, paper scores typed in, and old JSONL folders once imported.
:func:`grade_store` turns them into the results workbook's tables (see :mod:`.results`).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

import pandas as pd

from ..opinion import load_opinion
from .core import Exercise, ExerciseError, Question
from .model import KIND_ZH
from .results import write_scores  # noqa: F401  (the workbook writer lives in results)

STATUS_ZH = {"right": "正确", "wrong": "错误", "unanswered": "未作答", "open": "待教员批阅",
             "unreadable": "无法识别", "marked": "已批阅"}


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


DEFAULT_PASS_MARK = 0.6
BANDS = [(0.0, 0.6, "60%以下"), (0.6, 0.7, "60%–69%"), (0.7, 0.8, "70%–79%"), (0.8, 0.9, "80%–89%"),
         (0.9, 1.01, "90%–100%")]


def wall_time(text: str):
    """A stored ISO time as the wall-clock date-time it was recorded at (no zone: Excel has none)."""
    from datetime import datetime
    try:
        return datetime.fromisoformat(str(text)).replace(tzinfo=None)
    except ValueError:
        return None


def _latest_exercise_rows(db) -> list:
    """Per (trainee, exercise), the submission that counts: the latest time, then the last row."""
    out: dict = {}
    for a in db.rows(kind=("exercise", "paper")):
        k = (a.trainee, a.question)
        t = wall_time(a.recorded_at)
        key = (t is not None, t or 0, a.id)
        if k not in out or key >= out[k][0]:
            out[k] = (key, a)
    return [a for _, a in sorted(out.values(), key=lambda v: (v[1].trainee, v[1].question))], \
        sum(1 for _ in db.rows(kind=("exercise", "paper"))) - len(out)


def _pct(num, den):
    return (num / den.where(den > 0)).round(4)


def grade_store(db=None, *, pass_mark: float = DEFAULT_PASS_MARK, exercise_loader=None,
                problems: list[dict] | None = None) -> dict[str, pd.DataFrame]:
    """Grade every exercise submission in the store (default: the default store).

    Returns the results workbook's tables, keyed by sheet name: 班级概况, 得分分布, 成绩汇总,
    学员×条款, 题目难度, 按条款, 逐题得分, 待批阅论述题, 问题记录. Rates are fractions (0.85);
    the workbook formats them as percentages. ``pass_mark`` is the 得分率 a trainee passes with.
    """
    from ..store import open_store
    from .validate import load_exercise

    db = db or open_store()
    loader = exercise_loader or load_exercise
    latest, superseded = _latest_exercise_rows(db)
    cache: dict[str, Exercise | None] = {}
    problems = list(problems or [])
    rows = []
    opinion = load_opinion()
    units: dict[str, str] = {}
    for sub in latest:
        eid = sub.question
        if sub.unit:
            units[sub.trainee] = sub.unit
        if eid not in cache:
            try:
                cache[eid] = loader(eid)
            except (FileNotFoundError, ExerciseError) as exc:
                cache[eid] = None
                problems.append({"文件": "答题数据库", "行": None,
                                 "说明": f"练习“{eid}”无法载入，未评分：{str(exc).splitlines()[0][:200]}"})
        ex = cache[eid]
        if ex is None or not isinstance(sub.answer, dict):
            continue
        marked = (sub.detail or {}).get("marked") or {}   # a paper's essay points, typed in
        for r in grade_answers(ex, sub.answer):
            q = r.question
            if not q.auto and q.id in marked:
                r.status, r.points = "marked", float(marked[q.id])
            rows.append({
                "学员": sub.trainee or "（未署名）", "单位": sub.unit, "练习": eid, "练习标题": ex.title,
                "题号": q.id, "题型": KIND_ZH[q.kind].removesuffix("题"),  # 单选 … 论述
                "条款": q.clause, "条款名称": opinion[q.clause].label,
                "作答": q.answer_text(r.answer) if r.status != "unreadable" else r.problem,
                "标准答案": q.answer_text(r.key) if q.auto else "（见评分要点）",
                "结果": STATUS_ZH[r.status], "得分": r.points, "满分": q.points,
                "提交时间": wall_time(sub.recorded_at), "来源": "纸质试卷" if sub.kind == "paper" else "笔记本",
                "评分要点": "；".join(p if w is None else f"{p}（{w:g}分）" for p, w in q.rubric),
                "依据": r.explanation or q.feedback_right,
            })
    cols = ["学员", "单位", "练习", "练习标题", "题号", "题型", "条款", "条款名称", "作答", "标准答案",
            "结果", "得分", "满分", "提交时间", "来源", "评分要点", "依据"]
    detail = pd.DataFrame(rows, columns=cols)
    auto = detail[detail["题型"] != "论述"]
    essays = detail[(detail["题型"] == "论述") & (detail["结果"] != STATUS_ZH["marked"])]

    g = detail.groupby("学员", sort=True)
    summary = pd.DataFrame({
        "单位": g["单位"].last(),
        "已提交练习数": g["练习"].nunique(),
        "自动评分得分": auto.groupby("学员")["得分"].sum(),
        "自动评分满分": auto.groupby("学员")["满分"].sum(),
        "待批阅论述题": essays.groupby("学员")["题号"].count(),
        "论述题满分": essays.groupby("学员")["满分"].sum(),
        "已批阅论述题得分": detail[detail["结果"] == STATUS_ZH["marked"]].groupby("学员")["得分"].sum(),
        "最后提交时间": g["提交时间"].max(),
    }, index=pd.Index(sorted(detail["学员"].unique()), name="学员"))
    for c in ("已提交练习数", "自动评分得分", "自动评分满分", "待批阅论述题", "论述题满分", "已批阅论述题得分"):
        summary[c] = summary[c].fillna(0)
    summary["得分率"] = _pct(summary["自动评分得分"], summary["自动评分满分"])
    summary["是否及格"] = summary["得分率"].map(lambda v: "" if pd.isna(v) else
                                               ("及格" if v >= pass_mark - 1e-9 else "不及格"))
    summary = summary.reset_index()[["学员", "单位", "已提交练习数", "自动评分得分", "自动评分满分", "得分率",
                                     "是否及格", "待批阅论述题", "论述题满分", "已批阅论述题得分",
                                     "最后提交时间"]]
    for c in ("已提交练习数", "待批阅论述题"):
        summary[c] = summary[c].astype(int)

    rates = summary["得分率"].dropna()
    passed = int((rates >= pass_mark - 1e-9).sum())
    overview = pd.DataFrame([
        ("学员人数", len(summary)),
        ("有自动评分题的学员", len(rates)),
        ("平均得分率", float(rates.mean()) if len(rates) else None),
        ("中位得分率", float(rates.median()) if len(rates) else None),
        ("最高得分率", float(rates.max()) if len(rates) else None),
        ("最低得分率", float(rates.min()) if len(rates) else None),
        ("及格线（得分率）", pass_mark),
        ("及格人数", passed),
        ("及格率", passed / len(rates) if len(rates) else None),
        ("待批阅论述题", int(len(essays))),
    ], columns=["项目", "数值"])
    bands = pd.DataFrame([(label, int(((rates >= lo - 1e-9) & (rates < hi - 1e-9)).sum()))
                          for lo, hi, label in BANDS], columns=["得分率区间", "人数"])

    order = {cid: i for i, cid in enumerate(opinion.ids)}
    if auto.empty:
        by_clause = pd.DataFrame(columns=["条款", "条款名称", "题数", "作答人次", "得分", "满分", "得分率"])
        matrix = pd.DataFrame(columns=["学员"])
        difficulty = pd.DataFrame(columns=["练习", "练习标题", "题号", "条款", "作答人数", "答对人数",
                                           "答对率", "最常见错误答案", "选该答案人数"])
    else:
        bc = auto.groupby(["条款", "条款名称"], sort=False).agg(
            作答人次=("学员", "count"), 得分=("得分", "sum"), 满分=("满分", "sum")).reset_index()
        n_q = auto.drop_duplicates(["练习", "题号"]).groupby("条款")["题号"].count()
        bc.insert(2, "题数", bc["条款"].map(n_q).astype(int))
        bc = bc.sort_values("条款", key=lambda s: s.map(order)).reset_index(drop=True)
        bc["得分率"] = _pct(bc["得分"], bc["满分"])
        by_clause = bc
        m = auto.groupby(["学员", "条款"]).agg(得分=("得分", "sum"), 满分=("满分", "sum"))
        m = _pct(m["得分"], m["满分"]).unstack("条款")
        m = m[sorted(m.columns, key=lambda c: order.get(c, 99))]
        m.columns = [f"{c} {opinion[c].label}" for c in m.columns]
        matrix = m.reset_index()
        drows = []
        for (eid, qid), grp in auto.groupby(["练习", "题号"], sort=True):
            wrong = grp[grp["结果"] != "正确"]["作答"]
            wrong = wrong[wrong.astype(str).str.len() > 0]
            common = wrong.value_counts()
            drows.append({"练习": eid, "练习标题": grp["练习标题"].iloc[0], "题号": qid,
                          "条款": grp["条款"].iloc[0], "作答人数": len(grp),
                          "答对人数": int((grp["结果"] == "正确").sum()),
                          "答对率": round((grp["结果"] == "正确").mean(), 4),
                          "最常见错误答案": common.index[0] if len(common) else "",
                          "选该答案人数": int(common.iloc[0]) if len(common) else 0})
        difficulty = pd.DataFrame(drows).sort_values(["答对率", "练习", "题号"]).reset_index(drop=True)

    open_q = essays[["学员", "练习", "练习标题", "题号", "条款名称", "作答", "满分", "评分要点"]].copy()
    open_q["教员评分"] = None
    problems_df = pd.DataFrame(problems, columns=["文件", "行", "说明"])
    if superseded:
        problems_df = pd.concat([problems_df, pd.DataFrame([{
            "文件": "", "行": None,
            "说明": f"有 {superseded} 次重复提交被同一学员同一练习的最新一次提交取代（以最后提交为准）"}])],
            ignore_index=True)
    return {"班级概况": overview, "得分分布": bands, "成绩汇总": summary, "学员×条款": matrix,
            "题目难度": difficulty, "按条款": by_clause,
            "逐题得分": detail.drop(columns=["评分要点", "依据"]), "待批阅论述题": open_q,
            "问题记录": problems_df, "_detail": detail}


def grade_files(paths: Iterable[str | Path], exercise_loader=None, *, store=None,
                pass_mark: float = DEFAULT_PASS_MARK) -> dict[str, pd.DataFrame]:
    """Import JSONL answer files into ``store`` (default: a throw-away one) and grade the store."""
    import tempfile

    from ..store import Store
    from .answers import import_answer_files

    def run(db):
        res = import_answer_files(paths, db, exercise_loader=exercise_loader)
        probs = [{"文件": b.file, "行": b.line, "说明": b.reason} for b in res.problems]
        return grade_store(db, pass_mark=pass_mark, exercise_loader=exercise_loader, problems=probs)

    if store is not None:
        return run(store)
    with tempfile.TemporaryDirectory() as tmp:
        db = Store(Path(tmp) / "answers.sqlite3")
        try:
            return run(db)
        finally:
            db.close()
