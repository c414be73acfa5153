"""Exercises as objects: questions, keys (explicit or derived from the rules), grading.

A key may be written by the author (``key:``) or derived from the kit's own rules
(``derive:``): the case facts go through the loader's checks and the checker, and the answer is
read off the findings (or off the holiday calendar for ``period``). When both are written they
must agree; :mod:`.validate` reports the question and both answers otherwise.
"""
from __future__ import annotations

import math
import re
import warnings
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from typing import Any

import pandas as pd

from .. import schema as contract
from ..calendar import deadline_detail, fmt
from ..catalogue import obligation, parameter, parameters
from ..opinion import load_opinion
from .model import DIFFICULTY_ALIASES, KIND_ALIASES, Located

RECORD_TABLES = {"facts": contract.CASES, "suggestion": contract.SUGGESTIONS,
                 "agency_year": contract.AGENCIES}
RECORD_ZH = {"facts": "案件事实", "suggestion": "司法建议", "agency_year": "机关年度情况"}
TRUE_ZH, FALSE_ZH = "对", "错"


class ExerciseError(ValueError):
    """An exercise file is not valid; ``.problems`` lists every problem (file, line, message)."""

    def __init__(self, problems: list["ExerciseProblem"]):
        self.problems = list(problems)
        head = f"练习文件有 {len(self.problems)} 处问题："
        super().__init__("\n".join([head] + [f"  {p}" for p in self.problems]))


@dataclass(frozen=True)
class ExerciseProblem:
    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}：第{self.line}行：{self.message}"


# ---------------------------------------------------------------------------------------------
# answers: parsing what a trainee (or an author, for keys) wrote

