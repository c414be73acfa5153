"""The data contract: the three tables, their columns, Chinese headers and types.

This mirrors ``docs/data-contract.md`` §2 (the shared contract). Names here are fixed: the
loaders, rules, generator, exercises and notebooks all use them.

In-memory types, as the loaders return them and as the rules expect them:

=========  =====================================================================
kind       pandas dtype
=========  =====================================================================
``text``   ``string`` (missing: ``<NA>``); the generator may use ``category``
``date``   ``datetime64[ns]``, normalised to midnight (missing: ``NaT``)
``bool``   nullable ``boolean`` (missing: ``<NA>``)
``int``    nullable ``Int64`` (missing: ``<NA>``)
``enum``   ``category`` with exactly the listed categories (missing: NaN)
=========  =====================================================================
"""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum

import pandas as pd

DECISION_KINDS: tuple[str, ...] = (
    "判决驳回诉讼请求", "判决撤销", "判决撤销并责令重作", "判决确认违法", "判决确认无效",
    "判决履行法定职责", "判决给付", "判决变更", "判决赔偿补偿", "裁定",
)
#: Decisions that are rulings (10-day appeal period, ALL 85); every other kind is a judgment.
RULING_KINDS: frozenset[str] = frozenset({"裁定"})
HEAD_ROLES: tuple[str, ...] = ("正职", "副职", "其他分管负责人")



class Status(IntEnum):
    """A rule's verdict on one record. The value is the code of the findings' ``status``
    categorical; ``str(status)`` is the English name used in findings tables."""

    COMPLIANT = 0
    VIOLATION = 1
    PENDING = 2
    NOT_APPLICABLE = 3
    INSUFFICIENT_DATA = 4

    def __str__(self) -> str:
        return self.name.lower()

    @property
    def zh(self) -> str:
        return STATUS_ZH[str(self)]


STATUSES: tuple[str, ...] = tuple(str(s) for s in Status)
STATUS_ZH: dict[str, str] = {
    "compliant": "合规", "violation": "违反", "pending": "待履行",
    "not_applicable": "不适用", "insufficient_data": "信息不足",
}
RECORD_KINDS: tuple[str, ...] = ("case", "suggestion", "agency_year")
RECORD_KIND_ZH: dict[str, str] = {"case": "案件", "suggestion": "司法建议", "agency_year": "机关年度"}

TRUE_WORDS = frozenset({"是", "true", "1", "y", "yes", "t", "√", "对"})
FALSE_WORDS = frozenset({"否", "false", "0", "n", "no", "f", "×", "不"})


#: what an empty cell of a column means, as the rules read it (each rule's ``READS`` declares the
#: same per fact it reads; tests/test_blank_meanings.py holds the two together):
#:
#: * ``required`` — may not be blank (the loader refuses the file);
#: * ``unknown`` — not known: the clauses that need the fact are 信息不足 for that record;
#: * ``no`` — counts as 否;
#: * ``not_yet`` — has not happened (not yet submitted, heard, served …);
#: * ``optional`` — may be blank (read only through another column);
#: * ``not_checked`` — no rule reads the column.
BLANK_KINDS: tuple[str, ...] = ("required", "unknown", "no", "not_yet", "optional", "not_checked")


@dataclass(frozen=True)
class Column:
    name: str
    zh: str
    kind: str  # text | date | bool | int | enum
    required: bool = False
    unique: bool = False
    choices: tuple[str, ...] = ()
    minimum: int | None = None
    help: str = ""
    #: what an empty cell means (one of :data:`BLANK_KINDS`); "" = by kind: a required column
    #: ``required``, a date ``not_yet``, a 是/否, count or choice ``unknown``, text ``not_checked``
    blank: str = ""

    @property
    def blank_means(self) -> str:
        """What an empty cell of this column means: one of :data:`BLANK_KINDS`."""
        if self.blank:
            return self.blank
        if self.required:
            return "required"
        return {"date": "not_yet", "bool": "unknown", "int": "unknown", "enum": "unknown"}.get(
            self.kind, "not_checked")

    @property
    def blank_text(self) -> str:
        """What an empty cell means, as the import template and docs/loading-data.md say it."""
        means = self.blank_means
        if means == "unknown":
            fill = {"bool": "没有的请填“否”", "int": "没有的请填 0"}.get(self.kind, "请填写")
            return f"不知道：用到这一列的检查条款结论为“信息不足”；{fill}"
        return {"required": "不能空白（必填）", "no": "按“否”处理",
                "not_yet": "尚未发生（尚未提交、开庭、送达或履行等）",
                "optional": "可以空白", "not_checked": "可以空白（不参与检查）"}[means]


@dataclass(frozen=True)
class Table:
    name: str
    zh: str
    key: tuple[str, ...]
    columns: tuple[Column, ...] = field(default_factory=tuple)

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]

    def column(self, name: str) -> Column:
        for c in self.columns:
            if c.name == name:
                return c
        raise KeyError(name)

    @property
    def zh_to_name(self) -> dict[str, str]:
        return {c.zh: c.name for c in self.columns}

    @property
    def name_to_zh(self) -> dict[str, str]:
        return {c.name: c.zh for c in self.columns}

    def dtypes(self) -> dict[str, object]:
        return {c.name: dtype_for(c) for c in self.columns}

    def empty(self) -> pd.DataFrame:
        """An empty frame with every column in its contract dtype."""
        return pd.DataFrame({c.name: pd.Series([], dtype=dtype_for(c)) for c in self.columns})


