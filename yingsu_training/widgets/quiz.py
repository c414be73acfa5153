"""A small quiz block for lessons: single choice, multiple choice and true/false questions.

Questions are plain dicts::

    {"prompt": "答辩期间从哪一天开始计算？",
     "options": ["收到起诉状副本当日", "收到起诉状副本次日"],
     "answer": 1,                       # an index, an option's text, a list of them, or True/False
     "explanation": "期间开始的日不计算在期间内。",
     "clause": "3.2"}                   # the clause quoted in the feedback (load_opinion())

``kind`` ("single", "multiple", "truefalse") may be given; otherwise it follows from the
answer (True/False → true/false, a list → multiple, else single). True/false questions need no
options. Pure functions: :func:`normalise_questions`, :func:`grade_quiz`, :func:`quiz_result_html`.
"""
from __future__ import annotations

from dataclasses import dataclass

import ipywidgets as w

from ..opinion import load_opinion
from ._common import MAIN_CLASS, View, box, clause_quote_html, esc, feedback_area, paragraphs

KINDS_ZH = {"single": "单选题", "multiple": "多选题", "truefalse": "判断题"}
TRUE_FALSE = ("正确", "错误")
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


@dataclass(frozen=True)
class Question:
    prompt: str
    kind: str
    options: tuple[str, ...]
    answer: frozenset[int]
    explanation: str
    clause_id: str | None

    def option_text(self, i: int) -> str:
        if self.kind == "truefalse":
            return self.options[i]
        return f"{LETTERS[i]}. {self.options[i]}"

    def answer_text(self, chosen) -> str:
        return "；".join(self.option_text(i) for i in sorted(chosen))


def _index(value, options, where, problems):
    if isinstance(value, bool):
        problems.append(f"{where}：答案“{value}”不是选项序号或选项文字")
        return None
    if isinstance(value, int):
        if 0 <= value < len(options):
            return value
        problems.append(f"{where}：答案序号 {value} 超出范围（选项序号从 0 到 {len(options) - 1}）")
        return None
    text = str(value).strip()
    if text in options:
        return options.index(text)
    if len(text) == 1 and text.upper() in LETTERS[:len(options)]:
        return LETTERS.index(text.upper())
    problems.append(f"{where}：答案“{text}”不是任何一个选项")
    return None


def normalise_questions(questions) -> list[Question]:
    """Check the question dicts and return :class:`Question` objects.

    Raises ``ValueError`` with every problem at once, each naming the question (第N题) and field.
    """
    opinion = load_opinion()
    problems: list[str] = []
    out: list[Question] = []
    if not isinstance(questions, (list, tuple)) or not questions:
        raise ValueError("练习题应为非空的列表，每道题是一个字典（prompt、options、answer、explanation、clause）。")
    for n, q in enumerate(questions, start=1):
        where = f"第{n}题"
        if not isinstance(q, dict):
            problems.append(f"{where}：应为字典")
            continue
        unknown = set(q) - {"prompt", "options", "answer", "explanation", "why", "clause",
                            "clause_id", "kind"}
        if unknown:
            problems.append(f"{where}：不认识的字段 {'、'.join(sorted(unknown))}")
        prompt = str(q.get("prompt") or "").strip()
        if not prompt:
            problems.append(f"{where}：缺少题干（prompt）")
        answer = q.get("answer")
        kind = q.get("kind") or ("truefalse" if isinstance(answer, bool)
                                 else "multiple" if isinstance(answer, (list, tuple, set)) else "single")
        if kind not in KINDS_ZH:
            problems.append(f"{where}：题型（kind）应为 single、multiple 或 truefalse，实际为“{kind}”")
            continue
        clause_id = q.get("clause", q.get("clause_id"))
        if clause_id is not None:
            clause_id = str(clause_id)
            if clause_id not in opinion:
                problems.append(f"{where}：条款编号（clause）“{clause_id}”不存在，应形如 \"3.2\"")
        chosen: set[int] = set()
        if kind == "truefalse":
            options = TRUE_FALSE
            if not isinstance(answer, bool):
                problems.append(f"{where}：判断题的答案（answer）应为 True 或 False")
            else:
                chosen = {0 if answer else 1}
        else:
            options = tuple(str(o) for o in (q.get("options") or ()))
            if len(options) < 2:
                problems.append(f"{where}：选择题至少需要两个选项（options）")
            if len(set(options)) != len(options):
                problems.append(f"{where}：选项（options）有重复")
            values = list(answer) if isinstance(answer, (list, tuple, set)) else [answer]
            if answer is None or not values:
                problems.append(f"{where}：缺少答案（answer）")
            elif kind == "single" and len(values) != 1:
                problems.append(f"{where}：单选题只能有一个答案")
            elif options:
                for v in values:
                    i = _index(v, options, where, problems)
                    if i is not None:
                        chosen.add(i)
        out.append(Question(prompt, kind, options, frozenset(chosen),
                            str(q.get("explanation") or q.get("why") or "").strip(), clause_id))
    if problems:
        raise ValueError(f"练习题有 {len(problems)} 处问题：\n" + "\n".join(f"  {p}" for p in problems))
    return out


