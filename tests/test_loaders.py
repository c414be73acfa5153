"""Loading the three tables: encodings, headers, spellings, and every problem at once."""
from __future__ import annotations

import csv
import re
import warnings
import zlib

import openpyxl

import numpy as np
import pandas as pd
import pytest

from yingsu_training import schema
from yingsu_training.errors import DataError
from yingsu_training.loaders import (DataNotice, coerce_frame, load_agencies, load_cases,
                                     load_suggestions, load_table)

CASES_EN = (
    "case_id,agency,district,complaint_received_on,defence_submitted_on,head_appeared,"
    "head_role,staff_appeared,lawyers_appeared,decision_kind,decision_served_on\n"
    "(2025)渝0103行初101号,重庆市渝中区人民政府,渝中区,2025-09-20,2025-10-09,是,正职,1,1,"
    "判决驳回诉讼请求,2025-12-01\n"
    "(2025)渝0103行初102号,重庆市渝中区市场监督管理局,渝中区,2025/9/26,,否,,2,0,,\n"
)


def _zh(text: str) -> str:
    header, rest = text.split("\n", 1)
    zh = [schema.CASES.name_to_zh[h] for h in header.split(",")]
    return ",".join(zh) + "\n" + rest


def _write(tmp_path, name: str, text: str, encoding: str = "utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def _loaded_quietly(fn, path):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DataNotice)
        return fn(path)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk"])
def test_a_cases_csv_loads_the_same_in_every_accepted_encoding(tmp_path, encoding):
    reference = _loaded_quietly(load_cases, _write(tmp_path, "ref.csv", CASES_EN))
    df = _loaded_quietly(load_cases, _write(tmp_path, f"{encoding}.csv", CASES_EN, encoding))
    pd.testing.assert_frame_equal(df, reference)
    assert df.loc[0, "agency"] == "重庆市渝中区人民政府"


def test_english_and_chinese_headers_give_equal_frames(tmp_path):
    en = _loaded_quietly(load_cases, _write(tmp_path, "en.csv", CASES_EN))
    zh = _loaded_quietly(load_cases, _write(tmp_path, "zh.csv", _zh(CASES_EN)))
    pd.testing.assert_frame_equal(en, zh)


def test_loaded_cases_have_every_contract_column_in_its_contract_dtype(tmp_path):
    df = _loaded_quietly(load_cases, _write(tmp_path, "c.csv", CASES_EN))
    assert list(df.columns) == schema.CASES.names
    for name, dtype in schema.CASES.dtypes().items():
        assert df[name].dtype == dtype, name
    assert df.loc[1, "complaint_received_on"] == pd.Timestamp("2025-09-26")
    assert df.loc[1, "head_role"] is np.nan or pd.isna(df.loc[1, "head_role"])
    assert df.loc[0, "staff_appeared"] == 1


@pytest.mark.parametrize("spelling,expected", [
    ("2025-10-09", "2025-10-09"), ("2025/10/9", "2025-10-09"), ("2025年10月9日", "2025-10-09"),
    ("2025年10月09日", "2025-10-09"), (" 2025-1-5 ", "2025-01-05"), ("2024/2/29", "2024-02-29"),
    ("２０２５－１０－０９", "2025-10-09"), ("2025-10-09 14:30", "2025-10-09"),
])
def test_every_accepted_date_spelling_gives_the_same_day(spelling, expected):
    raw = pd.DataFrame({"case_id": ["A"], "agency": ["某局"],
                        "complaint_received_on": [spelling]})
    df = coerce_frame(raw, "cases")
    assert df.loc[0, "complaint_received_on"] == pd.Timestamp(expected)


@pytest.mark.parametrize("spelling,expected", [
    ("是", True), ("否", False), ("true", True), ("FALSE", False), ("True", True),
    ("1", True), ("0", False), ("Y", True), ("n", False), ("y", True), ("N", False),
    (" 是 ", True), ("", None), (True, True), (0, False), (1.0, True),
])
def test_every_accepted_boolean_spelling_is_read(spelling, expected):
    raw = pd.DataFrame({"case_id": ["A"], "agency": ["某局"],
                        "complaint_received_on": ["2025-09-20"], "head_appeared": [spelling]})
    value = coerce_frame(raw, "cases").loc[0, "head_appeared"]
    assert pd.isna(value) if expected is None else bool(value) is expected


def test_an_empty_cell_is_missing_in_every_kind_of_column(tmp_path):
    df = _loaded_quietly(load_cases, _write(tmp_path, "c.csv", CASES_EN))
    assert pd.isna(df.loc[1, "defence_submitted_on"])
    assert pd.isna(df.loc[1, "decision_kind"])
    assert pd.isna(df.loc[1, "decision_served_on"])
    assert pd.isna(df.loc[0, "evidence_list_submitted"])


def test_a_bad_cases_file_lists_every_problem_with_row_and_column(tmp_path):
    text = ("案号,被诉行政机关,收到起诉状副本日期,负责人出庭,出庭工作人员人数\n"
            "A1,某局,2025-02-30,也许,1\n"
            "A1,,2025-09-20,否,-1\n")
    with pytest.raises(DataError) as info:
        load_cases(_write(tmp_path, "bad.csv", text))
    where = {(p.row, p.column) for p in info.value.problems}
    assert where == {(2, "收到起诉状副本日期"), (2, "负责人出庭"), (3, "案号"),
                     (3, "被诉行政机关"), (3, "出庭工作人员人数")}
    assert "第3行" in str(info.value) and "bad.csv" in str(info.value)


def test_coerce_frame_accepts_a_frame_already_in_contract_dtypes():
    raw = pd.DataFrame({
        "agency": pd.array(["某局", "某局"], dtype="string"),
        "year": pd.array([2024, 2025], dtype="Int64"),
        "trainings_held": np.array([0, 2]),
        "funding_in_budget": np.array([True, False]),
        "statistics_reported_on": pd.to_datetime(["2024-12-20", None]),
    })
    df = coerce_frame(raw, "agencies")
    assert list(df.columns) == schema.AGENCIES.names
    assert df["trainings_held"].dtype == "Int64"
    assert df["funding_in_budget"].dtype == "boolean"
    assert df.loc[0, "statistics_reported_on"] == pd.Timestamp("2024-12-20")


def test_suggestions_and_agencies_load_from_chinese_headers(tmp_path):
    s = _write(tmp_path, "s.csv", "司法建议编号,收到建议的机关,收到日期,书面回复日期,已抄送本级政府法制机构\n"
                                  "JY-1,某局,2025-03-03,2025-04-20,是\n")
    a = _write(tmp_path, "a.csv", "行政机关,年度,集中培训次数,应诉经费列入预算\n某局,2025,2,是\n")
    sug = _loaded_quietly(load_suggestions, s)
    ag = _loaded_quietly(load_agencies, a)
    assert sug.loc[0, "replied_on"] == pd.Timestamp("2025-04-20")
    assert ag.loc[0, "year"] == 2025 and bool(ag.loc[0, "funding_in_budget"]) is True
    assert load_table(s, "judicial_suggestions").equals(sug)


# ---------------------------------------------------------------------------------------------
# the bad-input corpus (tests/bad_inputs/expected.yaml)

from pathlib import Path  # noqa: E402

import yaml  # noqa: E402

CORPUS = Path(__file__).parent / "bad_inputs"
EXPECTED = yaml.safe_load((CORPUS / "expected.yaml").read_text(encoding="utf-8"))


def test_every_file_in_the_bad_input_corpus_has_its_expected_problems_listed():
    files = {p.name for p in CORPUS.iterdir() if p.suffix in (".csv", ".xlsx", ".xls", ".et")}
    assert files == set(EXPECTED)
    assert len([f for f, e in EXPECTED.items() if e["problems"]]) >= 15


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_bad_input_file_reports_exactly_its_expected_problems(name):
    spec = EXPECTED[name]
    path = CORPUS / name
    if not spec["problems"]:
        df = _loaded_quietly(lambda p: load_table(p, spec["table"]), path)
        assert len(df) > 0
        if "notice" in spec:
            assert any(spec["notice"] in n for n in df.attrs["notices"]), df.attrs["notices"]
        return
    with pytest.raises(DataError) as info:
        _loaded_quietly(lambda p: load_table(p, spec["table"]), path)
    problems = info.value.problems
    got = sorted(((p.row or 0), p.column or "") for p in problems)
    want = sorted(((r or 0), c or "") for r, c, _ in spec["problems"])
    assert got == want, "\n".join(str(p) for p in problems)
    for row, column, phrase in spec["problems"]:
        hits = [p for p in problems if p.row == row and p.column == column]
        assert any(phrase in p.message for p in hits), (row, column, phrase, [str(p) for p in hits])
    report = str(info.value)
    assert report.startswith(str(path)) and f"{len(problems)} 处问题" in report
    for p in problems:
        assert p.file == str(path)


# ---------------------------------------------------------------------------------------------
# .xlsx, header variants, notices

def _xlsx(path, rows, title="案件", first_sheet=None):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    if first_sheet:
        ws.title = first_sheet
        ws = wb.create_sheet(title)
    else:
        ws.title = title
    for r in rows:
        ws.append(list(r))
    wb.save(path)
    return path


def test_an_xlsx_with_date_cells_text_dates_and_boolean_cells_equals_the_csv(tmp_path):
    from datetime import datetime

    csv_frame = _loaded_quietly(load_cases, _write(tmp_path, "c.csv", CASES_EN))
    header = CASES_EN.split("\n")[0].split(",")
    rows = [header,
            ["(2025)渝0103行初101号", "重庆市渝中区人民政府", "渝中区", datetime(2025, 9, 20),
             "2025年10月9日", True, "正职", 1, 1.0, "判决驳回诉讼请求", datetime(2025, 12, 1)],
            ["(2025)渝0103行初102号", "重庆市渝中区市场监督管理局", "渝中区", "2025/9/26", None,
             "否", None, 2, 0, None, None]]
    xlsx_frame = _loaded_quietly(load_cases, _xlsx(tmp_path / "c.xlsx", rows))
    pd.testing.assert_frame_equal(xlsx_frame, csv_frame)


def test_an_excel_date_serial_without_date_format_is_read_as_that_date(tmp_path):
    rows = [["案号", "被诉行政机关", "收到起诉状副本日期"], ["A", "某局", 45920]]
    df = _loaded_quietly(load_cases, _xlsx(tmp_path / "c.xlsx", rows))
    assert df.loc[0, "complaint_received_on"] == pd.Timestamp("2025-09-20")


def _dates_book(path, epoch):
    """A workbook of the same two dates, as a date cell and as a serial number without date
    format, saved in the date system ``epoch``."""
    from datetime import datetime

    from openpyxl.utils.datetime import to_excel

    wb = openpyxl.Workbook()
    wb.epoch = epoch
    ws = wb.active
    ws.title = "案件"
    ws.append(["案号", "被诉行政机关", "收到起诉状副本日期", "提交答辩状日期"])
    ws.append(["A1", "某局", datetime(2025, 9, 20), to_excel(datetime(2025, 10, 9), epoch)])
    ws.append(["A2", "某局", to_excel(datetime(2024, 2, 29), epoch), datetime(2024, 3, 1)])
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, datetime):
                cell.number_format = "yyyy-mm-dd"
    wb.save(path)
    return path


