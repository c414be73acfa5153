"""Synthetic 行政应诉 data with ground truth, for classes, exercises and tests.

``generate(n_cases, year, seed)`` draws a year of first-instance administrative cases against
Chongqing agencies, the judicial suggestions the agencies received and one row per agency and
year, in the contract's columns and in-memory dtypes (docs/data-contract.md §2; text columns
``agency``, ``district`` and ``case_type`` are ``category`` to save memory). Every value is
synthetic and marked so: case numbers read ``（2025）渝0112行初模拟0001号`` (模拟 never appears in a
real case number) and no person is named.

How a record is made: for each of the 15 checked rules (docs/data-contract.md §3) the generator
first decides, with the rule's violation rate, whether the record is meant to break the duty,
and then draws facts that do so (a defence filed after the 15-day period, a hearing without the
head, a reply to a judicial suggestion sent after 60 days …), on the real calendar with the
legal periods of :mod:`yingsu_training.calendar` and :mod:`yingsu_training.catalogue`. Events
later than ``as_of`` have not happened yet and are left empty; a small share of facts is left
empty as "unknown" (``missing_rate``).

``.truth`` holds, for every (record, rule), the status those facts are meant to have at
``as_of``. It is derived from the generated facts by the contract's table in three-valued
(Kleene) logic — a missing fact is "unknown", and a rule whose verdict does not depend on the
unknown fact still gets that verdict — written here independently of :mod:`checks`, so that the
two implementations test each other (tests/test_ground_truth.py).

Same ``seed`` → identical tables bit for bit: all randomness comes from one
``numpy.random.Generator`` drawn in a fixed order.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

from . import calendar as cal
from .catalogue import parameters
from .opinion import load_opinion
from .rules import rules_for
from .rules.clause_4_2_head_must_appear import TRIGGERS
from .stats import LOSS_KINDS
from .schema import (AGENCIES, CASES, DECISION_KINDS, HEAD_ROLES, RECORD_KINDS, RULING_KINDS,
                     STATUSES, SUGGESTIONS)

DATA = Path(__file__).parent / "data"
NAT = np.iinfo(np.int64).min  # NaT as int64 days

#: rules by record kind, in the contract's order (the rule registry's declaration)
CASE_RULES = tuple(rules_for("case"))
SUGGESTION_RULES = tuple(rules_for("suggestion"))
AGENCY_RULES = tuple(rules_for("agency_year"))
ALL_RULES = CASE_RULES + SUGGESTION_RULES + AGENCY_RULES

#: default share of records (among those the rule applies to) meant to break each rule
DEFAULT_VIOLATION_RATES: dict[str, float] = {
    "2.2": 0.01,   # interference with the court
    "3.1": 0.05,   # evidence list / confidential evidence
    "3.2": 0.08,   # late defence or evidence
    "4.2": 0.30,   # head absent in a case where the head must appear
    "4.3": 0.03,   # absent without cause, left, lawyers only
    "5.2": 0.005,  # withdrawal induced improperly
    "6.1": 0.06,   # late appeal, late or no performance
    "6.2": 0.15,   # same act re-made
    "7.2": 0.10,   # review organ did not prove its procedure
    "12.2": 0.40,  # breach not referred for accountability
    "10.1": 0.15,  # judicial suggestion reply late / missing / not copied
    "8.2": 0.10,   # no training in the year
    "9.1": 0.08,   # no funding in the budget
    "11.2": 0.12,  # statistics late / not in the annual report
    "12.1": 0.05,  # not in the assessment
}

#: decisions that order the agency to act (a performance deadline follows)
PERFORMANCE_KINDS = ("判决撤销并责令重作", "判决履行法定职责", "判决给付", "判决赔偿补偿")
#: decisions against the agency (the agency may appeal)
AGAINST_KINDS = LOSS_KINDS
# shares of decision kinds after a hearing (most are dismissed or ruled on)
_DECISION_WEIGHTS_HEARD = {
    "判决驳回诉讼请求": 44, "判决撤销": 8, "判决撤销并责令重作": 6, "判决确认违法": 8,
    "判决确认无效": 0.5, "判决履行法定职责": 5, "判决给付": 1, "判决变更": 0.5,
    "判决赔偿补偿": 3, "裁定": 24,
}
_HEAD_ROLE_WEIGHTS = (0.3, 0.5, 0.2)
HEARING_SHARE = 0.82          # cases that reach a hearing (the rest end by ruling)
SUGGESTIONS_PER_CASE = 0.06   # judicial suggestions per case
#: share of cases with each 4.2 trigger (the triggers as rule 4.2 declares them)
TRIGGER_SHARES = dict(zip(TRIGGERS, (0.08, 0.06, 0.04, 0.15), strict=True))
POSTED_SHARE = 0.08           # defences and evidence sent by post (posting date counts)
JUSTIFIED_SHARE = 0.1         # absent heads with a justified reason and the explanation filed


@dataclass
class SyntheticData:
    """What :func:`generate` returns."""

    cases: pd.DataFrame
    suggestions: pd.DataFrame
    agencies: pd.DataFrame
    truth: pd.DataFrame
    as_of: date
    year: int
    seed: int
    violation_rates: dict[str, float] = field(default_factory=dict)

    def save(self, out: str | Path, *, xlsx: bool = True, progress: bool = False) -> list[Path]:
        """Write the three tables (CSV + .xlsx, Chinese headers) and the truth (CSV).

        ``xlsx=False`` writes CSV only (a table longer than an Excel sheet is always CSV only).
        """
        from .export import EXCEL_MAX_ROWS, save_table, write_csv

        out = Path(out)
        out.mkdir(parents=True, exist_ok=True)
        stem = f"{self.year}"
        jobs = []
        for df, table, name in [(self.cases, "cases", f"cases-{stem}"),
                                (self.suggestions, "suggestions", f"suggestions-{stem}"),
                                (self.agencies, "agencies", f"agencies-{stem}")]:
            jobs.append((df, table, out / f"{name}.csv"))
            if xlsx and len(df) <= EXCEL_MAX_ROWS:
                jobs.append((df, table, out / f"{name}.xlsx"))
        truth_path = out / f"truth-{stem}.csv"
        bar = None
        if progress:
            from tqdm.auto import tqdm
            bar = tqdm(total=len(jobs) + 1, desc="写入文件", unit="个")
        written = []
        try:
            for df, table, path in jobs:
                written.append(save_table(df, path, table))
                if bar is not None:
                    bar.set_postfix_str(path.name)
                    bar.update(1)
            write_csv(truth_text(self.truth), truth_path)
            written.append(truth_path)
            if bar is not None:
                bar.update(1)
        finally:
            if bar is not None:
                bar.close()
        return written


#: Chinese headers of the truth file (``status`` keeps the contract's English code for programs)
TRUTH_ZH = {"record_kind": "记录类型", "case_id": "案号", "suggestion_id": "司法建议编号",
            "agency": "行政机关", "year": "年度", "obligation_id": "条款编号", "label": "条款",
            "status_zh": "应有结论", "status": "status"}


def truth_text(truth: pd.DataFrame) -> pd.DataFrame:
    """The truth table as a user reads it: Chinese headers and values, blanks for no value.

    Columns stay categorical (blank = an extra "" category), so a table of ten million rows is
    converted without a Python object per cell.
    """
    from .catalogue import obligations
    from .schema import RECORD_KIND_ZH, STATUS_ZH

    labels = {o.id: o.label for o in obligations().values()}

    def cat(values: pd.Series, mapping: dict | None = None) -> pd.Categorical:
        c = pd.Categorical(values) if not isinstance(values.dtype, pd.CategoricalDtype) \
            else values.array
        if mapping is not None:
            c = c.rename_categories([mapping.get(str(x), str(x)) for x in c.categories])
        if "" not in c.categories:
            c = c.add_categories([""])
        return c.fillna("")

    year = truth["year"].astype("Int64")
    year_cat = pd.Categorical(year.astype("category")) if len(truth) else pd.Categorical([])
    year_cat = year_cat.rename_categories([str(int(y)) for y in year_cat.categories])
    out = pd.DataFrame({
        "record_kind": cat(truth["record_kind"], RECORD_KIND_ZH),
        "case_id": cat(truth["case_id"]),
        "suggestion_id": cat(truth["suggestion_id"]),
        "agency": cat(truth["agency"]),
        "year": cat(pd.Series(year_cat)),
        "obligation_id": cat(truth["obligation_id"]),
        "label": cat(truth["obligation_id"], labels),
        "status_zh": cat(truth["status"], STATUS_ZH),
        "status": cat(truth["status"]),
    })
    return out.rename(columns=TRUTH_ZH)


# ---------------------------------------------------------------------------------------------
# places

@dataclass(frozen=True)
class Places:
    prefix: str
    city_label: str
    city_court_code: str
    city_weight: float
    divisions: tuple[dict, ...]
    agency_types: dict[str, dict]
    case_types: dict[str, dict]


@lru_cache(maxsize=1)
def load_places() -> Places:
    raw = yaml.safe_load((DATA / "places.yaml").read_text(encoding="utf-8"))
    divisions = []
    for d in raw["divisions"]:
        versions = sorted(({"from": date.fromisoformat(str(v["from"])), "name": v.get("name"),
                            "kind": v.get("kind"), "code": v.get("code")} for v in d["versions"]),
                          key=lambda v: v["from"])
        divisions.append({"weight": float(d["weight"]), "versions": versions})
    return Places(prefix=raw["city_prefix"], city_label=raw["city_level_label"],
                  city_court_code=str(raw["city_court_code"]),
                  city_weight=float(raw["city_level_weight"]), divisions=tuple(divisions),
                  agency_types=raw["agency_types"], case_types=raw["case_types"])


def divisions_in_force(on: date) -> list[dict]:
    """The county-level divisions (name, kind, code) in force on ``on``, in the file's order."""
    out = []
    for d in load_places().divisions:
        current = None
        for v in d["versions"]:
            if v["from"] <= on:
                current = v
        if current and current["name"]:
            out.append(current)
    return out


