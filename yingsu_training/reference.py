"""A second, per-record implementation of the rules, written to be read rather than to be fast.

Each rule below is a plain Python function over ONE record whose facts are all known, copied
straight from the rule table of docs/data-contract.md §3. Missing facts are handled once, for
every rule alike, exactly as the contract's paragraph under the table says: "a rule gives
insufficient_data when its verdict depends on a missing fact". :func:`decide` tries every value
a missing fact could have (a flag: true and false; a count: 0, 1, 2, 3 …; a date that must exist
but is empty: the earliest and the latest possible day) and gives a verdict only when all of
them agree. Facts whose absence has a meaning are not tried: an empty event date means "did not
happen (yet)"; the 4.2 trigger flags and the 12.2 inputs count as false.

The vectorised rules (``yingsu_training.rules``) must give the same status and due date for
every record; ``tests/test_differential.py`` checks that on random records. The explanations
(``yingsu_training.explanations``) are built from the verdicts here.
"""
from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache

import pandas as pd

from . import calendar as cal
from .catalogue import parameters
from .opinion import load_opinion
from .rules import RULES
from .rules._base import Blank, parameter_scalar
from .schema import RULING_KINDS

#: an unknown date that must exist, tried at both ends
EARLIEST, LATEST = date.min, date.max
#: in a record with tried values: the names of the missing facts being tried
FILLED = "__filled__"
SENTINELS = (EARLIEST, LATEST)
#: the opinion's date: duties that exist only by the opinion (10.1) start here
OPINION_ISSUED = load_opinion().issued_on


# ---------------------------------------------------------------------------------------------
# what one rule says about one record

@dataclass
class Outcome:
    """A rule's verdict on complete facts."""

    status: str
    due: date | None = None
    reasons: dict[str, str] = field(default_factory=dict)   # condition code → Chinese sentence
    deadlines: dict[str, cal.DeadlineDetail] = field(default_factory=dict)


@dataclass
class Verdict:
    """A rule's verdict on a record that may have missing facts."""

    clause_id: str
    status: str
    due: date | None
    reasons: list[str]                    # sentences that hold whatever the missing facts are
    deadlines: dict[str, cal.DeadlineDetail]
    blockers: list[str]                   # missing columns on which the verdict depends
    missing: list[str]                    # every missing column the rule reads
    known: dict[str, object] = field(default_factory=dict)   # facts read (when undecided)
    law_on: date | None = None            # the day whose law applies (None: today's)


@lru_cache(maxsize=65536)
def _detail(start: date, days: int) -> cal.DeadlineDetail:
    return cal.deadline_detail(start, days)


def period(start, days: int, deadlines: dict | None = None, name: str = ""):
    """period(start, days); an unknown start (a sentinel) gives an unknown deadline."""
    if start in SENTINELS:
        return start
    d = _detail(start, days)
    if deadlines is not None:
        deadlines[name] = d
    return d.due


def year_end(year):
    if year in SENTINELS:
        return year
    return date(int(year), 12, 31)


def F(d) -> str:
    """A date as Chinese documents write it (``calendar.fmt``; plain dates on a fast path)."""
    if type(d) is date:
        return f"{d.year}年{d.month:02d}月{d.day:02d}日"
    return cal.fmt(d)


# ---------------------------------------------------------------------------------------------
# the rules on complete facts (``r``: a dict column → value; ``as_of``: a date)

def rule_2_2(r, as_of):
    if r["interference_recorded"]:
        return Outcome("violation", reasons={"i": "记录有以协调会、发文件或口头要求等形式干预法院受理、审理的行为"})
    return Outcome("compliant", reasons={"n": "未记录干预法院受理、审理的行为"})