@pytest.mark.parametrize("system", ["1900", "1904"])
def test_date_cells_and_date_serials_read_as_excel_shows_them_in_either_date_system(tmp_path, system):
    from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900

    epoch = CALENDAR_MAC_1904 if system == "1904" else CALENDAR_WINDOWS_1900
    df = _loaded_quietly(load_cases, _dates_book(tmp_path / "c.xlsx", epoch))
    assert df["complaint_received_on"].tolist() == [pd.Timestamp("2025-09-20"), pd.Timestamp("2024-02-29")]
    assert df["defence_submitted_on"].tolist() == [pd.Timestamp("2025-10-09"), pd.Timestamp("2024-03-01")]
    assert any("1904 日期系统" in n for n in df.attrs["notices"]) == (system == "1904")


def test_the_data_sheet_is_found_by_its_table_name_even_after_an_explanation_sheet(tmp_path):
    rows = [["司法建议编号", "收到建议的机关", "收到日期"], ["JY-1", "某局", "2025-03-03"]]
    path = _xlsx(tmp_path / "s.xlsx", rows, title="司法建议", first_sheet="说明")
    assert _loaded_quietly(load_suggestions, path).loc[0, "suggestion_id"] == "JY-1"


def test_headers_with_surrounding_spaces_and_half_width_brackets_are_recognised(tmp_path):
    text = (" 案号 ,被诉行政机关  ,\t收到起诉状副本日期,复议维持(共同被告)\n"
            "A1,某局,2025-09-20,是\n")
    df = _loaded_quietly(load_cases, _write(tmp_path, "c.csv", text))
    assert bool(df.loc[0, "reconsideration_upheld"]) is True
    assert df.loc[0, "case_id"] == "A1"


