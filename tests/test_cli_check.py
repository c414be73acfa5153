"""``yingsu check``: summary on stdout, findings files with Chinese headers, Chinese errors."""
from datetime import date

import openpyxl
import pandas as pd
import pytest

from yingsu_training.cli import main
from yingsu_training.export import save_table
from yingsu_training.random_records import random_agencies, random_cases, random_suggestions

AS_OF = "2025-10-09"


@pytest.fixture()
def files(tmp_path):
    cases = random_cases(120, as_of=date(2025, 10, 9), seed=2, required=True)
    sugg = random_suggestions(30, as_of=date(2025, 10, 9), seed=2, required=True)
    ag = random_agencies(20, as_of=date(2025, 10, 9), seed=2, required=True)
    paths = {"cases": tmp_path / "案件.csv", "suggestions": tmp_path / "司法建议.xlsx",
             "agencies": tmp_path / "机关.csv"}
    save_table(cases, paths["cases"], "cases")
    save_table(sugg, paths["suggestions"], "suggestions")
    save_table(ag, paths["agencies"], "agencies")
    return paths


def test_check_prints_a_chinese_summary_per_clause(files, capsys):
    assert main(["check", str(files["cases"]), "--as-of", AS_OF]) == 0
    out = capsys.readouterr().out
    assert "检查日期：2025年10月09日" in out
    for header in ("条款", "合规", "违反", "待履行", "不适用", "信息不足"):
        assert header in out
    assert "三（二）不得超期答辩举证" in out and "120" in out


def test_check_writes_one_sheet_per_kind_and_a_summary_sheet(files, tmp_path, capsys):
    out = tmp_path / "结论.xlsx"
    assert main(["check", str(files["cases"]), "--suggestions", str(files["suggestions"]),
                 "--agencies", str(files["agencies"]), "--as-of", AS_OF, "-o", str(out)]) == 0
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["案件", "司法建议", "机关年度", "汇总"]
    assert [c.value for c in wb["案件"][1]] == ["案号", "条款编号", "条款", "结论", "期限届满日", "说明"]
    assert wb["案件"].max_row == 120 * 10 + 1
    assert wb["机关年度"].max_row == 20 * 4 + 1
    statuses = {row[3].value for row in wb["案件"].iter_rows(min_row=2)}
    assert statuses <= {"合规", "违反", "待履行", "不适用", "信息不足"}


def test_check_writes_utf8_bom_csv_files_per_kind(files, tmp_path):
    out = tmp_path / "结论.csv"
    assert main(["check", str(files["cases"]), "--agencies", str(files["agencies"]),
                 "--as-of", AS_OF, "-o", str(out)]) == 0
    cases_file = tmp_path / "结论-案件.csv"
    assert cases_file.read_bytes().startswith(b"\xef\xbb\xbf")
    frame = pd.read_csv(cases_file, encoding="utf-8-sig")
    assert list(frame.columns)[:4] == ["案号", "条款编号", "条款", "结论"]
    assert (tmp_path / "结论-机关年度.csv").exists() and (tmp_path / "结论-汇总.csv").exists()


def test_bad_input_ends_with_the_loaders_chinese_report_and_exit_2(tmp_path, capsys):
    bad = tmp_path / "bad.csv"
    bad.write_text("案号,被诉行政机关,收到起诉状副本日期\nA1,某局,2025-13-45\n", encoding="utf-8")
    assert main(["check", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "bad.csv" in err and "第2行" in err and "收到起诉状副本日期" in err
    assert "Traceback" not in err


def test_a_bad_check_date_or_output_name_is_a_chinese_error(files, capsys):
    assert main(["check", str(files["cases"]), "--as-of", "明天"]) == 2
    assert "检查日期" in capsys.readouterr().err
    assert main(["check", str(files["cases"]), "-o", "out.txt"]) == 2
    assert ".xlsx 或 .csv" in capsys.readouterr().err