def rule_3_1(r, as_of):
    reasons = {}
    if r["confidential_evidence"] and not r["confidential_marked"]:
        reasons["c"] = "证据含国家秘密、商业秘密或个人隐私，但未注明并提交法院审查确认"
    # evidence posted and not yet at the court has been provided (法释〔2018〕1号第四十八条第四款)
    provided = r["evidence_submitted_on"] is not None or r["evidence_posted_on"] is not None
    on = min(d for d in (r["evidence_submitted_on"], r["evidence_posted_on"]) if d is not None) if provided else None
    early = provided and on < OPINION_ISSUED      # the list is the opinion's own duty
    if provided and not early and not r["evidence_list_submitted"]:
        reasons["l"] = (f"已于{F(r['evidence_submitted_on'])}提交证据，但未提交证据依据清单"
                        if r["evidence_submitted_on"] is not None else
                        f"已于{F(r['evidence_posted_on'])}交邮证据（法院尚未收到），但未提交证据依据清单")
    if reasons:
        return Outcome("violation", reasons=reasons)
    ok = {}
    if early:
        ok["l"] = (f"证据于{F(on)}提供，早于本意见印发之日{F(OPINION_ISSUED)}；制作证据依据清单是本意见三（一）"
                   "规定的义务，不适用于此前提供的证据")
    elif provided:
        ok["l"] = "提交证据时附有证据依据清单"
    else:
        ok["e"] = "尚未提交证据（清单义务随提交证据而产生）"
    if r["confidential_evidence"]:
        ok["c"] = "涉密、商业秘密或个人隐私证据已注明并提交法院审查确认"
    return Outcome("compliant", reasons=ok)


@lru_cache(maxsize=8)
def posting_rule(era: int) -> str:
    """法释〔2018〕1号第四十八条第四款 as clause 3.2's legal basis quotes it; for a period that started
    before it was in force (``era``: the index of period_rule's value in force), how the kit
    cites the period rule of that day."""
    from .catalogue import obligations
    rule = parameters()["period_rule"]
    if era != len(rule.values) - 1:
        return rule.values[era][1]
    (basis,) = [b for b in obligations()["3.2"].legal_basis
                if b.law == "I-2018" and b.article == "第四十八条第四款"]
    return f"{basis.citation}：{basis.quote.rstrip('。')}"


def law_day(clause_id: str, r: dict) -> date | None:
    """The day whose law the clause applies (the column its module names as ``LAW_ON``: the day
    a period started or the hearing; None: unknown, or a clause without one)."""
    column = getattr(RULES[clause_id], "LAW_ON", None)
    on = r[column] if column else None
    return on if on not in SENTINELS else None


def period_era(clause_id: str, r: dict) -> int:
    """Which period rule was in force on the clause's law day (unknown: the latest)."""
    return parameters()["period_rule"].era(law_day(clause_id, r))


def _submitted(r, what: str, zh: str):
    """(the date that counts, how it is told) for the defence or the evidence: the posting
    date where given (法释〔2018〕1号第四十八条第四款), else the submission date."""
    posted, submitted = r[f"{what}_posted_on"], r[f"{what}_submitted_on"]
    if posted is not None:
        arrived = f"，{F(submitted)}送达" if submitted is not None else ""
        return posted, f"{zh}于{F(posted)}交邮{arrived}（以交邮日期为准）"
    if submitted is not None:
        return submitted, f"{zh}于{F(submitted)}提交"
    return None, ""


