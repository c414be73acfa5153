"""The opinion 渝府办发〔2016〕220号 as data: its metadata, 12 sections and 24 clauses.

The text lives in ``data/opinion.yaml`` (built from the verbatim source
``data/opinion-2016-220.txt`` by ``scripts/build_opinion_data.py``); nothing here retypes it.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Iterator

import yaml

DATA = Path(__file__).parent / "data"


@dataclass(frozen=True)
class Clause:
    id: str        # "3.2"
    section: int   # 3
    label: str     # 三（二）不得超期答辩举证
    heading: str   # 不得超期答辩举证
    text: str      # the clause text after its heading, verbatim

    @property
    def full_text(self) -> str:
        """Heading and text as the source prints them."""
        return f"{self.heading}。{self.text}" if "." in self.id else self.text


@dataclass(frozen=True)
class Section:
    number: int
    label: str
    heading: str


@dataclass(frozen=True)
class Opinion:
    title: str
    number: str
    issuer: str
    issued_on: date
    implements: str
    addressees: str
    preamble: str
    sections: tuple[Section, ...]
    clauses: tuple[Clause, ...]

    def __iter__(self) -> Iterator[Clause]:
        return iter(self.clauses)

    def __len__(self) -> int:
        return len(self.clauses)

    def __getitem__(self, clause_id: str) -> Clause:
        for c in self.clauses:
            if c.id == str(clause_id):
                return c
        raise KeyError(f"没有条款“{clause_id}”；条款编号形如 \"3.2\"（即三（二）），共 24 条：{', '.join(self.ids)}")

    def __contains__(self, clause_id: object) -> bool:
        return any(c.id == str(clause_id) for c in self.clauses)

    @property
    def ids(self) -> list[str]:
        return [c.id for c in self.clauses]

    def in_section(self, number: int) -> list[Clause]:
        return [c for c in self.clauses if c.section == int(number)]

    def section(self, number: int) -> Section:
        return self.sections[int(number) - 1]


@lru_cache(maxsize=1)
def load_opinion() -> Opinion:
    """The opinion, clauses in order; ``load_opinion()["3.2"].label == "三（二）不得超期答辩举证"``."""
    raw = yaml.safe_load((DATA / "opinion.yaml").read_text(encoding="utf-8"))
    doc = raw["document"]
    return Opinion(
        title=doc["title"], number=doc["number"], issuer=doc["issuer"],
        issued_on=date.fromisoformat(str(doc["issued_on"])), implements=doc["implements"],
        addressees=doc["addressees"], preamble=doc["preamble"],
        sections=tuple(Section(**s) for s in raw["sections"]),
        clauses=tuple(Clause(**c) for c in raw["clauses"]),
    )


def source_text() -> str:
    """The verbatim source text of the opinion."""
    return (DATA / "opinion-2016-220.txt").read_text(encoding="utf-8")
