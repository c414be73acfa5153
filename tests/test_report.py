"""The year-end report: a workbook with the documented sheets and an offline HTML page."""
import re
from datetime import date

import pandas as pd
import pytest
from openpyxl import load_workbook

from yingsu_training.generator import generate
from yingsu_training.report import SHEETS, charts, html_report, write_excel, write_report
from yingsu_training.stats import METRICS, statistics


@pytest.fixture(scope="module")
def data():
    return generate(600, 2025, 31)


@pytest.fixture(scope="module")
def stats(data):
    return statistics(data.cases, data.suggestions, data.agencies, as_of=data.as_of, year=2025)


@pytest.fixture(scope="module")
def files(stats, tmp_path_factory):
    out = tmp_path_factory.mktemp("report")
    write_report(stats, xlsx=out / "报告.xlsx", html=out / "报告.html")
    return out / "报告.xlsx", out / "报告.html"


def test_the_workbook_opens_and_has_the_documented_sheets(files):
    wb = load_workbook(files[0])
    assert wb.sheetnames == list(SHEETS)


def test_the_summary_sheet_gives_the_city_figures(files, data):
    ws = load_workbook(files[0])["汇总"]
    assert "2025年度统计报告" in ws["A1"].value
    assert "2026年03月31日" in ws["A2"].value
    rows = {r[0]: r[1] for r in ws.iter_rows(min_row=5, values_only=True) if r[0]}
    assert rows["案件数"] == len(data.cases)
    assert 0 < rows["负责人出庭率（%）"] < 1
    assert len(ws._charts) == 1


@pytest.mark.parametrize("sheet,breakdown", [("按区县", "district"), ("按被诉机关", "agency"),
                                             ("按案件类别", "case_type")])
def test_each_breakdown_sheet_has_one_row_per_group(files, stats, sheet, breakdown):
    ws = load_workbook(files[0])[sheet]
    groups = [r[0] for r in ws.iter_rows(min_row=3, values_only=True) if r[0] is not None]
    assert groups == [str(g) for g in stats.tables[breakdown].index]
    header = [c.value for c in ws[2]]
    assert "负责人出庭率（%）" in header and "违反 三（二）" in header
    rate_col = header.index("败诉率（%）") + 1
    assert ws.cell(row=3, column=rate_col).number_format == "0.0%"


def test_the_definitions_sheet_defines_every_metric(files):
    ws = load_workbook(files[0])["指标说明"]
    names = {r[0] for r in ws.iter_rows(min_row=3, values_only=True)}
    assert {m.name for m in METRICS} <= names


def test_the_charts_sheet_holds_the_matplotlib_pictures(files):
    assert len(load_workbook(files[0])["图表"]._images) >= 4


def test_the_html_page_references_no_external_asset(files):
    text = files[1].read_text(encoding="utf-8")
    assert "http://" not in text and "https://" not in text
    assert not re.search(r"<(link|script)\b", text)
    sources = re.findall(r'src="([^"]*)"', text)
    assert sources and all(s.startswith("data:image/png;base64,") for s in sources)


def test_the_html_page_shows_the_figures_and_definitions(files, data):
    text = files[1].read_text(encoding="utf-8")
    assert "<h1>重庆市行政应诉工作2025年度统计报告</h1>" in text
    assert f"{len(data.cases):,}" in text
    for m in METRICS:
        assert m.name in text


def test_the_same_statistics_give_the_same_report_bytes(stats, tmp_path):
    drawn = charts(stats)  # the charts' own reproducibility: tests/test_plotting.py
    a, b = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    write_excel(stats, a, drawn)
    write_excel(stats, b, drawn)
    assert a.read_bytes() == b.read_bytes()
    assert html_report(stats, drawn) == html_report(stats, drawn)


