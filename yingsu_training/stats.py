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

from .catalogue import obligations, parameter
from .checks import as_of_date, check
from .explanations import KEYS
from .schema import AGENCIES, CASES, STATUSES, SUGGESTIONS

#: decisions counted as the agency losing (败诉): every judgment that quashes, declares
#: unlawful or void, orders the agency to act, pay or compensate, or changes its act.
#: Dismissals of the claim (判决驳回诉讼请求) and rulings (裁定: 驳回起诉、准许撤诉 …) are not.
LOSS_KINDS: tuple[str, ...] = ("判决撤销", "判决撤销并责令重作", "判决确认违法", "判决确认无效",
                               "判决履行法定职责", "判决给付", "判决变更", "判决赔偿补偿")

CITY_LABEL = "全市"
UNKNOWN_LABEL = "（未填）"
#: case-type group of judicial suggestions that name no case of the table
NO_CASE_LABEL = "（未关联案件）"


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
           f"在法定期限内（收到起诉状副本次日起{parameter('defence_period_days')}日，2015年5月1日前收到的为"
           f"{parameter('defence_period_days', date(2015, 4, 30))}日，遇节假日顺延；交邮的以交邮日期为准；经法院准许延期举证的，证据以准许的"
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
    #: records the year filter left out, per record kind ("case", "suggestion", "agency_year")
    excluded: dict[str, int] = field(default_factory=dict)

    @property
    def city(self) -> pd.DataFrame:
        return self.tables["city"]

    def zh(self, breakdown: str) -> pd.DataFrame:
        """A breakdown with Chinese headers, rates as percentages rounded to 0.1."""
        return to_zh(self.tables[breakdown], breakdown)


def metric_header(key: str) -> str:
    """The Chinese column header of a metric (rates get ``（%）``); other keys are kept."""
    m = METRIC_BY_KEY.get(key)
    if m is None:
        return key
    return f"{m.name}（%）" if m.unit == "%" else m.name


def to_zh(table: pd.DataFrame, breakdown: str) -> pd.DataFrame:
    out = table.copy()
    for k in RATE_KEYS:
        if k in out:
            out[k] = (out[k] * 100).round(1)
    out = out.rename(columns=metric_header)
    out.index.name = GROUP_ZH.get(breakdown, out.index.name)
    return out


def _days(s: pd.Series) -> np.ndarray:
    return pd.to_datetime(s).to_numpy().astype("datetime64[D]")