def test_mixed_header_languages_load_when_every_column_maps_unambiguously(tmp_path):
    text = "案号,agency,complaint_received_on,提交答辩状日期\nA1,某局,2025-09-20,2025-10-09\n"
    with pytest.warns(DataNotice, match="混用了中文和英文"):
        df = load_cases(_write(tmp_path, "c.csv", text))
    assert df.loc[0, "defence_submitted_on"] == pd.Timestamp("2025-10-09")


def test_an_unknown_extra_column_is_kept_with_a_notice(tmp_path):
    text = "案号,被诉行政机关,收到起诉状副本日期,备注\nA1,某局,2025-09-20,已结案\nA2,某局,2025-09-21,\n"
    with pytest.warns(DataNotice, match="备注"):
        df = load_cases(_write(tmp_path, "c.csv", text))
    assert list(df["备注"].astype(object).where(df["备注"].notna(), None)) == ["已结案", None]
    assert any("备注" in n for n in df.attrs["notices"])
    assert list(df.columns[:len(schema.CASES.names)]) == schema.CASES.names


def test_blank_rows_among_the_data_are_skipped_with_a_notice_and_rows_keep_their_numbers(tmp_path):
    text = "案号,被诉行政机关,收到起诉状副本日期\nA1,某局,2025-09-20\n,,\n\nA2,某局,2025-02-30\n"
    with pytest.raises(DataError) as info:
        load_cases(_write(tmp_path, "bad.csv", text))
    assert [(p.row, p.column) for p in info.value.problems] == [(5, "收到起诉状副本日期")]
    good = text.replace("2025-02-30", "2025-02-28")
    with pytest.warns(DataNotice, match="第3、4行是空行"):
        df = load_cases(_write(tmp_path, "good.csv", good))
    assert list(df["case_id"]) == ["A1", "A2"]