def rule_3_2(r, as_of):
    deadlines = {}
    received = r["complaint_received_on"]
    on = received if received not in SENTINELS else None
    days = parameter_scalar("defence_period_days", on)
    d = period(received, days, deadlines, "答辩举证期限")
    ext = r["evidence_extension_until"]
    e = d if ext is None or ext <= d else ext
    defence, defence_told = _submitted(r, "defence", "答辩状")
    evidence, evidence_told = _submitted(r, "evidence", "证据依据")
    late, waiting, ok = {}, {}, {}
    if on is not None and days != parameter_scalar("defence_period_days", None):
        ok["old"] = old_period_text("defence_period_days", on)
    if defence is not None:
        if defence > d:
            late["d"] = f"{defence_told}，晚于期限届满日{F(d)}"
        else:
            ok["d"] = f"{defence_told}，未超过期限届满日{F(d)}"
            if r["defence_posted_on"] is not None and (r["defence_submitted_on"] or defence) > d:
                ok["dp"] = f"答辩状在期限届满前交邮，法院收到时虽已届满，仍在期限内（{posting_rule(period_era('3.2', r))}）"
    elif as_of > d:
        late["d0"] = f"至{F(as_of)}仍未提交答辩状，期限已于{F(d)}届满"
    else:
        waiting["d0"] = f"尚未提交答辩状，期限届满日为{F(d)}"
    if ext is not None and e != d:
        ok["x"] = f"法院准许延期举证至{F(ext)}"
    if evidence is not None:
        if evidence > e:
            late["e"] = f"{evidence_told}，晚于举证期限届满日{F(e)}"
        else:
            ok["e"] = f"{evidence_told}，未超过举证期限届满日{F(e)}"
            if r["evidence_posted_on"] is not None and (r["evidence_submitted_on"] or evidence) > e:
                ok["ep"] = f"证据依据在期限届满前交邮，法院收到时虽已届满，仍在期限内（{posting_rule(period_era('3.2', r))}）"
    elif as_of > e:
        late["e0"] = f"至{F(as_of)}仍未提交证据依据，举证期限已于{F(e)}届满"
    else:
        waiting["e0"] = f"尚未提交证据依据，举证期限届满日为{F(e)}"
    due = e if (defence is not None and defence <= d and e > d) else d
    if late:   # the broken part first, then the rest for context
        return Outcome("violation", due, {**late, **waiting, **ok}, deadlines)
    if waiting:
        return Outcome("pending", due, {**waiting, **ok}, deadlines)
    return Outcome("compliant", due, ok, deadlines)


def old_period_text(name: str, on: date) -> str:
    """Why a period has an earlier law's length: ``起诉状副本于2014年06月03日收到，早于2015年05月01日，
    适用当时的10日期限（法释〔2002〕21号第一条第一款）``."""
    p = parameters()[name]
    return (f"起诉状副本于{F(on)}收到，早于{F(p.in_force_from(None))}（现行的{p.at(None)}日期限自该日起施行），"
            f"适用当时的{p.at(on)}日期限（{p.reference_at(on).citation}）")


TRIGGERS_ZH = {"major_public_interest": "涉及重大公共利益", "high_social_attention": "社会高度关注",
               "mass_incident_risk": "可能引发群体性事件", "court_requested_head": "法院书面建议负责人出庭"}


def rule_4_2(r, as_of):
    triggers = [zh for k, zh in TRIGGERS_ZH.items() if r[k]]
    if r["hearing_on"] is None:
        return Outcome("not_applicable", reasons={"h": "尚未开庭"})
    if not triggers:
        return Outcome("not_applicable", reasons={"t": "案件不属于应当由负责人出庭的情形"})
    if r["hearing_on"] < OPINION_ISSUED:    # the opinion's own duty
        return Outcome("not_applicable", reasons={"b": (
            f"{F(r['hearing_on'])}开庭，早于本意见印发之日{F(OPINION_ISSUED)}；此类案件负责人应当出庭是本意见"
            f"四（二）规定的义务，不适用于此前开庭的案件")})
    why = f"案件{('、'.join(triggers))}，{F(r['hearing_on'])}开庭"
    limit = parameter_scalar("max_agents_with_head", r["hearing_on"])
    if not r["head_appeared"]:
        if r["head_absence_justified"]:
            return Outcome("compliant", reasons={"w": why, "j": (
                "负责人有正当理由不能出庭，已向人民法院提交情况说明（是否委托相应的工作人员出庭，见四（三））")})
        return Outcome("violation", reasons={"w": why, "a": "负责人未出庭，也未提交有正当理由不能出庭的情况说明",
                                             **_either_way(r, limit)})
    agents = r["staff_appeared"] + r["lawyers_appeared"]
    if agents > limit:
        return Outcome("violation", reasons={"w": why, "n": (
            f"{_head(r)}出庭，但另行委托了{agents}名代理人（工作人员{r['staff_appeared']}名、律师"
            f"{r['lawyers_appeared']}名），超过{limit}名"), **_either_way(r, limit)})
    return Outcome("compliant", reasons={"w": why, "ok": f"{_head(r)}出庭，另行委托代理人{agents}名，未超过{limit}名"})


