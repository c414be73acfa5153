"""A case begins: the complaint copy received by the agency on a working day of the year, the
division and agency sued, the case type and the synthetic case number (``（2025）渝0112行初模拟
0001号``: 模拟 never appears in a real case number)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from .days import to_days, working_days
from .draws import choice
from .places import agency_name, load_places


@dataclass
class Complaints:
    received: np.ndarray           # day numbers, sorted
    agency: pd.Categorical
    district: pd.Categorical
    case_type: pd.Categorical
    case_id: pd.arrays.StringArray


def draw_complaints(n: int, year: int, start: date, end: date, rng) -> Complaints:
    places = load_places()
    workdays = working_days(start, end)
    received = np.sort(workdays[rng.integers(0, len(workdays), n)])

    # divisions: version in force on the day the complaint copy was received
    div_specs = places.divisions
    active = [i for i, d in enumerate(div_specs)
              if any(v["name"] and v["from"] <= end for v in d["versions"])
              and not (d["versions"][-1]["name"] is None and d["versions"][-1]["from"] <= start)]
    weights = [div_specs[i]["weight"] for i in active] + [places.city_weight]
    pick = choice(rng, n, weights)  # len(active) = city level
    entities: list[dict | None] = []   # (division version) or None for 市级
    entity_of = np.full(n, -1, dtype=np.int64)
    for j, i in enumerate(active):
        rows = np.flatnonzero(pick == j)
        versions = div_specs[i]["versions"]
        froms = np.array([to_days(v["from"]) for v in versions])
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
    case_type = choice(rng, n, [places.case_types[c]["weight"] for c in ct_names])
    type_keys = list(places.agency_types)
    agency_type = np.zeros(n, dtype=np.int64)
    for k, ct in enumerate(ct_names):
        for city in (False, True):
            rows = np.flatnonzero((case_type == k) & (city_rows == city))
            # city level: the city government is sued far less often than its departments
            dist = {t: w * (float(places.agency_types[t].get("city_factor", 1.0)) if city else 1.0)
                    for t, w in places.case_types[ct]["agencies"].items()
                    if agency_name(places, t, year, None) is not None}
            dist = {t: w for t, w in dist.items() if w > 0} or {"government": 1.0}
            keys = list(dist)
            agency_type[rows] = np.array([type_keys.index(t) for t in keys])[
                choice(rng, len(rows), [dist[t] for t in keys])]

    # agency names: one per (entity, agency type)
    T = len(type_keys)
    pair_names = []
    for e in entities:
        for t in type_keys:
            pair_names.append(agency_name(places, t, year, e) or "")
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
    case_id = numbered(f"（{year}）渝", court_codes, court_of, "行初模拟", "号")
    return Complaints(received=received, agency=agency, district=district,
                      case_type=case_type_cat, case_id=case_id)


def numbered(head: str, groups: list[str], group_of: np.ndarray, middle: str,
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

