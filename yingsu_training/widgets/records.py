"""Scenario records: a lesson's scenario told as a cases-table row for the checker."""
from __future__ import annotations


def case_record(**facts) -> dict:
    """A cases-table row for a scenario: the facts given; every yes/no fact not given is 否 and
    every count not given is 0 (in a scenario, what is not told did not happen)."""
    from ..schema import CASES

    unknown = set(facts) - set(CASES.names)
    if unknown:
        raise ValueError(f"案件表没有这些列：{'、'.join(sorted(unknown))}")
    row = {}
    for col in CASES.columns:
        if col.name in facts:
            row[col.name] = facts[col.name]
        elif col.kind == "bool":
            row[col.name] = False
        elif col.kind == "int":
            row[col.name] = 0
    return row