def _either_way(r, limit: int) -> dict[str, str]:
    """With ``head_appeared`` empty and too many agents, the head breaks 4.2 whether or not they
    appeared: the sentence that says so, in both branches (so that it is the one kept)."""
    filled = r.get(FILLED, ())
    if "head_appeared" not in filled:
        return {}
    staff, lawyers = r["staff_appeared"], r["lawyers_appeared"]
    if staff + lawyers <= limit:
        return {}
    if "staff_appeared" in filled or "lawyers_appeared" in filled:
        known = sum(r[c] for c in ("staff_appeared", "lawyers_appeared") if c not in filled)
        if_appeared = f"已知另行委托的代理人至少{known}名，超过{limit}名"
    else:
        if_appeared = f"另行委托了{staff + lawyers}名代理人（工作人员{staff}名、律师{lawyers}名），超过{limit}名"
    return {"x": f"无论负责人是否出庭，均违反本项义务：如出庭，{if_appeared}；如未出庭，也未提交有正当理由不能出庭的情况说明"}


def _head(r) -> str:
    return f"负责人（{r['head_role']}）" if r["head_role"] else "负责人"


def rule_4_3(r, as_of):
    if r["hearing_on"] is None:
        return Outcome("not_applicable", reasons={"h": "尚未开庭"})
    bad = {}
    if r["absent_without_cause"]:
        bad["a"] = "经传唤无正当理由拒不到庭"
    if r["left_without_permission"]:
        bad["l"] = "未经法庭许可中途退庭"
    if not r["head_appeared"] and r["staff_appeared"] == 0:
        bad["s"] = (f"负责人未出庭，也没有相应的工作人员出庭（仅委托律师{r['lawyers_appeared']}名）"
                    if r["lawyers_appeared"] else "负责人未出庭，也没有相应的工作人员出庭")
    if bad:
        return Outcome("violation", reasons=bad)
    who = f"{_head(r)}出庭" if r["head_appeared"] else f"负责人未出庭，委托相应的工作人员{r['staff_appeared']}名出庭"
    return Outcome("compliant", reasons={"ok": f"{F(r['hearing_on'])}开庭，{who}"})


def rule_5_2(r, as_of):
    if r["withdrawal_improperly_induced"]:
        return Outcome("violation", reasons={"w": "以欺骗、胁迫等手段使原告撤诉"})
    return Outcome("compliant", reasons={"n": "未记录以欺骗、胁迫等手段使原告撤诉"})


def _performance(r, as_of):
    """(late or not performed after the due date, pending, sentence)."""
    due, done = r["performance_due_on"], r["performed_on"]
    if due is None:
        return False, False, None
    if done is not None:
        if done > due:
            return True, False, f"裁判确定的履行期限届满日为{F(due)}，{F(done)}才履行完毕"
        return False, False, f"于{F(done)}履行完毕，未超过履行期限届满日{F(due)}"
    if as_of > due:
        return True, False, f"履行期限已于{F(due)}届满，至{F(as_of)}仍未履行"
    return False, True, f"尚未履行，履行期限届满日为{F(due)}"