@dataclass(frozen=True)
class ItemResult:
    number: int           # 1-based
    question: Question
    chosen: frozenset[int]
    status: str           # correct | wrong | unanswered


@dataclass(frozen=True)
class QuizResult:
    items: tuple[ItemResult, ...]

    @property
    def score(self) -> int:
        return sum(i.status == "correct" for i in self.items)

    @property
    def total(self) -> int:
        return len(self.items)

    @property
    def unanswered(self) -> int:
        return sum(i.status == "unanswered" for i in self.items)

    @property
    def all_correct(self) -> bool:
        return self.total > 0 and self.score == self.total

    def summary(self) -> str:
        if self.all_correct:
            return f"全部正确！得分 {self.score}/{self.total}。"
        text = f"得分 {self.score}/{self.total}"
        wrong = self.total - self.score - self.unanswered
        if wrong:
            text += f"，答错 {wrong} 题"
        if self.unanswered:
            text += f"，有 {self.unanswered} 题未作答（未作答的题目未判定、不计分）"
        return text + "。"


def _as_set(response) -> frozenset[int]:
    if response is None:
        return frozenset()
    if isinstance(response, (set, frozenset, list, tuple)):
        return frozenset(int(i) for i in response)
    return frozenset({int(response)})


def grade_quiz(questions, responses) -> QuizResult:
    """Grade responses (per question: None, an option index, or a set of indices)."""
    qs = [q if isinstance(q, Question) else None for q in questions]
    if any(q is None for q in qs):
        qs = normalise_questions(questions)
    responses = list(responses) + [None] * (len(qs) - len(responses))
    items = []
    for n, (q, r) in enumerate(zip(qs, responses), start=1):
        chosen = _as_set(r)
        status = "unanswered" if not chosen else "correct" if chosen == q.answer else "wrong"
        items.append(ItemResult(n, q, chosen, status))
    return QuizResult(tuple(items))


def item_html(item: ItemResult) -> str:
    q = item.question
    if item.status == "unanswered":
        return box("warn", f"第{item.number}题：未作答", paragraphs(["请选择答案后再提交。"]))
    lines = []
    if item.status == "wrong":
        lines.append(f"你的答案：{q.answer_text(item.chosen)}")
        if q.kind == "multiple":
            missed = q.answer - item.chosen
            extra = item.chosen - q.answer
            if missed:
                lines.append(f"漏选：{q.answer_text(missed)}")
            if extra:
                lines.append(f"多选：{q.answer_text(extra)}")
    lines.append(f"正确答案：{q.answer_text(q.answer)}")
    if q.explanation:
        lines.append(f"解析：{q.explanation}")
    body = paragraphs(lines) + (clause_quote_html(q.clause_id) if q.clause_id else "")
    title = f"第{item.number}题：{'回答正确' if item.status == 'correct' else '回答错误'}"
    return box("ok" if item.status == "correct" else "wrong", title, body)


def item_line(item: ItemResult) -> str:
    """One line per question for the overall feedback: 第1题：回答错误（正确答案：B. …）."""
    if item.status == "unanswered":
        return f"第{item.number}题：未作答"
    if item.status == "correct":
        return f"第{item.number}题：回答正确"
    return f"第{item.number}题：回答错误（正确答案：{item.question.answer_text(item.question.answer)}）"


def quiz_result_html(result: QuizResult) -> str:
    """The score and one line per question (the details appear under each question)."""
    tone = "ok" if result.all_correct else "warn" if result.unanswered else "wrong"
    return box(tone, result.summary(), paragraphs(item_line(i) for i in result.items))