def _agency_name(places: Places, type_key: str, year: int, division: dict | None) -> str | None:
    spec = places.agency_types[type_key]
    current = None
    for n in sorted(spec["names"], key=lambda n: int(n["from"])):
        if int(n["from"]) <= year:
            current = n
    if current is None:
        return None
    if division is None:
        pattern = current["city"]
    elif division["kind"] != "district" and "county" in current:
        pattern = current["county"]
    else:
        pattern = current["district"]
    return pattern.format(prefix=places.prefix, division=division["name"] if division else "")


# ---------------------------------------------------------------------------------------------
# calendar helpers on int64 day numbers (days since 1970-01-01; NaT = NAT)

def parameter(name: str, on: date | None = None) -> int:
    """A legal parameter in force on ``on``; before its first date, its first value (the kit
    applies today's periods to older years, as the checker does)."""
    p = parameters()[name]
    if on is not None and on < p.values[0][0]:
        return p.values[0][1]
    return p.at(on)


def _dated(name: str, days: np.ndarray) -> np.ndarray:
    """A dated parameter's value in force on each day number (before its first date: its first
    value; NAT: the latest)."""
    p = parameters()[name]
    starts = np.array([_to_days(d) for d, _ in p.values], dtype=np.int64)
    values = np.array([v for _, v in p.values], dtype=np.int64)
    pos = np.clip(np.searchsorted(starts, days, side="right") - 1, 0, None)
    return np.where(days == NAT, values[-1], values[pos])


def _to_days(d: date) -> int:
    return int(np.datetime64(d, "D").astype(np.int64))


def _deadline(days: np.ndarray, n) -> np.ndarray:
    """period(start, n) on day numbers (NAT stays NAT)."""
    s = pd.Series(days.view("datetime64[D]").astype("datetime64[ns]"))
    out = cal.legal_deadlines(s, n).to_numpy().astype("datetime64[D]").view(np.int64)
    return out


def _working_on_or_after(days: np.ndarray) -> np.ndarray:
    return _deadline(days, 0)


def _to_datetime(days: np.ndarray) -> np.ndarray:
    return days.view("datetime64[D]").astype("datetime64[ns]")


class _Stages:
    """A tqdm progress bar over the generator's stages (or nothing)."""

    def __init__(self, total: int, enabled: bool, n: int):
        self.bar = None
        if enabled:
            from tqdm.auto import tqdm
            self.bar = tqdm(total=total, desc=f"生成 {n:,} 件模拟案件", unit="步")

    def step(self, text: str) -> None:
        if self.bar is not None:
            self.bar.set_postfix_str(text)
            self.bar.update(1)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


# ---------------------------------------------------------------------------------------------
# the generator