def rule_6_1(r, as_of):
    appeal, due_on = r["appeal_filed_on"], r["performance_due_on"]
    if appeal is None and due_on is None:
        return Outcome("not_applicable", reasons={"n": "未提起上诉，也没有裁判确定的履行期限"})
    deadlines, bad, ok = {}, {}, {}
    appeal_deadline = None
    if appeal is not None:
        served, kind = r["decision_served_on"], r["decision_kind"]
        ruling = kind in RULING_KINDS
        days = parameter_scalar("appeal_period_ruling_days" if ruling else "appeal_period_judgment_days",
                                served if served not in SENTINELS else None)
        what = "裁定" if ruling else "判决"
        appeal_deadline = period(served, days, deadlines, f"{what}上诉期限")
        if appeal > appeal_deadline:
            bad["a"] = f"{what}书送达后于{F(appeal)}提起上诉，晚于上诉期限届满日{F(appeal_deadline)}"
        else:
            ok["ai"] = f"于{F(appeal)}提起上诉，未超过{what}上诉期限届满日{F(appeal_deadline)}"  # not "a": a late appeal
    late, waiting, sentence = _performance(r, as_of)
    if sentence:
        (bad if late else ok)["p"] = sentence
    due = due_on if due_on is not None else appeal_deadline
    if bad:
        return Outcome("violation", due, {**bad, **ok}, deadlines)
    if waiting:
        return Outcome("pending", due, ok, deadlines)
    return Outcome("compliant", due, ok, deadlines)


def rule_6_2(r, as_of):
    kind = r["decision_kind"]
    if kind != "判决撤销并责令重作":
        return Outcome("not_applicable", reasons={"k": (
            f"裁判类型为{kind}，不是判决撤销并责令重作" if kind else "尚无一审裁判")})
    if r["remade_same_act"] and not r["revoked_for_procedure_or_law"]:
        return Outcome("violation", reasons={"s": "法院判决撤销并责令重作后，以同一事实和理由重新作出了与原行为基本相同的行为"})
    if r["remade_same_act"]:
        return Outcome("compliant", reasons={"x": "重作了基本相同的行为，但原行为系因程序违法或法律适用问题被撤销，不受限制"})
    return Outcome("compliant", reasons={"n": "未以同一事实和理由重作基本相同的行为"})


def rule_7_2(r, as_of):
    if not r["reconsideration_upheld"]:
        return Outcome("not_applicable", reasons={"n": "不是复议维持的共同被告案件"})
    if not r["review_organ_proved_procedure"]:
        return Outcome("violation", reasons={"u": "复议机关维持原行为、成为共同被告，但未对复议程序的合法性举证"})
    return Outcome("compliant", reasons={"p": "复议机关已对复议程序的合法性举证"})


def rule_12_2(r, as_of, earlier: dict[str, "Verdict"]):
    """12.2 reads the verdicts of 2.2 and 4.3 and the performance facts of 6.1."""
    grounds = {}
    if earlier["2.2"].status == "violation":
        grounds["i"] = "存在干预法院受理、审理的行为（违反二（二））"
    if earlier["4.3"].status == "violation":
        grounds["a"] = "存在不依法出庭应诉的情形（违反四（三））"
    late, _, sentence = _performance(r, as_of)
    if late:
        grounds["p"] = f"{sentence}（违反六（一））"
    if not grounds:
        return Outcome("not_applicable", reasons={"n": "未发现干预审判、不依法出庭或不履行生效裁判的情形"})
    if r["accountability_referred"]:
        return Outcome("compliant", reasons={**grounds, "r": "已移送追究责任"})
    return Outcome("violation", reasons={**grounds, "r": "未移送追究责任"})


def rule_10_1(r, as_of):
    deadlines = {}
    received = r["received_on"]
    if received is not LATEST and received < OPINION_ISSUED:   # EARLIEST: an unknown date
        return Outcome("not_applicable", reasons={"b": (
            f"司法建议于{F(received)}收到，早于本意见印发之日{F(OPINION_ISSUED)}；"
            f"60日内书面回复是本意见规定的义务，不适用于此前收到的司法建议")})
    due = period(received, parameter_scalar("suggestion_reply_days", received if received not in SENTINELS else None),
                 deadlines, "回复期限")
    replied = r["replied_on"]
    bad = {}
    if replied is None:
        if as_of > due:
            return Outcome("violation", due, {"o": f"至{F(as_of)}仍未书面回复，回复期限已于{F(due)}届满"}, deadlines)
        return Outcome("pending", due, {"w": f"尚未书面回复，回复期限届满日为{F(due)}"}, deadlines)
    if replied > due:
        bad["l"] = f"于{F(replied)}书面回复，晚于回复期限届满日{F(due)}"
    if not r["copied_to_legal_office"]:
        bad["c"] = "书面回复未抄送本级政府法制机构"
    if bad:
        return Outcome("violation", due, bad, deadlines)
    return Outcome("compliant", due, {"ok": f"于{F(replied)}书面回复并抄送本级政府法制机构，未超过回复期限届满日{F(due)}"}, deadlines)


