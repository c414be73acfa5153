"""Chinese explanations of the findings, built from the vectorised rules, and the one-record
view :func:`explain`.

Every explanation names the duty (clause label), the facts that decided it with their dates,
the computed deadline (with "最后一日为法定节假日，顺延至…" when it rolled) and the source (the
clause label and the law articles from the obligation catalogue). The sentences are each
rule's :class:`~yingsu_training.rules._reasons.Reason` data (``reasons()`` in the clause's
module); the text is put together here, last.

Missing facts are treated as the per-record oracle (``yingsu_training.reference``, used by the
tests) treats them: every value an empty cell could have (its :class:`~yingsu_training.rules.
_base.Blank` meaning) is filled in, the rule is run on all of these completions at once, and
the explanation keeps the sentences that hold for all of them; an undecided verdict names the
missing facts it depends on (those whose value alone changes the verdict for some values of
the others).
"""
from __future__ import annotations

import itertools
from datetime import date
from functools import lru_cache
from types import ModuleType

import numpy as np
import pandas as pd
from pandas.arrays import BooleanArray, IntegerArray

from . import calendar as cal
from .catalogue import law_changes, obligations, parameters
from .rules import Facts, RuleResult, rules_for
from .rules._base import (_NS_PER_DAY, EARLIEST, EARLIEST_YEAR, LATEST, LATEST_YEAR, Blank,
                          is_sentinel, law_days)
from .rules._reasons import (Reason, _parts, period_names, reason_texts, shows_far_date,
                             value_texts)
from .schema import STATUS_ZH, TABLE_FOR_RECORD, Status

STATUS_COLOURS = {"compliant": "#d4edda", "violation": "#f8d7da", "pending": "#fff3cd",
                  "not_applicable": "#e9ecef", "insufficient_data": "#d6d8f5"}
OPINION = "渝府办发〔2016〕220号"
#: the facts each kind of record is keyed by
KEYS = {"case": ("case_id",), "suggestion": ("suggestion_id",), "agency_year": ("agency", "year")}


def _header(kind: str, column: str) -> str:
    return TABLE_FOR_RECORD[kind].column(column).zh


def source_text(clause_id: str, on: date | None = None) -> str:
    """The source of a duty: the clause label and its legal basis from the catalogue, as the law
    stood on ``on`` (the day whose law the rule applies, its module's ``LAW_ON``; None: today's
    law): only texts then in force, and the period rule of that day."""
    changes = law_changes(clause_id)
    if on is None or not changes or on >= changes[-1]:
        return _source_text(clause_id, None)
    # the last change on or before that day reads the same (before the first: none in force)
    return _source_text(clause_id, max([d for d in changes if d <= on], default=date.min))


@lru_cache(maxsize=None)
def _source_text(clause_id: str, on: date | None) -> str:
    o = obligations()[clause_id]
    own = f"{OPINION}{o.label}"
    # the clause itself, when the catalogue also cites it as the basis, is named once
    cited = [c for c in o.source_citations(on).split("；")
             if c and not (c.startswith(OPINION) and own.startswith(c))]
    return f"依据：{'；'.join([own, *cited])}。"


def lead_text(clause_id: str, status: str) -> str:
    """The first sentence of an explanation: 【clause label】status."""
    return f"【{obligations()[clause_id].label}】{STATUS_ZH[str(status)]}。"


# ---------------------------------------------------------------------------------------------
# the values an empty cell could have

def _domain(module: ModuleType, meaning: Blank) -> tuple:
    if meaning in (Blank.FLAG, Blank.HEAD):
        return (True, False)
    if meaning == Blank.COUNT:
        top = max(v for name in ("max_agents_with_head", "trainings_per_year_min")
                  for _, v in parameters()[name].values)
        return tuple(range(top + 2))
    if meaning == Blank.DATE:
        return (EARLIEST, LATEST)
    if meaning == Blank.YEAR:
        return (EARLIEST_YEAR, LATEST_YEAR)
    if meaning == Blank.DECISION:
        return module.DECISION_DOMAIN
    raise ValueError(meaning)


