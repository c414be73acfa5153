"""Who must appear in court (四（二）/四（三）): a scenario the trainee judges.

The verdict comes from the real rules: :func:`head_appearance_verdict` builds a one-row cases
frame from the scenario's facts and runs :func:`yingsu_training.checks.check_cases` on it; the
feedback quotes the clauses (``load_opinion()``), the findings' explanations and the legal basis
and refinements from the catalogue (法释〔2018〕1号, 法释〔2020〕3号), each picked by its article
or refinement id, never by its position in a list.

A head kept away for a justified reason with the sealed explanation filed
(``head_absence_justified``, 法释〔2018〕1号第一百二十九条第三款) does not break 4.2; 4.3 still
requires 相应的工作人员 (a lawyer alone still breaks it).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import ipywidgets as w
import pandas as pd

from ..catalogue import obligation
from ..rules.clause_4_2_head_must_appear import TRIGGERS  # the 4.2 trigger facts, as the rule declares them
from ..schema import CASES, HEAD_ROLES, STATUS_ZH
from ._common import (MAIN_CLASS, View, basis_html, box, clause_quote_html, esc, feedback_area,
                      paragraphs)

CLAUSES = ("4.2", "4.3")
FLAGS = TRIGGERS + ("head_appeared", "head_absence_justified", "absent_without_cause",
                    "left_without_permission")
COUNTS = ("staff_appeared", "lawyers_appeared")
DEFAULT_HEARING = date(2025, 6, 10)


def scenario_record(facts: dict, hearing_on: date = DEFAULT_HEARING) -> dict:
    """A cases-table row for a hearing with these facts (flags, head_role, counts)."""
    unknown = set(facts) - set(FLAGS) - set(COUNTS) - {"head_role"}
    if unknown:
        raise ValueError(f"未知的情景事实：{'、'.join(sorted(unknown))}")
    row = {"case_id": "出庭应诉情景", "agency": "被诉行政机关",
           "complaint_received_on": pd.Timestamp(hearing_on - timedelta(days=45)),
           "hearing_on": pd.Timestamp(hearing_on)}
    for name in FLAGS:
        row[name] = bool(facts.get(name, False))
    # a justified absence is a fact about a head who did not appear
    row["head_absence_justified"] = row["head_absence_justified"] and not row["head_appeared"]
    role = facts.get("head_role")
    row["head_role"] = role if row["head_appeared"] and role else None
    for name in COUNTS:
        value = int(facts.get(name, 0) or 0)
        if value < 0:
            raise ValueError(f"“{CASES.column(name).zh}”不能为负数")
        row[name] = value
    return row


@dataclass(frozen=True)
class HeadVerdict:
    must_appear: bool          # 4.2 applies: the head must appear in person
    lawful: bool               # neither 4.2 nor 4.3 is violated
    findings: pd.DataFrame     # the 4.2 and 4.3 rows of check_cases, with explanations
    hearing_on: date = DEFAULT_HEARING

    def status(self, clause_id: str) -> str:
        return str(self.findings.loc[self.findings["obligation_id"].astype(str) == clause_id,
                                     "status"].iloc[0])


def head_appearance_verdict(facts: dict, hearing_on: date = DEFAULT_HEARING) -> HeadVerdict:
    """Run the rules 4.2 and 4.3 (``check_cases``) on the scenario, checked the day after."""
    from ..checks import check_cases

    frame = pd.DataFrame([scenario_record(facts, hearing_on)])
    findings = check_cases(frame, as_of=hearing_on + timedelta(days=1), explain=True)
    findings = findings[findings["obligation_id"].astype(str).isin(CLAUSES)].reset_index(drop=True)
    statuses = dict(zip(findings["obligation_id"].astype(str), findings["status"].astype(str)))
    return HeadVerdict(must_appear=statuses["4.2"] != "not_applicable",
                       lawful=all(s != "violation" for s in statuses.values()),
                       findings=findings, hearing_on=hearing_on)


@dataclass(frozen=True)
class HeadJudgement:
    verdict: HeadVerdict
    must_appear_answer: bool | None
    lawful_answer: bool | None

    @property
    def answered(self) -> bool:
        return self.must_appear_answer is not None and self.lawful_answer is not None

    @property
    def must_appear_ok(self) -> bool:
        return self.answered and self.must_appear_answer == self.verdict.must_appear

    @property
    def lawful_ok(self) -> bool:
        return self.answered and self.lawful_answer == self.verdict.lawful

    @property
    def correct(self) -> bool:
        return self.answered and self.must_appear_ok and self.lawful_ok


def judge_head_answers(facts: dict, must_appear: bool | None, lawful: bool | None,
                       hearing_on: date = DEFAULT_HEARING) -> HeadJudgement:
    """The verdict of the rules and whether the trainee's two answers match it."""
    return HeadJudgement(head_appearance_verdict(facts, hearing_on), must_appear, lawful)


