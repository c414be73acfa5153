"""Year-end statistics of 行政应诉: per district, agency and case type, and for the whole city.

``statistics(cases, suggestions, agencies, as_of=..., year=...)`` returns a
:class:`Statistics` with one table per breakdown (``city``, ``district``, ``agency``,
``case_type``; rows = groups, columns = the metrics of :data:`METRICS` plus one violation count
per checked clause) and ``violations`` (clause × status counts for the whole city). Verdicts come
from :mod:`yingsu_training.checks`, so the statistics count exactly what the checker finds.

The definitions are data (:data:`METRICS`, Chinese), used by the report's 指标说明 sheet and by
``docs/statistics.md``; keep them and the code below in step.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import numpy as np
import pandas as pd

from . import calendar as cal
from .catalogue import obligations, parameter

#: decisions counted as the agency losing (败诉): every judgment that quashes, declares
#: unlawful or void, orders the agency to act, pay or compensate, or changes its act.
#: Dismissals of the claim (判决驳回诉讼请求) and rulings (裁定: 驳回起诉、准许撤诉 …) are not.
LOSS_KINDS: tuple[str, ...] = ("判决撤销", "判决撤销并责令重作", "判决确认违法", "判决确认无效",
                               "判决履行法定职责", "判决给付", "判决变更", "判决赔偿补偿")

CITY_LABEL = "全市"
UNKNOWN_LABEL = "（未填）"


@dataclass(frozen=True)
class Metric:
    key: str
    name: str            # Chinese name as shown in the report
    unit: str            # 件 / 次 / % / 条
    definition: str      # Chinese, one or two sentences
    numerator: str = ""
    denominator: str = ""
    basis: str = ""      # clause or law behind it


METRICS: tuple[Metric, ...] = (
    Metric("cases", "案件数", "件",
           "统计范围内的一审行政案件数（收到起诉状副本日期在统计年度内）。"),
    Metric("hearings", "开庭数", "件",
           "截至检查日已开庭的案件数（开庭日期不为空）。"),
    Metric("head_appearances", "负责人出庭数", "件",
           "已开庭且行政机关负责人（正职、副职或其他分管负责人）出庭的案件数。",
           basis="四（一）（二）；行政诉讼法第三条第三款"),
    Metric("head_appearance_rate", "负责人出庭率", "%",
           "负责人出庭的开庭案件占开庭案件的比例。“负责人出庭”一栏空白的开庭案件不计入分子和分母。",
           numerator="负责人出庭数", denominator="开庭数（不含负责人是否出庭未填的案件）",
           basis="四（一）（二）"),
    Metric("defence_due", "答辩举证已到期案件数", "件",
           "按三（二）已有结论（合规或违反）的案件数：答辩举证期限已届满或材料已全部提交。"),
    Metric("defence_on_time_rate", "按期答辩举证率", "%",
           f"在法定期限内（收到起诉状副本次日起{parameter('defence_period_days')}日，遇节假日顺延；经法院准许延期举证的，证据以准许的"
           "期限为准）提交答辩状和证据的案件所占比例，即三（二）结论为“合规”的案件占“合规”与“违反”"
           "案件之和的比例；尚未到期的（待履行）不计入。",
           numerator="三（二）合规的案件数", denominator="三（二）合规或违反的案件数",
           basis="三（二）；行政诉讼法第六十七条第一款"),
    Metric("decisions", "审结案件数", "件",
           "截至检查日已送达一审裁判文书的案件数（判决和裁定）。"),
    Metric("losses", "败诉案件数", "件",
           "裁判类型为判决撤销、判决撤销并责令重作、判决确认违法、判决确认无效、判决履行法定职责、"
           "判决给付、判决变更、判决赔偿补偿的案件数。判决驳回诉讼请求和裁定（驳回起诉、准许撤诉等）"
           "不算败诉。"),
    Metric("loss_rate", "败诉率", "%",
           "败诉案件占审结案件（已送达裁判文书，含裁定）的比例。",
           numerator="败诉案件数", denominator="审结案件数"),
    Metric("performance_due", "应履行裁判数", "件",
           "裁判确定了履行期限，且截至检查日期限已届满或已履行完毕的案件数。"),
    Metric("performance_on_time_rate", "生效裁判按期履行率", "%",
           "在履行期限届满日当日或之前履行完毕的案件占应履行裁判数的比例；期限未到且尚未履行的不计入。",
           numerator="按期履行完毕的案件数", denominator="应履行裁判数", basis="六（一）"),
    Metric("suggestions", "司法建议数", "条", "统计范围内收到的司法建议数。"),
    Metric("suggestions_due", "应回复司法建议数", "条",
           f"截至检查日回复期限（收到次日起{parameter('suggestion_reply_days')}日，遇节假日顺延）已届满或已书面回复的司法建议数。"),
    Metric("suggestion_reply_rate", "司法建议按期回复率", "%",
           "在回复期限内书面回复的司法建议占应回复司法建议数的比例（是否抄送法制机构另按十（一）"
           "检查，不影响本指标）。",
           numerator="按期书面回复的司法建议数", denominator="应回复司法建议数",
           basis="十（一）"),
    Metric("violations", "违反条款次数", "次",
           "按各检查条款得出“违反”结论的次数之和（一件案件违反多条计多次），分条款的次数见"
           "“违反 条款”各列和“条款违反情况”表。"),
)
METRIC_BY_KEY = {m.key: m for m in METRICS}
RATE_KEYS = tuple(m.key for m in METRICS if m.unit == "%")
#: breakdowns: key → (Chinese title, column of the cases table or None for the whole city)
BREAKDOWNS: dict[str, tuple[str, str | None]] = {
    "city": ("全市", None), "district": ("按区县", "district"),
    "agency": ("按被诉机关", "agency"), "case_type": ("按案件类别", "case_type"),
}
GROUP_ZH = {"city": "范围", "district": "区县", "agency": "行政机关", "case_type": "案件类别"}


def clause_short(clause_id: str) -> str:
    """``三（二）`` for ``"3.2"`` (the label without its heading)."""
    label = obligations()[clause_id].clause.label
    return label[:label.index("）") + 1] if "）" in label else label


def violation_column(clause_id: str) -> str:
    """Column name of a clause's violation count: ``违反 三（二）``."""
    return f"违反 {clause_short(clause_id)}"