def _open(module: ModuleType, facts: Facts) -> list[tuple[str, np.ndarray]]:
    """(column, where its empty cell could be several things) for each fact the rule reads."""
    out = []
    for column, meaning in module.READS.items():
        if meaning in (Blank.EVENT, Blank.FLAG_OR_FALSE):
            continue
        gap = ~facts.present(column)
        if meaning == Blank.HEAD:           # a recorded role: the head appeared
            gap &= ~facts.present("head_role")
        if meaning == Blank.DECISION and column == "decision_kind" and module.CLAUSE_ID == "6.2":
            gap &= facts.present("decision_served_on")   # no decision served: none made yet
        out.append((column, gap))
    return out


def _column_at(facts: Facts, column: str, source: np.ndarray) -> tuple[pd.Series, np.ndarray]:
    """(a column holding the records, positions of ``source`` in it): a column of distinct
    records not yet taken is read from the whole table, at those records' rows."""
    if isinstance(facts, _Taken) and column not in facts.frame:
        rows = facts._rows[np.maximum(source, 0)]
        return facts._parent.frame[column], np.where(source < 0, -1, rows)
    return facts.frame[column], source


def _completed(series: pd.Series, source: np.ndarray, values: list[np.ndarray]):
    """``series`` taken at ``source``; where ``source`` is -1, in order, ``values`` (the filled-in
    facts, one array per group of records whose cell is open)."""
    arr = series.array
    if isinstance(arr, (BooleanArray, IntegerArray)):      # the masked arrays, as numpy
        at, fill = np.where(source < 0, 0, source), source < 0
        taken = arr.take(at)                                # pandas' public API only
        na = False if isinstance(arr, BooleanArray) else 0
        data = taken.to_numpy(dtype=arr.dtype.numpy_dtype, na_value=na)
        mask = taken.isna() | fill
        if values:
            data[fill] = np.concatenate(values).astype(data.dtype)
            mask[fill] = False
        return type(arr)(data, mask)
    if series.dtype.kind == "M":                             # dates, as numpy
        data = series.to_numpy()
        out = data.take(np.where(source < 0, 0, source))
        out[source < 0] = (np.concatenate(values).astype(data.dtype) if values
                           else np.datetime64("NaT"))
        return out
    if isinstance(arr, pd.Categorical) and values:           # by the codes of the values
        vals = np.concatenate(values)
        fill_codes = arr.categories.get_indexer(vals)
        if (fill_codes >= 0).all():
            codes = arr.codes.take(source, mode="clip")
            codes[source < 0] = fill_codes
            return pd.Categorical.from_codes(codes, dtype=arr.dtype, validate=False)
    out = arr.take(source, allow_fill=True)
    if values:
        vals = np.concatenate(values)
        if series.dtype.kind == "M":
            vals = vals.astype("datetime64[ns]")
        elif series.dtype == "boolean":
            vals = vals.astype(bool)
        elif series.dtype == "Int64":
            vals = vals.astype(np.int64)
        elif not isinstance(series.dtype, pd.CategoricalDtype):
            vals = pd.array(list(vals), dtype=series.dtype)
        out[source < 0] = vals
    return out


# ---------------------------------------------------------------------------------------------
# one rule's explanations over all records

@lru_cache(maxsize=65536)
def _period_line(name: str, key: int) -> str:
    """name：the period from its start day with its number of days, both read from ``key``
    (:meth:`_Texts.add_periods`)."""
    start = pd.Timestamp(np.datetime64(key >> 15, "D")).date()
    return f"{name}：{cal.deadline_detail(start, (key >> 3) & 4095).describe()}。"


def _dense(code: np.ndarray, bound: int) -> np.ndarray:
    """``code`` (values in [0, bound)) renumbered 0, 1, … over the values that occur — by a
    table when ``bound`` is small beside the rows, else by hashing."""
    if bound <= 4 * len(code) + 4096:
        seen = np.zeros(bound, dtype=bool)
        seen[code] = True
        return (np.cumsum(seen) - 1)[code]
    return pd.factorize(code)[0]