def generate(n_cases: int, year: int, seed: int, violation_rates: dict | None = None, *,
             as_of: date | str | None = None, head_appearance_rate: float = 0.45,
             joint_defendant_rate: float = 0.25, missing_rate: float = 0.01,
             progress: bool = False) -> SyntheticData:
    """Synthetic cases, judicial suggestions and agency-years for ``year``, with ground truth.

    ``violation_rates`` maps clause ids to the share of records (among those the rule applies
    to) meant to break it; missing ids keep :data:`DEFAULT_VIOLATION_RATES`. ``as_of`` is the
    check date the truth refers to (default: 31 March of the next year). ``head_appearance_rate``
    is the share of hearings the head attends where nothing requires it;
    ``joint_defendant_rate`` the share of cases after an upheld administrative review (复议维持,
    joint defendants); ``missing_rate`` the share of some facts left empty as unknown.
    """
    n = int(n_cases)
    if n < 0:
        raise ValueError("案件数不能为负数")
    rates = dict(DEFAULT_VIOLATION_RATES)
    for k, v in (violation_rates or {}).items():
        k = str(k)
        if k not in rates:
            raise ValueError(f"未知的条款编号“{k}”；可设置违反比例的条款：{'、'.join(ALL_RULES)}")
        if not 0.0 <= float(v) <= 1.0:
            raise ValueError(f"条款 {k} 的违反比例应在 0 到 1 之间，实际为 {v}")
        rates[k] = float(v)
    for name, v in (("head_appearance_rate", head_appearance_rate),
                    ("joint_defendant_rate", joint_defendant_rate), ("missing_rate", missing_rate)):
        if not 0.0 <= float(v) <= 1.0:
            raise ValueError(f"{name} 应在 0 到 1 之间，实际为 {v}")
    as_of = (date(year + 1, 3, 31) if as_of is None
             else pd.Timestamp(as_of).date())
    start = date(year, 1, 1)
    end = min(date(year, 12, 31), as_of)
    if end < start:
        raise ValueError(f"检查日 {as_of} 早于 {year} 年初，没有可生成的案件")

    rng = np.random.default_rng(seed)
    stages = _Stages(6, progress, n)
    try:
        cases = _cases(n, year, start, end, as_of, rng, rates, head_appearance_rate,
                       joint_defendant_rate, missing_rate, stages)
        suggestions = _suggestions(cases, year, start, end, as_of, rng, rates, missing_rate)
        stages.step("司法建议")
        agencies = _agencies(cases, suggestions, year, as_of, rng, rates, missing_rate)
        stages.step("机关年度")
        truth = _truth(cases, suggestions, agencies, as_of)
        stages.step("标准答案")
    finally:
        stages.close()
    return SyntheticData(cases=cases, suggestions=suggestions, agencies=agencies, truth=truth,
                         as_of=as_of, year=year, seed=seed, violation_rates=rates)


def _bool(values: np.ndarray, missing: np.ndarray | None = None) -> pd.arrays.BooleanArray:
    mask = np.zeros(len(values), dtype=bool) if missing is None else missing
    return pd.arrays.BooleanArray(np.asarray(values, dtype=bool), mask.copy())


def _int(values: np.ndarray, missing: np.ndarray | None = None) -> pd.arrays.IntegerArray:
    mask = np.zeros(len(values), dtype=bool) if missing is None else missing
    return pd.arrays.IntegerArray(np.asarray(values, dtype=np.int64), mask.copy())


def _choice(rng, n: int, weights) -> np.ndarray:
    p = np.asarray(weights, dtype=float)
    return rng.choice(len(p), size=n, p=p / p.sum())


def _uniform_int(rng, low: np.ndarray, high: np.ndarray) -> np.ndarray:
    """An integer in [low, high] per element (high ≥ low)."""
    span = np.maximum(high - low, 0) + 1
    return low + np.floor(rng.random(len(span)) * span).astype(np.int64)