def _ratio(num, den):
    num = np.asarray(num, dtype=float)
    den = np.asarray(den, dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(den > 0, num / np.where(den > 0, den, 1), np.nan)


def _factor(s: pd.Series) -> tuple[np.ndarray, list[str]]:
    """Integer codes and their labels for a text column; missing or blank → （未填）."""
    if isinstance(s.dtype, pd.CategoricalDtype):
        codes = s.cat.codes.to_numpy().astype(np.int64)
        labels = [str(c) for c in s.cat.categories]
    else:
        codes, uniques = pd.factorize(s.astype(object), use_na_sentinel=True)
        codes = codes.astype(np.int64)
        labels = [str(u) for u in uniques]
    labels = [UNKNOWN_LABEL if not lab.strip() else lab.strip() for lab in labels]
    codes = np.where(codes < 0, len(labels), codes)
    labels.append(UNKNOWN_LABEL)
    # merge labels that are the same text (e.g. blank and missing)
    uniq, inverse = np.unique(np.array(labels, dtype=object), return_inverse=True)
    return inverse[codes], [str(u) for u in uniq]


@dataclass
class _Grouping:
    labels: list[str]
    cases: np.ndarray                 # group code per case
    suggestions: np.ndarray | None    # per suggestion (None: not grouped this way)
    agencies: np.ndarray | None       # per agency-year


def _lookup(values: pd.Series, labels: list[str], codes_of_label: np.ndarray | None = None,
            default: int = -1) -> np.ndarray:
    """Position in ``labels`` of each value (``default`` when absent), via distinct values."""
    vcodes, vlabels = _factor(values) if len(values) else (np.zeros(0, dtype=np.int64), [])
    pos = pd.Index(labels).get_indexer(pd.Index(vlabels, dtype=object))
    if codes_of_label is not None:
        pos = np.where(pos >= 0, codes_of_label[np.clip(pos, 0, None)], -1)
    pos = np.where(pos >= 0, pos, default)
    return pos[vcodes] if len(vcodes) else vcodes


def _groupings(cases, suggestions, agencies) -> dict[str, _Grouping]:
    n = len(cases)
    a_codes, a_labels = _factor(cases["agency"]) if n else (np.zeros(0, np.int64), [UNKNOWN_LABEL])
    d_codes, d_labels = _factor(cases["district"]) if n else (np.zeros(0, np.int64), [UNKNOWN_LABEL])
    t_codes, t_labels = _factor(cases["case_type"]) if n else (np.zeros(0, np.int64), [UNKNOWN_LABEL])
    # each agency's district: the one most of its cases name
    district_of_agency = np.full(len(a_labels), -1, dtype=np.int64)
    if n:
        pairs = pd.DataFrame({"a": a_codes, "d": d_codes}).value_counts(sort=True)
        first = pairs.reset_index().drop_duplicates("a")
        district_of_agency[first["a"].to_numpy()] = first["d"].to_numpy()

    def extend(labels: list[str], codes: np.ndarray,
               label: str = UNKNOWN_LABEL) -> tuple[list[str], np.ndarray]:
        """Labels for records outside the cases' groups: append ``label`` where needed."""
        if label not in labels:
            labels = labels + [label]
        unknown = labels.index(label)
        return labels, np.where(codes < 0, unknown, codes)

    # agencies without a case (only a suggestion or an agency-year row) get their own label
    extra = []
    for frame in (suggestions, agencies):
        if len(frame):
            names = pd.Index(pd.unique(frame["agency"].astype(object).dropna()))
            extra += [x for x in names[pd.Index(a_labels).get_indexer(names) < 0]]
    agency_labels = a_labels + sorted(set(map(str, extra)) - set(a_labels))
    district_of_agency = np.concatenate([district_of_agency,
                                         np.full(len(agency_labels) - len(a_labels), -1)])
    s_agency = _lookup(suggestions["agency"], agency_labels) if len(suggestions) else np.zeros(0, np.int64)
    ag_agency = _lookup(agencies["agency"], agency_labels) if len(agencies) else np.zeros(0, np.int64)

    groupings: dict[str, _Grouping] = {}
    groupings["city"] = _Grouping([CITY_LABEL], np.zeros(n, dtype=np.int64),
                                  np.zeros(len(suggestions), dtype=np.int64),
                                  np.zeros(len(agencies), dtype=np.int64))
    labels, s_codes = extend(agency_labels, s_agency)
    _, ag_codes = extend(agency_labels, ag_agency)
    groupings["agency"] = _Grouping(labels, a_codes, s_codes, ag_codes)
    dl, s_d = extend(d_labels, np.where(s_agency >= 0, district_of_agency[np.clip(s_agency, 0, None)], -1))
    _, ag_d = extend(dl, np.where(ag_agency >= 0, district_of_agency[np.clip(ag_agency, 0, None)], -1))
    groupings["district"] = _Grouping(dl, d_codes, s_d, ag_d)
    # a suggestion belongs to the case type of the case it names (（未填） when none)
    if len(suggestions):
        case_pos = pd.Index(cases["case_id"].astype(object)).get_indexer(
            suggestions["case_id"].astype(object))
        s_t = np.where(case_pos >= 0, t_codes[np.clip(case_pos, 0, None)] if n else -1, -1)
    else:
        s_t = np.zeros(0, dtype=np.int64)
    tl, s_t = extend(t_labels, s_t, NO_CASE_LABEL)
    groupings["case_type"] = _Grouping(tl, t_codes, s_t, None)
    return groupings


def _positions(values: pd.Series, labels: list[str]) -> np.ndarray:
    """Position of each value in ``labels`` (-1 when absent); fast for categoricals."""
    if isinstance(values.dtype, pd.CategoricalDtype):
        idx = pd.Index(labels).get_indexer(values.cat.categories.astype(str))
        codes = values.cat.codes.to_numpy()
        return np.where(codes >= 0, idx[np.clip(codes, 0, None)] if len(idx) else -1, -1)
    return pd.Index(labels).get_indexer(values.astype(str))


def _record_positions(findings: pd.DataFrame, records: pd.DataFrame, keys: list[str]) -> np.ndarray:
    """For each finding, the position of its record in ``records``."""
    if keys == ["agency", "year"]:
        rec = pd.MultiIndex.from_arrays([records["agency"].astype(object).to_numpy(),
                                         records["year"].astype("Int64").to_numpy(
                                             dtype=np.int64, na_value=-1)])
        fnd = pd.MultiIndex.from_arrays([findings["agency"].astype(object).to_numpy(),
                                         findings["year"].astype("Int64").to_numpy(
                                             dtype=np.int64, na_value=-1)])
        return rec.get_indexer(fnd)
    key = keys[0]
    return pd.Index(records[key].astype(object)).get_indexer(findings[key].astype(object))


def _require_unique_keys(frame: pd.DataFrame, table) -> None:
    """Records are counted by their key (案号, 司法建议编号, 机关＋年度): a table whose keys repeat
    gets the loader's Chinese :class:`~yingsu_training.errors.DataError` naming every repeated
    row, not a pandas error."""
    from .errors import DataError, Problem
    from .loaders import coerce_frame

    key = list(table.key)
    if not len(frame) or not all(k in frame.columns for k in key) \
            or not frame.duplicated(key).any():
        return
    coerce_frame(frame, table, f"{table.zh}表")  # raises DataError listing the repeated rows
    raise DataError([Problem(f"{table.zh}表", None, "、".join(key), None, "记录键有重复")])


def _findings_of(findings: pd.DataFrame | None, records: pd.DataFrame, kind: str,
                 as_of: date) -> pd.DataFrame:
    """The findings of ``records``: the given ones (restricted to these records), else checked."""
    if findings is None:
        return check(records, kind, as_of=as_of, explain=False)
    keys = list(KEYS[kind])
    wanted = pd.MultiIndex.from_frame(records[keys].astype(object))
    have = pd.MultiIndex.from_frame(findings[keys].astype(object))
    return findings[have.isin(wanted)].reset_index(drop=True)


def statistics(cases: pd.DataFrame, suggestions: pd.DataFrame | None = None,
               agencies: pd.DataFrame | None = None, *, as_of=None,
               year: int | None = None, findings: dict[str, pd.DataFrame] | None = None
               ) -> Statistics:
    """All breakdowns for the records of ``year`` (all records when ``None``), as of ``as_of``
    (default: 31 March of the next year when ``year`` is given, else today).

    ``findings`` (``{"case": …, "suggestion": …, "agency_year": …}``, as ``check_cases`` & co.
    returned them for these records on ``as_of``) are used as they are; the kinds not given
    are checked here."""
    if as_of is None:
        as_of = date(year + 1, 3, 31) if year is not None else date.today()
    as_of = as_of_date(as_of)  # 2026-03-31, 2026/3/31, 2026年3月31日; a Chinese DataError otherwise
    suggestions = SUGGESTIONS.empty() if suggestions is None else suggestions
    agencies = AGENCIES.empty() if agencies is None else agencies
    for frame, table in ((cases, CASES), (suggestions, SUGGESTIONS), (agencies, AGENCIES)):
        _require_unique_keys(frame, table)
    excluded = {"case": 0, "suggestion": 0, "agency_year": 0}
    if year is not None:
        before = len(cases), len(suggestions), len(agencies)
        cases = cases[pd.to_datetime(cases["complaint_received_on"]).dt.year == year]
        suggestions = suggestions[pd.to_datetime(suggestions["received_on"]).dt.year == year]
        agencies = agencies[(agencies["year"].astype("Int64") == year).fillna(False)]
        excluded = {"case": before[0] - len(cases), "suggestion": before[1] - len(suggestions),
                    "agency_year": before[2] - len(agencies)}
    cases = cases.reset_index(drop=True)
    suggestions = suggestions.reset_index(drop=True)
    agencies = agencies.reset_index(drop=True)

    given = findings or {}
    fc, fs, fa = (_findings_of(given.get(kind), frame, kind, as_of) for kind, frame in
                  (("case", cases), ("suggestion", suggestions), ("agency_year", agencies)))

    n, m = len(cases), len(suggestions)
    as_of_d = np.datetime64(as_of, "D")
    # -- per-case indicators ---------------------------------------------------------------
    hearing = cases["hearing_on"].notna().to_numpy()
    head = pd.array(cases["head_appeared"], dtype="boolean")
    head_known = hearing & ~np.asarray(head.isna())
    head_yes = hearing & np.asarray(head.fillna(False), dtype=bool)
    f32 = fc[fc["obligation_id"] == "3.2"] if len(fc) else fc
    s32 = np.full(n, -1, dtype=np.int64)
    if len(f32):
        s32[_record_positions(f32, cases, ["case_id"])] = _positions(f32["status"], list(STATUSES))
    decided = cases["decision_served_on"].notna().to_numpy()
    loss = decided & cases["decision_kind"].astype(object).isin(LOSS_KINDS).to_numpy()
    due = _days(cases["performance_due_on"])
    done = _days(cases["performed_on"])
    has_due = ~np.isnat(due)
    perf_counted = has_due & (~np.isnat(done) | (as_of_d > due))
    perf_ok = perf_counted & ~np.isnat(done) & (done <= due)
    case_ind = {
        "cases": np.ones(n, dtype=bool), "hearings": hearing,
        "head_known": head_known, "head_appearances": head_yes,
        "defence_due": np.isin(s32, [STATUSES.index("compliant"), STATUSES.index("violation")]),
        "defence_ok": s32 == STATUSES.index("compliant"),
        "decisions": decided, "losses": loss,
        "performance_due": perf_counted, "performance_ok": perf_ok,
    }
    # -- suggestions ------------------------------------------------------------------------
    replied = _days(suggestions["replied_on"])
    # the reply deadline R of 10.1, as the checker computed it (NaT where it has none)
    R = np.full(m, np.datetime64("NaT"), dtype="datetime64[D]")
    if len(fs):
        R[_record_positions(fs, suggestions, ["suggestion_id"])] = _days(fs["due_on"])
    sugg_ind = {"suggestions": np.ones(m, dtype=bool),
                "suggestions_due": ~np.isnat(replied) | (as_of_d > R),
                "suggestions_ok": ~np.isnat(replied) & (replied <= R)}

    # -- violations: (record kind, record position, clause) ----------------------------------
    clause_ids = [o.id for o in obligations().values() if o.checked]
    viol_cols = {cid: violation_column(cid) for cid in clause_ids}
    violated = {}
    for kind, f, records, keys in (("case", fc, cases, ["case_id"]),
                                   ("suggestion", fs, suggestions, ["suggestion_id"]),
                                   ("agency_year", fa, agencies, ["agency", "year"])):
        v = f[f["status"] == "violation"] if len(f) else f
        pos = _record_positions(v, records, keys) if len(v) else np.zeros(0, dtype=np.int64)
        clause = _positions(v["obligation_id"], clause_ids) if len(v) \
            else np.zeros(0, dtype=np.int64)
        violated[kind] = (pos, clause)

    groupings = _groupings(cases, suggestions, agencies)
    tables: dict[str, pd.DataFrame] = {}
    k = len(clause_ids)
    for key, (_, col) in BREAKDOWNS.items():
        g = groupings[key]
        G = len(g.labels)
        data = {name: np.bincount(g.cases, weights=v.astype(np.int64), minlength=G)
                for name, v in case_ind.items()}
        for name, v in sugg_ind.items():
            data[name] = (np.bincount(g.suggestions, weights=v.astype(np.int64), minlength=G)
                          if g.suggestions is not None and m else np.zeros(G))
        counts = np.zeros((G, k))
        for kind, codes in (("case", g.cases), ("suggestion", g.suggestions),
                            ("agency_year", g.agencies)):
            pos, clause = violated[kind]
            if codes is None or not len(pos):
                continue
            ok = pos >= 0
            flat = codes[pos[ok]] * k + clause[ok]
            counts += np.bincount(flat, minlength=G * k).reshape(G, k)
        t = pd.DataFrame({name: np.asarray(v, dtype=np.int64) for name, v in data.items()},
                         index=pd.Index(g.labels, name=col or "city"))
        for j, cid in enumerate(clause_ids):
            t[viol_cols[cid]] = counts[:, j].astype(np.int64)
        t["violations"] = counts.sum(axis=1).astype(np.int64)
        # groups with nothing in them (unused categories) are left out
        if key != "city":
            t = t[(t["cases"] > 0) | (t["suggestions"] > 0) | (t["violations"] > 0)]
        t["head_appearance_rate"] = _ratio(t["head_appearances"], t["head_known"])
        t["defence_on_time_rate"] = _ratio(t["defence_ok"], t["defence_due"])
        t["loss_rate"] = _ratio(t["losses"], t["decisions"])
        t["performance_on_time_rate"] = _ratio(t["performance_ok"], t["performance_due"])
        t["suggestion_reply_rate"] = _ratio(t["suggestions_ok"], t["suggestions_due"])
        order = [mt.key for mt in METRICS] + [viol_cols[c] for c in clause_ids]
        extra = ["head_known", "defence_ok", "performance_ok", "suggestions_ok"]
        t = t[order + extra]
        if key != "city":
            t = t.sort_values(["cases", "violations"], ascending=False, kind="stable")
        tables[key] = t

    violations = np.zeros((k, len(STATUSES)), dtype=np.int64)
    for f in (fc, fs, fa):
        if len(f):
            clause = _positions(f["obligation_id"], clause_ids)
            st = _positions(f["status"], list(STATUSES))
            violations += np.bincount(clause * len(STATUSES) + st,
                                      minlength=k * len(STATUSES)).reshape(k, len(STATUSES))
    violations = pd.DataFrame(violations, index=pd.Index(clause_ids, name="obligation_id"),
                              columns=pd.Index(list(STATUSES), name="status"))
    return Statistics(tables=tables, violations=violations, as_of=as_of, year=year,
                      findings={"case": fc, "suggestion": fs, "agency_year": fa}, excluded=excluded)


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