def rule_8_2(r, as_of):
    end = year_end(r["year"])
    minimum = parameter_scalar("trainings_per_year_min", end if end not in SENTINELS else None)
    held = r["trainings_held"]
    if held >= minimum:
        return Outcome("compliant", end, {"ok": f"{_year(r)}开展集中培训{held}次，不少于{minimum}次"})
    if as_of > end:
        return Outcome("violation", end, {"v": f"{_year(r)}已结束，全年开展集中培训{held}次，少于{minimum}次"})
    return Outcome("pending", end, {"w": f"{_year(r)}尚未结束，目前开展集中培训{held}次"})


def _year(r) -> str:
    return f"{r['year']}年度" if r["year"] not in SENTINELS else "该年度"


def rule_9_1(r, as_of):
    if r["funding_in_budget"]:
        return Outcome("compliant", reasons={"ok": "应诉工作经费已列入预算"})
    return Outcome("violation", reasons={"v": "应诉工作经费未列入预算"})


def rule_11_2(r, as_of):
    end = year_end(r["year"])
    reported = r["statistics_reported_on"]
    over = as_of > end
    bad = {}
    if reported is not None and reported > end:
        bad["l"] = f"统计分析于{F(reported)}报送，晚于年底（{F(end)}）"
    if reported is None and over:
        bad["m"] = f"{_year(r)}已结束（{F(end)}），仍未报送统计分析"
    if over and not r["included_in_annual_report"]:
        bad["a"] = "应诉工作未纳入法治政府建设年度报告"
    if bad:
        return Outcome("violation", end, bad)
    if reported is None:
        return Outcome("pending", end, {"w": f"{_year(r)}尚未结束，统计分析应于{F(end)}前报送"})
    ok = {"r": f"统计分析于{F(reported)}报送，未晚于年底"}
    if over:
        ok["a"] = "已纳入法治政府建设年度报告"
    return Outcome("compliant", end, ok)


def rule_12_1(r, as_of):
    if r["in_assessment"]:
        return Outcome("compliant", reasons={"ok": "应诉工作已纳入依法行政考核"})
    return Outcome("violation", reasons={"v": "应诉工作未纳入依法行政考核"})


# ---------------------------------------------------------------------------------------------
# what each rule reads, and what a missing value of it could be

# what a missing value of each fact could be: the rules' own declaration (``READS`` of each
# clause module), so the oracle and the vectorised rules read the same facts the same way
FLAG, FLAG_OR_FALSE, EVENT, DATE, COUNT, YEAR, DECISION, HEAD = (
    Blank.FLAG, Blank.FLAG_OR_FALSE, Blank.EVENT, Blank.DATE, Blank.COUNT, Blank.YEAR,
    Blank.DECISION, Blank.HEAD)

READS: dict[str, dict[str, str]] = {cid: dict(module.READS) for cid, module in RULES.items()}

RULE_FUNCTIONS = {
    "2.2": rule_2_2, "3.1": rule_3_1, "3.2": rule_3_2, "4.2": rule_4_2, "4.3": rule_4_3,
    "5.2": rule_5_2, "6.1": rule_6_1, "6.2": rule_6_2, "7.2": rule_7_2, "12.2": rule_12_2,
    "10.1": rule_10_1, "8.2": rule_8_2, "9.1": rule_9_1, "11.2": rule_11_2, "12.1": rule_12_1,
}
#: clause ids per record kind, in clause order
CLAUSES = {"case": ["2.2", "3.1", "3.2", "4.2", "4.3", "5.2", "6.1", "6.2", "7.2", "12.2"],
           "suggestion": ["10.1"], "agency_year": ["8.2", "9.1", "11.2", "12.1"]}