def _cases(n, year, start, end, as_of, rng, rates, head_rate, joint_rate, missing_rate, stages):
    places = load_places()
    as_of_d = _to_days(as_of)

    # -- who, what, when -------------------------------------------------------------------
    all_days = np.arange(_to_days(start), _to_days(end) + 1, dtype=np.int64)
    workdays = all_days[_working_on_or_after(all_days) == all_days]
    received = np.sort(workdays[rng.integers(0, len(workdays), n)])

    # divisions: version in force on the day the complaint copy was received
    div_specs = places.divisions
    active = [i for i, d in enumerate(div_specs)
              if any(v["name"] and v["from"] <= end for v in d["versions"])
              and not (d["versions"][-1]["name"] is None and d["versions"][-1]["from"] <= start)]
    weights = [div_specs[i]["weight"] for i in active] + [places.city_weight]
    pick = _choice(rng, n, weights)  # len(active) = city level
    entities: list[dict | None] = []   # (division version) or None for 市级
    entity_of = np.full(n, -1, dtype=np.int64)
    for j, i in enumerate(active):
        rows = np.flatnonzero(pick == j)
        versions = div_specs[i]["versions"]
        froms = np.array([_to_days(v["from"]) for v in versions])
        vidx = np.searchsorted(froms, received[rows], side="right") - 1
        for k, v in enumerate(versions):
            sel = rows[vidx == k]
            if not len(sel):
                continue
            if v["name"] is None:
                pick[sel] = len(active)  # division abolished: such cases go to 市级
                continue
            entities.append(v)
            entity_of[sel] = len(entities) - 1
    city_rows = pick == len(active)
    entities.append(None)
    entity_of[city_rows] = len(entities) - 1

    # case types and the agency type sued
    ct_names = list(places.case_types)
    case_type = _choice(rng, n, [places.case_types[c]["weight"] for c in ct_names])
    type_keys = list(places.agency_types)
    agency_type = np.zeros(n, dtype=np.int64)
    for k, ct in enumerate(ct_names):
        for city in (False, True):
            rows = np.flatnonzero((case_type == k) & (city_rows == city))
            # city level: the city government is sued far less often than its departments
            dist = {t: w * (float(places.agency_types[t].get("city_factor", 1.0)) if city else 1.0)
                    for t, w in places.case_types[ct]["agencies"].items()
                    if _agency_name(places, t, year, None) is not None}
            dist = {t: w for t, w in dist.items() if w > 0} or {"government": 1.0}
            keys = list(dist)
            agency_type[rows] = np.array([type_keys.index(t) for t in keys])[
                _choice(rng, len(rows), [dist[t] for t in keys])]

    # agency names: one per (entity, agency type)
    T = len(type_keys)
    pair_names = []
    for e in entities:
        for t in type_keys:
            pair_names.append(_agency_name(places, t, year, e) or "")
    pair_code = entity_of * T + agency_type
    used = np.unique(pair_code)
    names = [pair_names[c] for c in used]
    order = np.argsort(np.array(names, dtype=object), kind="stable")
    categories = [names[i] for i in order]
    remap = np.full(len(pair_names), -1, dtype=np.int64)
    remap[used[order]] = np.arange(len(used))
    agency = pd.Categorical.from_codes(remap[pair_code], categories=categories)
    district_names = [e["name"] if e else places.city_label for e in entities]
    d_used = np.unique(entity_of)
    d_names = [district_names[i] for i in d_used]
    d_order = np.argsort(np.array(d_names, dtype=object), kind="stable")
    d_remap = np.full(len(entities), -1, dtype=np.int64)
    d_remap[d_used[d_order]] = np.arange(len(d_used))
    district = pd.Categorical.from_codes(d_remap[entity_of],
                                         categories=[d_names[i] for i in d_order])
    case_type_cat = pd.Categorical.from_codes(case_type, categories=ct_names)

    # case numbers: （2025）渝0112行初模拟0001号, numbered per court in order of receipt
    court_codes = [e["code"] if e else places.city_court_code for e in entities]
    court_of = np.array([court_codes.index(c) for c in court_codes], dtype=np.int64)[entity_of]
    case_id = _numbered(f"（{year}）渝", court_codes, court_of, "行初模拟", "号")
    stages.step("案件与机关")

    # -- defence and evidence (3.1, 3.2) ----------------------------------------------------
    # the period of the law in force on the day the copy was received (10 days before
    # 2015-05-01, 15 from then)
    due_d = _deadline_var(received, _dated("defence_period_days", received))
    late32 = rng.random(n) < rates["3.2"]
    span = due_d - received
    # on time: a working day in (received, due]; agencies tend to file near the deadline
    frac = rng.beta(3, 1.5, n)
    on_time = received + 1 + np.floor(frac * (span - 1)).astype(np.int64)
    late_by = rng.integers(1, 25, n)
    defence = np.where(late32 & (rng.random(n) < 0.6), due_d + late_by, on_time)
    # evidence: mostly the same day; sometimes separately
    same_day = rng.random(n) < 0.75
    ev_frac = rng.beta(3, 1.5, n)
    evidence = np.where(same_day, defence, received + 1 + np.floor(ev_frac * (span - 1)).astype(np.int64))
    extension = rng.random(n) < 0.03
    ext_until = np.where(extension, due_d + rng.integers(10, 31, n), NAT)
    ext_until = np.where(extension, _working_on_or_after(np.where(ext_until <= as_of_d + 400, ext_until, due_d)), NAT)
    evidence = np.where(extension & ~same_day, _uniform_int(rng, due_d + 1, ext_until), evidence)
    late_evidence = late32 & (defence <= due_d)  # the late one is the evidence
    evidence = np.where(late_evidence, np.where(extension, ext_until, due_d) + late_by, evidence)
    never = late32 & (rng.random(n) < 0.15)  # never filed at all
    defence = np.where(never & (rng.random(n) < 0.5), NAT, defence)
    evidence = np.where(never & (defence != NAT), NAT, evidence)
    defence = _happen(defence, as_of_d)
    evidence = _happen(evidence, as_of_d)
    # some filings go by post: the date drawn above is the posting date (the one that counts,
    # 法释〔2018〕1号第四十八条第四款) and the court receives them one to four days later — an
    # arrival after the check date is not known yet (posted, no arrival date)
    defence_posted = np.where((defence != NAT) & (rng.random(n) < POSTED_SHARE), defence, NAT)
    evidence_posted = np.where((evidence != NAT) & (rng.random(n) < POSTED_SHARE), evidence, NAT)
    defence_arrived = _arrival(defence, defence_posted, rng.integers(1, 5, n), as_of_d)
    evidence_arrived = _arrival(evidence, evidence_posted, rng.integers(1, 5, n), as_of_d)

    ev_present = evidence != NAT
    confidential = rng.random(n) < 0.05
    viol31 = rng.random(n) < rates["3.1"]
    conf_viol = viol31 & confidential
    list_viol = viol31 & ~confidential & ev_present
    evidence_list = np.where(list_viol, False, True)
    evidence_list_missing = ~ev_present | (rng.random(n) < missing_rate)
    conf_marked = np.where(conf_viol, False, True)
    conf_marked_missing = ~confidential
    confidential_missing = rng.random(n) < missing_rate
    conf_marked_missing = conf_marked_missing & ~confidential_missing

    # -- hearing (4.2, 4.3) -------------------------------------------------------------------
    last_filing = np.maximum(np.where(defence == NAT, due_d, defence),
                             np.where(evidence == NAT, due_d, evidence))
    heard = rng.random(n) < HEARING_SHARE
    hearing = np.where(heard, last_filing + rng.integers(20, 100, n), NAT)
    hearing = _happen(hearing, as_of_d)
    has_hearing = hearing != NAT
    triggers = {k: rng.random(n) < p for k, p in TRIGGER_SHARES.items()}
    trig_missing = {k: rng.random(n) < missing_rate for k in TRIGGER_SHARES}
    triggered = np.zeros(n, dtype=bool)
    for k in TRIGGER_SHARES:
        triggered |= triggers[k] & ~trig_missing[k]
    max_agents = parameter("max_agents_with_head", start)
    # head appears: where required, unless meant to break 4.2; elsewhere at head_rate
    viol42 = rng.random(n) < rates["4.2"]
    too_many = viol42 & (rng.random(n) < 0.2)
    head = np.where(triggered, ~viol42 | too_many, rng.random(n) < head_rate)
    # a head kept away for a justified reason, the sealed explanation filed (法释〔2018〕1号第一百
    # 二十九条第三款): not a breach of 4.2; staff must still appear (4.3)
    excused = ~viol42 & ~too_many & (rng.random(n) < JUSTIFIED_SHARE)
    head = np.where(triggered & excused, False, head)
    justified = ~head & (excused | (~triggered & (rng.random(n) < JUSTIFIED_SHARE)))
    staff = np.where(head, rng.integers(0, 3, n), rng.integers(1, 3, n))
    lawyers = np.where(head, rng.integers(0, 2, n), rng.integers(0, 3, n))
    # with the head present, keep within the limit unless meant to exceed it
    over = staff + lawyers > max_agents
    lawyers = np.where(head & over, np.maximum(max_agents - staff, 0), lawyers)
    staff = np.where(head & (staff > max_agents), max_agents, staff)
    lawyers = np.where(head & triggered & too_many, max_agents + 1 - staff, lawyers)
    viol43 = rng.random(n) < rates["4.3"]
    kind43 = rng.random(n)
    absent = viol43 & (kind43 < 0.4)
    left = viol43 & (kind43 >= 0.4) & (kind43 < 0.6)
    lawyers_only = viol43 & (kind43 >= 0.6)
    head = np.where(absent | lawyers_only, False, head)
    justified &= ~absent          # absent without cause: no justified reason
    staff = np.where(absent | lawyers_only, 0, staff)
    lawyers = np.where(absent, 0, np.where(lawyers_only, rng.integers(1, 3, n), lawyers))
    role = _choice(rng, n, _HEAD_ROLE_WEIGHTS)
    # unknown whether the head appeared (4.2 may still be decided by the number of agents, 4.3
    # by the staff who appeared)
    head_missing = has_hearing & (rng.random(n) < missing_rate) & ~absent & ~left
    no_hearing = ~has_hearing
    stages.step("答辩举证与开庭")

    # -- decision, appeal, performance (6.1, 6.2) ---------------------------------------------
    kinds = list(_DECISION_WEIGHTS_HEARD)
    kind_heard = _choice(rng, n, list(_DECISION_WEIGHTS_HEARD.values()))
    ruling_idx = kinds.index("裁定")
    decision = np.where(heard, kind_heard, ruling_idx)
    base = np.where(has_hearing, hearing, last_filing)
    served = np.where(heard, base + rng.integers(15, 90, n), last_filing + rng.integers(10, 90, n))
    served = np.where(heard & ~has_hearing, NAT, served)  # hearing not held yet
    served = _happen(served, as_of_d)
    decided = served != NAT
    is_ruling = decision == ruling_idx
    appeal_days = np.where(is_ruling, parameter("appeal_period_ruling_days", start),
                           parameter("appeal_period_judgment_days", start))
    appeal_due = np.where(decided, _deadline_var(served, appeal_days), NAT)
    against = np.isin(decision, [kinds.index(k) for k in AGAINST_KINDS])
    appeals = decided & against & (rng.random(n) < 0.35)
    viol61 = rng.random(n) < rates["6.1"]
    appeal_on = np.where(viol61, appeal_due + rng.integers(1, 15, n),
                         _uniform_int(rng, served + 1, appeal_due))
    appeal_on = np.where(appeals, appeal_on, NAT)
    appeal_on = _happen(appeal_on, as_of_d)
    needs_perf = decided & ~appeals & np.isin(decision, [kinds.index(k) for k in PERFORMANCE_KINDS])
    perf_due = np.where(needs_perf, appeal_due + rng.choice(np.array([30, 60, 90]), n), NAT)
    perf_kind = rng.random(n)
    performed = np.where(viol61, np.where(perf_kind < 0.6, perf_due + rng.integers(1, 90, n), NAT),
                         _uniform_int(rng, appeal_due + 1, np.maximum(perf_due, appeal_due + 1)))
    performed = np.where(needs_perf, performed, NAT)
    performed = _happen(performed, as_of_d, snap=False)
    remake = decided & (decision == kinds.index("判决撤销并责令重作"))
    viol62 = rng.random(n) < rates["6.2"]
    remade = np.where(viol62, True, rng.random(n) < 0.3)
    # re-making the same act is lawful only after a quash for procedure or the law applied
    revoked = np.where(viol62, False, remade | (rng.random(n) < 0.5))
    remade_missing = ~remake | (remake & (rng.random(n) < missing_rate))
    revoked_missing = ~remake
    stages.step("裁判与履行")

    # -- joint defendants (7.2), other conduct (2.2, 5.2) ------------------------------------
    upheld = rng.random(n) < joint_rate
    upheld_missing = rng.random(n) < missing_rate
    proved = ~(rng.random(n) < rates["7.2"])
    proved_missing = ~upheld | (rng.random(n) < missing_rate)
    interference = rng.random(n) < rates["2.2"]
    interference_missing = rng.random(n) < missing_rate
    withdrawal = rng.random(n) < rates["5.2"]
    withdrawal_missing = rng.random(n) < missing_rate
    district_missing = rng.random(n) < missing_rate / 2
    referred_draw = ~(rng.random(n) < rates["12.2"])
    referred_missing = rng.random(n) < missing_rate

    df = pd.DataFrame({
        "case_id": case_id,
        "agency": agency,
        "district": district,
        "case_type": case_type_cat,
        "complaint_received_on": _to_datetime(received),
        "defence_submitted_on": _to_datetime(defence_arrived),
        "defence_posted_on": _to_datetime(defence_posted),
        "evidence_submitted_on": _to_datetime(evidence_arrived),
        "evidence_posted_on": _to_datetime(evidence_posted),
        "evidence_list_submitted": _bool(evidence_list, evidence_list_missing),
        "evidence_extension_until": _to_datetime(ext_until),
        "confidential_evidence": _bool(confidential, confidential_missing),
        "confidential_marked": _bool(conf_marked, conf_marked_missing),
        "interference_recorded": _bool(interference, interference_missing),
        "hearing_on": _to_datetime(hearing),
    })
    for k in TRIGGER_SHARES:
        df[k] = _bool(triggers[k], trig_missing[k])
    df["head_appeared"] = _bool(head, no_hearing | head_missing)
    # empty = no explanation filed; recorded as 否 for some absent heads, empty for those present
    justified_missing = no_hearing | (head & ~head_missing) | (~justified & (rng.random(n) < 0.5))
    df["head_absence_justified"] = _bool(justified & ~head, justified_missing)
    role_codes = np.where(head & has_hearing & ~head_missing, role, -1)
    df["head_role"] = pd.Categorical.from_codes(role_codes, categories=list(HEAD_ROLES))
    df["staff_appeared"] = _int(staff, no_hearing)
    df["lawyers_appeared"] = _int(lawyers, no_hearing)
    df["absent_without_cause"] = _bool(absent, no_hearing)
    df["left_without_permission"] = _bool(left, no_hearing)
    df["withdrawal_improperly_induced"] = _bool(withdrawal, withdrawal_missing)
    kind_codes = np.where(decided, np.array([DECISION_KINDS.index(k) for k in kinds])[decision], -1)
    df["decision_kind"] = pd.Categorical.from_codes(kind_codes, categories=list(DECISION_KINDS))
    df["decision_served_on"] = _to_datetime(served)
    df["appeal_filed_on"] = _to_datetime(appeal_on)
    df["performance_due_on"] = _to_datetime(perf_due)
    df["performed_on"] = _to_datetime(performed)
    df["remade_same_act"] = _bool(remade, remade_missing)
    df["revoked_for_procedure_or_law"] = _bool(revoked, revoked_missing)
    df["reconsideration_upheld"] = _bool(upheld, upheld_missing)
    df["review_organ_proved_procedure"] = _bool(proved, proved_missing)
    # accountability: recorded for cases whose breach calls for it (12.2), decided below
    df["accountability_referred"] = pd.array([pd.NA] * n, dtype="boolean")
    if district_missing.any():
        df.loc[district_missing, "district"] = np.nan

    s22 = _status_simple(df["interference_recorded"])
    s43 = _status_43(df)
    s61_nonperf = _violation_61_nonperformance(df, as_of)
    trigger122 = (s22 == VIOLATION) | (s43 == VIOLATION) | s61_nonperf
    df["accountability_referred"] = _bool(referred_draw, ~trigger122 | referred_missing)
    return df[CASES.names]