def test_a_title_row_above_the_header_is_skipped_and_rows_are_numbered_as_in_excel(tmp_path):
    rows = [["2025年行政应诉案件台账"], [], ["案号", "被诉行政机关", "收到起诉状副本日期"],
            ["A1", "某局", "2025-09-20"], ["A2", None, "2025-09-21"]]
    with pytest.raises(DataError) as info:
        _loaded_quietly(load_cases, _xlsx(tmp_path / "c.xlsx", rows))
    assert [(p.row, p.column) for p in info.value.problems] == [(5, "被诉行政机关")]


def test_a_tab_separated_file_is_read_like_a_comma_separated_one(tmp_path):
    text = "案号\t被诉行政机关\t收到起诉状副本日期\nA1\t某局\t2025-09-20\n"
    df = _loaded_quietly(load_cases, _write(tmp_path, "c.csv", text))
    assert df.loc[0, "agency"] == "某局"


@pytest.mark.parametrize("name,content,phrase", [
    ("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "Excel 97-2003"),
    ("fake.xlsx", "案号,被诉行政机关\n".encode(), "不是有效的 .xlsx"),
    ("broken.xlsx", b"PK\x03\x04 not really a zip", "无法打开 Excel 工作簿"),
    ("bom-only.csv", b"\xef\xbb\xbf\r\n", "文件是空的"),
])
def test_files_that_are_not_readable_tables_give_one_clear_problem(tmp_path, name, content, phrase):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(DataError) as info:
        load_cases(path)
    assert len(info.value.problems) == 1 and phrase in info.value.problems[0].message


def test_coerce_frame_numbers_rows_from_two_and_reads_chinese_headers():
    raw = pd.DataFrame({"司法建议编号": ["JY-1", "JY-2"], "收到建议的机关": ["某局", "某局"],
                        "收到日期": ["2025-03-03", "2025-03-40"]})
    with pytest.raises(DataError) as info:
        coerce_frame(raw, "suggestions", source="练习 3")
    (p,) = info.value.problems
    assert (p.file, p.row, p.column, p.value) == ("练习 3", 3, "收到日期", "2025-03-40")


def test_a_row_with_only_an_unknown_column_filled_is_not_dropped(tmp_path):
    text = "案号,被诉行政机关,收到起诉状副本日期,备注\nA1,某局,2025-09-20,\n,,,补充说明\n"
    with pytest.raises(DataError) as info:
        _loaded_quietly(load_cases, _write(tmp_path, "c.csv", text))
    assert {(p.row, p.column) for p in info.value.problems} == {
        (3, "案号"), (3, "被诉行政机关"), (3, "收到起诉状副本日期")}


def test_head_role_with_head_appeared_missing_is_not_a_contradiction():
    raw = pd.DataFrame({"case_id": ["A"], "agency": ["某局"], "complaint_received_on": ["2025-09-20"],
                        "head_role": ["正职"]})
    assert coerce_frame(raw, "cases").loc[0, "head_role"] == "正职"


def test_a_period_ending_in_a_year_supplied_from_a_calendar_file_loads(tmp_path):
    from yingsu_training import calendar as cal

    raw = pd.DataFrame({"case_id": ["A"], "agency": ["某局"], "complaint_received_on": ["2026-12-24"]})
    with pytest.raises(DataError):
        coerce_frame(raw, "cases")
    # a test schedule (not the real 2027 notice): New Year's Day only
    (tmp_path / "2027.yaml").write_text(
        "year: 2027\nsource: 测试用日历\nholidays:\n  - {name: 元旦, from: 2027-01-01, to: 2027-01-01}\n"
        "workdays: []\n", encoding="utf-8")
    cal.add_calendar_year(tmp_path / "2027.yaml")
    assert coerce_frame(raw, "cases").loc[0, "complaint_received_on"] == pd.Timestamp("2026-12-24")


def test_a_csv_with_a_title_row_reports_a_row_with_more_cells_than_the_header(tmp_path):
    text = ("2025年案件台账\n案号,被诉行政机关,收到起诉状副本日期\n"
            "A1,某局,2025-09-20,多余\nA2,某局,2025-09-21\n")
    with pytest.raises(DataError) as info:
        _loaded_quietly(load_cases, _write(tmp_path, "c.csv", text))
    assert [(p.row, p.column, p.value) for p in info.value.problems] == [(3, None, "多余")]
    fixed = text.replace(",多余", "")
    with pytest.warns(DataNotice, match="表头在第2行"):
        assert list(load_cases(_write(tmp_path, "ok.csv", fixed))["case_id"]) == ["A1", "A2"]


def test_coerce_frame_keeps_the_index_of_the_frame_it_was_given():
    raw = pd.DataFrame({"agency": ["某局", "某委"], "year": ["2024", "2025"]}, index=[10, 20])
    assert list(coerce_frame(raw, "agencies").index) == [10, 20]


# ---------------------------------------------------------------------------------------------
# many rows: the vectorised checks name exactly the broken rows

def test_in_a_file_of_thousands_of_rows_exactly_the_broken_cells_are_reported(tmp_path):
    rng = np.random.default_rng(7)
    n = 3000
    received = pd.Timestamp("2024-03-01") + pd.to_timedelta(rng.integers(0, 500, n), "D")
    frame = pd.DataFrame({
        "案号": [f"(2024)渝01行初{i}号" for i in range(n)],
        "被诉行政机关": rng.choice(["重庆市渝中区人民政府", "重庆市江北区人民政府"], n),
        "收到起诉状副本日期": received.strftime("%Y/%-m/%-d"),
        "提交答辩状日期": (received + pd.to_timedelta(rng.integers(0, 20, n), "D")).strftime("%Y-%m-%d"),
        "负责人出庭": rng.choice(["是", "否", ""], n),
        "出庭工作人员人数": rng.integers(0, 3, n).astype(str),
    })
    broken = {}
    picks = 1 + rng.choice(n - 1, 60, replace=False)  # row position 0 stays intact
    for k, pos in enumerate(picks):
        kind = k % 5
        if kind == 0:
            frame.iloc[pos, 2] = "2024-02-30"
            broken[(pos + 2, "收到起诉状副本日期")] = "只有 29 天"
        elif kind == 1:
            frame.iloc[pos, 4] = "不确定"
            broken[(pos + 2, "负责人出庭")] = "是/否"
        elif kind == 2:
            frame.iloc[pos, 5] = "-1"
            broken[(pos + 2, "出庭工作人员人数")] = "负数"
        elif kind == 3:
            frame.iloc[pos, 1] = ""
            broken[(pos + 2, "被诉行政机关")] = "必填"
        else:
            frame.iloc[pos, 0] = frame.iloc[0, 0]
            broken[(pos + 2, "案号")] = "与第2行重复"
    frame.to_csv(tmp_path / "many.csv", index=False)
    with pytest.raises(DataError) as info:
        _loaded_quietly(load_cases, tmp_path / "many.csv")
    got = {(p.row, p.column): p.message for p in info.value.problems}
    broken = {(int(r), c): m for (r, c), m in broken.items()}
    assert set(got) == set(broken)
    for where, phrase in broken.items():
        assert phrase in got[where]
    rows = [p.row for p in info.value.problems]
    assert rows == sorted(rows)


# ---------------------------------------------------------------------------------------------
# properties: every valid date in every spelling, and impossible dates always caught

from hypothesis import given, settings, strategies as st  # noqa: E402
from datetime import date as _date  # noqa: E402


@settings(max_examples=60, deadline=None)
@given(st.dates(min_value=_date(2005, 1, 1), max_value=_date(2026, 6, 30)))
def test_any_real_date_reads_the_same_in_all_three_spellings(d):
    spellings = [d.isoformat(), f"{d.year}/{d.month}/{d.day}", f"{d.year}年{d.month}月{d.day}日"]
    raw = pd.DataFrame({"case_id": ["A", "B", "C"], "agency": ["某局"] * 3,
                        "complaint_received_on": spellings})
    df = coerce_frame(raw, "cases")
    assert (df["complaint_received_on"] == pd.Timestamp(d)).all()


@settings(max_examples=40, deadline=None)
@given(st.integers(2005, 2025), st.integers(1, 12), st.integers(29, 35))
def test_a_day_past_the_end_of_its_month_is_always_reported(year, month, day):
    import calendar as stdcal

    if day <= stdcal.monthrange(year, month)[1]:
        return
    raw = pd.DataFrame({"case_id": ["A"], "agency": ["某局"],
                        "complaint_received_on": [f"{year}-{month}-{day}"]})
    with pytest.raises(DataError) as info:
        coerce_frame(raw, "cases")
    (p,) = info.value.problems
    assert p.row == 2 and "日期不存在" in p.message


def test_a_missing_file_is_a_file_not_found_error_in_chinese_naming_it(tmp_path):
    with pytest.raises(FileNotFoundError, match="找不到文件“.*没有这个文件.csv”") as info:
        load_cases(tmp_path / "没有这个文件.csv")
    assert info.value.filename == str(tmp_path / "没有这个文件.csv")


def test_a_folder_given_instead_of_a_file_is_named_in_chinese(tmp_path):
    with pytest.raises(IsADirectoryError, match="是文件夹，不是文件"):
        load_cases(tmp_path)


# ---------------------------------------------------------------------------------------------
# workbooks read with python-calamine; what a broken file makes a library raise

def test_the_user_can_name_the_sheet_to_read_and_an_unknown_sheet_is_a_chinese_problem(tmp_path):
    path = _xlsx(tmp_path / "c.xlsx", [["案号", "被诉行政机关", "收到起诉状副本日期"],
                                        ["A1", "某局", "2025-09-20"]], title="台账", first_sheet="封面")
    assert list(_loaded_quietly(lambda p: load_table(p, "cases", sheet="台账"), path)["case_id"]) == ["A1"]
    with pytest.raises(DataError) as info:
        load_table(path, "cases", sheet="案件表")
    assert "没有名为“案件表”的工作表" in str(info.value) and "“封面”、“台账”" in str(info.value)


@pytest.mark.parametrize("failure", [
    zlib.error("invalid stored block lengths"),
    csv.Error("field larger than field limit"),
    pd.errors.EmptyDataError("No columns to parse from file"),
    RecursionError("maximum recursion depth exceeded"),
    openpyxl.utils.exceptions.IllegalCharacterError("\x07"),
])
def test_what_a_broken_file_makes_a_library_raise_becomes_a_chinese_data_error(tmp_path, monkeypatch, failure):
    from yingsu_training import loaders

    def broken(*args, **kwargs):
        raise failure

    path = _write(tmp_path, "c.csv", CASES_EN)
    monkeypatch.setattr(loaders, "_read_grid", broken)
    with pytest.raises(DataError) as info:
        load_table(path, "cases")
    (p,) = info.value.problems
    assert p.file == str(path) and re.search("[\u4e00-\u9fff]", p.message)


def test_a_workbook_cell_holding_only_invisible_characters_is_blank_and_a_key_is_cleaned(tmp_path):
    rows = [["案号", "被诉行政机关", "收到起诉状副本日期", "区县"],
            ["A1\u200b", "某局\u3000", "2025-09-20", "\u200b\ufeff"]]
    df = _loaded_quietly(load_cases, _xlsx(tmp_path / "c.xlsx", rows))
    assert df.loc[0, "case_id"] == "A1" and df.loc[0, "agency"] == "某局"
    assert pd.isna(df.loc[0, "district"])


def test_a_sheet_that_inflates_beyond_the_limit_is_refused_before_it_is_read(tmp_path, monkeypatch):
    from yingsu_training.loading import workbook

    path = _xlsx(tmp_path / "c.xlsx", [["案号", "被诉行政机关", "收到起诉状副本日期"], ["A1", "某局", "2025-09-20"]])
    monkeypatch.setattr(workbook, "MAX_SHEET_BYTES", 100)  # a zip bomb, scaled down
    with pytest.raises(DataError) as info:
        load_cases(path)
    assert "解压后超过" in info.value.problems[0].message


def test_a_formula_without_a_saved_result_in_a_strict_open_xml_workbook_is_a_problem(tmp_path):
    import zipfile

    path = _xlsx(tmp_path / "c.xlsx", [["案号", "被诉行政机关", "收到起诉状副本日期", "出庭工作人员人数"],
                                       ["A1", "某局", "2025-09-20", "=1+1"]])
    # saved as "Strict Open XML Spreadsheet": the same parts in the strict namespaces
    namespaces = [(b"http://schemas.openxmlformats.org/spreadsheetml/2006/main",
                   b"http://purl.oclc.org/ooxml/spreadsheetml/main"),
                  (b"http://schemas.openxmlformats.org/officeDocument/2006/relationships",
                   b"http://purl.oclc.org/ooxml/officeDocument/relationships")]
    strict = tmp_path / "strict.xlsx"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(strict, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in src.namelist():
            body = src.read(name)
            if name.startswith("xl/") and name.endswith(".xml"):
                for old, new in namespaces:
                    body = body.replace(old, new)
            dst.writestr(name, body)
    with pytest.raises(DataError) as info:
        load_cases(strict)
    (p,) = info.value.problems
    assert (p.row, p.column) == (2, "出庭工作人员人数") and "没有保存计算结果" in p.message


_SHEET = '<worksheet><sheetData>{}</sheetData></worksheet>'


@pytest.mark.parametrize("rows,expected", [
    ('<row r="1"><c r="A1"><v>1</v></c><c r="C1"><v>2</v></c></row>'
     '<row r="9"><c r="B9" t="inlineStr"><is><t>a</t></is></c></row>', (9, 3)),
    ('<x:row r="1"><x:c r="A1"><x:v>1</x:v></x:c><x:c r="C1"><x:v>2</x:v></x:c></x:row>'
     '<x:row r="9"><x:c r="B9" t="inlineStr"><x:is><x:t>a</x:t></x:is></x:c></x:row>', (9, 3)),
    ('<row r="1"><c r="A1"><v>1</v></c></row><row r="1048576"><c r="A1048576"><v>1</v></c></row>',
     (1048576, 1)),
    ('<x:row r="1"><x:c r="A1"><x:v>1</x:v></x:c></x:row>'
     '<x:row r="1048576"><x:c r="A1048576" t="inlineStr"><x:is><x:t>a</x:t></x:is></x:c></x:row>',
     (1048576, 1)),
    ('<x:row r="1"><x:c r="A1"><x:v>1</x:v></x:c><x:c r="XFD1"><x:v>1</x:v></x:c></x:row>', (1, 16384)),
], ids=["cells", "cells with a prefix", "a stray value far down",
        "a stray inline string far down, with a prefix", "a stray value far right, with a prefix"])
def test_the_used_range_of_a_sheet_is_found_with_or_without_a_namespace_prefix(rows, expected):
    from yingsu_training.loading.workbook import _extent

    assert _extent(_SHEET.format(rows).encode()) == expected


def test_a_csv_row_wider_than_an_excel_sheet_is_one_problem_naming_the_row(tmp_path):
    text = "案号,被诉行政机关,收到起诉状副本日期\nA1,某局,2025-09-20\n" + "," * 20_000 + "\n"
    with pytest.raises(DataError) as info:
        load_cases(_write(tmp_path, "c.csv", text))
    (p,) = info.value.problems
    assert p.row == 3 and "超过 Excel 的 16,384 列上限" in p.message


_CELLS = '<c r="A1" t="inlineStr"><is><t>{}</t></is></c>'


@pytest.mark.parametrize("cells,expected", [
    ('<c r="A1"><v>1</v></c>', []),
    ('<c r="B2"><f>A1*2</f><v></v></c>', [(1, 1)]),
    ('<c r="B2"><f>A1*2</f><v>2</v></c>', []),
    # the words "sheetData" and "f" in a cell's text before and after the formula cell
    (_CELLS.format("sheetData") + '<c r="D4"><f>A1</f></c>', [(3, 3)]),
    ('<c r="D4"><f>A1</f></c>' + _CELLS.format("sheetData f"), [(3, 3)]),
    # elements with a namespace prefix (the Open XML SDK, some WPS versions)
    ('<x:c r="B2"><x:f>A1*2</x:f><x:v></x:v></x:c>', [(1, 1)]),
    ('<x:c r="B2"><x:f>A1*2</x:f><x:v>2</x:v></x:c>', []),
    ('<x:c r="A1"><x:v>1</x:v></x:c><x:c r="C3" s="2"><x:f>A1</x:f></x:c>', [(2, 2)]),
], ids=["no formula", "formula without result", "formula with result",
        "formula after a cell reading sheetData", "formula before a cell reading sheetData",
        "prefixed formula without result", "prefixed formula with result",
        "prefixed formula after a prefixed cell with a value"])
def test_formula_cells_without_a_saved_result_are_found_in_the_sheet_xml(cells, expected):
    from yingsu_training.loading.workbook import _formulas_without_value

    xml = (f'<worksheet><dimension ref="A1:D4"/><sheetData><row r="1">{cells}</row></sheetData>'
           f'<headerFooter><oddFooter>p</oddFooter></headerFooter></worksheet>').encode()
    assert _formulas_without_value(xml) == expected
