"""The Excel import templates (`yingsu template …`)."""
from __future__ import annotations

import warnings

import openpyxl
import pandas as pd
import pytest

from yingsu_training import schema
from yingsu_training.cli import main
from yingsu_training.loaders import DataNotice, coerce_frame, load_table
from yingsu_training.template import EXAMPLES, write_template

TABLES = ["cases", "suggestions", "agencies"]


@pytest.mark.parametrize("table", TABLES)
def test_a_filled_in_template_reads_back_unchanged_without_any_notice(tmp_path, table):
    path = write_template(table, tmp_path / f"{table}.xlsx")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        loaded = load_table(path, table)
    assert not [w for w in caught if issubclass(w.category, DataNotice)]
    expected = coerce_frame(pd.DataFrame(EXAMPLES[table]), table)
    pd.testing.assert_frame_equal(loaded, expected)
    assert len(loaded) == 2


@pytest.mark.parametrize("table", TABLES)
def test_the_template_has_the_chinese_headers_in_contract_order_and_a_frozen_header(tmp_path, table):
    tbl = schema.TABLES[table]
    wb = openpyxl.load_workbook(write_template(table, tmp_path / "t.xlsx"))
    ws = wb[tbl.zh]
    assert wb.sheetnames == [tbl.zh, "说明"]
    assert [c.value for c in ws[1]] == [c.zh for c in tbl.columns]
    assert ws.freeze_panes == "B2"
    for j, col in enumerate(tbl.columns, start=1):
        assert col.name in ws.cell(row=1, column=j).comment.text


@pytest.mark.parametrize("table", TABLES)
def test_every_boolean_and_enumerated_column_has_a_drop_down_list(tmp_path, table):
    tbl = schema.TABLES[table]
    ws = openpyxl.load_workbook(write_template(table, tmp_path / "t.xlsx"))[tbl.zh]
    lists = {}
    for dv in ws.data_validations.dataValidation:
        if dv.type == "list":
            for rng in dv.sqref.ranges:
                lists[rng.min_col] = dv.formula1.strip('"').split(",")
    for j, col in enumerate(tbl.columns, start=1):
        if col.kind == "bool":
            assert lists.get(j) == ["是", "否"], col.name
        elif col.kind == "enum":
            assert lists.get(j) == list(col.choices), col.name
        else:
            assert j not in lists, col.name


@pytest.mark.parametrize("table", TABLES)
def test_date_columns_are_formatted_as_dates_and_examples_are_real_date_cells(tmp_path, table):
    tbl = schema.TABLES[table]
    ws = openpyxl.load_workbook(write_template(table, tmp_path / "t.xlsx"))[tbl.zh]
    for j, col in enumerate(tbl.columns, start=1):
        cell = ws.cell(row=2, column=j)
        if col.kind == "date" and cell.value is not None:
            assert cell.is_date and cell.number_format == "yyyy-mm-dd", col.name


@pytest.mark.parametrize("table", TABLES)
def test_the_explanation_sheet_describes_every_column(tmp_path, table):
    tbl = schema.TABLES[table]
    info = openpyxl.load_workbook(write_template(table, tmp_path / "t.xlsx"))["说明"]
    rows = {r[0]: r for r in info.iter_rows(values_only=True) if r and r[0]}
    for col in tbl.columns:
        zh, name, kind, required, rule, blank, help_ = rows[col.zh]
        assert name == col.name
        assert blank == col.blank_text
        assert (required == "是") == col.required
        if col.help:
            assert help_ == col.help
        if col.kind == "enum":
            assert all(choice in rule for choice in col.choices)


def test_the_template_command_writes_the_workbook_and_says_so_in_chinese(tmp_path, capsys):
    target = tmp_path / "案件导入模板.xlsx"
    assert main(["template", "cases", str(target)]) == 0
    assert target.exists()
    assert "已生成案件导入模板" in capsys.readouterr().out


def test_the_template_command_does_not_overwrite_an_existing_file_without_force(tmp_path, capsys):
    target = tmp_path / "t.xlsx"
    target.write_bytes(b"keep me")
    assert main(["template", "agencies", str(target)]) == 2
    assert "文件已存在" in capsys.readouterr().err
    assert target.read_bytes() == b"keep me"
    assert main(["template", "agencies", str(target), "--force"]) == 0
    assert target.read_bytes() != b"keep me"


def test_the_template_command_refuses_a_name_that_is_not_xlsx(tmp_path, capsys):
    assert main(["template", "suggestions", str(tmp_path / "t.csv")]) == 2
    assert ".xlsx" in capsys.readouterr().err


def test_the_same_template_is_written_byte_for_byte_every_time(tmp_path):
    import zipfile
    first = write_template("cases", tmp_path / "a.xlsx")
    assert write_template("cases", tmp_path / "b.xlsx").read_bytes() == first.read_bytes()
    core = zipfile.ZipFile(first).read("docProps/core.xml").decode()
    assert "2000-01-01T00:00:00Z" in core  # export.FIXED_STAMP, not the time of writing