def _numbered(head: str, groups: list[str], group_of: np.ndarray, middle: str,
              tail: str) -> pd.arrays.StringArray:
    """``head + groups[g] + middle + seq + tail`` with seq counted from 1 within each group in
    row order, zero-padded to at least 4 digits; built as fixed-width numpy text, not per row."""
    n = len(group_of)
    out = np.empty(n, dtype=object)
    if n == 0:
        return pd.array([], dtype="string")
    width = 4
    for g in np.unique(group_of):
        width = max(width, len(str(int((group_of == g).sum()))))
    for g in np.unique(group_of):
        rows = np.flatnonzero(group_of == g)
        seq = np.arange(1, len(rows) + 1, dtype=np.int64)
        prefix = head + groups[g] + middle
        chars = np.empty((len(rows), len(prefix) + width + len(tail)), dtype=np.uint32)
        chars[:, :len(prefix)] = np.frombuffer(prefix.encode("utf-32-le"), dtype=np.uint32)
        for k in range(width):
            chars[:, len(prefix) + k] = (seq // 10 ** (width - 1 - k)) % 10 + ord("0")
        chars[:, len(prefix) + width:] = np.frombuffer(tail.encode("utf-32-le"), dtype=np.uint32)
        text = chars.view(f"<U{chars.shape[1]}").reshape(-1)
        out[rows] = text.astype(object)
    return pd.arrays.StringArray(out)


def _deadline_var(starts: np.ndarray, days: np.ndarray) -> np.ndarray:
    out = np.full(len(starts), NAT, dtype=np.int64)
    for d in np.unique(days):
        sel = (days == d) & (starts != NAT)
        if sel.any():
            out[sel] = _deadline(starts[sel], int(d))
    return out


def _happen(days: np.ndarray, as_of_d: int, snap: bool = True) -> np.ndarray:
    """Events fall on working days; those after ``as_of`` have not happened (NAT)."""
    out = np.where(days > as_of_d, NAT, days)
    if snap:
        present = out != NAT
        if present.any():
            out = out.copy()
            out[present] = _working_on_or_after(out[present])
    return np.where(out > as_of_d, NAT, out)


def _arrival(filed: np.ndarray, posted: np.ndarray, transit: np.ndarray, as_of_d: int) -> np.ndarray:
    """The day the court receives a filing: a posted one ``transit`` days after posting (on a
    working day; NAT when that is after the check date), the others on the day filed."""
    out = filed.copy()
    sel = posted != NAT
    if sel.any():
        out[sel] = _happen(posted[sel] + transit[sel], as_of_d)
    return out


def _suggestions(cases, year, start, end, as_of, rng, rates, missing_rate):
    as_of_d = _to_days(as_of)
    n_cases = len(cases)
    m = int(round(n_cases * SUGGESTIONS_PER_CASE)) if n_cases else 0
    if n_cases and m == 0:
        m = 1
    if m == 0:
        return SUGGESTIONS.empty()
    all_days = np.arange(_to_days(start), _to_days(end) + 1, dtype=np.int64)
    workdays = all_days[_working_on_or_after(all_days) == all_days]
    src = rng.integers(0, n_cases, m)
    served = cases["decision_served_on"].to_numpy().astype("datetime64[D]").view(np.int64)[src]
    linked = (served != NAT) & (rng.random(m) < 0.8)
    received = np.where(linked, served + rng.integers(5, 60, m),
                        workdays[rng.integers(0, len(workdays), m)])
    # the year's suggestions: one that would arrive after the year (or the check date) is
    # instead received on a working day within it
    received = _happen(received, _to_days(end))
    redraw = received == NAT
    received[redraw] = workdays[rng.integers(0, len(workdays), int(redraw.sum()))]
    linked &= ~redraw
    order = np.argsort(received, kind="stable")
    src, received, linked = src[order], received[order], linked[order]
    reply_days = parameter("suggestion_reply_days", start)
    due = _deadline(received, reply_days)
    viol = rng.random(m) < rates["10.1"]
    kind = rng.random(m)
    late = viol & (kind < 0.45)
    never = viol & (kind >= 0.45) & (kind < 0.7)
    not_copied = viol & (kind >= 0.7)
    replied = np.where(late, due + rng.integers(1, 40, m),
                       _uniform_int(rng, received + 10, due))
    replied = np.where(never, NAT, replied)
    replied = _happen(replied, as_of_d)
    copied = ~not_copied
    copied_missing = (replied == NAT) | (rng.random(m) < missing_rate)
    ids = _numbered(f"（{year}）渝", ["模拟"], np.zeros(m, dtype=np.int64), "司建", "号")
    agency = cases["agency"].to_numpy()[src]
    case_id = cases["case_id"].to_numpy(dtype=object)[src]
    case_id = np.where(linked, case_id, None)
    return pd.DataFrame({
        "suggestion_id": ids,
        "agency": pd.Categorical(agency, categories=cases["agency"].cat.categories),
        "received_on": _to_datetime(received),
        "replied_on": _to_datetime(replied),
        "copied_to_legal_office": _bool(copied, copied_missing),
        "case_id": pd.array(case_id, dtype="string"),
    })[SUGGESTIONS.names]


def _agencies(cases, suggestions, year, as_of, rng, rates, missing_rate):
    as_of_d = _to_days(as_of)
    cats = cases["agency"].cat.categories
    used = np.unique(np.concatenate([cases["agency"].cat.codes.to_numpy(),
                                     suggestions["agency"].cat.codes.to_numpy()
                                     if len(suggestions) else np.array([], dtype=np.int8)]))
    used = used[used >= 0]
    k = len(used)
    trainings = np.where(rng.random(k) < rates["8.2"], 0, 1 + rng.poisson(0.8, k))
    funding = ~(rng.random(k) < rates["9.1"])
    viol112 = rng.random(k) < rates["11.2"]
    kind = rng.random(k)
    dec31 = _to_days(date(year, 12, 31))
    # statistics are reported in November or December; late ones in January–March
    stat = dec31 - rng.integers(0, 55, k)
    late = viol112 & (kind < 0.4)
    never = viol112 & (kind >= 0.4) & (kind < 0.6)
    not_included = viol112 & (kind >= 0.6)
    stat = np.where(late, dec31 + rng.integers(5, 80, k), stat)
    stat = np.where(never, NAT, stat)
    stat = _happen(stat, as_of_d)
    included = ~not_included
    assessed = ~(rng.random(k) < rates["12.1"])
    miss = {c: rng.random(k) < missing_rate for c in ("t", "f", "i", "a")}
    return pd.DataFrame({
        "agency": pd.Categorical.from_codes(used, categories=cats),
        "year": _int(np.full(k, year)),
        "trainings_held": _int(trainings, miss["t"]),
        "funding_in_budget": _bool(funding, miss["f"]),
        "statistics_reported_on": _to_datetime(stat),
        "included_in_annual_report": _bool(included, miss["i"]),
        "in_assessment": _bool(assessed, miss["a"]),
    })[AGENCIES.names]


# ---------------------------------------------------------------------------------------------
# ground truth: the contract's table (§3) in three-valued logic

COMPLIANT, VIOLATION, PENDING, NOT_APPLICABLE, INSUFFICIENT = (
    STATUSES.index("compliant"), STATUSES.index("violation"), STATUSES.index("pending"),
    STATUSES.index("not_applicable"), STATUSES.index("insufficient_data"))


def _kleene_status(applies: np.ndarray, violation, pending: np.ndarray | None = None) -> np.ndarray:
    """Status codes (index into ``schema.STATUSES``) from a three-valued violation."""
    v = pd.array(violation, dtype="boolean")
    vtrue = v.to_numpy(dtype=bool, na_value=False)
    vna = np.asarray(v.isna())
    out = np.full(len(v), COMPLIANT, dtype=np.int8)
    if pending is not None:
        out[pending] = PENDING
    out[vna] = INSUFFICIENT
    out[vtrue] = VIOLATION
    out[~np.asarray(applies, dtype=bool)] = NOT_APPLICABLE
    return out


def _b(s: pd.Series) -> pd.arrays.BooleanArray:
    return pd.array(s, dtype="boolean")


def _d(s: pd.Series) -> np.ndarray:
    return s.to_numpy().astype("datetime64[D]").view(np.int64)


def _status_simple(flag: pd.Series) -> np.ndarray:
    return _kleene_status(np.ones(len(flag), dtype=bool), _b(flag))


def _status_43(df: pd.DataFrame) -> np.ndarray:
    hearing = df["hearing_on"].notna().to_numpy()
    staff0 = _b(df["staff_appeared"] == 0)
    v = _b(df["absent_without_cause"]) | _b(df["left_without_permission"]) | (
        ~_b(df["head_appeared"]) & staff0)
    return _kleene_status(hearing, v)


def _violation_61_nonperformance(df: pd.DataFrame, as_of: date) -> np.ndarray:
    due = _d(df["performance_due_on"])
    done = _d(df["performed_on"])
    as_of_d = _to_days(as_of)
    has_due = due != NAT
    return has_due & (((done != NAT) & (done > due)) | ((done == NAT) & (as_of_d > due)))


def case_truth(df: pd.DataFrame, as_of: date) -> dict[str, np.ndarray]:
    """Status per case rule, from the facts (contract §3, three-valued)."""
    n = len(df)
    always = np.ones(n, dtype=bool)
    as_of_d = _to_days(as_of)
    out: dict[str, np.ndarray] = {}
    out["2.2"] = _status_simple(df["interference_recorded"])
    ev_present = df["evidence_submitted_on"].notna().to_numpy()
    v31 = (_b(df["confidential_evidence"]) & ~_b(df["confidential_marked"])) | (
        pd.array(ev_present, dtype="boolean") & ~_b(df["evidence_list_submitted"]))
    out["3.1"] = _kleene_status(always, v31)
    received = _d(df["complaint_received_on"])
    D = _deadline_var(received, _dated("defence_period_days", received))
    ext = _d(df["evidence_extension_until"])
    E = np.where(ext != NAT, np.maximum(D, ext), D)
    # a posted filing counts from its posting date (法释〔2018〕1号第四十八条第四款)
    dfn_posted, evd_posted = _d(df["defence_posted_on"]), _d(df["evidence_posted_on"])
    dfn = np.where(dfn_posted != NAT, dfn_posted, _d(df["defence_submitted_on"]))
    evd = np.where(evd_posted != NAT, evd_posted, _d(df["evidence_submitted_on"]))
    v32 = (((dfn != NAT) & (dfn > D)) | ((evd != NAT) & (evd > E))
           | ((dfn == NAT) & (as_of_d > D)) | ((evd == NAT) & (as_of_d > E)))
    p32 = (dfn == NAT) | (evd == NAT)
    out["3.2"] = _kleene_status(always, pd.array(v32, dtype="boolean"), p32)
    hearing = df["hearing_on"].notna().to_numpy()
    trig = np.zeros(n, dtype=bool)
    for k in TRIGGER_SHARES:
        trig |= _b(df[k]).fillna(False).to_numpy(dtype=bool)
    max_agents = parameter("max_agents_with_head")
    head = _b(df["head_appeared"])
    agents = df["staff_appeared"].astype("Int64") + df["lawyers_appeared"].astype("Int64")
    # "not head_appeared; or head_appeared with more than 2 agents" = not head or more than 2
    # agents: with the head unknown, more than 2 agents is a breach either way
    # with a justified absence filed (empty: not filed) only the agents limit of a head who
    # appeared is left
    justified = _b(df["head_absence_justified"]).fillna(False).to_numpy(dtype=bool)
    excess = _b(agents > max_agents)
    v42 = ~head | excess
    v42[justified] = (head & excess)[justified]
    out["4.2"] = _kleene_status(hearing & trig, v42)
    out["4.3"] = _status_43(df)
    out["5.2"] = _status_simple(df["withdrawal_improperly_induced"])
    served = _d(df["decision_served_on"])
    appeal = _d(df["appeal_filed_on"])
    due = _d(df["performance_due_on"])
    done = _d(df["performed_on"])
    kinds = df["decision_kind"].astype(object).to_numpy()
    ruling = np.isin(kinds, list(RULING_KINDS))
    days = np.where(ruling, parameter("appeal_period_ruling_days"),
                    parameter("appeal_period_judgment_days"))
    has_appeal = appeal != NAT
    appeal_due = np.full(n, NAT, dtype=np.int64)
    sel = has_appeal & (served != NAT)
    if sel.any():
        appeal_due[sel] = _deadline_var(served[sel], days[sel])
    late_appeal = pd.array(np.where(sel, appeal > appeal_due, False), dtype="boolean")
    late_appeal[has_appeal & (served == NAT)] = pd.NA
    nonperf = _violation_61_nonperformance(df, as_of)
    v61 = late_appeal | pd.array(nonperf, dtype="boolean")
    p61 = (due != NAT) & (done == NAT) & (as_of_d <= due)
    out["6.1"] = _kleene_status(has_appeal | (due != NAT), v61, p61)
    remake = (kinds == "判决撤销并责令重作")
    v62 = _b(df["remade_same_act"]) & ~_b(df["revoked_for_procedure_or_law"])
    out["6.2"] = _kleene_status(remake, v62)
    upheld = _b(df["reconsideration_upheld"])
    s72 = _kleene_status(upheld.fillna(False).to_numpy(dtype=bool),
                         ~_b(df["review_organ_proved_procedure"]))
    # unknown whether the review upheld the act: whether the duty arises at all is unknown
    s72[np.asarray(upheld.isna())] = INSUFFICIENT
    out["7.2"] = s72
    trig122 = (out["2.2"] == VIOLATION) | (out["4.3"] == VIOLATION) | nonperf
    # the inputs of 12.2 count as false when missing (contract §3): no record of a referral
    # is no referral
    out["12.2"] = _kleene_status(trig122, ~_b(df["accountability_referred"]).fillna(False))
    return out


def suggestion_truth(df: pd.DataFrame, as_of: date) -> dict[str, np.ndarray]:
    n = len(df)
    as_of_d = _to_days(as_of)
    received = _d(df["received_on"])
    R = _deadline(received, parameter("suggestion_reply_days")) if n else received
    rep = _d(df["replied_on"])
    v = (pd.array((rep != NAT) & (rep > R), dtype="boolean")
         | pd.array((rep == NAT) & (as_of_d > R), dtype="boolean")
         | (pd.array(rep != NAT, dtype="boolean") & ~_b(df["copied_to_legal_office"])))
    pend = (rep == NAT) & (as_of_d <= R)
    # the 60-day reply is the opinion's own duty: not for suggestions received before it
    applies = received >= _to_days(load_opinion().issued_on)
    return {"10.1": _kleene_status(applies, v, pend)}


def agency_truth(df: pd.DataFrame, as_of: date) -> dict[str, np.ndarray]:
    n = len(df)
    always = np.ones(n, dtype=bool)
    years = df["year"].astype("Int64").to_numpy(dtype=np.int64, na_value=0)
    dec31 = np.array([_to_days(date(int(y), 12, 31)) for y in years], dtype=np.int64)
    as_of_d = _to_days(as_of)
    over = as_of_d > dec31
    few = _b(df["trainings_held"] < parameter("trainings_per_year_min"))
    few_true = few.fillna(False).to_numpy(dtype=bool)
    # a year that is over: too few trainings is a breach; before 31 Dec it is still to come
    s82 = _kleene_status(always, few & pd.array(over, dtype="boolean"), ~over & few_true)
    s82[~over & np.asarray(few.isna())] = INSUFFICIENT
    stat = _d(df["statistics_reported_on"])
    v112 = (pd.array((stat != NAT) & (stat > dec31), dtype="boolean")
            | pd.array((stat == NAT) & over, dtype="boolean")
            | (~_b(df["included_in_annual_report"]) & pd.array(over, dtype="boolean")))
    p112 = (stat == NAT) & ~over
    return {
        "8.2": s82,
        "9.1": _kleene_status(always, ~_b(df["funding_in_budget"])),
        "11.2": _kleene_status(always, v112, p112),
        "12.1": _kleene_status(always, ~_b(df["in_assessment"])),
    }


def _truth(cases, suggestions, agencies, as_of) -> pd.DataFrame:
    """One row per (record, rule): record_kind, case_id, suggestion_id, agency, year,
    obligation_id, status. Key columns are categorical (empty where not the record's key)."""
    parts = [("case", len(cases), CASE_RULES, case_truth(cases, as_of)),
             ("suggestion", len(suggestions), SUGGESTION_RULES, suggestion_truth(suggestions, as_of)),
             ("agency_year", len(agencies), AGENCY_RULES, agency_truth(agencies, as_of))]
    sizes = [m * len(rules) for _, m, rules, _ in parts]
    total = sum(sizes)
    kind_codes = np.concatenate([np.full(s, i, dtype=np.int8) for i, s in enumerate(sizes)])
    rule_codes, status_codes = [], []
    for _, m, rules, statuses in parts:
        rule_codes.append(np.tile(np.array([ALL_RULES.index(r) for r in rules], dtype=np.int8), m))
        st = np.empty((m, len(rules)), dtype=np.int8)
        for j, rule in enumerate(rules):
            st[:, j] = statuses[rule]
        status_codes.append(st.reshape(-1))

    def key(values, part: int, categories=None):
        codes = np.full(total, -1, dtype=np.int64)
        offset = sum(sizes[:part])
        if categories is None:
            cat = pd.Categorical(np.asarray(values, dtype=object))
        else:
            cat = pd.Categorical(np.asarray(values, dtype=object), categories=categories)
        r = len(parts[part][2])
        codes[offset:offset + sizes[part]] = np.repeat(cat.codes, r)
        return pd.Categorical.from_codes(codes, categories=cat.categories)

    # case ids are unique (one category each, codes = row positions): validated once
    case_dtype = pd.CategoricalDtype(pd.Index(np.asarray(cases["case_id"], dtype=object)))
    case_codes = np.full(total, -1, dtype=np.int32)
    case_codes[:sizes[0]] = np.repeat(np.arange(len(cases), dtype=np.int32), len(CASE_RULES))
    year = np.zeros(total, dtype=np.int64)
    year_mask = np.ones(total, dtype=bool)
    off = sizes[0] + sizes[1]
    year[off:] = np.repeat(agencies["year"].to_numpy(dtype=np.int64), len(AGENCY_RULES))
    year_mask[off:] = False
    return pd.DataFrame({
        "record_kind": pd.Categorical.from_codes(kind_codes, categories=list(RECORD_KINDS)),
        "case_id": pd.Categorical.from_codes(case_codes, dtype=case_dtype, validate=False),
        "suggestion_id": key(suggestions["suggestion_id"], 1),
        "agency": key(agencies["agency"], 2),
        "year": pd.arrays.IntegerArray(year, year_mask),
        "obligation_id": pd.Categorical.from_codes(np.concatenate(rule_codes),
                                                   categories=list(ALL_RULES)),
        "status": pd.Categorical.from_codes(np.concatenate(status_codes),
                                            categories=list(STATUSES)),
    })