def _basis(clause_id: str, article: str):
    """The catalogue's legal-basis entry of a clause for one article and paragraph."""
    for b in obligation(clause_id).legal_basis:
        if b.article == article:
            return b
    raise LookupError(f"catalogue {clause_id} has no {article}")  # pragma: no cover


def _yes(v: bool) -> str:
    return "是" if v else "否"


def judgement_html(j: HeadJudgement, facts: dict) -> str:
    if not j.answered:
        return box("warn", "请先回答两个问题（是否必须由负责人出庭、出庭安排是否合法），再提交答案。")
    v = j.verdict
    lines = [
        f"问题一 是否必须由负责人出庭：你的回答“{_yes(j.must_appear_answer)}”，"
        f"{'正确' if j.must_appear_ok else '错误'}；正确答案“{_yes(v.must_appear)}”。",
        f"问题二 出庭安排是否合法：你的回答“{'合法' if j.lawful_answer else '不合法'}”，"
        f"{'正确' if j.lawful_ok else '错误'}；正确答案“{'合法' if v.lawful else '不合法'}”。",
    ]
    must, absent_rule, justified_rule = _basis("4.2", "第一百二十九条第一款"), \
        _basis("4.3", "第三条第三款"), _basis("4.2", "第一百二十九条第三款")
    if v.must_appear:
        on = [CASES.column(t).zh for t in TRIGGERS if facts.get(t)]
        lines.append(f"本案{'、'.join(on)}，属于被诉行政机关负责人应当出庭的案件（{must.shown}）。")
    else:
        lines.append(f"本案不属于{must.citation}所列负责人应当出庭的案件（{must.quote}）；负责人应当积极出庭，"
                     f"不能出庭的，依法委托相应的工作人员出庭（{absent_rule.shown}）。")
    if not facts.get("head_appeared") and facts.get("head_absence_justified") and v.status("4.2") != "violation":
        # the explanation's form (法释〔2018〕1号第一百二十九条第三款) from the day it took effect;
        # before, the law that provides for a head who cannot appear (行政诉讼法第三条第三款)
        if justified_rule.in_force and v.hearing_on < justified_rule.in_force:
            justified_rule = absent_rule
        lines.append(f"负责人有正当理由不能出庭并已提交情况说明，不违反四（二）（{justified_rule.shown}）；"
                     f"但仍须委托相应的工作人员出庭，仅委托律师出庭的，仍违反四（三）。")
    if facts.get("head_appeared") and facts.get("head_role"):
        definition = obligation("4.1").refinement("head_definition")
        lines.append(f"出庭负责人为{facts['head_role']}。{definition.citation}：{definition.quote}")
    from ..explanations import lead_text

    rule_rows = "".join(  # the label and status once: the explanation's own 【label】status。 is dropped
        f"<li><b>{esc(row.label)}：{esc(STATUS_ZH[str(row.status)])}</b>。"
        f"{esc(str(row.explanation).removeprefix(lead_text(row.obligation_id, row.status)))}</li>"
        for row in v.findings.itertuples())
    body = (paragraphs(lines) + f"<div>规则检查结果：<ul style='margin:2px 0'>{rule_rows}</ul></div>"
            + "".join(clause_quote_html(c) for c in CLAUSES)
            + basis_html("4.2", "4.3"))
    title = "回答正确" if j.correct else "回答有误"
    return box("ok" if j.correct else "wrong", title, body)