def _factorize(n: int, *keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(the code of each row's combination of ``keys``, the first row of each code)."""
    code, bound = np.zeros(n, dtype=np.int64), 1
    small = max(4096, 4 * n)
    for k in keys:
        k = np.asarray(k)
        top = int(k.max()) if n and k.dtype.kind in "iub" else small
        if top < small and 0 <= k.min():                              # small codes as they are
            k_codes, size = (k if k.dtype.kind != "u" else k.astype(np.int64)), top + 1
        else:                                                         # (an empty value too)
            k_codes, uniques = pd.factorize(k, use_na_sentinel=False)
            size = len(uniques)
        if size == 1:                                                 # one value: no say
            continue
        if bound * size >= 2 ** 62:                                   # keep it an int64
            code = _dense(code, bound)
            bound = int(code.max()) + 1 if n else 1
        code *= size
        code += k_codes
        bound *= size
    code = _dense(code, bound) if n else code
    first = np.empty(int(code.max()) + 1 if n else 0, dtype=np.int64)
    first[code[::-1]] = np.arange(n)[::-1]              # the last write wins: the first row
    return code, first


def _day_numbers(dates: np.ndarray) -> np.ndarray:
    """Dates as small integers naming their day (0: NaT): as a text writes them."""
    days = dates.astype("datetime64[D]").view(np.int64)
    nat = np.isnat(dates)
    if nat.all():
        return np.zeros(len(dates), dtype=np.int64)
    return np.where(nat, 0, days - days[~nat].min() + 1)


def _field_keys(reason: Reason, p: np.ndarray) -> list[np.ndarray]:
    """What a reason's words depend on, as integer arrays (which template, each fact named)."""
    keys = [] if reason.choice is None else [np.asarray(reason.choice)[p].astype(np.int64)]
    templates = (reason.template,) if isinstance(reason.template, str) else reason.template
    for name in sorted({name for t in templates for name in _parts(t)[1]}):
        values = np.asarray(reason.fields[name])[p]
        if values.dtype.kind == "M":
            keys.append(_day_numbers(values))
        elif values.dtype.kind in "iub":
            keys.append(values.astype(np.int64))
        else:
            keys.append(pd.factorize(values)[0])
    return keys


class _Words:
    """Texts, one per record, kept as codes into a list of distinct strings (code 0: empty):
    records said in the same words share one string, written once."""

    def __init__(self, n: int):
        self.code = np.zeros(n, dtype=np.int64)
        self.words = [""]

    def append(self, rows: np.ndarray, codes: np.ndarray, words: list[str], sep: str) -> None:
        """Each of ``rows`` gets ``words[codes]`` added (after ``sep`` when it has text)."""
        old = self.code[rows]
        empty = old == 0
        if empty.any():                       # a first sentence: the words themselves
            base = len(self.words)
            self.words.extend(words)
            self.code[rows[empty]] = base + codes[empty]
        if empty.all():
            return
        rows, old, codes = rows[~empty], old[~empty], codes[~empty]
        key, first = _factorize(len(rows), old, codes)
        base = len(self.words)
        words_so_far = self.words
        self.words.extend([words_so_far[old[f]] + sep + words[codes[f]] for f in first])
        self.code[rows] = base + key


class _Sentences:
    """The sentences of one reason, one entry per record, kept as codes (+1) into a list of
    distinct sentences (code 0: the reason is not said of the record)."""

    def __init__(self, n: int):
        self.code = np.zeros(n, dtype=np.int64)
        self.words: list[str] = []

    def add(self, rows: np.ndarray, codes: np.ndarray, words: list[str]) -> None:
        self.code[rows] = len(self.words) + 1 + codes
        self.words.extend(words)


class _Texts:
    """The pieces of one rule's explanations, one entry per record, filled group by group."""

    def __init__(self, n: int):
        self.n = n
        self.body: list[_Sentences] = []           # one per reason, in the reasons' order
        self.periods = _Words(n)
        self.blockers = np.zeros(n, dtype=np.int64)    # bit i: the i-th read column
        self.open = np.zeros(n, dtype=np.int64)

    def add_reasons(self, rows: np.ndarray, reasons: list[Reason], pos: np.ndarray,
                    holds: list[np.ndarray]) -> None:
        """Sentences for ``rows``; the facts they name are at ``pos`` of the reasons' arrays."""
        while len(self.body) < len(reasons):
            self.body.append(_Sentences(self.n))
        for slot, reason, h in zip(self.body, reasons, holds):
            sel = np.flatnonzero(h)
            if not len(sel):
                continue
            p = pos[sel]
            if isinstance(reason.template, str) and not _parts(reason.template)[1]:
                slot.add(rows[sel], np.zeros(len(sel), dtype=np.int64), [reason.template])
                continue                        # one sentence without facts: said as it is
            keep = ~shows_far_date(reason, p)   # a date standing for an unknown one: not stated
            sel, p = sel[keep], p[keep]
            if not len(sel):
                continue
            codes, first = _factorize(len(p), *_field_keys(reason, p))
            slot.add(rows[sel], codes, list(reason_texts(reason, p[first])))

    def add_periods(self, rows: np.ndarray, periods, pos: np.ndarray) -> None:
        for period in periods:
            p = pos
            start = period.start[p]
            holds = period.holds[p] & ~np.isnat(start) & ~is_sentinel(start)
            sel = np.flatnonzero(holds)
            if not len(sel):
                continue
            days = np.broadcast_to(np.asarray(period.days), (len(period.start),))[p[sel]]
            which = (np.zeros(len(sel), dtype=np.int64) if period.choice is None
                     else np.asarray(period.choice)[p[sel]].astype(np.int64))
            key = (start[sel].astype("datetime64[D]").astype(np.int64) * 4096 + days) * 8 + which
            codes, first = _factorize(len(sel), key)
            names = period_names(period, p[sel][first])
            words = list(map(_period_line, names.tolist(), key[first].tolist()))
            self.periods.append(rows[sel], codes, words, "")


def _explain_rule(module: ModuleType, facts: Facts, when: np.datetime64, prior: dict,
                  codes: np.ndarray, due_known: np.ndarray) -> _Texts:
    n = facts.n
    texts = _Texts(n)
    shown = due_known & (codes != Status.NOT_APPLICABLE)     # periods only with a due date
    open_cols = _open(module, facts)
    pattern = np.zeros(n, dtype=np.int64)
    columns = list(module.READS)
    for column, gap in open_cols:
        pattern |= gap.astype(np.int64) << columns.index(column)
    texts.open = pattern
    plain = np.flatnonzero(pattern == 0)
    if len(plain):
        reasons, periods = module.reasons(facts, when, codes, prior)
        texts.add_reasons(plain, reasons, plain, [r.holds[plain] for r in reasons])
        texts.add_periods(plain[shown[plain]], periods, plain[shown[plain]])
    if len(plain) == n:
        return texts
    used = columns + list(getattr(module, "ALSO_READS", ()))
    # every completion of every record with open facts, in one table: one run of the rule
    groups, source, fills, start = [], {c: [] for c in used}, {c: [] for c in used}, 0
    for bits in np.unique(pattern[pattern != 0]):
        rows = np.flatnonzero(pattern == bits)
        names = [c for i, c in enumerate(columns) if bits >> i & 1]
        domains = [_domain(module, module.READS[c]) for c in names]
        combos = list(itertools.product(*domains))
        m, k = len(rows), len(combos)
        for c in used:
            if c in names:
                source[c].append(np.full(m * k, -1))
                column = np.empty(k, dtype=object)
                column[:] = [v[names.index(c)] for v in combos]
                fills[c].append(np.tile(column, m))
            else:
                source[c].append(np.repeat(rows, k))
        groups.append((rows, names, tuple(map(len, domains)), start))
        start += m * k
    source = {c: np.concatenate(source[c]) for c in used}
    every = Facts({c: pd.Series(_completed(*_column_at(facts, c, source[c]), fills[c]),
                                copy=False) for c in used}, start)
    every.filled_in = {c: source[c] < 0 for c in used}
    res = module.check(every, when, prior)
    all_codes = res.status_codes()
    reasons, periods = module.reasons(every, when, all_codes, prior)
    # each record's completions lie side by side from its first one: what holds for all of
    # them is one reduction per reason over all the records
    rows = np.concatenate([g[0] for g in groups])
    first = np.concatenate([start + np.arange(len(g)) * int(np.prod(dims))
                            for g, _, dims, start in groups])
    decided = codes[rows] != Status.INSUFFICIENT_DATA
    if decided.any():           # the sentences that hold whatever the missing facts are
        holds = [np.logical_and.reduceat(r.holds, first)[decided] for r in reasons]
        texts.add_reasons(rows[decided], reasons, first[decided], holds)
    show = shown[rows]
    texts.add_periods(rows[show], periods, first[show])
    for rows, names, dims, start in groups:     # undecided: the missing facts it depends on
        undecided = np.flatnonzero(codes[rows] == Status.INSUFFICIENT_DATA)
        if not len(undecided):
            continue
        m, k = len(rows), int(np.prod(dims))
        grid = all_codes[start:start + m * k].reshape((m, *dims))[undecided]
        blockers = np.zeros(len(undecided), dtype=np.int64)
        for j, c in enumerate(names):
            varies = (grid.max(axis=j + 1) != grid.min(axis=j + 1)).reshape(len(undecided), -1).any(axis=1)
            blockers |= varies.astype(np.int64) << columns.index(c)
        texts.blockers[rows[undecided]] = blockers
    return texts


@lru_cache(maxsize=4096)
def _names_of(kind: str, columns: tuple[str, ...], bits: int) -> str:
    """“header”、“header” of the columns set in the bit mask ``bits``."""
    return "、".join(f"“{_header(kind, c)}”" for i, c in enumerate(columns) if bits >> i & 1)


def _masks_named(kind: str, columns: tuple[str, ...], bits: np.ndarray, none: str,
                 before: str = "", after: str = "") -> np.ndarray:
    """:func:`_names_of` of each bit mask (``none`` for an empty one) between ``before`` and
    ``after``, written once per mask."""
    uniq, inverse = np.unique(bits, return_inverse=True)
    words = np.array([before + (_names_of(kind, columns, int(b)) if b else none) + after
                      for b in uniq], dtype=object)
    return words[inverse.reshape(-1)]


def _fact_keys(facts: Facts, columns: list[str], rows: np.ndarray) -> list[np.ndarray]:
    """What the known facts among ``columns`` say of each of ``rows``, as integer arrays (one
    per column, 0 where the fact is empty): rows with the same keys read the same."""
    return [_column_key(facts, c)[rows] for c in columns]


def _either(flags: np.ndarray, yes: str, no: str = "") -> list[str]:
    """``yes`` where ``flags``, else ``no``: the same two string objects, as a list to join."""
    return np.array([no, yes], dtype=object)[flags.astype(np.intp)].tolist()


def _known_facts(kind: str, facts: Facts, columns: list[str], rows: np.ndarray) -> list[str]:
    """已知：header：value；… of the facts present among ``columns`` (empty when none)."""
    pieces, has = [], np.zeros(len(rows), dtype=bool)
    for c in columns:
        present = facts.present(c)[rows]
        sel = np.flatnonzero(present)
        if not len(sel):
            continue
        at = rows[sel]
        dtype = facts.dtype(c) if isinstance(facts, _Taken) else facts.frame[c].dtype
        if dtype == "boolean":
            words = np.where(facts._bool(c)[0][at], "是", "否").astype(object)
        elif dtype.kind == "M":
            words = value_texts(facts.date(c)[at])
        elif dtype == "Int64":
            words = value_texts(facts.count(c)[0][at])
        else:
            series, where = _column_at(facts, c, at)
            words = series.iloc[where].astype(str).to_numpy(dtype=object)
        values = np.full(len(rows), "", dtype=object)
        values[sel] = words
        pieces += [_either(present & has, "；"), _either(present, f"{_header(kind, c)}："),
                   values.tolist()]
        has |= present
    if not pieces:
        return [""] * len(rows)
    said = list(map("".join, zip(_either(has, "已知："), *pieces, _either(has, "。"))))
    return said


def _sources(clause_id: str, law_day: np.ndarray) -> np.ndarray:
    """:func:`source_text` on each law day (NaT: today's law), written once per distinct day."""
    codes, days = pd.factorize(law_day.view(np.int64))
    words = np.array([source_text(clause_id, None if d == _NAT_INT else
                                  pd.Timestamp(np.datetime64(int(d), "ns")).date()) for d in days],
                     dtype=object)
    return words[codes]


_NAT_INT = np.datetime64("NaT", "ns").view(np.int64)


def _column_key(facts: Facts, column: str) -> np.ndarray:
    """What a fact says of each record as a non-negative integer (0: empty), equal exactly
    where the rules read the same value; kept on ``facts`` for the rules reading it too."""
    def make(series: pd.Series) -> np.ndarray:
        present = facts.present(column)
        if series.dtype == "boolean":
            values = facts._bool(column)[0].astype(np.int64) + 1
        elif series.dtype.kind == "M":
            ns = facts.date(column).view(np.int64)
            at = ns[present]
            if len(at) and (at % _NS_PER_DAY == 0).all():      # midnight: the day is the value
                ns = ns // _NS_PER_DAY
                at = ns[present]
            values = ns - (at.min() if len(at) else 0) + 1
        elif series.dtype == "Int64":
            values = facts.count(column)[0] + 1
        elif isinstance(series.dtype, pd.CategoricalDtype):
            values = series.cat.codes.to_numpy().astype(np.int64) + 1
        else:
            values = pd.factorize(series.to_numpy())[0].astype(np.int64) + 1
        return np.where(present, values, 0)
    return facts._get("key", column, make)


def _used(module: ModuleType) -> list[str]:
    """Every column a rule's verdict, reasons and source read."""
    used = list(module.READS) + list(getattr(module, "ALSO_READS", ()))
    law_on = getattr(module, "LAW_ON", None)
    return used + [law_on] if law_on and law_on not in used else used


def _distinct_records(module: ModuleType, facts: Facts, codes: np.ndarray,
                      results: dict[str, RuleResult]) -> tuple[np.ndarray, np.ndarray]:
    """(the code of each record among those a rule sees alike, the first record of each
    code): records with the same facts read, the same verdict and the same verdicts of the
    rules it depends on get the same explanation."""
    used = _used(module)
    keys = [_column_key(facts, c) for c in used]
    keys += [codes] + [results[c].status_codes() for c in getattr(module, "DEPENDS_ON", ())]
    return _factorize(facts.n, *keys)


class _Columns(dict):
    """The columns of a record table taken at some rows, each taken when first read."""

    def __init__(self, frame, rows: np.ndarray):
        super().__init__()
        self._frame, self._rows = frame, rows

    def __missing__(self, column: str) -> pd.Series:
        series = self[column] = pd.Series(self._frame[column].array.take(self._rows), copy=False)
        return series


class _Taken(Facts):
    """The records at ``rows`` of ``parent``: a column, or the parent's reading of it (no
    second reading of the column), is taken at those rows when a rule first asks for it."""

    def __init__(self, parent: Facts, rows: np.ndarray):
        super().__init__(_Columns(parent.frame, rows), len(rows))
        self._parent, self._rows = parent, rows

    def dtype(self, name: str):
        """A column's type, read from the whole table (the column is not taken for it)."""
        types = self._parent._cache.get(("dtypes", ""))
        if types is None:
            types = self._parent._cache["dtypes", ""] = dict(self._parent.frame.dtypes.items())
        return types[name]

    def _get(self, kind: str, name: str, make):
        key = (kind, name)
        got = self._cache.get(key)
        if got is None:
            value = self._parent._cache.get(key)
            if value is None:
                got = make(self.frame[name])
            elif isinstance(value, tuple):
                got = tuple(v[self._rows] for v in value)
            else:
                got = value[self._rows]
            self._cache[key] = got
        return got


def explanations(frame: pd.DataFrame, kind: str, as_of: date, facts: Facts,
                 results: dict[str, RuleResult], due: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """The Chinese explanation of every rule of ``kind`` on every record of ``frame``:
    ``(distinct texts, code of each record's text)`` by clause id — records explained in the same
    words share one string; ``results`` and ``due`` are the vectorised verdicts and the
    findings' due dates (NaT where none) of the same records.

    Each rule explains the distinct records it sees (the same facts read, verdict and verdicts
    it depends on) once; every record then takes its distinct record's text."""
    when = np.datetime64(as_of, "ns")
    day = cal.fmt(as_of)
    wording = (f"截至{day}尚未届满。", f"，该项结论取决于这些信息，无法判断（截至{day}）。")
    out = {}
    for cid, module in rules_for(kind).items():
        codes = results[cid].status_codes()
        record, first = _distinct_records(module, facts, codes, results)
        few = _Taken(facts, first)
        prior = {c: results[c].take(first) for c in getattr(module, "DEPENDS_ON", ())}
        words, key = _rule_texts(kind, cid, module, few, when, wording, codes[first], prior,
                                 ~np.isnat(due[cid][first]))
        out[cid] = (words, key[record])
    return out


def _rule_texts(kind: str, cid: str, module: ModuleType, facts: Facts, when: np.datetime64,
                wording: tuple[str, str], codes: np.ndarray, prior: dict[str, RuleResult],
                due_known: np.ndarray) -> tuple[list[str], np.ndarray]:
    """(distinct texts, code of each record's text) of one rule on ``facts``."""
    pending_text, undecided_text = wording
    n = len(codes)
    t = _explain_rule(module, facts, when, prior, codes, due_known)
    columns = tuple(module.READS)
    leads = [lead_text(cid, s) for s in Status]
    undecided = codes == Status.INSUFFICIENT_DATA
    # what is said after the reasons, kept as integers until the text is written: the
    # missing facts an undecided verdict depends on and the facts known of it, or the
    # missing facts that do not matter
    blockers = np.where(undecided, t.blockers, 0)
    other = np.where(undecided, 0, t.open & ~t.blockers)
    known = np.zeros(n, dtype=np.int64)
    known_words = [""]
    rows = np.flatnonzero(undecided)
    if len(rows):
        k_codes, k_first = _factorize(len(rows), *_fact_keys(facts, list(columns), rows))
        known_words = _known_facts(kind, facts, list(columns), rows[k_first])
        known[rows] = k_codes
    # each distinct explanation is written once and shared by the records it explains
    slots = [b for b in t.body if b.words]
    law_day = law_days(module, facts)       # the law the source names (NaT: today's)
    key, first = _factorize(n, codes.astype(np.int64), *(b.code for b in slots),
                            t.periods.code, blockers, other, known, law_day.view(np.int64))
    m = len(first)
    # the reasons said of each text (code into the reason's sentences, 0: not said), and which
    # of them are said, as a bit mask
    said = [slot.code[first] for slot in slots]
    sentences = [np.array(["", *slot.words], dtype=object) for slot in slots]
    pattern = np.zeros(m, dtype=np.int64)
    for i, c in enumerate(said):
        pattern |= (c > 0).astype(np.int64) << i
    # what is said after them, written once per distinct mask of column names: the missing
    # facts an undecided verdict depends on and the facts known of it, or the missing facts that
    # do not matter
    status = codes[first]
    after = np.full(m, "", dtype=object)
    after[status == Status.PENDING] = pending_text
    after = [after]
    rows = np.flatnonzero(status == Status.INSUFFICIENT_DATA)
    if len(rows):
        after[0][rows] = _masks_named(kind, columns, blockers[first][rows], "必要信息", "缺少",
                                      undecided_text)
        after.append(np.full(m, "", dtype=object))
        after[1][rows] = np.array(known_words, dtype=object)[known[first][rows]]
    rows = np.flatnonzero(other[first])
    if len(rows):
        after.append(np.full(m, "", dtype=object))
        after[-1][rows] = _masks_named(kind, columns, other[first][rows], "", "（",
                                       "未填写，但不影响本项结论。）")
    ends = [np.array(leads, dtype=object)[status], *after,
            np.array(t.periods.words, dtype=object)[t.periods.code[first]],
            _sources(cid, law_day[first])]
    # texts saying the same reasons are joined together, from just the pieces they have:
    # lead, the reasons separated by ；, 。, what is said after them, the periods, the source
    words = np.empty(m, dtype=object)
    order = np.argsort(pattern, kind="stable")
    bounds = np.flatnonzero(np.diff(pattern[order])) + 1
    for rows in np.split(order, bounds) if m else ():
        bits = int(pattern[rows[0]])
        body = [sentences[i][said[i][rows]].tolist() for i in range(len(slots)) if bits >> i & 1]
        pieces = [ends[0][rows].tolist()]
        for j, b in enumerate(body):
            pieces += [itertools.repeat("；"), b] if j else [b]
        if body:
            pieces.append(itertools.repeat("。"))
        pieces += [e[rows].tolist() for e in ends[1:]]
        words[rows] = list(map("".join, zip(*pieces)))
    words = words.tolist()
    return words, key
