"""The obligation catalogue and the dated legal parameters.

``data/obligations.yaml`` says, for each of the 24 clauses, whether a rule checks it (and on
which record kind) or it is a discussion clause, with its legal basis and the later national
rules (法释〔2018〕1号, 法释〔2020〕3号) that refine it. ``data/parameters.yaml`` holds every number
the rules compute with (15/10/60 days, at most 2 agents …), each with the date it applies from
and its source, in the manner of OpenFisca parameters.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path

import yaml

from .opinion import Clause, load_opinion

DATA = Path(__file__).parent / "data"
_PARAGRAPH = re.compile(r"^(第[一二三四五六七八九十百零]+条)(第[一二三四五六七八九十]+款)$")

SHORT_LAW = {"ALL": "行政诉讼法", "I-2018": "法释〔2018〕1号", "R-2020": "法释〔2020〕3号",
             "E-2002": "法释〔2002〕21号", "W-2008": "《最高人民法院关于行政诉讼撤诉若干问题的规定》",
             "CPL": "民事诉讼法"}


#: legal-basis roles (obligations.yaml ``role``): part of the period rule, or that rule borrowed
#: for a period the opinion itself sets
PERIOD, PERIOD_BORROWED = "period", "period_borrowed"
#: how a source names a law on a day before the text the kit holds (data/statutes.yaml's
#: in_force): the text then in force, cited by reference (its articles were numbered otherwise)
EARLIER_TEXT = {"ALL": "参见当时施行的行政诉讼法"}


@dataclass(frozen=True)
class Basis:
    law: str
    article: str
    quote: str
    role: str = ""            # "", PERIOD or PERIOD_BORROWED
    #: the day from which it no longer governs this duty (superseded, e.g. 法释〔2002〕21号's
    #: ten days by 行政诉讼法第六十七条's fifteen from 2015-05-01); None: it still does
    until: date | None = None

    @property
    def in_force(self) -> date | None:
        """The day the cited text took effect (data/statutes.yaml; None where it does not say)."""
        return _law_in_force(self.law)

    def governs(self, on: date) -> bool:
        """Whether the text governed this duty on ``on``."""
        return ((not self.in_force or self.in_force <= on)
                and (self.until is None or on < self.until))

    @property
    def citation(self) -> str:
        """Short Chinese citation: ``行政诉讼法第六十七条第一款``."""
        return f"{SHORT_LAW.get(self.law, self.law)}{self.article}"

    @property
    def shown(self) -> str:
        """How a user reads it: ``行政诉讼法第六十七条第一款：被告应当……`` — or ``参见…`` for a
        source the kit cites without quoting (its text is not in data/statutes.yaml)."""
        text = f"{self.citation}：{self.quote}" if self.quote else f"参见{self.citation}"
        if self.until:
            from .calendar import fmt
            text += f"（{fmt(self.until)}起不再适用）"
        return text


@dataclass(frozen=True)
class Refinement:
    id: str
    source: str
    article: str
    in_force: date
    note: str                 # a paraphrase
    quote: str = ""           # a verbatim part of the article, where given

    @property
    def citation(self) -> str:
        return f"{SHORT_LAW.get(self.source, self.source)}{self.article}"


@dataclass(frozen=True)
class Obligation:
    clause: Clause
    kind: str                 # "rule" | "discussion"
    duty: str
    record: str | None        # "case" | "suggestion" | "agency_year" | None
    legal_basis: tuple[Basis, ...]
    refinements: tuple[Refinement, ...] = ()
    parameters: tuple[str, ...] = field(default_factory=tuple)

    @property
    def id(self) -> str:
        return self.clause.id

    @property
    def label(self) -> str:
        return self.clause.label

    @property
    def checked(self) -> bool:
        return self.kind == "rule"

    @property
    def citations(self) -> str:
        """``行政诉讼法第六十七条第一款；法释〔2018〕1号第四十八条第二款、第三款、第四款``: paragraphs of
        one article cited one after another are written once."""
        return "；".join(_grouped(self.legal_basis))

    def source_citations(self, on: date | None = None) -> str:
        """:attr:`citations` as the law stood on ``on`` (the day whose law the rule applies, its
        module's ``LAW_ON``; None: today): an entry of a law not yet in force that day is left
        out, and the period rule in force that day (``parameters()["period_rule"]``) stands in
        the place of the entries that are part of it; a borrowed period rule reads
        ``期间计算方法参照…``."""
        rule = parameters()["period_rule"]
        latest = len(rule.values) - 1
        era = rule.era(on)
        basis: list[Basis] = []
        for b in self.legal_basis:             # the period rule's entries: by era, below
            if b.role or (b.until is None if on is None else b.governs(on)):
                basis.append(b)
            elif b.law in EARLIER_TEXT and b.until is None and b.in_force and on < b.in_force:
                # an article of a law whose text of that day the kit does not hold: cited by
                # reference to that text, once
                earlier = Basis(EARLIER_TEXT[b.law], "", "")
                if earlier not in basis:
                    basis.append(earlier)
        period = [b for b in basis if b.role]
        if not period:
            return "；".join(_grouped(basis))
        shown = _grouped(period) if era == latest else [str(rule.values[era][1])]
        if any(b.role == PERIOD_BORROWED for b in period):
            shown = ["期间计算方法参照" + "、".join(shown).removeprefix("参见")]
        at = basis.index(period[0])
        return "；".join([*_grouped([b for b in basis[:at] if not b.role]), *shown,
                         *_grouped([b for b in basis[at:] if not b.role])])

    def refinement(self, refinement_id: str) -> Refinement:
        """A refinement by its id (``obligation("4.1").refinement("head_definition")``)."""
        for r in self.refinements:
            if r.id == refinement_id:
                return r
        raise KeyError(f"条款 {self.id} 没有编号为“{refinement_id}”的细化规定")


@lru_cache(maxsize=None)
def _law_in_force(law: str) -> date | None:
    from .statutes import law_key, laws
    key = law_key(law)
    day = laws()[key].in_force if key else None
    return date.fromisoformat(str(day)) if day else None


@lru_cache(maxsize=None)
def law_changes(clause_id: str) -> tuple[date, ...]:
    """The days on which the law a clause's source cites changed (a cited text took effect or
    the period rule changed), ascending: two days between the same changes read the same."""
    o = obligations()[clause_id]
    days = {d for b in o.legal_basis for d in (b.in_force, b.until) if d}
    if any(b.role for b in o.legal_basis):
        days |= {d for d, _ in parameters()["period_rule"].values}
    return tuple(sorted(days))


def _grouped(basis) -> list[str]:
    """Citations, paragraphs of one article cited one after another written once."""
    parts: list[str] = []
    last = None
    for b in basis:
        m = _PARAGRAPH.match(b.article)
        if m and last == (b.law, m[1]) and parts:
            parts[-1] += f"、{m[2]}"
            continue
        parts.append(b.citation)
        last = (b.law, m[1]) if m else None
    return parts


def _day(value) -> date | None:
    return None if value is None else date.fromisoformat(str(value))


@lru_cache(maxsize=1)
def obligations() -> dict[str, Obligation]:
    """All 24 obligations by clause id, in the opinion's order."""
    raw = yaml.safe_load((DATA / "obligations.yaml").read_text(encoding="utf-8"))
    opinion = load_opinion()
    out: dict[str, Obligation] = {}
    for clause in opinion:
        entry = raw[clause.id]
        out[clause.id] = Obligation(
            clause=clause, kind=entry["kind"], duty=entry["duty"], record=entry.get("record"),
            legal_basis=tuple(Basis(str(b["law"]), str(b["article"]), str(b["quote"]), str(b.get("role", "")),
                                    _day(b.get("until")))
                              for b in entry.get("legal_basis", [])),
            refinements=tuple(Refinement(str(r["id"]), str(r["source"]), str(r["article"]),
                                         date.fromisoformat(str(r["in_force"])), str(r["note"]),
                                         str(r.get("quote", "")))
                              for r in entry.get("refinements", [])),
            parameters=tuple(entry.get("parameters", [])),
        )
    return out


