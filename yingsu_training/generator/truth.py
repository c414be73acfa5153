"""The truth table: one row per (record, rule) with the status the generator intended, and the
same table as a user reads it (Chinese headers and values)."""
from __future__ import annotations

import numpy as np
import pandas as pd

from ..catalogue import obligations
from ..rules import rules_for
from ..schema import RECORD_KIND_ZH, RECORD_KINDS, STATUS_ZH, STATUSES

#: rules by record kind, in the contract's order (the rule registry's declaration)
CASE_RULES = tuple(rules_for("case"))
SUGGESTION_RULES = tuple(rules_for("suggestion"))
AGENCY_RULES = tuple(rules_for("agency_year"))
ALL_RULES = CASE_RULES + SUGGESTION_RULES + AGENCY_RULES


def truth_table(cases, suggestions, agencies, labels: dict[str, dict[str, np.ndarray]]) -> pd.DataFrame:
    """One row per (record, rule): record_kind, case_id, suggestion_id, agency, year,
    obligation_id, status. Key columns are categorical (empty where not the record's key).
    ``labels`` holds each record kind's intended status codes by clause id."""
    parts = [("case", len(cases), CASE_RULES, labels["case"]),
             ("suggestion", len(suggestions), SUGGESTION_RULES, labels["suggestion"]),
             ("agency_year", len(agencies), AGENCY_RULES, labels["agency_year"])]
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


#: Chinese headers of the truth file (``status`` keeps the contract's English code for programs)
TRUTH_ZH = {"record_kind": "记录类型", "case_id": "案号", "suggestion_id": "司法建议编号",
            "agency": "行政机关", "year": "年度", "obligation_id": "条款编号", "label": "条款",
            "status_zh": "应有结论", "status": "status"}


def truth_text(truth: pd.DataFrame) -> pd.DataFrame:
    """The truth table as a user reads it: Chinese headers and values, blanks for no value.

    Columns stay categorical (blank = an extra "" category), so a table of ten million rows is
    converted without a Python object per cell.
    """
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
