"""The readable cases of each rule, as data beside its module (``clause_*.cases.yaml``).

Each case changes a few facts of the lawful record of its kind (``lawful-records.yaml``; facts
under their Chinese headers, as in the exercises; ``~`` for an empty cell), names a check date
and the status (and due date) the rule must give. ``tests/test_rules_cases.py`` runs every case
through both implementations; a newcomer reads them next to the rule they illustrate.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

import yaml

from ..schema import STATUS_ZH, TABLE_FOR_RECORD

HERE = Path(__file__).parent
_STATUS = {zh: en for en, zh in STATUS_ZH.items()}


@dataclass(frozen=True)
class ReadableCase:
    name: str                    # a plain sentence: what the case shows
    clause_id: str
    record: str                  # case / suggestion / agency_year
    changes: dict                # English column names, Python values (None: empty)
    as_of: date
    status: str                  # the contract's English status
    due: date | None = None
    due_given: bool = False      # whether the case states the due date


def _value(kind: str, zh: str, value):
    table = TABLE_FOR_RECORD[kind]
    column = table.column(table.zh_to_name[zh])
    if value is None:
        return column.name, None
    if column.kind == "bool":
        if value not in ("是", "否"):
            raise ValueError(f"{zh}: 应填“是”或“否”，不是 {value!r}")
        return column.name, value == "是"
    if column.kind == "date" and not isinstance(value, date):
        raise ValueError(f"{zh}: 应是日期（如 2025-10-09），不是 {value!r}")
    if column.kind == "int":
        return column.name, int(value)
    if column.kind in ("text", "enum"):
        return column.name, str(value)
    return column.name, value


def _facts(kind: str, facts: dict | None) -> dict:
    return dict(_value(kind, zh, v) for zh, v in (facts or {}).items())


@lru_cache(maxsize=None)
def _lawful() -> dict:
    return yaml.safe_load((HERE / "lawful-records.yaml").read_text(encoding="utf-8"))


def lawful_record(kind: str) -> dict:
    """The lawful record of ``kind`` (English column names), which every case changes."""
    return _facts(kind, _lawful()[kind])


def cases_file(module) -> Path:
    """The readable cases beside a rule module."""
    return HERE / (module.__name__.rsplit(".", 1)[1] + ".cases.yaml")


def readable_cases(clause_id: str) -> list[ReadableCase]:
    """The readable cases of one clause, in the order of its file."""
    from . import RULES
    doc = yaml.safe_load(cases_file(RULES[clause_id]).read_text(encoding="utf-8"))
    if doc["clause"] != clause_id:
        raise ValueError(f"{cases_file(RULES[clause_id]).name}: clause {doc['clause']} ≠ {clause_id}")
    kind = doc["record"]
    out = []
    for c in doc["cases"]:
        out.append(ReadableCase(
            name=c["name"], clause_id=clause_id, record=kind, changes=_facts(kind, c.get("事实")),
            as_of=c["检查日"], status=_STATUS[c["结论"]], due=c.get("期限届满日"),
            due_given="期限届满日" in c))
    return out