def dtype_for(col: Column):
    return {
        "text": "string",
        "date": "datetime64[ns]",
        "bool": "boolean",
        "int": "Int64",
        "enum": pd.CategoricalDtype(list(col.choices)),
    }[col.kind]


C = Column
CASES = Table("cases", "案件", ("case_id",), (
    C("case_id", "案号", "text", required=True, unique=True, help="法院案号或其他唯一编号"),
    C("agency", "被诉行政机关", "text", required=True, help="被告行政机关全称"),
    C("district", "区县", "text", help="重庆市区县（自治县）名称，或“市级”"),
    C("case_type", "案件类别", "text", help="如 行政处罚、征收补偿、政府信息公开"),
    C("complaint_received_on", "收到起诉状副本日期", "date", required=True,
      help="行政机关收到起诉状副本之日（答辩期间自次日起算）"),
    C("defence_submitted_on", "提交答辩状日期", "date", help="人民法院收到答辩状之日（邮寄的，为送达之日）"),
    C("defence_posted_on", "答辩状交邮日期", "date",
      help="邮寄答辩状的交邮之日；期满前交邮的，视为在期限内发送（法释〔2018〕1号第四十八条第四款）"),
    C("evidence_submitted_on", "提交证据依据日期", "date", help="提交证据和所依据的规范性文件之日"),
    C("evidence_posted_on", "证据依据交邮日期", "date", help="邮寄证据依据的交邮之日（同上）"),
    C("evidence_list_submitted", "已提交证据依据清单", "bool"),
    C("evidence_extension_until", "法院准许延期举证至", "date",
      help="经人民法院准许延期提供证据的截止日（行政诉讼法第三十六条第一款）"),
    C("confidential_evidence", "含国家秘密商业秘密或个人隐私证据", "bool"),
    C("confidential_marked", "已注明并提交法院审查确认", "bool"),
    C("interference_recorded", "存在干预受理审理行为", "bool", help="开协调会、发文件或口头要求等"),
    C("hearing_on", "开庭日期", "date", help="空白表示尚未开庭"),
    C("major_public_interest", "涉及重大公共利益", "bool", blank="no"),
    C("high_social_attention", "社会高度关注", "bool", blank="no"),
    C("mass_incident_risk", "可能引发群体性事件", "bool", blank="no"),
    C("court_requested_head", "法院书面建议负责人出庭", "bool", blank="no"),
    C("head_appeared", "负责人出庭", "bool"),
    C("head_absence_justified", "负责人有正当理由不能出庭并已提交情况说明", "bool",
      help="法释〔2018〕1号第一百二十九条第三款；空白表示未提交情况说明", blank="no"),
    C("head_role", "出庭负责人职务", "enum", choices=HEAD_ROLES, help="负责人未出庭时留空",
      blank="optional"),
    C("staff_appeared", "出庭工作人员人数", "int", minimum=0, help="承办机关相应的工作人员人数"),
    C("lawyers_appeared", "出庭律师人数", "int", minimum=0),
    C("absent_without_cause", "无正当理由拒不到庭", "bool"),
    C("left_without_permission", "未经法庭许可中途退庭", "bool"),
    C("withdrawal_improperly_induced", "以欺骗胁迫等手段使原告撤诉", "bool"),
    C("decision_kind", "裁判类型", "enum", choices=DECISION_KINDS),
    C("decision_served_on", "裁判文书送达日期", "date"),
    C("appeal_filed_on", "提起上诉日期", "date", help="行政机关提起上诉之日"),
    C("performance_due_on", "履行期限届满日", "date", help="生效裁判确定的履行期限"),
    C("performed_on", "履行完毕日期", "date"),
    C("remade_same_act", "以同一事实理由重作基本相同行为", "bool"),
    C("revoked_for_procedure_or_law", "原行为因程序违法或法律适用问题被撤销", "bool"),
    C("reconsideration_upheld", "复议维持（共同被告）", "bool"),
    C("review_organ_proved_procedure", "复议机关已对复议程序举证", "bool"),
    C("accountability_referred", "已移送追责", "bool", blank="no"),
))

SUGGESTIONS = Table("judicial_suggestions", "司法建议", ("suggestion_id",), (
    C("suggestion_id", "司法建议编号", "text", required=True, unique=True),
    C("agency", "收到建议的机关", "text", required=True),
    C("received_on", "收到日期", "date", required=True),
    C("replied_on", "书面回复日期", "date"),
    C("copied_to_legal_office", "已抄送本级政府法制机构", "bool"),
    C("case_id", "案号", "text", help="关联案件（可空）"),
))

AGENCIES = Table("agencies", "机关年度", ("agency", "year"), (
    C("agency", "行政机关", "text", required=True),
    C("year", "年度", "int", required=True, minimum=1990),
    C("trainings_held", "集中培训次数", "int", minimum=0),
    C("funding_in_budget", "应诉经费列入预算", "bool"),
    C("statistics_reported_on", "统计分析报送日期", "date"),
    C("included_in_annual_report", "纳入法治政府建设年度报告", "bool"),
    C("in_assessment", "纳入依法行政考核", "bool"),
))
del C

TABLES: dict[str, Table] = {"cases": CASES, "suggestions": SUGGESTIONS, "agencies": AGENCIES}
#: which table each record kind of the checker reads
TABLE_FOR_RECORD: dict[str, Table] = {"case": CASES, "suggestion": SUGGESTIONS,
                                      "agency_year": AGENCIES}
