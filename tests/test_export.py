"""Tables written with Chinese headers: CSV with BOM for Excel, .xlsx with real date cells."""
from datetime import date, datetime

import pandas as pd
import pytest
from openpyxl import load_workbook

from yingsu_training.export import save_table, table_for, to_chinese_headers
from yingsu_training.schema import CASES, SUGGESTIONS


def small_cases() -> pd.DataFrame:
    df = CASES.empty()
    rows = pd.DataFrame({
        "case_id": ["（2025）渝0105行初模拟0001号", "（2025）渝0105行初模拟0002号"],
        "agency": ["重庆市江北区人民政府", "重庆市渝北区市场监督管理局"],
        "complaint_received_on": pd.to_datetime(["2025-09-20", "2025-03-04"]),
        "defence_submitted_on": pd.to_datetime(["2025-10-09", None]),
        "head_appeared": pd.array([True, None], dtype="boolean"),
        "interference_recorded": pd.array([False, False], dtype="boolean"),
        "staff_appeared": pd.array([2, None], dtype="Int64"),
        "decision_kind": pd.Categorical(["裁定", None], categories=CASES.column("decision_kind").choices),
    })
    return df.reindex(range(2)).assign(**{c: rows[c].astype(df[c].dtype) for c in rows})


def test_contract_columns_get_their_chinese_headers_in_contract_order():
    out = to_chinese_headers(small_cases(), "cases")
    assert list(out.columns) == [c.zh for c in CASES.columns]


@pytest.mark.parametrize("header,row,expected", [
    ("负责人出庭", 0, "是"),
    ("负责人出庭", 1, ""),
    ("存在干预受理审理行为", 1, "否"),
    ("提交答辩状日期", 0, "2025-10-09"),
    ("提交答辩状日期", 1, ""),
    ("出庭工作人员人数", 0, "2"),
    ("出庭工作人员人数", 1, ""),
    ("裁判类型", 0, "裁定"),
    ("裁判类型", 1, ""),
    ("开庭日期", 0, ""),
])
def test_values_are_written_as_a_chinese_user_reads_them(header, row, expected):
    assert to_chinese_headers(small_cases(), "cases")[header].iloc[row] == expected


def test_a_column_outside_the_contract_keeps_its_name_after_the_contract_columns():
    df = small_cases().assign(note=["甲", "乙"])
    out = to_chinese_headers(df, "cases")
    assert list(out.columns)[-1] == "note"


def test_csv_is_utf8_with_a_byte_order_mark_so_excel_opens_it(tmp_path):
    path = save_table(small_cases(), tmp_path / "cases.csv", "cases")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("案号,被诉行政机关,区县")
    assert "2025-10-09" in text


def test_xlsx_has_a_frozen_header_real_date_cells_and_fitted_widths(tmp_path):
    path = save_table(small_cases(), tmp_path / "cases.xlsx", "cases")
    ws = load_workbook(path).active
    assert ws.freeze_panes == "A2"
    headers = [c.value for c in ws[1]]
    assert headers[0] == "案号"
    col = headers.index("提交答辩状日期") + 1
    cell = ws.cell(row=2, column=col)
    assert isinstance(cell.value, datetime) and cell.value.date() == date(2025, 10, 9)
    assert cell.number_format == "yyyy-mm-dd"
    assert ws.cell(row=3, column=col).value is None
    assert ws.cell(row=2, column=headers.index("负责人出庭") + 1).value == "是"
    assert ws.column_dimensions["A"].width >= 20


def test_the_same_table_saved_twice_gives_the_same_bytes(tmp_path):
    a = save_table(small_cases(), tmp_path / "a.xlsx", "cases").read_bytes()
    b = save_table(small_cases(), tmp_path / "b.xlsx", "cases").read_bytes()
    assert a == b


def test_an_unknown_file_type_is_refused_in_chinese(tmp_path):
    with pytest.raises(ValueError, match="不支持的文件类型"):
        save_table(SUGGESTIONS.empty(), tmp_path / "x.json", "suggestions")


def test_a_table_longer_than_an_excel_sheet_is_refused_with_advice(tmp_path, monkeypatch):
    from yingsu_training import export

    monkeypatch.setattr(export, "EXCEL_MAX_ROWS", 1)
    with pytest.raises(ValueError, match="超过 Excel 工作表的上限"):
        save_table(small_cases(), tmp_path / "cases.xlsx", "cases")


@pytest.mark.parametrize("name", ["suggestions", "judicial_suggestions", "司法建议", "suggestion"])
def test_a_table_is_found_by_its_key_name_chinese_name_or_record_kind(name):
    assert table_for(name) is SUGGESTIONS


def test_an_unknown_table_name_is_a_chinese_error_listing_the_tables():
    with pytest.raises(ValueError, match="未知的表“lawsuits”，应为 cases、suggestions、agencies"):
        table_for("lawsuits")