def parse_date(value: Any) -> date | None:
    """2025-10-09, 2025/10/9, 2025年10月9日, a date/datetime; None when empty; ValueError if bad."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, pd.Timestamp):
        return None if pd.isna(value) else value.date()
    text = str(value).strip()
    m = re.fullmatch(r"(\d{4})\s*[年/.\-]\s*(\d{1,2})\s*[月/.\-]\s*(\d{1,2})\s*日?", text)
    if not m:
        raise ValueError(f"“{text}”不是日期，请写作 2025-10-09 或 2025年10月9日")
    return date(int(m[1]), int(m[2]), int(m[3]))


_TRUE = {"对", "正确", "是", "true", "t", "yes", "y", "1", "√"}
_FALSE = {"错", "错误", "否", "false", "f", "no", "n", "0", "×"}


def parse_bool(value: Any) -> bool | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise ValueError(f"“{value}”不是判断题的答案，请写 对/错")


def parse_number(value: Any) -> float | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise ValueError(f"“{value}”不是数字")
    if isinstance(value, (int, float)):
        return float(value)
    text = str(value).strip().replace(",", "").replace("，", "").replace("元", "").replace("日", "")
    try:
        return float(text)
    except ValueError:
        raise ValueError(f"“{value}”不是数字") from None


def value_text(value: Any) -> str:
    """An option value / key as text (YAML may give 3.2 as a float; 3.0 stays "3.0": clause ids
    are normalised earlier)."""
    if isinstance(value, bool):
        return TRUE_ZH if value else FALSE_ZH
    return str(value)


# ---------------------------------------------------------------------------------------------
# the objects

@dataclass(frozen=True)
class Option:
    value: str
    text: str


@dataclass
class Question:
    id: str
    kind: str                  # single | multiple | true_false | date | number | open
    clause: str
    prompt: str
    points: float
    options: list[Option] = field(default_factory=list)
    explicit_key: Any = None   # as written
    derive: Any = None
    feedback_right: str = ""
    feedback_wrong: str = ""
    rubric: list[tuple[str, float | None]] = field(default_factory=list)
    tolerance: float = 0.0
    unit: str = ""
    path: tuple = ()           # path in the YAML document (for line numbers)
    recheck: bool = True       # False for ``derive: none``: the rules do not re-check the key
    records: dict[str, dict] = field(default_factory=dict)  # the question's own hypothetical facts

    @property
    def auto(self) -> bool:
        return self.kind != "open"

    def option_text(self, value: str) -> str:
        for o in self.options:
            if o.value == value:
                return o.text
        return value

    def in_option_order(self, values) -> list[str]:
        order = {o.value: i for i, o in enumerate(self.options)}
        return sorted(set(values), key=lambda v: (order.get(v, len(order)), v))

    def parse_answer(self, value: Any):
        """The canonical form of an answer (None = unanswered). ValueError when unreadable."""
        if self.kind == "single":
            if value is None or value == "":
                return None
            return value_text(value)
        if self.kind == "multiple":
            if value is None or value == "":
                return None
            if isinstance(value, str):
                value = [v for v in re.split(r"[,，、;；\s]+", value) if v]
            return self.in_option_order({value_text(v) for v in value})
        if self.kind == "true_false":
            return parse_bool(value)
        if self.kind == "date":
            return parse_date(value)
        if self.kind == "number":
            return parse_number(value)
        text = "" if value is None else str(value)
        return text if text.strip() else None

    def answer_text(self, answer) -> str:
        """How an answer (canonical form) is shown to people."""
        if answer is None:
            return "（未作答）"
        if self.kind == "single":
            return self.option_text(answer)
        if self.kind == "multiple":
            return "、".join(self.option_text(v) for v in answer) or "（一项也未选）"
        if self.kind == "true_false":
            return TRUE_ZH if answer else FALSE_ZH
        if self.kind == "date":
            return fmt(answer)
        if self.kind == "number":
            shown = f"{answer:g}" if not float(answer).is_integer() else f"{int(answer)}"
            return shown + (self.unit or "")
        return str(answer)

    def is_right(self, answer, key) -> bool:
        if answer is None:
            return False
        if self.kind == "number":
            return math.isclose(answer, key, abs_tol=self.tolerance or 1e-9)
        if self.kind == "multiple":
            return set(answer) == set(key)
        return answer == key


@dataclass
class Exercise:
    id: str
    title: str
    clauses: list[str]
    difficulty: int
    narrative: str
    as_of: date
    records: dict[str, dict]   # facts / suggestion / agency_year: {column name: value as written}
    questions: list[Question]
    file: str = ""
    minutes: float | None = None
    tags: list[str] = field(default_factory=list)
    #: question id → (key, explanation) derived ahead (:meth:`with_derived_keys`)
    derived: dict = field(default_factory=dict, repr=False, compare=False)

    @property
    def total_points(self) -> float:
        return sum(q.points for q in self.questions)

    def question(self, qid: str) -> Question:
        for q in self.questions:
            if q.id == str(qid):
                return q
        raise KeyError(qid)

    # --- derived keys -----------------------------------------------------------------------
    def records_for(self, q: Question | None = None) -> dict[str, dict]:
        """The records a question is answered on: the exercise's, with the question's own
        hypothetical facts (``facts:`` under the question) written over them, column by column."""
        if q is None or not q.records:
            return self.records
        return merge_records(self.records, q.records)

    def frames(self, q: Question | None = None) -> dict[str, pd.DataFrame]:
        """Typed one-row frames of the facts (through the loader's checks); DataError if bad."""
        return _frames(self.file, _freeze(self.records_for(q)))

    def findings(self, q: Question | None = None) -> pd.DataFrame:
        return _findings(self.file, _freeze(self.records_for(q)), self.as_of)

    def key(self, q: Question):
        """The key of ``q`` in canonical form: derived when the question says so, else as written."""
        if q.derive is not None:
            return (self.derived.get(q.id) or derive_key(self, q))[0]
        return q.parse_answer(q.explicit_key)

    def key_explanation(self, q: Question) -> str:
        """Why the key is what it is, in Chinese (the rule's explanation) — '' for explicit keys."""
        if q.derive is None:
            return ""
        return (self.derived.get(q.id) or derive_key(self, q))[1]

    def with_derived_keys(self) -> "Exercise":
        """This exercise with every derived key worked out now (by the rules), so that grading
        it later needs no rule: what the classroom keeps for the whole class."""
        self.derived = {q.id: derive_key(self, q) for q in self.questions if q.derive is not None}
        return self


def shared_exercise(path_or_id) -> Exercise:
    """A valid exercise with its keys derived, for a page to show and grade. In the classroom
    the first kernel that needs it validates it and derives its keys; every other trainee's
    kernel reads that (:mod:`yingsu_training.classroom.shared`): no schema validation, no rule
    run per trainee."""
    from ..classroom.shared import shared
    from .model import find_exercise

    path = find_exercise(path_or_id)

    def compute() -> Exercise:
        from .validate import load_exercise

        return load_exercise(path).with_derived_keys()

    return shared("exercise", path, compute)


def merge_records(base: dict[str, dict], over: dict[str, dict]) -> dict[str, dict]:
    """``over``'s columns written over ``base``'s, kind by kind; a column written in Chinese in one
    and in English in the other is the same column (both become the contract's name)."""
    out = {}
    for kind in dict.fromkeys([*base, *over]):
        table = RECORD_TABLES[kind]
        merged = {table.zh_to_name.get(str(k), k): v for k, v in base.get(kind, {}).items()}
        merged.update({table.zh_to_name.get(str(k), k): v for k, v in over.get(kind, {}).items()})
        out[kind] = merged
    return out


def _freeze(records: dict[str, dict]):
    return tuple((k, tuple((c, _hashable(v)) for c, v in rec.items())) for k, rec in records.items())


def _hashable(v):
    return str(v) if isinstance(v, (list, dict)) else v


def cell_text(value: Any) -> str | None:
    """A YAML value as a spreadsheet cell would hold it (what the loader parses)."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def record_frame(record: dict) -> pd.DataFrame:
    """A one-row raw frame, columns as the author wrote them, cells as text (like a CSV)."""
    return pd.DataFrame([{str(k): cell_text(v) for k, v in record.items()}], dtype="object")


@lru_cache(maxsize=256)
def _frames(file: str, frozen) -> dict[str, pd.DataFrame]:
    from ..loaders import coerce_frame

    out = {}
    for kind, items in frozen:
        table = RECORD_TABLES[kind]
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # notices (e.g. optional columns absent) are expected
            out[kind] = coerce_frame(record_frame(dict(items)), table, file)
    return out


@lru_cache(maxsize=256)
def _findings(file: str, frozen, as_of: date) -> pd.DataFrame:
    from .. import checks

    frames = _frames(file, frozen)
    parts = []
    if "facts" in frames:
        parts.append(checks.check_cases(frames["facts"], as_of=as_of, explain=True))
    if "suggestion" in frames:
        parts.append(checks.check_suggestions(frames["suggestion"], as_of=as_of, explain=True))
    if "agency_year" in frames:
        parts.append(checks.check_agencies(frames["agency_year"], as_of=as_of, explain=True))
    cols = ["obligation_id", "status", "label", "due_on", "explanation"]
    if not parts:
        return pd.DataFrame(columns=cols)
    return pd.concat([p[cols].astype({"obligation_id": str, "status": str, "label": str})
                      for p in parts], ignore_index=True)


class DeriveError(ValueError):
    """A key cannot be derived from the facts (message in Chinese)."""


def _finding(ex: Exercise, clause: str, q: Question | None = None) -> pd.Series:
    f = ex.findings(q)
    rows = f[f["obligation_id"] == str(clause)]
    if rows.empty:
        raise DeriveError(f"检查器对条款 {clause} 没有结论（该条款不由规则检查，或练习没有给出相应记录）")
    return rows.iloc[0]


def _record_value(ex: Exercise, column: str, q: Question | None = None):
    for kind, frame in ex.frames(q).items():
        table = RECORD_TABLES[kind]
        name = table.zh_to_name.get(column, column)
        if name in frame.columns:
            return frame[name].iloc[0], table.column(name)
    raise DeriveError(f"练习的事实中没有“{column}”这一项")


def derive_key(ex: Exercise, q: Question, spec=None):
    """``(key, explanation)`` for a question with ``derive`` (or for ``spec``); DeriveError when
    not derivable."""
    return _derive(ex, q, q.derive if spec is None else spec)


STATUS_WORDS = set(contract.STATUSES) | set(contract.STATUS_ZH.values())


def implied_derive(ex: Exercise, q: Question):
    """The derivation an explicitly keyed question evidently asks for, or None.

    Only unambiguous cases: a single choice among check statuses about a rule-checked clause
    whose record is in the exercise (→ ``{status: clause}``); a multiple choice among clause ids
    with case facts (→ ``violations``); a date question on 3.2 without an evidence extension
    (→ the defence deadline) or on 10.1 with a suggestion (→ the reply deadline). ``derive: none``
    opts out (for hypothetical questions).
    """
    if q.derive is not None or q.explicit_key is None or not q.recheck:
        return None
    values = [o.value for o in q.options]
    ob = obligation(q.clause)
    record_of = {"case": "facts", "suggestion": "suggestion", "agency_year": "agency_year"}
    records = ex.records_for(q)
    has_record = ob.checked and record_of.get(ob.record) in records
    if q.kind == "single" and has_record and len(values) >= 2 and set(values) <= STATUS_WORDS:
        return {"status": q.clause}
    ids = set(load_opinion().ids)
    if q.kind == "multiple" and "facts" in records and values and set(values) <= ids:
        return "violations"
    if q.kind == "date" and q.clause == "3.2" and "facts" in records:
        facts = {contract.CASES.zh_to_name.get(k, k): v for k, v in records["facts"].items()}
        if facts.get("complaint_received_on") and not facts.get("evidence_extension_until"):
            return {"deadline": "3.2"}
    if q.kind == "date" and q.clause == "10.1" and "suggestion" in records:
        return {"deadline": "10.1"}
    return None


def _derive(ex: Exercise, q: Question, spec):
    opinion = load_opinion()
    if spec == "violations":
        f = ex.findings(q)
        broken = [str(c) for c in f.loc[f["status"] == "violation", "obligation_id"]]
        values = [o.value for o in q.options]
        missing = [c for c in broken if c not in values]
        if missing:
            raise DeriveError("检查器认定违反了" + "、".join(opinion[c].label for c in missing)
                              + "，但选项中没有这些条款")
        expl = "；".join(r.explanation for r in f.itertuples()
                        if r.status == "violation") or "检查器未发现违反任何条款。"
        return q.in_option_order(broken), expl
    if spec == "checked_clauses":
        values = [o.value for o in q.options]
        unknown = [v for v in values if v not in opinion]
        if unknown:
            raise DeriveError("选项应为条款编号，这些不是：" + "、".join(unknown))
        checked = [v for v in values if obligation(v).checked]
        expl = "；".join(f"{opinion[v].label}：{'由检查规则自动检查' if obligation(v).checked else '研讨条款，不自动判定'}"
                        for v in values)
        return checked, expl + "。"
    if spec == "head_must_appear":
        from ..rules.clause_4_2_head_must_appear import TRIGGERS as flags  # the rule's own list

        frame = ex.frames(q).get("facts")
        if frame is None:
            raise DeriveError("练习没有案件事实（facts），无法判断负责人是否必须出庭")
        on = [c for c in flags if bool(frame[c].fillna(False).iloc[0])]
        zh = contract.CASES.name_to_zh
        expl = ("本案存在" + "、".join(zh[c] for c in on) + "情形，属于四（二）规定负责人应当出庭的案件"
                if on else "本案不存在涉及重大公共利益、社会高度关注、可能引发群体性事件或法院书面建议负责人出庭的情形")
        basis = next(b.citation for b in obligation("4.2").legal_basis if "一百二十九条" in b.article)
        return bool(on), f"{expl}（{basis}）。"
    if not isinstance(spec, dict):
        raise DeriveError(f"不认识的 derive：{spec}")
    if "status" in spec or "violates" in spec:
        clause = str(spec.get("status", spec.get("violates")))
        row = _finding(ex, clause, q)
        if "violates" in spec:
            return row.status == "violation", row.explanation
        values = [o.value for o in q.options]
        for cand in (row.status, contract.STATUS_ZH[row.status]):
            if cand in values:
                return cand, row.explanation
        raise DeriveError(f"检查器对条款 {clause} 的结论是“{contract.STATUS_ZH[row.status]}”"
                          f"（{row.status}），但选项中没有这一项")
    if "deadline" in spec:
        row = _finding(ex, str(spec["deadline"]), q)
        if pd.isna(row.due_on):
            raise DeriveError(f"检查器对条款 {spec['deadline']} 没有算出期限（{row.explanation}）")
        return pd.Timestamp(row.due_on).date(), row.explanation
    if "period" in spec:
        column, pname = spec["period"]
        start, _ = _record_value(ex, column, q)
        if pd.isna(start):
            raise DeriveError(f"“{column}”为空，无法计算期间")
        days = parameter(pname, pd.Timestamp(start).date())
        detail = deadline_detail(pd.Timestamp(start).date(), days)
        # the period rule in force on the start day (法释〔2018〕1号第四十八条 from 2018-02-08)
        rule = parameters()["period_rule"].at(pd.Timestamp(start).date())
        return detail.due, f"{detail.describe()}（{rule}）。"
    if "parameter" in spec:
        param = parameters()[spec["parameter"]]
        value, basis = param.at(ex.as_of), param.reference_at(ex.as_of)
        return float(value), f"{param.description}：{value}（{basis.citation}：{basis.quote}）"
    if "daily_fine" in spec:
        pname = f"fine_per_day_{spec['daily_fine']}_yuan"
        days = spec["days"]
        if days == "overdue":
            due, _ = _record_value(ex, "performance_due_on", q)
            if pd.isna(due):
                raise DeriveError("“履行期限届满日”为空，无法计算逾期天数")
            due = pd.Timestamp(due).date()
            done, _ = _record_value(ex, "performed_on", q)
            end = pd.Timestamp(done).date() if not pd.isna(done) else ex.as_of
            days = (end - due).days
            if days <= 0:
                raise DeriveError("按事实并未逾期履行，无法计算罚款")
        per_day = parameter(pname, ex.as_of)
        word = "上限" if spec["daily_fine"] == "max" else "下限"
        return float(per_day * days), (f"按日罚款{word}每日{per_day}元 × {days}日 = {per_day * days}元"
                                       f"（{parameters()[pname].citation}）。")
    raise DeriveError(f"不认识的 derive：{spec}")


# ---------------------------------------------------------------------------------------------
# building from a validated document

def build_exercise(loc: Located, doc: dict) -> Exercise:
    """The Exercise of a document that passed the schema (``doc``: normalised data)."""
    questions = []
    for i, raw in enumerate(doc["questions"]):
        kind = KIND_ALIASES[raw["kind"]]
        options = []
        if kind in ("single", "multiple"):
            opinion = load_opinion()
            plain = [value_text(o) for o in raw.get("options", []) if not isinstance(o, dict)]
            # options written as clause ids ("3.2", "12.2") are shown with the clause's label
            clause_ids = bool(plain) and all(v in opinion for v in plain) and any("." in v for v in plain)
            for o in raw.get("options", []):
                if isinstance(o, dict):
                    options.append(Option(value_text(o["value"]), str(o["text"])))
                else:
                    v = value_text(o)
                    options.append(Option(v, opinion[v].label if clause_ids else v))
        fb = raw.get("feedback") or {}
        rubric = []
        for r in raw.get("rubric", []) or []:
            rubric.append((r["point"], float(r["points"])) if isinstance(r, dict) else (str(r), None))
        questions.append(Question(
            id=str(raw["id"]), kind=kind, clause=str(raw["clause"]), prompt=str(raw["prompt"]),
            points=float(raw["points"]), options=options, explicit_key=raw.get("key"),
            derive=None if raw.get("derive") == "none" else raw.get("derive"), feedback_right=fb.get("right", ""),
            feedback_wrong=fb.get("wrong", ""), rubric=rubric,
            tolerance=float(raw.get("tolerance", 0) or 0), unit=str(raw.get("unit", "") or ""),
            path=("questions", i), recheck=raw.get("derive") != "none",
            records={k: dict(raw[k]) for k in RECORD_TABLES if raw.get(k)}))
    records = {k: dict(doc[k]) for k in RECORD_TABLES if doc.get(k)}
    return Exercise(
        id=doc["id"], title=doc["title"], clauses=[str(c) for c in doc["clauses"]],
        difficulty=DIFFICULTY_ALIASES[doc["difficulty"]], narrative=doc["narrative"],
        as_of=parse_date(doc["as_of"]), records=records, questions=questions, file=loc.file,
        minutes=doc.get("minutes"), tags=list(doc.get("tags") or []))