class HeadAppearanceScenario(View):
    """Tick the facts of a hearing, answer two questions, click 提交答案."""

    def __init__(self, facts: dict | None = None, hearing_on: date = DEFAULT_HEARING,
                 main: bool = True):
        facts = dict(facts or {})
        self.hearing_on = hearing_on
        half = w.Layout(width="48%")
        self.flags = {name: w.Checkbox(description=CASES.column(name).zh, indent=False,
                                       value=bool(facts.get(name, False)), layout=half)
                      for name in FLAGS}
        for name in FLAGS:  # attribute access for tests and notebooks: scenario.court_requested_head
            setattr(self, name, self.flags[name])
        wide = {"description_width": "initial"}
        self.head_role = w.Dropdown(description="出庭负责人职务", options=list(HEAD_ROLES),
                                    value=facts.get("head_role") or HEAD_ROLES[0], style=wide,
                                    layout=w.Layout(width="48%"))
        self.staff_appeared = w.BoundedIntText(description="出庭工作人员人数", min=0, max=20,
                                               value=int(facts.get("staff_appeared", 0)), style=wide,
                                               layout=w.Layout(width="48%"))
        self.lawyers_appeared = w.BoundedIntText(description="出庭律师人数", min=0, max=20,
                                                 value=int(facts.get("lawyers_appeared", 0)),
                                                 style=wide, layout=w.Layout(width="48%"))
        self.must_appear = w.ToggleButtons(options=[("是", True), ("否", False)], value=None)
        self.lawful = w.ToggleButtons(options=[("合法", True), ("不合法", False)], value=None)
        self.submit_button = w.Button(description="提交答案", button_style="primary",
                                      layout=w.Layout(width="20%", min_width="90px"))
        self.feedback = feedback_area()
        self.submit_button.on_click(lambda _: self.submit())
        self.head_appeared.observe(self._sync, names="value")
        for control in [*self.flags.values(), self.head_role, self.staff_appeared, self.lawyers_appeared]:
            control.observe(self._clear, names="value")
        row = lambda *cs: w.HBox(list(cs), layout=w.Layout(flex_flow="row wrap", width="100%"))  # noqa: E731
        self.widget = w.VBox([
            w.HTML("<b>出庭应诉情景</b>：某行政案件经人民法院传唤开庭审理。勾选案件情况和出庭情况，"
                   "然后回答下面两个问题。"),
            w.HTML("<i>案件情况</i>"),
            row(*(self.flags[t] for t in TRIGGERS)),
            w.HTML("<i>出庭情况</i>"),
            row(self.head_appeared, self.head_role),
            row(self.head_absence_justified),
            row(self.staff_appeared, self.lawyers_appeared),
            row(self.absent_without_cause, self.left_without_permission),
            w.HTML("问题一：本案是否必须由被诉行政机关负责人出庭？"), self.must_appear,
            w.HTML("问题二：本案的出庭安排是否合法？"), self.lawful,
            self.submit_button, self.feedback], layout=w.Layout(width="100%"))
        if main:
            self.widget.add_class(MAIN_CLASS)
        self.judgement: HeadJudgement | None = None
        self._sync()

    def facts(self) -> dict:
        out = {name: cb.value for name, cb in self.flags.items()}
        out["head_role"] = self.head_role.value if self.head_appeared.value else None
        out["head_absence_justified"] = (self.head_absence_justified.value
                                         and not self.head_appeared.value)
        out["staff_appeared"] = self.staff_appeared.value
        out["lawyers_appeared"] = self.lawyers_appeared.value
        return out

    def _sync(self, *_):
        self.head_role.disabled = not self.head_appeared.value
        self.head_absence_justified.disabled = self.head_appeared.value

    def _clear(self, *_):
        self.feedback.value = ""

    def submit(self) -> HeadJudgement:
        facts = self.facts()
        self.judgement = judge_head_answers(facts, self.must_appear.value, self.lawful.value,
                                            self.hearing_on)
        self.feedback.value = judgement_html(self.judgement, facts)
        if self.judgement.answered:
            from .live import record_quietly  # the answer store: every answer is kept
            record_quietly(notebook_default="出庭应诉情景", question="出庭应诉情景", clause="4.2",
                           answer={"must_appear": self.must_appear.value, "lawful": self.lawful.value},
                           correct=self.judgement.must_appear_ok and self.judgement.lawful_ok,
                           kind="scenario", detail={k: str(v) for k, v in facts.items()})
        return self.judgement