def obligation(clause_id: str) -> Obligation:
    return obligations()[str(clause_id)]


def checked_clause_ids(record: str | None = None) -> list[str]:
    """Ids of clauses checked by a rule (optionally only those on one record kind)."""
    return [o.id for o in obligations().values()
            if o.checked and (record is None or o.record == record)]


def discussion_clause_ids() -> list[str]:
    return [o.id for o in obligations().values() if not o.checked]


# ---------------------------------------------------------------------------------------------
# parameters

@dataclass(frozen=True)
class Parameter:
    name: str
    description: str
    unit: str
    values: tuple[tuple[date, int | str], ...]  # (in force from, value), ascending; a rule
    # (``unit: rule``, period_rule) has as value how the kit cites it in that period
    reference: Basis                      # the source of the latest value
    #: the source of each value, aligned with ``values`` (a value without its own source
    #: in parameters.yaml has the parameter's ``reference``)
    references: tuple[Basis, ...] = ()

    def _index(self, on: date | None) -> int:
        if on is None:
            return len(self.values) - 1
        current = None
        for i, (start, _) in enumerate(self.values):
            if start <= on:
                current = i
        if current is None:
            raise ValueError(f"参数“{self.description}”在 {on} 尚未施行（最早自 {self.values[0][0]} 起）")
        return current

    def at(self, on: date | None = None) -> int:
        """The value in force on ``on`` (default: the latest)."""
        return self.values[self._index(on)][1]

    def reference_at(self, on: date | None = None) -> Basis:
        """The source of the value in force on ``on`` (default: the latest)."""
        return (self.references or (self.reference,) * len(self.values))[self._index(on)]

    def in_force_from(self, on: date | None = None) -> date:
        """The day the value in force on ``on`` took effect."""
        return self.values[self._index(on)][0]

    @property
    def citation(self) -> str:
        return self.reference.citation

    @property
    def numeric(self) -> bool:
        """A number the rules compute with (not a rule's citation)."""
        return all(isinstance(v, int) for _, v in self.values)

    def era(self, on: date | None) -> int:
        """The index of the value in force on ``on`` (None: the latest; before the first
        date: the first)."""
        return self._index(None if on is None else max(on, self.values[0][0]))


@lru_cache(maxsize=1)
def parameters() -> dict[str, Parameter]:
    raw = yaml.safe_load((DATA / "parameters.yaml").read_text(encoding="utf-8"))
    out = {}
    for name, p in raw.items():
        reference = _basis(p["reference"])
        values = sorted(p["values"], key=lambda v: date.fromisoformat(str(v["from"])))
        out[name] = Parameter(
            name=name, description=p["description"], unit=p["unit"],
            values=tuple((date.fromisoformat(str(v["from"])),
                          v["value"] if isinstance(v["value"], str) else int(v["value"]))
                         for v in values),
            reference=reference,
            references=tuple(_basis(v["reference"]) if "reference" in v else reference
                             for v in values),
        )
    return out


def _basis(ref: dict) -> Basis:
    return Basis(str(ref["law"]), str(ref["article"]), str(ref["quote"]))


def parameter(name: str, on: date | None = None) -> int:
    """``parameter("defence_period_days") == 15``."""
    return parameters()[name].at(on)