@dataclass
class Statistics:
    """Tables of :func:`statistics` (English metric keys as columns; see :func:`zh`)."""

    tables: dict[str, pd.DataFrame]
    violations: pd.DataFrame
    as_of: date
    year: int | None
    findings: dict[str, pd.DataFrame] = field(default_factory=dict, repr=False)

    @property
    def city(self) -> pd.DataFrame:
        return self.tables["city"]

    def zh(self, breakdown: str) -> pd.DataFrame:
        """A breakdown with Chinese headers, rates as percentages rounded to 0.1."""
        return to_zh(self.tables[breakdown], breakdown)


def to_zh(table: pd.DataFrame, breakdown: str) -> pd.DataFrame:
    out = table.copy()
    for k in RATE_KEYS:
        if k in out:
            out[k] = (out[k] * 100).round(1)
    names = {m.key: (f"{m.name}（%）" if m.unit == "%" else m.name) for m in METRICS}
    out = out.rename(columns=names)
    out.index.name = GROUP_ZH.get(breakdown, out.index.name)
    return out


def _days(s: pd.Series) -> np.ndarray:
    return pd.to_datetime(s).to_numpy().astype("datetime64[D]")


def _ratio(num, den):
    num = np.asarray(num, dtype=float)
    den = np.asarray(den, dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(den > 0, num / np.where(den > 0, den, 1), np.nan)


def _labels(s: pd.Series) -> pd.Series:
    s = s.astype("string").fillna(UNKNOWN_LABEL)
    return s.where(s.str.strip() != "", UNKNOWN_LABEL)


def statistics(cases: pd.DataFrame, suggestions: pd.DataFrame | None = None,
               agencies: pd.DataFrame | None = None, *, as_of=None,
               year: int | None = None) -> Statistics:
    """All breakdowns for the records of ``year`` (all records when ``None``), as of ``as_of``
    (default: 31 March of the next year when ``year`` is given, else today)."""
    from .checks import check_agencies, check_cases, check_suggestions
    from .schema import AGENCIES, SUGGESTIONS

    if as_of is None:
        as_of = date(year + 1, 3, 31) if year is not None else date.today()
    as_of = pd.Timestamp(as_of).date()
    suggestions = SUGGESTIONS.empty() if suggestions is None else suggestions
    agencies = AGENCIES.empty() if agencies is None else agencies
    if year is not None:
        cases = cases[pd.to_datetime(cases["complaint_received_on"]).dt.year == year]
        suggestions = suggestions[pd.to_datetime(suggestions["received_on"]).dt.year == year]
        agencies = agencies[agencies["year"].astype("Int64") == year]
    cases = cases.reset_index(drop=True)
    suggestions = suggestions.reset_index(drop=True)
    agencies = agencies.reset_index(drop=True)

    fc = check_cases(cases, as_of=as_of, explain=False)
    fs = check_suggestions(suggestions, as_of=as_of, explain=False)
    fa = check_agencies(agencies, as_of=as_of, explain=False)

    n = len(cases)
    as_of_d = np.datetime64(as_of, "D")
    # -- per-case indicators ---------------------------------------------------------------
    hearing = cases["hearing_on"].notna().to_numpy()
    head = pd.array(cases["head_appeared"], dtype="boolean")
    head_known = hearing & ~np.asarray(head.isna())
    head_yes = hearing & np.asarray(head.fillna(False), dtype=bool)
    f32 = fc[fc["obligation_id"].astype(str) == "3.2"]
    # findings are in record order, one row per record and rule
    s32 = f32["status"].astype(str).to_numpy() if len(f32) == n else np.full(n, "")
    decided = cases["decision_served_on"].notna().to_numpy()
    loss = decided & cases["decision_kind"].astype(object).isin(LOSS_KINDS).to_numpy()
    due = _days(cases["performance_due_on"])
    done = _days(cases["performed_on"])
    has_due = ~np.isnat(due)
    perf_counted = has_due & (~np.isnat(done) | (as_of_d > due))
    perf_ok = perf_counted & ~np.isnat(done) & (done <= due)
    ind = pd.DataFrame({
        "cases": np.ones(n, dtype=np.int64), "hearings": hearing.astype(np.int64),
        "head_known": head_known.astype(np.int64), "head_appearances": head_yes.astype(np.int64),
        "defence_due": np.isin(s32, ["compliant", "violation"]).astype(np.int64),
        "defence_ok": (s32 == "compliant").astype(np.int64),
        "decisions": decided.astype(np.int64), "losses": loss.astype(np.int64),
        "performance_due": perf_counted.astype(np.int64),
        "performance_ok": perf_ok.astype(np.int64),
    })
    case_groups = {k: (_labels(cases[col]) if col else pd.Series(CITY_LABEL, index=cases.index))
                   for k, (_, col) in BREAKDOWNS.items()}

    # -- suggestions ------------------------------------------------------------------------
    m = len(suggestions)
    received = _days(suggestions["received_on"])
    replied = _days(suggestions["replied_on"])
    reply_days = parameter("suggestion_reply_days")
    R = cal.legal_deadlines(pd.Series(received.astype("datetime64[ns]")), reply_days).to_numpy(
        ).astype("datetime64[D]") if m else received
    s_due = ~np.isnat(replied) | (as_of_d > R)
    s_ok = ~np.isnat(replied) & (replied <= R)
    s_ind = pd.DataFrame({"suggestions": np.ones(m, dtype=np.int64),
                          "suggestions_due": s_due.astype(np.int64),
                          "suggestions_ok": s_ok.astype(np.int64)})
    # where a suggestion belongs: its agency; its district and case type via the agency's
    # (or the linked case's) cases
    agency_district = (pd.DataFrame({"a": _labels(cases["agency"]),
                                     "d": _labels(cases["district"])})
                       .groupby("a", sort=True)["d"].agg(lambda s: s.value_counts().index[0]))
    case_type_of = pd.Series(_labels(cases["case_type"]).to_numpy(),
                             index=cases["case_id"].astype(str).to_numpy())
    s_agency = _labels(suggestions["agency"])
    s_groups = {
        "city": pd.Series(CITY_LABEL, index=suggestions.index),
        "agency": s_agency,
        "district": s_agency.map(agency_district).fillna(UNKNOWN_LABEL),
        "case_type": suggestions["case_id"].astype("string").map(case_type_of)
        .fillna(UNKNOWN_LABEL) if m else pd.Series([], dtype=object),
    }

    # -- violations per clause --------------------------------------------------------------
    clause_ids = [o.id for o in obligations().values() if o.checked]
    viol_cols = {cid: violation_column(cid) for cid in clause_ids}

    def violation_counts(findings: pd.DataFrame, groups: pd.Series, record_keys) -> pd.DataFrame:
        if not len(findings):
            return pd.DataFrame()
        v = findings[findings["status"].astype(str) == "violation"]
        g = record_keys(v)
        return (pd.crosstab(np.asarray(g), v["obligation_id"].astype(str).to_numpy())
                if len(v) else pd.DataFrame())

    case_pos = pd.Series(np.arange(n), index=cases["case_id"].astype(str).to_numpy())
    sugg_pos = pd.Series(np.arange(m), index=suggestions["suggestion_id"].astype(str).to_numpy())
    a_agency = _labels(agencies["agency"])
    a_groups = {"city": pd.Series(CITY_LABEL, index=agencies.index), "agency": a_agency,
                "district": a_agency.map(agency_district).fillna(UNKNOWN_LABEL),
                "case_type": None}

    tables: dict[str, pd.DataFrame] = {}
    for key, (_, col) in BREAKDOWNS.items():
        g = case_groups[key]
        t = ind.groupby(g.to_numpy(), sort=True).sum()
        if m:
            st = s_ind.groupby(s_groups[key].to_numpy(), sort=True).sum()
            t = t.join(st, how="outer")
        else:
            t = t.assign(suggestions=0, suggestions_due=0, suggestions_ok=0)
        counts = [violation_counts(fc, g, lambda v: g.to_numpy()[
            case_pos.reindex(v["case_id"].astype(str)).to_numpy()]) if n else pd.DataFrame()]
        if m:
            counts.append(violation_counts(fs, s_groups[key], lambda v: s_groups[key].to_numpy()[
                sugg_pos.reindex(v["suggestion_id"].astype(str)).to_numpy()]))
        if a_groups[key] is not None and len(agencies):
            ag = a_groups[key]
            apos = pd.Series(np.arange(len(agencies)),
                             index=pd.MultiIndex.from_arrays([
                                 agencies["agency"].astype(str).to_numpy(),
                                 agencies["year"].astype("Int64").astype(str).to_numpy()]))
            counts.append(violation_counts(fa, ag, lambda v: ag.to_numpy()[apos.reindex(
                pd.MultiIndex.from_arrays([v["agency"].astype(str).to_numpy(),
                                           v["year"].astype("Int64").astype(str).to_numpy()])
            ).to_numpy()]))
        vc = pd.concat([c for c in counts if len(c)], axis=0) if any(len(c) for c in counts) \
            else pd.DataFrame()
        vc = vc.groupby(level=0).sum() if len(vc) else vc
        vc = vc.reindex(columns=clause_ids, fill_value=0)
        t = t.join(vc, how="outer").fillna(0)
        for c in t.columns:
            t[c] = t[c].astype(np.int64)
        t["violations"] = t[clause_ids].sum(axis=1)
        t = t.rename(columns=viol_cols)
        t["head_appearance_rate"] = _ratio(t["head_appearances"], t["head_known"])
        t["defence_on_time_rate"] = _ratio(t["defence_ok"], t["defence_due"])
        t["loss_rate"] = _ratio(t["losses"], t["decisions"])
        t["performance_on_time_rate"] = _ratio(t["performance_ok"], t["performance_due"])
        t["suggestion_reply_rate"] = _ratio(t["suggestions_ok"], t["suggestions_due"])
        order = [mt.key for mt in METRICS] + [viol_cols[c] for c in clause_ids]
        extra = ["head_known", "defence_ok", "performance_ok", "suggestions_ok"]
        t = t[order + extra]
        t.index.name = col or "city"
        if key != "city":
            t = t.sort_values(["cases", "violations"], ascending=False, kind="stable")
        tables[key] = t

    allf = pd.concat([f[["obligation_id", "status"]].astype(str) for f in (fc, fs, fa) if len(f)])
    violations = pd.crosstab(allf["obligation_id"], allf["status"]) if len(allf) else pd.DataFrame()
    violations = violations.reindex(index=clause_ids, fill_value=0)
    from .schema import STATUSES
    violations = violations.reindex(columns=list(STATUSES), fill_value=0)
    return Statistics(tables=tables, violations=violations, as_of=as_of, year=year,
                      findings={"case": fc, "suggestion": fs, "agency_year": fa})


def violations_zh(violations: pd.DataFrame) -> pd.DataFrame:
    """Clause × status counts with Chinese labels and the violation share."""
    from .schema import STATUS_ZH

    obs = obligations()
    out = violations.rename(columns=STATUS_ZH).copy()
    applies = violations.get("compliant", 0) + violations.get("violation", 0)
    out.insert(0, "条款", [obs[c].label for c in violations.index])
    out["违反比例（%）"] = np.round(_ratio(violations.get("violation", 0), applies) * 100, 1)
    out.index.name = "条款编号"
    return out
