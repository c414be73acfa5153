"""Every workbook the kit writes prints on A4 as it stands: fit to the page width, the header
row(s) repeated on each page, the title in each page's header."""
from openpyxl import load_workbook

from yingsu_training.cli import main
from yingsu_training.generator import generate
from yingsu_training.report import write_report
from yingsu_training.stats import statistics


def _prints_on_a4(path, title_part):
    wb = load_workbook(path)
    for ws in wb.worksheets:
        assert int(ws.page_setup.paperSize) == 9, ws.title              # 9 = A4
        assert int(ws.page_setup.fitToWidth) == 1 and int(ws.page_setup.fitToHeight) == 0, ws.title
        assert ws.sheet_properties.pageSetUpPr.fitToPage, ws.title
        assert ws.print_title_rows, ws.title
        assert title_part in ws.oddHeader.center.text, ws.title
        assert "&P" in ws.oddFooter.center.text
    return wb


def test_the_year_end_report_prints_on_a4_with_its_title_and_header_rows(tmp_path):
    data = generate(60, 2025, 3)
    stats = statistics(data.cases, data.suggestions, data.agencies, as_of=data.as_of, year=2025)
    write_report(stats, xlsx=tmp_path / "报告.xlsx")
    wb = _prints_on_a4(tmp_path / "报告.xlsx", "2025年度统计报告")
    assert wb["汇总"].print_title_rows.replace("$", "") == "1:4"
    assert wb["汇总"].page_setup.orientation == "landscape"


def test_the_findings_workbook_prints_on_a4(tmp_path):
    data = generate(30, 2025, 5)
    data.save(tmp_path, xlsx=False)
    out = tmp_path / "结论.xlsx"
    cases = next(p for p in tmp_path.glob("*.csv") if "案件" in p.name or "case" in p.name)
    assert main(["check", str(cases), "-o", str(out)]) == 0
    _prints_on_a4(out, "行政应诉检查结论")