def _domain(clause_id: str, column: str, how: str, r: dict) -> tuple:
    """The values a missing ``column`` could have (a present value: itself)."""
    value = r[column]
    if value is not None:
        return (value,)
    if how == FLAG:
        return (True, False)
    if how == HEAD:   # head_role is recorded only for a head who appeared
        return (True,) if r["head_role"] is not None else (True, False)
    if how in (FLAG_OR_FALSE,):
        return (False,)
    if how == EVENT:
        return (None,)
    if how in (DATE, YEAR):
        return SENTINELS
    if how == COUNT:
        top = max(v for name in ("max_agents_with_head", "trainings_per_year_min")
                  for _, v in parameters()[name].values)
        return tuple(range(top + 2))
    if how == DECISION:
        if clause_id == "6.1":   # the appeal period: a judgment (15 days) or a ruling (10 days)
            return ("判决驳回诉讼请求", "裁定")
        # 6.2: an empty decision_kind means no decision yet, unless one was served
        if r["decision_served_on"] is None:
            return (None,)
        return ("判决撤销并责令重作", "判决驳回诉讼请求")
    raise ValueError(how)


def decide(clause_id: str, r: dict, as_of: date, earlier: dict | None = None) -> Verdict:
    """The verdict of one rule on one record (facts: None where missing)."""
    reads = READS[clause_id]
    fn = RULE_FUNCTIONS[clause_id]
    extra = (earlier,) if clause_id == "12.2" else ()
    fixed: dict[str, object] = {}            # missing facts with only one possible meaning
    open_: list[tuple[str, tuple]] = []      # missing facts that could be several things
    for column, how in reads.items():
        if r[column] is None and how != EVENT:
            domain = _domain(clause_id, column, how, r)
            if len(domain) == 1:
                fixed[column] = domain[0]
            else:
                open_.append((column, domain))
    base = {**r, **fixed} if fixed else r
    if not open_:                            # nothing to try: the facts decide
        out = fn(base, as_of, *extra)
        due = None if out.status == "not_applicable" else out.due
        return Verdict(clause_id, out.status, due, list(out.reasons.values()),
                       out.deadlines if due is not None else {}, [], [],
                       law_on=law_day(clause_id, r))
    names = [c for c, _ in open_]
    outcomes = []
    for values in itertools.product(*(d for _, d in open_)):
        facts = dict(base)
        facts.update(zip(names, values))
        facts[FILLED] = names          # a rule may say its verdict holds whatever they are
        outcomes.append((values, fn(facts, as_of, *extra)))
    statuses = {o.status for _, o in outcomes}
    first = outcomes[0][1]
    if len(statuses) == 1:
        status = first.status
        common = set(first.reasons)
        for _, o in outcomes[1:]:
            common &= set(o.reasons)
        # a sentence naming a date that stands for an unknown one is not stated
        reasons = [first.reasons[k] for k in first.reasons
                   if k in common and not _UNKNOWN_DATE.search(first.reasons[k])]
        blockers = []
    else:
        status = "insufficient_data"
        reasons = []
        blockers = [c for i, c in enumerate(names) if _matters(outcomes, i)]
    # a deadline is reported when every possibility computes the same one
    dues = {o.due for _, o in outcomes}
    due = first.due if len(dues) == 1 and first.due not in SENTINELS else None
    if status == "not_applicable":
        due = None
    deadlines = first.deadlines if due is not None else {}
    known = {} if not blockers else {c: r[c] for c in reads if r[c] is not None}
    return Verdict(clause_id, status, due, reasons, deadlines, blockers, names, known,
                   law_day(clause_id, r))


_UNKNOWN_DATE = re.compile(f"(?<![0-9]){F(EARLIEST)}|{F(LATEST)}")


def _matters(outcomes, i: int) -> bool:
    """Does changing the i-th fact alone ever change the status?"""
    seen: dict[tuple, set] = {}
    for values, o in outcomes:
        key = values[:i] + values[i + 1:]
        seen.setdefault(key, set()).add(o.status)
    return any(len(s) > 1 for s in seen.values())