def test_the_report_command_writes_both_files(tmp_path, capsys):
    from yingsu_training.cli import main

    d = generate(200, 2025, 5)
    d.save(tmp_path, xlsx=False)
    rc = main(["report", "--year", "2025", str(tmp_path / "cases-2025.csv"),
               "--suggestions", str(tmp_path / "suggestions-2025.csv"),
               "--agencies", str(tmp_path / "agencies-2025.csv"), "--as-of", "2026-03-31",
               "-o", str(tmp_path / "r.xlsx"), "--html", str(tmp_path / "r.html")])
    assert rc == 0
    assert load_workbook(tmp_path / "r.xlsx").sheetnames == list(SHEETS)
    assert (tmp_path / "r.html").exists()
    assert "已生成《重庆市行政应诉工作2025年度统计报告》（案件 200 件" in capsys.readouterr().out


@pytest.mark.parametrize("argv,message", [
    (["--as-of", "2026-13-31"], "检查日"),
    (["--as-of", "明年三月"], "检查日"),
    (["-o", "report.pdf"], ".xlsx"),
])
def test_the_report_command_explains_bad_options_in_chinese(tmp_path, capsys, argv, message):
    from yingsu_training.cli import main

    d = generate(20, 2025, 5)
    d.save(tmp_path, xlsx=False)
    base = ["report", "--year", "2025", str(tmp_path / "cases-2025.csv")]
    if "-o" not in argv:
        argv = argv + ["-o", str(tmp_path / "r.xlsx")]
    assert main(base + argv) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_a_missing_cases_file_is_reported_in_chinese_naming_it_without_traceback(tmp_path, capsys):
    from yingsu_training.cli import main

    assert main(["report", "--year", "2025", str(tmp_path / "无此文件.csv"),
                 "-o", str(tmp_path / "r.xlsx")]) == 2
    err = capsys.readouterr().err
    assert "找不到文件" in err and "无此文件.csv" in err and "Traceback" not in err
    assert not (tmp_path / "r.xlsx").exists()


def test_default_check_date_is_31_march_after_the_year(data):
    assert statistics(data.cases, year=2025).as_of == date(2026, 3, 31)


# ---------------------------------------------------------------------------------------------
# nothing dropped without saying so; a report on one unit is titled for it

def _spread_over_two_years():
    from yingsu_training.random_records import random_cases

    cases = random_cases(40, as_of=date(2026, 3, 31), seed=4, required=True)
    cases["complaint_received_on"] = pd.to_datetime(
        ["2024-11-05" if i % 4 == 0 else "2025-06-02" for i in range(len(cases))])
    return cases


def test_a_year_filter_that_leaves_records_out_says_how_many_and_why_on_the_first_page(tmp_path):
    stats = statistics(_spread_over_two_years(), year=2025)
    assert stats.excluded["case"] == 10
    path = write_excel(stats, tmp_path / "报告.xlsx")
    note = load_workbook(path)["汇总"]["A3"].value
    assert "10 件案件" in note and "收到起诉状副本日期不在 2025 年" in note
    assert "10 件案件（收到起诉状副本日期不在 2025 年）" in html_report(stats)


def test_a_year_filter_that_leaves_nothing_out_adds_no_note(tmp_path):
    cases = _spread_over_two_years()
    stats = statistics(cases[cases["complaint_received_on"].dt.year == 2025], year=2025)
    assert load_workbook(write_excel(stats, tmp_path / "报告.xlsx"))["汇总"]["A3"].value is None


@pytest.mark.parametrize("agency,district,title", [
    ("重庆市渝北区人民政府", "渝北区", "重庆市渝北区人民政府行政应诉工作2025年度统计报告"),
    (None, "渝北区", "重庆市渝北区行政应诉工作2025年度统计报告"),
    (None, None, "重庆市行政应诉工作2025年度统计报告"),
])
def test_a_report_on_one_agency_or_district_is_titled_for_that_unit(agency, district, title, tmp_path):
    cases = _spread_over_two_years()
    if district:
        cases["district"] = pd.array([district] * len(cases), dtype="string")
    if agency:
        cases["agency"] = pd.array([agency] * len(cases), dtype="string")
    stats = statistics(cases, year=2025)
    ws = load_workbook(write_excel(stats, tmp_path / "报告.xlsx"))["汇总"]
    assert ws["A1"].value == title
    assert ws["B4"].value == ("全市" if title.startswith("重庆市行政") else "合计")
    assert f"<h1>{title}</h1>" in html_report(stats)
