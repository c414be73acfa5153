"""What a blank cell means is declared once on the schema column, read the same way by the rules,
said in the import template and docs/loading-data.md, and counted by ``yingsu validate``."""
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from yingsu_training.blanks import blank_effects, blank_lines
from yingsu_training.cli import main
from yingsu_training.export import save_table
from yingsu_training.random_records import random_cases
from yingsu_training.rules import RULES
from yingsu_training.rules._base import Blank
from yingsu_training.schema import BLANK_KINDS, TABLE_FOR_RECORD, TABLES

DOCS = Path(__file__).resolve().parents[1] / "docs" / "loading-data.md"

#: how each rule may read a column, by what the column's blank means
READ_AS = {
    "unknown": {Blank.FLAG, Blank.COUNT, Blank.HEAD, Blank.DECISION, Blank.YEAR, Blank.DATE},
    "no": {Blank.FLAG_OR_FALSE},
    # a date that has not happened; a rule that needs it to exist reads it as unknown (6.1)
    "not_yet": {Blank.EVENT, Blank.DATE},
    "required": set(Blank),
}

COLUMNS = [(t.name, c) for t in TABLES.values() for c in t.columns]


@pytest.mark.parametrize("table,col", COLUMNS, ids=[f"{t}.{c.name}" for t, c in COLUMNS])
def test_every_column_declares_what_its_blank_means_and_every_rule_reads_it_so(table, col):
    assert col.blank_means in BLANK_KINDS
    readers = [(cid, m) for cid, m in RULES.items() if TABLE_FOR_RECORD[m.RECORD].name == table]
    reads = {cid: m.READS[col.name] for cid, m in readers if col.name in m.READS}
    also = [cid for cid, m in readers if col.name in getattr(m, "ALSO_READS", ())]
    if col.blank_means == "not_checked":
        assert not reads and not also, (col.name, reads, also)
    elif col.blank_means == "optional":
        assert not reads and also
    elif col.blank_means != "required":  # a required column is never blank (keys, names)
        assert reads, f"{col.name}: no rule reads it, yet its blank is declared {col.blank_means}"
    if reads:
        wrong = {cid: b for cid, b in reads.items() if b not in READ_AS[col.blank_means]}
        assert not wrong, f"{col.name} is declared {col.blank_means} but read as {wrong}"


@pytest.mark.parametrize("table,col", COLUMNS, ids=[f"{t}.{c.name}" for t, c in COLUMNS])
def test_the_loading_guide_says_what_each_columns_blank_means(table, col):
    assert f"| {col.zh} | {col.blank_text} |" in DOCS.read_text(encoding="utf-8")


def _cases(n=12):
    cases = random_cases(n, as_of=date(2025, 10, 9), seed=8, required=True)
    cases["interference_recorded"] = pd.array([False] * n, dtype="boolean")
    return cases


def test_a_blank_meaning_no_that_means_unknown_is_counted_with_the_findings_it_leaves_undecided():
    cases = _cases()
    cases.loc[[1, 4, 7], "interference_recorded"] = pd.NA
    (effect,) = [e for e in blank_effects(cases, "cases", date(2025, 10, 9))
                 if e.column.name == "interference_recorded"]
    assert (effect.blank, effect.insufficient, effect.clauses) == (3, 3, ("2.2",))
    assert "“存在干预受理审理行为”有 3 行空白：空白表示“不知道”，其中 3 条结论（二（二））因此为“信息不足”" in effect.text()
    assert "确实没有的请填“否”" in effect.text()


def test_a_blank_that_decides_nothing_is_not_blamed():
    cases = _cases()
    cases["confidential_evidence"] = pd.array([False] * len(cases), dtype="boolean")
    cases["confidential_marked"] = pd.array([None] * len(cases), dtype="boolean")
    effects = {e.column.name: e for e in blank_effects(cases, "cases", date(2025, 10, 9))}
    assert effects["confidential_marked"].insufficient == 0  # no confidential evidence: irrelevant
    assert not any("已注明并提交法院审查确认" in line for line in blank_lines(cases, "cases", date(2025, 10, 9)))


def test_yingsu_validate_reports_how_many_findings_each_blank_column_leaves_undecided(tmp_path, capsys):
    cases = _cases()
    cases.loc[[2, 3], "interference_recorded"] = pd.NA
    path = save_table(cases, tmp_path / "案件.csv", "cases")
    assert main(["validate", "cases", str(path), "--as-of", "2025-10-09"]) == 0
    out = capsys.readouterr().out
    assert "空白：“存在干预受理审理行为”有 2 行空白" in out and "2 条结论（二（二））" in out
    assert "以下列的空白按“否”处理" in out