# ---------------------------------------------------------------------------------------------
# records

def _is_missing(v) -> bool:
    if v is None or v is pd.NA or v is pd.NaT:
        return True
    if isinstance(v, (bool, int, date)):        # the usual present values, decided fast
        return False
    if isinstance(v, float):
        return v != v
    if isinstance(v, str):
        return v.strip() == ""
    try:
        return bool(pd.isna(v))
    except (TypeError, ValueError):
        return False


def as_date(v) -> date | None:
    """A cell as a ``date`` (None when empty)."""
    if _is_missing(v):
        return None
    if isinstance(v, datetime):        # pd.Timestamp is a datetime
        return v.date()
    if isinstance(v, date):
        return v
    return pd.Timestamp(v).date()


def normalise(record, kind: str) -> dict:
    """A record (dict or Series, English or Chinese headers) as plain Python values: None where
    missing, ``date`` for dates, ``bool``, ``int`` and ``str``."""
    from .schema import TABLE_FOR_RECORD
    table = TABLE_FOR_RECORD[kind]
    src = record if isinstance(record, dict) else dict(record)
    out = {}
    for col in table.columns:
        v = src[col.name] if col.name in src else src.get(col.zh)
        if col.kind == "date":
            out[col.name] = as_date(v)
        elif _is_missing(v):
            out[col.name] = None
        elif col.kind == "bool":
            out[col.name] = bool(v)
        elif col.kind == "int":
            out[col.name] = int(v)
        else:
            out[col.name] = str(v)
    out[_NORMAL] = kind
    return out


_NORMAL = "__normalised__"


def check_record(record, kind: str, as_of) -> dict[str, Verdict]:
    """Every rule on one record of ``kind`` (case, suggestion, agency_year), clause order."""
    r = record if isinstance(record, dict) and record.get(_NORMAL) == kind else normalise(record, kind)
    as_of = as_date(as_of)
    out: dict[str, Verdict] = {}
    for cid in CLAUSES[kind]:
        out[cid] = decide(cid, r, as_of, out)
    return out


# ---------------------------------------------------------------------------------------------
# the explanation of a verdict, written from the verdict alone (the tests compare it with the
# explanations the vectorised rules give)

def _value(v) -> str:
    if isinstance(v, bool):
        return "是" if v else "否"
    if isinstance(v, date):
        return F(v)
    return str(v)


def explanation_text(verdict: Verdict, kind: str, as_of: date) -> str:
    """One Chinese paragraph: duty, status, decisive facts, deadline, source."""
    from .catalogue import obligations
    from .explanations import source_text
    from .schema import STATUS_ZH, TABLE_FOR_RECORD

    def header(column: str) -> str:
        return TABLE_FOR_RECORD[kind].column(column).zh

    parts = [f"【{obligations()[verdict.clause_id].label}】{STATUS_ZH[verdict.status]}。"]
    if verdict.status == "insufficient_data":
        names = "、".join(f"“{header(c)}”" for c in verdict.blockers) or "必要信息"
        parts.append(f"缺少{names}，该项结论取决于这些信息，无法判断（截至{F(as_of)}）。")
        if verdict.known:
            facts = "；".join(f"{header(c)}：{_value(v)}" for c, v in verdict.known.items())
            parts.append(f"已知：{facts}。")
    else:
        if verdict.reasons:
            parts.append("；".join(verdict.reasons) + "。")
        if verdict.status == "pending":
            parts.append(f"截至{F(as_of)}尚未届满。")
        other = [c for c in verdict.missing if c not in verdict.blockers]
        if other:
            parts.append("（" + "、".join(f"“{header(c)}”" for c in other) + "未填写，但不影响本项结论。）")
    for name, detail in verdict.deadlines.items():
        parts.append(f"{name}：{detail.describe()}。")
    parts.append(source_text(verdict.clause_id, verdict.law_on))
    return "".join(parts)