class Quiz(View):
    """Questions with radio buttons / checkboxes, a 提交答案 button, per-question feedback and a
    score. ``Quiz(questions, title="小测验")``.

    ``.score`` (CSS class ``yingsu-feedback``) shows the score and one line per question; the
    detailed feedback with the clause appears under each question (``.item_feedback``).
    """

    def __init__(self, questions, title: str = "小测验", main: bool = False, *,
                 notebook: str | None = None, store=None, paced: bool | None = None, poll: bool = True):
        from ..store import current_notebook
        from .live import Poller, paced as classroom_paced

        self.questions = normalise_questions(questions)
        self.title = title
        self.notebook = notebook or current_notebook(default=title)
        self._store = store
        self.paced = classroom_paced() if paced is None else paced
        self.revealed_numbers: set[int] = set()
        self.inputs: list = []
        self.item_feedback: list[w.HTML] = []
        rows = []
        for n, q in enumerate(self.questions, start=1):
            head = w.HTML(f"<b>{n}. （{KINDS_ZH[q.kind]}）</b>{esc(q.prompt)}")
            options = [(q.option_text(i), i) for i in range(len(q.options))]
            if q.kind == "multiple":
                boxes = [w.Checkbox(description=text, value=False, indent=False,
                                    layout=w.Layout(width="95%")) for text, _ in options]
                control = w.VBox(boxes)
                self.inputs.append(boxes)
            else:
                control = w.RadioButtons(options=options, value=None, layout=w.Layout(width="95%"))
                self.inputs.append(control)
            fb = w.HTML(layout=w.Layout(width="100%"))
            fb.add_class("yingsu-item-feedback")
            self.item_feedback.append(fb)
            rows.append(w.VBox([head, control, fb], layout=w.Layout(margin="0 0 8px 0")))
        self.submit_button = w.Button(description="提交答案", button_style="primary",
                                      layout=w.Layout(width="20%", min_width="90px"))
        self.score = feedback_area()
        self.submit_button.on_click(lambda _: self.submit())
        self.result: QuizResult | None = None
        self._saved_note = ""
        self.widget = w.VBox([w.HTML(f"<h4 style='margin:4px 0'>{esc(title)}</h4>"), *rows,
                              self.submit_button, self.score], layout=w.Layout(width="100%"))
        if main:
            self.widget.add_class(MAIN_CLASS)
        self.poller = Poller(self.refresh).start() if self.paced and poll else None

    def question_id(self, number: int) -> str:
        """The store's id of question ``number`` (1-based): ``小测验·第2题``."""
        return f"{self.title}·第{number}题"

    @property
    def store(self):
        from ..store import open_store
        return self._store or open_store()

    def _record(self, result: QuizResult) -> bool:
        from ..store import StoreError

        try:
            for item in result.items:
                q = item.question
                answer = ([q.options[i] if q.kind == "truefalse" else LETTERS[i] for i in sorted(item.chosen)]
                          if item.chosen else None)
                if answer and q.kind != "multiple":
                    answer = answer[0]
                self.store.record(notebook=self.notebook, question=self.question_id(item.number),
                                  answer=answer, correct=None if item.status == "unanswered"
                                  else item.status == "correct", score=float(item.status == "correct"),
                                  max_score=1.0, clause=q.clause_id, kind="quiz",
                                  detail={"prompt": q.prompt})
        except StoreError:
            return False
        return True

    def _show(self) -> None:
        """Per-question feedback for what may be shown (all, or what the instructor revealed)."""
        if self.result is None:
            return
        for fb, item in zip(self.item_feedback, self.result.items):
            if not self.paced or item.number in self.revealed_numbers:
                fb.value = item_html(item)
            else:
                fb.value = box("info", f"第{item.number}题：已提交", paragraphs(["等待教员揭晓答案。"]))
        if not self.paced or len(self.revealed_numbers) == len(self.result.items):
            self.score.value = quiz_result_html(self.result) + self._saved_note
        else:
            self.score.value = box("info", "答案已提交", paragraphs(
                [f"教员已揭晓 {len(self.revealed_numbers)} / {len(self.result.items)} 题。"])) + self._saved_note

    def refresh(self) -> None:
        """Classroom: show the questions the instructor has revealed (the poller calls this)."""
        from .live import StopPolling, closed

        if closed(self.widget):
            raise StopPolling
        db = self.store
        now = {n for n in range(1, len(self.questions) + 1)
               if db.revealed(self.notebook, self.question_id(n))}
        if now != self.revealed_numbers:
            self.revealed_numbers = now
            self._show()

    def responses(self) -> list:
        out = []
        for control in self.inputs:
            if isinstance(control, list):
                out.append({i for i, b in enumerate(control) if b.value})
            else:
                out.append(control.value)
        return out

    def submit(self) -> QuizResult:
        """Grade, record every answer in the store, show the feedback (in the classroom: only
        for the questions the instructor has revealed)."""
        self.result = grade_quiz(self.questions, self.responses())
        saved = self._record(self.result)
        self._saved_note = "" if saved else paragraphs(["（答案未能保存到答题数据库，请告知教员。）"])
        self._show()
        return self.result
